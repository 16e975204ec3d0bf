#pragma once

#include "core/protocol.h"
#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QUrl>

#include <cstddef>

namespace sg::client {

// Argon2id costs (libsodium crypto_pwhash): opsLimit passes over memLimit bytes.
struct PasswordHashLimits
{
    unsigned long long opsLimit = 0;
    std::size_t memLimit = 0;

    // crypto_pwhash_OPSLIMIT_MODERATE / MEMLIMIT_MODERATE (3 passes, 256 MiB): what the client uses.
    static PasswordHashLimits moderate();
    // crypto_pwhash_OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE (2 passes, 64 MiB): for tests that sign in often.
    static PasswordHashLimits interactive();
};

// Error codes of the offline vault (client side only).
namespace vaulterr {
inline constexpr char Missing[] = "vault-missing"; // no vault file: this copy cannot be opened with a password
inline constexpr char Corrupt[] = "vault-corrupt"; // the file is damaged or not a vault
inline constexpr char Io[] = "vault-io"; // it cannot be read or written
inline constexpr char NoPassword[] = "vault-no-password"; // no verifier (the copy was made without a password)
inline constexpr char WrongPassword[] = "vault-wrong-password";
inline constexpr char Locked[] = "vault-locked"; // too many wrong passwords: wait until retryAt()
} // namespace vaulterr

// What lets an offline copy (LocalCache) be opened with the account's password when the server cannot be reached:
// a file beside the copy (offline/<id>.vault, JSON, written atomically) with
// * an Argon2id verifier of the password (crypto_pwhash_str; never the password itself);
// * the copy's key wrapped (secretbox, CacheCrypto) under a key derived from the password (crypto_pwhash, Argon2id,
//   a salt of its own), so the copy opens without the keychain, and only with the password or the keychain;
// * the signed-in user as the server described it, sealed under the copy's key;
// * the longest offline age the server allows, the time of the last complete sync, and the wrong-password counter
//   with the time the next attempt is allowed (so a restart does not reset it).
// Plain (not secret): login, server address, times, counters. GUI-free; the caller passes the times (a Clock).
class OfflineVault
{
public:
    // Wrong passwords allowed before each further attempt has to wait (30 s, doubling, at most an hour).
    static constexpr int kFreeAttempts = 5;
    static constexpr int kFirstWaitSecs = 30;
    static constexpr int kLongestWaitSecs = 3600;
    static constexpr int kDefaultMaxDays = 30;
    static constexpr int kLongestMaxDays = 3650;

    // The id of the offline copy of an account: 32 hex digits of SHA-256(server address + "\n" + login); the file
    // names (offline/<id>.db, offline/<id>.vault) and the keychain entry (offline/<id>/key) reveal neither.
    static QString copyId(const QUrl &server, const QString &login);

    // A new vault for an account (no password yet).
    OfflineVault(const QString &login, const QUrl &server, const QDateTime &createdAt);

    // Reads a vault file: "vault-missing" when there is none, "vault-corrupt" when it is damaged, truncated or
    // holds values out of range, "vault-io" when it cannot be read. Never crashes on any input.
    static Result<OfflineVault> load(const QString &path);
    // Writes the vault atomically (QSaveFile): the old file stays whole if writing fails.
    Status save(const QString &path) const;
    // Overwrites the file with zeros and removes it; succeeds when there is none.
    static Status remove(const QString &path);

    QString login() const { return m_login; }
    QUrl server() const { return m_server; }
    QDateTime createdAt() const { return m_createdAt; }

    // Replaces the verifier and the wrapped key (fresh salts): after an online sign-in with this password. Fails
    // only when Argon2id cannot get its memory or cacheKey is not a CacheCrypto key.
    Status setPassword(const QString &password, const QByteArray &cacheKey,
        const PasswordHashLimits &limits = PasswordHashLimits::moderate());
    bool hasPassword() const { return !m_verifier.isEmpty(); }
    // Takes the verifier and the wrapped key of other (made by setPassword() on a copy, off the GUI thread) and
    // resets the wrong-password count; everything else stays.
    void adoptPassword(const OfflineVault &other);

    // Checks the password against the verifier and returns the copy's key. A wrong password is counted (save the
    // vault afterwards); from the kFreeAttempts-th one on, attempts before retryAt() fail with "vault-locked"
    // without checking. A right one resets the counter.
    Result<QByteArray> unlock(const QString &password, const QDateTime &now);
    int failedAttempts() const { return m_failedAttempts; }
    // When the next attempt is allowed (invalid: now).
    QDateTime retryAt() const { return m_retryAt; }

    // The signed-in user, sealed under the copy's key.
    void setUser(const proto::UserInfo &user, const QByteArray &cacheKey);
    Result<proto::UserInfo> user(const QByteArray &cacheKey) const;

    // The longest offline age the server allows (days); 0 or less from the server means the default.
    int maxDays() const { return m_maxDays; }
    void setMaxDays(int days);
    // The end of the last complete sync (invalid: none yet).
    QDateTime lastSync() const { return m_lastSync; }
    void setLastSync(const QDateTime &t) { m_lastSync = t.toUTC(); }
    // True when the data is older than maxDays: the last sync (or, before the first one, the vault's creation) was
    // more than maxDays before now.
    bool isExpired(const QDateTime &now) const;

private:
    OfflineVault() = default;

    QString m_login;
    QUrl m_server;
    QDateTime m_createdAt;
    QDateTime m_lastSync;
    int m_maxDays = kDefaultMaxDays;
    QByteArray m_verifier; // crypto_pwhash_str output, without its terminating zero
    QByteArray m_salt;
    unsigned long long m_opsLimit = 0;
    std::size_t m_memLimit = 0;
    QByteArray m_wrappedKey;
    QByteArray m_sealedUser;
    int m_failedAttempts = 0;
    QDateTime m_retryAt;
};

} // namespace sg::client
