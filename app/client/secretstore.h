#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace sg::client {

// Where secrets live (remembered passwords, cache keys). Asynchronous, because OS keychains are.
class SecretStore
{
public:
    virtual ~SecretStore() = default;
    virtual void write(const QString &key, const QByteArray &secret, std::function<void(Status)> done) = 0;
    virtual void read(const QString &key, std::function<void(Result<QByteArray>)> done) = 0;
    virtual void remove(const QString &key, std::function<void(Status)> done) = 0;

    // Secrets are kept small: the Windows credential store holds at most 2,560 bytes per entry.
    static constexpr int kMaxSecretBytes = 2000;
};

// The OS keychain through QtKeychain: Secret Service on Linux, Credential Manager on Windows.
// There is no insecure fallback: without a keychain every call fails with keychain-unavailable.
class KeychainSecretStore final : public QObject, public SecretStore
{
    Q_OBJECT

public:
    explicit KeychainSecretStore(QString service = QStringLiteral("SchoolGate"), QObject *parent = nullptr);

    void write(const QString &key, const QByteArray &secret, std::function<void(Status)> done) override;
    void read(const QString &key, std::function<void(Result<QByteArray>)> done) override;
    void remove(const QString &key, std::function<void(Status)> done) override;

private:
    QString m_service;
};

} // namespace sg::client
