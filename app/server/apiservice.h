#pragma once

#include "core/clock.h"
#include "core/protocol.h"
#include "server/router.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace sg::server {

class AccountStore;
class Database;
class SchoolStore;

// The /api/v1 routes: authentication, role checks (deny by default) and translation between HTTP and the stores.
class ApiService
{
    Q_DECLARE_TR_FUNCTIONS(sg::server::ApiService)

public:
    ApiService(Database &db, AccountStore &accounts, SchoolStore &schools, const Clock &clock);

    const Router &router() const { return m_router; }
    HttpResponse handle(const HttpRequest &request) const;

private:
    // What the signed-in user may do in one school.
    struct Access
    {
        bool read = false;
        bool decideTeachers = false;
        bool decideStudents = false;
        bool report = false;
        std::optional<QSet<qint64>> classIds; // teachers: only these classes
    };

    void registerRoutes();
    std::optional<proto::UserInfo> signedIn(
        const HttpRequest &request, HttpResponse *failure, bool allowPendingPasswordChange = false) const;
    Access accessTo(const proto::UserInfo &user, qint64 schoolId) const;
    // Resolves the {id} of a school route for the signed-in user; a failure response when not allowed.
    std::optional<std::pair<proto::UserInfo, Access>> schoolRequest(
        const HttpRequest &request, const QString &idText, qint64 *schoolId, HttpResponse *failure) const;

    HttpResponse health() const;
    HttpResponse login(const HttpRequest &request) const;
    HttpResponse logout(const HttpRequest &request) const;
    HttpResponse me(const HttpRequest &request) const;
    HttpResponse changePassword(const HttpRequest &request) const;
    HttpResponse getSchool(const HttpRequest &request, const QString &id) const;
    HttpResponse listMembers(const HttpRequest &request, const QString &id) const;
    HttpResponse postDecisions(const HttpRequest &request, const QString &id) const;
    HttpResponse postReport(const HttpRequest &request, const QString &id) const;
    HttpResponse listReports(const HttpRequest &request, const QString &id) const;
    HttpResponse getReport(const HttpRequest &request, const QString &id, const QString &reportId) const;

    Database &m_db;
    AccountStore &m_accounts;
    SchoolStore &m_schools;
    const Clock &m_clock;
    Router m_router;
};

} // namespace sg::server
