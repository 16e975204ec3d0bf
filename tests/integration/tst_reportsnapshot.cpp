// A report is what its preview showed: POST .../reports carries the preview's snapshot (person, verdict, version),
// and the server refuses (409 report-changed) a snapshot that is no longer exactly what it would report — a
// colleague decided on a listed person, added a decision, or took one back — storing, numbering, auditing and
// mailing nothing. A fresh snapshot is accepted, and the idempotency rules of the route still hold.

#include "core/errorcodes.h"
#include "core/protocol.h"
#include "rawhttp.h"
#include "server/accountstore.h"
#include "server/auditlog.h"
#include "server/database.h"
#include "testserver.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

using namespace sg;
using test::HttpAnswer;

class TestReportSnapshot : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void staleSnapshotIsRefusedAndChangesNothing_data();
    void staleSnapshotIsRefusedAndChangesNothing();
    void snapshotWithoutTheColleaguesChangeIsRefused();
    void requestWithoutSnapshotIsRefused();
    void replayAndKeyReuse();
    void malformedSnapshots_data();
    void malformedSnapshots();

private:
    QString signIn(const QString &login, const QString &password = test::TestServer::kPassword);
    QString base() const { return QStringLiteral("/api/v1/schools/%1").arg(m_server->demo().schoolId); }
    QList<QJsonObject> pendingTeachers(int count);
    QJsonObject decide(const QString &token, qint64 id, const QString &verdict, qint64 baseVersion);
    qint64 count(const QString &sql);
    int auditEntries();
    // The state a refused report must leave untouched.
    struct Footprint
    {
        qint64 reports = 0;
        qint64 reported = 0;
        qint64 keys = 0;
        qint64 mail = 0;
        int audit = 0;
        qint64 notifications = 0;
        bool operator==(const Footprint &) const = default;
    };
    Footprint footprint();

    std::unique_ptr<test::TestServer> m_server;
    std::unique_ptr<test::RawHttp> m_http;
    QString m_school;
    QString m_colleague;
    int m_key = 0;
};

void TestReportSnapshot::init()
{
    m_server = std::make_unique<test::TestServer>();
    QVERIFY2(m_server->isValid(), qPrintable(m_server->errorString()));
    m_http = std::make_unique<test::RawHttp>(m_server->url());
    m_school = signIn(QStringLiteral("demo-school"));
    QVERIFY(!m_school.isEmpty());
    // A second account of the same school: the colleague.
    server::NewAccount colleague;
    colleague.login = QStringLiteral("school-colleague");
    colleague.password = QStringLiteral("a colleague's long password");
    colleague.role = Role::School;
    colleague.schoolId = m_server->demo().schoolId;
    QVERIFY(m_server->server().accounts().createAccount(colleague).ok());
    m_colleague = signIn(colleague.login, colleague.password);
    QVERIFY(!m_colleague.isEmpty());
}

QString TestReportSnapshot::signIn(const QString &login, const QString &password)
{
    return m_http
        ->postJson(QStringLiteral("/api/v1/session"),
            {{QStringLiteral("login"), login}, {QStringLiteral("password"), password}})
        .json()
        .value(QStringLiteral("token"))
        .toString();
}

QList<QJsonObject> TestReportSnapshot::pendingTeachers(int wanted)
{
    QList<QJsonObject> out;
    for (const QJsonValue &v : m_http->get(base() + QStringLiteral("/members?role=teacher"), m_school)
                                   .json()
                                   .value(QStringLiteral("items"))
                                   .toArray()) {
        if (v.toObject().value(QStringLiteral("status")).toString() == QLatin1String("pending") && out.size() < wanted)
            out.append(v.toObject());
    }
    return out;
}

QJsonObject TestReportSnapshot::decide(const QString &token, qint64 id, const QString &verdict, qint64 baseVersion)
{
    QJsonObject item{{QStringLiteral("key"), QStringLiteral("snapshot-test-%1").arg(++m_key)},
        {QStringLiteral("memberId"), id}, {QStringLiteral("verdict"), verdict},
        {QStringLiteral("baseVersion"), baseVersion}};
    if (verdict == QLatin1String("reject"))
        item.insert(QStringLiteral("reason"), QStringLiteral("Не работает в школе"));
    const HttpAnswer a =
        m_http->postJson(base() + QStringLiteral("/decisions"), {{QStringLiteral("items"), QJsonArray{item}}}, token);
    return a.json().value(QStringLiteral("results")).toArray().first().toObject();
}

qint64 TestReportSnapshot::count(const QString &sql)
{
    QSqlQuery q(m_server->server().database().connection());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

int TestReportSnapshot::auditEntries()
{
    return int(m_server->server().audit().entries(m_server->demo().schoolId, 0, 100000).size());
}

TestReportSnapshot::Footprint TestReportSnapshot::footprint()
{
    Footprint f;
    f.reports = count(QStringLiteral("SELECT COUNT(*) FROM reports"));
    f.reported = count(QStringLiteral("SELECT COUNT(*) FROM decisions WHERE report_id IS NOT NULL"));
    f.keys = count(QStringLiteral("SELECT COUNT(*) FROM idempotency_keys WHERE scope LIKE 'report:%'"));
    f.mail = count(QStringLiteral("SELECT COUNT(*) FROM mail_outbox"));
    f.notifications = count(QStringLiteral("SELECT COUNT(*) FROM notifications"));
    f.audit = auditEntries();
    return f;
}

void TestReportSnapshot::staleSnapshotIsRefusedAndChangesNothing_data()
{
    QTest::addColumn<QString>("change");
    QTest::newRow("a listed person decided again (approved → rejected)") << QStringLiteral("reject-listed");
    QTest::newRow("a listed decision taken back") << QStringLiteral("revert-listed");
    QTest::newRow("a new person decided") << QStringLiteral("add-person");
}

void TestReportSnapshot::staleSnapshotIsRefusedAndChangesNothing()
{
    QFETCH(QString, change);
    const QList<QJsonObject> teachers = pendingTeachers(4);
    QCOMPARE(teachers.size(), 4);
    const auto idOf = [](const QJsonObject &m) { return m.value(QStringLiteral("id")).toInteger(); };
    const auto versionOf = [](const QJsonObject &m) { return m.value(QStringLiteral("version")).toInteger(); };
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(decide(m_school, idOf(teachers[i]), QStringLiteral("approve"), versionOf(teachers[i]))
                     .value(QStringLiteral("outcome"))
                     .toString(),
            QStringLiteral("applied"));
    }
    // The user's preview: three approvals.
    const QJsonObject stale = m_http->previewedReport(base(), QStringLiteral("report-stale-1"), m_school);
    const auto staleRequest = proto::ReportRequest::fromJson(stale);
    QVERIFY(staleRequest && staleRequest->snapshot);
    QCOMPARE(staleRequest->snapshot->lines.size(), qsizetype(3));

    // Meanwhile the colleague changes what a report would hold.
    const qint64 first = idOf(teachers[0]);
    QString outcome;
    if (change == QLatin1String("reject-listed"))
        outcome = decide(m_colleague, first, QStringLiteral("reject"), versionOf(teachers[0]) + 1)
                      .value(QStringLiteral("outcome"))
                      .toString();
    else if (change == QLatin1String("revert-listed"))
        outcome = decide(m_colleague, first, QStringLiteral("revert"), versionOf(teachers[0]) + 1)
                      .value(QStringLiteral("outcome"))
                      .toString();
    else
        outcome = decide(m_colleague, idOf(teachers[3]), QStringLiteral("approve"), versionOf(teachers[3]))
                      .value(QStringLiteral("outcome"))
                      .toString();
    QCOMPARE(outcome, QStringLiteral("applied"));

    const Footprint before = footprint();
    const HttpAnswer refused = m_http->postJson(base() + QStringLiteral("/reports"), stale, m_school);
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.code(), QString::fromLatin1(errc::ReportChanged));
    // The problem carries the preview as it is now.
    const auto now = proto::Report::fromJson(refused.json().value(QStringLiteral("preview")).toObject());
    QVERIFY2(now, qPrintable(now ? QString() : now.error().message));
    QCOMPARE(now->number, 0);
    QVERIFY(!proto::ReportSnapshot::of(now.value()).sameAs(*staleRequest->snapshot));
    // Nothing stored, numbered, audited, notified or mailed; the key is not spent.
    QVERIFY(before == footprint());
    QCOMPARE(before.reports, 0);
    QCOMPARE(m_http->get(base() + QStringLiteral("/reports"), m_school)
                 .json()
                 .value(QStringLiteral("items"))
                 .toArray()
                 .size(),
        qsizetype(0));

    // The same key with the fresh snapshot: accepted, as report No. 1 (no number was consumed), with the new content.
    const QJsonObject fresh = m_http->previewedReport(base(), QStringLiteral("report-stale-1"), m_school);
    const HttpAnswer sent = m_http->postJson(base() + QStringLiteral("/reports"), fresh, m_school);
    QVERIFY2(sent.status == 201, qPrintable(QString::fromUtf8(sent.body)));
    QCOMPARE(sent.json().value(QStringLiteral("number")).toInt(), 1);
    const auto report = proto::Report::fromJson(sent.json());
    QVERIFY(report);
    QVERIFY(proto::ReportSnapshot::of(report.value()).sameAs(proto::ReportSnapshot::of(now.value())));
    if (change == QLatin1String("reject-listed")) {
        QCOMPARE(report->teachersRejected, 1);
        QCOMPARE(report->teachersApproved, 2);
    } else if (change == QLatin1String("revert-listed")) {
        QCOMPARE(report->total(), 2);
    } else {
        QCOMPARE(report->teachersApproved, 4);
    }
    QCOMPARE(footprint().reports, 1);
    QCOMPARE(footprint().audit, before.audit + 1); // report.created
}

void TestReportSnapshot::snapshotWithoutTheColleaguesChangeIsRefused()
{
    // The issue's case, on the server alone: the user approved offline on version v (expecting v + 1), a colleague
    // rejected on v. The server reports the colleague's rejection at v + 1: same person and version, other verdict.
    const QList<QJsonObject> teachers = pendingTeachers(1);
    QCOMPARE(teachers.size(), 1);
    const qint64 id = teachers[0].value(QStringLiteral("id")).toInteger();
    const qint64 v = teachers[0].value(QStringLiteral("version")).toInteger();
    QCOMPARE(decide(m_colleague, id, QStringLiteral("reject"), v).value(QStringLiteral("outcome")).toString(),
        QStringLiteral("applied"));
    QCOMPARE(decide(m_school, id, QStringLiteral("approve"), v).value(QStringLiteral("outcome")).toString(),
        QStringLiteral("conflict"));
    const proto::ReportRequest mine{
        QStringLiteral("offline-report-1"), proto::ReportSnapshot{{{id, Verdict::Approve, v + 1}}}};
    const Footprint before = footprint();
    const HttpAnswer refused = m_http->postJson(base() + QStringLiteral("/reports"), mine.toJson(), m_school);
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.code(), QString::fromLatin1(errc::ReportChanged));
    QVERIFY(before == footprint());
}

void TestReportSnapshot::requestWithoutSnapshotIsRefused()
{
    const QList<QJsonObject> teachers = pendingTeachers(1);
    QCOMPARE(teachers.size(), 1);
    decide(m_school, teachers[0].value(QStringLiteral("id")).toInteger(), QStringLiteral("approve"),
        teachers[0].value(QStringLiteral("version")).toInteger());
    const Footprint before = footprint();
    // A client older than snapshots sends only the key: refused, and told to use the preview.
    const HttpAnswer old = m_http->postJson(
        base() + QStringLiteral("/reports"), {{QStringLiteral("key"), QStringLiteral("old-client-key")}}, m_school);
    QCOMPARE(old.status, 409);
    QCOMPARE(old.code(), QString::fromLatin1(errc::ReportChanged));
    QVERIFY(old.json().value(QStringLiteral("preview")).isObject());
    QVERIFY(before == footprint());
    // With nothing to report, the answer stays nothing-to-report whatever the snapshot.
    const HttpAnswer sent = m_http->sendReport(base(), QStringLiteral("report-ok-1"), m_school);
    QCOMPARE(sent.status, 201);
    const HttpAnswer nothing = m_http->postJson(
        base() + QStringLiteral("/reports"), {{QStringLiteral("key"), QStringLiteral("old-client-key")}}, m_school);
    QCOMPARE(nothing.code(), QString::fromLatin1(errc::NothingToReport));
}

void TestReportSnapshot::replayAndKeyReuse()
{
    const QList<QJsonObject> teachers = pendingTeachers(2);
    QCOMPARE(teachers.size(), 2);
    decide(m_school, teachers[0].value(QStringLiteral("id")).toInteger(), QStringLiteral("approve"),
        teachers[0].value(QStringLiteral("version")).toInteger());
    const QJsonObject body = m_http->previewedReport(base(), QStringLiteral("replay-key-1"), m_school);
    const HttpAnswer first = m_http->postJson(base() + QStringLiteral("/reports"), body, m_school);
    QCOMPARE(first.status, 201);
    // The same key and body: the same report, replayed (200), even after new decisions were made.
    decide(m_school, teachers[1].value(QStringLiteral("id")).toInteger(), QStringLiteral("approve"),
        teachers[1].value(QStringLiteral("version")).toInteger());
    const Footprint before = footprint();
    const HttpAnswer replay = m_http->postJson(base() + QStringLiteral("/reports"), body, m_school);
    QCOMPARE(replay.status, 200);
    QCOMPARE(
        replay.json().value(QStringLiteral("id")).toInteger(), first.json().value(QStringLiteral("id")).toInteger());
    QCOMPARE(replay.json().value(QStringLiteral("number")).toInt(), 1);
    QVERIFY(before == footprint());
    // The same key with another snapshot (the fresh preview): 422, nothing stored.
    const QJsonObject other = m_http->previewedReport(base(), QStringLiteral("replay-key-1"), m_school);
    QVERIFY(other != body);
    const HttpAnswer reused = m_http->postJson(base() + QStringLiteral("/reports"), other, m_school);
    QCOMPARE(reused.status, 422);
    QCOMPARE(reused.code(), QString::fromLatin1(errc::IdempotencyMismatch));
    QVERIFY(before == footprint());
    // A new key with it: report No. 2.
    const HttpAnswer second = m_http->sendReport(base(), QStringLiteral("replay-key-2"), m_school);
    QCOMPARE(second.status, 201);
    QCOMPARE(second.json().value(QStringLiteral("number")).toInt(), 2);
}

void TestReportSnapshot::malformedSnapshots_data()
{
    QTest::addColumn<QByteArray>("decisions");
    QTest::addColumn<QString>("code");
    const QString invalid = QString::fromLatin1(errc::ValidationFailed);
    QTest::newRow("not an object") << QByteArray(R"([])") << invalid;
    QTest::newRow("no reject list") << QByteArray(R"({"approve": []})") << invalid;
    QTest::newRow("unknown member") << QByteArray(R"({"approve": [], "reject": [], "revert": []})")
                                    << QString::fromLatin1(errc::UnknownField);
    QTest::newRow("pair too short") << QByteArray(R"({"approve": [[5]], "reject": []})") << invalid;
    QTest::newRow("not a pair") << QByteArray(R"({"approve": [{"memberId": 5, "version": 2}], "reject": []})")
                                << invalid;
    QTest::newRow("fractional version") << QByteArray(R"({"approve": [[5, 2.5]], "reject": []})") << invalid;
    QTest::newRow("zero id") << QByteArray(R"({"approve": [[0, 2]], "reject": []})") << invalid;
    QTest::newRow("person twice") << QByteArray(R"({"approve": [[5, 2]], "reject": [[5, 3]]})") << invalid;
}

void TestReportSnapshot::malformedSnapshots()
{
    QFETCH(QByteArray, decisions);
    QFETCH(QString, code);
    const QList<QJsonObject> teachers = pendingTeachers(1);
    decide(m_school, teachers[0].value(QStringLiteral("id")).toInteger(), QStringLiteral("approve"),
        teachers[0].value(QStringLiteral("version")).toInteger());
    const QByteArray body = R"({"key": "malformed-key-1", "decisions": )" + decisions + "}";
    const Footprint before = footprint();
    const HttpAnswer a = m_http->send("POST", base() + QStringLiteral("/reports"), body,
        test::RawHttp::bearer(m_school) << qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    QCOMPARE(a.status, 422);
    QCOMPARE(a.code(), code);
    QVERIFY(before == footprint());
}

QTEST_GUILESS_MAIN(TestReportSnapshot)
#include "tst_reportsnapshot.moc"
