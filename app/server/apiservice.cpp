#include "server/apiservice.h"

#include "core/errorcodes.h"
#include "core/jsonreader.h"
#include "core/passwordpolicy.h"
#include "server/accountstore.h"
#include "server/database.h"
#include "server/schoolstore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcApi, "sg.server.api")

namespace sg::server {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("sg::server", text);
}

std::optional<qint64> parseId(const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0 || text.size() > 18 || text.startsWith(QLatin1Char('+')))
        return std::nullopt;
    return id;
}

HttpResponse notFound()
{
    return HttpResponse::problem(404, QString::fromLatin1(errc::NotFound), tr("There is no such resource."));
}

HttpResponse forbidden(const QString &detail)
{
    return HttpResponse::problem(403, QString::fromLatin1(errc::Forbidden), detail);
}

} // namespace

ApiService::ApiService(Database &db, AccountStore &accounts, SchoolStore &schools, const Clock &clock)
    : m_db(db)
    , m_accounts(accounts)
    , m_schools(schools)
    , m_clock(clock)
{
    registerRoutes();
}

void ApiService::registerRoutes()
{
    using P = const QStringList &;
    m_router.add("GET", QStringLiteral("/api/v1/health"), [this](const HttpRequest &, P) { return health(); });
    m_router.add("POST", QStringLiteral("/api/v1/session"), [this](const HttpRequest &r, P) { return login(r); });
    m_router.add("DELETE", QStringLiteral("/api/v1/session"), [this](const HttpRequest &r, P) { return logout(r); });
    m_router.add("GET", QStringLiteral("/api/v1/me"), [this](const HttpRequest &r, P) { return me(r); });
    m_router.add(
        "PUT", QStringLiteral("/api/v1/me/password"), [this](const HttpRequest &r, P) { return changePassword(r); });
    m_router.add("GET", QStringLiteral("/api/v1/schools/{id}"),
        [this](const HttpRequest &r, P p) { return getSchool(r, p[0]); });
    m_router.add("GET", QStringLiteral("/api/v1/schools/{id}/members"),
        [this](const HttpRequest &r, P p) { return listMembers(r, p[0]); });
    m_router.add("POST", QStringLiteral("/api/v1/schools/{id}/decisions"),
        [this](const HttpRequest &r, P p) { return postDecisions(r, p[0]); });
    m_router.add("POST", QStringLiteral("/api/v1/schools/{id}/reports"),
        [this](const HttpRequest &r, P p) { return postReport(r, p[0]); });
    m_router.add("GET", QStringLiteral("/api/v1/schools/{id}/reports"),
        [this](const HttpRequest &r, P p) { return listReports(r, p[0]); });
    m_router.add("GET", QStringLiteral("/api/v1/schools/{id}/reports/{reportId}"),
        [this](const HttpRequest &r, P p) { return getReport(r, p[0], p[1]); });
}

HttpResponse ApiService::handle(const HttpRequest &request) const
{
    HttpResponse response = m_router.dispatch(request);
    response.headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-store")));
    response.headers.append(qMakePair(QByteArray("X-Content-Type-Options"), QByteArray("nosniff")));
    if (request.method == "HEAD")
        response.body.clear();
    return response;
}

std::optional<proto::UserInfo> ApiService::signedIn(
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

ApiService::Access ApiService::accessTo(const proto::UserInfo &user, qint64 schoolId) const
{
    Access a;
    switch (user.role) {
    case Role::Operator: a.read = true; break;
    case Role::School:
        if (user.schoolId == schoolId) {
            a.read = a.decideTeachers = a.decideStudents = a.report = true;
        }
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

std::optional<std::pair<proto::UserInfo, ApiService::Access>> ApiService::schoolRequest(
    const HttpRequest &request, const QString &idText, qint64 *schoolId, HttpResponse *failure) const
{
    auto user = signedIn(request, failure);
    if (!user)
        return std::nullopt;
    const auto id = parseId(idText);
    if (!id) {
        *failure = notFound();
        return std::nullopt;
    }
    const Access access = accessTo(*user, *id);
    // Another school's id answers exactly like an id that does not exist.
    if (!access.read || !m_schools.school(*id)) {
        *failure = notFound();
        return std::nullopt;
    }
    *schoolId = *id;
    return std::make_pair(*user, access);
}

HttpResponse ApiService::health() const
{
    const bool dbOk = m_db.isHealthy();
    return HttpResponse::json(dbOk ? 200 : 503,
        {{QStringLiteral("status"), dbOk ? QStringLiteral("ok") : QStringLiteral("degraded")},
            {QStringLiteral("version"), QCoreApplication::applicationVersion()},
            {QStringLiteral("schema"), m_db.schemaVersion()},
            {QStringLiteral("time"), proto::formatTimestamp(m_clock.now())}});
}

HttpResponse ApiService::login(const HttpRequest &request) const
{
    auto body = parseJsonBody(request);
    if (!body)
        return HttpResponse::problem(body.error());
    auto req = proto::LoginRequest::fromJson(body.value());
    if (!req)
        return HttpResponse::problem(req.error());
    auto user = m_accounts.authenticate(req->login, req->password);
    if (!user)
        return HttpResponse::problem(user.error());
    auto session = m_accounts.createSession(user.value());
    if (!session)
        return HttpResponse::problem(session.error());
    return HttpResponse::json(201, session->toJson());
}

HttpResponse ApiService::logout(const HttpRequest &request) const
{
    HttpResponse failure;
    if (!signedIn(request, &failure, true))
        return failure;
    m_accounts.revokeSession(request.bearerToken());
    return HttpResponse::noContent();
}

HttpResponse ApiService::me(const HttpRequest &request) const
{
    HttpResponse failure;
    auto user = signedIn(request, &failure, true);
    if (!user)
        return failure;
    QJsonObject o {{QStringLiteral("user"), user->toJson()}};
    if (user->schoolId) {
        if (auto school = m_schools.school(*user->schoolId))
            o.insert(QStringLiteral("school"), school->toJson());
    }
    return HttpResponse::json(200, o);
}

HttpResponse ApiService::changePassword(const HttpRequest &request) const
{
    HttpResponse failure;
    auto user = signedIn(request, &failure, true);
    if (!user)
        return failure;
    auto body = parseJsonBody(request);
    if (!body)
        return HttpResponse::problem(body.error());
    JsonReader r(body.value());
    const QString current = r.requireString(QStringLiteral("currentPassword"), PasswordPolicy::kMaxLength);
    const QString next = r.requireString(QStringLiteral("newPassword"), PasswordPolicy::kMaxLength * 4);
    if (auto err = r.finish())
        return HttpResponse::problem(*err);
    if (!m_accounts.authenticate(user->login, current))
        return HttpResponse::problem(
            403, QString::fromLatin1(errc::InvalidCredentials), tr("The current password is wrong."));
    auto changed = m_accounts.changePassword(user->id, next, user->login);
    if (!changed)
        return HttpResponse::problem(changed.error());
    // Every other session of the account ends; this one goes on.
    m_accounts.revokeOtherSessions(user->id, request.bearerToken());
    return HttpResponse::noContent();
}

HttpResponse ApiService::getSchool(const HttpRequest &request, const QString &id) const
{
    HttpResponse failure;
    qint64 schoolId = 0;
    if (!schoolRequest(request, id, &schoolId, &failure))
        return failure;
    return HttpResponse::json(200, m_schools.school(schoolId)->toJson());
}

HttpResponse ApiService::listMembers(const HttpRequest &request, const QString &id) const
{
    HttpResponse failure;
    qint64 schoolId = 0;
    auto ctx = schoolRequest(request, id, &schoolId, &failure);
    if (!ctx)
        return failure;
    MemberScope scope;
    const QString role = request.query.queryItemValue(QStringLiteral("role"));
    if (role == QLatin1String("teacher"))
        scope.role = Role::Teacher;
    else if (role == QLatin1String("student"))
        scope.role = Role::Student;
    else if (!role.isEmpty())
        return HttpResponse::problem(
            400, QString::fromLatin1(errc::ValidationFailed), tr("role: must be \"teacher\" or \"student\"."));
    if (ctx->second.classIds) {
        if (scope.role == Role::Teacher)
            return forbidden(tr("Teachers see only the students of their classes."));
        scope.role = Role::Student;
        scope.classIds = ctx->second.classIds;
    }
    QJsonArray items;
    for (const proto::Member &m : m_schools.members(schoolId, scope))
        items.append(m.toJson());
    return HttpResponse::json(200, {{QStringLiteral("items"), items}});
}

HttpResponse ApiService::postDecisions(const HttpRequest &request, const QString &id) const
{
    HttpResponse failure;
    qint64 schoolId = 0;
    auto ctx = schoolRequest(request, id, &schoolId, &failure);
    if (!ctx)
        return failure;
    const auto &[user, access] = *ctx;
    if (!access.decideTeachers && !access.decideStudents)
        return forbidden(tr("You may not confirm people in this school."));
    if (access.decideTeachers && m_schools.school(schoolId)->directorStatus != QLatin1String("confirmed"))
        return HttpResponse::problem(409, QString::fromLatin1(errc::DirectorNotConfirmed),
            tr("Confirm the director first: until then nobody can be confirmed."));

    auto body = parseJsonBody(request);
    if (!body)
        return HttpResponse::problem(body.error());
    JsonReader r(body.value());
    const QJsonArray array = r.requireArray(QStringLiteral("items"));
    if (auto err = r.finish())
        return HttpResponse::problem(*err);
    if (array.isEmpty())
        return HttpResponse::problem(
            422, QString::fromLatin1(errc::ValidationFailed), tr("items: the batch is empty."));
    if (array.size() > proto::kMaxBatchItems)
        return HttpResponse::problem(413, QString::fromLatin1(errc::BatchTooLarge),
            tr("items: at most %1 decisions per batch.").arg(proto::kMaxBatchItems));
    QList<proto::DecisionItem> items;
    items.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("items[%1]").arg(i);
        if (!array.at(i).isObject())
            return HttpResponse::problem(
                422, QString::fromLatin1(errc::ValidationFailed), path + tr(": must be an object."));
        auto item = proto::DecisionItem::fromJson(array.at(i).toObject(), path);
        if (!item)
            return HttpResponse::problem(item.error());
        items.append(item.value());
    }
    DecisionActor actor;
    actor.userId = user.id;
    actor.mayDecideTeachers = access.decideTeachers;
    actor.mayDecideStudents = access.decideStudents;
    actor.studentClassIds = access.classIds;
    auto results = m_schools.applyDecisions(schoolId, actor, items);
    if (!results)
        return HttpResponse::problem(results.error());
    QJsonArray out;
    for (const auto &res : results.value())
        out.append(res.toJson());
    return HttpResponse::json(200,
        {{QStringLiteral("results"), out},
            {QStringLiteral("unreportedDecisions"), m_schools.unreportedCount(schoolId)}});
}

HttpResponse ApiService::postReport(const HttpRequest &request, const QString &id) const
{
    HttpResponse failure;
    qint64 schoolId = 0;
    auto ctx = schoolRequest(request, id, &schoolId, &failure);
    if (!ctx)
        return failure;
    if (!ctx->second.report)
        return forbidden(tr("Only the school sends reports."));
    auto body = parseJsonBody(request);
    if (!body)
        return HttpResponse::problem(body.error());
    JsonReader r(body.value());
    const QString key = r.requireString(QStringLiteral("key"), proto::kMaxKeyLength);
    if (!r.failed() && key.trimmed().size() < 8)
        r.fail(QStringLiteral("key"), tr("must have at least 8 characters"));
    if (auto err = r.finish())
        return HttpResponse::problem(*err);
    auto outcome = m_schools.createReport(schoolId, ctx->first.id, key);
    if (!outcome)
        return HttpResponse::problem(outcome.error());
    return HttpResponse::json(outcome->replayed ? 200 : 201, outcome->report.toJson());
}

HttpResponse ApiService::listReports(const HttpRequest &request, const QString &id) const
{
    HttpResponse failure;
    qint64 schoolId = 0;
    auto ctx = schoolRequest(request, id, &schoolId, &failure);
    if (!ctx)
        return failure;
    if (!ctx->second.report && ctx->first.role != Role::Operator)
        return forbidden(tr("Only the school and the support operator see reports."));
    QJsonArray items;
    for (const proto::Report &rep : m_schools.reports(schoolId))
        items.append(rep.toJson(false));
    return HttpResponse::json(200,
        {{QStringLiteral("items"), items},
            {QStringLiteral("unreportedDecisions"), m_schools.unreportedCount(schoolId)}});
}

HttpResponse ApiService::getReport(const HttpRequest &request, const QString &id, const QString &reportId) const
{
    HttpResponse failure;
    qint64 schoolId = 0;
    auto ctx = schoolRequest(request, id, &schoolId, &failure);
    if (!ctx)
        return failure;
    if (!ctx->second.report && ctx->first.role != Role::Operator)
        return forbidden(tr("Only the school and the support operator see reports."));
    const auto rid = parseId(reportId);
    const auto rep = rid ? m_schools.report(schoolId, *rid) : std::nullopt;
    if (!rep)
        return notFound();
    return HttpResponse::json(200, rep->toJson());
}

} // namespace sg::server
