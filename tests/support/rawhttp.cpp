#include "rawhttp.h"

#include <QJsonDocument>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>

#include <memory>

namespace sg::test {

QByteArray HttpAnswer::header(const QByteArray &name) const
{
    for (const auto &[k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

bool HttpAnswer::isJsonObject() const
{
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    return pe.error == QJsonParseError::NoError && doc.isObject();
}

QJsonObject HttpAnswer::json() const
{
    return QJsonDocument::fromJson(body).object();
}

RawHttp::RawHttp(QUrl baseUrl)
    : m_base(std::move(baseUrl))
{
    m_network.setProxy(QNetworkProxy::NoProxy);
}

RawHttp::Headers RawHttp::bearer(const QString &token)
{
    if (token.isEmpty())
        return {};
    return {{QByteArray("Authorization"), QByteArray("Bearer ") + token.toLatin1()}};
}

HttpAnswer RawHttp::send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
    const Headers &headers, int timeoutMs)
{
    QUrl url = m_base;
    const qsizetype q = pathAndQuery.indexOf(QLatin1Char('?'));
    url.setPath(q < 0 ? pathAndQuery : pathAndQuery.left(q));
    if (q >= 0)
        url.setQuery(pathAndQuery.mid(q + 1));
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto &[k, v] : headers)
        request.setRawHeader(k, v);

    std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, method, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    HttpAnswer answer;
    // QSignalSpy::wait runs a real event loop: the in-process server answers without polling delays.
    if (!reply->isFinished() && !finished.wait(timeoutMs)) {
        reply->abort();
        answer.networkError = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
        return answer;
    }
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.contentType = reply->rawHeader("Content-Type");
    answer.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        answer.headers.append({pair.first, pair.second});
    if (reply->error() != QNetworkReply::NoError)
        answer.networkError = reply->errorString();
    return answer;
}

HttpAnswer RawHttp::get(const QString &pathAndQuery, const QString &token)
{
    return send("GET", pathAndQuery, {}, bearer(token));
}

HttpAnswer RawHttp::postJson(const QString &pathAndQuery, const QJsonObject &body, const QString &token)
{
    Headers h = bearer(token);
    h.append({QByteArray("Content-Type"), QByteArray("application/json")});
    return send("POST", pathAndQuery, QJsonDocument(body).toJson(QJsonDocument::Compact), h);
}

HttpAnswer RawHttp::del(const QString &pathAndQuery, const QString &token)
{
    return send("DELETE", pathAndQuery, {}, bearer(token));
}

} // namespace sg::test
