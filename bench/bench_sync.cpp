// Syncing queued decisions end to end over loopback: the client's SyncEngine pushes N queued decisions from the
// encrypted outbox to the real server module (in this process, on 127.0.0.1) and pulls the changes back into the
// cache. The baseline, in the same run against a fresh server with the same data: the same decision batches
// posted as raw HTTP requests with no cache at all, and the same change feed read without storing it — what the
// server and the network alone cost. Prints a table; never asserts a timing (docs/performance.md).
//
//   bench_sync [--quick]      (--quick: 1,000 decisions, one repetition; used by CTest)

#include "benchserver.h"
#include "client/apiclient.h"
#include "client/localcache.h"
#include "client/syncengine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QUuid>

#include <algorithm>
#include <cstdio>
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

// Ours: queue (not timed) then SyncEngine::syncNow until finished (push in batches of 1,000 + pull into the cache).
double runOurs(int decisions)
{
    bench::BenchServer s(decisions);
    QNetworkAccessManager network;
    client::ApiClient api(&network);
    api.setBaseUrl(s.server->baseUrl());
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
    if (items.size() != decisions)
        fail(QStringLiteral("not enough pending students"));
    if (!cache->queueDecisions(kSchool, items))
        fail(QStringLiteral("queue"));
    QElapsedTimer timer;
    timer.start();
    const client::SyncReport report = syncAndWait();
    const double ms = timer.nsecsElapsed() / 1e6;
    if (report.applied != decisions || cache->pendingCount(kSchool) != 0)
        fail(QStringLiteral("applied %1 of %2").arg(report.applied).arg(decisions));
    return ms;
}

// Baseline: the same batches as raw JSON POSTs (keys and versions precomputed), then the change feed read and
// parsed without storing it.
double runBaseline(int decisions)
{
    bench::BenchServer s(decisions);
    QNetworkAccessManager network;
    client::ApiClient api(&network);
    api.setBaseUrl(s.server->baseUrl());
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
    timer.start();
    for (const QByteArray &body : bodies) {
        QNetworkRequest request(s.server->baseUrl().resolved(QUrl(QStringLiteral("/api/v1/schools/1/decisions"))));
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
    const double ms = timer.nsecsElapsed() / 1e6;
    if (pulled < decisions)
        fail(QStringLiteral("baseline pulled %1").arg(pulled));
    return ms;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const int decisions = quick ? 1000 : 10000;
    const int repetitions = quick ? 1 : 3;
    QList<double> ours, baseline;
    for (int i = 0; i < repetitions; ++i) {
        baseline.append(runBaseline(decisions));
        ours.append(runOurs(decisions));
    }
    const double o = median(ours), b = median(baseline);
    std::printf("bench_sync (%s build, %d repetition(s), median)\n", SG_BENCH_CONFIG, repetitions);
    std::printf("%-44s | %10s | %11s | %6s | %s\n", "case", "ours ms", "baseline ms", "ratio", "goal");
    std::printf("%-44s | %10.1f | %11.1f | %5.2fx | < 2000 ms end to end\n",
        qPrintable(QStringLiteral("sync %1 queued decisions (push + pull)").arg(decisions)), o, b, o / b);
    return 0;
}
