// Offline sign-in in the real windows against a real server module that is stopped and started again on the same
// port and database: the client signs in online once and quits; with the server stopped a new client cannot sign
// in, offers the copy on this computer, refuses a wrong password and opens the copy with the right one (tables from
// the copy, the data's age in the status bar); decisions made then reach the server once it is back, without the
// password being asked again. Also: the server's offline age limit passed (a fake clock) wipes the copy with a
// message; with the keychain gone the copy opens with the password alone; «Чужой компьютер» keeps no vault;
// signing out wipes the vault; a password changed on the server meanwhile is asked for once.

#include "client/membertablemodel.h"
#include "client/schoolsession.h"
#include "client/secretstore.h"
#include "fakeclock.h"
#include "fakeprompter.h"
#include "server/accountstore.h"
#include "server/schoolstore.h"
#include "testserver.h"
#include "ui/clientapp.h"
#include "ui/loginwindow.h"
#include "ui/mainwindow.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace sg;

namespace {

QString offlineDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(QStringLiteral("offline"));
}

QStringList offlineFiles(const QString &pattern)
{
    return QDir(offlineDir()).entryList({pattern}, QDir::Files);
}

// The verifier in the (only) vault; empty without one.
QString vaultVerifier()
{
    const QStringList vaults = offlineFiles(QStringLiteral("*.vault"));
    QFile file(vaults.isEmpty() ? QString() : QDir(offlineDir()).filePath(vaults.constFirst()));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("verifier")).toString();
}

// Secrets in memory, answered from the event loop as a keychain would; `broken` plays a keychain that is gone.
class MemorySecretStore final : public client::SecretStore
{
public:
    QMap<QString, QByteArray> secrets;
    bool broken = false;

    void write(const QString &key, const QByteArray &secret, std::function<void(Status)> done) override
    {
        later([=, this] {
            if (broken)
                return done(unavailable());
            secrets.insert(key, secret);
            done(Unit{});
        });
    }
    void read(const QString &key, std::function<void(Result<QByteArray>)> done) override
    {
        later([=, this] {
            if (broken)
                return done(unavailable());
            if (!secrets.contains(key))
                return done(Error{QStringLiteral("secret-not-found"), QStringLiteral("not found")});
            done(secrets.value(key));
        });
    }
    void remove(const QString &key, std::function<void(Status)> done) override
    {
        later([=, this] {
            if (broken)
                return done(unavailable());
            secrets.remove(key);
            done(Unit{});
        });
    }

private:
    static Error unavailable()
    {
        return Error{QStringLiteral("keychain-unavailable"), QStringLiteral("no Secret Service")};
    }
    static void later(std::function<void()> f) { QTimer::singleShot(0, qApp, std::move(f)); }
};

// A real server on a database and port that outlive it: stop() and start() again, as a school's server restarts.
class RestartableServer
{
public:
    explicit RestartableServer(int offlineMaxDays = 0)
        : m_offlineMaxDays(offlineMaxDays)
    {}
    bool start()
    {
        test::TestServer::Options o;
        o.seedDemo = !m_seeded;
        o.adjust = [this](server::ServerOptions &options) {
            options.dataDir = m_dir.path();
            options.databaseUrl.clear(); // the same SQLite file each time
            options.port = m_port;
            if (m_offlineMaxDays > 0)
                options.offlineMaxDays = m_offlineMaxDays;
        };
        m_server = std::make_unique<test::TestServer>(o);
        if (!m_server->isValid()) {
            qWarning("test server: %s", qPrintable(m_server->errorString()));
            return false;
        }
        if (!m_seeded)
            m_demo = m_server->demo();
        m_seeded = true;
        m_port = quint16(m_server->url().port());
        return true;
    }
    void stop() { m_server.reset(); }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }
    server::Server &server() { return m_server->server(); }
    const server::DemoSchool &demo() const { return m_demo; }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<test::TestServer> m_server;
    server::DemoSchool m_demo;
    quint16 m_port = 0;
    bool m_seeded = false;
    int m_offlineMaxDays;
};

} // namespace

class TestOfflineSignIn : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void coldStartOfflineThenServerBack();
    void ageLimitWipesTheCopy();
    void withoutKeychainThePasswordOpensTheCopy();
    void someoneElsesComputerKeepsNoVault();
    void passwordChangedMeanwhileIsAskedOnce();
    void damagedVaultKeepsTheCopy();

private:
    std::unique_ptr<ui::ClientApp> makeApp(
        const QUrl &server, const Clock &clock, int healthMs = 30000, const QString &language = QStringLiteral("en"));
    // Types the password and presses «Войти».
    static void signIn(ui::ClientApp &app, const QString &password, const QString &login = {});
    // Signs in online, waits for the copy and a complete sync, and quits (the ClientApp is destroyed).
    void signInOnceAndQuit(const QUrl &server, const Clock &clock);
    static void openOffline(ui::ClientApp &app, const QString &password);
    // Offline: the first two pending teachers approved in the main window (queued on this computer).
    static QList<qint64> approveTwoPendingTeachers(ui::ClientApp &app);
    static int approvedOnServer(RestartableServer &server, const QList<qint64> &ids);
    MemorySecretStore m_secrets;
    std::unique_ptr<test::FakePrompter> m_prompter;
};

void TestOfflineSignIn::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // The program uses the moderate Argon2id limits; these tests pass the interactive ones to save time.
    QCOMPARE(ui::ClientOptions().offlinePasswordLimits.memLimit, client::PasswordHashLimits::moderate().memLimit);
    QCOMPARE(ui::ClientOptions().offlinePasswordLimits.opsLimit, client::PasswordHashLimits::moderate().opsLimit);
}

void TestOfflineSignIn::init()
{
    QSettings settings;
    settings.remove(QStringLiteral("profiles"));
    settings.remove(QStringLiteral("profilesLast"));
    QDir(offlineDir()).removeRecursively();
    m_secrets.secrets.clear();
    m_secrets.broken = false;
    m_prompter = std::make_unique<test::FakePrompter>();
}

std::unique_ptr<ui::ClientApp> TestOfflineSignIn::makeApp(
    const QUrl &server, const Clock &clock, int healthMs, const QString &language)
{
    ui::ClientOptions options;
    options.serverUrl = server;
    options.language = language;
    options.secretStore = &m_secrets;
    options.healthIntervalMs = healthMs;
    options.offlinePasswordLimits = client::PasswordHashLimits::interactive();
    auto app = std::make_unique<ui::ClientApp>(options, m_prompter.get(), clock);
    if (!app->start())
        qFatal("client did not start");
    if (!QTest::qWaitForWindowExposed(app->loginWindow()))
        qFatal("sign-in window not shown");
    return app;
}

void TestOfflineSignIn::signIn(ui::ClientApp &app, const QString &password, const QString &login)
{
    ui::LoginWindow *w = app.loginWindow();
    auto *loginEdit = w->findChild<QLineEdit *>(QStringLiteral("loginLineEdit"));
    if (!login.isEmpty()) {
        loginEdit->clear();
        QTest::keyClicks(loginEdit, login);
    }
    auto *passwordEdit = w->findChild<QLineEdit *>(QStringLiteral("passwordLineEdit"));
    passwordEdit->clear();
    QTest::keyClicks(passwordEdit, password);
    QTest::mouseClick(w->findChild<QPushButton *>(QStringLiteral("signInButton")), Qt::LeftButton);
}

void TestOfflineSignIn::openOffline(ui::ClientApp &app, const QString &password)
{
    ui::LoginWindow *w = app.loginWindow();
    auto *passwordEdit = w->findChild<QLineEdit *>(QStringLiteral("passwordLineEdit"));
    passwordEdit->clear();
    QTest::keyClicks(passwordEdit, password);
    auto *offline = w->findChild<QPushButton *>(QStringLiteral("offlineSignInButton"));
    // From the keyboard: the button has the focus once offered, and Space presses it.
    offline->setFocus();
    QTest::keyClick(offline, Qt::Key_Space);
}

void TestOfflineSignIn::signInOnceAndQuit(const QUrl &server, const Clock &clock)
{
    auto app = makeApp(server, clock);
    QSignalSpy synced(app->session(), &client::SchoolSession::syncFinished);
    signIn(*app, test::TestServer::kPassword, QStringLiteral("demo-school"));
    QTRY_VERIFY_WITH_TIMEOUT(app->mainWindow() && app->mainWindow()->isVisible(), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(app->session()->cache(), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty() && synced.last().first().toBool(), 20000);
    QTRY_VERIFY(app->session()->teachers()->rowCount() > 0);
    QCOMPARE(offlineFiles(QStringLiteral("*.vault")).size(), 1);
    const QString path = QDir(offlineDir()).filePath(offlineFiles(QStringLiteral("*.vault")).constFirst());
    const auto readVault = [&path] {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
    };
    // The verifier is made off the GUI thread and joins the vault when ready.
    QTRY_VERIFY_WITH_TIMEOUT(
        readVault().value(QStringLiteral("verifier")).toString().startsWith(QStringLiteral("$argon2id$")), 20000);
    const QJsonObject o = readVault();
    QVERIFY(!o.value(QStringLiteral("lastSync")).toString().isEmpty());
    QVERIFY(!QString::fromUtf8(QJsonDocument(o).toJson()).contains(test::TestServer::kPassword));
    app.reset(); // the client quits
}

void TestOfflineSignIn::coldStartOfflineThenServerBack()
{
    RestartableServer server;
    QVERIFY(server.start());
    SystemClock clock;
    signInOnceAndQuit(server.url(), clock);
    if (QTest::currentTestFailed())
        return;

    // The server stops before the client starts.
    server.stop();
    auto app = makeApp(server.url(), clock, 300);
    ui::LoginWindow *w = app->loginWindow();
    QCOMPARE(w->findChild<QLineEdit *>(QStringLiteral("loginLineEdit"))->text(), QStringLiteral("demo-school"));
    auto *offline = w->findChild<QPushButton *>(QStringLiteral("offlineSignInButton"));
    auto *error = w->findChild<QLabel *>(QStringLiteral("errorLabel"));
    QVERIFY(offline->isHidden());
    signIn(*app, test::TestServer::kPassword);
    QTRY_VERIFY_WITH_TIMEOUT(offline->isVisible(), 20000);
    QVERIFY2(error->text().contains(QStringLiteral("does not answer")), qPrintable(error->text()));
    QVERIFY(offline->text().contains(QStringLiteral("data as of")));
    QCOMPARE(w->focusWidget(), static_cast<QWidget *>(offline)); // Enter or Space opens it

    // A wrong password is refused on this computer.
    openOffline(*app, QStringLiteral("not the password"));
    QTRY_VERIFY(error->text().contains(QStringLiteral("Wrong password")));
    QVERIFY(!app->mainWindow());
    QVERIFY(w->isVisible());

    // The right one opens the copy: the tables from it, and the window says it works offline and how old the data is.
    openOffline(*app, test::TestServer::kPassword);
    QTRY_VERIFY_WITH_TIMEOUT(app->mainWindow() && app->mainWindow()->isVisible(), 15000);
    QVERIFY(!w->isVisible());
    QTRY_VERIFY(app->session()->teachers()->rowCount() > 0);
    QVERIFY(app->session()->students()->rowCount() > 0);
    QVERIFY(!app->session()->isOnline());
    auto *connection = app->mainWindow()->findChild<QLabel *>(QStringLiteral("connectionLabel"));
    auto *state = app->mainWindow()->findChild<QLabel *>(QStringLiteral("offlineStateLabel"));
    QVERIFY(state);
    const QString expectedAge =
        QLocale(QLocale::English, QLocale::UnitedKingdom).toString(QDate::currentDate(), QStringLiteral("d MMMM"));
    QTRY_VERIFY2(state->text().contains(QStringLiteral("Working offline: data as of")), qPrintable(state->text()));
    QVERIFY2(state->text().contains(expectedAge), qPrintable(state->text()));
    QVERIFY(state->isVisible());
    QVERIFY2(connection->text().contains(QStringLiteral("No connection"))
            || connection->text().contains(QStringLiteral("Offline")),
        qPrintable(connection->text()));

    // Decisions made offline wait on this computer.
    const QList<qint64> ids = approveTwoPendingTeachers(*app);
    QTRY_COMPARE(app->session()->queuedItems(), 2);

    // The server comes back: the session goes online without asking for the password, and the decisions arrive.
    const int confirmationsBefore = int(m_prompter->confirmations.size());
    QVERIFY(server.start());
    QTRY_VERIFY_WITH_TIMEOUT(app->session()->isOnline() && app->session()->queuedItems() == 0, 30000);
    QCOMPARE(approvedOnServer(server, ids), 2);
    QVERIFY(m_prompter->passwordProblems.isEmpty());
    QCOMPARE(int(m_prompter->confirmations.size()), confirmationsBefore);
    QVERIFY(!w->isVisible());
    QVERIFY(app->mainWindow()->isVisible());
    QTRY_VERIFY2(connection->text().contains(QStringLiteral("Connected")), qPrintable(connection->text()));
    QVERIFY(!app->mainWindow()->findChild<QLabel *>(QStringLiteral("offlineStateLabel"))); // no longer offline

    // Signing out wipes the copy and its vault.
    QTest::mouseClick(app->mainWindow()->findChild<QPushButton *>(QStringLiteral("signOutButton")), Qt::LeftButton);
    QTRY_VERIFY(w->isVisible());
    QVERIFY(offlineFiles(QStringLiteral("*.vault")).isEmpty());
    QVERIFY(offlineFiles(QStringLiteral("*.db")).isEmpty());
}

QList<qint64> TestOfflineSignIn::approveTwoPendingTeachers(ui::ClientApp &app)
{
    ui::MainWindow *main = app.mainWindow();
    QWidget *panel = main->findChild<QWidget *>(QStringLiteral("teachersPanel"));
    auto *view = main->findChild<QTableView *>(QStringLiteral("teachersTableView"));
    auto *filter = panel->findChild<QComboBox *>(QStringLiteral("statusFilterComboBox"));
    filter->setCurrentIndex(filter->findData(int(MemberStatus::Pending)));
    main->findChild<QTabWidget *>(QStringLiteral("peopleTabWidget"))->setCurrentWidget(panel);
    QList<qint64> ids;
    QItemSelection selection;
    for (int row = 0; row < 2; ++row) {
        const QModelIndex index = view->model()->index(row, 0);
        ids.append(index.data(client::MemberTableModel::IdRole).toLongLong());
        selection.select(index, index);
    }
    view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    auto *approve = panel->findChild<QPushButton *>(QStringLiteral("approveButton"));
    if (!QTest::qWaitFor([&] { return approve->isEnabled(); }, 10000))
        qWarning("approve button stays disabled");
    QSignalSpy queued(app.session(), &client::SchoolSession::decisionsQueued);
    QTest::mouseClick(approve, Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return !queued.isEmpty(); }, 10000))
        qWarning("the decisions were not queued");
    return ids;
}

int TestOfflineSignIn::approvedOnServer(RestartableServer &server, const QList<qint64> &ids)
{
    int approved = 0;
    for (const auto &m : server.server().schools().members(server.demo().schoolId, {Role::Teacher, std::nullopt})) {
        if (ids.contains(m.id) && m.status == MemberStatus::Approved)
            ++approved;
    }
    return approved;
}

void TestOfflineSignIn::passwordChangedMeanwhileIsAskedOnce()
{
    RestartableServer server;
    QVERIFY(server.start());
    SystemClock clock;
    signInOnceAndQuit(server.url(), clock);
    if (QTest::currentTestFailed())
        return;
    server.stop();
    auto app = makeApp(server.url(), clock, 300);
    ui::LoginWindow *w = app->loginWindow();
    auto *offline = w->findChild<QPushButton *>(QStringLiteral("offlineSignInButton"));
    auto *error = w->findChild<QLabel *>(QStringLiteral("errorLabel"));
    signIn(*app, test::TestServer::kPassword);
    QTRY_VERIFY_WITH_TIMEOUT(offline->isVisible(), 20000);
    openOffline(*app, test::TestServer::kPassword);
    QTRY_VERIFY_WITH_TIMEOUT(app->mainWindow() && app->mainWindow()->isVisible(), 15000);
    QTRY_VERIFY(app->session()->teachers()->rowCount() > 0);
    const QList<qint64> ids = approveTwoPendingTeachers(*app);
    QTRY_COMPARE(app->session()->queuedItems(), 2);
    const QString oldVerifier = vaultVerifier();
    QVERIFY(!oldVerifier.isEmpty());

    // The server comes back with another password for the account (changed before the client can ask).
    QVERIFY(server.start());
    const QString changed = QStringLiteral("New director password, 2026!");
    auto account = server.server().accounts().authenticate(QStringLiteral("demo-school"), test::TestServer::kPassword);
    QVERIFY(account);
    QVERIFY(server.server().accounts().changePassword(account->id, changed, QStringLiteral("demo-school")));
    // Asked once, in the sign-in window; the copy and its decisions are kept.
    QTRY_VERIFY_WITH_TIMEOUT(w->isVisible(), 20000);
    QVERIFY2(error->text().contains(QStringLiteral("did not accept the password")), qPrintable(error->text()));
    QCOMPARE(w->findChild<QLineEdit *>(QStringLiteral("loginLineEdit"))->text(), QStringLiteral("demo-school"));
    QCOMPARE(approvedOnServer(server, ids), 0);
    QCOMPARE(offlineFiles(QStringLiteral("*.db")).size(), 1);
    QTest::qWait(1000); // further health checks: no second question, no other sign-in
    QVERIFY(w->isVisible());
    QVERIFY(!app->session()->isSignedIn());

    // Signed in with the current password: the copy opens (keychain) and the decisions made offline arrive.
    signIn(*app, changed);
    QTRY_VERIFY_WITH_TIMEOUT(app->mainWindow() && app->mainWindow()->isVisible(), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(app->session()->cache() && app->session()->queuedItems() == 0, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(approvedOnServer(server, ids), 2, 15000);
    // The vault now answers to the new password only.
    QTRY_VERIFY_WITH_TIMEOUT(!vaultVerifier().isEmpty() && vaultVerifier() != oldVerifier, 20000);
    app.reset();
    server.stop();
    app = makeApp(server.url(), clock);
    offline = app->loginWindow()->findChild<QPushButton *>(QStringLiteral("offlineSignInButton"));
    error = app->loginWindow()->findChild<QLabel *>(QStringLiteral("errorLabel"));
    signIn(*app, changed);
    QTRY_VERIFY_WITH_TIMEOUT(offline->isVisible(), 20000);
    openOffline(*app, test::TestServer::kPassword);
    QTRY_VERIFY(error->text().contains(QStringLiteral("Wrong password")));
    openOffline(*app, changed);
    QTRY_VERIFY_WITH_TIMEOUT(app->mainWindow() && app->mainWindow()->isVisible(), 15000);
}

void TestOfflineSignIn::ageLimitWipesTheCopy()
{
    RestartableServer server(3); // the server allows three days
    QVERIFY(server.start());
    test::FakeClock clock(QDateTime::currentDateTimeUtc());
    signInOnceAndQuit(server.url(), clock);
    if (QTest::currentTestFailed())
        return;
    {
        QFile vault(QDir(offlineDir()).filePath(offlineFiles(QStringLiteral("*.vault")).constFirst()));
        QVERIFY(vault.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(vault.readAll()).object().value(QStringLiteral("maxDays")).toInt(), 3);
    }
    QVERIFY(m_secrets.secrets.contains(
        QStringLiteral("offline/%1/key")
            .arg(offlineFiles(QStringLiteral("*.vault")).constFirst().section(QLatin1Char('.'), 0, 0))));
    server.stop();

    // Two days later the copy is still offered.
    clock.advance(2 * 24 * 3600);
    {
        auto app = makeApp(server.url(), clock);
        auto *offline = app->loginWindow()->findChild<QPushButton *>(QStringLiteral("offlineSignInButton"));
        signIn(*app, test::TestServer::kPassword);
        QTRY_VERIFY_WITH_TIMEOUT(offline->isVisible(), 20000);
    }
    // Four days after the last sync: wiped (copy, vault and key), with the reason.
    clock.advance(2 * 24 * 3600);
    auto app = makeApp(server.url(), clock);
    auto *error = app->loginWindow()->findChild<QLabel *>(QStringLiteral("errorLabel"));
    auto *offline = app->loginWindow()->findChild<QPushButton *>(QStringLiteral("offlineSignInButton"));
    signIn(*app, test::TestServer::kPassword);
    QTRY_VERIFY_WITH_TIMEOUT(error->text().contains(QStringLiteral("was deleted")), 20000);
    QVERIFY2(error->text().contains(QStringLiteral("3 days")), qPrintable(error->text()));
    QVERIFY(offline->isHidden());
    QVERIFY(offlineFiles(QStringLiteral("*.vault")).isEmpty());
    QVERIFY(offlineFiles(QStringLiteral("*.db")).isEmpty());
    QTRY_VERIFY(std::none_of(m_secrets.secrets.keyBegin(), m_secrets.secrets.keyEnd(),
        [](const QString &k) { return k.startsWith(QStringLiteral("offline/")); }));
}

void TestOfflineSignIn::withoutKeychainThePasswordOpensTheCopy()
{
    RestartableServer server;
    QVERIFY(server.start());
    SystemClock clock;
    signInOnceAndQuit(server.url(), clock);
    if (QTest::currentTestFailed())
        return;
    server.stop();
    m_secrets.broken = true; // the keychain is gone too
    auto app = makeApp(server.url(), clock, 30000, QStringLiteral("ru")); // and in Russian, the first language
    auto *note = app->loginWindow()->findChild<QLabel *>(QStringLiteral("keychainNoteLabel"));
    QTRY_VERIFY(note->isVisible());
    auto *offline = app->loginWindow()->findChild<QPushButton *>(QStringLiteral("offlineSignInButton"));
    signIn(*app, test::TestServer::kPassword);
    QTRY_VERIFY_WITH_TIMEOUT(offline->isVisible(), 20000);
    openOffline(*app, test::TestServer::kPassword);
    QTRY_VERIFY_WITH_TIMEOUT(app->mainWindow() && app->mainWindow()->isVisible(), 15000);
    QTRY_VERIFY(app->session()->teachers()->rowCount() > 0);
    QVERIFY(app->session()->cache());
    QVERIFY(!app->session()->isOnline());
    // «данные на 14:05, 5 декабря»: the month in the genitive.
    QCOMPARE(QLocale(QLocale::Russian, QLocale::Russia).toString(QDate(2026, 12, 5), QStringLiteral("d MMMM")),
        QStringLiteral("5 декабря"));
    auto *state = app->mainWindow()->findChild<QLabel *>(QStringLiteral("offlineStateLabel"));
    QVERIFY(state);
    const QString day =
        QLocale(QLocale::Russian, QLocale::Russia).toString(QDate::currentDate(), QStringLiteral("d MMMM"));
    QTRY_VERIFY2(state->text().contains(QStringLiteral("Работа без сети: данные на ")) && state->text().contains(day),
        qPrintable(state->text()));
    QTest::qWait(500); // the header and the tables settle: the line stays
    QVERIFY2(state->text().contains(QStringLiteral("Работа без сети: данные на ")), qPrintable(state->text()));
    QVERIFY(state->isVisible());
}

void TestOfflineSignIn::damagedVaultKeepsTheCopy()
{
    RestartableServer server;
    QVERIFY(server.start());
    SystemClock clock;
    signInOnceAndQuit(server.url(), clock);
    if (QTest::currentTestFailed())
        return;
    server.stop();
    const QString vaultPath = QDir(offlineDir()).filePath(offlineFiles(QStringLiteral("*.vault")).constFirst());
    {
        QFile vault(vaultPath);
        QVERIFY(vault.open(QIODevice::ReadWrite));
        const QByteArray bytes = vault.readAll();
        QVERIFY(vault.resize(0));
        vault.write(bytes.left(bytes.size() / 3)); // cut short, as by a full disk
    }
    auto app = makeApp(server.url(), clock);
    auto *error = app->loginWindow()->findChild<QLabel *>(QStringLiteral("errorLabel"));
    auto *offline = app->loginWindow()->findChild<QPushButton *>(QStringLiteral("offlineSignInButton"));
    signIn(*app, test::TestServer::kPassword);
    QTRY_VERIFY_WITH_TIMEOUT(error->text().contains(QStringLiteral("is damaged")), 20000);
    QVERIFY(error->text().contains(QStringLiteral("The copy is kept")));
    QVERIFY(offline->isHidden());
    QCOMPARE(offlineFiles(QStringLiteral("*.db")).size(), 1);
    QVERIFY(QFile::exists(vaultPath));
    QVERIFY(!app->mainWindow());
}

void TestOfflineSignIn::someoneElsesComputerKeepsNoVault()
{
    RestartableServer server;
    QVERIFY(server.start());
    SystemClock clock;
    auto app = makeApp(server.url(), clock);
    app->loginWindow()->findChild<QCheckBox *>(QStringLiteral("sharedComputerCheckBox"))->setChecked(true);
    signIn(*app, test::TestServer::kPassword, QStringLiteral("demo-school"));
    QTRY_VERIFY_WITH_TIMEOUT(app->mainWindow() && app->mainWindow()->isVisible(), 15000);
    QTRY_VERIFY(app->session()->teachers()->rowCount() > 0);
    QVERIFY(!app->session()->cache());
    QVERIFY(QDir(offlineDir()).entryList(QDir::Files).isEmpty());
    QVERIFY(m_secrets.secrets.isEmpty());
}

QTEST_MAIN(TestOfflineSignIn)
#include "tst_offlinesignin.moc"
