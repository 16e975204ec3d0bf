#pragma once

#include "client/cachecrypto.h"
#include "core/domain.h"
#include "core/protocol.h"
#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>

namespace sg {
class Clock;
}

namespace sg::client {

// A member as the client shows it: the server's record, with the status the user's queued decisions give it.
struct CachedMember
{
    proto::Member member; // server truth, except status and reason: the optimistic ones while decisions wait
    bool pending = false; // a decision on this member waits in the outbox (state Pending)
    bool conflict = false; // a decision on this member came back as a conflict and waits for the user
    std::optional<MemberStatus> serverStatus; // the server's status, set whenever member.status is optimistic
};

// One command waiting to be sent to the server.
struct OutboxItem
{
    enum class Kind { Decision, Report, Director };
    enum class State {
        Pending, // to be sent (in seq order)
        Conflict, // the member changed on the server meanwhile: the user discards or requeues it
        Refused, // forbidden or invalid: never retried; the user discards it
    };

    qint64 seq = 0; // queue order
    QString key; // idempotency key
    Kind kind = Kind::Decision;
    qint64 schoolId = 0;
    qint64 memberId = 0; // decisions only
    Verdict verdict = Verdict::Approve; // decisions only
    QString reason; // decisions only
    qint64 baseVersion = 0; // decisions only: the member version the decision was made on
    QJsonObject payload; // director submissions; reports: {"snapshot": ReportSnapshot, "covers": [decision keys]}
    QByteArray attachment; // director submissions: the order file, if any
    State state = State::Pending;
    QString problemCode; // the server's code for Conflict / Refused
    QString problemMessage; // the server's sentence, kept for the record (the client shows its own text)
    std::optional<proto::OtherDecision> problemOther; // Conflict / Refused: who changed the person, when, from what
    int attempts = 0; // times it was sent without a final answer
    QDateTime createdAt; // UTC

    // The item as a protocol decision (decisions only).
    proto::DecisionItem decisionItem() const;
    // Reports: the snapshot in the payload (nullopt when there is none: queued by a version without snapshots),
    // and the keys of the user's own queued decisions it relies on (a report queued without the server's preview).
    std::optional<proto::ReportSnapshot> reportSnapshot() const;
    QStringList reportCovers() const;
};

QString toString(OutboxItem::Kind kind);
QString toString(OutboxItem::State state);

// The per-account encrypted local cache and outbox of the offline client: one SQLite file (WAL,
// synchronous=FULL, foreign keys, busy timeout, ordered migrations) owned by one connection of this object,
// to be used on the thread that opened it. Personal data (member records, reasons, documents, director
// submissions, attachments, server messages) is stored only sealed with CacheCrypto; ids, school ids, roles,
// statuses, versions, keys, states and timestamps are plain. Every change is one transaction: a call that fails
// leaves the file as it was. Errors carry the codes of cacheerr (cachecrypto.h).
class LocalCache
{
public:
    ~LocalCache();
    LocalCache(const LocalCache &) = delete;
    LocalCache &operator=(const LocalCache &) = delete;

    // Opens the cache at path (creating the file and its folder if needed) with key, and migrates it to the
    // current schema. Fails with "cache-wrong-key" when key is not the key the cache was created with (or has the
    // wrong size), "cache-corrupt" when the file is damaged or is not a SchoolGate cache, "cache-too-new" when a
    // newer program wrote it, "cache-io" when it cannot be read or written. clock (UTC now, for createdAt and
    // document times) must outlive the cache; nullptr means the system clock.
    static Result<std::unique_ptr<LocalCache>> open(
        const QString &path, const QByteArray &key, const Clock *clock = nullptr);

    // A cache that lives in memory only, under a random key: the outbox of a session that keeps nothing on disk
    // (no keychain, "someone else's computer"), so every decision takes the same path. Gone when destroyed.
    static Result<std::unique_ptr<LocalCache>> openInMemory(const Clock *clock = nullptr);
    bool isInMemory() const { return m_path == QLatin1String(kInMemory); }

    // Overwrites with zeros and removes the cache file and its -wal, -shm and -journal files. Succeeds when they
    // do not exist. Close (destroy) the LocalCache on that file first.
    static Status wipe(const QString &path);

    // The schema version of this file, and the one this program writes.
    int schemaVersion() const { return m_schemaVersion; }
    static int latestSchemaVersion();
    QString path() const { return m_path; }

    // ---- Server state ----------------------------------------------------------------------------------------

    // A full snapshot of a school's members as the server sent it at syncedAt: stores each one's server truth;
    // members of that school not in the snapshot are removed unless an outbox item refers to them.
    Status replaceMembers(qint64 schoolId, const QList<proto::Member> &members, const QDateTime &syncedAt);
    // Changes from the server's change feed: upserts the server truth of each changed member, and marks every
    // cached member of the school as current at syncedAt (the feed said nothing else changed).
    Status mergeMembers(qint64 schoolId, const QList<proto::Member> &changed, const QDateTime &syncedAt);
    // The cached members of a school in id order, with the optimistic status of queued decisions applied (the last
    // Pending or Conflict decision on a member gives its status; Refused ones do not count).
    Result<QList<CachedMember>> members(qint64 schoolId) const;
    // The same for these members only (those not cached are left out): what a view reloads after a sync.
    Result<QList<CachedMember>> members(qint64 schoolId, const QList<qint64> &ids) const;

    // Stores a JSON document under a name (the signed-in user, the school, the director card, the reports list);
    // syncedAt defaults to now.
    Status putDocument(const QString &name, const QJsonObject &doc, const QDateTime &syncedAt = {});
    // The document stored under name, or nullopt when there is none.
    Result<std::optional<QJsonObject>> document(const QString &name) const;

    // The change-feed cursor of a school; empty when none is stored (or it cannot be read).
    QString cursor(qint64 schoolId) const;
    // Stores the change-feed cursor of a school (an empty cursor removes it).
    Status setCursor(qint64 schoolId, const QString &cursor);

    // ---- Outbox ----------------------------------------------------------------------------------------------

    // Queues decisions in one transaction: one Pending item per decision, each with item.key or, when empty, a
    // new random key (16 random bytes, base64url), and item.baseVersion or, when 0, the cached member's version.
    // From then on members() shows the member with the optimistic status (Approve -> Approved, Reject -> Rejected
    // with the reason, Revert -> Pending) and pending set. A decision on a member who already has one queued is
    // queued after it (both are sent, in order; the member shows the later one). Fails as a whole with
    // "cache-unknown-member" (baseVersion 0 and the member is not cached), "cache-duplicate-key" (a key already queued
    // or twice in items) or "cache-invalid-argument" (a bad id, key or reason). Returns the queued items in queue
    // order.
    Result<QList<OutboxItem>> queueDecisions(qint64 schoolId, const QList<proto::DecisionItem> &items);
    // Queues sending the school's report with its snapshot (the decisions its preview showed, in the payload). A
    // pending report never sent replaces the one before it; one already sent (attempts > 0) is returned instead, so
    // its key is reused until the server has answered it.
    // covers: the keys of queued decisions the snapshot relies on (pendingSnapshot); if one of them comes back as a
    // conflict or refused, the report is not sent.
    Result<OutboxItem> queueReport(
        qint64 schoolId, const proto::ReportSnapshot &snapshot, const QStringList &covers = {});
    // The snapshot of the report the decisions waiting here would make once applied (each moves its person's
    // version on by one): what a report queued without the server's preview holds. keys (optional) receives the
    // keys of the decisions it relies on.
    Result<proto::ReportSnapshot> pendingSnapshot(qint64 schoolId, QStringList *keys = nullptr) const;
    // Queues the director's data (the submission JSON and an optional order file, both sealed).
    Result<OutboxItem> queueDirector(qint64 schoolId, const QJsonObject &submission, const QByteArray &attachment);

    // The school's outbox items in queue order: those in state (all states when nullopt), at most limit (all
    // when < 0), only those queued after the item with seq afterSeq (all when 0).
    Result<QList<OutboxItem>> outbox(qint64 schoolId,
        std::optional<OutboxItem::State> state = OutboxItem::State::Pending, int limit = -1, qint64 afterSeq = 0) const;
    // The school's items of one kind in one state, in queue order (e.g. the queued report, without reading the
    // decisions).
    Result<QList<OutboxItem>> outboxOfKind(qint64 schoolId, OutboxItem::Kind kind, OutboxItem::State state) const;
    // The people with a decision waiting to be sent (Pending), read without opening any sealed value.
    Result<QSet<qint64>> waitingMembers(qint64 schoolId) const;
    // The item with this key, or nullopt.
    Result<std::optional<OutboxItem>> item(const QString &key) const;
    // Pending decisions of the school (for the report reminder); 0 when it cannot be read.
    int pendingCount(qint64 schoolId) const;
    // Items of the school in this state, of every kind, counted without reading them; 0 when it cannot be read.
    int itemCount(qint64 schoolId, OutboxItem::State state) const;

    // Applies the server's per-item answers to a batch of decisions, in one transaction. Applied / Duplicate: the
    // item is deleted and the member's server truth takes the result's status and version. Conflict: the item
    // becomes Conflict with the code and message, the server truth takes the result's status and version, and the
    // optimistic status stays visible. Forbidden / Invalid: the item becomes Refused (never retried) and the member
    // shows the server truth again. A result whose key is not queued is ignored; a result never moves a member's
    // server truth back to an older version.
    Status applyDecisionResults(qint64 schoolId, const QList<proto::DecisionResult> &results);
    // Deletes a finished item (a report or director submission the server confirmed). "cache-item-not-found" when
    // no item has that key.
    Status removeItem(const QString &key);
    // Drops an item at the user's request (a conflicting or refused decision, or one not sent yet): the item is
    // deleted and its member shows the server truth (or the next queued decision). "cache-item-not-found" when
    // no item has that key.
    Status discardItem(const QString &key);
    // The user insists on a conflicting decision: it becomes Pending again, based on newBaseVersion, with a new
    // idempotency key (the old one has its final answer on the server), and moves to the end of the queue (it is
    // the user's latest word). "cache-invalid-state" unless the item is a Conflict.
    Status requeueItem(const QString &key, qint64 newBaseVersion);
    // Counts one more sending attempt for each of these items (unknown keys are ignored).
    Status recordAttempt(const QStringList &keys);

    // Deletes the members and documents last synced before cutoff, except members an outbox item refers to; the
    // cursor of a school that lost members is dropped too, so the next sync fetches a full snapshot.
    Status purgeSyncedBefore(const QDateTime &cutoff);

    // ---- Tests -----------------------------------------------------------------------------------------------

    // Called before every statement the cache executes (transaction control included); when it returns true the
    // statement is treated as failed: the transaction rolls back and the call fails with "cache-io". An empty
    // function switches it off.
    void setFaultInjector(std::function<bool()> failNext);

private:
    class Transaction;
    static constexpr char kInMemory[] = ":memory:";

    // Marks every member of the school as current at syncedMs (one row, not one per member).
    Status stampSchool(qint64 schoolId, qint64 syncedMs);
    Result<QList<CachedMember>> readMembers(qint64 schoolId, const QList<qint64> *ids) const;

    LocalCache(const QString &path, const QByteArray &key, const Clock *clock);
    Status initialize();
    Status migrate();

    QSqlQuery &statement(const QString &sql) const;
    Status run(QSqlQuery &query) const;
    Status runSql(const QString &sql) const;
    QDateTime now() const;

    QByteArray seal(const QByteArray &plain) const { return m_crypto.seal(plain); }
    QByteArray sealText(const QString &text) const { return m_crypto.seal(text.toUtf8()); }
    QByteArray sealJson(const QJsonObject &json) const;
    QByteArray sealMember(const proto::Member &member) const;
    static QByteArray memberRecord(const proto::Member &member);
    Result<proto::Member> openMember(const QByteArray &sealed, const QString &status, const QVariant &version) const;
    Result<QJsonObject> openJson(const QByteArray &sealed) const;
    Result<OutboxItem> readItem(const QSqlQuery &query) const;
    // Runs a statement that selects kItemColumns and reads every row it gives.
    Result<QList<OutboxItem>> readItems(QSqlQuery &query) const;
    Status upsertMember(qint64 schoolId, const proto::Member &member, qint64 syncedAtMs);
    Status deleteItem(const QString &key);
    Result<OutboxItem> insertSingle(OutboxItem item);

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    CacheCrypto m_crypto;
    const Clock *m_clock;
    int m_schemaVersion = 0;
    std::function<bool()> m_failNext;
    // Prepared statements by their text; QSqlQuery is moved, never copied (its copy is deprecated since Qt 6.2).
    mutable std::unordered_map<QString, QSqlQuery> m_statements;
};

} // namespace sg::client
