// libFuzzer harness: the /api/v1 route handlers called in process (ApiService and DirectorApi through the Router
// of a server::Server over SQLite; no socket). The input is a request in a loose HTTP-like text form:
//
//   POST /api/v1/schools/1/decisions?x=1      method, one space, target (path percent-decoded, then the query)
//   Authorization: Bearer $school             header lines until an empty line; $school, $teacher, $operator
//   Content-Type: application/json            and $lyceum are replaced by valid session tokens of the demo
//                                             accounts
//   {"items":[...]}                           the rest is the body
//
// Up to four requests may follow one another, separated by a line "====" (consent, then a submission); they share
// the fresh database of the input. Every answer must be below 500: a 5xx aborts, so the fuzzer reports it.
//
// State: the demo data is seeded and the four sessions opened once, in a pristine copy of the database taken
// with a fixed FakeClock. Every input then runs on a fresh copy of that file (a new Server), so no input sees
// what an earlier one changed and every finding replays alone.

#include "../support/fakeclock.h"
#include "core/clock.h"
#include "fuzz_common.h"
#include "server/accountstore.h"
#include "server/apiservice.h"
#include "server/database.h"
#include "server/demoseeder.h"
#include "server/server.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QUrl>

#include <cstdio>
#include <cstdlib>
#include <memory>

using namespace sg;

namespace {

const QString kPassword = QStringLiteral("fuzzing demo password");

struct World
{
    QTemporaryDir dir;
    test::FakeClock clock; // never moves: sessions stay valid, dates stay the same
    QString pristine;
    QString live;
    QList<QPair<QByteArray, QByteArray>> tokens; // "$school" -> token
};

[[noreturn]] void fatal(const char *what, const QString &detail)
{
    std::fprintf(stderr, "fuzz_routes: %s: %s\n", what, qPrintable(detail));
    std::abort();
}

std::unique_ptr<server::Server> openServer(World &w)
{
    server::ServerOptions options;
    options.dataDir = w.dir.path();
    auto s = std::make_unique<server::Server>(options, &w.clock);
    if (auto st = s->open(); !st)
        fatal("cannot open the server", st.error().message);
    return s;
}

QByteArray signIn(server::Server &s, const char *login)
{
    server::HttpRequest r;
    r.method = "POST";
    r.path = QStringLiteral("/api/v1/session");
    r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    r.body = QJsonDocument(
        QJsonObject{{QStringLiteral("login"), QString::fromLatin1(login)}, {QStringLiteral("password"), kPassword}})
                 .toJson(QJsonDocument::Compact);
    r.remoteAddress = QHostAddress::LocalHost;
    const auto answer = s.api().handle(r);
    const QByteArray token =
        QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("token")).toString().toLatin1();
    if (answer.status != 201 || token.isEmpty())
        fatal("cannot sign in", QString::fromUtf8(answer.body));
    return token;
}

void removeDatabase(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QString::fromLatin1(suffix));
}

World &world()
{
    // Destroyed at exit, which removes the temporary folder; the application object outlives it.
    static const std::unique_ptr<World> w = [] {
        fuzz::ensureApplication();
        QLoggingCategory::setFilterRules(QStringLiteral("sg.*=false\nqt.*=false"));
        auto created = std::make_unique<World>();
        if (!created->dir.isValid())
            fatal("no temporary folder", created->dir.errorString());
        created->live = QDir(created->dir.path()).filePath(QStringLiteral("schoolgate.db"));
        created->pristine = QDir(created->dir.path()).filePath(QStringLiteral("pristine.db"));
        {
            auto s = openServer(*created);
            server::DemoSeeder seeder(s->database(), s->accounts(), created->clock);
            if (auto demo = seeder.seed(kPassword); !demo)
                fatal("cannot seed the demo data", demo.error().message);
            created->tokens = {{"$school", signIn(*s, server::DemoSeeder::kSchoolLogin)},
                {"$teacher", signIn(*s, server::DemoSeeder::kTeacherLogin)},
                {"$operator", signIn(*s, server::DemoSeeder::kOperatorLogin)},
                {"$lyceum", signIn(*s, server::DemoSeeder::kLyceumLogin)}};
        } // closed: the WAL is checkpointed into the file
        if (!QFile::copy(created->live, created->pristine))
            fatal("cannot copy the database", created->pristine);
        return created;
    }();
    return *w;
}

server::HttpRequest toRequest(const QByteArray &input, const World &w)
{
    server::HttpRequest r;
    r.remoteAddress = QHostAddress::LocalHost;
    qsizetype pos = 0;
    const auto nextLine = [&input, &pos]() {
        qsizetype end = input.indexOf('\n', pos);
        if (end < 0)
            end = input.size();
        QByteArray line = input.mid(pos, end - pos);
        pos = end + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        return line;
    };
    const QByteArray requestLine = nextLine();
    const qsizetype space = requestLine.indexOf(' ');
    r.method = space < 0 ? requestLine : requestLine.left(space);
    const QByteArray target = space < 0 ? QByteArray("/") : requestLine.mid(space + 1);
    const qsizetype q = target.indexOf('?');
    r.path = QUrl::fromPercentEncoding(q < 0 ? target : target.left(q));
    if (q >= 0)
        r.query = QUrlQuery(QString::fromUtf8(target.mid(q + 1)));
    while (pos < input.size()) {
        const QByteArray line = nextLine();
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1).trimmed();
        for (const auto &[name, token] : w.tokens)
            value.replace(name, token);
        r.headers.append(qMakePair(colon < 0 ? line : line.left(colon), value));
    }
    if (pos < input.size())
        r.body = input.mid(pos);
    return r;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    World &w = world();
    removeDatabase(w.live);
    if (!QFile::copy(w.pristine, w.live))
        fatal("cannot restore the database", w.live);
    const auto s = openServer(w);
    static const bool verbose = qEnvironmentVariableIsSet("SG_FUZZ_VERBOSE");
    // Up to four requests, separated by a line "====", run one after the other on the same fresh database (consent,
    // then a submission).
    const QByteArray input = fuzz::bytes(data, size);
    const auto dispatch = [&](const QByteArray &text) {
        const server::HttpRequest request = toRequest(text, w);
        const server::HttpResponse answer = s->api().handle(request);
        if (verbose)
            std::fprintf(stderr, "fuzz_routes: %d to %s %s: %.300s\n", answer.status, request.method.constData(),
                qPrintable(request.path), answer.body.constData());
        if (answer.status >= 500 || answer.status < 100) {
            std::fprintf(stderr, "fuzz_routes: %d to %s %s: %s\n", answer.status, request.method.constData(),
                qPrintable(request.path), answer.body.constData());
            std::abort();
        }
    };
    static const QByteArray separator = "\n====\n";
    qsizetype start = 0;
    for (int n = 0; n < 3; ++n) {
        const qsizetype end = input.indexOf(separator, start);
        if (end < 0)
            break;
        dispatch(input.mid(start, end - start));
        start = end + separator.size();
    }
    dispatch(input.mid(start));
    return 0;
}
