#include "server/httpfrontend.h"

#include "core/errorcodes.h"
#include "server/httpframing.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QThread>

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

void HttpFrontend::bindGuarded(GuardedTcpServer *server)
{
    m_tcp = server;
    bind(server);
}

namespace {

void writeResponse(QHttpServerResponder &responder, const HttpResponse &response, bool closing)
{
    const auto status = static_cast<QHttpServerResponder::StatusCode>(response.status);
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

// One request between its arrival and its answer.
struct Exchange
{
    explicit Exchange(QHttpServerResponder &&r)
        : responder(std::move(r))
    {}
    QHttpServerResponder responder;
    QPointer<QTcpSocket> socket;
    QByteArray method;
    QString path;
    bool closing = false;
    bool inHandler = true; // the handler has not returned yet
    bool late = false; // the connection was told to wait for a late answer
    bool answered = false;
};

} // namespace

void HttpFrontend::dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder, QTcpSocket *socket)
{
    HttpRequest converted = convert(request);
    auto exchange = std::make_shared<Exchange>(std::move(responder));
    exchange->socket = socket;
    exchange->method = converted.method;
    exchange->path = converted.path;
    // GuardedTcpServer closes the connection after this answer; say so.
    exchange->closing = hasToken(converted.header("Connection"), "close");

    const auto write = [](Exchange &e, const HttpResponse &response) {
        if (e.answered)
            return;
        e.answered = true;
        if (response.status >= 500)
            qCWarning(lcHttp) << "answered" << response.status << "to" << e.method << e.path;
        // A late answer goes only to a connection that still waits for it (not closed, not refused meanwhile).
        if (!e.inHandler && (!e.late || !e.socket || !GuardedTcpServer::mayAnswer(e.socket)))
            return;
        writeResponse(e.responder, response, e.closing);
        if (e.late)
            GuardedTcpServer::lateAnswerWritten(e.socket);
    };
    QPointer<HttpFrontend> self(this);
    const QThread *home = thread();
    m_handler(std::move(converted), [self, home, exchange, write](HttpResponse response) {
        if (QThread::currentThread() == home && exchange->inHandler) {
            write(*exchange, response);
            return;
        }
        if (!self)
            return;
        QMetaObject::invokeMethod(
            self.data(), [exchange, write, response = std::move(response)] { write(*exchange, response); },
            Qt::QueuedConnection);
    });
    exchange->inHandler = false;
    if (!exchange->answered)
        exchange->late = socket && GuardedTcpServer::beginLateAnswer(socket);
}

#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
bool HttpFrontend::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    dispatch(request, makeResponder(request, socket), socket);
    return true;
}

void HttpFrontend::missingHandler(const QHttpServerRequest &, QTcpSocket *)
{
    // Never reached: handleRequest() answers every request.
}
#elif QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
bool HttpFrontend::handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    // Qt names the connection by the peer's address and port only.
    QTcpSocket *socket = m_tcp ? m_tcp->connectionFrom(request.remoteAddress(), request.remotePort()) : nullptr;
    dispatch(request, std::move(responder), socket);
    return true;
}

void HttpFrontend::missingHandler(const QHttpServerRequest &, QHttpServerResponder &&)
{}
#else
bool HttpFrontend::handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    // Qt names the connection by the peer's address and port only.
    QTcpSocket *socket = m_tcp ? m_tcp->connectionFrom(request.remoteAddress(), request.remotePort()) : nullptr;
    dispatch(request, std::move(responder), socket);
    return true;
}

void HttpFrontend::missingHandler(const QHttpServerRequest &, QHttpServerResponder &)
{}
#endif

} // namespace sg::server
