#include "winservice.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QMetaObject>

#include <cstdio>
#include <thread>

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>

namespace sg::server {

namespace {

// The Service Control Manager calls back into plain functions: the state they share lives here, one service per
// process.
SERVICE_STATUS_HANDLE s_statusHandle = nullptr;
SERVICE_STATUS s_status = {};
CRITICAL_SECTION s_lock;
HANDLE s_connected = nullptr; // set when ServiceMain has registered, or the dispatcher has failed
HANDLE s_finished = nullptr; // set by ~WindowsService: ServiceMain may return
DWORD s_dispatcherError = ERROR_SUCCESS;
std::thread s_dispatcher;

constexpr DWORD kPendingWaitHintMs = 60000;

void setStatus(DWORD state, DWORD exitCode = 0)
{
    EnterCriticalSection(&s_lock);
    s_status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
    s_status.dwCurrentState = state;
    s_status.dwControlsAccepted = state == SERVICE_RUNNING ? SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN : 0;
    s_status.dwWin32ExitCode = exitCode == 0 ? NO_ERROR : ERROR_SERVICE_SPECIFIC_ERROR;
    s_status.dwServiceSpecificExitCode = exitCode;
    const bool pending = state == SERVICE_START_PENDING || state == SERVICE_STOP_PENDING;
    s_status.dwWaitHint = pending ? kPendingWaitHintMs : 0;
    s_status.dwCheckPoint = pending ? s_status.dwCheckPoint + 1 : 0;
    if (s_statusHandle)
        SetServiceStatus(s_statusHandle, &s_status);
    LeaveCriticalSection(&s_lock);
}

DWORD WINAPI controlHandler(DWORD control, DWORD, LPVOID, LPVOID)
{
    switch (control) {
    case SERVICE_CONTROL_STOP:
    case SERVICE_CONTROL_SHUTDOWN:
        setStatus(SERVICE_STOP_PENDING);
        // Posted to the main thread's event loop (thread-safe); the program then stops as after SIGTERM.
        QMetaObject::invokeMethod(
            QCoreApplication::instance(), [] { QCoreApplication::quit(); }, Qt::QueuedConnection);
        return NO_ERROR;
    case SERVICE_CONTROL_INTERROGATE: return NO_ERROR;
    default: return ERROR_CALL_NOT_IMPLEMENTED;
    }
}

void WINAPI serviceMain(DWORD argc, LPWSTR *argv)
{
    s_statusHandle = RegisterServiceCtrlHandlerExW(argc > 0 ? argv[0] : L"schoolgate-server", controlHandler, nullptr);
    if (!s_statusHandle) {
        s_dispatcherError = GetLastError();
        SetEvent(s_connected);
        return;
    }
    setStatus(SERVICE_START_PENDING);
    SetEvent(s_connected);
    // The program runs on the main thread; this one waits until it has reported "stopped".
    WaitForSingleObject(s_finished, INFINITE);
}

void writeToLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QByteArray line = qFormatLogMessage(type, context, message).toUtf8();
    std::fprintf(stderr, "%s\n", line.constData());
    std::fflush(stderr);
}

} // namespace

std::unique_ptr<WindowsService> WindowsService::connect(const QString &logFile, QString *error)
{
    InitializeCriticalSection(&s_lock);
    s_connected = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    s_finished = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    s_dispatcher = std::thread([] {
        static wchar_t name[] = L"schoolgate-server";
        const SERVICE_TABLE_ENTRYW table[] = {{name, serviceMain}, {nullptr, nullptr}};
        if (!StartServiceCtrlDispatcherW(table)) {
            s_dispatcherError = GetLastError();
            SetEvent(s_connected);
        }
    });
    WaitForSingleObject(s_connected, INFINITE);
    if (!s_statusHandle) {
        s_dispatcher.join();
        *error = s_dispatcherError == ERROR_FAILED_SERVICE_CONTROLLER_CONNECT
            ? QStringLiteral("--service is for the Windows Service Control Manager (the service schoolgate-server); "
                             "run the program without it from a console")
            : QStringLiteral("cannot connect to the Service Control Manager (error %1)").arg(s_dispatcherError);
        return nullptr;
    }

    // No console: the output goes to the log file in the data folder.
    const QFileInfo log(logFile);
    if (log.exists() && log.size() > 10 * 1024 * 1024) {
        QFile::remove(logFile + QStringLiteral(".1"));
        QFile::rename(logFile, logFile + QStringLiteral(".1"));
    }
    const std::wstring path = QFileInfo(logFile).absoluteFilePath().toStdWString();
    FILE *reopened = nullptr;
    _wfreopen_s(&reopened, path.c_str(), L"a", stdout);
    _wfreopen_s(&reopened, path.c_str(), L"a", stderr);
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddTHH:mm:ss} %{type} %{category}: %{message}"));
    qInstallMessageHandler(writeToLog);

    return std::unique_ptr<WindowsService>(new WindowsService);
}

WindowsService::~WindowsService()
{
    std::fflush(stdout);
    std::fflush(stderr);
    setStatus(SERVICE_STOPPED, DWORD(m_exitCode));
    SetEvent(s_finished);
    if (s_dispatcher.joinable())
        s_dispatcher.join();
}

void WindowsService::reportRunning()
{
    setStatus(SERVICE_RUNNING);
}

void WindowsService::setExitCode(int code)
{
    m_exitCode = code;
}

} // namespace sg::server
