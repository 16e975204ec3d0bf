#pragma once

#include "server/httpmessage.h"

#include <QHash>
#include <QHostAddress>
#include <QSslConfiguration>
#include <QTcpServer>

#include <optional>

namespace sg::server {

// The server module's HTTP/1.1 listener: accepts connections (plain or TLS), enforces the connection caps (in all
// and per client address: 503 with Retry-After beyond) and gives each connection an HttpConnection, which frames
// its requests, hands them to the handler and writes the answers. The same code on every Qt version: it uses
// QTcpServer and QSslSocket only (docs/architecture.md, "HTTP front end").
class HttpServer : public QTcpServer
{
    Q_OBJECT

public:
    HttpServer(TransportLimits limits, HttpHandler handler, QObject *parent = nullptr);

    // Applies to connections accepted from now on (each connection keeps the limits it was accepted with).
    void setLimits(const TransportLimits &limits) { m_limits = limits; }
    const TransportLimits &limits() const { return m_limits; }
    int connectionCount() const { return m_total; }
    // Connections accepted from now on speak TLS with this configuration (certificate and key set).
    void setTls(const QSslConfiguration &configuration) { m_tls = configuration; }
    bool usesTls() const { return m_tls.has_value(); }

    // Called by a connection when it goes away.
    void release(const QHostAddress &peer);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    TransportLimits m_limits;
    HttpHandler m_handler;
    std::optional<QSslConfiguration> m_tls;
    int m_total = 0;
    QHash<QHostAddress, int> m_perAddress;
};

} // namespace sg::server
