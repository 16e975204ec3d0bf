#include "server/directorapi.h"

#include "core/directorprotocol.h"
#include "core/errorcodes.h"
#include "core/jsonreader.h"
#include "server/authorizer.h"
#include "server/consent.h"
#include "server/directorstore.h"
#include "server/notifier.h"
#include "server/router.h"

#include <QJsonArray>

namespace sg::server {

DirectorApi::DirectorApi(Router &router, const Authorizer &auth, DirectorStore &directors, Notifier &notifier)
    : m_auth(auth)
    , m_directors(directors)
    , m_notifier(notifier)
{
    using P = const QStringList &;
    router.add("GET", QStringLiteral("/api/v1/consent"), [this](const HttpRequest &, P) { return consentText(); });
    router.add("GET", QStringLiteral("/api/v1/schools/{id}/director"),
        [this](const HttpRequest &r, P p) { return card(r, p[0]); });
    router.add("POST", QStringLiteral("/api/v1/schools/{id}/director/consent"),
        [this](const HttpRequest &r, P p) { return consent(r, p[0]); });
    router.add("POST", QStringLiteral("/api/v1/schools/{id}/director/submissions"),
        [this](const HttpRequest &r, P p) { return submit(r, p[0]); });
    router.add("GET", QStringLiteral("/api/v1/schools/{id}/notifications"),
        [this](const HttpRequest &r, P p) { return notifications(r, p[0]); });
    router.add(
        "GET", QStringLiteral("/api/v1/director-requests"), [this](const HttpRequest &r, P) { return queue(r); });
    router.add("GET", QStringLiteral("/api/v1/director-requests/{id}"),
        [this](const HttpRequest &r, P p) { return getRequest(r, p[0]); });
    router.add("GET", QStringLiteral("/api/v1/director-requests/{id}/order"),
        [this](const HttpRequest &r, P p) { return getOrder(r, p[0]); });
    router.add("POST", QStringLiteral("/api/v1/director-requests/{id}/decision"),
        [this](const HttpRequest &r, P p) { return decide(r, p[0]); });
}

HttpResponse DirectorApi::consentText() const
{
    return HttpResponse::json(200, currentConsent().toJson());
}

HttpResponse DirectorApi::card(const HttpRequest &request, const QString &id) const
{
    HttpResponse failure;
    auto ctx = m_auth.schoolRequest(request, id, &failure);
    if (!ctx)
        return failure;
    if (!ctx->access.director && ctx->user.role != Role::Operator)
        return Authorizer::forbidden(tr("Only the school and the support operator see the director's status."));
    return HttpResponse::json(200, m_directors.card(ctx->schoolId).toJson());
}

HttpResponse DirectorApi::consent(const HttpRequest &request, const QString &id) const
{
    HttpResponse failure;
    auto ctx = m_auth.schoolRequest(request, id, &failure);
    if (!ctx)
        return failure;
    if (!ctx->access.director)
        return Authorizer::forbidden(tr("Only the school gives this consent."));
    auto body = parseJsonBody(request);
    if (!body)
        return HttpResponse::problem(body.error());
    JsonReader r(body.value());
    const QString version = r.requireString(QStringLiteral("version"), 40);
    if (auto err = r.finish())
        return HttpResponse::problem(*err);
    if (auto st = m_directors.recordConsent(ctx->schoolId, ctx->user.id, ctx->user.login, version); !st)
        return HttpResponse::problem(st.error());
    return HttpResponse::json(201, m_directors.card(ctx->schoolId).toJson());
}

HttpResponse DirectorApi::submit(const HttpRequest &request, const QString &id) const
{
    HttpResponse failure;
    auto ctx = m_auth.schoolRequest(request, id, &failure);
    if (!ctx)
        return failure;
    if (!ctx->access.director)
        return Authorizer::forbidden(tr("Only the school sends the director's data."));
    auto body = parseJsonBody(request);
    if (!body)
        return HttpResponse::problem(body.error());
    auto submission = proto::DirectorSubmission::fromJson(body.value());
    if (!submission)
        return HttpResponse::problem(submission.error());
    auto created = m_directors.submit(ctx->schoolId, ctx->user.id, ctx->user.login, submission.value());
    if (!created)
        return HttpResponse::problem(created.error());
    return HttpResponse::json(201, created->toJson());
}

HttpResponse DirectorApi::notifications(const HttpRequest &request, const QString &id) const
{
    HttpResponse failure;
    auto ctx = m_auth.schoolRequest(request, id, &failure);
    if (!ctx)
        return failure;
    if (!ctx->access.director && ctx->user.role != Role::Operator)
        return Authorizer::forbidden(tr("Only the school sees its notifications."));
    QJsonArray items;
    for (const auto &n : m_notifier.notifications(ctx->schoolId))
        items.append(n.toJson());
    return HttpResponse::json(200, {{QStringLiteral("items"), items}});
}

HttpResponse DirectorApi::queue(const HttpRequest &request) const
{
    HttpResponse failure;
    if (!m_auth.operatorRequest(request, &failure))
        return failure;
    const QString status = request.query.queryItemValue(QStringLiteral("status"));
    if (!status.isEmpty() && status != QLatin1String("submitted") && status != QLatin1String("confirmed")
        && status != QLatin1String("rejected"))
        return HttpResponse::problem(
            400, QString::fromLatin1(errc::ValidationFailed), tr("status: must be submitted, confirmed or rejected."));
    QJsonArray items;
    for (const auto &r : m_directors.requests(status))
        items.append(r.toJson());
    return HttpResponse::json(200, {{QStringLiteral("items"), items}});
}

std::optional<qint64> DirectorApi::visibleRequest(
    const HttpRequest &request, const QString &id, HttpResponse *failure) const
{
    auto user = m_auth.signedIn(request, failure);
    if (!user)
        return std::nullopt;
    const auto rid = Authorizer::parseId(id);
    const auto req = rid ? m_directors.request(*rid) : std::nullopt;
    const bool visible = req && (user->role == Role::Operator || (m_auth.accessTo(*user, req->schoolId).director));
    if (!visible) {
        *failure = Authorizer::notFound();
        return std::nullopt;
    }
    return *rid;
}

HttpResponse DirectorApi::getRequest(const HttpRequest &request, const QString &id) const
{
    HttpResponse failure;
    const auto rid = visibleRequest(request, id, &failure);
    if (!rid)
        return failure;
    return HttpResponse::json(200, m_directors.request(*rid)->toJson());
}

HttpResponse DirectorApi::getOrder(const HttpRequest &request, const QString &id) const
{
    HttpResponse failure;
    const auto rid = visibleRequest(request, id, &failure);
    if (!rid)
        return failure;
    const auto file = m_directors.orderFile(*rid);
    if (!file)
        return Authorizer::notFound();
    HttpResponse r;
    r.status = 200;
    r.contentType = file->contentType.toLatin1();
    r.body = file->data;
    // Always a download, never rendered in a browser tab of the server's origin.
    r.headers.append(qMakePair(QByteArray("Content-Disposition"),
        QByteArray("attachment; filename*=UTF-8''") + QUrl::toPercentEncoding(file->fileName)));
    return r;
}

HttpResponse DirectorApi::decide(const HttpRequest &request, const QString &id) const
{
    HttpResponse failure;
    auto user = m_auth.operatorRequest(request, &failure);
    if (!user)
        return failure;
    const auto rid = Authorizer::parseId(id);
    if (!rid || !m_directors.request(*rid))
        return Authorizer::notFound();
    auto body = parseJsonBody(request);
    if (!body)
        return HttpResponse::problem(body.error());
    JsonReader r(body.value());
    const QString verdict = r.requireString(QStringLiteral("verdict"), 16);
    const QString reason = r.optionalString(QStringLiteral("reason"), 500).value_or(QString());
    const qint64 baseVersion = r.requireInteger(QStringLiteral("baseVersion"), 1, (qint64(1) << 53) - 1);
    if (!r.failed() && verdict != QLatin1String("approve") && verdict != QLatin1String("reject"))
        r.fail(QStringLiteral("verdict"), tr("must be \"approve\" or \"reject\""));
    if (auto err = r.finish())
        return HttpResponse::problem(*err);
    auto decided =
        m_directors.decide(*rid, user->id, user->login, verdict == QLatin1String("approve"), reason, baseVersion);
    if (!decided)
        return HttpResponse::problem(decided.error());
    return HttpResponse::json(200, decided->toJson());
}

} // namespace sg::server
