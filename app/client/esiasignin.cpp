#include "client/esiasignin.h"

#include "client/apiclient.h"
#include "core/errorcodes.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QOAuth2AuthorizationCodeFlow>
#include <QOAuthHttpServerReplyHandler>
#include <QRandomGenerator>
#include <QTimer>

Q_LOGGING_CATEGORY(lcEsiaSignIn, "sg.client.esia")

namespace sg::client {

namespace {

constexpr char kCallbackPath[] = "/esia";
constexpr int kVerifierBytes = 32; // 43 characters of base64url (RFC 7636, 4.1: 43 to 128)
constexpr int kStateBytes = 24;

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return bytes;
}

// A value of the browser's query as QtNetworkAuth hands it on: its QUrlQuery decodes only what decodes without
// ambiguity (an encoded '%' stays "%25"), so whatever is still percent-encoded is decoded once more here.
QString queryValue(const QVariantMap &values, const QString &key)
{
    return QUrl::fromPercentEncoding(values.value(key).toString().toUtf8());
}

} // namespace

// The loopback listener: QtNetworkAuth's, constructed on 127.0.0.1 only. The token answer is read by EsiaSignIn
// (QtNetworkAuth 6.4 drops an error answer with only a log line).
class LoopbackReplyHandler final : public QOAuthHttpServerReplyHandler
{
public:
    explicit LoopbackReplyHandler(EsiaSignIn *owner)
        : QOAuthHttpServerReplyHandler(QHostAddress::LocalHost, 0, owner)
        , m_owner(owner)
    {}

    void networkReplyFinished(QNetworkReply *reply) override { m_owner->tokenReplyFinished(reply); }

private:
    EsiaSignIn *m_owner;
};

EsiaSignIn::EsiaSignIn(ApiClient *api, Opener opener, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_opener(std::move(opener))
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        fail(errc::Timeout, tr("The sign-in through Gosuslugi took too long and was stopped. Start again."));
    });
}

EsiaSignIn::~EsiaSignIn()
{
    // QtNetworkAuth 6.4 calls the reply handler from the token reply without a guard: the reply goes first.
    if (m_running)
        abortTokenRequest();
}

QByteArray EsiaSignIn::challengeFor(const QByteArray &verifier)
{
    return base64Url(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256));
}

qint64 EsiaSignIn::remainingTime() const
{
    return m_running ? m_deadline.remainingTime() : 0;
}

void EsiaSignIn::start()
{
    if (m_running || !m_api)
        return;
    m_running = true;
    m_codeAccepted = false;
    m_deadline = QDeadlineTimer(m_timeoutMs);
    m_timer->start(m_timeoutMs);
    m_verifier = base64Url(randomBytes(kVerifierBytes));
    m_state = QString::fromLatin1(base64Url(randomBytes(kStateBytes)));
    m_tokenUrl = m_api->urlFor(QStringLiteral("/api/v1/esia/token"));

    auto *handler = new LoopbackReplyHandler(this);
    m_handler = handler;
    if (!handler->isListening()) {
        fail(esiaerr::ListenFailed,
            tr("SchoolGate cannot receive the answer of Gosuslugi: no local port could be opened on 127.0.0.1."));
        return;
    }
    handler->setCallbackPath(QString::fromLatin1(kCallbackPath));
    handler->setCallbackText(
        tr("SchoolGate has received the answer of Gosuslugi. You can close this page and return to SchoolGate.")
            .toHtmlEscaped());
    m_redirect = QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(handler->port()).arg(QLatin1String(kCallbackPath)));
    // Connected before the flow connects itself, so an answer is judged here before QtNetworkAuth acts on it.
    connect(handler, &QAbstractOAuthReplyHandler::callbackReceived, this, &EsiaSignIn::callbackReceived);

    auto *flow = new QOAuth2AuthorizationCodeFlow(m_api->network(), this);
    m_flow = flow;
    flow->setAuthorizationUrl(m_api->urlFor(QStringLiteral("/api/v1/esia/authorize")));
    flow->setAccessTokenUrl(m_tokenUrl);
    flow->setClientIdentifier(QStringLiteral("schoolgate-desktop"));
    flow->setState(m_state);
    flow->setReplyHandler(handler);
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    // PKCE is added by the modify function below on every Qt version; Qt's own (S256 by default from 6.8) would
    // add a second challenge.
    flow->setPkceMethod(QOAuth2AuthorizationCodeFlow::PkceMethod::None);
#endif
    flow->setModifyParametersFunction([this](QAbstractOAuth::Stage stage, QMultiMap<QString, QVariant> *parameters) {
        const QString redirectUri = QStringLiteral("redirect_uri");
        switch (stage) {
        case QAbstractOAuth::Stage::RequestingAuthorization:
            parameters->remove(QStringLiteral("code_challenge"));
            parameters->remove(QStringLiteral("code_challenge_method"));
            parameters->insert(QStringLiteral("code_challenge"), QString::fromLatin1(challengeFor(m_verifier)));
            parameters->insert(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
            // The IP literal with its port, whatever QtNetworkAuth's version would write.
            parameters->remove(redirectUri);
            parameters->insert(redirectUri, m_redirect.toString(QUrl::FullyEncoded));
            parameters->remove(QStringLiteral("state"));
            parameters->insert(QStringLiteral("state"), m_state);
            break;
        case QAbstractOAuth::Stage::RequestingAccessToken:
            parameters->remove(QStringLiteral("code_verifier"));
            parameters->insert(QStringLiteral("code_verifier"), QString::fromLatin1(m_verifier));
            // The form is built from already encoded values here.
            parameters->remove(redirectUri);
            parameters->insert(
                redirectUri, QString::fromLatin1(QUrl::toPercentEncoding(m_redirect.toString(QUrl::FullyEncoded))));
            break;
        default: break;
        }
    });
    connect(flow, &QAbstractOAuth::authorizeWithBrowser, this, [this](const QUrl &url) {
        qCInfo(lcEsiaSignIn) << "opening the browser; the answer comes back to port" << m_redirect.port();
        if (!m_opener || !m_opener(url))
            fail(esiaerr::BrowserNotOpened,
                tr("The web browser could not be opened. Check that this computer has a default browser, then try "
                   "again."));
    });
    m_sslConnection = connect(m_api->network(), &QNetworkAccessManager::sslErrors, this, &EsiaSignIn::checkCertificate);
    flow->grant();
}

void EsiaSignIn::cancel()
{
    fail(esiaerr::Cancelled, tr("The sign-in through Gosuslugi was cancelled."));
}

void EsiaSignIn::callbackReceived(const QVariantMap &values)
{
    if (!m_running || m_codeAccepted)
        return;
    const QString state = queryValue(values, QStringLiteral("state"));
    const QString error = queryValue(values, QStringLiteral("error"));
    const QString code = queryValue(values, QStringLiteral("code"));
    if (state.isEmpty() && error.isEmpty() && code.isEmpty())
        return; // not an answer at all (a browser asking for an icon)
    if (state != m_state) {
        // QtNetworkAuth would only log this. The code, if any, is never exchanged.
        qCWarning(lcEsiaSignIn) << "an answer with a wrong or missing state arrived at the loopback port";
        fail(esiaerr::StateMismatch,
            tr("An answer that does not belong to this sign-in arrived at SchoolGate, so it was refused and nobody "
               "was signed in. Start the sign-in through Gosuslugi again."));
        return;
    }
    if (!error.isEmpty()) {
        const QString description = queryValue(values, QStringLiteral("error_description")).left(2000);
        if (error == QLatin1String("esia_level_insufficient")) {
            fail(esiaerr::LevelInsufficient,
                description.isEmpty() ? tr("Your role needs a confirmed Gosuslugi account. Confirm it, then sign in "
                                           "again.")
                                      : description);
        } else if (error == QLatin1String("access_denied")) {
            fail(esiaerr::Cancelled,
                description.isEmpty() ? tr("The sign-in was cancelled on Gosuslugi.") : description);
        } else {
            fail(esiaerr::Refused,
                description.isEmpty() ? tr("The sign-in through Gosuslugi was refused (%1).").arg(error.left(64))
                                      : description);
        }
        return;
    }
    if (code.isEmpty()) {
        fail(errc::BadResponse, tr("Gosuslugi sent SchoolGate no sign-in code. Start again."));
        return;
    }
    // QtNetworkAuth exchanges the code next (its own state check passes); nothing else may arrive meanwhile.
    m_codeAccepted = true;
    if (m_handler)
        m_handler->close();
}

void EsiaSignIn::checkCertificate(QNetworkReply *reply, const QList<QSslError> &errors)
{
    if (m_running && m_api && reply->url() == m_tokenUrl)
        m_api->acceptPinnedCertificate(reply, errors);
}

void EsiaSignIn::tokenReplyFinished(QNetworkReply *reply)
{
    if (!m_running)
        return; // cancelled or timed out meanwhile: the abort ends here
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        if (auto refused = ApiClient::certificateError(reply))
            return finish(std::move(*refused));
        return finish(Error{QString::fromLatin1(errc::NetworkError),
            tr("The server cannot be reached: %1").arg(reply->errorString()), 0});
    }
    finish(parseTokenAnswer(status, reply->readAll()));
}

Result<proto::SessionInfo> EsiaSignIn::parseTokenAnswer(int httpStatus, const QByteArray &body)
{
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    const QJsonObject o = doc.object();
    if (httpStatus != 200) {
        const QString error = o.value(QStringLiteral("error")).toString().left(64);
        const QString description = o.value(QStringLiteral("error_description")).toString().left(1000);
        qCWarning(lcEsiaSignIn) << "the code exchange was refused:" << httpStatus << error;
        if (httpStatus >= 500 || error.isEmpty())
            return Error{QString::fromLatin1(httpStatus >= 500 ? errc::Unavailable : errc::BadResponse),
                tr("The server could not finish the sign-in (HTTP %1). Try again.").arg(httpStatus), httpStatus};
        return Error{QString::fromLatin1(esiaerr::Refused),
            tr("The server refused the sign-in through Gosuslugi: %1 Start again.")
                .arg(description.isEmpty() ? error : description),
            httpStatus};
    }
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return Error{QString::fromLatin1(errc::BadResponse), tr("The server's answer is not valid JSON."), httpStatus};
    // The OAuth fields beside the session's own (POST /api/v1/session's answer).
    const QString accessToken = o.value(QStringLiteral("access_token")).toString();
    const QString tokenType = o.value(QStringLiteral("token_type")).toString();
    const QJsonObject session{{QStringLiteral("token"), o.value(QStringLiteral("token"))},
        {QStringLiteral("expiresAt"), o.value(QStringLiteral("expiresAt"))},
        {QStringLiteral("user"), o.value(QStringLiteral("user"))}};
    auto parsed = proto::SessionInfo::fromJson(session);
    if (!parsed)
        return Error{QString::fromLatin1(errc::BadResponse), parsed.error().message, httpStatus};
    if ((!accessToken.isEmpty() && accessToken != parsed->token)
        || (!tokenType.isEmpty() && tokenType.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) != 0))
        return Error{QString::fromLatin1(errc::BadResponse), tr("The server's answer names two different sessions."),
            httpStatus};
    return parsed;
}

void EsiaSignIn::fail(const char *code, const QString &message)
{
    finish(Error{QString::fromLatin1(code), message, 0});
}

void EsiaSignIn::abortTokenRequest()
{
    // QtNetworkAuth keeps the token reply to itself; it is the manager's running POST to the token URL.
    if (!m_codeAccepted || m_tokenUrl.isEmpty() || !m_api)
        return;
    const auto replies = m_api->network()->findChildren<QNetworkReply *>(Qt::FindDirectChildrenOnly);
    for (QNetworkReply *reply : replies) {
        if (reply->isRunning() && reply->operation() == QNetworkAccessManager::PostOperation
            && reply->url() == m_tokenUrl)
            reply->abort();
    }
}

void EsiaSignIn::finish(Result<proto::SessionInfo> result)
{
    if (!m_running)
        return;
    m_running = false;
    m_timer->stop();
    disconnect(m_sslConnection);
    abortTokenRequest();
    m_codeAccepted = false;
    if (m_handler) {
        m_handler->close(); // from now on, a connection to the port is refused
        m_handler->deleteLater();
    }
    if (m_flow)
        m_flow->deleteLater();
    m_verifier.fill('\0');
    m_verifier.clear();
    m_state.clear();
    m_redirect.clear();
    if (result)
        qCInfo(lcEsiaSignIn) << "signed in through Gosuslugi as account" << result->user.id;
    else
        qCInfo(lcEsiaSignIn) << "the sign-in through Gosuslugi ended:" << result.error().code;
    emit finished(result);
}

} // namespace sg::client
