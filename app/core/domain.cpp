#include "core/domain.h"

#include <array>
#include <utility>

namespace sg {

namespace {

template<typename E, std::size_t N>
QString nameOf(const std::array<std::pair<E, const char *>, N> &table, E value)
{
    for (const auto &[e, name] : table) {
        if (e == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template<typename E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, const char *>, N> &table, const QString &text)
{
    for (const auto &[e, name] : table) {
        if (text == QLatin1String(name))
            return e;
    }
    return std::nullopt;
}

constexpr std::array<std::pair<Role, const char *>, 6> kRoles{{
    {Role::Operator, "operator"},
    {Role::School, "school"},
    {Role::Teacher, "teacher"},
    {Role::ClassTeacher, "class-teacher"},
    {Role::Student, "student"},
    {Role::Parent, "parent"},
}};

constexpr std::array<std::pair<MemberStatus, const char *>, 5> kStatuses{{
    {MemberStatus::Pending, "pending"},
    {MemberStatus::Approved, "approved"},
    {MemberStatus::Rejected, "rejected"},
    {MemberStatus::Graduate, "graduate"},
    {MemberStatus::NotCurrent, "not-current"},
}};

constexpr std::array<std::pair<Verdict, const char *>, 3> kVerdicts{{
    {Verdict::Approve, "approve"},
    {Verdict::Reject, "reject"},
    {Verdict::Revert, "revert"},
}};

constexpr std::array<std::pair<DecisionOutcome, const char *>, 5> kOutcomes{{
    {DecisionOutcome::Applied, "applied"},
    {DecisionOutcome::Duplicate, "duplicate"},
    {DecisionOutcome::Conflict, "conflict"},
    {DecisionOutcome::Forbidden, "forbidden"},
    {DecisionOutcome::Invalid, "invalid"},
}};

} // namespace

QString toString(Role role)
{
    return nameOf(kRoles, role);
}
QString toString(MemberStatus status)
{
    return nameOf(kStatuses, status);
}
QString toString(Verdict verdict)
{
    return nameOf(kVerdicts, verdict);
}
QString toString(DecisionOutcome outcome)
{
    return nameOf(kOutcomes, outcome);
}

std::optional<Role> roleFromString(const QString &text)
{
    return valueOf(kRoles, text);
}
std::optional<MemberStatus> memberStatusFromString(const QString &text)
{
    return valueOf(kStatuses, text);
}
std::optional<Verdict> verdictFromString(const QString &text)
{
    return valueOf(kVerdicts, text);
}
std::optional<DecisionOutcome> decisionOutcomeFromString(const QString &text)
{
    return valueOf(kOutcomes, text);
}

} // namespace sg
