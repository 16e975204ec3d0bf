// Two instances of schoolgate-server, real processes, on one PostgreSQL database: what one instance writes the
// other sees (sessions, decisions, idempotency keys), and conflicting decisions on the same people sent through
// both at once are each applied exactly once, the loser answered with a conflict. Runs on the PostgreSQL test
// cluster only (integration.instances.pg).

#include "core/clock.h"
#include "rawhttp.h"
#include "serveprocess.h"
#include "server/auditlog.h"
#include "server/database.h"
#include "testserver.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#ifndef SG_SERVER_BIN
#error "SG_SERVER_BIN must name the schoolgate-server executable"
#endif

using namespace sg;

namespace {

const QString kPassword = QStringLiteral("two instances, one database");

QProcessEnvironment childEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("SG_SMTP_URL"));
    env.remove(QStringLiteral("SG_DATABASE_URL"));
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    return env;
}

// One instance: its process, its HTTP client and a session of demo-school made on it.
struct Instance
{
    Instance()
        : process(QString::fromLocal8Bit(SG_SERVER_BIN), childEnvironment())
    {}
    QTemporaryDir dir;
    test::ServeProcess process;
    std::unique_ptr<test::RawHttp> http;
};

} // namespace

class TestInstances : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void sessionsAndDataAreShared();
    void conflictingDecisionsAreAppliedOnce();

private:
    QString signIn(Instance &on);
    QJsonArray members(Instance &on, const QString &token);
    QString schoolPath() const { return QStringLiteral("/api/v1/schools/%1").arg(m_schoolId); }

    std::unique_ptr<test::TemporaryPostgresDatabase> m_database;
    std::unique_ptr<Instance> m_a;
    std::unique_ptr<Instance> m_b;
    qint64 m_schoolId = 0;
};

void TestInstances::initTestCase()
{
    if (!test::TemporaryPostgresDatabase::enabled())
        QSKIP("needs the PostgreSQL test cluster (run as integration.instances.pg)");
}

void TestInstances::init()
{
    m_database = std::make_unique<test::TemporaryPostgresDatabase>();
    QVERIFY2(m_database->isValid(), qPrintable(m_database->errorString()));
    m_a = std::make_unique<Instance>();
    m_b = std::make_unique<Instance>();
    // Both start at once: the schema is migrated by one of them, the other waits for it.
    const QStringList common{QStringLiteral("--database"), m_database->url()};
    QVERIFY2(m_a->process.start(m_a->dir.path(),
                 common + QStringList{QStringLiteral("--demo"), QStringLiteral("--demo-password"), kPassword}),
        qPrintable(m_a->process.output()));
    QVERIFY2(m_b->process.start(m_b->dir.path(), common), qPrintable(m_b->process.output()));
    m_a->http = std::make_unique<test::RawHttp>(m_a->process.url());
    m_b->http = std::make_unique<test::RawHttp>(m_b->process.url());
    QVERIFY(m_a->process.url().port() != m_b->process.url().port());
}

void TestInstances::cleanup()
{
    if (m_a)
        QVERIFY2(m_a->process.stop(), qPrintable(m_a->process.output()));
    if (m_b)
        QVERIFY2(m_b->process.stop(), qPrintable(m_b->process.output()));
    m_a.reset();
    m_b.reset();
    m_database.reset();
}

QString TestInstances::signIn(Instance &on)
{
    const test::HttpAnswer a = on.http->postJson(QStringLiteral("/api/v1/session"),
        {{QStringLiteral("login"), QStringLiteral("demo-school")}, {QStringLiteral("password"), kPassword}});
    if (a.status != 200)
        qWarning() << "sign-in:" << a.status << a.body;
    return a.json().value(QStringLiteral("token")).toString();
}

QJsonArray TestInstances::members(Instance &on, const QString &token)
{
    return on.http->get(schoolPath() + QStringLiteral("/members"), token)
        .json()
        .value(QStringLiteral("items"))
        .toArray();
}

// A session made on one instance works on the other, and its logout there ends it everywhere.
void TestInstances::sessionsAndDataAreShared()
{
    const QString token = signIn(*m_a);
    QVERIFY(!token.isEmpty());
    const test::HttpAnswer me = m_b->http->get(QStringLiteral("/api/v1/me"), token);
    QCOMPARE(me.status, 200);
    m_schoolId = me.json().value(QStringLiteral("school")).toObject().value(QStringLiteral("id")).toInteger();
    QVERIFY(m_schoolId > 0);

    // A decision through B is seen through A, and its key replayed through A is a duplicate, not a second decision.
    const QJsonArray list = members(*m_b, token);
    QJsonObject pending;
    for (const QJsonValue &v : list) {
        if (v.toObject().value(QStringLiteral("status")).toString() == QLatin1String("pending")) {
            pending = v.toObject();
            break;
        }
    }
    QVERIFY(!pending.isEmpty());
    const qint64 id = pending.value(QStringLiteral("id")).toInteger();
    const QJsonObject body{{QStringLiteral("items"),
        QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("shared-1")}, {QStringLiteral("memberId"), id},
            {QStringLiteral("verdict"), QStringLiteral("approve")},
            {QStringLiteral("baseVersion"), pending.value(QStringLiteral("version"))}}}}};
    const test::HttpAnswer first = m_b->http->postJson(schoolPath() + QStringLiteral("/decisions"), body, token);
    QCOMPARE(first.status, 200);
    const test::HttpAnswer replay = m_a->http->postJson(schoolPath() + QStringLiteral("/decisions"), body, token);
    QCOMPARE(replay.status, 200);
    const auto outcome = [](const test::HttpAnswer &a) {
        return a.json()
            .value(QStringLiteral("results"))
            .toArray()
            .first()
            .toObject()
            .value(QStringLiteral("outcome"))
            .toString();
    };
    QCOMPARE(outcome(first), QStringLiteral("applied"));
    QCOMPARE(outcome(replay), QStringLiteral("duplicate"));
    bool seen = false;
    for (const QJsonValue &v : members(*m_a, token)) {
        if (v.toObject().value(QStringLiteral("id")).toInteger() == id) {
            QCOMPARE(v.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("approved"));
            seen = true;
        }
    }
    QVERIFY(seen);

    QCOMPARE(m_a->http->del(QStringLiteral("/api/v1/session"), token).status, 204);
    QCOMPARE(m_b->http->get(QStringLiteral("/api/v1/me"), token).status, 401);
}

// Every pending person gets an approval through A and a rejection through B, in many small batches sent at once
// on several connections to each instance. For each person exactly one of the two is applied, the other is told
// of the conflict; the database holds one decision per person, and the audit chain is whole.
void TestInstances::conflictingDecisionsAreAppliedOnce()
{
    const QString tokenA = signIn(*m_a);
    const QString tokenB = signIn(*m_b);
    QVERIFY(!tokenA.isEmpty() && !tokenB.isEmpty());
    m_schoolId = m_b->http->get(QStringLiteral("/api/v1/me"), tokenB)
                     .json()
                     .value(QStringLiteral("school"))
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toInteger();
    QVERIFY(m_schoolId > 0);

    QHash<qint64, qint64> versions; // pending person -> version
    for (const QJsonValue &v : members(*m_a, tokenA)) {
        const QJsonObject o = v.toObject();
        if (o.value(QStringLiteral("status")).toString() == QLatin1String("pending"))
            versions.insert(o.value(QStringLiteral("id")).toInteger(), o.value(QStringLiteral("version")).toInteger());
    }
    QVERIFY2(versions.size() >= 100, qPrintable(QString::number(versions.size())));
    QList<qint64> ids = versions.keys();
    std::sort(ids.begin(), ids.end());

    // Batches of 10, in the same order through both instances, so that batch k of A and batch k of B, sent at the
    // same moment, race for the same ten people.
    constexpr int kBatch = 10;
    const auto batches = [&](bool approve) {
        QList<QByteArray> out;
        const QList<qint64> &order = ids;
        for (qsizetype start = 0; start < order.size(); start += kBatch) {
            QJsonArray items;
            for (qsizetype i = start; i < std::min(order.size(), start + kBatch); ++i) {
                const qint64 id = order.at(i);
                QJsonObject item{
                    {QStringLiteral("key"),
                        QStringLiteral("conflict-%1-%2").arg(approve ? QLatin1Char('a') : QLatin1Char('b')).arg(id)},
                    {QStringLiteral("memberId"), id},
                    {QStringLiteral("verdict"), approve ? QStringLiteral("approve") : QStringLiteral("reject")},
                    {QStringLiteral("baseVersion"), versions.value(id)}};
                if (!approve)
                    item.insert(QStringLiteral("reason"), QStringLiteral("Не работает в школе"));
                items.append(item);
            }
            out.append(QJsonDocument(QJsonObject{{QStringLiteral("items"), items}}).toJson(QJsonDocument::Compact));
        }
        return out;
    };
    const QList<QByteArray> fromA = batches(true);
    const QList<QByteArray> fromB = batches(false);

    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QList<QNetworkReply *> replies;
    QHash<QNetworkReply *, QChar> side;
    const auto post = [&](Instance &on, const QString &token, const QByteArray &body, QChar which) {
        QUrl url = on.process.url();
        url.setPath(schoolPath() + QStringLiteral("/decisions"));
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        QNetworkReply *reply = network.post(request, body);
        replies.append(reply);
        side.insert(reply, which);
    };
    for (qsizetype i = 0; i < std::max(fromA.size(), fromB.size()); ++i) {
        if (i < fromA.size())
            post(*m_a, tokenA, fromA.at(i), QLatin1Char('a'));
        if (i < fromB.size())
            post(*m_b, tokenB, fromB.at(i), QLatin1Char('b'));
    }
    QVERIFY(QTest::qWaitFor(
        [&] { return std::all_of(replies.cbegin(), replies.cend(), [](QNetworkReply *r) { return r->isFinished(); }); },
        120000));

    QHash<qint64, QStringList> outcomes; // person -> "a:applied", "b:conflict"
    for (QNetworkReply *reply : std::as_const(replies)) {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        QVERIFY2(status == 200, qPrintable(QStringLiteral("%1 %2").arg(status).arg(QString::fromUtf8(body))));
        for (const QJsonValue &v : QJsonDocument::fromJson(body).object().value(QStringLiteral("results")).toArray()) {
            const QJsonObject r = v.toObject();
            outcomes[r.value(QStringLiteral("memberId")).toInteger()].append(
                QStringLiteral("%1:%2").arg(side.value(reply), r.value(QStringLiteral("outcome")).toString()));
        }
        reply->deleteLater();
    }

    int wonByA = 0;
    int wonByB = 0;
    QHash<qint64, QString> winner;
    for (const qint64 id : std::as_const(ids)) {
        QStringList o = outcomes.value(id);
        o.sort();
        const QString text = o.join(QLatin1Char(' '));
        if (text == QLatin1String("a:applied b:conflict")) {
            ++wonByA;
            winner.insert(id, QStringLiteral("approved"));
        } else if (text == QLatin1String("a:conflict b:applied")) {
            ++wonByB;
            winner.insert(id, QStringLiteral("rejected"));
        } else {
            QFAIL(qPrintable(QStringLiteral("person %1: %2").arg(id).arg(text)));
        }
    }
    qInfo("%d people: %d approved through A, %d rejected through B", int(ids.size()), wonByA, wonByB);
    QVERIFY(wonByA > 0 && wonByB > 0);

    // What both instances show now is the winner's decision, one version on.
    for (Instance *on : {m_a.get(), m_b.get()}) {
        int checked = 0;
        for (const QJsonValue &v : members(*on, on == m_a.get() ? tokenA : tokenB)) {
            const QJsonObject o = v.toObject();
            const qint64 id = o.value(QStringLiteral("id")).toInteger();
            if (!winner.contains(id))
                continue;
            QCOMPARE(o.value(QStringLiteral("status")).toString(), winner.value(id));
            QCOMPARE(o.value(QStringLiteral("version")).toInteger(), versions.value(id) + 1);
            ++checked;
        }
        QCOMPARE(checked, int(ids.size()));
    }

    // The database itself: one decision per person, and the audit chain verifies.
    auto db = server::Database::openPostgres(m_database->url());
    QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
    QSqlQuery q(db.value()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT member_id) FROM decisions WHERE school_id = %1")
                       .arg(m_schoolId)));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toLongLong(), qint64(ids.size()));
    QCOMPARE(q.value(1).toLongLong(), qint64(ids.size()));
    q.finish();
    SystemClock clock;
    server::AuditLog audit(*db.value(), clock);
    const server::AuditLog::Verification v = audit.verify();
    QVERIFY2(v.ok, qPrintable(v.problem));
}

QTEST_GUILESS_MAIN(TestInstances)
#include "tst_instances.moc"
