#pragma once

#include "core/clock.h"
#include "core/protocol.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QList>
#include <QSet>

#include <optional>

namespace sg::server {

class AuditLog;
class MemberAccounts;
class Database;

// What the caller may see of a school's members: everything, or only the students of some classes.
struct MemberScope
{
    std::optional<Role> role; // teacher or student; nullopt = both
    std::optional<QSet<qint64>> classIds; // set = only students of these classes
};

// Who decides, and on whom they may decide (checked per item inside the batch).
struct DecisionActor
{
    qint64 userId = 0;
    QString login; // for the audit log
    bool mayDecideTeachers = false;
    bool mayDecideStudents = false;
    std::optional<QSet<qint64>> studentClassIds; // set = only students of these classes
};

struct ReportOutcome
{
    proto::Report report;
    bool replayed = false; // an earlier request with the same key created it
};

// One page of the change feed: the members that changed after a cursor, oldest change first.
struct ChangePage
{
    QList<proto::Member> members; // ordered by change_seq
    qint64 cursor = 0; // the position after this page: what the next request passes as its cursor
    bool more = false; // further changes follow the page: ask again at once with the cursor
    std::optional<proto::School> school; // present when the school itself changed within this page
    int unreportedDecisions = 0;
};

// Schools, classes, members, decisions and reports of the confirmation workflow.
class SchoolStore
{
    Q_DECLARE_TR_FUNCTIONS(sg::server::SchoolStore)

public:
    SchoolStore(Database &db, AuditLog &audit, const Clock &clock);

    std::optional<proto::School> school(qint64 id);
    QList<proto::Member> members(qint64 schoolId, const MemberScope &scope);
    // The classes a teacher (by user account) leads in this school; nullopt if the user is no approved teacher there.
    std::optional<QSet<qint64>> classesOfTeacher(qint64 schoolId, qint64 userId);
    // The person's own record in their school (the latest when there were several), if the account has one.
    std::optional<proto::Membership> membershipOf(qint64 userId);

    // The change feed: the members the scope may see whose change_seq is above `since` (a cursor this server
    // issued; 0 = from the start), at most `limit`, in change order, all read from one snapshot. A cursor above
    // the latest change was never issued here (or the data was restored from an older backup): invalid-cursor, 400.
    Result<ChangePage> changes(qint64 schoolId, const MemberScope &scope, qint64 since, int limit);
    static constexpr int kDefaultChangeLimit = 1000;
    static constexpr int kMaxChangeLimit = 5000;

    // Applies a batch in one transaction. Each item gets its own answer. A key reused with another body fails
    // the whole batch (idempotency-key-reused, 422) and nothing is applied.
    Result<QList<proto::DecisionResult>> applyDecisions(
        qint64 schoolId, const DecisionActor &actor, const QList<proto::DecisionItem> &items);

    // Builds, numbers and stores the report of all decisions not yet reported, if they are exactly the request's
    // snapshot (what its preview showed); otherwise report-changed (409) and nothing is stored, numbered, audited or
    // mailed. Idempotent by key: the same key and snapshot replay the report, another snapshot is 422.
    Result<ReportOutcome> createReport(qint64 schoolId, qint64 actorId, const proto::ReportRequest &request);
    // What the next report would hold (number 0, not stored): the latest unreported decision per person.
    Result<proto::Report> pendingReport(qint64 schoolId);
    QList<proto::Report> reports(qint64 schoolId);
    std::optional<proto::Report> report(qint64 schoolId, qint64 reportId);
    int unreportedCount(qint64 schoolId);

    // Year-end: students of the given grades leave the school. Approved students become graduates, the others
    // are no longer current. Returns how many people changed.
    Result<int> graduate(qint64 schoolId, const QList<int> &grades, qint64 actorId, const QString &actorLogin);
    // Idempotency keys are kept at least 90 days (laptops stay offline over the holidays); this removes older ones.
    int purgeIdempotencyKeys(const QDateTime &olderThan);
    static constexpr int kIdempotencyRetentionDays = 180;

    // Teachers' accounts follow the decisions on them, and rejections are mailed with their report (see
    // MemberAccounts); without it (tools that only read), decisions change no account.
    void setMemberAccounts(MemberAccounts *accounts) { m_accounts = accounts; }

private:
    Database &m_db;
    AuditLog &m_audit;
    const Clock &m_clock;
    MemberAccounts *m_accounts = nullptr;
};

} // namespace sg::server
