#include "client/cachecrypto.h"

#include <QString>

#include <cstring>
#include <sodium.h>

namespace sg::client {

namespace {

static_assert(CacheCrypto::kKeySize == crypto_secretbox_KEYBYTES);
static_assert(CacheCrypto::kOverhead == crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES);

bool initializeSodium()
{
    static const bool ok = sodium_init() >= 0;
    return ok;
}

Error corrupt(const QString &message)
{
    return Error{QString::fromLatin1(cacheerr::Corrupt), message};
}

} // namespace

QByteArray CacheCrypto::generateKey()
{
    initializeSodium();
    QByteArray key(kKeySize, Qt::Uninitialized);
    randombytes_buf(key.data(), size_t(key.size()));
    return key;
}

CacheCrypto::CacheCrypto(const QByteArray &key)
{
    initializeSodium();
    if (key.size() == kKeySize) {
        std::memcpy(m_key.data(), key.constData(), m_key.size());
        m_valid = true;
    }
}

CacheCrypto::~CacheCrypto()
{
    sodium_memzero(m_key.data(), m_key.size());
}

QByteArray CacheCrypto::seal(const QByteArray &plain) const
{
    if (!m_valid)
        return {};
    QByteArray out(kOverhead + plain.size(), Qt::Uninitialized);
    auto *nonce = reinterpret_cast<unsigned char *>(out.data());
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
        reinterpret_cast<const unsigned char *>(plain.constData()), quint64(plain.size()), nonce, m_key.data());
    return out;
}

Result<QByteArray> CacheCrypto::open(const QByteArray &sealed) const
{
    if (!m_valid)
        return Error{QString::fromLatin1(cacheerr::WrongKey), QStringLiteral("the cache key has the wrong size")};
    if (sealed.size() < kOverhead)
        return corrupt(QStringLiteral("a sealed value is too short (%1 bytes)").arg(sealed.size()));
    const auto *nonce = reinterpret_cast<const unsigned char *>(sealed.constData());
    QByteArray plain(sealed.size() - kOverhead, Qt::Uninitialized);
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char *>(plain.data()), nonce + crypto_secretbox_NONCEBYTES,
            quint64(sealed.size() - crypto_secretbox_NONCEBYTES), nonce, m_key.data())
        != 0)
        return corrupt(QStringLiteral("a sealed value does not open: it was changed or sealed under another key"));
    return plain;
}

} // namespace sg::client
