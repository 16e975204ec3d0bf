#pragma once

#include "server/httpmessage.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QHostAddress>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QtGlobal>

#include <functional>
#include <optional>

QT_BEGIN_NAMESPACE
class QHttpServerRequest;
class QHttpServerResponder;
class QTcpSocket;
QT_END_NAMESPACE

namespace sg::server {

// The QTcpServer that HttpFrontend is bound to. It enforces what Qt HttpServer 6.4 does not: it reads every
// byte of a connection before Qt does (a slot on readyRead connected ahead of Qt's, peeking, never consuming),
// checks the framing strictly (request line, CRLF, header size and count, Host, Content-Length,
// Transfer-Encoding, Expect, pipelining), the body size per route, the header, body and idle timeouts and the
// connection caps. A refused request is answered with a problem document and the connection is cut from Qt
// and closed; Qt never sees bytes it could misparse or a body over the limit. It answers
// Expect: 100-continue, and closes after the answer on Connection: close and HTTP/1.0.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT

public:
    explicit GuardedTcpServer(TransportLimits limits, QObject *parent = nullptr);

    // Applies to connections accepted from now on (each connection keeps the limits it was accepted with).
    void setLimits(const TransportLimits &limits) { m_limits = limits; }
    const TransportLimits &limits() const { return m_limits; }
    int connectionCount() const { return m_total; }
    // Connections accepted from now on speak TLS with this configuration (certificate and key set).
    void setTls(const QSslConfiguration &configuration) { m_tls = configuration; }
    bool usesTls() const { return m_tls.has_value(); }

    // Called by a connection's guard when its socket goes away.
    void release(const QHostAddress &peer);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    TransportLimits m_limits;
    std::optional<QSslConfiguration> m_tls;
    int m_total = 0;
    QHash<QHostAddress, int> m_perAddress;
};

// Qt HttpServer front end: turns each parsed request into an HttpRequest, hands it to the API and writes the
// HttpResponse back. It is bound (bind()) to a QTcpServer that the Server owns. The virtuals of
// QAbstractHttpServer changed in Qt 6.5 and 6.8; only this class knows.
class HttpFrontend : public QAbstractHttpServer
{
    Q_OBJECT

public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;
    explicit HttpFrontend(Handler handler, QObject *parent = nullptr);

    static HttpRequest convert(const QHttpServerRequest &request);

protected:
#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;
#elif QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
    void missingHandler(const QHttpServerRequest &request, QHttpServerResponder &&responder) override;
#else
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
    void missingHandler(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
#endif

private:
    void respond(const QHttpServerRequest &request, QHttpServerResponder &responder);

    Handler m_handler;
};

} // namespace sg::server
