#include "client/secretstore.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <qt6keychain/keychain.h>

Q_LOGGING_CATEGORY(lcSecrets, "sg.client.secrets")

namespace sg::client {

namespace {

Error keychainError(const QKeychain::Job *job)
{
    const bool missing = job->error() == QKeychain::EntryNotFound;
    return Error{missing ? QStringLiteral("secret-not-found") : QStringLiteral("keychain-unavailable"),
        missing ? QCoreApplication::translate("sg::client", "The secret is not in the keychain.")
                : QCoreApplication::translate("sg::client", "The system keychain cannot be used: %1")
                      .arg(job->errorString()),
        0};
}

} // namespace

// Jobs have no parent on purpose: the libsecret backend calls back into its job when D-Bus answers, so a job
// destroyed with its store while a request is in flight would be used after being freed. Parentless, a job
// lives until it finishes and then deletes itself; the connection to the store's callback goes away with the
// store.
KeychainSecretStore::KeychainSecretStore(QString service, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
{}

void KeychainSecretStore::write(const QString &key, const QByteArray &secret, std::function<void(Status)> done)
{
    if (secret.size() > kMaxSecretBytes) {
        done(Error{
            QStringLiteral("secret-too-large"), QStringLiteral("secret larger than %1 bytes").arg(kMaxSecretBytes), 0});
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(m_service); // see startJob()
    job->setAutoDelete(true);
    job->setKey(key);
    job->setBinaryData(secret);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *j) {
        if (j->error() != QKeychain::NoError) {
            qCWarning(lcSecrets) << "keychain write failed:" << j->error();
            return done(keychainError(j));
        }
        done(Unit{});
    });
    job->start();
}

void KeychainSecretStore::read(const QString &key, std::function<void(Result<QByteArray>)> done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service); // see startJob()
    job->setAutoDelete(true);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *j) {
        if (j->error() != QKeychain::NoError)
            return done(keychainError(j));
        done(static_cast<QKeychain::ReadPasswordJob *>(j)->binaryData());
    });
    job->start();
}

void KeychainSecretStore::remove(const QString &key, std::function<void(Status)> done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service); // see startJob()
    job->setAutoDelete(true);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *j) {
        if (j->error() != QKeychain::NoError && j->error() != QKeychain::EntryNotFound)
            return done(keychainError(j));
        done(Unit{});
    });
    job->start();
}

} // namespace sg::client
