#include "serveprocess.h"

#include <QRegularExpression>
#include <QTest>

namespace sg::test {

ServeProcess::ServeProcess(QString binary, QProcessEnvironment environment)
    : m_binary(std::move(binary))
{
    m_process.setProcessEnvironment(environment);
}

ServeProcess::~ServeProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool ServeProcess::start(const QString &dataDir, const QStringList &arguments)
{
    m_process.start(m_binary,
        QStringList{QStringLiteral("serve"), QStringLiteral("--data"), dataDir, QStringLiteral("--listen"),
            QStringLiteral("127.0.0.1:0")}
            + arguments);
    if (!m_process.waitForStarted(20000))
        return false;
    static const QRegularExpression listening(QStringLiteral("listening on (https?://\\S+)"));
    const bool up = QTest::qWaitFor(
        [this] {
            collect();
            const auto m = listening.match(QString::fromUtf8(m_out));
            if (m.hasMatch())
                m_url = QUrl(m.captured(1));
            return m_url.isValid() || m_process.state() == QProcess::NotRunning;
        },
        30000);
    return up && m_url.isValid() && m_url.port() > 0;
}

void ServeProcess::collect()
{
    m_out += m_process.readAllStandardOutput();
    m_err += m_process.readAllStandardError();
}

QString ServeProcess::output()
{
    collect();
    return QStringLiteral("--- stdout:\n%1\n--- stderr:\n%2").arg(QString::fromUtf8(m_out), QString::fromUtf8(m_err));
}

bool ServeProcess::stop()
{
    m_process.terminate();
    if (!m_process.waitForFinished(15000))
        return false;
    collect();
    return m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
}

} // namespace sg::test
