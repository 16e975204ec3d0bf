#include "esiastand/standkeys.h"

#include "core/errorcodes.h"
#include "esiastand/esiaprotocol.h"
#include "server/crypto.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <sodium.h>

namespace sg::esiastand {

namespace {

Error keyError(const QString &message)
{
    return Error{QString::fromLatin1(errc::Internal), message, 500};
}

QString thumbprint(const QByteArray &publicKey)
{
    // RFC 7638: the required members in lexicographic order, no white space.
    const QByteArray canonical =
        QByteArray(R"({"crv":"Ed25519","kty":"OKP","x":")") + base64Url(publicKey) + QByteArray(R"("})");
    return QString::fromLatin1(base64Url(QCryptographicHash::hash(canonical, QCryptographicHash::Sha256)));
}

} // namespace

StandKeys::StandKeys(QByteArray secret, QByteArray publicKey)
    : m_secret(std::move(secret))
    , m_public(std::move(publicKey))
    , m_kid(thumbprint(m_public))
{}

Result<StandKeys> StandKeys::loadOrCreate(const QString &path)
{
    if (!server::crypto::initialize())
        return keyError(QStringLiteral("libsodium failed to initialise"));
    QByteArray seed;
    if (QFileInfo::exists(path)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return keyError(QStringLiteral("cannot read the signing key %1: %2").arg(path, file.errorString()));
        QJsonParseError pe{};
        const QJsonObject jwk = QJsonDocument::fromJson(file.read(64 * 1024), &pe).object();
        const auto d = fromBase64Url(jwk.value(QStringLiteral("d")).toString().toLatin1());
        if (pe.error != QJsonParseError::NoError || jwk.value(QStringLiteral("kty")).toString() != QLatin1String("OKP")
            || jwk.value(QStringLiteral("crv")).toString() != QLatin1String("Ed25519") || !d
            || d->size() != crypto_sign_SEEDBYTES)
            return keyError(QStringLiteral("the signing key %1 is damaged (not an Ed25519 private JWK); move it away "
                                           "to make a new key, then give the clients the new JWKS")
                                .arg(path));
        seed = *d;
    } else {
        seed = server::crypto::randomBytes(crypto_sign_SEEDBYTES);
    }
    QByteArray publicKey(crypto_sign_PUBLICKEYBYTES, Qt::Uninitialized);
    QByteArray secret(crypto_sign_SECRETKEYBYTES, Qt::Uninitialized);
    crypto_sign_seed_keypair(reinterpret_cast<unsigned char *>(publicKey.data()),
        reinterpret_cast<unsigned char *>(secret.data()), reinterpret_cast<const unsigned char *>(seed.constData()));
    StandKeys keys(secret, publicKey);
    if (!QFileInfo::exists(path)) {
        QJsonObject jwk = keys.publicJwk();
        jwk.insert(QStringLiteral("d"), QString::fromLatin1(base64Url(seed)));
        QDir().mkpath(QFileInfo(path).absolutePath());
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return keyError(QStringLiteral("cannot write the signing key %1: %2").arg(path, file.errorString()));
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        file.write(QJsonDocument(jwk).toJson(QJsonDocument::Indented));
        if (!file.commit())
            return keyError(QStringLiteral("cannot write the signing key %1: %2").arg(path, file.errorString()));
    }
    sodium_memzero(seed.data(), size_t(seed.size()));
    return keys;
}

QJsonObject StandKeys::publicJwk() const
{
    return QJsonObject{{QStringLiteral("kty"), QStringLiteral("OKP")},
        {QStringLiteral("crv"), QStringLiteral("Ed25519")},
        {QStringLiteral("x"), QString::fromLatin1(base64Url(m_public))}, {QStringLiteral("kid"), m_kid},
        {QStringLiteral("use"), QStringLiteral("sig")}, {QStringLiteral("alg"), QStringLiteral("EdDSA")}};
}

QJsonObject StandKeys::jwks() const
{
    return QJsonObject{{QStringLiteral("keys"), QJsonArray{publicJwk()}}};
}

QByteArray StandKeys::signJwt(const QJsonObject &claims) const
{
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("EdDSA")},
        {QStringLiteral("typ"), QStringLiteral("JWT")}, {QStringLiteral("kid"), m_kid}};
    const QByteArray input = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
        + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    QByteArray signature(crypto_sign_BYTES, Qt::Uninitialized);
    crypto_sign_detached(reinterpret_cast<unsigned char *>(signature.data()), nullptr,
        reinterpret_cast<const unsigned char *>(input.constData()), quint64(input.size()),
        reinterpret_cast<const unsigned char *>(m_secret.constData()));
    return input + '.' + base64Url(signature);
}

} // namespace sg::esiastand
