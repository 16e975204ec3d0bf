#pragma once

#include "core/protocol.h"
#include "core/result.h"

#include <QDeadlineTimer>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

QT_BEGIN_NAMESPACE
class QNetworkReply;
class QOAuth2AuthorizationCodeFlow;
class QSslError;
class QTimer;
QT_END_NAMESPACE

namespace sg::client {

class ApiClient;
class LoopbackReplyHandler;

// Error codes of a sign-in through Gosuslugi that ended on this computer (besides errc::Timeout, NetworkError,
// CertificateUntrusted and BadResponse).
namespace esiaerr {
inline constexpr char Cancelled[] = "esia-cancelled"; // «Отмена» here, or the person cancelled on Gosuslugi
inline constexpr char LevelInsufficient[] = "esia-level-insufficient"; // the role needs a confirmed account
inline constexpr char StateMismatch[] = "esia-state-mismatch"; // an answer that belongs to no sign-in of ours
inline constexpr char BrowserNotOpened[] = "esia-browser-not-opened";
inline constexpr char ListenFailed[] = "esia-listen-failed"; // no loopback port for the browser to come back to
inline constexpr char Refused[] = "esia-refused"; // the server refused (another error= or a refused code)
} // namespace esiaerr

// Sign-in through Gosuslugi (ESIA) in the system browser, as a native app does it (RFC 8252): a listener on
// 127.0.0.1 at a free port, the browser opened at the server's /api/v1/esia/authorize with that loopback address,
// a random state and a PKCE challenge (S256); the server's one-time code comes back to the listener and is
// exchanged, with the verifier, at /api/v1/esia/token for a session. QtNetworkAuth's authorization-code flow does
// the URL and the exchange; PKCE, the state and the error answers are checked here.
//
// Every start() ends in exactly one finished(): the session, or an Error with a message for the user. The listener
// is closed when it ends, whatever the outcome. The token request goes through the ApiClient's network manager and
// accepts its pinned certificate.
class EsiaSignIn : public QObject
{
    Q_OBJECT

public:
    // Opens a URL in the system browser (QDesktopServices::openUrl); false when it could not.
    using Opener = std::function<bool(const QUrl &)>;
    static constexpr int kDefaultTimeoutMs = 5 * 60 * 1000;

    EsiaSignIn(ApiClient *api, Opener opener, QObject *parent = nullptr);
    ~EsiaSignIn() override;

    // How long the person has, from start() until the session arrives.
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    int timeout() const { return m_timeoutMs; }

    // Begins at the ApiClient's base URL. finished() may come before this returns (no port, no browser).
    // Ignored while a sign-in runs.
    void start();
    // Ends the running sign-in with esiaerr::Cancelled.
    void cancel();
    bool isRunning() const { return m_running; }
    // Milliseconds until the running sign-in gives up; 0 when none runs.
    qint64 remainingTime() const;
    // The loopback address the browser returns to (redirect_uri), while a sign-in runs.
    QUrl redirectUri() const { return m_redirect; }

    // base64url(SHA-256(verifier)) without padding: the S256 challenge (RFC 7636, 4.2).
    static QByteArray challengeFor(const QByteArray &verifier);

signals:
    void finished(const sg::Result<sg::proto::SessionInfo> &result);

private:
    friend class LoopbackReplyHandler;
    void callbackReceived(const QVariantMap &values);
    void tokenReplyFinished(QNetworkReply *reply);
    void checkCertificate(QNetworkReply *reply, const QList<QSslError> &errors);
    void fail(const char *code, const QString &message);
    void finish(Result<proto::SessionInfo> result);
    void abortTokenRequest();
    static Result<proto::SessionInfo> parseTokenAnswer(int httpStatus, const QByteArray &body);

    QPointer<ApiClient> m_api;
    Opener m_opener;
    int m_timeoutMs = kDefaultTimeoutMs;
    bool m_running = false;
    bool m_codeAccepted = false; // the browser brought the code: the exchange is under way
    QByteArray m_verifier;
    QString m_state;
    QUrl m_redirect;
    QUrl m_tokenUrl;
    QDeadlineTimer m_deadline;
    QTimer *m_timer;
    QPointer<QOAuth2AuthorizationCodeFlow> m_flow;
    QPointer<LoopbackReplyHandler> m_handler;
    QMetaObject::Connection m_sslConnection;
};

} // namespace sg::client
