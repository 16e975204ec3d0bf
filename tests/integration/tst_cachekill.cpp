#include "client/cachecrypto.h"
#include "client/localcache.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <cstdio>
#include <cstring>

using sg::MemberStatus;
using sg::Verdict;
using sg::client::CacheCrypto;
using sg::client::LocalCache;
using sg::client::OutboxItem;

// The kill test. This program started as `tst_cachekill --child <dbpath> <hexkey>` is a child that queues random
// batches of decisions in a loop and prints `committed <key>,<key>,...` after each commit returns. The test (the
// parent) kills such a child with SIGKILL at a random moment, again and again on the same file, and checks after
// each kill that the file is intact and that every key the child reported as committed is in the outbox.
namespace {

constexpr qint64 kSchool = 42;
constexpr int kMembers = 200;
constexpr int kMaxBatch = 20;

sg::proto::Member member(qint64 id)
{
    sg::proto::Member m;
    m.id = id;
    m.role = id % 4 == 0 ? sg::Role::Teacher : sg::Role::Student;
    m.surname = QStringLiteral("Surname%1").arg(id);
    m.name = QStringLiteral("Name%1").arg(id);
    m.email = QStringLiteral("m%1@school.example").arg(id);
    m.version = 1;
    m.registeredAt = QDateTime(QDate(2026, 8, 1), QTime(8, 0), QTimeZone::utc());
    return m;
}

// The child: queue, report, repeat until killed. Exit codes other than death by SIGKILL mean a failure.
int runChild(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString path = QString::fromLocal8Bit(argv[2]);
    const QByteArray key = QByteArray::fromHex(argv[3]);
    auto opened = LocalCache::open(path, key);
    if (!opened) {
        std::fprintf(stderr, "child: cannot open the cache: %s %s\n", qPrintable(opened.error().code),
            qPrintable(opened.error().message));
        return 2;
    }
    LocalCache &cache = *opened.value();
    std::fputs("ready\n", stdout);
    std::fflush(stdout);
    QRandomGenerator *rng = QRandomGenerator::system();
    for (;;) {
        const int size = int(rng->bounded(1, kMaxBatch + 1));
        QList<sg::proto::DecisionItem> batch;
        for (int i = 0; i < size; ++i) {
            sg::proto::DecisionItem d;
            d.memberId = rng->bounded(1, kMembers + 1);
            d.verdict = Verdict(rng->bounded(3));
            if (d.verdict == Verdict::Reject)
                d.reason = QStringLiteral("kill test reason");
            batch.append(d);
        }
        const auto queued = cache.queueDecisions(kSchool, batch);
        if (!queued) {
            std::fprintf(stderr, "child: queueing failed: %s %s\n", qPrintable(queued.error().code),
                qPrintable(queued.error().message));
            return 3;
        }
        QByteArray line("committed ");
        for (int i = 0; i < queued->size(); ++i) {
            if (i > 0)
                line += ',';
            line += queued->at(i).key.toLatin1();
        }
        line += '\n';
        // One short write per line (well under PIPE_BUF), flushed: a line is either seen whole or not at all.
        std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
        std::fflush(stdout);
    }
}

QString integrityCheck(const QString &path)
{
    static int counter = 0;
    const QString name = QStringLiteral("kill-check-%1").arg(++counter);
    QString verdict;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open()) {
            verdict = QStringLiteral("cannot open: ") + db.lastError().text();
        } else {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("PRAGMA integrity_check")))
                verdict = QStringLiteral("error: ") + q.lastError().text();
            while (q.next())
                verdict += q.value(0).toString();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return verdict;
}

MemberStatus statusAfter(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Approve: return MemberStatus::Approved;
    case Verdict::Reject: return MemberStatus::Rejected;
    case Verdict::Revert: break;
    }
    return MemberStatus::Pending;
}

} // namespace

class TestCacheKill : public QObject
{
    Q_OBJECT

private slots:
    void killAtRandomMoments()
    {
        const int rounds = qEnvironmentVariableIsSet("SG_CACHEKILL_ROUNDS")
            ? qEnvironmentVariableIntValue("SG_CACHEKILL_ROUNDS")
            : 1000;
        // Stop early (and say so) rather than run into the CTest timeout on a machine much slower than expected.
        const qint64 budgetMs = 240'000;

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("kill/cache.db"));
        const QByteArray key = CacheCrypto::generateKey();
        {
            auto cache = LocalCache::open(path, key);
            QVERIFY(cache);
            QList<sg::proto::Member> members;
            for (int id = 1; id <= kMembers; ++id)
                members.append(member(id));
            QVERIFY(cache.value()->replaceMembers(kSchool, members, QDateTime::currentDateTimeUtc()));
        }

        QRandomGenerator rng(QRandomGenerator::system()->generate());
        QElapsedTimer clock;
        clock.start();
        int done = 0;
        int roundsWithCommits = 0;
        int unreportedBatches = 0;
        qint64 keysChecked = 0;
        for (int round = 0; round < rounds && clock.elapsed() < budgetMs; ++round) {
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--child"), path, QString::fromLatin1(key.toHex())});
            QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));
            // A quarter of the kills count from the start (they may hit the child while it opens the cache); the
            // others from its first line, while it queues.
            if (round % 4 != 0)
                QVERIFY2(child.waitForReadyRead(10000), "the child printed nothing");
            const int delayMs = int(rng.bounded(41));
            if (delayMs > 0)
                QVERIFY2(!child.waitForFinished(delayMs), "the child ended on its own");
            QCOMPARE(child.state(), QProcess::Running);
            child.kill(); // SIGKILL on Linux
            QVERIFY(child.waitForFinished(10000));
            QCOMPARE(child.exitStatus(), QProcess::CrashExit);

            // Only whole lines count: a line cut by the kill was not reported.
            const QByteArray output = child.readAllStandardOutput();
            QList<QByteArray> lines = output.split('\n');
            lines.removeLast(); // the part after the last newline (empty when the output ends with one)
            QSet<QString> reported;
            int batches = 0;
            for (const QByteArray &line : std::as_const(lines)) {
                if (!line.startsWith("committed "))
                    continue;
                ++batches;
                for (const QByteArray &k : line.mid(10).split(','))
                    reported.insert(QString::fromLatin1(k));
            }

            const QString integrity = integrityCheck(path);
            QVERIFY2(integrity == QLatin1String("ok"),
                qPrintable(QStringLiteral("round %1: integrity_check: %2").arg(round).arg(integrity)));
            auto opened = LocalCache::open(path, key);
            if (!opened)
                QFAIL(qPrintable(
                    QStringLiteral("round %1: %2 %3").arg(round).arg(opened.error().code, opened.error().message)));
            LocalCache &cache = *opened.value();
            const auto outbox = cache.outbox(kSchool);
            QVERIFY(outbox);
            QSet<QString> queued;
            QSet<qint64> membersWithItems;
            for (const OutboxItem &item : outbox.value()) {
                queued.insert(item.key);
                membersWithItems.insert(item.memberId);
            }
            for (const QString &k : std::as_const(reported))
                QVERIFY2(queued.contains(k),
                    qPrintable(QStringLiteral("round %1: committed key %2 is not in the outbox").arg(round).arg(k)));
            // Besides the reported batches, at most the one batch that committed just before the kill.
            const qsizetype extra = queued.size() - reported.size();
            QVERIFY2(extra >= 0 && extra <= kMaxBatch,
                qPrintable(QStringLiteral("round %1: %2 unreported items").arg(round).arg(extra)));
            if (extra > 0)
                ++unreportedBatches;
            // The optimistic marks were committed with the items.
            const auto members = cache.members(kSchool);
            QVERIFY(members);
            QCOMPARE(members->size(), kMembers);
            for (const auto &m : members.value())
                QCOMPARE(m.pending, membersWithItems.contains(m.member.id));

            // Settle everything, as a sync would, so the next round starts from an empty outbox.
            QList<sg::proto::DecisionResult> results;
            for (const OutboxItem &item : outbox.value()) {
                sg::proto::DecisionResult r;
                r.key = item.key;
                r.memberId = item.memberId;
                r.outcome = sg::DecisionOutcome::Applied;
                r.status = statusAfter(item.verdict);
                r.version = item.baseVersion + 1;
                results.append(r);
            }
            QVERIFY(cache.applyDecisionResults(kSchool, results));
            QCOMPARE(cache.pendingCount(kSchool), 0);

            keysChecked += reported.size();
            if (batches > 0)
                ++roundsWithCommits;
            ++done;
        }
        qInfo("kill rounds: %d of %d in %.1f s; rounds with reported commits: %d; committed keys checked: %lld; "
              "rounds with a committed but unreported batch: %d",
            done, rounds, double(clock.elapsed()) / 1000.0, roundsWithCommits, keysChecked, unreportedBatches);
        if (done < rounds)
            qWarning("stopped after %d rounds: the time budget of %lld s ran out", done, budgetMs / 1000);
        // The kills must have hit a child that was committing, or the test proved nothing.
        QVERIFY(done >= std::min(rounds, 100));
        QVERIFY(roundsWithCommits >= done / 4);
        QVERIFY(keysChecked > 0);
    }
};

int main(int argc, char *argv[])
{
    if (argc >= 4 && std::strcmp(argv[1], "--child") == 0)
        return runChild(argc, argv);
    QCoreApplication app(argc, argv);
    TestCacheKill test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_cachekill.moc"
