#include "server/httpserver.h"

#include "core/errorcodes.h"
#include "server/httpconnection.h"
#include "server/httpframing.h"

#include <QLoggingCategory>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

Q_LOGGING_CATEGORY(lcHttp, "sg.server.http")

namespace sg::server {

namespace {

QHostAddress clientAddress(const QHostAddress &a)
{
    bool mapped = false;
    const quint32 v4 = a.toIPv4Address(&mapped);
    return mapped ? QHostAddress(v4) : a;
}

} // namespace

HttpServer::HttpServer(TransportLimits limits, HttpHandler handler, QObject *parent)
    : QTcpServer(parent)
    , m_limits(std::move(limits))
    , m_handler(std::move(handler))
{}

void HttpServer::incomingConnection(qintptr socketDescriptor)
{
    QTcpSocket *socket = nullptr;
    if (m_tls) {
        // The connection reads the decrypted bytes: QSslSocket's readyRead carries plain text. A client that does
        // not complete the handshake sends nothing the connection could accept and meets its header timeout.
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
        // Input is discarded for a moment so that the client reads the answer instead of a reset.
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QIODevice::readyRead, socket, [socket] { socket->readAll(); });
        socket->write(closingAnswer(busy));
        QTimer::singleShot(m_limits.lingerMs, socket, [socket] { socket->disconnectFromHost(); });
        QTimer::singleShot(m_limits.lingerMs + 5000, socket, [socket] { socket->abort(); });
        return;
    }
    ++m_total;
    ++m_perAddress[peer];
    new HttpConnection(socket, this, peer, m_limits, m_handler);
}

void HttpServer::release(const QHostAddress &peer)
{
    --m_total;
    auto it = m_perAddress.find(peer);
    if (it != m_perAddress.end() && --it.value() <= 0)
        m_perAddress.erase(it);
}

} // namespace sg::server
