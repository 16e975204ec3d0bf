// schoolgate-server: the bundled server module as a program.

#include "server/demoseeder.h"
#include "server/server.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QTextStream>

#include <csignal>

namespace {

bool parseListen(const QString &text, QHostAddress *address, quint16 *port)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    if (host == QLatin1String("localhost"))
        host = QStringLiteral("127.0.0.1");
    bool ok = false;
    const uint p = text.mid(colon + 1).toUInt(&ok);
    if (!ok || p > 65535 || !address->setAddress(host))
        return false;
    *port = quint16(p);
    return true;
}

void quitOnSignal(int)
{
    QCoreApplication::quit();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("schoolgate-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("SchoolGate"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SG_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("SchoolGate server module: the HTTP JSON API under /api/v1."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption listenOpt(QStringLiteral("listen"),
        QStringLiteral("Address and port to listen on; port 0 picks a free one."), QStringLiteral("ADDRESS:PORT"),
        QStringLiteral("127.0.0.1:8480"));
    const QCommandLineOption dataOpt(
        QStringLiteral("data"), QStringLiteral("Data folder (database, mail drop)."), QStringLiteral("DIR"));
    const QCommandLineOption demoOpt(QStringLiteral("demo"),
        QStringLiteral("Seed the demo school and the accounts demo-school, demo-teacher, demo-operator."));
    const QCommandLineOption demoPasswordOpt(QStringLiteral("demo-password"),
        QStringLiteral("Password of the demo accounts (default: random, printed)."), QStringLiteral("PASSWORD"));
    parser.addOptions({listenOpt, dataOpt, demoOpt, demoPasswordOpt});
    parser.process(app);

    QTextStream out(stdout);
    QTextStream err(stderr);

    QHostAddress address;
    quint16 port = 0;
    if (!parseListen(parser.value(listenOpt), &address, &port)) {
        err << "schoolgate-server: --listen takes ADDRESS:PORT, for example 127.0.0.1:8480 or 0.0.0.0:0\n";
        return 2;
    }
    sg::server::ServerOptions options;
    options.dataDir = parser.isSet(dataOpt) ? parser.value(dataOpt)
                                            : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    options.address = address;
    options.port = port;

    sg::SystemClock clock;
    sg::server::Server server(options, &clock);
    if (auto st = server.open(); !st) {
        err << "schoolgate-server: " << st.error().message << "\n";
        return 1;
    }
    if (parser.isSet(demoOpt)) {
        sg::server::DemoSeeder seeder(server.database(), server.accounts(), clock);
        auto demo = seeder.seed(parser.value(demoPasswordOpt));
        if (!demo) {
            err << "schoolgate-server: demo: " << demo.error().message << "\n";
            return 1;
        }
        out << "demo school: " << demo->teachers << " teachers, " << demo->students << " students\n"
            << "demo accounts: demo-school, demo-teacher, demo-operator; password: " << demo->password << "\n";
    }
    if (auto st = server.start(); !st) {
        err << "schoolgate-server: " << st.error().message << "\n";
        return 1;
    }
    out << "data: " << QDir(options.dataDir).absolutePath() << "\n";
    out << "listening on " << server.baseUrl().toString() << "\n";
    out.flush();

    std::signal(SIGINT, quitOnSignal);
    std::signal(SIGTERM, quitOnSignal);
    return app.exec();
}
