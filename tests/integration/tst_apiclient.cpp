#include "client/apiclient.h"
#include "client/membertablemodel.h"
#include "client/schoolsession.h"
#include "core/errorcodes.h"
#include "rawhttp.h"
#include "testserver.h"
#include "wait.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUuid>

#include <memory>
#include <optional>

using sg::Error;
using sg::MemberStatus;
using sg::Result;
using sg::Role;
using sg::Verdict;
using sg::client::ApiClient;
using sg::client::MemberTableModel;
using sg::client::SchoolSession;
using sg::test::await;
using sg::test::TestServer;

// client::ApiClient and client::SchoolSession against the real server module over HTTP: every call, the
// idempotent report, the whole "sign in → load → approve → report" flow of the session, transport failures,
// and parseReply() on odd answers a proxy or a broken server may give.
namespace {

QString newKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString errc(const char *code)
{
    return QString::fromLatin1(code);
}

QString describe(const Error &e)
{
    return QStringLiteral("%1 (HTTP %2): %3").arg(e.code).arg(e.httpStatus).arg(e.message);
}

template<typename T>
QString describe(const Result<T> &r)
{
    return r.ok() ? QStringLiteral("ok") : describe(r.error());
}

// Ids of the rows of a model whose status is pending, at most n.
QList<qint64> pendingIds(const MemberTableModel &model, int n)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount() && ids.size() < n; ++row) {
        const QModelIndex idx = model.index(row, 0);
        if (idx.data(MemberTableModel::StatusRole).toInt() == int(MemberStatus::Pending))
            ids.append(idx.data(MemberTableModel::IdRole).toLongLong());
    }
    return ids;
}

} // namespace

class TestApiClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void health();
    void loginAndMe();
    void loginWrongPassword();
    void lockoutCarriesTheRealWait();
    void members();
    void submitDecisions();
    void reportsAreIdempotentByKey();
    void revokedTokenEmitsSessionExpired();
    void logout();
    void changePasswordErrors();

    void sessionFlow();
    void sessionConflictAndRefusal();
    void teacherSession();
    void sessionExpiryForgetsData();
    void decideOnUnknownRowsSendsNothing();
    void sessionSignInFails();

    void closedPortIsNetworkError();
    void silentServerTimesOut();
    void parseReply_data();
    void parseReply();

private:
    std::unique_ptr<ApiClient> signedInClient(TestServer &server, const QString &login);

    QNetworkAccessManager m_network;
    std::unique_ptr<TestServer> m_server;
};

void TestApiClient::initTestCase()
{
    m_network.setProxy(QNetworkProxy::NoProxy);
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->isValid(), qPrintable(m_server->errorString()));
}

std::unique_ptr<ApiClient> TestApiClient::signedInClient(TestServer &server, const QString &login)
{
    auto api = std::make_unique<ApiClient>(&m_network);
    api->setBaseUrl(server.url());
    const auto session =
        await<sg::proto::SessionInfo>([&](auto done) { api->login(login, TestServer::kPassword, std::move(done)); });
    if (!session.ok())
        return nullptr;
    return api;
}

void TestApiClient::health()
{
    ApiClient api(&m_network);
    api.setBaseUrl(m_server->url());
    const auto r = await<QJsonObject>([&](auto done) { api.health(std::move(done)); });
    QVERIFY2(r.ok(), qPrintable(describe(r)));
    QCOMPARE(r->value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
}

void TestApiClient::loginAndMe()
{
    ApiClient api(&m_network);
    api.setBaseUrl(m_server->url());
    QVERIFY(api.token().isEmpty());
    const auto session = await<sg::proto::SessionInfo>(
        [&](auto done) { api.login(QStringLiteral("demo-school"), TestServer::kPassword, std::move(done)); });
    QVERIFY2(session.ok(), qPrintable(describe(session)));
    QVERIFY(!session->token.isEmpty());
    QCOMPARE(api.token(), session->token); // the client keeps the token for later calls
    QCOMPARE(session->user.login, QStringLiteral("demo-school"));
    QVERIFY(session->user.role == Role::School);
    QCOMPARE(session->user.schoolId, std::optional<qint64>(m_server->demo().schoolId));
    QVERIFY(session->expiresAt > QDateTime::currentDateTimeUtc().addSecs(3600));

    const auto me = await<sg::client::MeInfo>([&](auto done) { api.me(std::move(done)); });
    QVERIFY2(me.ok(), qPrintable(describe(me)));
    QCOMPARE(me->user.id, session->user.id);
    QVERIFY(me->school.has_value());
    QCOMPARE(me->school->id, m_server->demo().schoolId);
    QCOMPARE(me->school->directorStatus, QStringLiteral("confirmed"));

    const auto school =
        await<sg::proto::School>([&](auto done) { api.school(m_server->demo().schoolId, std::move(done)); });
    QVERIFY2(school.ok(), qPrintable(describe(school)));
    QCOMPARE(school->inn, QStringLiteral("6950123467"));

    // The operator has no school.
    auto op = signedInClient(*m_server, QStringLiteral("demo-operator"));
    QVERIFY(op);
    const auto opMe = await<sg::client::MeInfo>([&](auto done) { op->me(std::move(done)); });
    QVERIFY2(opMe.ok(), qPrintable(describe(opMe)));
    QVERIFY(opMe->user.role == Role::Operator);
    QVERIFY(!opMe->user.schoolId.has_value());
    QVERIFY(!opMe->school.has_value());
}

void TestApiClient::loginWrongPassword()
{
    ApiClient api(&m_network);
    api.setBaseUrl(m_server->url());
    QSignalSpy expired(&api, &ApiClient::sessionExpired);
    const auto session = await<sg::proto::SessionInfo>([&](auto done) {
        api.login(QStringLiteral("demo-school"), QStringLiteral("wrong password!"), std::move(done));
    });
    QVERIFY(!session.ok());
    QCOMPARE(session.error().code, errc(sg::errc::InvalidCredentials));
    QCOMPARE(session.error().httpStatus, 401);
    QVERIFY(!session.error().isNetwork());
    QVERIFY(!session.error().message.isEmpty());
    QVERIFY(api.token().isEmpty());
    QCOMPARE(expired.count(), 0); // there was no session to lose
}

// After five failures the server asks to wait 1, 2, 4 ... s: the client reads Retry-After, and the detail says
// seconds, not "1 minute(s)".
void TestApiClient::lockoutCarriesTheRealWait()
{
    TestServer server; // its own: the lockout would reach the other tests' accounts
    QVERIFY2(server.isValid(), qPrintable(server.errorString()));
    ApiClient api(&m_network);
    api.setBaseUrl(server.url());
    std::optional<sg::Error> locked;
    for (int i = 0; i < 12 && !locked; ++i) {
        const auto session = await<sg::proto::SessionInfo>([&](auto done) {
            api.login(QStringLiteral("demo-school"), QStringLiteral("wrong password %1").arg(i), std::move(done));
        });
        QVERIFY(!session.ok());
        if (session.error().code == errc(sg::errc::AccountLocked))
            locked = session.error();
    }
    QVERIFY(locked.has_value());
    QCOMPARE(locked->httpStatus, 429);
    QVERIFY2(
        locked->retryAfterSecs > 0 && locked->retryAfterSecs < 60, qPrintable(QString::number(locked->retryAfterSecs)));
    QVERIFY2(locked->message.contains(QStringLiteral("second")), qPrintable(locked->message));
    QVERIFY2(!locked->message.contains(QStringLiteral("minute")), qPrintable(locked->message));
}

void TestApiClient::members()
{
    auto api = signedInClient(*m_server, QStringLiteral("demo-school"));
    QVERIFY(api);
    const qint64 schoolId = m_server->demo().schoolId;
    const auto teachers =
        await<QList<sg::proto::Member>>([&](auto done) { api->members(schoolId, Role::Teacher, std::move(done)); });
    QVERIFY2(teachers.ok(), qPrintable(describe(teachers)));
    QCOMPARE(teachers->size(), qsizetype(40));
    for (const auto &m : teachers.value()) {
        QVERIFY(m.role == Role::Teacher);
        QVERIFY(!m.surname.isEmpty() && !m.name.isEmpty());
        QVERIFY(m.version >= 1);
    }
    const auto students =
        await<QList<sg::proto::Member>>([&](auto done) { api->members(schoolId, Role::Student, std::move(done)); });
    QVERIFY2(students.ok(), qPrintable(describe(students)));
    QCOMPARE(students->size(), qsizetype(m_server->demo().students));
    const auto all =
        await<QList<sg::proto::Member>>([&](auto done) { api->members(schoolId, std::nullopt, std::move(done)); });
    QVERIFY2(all.ok(), qPrintable(describe(all)));
    QCOMPARE(all->size(), teachers->size() + students->size());

    // Another school's id: not found, as a typed error.
    const auto other = await<QList<sg::proto::Member>>(
        [&](auto done) { api->members(schoolId + 1000, Role::Teacher, std::move(done)); });
    QVERIFY(!other.ok());
    QCOMPARE(other.error().code, errc(sg::errc::NotFound));
    QCOMPARE(other.error().httpStatus, 404);
}

void TestApiClient::submitDecisions()
{
    auto api = signedInClient(*m_server, QStringLiteral("demo-school"));
    QVERIFY(api);
    const qint64 schoolId = m_server->demo().schoolId;
    const auto teachers =
        await<QList<sg::proto::Member>>([&](auto done) { api->members(schoolId, Role::Teacher, std::move(done)); });
    QVERIFY(teachers.ok());
    QList<sg::proto::Member> pending;
    for (const auto &m : teachers.value()) {
        if (m.status == MemberStatus::Pending && pending.size() < 2)
            pending.append(m);
    }
    QCOMPARE(pending.size(), qsizetype(2));

    const QList<sg::proto::DecisionItem> items{
        {newKey(), pending[0].id, Verdict::Approve, QString(), pending[0].version},
        {newKey(), pending[1].id, Verdict::Reject, QStringLiteral("Does not work here"), pending[1].version}};
    const auto answer = await<sg::client::DecisionBatchAnswer>(
        [&](auto done) { api->submitDecisions(schoolId, items, std::move(done)); });
    QVERIFY2(answer.ok(), qPrintable(describe(answer)));
    QCOMPARE(answer->results.size(), qsizetype(2));
    QVERIFY(answer->results[0].outcome == sg::DecisionOutcome::Applied);
    QVERIFY(answer->results[0].status == MemberStatus::Approved);
    QCOMPARE(answer->results[0].version, pending[0].version + 1);
    QVERIFY(answer->results[1].outcome == sg::DecisionOutcome::Applied);
    QVERIFY(answer->results[1].status == MemberStatus::Rejected);
    QVERIFY(answer->unreportedDecisions >= 2);

    // The same batch again (a retry after a lost answer): duplicates, nothing changes.
    const auto retry = await<sg::client::DecisionBatchAnswer>(
        [&](auto done) { api->submitDecisions(schoolId, items, std::move(done)); });
    QVERIFY2(retry.ok(), qPrintable(describe(retry)));
    QVERIFY(retry->results[0].outcome == sg::DecisionOutcome::Duplicate);
    QVERIFY(retry->results[1].outcome == sg::DecisionOutcome::Duplicate);
    QCOMPARE(retry->unreportedDecisions, answer->unreportedDecisions);

    // An empty batch is refused by the server as a typed error.
    const auto empty =
        await<sg::client::DecisionBatchAnswer>([&](auto done) { api->submitDecisions(schoolId, {}, std::move(done)); });
    QVERIFY(!empty.ok());
    QCOMPARE(empty.error().code, errc(sg::errc::ValidationFailed));
    QCOMPARE(empty.error().httpStatus, 422);
}

void TestApiClient::reportsAreIdempotentByKey()
{
    // A server of its own, so that the report numbers are known.
    TestServer server;
    QVERIFY2(server.isValid(), qPrintable(server.errorString()));
    auto api = signedInClient(server, QStringLiteral("demo-school"));
    QVERIFY(api);
    const qint64 schoolId = server.demo().schoolId;

    const QString key = newKey();
    const auto nothing = await<sg::proto::Report>([&](auto done) {
        api->sendReport(schoolId, {key, sg::proto::ReportSnapshot{}}, std::move(done));
    });
    QVERIFY(!nothing.ok());
    QCOMPARE(nothing.error().code, errc(sg::errc::NothingToReport));
    QCOMPARE(nothing.error().httpStatus, 409);

    const auto teachers =
        await<QList<sg::proto::Member>>([&](auto done) { api->members(schoolId, Role::Teacher, std::move(done)); });
    QVERIFY(teachers.ok());
    sg::proto::Member target;
    for (const auto &m : teachers.value()) {
        if (m.status == MemberStatus::Pending) {
            target = m;
            break;
        }
    }
    QVERIFY(target.id > 0);
    const auto decided = await<sg::client::DecisionBatchAnswer>([&](auto done) {
        api->submitDecisions(
            schoolId, {{newKey(), target.id, Verdict::Approve, QString(), target.version}}, std::move(done));
    });
    QVERIFY2(decided.ok(), qPrintable(describe(decided)));

    // Without the preview's snapshot (a client older than snapshots) nothing is sent.
    const auto blind = await<sg::proto::Report>([&](auto done) {
        api->sendReport(schoolId, {newKey(), std::nullopt}, std::move(done));
    });
    QVERIFY(!blind.ok());
    QCOMPARE(blind.error().code, errc(sg::errc::ReportChanged));
    QCOMPARE(blind.error().httpStatus, 409);

    const auto preview = await<sg::proto::Report>([&](auto done) { api->reportPreview(schoolId, std::move(done)); });
    QVERIFY2(preview.ok(), qPrintable(describe(preview)));
    QCOMPARE(preview->lines.size(), qsizetype(1));
    QCOMPARE(preview->lines.first().version, target.version + 1);
    const sg::proto::ReportRequest request{key, sg::proto::ReportSnapshot::of(preview.value())};
    const auto first =
        await<sg::proto::Report>([&](auto done) { api->sendReport(schoolId, request, std::move(done)); });
    QVERIFY2(first.ok(), qPrintable(describe(first)));
    QCOMPARE(first->number, 1);
    QCOMPARE(first->teachersApproved, 1);
    QCOMPARE(first->lines.size(), qsizetype(1));
    QCOMPARE(first->lines.first().memberId, target.id);

    const auto second =
        await<sg::proto::Report>([&](auto done) { api->sendReport(schoolId, request, std::move(done)); });
    QVERIFY2(second.ok(), qPrintable(describe(second)));
    QCOMPARE(second->number, first->number);
    QCOMPARE(second->id, first->id);
    QCOMPARE(second->createdAt, first->createdAt);

    const auto list = await<sg::client::ReportList>([&](auto done) { api->reports(schoolId, std::move(done)); });
    QVERIFY2(list.ok(), qPrintable(describe(list)));
    QCOMPARE(list->items.size(), qsizetype(1));
    QCOMPARE(list->items.first().id, first->id);
    QCOMPARE(list->unreportedDecisions, 0);

    const auto one = await<sg::proto::Report>([&](auto done) { api->report(schoolId, first->id, std::move(done)); });
    QVERIFY2(one.ok(), qPrintable(describe(one)));
    QCOMPARE(one->number, 1);
    QCOMPARE(one->lines.size(), qsizetype(1));
}

void TestApiClient::revokedTokenEmitsSessionExpired()
{
    ApiClient api(&m_network);
    api.setBaseUrl(m_server->url());
    api.setToken(QStringLiteral("not-a-valid-token"));
    QSignalSpy expired(&api, &ApiClient::sessionExpired);
    const auto me = await<sg::client::MeInfo>([&](auto done) { api.me(std::move(done)); });
    QVERIFY(!me.ok());
    QCOMPARE(me.error().code, errc(sg::errc::Unauthenticated));
    QCOMPARE(me.error().httpStatus, 401);
    QCOMPARE(expired.count(), 1);
}

void TestApiClient::logout()
{
    auto api = signedInClient(*m_server, QStringLiteral("demo-teacher"));
    QVERIFY(api);
    const QString token = api->token();
    QVERIFY(!token.isEmpty());
    const auto out = await<sg::Unit>([&](auto done) { api->logout(std::move(done)); });
    QVERIFY2(out.ok(), qPrintable(describe(out)));
    QVERIFY(api->token().isEmpty());
    // The old token is dead on the server too.
    api->setToken(token);
    const auto me = await<sg::client::MeInfo>([&](auto done) { api->me(std::move(done)); });
    QVERIFY(!me.ok());
    QCOMPARE(me.error().httpStatus, 401);
}

void TestApiClient::changePasswordErrors()
{
    auto api = signedInClient(*m_server, QStringLiteral("demo-school"));
    QVERIFY(api);
    const auto weak = await<sg::Unit>([&](auto done) {
        api->changePassword(TestServer::kPassword, QStringLiteral("qwerty123456"), std::move(done));
    });
    QVERIFY(!weak.ok());
    QCOMPARE(weak.error().code, errc(sg::errc::WeakPassword));
    QCOMPARE(weak.error().httpStatus, 422);
    QVERIFY(!weak.error().message.isEmpty());

    const auto wrong = await<sg::Unit>([&](auto done) {
        api->changePassword(
            QStringLiteral("not the password"), QStringLiteral("a much better passphrase"), std::move(done));
    });
    QVERIFY(!wrong.ok());
    QCOMPARE(wrong.error().code, errc(sg::errc::InvalidCredentials));
    QCOMPARE(wrong.error().httpStatus, 403);
    // Neither attempt changed anything: the session and the password still work.
    const auto me = await<sg::client::MeInfo>([&](auto done) { api->me(std::move(done)); });
    QVERIFY2(me.ok(), qPrintable(describe(me)));
    QVERIFY(signedInClient(*m_server, QStringLiteral("demo-school")));
}

void TestApiClient::sessionFlow()
{
    TestServer server;
    QVERIFY2(server.isValid(), qPrintable(server.errorString()));
    ApiClient api(&m_network);
    api.setBaseUrl(server.url());
    SchoolSession session(&api);

    QSignalSpy signedIn(&session, &SchoolSession::signedIn);
    session.signIn(QStringLiteral("demo-school"), TestServer::kPassword);
    QVERIFY(session.isBusy());
    QTRY_COMPARE_WITH_TIMEOUT(signedIn.count(), 1, 20000);
    QVERIFY(session.isSignedIn());
    QVERIFY(session.user()->role == Role::School);

    QSignalSpy loaded(&session, &SchoolSession::membersLoaded);
    session.refresh();
    // The tables fill from the session's outbox (its first sync): signals may come more than once.
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1 && session.teachers()->rowCount() > 0, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!session.isBusy(), 20000);
    QVERIFY(session.school().has_value());
    QCOMPARE(session.school()->id, server.demo().schoolId);
    QVERIFY(session.canDecideTeachers());
    QVERIFY(session.canDecideStudents());
    QCOMPARE(session.teachers()->rowCount(), 40);
    QCOMPARE(session.students()->rowCount(), server.demo().students);
    QCOMPARE(session.unreportedDecisions(), 0);

    const QList<qint64> ids = pendingIds(*session.teachers(), 3);
    QCOMPARE(ids.size(), qsizetype(3));
    QHash<qint64, qint64> versions;
    for (qint64 id : ids)
        versions.insert(id, session.teachers()->memberById(id)->version);

    QSignalSpy finished(&session, &SchoolSession::decisionsFinished);
    QSignalSpy unreported(&session, &SchoolSession::unreportedChanged);
    session.decide(ids, Verdict::Approve);
    // Until the server answers, the rows are marked as not yet synced.
    for (qint64 id : ids)
        QCOMPARE(session.teachers()
                     ->index(session.teachers()->rowOf(id), 0)
                     .data(MemberTableModel::PendingSyncRole)
                     .toBool(),
            true);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QCOMPARE(finished.at(0).at(0).toInt(), 3); // applied
    QCOMPARE(finished.at(0).at(1).toInt(), 0); // conflicts
    QCOMPARE(finished.at(0).at(2).toInt(), 0); // refused
    for (qint64 id : ids) {
        const int row = session.teachers()->rowOf(id);
        QVERIFY(row >= 0);
        const MemberTableModel *model = session.teachers();
        QCOMPARE(model->index(row, 0).data(MemberTableModel::StatusRole).toInt(), int(MemberStatus::Approved));
        QCOMPARE(model->index(row, MemberTableModel::StatusColumn).data().toString(),
            MemberTableModel::statusText(MemberStatus::Approved));
        QCOMPARE(model->index(row, 0).data(MemberTableModel::PendingSyncRole).toBool(), false);
        QCOMPARE(model->index(row, 0).data(MemberTableModel::VersionRole).toLongLong(), versions.value(id) + 1);
    }
    QCOMPARE(session.unreportedDecisions(), 3);
    QVERIFY(!unreported.isEmpty());
    QCOMPARE(unreported.last().at(0).toInt(), 3);

    std::optional<sg::proto::Report> sent;
    connect(&session, &SchoolSession::reportSent, this, [&sent](const sg::proto::Report &r) { sent = r; });
    const auto preview =
        await<sg::proto::Report>([&](auto done) { api.reportPreview(*session.user()->schoolId, std::move(done)); });
    QVERIFY2(preview.ok(), qPrintable(describe(preview)));
    session.sendReport(preview.value());
    QTRY_VERIFY_WITH_TIMEOUT(sent.has_value(), 20000);
    QCOMPARE(sent->teachersApproved, 3);
    QCOMPARE(sent->teachersRejected, 0);
    QCOMPARE(sent->number, 1);
    QCOMPARE(sent->lines.size(), qsizetype(3));
    QCOMPARE(session.unreportedDecisions(), 0);

    // Signing out forgets everything locally and ends the session on the server.
    const QString token = api.token();
    QSignalSpy signedOut(&session, &SchoolSession::signedOut);
    session.signOut();
    QCOMPARE(signedOut.count(), 1);
    QVERIFY(!session.isSignedIn());
    QCOMPARE(session.teachers()->rowCount(), 0);
    QCOMPARE(session.students()->rowCount(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(api.token().isEmpty(), 20000);
    sg::test::RawHttp http(server.url());
    QCOMPARE(http.get(QStringLiteral("/api/v1/me"), token).status, 401);
}

void TestApiClient::sessionConflictAndRefusal()
{
    TestServer server;
    QVERIFY2(server.isValid(), qPrintable(server.errorString()));
    ApiClient api(&m_network);
    api.setBaseUrl(server.url());
    SchoolSession session(&api);
    QSignalSpy signedIn(&session, &SchoolSession::signedIn);
    session.signIn(QStringLiteral("demo-school"), TestServer::kPassword);
    QTRY_COMPARE_WITH_TIMEOUT(signedIn.count(), 1, 20000);
    QSignalSpy loaded(&session, &SchoolSession::membersLoaded);
    session.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1 && session.teachers()->rowCount() > 0, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!session.isBusy(), 20000);

    // Someone else approves a teacher after this session loaded the list.
    const QList<qint64> ids = pendingIds(*session.teachers(), 2);
    QCOMPARE(ids.size(), qsizetype(2));
    const qint64 changed = ids[0];
    const qint64 loadedVersion = session.teachers()->memberById(changed)->version;
    auto other = signedInClient(server, QStringLiteral("demo-school"));
    QVERIFY(other);
    const auto first = await<sg::client::DecisionBatchAnswer>([&](auto done) {
        other->submitDecisions(
            server.demo().schoolId, {{newKey(), changed, Verdict::Approve, QString(), loadedVersion}}, std::move(done));
    });
    QVERIFY2(first.ok(), qPrintable(describe(first)));

    // This session's rejection is based on the old version: a conflict, and the row shows the current state.
    QSignalSpy finished(&session, &SchoolSession::decisionsFinished);
    session.decide({changed}, Verdict::Reject, QStringLiteral("Not ours"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QCOMPARE(finished.at(0).at(0).toInt(), 0);
    QCOMPARE(finished.at(0).at(1).toInt(), 1);
    QCOMPARE(finished.at(0).at(2).toInt(), 0);
    // The row keeps the user's decision, marked as a conflict, on the server's version, until the user resolves it;
    // the conflict says what the person is on the server now.
    const int row = session.teachers()->rowOf(changed);
    QCOMPARE(session.teachers()->index(row, 0).data(MemberTableModel::StatusRole).toInt(), int(MemberStatus::Rejected));
    QVERIFY(session.teachers()->index(row, 0).data(MemberTableModel::ConflictRole).toBool());
    QCOMPARE(session.teachers()->index(row, 0).data(MemberTableModel::VersionRole).toLongLong(), loadedVersion + 1);
    const auto conflicts = session.conflicts();
    QCOMPARE(conflicts.size(), qsizetype(1));
    QCOMPARE(conflicts.first().memberId, changed);
    QCOMPARE(int(conflicts.first().serverStatus), int(MemberStatus::Approved));
    // «Оставить как есть»: the row shows the server's state again.
    session.resolveConflict(conflicts.first().key, false);
    QCOMPARE(session.teachers()->index(row, 0).data(MemberTableModel::StatusRole).toInt(), int(MemberStatus::Approved));
    QVERIFY(!session.teachers()->index(row, 0).data(MemberTableModel::ConflictRole).toBool());

    // A rejection without a reason is refused by the server, and the row's mark is cleared.
    finished.clear();
    session.decide({ids[1]}, Verdict::Reject);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QCOMPARE(finished.at(0).at(0).toInt(), 0);
    QCOMPARE(finished.at(0).at(1).toInt(), 0);
    QCOMPARE(finished.at(0).at(2).toInt(), 1);
    const int row2 = session.teachers()->rowOf(ids[1]);
    QCOMPARE(session.teachers()->index(row2, 0).data(MemberTableModel::StatusRole).toInt(), int(MemberStatus::Pending));
    QCOMPARE(session.teachers()->index(row2, 0).data(MemberTableModel::PendingSyncRole).toBool(), false);
}

void TestApiClient::teacherSession()
{
    ApiClient api(&m_network);
    api.setBaseUrl(m_server->url());
    SchoolSession session(&api);
    QSignalSpy signedIn(&session, &SchoolSession::signedIn);
    session.signIn(QStringLiteral("demo-teacher"), TestServer::kPassword);
    QTRY_COMPARE_WITH_TIMEOUT(signedIn.count(), 1, 20000);
    QSignalSpy loaded(&session, &SchoolSession::membersLoaded);
    QSignalSpy failed(&session, &SchoolSession::operationFailed);
    session.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1 && session.students()->rowCount() > 0, 20000); // students only
    QTRY_VERIFY_WITH_TIMEOUT(!session.isBusy(), 20000);
    QCOMPARE(failed.count(), 0);
    QVERIFY(!session.canDecideTeachers());
    QVERIFY(session.canDecideStudents());
    QCOMPARE(session.teachers()->rowCount(), 0);
    QVERIFY(session.students()->rowCount() > 0);
    for (int row = 0; row < session.students()->rowCount(); ++row)
        QCOMPARE(
            session.students()->index(row, 0).data(MemberTableModel::ClassRole).toString(), QString::fromUtf16(u"5А"));
}

void TestApiClient::sessionExpiryForgetsData()
{
    ApiClient api(&m_network);
    api.setBaseUrl(m_server->url());
    SchoolSession session(&api);
    QSignalSpy signedIn(&session, &SchoolSession::signedIn);
    session.signIn(QStringLiteral("demo-school"), TestServer::kPassword);
    QTRY_COMPARE_WITH_TIMEOUT(signedIn.count(), 1, 20000);
    QSignalSpy loaded(&session, &SchoolSession::membersLoaded);
    session.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1 && session.teachers()->rowCount() > 0, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!session.isBusy(), 20000);
    QCOMPARE(session.teachers()->rowCount(), 40);

    // The session ends on the server (expiry, password change elsewhere, revocation)...
    sg::test::RawHttp http(m_server->url());
    QCOMPARE(http.del(QStringLiteral("/api/v1/session"), api.token()).status, 204);
    // ...and the next request finds out: the session signs out and keeps no personal data of that account.
    QSignalSpy signedOut(&session, &SchoolSession::signedOut);
    session.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(signedOut.count(), 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!session.isBusy(), 20000);
    QVERIFY(!session.isSignedIn());
    QCOMPARE(session.teachers()->rowCount(), 0);
    QCOMPARE(session.students()->rowCount(), 0);
    QVERIFY(!session.school().has_value());

    // Whoever signs in next on this computer sees only what their own account may see.
    session.signIn(QStringLiteral("demo-teacher"), TestServer::kPassword);
    QTRY_COMPARE_WITH_TIMEOUT(signedIn.count(), 2, 20000);
    loaded.clear();
    session.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1 && session.students()->rowCount() > 0, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!session.isBusy(), 20000);
    QCOMPARE(session.teachers()->rowCount(), 0);
}

void TestApiClient::decideOnUnknownRowsSendsNothing()
{
    // Rows that vanished (a refresh between selection and click) give an empty batch: nothing to send.
    ApiClient api(&m_network);
    api.setBaseUrl(m_server->url());
    SchoolSession session(&api);
    QSignalSpy signedIn(&session, &SchoolSession::signedIn);
    session.signIn(QStringLiteral("demo-school"), TestServer::kPassword);
    QTRY_COMPARE_WITH_TIMEOUT(signedIn.count(), 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!session.isBusy(), 20000);
    QSignalSpy failed(&session, &SchoolSession::operationFailed);
    session.decide({987654321, 987654322}, Verdict::Approve);
    QVERIFY2(!session.isBusy(), "an empty batch was sent to the server");
    QTRY_VERIFY_WITH_TIMEOUT(!session.isBusy(), 20000);
    QCOMPARE(failed.count(), 0);
}

void TestApiClient::sessionSignInFails()
{
    ApiClient api(&m_network);
    api.setBaseUrl(m_server->url());
    SchoolSession session(&api);
    std::optional<Error> error;
    connect(&session, &SchoolSession::signInFailed, this, [&error](const Error &e) { error = e; });
    session.signIn(QStringLiteral("demo-school"), QStringLiteral("certainly wrong"));
    QTRY_VERIFY_WITH_TIMEOUT(error.has_value(), 20000);
    QCOMPARE(error->code, errc(sg::errc::InvalidCredentials));
    QVERIFY(!session.isSignedIn());
    QVERIFY(!session.isBusy());
}

void TestApiClient::closedPortIsNetworkError()
{
    // A port that was free a moment ago and has nobody listening now.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port);

    ApiClient api(&m_network);
    api.setBaseUrl(url);
    api.setToken(QStringLiteral("some-token"));
    QSignalSpy expired(&api, &ApiClient::sessionExpired);
    const auto health = await<QJsonObject>([&](auto done) { api.health(std::move(done)); });
    QVERIFY(!health.ok());
    QCOMPARE(health.error().code, errc(sg::errc::NetworkError));
    QCOMPARE(health.error().httpStatus, 0);
    QVERIFY(health.error().isNetwork());
    QVERIFY(!health.error().message.isEmpty());

    const auto login = await<sg::proto::SessionInfo>(
        [&](auto done) { api.login(QStringLiteral("demo-school"), TestServer::kPassword, std::move(done)); });
    QVERIFY(!login.ok());
    QCOMPARE(login.error().code, errc(sg::errc::NetworkError));
    QCOMPARE(login.error().httpStatus, 0);
    QCOMPARE(expired.count(), 0); // a network failure is not a lost session

    // A session over a dead link reports the failure and stays signed out.
    SchoolSession session(&api);
    std::optional<Error> error;
    connect(&session, &SchoolSession::signInFailed, this, [&error](const Error &e) { error = e; });
    session.signIn(QStringLiteral("demo-school"), TestServer::kPassword);
    QTRY_VERIFY_WITH_TIMEOUT(error.has_value(), 20000);
    QCOMPARE(error->code, errc(sg::errc::NetworkError));
    QVERIFY(!session.isSignedIn());
}

void TestApiClient::silentServerTimesOut()
{
    // Accepts the connection and never answers.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    QList<QTcpSocket *> held;
    connect(&silent, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *s = silent.nextPendingConnection())
            held.append(s);
    });
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(silent.serverPort());

    ApiClient api(&m_network);
    api.setBaseUrl(url);
    api.setTimeout(300);
    QElapsedTimer timer;
    timer.start();
    const auto health = await<QJsonObject>([&](auto done) { api.health(std::move(done)); }, 10000);
    QVERIFY(!health.ok());
    QVERIFY2(health.error().code != QLatin1String("test-timeout"), "the client never gave up");
    QVERIFY(timer.elapsed() < 5000);
    QCOMPARE(health.error().httpStatus, 0);
    // errorcodes.h: "timeout" is the client-side code for a request that got no answer in time.
    QVERIFY2(health.error().code == errc(sg::errc::Timeout), qPrintable(describe(health.error())));
}

void TestApiClient::parseReply_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("networkError");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message"); // a fragment of the message, or empty

    const QString unavailable = errc(sg::errc::Unavailable);
    const QString badRequest = errc(sg::errc::BadRequest);
    const QString badResponse = errc(sg::errc::BadResponse);
    const QString network = errc(sg::errc::NetworkError);
    const QByteArray html = "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>";

    QTest::newRow("200 object") << 200 << QByteArray(R"({"a":1})") << QString() << true << QString() << QString();
    QTest::newRow("201 object") << 201 << QByteArray(R"({"token":"x"})") << QString() << true << QString() << QString();
    QTest::newRow("204 empty") << 204 << QByteArray() << QString() << true << QString() << QString();
    QTest::newRow("200 array") << 200 << QByteArray("[1,2,3]") << QString() << false << badResponse << QString();
    QTest::newRow("200 string") << 200 << QByteArray(R"("ok")") << QString() << false << badResponse << QString();
    QTest::newRow("200 null") << 200 << QByteArray("null") << QString() << false << badResponse << QString();
    QTest::newRow("200 HTML") << 200 << html << QString() << false << badResponse << QString();
    QTest::newRow("200 truncated JSON") << 200 << QByteArray(R"({"items":[{"id":1)") << QString() << false
                                        << badResponse << QString();
    QTest::newRow("500 empty body") << 500 << QByteArray() << QString() << false << unavailable
                                    << QStringLiteral("500");
    QTest::newRow("500 problem with code")
        << 500 << QByteArray(R"({"code":"internal-error","detail":"storage failure"})") << QString() << false
        << errc(sg::errc::Internal) << QStringLiteral("storage failure");
    QTest::newRow("502 HTML from a proxy") << 502 << html << QString() << false << unavailable << QStringLiteral("502");
    QTest::newRow("503 plain text") << 503 << QByteArray("Service Unavailable") << QString() << false << unavailable
                                    << QString();
    QTest::newRow("400 HTML") << 400 << html << QString() << false << badRequest << QStringLiteral("400");
    QTest::newRow("404 problem without code") << 404 << QByteArray(R"({"title":"Not Found","status":404})") << QString()
                                              << false << badRequest << QStringLiteral("404");
    QTest::newRow("409 code is a number")
        << 409 << QByteArray(R"({"code":5,"detail":7})") << QString() << false << badRequest << QStringLiteral("409");
    QTest::newRow("403 array body") << 403 << QByteArray("[]") << QString() << false << badRequest << QString();
    QTest::newRow("401 problem") << 401 << QByteArray(R"({"code":"unauthenticated","detail":"Sign in first"})")
                                 << QString() << false << errc(sg::errc::Unauthenticated)
                                 << QStringLiteral("Sign in first");
    QTest::newRow("422 problem") << 422
                                 << QByteArray(
                                        R"({"code":"validation-failed","detail":"items[3].memberId: is required"})")
                                 << QString() << false << errc(sg::errc::ValidationFailed)
                                 << QStringLiteral("items[3].memberId");
    QTest::newRow("429 problem") << 429 << QByteArray(R"({"code":"account-locked","detail":"Wait"})") << QString()
                                 << false << errc(sg::errc::AccountLocked) << QString();
    QTest::newRow("0 connection refused") << 0 << QByteArray() << QStringLiteral("Connection refused") << false
                                          << network << QStringLiteral("Connection refused");
    QTest::newRow("0 without a reason") << 0 << QByteArray() << QString() << false << network << QString();
    QTest::newRow("0 with a body") << 0 << QByteArray(R"({"a":1})") << QStringLiteral("Host not found") << false
                                   << network << QStringLiteral("Host not found");
}

void TestApiClient::parseReply()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, networkError);
    QFETCH(bool, ok);
    QFETCH(QString, code);
    QFETCH(QString, message);

    const Result<QJsonObject> r = ApiClient::parseReply(status, body, networkError);
    QCOMPARE(r.ok(), ok);
    if (ok)
        return;
    QCOMPARE(r.error().code, code);
    QCOMPARE(r.error().httpStatus, status);
    QVERIFY(!r.error().message.isEmpty());
    if (!message.isEmpty())
        QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
    // The raw body of an error page never becomes the message shown to the user.
    if (body.startsWith("<!DOCTYPE"))
        QVERIFY(!r.error().message.contains(QStringLiteral("<html>")));
}

QTEST_GUILESS_MAIN(TestApiClient)

#include "tst_apiclient.moc"
