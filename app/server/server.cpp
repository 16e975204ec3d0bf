#include "server/server.h"

#include "core/errorcodes.h"
#include "server/accountstore.h"
#include "server/apiservice.h"
#include "server/applications.h"
#include "server/auditlog.h"
#include "server/backend.h"
#include "server/crypto.h"
#include "server/database.h"
#include "server/directorapi.h"
#include "server/directorstore.h"
#include "server/esiabroker.h"
#include "server/httpserver.h"
#include "server/maildispatcher.h"
#include "server/mailer.h"
#include "server/memberaccounts.h"
#include "server/notifier.h"
#include "server/schoolstore.h"
#include "server/workerpool.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QLoggingCategory>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <optional>

Q_LOGGING_CATEGORY(lcServer, "sg.server")

namespace sg::server {

namespace {

// Whether a server with this configuration completes a TLS handshake: one over loopback, inside this process. It is
// how a key that does not match the certificate is found with any of Qt's TLS backends (OpenSSL, Schannel), which
// would otherwise fail each client's handshake later. Empty when it works; otherwise what went wrong.
QString tlsHandshakeProblem(const QSslConfiguration &configuration)
{
    QSslServer listener;
    listener.setSslConfiguration(configuration);
    if (!listener.listen(QHostAddress::LocalHost, 0))
        return {}; // no loopback to try on: each connection will tell
    QString problem;
    QEventLoop loop;
    QSslSocket client;
    client.setPeerVerifyMode(QSslSocket::VerifyNone);
    QObject::connect(
        &listener, &QSslServer::errorOccurred, &loop, [&](QSslSocket *socket, QAbstractSocket::SocketError) {
            problem = socket->errorString();
            loop.quit();
        });
    QObject::connect(&listener, &QSslServer::pendingConnectionAvailable, &loop, [&] { loop.quit(); });
    QObject::connect(&client, &QAbstractSocket::errorOccurred, &loop, [&] {
        if (problem.isEmpty())
            problem = client.errorString();
        // The server's side says more; it comes at once.
        QTimer::singleShot(200, &loop, &QEventLoop::quit);
    });
    QTimer::singleShot(10000, &loop, [&] {
        problem = QStringLiteral("no TLS handshake within 10 s");
        loop.quit();
    });
    client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), listener.serverPort());
    loop.exec();
    if (problem.isEmpty() && !client.isEncrypted() && !client.waitForEncrypted(5000))
        problem = client.errorString();
    client.abort();
    return problem;
}

} // namespace

Server::Server(ServerOptions options, const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_clock(clock ? *clock : m_systemClock)
{}

Server::~Server()
{
    if (m_tcp)
        m_tcp->close();
    // Jobs still running finish; their answers go nowhere (the front end is gone with this object).
    m_workers.reset();
    // Before the mailer: a batch of mail being sent uses it (the dispatcher waits for it).
    delete m_dispatcher;
    m_dispatcher = nullptr;
}

QString Server::sqlitePath() const
{
    return QDir(m_options.dataDir).filePath(QStringLiteral("schoolgate.db"));
}

Status Server::open()
{
    if (m_main)
        return Unit{};
    if (!crypto::initialize())
        return Error{QString::fromLatin1(errc::Internal), QStringLiteral("libsodium failed to initialise")};
    auto main = Backend::open(
        m_options.databaseUrl, sqlitePath(), m_clock, m_options.supportEmail, m_options.esia, m_options.offlineMaxDays);
    if (!main)
        return main.error();
    m_main = std::move(main).value();
    m_main->memberAccounts->setPublicUrl(publicUrl());
    m_main->applications->setPublicUrl(publicUrl());
    m_main->api->setPublicUrl(publicUrl());
    if (!m_options.smtpUrl.trimmed().isEmpty()) {
        if (auto smtp = SmtpSettings::fromUrl(m_options.smtpUrl); !smtp)
            return smtp.error();
    }
    m_mailer = makeMailer(m_options.smtpUrl, QDir(m_options.dataDir).filePath(QStringLiteral("mail-drop")));
    m_dispatcher = new MailDispatcher(
        *m_main->db, *m_mailer, m_clock, MailAddress(m_options.mailFrom, QStringLiteral("SchoolGate")), this);
    return Unit{};
}

Result<QSslConfiguration> Server::loadTls(const QString &certificateFile, const QString &keyFile)
{
    const auto fail = [](const QString &message) {
        return Error{QString::fromLatin1(errc::Internal), QStringLiteral("TLS: ") + message};
    };
    if (certificateFile.isEmpty() || keyFile.isEmpty())
        return fail(QStringLiteral("give both the certificate and the private key"));
    QFile certFile(certificateFile);
    if (!certFile.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read the certificate %1: %2").arg(certificateFile, certFile.errorString()));
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull())
        return fail(QStringLiteral("%1 holds no PEM certificate").arg(certificateFile));
    QFile privateFile(keyFile);
    if (!privateFile.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read the private key %1: %2").arg(keyFile, privateFile.errorString()));
    const QByteArray pem = privateFile.readAll();
    QSslKey key(pem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        return fail(QStringLiteral("%1 holds no unencrypted RSA or EC private key in PEM").arg(keyFile));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (chain.first().expiryDate() < now)
        qCWarning(lcServer) << "the TLS certificate expired on" << chain.first().expiryDate().toString(Qt::ISODate);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients prove themselves with sessions, not certificates
    if (const QString why = tlsHandshakeProblem(configuration); !why.isEmpty())
        return fail(QStringLiteral("the private key %1 does not belong to the certificate %2 (%3)")
                        .arg(keyFile, certificateFile, why));
    return configuration;
}

Status Server::start()
{
    if (auto st = open(); !st)
        return st;
    std::optional<QSslConfiguration> tls;
    if (!m_options.tlsCertificateFile.isEmpty() || !m_options.tlsKeyFile.isEmpty()) {
        auto loaded = loadTls(m_options.tlsCertificateFile, m_options.tlsKeyFile);
        if (!loaded)
            return loaded.error();
        tls = loaded.value();
    }
    ApiService *health = m_main->api.get();
    QPointer<MailDispatcher> mail = m_dispatcher;
    m_tcp = new HttpServer(
        m_options.transport,
        [health, workers = &m_workers, mail](HttpRequest request, HttpReply reply) {
            // The probe of load balancers stays on this thread, so it answers while the workers are busy.
            if (request.path == QLatin1String("/api/v1/health")) {
                reply(request.method == "GET" && request.query.isEmpty() ? health->handleHealth()
                                                                         : health->handle(request));
                return;
            }
            (*workers)->post([request = std::move(request), reply = std::move(reply), mail](Backend &backend) {
                const bool changing = request.method != "GET" && request.method != "HEAD";
                reply(backend.api->handle(request));
                if (changing && mail) // a change may have queued notifications
                    QMetaObject::invokeMethod(mail.data(), &MailDispatcher::sendSoon, Qt::QueuedConnection);
            });
        },
        this);
    if (tls)
        m_tcp->setTls(*tls);
    if (!m_tcp->listen(m_options.address, m_options.port))
        return Error{QString::fromLatin1(errc::Unavailable),
            QStringLiteral("cannot listen on %1:%2: %3")
                .arg(m_options.address.toString())
                .arg(m_options.port)
                .arg(m_tcp->errorString())};
    if (!m_workers) {
        const int threads =
            m_options.workerThreads > 0 ? m_options.workerThreads : std::clamp(QThread::idealThreadCount(), 2, 8);
        const QString url = m_options.databaseUrl;
        const QString path = sqlitePath();
        const Clock *clock = &m_clock;
        const QString support = m_options.supportEmail;
        // ESIA sends browsers back to this server: unless told where (a proxy's public URL), to where it listens.
        if (m_options.esia.callbackUrl.isEmpty()) {
            QUrl callback = baseUrl();
            callback.setPath(QStringLiteral("/api/v1/esia/callback"));
            m_options.esia.callbackUrl = callback;
        }
        const EsiaSettings esia = m_options.esia;
        const int offlineMaxDays = m_options.offlineMaxDays;
        const QUrl publicUrl = this->publicUrl();
        m_main->memberAccounts->setPublicUrl(publicUrl);
        m_main->applications->setPublicUrl(publicUrl);
        m_main->api->setPublicUrl(publicUrl);
        auto pool = WorkerPool::start(threads, [url, path, clock, support, esia, offlineMaxDays, publicUrl] {
            return Backend::open(url, path, *clock, support, esia, offlineMaxDays, publicUrl);
        });
        if (!pool)
            return pool.error();
        m_workers = std::move(pool).value();
    }

    // Housekeeping once at start and then daily: idempotency keys past their retention.
    const auto purge = [this] {
        m_main->accounts->purgeLoginFailures();
        const int removed =
            m_main->schools->purgeIdempotencyKeys(m_clock.now().addDays(-SchoolStore::kIdempotencyRetentionDays));
        if (removed > 0)
            qCInfo(lcServer) << "purged" << removed << "expired idempotency keys";
    };
    purge();
    m_dispatcher->start();
    auto *daily = new QTimer(this);
    daily->setInterval(24 * 60 * 60 * 1000);
    connect(daily, &QTimer::timeout, this, purge);
    daily->start();
    qCInfo(lcServer) << "listening on" << baseUrl().toString();
    return Unit{};
}

void Server::setTransportLimits(const TransportLimits &limits)
{
    m_options.transport = limits;
    if (m_tcp)
        m_tcp->setLimits(limits);
}

int Server::workerThreads() const
{
    return m_workers ? m_workers->size() : 0;
}

int Server::openConnections() const
{
    return m_tcp ? m_tcp->connectionCount() : 0;
}

quint16 Server::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

QUrl Server::baseUrl() const
{
    QUrl url;
    url.setScheme(m_tcp && m_tcp->usesTls() ? QStringLiteral("https") : QStringLiteral("http"));
    const QHostAddress a = m_tcp ? m_tcp->serverAddress() : m_options.address;
    url.setHost(a == QHostAddress::Any || a == QHostAddress::AnyIPv4 ? QStringLiteral("127.0.0.1") : a.toString());
    url.setPort(m_tcp ? port() : m_options.port); // not listening (a command): where it would listen
    return url;
}

QUrl Server::publicUrl() const
{
    if (m_options.publicUrl.isValid() && !m_options.publicUrl.isEmpty())
        return m_options.publicUrl.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment);
    return baseUrl();
}

MemberAccounts &Server::memberAccounts()
{
    return *m_main->memberAccounts;
}

Database &Server::database()
{
    return *m_main->db;
}
AccountStore &Server::accounts()
{
    return *m_main->accounts;
}
SchoolStore &Server::schools()
{
    return *m_main->schools;
}

EsiaBroker &Server::esia()
{
    return *m_main->esia;
}

MailDispatcher &Server::mail()
{
    return *m_dispatcher;
}

AuditLog &Server::audit()
{
    return *m_main->audit;
}

DirectorStore &Server::directors()
{
    return *m_main->directors;
}

Notifier &Server::notifier()
{
    return *m_main->notifier;
}
ApiService &Server::api()
{
    return *m_main->api;
}

} // namespace sg::server
