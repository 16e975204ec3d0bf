#pragma once

#include "core/clock.h"
#include "core/result.h"
#include "server/esiabroker.h"
#include "server/httpmessage.h"

#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>
#include <QUrl>

#include <memory>

namespace sg::server {

class AccountStore;
class AuditLog;
class ApiService;
struct Backend;
class Database;
class DirectorApi;
class DirectorStore;
class MailDispatcher;
class MemberAccounts;
class Mailer;
class Notifier;
class HttpServer;
class SchoolStore;
class WorkerPool;

struct ServerOptions
{
    QString dataDir; // holds schoolgate.db (unless databaseUrl is set) and the mail drop
    // postgresql://user@host:port/database[?sslmode=…]: PostgreSQL, which several instances may share. Empty: SQLite.
    QString databaseUrl;
    QHostAddress address = QHostAddress::LocalHost; // loopback unless told otherwise
    quint16 port = 0; // 0 = any free port
    QString supportEmail = QStringLiteral("ccod@innopolis.ru"); // where schools may send the director's data
    QString smtpUrl; // smtp://user:password@relay:587 (STARTTLS) or smtps://…; empty = .eml files in <data>/mail-drop
    QString mailFrom = QStringLiteral("noreply@schoolgate.local");
    TransportLimits transport; // header and body sizes, timeouts, connection caps
    // TLS: PEM files of the certificate (its chain may follow it in the file) and of the private key (RSA or EC,
    // unencrypted). Both empty: plain HTTP (loopback, or behind a proxy that terminates TLS).
    QString tlsCertificateFile;
    QString tlsKeyFile;
    // Threads that answer API requests (each with its own database connection); 0: as many as the machine has
    // cores, at least 2 and at most 8. /api/v1/health is always answered on the network thread.
    int workerThreads = 0;
    // The longest time (days) a client's offline copy may go without a sync; sent to clients with the user.
    int offlineMaxDays = 30;
    // Sign-in through ESIA (Gosuslugi) with this server as the broker; off unless esia.enabled().
    EsiaSettings esia;
    // Where people's browsers reach this server (a proxy's https address): the base of links in mails (setting a
    // teacher's password). Empty: where the server listens.
    QUrl publicUrl;
};

// The server module: storage, workflow, API and the HTTP listener, on the thread that creates it.
class Server : public QObject
{
    Q_OBJECT

public:
    explicit Server(ServerOptions options, const Clock *clock = nullptr, QObject *parent = nullptr);
    ~Server() override;

    // Opens and migrates the database. Needed before the stores are used; start() calls it.
    Status open();
    // open() and listen.
    Status start();
    // Reads the certificate chain and private key for TLS; a clear error when either is missing or unreadable, or
    // the key does not match the certificate's kind.
    static Result<QSslConfiguration> loadTls(const QString &certificateFile, const QString &keyFile);
    quint16 port() const;
    QUrl baseUrl() const;
    // options.publicUrl, else baseUrl().
    QUrl publicUrl() const;
    // Changes the transport limits of a running server (tests use small values); connections accepted from now
    // on use them.
    void setTransportLimits(const TransportLimits &limits);
    const TransportLimits &transportLimits() const { return m_options.transport; }
    // Connections the HTTP front end holds open now.
    int openConnections() const;
    // Threads answering API requests (after start()).
    int workerThreads() const;

    Database &database();
    AccountStore &accounts();
    SchoolStore &schools();
    AuditLog &audit();
    const Clock &clock() const { return m_clock; }
    MailDispatcher &mail();
    DirectorStore &directors();
    Notifier &notifier();
    ApiService &api();
    EsiaBroker &esia();
    MemberAccounts &memberAccounts();

private:
    ServerOptions m_options;
    SystemClock m_systemClock;
    const Clock &m_clock;
    QString sqlitePath() const;

    std::unique_ptr<Backend> m_main; // this thread's
    std::unique_ptr<WorkerPool> m_workers;
    std::unique_ptr<Mailer> m_mailer;
    MailDispatcher *m_dispatcher = nullptr;
    HttpServer *m_tcp = nullptr;
};

} // namespace sg::server
