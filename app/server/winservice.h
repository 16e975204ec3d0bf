#pragma once

// schoolgate-server as a Windows service (--service; Windows only, the MSI's feature «Сервер школы» installs it).
// The Service Control Manager starts the program and expects it to connect within 30 seconds; its stop and shutdown
// requests become QCoreApplication::quit(), and the program's exit code is reported back as the service's.

#include <QString>

#include <memory>

namespace sg::server {

class WindowsService
{
public:
    // Connects this process to the Service Control Manager (a thread of its own runs the dispatcher) and reports
    // "start pending". From then on the program's standard output and error, and Qt's messages, are appended to
    // logFile (kept below 10 MB: a larger one is moved to logFile.1 first). Null with *error when the process was
    // not started by the Service Control Manager.
    static std::unique_ptr<WindowsService> connect(const QString &logFile, QString *error);

    // Reports "stopped" with the exit code given last (0: stopped normally; anything else is reported as a
    // service-specific error, which Windows writes to the System event log) and ends the dispatcher thread.
    ~WindowsService();

    WindowsService(const WindowsService &) = delete;
    WindowsService &operator=(const WindowsService &) = delete;

    // The server listens: the service is "running" and accepts stop and shutdown requests.
    void reportRunning();
    void setExitCode(int code);

private:
    WindowsService() = default;
    int m_exitCode = 0;
};

} // namespace sg::server
