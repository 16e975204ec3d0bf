// The sign-in window driven by object name against real server modules on free loopback ports: profiles
// (several servers, remembered between starts, forgotten on request), "remember me" through the real OS
// keychain, the note when no keychain is there, and cancelling a sign-in or an operation that hangs.

#include "client/apiclient.h"
#include "client/schoolsession.h"
#include "client/secretstore.h"
#include "fakeprompter.h"
#include "keychainprobe.h"
#include "testserver.h"
#include "ui/busyindicator.h"
#include "ui/clientapp.h"
#include "ui/loginwindow.h"
#include "ui/mainwindow.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace sg;

namespace {

const QString kKeychainService = QStringLiteral("SchoolGate-tests");

// Accepts connections and never answers: a server that hangs.
class SilentServer : public QTcpServer
{
public:
    SilentServer()
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection())
                m_held.append(s);
        });
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(serverPort())); }

private:
    QList<QTcpSocket *> m_held;
};

} // namespace

class TestSignIn : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void profileIsRememberedWithoutPassword();
    void switchingAndForgettingProfiles();
    void rememberedPasswordComesFromTheKeychain();
    void withoutKeychainPasswordIsAskedEveryTime();
    void presetServerAddress_data();
    void presetServerAddress();
    void cancelHangingSignIn();
    void cancelHangingOperation();
    void pinnedCertificateOfASchoolServer();

private:
    struct Client
    {
        test::FakePrompter prompter;
        SystemClock clock;
        std::unique_ptr<ui::ClientApp> app;
        ui::LoginWindow *login() const { return app->loginWindow(); }
        template<typename T>
        T *child(const char *name) const
        {
            return login()->findChild<T *>(QString::fromLatin1(name));
        }
    };
    static std::unique_ptr<Client> startClient(const QUrl &serverUrl = {});
    static void signIn(Client &c, const QString &login, const QString &password, bool remember);
    static void signOut(Client &c);
    QString m_keychainProblem;
};

void TestSignIn::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // settings go to a test location, never the user's
    m_keychainProblem = test::keychainProblem(kKeychainService);
}

void TestSignIn::init()
{
    QSettings settings;
    settings.remove(QStringLiteral("profiles"));
    settings.remove(QStringLiteral("profilesLast"));
    // Offline copies of earlier tests' servers (a port may come back).
    QDir(QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
             .filePath(QStringLiteral("offline")))
        .removeRecursively();
}

std::unique_ptr<TestSignIn::Client> TestSignIn::startClient(const QUrl &serverUrl)
{
    auto c = std::make_unique<Client>();
    ui::ClientOptions options;
    options.serverUrl = serverUrl;
    options.language = QStringLiteral("en");
    options.keychainService = kKeychainService;
    c->app = std::make_unique<ui::ClientApp>(options, &c->prompter, c->clock);
    if (!c->app->start())
        qFatal("client did not start");
    return c;
}

void TestSignIn::signIn(Client &c, const QString &login, const QString &password, bool remember)
{
    QVERIFY(QTest::qWaitForWindowExposed(c.login()));
    auto *loginEdit = c.child<QLineEdit>("loginLineEdit");
    auto *passwordEdit = c.child<QLineEdit>("passwordLineEdit");
    auto *rememberBox = c.child<QCheckBox>("rememberCheckBox");
    QVERIFY(loginEdit && passwordEdit && rememberBox);
    loginEdit->clear();
    QTest::keyClicks(loginEdit, login);
    passwordEdit->clear();
    QTest::keyClicks(passwordEdit, password);
    if (rememberBox->isChecked() != remember)
        QTest::mouseClick(rememberBox, Qt::LeftButton, {}, QPoint(6, rememberBox->height() / 2));
    QCOMPARE(rememberBox->isChecked(), remember);
    QTest::mouseClick(c.child<QPushButton>("signInButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(c.app->mainWindow() && c.app->mainWindow()->isVisible(), 15000);
}

void TestSignIn::signOut(Client &c)
{
    auto *button = c.app->mainWindow()->findChild<QPushButton *>(QStringLiteral("signOutButton"));
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY(c.login()->isVisible());
}

void TestSignIn::profileIsRememberedWithoutPassword()
{
    test::TestServer server;
    QVERIFY2(server.isValid(), qPrintable(server.errorString()));
    {
        auto c = startClient(server.url());
        signIn(*c, QStringLiteral("demo-school"), test::TestServer::kPassword, false);
        signOut(*c);
    }
    // The next start, with no address on the command line, offers the last profile: server and login, not
    // the password.
    auto c = startClient();
    auto *profile = c->child<QComboBox>("profileComboBox");
    QVERIFY(profile);
    QCOMPARE(profile->count(), 2); // the profile and "New profile…"
    QVERIFY(profile->currentText().startsWith(QStringLiteral("demo-school — 127.0.0.1")));
    QCOMPARE(c->child<QComboBox>("serverComboBox")->currentIndex(), 1);
    QCOMPARE(c->login()->serverUrl(), server.url());
    QCOMPARE(c->child<QLineEdit>("loginLineEdit")->text(), QStringLiteral("demo-school"));
    QVERIFY(c->child<QLineEdit>("passwordLineEdit")->text().isEmpty());
    QVERIFY(!c->child<QCheckBox>("rememberCheckBox")->isChecked());
    // Only the password is typed.
    QVERIFY(QTest::qWaitForWindowExposed(c->login()));
    QTest::keyClicks(c->child<QLineEdit>("passwordLineEdit"), test::TestServer::kPassword);
    QTest::keyClick(c->child<QLineEdit>("passwordLineEdit"), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(c->app->mainWindow() && c->app->mainWindow()->isVisible(), 15000);
    QCOMPARE(c->app->session()->user()->login, QStringLiteral("demo-school"));
}

void TestSignIn::switchingAndForgettingProfiles()
{
    test::TestServer first;
    test::TestServer second;
    QVERIFY(first.isValid() && second.isValid());
    {
        auto c = startClient(first.url());
        signIn(*c, QStringLiteral("demo-school"), test::TestServer::kPassword, false);
        signOut(*c);
    }
    {
        auto c = startClient(second.url());
        signIn(*c, QStringLiteral("demo-teacher"), test::TestServer::kPassword, false);
        signOut(*c);
    }
    auto c = startClient();
    auto *profile = c->child<QComboBox>("profileComboBox");
    auto *loginEdit = c->child<QLineEdit>("loginLineEdit");
    QCOMPARE(profile->count(), 3);
    QCOMPARE(loginEdit->text(), QStringLiteral("demo-teacher")); // the last one used
    QCOMPARE(c->login()->serverUrl(), second.url());

    profile->setCurrentIndex(profile->findText(profile->itemText(0)));
    QCOMPARE(loginEdit->text(), QStringLiteral("demo-school"));
    QCOMPARE(c->login()->serverUrl(), first.url());

    profile->setCurrentIndex(profile->count() - 1); // "New profile…"
    QVERIFY(loginEdit->text().isEmpty());
    QVERIFY(!c->child<QToolButton>("forgetProfileButton")->isEnabled());

    // Forget the teacher's profile: asked first, then gone from the list and from the next start.
    profile->setCurrentIndex(1);
    QCOMPARE(loginEdit->text(), QStringLiteral("demo-teacher"));
    c->prompter.confirmAnswer = false;
    QTest::mouseClick(c->child<QToolButton>("forgetProfileButton"), Qt::LeftButton);
    QCOMPARE(profile->count(), 3); // the user said no
    c->prompter.confirmAnswer = true;
    QTest::mouseClick(c->child<QToolButton>("forgetProfileButton"), Qt::LeftButton);
    QCOMPARE(profile->count(), 2);
    QCOMPARE(c->prompter.confirmations.size(), 2);
    QVERIFY(!profile->itemText(0).startsWith(QStringLiteral("demo-teacher")));
    c.reset();
    auto again = startClient();
    QCOMPARE(again->child<QComboBox>("profileComboBox")->count(), 2);
}

void TestSignIn::rememberedPasswordComesFromTheKeychain()
{
    SG_REQUIRE_KEYCHAIN(m_keychainProblem);
    test::TestServer server;
    QVERIFY(server.isValid());
    {
        auto c = startClient(server.url());
        QTRY_VERIFY(c->child<QCheckBox>("rememberCheckBox")->isEnabled());
        QVERIFY(!c->child<QLabel>("keychainNoteLabel")->isVisibleTo(c->login()));
        signIn(*c, QStringLiteral("demo-school"), test::TestServer::kPassword, true);
        signOut(*c);
        QVERIFY(c->child<QLineEdit>("passwordLineEdit")->text().isEmpty()); // not kept in the window either
    }
    // Not in the settings file: only in the keychain.
    {
        QSettings settings;
        settings.sync();
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(test::TestServer::kPassword.toUtf8()));
    }
    auto c = startClient();
    QVERIFY(c->child<QCheckBox>("rememberCheckBox")->isChecked());
    QTRY_COMPARE_WITH_TIMEOUT(c->child<QLineEdit>("passwordLineEdit")->text(), test::TestServer::kPassword, 15000);
    QTest::mouseClick(c->child<QPushButton>("signInButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(c->app->mainWindow() && c->app->mainWindow()->isVisible(), 15000);
    signOut(*c);

    // Unticking the box and signing in removes the password from the keychain.
    signIn(*c, QStringLiteral("demo-school"), test::TestServer::kPassword, false);
    const QString profileId = c->login()->currentProfileId();
    QVERIFY(!profileId.isEmpty());
    client::KeychainSecretStore store(kKeychainService);
    QString code;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            bool done = false;
            store.read(QStringLiteral("profile/%1/password").arg(profileId), [&](Result<QByteArray> r) {
                code = r ? QStringLiteral("found") : r.error().code;
                done = true;
            });
            if (!QTest::qWaitFor([&] { return done; }, 5000))
                return false;
            return code == QLatin1String("secret-not-found");
        }(),
        15000);
}

void TestSignIn::withoutKeychainPasswordIsAskedEveryTime()
{
    // Registered a second time with the D-Bus session pointed at nothing (SG_EXPECT_NO_KEYCHAIN=1).
    if (qEnvironmentVariable("SG_EXPECT_NO_KEYCHAIN") != QLatin1String("1"))
        QSKIP("runs in the ui.signin_nokeychain registration, where no keychain is reachable");
    QVERIFY2(!m_keychainProblem.isEmpty(), "a keychain answered although none should be reachable");
    test::TestServer server;
    QVERIFY(server.isValid());
    auto c = startClient(server.url());
    auto *remember = c->child<QCheckBox>("rememberCheckBox");
    auto *note = c->child<QLabel>("keychainNoteLabel");
    QTRY_VERIFY_WITH_TIMEOUT(note->isVisibleTo(c->login()), 15000);
    QVERIFY(!remember->isEnabled());
    QVERIFY(!remember->isChecked());
    QVERIFY(note->text().contains(QStringLiteral("asked every time")));
    // Signing in still works; nothing is remembered.
    QVERIFY(QTest::qWaitForWindowExposed(c->login()));
    QTest::keyClicks(c->child<QLineEdit>("loginLineEdit"), QStringLiteral("demo-school"));
    QTest::keyClicks(c->child<QLineEdit>("passwordLineEdit"), test::TestServer::kPassword);
    QTest::mouseClick(c->child<QPushButton>("signInButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(c->app->mainWindow() && c->app->mainWindow()->isVisible(), 15000);
    QSettings settings;
    settings.beginReadArray(QStringLiteral("profiles"));
    settings.setArrayIndex(0);
    QCOMPARE(settings.value(QStringLiteral("rememberPassword")).toBool(), false);
    settings.endArray();
}

void TestSignIn::presetServerAddress_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<bool>("used");
    QTest::newRow("https") << QStringLiteral("https://sg.edu.tver.ru") << true;
    QTest::newRow("http on a school LAN") << QStringLiteral("http://192.168.1.10:8480") << true;
    QTest::newRow("not a URL") << QStringLiteral("sg edu tver") << false;
    QTest::newRow("other scheme") << QStringLiteral("ftp://sg.edu.tver.ru") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestSignIn::presetServerAddress()
{
    // The Windows installer's SERVERURL lands in the machine's settings; with no profile yet it is offered.
    QFETCH(QString, preset);
    QFETCH(bool, used);
    QSettings().setValue(QStringLiteral("preset/serverUrl"), preset);
    // The MSI's SERVERCERT: the fingerprint of that server's own certificate, in any usual spelling.
    const QByteArray pin = QCryptographicHash::hash("preset certificate", QCryptographicHash::Sha256);
    QSettings().setValue(QStringLiteral("preset/serverCertificate"), QString::fromLatin1(pin.toHex(' ')));
    auto c = startClient();
    QSettings().remove(QStringLiteral("preset"));
    QCOMPARE(c->child<QComboBox>("serverComboBox")->currentIndex(), used ? 1 : 0);
    if (used) {
        QCOMPARE(c->login()->serverUrl(), QUrl(preset));
        QCOMPARE(c->login()->certificatePin(), pin);
    }
}

void TestSignIn::cancelHangingSignIn()
{
    SilentServer silent;
    QVERIFY(silent.isListening());
    auto c = startClient(silent.url());
    QVERIFY(QTest::qWaitForWindowExposed(c->login()));
    auto *cancel = c->child<QPushButton>("cancelSignInButton");
    auto *signInButton = c->child<QPushButton>("signInButton");
    QVERIFY(!cancel->isVisible());
    QTest::keyClicks(c->child<QLineEdit>("loginLineEdit"), QStringLiteral("demo-school"));
    QTest::keyClicks(c->child<QLineEdit>("passwordLineEdit"), QStringLiteral("whatever"));
    QTest::mouseClick(signInButton, Qt::LeftButton);
    QVERIFY(cancel->isVisible());
    QVERIFY(!signInButton->isEnabled());
    QVERIFY(!c->child<QLineEdit>("loginLineEdit")->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY(signInButton->isEnabled());
    QVERIFY(!cancel->isVisible());
    auto *error = c->child<QLabel>("errorLabel");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("cancelled")), qPrintable(error->text()));
    QVERIFY(!c->app->session()->isSignedIn());
}

void TestSignIn::cancelHangingOperation()
{
    test::TestServer server;
    QVERIFY(server.isValid());
    SilentServer silent;
    auto c = startClient(server.url());
    signIn(*c, QStringLiteral("demo-school"), test::TestServer::kPassword, false);
    ui::MainWindow *main = c->app->mainWindow();
    QVERIFY(QTest::qWaitForWindowExposed(main));
    QTRY_VERIFY(!c->app->session()->isBusy());
    auto *indicator = main->findChild<ui::BusyIndicator *>(QStringLiteral("busyIndicator"));
    auto *cancel = main->findChild<QPushButton *>(QStringLiteral("cancelOperationButton"));
    QVERIFY(indicator && cancel);
    QVERIFY(!indicator->isVisible());

    // The server stops answering in the middle of a reload: after a moment the bar and «Cancel» appear.
    const QUrl real = c->app->session()->api()->baseUrl();
    c->app->session()->api()->setBaseUrl(silent.url());
    c->app->session()->refresh();
    QVERIFY(c->app->session()->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(indicator->isVisible(), 5000);
    c->app->session()->api()->setBaseUrl(real); // the network is back for the reload after the cancel
    QSignalSpy cancelSpy(indicator, &ui::BusyIndicator::cancelRequested);
    QSignalSpy idleSpy(indicator, &ui::BusyIndicator::idle);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QCOMPARE(cancelSpy.size(), 1);
    QTRY_COMPARE(idleSpy.size(), 1);
    QTRY_VERIFY2_WITH_TIMEOUT(main->notice().contains(QStringLiteral("Cancelled")), qPrintable(main->notice()), 5000);
    // The reload after the cancel reaches the server again, and the bar goes away when it is done.
    QTRY_VERIFY_WITH_TIMEOUT(!c->app->session()->isBusy() && !indicator->isVisible(), 15000);
    QVERIFY(c->app->session()->isSignedIn());
}

// A school server with its own certificate: without the fingerprint the window says the certificate is not trusted
// and shows its fingerprint; with the administrator's fingerprint the user signs in, and the profile keeps it.
void TestSignIn::pinnedCertificateOfASchoolServer()
{
    QTemporaryDir dir;
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-nodes"), QStringLiteral("-days"),
            QStringLiteral("30"), QStringLiteral("-subj"), QStringLiteral("/CN=school.lan"), QStringLiteral("-newkey"),
            QStringLiteral("ec"), QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
            QStringLiteral("-keyout"), dir.filePath(QStringLiteral("s.key")), QStringLiteral("-out"),
            dir.filePath(QStringLiteral("s.crt"))});
    QVERIFY(openssl.waitForFinished(60000) && openssl.exitCode() == 0);
    QFile crt(dir.filePath(QStringLiteral("s.crt")));
    QVERIFY(crt.open(QIODevice::ReadOnly));
    const QByteArray pin = QSslCertificate(crt.readAll(), QSsl::Pem).digest(QCryptographicHash::Sha256);
    test::TestServer::Options o;
    o.tlsCertificateFile = dir.filePath(QStringLiteral("s.crt"));
    o.tlsKeyFile = dir.filePath(QStringLiteral("s.key"));
    test::TestServer server(o);
    QVERIFY2(server.isValid(), qPrintable(server.errorString()));

    auto c = startClient(server.url());
    QVERIFY(QTest::qWaitForWindowExposed(c->login()));
    auto *certificate = c->child<QLineEdit>("certificateLineEdit");
    QVERIFY(certificate && certificate->isVisible());
    QTest::keyClicks(c->child<QLineEdit>("loginLineEdit"), QStringLiteral("demo-school"));
    QTest::keyClicks(c->child<QLineEdit>("passwordLineEdit"), test::TestServer::kPassword);
    QTest::mouseClick(c->child<QPushButton>("signInButton"), Qt::LeftButton);
    auto *error = c->child<QLabel>("errorLabel");
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible() && !error->text().isEmpty(), 15000);
    QVERIFY2(error->text().contains(client::ApiClient::formatFingerprint(pin)), qPrintable(error->text()));
    QVERIFY(!c->app->session()->isSignedIn());

    // A fingerprint that is not one is refused before anything is sent.
    QTest::keyClicks(certificate, QStringLiteral("AB:CD"));
    QTest::mouseClick(c->child<QPushButton>("signInButton"), Qt::LeftButton);
    QVERIFY2(error->text().contains(QStringLiteral("64")), qPrintable(error->text()));

    certificate->clear();
    QTest::keyClicks(certificate, client::ApiClient::formatFingerprint(pin).toLower());
    signIn(*c, QStringLiteral("demo-school"), test::TestServer::kPassword, false);
    const auto profiles = client::ProfileStore().profiles();
    QCOMPARE(profiles.size(), 1);
    QCOMPARE(profiles.first().certificateSha256, pin);
    signOut(*c);
    // The next start offers the profile with its fingerprint.
    c.reset();
    c = startClient();
    QVERIFY(QTest::qWaitForWindowExposed(c->login()));
    QCOMPARE(c->child<QLineEdit>("certificateLineEdit")->text(), client::ApiClient::formatFingerprint(pin));
    QCOMPARE(c->login()->serverUrl(), server.url());
}

QTEST_MAIN(TestSignIn)
#include "tst_signin.moc"
