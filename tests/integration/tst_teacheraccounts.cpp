// Teachers' accounts follow the decisions on them: approving a teacher makes an account (login: the application's
// e-mail) and mails a one-time link to /api/v1/account/password, where the teacher chooses a password under the policy;
// the teacher then signs in and decides on the students of the classes the school assigned, and only those.
// Taking the approval back or rejecting disables the account and ends its sessions; the rejection's reason is
// mailed with the report. The page refuses bad input with a page of its own, never a 5xx. Both backends.

#include "core/errorcodes.h"
#include "rawhttp.h"
#include "server/auditlog.h"
#include "server/database.h"
#include "server/memberaccounts.h"
#include "testserver.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTest>

using namespace sg;
using test::HttpAnswer;

class TestTeacherAccounts : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void approvalMakesAccountAndLinkSetsPassword();
    void teacherDecidesOnlyOwnClasses();
    void takingBackAndRejectingDisableAndReportMailsReason();
    void teacherWithoutEmailGetsNoAccount();
    void newLinkReplacesTheOld();
    void passwordPageInEnglish();
    void studentAccountSeesItsOwnStatusAndEndsWithGraduation();
    void badInputOnThePage_data();
    void badInputOnThePage();

private:
    QString signIn(const QString &login, const QString &password);
    QString base() const { return QStringLiteral("/api/v1/schools/%1").arg(m_server->demo().schoolId); }
    QJsonObject decide(const QString &token, qint64 id, const QString &verdict, qint64 baseVersion);
    qint64 scalar(const QString &sql, const QVariantList &values = {});
    qint64 version(qint64 memberId);
    QStringList mailsTo(const QString &recipient);
    static QString tokenIn(const QString &mail);
    HttpAnswer postForm(const QList<QPair<QString, QString>> &fields);
    // Approves a pending teacher who leads a class and has an e-mail; sets the password through the mailed link.
    void approveAndSetPassword();

    std::unique_ptr<test::TestServer> m_server;
    std::unique_ptr<test::RawHttp> m_http;
    QString m_school;
    qint64 m_teacher = 0;
    QString m_email;
    int m_key = 0;
    const QString m_password = QStringLiteral("зелёный трамвай едет к морю");
};

void TestTeacherAccounts::init()
{
    m_server = std::make_unique<test::TestServer>();
    QVERIFY2(m_server->isValid(), qPrintable(m_server->errorString()));
    m_http = std::make_unique<test::RawHttp>(m_server->url());
    m_school = signIn(QStringLiteral("demo-school"), test::TestServer::kPassword);
    QVERIFY(!m_school.isEmpty());
    QSqlQuery q(m_server->server().database().connection());
    QVERIFY(q.exec(QStringLiteral("SELECT m.id, m.email FROM members m WHERE m.role = 'teacher' AND m.status = "
                                  "'pending' AND m.email <> '' AND m.user_id IS NULL AND EXISTS (SELECT 1 FROM "
                                  "teacher_classes tc WHERE tc.teacher_id = m.id) ORDER BY m.id")));
    QVERIFY(q.next());
    m_teacher = q.value(0).toLongLong();
    m_email = q.value(1).toString();
}

QString TestTeacherAccounts::signIn(const QString &login, const QString &password)
{
    return m_http
        ->postJson(QStringLiteral("/api/v1/session"),
            {{QStringLiteral("login"), login}, {QStringLiteral("password"), password}})
        .json()
        .value(QStringLiteral("token"))
        .toString();
}

QJsonObject TestTeacherAccounts::decide(const QString &token, qint64 id, const QString &verdict, qint64 baseVersion)
{
    QJsonObject item{{QStringLiteral("key"), QStringLiteral("teacher-accounts-%1").arg(++m_key)},
        {QStringLiteral("memberId"), id}, {QStringLiteral("verdict"), verdict},
        {QStringLiteral("baseVersion"), baseVersion}};
    if (verdict == QLatin1String("reject"))
        item.insert(QStringLiteral("reason"), QStringLiteral("Не работает в нашей школе"));
    const HttpAnswer a =
        m_http->postJson(base() + QStringLiteral("/decisions"), {{QStringLiteral("items"), QJsonArray{item}}}, token);
    return a.json().value(QStringLiteral("results")).toArray().first().toObject();
}

qint64 TestTeacherAccounts::scalar(const QString &sql, const QVariantList &values)
{
    QSqlQuery q(m_server->server().database().connection());
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

qint64 TestTeacherAccounts::version(qint64 memberId)
{
    return scalar(QStringLiteral("SELECT version FROM members WHERE id = ?"), {memberId});
}

QStringList TestTeacherAccounts::mailsTo(const QString &recipient)
{
    QStringList out;
    QSqlQuery q(m_server->server().database().connection());
    q.prepare(QStringLiteral("SELECT body FROM mail_outbox WHERE recipient = ? ORDER BY id"));
    q.addBindValue(recipient);
    if (q.exec()) {
        while (q.next())
            out.append(q.value(0).toString());
    }
    return out;
}

QString TestTeacherAccounts::tokenIn(const QString &mail)
{
    static const QRegularExpression link(QStringLiteral(R"(/api/v1/account/password\?token=([A-Za-z0-9_%-]+))"));
    const auto m = link.match(mail);
    return m.hasMatch() ? QUrl::fromPercentEncoding(m.captured(1).toLatin1()) : QString();
}

HttpAnswer TestTeacherAccounts::postForm(const QList<QPair<QString, QString>> &fields)
{
    QByteArray body;
    for (const auto &[name, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return m_http->send("POST", QStringLiteral("/api/v1/account/password"), body,
        {{QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")}});
}

void TestTeacherAccounts::approveAndSetPassword()
{
    QCOMPARE(decide(m_school, m_teacher, QStringLiteral("approve"), version(m_teacher))
                 .value(QStringLiteral("outcome"))
                 .toString(),
        QStringLiteral("applied"));
    const QStringList mails = mailsTo(m_email);
    QCOMPARE(mails.size(), 1);
    const QString token = tokenIn(mails.first());
    QVERIFY2(!token.isEmpty(), qPrintable(mails.first()));
    const HttpAnswer done = postForm({{QStringLiteral("token"), token}, {QStringLiteral("password"), m_password},
        {QStringLiteral("repeat"), m_password}});
    QCOMPARE(done.status, 200);
}

void TestTeacherAccounts::approvalMakesAccountAndLinkSetsPassword()
{
    const qint64 auditBefore = scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log"));
    QCOMPARE(decide(m_school, m_teacher, QStringLiteral("approve"), version(m_teacher))
                 .value(QStringLiteral("outcome"))
                 .toString(),
        QStringLiteral("applied"));

    // An account of the school, active, without a password yet, tied to the person.
    const QString login = m_email.toLower();
    const qint64 userId = scalar(QStringLiteral("SELECT id FROM users WHERE login = ? AND role = 'teacher' AND "
                                                "school_id = ? AND disabled = 0 AND password_hash = ''"),
        {login, m_server->demo().schoolId});
    QVERIFY(userId > 0);
    QCOMPARE(scalar(QStringLiteral("SELECT user_id FROM members WHERE id = ?"), {m_teacher}), userId);

    // The mail names the login and carries the link; never a password.
    const QStringList mails = mailsTo(m_email);
    QCOMPARE(mails.size(), 1);
    QVERIFY(mails.first().contains(login));
    QVERIFY(!mails.first().contains(QStringLiteral("Пароль:")));
    const QString token = tokenIn(mails.first());
    QVERIFY2(!token.isEmpty(), qPrintable(mails.first()));
    QVERIFY(
        mails.first().contains(m_server->server().publicUrl().toString() + QStringLiteral("/api/v1/account/password")));
    // Only a hash of the token is stored.
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM account_tokens WHERE user_id = ?"), {userId}), 1);

    // No password is a password.
    QVERIFY(signIn(login, QString()).isEmpty());
    QVERIFY(signIn(login, QStringLiteral("anything at all 123")).isEmpty());

    // The page: a form, strict CSP, no referrer, not cached.
    const HttpAnswer form = m_http->get(QStringLiteral("/api/v1/account/password?token=") + token);
    QCOMPARE(form.status, 200);
    QVERIFY(form.contentType.startsWith("text/html"));
    QVERIFY(form.header("content-security-policy").contains("default-src 'none'"));
    QVERIFY(!form.header("content-security-policy").contains("script-src"));
    QCOMPARE(form.header("referrer-policy"), QByteArray("no-referrer"));
    QCOMPARE(form.header("cache-control"), QByteArray("no-store"));
    const QString page = QString::fromUtf8(form.body);
    QVERIFY(page.contains(login));
    QVERIFY(page.contains(QStringLiteral("autocomplete=\"new-password\"")));
    QVERIFY(page.contains(QStringLiteral("<label for=\"password\">")));
    QVERIFY(!page.contains(QStringLiteral("<script")));

    // Two different entries, a weak password, one with the login in it: refused with the form again.
    const auto refusedWith = [&](const QString &password, const QString &repeat, const QString &words) {
        const HttpAnswer a = postForm({{QStringLiteral("token"), token}, {QStringLiteral("password"), password},
            {QStringLiteral("repeat"), repeat}});
        const QString body = QString::fromUtf8(a.body);
        return a.status == 400 && body.contains(words) && body.contains(QStringLiteral("name=\"token\""));
    };
    QVERIFY(refusedWith(m_password, m_password + QLatin1Char('!'), QStringLiteral("не совпадают")));
    QVERIFY(refusedWith(QStringLiteral("qwertyuiop12"), QStringLiteral("qwertyuiop12"), QStringLiteral("подобрать")));
    QVERIFY(refusedWith(QStringLiteral("короткий"), QStringLiteral("короткий"), QStringLiteral("короче")));
    QVERIFY(refusedWith(login + QStringLiteral("2024"), login + QStringLiteral("2024"), QStringLiteral("подобрать")));
    QVERIFY(signIn(login, QStringLiteral("qwertyuiop12")).isEmpty());

    const HttpAnswer done = postForm({{QStringLiteral("token"), token}, {QStringLiteral("password"), m_password},
        {QStringLiteral("repeat"), m_password}});
    QCOMPARE(done.status, 200);
    QVERIFY(QString::fromUtf8(done.body).contains(QStringLiteral("Пароль задан")));
    // The link works once.
    QCOMPARE(postForm({{QStringLiteral("token"), token}, {QStringLiteral("password"), m_password + QLatin1Char('x')},
                          {QStringLiteral("repeat"), m_password + QLatin1Char('x')}})
                 .status,
        410);
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/account/password?token=") + token).status, 410);

    // The teacher signs in with it, as a teacher of the school.
    const HttpAnswer session = m_http->postJson(QStringLiteral("/api/v1/session"),
        {{QStringLiteral("login"), login}, {QStringLiteral("password"), m_password}});
    QCOMPARE(session.status, 201);
    const QJsonObject user = session.json().value(QStringLiteral("user")).toObject();
    QCOMPARE(user.value(QStringLiteral("role")).toString(), QStringLiteral("teacher"));
    QCOMPARE(user.value(QStringLiteral("schoolId")).toInteger(), m_server->demo().schoolId);

    // Every step is in the audit log.
    QSqlQuery q(m_server->server().database().connection());
    QVERIFY(q.exec(QStringLiteral("SELECT action FROM audit_log WHERE id > %1 ORDER BY id").arg(auditBefore)));
    QStringList actions;
    while (q.next())
        actions.append(q.value(0).toString());
    for (const char *action : {"decision.applied", "account.created", "account.invited", "password.set"})
        QVERIFY2(actions.contains(QLatin1String(action)), qPrintable(actions.join(QLatin1Char(' '))));
    QVERIFY(m_server->server().audit().verify().ok);
}

void TestTeacherAccounts::teacherDecidesOnlyOwnClasses()
{
    approveAndSetPassword();
    const QString teacher = signIn(m_email.toLower(), m_password);
    QVERIFY(!teacher.isEmpty());
    const qint64 own = scalar(QStringLiteral("SELECT id FROM members WHERE role = 'student' AND status = 'pending' AND "
                                             "class_id IN (SELECT class_id FROM teacher_classes WHERE teacher_id = ?) "
                                             "ORDER BY id"),
        {m_teacher});
    const qint64 other = scalar(QStringLiteral("SELECT id FROM members WHERE role = 'student' AND status = 'pending' "
                                               "AND school_id = ? AND class_id NOT IN (SELECT class_id FROM "
                                               "teacher_classes WHERE teacher_id = ?) ORDER BY id"),
        {m_server->demo().schoolId, m_teacher});
    QVERIFY(own > 0);
    QVERIFY(other > 0);
    QCOMPARE(decide(teacher, own, QStringLiteral("approve"), version(own)).value(QStringLiteral("outcome")).toString(),
        QStringLiteral("applied"));
    QCOMPARE(
        decide(teacher, other, QStringLiteral("approve"), version(other)).value(QStringLiteral("outcome")).toString(),
        QStringLiteral("forbidden"));
    // The teacher's list holds students of the own classes only.
    const QJsonArray listed = m_http->get(base() + QStringLiteral("/members?role=student"), teacher)
                                  .json()
                                  .value(QStringLiteral("items"))
                                  .toArray();
    QVERIFY(!listed.isEmpty());
    for (const QJsonValue &v : listed)
        QVERIFY(v.toObject().value(QStringLiteral("id")).toInteger() != other);
}

void TestTeacherAccounts::takingBackAndRejectingDisableAndReportMailsReason()
{
    approveAndSetPassword();
    const QString login = m_email.toLower();
    const QString teacher = signIn(login, m_password);
    QVERIFY(!teacher.isEmpty());
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/me"), teacher).status, 200);

    // The school takes the approval back: the session ends at once and the password no longer signs in.
    QCOMPARE(decide(m_school, m_teacher, QStringLiteral("revert"), version(m_teacher))
                 .value(QStringLiteral("outcome"))
                 .toString(),
        QStringLiteral("applied"));
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/me"), teacher).status, 401);
    QVERIFY(signIn(login, m_password).isEmpty());

    // Approved again: the same account, active again, with its password; no second link.
    QCOMPARE(decide(m_school, m_teacher, QStringLiteral("approve"), version(m_teacher))
                 .value(QStringLiteral("outcome"))
                 .toString(),
        QStringLiteral("applied"));
    QCOMPARE(mailsTo(m_email).size(), 1);
    QVERIFY(!signIn(login, m_password).isEmpty());

    // Rejected instead: disabled; the reason is mailed only with the report, once it cannot be taken back.
    QCOMPARE(decide(m_school, m_teacher, QStringLiteral("revert"), version(m_teacher))
                 .value(QStringLiteral("outcome"))
                 .toString(),
        QStringLiteral("applied"));
    QCOMPARE(decide(m_school, m_teacher, QStringLiteral("reject"), version(m_teacher))
                 .value(QStringLiteral("outcome"))
                 .toString(),
        QStringLiteral("applied"));
    QVERIFY(signIn(login, m_password).isEmpty());
    QCOMPARE(mailsTo(m_email).size(), 1);
    QCOMPARE(m_http->sendReport(base(), QStringLiteral("teacher-accounts-report"), m_school).status, 201);
    const QStringList mails = mailsTo(m_email);
    QCOMPARE(mails.size(), 2);
    QVERIFY(mails.last().contains(QStringLiteral("Причина: Не работает в нашей школе")));
    QCOMPARE(scalar(QStringLiteral("SELECT disabled FROM users WHERE login = ?"), {login}), 1);
}

void TestTeacherAccounts::teacherWithoutEmailGetsNoAccount()
{
    QSqlQuery clear(m_server->server().database().connection());
    clear.prepare(QStringLiteral("UPDATE members SET email = '' WHERE id = ?"));
    clear.addBindValue(m_teacher);
    QVERIFY(clear.exec());
    const qint64 users = scalar(QStringLiteral("SELECT COUNT(*) FROM users"));
    const qint64 mails = scalar(QStringLiteral("SELECT COUNT(*) FROM mail_outbox"));
    QCOMPARE(decide(m_school, m_teacher, QStringLiteral("approve"), version(m_teacher))
                 .value(QStringLiteral("outcome"))
                 .toString(),
        QStringLiteral("applied"));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM users")), users);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM mail_outbox")), mails);
}

void TestTeacherAccounts::newLinkReplacesTheOld()
{
    auto &accounts = m_server->server().memberAccounts();
    QCOMPARE(accounts.sendPasswordLink(QStringLiteral("nobody"), QStringLiteral("test")).error().httpStatus, 404);
    QCOMPARE(accounts.sendPasswordLink(QStringLiteral("demo-school"), QStringLiteral("test")).error().httpStatus, 404);
    QCOMPARE(decide(m_school, m_teacher, QStringLiteral("approve"), version(m_teacher))
                 .value(QStringLiteral("outcome"))
                 .toString(),
        QStringLiteral("applied"));
    const QString login = m_email.toLower();
    const QString first = tokenIn(mailsTo(m_email).value(0));
    QVERIFY(!first.isEmpty());
    const auto sent = accounts.sendPasswordLink(login, QStringLiteral("test"));
    QVERIFY2(sent.ok(), qPrintable(sent ? QString() : sent.error().message));
    QCOMPARE(sent.value(), m_email);
    const QStringList mails = mailsTo(m_email);
    QCOMPARE(mails.size(), 2);
    const QString second = tokenIn(mails.last());
    QVERIFY(!second.isEmpty() && second != first);
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/account/password?token=") + first).status, 410);
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/account/password?token=") + second).status, 200);
    // Not approved now: no link.
    QCOMPARE(decide(m_school, m_teacher, QStringLiteral("revert"), version(m_teacher))
                 .value(QStringLiteral("outcome"))
                 .toString(),
        QStringLiteral("applied"));
    QCOMPARE(accounts.sendPasswordLink(login, QStringLiteral("test")).error().httpStatus, 409);
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/account/password?token=") + second).status, 410);
}

void TestTeacherAccounts::badInputOnThePage_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    const QByteArray form = "application/x-www-form-urlencoded";
    QTest::newRow("GET without a token") << QByteArray("GET") << QStringLiteral("/api/v1/account/password")
                                         << QByteArray() << QByteArray() << 410;
    QTest::newRow("GET with a made-up token")
        << QByteArray("GET") << QStringLiteral("/api/v1/account/password?token=AAAAAAAAAAAAAAAAAAAA") << QByteArray()
        << QByteArray() << 410;
    QTest::newRow("GET with a huge token")
        << QByteArray("GET") << QStringLiteral("/api/v1/account/password?token=") + QString(5000, QLatin1Char('x'))
        << QByteArray() << QByteArray() << 410;
    QTest::newRow("POST as JSON") << QByteArray("POST") << QStringLiteral("/api/v1/account/password")
                                  << QByteArray("application/json") << QByteArray("{\"token\":\"x\"}") << 400;
    QTest::newRow("POST a field twice") << QByteArray("POST") << QStringLiteral("/api/v1/account/password") << form
                                        << QByteArray("token=a&token=b&password=x&repeat=x") << 400;
    QTest::newRow("POST a broken encoding") << QByteArray("POST") << QStringLiteral("/api/v1/account/password") << form
                                            << QByteArray("token=%zz&password=%") << 400;
    QTest::newRow("POST without fields") << QByteArray("POST") << QStringLiteral("/api/v1/account/password") << form
                                         << QByteArray() << 410;
    QTest::newRow("POST a made-up token") << QByteArray("POST") << QStringLiteral("/api/v1/account/password") << form
                                          << QByteArray("token=abc&password=long%20enough%20words%20here&repeat="
                                                        "long%20enough%20words%20here")
                                          << 410;
    QTest::newRow("POST binary") << QByteArray("POST") << QStringLiteral("/api/v1/account/password") << form
                                 << QByteArray("\x00\xff\xfe=\x01", 5) << 400;
    QTest::newRow("PUT") << QByteArray("PUT") << QStringLiteral("/api/v1/account/password") << form << QByteArray("a=b")
                         << 405;
}

void TestTeacherAccounts::badInputOnThePage()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    const qint64 users = scalar(QStringLiteral("SELECT COUNT(*) FROM users WHERE password_hash <> ''"));
    test::RawHttp::Headers headers;
    if (!contentType.isEmpty())
        headers.append({QByteArray("Content-Type"), contentType});
    const HttpAnswer a = m_http->send(method, path, body, headers);
    QCOMPARE(a.status, status);
    if (status != 405) {
        QVERIFY(a.contentType.startsWith("text/html"));
        QVERIFY(QString::fromUtf8(a.body).contains(QStringLiteral("role=\"alert\"")));
    }
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM users WHERE password_hash <> ''")), users);
}

// Students' accounts follow the decisions too: approving a student with an e-mail makes a student's account, whose
// only view of the school is the student's own record (GET /api/v1/me, "membership"); graduation ends it.
void TestTeacherAccounts::studentAccountSeesItsOwnStatusAndEndsWithGraduation()
{
    QSqlQuery q(m_server->server().database().connection());
    QVERIFY(q.exec(
        QStringLiteral("SELECT m.id, m.email, c.grade || c.letter, c.grade FROM members m JOIN classes c ON c.id = "
                       "m.class_id WHERE m.role = 'student' AND m.status = 'pending' AND m.email <> '' "
                       "AND m.user_id IS NULL ORDER BY m.id")));
    QVERIFY(q.next());
    const qint64 student = q.value(0).toLongLong();
    const QString email = q.value(1).toString();
    const QString className = q.value(2).toString();
    const int grade = q.value(3).toInt();
    q.finish();
    QCOMPARE(decide(m_school, student, QStringLiteral("approve"), version(student))
                 .value(QStringLiteral("outcome"))
                 .toString(),
        QStringLiteral("applied"));
    const QString login = email.toLower();
    QVERIFY(
        scalar(QStringLiteral("SELECT id FROM users WHERE login = ? AND role = 'student' AND disabled = 0"), {login})
        > 0);
    const QStringList mails = mailsTo(email);
    QCOMPARE(mails.size(), 1);
    QVERIFY2(
        mails.first().contains(QStringLiteral("обучающегося")) && mails.first().contains(QStringLiteral("Госуслуг")),
        qPrintable(mails.first()));
    const HttpAnswer set = postForm({{QStringLiteral("token"), tokenIn(mails.first())},
        {QStringLiteral("password"), m_password}, {QStringLiteral("repeat"), m_password}});
    QCOMPARE(set.status, 200);
    const QString token = signIn(login, m_password);
    QVERIFY(!token.isEmpty());

    // The student sees the own record, and nothing of the others.
    const HttpAnswer me = m_http->get(QStringLiteral("/api/v1/me"), token);
    QCOMPARE(me.status, 200);
    const QJsonObject membership = me.json().value(QStringLiteral("membership")).toObject();
    QCOMPARE(membership.value(QStringLiteral("status")).toString(), QStringLiteral("approved"));
    QCOMPARE(membership.value(QStringLiteral("role")).toString(), QStringLiteral("student"));
    QCOMPARE(membership.value(QStringLiteral("className")).toString(), className);
    QCOMPARE(m_http->get(base() + QStringLiteral("/members"), token).status, 404);
    QCOMPARE(m_http->get(base() + QStringLiteral("/changes"), token).status, 404);
    const QJsonObject item{{QStringLiteral("key"), QStringLiteral("student-own")},
        {QStringLiteral("memberId"), student}, {QStringLiteral("verdict"), QStringLiteral("reject")},
        {QStringLiteral("baseVersion"), version(student)}, {QStringLiteral("reason"), QStringLiteral("Сам себя")}};
    QCOMPARE(
        m_http->postJson(base() + QStringLiteral("/decisions"), {{QStringLiteral("items"), QJsonArray{item}}}, token)
            .status,
        404);

    // The school graduates the student's grade: the account is disabled and its session ends.
    const HttpAnswer graduated = m_http->postJson(
        base() + QStringLiteral("/graduations"), {{QStringLiteral("grades"), QJsonArray{grade}}}, m_school);
    QVERIFY2(graduated.status == 200, graduated.body.constData());
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/me"), token).status, 401);
    QVERIFY(signIn(login, m_password).isEmpty());
    QCOMPARE(scalar(QStringLiteral("SELECT disabled FROM users WHERE login = ?"), {login}), 1);
    QVERIFY(m_server->server().audit().verify().ok);
}

// The page follows the browser's language (Russian first, English second) and keeps it through the form.
void TestTeacherAccounts::passwordPageInEnglish()
{
    QCOMPARE(decide(m_school, m_teacher, QStringLiteral("approve"), version(m_teacher))
                 .value(QStringLiteral("outcome"))
                 .toString(),
        QStringLiteral("applied"));
    const QString token = tokenIn(mailsTo(m_email).value(0));
    QVERIFY(!token.isEmpty());
    const QString path = QStringLiteral("/api/v1/account/password?token=") + token;
    HttpAnswer a = m_http->send("GET", path, {}, {{QByteArray("Accept-Language"), QByteArray("en-US,en;q=0.9")}});
    QCOMPARE(a.status, 200);
    QCOMPARE(a.header("content-language"), QByteArray("en"));
    QVERIFY(a.body.contains("<label for=\"password\">New password</label>"));
    QVERIFY(a.body.contains("name=\"lang\" value=\"en\""));
    QVERIFY(QString::fromUtf8(m_http->get(path).body).contains(QStringLiteral("Новый пароль"))); // Russian first
    a = postForm({{QStringLiteral("token"), token}, {QStringLiteral("password"), m_password},
        {QStringLiteral("repeat"), m_password + QLatin1Char('!')}, {QStringLiteral("lang"), QStringLiteral("en")}});
    QCOMPARE(a.status, 400);
    QVERIFY2(a.body.contains("The passwords differ"), a.body.constData());
    a = postForm({{QStringLiteral("token"), token}, {QStringLiteral("password"), m_password},
        {QStringLiteral("repeat"), m_password}, {QStringLiteral("lang"), QStringLiteral("en")}});
    QCOMPARE(a.status, 200);
    QVERIFY(a.body.contains("The password is set"));
}

QTEST_GUILESS_MAIN(TestTeacherAccounts)
#include "tst_teacheraccounts.moc"
