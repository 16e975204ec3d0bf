#include "server/httpfrontend.h"

#include "core/errorcodes.h"
#include "server/httpframing.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QLoggingCategory>
#include <QTcpSocket>

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
