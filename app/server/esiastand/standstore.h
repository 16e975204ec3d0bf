#pragma once

#include "core/clock.h"
#include "core/result.h"
#include "esiastand/standtypes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

class QSqlQuery;

namespace sg::esiastand {

// A relying party: who may ask the stand to sign people in, where the answers may go, and the key its
// client_secret signatures are checked with.
struct Client
{
    QString clientId;
    QStringList redirectUris; // as registered (normalised)
    QByteArray publicKey; // Ed25519, 32 bytes
};

// A browser signed in to the stand.
struct StandSession
{
    QString oid;
    QString sid; // urn:esia:sid
    QDateTime authTime;
    QDateTime expiresAt;
};

// An authorisation code or a token as stored (by the SHA-256 of its text).
struct Grant
{
    QByteArray hash;
    QString kind; // "code", "access" or "refresh"
    QString clientId;
    QString redirectUri; // codes
    QString oid;
    QString scope; // space-separated
    QString nonce; // codes
    QString sid;
    QDateTime authTime;
    QDateTime expiresAt;
    QByteArray codeHash; // tokens: the code they were issued for
    bool used = false; // codes: exchanged already; tokens: revoked
};

// A single-use link sent by mail: password recovery or the confirmation of a registration.
struct MailToken
{
    QString purpose; // "recovery" or "register"
    QString oid; // recovery
    QJsonObject data; // register: lastName, firstName, email; both: "authorization" (the pending request)
    QDateTime expiresAt;
};

// The stand's own SQLite file (esia-stand.sqlite) on its own connection: accounts, clients, sessions, pending
// authorisation requests, codes and tokens, mailed links and failed sign-ins. The schema is versioned with
// PRAGMA user_version. Secrets (sessions, tickets, codes, tokens, mailed links) are stored as SHA-256 only. One
// object per thread; every method returns an Error (code "internal-error", or "validation-failed" /"conflict"
// for what the caller gave) rather than throwing.
class StandStore
{
public:
    static constexpr int kSchemaVersion = 2;

    ~StandStore();
    StandStore(const StandStore &) = delete;
    StandStore &operator=(const StandStore &) = delete;

    // Opens (creating when missing) and migrates the file. A file that is not a stand database, is damaged, is
    // newer than this program or cannot be read gives an Error whose message names the file and the reason.
    static Result<std::unique_ptr<StandStore>> open(const QString &path, const Clock &clock);

    const QString &path() const { return m_path; }

    // A random secret of the stand, made on first use and kept in the file (the CSRF key).
    Result<QByteArray> secret(const QString &name, int bytes);

    // Clients.
    Status saveClient(const Client &client); // adds or replaces
    std::optional<Client> client(const QString &clientId);

    // Accounts. insertAccount gives the new oid; a duplicate e-mail, phone or SNILS is a "conflict".
    Result<QString> insertAccount(const Account &account);
    std::optional<Account> accountByOid(const QString &oid);
    // By a normalised identifier: column is "email", "phone" or "snils".
    std::optional<Account> accountBy(const QString &column, const QString &value);
    // The account a typed login names (e-mail, then SNILS, then phone; see rules::parseLogin).
    std::optional<Account> accountByLogin(const QString &login);
    Result<QList<Account>> accounts();
    Status setLevel(const QString &oid, AccountLevel level);
    Status setPassword(const QString &oid, const QByteArray &hash);
    Status setEmail(const QString &oid, const QString &email, bool verified);
    // The profile page: birth date, SNILS (normalised, unique: "conflict" when another account has it) and passport,
    // with the level they lead to.
    Status setProfile(
        const QString &oid, const QDate &birthDate, const QString &snils, const QString &passport, AccountLevel level);
    // A request for confirmation made (a time) or settled (null).
    Status setConfirmationRequested(const QString &oid, const QDateTime &at);
    Result<QString> insertOrganisation(const QString &oid, const OrganisationSpec &organisation);
    QList<Organisation> organisations(const QString &oid);

    // Stand sessions (browser cookies).
    Status insertSession(const QByteArray &hash, const StandSession &session);
    std::optional<StandSession> session(const QByteArray &hash);
    void deleteSession(const QByteArray &hash);
    void deleteSessionsOf(const QString &oid);

    // Authorisation requests waiting for a sign-in (kept server side, referenced by a ticket).
    Status insertPending(const QByteArray &hash, const QJsonObject &request, const QDateTime &expiresAt);
    std::optional<QJsonObject> pending(const QByteArray &hash);
    void deletePending(const QByteArray &hash);

    // Codes and tokens.
    Status insertGrant(const Grant &grant);
    std::optional<Grant> grant(const QByteArray &hash, const QString &kind);
    // Marks a code exchanged; false when it was exchanged already (or does not exist).
    bool useCode(const QByteArray &hash);
    // Revokes every token issued for the code; the number revoked.
    int revokeTokensOfCode(const QByteArray &codeHash);
    bool revokeToken(const QByteArray &hash);

    // Mailed links. consumeMailToken marks one used; false when it was used already.
    Status insertMailToken(const QByteArray &hash, const MailToken &token);
    std::optional<MailToken> mailToken(const QByteArray &hash); // unused and not expired
    bool consumeMailToken(const QByteArray &hash);
    // Makes the other open recovery links of the account unusable.
    void dropRecoveryTokens(const QString &oid);

    // Failed sign-ins under a subject ("account:<oid>", "login:<text>", "address:<ip>").
    void recordFailure(const QString &subject);
    // Failures since the given time: how many, the first and the last.
    struct FailureStats
    {
        int count = 0;
        QDateTime first;
        QDateTime last;
    };
    FailureStats failures(const QString &subject, const QDateTime &since);
    void clearFailures(const QString &subject);
    // Removes what expired: failures older than a day, sessions, tickets, codes, tokens and links past their end.
    void purge();

    // Runs fn in one transaction; committed when it returns ok.
    Status transaction(const std::function<Status()> &fn);

private:
    StandStore(QString path, QString connection, const Clock &clock);
    Status migrate();
    Result<QSqlQuery> run(const QString &sql, const QVariantList &values = {});
    static Account readAccount(const QSqlQuery &q);
    qint64 nowSecs() const;

    QString m_path;
    QString m_connection;
    const Clock &m_clock;
    QSqlDatabase m_db;
};

} // namespace sg::esiastand
