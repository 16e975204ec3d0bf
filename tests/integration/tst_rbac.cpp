// The role × route table: every route the server's router serves, called by every kind of caller with a
// well-formed request, over real HTTP against the demo data. Each row says who is let through and who is refused
// with exactly which status and code. Deny by default is the rule under test:
//   * no token or a garbage token: 401 unauthenticated (public routes excepted);
//   * another school's ids, and school rights the caller's role does not have at all: 404 (zero cross-school
//     access, "your school" answers exactly like "no such school");
//   * a role that may see the school but not do this: 403 forbidden;
//   * a teacher of the school whom the school has not confirmed: 403 teacher-not-approved.
// A route without a row in kRules fails the test, so a new route forces a decision about who may call it.
// No answer is ever 5xx, no refusal carries school data, and the other school never sees a name of school 1.

#include "core/errorcodes.h"
#include "rawhttp.h"
#include "server/accountstore.h"
#include "server/apiservice.h"
#include "server/database.h"
#include "server/directorstore.h"
#include "server/router.h"
#include "server/schoolstore.h"
#include "server/server.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <array>
#include <memory>
#include <optional>

using sg::test::HttpAnswer;
using sg::test::RawHttp;
using sg::test::TestServer;

namespace {

// Who calls. OtherSchool is demo-lyceum (school 2) acting on the ids of the demo school (school 1); the student
// and the parent belong to school 1 but have no school rights at all.
enum class Caller {
    Anonymous,
    GarbageToken,
    Operator,
    School,
    OtherSchool,
    Teacher,
    UnapprovedTeacher,
    Student,
    Parent
};
constexpr int kCallerCount = 9;
constexpr std::array<Caller, kCallerCount> kCallers{Caller::Anonymous, Caller::GarbageToken, Caller::Operator,
    Caller::School, Caller::OtherSchool, Caller::Teacher, Caller::UnapprovedTeacher, Caller::Student, Caller::Parent};

const char *callerName(Caller caller)
{
    switch (caller) {
    case Caller::Anonymous: return "anonymous";
    case Caller::GarbageToken: return "garbage-token";
    case Caller::Operator: return "operator";
    case Caller::School: return "school";
    case Caller::OtherSchool: return "other-school";
    case Caller::Teacher: return "teacher";
    case Caller::UnapprovedTeacher: return "unapproved-teacher";
    case Caller::Student: return "student";
    case Caller::Parent: return "parent";
    }
    return "?";
}

bool hasAccount(Caller caller)
{
    return caller != Caller::Anonymous && caller != Caller::GarbageToken;
}

// What a caller gets. status 0 = allowed: anything but 401/403/404 (and, as every request here is well-formed and
// the data is prepared for it, in fact a 2xx). Otherwise refused with exactly this status and problem code.
struct Outcome
{
    int status;
    const char *code;
};

constexpr Outcome kOk{0, ""};
constexpr Outcome k401{401, sg::errc::Unauthenticated};
constexpr Outcome k403{403, sg::errc::Forbidden};
constexpr Outcome k403NotApproved{403, sg::errc::TeacherNotApproved};
constexpr Outcome k404{404, sg::errc::NotFound};
// Not a matter of who calls: the browser's steps of the sign-in through ESIA ignore bearer tokens (a flow is bound
// to its browser by a cookie). Every caller gets the answer an anonymous one gets, never a 5xx.
constexpr Outcome kPublic{-2, ""};

// Marks a _data row whose route has no rule (the test then fails and says which rule to add).
constexpr int kNoRule = -1;

struct RouteRule
{
    const char *method;
    const char *pattern;
    // In the order of kCallers: anonymous, garbage token, operator, school, other school, teacher, unapproved
    // teacher, student, parent.
    std::array<Outcome, kCallerCount> outcomes;
};

// clang-format off
const RouteRule kRules[] = {
    //                                                          anon  garbage operator school other teacher  unapproved       student parent
    {"GET",    "/api/v1/health",                               {kOk,  kOk,    kOk,     kOk,   kOk,  kOk,    kOk,             kOk,    kOk}},
    {"POST",   "/api/v1/session",                              {kOk,  kOk,    kOk,     kOk,   kOk,  kOk,    kOk,             kOk,    kOk}},
    {"DELETE", "/api/v1/session",                              {k401, k401,   kOk,     kOk,   kOk,  kOk,    kOk,             kOk,    kOk}},
    {"GET",    "/api/v1/me",                                   {k401, k401,   kOk,     kOk,   kOk,  kOk,    kOk,             kOk,    kOk}},
    {"PUT",    "/api/v1/me/password",                          {k401, k401,   kOk,     kOk,   kOk,  kOk,    kOk,             kOk,    kOk}},
    {"GET",    "/api/v1/schools/{id}",                         {k401, k401,   kOk,     kOk,   k404, kOk,    k403NotApproved, k404,   k404}},
    {"GET",    "/api/v1/schools/{id}/members",                 {k401, k401,   kOk,     kOk,   k404, kOk,    k403NotApproved, k404,   k404}},
    {"GET",    "/api/v1/schools/{id}/changes",                 {k401, k401,   kOk,     kOk,   k404, kOk,    k403NotApproved, k404,   k404}},
    {"POST",   "/api/v1/schools/{id}/decisions",               {k401, k401,   k403,    kOk,   k404, kOk,    k403NotApproved, k404,   k404}},
    {"POST",   "/api/v1/schools/{id}/reports",                 {k401, k401,   k403,    kOk,   k404, k403,   k403NotApproved, k404,   k404}},
    {"POST",   "/api/v1/schools/{id}/graduations",             {k401, k401,   k403,    kOk,   k404, k403,   k403NotApproved, k404,   k404}},
    {"GET",    "/api/v1/schools/{id}/reports",                 {k401, k401,   kOk,     kOk,   k404, k403,   k403NotApproved, k404,   k404}},
    {"GET",    "/api/v1/schools/{id}/reports/preview",         {k401, k401,   k403,    kOk,   k404, k403,   k403NotApproved, k404,   k404}},
    {"GET",    "/api/v1/schools/{id}/reports/{reportId}",      {k401, k401,   kOk,     kOk,   k404, k403,   k403NotApproved, k404,   k404}},
    {"GET",    "/api/v1/consent",                              {kOk,  kOk,    kOk,     kOk,   kOk,  kOk,    kOk,             kOk,    kOk}},
    {"GET",    "/api/v1/schools/{id}/director",                {k401, k401,   kOk,     kOk,   k404, k403,   k403NotApproved, k404,   k404}},
    {"POST",   "/api/v1/schools/{id}/director/consent",        {k401, k401,   k403,    kOk,   k404, k403,   k403NotApproved, k404,   k404}},
    {"POST",   "/api/v1/schools/{id}/director/submissions",    {k401, k401,   k403,    kOk,   k404, k403,   k403NotApproved, k404,   k404}},
    {"GET",    "/api/v1/schools/{id}/notifications",           {k401, k401,   kOk,     kOk,   k404, k403,   k403NotApproved, k404,   k404}},
    {"GET",    "/api/v1/director-requests",                    {k401, k401,   kOk,     k403,  k403, k403,   k403,            k403,   k403}},
    {"GET",    "/api/v1/director-requests/{id}",               {k401, k401,   kOk,     kOk,   k404, k404,   k404,            k404,   k404}},
    {"GET",    "/api/v1/director-requests/{id}/order",         {k401, k401,   kOk,     kOk,   k404, k404,   k404,            k404,   k404}},
    {"POST",   "/api/v1/director-requests/{id}/decision",      {k401, k401,   kOk,     k403,  k403, k403,   k403,            k403,   k403}},
    {"GET",    "/api/v1/esia",                                 {kOk,  kOk,    kOk,     kOk,   kOk,  kOk,    kOk,             kOk,    kOk}},
    {"GET",    "/api/v1/esia/authorize",                       {kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic}},
    {"GET",    "/api/v1/esia/callback",                        {kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic}},
    {"GET",    "/api/v1/esia/link",                            {kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic}},
    {"POST",   "/api/v1/esia/link",                            {kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic}},
    {"POST",   "/api/v1/esia/token",                           {kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic}},
    // «Заявка в школу»: pages for people who have no account yet.
    {"GET",    "/api/v1/applications",                         {k401, k401,   kOk,     k403,  k403, k403,   k403,            k403,   k403}},
    {"GET",    "/api/v1/apply",                                {kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic}},
    {"GET",    "/api/v1/apply/status",                         {kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic}},
    {"POST",   "/api/v1/apply/confirm",                        {kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic}},
    {"GET",    "/api/v1/apply/{school}",                       {kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic}},
    {"POST",   "/api/v1/apply/{school}",                       {kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic}},
    // The page a teacher opens from the mailed link: the link's token is the right, not a bearer token.
    {"GET",    "/api/v1/account/password",                            {kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic}},
    {"POST",   "/api/v1/account/password",                            {kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic, kPublic}},
};
// clang-format on

const RouteRule *ruleFor(const QByteArray &method, const QString &pattern)
{
    for (const RouteRule &rule : kRules) {
        if (method == rule.method && pattern == QLatin1String(rule.pattern))
            return &rule;
    }
    return nullptr;
}

QString routeName(const QByteArray &method, const QString &pattern)
{
    return QString::fromLatin1(method) + QLatin1Char(' ') + pattern;
}

// The routes exactly as a freshly opened server registers them (no listening socket, no demo data).
QList<sg::server::Router::Route> registeredRoutes(QString *error)
{
    QTemporaryDir dir;
    sg::server::ServerOptions options;
    options.dataDir = dir.path();
    sg::server::Server server(options);
    if (auto st = server.open(); !st) {
        *error = st.error().message;
        return {};
    }
    return server.api().router().routes();
}

QString describe(const HttpAnswer &a)
{
    return QStringLiteral("HTTP %1 %2 %3").arg(a.status).arg(QString::fromUtf8(a.body.left(300)), a.networkError);
}

// The body as text; JSON is re-serialised so that a \u escape cannot hide a name from the search.
QString bodyText(const HttpAnswer &a)
{
    const QJsonDocument doc = QJsonDocument::fromJson(a.body);
    if (!doc.isNull())
        return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
    return QString::fromUtf8(a.body);
}

// The first of the markers that the answer contains, or an empty string.
QString leakedMarker(const HttpAnswer &a, const QStringList &markers)
{
    const QString text = bodyText(a);
    for (const QString &marker : markers) {
        if (!marker.isEmpty() && text.contains(marker))
            return marker;
    }
    return {};
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString newKey()
{
    return QStringLiteral("rbac-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// A minimal file that the server recognises as a PDF by its signature.
QJsonObject pdfOrder()
{
    const QByteArray pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    return {{QStringLiteral("fileName"), QStringLiteral("Приказ № 12-к.pdf")},
        {QStringLiteral("contentType"), QStringLiteral("application/pdf")},
        {QStringLiteral("data"), QString::fromLatin1(pdf.toBase64())}};
}

QJsonObject directorSubmission(const QString &kind, const QString &surname, const QString &inn)
{
    QJsonObject o{{QStringLiteral("kind"), kind}, {QStringLiteral("surname"), surname},
        {QStringLiteral("name"), QStringLiteral("Ирина")}, {QStringLiteral("patronymic"), QStringLiteral("Олеговна")},
        {QStringLiteral("position"), QStringLiteral("Директор")},
        {QStringLiteral("email"), QStringLiteral("director@rbac.example")},
        {QStringLiteral("phone"), QStringLiteral("+7 4822 00-00-00")}, {QStringLiteral("inn"), inn}};
    if (kind == QLatin1String("change"))
        o.insert(QStringLiteral("order"), pdfOrder());
    return o;
}

// Token-shaped (43 URL-safe characters) but issued by nobody.
const QString kGarbageToken = QStringLiteral("gArBaGe-tOkEn_0123456789abcdefghijklmnopqrs");

} // namespace

class TestRbac : public QObject
{
    Q_OBJECT

private slots:
    void cleanupTestCase();
    void everyRuleNamesARoute();
    void access_data();
    void access();
    void crossSchoolIsolation();

private:
    struct Account
    {
        QString login;
        QString password;
        QString token;
    };
    struct Request
    {
        QByteArray method;
        QString path;
        QByteArray body;
        RawHttp::Headers headers;
    };

    // A fresh demo server for the current test function, with every caller signed in once and the ids the
    // requests need. Built on first use in each test function; false (see m_fixtureError) when it failed.
    bool fixtureReady();
    bool buildFixture();
    QString signIn(const QString &login, const QString &password, const QString &expectedRole);
    HttpAnswer post(const QString &path, const QJsonObject &body, const QString &token);
    std::optional<Request> requestFor(const QByteArray &method, const QString &pattern, Caller caller, QString *why);
    std::optional<qint64> idFor(const QString &pattern, const QString &placeholder) const;
    std::optional<QPair<qint64, qint64>> firstPendingStudent(int grade, const QString &letter);
    const Account &account(Caller caller) const { return m_accounts.at(size_t(caller)); }
    QString tokenOf(Caller caller) const;

    QByteArray m_fixtureFor;
    QString m_fixtureError;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<RawHttp> m_http;
    std::array<Account, kCallerCount> m_accounts;
    qint64 m_schoolId = 0;
    qint64 m_lyceumId = 0;
    qint64 m_reportId = 0; // a report of school 1
    qint64 m_schoolRequestId = 0; // a director request of school 1 with an order file
    qint64 m_lyceumRequestId = 0; // the lyceum's pending director request
    QString m_consentVersion;
    QStringList m_schoolMarkers; // names and identifiers of school 1's data
    QStringList m_lyceumMarkers; // the same for the lyceum
};

void TestRbac::cleanupTestCase()
{
    m_http.reset();
    m_server.reset();
}

bool TestRbac::fixtureReady()
{
    const QByteArray function = QTest::currentTestFunction();
    if (m_fixtureFor != function) {
        m_fixtureFor = function;
        m_fixtureError.clear();
        m_http.reset();
        m_server.reset();
        if (!buildFixture() && m_fixtureError.isEmpty())
            m_fixtureError = QStringLiteral("fixture setup failed");
    }
    return m_fixtureError.isEmpty();
}

HttpAnswer TestRbac::post(const QString &path, const QJsonObject &body, const QString &token)
{
    return m_http->postJson(path, body, token);
}

QString TestRbac::signIn(const QString &login, const QString &password, const QString &expectedRole)
{
    const HttpAnswer a = post(QStringLiteral("/api/v1/session"),
        {{QStringLiteral("login"), login}, {QStringLiteral("password"), password}}, QString());
    const QString role = a.json().value(QStringLiteral("user")).toObject().value(QStringLiteral("role")).toString();
    if (a.status != 201 || role != expectedRole) {
        m_fixtureError = QStringLiteral("sign-in of %1 (%2): %3").arg(login, expectedRole, describe(a));
        return {};
    }
    return a.json().value(QStringLiteral("token")).toString();
}

std::optional<QPair<qint64, qint64>> TestRbac::firstPendingStudent(int grade, const QString &letter)
{
    QSqlQuery q = m_server->server().database().prepare(
        QStringLiteral("SELECT m.id, m.version FROM members m JOIN classes c ON c.id = m.class_id "
                       "WHERE m.school_id = ? AND m.role = 'student' AND m.status = 'pending' AND c.grade = ? "
                       "AND c.letter = ? ORDER BY m.id LIMIT 1"));
    q.addBindValue(m_schoolId);
    q.addBindValue(grade);
    q.addBindValue(letter);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return qMakePair(q.value(0).toLongLong(), q.value(1).toLongLong());
}

bool TestRbac::buildFixture()
{
    m_server = std::make_unique<TestServer>();
    if (!m_server->isValid()) {
        m_fixtureError = QStringLiteral("test server: ") + m_server->errorString();
        return false;
    }
    m_http = std::make_unique<RawHttp>(m_server->url());
    m_schoolId = m_server->demo().schoolId;
    m_lyceumId = m_server->demo().lyceumId;
    const QString password = TestServer::kPassword;
    auto &db = m_server->server().database();

    // The callers without demo accounts: a teacher of school 1 whom the school has not confirmed (linked to a
    // pending teacher), a student and a parent of school 1.
    const auto create = [&](const QString &login, sg::Role role) -> std::optional<qint64> {
        sg::server::NewAccount a;
        a.login = login;
        a.password = password;
        a.role = role;
        a.schoolId = m_schoolId;
        auto id = m_server->server().accounts().createAccount(a);
        if (!id) {
            m_fixtureError = QStringLiteral("account %1: %2").arg(login, id.error().message);
            return std::nullopt;
        }
        return id.value();
    };
    const auto unapproved = create(QStringLiteral("rbac-unapproved-teacher"), sg::Role::Teacher);
    if (!unapproved || !create(QStringLiteral("rbac-student"), sg::Role::Student)
        || !create(QStringLiteral("rbac-parent"), sg::Role::Parent))
        return false;
    QSqlQuery pending = db.prepare(QStringLiteral("SELECT id FROM members WHERE school_id = ? AND role = 'teacher' "
                                                  "AND status = 'pending' AND user_id IS NULL ORDER BY id LIMIT 1"));
    pending.addBindValue(m_schoolId);
    if (!pending.exec() || !pending.next()) {
        m_fixtureError = QStringLiteral("the demo school has no pending teacher");
        return false;
    }
    const qint64 pendingTeacher = pending.value(0).toLongLong();
    pending.finish();
    QSqlQuery link = db.prepare(QStringLiteral("UPDATE members SET user_id = ? WHERE id = ?"));
    link.addBindValue(*unapproved);
    link.addBindValue(pendingTeacher);
    if (!link.exec() || link.numRowsAffected() != 1) {
        m_fixtureError = QStringLiteral("linking the unapproved teacher failed");
        return false;
    }

    // Every caller signs in once (Argon2id costs ~80 ms a sign-in); the tokens serve all rows.
    struct Login
    {
        Caller caller;
        const char *login;
        const char *role;
    };
    const Login logins[] = {{Caller::Operator, sg::server::DemoSeeder::kOperatorLogin, "operator"},
        {Caller::School, sg::server::DemoSeeder::kSchoolLogin, "school"},
        {Caller::OtherSchool, sg::server::DemoSeeder::kLyceumLogin, "school"},
        {Caller::Teacher, sg::server::DemoSeeder::kTeacherLogin, "teacher"},
        {Caller::UnapprovedTeacher, "rbac-unapproved-teacher", "teacher"}, {Caller::Student, "rbac-student", "student"},
        {Caller::Parent, "rbac-parent", "parent"}};
    m_accounts = {};
    for (const Login &l : logins) {
        Account &a = m_accounts.at(size_t(l.caller));
        a.login = QString::fromLatin1(l.login);
        a.password = password;
        a.token = signIn(a.login, a.password, QString::fromLatin1(l.role));
        if (a.token.isEmpty())
            return false;
    }
    const QString school = tokenOf(Caller::School);
    const QString lyceum = tokenOf(Caller::OtherSchool);
    const QString op = tokenOf(Caller::Operator);
    const QString schoolBase = QStringLiteral("/api/v1/schools/%1").arg(m_schoolId);
    const QString lyceumBase = QStringLiteral("/api/v1/schools/%1").arg(m_lyceumId);

    const HttpAnswer consent = m_http->get(QStringLiteral("/api/v1/consent"));
    m_consentVersion = consent.json().value(QStringLiteral("version")).toString();
    if (consent.status != 200 || m_consentVersion.isEmpty()) {
        m_fixtureError = QStringLiteral("consent text: ") + describe(consent);
        return false;
    }

    // A report of school 1: one decision, then the report.
    const auto student = firstPendingStudent(6, QStringLiteral("А"));
    if (!student) {
        m_fixtureError = QStringLiteral("no pending student in 6А");
        return false;
    }
    const HttpAnswer decided = post(schoolBase + QStringLiteral("/decisions"),
        {{QStringLiteral("items"),
            QJsonArray{QJsonObject{{QStringLiteral("key"), newKey()}, {QStringLiteral("memberId"), student->first},
                {QStringLiteral("verdict"), QStringLiteral("approve")},
                {QStringLiteral("baseVersion"), student->second}}}}},
        school);
    if (decided.status != 200) {
        m_fixtureError = QStringLiteral("school decision: ") + describe(decided);
        return false;
    }
    const HttpAnswer report =
        post(schoolBase + QStringLiteral("/reports"), m_http->previewedReport(schoolBase, newKey(), school), school);
    m_reportId = report.json().value(QStringLiteral("id")).toInteger();
    if (report.status != 201 || m_reportId <= 0) {
        m_fixtureError = QStringLiteral("school report: ") + describe(report);
        return false;
    }

    // A director request of school 1 that carries an order file: a change of director, which the operator
    // confirms (so that the school may send the next change in the table).
    const QString schoolInn = m_server->server().schools().school(m_schoolId)->inn;
    const HttpAnswer change = post(schoolBase + QStringLiteral("/director/submissions"),
        directorSubmission(QStringLiteral("change"), QStringLiteral("Белова"), schoolInn), school);
    m_schoolRequestId = change.json().value(QStringLiteral("id")).toInteger();
    if (change.status != 201 || m_schoolRequestId <= 0) {
        m_fixtureError = QStringLiteral("change of director: ") + describe(change);
        return false;
    }
    const HttpAnswer approved = post(QStringLiteral("/api/v1/director-requests/%1/decision").arg(m_schoolRequestId),
        {{QStringLiteral("verdict"), QStringLiteral("approve")},
            {QStringLiteral("baseVersion"), change.json().value(QStringLiteral("version"))}},
        op);
    if (approved.status != 200) {
        m_fixtureError = QStringLiteral("operator's approval: ") + describe(approved);
        return false;
    }

    // The lyceum consents and sends its director: the pending request of the operator's decision route.
    const HttpAnswer lyceumConsent =
        post(lyceumBase + QStringLiteral("/director/consent"), {{QStringLiteral("version"), m_consentVersion}}, lyceum);
    const QString lyceumInn = m_server->server().schools().school(m_lyceumId)->inn;
    const HttpAnswer lyceumRequest = post(lyceumBase + QStringLiteral("/director/submissions"),
        directorSubmission(QStringLiteral("initial"), QStringLiteral("Лицеева"), lyceumInn), lyceum);
    m_lyceumRequestId = lyceumRequest.json().value(QStringLiteral("id")).toInteger();
    if (lyceumConsent.status != 201 || lyceumRequest.status != 201 || m_lyceumRequestId <= 0) {
        m_fixtureError =
            QStringLiteral("lyceum director: %1 / %2").arg(describe(lyceumConsent), describe(lyceumRequest));
        return false;
    }

    // What must never reach the other school: the school's names and identifiers and some of its people.
    const auto markersOf = [&](qint64 schoolId) {
        QStringList out;
        QSqlQuery s =
            db.prepare(QStringLiteral("SELECT name, short_name, inn, email, director_name FROM schools WHERE id = ?"));
        s.addBindValue(schoolId);
        if (s.exec() && s.next()) {
            for (int i = 0; i < 5; ++i)
                out.append(s.value(i).toString());
        }
        s.finish();
        QSqlQuery m = db.prepare(QStringLiteral("SELECT surname || ' ' || name || ' ' || patronymic, email "
                                                "FROM members WHERE school_id = ? ORDER BY id LIMIT 3"));
        m.addBindValue(schoolId);
        if (m.exec()) {
            while (m.next())
                out << m.value(0).toString().trimmed() << m.value(1).toString();
        }
        out.removeAll(QString());
        return out;
    };
    m_schoolMarkers = markersOf(m_schoolId);
    m_schoolMarkers << QStringLiteral("Соколова Марина Викторовна") << QStringLiteral("Белова Ирина");
    m_lyceumMarkers = markersOf(m_lyceumId);
    m_lyceumMarkers << QStringLiteral("Лицеева Ирина") << QStringLiteral("licey5.example");
    if (m_schoolMarkers.size() < 10 || m_lyceumMarkers.size() < 10) {
        m_fixtureError = QStringLiteral("too few markers: %1 / %2")
                             .arg(m_schoolMarkers.join(QLatin1Char(',')), m_lyceumMarkers.join(QLatin1Char(',')));
        return false;
    }
    return true;
}

QString TestRbac::tokenOf(Caller caller) const
{
    if (caller == Caller::Anonymous)
        return {};
    if (caller == Caller::GarbageToken)
        return kGarbageToken;
    return account(caller).token;
}

// The ids a route's placeholders stand for: school 1's own ids, whoever calls.
std::optional<qint64> TestRbac::idFor(const QString &pattern, const QString &placeholder) const
{
    if (pattern.startsWith(QLatin1String("/api/v1/schools/"))) {
        if (placeholder == QLatin1String("{id}"))
            return m_schoolId;
        if (placeholder == QLatin1String("{reportId}"))
            return m_reportId;
    }
    if (pattern.startsWith(QLatin1String("/api/v1/apply/")) && placeholder == QLatin1String("{school}"))
        return m_schoolId;
    if (pattern.startsWith(QLatin1String("/api/v1/director-requests/")) && placeholder == QLatin1String("{id}")) {
        // The operator decides on the lyceum's pending request; everything else reads school 1's request.
        return pattern.endsWith(QLatin1String("/decision")) ? m_lyceumRequestId : m_schoolRequestId;
    }
    return std::nullopt;
}

std::optional<TestRbac::Request> TestRbac::requestFor(
    const QByteArray &method, const QString &pattern, Caller caller, QString *why)
{
    Request r;
    r.method = method;
    QStringList segments = pattern.split(QLatin1Char('/'));
    for (QString &segment : segments) {
        if (!segment.startsWith(QLatin1Char('{')))
            continue;
        const auto id = idFor(pattern, segment);
        if (!id) {
            *why = QStringLiteral("no id for %1 in %2: extend TestRbac::idFor()").arg(segment, pattern);
            return std::nullopt;
        }
        segment = QString::number(*id);
    }
    r.path = segments.join(QLatin1Char('/'));

    QString token = tokenOf(caller);
    const Account &own = hasAccount(caller) ? account(caller) : account(Caller::School);
    const QString route = routeName(method, pattern);
    std::optional<QJsonObject> body;
    if (route == QLatin1String("POST /api/v1/session")) {
        body = QJsonObject{{QStringLiteral("login"), own.login}, {QStringLiteral("password"), own.password}};
    } else if (route == QLatin1String("DELETE /api/v1/session")) {
        // Signing out ends the token: use a second session of the same account and keep the shared one.
        if (hasAccount(caller)) {
            const HttpAnswer a = post(QStringLiteral("/api/v1/session"),
                {{QStringLiteral("login"), own.login}, {QStringLiteral("password"), own.password}}, QString());
            token = a.json().value(QStringLiteral("token")).toString();
            if (a.status != 201 || token.isEmpty()) {
                *why = QStringLiteral("second sign-in failed: ") + describe(a);
                return std::nullopt;
            }
        }
    } else if (route == QLatin1String("PUT /api/v1/me/password")) {
        // The policy accepts the same password again, so every later sign-in still works.
        body = QJsonObject{
            {QStringLiteral("currentPassword"), own.password}, {QStringLiteral("newPassword"), own.password}};
    } else if (route == QLatin1String("POST /api/v1/schools/{id}/decisions")) {
        // A pending student of 5А, the demo teacher's class, at its current version: the school and the
        // teacher may both decide on him.
        const auto student = firstPendingStudent(5, QStringLiteral("А"));
        if (!student) {
            *why = QStringLiteral("no pending student left in 5А");
            return std::nullopt;
        }
        body = QJsonObject{{QStringLiteral("items"),
            QJsonArray{QJsonObject{{QStringLiteral("key"), newKey()}, {QStringLiteral("memberId"), student->first},
                {QStringLiteral("verdict"), QStringLiteral("approve")},
                {QStringLiteral("baseVersion"), student->second}}}}};
    } else if (route == QLatin1String("POST /api/v1/schools/{id}/reports")) {
        // The snapshot of what the school's preview shows now (a report is what its preview showed).
        body = m_http->previewedReport(
            QStringLiteral("/api/v1/schools/%1").arg(m_schoolId), newKey(), tokenOf(Caller::School));
    } else if (route == QLatin1String("POST /api/v1/schools/{id}/graduations")) {
        body = QJsonObject{{QStringLiteral("grades"), QJsonArray{11}}};
    } else if (route == QLatin1String("POST /api/v1/schools/{id}/director/consent")) {
        body = QJsonObject{{QStringLiteral("version"), m_consentVersion}};
    } else if (route == QLatin1String("POST /api/v1/schools/{id}/director/submissions")) {
        body = directorSubmission(
            QStringLiteral("change"), QStringLiteral("Белова"), m_server->server().schools().school(m_schoolId)->inn);
    } else if (route == QLatin1String("POST /api/v1/director-requests/{id}/decision")) {
        const auto request = m_server->server().directors().request(m_lyceumRequestId);
        if (!request) {
            *why = QStringLiteral("the lyceum's director request is gone");
            return std::nullopt;
        }
        body = QJsonObject{
            {QStringLiteral("verdict"), QStringLiteral("approve")}, {QStringLiteral("baseVersion"), request->version}};
    } else if (route == QLatin1String("POST /api/v1/apply/{school}")
        || route == QLatin1String("POST /api/v1/apply/confirm")) {
        // Forms as a browser sends them: an application without the consent (refused alike for everyone, so that
        // no limit is reached) and a confirmation of a link that was never mailed.
        r.body = route.endsWith(QLatin1String("confirm"))
            ? QByteArray("token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
            : QByteArray("role=teacher&surname=%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2&name=%D0%98%D0%B2%D0%B0%D0%BD&"
                         "email=rbac%40test.example");
        r.headers = RawHttp::bearer(token);
        r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
        return r;
    } else if (route == QLatin1String("POST /api/v1/account/password")) {
        // A form as a browser sends it, for a link that was never mailed.
        r.body = QByteArray("token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&password=a%20long%20enough%20password&"
                            "repeat=a%20long%20enough%20password");
        r.headers = RawHttp::bearer(token);
        r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
        return r;
    } else if (route == QLatin1String("POST /api/v1/esia/link") || route == QLatin1String("POST /api/v1/esia/token")) {
        // Forms as a browser and QtNetworkAuth send them, for a flow and a code that do not exist.
        r.body = route.endsWith(QLatin1String("link"))
            ? QByteArray("state=00000000-0000-0000-0000-000000000000&login=demo-school&password=x&action=link")
            : QByteArray("grant_type=authorization_code&code=unknown&code_verifier=") + QByteArray(43, 'v')
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fesia";
        r.headers = RawHttp::bearer(token);
        r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
        return r;
    } else if (method != "GET" && method != "HEAD" && method != "DELETE") {
        *why = QStringLiteral("no well-formed body for %1: add one to TestRbac::requestFor()").arg(route);
        return std::nullopt;
    }
    r.headers = RawHttp::bearer(token);
    if (body) {
        r.body = compact(*body);
        r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    }
    return r;
}

void TestRbac::everyRuleNamesARoute()
{
    QString error;
    const auto routes = registeredRoutes(&error);
    QVERIFY2(!routes.isEmpty(), qPrintable(error));
    QSet<QString> served;
    for (const auto &route : routes)
        served.insert(routeName(route.method, route.pattern));
    QStringList stale;
    QSet<QString> seen;
    QStringList duplicates;
    for (const RouteRule &rule : kRules) {
        const QString name = routeName(rule.method, QString::fromLatin1(rule.pattern));
        if (!served.contains(name))
            stale.append(name);
        if (seen.contains(name))
            duplicates.append(name);
        seen.insert(name);
    }
    QVERIFY2(stale.isEmpty(),
        qPrintable(QStringLiteral("rules for routes the server does not serve: ") + stale.join(QStringLiteral(", "))));
    QVERIFY2(
        duplicates.isEmpty(), qPrintable(QStringLiteral("duplicate rules: ") + duplicates.join(QStringLiteral(", "))));
}

void TestRbac::access_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("caller");
    QTest::addColumn<int>("expectedStatus");
    QTest::addColumn<QString>("expectedCode");

    QString error;
    const auto routes = registeredRoutes(&error);
    if (routes.isEmpty()) {
        QTest::newRow("no routes") << QByteArray() << error << 0 << kNoRule << QString();
        return;
    }
    for (const auto &route : routes) {
        const RouteRule *rule = ruleFor(route.method, route.pattern);
        for (Caller caller : kCallers) {
            const Outcome expected = rule ? rule->outcomes.at(size_t(caller)) : Outcome{kNoRule, ""};
            QTest::addRow("%s %s as %s", route.method.constData(), qPrintable(route.pattern), callerName(caller))
                << route.method << route.pattern << int(caller) << expected.status
                << QString::fromLatin1(expected.code);
        }
    }
}

void TestRbac::access()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, pattern);
    QFETCH(int, caller);
    QFETCH(int, expectedStatus);
    QFETCH(QString, expectedCode);
    QVERIFY2(!method.isEmpty(), qPrintable(QStringLiteral("the server did not open: ") + pattern));
    if (expectedStatus == kNoRule) {
        QFAIL(qPrintable(QStringLiteral("%1 has no rule in kRules: decide who may call it and add a row")
                             .arg(routeName(method, pattern))));
    }
    QVERIFY2(fixtureReady(), qPrintable(m_fixtureError));

    QString why;
    const auto request = requestFor(method, pattern, Caller(caller), &why);
    QVERIFY2(request, qPrintable(why));
    const HttpAnswer a = m_http->send(request->method, request->path, request->body, request->headers);
    const QString where = QStringLiteral("%1 %2: ").arg(QString::fromLatin1(request->method), request->path);
    QVERIFY2(a.status != 0, qPrintable(where + describe(a)));
    QVERIFY2(a.status < 500, qPrintable(where + QStringLiteral("server error: ") + describe(a)));

    if (expectedStatus == kPublic.status) {
        RawHttp::Headers anonymous = request->headers;
        anonymous.removeIf([](const auto &h) { return h.first.compare("Authorization", Qt::CaseInsensitive) == 0; });
        const HttpAnswer b = m_http->send(request->method, request->path, request->body, anonymous);
        QVERIFY2(a.status == b.status,
            qPrintable(where + QStringLiteral("with a token %1, without %2").arg(a.status).arg(b.status)));
    } else if (expectedStatus == 0) {
        QVERIFY2(a.status != 401 && a.status != 403 && a.status != 404,
            qPrintable(where + QStringLiteral("expected ALLOWED, got ") + describe(a)));
        // The request is well-formed and the data prepared for it: anything but success would hide whether
        // the caller really has the right.
        QVERIFY2(a.status >= 200 && a.status < 300,
            qPrintable(where + QStringLiteral("allowed but not accepted: ") + describe(a)));
    } else {
        QVERIFY2(a.status == expectedStatus,
            qPrintable(where + QStringLiteral("expected DENIED %1 %2, got ").arg(expectedStatus).arg(expectedCode)
                + describe(a)));
        QVERIFY2(a.contentType.startsWith("application/problem+json"), a.contentType.constData());
        QCOMPARE(a.code(), expectedCode);
    }

    // A refusal carries no school data, and the other school never sees any of school 1's.
    if (expectedStatus != 0 || Caller(caller) == Caller::OtherSchool) {
        QStringList markers = m_schoolMarkers;
        if (request->path.startsWith(QLatin1String("/api/v1/apply"))) {
            // The application pages show what anyone may know of a school to apply to it: its names and INN.
            const auto school = m_server->server().schools().school(m_schoolId);
            QVERIFY(school);
            markers.removeAll(school->name);
            markers.removeAll(school->shortName);
            markers.removeAll(school->inn);
        }
        const QString leak = leakedMarker(a, markers);
        QVERIFY2(leak.isEmpty(), qPrintable(where + QStringLiteral("the answer contains \"%1\"").arg(leak)));
    }
}

// The other direction of the table's cross-school rows, over every school-scoped GET route: school 1 on the
// lyceum's ids gets 404 and nothing of the lyceum; the lyceum's own views (and a school 1 report id under its own
// school) never contain school 1's data.
void TestRbac::crossSchoolIsolation()
{
    QVERIFY2(fixtureReady(), qPrintable(m_fixtureError));
    const QString school = tokenOf(Caller::School);
    const QString lyceum = tokenOf(Caller::OtherSchool);
    int checked = 0;
    for (const auto &route : m_server->server().api().router().routes()) {
        if (route.method != "GET" || !route.pattern.contains(QLatin1String("{"))
            || route.pattern.startsWith(QLatin1String("/api/v1/apply/")))
            continue; // the application pages show only what is public about a school
        const bool schoolScoped = route.pattern.startsWith(QLatin1String("/api/v1/schools/{id}"));
        QString lyceumPath = route.pattern;
        lyceumPath.replace(QLatin1String("{reportId}"), QString::number(m_reportId)); // school 1's report
        if (schoolScoped)
            lyceumPath.replace(QLatin1String("{id}"), QString::number(m_lyceumId));
        else
            lyceumPath.replace(QLatin1String("{id}"), QString::number(m_lyceumRequestId));

        // School 1 asks for the lyceum's things.
        const HttpAnswer foreign = m_http->get(lyceumPath, school);
        QVERIFY2(foreign.status == 404, qPrintable(lyceumPath + QStringLiteral(" as school 1: ") + describe(foreign)));
        QCOMPARE(foreign.code(), QString::fromLatin1(sg::errc::NotFound));
        QString leak = leakedMarker(foreign, m_lyceumMarkers);
        QVERIFY2(
            leak.isEmpty(), qPrintable(lyceumPath + QStringLiteral(" shows school 1 the lyceum's \"%1\"").arg(leak)));

        // The lyceum asks for its own things.
        const HttpAnswer own = m_http->get(lyceumPath, lyceum);
        QVERIFY2(own.status > 0 && own.status < 500, qPrintable(lyceumPath + QStringLiteral(": ") + describe(own)));
        if (route.pattern.contains(QLatin1String("{reportId}")))
            QVERIFY2(own.status == 404,
                qPrintable(lyceumPath + QStringLiteral(": school 1's report under the lyceum: ") + describe(own)));
        else if (!route.pattern.endsWith(QLatin1String("/order"))) // the lyceum's request has no order file
            QVERIFY2(own.status == 200, qPrintable(lyceumPath + QStringLiteral(" as the lyceum: ") + describe(own)));
        leak = leakedMarker(own, m_schoolMarkers);
        QVERIFY2(
            leak.isEmpty(), qPrintable(lyceumPath + QStringLiteral(" shows the lyceum school 1's \"%1\"").arg(leak)));
        ++checked;
    }
    QVERIFY2(checked >= 6, qPrintable(QStringLiteral("only %1 GET routes with ids").arg(checked)));

    // The lyceum's account view.
    const HttpAnswer me = m_http->get(QStringLiteral("/api/v1/me"), lyceum);
    QCOMPARE(me.status, 200);
    QVERIFY(!leakedMarker(me, m_lyceumMarkers).isEmpty()); // the markers do match the lyceum's own data...
    QVERIFY2(leakedMarker(me, m_schoolMarkers).isEmpty(), qPrintable(describe(me))); // ...and nothing of school 1
}

QTEST_GUILESS_MAIN(TestRbac)

#include "tst_rbac.moc"
