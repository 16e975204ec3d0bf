#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>
#include <QTcpSocket>
#include <QUrl>

#include <optional>

namespace sg::test {

// One HTTP answer as the wire carried it.
struct HttpAnswer
{
    int status = 0; // 0 when no HTTP answer came (connection refused, timeout)
    QByteArray contentType;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString networkError;

    QByteArray header(const QByteArray &name) const;
    // The body as a JSON object (an empty one when the body is not a JSON object: see isJsonObject()).
    bool isJsonObject() const;
    QJsonObject json() const;
    QString code() const { return json().value(QStringLiteral("code")).toString(); }
};

// Raw HTTP against a test server: any method, path, header and body, so tests can send what a real
// client never would. No proxy; waits by spinning the event loop.
class RawHttp
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    explicit RawHttp(QUrl baseUrl);

    // pathAndQuery: "/api/v1/schools/1/members?role=teacher". Headers are sent as given (a body without a
    // Content-Type header gets none from us); Accept-Language is Russian unless given.
    HttpAnswer send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {},
        const Headers &headers = {}, int timeoutMs = 20000);

    // Shortcuts with an optional bearer token; postJson sets Content-Type: application/json.
    HttpAnswer get(const QString &pathAndQuery, const QString &token = {});
    HttpAnswer postJson(const QString &pathAndQuery, const QJsonObject &body, const QString &token = {});
    HttpAnswer del(const QString &pathAndQuery, const QString &token = {});

    // The body of POST .../reports as a client sends it: the key and the snapshot of the preview it gets now from
    // schoolPath + "/reports/preview" ("/api/v1/schools/1").
    QJsonObject previewedReport(const QString &schoolPath, const QString &key, const QString &token);
    // Gets the preview and sends the report of exactly what it shows.
    HttpAnswer sendReport(const QString &schoolPath, const QString &key, const QString &token);

    static Headers bearer(const QString &token);

private:
    QNetworkAccessManager m_network;
    QUrl m_base;
};

} // namespace sg::test

namespace sg::test {

// One answer read off a raw TCP connection.
struct RawAnswer
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const;
    QJsonObject json() const;
    QString code() const { return json().value(QStringLiteral("code")).toString(); }
};

// A plain TCP connection to a test server that sends exactly the bytes it is given (malformed framing,
// trickled headers, stalled bodies) and reads answers off the wire. Waits by spinning the event loop.
class RawConnection
{
public:
    // from: the local address to connect from (127.0.0.2 reaches a server on 127.0.0.1 as another client).
    explicit RawConnection(quint16 port, const QHostAddress &from = {});

    bool waitConnected(int timeoutMs = 5000);
    void send(const QByteArray &bytes);
    // Sends the bytes one at a time with a pause in between; stops early when the server closes.
    void trickle(const QByteArray &bytes, int pauseMs, int maxMs);
    // The next answer (1xx answers included); nullopt when the connection closed or timeoutMs passed first.
    std::optional<RawAnswer> readAnswer(int timeoutMs = 5000);
    // True once the server has closed the connection (within timeoutMs).
    bool waitClosed(int timeoutMs = 5000);
    bool isClosed() const { return m_closed; }

private:
    std::optional<RawAnswer> takeAnswer();

    QTcpSocket m_socket;
    QByteArray m_buffer;
    bool m_closed = false;
};

} // namespace sg::test
