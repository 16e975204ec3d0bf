#include "core/errorcodes.h"
#include "server/router.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using sg::server::HttpRequest;
using sg::server::HttpResponse;
using sg::server::Router;

// Router: literal and {placeholder} segments, parameters in order, 404 for unknown paths, 405 with an
// Allow header for known paths with another method, and HEAD served by the GET route.
namespace {

Router::Handler answer(const QString &route)
{
    return [route](const HttpRequest &, const QStringList &params) {
        return HttpResponse::json(
            200, {{QStringLiteral("route"), route}, {QStringLiteral("params"), QJsonArray::fromStringList(params)}});
    };
}

QByteArray headerOf(const HttpResponse &r, const QByteArray &name)
{
    for (const auto &[k, v] : r.headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

} // namespace

class TestRouter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void dispatch_data();
    void dispatch();
    void routesAreListed();
    void firstMatchingRouteWins();

private:
    Router m_router;
};

void TestRouter::initTestCase()
{
    m_router.add("GET", QStringLiteral("/api/v1/health"), answer(QStringLiteral("health")));
    m_router.add("POST", QStringLiteral("/api/v1/session"), answer(QStringLiteral("login")));
    m_router.add("DELETE", QStringLiteral("/api/v1/session"), answer(QStringLiteral("logout")));
    m_router.add("GET", QStringLiteral("/api/v1/schools/{id}"), answer(QStringLiteral("school")));
    m_router.add("GET", QStringLiteral("/api/v1/schools/{id}/members"), answer(QStringLiteral("members")));
    m_router.add("POST", QStringLiteral("/api/v1/schools/{id}/reports"), answer(QStringLiteral("postReport")));
    m_router.add("GET", QStringLiteral("/api/v1/schools/{id}/reports"), answer(QStringLiteral("listReports")));
    m_router.add("GET", QStringLiteral("/api/v1/schools/{id}/reports/{reportId}"), answer(QStringLiteral("report")));
    m_router.add("POST", QStringLiteral("/api/v1/upload"), answer(QStringLiteral("upload")));
}

void TestRouter::dispatch_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("route"); // for 200
    QTest::addColumn<QStringList>("params"); // for 200
    QTest::addColumn<QByteArray>("allow"); // for 405

    const auto ok = [](const char *name, const char *method, const char *path, const char *route, QStringList params) {
        QTest::newRow(name) << QByteArray(method) << QString::fromUtf8(path) << 200 << QString::fromLatin1(route)
                            << params << QByteArray();
    };
    const auto notFound = [](const char *name, const char *method, const char *path) {
        QTest::newRow(name) << QByteArray(method) << QString::fromUtf8(path) << 404 << QString() << QStringList()
                            << QByteArray();
    };
    const auto notAllowed = [](const char *name, const char *method, const char *path, const char *allow) {
        QTest::newRow(name) << QByteArray(method) << QString::fromUtf8(path) << 405 << QString() << QStringList()
                            << QByteArray(allow);
    };

    ok("literal route", "GET", "/api/v1/health", "health", {});
    ok("same path, POST", "POST", "/api/v1/session", "login", {});
    ok("same path, DELETE", "DELETE", "/api/v1/session", "logout", {});
    ok("one parameter", "GET", "/api/v1/schools/17", "school", {QStringLiteral("17")});
    ok("parameter then literal", "GET", "/api/v1/schools/17/members", "members", {QStringLiteral("17")});
    ok("two parameters in order", "GET", "/api/v1/schools/17/reports/4", "report",
        {QStringLiteral("17"), QStringLiteral("4")});
    ok("parameter is passed as text", "GET", "/api/v1/schools/abc/members", "members", {QStringLiteral("abc")});
    ok("Cyrillic parameter", "GET", "/api/v1/schools/школа", "school", {QString::fromUtf8("школа")});
    ok("GET and POST on one path: GET", "GET", "/api/v1/schools/3/reports", "listReports", {QStringLiteral("3")});
    ok("GET and POST on one path: POST", "POST", "/api/v1/schools/3/reports", "postReport", {QStringLiteral("3")});
    ok("HEAD is served by the GET route", "HEAD", "/api/v1/health", "health", {});
    ok("HEAD with parameters", "HEAD", "/api/v1/schools/5/reports/6", "report",
        {QStringLiteral("5"), QStringLiteral("6")});
    ok("trailing slash", "GET", "/api/v1/health/", "health", {});

    notFound("unknown path", "GET", "/api/v1/nothing");
    notFound("root", "GET", "/");
    notFound("empty path", "GET", "");
    notFound("prefix of a route", "GET", "/api/v1");
    notFound("longer than any route", "GET", "/api/v1/schools/1/members/2/3");
    notFound("paths are case-sensitive", "GET", "/API/v1/health");
    notFound("other version", "GET", "/api/v2/health");
    notFound("unknown path, unknown method", "PATCH", "/api/v1/nothing");

    notAllowed("POST on a GET route", "POST", "/api/v1/health", "GET");
    notAllowed("GET on POST+DELETE", "GET", "/api/v1/session", "POST, DELETE");
    notAllowed("PUT on a parameter route", "PUT", "/api/v1/schools/3/reports", "POST, GET");
    notAllowed("DELETE on a parameter route", "DELETE", "/api/v1/schools/3", "GET");
    notAllowed("HEAD on a POST-only route", "HEAD", "/api/v1/upload", "POST");
    notAllowed("methods are case-sensitive", "get", "/api/v1/health", "GET");
}

void TestRouter::dispatch()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, route);
    QFETCH(QStringList, params);
    QFETCH(QByteArray, allow);

    HttpRequest request;
    request.method = method;
    request.path = path;
    const HttpResponse response = m_router.dispatch(request);
    QCOMPARE(response.status, status);

    QJsonParseError pe{};
    const QJsonObject body = QJsonDocument::fromJson(response.body, &pe).object();
    QCOMPARE(pe.error, QJsonParseError::NoError);

    if (status == 200) {
        QCOMPARE(response.contentType, QByteArray("application/json"));
        QCOMPARE(body.value(QStringLiteral("route")).toString(), route);
        QStringList got;
        for (const QJsonValue &v : body.value(QStringLiteral("params")).toArray())
            got.append(v.toString());
        QCOMPARE(got, params);
        QVERIFY(headerOf(response, "Allow").isEmpty());
        return;
    }
    // Errors are problem documents with a stable code.
    QCOMPARE(response.contentType, QByteArray("application/problem+json"));
    QCOMPARE(body.value(QStringLiteral("status")).toInt(), status);
    if (status == 404) {
        QCOMPARE(body.value(QStringLiteral("code")).toString(), QString::fromLatin1(sg::errc::NotFound));
        QVERIFY(headerOf(response, "Allow").isEmpty());
    } else {
        QCOMPARE(body.value(QStringLiteral("code")).toString(), QString::fromLatin1(sg::errc::MethodNotAllowed));
        QCOMPARE(headerOf(response, "Allow"), allow);
    }
}

void TestRouter::routesAreListed()
{
    const QList<Router::Route> routes = m_router.routes();
    QCOMPARE(routes.size(), qsizetype(9));
    QCOMPARE(routes.first().method, QByteArray("GET"));
    QCOMPARE(routes.first().pattern, QStringLiteral("/api/v1/health"));
    QCOMPARE(routes.last().method, QByteArray("POST"));
    QCOMPARE(routes.last().pattern, QStringLiteral("/api/v1/upload"));
}

void TestRouter::firstMatchingRouteWins()
{
    // A literal route registered before a placeholder route of the same shape takes precedence, and
    // the placeholder still matches everything else.
    Router router;
    router.add("GET", QStringLiteral("/items/new"), answer(QStringLiteral("new")));
    router.add("GET", QStringLiteral("/items/{id}"), answer(QStringLiteral("item")));
    HttpRequest request;
    request.method = "GET";
    request.path = QStringLiteral("/items/new");
    QCOMPARE(QJsonDocument::fromJson(router.dispatch(request).body).object().value(QStringLiteral("route")).toString(),
        QStringLiteral("new"));
    request.path = QStringLiteral("/items/42");
    const QJsonObject o = QJsonDocument::fromJson(router.dispatch(request).body).object();
    QCOMPARE(o.value(QStringLiteral("route")).toString(), QStringLiteral("item"));
    QCOMPARE(o.value(QStringLiteral("params")).toArray().first().toString(), QStringLiteral("42"));
}

QTEST_GUILESS_MAIN(TestRouter)

#include "tst_router.moc"
