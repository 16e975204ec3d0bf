#include "server/mailmessage.h"
#include "smtpsink.h"

#include <QLocale>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QTest>
#include <QTimeZone>

using sg::server::MailAddress;
using sg::server::MailAttachment;
using sg::server::MailMessage;
namespace mime = sg::test::mime;

namespace {

const QDateTime kDate(QDate(2026, 9, 1), QTime(9, 0), QTimeZone::utc());
const QString kDomain = QStringLiteral("school15.example");

// The error text of a failed Status, or nothing: QVERIFY2 evaluates its message even when the check passes.
QString problem(const sg::Status &status)
{
    return status ? QString() : status.error().message;
}

QString s(const char16_t *text)
{
    return QString::fromUtf16(text);
}

MailMessage basicMessage()
{
    return MailMessage(MailAddress(QStringLiteral("noreply@school15.example"), s(u"Школа № 15")),
        {MailAddress(QStringLiteral("director@school15.example"), s(u"Иванова Мария Петровна"))},
        QStringLiteral("Hello"), s(u"Здравствуйте!\nВаш пароль: 7Kx9-mQ2p"));
}

QByteArray headerBlock(const QByteArray &message)
{
    const qsizetype end = message.indexOf("\r\n\r\n");
    return end < 0 ? message : message.left(end + 2);
}

// The raw lines (CRLF removed) of one header field: its first line and the folded continuation lines.
QList<QByteArray> fieldLines(const QByteArray &message, QByteArrayView name)
{
    QList<QByteArray> out;
    bool inField = false;
    for (const QByteArray &line : headerBlock(message).split('\n')) {
        const QByteArray bare = line.endsWith('\r') ? line.chopped(1) : line;
        if (bare.isEmpty())
            continue;
        if (bare.startsWith(' ') || bare.startsWith('\t')) {
            if (inField)
                out.append(bare);
            continue;
        }
        inField = bare.size() > name.size() && bare.startsWith(name) && bare[name.size()] == ':';
        if (inField)
            out.append(bare);
    }
    return out;
}

QStringList encodedWordsIn(const QByteArray &value)
{
    static const QRegularExpression word(QStringLiteral(R"(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)"));
    QStringList out;
    for (const auto &match : word.globalMatch(QString::fromLatin1(value)))
        out.append(match.captured());
    return out;
}

// Every line break is CRLF: no bare CR, no bare LF.
bool crlfOnly(const QByteArray &data, qsizetype *badAt)
{
    for (qsizetype i = 0; i < data.size(); ++i) {
        const bool bareCr = data[i] == '\r' && (i + 1 >= data.size() || data[i + 1] != '\n');
        const bool bareLf = data[i] == '\n' && (i == 0 || data[i - 1] != '\r');
        if (bareCr || bareLf) {
            *badAt = i;
            return false;
        }
    }
    return true;
}

qsizetype longestLine(const QByteArray &data)
{
    qsizetype longest = 0;
    for (const QByteArray &line : data.split('\n'))
        longest = std::max(longest, line.endsWith('\r') ? line.size() - 1 : line.size());
    return longest;
}

// A PDF-like payload with bytes a careless encoder would mangle: NUL, bare CR and LF, a line of dots, 8-bit.
QByteArray pdfBytes()
{
    QByteArray pdf("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\r<< /Type /Catalog >>\rendobj\n.\r\n");
    pdf.append('\0');
    for (int i = 0; i < 3000; ++i)
        pdf.append(char(i * 7 % 256));
    pdf.append("\n%%EOF\n");
    return pdf;
}

// RFC 2231 file name ("filename*0*=UTF-8''%D0..;" continuations) or a plain quoted one, as a reader sees it.
QString fileNameOf(const mime::Entity &part)
{
    const QByteArray disposition = part.header("Content-Disposition");
    if (const QByteArray plain = part.parameter("Content-Disposition", "filename"); !plain.isNull())
        return QString::fromUtf8(plain);
    QByteArray encoded;
    if (const QByteArray single = part.parameter("Content-Disposition", "filename*"); !single.isNull()) {
        encoded = single;
    } else {
        for (int n = 0;; ++n) {
            const QByteArray piece = part.parameter("Content-Disposition", "filename*" + QByteArray::number(n) + '*');
            if (piece.isNull())
                break;
            encoded += piece;
        }
    }
    if (!encoded.startsWith("UTF-8''"))
        return {};
    return QString::fromUtf8(QByteArray::fromPercentEncoding(encoded.mid(7)));
}

} // namespace

class TestMailMessage : public QObject
{
    Q_OBJECT

private slots:
    void subjects_data();
    void subjects();
    void headerInjection_data();
    void headerInjection();
    void addresses_data();
    void addresses();
    void displayNames_data();
    void displayNames();
    void crlfEverywhere();
    void plainTextBody();
    void multipartWithPdf();
    void longAttachmentNameFolds();
    void attachmentChecks_data();
    void attachmentChecks();
    void incompleteMessages();
    void dateFormat_data();
    void dateFormat();
    void dateIgnoresLocale();
    void messageId();
    void decodeHeader_data();
    void decodeHeader();
};

void TestMailMessage::subjects_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addColumn<bool>("encoded"); // sent as encoded-words (otherwise as plain words)
    QTest::addColumn<int>("minWords"); // at least this many encoded-words

    const QString longCyrillic = s(u"Приказ о смене директора муниципального бюджетного общеобразовательного "
                                   u"учреждения «Средняя общеобразовательная школа № 15 имени А. С. Пушкина» "
                                   u"города Твери — ИНН 6950123467, КПП 695001001, ОГРН 1026900512345");
    QTest::newRow("ASCII") << QStringLiteral("Your SchoolGate password") << false << 0;
    QTest::newRow("empty") << QString() << false << 0;
    QTest::newRow("Cyrillic short") << s(u"Пароль") << true << 1;
    QTest::newRow("Cyrillic with ASCII digits") << s(u"Приказ о смене директора — ИНН 6950123467") << true << 2;
    QTest::newRow("Cyrillic very long") << longCyrillic << true << 8;
    QTest::newRow("emoji never split") << QString(s(u"\U0001F393") + s(u"a\U0001F4DA")).repeated(20) << true << 4;
    QTest::newRow("emoji after odd ASCII")
        << QStringLiteral("x") + s(u"\U0001F600\U0001F600\U0001F600").repeated(12) << true << 4;
    QTest::newRow("combining accents") << s(u"Йо\u0306жик e\u0301te\u0301") << true << 1;
    QTest::newRow("CJK") << s(u"学校の先生への通知").repeated(6) << true << 4;
    QTest::newRow("long ASCII word") << QStringLiteral("x").repeated(100) << true << 2;
    QTest::newRow("ASCII that looks encoded") << QStringLiteral("Price =?UTF-8?B?0J/RgNC4?= trick") << true << 1;
    QTest::newRow("double and edge spaces") << QStringLiteral("  two  spaces ") << true << 1;
    QTest::newRow("many short ASCII words") << QStringLiteral("word ").repeated(40).trimmed() << false << 0;
}

void TestMailMessage::subjects()
{
    QFETCH(QString, subject);
    QFETCH(bool, encoded);
    QFETCH(int, minWords);

    MailMessage message = basicMessage();
    message.setSubject(subject);
    QVERIFY2(message.validate(), qPrintable(problem(message.validate())));
    const QByteArray mime = message.toMime(kDate, kDomain);
    QVERIFY(!mime.isEmpty());

    const QList<QByteArray> lines = fieldLines(mime, "Subject");
    QVERIFY(!lines.isEmpty());
    for (const QByteArray &line : lines)
        QVERIFY2(line.size() <= 78, line.constData());
    const QByteArray value = mime::parse(mime).header("Subject");
    QCOMPARE(MailMessage::decodeHeader(value), subject);

    const QStringList words = encodedWordsIn(value);
    if (!encoded) {
        QVERIFY2(words.isEmpty(), value.constData());
        QCOMPARE(QString::fromLatin1(value), subject);
        return;
    }
    QVERIFY2(words.size() >= minWords, qPrintable(QStringLiteral("%1 encoded-words").arg(words.size())));
    // Only encoded-words and the spaces between them: nothing of the subject travels unencoded.
    QString rest = QString::fromLatin1(value);
    for (const QString &word : words)
        rest.remove(word);
    QVERIFY2(rest.trimmed().isEmpty(), qPrintable(rest));
    for (const QString &word : words) {
        QVERIFY2(word.size() <= 75, qPrintable(word));
        QVERIFY(word.startsWith(QLatin1String("=?UTF-8?B?")));
        // Each word is valid UTF-8 on its own: no multi-byte sequence was cut between two words.
        const QByteArray bytes = QByteArray::fromBase64(word.mid(10, word.size() - 12).toLatin1());
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString text = utf8.decode(bytes);
        QVERIFY2(!utf8.hasError(), qPrintable(word));
        QVERIFY(!text.isEmpty());
    }
}

void TestMailMessage::headerInjection_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("fragment"); // in the error message

    const QString crlf = QStringLiteral("Hello\r\nBcc: victim@evil.example");
    const QString lf = QStringLiteral("Hello\nBcc: victim@evil.example");
    const QString cr = QStringLiteral("Hello\rBcc: victim@evil.example");
    QTest::newRow("subject CRLF") << QStringLiteral("subject") << crlf << QStringLiteral("subject");
    QTest::newRow("subject LF") << QStringLiteral("subject") << lf << QStringLiteral("U+000A");
    QTest::newRow("subject CR") << QStringLiteral("subject") << cr << QStringLiteral("U+000D");
    QTest::newRow("subject CRLF CRLF body")
        << QStringLiteral("subject") << QStringLiteral("Hi\r\n\r\nfake body") << QStringLiteral("position 3");
    QTest::newRow("subject NUL") << QStringLiteral("subject") << QStringLiteral("a") + QChar(0) + QStringLiteral("b")
                                 << QStringLiteral("U+0000");
    QTest::newRow("subject tab") << QStringLiteral("subject") << QStringLiteral("a\tb") << QStringLiteral("U+0009");
    QTest::newRow("subject NEL") << QStringLiteral("subject") << s(u"a\u0085Bcc: x@y.example")
                                 << QStringLiteral("U+0085");
    QTest::newRow("subject line separator")
        << QStringLiteral("subject") << s(u"a\u2028Bcc: x@y.example") << QStringLiteral("U+2028");
    QTest::newRow("sender name") << QStringLiteral("fromName") << crlf << QStringLiteral("sender");
    QTest::newRow("recipient name") << QStringLiteral("toName") << lf << QStringLiteral("Recipient 1");
    QTest::newRow("sender address") << QStringLiteral("fromAddress")
                                    << QStringLiteral("a@b.example\r\nBcc: victim@evil.example")
                                    << QStringLiteral("control character");
    QTest::newRow("recipient address CRLF")
        << QStringLiteral("toAddress") << QStringLiteral("a@b.example\r\nBcc: victim@evil.example")
        << QStringLiteral("Recipient 1");
    QTest::newRow("recipient address list")
        << QStringLiteral("toAddress") << QStringLiteral("a@b.example,victim@evil.example")
        << QStringLiteral("\u201C,\u201D");
    QTest::newRow("recipient address angle")
        << QStringLiteral("toAddress") << QStringLiteral("a@b.example>victim@evil.example")
        << QStringLiteral("\u201C>\u201D");
    QTest::newRow("attachment name") << QStringLiteral("attachmentName") << QStringLiteral("a.pdf\r\nX: y")
                                     << QStringLiteral("Attachment 1");
    QTest::newRow("attachment type") << QStringLiteral("attachmentType")
                                     << QStringLiteral("application/pdf\r\nBcc: victim@evil.example")
                                     << QStringLiteral("content type");
    QTest::newRow("message id") << QStringLiteral("messageId") << QStringLiteral("abc@x.example>\r\nBcc: v@e.example")
                                << QStringLiteral("Message-ID");
}

void TestMailMessage::headerInjection()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, fragment);

    MailMessage message = basicMessage();
    QVERIFY(message.validate());
    if (field == QLatin1String("subject")) {
        message.setSubject(value);
    } else if (field == QLatin1String("fromName")) {
        message.setFrom(MailAddress(message.from().address, value));
    } else if (field == QLatin1String("toName")) {
        message.setTo({MailAddress(QStringLiteral("a@b.example"), value)});
    } else if (field == QLatin1String("fromAddress")) {
        message.setFrom(MailAddress(value));
    } else if (field == QLatin1String("toAddress")) {
        message.setTo({MailAddress(value)});
    } else if (field == QLatin1String("attachmentName")) {
        message.addAttachment({value, QStringLiteral("application/pdf"), "x"});
    } else if (field == QLatin1String("attachmentType")) {
        message.addAttachment({QStringLiteral("a.pdf"), value, "x"});
    } else if (field == QLatin1String("messageId")) {
        message.setMessageId(value);
    } else {
        QFAIL("unknown field");
    }

    const sg::Status status = message.validate();
    QVERIFY(!status);
    QCOMPARE(status.error().code, QStringLiteral("validation-failed"));
    QVERIFY2(status.error().message.contains(fragment, Qt::CaseInsensitive), qPrintable(status.error().message));
    const QByteArray mime = message.toMime(kDate, kDomain);
    QVERIFY(mime.isEmpty());
    QVERIFY(!mime.contains("victim"));
}

void TestMailMessage::addresses_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("fragment");

    const auto good = [](const char *name, const QString &address) {
        QTest::newRow(name) << address << true << QString();
    };
    const auto bad = [](const char *name, const QString &address, const QString &fragment) {
        QTest::newRow(name) << address << false << fragment;
    };
    good("plain", QStringLiteral("director@school15.example"));
    good("plus tag and dots", QStringLiteral("maria.ivanova+gate@mail.school15.example"));
    good("digits and hyphen", QStringLiteral("a1@sch-15.edu.example"));
    good("single-label domain", QStringLiteral("root@localhost"));
    good("punycode domain", QStringLiteral("info@xn--80aswg.xn--p1ai"));
    good("atext specials", QStringLiteral("o'hara!#$%&*/=?^_`{|}~-@x.example"));
    good("64-character local part", QStringLiteral("a").repeated(64) + QStringLiteral("@x.example"));
    bad("empty", QString(), QStringLiteral("empty"));
    bad("no @", QStringLiteral("director.school15.example"), QStringLiteral("no @"));
    bad("two @", QStringLiteral("a@b@school15.example"), QStringLiteral("2 @"));
    bad("space", QStringLiteral("maria ivanova@x.example"), QStringLiteral("space"));
    bad("leading space", QStringLiteral(" a@x.example"), QStringLiteral("space"));
    bad("CR", QStringLiteral("a@x.example\r"), QStringLiteral("control"));
    bad("LF", QStringLiteral("a@x.example\nBcc: b@y.example"), QStringLiteral("control"));
    bad("tab", QStringLiteral("a\t@x.example"), QStringLiteral("control"));
    bad("angle brackets", QStringLiteral("<a@x.example>"), QStringLiteral("\u201C<\u201D"));
    bad("comma", QStringLiteral("a@x.example,b@y.example"), QStringLiteral("\u201C,\u201D"));
    bad("semicolon", QStringLiteral("a@x.example;b@y.example"), QStringLiteral("\u201C;\u201D"));
    bad("quotes", QStringLiteral("\"a b\"@x.example"), QStringLiteral("\u201C\"\u201D"));
    bad("parentheses", QStringLiteral("a(comment)@x.example"), QStringLiteral("\u201C(\u201D"));
    bad("Cyrillic local part", s(u"директор@school15.example"), QStringLiteral("non-ASCII"));
    bad("Cyrillic domain", s(u"info@школа.рф"), QStringLiteral("non-ASCII"));
    bad("nothing before @", QStringLiteral("@x.example"), QStringLiteral("nothing before"));
    bad("nothing after @", QStringLiteral("a@"), QStringLiteral("no domain"));
    bad("leading dot", QStringLiteral(".a@x.example"), QStringLiteral("malformed"));
    bad("trailing dot in local part", QStringLiteral("a.@x.example"), QStringLiteral("malformed"));
    bad("two dots", QStringLiteral("a..b@x.example"), QStringLiteral("malformed"));
    bad("domain with two dots", QStringLiteral("a@x..example"), QStringLiteral("host name"));
    bad("domain trailing dot", QStringLiteral("a@x.example."), QStringLiteral("host name"));
    bad("domain label hyphen", QStringLiteral("a@-x.example"), QStringLiteral("host name"));
    bad("domain underscore", QStringLiteral("a@x_y.example"), QStringLiteral("host name"));
    bad("domain literal", QStringLiteral("a@[127.0.0.1]"), QStringLiteral("\u201C[\u201D"));
    bad("65-character local part", QStringLiteral("a").repeated(65) + QStringLiteral("@x.example"),
        QStringLiteral("64"));
    bad("255 characters", QStringLiteral("a@") + QStringLiteral("b.").repeated(126) + QStringLiteral("cde"),
        QStringLiteral("254"));
}

void TestMailMessage::addresses()
{
    QFETCH(QString, address);
    QFETCH(bool, ok);
    QFETCH(QString, fragment);

    const sg::Status status = MailMessage::validateAddress(address);
    QCOMPARE(bool(status), ok);
    MailMessage message = basicMessage();
    message.setTo({MailAddress(address)});
    QCOMPARE(bool(message.validate()), ok);
    if (ok) {
        const mime::Entity entity = mime::parse(message.toMime(kDate, kDomain));
        QCOMPARE(entity.header("To"), address.toLatin1());
        return;
    }
    QCOMPARE(status.error().code, QStringLiteral("validation-failed"));
    QVERIFY2(status.error().message.contains(fragment), qPrintable(status.error().message));
    QVERIFY(message.toMime(kDate, kDomain).isEmpty());
}

void TestMailMessage::displayNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("expectedRaw"); // empty: only the round trip is checked
    QTest::addColumn<int>("words"); // encoded-words expected; -1: at least two

    QTest::newRow("atoms") << QStringLiteral("SchoolGate Robot") << QByteArray("SchoolGate Robot <a@b.example>") << 0;
    QTest::newRow("specials quoted") << QStringLiteral("Ivanova, M. \"Masha\"")
                                     << QByteArray("\"Ivanova, M. \\\"Masha\\\"\" <a@b.example>") << 0;
    // A usual full name travels as one encoded-word, which every reader decodes the same way.
    QTest::newRow("Cyrillic") << s(u"Иванова Мария Петровна") << QByteArray() << 1;
    QTest::newRow("very long Cyrillic") << s(u"Муниципальное бюджетное общеобразовательное учреждение «Средняя "
                                             u"общеобразовательная школа № 15»")
                                        << QByteArray() << -1;
    QTest::newRow("emoji") << s(u"\U0001F393 SchoolGate") << QByteArray() << 1;
}

void TestMailMessage::displayNames()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, expectedRaw);
    QFETCH(int, words);

    MailMessage message = basicMessage();
    message.setTo({MailAddress(QStringLiteral("a@b.example"), name),
        MailAddress(QStringLiteral("second@b.example"), s(u"Второй получатель"))});
    const QByteArray mime = message.toMime(kDate, kDomain);
    QVERIFY(!mime.isEmpty());
    for (const QByteArray &line : fieldLines(mime, "To"))
        QVERIFY2(line.size() <= 78, line.constData());

    const QByteArray to = mime::parse(mime).header("To");
    const qsizetype firstEnd = to.indexOf("<a@b.example>,");
    QVERIFY2(firstEnd > 0, to.constData());
    const qsizetype comma = firstEnd + 13;
    const QByteArray first = to.left(comma);
    if (!expectedRaw.isEmpty())
        QCOMPARE(first, expectedRaw);
    const QStringList encoded = encodedWordsIn(first);
    if (words >= 0)
        QCOMPARE(encoded.size(), words);
    else
        QVERIFY(encoded.size() >= 2);
    for (const QString &word : encoded)
        QVERIFY2(word.size() <= 75, qPrintable(word));
    const QString decoded = MailMessage::decodeHeader(first);
    QVERIFY2(decoded.endsWith(QLatin1String(" <a@b.example>")), qPrintable(decoded));
    if (!first.startsWith('"')) // decodeHeader() decodes encoded-words; it does not unquote quoted strings
        QCOMPARE(decoded.chopped(14), name);
    QCOMPARE(MailMessage::decodeHeader(to.mid(comma + 1)).trimmed(), s(u"Второй получатель <second@b.example>"));
}

void TestMailMessage::crlfEverywhere()
{
    MailMessage message = basicMessage();
    message.setSubject(s(u"Очень длинная тема письма, которая обязательно будет перенесена на несколько строк "
                         u"заголовка"));
    message.setBody(s(u"Unix\nWindows\r\nold Mac\rend\n\n.\n"));
    message.addAttachment({QStringLiteral("order.pdf"), QStringLiteral("application/pdf"), pdfBytes()});
    for (const QByteArray &mime : {basicMessage().toMime(kDate, kDomain), message.toMime(kDate, kDomain)}) {
        QVERIFY(!mime.isEmpty());
        qsizetype badAt = -1;
        QVERIFY2(crlfOnly(mime, &badAt), qPrintable(QStringLiteral("bare CR or LF at byte %1").arg(badAt)));
        QVERIFY(mime.endsWith("\r\n"));
        QVERIFY2(longestLine(mime) <= 78, qPrintable(QString::number(longestLine(mime))));
        for (char c : mime)
            QVERIFY2(uchar(c) < 0x80, "8-bit byte in the message"); // everything is 7-bit
    }
    const mime::Entity top = mime::parse(message.toMime(kDate, kDomain));
    const QList<mime::Entity> parts = mime::parts(top);
    QCOMPARE(parts.size(), 2);
    QCOMPARE(mime::decodedBody(parts[0]), QByteArray("Unix\r\nWindows\r\nold Mac\r\nend\r\n\r\n.\r\n"));
}

void TestMailMessage::plainTextBody()
{
    const MailMessage message = basicMessage();
    const QByteArray mime = message.toMime(kDate, kDomain);
    const mime::Entity entity = mime::parse(mime);
    QCOMPARE(entity.header("MIME-Version"), QByteArray("1.0"));
    QCOMPARE(entity.header("Content-Type"), QByteArray("text/plain; charset=UTF-8"));
    QCOMPARE(entity.header("Content-Transfer-Encoding"), QByteArray("base64"));
    QCOMPARE(entity.header("Auto-Submitted"), QByteArray("auto-generated"));
    QCOMPARE(entity.header("Date"), QByteArray("Tue, 01 Sep 2026 09:00:00 +0000"));
    QCOMPARE(MailMessage::decodeHeader(entity.header("From")), s(u"Школа № 15 <noreply@school15.example>"));
    QCOMPARE(MailMessage::decodeHeader(entity.header("To")), s(u"Иванова Мария Петровна <director@school15.example>"));
    QCOMPARE(entity.header("Subject"), QByteArray("Hello"));
    QCOMPARE(QString::fromUtf8(mime::decodedBody(entity)), s(u"Здравствуйте!\r\nВаш пароль: 7Kx9-mQ2p"));
    QVERIFY(mime::parts(entity).isEmpty());
    // Base64 lines of 76 characters.
    const QList<QByteArray> bodyLines = entity.body.split('\n');
    QVERIFY(!bodyLines.isEmpty());
    QVERIFY(bodyLines.first().chopped(1).size() <= 76);
    // The headers appear once each.
    for (const char *name : {"Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "Content-Type"}) {
        qsizetype count = 0;
        for (const QByteArray &line : headerBlock(mime).split('\n'))
            count += line.startsWith(QByteArray(name) + ':') ? 1 : 0;
        QVERIFY2(count == 1, name);
    }
}

void TestMailMessage::multipartWithPdf()
{
    const QByteArray pdf = pdfBytes();
    const QString russianName = s(u"Приказ № 15 от 01.09.2026.pdf");
    MailMessage message = basicMessage();
    message.setSubject(s(u"Приказ о смене директора"));
    message.addAttachment({russianName, QStringLiteral("application/pdf"), pdf});
    message.addAttachment({QStringLiteral("notes.txt"), QString(), QByteArray("plain notes\n")});
    const QByteArray mime = message.toMime(kDate, kDomain);
    QVERIFY(!mime.isEmpty());

    const mime::Entity top = mime::parse(mime);
    QCOMPARE(top.header("MIME-Version"), QByteArray("1.0"));
    QVERIFY2(top.header("Content-Type").startsWith("multipart/mixed;"), top.header("Content-Type").constData());
    const QByteArray boundary = top.parameter("Content-Type", "boundary");
    QVERIFY(!boundary.isEmpty());
    QCOMPARE(mime.count("--" + boundary + "\r\n"), 3);
    QCOMPARE(mime.count("--" + boundary + "--\r\n"), 1);

    const QList<mime::Entity> parts = mime::parts(top);
    QCOMPARE(parts.size(), 3);
    QCOMPARE(parts[0].header("Content-Type"), QByteArray("text/plain; charset=UTF-8"));
    QCOMPARE(QString::fromUtf8(mime::decodedBody(parts[0])), s(u"Здравствуйте!\r\nВаш пароль: 7Kx9-mQ2p"));

    QVERIFY(parts[1].header("Content-Type").startsWith("application/pdf;"));
    QVERIFY(parts[1].header("Content-Disposition").startsWith("attachment;"));
    QCOMPARE(parts[1].header("Content-Transfer-Encoding"), QByteArray("base64"));
    QCOMPARE(mime::decodedBody(parts[1]), pdf);
    QCOMPARE(fileNameOf(parts[1]), russianName);

    QVERIFY(parts[2].header("Content-Type").startsWith("application/octet-stream;"));
    QCOMPARE(parts[2].parameter("Content-Disposition", "filename"), QByteArray("notes.txt"));
    QCOMPARE(mime::decodedBody(parts[2]), QByteArray("plain notes\n"));

    // The boundary occurs nowhere else; a second rendering picks a different one.
    QCOMPARE(mime.count(boundary), 5);
    QVERIFY(message.toMime(kDate, kDomain).indexOf(boundary) < 0);
}

void TestMailMessage::longAttachmentNameFolds()
{
    const QString name = s(u"Протокол заседания педагогического совета о назначении исполняющего обязанности "
                           u"директора школы.pdf");
    MailMessage message = basicMessage();
    message.addAttachment({name, QStringLiteral("application/pdf"), "%PDF-1.4"});
    const QByteArray mime = message.toMime(kDate, kDomain);
    QVERIFY(longestLine(mime) <= 78);
    const QList<mime::Entity> parts = mime::parts(mime::parse(mime));
    QCOMPARE(parts.size(), 2);
    QVERIFY(!parts[1].parameter("Content-Disposition", "filename*1*").isNull());
    QCOMPARE(fileNameOf(parts[1]), name);
}

void TestMailMessage::attachmentChecks_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("contentType");
    QTest::addColumn<bool>("ok");

    QTest::newRow("pdf") << QStringLiteral("a.pdf") << QStringLiteral("application/pdf") << true;
    QTest::newRow("no type") << QStringLiteral("a.bin") << QString() << true;
    QTest::newRow("vendor type") << QStringLiteral(
        "a.docx") << QStringLiteral("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
                                 << true;
    QTest::newRow("empty name") << QString() << QStringLiteral("application/pdf") << false;
    QTest::newRow("blank name") << QStringLiteral("   ") << QStringLiteral("application/pdf") << false;
    QTest::newRow("path") << QStringLiteral("../../etc/passwd") << QStringLiteral("text/plain") << false;
    QTest::newRow("windows path") << QStringLiteral("C:\\x.pdf") << QStringLiteral("application/pdf") << false;
    QTest::newRow("type without slash") << QStringLiteral("a.pdf") << QStringLiteral("pdf") << false;
    QTest::newRow("type with parameter") << QStringLiteral("a.txt") << QStringLiteral("text/plain; charset=x") << false;
    QTest::newRow("type with space") << QStringLiteral("a.pdf") << QStringLiteral("application/ pdf") << false;
}

void TestMailMessage::attachmentChecks()
{
    QFETCH(QString, fileName);
    QFETCH(QString, contentType);
    QFETCH(bool, ok);

    MailMessage message = basicMessage();
    message.addAttachment({fileName, contentType, "data"});
    const sg::Status status = message.validate();
    QCOMPARE(bool(status), ok);
    QCOMPARE(message.toMime(kDate, kDomain).isEmpty(), !ok);
    if (!ok)
        QVERIFY2(status.error().message.startsWith(QLatin1String("Attachment 1")), qPrintable(status.error().message));
}

void TestMailMessage::incompleteMessages()
{
    MailMessage noRecipient = basicMessage();
    noRecipient.setTo({});
    QVERIFY(!noRecipient.validate());
    QVERIFY(noRecipient.validate().error().message.contains(QLatin1String("no recipient")));
    QVERIFY(noRecipient.toMime(kDate, kDomain).isEmpty());

    MailMessage noSender = basicMessage();
    noSender.setFrom(MailAddress());
    QVERIFY(!noSender.validate());
    QVERIFY(noSender.validate().error().message.contains(QLatin1String("sender")));

    MailMessage secondBad = basicMessage();
    secondBad.addTo(MailAddress(QStringLiteral("not an address")));
    QVERIFY(!secondBad.validate());
    QVERIFY(secondBad.validate().error().message.startsWith(QLatin1String("Recipient 2")));

    MailMessage emptyBody = basicMessage();
    emptyBody.setBody(QString());
    const mime::Entity entity = mime::parse(emptyBody.toMime(kDate, kDomain));
    QCOMPARE(entity.header("Content-Type"), QByteArray("text/plain; charset=UTF-8"));
    QVERIFY(mime::decodedBody(entity).isEmpty());
}

void TestMailMessage::dateFormat_data()
{
    QTest::addColumn<QDateTime>("date");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("UTC") << kDate << QByteArray("Tue, 01 Sep 2026 09:00:00 +0000");
    QTest::newRow("Moscow") << QDateTime(QDate(2026, 9, 1), QTime(12, 5, 9), QTimeZone(3 * 3600))
                            << QByteArray("Tue, 01 Sep 2026 12:05:09 +0300");
    QTest::newRow("negative half-hour offset") << QDateTime(QDate(2027, 1, 3), QTime(23, 59, 59, 999),
        QTimeZone(-(4 * 3600 + 1800))) << QByteArray("Sun, 03 Jan 2027 23:59:59 -0430");
    QTest::newRow("May") << QDateTime(QDate(2026, 5, 31), QTime(0, 0), QTimeZone::utc())
                         << QByteArray("Sun, 31 May 2026 00:00:00 +0000");
    QTest::newRow("leap day") << QDateTime(QDate(2028, 2, 29), QTime(7, 8, 9), QTimeZone::utc())
                              << QByteArray("Tue, 29 Feb 2028 07:08:09 +0000");
}

void TestMailMessage::dateFormat()
{
    QFETCH(QDateTime, date);
    QFETCH(QByteArray, expected);
    QCOMPARE(MailMessage::formatDate(date), expected);
    QCOMPARE(mime::parse(basicMessage().toMime(date, kDomain)).header("Date"), expected);
}

void TestMailMessage::dateIgnoresLocale()
{
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::Russian, QLocale::Russia));
    const QByteArray date = MailMessage::formatDate(QDateTime(QDate(2026, 12, 7), QTime(10, 0), QTimeZone::utc()));
    QLocale::setDefault(before);
    QCOMPARE(date, QByteArray("Mon, 07 Dec 2026 10:00:00 +0000"));
}

void TestMailMessage::messageId()
{
    static const QRegularExpression generated(QStringLiteral(R"(^<[0-9a-f]{32}@([a-z0-9.-]+)>$)"));
    const auto idOf = [](const MailMessage &m, const QString &domain) {
        return QString::fromLatin1(mime::parse(m.toMime(kDate, domain)).header("Message-ID"));
    };

    const QString first = idOf(basicMessage(), kDomain);
    auto match = generated.match(first);
    QVERIFY2(match.hasMatch(), qPrintable(first));
    QCOMPARE(match.captured(1), kDomain);
    QVERIFY(idOf(basicMessage(), kDomain) != first);

    match = generated.match(idOf(basicMessage(), QStringLiteral("evil.example>\r\nBcc: v@e.example")));
    QVERIFY(match.hasMatch());
    QCOMPARE(match.captured(1), QStringLiteral("schoolgate.invalid"));

    match = generated.match(idOf(basicMessage(), s(u"школа.рф")));
    QVERIFY(match.hasMatch());
    QCOMPARE(match.captured(1), QStringLiteral("xn--80atdl2c.xn--p1ai"));

    MailMessage fixed = basicMessage();
    fixed.setMessageId(QStringLiteral("order-15.2026@school15.example"));
    QVERIFY(fixed.validate());
    QCOMPARE(idOf(fixed, QStringLiteral("ignored.example")), QStringLiteral("<order-15.2026@school15.example>"));
}

void TestMailMessage::decodeHeader_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << QByteArray("Hello world") << QStringLiteral("Hello world");
    QTest::newRow("B UTF-8") << QByteArray("=?UTF-8?B?0J/RgNC40LLQtdGC?=") << s(u"Привет");
    QTest::newRow("Q lower-case") << QByteArray("=?utf-8?q?caf=C3=A9_au_lait?=") << s(u"café au lait");
    // RFC 2047 section 8 examples.
    QTest::newRow("Q Latin-1 and text") << QByteArray("=?ISO-8859-1?Q?Andr=E9?= Pirard") << s(u"André Pirard");
    QTest::newRow("space between words dropped")
        << QByteArray("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)") << QStringLiteral("(ab)");
    QTest::newRow("folded space dropped")
        << QByteArray("=?ISO-8859-1?Q?a?=\r\n   =?ISO-8859-1?Q?b?=") << QStringLiteral("ab");
    QTest::newRow("space to text kept") << QByteArray("=?ISO-8859-1?Q?a?= b") << QStringLiteral("a b");
    QTest::newRow("underscore is space") << QByteArray("=?ISO-8859-1?Q?a_b?=") << QStringLiteral("a b");
    QTest::newRow("encoded space kept") << QByteArray("=?ISO-8859-1?Q?a?= =?UTF-8?Q?_b?=") << QStringLiteral("a b");
    QTest::newRow("two charsets") << QByteArray("=?ISO-8859-1?Q?caf=E9?= =?UTF-8?B?0LrQsNGE0LU=?=")
                                  << s(u"caf\u00E9\u043A\u0430\u0444\u0435");
    QTest::newRow("unknown charset kept")
        << QByteArray("=?X-UNKNOWN?Q?abc?= d") << QStringLiteral("=?X-UNKNOWN?Q?abc?= d");
    // Another mailer cut a UTF-8 sequence between two words: the bytes are joined before decoding.
    QTest::newRow("sequence split by a foreign mailer") << QByteArray("=?UTF-8?B?0A==?= =?UTF-8?B?nw==?=") << s(u"П");
    QTest::newRow("language suffix") << QByteArray("=?UTF-8*ru?B?0JTQsA==?=") << s(u"Да");
    QTest::newRow("folded plain text") << QByteArray("a long\r\n subject") << QStringLiteral("a long subject");
    QTest::newRow("unknown encoding kept") << QByteArray("=?UTF-8?X?abc?=") << QStringLiteral("=?UTF-8?X?abc?=");
    QTest::newRow("broken base64 kept") << QByteArray("=?UTF-8?B?***?=") << QStringLiteral("=?UTF-8?B?***?=");
    QTest::newRow("unterminated kept") << QByteArray("=?UTF-8?B?0J8") << QStringLiteral("=?UTF-8?B?0J8");
    QTest::newRow("raw UTF-8") << QByteArray("\xD0\x94\xD0\xB0 yes") << s(u"Да yes");
}

void TestMailMessage::decodeHeader()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, expected);
    QCOMPARE(MailMessage::decodeHeader(raw), expected);
}

QTEST_GUILESS_MAIN(TestMailMessage)

#include "tst_mailmessage.moc"
