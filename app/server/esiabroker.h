#pragma once

#include "core/clock.h"
#include "core/domain.h"
#include "core/result.h"
#include "server/httpmessage.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonObject>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>
#include <optional>

namespace sg::server {

class AccountStore;
class AuditLog;
class Database;
class Router;

// Makes ESIA's client_secret: the detached signature of the request's fields (esiaprotocol.h secretMessage()).
// Real ESIA wants a GOST R 34.10-2012 signature by the certificate registered for the client; that key never
// leaves the server (or its signing device), which is why the server, not the desktop client, talks to ESIA.
class EsiaSigner
{
public:
    virtual ~EsiaSigner() = default;
    // The raw signature bytes (the request carries them in base64url). Called from any worker thread.
    virtual Result<QByteArray> sign(const QByteArray &message) const = 0;
};

// The development signer: an Ed25519 key (libsodium) kept in a file, made on first use. The bundled ESIA test
// stand accepts it once the public key is registered there; real ESIA does not.
class DevelopmentSigner final : public EsiaSigner
{
public:
    static Result<std::shared_ptr<DevelopmentSigner>> loadOrCreate(const QString &keyFile);
    QByteArray publicKey() const; // 32 bytes
    Result<QByteArray> sign(const QByteArray &message) const override;

private:
    QByteArray m_secretKey; // 64 bytes (seed and public key)
};

// The production signer: an external program makes the GOST signature (for example CryptoPro's `csptest` or
// `cryptcp`, or OpenSSL with a GOST engine, wrapped in a small script). It reads the message on standard input and
// prints the detached signature in base64 on standard output; any other outcome is an error.
class CommandSigner final : public EsiaSigner
{
public:
    explicit CommandSigner(QStringList command, int timeoutMs = 15000);
    Result<QByteArray> sign(const QByteArray &message) const override;

private:
    QStringList m_command; // program and arguments
    int m_timeoutMs;
};

// How the server reaches ESIA (or the test stand) as its relying party.
struct EsiaSettings
{
    QUrl esiaUrl; // ESIA's base URL; empty: sign-in through ESIA is off
    QString clientId; // the client's mnemonic registered with ESIA
    // This server's /api/v1/esia/callback as a browser reaches it (registered with ESIA). Empty: the address the
    // server listens on (Server::start() fills it in); behind a proxy, the proxy's public URL.
    QUrl callbackUrl;
    QString scope = QStringLiteral("openid fullname birthdate");
    std::shared_ptr<const EsiaSigner> signer;
    // An id_token signed with something else than the stand's Ed25519 key (real ESIA signs with GOST or RSA) is
    // accepted only when this is set and ESIA is reached over HTTPS: the token then comes straight from ESIA's
    // token endpoint over a verified TLS connection (OpenID Connect Core 1.0, 3.1.3.7, point 6).
    bool trustTlsForIdToken = false;
    // "ESIA only": password sign-in (POST /api/v1/session) is off; the password of the e-diary account is still
    // asked once, when a Gosuslugi account is linked to it.
    bool esiaOnly = false;
    int timeoutMs = 15000; // each request to ESIA

    bool enabled() const { return esiaUrl.isValid() && !clientId.isEmpty() && callbackUrl.isValid() && signer; }
};

// A Gosuslugi account's level, as far as roles care.
enum class EsiaLevel {
    Simplified, // simplified or standard ("urn:esia:sbj:lvl" P, not trusted)
    Confirmed, // "PR", is_tru
    Child, // "KD": a child's account, linked to a parent's
};

// The person ESIA vouches for.
struct EsiaPerson
{
    QString oid;
    QString lastName;
    QString firstName;
    QString middleName;
    QDate birthDate;
    EsiaLevel level = EsiaLevel::Simplified;

    QJsonObject toJson() const;
    static std::optional<EsiaPerson> fromJson(const QJsonObject &json);
};

// The broker: the desktop client's sign-in through ESIA (a native app, RFC 8252). The client opens the system
// browser at GET /api/v1/esia/authorize with its PKCE challenge (S256) and a loopback redirect; the server sends
// the browser on to ESIA, takes the code back at /api/v1/esia/callback, resolves the person and then
//   * linked: sends the browser to the client's loopback address with a one-time code;
//   * not linked: shows the linking page (the e-diary login and password, «Прикрепить»), links when the person
//     matches, and does the same;
//   * a level too low for the role: sends the browser back with an error the client explains.
// The client exchanges the one-time code and its PKCE verifier at POST /api/v1/esia/token for a session.
// Everything that spans requests is in the database (esia_flows, esia_codes), so any instance can answer any step.
class EsiaBroker
{
    Q_DECLARE_TR_FUNCTIONS(sg::server::EsiaBroker)

public:
    static constexpr qint64 kFlowLifetimeSecs = 15 * 60; // from the start to the last step (linking included)
    static constexpr qint64 kCodeLifetimeSecs = 120; // the one-time code for the client
    static constexpr int kMaxClientStateLength = 512;

    EsiaBroker(Router &router, Database &db, AccountStore &accounts, AuditLog &audit, const Clock &clock,
        EsiaSettings settings);

    // Whether an account of this level may act in this role: a student with any account; every other role (parent,
    // teacher, class teacher, the school's director or administrator, the operator) with a confirmed one.
    static bool levelAllows(Role role, EsiaLevel level);
    // Whether the Gosuslugi person is the person of a SchoolGate record (names compared as people write them: case,
    // spaces and Ё/Е do not matter). Surname and name always; the patronymic when both have one; the birth date when
    // the Gosuslugi account states one (then the record must state the same). An account without a birth date (a
    // simplified one, as registration makes it) can match a student's record only: the names, and the knowledge of
    // the record's own password that linking asks for, are the proof there; no other role accepts such an account.
    struct Record
    {
        Role role = Role::Student;
        QString surname;
        QString givenName;
        QString patronymic;
        QDate birthDate;
    };
    static bool samePerson(const EsiaPerson &person, const Record &record);

    // The longest offline age of a client's copy (days), told to the client with the user in the token answer.
    void setOfflineMaxDays(int days) { m_offlineMaxDays = days; }

    // The administrator's unlink (schoolgate-server esia unlink LOGIN). Audited.
    Status unlink(const QString &login, const QString &actor);

private:
    struct Flow
    {
        QString state;
        QString nonce;
        QString browserHash;
        QString clientRedirect;
        QString clientState;
        QString codeChallenge;
        qint64 createdAt = 0;
        QString stage;
        std::optional<EsiaPerson> person;
    };
    struct Account
    {
        qint64 id = 0;
        QString login;
        Role role = Role::School;
        QString surname;
        QString givenName;
        QString patronymic;
        QDate birthDate;
        bool disabled = false;
    };

    HttpResponse info() const;
    HttpResponse authorize(const HttpRequest &request);
    HttpResponse callback(const HttpRequest &request);
    HttpResponse linkPage(const HttpRequest &request);
    HttpResponse link(const HttpRequest &request);
    HttpResponse token(const HttpRequest &request);

    std::optional<Flow> readFlow(const QString &state);
    // The flow of a browser's request: the state must be known and fresh and the request must carry the cookie
    // that was set when the flow began (another browser cannot finish it). Otherwise an error page.
    std::optional<Flow> flowOf(const HttpRequest &request, const QString &state, HttpResponse *failure);
    std::optional<Account> account(const QString &column, const QVariant &value);
    std::optional<Account> linkedAccount(const QString &oid);

    // The exchange with ESIA: the code for tokens, the id_token checked, the person read.
    Result<EsiaPerson> resolvePerson(const Flow &flow, const QString &code);
    Result<QByteArray> clientSecret(const QString &timestamp, const QString &state, const QString &code = {}) const;
    Result<QByteArray> idTokenKey(const QString &kid);

    // The last step: a one-time code for the client and the browser sent to its loopback address.
    HttpResponse finish(const Flow &flow, const Account &account);
    HttpResponse redirectToClient(const Flow &flow, const QList<QPair<QString, QString>> &fields);
    void endFlow(const QString &state);
    void purgeExpired(qint64 now);

    HttpResponse page(int status, const QString &title, const QString &bodyHtml, const QUrl &formTarget = {}) const;
    HttpResponse errorPage(int status, const QString &message) const;
    HttpResponse linkForm(const Flow &flow, int status, const QString &message) const;
    static QString levelExplanation();

    Database &m_db;
    AccountStore &m_accounts;
    AuditLog &m_audit;
    const Clock &m_clock;
    EsiaSettings m_settings;
    QMutex m_keysMutex;
    QHash<QString, QByteArray> m_keys; // the stand's id_token keys by kid, fetched once
    int m_offlineMaxDays = 30;
};

} // namespace sg::server
