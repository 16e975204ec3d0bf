#include "testserver.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace sg::test {

namespace {

QAtomicInteger<int> s_databaseCounter;

// Runs one statement on the cluster's administrative database.
QString runOnCluster(const QString &sql)
{
    const QUrl url(TemporaryPostgresDatabase::clusterUrl());
    const QString connection = QStringLiteral("sg-test-admin-%1").arg(s_databaseCounter.fetchAndAddRelaxed(1));
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            if (!q.exec(sql))
                error = q.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}

} // namespace

QString TemporaryPostgresDatabase::clusterUrl()
{
    QString url = qEnvironmentVariable("SG_TEST_POSTGRES_URL");
    if (url.isEmpty() && qEnvironmentVariableIsSet("SG_TEST_POSTGRES_URL_FILE")) {
        QFile file(qEnvironmentVariable("SG_TEST_POSTGRES_URL_FILE"));
        if (file.open(QIODevice::ReadOnly))
            url = QString::fromUtf8(file.readAll()).trimmed();
        else
            qFatal("SG_TEST_POSTGRES_URL_FILE names %s, which cannot be read: is the test cluster running?",
                qPrintable(file.fileName()));
    }
    return url;
}

TemporaryPostgresDatabase::TemporaryPostgresDatabase()
{
    const QString cluster = clusterUrl();
    if (cluster.isEmpty()) {
        m_error = QStringLiteral("no PostgreSQL test cluster (SG_TEST_POSTGRES_URL)");
        return;
    }
    m_name = QStringLiteral("sg_test_%1_%2")
                 .arg(QCoreApplication::applicationPid())
                 .arg(s_databaseCounter.fetchAndAddRelaxed(1));
    // Text compares by code point, as on SQLite.
    m_error =
        runOnCluster(QStringLiteral("CREATE DATABASE %1 TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'")
                         .arg(m_name));
    if (!m_error.isEmpty())
        return;
    QUrl url(cluster);
    url.setPath(QLatin1Char('/') + m_name);
    m_url = url.toString();
}

TemporaryPostgresDatabase::~TemporaryPostgresDatabase()
{
    if (!m_url.isEmpty())
        runOnCluster(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name));
}

TestServer::TestServer(bool seedDemo, const Clock *clock)
    : TestServer(Options{seedDemo, clock, {}, {}, {}, {}})
{}

TestServer::TestServer(const Options &o)
{
    static SystemClock systemClock;
    const Clock &c = o.clock ? *o.clock : systemClock;
    server::ServerOptions options;
    options.dataDir = m_dir.path();
    if (TemporaryPostgresDatabase::enabled()) {
        m_postgres = std::make_unique<TemporaryPostgresDatabase>();
        if (!m_postgres->isValid()) {
            m_error = m_postgres->errorString();
            return;
        }
        options.databaseUrl = m_postgres->url();
    }
    options.smtpUrl = o.smtpUrl;
    options.tlsCertificateFile = o.tlsCertificateFile;
    options.tlsKeyFile = o.tlsKeyFile;
    if (o.adjust)
        o.adjust(options);
    m_server = std::make_unique<server::Server>(options, &c);
    if (auto st = m_server->open(); !st) {
        m_error = st.error().message;
        return;
    }
    if (o.seedDemo) {
        server::DemoSeeder seeder(m_server->database(), m_server->accounts(), c);
        auto demo = seeder.seed(kPassword);
        if (!demo) {
            m_error = demo.error().message;
            return;
        }
        m_demo = demo.value();
    }
    if (auto st = m_server->start(); !st) {
        m_error = st.error().message;
        return;
    }
    m_ok = true;
}

} // namespace sg::test
