#include "esiastand/standstore.h"

#include "core/errorcodes.h"
#include "esiastand/accountrules.h"
#include "server/crypto.h"

#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

Q_LOGGING_CATEGORY(lcStandStore, "sg.esiastand.store")

namespace sg::esiastand {

namespace {

QAtomicInt s_connectionCounter;

constexpr char kApplication[] = "schoolgate-esia-stand";

Error internal(const QString &message)
{
    return Error{QString::fromLatin1(errc::Internal), message, 500};
}

QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QString::fromLatin1("", 0)) : QVariant(value);
}

QVariant oidValue(const QString &oid)
{
    bool ok = false;
    const qint64 n = oid.toLongLong(&ok);
    return ok ? QVariant(n) : QVariant(qint64(-1));
}

QDateTime fromSecs(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc());
}

// Version 1: everything the stand keeps.
const char *const kSchema[] = {
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)",
    "CREATE TABLE accounts (oid INTEGER PRIMARY KEY, last_name TEXT NOT NULL, first_name TEXT NOT NULL,"
    " middle_name TEXT NOT NULL DEFAULT '', birth_date TEXT NOT NULL DEFAULT '', gender TEXT NOT NULL DEFAULT '',"
    " snils TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',"
    " password_hash TEXT NOT NULL, level TEXT NOT NULL, child INTEGER NOT NULL DEFAULT 0,"
    " parent_oid INTEGER REFERENCES accounts(oid), email_verified INTEGER NOT NULL DEFAULT 0,"
    " created_at INTEGER NOT NULL)",
    "CREATE UNIQUE INDEX accounts_email ON accounts(email) WHERE email <> ''",
    "CREATE UNIQUE INDEX accounts_phone ON accounts(phone) WHERE phone <> ''",
    "CREATE UNIQUE INDEX accounts_snils ON accounts(snils) WHERE snils <> ''",
    "CREATE TABLE organisations (id INTEGER PRIMARY KEY, oid INTEGER NOT NULL REFERENCES accounts(oid)"
    " ON DELETE CASCADE, name TEXT NOT NULL, ogrn TEXT NOT NULL, inn TEXT NOT NULL, chief INTEGER NOT NULL)",
    "CREATE TABLE clients (client_id TEXT PRIMARY KEY, public_key TEXT NOT NULL, created_at INTEGER NOT NULL)",
    "CREATE TABLE client_redirects (client_id TEXT NOT NULL REFERENCES clients(client_id) ON DELETE CASCADE,"
    " uri TEXT NOT NULL, PRIMARY KEY (client_id, uri))",
    "CREATE TABLE sessions (token_hash BLOB PRIMARY KEY, oid INTEGER NOT NULL REFERENCES accounts(oid)"
    " ON DELETE CASCADE, sid TEXT NOT NULL, auth_time INTEGER NOT NULL, expires_at INTEGER NOT NULL)",
    "CREATE TABLE pending_requests (ticket_hash BLOB PRIMARY KEY, request TEXT NOT NULL,"
    " expires_at INTEGER NOT NULL)",
    "CREATE TABLE grants (hash BLOB PRIMARY KEY, kind TEXT NOT NULL, client_id TEXT NOT NULL,"
    " redirect_uri TEXT NOT NULL DEFAULT '', oid INTEGER NOT NULL, scope TEXT NOT NULL,"
    " nonce TEXT NOT NULL DEFAULT '', sid TEXT NOT NULL DEFAULT '', auth_time INTEGER NOT NULL,"
    " expires_at INTEGER NOT NULL, code_hash BLOB, used INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX grants_code ON grants(code_hash)",
    "CREATE TABLE mail_tokens (token_hash BLOB PRIMARY KEY, purpose TEXT NOT NULL, oid INTEGER,"
    " data TEXT NOT NULL, expires_at INTEGER NOT NULL, used INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE login_failures (subject TEXT NOT NULL, at INTEGER NOT NULL)",
    "CREATE INDEX login_failures_subject ON login_failures(subject, at)",
};

constexpr char kAccountColumns[] = "oid, last_name, first_name, middle_name, birth_date, gender, snils, email, phone,"
                                   " password_hash, level, child, parent_oid, email_verified, created_at, passport,"
                                   " confirmation_requested_at";

// Version 2: the profile page's passport and the request for confirmation.
const char *const kSchemaV2[] = {
    "ALTER TABLE accounts ADD COLUMN passport TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE accounts ADD COLUMN confirmation_requested_at INTEGER NOT NULL DEFAULT 0",
};

} // namespace

StandStore::StandStore(QString path, QString connection, const Clock &clock)
    : m_path(std::move(path))
    , m_connection(std::move(connection))
    , m_clock(clock)
{}

StandStore::~StandStore()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

qint64 StandStore::nowSecs() const
{
    return m_clock.now().toSecsSinceEpoch();
}

Result<std::unique_ptr<StandStore>> StandStore::open(const QString &path, const Clock &clock)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return internal(QStringLiteral("cannot create the folder %1").arg(info.absolutePath()));
    if (info.exists() && (!info.isFile() || !info.isReadable()))
        return internal(QStringLiteral("cannot read %1: it is not a readable file").arg(path));

    const bool fresh = !info.exists();
    const QString name = QStringLiteral("sg-esia-stand-%1").arg(s_connectionCounter.fetchAndAddRelaxed(1));
    std::unique_ptr<StandStore> self(new StandStore(path, name, clock));
    self->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    self->m_db.setDatabaseName(path);
    self->m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!self->m_db.open())
        return internal(QStringLiteral("cannot open %1: %2").arg(path, self->m_db.lastError().text()));
    if (fresh) // synthetic people, but personal data in form: owner only
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const auto damaged = [&path](const QString &why) {
        return internal(QStringLiteral("%1 is damaged or is not an ESIA stand database (%2)").arg(path, why));
    };
    for (const char *pragma :
        {"PRAGMA foreign_keys=ON", "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA quick_check"}) {
        QSqlQuery q(self->m_db);
        if (!q.exec(QString::fromLatin1(pragma)))
            return damaged(q.lastError().text());
        if (qstrcmp(pragma, "PRAGMA quick_check") == 0 && (!q.next() || q.value(0).toString() != QLatin1String("ok")))
            return damaged(q.value(0).toString());
    }
    if (auto st = self->migrate(); !st)
        return st.error();
    return self;
}

Status StandStore::migrate()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return internal(QStringLiteral("%1: cannot read the schema version: %2").arg(m_path, q.lastError().text()));
    const int version = q.value(0).toInt();
    q.finish();
    if (version > kSchemaVersion)
        return internal(QStringLiteral("%1 was written by a newer stand (schema %2; this program knows %3)")
                            .arg(m_path)
                            .arg(version)
                            .arg(kSchemaVersion));
    if (version == 0) {
        QSqlQuery tables(m_db);
        if (!tables.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !tables.next())
            return internal(QStringLiteral("%1: %2").arg(m_path, tables.lastError().text()));
        if (tables.value(0).toInt() > 0)
            return internal(
                QStringLiteral("%1 is an SQLite file of another program, not an ESIA stand database").arg(m_path));
        tables.finish();
        const Status created = transaction([this]() -> Status {
            for (const char *statement : kSchema) {
                if (auto r = run(QString::fromLatin1(statement)); !r)
                    return r.error();
            }
            if (auto r = run(QStringLiteral("INSERT INTO meta (key, value) VALUES ('application', ?)"),
                    {QString::fromLatin1(kApplication)});
                !r)
                return r.error();
            if (auto r = run(QStringLiteral("PRAGMA user_version = 1")); !r)
                return r.error();
            return Unit{};
        });
        if (!created)
            return created;
    } else {
        auto app = run(QStringLiteral("SELECT value FROM meta WHERE key = 'application'"));
        if (!app || !app.value().next() || app.value().value(0).toString() != QLatin1String(kApplication))
            return internal(QStringLiteral("%1 is not an ESIA stand database").arg(m_path));
    }
    if (version < 2) {
        return transaction([this]() -> Status {
            for (const char *statement : kSchemaV2) {
                if (auto r = run(QString::fromLatin1(statement)); !r)
                    return r.error();
            }
            if (auto r = run(QStringLiteral("PRAGMA user_version = 2")); !r)
                return r.error();
            return Unit{};
        });
    }
    return Unit{};
}

Result<QSqlQuery> StandStore::run(const QString &sql, const QVariantList &values)
{
    QSqlQuery q(m_db);
    if (!q.prepare(sql)) {
        qCWarning(lcStandStore) << "prepare failed:" << q.lastError().text();
        return internal(QStringLiteral("database error: %1").arg(q.lastError().text()));
    }
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        const QSqlError e = q.lastError();
        if (e.nativeErrorCode() == QLatin1String("2067") || e.nativeErrorCode() == QLatin1String("1555")
            || e.text().contains(QLatin1String("UNIQUE constraint")))
            return Error{QString::fromLatin1(errc::Conflict), e.databaseText(), 409};
        qCWarning(lcStandStore) << "statement failed:" << e.text();
        return internal(QStringLiteral("database error: %1").arg(e.text()));
    }
    return q;
}

Status StandStore::transaction(const std::function<Status()> &fn)
{
    if (!m_db.transaction())
        return internal(QStringLiteral("cannot begin a transaction: %1").arg(m_db.lastError().text()));
    Status st = fn();
    if (!st) {
        m_db.rollback();
        return st;
    }
    if (!m_db.commit()) {
        const QString why = m_db.lastError().text();
        m_db.rollback();
        return internal(QStringLiteral("cannot commit: %1").arg(why));
    }
    return Unit{};
}

Result<QByteArray> StandStore::secret(const QString &name, int bytes)
{
    auto q = run(QStringLiteral("SELECT value FROM meta WHERE key = ?"), {QStringLiteral("secret:") + name});
    if (!q)
        return q.error();
    if (q.value().next()) {
        const QByteArray value = q.value().value(0).toByteArray();
        if (value.size() == bytes)
            return value;
    }
    const QByteArray fresh = server::crypto::randomBytes(bytes);
    if (auto r = run(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"),
            {QStringLiteral("secret:") + name, fresh});
        !r)
        return r.error();
    return fresh;
}

Status StandStore::saveClient(const Client &client)
{
    return transaction([&]() -> Status {
        if (auto r = run(QStringLiteral("INSERT INTO clients (client_id, public_key, created_at) VALUES (?, ?, ?)"
                                        " ON CONFLICT(client_id) DO UPDATE SET public_key = excluded.public_key"),
                {client.clientId, QString::fromLatin1(client.publicKey.toBase64()), nowSecs()});
            !r)
            return r.error();
        if (auto r = run(QStringLiteral("DELETE FROM client_redirects WHERE client_id = ?"), {client.clientId}); !r)
            return r.error();
        for (const QString &uri : client.redirectUris) {
            if (auto r = run(QStringLiteral("INSERT OR IGNORE INTO client_redirects (client_id, uri) VALUES (?, ?)"),
                    {client.clientId, uri});
                !r)
                return r.error();
        }
        return Unit{};
    });
}

std::optional<Client> StandStore::client(const QString &clientId)
{
    auto q = run(QStringLiteral("SELECT public_key FROM clients WHERE client_id = ?"), {clientId});
    if (!q || !q.value().next())
        return std::nullopt;
    Client c;
    c.clientId = clientId;
    c.publicKey = QByteArray::fromBase64(q.value().value(0).toString().toLatin1());
    auto uris = run(QStringLiteral("SELECT uri FROM client_redirects WHERE client_id = ? ORDER BY uri"), {clientId});
    if (!uris)
        return std::nullopt;
    while (uris.value().next())
        c.redirectUris.append(uris.value().value(0).toString());
    return c;
}

Account StandStore::readAccount(const QSqlQuery &q)
{
    Account a;
    a.oid = QString::number(q.value(0).toLongLong());
    a.lastName = q.value(1).toString();
    a.firstName = q.value(2).toString();
    a.middleName = q.value(3).toString();
    a.birthDate = QDate::fromString(q.value(4).toString(), Qt::ISODate);
    a.gender = q.value(5).toString();
    a.snils = q.value(6).toString();
    a.email = q.value(7).toString();
    a.phone = q.value(8).toString();
    a.passwordHash = q.value(9).toString().toLatin1();
    a.level = levelFromName(q.value(10).toString()).value_or(AccountLevel::Simplified);
    a.child = q.value(11).toInt() != 0;
    a.parentOid = q.value(12).isNull() ? QString() : QString::number(q.value(12).toLongLong());
    a.emailVerified = q.value(13).toInt() != 0;
    a.createdAt = fromSecs(q.value(14).toLongLong());
    a.passport = q.value(15).toString();
    if (const qint64 at = q.value(16).toLongLong(); at > 0)
        a.confirmationRequestedAt = fromSecs(at);
    return a;
}

Result<QString> StandStore::insertAccount(const Account &account)
{
    // Oids look like the real ones: ten digits, not in order.
    for (int attempt = 0; attempt < 20; ++attempt) {
        const QByteArray random = server::crypto::randomBytes(4);
        const quint32 n = (quint32(quint8(random[0])) << 24) | (quint32(quint8(random[1])) << 16)
            | (quint32(quint8(random[2])) << 8) | quint32(quint8(random[3]));
        const qint64 oid = 1000000000 + qint64(n % 900000000u);
        auto exists = run(QStringLiteral("SELECT 1 FROM accounts WHERE oid = ?"), {oid});
        if (!exists)
            return exists.error();
        if (exists.value().next())
            continue;
        exists.value().finish();
        auto r = run(
            QStringLiteral("INSERT INTO accounts (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .arg(QString::fromLatin1(kAccountColumns)),
            {oid, text(account.lastName), text(account.firstName), text(account.middleName),
                text(account.birthDate.isValid() ? account.birthDate.toString(Qt::ISODate) : QString()),
                text(account.gender), text(account.snils), text(account.email), text(account.phone),
                QString::fromLatin1(account.passwordHash), levelName(account.level), account.child ? 1 : 0,
                account.parentOid.isEmpty() ? QVariant(QMetaType(QMetaType::LongLong)) : oidValue(account.parentOid),
                account.emailVerified ? 1 : 0, nowSecs(), text(account.passport),
                account.confirmationRequestedAt.isValid() ? account.confirmationRequestedAt.toSecsSinceEpoch()
                                                          : qint64(0)});
        if (!r)
            return r.error();
        return QString::number(oid);
    }
    return internal(QStringLiteral("no free oid found"));
}

std::optional<Account> StandStore::accountByOid(const QString &oid)
{
    auto q = run(QStringLiteral("SELECT %1 FROM accounts WHERE oid = ?").arg(QString::fromLatin1(kAccountColumns)),
        {oidValue(oid)});
    if (!q || !q.value().next())
        return std::nullopt;
    return readAccount(q.value());
}

std::optional<Account> StandStore::accountBy(const QString &column, const QString &value)
{
    if (value.isEmpty()
        || (column != QLatin1String("email") && column != QLatin1String("phone") && column != QLatin1String("snils")))
        return std::nullopt;
    auto q =
        run(QStringLiteral("SELECT %1 FROM accounts WHERE %2 = ?").arg(QString::fromLatin1(kAccountColumns), column),
            {value});
    if (!q || !q.value().next())
        return std::nullopt;
    return readAccount(q.value());
}

std::optional<Account> StandStore::accountByLogin(const QString &login)
{
    const rules::LoginCandidates candidates = rules::parseLogin(login);
    if (!candidates.email.isEmpty())
        return accountBy(QStringLiteral("email"), candidates.email);
    if (!candidates.snils.isEmpty()) {
        if (auto account = accountBy(QStringLiteral("snils"), candidates.snils))
            return account;
    }
    if (!candidates.phone.isEmpty())
        return accountBy(QStringLiteral("phone"), candidates.phone);
    return std::nullopt;
}

Result<QList<Account>> StandStore::accounts()
{
    auto q = run(
        QStringLiteral("SELECT %1 FROM accounts ORDER BY created_at, oid").arg(QString::fromLatin1(kAccountColumns)));
    if (!q)
        return q.error();
    QList<Account> out;
    while (q.value().next())
        out.append(readAccount(q.value()));
    return out;
}

Status StandStore::setLevel(const QString &oid, AccountLevel level)
{
    auto r = run(QStringLiteral("UPDATE accounts SET level = ? WHERE oid = ?"), {levelName(level), oidValue(oid)});
    if (!r)
        return r.error();
    return Unit{};
}

Status StandStore::setPassword(const QString &oid, const QByteArray &hash)
{
    auto r = run(QStringLiteral("UPDATE accounts SET password_hash = ? WHERE oid = ?"),
        {QString::fromLatin1(hash), oidValue(oid)});
    if (!r)
        return r.error();
    return Unit{};
}

Status StandStore::setEmail(const QString &oid, const QString &email, bool verified)
{
    auto r = run(QStringLiteral("UPDATE accounts SET email = ?, email_verified = ? WHERE oid = ?"),
        {text(email), verified ? 1 : 0, oidValue(oid)});
    if (!r)
        return r.error();
    return Unit{};
}

Status StandStore::setProfile(
    const QString &oid, const QDate &birthDate, const QString &snils, const QString &passport, AccountLevel level)
{
    if (!snils.isEmpty()) {
        auto other =
            run(QStringLiteral("SELECT oid FROM accounts WHERE snils = ? AND oid <> ?"), {snils, oidValue(oid)});
        if (!other)
            return other.error();
        if (other.value().next())
            return Error{QString::fromLatin1(errc::Conflict), QStringLiteral("another account has this SNILS"), 409};
    }
    auto r = run(QStringLiteral("UPDATE accounts SET birth_date = ?, snils = ?, passport = ?, level = ? WHERE oid = ?"),
        {birthDate.isValid() ? birthDate.toString(Qt::ISODate) : QString(), text(snils), text(passport),
            levelName(level), oidValue(oid)});
    if (!r)
        return r.error();
    return Unit{};
}

Status StandStore::setConfirmationRequested(const QString &oid, const QDateTime &at)
{
    auto r = run(QStringLiteral("UPDATE accounts SET confirmation_requested_at = ? WHERE oid = ?"),
        {at.isValid() ? at.toSecsSinceEpoch() : qint64(0), oidValue(oid)});
    if (!r)
        return r.error();
    return Unit{};
}

Result<QString> StandStore::insertOrganisation(const QString &oid, const OrganisationSpec &organisation)
{
    auto r = run(QStringLiteral("INSERT INTO organisations (oid, name, ogrn, inn, chief) VALUES (?, ?, ?, ?, ?)"),
        {oidValue(oid), text(organisation.name), text(organisation.ogrn), text(organisation.inn),
            organisation.chief ? 1 : 0});
    if (!r)
        return r.error();
    return QString::number(r.value().lastInsertId().toLongLong() + 1000000);
}

QList<Organisation> StandStore::organisations(const QString &oid)
{
    QList<Organisation> out;
    auto q = run(QStringLiteral("SELECT id, name, ogrn, inn, chief FROM organisations WHERE oid = ? ORDER BY id"),
        {oidValue(oid)});
    if (!q)
        return out;
    while (q.value().next()) {
        out.append(
            Organisation{QString::number(q.value().value(0).toLongLong() + 1000000), q.value().value(1).toString(),
                q.value().value(2).toString(), q.value().value(3).toString(), q.value().value(4).toInt() != 0});
    }
    return out;
}

Status StandStore::insertSession(const QByteArray &hash, const StandSession &session)
{
    auto r =
        run(QStringLiteral("INSERT INTO sessions (token_hash, oid, sid, auth_time, expires_at) VALUES (?, ?, ?, ?, ?)"),
            {hash, oidValue(session.oid), session.sid, session.authTime.toSecsSinceEpoch(),
                session.expiresAt.toSecsSinceEpoch()});
    if (!r)
        return r.error();
    return Unit{};
}

std::optional<StandSession> StandStore::session(const QByteArray &hash)
{
    auto q = run(QStringLiteral("SELECT oid, sid, auth_time, expires_at FROM sessions WHERE token_hash = ?"
                                " AND expires_at > ?"),
        {hash, nowSecs()});
    if (!q || !q.value().next())
        return std::nullopt;
    return StandSession{QString::number(q.value().value(0).toLongLong()), q.value().value(1).toString(),
        fromSecs(q.value().value(2).toLongLong()), fromSecs(q.value().value(3).toLongLong())};
}

void StandStore::deleteSession(const QByteArray &hash)
{
    run(QStringLiteral("DELETE FROM sessions WHERE token_hash = ?"), {hash});
}

void StandStore::deleteSessionsOf(const QString &oid)
{
    run(QStringLiteral("DELETE FROM sessions WHERE oid = ?"), {oidValue(oid)});
}

Status StandStore::insertPending(const QByteArray &hash, const QJsonObject &request, const QDateTime &expiresAt)
{
    auto r = run(QStringLiteral("INSERT INTO pending_requests (ticket_hash, request, expires_at) VALUES (?, ?, ?)"),
        {hash, QString::fromUtf8(QJsonDocument(request).toJson(QJsonDocument::Compact)), expiresAt.toSecsSinceEpoch()});
    if (!r)
        return r.error();
    return Unit{};
}

std::optional<QJsonObject> StandStore::pending(const QByteArray &hash)
{
    auto q = run(QStringLiteral("SELECT request FROM pending_requests WHERE ticket_hash = ? AND expires_at > ?"),
        {hash, nowSecs()});
    if (!q || !q.value().next())
        return std::nullopt;
    return QJsonDocument::fromJson(q.value().value(0).toString().toUtf8()).object();
}

void StandStore::deletePending(const QByteArray &hash)
{
    run(QStringLiteral("DELETE FROM pending_requests WHERE ticket_hash = ?"), {hash});
}

Status StandStore::insertGrant(const Grant &grant)
{
    auto r = run(QStringLiteral("INSERT INTO grants (hash, kind, client_id, redirect_uri, oid, scope, nonce, sid,"
                                " auth_time, expires_at, code_hash, used) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)"),
        {grant.hash, grant.kind, grant.clientId, text(grant.redirectUri), oidValue(grant.oid), text(grant.scope),
            text(grant.nonce), text(grant.sid), grant.authTime.toSecsSinceEpoch(), grant.expiresAt.toSecsSinceEpoch(),
            grant.codeHash.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(grant.codeHash)});
    if (!r)
        return r.error();
    return Unit{};
}

std::optional<Grant> StandStore::grant(const QByteArray &hash, const QString &kind)
{
    auto q = run(QStringLiteral("SELECT client_id, redirect_uri, oid, scope, nonce, sid, auth_time, expires_at,"
                                " code_hash, used FROM grants WHERE hash = ? AND kind = ?"),
        {hash, kind});
    if (!q || !q.value().next())
        return std::nullopt;
    const QSqlQuery &r = q.value();
    Grant g;
    g.hash = hash;
    g.kind = kind;
    g.clientId = r.value(0).toString();
    g.redirectUri = r.value(1).toString();
    g.oid = QString::number(r.value(2).toLongLong());
    g.scope = r.value(3).toString();
    g.nonce = r.value(4).toString();
    g.sid = r.value(5).toString();
    g.authTime = fromSecs(r.value(6).toLongLong());
    g.expiresAt = fromSecs(r.value(7).toLongLong());
    g.codeHash = r.value(8).toByteArray();
    g.used = r.value(9).toInt() != 0;
    return g;
}

bool StandStore::useCode(const QByteArray &hash)
{
    auto r = run(QStringLiteral("UPDATE grants SET used = 1 WHERE hash = ? AND kind = 'code' AND used = 0"), {hash});
    return r && r.value().numRowsAffected() == 1;
}

int StandStore::revokeTokensOfCode(const QByteArray &codeHash)
{
    auto r = run(
        QStringLiteral("UPDATE grants SET used = 1 WHERE code_hash = ? AND kind <> 'code' AND used = 0"), {codeHash});
    return r ? r.value().numRowsAffected() : 0;
}

bool StandStore::revokeToken(const QByteArray &hash)
{
    auto r = run(QStringLiteral("UPDATE grants SET used = 1 WHERE hash = ? AND kind <> 'code' AND used = 0"), {hash});
    return r && r.value().numRowsAffected() == 1;
}

Status StandStore::insertMailToken(const QByteArray &hash, const MailToken &token)
{
    auto r = run(QStringLiteral("INSERT INTO mail_tokens (token_hash, purpose, oid, data, expires_at) VALUES (?, ?, "
                                "?, ?, ?)"),
        {hash, token.purpose, token.oid.isEmpty() ? QVariant(QMetaType(QMetaType::LongLong)) : oidValue(token.oid),
            QString::fromUtf8(QJsonDocument(token.data).toJson(QJsonDocument::Compact)),
            token.expiresAt.toSecsSinceEpoch()});
    if (!r)
        return r.error();
    return Unit{};
}

std::optional<MailToken> StandStore::mailToken(const QByteArray &hash)
{
    auto q = run(QStringLiteral("SELECT purpose, oid, data, expires_at FROM mail_tokens WHERE token_hash = ?"
                                " AND used = 0 AND expires_at > ?"),
        {hash, nowSecs()});
    if (!q || !q.value().next())
        return std::nullopt;
    const QSqlQuery &r = q.value();
    return MailToken{r.value(0).toString(), r.value(1).isNull() ? QString() : QString::number(r.value(1).toLongLong()),
        QJsonDocument::fromJson(r.value(2).toString().toUtf8()).object(), fromSecs(r.value(3).toLongLong())};
}

bool StandStore::consumeMailToken(const QByteArray &hash)
{
    auto r = run(QStringLiteral("UPDATE mail_tokens SET used = 1 WHERE token_hash = ? AND used = 0 AND expires_at > ?"),
        {hash, nowSecs()});
    return r && r.value().numRowsAffected() == 1;
}

void StandStore::dropRecoveryTokens(const QString &oid)
{
    run(QStringLiteral("UPDATE mail_tokens SET used = 1 WHERE purpose = 'recovery' AND oid = ?"), {oidValue(oid)});
}

void StandStore::recordFailure(const QString &subject)
{
    run(QStringLiteral("INSERT INTO login_failures (subject, at) VALUES (?, ?)"), {subject, nowSecs()});
}

StandStore::FailureStats StandStore::failures(const QString &subject, const QDateTime &since)
{
    auto q = run(QStringLiteral("SELECT count(*), min(at), max(at) FROM login_failures WHERE subject = ? AND at > ?"),
        {subject, since.toSecsSinceEpoch()});
    FailureStats stats;
    if (!q || !q.value().next())
        return stats;
    stats.count = q.value().value(0).toInt();
    if (stats.count > 0) {
        stats.first = fromSecs(q.value().value(1).toLongLong());
        stats.last = fromSecs(q.value().value(2).toLongLong());
    }
    return stats;
}

void StandStore::clearFailures(const QString &subject)
{
    run(QStringLiteral("DELETE FROM login_failures WHERE subject = ?"), {subject});
}

void StandStore::purge()
{
    const qint64 now = nowSecs();
    run(QStringLiteral("DELETE FROM login_failures WHERE at < ?"), {now - 24 * 3600});
    run(QStringLiteral("DELETE FROM sessions WHERE expires_at <= ?"), {now});
    run(QStringLiteral("DELETE FROM pending_requests WHERE expires_at <= ?"), {now});
    // Codes stay a day past their end so that a late replay is still recognised as one.
    run(QStringLiteral("DELETE FROM grants WHERE expires_at <= ?"), {now - 24 * 3600});
    run(QStringLiteral("DELETE FROM mail_tokens WHERE expires_at <= ?"), {now - 24 * 3600});
}

} // namespace sg::esiastand
