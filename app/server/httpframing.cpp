#include "server/httpframing.h"

#include "core/errorcodes.h"

#include <QCoreApplication>
#include <QList>

#include <algorithm>
#include <cctype>
#include <limits>

namespace sg::server {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 400: return "Bad Request";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 417: return "Expectation Failed";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    default: return "Error";
    }
}

QString trServer(const char *text)
{
    return QCoreApplication::translate("sg::server", text);
}

QByteArray answerBytes(const HttpResponse &r, bool close)
{
    QByteArray out;
    out.reserve(160 + r.body.size());
    out += "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reasonPhrase(r.status) + "\r\n";
    if (!r.contentType.isEmpty())
        out += "Content-Type: " + r.contentType + "\r\n";
    for (const auto &[k, v] : r.headers)
        out += k + ": " + v + "\r\n";
    if (close)
        out += "Connection: close\r\n";
    out += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n\r\n";
    return out + r.body;
}

QByteArray closingAnswer(const HttpResponse &r)
{
    HttpResponse withHeaders = r;
    withHeaders.headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-store")));
    withHeaders.headers.append(qMakePair(QByteArray("X-Content-Type-Options"), QByteArray("nosniff")));
    return answerBytes(withHeaders, true);
}

HeaderScanner::State HeaderScanner::refuse(const char *text)
{
    m_refusal = Refusal{400, errc::BadRequest, trServer(text)};
    m_state = State::Refused;
    return m_state;
}

HeaderScanner::State HeaderScanner::append(const char *data, qsizetype size)
{
    if (m_state != State::NeedMore)
        return m_state;
    m_head.append(data, size);
    for (; m_scanned < m_head.size(); ++m_scanned) {
        const char c = m_head.at(m_scanned);
        const char prev = m_scanned > 0 ? m_head.at(m_scanned - 1) : '\0';
        if (prev == '\r' && c != '\n')
            return refuse("A header line ends with CR without LF.");
        if (c == '\0')
            return refuse("The request header contains a NUL byte.");
        if (c != '\n')
            continue;
        if (prev != '\r')
            return refuse("Header lines must end with CRLF, not a bare LF.");
        const qsizetype lineLength = m_scanned - 1 - m_lineStart;
        m_lineStart = m_scanned + 1;
        if (lineLength == 0) {
            if (m_requestStart == m_scanned - 1) {
                m_requestStart = m_lineStart; // empty lines before a request line are ignored
                if (m_requestStart > 8)
                    return refuse("Too many empty lines before the request.");
                continue;
            }
            ++m_scanned;
            m_end = m_scanned;
            m_state = State::Complete;
            return m_state;
        }
    }
    return m_state;
}

namespace {

bool isTchar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u >= '0' && u <= '9')
        return true;
    if ((u | 0x20) >= 'a' && (u | 0x20) <= 'z')
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(const QByteArray &s)
{
    return !s.isEmpty() && std::all_of(s.cbegin(), s.cend(), isTchar);
}

} // namespace

bool hasToken(const QByteArray &list, const QByteArray &token)
{
    const auto parts = list.split(',');
    return std::any_of(parts.cbegin(), parts.cend(),
        [&token](const QByteArray &p) { return p.trimmed().compare(token, Qt::CaseInsensitive) == 0; });
}

std::variant<RequestFrame, Refusal> readRequestHeader(const QByteArray &block, const TransportLimits &limits)
{
    const QList<QByteArray> lines = block.split('\n'); // every line ends with CRLF: checked while reading
    const auto bad = [](const char *text) { return Refusal{400, errc::BadRequest, trServer(text)}; };
    QByteArray requestLine = lines.first();
    requestLine.chop(1); // the CR
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || parts.at(0).isEmpty() || parts.at(1).isEmpty())
        return bad("The request line must be: method, one space, target, one space, HTTP version.");
    static const QList<QByteArray> methods{"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};
    const QByteArray &method = parts.at(0);
    if (!methods.contains(method))
        return bad("This server does not support this method.");
    const QByteArray &target = parts.at(1);
    if (!target.startsWith('/'))
        return bad("The request target must be a path starting with /.");
    // RFC 3986 path and query characters (and [ ], which some clients leave in queries); the rest must be
    // percent-encoded.
    static constexpr QByteArrayView allowed("-._~!$&'()*+,;=:@/?%[]");
    const auto isHex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
    for (qsizetype i = 0; i < target.size(); ++i) {
        const char c = target.at(i);
        if (std::isalnum(static_cast<unsigned char>(c)) != 0 && static_cast<unsigned char>(c) < 0x80)
            continue;
        if (!allowed.contains(c))
            return bad("The request target has a character that must be percent-encoded.");
        if (c == '%' && (i + 2 >= target.size() || !isHex(target.at(i + 1)) || !isHex(target.at(i + 2))))
            return bad("The request target has a % that is not followed by two hexadecimal digits.");
    }
    const QByteArray &version = parts.at(2);
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return bad("Only HTTP/1.1 and HTTP/1.0 are spoken here.");

    RequestFrame frame;
    frame.method = method;
    frame.target = target;
    frame.close = version == "HTTP/1.0";
    int hosts = 0;
    int contentTypes = 0;
    int authorizations = 0;
    QList<QByteArray> lengths;
    bool chunked = false;
    QByteArray expect;
    const qsizetype fields = lines.size() - 3; // request line, the empty line and what follows its LF
    if (fields > limits.maxHeaderFields)
        return Refusal{431, errc::HeaderTooLarge,
            trServer("A request may have at most %1 header fields.").arg(limits.maxHeaderFields)};
    for (qsizetype i = 1; i < lines.size() - 2; ++i) {
        QByteArray line = lines.at(i);
        line.chop(1);
        if (line.startsWith(' ') || line.startsWith('\t'))
            return bad("Header fields must not be folded over several lines.");
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.left(colon)))
            return bad("A header field must be a name, a colon and a value.");
        const QByteArray name = line.left(colon).toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        for (const char c : value) {
            const auto u = static_cast<unsigned char>(c);
            if ((u < 0x20 && c != '\t') || u == 0x7f)
                return bad("A header field has a control character.");
        }
        if (name == "host")
            ++hosts;
        else if (name == "content-length")
            lengths.append(value);
        else if (name == "transfer-encoding")
            chunked = true;
        else if (name == "content-type")
            ++contentTypes;
        else if (name == "authorization")
            ++authorizations;
        else if (name == "expect")
            expect = value;
        else if (name == "upgrade")
            return bad("This server does not switch protocols.");
        else if (name == "connection" && hasToken(value, "close"))
            frame.close = true;
    }
    if (version == "HTTP/1.1" && hosts != 1)
        return bad("An HTTP/1.1 request must have exactly one Host header field.");
    if (hosts > 1 || contentTypes > 1 || authorizations > 1)
        return bad("Host, Content-Type and Authorization may appear only once.");
    if (chunked && !lengths.isEmpty())
        return bad("A request must not have both Transfer-Encoding and Content-Length.");
    if (chunked)
        return Refusal{411, errc::LengthRequired, trServer("Send the body with a Content-Length, not chunked.")};
    if (lengths.size() > 1)
        return bad("Content-Length must appear only once.");
    const qsizetype query = target.indexOf('?');
    const qint64 limit = limits.bodyLimitFor(method, QString::fromLatin1(query < 0 ? target : target.left(query)));
    if (!lengths.isEmpty()) {
        const QByteArray &text = lengths.first();
        if (text.isEmpty() || !std::all_of(text.cbegin(), text.cend(), [](char c) { return c >= '0' && c <= '9'; }))
            return bad("Content-Length must be a decimal number.");
        if (text.size() > 18)
            frame.bodyLength = std::numeric_limits<qint64>::max();
        else
            frame.bodyLength = text.toLongLong();
    }
    if (!expect.isEmpty()) {
        if (expect.compare("100-continue", Qt::CaseInsensitive) != 0)
            return Refusal{417, errc::ExpectationFailed, trServer("Only Expect: 100-continue is understood.")};
        frame.expectContinue = true;
    }
    if (frame.bodyLength > limit)
        return Refusal{
            413, errc::PayloadTooLarge, trServer("The body of this request may have at most %1 bytes.").arg(limit)};
    return frame;
}

} // namespace sg::server
