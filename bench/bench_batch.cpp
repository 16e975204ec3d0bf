// A batch of decisions written by the server's store (SchoolStore::applyDecisions, in process, no HTTP) against the
// same writes done by hand with the database's own C library, in the same run:
//   * SQLite: the same statements through the raw SQLite C API (goal: ours ≤ 2.5× the baseline);
//   * PostgreSQL: the same UPDATE … FROM unnest and INSERT … SELECT FROM unnest through libpq (goal ≤ 1.5×).
// Both sides do the same work on fresh pending students of one school: read the known keys and the people, update
// the people, insert the decisions, the audit entries and the idempotency records, in one transaction. The baseline
// precomputes nothing ours computes (hashes and answers are formatted in the timed part on both sides). Prints the
// table, never asserts a timing.
//
//   bench_batch [--quick] [--postgres URL]
//     --quick     1,000 decisions, one repetition (CTest)
//     --postgres  an administrator's URL of a PostgreSQL cluster (default: $SG_TEST_POSTGRES_URL, or the URL in
//                 the file $SG_TEST_POSTGRES_URL_FILE); without one only SQLite is measured.

#include "benchserver.h"
#include "core/jsonwriter.h"
#include "core/protocol.h"
#include "server/crypto.h"
#include "server/schoolstore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QUrl>

#include <algorithm>
#include <cstdio>
#include <libpq-fe.h>
#include <sqlite3.h>

using namespace sg;

namespace {

[[noreturn]] void fail(const QString &what)
{
    std::fprintf(stderr, "bench_batch: %s\n", qPrintable(what));
    std::exit(1);
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

QString postgresClusterUrl(const QStringList &args)
{
    const qsizetype i = args.indexOf(QStringLiteral("--postgres"));
    if (i >= 0 && i + 1 < args.size())
        return args.at(i + 1);
    QString url = qEnvironmentVariable("SG_TEST_POSTGRES_URL");
    if (url.isEmpty() && qEnvironmentVariableIsSet("SG_TEST_POSTGRES_URL_FILE")) {
        QFile f(qEnvironmentVariable("SG_TEST_POSTGRES_URL_FILE"));
        if (!f.open(QIODevice::ReadOnly))
            fail(QStringLiteral("cannot read %1").arg(f.fileName()));
        url = QString::fromUtf8(f.readAll()).trimmed();
    }
    return url;
}

// A fresh database on the cluster for this run, dropped at the end.
struct PgDatabase
{
    QUrl admin;
    QString name;
    QString url;

    explicit PgDatabase(const QString &clusterUrl)
        : admin(clusterUrl)
        , name(QStringLiteral("sg_bench_%1").arg(QCoreApplication::applicationPid()))
    {
        run(QStringLiteral("CREATE DATABASE %1 TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'")
                .arg(name));
        QUrl u(admin);
        u.setPath(QLatin1Char('/') + name);
        url = u.toString();
    }
    ~PgDatabase() { run(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name)); }

    void run(const QString &sql) const
    {
        PGconn *c = PQconnectdb(qPrintable(QStringLiteral("host=%1 port=%2 user=%3 dbname=%4")
                                               .arg(admin.host())
                                               .arg(admin.port(5432))
                                               .arg(admin.userName(), admin.path().mid(1))));
        if (PQstatus(c) != CONNECTION_OK)
            fail(QString::fromUtf8(PQerrorMessage(c)));
        PGresult *r = PQexec(c, sql.toUtf8().constData());
        if (PQresultStatus(r) != PGRES_COMMAND_OK)
            fail(QString::fromUtf8(PQerrorMessage(c)));
        PQclear(r);
        PQfinish(c);
    }
};

// What both sides write for one approval, formatted in the timed part.
struct Row
{
    qint64 id;
    QString key;
    QString hash;
    QString response;
    QString before;
    QString after;
};

QList<Row> rowsFor(const QList<qint64> &ids, int round)
{
    QList<Row> rows;
    rows.reserve(ids.size());
    for (const qint64 id : ids) {
        Row r;
        r.id = id;
        r.key = QStringLiteral("bench-%1-%2").arg(round).arg(id);
        r.hash = QString::fromLatin1(QCryptographicHash::hash(r.key.toUtf8(), QCryptographicHash::Sha256).toHex());
        r.response = QStringLiteral(R"({"key":"%1","memberId":%2,"outcome":"applied","status":"approved","version":2})")
                         .arg(r.key)
                         .arg(id);
        r.before = QStringLiteral(R"({"status":"pending","version":1})");
        r.after = QStringLiteral(R"({"status":"approved","version":2})");
        rows.append(std::move(r));
    }
    return rows;
}

QString chain(const QString &previous, const Row &r)
{
    return server::crypto::sha256Hex((previous + r.key + r.before + r.after).toUtf8());
}

// ---- ours ----

double ours(server::Server &server, const QList<qint64> &ids, int round)
{
    server::DecisionActor actor;
    actor.userId = 1;
    actor.login = QStringLiteral("demo-school");
    actor.mayDecideTeachers = actor.mayDecideStudents = true;
    QList<proto::DecisionItem> items;
    items.reserve(ids.size());
    for (const qint64 id : ids) {
        proto::DecisionItem item;
        item.key = QStringLiteral("ours-%1-%2").arg(round).arg(id);
        item.memberId = id;
        item.verdict = Verdict::Approve;
        item.baseVersion = 1;
        items.append(item);
    }
    QElapsedTimer t;
    t.start();
    auto results = server.schools().applyDecisions(1, actor, items);
    const double ms = t.nsecsElapsed() / 1e6;
    if (!results)
        fail(QStringLiteral("applyDecisions: ") + results.error().message);
    for (const proto::DecisionResult &r : results.value()) {
        if (r.outcome != DecisionOutcome::Applied)
            fail(QStringLiteral("ours: an item was not applied"));
    }
    return ms;
}

// ---- SQLite C API ----

struct Sqlite
{
    sqlite3 *db = nullptr;
    explicit Sqlite(const QString &path)
    {
        if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
            fail(QStringLiteral("sqlite3_open"));
        sqlite3_busy_timeout(db, 5000);
        exec("PRAGMA synchronous=FULL");
    }
    ~Sqlite() { sqlite3_close(db); }
    void exec(const char *sql)
    {
        char *error = nullptr;
        if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK)
            fail(QString::fromUtf8(error));
    }
    // Runs sql with the text parameters; returns the rows changed (or stepped).
    int run(const char *sql, const QList<QByteArray> &params)
    {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK)
            fail(QString::fromUtf8(sqlite3_errmsg(db)));
        for (int i = 0; i < params.size(); ++i)
            sqlite3_bind_text(st, i + 1, params.at(i).constData(), int(params.at(i).size()), SQLITE_STATIC);
        int rows = 0;
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            ++rows;
        if (rc != SQLITE_DONE)
            fail(QString::fromUtf8(sqlite3_errmsg(db)));
        sqlite3_finalize(st);
        return rows ? rows : sqlite3_changes(db);
    }
};

double sqliteBaseline(const QString &path, const QList<qint64> &ids, int round)
{
    Sqlite s(path);
    QElapsedTimer t;
    t.start();
    const QList<Row> rows = rowsFor(ids, round);
    const QByteArray idList = jsonArrayText(rows, [](const Row &r) { return r.id; }).toUtf8();
    const QByteArray keyList = jsonArrayText(rows, [](const Row &r) { return r.key; }).toUtf8();
    s.exec("BEGIN IMMEDIATE");
    s.run("SELECT key, request_hash, response FROM idempotency_keys WHERE scope = 'decision:1' AND key IN "
          "(SELECT value FROM json_each(?))",
        {keyList});
    if (s.run("SELECT id, role, status, version, class_id, reason FROM members WHERE school_id = 1 AND id IN "
              "(SELECT value FROM json_each(?))",
            {idList})
        != rows.size())
        fail(QStringLiteral("sqlite baseline: people"));
    if (s.run("UPDATE members SET status = 'approved', reason = '', version = 2 WHERE version = 1 AND id IN "
              "(SELECT value FROM json_each(?))",
            {idList})
        != rows.size())
        fail(QStringLiteral("sqlite baseline: update"));
    s.run("INSERT INTO decisions (school_id, member_id, verdict, reason, actor_id, decided_at, previous_status, "
          "previous_reason) SELECT 1, value, 'approve', '', 1, '2026-12-03T10:00:00.000Z', 'pending', '' FROM "
          "json_each(?) ORDER BY key",
        {idList});
    // The audit chain: ids and hashes follow the head.
    sqlite3_stmt *head = nullptr;
    sqlite3_prepare_v2(s.db, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", -1, &head, nullptr);
    qint64 nextId = 1;
    QString previous(64, QLatin1Char('0'));
    if (sqlite3_step(head) == SQLITE_ROW) {
        nextId = sqlite3_column_int64(head, 0) + 1;
        previous = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(head, 1)));
    }
    sqlite3_finalize(head);
    JsonWriter audit(rows.size() * 320);
    audit.beginArray();
    for (const Row &r : rows) {
        const QString hash = chain(previous, r);
        audit.beginArray();
        audit.value(QStringLiteral("decision.applied"));
        audit.value(QString::number(r.id));
        audit.value(r.before);
        audit.value(r.after);
        audit.value(previous);
        audit.value(hash);
        audit.endArray();
        previous = hash;
    }
    audit.endArray();
    s.run(qPrintable(QStringLiteral(
              "INSERT INTO audit_log (id, at, actor_id, actor, action, entity, entity_id, school_id, before, after, "
              "prev_hash, hash) SELECT %1 + key, '2026-12-03T10:00:00.000Z', 1, 'demo-school', "
              "json_extract(value, '$[0]'), 'member', json_extract(value, '$[1]'), 1, json_extract(value, '$[2]'), "
              "json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]') FROM "
              "json_each(?) ORDER BY key")
                         .arg(nextId)),
        {audit.data()});
    JsonWriter keys(rows.size() * 250);
    keys.beginArray();
    for (const Row &r : rows) {
        keys.beginArray();
        keys.value(r.key);
        keys.value(r.hash);
        keys.value(r.response);
        keys.endArray();
    }
    keys.endArray();
    s.run("INSERT INTO idempotency_keys (key, scope, user_id, request_hash, response, created_at) SELECT "
          "json_extract(value, '$[0]'), 'decision:1', 1, json_extract(value, '$[1]'), json_extract(value, '$[2]'), "
          "1764756000 FROM json_each(?)",
        {keys.data()});
    s.exec("COMMIT");
    return t.nsecsElapsed() / 1e6;
}

// ---- libpq ----

struct Pg
{
    PGconn *c = nullptr;
    explicit Pg(const QString &url)
    {
        c = PQconnectdb(url.toUtf8().constData());
        if (PQstatus(c) != CONNECTION_OK)
            fail(QString::fromUtf8(PQerrorMessage(c)));
    }
    ~Pg() { PQfinish(c); }
    // Runs sql with text parameters; returns the rows returned or changed.
    int run(const char *sql, const QList<QByteArray> &params = {}, PGresult **keep = nullptr)
    {
        QList<const char *> values;
        for (const QByteArray &p : params)
            values.append(p.constData());
        PGresult *r = PQexecParams(c, sql, int(values.size()), nullptr, values.data(), nullptr, nullptr, 0);
        const ExecStatusType st = PQresultStatus(r);
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
            fail(QString::fromUtf8(PQerrorMessage(c)));
        const int rows = st == PGRES_TUPLES_OK ? PQntuples(r) : QByteArray(PQcmdTuples(r)).toInt();
        if (keep)
            *keep = r;
        else
            PQclear(r);
        return rows;
    }
};

double pgBaseline(const QString &url, const QList<qint64> &ids, int round)
{
    Pg pg(url);
    QElapsedTimer t;
    t.start();
    const QList<Row> rows = rowsFor(ids, round);
    const auto array = [&](auto get) { return server::pgArrayText(rows, get).toUtf8(); };
    const QByteArray idArray = array([](const Row &r) { return r.id; });
    pg.run("BEGIN");
    pg.run("SELECT key, request_hash, response FROM idempotency_keys WHERE scope = 'decision:1' AND "
           "key = ANY ($1::text[])",
        {array([](const Row &r) { return r.key; })});
    if (pg.run("SELECT id, role, status, version, class_id, reason FROM members WHERE school_id = 1 AND "
               "id = ANY ($1::bigint[])",
            {idArray})
        != rows.size())
        fail(QStringLiteral("libpq baseline: people"));
    PGresult *counter = nullptr;
    pg.run("SELECT value FROM change_counter WHERE id = 1 FOR UPDATE", {}, &counter);
    const QByteArray base = PQgetvalue(counter, 0, 0);
    PQclear(counter);
    if (pg.run("UPDATE members SET status = j.status, reason = j.reason, version = j.version, change_seq = $6 + j.n "
               "FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::bigint[]) WITH ORDINALITY "
               "AS j(id, status, reason, version, stored, n) WHERE members.id = j.id AND members.version = j.stored",
            {idArray, array([](const Row &) { return QStringLiteral("approved"); }),
                array([](const Row &) { return QString(); }), array([](const Row &) { return qint64(2); }),
                array([](const Row &) { return qint64(1); }), base})
        != rows.size())
        fail(QStringLiteral("libpq baseline: update"));
    pg.run("UPDATE change_counter SET value = $1 WHERE id = 1", {QByteArray::number(base.toLongLong() + rows.size())});
    pg.run("INSERT INTO decisions (school_id, member_id, verdict, reason, actor_id, decided_at, previous_status, "
           "previous_reason) SELECT 1, j.member, 'approve', '', 1, '2026-12-03T10:00:00.000Z', 'pending', '' "
           "FROM unnest($1::bigint[]) WITH ORDINALITY AS j(member, n) ORDER BY j.n",
        {idArray});
    PGresult *head = nullptr;
    qint64 nextId = 1;
    QString previous(64, QLatin1Char('0'));
    if (pg.run("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", {}, &head) == 1) {
        nextId = QByteArray(PQgetvalue(head, 0, 0)).toLongLong() + 1;
        previous = QString::fromUtf8(PQgetvalue(head, 0, 1));
    }
    PQclear(head);
    QStringList hashes, previousHashes;
    for (const Row &r : rows) {
        previousHashes.append(previous);
        previous = chain(previous, r);
        hashes.append(previous);
    }
    pg.run("INSERT INTO audit_log (id, at, actor_id, actor, action, entity, entity_id, school_id, before, after, "
           "prev_hash, hash) SELECT $1 + j.n - 1, '2026-12-03T10:00:00.000Z', 1, 'demo-school', 'decision.applied', "
           "'member', j.entity_id, 1, j.before, j.after, j.prev_hash, j.hash FROM unnest($2::text[], $3::text[], "
           "$4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS j(entity_id, before, after, prev_hash, hash, n) "
           "ORDER BY j.n",
        {QByteArray::number(nextId), array([](const Row &r) { return QString::number(r.id); }),
            array([](const Row &r) { return r.before; }), array([](const Row &r) { return r.after; }),
            server::pgArrayText(previousHashes, [](const QString &h) { return h; }).toUtf8(),
            server::pgArrayText(hashes, [](const QString &h) { return h; }).toUtf8()});
    pg.run("INSERT INTO idempotency_keys (key, scope, user_id, request_hash, response, created_at) SELECT j.key, "
           "'decision:1', 1, j.hash, j.response, 1764756000 FROM unnest($1::text[], $2::text[], $3::text[]) "
           "AS j(key, hash, response)",
        {array([](const Row &r) { return r.key; }), array([](const Row &r) { return r.hash; }),
            array([](const Row &r) { return r.response; })});
    pg.run("COMMIT");
    return t.nsecsElapsed() / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool quick = args.contains(QStringLiteral("--quick"));
    const int decisions = quick ? 1000 : 10000;
    const int repetitions = quick ? 1 : 3;
    const QString cluster = postgresClusterUrl(args);

    struct Line
    {
        const char *name;
        double ours;
        double baseline;
        const char *goal;
    };
    QList<Line> lines;

    // Each round decides fresh students: half of them by ours, half by the baseline.
    const int extra = decisions * 2 * repetitions;
    {
        bench::BenchServer sqlite(extra);
        const QString path = QDir(sqlite.dir.path()).filePath(QStringLiteral("schoolgate.db"));
        QList<double> o, b;
        for (int round = 0; round < repetitions; ++round) {
            const QList<qint64> mine = sqlite.students.mid(round * 2 * decisions, decisions);
            const QList<qint64> theirs = sqlite.students.mid(round * 2 * decisions + decisions, decisions);
            o.append(ours(*sqlite.server, mine, round));
            b.append(sqliteBaseline(path, theirs, round));
        }
        lines.append({"SQLite: batch of decisions vs SQLite C API", median(o), median(b), "<= 2.5x"});
    }
    if (!cluster.isEmpty()) {
        PgDatabase database(cluster);
        {
            bench::BenchServer pg(extra, [&](server::ServerOptions &o) { o.databaseUrl = database.url; });
            QList<double> o, b;
            for (int round = 0; round < repetitions; ++round) {
                const QList<qint64> mine = pg.students.mid(round * 2 * decisions, decisions);
                const QList<qint64> theirs = pg.students.mid(round * 2 * decisions + decisions, decisions);
                o.append(ours(*pg.server, mine, round));
                b.append(pgBaseline(database.url, theirs, round));
            }
            lines.append({"PostgreSQL: batch of decisions vs libpq", median(o), median(b), "<= 1.5x"});
        }
    }

    std::printf(
        "bench_batch (%s build, %d decisions, %d repetition(s), median)\n", SG_BENCH_CONFIG, decisions, repetitions);
    std::printf("%-46s | %9s | %11s | %6s | %s\n", "case", "ours ms", "baseline ms", "ratio", "goal");
    for (const Line &l : std::as_const(lines))
        std::printf("%-46s | %9.1f | %11.1f | %5.2fx | %s\n", l.name, l.ours, l.baseline, l.ours / l.baseline, l.goal);
    if (cluster.isEmpty())
        std::printf("(PostgreSQL not measured: give --postgres URL or SG_TEST_POSTGRES_URL)\n");
    return 0;
}
