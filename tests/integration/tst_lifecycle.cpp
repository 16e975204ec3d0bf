// What happens over time, in process against the server module with the demo school and a fake clock:
// year-end graduation over HTTP, how long idempotency keys are kept, and how long sessions live.

#include "core/errorcodes.h"
#include "fakeclock.h"
#include "rawhttp.h"
#include "server/accountstore.h"
#include "server/auditlog.h"
#include "server/database.h"
#include "server/schoolstore.h"
#include "testserver.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>
#include <memory>
#include <utility>

using namespace sg;
using server::AuditEntry;
using test::HttpAnswer;
using test::RawHttp;
using test::TestServer;

namespace {

constexpr qint64 kMinute = 60;
constexpr qint64 kDay = 24 * 60 * 60;

QString describe(const HttpAnswer &a)
{
    return QStringLiteral("HTTP %1 %2 %3").arg(a.status).arg(QString::fromUtf8(a.body.left(400)), a.networkError);
}

// A demo server on its own fake clock. Members in construction order: the clock outlives the server.
struct Fixture
{
    test::FakeClock clock;
    TestServer server{TestServer::Options{true, &clock, {}, {}, {}, {}}};
    RawHttp http{server.url()};

    QString signIn(const QString &login, const QString &password = TestServer::kPassword)
    {
        const HttpAnswer a = http.postJson(QStringLiteral("/api/v1/session"),
            {{QStringLiteral("login"), login}, {QStringLiteral("password"), password}});
        return a.status == 201 ? a.json().value(QStringLiteral("token")).toString() : QString();
    }
    QString school() { return QStringLiteral("/api/v1/schools/%1").arg(server.demo().schoolId); }
    int me(const QString &token) { return http.get(QStringLiteral("/api/v1/me"), token).status; }
    HttpAnswer postRaw(const QString &path, const QByteArray &body, const QString &token)
    {
        RawHttp::Headers h = RawHttp::bearer(token);
        h.append({QByteArray("Content-Type"), QByteArray("application/json")});
        return http.send("POST", path, body, h);
    }
    HttpAnswer changePassword(const QString &token, const QString &current, const QString &next)
    {
        RawHttp::Headers h = RawHttp::bearer(token);
        h.append({QByteArray("Content-Type"), QByteArray("application/json")});
        return http.send("PUT", QStringLiteral("/api/v1/me/password"),
            QJsonDocument(
                QJsonObject{{QStringLiteral("currentPassword"), current}, {QStringLiteral("newPassword"), next}})
                .toJson(QJsonDocument::Compact),
            h);
    }
    // Every member of the demo school by id, as the school sees them.
    QHash<qint64, QJsonObject> members(const QString &token)
    {
        QHash<qint64, QJsonObject> out;
        const HttpAnswer a = http.get(school() + QStringLiteral("/members"), token);
        for (const QJsonValue &v : a.json().value(QStringLiteral("items")).toArray())
            out.insert(v.toObject().value(QStringLiteral("id")).toInteger(), v.toObject());
        return out;
    }
    QList<AuditEntry> audit(const QString &action)
    {
        QList<AuditEntry> out;
        for (const AuditEntry &e : server.server().audit().entries(server.demo().schoolId, 0, 1000000)) {
            if (e.action == action)
                out.append(e);
        }
        return out;
    }
};

QJsonObject item(const QString &key, const QJsonObject &member, const QString &verdict, const QString &reason = {})
{
    QJsonObject o{{QStringLiteral("key"), key}, {QStringLiteral("memberId"), member.value(QStringLiteral("id"))},
        {QStringLiteral("verdict"), verdict}, {QStringLiteral("baseVersion"), member.value(QStringLiteral("version"))}};
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    return o;
}

QJsonObject batch(const QJsonArray &items)
{
    return {{QStringLiteral("items"), items}};
}

QString outcomeOf(const HttpAnswer &a, int index = 0)
{
    return a.json()
        .value(QStringLiteral("results"))
        .toArray()
        .at(index)
        .toObject()
        .value(QStringLiteral("outcome"))
        .toString();
}

bool isEleventhGrade(const QJsonObject &member)
{
    const QString c = member.value(QStringLiteral("className")).toString();
    return member.value(QStringLiteral("role")).toString() == QLatin1String("student")
        && (c == QStringLiteral("11А") || c == QStringLiteral("11Б"));
}

int idempotencyKeyCount(server::Database &db, const QString &key)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM idempotency_keys WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toInt();
}

} // namespace

class TestLifecycle : public QObject
{
    Q_OBJECT

private slots:
    void cleanupTestCase();

    void graduationOverHttp();
    void graduationRejectsBadBodies_data();
    void graduationRejectsBadBodies();
    void idempotencyKeysKeptThenPurged();
    void idleSessionExpires();
    void activeSessionEndsAfterTwelveHours();
    void logoutEndsSessionAtOnce();
    void passwordChangeRevokesOtherSessions();
    void disablingAnAccountEndsItsSessions();
    void addressLimitStopsSprayingAcrossAccounts();

private:
    // One server for all rows of the bad-body table (seeding the demo school per row would be slow).
    std::unique_ptr<Fixture> m_shared;
};

void TestLifecycle::cleanupTestCase()
{
    m_shared.reset();
}

void TestLifecycle::graduationOverHttp()
{
    Fixture f;
    QVERIFY2(f.server.isValid(), qPrintable(f.server.errorString()));
    const QString school = f.signIn(QStringLiteral("demo-school"));
    QVERIFY(!school.isEmpty());

    QHash<qint64, QJsonObject> before = f.members(school);
    QList<QJsonObject> eleventh;
    QJsonObject tenth;
    for (const QJsonObject &m : std::as_const(before)) {
        if (isEleventhGrade(m))
            eleventh.append(m);
        else if (tenth.isEmpty() && m.value(QStringLiteral("className")).toString() == QStringLiteral("10А"))
            tenth = m;
    }
    std::sort(eleventh.begin(), eleventh.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(QStringLiteral("id")).toInteger() < b.value(QStringLiteral("id")).toInteger();
    });
    QVERIFY(eleventh.size() > 10);
    QVERIFY(!tenth.isEmpty());

    // Two 11th-graders approved, one rejected, and one 10th-grader approved (who must stay as he is).
    const HttpAnswer decided = f.http.postJson(f.school() + QStringLiteral("/decisions"),
        batch({item(QStringLiteral("grad-approve-1"), eleventh.at(0), QStringLiteral("approve")),
            item(QStringLiteral("grad-approve-2"), eleventh.last(), QStringLiteral("approve")),
            item(QStringLiteral("grad-reject-1"), eleventh.at(1), QStringLiteral("reject"),
                QStringLiteral("Не учится в школе")),
            item(QStringLiteral("grad-approve-10"), tenth, QStringLiteral("approve"))}),
        school);
    QVERIFY2(decided.status == 200, qPrintable(describe(decided)));
    for (int i = 0; i < 4; ++i)
        QCOMPARE(outcomeOf(decided, i), QStringLiteral("applied"));
    before = f.members(school);
    const qint64 approved1 = eleventh.at(0).value(QStringLiteral("id")).toInteger();
    const qint64 approved2 = eleventh.last().value(QStringLiteral("id")).toInteger();
    const qint64 rejected = eleventh.at(1).value(QStringLiteral("id")).toInteger();

    // Only the school moves whole grades: a teacher is refused, and nothing changes.
    const QString teacher = f.signIn(QStringLiteral("demo-teacher"));
    QVERIFY(!teacher.isEmpty());
    const HttpAnswer refused = f.postRaw(f.school() + QStringLiteral("/graduations"), R"({"grades":[11]})", teacher);
    QVERIFY2(refused.status == 403, qPrintable(describe(refused)));
    QCOMPARE(refused.code(), QStringLiteral("forbidden"));
    QCOMPARE(f.members(school), before);
    QVERIFY(f.audit(QStringLiteral("members.graduated")).isEmpty());

    const HttpAnswer graduated = f.postRaw(f.school() + QStringLiteral("/graduations"), R"({"grades":[11]})", school);
    QVERIFY2(graduated.status == 200, qPrintable(describe(graduated)));
    QCOMPARE(graduated.json().value(QStringLiteral("changed")).toInt(), int(eleventh.size()));

    const QHash<qint64, QJsonObject> after = f.members(school);
    QCOMPARE(after.size(), before.size());
    int graduates = 0;
    int notCurrent = 0;
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        const QJsonObject &was = it.value();
        const QJsonObject now = after.value(it.key());
        if (!isEleventhGrade(was)) {
            QVERIFY2(now == was,
                qPrintable(QStringLiteral("member %1 of %2 changed")
                               .arg(it.key())
                               .arg(was.value(QStringLiteral("className")).toString())));
            continue;
        }
        const bool wasApproved = was.value(QStringLiteral("status")).toString() == QLatin1String("approved");
        QCOMPARE(now.value(QStringLiteral("status")).toString(),
            wasApproved ? QStringLiteral("graduate") : QStringLiteral("not-current"));
        QCOMPARE(
            now.value(QStringLiteral("version")).toInteger(), was.value(QStringLiteral("version")).toInteger() + 1);
        (wasApproved ? graduates : notCurrent)++;
    }
    QCOMPARE(graduates, 2);
    QCOMPARE(notCurrent, int(eleventh.size()) - 2);
    QCOMPARE(after.value(approved1).value(QStringLiteral("status")).toString(), QStringLiteral("graduate"));
    QCOMPARE(after.value(approved2).value(QStringLiteral("status")).toString(), QStringLiteral("graduate"));
    QCOMPARE(after.value(rejected).value(QStringLiteral("status")).toString(), QStringLiteral("not-current"));
    QCOMPARE(after.value(tenth.value(QStringLiteral("id")).toInteger()).value(QStringLiteral("status")).toString(),
        QStringLiteral("approved"));

    // Decisions on people who have left are invalid, even on their current version.
    const HttpAnswer late = f.http.postJson(f.school() + QStringLiteral("/decisions"),
        batch({item(QStringLiteral("late-reject-graduate"), after.value(approved1), QStringLiteral("reject"),
                   QStringLiteral("Ошибка")),
            item(QStringLiteral("late-approve-graduate"), after.value(approved2), QStringLiteral("approve")),
            item(QStringLiteral("late-approve-not-current"), after.value(rejected), QStringLiteral("approve"))}),
        school);
    QVERIFY2(late.status == 200, qPrintable(describe(late)));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(outcomeOf(late, i), QStringLiteral("invalid"));
    QCOMPARE(f.members(school), after);

    // One audit entry names the grades and the count.
    const QList<AuditEntry> entries = f.audit(QStringLiteral("members.graduated"));
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().actor, QStringLiteral("demo-school"));
    QCOMPARE(entries.first().after.value(QStringLiteral("changed")).toInt(), int(eleventh.size()));
    QCOMPARE(entries.first().after.value(QStringLiteral("grades")).toArray(), QJsonArray{11});
    const auto verification = f.server.server().audit().verify();
    QVERIFY2(verification.ok, qPrintable(verification.problem));

    // Graduating the same grade again changes nobody.
    const HttpAnswer again = f.postRaw(f.school() + QStringLiteral("/graduations"), R"({"grades":[11]})", school);
    QVERIFY2(again.status == 200, qPrintable(describe(again)));
    QCOMPARE(again.json().value(QStringLiteral("changed")).toInt(), 0);
    QCOMPARE(f.members(school), after);
}

void TestLifecycle::graduationRejectsBadBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    const QString invalid = QStringLiteral("validation-failed");
    QTest::newRow("grades missing") << QByteArray("{}") << invalid;
    QTest::newRow("grade 0") << QByteArray(R"({"grades":[0]})") << invalid;
    QTest::newRow("grade 12") << QByteArray(R"({"grades":[12]})") << invalid;
    QTest::newRow("negative grade") << QByteArray(R"({"grades":[-11]})") << invalid;
    QTest::newRow("grade as string") << QByteArray(R"({"grades":["11"]})") << invalid;
    QTest::newRow("fractional grade") << QByteArray(R"({"grades":[5.5]})") << invalid;
    QTest::newRow("grades a number") << QByteArray(R"({"grades":5.5})") << invalid;
    QTest::newRow("grades a string") << QByteArray(R"({"grades":"11"})") << invalid;
    QTest::newRow("empty list") << QByteArray(R"({"grades":[]})") << invalid;
    QTest::newRow("null in list") << QByteArray(R"({"grades":[11,null]})") << invalid;
    QTest::newRow("valid then invalid") << QByteArray(R"({"grades":[11,12]})") << invalid;
    QTest::newRow("int overflow to 11") << QByteArray(R"({"grades":[4294967307]})") << invalid;
    QTest::newRow("huge") << QByteArray(R"({"grades":[1e300]})") << invalid;
    QTest::newRow("unknown field") << QByteArray(R"({"grades":[11],"all":true})") << QStringLiteral("unknown-field");
}

void TestLifecycle::graduationRejectsBadBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    if (!m_shared)
        m_shared = std::make_unique<Fixture>();
    Fixture &f = *m_shared;
    QVERIFY2(f.server.isValid(), qPrintable(f.server.errorString()));
    const QString school = f.signIn(QStringLiteral("demo-school"));
    QVERIFY(!school.isEmpty());

    const HttpAnswer a = f.postRaw(f.school() + QStringLiteral("/graduations"), body, school);
    QVERIFY2(a.status == 422, qPrintable(describe(a)));
    QCOMPARE(a.code(), code);
    QVERIFY(a.contentType.startsWith("application/problem+json"));
    // Nothing happened: no graduation was recorded, and the 11th grade is still current.
    QVERIFY(f.audit(QStringLiteral("members.graduated")).isEmpty());
    for (const QJsonObject &m : f.members(school)) {
        if (isEleventhGrade(m))
            QCOMPARE(m.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    }
}

void TestLifecycle::idempotencyKeysKeptThenPurged()
{
    static_assert(server::SchoolStore::kIdempotencyRetentionDays >= 90,
        "offline laptops resend after the summer holidays: keys must live at least 90 days");
    Fixture f;
    QVERIFY2(f.server.isValid(), qPrintable(f.server.errorString()));
    QString school = f.signIn(QStringLiteral("demo-school"));
    QVERIFY(!school.isEmpty());
    QJsonObject student;
    for (const QJsonObject &m : f.members(school)) {
        if (m.value(QStringLiteral("role")).toString() == QLatin1String("student")
            && m.value(QStringLiteral("status")).toString() == QLatin1String("pending")) {
            student = m;
            break;
        }
    }
    QVERIFY(!student.isEmpty());
    const QString key = QStringLiteral("offline-laptop-key-0001");
    const QJsonObject body = batch({item(key, student, QStringLiteral("approve"))});
    const QString path = f.school() + QStringLiteral("/decisions");

    // Day 0: applied.
    const HttpAnswer first = f.http.postJson(path, body, school);
    QVERIFY2(first.status == 200, qPrintable(describe(first)));
    QCOMPARE(outcomeOf(first), QStringLiteral("applied"));
    QCOMPARE(idempotencyKeyCount(f.server.server().database(), key), 1);

    // Day 100 (after the summer): the purge keeps the key, the resend is recognised.
    f.clock.advance(100 * kDay);
    QCOMPARE(f.me(school), 401); // the old session has long expired
    school = f.signIn(QStringLiteral("demo-school"));
    QVERIFY(!school.isEmpty());
    f.server.server().schools().purgeIdempotencyKeys(
        f.clock.now().addDays(-server::SchoolStore::kIdempotencyRetentionDays));
    QCOMPARE(idempotencyKeyCount(f.server.server().database(), key), 1);
    const HttpAnswer resent = f.http.postJson(path, body, school);
    QVERIFY2(resent.status == 200, qPrintable(describe(resent)));
    QCOMPARE(outcomeOf(resent), QStringLiteral("duplicate"));
    QCOMPARE(f.audit(QStringLiteral("decision.applied")).size(), 1);

    // Day 200: past the retention, the purge removes it.
    f.clock.advance(100 * kDay);
    school = f.signIn(QStringLiteral("demo-school"));
    QVERIFY(!school.isEmpty());
    const int purged = f.server.server().schools().purgeIdempotencyKeys(
        f.clock.now().addDays(-server::SchoolStore::kIdempotencyRetentionDays));
    QVERIFY(purged >= 1);
    QCOMPARE(idempotencyKeyCount(f.server.server().database(), key), 0);
    // Without its key the old request is judged afresh: its base version is stale now.
    const HttpAnswer stale = f.http.postJson(path, body, school);
    QVERIFY2(stale.status == 200, qPrintable(describe(stale)));
    QCOMPARE(outcomeOf(stale), QStringLiteral("conflict"));
}

void TestLifecycle::idleSessionExpires()
{
    Fixture f;
    QVERIFY2(f.server.isValid(), qPrintable(f.server.errorString()));
    const QString token = f.signIn(QStringLiteral("demo-school"));
    QVERIFY(!token.isEmpty());
    f.clock.advance(29 * kMinute);
    QCOMPARE(f.me(token), 200);
    f.clock.advance(31 * kMinute);
    const HttpAnswer expired = f.http.get(QStringLiteral("/api/v1/me"), token);
    QCOMPARE(expired.status, 401);
    QCOMPARE(expired.code(), QStringLiteral("unauthenticated"));
    // Gone for good: coming back within the idle window does not revive it.
    f.clock.advance(-30 * kMinute);
    QCOMPARE(f.me(token), 401);
    // A new sign-in works.
    QCOMPARE(f.me(f.signIn(QStringLiteral("demo-school"))), 200);
}

void TestLifecycle::activeSessionEndsAfterTwelveHours()
{
    Fixture f;
    QVERIFY2(f.server.isValid(), qPrintable(f.server.errorString()));
    const QDateTime start = f.clock.now();
    const QString token = f.signIn(QStringLiteral("demo-school"));
    QVERIFY(!token.isEmpty());
    // Activity every 20 minutes up to 11 h 40 min.
    for (int step = 1; step <= 35; ++step) {
        f.clock.advance(20 * kMinute);
        QVERIFY2(f.me(token) == 200, qPrintable(QStringLiteral("expired after %1 minutes").arg(step * 20)));
    }
    // 12 h 01 min after sign-in, only 21 minutes idle: the absolute limit ends it.
    f.clock.advance(21 * kMinute);
    QCOMPARE(f.clock.now(), start.addSecs(12 * 60 * kMinute + kMinute));
    QCOMPARE(f.me(token), 401);
}

void TestLifecycle::logoutEndsSessionAtOnce()
{
    Fixture f;
    QVERIFY2(f.server.isValid(), qPrintable(f.server.errorString()));
    const QString token = f.signIn(QStringLiteral("demo-school"));
    const QString other = f.signIn(QStringLiteral("demo-school"));
    QVERIFY(!token.isEmpty() && !other.isEmpty() && token != other);
    QCOMPARE(f.me(token), 200);
    const HttpAnswer out = f.http.del(QStringLiteral("/api/v1/session"), token);
    QVERIFY2(out.status == 204, qPrintable(describe(out)));
    QCOMPARE(f.me(token), 401);
    QCOMPARE(f.http.get(f.school() + QStringLiteral("/members"), token).status, 401);
    QCOMPARE(f.http.del(QStringLiteral("/api/v1/session"), token).status, 401);
    // Only that session ended.
    QCOMPARE(f.me(other), 200);
}

void TestLifecycle::passwordChangeRevokesOtherSessions()
{
    Fixture f;
    QVERIFY2(f.server.isValid(), qPrintable(f.server.errorString()));
    const QString current = f.signIn(QStringLiteral("demo-school"));
    const QString laptop = f.signIn(QStringLiteral("demo-school"));
    const QString teacher = f.signIn(QStringLiteral("demo-teacher"));
    QVERIFY(!current.isEmpty() && !laptop.isEmpty() && !teacher.isEmpty());
    QCOMPARE(f.me(laptop), 200);

    const QString next = QStringLiteral("новый пароль школы 17 на осень");
    const HttpAnswer changed = f.changePassword(current, TestServer::kPassword, next);
    QVERIFY2(changed.status == 204, qPrintable(describe(changed)));
    QCOMPARE(f.me(laptop), 401); // at once, not at its next idle timeout
    QCOMPARE(f.me(current), 200);
    QCOMPARE(f.me(teacher), 200); // another account is not affected
    QVERIFY(f.signIn(QStringLiteral("demo-school")).isEmpty()); // the old password is gone
    QCOMPARE(f.me(f.signIn(QStringLiteral("demo-school"), next)), 200);
}

void TestLifecycle::disablingAnAccountEndsItsSessions()
{
    Fixture f;
    QVERIFY2(f.server.isValid(), qPrintable(f.server.errorString()));
    const QString first = f.signIn(QStringLiteral("demo-school"));
    const QString second = f.signIn(QStringLiteral("demo-school"));
    const QString teacher = f.signIn(QStringLiteral("demo-teacher"));
    QVERIFY(!first.isEmpty() && !second.isEmpty() && !teacher.isEmpty());

    auto &accounts = f.server.server().accounts();
    QVERIFY(accounts.setDisabled(QStringLiteral("demo-school"), true, QStringLiteral("test-admin")));
    QCOMPARE(f.me(first), 401); // at once
    QCOMPARE(f.me(second), 401);
    QCOMPARE(f.http.get(f.school() + QStringLiteral("/members"), first).status, 401);
    QCOMPARE(f.me(teacher), 200); // another account is not affected
    // Refused exactly like a wrong password: the answer does not tell that the account exists.
    const HttpAnswer refused = f.http.postJson(QStringLiteral("/api/v1/session"),
        {{QStringLiteral("login"), QStringLiteral("demo-school")},
            {QStringLiteral("password"), TestServer::kPassword}});
    QCOMPARE(refused.status, 401);
    QCOMPARE(refused.code(), QString::fromLatin1(sg::errc::InvalidCredentials));

    const auto unknown = accounts.setDisabled(QStringLiteral("nobody-at-all"), true, QStringLiteral("test-admin"));
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().httpStatus, 404);

    QVERIFY(accounts.setDisabled(QStringLiteral("demo-school"), false, QStringLiteral("test-admin")));
    QCOMPARE(f.me(f.signIn(QStringLiteral("demo-school"))), 200);
    QVERIFY(f.server.server().audit().verify().ok);
}

// Trying one password against many accounts from one address meets the per-address limit (200 failures an hour),
// also for an account that had no failure of its own; another address is not affected, and an hour later the
// address may try again.
void TestLifecycle::addressLimitStopsSprayingAcrossAccounts()
{
    Fixture f;
    QVERIFY2(f.server.isValid(), qPrintable(f.server.errorString()));
    auto &accounts = f.server.server().accounts();
    const QString sprayer = QStringLiteral("203.0.113.7");
    for (int i = 0; i < sg::server::AccountStore::kMaxAddressFailuresPerHour; ++i) {
        const auto a = accounts.authenticate(QStringLiteral("guess-%1").arg(i), QStringLiteral("Summer2026!"), sprayer);
        QVERIFY(!a);
        QCOMPARE(a.error().httpStatus, 401);
    }
    const auto blocked = accounts.authenticate(QStringLiteral("demo-teacher"), TestServer::kPassword, sprayer);
    QVERIFY(!blocked);
    QCOMPARE(blocked.error().httpStatus, 429);
    QCOMPARE(blocked.error().code, QString::fromLatin1(sg::errc::AccountLocked));
    QVERIFY(
        accounts.authenticate(QStringLiteral("demo-teacher"), TestServer::kPassword, QStringLiteral("198.51.100.2")));
    f.clock.advance(61 * kMinute);
    QVERIFY(accounts.authenticate(QStringLiteral("demo-teacher"), TestServer::kPassword, sprayer));
}

QTEST_GUILESS_MAIN(TestLifecycle)
#include "tst_lifecycle.moc"
