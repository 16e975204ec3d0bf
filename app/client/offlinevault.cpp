#include "client/offlinevault.h"

#include "client/cachecrypto.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <sodium.h>

namespace sg::client {

namespace {

constexpr char kFormat[] = "schoolgate-offline-vault";
constexpr int kVersion = 1;
constexpr qint64 kLongestFile = 64 * 1024;
// Bounds for the Argon2id costs read from a file: a changed file must not make the client allocate without limit.
constexpr unsigned long long kMostOps = 64;
constexpr std::size_t kMostMemory = std::size_t(1) << 30;

bool initializeSodium()
{
    static const bool ok = sodium_init() >= 0;
    return ok;
}

Error vaultError(const char *code, const QString &message)
{
    return Error{QString::fromLatin1(code), message};
}

Error corrupt(const QString &what)
{
    return vaultError(vaulterr::Corrupt, QStringLiteral("the offline vault is damaged (%1)").arg(what));
}

QString b64(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

std::optional<QByteArray> fromB64(const QJsonValue &v)
{
    if (!v.isString())
        return std::nullopt;
    auto r = QByteArray::fromBase64Encoding(v.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!r)
        return std::nullopt;
    return *r;
}

std::optional<qint64> wholeNumber(const QJsonValue &v, qint64 min, qint64 max)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (d != double(qint64(d)) || d < double(min) || d > double(max))
        return std::nullopt;
    return qint64(d);
}

// The key that wraps the copy's key: Argon2id of the password with the vault's salt and costs. Empty on failure.
QByteArray derive(const QByteArray &password, const QByteArray &salt, unsigned long long ops, std::size_t mem)
{
    QByteArray key(CacheCrypto::kKeySize, Qt::Uninitialized);
    if (crypto_pwhash(reinterpret_cast<unsigned char *>(key.data()), std::size_t(key.size()), password.constData(),
            std::size_t(password.size()), reinterpret_cast<const unsigned char *>(salt.constData()), ops, mem,
            crypto_pwhash_ALG_ARGON2ID13)
        != 0) {
        sodium_memzero(key.data(), std::size_t(key.size()));
        return {};
    }
    return key;
}

void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty())
        sodium_memzero(bytes.data(), std::size_t(bytes.size()));
    bytes.clear();
}

} // namespace

PasswordHashLimits PasswordHashLimits::moderate()
{
    return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

PasswordHashLimits PasswordHashLimits::interactive()
{
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

QString OfflineVault::copyId(const QUrl &server, const QString &login)
{
    return QString::fromLatin1(QCryptographicHash::hash(
        (server.toString(QUrl::StripTrailingSlash) + QLatin1Char('\n') + login).toUtf8(), QCryptographicHash::Sha256)
                                   .toHex()
                                   .left(32));
}

OfflineVault::OfflineVault(const QString &login, const QUrl &server, const QDateTime &createdAt)
    : m_login(login)
    , m_server(server)
    , m_createdAt(createdAt.toUTC())
{}

Result<OfflineVault> OfflineVault::load(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return vaultError(vaulterr::Missing, QStringLiteral("there is no offline vault"));
    if (!file.open(QIODevice::ReadOnly))
        return vaultError(vaulterr::Io, file.errorString());
    if (file.size() > kLongestFile)
        return corrupt(QStringLiteral("too large"));
    const QByteArray bytes = file.readAll();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return corrupt(QStringLiteral("not JSON"));
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("format")).toString() != QLatin1String(kFormat))
        return corrupt(QStringLiteral("not a vault"));
    if (o.value(QStringLiteral("version")).toInt() != kVersion)
        return corrupt(QStringLiteral("unknown version"));

    OfflineVault v;
    const QJsonValue login = o.value(QStringLiteral("login"));
    const QJsonValue server = o.value(QStringLiteral("server"));
    if (!login.isString() || login.toString().isEmpty() || !server.isString())
        return corrupt(QStringLiteral("login or server"));
    v.m_login = login.toString();
    v.m_server = QUrl(server.toString());
    const auto created = proto::parseTimestamp(o.value(QStringLiteral("createdAt")).toString());
    if (!created)
        return corrupt(QStringLiteral("createdAt"));
    v.m_createdAt = *created;
    if (const QJsonValue last = o.value(QStringLiteral("lastSync")); !last.isNull() && !last.isUndefined()) {
        const auto t = proto::parseTimestamp(last.toString());
        if (!t)
            return corrupt(QStringLiteral("lastSync"));
        v.m_lastSync = *t;
    }
    const auto maxDays = wholeNumber(o.value(QStringLiteral("maxDays")), 1, kLongestMaxDays);
    if (!maxDays)
        return corrupt(QStringLiteral("maxDays"));
    v.m_maxDays = int(*maxDays);
    const auto failed = wholeNumber(o.value(QStringLiteral("failedAttempts")), 0, 1000000);
    if (!failed)
        return corrupt(QStringLiteral("failedAttempts"));
    v.m_failedAttempts = int(*failed);
    if (const QJsonValue retry = o.value(QStringLiteral("retryAt")); !retry.isNull() && !retry.isUndefined()) {
        const auto t = proto::parseTimestamp(retry.toString());
        if (!t)
            return corrupt(QStringLiteral("retryAt"));
        v.m_retryAt = *t;
    }

    const QJsonValue verifier = o.value(QStringLiteral("verifier"));
    if (!verifier.isNull() && !verifier.isUndefined()) {
        const QByteArray text = verifier.toString().toLatin1();
        if (!text.startsWith(crypto_pwhash_argon2id_STRPREFIX) || text.size() >= crypto_pwhash_STRBYTES)
            return corrupt(QStringLiteral("verifier"));
        const QJsonObject kdf = o.value(QStringLiteral("kdf")).toObject();
        const auto salt = fromB64(kdf.value(QStringLiteral("salt")));
        const auto ops = wholeNumber(kdf.value(QStringLiteral("ops")), crypto_pwhash_OPSLIMIT_MIN, kMostOps);
        const auto mem =
            wholeNumber(kdf.value(QStringLiteral("mem")), qint64(crypto_pwhash_MEMLIMIT_MIN), qint64(kMostMemory));
        if (!salt || salt->size() != crypto_pwhash_SALTBYTES || !ops || !mem)
            return corrupt(QStringLiteral("key derivation"));
        const auto wrapped = fromB64(o.value(QStringLiteral("wrappedKey")));
        if (!wrapped || wrapped->size() != CacheCrypto::kKeySize + CacheCrypto::kOverhead)
            return corrupt(QStringLiteral("wrapped key"));
        v.m_verifier = text;
        v.m_salt = *salt;
        v.m_opsLimit = (unsigned long long)(*ops);
        v.m_memLimit = std::size_t(*mem);
        v.m_wrappedKey = *wrapped;
    }
    if (const QJsonValue user = o.value(QStringLiteral("user")); !user.isNull() && !user.isUndefined()) {
        const auto sealed = fromB64(user);
        if (!sealed || sealed->size() <= CacheCrypto::kOverhead)
            return corrupt(QStringLiteral("user"));
        v.m_sealedUser = *sealed;
    }
    return v;
}

Status OfflineVault::save(const QString &path) const
{
    QJsonObject o{{QStringLiteral("format"), QString::fromLatin1(kFormat)}, {QStringLiteral("version"), kVersion},
        {QStringLiteral("login"), m_login}, {QStringLiteral("server"), m_server.toString()},
        {QStringLiteral("createdAt"), proto::formatTimestamp(m_createdAt)}, {QStringLiteral("maxDays"), m_maxDays},
        {QStringLiteral("failedAttempts"), m_failedAttempts}};
    if (m_lastSync.isValid())
        o.insert(QStringLiteral("lastSync"), proto::formatTimestamp(m_lastSync));
    if (m_retryAt.isValid())
        o.insert(QStringLiteral("retryAt"), proto::formatTimestamp(m_retryAt));
    if (hasPassword()) {
        o.insert(QStringLiteral("verifier"), QString::fromLatin1(m_verifier));
        o.insert(QStringLiteral("kdf"),
            QJsonObject{{QStringLiteral("salt"), b64(m_salt)}, {QStringLiteral("ops"), qint64(m_opsLimit)},
                {QStringLiteral("mem"), qint64(m_memLimit)}});
        o.insert(QStringLiteral("wrappedKey"), b64(m_wrappedKey));
    }
    if (!m_sealedUser.isEmpty())
        o.insert(QStringLiteral("user"), b64(m_sealedUser));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return vaultError(vaulterr::Io, file.errorString());
    file.write(QJsonDocument(o).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return vaultError(vaulterr::Io, file.errorString());
    return Unit{};
}

Status OfflineVault::remove(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return Unit{};
    if (file.open(QIODevice::ReadWrite)) {
        file.write(QByteArray(int(std::min<qint64>(file.size(), kLongestFile)), '\0'));
        file.flush();
        file.close();
    }
    if (!file.remove())
        return vaultError(vaulterr::Io, file.errorString());
    return Unit{};
}

Status OfflineVault::setPassword(const QString &password, const QByteArray &cacheKey, const PasswordHashLimits &limits)
{
    if (!initializeSodium())
        return vaultError(vaulterr::Io, QStringLiteral("libsodium cannot start"));
    if (cacheKey.size() != CacheCrypto::kKeySize)
        return vaultError(vaulterr::Corrupt, QStringLiteral("not a key of the offline copy"));
    QByteArray secret = password.toUtf8();
    char text[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(text, secret.constData(), std::size_t(secret.size()), limits.opsLimit, limits.memLimit)
        != 0) {
        wipe(secret);
        return vaultError(vaulterr::Io, QStringLiteral("not enough memory to protect the password"));
    }
    QByteArray salt(crypto_pwhash_SALTBYTES, Qt::Uninitialized);
    randombytes_buf(salt.data(), std::size_t(salt.size()));
    QByteArray wrapping = derive(secret, salt, limits.opsLimit, limits.memLimit);
    wipe(secret);
    if (wrapping.isEmpty())
        return vaultError(vaulterr::Io, QStringLiteral("not enough memory to protect the password"));
    m_wrappedKey = CacheCrypto(wrapping).seal(cacheKey);
    wipe(wrapping);
    m_verifier = QByteArray(text);
    m_salt = salt;
    m_opsLimit = limits.opsLimit;
    m_memLimit = limits.memLimit;
    m_failedAttempts = 0;
    m_retryAt = QDateTime();
    return Unit{};
}

void OfflineVault::adoptPassword(const OfflineVault &other)
{
    m_verifier = other.m_verifier;
    m_salt = other.m_salt;
    m_opsLimit = other.m_opsLimit;
    m_memLimit = other.m_memLimit;
    m_wrappedKey = other.m_wrappedKey;
    m_failedAttempts = 0;
    m_retryAt = QDateTime();
}

Result<QByteArray> OfflineVault::unlock(const QString &password, const QDateTime &now)
{
    if (!hasPassword())
        return vaultError(vaulterr::NoPassword, QStringLiteral("this offline copy has no password"));
    if (!initializeSodium())
        return vaultError(vaulterr::Io, QStringLiteral("libsodium cannot start"));
    if (m_retryAt.isValid() && now < m_retryAt)
        return vaultError(vaulterr::Locked, QStringLiteral("too many wrong passwords"));
    QByteArray secret = password.toUtf8();
    const QByteArray verifier = m_verifier + '\0';
    if (crypto_pwhash_str_verify(verifier.constData(), secret.constData(), std::size_t(secret.size())) != 0) {
        wipe(secret);
        ++m_failedAttempts;
        if (m_failedAttempts >= kFreeAttempts) {
            const int doublings = std::min(m_failedAttempts - kFreeAttempts, 16);
            const qint64 wait = std::min<qint64>(qint64(kFirstWaitSecs) << doublings, kLongestWaitSecs);
            m_retryAt = now.toUTC().addSecs(wait);
        }
        return vaultError(vaulterr::WrongPassword, QStringLiteral("wrong password"));
    }
    QByteArray wrapping = derive(secret, m_salt, m_opsLimit, m_memLimit);
    wipe(secret);
    if (wrapping.isEmpty())
        return vaultError(vaulterr::Io, QStringLiteral("not enough memory to check the password"));
    auto key = CacheCrypto(wrapping).open(m_wrappedKey);
    wipe(wrapping);
    if (!key)
        return corrupt(QStringLiteral("the wrapped key does not open"));
    m_failedAttempts = 0;
    m_retryAt = QDateTime();
    return key;
}

void OfflineVault::setUser(const proto::UserInfo &user, const QByteArray &cacheKey)
{
    m_sealedUser = CacheCrypto(cacheKey).seal(QJsonDocument(user.toJson()).toJson(QJsonDocument::Compact));
}

Result<proto::UserInfo> OfflineVault::user(const QByteArray &cacheKey) const
{
    if (m_sealedUser.isEmpty())
        return corrupt(QStringLiteral("no user"));
    auto plain = CacheCrypto(cacheKey).open(m_sealedUser);
    if (!plain)
        return corrupt(QStringLiteral("the user does not open"));
    const QJsonDocument doc = QJsonDocument::fromJson(plain.value());
    if (!doc.isObject())
        return corrupt(QStringLiteral("user"));
    auto user = proto::UserInfo::fromJson(doc.object());
    if (!user)
        return corrupt(QStringLiteral("user"));
    return user;
}

void OfflineVault::setMaxDays(int days)
{
    m_maxDays = days <= 0 ? kDefaultMaxDays : std::min(days, kLongestMaxDays);
}

bool OfflineVault::isExpired(const QDateTime &now) const
{
    const QDateTime since = m_lastSync.isValid() ? m_lastSync : m_createdAt;
    return since.isValid() && since.addDays(m_maxDays) < now;
}

} // namespace sg::client
