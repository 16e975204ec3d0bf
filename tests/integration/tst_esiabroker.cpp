// Sign-in through ESIA end to end: the server module as the broker, the bundled ESIA test stand as Gosuslugi, and
// the test as the person's browser (real HTTP, cookies, forms, redirects). The desktop client is the client library
// itself (EsiaSignIn, waiting on its loopback port) for the variants, the role gates and "ESIA only"; in the attacks
// the test plays the client, so that it can misbehave: it makes the PKCE pair, stops the browser where it is sent to
// the client's loopback address, and exchanges the one-time code at /api/v1/esia/token itself.

#include "browser.h"
#include "client/apiclient.h"
#include "client/esiasignin.h"
#include "esiastand/esiaprotocol.h"
#include "esiastand/esiastand.h"
#include "fakeclock.h"
#include "rawhttp.h"
#include "server/accountstore.h"
#include "server/database.h"
#include "server/esiabroker.h"
#include "server/mailer.h"
#include "server/server.h"
#include "smtpsink.h"
#include "testserver.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>

#include <functional>
#include <memory>

using namespace sg;
using test::Browser;
using test::BrowserPage;
using test::HtmlForm;

namespace {

const QString kClientId = QStringLiteral("SCHOOLGATE");
const QString kEsiaPassword = QStringLiteral("gosuslugi2026");
const QString kDiaryPassword = QStringLiteral("velvet kiosk orbit 2026");

// The desktop client's side of one sign-in: its loopback redirect and PKCE pair.
struct NativeClient
{
    QString redirect;
    QString verifier;
    QString challenge;
    QString state;

    NativeClient()
    {
        const quint16 port = quint16(40000 + QRandomGenerator::global()->bounded(20000));
        redirect = QStringLiteral("http://127.0.0.1:%1/esia").arg(port);
        QByteArray random(32, Qt::Uninitialized);
        for (char &c : random)
            c = char(QRandomGenerator::global()->bounded(256));
        verifier = QString::fromLatin1(esiastand::base64Url(random));
        challenge = QString::fromLatin1(
            esiastand::base64Url(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)));
        state = QString::fromLatin1(esiastand::base64Url(random.left(12)));
    }

    QUrl authorizeUrl(const QUrl &server) const
    {
        QUrl url = server;
        url.setPath(QStringLiteral("/api/v1/esia/authorize"));
        url.setQuery(QString::fromLatin1(esiastand::encodeForm({{QStringLiteral("redirect_uri"), redirect},
            {QStringLiteral("state"), state}, {QStringLiteral("code_challenge"), challenge},
            {QStringLiteral("code_challenge_method"), QStringLiteral("S256")},
            {QStringLiteral("response_type"), QStringLiteral("code")}})));
        return url;
    }

    bool isMine(const QUrl &url) const { return url.toString().startsWith(redirect); }
};

} // namespace

class TestEsiaBroker : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void infoTellsTheClient();
    void theClientLibrarySignsInThroughTheBrowser();
    void theClientLibraryExplainsALevelTooLow();
    void variant2InARealBrowser();
    void variant2LinksThenVariant1SignsInDirectly();
    void variant3RegistrationGivesASimplifiedAccountForAStudent();
    void variant3SimplifiedAccountLinksOnlyToItsOwnStudentRecord();
    void variant3TeacherConfirmsOnTheStandThenGetsIn();
    void variant3InARealBrowser();
    void rolesNeedAConfirmedAccount_data();
    void rolesNeedAConfirmedAccount();
    void aLinkedTeacherWhoseAccountIsNotConfirmedIsTurnedAway();
    void childAccountNeverLinksToAnAdult();
    void anotherPersonsRecordIsNotLinked();
    void guessingTheLinkingPasswordIsLimited();
    void esiaOnlySwitchesPasswordSignInOff();
    void unlinkedByTheAdministrator();
    void wrongStateIsRefused();
    void anotherBrowserCannotFinishTheFlow();
    void replayedCodeIsRefused();
    void wrongVerifierIsRefused();
    void expiredCodeIsRefused();
    void nonLoopbackRedirectIsRefused_data();
    void nonLoopbackRedirectIsRefused();
    void cancelOnTheStandReturnsToTheClient();

private:
    // Starts the stand and a server that uses it (the clock shared, so their timestamps agree).
    void start(bool esiaOnly = false, const QUrl &smtp = {});
    // A diary account with the person behind it.
    qint64 diaryAccount(
        const QString &login, Role role, const QString &surname, const QString &name, const QDate &birthDate);
    QString esiaAccount(const QString &email, const QString &surname, const QString &name, const QDate &birthDate,
        esiastand::AccountLevel level, const QString &snils);
    // From «Войти через Госуслуги» to the stand's sign-in, signed in there as login; the page where the browser
    // stopped (the client's loopback redirect, the linking page, or an error page).
    BrowserPage signInAtStand(Browser &browser, const NativeClient &client, const QString &login);
    // «Прикрепить» on the linking page.
    BrowserPage linkWith(Browser &browser, const BrowserPage &linkPage, const QString &login, const QString &password);
    test::HttpAnswer exchange(const NativeClient &client, const QString &code, const QString &verifier = {});
    static QString codeIn(const BrowserPage &page);
    int links();
    // The client library's sign-in, with the test browser as the system browser: it signs in at the stand as
    // esiaLogin and, when the linking page comes, links with diaryLogin.
    // The person at the system browser: what they do from the first page on; returns the page they end on.
    using Person = std::function<BrowserPage(Browser &, BrowserPage)>;
    Result<proto::SessionInfo> signInWithTheClientLibrary(
        const QString &esiaLogin, const QString &diaryLogin, BrowserPage *last = nullptr);
    // The same with any person. When the browser does not end at the client's loopback address, the person gives
    // up in SchoolGate («Отмена»), as people do; *last is the page the browser ended on.
    Result<proto::SessionInfo> signInWithTheClientLibrary(const Person &person, BrowserPage *last = nullptr);

    // The client library's sign-in with a script of tests/e2e in Chromium as the system browser (the authorisation URL
    // and the client's loopback prefix are added to config). finish: the person ends back at the client; otherwise
    // the script ends on its own and the sign-in is given up. The result, and the script's output in *log.
    Result<proto::SessionInfo> signInInChromium(const QString &script, QJsonObject config, bool finish, QString *log);
    // Debian's chromium when it, Node.js and playwright-core (tests/e2e) are all there; empty otherwise.
    static QString chromiumForE2e();

    std::unique_ptr<test::FakeClock> m_clock;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<server::Mailer> m_mailer;
    std::unique_ptr<esiastand::EsiaStand> m_stand;
    std::unique_ptr<test::TestServer> m_server;
    std::shared_ptr<server::DevelopmentSigner> m_signer;
};

void TestEsiaBroker::init()
{
    m_clock = std::make_unique<test::FakeClock>(QDateTime::currentDateTimeUtc());
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestEsiaBroker::cleanup()
{
    m_server.reset();
    m_stand.reset();
    m_mailer.reset();
    m_signer.reset();
    m_dir.reset();
    m_clock.reset();
}

void TestEsiaBroker::start(bool esiaOnly, const QUrl &smtp)
{
    auto signer = server::DevelopmentSigner::loadOrCreate(m_dir->filePath(QStringLiteral("signer.key")));
    QVERIFY2(signer, qPrintable(signer ? QString() : signer.error().message));
    m_signer = signer.value();
    if (smtp.isValid()) {
        server::SmtpSettings settings;
        settings.url = smtp;
        settings.startTls = false; // the sink on loopback speaks plain SMTP
        m_mailer = std::make_unique<server::SmtpMailer>(settings, m_clock.get());
    } else {
        m_mailer =
            std::make_unique<server::MailDropMailer>(m_dir->filePath(QStringLiteral("stand-mail")), m_clock.get());
    }
    esiastand::StandOptions standOptions;
    standOptions.dataDir = m_dir->filePath(QStringLiteral("stand"));
    m_stand = std::make_unique<esiastand::EsiaStand>(standOptions, *m_clock, *m_mailer);
    const Status started = m_stand->start();
    QVERIFY2(started, qPrintable(started ? QString() : started.error().message));

    test::TestServer::Options options;
    options.clock = m_clock.get();
    options.adjust = [&](server::ServerOptions &o) {
        o.esia.esiaUrl = m_stand->baseUrl();
        o.esia.clientId = kClientId;
        o.esia.signer = m_signer;
        o.esia.esiaOnly = esiaOnly;
        o.workerThreads = 2;
    };
    m_server = std::make_unique<test::TestServer>(options);
    QVERIFY2(m_server->isValid(), qPrintable(m_server->errorString()));
    QUrl callback = m_server->url();
    callback.setPath(QStringLiteral("/api/v1/esia/callback"));
    const Status registered = m_stand->registerClient(kClientId, {callback.toString()}, m_signer->publicKey());
    QVERIFY2(registered, qPrintable(registered ? QString() : registered.error().message));
}

qint64 TestEsiaBroker::diaryAccount(
    const QString &login, Role role, const QString &surname, const QString &name, const QDate &birthDate)
{
    server::NewAccount a;
    a.login = login;
    a.password = kDiaryPassword;
    a.role = role;
    if (role != Role::Operator)
        a.schoolId = m_server->demo().schoolId;
    a.displayName = surname + QLatin1Char(' ') + name;
    auto id = m_server->server().accounts().createAccount(a);
    if (!id)
        qFatal("account %s: %s", qPrintable(login), qPrintable(id.error().message));
    const Status person =
        m_server->server().accounts().setPerson(login, surname, name, QString(), birthDate, QStringLiteral("test"));
    if (!person)
        qFatal("person %s: %s", qPrintable(login), qPrintable(person.error().message));
    return id.value();
}

QString TestEsiaBroker::esiaAccount(const QString &email, const QString &surname, const QString &name,
    const QDate &birthDate, esiastand::AccountLevel level, const QString &snils)
{
    esiastand::AccountSpec spec;
    spec.lastName = surname;
    spec.firstName = name;
    spec.birthDate = birthDate;
    spec.email = email;
    spec.snils = snils;
    spec.password = kEsiaPassword;
    spec.level = level;
    auto oid = m_stand->addAccount(spec);
    if (!oid)
        qFatal("stand account %s: %s", qPrintable(email), qPrintable(oid.error().message));
    return oid.value();
}

BrowserPage TestEsiaBroker::signInAtStand(Browser &browser, const NativeClient &client, const QString &login)
{
    browser.setFollow([client](const QUrl &target) { return !client.isMine(target); });
    BrowserPage page = browser.get(client.authorizeUrl(m_server->url()));
    const auto form = page.form(QStringLiteral("login-form"));
    if (!form) // already signed in at the stand, or stopped before it
        return page;
    HtmlForm filled = *form;
    filled.set(QStringLiteral("login"), login).set(QStringLiteral("password"), kEsiaPassword);
    return browser.submit(filled, QStringLiteral("login-submit"));
}

BrowserPage TestEsiaBroker::linkWith(
    Browser &browser, const BrowserPage &linkPage, const QString &login, const QString &password)
{
    const auto form = linkPage.form(QStringLiteral("link-form"));
    if (!form)
        return linkPage;
    HtmlForm filled = *form;
    filled.set(QStringLiteral("login"), login).set(QStringLiteral("password"), password);
    return browser.submit(filled, QStringLiteral("link-submit"));
}

test::HttpAnswer TestEsiaBroker::exchange(const NativeClient &client, const QString &code, const QString &verifier)
{
    test::RawHttp http(m_server->url());
    const QByteArray body = esiastand::encodeForm(
        {{QStringLiteral("grant_type"), QStringLiteral("authorization_code")}, {QStringLiteral("code"), code},
            {QStringLiteral("code_verifier"), verifier.isEmpty() ? client.verifier : verifier},
            {QStringLiteral("redirect_uri"), client.redirect}});
    return http.send("POST", QStringLiteral("/api/v1/esia/token"), body,
        {{QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")}});
}

QString TestEsiaBroker::codeIn(const BrowserPage &page)
{
    return QUrlQuery(page.location()).queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
}

int TestEsiaBroker::links()
{
    QSqlQuery q(m_server->server().database().connection());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM esia_links")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

#define VERIFY_AT_CLIENT(page, client)                                                                                 \
    QVERIFY2((page).isRedirect() && (client).isMine((page).location()),                                                \
        qPrintable(QStringLiteral("stopped at %1 (%2): %3")                                                            \
                       .arg((page).url.toString())                                                                     \
                       .arg((page).status)                                                                             \
                       .arg((page).text().left(400))))

void TestEsiaBroker::infoTellsTheClient()
{
    start();
    test::RawHttp http(m_server->url());
    const test::HttpAnswer info = http.get(QStringLiteral("/api/v1/esia"));
    QCOMPARE(info.status, 200);
    QCOMPARE(info.json().value(QStringLiteral("enabled")).toBool(), true);
    QCOMPARE(info.json().value(QStringLiteral("esiaOnly")).toBool(), false);
    QVERIFY(info.json().value(QStringLiteral("registrationUrl")).toString().startsWith(m_stand->baseUrl().toString()));
}

Result<proto::SessionInfo> TestEsiaBroker::signInWithTheClientLibrary(
    const QString &esiaLogin, const QString &diaryLogin, BrowserPage *last)
{
    return signInWithTheClientLibrary(
        [&](Browser &browser, BrowserPage page) {
            if (auto form = page.form(QStringLiteral("login-form"))) {
                form->set(QStringLiteral("login"), esiaLogin).set(QStringLiteral("password"), kEsiaPassword);
                page = browser.submit(*form, QStringLiteral("login-submit"));
            }
            if (page.form(QStringLiteral("link-form")))
                page = linkWith(browser, page, diaryLogin, kDiaryPassword);
            return page;
        },
        last);
}

Result<proto::SessionInfo> TestEsiaBroker::signInWithTheClientLibrary(const Person &person, BrowserPage *last)
{
    QNetworkAccessManager network;
    client::ApiClient api(&network);
    api.setBaseUrl(m_server->url());
    Browser browser;
    std::optional<Result<proto::SessionInfo>> result;
    client::EsiaSignIn signIn(&api, [&](const QUrl &url) {
        // The system browser opens the page a moment later, as a real one does.
        QTimer::singleShot(0, &api, [&, url] {
            // Every redirect is followed, the client's loopback address included.
            const BrowserPage page = person(browser, browser.get(url));
            if (last)
                *last = page;
            const bool atClient =
                page.url.host() == QLatin1String("127.0.0.1") && page.url.port() == signIn.redirectUri().port();
            if (!atClient && !result)
                signIn.cancel();
        });
        return true;
    });
    QObject::connect(&signIn, &client::EsiaSignIn::finished, &api,
        [&result](const Result<proto::SessionInfo> &r) { result.emplace(r); });
    signIn.start();
    const QUrl listener = signIn.redirectUri();
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 60000))
        return Error{QStringLiteral("test-timeout"), QStringLiteral("the client library did not finish")};
    // Whatever the outcome, nothing listens on the loopback port any more.
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, quint16(listener.port()));
    if (listener.port() > 0 && probe.waitForConnected(2000))
        return Error{QStringLiteral("test-listener"), QStringLiteral("the loopback listener is still open")};
    return std::move(*result);
}

void TestEsiaBroker::theClientLibrarySignsInThroughTheBrowser()
{
    start();
    const QDate born(2010, 5, 25);
    diaryAccount(QStringLiteral("pupil-c"), Role::Student, QStringLiteral("Григорьева"), QStringLiteral("Софья"), born);
    esiaAccount(QStringLiteral("sofia@example.test"), QStringLiteral("Григорьева"), QStringLiteral("Софья"), born,
        esiastand::AccountLevel::Simplified, {});
    // Variant 2: linking on the way; then variant 1.
    for (int round = 0; round < 2; ++round) {
        const auto session =
            signInWithTheClientLibrary(QStringLiteral("sofia@example.test"), QStringLiteral("pupil-c"));
        QVERIFY2(session,
            qPrintable(session ? QString() : session.error().code + QLatin1String(": ") + session.error().message));
        QCOMPARE(session->user.login, QStringLiteral("pupil-c"));
        test::RawHttp http(m_server->url());
        QCOMPARE(http.get(QStringLiteral("/api/v1/me"), session->token).status, 200);
        QCOMPARE(links(), 1);
    }
}

void TestEsiaBroker::theClientLibraryExplainsALevelTooLow()
{
    start();
    const QDate born(1990, 11, 11);
    diaryAccount(QStringLiteral("teacher-c"), Role::Teacher, QStringLiteral("Андреев"), QStringLiteral("Денис"), born);
    esiaAccount(QStringLiteral("denis@example.test"), QStringLiteral("Андреев"), QStringLiteral("Денис"), born,
        esiastand::AccountLevel::Confirmed, QStringLiteral("112-233-445 95"));
    QVERIFY(signInWithTheClientLibrary(QStringLiteral("denis@example.test"), QStringLiteral("teacher-c")));
    QVERIFY(m_stand->setLevel(QStringLiteral("denis@example.test"), esiastand::AccountLevel::Standard));
    const auto refused = signInWithTheClientLibrary(QStringLiteral("denis@example.test"), QStringLiteral("teacher-c"));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QString::fromLatin1(client::esiaerr::LevelInsufficient));
    QVERIFY2(refused.error().message.contains(QStringLiteral("confirmed"))
            || refused.error().message.contains(QStringLiteral("подтвержд")),
        qPrintable(refused.error().message));
    // Read as it was written: no escapes left in the text the person sees.
    QVERIFY2(!refused.error().message.contains(QLatin1Char('%')), qPrintable(refused.error().message));
    QVERIFY2(refused.error().message.contains(QStringLiteral("(МФЦ)"))
            || refused.error().message.contains(QStringLiteral("МФЦ")),
        qPrintable(refused.error().message));
}

// Variant 2 in a real browser: Debian's chromium, headless, driven by playwright-core (tests/e2e/esia-variant2.mjs),
// opened by the client library as its system browser. Runs as the CTest entry e2e.esia_browser, which sets
// SG_E2E_BROWSER=1 (scripts/setup installs chromium, Node.js and playwright-core); elsewhere it is skipped.
void TestEsiaBroker::variant2InARealBrowser()
{
    if (!qEnvironmentVariableIsSet("SG_E2E_BROWSER"))
        QSKIP("the real-browser run is the CTest entry e2e.esia_browser (SG_E2E_BROWSER=1)");
    const QString chromium = chromiumForE2e();
    QVERIFY2(!chromium.isEmpty(), "chromium, Node.js or playwright-core is missing: run scripts/setup");
    start();
    const QDate born(2010, 1, 19);
    diaryAccount(QStringLiteral("pupil-w"), Role::Student, QStringLiteral("Семёнова"), QStringLiteral("Варвара"), born);
    esiaAccount(QStringLiteral("varvara@example.test"), QStringLiteral("Семёнова"), QStringLiteral("Варвара"), born,
        esiastand::AccountLevel::Simplified, {});
    const QString screenshots = qEnvironmentVariable("SG_E2E_SCREENSHOTS", m_dir->filePath(QStringLiteral("shots")));
    QDir().mkpath(screenshots);
    QString log;
    const auto session = signInInChromium(QStringLiteral("esia-variant2.mjs"),
        {{QStringLiteral("esiaLogin"), QStringLiteral("varvara@example.test")},
            {QStringLiteral("esiaPassword"), kEsiaPassword}, {QStringLiteral("diaryLogin"), QStringLiteral("pupil-w")},
            {QStringLiteral("diaryPassword"), kDiaryPassword}, {QStringLiteral("chromium"), chromium},
            {QStringLiteral("screenshots"), screenshots}},
        true, &log);
    QVERIFY2(
        session, qPrintable((session ? QString() : session.error().message) + QStringLiteral("; browser: ") + log));
    QCOMPARE(session->user.login, QStringLiteral("pupil-w"));
    QCOMPARE(links(), 1);
    qInfo("browser: %s", qPrintable(log));
}

QString TestEsiaBroker::chromiumForE2e()
{
    const QString chromium = qEnvironmentVariable("SG_CHROMIUM", QStringLiteral("/usr/bin/chromium"));
    if (!QFileInfo(chromium).isExecutable() || QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty()
        || !QFileInfo::exists(QStringLiteral(SG_E2E_DIR "/node_modules/playwright-core/package.json")))
        return {};
    return chromium;
}

Result<proto::SessionInfo> TestEsiaBroker::signInInChromium(
    const QString &script, QJsonObject config, bool finish, QString *log)
{
    const QString e2e = QStringLiteral(SG_E2E_DIR);
    QNetworkAccessManager network;
    client::ApiClient api(&network);
    api.setBaseUrl(m_server->url());
    QProcess browser;
    browser.setProcessChannelMode(QProcess::MergedChannels);
    const QString configPath = m_dir->filePath(QStringLiteral("e2e-%1.json").arg(script));
    client::EsiaSignIn signIn(&api, [&](const QUrl &url) {
        config.insert(QStringLiteral("url"), url.toString(QUrl::FullyEncoded));
        config.insert(QStringLiteral("clientPrefix"),
            QUrlQuery(url).queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
        QFile file(configPath);
        if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(config).toJson()) < 0)
            return false;
        file.close();
        browser.setWorkingDirectory(e2e);
        browser.start(
            QStandardPaths::findExecutable(QStringLiteral("node")), {e2e + QLatin1Char('/') + script, configPath});
        return browser.waitForStarted(10000);
    });
    signIn.setTimeout(120000);
    std::optional<Result<proto::SessionInfo>> result;
    QObject::connect(&signIn, &client::EsiaSignIn::finished, &api,
        [&result](const Result<proto::SessionInfo> &r) { result.emplace(r); });
    signIn.start();
    if (finish) {
        (void)QTest::qWaitFor([&result] { return result.has_value(); }, 130000);
    } else {
        (void)QTest::qWaitFor([&] { return browser.state() == QProcess::NotRunning; }, 130000);
        if (!result)
            signIn.cancel();
        (void)QTest::qWaitFor([&result] { return result.has_value(); }, 10000);
    }
    const bool exited = browser.state() == QProcess::NotRunning || browser.waitForFinished(60000);
    *log = QString::fromUtf8(browser.readAll()).trimmed();
    if (!exited || browser.exitStatus() != QProcess::NormalExit || browser.exitCode() != 0)
        return Error{QStringLiteral("browser"), QStringLiteral("the browser script failed: ") + *log, 0};
    if (!result)
        return Error{
            QStringLiteral("timeout"), QStringLiteral("no result from the client library; browser: ") + *log, 0};
    return *result;
}

// Variant 3 in a real browser: a student with no Gosuslugi account registers on the stand and gets in; a teacher's
// simplified account is told what a teacher needs, the teacher enters the data on the stand's profile and asks for
// confirmation, the stand's command confirms, and the teacher gets in.
void TestEsiaBroker::variant3InARealBrowser()
{
    if (!qEnvironmentVariableIsSet("SG_E2E_BROWSER"))
        QSKIP("the real-browser run is the CTest entry e2e.esia_variant3 (SG_E2E_BROWSER=1)");
    const QString chromium = chromiumForE2e();
    QVERIFY2(!chromium.isEmpty(), "chromium, Node.js or playwright-core is missing: run scripts/setup");
    start(); // the stand mails into its mail-drop folder, which the script reads
    const QDate pupilBorn(2013, 4, 22);
    diaryAccount(
        QStringLiteral("pupil-e2e"), Role::Student, QStringLiteral("Лаптева"), QStringLiteral("Майя"), pupilBorn);
    const QDate teacherBorn(1979, 10, 5);
    diaryAccount(
        QStringLiteral("teacher-e2e"), Role::Teacher, QStringLiteral("Комаров"), QStringLiteral("Глеб"), teacherBorn);
    esiaAccount(QStringLiteral("gleb@example.test"), QStringLiteral("Комаров"), QStringLiteral("Глеб"), QDate(),
        esiastand::AccountLevel::Simplified, {});
    const QString screenshots = qEnvironmentVariable("SG_E2E_SCREENSHOTS", m_dir->filePath(QStringLiteral("shots")));
    QDir().mkpath(screenshots);
    const QJsonObject common{{QStringLiteral("standUrl"), m_stand->baseUrl().toString()},
        {QStringLiteral("mailDir"), m_dir->filePath(QStringLiteral("stand-mail"))},
        {QStringLiteral("esiaPassword"), kEsiaPassword}, {QStringLiteral("diaryPassword"), kDiaryPassword},
        {QStringLiteral("chromium"), chromium}, {QStringLiteral("screenshots"), screenshots}};
    const auto with = [&common](std::initializer_list<std::pair<QString, QString>> more) {
        QJsonObject o = common;
        for (const auto &[k, v] : more)
            o.insert(k, v);
        return o;
    };

    // The student: registration on the stand, a simplified account, linked, in.
    QString log;
    auto student = signInInChromium(QStringLiteral("esia-variant3.mjs"),
        with({{QStringLiteral("mode"), QStringLiteral("register")},
            {QStringLiteral("esiaLogin"), QStringLiteral("maya@example.test")},
            {QStringLiteral("lastName"), QStringLiteral("Лаптева")},
            {QStringLiteral("firstName"), QStringLiteral("Майя")},
            {QStringLiteral("diaryLogin"), QStringLiteral("pupil-e2e")}}),
        true, &log);
    QVERIFY2(student, qPrintable((student ? QString() : student.error().message) + QStringLiteral("; ") + log));
    QCOMPARE(student->user.login, QStringLiteral("pupil-e2e"));
    QCOMPARE(m_stand->findAccount(QStringLiteral("maya@example.test"))->level, esiastand::AccountLevel::Simplified);
    qInfo("student: %s", qPrintable(log));

    // The teacher: refused with the level message, enters the data and asks for confirmation.
    auto refused = signInInChromium(QStringLiteral("esia-variant3.mjs"),
        with({{QStringLiteral("mode"), QStringLiteral("refused")},
            {QStringLiteral("esiaLogin"), QStringLiteral("gleb@example.test")},
            {QStringLiteral("diaryLogin"), QStringLiteral("teacher-e2e")},
            {QStringLiteral("birthDate"), teacherBorn.toString(QStringLiteral("dd.MM.yyyy"))},
            {QStringLiteral("snils"), QStringLiteral("112-233-445 95")},
            {QStringLiteral("passport"), QStringLiteral("4609 112233")}}),
        false, &log);
    QVERIFY2(!refused && log.contains(QStringLiteral("confirmation asked")), qPrintable(log));
    QCOMPARE(links(), 1);
    QVERIFY(m_stand->findAccount(QStringLiteral("gleb@example.test"))->confirmationRequestedAt.isValid());
    qInfo("teacher, first: %s", qPrintable(log));

    // The service centre (the stand's command), then the teacher gets in.
    const Status confirmed = m_stand->confirm(QStringLiteral("gleb@example.test"));
    QVERIFY2(confirmed, qPrintable(confirmed ? QString() : confirmed.error().message));
    auto teacher = signInInChromium(QStringLiteral("esia-variant3.mjs"),
        with({{QStringLiteral("mode"), QStringLiteral("link")},
            {QStringLiteral("esiaLogin"), QStringLiteral("gleb@example.test")},
            {QStringLiteral("diaryLogin"), QStringLiteral("teacher-e2e")}}),
        true, &log);
    QVERIFY2(teacher, qPrintable((teacher ? QString() : teacher.error().message) + QStringLiteral("; ") + log));
    QCOMPARE(teacher->user.login, QStringLiteral("teacher-e2e"));
    QCOMPARE(links(), 2);
    qInfo("teacher, after confirmation: %s", qPrintable(log));
}

void TestEsiaBroker::variant2LinksThenVariant1SignsInDirectly()
{
    start();
    const QDate born(2011, 3, 14);
    diaryAccount(QStringLiteral("pupil-1"), Role::Student, QStringLiteral("Ёлкина"), QStringLiteral("Анна"), born);
    // Written with Е where the diary has Ё, and in another case: still the same person.
    esiaAccount(QStringLiteral("anna@example.test"), QStringLiteral("ЕЛКИНА"), QStringLiteral("анна"), born,
        esiastand::AccountLevel::Simplified, {});

    Browser browser;
    NativeClient client;
    BrowserPage page = signInAtStand(browser, client, QStringLiteral("anna@example.test"));
    // Not linked: the notice, then «Найти существующего пользователя».
    QVERIFY2(page.status == 200 && page.form(QStringLiteral("link-form")), qPrintable(page.text().left(400)));
    QVERIFY(!page.elementText(QStringLiteral("no-binding")).isEmpty());
    QVERIFY(page.text().contains(QStringLiteral("Найти существующего пользователя")));
    QVERIFY(page.text().contains(QStringLiteral("Прикрепить")));
    QCOMPARE(links(), 0);

    page = linkWith(browser, page, QStringLiteral("pupil-1"), kDiaryPassword);
    VERIFY_AT_CLIENT(page, client);
    QCOMPARE(QUrlQuery(page.location()).queryItemValue(QStringLiteral("state")), client.state);
    const test::HttpAnswer token = exchange(client, codeIn(page));
    QVERIFY2(token.status == 200, token.body.constData());
    QCOMPARE(token.json().value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
    const QString session = token.json().value(QStringLiteral("access_token")).toString();
    test::RawHttp http(m_server->url());
    const test::HttpAnswer me = http.get(QStringLiteral("/api/v1/me"), session);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json().value(QStringLiteral("user")).toObject().value(QStringLiteral("login")).toString(),
        QStringLiteral("pupil-1"));
    QCOMPARE(links(), 1);

    // Variant 1: the next sign-in (the stand remembers the browser) goes straight back to the client.
    NativeClient again;
    page = signInAtStand(browser, again, QStringLiteral("anna@example.test"));
    VERIFY_AT_CLIENT(page, again);
    const test::HttpAnswer second = exchange(again, codeIn(page));
    QVERIFY2(second.status == 200, second.body.constData());
    QCOMPARE(second.json().value(QStringLiteral("user")).toObject().value(QStringLiteral("login")).toString(),
        QStringLiteral("pupil-1"));
    // A browser that signs in at the stand afresh is recognised just the same.
    Browser other;
    NativeClient third;
    page = signInAtStand(other, third, QStringLiteral("anna@example.test"));
    VERIFY_AT_CLIENT(page, third);
}

// No Gosuslugi account yet: registration on the stand (surname, name, e-mail; the link in the mail; a password)
// gives a simplified account, which is enough for a student; the sign-in then goes on to linking, and in.
void TestEsiaBroker::variant3RegistrationGivesASimplifiedAccountForAStudent()
{
    test::SmtpSink sink;
    QVERIFY2(sink.isValid(), qPrintable(sink.errorString()));
    start(false, sink.url());
    const QDate born(2012, 9, 1);
    diaryAccount(QStringLiteral("pupil-new"), Role::Student, QStringLiteral("Фёдорова"), QStringLiteral("Алиса"), born);

    // The person has no Gosuslugi account: from the stand's sign-in page to «Зарегистрироваться», the mail, the
    // password, and on to the linking page of the sign-in that SchoolGate began.
    QString failure;
    BrowserPage last;
    const auto session = signInWithTheClientLibrary(
        [&](Browser &browser, BrowserPage page) {
            const auto registerLink = page.link(QStringLiteral("register-link"));
            if (!registerLink) {
                failure = QStringLiteral("no registration link: ") + page.text().left(300);
                return page;
            }
            page = browser.get(registerLink->url);
            auto form = page.form(QStringLiteral("register-form"));
            if (!form) {
                failure = QStringLiteral("no registration form: ") + page.text().left(300);
                return page;
            }
            form->set(QStringLiteral("lastName"), QStringLiteral("Фёдорова"))
                .set(QStringLiteral("firstName"), QStringLiteral("Алиса"))
                .set(QStringLiteral("email"), QStringLiteral("alisa@example.test"))
                .check(QStringLiteral("consent"));
            page = browser.submit(*form, QStringLiteral("register-submit"));
            m_stand->waitForMail();
            if (!sink.waitForMessages(1)) {
                failure = QStringLiteral("no confirmation mail");
                return page;
            }
            const QString mail = sink.received().constFirst().parsed.value(QStringLiteral("body")).toString();
            static const QRegularExpression link(
                QStringLiteral(R"((https?://\S+/idp/register/confirm\?token=[A-Za-z0-9_%-]+))"));
            const auto m = link.match(mail);
            if (!m.hasMatch()) {
                failure = QStringLiteral("no link in the mail: ") + mail;
                return page;
            }
            page = browser.get(QUrl(m.captured(1)));
            form = page.form(QStringLiteral("password-form"));
            if (!form) {
                failure = QStringLiteral("no password form: ") + page.text().left(300);
                return page;
            }
            form->set(QStringLiteral("password"), kEsiaPassword).set(QStringLiteral("password2"), kEsiaPassword);
            page = browser.submit(*form, QStringLiteral("password-submit"));
            if (const auto next = page.link(QStringLiteral("continue-link"));
                next && !page.form(QStringLiteral("link-form")))
                page = browser.get(next->url);
            if (!page.form(QStringLiteral("link-form"))) {
                failure = QStringLiteral("no linking page after the registration: ") + page.text().left(400);
                return page;
            }
            return linkWith(browser, page, QStringLiteral("pupil-new"), kDiaryPassword);
        },
        &last);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    const auto created = m_stand->findAccount(QStringLiteral("alisa@example.test"));
    QVERIFY(created);
    QCOMPARE(created->level, esiastand::AccountLevel::Simplified);
    // A new simplified account states no birth date: enough for a student, whose record it matches by name (the
    // record's own password is the rest of the proof). The person is in.
    QVERIFY2(session,
        qPrintable((session ? QString() : session.error().message) + QStringLiteral(" at ") + last.url.toString()
            + QStringLiteral(": ") + last.text().left(300)));
    QCOMPARE(session->user.login, QStringLiteral("pupil-new"));
    QVERIFY(session->user.role == Role::Student);
    QCOMPARE(links(), 1);
}

// Variant 3 for a student's record, the guards: a simplified account without a birth date links to a student of
// the same name only; never to another student, never to a teacher (told in one message what a teacher needs).
void TestEsiaBroker::variant3SimplifiedAccountLinksOnlyToItsOwnStudentRecord()
{
    start();
    diaryAccount(QStringLiteral("pupil-k"), Role::Student, QStringLiteral("Ершова"), QStringLiteral("Ксения"),
        QDate(2011, 2, 3));
    diaryAccount(QStringLiteral("pupil-other"), Role::Student, QStringLiteral("Ершов"), QStringLiteral("Кирилл"),
        QDate(2011, 2, 3));
    diaryAccount(QStringLiteral("teacher-k"), Role::Teacher, QStringLiteral("Ершова"), QStringLiteral("Ксения"),
        QDate(1980, 2, 3));
    esiaAccount(QStringLiteral("ksenia@example.test"), QStringLiteral("Ершова"), QStringLiteral("Ксения"), QDate(),
        esiastand::AccountLevel::Simplified, {});

    Browser browser;
    NativeClient client;
    BrowserPage page = signInAtStand(browser, client, QStringLiteral("ksenia@example.test"));
    QVERIFY2(page.form(QStringLiteral("link-form")), qPrintable(page.text().left(300)));
    BrowserPage refused = linkWith(browser, page, QStringLiteral("pupil-other"), kDiaryPassword);
    QCOMPARE(refused.status, 403);
    QVERIFY2(refused.elementText(QStringLiteral("error")).contains(QStringLiteral("не совпадают")),
        qPrintable(refused.elementText(QStringLiteral("error"))));
    refused = linkWith(browser, refused, QStringLiteral("teacher-k"), kDiaryPassword);
    QCOMPARE(refused.status, 403);
    QVERIFY2(refused.elementText(QStringLiteral("error")).contains(QStringLiteral("подтверждённая")),
        qPrintable(refused.elementText(QStringLiteral("error"))));
    QCOMPARE(links(), 0);
    page = linkWith(browser, refused, QStringLiteral("pupil-k"), kDiaryPassword);
    VERIFY_AT_CLIENT(page, client);
    const test::HttpAnswer token = exchange(client, codeIn(page));
    QVERIFY2(token.status == 200, token.body.constData());
    QCOMPARE(token.json().value(QStringLiteral("user")).toObject().value(QStringLiteral("login")).toString(),
        QStringLiteral("pupil-k"));
    QCOMPARE(links(), 1);
}

// Variant 3 for a teacher: a simplified account is told once what a teacher needs; on the stand's profile the person
// enters the birth date, SNILS and passport and asks for confirmation; the stand's command confirms (the service
// centre); the next sign-in links and gets in.
void TestEsiaBroker::variant3TeacherConfirmsOnTheStandThenGetsIn()
{
    start();
    const QDate born(1984, 6, 11);
    diaryAccount(QStringLiteral("teacher-v3"), Role::Teacher, QStringLiteral("Кравцова"), QStringLiteral("Нина"), born);
    esiaAccount(QStringLiteral("nina@example.test"), QStringLiteral("Кравцова"), QStringLiteral("Нина"), QDate(),
        esiastand::AccountLevel::Simplified, {});

    Browser browser;
    NativeClient client;
    BrowserPage page = signInAtStand(browser, client, QStringLiteral("nina@example.test"));
    page = linkWith(browser, page, QStringLiteral("teacher-v3"), kDiaryPassword);
    QCOMPARE(page.status, 403);
    const QString said = page.elementText(QStringLiteral("error"));
    QVERIFY2(said.contains(QStringLiteral("подтверждённая")) && said.contains(QStringLiteral("паспорт"))
            && said.contains(QStringLiteral("МФЦ")) && !said.contains(QStringLiteral("не совпадают")),
        qPrintable(said));
    QCOMPARE(links(), 0);

    // On the stand: the profile, the data, the request; then the service centre.
    page = browser.get(QUrl(m_stand->baseUrl().toString() + QStringLiteral("/profile")));
    auto form = page.form(QStringLiteral("profile-form"));
    QVERIFY2(form, qPrintable(page.text().left(300)));
    form->set(QStringLiteral("birthDate"), born.toString(QStringLiteral("dd.MM.yyyy")))
        .set(QStringLiteral("snils"), QStringLiteral("112-233-445 95"))
        .set(QStringLiteral("passport"), QStringLiteral("4510 654321"));
    page = browser.submit(*form);
    form = page.form(QStringLiteral("confirm-form"));
    QVERIFY2(form, qPrintable(page.text().left(400)));
    page = browser.submit(*form);
    QVERIFY(!page.elementText(QStringLiteral("confirm-requested")).isEmpty());
    const Status confirmed = m_stand->confirm(QStringLiteral("nina@example.test"));
    QVERIFY2(confirmed, qPrintable(confirmed ? QString() : confirmed.error().message));

    NativeClient again;
    page = signInAtStand(browser, again, QStringLiteral("nina@example.test"));
    page = linkWith(browser, page, QStringLiteral("teacher-v3"), kDiaryPassword);
    VERIFY_AT_CLIENT(page, again);
    const test::HttpAnswer token = exchange(again, codeIn(page));
    QVERIFY2(token.status == 200, token.body.constData());
    QCOMPARE(token.json().value(QStringLiteral("user")).toObject().value(QStringLiteral("login")).toString(),
        QStringLiteral("teacher-v3"));
    QCOMPARE(links(), 1);
}

void TestEsiaBroker::rolesNeedAConfirmedAccount_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<bool>("confirmed");
    QTest::addColumn<bool>("linked");
    QTest::newRow("student, simplified") << int(Role::Student) << false << true;
    QTest::newRow("teacher, simplified") << int(Role::Teacher) << false << false;
    QTest::newRow("teacher, confirmed") << int(Role::Teacher) << true << true;
    QTest::newRow("class teacher, simplified") << int(Role::ClassTeacher) << false << false;
    QTest::newRow("class teacher, confirmed") << int(Role::ClassTeacher) << true << true;
    QTest::newRow("parent, simplified") << int(Role::Parent) << false << false;
    QTest::newRow("parent, confirmed") << int(Role::Parent) << true << true;
    QTest::newRow("director, simplified") << int(Role::School) << false << false;
    QTest::newRow("director, confirmed") << int(Role::School) << true << true;
}

void TestEsiaBroker::rolesNeedAConfirmedAccount()
{
    QFETCH(int, role);
    QFETCH(bool, confirmed);
    QFETCH(bool, linked);
    start();
    const QDate born(1984, 7, 2);
    diaryAccount(QStringLiteral("person-1"), Role(role), QStringLiteral("Петров"), QStringLiteral("Игорь"), born);
    esiaAccount(QStringLiteral("igor@example.test"), QStringLiteral("Петров"), QStringLiteral("Игорь"), born,
        confirmed ? esiastand::AccountLevel::Confirmed : esiastand::AccountLevel::Simplified,
        QStringLiteral("112-233-445 95"));
    BrowserPage last;
    const auto session =
        signInWithTheClientLibrary(QStringLiteral("igor@example.test"), QStringLiteral("person-1"), &last);
    if (linked) {
        QVERIFY2(session, qPrintable(session ? QString() : session.error().message));
        QCOMPARE(session->user.login, QStringLiteral("person-1"));
        QCOMPARE(links(), 1);
    } else {
        // The linking page says why; the person gives up in SchoolGate.
        QCOMPARE(last.status, 403);
        QVERIFY2(last.elementText(QStringLiteral("error")).contains(QStringLiteral("подтверждённая")),
            qPrintable(last.elementText(QStringLiteral("error"))));
        QVERIFY(!session);
        QCOMPARE(session.error().code, QString::fromLatin1(client::esiaerr::Cancelled));
        QCOMPARE(links(), 0);
    }
}

void TestEsiaBroker::aLinkedTeacherWhoseAccountIsNotConfirmedIsTurnedAway()
{
    // Linked while confirmed; the link stays, but a sign-in is checked against the level ESIA states each time.
    start();
    const QDate born(1979, 1, 30);
    diaryAccount(QStringLiteral("teacher-1"), Role::Teacher, QStringLiteral("Смирнова"), QStringLiteral("Ольга"), born);
    esiaAccount(QStringLiteral("olga@example.test"), QStringLiteral("Смирнова"), QStringLiteral("Ольга"), born,
        esiastand::AccountLevel::Confirmed, QStringLiteral("112-233-445 95"));
    Browser browser;
    NativeClient client;
    BrowserPage page = signInAtStand(browser, client, QStringLiteral("olga@example.test"));
    page = linkWith(browser, page, QStringLiteral("teacher-1"), kDiaryPassword);
    VERIFY_AT_CLIENT(page, client);
    const Status lowered = m_stand->setLevel(QStringLiteral("olga@example.test"), esiastand::AccountLevel::Standard);
    QVERIFY2(lowered, qPrintable(lowered ? QString() : lowered.error().message));
    NativeClient again;
    page = signInAtStand(browser, again, QStringLiteral("olga@example.test"));
    VERIFY_AT_CLIENT(page, again);
    const QUrlQuery answer(page.location());
    QCOMPARE(answer.queryItemValue(QStringLiteral("error")), QStringLiteral("esia_level_insufficient"));
    QVERIFY(!answer.queryItemValue(QStringLiteral("error_description")).isEmpty());
    QVERIFY(answer.queryItemValue(QStringLiteral("code")).isEmpty());
}

void TestEsiaBroker::childAccountNeverLinksToAnAdult()
{
    start();
    const QDate parentBorn(1985, 5, 5), childBorn(2016, 2, 20);
    esiaAccount(QStringLiteral("mother@example.test"), QStringLiteral("Кузнецова"), QStringLiteral("Елена"), parentBorn,
        esiastand::AccountLevel::Confirmed, QStringLiteral("112-233-445 95"));
    esiastand::AccountSpec child;
    child.lastName = QStringLiteral("Кузнецова");
    child.firstName = QStringLiteral("Елена"); // named after her mother
    child.birthDate = childBorn;
    child.snils = QStringLiteral("087-654-303 00");
    child.password = kEsiaPassword;
    auto childOid = m_stand->addChild(QStringLiteral("mother@example.test"), child);
    QVERIFY2(childOid, qPrintable(childOid ? QString() : childOid.error().message));
    // The adult's record has the child's very name and birth date (a data-entry mistake): still never linked.
    diaryAccount(
        QStringLiteral("mother-diary"), Role::Parent, QStringLiteral("Кузнецова"), QStringLiteral("Елена"), childBorn);
    diaryAccount(
        QStringLiteral("child-diary"), Role::Student, QStringLiteral("Кузнецова"), QStringLiteral("Елена"), childBorn);
    Browser browser;
    NativeClient client;
    BrowserPage page = signInAtStand(browser, client, QStringLiteral("08765430300"));
    const BrowserPage linkPage = page;
    page = linkWith(browser, linkPage, QStringLiteral("mother-diary"), kDiaryPassword);
    QCOMPARE(page.status, 403);
    QCOMPARE(links(), 0);
    page = linkWith(browser, page, QStringLiteral("child-diary"), kDiaryPassword);
    VERIFY_AT_CLIENT(page, client);
    QCOMPARE(links(), 1);
}

void TestEsiaBroker::anotherPersonsRecordIsNotLinked()
{
    start();
    diaryAccount(QStringLiteral("pupil-a"), Role::Student, QStringLiteral("Иванов"), QStringLiteral("Пётр"),
        QDate(2010, 10, 10));
    // Someone who knows pupil-a's password, signed in to Gosuslugi as himself.
    esiaAccount(QStringLiteral("other@example.test"), QStringLiteral("Иванов"), QStringLiteral("Павел"),
        QDate(2010, 10, 10), esiastand::AccountLevel::Simplified, {});
    Browser browser;
    NativeClient client;
    BrowserPage page = signInAtStand(browser, client, QStringLiteral("other@example.test"));
    page = linkWith(browser, page, QStringLiteral("pupil-a"), kDiaryPassword);
    QCOMPARE(page.status, 403);
    QVERIFY(!page.elementText(QStringLiteral("error")).isEmpty());
    QCOMPARE(links(), 0);
    // The same name but another birth date is another person too.
    diaryAccount(QStringLiteral("pupil-b"), Role::Student, QStringLiteral("Иванов"), QStringLiteral("Павел"),
        QDate(2010, 10, 11));
    page = linkWith(browser, page, QStringLiteral("pupil-b"), kDiaryPassword);
    QCOMPARE(page.status, 403);
    QCOMPARE(links(), 0);
}

void TestEsiaBroker::guessingTheLinkingPasswordIsLimited()
{
    start();
    const QDate born(2012, 4, 1);
    diaryAccount(QStringLiteral("pupil-g"), Role::Student, QStringLiteral("Орлова"), QStringLiteral("Вера"), born);
    esiaAccount(QStringLiteral("vera@example.test"), QStringLiteral("Орлова"), QStringLiteral("Вера"), born,
        esiastand::AccountLevel::Simplified, {});
    Browser browser;
    NativeClient client;
    BrowserPage page = signInAtStand(browser, client, QStringLiteral("vera@example.test"));
    QVERIFY(page.form(QStringLiteral("link-form")));
    int refused = 0, limited = 0;
    for (int i = 0; i < 8; ++i) {
        page = linkWith(browser, page, QStringLiteral("pupil-g"), QStringLiteral("guess %1").arg(i));
        if (page.status == 401)
            ++refused;
        else if (page.status == 429)
            ++limited;
    }
    QVERIFY2(
        refused >= 5 && limited >= 1, qPrintable(QStringLiteral("%1 refused, %2 limited").arg(refused).arg(limited)));
    // While the wait lasts even the right password is not tried.
    page = linkWith(browser, page, QStringLiteral("pupil-g"), kDiaryPassword);
    QCOMPARE(page.status, 429);
    QCOMPARE(links(), 0);
    // After the wait the right password links.
    m_clock->advance(10 * 60);
    NativeClient later;
    page = signInAtStand(browser, later, QStringLiteral("vera@example.test"));
    page = linkWith(browser, page, QStringLiteral("pupil-g"), kDiaryPassword);
    VERIFY_AT_CLIENT(page, later);
    QCOMPARE(links(), 1);
}

void TestEsiaBroker::esiaOnlySwitchesPasswordSignInOff()
{
    start(true);
    const QDate born(2009, 12, 31);
    diaryAccount(QStringLiteral("pupil-e"), Role::Student, QStringLiteral("Зайцев"), QStringLiteral("Илья"), born);
    esiaAccount(QStringLiteral("ilya@example.test"), QStringLiteral("Зайцев"), QStringLiteral("Илья"), born,
        esiastand::AccountLevel::Simplified, {});
    test::RawHttp http(m_server->url());
    const test::HttpAnswer password = http.postJson(QStringLiteral("/api/v1/session"),
        {{QStringLiteral("login"), QStringLiteral("pupil-e")}, {QStringLiteral("password"), kDiaryPassword}});
    QCOMPARE(password.status, 403);
    QCOMPARE(password.code(), QStringLiteral("password-sign-in-disabled"));
    QCOMPARE(http.get(QStringLiteral("/api/v1/esia")).json().value(QStringLiteral("esiaOnly")).toBool(), true);
    // The diary password is still asked once, to link; then the sign-in is through Gosuslugi alone.
    for (int round = 0; round < 2; ++round) {
        const auto session = signInWithTheClientLibrary(QStringLiteral("ilya@example.test"), QStringLiteral("pupil-e"));
        QVERIFY2(session, qPrintable(session ? QString() : session.error().message));
        QCOMPARE(session->user.login, QStringLiteral("pupil-e"));
    }
    QCOMPARE(links(), 1);
}

void TestEsiaBroker::unlinkedByTheAdministrator()
{
    start();
    const QDate born(2013, 8, 8);
    diaryAccount(QStringLiteral("pupil-u"), Role::Student, QStringLiteral("Соколов"), QStringLiteral("Максим"), born);
    esiaAccount(QStringLiteral("max@example.test"), QStringLiteral("Соколов"), QStringLiteral("Максим"), born,
        esiastand::AccountLevel::Simplified, {});
    Browser browser;
    NativeClient client;
    BrowserPage page = signInAtStand(browser, client, QStringLiteral("max@example.test"));
    page = linkWith(browser, page, QStringLiteral("pupil-u"), kDiaryPassword);
    VERIFY_AT_CLIENT(page, client);
    QCOMPARE(links(), 1);
    const Status unlinked = m_server->server().esia().unlink(QStringLiteral("pupil-u"), QStringLiteral("test-admin"));
    QVERIFY2(unlinked, qPrintable(unlinked ? QString() : unlinked.error().message));
    QCOMPARE(links(), 0);
    QVERIFY(!m_server->server().esia().unlink(QStringLiteral("pupil-u"), QStringLiteral("test-admin")));
    NativeClient again;
    page = signInAtStand(browser, again, QStringLiteral("max@example.test"));
    QVERIFY2(page.form(QStringLiteral("link-form")), qPrintable(page.text().left(300)));
    QSqlQuery q(m_server->server().database().connection());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action IN ('esia.linked', 'esia.unlinked')")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 2);
}

void TestEsiaBroker::wrongStateIsRefused()
{
    start();
    const QDate born(2011, 1, 1);
    diaryAccount(QStringLiteral("pupil-s"), Role::Student, QStringLiteral("Белов"), QStringLiteral("Артём"), born);
    esiaAccount(QStringLiteral("artem@example.test"), QStringLiteral("Белов"), QStringLiteral("Артём"), born,
        esiastand::AccountLevel::Simplified, {});
    Browser browser;
    NativeClient client;
    // Stop where the stand sends the browser back to the server, and change the state on the way.
    const QUrl callbackPrefix = m_server->url().resolved(QUrl(QStringLiteral("/api/v1/esia/callback")));
    browser.setFollow([&](const QUrl &target) { return !target.toString().startsWith(callbackPrefix.toString()); });
    BrowserPage page = browser.get(client.authorizeUrl(m_server->url()));
    auto form = page.form(QStringLiteral("login-form"));
    QVERIFY(form);
    form->set(QStringLiteral("login"), QStringLiteral("artem@example.test"))
        .set(QStringLiteral("password"), kEsiaPassword);
    page = browser.submit(*form, QStringLiteral("login-submit"));
    QVERIFY2(page.isRedirect(), qPrintable(page.text().left(300)));
    QUrl tampered = page.location();
    QUrlQuery query(tampered);
    query.removeQueryItem(QStringLiteral("state"));
    query.addQueryItem(QStringLiteral("state"), QUuid::createUuid().toString(QUuid::WithoutBraces));
    tampered.setQuery(query);
    browser.followAll();
    const BrowserPage refused = browser.get(tampered);
    QCOMPARE(refused.status, 400);
    QVERIFY(refused.location().isEmpty());
    // The real state still works once.
    browser.setFollow([client](const QUrl &target) { return !client.isMine(target); });
    const BrowserPage real = browser.get(page.location());
    QVERIFY2(real.form(QStringLiteral("link-form")), qPrintable(real.text().left(300)));
    QCOMPARE(browser.get(page.location()).status, 400); // and only once
}

void TestEsiaBroker::anotherBrowserCannotFinishTheFlow()
{
    start();
    const QDate born(2011, 6, 6);
    esiaAccount(QStringLiteral("x@example.test"), QStringLiteral("Новиков"), QStringLiteral("Олег"), born,
        esiastand::AccountLevel::Simplified, {});
    Browser victim;
    NativeClient client;
    const QUrl callbackPrefix = m_server->url().resolved(QUrl(QStringLiteral("/api/v1/esia/callback")));
    victim.setFollow([&](const QUrl &target) { return !target.toString().startsWith(callbackPrefix.toString()); });
    BrowserPage page = victim.get(client.authorizeUrl(m_server->url()));
    auto form = page.form(QStringLiteral("login-form"));
    QVERIFY(form);
    form->set(QStringLiteral("login"), QStringLiteral("x@example.test")).set(QStringLiteral("password"), kEsiaPassword);
    page = victim.submit(*form, QStringLiteral("login-submit"));
    QVERIFY(page.isRedirect());
    // The callback URL (with the code) leaks to another browser: without the flow's cookie it gets nothing.
    Browser attacker;
    const BrowserPage stolen = attacker.get(page.location());
    QCOMPARE(stolen.status, 400);
    QVERIFY(stolen.location().isEmpty());
}

void TestEsiaBroker::replayedCodeIsRefused()
{
    start();
    const QDate born(2011, 2, 2);
    diaryAccount(QStringLiteral("pupil-r"), Role::Student, QStringLiteral("Морозова"), QStringLiteral("Дарья"), born);
    esiaAccount(QStringLiteral("darya@example.test"), QStringLiteral("Морозова"), QStringLiteral("Дарья"), born,
        esiastand::AccountLevel::Simplified, {});
    Browser browser;
    NativeClient client;
    BrowserPage page = signInAtStand(browser, client, QStringLiteral("darya@example.test"));
    page = linkWith(browser, page, QStringLiteral("pupil-r"), kDiaryPassword);
    VERIFY_AT_CLIENT(page, client);
    const QString code = codeIn(page);
    QCOMPARE(exchange(client, code).status, 200);
    const test::HttpAnswer replay = exchange(client, code);
    QCOMPARE(replay.status, 400);
    QCOMPARE(replay.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
}

void TestEsiaBroker::wrongVerifierIsRefused()
{
    start();
    const QDate born(2011, 3, 3);
    diaryAccount(QStringLiteral("pupil-v"), Role::Student, QStringLiteral("Волков"), QStringLiteral("Роман"), born);
    esiaAccount(QStringLiteral("roman@example.test"), QStringLiteral("Волков"), QStringLiteral("Роман"), born,
        esiastand::AccountLevel::Simplified, {});
    Browser browser;
    NativeClient client;
    BrowserPage page = signInAtStand(browser, client, QStringLiteral("roman@example.test"));
    page = linkWith(browser, page, QStringLiteral("pupil-v"), kDiaryPassword);
    VERIFY_AT_CLIENT(page, client);
    // Someone who intercepted the redirect has the code, not the verifier.
    const NativeClient other;
    const test::HttpAnswer wrong = exchange(client, codeIn(page), other.verifier);
    QCOMPARE(wrong.status, 400);
    QCOMPARE(wrong.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    // The code was spent by the failed attempt: the right verifier is too late now.
    QCOMPARE(exchange(client, codeIn(page)).status, 400);
}

void TestEsiaBroker::expiredCodeIsRefused()
{
    start();
    const QDate born(2011, 4, 4);
    diaryAccount(QStringLiteral("pupil-x"), Role::Student, QStringLiteral("Лебедев"), QStringLiteral("Кирилл"), born);
    esiaAccount(QStringLiteral("kirill@example.test"), QStringLiteral("Лебедев"), QStringLiteral("Кирилл"), born,
        esiastand::AccountLevel::Simplified, {});
    Browser browser;
    NativeClient client;
    BrowserPage page = signInAtStand(browser, client, QStringLiteral("kirill@example.test"));
    page = linkWith(browser, page, QStringLiteral("pupil-x"), kDiaryPassword);
    VERIFY_AT_CLIENT(page, client);
    m_clock->advance(server::EsiaBroker::kCodeLifetimeSecs + 1);
    QCOMPARE(exchange(client, codeIn(page)).status, 400);
}

void TestEsiaBroker::nonLoopbackRedirectIsRefused_data()
{
    QTest::addColumn<QString>("redirect");
    QTest::newRow("another host") << QStringLiteral("http://evil.example/cb");
    QTest::newRow("localhost by name") << QStringLiteral("http://localhost:8123/cb");
    QTest::newRow("no port") << QStringLiteral("http://127.0.0.1/cb");
    QTest::newRow("https") << QStringLiteral("https://127.0.0.1:8123/cb");
    QTest::newRow("user info") << QStringLiteral("http://me@127.0.0.1:8123/cb");
    QTest::newRow("LAN address") << QStringLiteral("http://192.168.1.10:8123/cb");
    QTest::newRow("custom scheme") << QStringLiteral("ru.schoolgate:/cb");
    QTest::newRow("empty") << QString();
}

void TestEsiaBroker::nonLoopbackRedirectIsRefused()
{
    QFETCH(QString, redirect);
    start();
    NativeClient client;
    client.redirect = redirect;
    Browser browser;
    browser.setFollow([](const QUrl &) { return false; });
    const BrowserPage page = browser.get(client.authorizeUrl(m_server->url()));
    QCOMPARE(page.status, 400);
    QVERIFY(page.location().isEmpty());
    QVERIFY(!page.elementText(QStringLiteral("error")).isEmpty());
}

void TestEsiaBroker::cancelOnTheStandReturnsToTheClient()
{
    start();
    Browser browser;
    NativeClient client;
    browser.setFollow([client](const QUrl &target) { return !client.isMine(target); });
    BrowserPage page = browser.get(client.authorizeUrl(m_server->url()));
    const auto cancel = page.form(QStringLiteral("cancel-form"));
    QVERIFY2(cancel, qPrintable(page.text().left(300)));
    page = browser.submit(*cancel, QStringLiteral("cancel-submit"));
    VERIFY_AT_CLIENT(page, client);
    const QUrlQuery answer(page.location());
    QCOMPARE(answer.queryItemValue(QStringLiteral("error")), QStringLiteral("access_denied"));
    QCOMPARE(answer.queryItemValue(QStringLiteral("state")), client.state);
}

QTEST_GUILESS_MAIN(TestEsiaBroker)
#include "tst_esiabroker.moc"
