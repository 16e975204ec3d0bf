// Syncing queued decisions end to end over loopback, as the desktop client does it: N decisions wait in the
// encrypted outbox of a signed-in SchoolSession (its tables filled with the school's members); the sync pushes them
// to the real server module and pulls the changes back, and the tables' rows change as the answers arrive. The
// server runs on a thread of its own (as a remote or bundled server does not share the window's event loop), so
// the client's event loop is measured alone: its longest stall during the whole sync (a 1 ms timer's largest gap).
// The baseline, in the same run against a fresh server with the same data: the same decision batches posted as
// raw HTTP requests with no cache at all, and the same change feed read without storing it — what the server and
// the network alone cost. Ours and the baseline alternate which runs first. Prints a table; never asserts a timing
// (docs/performance.md). Also prints the CPU time the GUI thread and the whole process spent during each sync.
//
//   bench_sync [--quick]      (--quick: 1,000 decisions, one repetition; used by CTest)

#include "benchserver.h"
#include "client/apiclient.h"
#include "client/localcache.h"
#include "client/membertablemodel.h"
#include "client/schoolsession.h"
#include "client/syncengine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <optional>

using namespace sg;

namespace {

constexpr qint64 kSchool = 1;
const QString &kPassword = bench::kBenchPassword;

[[noreturn]] void fail(const QString &what)
{
    std::fprintf(stderr, "bench_sync: %s\n", qPrintable(what));
    std::exit(1);
}

template<typename T>
T await(std::function<void(std::function<void(Result<T>)>)> call, const char *what)
{
    std::optional<Result<T>> out;
    call([&](Result<T> r) { out = std::move(r); });
    while (!out)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    if (!*out)
        fail(QStringLiteral("%1: %2").arg(QLatin1String(what), out->error().message));
    return std::move(*out).value();
}

struct Row
{
    int decisions = 0;
    double ours = 0;
    double baseline = 0;
};

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.at(v.size() / 2);
}

// The server module on a thread of its own: made, started and destroyed there.
class ThreadedServer
{
public:
    explicit ThreadedServer(int extra)
    {
        m_thread.start();
        m_context = new QObject;
        m_context->moveToThread(&m_thread);
        QMetaObject::invokeMethod(
            m_context,
            [this, extra] {
                m_server = std::make_unique<bench::BenchServer>(extra);
                m_url = m_server->server->baseUrl();
            },
            Qt::BlockingQueuedConnection);
    }
    ~ThreadedServer()
    {
        QMetaObject::invokeMethod(
            m_context,
            [this] {
                m_server.reset();
                delete m_context;
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    QUrl url() const { return m_url; }

private:
    QThread m_thread;
    QObject *m_context = nullptr;
    std::unique_ptr<bench::BenchServer> m_server;
    QUrl m_url;
};

// The longest time the event loop of this thread did not get round to a 1 ms timer.
class StallProbe
{
public:
    StallProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { tick(); });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_maxGapNs = 0;
        m_timer.start();
    }
    double stopMs()
    {
        tick();
        m_timer.stop();
        return m_maxGapNs / 1e6;
    }

private:
    void tick()
    {
        const qint64 now = m_clock.nsecsElapsed();
        m_maxGapNs = std::max(m_maxGapNs, now - m_last);
        m_last = now;
    }
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_maxGapNs = 0;
};

// CPU time spent from start() to stop(): by the calling (GUI) thread, and by the whole process (the server's threads
// included). Shows where the time of a slower sync goes on a machine with few cores.
struct CpuClock
{
    static double nowMs(clockid_t clock)
    {
        timespec t{};
        clock_gettime(clock, &t);
        return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
    }
    void start()
    {
        thread0 = nowMs(CLOCK_THREAD_CPUTIME_ID);
        process0 = nowMs(CLOCK_PROCESS_CPUTIME_ID);
    }
    void stop()
    {
        threadMs = nowMs(CLOCK_THREAD_CPUTIME_ID) - thread0;
        processMs = nowMs(CLOCK_PROCESS_CPUTIME_ID) - process0;
    }
    double thread0 = 0, process0 = 0, threadMs = 0, processMs = 0;
};

struct OursResult
{
    double ms = 0;
    double stallMs = 0;
    CpuClock cpu;
};

// Ours: a signed-in SchoolSession with an offline copy, its tables filled by the first sync (not timed); N decisions
// queued in its outbox (not timed); then syncNow until the round is finished: pushed in batches, answered, pulled,
// and every changed row updated in the tables.
OursResult runOurs(int decisions)
{
    ThreadedServer s(decisions);
    QNetworkAccessManager network;
    client::ApiClient api(&network);
    api.setBaseUrl(s.url());
    api.setTimeout(120000);
    client::SchoolSession session(&api);
    {
        bool signedIn = false;
        QObject::connect(&session, &client::SchoolSession::signedIn, [&] { signedIn = true; });
        QObject::connect(&session, &client::SchoolSession::signInFailed,
            [](const Error &e) { fail(QStringLiteral("sign-in: ") + e.message); });
        session.signIn(QString::fromLatin1(server::DemoSeeder::kSchoolLogin), kPassword);
        while (!signedIn)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    QTemporaryDir dir;
    auto opened = client::LocalCache::open(dir.filePath(QStringLiteral("cache.db")), QByteArray(32, '\x11'));
    if (!opened)
        fail(opened.error().message);
    auto cache = std::move(opened).value();
    session.setCache(cache.get());
    std::optional<client::SyncReport> report;
    QObject::connect(
        session.syncEngine(), &client::SyncEngine::syncFinished, [&](const client::SyncReport &r) { report = r; });
    session.refresh(); // the first snapshot fills the tables: not timed
    while (!report || session.isBusy())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    if (!report->complete)
        fail(QStringLiteral("first sync: ") + (report->error ? report->error->message : QString()));
    if (session.students()->rowCount() < decisions)
        fail(QStringLiteral("the students table has %1 rows").arg(session.students()->rowCount()));

    QList<proto::DecisionItem> items;
    for (const proto::Member &m : session.students()->members()) {
        if (m.status == MemberStatus::Pending && items.size() < decisions) {
            proto::DecisionItem item;
            item.memberId = m.id;
            item.baseVersion = m.version;
            items.append(item);
        }
    }
    if (items.size() != decisions)
        fail(QStringLiteral("not enough pending students"));
    if (!cache->queueDecisions(kSchool, items))
        fail(QStringLiteral("queue"));

    report.reset();
    StallProbe probe;
    QElapsedTimer timer;
    OursResult out;
    out.cpu.start();
    timer.start();
    probe.start();
    session.syncNow();
    while (!report)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    out.ms = timer.nsecsElapsed() / 1e6;
    out.cpu.stop();
    out.stallMs = probe.stopMs();
    if (!report->complete || report->applied != decisions || cache->pendingCount(kSchool) != 0)
        fail(QStringLiteral("applied %1 of %2").arg(report->applied).arg(decisions));
    for (const proto::DecisionItem &item : std::as_const(items)) {
        const proto::Member *row = session.students()->memberById(item.memberId);
        if (!row || row->status != MemberStatus::Approved)
            fail(QStringLiteral("the table does not show member %1 approved").arg(item.memberId));
    }
    session.setCache(nullptr);
    return out;
}

// The engine and the cache alone (no session, no tables), with the options the session uses: what the row "ours"
// measured before the tables were part of it.
OursResult runEngine(int decisions)
{
    ThreadedServer s(decisions);
    QNetworkAccessManager network;
    client::ApiClient api(&network);
    api.setBaseUrl(s.url());
    api.setTimeout(120000);
    await<proto::SessionInfo>(
        [&](auto done) { api.login(QString::fromLatin1(server::DemoSeeder::kSchoolLogin), kPassword, done); }, "login");
    QTemporaryDir dir;
    auto opened = client::LocalCache::open(dir.filePath(QStringLiteral("cache.db")), QByteArray(32, '\x11'));
    if (!opened)
        fail(opened.error().message);
    auto cache = std::move(opened).value();
    client::SyncEngine::Options options;
    options.batchSize = 1000;
    options.pullLimit = 5000;
    options.writeSlice = 500;
    options.intervalMs = 0;
    client::SyncEngine engine(&api, cache.get(), kSchool, options);
    auto syncAndWait = [&] {
        std::optional<client::SyncReport> report;
        QObject::connect(
            &engine, &client::SyncEngine::syncFinished, &engine, [&](const client::SyncReport &r) { report = r; },
            Qt::SingleShotConnection);
        engine.syncNow();
        while (!report)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        if (!report->complete)
            fail(QStringLiteral("sync: ") + (report->error ? report->error->message : QString()));
        return *report;
    };
    syncAndWait(); // the first snapshot: not timed
    auto members = cache->members(kSchool);
    QList<proto::DecisionItem> items;
    for (const client::CachedMember &m : std::as_const(members.value())) {
        if (m.member.status == MemberStatus::Pending && m.member.role == Role::Student && items.size() < decisions) {
            proto::DecisionItem item;
            item.memberId = m.member.id;
            item.baseVersion = m.member.version;
            items.append(item);
        }
    }
    if (items.size() != decisions || !cache->queueDecisions(kSchool, items))
        fail(QStringLiteral("queue"));
    StallProbe probe;
    QElapsedTimer timer;
    OursResult out;
    out.cpu.start();
    timer.start();
    probe.start();
    const client::SyncReport report = syncAndWait();
    out.ms = timer.nsecsElapsed() / 1e6;
    out.cpu.stop();
    out.stallMs = probe.stopMs();
    if (report.applied != decisions || cache->pendingCount(kSchool) != 0)
        fail(QStringLiteral("engine applied %1 of %2").arg(report.applied).arg(decisions));
    return out;
}

// Baseline: the same batches as raw JSON POSTs (keys and versions precomputed), then the change feed read and
// parsed without storing it.
OursResult runBaseline(int decisions)
{
    ThreadedServer s(decisions);
    QNetworkAccessManager network;
    client::ApiClient api(&network);
    api.setBaseUrl(s.url());
    api.setTimeout(120000);
    await<proto::SessionInfo>(
        [&](auto done) { api.login(QString::fromLatin1(server::DemoSeeder::kSchoolLogin), kPassword, done); }, "login");
    const auto all =
        await<QList<proto::Member>>([&](auto done) { api.members(kSchool, Role::Student, done); }, "members");
    const client::ChangeSet start =
        await<client::ChangeSet>([&](auto done) { api.changes(kSchool, QString(), 1, done); }, "cursor");
    QString cursor = start.cursor;
    QList<QByteArray> bodies;
    QJsonArray batch;
    for (const proto::Member &m : all) {
        if (m.status != MemberStatus::Pending)
            continue;
        proto::DecisionItem item;
        item.key = QUuid::createUuid().toString(QUuid::WithoutBraces);
        item.memberId = m.id;
        item.baseVersion = m.version;
        batch.append(item.toJson());
        if (batch.size() == 1000 || bodies.size() * 1000 + batch.size() == decisions) {
            bodies.append(QJsonDocument(QJsonObject{{QStringLiteral("items"), batch}}).toJson(QJsonDocument::Compact));
            batch = QJsonArray();
        }
        if (bodies.size() * 1000 >= decisions)
            break;
    }
    QElapsedTimer timer;
    OursResult out;
    out.cpu.start();
    timer.start();
    for (const QByteArray &body : bodies) {
        QNetworkRequest request(s.url().resolved(QUrl(QStringLiteral("/api/v1/schools/1/decisions"))));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + api.token().toLatin1());
        request.setTransferTimeout(120000);
        QNetworkReply *reply = network.post(request, body);
        while (!reply->isFinished())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
            fail(QStringLiteral("baseline post: ") + QString::fromUtf8(reply->readAll().left(300)));
        reply->deleteLater();
    }
    int pulled = 0;
    for (bool more = true; more;) {
        const client::ChangeSet page =
            await<client::ChangeSet>([&](auto done) { api.changes(kSchool, cursor, 5000, done); }, "changes");
        pulled += int(page.members.size());
        cursor = page.cursor;
        more = page.more;
    }
    out.ms = timer.nsecsElapsed() / 1e6;
    out.cpu.stop();
    if (pulled < decisions)
        fail(QStringLiteral("baseline pulled %1").arg(pulled));
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const int decisions = quick ? 1000 : 10000;
    const int repetitions = quick ? 1 : 4;
    QList<double> ours, baseline, stalls, engine, engineStalls;
    QList<double> oursCpu, oursProcessCpu, engineCpu, engineProcessCpu, baselineCpu, baselineProcessCpu;
    const auto runBaselineOnce = [&] {
        const OursResult r = runBaseline(decisions);
        baseline.append(r.ms);
        baselineCpu.append(r.cpu.threadMs);
        baselineProcessCpu.append(r.cpu.processMs);
    };
    for (int i = 0; i < repetitions; ++i) {
        // Alternate which runs first, so neither always meets a warmer (or more tired) machine.
        if (i % 2 == 0)
            runBaselineOnce();
        const OursResult o = runOurs(decisions);
        ours.append(o.ms);
        stalls.append(o.stallMs);
        oursCpu.append(o.cpu.threadMs);
        oursProcessCpu.append(o.cpu.processMs);
        const OursResult e = runEngine(decisions);
        engine.append(e.ms);
        engineStalls.append(e.stallMs);
        engineCpu.append(e.cpu.threadMs);
        engineProcessCpu.append(e.cpu.processMs);
        if (i % 2 == 1)
            runBaselineOnce();
    }
    const double o = median(ours), b = median(baseline), e = median(engine);
    std::printf("bench_sync (%s build, %d repetition(s), median; ours and the baseline alternate)\n", SG_BENCH_CONFIG,
        repetitions);
    std::printf("%-52s | %10s | %11s | %6s | %s\n", "case", "ours ms", "baseline ms", "ratio", "goal");
    std::printf("%-52s | %10.1f | %11.1f | %5.2fx | <= 1.2x the server alone\n",
        qPrintable(QStringLiteral("sync %1 queued decisions (push + pull + tables)").arg(decisions)), o, b, o / b);
    std::printf("%-52s | %10.1f | %11s | %6s | <= 50 ms\n", "longest event-loop stall during that sync (max)",
        *std::max_element(stalls.begin(), stalls.end()), "-", "-");
    std::printf("%-52s | %10.1f | %11.1f | %5.2fx | (the same sync without the tables)\n",
        "  sync engine and cache only", e, b, e / b);
    std::printf("%-52s | %10.1f | %11s | %6s |\n", "  its longest event-loop stall (max)",
        *std::max_element(engineStalls.begin(), engineStalls.end()), "-", "-");
    std::printf("CPU during the sync, median ms (the GUI thread / the whole process, server threads included):\n"
                "  ours %.0f / %.0f, engine and cache %.0f / %.0f, baseline %.0f / %.0f\n",
        median(oursCpu), median(oursProcessCpu), median(engineCpu), median(engineProcessCpu), median(baselineCpu),
        median(baselineProcessCpu));
    std::printf("stalls per run (ms):");
    for (double st : std::as_const(stalls))
        std::printf(" %.1f", st);
    std::printf("\n");
    return 0;
}
