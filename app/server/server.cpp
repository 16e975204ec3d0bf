#include "server/server.h"

#include "core/errorcodes.h"
#include "server/accountstore.h"
#include "server/apiservice.h"
#include "server/crypto.h"
#include "server/database.h"
#include "server/httpfrontend.h"
#include "server/schoolstore.h"

#include <QDir>
#include <QLoggingCategory>
#include <QTcpServer>

Q_LOGGING_CATEGORY(lcServer, "sg.server")

namespace sg::server {

Server::Server(ServerOptions options, const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_clock(clock ? *clock : m_systemClock)
{ }

Server::~Server()
{
    if (m_tcp)
        m_tcp->close();
}

Status Server::open()
{
    if (m_db)
        return Unit {};
    if (!crypto::initialize())
        return Error {QString::fromLatin1(errc::Internal), QStringLiteral("libsodium failed to initialise")};
    auto db = Database::openSqlite(QDir(m_options.dataDir).filePath(QStringLiteral("schoolgate.db")));
    if (!db)
        return db.error();
    m_db = std::move(db).value();
    m_accounts = std::make_unique<AccountStore>(*m_db, m_clock);
    m_schools = std::make_unique<SchoolStore>(*m_db, m_clock);
    m_api = std::make_unique<ApiService>(*m_db, *m_accounts, *m_schools, m_clock);
    return Unit {};
}

Status Server::start()
{
    if (auto st = open(); !st)
        return st;
    m_tcp = new QTcpServer(this);
    if (!m_tcp->listen(m_options.address, m_options.port))
        return Error {QString::fromLatin1(errc::Unavailable),
            QStringLiteral("cannot listen on %1:%2: %3")
                .arg(m_options.address.toString())
                .arg(m_options.port)
                .arg(m_tcp->errorString())};
    ApiService *api = m_api.get();
    m_http = new HttpFrontend([api](const HttpRequest &r) { return api->handle(r); }, this);
    m_http->bind(m_tcp);
    qCInfo(lcServer) << "listening on" << baseUrl().toString();
    return Unit {};
}

quint16 Server::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

QUrl Server::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    const QHostAddress a = m_tcp ? m_tcp->serverAddress() : m_options.address;
    url.setHost(a == QHostAddress::Any || a == QHostAddress::AnyIPv4 ? QStringLiteral("127.0.0.1") : a.toString());
    url.setPort(port());
    return url;
}

Database &Server::database()
{
    return *m_db;
}
AccountStore &Server::accounts()
{
    return *m_accounts;
}
SchoolStore &Server::schools()
{
    return *m_schools;
}
ApiService &Server::api()
{
    return *m_api;
}

} // namespace sg::server
