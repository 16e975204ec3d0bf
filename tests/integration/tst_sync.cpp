// The offline outbox and its sync against the real server module over loopback HTTP: push and pull, answers
// lost after the server committed (for every request of the canonical scenario), local database failures (for
// every statement), two clients deciding offline on the same people, and the backoff schedule.

#include "client/apiclient.h"
#include "client/localcache.h"
#include "client/syncengine.h"
#include "server/database.h"
#include "testserver.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace sg;
using namespace sg::client;

namespace {

// The request reaches the server and is answered there, but the client gets a closed connection instead of the
// answer — "the server committed, then the network failed" — for the request with the chosen number.
class FailedReply final : public QNetworkReply
{
public:
    FailedReply(QNetworkReply *real, QObject *parent)
        : QNetworkReply(parent)
    {
        setOperation(real->operation());
        setRequest(real->request());
        setUrl(real->url());
        open(QIODevice::ReadOnly);
        connect(real, &QNetworkReply::finished, this, [this, real] {
            real->deleteLater();
            setError(QNetworkReply::RemoteHostClosedError, QStringLiteral("connection closed (answer dropped)"));
            emit errorOccurred(QNetworkReply::RemoteHostClosedError);
            setFinished(true);
            emit finished();
        });
    }
    void abort() override {}

protected:
    qint64 readData(char *, qint64) override { return -1; }
};

class DroppingNetwork final : public QNetworkAccessManager
{
public:
    int requests = 0;
    int dropAt = -1; // 0-based number of the request whose answer is lost; -1: none
    QStringList log;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *data) override
    {
        QNetworkReply *real = QNetworkAccessManager::createRequest(op, request, data);
        log.append(request.url().path());
        if (requests++ != dropAt)
            return real;
        return new FailedReply(real, this);
    }
};

template<typename T>
Result<T> await(std::function<void(std::function<void(Result<T>)>)> call)
{
    std::optional<Result<T>> out;
    call([&](Result<T> r) { out = std::move(r); });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 30000))
        return Error{QStringLiteral("test-timeout"), QStringLiteral("no answer in 30 s"), 0};
    return std::move(*out);
}

SyncReport syncOnce(SyncEngine &engine)
{
    QSignalSpy finished(&engine, &SyncEngine::syncFinished);
    engine.syncNow();
    if (finished.isEmpty() && !finished.wait(60000)) {
        SyncReport timedOut;
        timedOut.error = Error{QStringLiteral("test-timeout"), QStringLiteral("no sync answer in 60 s"), 0};
        return timedOut;
    }
    return finished.first().first().value<SyncReport>();
}

// Syncs until a round completes (each failed round is retried at once, as the backoff timer would later).
QList<SyncReport> syncUntilComplete(SyncEngine &engine, int maxRounds = 10)
{
    QList<SyncReport> rounds;
    for (int i = 0; i < maxRounds; ++i) {
        rounds.append(syncOnce(engine));
        if (rounds.last().complete)
            break;
    }
    return rounds;
}

const QByteArray kKey = QByteArray(32, '\x5a');

} // namespace

Q_DECLARE_METATYPE(sg::client::SyncReport)

class TestSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pushAndPull();
    void lostAnswers();
    void localDatabaseFailures();
    void twoClientsOffline_data();
    void twoClientsOffline();
    void backoff_data();
    void backoff();

private:
    struct Client
    {
        QTemporaryDir dir;
        DroppingNetwork network;
        std::unique_ptr<ApiClient> api;
        std::unique_ptr<LocalCache> cache;
        std::unique_ptr<SyncEngine> engine;
        QString cachePath() const { return dir.filePath(QStringLiteral("cache.db")); }
        // Signs in, opens the cache and pulls the first snapshot.
        bool start(const QUrl &url, const QString &login, SyncEngine::Options options = {})
        {
            api = std::make_unique<ApiClient>(&network);
            api->setBaseUrl(url);
            auto session = await<proto::SessionInfo>(
                [&](auto done) { api->login(login, test::TestServer::kPassword, std::move(done)); });
            if (!session)
                return false;
            return reopen(options) && syncOnce(*engine).complete;
        }
        // As after a restart of the program: the cache and the engine are new objects on the same file.
        bool reopen(SyncEngine::Options options = {})
        {
            engine.reset();
            cache.reset();
            auto opened = LocalCache::open(cachePath(), kKey);
            if (!opened)
                return false;
            cache = std::move(opened).value();
            options.intervalMs = 0;
            options.backoffBaseMs = 1; // the test retries by hand
            engine = std::make_unique<SyncEngine>(api.get(), cache.get(), schoolId, options);
            return true;
        }
        qint64 schoolId = 1;
    };

    // The canonical scenario: 200 decisions on pending people (every fifth a rejection) and a report.
    static QList<proto::DecisionItem> queueCanonical(LocalCache &cache, qint64 schoolId, int count = 200);
    static int serverCount(test::TestServer &server, const QString &sql);
    static QMap<qint64, QString> serverStatuses(test::TestServer &server);
};

void TestSync::initTestCase()
{
    qRegisterMetaType<SyncReport>();
}

QList<proto::DecisionItem> TestSync::queueCanonical(LocalCache &cache, qint64 schoolId, int count)
{
    auto members = cache.members(schoolId);
    if (!members)
        qFatal("members: %s", qPrintable(members.error().message));
    QList<proto::DecisionItem> items;
    for (const CachedMember &m : std::as_const(members.value())) {
        if (m.member.status != MemberStatus::Pending || m.member.role != Role::Student)
            continue;
        proto::DecisionItem item;
        item.memberId = m.member.id;
        item.verdict = items.size() % 5 == 4 ? Verdict::Reject : Verdict::Approve;
        if (item.verdict == Verdict::Reject)
            item.reason = QStringLiteral("Не обучается в этой школе");
        item.baseVersion = m.member.version;
        items.append(item);
        if (items.size() == count)
            break;
    }
    return items;
}

int TestSync::serverCount(test::TestServer &server, const QString &sql)
{
    QSqlQuery q(server.server().database().connection());
    if (!q.exec(sql) || !q.next())
        qFatal("server query failed: %s", qPrintable(sql));
    return q.value(0).toInt();
}

QMap<qint64, QString> TestSync::serverStatuses(test::TestServer &server)
{
    QMap<qint64, QString> out;
    QSqlQuery q(server.server().database().connection());
    if (!q.exec(QStringLiteral("SELECT id, status, reason FROM members ORDER BY id")))
        qFatal("server query failed");
    while (q.next())
        out.insert(q.value(0).toLongLong(), q.value(1).toString() + QLatin1Char('|') + q.value(2).toString());
    return out;
}

void TestSync::pushAndPull()
{
    test::TestServer server;
    QVERIFY2(server.isValid(), qPrintable(server.errorString()));
    Client c;
    QVERIFY(c.start(server.url(), QStringLiteral("demo-school")));
    auto cached = c.cache->members(1);
    QVERIFY(cached);
    QCOMPARE(cached->size(), server.demo().teachers + server.demo().students);

    const auto items = queueCanonical(*c.cache, 1);
    QCOMPARE(items.size(), 200);
    auto queued = c.cache->queueDecisions(1, items);
    QVERIFY2(queued, qPrintable(queued ? QString() : queued.error().message));
    QVERIFY(c.cache->queueReport(1, c.cache->pendingSnapshot(1).value()));
    QCOMPARE(c.cache->pendingCount(1), 200);
    // Shown at once, as pending.
    cached = c.cache->members(1);
    QCOMPARE(std::count_if(cached->begin(), cached->end(), [](const CachedMember &m) { return m.pending; }), 200);

    QSignalSpy progress(c.engine.get(), &SyncEngine::progress);
    const SyncReport report = syncOnce(*c.engine);
    QVERIFY2(report.complete, qPrintable(report.error ? report.error->message : QString()));
    QCOMPARE(report.applied, 200);
    QCOMPARE(report.duplicates, 0);
    QCOMPARE(report.conflicts, 0);
    QCOMPARE(report.reports, 1);
    QVERIFY(progress.size() >= 2);
    QCOMPARE(progress.last().at(0).toInt(), 201);
    QVERIFY(c.cache->outbox(1, std::nullopt)->isEmpty());
    QCOMPARE(serverCount(server, QStringLiteral("SELECT COUNT(*) FROM decisions WHERE report_id IS NOT NULL")), 200);
    QCOMPARE(serverCount(server, QStringLiteral("SELECT COUNT(*) FROM reports")), 1);
    // The pull brought the server's versions: nothing is pending and the statuses match.
    cached = c.cache->members(1);
    const auto statuses = serverStatuses(server);
    for (const CachedMember &m : std::as_const(cached.value())) {
        QVERIFY(!m.pending && !m.conflict);
        QCOMPARE(statuses.value(m.member.id).section(QLatin1Char('|'), 0, 0), toString(m.member.status));
    }
}

void TestSync::lostAnswers()
{
    // A fault-free run counts the requests of the scenario; then each one in turn loses its answer.
    SyncEngine::Options options;
    options.batchSize = 50; // 4 decision batches, the report, the pull
    int scenarioRequests = 0;
    QMap<qint64, QString> expected;
    for (int dropAt = -1; dropAt < scenarioRequests; ++dropAt) {
        test::TestServer server;
        QVERIFY(server.isValid());
        Client c;
        QVERIFY(c.start(server.url(), QStringLiteral("demo-school"), options));
        QVERIFY(c.cache->queueDecisions(1, queueCanonical(*c.cache, 1)));
        QVERIFY(c.cache->queueReport(1, c.cache->pendingSnapshot(1).value()));
        const int before = c.network.requests;
        c.network.dropAt = dropAt < 0 ? -1 : before + dropAt;
        const SyncReport first = syncOnce(*c.engine);
        if (dropAt < 0) {
            QVERIFY(first.complete);
            scenarioRequests = c.network.requests - before;
            QVERIFY2(scenarioRequests >= 6, qPrintable(c.network.log.join(QLatin1Char(' '))));
            expected = serverStatuses(server);
            continue;
        }
        QVERIFY2(!first.complete, qPrintable(QStringLiteral("request %1 was not dropped").arg(dropAt)));
        // The program restarts and syncs again.
        QVERIFY(c.reopen(options));
        int duplicates = 0, conflicts = 0, applied = first.applied;
        for (const SyncReport &r : syncUntilComplete(*c.engine)) {
            duplicates += r.duplicates;
            conflicts += r.conflicts;
            applied += r.applied;
        }
        const QString where = QStringLiteral("answer of request %1 dropped").arg(dropAt);
        QVERIFY2(c.cache->outbox(1, std::nullopt)->isEmpty(), qPrintable(where));
        QVERIFY2(conflicts == 0, qPrintable(where));
        QVERIFY2(applied + duplicates >= 200, qPrintable(where));
        QCOMPARE(serverCount(server, QStringLiteral("SELECT COUNT(*) FROM decisions")), 200); // 0 doubled
        QCOMPARE(serverCount(server, QStringLiteral("SELECT COUNT(*) FROM reports")), 1);
        QCOMPARE(serverCount(server, QStringLiteral("SELECT COUNT(*) FROM decisions WHERE report_id IS NULL")), 0);
        QVERIFY2(serverStatuses(server) == expected, qPrintable(where)); // 0 lost
        auto cached = c.cache->members(1);
        QVERIFY(std::none_of(cached->begin(), cached->end(), [](const CachedMember &m) { return m.pending; }));
    }
    qInfo("lost answers: each of %d requests of the scenario dropped once", scenarioRequests);
}

void TestSync::localDatabaseFailures()
{
    // The same scenario, smaller (20 decisions and a report) so that every statement of it can fail once.
    const int decisions = 20;
    int statements = 0;
    QMap<qint64, QString> expected;
    int failures = 0;
    for (int failAt = -1; failAt < statements; ++failAt) {
        test::TestServer server;
        QVERIFY(server.isValid());
        Client c;
        QVERIFY(c.start(server.url(), QStringLiteral("demo-school")));
        const auto items = queueCanonical(*c.cache, 1, decisions); // what the user sees and picks
        int counter = 0;
        bool fired = false;
        c.cache->setFaultInjector([&] {
            if (fired || counter++ != failAt)
                return false;
            fired = true;
            return true;
        });
        // The user presses the button again when saving failed (the failed call changed nothing).
        if (!c.cache->queueDecisions(1, items))
            QVERIFY(c.cache->queueDecisions(1, items));
        // The snapshot is read before the report is queued; either read may fail once, as may the queueing.
        auto snapshot = c.cache->pendingSnapshot(1);
        if (!snapshot)
            snapshot = c.cache->pendingSnapshot(1);
        QVERIFY(snapshot);
        if (!c.cache->queueReport(1, snapshot.value()))
            QVERIFY(c.cache->queueReport(1, snapshot.value()));
        const auto rounds = syncUntilComplete(*c.engine);
        QVERIFY2(rounds.last().complete, qPrintable(QStringLiteral("statement %1").arg(failAt)));
        if (failAt < 0) {
            statements = counter;
            expected = serverStatuses(server);
            continue;
        }
        failures += fired;
        const QString where = QStringLiteral("statement %1 failed").arg(failAt);
        QVERIFY2(serverStatuses(server) == expected, qPrintable(where));
        QCOMPARE(serverCount(server, QStringLiteral("SELECT COUNT(*) FROM decisions")), decisions);
        QCOMPARE(serverCount(server, QStringLiteral("SELECT COUNT(*) FROM reports")), 1);
        QVERIFY2(c.cache->outbox(1, std::nullopt)->isEmpty(), qPrintable(where));
        QVERIFY(c.cache->members(1));
    }
    QCOMPARE(failures, statements);
    qInfo("local failures: each of %d cache statements failed once", statements);
}

void TestSync::twoClientsOffline_data()
{
    QTest::addColumn<bool>("firstApproves");
    QTest::addColumn<bool>("secondApproves");
    QTest::addColumn<bool>("secondOnline"); // the second client syncs its first pull after the first one's push
    for (bool a : {true, false})
        for (bool b : {true, false})
            for (bool online : {false, true})
                QTest::addRow("%s-then-%s-%s", a ? "approve" : "reject", b ? "approve" : "reject",
                    online ? "second-saw-it" : "both-offline")
                    << a << b << online;
}

void TestSync::twoClientsOffline()
{
    QFETCH(bool, firstApproves);
    QFETCH(bool, secondApproves);
    QFETCH(bool, secondOnline);
    test::TestServer server;
    QVERIFY(server.isValid());
    Client first, second;
    QVERIFY(first.start(server.url(), QStringLiteral("demo-school")));
    QVERIFY(second.start(server.url(), QStringLiteral("demo-school")));
    const auto pick = queueCanonical(*first.cache, 1, 3);
    QCOMPARE(pick.size(), 3);
    auto decide = [](LocalCache &cache, const proto::DecisionItem &base, bool approve, qint64 version) {
        proto::DecisionItem item = base;
        item.verdict = approve ? Verdict::Approve : Verdict::Reject;
        item.reason = approve ? QString() : QStringLiteral("Нет в списках");
        item.baseVersion = version;
        return cache.queueDecisions(1, {item});
    };
    for (const auto &p : pick)
        QVERIFY(decide(*first.cache, p, firstApproves, p.baseVersion));
    if (secondOnline) {
        QVERIFY(syncOnce(*first.engine).complete);
        QVERIFY(syncOnce(*second.engine).complete); // the second sees the first's decisions, decides after them
        auto seen = second.cache->members(1);
        for (const auto &p : pick) {
            const auto it = std::find_if(
                seen->begin(), seen->end(), [&](const CachedMember &m) { return m.member.id == p.memberId; });
            QVERIFY(decide(*second.cache, p, secondApproves, it->member.version));
        }
        const SyncReport r = syncOnce(*second.engine);
        QVERIFY(r.complete);
        QCOMPARE(r.applied, 3); // a decision made on what the server had is not a conflict
        QCOMPARE(r.conflicts, 0);
        const QString status = toString(secondApproves ? MemberStatus::Approved : MemberStatus::Rejected);
        for (const auto &p : pick)
            QCOMPARE(serverStatuses(server).value(p.memberId).section(QLatin1Char('|'), 0, 0), status);
        return;
    }
    for (const auto &p : pick)
        QVERIFY(decide(*second.cache, p, secondApproves, p.baseVersion));
    const SyncReport a = syncOnce(*first.engine);
    const SyncReport b = syncOnce(*second.engine);
    QVERIFY(a.complete && b.complete);
    QCOMPARE(a.applied, 3);
    // The loser sees the conflict: never a silent overwrite, whatever the verdicts.
    QCOMPARE(b.applied, 0);
    QCOMPARE(b.conflicts, 3);
    const QString winner = toString(firstApproves ? MemberStatus::Approved : MemberStatus::Rejected);
    for (const auto &p : pick)
        QCOMPARE(serverStatuses(server).value(p.memberId).section(QLatin1Char('|'), 0, 0), winner);
    auto conflicts = second.cache->outbox(1, OutboxItem::State::Conflict);
    QVERIFY(conflicts);
    QCOMPARE(conflicts->size(), 3);
    auto shown = second.cache->members(1);
    for (const auto &p : pick) {
        const auto it = std::find_if(
            shown->begin(), shown->end(), [&](const CachedMember &m) { return m.member.id == p.memberId; });
        QVERIFY(it->conflict);
        QVERIFY(it->serverStatus.has_value());
        QCOMPARE(toString(*it->serverStatus), winner); // the server's current state, for the user to resolve
    }
    // The user insists on one and drops the others: only the insisted one is applied, on the new version.
    const auto &insist = conflicts->first();
    const auto current = std::find_if(
        shown->begin(), shown->end(), [&](const CachedMember &m) { return m.member.id == insist.memberId; });
    QVERIFY(second.cache->requeueItem(insist.key, current->member.version));
    QVERIFY(second.cache->discardItem(conflicts->at(1).key));
    QVERIFY(second.cache->discardItem(conflicts->at(2).key));
    const SyncReport again = syncOnce(*second.engine);
    QVERIFY(again.complete);
    QCOMPARE(again.applied, 1);
    QVERIFY(second.cache->outbox(1, std::nullopt)->isEmpty());
}

void TestSync::backoff_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<int>("retryAfter");
    QTest::addColumn<quint32>("random");
    QTest::addColumn<int>("min");
    QTest::addColumn<int>("max");
    QTest::newRow("first, no jitter") << 0 << 0 << quint32(0) << 1000 << 1000;
    QTest::newRow("first, full jitter") << 0 << 0 << quint32(0xffffffff) << 1999 << 2000;
    QTest::newRow("third") << 2 << 0 << quint32(0x80000000) << 6000 << 6000;
    QTest::newRow("capped at 5 min") << 12 << 0 << quint32(0xffffffff) << 299999 << 300000;
    QTest::newRow("huge attempt stays capped") << 1000 << 0 << quint32(0) << 150000 << 150000;
    QTest::newRow("Retry-After wins") << 0 << 120 << quint32(0) << 120000 << 120000;
    QTest::newRow("backoff above Retry-After") << 10 << 1 << quint32(0) << 150000 << 150000;
}

void TestSync::backoff()
{
    QFETCH(int, attempt);
    QFETCH(int, retryAfter);
    QFETCH(quint32, random);
    QFETCH(int, min);
    QFETCH(int, max);
    const int delay = SyncEngine::backoffDelayMs(attempt, retryAfter, 2000, 300000, random);
    QVERIFY2(delay >= min && delay <= max, qPrintable(QString::number(delay)));
}

QTEST_GUILESS_MAIN(TestSync)
#include "tst_sync.moc"
