#include "server/httpframing.h"

#include "core/errorcodes.h"

#include <QCoreApplication>
#include <QList>
#include <QVarLengthArray>

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
    // Appends only, into one buffer: this runs for every /health probe.
    qsizetype size = 96 + r.contentType.size() + r.body.size();
    for (const auto &[k, v] : r.headers)
        size += k.size() + v.size() + 4;
    QByteArray out;
    out.reserve(size);
    out.append("HTTP/1.1 ").append(QByteArray::number(r.status)).append(' ').append(reasonPhrase(r.status));
    out.append("\r\n");
    if (!r.contentType.isEmpty())
        out.append("Content-Type: ").append(r.contentType).append("\r\n");
    for (const auto &[k, v] : r.headers)
        out.append(k).append(": ").append(v).append("\r\n");
    if (close)
        out.append("Connection: close\r\n");
    out.append("Content-Length: ").append(QByteArray::number(r.body.size())).append("\r\n\r\n");
    out.append(r.body);
    return out;
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

} // namespace

bool hasToken(const QByteArray &list, const QByteArray &token)
{
    const auto parts = list.split(',');
    return std::any_of(parts.cbegin(), parts.cend(),
        [&token](const QByteArray &p) { return p.trimmed().compare(token, Qt::CaseInsensitive) == 0; });
}

std::variant<RequestFrame, Refusal> readRequestHeader(const QByteArray &block, const TransportLimits &limits)
{
    // The lines as views into the block (every line ends with CRLF: checked while reading), as split('\\n') would
    // cut them: the part after the last LF included.
    QVarLengthArray<QByteArrayView, 24> lines;
    for (qsizetype from = 0;;) {
        const qsizetype lf = block.indexOf('\n', from);
        if (lf < 0) {
            lines.append(QByteArrayView(block).sliced(from));
            break;
        }
        lines.append(QByteArrayView(block).sliced(from, lf - from));
        from = lf + 1;
    }
    const auto withoutCr = [](QByteArrayView line) { return line.isEmpty() ? line : line.chopped(1); };
    const auto bad = [](const char *text) { return Refusal{400, errc::BadRequest, trServer(text)}; };
    const QByteArrayView requestLine = withoutCr(lines.first());
    const qsizetype firstSpace = requestLine.indexOf(' ');
    const qsizetype secondSpace = firstSpace < 0 ? -1 : requestLine.indexOf(' ', firstSpace + 1);
    if (firstSpace <= 0 || secondSpace <= firstSpace + 1 || requestLine.indexOf(' ', secondSpace + 1) >= 0)
        return bad("The request line must be: method, one space, target, one space, HTTP version.");
    const QByteArrayView method = requestLine.first(firstSpace);
    static constexpr QByteArrayView methods[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};
    if (std::find(std::begin(methods), std::end(methods), method) == std::end(methods))
        return bad("This server does not support this method.");
    const QByteArrayView target = requestLine.sliced(firstSpace + 1, secondSpace - firstSpace - 1);
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
    const QByteArrayView version = requestLine.sliced(secondSpace + 1);
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return bad("Only HTTP/1.1 and HTTP/1.0 are spoken here.");

    RequestFrame frame;
    frame.method = method.toByteArray();
    frame.target = target.toByteArray();
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
    frame.headers.reserve(fields);
    // Views into the block: no copy per field (this runs for every request, /health probes included).
    const auto is = [](QByteArrayView name, const char *known) {
        return name.compare(QByteArrayView(known), Qt::CaseInsensitive) == 0;
    };
    for (qsizetype i = 1; i < lines.size() - 2; ++i) {
        const QByteArrayView line = withoutCr(lines.at(i));
        if (line.startsWith(' ') || line.startsWith('\t'))
            return bad("Header fields must not be folded over several lines.");
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !std::all_of(line.begin(), line.begin() + colon, isTchar))
            return bad("A header field must be a name, a colon and a value.");
        const QByteArrayView name = line.first(colon);
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        for (const char c : value) {
            const auto u = static_cast<unsigned char>(c);
            if ((u < 0x20 && c != '\t') || u == 0x7f)
                return bad("A header field has a control character.");
        }
        frame.headers.append({name.toByteArray(), value.toByteArray()});
        if (is(name, "host"))
            ++hosts;
        else if (is(name, "content-length"))
            lengths.append(value.toByteArray());
        else if (is(name, "transfer-encoding"))
            chunked = true;
        else if (is(name, "content-type"))
            ++contentTypes;
        else if (is(name, "authorization"))
            ++authorizations;
        else if (is(name, "expect"))
            expect = value.toByteArray();
        else if (is(name, "upgrade"))
            return bad("This server does not switch protocols.");
        else if (is(name, "connection") && hasToken(value.toByteArray(), "close"))
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
    if (frame.bodyLength > 0) { // the route's limit matters only to a request with a body
        const qsizetype query = target.indexOf('?');
        const qint64 limit =
            limits.bodyLimitFor(frame.method, QString::fromLatin1(query < 0 ? target : target.first(query)));
        if (frame.bodyLength > limit)
            return Refusal{
                413, errc::PayloadTooLarge, trServer("The body of this request may have at most %1 bytes.").arg(limit)};
    }
    return frame;
}

} // namespace sg::server
