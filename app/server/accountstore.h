#pragma once

#include "core/clock.h"
#include "core/protocol.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QDate>
#include <QSqlQuery>
#include <QString>

#include <optional>

namespace sg::server {

class AuditLog;
class Database;

struct NewAccount
{
    QString login;
    QString password;
    Role role = Role::School;
    std::optional<qint64> schoolId;
    QString displayName;
    bool mustChangePassword = false;
};

// Accounts and sessions. Passwords are stored as Argon2id hashes; session tokens are 256-bit random values
// of which only the SHA-256 is stored. Sessions expire after 30 minutes idle and 12 hours in all.
class AccountStore
{
    Q_DECLARE_TR_FUNCTIONS(sg::server::AccountStore)

public:
    static constexpr qint64 kIdleTimeoutSecs = 30 * 60;
    static constexpr qint64 kAbsoluteTimeoutSecs = 12 * 60 * 60;

    AccountStore(Database &db, AuditLog &audit, const Clock &clock);

    Result<qint64> createAccount(const NewAccount &account);
    static constexpr int kMaxFailuresPerHour = 30; // per account
    static constexpr int kMaxAddressFailuresPerHour = 200; // per client address
    static constexpr int kFreeFailures = 5; // before the growing waits start

    // Checks the password; on success the user, otherwise invalid-credentials (same answer for unknown logins).
    // Brute force meets a soft lockout: after kFreeFailures failures each new try waits 1, 2, 4 … s (at most
    // 15 min) after the last failure, and after kMaxFailuresPerHour in an hour the account rests until the
    // hour is over (account-locked, 429 with Retry-After). Never a permanent disable; a success clears it.
    Result<proto::UserInfo> authenticate(const QString &login, const QString &password, const QString &address = {});
    // Drops failure records older than a day.
    void purgeLoginFailures();
    Result<proto::SessionInfo> createSession(const proto::UserInfo &user);
    // The user behind a bearer token, refreshing its idle timer; nullopt when unknown or expired.
    std::optional<proto::UserInfo> resolveSession(const QString &token);
    void revokeSession(const QString &token);
    void revokeOtherSessions(qint64 userId, const QString &keepToken);
    // Sets a new password (policy checked) and clears the "must change" flag.
    Status changePassword(qint64 userId, const QString &newPassword, const QString &login);
    // Disables an account (its sessions end at once: the next request with one of them gets 401, and sign-in is
    // refused like a wrong password) or enables it again. Audited with the administrator as the actor.
    Status setDisabled(const QString &login, bool disabled, const QString &actor);
    // The person behind an account: what a Gosuslugi account must match before it is linked to it (surname, name,
    // date of birth). Audited with the administrator as the actor.
    Status setPerson(const QString &login, const QString &surname, const QString &givenName, const QString &patronymic,
        const QDate &birthDate, const QString &actor);
    std::optional<proto::UserInfo> user(qint64 id);

private:
    std::optional<Error> lockout(const QString &login, const QString &address, qint64 now);
    // The account with this login, positioned on its row: id, school_id, then columns; not-found otherwise.
    Result<QSqlQuery> accountRow(const QString &login, const QString &columns);
    std::optional<proto::UserInfo> readUser(const QString &whereColumn, const QVariant &value, QByteArray *hash);

    Database &m_db;
    AuditLog &m_audit;
    const Clock &m_clock;
};

} // namespace sg::server
