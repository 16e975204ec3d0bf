// The whole seed-000 story over real HTTP, with mail through a real SMTP sink:
// the school signs in with mailed credentials → sets a new password → consents → submits the director →
// the operator confirms → the school approves teachers, which mails each a one-time link → the class teacher of 5А
// sets his password on the server's page and signs in → he approves his students (and is refused for another
// class) → the report is sent and numbered → the audit log verifies. Plus a change of director
// with the order file.

#include "core/supporthours.h"
#include "fakeclock.h"
#include "rawhttp.h"
#include "server/accountstore.h"
#include "server/admincommands.h"
#include "server/auditlog.h"
#include "server/database.h"
#include "server/directorstore.h"
#include "server/maildispatcher.h"
#include "smtpsink.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTest>
#include <QUrlQuery>

using namespace sg;
using test::HttpAnswer;

namespace {

const QString kInn = QStringLiteral("7707083893");
const QString kNewPassword = QStringLiteral("зелёный забор у школы 2026");

struct Credentials
{
    QString login;
    QString password;
};

// Login and one-time password from a credentials mail, read as the recipient would.
std::optional<Credentials> credentialsFrom(const test::ReceivedMail &mail)
{
    const QString body = mail.parsed.value(QStringLiteral("body")).toString();
    static const QRegularExpression login(QStringLiteral("Логин: (\\S+)"));
    static const QRegularExpression password(QStringLiteral("Временный пароль: (\\S+)"));
    const auto l = login.match(body);
    const auto p = password.match(body);
    if (!l.hasMatch() || !p.hasMatch())
        return std::nullopt;
    return Credentials{l.captured(1), p.captured(1)};
}

QString tokenOf(const HttpAnswer &a)
{
    return a.json().value(QStringLiteral("token")).toString();
}

} // namespace

class TestWorkflow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void wholeStory();
    void directorChangeWithOrder();

private:
    // Creates the school by the admin command, delivers the mail, signs in and sets a new password.
    QString onboardSchool();
    test::ReceivedMail mailTo(const QString &address, const QString &subjectPart);

    std::unique_ptr<test::SmtpSink> m_sink;
    // Monday 23 November 2026, 10:00 in Moscow.
    test::FakeClock m_clock{QDateTime(QDate(2026, 11, 23), QTime(7, 0), QTimeZone::utc())};
    std::unique_ptr<test::TestServer> m_server;
    std::unique_ptr<test::RawHttp> m_http;
    qint64 m_schoolId = 0;
};

void TestWorkflow::init()
{
    m_sink = std::make_unique<test::SmtpSink>();
    QVERIFY2(m_sink->isValid(), qPrintable(m_sink->errorString()));
    m_server = std::make_unique<test::TestServer>(
        test::TestServer::Options{false, &m_clock, m_sink->url().toString(), {}, {}, {}});
    QVERIFY2(m_server->isValid(), qPrintable(m_server->errorString()));
    m_http = std::make_unique<test::RawHttp>(m_server->url());
}

void TestWorkflow::cleanup()
{
    m_http.reset();
    m_server.reset();
    m_sink.reset();
}

test::ReceivedMail TestWorkflow::mailTo(const QString &address, const QString &subjectPart)
{
    m_server->server().mail().sendPending(100);
    for (int attempt = 0; attempt < 2; ++attempt) {
        for (const auto &m : m_sink->received()) {
            const bool toIt = m.envelopeTo.contains(address);
            if (toIt && m.parsed.value(QStringLiteral("subject")).toString().contains(subjectPart))
                return m;
        }
        m_sink->waitForMessages(int(m_sink->messages().size()) + 1, 5000);
    }
    return {};
}

QString TestWorkflow::onboardSchool()
{
    server::AdminCommands admin(m_server->server());
    server::SchoolDraft draft;
    draft.inn = QStringLiteral("77 0708 3893"); // pasted with spaces
    draft.kpp = QStringLiteral("773601001");
    draft.name = QStringLiteral("ГБОУ «Школа № 1234»");
    draft.shortName = QStringLiteral("Школа № 1234");
    draft.email = QStringLiteral("school1234@test.example");
    auto created = admin.createSchool(draft);
    if (!created)
        qWarning() << created.error().message;
    if (!created)
        return {};
    m_schoolId = created->schoolId;

    // The credentials arrive by e-mail, in Russian, through the SMTP relay.
    const test::ReceivedMail mail = mailTo(QStringLiteral("school1234@test.example"), QStringLiteral("Доступ"));
    const auto creds = credentialsFrom(mail);
    if (!creds)
        return {};
    if (creds->login != QStringLiteral("school-") + kInn)
        return {};

    // First sign-in: everything but the password change is refused until a new password is set.
    const HttpAnswer login = m_http->postJson(QStringLiteral("/api/v1/session"),
        {{QStringLiteral("login"), creds->login}, {QStringLiteral("password"), creds->password}});
    if (login.status != 201
        || !login.json().value(QStringLiteral("user")).toObject().value(QStringLiteral("mustChangePassword")).toBool())
        return {};
    const QString token = tokenOf(login);
    if (m_http->get(QStringLiteral("/api/v1/schools/%1/members").arg(m_schoolId), token).code()
        != QLatin1String("password-change-required"))
        return {};
    test::RawHttp::Headers headers = test::RawHttp::bearer(token);
    headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    const HttpAnswer weak = m_http->send("PUT", QStringLiteral("/api/v1/me/password"),
        R"({"currentPassword":")" + creds->password.toUtf8() + R"(","newPassword":"short"})", headers);
    if (weak.status != 422 || weak.code() != QLatin1String("weak-password"))
        return {};
    const HttpAnswer changed = m_http->send("PUT", QStringLiteral("/api/v1/me/password"),
        QJsonDocument(QJsonObject{{QStringLiteral("currentPassword"), creds->password},
                          {QStringLiteral("newPassword"), kNewPassword}})
            .toJson(),
        headers);
    if (changed.status != 204)
        return {};
    return token;
}

void TestWorkflow::wholeStory()
{
    const QString school = onboardSchool();
    QVERIFY2(!school.isEmpty(), "onboarding by mailed credentials failed");
    const QString base = QStringLiteral("/api/v1/schools/%1").arg(m_schoolId);
    QCOMPARE(m_http->get(base + QStringLiteral("/members"), school).status, 200);

    // People arrive by CSV import (Windows-1251 as exported by old spreadsheets).
    const QByteArray csv = QStringLiteral("role;surname;name;patronymic;email;subject;class\r\n"
                                          "teacher;Семёнова;Алёна;Петровна;semenova@test.example;Математика;5А\r\n"
                                          "teacher;Ершов;Фёдор;Ильич;ershov@test.example;История;\r\n"
                                          "student;Ёлкин;Пётр;;;;5А\r\n"
                                          "student;Иванова;Мария;Сергеевна;;;5А\r\n"
                                          "student;Бонч-Бруевич;Ян;;;;5Б\r\n"
                                          "student;Безкласснов;Иван;;;;\r\n")
                               .toUtf8();
    server::AdminCommands admin(m_server->server());
    auto imported = admin.importPeople(kInn, csv);
    QVERIFY(imported.ok());
    QCOMPARE(imported->failed, 1); // the student without a class, reported by row and line
    QCOMPARE(imported->lines.last().line, 7);
    QCOMPARE(imported->lines.last().record, 7);
    QVERIFY(!imported->stored); // all or nothing: the good rows wait for the corrected file
    QVERIFY(m_http->get(base + QStringLiteral("/members?role=teacher"), school)
                .json()
                .value(QStringLiteral("items"))
                .toArray()
                .isEmpty());
    imported = admin.importPeople(
        kInn, QString::fromUtf8(csv).remove(QStringLiteral("student;Безкласснов;Иван;;;;\r\n")).toUtf8());
    QVERIFY(imported.ok());
    QVERIFY(imported->stored);
    QCOMPARE(imported->imported, 5);
    QCOMPARE(imported->added, 5);

    // Confirming is locked until the director is confirmed.
    HttpAnswer teachers = m_http->get(base + QStringLiteral("/members?role=teacher"), school);
    QCOMPARE(teachers.status, 200);
    const QJsonArray teacherItems = teachers.json().value(QStringLiteral("items")).toArray();
    QCOMPARE(teacherItems.size(), 2);
    const auto itemFor = [](const QJsonObject &member, const QString &key) {
        return QJsonObject{{QStringLiteral("key"), key},
            {QStringLiteral("memberId"), member.value(QStringLiteral("id"))},
            {QStringLiteral("verdict"), QStringLiteral("approve")},
            {QStringLiteral("baseVersion"), member.value(QStringLiteral("version"))}};
    };
    const QJsonObject batch{{QStringLiteral("items"),
        QJsonArray{itemFor(teacherItems.at(0).toObject(), QStringLiteral("teacher-key-0001")),
            itemFor(teacherItems.at(1).toObject(), QStringLiteral("teacher-key-0002"))}}};
    HttpAnswer locked = m_http->postJson(base + QStringLiteral("/decisions"), batch, school);
    QCOMPARE(locked.status, 409);
    QCOMPARE(locked.code(), QStringLiteral("director-not-confirmed"));

    // Consent first: before it, neither the submission nor the support address.
    HttpAnswer card = m_http->get(base + QStringLiteral("/director"), school);
    QCOMPARE(card.json().value(QStringLiteral("status")).toString(), QStringLiteral("none"));
    QVERIFY(card.json().value(QStringLiteral("supportEmail")).toString().isEmpty());
    const QJsonObject director{{QStringLiteral("kind"), QStringLiteral("initial")},
        {QStringLiteral("surname"), QStringLiteral("Королёва")}, {QStringLiteral("name"), QStringLiteral("Анна")},
        {QStringLiteral("patronymic"), QStringLiteral("Семёновна")},
        {QStringLiteral("position"), QStringLiteral("Директор")},
        {QStringLiteral("email"), QStringLiteral("koroleva@test.example")}, {QStringLiteral("inn"), kInn}};
    QCOMPARE(m_http->postJson(base + QStringLiteral("/director/submissions"), director, school).code(),
        QStringLiteral("consent-required"));
    const QString version =
        m_http->get(QStringLiteral("/api/v1/consent")).json().value(QStringLiteral("version")).toString();
    QVERIFY(!version.isEmpty());
    QCOMPARE(m_http
                 ->postJson(base + QStringLiteral("/director/consent"),
                     {{QStringLiteral("version"), QStringLiteral("1999-01-01")}}, school)
                 .code(),
        QStringLiteral("consent-version-outdated"));
    card = m_http->postJson(base + QStringLiteral("/director/consent"), {{QStringLiteral("version"), version}}, school);
    QCOMPARE(card.status, 201);
    QCOMPARE(card.json().value(QStringLiteral("supportEmail")).toString(), QStringLiteral("ccod@innopolis.ru"));

    // The INN must be valid and the school's own.
    QJsonObject wrongInn = director;
    wrongInn.insert(QStringLiteral("inn"), QStringLiteral("7707083894"));
    QCOMPARE(m_http->postJson(base + QStringLiteral("/director/submissions"), wrongInn, school).code(),
        QStringLiteral("validation-failed"));
    wrongInn.insert(QStringLiteral("inn"), QStringLiteral("6950123467"));
    QCOMPARE(m_http->postJson(base + QStringLiteral("/director/submissions"), wrongInn, school).code(),
        QStringLiteral("inn-mismatch"));
    HttpAnswer submitted = m_http->postJson(base + QStringLiteral("/director/submissions"), director, school);
    QCOMPARE(submitted.status, 201);
    // Monday + 2 business days.
    QCOMPARE(submitted.json().value(QStringLiteral("expectedBy")).toString(), QStringLiteral("2026-11-25"));
    QCOMPARE(m_http->postJson(base + QStringLiteral("/director/submissions"), director, school).code(),
        QStringLiteral("already-submitted"));

    // The operator confirms.
    server::AdminCommands(m_server->server())
        .createOperator(QStringLiteral("operator-1"), QStringLiteral("op@support.example"), QStringLiteral("Оператор"));
    const auto opCreds = credentialsFrom(mailTo(QStringLiteral("op@support.example"), QStringLiteral("Доступ")));
    QVERIFY(opCreds);
    QString op = tokenOf(m_http->postJson(QStringLiteral("/api/v1/session"),
        {{QStringLiteral("login"), opCreds->login}, {QStringLiteral("password"), opCreds->password}}));
    m_server->server().accounts().changePassword(
        m_server->server().accounts().authenticate(opCreds->login, opCreds->password)->id, kNewPassword,
        opCreds->login);
    op = tokenOf(m_http->postJson(QStringLiteral("/api/v1/session"),
        {{QStringLiteral("login"), opCreds->login}, {QStringLiteral("password"), kNewPassword}}));
    QVERIFY(!op.isEmpty());
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/director-requests"), school).status, 403); // schools see no queue
    const HttpAnswer queue = m_http->get(QStringLiteral("/api/v1/director-requests?status=submitted"), op);
    QCOMPARE(queue.status, 200);
    const QJsonArray pending = queue.json().value(QStringLiteral("items")).toArray();
    QCOMPARE(pending.size(), 1);
    const QJsonObject request = pending.first().toObject();
    const QString decision =
        QStringLiteral("/api/v1/director-requests/%1/decision").arg(request.value(QStringLiteral("id")).toInteger());
    QCOMPARE(
        m_http
            ->postJson(decision,
                {{QStringLiteral("verdict"), QStringLiteral("approve")}, {QStringLiteral("baseVersion"), 1}}, school)
            .status,
        403);
    QCOMPARE(m_http
                 ->postJson(decision,
                     {{QStringLiteral("verdict"), QStringLiteral("approve")}, {QStringLiteral("baseVersion"), 1}}, op)
                 .status,
        200);
    QCOMPARE(m_http
                 ->postJson(decision,
                     {{QStringLiteral("verdict"), QStringLiteral("approve")}, {QStringLiteral("baseVersion"), 1}}, op)
                 .code(),
        QStringLiteral("conflict"));

    // The school is told in the app and by e-mail.
    const QJsonArray notes =
        m_http->get(base + QStringLiteral("/notifications"), school).json().value(QStringLiteral("items")).toArray();
    QVERIFY(!notes.isEmpty());
    QCOMPARE(notes.first().toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("director.confirmed"));
    const test::ReceivedMail confirmedMail =
        mailTo(QStringLiteral("school1234@test.example"), QStringLiteral("Директор подтверждён"));
    QVERIFY(confirmedMail.parsed.value(QStringLiteral("body"))
                .toString()
                .contains(QStringLiteral("Королёва Анна Семёновна")));
    QCOMPARE(m_http->get(base + QStringLiteral("/director"), school).json().value(QStringLiteral("status")).toString(),
        QStringLiteral("confirmed"));

    // Teachers first.
    HttpAnswer applied = m_http->postJson(base + QStringLiteral("/decisions"), batch, school);
    QCOMPARE(applied.status, 200);
    for (const QJsonValue &r : applied.json().value(QStringLiteral("results")).toArray())
        QCOMPARE(r.toObject().value(QStringLiteral("outcome")).toString(), QStringLiteral("applied"));

    // Approving made each teacher an account and mailed a one-time link to set its password (never a password):
    // Семёнова, class teacher of 5А by the imported file, opens it, chooses a password and signs in.
    const test::ReceivedMail invitation =
        mailTo(QStringLiteral("semenova@test.example"), QStringLiteral("задайте пароль"));
    const QString invitationBody = invitation.parsed.value(QStringLiteral("body")).toString();
    QVERIFY2(invitationBody.contains(QStringLiteral("Логин: semenova@test.example")), qPrintable(invitationBody));
    QVERIFY(!invitationBody.contains(QStringLiteral("Временный пароль")));
    static const QRegularExpression linkRe(QStringLiteral(R"((https?://\S+/api/v1/account/password\?token=\S+))"));
    const auto linkMatch = linkRe.match(invitationBody);
    QVERIFY2(linkMatch.hasMatch(), qPrintable(invitationBody));
    const QUrl invitationUrl(linkMatch.captured(1));
    QCOMPARE(invitationUrl.port(), m_server->url().port());
    const QString pagePath = invitationUrl.path() + QLatin1Char('?') + invitationUrl.query(QUrl::FullyEncoded);
    const HttpAnswer page = m_http->get(pagePath);
    QCOMPARE(page.status, 200);
    QVERIFY(QString::fromUtf8(page.body).contains(QStringLiteral("semenova@test.example")));
    const QString linkToken = QUrlQuery(invitationUrl).queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded);
    const QString teacherPassword = QStringLiteral("сова читает журнал под лампой");
    const QByteArray form = "token=" + QUrl::toPercentEncoding(linkToken) + "&password="
        + QUrl::toPercentEncoding(teacherPassword) + "&repeat=" + QUrl::toPercentEncoding(teacherPassword);
    QCOMPARE(m_http
                 ->send("POST", QStringLiteral("/api/v1/account/password"), form,
                     {{QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")}})
                 .status,
        200);
    QVERIFY(mailTo(QStringLiteral("ershov@test.example"), QStringLiteral("задайте пароль"))
                .parsed.value(QStringLiteral("body"))
                .toString()
                .contains(QStringLiteral("/api/v1/account/password?token=")));
    const QString teacher = tokenOf(m_http->postJson(QStringLiteral("/api/v1/session"),
        {{QStringLiteral("login"), QStringLiteral("semenova@test.example")},
            {QStringLiteral("password"), teacherPassword}}));
    QVERIFY(!teacher.isEmpty());

    // The teacher sees only the students of 5А, and cannot send reports or see teachers.
    const HttpAnswer students = m_http->get(base + QStringLiteral("/members"), teacher);
    QCOMPARE(students.status, 200);
    const QJsonArray mine = students.json().value(QStringLiteral("items")).toArray();
    QCOMPARE(mine.size(), 2);
    for (const QJsonValue &s : mine)
        QCOMPARE(s.toObject().value(QStringLiteral("className")).toString(), QStringLiteral("5А"));
    QCOMPARE(m_http->get(base + QStringLiteral("/members?role=teacher"), teacher).status, 403);
    QCOMPARE(m_http
                 ->postJson(base + QStringLiteral("/reports"),
                     {{QStringLiteral("key"), QStringLiteral("teacher-report")}}, teacher)
                 .status,
        403);

    // He approves one of his students, and is refused for 5Б.
    const QJsonArray all = m_http->get(base + QStringLiteral("/members?role=student"), school)
                               .json()
                               .value(QStringLiteral("items"))
                               .toArray();
    QJsonObject other;
    for (const QJsonValue &s : all) {
        if (s.toObject().value(QStringLiteral("className")).toString() == QStringLiteral("5Б"))
            other = s.toObject();
    }
    QVERIFY(!other.isEmpty());
    const HttpAnswer studentBatch = m_http->postJson(base + QStringLiteral("/decisions"),
        {{QStringLiteral("items"),
            QJsonArray{itemFor(mine.at(0).toObject(), QStringLiteral("student-key-0001")),
                itemFor(other, QStringLiteral("student-key-0002"))}}},
        teacher);
    QCOMPARE(studentBatch.status, 200);
    const QJsonArray results = studentBatch.json().value(QStringLiteral("results")).toArray();
    QCOMPARE(results.at(0).toObject().value(QStringLiteral("outcome")).toString(), QStringLiteral("applied"));
    QCOMPARE(results.at(1).toObject().value(QStringLiteral("outcome")).toString(), QStringLiteral("forbidden"));

    // The report: numbered, with the round's decisions; nothing left to report afterwards.
    QCOMPARE(m_http->get(base, school).json().value(QStringLiteral("unreportedDecisions")).toInt(), 3);
    const QJsonObject reportBody = m_http->previewedReport(base, QStringLiteral("report-round-1"), school);
    const HttpAnswer report = m_http->postJson(base + QStringLiteral("/reports"), reportBody, school);
    QCOMPARE(report.status, 201);
    QCOMPARE(report.json().value(QStringLiteral("number")).toInt(), 1);
    QCOMPARE(report.json().value(QStringLiteral("teachersApproved")).toInt(), 2);
    QCOMPARE(report.json().value(QStringLiteral("studentsApproved")).toInt(), 1);
    QCOMPARE(m_http->postJson(base + QStringLiteral("/reports"), reportBody, school)
                 .json()
                 .value(QStringLiteral("number"))
                 .toInt(),
        1); // replayed, not doubled
    QCOMPARE(m_http
                 ->postJson(base + QStringLiteral("/reports"),
                     {{QStringLiteral("key"), QStringLiteral("report-round-2")}}, school)
                 .code(),
        QStringLiteral("nothing-to-report"));

    // Every change is in the audit log, and the chain verifies.
    const auto verification = m_server->server().audit().verify();
    QVERIFY2(verification.ok, qPrintable(verification.problem));
    QStringList actions;
    for (const auto &e : m_server->server().audit().entries(m_schoolId, 0, 1000))
        actions.append(e.action);
    for (const char *expected : {"account.created", "consent.recorded", "director.submitted", "director.confirmed",
             "decision.applied", "report.created", "password.changed", "account.invited", "password.set"}) {
        QVERIFY2(actions.contains(QString::fromLatin1(expected)), expected);
    }
    QCOMPARE(actions.count(QStringLiteral("decision.applied")), 3);
}

void TestWorkflow::directorChangeWithOrder()
{
    const QString school = onboardSchool();
    QVERIFY(!school.isEmpty());
    const QString base = QStringLiteral("/api/v1/schools/%1").arg(m_schoolId);
    const QString version =
        m_http->get(QStringLiteral("/api/v1/consent")).json().value(QStringLiteral("version")).toString();
    QCOMPARE(
        m_http->postJson(base + QStringLiteral("/director/consent"), {{QStringLiteral("version"), version}}, school)
            .status,
        201);
    QJsonObject director{{QStringLiteral("kind"), QStringLiteral("initial")},
        {QStringLiteral("surname"), QStringLiteral("Орлов")}, {QStringLiteral("name"), QStringLiteral("Олег")},
        {QStringLiteral("position"), QStringLiteral("Директор")},
        {QStringLiteral("email"), QStringLiteral("orlov@test.example")}, {QStringLiteral("inn"), kInn}};
    QCOMPARE(m_http->postJson(base + QStringLiteral("/director/submissions"), director, school).status, 201);
    // A change is possible only once a director is confirmed.
    director.insert(QStringLiteral("kind"), QStringLiteral("change"));
    QCOMPARE(m_server->server().directors().decide(1, 1, QStringLiteral("operator-cli"), true, {}, 1).ok(), true);

    // A change without the order is refused; a text file named .pdf is refused by its content.
    QCOMPARE(m_http->postJson(base + QStringLiteral("/director/submissions"), director, school).code(),
        QStringLiteral("validation-failed"));
    director.insert(QStringLiteral("surname"), QStringLiteral("Щербакова"));
    director.insert(QStringLiteral("name"), QStringLiteral("Елена"));
    director.insert(QStringLiteral("order"),
        QJsonObject{{QStringLiteral("fileName"), QStringLiteral("Приказ.pdf")},
            {QStringLiteral("contentType"), QStringLiteral("application/pdf")},
            {QStringLiteral("data"), QString::fromLatin1(QByteArray("not a pdf at all").toBase64())}});
    const HttpAnswer fake = m_http->postJson(base + QStringLiteral("/director/submissions"), director, school);
    QCOMPARE(fake.status, 415);
    QCOMPARE(fake.code(), QStringLiteral("unsupported-file-type"));
    const QByteArray pdf =
        QByteArrayLiteral("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    director.insert(QStringLiteral("order"),
        QJsonObject{{QStringLiteral("fileName"), QStringLiteral("Приказ № 17-к.pdf")},
            {QStringLiteral("data"), QString::fromLatin1(pdf.toBase64())}});
    const HttpAnswer change = m_http->postJson(base + QStringLiteral("/director/submissions"), director, school);
    QCOMPARE(change.status, 201);
    QCOMPARE(change.json().value(QStringLiteral("orderContentType")).toString(), QStringLiteral("application/pdf"));
    QVERIFY(
        m_http->get(base + QStringLiteral("/director"), school).json().value(QStringLiteral("changePending")).toBool());
    // The old director stays confirmed while the change is reviewed: confirming people goes on.
    QCOMPARE(m_http->get(base + QStringLiteral("/director"), school).json().value(QStringLiteral("status")).toString(),
        QStringLiteral("confirmed"));

    // The order file comes back byte for byte, as a download, to the school (and the operator).
    const qint64 id = change.json().value(QStringLiteral("id")).toInteger();
    const HttpAnswer file = m_http->get(QStringLiteral("/api/v1/director-requests/%1/order").arg(id), school);
    QCOMPARE(file.status, 200);
    QCOMPARE(file.body, pdf);
    QCOMPARE(file.contentType, QByteArray("application/pdf"));
    QVERIFY(file.header("Content-Disposition").startsWith("attachment"));

    // Rejected with a reason: the school is told why, the current director stays.
    auto rejected = m_server->server().directors().decide(
        id, 1, QStringLiteral("operator-cli"), false, QStringLiteral("Приказ не подписан"), 1);
    QVERIFY(rejected.ok());
    const QJsonObject card = m_http->get(base + QStringLiteral("/director"), school).json();
    QCOMPARE(card.value(QStringLiteral("status")).toString(), QStringLiteral("confirmed"));
    QCOMPARE(card.value(QStringLiteral("directorName")).toString(), QStringLiteral("Орлов Олег"));
    QVERIFY(!card.value(QStringLiteral("changePending")).toBool());
    const test::ReceivedMail mail =
        mailTo(QStringLiteral("school1234@test.example"), QStringLiteral("Смена директора отклонена"));
    QVERIFY(mail.parsed.value(QStringLiteral("body")).toString().contains(QStringLiteral("Приказ не подписан")));
}

QTEST_GUILESS_MAIN(TestWorkflow)
#include "tst_workflow.moc"
