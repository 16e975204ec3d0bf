#pragma once

#include "server/httpmessage.h"

#include <QHash>
#include <QHostAddress>
#include <QSslConfiguration>
#include <QTcpServer>

#include <functional>
#include <optional>

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

    // A route the transport answers itself, without Qt HttpServer: a GET of exactly this target with no body, when
    // nothing else waits on the connection. For the load balancer's probe (/api/v1/health), which must stay cheap
    // under load. The route runs on this object's thread.
    using FastRoute = std::function<HttpResponse(const HttpRequest &)>;
    void setFastRoute(const QByteArray &target, FastRoute route) { m_fastRoutes.insert(target, std::move(route)); }
    const FastRoute *fastRoute(const QByteArray &method, const QByteArray &target) const
    {
        const auto it = m_fastRoutes.constFind(target);
        return method == "GET" && it != m_fastRoutes.cend() ? &it.value() : nullptr;
    }

    // Called by a connection's guard when its socket goes away.
    void release(const QHostAddress &peer, QTcpSocket *socket);

    // The open connection from this peer address and port (Qt HttpServer 6.5 and later names a request's
    // connection only so), or null.
    QTcpSocket *connectionFrom(const QHostAddress &address, quint16 port) const;

    // Answers written later than the request's own event (the work ran on another thread): the front end calls
    // beginLateAnswer() before it returns the request to Qt, and lateAnswerWritten() once it wrote the answer. In
    // between the connection waits for that answer instead of taking silence for a request Qt could not read.
    // beginLateAnswer() is false when the connection is already being closed.
    static bool beginLateAnswer(QTcpSocket *socket);
    static void lateAnswerWritten(QTcpSocket *socket);
    // Whether an answer may still be written on the connection (it was not refused and closed meanwhile).
    static bool mayAnswer(QTcpSocket *socket);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    TransportLimits m_limits;
    std::optional<QSslConfiguration> m_tls;
    int m_total = 0;
    QHash<QHostAddress, int> m_perAddress;
    QHash<std::pair<QHostAddress, quint16>, QTcpSocket *> m_connections;
    QHash<QByteArray, FastRoute> m_fastRoutes;
};

} // namespace sg::server
