#pragma once

#include "core/protocol.h"
#include "server/httpmessage.h"

#include <QCoreApplication>
#include <QSet>

#include <optional>

namespace sg::server {

class AccountStore;
class SchoolStore;

// What the signed-in user may do in one school. Deny by default: every flag starts false.
struct SchoolAccess
{
    bool read = false;
    bool decideTeachers = false;
    bool decideStudents = false;
    bool report = false; // send reports
    bool director = false; // consent and director submissions
    std::optional<QSet<qint64>> classIds; // teachers: only the students of these classes
};

// Authentication (bearer session tokens) and role checks shared by all route groups.
class Authorizer
{
    Q_DECLARE_TR_FUNCTIONS(sg::server::Authorizer)

public:
    struct SchoolContext
    {
        proto::UserInfo user;
        qint64 schoolId = 0;
        SchoolAccess access;
    };

    Authorizer(AccountStore &accounts, SchoolStore &schools);

    // The user behind the request's bearer token; otherwise *failure is the 401 (or 403 while the password
    // must be changed first) to send.
    std::optional<proto::UserInfo> signedIn(
        const HttpRequest &request, HttpResponse *failure, bool allowPendingPasswordChange = false) const;
    SchoolAccess accessTo(const proto::UserInfo &user, qint64 schoolId) const;
    // Resolves a school route's {id}. Another school's id answers exactly like one that does not exist (404).
    std::optional<SchoolContext> schoolRequest(
        const HttpRequest &request, const QString &idText, HttpResponse *failure) const;
    // Signed in as the support operator, or *failure.
    std::optional<proto::UserInfo> operatorRequest(const HttpRequest &request, HttpResponse *failure) const;

    static std::optional<qint64> parseId(const QString &text);
    static HttpResponse notFound();
    static HttpResponse forbidden(const QString &detail);

private:
    AccountStore &m_accounts;
    SchoolStore &m_schools;
};

} // namespace sg::server
