#include "clientapp.h"

#include "client/apiclient.h"
#include "client/cachecrypto.h"
#include "client/esiasignin.h"
#include "client/localcache.h"
#include "client/offlinevault.h"
#include "client/operatorsession.h"
#include "client/schoolsession.h"
#include "client/secretstore.h"
#include "core/errorcodes.h"
#include "errortext.h"
#include "esiawaitdialog.h"
#include "loginwindow.h"
#include "mainwindow.h"
#include "operatorwindow.h"
#include "prompter.h"
#include "server/localserver.h"

#include <QApplication>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QPalette>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QThread>

Q_LOGGING_CATEGORY(lcApp, "sg.ui.app")

namespace sg::ui {

ClientApp::ClientApp(ClientOptions options, Prompter *prompter, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_prompter(prompter)
    , m_clock(clock)
    , m_api(new client::ApiClient(&m_network, this))
    , m_esiaProbe(new client::ApiClient(&m_network, this))
    , m_session(new client::SchoolSession(m_api, this))
    , m_secrets(m_options.secretStore ? m_options.secretStore
                                      : new client::KeychainSecretStore(m_options.keychainService, this))
    , m_healthTimer(new QTimer(this))
{
    m_healthTimer->setInterval(m_options.healthIntervalMs);
    connect(m_healthTimer, &QTimer::timeout, this, &ClientApp::checkConnection);
    QSettings settings;
    QString language = m_options.language;
    if (language.isEmpty())
        language = settings.value(QStringLiteral("ui/language")).toString();
    if (language.isEmpty())
        language = QLocale::system().language() == QLocale::English ? QStringLiteral("en") : QStringLiteral("ru");
    setLanguage(language);
    setDarkTheme(settings.value(QStringLiteral("ui/darkTheme"), false).toBool());

    m_login = std::make_unique<LoginWindow>(m_clock);
    m_login->setLanguage(m_language);
    connect(m_login.get(), &LoginWindow::signInRequested, this, &ClientApp::signIn);
    connect(m_login.get(), &LoginWindow::profileSelected, this, &ClientApp::applyProfile);
    connect(m_login.get(), &LoginWindow::profileForgetRequested, this, &ClientApp::forgetProfile);
    connect(m_login.get(), &LoginWindow::cancelRequested, this, &ClientApp::cancelRequests);
    connect(m_login.get(), &LoginWindow::esiaSignInRequested, this, &ClientApp::signInWithEsia);
    connect(m_login.get(), &LoginWindow::offlineSignInRequested, this, &ClientApp::signInOffline);
    connect(m_login.get(), &LoginWindow::esiaRegistrationRequested, this, &ClientApp::explainEsiaRegistration);
    connect(m_login.get(), &LoginWindow::serverChanged, this, &ClientApp::checkEsiaOffer);
    m_esiaProbe->setTimeout(10000);
    connect(m_login.get(), &LoginWindow::languageChangeRequested, this, [this](const QString &code) {
        setLanguage(code);
        QSettings().setValue(QStringLiteral("ui/language"), code);
    });
    connect(m_session, &client::SchoolSession::signedIn, this, &ClientApp::afterSignIn);
    connect(m_session, &client::SchoolSession::passwordChanged, this, [this] {
        m_oneTimePassword.clear();
        showMainWindow();
    });
    connect(m_session, &client::SchoolSession::operationFailed, this, [this](const Error &error) {
        if (!m_oneTimePassword.isEmpty()) // the new password was refused: ask again, saying why
            askNewPassword(error.message);
    });
    connect(m_session, &client::SchoolSession::signedOut, this, &ClientApp::backToSignIn);
    // The age of the offline copy's data is that of its last complete sync.
    connect(m_session, &client::SchoolSession::syncFinished, this, [this](bool complete) {
        if (!complete || !m_vault || !m_cache)
            return;
        m_vault->setLastSync(m_clock.now());
        if (Status s = m_vault->save(offlinePath(m_cacheId, QStringLiteral("vault"))); !s)
            qCWarning(lcApp) << "offline vault not saved:" << s.error().message;
    });
    connect(m_session, &client::SchoolSession::signInFailed, this, [this](const Error &error) {
        m_login->setBusy(false);
        m_passwordToRemember.clear();
        m_offlinePassword.clear();
        if (std::exchange(m_cancelling, false)) {
            m_login->showError(tr("Signing in was cancelled."));
        } else if (error.code == QLatin1String(errc::InvalidCredentials)) {
            m_login->showError(
                tr("Wrong login or password. Check the e-mail your organisation received, or call support."));
            m_login->clearPassword();
        } else if (error.code == QLatin1String(errc::NetworkError) || error.code == QLatin1String(errc::Timeout)) {
            QString text = tr("The server does not answer. Check the address and the network. (%1)").arg(error.message);
            if (const QString more = offerOfflineCopy(); !more.isEmpty())
                text += QStringLiteral("\n\n") + more;
            else if (m_login->offlineOffered())
                text += QStringLiteral("\n\n")
                    + tr("This computer keeps a copy of the account: you can work with it until the server is back.");
            m_login->showError(text);
        } else if (error.code == QLatin1String(errc::PasswordSignInDisabled)) {
            m_login->showError(tr("This server accepts sign-in only through Gosuslugi: press “Sign in with "
                                  "Gosuslugi”."));
            checkEsiaOffer();
        } else {
            m_login->showError(errorText(error));
        }
    });
}

ClientApp::~ClientApp()
{
    closeCache(); // the session's sync engine goes before the cache it uses
    delete m_main;
    delete m_operator;
    delete m_person;
}

void ClientApp::setDarkTheme(bool dark)
{
    m_dark = dark;
    QSettings().setValue(QStringLiteral("ui/darkTheme"), dark);
    if (!dark) {
        qApp->setPalette(qApp->style()->standardPalette());
    } else {
        QPalette p;
        const QColor window(0x2b, 0x2d, 0x30), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6), accent(0x3d, 0x8b, 0xfd);
        p.setColor(QPalette::Window, window);
        p.setColor(QPalette::WindowText, text);
        p.setColor(QPalette::Base, base);
        p.setColor(QPalette::AlternateBase, window);
        p.setColor(QPalette::ToolTipBase, window);
        p.setColor(QPalette::ToolTipText, text);
        p.setColor(QPalette::Text, text);
        p.setColor(QPalette::Button, window);
        p.setColor(QPalette::ButtonText, text);
        p.setColor(QPalette::BrightText, Qt::white);
        p.setColor(QPalette::Link, accent.lighter(120));
        p.setColor(QPalette::Highlight, accent);
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
        p.setColor(QPalette::Mid, QColor(0x4a, 0x4c, 0x50));
        p.setColor(QPalette::Midlight, QColor(0x3a, 0x3c, 0x40));
        for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
            p.setColor(QPalette::Disabled, role, QColor(0x80, 0x80, 0x80));
        qApp->setPalette(p);
    }
    if (m_main)
        m_main->setDarkTheme(dark);
}

void ClientApp::checkConnection()
{
    if (!m_main)
        return;
    const QString url = m_api->baseUrl().toString();
    m_api->health([this, url](Result<QJsonObject> r) {
        if (!m_main)
            return;
        if (m_offlineSession) {
            if (r)
                return reconnect();
            m_main->setConnectionState(false, r.error().message);
            showOfflineState();
            return;
        }
        m_main->setConnectionState(r.ok(), r ? url : r.error().message);
        // The connection is back: what waits (on disk or in memory) goes now, not at the next retry.
        if (r && m_session->outbox() && (!m_session->isOnline() || m_session->queuedItems() > 0))
            m_session->syncNow();
    });
}

void ClientApp::setLanguage(const QString &code)
{
    const QString lang = code == QLatin1String("en") ? QStringLiteral("en") : QStringLiteral("ru");
    if (lang == m_language)
        return;
    m_language = lang;
    qApp->removeTranslator(&m_appTranslator);
    qApp->removeTranslator(&m_qtTranslator);
    QLocale::setDefault(QLocale(lang == QLatin1String("ru") ? QLocale::Russian : QLocale::English,
        lang == QLatin1String("ru") ? QLocale::Russia : QLocale::UnitedKingdom));
    if (m_appTranslator.load(QStringLiteral(":/i18n/schoolgate_%1.qm").arg(lang)))
        qApp->installTranslator(&m_appTranslator);
    else
        qCWarning(lcApp) << "no translation for" << lang;
    if (m_qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        qApp->installTranslator(&m_qtTranslator);
}

QString ClientApp::demoPassword() const
{
    return m_localServer ? m_localServer->demoPassword() : QString();
}

Result<QUrl> ClientApp::ensureLocalServer()
{
    if (m_localServer)
        return m_localServer->url();
    QString dir = m_options.dataDir;
    if (dir.isEmpty()) {
        dir = QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
                  .filePath(m_options.demo ? QStringLiteral("demo-server") : QStringLiteral("server"));
    }
    auto server = std::make_unique<server::LocalServer>();
    auto url = server->start({dir, m_options.demo, m_options.demoPassword});
    if (!url)
        return url.error();
    m_localServer = std::move(server);
    return url;
}

Status ClientApp::start()
{
    probeKeychain();
    const QList<client::SignInProfile> profiles = m_profiles.profiles();
    if (m_options.demo) {
        m_login->setProfiles(profiles, QString());
        m_login->setServer(true, QUrl());
    } else if (m_options.serverUrl.isValid()) {
        // A server given on the command line: its profile if there is one, otherwise a new one.
        QString id;
        for (const client::SignInProfile &p : profiles) {
            if (!p.localServer && client::SignInProfile::sameServer(p.serverUrl, m_options.serverUrl))
                id = p.id;
        }
        m_login->setProfiles(profiles, id);
        if (id.isEmpty())
            m_login->setServer(false, m_options.serverUrl);
        else
            applyProfile(id);
    } else {
        // The profile of the last sign-in (never the password itself: that lives only in the keychain).
        const QString last = m_profiles.lastProfileId();
        m_login->setProfiles(profiles, last);
        applyProfile(m_login->currentProfileId());
        // No profile yet: the server address an IT office preset for this computer (the MSI's SERVERURL, which
        // Windows' QSettings reads from HKLM when the user has no value of their own).
        const QUrl preset(QSettings().value(QStringLiteral("preset/serverUrl")).toString(), QUrl::StrictMode);
        if (profiles.isEmpty() && preset.isValid()
            && (preset.scheme() == QLatin1String("https") || preset.scheme() == QLatin1String("http"))
            && !preset.host().isEmpty()) {
            m_login->setServer(false, preset);
            // And the fingerprint of its own certificate, if the IT office pinned one (the MSI's SERVERCERT).
            m_login->setCertificatePin(client::ApiClient::parseFingerprint(
                QSettings().value(QStringLiteral("preset/serverCertificate")).toString()));
        }
    }
    if (m_options.demo) {
        auto url = ensureLocalServer();
        if (!url)
            return url.error();
        m_login->setCredentials(m_localServer->demoSchoolLogin(), m_localServer->demoPassword());
    }
    m_login->show();
    checkEsiaOffer();
    if (m_options.autoSignIn)
        signIn();
    return Unit{};
}

std::optional<QUrl> ClientApp::signInTarget()
{
    if (!m_login->useLocalServer())
        return m_login->serverUrl();
    auto local = ensureLocalServer();
    if (!local) {
        m_login->showError(tr("The built-in server cannot start: %1").arg(local.error().message));
        return std::nullopt;
    }
    return local.value();
}

void ClientApp::signIn()
{
    const auto url = signInTarget();
    if (!url)
        return;
    m_viaEsia = false;
    m_api->setBaseUrl(*url);
    m_api->setPinnedCertificate(m_login->useLocalServer() ? QByteArray() : m_login->certificatePin());
    m_login->setBusy(true);
    m_oneTimePassword.clear();
    m_cancelling = false;
    m_passwordToRemember = m_login->rememberPassword() ? m_login->password() : QString();
    m_offlinePassword = m_login->sharedComputer() ? QString() : m_login->password();
    m_login->setOfflineOffer(QString());
    m_session->signIn(m_login->login(), m_login->password());
}

void ClientApp::afterSignIn()
{
    if (m_session->user() && m_session->user()->mustChangePassword && m_viaEsia) {
        // The new password needs the one-time password, which a sign-in through Gosuslugi never saw.
        m_viaEsia = false;
        m_login->setBusy(false);
        m_session->signOut();
        m_login->showError(tr("This account still has the one-time password from the e-mail. Sign in once with the "
                              "login and that password to choose your own; after that, Gosuslugi works too."));
        return;
    }
    if (m_session->user() && m_session->user()->mustChangePassword) {
        m_oneTimePassword = m_login->password();
        askNewPassword(QString());
        return;
    }
    showMainWindow();
}

void ClientApp::askNewPassword(const QString &problem)
{
    m_login->setBusy(false);
    const auto next =
        m_prompter->askNewPassword(m_login.get(), m_session->user() ? m_session->user()->login : QString(), problem);
    if (!next) {
        m_oneTimePassword.clear();
        m_passwordToRemember.clear();
        m_session->signOut();
        m_login->showError(tr("The one-time password must be replaced before you can work. Sign in again when ready."));
        return;
    }
    m_login->setBusy(true);
    if (m_login->rememberPassword())
        m_passwordToRemember = *next;
    if (!m_login->sharedComputer())
        m_offlinePassword = *next;
    m_session->changePassword(m_oneTimePassword, *next);
}

void ClientApp::showMainWindow()
{
    m_login->setBusy(false);
    if (m_offlineSession)
        m_passwordToRemember.clear(); // the profile is as it was; nothing reached the server
    else
        rememberProfile();
    m_viaEsia = false;
    m_login->clearPassword();
    if (m_session->user() && m_session->user()->role == Role::Operator) {
        // The support operator works on the queue of directors' submissions, not on a school.
        delete m_operator;
        auto *operatorSession = new client::OperatorSession(m_api, this);
        m_operator = new OperatorWindow(operatorSession, m_prompter);
        operatorSession->setParent(m_operator);
        connect(m_operator, &OperatorWindow::signOutRequested, this, &ClientApp::signOut);
        connect(m_operator, &OperatorWindow::cancelRequested, this, &ClientApp::cancelRequests);
        operatorSession->refresh(QStringLiteral("submitted"));
        m_operator->show();
        m_login->hide();
        return;
    }
    if (m_session->user() && (m_session->user()->role == Role::Student || m_session->user()->role == Role::Parent)) {
        // Nothing to decide: the person's own record, and no offline copy of anything.
        delete m_person;
        m_person = new PersonWindow(m_api, *m_session->user());
        connect(m_person, &PersonWindow::signOutRequested, this, &ClientApp::signOut);
        m_person->refresh();
        m_person->show();
        m_login->hide();
        return;
    }
    delete m_main;
    m_main = new MainWindow(m_session, m_prompter);
    m_main->setAttribute(Qt::WA_DeleteOnClose, false);
    connect(m_main, &MainWindow::signOutRequested, this, &ClientApp::signOut);
    connect(m_main, &MainWindow::syncRequested, m_session, &client::SchoolSession::syncNow);
    connect(m_main, &MainWindow::darkThemeToggled, this, &ClientApp::setDarkTheme);
    connect(m_main, &MainWindow::cancelRequested, this, &ClientApp::cancelRequests);
    connect(m_main, &MainWindow::languageRequested, this, [this](const QString &code) {
        setLanguage(code);
        QSettings().setValue(QStringLiteral("ui/language"), code);
    });
    m_main->setDarkTheme(m_dark);
    m_healthTimer->start();
    openCache([this] {
        if (!m_offlineSession)
            m_offlinePassword.clear();
        if (!m_main)
            return;
        m_main->setOfflineCopy(m_cache != nullptr, m_cacheNotice);
        if (m_offlineSession) {
            m_main->setConnectionState(false, QString());
            showOfflineState();
        }
        m_session->refresh();
    });
    m_main->show();
    m_login->hide();
}

void ClientApp::backToSignIn()
{
    closeCache(); // the session ended (signed out or expired): the copy stays for the next sign-in
    m_healthTimer->stop();
    if (m_operator) {
        m_operator->hide();
        m_operator->deleteLater();
    }
    if (m_person) {
        m_person->hide();
        m_person->deleteLater();
    }
    if (m_main) {
        m_main->hide();
        m_main->deleteLater();
    }
    m_login->show();
}

} // namespace sg::ui

namespace sg::ui {

void ClientApp::probeKeychain()
{
    // Reading an entry that does not exist tells whether a keychain answers at all.
    m_secrets->read(QStringLiteral("probe"), [login = QPointer<LoginWindow>(m_login.get())](Result<QByteArray> r) {
        if (!login)
            return;
        const bool available = r.ok() || r.error().code == QLatin1String("secret-not-found");
        if (!available)
            qCWarning(lcApp) << "keychain unavailable:" << r.error().message;
        login->setKeychainAvailable(available, available ? QString() : r.error().message);
    });
}

void ClientApp::applyProfile(const QString &id)
{
    m_login->setOfflineOffer(QString()); // offered for the account that could not sign in, not for another
    const auto profile = m_profiles.profile(id);
    if (!profile) { // "New profile": keep the server the user chose, start from an empty login
        m_login->setCredentials(QString(), QString());
        m_login->setRememberPassword(false);
        return;
    }
    m_login->setServer(profile->localServer, profile->serverUrl);
    m_login->setCertificatePin(profile->certificateSha256);
    m_login->setCredentials(profile->login, QString());
    m_login->setRememberPassword(profile->rememberPassword);
    if (!profile->rememberPassword)
        return;
    m_secrets->read(
        profile->secretKey(), [this, id, login = QPointer<LoginWindow>(m_login.get())](Result<QByteArray> r) {
            if (!login || login->currentProfileId() != id)
                return; // the user moved on to another profile
            if (r) {
                login->offerRememberedPassword(QString::fromUtf8(r.value()));
            } else if (r.error().code == QLatin1String("secret-not-found")) {
                login->showError(tr("The remembered password is no longer in the keychain. Enter it again."));
            } else {
                login->setKeychainAvailable(false, r.error().message);
            }
        });
}

void ClientApp::forgetProfile(const QString &id)
{
    const auto profile = m_profiles.profile(id);
    if (!profile)
        return;
    if (!m_prompter->confirm(m_login.get(), tr("Forget profile"),
            tr("Forget the profile “%1” and its remembered password on this computer?").arg(profile->name)))
        return;
    m_secrets->remove(profile->secretKey(), [](Status s) {
        if (!s)
            qCWarning(lcApp) << "could not remove a remembered password:" << s.error().message;
    });
    m_profiles.remove(id);
    m_login->setProfiles(m_profiles.profiles(), QString());
    applyProfile(QString());
}

void ClientApp::rememberProfile()
{
    if (m_login->sharedComputer()) {
        m_passwordToRemember.clear(); // someone else's computer: nothing of this sign-in is kept
        return;
    }
    client::SignInProfile profile;
    if (const auto current = m_profiles.profile(m_login->currentProfileId()))
        profile = *current;
    const client::SignInProfile before = profile;
    profile.localServer = m_login->useLocalServer();
    profile.serverUrl = profile.localServer ? QUrl() : m_api->baseUrl();
    profile.certificateSha256 = profile.localServer ? QByteArray() : m_api->pinnedCertificate();
    profile.login = m_login->login();
    if (!before.id.isEmpty() && !before.sameTarget(profile)) {
        profile.id.clear(); // another server or login: a profile of its own
        profile.name.clear();
    } else if (profile.name == before.suggestedName()) {
        profile.name.clear();
    }
    if (m_viaEsia) {
        // Signed in through Gosuslugi: whatever password this profile remembers stays as it is.
        profile.rememberPassword = !before.id.isEmpty() && profile.id == before.id && before.rememberPassword;
        profile = m_profiles.save(profile);
        m_profiles.setLastProfileId(profile.id);
        m_login->setProfiles(m_profiles.profiles(), profile.id);
        m_login->setRememberPassword(profile.rememberPassword);
        m_passwordToRemember.clear();
        return;
    }
    const bool remember = m_login->rememberPassword() && !m_passwordToRemember.isEmpty();
    profile.rememberPassword = remember;
    profile = m_profiles.save(profile);
    m_profiles.setLastProfileId(profile.id);
    m_login->setProfiles(m_profiles.profiles(), profile.id);
    m_login->setRememberPassword(remember);
    const QString key = profile.secretKey();
    if (remember) {
        m_secrets->write(key, m_passwordToRemember.toUtf8(), [this, key](Status s) {
            if (s)
                return;
            // The keychain refused: the profile must not claim a remembered password.
            qCWarning(lcApp) << "could not remember the password:" << s.error().message;
            for (client::SignInProfile p : m_profiles.profiles()) {
                if (p.secretKey() == key) {
                    p.rememberPassword = false;
                    m_profiles.save(p);
                }
            }
            if (m_main)
                m_main->showNotice(
                    tr("The password could not be saved in the system keychain: %1").arg(s.error().message));
            m_login->setKeychainAvailable(false, s.error().message);
        });
    } else {
        m_secrets->remove(key, [](Status s) {
            if (!s)
                qCWarning(lcApp) << "could not remove a remembered password:" << s.error().message;
        });
    }
    m_passwordToRemember.clear();
}

void ClientApp::cancelRequests()
{
    m_cancelling = true;
    if (m_esia && m_esia->isRunning())
        m_esia->cancel();
    const auto replies = m_network.findChildren<QNetworkReply *>();
    for (QNetworkReply *reply : replies) {
        if (reply->isRunning())
            reply->abort();
    }
}

} // namespace sg::ui

namespace sg::ui {

namespace {
constexpr int kKeychainWaitMs = 8000;
}

void ClientApp::openCache(std::function<void()> done)
{
    m_cacheNotice.clear();
    if (m_offlineSession && m_cache)
        return done(); // opened with the password already (signInOffline)
    const auto &user = m_session->user();
    if (!user || !user->schoolId || user->role == Role::Operator)
        return done();
    if (!m_options.offlineCache)
        return done(); // switched off by the program's options (screenshots, kiosks): nothing to say
    if (m_login->sharedComputer()) {
        m_cacheNotice = tr("Someone else's computer: nothing is kept on this computer, so work needs the connection.");
        return done();
    }
    // One copy per server and account; the name reveals neither.
    m_cacheId = client::OfflineVault::copyId(m_api->baseUrl(), user->login);
    m_cachePath = offlinePath(m_cacheId, QStringLiteral("db"));
    m_cacheKeyName = QStringLiteral("offline/%1/key").arg(m_cacheId);
    const QString path = m_cachePath;
    // A keychain that never answers (a locked or hung Secret Service) must not keep the tables empty: after a
    // few seconds the session goes on without an offline copy, and a late answer is ignored.
    auto once = std::make_shared<bool>(false);
    done = [done, once] {
        if (!std::exchange(*once, true))
            done();
    };
    QTimer::singleShot(kKeychainWaitMs, this, [this, done, once] {
        if (*once)
            return;
        qCWarning(lcApp) << "the keychain did not answer: no offline copy this session";
        m_cacheNotice = tr("The system keychain does not answer: nothing is kept on this computer this time, so work "
                           "needs the connection.");
        done();
    });
    auto openWith = [this, path, done, once](const QByteArray &key) {
        if (*once)
            return; // too late: the session already went on without a copy
        auto opened = client::LocalCache::open(path, key);
        if (!opened) {
            qCWarning(lcApp) << "offline copy not opened:" << opened.error().code;
            m_cacheNotice = tr("The offline copy on this computer cannot be opened (%1); working online only. It is "
                               "kept as it is.")
                                .arg(opened.error().message);
            return done();
        }
        m_cache = std::move(opened).value();
        const int days = QSettings().value(QStringLiteral("offline/keepDays"), 30).toInt();
        m_cache->purgeSyncedBefore(QDateTime::currentDateTimeUtc().addDays(-std::max(days, 1)));
        updateVault(key);
        m_session->setCache(m_cache.get());
        done();
    };
    m_secrets->read(m_cacheKeyName, [this, path, done, openWith, once](Result<QByteArray> r) {
        if (*once)
            return;
        if (r)
            return openWith(r.value());
        if (r.error().code != QLatin1String("secret-not-found")) {
            // The keychain's own words (D-Bus, English) go to the log; the user reads what it means here.
            qCWarning(lcApp) << "keychain not available:" << r.error().message;
            m_cacheNotice = tr("The system keychain is not available: nothing is kept on this computer, so work needs "
                               "the connection.");
            return done();
        }
        if (QFileInfo::exists(path)) {
            // The key is gone but the copy (maybe with decisions not sent yet) is there: never delete it.
            m_cacheNotice =
                tr("The key of this computer's offline copy is missing from the keychain. The copy is kept; "
                   "sign in again once the keychain is back. Working online meanwhile.");
            return done();
        }
        const QByteArray key = client::CacheCrypto::generateKey();
        m_secrets->write(m_cacheKeyName, key, [this, done, openWith, key, once](Status s) {
            if (*once)
                return;
            if (!s) {
                qCWarning(lcApp) << "keychain not available:" << s.error().message;
                m_cacheNotice = tr("The system keychain is not available: nothing is kept on this computer, so work "
                                   "needs the connection.");
                return done();
            }
            openWith(key);
        });
    });
}

void ClientApp::closeCache()
{
    m_session->setCache(nullptr);
    m_cache.reset();
    m_vault.reset();
    m_offlineSession = false;
    m_offlinePassword.clear();
}

void ClientApp::signOut()
{
    const int queued = m_session->queuedItems();
    QWidget *parent = m_main ? static_cast<QWidget *>(m_main) : static_cast<QWidget *>(m_operator);
    if (queued > 0
        && !m_prompter->confirm(parent, tr("Sign out"),
            tr("%n decision(s) or report(s) have not reached the server yet. Signing out deletes this computer's "
               "copy, and them with it. Sign out anyway?",
                nullptr, queued)))
        return;
    const QString path = m_cache ? m_cachePath : QString();
    const QString keyName = m_cache ? m_cacheKeyName : QString();
    const QString vaultPath = m_cache ? offlinePath(m_cacheId, QStringLiteral("vault")) : QString();
    closeCache();
    if (!path.isEmpty()) {
        if (Status s = client::LocalCache::wipe(path); !s)
            qCWarning(lcApp) << "offline copy not wiped:" << s.error().message;
        if (Status s = client::OfflineVault::remove(vaultPath); !s)
            qCWarning(lcApp) << "offline vault not wiped:" << s.error().message;
        m_secrets->remove(keyName, [](Status s) {
            if (!s)
                qCWarning(lcApp) << "offline key not removed:" << s.error().message;
        });
    }
    m_session->signOut();
}

} // namespace sg::ui

namespace sg::ui {

bool ClientApp::openUrl(const QUrl &url) const
{
    return m_options.openUrl ? m_options.openUrl(url) : QDesktopServices::openUrl(url);
}

void ClientApp::checkEsiaOffer()
{
    const int round = ++m_esiaProbeRound;
    m_login->setEsiaOffer({});
    m_login->setOfflineOffer(QString()); // another server: another copy
    QUrl url;
    if (m_login->useLocalServer()) {
        if (!m_localServer)
            return; // the built-in server starts only to sign in; it offers no Gosuslugi of its own
        url = m_localServer->url();
    } else {
        url = m_login->serverUrl();
        if (!url.isValid() || url.host().isEmpty() || !m_login->certificatePinValid())
            return;
    }
    m_esiaProbe->setBaseUrl(url);
    m_esiaProbe->setPinnedCertificate(m_login->useLocalServer() ? QByteArray() : m_login->certificatePin());
    m_esiaProbe->esiaOffer([this, round, login = QPointer<LoginWindow>(m_login.get())](Result<client::EsiaOffer> r) {
        if (!login || round != m_esiaProbeRound)
            return; // another server was chosen meanwhile
        if (!r) {
            qCInfo(lcApp) << "no answer about sign-in through Gosuslugi:" << r.error().code;
            return;
        }
        login->setEsiaOffer(r.value());
    });
}

void ClientApp::signInWithEsia()
{
    if (m_esia && m_esia->isRunning())
        return;
    const auto url = signInTarget();
    if (!url)
        return;
    m_api->setBaseUrl(*url);
    m_api->setPinnedCertificate(m_login->useLocalServer() ? QByteArray() : m_login->certificatePin());
    m_login->setBusy(true);
    m_oneTimePassword.clear();
    m_passwordToRemember.clear();
    m_offlinePassword.clear(); // no password: the vault keeps whatever verifier an earlier sign-in left
    m_login->setOfflineOffer(QString());
    m_cancelling = false;
    m_viaEsia = true;
    if (!m_esia) {
        m_esia = new client::EsiaSignIn(
            m_api, [this](const QUrl &target) { return openUrl(target); }, this);
        connect(m_esia, &client::EsiaSignIn::finished, this, &ClientApp::esiaFinished);
    }
    m_esia->setTimeout(m_options.esiaTimeoutMs);
    delete m_esiaDialog;
    m_esiaDialog = new EsiaWaitDialog(QDeadlineTimer(m_options.esiaTimeoutMs), m_login.get());
    m_esiaDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_esiaDialog, &EsiaWaitDialog::cancelRequested, m_esia, &client::EsiaSignIn::cancel);
    m_esiaDialog->open();
    m_esia->start(); // may end at once (no browser): esiaFinished() closes the dialog
}

void ClientApp::esiaFinished(const Result<proto::SessionInfo> &result)
{
    if (m_esiaDialog)
        m_esiaDialog->finish();
    if (result) {
        // From here on exactly as after a password sign-in.
        m_login->setCredentials(result->user.login, QString());
        m_session->adoptSession(result.value());
        return;
    }
    m_viaEsia = false;
    m_login->setBusy(false);
    const Error &error = result.error();
    if (error.code == QLatin1String(client::esiaerr::LevelInsufficient)) {
        m_login->showError(error.message + QStringLiteral("\n\n")
            + tr("How to confirm a Gosuslugi account: enter your passport and SNILS in your Gosuslugi profile and "
                 "wait for them to be checked, then confirm your identity at a service centre (МФЦ), through your "
                 "bank's online service or with an electronic signature."));
    } else if (error.code == QLatin1String(errc::NetworkError) || error.code == QLatin1String(errc::Timeout)) {
        QString text = tr("The server does not answer. Check the address and the network. (%1)").arg(error.message);
        if (const QString more = offerOfflineCopy(); !more.isEmpty())
            text += QStringLiteral("\n\n") + more;
        m_login->showError(text);
    } else {
        m_login->showError(error.message);
    }
}

void ClientApp::explainEsiaRegistration()
{
    const QUrl url = m_login->esiaOffer().registrationUrl;
    if (!url.isValid())
        return;
    const QString text =
        tr("Signing in through Gosuslugi needs an account on the Gosuslugi portal.\n\n"
           "• A student: a simplified account is enough (name, e-mail or mobile phone and a password).\n"
           "• A parent, director, deputy head or administrator, teacher or class teacher: the account must be "
           "confirmed. After the simplified registration, enter your passport and SNILS in your Gosuslugi profile; "
           "once they are checked, confirm your identity at a service centre (МФЦ), through your bank's online "
           "service or with an electronic signature.\n\n"
           "Then press “Sign in with Gosuslugi” here. The first time, SchoolGate asks once for its own login and "
           "password to link the two accounts.\n\n"
           "Open the Gosuslugi registration page in the web browser?");
    if (!m_prompter->confirm(m_login.get(), tr("No Gosuslugi account?"), text))
        return;
    if (!openUrl(url))
        m_login->showError(tr("The web browser could not be opened. The registration page is %1").arg(url.toString()));
}

} // namespace sg::ui

namespace sg::ui {

QString ClientApp::offlinePath(const QString &id, const QString &suffix) const
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(QStringLiteral("offline/%1.%2").arg(id, suffix));
}

QString ClientApp::dataTime(const QDateTime &utc)
{
    if (!utc.isValid())
        return QStringLiteral("—");
    return QLocale().toString(utc.toLocalTime(), QStringLiteral("HH:mm, d MMMM"));
}

void ClientApp::showOfflineState()
{
    if (!m_main)
        return;
    if (!m_offlineSession) {
        delete m_offlineLabel;
        return;
    }
    if (!m_offlineLabel) {
        m_offlineLabel = new QLabel(m_main);
        m_offlineLabel->setObjectName(QStringLiteral("offlineStateLabel"));
        m_offlineLabel->setProperty("state", QStringLiteral("warning"));
        m_main->statusBar()->addPermanentWidget(m_offlineLabel);
    }
    m_offlineLabel->setText(
        tr("Working offline: data as of %1").arg(dataTime(m_vault ? m_vault->lastSync() : QDateTime())));
    m_offlineLabel->setToolTip(tr("Signed in with the copy on this computer: the server has not been reached since. "
                                  "Decisions are kept here and sent when it answers."));
}

void ClientApp::wipeOfflineCopy(const QString &id)
{
    if (Status s = client::LocalCache::wipe(offlinePath(id, QStringLiteral("db"))); !s)
        qCWarning(lcApp) << "offline copy not wiped:" << s.error().message;
    if (Status s = client::OfflineVault::remove(offlinePath(id, QStringLiteral("vault"))); !s)
        qCWarning(lcApp) << "offline vault not wiped:" << s.error().message;
    m_secrets->remove(QStringLiteral("offline/%1/key").arg(id), [](Status s) {
        if (!s)
            qCInfo(lcApp) << "offline key not removed:" << s.error().code;
    });
}

QString ClientApp::offerOfflineCopy()
{
    m_login->setOfflineOffer(QString());
    if (!m_options.offlineCache || m_login->sharedComputer() || m_login->login().isEmpty())
        return {};
    const QString id = client::OfflineVault::copyId(m_api->baseUrl(), m_login->login());
    if (!QFileInfo::exists(offlinePath(id, QStringLiteral("db"))))
        return {};
    auto vault = client::OfflineVault::load(offlinePath(id, QStringLiteral("vault")));
    if (!vault) {
        if (vault.error().code == QLatin1String(client::vaulterr::Missing))
            return {};
        qCWarning(lcApp) << "offline vault not read:" << vault.error().code;
        return tr("The offline copy on this computer cannot be opened without the server: the file that checks its "
                  "password is damaged (%1). The copy is kept; sign in when the server can be reached.")
            .arg(vault.error().message);
    }
    if (!vault->hasPassword())
        return {}; // made by sign-ins through Gosuslugi only: there is no password to check
    if (vault->isExpired(m_clock.now())) {
        wipeOfflineCopy(id);
        return tr("The copy of this account on this computer was deleted: its data was last synced at %1, longer ago "
                  "than the server allows for personal data (%n day(s)). Sign in when the server can be reached.",
            nullptr, vault->maxDays())
            .arg(dataTime(vault->lastSync().isValid() ? vault->lastSync() : vault->createdAt()));
    }
    m_login->setOfflineOffer(dataTime(vault->lastSync()));
    return {};
}

void ClientApp::signInOffline()
{
    if (m_main || m_operator || m_person)
        return;
    const auto url = signInTarget();
    if (!url)
        return;
    m_api->setBaseUrl(*url);
    m_api->setPinnedCertificate(m_login->useLocalServer() ? QByteArray() : m_login->certificatePin());
    const QString login = m_login->login();
    const QString password = m_login->password();
    const QString id = client::OfflineVault::copyId(*url, login);
    const QString vaultPath = offlinePath(id, QStringLiteral("vault"));
    const QDateTime now = m_clock.now();
    auto loaded = client::OfflineVault::load(vaultPath);
    if (!loaded || !loaded->hasPassword() || !QFileInfo::exists(offlinePath(id, QStringLiteral("db")))) {
        m_login->setOfflineOffer(QString());
        if (loaded || loaded.error().code == QLatin1String(client::vaulterr::Missing))
            m_login->showError(tr("This computer keeps no copy of this account that opens with a password. Sign in "
                                  "when the server can be reached."));
        else
            m_login->showError(tr("The offline copy on this computer cannot be opened without the server: the file "
                                  "that checks its password is damaged (%1). The copy is kept; sign in when the "
                                  "server can be reached.")
                                   .arg(loaded.error().message));
        return;
    }
    client::OfflineVault vault = std::move(loaded).value();
    if (vault.isExpired(now)) {
        m_login->setOfflineOffer(QString());
        const QString more = offerOfflineCopy(); // wipes it and says why
        m_login->showError(more);
        return;
    }
    // Argon2id, twice at the moderate limits, runs off the GUI thread; the sign-in window is busy meanwhile.
    struct Unlock
    {
        client::OfflineVault vault;
        Result<QByteArray> key = Error{};
    };
    auto unlock = std::make_shared<Unlock>(Unlock{std::move(vault)});
    m_login->setBusy(true);
    QThread *worker = QThread::create([unlock, password, now] { unlock->key = unlock->vault.unlock(password, now); });
    connect(worker, &QThread::finished, this, [this, unlock, id, password] {
        m_login->setBusy(false);
        finishOfflineSignIn(id, std::move(unlock->vault), unlock->key, password);
    });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    worker->start();
}

void ClientApp::finishOfflineSignIn(
    const QString &id, client::OfflineVault vault, const Result<QByteArray> &key, const QString &password)
{
    if (m_main || m_operator || m_person)
        return;
    const QString vaultPath = offlinePath(id, QStringLiteral("vault"));
    if (!key) {
        const QString code = key.error().code;
        if (code == QLatin1String(client::vaulterr::WrongPassword)) {
            if (Status s = vault.save(vaultPath); !s)
                qCWarning(lcApp) << "offline vault not saved:" << s.error().message;
            QString text = tr("Wrong password for the copy on this computer.");
            if (vault.retryAt().isValid())
                text += QLatin1Char(' ')
                    + tr("Too many wrong passwords: the next attempt is possible at %1.")
                          .arg(dataTime(vault.retryAt()));
            m_login->showError(text);
            m_login->clearPassword();
        } else if (code == QLatin1String(client::vaulterr::Locked)) {
            m_login->showError(
                tr("Too many wrong passwords: the next attempt is possible at %1.").arg(dataTime(vault.retryAt())));
        } else {
            m_login->showError(tr("The copy on this computer cannot be opened (%1). It is kept; sign in when the "
                                  "server can be reached.")
                                   .arg(key.error().message));
        }
        return;
    }
    if (Status s = vault.save(vaultPath); !s) // the counter is back to zero
        qCWarning(lcApp) << "offline vault not saved:" << s.error().message;
    auto user = vault.user(key.value());
    auto opened = user ? client::LocalCache::open(offlinePath(id, QStringLiteral("db")), key.value())
                       : Result<std::unique_ptr<client::LocalCache>>(user.error());
    if (!opened || !user->schoolId || user->role == Role::Operator) {
        qCWarning(lcApp) << "offline copy not opened:" << (opened ? QString() : opened.error().code);
        m_login->showError(tr("The copy on this computer cannot be opened (%1). It is kept; sign in when the server "
                              "can be reached.")
                               .arg(opened ? tr("no school") : opened.error().message));
        return;
    }
    m_login->setOfflineOffer(QString());
    m_login->showError(QString());
    m_viaEsia = false;
    m_oneTimePassword.clear();
    m_cacheId = id;
    m_cachePath = offlinePath(id, QStringLiteral("db"));
    m_cacheKeyName = QStringLiteral("offline/%1/key").arg(id);
    m_cache = std::move(opened).value();
    m_vault = std::move(vault);
    m_offlineSession = true;
    m_offlinePassword = password;
    qCInfo(lcApp) << "signed in from the offline copy";
    m_session->startOffline(user.value());
    m_session->setCache(m_cache.get());
    showMainWindow();
}

void ClientApp::updateVault(const QByteArray &key)
{
    const auto &user = m_session->user();
    if (!user)
        return;
    const QString path = offlinePath(m_cacheId, QStringLiteral("vault"));
    auto loaded = client::OfflineVault::load(path);
    if (!loaded && loaded.error().code != QLatin1String(client::vaulterr::Missing))
        qCWarning(lcApp) << "offline vault replaced:" << loaded.error().code;
    if (!loaded && m_offlinePassword.isEmpty())
        return; // no password (Gosuslugi) and no vault from an earlier sign-in: no offline sign-in for this copy
    client::OfflineVault vault =
        loaded ? std::move(loaded).value() : client::OfflineVault(user->login, m_api->baseUrl(), m_clock.now());
    const QString password = std::exchange(m_offlinePassword, QString());
    vault.setUser(*user, key);
    vault.setMaxDays(user->offlineMaxDays);
    if (Status s = vault.save(path); !s) {
        qCWarning(lcApp) << "offline vault not saved:" << s.error().message;
        return;
    }
    m_vault = vault;
    if (password.isEmpty())
        return;
    // Argon2id at the moderate limits takes about a second and 256 MiB, twice: off the GUI thread, on a copy; the
    // verifier joins the vault if the copy is still open when it is ready (not after a sign-out).
    const QString id = m_cacheId;
    auto made = std::make_shared<Result<client::OfflineVault>>(Error{});
    QThread *worker = QThread::create([made, vault, password, key, limits = m_options.offlinePasswordLimits]() mutable {
        if (Status s = vault.setPassword(password, key, limits); !s)
            *made = s.error();
        else
            *made = std::move(vault);
    });
    connect(worker, &QThread::finished, this, [this, made, id] {
        if (!*made) {
            qCWarning(lcApp) << "offline sign-in not prepared:" << made->error().message;
            return;
        }
        if (!m_vault || !m_cache || m_cacheId != id)
            return; // signed out meanwhile: no verifier is kept
        m_vault->adoptPassword(made->value());
        if (Status s = m_vault->save(offlinePath(id, QStringLiteral("vault"))); !s)
            qCWarning(lcApp) << "offline vault not saved:" << s.error().message;
    });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    worker->start(QThread::LowPriority);
}

void ClientApp::reconnect()
{
    if (m_reconnecting || !m_offlineSession || !m_session->user())
        return;
    m_reconnecting = true;
    const proto::UserInfo offlineUser = *m_session->user();
    m_api->login(offlineUser.login, m_offlinePassword, [this, offlineUser](Result<proto::SessionInfo> r) {
        m_reconnecting = false;
        if (!m_offlineSession || !m_main)
            return;
        if (r && r->user.id == offlineUser.id && !r->user.mustChangePassword) {
            m_offlineSession = false;
            m_offlinePassword.clear();
            m_session->takeOnline(r->user);
            if (m_vault && m_cache) {
                m_vault->setMaxDays(r->user.offlineMaxDays);
                if (Status s = m_vault->save(offlinePath(m_cacheId, QStringLiteral("vault"))); !s)
                    qCWarning(lcApp) << "offline vault not saved:" << s.error().message;
            }
            qCInfo(lcApp) << "the offline session is online again";
            m_main->setConnectionState(true, m_api->baseUrl().toString());
            showOfflineState(); // gone
            m_main->showNotice(tr("The server is back: you are signed in again, and what was decided on this "
                                  "computer is being sent."));
            m_session->refresh(); // the school, then a sync that sends the outbox
            return;
        }
        if (!r
            && (r.error().code == QLatin1String(errc::NetworkError) || r.error().code == QLatin1String(errc::Timeout)
                || r.error().httpStatus >= 500 || r.error().httpStatus == 429)) {
            return; // asked again at the next check
        }
        // Refused (the password was changed on the server, say): ask for it once, in the sign-in window. The copy
        // and what waits in it stay; they go after that sign-in.
        const QString reason = r ? tr("another account") : r.error().message;
        qCInfo(lcApp) << "the server did not take the offline session back:" << (r ? QString() : r.error().code);
        m_offlinePassword.clear();
        m_api->setToken(QString());
        m_session->signOut();
        m_login->setCredentials(offlineUser.login, QString());
        m_login->showError(tr("The server is back but did not accept the password entered offline (%1). Enter your "
                              "current password: the decisions made offline stay on this computer and are sent once "
                              "you are signed in.")
                               .arg(reason));
    });
}

} // namespace sg::ui
