#include "core/directorprotocol.h"
#include "core/errorcodes.h"
#include "core/protocol.h"
#include "rawhttp.h"
#include "server/httpmessage.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <memory>
#include <vector>

using sg::server::TransportLimits;
using sg::test::RawAnswer;
using sg::test::RawConnection;
using sg::test::RawHttp;
using sg::test::TestServer;

// Transport hardening of the server's HTTP front end over raw TCP against a real server on 127.0.0.1:0: a
// catalogue of hostile requests (each must end in its 4xx or a closed connection, never a 5xx, a crash or a
// hang), then each limit on its own: header size and field count, body size per route, header, body and idle
// timeouts, connection caps, Connection: close, HTTP/1.0, Expect: 100-continue and pipelining.
namespace {

// Expectations that are not one status.
constexpr int kClosed = -1; // the server closes the connection (after a 4xx answer or without one)
constexpr int kAny4xx = -4; // some 4xx answer

// How a row's bytes travel.
enum class Mode { Send, Trickle, Silent, Flood };

QString errc(const char *code)
{
    return QString::fromLatin1(code);
}

QString describe(const std::optional<RawAnswer> &a)
{
    if (!a)
        return QStringLiteral("no answer");
    return QStringLiteral("HTTP %1 %2").arg(a->status).arg(QString::fromUtf8(a->body.left(300)));
}

} // namespace

Q_DECLARE_METATYPE(Mode)

class TestTransport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void catalogue_data();
    void catalogue();
    void serverStillAnswersAfterCatalogue();

    void headerSize_data();
    void headerSize();
    void headerFieldCount_data();
    void headerFieldCount();
    void bodyLimitPerRoute_data();
    void bodyLimitPerRoute();
    void bodyLimitsCoverWhatRoutesNeed();
    void headerTimeout();
    void bodyTimeout();
    void idleTimeout();
    void silentConnectionTimesOut();
    void connectionCloseHonoured_data();
    void connectionCloseHonoured();
    void expectContinue();
    void expectContinueTooLarge_data();
    void expectContinueTooLarge();
    void pipeliningRefused();
    void healthFastPathMixesWithRoutes();
    void connectionCaps();

private:
    QByteArray request(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
        const QByteArray &extraHeaders = {}, const QByteArray &contentType = "application/json",
        bool withToken = true) const;
    QByteArray schoolPath(const QByteArray &tail, qint64 schoolId = 0) const;
    TransportLimits testLimits() const;
    // Opens a connection and sends bytes; the answer that follows (100 Continue skipped).
    std::optional<RawAnswer> exchange(RawConnection &c, const QByteArray &bytes, int timeoutMs = 5000);

    std::unique_ptr<TestServer> m_server;
    QByteArray m_token;
    qint64 m_memberId = 0;
    qint64 m_memberVersion = 0;
    QByteArray m_usedKey;
};

TransportLimits TestTransport::testLimits() const
{
    TransportLimits l;
    l.headerTimeoutMs = 1500;
    l.bodyTimeoutMs = 1500;
    l.idleTimeoutMs = 2000;
    l.lingerMs = 200;
    l.maxConnections = 24;
    l.maxConnectionsPerAddress = 8;
    return l;
}

void TestTransport::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->isValid(), qPrintable(m_server->errorString()));
    m_server->server().setTransportLimits(testLimits());

    RawHttp http(m_server->url());
    const auto signIn = http.postJson(QStringLiteral("/api/v1/session"),
        {{QStringLiteral("login"), QStringLiteral("demo-school")},
            {QStringLiteral("password"), TestServer::kPassword}});
    QCOMPARE(signIn.status, 201);
    m_token = signIn.json().value(QStringLiteral("token")).toString().toLatin1();
    QVERIFY(!m_token.isEmpty());

    const auto members =
        http.get(QStringLiteral("/api/v1/schools/%1/members?role=student").arg(m_server->demo().schoolId),
            QString::fromLatin1(m_token));
    QCOMPARE(members.status, 200);
    const QJsonArray items = members.json().value(QStringLiteral("items")).toArray();
    QVERIFY(items.size() > 10);
    for (const auto &v : items) {
        const QJsonObject m = v.toObject();
        if (m.value(QStringLiteral("status")).toString() == QLatin1String("pending")) {
            m_memberId = m.value(QStringLiteral("id")).toInteger();
            m_memberVersion = m.value(QStringLiteral("version")).toInteger();
            break;
        }
    }
    QVERIFY(m_memberId > 0);

    // A key used once: sending it again with another body is idempotency misuse.
    m_usedKey = "transport-key-0001";
    const QJsonObject first{{QStringLiteral("items"),
        QJsonArray{QJsonObject{{QStringLiteral("key"), QString::fromLatin1(m_usedKey)},
            {QStringLiteral("memberId"), m_memberId}, {QStringLiteral("verdict"), QStringLiteral("approve")},
            {QStringLiteral("baseVersion"), m_memberVersion}}}}};
    const auto decided = http.postJson(QStringLiteral("/api/v1/schools/%1/decisions").arg(m_server->demo().schoolId),
        first, QString::fromLatin1(m_token));
    QCOMPARE(decided.status, 200);
}

void TestTransport::init()
{
    m_server->server().setTransportLimits(testLimits());
}

QByteArray TestTransport::schoolPath(const QByteArray &tail, qint64 schoolId) const
{
    return "/api/v1/schools/" + QByteArray::number(schoolId ? schoolId : m_server->demo().schoolId) + tail;
}

QByteArray TestTransport::request(const QByteArray &method, const QByteArray &target, const QByteArray &body,
    const QByteArray &extraHeaders, const QByteArray &contentType, bool withToken) const
{
    QByteArray r = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (withToken)
        r += "Authorization: Bearer " + m_token + "\r\n";
    if (!body.isEmpty() || method == "POST" || method == "PUT") {
        if (!contentType.isEmpty())
            r += "Content-Type: " + contentType + "\r\n";
        r += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    return r + extraHeaders + "\r\n" + body;
}

std::optional<RawAnswer> TestTransport::exchange(RawConnection &c, const QByteArray &bytes, int timeoutMs)
{
    c.send(bytes);
    auto a = c.readAnswer(timeoutMs);
    while (a && a->status == 100)
        a = c.readAnswer(timeoutMs);
    return a;
}

namespace {

QByteArray decisionsBody(const QJsonArray &items)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("items"), items}}).toJson(QJsonDocument::Compact);
}

QJsonObject decision(const QString &key, const QJsonValue &memberId, const QJsonValue &verdict,
    const QJsonValue &baseVersion, const QJsonValue &reason = QJsonValue::Undefined)
{
    QJsonObject o{{QStringLiteral("key"), key}, {QStringLiteral("memberId"), memberId},
        {QStringLiteral("verdict"), verdict}, {QStringLiteral("baseVersion"), baseVersion}};
    if (!reason.isUndefined())
        o.insert(QStringLiteral("reason"), reason);
    return o;
}

} // namespace

void TestTransport::catalogue_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<int>("expected");
    QTest::addColumn<QString>("code");

    const QByteArray H = "Host: 127.0.0.1\r\n";
    const QString bad = errc(sg::errc::BadRequest);
    const QString none;
    const auto send = [](const char *name, const QByteArray &bytes, int expected, const QString &code) {
        QTest::newRow(name) << bytes << Mode::Send << expected << code;
    };
    const QByteArray members = schoolPath("/members");
    const QByteArray decisions = schoolPath("/decisions");
    const QByteArray login = "/api/v1/session";
    const QByteArray validLogin = R"({"login":"nobody-transport","password":"whatever password 1"})";
    const QString mid = QString::number(m_memberId);

    // --- Framing: request line and version.
    send("empty lines only", "\r\n\r\n\r\n\r\n\r\n\r\n", 400, bad);
    send("TLS hello on plain port", QByteArray("\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03", 11), 400, bad);
    send("two spaces in request line", "GET  /api/v1/health HTTP/1.1\r\n" + H + "\r\n", 400, bad);
    send("no version", "GET /api/v1/health\r\n" + H + "\r\n", 400, bad);
    send("HTTP/0.9 request", "GET /api/v1/health\r\n\r\n", 400, bad);
    send("lower-case method", "get /api/v1/health HTTP/1.1\r\n" + H + "\r\n", 400, bad);
    send("unknown method", "BREW /api/v1/health HTTP/1.1\r\n" + H + "\r\n", 400, bad);
    send("CONNECT", "CONNECT 127.0.0.1:443 HTTP/1.1\r\n" + H + "\r\n", 400, bad);
    send("TRACE", "TRACE /api/v1/health HTTP/1.1\r\n" + H + "\r\n", 400, bad);
    send("absolute-form target", "GET http://127.0.0.1/api/v1/health HTTP/1.1\r\n" + H + "\r\n", 400, bad);
    send("asterisk target", "OPTIONS * HTTP/1.1\r\n" + H + "\r\n", 400, bad);
    send("HTTP/2.0", "GET /api/v1/health HTTP/2.0\r\n" + H + "\r\n", 400, bad);
    send("HTTP/1.2", "GET /api/v1/health HTTP/1.2\r\n" + H + "\r\n", 400, bad);
    send("lower-case version", "GET /api/v1/health http/1.1\r\n" + H + "\r\n", 400, bad);
    send("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400, bad);
    send("space inside target", "GET /api/v1/health x HTTP/1.1\r\n" + H + "\r\n", 400, bad);
    send("NUL in target", QByteArray("GET /api/v1/he\0alth HTTP/1.1\r\n", 30) + H + "\r\n", 400, bad);
    send("raw UTF-8 in target", "GET /api/v1/\xd1\x88\xd0\xba HTTP/1.1\r\n" + H + "\r\n", 400, bad);
    send("quote in target", "GET /api/v1/health?x=\"y\" HTTP/1.1\r\n" + H + "\r\n", 400, bad);
    send("braces in target", "GET /api/v1/schools/{id}/members HTTP/1.1\r\n" + H + "\r\n", 400, bad);
    send("backslash in target", "GET /api/v1\\health HTTP/1.1\r\n" + H + "\r\n", 400, bad);
    send("broken percent-escape", "GET /api/v1/health%zz HTTP/1.1\r\n" + H + "\r\n", 400, bad);
    send("truncated percent-escape", "GET /api/v1/health% HTTP/1.1\r\n" + H + "\r\n", 400, bad);
    send("fragment in target", "GET /api/v1/health#top HTTP/1.1\r\n" + H + "\r\n", 400, bad);
    send("percent-encoded NUL in path", request("GET", "/api/v1/schools/%00/members"), 404, errc(sg::errc::NotFound));
    send("dot segments in path", request("GET", "/api/v1/../v1/health"), 404, errc(sg::errc::NotFound));

    // --- Framing: header fields and line ends.
    send("missing Host", "GET /api/v1/health HTTP/1.1\r\n\r\n", 400, bad);
    send("two Host fields", "GET /api/v1/health HTTP/1.1\r\n" + H + H + "\r\n", 400, bad);
    send("bare LF line ends", "GET /api/v1/health HTTP/1.1\nHost: 127.0.0.1\n\n", 400, bad);
    send("bare CR line ends", "GET /api/v1/health HTTP/1.1\rHost: 127.0.0.1\r\r", 400, bad);
    send("LF injected in a value", "GET /api/v1/health HTTP/1.1\r\n" + H + "X-A: b\nX-Injected: c\r\n\r\n", 400, bad);
    send("CR injected in a value", "GET /api/v1/health HTTP/1.1\r\n" + H + "X-A: b\rSet-Cookie: c\r\n\r\n", 400, bad);
    send("NUL in a value", QByteArray("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: b\0c\r\n\r\n", 56), 400,
        bad);
    send("control character in a value", "GET /api/v1/health HTTP/1.1\r\n" + H + "X-A: b\x01\x02\r\n\r\n", 400, bad);
    send("folded header", "GET /api/v1/health HTTP/1.1\r\n" + H + "X-A: b\r\n  continued\r\n\r\n", 400, bad);
    send("space before colon", "GET /api/v1/health HTTP/1.1\r\nHost : 127.0.0.1\r\n\r\n", 400, bad);
    send("field without colon", "GET /api/v1/health HTTP/1.1\r\n" + H + "NoColonHere\r\n\r\n", 400, bad);
    send("empty field name", "GET /api/v1/health HTTP/1.1\r\n" + H + ": value\r\n\r\n", 400, bad);
    send("two Authorization fields",
        request("GET", members, {}, "Authorization: Bearer someone-else\r\n", "application/json"), 400, bad);
    send("Upgrade to websocket",
        "GET /api/v1/health HTTP/1.1\r\n" + H
            + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
        400, bad);
    send("over-long header field",
        "GET /api/v1/health HTTP/1.1\r\n" + H + "X-Pad: " + QByteArray(17 * 1024, 'a') + "\r\n\r\n", 431,
        errc(sg::errc::HeaderTooLarge));
    send("over-long request line", "GET /api/v1/health?" + QByteArray(20 * 1024, 'a') + " HTTP/1.1\r\n" + H + "\r\n",
        431, errc(sg::errc::HeaderTooLarge));
    {
        QByteArray many = "GET /api/v1/health HTTP/1.1\r\n" + H;
        for (int i = 0; i < 150; ++i)
            many += "X-F" + QByteArray::number(i) + ": v\r\n";
        send("too many header fields", many + "\r\n", 431, errc(sg::errc::HeaderTooLarge));
    }
    send("header that never ends", "GET /api/v1/health HTTP/1.1\r\n" + H + QByteArray(20 * 1024, 'x'), 431,
        errc(sg::errc::HeaderTooLarge));

    // --- Framing: body length.
    const QByteArray post = "POST /api/v1/session HTTP/1.1\r\n" + H + "Content-Type: application/json\r\n";
    send("duplicate equal Content-Length", post + "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}", 400, bad);
    send("conflicting Content-Length", post + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{} ", 400, bad);
    send("Content-Length list", post + "Content-Length: 2, 2\r\n\r\n{}", 400, bad);
    send("negative Content-Length", post + "Content-Length: -1\r\n\r\n{}", 400, bad);
    send("hexadecimal Content-Length", post + "Content-Length: 0x2\r\n\r\n{}", 400, bad);
    send("signed Content-Length", post + "Content-Length: +2\r\n\r\n{}", 400, bad);
    send("empty Content-Length", post + "Content-Length:\r\n\r\n{}", 400, bad);
    send("Content-Length beyond 64 bits", post + "Content-Length: 99999999999999999999999\r\n\r\n", 413,
        errc(sg::errc::PayloadTooLarge));
    send("Content-Length larger than the body", post + "Content-Length: 100\r\n\r\n{}", 408,
        errc(sg::errc::RequestTimeout));
    send("Content-Length smaller than the body", post + "Content-Length: 2\r\n\r\n" + validLogin, 400, bad);
    send("chunked body", post + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", 411,
        errc(sg::errc::LengthRequired));
    send("chunked and Content-Length",
        post + "Transfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n2\r\n{}\r\n0\r\n\r\n", 400, bad);
    send("chunk size overflow", post + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n{}\r\n", 411,
        errc(sg::errc::LengthRequired));
    send("gzip, chunked", post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 411,
        errc(sg::errc::LengthRequired));
    const qint64 smallLimit = TransportLimits().maxBodyBytes;
    send("body over the limit of the sign-in route",
        post + "Content-Length: " + QByteArray::number(smallLimit + 1) + "\r\n\r\n" + QByteArray(smallLimit + 1, ' '),
        413, errc(sg::errc::PayloadTooLarge));
    send("unknown expectation", post + "Expect: 200-ok\r\nContent-Length: 2\r\n\r\n{}", 417,
        errc(sg::errc::ExpectationFailed));
    send("Expect 100-continue with too large a body",
        "POST " + decisions + " HTTP/1.1\r\n" + H + "Authorization: Bearer " + m_token
            + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: "
            + QByteArray::number(TransportLimits::kDecisionBatchBytes + 1) + "\r\n\r\n",
        413, errc(sg::errc::PayloadTooLarge));
    send("pipelined requests", request("GET", "/api/v1/health") + request("GET", "/api/v1/health"), 400, bad);

    // --- Content types.
    const QString unsupported = errc(sg::errc::UnsupportedMediaType);
    send("no Content-Type", request("POST", login, validLogin, {}, {}, false), 415, unsupported);
    send("text/plain", request("POST", login, validLogin, {}, "text/plain", false), 415, unsupported);
    send("form-urlencoded",
        request("POST", login, "login=a&password=b", {}, "application/x-www-form-urlencoded", false), 415, unsupported);
    send("multipart", request("POST", login, "--x\r\n\r\n--x--", {}, "multipart/form-data; boundary=x", false), 415,
        unsupported);
    send("two Content-Type fields",
        request("POST", login, validLogin, "Content-Type: text/plain\r\n", "application/json", false), 400, bad);

    // --- JSON syntax and nesting.
    const QString malformed = errc(sg::errc::MalformedJson);
    send("truncated JSON", request("POST", login, R"({"login":"a")", {}, "application/json", false), 400, malformed);
    send("JSON array", request("POST", login, "[]", {}, "application/json", false), 400, malformed);
    send("JSON string", request("POST", login, R"("x")", {}, "application/json", false), 400, malformed);
    send("empty JSON body", request("POST", login, {}, {}, "application/json", false), 400, malformed);
    send("trailing garbage", request("POST", login, validLogin + " x", {}, "application/json", false), 400, malformed);
    send("invalid UTF-8 in JSON",
        request(
            "POST", login, "{\"login\":\"\xff\xfe\",\"password\":\"x\"}", {}, "application/json; charset=utf-8", false),
        400, malformed);
    send("NaN literal", request("POST", login, R"({"login":NaN})", {}, "application/json", false), 400, malformed);
    send("nesting 10000 deep",
        request("POST", login, QByteArray(10000, '[') + QByteArray(10000, ']'), {}, "application/json", false), 400,
        malformed);
    {
        QByteArray nested = "1";
        for (int i = 0; i < 200; ++i)
            nested = "{\"a\":" + nested + "}";
        send("object nested 200 deep",
            request("POST", login, "{\"login\":" + nested + ",\"password\":\"x\"}", {}, "application/json", false), 422,
            errc(sg::errc::ValidationFailed));
    }

    // --- Wrong types and ranges (a decision batch of the school).
    const QString invalid = errc(sg::errc::ValidationFailed);
    const auto decide = [&](const char *name, const QJsonArray &items, int status, const QString &code) {
        send(name, request("POST", decisions, decisionsBody(items)), status, code);
    };
    send("items is not an array", request("POST", decisions, R"({"items":{}})"), 422, invalid);
    decide("memberId as a string",
        {decision(QStringLiteral("transport-k1"), mid, QStringLiteral("approve"), m_memberVersion)}, 422, invalid);
    decide("negative memberId",
        {decision(QStringLiteral("transport-k2"), -5, QStringLiteral("approve"), m_memberVersion)}, 422, invalid);
    decide("memberId 1e300", {decision(QStringLiteral("transport-k3"), 1e300, QStringLiteral("approve"), 1)}, 422,
        invalid);
    decide("fractional memberId", {decision(QStringLiteral("transport-k4"), 1.5, QStringLiteral("approve"), 1)}, 422,
        invalid);
    decide("unknown verdict", {decision(QStringLiteral("transport-k5"), m_memberId, QStringLiteral("maybe"), 1)}, 422,
        invalid);
    decide("key too short", {decision(QStringLiteral("k"), m_memberId, QStringLiteral("approve"), 1)}, 422, invalid);
    decide("reason of 600 characters",
        {decision(QStringLiteral("transport-k6"), m_memberId, QStringLiteral("reject"), 1, QString(600, u'ж'))}, 422,
        invalid);
    decide("baseVersion 0", {decision(QStringLiteral("transport-k7"), m_memberId, QStringLiteral("approve"), 0)}, 422,
        invalid);
    {
        QJsonObject extra = decision(QStringLiteral("transport-k8"), m_memberId, QStringLiteral("approve"), 1);
        extra.insert(QStringLiteral("admin"), true);
        decide("unknown field in an item", {extra}, 422, errc(sg::errc::UnknownField));
    }
    decide("empty batch", {}, 422, invalid);
    {
        QJsonArray huge;
        for (int i = 0; i < sg::proto::kMaxBatchItems + 1; ++i)
            huge.append(decision(QStringLiteral("transport-h%1").arg(i), m_memberId, QStringLiteral("approve"), 1));
        decide("batch of 10001 items", huge, 413, errc(sg::errc::BatchTooLarge));
    }

    // --- Identifiers in paths.
    const QString notFound = errc(sg::errc::NotFound);
    send("negative school id", request("GET", "/api/v1/schools/-1/members"), 404, notFound);
    send("huge school id", request("GET", "/api/v1/schools/99999999999999999999999/members"), 404, notFound);
    send("non-numeric school id", request("GET", "/api/v1/schools/abc/members"), 404, notFound);
    send("exponent school id", request("GET", "/api/v1/schools/1e3/members"), 404, notFound);
    send("school id with a suffix", request("GET", schoolPath("x/members")), 404, notFound);
    send("non-numeric report id", request("GET", schoolPath("/reports/xyz")), 404, notFound);
    send("another school's members", request("GET", schoolPath("/members", m_server->demo().lyceumId)), 404, notFound);
    send("decisions in another school",
        request("POST", schoolPath("/decisions", m_server->demo().lyceumId),
            decisionsBody({decision(QStringLiteral("transport-k9"), m_memberId, QStringLiteral("approve"), 1)})),
        404, notFound);

    // --- Idempotency misuse.
    decide("same key, another body",
        {decision(QString::fromLatin1(m_usedKey), m_memberId, QStringLiteral("reject"), m_memberVersion,
            QStringLiteral("changed my mind"))},
        422, errc(sg::errc::IdempotencyMismatch));
    decide("same key twice in a batch",
        {decision(QStringLiteral("transport-dup1"), m_memberId, QStringLiteral("approve"), 1),
            decision(QStringLiteral("transport-dup1"), m_memberId, QStringLiteral("reject"), 1, QStringLiteral("x"))},
        422, QString());

    // --- Authentication and methods.
    send("no token", request("GET", members, {}, {}, {}, false), 401, errc(sg::errc::Unauthenticated));
    send("garbage token", request("GET", members, {}, "Authorization: Bearer AAAA\r\n", {}, false), 401,
        errc(sg::errc::Unauthenticated));
    send("DELETE on health", request("DELETE", "/api/v1/health"), 405, errc(sg::errc::MethodNotAllowed));
    send("PATCH on /me", request("PATCH", "/api/v1/me", "{}"), 405, errc(sg::errc::MethodNotAllowed));

    // --- Slow and greedy clients.
    QTest::newRow("header trickled past the timeout")
        << QByteArray("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + QByteArray(200, 's') + "\r\n\r\n")
        << Mode::Trickle << 408 << errc(sg::errc::RequestTimeout);
    QTest::newRow("body stalled") << QByteArray(post + "Content-Length: 50\r\n\r\n{\"login\":") << Mode::Send << 408
                                  << errc(sg::errc::RequestTimeout);
    QTest::newRow("connection that never speaks") << QByteArray() << Mode::Silent << kClosed << none;
    QTest::newRow("one connection too many")
        << request("GET", "/api/v1/health") << Mode::Flood << 503 << errc(sg::errc::Unavailable);
}

void TestTransport::catalogue()
{
    QFETCH(QByteArray, bytes);
    QFETCH(Mode, mode);
    QFETCH(int, expected);
    QFETCH(QString, code);

    const quint16 port = m_server->server().port();
    std::vector<std::unique_ptr<RawConnection>> held;
    if (mode == Mode::Flood) {
        // Leftovers of earlier rows first go (idle timeout), then the address fills its quota.
        QTRY_COMPARE_WITH_TIMEOUT(m_server->server().openConnections(), 0, 6000);
        const int quota = m_server->server().transportLimits().maxConnectionsPerAddress;
        for (int i = 0; i < quota; ++i) {
            held.push_back(std::make_unique<RawConnection>(port));
            QVERIFY(held.back()->waitConnected());
        }
        QTRY_COMPARE(m_server->server().openConnections(), quota);
    }

    QElapsedTimer clock;
    clock.start();
    RawConnection c(port);
    QVERIFY(c.waitConnected());
    std::optional<RawAnswer> answer;
    switch (mode) {
    case Mode::Send:
    case Mode::Flood: answer = exchange(c, bytes); break;
    case Mode::Trickle:
        c.trickle(bytes, 40, 8000);
        answer = c.readAnswer(3000);
        break;
    case Mode::Silent: break;
    }

    if (expected == kClosed) {
        QVERIFY2(c.waitClosed(5000), "the server kept the connection open");
        QVERIFY2(!answer || (answer->status >= 400 && answer->status < 500), qPrintable(describe(answer)));
    } else {
        QVERIFY2(answer.has_value(),
            qPrintable(QStringLiteral("no answer within the timeout (%1 ms)").arg(clock.elapsed())));
        if (expected == kAny4xx)
            QVERIFY2(answer->status >= 400 && answer->status < 500, qPrintable(describe(answer)));
        else
            QVERIFY2(answer->status == expected, qPrintable(describe(answer)));
        if (expected != 503)
            QVERIFY2(answer->status < 500, qPrintable(describe(answer)));
        if (!code.isEmpty()) {
            QVERIFY2(
                answer->header("Content-Type").startsWith("application/problem+json"), qPrintable(describe(answer)));
            QCOMPARE(answer->code(), code);
        }
        if (expected == 503)
            QVERIFY(answer->header("Retry-After").toInt() > 0);
        static const QStringList transportCodes{errc(sg::errc::BadRequest), errc(sg::errc::HeaderTooLarge),
            errc(sg::errc::LengthRequired), errc(sg::errc::PayloadTooLarge), errc(sg::errc::RequestTimeout),
            errc(sg::errc::ExpectationFailed), errc(sg::errc::Unavailable)};
        if (transportCodes.contains(answer->code())) {
            // A refused frame: the connection cannot be trusted any more and is closed.
            QCOMPARE(answer->header("Connection"), QByteArray("close"));
            QVERIFY2(c.waitClosed(5000), "a refused connection stayed open");
        }
    }
    QVERIFY2(clock.elapsed() < 10000, "the row took too long");
    if (mode == Mode::Flood) {
        held.clear();
        QTRY_VERIFY(
            m_server->server().openConnections() < m_server->server().transportLimits().maxConnectionsPerAddress);
    }
}

void TestTransport::serverStillAnswersAfterCatalogue()
{
    RawConnection c(m_server->server().port());
    QVERIFY(c.waitConnected());
    const auto a = exchange(c, request("GET", "/api/v1/health", {}, {}, {}, false));
    QVERIFY2(a && a->status == 200, qPrintable(describe(a)));
    QCOMPARE(a->json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
}

void TestTransport::headerSize_data()
{
    QTest::addColumn<int>("padding");
    QTest::addColumn<int>("expected");
    // The request line and Host take 47 bytes, the empty line 2, "X-Pad: " and its CRLF 9.
    const int fixed = int(QByteArray("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n").size()) + 2 + 9;
    QTest::newRow("exactly 16 KiB") << 16 * 1024 - fixed << 200;
    QTest::newRow("16 KiB + 1") << 16 * 1024 - fixed + 1 << 431;
    QTest::newRow("1 MiB") << 1024 * 1024 << 431;
}

void TestTransport::headerSize()
{
    QFETCH(int, padding);
    QFETCH(int, expected);
    RawConnection c(m_server->server().port());
    QVERIFY(c.waitConnected());
    const auto a = exchange(
        c, "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " + QByteArray(padding, 'p') + "\r\n\r\n");
    QVERIFY2(a && a->status == expected, qPrintable(describe(a)));
}

void TestTransport::headerFieldCount_data()
{
    QTest::addColumn<int>("fields");
    QTest::addColumn<int>("expected");
    QTest::newRow("100 fields") << 100 << 200;
    QTest::newRow("101 fields") << 101 << 431;
}

void TestTransport::headerFieldCount()
{
    QFETCH(int, fields);
    QFETCH(int, expected);
    QByteArray r = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (int i = 1; i < fields; ++i)
        r += "X-F" + QByteArray::number(i) + ": v\r\n";
    RawConnection c(m_server->server().port());
    QVERIFY(c.waitConnected());
    const auto a = exchange(c, r + "\r\n");
    QVERIFY2(a && a->status == expected, qPrintable(describe(a)));
}

void TestTransport::bodyLimitPerRoute_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<bool>("tooLarge");
    const qint64 small = TransportLimits().maxBodyBytes; // 256 KiB
    QCOMPARE(small, qint64(256 * 1024));
    QTest::newRow("sign-in at the limit") << QByteArray("/api/v1/session") << small << false;
    QTest::newRow("sign-in over the limit") << QByteArray("/api/v1/session") << small + 1 << true;
    QTest::newRow("graduations over the limit") << schoolPath("/graduations") << small + 1 << true;
    QTest::newRow("decisions at 1 MiB") << schoolPath("/decisions") << qint64(1024 * 1024) << false;
    QTest::newRow("decisions at 16 MiB") << schoolPath("/decisions") << TransportLimits::kDecisionBatchBytes << false;
    QTest::newRow("decisions over 16 MiB")
        << schoolPath("/decisions") << TransportLimits::kDecisionBatchBytes + 1 << true;
    QTest::newRow("director submission at 8 MiB")
        << schoolPath("/director/submissions") << TransportLimits::kDirectorSubmissionBytes << false;
    QTest::newRow("director submission over 8 MiB")
        << schoolPath("/director/submissions") << TransportLimits::kDirectorSubmissionBytes + 1 << true;
}

void TestTransport::bodyLimitPerRoute()
{
    QFETCH(QByteArray, path);
    QFETCH(qint64, size);
    QFETCH(bool, tooLarge);
    // A JSON object padded with spaces: within the limit the route reads it and answers with its own 4xx.
    QByteArray body = "{}";
    body += QByteArray(size - body.size(), ' ');
    RawConnection c(m_server->server().port());
    QVERIFY(c.waitConnected());
    const auto a = exchange(c, request("POST", path, body), 20000);
    QVERIFY2(a.has_value(), "no answer");
    QVERIFY2(a->status < 500, qPrintable(describe(a)));
    if (tooLarge) {
        QCOMPARE(a->status, 413);
        QCOMPARE(a->code(), errc(sg::errc::PayloadTooLarge));
    } else {
        QVERIFY2(a->status != 413, qPrintable(describe(a)));
        QVERIFY2(a->status >= 400, qPrintable(describe(a))); // "{}" is not a valid body of any of these routes
    }
}

// The limits leave room for what the routes accept: a full batch of decisions with long Cyrillic reasons, and
// the largest order file in base64 with the director's data.
void TestTransport::bodyLimitsCoverWhatRoutesNeed()
{
    QJsonArray items;
    const QString reason(sg::proto::kMaxReasonLength, u'ё');
    for (int i = 0; i < sg::proto::kMaxBatchItems; ++i)
        items.append(decision(QStringLiteral("k").repeated(sg::proto::kMaxKeyLength - 6)
                + QStringLiteral("%1").arg(i, 6, 10, QLatin1Char('0')),
            qint64(1) << 52, QStringLiteral("reject"), qint64(1) << 52, reason));
    const qint64 batchBytes = decisionsBody(items).size();
    QVERIFY2(batchBytes <= TransportLimits::kDecisionBatchBytes, qPrintable(QString::number(batchBytes)));

    const TransportLimits limits;
    QCOMPARE(limits.bodyLimitFor("POST", QStringLiteral("/api/v1/schools/7/decisions")),
        TransportLimits::kDecisionBatchBytes);
    QCOMPARE(limits.bodyLimitFor("POST", QStringLiteral("/api/v1/schools/7/director/submissions")),
        TransportLimits::kDirectorSubmissionBytes);
    QCOMPARE(limits.bodyLimitFor("GET", QStringLiteral("/api/v1/schools/7/decisions")), limits.maxBodyBytes);
    QCOMPARE(limits.bodyLimitFor("POST", QStringLiteral("/api/v1/session")), limits.maxBodyBytes);
    const qint64 orderBase64 = (sg::proto::kMaxOrderBytes + 2) / 3 * 4;
    QVERIFY(orderBase64 + 256 * 1024 <= TransportLimits::kDirectorSubmissionBytes);
}

void TestTransport::headerTimeout()
{
    auto limits = testLimits();
    limits.headerTimeoutMs = 800;
    m_server->server().setTransportLimits(limits);
    RawConnection c(m_server->server().port());
    QVERIFY(c.waitConnected());
    QElapsedTimer clock;
    clock.start();
    c.trickle(
        "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + QByteArray(500, 's') + "\r\n\r\n", 20, 5000);
    const auto a = c.readAnswer(3000);
    QVERIFY2(a && a->status == 408, qPrintable(describe(a)));
    QVERIFY(c.waitClosed(3000));
    QVERIFY2(clock.elapsed() >= 700 && clock.elapsed() < 4000, qPrintable(QString::number(clock.elapsed())));
}

void TestTransport::bodyTimeout()
{
    auto limits = testLimits();
    limits.bodyTimeoutMs = 700;
    m_server->server().setTransportLimits(limits);
    RawConnection c(m_server->server().port());
    QVERIFY(c.waitConnected());
    QElapsedTimer clock;
    clock.start();
    // A body that comes, but too slowly: a byte every 50 ms of 100.
    c.send(request("POST", "/api/v1/session", {}, {}, {}, false).replace("Content-Length: 0", "Content-Length: 100"));
    c.trickle(QByteArray(100, ' '), 50, 4000);
    const auto a = c.readAnswer(3000);
    QVERIFY2(a && a->status == 408, qPrintable(describe(a)));
    QCOMPARE(a->code(), errc(sg::errc::RequestTimeout));
    QVERIFY(c.waitClosed(3000));
    QVERIFY2(clock.elapsed() >= 600, qPrintable(QString::number(clock.elapsed())));
}

void TestTransport::idleTimeout()
{
    auto limits = testLimits();
    limits.idleTimeoutMs = 700;
    m_server->server().setTransportLimits(limits);
    RawConnection c(m_server->server().port());
    QVERIFY(c.waitConnected());
    const auto a = exchange(c, request("GET", "/api/v1/health"));
    QVERIFY2(a && a->status == 200, qPrintable(describe(a)));
    QElapsedTimer clock;
    clock.start();
    QVERIFY2(!c.waitClosed(400), "closed before the idle timeout");
    QVERIFY(c.waitClosed(3000));
    QVERIFY2(clock.elapsed() >= 600 && clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
}

void TestTransport::silentConnectionTimesOut()
{
    auto limits = testLimits();
    limits.headerTimeoutMs = 600;
    m_server->server().setTransportLimits(limits);
    RawConnection c(m_server->server().port());
    QVERIFY(c.waitConnected());
    QVERIFY2(!c.waitClosed(300), "closed before the timeout");
    QVERIFY(c.waitClosed(3000));
    QTRY_COMPARE(m_server->server().openConnections(), 0);
}

void TestTransport::connectionCloseHonoured_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("closes");
    QTest::newRow("HTTP/1.1 keep-alive") << request("GET", "/api/v1/health") << false;
    QTest::newRow("Connection: close") << request("GET", "/api/v1/health", {}, "Connection: close\r\n") << true;
    QTest::newRow("Connection: keep-alive, close")
        << request("GET", "/api/v1/health", {}, "Connection: keep-alive, Close\r\n") << true;
    QTest::newRow("HTTP/1.0") << QByteArray("GET /api/v1/health HTTP/1.0\r\n\r\n") << true;
    QTest::newRow("POST with Connection: close")
        << request("POST", "/api/v1/session", "[]", "Connection: close\r\n") << true;
}

void TestTransport::connectionCloseHonoured()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, closes);
    RawConnection c(m_server->server().port());
    QVERIFY(c.waitConnected());
    const auto a = exchange(c, bytes);
    QVERIFY2(a && a->status < 500 && a->status >= 200, qPrintable(describe(a)));
    if (closes) {
        QVERIFY(c.waitClosed(1500));
    } else {
        QVERIFY(!c.waitClosed(300));
        // The same connection serves the next request.
        const auto again = exchange(c, bytes);
        QVERIFY2(again && again->status == 200, qPrintable(describe(again)));
    }
}

void TestTransport::expectContinue()
{
    RawConnection c(m_server->server().port());
    QVERIFY(c.waitConnected());
    const QByteArray body = R"({"login":"nobody-transport-2","password":"whatever password 2"})";
    QByteArray head = request("POST", "/api/v1/session", body, "Expect: 100-continue\r\n", "application/json", false);
    head.chop(body.size());
    c.send(head);
    const auto interim = c.readAnswer(3000);
    QVERIFY2(interim && interim->status == 100, qPrintable(describe(interim)));
    c.send(body);
    const auto final = c.readAnswer(5000);
    QVERIFY2(final && final->status == 401, qPrintable(describe(final)));
}

void TestTransport::expectContinueTooLarge_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<qint64>("length");
    QTest::newRow("sign-in") << QByteArray("/api/v1/session") << TransportLimits().maxBodyBytes + 1;
    QTest::newRow("decisions") << schoolPath("/decisions") << TransportLimits::kDecisionBatchBytes + 1;
    QTest::newRow("director submission") << schoolPath("/director/submissions")
                                         << TransportLimits::kDirectorSubmissionBytes + 1;
    QTest::newRow("a terabyte") << schoolPath("/decisions") << (qint64(1) << 40);
}

void TestTransport::expectContinueTooLarge()
{
    QFETCH(QByteArray, path);
    QFETCH(qint64, length);
    RawConnection c(m_server->server().port());
    QVERIFY(c.waitConnected());
    c.send("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + m_token
        + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: " + QByteArray::number(length)
        + "\r\n\r\n");
    // No 100 Continue: the refusal comes at once, before any byte of the body.
    const auto a = c.readAnswer(3000);
    QVERIFY2(a && a->status == 413, qPrintable(describe(a)));
    QCOMPARE(a->code(), errc(sg::errc::PayloadTooLarge));
    QVERIFY(c.waitClosed(3000));
}

void TestTransport::pipeliningRefused()
{
    RawConnection c(m_server->server().port());
    QVERIFY(c.waitConnected());
    // One request answered normally, then two in one write.
    const auto first = exchange(c, request("GET", "/api/v1/health"));
    QVERIFY2(first && first->status == 200, qPrintable(describe(first)));
    const auto second = exchange(c, request("GET", "/api/v1/health") + request("GET", "/api/v1/me"));
    QVERIFY2(second && second->status == 400, qPrintable(describe(second)));
    QVERIFY(c.waitClosed(3000));
}

// GET /api/v1/health is answered on the network thread, every other request by a worker thread. Both on one
// keep-alive connection, in any order: every answer arrives, in order, complete.
void TestTransport::healthFastPathMixesWithRoutes()
{
    RawConnection c(m_server->server().port());
    QVERIFY(c.waitConnected());
    const auto health = [&](int round) {
        const auto a = exchange(c, request("GET", "/api/v1/health"));
        QVERIFY2(a && a->status == 200, qPrintable(QStringLiteral("round %1: %2").arg(round).arg(describe(a))));
        QCOMPARE(a->json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(a->header("Cache-Control"), QByteArray("no-store"));
        QVERIFY(a->header("Content-Type").startsWith("application/json"));
    };
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 20; ++i)
            health(round);
        const auto me = exchange(c, request("GET", "/api/v1/me", {}, {}, {}, true));
        QVERIFY2(me && me->status == 200, qPrintable(describe(me)));
        const auto head = exchange(c, request("HEAD", "/api/v1/health"));
        QVERIFY2(head && head->status == 200 && head->body.isEmpty(), qPrintable(describe(head)));
        const auto refused = exchange(c,
            request("POST", "/api/v1/session", R"({"login":"nobody-fast","password":"not the password at all"})", {},
                "application/json", false));
        QVERIFY2(refused && refused->status == 401, qPrintable(describe(refused)));
    }
    health(3);
    // With a query string the request goes through the router, and is answered the same way.
    const auto query = exchange(c, request("GET", "/api/v1/health?x=1"));
    QVERIFY2(query && query->status == 200, qPrintable(describe(query)));
    QVERIFY(!c.waitClosed(200));
}

void TestTransport::connectionCaps()
{
    auto limits = testLimits();
    limits.maxConnections = 3;
    limits.maxConnectionsPerAddress = 2;
    limits.idleTimeoutMs = 600;
    limits.headerTimeoutMs = 600;
    m_server->server().setTransportLimits(limits);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->server().openConnections(), 0, 5000);
    const quint16 port = m_server->server().port();
    limits.idleTimeoutMs = limits.headerTimeoutMs = 20000; // the held connections stay for the test
    m_server->server().setTransportLimits(limits);

    RawConnection a1(port), a2(port);
    QVERIFY(a1.waitConnected() && a2.waitConnected());
    QTRY_COMPARE(m_server->server().openConnections(), 2);
    // The third from 127.0.0.1: over the per-address cap.
    RawConnection a3(port);
    QVERIFY(a3.waitConnected());
    const auto refused = exchange(a3, request("GET", "/api/v1/health"));
    QVERIFY2(refused && refused->status == 503, qPrintable(describe(refused)));
    QVERIFY(refused->header("Retry-After").toInt() > 0);
    QVERIFY(a3.waitClosed(3000));
    // Another address still gets in, until the total is reached.
    RawConnection b1(port, QHostAddress(QStringLiteral("127.0.0.2")));
    QVERIFY(b1.waitConnected());
    const auto served = exchange(b1, request("GET", "/api/v1/health"));
    QVERIFY2(served && served->status == 200, qPrintable(describe(served)));
    RawConnection b2(port, QHostAddress(QStringLiteral("127.0.0.2")));
    QVERIFY(b2.waitConnected());
    const auto full = exchange(b2, request("GET", "/api/v1/health"));
    QVERIFY2(!full || full->status == 503, qPrintable(describe(full)));
    QVERIFY(b2.waitClosed(3000));
    // The held connections still work; once one goes, a new one is served.
    const auto held = exchange(a1, request("GET", "/api/v1/health"));
    QVERIFY2(held && held->status == 200, qPrintable(describe(held)));
    a2.send(request("GET", "/api/v1/health", {}, "Connection: close\r\n"));
    QVERIFY(a2.waitClosed(3000));
    QTRY_COMPARE(m_server->server().openConnections(), 2);
    RawConnection a4(port);
    QVERIFY(a4.waitConnected());
    const auto again = exchange(a4, request("GET", "/api/v1/health"));
    QVERIFY2(again && again->status == 200, qPrintable(describe(again)));
}

QTEST_GUILESS_MAIN(TestTransport)
#include "tst_transport.moc"
