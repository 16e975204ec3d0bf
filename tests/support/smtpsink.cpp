#include "smtpsink.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>
#include <utility>

namespace sg::test {

namespace {

// The aiosmtpd handler: keeps each message byte for byte ("<ns>-<uuid>.eml", written to tmp/ and renamed into
// new/, so a reader never sees half a file) with a JSON sidecar holding the envelope and Python's reading.
constexpr char kHandlerModule[] = "sg_smtp_sink";
constexpr char kHandlerSource[] = R"PY(
import email
import email.policy
import json
import os
import time
import uuid


def _mailboxes(header):
    if header is None:
        return []
    return [{"name": a.display_name, "address": a.addr_spec} for a in header.addresses]


class Sink:
    def __init__(self, directory):
        self.directory = directory
        os.makedirs(os.path.join(directory, "tmp"), exist_ok=True)
        os.makedirs(os.path.join(directory, "new"), exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("the output directory is required")
        return cls(args[0])

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content
        info = {"mail_from": envelope.mail_from, "rcpt_tos": list(envelope.rcpt_tos)}
        try:
            msg = email.message_from_bytes(raw, policy=email.policy.default)
            info["subject"] = str(msg.get("subject", ""))
            info["from"] = _mailboxes(msg.get("from"))
            info["to"] = _mailboxes(msg.get("to"))
            body = msg.get_body(preferencelist=("plain",))
            info["body"] = body.get_content() if body is not None else None
            info["attachments"] = [
                {"filename": p.get_filename(), "content_type": p.get_content_type(),
                 "size": len(p.get_payload(decode=True) or b"")}
                for p in msg.iter_attachments()]
            defects = []
            for part in msg.walk():
                defects += [type(d).__name__ for d in part.defects]
                for value in part.values():
                    defects += [type(d).__name__ for d in getattr(value, "defects", ())]
            info["defects"] = defects
        except Exception as e:  # the test reports it
            info["parse_error"] = repr(e)
        name = "%020d-%s" % (time.time_ns(), uuid.uuid4().hex)
        tmp = os.path.join(self.directory, "tmp", name)
        new = os.path.join(self.directory, "new", name)
        with open(tmp + ".json", "w", encoding="utf-8") as f:
            json.dump(info, f, ensure_ascii=False)
        with open(tmp + ".eml", "wb") as f:
            f.write(raw)
        os.rename(tmp + ".json", new + ".json")
        os.rename(tmp + ".eml", new + ".eml")
        return "250 OK"
)PY";

// A python3 that can import aiosmtpd: $SG_PYTHON3, then Debian's /usr/bin/python3 (where python3-aiosmtpd
// installs), then whatever python3 is first on PATH.
QString findPython(QString *error)
{
    QStringList candidates;
    if (const QString fromEnv = qEnvironmentVariable("SG_PYTHON3"); !fromEnv.isEmpty())
        candidates << fromEnv;
    candidates << QStringLiteral("/usr/bin/python3");
    if (const QString onPath = QStandardPaths::findExecutable(QStringLiteral("python3")); !onPath.isEmpty())
        candidates << onPath;
    candidates.removeDuplicates();

    QStringList tried;
    for (const QString &python : std::as_const(candidates)) {
        if (!QFileInfo(python).isExecutable())
            continue;
        QProcess probe;
        probe.start(python, {QStringLiteral("-c"), QStringLiteral("import aiosmtpd.main, aiosmtpd.smtp")});
        if (probe.waitForFinished(20000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0)
            return python;
        tried << python;
    }
    *error = QStringLiteral("No python3 with the aiosmtpd module was found (tried: %1). Install the Debian "
                            "package python3-aiosmtpd (scripts/setup does), or point SG_PYTHON3 at a python3 "
                            "that has aiosmtpd.")
                 .arg(tried.isEmpty() ? QStringLiteral("none executable") : tried.join(QStringLiteral(", ")));
    return {};
}

// True when an SMTP server answers on the port with its 220 greeting.
bool greets(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    if (!socket.waitForConnected(500))
        return false;
    QByteArray greeting;
    const QDeadlineTimer deadline(10000);
    while (!greeting.contains('\n') && !deadline.hasExpired()) {
        if (!socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime()))))
            break;
        greeting += socket.readAll();
    }
    socket.write("QUIT\r\n");
    socket.waitForBytesWritten(500);
    socket.disconnectFromHost();
    return greeting.startsWith("220");
}

QStringList mailFiles(const QString &newDir)
{
    return QDir(newDir).entryList({QStringLiteral("*.eml")}, QDir::Files, QDir::Name);
}

} // namespace

SmtpSink::SmtpSink()
{
    m_ok = start();
}

SmtpSink::~SmtpSink()
{
    stop();
}

quint16 SmtpSink::freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress(QHostAddress::LocalHost), 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

bool SmtpSink::start()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("Cannot create a temporary folder: %1").arg(m_dir.errorString());
        return false;
    }
    const QString python = findPython(&m_error);
    if (python.isEmpty())
        return false;

    QFile module(m_dir.filePath(QString::fromLatin1(kHandlerModule) + QStringLiteral(".py")));
    if (!module.open(QIODevice::WriteOnly) || module.write(kHandlerSource) != qint64(qstrlen(kHandlerSource))) {
        m_error = QStringLiteral("Cannot write %1: %2").arg(module.fileName(), module.errorString());
        return false;
    }
    module.close();
    const QString mailDir = m_dir.filePath(QStringLiteral("mail"));

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("PYTHONHOME"));
    env.insert(QStringLiteral("PYTHONPATH"), m_dir.path());
    env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));

    // The port is free when we look and taken by the sink a moment later; if something else grabs it in
    // between, the sink exits with "address in use" and we try another port.
    constexpr int kAttempts = 5;
    for (int attempt = 1; attempt <= kAttempts; ++attempt) {
        m_port = freePort();
        if (m_port == 0) {
            m_error = QStringLiteral("Cannot find a free loopback port");
            return false;
        }
        m_process = std::make_unique<QProcess>();
        m_process->setProcessEnvironment(env);
        m_process->setStandardOutputFile(QProcess::nullDevice());
        m_process->start(python,
            {QStringLiteral("-m"), QStringLiteral("aiosmtpd"), QStringLiteral("-n"), QStringLiteral("-l"),
                QStringLiteral("127.0.0.1:%1").arg(m_port), QStringLiteral("-c"),
                QString::fromLatin1(kHandlerModule) + QStringLiteral(".Sink"), mailDir});
        if (!m_process->waitForStarted(10000)) {
            m_error = QStringLiteral("Cannot run %1: %2").arg(python, m_process->errorString());
            return false;
        }

        const QDeadlineTimer deadline(30000);
        while (!deadline.hasExpired() && m_process->state() == QProcess::Running) {
            if (greets(m_port))
                return true;
            // Paces the polling and returns at once if the sink dies.
            m_process->waitForFinished(50);
        }

        const bool exited = m_process->state() != QProcess::Running;
        const QString stderrText = QString::fromUtf8(m_process->readAllStandardError()).trimmed();
        stop();
        if (exited
            && (stderrText.contains(QLatin1String("Address already in use"))
                || stderrText.contains(QLatin1String("Errno 98"))))
            continue;
        m_error = exited ? QStringLiteral("The SMTP sink (%1 -m aiosmtpd) exited: %2").arg(python, stderrText)
                         : QStringLiteral("The SMTP sink did not greet on port %1 within 30 s").arg(m_port);
        return false;
    }
    m_error = QStringLiteral("The SMTP sink found no free port in %1 attempts").arg(kAttempts);
    return false;
}

void SmtpSink::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
}

QUrl SmtpSink::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("smtp"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

QList<QByteArray> SmtpSink::messages() const
{
    QList<QByteArray> out;
    for (const ReceivedMail &mail : received())
        out.append(mail.raw);
    return out;
}

QList<ReceivedMail> SmtpSink::received() const
{
    QList<ReceivedMail> out;
    const QString newDir = m_dir.filePath(QStringLiteral("mail/new"));
    for (const QString &name : mailFiles(newDir)) {
        ReceivedMail mail;
        QFile eml(QDir(newDir).filePath(name));
        if (eml.open(QIODevice::ReadOnly))
            mail.raw = eml.readAll();
        QFile sidecar(QDir(newDir).filePath(name.chopped(4) + QStringLiteral(".json")));
        if (sidecar.open(QIODevice::ReadOnly)) {
            mail.parsed = QJsonDocument::fromJson(sidecar.readAll()).object();
            mail.envelopeFrom = mail.parsed.value(QStringLiteral("mail_from")).toString();
            for (const QJsonValue &to : mail.parsed.value(QStringLiteral("rcpt_tos")).toArray())
                mail.envelopeTo.append(to.toString());
        }
        out.append(mail);
    }
    return out;
}

bool SmtpSink::waitForMessages(int count, int timeoutMs) const
{
    const QString newDir = m_dir.filePath(QStringLiteral("mail/new"));
    return QTest::qWaitFor([&] { return mailFiles(newDir).size() >= count; }, timeoutMs);
}

// ---- mime ----

namespace mime {

QByteArray Entity::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QByteArray Entity::parameter(QByteArrayView headerName, QByteArrayView parameterName) const
{
    const QList<QByteArray> pieces = header(headerName).split(';');
    for (qsizetype i = 1; i < pieces.size(); ++i) {
        const QByteArray piece = pieces[i].trimmed();
        const qsizetype eq = piece.indexOf('=');
        if (eq < 0 || piece.left(eq).trimmed().compare(parameterName, Qt::CaseInsensitive) != 0)
            continue;
        QByteArray value = piece.mid(eq + 1).trimmed();
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
            value = value.mid(1, value.size() - 2);
        return value;
    }
    return {};
}

Entity parse(const QByteArray &raw)
{
    Entity entity;
    qsizetype pos = 0;
    while (pos < raw.size()) {
        qsizetype eol = raw.indexOf('\n', pos);
        if (eol < 0)
            eol = raw.size();
        QByteArray line = raw.mid(pos, eol - pos);
        if (line.endsWith('\r'))
            line.chop(1);
        pos = eol + 1;
        if (line.isEmpty())
            break;
        if ((line.startsWith(' ') || line.startsWith('\t')) && !entity.headers.isEmpty()) {
            entity.headers.last().second += line; // unfolding keeps the white space
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        entity.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    entity.body = pos < raw.size() ? raw.mid(pos) : QByteArray();
    return entity;
}

QList<Entity> parts(const Entity &multipart)
{
    const QByteArray boundary = multipart.parameter("Content-Type", "boundary");
    if (!multipart.header("Content-Type").toLower().startsWith("multipart/") || boundary.isEmpty())
        return {};
    const QByteArray delimiter = "--" + boundary;
    QList<Entity> out;
    QList<QByteArray> lines = multipart.body.split('\n');
    QByteArray current;
    bool inPart = false;
    for (QByteArray line : lines) {
        const QByteArray bare = line.endsWith('\r') ? line.chopped(1) : line;
        if (bare == delimiter || bare == delimiter + "--") {
            if (inPart) {
                // The CRLF before a delimiter belongs to the delimiter.
                if (current.endsWith("\r\n"))
                    current.chop(2);
                else if (current.endsWith('\n'))
                    current.chop(1);
                out.append(parse(current));
            }
            current.clear();
            inPart = bare == delimiter;
            if (!inPart)
                break;
            continue;
        }
        if (inPart)
            current += line + '\n';
    }
    return out;
}

QByteArray decodedBody(const Entity &entity)
{
    const QByteArray encoding = entity.header("Content-Transfer-Encoding").trimmed().toLower();
    if (encoding == "base64") {
        QByteArray compact = entity.body;
        compact.replace("\r", "").replace("\n", "").replace(" ", "");
        return QByteArray::fromBase64(compact);
    }
    if (encoding == "quoted-printable") {
        QByteArray out;
        const QByteArray &b = entity.body;
        for (qsizetype i = 0; i < b.size(); ++i) {
            if (b[i] == '=' && i + 1 < b.size() && (b[i + 1] == '\r' || b[i + 1] == '\n')) {
                i += (b[i + 1] == '\r' && i + 2 < b.size() && b[i + 2] == '\n') ? 2 : 1; // soft line break
            } else if (b[i] == '=' && i + 2 < b.size()) {
                out += char(b.mid(i + 1, 2).toInt(nullptr, 16));
                i += 2;
            } else {
                out += b[i];
            }
        }
        return out;
    }
    return entity.body;
}

} // namespace mime

} // namespace sg::test
