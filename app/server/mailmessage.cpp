#include "server/mailmessage.h"

#include "core/errorcodes.h"

#include <QRandomGenerator>
#include <QStringDecoder>
#include <QUrl>

#include <array>
#include <cctype>
#include <optional>
#include <utility>

namespace sg::server {

namespace {

// RFC 5322 2.1.1: lines SHOULD stay within 78 characters (CRLF not counted).
constexpr qsizetype kMaxLineLength = 78;
// UTF-8 bytes per encoded-word. In the subject 36 bytes: 48 base64 characters, a 60-character "=?UTF-8?B?...?="
// word that fits behind "Subject: " within 78. In display names 45 bytes: a 72-character word (RFC 2047 allows
// 75) that fits behind "From: ", so that a usual name travels as one word.
constexpr qsizetype kSubjectWordBytes = 36;
constexpr qsizetype kPhraseWordBytes = 45;
// The longest plain word or quoted string kept as it is; longer text is sent as encoded-words, which always fold.
constexpr qsizetype kMaxPlainToken = 60;
// Base64 body lines: 76 characters (RFC 2045 6.8).
constexpr qsizetype kBase64LineLength = 76;
constexpr qsizetype kMaxAddressLength = 254;
constexpr qsizetype kMaxLocalPartLength = 64;

const QString kFallbackDomain = QStringLiteral("schoolgate.invalid");

Error invalid(const QString &message)
{
    return Error{QLatin1String(errc::ValidationFailed), message};
}

bool isAsciiAlnum(char16_t c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}

// RFC 5322 atext.
bool isAtext(char16_t c)
{
    return isAsciiAlnum(c) || QStringView(u"!#$%&'*+-/=?^_`{|}~").contains(QChar(c));
}

bool isDotAtom(QStringView s)
{
    if (s.isEmpty() || s.startsWith(u'.') || s.endsWith(u'.') || s.contains(u".."))
        return false;
    for (QChar c : s) {
        if (c != u'.' && !isAtext(c.unicode()))
            return false;
    }
    return true;
}

// An ASCII (A-label) host name: dot-separated labels of letters, digits and inner hyphens.
bool isHostName(QStringView s)
{
    if (s.isEmpty() || s.size() > 253)
        return false;
    for (QStringView label : s.split(u'.')) {
        if (label.isEmpty() || label.size() > 63 || label.startsWith(u'-') || label.endsWith(u'-'))
            return false;
        for (QChar c : label) {
            if (!isAsciiAlnum(c.unicode()) && c != u'-')
                return false;
        }
    }
    return true;
}

// MIME token characters (RFC 2045 5.1): printable ASCII without space and tspecials.
bool isMimeToken(QStringView s)
{
    if (s.isEmpty())
        return false;
    for (QChar c : s) {
        const char16_t u = c.unicode();
        if (u <= 0x20 || u >= 0x7F || QStringView(u"()<>@,;:\\\"/[]?=").contains(c))
            return false;
    }
    return true;
}

bool isPrintableAscii(QStringView s)
{
    for (QChar c : s) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7E)
            return false;
    }
    return true;
}

// The first character that would end a header line or could be taken for a line end (C0 and C1 controls, DEL,
// the Unicode line and paragraph separators), or -1.
qsizetype firstControl(QStringView s)
{
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t c = s[i].unicode();
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029)
            return i;
    }
    return -1;
}

QString codePoint(QChar c)
{
    return QStringLiteral("U+%1").arg(QString::number(c.unicode(), 16).toUpper().rightJustified(4, QLatin1Char('0')));
}

Status checkHeaderText(const QString &what, QStringView text)
{
    const qsizetype at = firstControl(text);
    if (at < 0)
        return Unit{};
    return invalid(QStringLiteral("%1 contains a line break or another control character (%2 at position %3)")
                       .arg(what, codePoint(text[at]), QString::number(at + 1)));
}

Status checkMailbox(const QString &what, const MailAddress &mailbox)
{
    if (auto st = MailMessage::validateAddress(mailbox.address); !st)
        return invalid(QStringLiteral("%1: %2").arg(what, st.error().message));
    return checkHeaderText(QStringLiteral("%1: the display name").arg(what), mailbox.name);
}

Status checkAttachment(int number, const MailAttachment &attachment)
{
    const QString what = QStringLiteral("Attachment %1").arg(number);
    if (attachment.fileName.trimmed().isEmpty())
        return invalid(QStringLiteral("%1 has no file name").arg(what));
    if (auto st = checkHeaderText(QStringLiteral("%1: the file name").arg(what), attachment.fileName); !st)
        return st;
    if (attachment.fileName.contains(u'/') || attachment.fileName.contains(u'\\'))
        return invalid(QStringLiteral("%1: the file name must not contain / or \\").arg(what));
    if (!attachment.contentType.isEmpty()) {
        const qsizetype slash = attachment.contentType.indexOf(u'/');
        const QStringView type(attachment.contentType);
        if (slash < 0 || !isMimeToken(type.left(slash)) || !isMimeToken(type.mid(slash + 1)))
            return invalid(QStringLiteral("%1: the content type must look like \"application/pdf\"").arg(what));
    }
    return Unit{};
}

// The code points of text, a surrogate pair as one.
QList<QStringView> codePoints(QStringView text)
{
    QList<QStringView> out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size();) {
        const qsizetype n = text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate() ? 2 : 1;
        out.append(text.sliced(i, n));
        i += n;
    }
    return out;
}

// Splits text into "=?UTF-8?B?...?=" words of at most maxBytes UTF-8 bytes each. A word ends only between code
// points, so no UTF-8 sequence is ever cut, and right after a space where the piece has one: RFC 2047 readers
// ignore the white space between two encoded-words, but some (Python's email package in display names) show
// it, and a cut between words rather than inside one keeps their reading close.
QList<QByteArray> encodedWords(QStringView text, qsizetype maxBytes)
{
    QList<QByteArray> words;
    QString piece;
    qsizetype pieceBytes = 0;
    for (QStringView cp : codePoints(text)) {
        const qsizetype n = cp.toUtf8().size();
        while (!piece.isEmpty() && pieceBytes + n > maxBytes) {
            qsizetype cut = piece.lastIndexOf(u' ') + 1;
            if (cut <= 0)
                cut = piece.size();
            const QByteArray bytes = QStringView(piece).first(cut).toUtf8();
            words.append("=?UTF-8?B?" + bytes.toBase64() + "?=");
            piece.remove(0, cut);
            pieceBytes -= bytes.size();
        }
        piece += cp;
        pieceBytes += n;
    }
    if (!piece.isEmpty())
        words.append("=?UTF-8?B?" + piece.toUtf8().toBase64() + "?=");
    return words;
}

// Plain ASCII text that survives folding and unfolding unchanged: single spaces between short words, and no
// "=?" that a reader could take for an encoded-word.
std::optional<QList<QByteArray>> plainWords(QStringView text, bool atomsOnly)
{
    if (text.isEmpty() || !isPrintableAscii(text) || text.contains(u"=?") || text.startsWith(u' ')
        || text.endsWith(u' ') || text.contains(u"  "))
        return std::nullopt;
    QList<QByteArray> tokens;
    for (QStringView word : text.split(u' ')) {
        if (word.size() > kMaxPlainToken)
            return std::nullopt;
        if (atomsOnly) {
            for (QChar c : word) {
                if (!isAtext(c.unicode()))
                    return std::nullopt;
            }
        }
        tokens.append(word.toLatin1());
    }
    return tokens;
}

// Subject: plain words when that is safe, otherwise encoded-words throughout.
QList<QByteArray> unstructuredTokens(const QString &text)
{
    if (text.isEmpty())
        return {};
    if (auto words = plainWords(text, false))
        return *words;
    return encodedWords(text, kSubjectWordBytes);
}

// A display name: atoms, else one quoted string, else encoded-words.
QList<QByteArray> phraseTokens(const QString &name)
{
    if (auto atoms = plainWords(name, true))
        return *atoms;
    if (isPrintableAscii(name) && !name.contains(u"=?") && name.size() <= kMaxPlainToken) {
        QByteArray quoted = name.toLatin1();
        quoted.replace('\\', "\\\\").replace('"', "\\\"");
        return {'"' + quoted + '"'};
    }
    return encodedWords(name, kPhraseWordBytes);
}

QList<QByteArray> mailboxTokens(const MailAddress &mailbox)
{
    const QByteArray address = mailbox.address.toLatin1();
    if (mailbox.name.trimmed().isEmpty())
        return {address};
    QList<QByteArray> tokens = phraseTokens(mailbox.name);
    tokens.append('<' + address + '>');
    return tokens;
}

QList<QByteArray> addressListTokens(const QList<MailAddress> &list)
{
    QList<QByteArray> tokens;
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (i > 0)
            tokens.last().append(',');
        tokens.append(mailboxTokens(list[i]));
    }
    return tokens;
}

// "Name: token token ...", folded before a token (the space in front of it becomes CRLF SP) when the line would
// grow past 78 characters. Tokens never contain spaces that matter to folding, so unfolding restores the text.
QByteArray headerField(QByteArrayView name, const QList<QByteArray> &tokens)
{
    QByteArray out = name.toByteArray() + ':';
    qsizetype lineLength = out.size();
    bool lineHasToken = false;
    for (const QByteArray &token : tokens) {
        if (lineHasToken && lineLength + 1 + token.size() > kMaxLineLength) {
            out += "\r\n";
            lineLength = 0;
        }
        out += ' ' + token;
        lineLength += 1 + token.size();
        lineHasToken = true;
    }
    return out + "\r\n";
}

// RFC 2231 attribute-char: everything else in a parameter value is percent-encoded.
bool isAttributeChar(char c)
{
    return c > 0x20 && c < 0x7F && !QByteArrayView("*'%()<>@,;:\\\"/[]?=").contains(c);
}

// A file-name parameter ("filename" or "name"): a quoted string when the name is short printable ASCII,
// otherwise RFC 2231 UTF-8 percent-encoding, split into numbered continuations so every token folds.
QList<QByteArray> fileNameParameter(const char *attribute, const QString &fileName)
{
    const QByteArray attr(attribute);
    if (isPrintableAscii(fileName) && !fileName.contains(u'"') && !fileName.contains(u'\\')
        && fileName.size() + attr.size() + 3 <= kMaxPlainToken) {
        return {attr + "=\"" + fileName.toLatin1() + '"'};
    }
    // Percent-encoded per code point: continuations are cut between characters, since some readers (Python's
    // email package) decode each piece on its own.
    QList<QByteArray> encoded;
    for (QStringView cp : codePoints(fileName)) {
        QByteArray piece;
        for (char c : cp.toUtf8()) {
            if (isAttributeChar(c))
                piece += c;
            else
                piece += '%' + QByteArray::number(static_cast<uchar>(c), 16).toUpper().rightJustified(2, '0');
        }
        encoded.append(piece);
    }
    const QByteArray single = attr + "*=UTF-8''" + encoded.join();
    if (single.size() <= kMaxPlainToken)
        return {single};
    constexpr qsizetype chunkLength = 45;
    QList<QByteArray> tokens;
    QByteArray chunk;
    const auto flush = [&] {
        const qsizetype n = tokens.size();
        tokens.append(attr + '*' + QByteArray::number(n) + "*=" + (n == 0 ? "UTF-8''" : "") + chunk);
        chunk.clear();
    };
    for (const QByteArray &piece : std::as_const(encoded)) {
        if (!chunk.isEmpty() && chunk.size() + piece.size() > chunkLength)
            flush();
        chunk += piece;
    }
    flush();
    for (qsizetype i = 0; i + 1 < tokens.size(); ++i)
        tokens[i].append(';');
    return tokens;
}

QByteArray base64Lines(const QByteArray &data)
{
    const QByteArray encoded = data.toBase64();
    QByteArray out;
    out.reserve(encoded.size() + encoded.size() / kBase64LineLength * 2 + 2);
    for (qsizetype pos = 0; pos < encoded.size(); pos += kBase64LineLength)
        out += encoded.mid(pos, kBase64LineLength) + "\r\n";
    return out;
}

// text/plain in canonical form: UTF-8 with every line break (\n, \r\n or a lone \r) as CRLF.
QByteArray canonicalText(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + utf8.size() / 32);
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const char c = utf8[i];
        if (c == '\r') {
            out += "\r\n";
            if (i + 1 < utf8.size() && utf8[i + 1] == '\n')
                ++i;
        } else if (c == '\n') {
            out += "\r\n";
        } else {
            out += c;
        }
    }
    return out;
}

QByteArray randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (char &c : raw)
        c = static_cast<char>(QRandomGenerator::system()->bounded(256));
    return raw.toHex();
}

QByteArray twoDigits(int value)
{
    return QByteArray::number(value).rightJustified(2, '0');
}

// ---- decoding ----

// The charsets decodeHeader() understands; encoded-words in any other stay as they are.
std::optional<QStringConverter::Encoding> encodingFor(const QByteArray &charset)
{
    const QByteArray name = charset.toLower();
    if (name == "us-ascii" || name == "ascii")
        return QStringConverter::Latin1;
    return QStringConverter::encodingForName(name.constData());
}

std::optional<QByteArray> decodeQ(QByteArrayView text)
{
    QByteArray out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '_') {
            out += ' ';
        } else if (c == '=') {
            if (i + 2 >= text.size() || !std::isxdigit(static_cast<uchar>(text[i + 1]))
                || !std::isxdigit(static_cast<uchar>(text[i + 2])))
                return std::nullopt;
            out += static_cast<char>(text.sliced(i + 1, 2).toByteArray().toInt(nullptr, 16));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

struct EncodedWord
{
    QStringConverter::Encoding encoding = QStringConverter::Utf8;
    QByteArray bytes;
    qsizetype length = 0; // of the word in the header
};

// Parses "=?charset?B|Q?text?=" at the start of s.
std::optional<EncodedWord> parseEncodedWord(QByteArrayView s)
{
    if (!s.startsWith("=?"))
        return std::nullopt;
    const qsizetype q1 = s.indexOf('?', 2);
    if (q1 <= 2 || q1 + 2 >= s.size() || s[q1 + 2] != '?')
        return std::nullopt;
    const qsizetype end = s.indexOf("?=", q1 + 3);
    if (end < 0)
        return std::nullopt;
    const QByteArrayView text = s.sliced(q1 + 3, end - q1 - 3);
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '?')
            return std::nullopt;
    }
    QByteArray charset = s.sliced(2, q1 - 2).toByteArray();
    if (const qsizetype star = charset.indexOf('*'); star >= 0) // RFC 2231 language suffix
        charset.truncate(star);
    const auto charsetEncoding = encodingFor(charset);
    if (!charsetEncoding)
        return std::nullopt;
    EncodedWord word{*charsetEncoding, {}, end + 2};
    const char encoding = s[q1 + 1];
    if (encoding == 'B' || encoding == 'b') {
        auto decoded = QByteArray::fromBase64Encoding(text.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return std::nullopt;
        word.bytes = *decoded;
    } else if (encoding == 'Q' || encoding == 'q') {
        auto decoded = decodeQ(text);
        if (!decoded)
            return std::nullopt;
        word.bytes = *decoded;
    } else {
        return std::nullopt;
    }
    return word;
}

} // namespace

MailMessage::MailMessage(MailAddress from, QList<MailAddress> to, QString subject, QString body)
    : m_from(std::move(from))
    , m_to(std::move(to))
    , m_subject(std::move(subject))
    , m_body(std::move(body))
{}

Status MailMessage::validateAddress(const QString &address)
{
    if (address.isEmpty())
        return invalid(QStringLiteral("the address is empty"));
    if (address.size() > kMaxAddressLength)
        return invalid(QStringLiteral("the address is longer than %1 characters").arg(kMaxAddressLength));
    if (const qsizetype at = firstControl(address); at >= 0)
        return invalid(QStringLiteral("the address contains a control character (%1)").arg(codePoint(address[at])));
    for (QChar c : address) {
        if (c.unicode() > 0x7E)
            return invalid(QStringLiteral("the address contains a non-ASCII character (%1)").arg(codePoint(c)));
        if (c == u' ')
            return invalid(QStringLiteral("the address contains a space"));
        if (QStringView(u"<>,;:\"()[]\\").contains(c))
            return invalid(QStringLiteral("the address contains \u201C%1\u201D").arg(c));
    }
    const qsizetype ats = address.count(u'@');
    if (ats != 1)
        return invalid(
            ats == 0 ? QStringLiteral("the address has no @") : QStringLiteral("the address has %1 @ signs").arg(ats));
    const qsizetype at = address.indexOf(u'@');
    const QStringView local = QStringView(address).left(at);
    const QStringView domain = QStringView(address).mid(at + 1);
    if (local.isEmpty())
        return invalid(QStringLiteral("the address has nothing before the @"));
    if (local.size() > kMaxLocalPartLength)
        return invalid(QStringLiteral("the part before the @ is longer than %1 characters").arg(kMaxLocalPartLength));
    if (!isDotAtom(local))
        return invalid(QStringLiteral("the part before the @ is malformed (a dot at its start or end, or two dots)"));
    if (domain.isEmpty())
        return invalid(QStringLiteral("the address has no domain after the @"));
    if (!isHostName(domain))
        return invalid(QStringLiteral("the domain after the @ is not a host name"));
    return Unit{};
}

Status MailMessage::validate() const
{
    if (auto st = checkMailbox(QStringLiteral("The sender"), m_from); !st)
        return st;
    if (m_to.isEmpty())
        return invalid(QStringLiteral("The message has no recipient"));
    for (qsizetype i = 0; i < m_to.size(); ++i) {
        if (auto st = checkMailbox(QStringLiteral("Recipient %1").arg(i + 1), m_to[i]); !st)
            return st;
    }
    if (auto st = checkHeaderText(QStringLiteral("The subject"), m_subject); !st)
        return st;
    if (!m_messageId.isEmpty()) {
        const qsizetype at = m_messageId.indexOf(u'@');
        if (at < 0 || !isDotAtom(QStringView(m_messageId).left(at)) || !isDotAtom(QStringView(m_messageId).mid(at + 1))
            || m_messageId.size() > kMaxPlainToken + 10)
            return invalid(QStringLiteral("The Message-ID must look like \"unique-part@host\""));
    }
    for (qsizetype i = 0; i < m_attachments.size(); ++i) {
        if (auto st = checkAttachment(int(i + 1), m_attachments[i]); !st)
            return st;
    }
    return Unit{};
}

QByteArray MailMessage::formatDate(const QDateTime &date)
{
    static constexpr std::array<const char *, 7> days{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static constexpr std::array<const char *, 12> months{
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime dt = date.isValid() ? date : QDateTime::currentDateTimeUtc();
    const QDate d = dt.date();
    const QTime t = dt.time();
    const int offsetMinutes = dt.offsetFromUtc() / 60;
    const int absOffset = offsetMinutes < 0 ? -offsetMinutes : offsetMinutes;
    return QByteArray(days[size_t(d.dayOfWeek() - 1)]) + ", " + twoDigits(d.day()) + ' ' + months[size_t(d.month() - 1)]
        + ' ' + QByteArray::number(d.year()) + ' ' + twoDigits(t.hour()) + ':' + twoDigits(t.minute()) + ':'
        + twoDigits(t.second()) + ' ' + (offsetMinutes < 0 ? '-' : '+') + twoDigits(absOffset / 60)
        + twoDigits(absOffset % 60);
}

QString MailMessage::newMessageId(const QString &domain)
{
    QString host = QString::fromLatin1(QUrl::toAce(domain.trimmed())).toLower();
    if (!isHostName(host))
        host = kFallbackDomain;
    return QString::fromLatin1(randomHex(16)) + u'@' + host;
}

QByteArray MailMessage::toMime(const QDateTime &date, const QString &messageIdDomain) const
{
    if (!validate())
        return {};

    const QString messageId = m_messageId.isEmpty() ? newMessageId(messageIdDomain) : m_messageId;
    QByteArray out;
    out += headerField("Date", {formatDate(date)});
    out += headerField("From", mailboxTokens(m_from));
    out += headerField("To", addressListTokens(m_to));
    out += headerField("Subject", unstructuredTokens(m_subject));
    out += headerField("Message-ID", {'<' + messageId.toLatin1() + '>'});
    // RFC 3834: machine-generated, so vacation responders stay quiet.
    out += headerField("Auto-Submitted", {"auto-generated"});
    out += headerField("MIME-Version", {"1.0"});

    const QByteArray textHeaders = headerField("Content-Type", {"text/plain;", "charset=UTF-8"})
        + headerField("Content-Transfer-Encoding", {"base64"});
    const QByteArray text = base64Lines(canonicalText(m_body));

    if (m_attachments.isEmpty()) {
        out += textHeaders + "\r\n" + text;
        return out;
    }

    // Base64 never produces "_", so no line of any part can contain this boundary.
    const QByteArray boundary = "=_sg_" + randomHex(12);
    out += headerField("Content-Type", {"multipart/mixed;", "boundary=\"" + boundary + '"'});
    out += "\r\n";
    out += "This is a multi-part message in MIME format.\r\n";
    const auto part = [&out, &boundary](const QByteArray &headers, const QByteArray &content) {
        out += "--" + boundary + "\r\n" + headers + "\r\n" + (content.isEmpty() ? QByteArray("\r\n") : content);
    };
    part(textHeaders, text);
    for (const MailAttachment &attachment : m_attachments) {
        const QByteArray type = attachment.contentType.isEmpty() ? QByteArray("application/octet-stream")
                                                                 : attachment.contentType.toLatin1().toLower();
        const QByteArray headers =
            headerField("Content-Type", QList<QByteArray>{type + ';'} + fileNameParameter("name", attachment.fileName))
            + headerField("Content-Disposition",
                QList<QByteArray>{"attachment;"} + fileNameParameter("filename", attachment.fileName))
            + headerField("Content-Transfer-Encoding", {"base64"});
        part(headers, base64Lines(attachment.data));
    }
    out += "--" + boundary + "--\r\n";
    return out;
}

QString MailMessage::decodeHeader(QByteArrayView value)
{
    // Unfolding: a line break followed by white space is removed (the white space stays).
    QByteArray v;
    v.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (c == '\r' && i + 2 < value.size() && value[i + 1] == '\n'
            && (value[i + 2] == ' ' || value[i + 2] == '\t')) {
            ++i;
            continue;
        }
        if (c == '\n' && i + 1 < value.size() && (value[i + 1] == ' ' || value[i + 1] == '\t'))
            continue;
        v += c;
    }

    QString out;
    QByteArray literal; // plain text, decoded as UTF-8
    QByteArray gap; // white space after an encoded-word: dropped if another encoded-word follows
    std::optional<EncodedWord> run; // adjacent encoded-words of one charset, joined before decoding

    const auto flushLiteral = [&] {
        out += QString::fromUtf8(literal);
        literal.clear();
    };
    const auto flushRun = [&] {
        if (!run)
            return;
        QStringDecoder decoder(run->encoding);
        out += decoder.decode(run->bytes);
        run.reset();
    };

    for (qsizetype i = 0; i < v.size();) {
        const char c = v[i];
        if (c == '=' && i + 1 < v.size() && v[i + 1] == '?') {
            if (auto word = parseEncodedWord(QByteArrayView(v).sliced(i))) {
                if (run && run->encoding == word->encoding) {
                    run->bytes += word->bytes;
                } else {
                    flushRun();
                    flushLiteral();
                    run = word;
                }
                gap.clear();
                i += word->length;
                continue;
            }
        }
        if (run && (c == ' ' || c == '\t')) {
            gap += c;
            ++i;
            continue;
        }
        if (run) {
            flushRun();
            literal += gap;
            gap.clear();
        }
        literal += c;
        ++i;
    }
    flushRun();
    literal += gap;
    flushLiteral();
    return out;
}

} // namespace sg::server
