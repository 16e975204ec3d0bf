#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QUrlQuery>

#include <functional>
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
    // A body already written as JSON (JsonWriter), for answers too large to build as a QJsonObject.
    static HttpResponse json(int status, QByteArray body);
    static HttpResponse noContent();
    // An RFC 9457 problem document: {type, title, status, code, detail}.
    static HttpResponse problem(int status, const QString &code, const QString &detail);
    static HttpResponse problem(const Error &error);
};

// Takes the answer to one request; call it once, from any thread.
using HttpReply = std::function<void(HttpResponse)>;
// Answers a request, at once or later (from any thread) through the reply.
using HttpHandler = std::function<void(HttpRequest, HttpReply)>;

// The largest body one route accepts: method and a router pattern ("/api/v1/schools/{id}/decisions").
struct BodyLimit
{
    QByteArray method;
    QString pattern;
    qint64 maxBytes = 0;
};

// What the HTTP front end accepts from a connection before a route sees a request. HttpConnection enforces
// them for every request. Times in milliseconds.
struct TransportLimits
{
    static constexpr qint64 kDecisionBatchBytes = 16 * 1024 * 1024; // 10,000 items with 500-character reasons
    static constexpr qint64 kDirectorSubmissionBytes = 8 * 1024 * 1024; // a 5 MiB order file in base64

    qsizetype maxHeaderBytes = 16 * 1024; // request line and header fields (431 beyond)
    int maxHeaderFields = 100; // 431 beyond
    qint64 maxBodyBytes = 256 * 1024; // every route not in bodyLimits (413 beyond)
    QList<BodyLimit> bodyLimits = defaultBodyLimits();
    int headerTimeoutMs = 10 * 1000; // from the first byte of a request to the end of its header (408)
    int bodyTimeoutMs = 60 * 1000; // from the end of the header to the end of the body (408)
    int idleTimeoutMs = 30 * 1000; // a connection with no request in progress is closed
    int maxConnections = 512; // open connections in total (503 with Retry-After beyond)
    int maxConnectionsPerAddress = 64; // per client address; behind a proxy on loopback, raise to maxConnections
    int retryAfterSecs = 5;
    int lingerMs = 1000; // after a refusal, unread input is discarded this long before the connection closes

    static QList<BodyLimit> defaultBodyLimits();
    // The body limit for a request; path is the raw path of the request target (no query).
    qint64 bodyLimitFor(const QByteArray &method, const QString &path) const;
};

// Parses a JSON object body: checks Content-Type and syntax; an error is ready to send.
Result<QJsonObject> parseJsonBody(const HttpRequest &request);

} // namespace sg::server
