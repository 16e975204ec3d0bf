#include "rawhttp.h"

#include "core/protocol.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>

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

QJsonObject RawHttp::previewedReport(const QString &schoolPath, const QString &key, const QString &token)
{
    const auto preview = proto::Report::fromJson(get(schoolPath + QStringLiteral("/reports/preview"), token).json());
    proto::ReportRequest request{key, proto::ReportSnapshot{}};
    if (preview)
        request.snapshot = proto::ReportSnapshot::of(preview.value());
    return request.toJson();
}

HttpAnswer RawHttp::sendReport(const QString &schoolPath, const QString &key, const QString &token)
{
    return postJson(schoolPath + QStringLiteral("/reports"), previewedReport(schoolPath, key, token), token);
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
    // A Russian browser unless the test says otherwise (Qt would send the test locale's "en-US,*").
    request.setRawHeader("Accept-Language", "ru-RU,ru;q=0.9");
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

namespace sg::test {

QByteArray RawAnswer::header(const QByteArray &name) const
{
    for (const auto &[k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

QJsonObject RawAnswer::json() const
{
    return QJsonDocument::fromJson(body).object();
}

RawConnection::RawConnection(quint16 port, const QHostAddress &from)
{
    m_socket.setProxy(QNetworkProxy::NoProxy);
    QObject::connect(&m_socket, &QIODevice::readyRead, &m_socket, [this] { m_buffer += m_socket.readAll(); });
    QObject::connect(&m_socket, &QAbstractSocket::disconnected, &m_socket, [this] { m_closed = true; });
    QObject::connect(&m_socket, &QAbstractSocket::errorOccurred, &m_socket, [this](QAbstractSocket::SocketError) {
        m_buffer += m_socket.readAll();
        m_closed = true;
    });
    if (!from.isNull())
        m_socket.bind(from);
    m_socket.connectToHost(QHostAddress::LocalHost, port);
}

bool RawConnection::waitConnected(int timeoutMs)
{
    return QTest::qWaitFor(
               [this] { return m_socket.state() == QAbstractSocket::ConnectedState || m_closed; }, timeoutMs)
        && !m_closed;
}

void RawConnection::send(const QByteArray &bytes)
{
    if (m_socket.state() == QAbstractSocket::ConnectedState) {
        m_socket.write(bytes);
        m_socket.flush();
    }
}

void RawConnection::trickle(const QByteArray &bytes, int pauseMs, int maxMs)
{
    QElapsedTimer clock;
    clock.start();
    for (const char c : bytes) {
        if (m_closed || clock.elapsed() > maxMs)
            return;
        send(QByteArray(1, c));
        QTest::qWait(pauseMs);
    }
}

std::optional<RawAnswer> RawConnection::takeAnswer()
{
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    const QList<QByteArray> lines = m_buffer.left(end).split('\n');
    RawAnswer a;
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    if (statusLine.size() < 2)
        return std::nullopt;
    a.status = statusLine.at(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            a.headers.append({lines.at(i).left(colon).trimmed(), lines.at(i).mid(colon + 1).trimmed()});
    }
    const qsizetype bodyStart = end + 4;
    qsizetype length = 0;
    if (a.status >= 200 && a.status != 204 && a.status != 304) {
        const QByteArray cl = a.header("Content-Length");
        if (cl.isEmpty()) {
            if (!m_closed)
                return std::nullopt; // the body runs to the end of the connection
            length = m_buffer.size() - bodyStart;
        } else {
            length = cl.toLongLong();
        }
    }
    if (m_buffer.size() < bodyStart + length)
        return std::nullopt;
    a.body = m_buffer.mid(bodyStart, length);
    m_buffer.remove(0, bodyStart + length);
    return a;
}

std::optional<RawAnswer> RawConnection::readAnswer(int timeoutMs)
{
    std::optional<RawAnswer> answer;
    [[maybe_unused]] const bool done = QTest::qWaitFor(
        [&] {
            answer = takeAnswer();
            return answer.has_value() || m_closed;
        },
        timeoutMs);
    if (!answer)
        answer = takeAnswer();
    return answer;
}

bool RawConnection::waitClosed(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_closed; }, timeoutMs);
}

} // namespace sg::test
