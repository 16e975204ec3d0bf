#include "server/crypto.h"

#include <QCryptographicHash>
#include <QLoggingCategory>

#include <sodium.h>

Q_LOGGING_CATEGORY(lcCrypto, "sg.server.crypto")

namespace sg::server::crypto {

namespace {
constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = 64u * 1024u * 1024u;
} // namespace

bool initialize()
{
    static const bool ok = sodium_init() >= 0;
    return ok;
}

QByteArray hashPassword(const QString &password)
{
    initialize();
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(
            out, utf8.constData(), quint64(utf8.size()), kOpsLimit, kMemLimit, crypto_pwhash_ALG_ARGON2ID13)
        != 0) {
        qCCritical(lcCrypto) << "password hashing ran out of memory";
        return {};
    }
    return QByteArray(out);
}

bool verifyPassword(const QByteArray &storedHash, const QString &password)
{
    initialize();
    if (storedHash.isEmpty() || storedHash.size() >= crypto_pwhash_STRBYTES)
        return false;
    const QByteArray utf8 = password.toUtf8();
    return crypto_pwhash_str_verify(storedHash.constData(), utf8.constData(), quint64(utf8.size())) == 0;
}

bool passwordNeedsRehash(const QByteArray &storedHash)
{
    initialize();
    return crypto_pwhash_str_needs_rehash(storedHash.constData(), kOpsLimit, kMemLimit) != 0;
}

void burnVerificationTime(const QString &password)
{
    static const QByteArray dummy = hashPassword(QStringLiteral("not a real password, only for timing"));
    verifyPassword(dummy, password);
}

QByteArray randomBytes(int count)
{
    initialize();
    QByteArray out(count, Qt::Uninitialized);
    randombytes_buf(out.data(), size_t(count));
    return out;
}

QString randomToken()
{
    return QString::fromLatin1(
        randomBytes(32).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString randomPassword(int length)
{
    initialize();
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    const quint32 n = sizeof(alphabet) - 1;
    QString out;
    out.reserve(length);
    for (int i = 0; i < length; ++i)
        out.append(QLatin1Char(alphabet[randombytes_uniform(n)]));
    return out;
}

QByteArray tokenHash(const QString &token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256);
}

QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

} // namespace sg::server::crypto
