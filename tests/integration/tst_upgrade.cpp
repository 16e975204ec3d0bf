// Upgrades keep data: a server database made by an older release (the schema as it stood before the change
// feed, migration 4) is opened by this release, which migrates it, and everything made before is still there
// and works — accounts sign in, members keep their statuses, the audit chain still verifies, the change feed
// knows every member. The same for the client's offline copy: a file made earlier opens with its data. As
// integration.upgrade.pg the server's database is a fresh PostgreSQL one, made at the older schema the same way.

#include "client/localcache.h"
#include "rawhttp.h"
#include "server/accountstore.h"
#include "server/auditlog.h"
#include "server/database.h"
#include "server/demoseeder.h"
#include "server/server.h"
#include "testserver.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace sg;

namespace {

const QString kPassword = QStringLiteral("upgrade test password 1");

int count(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        qFatal("query failed: %s", qPrintable(sql));
    return q.value(0).toInt();
}

// Every member as "id:status:version", in id order: what must survive the upgrade unchanged.
QString membersDigest(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT id, status, version FROM members ORDER BY id")))
        qFatal("members query failed");
    QStringList rows;
    while (q.next())
        rows.append(QStringLiteral("%1:%2:%3")
                        .arg(q.value(0).toLongLong())
                        .arg(q.value(1).toString())
                        .arg(q.value(2).toLongLong()));
    return rows.join(QLatin1Char(','));
}

} // namespace

class TestUpgrade : public QObject
{
    Q_OBJECT

private slots:
    void serverDatabaseFromAnOlderSchema();
    void offlineCopySurvivesReopening();
};

void TestUpgrade::serverDatabaseFromAnOlderSchema()
{
    constexpr int kOlderSchema = 4; // the last schema before the change feed
    QVERIFY(server::Database::latestSchemaVersion() > kOlderSchema);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("schoolgate.db"));
    std::unique_ptr<test::TemporaryPostgresDatabase> postgres;
    if (test::TemporaryPostgresDatabase::enabled()) {
        postgres = std::make_unique<test::TemporaryPostgresDatabase>();
        QVERIFY2(postgres->isValid(), qPrintable(postgres->errorString()));
    }

    // 1. The older release: its schema, its data (the demo school, a decision, audit entries).
    int members = 0, accounts = 0, auditEntries = 0;
    QString statusesBefore;
    {
        auto db = postgres ? server::Database::openPostgres(postgres->url(), kOlderSchema)
                           : server::Database::openSqlite(path, kOlderSchema);
        QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
        QCOMPARE(db.value()->schemaVersion(), kOlderSchema);
        QSqlQuery probe(db.value()->connection());
        QVERIFY(!probe.exec(QStringLiteral("SELECT change_seq FROM members LIMIT 1"))); // not there yet
        SystemClock clock;
        server::AuditLog audit(*db.value(), clock);
        server::AccountStore accountStore(*db.value(), audit, clock);
        server::DemoSeeder seeder(*db.value(), accountStore, clock);
        auto demo = seeder.seed(kPassword);
        QVERIFY2(demo, qPrintable(demo ? QString() : demo.error().message));
        QSqlQuery q(db.value()->connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE members SET status = 'rejected', reason = 'Не обучается', "
                                      "version = version + 1 WHERE id = (SELECT MIN(id) FROM members WHERE "
                                      "role = 'student' AND status = 'pending')")));
        for (const QString &action : {QStringLiteral("decision.applied"), QStringLiteral("report.sent")}) {
            server::AuditEntry entry;
            entry.actor = QStringLiteral("demo-school");
            entry.actorId = 1;
            entry.action = action;
            entry.entity = QStringLiteral("member");
            entry.entityId = QStringLiteral("1");
            entry.schoolId = 1;
            QVERIFY(audit.append(entry));
        }
        members = count(db.value()->connection(), QStringLiteral("SELECT COUNT(*) FROM members"));
        accounts = count(db.value()->connection(), QStringLiteral("SELECT COUNT(*) FROM users"));
        auditEntries = count(db.value()->connection(), QStringLiteral("SELECT COUNT(*) FROM audit_log"));
        statusesBefore = membersDigest(db.value()->connection());
        QVERIFY2(members > 800 && accounts >= 4 && auditEntries > 0,
            qPrintable(QStringLiteral("%1 members, %2 accounts, %3 audit entries")
                           .arg(members)
                           .arg(accounts)
                           .arg(auditEntries)));
    }

    // 2. This release starts on the same folder: it migrates and serves the old data.
    server::ServerOptions options;
    options.dataDir = dir.path();
    if (postgres)
        options.databaseUrl = postgres->url();
    SystemClock clock;
    server::Server server(options, &clock);
    const Status started = server.start();
    QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
    QSqlDatabase &db = server.database().connection();
    QCOMPARE(server.database().schemaVersion(), server::Database::latestSchemaVersion());
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM members")), members);
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM users")), accounts);
    QVERIFY(count(db, QStringLiteral("SELECT COUNT(*) FROM audit_log")) >= auditEntries);
    QCOMPARE(membersDigest(db), statusesBefore);
    // Every member has its own place in the change feed.
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(DISTINCT change_seq) FROM members WHERE change_seq > 0")), members);
    const auto verification = server.audit().verify();
    QVERIFY2(verification.ok, qPrintable(verification.problem));

    // The old account signs in, and the feed from the start has every member the school may see.
    test::RawHttp http(server.baseUrl());
    const test::HttpAnswer login = http.postJson(QStringLiteral("/api/v1/session"),
        {{QStringLiteral("login"), QStringLiteral("demo-school")}, {QStringLiteral("password"), kPassword}});
    QVERIFY2(login.status == 201, qPrintable(QString::fromUtf8(login.body)));
    const QString token = login.json().value(QStringLiteral("token")).toString();
    QVERIFY(!token.isEmpty());
    const test::HttpAnswer feed = http.get(QStringLiteral("/api/v1/schools/1/changes?limit=5000"), token);
    QVERIFY2(feed.status == 200, qPrintable(QString::fromUtf8(feed.body.left(300))));
    const int schoolMembers = count(db, QStringLiteral("SELECT COUNT(*) FROM members WHERE school_id = 1"));
    QCOMPARE(feed.json().value(QStringLiteral("members")).toArray().size(), schoolMembers);
    bool rejectedKept = false;
    for (const QJsonValue &m : feed.json().value(QStringLiteral("members")).toArray())
        rejectedKept =
            rejectedKept || m.toObject().value(QStringLiteral("reason")).toString() == QStringLiteral("Не обучается");
    QVERIFY(rejectedKept);
}

void TestUpgrade::offlineCopySurvivesReopening()
{
    // The client's offline copy has one schema so far; a copy written earlier opens with its data and its queued
    // decisions, and the file says which schema wrote it.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("offline/copy.db"));
    const QByteArray key(32, 'B');
    proto::Member m;
    m.id = 7;
    m.role = Role::Student;
    m.surname = QStringLiteral("Ёлкина");
    m.name = QStringLiteral("Анна");
    m.version = 3;
    m.registeredAt = QDateTime::currentDateTimeUtc();
    QString key1;
    {
        auto cache = client::LocalCache::open(path, key);
        QVERIFY(cache);
        QVERIFY(cache.value()->replaceMembers(1, {m}, QDateTime::currentDateTimeUtc()));
        auto queued = cache.value()->queueDecisions(1, {proto::DecisionItem{QString(), 7, Verdict::Approve, {}, 3}});
        QVERIFY(queued);
        key1 = queued->first().key;
    }
    auto reopened = client::LocalCache::open(path, key);
    QVERIFY(reopened);
    QCOMPARE(reopened.value()->schemaVersion(), client::LocalCache::latestSchemaVersion());
    auto members = reopened.value()->members(1);
    QVERIFY(members);
    QCOMPARE(members->size(), 1);
    QCOMPARE(members->first().member.surname, QStringLiteral("Ёлкина"));
    QVERIFY(members->first().pending);
    QCOMPARE(reopened.value()->outbox(1)->first().key, key1);
}

QTEST_GUILESS_MAIN(TestUpgrade)
#include "tst_upgrade.moc"
