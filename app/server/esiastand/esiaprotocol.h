#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <optional>

// The wire contract of ESIA (Gosuslugi login) as both sides of it speak it here: the relying party (the broker in
// the server) and the ESIA test stand. Pure functions and constants only (QtCore), so the broker can include this
// header without anything of the stand. Library target: sg_esiaprotocol.
namespace sg::esiastand {

// Paths, the same as the real ESIA's.
namespace path {
inline constexpr char Authorize[] = "/aas/oauth2/v2/ac"; // GET: authorisation request (browser)
inline constexpr char Token[] = "/aas/oauth2/v3/te"; // POST form: code -> tokens (server to server)
inline constexpr char Jwks[] = "/aas/oauth2/jwks"; // GET: the stand's id_token key (stand extension)
inline constexpr char Persons[] = "/rs/prns"; // GET /rs/prns/{oid}, /rs/prns/{oid}/ctts, /rs/prns/{oid}/roles
inline constexpr char Logout[] = "/idp/ext/Logout"; // GET ?client_id=…&redirect_url=…
} // namespace path

// Scopes the stand knows. "openid" is required in every authorisation request.
namespace scope {
inline constexpr char OpenId[] = "openid";
inline constexpr char FullName[] = "fullname"; // firstName, lastName, middleName
inline constexpr char BirthDate[] = "birthdate";
inline constexpr char Gender[] = "gender";
inline constexpr char Snils[] = "snils";
inline constexpr char Email[] = "email"; // contacts of type EML
inline constexpr char Mobile[] = "mobile"; // contacts of type MBT
inline constexpr char Contacts[] = "contacts"; // both
inline constexpr char Organisations[] = "usr_org"; // /rs/prns/{oid}/roles
} // namespace scope

// id_token claims beyond the registered JWT ones (iss, aud, sub, iat, nbf, exp, auth_time, nonce, amr).
namespace claim {
inline constexpr char SessionId[] = "urn:esia:sid";
inline constexpr char Subject[] = "urn:esia:sbj"; // an object with the four below (and is_tru)
inline constexpr char SubjectType[] = "urn:esia:sbj:typ"; // "P": a person
inline constexpr char SubjectOid[] = "urn:esia:sbj:oid";
inline constexpr char SubjectName[] = "urn:esia:sbj:nam"; // "OID.<oid>"
inline constexpr char SubjectLevel[] = "urn:esia:sbj:lvl"; // see level::
inline constexpr char SubjectTrusted[] = "urn:esia:sbj:is_tru"; // true, present only for a confirmed account
} // namespace claim

// Values of urn:esia:sbj:lvl.
namespace level {
inline constexpr char Person[] = "P"; // simplified or standard account
inline constexpr char Confirmed[] = "PR"; // confirmed account
inline constexpr char Child[] = "KD"; // a child's account, linked to a parent
} // namespace level

// How old (or how far ahead) a request's timestamp may be against the stand's clock.
inline constexpr int kTimestampToleranceSecs = 5 * 60;
inline constexpr int kAccessTokenLifetimeSecs = 3600;
inline constexpr int kCodeLifetimeSecs = 5 * 60;

// The bytes the client signs as client_secret: UTF-8 of client_id + scope + scope_org + timestamp + state +
// redirect_uri, followed by code at the token step (scopeOrg and code empty when absent). The values exactly as
// they travel (after URL decoding), with nothing in between.
QByteArray secretMessage(const QString &clientId, const QString &scope, const QString &scopeOrg,
    const QString &timestamp, const QString &state, const QString &redirectUri, const QString &code = {});

// "yyyy.MM.dd HH:mm:ss +ZZZZ" (e.g. "2026.09.01 12:00:00 +0300"), in the date-time's own offset.
QString formatTimestamp(const QDateTime &time);
// The instant of such a timestamp; nullopt when the text has another shape or names no valid time.
std::optional<QDateTime> parseTimestamp(const QString &text);

// application/x-www-form-urlencoded, the encoding of the token request's body and of the authorisation
// request's query: every byte outside A-Z a-z 0-9 - . _ ~ is percent-encoded ('+' as %2B, space as %20).
QByteArray encodeForm(const QList<QPair<QString, QString>> &fields);
// The reverse: '+' is a space, %XX a byte, the result UTF-8. Pairs in their order; a name without '=' has an
// empty value. Returns nullopt for a malformed escape or invalid UTF-8.
std::optional<QList<QPair<QString, QString>>> decodeForm(const QByteArray &encoded);

// base64url without padding (JWT, JWK "x", client_secret) and its strict reverse (nullopt on other characters).
QByteArray base64Url(const QByteArray &bytes);
std::optional<QByteArray> fromBase64Url(const QByteArray &text);

// The oid in a claim or a JSON member: the stand writes it as a string of digits, the real ESIA as a number;
// both are accepted. Empty when the value is neither.
QString oidFrom(const QJsonValue &value);

// A redirect URI in the form it is compared in: scheme and host lower case, the default port dropped, an empty
// path as "/". Invalid when the text is not an absolute http(s) URL without user info or fragment.
QUrl normalizedRedirectUri(const QString &text);
// Whether requested may be used where registered was registered: equal after normalisation; for a registered
// http URI on 127.0.0.1 or [::1] any port is allowed (RFC 8252, section 7.3).
bool redirectUriMatches(const QString &registered, const QString &requested);

} // namespace sg::esiastand
