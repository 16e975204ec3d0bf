#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QUrlQuery>

#include <optional>

namespace sg::server {

// A request as the API sees it, independent of the HTTP library (so handlers can be called in process).
struct HttpRequest
{
    QByteArray method; // "GET", "POST", ...
    QString path; // decoded path, no query
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress remoteAddress;

    QByteArray header(const QByteArray &name) const;
    QString bearerToken() const;
};

struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static HttpResponse json(int status, const QJsonObject &object);
    static HttpResponse noContent();
    // An RFC 9457 problem document: {type, title, status, code, detail}.
    static HttpResponse problem(int status, const QString &code, const QString &detail);
    static HttpResponse problem(const Error &error);
};

// Parses a JSON object body: checks Content-Type and syntax; an error is ready to send.
Result<QJsonObject> parseJsonBody(const HttpRequest &request);

} // namespace sg::server
