// Taking back a decision while it is not reported (verdict "revert"), and the report preview.

#include "rawhttp.h"
#include "server/auditlog.h"
#include "testserver.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>

using namespace sg;
using test::HttpAnswer;

class TestRevert : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void revertBeforeReport();
    void revertRestoresThePreviousRejection();
    void teacherRevertsOnlyOwnClass();
    void batchSeesItsOwnEarlierItems();
    void batchEqualsItemByItem();

private:
    QString signIn(const QString &login);
    QJsonObject member(const QString &token, qint64 id);
    QJsonObject decide(
        const QString &token, qint64 id, const QString &verdict, qint64 baseVersion, const QString &reason = {});
    QString base() const { return QStringLiteral("/api/v1/schools/%1").arg(m_server->demo().schoolId); }
    QList<qint64> pendingTeachers(const QString &token, int count);
    QJsonObject item(qint64 id, const QString &verdict, qint64 baseVersion, const QString &reason = {});

    std::unique_ptr<test::TestServer> m_server;
    std::unique_ptr<test::RawHttp> m_http;
    int m_key = 0;
};

void TestRevert::init()
{
    m_server = std::make_unique<test::TestServer>();
    QVERIFY2(m_server->isValid(), qPrintable(m_server->errorString()));
    m_http = std::make_unique<test::RawHttp>(m_server->url());
}

QString TestRevert::signIn(const QString &login)
{
    return m_http
        ->postJson(QStringLiteral("/api/v1/session"),
            {{QStringLiteral("login"), login}, {QStringLiteral("password"), test::TestServer::kPassword}})
        .json()
        .value(QStringLiteral("token"))
        .toString();
}

QJsonObject TestRevert::member(const QString &token, qint64 id)
{
    for (const QJsonValue &v :
        m_http->get(base() + QStringLiteral("/members"), token).json().value(QStringLiteral("items")).toArray()) {
        if (v.toObject().value(QStringLiteral("id")).toInteger() == id)
            return v.toObject();
    }
    return {};
}

QJsonObject TestRevert::decide(
    const QString &token, qint64 id, const QString &verdict, qint64 baseVersion, const QString &reason)
{
    QJsonObject item{{QStringLiteral("key"), QStringLiteral("revert-test-%1").arg(++m_key)},
        {QStringLiteral("memberId"), id}, {QStringLiteral("verdict"), verdict},
        {QStringLiteral("baseVersion"), baseVersion}};
    if (!reason.isEmpty())
        item.insert(QStringLiteral("reason"), reason);
    const HttpAnswer a =
        m_http->postJson(base() + QStringLiteral("/decisions"), {{QStringLiteral("items"), QJsonArray{item}}}, token);
    if (a.status != 200)
        return {{QStringLiteral("httpStatus"), a.status}, {QStringLiteral("code"), a.code()}};
    return a.json().value(QStringLiteral("results")).toArray().first().toObject();
}

void TestRevert::revertBeforeReport()
{
    const QString school = signIn(QStringLiteral("demo-school"));
    QJsonObject teacher;
    for (const QJsonValue &v : m_http->get(base() + QStringLiteral("/members?role=teacher"), school)
                                   .json()
                                   .value(QStringLiteral("items"))
                                   .toArray()) {
        if (v.toObject().value(QStringLiteral("status")).toString() == QStringLiteral("pending")) {
            teacher = v.toObject();
            break;
        }
    }
    const qint64 id = teacher.value(QStringLiteral("id")).toInteger();
    QVERIFY(id > 0);

    // Nothing decided yet: an empty preview (not an error: the app shows "nothing to send").
    QCOMPARE(m_http->get(base() + QStringLiteral("/reports/preview"), school)
                 .json()
                 .value(QStringLiteral("lines"))
                 .toArray()
                 .size(),
        0);
    QJsonObject r = decide(school, id, QStringLiteral("approve"), 1);
    QCOMPARE(r.value(QStringLiteral("outcome")).toString(), QStringLiteral("applied"));
    QCOMPARE(r.value(QStringLiteral("version")).toInteger(), 2);

    // The preview shows what the report would hold, without storing anything.
    const HttpAnswer preview = m_http->get(base() + QStringLiteral("/reports/preview"), school);
    QCOMPARE(preview.status, 200);
    QCOMPARE(preview.json().value(QStringLiteral("number")).toInt(), 0);
    QCOMPARE(preview.json().value(QStringLiteral("teachersApproved")).toInt(), 1);
    QCOMPARE(preview.json().value(QStringLiteral("lines")).toArray().size(), 1);
    QCOMPARE(
        m_http->get(base() + QStringLiteral("/reports"), school).json().value(QStringLiteral("items")).toArray().size(),
        0);

    // Taken back: pending again, nothing to report, the version moves on.
    r = decide(school, id, QStringLiteral("revert"), 2);
    QCOMPARE(r.value(QStringLiteral("outcome")).toString(), QStringLiteral("applied"));
    QCOMPARE(r.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    QCOMPARE(r.value(QStringLiteral("version")).toInteger(), 3);
    QCOMPARE(m_http->get(base(), school).json().value(QStringLiteral("unreportedDecisions")).toInt(), 0);
    QCOMPARE(m_http->get(base() + QStringLiteral("/reports/preview"), school)
                 .json()
                 .value(QStringLiteral("lines"))
                 .toArray()
                 .size(),
        0);

    // Nothing left to take back; a stale version conflicts.
    QCOMPARE(decide(school, id, QStringLiteral("revert"), 3).value(QStringLiteral("outcome")).toString(),
        QStringLiteral("invalid"));
    QCOMPARE(decide(school, id, QStringLiteral("revert"), 2).value(QStringLiteral("outcome")).toString(),
        QStringLiteral("conflict"));

    // Once reported, a decision stays: it can only be followed by a new one.
    QCOMPARE(decide(school, id, QStringLiteral("approve"), 3).value(QStringLiteral("outcome")).toString(),
        QStringLiteral("applied"));
    QCOMPARE(m_http->sendReport(base(), QStringLiteral("revert-report-1"), school).status, 201);
    QCOMPARE(decide(school, id, QStringLiteral("revert"), 4).value(QStringLiteral("outcome")).toString(),
        QStringLiteral("invalid"));
    QCOMPARE(member(school, id).value(QStringLiteral("status")).toString(), QStringLiteral("approved"));
}

void TestRevert::revertRestoresThePreviousRejection()
{
    const QString school = signIn(QStringLiteral("demo-school"));
    const QJsonArray teachers = m_http->get(base() + QStringLiteral("/members?role=teacher"), school)
                                    .json()
                                    .value(QStringLiteral("items"))
                                    .toArray();
    qint64 id = 0;
    for (const QJsonValue &v : teachers) {
        if (v.toObject().value(QStringLiteral("status")).toString() == QStringLiteral("pending"))
            id = v.toObject().value(QStringLiteral("id")).toInteger();
    }
    QVERIFY(id > 0);
    QCOMPARE(decide(school, id, QStringLiteral("reject"), 1, QStringLiteral("Не работает у нас"))
                 .value(QStringLiteral("outcome"))
                 .toString(),
        QStringLiteral("applied"));
    QCOMPARE(m_http->sendReport(base(), QStringLiteral("revert-report-2"), school).status, 201);
    QCOMPARE(decide(school, id, QStringLiteral("approve"), 2).value(QStringLiteral("status")).toString(),
        QStringLiteral("approved"));
    const QJsonObject back = decide(school, id, QStringLiteral("revert"), 3);
    QCOMPARE(back.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
    QCOMPARE(member(school, id).value(QStringLiteral("reason")).toString(), QStringLiteral("Не работает у нас"));
}

void TestRevert::teacherRevertsOnlyOwnClass()
{
    const QString school = signIn(QStringLiteral("demo-school"));
    const QString teacher = signIn(QStringLiteral("demo-teacher"));
    const QJsonArray mine =
        m_http->get(base() + QStringLiteral("/members"), teacher).json().value(QStringLiteral("items")).toArray();
    QVERIFY(!mine.isEmpty());
    const qint64 own = mine.first().toObject().value(QStringLiteral("id")).toInteger();
    qint64 other = 0;
    for (const QJsonValue &v : m_http->get(base() + QStringLiteral("/members?role=student"), school)
                                   .json()
                                   .value(QStringLiteral("items"))
                                   .toArray()) {
        if (v.toObject().value(QStringLiteral("className")).toString() != QStringLiteral("5А"))
            other = v.toObject().value(QStringLiteral("id")).toInteger();
    }
    QVERIFY(other > 0);
    QCOMPARE(decide(teacher, own, QStringLiteral("approve"), 1).value(QStringLiteral("outcome")).toString(),
        QStringLiteral("applied"));
    QCOMPARE(decide(teacher, own, QStringLiteral("revert"), 2).value(QStringLiteral("outcome")).toString(),
        QStringLiteral("applied"));
    QCOMPARE(decide(school, other, QStringLiteral("approve"), 1).value(QStringLiteral("outcome")).toString(),
        QStringLiteral("applied"));
    QCOMPARE(decide(teacher, other, QStringLiteral("revert"), 2).value(QStringLiteral("outcome")).toString(),
        QStringLiteral("forbidden"));
    QCOMPARE(m_http->get(base() + QStringLiteral("/reports/preview"), teacher).status, 403);
}

QList<qint64> TestRevert::pendingTeachers(const QString &token, int count)
{
    QList<qint64> ids;
    for (const QJsonValue &v : m_http->get(base() + QStringLiteral("/members?role=teacher"), token)
                                   .json()
                                   .value(QStringLiteral("items"))
                                   .toArray()) {
        if (v.toObject().value(QStringLiteral("status")).toString() == QStringLiteral("pending")
            && v.toObject().value(QStringLiteral("version")).toInteger() == 1 && ids.size() < count)
            ids.append(v.toObject().value(QStringLiteral("id")).toInteger());
    }
    return ids;
}

QJsonObject TestRevert::item(qint64 id, const QString &verdict, qint64 baseVersion, const QString &reason)
{
    QJsonObject o{{QStringLiteral("key"), QStringLiteral("batch-item-%1").arg(++m_key)},
        {QStringLiteral("memberId"), id}, {QStringLiteral("verdict"), verdict},
        {QStringLiteral("baseVersion"), baseVersion}};
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    return o;
}

// Later items of one batch see what earlier ones did: versions move on, a revert takes back a decision of the same
// batch, and a stale item conflicts.
void TestRevert::batchSeesItsOwnEarlierItems()
{
    const QString school = signIn(QStringLiteral("demo-school"));
    const QList<qint64> ids = pendingTeachers(school, 3);
    QCOMPARE(ids.size(), 3);
    const qint64 a = ids.at(0), b = ids.at(1), c = ids.at(2);
    const QJsonArray items{item(a, QStringLiteral("approve"), 1), item(a, QStringLiteral("revert"), 2),
        item(a, QStringLiteral("reject"), 3, QStringLiteral("Уволен")), item(b, QStringLiteral("approve"), 1),
        item(b, QStringLiteral("reject"), 1, QStringLiteral("Поздно")),
        item(c, QStringLiteral("reject"), 1, QStringLiteral("Ошибка")), item(c, QStringLiteral("revert"), 2),
        item(c, QStringLiteral("revert"), 3)};
    const HttpAnswer answer =
        m_http->postJson(base() + QStringLiteral("/decisions"), {{QStringLiteral("items"), items}}, school);
    QCOMPARE(answer.status, 200);
    const QJsonArray results = answer.json().value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), items.size());
    const auto outcome = [&](int i) { return results.at(i).toObject().value(QStringLiteral("outcome")).toString(); };
    const auto version = [&](int i) { return results.at(i).toObject().value(QStringLiteral("version")).toInteger(); };
    QCOMPARE(outcome(0), QStringLiteral("applied"));
    QCOMPARE(outcome(1), QStringLiteral("applied"));
    QCOMPARE(outcome(2), QStringLiteral("applied"));
    QCOMPARE(version(2), 4);
    QCOMPARE(outcome(3), QStringLiteral("applied"));
    QCOMPARE(outcome(4), QStringLiteral("conflict")); // based on version 1, which item 3 replaced
    QCOMPARE(version(4), 2);
    QCOMPARE(outcome(5), QStringLiteral("applied"));
    QCOMPARE(outcome(6), QStringLiteral("applied"));
    QCOMPARE(outcome(7), QStringLiteral("invalid")); // nothing left to take back
    QCOMPARE(answer.json().value(QStringLiteral("unreportedDecisions")).toInt(), 2); // a and b

    QCOMPARE(member(school, a).value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
    QCOMPARE(member(school, a).value(QStringLiteral("reason")).toString(), QStringLiteral("Уволен"));
    QCOMPARE(member(school, b).value(QStringLiteral("status")).toString(), QStringLiteral("approved"));
    QCOMPARE(member(school, c).value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    QCOMPARE(member(school, c).value(QStringLiteral("version")).toInteger(), 3);

    // The report holds exactly the decisions left standing.
    const QJsonArray lines = m_http->get(base() + QStringLiteral("/reports/preview"), school)
                                 .json()
                                 .value(QStringLiteral("lines"))
                                 .toArray();
    QCOMPARE(lines.size(), 2);
    const auto verdicts = m_server->server().audit().entries(m_server->demo().schoolId, 0, 1000);
    int decisionEntries = 0;
    for (const auto &e : verdicts)
        decisionEntries += e.action.startsWith(QLatin1String("decision.")) ? 1 : 0;
    QCOMPARE(decisionEntries, 6); // one per applied item
    QVERIFY(m_server->server().audit().verify().ok);
}

// A batch ends exactly where the same items sent one request each would: the same answers, people and report. Random
// sequences over a few people, with stale versions, rejections without a reason and reverts mixed in.
void TestRevert::batchEqualsItemByItem()
{
    for (quint32 seed = 1; seed <= 3; ++seed) {
        QRandomGenerator random(seed);

        // Item by item first: each next item is based on the version the last answer gave (sometimes one behind).
        m_server = std::make_unique<test::TestServer>();
        QVERIFY(m_server->isValid());
        m_http = std::make_unique<test::RawHttp>(m_server->url());
        const QString oneToken = signIn(QStringLiteral("demo-school"));
        const QList<qint64> ids = pendingTeachers(oneToken, 5);
        QCOMPARE(ids.size(), 5);
        QJsonArray items;
        QJsonArray oneResults;
        QHash<qint64, qint64> current;
        int applied = 0;
        for (int i = 0; i < 60; ++i) {
            const qint64 id = ids.at(random.bounded(ids.size()));
            const int kind = random.bounded(10);
            const QString verdict = kind < 4 ? QStringLiteral("approve")
                : kind < 7                   ? QStringLiteral("reject")
                                             : QStringLiteral("revert");
            const QString reason = verdict == QLatin1String("reject") && random.bounded(5) > 0
                ? QStringLiteral("Причина %1").arg(i)
                : QString();
            qint64 baseVersion = current.value(id, 1);
            if (random.bounded(8) == 0)
                baseVersion = std::max<qint64>(1, baseVersion - 1);
            const QJsonObject next = item(id, verdict, baseVersion, reason);
            items.append(next);
            const HttpAnswer one = m_http->postJson(
                base() + QStringLiteral("/decisions"), {{QStringLiteral("items"), QJsonArray{next}}}, oneToken);
            QCOMPARE(one.status, 200);
            const QJsonObject result = one.json().value(QStringLiteral("results")).toArray().first().toObject();
            oneResults.append(result);
            if (result.value(QStringLiteral("version")).toInteger() > 0)
                current[id] = result.value(QStringLiteral("version")).toInteger();
            applied += result.value(QStringLiteral("outcome")).toString() == QLatin1String("applied") ? 1 : 0;
        }
        QVERIFY2(applied >= 20, qPrintable(QStringLiteral("only %1 items applied").arg(applied)));
        QJsonArray oneMembers;
        for (qint64 id : ids)
            oneMembers.append(member(oneToken, id));
        const QJsonArray oneLines = m_http->get(base() + QStringLiteral("/reports/preview"), oneToken)
                                        .json()
                                        .value(QStringLiteral("lines"))
                                        .toArray();

        // The same items as one batch on a fresh server.
        m_server = std::make_unique<test::TestServer>();
        QVERIFY(m_server->isValid());
        m_http = std::make_unique<test::RawHttp>(m_server->url());
        const QString batchToken = signIn(QStringLiteral("demo-school"));
        QCOMPARE(pendingTeachers(batchToken, 5), ids);
        const HttpAnswer whole =
            m_http->postJson(base() + QStringLiteral("/decisions"), {{QStringLiteral("items"), items}}, batchToken);
        QCOMPARE(whole.status, 200);
        // When the other change was made (changedAt) differs from one request to the next.
        const auto withoutChangeTimes = [](const QJsonArray &results) {
            QJsonArray out;
            for (const QJsonValue &v : results) {
                QJsonObject o = v.toObject();
                o.remove(QStringLiteral("changedAt"));
                out.append(o);
            }
            return out;
        };
        QCOMPARE(withoutChangeTimes(whole.json().value(QStringLiteral("results")).toArray()),
            withoutChangeTimes(oneResults));
        for (int i = 0; i < ids.size(); ++i) {
            // The demo school is seeded afresh for each server: its registration times differ.
            QJsonObject inBatch = member(batchToken, ids.at(i));
            QJsonObject oneByOne = oneMembers.at(i).toObject();
            inBatch.remove(QStringLiteral("registeredAt"));
            oneByOne.remove(QStringLiteral("registeredAt"));
            QCOMPARE(inBatch, oneByOne);
        }
        const auto withoutTimes = [](const QJsonArray &lines) {
            QJsonArray out;
            for (const QJsonValue &v : lines) {
                QJsonObject o = v.toObject();
                o.remove(QStringLiteral("decidedAt"));
                out.append(o);
            }
            return out;
        };
        QCOMPARE(withoutTimes(m_http->get(base() + QStringLiteral("/reports/preview"), batchToken)
                                  .json()
                                  .value(QStringLiteral("lines"))
                                  .toArray()),
            withoutTimes(oneLines));
        QVERIFY(m_server->server().audit().verify().ok);
    }
}

QTEST_GUILESS_MAIN(TestRevert)
#include "tst_revert.moc"
