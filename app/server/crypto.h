#pragma once

#include <QByteArray>
#include <QString>

namespace sg::server::crypto {

// Initialises libsodium once; safe to call from anywhere. Returns false if the library cannot start.
bool initialize();

// Argon2id (libsodium crypto_pwhash_str) with t = 2 and m = 64 MiB.
QByteArray hashPassword(const QString &password);
bool verifyPassword(const QByteArray &storedHash, const QString &password);
// True when the stored hash was made with other (older) parameters and should be replaced on next login.
bool passwordNeedsRehash(const QByteArray &storedHash);
// Spends the time of one verification, for logins of unknown accounts (no user enumeration by timing).
void burnVerificationTime(const QString &password);

// Cryptographically random bytes, and a URL-safe text token of 256 bits.
QByteArray randomBytes(int count);
QString randomToken();
// A human-typeable random password of the given length (letters and digits without look-alikes).
QString randomPassword(int length = 16);

// SHA-256 of the UTF-8 text, as raw bytes (what is stored for a session token).
QByteArray tokenHash(const QString &token);
QString sha256Hex(const QByteArray &data);

} // namespace sg::server::crypto
