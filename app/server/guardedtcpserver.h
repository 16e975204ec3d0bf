#pragma once

#include "server/httpmessage.h"

#include <QHash>
#include <QHostAddress>
#include <QSslConfiguration>
#include <QTcpServer>

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

} // namespace sg::server
