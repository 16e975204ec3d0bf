// Taking back a decision while it is not reported (verdict "revert"), and the report preview.

#include "rawhttp.h"
#include "testserver.h"

#include <QJsonArray>
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

private:
    QString signIn(const QString &login);
    QJsonObject member(const QString &token, qint64 id);
    QJsonObject decide(
        const QString &token, qint64 id, const QString &verdict, qint64 baseVersion, const QString &reason = {});
    QString base() const { return QStringLiteral("/api/v1/schools/%1").arg(m_server->demo().schoolId); }

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
    QCOMPARE(m_http
                 ->postJson(base() + QStringLiteral("/reports"),
                     {{QStringLiteral("key"), QStringLiteral("revert-report-1")}}, school)
                 .status,
        201);
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
    QCOMPARE(m_http
                 ->postJson(base() + QStringLiteral("/reports"),
                     {{QStringLiteral("key"), QStringLiteral("revert-report-2")}}, school)
                 .status,
        201);
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

QTEST_GUILESS_MAIN(TestRevert)
#include "tst_revert.moc"
