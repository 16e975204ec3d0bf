#include "client/localcache.h"

#include "core/clock.h"
#include "core/jsonwriter.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlError>

#include <algorithm>
#include <sodium.h>

Q_LOGGING_CATEGORY(lcCache, "sg.client.cache")

namespace sg::client {

namespace {

QAtomicInteger<int> s_connectionCounter;

// The plain text of the check value sealed at creation; a key that does not open it is the wrong key.
constexpr char kCheckPlain[] = "SchoolGate local cache check value";

// Ordered migrations: index i moves the schema from version i to i + 1. Never edit a published one; append.
// Columns holding personal data are BLOBs sealed with CacheCrypto; the rest is plain.
const QStringList &migrations()
{
    static const QStringList list{
        // 1: check value, members (server truth + optimistic status), documents, cursors, outbox
        QStringLiteral(R"SQL(
CREATE TABLE meta (
    name TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
CREATE TABLE members (
    school_id INTEGER NOT NULL,
    id INTEGER NOT NULL,
    role TEXT NOT NULL,
    status TEXT NOT NULL,
    version INTEGER NOT NULL,
    data BLOB NOT NULL,
    synced_at INTEGER NOT NULL,
    PRIMARY KEY (school_id, id)
);
CREATE INDEX members_synced ON members(synced_at);
CREATE TABLE documents (
    name TEXT PRIMARY KEY,
    data BLOB NOT NULL,
    synced_at INTEGER NOT NULL
);
CREATE TABLE cursors (
    school_id INTEGER PRIMARY KEY,
    cursor TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('decision', 'report', 'director')),
    school_id INTEGER NOT NULL,
    member_id INTEGER NOT NULL DEFAULT 0,
    verdict TEXT NOT NULL DEFAULT '',
    base_version INTEGER NOT NULL DEFAULT 0,
    reason BLOB,
    payload BLOB,
    attachment BLOB,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'conflict', 'refused')),
    problem_code TEXT NOT NULL DEFAULT '',
    problem_message BLOB,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX outbox_school_state ON outbox(school_id, state, seq);
CREATE INDEX outbox_member ON outbox(school_id, member_id, state);
)SQL"),
        // 2: when each school's members were last known current as a whole (a pull stamps the school, not each row)
        QStringLiteral(R"SQL(
CREATE TABLE school_synced (
    school_id INTEGER PRIMARY KEY,
    synced_at INTEGER NOT NULL
);
INSERT INTO school_synced (school_id, synced_at) SELECT school_id, MAX(synced_at) FROM members GROUP BY school_id;
)SQL"),
    };
    return list;
}

const QString kItemColumns = QStringLiteral(
    "seq, key, kind, school_id, member_id, verdict, base_version, reason, payload, attachment, state, problem_code, "
    "problem_message, attempts, created_at");

// Members the cache looks up at once when decisions name no base version (the list is padded with the last id).
constexpr int kLookupChunk = 64;

// A member was last known current when its own row was written or when its school was last pulled, whichever is later.
const QString kMemberSyncedBefore = QStringLiteral(
    "MAX(m.synced_at, COALESCE((SELECT s.synced_at FROM school_synced s WHERE s.school_id = m.school_id), 0)) < ?");

// Members an outbox item refers to are never removed by a snapshot or a purge.
const QString kNoItemForMember = QStringLiteral("NOT EXISTS (SELECT 1 FROM outbox o WHERE o.school_id = m.school_id "
                                                "AND o.member_id = m.id AND o.kind = 'decision')");

Error makeError(const char *code, const QString &message)
{
    return Error{QString::fromLatin1(code), message};
}

// Qt binds a null QString as SQL NULL; text columns here are NOT NULL.
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QString::fromLatin1("", 0)) : QVariant(value);
}

QVariant blobOrNull(const QByteArray &sealed)
{
    return sealed.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(sealed);
}

qint64 msSinceEpoch(const QDateTime &dt)
{
    return dt.toMSecsSinceEpoch();
}

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toUTC();
}

QString kindName(OutboxItem::Kind kind)
{
    switch (kind) {
    case OutboxItem::Kind::Decision: return QStringLiteral("decision");
    case OutboxItem::Kind::Report: return QStringLiteral("report");
    case OutboxItem::Kind::Director: return QStringLiteral("director");
    }
    return {};
}

QString stateName(OutboxItem::State state)
{
    switch (state) {
    case OutboxItem::State::Pending: return QStringLiteral("pending");
    case OutboxItem::State::Conflict: return QStringLiteral("conflict");
    case OutboxItem::State::Refused: return QStringLiteral("refused");
    }
    return {};
}

std::optional<OutboxItem::Kind> kindFromName(const QString &name)
{
    for (auto k : {OutboxItem::Kind::Decision, OutboxItem::Kind::Report, OutboxItem::Kind::Director}) {
        if (kindName(k) == name)
            return k;
    }
    return std::nullopt;
}

std::optional<OutboxItem::State> stateFromName(const QString &name)
{
    for (auto s : {OutboxItem::State::Pending, OutboxItem::State::Conflict, OutboxItem::State::Refused}) {
        if (stateName(s) == name)
            return s;
    }
    return std::nullopt;
}

MemberStatus optimisticStatus(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Approve: return MemberStatus::Approved;
    case Verdict::Reject: return MemberStatus::Rejected;
    case Verdict::Revert: return MemberStatus::Pending;
    }
    return MemberStatus::Pending;
}

QString randomKey()
{
    QByteArray bytes(16, Qt::Uninitialized);
    randombytes_buf(bytes.data(), size_t(bytes.size()));
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool isValidKey(const QString &key)
{
    if (key.isEmpty() || key.size() > proto::kMaxKeyLength)
        return false;
    for (QChar c : key) {
        if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            return false;
    }
    return true;
}

} // namespace

QString toString(OutboxItem::Kind kind)
{
    return kindName(kind);
}

QString toString(OutboxItem::State state)
{
    return stateName(state);
}

std::optional<proto::ReportSnapshot> OutboxItem::reportSnapshot() const
{
    if (kind != Kind::Report || !payload.value(QStringLiteral("snapshot")).isObject())
        return std::nullopt;
    auto snapshot = proto::ReportSnapshot::fromJson(payload.value(QStringLiteral("snapshot")).toObject());
    if (!snapshot)
        return std::nullopt;
    return snapshot.value();
}

QStringList OutboxItem::reportCovers() const
{
    QStringList keys;
    for (const QJsonValue &v : payload.value(QStringLiteral("covers")).toArray())
        keys.append(v.toString());
    return keys;
}

proto::DecisionItem OutboxItem::decisionItem() const
{
    proto::DecisionItem d;
    d.key = key;
    d.memberId = memberId;
    d.verdict = verdict;
    d.reason = reason;
    d.baseVersion = baseVersion;
    return d;
}

// BEGIN IMMEDIATE ... COMMIT; rolled back when destroyed without a successful commit().
class LocalCache::Transaction
{
public:
    explicit Transaction(const LocalCache &cache)
        : m_cache(cache)
    {}
    ~Transaction()
    {
        if (m_active) {
            // Never subject to fault injection: this is the recovery.
            QSqlQuery q(m_cache.m_db);
            if (!q.exec(QStringLiteral("ROLLBACK")))
                qCWarning(lcCache) << "rollback failed:" << q.lastError().text();
        }
    }
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    Status begin()
    {
        Status st = m_cache.runSql(QStringLiteral("BEGIN IMMEDIATE"));
        m_active = st.ok();
        return st;
    }
    Status commit()
    {
        Status st = m_cache.runSql(QStringLiteral("COMMIT"));
        if (st)
            m_active = false;
        return st;
    }

private:
    const LocalCache &m_cache;
    bool m_active = false;
};

LocalCache::LocalCache(const QString &path, const QByteArray &key, const Clock *clock)
    : m_path(path)
    , m_connectionName(QStringLiteral("sg-cache-%1").arg(s_connectionCounter.fetchAndAddRelaxed(1)))
    , m_crypto(key)
    , m_clock(clock)
{}

LocalCache::~LocalCache()
{
    m_statements.clear();
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

int LocalCache::latestSchemaVersion()
{
    return int(migrations().size());
}

Result<std::unique_ptr<LocalCache>> LocalCache::open(const QString &path, const QByteArray &key, const Clock *clock)
{
    if (key.size() != CacheCrypto::kKeySize)
        return makeError(cacheerr::WrongKey,
            QStringLiteral("the cache key has %1 bytes instead of %2").arg(key.size()).arg(CacheCrypto::kKeySize));
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return makeError(cacheerr::Io, QStringLiteral("cannot create the folder %1").arg(info.absolutePath()));
    std::unique_ptr<LocalCache> self(new LocalCache(path, key, clock));
    if (Status st = self->initialize(); !st)
        return st.error();
    return self;
}

Result<std::unique_ptr<LocalCache>> LocalCache::openInMemory(const Clock *clock)
{
    std::unique_ptr<LocalCache> self(new LocalCache(QString::fromLatin1(kInMemory), CacheCrypto::generateKey(), clock));
    if (Status st = self->initialize(); !st)
        return st.error();
    return self;
}

Status LocalCache::initialize()
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(m_path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open())
        return makeError(cacheerr::Io, QStringLiteral("cannot open the cache: %1").arg(m_db.lastError().text()));

    const QString damaged = QStringLiteral("the cache file %1 is damaged or is not a SchoolGate cache").arg(m_path);
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next()) {
        // SQLITE_NOTADB (26) or SQLITE_CORRUPT (11): the header is garbage.
        const QString native = q.lastError().nativeErrorCode();
        if (native == QLatin1String("26") || native == QLatin1String("11"))
            return makeError(cacheerr::Corrupt, damaged);
        return makeError(cacheerr::Io, q.lastError().text());
    }
    if (!isInMemory() && q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        qCWarning(lcCache) << "the cache is not in WAL mode:" << q.value(0).toString();
    for (const char *pragma : {"PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON", "PRAGMA secure_delete=ON"}) {
        if (!q.exec(QString::fromLatin1(pragma)))
            return makeError(cacheerr::Io, q.lastError().text());
    }
    // A damaged file fails here with a clear message, before anything is written.
    if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next() || q.value(0).toString() != QLatin1String("ok"))
        return makeError(cacheerr::Corrupt, damaged);
    q.finish();
    return migrate();
}

Status LocalCache::migrate()
{
    const QString notOurs = QStringLiteral("%1 is not a SchoolGate cache").arg(m_path);
    QSqlQuery q(m_db);
    if (!q.exec(
            QStringLiteral("SELECT count(*), sum(name = 'schema_migrations') FROM sqlite_master WHERE type = 'table'"))
        || !q.next())
        return makeError(cacheerr::Io, q.lastError().text());
    const int tables = q.value(0).toInt();
    const bool hasMigrations = q.value(1).toInt() > 0;
    q.finish();
    if (hasMigrations) {
        if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) || !q.next())
            return makeError(cacheerr::Corrupt, notOurs);
        m_schemaVersion = q.value(0).toInt();
        q.finish();
    } else if (tables > 0) {
        return makeError(cacheerr::Corrupt, notOurs);
    }

    const QStringList &steps = migrations();
    if (m_schemaVersion > steps.size())
        return makeError(cacheerr::TooNew,
            QStringLiteral("the cache was written by a newer SchoolGate (schema %1, this program knows %2)")
                .arg(m_schemaVersion)
                .arg(steps.size()));
    if (m_schemaVersion >= 1) {
        if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE name = 'check'")) || !q.next())
            return makeError(cacheerr::Corrupt, notOurs);
        const QByteArray sealed = q.value(0).toByteArray();
        q.finish();
        const Result<QByteArray> plain = m_crypto.open(sealed);
        if (!plain || plain.value() != QByteArray(kCheckPlain))
            return makeError(cacheerr::WrongKey, QStringLiteral("the key does not open this cache"));
    }

    for (int v = m_schemaVersion; v < steps.size(); ++v) {
        Transaction tx(*this);
        if (Status st = tx.begin(); !st)
            return st;
        const auto fail = [&](const QSqlQuery &failed) {
            return makeError(cacheerr::Io,
                QStringLiteral("cache migration %1 failed: %2").arg(v + 1).arg(failed.lastError().text()));
        };
        if (v == 0
            && !q.exec(QStringLiteral(
                "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)")))
            return fail(q);
        for (const QString &sql : steps.at(v).split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            if (!sql.trimmed().isEmpty() && !q.exec(sql))
                return fail(q);
        }
        if (v == 0) {
            q.prepare(QStringLiteral("INSERT INTO meta (name, value) VALUES ('check', ?)"));
            q.addBindValue(seal(QByteArray(kCheckPlain)));
            if (!q.exec())
                return fail(q);
        }
        q.prepare(QStringLiteral("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"));
        q.addBindValue(v + 1);
        q.addBindValue(msSinceEpoch(now()));
        if (!q.exec())
            return fail(q);
        if (Status st = tx.commit(); !st)
            return st;
        m_schemaVersion = v + 1;
        qCDebug(lcCache) << "migrated the local cache to schema" << m_schemaVersion;
    }
    return Unit{};
}

QSqlQuery &LocalCache::statement(const QString &sql) const
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.prepare(sql))
            qCWarning(lcCache) << "prepare failed:" << q.lastError().text();
        it = m_statements.emplace(sql, std::move(q)).first;
    }
    return it->second;
}

Status LocalCache::run(QSqlQuery &query) const
{
    if (m_failNext && m_failNext())
        return makeError(cacheerr::Io, QStringLiteral("injected fault"));
    if (query.exec())
        return Unit{};
    const QSqlError err = query.lastError();
    qCWarning(lcCache) << "cache statement failed:" << err.text();
    const QString native = err.nativeErrorCode();
    if (native == QLatin1String("11") || native == QLatin1String("26"))
        return makeError(cacheerr::Corrupt, QStringLiteral("the cache file is damaged: %1").arg(err.text()));
    return makeError(cacheerr::Io, err.text());
}

Status LocalCache::runSql(const QString &sql) const
{
    return run(statement(sql));
}

QDateTime LocalCache::now() const
{
    return m_clock ? m_clock->now().toUTC() : QDateTime::currentDateTimeUtc();
}

QByteArray LocalCache::sealJson(const QJsonObject &json) const
{
    return m_crypto.seal(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

// A member's status and version live in their own columns, which are the truth: answers to decisions change them
// without opening the record. The sealed record holds everything else, with a fixed status and version in their
// place, so the same person always seals to the same plain text.
QByteArray LocalCache::memberRecord(const proto::Member &member)
{
    proto::Member neutral = member;
    neutral.status = MemberStatus::Pending;
    neutral.version = 1;
    return neutral.toJsonBytes();
}

QByteArray LocalCache::sealMember(const proto::Member &member) const
{
    QByteArray plain = memberRecord(member);
    QByteArray sealed = m_crypto.seal(plain);
    sodium_memzero(plain.data(), size_t(plain.size()));
    return sealed;
}

Result<QJsonObject> LocalCache::openJson(const QByteArray &sealed) const
{
    Result<QByteArray> plain = m_crypto.open(sealed);
    if (!plain)
        return plain.error();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(plain.value(), &parseError);
    sodium_memzero(plain.value().data(), size_t(plain.value().size()));
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(cacheerr::Corrupt, QStringLiteral("a cached document is not a JSON object"));
    return doc.object();
}

Result<proto::Member> LocalCache::openMember(
    const QByteArray &sealed, const QString &status, const QVariant &version) const
{
    Result<QJsonObject> json = openJson(sealed);
    if (!json)
        return json.error();
    Result<proto::Member> member = proto::Member::fromJson(json.value());
    const std::optional<MemberStatus> columnStatus = memberStatusFromString(status);
    bool versionOk = false;
    const qint64 columnVersion = version.toLongLong(&versionOk);
    if (!member || !columnStatus || !versionOk || columnVersion < 1)
        return makeError(cacheerr::Corrupt, QStringLiteral("a cached member record is not valid"));
    proto::Member m = std::move(member).value();
    m.status = *columnStatus;
    m.version = columnVersion;
    return m;
}

void LocalCache::setFaultInjector(std::function<bool()> failNext)
{
    m_failNext = std::move(failNext);
}

// ---- Server state --------------------------------------------------------------------------------------------

Status LocalCache::upsertMember(qint64 schoolId, const proto::Member &member, qint64 syncedAtMs)
{
    // A snapshot older than what the cache holds (results applied meanwhile) never moves the truth back.
    QSqlQuery &q = statement(QStringLiteral(
        "INSERT INTO members (school_id, id, role, status, version, data, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (school_id, id) DO UPDATE SET role = excluded.role, status = excluded.status, "
        "version = excluded.version, data = excluded.data, synced_at = excluded.synced_at "
        "WHERE excluded.version >= members.version"));
    q.bindValue(0, schoolId);
    q.bindValue(1, member.id);
    q.bindValue(2, toString(member.role));
    q.bindValue(3, toString(member.status));
    q.bindValue(4, member.version);
    q.bindValue(5, sealMember(member));
    q.bindValue(6, syncedAtMs);
    return run(q);
}

Status LocalCache::replaceMembers(qint64 schoolId, const QList<proto::Member> &members, const QDateTime &syncedAt)
{
    const qint64 synced = msSinceEpoch(syncedAt.isValid() ? syncedAt : now());
    Transaction tx(*this);
    if (Status st = tx.begin(); !st)
        return st;
    QSet<qint64> present;
    present.reserve(members.size());
    for (const proto::Member &m : members) {
        if (Status st = upsertMember(schoolId, m, synced); !st)
            return st;
        present.insert(m.id);
    }
    QList<qint64> gone;
    {
        QSqlQuery &q = statement(QStringLiteral("SELECT id FROM members WHERE school_id = ?"));
        q.bindValue(0, schoolId);
        if (Status st = run(q); !st)
            return st;
        while (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            if (!present.contains(id))
                gone.append(id);
        }
        q.finish();
    }
    QSqlQuery &del = statement(
        QStringLiteral("DELETE FROM members AS m WHERE m.school_id = ? AND m.id = ? AND ") + kNoItemForMember);
    for (qint64 id : std::as_const(gone)) {
        del.bindValue(0, schoolId);
        del.bindValue(1, id);
        if (Status st = run(del); !st)
            return st;
    }
    if (Status st = stampSchool(schoolId, synced); !st)
        return st;
    return tx.commit();
}

Status LocalCache::mergeMembers(qint64 schoolId, const QList<proto::Member> &changed, const QDateTime &syncedAt)
{
    const qint64 synced = msSinceEpoch(syncedAt.isValid() ? syncedAt : now());
    Transaction tx(*this);
    if (Status st = tx.begin(); !st)
        return st;
    // What the cache holds of these people, read at once: a record the server sends back unchanged (most often the
    // answer to one's own decisions, already applied) is not written again.
    struct Held
    {
        QString status;
        qint64 version = 0;
        QByteArray sealed;
    };
    QHash<qint64, Held> held;
    {
        QSqlQuery &read = statement(QStringLiteral("SELECT id, status, version, data FROM members WHERE school_id = ? "
                                                   "AND id IN (SELECT value FROM json_each(?))"));
        read.bindValue(0, schoolId);
        read.bindValue(1, jsonArrayText(changed, [](const proto::Member &m) { return m.id; }));
        if (Status st = run(read); !st)
            return st;
        held.reserve(changed.size());
        while (read.next()) {
            held.insert(read.value(0).toLongLong(),
                {read.value(1).toString(), read.value(2).toLongLong(), read.value(3).toByteArray()});
        }
        read.finish();
    }
    for (const proto::Member &m : changed) {
        if (const auto it = held.constFind(m.id);
            it != held.cend() && it->version == m.version && it->status == toString(m.status)) {
            Result<QByteArray> plain = m_crypto.open(it->sealed);
            QByteArray fresh = memberRecord(m);
            const bool same = plain && plain.value() == fresh;
            if (plain)
                sodium_memzero(plain.value().data(), size_t(plain.value().size()));
            sodium_memzero(fresh.data(), size_t(fresh.size()));
            if (same)
                continue;
        }
        if (Status st = upsertMember(schoolId, m, synced); !st)
            return st;
    }
    // Everything else of the school is as current as the page: the school is stamped as a whole (one row), so a pull
    // does not rewrite the rows of the people who did not change.
    if (Status st = stampSchool(schoolId, synced); !st)
        return st;
    return tx.commit();
}

Status LocalCache::stampSchool(qint64 schoolId, qint64 syncedMs)
{
    QSqlQuery &q = statement(QStringLiteral("INSERT INTO school_synced (school_id, synced_at) VALUES (?, ?) "
                                            "ON CONFLICT (school_id) DO UPDATE SET synced_at = excluded.synced_at"));
    q.bindValue(0, schoolId);
    q.bindValue(1, syncedMs);
    return run(q);
}

Result<QList<CachedMember>> LocalCache::members(qint64 schoolId) const
{
    return readMembers(schoolId, nullptr);
}

Result<QList<CachedMember>> LocalCache::members(qint64 schoolId, const QList<qint64> &ids) const
{
    if (ids.isEmpty())
        return QList<CachedMember>();
    return readMembers(schoolId, &ids);
}

Result<QList<CachedMember>> LocalCache::readMembers(qint64 schoolId, const QList<qint64> *ids) const
{
    // Only some members: their ids as one JSON array bound to one parameter (json_each), so the statement stays
    // the same, prepared once, whatever the number of ids.
    QByteArray idList;
    if (ids) {
        idList.reserve(ids->size() * 8 + 2);
        idList.append('[');
        for (qsizetype i = 0; i < ids->size(); ++i) {
            if (i > 0)
                idList.append(',');
            idList.append(QByteArray::number(ids->at(i)));
        }
        idList.append(']');
    }
    // The optimistic view comes from the outbox: the last (highest seq) Pending or Conflict decision on a member
    // gives the status it shows; Refused items and members without decisions show the server truth.
    struct Local
    {
        Verdict verdict = Verdict::Approve;
        QByteArray sealedReason;
        bool pending = false;
        bool conflict = false;
    };
    QHash<qint64, Local> local;
    {
        QSqlQuery &q = ids
            ? statement(QStringLiteral("SELECT member_id, verdict, reason, state FROM outbox WHERE school_id = ? AND "
                                       "kind = 'decision' AND state IN ('pending', 'conflict') AND member_id IN "
                                       "(SELECT value FROM json_each(?)) ORDER BY seq"))
            : statement(QStringLiteral("SELECT member_id, verdict, reason, state FROM outbox WHERE school_id = ? AND "
                                       "kind = 'decision' AND state IN ('pending', 'conflict') ORDER BY seq"));
        q.bindValue(0, schoolId);
        if (ids)
            q.bindValue(1, QString::fromLatin1(idList));
        if (Status st = run(q); !st)
            return st.error();
        while (q.next()) {
            const std::optional<Verdict> verdict = verdictFromString(q.value(1).toString());
            if (!verdict) {
                q.finish();
                return makeError(cacheerr::Corrupt, QStringLiteral("a cached outbox item is not valid"));
            }
            Local &l = local[q.value(0).toLongLong()];
            l.verdict = *verdict;
            l.sealedReason = q.value(2).toByteArray();
            if (q.value(3).toString() == stateName(OutboxItem::State::Pending))
                l.pending = true;
            else
                l.conflict = true;
        }
        q.finish();
    }

    QSqlQuery &q = ids
        ? statement(QStringLiteral("SELECT id, data, status, version FROM members WHERE school_id = ? "
                                   "AND id IN (SELECT value FROM json_each(?)) ORDER BY id"))
        : statement(QStringLiteral("SELECT id, data, status, version FROM members WHERE school_id = ? ORDER BY id"));
    q.bindValue(0, schoolId);
    if (ids)
        q.bindValue(1, QString::fromLatin1(idList));
    if (Status st = run(q); !st)
        return st.error();
    QList<CachedMember> out;
    std::optional<Error> failure;
    while (q.next()) {
        Result<proto::Member> member = openMember(q.value(1).toByteArray(), q.value(2).toString(), q.value(3));
        if (!member) {
            failure = member.error();
            break;
        }
        CachedMember cm;
        cm.member = std::move(member).value();
        const auto it = local.constFind(cm.member.id);
        if (it != local.constEnd()) {
            cm.pending = it->pending;
            cm.conflict = it->conflict;
            cm.serverStatus = cm.member.status;
            cm.member.status = optimisticStatus(it->verdict);
            cm.member.reason.clear();
            if (it->verdict == Verdict::Reject && !it->sealedReason.isEmpty()) {
                Result<QByteArray> reason = m_crypto.open(it->sealedReason);
                if (!reason) {
                    failure = reason.error();
                    break;
                }
                cm.member.reason = QString::fromUtf8(reason.value());
            }
        }
        out.append(std::move(cm));
    }
    q.finish();
    if (failure)
        return *failure;
    return out;
}

Status LocalCache::putDocument(const QString &name, const QJsonObject &doc, const QDateTime &syncedAt)
{
    if (name.isEmpty())
        return makeError(cacheerr::InvalidArgument, QStringLiteral("a document needs a name"));
    QSqlQuery &q = statement(QStringLiteral("INSERT INTO documents (name, data, synced_at) VALUES (?, ?, ?) "
                                            "ON CONFLICT (name) DO UPDATE SET data = excluded.data, "
                                            "synced_at = excluded.synced_at"));
    q.bindValue(0, name);
    q.bindValue(1, sealJson(doc));
    q.bindValue(2, msSinceEpoch(syncedAt.isValid() ? syncedAt : now()));
    return run(q);
}

Result<std::optional<QJsonObject>> LocalCache::document(const QString &name) const
{
    QSqlQuery &q = statement(QStringLiteral("SELECT data FROM documents WHERE name = ?"));
    q.bindValue(0, text(name));
    if (Status st = run(q); !st)
        return st.error();
    if (!q.next()) {
        q.finish();
        return std::optional<QJsonObject>();
    }
    const QByteArray sealed = q.value(0).toByteArray();
    q.finish();
    Result<QJsonObject> json = openJson(sealed);
    if (!json)
        return json.error();
    return std::optional<QJsonObject>(std::move(json).value());
}

QString LocalCache::cursor(qint64 schoolId) const
{
    QSqlQuery &q = statement(QStringLiteral("SELECT cursor FROM cursors WHERE school_id = ?"));
    q.bindValue(0, schoolId);
    if (!run(q))
        return {};
    QString out = q.next() ? q.value(0).toString() : QString();
    q.finish();
    return out;
}

Status LocalCache::setCursor(qint64 schoolId, const QString &cursor)
{
    if (cursor.isEmpty()) {
        QSqlQuery &q = statement(QStringLiteral("DELETE FROM cursors WHERE school_id = ?"));
        q.bindValue(0, schoolId);
        return run(q);
    }
    QSqlQuery &q = statement(QStringLiteral("INSERT INTO cursors (school_id, cursor, updated_at) VALUES (?, ?, ?) "
                                            "ON CONFLICT (school_id) DO UPDATE SET cursor = excluded.cursor, "
                                            "updated_at = excluded.updated_at"));
    q.bindValue(0, schoolId);
    q.bindValue(1, cursor);
    q.bindValue(2, msSinceEpoch(now()));
    return run(q);
}

// ---- Outbox --------------------------------------------------------------------------------------------------

Result<QList<OutboxItem>> LocalCache::queueDecisions(qint64 schoolId, const QList<proto::DecisionItem> &items)
{
    // Everything that can be checked without the database is checked before anything is written.
    QSet<QString> keys;
    keys.reserve(items.size());
    for (const proto::DecisionItem &d : items) {
        if (d.memberId < 1 || d.baseVersion < 0)
            return makeError(cacheerr::InvalidArgument, QStringLiteral("a decision needs a member id and a version"));
        if (d.reason.size() > proto::kMaxReasonLength)
            return makeError(cacheerr::InvalidArgument,
                QStringLiteral("a reason is longer than %1 characters").arg(proto::kMaxReasonLength));
        if (!d.key.isEmpty()) {
            if (!isValidKey(d.key))
                return makeError(cacheerr::InvalidArgument, QStringLiteral("an idempotency key is not valid"));
            if (keys.contains(d.key))
                return makeError(cacheerr::DuplicateKey, QStringLiteral("an idempotency key appears twice"));
            keys.insert(d.key);
        }
    }
    QList<OutboxItem> out;
    if (items.isEmpty())
        return out;
    out.reserve(items.size());
    const QDateTime created = now();
    const qint64 createdMs = msSinceEpoch(created);

    Transaction tx(*this);
    if (Status st = tx.begin(); !st)
        return st.error();

    // The cached versions of the members whose decisions name none, looked up kLookupChunk at a time.
    QList<qint64> lookup;
    {
        QSet<qint64> seen;
        for (const proto::DecisionItem &d : items) {
            if (d.baseVersion == 0 && !seen.contains(d.memberId)) {
                seen.insert(d.memberId);
                lookup.append(d.memberId);
            }
        }
    }
    QHash<qint64, qint64> versions;
    versions.reserve(lookup.size());
    if (!lookup.isEmpty()) {
        QString sql = QStringLiteral("SELECT id, version FROM members WHERE school_id = ? AND id IN (?");
        sql += QStringLiteral(", ?").repeated(kLookupChunk - 1) + QLatin1Char(')');
        QSqlQuery &q = statement(sql);
        for (qsizetype from = 0; from < lookup.size(); from += kLookupChunk) {
            q.bindValue(0, schoolId);
            for (int i = 0; i < kLookupChunk; ++i)
                q.bindValue(1 + i, lookup.at(std::min(from + i, lookup.size() - 1)));
            if (Status st = run(q); !st)
                return st.error();
            while (q.next())
                versions.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
            q.finish();
        }
        for (qint64 id : std::as_const(lookup)) {
            if (!versions.contains(id))
                return makeError(cacheerr::UnknownMember,
                    QStringLiteral("member %1 is not in the cache and the decision names no version").arg(id));
        }
    }

    // Named placeholders: Qt binds them by a hash lookup, positional ones format a name per value (slower here).
    QSqlQuery &insert = statement(QStringLiteral(
        "INSERT INTO outbox (key, kind, school_id, member_id, verdict, base_version, reason, state, created_at) "
        "VALUES (:key, 'decision', :school, :member, :verdict, :base, :reason, 'pending', :created) "
        "ON CONFLICT (key) DO NOTHING"));
    const QString verdictNames[] = {toString(Verdict::Approve), toString(Verdict::Reject), toString(Verdict::Revert)};
    const QVariant noReason{QMetaType(QMetaType::QByteArray)};
    insert.bindValue(QStringLiteral(":school"), schoolId);
    insert.bindValue(QStringLiteral(":created"), createdMs);
    for (const proto::DecisionItem &d : items) {
        OutboxItem item;
        item.key = d.key.isEmpty() ? randomKey() : d.key;
        item.kind = OutboxItem::Kind::Decision;
        item.schoolId = schoolId;
        item.memberId = d.memberId;
        item.verdict = d.verdict;
        item.reason = d.reason;
        item.baseVersion = d.baseVersion == 0 ? versions.value(d.memberId) : d.baseVersion;
        item.createdAt = created;

        insert.bindValue(QStringLiteral(":key"), item.key);
        insert.bindValue(QStringLiteral(":member"), item.memberId);
        insert.bindValue(QStringLiteral(":verdict"), verdictNames[int(item.verdict)]);
        insert.bindValue(QStringLiteral(":base"), item.baseVersion);
        // No reason is stored as NULL: that a reason is empty is not personal data.
        insert.bindValue(QStringLiteral(":reason"), d.reason.isEmpty() ? noReason : QVariant(sealText(d.reason)));
        if (Status st = run(insert); !st)
            return st.error();
        if (insert.numRowsAffected() != 1)
            return makeError(cacheerr::DuplicateKey, QStringLiteral("an idempotency key is already queued"));
        item.seq = insert.lastInsertId().toLongLong();
        out.append(std::move(item));
    }
    if (Status st = tx.commit(); !st)
        return st.error();
    return out;
}

Result<OutboxItem> LocalCache::insertSingle(OutboxItem item)
{
    QSqlQuery &q = statement(QStringLiteral("INSERT INTO outbox (key, kind, school_id, payload, attachment, state, "
                                            "created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)"));
    q.bindValue(0, item.key);
    q.bindValue(1, kindName(item.kind));
    q.bindValue(2, item.schoolId);
    q.bindValue(
        3, item.payload.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(sealJson(item.payload)));
    q.bindValue(4, blobOrNull(item.attachment.isEmpty() ? QByteArray() : seal(item.attachment)));
    q.bindValue(5, msSinceEpoch(item.createdAt));
    if (Status st = run(q); !st)
        return st.error();
    item.seq = q.lastInsertId().toLongLong();
    return item;
}

Result<OutboxItem> LocalCache::queueReport(
    qint64 schoolId, const proto::ReportSnapshot &snapshot, const QStringList &covers)
{
    Transaction tx(*this);
    if (Status st = tx.begin(); !st)
        return st.error();
    QSqlQuery &q = statement(QStringLiteral("SELECT ") + kItemColumns
        + QStringLiteral(" FROM outbox WHERE school_id = ? AND kind = 'report' AND state = 'pending' "
                         "ORDER BY seq LIMIT 1"));
    q.bindValue(0, schoolId);
    if (Status st = run(q); !st)
        return st.error();
    if (q.next()) {
        Result<OutboxItem> existing = readItem(q);
        q.finish();
        // Once sent, the server may hold it under that key: it stays as it is. Before that, it is replaced.
        if (!existing || existing->attempts > 0)
            return existing;
        QSqlQuery &drop = statement(QStringLiteral("DELETE FROM outbox WHERE key = ?"));
        drop.bindValue(0, existing->key);
        if (Status st = run(drop); !st)
            return st.error();
        drop.finish();
    } else {
        q.finish();
    }
    OutboxItem item;
    item.key = randomKey();
    item.kind = OutboxItem::Kind::Report;
    item.schoolId = schoolId;
    item.payload = QJsonObject{{QStringLiteral("snapshot"), snapshot.toJson()},
        {QStringLiteral("covers"), QJsonArray::fromStringList(covers)}};
    item.createdAt = now();
    Result<OutboxItem> inserted = insertSingle(std::move(item));
    if (!inserted)
        return inserted;
    if (Status st = tx.commit(); !st)
        return st.error();
    return inserted;
}

Result<proto::ReportSnapshot> LocalCache::pendingSnapshot(qint64 schoolId, QStringList *keys) const
{
    const auto pending = outbox(schoolId, OutboxItem::State::Pending);
    if (!pending)
        return pending.error();
    // Per person, in queue order: the version the first decision was based on, moved on by each decision after it
    // (one version each), and the last verdict; a revert last takes the person out.
    struct Person
    {
        qint64 version = 0;
        Verdict verdict = Verdict::Approve;
    };
    QList<qint64> order;
    QHash<qint64, Person> people;
    for (const OutboxItem &item : pending.value()) {
        if (item.kind != OutboxItem::Kind::Decision)
            continue;
        auto it = people.find(item.memberId);
        if (it == people.end()) {
            order.append(item.memberId);
            it = people.insert(item.memberId, Person{item.baseVersion, item.verdict});
        }
        it->version += 1;
        it->verdict = item.verdict;
        if (keys)
            keys->append(item.key);
    }
    proto::ReportSnapshot out;
    for (qint64 id : std::as_const(order)) {
        const Person &p = people.value(id);
        if (p.verdict != Verdict::Revert)
            out.lines.append({id, p.verdict, p.version});
    }
    return out;
}

Result<OutboxItem> LocalCache::queueDirector(
    qint64 schoolId, const QJsonObject &submission, const QByteArray &attachment)
{
    Transaction tx(*this);
    if (Status st = tx.begin(); !st)
        return st.error();
    OutboxItem item;
    item.key = randomKey();
    item.kind = OutboxItem::Kind::Director;
    item.schoolId = schoolId;
    item.payload = submission;
    item.attachment = attachment;
    item.createdAt = now();
    Result<OutboxItem> inserted = insertSingle(std::move(item));
    if (!inserted)
        return inserted;
    if (Status st = tx.commit(); !st)
        return st.error();
    return inserted;
}

Result<OutboxItem> LocalCache::readItem(const QSqlQuery &q) const
{
    const auto corrupt = [] {
        return makeError(cacheerr::Corrupt, QStringLiteral("a cached outbox item is not valid"));
    };
    OutboxItem item;
    item.seq = q.value(0).toLongLong();
    item.key = q.value(1).toString();
    const std::optional<OutboxItem::Kind> kind = kindFromName(q.value(2).toString());
    if (!kind)
        return corrupt();
    item.kind = *kind;
    item.schoolId = q.value(3).toLongLong();
    item.memberId = q.value(4).toLongLong();
    if (item.kind == OutboxItem::Kind::Decision) {
        const std::optional<Verdict> verdict = verdictFromString(q.value(5).toString());
        if (!verdict)
            return corrupt();
        item.verdict = *verdict;
    }
    item.baseVersion = q.value(6).toLongLong();
    if (!q.value(7).isNull()) {
        Result<QByteArray> reason = m_crypto.open(q.value(7).toByteArray());
        if (!reason)
            return reason.error();
        item.reason = QString::fromUtf8(reason.value());
    }
    if (!q.value(8).isNull()) {
        Result<QJsonObject> payload = openJson(q.value(8).toByteArray());
        if (!payload)
            return payload.error();
        item.payload = std::move(payload).value();
    }
    if (!q.value(9).isNull()) {
        Result<QByteArray> attachment = m_crypto.open(q.value(9).toByteArray());
        if (!attachment)
            return attachment.error();
        item.attachment = std::move(attachment).value();
    }
    const std::optional<OutboxItem::State> state = stateFromName(q.value(10).toString());
    if (!state)
        return corrupt();
    item.state = *state;
    item.problemCode = q.value(11).toString();
    if (!q.value(12).isNull()) {
        Result<QByteArray> message = m_crypto.open(q.value(12).toByteArray());
        if (!message)
            return message.error();
        // The sealed JSON form {"message", "other"} when the answer told who changed the person; plain text
        // otherwise (and in items stored before the details were kept).
        QJsonParseError error;
        const QJsonDocument doc =
            message.value().startsWith('{') ? QJsonDocument::fromJson(message.value(), &error) : QJsonDocument();
        if (doc.isObject() && doc.object().value(QStringLiteral("other")).isObject()) {
            item.problemMessage = doc.object().value(QStringLiteral("message")).toString();
            Result<proto::OtherDecision> other =
                proto::OtherDecision::fromJson(doc.object().value(QStringLiteral("other")).toObject());
            if (!other)
                return corrupt();
            item.problemOther = std::move(other).value();
        } else {
            item.problemMessage = QString::fromUtf8(message.value());
        }
        sodium_memzero(message.value().data(), size_t(message.value().size()));
    }
    item.attempts = q.value(13).toInt();
    item.createdAt = fromMs(q.value(14).toLongLong());
    return item;
}

Result<QList<OutboxItem>> LocalCache::outbox(
    qint64 schoolId, std::optional<OutboxItem::State> state, int limit, qint64 afterSeq) const
{
    QSqlQuery &q = state
        ? statement(QStringLiteral("SELECT ") + kItemColumns
            + QStringLiteral(" FROM outbox WHERE school_id = ? AND state = ? AND seq > ? ORDER BY seq LIMIT ?"))
        : statement(QStringLiteral("SELECT ") + kItemColumns
            + QStringLiteral(" FROM outbox WHERE school_id = ? AND seq > ? ORDER BY seq LIMIT ?"));
    int i = 0;
    q.bindValue(i++, schoolId);
    if (state)
        q.bindValue(i++, stateName(*state));
    q.bindValue(i++, afterSeq);
    q.bindValue(i++, limit < 0 ? -1 : limit);
    return readItems(q);
}

Result<QList<OutboxItem>> LocalCache::readItems(QSqlQuery &q) const
{
    if (Status st = run(q); !st)
        return st.error();
    QList<OutboxItem> out;
    while (q.next()) {
        Result<OutboxItem> item = readItem(q);
        if (!item) {
            q.finish();
            return item.error();
        }
        out.append(std::move(item).value());
    }
    q.finish();
    return out;
}

Result<QList<OutboxItem>> LocalCache::outboxOfKind(
    qint64 schoolId, OutboxItem::Kind kind, OutboxItem::State state) const
{
    QSqlQuery &q = statement(QStringLiteral("SELECT ") + kItemColumns
        + QStringLiteral(" FROM outbox WHERE school_id = ? AND kind = ? AND state = ? ORDER BY seq"));
    q.bindValue(0, schoolId);
    q.bindValue(1, toString(kind));
    q.bindValue(2, stateName(state));
    return readItems(q);
}

Result<QSet<qint64>> LocalCache::waitingMembers(qint64 schoolId) const
{
    QSqlQuery &q = statement(QStringLiteral(
        "SELECT DISTINCT member_id FROM outbox WHERE school_id = ? AND state = 'pending' AND kind = 'decision'"));
    q.bindValue(0, schoolId);
    if (Status st = run(q); !st)
        return st.error();
    QSet<qint64> out;
    while (q.next())
        out.insert(q.value(0).toLongLong());
    q.finish();
    return out;
}

Result<std::optional<OutboxItem>> LocalCache::item(const QString &key) const
{
    QSqlQuery &q = statement(QStringLiteral("SELECT ") + kItemColumns + QStringLiteral(" FROM outbox WHERE key = ?"));
    q.bindValue(0, text(key));
    if (Status st = run(q); !st)
        return st.error();
    if (!q.next()) {
        q.finish();
        return std::optional<OutboxItem>();
    }
    Result<OutboxItem> found = readItem(q);
    q.finish();
    if (!found)
        return found.error();
    return std::optional<OutboxItem>(std::move(found).value());
}

int LocalCache::pendingCount(qint64 schoolId) const
{
    QSqlQuery &q = statement(
        QStringLiteral("SELECT count(*) FROM outbox WHERE school_id = ? AND state = 'pending' AND kind = 'decision'"));
    q.bindValue(0, schoolId);
    if (!run(q))
        return 0;
    const int count = q.next() ? q.value(0).toInt() : 0;
    q.finish();
    return count;
}

int LocalCache::itemCount(qint64 schoolId, OutboxItem::State state) const
{
    QSqlQuery &q = statement(QStringLiteral("SELECT count(*) FROM outbox WHERE school_id = ? AND state = ?"));
    q.bindValue(0, schoolId);
    q.bindValue(1, stateName(state));
    if (!run(q))
        return 0;
    const int count = q.next() ? q.value(0).toInt() : 0;
    q.finish();
    return count;
}

Status LocalCache::applyDecisionResults(qint64 schoolId, const QList<proto::DecisionResult> &results)
{
    if (results.isEmpty())
        return Unit{};
    Transaction tx(*this);
    if (Status st = tx.begin(); !st)
        return st;

    // The queued items the results answer, read at once.
    struct Queued
    {
        qint64 seq = 0;
        qint64 memberId = 0;
        std::optional<Verdict> verdict;
        QByteArray sealedReason;
    };
    QHash<QString, Queued> queued;
    {
        QSqlQuery &find = statement(QStringLiteral(
            "SELECT key, seq, member_id, verdict, reason FROM outbox WHERE school_id = ? AND kind = 'decision' "
            "AND key IN (SELECT value FROM json_each(?))"));
        find.bindValue(0, schoolId);
        find.bindValue(1, jsonArrayText(results, [](const proto::DecisionResult &r) { return r.key; }));
        if (Status st = run(find); !st)
            return st;
        while (find.next()) {
            queued.insert(find.value(0).toString(),
                {find.value(1).toLongLong(), find.value(2).toLongLong(), verdictFromString(find.value(3).toString()),
                    find.value(4).toByteArray()});
        }
        find.finish();
    }

    // The cached people they concern, read at once. Their status and version are columns; the sealed record is
    // opened only when the reason it holds must change.
    struct Cached
    {
        QByteArray sealed;
        MemberStatus status = MemberStatus::Pending;
        qint64 version = 0;
        bool hasReason = false; // the sealed record holds a non-empty reason
        std::optional<QString> newReason; // set: the record is sealed again with this reason
        bool changed = false;
    };
    QHash<qint64, Cached> people;
    {
        QSqlQuery &read = statement(QStringLiteral("SELECT id, data, status, version FROM members WHERE school_id = ? "
                                                   "AND id IN (SELECT value FROM json_each(?))"));
        read.bindValue(0, schoolId);
        read.bindValue(1, jsonArrayText(queued, [](const Queued &q) { return q.memberId; }));
        if (Status st = run(read); !st)
            return st;
        while (read.next()) {
            Cached c;
            c.sealed = read.value(1).toByteArray();
            const std::optional<MemberStatus> status = memberStatusFromString(read.value(2).toString());
            if (!status) {
                read.finish();
                return makeError(cacheerr::Corrupt, QStringLiteral("a cached member record is not valid"));
            }
            c.status = *status;
            c.version = read.value(3).toLongLong();
            Result<QByteArray> plain = m_crypto.open(c.sealed);
            if (!plain) {
                read.finish();
                return plain.error();
            }
            // Records are compact JSON: an empty reason is written exactly so (a reason containing these characters
            // would have its quotes escaped).
            c.hasReason = !plain.value().contains(R"("reason":"")");
            sodium_memzero(plain.value().data(), size_t(plain.value().size()));
            people.insert(read.value(0).toLongLong(), std::move(c));
        }
        read.finish();
    }

    QSqlQuery &mark =
        statement(QStringLiteral("UPDATE outbox SET state = ?, problem_code = ?, problem_message = ? WHERE seq = ?"));
    // The server's sentence, sealed; with who changed the person, a sealed {"message", "other"} (see readItem).
    const auto problemMessageColumn = [this](const proto::DecisionResult &r) {
        if (r.other) {
            return QVariant(sealJson(
                QJsonObject{{QStringLiteral("message"), r.message}, {QStringLiteral("other"), r.other->toJson()}}));
        }
        return r.message.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(sealText(r.message));
    };
    JsonWriter done(results.size() * 8);
    qsizetype doneCount = 0;
    done.beginArray();
    for (const proto::DecisionResult &r : results) {
        const auto item = queued.constFind(r.key);
        if (item == queued.cend()) {
            qCDebug(lcCache) << "a decision result names no queued item; ignored";
            continue;
        }
        const bool applied = r.outcome == DecisionOutcome::Applied || r.outcome == DecisionOutcome::Duplicate;
        const bool conflict = r.outcome == DecisionOutcome::Conflict;
        if (applied) {
            done.value(item->seq);
            ++doneCount;
        } else {
            mark.bindValue(0, stateName(conflict ? OutboxItem::State::Conflict : OutboxItem::State::Refused));
            mark.bindValue(1, text(r.code));
            mark.bindValue(2, problemMessageColumn(r));
            mark.bindValue(3, item->seq);
            if (Status st = run(mark); !st)
                return st;
        }

        // The server truth of the member, from the result (never back to an older version).
        if (!(applied || conflict) || !(r.status || r.version > 0))
            continue;
        const auto person = people.find(item->memberId);
        if (person == people.end() || r.version < person->version)
            continue;
        MemberStatus status = person->status;
        if (r.status)
            status = *r.status;
        else if (applied && item->verdict && *item->verdict != Verdict::Revert)
            status = optimisticStatus(*item->verdict);
        const bool hadReason = person->newReason ? !person->newReason->isEmpty() : person->hasReason;
        if (status != MemberStatus::Rejected) {
            if (hadReason)
                person->newReason = QString();
        } else if (applied && item->verdict == Verdict::Reject) {
            // The server keeps the item's reason (none when it had none).
            QString reason;
            if (!item->sealedReason.isEmpty()) {
                Result<QByteArray> plain = m_crypto.open(item->sealedReason);
                if (!plain)
                    return plain.error();
                reason = QString::fromUtf8(plain.value());
            }
            if (hadReason || !reason.isEmpty())
                person->newReason = reason;
        }
        person->status = status;
        if (r.version > 0)
            person->version = r.version;
        person->changed = true;
    }
    done.endArray();

    if (doneCount > 0) {
        QSqlQuery &remove =
            statement(QStringLiteral("DELETE FROM outbox WHERE seq IN (SELECT value FROM json_each(?))"));
        remove.bindValue(0, QString::fromUtf8(done.data()));
        if (Status st = run(remove); !st)
            return st;
    }
    JsonWriter columns(people.size() * 32);
    qsizetype columnCount = 0;
    columns.beginArray();
    QSqlQuery &reseal = statement(
        QStringLiteral("UPDATE members SET status = ?, version = ?, data = ? WHERE school_id = ? AND id = ?"));
    for (auto it = people.begin(); it != people.end(); ++it) {
        if (!it->changed)
            continue;
        if (!it->newReason) {
            columns.beginArray();
            columns.value(it.key());
            columns.value(toString(it->status));
            columns.value(it->version);
            columns.endArray();
            ++columnCount;
            continue;
        }
        Result<QJsonObject> json = openJson(it->sealed);
        if (!json)
            return json.error();
        Result<proto::Member> member = proto::Member::fromJson(json.value());
        if (!member)
            return makeError(cacheerr::Corrupt, QStringLiteral("a cached member record is not valid"));
        proto::Member m = std::move(member).value();
        m.reason = *it->newReason;
        reseal.bindValue(0, toString(it->status));
        reseal.bindValue(1, it->version);
        reseal.bindValue(2, sealMember(m));
        reseal.bindValue(3, schoolId);
        reseal.bindValue(4, it.key());
        if (Status st = run(reseal); !st)
            return st;
    }
    columns.endArray();
    if (columnCount > 0) {
        // Materialised first, so SQLite walks the list and finds each row by its key (joining the other way round
        // would scan the list once per member of the school).
        QSqlQuery &update = statement(QStringLiteral(
            "WITH j AS MATERIALIZED (SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS status, "
            "json_extract(value, '$[2]') AS version FROM json_each(?)) "
            "UPDATE members SET status = j.status, version = j.version FROM j "
            "WHERE members.school_id = ? AND members.id = j.id"));
        update.bindValue(0, QString::fromUtf8(columns.data()));
        update.bindValue(1, schoolId);
        if (Status st = run(update); !st)
            return st;
    }
    return tx.commit();
}

Status LocalCache::deleteItem(const QString &key)
{
    QSqlQuery &remove = statement(QStringLiteral("DELETE FROM outbox WHERE key = ?"));
    remove.bindValue(0, text(key));
    if (Status st = run(remove); !st)
        return st;
    if (remove.numRowsAffected() != 1)
        return makeError(cacheerr::NotFound, QStringLiteral("no outbox item has this key"));
    return Unit{};
}

Status LocalCache::removeItem(const QString &key)
{
    return deleteItem(key);
}

Status LocalCache::discardItem(const QString &key)
{
    return deleteItem(key);
}

Status LocalCache::requeueItem(const QString &key, qint64 newBaseVersion)
{
    if (newBaseVersion < 1)
        return makeError(cacheerr::InvalidArgument, QStringLiteral("a requeued decision needs a version"));
    Transaction tx(*this);
    if (Status st = tx.begin(); !st)
        return st;
    QSqlQuery &find = statement(QStringLiteral("SELECT state FROM outbox WHERE key = ?"));
    find.bindValue(0, text(key));
    if (Status st = run(find); !st)
        return st;
    if (!find.next()) {
        find.finish();
        return makeError(cacheerr::NotFound, QStringLiteral("no outbox item has this key"));
    }
    const bool isConflict = find.value(0).toString() == stateName(OutboxItem::State::Conflict);
    find.finish();
    if (!isConflict)
        return makeError(cacheerr::InvalidState, QStringLiteral("only a conflicting decision can be requeued"));
    // AUTOINCREMENT never hands out a seq at or below the largest one used, so the new seq stays unique.
    // A new idempotency key: the old one has its final answer (the conflict) on the server, which would replay it.
    QSqlQuery &q = statement(QStringLiteral(
        "UPDATE outbox SET seq = (SELECT MAX(seq) FROM outbox) + 1, state = 'pending', base_version = ?, "
        "key = ?, problem_code = '', problem_message = NULL, attempts = 0 WHERE key = ?"));
    q.bindValue(0, newBaseVersion);
    q.bindValue(1, randomKey());
    q.bindValue(2, key);
    if (Status st = run(q); !st)
        return st;
    // Keep AUTOINCREMENT's high-water mark at the new seq, so no later item gets it even if this one is deleted.
    if (Status st = runSql(QStringLiteral("UPDATE sqlite_sequence SET seq = (SELECT MAX(seq) FROM outbox) "
                                          "WHERE name = 'outbox' AND seq < (SELECT MAX(seq) FROM outbox)"));
        !st)
        return st;
    return tx.commit();
}

Status LocalCache::recordAttempt(const QStringList &keys)
{
    if (keys.isEmpty())
        return Unit{};
    Transaction tx(*this);
    if (Status st = tx.begin(); !st)
        return st;
    QSqlQuery &q = statement(
        QStringLiteral("UPDATE outbox SET attempts = attempts + 1 WHERE key IN (SELECT value FROM json_each(?))"));
    q.bindValue(0, jsonArrayText(keys, [](const QString &key) { return key; }));
    if (Status st = run(q); !st)
        return st;
    return tx.commit();
}

Status LocalCache::purgeSyncedBefore(const QDateTime &cutoff)
{
    const qint64 ms = msSinceEpoch(cutoff);
    Transaction tx(*this);
    if (Status st = tx.begin(); !st)
        return st;
    QSqlQuery &cursors = statement(
        QStringLiteral("DELETE FROM cursors WHERE school_id IN (SELECT DISTINCT m.school_id FROM members m WHERE ")
        + kMemberSyncedBefore + QStringLiteral(" AND ") + kNoItemForMember + QStringLiteral(")"));
    cursors.bindValue(0, ms);
    if (Status st = run(cursors); !st)
        return st;
    QSqlQuery &members = statement(QStringLiteral("DELETE FROM members AS m WHERE ") + kMemberSyncedBefore
        + QStringLiteral(" AND ") + kNoItemForMember);
    members.bindValue(0, ms);
    if (Status st = run(members); !st)
        return st;
    QSqlQuery &documents = statement(QStringLiteral("DELETE FROM documents WHERE synced_at < ?"));
    documents.bindValue(0, ms);
    if (Status st = run(documents); !st)
        return st;
    return tx.commit();
}

// ---- Files ---------------------------------------------------------------------------------------------------

Status LocalCache::wipe(const QString &path)
{
    QStringList failed;
    for (const QString &suffix :
        {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")}) {
        const QString name = path + suffix;
        QFile file(name);
        if (!file.exists())
            continue;
        // Overwrite first: the sealed data is useless without the key, but the file should not outlive the wipe.
        if (file.open(QIODevice::ReadWrite)) {
            const QByteArray zeros(64 * 1024, '\0');
            for (qint64 left = file.size(); left > 0; left -= zeros.size())
                file.write(zeros.constData(), std::min<qint64>(left, zeros.size()));
            file.flush();
            file.close();
        }
        if (!file.remove())
            failed.append(QFileInfo(name).fileName());
    }
    if (!failed.isEmpty())
        return makeError(cacheerr::Io, QStringLiteral("cannot remove %1").arg(failed.join(QStringLiteral(", "))));
    return Unit{};
}

} // namespace sg::client
