#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>
#include <QUrl>

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
    // Content-Type header gets none from us).
    HttpAnswer send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {},
        const Headers &headers = {}, int timeoutMs = 20000);

    // Shortcuts with an optional bearer token; postJson sets Content-Type: application/json.
    HttpAnswer get(const QString &pathAndQuery, const QString &token = {});
    HttpAnswer postJson(const QString &pathAndQuery, const QJsonObject &body, const QString &token = {});
    HttpAnswer del(const QString &pathAndQuery, const QString &token = {});

    static Headers bearer(const QString &token);

private:
    QNetworkAccessManager m_network;
    QUrl m_base;
};

} // namespace sg::test
