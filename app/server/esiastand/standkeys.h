#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace sg::esiastand {

// The stand's Ed25519 key pair for id_tokens (libsodium crypto_sign). Made on first start and kept in the data
// folder as a private JWK (owner-only file); its public half is published as a JWKS.
class StandKeys
{
public:
    static constexpr char kFileName[] = "esia-stand-signing-key.jwk";

    // Reads the key file at path, or makes and writes one when there is none. A damaged or unreadable file is an
    // Error naming it (it is never replaced silently: clients trust its public key).
    static Result<StandKeys> loadOrCreate(const QString &path);

    const QByteArray &publicKey() const { return m_public; } // 32 bytes
    // RFC 7638 thumbprint of the public JWK (base64url of SHA-256).
    const QString &kid() const { return m_kid; }
    // {"kty":"OKP","crv":"Ed25519","x":…,"kid":…,"use":"sig","alg":"EdDSA"}
    QJsonObject publicJwk() const;
    // {"keys":[publicJwk()]}
    QJsonObject jwks() const;
    // A compact JWS: header {"alg":"EdDSA","typ":"JWT","kid":…}, the claims as payload, an Ed25519 signature.
    QByteArray signJwt(const QJsonObject &claims) const;

private:
    StandKeys(QByteArray secret, QByteArray publicKey);

    QByteArray m_secret; // libsodium's 64-byte secret key (seed + public key)
    QByteArray m_public;
    QString m_kid;
};

} // namespace sg::esiastand
