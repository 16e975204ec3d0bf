#pragma once

#include "core/clock.h"
#include "server/demoseeder.h"
#include "server/server.h"

#include <QTemporaryDir>
#include <QUrl>

#include <functional>
#include <memory>

namespace sg::test {

// A database of its own on the PostgreSQL test cluster (scripts/pg-cluster), created empty and dropped at the end.
// The cluster is named by SG_TEST_POSTGRES_URL (an administrator's URL) or by the file SG_TEST_POSTGRES_URL_FILE
// holds; without either the tests use SQLite.
class TemporaryPostgresDatabase
{
public:
    TemporaryPostgresDatabase();
    ~TemporaryPostgresDatabase();
    TemporaryPostgresDatabase(const TemporaryPostgresDatabase &) = delete;
    TemporaryPostgresDatabase &operator=(const TemporaryPostgresDatabase &) = delete;

    // The administrator's URL of the test cluster; empty when the tests run on SQLite.
    static QString clusterUrl();
    static bool enabled() { return !clusterUrl().isEmpty(); }

    bool isValid() const { return !m_url.isEmpty(); }
    QString errorString() const { return m_error; }
    // postgresql://…/<this database>
    QString url() const { return m_url; }

private:
    QString m_name;
    QString m_url;
    QString m_error;
};

// A real server module in this process, listening on 127.0.0.1 at a free port, optionally with the demo school:
// on a fresh SQLite database in a temporary folder, or on a fresh PostgreSQL database when the tests run on the
// PostgreSQL cluster (see TemporaryPostgresDatabase).
class TestServer
{
public:
    static inline const QString kPassword = QStringLiteral("demo password for tests");

    struct Options
    {
        bool seedDemo = true;
        const Clock *clock = nullptr;
        QString smtpUrl; // empty: mail goes to <data>/mail-drop
        QString tlsCertificateFile; // both set: HTTPS
        QString tlsKeyFile;
        std::function<void(server::ServerOptions &)> adjust; // anything else, before the server opens
    };

    explicit TestServer(bool seedDemo = true, const Clock *clock = nullptr);
    explicit TestServer(const Options &options);

    bool isValid() const { return m_ok; }
    QString errorString() const { return m_error; }
    QUrl url() const { return m_server->baseUrl(); }
    server::Server &server() { return *m_server; }
    const server::DemoSchool &demo() const { return m_demo; }
    QString dataDir() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TemporaryPostgresDatabase> m_postgres; // before m_server: dropped after the server is gone
    std::unique_ptr<server::Server> m_server;
    server::DemoSchool m_demo;
    bool m_ok = false;
    QString m_error;
};

} // namespace sg::test
