#include "server/apiservice.h"

#include "core/errorcodes.h"
#include "core/jsonreader.h"
#include "core/jsonwriter.h"
#include "core/passwordpolicy.h"
#include "server/accountstore.h"
#include "server/database.h"
#include "server/schoolstore.h"
#include "server/webpage.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>

Q_LOGGING_CATEGORY(lcApi, "sg.server.api")

namespace sg::server {

ApiService::ApiService(Database &db, AccountStore &accounts, SchoolStore &schools, const Clock &clock)
    : m_db(db)
    , m_accounts(accounts)
    , m_schools(schools)
    , m_clock(clock)
    , m_auth(accounts, schools)
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
    m_router.add("GET", QStringLiteral("/api/v1/schools/{id}/changes"),
        [this](const HttpRequest &r, P p) { return listChanges(r, p[0]); });
    m_router.add("POST", QStringLiteral("/api/v1/schools/{id}/decisions"),
        [this](const HttpRequest &r, P p) { return postDecisions(r, p[0]); });
    m_router.add("POST", QStringLiteral("/api/v1/schools/{id}/reports"),
        [this](const HttpRequest &r, P p) { return postReport(r, p[0]); });
    m_router.add("POST", QStringLiteral("/api/v1/schools/{id}/graduations"),
        [this](const HttpRequest &r, P p) { return postGraduation(r, p[0]); });
    m_router.add("GET", QStringLiteral("/api/v1/schools/{id}/reports"),
        [this](const HttpRequest &r, P p) { return listReports(r, p[0]); });
    // Registered before /reports/{reportId}: the router takes the first pattern that matches.
    m_router.add("GET", QStringLiteral("/api/v1/schools/{id}/reports/preview"),
        [this](const HttpRequest &r, P p) { return previewReport(r, p[0]); });
    m_router.add("GET", QStringLiteral("/api/v1/schools/{id}/reports/{reportId}"),
        [this](const HttpRequest &r, P p) { return getReport(r, p[0], p[1]); });
}

HttpResponse ApiService::withCommonHeaders(HttpResponse response)
{
    response.headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-store")));
    response.headers.append(qMakePair(QByteArray("X-Content-Type-Options"), QByteArray("nosniff")));
    return response;
}

HttpResponse ApiService::handle(const HttpRequest &request) const
{
    HttpResponse response = withCommonHeaders(m_router.dispatch(request));
    if (request.method == "HEAD")
        response.body.clear();
    return response;
}

HttpResponse ApiService::health() const
{
    // The database is probed at most once a second: a load balancer's probes must not cost a query each.
    if (!m_healthProbed.isValid() || m_healthProbed.elapsed() >= kHealthProbeIntervalMs) {
        m_healthy = m_db.isHealthy();
        m_healthProbed.start();
    }
    JsonWriter w(160);
    w.beginObject();
    w.field("status", m_healthy ? QStringLiteral("ok") : QStringLiteral("degraded"));
    w.field("version", QCoreApplication::applicationVersion());
    w.field("schema", m_db.schemaVersion());
    w.field("time", proto::formatTimestamp(m_clock.now()));
    w.endObject();
    return HttpResponse::json(m_healthy ? 200 : 503, w.take());
}

HttpResponse ApiService::login(const HttpRequest &request) const
{
    if (m_passwordSignInDisabled)
        return HttpResponse::problem(403, QString::fromLatin1(errc::PasswordSignInDisabled),
            tr("This server lets people in through Gosuslugi only: use «Войти через Госуслуги»."));
    auto body = parseJsonBody(request);
    if (!body)
        return HttpResponse::problem(body.error());
    auto req = proto::LoginRequest::fromJson(body.value());
    if (!req)
        return HttpResponse::problem(req.error());
    auto user = m_accounts.authenticate(req->login, req->password, request.remoteAddress.toString());
    if (!user)
        return HttpResponse::problem(user.error());
    proto::UserInfo signedIn = user.value();
    signedIn.offlineMaxDays = m_offlineMaxDays;
    auto session = m_accounts.createSession(signedIn);
    if (!session)
        return HttpResponse::problem(session.error());
    return HttpResponse::json(201, session->toJson());
}

HttpResponse ApiService::logout(const HttpRequest &request) const
{
    HttpResponse failure;
    if (!m_auth.signedIn(request, &failure, true))
        return failure;
    m_accounts.revokeSession(request.bearerToken());
    return HttpResponse::noContent();
}

proto::School ApiService::withApplyUrl(proto::School school) const
{
    // The application form's address, when others can reach this server (not a loopback address).
    if (m_publicUrl.isValid() && !m_publicUrl.host().isEmpty() && !QHostAddress(m_publicUrl.host()).isLoopback()
        && m_publicUrl.host() != QLatin1String("localhost")) {
        school.applyUrl =
            publicLink(m_publicUrl, QStringLiteral("/api/v1/apply/%1").arg(school.id)).toString(QUrl::FullyEncoded);
    }
    return school;
}

HttpResponse ApiService::me(const HttpRequest &request) const
{
    HttpResponse failure;
    auto user = m_auth.signedIn(request, &failure, true);
    if (!user)
        return failure;
    proto::UserInfo described = *user;
    described.offlineMaxDays = m_offlineMaxDays;
    QJsonObject o{{QStringLiteral("user"), described.toJson()}};
    if (user->schoolId) {
        if (auto school = m_schools.school(*user->schoolId))
            o.insert(QStringLiteral("school"), withApplyUrl(*school).toJson());
    }
    if (user->role == Role::Student || user->role == Role::Teacher || user->role == Role::ClassTeacher) {
        if (auto membership = m_schools.membershipOf(user->id))
            o.insert(QStringLiteral("membership"), membership->toJson());
    }
    return HttpResponse::json(200, o);
}

HttpResponse ApiService::changePassword(const HttpRequest &request) const
{
    HttpResponse failure;
    auto user = m_auth.signedIn(request, &failure, true);
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
    auto ctx = m_auth.schoolRequest(request, id, &failure);
    if (!ctx)
        return failure;
    const qint64 schoolId = ctx->schoolId;
    auto school = m_schools.school(schoolId);
    if (!school)
        return HttpResponse::problem(Error{QString::fromLatin1(errc::NotFound), tr("There is no such school."), 404});
    return HttpResponse::json(200, withApplyUrl(*school).toJson());
}

HttpResponse ApiService::listMembers(const HttpRequest &request, const QString &id) const
{
    HttpResponse failure;
    auto ctx = m_auth.schoolRequest(request, id, &failure);
    if (!ctx)
        return failure;
    const qint64 schoolId = ctx->schoolId;
    MemberScope scope;
    const QString role = request.query.queryItemValue(QStringLiteral("role"));
    if (role == QLatin1String("teacher"))
        scope.role = Role::Teacher;
    else if (role == QLatin1String("student"))
        scope.role = Role::Student;
    else if (!role.isEmpty())
        return HttpResponse::problem(
            400, QString::fromLatin1(errc::ValidationFailed), tr("role: must be \"teacher\" or \"student\"."));
    if (ctx->access.classIds) {
        if (scope.role == Role::Teacher)
            return Authorizer::forbidden(tr("Teachers see only the students of their classes."));
        scope.role = Role::Student;
        scope.classIds = ctx->access.classIds;
    }
    const QList<proto::Member> members = m_schools.members(schoolId, scope);
    JsonWriter w(members.size() * 256 + 64);
    w.beginObject();
    w.key("items");
    w.beginArray();
    for (const proto::Member &m : members)
        m.writeJson(w);
    w.endArray();
    w.endObject();
    return HttpResponse::json(200, w.take());
}

namespace {

// A non-negative whole number written the one way the server writes it: decimal digits, no sign, no leading zero,
// at most 18 digits. Anything else is nullopt.
std::optional<qint64> parseCanonicalNumber(const QString &text)
{
    if (text.isEmpty() || text.size() > 18 || (text.size() > 1 && text.startsWith(QLatin1Char('0'))))
        return std::nullopt;
    qint64 value = 0;
    for (const QChar c : text) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return std::nullopt;
        value = value * 10 + (c.unicode() - u'0');
    }
    return value;
}

} // namespace

HttpResponse ApiService::listChanges(const HttpRequest &request, const QString &id) const
{
    // Who may ask, and what they see, is exactly GET /members: the same refusals, in the same order, come first.
    HttpResponse failure;
    auto ctx = m_auth.schoolRequest(request, id, &failure);
    if (!ctx)
        return failure;
    const qint64 schoolId = ctx->schoolId;

    qint64 since = 0;
    const QStringList sinceValues = request.query.allQueryItemValues(QStringLiteral("since"), QUrl::FullyDecoded);
    if (sinceValues.size() > 1)
        return HttpResponse::problem(
            400, QString::fromLatin1(errc::InvalidCursor), tr("since: give the sync position once."));
    if (sinceValues.size() == 1) {
        const auto cursor = parseCanonicalNumber(sinceValues.first());
        if (!cursor)
            return HttpResponse::problem(400, QString::fromLatin1(errc::InvalidCursor),
                tr("since: not a sync position this server issued. Synchronise again from the start."));
        since = *cursor;
    }

    int limit = SchoolStore::kDefaultChangeLimit;
    const QStringList limitValues = request.query.allQueryItemValues(QStringLiteral("limit"), QUrl::FullyDecoded);
    if (!limitValues.isEmpty()) {
        const auto n = limitValues.size() == 1 ? parseCanonicalNumber(limitValues.first()) : std::nullopt;
        if (!n || *n < 1 || *n > SchoolStore::kMaxChangeLimit)
            return HttpResponse::problem(400, QString::fromLatin1(errc::ValidationFailed),
                tr("limit: must be a whole number from 1 to %1.").arg(SchoolStore::kMaxChangeLimit));
        limit = int(*n);
    }

    MemberScope scope;
    if (ctx->access.classIds) {
        scope.role = Role::Student;
        scope.classIds = ctx->access.classIds;
    }
    auto page = m_schools.changes(schoolId, scope, since, limit);
    if (!page)
        return HttpResponse::problem(page.error());
    JsonWriter w(page->members.size() * 256 + 512);
    w.beginObject();
    w.key("members");
    w.beginArray();
    for (const proto::Member &m : page->members)
        m.writeJson(w);
    w.endArray();
    w.field("cursor", QString::number(page->cursor));
    w.field("more", page->more);
    w.field("unreportedDecisions", page->unreportedDecisions);
    if (page->school) {
        w.key("school");
        w.rawValue(QJsonDocument(withApplyUrl(*page->school).toJson()).toJson(QJsonDocument::Compact));
    }
    w.endObject();
    return HttpResponse::json(200, w.take());
}

HttpResponse ApiService::postDecisions(const HttpRequest &request, const QString &id) const
{
    HttpResponse failure;
    auto ctx = m_auth.schoolRequest(request, id, &failure);
    if (!ctx)
        return failure;
    const qint64 schoolId = ctx->schoolId;
    const auto &user = ctx->user;
    const auto &access = ctx->access;
    if (!access.decideTeachers && !access.decideStudents)
        return Authorizer::forbidden(tr("You may not confirm people in this school."));
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
    QSet<QString> keys;
    keys.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("items[%1]").arg(i);
        if (!array.at(i).isObject())
            return HttpResponse::problem(
                422, QString::fromLatin1(errc::ValidationFailed), path + tr(": must be an object."));
        auto item = proto::DecisionItem::fromJson(array.at(i).toObject(), path);
        if (!item)
            return HttpResponse::problem(item.error());
        // One key names one decision: a key twice in a batch is a broken request, refused as a whole.
        if (keys.contains(item->key))
            return HttpResponse::problem(422, QString::fromLatin1(errc::ValidationFailed),
                path + tr(".key: the same key appears twice in the batch."));
        keys.insert(item->key);
        items.append(item.value());
    }
    DecisionActor actor;
    actor.userId = user.id;
    actor.login = user.login;
    actor.mayDecideTeachers = access.decideTeachers;
    actor.mayDecideStudents = access.decideStudents;
    actor.studentClassIds = access.classIds;
    auto results = m_schools.applyDecisions(schoolId, actor, items);
    if (!results)
        return HttpResponse::problem(results.error());
    JsonWriter w(results->size() * 160 + 64);
    w.beginObject();
    w.key("results");
    w.beginArray();
    for (const auto &res : results.value())
        res.writeJson(w);
    w.endArray();
    w.field("unreportedDecisions", m_schools.unreportedCount(schoolId));
    w.endObject();
    return HttpResponse::json(200, w.take());
}

HttpResponse ApiService::postReport(const HttpRequest &request, const QString &id) const
{
    HttpResponse failure;
    auto ctx = m_auth.schoolRequest(request, id, &failure);
    if (!ctx)
        return failure;
    const qint64 schoolId = ctx->schoolId;
    if (!ctx->access.report)
        return Authorizer::forbidden(tr("Only the school sends reports."));
    auto body = parseJsonBody(request);
    if (!body)
        return HttpResponse::problem(body.error());
    auto reportRequest = proto::ReportRequest::fromJson(body.value());
    if (!reportRequest)
        return HttpResponse::problem(reportRequest.error());
    auto outcome = m_schools.createReport(schoolId, ctx->user.id, reportRequest.value());
    if (!outcome && outcome.error().code == QLatin1String(errc::ReportChanged)) {
        // The problem carries what the report would hold now, so the client can show it without asking again.
        HttpResponse problem = HttpResponse::problem(outcome.error());
        QJsonObject doc = QJsonDocument::fromJson(problem.body).object();
        if (auto preview = m_schools.pendingReport(schoolId))
            doc.insert(QStringLiteral("preview"), preview->toJson());
        problem.body = QJsonDocument(doc).toJson(QJsonDocument::Compact);
        return problem;
    }
    if (!outcome)
        return HttpResponse::problem(outcome.error());
    return HttpResponse::json(outcome->replayed ? 200 : 201, outcome->report.toJson());
}

HttpResponse ApiService::listReports(const HttpRequest &request, const QString &id) const
{
    HttpResponse failure;
    auto ctx = m_auth.schoolRequest(request, id, &failure);
    if (!ctx)
        return failure;
    const qint64 schoolId = ctx->schoolId;
    if (!ctx->access.report && ctx->user.role != Role::Operator)
        return Authorizer::forbidden(tr("Only the school and the support operator see reports."));
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
    auto ctx = m_auth.schoolRequest(request, id, &failure);
    if (!ctx)
        return failure;
    const qint64 schoolId = ctx->schoolId;
    if (!ctx->access.report && ctx->user.role != Role::Operator)
        return Authorizer::forbidden(tr("Only the school and the support operator see reports."));
    const auto rid = Authorizer::parseId(reportId);
    const auto rep = rid ? m_schools.report(schoolId, *rid) : std::nullopt;
    if (!rep)
        return Authorizer::notFound();
    return HttpResponse::json(200, rep->toJson());
}

HttpResponse ApiService::postGraduation(const HttpRequest &request, const QString &id) const
{
    HttpResponse failure;
    auto ctx = m_auth.schoolRequest(request, id, &failure);
    if (!ctx)
        return failure;
    if (!ctx->access.decideStudents || ctx->access.classIds)
        return Authorizer::forbidden(tr("Only the school moves whole grades to graduates."));
    auto body = parseJsonBody(request);
    if (!body)
        return HttpResponse::problem(body.error());
    JsonReader r(body.value());
    const QJsonArray array = r.requireArray(QStringLiteral("grades"));
    if (auto err = r.finish())
        return HttpResponse::problem(*err);
    QList<int> grades;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue v = array.at(i);
        if (!v.isDouble() || v.toDouble() != double(v.toInt()) || v.toInt() < 1 || v.toInt() > 11)
            return HttpResponse::problem(422, QString::fromLatin1(errc::ValidationFailed),
                QStringLiteral("grades[%1]: ").arg(i) + tr("must be a grade from 1 to 11."));
        grades.append(v.toInt());
    }
    if (grades.isEmpty())
        return HttpResponse::problem(
            422, QString::fromLatin1(errc::ValidationFailed), tr("grades: name at least one grade."));
    auto changed = m_schools.graduate(ctx->schoolId, grades, ctx->user.id, ctx->user.login);
    if (!changed)
        return HttpResponse::problem(changed.error());
    return HttpResponse::json(200, {{QStringLiteral("changed"), changed.value()}});
}

HttpResponse ApiService::previewReport(const HttpRequest &request, const QString &id) const
{
    HttpResponse failure;
    auto ctx = m_auth.schoolRequest(request, id, &failure);
    if (!ctx)
        return failure;
    if (!ctx->access.report)
        return Authorizer::forbidden(tr("Only the school sends reports."));
    auto pending = m_schools.pendingReport(ctx->schoolId);
    if (!pending)
        return HttpResponse::problem(pending.error());
    return HttpResponse::json(200, pending->toJson());
}

} // namespace sg::server
