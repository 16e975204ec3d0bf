#include "server/httpmessage.h"

#include "core/errorcodes.h"
#include "core/jsonreader.h"

#include <QCoreApplication>

namespace sg::server {

namespace {

QString titleFor(int status)
{
    switch (status) {
    case 400: return QStringLiteral("Bad Request");
    case 401: return QStringLiteral("Unauthorized");
    case 403: return QStringLiteral("Forbidden");
    case 404: return QStringLiteral("Not Found");
    case 405: return QStringLiteral("Method Not Allowed");
    case 408: return QStringLiteral("Request Timeout");
    case 409: return QStringLiteral("Conflict");
    case 411: return QStringLiteral("Length Required");
    case 413: return QStringLiteral("Payload Too Large");
    case 415: return QStringLiteral("Unsupported Media Type");
    case 417: return QStringLiteral("Expectation Failed");
    case 422: return QStringLiteral("Unprocessable Content");
    case 429: return QStringLiteral("Too Many Requests");
    case 431: return QStringLiteral("Request Header Fields Too Large");
    case 503: return QStringLiteral("Service Unavailable");
    default: return status >= 500 ? QStringLiteral("Internal Server Error") : QStringLiteral("Error");
    }
}

} // namespace

QByteArray HttpRequest::header(const QByteArray &name) const
{
    for (const auto &[k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

QString HttpRequest::bearerToken() const
{
    const QByteArray value = header("Authorization").trimmed();
    if (value.size() < 8 || value.left(7).compare("Bearer ", Qt::CaseInsensitive) != 0)
        return {};
    return QString::fromLatin1(value.mid(7).trimmed());
}

HttpResponse HttpResponse::json(int status, const QJsonObject &object)
{
    HttpResponse r;
    r.status = status;
    r.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return r;
}

HttpResponse HttpResponse::json(int status, QByteArray body)
{
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

HttpResponse HttpResponse::noContent()
{
    HttpResponse r;
    r.status = 204;
    r.contentType.clear();
    return r;
}

HttpResponse HttpResponse::problem(int status, const QString &code, const QString &detail)
{
    HttpResponse r = json(status,
        QJsonObject{{QStringLiteral("type"), QStringLiteral("about:blank")},
            {QStringLiteral("title"), titleFor(status)}, {QStringLiteral("status"), status},
            {QStringLiteral("code"), code}, {QStringLiteral("detail"), detail}});
    r.contentType = "application/problem+json";
    if (status == 401)
        r.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer")));
    return r;
}

HttpResponse HttpResponse::problem(const Error &error)
{
    HttpResponse r = problem(error.httpStatus > 0 ? error.httpStatus : 500, error.code, error.message);
    if (error.retryAfterSecs > 0)
        r.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray::number(error.retryAfterSecs)));
    return r;
}

QList<BodyLimit> TransportLimits::defaultBodyLimits()
{
    return {
        {"POST", QStringLiteral("/api/v1/schools/{id}/decisions"), kDecisionBatchBytes},
        {"POST", QStringLiteral("/api/v1/schools/{id}/director/submissions"), kDirectorSubmissionBytes},
    };
}

qint64 TransportLimits::bodyLimitFor(const QByteArray &method, const QString &path) const
{
    const QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const BodyLimit &limit : bodyLimits) {
        if (limit.method != method)
            continue;
        const QStringList want = limit.pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (want.size() != segments.size())
            continue;
        bool same = true;
        for (qsizetype i = 0; same && i < want.size(); ++i)
            same = want.at(i).startsWith(QLatin1Char('{')) || want.at(i) == segments.at(i);
        if (same)
            return limit.maxBytes;
    }
    return maxBodyBytes;
}

Result<QJsonObject> parseJsonBody(const HttpRequest &request)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("sg::server", text); };
    const QByteArray type = request.header("Content-Type").split(';').first().trimmed().toLower();
    if (type != "application/json")
        return Error{QString::fromLatin1(errc::UnsupportedMediaType), tr("The body must be application/json."), 415};
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &err);
    if (err.error != QJsonParseError::NoError)
        return Error{QString::fromLatin1(errc::MalformedJson),
            tr("The body is not valid JSON: %1 at offset %2.").arg(err.errorString()).arg(err.offset), 400};
    if (!doc.isObject())
        return Error{QString::fromLatin1(errc::MalformedJson), tr("The body must be a JSON object."), 400};
    if (const auto name = duplicateJsonKey(request.body))
        return Error{QString::fromLatin1(errc::MalformedJson),
            tr("The body names \"%1\" twice in one object.").arg(name->left(100)), 400};
    return doc.object();
}

} // namespace sg::server
