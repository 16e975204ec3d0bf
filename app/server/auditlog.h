#pragma once

#include "core/clock.h"
#include "core/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlQuery>
#include <QString>

#include <optional>

namespace sg::server {

class Database;

// One entry of the server's audit log: who did what to which record, when, and (minimal, non-secret)
// state before and after. Never put passwords, tokens or other secrets into before/after.
struct AuditEntry
{
    qint64 id = 0; // assigned by append()
    QDateTime at; // UTC, millisecond precision; stamped by append() from the log's Clock
    std::optional<qint64> actorId; // users.id; nullopt for the system or the command line
    QString actor; // login, or "system" (append() fills it in when actorId is empty and actor is empty)
    QString action; // "decision.applied", "director.submitted", "report.created", "session.created", ...
    QString entity; // "member", "school", "report", "user", ...
    QString entityId;
    std::optional<qint64> schoolId;
    QJsonObject before; // stored as compact JSON, or '' when empty
    QJsonObject after;
    QString prevHash; // computed by append()
    QString hash; // computed by append()
};

// The append-only, hash-chained audit log of the server (table audit_log, see schemaSql()).
//
// Chain. Entries get consecutive ids 1, 2, 3, ... (append() assigns max(id) + 1 itself; the PRIMARY KEY
// makes the chain linear: two writers cannot both attach to the same predecessor). Each entry stores the
// hash of its predecessor (prev_hash; the first entry stores the genesis value, 64 '0' characters) and
//     hash = lowercase hex SHA-256 of the canonical serialisation below.
//
// Canonical serialisation (version 1), a byte string:
//     "sg-audit-v1\n" followed by, for each of the 11 fields in this order:
//         prev_hash, id, at, actor_id, actor, action, entity, entity_id, school_id, before, after
//     the field's UTF-8 bytes as a netstring: <decimal byte length> ':' <bytes> ','
// where
//   * text fields (prev_hash, at, actor, action, entity, entity_id, before, after) are the exact stored text,
//     without any normalisation (at is ISO 8601 UTC with milliseconds, "2026-09-01T09:00:00.000Z";
//     before/after are compact JSON from QJsonDocument, keys sorted, or '' for an empty object);
//   * integer fields (id, actor_id, school_id) are in decimal without sign or leading zeros; a NULL
//     actor_id/school_id is the empty string (never ambiguous: a number has at least one digit).
// Example for id 1: "sg-audit-v1\n64:000…000,1:1,24:2026-09-01T09:00:00.000Z,0:,6:system,...".
//
// What verify() detects: any changed field of any entry (including NULL <-> value), a deleted entry
// anywhere but at the end, a deleted first entry, reordered entries (ids are part of the hash), an
// inserted or forged entry (its successor's prev_hash no longer matches, or its own prev_hash does not).
// What it cannot detect, by design of a keyless chain:
//   * deletion of the LAST entries (truncating the tail leaves a valid, shorter chain);
//   * someone with write access to the database who rewrites an entry and recomputes every hash after it.
// Both need an anchor outside this database (for example the last id and hash copied to the system log
// or another machine at intervals) — not provided here.
//
// append() never starts a transaction: inside the caller's open transaction the entry commits or rolls
// back with the change. Outside one, each statement commits on its own; a concurrent append from another
// connection can then claim the same id first, and the PRIMARY KEY rejects ours, which re-reads the head
// and retries (a few times). Purging old entries would break verify() (not supported yet).
//
// One AuditLog per Database (connection, thread); not thread-safe. It keeps prepared queries on the
// connection: destroy it before the Database.
class AuditLog
{
public:
    AuditLog(Database &db, const Clock &clock);
    AuditLog(const AuditLog &) = delete;
    AuditLog &operator=(const AuditLog &) = delete;

    // The CREATE statements of the table, separated by ';' (for the schema migration).
    static QString schemaSql();

    // Appends one entry (entry.id, at, prevHash and hash are ignored and computed here). Runs inside the
    // caller's open transaction when there is one. Returns the new entry's id. One SELECT and one INSERT,
    // both prepared once and reused.
    Result<qint64> append(const AuditEntry &entry);

    // Appends entries in their order, all stamped with the same time. Entries by one actor on one kind of record
    // in one school (a batch of decisions) take one SELECT and one INSERT for the whole list, the rows travelling as
    // one JSON array parameter. Returns the id of the last entry (0 for an empty list). An invalid entry appends
    // none; inside the caller's transaction the list commits or rolls back as a whole.
    Result<qint64> appendAll(const QList<AuditEntry> &entries);

    struct Verification
    {
        bool ok = false;
        qint64 entries = 0; // entries checked (all of them when ok)
        qint64 firstBadId = 0; // 0 when ok or when the storage failed
        QString problem; // English, for administrators and logs; empty when ok
    };
    // Recomputes the whole chain from the first entry.
    Verification verify();

    // Entries with id > afterId in id order, at most limit of them (limit <= 0: none). schoolId set: only
    // that school's entries; nullopt: all entries. Empty on a storage failure (logged).
    QList<AuditEntry> entries(std::optional<qint64> schoolId, qint64 afterId, int limit);

private:
    // The id and prev_hash the next entry gets.
    Result<std::pair<qint64, QString>> head();

    Database &m_db;
    const Clock &m_clock;
    std::optional<QSqlQuery> m_headQuery;
    std::optional<QSqlQuery> m_insertQuery;
    std::optional<QSqlQuery> m_insertManyQuery;
};

} // namespace sg::server
