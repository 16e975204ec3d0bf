#pragma once

#include "core/clock.h"
#include "core/protocol.h"
#include "server/authorizer.h"
#include "server/router.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QString>
#include <QUrl>

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
    Router &router() { return m_router; }
    const Authorizer &authorizer() const { return m_auth; }
    HttpResponse handle(const HttpRequest &request) const;
    // GET /api/v1/health as handle() answers it, without the router (the transport's fast route).
    HttpResponse handleHealth() const { return withCommonHeaders(health()); }
    // "ESIA only": POST /api/v1/session refuses passwords (403 password-sign-in-disabled).
    void setPasswordSignInDisabled(bool disabled) { m_passwordSignInDisabled = disabled; }
    // The longest offline age of a client's copy (days), told to the client with the user (sign-in and /me).
    void setOfflineMaxDays(int days) { m_offlineMaxDays = days; }
    // Where people's browsers reach this server: GET /schools/{id} tells the application form's address from it.
    void setPublicUrl(const QUrl &url) { m_publicUrl = url; }

private:
    void registerRoutes();
    // A school as the API tells it: with the address of its application form (applyUrl) when there is one.
    proto::School withApplyUrl(proto::School school) const;
    static HttpResponse withCommonHeaders(HttpResponse response);

    HttpResponse health() const;
    HttpResponse login(const HttpRequest &request) const;
    HttpResponse logout(const HttpRequest &request) const;
    HttpResponse me(const HttpRequest &request) const;
    HttpResponse changePassword(const HttpRequest &request) const;
    HttpResponse getSchool(const HttpRequest &request, const QString &id) const;
    HttpResponse listMembers(const HttpRequest &request, const QString &id) const;
    HttpResponse listChanges(const HttpRequest &request, const QString &id) const;
    HttpResponse postDecisions(const HttpRequest &request, const QString &id) const;
    HttpResponse postReport(const HttpRequest &request, const QString &id) const;
    HttpResponse postGraduation(const HttpRequest &request, const QString &id) const;
    HttpResponse previewReport(const HttpRequest &request, const QString &id) const;
    HttpResponse listReports(const HttpRequest &request, const QString &id) const;
    HttpResponse getReport(const HttpRequest &request, const QString &id, const QString &reportId) const;

    static constexpr qint64 kHealthProbeIntervalMs = 1000;

    Database &m_db;
    mutable QElapsedTimer m_healthProbed;
    mutable bool m_healthy = false;
    AccountStore &m_accounts;
    SchoolStore &m_schools;
    const Clock &m_clock;
    Authorizer m_auth;
    Router m_router;
    bool m_passwordSignInDisabled = false;
    int m_offlineMaxDays = 30;
    QUrl m_publicUrl;
};

} // namespace sg::server
