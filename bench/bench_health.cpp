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
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cstdio>

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

// Keeps `connections` connections busy with GET /api/v1/health, one request in flight on each, for `ms`.
struct LoadResult
{
    qint64 answers = 0;
    qint64 errors = 0;
    double seconds = 0;
    QList<double> latenciesMs;
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
    while (!thread.isFinished())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    thread.wait();
    return result;
}

// An open-loop probe: a request is due every intervalMs; its latency counts from when it was due, so a stalled server
// shows as many slow requests (not as one, which a closed loop would record and a percentile would hide).
LoadResult runProbe(quint16 port, int ms, int intervalMs)
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
            auto *due = new QList<qint64>; // when each waiting request was due (ns on clock)
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
                    if (!due->isEmpty())
                        result.latenciesMs.append((clock->nsecsElapsed() - due->takeFirst()) / 1e6);
                    status == 200 ? ++result.answers : ++result.errors;
                }
                sendNext();
            });
            QObject::connect(socket, &QTcpSocket::errorOccurred, socket, [&result] { ++result.errors; });
            socket->connectToHost(QHostAddress::LocalHost, port);
            auto *tick = new QTimer(context);
            tick->setTimerType(Qt::PreciseTimer);
            QObject::connect(tick, &QTimer::timeout, context, [=] {
                due->append(clock->nsecsElapsed());
                sendNext();
            });
            tick->start(intervalMs);
            QTimer::singleShot(ms, context, [=, &result] {
                tick->stop();
                // Requests still waiting count with what they have waited so far.
                for (qint64 t : std::as_const(*due))
                    result.latenciesMs.append((clock->nsecsElapsed() - t) / 1e6);
                result.seconds = clock->nsecsElapsed() / 1e9;
                delete context;
                QThread::currentThread()->quit();
            });
        },
        Qt::QueuedConnection);
    while (!thread.isFinished())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
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
        while (!t.isFinished())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (answer.first != 200)
            fail(QStringLiteral("no answer from /health"));
        healthBody = answer.second;
    }
    BareResponder bare(healthBody);
    if (!bare.listen(QHostAddress::LocalHost))
        fail(QStringLiteral("bare listen"));

    bool clean = true;
    for (int connections : {10, 200}) {
        const LoadResult ours = runLoad(port, connections, loadMs);
        const LoadResult base = runLoad(bare.serverPort(), connections, loadMs);
        const double o = ours.answers / ours.seconds, b = base.answers / base.seconds;
        clean &= ours.errors == 0 && base.errors == 0 && ours.answers > 0;
        std::printf("%-58s | %10.0f | %11.0f | %5.2fx | >= 0.6x%s\n",
            qPrintable(QStringLiteral("/health requests per second, %1 connections").arg(connections)), o, b, o / b,
            ours.errors ? qPrintable(QStringLiteral("  (%1 errors)").arg(ours.errors)) : "");
    }

    // p99 of /health, idle and while batches are uploaded.
    const LoadResult idle = runProbe(port, loadMs * 2, 5);
    std::atomic<bool> stop{false};
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
        for (int round = 0; !stop; ++round) {
            // Approve all, then take all back: every item applies, versions move by one each round.
            QJsonArray items;
            for (qint64 id : std::as_const(s.students)) {
                items.append(QJsonObject{{QStringLiteral("key"), QStringLiteral("bench-%1-%2").arg(round).arg(id)},
                    {QStringLiteral("memberId"), id},
                    {QStringLiteral("verdict"), round % 2 ? QStringLiteral("revert") : QStringLiteral("approve")},
                    {QStringLiteral("baseVersion"), round + 1}});
            }
            const auto answer = call(c, "POST", "/api/v1/schools/1/decisions", token,
                QJsonDocument(QJsonObject{{QStringLiteral("items"), items}}).toJson(QJsonDocument::Compact));
            if (answer.first != 200) {
                std::fprintf(stderr, "bench_health: batch answered %d\n", answer.first);
                break;
            }
            ++batches;
        }
        QThread::currentThread()->quit();
    });
    uploader.start();
    while (batches == 0 && !uploader.isFinished())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    const LoadResult busy = runProbe(port, loadMs * 2, 5);
    stop = true;
    while (!uploader.isFinished())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    uploader.wait();
    clean &= batches > 0 && busy.errors == 0 && idle.errors == 0;
    const double pIdle = percentile(idle.latenciesMs, 0.99), pBusy = percentile(busy.latenciesMs, 0.99);
    std::printf("%-58s | %7.2f ms | %8.2f ms | %5.2fx | <= 5x\n",
        qPrintable(QStringLiteral("/health p99 latency while uploading batches vs idle")), pBusy, pIdle,
        pIdle > 0 ? pBusy / pIdle : 0.0);
    std::printf("  (a request due every 5 ms from one connection; %lld probes while %d batches of %d were applied, "
                "%lld idle; worst %.1f ms vs %.1f ms)\n",
        qint64(busy.latenciesMs.size()), batches.load(), batch, qint64(idle.latenciesMs.size()),
        percentile(busy.latenciesMs, 1.0), percentile(idle.latenciesMs, 1.0));
    if (!clean) {
        std::fprintf(stderr, "bench_health: errors during the run\n");
        return 1;
    }
    return 0;
}
