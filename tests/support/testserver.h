#pragma once

#include "core/clock.h"
#include "server/demoseeder.h"
#include "server/server.h"

#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace sg::test {

// A real server module in this process: a fresh SQLite database in a temporary folder, listening on
// 127.0.0.1 at a free port, optionally with the demo school.
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
    std::unique_ptr<server::Server> m_server;
    server::DemoSchool m_demo;
    bool m_ok = false;
    QString m_error;
};

} // namespace sg::test
