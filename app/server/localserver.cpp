#include "server/localserver.h"

#include "server/demoseeder.h"
#include "server/server.h"

#include <QSqlDatabase>
#include <QtGlobal>

#include <curl/curl.h>
#include <sodium.h>

namespace sg::server {

LocalServer::LocalServer() = default;
LocalServer::~LocalServer() = default;

Result<QUrl> LocalServer::start(const Options &options)
{
    ServerOptions so;
    so.dataDir = options.dataDir;
    so.address = QHostAddress::LocalHost;
    so.port = 0;
    auto server = std::make_unique<Server>(so);
    if (auto st = server->open(); !st)
        return st.error();
    if (options.seedDemo) {
        SystemClock clock;
        DemoSeeder seeder(server->database(), server->accounts(), clock);
        auto demo = seeder.seed(options.demoPassword);
        if (!demo)
            return demo.error();
        m_demoPassword = demo->password;
    }
    if (auto st = server->start(); !st)
        return st.error();
    m_server = std::move(server);
    return m_server->baseUrl();
}

QUrl LocalServer::url() const
{
    return m_server ? m_server->baseUrl() : QUrl();
}

QString LocalServer::demoSchoolLogin() const
{
    return QString::fromLatin1(DemoSeeder::kSchoolLogin);
}

QList<LocalServer::Component> LocalServer::components()
{
    const curl_version_info_data *curl = curl_version_info(CURLVERSION_NOW);
    return {
        {QStringLiteral("libsodium"), QString::fromLatin1(sodium_version_string()), QStringLiteral("ISC")},
        {QStringLiteral("libcurl"), QString::fromLatin1(curl ? curl->version : "?"),
            QStringLiteral("curl (MIT-style)")},
        {QStringLiteral("SQLite (Qt SQL driver)"),
            QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")) ? QStringLiteral("QSQLITE")
                                                                       : QStringLiteral("—"),
            QStringLiteral("public domain")},
        {QStringLiteral("Qt HttpServer"), QString::fromLatin1(qVersion()), QStringLiteral("GPL-3.0")},
    };
}

} // namespace sg::server
