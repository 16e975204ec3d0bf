#include "esiastand/esiastand.h"

#include "core/errorcodes.h"
#include "core/validators.h"
#include "esiastand/accountrules.h"
#include "esiastand/esiaprotocol.h"
#include "esiastand/standkeys.h"
#include "esiastand/standroutes.h"
#include "esiastand/standstore.h"
#include "server/crypto.h"
#include "server/httpserver.h"
#include "server/mailer.h"
#include "server/mailmessage.h"

#include <QDir>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTimer>

Q_LOGGING_CATEGORY(lcEsiaStand, "sg.esiastand.main")

namespace sg::esiastand {

namespace {

Error invalid(const QString &message)
{
    return Error{QString::fromLatin1(errc::ValidationFailed), message, 400};
}

Error notOpen()
{
    return Error{QString::fromLatin1(errc::Internal), QStringLiteral("the stand is not open"), 500};
}

} // namespace

EsiaStand::EsiaStand(StandOptions options, const Clock &clock, server::Mailer &mailer, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_clock(clock)
    , m_mailer(mailer)
{
    m_mailPool.setMaxThreadCount(1);
}

EsiaStand::~EsiaStand()
{
    stop();
    m_mailPool.waitForDone();
}

Status EsiaStand::open()
{
    if (m_store)
        return Unit{};
    if (!server::crypto::initialize())
        return Error{QString::fromLatin1(errc::Internal), QStringLiteral("libsodium failed to initialise"), 500};
    if (m_options.dataDir.isEmpty())
        return invalid(QStringLiteral("the stand needs a data folder"));
    const QDir dir(m_options.dataDir);
    auto keys = StandKeys::loadOrCreate(dir.filePath(QString::fromLatin1(StandKeys::kFileName)));
    if (!keys)
        return keys.error();
    auto store = StandStore::open(dir.filePath(QString::fromLatin1(kDatabaseFile)), m_clock);
    if (!store)
        return store.error();
    auto csrfKey = store.value()->secret(QStringLiteral("csrf"), 32);
    if (!csrfKey)
        return csrfKey.error();
    m_keys = std::make_unique<StandKeys>(std::move(keys).value());
    m_store = std::move(store).value();
    m_store->purge();
    m_routes =
        std::make_unique<StandRoutes>(StandContext{*m_store, *m_keys, m_clock, m_options, [this] { return baseUrl(); },
            [this](const server::MailMessage &message) { sendMail(message); }, csrfKey.value()});
    return Unit{};
}

Status EsiaStand::start()
{
    if (auto st = open(); !st)
        return st;
    if (m_tcp && m_tcp->isListening())
        return Unit{};
    m_tcp = new server::HttpServer(
        m_options.transport, [this](server::HttpRequest request, server::HttpReply reply) { reply(handle(request)); },
        this);
    if (!m_tcp->listen(m_options.address, m_options.port)) {
        const QString why = m_tcp->errorString();
        delete m_tcp;
        m_tcp = nullptr;
        return Error{QString::fromLatin1(errc::Unavailable),
            QStringLiteral("cannot listen on %1:%2: %3").arg(m_options.address.toString()).arg(m_options.port).arg(why),
            503};
    }
    auto *hourly = new QTimer(m_tcp);
    hourly->setInterval(3600 * 1000);
    connect(hourly, &QTimer::timeout, this, [this] { m_store->purge(); });
    hourly->start();
    qCInfo(lcEsiaStand) << "ESIA stand listening on" << baseUrl().toString();
    return Unit{};
}

void EsiaStand::stop()
{
    if (m_tcp)
        m_tcp->close();
    delete m_tcp; // with its connections
    m_tcp = nullptr;
}

bool EsiaStand::isListening() const
{
    return m_tcp && m_tcp->isListening();
}

quint16 EsiaStand::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

QUrl EsiaStand::baseUrl() const
{
    if (m_options.publicUrl.isValid() && !m_options.publicUrl.isEmpty()) {
        QUrl url = m_options.publicUrl.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment);
        return url;
    }
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_tcp ? m_tcp->serverAddress().toString() : m_options.address.toString());
    url.setPort(port());
    return url;
}

QString EsiaStand::issuer() const
{
    return baseUrl().toString(QUrl::StripTrailingSlash) + QLatin1Char('/');
}

server::HttpResponse EsiaStand::handle(const server::HttpRequest &request)
{
    if (!m_routes)
        return server::HttpResponse::problem(503, QString::fromLatin1(errc::Unavailable), QStringLiteral("not open"));
    return m_routes->handle(request);
}

void EsiaStand::sendMail(const server::MailMessage &message)
{
    server::Mailer *mailer = &m_mailer;
    m_mailPool.start([mailer, message] {
        if (auto st = mailer->send(message); !st)
            qCWarning(lcEsiaStand) << "a letter could not be sent:" << st.error().code;
    });
}

void EsiaStand::waitForMail()
{
    m_mailPool.waitForDone();
}

Status EsiaStand::registerClient(const QString &clientId, const QStringList &redirectUris, const QByteArray &publicKey)
{
    if (!m_store)
        return notOpen();
    static const QRegularExpression idShape(QStringLiteral("^[A-Za-z0-9._:-]{1,100}$"));
    if (!idShape.match(clientId).hasMatch())
        return invalid(QStringLiteral("client_id must be 1 to 100 Latin letters, digits or . _ : -"));
    if (publicKey.size() != 32)
        return invalid(
            QStringLiteral("the public key must be an Ed25519 key of 32 bytes (got %1)").arg(publicKey.size()));
    if (redirectUris.isEmpty())
        return invalid(QStringLiteral("give at least one redirect URI"));
    Client client{clientId, {}, publicKey};
    for (const QString &uri : redirectUris) {
        const QUrl normal = normalizedRedirectUri(uri);
        if (!normal.isValid())
            return invalid(
                QStringLiteral("the redirect URI %1 is not an absolute http(s) URL without a fragment").arg(uri));
        client.redirectUris.append(normal.toString(QUrl::FullyEncoded));
    }
    return m_store->saveClient(client);
}

Result<QString> EsiaStand::addAccount(const AccountSpec &spec)
{
    if (!m_store)
        return notOpen();
    auto account = rules::accountFromSpec(spec, false);
    if (!account)
        return account.error();
    for (const auto &[column, value] : {std::pair{QStringLiteral("email"), account->email},
             std::pair{QStringLiteral("phone"), account->phone}, std::pair{QStringLiteral("snils"), account->snils}}) {
        if (!value.isEmpty() && m_store->accountBy(column, value))
            return Error{QString::fromLatin1(errc::Conflict),
                QStringLiteral("another account already has this %1")
                    .arg(column == QLatin1String("email")      ? QStringLiteral("e-mail address")
                            : column == QLatin1String("phone") ? QStringLiteral("phone number")
                                                               : QStringLiteral("SNILS")),
                409};
    }
    account.value().passwordHash = server::crypto::hashPassword(spec.password);
    return m_store->insertAccount(account.value());
}

Result<Account> EsiaStand::findAccount(const QString &login)
{
    if (!m_store)
        return notOpen();
    static const QRegularExpression oidShape(QStringLiteral("^1[0-9]{9}$"));
    if (oidShape.match(login.trimmed()).hasMatch()) {
        if (auto account = m_store->accountByOid(login.trimmed()))
            return account.value();
    }
    if (auto account = m_store->accountByLogin(login))
        return account.value();
    return Error{QString::fromLatin1(errc::NotFound), QStringLiteral("no account has the login %1").arg(login), 404};
}

Status EsiaStand::setLevel(const QString &login, AccountLevel level)
{
    auto account = findAccount(login);
    if (!account)
        return account.error();
    if (account->child)
        return invalid(QStringLiteral("a child's account has no level of its own"));
    if (level != AccountLevel::Simplified && (account->snils.isEmpty() || !account->birthDate.isValid()))
        return invalid(QStringLiteral("the %1 level needs a SNILS and a birth date, and this account lacks them")
                           .arg(levelName(level)));
    return m_store->setLevel(account->oid, level);
}

Status EsiaStand::confirm(const QString &login)
{
    auto account = findAccount(login);
    if (!account)
        return account.error();
    if (account->child)
        return invalid(QStringLiteral("a child's account has no level of its own"));
    QStringList missing;
    if (!account->birthDate.isValid())
        missing.append(QStringLiteral("a birth date"));
    if (account->snils.isEmpty())
        missing.append(QStringLiteral("a SNILS"));
    if (account->passport.isEmpty())
        missing.append(QStringLiteral("a passport"));
    if (!missing.isEmpty())
        return invalid(QStringLiteral("the account lacks %1: the person enters them on the stand's profile page "
                                      "(/profile) first")
                           .arg(missing.join(QStringLiteral(", "))));
    return m_store->transaction([&]() -> Status {
        if (auto st = m_store->setLevel(account->oid, AccountLevel::Confirmed); !st)
            return st;
        return m_store->setConfirmationRequested(account->oid, {});
    });
}

Result<QString> EsiaStand::addChild(const QString &parentLogin, const AccountSpec &spec)
{
    auto parent = findAccount(parentLogin);
    if (!parent)
        return parent.error();
    if (parent->child)
        return invalid(QStringLiteral("a child's account cannot be a parent"));
    auto account = rules::accountFromSpec(spec, true);
    if (!account)
        return account.error();
    if (account->birthDate > m_clock.now().date() || account->birthDate.addYears(18) <= m_clock.now().date())
        return invalid(QStringLiteral("a child's birth date must be within the last 18 years"));
    for (const auto &[column, value] : {std::pair{QStringLiteral("email"), account->email},
             std::pair{QStringLiteral("phone"), account->phone}, std::pair{QStringLiteral("snils"), account->snils}}) {
        if (!value.isEmpty() && m_store->accountBy(column, value))
            return Error{QString::fromLatin1(errc::Conflict),
                QStringLiteral("another account already has this %1").arg(column), 409};
    }
    account.value().parentOid = parent->oid;
    account.value().passwordHash = server::crypto::hashPassword(spec.password);
    return m_store->insertAccount(account.value());
}

Result<QString> EsiaStand::addOrganisation(const QString &login, const OrganisationSpec &organisation)
{
    auto account = findAccount(login);
    if (!account)
        return account.error();
    OrganisationSpec o = organisation;
    o.name = o.name.trimmed();
    if (o.name.isEmpty() || o.name.size() > 500)
        return invalid(QStringLiteral("the organisation needs a name (at most 500 characters)"));
    const auto ogrn = validators::validateOgrn(o.ogrn);
    if (!ogrn.ok)
        return invalid(QStringLiteral("OGRN: ") + ogrn.message);
    const auto inn = validators::validateInn(o.inn, validators::InnKind::Organisation);
    if (!inn.ok)
        return invalid(QStringLiteral("INN: ") + inn.message);
    o.ogrn = ogrn.normalized;
    o.inn = inn.normalized;
    return m_store->insertOrganisation(account->oid, o);
}

Result<QList<Account>> EsiaStand::accounts()
{
    if (!m_store)
        return notOpen();
    return m_store->accounts();
}

QList<Organisation> EsiaStand::organisations(const QString &oid)
{
    return m_store ? m_store->organisations(oid) : QList<Organisation>{};
}

QJsonObject EsiaStand::publicJwk() const
{
    return m_keys ? m_keys->publicJwk() : QJsonObject{};
}

QJsonObject EsiaStand::jwks() const
{
    return m_keys ? m_keys->jwks() : QJsonObject{};
}

} // namespace sg::esiastand
