// bench_outbox: queueing decisions in the encrypted outbox (LocalCache::queueDecisions, one call = one transaction)
// against the same statements through the raw SQLite C API (same file shape, same pragmas, sealed bytes and keys
// computed beforehand, one transaction, prepared statements). Prints a table of ratios; no timing is ever asserted
// (the exit code reports only the correctness checks: row counts).

#include "client/cachecrypto.h"
#include "client/localcache.h"
#include "core/protocol.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimeZone>

#include <algorithm>
#include <functional>
#include <optional>
#include <sqlite3.h>
#include <unordered_map>
#include <vector>

namespace sg::bench {
namespace {

using client::CacheCrypto;
using client::LocalCache;

constexpr qint64 kSchool = 1;

struct Options
{
    int decisions = 10'000;
    int reps = 5;
    bool quick = false;
};

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

// Correctness checks that make the comparison meaningful (ours and the baseline did the same work).
struct Checks
{
    QStringList lines;
    bool ok = true;

    void expect(bool condition, const QString &what)
    {
        const QString line =
            QStringLiteral("%1: %2").arg(condition ? QStringLiteral("ok") : QStringLiteral("FAILED"), what);
        if (!lines.contains(line)) // the same check in every repetition is listed once
            lines.append(line);
        ok = ok && condition;
    }
};

QList<proto::Member> makeMembers(int count)
{
    QList<proto::Member> members;
    members.reserve(count);
    for (int i = 1; i <= count; ++i) {
        proto::Member m;
        m.id = i;
        m.role = i % 5 == 0 ? Role::Teacher : Role::Student;
        m.surname = QStringLiteral("Фамилия%1").arg(i);
        m.name = QStringLiteral("Имя%1").arg(i);
        m.patronymic = QStringLiteral("Отчество");
        m.email = QStringLiteral("person%1@school.example").arg(i);
        m.className = QStringLiteral("%1А").arg(1 + i % 11);
        m.version = 1 + i % 3;
        m.registeredAt = QDateTime(QDate(2026, 8, 20), QTime(10, 0), QTimeZone::utc());
        members.append(m);
    }
    return members;
}

// One decision per member; every third one a rejection with a reason.
QList<proto::DecisionItem> makeDecisions(int count)
{
    QList<proto::DecisionItem> items;
    items.reserve(count);
    for (int i = 1; i <= count; ++i) {
        proto::DecisionItem d;
        d.memberId = i;
        d.verdict = i % 3 == 0 ? Verdict::Reject : Verdict::Approve;
        if (d.verdict == Verdict::Reject)
            d.reason = QStringLiteral("Не обучается в школе с 1 сентября");
        items.append(d);
    }
    return items;
}

// A file with the cache's schema and the members cached: made by LocalCache itself, so the shape is identical.
std::optional<QString> prepareFile(const QTemporaryDir &dir, const QByteArray &key, const QList<proto::Member> &members)
{
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    auto cache = LocalCache::open(path, key);
    if (!cache || !cache.value()->replaceMembers(kSchool, members, QDateTime::currentDateTimeUtc()))
        return std::nullopt;
    return path;
}

// Counts through the C API: outbox rows, rows whose base version is the member's cached version, rows with a
// (sealed) reason.
struct Counts
{
    qint64 rows = -1;
    qint64 rightVersion = -1;
    qint64 withReason = -1;
};

Counts countRows(const QString &path)
{
    sqlite3 *db = nullptr;
    Counts counts;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        const auto scalar = [db](const char *sql) -> qint64 {
            sqlite3_stmt *stmt = nullptr;
            qint64 value = -1;
            if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
                value = sqlite3_column_int64(stmt, 0);
            sqlite3_finalize(stmt);
            return value;
        };
        counts.rows = scalar("SELECT count(*) FROM outbox WHERE kind = 'decision' AND state = 'pending'");
        counts.rightVersion = scalar("SELECT count(*) FROM outbox o JOIN members m ON m.school_id = o.school_id "
                                     "AND m.id = o.member_id WHERE o.base_version = m.version");
        counts.withReason = scalar("SELECT count(*) FROM outbox WHERE reason IS NOT NULL");
    }
    sqlite3_close(db);
    return counts;
}

int rejections(const Options &opt)
{
    return opt.decisions / 3; // every third decision (see makeDecisions)
}

bool sameRows(const Counts &c, const Options &opt)
{
    return c.rows == opt.decisions && c.rightVersion == opt.decisions && c.withReason == rejections(opt);
}

QString expectedRows(const Options &opt)
{
    return QStringLiteral("%1 outbox rows, each with the member's cached version as base version, %2 with a sealed "
                          "reason")
        .arg(opt.decisions)
        .arg(rejections(opt));
}

// ---- Ours ------------------------------------------------------------------------------------------------------

double measureOurs(const Options &opt, const QList<proto::Member> &members, Checks &checks)
{
    QTemporaryDir dir;
    const QByteArray key = CacheCrypto::generateKey();
    const auto path = prepareFile(dir, key, members);
    if (!path) {
        checks.expect(false, QStringLiteral("ours: the cache could be prepared"));
        return 0;
    }
    const QList<proto::DecisionItem> items = makeDecisions(opt.decisions);
    double ns = 0;
    {
        auto cache = LocalCache::open(*path, key);
        if (!cache) {
            checks.expect(false, QStringLiteral("ours: the cache opens"));
            return 0;
        }
        QElapsedTimer timer;
        timer.start();
        const auto queued = cache.value()->queueDecisions(kSchool, items);
        ns = double(timer.nsecsElapsed());
        checks.expect(queued && queued->size() == opt.decisions,
            QStringLiteral("ours: queueDecisions returned %1 items").arg(opt.decisions));
    }
    checks.expect(sameRows(countRows(*path), opt), QStringLiteral("ours: ") + expectedRows(opt));
    return ns;
}

// ---- Baseline: the raw SQLite C API ----------------------------------------------------------------------------

struct RawDecision
{
    QByteArray key;
    qint64 memberId;
    qint64 baseVersion;
    QByteArray verdict;
    QByteArray sealedReason; // empty: NULL (an approval has no reason)
};

bool exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

// The outbox inserts queueDecisions makes, with everything that is not SQLite's work done beforehand (keys, sealed
// reasons, base versions). withLookup adds the statements queueDecisions runs to read the members' cached versions
// (64 ids per SELECT), so that row measures the same statements as ours.
double measureBaseline(const Options &opt, const QList<proto::Member> &members, bool withLookup, Checks &checks)
{
    QTemporaryDir dir;
    const QByteArray key = CacheCrypto::generateKey();
    const auto path = prepareFile(dir, key, members);
    if (!path) {
        checks.expect(false, QStringLiteral("baseline: the file could be prepared"));
        return 0;
    }
    const CacheCrypto crypto(key);
    std::vector<RawDecision> rows;
    rows.reserve(size_t(opt.decisions));
    for (const proto::DecisionItem &d : makeDecisions(opt.decisions)) {
        rows.push_back(RawDecision{CacheCrypto::generateKey().left(16).toBase64(
                                       QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
            d.memberId, withLookup ? 0 : members.at(d.memberId - 1).version, toString(d.verdict).toLatin1(),
            d.reason.isEmpty() ? QByteArray() : crypto.seal(d.reason.toUtf8())});
    }
    const qint64 createdAt = QDateTime::currentMSecsSinceEpoch();

    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path->toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        checks.expect(false, QStringLiteral("baseline: the file opens"));
        sqlite3_close(db);
        return 0;
    }
    sqlite3_busy_timeout(db, 5000);
    bool ok = exec(db, "PRAGMA journal_mode=WAL") && exec(db, "PRAGMA synchronous=FULL")
        && exec(db, "PRAGMA foreign_keys=ON") && exec(db, "PRAGMA secure_delete=ON");

    QElapsedTimer timer;
    timer.start();
    sqlite3_stmt *lookup = nullptr;
    sqlite3_stmt *insert = nullptr;
    ok = ok && exec(db, "BEGIN IMMEDIATE");
    if (withLookup) {
        constexpr int chunk = 64;
        QByteArray sql("SELECT id, version FROM members WHERE school_id = ? AND id IN (?");
        sql += QByteArray(", ?").repeated(chunk - 1) + ')';
        ok = ok && sqlite3_prepare_v2(db, sql.constData(), -1, &lookup, nullptr) == SQLITE_OK;
        std::unordered_map<qint64, qint64> versions;
        for (size_t from = 0; ok && from < rows.size(); from += chunk) {
            sqlite3_bind_int64(lookup, 1, kSchool);
            for (size_t i = 0; i < size_t(chunk); ++i)
                sqlite3_bind_int64(lookup, int(2 + i), rows[std::min(from + i, rows.size() - 1)].memberId);
            int rc;
            while ((rc = sqlite3_step(lookup)) == SQLITE_ROW)
                versions[sqlite3_column_int64(lookup, 0)] = sqlite3_column_int64(lookup, 1);
            ok = rc == SQLITE_DONE;
            sqlite3_reset(lookup);
        }
        for (RawDecision &r : rows)
            r.baseVersion = versions[r.memberId];
    }
    ok = ok
        && sqlite3_prepare_v2(db,
               "INSERT INTO outbox (key, kind, school_id, member_id, verdict, base_version, reason, state, "
               "created_at) VALUES (?, 'decision', ?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT (key) DO NOTHING",
               -1, &insert, nullptr)
            == SQLITE_OK;
    for (const RawDecision &r : rows) {
        if (!ok)
            break;
        sqlite3_bind_text(insert, 1, r.key.constData(), int(r.key.size()), SQLITE_STATIC);
        sqlite3_bind_int64(insert, 2, kSchool);
        sqlite3_bind_int64(insert, 3, r.memberId);
        sqlite3_bind_text(insert, 4, r.verdict.constData(), int(r.verdict.size()), SQLITE_STATIC);
        sqlite3_bind_int64(insert, 5, r.baseVersion);
        if (r.sealedReason.isEmpty())
            sqlite3_bind_null(insert, 6);
        else
            sqlite3_bind_blob(insert, 6, r.sealedReason.constData(), int(r.sealedReason.size()), SQLITE_STATIC);
        sqlite3_bind_int64(insert, 7, createdAt);
        ok = sqlite3_step(insert) == SQLITE_DONE && sqlite3_changes(db) == 1;
        sqlite3_reset(insert);
    }
    sqlite3_finalize(lookup);
    sqlite3_finalize(insert);
    ok = ok && exec(db, "COMMIT");
    const double ns = double(timer.nsecsElapsed());
    sqlite3_close(db);

    const QString what = withLookup ? QStringLiteral("baseline with the lookups") : QStringLiteral("baseline");
    checks.expect(ok, what + QStringLiteral(": every statement succeeded"));
    checks.expect(sameRows(countRows(*path), opt), what + QStringLiteral(": ") + expectedRows(opt));
    return ns;
}

// ---- The table -------------------------------------------------------------------------------------------------

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n == 0 ? 0 : (n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2);
}

QString ms(double ns)
{
    return QStringLiteral("%1").arg(ns / 1e6, 0, 'f', ns < 10e6 ? 2 : 1);
}

void printHeader(const Options &opt)
{
    QString cpu;
    QFile cpuinfo(QStringLiteral("/proc/cpuinfo"));
    if (cpuinfo.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : cpuinfo.readAll().split('\n')) {
            if (line.startsWith("model name")) {
                cpu = QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
                break;
            }
        }
    }
    out() << "# bench_outbox\n\n";
    out() << "- date: " << QDateTime::currentDateTime().toString(Qt::ISODate) << "\n";
    out() << "- machine: " << QThread::idealThreadCount() << " logical CPUs"
          << (cpu.isEmpty() ? QString() : QStringLiteral(", ") + cpu) << ", " << QSysInfo::prettyProductName() << "\n";
    out() << "- Qt " << qVersion() << ", SQLite " << sqlite3_libversion() << " (C API), build type " << SG_BENCH_CONFIG
          << "\n";
    out() << "- decisions per transaction: " << opt.decisions << ", repetitions: " << opt.reps << " (median)"
          << (opt.quick ? ", quick pass" : "") << "\n";
    out() << "- file: WAL, synchronous=FULL, foreign_keys=ON, secure_delete=ON, in a temporary folder ("
          << QDir::tempPath() << ")\n\n";
    out().flush();
}

} // namespace
} // namespace sg::bench

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_outbox"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Queues decisions in the encrypted outbox against the same inserts through the SQLite C API; prints ratios."));
    parser.addHelpOption();
    const QCommandLineOption quickOpt(
        QStringLiteral("quick"), QStringLiteral("Short smoke pass: 1,000 decisions, one repetition."));
    const QCommandLineOption countOpt(
        QStringLiteral("decisions"), QStringLiteral("Decisions per transaction (default 10000)."), QStringLiteral("N"));
    const QCommandLineOption repsOpt(
        QStringLiteral("reps"), QStringLiteral("Repetitions (default 5)."), QStringLiteral("N"));
    parser.addOptions({quickOpt, countOpt, repsOpt});
    parser.process(app);

    sg::bench::Options opt;
    if (parser.isSet(quickOpt)) {
        opt.quick = true;
        opt.decisions = 1'000;
        opt.reps = 1;
    }
    if (parser.isSet(countOpt))
        opt.decisions = std::clamp(parser.value(countOpt).toInt(), 1, 1'000'000);
    if (parser.isSet(repsOpt))
        opt.reps = std::max(1, parser.value(repsOpt).toInt());
    sg::bench::printHeader(opt);

    const QList<sg::proto::Member> members = sg::bench::makeMembers(opt.decisions);
    sg::bench::Checks checks;
    std::vector<double> ours, base, same;
    // One unmeasured round first: the first heavy write of the process is much slower whichever side makes it.
    if (!opt.quick) {
        sg::bench::Checks warmup;
        sg::bench::measureOurs(opt, members, warmup);
        sg::bench::measureBaseline(opt, members, false, warmup);
    }
    // Interleaved, so that a slow phase of a shared machine hits both sides alike.
    for (int rep = 0; rep < opt.reps; ++rep) {
        ours.push_back(sg::bench::measureOurs(opt, members, checks));
        base.push_back(sg::bench::measureBaseline(opt, members, false, checks));
        same.push_back(sg::bench::measureBaseline(opt, members, true, checks));
    }
    const double o = sg::bench::median(ours);
    const double b = sg::bench::median(base);
    const double l = sg::bench::median(same);
    const auto ratio = [](double x, double y) { return y > 0 ? x / y : 0.0; };

    using sg::bench::ms;
    using sg::bench::out;
    out() << "| case | median ms | baseline ms | ratio | goal ≤ 2× |\n";
    out() << "|---|---:|---:|---:|---|\n";
    out() << "| queueDecisions: " << opt.decisions
          << " decisions in one call (keys, sealing, version lookup, inserts, one transaction) vs the same inserts "
             "through the C API (keys, sealed bytes and versions precomputed) | "
          << ms(o) << " | " << ms(b) << " | " << QStringLiteral("%1×").arg(ratio(o, b), 0, 'f', 2) << " | "
          << (ratio(o, b) <= 2.0 ? "yes" : "**no**") << " |\n";
    out() << "| the same vs the same statements through the C API (the version lookups too): Qt SQL and sealing "
             "overhead | "
          << ms(o) << " | " << ms(l) << " | " << QStringLiteral("%1×").arg(ratio(o, l), 0, 'f', 2) << " | info |\n";
    out() << "\nPer repetition (ms): ours";
    for (double v : ours)
        out() << " " << ms(v);
    out() << "; baseline";
    for (double v : base)
        out() << " " << ms(v);
    out() << "; baseline with the lookups";
    for (double v : same)
        out() << " " << ms(v);
    out() << "\n\nChecks (ours and the baseline did the same work):\n";
    for (const QString &line : checks.lines)
        out() << "- " << line << "\n";
    out() << "\nTimings are reported, never asserted; the exit code reflects only the checks above.\n";
    out().flush();
    return checks.ok ? 0 : 1;
}
