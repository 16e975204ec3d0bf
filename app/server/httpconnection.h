#pragma once

#include "server/httpframing.h"
#include "server/httpmessage.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace sg::server {

class HttpServer;
struct PendingAnswer;

// One accepted HTTP/1.1 connection, from its first byte to its close. It is the socket's child, so it lives exactly
// as long as the socket. It reads the bytes itself and frames every request strictly (httpframing.h: request
// line, CRLF, header size and count, Host, Content-Length, Transfer-Encoding, Expect, body size per route), enforces
// the header, body and idle timeouts, answers Expect: 100-continue, hands each complete request to the handler and
// writes its answer; it closes after the answer on Connection: close and HTTP/1.0. A refused request is answered
// with a problem document and the connection is closed. One request at a time: bytes of a next request before the
// answer to the previous one are refused (no pipelining).
//
// The handler may answer at once, or later from any thread (work done on a worker thread). The answer travels
// back through a PendingAnswer that the connection owns together with the reply: the connection lets go of it when
// it closes or dies, so a late answer can never reach a connection that is gone, nor one that has moved on.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    HttpConnection(
        QTcpSocket *socket, HttpServer *server, QHostAddress peer, TransportLimits limits, HttpHandler handler);
    ~HttpConnection() override;

private:
    enum class Phase { Idle, Header, Body, Handling, Closing };

    void readInput();
    // A complete request (header read, body in m_body): to the handler.
    void dispatch();
    // The answer to request number seq, on this object's thread.
    void deliver(quint64 seq, const HttpResponse &response);
    void detachPending();

    // The connection's one deadline (see arm()).
    void arm(qint64 ms);
    void disarm() { m_deadline = -1; }
    void timerFired();
    void timedOut();

    void refuse(int status, const char *code, const QString &detail);
    void closeQuietly();
    void drain();

    friend struct PendingAnswer;

    QTcpSocket *m_socket;
    QPointer<HttpServer> m_server;
    QHostAddress m_peer;
    TransportLimits m_limits;
    HttpHandler m_handler;
    QTimer m_timer;
    qint64 m_deadline = -1; // when the current phase times out (monotonic ms); -1: none
    qint64 m_timerDue = 0; // what m_timer is set for
    Phase m_phase = Phase::Idle;
    HeaderScanner m_scanner;
    RequestFrame m_frame;
    QByteArray m_body;
    qint64 m_bodyLeft = 0;
    quint64 m_seq = 0; // the number of the request being handled
    std::shared_ptr<PendingAnswer> m_pending;
};

} // namespace sg::server
