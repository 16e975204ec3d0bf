#pragma once

#include "core/clock.h"
#include "core/protocol.h"
#include "core/result.h"

#include <QString>

#include <optional>

namespace sg::server {

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
public:
    static constexpr qint64 kIdleTimeoutSecs = 30 * 60;
    static constexpr qint64 kAbsoluteTimeoutSecs = 12 * 60 * 60;

    AccountStore(Database &db, const Clock &clock);

    Result<qint64> createAccount(const NewAccount &account);
    // Checks the password; on success the user, otherwise invalid-credentials (same answer for unknown logins).
    Result<proto::UserInfo> authenticate(const QString &login, const QString &password);
    Result<proto::SessionInfo> createSession(const proto::UserInfo &user);
    // The user behind a bearer token, refreshing its idle timer; nullopt when unknown or expired.
    std::optional<proto::UserInfo> resolveSession(const QString &token);
    void revokeSession(const QString &token);
    void revokeOtherSessions(qint64 userId, const QString &keepToken);
    // Sets a new password (policy checked) and clears the "must change" flag.
    Status changePassword(qint64 userId, const QString &newPassword, const QString &login);
    std::optional<proto::UserInfo> user(qint64 id);

private:
    std::optional<proto::UserInfo> readUser(const QString &whereColumn, const QVariant &value, QByteArray *hash);

    Database &m_db;
    const Clock &m_clock;
};

} // namespace sg::server
