#include "server/httpconnection.h"

#include "core/errorcodes.h"
#include "server/httpserver.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMutex>
#include <QTcpSocket>
#include <QThread>
#include <QUrl>

#ifdef Q_OS_LINUX
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#endif

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace sg::server {

// What a request's reply and its connection share. The connection sets `connection` while it waits for the answer
// and clears it (under the mutex) when it stops waiting: when it closes, refuses, or is destroyed. A reply posts its
// answer to the connection only while holding the mutex with `connection` set, so the connection is alive when the
// answer is posted; if it is destroyed before the answer's event is delivered, Qt drops the event with it.
struct PendingAnswer
{
    QMutex mutex;
    HttpConnection *connection = nullptr;
    quint64 seq = 0;
    bool inHandler = true; // the handler has not returned yet (an answer on the connection's thread is written at once)
    bool answered = false;

    void answer(HttpResponse response)
    {
        QMutexLocker lock(&mutex);
        if (answered)
            return;
        answered = true;
        HttpConnection *c = connection;
        if (!c)
            return;
        if (inHandler && QThread::currentThread() == c->thread()) {
            lock.unlock();
            c->deliver(seq, response);
            return;
        }
        QMetaObject::invokeMethod(
            c, [c, n = seq, response = std::move(response)] { c->deliver(n, response); }, Qt::QueuedConnection);
    }
};

namespace {

// The reply handed to the handler; std::function copies share one. When the last copy goes without an answer (a
// handler that dropped it), the client gets a 500 instead of a connection that waits for ever.
struct Replier
{
    explicit Replier(std::shared_ptr<PendingAnswer> p)
        : pending(std::move(p))
    {}
    Replier(const Replier &) = delete;
    Replier &operator=(const Replier &) = delete;

    std::shared_ptr<PendingAnswer> pending;

    ~Replier()
    {
        QMutexLocker lock(&pending->mutex);
        const bool unanswered = !pending->answered;
        lock.unlock();
        if (unanswered) {
            qCWarning(lcHttp) << "a request was dropped without an answer";
            pending->answer(HttpResponse::problem(500, QString::fromLatin1(errc::Internal),
                trServer("The server could not answer this request. Try again later.")));
        }
    }
};

qint64 nowMs()
{
    static const QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.elapsed();
}

HttpRequest makeRequest(RequestFrame &frame, QByteArray body, const QHostAddress &peer)
{
    HttpRequest r;
    r.method = frame.method;
    const qsizetype question = frame.target.indexOf('?');
    const QByteArray rawPath = question < 0 ? frame.target : frame.target.first(question);
    r.path = QUrl::fromPercentEncoding(rawPath);
    if (question >= 0)
        r.query = QUrlQuery(QString::fromLatin1(frame.target.sliced(question + 1)));
    r.headers = std::move(frame.headers);
    r.body = std::move(body);
    r.remoteAddress = peer;
    return r;
}

// A message whose last segment is part-filled waits for the acknowledgement of the segment before it (Nagle's
// algorithm), and Linux delays that acknowledgement by up to 40 ms: a request or answer of a few dozen kilobytes then
// takes 40 ms longer than its bytes need. The server acknowledges at once; the mode is not sticky, so it is asked for
// again after each read and each answer.
void acknowledgeQuickly(QTcpSocket *socket)
{
#ifdef Q_OS_LINUX
    const qintptr fd = socket->socketDescriptor();
    if (fd < 0)
        return;
    const int on = 1;
    ::setsockopt(int(fd), IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
#else
    Q_UNUSED(socket);
#endif
}

} // namespace

HttpConnection::HttpConnection(
    QTcpSocket *socket, HttpServer *server, QHostAddress peer, TransportLimits limits, HttpHandler handler)
    : QObject(socket)
    , m_socket(socket)
    , m_server(server)
    , m_peer(std::move(peer))
    , m_limits(std::move(limits))
    , m_handler(std::move(handler))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::timerFired);
    connect(m_socket, &QIODevice::readyRead, this, &HttpConnection::readInput);
    connect(m_socket, &QAbstractSocket::disconnected, m_socket, &QObject::deleteLater);
    // An answer leaves whole at once: no segment of it waits for the client's acknowledgement of the one before.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    acknowledgeQuickly(m_socket);
    arm(m_limits.headerTimeoutMs);
}

HttpConnection::~HttpConnection()
{
    detachPending();
    if (m_server)
        m_server->release(m_peer);
}

void HttpConnection::detachPending()
{
    if (!m_pending)
        return;
    QMutexLocker lock(&m_pending->mutex);
    m_pending->connection = nullptr;
    lock.unlock();
    m_pending.reset();
}

void HttpConnection::readInput()
{
    if (m_phase == Phase::Closing) {
        drain();
        return;
    }
    if (m_phase == Phase::Handling) {
        refuse(400, errc::BadRequest,
            trServer("Send the next request after the answer to the previous one (no pipelining)."));
        return;
    }
    const QByteArray fresh = m_socket->readAll();
    acknowledgeQuickly(m_socket);
    qsizetype pos = 0;
    while (pos < fresh.size()) {
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
            if (m_scanner.headerBytes() > m_limits.maxHeaderBytes) {
                refuse(431, errc::HeaderTooLarge,
                    trServer("The request header may have at most %1 bytes.").arg(m_limits.maxHeaderBytes));
                return;
            }
            if (scanned == HeaderScanner::State::NeedMore)
                return;
            pos = fresh.size() - m_scanner.excess();
            auto header = readRequestHeader(m_scanner.header(), m_limits);
            if (const auto *refusal = std::get_if<Refusal>(&header)) {
                refuse(refusal->status, refusal->code, refusal->detail);
                return;
            }
            m_frame = std::move(std::get<RequestFrame>(header));
            m_bodyLeft = m_frame.bodyLength;
            m_body.clear();
            if (m_bodyLeft > 0) {
                // The length is within the route's limit; the buffer still grows only with what arrives.
                m_body.reserve(qMin<qint64>(m_bodyLeft, 64 * 1024));
                if (m_frame.expectContinue && pos == fresh.size())
                    m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                m_phase = Phase::Body;
                arm(m_limits.bodyTimeoutMs);
                continue;
            }
        } else if (m_phase == Phase::Body) {
            const qint64 n = qMin<qint64>(m_bodyLeft, fresh.size() - pos);
            m_body.append(fresh.constData() + pos, n);
            pos += n;
            m_bodyLeft -= n;
            if (m_bodyLeft > 0)
                return;
        }
        // The request is complete. Bytes after it, before its answer, are another request: refused, this one too.
        if (pos < fresh.size()) {
            refuse(400, errc::BadRequest,
                trServer("Send the next request after the answer to the previous one (no pipelining)."));
            return;
        }
        dispatch();
        return;
    }
}

void HttpConnection::dispatch()
{
    m_phase = Phase::Handling;
    disarm(); // the handler's time is not the client's: no timeout while the answer is worked out
    detachPending();
    auto pending = std::make_shared<PendingAnswer>();
    pending->connection = this;
    pending->seq = ++m_seq;
    m_pending = pending;
    HttpRequest request = makeRequest(m_frame, std::exchange(m_body, {}), m_peer);
    auto replier = std::make_shared<Replier>(pending);
    m_handler(std::move(request), [replier](HttpResponse response) { replier->pending->answer(std::move(response)); });
    QMutexLocker lock(&pending->mutex);
    pending->inHandler = false;
}

void HttpConnection::deliver(quint64 seq, const HttpResponse &response)
{
    if (seq != m_seq || m_phase != Phase::Handling)
        return; // the connection moved on (refused, closing): the answer has nobody to go to
    detachPending();
    if (response.status >= 500)
        qCWarning(lcHttp) << "answered" << response.status << "to" << m_frame.method
                          << m_frame.target.left(m_frame.target.indexOf('?')).left(200); // no query: tokens
    m_socket->write(answerBytes(response, m_frame.close));
    if (m_frame.close || m_socket->state() != QAbstractSocket::ConnectedState) {
        closeQuietly();
        return;
    }
    m_socket->flush(); // the answer leaves now rather than at the next turn of the event loop
    acknowledgeQuickly(m_socket);
    m_phase = Phase::Idle;
    arm(m_limits.idleTimeoutMs);
}

// Re-arming the timer for every request would cost a timer registration each (the busiest path of the server): it
// is restarted only when the new deadline comes before the one it is set for; when it fires early it sets itself
// again for what is left.
void HttpConnection::arm(qint64 ms)
{
    m_deadline = nowMs() + ms;
    if (!m_timer.isActive() || m_timerDue > m_deadline) {
        m_timer.start(int(ms));
        m_timerDue = m_deadline;
    }
}

void HttpConnection::timerFired()
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

void HttpConnection::timedOut()
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
    case Phase::Handling: break;
    case Phase::Closing: m_socket->abort(); break;
    }
}

void HttpConnection::drain()
{
    m_socket->readAll();
}

// Answers with a problem document and closes, discarding input for a moment first (so that the client reads the
// answer instead of a reset). An answer still being worked out for this connection is dropped.
void HttpConnection::refuse(int status, const char *code, const QString &detail)
{
    if (m_phase == Phase::Closing)
        return;
    qCInfo(lcHttp) << "refused a request with" << status << code;
    detachPending();
    m_phase = Phase::Closing;
    drain();
    m_socket->write(closingAnswer(HttpResponse::problem(status, QString::fromLatin1(code), detail)));
    QPointer<QTcpSocket> socket = m_socket;
    QTimer::singleShot(m_limits.lingerMs, this, [socket] {
        if (socket)
            socket->disconnectFromHost();
    });
    arm(m_limits.lingerMs + 5000);
}

void HttpConnection::closeQuietly()
{
    detachPending();
    m_phase = Phase::Closing;
    drain();
    m_socket->disconnectFromHost();
    arm(5000);
}

} // namespace sg::server
