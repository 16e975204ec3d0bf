// «Войти через Госуслуги» in the sign-in window, driven by object name against real server modules on free loopback
// ports: the button only when the server offers sign-in through Gosuslugi, no password fields when it is the only
// way, the waiting dialog and its «Отмена», a browser that cannot be opened, and the registration link.

#include "fakeprompter.h"
#include "server/esiabroker.h"
#include "testserver.h"
#include "ui/clientapp.h"
#include "ui/esiawaitdialog.h"
#include "ui/loginwindow.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QUrlQuery>

using namespace sg;

namespace {

// Never asked to sign anything here: the browser never reaches Gosuslugi in these tests.
class UnusedSigner final : public server::EsiaSigner
{
public:
    Result<QByteArray> sign(const QByteArray &) const override { return QByteArray(64, 'x'); }
};

std::unique_ptr<test::TestServer> esiaServer(bool esiaOnly)
{
    test::TestServer::Options options;
    options.seedDemo = false;
    options.adjust = [esiaOnly](server::ServerOptions &o) {
        o.esia.esiaUrl = QUrl(QStringLiteral("http://127.0.0.1:9/esia-stand"));
        o.esia.clientId = QStringLiteral("SCHOOLGATE-TEST");
        o.esia.signer = std::make_shared<UnusedSigner>();
        o.esia.esiaOnly = esiaOnly;
    };
    return std::make_unique<test::TestServer>(options);
}

} // namespace

class TestEsiaSignInWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void buttonOnlyWhenTheServerOffersIt();
    void esiaOnlyHidesThePasswordFields();
    void waitingDialogCancels();
    void browserThatCannotOpenIsExplained();
    void registrationLinkExplainsAndOpens();

private:
    void startClient(const QUrl &serverUrl);
    template<typename T>
    T *child(const char *name) const
    {
        return m_app->loginWindow()->findChild<T *>(QString::fromLatin1(name));
    }

    test::FakePrompter m_prompter;
    SystemClock m_clock;
    std::unique_ptr<ui::ClientApp> m_app;
    QList<QUrl> m_opened;
    bool m_openResult = true;
};

void TestEsiaSignInWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestEsiaSignInWindow::init()
{
    m_app.reset();
    QSettings settings;
    settings.remove(QStringLiteral("profiles"));
    settings.remove(QStringLiteral("profilesLast"));
    m_opened.clear();
    m_openResult = true;
    m_prompter.confirmations.clear();
    m_prompter.confirmAnswer = true;
}

void TestEsiaSignInWindow::startClient(const QUrl &serverUrl)
{
    ui::ClientOptions options;
    options.serverUrl = serverUrl;
    options.language = QStringLiteral("en");
    options.keychainService = QStringLiteral("SchoolGate-tests");
    options.offlineCache = false;
    options.openUrl = [this](const QUrl &url) {
        m_opened.append(url);
        return m_openResult;
    };
    m_app = std::make_unique<ui::ClientApp>(options, &m_prompter, m_clock);
    QVERIFY(m_app->start().ok());
    QVERIFY(QTest::qWaitForWindowExposed(m_app->loginWindow()));
}

void TestEsiaSignInWindow::buttonOnlyWhenTheServerOffersIt()
{
    test::TestServer plain(false);
    QVERIFY2(plain.isValid(), qPrintable(plain.errorString()));
    const auto esia = esiaServer(false);
    QVERIFY2(esia->isValid(), qPrintable(esia->errorString()));

    startClient(esia->url());
    auto *button = child<QPushButton>("esiaSignInButton");
    auto *registration = child<QLabel>("esiaRegistrationLabel");
    QVERIFY(button && registration);
    QTRY_VERIFY(button->isVisible());
    QVERIFY(registration->isVisible());
    QVERIFY(child<QLineEdit>("passwordLineEdit")->isVisible()); // password sign-in stays
    QVERIFY(!child<QLabel>("esiaOnlyLabel")->isVisible());

    // Another server, which does not offer it: the button goes; back again: it comes back.
    auto *address = child<QLineEdit>("serverUrlLineEdit");
    address->setText(plain.url().toString());
    emit address->editingFinished();
    QTRY_VERIFY(!button->isVisible());
    QVERIFY(!registration->isVisible());
    address->setText(esia->url().toString());
    emit address->editingFinished();
    QTRY_VERIFY(button->isVisible());
}

void TestEsiaSignInWindow::esiaOnlyHidesThePasswordFields()
{
    const auto esia = esiaServer(true);
    QVERIFY2(esia->isValid(), qPrintable(esia->errorString()));
    startClient(esia->url());
    auto *button = child<QPushButton>("esiaSignInButton");
    QTRY_VERIFY(button->isVisible());
    QVERIFY(child<QLabel>("esiaOnlyLabel")->isVisible());
    QVERIFY(child<QLabel>("esiaOnlyLabel")->text().contains(QStringLiteral("only through Gosuslugi")));
    QVERIFY(!child<QLineEdit>("passwordLineEdit")->isVisible());
    QVERIFY(!child<QLineEdit>("loginLineEdit")->isVisible());
    QVERIFY(!child<QPushButton>("signInButton")->isVisible());
}

void TestEsiaSignInWindow::waitingDialogCancels()
{
    const auto esia = esiaServer(false);
    QVERIFY2(esia->isValid(), qPrintable(esia->errorString()));
    startClient(esia->url());
    auto *button = child<QPushButton>("esiaSignInButton");
    QTRY_VERIFY(button->isVisible());
    QTest::mouseClick(button, Qt::LeftButton);

    QCOMPARE(m_opened.size(), 1); // the browser, at the server's authorize page with a loopback return address
    QVERIFY(m_opened.first().toString().startsWith(esia->url().toString() + QStringLiteral("/api/v1/esia/authorize")));
    const QUrl redirect(QUrlQuery(m_opened.first()).queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
    QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));
    auto *dialog = m_app->loginWindow()->findChild<ui::EsiaWaitDialog *>(QStringLiteral("esiaWaitDialog"));
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("esiaRemainingLabel"))->text().contains(QStringLiteral("5:00"))
        || dialog->findChild<QLabel *>(QStringLiteral("esiaRemainingLabel"))->text().contains(QStringLiteral("4:5")));
    QVERIFY(!button->isEnabled());

    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("esiaCancelButton")), Qt::LeftButton);
    QTRY_VERIFY(!m_app->loginWindow()->findChild<ui::EsiaWaitDialog *>(QStringLiteral("esiaWaitDialog")));
    auto *error = child<QLabel>("errorLabel");
    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("cancelled")), qPrintable(error->text()));
    QVERIFY(button->isEnabled());
    QVERIFY(m_app->loginWindow()->isVisible());
}

void TestEsiaSignInWindow::browserThatCannotOpenIsExplained()
{
    const auto esia = esiaServer(false);
    QVERIFY2(esia->isValid(), qPrintable(esia->errorString()));
    m_openResult = false;
    startClient(esia->url());
    auto *button = child<QPushButton>("esiaSignInButton");
    QTRY_VERIFY(button->isVisible());
    QTest::mouseClick(button, Qt::LeftButton);
    auto *error = child<QLabel>("errorLabel");
    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("browser could not be opened")), qPrintable(error->text()));
    QTRY_VERIFY(!m_app->loginWindow()->findChild<ui::EsiaWaitDialog *>(QStringLiteral("esiaWaitDialog")));
    QVERIFY(button->isEnabled());
}

void TestEsiaSignInWindow::registrationLinkExplainsAndOpens()
{
    const auto esia = esiaServer(false);
    QVERIFY2(esia->isValid(), qPrintable(esia->errorString()));
    startClient(esia->url());
    auto *registration = child<QLabel>("esiaRegistrationLabel");
    QTRY_VERIFY(registration->isVisible());

    m_prompter.confirmAnswer = false; // read, but not opened
    emit registration->linkActivated(QStringLiteral("#register"));
    QCOMPARE(m_prompter.confirmations.size(), 1);
    const QString text = m_prompter.confirmations.first();
    QVERIFY(text.contains(QStringLiteral("simplified account is enough")));
    QVERIFY(text.contains(QStringLiteral("class teacher")));
    QVERIFY(m_opened.isEmpty());

    m_prompter.confirmAnswer = true;
    emit registration->linkActivated(QStringLiteral("#register"));
    QCOMPARE(m_opened.size(), 1);
    QCOMPARE(m_opened.first().host(), QStringLiteral("127.0.0.1"));
    QVERIFY(m_opened.first().path().startsWith(QStringLiteral("/esia-stand/")));
}

QTEST_MAIN(TestEsiaSignInWindow)
#include "tst_esiasigninwindow.moc"
