#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

namespace sg::test {

// `schoolgate-server serve` in a process of its own, on 127.0.0.1 at a free port; killed when destroyed.
class ServeProcess
{
public:
    ServeProcess(QString binary, QProcessEnvironment environment);
    ~ServeProcess();
    ServeProcess(const ServeProcess &) = delete;
    ServeProcess &operator=(const ServeProcess &) = delete;

    // Starts the server on dataDir with the extra arguments and waits for its "listening on …" line; false (see
    // output()) otherwise.
    bool start(const QString &dataDir, const QStringList &arguments = {});

    QUrl url() const { return m_url; }
    bool isRunning() const { return m_process.state() == QProcess::Running; }
    qint64 pid() const { return m_process.processId(); }
    // What the process printed so far.
    QString output();

    // SIGTERM and wait: true when the server shut down by itself with exit code 0.
    bool stop();

private:
    void collect();

    QString m_binary;
    QProcess m_process;
    QByteArray m_out;
    QByteArray m_err;
    QUrl m_url;
};

} // namespace sg::test
