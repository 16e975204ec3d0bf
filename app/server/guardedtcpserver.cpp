#include "server/guardedtcpserver.h"

#include "core/errorcodes.h"
#include "server/httpframing.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QPointer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <variant>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace sg::server {

namespace {

constexpr char kGuardProperty[] = "sg.guard";

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
        socket->setProperty(kGuardProperty, QVariant::fromValue(static_cast<QObject *>(this)));
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, &ConnectionGuard::timerFired);
        // Connected before Qt HttpServer connects its own slot (it does so when it takes the socket).
        connect(m_socket, &QIODevice::readyRead, this, &ConnectionGuard::inspect);
        connect(m_socket, &QIODevice::bytesWritten, this, [this](qint64 n) { m_written += n; });
        connect(m_socket, &QAbstractSocket::disconnected, m_socket, &QObject::deleteLater);
        arm(m_limits.headerTimeoutMs);
    }

    ~ConnectionGuard() override
    {
        if (m_server)
            m_server->release(m_peer, m_socket);
    }

    static ConnectionGuard *of(QTcpSocket *socket)
    {
        return socket ? static_cast<ConnectionGuard *>(socket->property(kGuardProperty).value<QObject *>()) : nullptr;
    }

    bool beginLateAnswer()
    {
        if (m_phase != Phase::Answering)
            return false;
        m_late = true;
        return true;
    }

    void lateAnswerWritten()
    {
        if (!m_late)
            return;
        m_late = false;
        if (m_phase == Phase::Answering)
            finishAnswer();
    }

    bool mayAnswer() const { return m_phase == Phase::Answering; }

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
                if (completed || m_late) {
                    refuse(400, errc::BadRequest,
                        trServer("Send the next request after the answer to the previous one (no pipelining)."));
                    return;
                }
                if (!finishAnswer())
                    return;
            }
            if (m_phase == Phase::Idle) {
                m_phase = Phase::Header;
                m_scanner.reset();
                arm(m_limits.headerTimeoutMs);
            }
            if (m_phase == Phase::Header) {
                const HeaderScanner::State scanned = m_scanner.append(fresh.constData() + pos, fresh.size() - pos);
                if (scanned == HeaderScanner::State::Refused) {
                    refuse(m_scanner.refusal().status, m_scanner.refusal().code, m_scanner.refusal().detail);
                    return;
                }
                if (scanned == HeaderScanner::State::NeedMore) {
                    if (m_scanner.headerBytes() > m_limits.maxHeaderBytes) {
                        refuse(431, errc::HeaderTooLarge,
                            trServer("The request header may have at most %1 bytes.").arg(m_limits.maxHeaderBytes));
                        return;
                    }
                    pos = fresh.size();
                    break;
                }
                pos = fresh.size() - m_scanner.excess();
                if (m_scanner.headerBytes() > m_limits.maxHeaderBytes) {
                    refuse(431, errc::HeaderTooLarge,
                        trServer("The request header may have at most %1 bytes.").arg(m_limits.maxHeaderBytes));
                    return;
                }
                const auto header = readRequestHeader(m_scanner.header(), m_limits);
                if (const auto *refusal = std::get_if<Refusal>(&header)) {
                    refuse(refusal->status, refusal->code, refusal->detail);
                    return;
                }
                const RequestFrame frame = std::get<RequestFrame>(header);
                m_close = frame.close;
                m_bodyLeft = frame.bodyLength;
                if (m_bodyLeft == 0 && pos == fresh.size() && !completed && m_server) {
                    if (const GuardedTcpServer::FastRoute *route = m_server->fastRoute(frame.method, frame.target)) {
                        answerHere(*route, frame);
                        return;
                    }
                }
                if (frame.expectContinue && m_bodyLeft > 0 && pos == fresh.size())
                    m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                if (m_bodyLeft > 0) {
                    m_phase = Phase::Body;
                    arm(m_limits.bodyTimeoutMs);
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
            disarm();
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

    // Answers a fast route (the whole request is in the socket's buffer, nothing else): the request's bytes are
    // read here, so Qt HttpServer never sees them.
    void answerHere(const GuardedTcpServer::FastRoute &route, const RequestFrame &frame)
    {
        // Qt HttpServer starts a read transaction at every readyRead and commits it only after a request it read;
        // one it started since holds nothing of ours. Committed here, it does not keep these bytes for a rollback.
        if (m_socket->isTransactionStarted())
            m_socket->commitTransaction();
        m_socket->read(m_socket->bytesAvailable());
        HttpRequest request;
        request.method = frame.method;
        request.path = QString::fromLatin1(frame.target);
        request.remoteAddress = m_peer;
        m_socket->write(answerBytes(route(request), m_close));
        // Sent now, not at the next turn of the event loop: one poll less per request, and the answer leaves while
        // the request's bytes are still warm.
        m_socket->flush();
        if (m_close) {
            closeQuietly();
            return;
        }
        m_phase = Phase::Idle;
        arm(m_limits.idleTimeoutMs);
    }

    // After Qt HttpServer had the complete request: it must have answered. Returns false when the connection ends.
    bool finishAnswer()
    {
        if (m_late)
            return true; // the answer is being worked out on another thread; lateAnswerWritten() comes back here
        if (m_written + m_socket->bytesToWrite() == m_mark) {
            // Qt read the request but wrote nothing: it could not parse it.
            refuse(400, errc::BadRequest, trServer("This request could not be read."));
            return false;
        }
        if (m_close || m_socket->state() != QAbstractSocket::ConnectedState) {
            closeQuietly();
            return false;
        }
        m_socket->flush(); // the answer leaves now rather than at the next turn of the event loop
        m_phase = Phase::Idle;
        arm(m_limits.idleTimeoutMs);
        return true;
    }

    // The connection's one deadline. Re-arming it for every request would cost a timer registration each (the
    // busiest path of the server): the timer is restarted only when the new deadline comes before the one it is
    // set for; when it fires early it sets itself again for what is left.
    static qint64 nowMs()
    {
        static const QElapsedTimer clock = [] {
            QElapsedTimer t;
            t.start();
            return t;
        }();
        return clock.elapsed();
    }

    void arm(qint64 ms)
    {
        m_deadline = nowMs() + ms;
        if (!m_timer.isActive() || m_timerDue > m_deadline) {
            m_timer.start(int(ms));
            m_timerDue = m_deadline;
        }
    }

    void disarm() { m_deadline = -1; }

    void timerFired()
    {
        if (m_deadline < 0)
            return;
        const qint64 left = m_deadline - nowMs();
        if (left > 0) {
            m_timer.start(int(left));
            m_timerDue = m_deadline;
            return;
        }
        m_deadline = -1;
        timedOut();
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
        arm(m_limits.lingerMs + 5000);
    }

    void closeQuietly()
    {
        cutOffQt();
        drain();
        m_socket->disconnectFromHost();
        arm(5000);
    }

    QTcpSocket *m_socket;
    QPointer<GuardedTcpServer> m_server;
    QHostAddress m_peer;
    TransportLimits m_limits;
    QTimer m_timer;
    qint64 m_deadline = -1; // nowMs() when the current phase times out; -1: none
    qint64 m_timerDue = 0; // what m_timer is set for
    Phase m_phase = Phase::Idle;
    HeaderScanner m_scanner;
    bool m_late = false;
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
    m_connections.insert({socket->peerAddress(), socket->peerPort()}, socket);
    new ConnectionGuard(socket, this, peer);
    addPendingConnection(socket);
}

QTcpSocket *GuardedTcpServer::connectionFrom(const QHostAddress &address, quint16 port) const
{
    return m_connections.value({address, port});
}

bool GuardedTcpServer::beginLateAnswer(QTcpSocket *socket)
{
    ConnectionGuard *guard = ConnectionGuard::of(socket);
    return guard && guard->beginLateAnswer();
}

void GuardedTcpServer::lateAnswerWritten(QTcpSocket *socket)
{
    if (ConnectionGuard *guard = ConnectionGuard::of(socket))
        guard->lateAnswerWritten();
}

bool GuardedTcpServer::mayAnswer(QTcpSocket *socket)
{
    const ConnectionGuard *guard = ConnectionGuard::of(socket);
    return guard && guard->mayAnswer();
}

void GuardedTcpServer::release(const QHostAddress &peer, QTcpSocket *socket)
{
    for (auto it = m_connections.begin(); it != m_connections.end(); ++it) {
        if (it.value() == socket) {
            m_connections.erase(it);
            break;
        }
    }
    --m_total;
    auto it = m_perAddress.find(peer);
    if (it != m_perAddress.end() && --it.value() <= 0)
        m_perAddress.erase(it);
}

} // namespace sg::server
