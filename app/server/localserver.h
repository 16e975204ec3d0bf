#pragma once

// The one server header the desktop client may include: starts the bundled server module inside the client
// process (the "local" flavour), optionally with the demo school.

#include "core/result.h"

#include <QList>
#include <QString>
#include <QUrl>

#include <memory>

namespace sg::server {

class Server;

class LocalServer
{
public:
    struct Options
    {
        QString dataDir;
        bool seedDemo = false;
        QString demoPassword; // empty = random
    };

    LocalServer();
    ~LocalServer();
    LocalServer(const LocalServer &) = delete;
    LocalServer &operator=(const LocalServer &) = delete;

    // Starts listening on 127.0.0.1 at a free port. Returns the base URL.
    Result<QUrl> start(const Options &options);
    QUrl url() const;
    QString demoPassword() const { return m_demoPassword; }
    QString demoSchoolLogin() const;

    // The libraries inside the server module, with versions and licences, for the About box.
    struct Component
    {
        QString name;
        QString version;
        QString licence;
    };
    static QList<Component> components();

private:
    std::unique_ptr<Server> m_server;
    QString m_demoPassword;
};

} // namespace sg::server
