// The answer to a decision that met someone else's change tells who made that change (login and role), when, the
// status before and after it, and its reason: over real HTTP, on SQLite and on PostgreSQL (the .pg variant). The
// details are the latest decision on the person, and only when that decision is what the person is now.

#include "core/protocol.h"
#include "rawhttp.h"
#include "testserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTest>

using namespace sg;
using test::HttpAnswer;

class TestConflictAnswer : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void conflictTellsWhoWhenAndWhy();
    void approvalHasNoReason();
    void takenBackTellsNothing();
    void changeInTheSameBatchIsToldToo();
    void refusalAfterReportTellsTheDecision();
    void forbiddenTellsNothing();

private:
    QString signIn(const QString &login);
    QJsonArray decideAll(const QString &token, const QJsonArray &items);
    QJsonObject decide(const QString &token, qint64 id, const QString &verdict, qint64 baseVersion,
        const QString &reason = {}, const QString &key = {});
    QJsonObject item(
        qint64 id, const QString &verdict, qint64 baseVersion, const QString &reason = {}, const QString &key = {});
    QString base() const { return QStringLiteral("/api/v1/schools/%1").arg(m_server->demo().schoolId); }
    // A pending person: a student of the demo teacher's class, or a teacher.
    qint64 pending(const QString &token, const QString &role, int skip = 0);

    std::unique_ptr<test::TestServer> m_server;
    std::unique_ptr<test::RawHttp> m_http;
    int m_key = 0;
};

void TestConflictAnswer::init()
{
    m_server = std::make_unique<test::TestServer>();
    QVERIFY2(m_server->isValid(), qPrintable(m_server->errorString()));
    m_http = std::make_unique<test::RawHttp>(m_server->url());
}

QString TestConflictAnswer::signIn(const QString &login)
{
    return m_http
        ->postJson(QStringLiteral("/api/v1/session"),
            {{QStringLiteral("login"), login}, {QStringLiteral("password"), test::TestServer::kPassword}})
        .json()
        .value(QStringLiteral("token"))
        .toString();
}

QJsonObject TestConflictAnswer::item(
    qint64 id, const QString &verdict, qint64 baseVersion, const QString &reason, const QString &key)
{
    QJsonObject o{{QStringLiteral("key"), key.isEmpty() ? QStringLiteral("conflict-test-%1").arg(++m_key) : key},
        {QStringLiteral("memberId"), id}, {QStringLiteral("verdict"), verdict},
        {QStringLiteral("baseVersion"), baseVersion}};
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    return o;
}

QJsonArray TestConflictAnswer::decideAll(const QString &token, const QJsonArray &items)
{
    const HttpAnswer a =
        m_http->postJson(base() + QStringLiteral("/decisions"), {{QStringLiteral("items"), items}}, token);
    if (a.status != 200) {
        qWarning() << "decisions answered" << a.status << a.code();
        return {};
    }
    return a.json().value(QStringLiteral("results")).toArray();
}

QJsonObject TestConflictAnswer::decide(const QString &token, qint64 id, const QString &verdict, qint64 baseVersion,
    const QString &reason, const QString &key)
{
    return decideAll(token, {item(id, verdict, baseVersion, reason, key)}).first().toObject();
}

qint64 TestConflictAnswer::pending(const QString &token, const QString &role, int skip)
{
    for (const QJsonValue &v : m_http->get(base() + QStringLiteral("/members?role=") + role, token)
                                   .json()
                                   .value(QStringLiteral("items"))
                                   .toArray()) {
        const QJsonObject m = v.toObject();
        if (m.value(QStringLiteral("status")).toString() == QStringLiteral("pending")
            && m.value(QStringLiteral("version")).toInteger() == 1 && skip-- == 0)
            return m.value(QStringLiteral("id")).toInteger();
    }
    return 0;
}

void TestConflictAnswer::conflictTellsWhoWhenAndWhy()
{
    const QString school = signIn(QStringLiteral("demo-school"));
    const QString teacher = signIn(QStringLiteral("demo-teacher"));
    const qint64 id = pending(teacher, QStringLiteral("student")); // one of the teacher's class
    QVERIFY(id > 0);
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-2);
    const QString reason = QStringLiteral("Переведён в другую школу");
    QCOMPARE(decide(teacher, id, QStringLiteral("reject"), 1, reason).value(QStringLiteral("outcome")).toString(),
        QStringLiteral("applied"));

    // The school decided on version 1 too, meanwhile.
    const QString key = QStringLiteral("conflict-school-approve");
    const QJsonObject r = decide(school, id, QStringLiteral("approve"), 1, {}, key);
    QCOMPARE(r.value(QStringLiteral("outcome")).toString(), QStringLiteral("conflict"));
    QCOMPARE(r.value(QStringLiteral("code")).toString(), QStringLiteral("conflict"));
    QCOMPARE(r.value(QStringLiteral("status")).toString(), QStringLiteral("rejected")); // after
    QCOMPARE(r.value(QStringLiteral("version")).toInteger(), 2);
    QVERIFY(!r.value(QStringLiteral("message")).toString().isEmpty()); // kept for API users
    const QJsonObject by = r.value(QStringLiteral("changedBy")).toObject();
    QCOMPARE(by.value(QStringLiteral("login")).toString(), QStringLiteral("demo-teacher"));
    QCOMPARE(by.value(QStringLiteral("role")).toString(), QStringLiteral("teacher"));
    QCOMPARE(r.value(QStringLiteral("previousStatus")).toString(), QStringLiteral("pending")); // before
    QCOMPARE(r.value(QStringLiteral("reason")).toString(), reason);
    const auto at = proto::parseTimestamp(r.value(QStringLiteral("changedAt")).toString());
    QVERIFY(at);
    QVERIFY2(*at >= before && *at <= QDateTime::currentDateTimeUtc().addSecs(2),
        qPrintable(r.value(QStringLiteral("changedAt")).toString()));

    // The client's reading of the answer.
    const auto parsed = proto::DecisionResult::fromJson(r);
    QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().message));
    QVERIFY(parsed->other);
    QCOMPARE(parsed->other->login, QStringLiteral("demo-teacher"));
    QCOMPARE(int(parsed->other->role), int(Role::Teacher));
    QCOMPARE(parsed->other->decidedAt, *at);
    QCOMPARE(int(parsed->other->previousStatus), int(MemberStatus::Pending));
    QCOMPARE(parsed->other->reason, reason);
    QCOMPARE(QJsonObject(parsed->toJson()), r); // nothing lost, nothing added

    // The same key again: the stored answer, details and all.
    QCOMPARE(decide(school, id, QStringLiteral("approve"), 1, {}, key), r);
}

void TestConflictAnswer::approvalHasNoReason()
{
    const QString school = signIn(QStringLiteral("demo-school"));
    const qint64 id = pending(school, QStringLiteral("teacher"));
    QVERIFY(id > 0);
    QCOMPARE(decide(school, id, QStringLiteral("approve"), 1).value(QStringLiteral("outcome")).toString(),
        QStringLiteral("applied"));
    const QJsonObject r = decide(school, id, QStringLiteral("reject"), 1, QStringLiteral("Не наш сотрудник"));
    QCOMPARE(r.value(QStringLiteral("outcome")).toString(), QStringLiteral("conflict"));
    QCOMPARE(r.value(QStringLiteral("status")).toString(), QStringLiteral("approved"));
    QCOMPARE(r.value(QStringLiteral("changedBy")).toObject().value(QStringLiteral("login")).toString(),
        QStringLiteral("demo-school"));
    QCOMPARE(r.value(QStringLiteral("changedBy")).toObject().value(QStringLiteral("role")).toString(),
        QStringLiteral("school"));
    QCOMPARE(r.value(QStringLiteral("previousStatus")).toString(), QStringLiteral("pending"));
    QVERIFY(!r.contains(QStringLiteral("reason")));

    // A second change on top: the latest one is told, with the status it started from.
    QCOMPARE(decide(school, id, QStringLiteral("reject"), 2, QStringLiteral("Уволен"))
                 .value(QStringLiteral("version"))
                 .toInteger(),
        3);
    const QJsonObject again = decide(school, id, QStringLiteral("approve"), 2);
    QCOMPARE(again.value(QStringLiteral("outcome")).toString(), QStringLiteral("conflict"));
    QCOMPARE(again.value(QStringLiteral("previousStatus")).toString(), QStringLiteral("approved"));
    QCOMPARE(again.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
    QCOMPARE(again.value(QStringLiteral("reason")).toString(), QStringLiteral("Уволен"));
}

void TestConflictAnswer::takenBackTellsNothing()
{
    const QString school = signIn(QStringLiteral("demo-school"));
    const qint64 id = pending(school, QStringLiteral("teacher"));
    QVERIFY(id > 0);
    QCOMPARE(decide(school, id, QStringLiteral("approve"), 1).value(QStringLiteral("outcome")).toString(),
        QStringLiteral("applied"));
    QCOMPARE(decide(school, id, QStringLiteral("revert"), 2).value(QStringLiteral("status")).toString(),
        QStringLiteral("pending"));
    // Pending again at version 3, with no decision row left that says so: nothing is told rather than a wrong thing.
    const QJsonObject r = decide(school, id, QStringLiteral("reject"), 1, QStringLiteral("Ошибка"));
    QCOMPARE(r.value(QStringLiteral("outcome")).toString(), QStringLiteral("conflict"));
    QCOMPARE(r.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    QVERIFY(!r.contains(QStringLiteral("changedBy")));
    QVERIFY(!r.contains(QStringLiteral("changedAt")));
    QVERIFY(!r.contains(QStringLiteral("previousStatus")));
}

void TestConflictAnswer::changeInTheSameBatchIsToldToo()
{
    // A batch answers as its items sent one by one would: a change made earlier in it is told like a stored one.
    const QString school = signIn(QStringLiteral("demo-school"));
    const qint64 id = pending(school, QStringLiteral("teacher"));
    QVERIFY(id > 0);
    const QJsonArray results = decideAll(school,
        {item(id, QStringLiteral("reject"), 1, QStringLiteral("Ошибка")), item(id, QStringLiteral("approve"), 1),
            item(id, QStringLiteral("revert"), 2), item(id, QStringLiteral("approve"), 2)});
    QCOMPARE(results.size(), 4);
    QCOMPARE(results.at(0).toObject().value(QStringLiteral("outcome")).toString(), QStringLiteral("applied"));
    const QJsonObject second = results.at(1).toObject();
    QCOMPARE(second.value(QStringLiteral("outcome")).toString(), QStringLiteral("conflict"));
    QCOMPARE(second.value(QStringLiteral("changedBy")).toObject().value(QStringLiteral("login")).toString(),
        QStringLiteral("demo-school"));
    QCOMPARE(second.value(QStringLiteral("changedBy")).toObject().value(QStringLiteral("role")).toString(),
        QStringLiteral("school"));
    QCOMPARE(second.value(QStringLiteral("previousStatus")).toString(), QStringLiteral("pending"));
    QCOMPARE(second.value(QStringLiteral("reason")).toString(), QStringLiteral("Ошибка"));
    // Taken back in the batch: pending again at version 3, and nothing tells it.
    QCOMPARE(results.at(2).toObject().value(QStringLiteral("outcome")).toString(), QStringLiteral("applied"));
    const QJsonObject fourth = results.at(3).toObject();
    QCOMPARE(fourth.value(QStringLiteral("outcome")).toString(), QStringLiteral("conflict"));
    QCOMPARE(fourth.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    QVERIFY(!fourth.contains(QStringLiteral("changedBy")));

    // The same first two as separate requests on another person: the same answers, but for the time.
    const qint64 other = pending(school, QStringLiteral("teacher"));
    QVERIFY(other > 0 && other != id);
    QCOMPARE(decide(school, other, QStringLiteral("reject"), 1, QStringLiteral("Ошибка"))
                 .value(QStringLiteral("outcome"))
                 .toString(),
        QStringLiteral("applied"));
    QJsonObject alone = decide(school, other, QStringLiteral("approve"), 1);
    QJsonObject inBatch = second;
    for (QJsonObject *o : {&alone, &inBatch}) {
        QVERIFY(o->contains(QStringLiteral("changedAt")));
        for (const char *k : {"changedAt", "key", "memberId"})
            o->remove(QLatin1String(k));
    }
    QCOMPARE(alone, inBatch);
}

void TestConflictAnswer::refusalAfterReportTellsTheDecision()
{
    const QString school = signIn(QStringLiteral("demo-school"));
    const qint64 id = pending(school, QStringLiteral("teacher"));
    QVERIFY(id > 0);
    QCOMPARE(decide(school, id, QStringLiteral("reject"), 1, QStringLiteral("Не работает у нас"))
                 .value(QStringLiteral("outcome"))
                 .toString(),
        QStringLiteral("applied"));
    QCOMPARE(m_http->sendReport(base(), QStringLiteral("conflict-report-1"), school).status, 201);
    // Reported: nothing to take back. The refusal says which decision the person rests on.
    const QJsonObject r = decide(school, id, QStringLiteral("revert"), 2);
    QCOMPARE(r.value(QStringLiteral("outcome")).toString(), QStringLiteral("invalid"));
    QCOMPARE(r.value(QStringLiteral("code")).toString(), QStringLiteral("conflict"));
    QCOMPARE(r.value(QStringLiteral("changedBy")).toObject().value(QStringLiteral("login")).toString(),
        QStringLiteral("demo-school"));
    QCOMPARE(r.value(QStringLiteral("previousStatus")).toString(), QStringLiteral("pending"));
    QCOMPARE(r.value(QStringLiteral("reason")).toString(), QStringLiteral("Не работает у нас"));
    // A rejection without a reason is refused for what it is, with nothing about others.
    const QJsonObject noReason = decide(school, id, QStringLiteral("reject"), 2);
    QCOMPARE(noReason.value(QStringLiteral("code")).toString(), QStringLiteral("validation-failed"));
    QVERIFY(!noReason.contains(QStringLiteral("changedBy")));
}

void TestConflictAnswer::forbiddenTellsNothing()
{
    const QString school = signIn(QStringLiteral("demo-school"));
    const QString teacher = signIn(QStringLiteral("demo-teacher"));
    qint64 other = 0; // a student outside the teacher's class
    for (const QJsonValue &v : m_http->get(base() + QStringLiteral("/members?role=student"), school)
                                   .json()
                                   .value(QStringLiteral("items"))
                                   .toArray()) {
        if (v.toObject().value(QStringLiteral("className")).toString() != QStringLiteral("5А")
            && v.toObject().value(QStringLiteral("status")).toString() == QStringLiteral("pending"))
            other = v.toObject().value(QStringLiteral("id")).toInteger();
    }
    QVERIFY(other > 0);
    QCOMPARE(decide(school, other, QStringLiteral("approve"), 1).value(QStringLiteral("outcome")).toString(),
        QStringLiteral("applied"));
    const QJsonObject r = decide(teacher, other, QStringLiteral("reject"), 1, QStringLiteral("Не мой ученик"));
    QCOMPARE(r.value(QStringLiteral("outcome")).toString(), QStringLiteral("forbidden"));
    QVERIFY(!r.contains(QStringLiteral("changedBy")));
    QVERIFY(!r.contains(QStringLiteral("reason")));
}

QTEST_GUILESS_MAIN(TestConflictAnswer)
#include "tst_conflictanswer.moc"
