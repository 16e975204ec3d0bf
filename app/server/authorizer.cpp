#include "server/authorizer.h"

#include "core/errorcodes.h"
#include "server/accountstore.h"
#include "server/schoolstore.h"

namespace sg::server {

Authorizer::Authorizer(AccountStore &accounts, SchoolStore &schools)
    : m_accounts(accounts)
    , m_schools(schools)
{}

std::optional<qint64> Authorizer::parseId(const QString &text)
{
    // Digits only, as the API writes ids: no sign, no leading zero, no space or NUL (QString::toLongLong would
    // skip spaces around the number, and a decoded %00 would end it), at most 18 digits (no overflow).
    if (text.isEmpty() || text.size() > 18 || text.front() == u'0')
        return std::nullopt;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    return text.toLongLong();
}

HttpResponse Authorizer::notFound()
{
    return HttpResponse::problem(404, QString::fromLatin1(errc::NotFound), tr("There is no such resource."));
}

HttpResponse Authorizer::forbidden(const QString &detail)
{
    return HttpResponse::problem(403, QString::fromLatin1(errc::Forbidden), detail);
}

std::optional<proto::UserInfo> Authorizer::signedIn(
    const HttpRequest &request, HttpResponse *failure, bool allowPendingPasswordChange) const
{
    const QString token = request.bearerToken();
    auto user = token.isEmpty() ? std::nullopt : m_accounts.resolveSession(token);
    if (!user) {
        *failure = HttpResponse::problem(401, QString::fromLatin1(errc::Unauthenticated),
            tr("Sign in first: the session is missing or has expired."));
        return std::nullopt;
    }
    if (user->mustChangePassword && !allowPendingPasswordChange) {
        *failure = HttpResponse::problem(
            403, QString::fromLatin1(errc::PasswordChangeRequired), tr("Set a new password before you continue."));
        return std::nullopt;
    }
    return user;
}

SchoolAccess Authorizer::accessTo(const proto::UserInfo &user, qint64 schoolId) const
{
    SchoolAccess a;
    switch (user.role) {
    case Role::Operator: a.read = true; break;
    case Role::School:
        if (user.schoolId == schoolId)
            a.read = a.decideTeachers = a.decideStudents = a.report = a.director = true;
        break;
    case Role::Teacher:
    case Role::ClassTeacher:
        if (user.schoolId == schoolId) {
            if (auto classes = m_schools.classesOfTeacher(schoolId, user.id)) {
                a.read = a.decideStudents = true;
                a.classIds = *classes;
            }
        }
        break;
    case Role::Student:
    case Role::Parent: break;
    }
    return a;
}

std::optional<Authorizer::SchoolContext> Authorizer::schoolRequest(
    const HttpRequest &request, const QString &idText, HttpResponse *failure) const
{
    auto user = signedIn(request, failure);
    if (!user)
        return std::nullopt;
    const auto id = parseId(idText);
    if (!id) {
        *failure = notFound();
        return std::nullopt;
    }
    const SchoolAccess access = accessTo(*user, *id);
    const bool ownSchool = user->schoolId == *id;
    if (!access.read && ownSchool && (user->role == Role::Teacher || user->role == Role::ClassTeacher)) {
        // A teacher of this school whom the school has not confirmed (yet): say so instead of "not found".
        *failure = HttpResponse::problem(403, QString::fromLatin1(errc::TeacherNotApproved),
            tr("The school has not confirmed you as a teacher yet. Once it does, you can "
               "confirm the students of your classes."));
        return std::nullopt;
    }
    if (!access.read || !m_schools.school(*id)) {
        *failure = notFound();
        return std::nullopt;
    }
    return SchoolContext{*user, *id, access};
}

std::optional<proto::UserInfo> Authorizer::operatorRequest(const HttpRequest &request, HttpResponse *failure) const
{
    auto user = signedIn(request, failure);
    if (!user)
        return std::nullopt;
    if (user->role != Role::Operator) {
        *failure = forbidden(tr("Only the support operator may do this."));
        return std::nullopt;
    }
    return user;
}

} // namespace sg::server
