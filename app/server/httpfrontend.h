#pragma once

#include "server/guardedtcpserver.h"
#include "server/httpmessage.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QHostAddress>
#include <QPointer>
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

// Qt HttpServer front end: turns each parsed request into an HttpRequest, hands it to the handler and writes the
// HttpResponse back. It is bound (bind()) to the GuardedTcpServer that the Server owns. The handler may answer at
// once or later from any thread (work done on a worker thread): the answer is written on this object's thread,
// and the connection waits for it. The virtuals of QAbstractHttpServer changed in Qt 6.5 and 6.8; only this class
// knows.
class HttpFrontend : public QAbstractHttpServer
{
    Q_OBJECT

public:
    // Takes the answer to one request; call it exactly once, from any thread.
    using Reply = std::function<void(HttpResponse)>;
    using Handler = std::function<void(HttpRequest, Reply)>;
    explicit HttpFrontend(Handler handler, QObject *parent = nullptr);

    // Binds to the server and remembers it (its connections are looked up by address and port on Qt 6.5+).
    void bindGuarded(GuardedTcpServer *server);

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
    void dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder, QTcpSocket *socket);

    Handler m_handler;
    QPointer<GuardedTcpServer> m_tcp;
};

} // namespace sg::server
