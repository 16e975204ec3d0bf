#include "server/httpfrontend.h"

#include "core/errorcodes.h"

#include <QCoreApplication>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QLoggingCategory>
#include <QPointer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <cctype>
#include <limits>
#include <variant>
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
#include <QHttpHeaders>
#endif

Q_LOGGING_CATEGORY(lcHttp, "sg.server.http")

namespace sg::server {

namespace {

QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    default: return "UNKNOWN";
    }
}

} // namespace

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
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

// A complete HTTP/1.1 answer that always closes the connection.
QByteArray closingAnswer(const HttpResponse &r)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reasonPhrase(r.status) + "\r\n";
    if (!r.contentType.isEmpty())
        out += "Content-Type: " + r.contentType + "\r\n";
    for (const auto &[k, v] : r.headers)
        out += k + ": " + v + "\r\n";
    out += "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n";
    out += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n\r\n";
    return out + r.body;
}

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

bool hasToken(const QByteArray &list, const QByteArray &token)
{
    const auto parts = list.split(',');
    return std::any_of(parts.cbegin(), parts.cend(),
        [&token](const QByteArray &p) { return p.trimmed().compare(token, Qt::CaseInsensitive) == 0; });
}

// A refusal found while reading a request header.
struct Refusal
{
    int status = 400;
    const char *code = errc::BadRequest;
    QString detail;
};

// What the guard needs to know of a request whose header it accepted.
struct RequestFrame
{
    qint64 bodyLength = 0;
    bool expectContinue = false;
    bool close = false;
};

std::variant<RequestFrame, Refusal> readHeader(const QByteArray &block, const TransportLimits &limits)
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

// Watches one accepted socket (it is the socket's child, so it lives exactly as long).
class ConnectionGuard : public QObject
{
public:
    ConnectionGuard(QTcpSocket *socket, GuardedTcpServer *server, QHostAddress peer)
        : QObject(socket)
        , m_socket(socket)
        , m_server(server)
        , m_peer(std::move(peer))
        , m_limits(server->limits())
    {
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &ConnectionGuard::timedOut);
        // Connected before Qt HttpServer connects its own slot (it does so when it takes the socket).
        connect(m_socket, &QIODevice::readyRead, this, &ConnectionGuard::inspect);
        connect(m_socket, &QIODevice::bytesWritten, this, [this](qint64 n) { m_written += n; });
        connect(m_socket, &QAbstractSocket::disconnected, m_socket, &QObject::deleteLater);
        m_timer.start(m_limits.headerTimeoutMs);
    }

    ~ConnectionGuard() override
    {
        if (m_server)
            m_server->release(m_peer);
    }

private:
    enum class Phase { Idle, Header, Body, Answering, Closing };

    void inspect()
    {
        if (m_phase == Phase::Closing) {
            drain();
            return;
        }
        const QByteArray fresh = m_socket->peek(m_socket->bytesAvailable());
        qsizetype pos = 0;
        bool completed = false;
        while (pos < fresh.size()) {
            if (m_phase == Phase::Answering) {
                if (completed) {
                    refuse(400, errc::BadRequest,
                        trServer("Send the next request after the answer to the previous one (no pipelining)."));
                    return;
                }
                if (!finishAnswer())
                    return;
            }
            if (m_phase == Phase::Idle) {
                m_phase = Phase::Header;
                m_head.clear();
                m_scanned = 0;
                m_lineStart = 0;
                m_requestStart = 0;
                m_timer.start(m_limits.headerTimeoutMs);
            }
            if (m_phase == Phase::Header) {
                const qsizetype before = m_head.size();
                m_head.append(fresh.constData() + pos, fresh.size() - pos);
                const qsizetype end = scanHeader();
                if (end == -2)
                    return; // refused
                if (end < 0) {
                    if (m_head.size() - m_requestStart > m_limits.maxHeaderBytes) {
                        refuse(431, errc::HeaderTooLarge,
                            trServer("The request header may have at most %1 bytes.").arg(m_limits.maxHeaderBytes));
                        return;
                    }
                    pos = fresh.size();
                    break;
                }
                pos += end - before;
                m_head.truncate(end);
                if (end - m_requestStart > m_limits.maxHeaderBytes) {
                    refuse(431, errc::HeaderTooLarge,
                        trServer("The request header may have at most %1 bytes.").arg(m_limits.maxHeaderBytes));
                    return;
                }
                const auto header = readHeader(m_head.mid(m_requestStart), m_limits);
                if (const auto *refusal = std::get_if<Refusal>(&header)) {
                    refuse(refusal->status, refusal->code, refusal->detail);
                    return;
                }
                const RequestFrame frame = std::get<RequestFrame>(header);
                m_close = frame.close;
                m_bodyLeft = frame.bodyLength;
                if (frame.expectContinue && m_bodyLeft > 0 && pos == fresh.size())
                    m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                if (m_bodyLeft > 0) {
                    m_phase = Phase::Body;
                    m_timer.start(m_limits.bodyTimeoutMs);
                } else {
                    m_phase = Phase::Answering;
                    completed = true;
                }
                continue;
            }
            if (m_phase == Phase::Body) {
                const qint64 n = qMin<qint64>(m_bodyLeft, fresh.size() - pos);
                pos += n;
                m_bodyLeft -= n;
                if (m_bodyLeft == 0) {
                    m_phase = Phase::Answering;
                    completed = true;
                }
            }
        }
        if (completed) {
            // Qt HttpServer reads and answers the request in its own slot, right after this one, synchronously.
            m_timer.stop();
            m_mark = m_written + m_socket->bytesToWrite();
            QMetaObject::invokeMethod(
                this,
                [this] {
                    if (m_phase == Phase::Answering)
                        finishAnswer();
                },
                Qt::QueuedConnection);
        }
    }

    // Checks the header bytes received so far: CRLF line ends, no NUL. Returns the end of the header block (after
    // the empty line), -1 when it has not come yet, -2 after a refusal.
    qsizetype scanHeader()
    {
        for (; m_scanned < m_head.size(); ++m_scanned) {
            const char c = m_head.at(m_scanned);
            const char prev = m_scanned > 0 ? m_head.at(m_scanned - 1) : '\0';
            if (prev == '\r' && c != '\n') {
                refuse(400, errc::BadRequest, trServer("A header line ends with CR without LF."));
                return -2;
            }
            if (c == '\0') {
                refuse(400, errc::BadRequest, trServer("The request header contains a NUL byte."));
                return -2;
            }
            if (c != '\n')
                continue;
            if (prev != '\r') {
                refuse(400, errc::BadRequest, trServer("Header lines must end with CRLF, not a bare LF."));
                return -2;
            }
            const qsizetype lineLength = m_scanned - 1 - m_lineStart;
            m_lineStart = m_scanned + 1;
            if (lineLength == 0) {
                if (m_requestStart == m_scanned - 1) {
                    m_requestStart = m_lineStart; // empty lines before a request line are ignored
                    if (m_requestStart > 8) {
                        refuse(400, errc::BadRequest, trServer("Too many empty lines before the request."));
                        return -2;
                    }
                    continue;
                }
                ++m_scanned;
                return m_scanned;
            }
        }
        return -1;
    }

    // After Qt HttpServer had the complete request: it must have answered. Returns false when the connection ends.
    bool finishAnswer()
    {
        if (m_written + m_socket->bytesToWrite() == m_mark) {
            // Qt read the request but wrote nothing: it could not parse it.
            refuse(400, errc::BadRequest, trServer("This request could not be read."));
            return false;
        }
        if (m_close || m_socket->state() != QAbstractSocket::ConnectedState) {
            closeQuietly();
            return false;
        }
        m_phase = Phase::Idle;
        m_timer.start(m_limits.idleTimeoutMs);
        return true;
    }

    void timedOut()
    {
        switch (m_phase) {
        case Phase::Idle: closeQuietly(); break;
        case Phase::Header:
            refuse(408, errc::RequestTimeout,
                trServer("The request header did not arrive within %1 ms.").arg(m_limits.headerTimeoutMs));
            break;
        case Phase::Body:
            refuse(408, errc::RequestTimeout,
                trServer("The request body did not arrive within %1 ms.").arg(m_limits.bodyTimeoutMs));
            break;
        case Phase::Answering: break;
        case Phase::Closing: m_socket->abort(); break;
        }
    }

    // Takes the socket away from Qt HttpServer: from now on this guard alone reads it.
    void cutOffQt()
    {
        QObject::disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
        connect(m_socket, &QIODevice::readyRead, this, &ConnectionGuard::drain);
        // Qt HttpServer 6.4 disconnects every signal of a socket whose request it cannot parse: the socket must
        // still be deleted once closed.
        connect(m_socket, &QAbstractSocket::disconnected, m_socket, &QObject::deleteLater, Qt::UniqueConnection);
        m_phase = Phase::Closing;
    }

    void drain()
    {
        if (m_socket->isTransactionStarted())
            m_socket->commitTransaction();
        m_socket->readAll();
    }

    // Answers with a problem document and closes, discarding input for a moment first (so that the client
    // reads the answer instead of a reset).
    void refuse(int status, const char *code, const QString &detail)
    {
        if (m_phase == Phase::Closing)
            return;
        qCInfo(lcHttp) << "refused a request with" << status << code;
        cutOffQt();
        drain();
        m_socket->write(closingAnswer(HttpResponse::problem(status, QString::fromLatin1(code), detail)));
        QPointer<QTcpSocket> socket = m_socket;
        QTimer::singleShot(m_limits.lingerMs, this, [socket] {
            if (socket)
                socket->disconnectFromHost();
        });
        m_timer.start(m_limits.lingerMs + 5000);
    }

    void closeQuietly()
    {
        cutOffQt();
        drain();
        m_socket->disconnectFromHost();
        m_timer.start(5000);
    }

    QTcpSocket *m_socket;
    QPointer<GuardedTcpServer> m_server;
    QHostAddress m_peer;
    TransportLimits m_limits;
    QTimer m_timer;
    Phase m_phase = Phase::Idle;
    QByteArray m_head;
    qsizetype m_scanned = 0;
    qsizetype m_lineStart = 0;
    qsizetype m_requestStart = 0;
    qint64 m_bodyLeft = 0;
    bool m_close = false;
    qint64 m_written = 0;
    qint64 m_mark = 0;
};

QHostAddress clientAddress(const QHostAddress &a)
{
    bool mapped = false;
    const quint32 v4 = a.toIPv4Address(&mapped);
    return mapped ? QHostAddress(v4) : a;
}

} // namespace

GuardedTcpServer::GuardedTcpServer(TransportLimits limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(std::move(limits))
{}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    QTcpSocket *socket = nullptr;
    if (m_tls) {
        // The guard below sees the decrypted bytes: QSslSocket's readyRead carries plain text. A client that does
        // not complete the handshake sends nothing the guard could accept and meets its header timeout.
        auto *tls = new QSslSocket(this);
        tls->setSslConfiguration(*m_tls);
        if (!tls->setSocketDescriptor(socketDescriptor)) {
            delete tls;
            return;
        }
        connect(tls, &QSslSocket::sslErrors, tls, [tls](const QList<QSslError> &errors) {
            qCDebug(lcHttp) << "TLS handshake failed:" << errors;
            tls->abort();
        });
        connect(tls, &QAbstractSocket::errorOccurred, tls, [tls](QAbstractSocket::SocketError error) {
            if (error == QAbstractSocket::SslHandshakeFailedError || error == QAbstractSocket::SslInternalError) {
                qCDebug(lcHttp) << "TLS handshake failed:" << tls->errorString();
                tls->abort();
            }
        });
        tls->startServerEncryption();
        socket = tls;
    } else {
        socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(socketDescriptor)) {
            delete socket;
            return;
        }
    }
    const QHostAddress peer = clientAddress(socket->peerAddress());
    if (m_total >= m_limits.maxConnections || m_perAddress.value(peer) >= m_limits.maxConnectionsPerAddress) {
        qCWarning(lcHttp) << "refused a connection: too many open" << m_total;
        HttpResponse busy = HttpResponse::problem(503, QString::fromLatin1(errc::Unavailable),
            trServer("Too many open connections. Try again in a few seconds."));
        busy.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray::number(m_limits.retryAfterSecs)));
        // Never handed to Qt HttpServer. Input is discarded for a moment so that the client reads the answer
        // instead of a reset.
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QIODevice::readyRead, socket, [socket] { socket->readAll(); });
        socket->write(closingAnswer(busy));
        QTimer::singleShot(m_limits.lingerMs, socket, [socket] { socket->disconnectFromHost(); });
        QTimer::singleShot(m_limits.lingerMs + 5000, socket, [socket] { socket->abort(); });
        return;
    }
    ++m_total;
    ++m_perAddress[peer];
    new ConnectionGuard(socket, this, peer);
    addPendingConnection(socket);
}

void GuardedTcpServer::release(const QHostAddress &peer)
{
    --m_total;
    auto it = m_perAddress.find(peer);
    if (it != m_perAddress.end() && --it.value() <= 0)
        m_perAddress.erase(it);
}

HttpFrontend::HttpFrontend(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_handler(std::move(handler))
{}

HttpRequest HttpFrontend::convert(const QHttpServerRequest &request)
{
    HttpRequest r;
    r.method = methodName(request.method());
    r.path = request.url().path();
    r.query = request.query();
    const auto headers = request.headers();
    for (const auto &h : headers)
        r.headers.append({h.first, h.second});
    r.body = request.body();
    r.remoteAddress = request.remoteAddress();
    return r;
}

void HttpFrontend::respond(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    const HttpRequest converted = convert(request);
    const HttpResponse response = m_handler(converted);
    // GuardedTcpServer closes the connection after this answer; say so.
    const bool closing = hasToken(converted.header("Connection"), "close");
    const auto status = static_cast<QHttpServerResponder::StatusCode>(response.status);
    if (response.status >= 500)
        qCWarning(lcHttp) << "answered" << response.status << "to" << methodName(request.method())
                          << request.url().path();
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    QHttpHeaders headers;
    if (!response.contentType.isEmpty())
        headers.append(QHttpHeaders::WellKnownHeader::ContentType, response.contentType);
    for (const auto &[k, v] : response.headers)
        headers.append(k, v);
    if (closing)
        headers.append(QHttpHeaders::WellKnownHeader::Connection, "close");
    responder.write(response.body, headers, status);
#else
    responder.writeStatusLine(status);
    if (!response.contentType.isEmpty())
        responder.writeHeader("Content-Type", response.contentType);
    for (const auto &[k, v] : response.headers)
        responder.writeHeader(k, v);
    if (closing)
        responder.writeHeader("Connection", "close");
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    responder.writeBody(response.body);
#endif
}

#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
bool HttpFrontend::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    respond(request, responder);
    return true;
}

void HttpFrontend::missingHandler(const QHttpServerRequest &, QTcpSocket *)
{
    // Never reached: handleRequest() answers every request.
}
#elif QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
bool HttpFrontend::handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    respond(request, responder);
    return true;
}

void HttpFrontend::missingHandler(const QHttpServerRequest &, QHttpServerResponder &&)
{}
#else
bool HttpFrontend::handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    respond(request, responder);
    return true;
}

void HttpFrontend::missingHandler(const QHttpServerRequest &, QHttpServerResponder &)
{}
#endif

} // namespace sg::server
