#include "esiastand/standroutes.h"

#include "core/errorcodes.h"
#include "core/validators.h"
#include "esiastand/accountrules.h"
#include "esiastand/esiaprotocol.h"
#include "esiastand/standkeys.h"
#include "esiastand/standpages.h"
#include "server/crypto.h"
#include "server/mailmessage.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <sodium.h>

Q_LOGGING_CATEGORY(lcStand, "sg.esiastand")

namespace sg::esiastand {

using server::HttpRequest;
using server::HttpResponse;

namespace {

constexpr char kSessionCookie[] = "esia_session";
constexpr char kBrowserCookie[] = "esia_bid";
constexpr int kMaxFields = 64;
constexpr int kMaxFieldChars = 4096;
constexpr int kTicketLifetimeSecs = 10 * 60;
constexpr int kRecoveryLifetimeSecs = 3600;
constexpr int kRegisterLifetimeSecs = 24 * 3600;
constexpr int kRefreshLifetimeDays = 14;
constexpr int kMailsPerHour = 5; // recovery links per account, registration letters per address and per e-mail

const QString kWrongCredentials = QStringLiteral("Неверный логин или пароль");

QByteArray hashOf(const QString &secret)
{
    return server::crypto::tokenHash(secret);
}

QStringList scopeList(const QString &scope)
{
    return scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

bool knownScope(const QString &scope)
{
    static const QSet<QString> known{QString::fromLatin1(scope::OpenId), QString::fromLatin1(scope::FullName),
        QString::fromLatin1(scope::BirthDate), QString::fromLatin1(scope::Gender), QString::fromLatin1(scope::Snils),
        QString::fromLatin1(scope::Email), QString::fromLatin1(scope::Mobile), QString::fromLatin1(scope::Contacts),
        QString::fromLatin1(scope::Organisations)};
    return known.contains(scope);
}

// Appends parameters to a redirect URI that may have a query of its own.
QByteArray withParameters(const QString &uri, const QList<QPair<QString, QString>> &parameters)
{
    const QByteArray base = QUrl(uri, QUrl::StrictMode).toEncoded();
    return base + (base.contains('?') ? '&' : '?') + encodeForm(parameters);
}

HttpResponse redirectTo(const QByteArray &location, const QList<QByteArray> &cookies = {})
{
    HttpResponse r;
    r.status = 302;
    r.contentType.clear();
    r.headers.append({QByteArray("Location"), location});
    for (const QByteArray &cookie : cookies)
        r.headers.append({QByteArray("Set-Cookie"), cookie});
    return r;
}

HttpResponse oauthError(int status, const char *error, const QString &description)
{
    HttpResponse r = HttpResponse::json(status,
        QJsonObject{
            {QStringLiteral("error"), QString::fromLatin1(error)}, {QStringLiteral("error_description"), description}});
    if (status == 401)
        r.headers.append(
            {QByteArray("WWW-Authenticate"), QByteArray("Bearer error=\"") + QByteArray(error) + QByteArray("\"")});
    return r;
}

QString formatWait(int secs)
{
    if (secs < 60)
        return QStringLiteral("%1 с").arg(secs);
    const int minutes = (secs + 59) / 60;
    return QStringLiteral("%1 мин").arg(minutes);
}

QString fullName(const Account &a)
{
    return QStringList{a.lastName, a.firstName, a.middleName}.join(QLatin1Char(' ')).simplified();
}

bool isToken(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_-]{20,100}$"));
    return re.match(text).hasMatch();
}

} // namespace

QString StandRoutes::Call::field(const QString &name) const
{
    for (const auto &[k, v] : fields) {
        if (k == name)
            return v;
    }
    return {};
}

bool StandRoutes::Call::has(const QString &name) const
{
    return std::any_of(fields.cbegin(), fields.cend(), [&name](const auto &pair) { return pair.first == name; });
}

StandRoutes::StandRoutes(StandContext context)
    : m_context(std::move(context))
{}

HttpResponse StandRoutes::handle(const HttpRequest &request)
{
    Call call{request, {}, {}};
    HttpResponse response;
    const bool isApi = request.path.startsWith(QLatin1String(path::Persons))
        || request.path == QLatin1String(path::Token) || request.path == QLatin1String(path::Jwks);

    // Parameters: the query of a GET, the form body of a POST (a POST's query is ignored).
    QByteArray encoded;
    bool readable = true;
    if (request.method == "POST") {
        const QByteArray type = request.header("Content-Type").split(';').first().trimmed().toLower();
        if (type != "application/x-www-form-urlencoded") {
            response = isApi ? oauthError(415, "invalid_request", QStringLiteral("the body must be a form"))
                             : errorPage(415, QStringLiteral("invalid_request"), QStringLiteral("Ошибка запроса"),
                                 QStringLiteral("Форма отправлена в неизвестном формате."));
            readable = false;
        }
        encoded = request.body;
    } else {
        encoded = request.query.toString(QUrl::FullyEncoded).toLatin1();
    }
    if (readable) {
        const auto fields = decodeForm(encoded);
        QString problem;
        if (!fields)
            problem = QStringLiteral("malformed parameters");
        else if (fields->size() > kMaxFields)
            problem = QStringLiteral("too many parameters");
        else {
            QSet<QString> seen;
            for (const auto &[k, v] : *fields) {
                if (k.size() > 64 || v.size() > kMaxFieldChars)
                    problem = QStringLiteral("a parameter is too long");
                else if (seen.contains(k))
                    problem = QStringLiteral("the parameter %1 is repeated").arg(k.left(64));
                seen.insert(k);
            }
        }
        if (!problem.isEmpty()) {
            response = isApi ? oauthError(400, "invalid_request", problem)
                             : errorPage(400, QStringLiteral("invalid_request"), QStringLiteral("Ошибка запроса"),
                                 QStringLiteral("Запрос составлен неверно: параметры повреждены, повторяются или "
                                                "слишком длинные."));
            readable = false;
        } else {
            call.fields = *fields;
        }
    }
    if (readable) {
        for (const QByteArray &part : request.header("Cookie").split(';')) {
            const qsizetype eq = part.indexOf('=');
            if (eq > 0)
                call.cookies.insert(
                    QString::fromLatin1(part.left(eq).trimmed()), QString::fromLatin1(part.mid(eq + 1).trimmed()));
        }
        response = dispatch(call);
    }

    response.headers.append({QByteArray("Cache-Control"), QByteArray("no-store")});
    response.headers.append({QByteArray("Pragma"), QByteArray("no-cache")});
    response.headers.append({QByteArray("X-Content-Type-Options"), QByteArray("nosniff")});
    response.headers.append({QByteArray("Referrer-Policy"), QByteArray("no-referrer")});
    if (response.contentType.startsWith("text/html")) {
        response.headers.append({QByteArray("X-Frame-Options"), QByteArray("DENY")});
        response.headers.append({QByteArray("Content-Security-Policy"),
            QByteArray("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'")});
    }
    if (request.method == "HEAD")
        response.body.clear();
    return response;
}

HttpResponse StandRoutes::dispatch(Call &call)
{
    const QByteArray &method = call.request.method;
    const bool get = method == "GET" || method == "HEAD";
    const bool post = method == "POST";
    const QString &p = call.request.path;
    const auto notAllowed = [](const QByteArray &allow) {
        HttpResponse r = oauthError(405, "invalid_request", QStringLiteral("this method is not allowed here"));
        r.headers.append({QByteArray("Allow"), allow});
        return r;
    };
    // Routes with one method.
    const struct
    {
        const char *path;
        const char *method;
        HttpResponse (StandRoutes::*handler)(Call &);
    } single[] = {
        {path::Authorize, "GET", &StandRoutes::authorize},
        {path::Token, "POST", &StandRoutes::token},
        {path::Logout, "GET", &StandRoutes::logout},
        {"/idp/cancel", "POST", &StandRoutes::cancel},
        {"/", "GET", &StandRoutes::home},
    };
    for (const auto &route : single) {
        if (p != QLatin1String(route.path))
            continue;
        const bool wantGet = qstrcmp(route.method, "GET") == 0;
        if ((wantGet && get) || (!wantGet && post))
            return (this->*route.handler)(call);
        return notAllowed(wantGet ? QByteArray("GET, HEAD") : QByteArray("POST"));
    }
    // Pages with a form: GET shows it, POST sends it.
    const struct
    {
        const char *path;
        HttpResponse (StandRoutes::*show)(Call &);
        HttpResponse (StandRoutes::*submit)(Call &);
    } forms[] = {
        {"/idp/login", &StandRoutes::signInPage, &StandRoutes::signIn},
        {"/idp/recovery", &StandRoutes::recoveryPage, &StandRoutes::recovery},
        {"/idp/recovery/confirm", &StandRoutes::recoveryConfirmPage, &StandRoutes::recoveryConfirm},
        {"/idp/register", &StandRoutes::registerPage, &StandRoutes::registration},
        {"/idp/register/confirm", &StandRoutes::registerConfirmPage, &StandRoutes::registerConfirm},
        {"/profile", &StandRoutes::profilePage, &StandRoutes::profileSave},
    };
    for (const auto &route : forms) {
        if (p != QLatin1String(route.path))
            continue;
        if (get)
            return (this->*route.show)(call);
        if (post)
            return (this->*route.submit)(call);
        return notAllowed("GET, HEAD, POST");
    }
    if (p == QLatin1String(path::Jwks))
        return get ? jwks() : notAllowed("GET, HEAD");
    const QString persons = QString::fromLatin1(path::Persons) + QLatin1Char('/');
    if (p.startsWith(persons)) {
        const QStringList parts = p.mid(persons.size()).split(QLatin1Char('/'));
        const bool shape = (parts.size() == 1)
            || (parts.size() == 2 && (parts.at(1) == QLatin1String("ctts") || parts.at(1) == QLatin1String("roles")))
            || (parts.size() == 3 && parts.at(1) == QLatin1String("ctts"));
        if (shape) {
            if (!get)
                return notAllowed("GET, HEAD");
            return person(call, parts.at(0), parts.value(1), parts.value(2));
        }
    }
    if (p.startsWith(QLatin1String("/rs/")) || p.startsWith(QLatin1String("/aas/")))
        return oauthError(404, "not_found", QStringLiteral("there is no such resource"));
    return errorPage(404, QStringLiteral("not_found"), QStringLiteral("Страница не найдена"),
        QStringLiteral("Такой страницы на стенде нет."));
}

// ---------------------------------------------------------------------------------------------------------------
// Pieces

StandRoutes::BrowserId StandRoutes::browserOf(const Call &call) const
{
    const QString id = call.cookies.value(QString::fromLatin1(kBrowserCookie));
    if (isToken(id))
        return BrowserId{id, false};
    return BrowserId{server::crypto::randomToken(), true};
}

QString StandRoutes::csrfFor(const BrowserId &browser) const
{
    return QString::fromLatin1(base64Url(QMessageAuthenticationCode::hash(
        QByteArray("csrf:") + browser.id.toLatin1(), m_context.csrfKey, QCryptographicHash::Sha256)));
}

bool StandRoutes::csrfOk(const Call &call) const
{
    const QString id = call.cookies.value(QString::fromLatin1(kBrowserCookie));
    if (!isToken(id))
        return false;
    const QByteArray want = csrfFor(BrowserId{id, false}).toLatin1();
    const QByteArray got = call.field(QStringLiteral("csrf")).toLatin1();
    return got.size() == want.size() && sodium_memcmp(got.constData(), want.constData(), size_t(want.size())) == 0;
}

HttpResponse StandRoutes::page(int status, const QByteArray &html, const BrowserId &browser) const
{
    HttpResponse r;
    r.status = status;
    r.contentType = "text/html; charset=utf-8";
    r.body = html;
    if (browser.fresh) {
        QByteArray cookie =
            QByteArray(kBrowserCookie) + '=' + browser.id.toLatin1() + "; Path=/; HttpOnly; SameSite=Lax";
        if (m_context.baseUrl().scheme() == QLatin1String("https"))
            cookie += "; Secure";
        r.headers.append({QByteArray("Set-Cookie"), cookie});
    }
    return r;
}

HttpResponse StandRoutes::errorPage(int status, const QString &code, const QString &title, const QString &text) const
{
    return page(status, pages::error(code, title, text), BrowserId{});
}

HttpResponse StandRoutes::csrfRefused() const
{
    return errorPage(403, QStringLiteral("csrf"), QStringLiteral("Форма устарела"),
        QStringLiteral("Не удалось проверить, что форма отправлена с этой страницы. Откройте страницу заново и "
                       "повторите действие."));
}

std::optional<StandSession> StandRoutes::sessionOf(const Call &call)
{
    const QString token = call.cookies.value(QString::fromLatin1(kSessionCookie));
    if (!isToken(token))
        return std::nullopt;
    return m_context.store.session(hashOf(token));
}

QString StandRoutes::newTicket(const QJsonObject &request)
{
    const QString ticket = server::crypto::randomToken();
    if (!m_context.store.insertPending(hashOf(ticket), request, m_context.clock.now().addSecs(kTicketLifetimeSecs)))
        return {};
    return ticket;
}

std::optional<QJsonObject> StandRoutes::pendingOf(const QString &ticket)
{
    if (!isToken(ticket))
        return std::nullopt;
    return m_context.store.pending(hashOf(ticket));
}

QString StandRoutes::checkSecret(const Client &client, const Call &call, const QString &code, QString *why) const
{
    const QString timestamp = call.field(QStringLiteral("timestamp"));
    const auto when = parseTimestamp(timestamp);
    if (!when) {
        *why = QStringLiteral("Параметр timestamp должен иметь вид «ГГГГ.ММ.ДД ЧЧ:ММ:СС +ЧЧММ».");
        return QStringLiteral("invalid_timestamp");
    }
    const qint64 skew = std::abs(when->secsTo(m_context.clock.now()));
    if (skew > kTimestampToleranceSecs) {
        *why = QStringLiteral("Время запроса (timestamp) отличается от времени стенда больше чем на 5 минут.");
        return QStringLiteral("invalid_timestamp");
    }
    const auto signature = fromBase64Url(call.field(QStringLiteral("client_secret")).toLatin1());
    const QByteArray message =
        secretMessage(client.clientId, call.field(QStringLiteral("scope")), call.field(QStringLiteral("scope_org")),
            timestamp, call.field(QStringLiteral("state")), call.field(QStringLiteral("redirect_uri")), code);
    if (!signature || signature->size() != crypto_sign_BYTES || client.publicKey.size() != crypto_sign_PUBLICKEYBYTES
        || crypto_sign_verify_detached(reinterpret_cast<const unsigned char *>(signature->constData()),
               reinterpret_cast<const unsigned char *>(message.constData()), quint64(message.size()),
               reinterpret_cast<const unsigned char *>(client.publicKey.constData()))
            != 0) {
        *why = QStringLiteral("Подпись запроса (client_secret) неверна.");
        return QStringLiteral("invalid_signature");
    }
    return {};
}

QByteArray StandRoutes::startSession(const Account &account, bool foreign, StandSession *session)
{
    const QDateTime now = m_context.clock.now();
    const QString token = server::crypto::randomToken();
    session->oid = account.oid;
    session->sid = QString::fromLatin1(server::crypto::randomBytes(16).toHex());
    session->authTime = now;
    session->expiresAt = foreign ? now.addSecs(qint64(m_context.options.foreignSessionMinutes) * 60)
                                 : now.addDays(m_context.options.persistentSessionDays);
    if (!m_context.store.insertSession(hashOf(token), *session))
        return {};
    QByteArray cookie = QByteArray(kSessionCookie) + '=' + token.toLatin1() + "; Path=/; HttpOnly; SameSite=Lax";
    if (m_context.baseUrl().scheme() == QLatin1String("https"))
        cookie += "; Secure";
    if (!foreign) {
        // Expires for old browsers, then Max-Age, which wins (RFC 6265) and does not depend on the browser's clock.
        const qint64 maxAge = qint64(m_context.options.persistentSessionDays) * 24 * 3600;
        cookie += "; Expires="
            + QLocale::c().toString(session->expiresAt, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss")).toLatin1()
            + " GMT; Max-Age=" + QByteArray::number(maxAge);
    }
    return cookie;
}

HttpResponse StandRoutes::completeAuthorization(
    const QJsonObject &request, const StandSession &session, const QList<QByteArray> &cookies)
{
    const QString clientId = request.value(QStringLiteral("client_id")).toString();
    const QString redirectUri = request.value(QStringLiteral("redirect_uri")).toString();
    const auto client = m_context.store.client(clientId);
    const bool allowed = client
        && std::any_of(client->redirectUris.cbegin(), client->redirectUris.cend(),
            [&redirectUri](const QString &registered) { return redirectUriMatches(registered, redirectUri); });
    if (!allowed) {
        HttpResponse r = errorPage(400, QStringLiteral("invalid_client"), QStringLiteral("Вход невозможен"),
            QStringLiteral("Информационная система, запросившая вход, больше не зарегистрирована на стенде."));
        for (const QByteArray &cookie : cookies)
            r.headers.append({QByteArray("Set-Cookie"), cookie});
        return r;
    }
    const QString code = server::crypto::randomToken();
    Grant grant;
    grant.hash = hashOf(code);
    grant.kind = QStringLiteral("code");
    grant.clientId = clientId;
    grant.redirectUri = redirectUri;
    grant.oid = session.oid;
    grant.scope = request.value(QStringLiteral("scope")).toString();
    grant.nonce = request.value(QStringLiteral("nonce")).toString();
    grant.sid = session.sid;
    grant.authTime = session.authTime;
    grant.expiresAt = m_context.clock.now().addSecs(kCodeLifetimeSecs);
    if (!m_context.store.insertGrant(grant))
        return errorPage(503, QStringLiteral("unavailable"), QStringLiteral("Стенд недоступен"),
            QStringLiteral("Не удалось сохранить данные входа. Повторите попытку."));
    qCInfo(lcStand) << "authorisation code issued to client" << clientId;
    return redirectTo(withParameters(redirectUri,
                          {{QStringLiteral("code"), code},
                              {QStringLiteral("state"), request.value(QStringLiteral("state")).toString()}}),
        cookies);
}

int StandRoutes::waitFor(const QString &subject, int freeFailures, int maxPerHour)
{
    const QDateTime now = m_context.clock.now();
    const auto stats = m_context.store.failures(subject, now.addSecs(-3600));
    // Whole seconds up to a moment (failures are stored to the second).
    const auto secondsUntil = [&now](const QDateTime &moment) {
        const qint64 ms = now.msecsTo(moment);
        return ms <= 0 ? 0 : int((ms + 999) / 1000);
    };
    if (stats.count >= maxPerHour)
        return std::max(1, secondsUntil(stats.first.addSecs(3600)));
    if (stats.count < freeFailures)
        return 0;
    const qint64 step =
        std::min<qint64>(qint64(1) << std::min(stats.count - freeFailures, 20), m_context.options.limits.maxWaitSecs);
    return secondsUntil(stats.last.addSecs(step));
}

QString StandRoutes::link(const QString &pathAndQuery) const
{
    return m_context.baseUrl().toString(QUrl::StripTrailingSlash) + pathAndQuery;
}

void StandRoutes::mailTo(const QString &address, const QString &name, const QString &subject, const QString &body)
{
    server::MailMessage message(server::MailAddress(QStringLiteral("no-reply@esia-stand.localhost"),
                                    QStringLiteral("Госуслуги — тестовый стенд")),
        {server::MailAddress(address, name)}, subject,
        body
            + QStringLiteral("\n\n-- \nТестовый стенд ЕСИА. Письмо отправлено автоматически, отвечать на него не "
                             "нужно.\n"));
    m_context.sendMail(message);
}

// ---------------------------------------------------------------------------------------------------------------
// OAuth

HttpResponse StandRoutes::authorize(Call &call)
{
    const auto fail = [this](const QString &code, const QString &text) {
        return errorPage(400, code, QStringLiteral("Ошибка авторизации"), text);
    };
    const QString clientId = call.field(QStringLiteral("client_id"));
    if (clientId.isEmpty())
        return fail(QStringLiteral("invalid_request"), QStringLiteral("В запросе нет параметра client_id."));
    const auto client = m_context.store.client(clientId);
    if (!client)
        return fail(QStringLiteral("invalid_client"),
            QStringLiteral("Информационная система «%1» не зарегистрирована на стенде.").arg(clientId));
    const QString redirectUri = call.field(QStringLiteral("redirect_uri"));
    const bool registered = std::any_of(client->redirectUris.cbegin(), client->redirectUris.cend(),
        [&redirectUri](const QString &uri) { return redirectUriMatches(uri, redirectUri); });
    if (!registered)
        return fail(QStringLiteral("invalid_redirect_uri"),
            QStringLiteral("Адрес возврата (redirect_uri) не зарегистрирован для этой информационной системы."));
    QString why;
    if (const QString code = checkSecret(*client, call, {}, &why); !code.isEmpty())
        return fail(code, why);
    if (call.field(QStringLiteral("response_type")) != QLatin1String("code"))
        return fail(
            QStringLiteral("unsupported_response_type"), QStringLiteral("Параметр response_type должен быть code."));
    const QStringList scopes = scopeList(call.field(QStringLiteral("scope")));
    if (!scopes.contains(QLatin1String(scope::OpenId)))
        return fail(QStringLiteral("invalid_scope"), QStringLiteral("В параметре scope нет openid."));
    for (const QString &s : scopes) {
        if (!knownScope(s))
            return fail(QStringLiteral("invalid_scope"), QStringLiteral("Неизвестная область доступа «%1».").arg(s));
    }
    const QString state = call.field(QStringLiteral("state"));
    if (state.isEmpty())
        return fail(QStringLiteral("invalid_request"), QStringLiteral("В запросе нет параметра state."));
    QString accessType = call.field(QStringLiteral("access_type"));
    if (accessType.isEmpty())
        accessType = QStringLiteral("online");
    if (accessType != QLatin1String("online") && accessType != QLatin1String("offline"))
        return fail(
            QStringLiteral("invalid_request"), QStringLiteral("Параметр access_type должен быть online или offline."));

    const QJsonObject request{{QStringLiteral("client_id"), clientId}, {QStringLiteral("redirect_uri"), redirectUri},
        {QStringLiteral("scope"), scopes.join(QLatin1Char(' '))},
        {QStringLiteral("scope_org"), call.field(QStringLiteral("scope_org"))}, {QStringLiteral("state"), state},
        {QStringLiteral("nonce"), call.field(QStringLiteral("nonce"))}, {QStringLiteral("access_type"), accessType}};
    if (const auto session = sessionOf(call))
        return completeAuthorization(request, *session, {});
    const QString ticket = newTicket(request);
    if (ticket.isEmpty())
        return errorPage(503, QStringLiteral("unavailable"), QStringLiteral("Стенд недоступен"),
            QStringLiteral("Не удалось начать вход. Повторите попытку."));
    const BrowserId browser = browserOf(call);
    return page(200, pages::signIn({ticket, csrfFor(browser), clientId, {}, false, {}, {}}), browser);
}

HttpResponse StandRoutes::token(Call &call)
{
    const QString grantType = call.field(QStringLiteral("grant_type"));
    const bool byCode = grantType == QLatin1String("authorization_code");
    const bool byRefresh = grantType == QLatin1String("refresh_token");
    if (!byCode && !byRefresh)
        return oauthError(
            400, "unsupported_grant_type", QStringLiteral("grant_type must be authorization_code or refresh_token"));
    const QString secretName = byCode ? QStringLiteral("code") : QStringLiteral("refresh_token");
    for (const char *name : {"client_id", "client_secret", "redirect_uri", "scope", "state", "timestamp"}) {
        if (call.field(QString::fromLatin1(name)).isEmpty())
            return oauthError(400, "invalid_request", QStringLiteral("%1 is missing").arg(QString::fromLatin1(name)));
    }
    const QString secretValue = call.field(secretName);
    if (secretValue.isEmpty())
        return oauthError(400, "invalid_request", QStringLiteral("%1 is missing").arg(secretName));
    const QString tokenType = call.field(QStringLiteral("token_type"));
    if (!tokenType.isEmpty() && tokenType.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) != 0)
        return oauthError(400, "invalid_request", QStringLiteral("token_type must be Bearer"));
    const auto client = m_context.store.client(call.field(QStringLiteral("client_id")));
    if (!client)
        return oauthError(400, "invalid_client", QStringLiteral("unknown client_id"));
    QString why;
    if (const QString code = checkSecret(*client, call, byCode ? secretValue : QString(), &why); !code.isEmpty())
        return oauthError(400, "invalid_client",
            code == QLatin1String("invalid_timestamp")
                ? QStringLiteral("timestamp is malformed or more than 5 minutes off")
                : QStringLiteral("client_secret is not a valid signature"));

    const auto grant =
        m_context.store.grant(hashOf(secretValue), byCode ? QStringLiteral("code") : QStringLiteral("refresh"));
    if (!grant || grant->clientId != client->clientId)
        return oauthError(400, "invalid_grant",
            byCode ? QStringLiteral("unknown authorization code") : QStringLiteral("unknown refresh token"));
    if (grant->expiresAt <= m_context.clock.now())
        return oauthError(400, "invalid_grant",
            byCode ? QStringLiteral("the authorization code has expired")
                   : QStringLiteral("the refresh token has expired"));
    if (byCode
        && normalizedRedirectUri(grant->redirectUri)
            != normalizedRedirectUri(call.field(QStringLiteral("redirect_uri"))))
        return oauthError(400, "invalid_grant", QStringLiteral("redirect_uri differs from the authorization request"));
    const QStringList granted = scopeList(grant->scope);
    const QStringList asked = scopeList(call.field(QStringLiteral("scope")));
    for (const QString &s : asked) {
        if (!granted.contains(s))
            return oauthError(400, "invalid_scope", QStringLiteral("the scope %1 was not granted").arg(s.left(64)));
    }
    if (byCode && !m_context.store.useCode(grant->hash)) {
        const int revoked = m_context.store.revokeTokensOfCode(grant->hash);
        qCWarning(lcStand) << "authorisation code used twice by client" << client->clientId << "; revoked" << revoked
                           << "tokens";
        return oauthError(400, "invalid_grant", QStringLiteral("the authorization code was used already"));
    }
    if (byRefresh && (grant->used || !m_context.store.revokeToken(grant->hash))) {
        m_context.store.revokeTokensOfCode(grant->codeHash);
        return oauthError(400, "invalid_grant", QStringLiteral("the refresh token was used already"));
    }
    const auto account = m_context.store.accountByOid(grant->oid);
    if (!account)
        return oauthError(400, "invalid_grant", QStringLiteral("the account no longer exists"));
    Grant from = *grant;
    if (byRefresh)
        from.nonce.clear();
    return issueTokens(*account, from, asked.join(QLatin1Char(' ')), byCode ? grant->hash : grant->codeHash,
        call.field(QStringLiteral("state")));
}

QJsonObject StandRoutes::idTokenClaims(const Account &account, const Grant &grant) const
{
    const qint64 now = m_context.clock.now().toSecsSinceEpoch();
    QJsonObject subject{{QString::fromLatin1(claim::SubjectType), QStringLiteral("P")},
        {QString::fromLatin1(claim::SubjectOid), account.oid},
        {QString::fromLatin1(claim::SubjectName), QStringLiteral("OID.") + account.oid}};
    if (account.child)
        subject.insert(QString::fromLatin1(claim::SubjectLevel), QString::fromLatin1(level::Child));
    else if (account.level == AccountLevel::Confirmed)
        subject.insert(QString::fromLatin1(claim::SubjectLevel), QString::fromLatin1(level::Confirmed));
    else
        subject.insert(QString::fromLatin1(claim::SubjectLevel), QString::fromLatin1(level::Person));
    if (!account.child && account.level == AccountLevel::Confirmed)
        subject.insert(QString::fromLatin1(claim::SubjectTrusted), true);
    QJsonObject claims{
        {QStringLiteral("iss"), m_context.baseUrl().toString(QUrl::StripTrailingSlash) + QLatin1Char('/')},
        {QStringLiteral("aud"), grant.clientId}, {QStringLiteral("sub"), account.oid}, {QStringLiteral("iat"), now},
        {QStringLiteral("nbf"), now}, {QStringLiteral("exp"), now + kAccessTokenLifetimeSecs},
        {QStringLiteral("auth_time"), grant.authTime.toSecsSinceEpoch()},
        {QStringLiteral("amr"), QStringLiteral("PWD")}, {QString::fromLatin1(claim::SessionId), grant.sid},
        {QString::fromLatin1(claim::Subject), subject}};
    if (!grant.nonce.isEmpty())
        claims.insert(QStringLiteral("nonce"), grant.nonce);
    return claims;
}

HttpResponse StandRoutes::issueTokens(
    const Account &account, const Grant &from, const QString &scope, const QByteArray &codeHash, const QString &state)
{
    const QDateTime now = m_context.clock.now();
    const QString access = server::crypto::randomToken();
    const QString refresh = server::crypto::randomToken();
    Grant a = from;
    a.kind = QStringLiteral("access");
    a.hash = hashOf(access);
    a.scope = scope;
    a.redirectUri.clear();
    a.codeHash = codeHash;
    a.expiresAt = now.addSecs(kAccessTokenLifetimeSecs);
    Grant r = a;
    r.kind = QStringLiteral("refresh");
    r.hash = hashOf(refresh);
    r.expiresAt = now.addDays(kRefreshLifetimeDays);
    const Status stored = m_context.store.transaction([&]() -> Status {
        if (auto st = m_context.store.insertGrant(a); !st)
            return st;
        return m_context.store.insertGrant(r);
    });
    if (!stored)
        return oauthError(503, "temporarily_unavailable", QStringLiteral("the tokens could not be stored"));
    return HttpResponse::json(200,
        QJsonObject{{QStringLiteral("access_token"), access},
            {QStringLiteral("id_token"), QString::fromLatin1(m_context.keys.signJwt(idTokenClaims(account, from)))},
            {QStringLiteral("expires_in"), kAccessTokenLifetimeSecs}, {QStringLiteral("state"), state},
            {QStringLiteral("token_type"), QStringLiteral("Bearer")}, {QStringLiteral("refresh_token"), refresh}});
}

HttpResponse StandRoutes::jwks() const
{
    return HttpResponse::json(200, m_context.keys.jwks());
}

HttpResponse StandRoutes::person(Call &call, const QString &oid, const QString &part, const QString &item)
{
    const QString bearer = call.request.bearerToken();
    const auto grant = isToken(bearer) ? m_context.store.grant(hashOf(bearer), QStringLiteral("access")) : std::nullopt;
    if (!grant || grant->used || grant->expiresAt <= m_context.clock.now())
        return oauthError(
            401, "invalid_token", QStringLiteral("the access token is missing, unknown, expired or revoked"));
    if (oid != grant->oid)
        return oauthError(403, "insufficient_scope", QStringLiteral("the token belongs to another person"));
    const auto account = m_context.store.accountByOid(oid);
    if (!account)
        return oauthError(404, "not_found", QStringLiteral("there is no such person"));
    const QStringList scopes = scopeList(grant->scope);
    const auto hasScope = [&scopes](const char *name) { return scopes.contains(QLatin1String(name)); };
    const QString base = link(QString::fromLatin1(path::Persons) + QLatin1Char('/') + oid);

    if (part.isEmpty()) {
        if (!hasScope(scope::FullName) && !hasScope(scope::BirthDate) && !hasScope(scope::Gender)
            && !hasScope(scope::Snils))
            return oauthError(
                403, "insufficient_scope", QStringLiteral("the token has none of fullname, birthdate, gender, snils"));
        QJsonObject out{{QStringLiteral("oid"), account->oid},
            {QStringLiteral("trusted"), !account->child && account->level == AccountLevel::Confirmed},
            {QStringLiteral("status"), QStringLiteral("REGISTERED")}};
        if (hasScope(scope::FullName)) {
            out.insert(QStringLiteral("firstName"), account->firstName);
            out.insert(QStringLiteral("lastName"), account->lastName);
            if (!account->middleName.isEmpty())
                out.insert(QStringLiteral("middleName"), account->middleName);
        }
        if (hasScope(scope::BirthDate) && account->birthDate.isValid())
            out.insert(QStringLiteral("birthDate"), account->birthDate.toString(QStringLiteral("dd.MM.yyyy")));
        if (hasScope(scope::Gender) && !account->gender.isEmpty())
            out.insert(QStringLiteral("gender"), account->gender);
        if (hasScope(scope::Snils) && !account->snils.isEmpty())
            out.insert(QStringLiteral("snils"), validators::formatSnils(account->snils));
        return HttpResponse::json(200, out);
    }

    if (part == QLatin1String("roles")) {
        if (!hasScope(scope::Organisations))
            return oauthError(403, "insufficient_scope", QStringLiteral("the token lacks usr_org"));
        QJsonArray elements;
        for (const Organisation &o : m_context.store.organisations(oid)) {
            elements.append(QJsonObject{{QStringLiteral("oid"), o.id}, {QStringLiteral("prnOid"), account->oid},
                {QStringLiteral("fullName"), o.name}, {QStringLiteral("ogrn"), o.ogrn}, {QStringLiteral("inn"), o.inn},
                {QStringLiteral("type"), QStringLiteral("LEGAL")}, {QStringLiteral("chief"), o.chief},
                {QStringLiteral("admin"), false}, {QStringLiteral("active"), true}});
        }
        return HttpResponse::json(200,
            QJsonObject{{QStringLiteral("stateFacts"), QJsonArray{QStringLiteral("hasSize")}},
                {QStringLiteral("size"), elements.size()}, {QStringLiteral("elements"), elements}});
    }

    // Contacts: 1 is the e-mail address, 2 the mobile phone.
    const bool emails = hasScope(scope::Email) || hasScope(scope::Contacts);
    const bool phones = hasScope(scope::Mobile) || hasScope(scope::Contacts);
    if (!emails && !phones)
        return oauthError(403, "insufficient_scope", QStringLiteral("the token lacks email, mobile or contacts"));
    QList<QJsonObject> contacts;
    if (emails && !account->email.isEmpty())
        contacts.append(QJsonObject{{QStringLiteral("id"), 1}, {QStringLiteral("type"), QStringLiteral("EML")},
            {QStringLiteral("value"), account->email},
            {QStringLiteral("vrfStu"),
                account->emailVerified ? QStringLiteral("VERIFIED") : QStringLiteral("NOT_VERIFIED")}});
    if (phones && !account->phone.isEmpty())
        contacts.append(QJsonObject{{QStringLiteral("id"), 2}, {QStringLiteral("type"), QStringLiteral("MBT")},
            {QStringLiteral("value"), account->phone}, {QStringLiteral("vrfStu"), QStringLiteral("VERIFIED")}});
    for (QJsonObject &c : contacts)
        c.insert(QStringLiteral("stateFacts"), QJsonArray{QStringLiteral("Identifiable")});
    if (!item.isEmpty()) {
        for (const QJsonObject &c : contacts) {
            if (QString::number(c.value(QStringLiteral("id")).toInt()) == item)
                return HttpResponse::json(200, c);
        }
        return oauthError(404, "not_found", QStringLiteral("there is no such contact"));
    }
    const QString embed = call.field(QStringLiteral("embed"));
    if (!embed.isEmpty() && embed != QLatin1String("(elements)"))
        return oauthError(400, "invalid_request", QStringLiteral("embed may only be (elements)"));
    QJsonArray elements;
    for (const QJsonObject &c : contacts) {
        if (embed.isEmpty())
            elements.append(base + QStringLiteral("/ctts/") + QString::number(c.value(QStringLiteral("id")).toInt()));
        else
            elements.append(c);
    }
    return HttpResponse::json(200,
        QJsonObject{{QStringLiteral("stateFacts"), QJsonArray{QStringLiteral("hasSize")}},
            {QStringLiteral("size"), elements.size()}, {QStringLiteral("elements"), elements}});
}

HttpResponse StandRoutes::logout(Call &call)
{
    const QString token = call.cookies.value(QString::fromLatin1(kSessionCookie));
    if (isToken(token))
        m_context.store.deleteSession(hashOf(token));
    const QByteArray clear = QByteArray(kSessionCookie)
        + "=; Path=/; HttpOnly; SameSite=Lax; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0";
    const QString target = call.field(QStringLiteral("redirect_url"));
    const auto client = m_context.store.client(call.field(QStringLiteral("client_id")));
    const bool allowed = client && !target.isEmpty()
        && std::any_of(client->redirectUris.cbegin(), client->redirectUris.cend(),
            [&target](const QString &uri) { return redirectUriMatches(uri, target); });
    if (allowed)
        return redirectTo(QUrl(target, QUrl::StrictMode).toEncoded(), {clear});
    HttpResponse r = page(200,
        pages::message(QStringLiteral("Вы вышли"), QStringLiteral("Вход на стенде на этом компьютере завершён."),
            QStringLiteral("/idp/login"), QStringLiteral("Войти снова")),
        BrowserId{});
    r.headers.append({QByteArray("Set-Cookie"), clear});
    return r;
}

// ---------------------------------------------------------------------------------------------------------------
// Sign-in

HttpResponse StandRoutes::home(Call &call)
{
    const BrowserId browser = browserOf(call);
    if (const auto session = sessionOf(call)) {
        const auto account = m_context.store.accountByOid(session->oid);
        return page(200,
            pages::message(QStringLiteral("Тестовый стенд ЕСИА"),
                QStringLiteral("Вы вошли как %1.").arg(account ? fullName(*account) : session->oid),
                QStringLiteral("/profile"), QStringLiteral("Профиль: данные и подтверждение учётной записи")),
            browser);
    }
    return page(200,
        pages::message(QStringLiteral("Тестовый стенд ЕСИА"),
            QStringLiteral("Стенд заменяет вход через Госуслуги при разработке и проверке."),
            QStringLiteral("/idp/login"), QStringLiteral("Войти")),
        browser);
}

HttpResponse StandRoutes::signInPage(Call &call)
{
    const QString ticket = call.field(QStringLiteral("ticket"));
    std::optional<QJsonObject> request;
    if (!ticket.isEmpty()) {
        request = pendingOf(ticket);
        if (!request)
            return errorPage(400, QStringLiteral("ticket_expired"), QStringLiteral("Время на вход истекло"),
                QStringLiteral("Вернитесь в приложение и начните вход заново."));
        if (const auto session = sessionOf(call)) {
            m_context.store.deletePending(hashOf(ticket));
            return completeAuthorization(*request, *session, {});
        }
    }
    const BrowserId browser = browserOf(call);
    return page(200,
        pages::signIn({ticket, csrfFor(browser),
            request ? request->value(QStringLiteral("client_id")).toString() : QString(), {}, false, {}, {}}),
        browser);
}

HttpResponse StandRoutes::signIn(Call &call)
{
    if (!csrfOk(call))
        return csrfRefused();
    const BrowserId browser = browserOf(call);
    const QString ticket = call.field(QStringLiteral("ticket"));
    std::optional<QJsonObject> request;
    if (!ticket.isEmpty()) {
        request = pendingOf(ticket);
        if (!request)
            return errorPage(400, QStringLiteral("ticket_expired"), QStringLiteral("Время на вход истекло"),
                QStringLiteral("Вернитесь в приложение и начните вход заново."));
    }
    const QString login = call.field(QStringLiteral("login"));
    const QString password = call.field(QStringLiteral("password"));
    const bool foreign = !call.field(QStringLiteral("foreign")).isEmpty();
    pages::SignIn form{ticket, csrfFor(browser),
        request ? request->value(QStringLiteral("client_id")).toString() : QString(), login.left(254), foreign, {}, {}};
    if (login.trimmed().isEmpty() || password.isEmpty()) {
        form.error = QStringLiteral("Введите логин и пароль");
        return page(200, pages::signIn(form), browser);
    }

    const LoginLimits &limits = m_context.options.limits;
    const QString address = QStringLiteral("address:") + call.request.remoteAddress.toString();
    const auto account = m_context.store.accountByLogin(login);
    // Unknown logins are limited like accounts, so that a lockout tells nothing about whether an account exists.
    const QString subject = account ? QStringLiteral("account:") + account->oid
                                    : QStringLiteral("login:") + login.trimmed().toLower().left(254);
    const int wait = std::max(waitFor(address, limits.maxAddressFailuresPerHour, limits.maxAddressFailuresPerHour),
        waitFor(subject, limits.freeFailures, limits.maxFailuresPerHour));
    if (wait > 0) {
        form.error = QStringLiteral("Слишком много неудачных попыток входа. Повторите через %1.").arg(formatWait(wait));
        HttpResponse r = page(429, pages::signIn(form), browser);
        r.headers.append({QByteArray("Retry-After"), QByteArray::number(wait)});
        return r;
    }
    bool ok = false;
    if (account)
        ok = server::crypto::verifyPassword(account->passwordHash, password);
    else
        server::crypto::burnVerificationTime(password);
    if (!ok) {
        m_context.store.recordFailure(subject);
        m_context.store.recordFailure(address);
        qCInfo(lcStand) << "failed sign-in" << (account ? "for an account" : "for an unknown login");
        form.error = kWrongCredentials;
        return page(200, pages::signIn(form), browser);
    }
    m_context.store.clearFailures(subject);
    if (server::crypto::passwordNeedsRehash(account->passwordHash))
        m_context.store.setPassword(account->oid, server::crypto::hashPassword(password));
    StandSession session;
    const QByteArray cookie = startSession(*account, foreign, &session);
    if (cookie.isEmpty())
        return errorPage(503, QStringLiteral("unavailable"), QStringLiteral("Стенд недоступен"),
            QStringLiteral("Не удалось начать сеанс. Повторите попытку."));
    if (request) {
        m_context.store.deletePending(hashOf(ticket));
        return completeAuthorization(*request, session, {cookie});
    }
    HttpResponse r = page(200,
        pages::message(QStringLiteral("Вы вошли"), QStringLiteral("Вы вошли как %1.").arg(fullName(*account)),
            QStringLiteral("/profile"), QStringLiteral("Профиль: данные и подтверждение учётной записи")),
        browser);
    r.headers.append({QByteArray("Set-Cookie"), cookie});
    return r;
}

HttpResponse StandRoutes::cancel(Call &call)
{
    if (!csrfOk(call))
        return csrfRefused();
    const QString ticket = call.field(QStringLiteral("ticket"));
    const auto request = pendingOf(ticket);
    if (!request)
        return errorPage(400, QStringLiteral("ticket_expired"), QStringLiteral("Время на вход истекло"),
            QStringLiteral("Вернитесь в приложение и начните вход заново."));
    m_context.store.deletePending(hashOf(ticket));
    const QString redirectUri = request->value(QStringLiteral("redirect_uri")).toString();
    const auto client = m_context.store.client(request->value(QStringLiteral("client_id")).toString());
    if (!client
        || !std::any_of(client->redirectUris.cbegin(), client->redirectUris.cend(),
            [&redirectUri](const QString &uri) { return redirectUriMatches(uri, redirectUri); }))
        return errorPage(400, QStringLiteral("invalid_client"), QStringLiteral("Вход отменён"),
            QStringLiteral("Информационная система больше не зарегистрирована на стенде."));
    return redirectTo(withParameters(redirectUri,
        {{QStringLiteral("error"), QStringLiteral("access_denied")},
            {QStringLiteral("error_description"), QStringLiteral("Пользователь отказался от входа")},
            {QStringLiteral("state"), request->value(QStringLiteral("state")).toString()}}));
}

// ---------------------------------------------------------------------------------------------------------------
// Password recovery

HttpResponse StandRoutes::recoveryPage(Call &call)
{
    const BrowserId browser = browserOf(call);
    return page(
        200, pages::recoveryForm(call.field(QStringLiteral("ticket")).left(100), csrfFor(browser), {}, {}), browser);
}

HttpResponse StandRoutes::recovery(Call &call)
{
    if (!csrfOk(call))
        return csrfRefused();
    const BrowserId browser = browserOf(call);
    const QString ticket = call.field(QStringLiteral("ticket")).left(100);
    const QString login = call.field(QStringLiteral("login"));
    if (login.trimmed().isEmpty())
        return page(200,
            pages::recoveryForm(
                ticket, csrfFor(browser), {}, QStringLiteral("Введите телефон, электронную почту или СНИЛС")),
            browser);
    const auto account = m_context.store.accountByLogin(login);
    if (account && !account->email.isEmpty()) {
        const QString subject = QStringLiteral("recovery:") + account->oid;
        if (m_context.store.failures(subject, m_context.clock.now().addSecs(-3600)).count < kMailsPerHour) {
            m_context.store.recordFailure(subject);
            MailToken token;
            token.purpose = QStringLiteral("recovery");
            token.oid = account->oid;
            if (const auto request = pendingOf(ticket))
                token.data.insert(QStringLiteral("authorization"), *request);
            token.expiresAt = m_context.clock.now().addSecs(kRecoveryLifetimeSecs);
            const QString secret = server::crypto::randomToken();
            if (m_context.store.insertMailToken(hashOf(secret), token)) {
                mailTo(account->email, QStringList{account->firstName, account->lastName}.join(QLatin1Char(' ')),
                    QStringLiteral("Восстановление пароля — Госуслуги (тестовый стенд)"),
                    QStringLiteral("Здравствуйте, %1!\n\n"
                                   "Для вашей учётной записи на тестовом стенде Госуслуг запрошено восстановление "
                                   "пароля. Чтобы задать новый пароль, перейдите по ссылке (она действует 1 час и "
                                   "открывается один раз):\n\n%2\n\n"
                                   "Если вы не запрашивали восстановление, ничего не делайте: пароль останется "
                                   "прежним.")
                        .arg(account->firstName, link(QStringLiteral("/idp/recovery/confirm?token=") + secret)));
            }
        } else {
            qCInfo(lcStand) << "recovery mail not sent: too many in the last hour";
        }
    }
    const QString back =
        ticket.isEmpty() ? QStringLiteral("/idp/login") : QStringLiteral("/idp/login?ticket=") + ticket;
    return page(200,
        pages::message(QStringLiteral("Проверьте почту"),
            QStringLiteral("Если учётная запись найдена, мы отправили письмо со ссылкой для восстановления пароля на "
                           "её электронную почту. Ссылка действует 1 час."),
            back, QStringLiteral("Вернуться ко входу")),
        browser);
}

std::optional<MailToken> StandRoutes::mailedToken(const QString &token, const char *purpose)
{
    auto stored = isToken(token) ? m_context.store.mailToken(hashOf(token)) : std::nullopt;
    if (!stored || stored->purpose != QLatin1String(purpose))
        return std::nullopt;
    return stored;
}

HttpResponse StandRoutes::invalidLink(const char *purpose) const
{
    return errorPage(400, QStringLiteral("link_invalid"), QStringLiteral("Ссылка недействительна"),
        qstrcmp(purpose, "register") == 0
            ? QStringLiteral("Ссылка устарела или уже использована. Зарегистрируйтесь ещё раз.")
            : QStringLiteral("Ссылка устарела или уже использована. Запросите восстановление пароля ещё раз."));
}

QString StandRoutes::newPasswordProblem(const Call &call)
{
    const QString password = call.field(QStringLiteral("password"));
    QString problem = rules::checkPassword(password);
    if (problem.isEmpty() && password != call.field(QStringLiteral("password2")))
        problem = QStringLiteral("Пароли не совпадают");
    return problem;
}

HttpResponse StandRoutes::recoveryConfirmPage(Call &call)
{
    const QString token = call.field(QStringLiteral("token"));
    const auto stored = mailedToken(token, "recovery");
    if (!stored)
        return invalidLink("recovery");
    const BrowserId browser = browserOf(call);
    return page(200,
        pages::passwordForm(
            QStringLiteral("Новый пароль"), QStringLiteral("/idp/recovery/confirm"), token, csrfFor(browser), {}),
        browser);
}

HttpResponse StandRoutes::recoveryConfirm(Call &call)
{
    if (!csrfOk(call))
        return csrfRefused();
    const BrowserId browser = browserOf(call);
    const QString token = call.field(QStringLiteral("token"));
    const auto stored = mailedToken(token, "recovery");
    if (!stored)
        return invalidLink("recovery");
    const QString password = call.field(QStringLiteral("password"));
    const QString problem = newPasswordProblem(call);
    if (!problem.isEmpty())
        return page(200,
            pages::passwordForm(QStringLiteral("Новый пароль"), QStringLiteral("/idp/recovery/confirm"), token,
                csrfFor(browser), problem),
            browser);
    const QByteArray hash = server::crypto::hashPassword(password);
    bool consumed = false;
    const Status st = m_context.store.transaction([&]() -> Status {
        consumed = m_context.store.consumeMailToken(hashOf(token));
        if (!consumed)
            return Unit{};
        if (auto s = m_context.store.setPassword(stored->oid, hash); !s)
            return s;
        m_context.store.dropRecoveryTokens(stored->oid);
        m_context.store.deleteSessionsOf(stored->oid);
        m_context.store.clearFailures(QStringLiteral("account:") + stored->oid);
        return Unit{};
    });
    if (!st || !consumed)
        return invalidLink("recovery");
    qCInfo(lcStand) << "password recovered for an account";
    QString back = QStringLiteral("/idp/login");
    if (stored->data.contains(QStringLiteral("authorization"))) {
        const QString ticket = newTicket(stored->data.value(QStringLiteral("authorization")).toObject());
        if (!ticket.isEmpty())
            back += QStringLiteral("?ticket=") + ticket;
    }
    return page(200,
        pages::message(QStringLiteral("Пароль изменён"), QStringLiteral("Теперь войдите с новым паролем."), back,
            QStringLiteral("Войти")),
        browser);
}

// ---------------------------------------------------------------------------------------------------------------
// Registration

HttpResponse StandRoutes::registerPage(Call &call)
{
    const BrowserId browser = browserOf(call);
    return page(200,
        pages::registerForm({call.field(QStringLiteral("ticket")).left(100), csrfFor(browser), {}, {}, {}, {}}),
        browser);
}

HttpResponse StandRoutes::registration(Call &call)
{
    if (!csrfOk(call))
        return csrfRefused();
    const BrowserId browser = browserOf(call);
    pages::Register form{call.field(QStringLiteral("ticket")).left(100), csrfFor(browser),
        call.field(QStringLiteral("lastName")).trimmed().left(100),
        call.field(QStringLiteral("firstName")).trimmed().left(100),
        call.field(QStringLiteral("email")).trimmed().left(254), {}};
    const QString email = form.email.toLower();
    if (!rules::isName(form.lastName))
        form.error = QStringLiteral("Укажите фамилию буквами");
    else if (!rules::isName(form.firstName))
        form.error = QStringLiteral("Укажите имя буквами");
    else if (!validators::isEmailAddress(email) || !server::MailMessage::validateAddress(email))
        form.error = QStringLiteral("Укажите правильный адрес электронной почты");
    else if (call.field(QStringLiteral("consent")).isEmpty())
        form.error = QStringLiteral("Нужно согласие на обработку персональных данных");
    if (!form.error.isEmpty())
        return page(200, pages::registerForm(form), browser);

    const QDateTime hourAgo = m_context.clock.now().addSecs(-3600);
    const QString fromAddress = QStringLiteral("register-address:") + call.request.remoteAddress.toString();
    const QString toAddress = QStringLiteral("register-email:") + email;
    if (m_context.store.failures(fromAddress, hourAgo).count >= kMailsPerHour * 4
        || m_context.store.failures(toAddress, hourAgo).count >= kMailsPerHour) {
        form.error = QStringLiteral("Слишком много писем за последний час. Повторите позже.");
        return page(429, pages::registerForm(form), browser);
    }
    m_context.store.recordFailure(fromAddress);
    m_context.store.recordFailure(toAddress);
    const QString name = form.firstName + QLatin1Char(' ') + form.lastName;
    if (m_context.store.accountBy(QStringLiteral("email"), email)) {
        // No enumeration: the page is the same; the owner of the address learns it in the letter.
        mailTo(email, name, QStringLiteral("Регистрация — Госуслуги (тестовый стенд)"),
            QStringLiteral("Здравствуйте!\n\n"
                           "С этим адресом электронной почты пытались зарегистрироваться на тестовом стенде Госуслуг, "
                           "но учётная запись с ним уже есть. Если вы забыли пароль, восстановите его:\n\n%1\n\n"
                           "Если это были не вы, ничего не делайте.")
                .arg(link(QStringLiteral("/idp/recovery"))));
    } else {
        MailToken token;
        token.purpose = QStringLiteral("register");
        token.data = QJsonObject{{QStringLiteral("lastName"), form.lastName},
            {QStringLiteral("firstName"), form.firstName}, {QStringLiteral("email"), email}};
        if (const auto request = pendingOf(form.ticket))
            token.data.insert(QStringLiteral("authorization"), *request);
        token.expiresAt = m_context.clock.now().addSecs(kRegisterLifetimeSecs);
        const QString secret = server::crypto::randomToken();
        if (!m_context.store.insertMailToken(hashOf(secret), token))
            return errorPage(503, QStringLiteral("unavailable"), QStringLiteral("Стенд недоступен"),
                QStringLiteral("Не удалось начать регистрацию. Повторите попытку."));
        mailTo(email, name, QStringLiteral("Подтверждение регистрации — Госуслуги (тестовый стенд)"),
            QStringLiteral("Здравствуйте, %1!\n\n"
                           "Чтобы завершить регистрацию на тестовом стенде Госуслуг, перейдите по ссылке и создайте "
                           "пароль (ссылка действует 24 часа и открывается один раз):\n\n%2\n\n"
                           "Если вы не регистрировались, просто удалите это письмо.")
                .arg(form.firstName, link(QStringLiteral("/idp/register/confirm?token=") + secret)));
    }
    return page(200,
        pages::message(QStringLiteral("Подтвердите почту"),
            QStringLiteral("Мы отправили письмо на адрес %1. Перейдите по ссылке из письма, чтобы создать пароль. "
                           "Ссылка действует 24 часа.")
                .arg(email)),
        browser);
}

HttpResponse StandRoutes::registerConfirmPage(Call &call)
{
    const QString token = call.field(QStringLiteral("token"));
    const auto stored = mailedToken(token, "register");
    if (!stored)
        return invalidLink("register");
    const BrowserId browser = browserOf(call);
    return page(200,
        pages::passwordForm(
            QStringLiteral("Создайте пароль"), QStringLiteral("/idp/register/confirm"), token, csrfFor(browser), {}),
        browser);
}

HttpResponse StandRoutes::registerConfirm(Call &call)
{
    if (!csrfOk(call))
        return csrfRefused();
    const BrowserId browser = browserOf(call);
    const QString token = call.field(QStringLiteral("token"));
    const auto stored = mailedToken(token, "register");
    if (!stored)
        return invalidLink("register");
    const QString password = call.field(QStringLiteral("password"));
    const QString problem = newPasswordProblem(call);
    if (!problem.isEmpty())
        return page(200,
            pages::passwordForm(QStringLiteral("Создайте пароль"), QStringLiteral("/idp/register/confirm"), token,
                csrfFor(browser), problem),
            browser);

    Account account;
    account.lastName = stored->data.value(QStringLiteral("lastName")).toString();
    account.firstName = stored->data.value(QStringLiteral("firstName")).toString();
    account.email = stored->data.value(QStringLiteral("email")).toString();
    account.emailVerified = true;
    account.level = AccountLevel::Simplified;
    account.passwordHash = server::crypto::hashPassword(password);
    bool consumed = false;
    QString oid;
    const Status st = m_context.store.transaction([&]() -> Status {
        consumed = m_context.store.consumeMailToken(hashOf(token));
        if (!consumed)
            return Unit{};
        auto created = m_context.store.insertAccount(account);
        if (!created)
            return created.error();
        oid = created.value();
        return Unit{};
    });
    if (!st && st.error().code == QLatin1String("conflict"))
        return errorPage(409, QStringLiteral("already_registered"), QStringLiteral("Адрес уже зарегистрирован"),
            QStringLiteral(
                "Учётная запись с этим адресом электронной почты уже есть. Войдите или восстановите пароль."));
    if (!st || !consumed)
        return invalidLink("register");
    qCInfo(lcStand) << "account registered at the simplified level";
    account.oid = oid;
    StandSession session;
    const QByteArray cookie = startSession(account, true, &session);
    if (stored->data.contains(QStringLiteral("authorization")) && !cookie.isEmpty())
        return completeAuthorization(stored->data.value(QStringLiteral("authorization")).toObject(), session, {cookie});
    HttpResponse r = page(200,
        pages::message(QStringLiteral("Учётная запись создана"),
            QStringLiteral("Упрощённая учётная запись создана, вы вошли на стенд."), QStringLiteral("/"),
            QStringLiteral("Продолжить")),
        browser);
    if (!cookie.isEmpty())
        r.headers.append({QByteArray("Set-Cookie"), cookie});
    return r;
}

} // namespace sg::esiastand

namespace sg::esiastand {

// ---------------------------------------------------------------------------------------------------------------
// Profile: what real Gosuslugi has for raising the level. The person enters the birth date, SNILS and passport; the
// stand "checks" them at once (a valid SNILS, a passport of ten digits, a birth date in the past) and the account
// becomes standard; then the person asks for confirmation, which `schoolgate-esia-stand account confirm` grants, as
// a visit to a service centre does.

HttpResponse StandRoutes::profileView(const Account &account, const BrowserId &browser, int status,
    const QString &error, const QString &notice, const std::optional<pages::Profile> &typed)
{
    pages::Profile form;
    form.csrf = csrfFor(browser);
    form.fullName = fullName(account);
    form.level = account.child ? QStringLiteral("child") : levelName(account.level);
    form.birthDate = account.birthDate.isValid() ? account.birthDate.toString(QStringLiteral("dd.MM.yyyy")) : QString();
    form.snils = account.snils.isEmpty() ? QString() : validators::formatSnils(account.snils);
    form.passport = account.passport;
    if (account.confirmationRequestedAt.isValid())
        form.requestedAt = account.confirmationRequestedAt.toString(QStringLiteral("dd.MM.yyyy HH:mm 'UTC'"));
    if (typed) {
        form.birthDate = typed->birthDate;
        form.snils = typed->snils;
        form.passport = typed->passport;
    }
    form.error = error;
    form.notice = notice;
    return page(status, pages::profile(form), browser);
}

HttpResponse StandRoutes::profilePage(Call &call)
{
    const auto session = sessionOf(call);
    const auto account = session ? m_context.store.accountByOid(session->oid) : std::nullopt;
    if (!account)
        return redirectTo("/idp/login");
    return profileView(*account, browserOf(call), 200, {}, {});
}

HttpResponse StandRoutes::profileSave(Call &call)
{
    if (!csrfOk(call))
        return csrfRefused();
    const auto session = sessionOf(call);
    const auto found = session ? m_context.store.accountByOid(session->oid) : std::nullopt;
    if (!found)
        return errorPage(401, QStringLiteral("login_required"), QStringLiteral("Войдите на стенд"),
            QStringLiteral("Сеанс на стенде закончился. Войдите снова и откройте профиль."));
    const Account account = *found;
    const BrowserId browser = browserOf(call);
    const QString action = call.field(QStringLiteral("action"));

    if (action == QLatin1String("confirm")) {
        if (account.child || account.level == AccountLevel::Confirmed)
            return profileView(account, browser, 409, QStringLiteral("Эту учётную запись подтверждать не нужно."), {});
        if (account.level != AccountLevel::Standard)
            return profileView(account, browser, 409,
                QStringLiteral("Сначала укажите дату рождения, СНИЛС и паспорт и дождитесь их проверки."), {});
        if (auto st = m_context.store.setConfirmationRequested(account.oid, m_context.clock.now()); !st)
            return errorPage(503, QStringLiteral("unavailable"), QStringLiteral("Стенд недоступен"),
                QStringLiteral("Запрос не сохранён. Повторите попытку."));
        qCInfo(lcStand) << "confirmation asked for an account";
        auto updated = m_context.store.accountByOid(account.oid);
        return profileView(updated.value_or(account), browser, 200, {},
            QStringLiteral("Запрос на подтверждение отправлен. Подтвердите личность в центре обслуживания."));
    }
    if (action != QLatin1String("save"))
        return profileView(
            account, browser, 400, QStringLiteral("Форма отправлена неполностью. Откройте профиль заново."), {});
    if (account.level == AccountLevel::Confirmed)
        return profileView(account, browser, 409,
            QStringLiteral("Данные подтверждённой учётной записи меняют в центре обслуживания."), {});

    pages::Profile typed;
    typed.birthDate = call.field(QStringLiteral("birthDate")).trimmed();
    typed.snils = call.field(QStringLiteral("snils")).trimmed();
    typed.passport = call.field(QStringLiteral("passport")).trimmed();
    const auto refuse = [&](const QString &message) { return profileView(account, browser, 422, message, {}, typed); };

    QDate birthDate = QDate::fromString(typed.birthDate, QStringLiteral("dd.MM.yyyy"));
    if (!birthDate.isValid())
        birthDate = QDate::fromString(typed.birthDate, Qt::ISODate);
    if (typed.birthDate.isEmpty())
        birthDate = account.birthDate;
    else if (!birthDate.isValid())
        return refuse(QStringLiteral("Дата рождения указана неверно: нужен вид ДД.ММ.ГГГГ, например 17.05.1985."));
    const QDate today = m_context.clock.now().date();
    if (birthDate.isValid() && (birthDate > today || birthDate < today.addYears(-120)))
        return refuse(
            QStringLiteral("Дата рождения указана неверно: она не может быть в будущем или больше 120 лет назад."));
    if (account.child && birthDate != account.birthDate)
        return refuse(QStringLiteral("Дату рождения в детской учётной записи меняет родитель в центре обслуживания."));

    QString snils = account.snils;
    if (!typed.snils.isEmpty()) {
        const auto checked = validators::validateSnils(typed.snils);
        if (!checked.ok)
            return refuse(QStringLiteral("СНИЛС указан неверно: 11 цифр, последние две — контрольное число."));
        snils = checked.normalized;
    }
    if (account.child && snils != account.snils)
        return refuse(QStringLiteral("СНИЛС в детской учётной записи меняет родитель в центре обслуживания."));
    QString passport = account.passport;
    if (!typed.passport.isEmpty()) {
        const auto normalized = rules::normalizePassport(typed.passport);
        if (!normalized)
            return refuse(
                QStringLiteral("Паспорт указан неверно: серия — 4 цифры, номер — 6 цифр, например 4510 123456."));
        passport = *normalized;
    }
    if (!birthDate.isValid() || snils.isEmpty() || passport.isEmpty())
        return refuse(
            QStringLiteral("Укажите дату рождения, СНИЛС и паспорт: без них учётную запись нельзя проверить."));

    // Changed data is checked again: a standard account stays standard, a simplified one becomes standard.
    const AccountLevel level = account.child ? account.level : AccountLevel::Standard;
    const Status saved = m_context.store.setProfile(account.oid, birthDate, snils, passport, level);
    if (!saved) {
        if (saved.error().code == QLatin1String(errc::Conflict))
            return refuse(QStringLiteral("Этот СНИЛС уже указан в другой учётной записи."));
        return errorPage(503, QStringLiteral("unavailable"), QStringLiteral("Стенд недоступен"),
            QStringLiteral("Данные не сохранены. Повторите попытку."));
    }
    qCInfo(lcStand) << "profile data saved for an account";
    auto updated = m_context.store.accountByOid(account.oid);
    return profileView(updated.value_or(account), browser, 200, {},
        account.child ? QStringLiteral("Данные сохранены.")
                      : QStringLiteral("Данные проверены: учётная запись стандартная. Чтобы она стала подтверждённой, "
                                       "отправьте запрос на подтверждение и подтвердите личность."));
}

} // namespace sg::esiastand
