#pragma once

#include "server/guardedtcpserver.h"
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
