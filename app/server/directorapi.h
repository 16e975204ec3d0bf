#pragma once

#include "server/httpmessage.h"

#include <QCoreApplication>

namespace sg::server {

class Authorizer;
class DirectorStore;
class Notifier;
class Router;

// Routes of director confirmation and notifications:
//   GET  /api/v1/consent
//   GET  /api/v1/schools/{id}/director                 the status card
//   POST /api/v1/schools/{id}/director/consent         {version}
//   POST /api/v1/schools/{id}/director/submissions     DirectorSubmission (a change carries the order file)
//   GET  /api/v1/schools/{id}/notifications
//   GET  /api/v1/director-requests?status=submitted    the operator's queue
//   GET  /api/v1/director-requests/{id}
//   GET  /api/v1/director-requests/{id}/order          the attached order file itself
//   POST /api/v1/director-requests/{id}/decision       {verdict, reason, baseVersion} (operator)
class DirectorApi
{
    Q_DECLARE_TR_FUNCTIONS(sg::server::DirectorApi)

public:
    DirectorApi(Router &router, const Authorizer &auth, DirectorStore &directors, Notifier &notifier);

private:
    HttpResponse consentText() const;
    HttpResponse card(const HttpRequest &request, const QString &id) const;
    HttpResponse consent(const HttpRequest &request, const QString &id) const;
    HttpResponse submit(const HttpRequest &request, const QString &id) const;
    HttpResponse notifications(const HttpRequest &request, const QString &id) const;
    HttpResponse queue(const HttpRequest &request) const;
    HttpResponse getRequest(const HttpRequest &request, const QString &id) const;
    HttpResponse getOrder(const HttpRequest &request, const QString &id) const;
    HttpResponse decide(const HttpRequest &request, const QString &id) const;
    // The request {id} if the caller is the operator or the school it belongs to.
    std::optional<qint64> visibleRequest(const HttpRequest &request, const QString &id, HttpResponse *failure) const;

    const Authorizer &m_auth;
    DirectorStore &m_directors;
    Notifier &m_notifier;
};

} // namespace sg::server
