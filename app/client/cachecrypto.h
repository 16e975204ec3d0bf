#pragma once

#include "core/result.h"

#include <QByteArray>

#include <array>

namespace sg::client {

// Authenticated encryption of the local cache's personal data: libsodium secretbox (XSalsa20-Poly1305) under
// one 256-bit key. A sealed value is a random 24-byte nonce followed by the ciphertext and its 16-byte tag.
// The key bytes live inside the object and are wiped (sodium_memzero) when it is destroyed.
class CacheCrypto
{
public:
    // Bytes of a key (crypto_secretbox_KEYBYTES).
    static constexpr int kKeySize = 32;
    // Bytes a sealed value adds to its plain text: the nonce and the tag.
    static constexpr int kOverhead = 24 + 16;

    // A new random key (kKeySize bytes from the system's CSPRNG).
    static QByteArray generateKey();

    // Takes a copy of key; a key of another size leaves the object invalid (seal() then returns an empty array
    // and open() fails with "cache-wrong-key").
    explicit CacheCrypto(const QByteArray &key);
    ~CacheCrypto();
    CacheCrypto(const CacheCrypto &other) = default;
    CacheCrypto &operator=(const CacheCrypto &other) = default;

    // True when the key had the right size.
    bool isValid() const { return m_valid; }

    // Encrypts plain under a fresh random nonce: nonce || ciphertext || tag. Empty when the key is invalid.
    QByteArray seal(const QByteArray &plain) const;

    // Decrypts a value made by seal(). Fails with "cache-corrupt" when it is too short, was changed or was sealed
    // under another key; never reads outside the input.
    Result<QByteArray> open(const QByteArray &sealed) const;

private:
    std::array<unsigned char, kKeySize> m_key{};
    bool m_valid = false;
};

// Error codes of the local cache (client side only; never sent to a server).
namespace cacheerr {
inline constexpr char Corrupt[] = "cache-corrupt"; // damaged file, or a sealed value that does not open
inline constexpr char WrongKey[] = "cache-wrong-key"; // the key does not open this cache
inline constexpr char Io[] = "cache-io"; // a statement failed (disk full, I/O error, busy, injected fault)
inline constexpr char TooNew[] = "cache-too-new"; // written by a newer program
inline constexpr char UnknownMember[] = "cache-unknown-member"; // a decision on a member the cache does not hold
inline constexpr char DuplicateKey[] = "cache-duplicate-key"; // an idempotency key already in the outbox
inline constexpr char InvalidArgument[] = "cache-invalid-argument";
inline constexpr char NotFound[] = "cache-item-not-found"; // no outbox item with that key
inline constexpr char InvalidState[] = "cache-invalid-state"; // the item is not in a state that allows this
} // namespace cacheerr

} // namespace sg::client
