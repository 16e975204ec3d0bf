#include "server/esiabroker.h"

#include "core/errorcodes.h"
#include "esiastand/esiaprotocol.h"
#include "server/accountstore.h"
#include "server/auditlog.h"
#include "server/crypto.h"
#include "server/database.h"
#include "server/router.h"
#include "server/webpage.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutexLocker>
#include <QProcess>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUrlQuery>
#include <QUuid>

#include <curl/curl.h>
#include <sodium.h>

Q_LOGGING_CATEGORY(lcEsia, "sg.server.esia")

namespace sg::server {

namespace {

constexpr char kFlowCookie[] = "sg_esia_flow";

// --- HTTP to ESIA (libcurl, synchronous: the broker runs on a worker thread) ---

struct HttpResult
{
    long status = 0;
    QByteArray body;
};

size_t collect(char *data, size_t size, size_t count, void *target)
{
    auto *body = static_cast<QByteArray *>(target);
    const size_t n = size * count;
    if (body->size() + qsizetype(n) > 1024 * 1024)
        return 0; // ESIA's answers are small; a flood ends the transfer
    body->append(data, qsizetype(n));
    return n;
}

Result<HttpResult> httpCall(const QUrl &url, const QByteArray &formBody, const QByteArray &bearer, int timeoutMs)
{
    static const bool initialized = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    const Error unreachable{QString::fromLatin1(errc::Unavailable),
        QStringLiteral("Госуслуги сейчас недоступны. Попробуйте ещё раз через несколько минут."), 502};
    if (!initialized)
        return unreachable;
    const std::unique_ptr<CURL, void (*)(CURL *)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl)
        return unreachable;
    CURL *h = curl.get();
    HttpResult result;
    char errorBuffer[CURL_ERROR_SIZE] = {};
    const QByteArray urlBytes = url.toEncoded();
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(h, CURLOPT_URL, urlBytes.constData());
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(h, CURLOPT_PROTOCOLS, long(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, long(timeoutMs));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, long(timeoutMs));
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &result.body);
    curl_slist *headers = nullptr;
    headers = curl_slist_append(headers, "Accept: application/json");
    const QByteArray authorization = "Authorization: Bearer " + bearer;
    if (!bearer.isEmpty())
        headers = curl_slist_append(headers, authorization.constData());
    if (!formBody.isNull()) {
        headers = curl_slist_append(headers, "Content-Type: application/x-www-form-urlencoded");
        curl_easy_setopt(h, CURLOPT_POST, 1L);
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, formBody.constData());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, long(formBody.size()));
    }
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    const CURLcode rc = curl_easy_perform(h);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK) {
        qCWarning(lcEsia) << "request to ESIA failed:" << url.toString(QUrl::RemoveQuery) << errorBuffer;
        return unreachable;
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &result.status);
    return result;
}

QUrl esiaEndpoint(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path);
    return url;
}

// --- small helpers ---

QString normalizedName(const QString &text)
{
    QString s = text.simplified().toCaseFolded();
    s.replace(QChar(0x0451), QChar(0x0435)); // ё -> е
    s.replace(QLatin1Char('-'), QLatin1Char(' '));
    return s.simplified();
}

QString s256(const QString &verifier)
{
    return QString::fromLatin1(
        esiastand::base64Url(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)));
}

bool isLoopbackRedirect(const QUrl &url)
{
    if (!url.isValid() || url.scheme() != QLatin1String("http") || !url.userInfo().isEmpty() || url.hasFragment()
        || url.port() <= 0)
        return false;
    // RFC 8252, 7.3 and 8.3: the loopback IP literal, never the name "localhost" (which a hosts file may point
    // elsewhere).
    return url.host() == QLatin1String("127.0.0.1") || url.host() == QLatin1String("::1");
}

QString cookieValue(const HttpRequest &request, const QByteArray &name)
{
    for (const auto &[field, value] : request.headers) {
        if (field.compare("cookie", Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray &part : value.split(';')) {
            const QByteArray trimmed = part.trimmed();
            if (trimmed.startsWith(name + '='))
                return QString::fromLatin1(trimmed.mid(name.size() + 1));
        }
    }
    return {};
}

HttpResponse oauthError(int status, const char *error, const QString &description)
{
    HttpResponse r = HttpResponse::json(status,
        QJsonObject{
            {QStringLiteral("error"), QString::fromLatin1(error)}, {QStringLiteral("error_description"), description}});
    r.headers.append(qMakePair(QByteArray("Pragma"), QByteArray("no-cache")));
    return r;
}

AuditEntry userEntry(qint64 userId, const QString &login, const QString &action, std::optional<qint64> schoolId,
    const QJsonObject &after)
{
    AuditEntry e;
    e.actorId = userId;
    e.actor = login;
    e.action = action;
    e.entity = QStringLiteral("user");
    e.entityId = QString::number(userId);
    e.schoolId = schoolId;
    e.after = after;
    return e;
}

} // namespace

// --- signers ---

Result<std::shared_ptr<DevelopmentSigner>> DevelopmentSigner::loadOrCreate(const QString &keyFile)
{
    if (!crypto::initialize())
        return Error{QString::fromLatin1(errc::Internal), QStringLiteral("libsodium did not start"), 500};
    auto signer = std::make_shared<DevelopmentSigner>();
    QFile file(keyFile);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly))
            return Error{QString::fromLatin1(errc::Internal),
                EsiaBroker::tr("The ESIA development key %1 cannot be read: %2").arg(keyFile, file.errorString()), 500};
        const QByteArray key = QByteArray::fromBase64(file.readAll().trimmed());
        if (key.size() != crypto_sign_SECRETKEYBYTES)
            return Error{QString::fromLatin1(errc::Internal),
                EsiaBroker::tr(
                    "The ESIA development key %1 is damaged: delete it to make a new one, and register the new public "
                    "key with the test stand.")
                    .arg(keyFile),
                500};
        signer->m_secretKey = key;
        return signer;
    }
    QByteArray publicKey(crypto_sign_PUBLICKEYBYTES, Qt::Uninitialized);
    QByteArray secretKey(crypto_sign_SECRETKEYBYTES, Qt::Uninitialized);
    crypto_sign_keypair(
        reinterpret_cast<unsigned char *>(publicKey.data()), reinterpret_cast<unsigned char *>(secretKey.data()));
    QDir().mkpath(QFileInfo(keyFile).absolutePath());
    QSaveFile out(keyFile);
    if (!out.open(QIODevice::WriteOnly) || out.write(secretKey.toBase64() + '\n') < 0 || !out.commit())
        return Error{QString::fromLatin1(errc::Internal),
            EsiaBroker::tr("The ESIA development key cannot be written to %1: %2").arg(keyFile, out.errorString()),
            500};
    QFile::setPermissions(keyFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    signer->m_secretKey = secretKey;
    return signer;
}

QByteArray DevelopmentSigner::publicKey() const
{
    return m_secretKey.right(crypto_sign_PUBLICKEYBYTES);
}

Result<QByteArray> DevelopmentSigner::sign(const QByteArray &message) const
{
    QByteArray signature(crypto_sign_BYTES, Qt::Uninitialized);
    crypto_sign_detached(reinterpret_cast<unsigned char *>(signature.data()), nullptr,
        reinterpret_cast<const unsigned char *>(message.constData()), quint64(message.size()),
        reinterpret_cast<const unsigned char *>(m_secretKey.constData()));
    return signature;
}

CommandSigner::CommandSigner(QStringList command, int timeoutMs)
    : m_command(std::move(command))
    , m_timeoutMs(timeoutMs)
{}

Result<QByteArray> CommandSigner::sign(const QByteArray &message) const
{
    const Error failed{QString::fromLatin1(errc::Unavailable),
        QStringLiteral("Запрос к Госуслугам не удалось подписать. Причину администратор найдёт в журнале сервера."),
        502};
    if (m_command.isEmpty())
        return failed;
    QProcess p;
    p.start(m_command.first(), m_command.mid(1));
    if (!p.waitForStarted(m_timeoutMs)) {
        qCWarning(lcEsia) << "the ESIA signer did not start:" << m_command.first() << p.errorString();
        return failed;
    }
    p.write(message);
    p.closeWriteChannel();
    if (!p.waitForFinished(m_timeoutMs)) {
        p.kill();
        p.waitForFinished(1000);
        qCWarning(lcEsia) << "the ESIA signer did not finish within" << m_timeoutMs << "ms";
        return failed;
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qCWarning(lcEsia) << "the ESIA signer failed with exit code" << p.exitCode() << ":"
                          << p.readAllStandardError().left(500);
        return failed;
    }
    const auto decoded =
        QByteArray::fromBase64Encoding(p.readAllStandardOutput().trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty()) {
        qCWarning(lcEsia) << "the ESIA signer printed something else than a base64 signature";
        return failed;
    }
    return decoded.decoded;
}

// --- the person ---

QJsonObject EsiaPerson::toJson() const
{
    return {{QStringLiteral("oid"), oid}, {QStringLiteral("lastName"), lastName},
        {QStringLiteral("firstName"), firstName}, {QStringLiteral("middleName"), middleName},
        {QStringLiteral("birthDate"), birthDate.toString(Qt::ISODate)},
        {QStringLiteral("level"),
            level == EsiaLevel::Confirmed   ? QStringLiteral("confirmed")
                : level == EsiaLevel::Child ? QStringLiteral("child")
                                            : QStringLiteral("simplified")}};
}

std::optional<EsiaPerson> EsiaPerson::fromJson(const QJsonObject &json)
{
    EsiaPerson p;
    p.oid = json.value(QStringLiteral("oid")).toString();
    p.lastName = json.value(QStringLiteral("lastName")).toString();
    p.firstName = json.value(QStringLiteral("firstName")).toString();
    p.middleName = json.value(QStringLiteral("middleName")).toString();
    p.birthDate = QDate::fromString(json.value(QStringLiteral("birthDate")).toString(), Qt::ISODate);
    const QString level = json.value(QStringLiteral("level")).toString();
    p.level = level == QLatin1String("confirmed") ? EsiaLevel::Confirmed
        : level == QLatin1String("child")         ? EsiaLevel::Child
                                                  : EsiaLevel::Simplified;
    if (p.oid.isEmpty())
        return std::nullopt;
    return p;
}

// --- the broker ---

EsiaBroker::EsiaBroker(
    Router &router, Database &db, AccountStore &accounts, AuditLog &audit, const Clock &clock, EsiaSettings settings)
    : m_db(db)
    , m_accounts(accounts)
    , m_audit(audit)
    , m_clock(clock)
    , m_settings(std::move(settings))
{
    using P = const QStringList &;
    router.add("GET", QStringLiteral("/api/v1/esia"), [this](const HttpRequest &, P) { return info(); });
    router.add(
        "GET", QStringLiteral("/api/v1/esia/authorize"), [this](const HttpRequest &r, P) { return authorize(r); });
    router.add("GET", QStringLiteral("/api/v1/esia/callback"), [this](const HttpRequest &r, P) { return callback(r); });
    router.add("GET", QStringLiteral("/api/v1/esia/link"), [this](const HttpRequest &r, P) { return linkPage(r); });
    router.add("POST", QStringLiteral("/api/v1/esia/link"), [this](const HttpRequest &r, P) { return link(r); });
    router.add("POST", QStringLiteral("/api/v1/esia/token"), [this](const HttpRequest &r, P) { return token(r); });
}

// GET /api/v1/esia: what the sign-in window needs to know before it offers «Войти через Госуслуги».
HttpResponse EsiaBroker::info() const
{
    QJsonObject o{{QStringLiteral("enabled"), m_settings.enabled()}, {QStringLiteral("esiaOnly"), m_settings.esiaOnly}};
    if (m_settings.enabled())
        o.insert(QStringLiteral("registrationUrl"),
            esiaEndpoint(m_settings.esiaUrl, QStringLiteral("/idp/register")).toString(QUrl::FullyEncoded));
    return HttpResponse::json(200, o);
}

bool EsiaBroker::levelAllows(Role role, EsiaLevel level)
{
    if (role == Role::Student)
        return true;
    return level == EsiaLevel::Confirmed;
}

bool EsiaBroker::samePerson(const EsiaPerson &person, const Record &record)
{
    if (record.surname.trimmed().isEmpty() || record.givenName.trimmed().isEmpty())
        return false;
    if (normalizedName(person.lastName) != normalizedName(record.surname)
        || normalizedName(person.firstName) != normalizedName(record.givenName))
        return false;
    if (!person.middleName.trimmed().isEmpty() && !record.patronymic.trimmed().isEmpty()
        && normalizedName(person.middleName) != normalizedName(record.patronymic))
        return false;
    if (person.birthDate.isValid())
        return person.birthDate == record.birthDate;
    return record.role == Role::Student;
}

QString EsiaBroker::levelExplanation()
{
    return QStringLiteral(
        "Для этой роли нужна подтверждённая учётная запись Госуслуг (упрощённой достаточно только ученику). Чтобы "
        "подтвердить учётную запись, укажите в профиле на Госуслугах дату рождения, СНИЛС и паспорт, дождитесь их "
        "проверки и подтвердите личность в центре обслуживания (МФЦ), через онлайн-банк или электронной подписью. "
        "Затем войдите снова.");
}

HttpResponse EsiaBroker::page(int status, const QString &title, const QString &bodyHtml, const QUrl &formTarget) const
{
    // form-action also governs where a form's answer may redirect (browsers check the redirect): the linking form
    // ends at the client's loopback address, which is therefore allowed, exactly.
    return htmlPage(status, title, bodyHtml,
        formTarget.isValid()
            ? formTarget.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment).toEncoded()
            : QByteArray());
}

HttpResponse EsiaBroker::errorPage(int status, const QString &message) const
{
    return page(status, QStringLiteral("Вход через Госуслуги"),
        QStringLiteral("<p class=\"error\" id=\"error\">%1</p><p>%2</p>")
            .arg(message.toHtmlEscaped(),
                QStringLiteral("Закройте эту страницу и начните вход заново в SchoolGate: «Войти через Госуслуги».")
                    .toHtmlEscaped()));
}

// GET /api/v1/esia/authorize?redirect_uri=http://127.0.0.1:PORT/…&state=…&code_challenge=…&code_challenge_method=S256
HttpResponse EsiaBroker::authorize(const HttpRequest &request)
{
    if (!m_settings.enabled())
        return errorPage(404, QStringLiteral("Вход через Госуслуги на этом сервере не настроен."));
    const QUrlQuery &q = request.query;
    const QUrl redirect(q.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded), QUrl::StrictMode);
    // Never a redirect to anything but the client's own loopback address: an error page instead (RFC 6749, 4.1.2.1).
    if (!isLoopbackRedirect(redirect))
        return errorPage(400,
            QStringLiteral("Запрос на вход пришёл не от SchoolGate на этом компьютере (его обратный адрес — не "
                           "http://127.0.0.1 с портом)."));
    const QString clientState = q.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    const QString challenge = q.queryItemValue(QStringLiteral("code_challenge"), QUrl::FullyDecoded);
    const QString method = q.queryItemValue(QStringLiteral("code_challenge_method"), QUrl::FullyDecoded);
    static const QRegularExpression challengeShape(QStringLiteral("^[A-Za-z0-9_-]{43}$"));
    if (clientState.isEmpty() || clientState.size() > kMaxClientStateLength || method != QLatin1String("S256")
        || !challengeShape.match(challenge).hasMatch())
        return errorPage(
            400, QStringLiteral("Запрос на вход неполон: нужны state и PKCE-challenge (S256). Обновите SchoolGate."));

    const qint64 now = m_clock.now().toSecsSinceEpoch();
    purgeExpired(now);
    Flow flow;
    flow.state = QUuid::createUuid().toString(QUuid::WithoutBraces); // ESIA wants a UUID
    flow.nonce = crypto::randomToken();
    const QString browserSecret = crypto::randomToken();
    flow.browserHash = crypto::sha256Hex(browserSecret.toLatin1());
    flow.clientRedirect = redirect.toString(QUrl::FullyEncoded);
    flow.clientState = clientState;
    flow.codeChallenge = challenge;
    QSqlQuery insert = m_db.prepare(
        QStringLiteral("INSERT INTO esia_flows (state, nonce, browser_hash, client_redirect, client_state, "
                       "code_challenge, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant &v : {QVariant(flow.state), QVariant(flow.nonce), QVariant(flow.browserHash),
             QVariant(flow.clientRedirect), QVariant(flow.clientState), QVariant(flow.codeChallenge), QVariant(now)})
        insert.addBindValue(v);
    if (!m_db.exec(insert))
        return errorPage(500, QStringLiteral("Вход не удалось начать. Попробуйте ещё раз."));

    const QString timestamp = esiastand::formatTimestamp(m_clock.now().toTimeZone(QTimeZone(3 * 3600)));
    const QString redirectUri = m_settings.callbackUrl.toString(QUrl::FullyEncoded);
    auto secret = clientSecret(timestamp, flow.state);
    if (!secret)
        return errorPage(502, secret.error().message);
    QUrl target = esiaEndpoint(m_settings.esiaUrl, QString::fromLatin1(esiastand::path::Authorize));
    const QByteArray query = esiastand::encodeForm({{QStringLiteral("client_id"), m_settings.clientId},
        {QStringLiteral("client_secret"), QString::fromLatin1(secret.value())},
        {QStringLiteral("redirect_uri"), redirectUri}, {QStringLiteral("scope"), m_settings.scope},
        {QStringLiteral("response_type"), QStringLiteral("code")}, {QStringLiteral("state"), flow.state},
        {QStringLiteral("timestamp"), timestamp}, {QStringLiteral("access_type"), QStringLiteral("online")},
        {QStringLiteral("nonce"), flow.nonce}});
    target.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    HttpResponse r;
    r.status = 302;
    r.contentType.clear();
    r.headers.append(qMakePair(QByteArray("Location"), target.toEncoded()));
    r.headers.append(qMakePair(QByteArray("Set-Cookie"),
        QByteArray(kFlowCookie) + '=' + browserSecret.toLatin1()
            + "; Path=/api/v1/esia; Max-Age=" + QByteArray::number(kFlowLifetimeSecs) + "; HttpOnly; SameSite=Lax"));
    return r;
}

Result<QByteArray> EsiaBroker::clientSecret(const QString &timestamp, const QString &state, const QString &code) const
{
    const QByteArray message = esiastand::secretMessage(m_settings.clientId, m_settings.scope, QString(), timestamp,
        state, m_settings.callbackUrl.toString(QUrl::FullyEncoded), code);
    auto signature = m_settings.signer->sign(message);
    if (!signature)
        return signature.error();
    return esiastand::base64Url(signature.value());
}

std::optional<EsiaBroker::Flow> EsiaBroker::readFlow(const QString &state)
{
    QSqlQuery q = m_db.prepare(
        QStringLiteral("SELECT state, nonce, browser_hash, client_redirect, client_state, code_challenge, created_at, "
                       "stage, person FROM esia_flows WHERE state = ?"));
    q.addBindValue(state);
    if (!m_db.exec(q) || !q.next())
        return std::nullopt;
    Flow f;
    f.state = q.value(0).toString();
    f.nonce = q.value(1).toString();
    f.browserHash = q.value(2).toString();
    f.clientRedirect = q.value(3).toString();
    f.clientState = q.value(4).toString();
    f.codeChallenge = q.value(5).toString();
    f.createdAt = q.value(6).toLongLong();
    f.stage = q.value(7).toString();
    const QString person = q.value(8).toString();
    if (!person.isEmpty())
        f.person = EsiaPerson::fromJson(QJsonDocument::fromJson(person.toUtf8()).object());
    return f;
}

std::optional<EsiaBroker::Flow> EsiaBroker::flowOf(
    const HttpRequest &request, const QString &state, HttpResponse *failure)
{
    const auto flow = state.isEmpty() || state.size() > 64 ? std::nullopt : readFlow(state);
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    if (!flow || flow->stage == QLatin1String("done") || now - flow->createdAt > kFlowLifetimeSecs) {
        *failure = errorPage(400, QStringLiteral("Этот вход неизвестен, уже завершён или устарел."));
        return std::nullopt;
    }
    const QString cookie = cookieValue(request, kFlowCookie);
    if (cookie.isEmpty() || crypto::sha256Hex(cookie.toLatin1()) != flow->browserHash) {
        qCInfo(lcEsia) << "a sign-in step came from another browser than the one that began it";
        *failure = errorPage(400,
            QStringLiteral(
                "Этот вход начат в другом браузере или окне. Начните заново в SchoolGate на этом компьютере."));
        return std::nullopt;
    }
    return flow;
}

// GET /api/v1/esia/callback?code=…&state=… (or ?error=…&state=…): ESIA sends the browser back here.
HttpResponse EsiaBroker::callback(const HttpRequest &request)
{
    if (!m_settings.enabled())
        return errorPage(404, QStringLiteral("Вход через Госуслуги на этом сервере не настроен."));
    HttpResponse failure;
    const QString state = request.query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    const auto flow = flowOf(request, state, &failure);
    if (!flow)
        return failure;
    if (flow->stage != QLatin1String("esia"))
        return errorPage(400, QStringLiteral("Этот вход неизвестен, уже завершён или устарел."));
    const QString error = request.query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
    if (!error.isEmpty()) {
        endFlow(flow->state);
        return redirectToClient(*flow,
            {{QStringLiteral("error"), QStringLiteral("access_denied")},
                {QStringLiteral("error_description"), QStringLiteral("Вход на Госуслугах отменён.")}});
    }
    const QString code = request.query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    if (code.isEmpty() || code.size() > 4096)
        return errorPage(400, QStringLiteral("Госуслуги не прислали код авторизации."));
    // Only one request may use this flow's code: the stage moves on before ESIA is asked.
    QSqlQuery claim =
        m_db.prepare(QStringLiteral("UPDATE esia_flows SET stage = 'link' WHERE state = ? AND stage = 'esia'"));
    claim.addBindValue(flow->state);
    if (!m_db.exec(claim) || claim.numRowsAffected() != 1)
        return errorPage(400, QStringLiteral("Этот вход неизвестен, уже завершён или устарел."));

    auto person = resolvePerson(*flow, code);
    if (!person) {
        endFlow(flow->state);
        return errorPage(person.error().httpStatus >= 500 ? 502 : 400, person.error().message);
    }
    Flow resolved = *flow;
    resolved.person = person.value();
    if (const auto linked = linkedAccount(person->oid)) {
        if (linked->disabled) {
            endFlow(flow->state);
            return redirectToClient(resolved,
                {{QStringLiteral("error"), QStringLiteral("access_denied")},
                    {QStringLiteral("error_description"), QStringLiteral("Эта учётная запись отключена.")}});
        }
        if (!levelAllows(linked->role, person->level)) {
            endFlow(flow->state);
            m_audit.append(userEntry(linked->id, linked->login, QStringLiteral("esia.signin-refused"), std::nullopt,
                {{QStringLiteral("reason"), QStringLiteral("level")}, {QStringLiteral("oid"), person->oid}}));
            return redirectToClient(resolved,
                {{QStringLiteral("error"), QStringLiteral("esia_level_insufficient")},
                    {QStringLiteral("error_description"), levelExplanation()}});
        }
        return finish(resolved, *linked);
    }
    // Not linked: the person is kept with the flow while the linking page is open.
    QSqlQuery keep = m_db.prepare(QStringLiteral("UPDATE esia_flows SET person = ? WHERE state = ?"));
    keep.addBindValue(QString::fromUtf8(QJsonDocument(person->toJson()).toJson(QJsonDocument::Compact)));
    keep.addBindValue(flow->state);
    if (!m_db.exec(keep))
        return errorPage(500, QStringLiteral("Вход не удалось продолжить. Попробуйте ещё раз."));
    HttpResponse r;
    r.status = 303;
    r.contentType.clear();
    QUrl next(QStringLiteral("/api/v1/esia/link"));
    next.setQuery(QUrlQuery{{QStringLiteral("state"), flow->state}});
    r.headers.append(qMakePair(QByteArray("Location"), next.toEncoded()));
    return r;
}

Result<EsiaPerson> EsiaBroker::resolvePerson(const Flow &flow, const QString &code)
{
    const Error bad{QString::fromLatin1(errc::BadResponse),
        QStringLiteral("Ответ Госуслуг не удалось проверить. Начните вход заново."), 502};
    const QString timestamp = esiastand::formatTimestamp(m_clock.now().toTimeZone(QTimeZone(3 * 3600)));
    auto secret = clientSecret(timestamp, flow.state, code);
    if (!secret)
        return secret.error();
    const QByteArray form = esiastand::encodeForm({{QStringLiteral("client_id"), m_settings.clientId},
        {QStringLiteral("code"), code}, {QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
        {QStringLiteral("client_secret"), QString::fromLatin1(secret.value())}, {QStringLiteral("state"), flow.state},
        {QStringLiteral("redirect_uri"), m_settings.callbackUrl.toString(QUrl::FullyEncoded)},
        {QStringLiteral("scope"), m_settings.scope}, {QStringLiteral("timestamp"), timestamp},
        {QStringLiteral("token_type"), QStringLiteral("Bearer")}});
    auto answer = httpCall(
        esiaEndpoint(m_settings.esiaUrl, QString::fromLatin1(esiastand::path::Token)), form, {}, m_settings.timeoutMs);
    if (!answer)
        return answer.error();
    const QJsonObject tokens = QJsonDocument::fromJson(answer->body).object();
    if (answer->status != 200) {
        qCWarning(lcEsia) << "ESIA refused the code:" << answer->status
                          << tokens.value(QStringLiteral("error")).toString();
        return Error{QString::fromLatin1(errc::BadRequest),
            QStringLiteral("Госуслуги не приняли этот вход (возможно, код уже использован). Начните заново."), 400};
    }
    const QString accessToken = tokens.value(QStringLiteral("access_token")).toString();
    const QByteArray idToken = tokens.value(QStringLiteral("id_token")).toString().toLatin1();
    const QList<QByteArray> parts = idToken.split('.');
    if (accessToken.isEmpty() || parts.size() != 3)
        return bad;
    const auto headerBytes = esiastand::fromBase64Url(parts[0]);
    const auto payloadBytes = esiastand::fromBase64Url(parts[1]);
    const auto signature = esiastand::fromBase64Url(parts[2]);
    if (!headerBytes || !payloadBytes || !signature)
        return bad;
    const QJsonObject header = QJsonDocument::fromJson(*headerBytes).object();
    const QJsonObject claims = QJsonDocument::fromJson(*payloadBytes).object();
    const QString alg = header.value(QStringLiteral("alg")).toString();
    if (alg == QLatin1String("EdDSA")) {
        auto key = idTokenKey(header.value(QStringLiteral("kid")).toString());
        if (!key)
            return key.error();
        const QByteArray signedPart = parts[0] + '.' + parts[1];
        if (signature->size() != crypto_sign_BYTES
            || crypto_sign_verify_detached(reinterpret_cast<const unsigned char *>(signature->constData()),
                   reinterpret_cast<const unsigned char *>(signedPart.constData()), quint64(signedPart.size()),
                   reinterpret_cast<const unsigned char *>(key->constData()))
                != 0) {
            qCWarning(lcEsia) << "an id_token with a bad signature";
            return bad;
        }
    } else if (!(m_settings.trustTlsForIdToken && m_settings.esiaUrl.scheme() == QLatin1String("https"))) {
        qCWarning(lcEsia) << "an id_token signed with" << alg << "and no way to check it";
        return bad;
    }
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    const QJsonValue aud = claims.value(QStringLiteral("aud"));
    const bool audienceOk =
        aud.isArray() ? aud.toArray().contains(m_settings.clientId) : aud.toString() == m_settings.clientId;
    QString issuer = claims.value(QStringLiteral("iss")).toString();
    QString expectedIssuer = m_settings.esiaUrl.toString(QUrl::FullyEncoded);
    while (issuer.endsWith(QLatin1Char('/')))
        issuer.chop(1);
    while (expectedIssuer.endsWith(QLatin1Char('/')))
        expectedIssuer.chop(1);
    const qint64 exp = claims.value(QStringLiteral("exp")).toInteger();
    const qint64 iat = claims.value(QStringLiteral("iat")).toInteger();
    if (!audienceOk || issuer != expectedIssuer || claims.value(QStringLiteral("nonce")).toString() != flow.nonce
        || exp <= now || iat > now + 300) {
        qCWarning(lcEsia) << "an id_token for another client, issuer, sign-in or time";
        return bad;
    }
    const QJsonObject subject = claims.value(QString::fromLatin1(esiastand::claim::Subject)).toObject();
    QString oid = esiastand::oidFrom(claims.value(QStringLiteral("sub")));
    if (oid.isEmpty())
        oid = esiastand::oidFrom(subject.value(QString::fromLatin1(esiastand::claim::SubjectOid)));
    if (oid.isEmpty())
        return bad;
    const QString lvl = subject.value(QString::fromLatin1(esiastand::claim::SubjectLevel)).toString();
    const bool trusted = subject.value(QString::fromLatin1(esiastand::claim::SubjectTrusted)).toBool();

    // The person's data, with the access token of this sign-in.
    auto personAnswer = httpCall(
        esiaEndpoint(m_settings.esiaUrl, QString::fromLatin1(esiastand::path::Persons) + QLatin1Char('/') + oid),
        QByteArray(), accessToken.toLatin1(), m_settings.timeoutMs);
    if (!personAnswer)
        return personAnswer.error();
    if (personAnswer->status != 200)
        return bad;
    const QJsonObject data = QJsonDocument::fromJson(personAnswer->body).object();
    EsiaPerson person;
    person.oid = oid;
    person.lastName = data.value(QStringLiteral("lastName")).toString();
    person.firstName = data.value(QStringLiteral("firstName")).toString();
    person.middleName = data.value(QStringLiteral("middleName")).toString();
    person.birthDate =
        QDate::fromString(data.value(QStringLiteral("birthDate")).toString(), QStringLiteral("dd.MM.yyyy"));
    if (lvl == QLatin1String(esiastand::level::Child))
        person.level = EsiaLevel::Child;
    else if (lvl == QLatin1String(esiastand::level::Confirmed) && trusted)
        person.level = EsiaLevel::Confirmed;
    else
        person.level = EsiaLevel::Simplified;
    return person;
}

Result<QByteArray> EsiaBroker::idTokenKey(const QString &kid)
{
    {
        QMutexLocker lock(&m_keysMutex);
        if (m_keys.contains(kid))
            return m_keys.value(kid);
    }
    const Error bad{QString::fromLatin1(errc::BadResponse),
        QStringLiteral("Ответ Госуслуг не удалось проверить. Начните вход заново."), 502};
    auto answer = httpCall(esiaEndpoint(m_settings.esiaUrl, QString::fromLatin1(esiastand::path::Jwks)), QByteArray(),
        {}, m_settings.timeoutMs);
    if (!answer)
        return answer.error();
    if (answer->status != 200)
        return bad;
    QMutexLocker lock(&m_keysMutex);
    for (const QJsonValue &v : QJsonDocument::fromJson(answer->body).object().value(QStringLiteral("keys")).toArray()) {
        const QJsonObject k = v.toObject();
        if (k.value(QStringLiteral("kty")).toString() != QLatin1String("OKP")
            || k.value(QStringLiteral("crv")).toString() != QLatin1String("Ed25519"))
            continue;
        const auto x = esiastand::fromBase64Url(k.value(QStringLiteral("x")).toString().toLatin1());
        if (x && x->size() == crypto_sign_PUBLICKEYBYTES)
            m_keys.insert(k.value(QStringLiteral("kid")).toString(), *x);
    }
    if (!m_keys.contains(kid))
        return bad;
    return m_keys.value(kid);
}

std::optional<EsiaBroker::Account> EsiaBroker::account(const QString &column, const QVariant &value)
{
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "SELECT id, login, role, surname, given_name, birth_date, disabled, patronymic FROM users WHERE %1 = ?")
                                   .arg(column));
    q.addBindValue(value);
    if (!m_db.exec(q) || !q.next())
        return std::nullopt;
    Account a;
    a.id = q.value(0).toLongLong();
    a.login = q.value(1).toString();
    const auto role = roleFromString(q.value(2).toString());
    if (!role)
        return std::nullopt;
    a.role = *role;
    a.surname = q.value(3).toString();
    a.givenName = q.value(4).toString();
    a.birthDate = QDate::fromString(q.value(5).toString(), Qt::ISODate);
    a.disabled = q.value(6).toLongLong() != 0;
    a.patronymic = q.value(7).toString();
    return a;
}

std::optional<EsiaBroker::Account> EsiaBroker::linkedAccount(const QString &oid)
{
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT user_id FROM esia_links WHERE oid = ?"));
    q.addBindValue(oid);
    if (!m_db.exec(q) || !q.next())
        return std::nullopt;
    return account(QStringLiteral("id"), q.value(0).toLongLong());
}

HttpResponse EsiaBroker::linkForm(const Flow &flow, int status, const QString &message) const
{
    const QString name =
        flow.person ? QStringLiteral("%1 %2").arg(flow.person->firstName, flow.person->lastName) : QString();
    QString body;
    body += QStringLiteral("<p class=\"notice\" id=\"no-binding\">%1</p>")
                .arg(QStringLiteral(
                    "%1, ваша учётная запись Госуслуг ещё не привязана к пользователю электронного дневника.")
                         .arg(name)
                         .toHtmlEscaped());
    if (!message.isEmpty())
        body += QStringLiteral("<p class=\"error\" id=\"error\">%1</p>").arg(message.toHtmlEscaped());
    body +=
        QStringLiteral(
            "<div class=\"box\"><h2 style=\"font-size:18px;margin:0\">%1</h2><p>%2</p>"
            "<form id=\"link-form\" method=\"post\" action=\"/api/v1/esia/link\">"
            "<input type=\"hidden\" name=\"state\" value=\"%3\">"
            "<label for=\"login\">%4</label><input type=\"text\" id=\"login\" name=\"login\" autocomplete=\"username\" "
            "required maxlength=\"200\">"
            "<label for=\"password\">%5</label><input type=\"password\" id=\"password\" name=\"password\" "
            "autocomplete=\"current-password\" required maxlength=\"1000\">"
            "<button type=\"submit\" id=\"link-submit\" name=\"action\" value=\"link\">%6</button>"
            "<button type=\"submit\" class=\"secondary\" id=\"link-cancel\" name=\"action\" value=\"cancel\" "
            "formnovalidate>%7</button></form></div><p>%8</p>")
            .arg(QStringLiteral("Найти существующего пользователя"),
                QStringLiteral(
                    "Введите логин и пароль вашей учётной записи в электронном дневнике (SchoolGate). Она "
                    "будет привязана к учётной записи Госуслуг, если совпадут фамилия, имя и дата рождения (если она "
                    "указана на Госуслугах).")
                    .toHtmlEscaped(),
                flow.state.toHtmlEscaped(), QStringLiteral("Логин в дневнике").toHtmlEscaped(),
                QStringLiteral("Пароль").toHtmlEscaped(), QStringLiteral("Прикрепить"),
                QStringLiteral("Отмена").toHtmlEscaped(),
                QStringLiteral("Нет учётной записи в дневнике? Её создаёт школа: когда она подтверждает вашу заявку "
                               "(«Заявка в школу»), на почту приходит ссылка, чтобы задать пароль.")
                    .toHtmlEscaped());
    return page(status, QStringLiteral("Привязка учётной записи Госуслуг"), body, QUrl(flow.clientRedirect));
}

// GET /api/v1/esia/link?state=…: the linking page for a person whose Gosuslugi account is not linked.
HttpResponse EsiaBroker::linkPage(const HttpRequest &request)
{
    HttpResponse failure;
    const auto flow =
        flowOf(request, request.query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), &failure);
    if (!flow)
        return failure;
    if (flow->stage != QLatin1String("link") || !flow->person)
        return errorPage(400, QStringLiteral("Этот вход неизвестен, уже завершён или устарел."));
    return linkForm(*flow, 200, {});
}

// POST /api/v1/esia/link (form: state, login, password, action): «Прикрепить».
HttpResponse EsiaBroker::link(const HttpRequest &request)
{
    const auto fields = formFields(request);
    if (!fields)
        return errorPage(400, QStringLiteral("Форму не удалось прочитать."));
    HttpResponse failure;
    const auto flow = flowOf(request, fields->value(QStringLiteral("state")), &failure);
    if (!flow)
        return failure;
    if (flow->stage != QLatin1String("link") || !flow->person)
        return errorPage(400, QStringLiteral("Этот вход неизвестен, уже завершён или устарел."));
    const EsiaPerson &person = *flow->person;
    if (fields->value(QStringLiteral("action")) == QLatin1String("cancel")) {
        endFlow(flow->state);
        return redirectToClient(*flow,
            {{QStringLiteral("error"), QStringLiteral("access_denied")},
                {QStringLiteral("error_description"), QStringLiteral("Привязка отменена.")}});
    }
    const QString login = fields->value(QStringLiteral("login")).trimmed();
    const QString password = fields->value(QStringLiteral("password"));
    if (login.isEmpty() || password.isEmpty() || login.size() > 200 || password.size() > 1000)
        return linkForm(*flow, 400, QStringLiteral("Введите логин и пароль."));

    // The password is checked as at sign-in, with the same limits per account and per address.
    auto user = m_accounts.authenticate(login, password, request.remoteAddress.toString());
    if (!user) {
        if (user.error().httpStatus == 429)
            return linkForm(*flow, 429, user.error().message);
        return linkForm(*flow, 401, QStringLiteral("Неверный логин или пароль."));
    }
    const auto target = account(QStringLiteral("id"), user->id);
    if (!target)
        return errorPage(500, QStringLiteral("Вход не удалось продолжить. Попробуйте ещё раз."));
    const auto refuse = [&](const QString &reason, const QString &message) {
        qCInfo(lcEsia) << "linking refused for account" << target->id << ":" << reason;
        m_audit.append(userEntry(target->id, target->login, QStringLiteral("esia.link-refused"), user->schoolId,
            {{QStringLiteral("reason"), reason}, {QStringLiteral("oid"), person.oid}}));
        return linkForm(*flow, 403, message);
    };
    if (person.level == EsiaLevel::Child && target->role != Role::Student)
        return refuse(QStringLiteral("child-account"),
            QStringLiteral("Детскую учётную запись Госуслуг можно привязать только к учётной записи ученика."));
    // The level first: every role but a student's needs a confirmed account, and is told so in one message, whatever
    // else the account lacks.
    if (!levelAllows(target->role, person.level))
        return refuse(QStringLiteral("level"), levelExplanation());
    if (!samePerson(person, {target->role, target->surname, target->givenName, target->patronymic, target->birthDate}))
        return refuse(QStringLiteral("person-mismatch"),
            QStringLiteral(
                "Фамилия, имя или дата рождения в учётной записи Госуслуг не совпадают с данными этой учётной записи "
                "дневника, поэтому их нельзя привязать. Если в дневнике ошибка, попросите школу её исправить."));
    if (linkedAccount(person.oid))
        return refuse(QStringLiteral("oid-linked"),
            QStringLiteral("Эта учётная запись Госуслуг уже привязана к другому пользователю."));

    {
        Transaction tx(m_db);
        if (!tx.isActive())
            return errorPage(500, QStringLiteral("Вход не удалось продолжить. Попробуйте ещё раз."));
        QSqlQuery insert =
            m_db.prepare(QStringLiteral("INSERT INTO esia_links (oid, user_id, linked_at) VALUES (?, ?, ?)"));
        insert.addBindValue(person.oid);
        insert.addBindValue(target->id);
        insert.addBindValue(proto::formatTimestamp(m_clock.now()));
        if (!insert.exec()) {
            const bool taken = m_db.isUniqueViolation(insert.lastError());
            tx.rollback();
            if (taken)
                return refuse(QStringLiteral("account-linked"),
                    QStringLiteral("Эта учётная запись дневника уже привязана к другой учётной записи Госуслуг. "
                                   "Попросите администратора школы сначала отвязать её."));
            return errorPage(500, QStringLiteral("Вход не удалось продолжить. Попробуйте ещё раз."));
        }
        const auto audited =
            m_audit.append(userEntry(target->id, target->login, QStringLiteral("esia.linked"), user->schoolId,
                {{QStringLiteral("oid"), person.oid},
                    {QStringLiteral("level"), person.toJson().value(QStringLiteral("level"))}}));
        if (!audited || !tx.commit())
            return errorPage(500, QStringLiteral("Вход не удалось продолжить. Попробуйте ещё раз."));
    }
    return finish(*flow, *target);
}

HttpResponse EsiaBroker::finish(const Flow &flow, const Account &account)
{
    const QString code = crypto::randomToken();
    QSqlQuery q = m_db.prepare(QStringLiteral("INSERT INTO esia_codes (code_hash, user_id, code_challenge, "
                                              "client_redirect, created_at) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(crypto::sha256Hex(code.toLatin1()));
    q.addBindValue(account.id);
    q.addBindValue(flow.codeChallenge);
    q.addBindValue(flow.clientRedirect);
    q.addBindValue(m_clock.now().toSecsSinceEpoch());
    if (!m_db.exec(q))
        return errorPage(500, QStringLiteral("Вход не удалось продолжить. Попробуйте ещё раз."));
    endFlow(flow.state);
    return redirectToClient(flow, {{QStringLiteral("code"), code}});
}

HttpResponse EsiaBroker::redirectToClient(const Flow &flow, const QList<QPair<QString, QString>> &fields)
{
    QUrl target(flow.clientRedirect, QUrl::StrictMode);
    // Every value percent-encoded once (RFC 6749, appendix B), after whatever query the client's address has.
    QList<QPair<QString, QString>> all = fields;
    all.append({QStringLiteral("state"), flow.clientState});
    const QString own = target.query(QUrl::FullyEncoded);
    target.setQuery(
        (own.isEmpty() ? QString() : own + QLatin1Char('&')) + QString::fromLatin1(esiastand::encodeForm(all)),
        QUrl::StrictMode);
    HttpResponse r;
    r.status = 302;
    r.contentType.clear();
    r.headers.append(qMakePair(QByteArray("Location"), target.toEncoded()));
    // The flow's cookie has done its work.
    r.headers.append(qMakePair(
        QByteArray("Set-Cookie"), QByteArray(kFlowCookie) + "=; Path=/api/v1/esia; Max-Age=0; HttpOnly; SameSite=Lax"));
    return r;
}

void EsiaBroker::endFlow(const QString &state)
{
    QSqlQuery q = m_db.prepare(QStringLiteral("UPDATE esia_flows SET stage = 'done', person = '' WHERE state = ?"));
    q.addBindValue(state);
    m_db.exec(q);
}

void EsiaBroker::purgeExpired(qint64 now)
{
    QSqlQuery flows = m_db.prepare(QStringLiteral("DELETE FROM esia_flows WHERE created_at < ?"));
    flows.addBindValue(now - kFlowLifetimeSecs - 3600);
    m_db.exec(flows);
    QSqlQuery codes = m_db.prepare(QStringLiteral("DELETE FROM esia_codes WHERE created_at < ?"));
    codes.addBindValue(now - kCodeLifetimeSecs - 3600);
    m_db.exec(codes);
}

// POST /api/v1/esia/token (form: grant_type=authorization_code, code, code_verifier, redirect_uri): the
// client's exchange of the one-time code, as an OAuth 2.0 token request (RFC 6749 4.1.3, RFC 7636 4.5).
HttpResponse EsiaBroker::token(const HttpRequest &request)
{
    const auto fields = formFields(request);
    if (!fields)
        return oauthError(
            400, "invalid_request", QStringLiteral("Запрос должен быть формой application/x-www-form-urlencoded."));
    if (fields->value(QStringLiteral("grant_type")) != QLatin1String("authorization_code"))
        return oauthError(400, "unsupported_grant_type", QStringLiteral("Поддерживается только authorization_code."));
    const QString code = fields->value(QStringLiteral("code"));
    const QString verifier = fields->value(QStringLiteral("code_verifier"));
    const QString redirect = fields->value(QStringLiteral("redirect_uri"));
    static const QRegularExpression verifierShape(QStringLiteral("^[A-Za-z0-9._~-]{43,128}$"));
    if (code.isEmpty() || code.size() > 200 || !verifierShape.match(verifier).hasMatch())
        return oauthError(
            400, "invalid_request", QStringLiteral("Нужны code и PKCE code_verifier (от 43 до 128 символов)."));
    const QString codeHash = crypto::sha256Hex(code.toLatin1());
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "SELECT user_id, code_challenge, client_redirect, created_at, used FROM esia_codes WHERE code_hash = ?"));
    q.addBindValue(codeHash);
    if (!m_db.exec(q) || !q.next())
        return oauthError(400, "invalid_grant", QStringLiteral("Код неизвестен, уже использован или устарел."));
    const qint64 userId = q.value(0).toLongLong();
    const QString challenge = q.value(1).toString();
    const QString clientRedirect = q.value(2).toString();
    const qint64 createdAt = q.value(3).toLongLong();
    const bool used = q.value(4).toLongLong() != 0;
    q.finish();
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    if (used || now - createdAt > kCodeLifetimeSecs)
        return oauthError(400, "invalid_grant", QStringLiteral("Код неизвестен, уже использован или устарел."));
    // Single use, even against a second instance answering the same code at the same moment.
    QSqlQuery take = m_db.prepare(QStringLiteral("UPDATE esia_codes SET used = 1 WHERE code_hash = ? AND used = 0"));
    take.addBindValue(codeHash);
    if (!m_db.exec(take) || take.numRowsAffected() != 1)
        return oauthError(400, "invalid_grant", QStringLiteral("Код неизвестен, уже использован или устарел."));
    if (QUrl(redirect, QUrl::StrictMode).toString(QUrl::FullyEncoded) != clientRedirect)
        return oauthError(
            400, "invalid_grant", QStringLiteral("redirect_uri отличается от того, с которым начат вход."));
    if (s256(verifier) != challenge) {
        qCInfo(lcEsia) << "a code exchange with a wrong PKCE verifier for account" << userId;
        return oauthError(400, "invalid_grant", QStringLiteral("PKCE code_verifier не соответствует challenge."));
    }
    auto user = m_accounts.user(userId);
    if (!user)
        return oauthError(400, "invalid_grant", QStringLiteral("Учётная запись больше недоступна."));
    user->offlineMaxDays = m_offlineMaxDays;
    auto session = m_accounts.createSession(*user);
    if (!session)
        return oauthError(500, "server_error", QStringLiteral("Сессию не удалось создать. Попробуйте ещё раз."));
    m_audit.append(userEntry(user->id, user->login, QStringLiteral("esia.signed-in"), user->schoolId, {}));
    QJsonObject body = session->toJson();
    body.insert(QStringLiteral("access_token"), session->token);
    body.insert(QStringLiteral("token_type"), QStringLiteral("Bearer"));
    body.insert(QStringLiteral("expires_in"), AccountStore::kIdleTimeoutSecs);
    HttpResponse r = HttpResponse::json(200, body);
    r.headers.append(qMakePair(QByteArray("Pragma"), QByteArray("no-cache")));
    return r;
}

Status EsiaBroker::unlink(const QString &login, const QString &actor)
{
    const auto target = account(QStringLiteral("login"), login.trimmed());
    if (!target)
        return Error{QString::fromLatin1(errc::NotFound), tr("There is no account %1.").arg(login), 404};
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT oid FROM esia_links WHERE user_id = ?"));
    q.addBindValue(target->id);
    if (!m_db.exec(q) || !q.next())
        return Error{QString::fromLatin1(errc::NotFound),
            tr("The account %1 is not linked to a Gosuslugi account.").arg(login), 404};
    const QString oid = q.value(0).toString();
    q.finish();
    Transaction tx(m_db);
    if (!tx.isActive())
        return Error{QString::fromLatin1(errc::Internal), QStringLiteral("begin failed"), 500};
    QSqlQuery del = m_db.prepare(QStringLiteral("DELETE FROM esia_links WHERE user_id = ?"));
    del.addBindValue(target->id);
    AuditEntry entry;
    entry.actor = actor;
    entry.action = QStringLiteral("esia.unlinked");
    entry.entity = QStringLiteral("user");
    entry.entityId = QString::number(target->id);
    entry.before = {{QStringLiteral("oid"), oid}};
    if (!m_db.exec(del) || !m_audit.append(entry) || !tx.commit())
        return Error{QString::fromLatin1(errc::Internal), QStringLiteral("unlink failed"), 500};
    return Unit{};
}

} // namespace sg::server
