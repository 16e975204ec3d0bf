#pragma once

#include "client/offlinevault.h"
#include "client/profilestore.h"
#include "core/clock.h"
#include "core/protocol.h"
#include "core/result.h"
#include "mainwindow.h"
#include "operatorwindow.h"
#include "personwindow.h"

#include <QLabel>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QTranslator>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace sg::client {
class ApiClient;
class EsiaSignIn;
class LocalCache;
class SchoolSession;
class SecretStore;
} // namespace sg::client
namespace sg::server {
class LocalServer;
}

namespace sg::ui {

class EsiaWaitDialog;
class LoginWindow;
class Prompter;

struct ClientOptions
{
    bool demo = false; // start the bundled server with the demo school and prefill demo-school
    QString demoPassword; // empty = random
    bool autoSignIn = false; // press «Войти» at start (with --demo)
    QUrl serverUrl; // a remote server instead of the bundled one
    QString language; // "ru" (default) or "en"; empty = remembered or system
    QString dataDir; // where the bundled server keeps its data
    QString keychainService = QStringLiteral("SchoolGate"); // the keychain's service name for remembered passwords
    bool offlineCache = true; // keep an encrypted offline copy of the signed-in account (when a keychain is there)
    // Opens a web page in the system browser (sign-in through Gosuslugi, its registration page); empty:
    // QDesktopServices::openUrl. Tests pass their own.
    std::function<bool(const QUrl &)> openUrl;
    int esiaTimeoutMs = 5 * 60 * 1000; // how long the sign-in through Gosuslugi may take
    // Where secrets live instead of the OS keychain (not owned; tests pass one that fails or keeps them in memory).
    client::SecretStore *secretStore = nullptr;
    int healthIntervalMs = 30 * 1000; // how often the main window asks the server whether it answers
    // Argon2id costs of the offline copy's password verifier and key wrapping (tests pass interactive()).
    client::PasswordHashLimits offlinePasswordLimits = client::PasswordHashLimits::moderate();
};

// Wires the desktop client together: language, the bundled local server, the API client and session,
// the sign-in window and the main window.
class ClientApp : public QObject
{
    Q_OBJECT

public:
    ClientApp(ClientOptions options, Prompter *prompter, const Clock &clock, QObject *parent = nullptr);
    ~ClientApp() override;

    // Shows the sign-in window (and signs in when asked to). Fails if the demo server cannot start.
    Status start();

    LoginWindow *loginWindow() const { return m_login.get(); }
    MainWindow *mainWindow() const { return m_main; }
    OperatorWindow *operatorWindow() const { return m_operator; }
    PersonWindow *personWindow() const { return m_person; }
    client::SchoolSession *session() const { return m_session; }
    QString demoPassword() const;
    void setLanguage(const QString &code);
    // Fusion with a dark palette, or the platform's light one; remembered.
    void setDarkTheme(bool dark);
    bool isDarkTheme() const { return m_dark; }

private:
    Result<QUrl> ensureLocalServer();
    void signIn();
    // «Войти через Госуслуги»: the browser, the waiting dialog, then the same path as a password sign-in.
    void signInWithEsia();
    void esiaFinished(const Result<proto::SessionInfo> &result);
    // Asks the chosen server whether it offers sign-in through Gosuslugi (the sign-in window shows the button).
    void checkEsiaOffer();
    void explainEsiaRegistration();
    bool openUrl(const QUrl &url) const;
    // The server the sign-in window points at: the bundled one (started when needed) or the address typed.
    std::optional<QUrl> signInTarget();
    void showMainWindow();
    void afterSignIn();
    void askNewPassword(const QString &problem);
    void backToSignIn();
    void applyProfile(const QString &id);
    void forgetProfile(const QString &id);
    void rememberProfile();
    void probeKeychain();
    // Stops what is talking to the server now (sign-in, a batch, a report): its callbacks get "cancelled".
    void cancelRequests();
    // Offline copy of the signed-in account: key from the keychain (made on first use), file under the user's data
    // folder. Calls done() when the session has its cache or works without one (and the user was told why).
    void openCache(std::function<void()> done);
    void closeCache();
    // The user signs out: after a warning about what has not reached the server, the offline copy and its key
    // are wiped (even with no network).
    void signOut();

    // ---- Offline sign-in ----
    QString offlinePath(const QString &id, const QString &suffix) const;
    // After a sign-in failed for want of the server: offers the account's offline copy in the sign-in window when
    // it can be opened with a password; returns what to add to the error shown (a copy wiped for its age, a damaged
    // vault), or nothing.
    QString offerOfflineCopy();
    // «Открыть копию на этом компьютере»: checks the password against the vault and opens the copy and the windows
    // without the server.
    void signInOffline();
    // The vault answered (key or why not): the copy and the windows open, or the sign-in window says why.
    void finishOfflineSignIn(
        const QString &id, client::OfflineVault vault, const Result<QByteArray> &key, const QString &password);
    // Online, once the copy is open with key: the vault gets the password's verifier and wrapped key (when this
    // sign-in had a password), the user and the server's longest offline age.
    void updateVault(const QByteArray &key);
    // Deletes an account's offline copy, its vault and its keychain key.
    void wipeOfflineCopy(const QString &id);
    // "14:05, 5 December" in the interface language, local time.
    static QString dataTime(const QDateTime &utc);
    // «Работа без сети: данные на 14:05, 5 декабря» in the main window's status bar while the session is offline.
    void showOfflineState();
    // The server answers again during an offline session: sign in with the password entered offline.
    void reconnect();
    ClientOptions m_options;
    Prompter *m_prompter;
    const Clock &m_clock;
    QNetworkAccessManager m_network;
    client::ApiClient *m_api;
    client::ApiClient *m_esiaProbe; // GET /api/v1/esia for the sign-in window, apart from the session's client
    int m_esiaProbeRound = 0; // a late answer for a server no longer chosen is dropped
    client::EsiaSignIn *m_esia = nullptr;
    QPointer<EsiaWaitDialog> m_esiaDialog;
    bool m_viaEsia = false; // the session being set up came through Gosuslugi (no password to remember)
    client::SchoolSession *m_session;
    client::SecretStore *m_secrets;
    client::ProfileStore m_profiles;
    QString m_passwordToRemember; // from the sign-in until the profile is saved, then cleared
    bool m_cancelling = false;
    std::unique_ptr<client::LocalCache> m_cache;
    QString m_cachePath;
    QString m_cacheKeyName;
    QString m_cacheNotice; // why this session keeps no offline copy (shown in the main window)
    QString m_cacheId;
    std::optional<client::OfflineVault> m_vault; // of the open copy, when it has one
    // The password of this sign-in: online, until the vault has its verifier; offline, until the server takes the
    // session back. Memory only.
    QString m_offlinePassword;
    bool m_offlineSession = false; // signed in from the offline copy, the server not reached yet
    bool m_reconnecting = false;
    QPointer<QLabel> m_offlineLabel;
    std::unique_ptr<server::LocalServer> m_localServer;
    std::unique_ptr<LoginWindow> m_login;
    QPointer<MainWindow> m_main;
    QPointer<OperatorWindow> m_operator;
    QPointer<PersonWindow> m_person; // a student or a parent: their own record, nothing to decide
    QTranslator m_appTranslator;
    QTranslator m_qtTranslator;
    QString m_language;
    QString m_oneTimePassword; // kept only until the forced password change is done
    QTimer *m_healthTimer;
    bool m_dark = false;
    void checkConnection();
};

} // namespace sg::ui
