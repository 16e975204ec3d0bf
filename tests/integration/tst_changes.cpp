#include "client/apiclient.h"
#include "core/errorcodes.h"
#include "rawhttp.h"
#include "server/accountstore.h"
#include "server/admincommands.h"
#include "server/database.h"
#include "testserver.h"
#include "wait.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>
#include <optional>

using sg::test::await;
using sg::test::HttpAnswer;
using sg::test::RawHttp;
using sg::test::TestServer;

// The server's change feed, GET /api/v1/schools/{id}/changes?since=<cursor>&limit=<n>, over real HTTP against the
// server module with the demo data: what a sync from the start returns, that an unchanged school answers nothing
// with the same cursor, that every kind of change (decision, revert, graduation, CSV import, SQL written by hand,
// a class given to a teacher, the school's director status) is reported exactly once, paging, the teacher's
// narrower view, refusals identical to GET /members, malformed cursors and limits, the migration of existing rows,
// and ApiClient::changes.
namespace {

QString s(const char16_t *text)
{
    return QString::fromUtf16(text);
}

QString errc(const char *code)
{
    return QString::fromLatin1(code);
}

QString newKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString describe(const HttpAnswer &a)
{
    return QStringLiteral("HTTP %1 %2 %3").arg(a.status).arg(QString::fromUtf8(a.body.left(400)), a.networkError);
}

QString describe(const sg::Error &e)
{
    return QStringLiteral("%1 (HTTP %2): %3").arg(e.code).arg(e.httpStatus).arg(e.message);
}

QJsonObject item(qint64 memberId, const QString &verdict, qint64 baseVersion, const QString &reason = {})
{
    QJsonObject o{{QStringLiteral("key"), newKey()}, {QStringLiteral("memberId"), memberId},
        {QStringLiteral("verdict"), verdict}, {QStringLiteral("baseVersion"), baseVersion}};
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    return o;
}

qint64 idOf(const QJsonObject &member)
{
    return member.value(QStringLiteral("id")).toInteger();
}

QList<qint64> idsOf(const QList<QJsonObject> &members)
{
    QList<qint64> ids;
    for (const QJsonObject &m : members)
        ids.append(idOf(m));
    return ids;
}

QSet<qint64> idSet(const QList<QJsonObject> &members)
{
    const QList<qint64> ids = idsOf(members);
    return QSet<qint64>(ids.cbegin(), ids.cend());
}

// One answer of the feed, taken apart.
struct Page
{
    HttpAnswer answer;
    QList<QJsonObject> members;
    QString cursor;
    bool more = false;
    int unreportedDecisions = -1;
    std::optional<QJsonObject> school;
    QString shapeError; // what is wrong with a 200 answer's shape; empty when it is as documented
};

Page takeApart(const HttpAnswer &a)
{
    Page p;
    p.answer = a;
    if (a.status != 200)
        return p;
    const QJsonObject o = a.json();
    static const QSet<QString> known{QStringLiteral("members"), QStringLiteral("cursor"), QStringLiteral("more"),
        QStringLiteral("unreportedDecisions"), QStringLiteral("school")};
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (!known.contains(it.key()))
            p.shapeError = QStringLiteral("unknown member ") + it.key();
    }
    if (!o.value(QStringLiteral("members")).isArray() || !o.value(QStringLiteral("cursor")).isString()
        || !o.value(QStringLiteral("more")).isBool() || !o.value(QStringLiteral("unreportedDecisions")).isDouble())
        p.shapeError = QStringLiteral("members, cursor, more or unreportedDecisions missing or mistyped");
    for (const QJsonValue &v : o.value(QStringLiteral("members")).toArray())
        p.members.append(v.toObject());
    p.cursor = o.value(QStringLiteral("cursor")).toString();
    p.more = o.value(QStringLiteral("more")).toBool();
    p.unreportedDecisions = o.value(QStringLiteral("unreportedDecisions")).toInt(-1);
    if (o.contains(QStringLiteral("school"))) {
        if (!o.value(QStringLiteral("school")).isObject())
            p.shapeError = QStringLiteral("school is not an object");
        p.school = o.value(QStringLiteral("school")).toObject();
    }
    return p;
}

// A whole sync from `since`, page by page, as a client does it.
struct Sync
{
    QList<QJsonObject> members; // in the order the pages gave them
    QString cursor; // the last page's
    int pages = 0;
    int schoolSeen = 0; // how many pages carried the school
    std::optional<QJsonObject> school;
    QString error; // empty when every page was a well-formed 200 and `more` was consistent
};

} // namespace

class TestChanges : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void everyRowHasItsOwnSequence();
    void fromStartReturnsEverythingVisible();
    void unchangedAnswersNothingWithTheSameCursor();
    void decisionBatchReportsTheDecidedMembers();
    void revertReportsTheMemberAgain();
    void graduationReportsTheGraduates();
    void importAndHandWrittenSqlAreReported();
    void schoolChangeIsReportedOnce();
    void paging_data();
    void paging();
    void teacherSeesOnlyHisClasses();
    void refusedExactlyLikeMembers_data();
    void refusedExactlyLikeMembers();
    void malformedCursor_data();
    void malformedCursor();
    void badLimit_data();
    void badLimit();
    void migrationNumbersExistingRows();
    void apiClientRoundTrip();
    void apiClientRejectsBadAnswers_data();
    void apiClientRejectsBadAnswers();

private:
    QString signIn(RawHttp &http, const QString &login, const QString &password = TestServer::kPassword);
    Page feed(const QString &token, const QString &query = {}, qint64 schoolId = 0);
    Page feed(RawHttp &http, qint64 schoolId, const QString &token, const QString &query);
    Sync syncAll(RawHttp &http, qint64 schoolId, const QString &token, const QString &since, int limit);
    QList<QJsonObject> members(const QString &token, qint64 schoolId = 0);
    HttpAnswer decide(const QString &token, const QJsonArray &items);
    QString latestCursor();
    QString currentCursor(const QString &token);
    std::optional<qint64> changeSeqOf(qint64 memberId);
    QList<QPair<qint64, qint64>> pending(const QString &role, int count, const QString &className = {});

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<RawHttp> m_http;
    qint64 m_schoolId = 0;
    qint64 m_lyceumId = 0;
    QString m_schoolToken;
    QString m_lyceumToken;
    QString m_operatorToken;
    QString m_unapprovedTeacherToken;
};

QString TestChanges::signIn(RawHttp &http, const QString &login, const QString &password)
{
    const HttpAnswer a = http.postJson(
        QStringLiteral("/api/v1/session"), {{QStringLiteral("login"), login}, {QStringLiteral("password"), password}});
    return a.status == 201 ? a.json().value(QStringLiteral("token")).toString() : QString();
}

Page TestChanges::feed(RawHttp &http, qint64 schoolId, const QString &token, const QString &query)
{
    return takeApart(http.get(QStringLiteral("/api/v1/schools/%1/changes%2").arg(schoolId).arg(query), token));
}

Page TestChanges::feed(const QString &token, const QString &query, qint64 schoolId)
{
    return feed(*m_http, schoolId ? schoolId : m_schoolId, token, query);
}

Sync TestChanges::syncAll(RawHttp &http, qint64 schoolId, const QString &token, const QString &since, int limit)
{
    Sync sync;
    QString cursor = since;
    for (;;) {
        QStringList query;
        if (!cursor.isEmpty())
            query.append(QStringLiteral("since=") + cursor);
        if (limit > 0)
            query.append(QStringLiteral("limit=%1").arg(limit));
        const Page page =
            feed(http, schoolId, token, query.isEmpty() ? QString() : QLatin1Char('?') + query.join(QLatin1Char('&')));
        ++sync.pages;
        if (page.answer.status != 200 || !page.shapeError.isEmpty()) {
            sync.error = QStringLiteral("page %1: %2 %3").arg(sync.pages).arg(describe(page.answer), page.shapeError);
            return sync;
        }
        if (limit > 0 && page.members.size() > limit) {
            sync.error =
                QStringLiteral("page %1 has %2 members, more than the limit").arg(sync.pages).arg(page.members.size());
            return sync;
        }
        if (page.more && limit > 0 && page.members.size() != limit) {
            sync.error = QStringLiteral("page %1 says more but is not full").arg(sync.pages);
            return sync;
        }
        if (page.school) {
            ++sync.schoolSeen;
            sync.school = page.school;
        }
        sync.members.append(page.members);
        if (page.more && page.cursor == cursor) {
            sync.error = QStringLiteral("page %1 says more but the cursor did not move").arg(sync.pages);
            return sync;
        }
        cursor = page.cursor;
        if (!page.more)
            break;
        if (sync.pages > 10000) {
            sync.error = QStringLiteral("the sync does not end");
            return sync;
        }
    }
    sync.cursor = cursor;
    return sync;
}

QList<QJsonObject> TestChanges::members(const QString &token, qint64 schoolId)
{
    const HttpAnswer a =
        m_http->get(QStringLiteral("/api/v1/schools/%1/members").arg(schoolId ? schoolId : m_schoolId), token);
    QList<QJsonObject> out;
    for (const QJsonValue &v : a.json().value(QStringLiteral("items")).toArray())
        out.append(v.toObject());
    return out;
}

HttpAnswer TestChanges::decide(const QString &token, const QJsonArray &items)
{
    return m_http->postJson(
        QStringLiteral("/api/v1/schools/%1/decisions").arg(m_schoolId), {{QStringLiteral("items"), items}}, token);
}

// The server's latest change, as a cursor text (read from the database, not from the feed under test).
QString TestChanges::latestCursor()
{
    QSqlQuery q(m_server->server().database().connection());
    if (!q.exec(QStringLiteral("SELECT value FROM change_counter WHERE id = 1")) || !q.next())
        return {};
    return QString::number(q.value(0).toLongLong());
}

// Where a complete sync from the start leaves this caller.
QString TestChanges::currentCursor(const QString &token)
{
    return syncAll(*m_http, m_schoolId, token, {}, 5000).cursor;
}

std::optional<qint64> TestChanges::changeSeqOf(qint64 memberId)
{
    QSqlQuery q(m_server->server().database().connection());
    q.prepare(QStringLiteral("SELECT change_seq FROM members WHERE id = ?"));
    q.addBindValue(memberId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return q.value(0).toLongLong();
}

// Pending members of school 1 with their versions (students of className when given), not yet handed out.
QList<QPair<qint64, qint64>> TestChanges::pending(const QString &role, int count, const QString &className)
{
    static QSet<qint64> handedOut;
    QList<QPair<qint64, qint64>> out;
    for (const QJsonObject &m : members(m_schoolToken)) {
        if (out.size() == count)
            break;
        if (m.value(QStringLiteral("role")).toString() != role
            || m.value(QStringLiteral("status")).toString() != QLatin1String("pending") || handedOut.contains(idOf(m))
            || (!className.isEmpty() && m.value(QStringLiteral("className")).toString() != className)
            || (className.isEmpty() && m.value(QStringLiteral("className")).toString() == s(u"5А")))
            continue;
        handedOut.insert(idOf(m));
        out.append({idOf(m), m.value(QStringLiteral("version")).toInteger()});
    }
    return out;
}

void TestChanges::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->isValid(), qPrintable(m_server->errorString()));
    m_schoolId = m_server->demo().schoolId;
    m_lyceumId = m_server->demo().lyceumId;
    QVERIFY(m_schoolId > 0 && m_lyceumId > 0 && m_lyceumId != m_schoolId);
    m_http = std::make_unique<RawHttp>(m_server->url());

    // A teacher of school 1 whom the school has not confirmed: linked to a pending teacher.
    sg::server::NewAccount account;
    account.login = QStringLiteral("changes-unapproved-teacher");
    account.password = TestServer::kPassword;
    account.role = sg::Role::Teacher;
    account.schoolId = m_schoolId;
    const auto created = m_server->server().accounts().createAccount(account);
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));
    QSqlQuery link(m_server->server().database().connection());
    link.prepare(QStringLiteral("UPDATE members SET user_id = ? WHERE id = (SELECT id FROM members WHERE school_id = ? "
                                "AND role = 'teacher' AND status = 'pending' AND user_id IS NULL ORDER BY id DESC "
                                "LIMIT 1)"));
    link.addBindValue(created.value());
    link.addBindValue(m_schoolId);
    QVERIFY2(link.exec() && link.numRowsAffected() == 1, qPrintable(link.lastError().text()));

    m_schoolToken = signIn(*m_http, QStringLiteral("demo-school"));
    m_lyceumToken = signIn(*m_http, QStringLiteral("demo-lyceum"));
    m_operatorToken = signIn(*m_http, QStringLiteral("demo-operator"));
    m_unapprovedTeacherToken = signIn(*m_http, account.login);
    QVERIFY(!m_schoolToken.isEmpty() && !m_lyceumToken.isEmpty() && !m_operatorToken.isEmpty());
    QVERIFY(!m_unapprovedTeacherToken.isEmpty());
}

// The triggers gave every member and school a sequence of its own while the demo data was seeded, and the counter
// is the highest of them.
void TestChanges::everyRowHasItsOwnSequence()
{
    QSqlQuery q(m_server->server().database().connection());
    QVERIFY(
        q.exec(QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT change_seq), MIN(change_seq), MAX(change_seq) "
                              "FROM (SELECT change_seq FROM members UNION ALL SELECT change_seq FROM schools) AS s")));
    QVERIFY(q.next());
    const qint64 rows = q.value(0).toLongLong();
    QVERIFY2(rows > 800, qPrintable(QString::number(rows)));
    QCOMPARE(q.value(1).toLongLong(), rows);
    QVERIFY(q.value(2).toLongLong() > 0);
    const qint64 highest = q.value(3).toLongLong();
    q.finish();
    QCOMPARE(latestCursor(), QString::number(highest));
}

void TestChanges::fromStartReturnsEverythingVisible()
{
    const QList<QJsonObject> all = members(m_schoolToken);
    QVERIFY(all.size() > 800);
    QVERIFY(all.size() < 1000); // one page at the default limit

    const Page page = feed(m_schoolToken);
    QVERIFY2(page.answer.status == 200, qPrintable(describe(page.answer)));
    QVERIFY2(page.shapeError.isEmpty(), qPrintable(page.shapeError));
    QVERIFY(page.answer.contentType.startsWith("application/json"));
    QCOMPARE(page.members.size(), all.size());
    QCOMPARE(page.more, false);

    // The same people, each exactly as GET /members shows them.
    QHash<qint64, QJsonObject> byId;
    for (const QJsonObject &m : all)
        byId.insert(idOf(m), m);
    for (const QJsonObject &m : page.members) {
        QVERIFY2(byId.contains(idOf(m)), qPrintable(QString::number(idOf(m))));
        QCOMPARE(m, byId.value(idOf(m)));
    }
    QCOMPARE(idSet(page.members).size(), page.members.size());

    // Ordered by change, and the cursor is the last change returned (the school's own may come later).
    qint64 previous = 0;
    for (const QJsonObject &m : page.members) {
        const auto seq = changeSeqOf(idOf(m));
        QVERIFY(seq);
        QVERIFY2(*seq > previous, qPrintable(QStringLiteral("member %1 out of change order").arg(idOf(m))));
        previous = *seq;
    }
    bool isNumber = false;
    const qint64 cursor = page.cursor.toLongLong(&isNumber);
    QVERIFY2(isNumber && cursor >= previous, qPrintable(page.cursor));
    QVERIFY(cursor <= latestCursor().toLongLong());

    // From the start the school comes along, as GET /schools/{id} shows it.
    const HttpAnswer school = m_http->get(QStringLiteral("/api/v1/schools/%1").arg(m_schoolId), m_schoolToken);
    QCOMPARE(school.status, 200);
    QVERIFY(page.school);
    QCOMPARE(*page.school, school.json());
    QCOMPARE(page.unreportedDecisions, school.json().value(QStringLiteral("unreportedDecisions")).toInt());

    // since=0 is the same as no since.
    const Page zero = feed(m_schoolToken, QStringLiteral("?since=0"));
    QCOMPARE(zero.answer.status, 200);
    QCOMPARE(zero.answer.body, page.answer.body);

    // HEAD: the same status, no body.
    const HttpAnswer head = m_http->send(
        "HEAD", QStringLiteral("/api/v1/schools/%1/changes").arg(m_schoolId), {}, RawHttp::bearer(m_schoolToken));
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.isEmpty());
}

void TestChanges::unchangedAnswersNothingWithTheSameCursor()
{
    const QString cursor = currentCursor(m_schoolToken);
    QVERIFY(!cursor.isEmpty());
    for (int i = 0; i < 2; ++i) {
        const Page page = feed(m_schoolToken, QStringLiteral("?since=") + cursor);
        QVERIFY2(page.answer.status == 200, qPrintable(describe(page.answer)));
        QVERIFY2(page.shapeError.isEmpty(), qPrintable(page.shapeError));
        QVERIFY2(page.members.isEmpty(), qPrintable(QString::fromUtf8(page.answer.body.left(300))));
        QCOMPARE(page.cursor, cursor);
        QCOMPARE(page.more, false);
        QVERIFY(!page.school);
    }
    // Reading (GET /members, GET /schools, the feed itself) changes nothing.
    QVERIFY(!members(m_schoolToken).isEmpty());
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/schools/%1").arg(m_schoolId), m_schoolToken).status, 200);
    QVERIFY(feed(m_schoolToken, QStringLiteral("?since=") + cursor).members.isEmpty());
}

void TestChanges::decisionBatchReportsTheDecidedMembers()
{
    const QString cursor = currentCursor(m_schoolToken);
    const auto teachers = pending(QStringLiteral("teacher"), 3);
    const auto students = pending(QStringLiteral("student"), 2);
    const auto untouched = pending(QStringLiteral("student"), 1);
    QCOMPARE(teachers.size(), 3);
    QCOMPARE(students.size(), 2);
    QCOMPARE(untouched.size(), 1);

    QJsonArray items;
    for (const auto &[id, version] : teachers)
        items.append(item(id, QStringLiteral("approve"), version));
    for (const auto &[id, version] : students)
        items.append(item(id, QStringLiteral("reject"), version, QStringLiteral("Не учится в школе")));
    // Neither a stale version nor a rejection without a reason changes anyone.
    items.append(item(untouched.first().first, QStringLiteral("approve"), untouched.first().second + 7));
    items.append(item(untouched.first().first, QStringLiteral("reject"), untouched.first().second));
    const HttpAnswer decided = decide(m_schoolToken, items);
    QVERIFY2(decided.status == 200, qPrintable(describe(decided)));
    const QJsonArray results = decided.json().value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), items.size());

    const Page page = feed(m_schoolToken, QStringLiteral("?since=") + cursor);
    QVERIFY2(page.answer.status == 200, qPrintable(describe(page.answer)));
    QList<qint64> expected;
    for (const auto &[id, version] : teachers)
        expected.append(id);
    for (const auto &[id, version] : students)
        expected.append(id);
    QCOMPARE(idsOf(page.members), expected); // exactly these, in the order they changed
    for (int i = 0; i < page.members.size(); ++i) {
        const QJsonObject result = results.at(i).toObject();
        QCOMPARE(result.value(QStringLiteral("outcome")).toString(), QStringLiteral("applied"));
        const QJsonObject &m = page.members.at(i);
        QCOMPARE(m.value(QStringLiteral("status")).toString(), result.value(QStringLiteral("status")).toString());
        QCOMPARE(m.value(QStringLiteral("version")).toInteger(), result.value(QStringLiteral("version")).toInteger());
        QCOMPARE(m.value(QStringLiteral("status")).toString(),
            i < teachers.size() ? QStringLiteral("approved") : QStringLiteral("rejected"));
    }
    QCOMPARE(page.members.last().value(QStringLiteral("reason")).toString(), s(u"Не учится в школе"));
    QCOMPARE(page.unreportedDecisions, decided.json().value(QStringLiteral("unreportedDecisions")).toInt());
    QVERIFY(page.cursor.toLongLong() > cursor.toLongLong());
    QVERIFY(!page.school); // a decision does not change the school

    // Replaying the same batch answers "duplicate" and changes nobody: nothing new in the feed.
    const HttpAnswer replay = decide(m_schoolToken, items);
    QCOMPARE(replay.status, 200);
    QCOMPARE(replay.json()
                 .value(QStringLiteral("results"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("outcome"))
                 .toString(),
        QStringLiteral("duplicate"));
    const Page after = feed(m_schoolToken, QStringLiteral("?since=") + page.cursor);
    QVERIFY(after.members.isEmpty());
    QCOMPARE(after.cursor, page.cursor);
}

void TestChanges::revertReportsTheMemberAgain()
{
    const auto student = pending(QStringLiteral("student"), 1);
    QCOMPARE(student.size(), 1);
    const auto [id, version] = student.first();
    QCOMPARE(decide(m_schoolToken, {item(id, QStringLiteral("approve"), version)}).status, 200);
    const QString cursor = currentCursor(m_schoolToken);

    const HttpAnswer reverted = decide(m_schoolToken, {item(id, QStringLiteral("revert"), version + 1)});
    QVERIFY2(reverted.status == 200, qPrintable(describe(reverted)));
    QCOMPARE(reverted.json()
                 .value(QStringLiteral("results"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("outcome"))
                 .toString(),
        QStringLiteral("applied"));

    const Page page = feed(m_schoolToken, QStringLiteral("?since=") + cursor);
    QVERIFY2(page.answer.status == 200, qPrintable(describe(page.answer)));
    QCOMPARE(idsOf(page.members), QList<qint64>{id});
    QCOMPARE(page.members.first().value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    QCOMPARE(page.members.first().value(QStringLiteral("version")).toInteger(), version + 2);
}

void TestChanges::graduationReportsTheGraduates()
{
    const QString cursor = currentCursor(m_schoolToken);
    QSet<qint64> grade11;
    for (const QJsonObject &m : members(m_schoolToken)) {
        const QString cls = m.value(QStringLiteral("className")).toString();
        const QString status = m.value(QStringLiteral("status")).toString();
        if (m.value(QStringLiteral("role")).toString() == QLatin1String("student")
            && cls.startsWith(QLatin1String("11")) && status != QLatin1String("graduate")
            && status != QLatin1String("not-current"))
            grade11.insert(idOf(m));
    }
    QVERIFY(grade11.size() >= 10);

    const HttpAnswer graduated = m_http->postJson(QStringLiteral("/api/v1/schools/%1/graduations").arg(m_schoolId),
        {{QStringLiteral("grades"), QJsonArray{11}}}, m_schoolToken);
    QVERIFY2(graduated.status == 200, qPrintable(describe(graduated)));
    QCOMPARE(graduated.json().value(QStringLiteral("changed")).toInt(), int(grade11.size()));

    const Sync sync = syncAll(*m_http, m_schoolId, m_schoolToken, cursor, 0);
    QVERIFY2(sync.error.isEmpty(), qPrintable(sync.error));
    QCOMPARE(idSet(sync.members), grade11);
    QCOMPARE(sync.members.size(), grade11.size());
    for (const QJsonObject &m : sync.members) {
        const QString status = m.value(QStringLiteral("status")).toString();
        QVERIFY2(status == QLatin1String("graduate") || status == QLatin1String("not-current"), qPrintable(status));
    }
}

// Paths that do not go through the API at all: the CSV import of the admin commands, and SQL written by hand.
void TestChanges::importAndHandWrittenSqlAreReported()
{
    const QString cursor = currentCursor(m_schoolToken);
    sg::server::AdminCommands admin(m_server->server());
    const QByteArray csv = QStringLiteral("role;surname;name;patronymic;email;subject;class\n"
                                          "teacher;Фидова;Ольга;Петровна;;Химия;\n"
                                          "student;Фидов;Пётр;;;;7Б\n")
                               .toUtf8();
    const auto imported = admin.importPeople(QStringLiteral("6950123467"), csv);
    QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
    QCOMPARE(imported->imported, 2);

    const Page page = feed(m_schoolToken, QStringLiteral("?since=") + cursor);
    QVERIFY2(page.answer.status == 200, qPrintable(describe(page.answer)));
    QCOMPARE(page.members.size(), 2);
    QCOMPARE(page.members.at(0).value(QStringLiteral("surname")).toString(), s(u"Фидова"));
    QCOMPARE(page.members.at(1).value(QStringLiteral("surname")).toString(), s(u"Фидов"));
    QCOMPARE(page.members.at(1).value(QStringLiteral("className")).toString(), s(u"7Б"));

    // Any UPDATE, whoever writes it, is a change.
    const qint64 someone = idOf(page.members.at(1));
    QSqlQuery q(m_server->server().database().connection());
    q.prepare(QStringLiteral("UPDATE members SET email = 'p.fidov@mail.example' WHERE id = ?"));
    q.addBindValue(someone);
    QVERIFY2(q.exec() && q.numRowsAffected() == 1, qPrintable(q.lastError().text()));
    const Page again = feed(m_schoolToken, QStringLiteral("?since=") + page.cursor);
    QCOMPARE(idsOf(again.members), QList<qint64>{someone});
    QCOMPARE(again.members.first().value(QStringLiteral("email")).toString(), QStringLiteral("p.fidov@mail.example"));
}

// The lyceum (director not confirmed) consents: its director status changes, and its feed carries the school once.
void TestChanges::schoolChangeIsReportedOnce()
{
    const QString schoolCursor = currentCursor(m_schoolToken);
    const Sync before = syncAll(*m_http, m_lyceumId, m_lyceumToken, {}, 0);
    QVERIFY2(before.error.isEmpty(), qPrintable(before.error));
    QCOMPARE(before.schoolSeen, 1);
    QVERIFY(before.school);
    QCOMPARE(before.school->value(QStringLiteral("directorStatus")).toString(), QStringLiteral("none"));
    QVERIFY(feed(m_lyceumToken, QStringLiteral("?since=") + before.cursor, m_lyceumId).school == std::nullopt);

    const HttpAnswer consent = m_http->get(QStringLiteral("/api/v1/consent"));
    QCOMPARE(consent.status, 200);
    const HttpAnswer given = m_http->postJson(QStringLiteral("/api/v1/schools/%1/director/consent").arg(m_lyceumId),
        {{QStringLiteral("version"), consent.json().value(QStringLiteral("version")).toString()}}, m_lyceumToken);
    QVERIFY2(given.status == 201, qPrintable(describe(given)));

    const Page page = feed(m_lyceumToken, QStringLiteral("?since=") + before.cursor, m_lyceumId);
    QVERIFY2(page.answer.status == 200, qPrintable(describe(page.answer)));
    QVERIFY(page.members.isEmpty());
    QVERIFY2(page.school, qPrintable(QString::fromUtf8(page.answer.body)));
    QCOMPARE(page.school->value(QStringLiteral("directorStatus")).toString(), QStringLiteral("consented"));
    QCOMPARE(*page.school, m_http->get(QStringLiteral("/api/v1/schools/%1").arg(m_lyceumId), m_lyceumToken).json());
    QVERIFY(page.cursor.toLongLong() > before.cursor.toLongLong());

    const Page after = feed(m_lyceumToken, QStringLiteral("?since=") + page.cursor, m_lyceumId);
    QVERIFY(after.members.isEmpty());
    QVERIFY(!after.school);
    QCOMPARE(after.cursor, page.cursor);
    // School 1's feed does not see the lyceum's change.
    const Page school = feed(m_schoolToken, QStringLiteral("?since=") + schoolCursor);
    QCOMPARE(school.answer.status, 200);
    QVERIFY(school.members.isEmpty());
    QVERIFY(!school.school);
    QCOMPARE(school.cursor, schoolCursor);
}

void TestChanges::paging_data()
{
    QTest::addColumn<int>("limit");
    QTest::newRow("1 per page, from a recent cursor") << -1;
    QTest::newRow("7") << 7;
    QTest::newRow("100") << 100;
    QTest::newRow("all but one") << -2;
    QTest::newRow("exactly all") << -3;
    QTest::newRow("all and one more") << -4;
    QTest::newRow("5000") << 5000;
}

void TestChanges::paging()
{
    QFETCH(int, limit);
    const QList<QJsonObject> all = members(m_schoolToken);
    QVERIFY(all.size() > 800);
    QString since;
    if (limit == -1) {
        // One by one over the last 30 changes (a whole school one by one would take long).
        QSqlQuery q(m_server->server().database().connection());
        q.prepare(QStringLiteral("SELECT change_seq FROM members WHERE school_id = ? ORDER BY change_seq DESC "
                                 "LIMIT 1 OFFSET 30"));
        q.addBindValue(m_schoolId);
        QVERIFY(q.exec() && q.next());
        since = QString::number(q.value(0).toLongLong());
        limit = 1;
    } else if (limit < 0) {
        limit = int(all.size()) + (-3 - limit); // -2: all but one, -3: exactly all, -4: one more than all
    }
    const Sync sync = syncAll(*m_http, m_schoolId, m_schoolToken, since, limit);
    QVERIFY2(sync.error.isEmpty(), qPrintable(sync.error));

    // Nothing lost, nothing twice.
    const QSet<qint64> got = idSet(sync.members);
    QCOMPARE(got.size(), sync.members.size());
    if (since.isEmpty()) {
        QCOMPARE(got, idSet(all));
        QCOMPARE(sync.pages, (int(all.size()) + limit - 1) / limit); // a full last page already says "no more"
        QCOMPARE(sync.schoolSeen, 1); // the school, once, in the page that covers its change
    } else {
        QCOMPARE(sync.members.size(), qsizetype(30));
        QCOMPARE(sync.pages, 30);
    }
    // The final cursor is current: nothing further.
    const Page after = feed(m_schoolToken, QStringLiteral("?since=") + sync.cursor);
    QVERIFY(after.members.isEmpty());
    QCOMPARE(after.more, false);
}

// A teacher's feed holds the students of his classes and nothing else; giving him a class reports its students.
void TestChanges::teacherSeesOnlyHisClasses()
{
    TestServer server;
    QVERIFY2(server.isValid(), qPrintable(server.errorString()));
    RawHttp http(server.url());
    const qint64 schoolId = server.demo().schoolId;
    const QString teacher = signIn(http, QStringLiteral("demo-teacher"));
    const QString school = signIn(http, QStringLiteral("demo-school"));
    QVERIFY(!teacher.isEmpty() && !school.isEmpty());

    const HttpAnswer visible = http.get(QStringLiteral("/api/v1/schools/%1/members").arg(schoolId), teacher);
    QCOMPARE(visible.status, 200);
    QSet<qint64> own;
    for (const QJsonValue &v : visible.json().value(QStringLiteral("items")).toArray())
        own.insert(v.toObject().value(QStringLiteral("id")).toInteger());
    QVERIFY(own.size() >= 10);

    const Sync start = syncAll(http, schoolId, teacher, {}, 13);
    QVERIFY2(start.error.isEmpty(), qPrintable(start.error));
    QCOMPARE(idSet(start.members), own);
    QCOMPARE(start.members.size(), own.size());
    for (const QJsonObject &m : start.members) {
        QCOMPARE(m.value(QStringLiteral("role")).toString(), QStringLiteral("student"));
        QCOMPARE(m.value(QStringLiteral("className")).toString(), s(u"5А"));
    }
    QCOMPARE(start.schoolSeen, 1);

    // The school decides on a teacher, on a student of 5А and on one of another class: the teacher hears of his.
    qint64 ownStudent = 0;
    qint64 ownVersion = 0;
    qint64 otherStudent = 0;
    qint64 otherVersion = 0;
    qint64 aTeacher = 0;
    qint64 teacherVersion = 0;
    for (const QJsonValue &v : http.get(QStringLiteral("/api/v1/schools/%1/members").arg(schoolId), school)
                                   .json()
                                   .value(QStringLiteral("items"))
                                   .toArray()) {
        const QJsonObject m = v.toObject();
        if (m.value(QStringLiteral("status")).toString() != QLatin1String("pending"))
            continue;
        if (m.value(QStringLiteral("role")).toString() == QLatin1String("teacher") && !aTeacher) {
            aTeacher = idOf(m);
            teacherVersion = m.value(QStringLiteral("version")).toInteger();
        } else if (own.contains(idOf(m)) && !ownStudent) {
            ownStudent = idOf(m);
            ownVersion = m.value(QStringLiteral("version")).toInteger();
        } else if (m.value(QStringLiteral("role")).toString() == QLatin1String("student") && !own.contains(idOf(m))
            && !otherStudent) {
            otherStudent = idOf(m);
            otherVersion = m.value(QStringLiteral("version")).toInteger();
        }
    }
    QVERIFY(ownStudent && otherStudent && aTeacher);
    const HttpAnswer decided = http.postJson(QStringLiteral("/api/v1/schools/%1/decisions").arg(schoolId),
        {{QStringLiteral("items"),
            QJsonArray{item(aTeacher, QStringLiteral("approve"), teacherVersion),
                item(otherStudent, QStringLiteral("approve"), otherVersion)}}},
        school);
    QVERIFY2(decided.status == 200, qPrintable(describe(decided)));
    Page page = feed(http, schoolId, teacher, QStringLiteral("?since=") + start.cursor);
    QVERIFY2(page.answer.status == 200, qPrintable(describe(page.answer)));
    QVERIFY2(page.members.isEmpty(), qPrintable(QString::fromUtf8(page.answer.body.left(300))));
    QCOMPARE(page.cursor, start.cursor);

    QVERIFY(http.postJson(QStringLiteral("/api/v1/schools/%1/decisions").arg(schoolId),
                    {{QStringLiteral("items"), QJsonArray{item(ownStudent, QStringLiteral("approve"), ownVersion)}}},
                    school)
                .status
        == 200);
    page = feed(http, schoolId, teacher, QStringLiteral("?since=") + start.cursor);
    QCOMPARE(idsOf(page.members), QList<qint64>{ownStudent});
    QCOMPARE(page.members.first().value(QStringLiteral("status")).toString(), QStringLiteral("approved"));
    const QString cursor = page.cursor;

    // The school gives him 6Б as well: its students are reported to him now, and only they.
    auto &db = server.server().database();
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT m.id FROM members m JOIN users u ON u.id = m.user_id "
                                  "WHERE u.login = 'demo-teacher'"))
        && q.next());
    const qint64 teacherMember = q.value(0).toLongLong();
    q.finish();
    QSet<qint64> sixB;
    q.prepare(QStringLiteral("SELECT m.id FROM members m JOIN classes c ON c.id = m.class_id "
                             "WHERE m.school_id = ? AND m.role = 'student' AND c.grade = 6 AND c.letter = ?"));
    q.addBindValue(schoolId);
    q.addBindValue(s(u"Б"));
    QVERIFY(q.exec());
    while (q.next())
        sixB.insert(q.value(0).toLongLong());
    QVERIFY(sixB.size() >= 10);
    q.prepare(QStringLiteral("INSERT INTO teacher_classes (teacher_id, class_id) SELECT ?, id FROM classes "
                             "WHERE school_id = ? AND grade = 6 AND letter = ?"));
    q.addBindValue(teacherMember);
    q.addBindValue(schoolId);
    q.addBindValue(s(u"Б"));
    QVERIFY2(q.exec() && q.numRowsAffected() == 1, qPrintable(q.lastError().text()));
    const Sync widened = syncAll(http, schoolId, teacher, cursor, 0);
    QVERIFY2(widened.error.isEmpty(), qPrintable(widened.error));
    QCOMPARE(idSet(widened.members), sixB);
    QCOMPARE(widened.members.size(), sixB.size());
}

void TestChanges::refusedExactlyLikeMembers_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("schoolId");
    QTest::addColumn<int>("status");
    QTest::newRow("other school on school 1") << QStringLiteral("lyceum") << QStringLiteral("school") << 404;
    QTest::newRow("school 1 on the other school") << QStringLiteral("school") << QStringLiteral("lyceum") << 404;
    QTest::newRow("no such school") << QStringLiteral("school") << QStringLiteral("987654") << 404;
    QTest::newRow("id not a number") << QStringLiteral("school") << QStringLiteral("abc") << 404;
    QTest::newRow("id zero") << QStringLiteral("school") << QStringLiteral("0") << 404;
    QTest::newRow("id negative") << QStringLiteral("school") << QStringLiteral("-1") << 404;
    QTest::newRow("anonymous") << QStringLiteral("anonymous") << QStringLiteral("school") << 401;
    QTest::newRow("garbage token") << QStringLiteral("garbage") << QStringLiteral("school") << 401;
    QTest::newRow("unapproved teacher") << QStringLiteral("unapproved") << QStringLiteral("school") << 403;
    QTest::newRow("unapproved teacher, other school")
        << QStringLiteral("unapproved") << QStringLiteral("lyceum") << 404;
    QTest::newRow("operator (allowed)") << QStringLiteral("operator") << QStringLiteral("school") << 200;
    QTest::newRow("lyceum on itself (allowed)") << QStringLiteral("lyceum") << QStringLiteral("lyceum") << 200;
}

void TestChanges::refusedExactlyLikeMembers()
{
    QFETCH(QString, who);
    QFETCH(QString, schoolId);
    QFETCH(int, status);
    const QString token = who == QLatin1String("lyceum") ? m_lyceumToken
        : who == QLatin1String("school")                 ? m_schoolToken
        : who == QLatin1String("operator")               ? m_operatorToken
        : who == QLatin1String("unapproved")             ? m_unapprovedTeacherToken
        : who == QLatin1String("garbage")                ? QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                                                         : QString();
    const QString id = schoolId == QLatin1String("school") ? QString::number(m_schoolId)
        : schoolId == QLatin1String("lyceum")              ? QString::number(m_lyceumId)
                                                           : schoolId;
    const HttpAnswer listed = m_http->get(QStringLiteral("/api/v1/schools/%1/members").arg(id), token);
    const HttpAnswer changed = m_http->get(QStringLiteral("/api/v1/schools/%1/changes").arg(id), token);
    // A bad cursor and limit change nothing about a refusal: nothing is learnt before access is settled.
    const HttpAnswer changedBadly =
        m_http->get(QStringLiteral("/api/v1/schools/%1/changes?since=x&limit=0").arg(id), token);
    QVERIFY2(listed.status == status, qPrintable(describe(listed)));
    QVERIFY2(changed.status == status, qPrintable(describe(changed)));
    if (status == 200) {
        QCOMPARE(
            idSet(takeApart(changed).members).size(), listed.json().value(QStringLiteral("items")).toArray().size());
        QCOMPARE(changedBadly.status, 400);
        return;
    }
    QVERIFY(changed.contentType.startsWith("application/problem+json"));
    QCOMPARE(changed.code(), listed.code());
    QCOMPARE(changed.body, listed.body);
    QCOMPARE(changed.header("WWW-Authenticate"), listed.header("WWW-Authenticate"));
    QCOMPARE(changedBadly.status, status);
    QCOMPARE(changedBadly.body, listed.body);
}

void TestChanges::malformedCursor_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    const int bad = 400;
    QTest::newRow("negative") << QStringLiteral("since=-1") << bad;
    QTest::newRow("plus sign") << QStringLiteral("since=%2B1") << bad;
    QTest::newRow("leading zero") << QStringLiteral("since=01") << bad;
    QTest::newRow("two zeros") << QStringLiteral("since=00") << bad;
    QTest::newRow("decimal point") << QStringLiteral("since=1.0") << bad;
    QTest::newRow("exponent") << QStringLiteral("since=1e3") << bad;
    QTest::newRow("hex") << QStringLiteral("since=0x10") << bad;
    QTest::newRow("letters") << QStringLiteral("since=abc") << bad;
    QTest::newRow("empty") << QStringLiteral("since=") << bad;
    QTest::newRow("no value") << QStringLiteral("since") << bad;
    QTest::newRow("leading space") << QStringLiteral("since=%201") << bad;
    QTest::newRow("trailing space") << QStringLiteral("since=1%20") << bad;
    QTest::newRow("full-width digit") << QStringLiteral("since=%EF%BC%91") << bad;
    QTest::newRow("arabic-indic digit") << QStringLiteral("since=%D9%A1") << bad;
    QTest::newRow("19 digits") << QStringLiteral("since=1000000000000000000") << bad;
    QTest::newRow("beyond int64") << QStringLiteral("since=99999999999999999999999") << bad;
    QTest::newRow("18 digits, beyond the latest change") << QStringLiteral("since=999999999999999999") << bad;
    QTest::newRow("latest change + 1") << QStringLiteral("since=<latest+1>") << bad;
    QTest::newRow("given twice") << QStringLiteral("since=0&since=1") << bad;
    QTest::newRow("opaque text") << QStringLiteral("since=eyJzZXEiOjF9") << bad;
    QTest::newRow("percent garbage") << QStringLiteral("since=%ZZ") << bad;
    QTest::newRow("NUL") << QStringLiteral("since=1%00") << bad;
    // The other side of the border: these are valid.
    QTest::newRow("zero (valid)") << QStringLiteral("since=0") << 200;
    QTest::newRow("one (valid)") << QStringLiteral("since=1") << 200;
    QTest::newRow("latest change (valid)") << QStringLiteral("since=<latest>") << 200;
    QTest::newRow("unknown parameter ignored (valid)") << QStringLiteral("since=0&role=teacher") << 200;
}

void TestChanges::malformedCursor()
{
    QFETCH(QString, query);
    QFETCH(int, status);
    const QString latest = latestCursor();
    QVERIFY(!latest.isEmpty());
    query.replace(QLatin1String("<latest+1>"), QString::number(latest.toLongLong() + 1));
    query.replace(QLatin1String("<latest>"), latest);
    const HttpAnswer a =
        m_http->get(QStringLiteral("/api/v1/schools/%1/changes?%2").arg(m_schoolId).arg(query), m_schoolToken);
    QVERIFY2(a.status == status, qPrintable(query + QStringLiteral(": ") + describe(a)));
    if (status == 200) {
        QVERIFY(takeApart(a).shapeError.isEmpty());
        return;
    }
    QVERIFY(a.contentType.startsWith("application/problem+json"));
    QCOMPARE(a.code(), errc(sg::errc::InvalidCursor));
    QCOMPARE(a.json().value(QStringLiteral("status")).toInt(), 400);
    QVERIFY(!a.json().value(QStringLiteral("detail")).toString().isEmpty());
    // The school is still answered normally afterwards.
    QCOMPARE(feed(m_schoolToken, QStringLiteral("?since=") + latest).answer.status, 200);
}

void TestChanges::badLimit_data()
{
    QTest::addColumn<QString>("limit");
    QTest::addColumn<int>("status");
    QTest::newRow("zero") << QStringLiteral("limit=0") << 400;
    QTest::newRow("negative") << QStringLiteral("limit=-5") << 400;
    QTest::newRow("above 5000") << QStringLiteral("limit=5001") << 400;
    QTest::newRow("huge") << QStringLiteral("limit=99999999999999999999") << 400;
    QTest::newRow("letters") << QStringLiteral("limit=ten") << 400;
    QTest::newRow("fraction") << QStringLiteral("limit=1.5") << 400;
    QTest::newRow("empty") << QStringLiteral("limit=") << 400;
    QTest::newRow("plus sign") << QStringLiteral("limit=%2B10") << 400;
    QTest::newRow("given twice") << QStringLiteral("limit=10&limit=20") << 400;
    QTest::newRow("1 (valid)") << QStringLiteral("limit=1") << 200;
    QTest::newRow("5000 (valid)") << QStringLiteral("limit=5000") << 200;
}

void TestChanges::badLimit()
{
    QFETCH(QString, limit);
    QFETCH(int, status);
    const HttpAnswer a =
        m_http->get(QStringLiteral("/api/v1/schools/%1/changes?since=0&%2").arg(m_schoolId).arg(limit), m_schoolToken);
    QVERIFY2(a.status == status, qPrintable(limit + QStringLiteral(": ") + describe(a)));
    if (status == 200) {
        const Page page = takeApart(a);
        QVERIFY(page.shapeError.isEmpty());
        QCOMPARE(page.members.size(), qMin(limit.mid(6).toInt(), int(members(m_schoolToken).size())));
        return;
    }
    QVERIFY(a.contentType.startsWith("application/problem+json"));
    QCOMPARE(a.code(), errc(sg::errc::ValidationFailed));
    QVERIFY(a.json().value(QStringLiteral("detail")).toString().contains(QLatin1String("limit")));
}

// Migration 5 on a database that already holds data: the rows get distinct sequences and the feed works.
void TestChanges::migrationNumbersExistingRows()
{
    QString path;
    QSet<qint64> schoolMembers;
    qint64 schoolId = 0;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    path = dir.filePath(QStringLiteral("old.sqlite"));
    {
        // A schema-4 database with data: schema 5 with data, taken back to version 4.
        auto db = sg::server::Database::openSqlite(path, 5);
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
        QSqlQuery q((*db.value()).connection());
        const QStringList setup{QStringLiteral("INSERT INTO schools (inn, name) VALUES ('7707083893', 'Old school')"),
            QStringLiteral("INSERT INTO members (school_id, role, surname, name, registered_at) "
                           "SELECT 1, 'teacher', 'Surname' || x, 'Name', '2026-01-01T00:00:00.000Z' FROM "
                           "(WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 25) "
                           "SELECT x FROM n)"),
            QStringLiteral("DROP TRIGGER members_change_insert"), QStringLiteral("DROP TRIGGER members_change_update"),
            QStringLiteral("DROP TRIGGER schools_change_insert"), QStringLiteral("DROP TRIGGER schools_change_update"),
            QStringLiteral("DROP TRIGGER teacher_classes_change_insert"),
            QStringLiteral("DROP TRIGGER classes_change_update"), QStringLiteral("DROP INDEX members_school_change"),
            QStringLiteral("DROP TABLE change_counter"), QStringLiteral("ALTER TABLE members DROP COLUMN change_seq"),
            QStringLiteral("ALTER TABLE schools DROP COLUMN change_seq"),
            QStringLiteral("DELETE FROM schema_migrations WHERE version = 5")};
        for (const QString &sql : setup)
            QVERIFY2(q.exec(sql), qPrintable(sql + QStringLiteral(": ") + q.lastError().text()));
        QVERIFY(q.exec(QStringLiteral("SELECT id FROM schools")) && q.next());
        schoolId = q.value(0).toLongLong();
        QVERIFY(q.exec(QStringLiteral("SELECT id FROM members")));
        while (q.next())
            schoolMembers.insert(q.value(0).toLongLong());
        QCOMPARE(schoolMembers.size(), qsizetype(25));
    }
    auto db = sg::server::Database::openSqlite(path);
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
    QCOMPARE(db.value()->schemaVersion(), sg::server::Database::latestSchemaVersion());
    QSqlQuery q(db.value()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT change_seq), MIN(change_seq) FROM "
                                  "(SELECT change_seq FROM members UNION ALL SELECT change_seq FROM schools)")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 26);
    QCOMPARE(q.value(1).toInt(), 26);
    QVERIFY(q.value(2).toLongLong() > 0);
    QVERIFY(
        q.exec(QStringLiteral("SELECT (SELECT value FROM change_counter), (SELECT MAX(m) FROM (SELECT "
                              "MAX(change_seq) AS m FROM members UNION ALL SELECT MAX(change_seq) FROM schools))")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toLongLong(), q.value(1).toLongLong());
    // After the migration the triggers work: a change takes a sequence above all the old ones.
    QVERIFY(q.exec(QStringLiteral("UPDATE members SET surname = 'Changed' WHERE id = (SELECT MIN(id) FROM members)")));
    QVERIFY(q.exec(QStringLiteral("SELECT surname FROM members ORDER BY change_seq DESC LIMIT 1")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("Changed"));
    QVERIFY(schoolId > 0);
}

void TestChanges::apiClientRoundTrip()
{
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    sg::client::ApiClient api(&network);
    api.setBaseUrl(m_server->url());
    const auto session = await<sg::proto::SessionInfo>(
        [&](auto done) { api.login(QStringLiteral("demo-school"), TestServer::kPassword, std::move(done)); });
    QVERIFY2(session.ok(), qPrintable(session.ok() ? QString() : describe(session.error())));
    const QList<QJsonObject> all = members(m_schoolToken);

    // From the start, in pages of 300.
    QString cursor;
    QList<sg::proto::Member> got;
    int pages = 0;
    int schools = 0;
    for (bool more = true; more; ++pages) {
        const auto r =
            await<sg::client::ChangeSet>([&](auto done) { api.changes(m_schoolId, cursor, 300, std::move(done)); });
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : describe(r.error())));
        QVERIFY(r->members.size() <= 300);
        QVERIFY(!r->cursor.isEmpty());
        got.append(r->members);
        cursor = r->cursor;
        more = r->more;
        if (r->school) {
            ++schools;
            QCOMPARE(r->school->id, m_schoolId);
            QCOMPARE(r->school->inn, QStringLiteral("6950123467"));
        }
        QVERIFY(pages < 100);
    }
    QCOMPARE(pages, (int(all.size()) + 299) / 300);
    QCOMPARE(schools, 1);
    QCOMPARE(got.size(), all.size());
    QSet<qint64> ids;
    for (const auto &m : got)
        ids.insert(m.id);
    QCOMPARE(ids, idSet(all));

    // Nothing new: nothing, the same cursor (the server's default limit).
    const auto none =
        await<sg::client::ChangeSet>([&](auto done) { api.changes(m_schoolId, cursor, 0, std::move(done)); });
    QVERIFY2(none.ok(), qPrintable(none.ok() ? QString() : describe(none.error())));
    QVERIFY(none->members.isEmpty());
    QCOMPARE(none->cursor, cursor);
    QCOMPARE(none->more, false);
    QVERIFY(!none->school);

    // A decision is pulled back with its new state.
    const auto student = pending(QStringLiteral("student"), 1);
    QCOMPARE(student.size(), 1);
    QCOMPARE(
        decide(m_schoolToken, {item(student.first().first, QStringLiteral("approve"), student.first().second)}).status,
        200);
    const auto one =
        await<sg::client::ChangeSet>([&](auto done) { api.changes(m_schoolId, cursor, 10, std::move(done)); });
    QVERIFY2(one.ok(), qPrintable(one.ok() ? QString() : describe(one.error())));
    QCOMPARE(one->members.size(), 1);
    QCOMPARE(one->members.first().id, student.first().first);
    QCOMPARE(sg::toString(one->members.first().status), QStringLiteral("approved"));
    QCOMPARE(one->members.first().version, student.first().second + 1);
    QVERIFY(one->unreportedDecisions > 0);

    // Cursors the server never issued: invalid-cursor, also when the text would smuggle in other parameters.
    for (const QString &bad : {QStringLiteral("abc"), QStringLiteral("1&limit=0"), QStringLiteral("0&since=5"),
             QStringLiteral("-1"), QString::number(latestCursor().toLongLong() + 1)}) {
        const auto r =
            await<sg::client::ChangeSet>([&](auto done) { api.changes(m_schoolId, bad, 0, std::move(done)); });
        QVERIFY2(!r.ok(), qPrintable(bad));
        QCOMPARE(r.error().code, errc(sg::errc::InvalidCursor));
        QCOMPARE(r.error().httpStatus, 400);
    }
    const auto tooMany =
        await<sg::client::ChangeSet>([&](auto done) { api.changes(m_schoolId, {}, 5001, std::move(done)); });
    QVERIFY(!tooMany.ok());
    QCOMPARE(tooMany.error().code, errc(sg::errc::ValidationFailed));
    const auto foreign =
        await<sg::client::ChangeSet>([&](auto done) { api.changes(m_lyceumId, {}, 0, std::move(done)); });
    QVERIFY(!foreign.ok());
    QCOMPARE(foreign.error().httpStatus, 404);
    QCOMPARE(foreign.error().code, errc(sg::errc::NotFound));
}

void TestChanges::apiClientRejectsBadAnswers_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ok");
    const QByteArray member = R"({"id":5,"role":"student","surname":"Ёлкин","name":"Пётр","patronymic":"","email":"",)"
                              R"("subject":"","className":"5А","status":"approved","reason":"","version":2,)"
                              R"("registeredAt":"2026-09-01T09:00:00.000Z","esiaLevel":""})";
    const QByteArray school = R"({"id":1,"inn":"6950123467","kpp":"","ogrn":"","name":"Школа","shortName":"",)"
                              R"("region":"","address":"","email":"","directorStatus":"confirmed",)"
                              R"("unreportedDecisions":0})";
    QTest::newRow("minimal (valid)") << QByteArray(
        R"({"members":[],"cursor":"0","more":false,"unreportedDecisions":0})")
                                     << true;
    QTest::newRow("member and school (valid)") << QByteArray(
        R"({"members":[)" + member + R"(],"cursor":"17","more":true,"unreportedDecisions":3,"school":)" + school + "}")
                                               << true;
    QTest::newRow("school null (valid)") << QByteArray(
        R"({"members":[],"cursor":"0","more":false,"unreportedDecisions":0,"school":null})")
                                         << true;
    QTest::newRow("members missing") << QByteArray(R"({"cursor":"0","more":false,"unreportedDecisions":0})") << false;
    QTest::newRow("members an object") << QByteArray(
        R"({"members":{},"cursor":"0","more":false,"unreportedDecisions":0})")
                                       << false;
    QTest::newRow("member not an object")
        << QByteArray(R"({"members":[5],"cursor":"0","more":false,"unreportedDecisions":0})") << false;
    QTest::newRow("member without id") << QByteArray(
        R"({"members":[{"role":"student"}],"cursor":"0","more":false,"unreportedDecisions":0})")
                                       << false;
    QTest::newRow("member with an unknown status") << QByteArray(R"({"members":[)"
        + QByteArray(member).replace("approved", "maybe") + R"(],"cursor":"0","more":false,"unreportedDecisions":0})")
                                                   << false;
    QTest::newRow("cursor missing") << QByteArray(R"({"members":[],"more":false,"unreportedDecisions":0})") << false;
    QTest::newRow("cursor a number") << QByteArray(R"({"members":[],"cursor":17,"more":false,"unreportedDecisions":0})")
                                     << false;
    QTest::newRow("cursor empty") << QByteArray(R"({"members":[],"cursor":"","more":false,"unreportedDecisions":0})")
                                  << false;
    QTest::newRow("cursor too long") << QByteArray(
        R"({"members":[],"cursor":")" + QByteArray(65, '1') + R"(","more":false,"unreportedDecisions":0})")
                                     << false;
    QTest::newRow("more missing") << QByteArray(R"({"members":[],"cursor":"0","unreportedDecisions":0})") << false;
    QTest::newRow("more a string") << QByteArray(R"({"members":[],"cursor":"0","more":"no","unreportedDecisions":0})")
                                   << false;
    QTest::newRow("unreportedDecisions negative")
        << QByteArray(R"({"members":[],"cursor":"0","more":false,"unreportedDecisions":-1})") << false;
    QTest::newRow("unreportedDecisions missing") << QByteArray(R"({"members":[],"cursor":"0","more":false})") << false;
    QTest::newRow("school not an object")
        << QByteArray(R"({"members":[],"cursor":"0","more":false,"unreportedDecisions":0,"school":"x"})") << false;
    QTest::newRow("school without inn") << QByteArray(
        R"({"members":[],"cursor":"0","more":false,"unreportedDecisions":0,"school":{"id":1}})")
                                        << false;
    QTest::newRow("unknown member") << QByteArray(
        R"({"members":[],"cursor":"0","more":false,"unreportedDecisions":0,"next":"1"})")
                                    << false;
    QTest::newRow("empty object") << QByteArray("{}") << false;
}

// Whatever a broken server or proxy sends, parseChangeSet() answers an Error (bad-response), never a crash; and the
// whole path from HTTP bytes (parseReply) agrees.
void TestChanges::apiClientRejectsBadAnswers()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, ok);
    const auto reply = sg::client::ApiClient::parseReply(200, json, {});
    QVERIFY(reply.ok());
    const auto parsed = sg::client::ApiClient::parseChangeSet(reply.value());
    QVERIFY2(parsed.ok() == ok, qPrintable(parsed.ok() ? QStringLiteral("accepted") : describe(parsed.error())));
    if (!ok) {
        QCOMPARE(parsed.error().code, errc(sg::errc::BadResponse));
        QVERIFY(!parsed.error().message.isEmpty());
        return;
    }
    QVERIFY(!parsed->cursor.isEmpty());
    if (json.contains("\"school\":{")) {
        QVERIFY(parsed->school);
        QCOMPARE(parsed->members.size(), 1);
        QCOMPARE(parsed->members.first().surname, s(u"Ёлкин"));
        QCOMPARE(parsed->more, true);
        QCOMPARE(parsed->unreportedDecisions, 3);
    } else {
        QVERIFY(!parsed->school);
    }
}

QTEST_GUILESS_MAIN(TestChanges)

#include "tst_changes.moc"
