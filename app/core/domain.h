#pragma once

#include <QString>

#include <optional>

namespace sg {

// The role of an account or of a school member.
enum class Role {
    Operator, // support operator of the programme
    School, // the school's own account (director or school administrator)
    Teacher,
    ClassTeacher,
    Student,
    Parent,
};

// The confirmation status of a person in a school.
enum class MemberStatus {
    Pending,
    Approved,
    Rejected,
    Graduate,
    NotCurrent, // "no longer current": left the school, replaced, or withdrawn
};

enum class Verdict {
    Approve,
    Reject,
    Revert, // undo one's decision while it is not reported yet: back to the status before it
};

// The answer to one decision item of a batch.
enum class DecisionOutcome {
    Applied,
    Duplicate, // the same idempotency key and body were applied before: the stored answer is replayed
    Conflict, // the member changed since the version the decision was based on
    Forbidden,
    Invalid,
};

QString toString(Role role);
QString toString(MemberStatus status);
QString toString(Verdict verdict);
QString toString(DecisionOutcome outcome);

std::optional<Role> roleFromString(const QString &text);
std::optional<MemberStatus> memberStatusFromString(const QString &text);
std::optional<Verdict> verdictFromString(const QString &text);
std::optional<DecisionOutcome> decisionOutcomeFromString(const QString &text);

} // namespace sg
