// Load test of the remote flavour: two schoolgate-server processes on one PostgreSQL database, N clients (keep-alive
// connections, half on each instance) for S seconds with a mix of reads and decisions:
//   35% GET /schools/{id}/changes?since=…   25% GET /me   15% GET /schools/{id}/members   5% GET /health
//   20% POST /schools/{id}/decisions (1–3 approvals or rejections on random people, on the version last seen;
//       every tenth batch is sent a second time with the same keys, as a client that lost the answer would)
// Then it checks, against the database itself: every request answered without an error (a 5xx, an unexpected 4xx,
// a broken or late answer); every decision answered "applied" is in the database exactly once (the people's
// versions grew by exactly the number of applied decisions, one decision row and one idempotency record per applied
// key); a repeated batch was never applied twice; the audit chain is whole. It reports throughput, latencies and
// the servers' memory over the run (RSS sampled every 2 s). Exit status 1 on any error or inconsistency.
//
//   sg_load [--clients N] [--seconds S]      (defaults 200 and 60; scripts/load runs them)
// The PostgreSQL cluster comes from SG_TEST_POSTGRES_URL or SG_TEST_POSTGRES_URL_FILE (scripts/pg-cluster).

#include "core/clock.h"
#include "serveprocess.h"
#include "server/auditlog.h"
#include "server/database.h"
#include "testserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>

#ifndef SG_SERVER_BIN
#error "SG_SERVER_BIN must name the schoolgate-server executable"
#endif

using namespace sg;

namespace {

const QString kPassword = QStringLiteral("load test password, two instances");
constexpr int kAnswerTimeoutMs = 30000;

[[noreturn]] void fail(const QString &what)
{
    std::fprintf(stderr, "sg_load: %s\n", qPrintable(what));
    std::exit(1);
}

struct Answer
{
    int status = 0;
    QByteArray body;
};

// One keep-alive HTTP/1.1 connection; one request at a time.
class Connection : public QObject
{
public:
    explicit Connection(const QUrl &base)
    {
        connect(&m_socket, &QTcpSocket::readyRead, this, [this] { read(); });
        connect(&m_socket, &QTcpSocket::disconnected, this, [this] { finish({}); });
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_socket.abort();
            finish({});
        });
        m_host = base.host();
        m_port = quint16(base.port());
    }

    void request(const QByteArray &method, const QByteArray &target, const QByteArray &token, const QByteArray &body,
        std::function<void(Answer)> done)
    {
        m_done = std::move(done);
        m_buffer.clear();
        if (m_socket.state() != QAbstractSocket::ConnectedState) {
            m_socket.abort();
            m_socket.connectToHost(m_host, m_port);
        }
        QByteArray r = method + ' ' + target + " HTTP/1.1\r\nHost: " + m_host.toLatin1() + "\r\n";
        if (!token.isEmpty())
            r += "Authorization: Bearer " + token + "\r\n";
        if (!body.isEmpty())
            r += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
        m_socket.write(r + "\r\n" + body);
        m_timer.start(kAnswerTimeoutMs);
    }

private:
    void read()
    {
        m_buffer += m_socket.readAll();
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        qint64 length = 0;
        for (const QByteArray &line : lines) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (m_buffer.size() < end + 4 + length)
            return;
        Answer a;
        a.status = lines.first().split(' ').value(1).toInt();
        a.body = m_buffer.mid(end + 4, length);
        finish(a);
    }

    void finish(Answer a)
    {
        m_timer.stop();
        if (auto done = std::exchange(m_done, nullptr))
            done(std::move(a));
    }

    QTcpSocket m_socket;
    QTimer m_timer;
    QString m_host;
    quint16 m_port = 0;
    QByteArray m_buffer;
    std::function<void(Answer)> m_done;
};

struct Stats
{
    QHash<QByteArray, QList<double>> latencies; // per kind of request, ms
    qint64 requests = 0;
    qint64 errors = 0;
    QStringList errorSamples;
    qint64 applied = 0, conflicts = 0, otherOutcomes = 0, replays = 0;
    QSet<QString> appliedKeys;
};

qint64 rssKiB(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.at(std::min<qsizetype>(v.size() - 1, qsizetype(p * double(v.size()))));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const auto intArg = [&](const char *name, int fallback) {
        const qsizetype i = args.indexOf(QString::fromLatin1(name));
        return i >= 0 && i + 1 < args.size() ? args.at(i + 1).toInt() : fallback;
    };
    const int clients = intArg("--clients", 200);
    const int seconds = intArg("--seconds", 60);
    if (clients < 2 || seconds < 1)
        fail(QStringLiteral("--clients must be 2 or more, --seconds 1 or more"));
    if (!test::TemporaryPostgresDatabase::enabled())
        fail(QStringLiteral("no PostgreSQL cluster: set SG_TEST_POSTGRES_URL (scripts/pg-cluster start DIR)"));

    test::TemporaryPostgresDatabase database;
    if (!database.isValid())
        fail(database.errorString());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("SG_SMTP_URL"));
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("sg.*.info=false"));
    QTemporaryDir dirA, dirB;
    test::ServeProcess a(QString::fromLocal8Bit(SG_SERVER_BIN), env), b(QString::fromLocal8Bit(SG_SERVER_BIN), env);
    const QStringList common{QStringLiteral("--database"), database.url(), QStringLiteral("--max-connections"),
        QStringLiteral("1024"), QStringLiteral("--max-connections-per-address"), QStringLiteral("1024")};
    if (!a.start(
            dirA.path(), common + QStringList{QStringLiteral("--demo"), QStringLiteral("--demo-password"), kPassword}))
        fail(QStringLiteral("instance A did not start\n") + a.output());
    if (!b.start(dirB.path(), common))
        fail(QStringLiteral("instance B did not start\n") + b.output());
    const QList<QUrl> instances{a.url(), b.url()};

    // Sessions: a few per instance, shared by the clients on it (a sign-in costs a deliberate password hash).
    const auto blocking = [](Connection &c, const QByteArray &method, const QByteArray &target, const QByteArray &token,
                              const QByteArray &body) {
        std::optional<Answer> answer;
        c.request(method, target, token, body, [&](Answer x) { answer = std::move(x); });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, kAnswerTimeoutMs + 1000))
            fail(QStringLiteral("no answer to %1 %2").arg(QString::fromLatin1(method), QString::fromLatin1(target)));
        return *answer;
    };
    QList<QList<QByteArray>> tokens(2);
    qint64 schoolId = 0;
    for (int i = 0; i < 2; ++i) {
        Connection c(instances.at(i));
        for (int s = 0; s < 4; ++s) {
            const Answer signIn = blocking(c, "POST", "/api/v1/session", {},
                QJsonDocument(QJsonObject{{QStringLiteral("login"), QStringLiteral("demo-school")},
                                  {QStringLiteral("password"), kPassword}})
                    .toJson(QJsonDocument::Compact));
            if (signIn.status != 201)
                fail(QStringLiteral("sign-in: %1 %2").arg(signIn.status).arg(QString::fromUtf8(signIn.body)));
            tokens[i].append(
                QJsonDocument::fromJson(signIn.body).object().value(QStringLiteral("token")).toString().toUtf8());
        }
        const Answer me = blocking(c, "GET", "/api/v1/me", tokens[i].first(), {});
        schoolId = QJsonDocument::fromJson(me.body)
                       .object()
                       .value(QStringLiteral("school"))
                       .toObject()
                       .value(QStringLiteral("id"))
                       .toInteger();
    }
    const QByteArray school = "/api/v1/schools/" + QByteArray::number(schoolId);

    // The people and their versions at the start.
    QHash<qint64, qint64> startVersion;
    QList<qint64> people;
    QHash<qint64, qint64> knownVersion; // shared by the clients: the version last seen in any answer
    {
        Connection c(instances.at(0));
        const Answer list = blocking(c, "GET", school + "/members", tokens[0].first(), {});
        for (const QJsonValue &v :
            QJsonDocument::fromJson(list.body).object().value(QStringLiteral("items")).toArray()) {
            const QJsonObject o = v.toObject();
            const QString status = o.value(QStringLiteral("status")).toString();
            if (status == QLatin1String("graduate") || status == QLatin1String("not-current"))
                continue;
            const qint64 id = o.value(QStringLiteral("id")).toInteger();
            startVersion.insert(id, o.value(QStringLiteral("version")).toInteger());
            knownVersion.insert(id, startVersion.value(id));
            people.append(id);
        }
    }
    if (people.size() < 50)
        fail(QStringLiteral("the demo school has too few people"));

    const auto countDecisions = [&] {
        auto db = server::Database::openPostgres(database.url());
        if (!db)
            fail(db.error().message);
        QSqlQuery q(db.value()->connection());
        if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM decisions d JOIN users u ON u.id = d.actor_id "
                                   "WHERE u.login = 'demo-school'"))
            || !q.next())
            fail(QStringLiteral("counting decisions"));
        return q.value(0).toLongLong();
    };
    const qint64 decisionsBefore = countDecisions();

    Stats stats;
    QRandomGenerator rng(20261203);
    QElapsedTimer clock;
    clock.start();
    const qint64 endAt = qint64(seconds) * 1000;
    int running = clients;
    qint64 batchCounter = 0;
    std::vector<std::unique_ptr<Connection>> connections;
    for (int i = 0; i < clients; ++i)
        connections.push_back(std::make_unique<Connection>(instances.at(i % 2)));
    std::vector<qint64> cursors(size_t(clients), 0);
    QList<std::pair<qint64, qint64>> rss; // (A, B) KiB every 2 s
    rss.append({rssKiB(a.pid()), rssKiB(b.pid())});
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, [&] { rss.append({rssKiB(a.pid()), rssKiB(b.pid())}); });
    sampler.start(2000);

    const auto error = [&](const QString &what) {
        ++stats.errors;
        if (stats.errorSamples.size() < 10)
            stats.errorSamples.append(what);
    };
    // Checks a decision answer; a repeat must give each key the first answer's outcome ("applied" becomes
    // "duplicate").
    const auto decisionOutcomes = [&](const QJsonObject &o, const QHash<QString, QString> *first) {
        QHash<QString, QString> outcomes;
        for (const QJsonValue &v : o.value(QStringLiteral("results")).toArray()) {
            const QJsonObject r = v.toObject();
            const QString outcome = r.value(QStringLiteral("outcome")).toString();
            const QString key = r.value(QStringLiteral("key")).toString();
            outcomes.insert(key, outcome);
            if (r.contains(QStringLiteral("version")))
                knownVersion[r.value(QStringLiteral("memberId")).toInteger()] =
                    r.value(QStringLiteral("version")).toInteger();
            if (first) {
                ++stats.replays;
                const QString expected =
                    first->value(key) == QLatin1String("applied") ? QStringLiteral("duplicate") : first->value(key);
                if (outcome != expected)
                    error(QStringLiteral("key %1 answered %2 the first time and %3 when repeated")
                              .arg(key, first->value(key), outcome));
                continue;
            }
            if (outcome == QLatin1String("applied")) {
                ++stats.applied;
                if (stats.appliedKeys.contains(key))
                    error(QStringLiteral("key %1 applied twice").arg(key));
                stats.appliedKeys.insert(key);
            } else if (outcome == QLatin1String("conflict")) {
                ++stats.conflicts;
            } else if (outcome == QLatin1String("duplicate")) {
                error(QStringLiteral("a fresh key answered duplicate: %1").arg(key));
            } else {
                ++stats.otherOutcomes;
            }
        }
        return outcomes;
    };

    std::function<void(int)> next;
    next = [&](int client) {
        if (clock.elapsed() >= endAt) {
            --running;
            return;
        }
        Connection &c = *connections[size_t(client)];
        const QByteArray token = tokens[client % 2].at((client / 2) % tokens[client % 2].size());
        const int roll = int(rng.bounded(100));
        QByteArray kind, method = "GET", target, body;
        if (roll < 35) {
            kind = "changes";
            target = school + "/changes?since=" + QByteArray::number(cursors[size_t(client)]) + "&limit=200";
        } else if (roll < 60) {
            kind = "me";
            target = "/api/v1/me";
        } else if (roll < 75) {
            kind = "members";
            target = school + "/members";
        } else if (roll < 80) {
            kind = "health";
            target = "/api/v1/health";
        } else {
            kind = "decisions";
            method = "POST";
            target = school + "/decisions";
            QJsonArray items;
            const int n = 1 + int(rng.bounded(3));
            const qint64 batch = ++batchCounter;
            for (int i = 0; i < n; ++i) {
                const qint64 id = people.at(rng.bounded(int(people.size())));
                const bool approve = rng.bounded(2) == 0;
                QJsonObject item{{QStringLiteral("key"), QStringLiteral("load-%1-%2").arg(batch).arg(i)},
                    {QStringLiteral("memberId"), id},
                    {QStringLiteral("verdict"), approve ? QStringLiteral("approve") : QStringLiteral("reject")},
                    {QStringLiteral("baseVersion"), knownVersion.value(id)}};
                if (!approve)
                    item.insert(QStringLiteral("reason"), QStringLiteral("Нагрузочная проверка"));
                items.append(item);
            }
            body = QJsonDocument(QJsonObject{{QStringLiteral("items"), items}}).toJson(QJsonDocument::Compact);
        }
        const qint64 started = clock.elapsed();
        c.request(method, target, token, body, [&, client, kind, target, token, body, started](Answer answer) {
            ++stats.requests;
            stats.latencies[kind].append(double(clock.elapsed() - started));
            if (answer.status != 200) {
                error(QStringLiteral("%1 %2: %3 %4")
                          .arg(QString::fromLatin1(kind), QString::fromLatin1(target))
                          .arg(answer.status)
                          .arg(QString::fromUtf8(answer.body.left(200))));
                next(client);
                return;
            }
            const QJsonObject o = QJsonDocument::fromJson(answer.body).object();
            if (kind == "changes") {
                cursors[size_t(client)] = o.value(QStringLiteral("cursor")).toString().toLongLong();
                for (const QJsonValue &v : o.value(QStringLiteral("items")).toArray()) {
                    const QJsonObject m = v.toObject();
                    knownVersion[m.value(QStringLiteral("id")).toInteger()] =
                        m.value(QStringLiteral("version")).toInteger();
                }
            } else if (kind == "decisions") {
                const QHash<QString, QString> first = decisionOutcomes(o, nullptr);
                if (rng.bounded(10) == 0) {
                    // The same batch again, as a client that lost the first answer would send it.
                    const qint64 again = clock.elapsed();
                    connections[size_t(client)]->request(
                        "POST", target, token, body, [&, client, first, again](Answer repeat) {
                            ++stats.requests;
                            stats.latencies["decisions (repeat)"].append(double(clock.elapsed() - again));
                            if (repeat.status != 200)
                                error(QStringLiteral("repeated batch: %1").arg(repeat.status));
                            else
                                decisionOutcomes(QJsonDocument::fromJson(repeat.body).object(), &first);
                            next(client);
                        });
                    return;
                }
            }
            next(client);
        });
    };
    for (int i = 0; i < clients; ++i)
        QTimer::singleShot(i % 50, [&, i] { next(i); });
    if (!QTest::qWaitFor([&] { return running == 0; }, int(endAt) + kAnswerTimeoutMs * 2))
        fail(QStringLiteral("%1 clients did not finish").arg(running));
    const double elapsed = clock.elapsed() / 1000.0;
    sampler.stop();
    rss.append({rssKiB(a.pid()), rssKiB(b.pid())});

    // The database: every applied decision once, versions grown by exactly the applied decisions.
    qint64 decisionRows = 0, keyRows = 0, versionGrowth = 0;
    bool auditOk = false;
    QString auditProblem;
    {
        auto db = server::Database::openPostgres(database.url());
        if (!db)
            fail(db.error().message);
        QSqlQuery q(db.value()->connection());
        decisionRows = countDecisions() - decisionsBefore;
        if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM idempotency_keys WHERE key LIKE 'load-%'")) || !q.next())
            fail(QStringLiteral("counting keys"));
        keyRows = q.value(0).toLongLong();
        if (!q.exec(QStringLiteral("SELECT id, version FROM members WHERE school_id = %1").arg(schoolId)))
            fail(QStringLiteral("reading versions"));
        while (q.next()) {
            if (startVersion.contains(q.value(0).toLongLong()))
                versionGrowth += q.value(1).toLongLong() - startVersion.value(q.value(0).toLongLong());
        }
        q.finish();
        SystemClock systemClock;
        server::AuditLog audit(*db.value(), systemClock);
        const auto v = audit.verify();
        auditOk = v.ok;
        auditProblem = v.problem;
    }

    std::printf("sg_load: %d clients for %d s on two instances over one PostgreSQL database\n", clients, seconds);
    std::printf("requests %lld in %.1f s (%.0f/s), errors %lld\n", stats.requests, elapsed,
        double(stats.requests) / elapsed, stats.errors);
    std::printf("%-20s | %8s | %8s | %8s | %8s\n", "request", "count", "p50 ms", "p99 ms", "max ms");
    QList<QByteArray> kinds = stats.latencies.keys();
    std::sort(kinds.begin(), kinds.end());
    for (const QByteArray &kind : std::as_const(kinds)) {
        const QList<double> &l = stats.latencies.value(kind);
        std::printf("%-20s | %8lld | %8.1f | %8.1f | %8.1f\n", kind.constData(), qint64(l.size()), percentile(l, 0.5),
            percentile(l, 0.99), percentile(l, 1.0));
    }
    std::printf("decisions: %lld applied, %lld conflicts, %lld other, %lld repeated items\n", stats.applied,
        stats.conflicts, stats.otherOutcomes, stats.replays);
    std::printf("database: %lld decision rows, versions grew by %lld, %lld idempotency records; audit chain %s\n",
        decisionRows, versionGrowth, keyRows, auditOk ? "whole" : qPrintable(auditProblem));
    std::printf("memory (RSS, MiB) A/B every 2 s:");
    for (const auto &[ra, rb] : std::as_const(rss))
        std::printf(" %lld/%lld", ra / 1024, rb / 1024);
    std::printf("\n");
    for (const QString &e : std::as_const(stats.errorSamples))
        std::printf("error: %s\n", qPrintable(e));

    bool ok = stats.errors == 0 && auditOk;
    const qint64 items = stats.applied + stats.conflicts + stats.otherOutcomes;
    if (keyRows != items) {
        std::printf("INCONSISTENT: %lld items answered, %lld idempotency records\n", items, keyRows);
        ok = false;
    }
    if (decisionRows != stats.applied || versionGrowth != stats.applied) {
        std::printf("INCONSISTENT: %lld decisions answered applied, %lld in the database, versions grew by %lld\n",
            stats.applied, decisionRows, versionGrowth);
        ok = false;
    }
    if (stats.applied == 0 || stats.conflicts == 0) {
        std::printf(
            "INCONCLUSIVE: the run applied %lld decisions and met %lld conflicts\n", stats.applied, stats.conflicts);
        ok = false;
    }
    if (!a.stop() || !b.stop()) {
        std::printf("a server did not stop cleanly\n%s\n%s\n", qPrintable(a.output()), qPrintable(b.output()));
        ok = false;
    }
    std::printf("%s\n", ok ? "PASSED" : "FAILED");
    return ok ? 0 : 1;
}
