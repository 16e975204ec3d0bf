// /api/v1/health under load, over loopback, against the server module in this process:
//   1. requests per second with 10 and with 200 keep-alive connections, against a bare QTcpServer responder that
//      answers every request with a fixed body of the same size (the baseline, measured in the same run);
//   2. the 99th percentile latency of /health from one connection while another client uploads decision batches
//      of 10,000 items back to back, against the same probe with the server idle.
// The load runs on other threads, the server on the main thread (as in schoolgate-server). Prints a table; never
// asserts a timing (docs/performance.md).
//
//   bench_health [--quick]      (--quick: short runs and 1,000-item batches; used by CTest)

#include "benchserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <functional>

using namespace sg;

namespace {

const QString &kPassword = bench::kBenchPassword;

[[noreturn]] void fail(const QString &what)
{
    std::fprintf(stderr, "bench_health: %s\n", qPrintable(what));
    std::exit(1);
}

// One complete HTTP/1.1 answer at the start of buf (Content-Length framing): its length, or 0 if incomplete.
qsizetype answerLength(const QByteArray &buf, int *status = nullptr)
{
    const qsizetype end = buf.indexOf("\r\n\r\n");
    if (end < 0)
        return 0;
    const QByteArray head = buf.left(end).toLower();
    const qsizetype at = head.indexOf("content-length:");
    const qsizetype eol = at < 0 ? -1 : head.indexOf("\r\n", at);
    const qint64 length =
        at < 0 ? 0 : head.mid(at + 15, (eol < 0 ? head.size() : eol) - at - 15).trimmed().toLongLong();
    if (buf.size() < end + 4 + length)
        return 0;
    if (status)
        *status = buf.mid(9, 3).toInt();
    return end + 4 + length;
}

// Turns this thread's event loop until done() holds. It blocks between events rather than spinning: the server
// under test lives on this thread, and a spinning loop would take a whole core from the threads being measured.
void serveUntil(const std::function<bool()> &done)
{
    if (done())
        return;
    QEventLoop loop;
    QTimer check;
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    check.start(5);
    loop.exec();
}

// Keeps `connections` connections busy with GET /api/v1/health, one request in flight on each, for `ms`.
struct LoadResult
{
    qint64 answers = 0;
    qint64 errors = 0;
    double seconds = 0;
    QList<double> latenciesMs; // the probe: requests due while no batch was in flight
    QList<double> busyLatenciesMs; // the probe: requests due while a batch was being uploaded or applied
};

LoadResult runLoad(quint16 port, int connections, int ms)
{
    LoadResult result;
    QThread thread;
    QObject *context = nullptr;
    std::atomic<bool> done{false};
    QObject anchor; // lives on the load thread: the work below is queued to it
    anchor.moveToThread(&thread);
    thread.start();
    QMetaObject::invokeMethod(
        &anchor,
        [&] {
            context = new QObject;
            auto *timer = new QElapsedTimer;
            timer->start();
            const QByteArray request = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
            auto finish = [&, timer] {
                if (done.exchange(true))
                    return;
                result.seconds = timer->nsecsElapsed() / 1e9;
                delete timer;
                delete context;
                QThread::currentThread()->quit();
            };
            for (int i = 0; i < connections; ++i) {
                auto *socket = new QTcpSocket(context);
                auto *buffer = new QByteArray;
                QObject::connect(socket, &QObject::destroyed, [buffer] { delete buffer; });
                QObject::connect(socket, &QTcpSocket::connected, socket, [socket, request] { socket->write(request); });
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [&, socket, buffer, request] {
                    *buffer += socket->readAll();
                    int status = 0;
                    while (const qsizetype n = answerLength(*buffer, &status)) {
                        buffer->remove(0, n);
                        if (status == 200)
                            ++result.answers;
                        else
                            ++result.errors;
                        socket->write(request);
                    }
                });
                QObject::connect(socket, &QTcpSocket::errorOccurred, socket, [&] { ++result.errors; });
                socket->connectToHost(QHostAddress::LocalHost, port);
            }
            QTimer::singleShot(ms, context, finish);
        },
        Qt::QueuedConnection);
    serveUntil([&] { return thread.isFinished(); });
    thread.wait();
    return result;
}

// An open-loop probe: a request is due every intervalMs; its latency counts from when it was due, so a stalled server
// shows as many slow requests (not as one, which a closed loop would record and a percentile would hide). Each
// request is filed by whether `busy` held when it fell due.
LoadResult runProbe(quint16 port, int ms, int intervalMs, const std::atomic<bool> &busy)
{
    LoadResult result;
    QThread thread;
    QObject anchor;
    anchor.moveToThread(&thread);
    thread.start();
    QMetaObject::invokeMethod(
        &anchor,
        [&] {
            auto *context = new QObject;
            auto *clock = new QElapsedTimer;
            clock->start();
            auto *socket = new QTcpSocket(context);
            auto *buffer = new QByteArray;
            // When each waiting request was due (ns on clock), and whether a batch was in flight then.
            auto *due = new QList<std::pair<qint64, bool>>;
            auto *inFlight = new bool(false);
            const QByteArray request = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
            QObject::connect(context, &QObject::destroyed, [=] {
                delete clock;
                delete buffer;
                delete due;
                delete inFlight;
            });
            auto sendNext = [=] {
                if (!*inFlight && !due->isEmpty() && socket->state() == QAbstractSocket::ConnectedState) {
                    *inFlight = true;
                    socket->write(request);
                }
            };
            QObject::connect(socket, &QTcpSocket::connected, socket, sendNext);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [=, &result] {
                *buffer += socket->readAll();
                int status = 0;
                while (const qsizetype n = answerLength(*buffer, &status)) {
                    buffer->remove(0, n);
                    *inFlight = false;
                    if (!due->isEmpty()) {
                        const auto [at, whileBusy] = due->takeFirst();
                        (whileBusy ? result.busyLatenciesMs : result.latenciesMs)
                            .append((clock->nsecsElapsed() - at) / 1e6);
                    }
                    status == 200 ? ++result.answers : ++result.errors;
                }
                sendNext();
            });
            QObject::connect(socket, &QTcpSocket::errorOccurred, socket, [&result] { ++result.errors; });
            socket->connectToHost(QHostAddress::LocalHost, port);
            auto *tick = new QTimer(context);
            tick->setTimerType(Qt::PreciseTimer);
            QObject::connect(tick, &QTimer::timeout, context, [=, &busy] {
                due->append({clock->nsecsElapsed(), busy.load()});
                sendNext();
            });
            tick->start(intervalMs);
            QTimer::singleShot(ms, context, [=, &result] {
                tick->stop();
                // Requests still waiting count with what they have waited so far.
                for (const auto &[at, whileBusy] : std::as_const(*due))
                    (whileBusy ? result.busyLatenciesMs : result.latenciesMs)
                        .append((clock->nsecsElapsed() - at) / 1e6);
                result.seconds = clock->nsecsElapsed() / 1e9;
                delete context;
                QThread::currentThread()->quit();
            });
        },
        Qt::QueuedConnection);
    serveUntil([&] { return thread.isFinished(); });
    thread.wait();
    return result;
}

// The baseline: a QTcpServer that answers each request with a fixed body, as small a server as can be.
class BareResponder : public QTcpServer
{
public:
    explicit BareResponder(QByteArray body)
        : m_answer("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body)
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection()) {
                auto *buffer = new QByteArray;
                connect(s, &QObject::destroyed, [buffer] { delete buffer; });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
                connect(s, &QTcpSocket::readyRead, s, [this, s, buffer] {
                    *buffer += s->readAll();
                    qsizetype end;
                    while ((end = buffer->indexOf("\r\n\r\n")) >= 0) {
                        buffer->remove(0, end + 4);
                        s->write(m_answer);
                    }
                    s->flush(); // as the server does: the answer leaves in this turn of the event loop
                });
            }
        });
    }

private:
    QByteArray m_answer;
};

// Blocking HTTP on its own thread (the uploader): one request, the whole answer.
std::pair<int, QByteArray> call(
    QTcpSocket &s, const QByteArray &method, const QByteArray &path, const QByteArray &token, const QByteArray &body)
{
    QByteArray r = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!token.isEmpty())
        r += "Authorization: Bearer " + token + "\r\n";
    if (!body.isEmpty())
        r += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    r += "\r\n" + body;
    s.write(r);
    QByteArray buffer;
    int status = 0;
    while (true) {
        if (const qsizetype n = answerLength(buffer, &status)) {
            const qsizetype start = buffer.indexOf("\r\n\r\n") + 4;
            return {status, buffer.mid(start, n - start)};
        }
        if (!s.waitForReadyRead(120000))
            return {0, {}};
        buffer += s.readAll();
    }
}

double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.at(qMin(v.size() - 1, qsizetype(p * double(v.size()))));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const int loadMs = quick ? 500 : 3000;
    const int batch = quick ? 1000 : 10000;

    std::printf("bench_health (%s build)\n", SG_BENCH_CONFIG);
    std::printf("%-58s | %10s | %11s | %6s | %s\n", "case", "ours", "baseline", "ratio", "goal");

    // One address sends every connection here, as behind a proxy: the per-address cap is the total.
    bench::BenchServer s(
        batch, [](server::ServerOptions &o) { o.transport.maxConnectionsPerAddress = o.transport.maxConnections; });
    const quint16 port = s.server->port();
    // The bare responder answers with a body as long as ours.
    QByteArray healthBody;
    {
        QThread t;
        // Read one body for its size, on a thread (the server must keep turning here).
        std::pair<int, QByteArray> answer;
        QObject::connect(&t, &QThread::started, [&] {
            QTcpSocket c;
            c.connectToHost(QHostAddress::LocalHost, port);
            c.waitForConnected(5000);
            answer = call(c, "GET", "/api/v1/health", {}, {});
            QThread::currentThread()->quit();
        });
        t.start();
        serveUntil([&] { return t.isFinished(); });
        if (answer.first != 200)
            fail(QStringLiteral("no answer from /health"));
        healthBody = answer.second;
    }
    BareResponder bare(healthBody);
    if (!bare.listen(QHostAddress::LocalHost))
        fail(QStringLiteral("bare listen"));

    // Ours and the bare responder take turns in short slices (each goes first in every other round), so that a
    // noisy neighbour on a shared machine weighs on both alike rather than on whichever ran during the noise.
    bool clean = true;
    const int rounds = quick ? 1 : 3;
    for (int connections : {10, 200}) {
        LoadResult ours, base;
        auto add = [](LoadResult &sum, const LoadResult &slice) {
            sum.answers += slice.answers;
            sum.errors += slice.errors;
            sum.seconds += slice.seconds;
        };
        for (int round = 0; round < rounds; ++round) {
            const bool oursFirst = round % 2 == 0;
            add(oursFirst ? ours : base, runLoad(oursFirst ? port : bare.serverPort(), connections, loadMs / rounds));
            add(oursFirst ? base : ours, runLoad(oursFirst ? bare.serverPort() : port, connections, loadMs / rounds));
        }
        const double o = ours.answers / ours.seconds, b = base.answers / base.seconds;
        clean &= ours.errors == 0 && base.errors == 0 && ours.answers > 0;
        std::printf("%-58s | %10.0f | %11.0f | %5.2fx | >= 0.6x%s\n",
            qPrintable(QStringLiteral("/health requests per second, %1 connections").arg(connections)), o, b, o / b,
            ours.errors ? qPrintable(QStringLiteral("  (%1 errors)").arg(ours.errors)) : "");
    }

    // p99 of /health while batches are uploaded vs idle. The uploader alternates: a batch, then a pause as long as
    // the batch took. One probe runs throughout and files each request by whether a batch was in flight when it
    // fell due, so the idle and the busy samples are taken in turns, under the same noise of a shared machine.
    std::atomic<bool> stop{false}, loggedIn{false}, uploading{false};
    std::atomic<int> batches{0};
    QThread uploader;
    QObject::connect(&uploader, &QThread::started, [&] {
        QTcpSocket c;
        c.connectToHost(QHostAddress::LocalHost, port);
        if (!c.waitForConnected(5000))
            return QThread::currentThread()->quit();
        const auto login = call(c, "POST", "/api/v1/session", {},
            QJsonDocument(QJsonObject{{QStringLiteral("login"), QString::fromLatin1(server::DemoSeeder::kSchoolLogin)},
                              {QStringLiteral("password"), kPassword}})
                .toJson(QJsonDocument::Compact));
        const QByteArray token =
            QJsonDocument::fromJson(login.second).object().value(QStringLiteral("token")).toString().toLatin1();
        loggedIn = true;
        for (int round = 0; !stop; ++round) {
            // Approve all, then take all back: every item applies, versions move by one each round. Written out
            // directly: the client's own JSON work is not what is measured here.
            QByteArray body = "{\"items\":[";
            body.reserve(s.students.size() * 90);
            const QByteArray prefix = ",\"verdict\":\"" + QByteArray(round % 2 ? "revert" : "approve")
                + "\",\"baseVersion\":" + QByteArray::number(round + 1) + '}';
            for (qint64 id : std::as_const(s.students)) {
                if (body.size() > 10)
                    body += ',';
                body += "{\"key\":\"bench-" + QByteArray::number(round) + '-' + QByteArray::number(id)
                    + "\",\"memberId\":" + QByteArray::number(id) + prefix;
            }
            body += "]}";
            QElapsedTimer took;
            took.start();
            uploading = true;
            const auto answer = call(c, "POST", "/api/v1/schools/1/decisions", token, body);
            uploading = false;
            if (answer.first != 200) {
                std::fprintf(stderr, "bench_health: batch answered %d\n", answer.first);
                break;
            }
            ++batches;
            QThread::msleep(took.elapsed());
        }
        QThread::currentThread()->quit();
    });
    uploader.start();
    serveUntil([&] { return loggedIn || uploader.isFinished(); });
    const LoadResult probe = runProbe(port, loadMs * 4, 5, uploading);
    stop = true;
    serveUntil([&] { return uploader.isFinished(); });
    uploader.wait();
    clean &= batches > 0 && probe.errors == 0;
    const double pIdle = percentile(probe.latenciesMs, 0.99), pBusy = percentile(probe.busyLatenciesMs, 0.99);
    std::printf("%-58s | %7.2f ms | %8.2f ms | %5.2fx | <= 5x\n",
        qPrintable(QStringLiteral("/health p99 latency while uploading batches vs idle")), pBusy, pIdle,
        pIdle > 0 ? pBusy / pIdle : 0.0);
    std::printf("  (a request due every 5 ms from one connection; %lld probes while %d batches of %d were uploaded "
                "and applied, %lld between them; worst %.1f ms vs %.1f ms)\n",
        qint64(probe.busyLatenciesMs.size()), batches.load(), batch, qint64(probe.latenciesMs.size()),
        percentile(probe.busyLatenciesMs, 1.0), percentile(probe.latenciesMs, 1.0));
    if (!clean) {
        std::fprintf(stderr, "bench_health: errors during the run\n");
        return 1;
    }
    return 0;
}
