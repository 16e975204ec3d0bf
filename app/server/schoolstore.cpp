#include "server/schoolstore.h"

#include "core/errorcodes.h"
#include "core/jsonwriter.h"
#include "server/auditlog.h"
#include "server/crypto.h"
#include "server/database.h"
#include "server/memberaccounts.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlError>

#include <algorithm>

Q_LOGGING_CATEGORY(lcWorkflow, "sg.server.workflow")

namespace sg::server {

namespace {

Error storageError()
{
    return Error{QString::fromLatin1(errc::Internal), QStringLiteral("storage failure"), 500};
}

QString requestHash(const QJsonObject &body)
{
    return crypto::sha256Hex(QJsonDocument(body).toJson(QJsonDocument::Compact));
}

const QString kMemberColumns = QStringLiteral(
    "m.id, m.role, m.surname, m.name, m.patronymic, m.email, m.subject, "
    "CASE WHEN c.id IS NULL THEN '' ELSE c.grade || c.letter END, m.status, m.reason, m.version, m.registered_at, "
    "m.esia_level, m.class_id");

proto::Member readMember(const QSqlQuery &q)
{
    proto::Member m;
    m.id = q.value(0).toLongLong();
    m.role = roleFromString(q.value(1).toString()).value_or(Role::Student);
    m.surname = q.value(2).toString();
    m.name = q.value(3).toString();
    m.patronymic = q.value(4).toString();
    m.email = q.value(5).toString();
    m.subject = q.value(6).toString();
    m.className = q.value(7).toString();
    m.status = memberStatusFromString(q.value(8).toString()).value_or(MemberStatus::Pending);
    m.reason = q.value(9).toString();
    m.version = q.value(10).toLongLong();
    m.registeredAt = proto::parseTimestamp(q.value(11).toString()).value_or(QDateTime());
    m.esiaLevel = q.value(12).toString();
    return m;
}

} // namespace

SchoolStore::SchoolStore(Database &db, AuditLog &audit, const Clock &clock)
    : m_db(db)
    , m_audit(audit)
    , m_clock(clock)
{}

std::optional<proto::School> SchoolStore::school(qint64 id)
{
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT id, inn, kpp, ogrn, name, short_name, region, address, email, "
                                              "director_status FROM schools WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    proto::School s;
    s.id = q.value(0).toLongLong();
    s.inn = q.value(1).toString();
    s.kpp = q.value(2).toString();
    s.ogrn = q.value(3).toString();
    s.name = q.value(4).toString();
    s.shortName = q.value(5).toString();
    s.region = q.value(6).toString();
    s.address = q.value(7).toString();
    s.email = q.value(8).toString();
    s.directorStatus = q.value(9).toString();
    q.finish();
    s.unreportedDecisions = unreportedCount(id);
    return s;
}

QList<proto::Member> SchoolStore::members(qint64 schoolId, const MemberScope &scope)
{
    QString sql =
        QStringLiteral("SELECT %1 FROM members m LEFT JOIN classes c ON c.id = m.class_id WHERE m.school_id = ?")
            .arg(kMemberColumns);
    if (scope.role)
        sql += QStringLiteral(" AND m.role = ?");
    sql += QStringLiteral(" ORDER BY m.id");
    QSqlQuery q = m_db.prepare(sql);
    q.setForwardOnly(true);
    q.addBindValue(schoolId);
    if (scope.role)
        q.addBindValue(toString(*scope.role));
    QList<proto::Member> out;
    if (!q.exec())
        return out;
    while (q.next()) {
        if (scope.classIds) {
            // Restricted callers (teachers) see only students of their classes.
            const QVariant classId = q.value(13);
            if (q.value(1).toString() != QLatin1String("student") || classId.isNull()
                || !scope.classIds->contains(classId.toLongLong()))
                continue;
        }
        out.append(readMember(q));
    }
    return out;
}

std::optional<QSet<qint64>> SchoolStore::classesOfTeacher(qint64 schoolId, qint64 userId)
{
    QSqlQuery q = m_db.prepare(
        QStringLiteral("SELECT id, status FROM members WHERE school_id = ? AND user_id = ? AND role = 'teacher'"));
    q.addBindValue(schoolId);
    q.addBindValue(userId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    if (q.value(1).toString() != QLatin1String("approved"))
        return std::nullopt;
    const qint64 teacherId = q.value(0).toLongLong();
    q.finish();
    QSqlQuery c = m_db.prepare(QStringLiteral("SELECT class_id FROM teacher_classes WHERE teacher_id = ?"));
    c.addBindValue(teacherId);
    QSet<qint64> ids;
    if (c.exec()) {
        while (c.next())
            ids.insert(c.value(0).toLongLong());
    }
    return ids;
}

std::optional<proto::Membership> SchoolStore::membershipOf(qint64 userId)
{
    QSqlQuery q = m_db.prepare(
        QStringLiteral("SELECT m.role, m.status, CASE WHEN c.id IS NULL THEN '' ELSE c.grade || c.letter END, "
                       "m.subject, m.reason "
                       "FROM members m LEFT JOIN classes c ON c.id = m.class_id "
                       "WHERE m.user_id = ? ORDER BY m.id DESC LIMIT 1"));
    q.addBindValue(userId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    proto::Membership m;
    m.role = roleFromString(q.value(0).toString()).value_or(Role::Student);
    m.status = memberStatusFromString(q.value(1).toString()).value_or(MemberStatus::Pending);
    m.className = q.value(2).toString();
    m.subject = q.value(3).toString();
    m.reason = q.value(4).toString();
    return m;
}

Result<ChangePage> SchoolStore::changes(qint64 schoolId, const MemberScope &scope, qint64 since, int limit)
{
    // One read transaction: the counter, the members, the school and the count come from the same snapshot, so a
    // write committed meanwhile (another instance on the same file) is either wholly in this page or wholly after
    // its cursor. See migration 5 for why "change_seq > cursor" loses nothing under SQLite.
    Transaction tx(m_db);
    if (!tx.isActive())
        return storageError();

    QSqlQuery latest = m_db.prepare(QStringLiteral("SELECT value FROM change_counter WHERE id = 1"));
    if (!latest.exec() || !latest.next())
        return storageError();
    const qint64 latestSeq = latest.value(0).toLongLong();
    latest.finish();
    if (since < 0 || since > latestSeq)
        return Error{QString::fromLatin1(errc::InvalidCursor),
            tr("This sync position is unknown to the server. Synchronise again from the start."), 400};

    QSqlQuery schoolSeq = m_db.prepare(QStringLiteral("SELECT change_seq FROM schools WHERE id = ?"));
    schoolSeq.addBindValue(schoolId);
    if (!schoolSeq.exec() || !schoolSeq.next())
        return storageError();
    const qint64 schoolChange = schoolSeq.value(0).toLongLong();
    schoolSeq.finish();

    ChangePage page;
    page.cursor = since;
    const bool noClasses = scope.classIds && scope.classIds->isEmpty();
    if (!noClasses) {
        QString sql = QStringLiteral("SELECT %1, m.change_seq FROM members m LEFT JOIN classes c ON c.id = m.class_id "
                                     "WHERE m.school_id = ? AND m.change_seq > ?")
                          .arg(kMemberColumns);
        QList<qint64> classIds;
        if (scope.classIds) {
            // Restricted callers (teachers) see only students of their classes: filtered here, so LIMIT counts
            // only what the caller may see.
            classIds = QList<qint64>(scope.classIds->cbegin(), scope.classIds->cend());
            std::sort(classIds.begin(), classIds.end());
            QStringList marks;
            for (qsizetype i = 0; i < classIds.size(); ++i)
                marks.append(QStringLiteral("?"));
            sql += QStringLiteral(" AND m.role = 'student' AND m.class_id IN (%1)").arg(marks.join(QLatin1Char(',')));
        } else if (scope.role) {
            sql += QStringLiteral(" AND m.role = ?");
        }
        sql += QStringLiteral(" ORDER BY m.change_seq LIMIT ?");
        QSqlQuery q = m_db.prepare(sql);
        q.setForwardOnly(true);
        q.addBindValue(schoolId);
        q.addBindValue(since);
        if (scope.classIds) {
            for (qint64 id : std::as_const(classIds))
                q.addBindValue(id);
        } else if (scope.role) {
            q.addBindValue(toString(*scope.role));
        }
        q.addBindValue(limit + 1); // one more than asked: tells whether more follow
        if (!q.exec())
            return storageError();
        while (q.next()) {
            if (page.members.size() == limit) {
                page.more = true;
                break;
            }
            page.members.append(readMember(q));
            page.cursor = q.value(14).toLongLong();
        }
    }
    // The school travels with the page whose range (since, cursor] holds its change. The last page reaches to the
    // school's change too: every member change after `since` is in it, so the cursor may move up to there.
    if (!page.more && schoolChange > page.cursor)
        page.cursor = schoolChange;
    if (schoolChange > since && schoolChange <= page.cursor) {
        page.school = school(schoolId);
        if (!page.school)
            return storageError();
    }
    page.unreportedDecisions = unreportedCount(schoolId);
    return page;
}

namespace {

// A decision as a conflict's answer tells it, with the status it gave the person.
using ToldDecision = std::pair<proto::OtherDecision, MemberStatus>;

ToldDecision toldDecision(
    const QString &login, Role role, const QDateTime &at, Verdict verdict, const QString &reason, MemberStatus previous)
{
    proto::OtherDecision d;
    d.login = login;
    d.role = role;
    d.decidedAt = at;
    d.previousStatus = previous;
    if (verdict == Verdict::Reject)
        d.reason = reason;
    return {std::move(d), verdict == Verdict::Approve ? MemberStatus::Approved : MemberStatus::Rejected};
}

// The stored decisions on each of these people, latest first (nullopt for a row that cannot be read).
Result<QHash<qint64, QList<std::optional<ToldDecision>>>> storedDecisions(
    Database &db, qint64 schoolId, const QList<qint64> &memberIds)
{
    QSqlQuery q = db.prepare(
        QStringLiteral("SELECT d.member_id, u.login, u.role, d.decided_at, d.verdict, d.reason, d.previous_status "
                       "FROM decisions d JOIN users u ON u.id = d.actor_id "
                       "WHERE d.school_id = ? AND d.member_id %1 ORDER BY d.id DESC")
            .arg(db.inList("bigint")));
    q.setForwardOnly(true);
    q.addBindValue(schoolId);
    q.addBindValue(db.listParam(memberIds, [](qint64 id) { return id; }));
    if (!q.exec())
        return storageError();
    QHash<qint64, QList<std::optional<ToldDecision>>> out;
    while (q.next()) {
        const std::optional<Role> role = roleFromString(q.value(2).toString());
        const std::optional<Verdict> verdict = verdictFromString(q.value(4).toString());
        const std::optional<QDateTime> at = proto::parseTimestamp(q.value(3).toString());
        const std::optional<MemberStatus> previous = memberStatusFromString(q.value(6).toString());
        auto &list = out[q.value(0).toLongLong()];
        if (!role || !verdict || *verdict == Verdict::Revert || !at || !previous)
            list.append(std::nullopt);
        else
            list.append(toldDecision(q.value(1).toString(), *role, *at, *verdict, q.value(5).toString(), *previous));
    }
    return out;
}

} // namespace

// The batch is decided item by item, in order, on the state read once at the start (one SELECT each for the known
// keys, the people and their unreported decisions); the outcome is then written with one statement per table, the
// rows travelling as a JSON array parameter. Items of one batch see each other's effects exactly as if each were
// written before the next was decided.
Result<QList<proto::DecisionResult>> SchoolStore::applyDecisions(
    qint64 schoolId, const DecisionActor &actor, const QList<proto::DecisionItem> &items)
{
    const QString scope = QStringLiteral("decision:%1").arg(schoolId);
    const QString now = proto::formatTimestamp(m_clock.now());
    const qint64 createdAt = m_clock.now().toSecsSinceEpoch();

    Transaction tx(m_db);
    if (!tx.isActive())
        return storageError();

    // What the store knows before the batch.
    struct StoredKey
    {
        QString hash;
        QString response;
    };
    QHash<QString, StoredKey> knownKeys;
    {
        QSqlQuery q = m_db.prepare(QStringLiteral("SELECT key, request_hash, response FROM idempotency_keys "
                                                  "WHERE scope = ? AND key %1")
                                       .arg(m_db.inList("text")));
        q.setForwardOnly(true);
        q.addBindValue(scope);
        q.addBindValue(m_db.listParam(items, [](const proto::DecisionItem &i) { return i.key; }));
        if (!q.exec())
            return storageError();
        while (q.next())
            knownKeys.insert(q.value(0).toString(), {q.value(1).toString(), q.value(2).toString()});
    }

    struct PastDecision
    {
        qint64 id = 0; // 0: made in this batch (index into `added`)
        qsizetype added = -1;
        MemberStatus previousStatus = MemberStatus::Pending;
        QString previousReason;
    };
    struct State
    {
        QString role;
        std::optional<MemberStatus> status;
        qint64 version = 0;
        qint64 storedVersion = 0;
        QVariant classId;
        QString reason;
        qint64 changedAt = 0; // 0: unchanged; else the position of its last change in the batch (from 1)
        QList<PastDecision> unreported; // oldest first
        int storedTakenBack = 0; // stored decisions taken back in this batch (the latest ones, in order)
    };
    QHash<qint64, State> people;
    people.reserve(items.size());
    {
        QSqlQuery q = m_db.prepare(QStringLiteral("SELECT id, role, status, version, class_id, reason FROM members "
                                                  "WHERE school_id = ? AND id %1")
                                       .arg(m_db.inList("bigint")));
        q.setForwardOnly(true);
        q.addBindValue(schoolId);
        q.addBindValue(m_db.listParam(items, [](const proto::DecisionItem &i) { return i.memberId; }));
        if (!q.exec())
            return storageError();
        while (q.next()) {
            State st;
            st.role = q.value(1).toString();
            st.status = memberStatusFromString(q.value(2).toString());
            st.version = st.storedVersion = q.value(3).toLongLong();
            st.classId = q.value(4);
            st.reason = q.value(5).toString();
            people.insert(q.value(0).toLongLong(), std::move(st));
        }
    }
    {
        // Only the people someone may take a decision back on need their unreported decisions.
        QList<qint64> reverted;
        for (const proto::DecisionItem &item : items) {
            if (item.verdict == Verdict::Revert && people.contains(item.memberId))
                reverted.append(item.memberId);
        }
        if (!reverted.isEmpty()) {
            QSqlQuery q =
                m_db.prepare(QStringLiteral("SELECT member_id, id, previous_status, previous_reason FROM decisions "
                                            "WHERE school_id = ? AND report_id IS NULL AND member_id %1 ORDER BY id")
                                 .arg(m_db.inList("bigint")));
            q.setForwardOnly(true);
            q.addBindValue(schoolId);
            q.addBindValue(m_db.listParam(reverted, [](qint64 id) { return id; }));
            if (!q.exec())
                return storageError();
            while (q.next()) {
                PastDecision d;
                d.id = q.value(1).toLongLong();
                d.previousStatus = memberStatusFromString(q.value(2).toString()).value_or(MemberStatus::Pending);
                d.previousReason = q.value(3).toString();
                people[q.value(0).toLongLong()].unreported.append(d);
            }
        }
    }

    // Deciding, in order.
    struct NewDecision
    {
        qint64 memberId = 0;
        Verdict verdict = Verdict::Approve;
        QString reason;
        MemberStatus previousStatus = MemberStatus::Pending;
        QString previousReason;
        bool dropped = false; // taken back later in the same batch
    };
    QList<NewDecision> added;
    QList<qint64> deleted;
    QList<AuditEntry> audit;
    struct NewKey
    {
        QString key;
        QString hash;
        proto::DecisionResult result;
    };
    QList<NewKey> newKeys;
    QHash<QString, qsizetype> batchKeys; // key -> index into newKeys
    // Answers that tell the latest decision on the person, as it was when the item was decided: one made earlier in
    // this batch (an index into `added`), or the stored one after `skip` stored ones taken back in this batch.
    struct Explained
    {
        qint64 memberId = 0;
        qsizetype added = -1;
        int skip = 0;
    };
    QHash<QString, Explained> explained;

    const auto auditMemberChange = [&](const QString &action, qint64 memberId, MemberStatus from, MemberStatus to,
                                       qint64 version, const QString &reason = {}) {
        AuditEntry e;
        e.actorId = actor.userId;
        e.actor = actor.login;
        e.action = action;
        e.entity = QStringLiteral("member");
        e.entityId = QString::number(memberId);
        e.schoolId = schoolId;
        e.before = QJsonObject{{QStringLiteral("status"), toString(from)}, {QStringLiteral("version"), version}};
        e.after = QJsonObject{{QStringLiteral("status"), toString(to)}, {QStringLiteral("version"), version + 1}};
        if (!reason.isEmpty())
            e.after.insert(QStringLiteral("reason"), reason);
        audit.append(std::move(e));
    };

    qint64 changes = 0;
    QList<proto::DecisionResult> results;
    results.reserve(items.size());
    for (const proto::DecisionItem &item : items) {
        const QString hash = requestHash(item.toJson());

        const auto mismatch = [&] {
            return Error{QString::fromLatin1(errc::IdempotencyMismatch),
                tr("The idempotency key %1 was already used for a different decision.").arg(item.key), 422};
        };
        if (auto known = knownKeys.constFind(item.key); known != knownKeys.cend()) {
            if (known->hash != hash)
                return mismatch();
            auto stored = proto::DecisionResult::fromJson(QJsonDocument::fromJson(known->response.toUtf8()).object());
            if (!stored)
                return storageError();
            proto::DecisionResult replay = stored.value();
            if (replay.outcome == DecisionOutcome::Applied)
                replay.outcome = DecisionOutcome::Duplicate;
            results.append(replay);
            continue;
        }
        if (auto earlier = batchKeys.constFind(item.key); earlier != batchKeys.cend()) {
            const NewKey &first = newKeys.at(*earlier);
            if (first.hash != hash)
                return mismatch();
            proto::DecisionResult replay = first.result;
            if (replay.outcome == DecisionOutcome::Applied)
                replay.outcome = DecisionOutcome::Duplicate;
            results.append(replay);
            continue;
        }

        proto::DecisionResult r;
        r.key = item.key;
        r.memberId = item.memberId;

        const auto person = people.find(item.memberId);
        const bool found = person != people.end();
        const bool isTeacher = found && person->role == QLatin1String("teacher");
        const bool allowed = found
            && (isTeacher ? actor.mayDecideTeachers
                          : actor.mayDecideStudents
                        && (!actor.studentClassIds
                            || (!person->classId.isNull()
                                && actor.studentClassIds->contains(person->classId.toLongLong()))));

        const auto refuse = [&](DecisionOutcome outcome, const char *code, const QString &message) {
            r.outcome = outcome;
            r.code = QString::fromLatin1(code);
            r.message = message;
            r.status = person->status;
            r.version = person->version;
        };
        if (!found || !allowed) {
            // Another school's ids and people outside one's classes look the same: no information leaks.
            r.outcome = DecisionOutcome::Forbidden;
            r.code = QString::fromLatin1(errc::Forbidden);
            r.message = tr("You may not decide on this person.");
        } else if (item.verdict == Verdict::Reject && item.reason.isEmpty()) {
            refuse(DecisionOutcome::Invalid, errc::ValidationFailed, tr("A rejection needs a reason."));
        } else if (person->status == MemberStatus::Graduate || person->status == MemberStatus::NotCurrent) {
            refuse(DecisionOutcome::Invalid, errc::Conflict, tr("This person is no longer current in the school."));
        } else if (item.baseVersion != person->version) {
            refuse(DecisionOutcome::Conflict, errc::Conflict,
                tr("This person was changed by someone else. Review the current state."));
        } else if (item.verdict == Verdict::Revert) {
            // Only a decision not yet reported can be taken back; the person returns to the status before it.
            if (person->unreported.isEmpty()) {
                refuse(DecisionOutcome::Invalid, errc::Conflict,
                    tr("There is no unreported decision on this person to take back."));
            } else {
                const PastDecision last = person->unreported.takeLast();
                if (last.id) {
                    deleted.append(last.id);
                    ++person->storedTakenBack;
                } else
                    added[last.added].dropped = true;
                const MemberStatus from = *person->status;
                auditMemberChange(
                    QStringLiteral("decision.reverted"), item.memberId, from, last.previousStatus, person->version);
                person->status = last.previousStatus;
                person->reason = last.previousReason;
                person->version += 1;
                person->changedAt = ++changes;
                r.outcome = DecisionOutcome::Applied;
                r.status = person->status;
                r.version = person->version;
            }
        } else {
            const MemberStatus next =
                item.verdict == Verdict::Approve ? MemberStatus::Approved : MemberStatus::Rejected;
            NewDecision d;
            d.memberId = item.memberId;
            d.verdict = item.verdict;
            d.reason = item.reason;
            d.previousStatus = *person->status;
            d.previousReason = person->reason;
            PastDecision past;
            past.added = added.size();
            past.previousStatus = d.previousStatus;
            past.previousReason = d.previousReason;
            person->unreported.append(past);
            added.append(std::move(d));
            auditMemberChange(
                QStringLiteral("decision.applied"), item.memberId, *person->status, next, person->version, item.reason);
            person->status = next;
            person->reason = item.verdict == Verdict::Reject ? item.reason : QString();
            person->version += 1;
            person->changedAt = ++changes;
            r.outcome = DecisionOutcome::Applied;
            r.status = next;
            r.version = person->version;
        }
        // The latest decision explains a conflict, or a refusal on a state the user did not expect: the same in a
        // batch as item by item.
        if (found && allowed
            && (r.outcome == DecisionOutcome::Conflict
                || (r.outcome == DecisionOutcome::Invalid && r.code == QLatin1String(errc::Conflict)))) {
            Explained e;
            e.memberId = item.memberId;
            if (!person->unreported.isEmpty() && person->unreported.constLast().id == 0)
                e.added = person->unreported.constLast().added;
            else
                e.skip = person->storedTakenBack;
            explained.insert(item.key, e);
        }
        batchKeys.insert(item.key, newKeys.size());
        newKeys.append({item.key, hash, r});
        results.append(r);
    }
    if (!explained.isEmpty()) {
        QSet<qint64> stored;
        bool byActor = false;
        for (const Explained &e : std::as_const(explained)) {
            if (e.added < 0)
                stored.insert(e.memberId);
            byActor = byActor || e.added >= 0;
        }
        QHash<qint64, QList<std::optional<ToldDecision>>> history;
        if (!stored.isEmpty()) {
            auto read = storedDecisions(m_db, schoolId, stored.values());
            if (!read)
                return read.error();
            history = std::move(read).value();
        }
        // The actor as the users table names them, for decisions made in this batch.
        std::optional<std::pair<QString, Role>> self;
        if (byActor) {
            QSqlQuery q = m_db.prepare(QStringLiteral("SELECT login, role FROM users WHERE id = ?"));
            q.addBindValue(actor.userId);
            if (!q.exec())
                return storageError();
            if (q.next()) {
                if (const auto role = roleFromString(q.value(1).toString()))
                    self = std::pair(q.value(0).toString(), *role);
            }
        }
        const std::optional<QDateTime> decidedNow = proto::parseTimestamp(now);
        // Told only when that decision is what the person is now (a take-back or the year's end leaves no row).
        const auto explain = [&](proto::DecisionResult &r) {
            const auto e = explained.constFind(r.key);
            if (e == explained.cend() || !r.status)
                return;
            std::optional<ToldDecision> told;
            if (e->added >= 0) {
                const NewDecision &d = added.at(e->added);
                if (self && decidedNow)
                    told = toldDecision(self->first, self->second, *decidedNow, d.verdict, d.reason, d.previousStatus);
            } else if (const auto rows = history.constFind(e->memberId);
                       rows != history.cend() && e->skip < rows->size()) {
                told = rows->at(e->skip);
            }
            if (told && told->second == *r.status)
                r.other = told->first;
        };
        for (proto::DecisionResult &r : results)
            explain(r);
        for (NewKey &k : newKeys)
            explain(k.result);
    }

    // Writing, one statement per table.
    // In the order of their last change: the change feed lists people in the order they changed.
    QList<std::pair<qint64, qint64>> order; // (changedAt, member id)
    for (auto it = people.cbegin(); it != people.cend(); ++it) {
        if (it->changedAt)
            order.append({it->changedAt, it.key()});
    }
    std::sort(order.begin(), order.end());
    // The people's accounts follow their new status. First, so that the feed positions taken below (which the
    // member rows get explicitly) stay in the order of the decisions even when an account is tied to a person.
    if (m_accounts) {
        QList<MemberAccounts::Change> statuses;
        for (const auto &[at, id] : std::as_const(order))
            statuses.append({id, *people[id].status});
        if (auto followed = m_accounts->follow(schoolId, statuses, {actor.userId, actor.login}); !followed)
            return followed.error();
    }
    if (!order.isEmpty()) {
        BatchRows changed(m_db,
            {{QStringLiteral("id"), "bigint"}, {QStringLiteral("status"), "text"}, {QStringLiteral("reason"), "text"},
                {QStringLiteral("version"), "bigint"}, {QStringLiteral("stored"), "bigint"}},
            order.size());
        for (const auto &[at, id] : std::as_const(order)) {
            const State &st = people[id];
            changed.beginRow();
            changed.add(id);
            changed.add(toString(*st.status));
            changed.add(st.reason);
            changed.add(st.version);
            changed.add(st.storedVersion);
            changed.endRow();
        }
        // The change feed's positions for these rows are taken here at once (the trigger would take one per row and
        // write each row twice). The version in the WHERE clause guards against a writer outside this
        // transaction's isolation.
        QSqlQuery counter =
            m_db.prepare(m_db.isPostgres() ? QStringLiteral("SELECT value FROM change_counter WHERE id = 1 FOR UPDATE")
                                           : QStringLiteral("SELECT value FROM change_counter WHERE id = 1"));
        if (!counter.exec() || !counter.next())
            return storageError();
        const qint64 base = counter.value(0).toLongLong();
        counter.finish();
        QSqlQuery q = m_db.prepare(
            QStringLiteral("WITH j AS MATERIALIZED (%1) "
                           "UPDATE members SET status = j.status, reason = j.reason, version = j.version, "
                           "change_seq = ? + j.n FROM j WHERE members.id = j.id AND members.version = j.stored")
                .arg(changed.select()));
        changed.bind(q);
        q.addBindValue(base);
        if (!q.exec() || q.numRowsAffected() != changed.size())
            return storageError();
        QSqlQuery advance = m_db.prepare(QStringLiteral("UPDATE change_counter SET value = ? WHERE id = 1"));
        advance.addBindValue(base + changed.size());
        if (!advance.exec() || advance.numRowsAffected() != 1)
            return storageError();
    }
    if (!deleted.isEmpty()) {
        QSqlQuery q = m_db.prepare(QStringLiteral("DELETE FROM decisions WHERE id %1").arg(m_db.inList("bigint")));
        q.addBindValue(m_db.listParam(deleted, [](qint64 id) { return id; }));
        if (!q.exec() || q.numRowsAffected() != deleted.size())
            return storageError();
    }
    BatchRows decisionRows(m_db,
        {{QStringLiteral("member"), "bigint"}, {QStringLiteral("verdict"), "text"}, {QStringLiteral("reason"), "text"},
            {QStringLiteral("previous"), "text"}, {QStringLiteral("previous_reason"), "text"}},
        added.size());
    for (const NewDecision &d : std::as_const(added)) {
        if (d.dropped)
            continue;
        decisionRows.beginRow();
        decisionRows.add(d.memberId);
        decisionRows.add(toString(d.verdict));
        decisionRows.add(d.reason);
        decisionRows.add(toString(d.previousStatus));
        decisionRows.add(d.previousReason);
        decisionRows.endRow();
    }
    if (decisionRows.size() > 0) {
        QSqlQuery q = m_db.prepare(QStringLiteral(
            "INSERT INTO decisions (school_id, member_id, verdict, reason, actor_id, decided_at, "
            "previous_status, previous_reason) SELECT CAST(? AS BIGINT), j.member, j.verdict, j.reason, "
            "CAST(? AS BIGINT), CAST(? AS TEXT), j.previous, j.previous_reason FROM (%1) AS j ORDER BY j.n")
                                       .arg(decisionRows.select()));
        q.addBindValue(schoolId);
        q.addBindValue(actor.userId);
        q.addBindValue(now);
        decisionRows.bind(q);
        if (!q.exec() || q.numRowsAffected() != decisionRows.size())
            return storageError();
    }
    if (!m_audit.appendAll(audit))
        return storageError();
    if (!newKeys.isEmpty()) {
        BatchRows keyRows(m_db,
            {{QStringLiteral("key"), "text"}, {QStringLiteral("hash"), "text"}, {QStringLiteral("response"), "text"}},
            newKeys.size());
        for (const NewKey &k : std::as_const(newKeys)) {
            keyRows.beginRow();
            keyRows.add(k.key);
            keyRows.add(k.hash);
            JsonWriter response(160);
            k.result.writeJson(response);
            keyRows.add(QString::fromUtf8(response.data()));
            keyRows.endRow();
        }
        QSqlQuery q = m_db.prepare(
            QStringLiteral("INSERT INTO idempotency_keys (key, scope, user_id, request_hash, response, created_at) "
                           "SELECT j.key, CAST(? AS TEXT), CAST(? AS BIGINT), j.hash, j.response, CAST(? AS BIGINT) "
                           "FROM (%1) AS j")
                .arg(keyRows.select()));
        q.addBindValue(scope);
        q.addBindValue(actor.userId);
        q.addBindValue(createdAt);
        keyRows.bind(q);
        if (!q.exec() || q.numRowsAffected() != newKeys.size())
            return storageError();
    }
    if (!tx.commit())
        return storageError();
    return results;
}

int SchoolStore::unreportedCount(qint64 schoolId)
{
    QSqlQuery q = m_db.prepare(
        QStringLiteral("SELECT COUNT(DISTINCT member_id) FROM decisions WHERE school_id = ? AND report_id IS NULL"));
    q.addBindValue(schoolId);
    if (!q.exec() || !q.next())
        return 0;
    return q.value(0).toInt();
}

Result<proto::Report> SchoolStore::pendingReport(qint64 schoolId)
{
    // The latest unreported decision per member (a member decided twice in one round counts once).
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "SELECT d.member_id, m.surname, m.name, m.patronymic, m.role, d.verdict, d.reason, d.decided_at, m.version "
        "FROM decisions d JOIN members m ON m.id = d.member_id "
        "WHERE d.school_id = ? AND d.report_id IS NULL AND d.id = ("
        "  SELECT MAX(d2.id) FROM decisions d2 WHERE d2.member_id = d.member_id AND d2.report_id IS NULL) "
        "ORDER BY m.role DESC, m.surname, m.name"));
    q.setForwardOnly(true);
    q.addBindValue(schoolId);
    if (!q.exec())
        return storageError();

    proto::Report rep;
    rep.schoolId = schoolId;
    rep.createdAt = m_clock.now();
    while (q.next()) {
        proto::ReportLine line;
        line.memberId = q.value(0).toLongLong();
        line.fullName = q.value(1).toString() + QLatin1Char(' ') + q.value(2).toString();
        if (!q.value(3).toString().isEmpty())
            line.fullName += QLatin1Char(' ') + q.value(3).toString();
        line.role = roleFromString(q.value(4).toString()).value_or(Role::Student);
        line.verdict = verdictFromString(q.value(5).toString()).value_or(Verdict::Approve);
        line.reason = q.value(6).toString();
        line.decidedAt = proto::parseTimestamp(q.value(7).toString()).value_or(QDateTime());
        line.version = q.value(8).toLongLong();
        const bool approved = line.verdict == Verdict::Approve;
        if (line.role == Role::Teacher)
            (approved ? rep.teachersApproved : rep.teachersRejected)++;
        else
            (approved ? rep.studentsApproved : rep.studentsRejected)++;
        rep.lines.append(line);
    }
    return rep;
}

Result<ReportOutcome> SchoolStore::createReport(qint64 schoolId, qint64 actorId, const proto::ReportRequest &request)
{
    const QString &key = request.key;
    const QString scope = QStringLiteral("report:%1").arg(schoolId);
    const QString hash = requestHash(request.toJson());
    // Reports created before snapshots stored the hash of the key alone: a retry of one of them still replays.
    const QString keyOnlyHash = requestHash(QJsonObject{{QStringLiteral("key"), key}});

    Transaction tx(m_db);
    if (!tx.isActive())
        return storageError();

    QSqlQuery findKey =
        m_db.prepare(QStringLiteral("SELECT response, request_hash FROM idempotency_keys WHERE scope = ? AND key = ?"));
    findKey.addBindValue(scope);
    findKey.addBindValue(key);
    if (!findKey.exec())
        return storageError();
    if (findKey.next()) {
        const qint64 reportId = findKey.value(0).toLongLong();
        const QString storedHash = findKey.value(1).toString();
        findKey.finish();
        if (storedHash != hash && storedHash != keyOnlyHash)
            return Error{QString::fromLatin1(errc::IdempotencyMismatch),
                tr("This key was already used for a report with other decisions."), 422};
        auto existing = report(schoolId, reportId);
        if (!existing)
            return storageError();
        return ReportOutcome{*existing, true};
    }
    findKey.finish();

    auto pending = pendingReport(schoolId);
    if (!pending)
        return pending.error();
    proto::Report rep = pending.value();
    if (rep.lines.isEmpty())
        return Error{QString::fromLatin1(errc::NothingToReport), tr("There are no new decisions to report."), 409};
    // A report is what its preview showed: exactly these decision rows, or nothing is stored, numbered or sent.
    if (!request.snapshot)
        return Error{QString::fromLatin1(errc::ReportChanged),
            tr("Open the report preview and send the decisions it shows (this program is too old to send them)."), 409};
    if (!proto::ReportSnapshot::of(rep).sameAs(*request.snapshot))
        return Error{QString::fromLatin1(errc::ReportChanged),
            tr("The decisions to report changed after the preview was made. Check the new preview and send again."),
            409};

    QSqlQuery num =
        m_db.prepare(QStringLiteral("SELECT COALESCE(MAX(number), 0) + 1 FROM reports WHERE school_id = ?"));
    num.addBindValue(schoolId);
    if (!num.exec() || !num.next())
        return storageError();
    rep.number = num.value(0).toInt();
    num.finish();

    QSqlQuery who = m_db.prepare(QStringLiteral(
        "SELECT CASE WHEN display_name = '' THEN login ELSE display_name END, login FROM users WHERE id = ?"));
    who.addBindValue(actorId);
    QString actorLogin;
    if (who.exec() && who.next()) {
        rep.createdBy = who.value(0).toString();
        actorLogin = who.value(1).toString();
    }
    who.finish();

    QSqlQuery ins = m_db.prepare(QStringLiteral(
        "INSERT INTO reports (school_id, number, created_at, created_by, body) VALUES (?, ?, ?, ?, ?) RETURNING id"));
    ins.addBindValue(schoolId);
    ins.addBindValue(rep.number);
    ins.addBindValue(proto::formatTimestamp(rep.createdAt));
    ins.addBindValue(actorId);
    ins.addBindValue(text(QString()));
    if (!ins.exec())
        return storageError();
    rep.id = Database::returnedId(ins);
    // The stored body is the report as sent to clients, id included; it never changes afterwards.
    QSqlQuery body = m_db.prepare(QStringLiteral("UPDATE reports SET body = ? WHERE id = ?"));
    body.addBindValue(QString::fromUtf8(QJsonDocument(rep.toJson()).toJson(QJsonDocument::Compact)));
    body.addBindValue(rep.id);
    if (!body.exec())
        return storageError();

    QSqlQuery mark =
        m_db.prepare(QStringLiteral("UPDATE decisions SET report_id = ? WHERE school_id = ? AND report_id IS NULL"));
    mark.addBindValue(rep.id);
    mark.addBindValue(schoolId);
    if (!mark.exec())
        return storageError();
    if (m_accounts) {
        if (auto mailed = m_accounts->mailRejections(schoolId, rep.id); !mailed)
            return mailed.error();
    }

    QSqlQuery storeKey = m_db.prepare(QStringLiteral("INSERT INTO idempotency_keys (key, scope, user_id, request_hash, "
                                                     "response, created_at) VALUES (?, ?, ?, ?, ?, ?)"));
    storeKey.addBindValue(key);
    storeKey.addBindValue(scope);
    storeKey.addBindValue(actorId);
    storeKey.addBindValue(hash);
    storeKey.addBindValue(QString::number(rep.id));
    storeKey.addBindValue(m_clock.now().toSecsSinceEpoch());
    AuditEntry audit;
    audit.actorId = actorId;
    audit.actor = actorLogin;
    audit.action = QStringLiteral("report.created");
    audit.entity = QStringLiteral("report");
    audit.entityId = QString::number(rep.id);
    audit.schoolId = schoolId;
    audit.after = QJsonObject{{QStringLiteral("number"), rep.number}, {QStringLiteral("lines"), rep.lines.size()}};
    if (!m_audit.append(audit))
        return storageError();
    if (!storeKey.exec() || !tx.commit())
        return storageError();
    qCInfo(lcWorkflow) << "school" << schoolId << "report" << rep.number << "with" << rep.lines.size() << "lines";
    return ReportOutcome{rep, false};
}

QList<proto::Report> SchoolStore::reports(qint64 schoolId)
{
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT id, body FROM reports WHERE school_id = ? ORDER BY number DESC"));
    q.addBindValue(schoolId);
    QList<proto::Report> out;
    if (!q.exec())
        return out;
    while (q.next()) {
        auto r = proto::Report::fromJson(QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object());
        if (!r) {
            qCWarning(lcWorkflow) << "stored report" << q.value(0).toLongLong() << "is unreadable";
            continue;
        }
        proto::Report rep = r.value();
        rep.id = q.value(0).toLongLong();
        out.append(rep);
    }
    return out;
}

std::optional<proto::Report> SchoolStore::report(qint64 schoolId, qint64 reportId)
{
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT body FROM reports WHERE school_id = ? AND id = ?"));
    q.addBindValue(schoolId);
    q.addBindValue(reportId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    auto r = proto::Report::fromJson(QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object());
    if (!r)
        return std::nullopt;
    proto::Report rep = r.value();
    rep.id = reportId;
    return rep;
}

Result<int> SchoolStore::graduate(qint64 schoolId, const QList<int> &grades, qint64 actorId, const QString &actorLogin)
{
    if (grades.isEmpty())
        return 0;
    QStringList marks;
    for (qsizetype i = 0; i < grades.size(); ++i)
        marks.append(QStringLiteral("?"));
    Transaction tx(m_db);
    // The students' accounts follow (disabled, their sessions ended): who changes, read first.
    QList<MemberAccounts::Change> changes;
    if (m_accounts) {
        QSqlQuery who = m_db.prepare(QStringLiteral(
            "SELECT id, status FROM members WHERE school_id = ? AND role = 'student' AND user_id IS NOT NULL "
            "AND status IN ('approved', 'pending', 'rejected') "
            "AND class_id IN (SELECT id FROM classes WHERE school_id = ? AND grade IN (%1))")
                                         .arg(marks.join(QLatin1Char(','))));
        who.setForwardOnly(true);
        who.addBindValue(schoolId);
        who.addBindValue(schoolId);
        for (int g : grades)
            who.addBindValue(g);
        if (!who.exec())
            return storageError();
        while (who.next())
            changes.append({who.value(0).toLongLong(),
                who.value(1).toString() == QLatin1String("approved") ? MemberStatus::Graduate
                                                                     : MemberStatus::NotCurrent});
    }
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "UPDATE members SET status = CASE WHEN status = 'approved' THEN 'graduate' ELSE 'not-current' END, "
        "version = version + 1 "
        "WHERE school_id = ? AND role = 'student' AND status IN ('approved', 'pending', 'rejected') "
        "AND class_id IN (SELECT id FROM classes WHERE school_id = ? AND grade IN (%1))")
                                   .arg(marks.join(QLatin1Char(','))));
    q.addBindValue(schoolId);
    q.addBindValue(schoolId);
    for (int g : grades)
        q.addBindValue(g);
    if (!q.exec())
        return storageError();
    const int changed = q.numRowsAffected();
    if (m_accounts) {
        if (auto followed = m_accounts->follow(schoolId, changes, {actorId, actorLogin}); !followed)
            return followed.error();
    }
    AuditEntry e;
    e.actorId = actorId;
    e.actor = actorLogin;
    e.action = QStringLiteral("members.graduated");
    e.entity = QStringLiteral("school");
    e.entityId = QString::number(schoolId);
    e.schoolId = schoolId;
    QJsonArray list;
    for (int g : grades)
        list.append(g);
    e.after = QJsonObject{{QStringLiteral("grades"), list}, {QStringLiteral("changed"), changed}};
    if (!m_audit.append(e) || !tx.commit())
        return storageError();
    qCInfo(lcWorkflow) << "school" << schoolId << "graduated grades" << grades << ":" << changed << "students";
    return changed;
}

int SchoolStore::purgeIdempotencyKeys(const QDateTime &olderThan)
{
    QSqlQuery q = m_db.prepare(QStringLiteral("DELETE FROM idempotency_keys WHERE created_at < ?"));
    q.addBindValue(olderThan.toSecsSinceEpoch());
    if (!q.exec())
        return 0;
    return q.numRowsAffected();
}

} // namespace sg::server
