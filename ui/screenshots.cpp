// schoolgate-screenshots: renders every main screen of the client, in Russian and English, into a folder
// (scripts/screenshots runs it under Xvfb). It drives the real windows against the bundled demo server.

#include "appstyle.h"
#include "client/membertablemodel.h"
#include "client/schoolsession.h"
#include "clientapp.h"
#include "loginwindow.h"
#include "mainwindow.h"
#include "operatorwindow.h"
#include "prompter.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextStream>

namespace {

// Answers nothing: screenshots never need a dialog answered.
class SilentPrompter final : public sg::ui::Prompter
{
public:
    std::optional<QString> askRejectionReason(QWidget *, int) override { return std::nullopt; }
    bool confirm(QWidget *, const QString &, const QString &) override { return false; }
    std::optional<QString> askNewPassword(QWidget *, const QString &, const QString &) override { return std::nullopt; }
    std::optional<QString> askOpenFile(QWidget *, const QString &, const QString &) override { return std::nullopt; }
    std::optional<QString> askSaveFile(QWidget *, const QString &, const QString &, const QString &) override
    {
        return std::nullopt;
    }
    void inform(QWidget *, const QString &, const QString &) override {}
};

bool waitFor(const std::function<bool()> &condition, int timeoutMs = 15000)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return true;
}

void settle(int ms = 600)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
}

bool save(QWidget *w, const QString &dir, const QString &name, QTextStream &out)
{
    settle();
    const QString path = QDir(dir).filePath(name + QStringLiteral(".png"));
    const bool ok = w->grab().save(path);
    out << (ok ? "wrote " : "FAILED ") << path << "\n";
    return ok;
}

void signIn(sg::ui::ClientApp &app, const QString &login, const QString &password)
{
    sg::ui::LoginWindow *w = app.loginWindow();
    w->setServer(true, QUrl());
    w->setCredentials(login, password);
    w->findChild<QPushButton *>(QStringLiteral("signInButton"))->click();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication qapp(argc, argv);
    QApplication::setApplicationName(QStringLiteral("SchoolGate-screenshots"));
    QApplication::setOrganizationName(QStringLiteral("SchoolGate"));
    sg::ui::applyAppStyle(qapp);
    QTextStream out(stdout);
    // schoolgate-screenshots [DIR] [--dark] [--size WxH]: the dark theme, and the main windows at that size (say
    // 1024x600) instead of 1280x800; the file names then end in "-dark" and "-WxH".
    QStringList args = qapp.arguments().mid(1);
    const bool dark = args.removeAll(QStringLiteral("--dark")) > 0;
    QSize windowSize(1280, 800);
    QString suffix = dark ? QStringLiteral("-dark") : QString();
    if (const qsizetype at = args.indexOf(QStringLiteral("--size")); at >= 0 && at + 1 < args.size()) {
        const QStringList wh = args.at(at + 1).split(QLatin1Char('x'));
        if (wh.size() == 2 && wh.at(0).toInt() > 0 && wh.at(1).toInt() > 0) {
            windowSize = QSize(wh.at(0).toInt(), wh.at(1).toInt());
            suffix += QLatin1Char('-') + args.at(at + 1);
        }
        args.remove(at, 2);
    }
    const QString dir = args.value(0, QStringLiteral("docs/screenshots"));
    QDir().mkpath(dir);
    const QString password = QStringLiteral("demo password for screenshots");
    bool ok = true;

    for (const QString &lang : {QStringLiteral("ru"), QStringLiteral("en")}) {
        QTemporaryDir data;
        sg::SystemClock clock;
        SilentPrompter prompter;
        sg::ui::ClientOptions options;
        options.demo = true;
        options.demoPassword = password;
        options.language = lang;
        options.dataDir = data.path();
        // No keychain in a screenshot run: no offline copy (so no wait for a keychain that never answers).
        options.offlineCache = false;
        sg::ui::ClientApp app(options, &prompter, clock);
        if (!app.start()) {
            out << "the client did not start\n";
            return 1;
        }
        app.setDarkTheme(dark);
        app.loginWindow()->resize(520, 640);
        ok &= save(app.loginWindow(), dir, QStringLiteral("signin-") + lang + suffix, out);
        // The organisation's server with its own certificate: the address and the pinned fingerprint.
        app.loginWindow()->setServer(false, QUrl(QStringLiteral("https://secretary-pc.school.lan:8443")));
        app.loginWindow()->setCertificatePin(
            QByteArray::fromHex("316d6aa1352d4ae0283cc5ae087115a9b99c7b0a5fe1c2eb0abed0e38fec0783"));
        ok &= save(app.loginWindow(), dir, QStringLiteral("signin-server-") + lang + suffix, out);
        app.loginWindow()->setCertificatePin({});
        app.loginWindow()->setServer(true, QUrl());

        // The school: every tab of the main window, and the report preview after three decisions.
        signIn(app, QStringLiteral("demo-school"), password);
        if (!waitFor([&] { return app.mainWindow() && app.session()->teachers()->rowCount() > 0; }))
            return 1;
        sg::ui::MainWindow *main = app.mainWindow();
        main->resize(windowSize);
        auto *tabs = main->findChild<QTabWidget *>(QStringLiteral("peopleTabWidget"));
        const QStringList names{QStringLiteral("overview"), QStringLiteral("director"), QStringLiteral("teachers"),
            QStringLiteral("students"), QStringLiteral("reports")};
        QList<qint64> ids;
        for (const auto &m : app.session()->teachers()->members()) {
            if (m.status == sg::MemberStatus::Pending && ids.size() < 3)
                ids.append(m.id);
        }
        app.session()->decide(ids, sg::Verdict::Approve);
        waitFor([&] { return app.session()->unreportedDecisions() == 3; });
        for (int i = 0; i < tabs->count() && i < names.size(); ++i) {
            tabs->setCurrentIndex(i);
            ok &= save(main, dir, QStringLiteral("school-%1-%2").arg(names.at(i), lang) + suffix, out);
        }
        main->findChild<QPushButton *>(QStringLiteral("sendReportButton"))->click();
        QWidget *preview = nullptr;
        waitFor([&] {
            const auto dialogs = main->findChildren<QWidget *>(QStringLiteral("reportPreviewDialog"));
            preview = dialogs.isEmpty() ? nullptr : dialogs.first();
            return preview && preview->isVisible();
        });
        if (preview) {
            ok &= save(preview, dir, QStringLiteral("report-preview-") + lang + suffix, out);
            preview->close();
        }
        app.session()->signOut();
        waitFor([&] { return app.loginWindow()->isVisible(); });

        // A school whose director is not confirmed yet: the director tab with its first step.
        signIn(app, QStringLiteral("demo-lyceum"), password);
        if (waitFor([&] { return app.mainWindow() && app.mainWindow()->isVisible(); })) {
            auto *t = app.mainWindow()->findChild<QTabWidget *>(QStringLiteral("peopleTabWidget"));
            app.mainWindow()->resize(windowSize);
            t->setCurrentWidget(app.mainWindow()->findChild<QWidget *>(QStringLiteral("directorPanel")));
            ok &= save(app.mainWindow(), dir, QStringLiteral("lyceum-director-") + lang + suffix, out);
            t->setCurrentWidget(app.mainWindow()->findChild<QWidget *>(QStringLiteral("teachersPanel")));
            ok &= save(app.mainWindow(), dir, QStringLiteral("lyceum-locked-") + lang + suffix, out);
        }
        app.session()->signOut();
        waitFor([&] { return app.loginWindow()->isVisible(); });

        // The support operator's queue.
        signIn(app, QStringLiteral("demo-operator"), password);
        if (waitFor([&] { return app.operatorWindow() && app.operatorWindow()->isVisible(); })) {
            app.operatorWindow()->resize(windowSize);
            ok &= save(app.operatorWindow(), dir, QStringLiteral("operator-") + lang + suffix, out);
        }
        app.session()->signOut();
        settle(200);
    }
    return ok ? 0 : 1;
}
