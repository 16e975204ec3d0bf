#include "server/accountstore.h"

#include "core/errorcodes.h"
#include "core/passwordpolicy.h"
#include "server/auditlog.h"
#include "server/crypto.h"
#include "server/database.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlError>

Q_LOGGING_CATEGORY(lcAuth, "sg.server.auth")

namespace sg::server {

namespace {
Error internalError()
{
    return Error{QString::fromLatin1(errc::Internal), QStringLiteral("storage failure"), 500};
}
} // namespace

AccountStore::AccountStore(Database &db, AuditLog &audit, const Clock &clock)
    : m_db(db)
    , m_audit(audit)
    , m_clock(clock)
{}

Result<qint64> AccountStore::createAccount(const NewAccount &account)
{
    if (account.login.trimmed().isEmpty() || account.login.size() > 64)
        return Error{
            QString::fromLatin1(errc::ValidationFailed), QStringLiteral("login: must have 1 to 64 characters"), 422};
    if (const QString problem = PasswordPolicy::check(account.password, account.login); !problem.isEmpty())
        return Error{QString::fromLatin1(errc::WeakPassword), problem, 422};
    const QByteArray hash = crypto::hashPassword(account.password);
    if (hash.isEmpty())
        return internalError();
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "INSERT INTO users (login, password_hash, role, school_id, display_name, must_change_password, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    q.addBindValue(account.login.trimmed());
    q.addBindValue(QString::fromLatin1(hash));
    q.addBindValue(toString(account.role));
    q.addBindValue(account.schoolId ? QVariant(*account.schoolId) : QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(text(account.displayName));
    q.addBindValue(account.mustChangePassword ? 1 : 0);
    q.addBindValue(proto::formatTimestamp(m_clock.now()));
    if (!q.exec()) {
        if (m_db.isUniqueViolation(q.lastError()))
            return Error{QString::fromLatin1(errc::Conflict), QStringLiteral("login: already taken"), 409};
        qCWarning(lcAuth) << "create account failed:" << q.lastError().text();
        return internalError();
    }
    return Database::returnedId(q);
}

std::optional<proto::UserInfo> AccountStore::readUser(
    const QString &whereColumn, const QVariant &value, QByteArray *hash)
{
    QSqlQuery q = m_db.prepare(
        QStringLiteral("SELECT id, login, role, school_id, display_name, must_change_password, password_hash, disabled "
                       "FROM users WHERE %1 = ?")
            .arg(whereColumn));
    q.addBindValue(value);
    if (!q.exec() || !q.next())
        return std::nullopt;
    if (q.value(7).toInt() != 0)
        return std::nullopt;
    proto::UserInfo u;
    u.id = q.value(0).toLongLong();
    u.login = q.value(1).toString();
    u.role = roleFromString(q.value(2).toString()).value_or(Role::Student);
    if (!q.value(3).isNull())
        u.schoolId = q.value(3).toLongLong();
    u.displayName = q.value(4).toString();
    u.mustChangePassword = q.value(5).toInt() != 0;
    if (hash)
        *hash = q.value(6).toString().toLatin1();
    return u;
}

std::optional<proto::UserInfo> AccountStore::user(qint64 id)
{
    return readUser(QStringLiteral("id"), id, nullptr);
}

std::optional<Error> AccountStore::lockout(const QString &login, const QString &address, qint64 now)
{
    const qint64 hourAgo = now - 3600;
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "SELECT COUNT(*), COALESCE(MIN(at), 0), COALESCE(MAX(at), 0) FROM login_failures WHERE login = ? AND at > ?"));
    q.addBindValue(login);
    q.addBindValue(hourAgo);
    if (!q.exec() || !q.next())
        return std::nullopt;
    const int failures = q.value(0).toInt();
    const qint64 oldest = q.value(1).toLongLong();
    const qint64 last = q.value(2).toLongLong();
    q.finish();
    qint64 wait = 0;
    if (failures >= kMaxFailuresPerHour)
        wait = oldest + 3600 - now;
    else if (failures >= kFreeFailures)
        wait = last + std::min<qint64>(qint64(1) << std::min(failures - kFreeFailures, 10), 900) - now;
    if (!address.isEmpty() && wait <= 0) {
        QSqlQuery a = m_db.prepare(
            QStringLiteral("SELECT COUNT(*), COALESCE(MIN(at), 0) FROM login_failures WHERE address = ? AND at > ?"));
        a.addBindValue(address);
        a.addBindValue(hourAgo);
        if (a.exec() && a.next() && a.value(0).toInt() >= kMaxAddressFailuresPerHour)
            wait = a.value(1).toLongLong() + 3600 - now;
    }
    if (wait <= 0)
        return std::nullopt;
    // The real wait, in seconds under a minute (the first waits are 1, 2, 4 ... s), then in whole minutes.
    const QString message = wait < 60
        ? tr("Too many failed sign-ins. Try again in %n second(s), or restore the password through support.", nullptr,
            int(wait))
        : tr("Too many failed sign-ins. Try again in %n minute(s), or restore the password through support.", nullptr,
            int((wait + 59) / 60));
    return Error{QString::fromLatin1(errc::AccountLocked), message, 429, int(wait)};
}

Result<proto::UserInfo> AccountStore::authenticate(
    const QString &login, const QString &password, const QString &address)
{
    const Error denied{QString::fromLatin1(errc::InvalidCredentials),
        QCoreApplication::translate("sg::server", "Wrong login or password."), 401};
    const QString key = login.trimmed().toLower();
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    if (auto locked = lockout(key, address, now)) {
        qCInfo(lcAuth) << "sign-in refused: too many failures, retry in" << locked->retryAfterSecs << "s";
        return *locked;
    }
    const auto recordFailure = [&] {
        QSqlQuery f = m_db.prepare(QStringLiteral("INSERT INTO login_failures (login, address, at) VALUES (?, ?, ?)"));
        f.addBindValue(key);
        f.addBindValue(text(address));
        f.addBindValue(now);
        m_db.exec(f);
    };
    QByteArray hash;
    auto user = readUser(QStringLiteral("login"), login.trimmed(), &hash);
    if (!user) {
        crypto::burnVerificationTime(password);
        recordFailure(); // unknown logins count too: the answers must not differ
        return denied;
    }
    if (!crypto::verifyPassword(hash, password)) {
        qCInfo(lcAuth) << "failed sign-in for account" << user->id;
        recordFailure();
        return denied;
    }
    QSqlQuery clear = m_db.prepare(QStringLiteral("DELETE FROM login_failures WHERE login = ?"));
    clear.addBindValue(key);
    m_db.exec(clear);
    if (crypto::passwordNeedsRehash(hash)) {
        QSqlQuery q = m_db.prepare(QStringLiteral("UPDATE users SET password_hash = ? WHERE id = ?"));
        q.addBindValue(QString::fromLatin1(crypto::hashPassword(password)));
        q.addBindValue(user->id);
        m_db.exec(q);
    }
    return *user;
}

void AccountStore::purgeLoginFailures()
{
    QSqlQuery q = m_db.prepare(QStringLiteral("DELETE FROM login_failures WHERE at < ?"));
    q.addBindValue(m_clock.now().toSecsSinceEpoch() - 24 * 3600);
    m_db.exec(q);
}

Result<proto::SessionInfo> AccountStore::createSession(const proto::UserInfo &user)
{
    const QString token = crypto::randomToken();
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    QSqlQuery q = m_db.prepare(
        QStringLiteral("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)"));
    q.addBindValue(crypto::tokenHash(token));
    q.addBindValue(user.id);
    q.addBindValue(now);
    q.addBindValue(now);
    if (!m_db.exec(q))
        return internalError();
    proto::SessionInfo s;
    s.token = token;
    s.expiresAt = QDateTime::fromSecsSinceEpoch(now + kAbsoluteTimeoutSecs).toUTC();
    s.user = user;
    AuditEntry e;
    e.actorId = user.id;
    e.actor = user.login;
    e.action = QStringLiteral("session.created");
    e.entity = QStringLiteral("user");
    e.entityId = QString::number(user.id);
    e.schoolId = user.schoolId;
    m_audit.append(e);
    return s;
}

std::optional<proto::UserInfo> AccountStore::resolveSession(const QString &token)
{
    if (token.isEmpty() || token.size() > 128)
        return std::nullopt;
    const QByteArray hash = crypto::tokenHash(token);
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    QSqlQuery q =
        m_db.prepare(QStringLiteral("SELECT user_id, created_at, last_seen_at FROM sessions WHERE token_hash = ?"));
    q.addBindValue(hash);
    if (!q.exec() || !q.next())
        return std::nullopt;
    const qint64 userId = q.value(0).toLongLong();
    const qint64 created = q.value(1).toLongLong();
    const qint64 lastSeen = q.value(2).toLongLong();
    q.finish();
    if (now - lastSeen > kIdleTimeoutSecs || now - created > kAbsoluteTimeoutSecs) {
        revokeSession(token);
        return std::nullopt;
    }
    auto u = user(userId);
    if (!u) {
        revokeSession(token);
        return std::nullopt;
    }
    if (now - lastSeen >= 30) { // keep writes rare: refresh at most twice a minute
        QSqlQuery upd = m_db.prepare(QStringLiteral("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?"));
        upd.addBindValue(now);
        upd.addBindValue(hash);
        m_db.exec(upd);
    }
    return u;
}

void AccountStore::revokeSession(const QString &token)
{
    QSqlQuery q = m_db.prepare(QStringLiteral("DELETE FROM sessions WHERE token_hash = ?"));
    q.addBindValue(crypto::tokenHash(token));
    m_db.exec(q);
}

void AccountStore::revokeOtherSessions(qint64 userId, const QString &keepToken)
{
    QSqlQuery q = m_db.prepare(QStringLiteral("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?"));
    q.addBindValue(userId);
    q.addBindValue(crypto::tokenHash(keepToken));
    m_db.exec(q);
}

Status AccountStore::changePassword(qint64 userId, const QString &newPassword, const QString &login)
{
    if (const QString problem = PasswordPolicy::check(newPassword, login); !problem.isEmpty())
        return Error{QString::fromLatin1(errc::WeakPassword), problem, 422};
    const QByteArray hash = crypto::hashPassword(newPassword);
    if (hash.isEmpty())
        return internalError();
    QSqlQuery q =
        m_db.prepare(QStringLiteral("UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?"));
    q.addBindValue(QString::fromLatin1(hash));
    q.addBindValue(userId);
    if (!m_db.exec(q))
        return internalError();
    AuditEntry e;
    e.actorId = userId;
    e.actor = login;
    e.action = QStringLiteral("password.changed");
    e.entity = QStringLiteral("user");
    e.entityId = QString::number(userId);
    if (const auto u = user(userId))
        e.schoolId = u->schoolId;
    m_audit.append(e);
    return Unit{};
}

Result<QSqlQuery> AccountStore::accountRow(const QString &login, const QString &columns)
{
    QSqlQuery find = m_db.prepare(QStringLiteral("SELECT id, school_id, %1 FROM users WHERE login = ?").arg(columns));
    find.addBindValue(login.trimmed());
    if (!find.exec())
        return internalError();
    if (!find.next())
        return Error{QString::fromLatin1(errc::NotFound), tr("There is no account %1.").arg(login.trimmed()), 404};
    return find;
}

Status AccountStore::setDisabled(const QString &login, bool disabled, const QString &actor)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return internalError();
    auto row = accountRow(login, QStringLiteral("disabled"));
    if (!row)
        return row.error();
    QSqlQuery &find = row.value();
    const qint64 id = find.value(0).toLongLong();
    const std::optional<qint64> schoolId =
        find.value(1).isNull() ? std::nullopt : std::optional<qint64>(find.value(1).toLongLong());
    const bool was = find.value(2).toInt() != 0;
    find.finish();
    QSqlQuery update = m_db.prepare(QStringLiteral("UPDATE users SET disabled = ? WHERE id = ?"));
    update.addBindValue(disabled ? 1 : 0);
    update.addBindValue(id);
    if (!m_db.exec(update))
        return internalError();
    if (disabled) {
        QSqlQuery end = m_db.prepare(QStringLiteral("DELETE FROM sessions WHERE user_id = ?"));
        end.addBindValue(id);
        if (!m_db.exec(end))
            return internalError();
    }
    AuditEntry e;
    e.actor = actor;
    e.action = disabled ? QStringLiteral("account.disabled") : QStringLiteral("account.enabled");
    e.entity = QStringLiteral("user");
    e.entityId = QString::number(id);
    e.schoolId = schoolId;
    e.before = QJsonObject{{QStringLiteral("disabled"), was}};
    e.after = QJsonObject{{QStringLiteral("disabled"), disabled}};
    if (!m_audit.append(e) || !tx.commit())
        return internalError();
    return Unit{};
}

Status AccountStore::setPerson(const QString &login, const QString &surname, const QString &givenName,
    const QString &patronymic, const QDate &birthDate, const QString &actor)
{
    const QString s = surname.simplified(), n = givenName.simplified(), p = patronymic.simplified();
    if (s.isEmpty() || n.isEmpty() || s.size() > 100 || n.size() > 100 || p.size() > 100)
        return Error{QString::fromLatin1(errc::ValidationFailed),
            tr("The surname and the name are required, each at most 100 characters."), 422};
    if (!birthDate.isValid() || birthDate.year() < 1900 || birthDate > m_clock.now().date())
        return Error{
            QString::fromLatin1(errc::ValidationFailed), tr("The date of birth is not a real past date."), 422};
    Transaction tx(m_db);
    if (!tx.isActive())
        return internalError();
    auto row = accountRow(login, QStringLiteral("surname, given_name, patronymic, birth_date"));
    if (!row)
        return row.error();
    QSqlQuery &find = row.value();
    const qint64 id = find.value(0).toLongLong();
    const std::optional<qint64> schoolId =
        find.value(1).isNull() ? std::nullopt : std::optional<qint64>(find.value(1).toLongLong());
    const QJsonObject before{{QStringLiteral("surname"), find.value(2).toString()},
        {QStringLiteral("name"), find.value(3).toString()}, {QStringLiteral("patronymic"), find.value(4).toString()},
        {QStringLiteral("birthDate"), find.value(5).toString()}};
    find.finish();
    QSqlQuery update = m_db.prepare(
        QStringLiteral("UPDATE users SET surname = ?, given_name = ?, patronymic = ?, birth_date = ? WHERE id = ?"));
    update.addBindValue(s);
    update.addBindValue(n);
    update.addBindValue(p.isEmpty() ? QStringLiteral("") : p); // never NULL
    update.addBindValue(birthDate.toString(Qt::ISODate));
    update.addBindValue(id);
    if (!m_db.exec(update))
        return internalError();
    AuditEntry e;
    e.actor = actor;
    e.action = QStringLiteral("account.person-set");
    e.entity = QStringLiteral("user");
    e.entityId = QString::number(id);
    e.schoolId = schoolId;
    e.before = before;
    e.after = QJsonObject{{QStringLiteral("surname"), s}, {QStringLiteral("name"), n},
        {QStringLiteral("patronymic"), p}, {QStringLiteral("birthDate"), birthDate.toString(Qt::ISODate)}};
    if (!m_audit.append(e) || !tx.commit())
        return internalError();
    return Unit{};
}

} // namespace sg::server
