// schoolgate: the desktop client.

#include "appstyle.h"
#include "clientapp.h"
#include "prompter.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QTextStream>
#include <QTimer>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("SchoolGate"));
    QApplication::setOrganizationName(QStringLiteral("SchoolGate"));
    QApplication::setApplicationVersion(QStringLiteral(SG_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("schoolgate"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/schoolgate.svg")));
    sg::ui::applyAppStyle(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("SchoolGate: confirm the director, teachers and students of a school."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demoOpt(
        QStringLiteral("demo"), QStringLiteral("Start the built-in server with the demo school."));
    const QCommandLineOption demoPasswordOpt(QStringLiteral("demo-password"),
        QStringLiteral("Password of the demo accounts (default: random, printed)."), QStringLiteral("PASSWORD"));
    const QCommandLineOption signInOpt(
        QStringLiteral("sign-in"), QStringLiteral("Sign in at once (with --demo: as demo-school)."));
    const QCommandLineOption serverOpt(
        QStringLiteral("server"), QStringLiteral("Address of the organisation's server."), QStringLiteral("URL"));
    const QCommandLineOption langOpt(
        QStringLiteral("lang"), QStringLiteral("Interface language: ru or en."), QStringLiteral("CODE"));
    const QCommandLineOption dataOpt(
        QStringLiteral("data"), QStringLiteral("Data folder of the built-in server."), QStringLiteral("DIR"));
    parser.addOptions({demoOpt, demoPasswordOpt, signInOpt, serverOpt, langOpt, dataOpt});
    parser.process(app);

    sg::ui::ClientOptions options;
    options.demo = parser.isSet(demoOpt);
    options.demoPassword = parser.value(demoPasswordOpt);
    options.autoSignIn = parser.isSet(signInOpt);
    options.serverUrl = QUrl(parser.value(serverOpt));
    options.language = parser.value(langOpt);
    options.dataDir = parser.value(dataOpt);

    sg::SystemClock clock;
    sg::ui::DialogPrompter prompter;
    sg::ui::ClientApp client(options, &prompter, clock);
    if (auto st = client.start(); !st) {
        QMessageBox::critical(nullptr, QStringLiteral("SchoolGate"), st.error().message);
        return 1;
    }
    // Start-up benchmark (bench/): quit once the sign-in window has been shown and the event queue is drained.
    if (qEnvironmentVariableIsSet("SG_EXIT_AFTER_FIRST_SHOW"))
        QTimer::singleShot(0, &app, &QCoreApplication::quit);
    if (options.demo) {
        QTextStream(stdout) << "demo accounts: demo-school, demo-teacher, demo-operator, demo-lyceum; password: "
                            << client.demoPassword() << Qt::endl;
    }
    return app.exec();
}
