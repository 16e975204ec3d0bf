#include "server/auditlog.h"

#include "core/errorcodes.h"
#include "core/jsonwriter.h"
#include "core/protocol.h"
#include "server/crypto.h"
#include "server/database.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlError>

Q_LOGGING_CATEGORY(lcAudit, "sg.server.audit")

namespace sg::server {

namespace {

constexpr int kAppendAttempts = 3;

const QString kColumns =
    QStringLiteral("id, at, actor_id, actor, action, entity, entity_id, school_id, before, after, prev_hash, hash");

// What differs between the entries of one batch.
const QList<BatchRows::Column> kBatchColumns{{QStringLiteral("action"), "text"}, {QStringLiteral("entity_id"), "text"},
    {QStringLiteral("before"), "text"}, {QStringLiteral("after"), "text"}, {QStringLiteral("prev_hash"), "text"},
    {QStringLiteral("hash"), "text"}};

QString genesisHash()
{
    return QString(64, QLatin1Char('0'));
}

QString jsonText(const QJsonObject &object)
{
    if (object.isEmpty())
        return QString::fromLatin1("", 0);
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject jsonObject(const QString &text)
{
    if (text.isEmpty())
        return {};
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QVariant nullableInteger(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant();
}

// The stored values of one row, as text, in the order of the canonical serialisation.
struct CanonicalFields
{
    QString prevHash;
    QByteArray id;
    QString at;
    QByteArray actorId; // empty for NULL
    QString actor;
    QString action;
    QString entity;
    QString entityId;
    QByteArray schoolId; // empty for NULL
    QString before;
    QString after;
};

void appendNetstring(QByteArray &out, const QByteArray &bytes)
{
    out += QByteArray::number(bytes.size());
    out += ':';
    out += bytes;
    out += ',';
}

void appendNetstring(QByteArray &out, const QString &text)
{
    appendNetstring(out, text.toUtf8());
}

QString chainHash(const CanonicalFields &f)
{
    QByteArray data;
    data.reserve(256 + 3 * (f.actor.size() + f.before.size() + f.after.size() + f.entityId.size()));
    data += "sg-audit-v1\n";
    appendNetstring(data, f.prevHash);
    appendNetstring(data, f.id);
    appendNetstring(data, f.at);
    appendNetstring(data, f.actorId);
    appendNetstring(data, f.actor);
    appendNetstring(data, f.action);
    appendNetstring(data, f.entity);
    appendNetstring(data, f.entityId);
    appendNetstring(data, f.schoolId);
    appendNetstring(data, f.before);
    appendNetstring(data, f.after);
    return crypto::sha256Hex(data);
}

QByteArray integerText(const std::optional<qint64> &value)
{
    return value ? QByteArray::number(*value) : QByteArray();
}

// A stored integer column as canonical text: "" for NULL, decimal for an integer, nullopt for anything
// else (a value of another type was written by hand).
std::optional<QByteArray> storedInteger(const QSqlQuery &q, int column)
{
    if (q.isNull(column))
        return QByteArray();
    const QVariant v = q.value(column);
    switch (v.typeId()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
    case QMetaType::ULongLong:
    case QMetaType::UInt: return QByteArray::number(v.toLongLong());
    default: return std::nullopt;
    }
}

Error storageError(const QSqlQuery &q)
{
    qCWarning(lcAudit) << "audit log storage failure:" << q.lastError().text();
    return Error{QString::fromLatin1(errc::Internal), QStringLiteral("audit log storage failure"), 500};
}

// Runs an append in a transaction of its own (for callers outside one).
template<typename Append>
Result<qint64> inOwnTransaction(Database &db, Append append)
{
    const Error failure{QString::fromLatin1(errc::Internal), QStringLiteral("audit log storage failure"), 500};
    Transaction tx(db);
    if (!tx.isActive())
        return failure;
    Result<qint64> id = append();
    if (id && !tx.commit())
        return failure;
    return id;
}

} // namespace

AuditLog::AuditLog(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

QString AuditLog::schemaSql()
{
    return QStringLiteral(R"SQL(
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,            -- ISO 8601 UTC with ms
    actor_id INTEGER,            -- users.id, NULL for the system/CLI
    actor TEXT NOT NULL,         -- login or 'system'
    action TEXT NOT NULL,        -- e.g. 'decision.applied', 'director.submitted', 'report.created', 'session.created'
    entity TEXT NOT NULL,        -- e.g. 'member', 'school', 'report', 'user'
    entity_id TEXT NOT NULL DEFAULT '',
    school_id INTEGER,
    before TEXT NOT NULL DEFAULT '',  -- compact JSON or ''
    after TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_school ON audit_log(school_id, id);
)SQL");
}

namespace {

bool validEntry(const AuditEntry &entry)
{
    return !entry.action.isEmpty() && !entry.entity.isEmpty() && !(entry.actor.isEmpty() && entry.actorId);
}

Error invalidEntry()
{
    return Error{
        QString::fromLatin1(errc::Internal), QStringLiteral("audit entry without action, entity or actor name"), 500};
}

CanonicalFields fieldsOf(const AuditEntry &entry, const QString &at)
{
    CanonicalFields f;
    f.at = at;
    f.actorId = integerText(entry.actorId);
    f.actor = entry.actor.isEmpty() ? QStringLiteral("system") : entry.actor;
    f.action = entry.action;
    f.entity = entry.entity;
    f.entityId = entry.entityId.isNull() ? QString::fromLatin1("", 0) : entry.entityId;
    f.schoolId = integerText(entry.schoolId);
    f.before = jsonText(entry.before);
    f.after = jsonText(entry.after);
    return f;
}

} // namespace

Result<std::pair<qint64, QString>> AuditLog::head()
{
    if (!m_headQuery) {
        QSqlQuery q = m_db.prepare(QStringLiteral("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"));
        if (q.lastError().isValid())
            return storageError(q);
        q.setForwardOnly(true);
        m_headQuery = std::move(q);
    }
    QSqlQuery &q = *m_headQuery;
    if (!q.exec())
        return storageError(q);
    std::pair<qint64, QString> next{1, genesisHash()};
    if (q.next())
        next = {q.value(0).toLongLong() + 1, q.value(1).toString()};
    q.finish();
    return next;
}

// An entry reads the head of the chain and writes after it: both happen in one transaction, the caller's or
// their own, so that writers on other connections (or other instances) cannot fork the chain.
Result<qint64> AuditLog::append(const AuditEntry &entry)
{
    if (!validEntry(entry))
        return invalidEntry();
    if (!m_db.inTransaction())
        return inOwnTransaction(m_db, [&] { return append(entry); });
    if (!m_insertQuery) {
        QSqlQuery q = m_db.prepare(
            QStringLiteral("INSERT INTO audit_log (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").arg(kColumns));
        if (q.lastError().isValid())
            return storageError(q);
        m_insertQuery = std::move(q);
    }
    CanonicalFields f = fieldsOf(entry, proto::formatTimestamp(m_clock.now()));
    QSqlQuery &insert = *m_insertQuery;
    for (int attempt = 1;; ++attempt) {
        auto next = head();
        if (!next)
            return next.error();
        const qint64 id = next->first;
        f.prevHash = next->second;
        f.id = QByteArray::number(id);
        insert.bindValue(0, id);
        insert.bindValue(1, f.at);
        insert.bindValue(2, nullableInteger(entry.actorId));
        insert.bindValue(3, f.actor);
        insert.bindValue(4, f.action);
        insert.bindValue(5, f.entity);
        insert.bindValue(6, text(f.entityId));
        insert.bindValue(7, nullableInteger(entry.schoolId));
        insert.bindValue(8, text(f.before));
        insert.bindValue(9, text(f.after));
        insert.bindValue(10, f.prevHash);
        insert.bindValue(11, chainHash(f));
        if (insert.exec()) {
            insert.finish();
            return id;
        }
        // Outside a transaction another connection may have appended between our SELECT and INSERT.
        if (attempt >= kAppendAttempts || !m_db.isUniqueViolation(insert.lastError()))
            return storageError(insert);
        qCDebug(lcAudit) << "audit id" << id << "taken by a concurrent append; retrying";
    }
}

Result<qint64> AuditLog::appendAll(const QList<AuditEntry> &entries)
{
    if (entries.isEmpty())
        return qint64(0);
    for (const AuditEntry &entry : entries) {
        if (!validEntry(entry))
            return invalidEntry();
    }
    if (!m_db.inTransaction())
        return inOwnTransaction(m_db, [&] { return appendAll(entries); });
    const QString at = proto::formatTimestamp(m_clock.now());
    QList<CanonicalFields> fields;
    fields.reserve(entries.size());
    for (const AuditEntry &entry : entries)
        fields.append(fieldsOf(entry, at));

    // Entries by one actor on one kind of record in one school (a batch of decisions) share those columns: they are
    // bound once, and only what differs travels in the JSON array. Anything else is appended one by one.
    const CanonicalFields &first = fields.first();
    const bool shared = std::all_of(fields.cbegin(), fields.cend(), [&](const CanonicalFields &f) {
        return f.actorId == first.actorId && f.actor == first.actor && f.entity == first.entity
            && f.schoolId == first.schoolId;
    });
    if (entries.size() == 1 || !shared) {
        qint64 last = 0;
        for (const AuditEntry &entry : entries) {
            auto id = append(entry);
            if (!id)
                return id;
            last = id.value();
        }
        return last;
    }

    if (!m_insertManyQuery) {
        const BatchRows shape(m_db, kBatchColumns, 0);
        QSqlQuery q = m_db.prepare(
            QStringLiteral("INSERT INTO audit_log (%1) SELECT CAST(? AS BIGINT) + j.n - 1, CAST(? AS TEXT), "
                           "CAST(? AS BIGINT), CAST(? AS TEXT), j.action, CAST(? AS TEXT), j.entity_id, "
                           "CAST(? AS BIGINT), j.before, j.after, j.prev_hash, j.hash FROM (%2) AS j ORDER BY j.n")
                .arg(kColumns, shape.select()));
        if (q.lastError().isValid())
            return storageError(q);
        m_insertManyQuery = std::move(q);
    }
    QSqlQuery &insert = *m_insertManyQuery;
    const AuditEntry &firstEntry = entries.first();
    for (int attempt = 1;; ++attempt) {
        auto next = head();
        if (!next)
            return next.error();
        const qint64 firstId = next->first;
        QString prevHash = next->second;
        BatchRows rows(m_db, kBatchColumns, entries.size());
        qint64 id = firstId;
        for (CanonicalFields &f : fields) {
            f.prevHash = prevHash;
            f.id = QByteArray::number(id++);
            QString hash = chainHash(f);
            rows.beginRow();
            rows.add(f.action);
            rows.add(f.entityId);
            rows.add(f.before);
            rows.add(f.after);
            rows.add(f.prevHash);
            rows.add(hash);
            rows.endRow();
            prevHash = std::move(hash);
        }
        insert.bindValue(0, firstId);
        insert.bindValue(1, first.at);
        insert.bindValue(2, nullableInteger(firstEntry.actorId));
        insert.bindValue(3, first.actor);
        insert.bindValue(4, first.entity);
        insert.bindValue(5, nullableInteger(firstEntry.schoolId));
        rows.bind(insert, 6);
        if (insert.exec()) {
            insert.finish();
            return firstId + entries.size() - 1;
        }
        if (attempt >= kAppendAttempts || !m_db.isUniqueViolation(insert.lastError()))
            return storageError(insert);
        qCDebug(lcAudit) << "audit ids from" << firstId << "taken by a concurrent append; retrying";
    }
}

AuditLog::Verification AuditLog::verify()
{
    Verification v;
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT %1 FROM audit_log ORDER BY id").arg(kColumns));
    q.setForwardOnly(true);
    if (q.lastError().isValid() || !q.exec()) {
        v.problem = QStringLiteral("cannot read the audit log: %1").arg(q.lastError().text());
        qCWarning(lcAudit) << v.problem;
        return v;
    }

    QString expectedPrev = genesisHash();
    qint64 expectedId = 1;
    auto fail = [&v](qint64 id, const QString &problem) {
        v.ok = false;
        v.firstBadId = id;
        v.problem = problem;
        qCWarning(lcAudit) << "audit chain broken at entry" << id << ":" << problem;
        return v;
    };

    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        CanonicalFields f;
        f.id = QByteArray::number(id);
        f.at = q.value(1).toString();
        const auto actorId = storedInteger(q, 2);
        f.actor = q.value(3).toString();
        f.action = q.value(4).toString();
        f.entity = q.value(5).toString();
        f.entityId = q.value(6).toString();
        const auto schoolId = storedInteger(q, 7);
        f.before = q.value(8).toString();
        f.after = q.value(9).toString();
        f.prevHash = q.value(10).toString();
        const QString storedHash = q.value(11).toString();

        if (id != expectedId) {
            if (expectedId == 1)
                return fail(id, QStringLiteral("the log starts at entry %1: earlier entries were deleted").arg(id));
            return fail(id,
                QStringLiteral("entry %1 follows entry %2: entries were deleted, inserted or renumbered")
                    .arg(id)
                    .arg(expectedId - 1));
        }
        if (f.prevHash != expectedPrev)
            return fail(id, QStringLiteral("entry %1 does not link to the entry before it").arg(id));
        if (!actorId || !schoolId)
            return fail(id, QStringLiteral("entry %1 has a non-integer actor_id or school_id").arg(id));
        f.actorId = *actorId;
        f.schoolId = *schoolId;
        if (chainHash(f) != storedHash)
            return fail(id, QStringLiteral("entry %1 was modified (its hash does not match its content)").arg(id));

        ++v.entries;
        ++expectedId;
        expectedPrev = storedHash;
    }
    if (q.lastError().isValid()) {
        v.problem = QStringLiteral("cannot read the audit log: %1").arg(q.lastError().text());
        qCWarning(lcAudit) << v.problem;
        return v;
    }
    v.ok = true;
    return v;
}

QList<AuditEntry> AuditLog::entries(std::optional<qint64> schoolId, qint64 afterId, int limit)
{
    QList<AuditEntry> out;
    if (limit <= 0)
        return out;
    QString sql = QStringLiteral("SELECT %1 FROM audit_log WHERE id > ?").arg(kColumns);
    if (schoolId)
        sql += QStringLiteral(" AND school_id = ?");
    sql += QStringLiteral(" ORDER BY id LIMIT ?");
    QSqlQuery q = m_db.prepare(sql);
    q.setForwardOnly(true);
    q.addBindValue(afterId);
    if (schoolId)
        q.addBindValue(*schoolId);
    q.addBindValue(limit);
    if (!q.exec()) {
        qCWarning(lcAudit) << "cannot read the audit log:" << q.lastError().text();
        return out;
    }
    while (q.next()) {
        AuditEntry e;
        e.id = q.value(0).toLongLong();
        e.at = proto::parseTimestamp(q.value(1).toString()).value_or(QDateTime());
        if (!q.isNull(2))
            e.actorId = q.value(2).toLongLong();
        e.actor = q.value(3).toString();
        e.action = q.value(4).toString();
        e.entity = q.value(5).toString();
        e.entityId = q.value(6).toString();
        if (!q.isNull(7))
            e.schoolId = q.value(7).toLongLong();
        e.before = jsonObject(q.value(8).toString());
        e.after = jsonObject(q.value(9).toString());
        e.prevHash = q.value(10).toString();
        e.hash = q.value(11).toString();
        out.append(e);
    }
    return out;
}

} // namespace sg::server
