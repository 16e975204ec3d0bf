#include "core/errorcodes.h"
#include "fakeclock.h"
#include "rawhttp.h"
#include "server/accountstore.h"
#include "server/database.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using sg::test::HttpAnswer;
using sg::test::RawHttp;
using sg::test::TestServer;

// The /api/v1 routes over real HTTP (QNetworkAccessManager) against the server module on 127.0.0.1:0 with
// the demo school: authentication, role checks, idempotent decisions, optimistic concurrency, reports,
// isolation between schools, and a table of bad requests that must all end in a precise 4xx problem.
namespace {

QString s(const char16_t *text)
{
    return QString::fromUtf16(text);
}

QString errc(const char *code)
{
    return QString::fromLatin1(code);
}

QJsonObject item(
    const QString &key, qint64 memberId, const QString &verdict, qint64 baseVersion, const QString &reason = {})
{
    QJsonObject o{{QStringLiteral("key"), key}, {QStringLiteral("memberId"), memberId},
        {QStringLiteral("verdict"), verdict}, {QStringLiteral("baseVersion"), baseVersion}};
    if (!reason.isNull())
        o.insert(QStringLiteral("reason"), reason);
    return o;
}

QJsonObject batch(const QJsonArray &items)
{
    return {{QStringLiteral("items"), items}};
}

QString describe(const HttpAnswer &a)
{
    return QStringLiteral("HTTP %1 %2 %3").arg(a.status).arg(QString::fromUtf8(a.body.left(400)), a.networkError);
}

// Checks that an answer is the problem document the API promises.
#define VERIFY_PROBLEM(answer, httpStatus, problemCode)                                                                \
    do {                                                                                                               \
        const HttpAnswer &a_ = (answer);                                                                               \
        QVERIFY2(a_.status == (httpStatus), qPrintable(describe(a_)));                                                 \
        QVERIFY2(a_.contentType.startsWith("application/problem+json"), a_.contentType.constData());                   \
        QVERIFY2(a_.isJsonObject(), qPrintable(describe(a_)));                                                         \
        QCOMPARE(a_.code(), QString(problemCode));                                                                     \
        QCOMPARE(a_.json().value(QStringLiteral("status")).toInt(), (httpStatus));                                     \
        QVERIFY(!a_.json().value(QStringLiteral("detail")).toString().isEmpty());                                      \
    } while (false)

} // namespace

class TestServerApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void health();
    void login_data();
    void login();
    void unknownLoginAnswersLikeWrongPassword();
    void me_data();
    void me();
    void logoutRevokesToken();
    void changePassword();
    void sessionsExpire();
    void failedSignInsLockTheAccount();
    void membersAsSchool();
    void membersAsTeacher();
    void readOnlyOperator();

    void decisionsAreIdempotent();
    void staleBaseVersionConflicts();
    void rejectionNeedsReason_data();
    void rejectionNeedsReason();
    void teacherDecidesOnlyOwnClass();
    void operatorMayNotDecide();
    void batchIsAtomic();

    void reports();
    void crossSchoolIsolation();

    void badInput_data();
    void badInput();
    void stillHealthy();

private:
    QString signIn(RawHttp &http, const QString &login, const QString &password = TestServer::kPassword);
    QString schoolPath(const QString &suffix = {}) const;
    QList<QJsonObject> members(const QString &token, const QString &query = {});
    QJsonObject member(qint64 id);
    HttpAnswer decide(const QString &token, const QJsonArray &items);
    static qint64 take(QList<qint64> &ids) { return ids.isEmpty() ? 0 : ids.takeFirst(); }
    static QString key(const char *tag);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<RawHttp> m_http;
    qint64 m_schoolId = 0;
    QString m_schoolToken;
    QString m_teacherToken;
    QString m_operatorToken;
    QList<qint64> m_pendingTeachers;
    QList<qint64> m_pendingStudents5A;
    QList<qint64> m_pendingStudentsElsewhere;
    int m_students5A = 0;
};

QString TestServerApi::key(const char *tag)
{
    static int counter = 0;
    return QStringLiteral("test-key-%1-%2").arg(QString::fromLatin1(tag)).arg(++counter);
}

QString TestServerApi::signIn(RawHttp &http, const QString &login, const QString &password)
{
    const HttpAnswer a = http.postJson(
        QStringLiteral("/api/v1/session"), {{QStringLiteral("login"), login}, {QStringLiteral("password"), password}});
    if (a.status != 201)
        return {};
    return a.json().value(QStringLiteral("token")).toString();
}

QString TestServerApi::schoolPath(const QString &suffix) const
{
    return QStringLiteral("/api/v1/schools/%1%2").arg(m_schoolId).arg(suffix);
}

QList<QJsonObject> TestServerApi::members(const QString &token, const QString &query)
{
    const HttpAnswer a = m_http->get(schoolPath(QStringLiteral("/members")) + query, token);
    QList<QJsonObject> out;
    if (a.status != 200)
        return out;
    for (const QJsonValue &v : a.json().value(QStringLiteral("items")).toArray())
        out.append(v.toObject());
    return out;
}

QJsonObject TestServerApi::member(qint64 id)
{
    for (const QJsonObject &m : members(m_schoolToken)) {
        if (m.value(QStringLiteral("id")).toInteger() == id)
            return m;
    }
    return {};
}

HttpAnswer TestServerApi::decide(const QString &token, const QJsonArray &items)
{
    return m_http->postJson(schoolPath(QStringLiteral("/decisions")), batch(items), token);
}

void TestServerApi::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->isValid(), qPrintable(m_server->errorString()));
    m_schoolId = m_server->demo().schoolId;
    QVERIFY(m_schoolId > 0);
    m_http = std::make_unique<RawHttp>(m_server->url());

    m_schoolToken = signIn(*m_http, QStringLiteral("demo-school"));
    m_teacherToken = signIn(*m_http, QStringLiteral("demo-teacher"));
    m_operatorToken = signIn(*m_http, QStringLiteral("demo-operator"));
    QVERIFY(!m_schoolToken.isEmpty());
    QVERIFY(!m_teacherToken.isEmpty());
    QVERIFY(!m_operatorToken.isEmpty());

    // Pending people to decide on, handed out one by one so that the tests do not disturb each other.
    for (const QJsonObject &m : members(m_schoolToken)) {
        if (m.value(QStringLiteral("className")).toString() == s(u"5А"))
            ++m_students5A;
        if (m.value(QStringLiteral("status")).toString() != QLatin1String("pending"))
            continue;
        const qint64 id = m.value(QStringLiteral("id")).toInteger();
        if (m.value(QStringLiteral("role")).toString() == QLatin1String("teacher"))
            m_pendingTeachers.append(id);
        else if (m.value(QStringLiteral("className")).toString() == s(u"5А"))
            m_pendingStudents5A.append(id);
        else
            m_pendingStudentsElsewhere.append(id);
    }
    QVERIFY(m_pendingTeachers.size() >= 10);
    QVERIFY(m_pendingStudents5A.size() >= 5);
    QVERIFY(m_pendingStudentsElsewhere.size() >= 5);
}

void TestServerApi::health()
{
    const HttpAnswer a = m_http->get(QStringLiteral("/api/v1/health"));
    QVERIFY2(a.status == 200, qPrintable(describe(a)));
    QVERIFY(a.contentType.startsWith("application/json"));
    QCOMPARE(a.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QVERIFY(a.json().value(QStringLiteral("schema")).toInt() > 0);
    QVERIFY(!a.json().value(QStringLiteral("time")).toString().isEmpty());
    QCOMPARE(a.header("Cache-Control"), QByteArray("no-store"));
    QCOMPARE(a.header("X-Content-Type-Options"), QByteArray("nosniff"));

    // HEAD is answered by the GET route, without a body.
    const HttpAnswer head = m_http->send("HEAD", QStringLiteral("/api/v1/health"));
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.isEmpty());
}

void TestServerApi::login_data()
{
    QTest::addColumn<QString>("login");
    QTest::addColumn<QString>("password");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("school account") << QStringLiteral("demo-school") << TestServer::kPassword << 201 << QString();
    QTest::newRow("teacher account") << QStringLiteral("demo-teacher") << TestServer::kPassword << 201 << QString();
    QTest::newRow("wrong password") << QStringLiteral("demo-school") << QStringLiteral("not the password") << 401
                                    << errc(sg::errc::InvalidCredentials);
    QTest::newRow("password in other case") << QStringLiteral("demo-school") << TestServer::kPassword.toUpper() << 401
                                            << errc(sg::errc::InvalidCredentials);
    QTest::newRow("empty password") << QStringLiteral("demo-school") << QStringLiteral("") << 401
                                    << errc(sg::errc::InvalidCredentials);
    QTest::newRow("unknown login") << QStringLiteral("nobody-here") << TestServer::kPassword << 401
                                   << errc(sg::errc::InvalidCredentials);
    QTest::newRow("password longer than 128")
        << QStringLiteral("demo-school") << QString(129, QLatin1Char('p')) << 422 << errc(sg::errc::ValidationFailed);
}

void TestServerApi::login()
{
    QFETCH(QString, login);
    QFETCH(QString, password);
    QFETCH(int, status);
    QFETCH(QString, code);

    const QDateTime before = QDateTime::currentDateTimeUtc();
    const HttpAnswer a = m_http->postJson(
        QStringLiteral("/api/v1/session"), {{QStringLiteral("login"), login}, {QStringLiteral("password"), password}});
    if (status != 201) {
        VERIFY_PROBLEM(a, status, code);
        if (status == 401)
            QCOMPARE(a.header("WWW-Authenticate"), QByteArray("Bearer"));
        QVERIFY(!a.body.contains(password.toUtf8()) || password.isEmpty());
        return;
    }
    QVERIFY2(a.status == 201, qPrintable(describe(a)));
    const QJsonObject o = a.json();
    const QString token = o.value(QStringLiteral("token")).toString();
    QVERIFY2(token.size() >= 43, qPrintable(token)); // 256 bits in URL-safe base64
    QCOMPARE(o.value(QStringLiteral("user")).toObject().value(QStringLiteral("login")).toString(), login);
    const QDateTime expires = QDateTime::fromString(o.value(QStringLiteral("expiresAt")).toString(), Qt::ISODateWithMs);
    QVERIFY(expires.isValid());
    QVERIFY(expires > before.addSecs(11 * 3600));
    QVERIFY(expires <= before.addSecs(12 * 3600 + 60));
    // Each sign-in is a new session with its own token.
    QVERIFY(token != m_schoolToken && token != m_teacherToken);
}

void TestServerApi::unknownLoginAnswersLikeWrongPassword()
{
    const HttpAnswer wrong = m_http->postJson(QStringLiteral("/api/v1/session"),
        {{QStringLiteral("login"), QStringLiteral("demo-school")},
            {QStringLiteral("password"), QStringLiteral("wrong password!")}});
    const HttpAnswer unknown = m_http->postJson(QStringLiteral("/api/v1/session"),
        {{QStringLiteral("login"), QStringLiteral("no-such-account")},
            {QStringLiteral("password"), QStringLiteral("wrong password!")}});
    VERIFY_PROBLEM(wrong, 401, errc(sg::errc::InvalidCredentials));
    VERIFY_PROBLEM(unknown, 401, errc(sg::errc::InvalidCredentials));
    QCOMPARE(unknown.body, wrong.body); // nothing tells whether the account exists
}

void TestServerApi::me_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("role");
    QTest::addColumn<bool>("hasSchool");
    QTest::newRow("school") << QStringLiteral("school") << QStringLiteral("school") << true;
    QTest::newRow("teacher") << QStringLiteral("teacher") << QStringLiteral("teacher") << true;
    QTest::newRow("operator") << QStringLiteral("operator") << QStringLiteral("operator") << false;
}

void TestServerApi::me()
{
    QFETCH(QString, who);
    QFETCH(QString, role);
    QFETCH(bool, hasSchool);
    const QString token = who == QLatin1String("school") ? m_schoolToken
        : who == QLatin1String("teacher")                ? m_teacherToken
                                                         : m_operatorToken;
    const HttpAnswer a = m_http->get(QStringLiteral("/api/v1/me"), token);
    QVERIFY2(a.status == 200, qPrintable(describe(a)));
    const QJsonObject user = a.json().value(QStringLiteral("user")).toObject();
    QCOMPARE(user.value(QStringLiteral("login")).toString(), QStringLiteral("demo-") + who);
    QCOMPARE(user.value(QStringLiteral("role")).toString(), role);
    QCOMPARE(user.value(QStringLiteral("mustChangePassword")).toBool(true), false);
    QVERIFY(!a.body.contains("password_hash") && !a.body.contains("$argon2"));
    if (hasSchool) {
        QCOMPARE(user.value(QStringLiteral("schoolId")).toInteger(), m_schoolId);
        const QJsonObject school = a.json().value(QStringLiteral("school")).toObject();
        QCOMPARE(school.value(QStringLiteral("id")).toInteger(), m_schoolId);
        QCOMPARE(school.value(QStringLiteral("inn")).toString(), QStringLiteral("6950123467"));
        QCOMPARE(school.value(QStringLiteral("directorStatus")).toString(), QStringLiteral("confirmed"));
    } else {
        QVERIFY(user.value(QStringLiteral("schoolId")).isNull());
        QVERIFY(!a.json().contains(QStringLiteral("school")));
    }
}

void TestServerApi::logoutRevokesToken()
{
    const QString token = signIn(*m_http, QStringLiteral("demo-school"));
    QVERIFY(!token.isEmpty());
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/me"), token).status, 200);

    const HttpAnswer out = m_http->del(QStringLiteral("/api/v1/session"), token);
    QVERIFY2(out.status == 204, qPrintable(describe(out)));
    QVERIFY(out.body.isEmpty());

    VERIFY_PROBLEM(m_http->get(QStringLiteral("/api/v1/me"), token), 401, errc(sg::errc::Unauthenticated));
    VERIFY_PROBLEM(m_http->get(schoolPath(QStringLiteral("/members")), token), 401, errc(sg::errc::Unauthenticated));
    VERIFY_PROBLEM(m_http->del(QStringLiteral("/api/v1/session"), token), 401, errc(sg::errc::Unauthenticated));
    // Only that session ended.
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/me"), m_schoolToken).status, 200);
}

void TestServerApi::changePassword()
{
    // An account of its own, created with "must change password": the demo passwords stay as they are.
    sg::server::NewAccount account;
    account.login = QStringLiteral("pw-change-school");
    account.password = QStringLiteral("first password of this school");
    account.role = sg::Role::School;
    account.schoolId = m_schoolId;
    account.mustChangePassword = true;
    QVERIFY(m_server->server().accounts().createAccount(account).ok());
    const QString next = QStringLiteral("a much better passphrase");

    const QString first = signIn(*m_http, account.login, account.password);
    const QString second = signIn(*m_http, account.login, account.password);
    QVERIFY(!first.isEmpty() && !second.isEmpty());

    // Until the password is changed, only /me and the change itself are open.
    VERIFY_PROBLEM(
        m_http->get(schoolPath(QStringLiteral("/members")), first), 403, errc(sg::errc::PasswordChangeRequired));
    const HttpAnswer meBefore = m_http->get(QStringLiteral("/api/v1/me"), first);
    QCOMPARE(meBefore.status, 200);
    QCOMPARE(
        meBefore.json().value(QStringLiteral("user")).toObject().value(QStringLiteral("mustChangePassword")).toBool(),
        true);

    const auto put = [this](const QByteArray &body, const QString &token) {
        RawHttp::Headers headers = RawHttp::bearer(token);
        headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
        return m_http->send("PUT", QStringLiteral("/api/v1/me/password"), body, headers);
    };
    const auto body = [](const QString &current, const QString &replacement) {
        return QJsonDocument(
            QJsonObject{{QStringLiteral("currentPassword"), current}, {QStringLiteral("newPassword"), replacement}})
            .toJson(QJsonDocument::Compact);
    };
    VERIFY_PROBLEM(put(body(account.password, next), QString()), 401, errc(sg::errc::Unauthenticated));
    VERIFY_PROBLEM(put(body(QStringLiteral("not my password"), next), first), 403, errc(sg::errc::InvalidCredentials));
    VERIFY_PROBLEM(
        put(body(account.password, QStringLiteral("qwerty123456")), first), 422, errc(sg::errc::WeakPassword));
    VERIFY_PROBLEM(put(body(account.password, QStringLiteral("my pw-change-school pass")), first), 422,
        errc(sg::errc::WeakPassword));
    VERIFY_PROBLEM(put(body(account.password, QStringLiteral("short")), first), 422, errc(sg::errc::WeakPassword));
    VERIFY_PROBLEM(put(R"({"currentPassword":"x"})", first), 422, errc(sg::errc::ValidationFailed));
    VERIFY_PROBLEM(
        put(R"({"currentPassword":"x","newPassword":"y","confirm":"y"})", first), 422, errc(sg::errc::UnknownField));
    // Nothing of that changed the password.
    QVERIFY(!signIn(*m_http, account.login, account.password).isEmpty());

    const HttpAnswer ok = put(body(account.password, next), first);
    QVERIFY2(ok.status == 204, qPrintable(describe(ok)));

    // This session goes on without the "must change" mark; every other session of the account has ended.
    QCOMPARE(m_http->get(schoolPath(QStringLiteral("/members?role=teacher")), first).status, 200);
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/me"), first)
                 .json()
                 .value(QStringLiteral("user"))
                 .toObject()
                 .value(QStringLiteral("mustChangePassword"))
                 .toBool(true),
        false);
    VERIFY_PROBLEM(m_http->get(QStringLiteral("/api/v1/me"), second), 401, errc(sg::errc::Unauthenticated));
    QVERIFY(signIn(*m_http, account.login, account.password).isEmpty());
    QVERIFY(!signIn(*m_http, account.login, next).isEmpty());
}

void TestServerApi::sessionsExpire()
{
    // REFERENCE.md: sessions end after 30 minutes idle and 12 hours in all. The server runs on a fake clock.
    sg::test::FakeClock clock;
    TestServer server(true, &clock);
    QVERIFY2(server.isValid(), qPrintable(server.errorString()));
    RawHttp http(server.url());
    const QString me = QStringLiteral("/api/v1/me");

    // Idle: every use restarts the 30 minutes...
    const QString idle = signIn(http, QStringLiteral("demo-school"));
    QVERIFY(!idle.isEmpty());
    for (int i = 0; i < 3; ++i) {
        clock.advance(29 * 60);
        QCOMPARE(http.get(me, idle).status, 200);
    }
    // ...and 31 minutes of silence end the session.
    clock.advance(31 * 60);
    VERIFY_PROBLEM(http.get(me, idle), 401, errc(sg::errc::Unauthenticated));
    // It stays ended.
    VERIFY_PROBLEM(http.get(me, idle), 401, errc(sg::errc::Unauthenticated));

    // Absolute: used every 20 minutes, a session still ends 12 hours after sign-in.
    const QString busy = signIn(http, QStringLiteral("demo-school"));
    QVERIFY(!busy.isEmpty());
    for (int minutes = 20; minutes < 12 * 60; minutes += 20) {
        clock.advance(20 * 60);
        QVERIFY2(http.get(me, busy).status == 200, qPrintable(QStringLiteral("after %1 minutes").arg(minutes)));
    }
    clock.advance(21 * 60); // 12 h 01 min after sign-in
    VERIFY_PROBLEM(http.get(me, busy), 401, errc(sg::errc::Unauthenticated));
    // Signing in again works.
    QVERIFY(!signIn(http, QStringLiteral("demo-school")).isEmpty());
}

void TestServerApi::failedSignInsLockTheAccount()
{
    // REFERENCE.md (security numbers): at most 30 failed attempts per account per hour, a soft lockout with
    // growing waits, never a permanent disable. errorcodes.h has "account-locked" for it.
    sg::test::FakeClock clock;
    TestServer server(true, &clock);
    QVERIFY2(server.isValid(), qPrintable(server.errorString()));
    RawHttp http(server.url());
    const auto attempt = [&http](const QString &password) {
        return http.postJson(QStringLiteral("/api/v1/session"),
            {{QStringLiteral("login"), QStringLiteral("demo-school")}, {QStringLiteral("password"), password}});
    };
    for (int i = 0; i < 30; ++i) {
        const HttpAnswer a = attempt(QStringLiteral("wrong password number %1").arg(i));
        if (i < 5) {
            VERIFY_PROBLEM(a, 401, errc(sg::errc::InvalidCredentials));
        } else {
            // Growing waits may start before the 30th failure.
            QVERIFY2(a.status == 401 || a.status == 429, qPrintable(describe(a)));
            QCOMPARE(a.code(), a.status == 401 ? errc(sg::errc::InvalidCredentials) : errc(sg::errc::AccountLocked));
        }
    }
    // The 31st attempt within the hour is refused, even with the right password.
    VERIFY_PROBLEM(attempt(TestServer::kPassword), 429, errc(sg::errc::AccountLocked));

    // Not permanent: a day later the right password works again.
    clock.advance(24 * 3600);
    const HttpAnswer later = attempt(TestServer::kPassword);
    QVERIFY2(later.status == 201, qPrintable(describe(later)));
}

void TestServerApi::membersAsSchool()
{
    const QList<QJsonObject> teachers = members(m_schoolToken, QStringLiteral("?role=teacher"));
    QCOMPARE(teachers.size(), qsizetype(40));
    QCOMPARE(teachers.size(), qsizetype(m_server->demo().teachers));
    for (const QJsonObject &t : teachers)
        QCOMPARE(t.value(QStringLiteral("role")).toString(), QStringLiteral("teacher"));

    const QList<QJsonObject> students = members(m_schoolToken, QStringLiteral("?role=student"));
    QCOMPARE(students.size(), qsizetype(m_server->demo().students));
    for (const QJsonObject &st : students) {
        QCOMPARE(st.value(QStringLiteral("role")).toString(), QStringLiteral("student"));
        QVERIFY(!st.value(QStringLiteral("className")).toString().isEmpty());
    }
    QCOMPARE(members(m_schoolToken).size(), teachers.size() + students.size());
}

void TestServerApi::membersAsTeacher()
{
    const QList<QJsonObject> all = members(m_teacherToken);
    QVERIFY(!all.isEmpty());
    QCOMPARE(all.size(), qsizetype(m_students5A));
    for (const QJsonObject &m : all) {
        QCOMPARE(m.value(QStringLiteral("role")).toString(), QStringLiteral("student"));
        QCOMPARE(m.value(QStringLiteral("className")).toString(), s(u"5А"));
    }
    QCOMPARE(members(m_teacherToken, QStringLiteral("?role=student")).size(), all.size());
    VERIFY_PROBLEM(m_http->get(schoolPath(QStringLiteral("/members?role=teacher")), m_teacherToken), 403,
        errc(sg::errc::Forbidden));
    // The school itself may be read.
    const HttpAnswer school = m_http->get(schoolPath(), m_teacherToken);
    QCOMPARE(school.status, 200);
    QCOMPARE(school.json().value(QStringLiteral("id")).toInteger(), m_schoolId);
}

void TestServerApi::readOnlyOperator()
{
    QCOMPARE(members(m_operatorToken, QStringLiteral("?role=teacher")).size(), qsizetype(40));
    const HttpAnswer school = m_http->get(schoolPath(), m_operatorToken);
    QCOMPARE(school.status, 200);
    QCOMPARE(school.json().value(QStringLiteral("inn")).toString(), QStringLiteral("6950123467"));
    const HttpAnswer reportsList = m_http->get(schoolPath(QStringLiteral("/reports")), m_operatorToken);
    QCOMPARE(reportsList.status, 200);
    VERIFY_PROBLEM(m_http->postJson(schoolPath(QStringLiteral("/reports")), {{QStringLiteral("key"), key("op-report")}},
                       m_operatorToken),
        403, errc(sg::errc::Forbidden));
}

void TestServerApi::decisionsAreIdempotent()
{
    const qint64 id = take(m_pendingTeachers);
    QVERIFY(id > 0);
    const qint64 version = member(id).value(QStringLiteral("version")).toInteger();
    QVERIFY(version >= 1);
    const QString k = key("idem");

    const QJsonArray items{item(k, id, QStringLiteral("approve"), version)};
    const HttpAnswer first = decide(m_schoolToken, items);
    QVERIFY2(first.status == 200, qPrintable(describe(first)));
    const QJsonObject r1 = first.json().value(QStringLiteral("results")).toArray().at(0).toObject();
    QCOMPARE(r1.value(QStringLiteral("outcome")).toString(), QStringLiteral("applied"));
    QCOMPARE(r1.value(QStringLiteral("key")).toString(), k);
    QCOMPARE(r1.value(QStringLiteral("memberId")).toInteger(), id);
    QCOMPARE(r1.value(QStringLiteral("status")).toString(), QStringLiteral("approved"));
    QCOMPARE(r1.value(QStringLiteral("version")).toInteger(), version + 1);
    QVERIFY(first.json().value(QStringLiteral("unreportedDecisions")).toInt() >= 1);
    const int unreported = first.json().value(QStringLiteral("unreportedDecisions")).toInt();

    // The same key with the same body: the stored answer, marked duplicate; nothing applied twice.
    const HttpAnswer again = decide(m_schoolToken, items);
    QVERIFY2(again.status == 200, qPrintable(describe(again)));
    const QJsonObject r2 = again.json().value(QStringLiteral("results")).toArray().at(0).toObject();
    QCOMPARE(r2.value(QStringLiteral("outcome")).toString(), QStringLiteral("duplicate"));
    QCOMPARE(r2.value(QStringLiteral("status")).toString(), QStringLiteral("approved"));
    QCOMPARE(r2.value(QStringLiteral("version")).toInteger(), version + 1);
    QCOMPARE(again.json().value(QStringLiteral("unreportedDecisions")).toInt(), unreported);
    QCOMPARE(member(id).value(QStringLiteral("version")).toInteger(), version + 1);

    // The same key with another body: refused as a whole.
    const HttpAnswer reused =
        decide(m_schoolToken, {item(k, id, QStringLiteral("reject"), version + 1, QStringLiteral("changed my mind"))});
    VERIFY_PROBLEM(reused, 422, errc(sg::errc::IdempotencyMismatch));
    const QJsonObject now = member(id);
    QCOMPARE(now.value(QStringLiteral("status")).toString(), QStringLiteral("approved"));
    QCOMPARE(now.value(QStringLiteral("version")).toInteger(), version + 1);
}

void TestServerApi::staleBaseVersionConflicts()
{
    const qint64 id = take(m_pendingTeachers);
    QVERIFY(id > 0);
    const qint64 version = member(id).value(QStringLiteral("version")).toInteger();

    // Someone else decides first...
    const HttpAnswer first = decide(m_schoolToken, {item(key("stale-a"), id, QStringLiteral("approve"), version)});
    QCOMPARE(first.json()
                 .value(QStringLiteral("results"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("outcome"))
                 .toString(),
        QStringLiteral("applied"));
    // ...then a decision based on the old version arrives: a conflict with the current state, nothing changed.
    const HttpAnswer stale = decide(
        m_schoolToken, {item(key("stale-b"), id, QStringLiteral("reject"), version, QStringLiteral("too late"))});
    QVERIFY2(stale.status == 200, qPrintable(describe(stale)));
    const QJsonObject r = stale.json().value(QStringLiteral("results")).toArray().at(0).toObject();
    QCOMPARE(r.value(QStringLiteral("outcome")).toString(), QStringLiteral("conflict"));
    QCOMPARE(r.value(QStringLiteral("code")).toString(), errc(sg::errc::Conflict));
    QCOMPARE(r.value(QStringLiteral("status")).toString(), QStringLiteral("approved"));
    QCOMPARE(r.value(QStringLiteral("version")).toInteger(), version + 1);
    QCOMPARE(member(id).value(QStringLiteral("status")).toString(), QStringLiteral("approved"));

    // A version from the future is just as stale.
    const HttpAnswer future = decide(m_schoolToken, {item(key("stale-c"), id, QStringLiteral("approve"), version + 7)});
    QCOMPARE(future.json()
                 .value(QStringLiteral("results"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("outcome"))
                 .toString(),
        QStringLiteral("conflict"));
    QCOMPARE(member(id).value(QStringLiteral("version")).toInteger(), version + 1);
}

void TestServerApi::rejectionNeedsReason_data()
{
    QTest::addColumn<QString>("reason");
    QTest::newRow("no reason member") << QString();
    QTest::newRow("empty reason") << QStringLiteral("");
    QTest::newRow("only spaces") << QStringLiteral("    ");
    QTest::newRow("only a tab and a newline") << QStringLiteral("\t\n");
}

void TestServerApi::rejectionNeedsReason()
{
    QFETCH(QString, reason);
    const qint64 id = take(m_pendingTeachers);
    QVERIFY(id > 0);
    const qint64 version = member(id).value(QStringLiteral("version")).toInteger();
    const HttpAnswer a = decide(m_schoolToken, {item(key("reason"), id, QStringLiteral("reject"), version, reason)});
    QVERIFY2(a.status == 200, qPrintable(describe(a)));
    const QJsonObject r = a.json().value(QStringLiteral("results")).toArray().at(0).toObject();
    QCOMPARE(r.value(QStringLiteral("outcome")).toString(), QStringLiteral("invalid"));
    QCOMPARE(r.value(QStringLiteral("code")).toString(), errc(sg::errc::ValidationFailed));
    QCOMPARE(r.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    QCOMPARE(r.value(QStringLiteral("version")).toInteger(), version);
    const QJsonObject now = member(id);
    QCOMPARE(now.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    QCOMPARE(now.value(QStringLiteral("version")).toInteger(), version);
}

void TestServerApi::teacherDecidesOnlyOwnClass()
{
    const qint64 own = take(m_pendingStudents5A);
    const qint64 other = take(m_pendingStudentsElsewhere);
    const qint64 teacher = take(m_pendingTeachers);
    QVERIFY(own > 0 && other > 0 && teacher > 0);
    const qint64 ownVersion = member(own).value(QStringLiteral("version")).toInteger();
    const qint64 otherVersion = member(other).value(QStringLiteral("version")).toInteger();
    const qint64 teacherVersion = member(teacher).value(QStringLiteral("version")).toInteger();

    const HttpAnswer a = decide(m_teacherToken,
        {item(key("own"), own, QStringLiteral("approve"), ownVersion),
            item(key("other"), other, QStringLiteral("approve"), otherVersion),
            item(key("teacher"), teacher, QStringLiteral("approve"), teacherVersion)});
    QVERIFY2(a.status == 200, qPrintable(describe(a)));
    const QJsonArray results = a.json().value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), qsizetype(3));
    QCOMPARE(results.at(0).toObject().value(QStringLiteral("outcome")).toString(), QStringLiteral("applied"));
    for (int i : {1, 2}) {
        const QJsonObject r = results.at(i).toObject();
        QCOMPARE(r.value(QStringLiteral("outcome")).toString(), QStringLiteral("forbidden"));
        QCOMPARE(r.value(QStringLiteral("code")).toString(), errc(sg::errc::Forbidden));
        QVERIFY(!r.contains(QStringLiteral("status"))); // nothing about a person one may not see
    }
    QCOMPARE(member(own).value(QStringLiteral("status")).toString(), QStringLiteral("approved"));
    QCOMPARE(member(other).value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    QCOMPARE(member(other).value(QStringLiteral("version")).toInteger(), otherVersion);
    QCOMPARE(member(teacher).value(QStringLiteral("status")).toString(), QStringLiteral("pending"));

    // Teachers do not send reports.
    VERIFY_PROBLEM(m_http->postJson(schoolPath(QStringLiteral("/reports")), {{QStringLiteral("key"), key("t-report")}},
                       m_teacherToken),
        403, errc(sg::errc::Forbidden));
}

void TestServerApi::operatorMayNotDecide()
{
    const qint64 id = take(m_pendingTeachers);
    QVERIFY(id > 0);
    const HttpAnswer a = decide(m_operatorToken, {item(key("operator"), id, QStringLiteral("approve"), 1)});
    VERIFY_PROBLEM(a, 403, errc(sg::errc::Forbidden));
    QCOMPARE(member(id).value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
}

void TestServerApi::batchIsAtomic()
{
    // A batch whose second item reuses a key with another body fails as a whole: the first item is not applied.
    const qint64 used = take(m_pendingTeachers);
    const qint64 fresh = take(m_pendingTeachers);
    QVERIFY(used > 0 && fresh > 0);
    const QString usedKey = key("atomic-used");
    const qint64 usedVersion = member(used).value(QStringLiteral("version")).toInteger();
    QCOMPARE(decide(m_schoolToken, {item(usedKey, used, QStringLiteral("approve"), usedVersion)}).status, 200);

    const qint64 freshVersion = member(fresh).value(QStringLiteral("version")).toInteger();
    const HttpAnswer a = decide(m_schoolToken,
        {item(key("atomic-fresh"), fresh, QStringLiteral("approve"), freshVersion),
            item(usedKey, fresh, QStringLiteral("approve"), freshVersion)});
    VERIFY_PROBLEM(a, 422, errc(sg::errc::IdempotencyMismatch));
    const QJsonObject now = member(fresh);
    QCOMPARE(now.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    QCOMPARE(now.value(QStringLiteral("version")).toInteger(), freshVersion);

    // The same key twice in one batch with different bodies is refused too, and nothing is applied.
    const QString twice = key("atomic-twice");
    const HttpAnswer b = decide(m_schoolToken,
        {item(twice, fresh, QStringLiteral("approve"), freshVersion),
            item(twice, fresh, QStringLiteral("reject"), freshVersion, QStringLiteral("x"))});
    VERIFY_PROBLEM(b, 422, errc(sg::errc::ValidationFailed));
    QVERIFY2(b.body.contains("appears twice"), qPrintable(describe(b)));
    QCOMPARE(member(fresh).value(QStringLiteral("version")).toInteger(), freshVersion);

    // Even with the same body twice: one key names one decision, so the batch is malformed.
    const QString same = key("atomic-same-twice");
    const HttpAnswer c = decide(m_schoolToken,
        {item(same, fresh, QStringLiteral("approve"), freshVersion),
            item(same, fresh, QStringLiteral("approve"), freshVersion)});
    VERIFY_PROBLEM(c, 422, errc(sg::errc::ValidationFailed));
    QCOMPARE(member(fresh).value(QStringLiteral("version")).toInteger(), freshVersion);
}

void TestServerApi::reports()
{
    // A server of its own: the report numbering starts from nothing.
    TestServer server;
    QVERIFY2(server.isValid(), qPrintable(server.errorString()));
    RawHttp http(server.url());
    const qint64 schoolId = server.demo().schoolId;
    const QString school = signIn(http, QStringLiteral("demo-school"));
    const QString teacher = signIn(http, QStringLiteral("demo-teacher"));
    const QString op = signIn(http, QStringLiteral("demo-operator"));
    QVERIFY(!school.isEmpty() && !teacher.isEmpty() && !op.isEmpty());
    const QString base = QStringLiteral("/api/v1/schools/%1").arg(schoolId);
    const QString reportsPath = base + QStringLiteral("/reports");

    QList<QJsonObject> teachers, students;
    for (const QJsonValue &v :
        http.get(base + QStringLiteral("/members"), school).json().value(QStringLiteral("items")).toArray()) {
        const QJsonObject m = v.toObject();
        if (m.value(QStringLiteral("status")).toString() != QLatin1String("pending"))
            continue;
        (m.value(QStringLiteral("role")).toString() == QLatin1String("teacher") ? teachers : students).append(m);
    }
    QVERIFY(teachers.size() >= 3 && !students.isEmpty());
    const auto idOf = [](const QJsonObject &m) { return m.value(QStringLiteral("id")).toInteger(); };
    const auto versionOf = [](const QJsonObject &m) { return m.value(QStringLiteral("version")).toInteger(); };
    const auto postDecisions = [&](const QJsonArray &items) {
        return http.postJson(base + QStringLiteral("/decisions"), batch(items), school);
    };

    // Nothing decided yet: nothing to report.
    const QString key1 = key("report-1");
    VERIFY_PROBLEM(
        http.postJson(reportsPath, {{QStringLiteral("key"), key1}}, school), 409, errc(sg::errc::NothingToReport));

    // Round 1: two teachers approved, one student rejected.
    const HttpAnswer d1 =
        postDecisions({item(key("r1a"), idOf(teachers[0]), QStringLiteral("approve"), versionOf(teachers[0])),
            item(key("r1b"), idOf(teachers[1]), QStringLiteral("approve"), versionOf(teachers[1])),
            item(key("r1c"), idOf(students[0]), QStringLiteral("reject"), versionOf(students[0]),
                s(u"Не учится в школе"))});
    QCOMPARE(d1.status, 200);
    QCOMPARE(d1.json().value(QStringLiteral("unreportedDecisions")).toInt(), 3);
    QCOMPARE(http.get(base, school).json().value(QStringLiteral("unreportedDecisions")).toInt(), 3);

    const QJsonObject body1 = http.previewedReport(base, key1, school);
    const HttpAnswer r1 = http.postJson(reportsPath, body1, school);
    QVERIFY2(r1.status == 201, qPrintable(describe(r1)));
    const QJsonObject rep1 = r1.json();
    const qint64 report1Id = rep1.value(QStringLiteral("id")).toInteger();
    QVERIFY(report1Id > 0);
    QCOMPARE(rep1.value(QStringLiteral("number")).toInt(), 1);
    QCOMPARE(rep1.value(QStringLiteral("schoolId")).toInteger(), schoolId);
    QCOMPARE(rep1.value(QStringLiteral("teachersApproved")).toInt(), 2);
    QCOMPARE(rep1.value(QStringLiteral("teachersRejected")).toInt(), 0);
    QCOMPARE(rep1.value(QStringLiteral("studentsApproved")).toInt(), 0);
    QCOMPARE(rep1.value(QStringLiteral("studentsRejected")).toInt(), 1);
    QCOMPARE(rep1.value(QStringLiteral("createdBy")).toString(), s(u"МБОУ СОШ № 17"));
    const QJsonArray lines = rep1.value(QStringLiteral("lines")).toArray();
    QCOMPARE(lines.size(), qsizetype(3));
    QSet<qint64> lineIds;
    for (const QJsonValue &l : lines) {
        lineIds.insert(l.toObject().value(QStringLiteral("memberId")).toInteger());
        if (l.toObject().value(QStringLiteral("verdict")).toString() == QLatin1String("reject"))
            QCOMPARE(l.toObject().value(QStringLiteral("reason")).toString(), s(u"Не учится в школе"));
    }
    QCOMPARE(lineIds, (QSet<qint64>{idOf(teachers[0]), idOf(teachers[1]), idOf(students[0])}));
    QCOMPARE(http.get(base, school).json().value(QStringLiteral("unreportedDecisions")).toInt(), 0);

    // The same key and snapshot again: the same report, 200 instead of 201; the same key without the snapshot or
    // with another one is another request (422).
    const HttpAnswer replay = http.postJson(reportsPath, body1, school);
    QVERIFY2(replay.status == 200, qPrintable(describe(replay)));
    QCOMPARE(replay.json().value(QStringLiteral("id")).toInteger(), report1Id);
    QCOMPARE(replay.json().value(QStringLiteral("number")).toInt(), 1);
    QCOMPARE(replay.json().value(QStringLiteral("createdAt")).toString(),
        rep1.value(QStringLiteral("createdAt")).toString());
    VERIFY_PROBLEM(
        http.postJson(reportsPath, {{QStringLiteral("key"), key1}}, school), 422, errc(sg::errc::IdempotencyMismatch));

    // A new key with nothing new: nothing to report.
    VERIFY_PROBLEM(http.postJson(reportsPath, {{QStringLiteral("key"), key("report-empty")}}, school), 409,
        errc(sg::errc::NothingToReport));

    // Round 2: a teacher approved and then rejected in the same round counts once, with the latest verdict.
    const HttpAnswer d2 =
        postDecisions({item(key("r2a"), idOf(teachers[2]), QStringLiteral("approve"), versionOf(teachers[2]))});
    QCOMPARE(d2.status, 200);
    const HttpAnswer d3 = postDecisions({item(
        key("r2b"), idOf(teachers[2]), QStringLiteral("reject"), versionOf(teachers[2]) + 1, QStringLiteral("left"))});
    QCOMPARE(d3.json()
                 .value(QStringLiteral("results"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("outcome"))
                 .toString(),
        QStringLiteral("applied"));
    QCOMPARE(d3.json().value(QStringLiteral("unreportedDecisions")).toInt(), 1);
    const HttpAnswer r2 = http.sendReport(base, key("report-2"), school);
    QVERIFY2(r2.status == 201, qPrintable(describe(r2)));
    QCOMPARE(r2.json().value(QStringLiteral("number")).toInt(), 2);
    QCOMPARE(r2.json().value(QStringLiteral("teachersApproved")).toInt(), 0);
    QCOMPARE(r2.json().value(QStringLiteral("teachersRejected")).toInt(), 1);
    QCOMPARE(r2.json().value(QStringLiteral("lines")).toArray().size(), qsizetype(1));
    const qint64 report2Id = r2.json().value(QStringLiteral("id")).toInteger();
    QVERIFY(report2Id != report1Id);

    // The first key still answers with the first report.
    QCOMPARE(http.postJson(reportsPath, body1, school).json().value(QStringLiteral("number")).toInt(), 1);

    // The list: newest first, without lines.
    const HttpAnswer list = http.get(reportsPath, school);
    QCOMPARE(list.status, 200);
    const QJsonArray items = list.json().value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), qsizetype(2));
    QCOMPARE(items.at(0).toObject().value(QStringLiteral("number")).toInt(), 2);
    QCOMPARE(items.at(1).toObject().value(QStringLiteral("number")).toInt(), 1);
    QCOMPARE(items.at(1).toObject().value(QStringLiteral("id")).toInteger(), report1Id);
    QVERIFY(!items.at(0).toObject().contains(QStringLiteral("lines")));
    QCOMPARE(list.json().value(QStringLiteral("unreportedDecisions")).toInt(), 0);

    // One report, with its lines.
    const HttpAnswer one = http.get(reportsPath + QStringLiteral("/%1").arg(report1Id), school);
    QCOMPARE(one.status, 200);
    QCOMPARE(one.json().value(QStringLiteral("number")).toInt(), 1);
    QCOMPARE(one.json().value(QStringLiteral("lines")).toArray().size(), qsizetype(3));
    VERIFY_PROBLEM(
        http.get(reportsPath + QStringLiteral("/%1").arg(report2Id + 1000), school), 404, errc(sg::errc::NotFound));

    // Teachers see no reports; the operator does, but sends none.
    VERIFY_PROBLEM(http.get(reportsPath, teacher), 403, errc(sg::errc::Forbidden));
    VERIFY_PROBLEM(
        http.get(reportsPath + QStringLiteral("/%1").arg(report1Id), teacher), 403, errc(sg::errc::Forbidden));
    const HttpAnswer opList = http.get(reportsPath, op);
    QCOMPARE(opList.status, 200);
    QCOMPARE(opList.json().value(QStringLiteral("items")).toArray().size(), qsizetype(2));
    QCOMPARE(http.get(reportsPath + QStringLiteral("/%1").arg(report2Id), op).status, 200);
}

void TestServerApi::crossSchoolIsolation()
{
    // A second school with one pending teacher and its own account, created directly in the database.
    sg::server::Database &db = m_server->server().database();
    QSqlQuery school =
        db.prepare(QStringLiteral("INSERT INTO schools (inn, name, director_status) VALUES (?, ?, 'confirmed')"));
    school.addBindValue(QStringLiteral("7707083893"));
    school.addBindValue(s(u"Другая школа"));
    QVERIFY(db.exec(school).ok());
    const qint64 otherId = school.lastInsertId().toLongLong();
    QVERIFY(otherId > 0 && otherId != m_schoolId);
    QSqlQuery person = db.prepare(QStringLiteral("INSERT INTO members (school_id, role, surname, name, status, "
                                                 "registered_at) VALUES (?, 'teacher', ?, ?, 'pending', ?)"));
    person.addBindValue(otherId);
    person.addBindValue(s(u"Чужой"));
    person.addBindValue(s(u"Учитель"));
    person.addBindValue(QStringLiteral("2026-09-01T09:00:00.000Z"));
    QVERIFY(db.exec(person).ok());
    const qint64 otherMember = person.lastInsertId().toLongLong();
    QVERIFY(otherMember > 0);
    sg::server::NewAccount account;
    account.login = QStringLiteral("other-school");
    account.password = QStringLiteral("another school's password");
    account.role = sg::Role::School;
    account.schoolId = otherId;
    QVERIFY(m_server->server().accounts().createAccount(account).ok());

    const QString other = QStringLiteral("/api/v1/schools/%1").arg(otherId);
    const QString missing = QStringLiteral("/api/v1/schools/%1").arg(otherId + 100000);
    const QJsonObject decisionBody = batch({item(key("cross"), otherMember, QStringLiteral("approve"), 1)});
    const QJsonObject reportBody{{QStringLiteral("key"), key("cross-report")}};

    struct Probe
    {
        QByteArray method;
        QString suffix;
        QJsonObject body;
    };
    const QList<Probe> probes{{"GET", QString(), {}}, {"GET", QStringLiteral("/members"), {}},
        {"GET", QStringLiteral("/members?role=teacher"), {}}, {"POST", QStringLiteral("/decisions"), decisionBody},
        {"GET", QStringLiteral("/reports"), {}}, {"POST", QStringLiteral("/reports"), reportBody},
        {"GET", QStringLiteral("/reports/1"), {}}};
    for (const QString &token : {m_schoolToken, m_teacherToken}) {
        for (const Probe &p : probes) {
            const auto send = [&](const QString &path) {
                return p.method == "POST" ? m_http->postJson(path + p.suffix, p.body, token)
                                          : m_http->get(path + p.suffix, token);
            };
            const HttpAnswer a = send(other);
            VERIFY_PROBLEM(a, 404, errc(sg::errc::NotFound));
            // Exactly like a school that does not exist.
            QCOMPARE(a.body, send(missing).body);
        }
    }

    // Deciding on the other school's member through one's own school: refused, nothing changes there.
    const HttpAnswer own = decide(m_schoolToken, {item(key("cross-own"), otherMember, QStringLiteral("approve"), 1)});
    QVERIFY2(own.status == 200, qPrintable(describe(own)));
    const QJsonObject r = own.json().value(QStringLiteral("results")).toArray().at(0).toObject();
    QCOMPARE(r.value(QStringLiteral("outcome")).toString(), QStringLiteral("forbidden"));
    QCOMPARE(r.value(QStringLiteral("code")).toString(), errc(sg::errc::Forbidden));
    QVERIFY(!r.contains(QStringLiteral("status")));
    // The other school's people are not in our list.
    for (const QJsonObject &m : members(m_schoolToken))
        QVERIFY(m.value(QStringLiteral("id")).toInteger() != otherMember);

    // The other school sees its own member, untouched, and none of ours.
    const QString otherToken = signIn(*m_http, account.login, account.password);
    QVERIFY(!otherToken.isEmpty());
    const HttpAnswer theirs = m_http->get(other + QStringLiteral("/members"), otherToken);
    QCOMPARE(theirs.status, 200);
    const QJsonArray theirItems = theirs.json().value(QStringLiteral("items")).toArray();
    QCOMPARE(theirItems.size(), qsizetype(1));
    QCOMPARE(theirItems.at(0).toObject().value(QStringLiteral("id")).toInteger(), otherMember);
    QCOMPARE(theirItems.at(0).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    QCOMPARE(theirItems.at(0).toObject().value(QStringLiteral("version")).toInteger(), 1);
    VERIFY_PROBLEM(m_http->get(schoolPath(QStringLiteral("/members")), otherToken), 404, errc(sg::errc::NotFound));
    // And they may decide on their own member (positive control for the refusals above).
    const HttpAnswer mine = m_http->postJson(other + QStringLiteral("/decisions"),
        batch({item(key("cross-mine"), otherMember, QStringLiteral("approve"), 1)}), otherToken);
    QCOMPARE(mine.json()
                 .value(QStringLiteral("results"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("outcome"))
                 .toString(),
        QStringLiteral("applied"));
}

void TestServerApi::badInput_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path"); // "{school}" is replaced by the demo school's id
    QTest::addColumn<QByteArray>("auth"); // "school": the school's bearer token; otherwise the raw header value
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("detail"); // a fragment the detail must contain (the field path), or empty

    const QByteArray json = "application/json";
    const QByteArray login = R"({"login":"demo-school","password":"demo password for tests"})";
    const QByteArray validItem = R"({"key":"0123456789","memberId":1,"verdict":"approve","baseVersion":1})";
    const auto items = [](const QByteArray &list) { return QByteArray(R"({"items":[)") + list + "]}"; };
    const QString session = QStringLiteral("/api/v1/session");
    const QString decisions = QStringLiteral("/api/v1/schools/{school}/decisions");
    const QString reports = QStringLiteral("/api/v1/schools/{school}/reports");
    const QString me = QStringLiteral("/api/v1/me");
    const QString invalid = errc(sg::errc::ValidationFailed);
    const QString malformed = errc(sg::errc::MalformedJson);

    const auto row = [](const char *name, const char *method, const QString &path, const QByteArray &auth,
                         const QByteArray &type, const QByteArray &body, int status, const QString &code,
                         const char *detail = "") {
        QTest::newRow(name) << QByteArray(method) << path << auth << type << body << status << code
                            << QString::fromUtf8(detail);
    };

    // Body syntax and media type.
    row("malformed JSON", "POST", session, {}, json, R"({"login":)", 400, malformed);
    row("JSON array instead of object", "POST", session, {}, json, "[]", 400, malformed);
    row("JSON string instead of object", "POST", session, {}, json, R"("demo-school")", 400, malformed);
    row("empty body", "POST", session, {}, json, {}, 400, malformed);
    row("NUL byte between tokens", "POST", session, {}, json, QByteArray(R"({"login")") + '\0' + R"(:"x"})", 400,
        malformed);
    row("invalid UTF-8 in JSON", "POST", session, {}, json, "{\"login\":\"\xC3\x28\",\"password\":\"x\"}", 400,
        malformed);
    row("JSON nested 100000 deep", "POST", session, {}, json, QByteArray(100000, '[') + QByteArray(100000, ']'), 400,
        malformed);
    row("wrong Content-Type text/plain", "POST", session, {}, "text/plain", login, 415,
        errc(sg::errc::UnsupportedMediaType));
    row("form Content-Type", "POST", session, {}, "application/x-www-form-urlencoded", "login=a&password=b", 415,
        errc(sg::errc::UnsupportedMediaType));
    row("1 MiB junk body", "POST", decisions, "school", json, QByteArray(1 << 20, '\x9c'), 400, malformed);

    // Sign-in body.
    row("login body missing password", "POST", session, {}, json, R"({"login":"demo-school"})", 422, invalid,
        "password");
    row("login body with unknown field", "POST", session, {}, json,
        R"({"login":"demo-school","password":"demo password for tests","otp":"123456"})", 422,
        errc(sg::errc::UnknownField), "otp");
    row("login as number", "POST", session, {}, json, R"({"login":5,"password":"x"})", 422, invalid, "login");
    row("login named twice", "POST", session, {}, json,
        R"({"login":"nobody","password":"demo password for tests","login":"demo-school"})", 400, malformed, "login");
    row("login named twice, once escaped", "POST", session, {}, json,
        R"({"login":"nobody","password":"demo password for tests","log\u0069n":"demo-school"})", 400, malformed,
        "login");

    // Authentication.
    row("missing Authorization", "GET", me, {}, {}, {}, 401, errc(sg::errc::Unauthenticated));
    row("garbage bearer token", "GET", me, "Bearer garbage", {}, {}, 401, errc(sg::errc::Unauthenticated));
    row("Basic instead of Bearer", "GET", me, "Basic ZGVtby1zY2hvb2w6eA==", {}, {}, 401,
        errc(sg::errc::Unauthenticated));
    row("Bearer without token", "GET", me, "Bearer", {}, {}, 401, errc(sg::errc::Unauthenticated));
    row("5000-character token", "GET", me, "Bearer " + QByteArray(5000, 'a'), {}, {}, 401,
        errc(sg::errc::Unauthenticated));
    row("decisions without token", "POST", decisions, {}, json, items(validItem), 401, errc(sg::errc::Unauthenticated));

    // School ids.
    const QString nf = errc(sg::errc::NotFound);
    row("non-numeric school id", "GET", QStringLiteral("/api/v1/schools/abc/members"), "school", {}, {}, 404, nf);
    row("negative school id", "GET", QStringLiteral("/api/v1/schools/-1/members"), "school", {}, {}, 404, nf);
    row("zero school id", "GET", QStringLiteral("/api/v1/schools/0"), "school", {}, {}, 404, nf);
    row("huge school id", "GET", QStringLiteral("/api/v1/schools/99999999999999999999/members"), "school", {}, {}, 404,
        nf);
    row("school id with plus sign", "GET", QStringLiteral("/api/v1/schools/+{school}/members"), "school", {}, {}, 404,
        nf);
    row("hexadecimal school id", "GET", QStringLiteral("/api/v1/schools/0x1/members"), "school", {}, {}, 404, nf);
    row("school id cut by an encoded NUL", "GET", QStringLiteral("/api/v1/schools/{school}%00garbage/members"),
        "school", {}, {}, 404, nf);
    row("school id with an encoded space", "GET", QStringLiteral("/api/v1/schools/{school}%20/members"), "school", {},
        {}, 404, nf);
    row("school id with a leading space", "GET", QStringLiteral("/api/v1/schools/%20{school}/members"), "school", {},
        {}, 404, nf);
    row("school id with a leading zero", "GET", QStringLiteral("/api/v1/schools/0{school}/members"), "school", {}, {},
        404, nf);
    row("school id in Arabic-Indic digits", "GET", QStringLiteral("/api/v1/schools/%D9%A1/members"), "school", {}, {},
        404, nf);
    row("school that does not exist", "GET", QStringLiteral("/api/v1/schools/987654/members"), "school", {}, {}, 404,
        nf);
    row("report id not numeric", "GET", reports + QStringLiteral("/abc"), "school", {}, {}, 404, nf);
    row("report that does not exist", "GET", reports + QStringLiteral("/987654"), "school", {}, {}, 404, nf);

    // Routes and methods.
    row("unknown route", "GET", QStringLiteral("/api/v1/nothing-here"), "school", {}, {}, 404, nf);
    row("unknown API version", "GET", QStringLiteral("/api/v2/health"), {}, {}, {}, 404, nf);
    row("POST on health", "POST", QStringLiteral("/api/v1/health"), {}, json, "{}", 405,
        errc(sg::errc::MethodNotAllowed));
    row("PUT on session", "PUT", session, {}, json, login, 405, errc(sg::errc::MethodNotAllowed));
    row("DELETE on members", "DELETE", QStringLiteral("/api/v1/schools/{school}/members"), "school", {}, {}, 405,
        errc(sg::errc::MethodNotAllowed));
    row("PATCH on decisions", "PATCH", decisions, "school", json, items(validItem), 405,
        errc(sg::errc::MethodNotAllowed));

    // Query.
    row("members with role=admin", "GET", QStringLiteral("/api/v1/schools/{school}/members?role=admin"), "school", {},
        {}, 400, invalid, "role");

    // Decision batches.
    row("decisions: wrong Content-Type", "POST", decisions, "school", "text/plain", items(validItem), 415,
        errc(sg::errc::UnsupportedMediaType));
    row("decisions: body is an array", "POST", decisions, "school", json, "[" + validItem + "]", 400, malformed);
    row("decisions: items missing", "POST", decisions, "school", json, "{}", 422, invalid, "items");
    row("decisions: items not an array", "POST", decisions, "school", json, R"({"items":{}})", 422, invalid, "items");
    row("decisions: items null", "POST", decisions, "school", json, R"({"items":null})", 422, invalid, "items");
    row("decisions: empty items", "POST", decisions, "school", json, items({}), 422, invalid, "items");
    {
        QByteArray many;
        many.reserve(800000);
        for (int i = 0; i <= 10000; ++i) {
            if (i)
                many += ',';
            many += R"({"key":"bulk-key-)" + QByteArray::number(i)
                + R"(","memberId":1,"verdict":"approve","baseVersion":1})";
        }
        row("decisions: 10,001 items", "POST", decisions, "school", json, items(many), 413,
            errc(sg::errc::BatchTooLarge));
    }
    row("decisions: memberId twice in an item", "POST", decisions, "school", json,
        items(R"({"key":"0123456789","memberId":1,"verdict":"approve","baseVersion":1,"memberId":2})"), 400, malformed,
        "memberId");
    row("decisions: item not an object", "POST", decisions, "school", json, items("1"), 422, invalid, "items[0]");
    row("decisions: second item is a string", "POST", decisions, "school", json, items(validItem + R"(,"x")"), 422,
        invalid, "items[1]");
    row("decisions: memberId as string", "POST", decisions, "school", json,
        items(R"({"key":"0123456789","memberId":"1","verdict":"approve","baseVersion":1})"), 422, invalid,
        "items[0].memberId");
    row("decisions: memberId negative", "POST", decisions, "school", json,
        items(R"({"key":"0123456789","memberId":-5,"verdict":"approve","baseVersion":1})"), 422, invalid,
        "items[0].memberId");
    row("decisions: memberId fractional", "POST", decisions, "school", json,
        items(R"({"key":"0123456789","memberId":1.5,"verdict":"approve","baseVersion":1})"), 422, invalid,
        "items[0].memberId");
    row("decisions: verdict maybe", "POST", decisions, "school", json,
        items(R"({"key":"0123456789","memberId":1,"verdict":"maybe","baseVersion":1})"), 422, invalid,
        "items[0].verdict");
    row("decisions: key too short", "POST", decisions, "school", json,
        items(R"({"key":"abc","memberId":1,"verdict":"approve","baseVersion":1})"), 422, invalid, "items[0].key");
    row("decisions: key longer than 64", "POST", decisions, "school", json,
        items(R"({"key":")" + QByteArray(65, 'k') + R"(","memberId":1,"verdict":"approve","baseVersion":1})"), 422,
        invalid, "items[0].key");
    row("decisions: baseVersion missing", "POST", decisions, "school", json,
        items(R"({"key":"0123456789","memberId":1,"verdict":"approve"})"), 422, invalid, "items[0].baseVersion");
    row("decisions: unknown field in item", "POST", decisions, "school", json,
        items(validItem + R"(,{"key":"9876543210","memberId":2,"verdict":"approve","baseVersion":1,"color":"red"})"),
        422, errc(sg::errc::UnknownField), "items[1].color");
    row("decisions: reason longer than 500", "POST", decisions, "school", json,
        items(R"({"key":"0123456789","memberId":1,"verdict":"reject","baseVersion":1,"reason":")" + QByteArray(501, 'r')
            + R"("})"),
        422, invalid, "items[0].reason");
    row("decisions: unknown top-level field", "POST", decisions, "school", json,
        R"({"items":[)" + validItem + R"(],"dryRun":true})", 422, errc(sg::errc::UnknownField), "dryRun");

    // Reports.
    row("report: key too short", "POST", reports, "school", json, R"({"key":"abc"})", 422, invalid, "key");
    row("report: key missing", "POST", reports, "school", json, "{}", 422, invalid, "key");
    row("report: key is a number", "POST", reports, "school", json, R"({"key":12345678901})", 422, invalid, "key");
    row("report: unknown field", "POST", reports, "school", json, R"({"key":"0123456789","format":"pdf"})", 422,
        errc(sg::errc::UnknownField), "format");
    row("report: not JSON", "POST", reports, "school", json, "key=0123456789", 400, malformed);
}

void TestServerApi::badInput()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, auth);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, detail);

    path.replace(QStringLiteral("{school}"), QString::number(m_schoolId));
    RawHttp::Headers headers;
    if (auth == "school")
        headers = RawHttp::bearer(m_schoolToken);
    else if (!auth.isEmpty())
        headers.append({QByteArray("Authorization"), auth});
    if (!contentType.isEmpty())
        headers.append({QByteArray("Content-Type"), contentType});

    const HttpAnswer a = m_http->send(method, path, body, headers);
    QVERIFY2(a.status > 0, qPrintable(describe(a)));
    QVERIFY2(a.status < 500, qPrintable(describe(a)));
    VERIFY_PROBLEM(a, status, code);
    if (!detail.isEmpty()) {
        const QString text = a.json().value(QStringLiteral("detail")).toString();
        QVERIFY2(text.contains(detail), qPrintable(text));
    }
    if (status == 401)
        QCOMPARE(a.header("WWW-Authenticate"), QByteArray("Bearer"));
    if (status == 405)
        QVERIFY(!a.header("Allow").isEmpty());
    QCOMPARE(a.header("Cache-Control"), QByteArray("no-store"));

    // The server keeps answering after each of these.
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/health")).status, 200);
}

void TestServerApi::stillHealthy()
{
    const HttpAnswer a = m_http->get(QStringLiteral("/api/v1/health"));
    QVERIFY2(a.status == 200, qPrintable(describe(a)));
    QCOMPARE(a.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    // Sessions and data survived the bad input.
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/me"), m_schoolToken).status, 200);
    QCOMPARE(members(m_schoolToken, QStringLiteral("?role=teacher")).size(), qsizetype(40));
}

QTEST_GUILESS_MAIN(TestServerApi)

#include "tst_serverapi.moc"
