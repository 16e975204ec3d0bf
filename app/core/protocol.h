#pragma once

// The JSON protocol of /api/v1, shared by the client and the server. Each DTO has toJson() and a strict
// fromJson() that rejects wrong types and unknown members (see JsonReader).

#include "core/domain.h"
#include "core/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace sg {
class JsonReader;
class JsonWriter;
} // namespace sg

namespace sg::proto {

inline constexpr int kMaxBatchItems = 10000;
inline constexpr int kMaxReasonLength = 500;
inline constexpr int kMaxKeyLength = 64;
inline constexpr int kMaxReportLines = 200000; // a snapshot: far above a school's people

struct LoginRequest
{
    QString login;
    QString password;

    QJsonObject toJson() const;
    static Result<LoginRequest> fromJson(const QJsonObject &json);
};

struct UserInfo
{
    qint64 id = 0;
    QString login;
    Role role = Role::School;
    std::optional<qint64> schoolId;
    QString displayName;
    bool mustChangePassword = false;
    // The longest time (days) a client's offline copy of this account may go without a sync, as the server is set
    // up (minors' personal data); 0: the server did not say (an older server), the client's default applies.
    int offlineMaxDays = 0;

    QJsonObject toJson() const;
    static Result<UserInfo> fromJson(const QJsonObject &json, const QString &path = {});
};

// The signed-in person's own place in the school (GET /api/v1/me, "membership"): what a student or a teacher
// sees of their own record.
struct Membership
{
    Role role = Role::Student;
    MemberStatus status = MemberStatus::Pending;
    QString className; // a student's class
    QString subject; // a teacher's subjects
    QString reason; // why the school rejected the person

    QJsonObject toJson() const;
    static Result<Membership> fromJson(const QJsonObject &json);
};

// An application «Заявка в школу» as the support operator lists it (GET /api/v1/applications).
struct Application
{
    qint64 id = 0;
    qint64 schoolId = 0;
    QString schoolName;
    Role role = Role::Student;
    QString surname;
    QString name;
    QString patronymic;
    QString email;
    QDateTime createdAt;
    QString status; // "unconfirmed" (the e-mail is not confirmed yet) or the person's status
    QString reason;
    std::optional<qint64> memberId;

    QString fullName() const;
    static Result<Application> fromJson(const QJsonObject &json);
};

struct SessionInfo
{
    QString token;
    QDateTime expiresAt;
    UserInfo user;

    QJsonObject toJson() const;
    static Result<SessionInfo> fromJson(const QJsonObject &json);
};

struct Member
{
    qint64 id = 0;
    Role role = Role::Teacher;
    QString surname;
    QString name;
    QString patronymic;
    QString email;
    QString subject; // teachers: what they teach
    QString className; // students: "5А"; teachers: the class they lead, if any
    MemberStatus status = MemberStatus::Pending;
    QString reason; // the reason of a rejection
    qint64 version = 1;
    QDateTime registeredAt;
    QString esiaLevel; // "", "simplified", "standard", "confirmed"

    QString fullName() const;
    QJsonObject toJson() const;
    // The same object written straight into w: what large answers and the client's cache use.
    void writeJson(JsonWriter &w) const;
    QByteArray toJsonBytes() const;
    static Result<Member> fromJson(const QJsonObject &json);
};

struct DecisionItem
{
    QString key; // idempotency key, unique per item
    qint64 memberId = 0;
    Verdict verdict = Verdict::Approve;
    QString reason;
    qint64 baseVersion = 0; // the member version the decision was made on

    QJsonObject toJson() const;
    static Result<DecisionItem> fromJson(const QJsonObject &json, const QString &path = {});
};

// The latest decision on a person, told with a conflict (and with some refusals): who took it, when, and what it
// changed. The person's status after it is the result's status.
struct OtherDecision
{
    QString login;
    Role role = Role::School;
    QDateTime decidedAt;
    MemberStatus previousStatus = MemberStatus::Pending;
    QString reason; // of a rejection

    // The cache's form: {"changedBy": {"login", "role"}, "changedAt", "previousStatus", "reason"?}, the same members
    // a DecisionResult carries.
    QJsonObject toJson() const;
    void writeJson(JsonWriter &w) const; // the members only, into an object w has open
    static Result<OtherDecision> fromJson(const QJsonObject &json);
};

struct DecisionResult
{
    QString key;
    qint64 memberId = 0;
    DecisionOutcome outcome = DecisionOutcome::Applied;
    std::optional<MemberStatus> status; // the member's status after the item (current status on conflict)
    qint64 version = 0; // the member's version after the item
    QString code; // problem code for conflict / forbidden / invalid
    QString message; // for API users, in the server's language; the client writes its own text from code and fields
    std::optional<OtherDecision> other; // conflict / invalid: the decision that made the person what it is now

    QJsonObject toJson() const;
    void writeJson(JsonWriter &w) const; // the same object, written straight into w
    static Result<DecisionResult> fromJson(const QJsonObject &json);
};

struct ReportLine
{
    qint64 memberId = 0;
    QString fullName;
    Role role = Role::Teacher;
    Verdict verdict = Verdict::Approve;
    QString reason;
    QDateTime decidedAt;
    qint64 version = 0; // the person's version with this decision (0: unknown, in reports stored before snapshots)

    QJsonObject toJson() const;
    static Result<ReportLine> fromJson(const QJsonObject &json, const QString &path = {});
};

struct Report
{
    qint64 id = 0;
    qint64 schoolId = 0;
    int number = 0; // 1, 2, 3... per school
    QDateTime createdAt;
    QString createdBy;
    int teachersApproved = 0;
    int teachersRejected = 0;
    int studentsApproved = 0;
    int studentsRejected = 0;
    QList<ReportLine> lines;

    int total() const { return teachersApproved + teachersRejected + studentsApproved + studentsRejected; }
    QJsonObject toJson(bool withLines = true) const;
    static Result<Report> fromJson(const QJsonObject &json);
};

// One decision of a report's snapshot: the person, the verdict and the person's version with it. A (person, version)
// pair names exactly one state of a person, so a snapshot names exactly the decision rows its preview listed: any
// later decision, revert or change of one of them, and any new decision, makes the report differ from it.
struct ReportSnapshotLine
{
    qint64 memberId = 0;
    Verdict verdict = Verdict::Approve; // approve or reject
    qint64 version = 0;

    friend bool operator==(const ReportSnapshotLine &, const ReportSnapshotLine &) = default;
};

// The decisions a report's preview showed. On the wire, compact (a report may hold thousands of people):
// {"approve": [[memberId, version], ...], "reject": [[memberId, version], ...]}.
struct ReportSnapshot
{
    QList<ReportSnapshotLine> lines;

    QJsonObject toJson() const;
    static Result<ReportSnapshot> fromJson(const QJsonObject &json, const QString &path = {});
    // The snapshot of a preview: its lines as (person, verdict, version).
    static ReportSnapshot of(const Report &preview);
    // The same decisions, whatever the order (a person appears at most once in a report).
    bool sameAs(const ReportSnapshot &other) const;
    bool isEmpty() const { return lines.isEmpty(); }
};

// POST /schools/{id}/reports: the idempotency key and the snapshot the report must equal.
struct ReportRequest
{
    QString key;
    std::optional<ReportSnapshot> snapshot; // absent: a client older than snapshots (refused, report-changed)

    QJsonObject toJson() const;
    static Result<ReportRequest> fromJson(const QJsonObject &json);
};

struct School
{
    qint64 id = 0;
    QString inn;
    QString kpp;
    QString ogrn;
    QString name;
    QString shortName;
    QString region;
    QString address;
    QString email;
    QString directorStatus; // "none", "consented", "submitted", "confirmed", "rejected"
    int unreportedDecisions = 0;
    // Where teachers and students apply to this school («Заявка в школу»), when the server is reachable by others
    // (its public address is not a loopback one); empty otherwise.
    QString applyUrl;

    QJsonObject toJson() const;
    static Result<School> fromJson(const QJsonObject &json);
};

// Dates travel as ISO 8601 in UTC with milliseconds.
QString formatTimestamp(const QDateTime &dt);
std::optional<QDateTime> parseTimestamp(const QString &text);
// Reads a timestamp member; "" or absent is no date (an error only when required).
QDateTime readTimestamp(JsonReader &reader, const QString &key, bool required);

} // namespace sg::proto
