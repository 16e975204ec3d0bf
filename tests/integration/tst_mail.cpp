#include "fakeclock.h"
#include "server/mailer.h"
#include "server/mailmessage.h"
#include "smtpsink.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using sg::server::MailAddress;
using sg::server::MailAttachment;
using sg::server::MailDropMailer;
using sg::server::MailMessage;
using sg::server::SmtpMailer;
using sg::server::SmtpSettings;
using sg::test::ReceivedMail;
using sg::test::SmtpSink;
namespace mime = sg::test::mime;

namespace {

// The error text of a failed Status, or nothing: QVERIFY2 evaluates its message even when the check passes.
QString problem(const sg::Status &status)
{
    return status ? QString() : status.error().message;
}

QString s(const char16_t *text)
{
    return QString::fromUtf16(text);
}

const QString kSubject = s(u"Приказ о смене директора — ИНН 6950123467");
const QString kBody = s(u"Уважаемая Мария Петровна!\n\n"
                        u"Приказом № 15 от 01.09.2026 вы назначены директором школы.\n"
                        u"Временный пароль для входа в SchoolGate: Щ7ж-Ёлка-2026\n"
                        u"\n-- \nШкола № 15, г. Тверь\n");

QString crlf(QString text)
{
    return text.replace(QLatin1String("\r\n"), QLatin1String("\n")).replace(u'\n', QLatin1String("\r\n"));
}

MailMessage orderMessage()
{
    return MailMessage(MailAddress(QStringLiteral("noreply@school15.example"), s(u"SchoolGate — Школа № 15")),
        {MailAddress(QStringLiteral("director@school15.example"), s(u"Иванова Мария Петровна")),
            MailAddress(QStringLiteral("archive@school15.example"))},
        kSubject, kBody);
}

SmtpSettings plainSmtp(const QUrl &url, int timeoutMs = 10000)
{
    SmtpSettings settings;
    settings.url = url;
    settings.startTls = false;
    settings.timeoutMs = timeoutMs;
    return settings;
}

QByteArray pdfBytes()
{
    QByteArray pdf("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n.\r\n..\r\n");
    pdf.append('\0');
    for (int i = 0; i < 20000; ++i)
        pdf.append(char(i * 31 % 256));
    return pdf + "\n%%EOF\n";
}

} // namespace

class TestMail : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void smtpDeliversCyrillic();
    void smtpDeliversAttachment();
    void smtpNeverSendsInvalidMessage();
    void smtpClosedPortFails();
    void smtpSilentServerTimesOut();
    void smtpRequiredStartTlsNeverFallsBack();
    void mailDropRoundTrip();
    void mailDropUnwritableFolder();
    void smtpSettingsFromUrl_data();
    void smtpSettingsFromUrl();
    void makeMailerChoosesTransport();

private:
    std::unique_ptr<SmtpSink> m_sink;
};

void TestMail::initTestCase()
{
    m_sink = std::make_unique<SmtpSink>();
    QVERIFY2(m_sink->isValid(), qPrintable(QStringLiteral("Cannot start the SMTP sink: ") + m_sink->errorString()));
    QVERIFY(m_sink->port() != 0);
}

void TestMail::cleanupTestCase()
{
    m_sink.reset();
}

void TestMail::smtpDeliversCyrillic()
{
    const qsizetype before = m_sink->messages().size();
    SmtpMailer mailer(plainSmtp(m_sink->url()));
    const sg::Status sent = mailer.send(orderMessage());
    QVERIFY2(sent, qPrintable(problem(sent)));
    QVERIFY(m_sink->waitForMessages(int(before + 1), 10000));

    const ReceivedMail mail = m_sink->received().at(before);
    QCOMPARE(m_sink->messages().at(before), mail.raw);

    // The envelope: MAIL FROM and one RCPT TO per recipient.
    QCOMPARE(mail.envelopeFrom, QStringLiteral("noreply@school15.example"));
    QCOMPARE(mail.envelopeTo,
        QStringList({QStringLiteral("director@school15.example"), QStringLiteral("archive@school15.example")}));

    // Our reading of the bytes on the wire.
    const mime::Entity entity = mime::parse(mail.raw);
    QCOMPARE(MailMessage::decodeHeader(entity.header("Subject")), kSubject);
    QCOMPARE(
        MailMessage::decodeHeader(entity.header("From")), s(u"SchoolGate — Школа № 15 <noreply@school15.example>"));
    QCOMPARE(MailMessage::decodeHeader(entity.header("To")),
        s(u"Иванова Мария Петровна <director@school15.example>, archive@school15.example"));
    QCOMPARE(entity.header("Content-Type"), QByteArray("text/plain; charset=UTF-8"));
    QCOMPARE(QString::fromUtf8(mime::decodedBody(entity)), crlf(kBody));
    QVERIFY(!entity.header("Date").isEmpty());
    QVERIFY(entity.header("Message-ID").endsWith("@school15.example>"));
    QVERIFY(!mail.raw.contains("\xD0")); // all 7-bit: no relay can mangle it

    // Python's email package reads the same.
    QVERIFY2(!mail.parsed.contains(QStringLiteral("parse_error")),
        qPrintable(mail.parsed.value(QStringLiteral("parse_error")).toString()));
    QCOMPARE(mail.parsed.value(QStringLiteral("subject")).toString(), kSubject);
    QCOMPARE(crlf(mail.parsed.value(QStringLiteral("body")).toString()), crlf(kBody));
    const QJsonArray from = mail.parsed.value(QStringLiteral("from")).toArray();
    QCOMPARE(from.size(), 1);
    QCOMPARE(from[0][QStringLiteral("name")].toString(), s(u"SchoolGate — Школа № 15"));
    QCOMPARE(from[0][QStringLiteral("address")].toString(), QStringLiteral("noreply@school15.example"));
    const QJsonArray to = mail.parsed.value(QStringLiteral("to")).toArray();
    QCOMPARE(to.size(), 2);
    QCOMPARE(to[0][QStringLiteral("name")].toString(), s(u"Иванова Мария Петровна"));
    QCOMPARE(to[0][QStringLiteral("address")].toString(), QStringLiteral("director@school15.example"));
    QCOMPARE(to[1][QStringLiteral("address")].toString(), QStringLiteral("archive@school15.example"));
    QCOMPARE(mail.parsed.value(QStringLiteral("defects")).toArray(), QJsonArray());
}

void TestMail::smtpDeliversAttachment()
{
    const qsizetype before = m_sink->messages().size();
    const QByteArray pdf = pdfBytes();
    const QString fileName = s(u"Приказ № 15 от 01.09.2026 о смене директора школы.pdf");
    MailMessage message = orderMessage();
    message.addAttachment({fileName, QStringLiteral("application/pdf"), pdf});
    SmtpMailer mailer(plainSmtp(m_sink->url()));
    const sg::Status sent = mailer.send(message);
    QVERIFY2(sent, qPrintable(problem(sent)));
    QVERIFY(m_sink->waitForMessages(int(before + 1), 10000));

    const ReceivedMail mail = m_sink->received().at(before);
    const QList<mime::Entity> parts = mime::parts(mime::parse(mail.raw));
    QCOMPARE(parts.size(), 2);
    QCOMPARE(QString::fromUtf8(mime::decodedBody(parts[0])), crlf(kBody));
    QCOMPARE(mime::decodedBody(parts[1]), pdf);

    QCOMPARE(mail.parsed.value(QStringLiteral("subject")).toString(), kSubject);
    QCOMPARE(crlf(mail.parsed.value(QStringLiteral("body")).toString()), crlf(kBody));
    const QJsonArray attachments = mail.parsed.value(QStringLiteral("attachments")).toArray();
    QCOMPARE(attachments.size(), 1);
    QCOMPARE(attachments[0][QStringLiteral("filename")].toString(), fileName);
    QCOMPARE(attachments[0][QStringLiteral("content_type")].toString(), QStringLiteral("application/pdf"));
    QCOMPARE(attachments[0][QStringLiteral("size")].toInt(), int(pdf.size()));
    QCOMPARE(mail.parsed.value(QStringLiteral("defects")).toArray(), QJsonArray());
}

void TestMail::smtpNeverSendsInvalidMessage()
{
    const qsizetype before = m_sink->messages().size();
    MailMessage message = orderMessage();
    message.setSubject(QStringLiteral("Hi\r\nBcc: victim@evil.example"));
    SmtpMailer mailer(plainSmtp(m_sink->url()));
    const sg::Status sent = mailer.send(message);
    QVERIFY(!sent);
    QCOMPARE(sent.error().code, QStringLiteral("validation-failed"));

    // A valid message sent afterwards is the next one the sink sees: the invalid one never arrived.
    QVERIFY(mailer.send(orderMessage()));
    QVERIFY(m_sink->waitForMessages(int(before + 1), 10000));
    const QList<QByteArray> messages = m_sink->messages();
    QCOMPARE(messages.size(), before + 1);
    QVERIFY(!messages.last().contains("victim"));
}

void TestMail::smtpClosedPortFails()
{
    const quint16 port = SmtpSink::freePort();
    QVERIFY(port != 0);
    QUrl url = m_sink->url();
    url.setPort(port);
    SmtpMailer mailer(plainSmtp(url, 5000));

    QElapsedTimer timer;
    timer.start();
    const sg::Status sent = mailer.send(orderMessage());
    const qint64 elapsed = timer.elapsed();
    QVERIFY(!sent);
    QCOMPARE(sent.error().code, QStringLiteral("mail-failed"));
    QVERIFY2(sent.error().message.contains(QStringLiteral("smtp://127.0.0.1:%1").arg(port)),
        qPrintable(sent.error().message));
    QVERIFY2(
        sent.error().message.contains(QLatin1String("connect"), Qt::CaseInsensitive), qPrintable(sent.error().message));
    QVERIFY2(elapsed < 5000 + 2000, qPrintable(QStringLiteral("took %1 ms").arg(elapsed)));
}

void TestMail::smtpSilentServerTimesOut()
{
    // Accepts connections (the kernel completes them) but never says a word.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress(QHostAddress::LocalHost), 0));
    QUrl url = m_sink->url();
    url.setPort(silent.serverPort());
    SmtpMailer mailer(plainSmtp(url, 1500));

    QElapsedTimer timer;
    timer.start();
    const sg::Status sent = mailer.send(orderMessage());
    const qint64 elapsed = timer.elapsed();
    QVERIFY(!sent);
    QCOMPARE(sent.error().code, QStringLiteral("mail-failed"));
    QVERIFY2(
        sent.error().message.contains(QLatin1String("time"), Qt::CaseInsensitive), qPrintable(sent.error().message));
    QVERIFY2(elapsed >= 1000, qPrintable(QStringLiteral("took only %1 ms").arg(elapsed)));
    QVERIFY2(elapsed < 1500 + 3000, qPrintable(QStringLiteral("took %1 ms").arg(elapsed)));
}

void TestMail::smtpRequiredStartTlsNeverFallsBack()
{
    // The sink offers no STARTTLS: a mailer that requires it must fail rather than send in the clear.
    const qsizetype before = m_sink->messages().size();
    SmtpSettings settings = plainSmtp(m_sink->url());
    settings.startTls = true;
    SmtpMailer mailer(settings);
    const sg::Status sent = mailer.send(orderMessage());
    QVERIFY(!sent);
    QCOMPARE(sent.error().code, QStringLiteral("mail-failed"));
    QCOMPARE(m_sink->messages().size(), before);
}

void TestMail::mailDropRoundTrip()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString dropDir = tmp.filePath(QStringLiteral("spool/mail-drop"));
    const sg::test::FakeClock clock;
    MailDropMailer mailer(dropDir, &clock);
    MailMessage message = orderMessage();
    message.addAttachment({QStringLiteral("order.pdf"), QStringLiteral("application/pdf"), pdfBytes()});

    const sg::Status sent = mailer.send(message);
    QVERIFY2(sent, qPrintable(problem(sent)));
    QVERIFY(mailer.send(orderMessage()));

    QDir dir(dropDir);
    const QStringList files = dir.entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
    QCOMPARE(files.size(), 2); // no temporary files left behind
    static const QRegularExpression name(QStringLiteral(R"(^20260901T090000000Z-[0-9a-f]{16}\.eml$)"));
    for (const QString &file : files) {
        QVERIFY2(name.match(file).hasMatch(), qPrintable(file));
        const QFileDevice::Permissions perms = QFileInfo(dir.filePath(file)).permissions();
        QVERIFY2(!(perms & (QFileDevice::ReadGroup | QFileDevice::ReadOther)), "mail is readable by others");
    }
    QVERIFY(!(QFileInfo(dropDir).permissions() & (QFileDevice::ReadOther | QFileDevice::ExeOther)));

    // One of the two files is the message with the attachment; read it back.
    QByteArray raw;
    for (const QString &file : files) {
        QFile f(dir.filePath(file));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray data = f.readAll();
        if (data.contains("multipart/mixed"))
            raw = data;
    }
    QVERIFY(!raw.isEmpty());
    const mime::Entity entity = mime::parse(raw);
    QCOMPARE(entity.header("Date"), QByteArray("Tue, 01 Sep 2026 09:00:00 +0000"));
    QCOMPARE(MailMessage::decodeHeader(entity.header("Subject")), kSubject);
    QCOMPARE(
        MailMessage::decodeHeader(entity.header("From")), s(u"SchoolGate — Школа № 15 <noreply@school15.example>"));
    const QList<mime::Entity> parts = mime::parts(entity);
    QCOMPARE(parts.size(), 2);
    QCOMPARE(QString::fromUtf8(mime::decodedBody(parts[0])), crlf(kBody));
    QCOMPARE(mime::decodedBody(parts[1]), pdfBytes());

    // Invalid messages never reach the folder.
    MailMessage bad = orderMessage();
    bad.setTo({MailAddress(QStringLiteral("a@b.example\r\nBcc: victim@evil.example"))});
    QCOMPARE(mailer.send(bad).error().code, QStringLiteral("validation-failed"));
    QCOMPARE(dir.entryList(QDir::Files | QDir::Hidden).size(), 2);
}

void TestMail::mailDropUnwritableFolder()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    // A regular file where the folder should be.
    const QString blocked = tmp.filePath(QStringLiteral("not-a-folder"));
    QFile file(blocked);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    MailDropMailer mailer(blocked + QStringLiteral("/drop"));
    const sg::Status sent = mailer.send(orderMessage());
    QVERIFY(!sent);
    QCOMPARE(sent.error().code, QStringLiteral("mail-failed"));
    QVERIFY2(sent.error().message.contains(QLatin1String("mail-drop folder")), qPrintable(sent.error().message));
}

void TestMail::smtpSettingsFromUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("startTls");
    QTest::addColumn<QString>("fragment"); // in the error

    const auto good = [](const char *row, const char *url, const char *host, int port, const char *user,
                          const char *password, bool startTls) {
        QTest::newRow(row) << QString::fromUtf8(url) << true << QString::fromUtf8(host) << port
                           << QString::fromUtf8(user) << QString::fromUtf8(password) << startTls << QString();
    };
    const auto bad = [](const char *row, const char *url, const char *fragment) {
        QTest::newRow(row) << QString::fromUtf8(url) << false << QString() << -1 << QString() << QString() << false
                           << QString::fromUtf8(fragment);
    };
    good("relay with STARTTLS", "smtp://relay.example:587", "relay.example", 587, "", "", true);
    good("loopback relay in the clear", "smtp://127.0.0.1:2525", "127.0.0.1", 2525, "", "", false);
    good("localhost", "smtp://localhost", "localhost", -1, "", "", false);
    good("IPv6 loopback", "smtp://[::1]:25", "::1", 25, "", "", false);
    good("implicit TLS", "smtps://relay.example", "relay.example", -1, "", "", false);
    good("percent-encoded credentials", "smtp://gate%40school15.example:p%40ss%3Aw0rd@relay.example:587",
        "relay.example", 587, "gate@school15.example", "p@ss:w0rd", true);
    good("STARTTLS forced on loopback", "smtp://127.0.0.1:25?starttls=yes", "127.0.0.1", 25, "", "", true);
    good("STARTTLS off", "smtp://relay.example?starttls=no", "relay.example", -1, "", "", false);
    good("password on loopback in the clear", "smtp://u:secret@127.0.0.1:25", "127.0.0.1", 25, "u", "secret", false);
    bad("password in the clear", "smtp://u:secret@relay.example?starttls=no", "Refusing");
    bad("http", "http://relay.example", "smtp://");
    bad("no host", "smtp:///path", "malformed");
    bad("empty", "", "malformed");
    bad("not a URL", "relay example", "malformed");
    bad("bad starttls", "smtp://relay.example?starttls=maybe", "starttls");
}

void TestMail::smtpSettingsFromUrl()
{
    QFETCH(QString, url);
    QFETCH(bool, ok);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(bool, startTls);
    QFETCH(QString, fragment);

    const auto settings = SmtpSettings::fromUrl(url);
    QCOMPARE(settings.ok(), ok);
    if (!ok) {
        QCOMPARE(settings.error().code, QStringLiteral("mail-failed"));
        QVERIFY2(settings.error().message.contains(fragment), qPrintable(settings.error().message));
        QVERIFY2(!settings.error().message.contains(QLatin1String("secret")), "the error quotes the password");
        return;
    }
    QCOMPARE(settings->url.host(), host);
    QCOMPARE(settings->url.port(), port);
    QVERIFY(settings->url.userInfo().isEmpty());
    QVERIFY(!settings->url.hasQuery());
    QCOMPARE(settings->username, username);
    QCOMPARE(settings->password, password);
    QCOMPARE(settings->startTls, startTls);
}

void TestMail::makeMailerChoosesTransport()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());

    const auto drop = sg::server::makeMailer(QString(), tmp.path());
    QVERIFY(dynamic_cast<MailDropMailer *>(drop.get()));
    QVERIFY(drop->send(orderMessage()));
    QCOMPARE(QDir(tmp.path()).entryList({QStringLiteral("*.eml")}, QDir::Files).size(), 1);

    const qsizetype before = m_sink->messages().size();
    const auto smtp = sg::server::makeMailer(m_sink->url().toString(), tmp.path());
    auto *smtpMailer = dynamic_cast<SmtpMailer *>(smtp.get());
    QVERIFY(smtpMailer);
    QVERIFY(!smtpMailer->settings().startTls); // loopback
    const sg::Status sent = smtp->send(orderMessage());
    QVERIFY2(sent, qPrintable(problem(sent)));
    QVERIFY(m_sink->waitForMessages(int(before + 1), 10000));

    // A broken setting fails every send, and nothing is diverted to the folder.
    const auto broken = sg::server::makeMailer(QStringLiteral("http://relay.example"), tmp.path());
    const sg::Status failed = broken->send(orderMessage());
    QVERIFY(!failed);
    QCOMPARE(failed.error().code, QStringLiteral("mail-failed"));
    QCOMPARE(QDir(tmp.path()).entryList({QStringLiteral("*.eml")}, QDir::Files).size(), 1);
}

QTEST_GUILESS_MAIN(TestMail)

#include "tst_mail.moc"
