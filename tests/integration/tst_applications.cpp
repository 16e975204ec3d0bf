// «Заявка в школу»: a teacher and a student find the school (by INN, by name within a region), apply on the server's
// pages, confirm the e-mail by the mailed link (a button: opening the link changes nothing), and become pending
// people of the school; the school decides and the status link shows the decision. The same e-mail applying
// twice gets the existing application; limits per address and per e-mail; bad input gets a page of its own and
// stores nothing. Both backends.

#include "core/result.h"
#include "rawhttp.h"
#include "server/accountstore.h"
#include "server/applications.h"
#include "server/database.h"
#include "testserver.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace sg;
using test::HttpAnswer;

class TestApplications : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void findTheSchool();
    void teacherAppliesConfirmsAndIsDecided();
    void studentPicksAClassOfTheSchool();
    void sameEmailGetsTheExistingApplication();
    void limitsPerAddressAndEmail();
    void operatorSeesApplications();
    void englishSecond();
    void badInput_data();
    void badInput();
    void teacherAndStudentInARealBrowser();

private:
    // Runs tests/e2e/apply.mjs with this configuration; the browser's output, or an error.
    Result<QString> runBrowser(QJsonObject config);
    using Fields = QList<QPair<QString, QString>>;
    HttpAnswer postForm(const QString &path, const Fields &fields);
    Fields teacherForm(const QString &email) const;
    qint64 scalar(const QString &sql, const QVariantList &values = {});
    QStringList mailsTo(const QString &recipient);
    static QString tokenIn(const QString &mail);
    QString signIn(const QString &login, const QString &password);
    QString applyPath() const { return QStringLiteral("/api/v1/apply/%1").arg(m_server->demo().schoolId); }

    std::unique_ptr<test::TestServer> m_server;
    std::unique_ptr<test::RawHttp> m_http;
    int m_key = 0;
};

void TestApplications::init()
{
    m_server = std::make_unique<test::TestServer>();
    QVERIFY2(m_server->isValid(), qPrintable(m_server->errorString()));
    m_http = std::make_unique<test::RawHttp>(m_server->url());
}

HttpAnswer TestApplications::postForm(const QString &path, const Fields &fields)
{
    QByteArray body;
    for (const auto &[name, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return m_http->send(
        "POST", path, body, {{QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")}});
}

TestApplications::Fields TestApplications::teacherForm(const QString &email) const
{
    return {{QStringLiteral("role"), QStringLiteral("teacher")}, {QStringLiteral("surname"), QStringLiteral("Ёлкина")},
        {QStringLiteral("name"), QStringLiteral("Дарья")}, {QStringLiteral("patronymic"), QStringLiteral("Олеговна")},
        {QStringLiteral("email"), email}, {QStringLiteral("subject"), QStringLiteral("Физика, астрономия")},
        {QStringLiteral("class"), QString()}, {QStringLiteral("consent"), QStringLiteral("yes")}};
}

qint64 TestApplications::scalar(const QString &sql, const QVariantList &values)
{
    QSqlQuery q(m_server->server().database().connection());
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

QStringList TestApplications::mailsTo(const QString &recipient)
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

QString TestApplications::tokenIn(const QString &mail)
{
    static const QRegularExpression link(QStringLiteral(R"(/api/v1/apply/status\?token=([A-Za-z0-9_%-]+))"));
    const auto m = link.match(mail);
    return m.hasMatch() ? QUrl::fromPercentEncoding(m.captured(1).toLatin1()) : QString();
}

QString TestApplications::signIn(const QString &login, const QString &password)
{
    return m_http
        ->postJson(QStringLiteral("/api/v1/session"),
            {{QStringLiteral("login"), login}, {QStringLiteral("password"), password}})
        .json()
        .value(QStringLiteral("token"))
        .toString();
}

void TestApplications::findTheSchool()
{
    const HttpAnswer start = m_http->get(QStringLiteral("/api/v1/apply"));
    QCOMPARE(start.status, 200);
    QVERIFY(start.contentType.startsWith("text/html"));
    QVERIFY(start.header("content-security-policy").contains("default-src 'none'"));
    QVERIFY(QString::fromUtf8(start.body).contains(QStringLiteral("<label for=\"inn\">")));
    QVERIFY(QString::fromUtf8(start.body).contains(QStringLiteral("Тверская область")));

    const QString link = QStringLiteral("href=\"%1\"").arg(applyPath());
    // By INN, as people paste it (with spaces).
    HttpAnswer found = m_http->get(QStringLiteral("/api/v1/apply?inn=695%20012%203467"));
    QCOMPARE(found.status, 200);
    QVERIFY(QString::fromUtf8(found.body).contains(link));
    QVERIFY(!QString::fromUtf8(found.body).contains(QStringLiteral("ИНН 7")));
    // As a browser sends the form with GET: spaces as '+'.
    found = m_http->get(QStringLiteral("/api/v1/apply?inn=&name=%D1%81%D0%BE%D1%88+%E2%84%96+17&region="));
    QCOMPARE(found.status, 200);
    QVERIFY(QString::fromUtf8(found.body).contains(link));
    // By a part of the name in any case and with ё/е, within the region.
    QUrlQuery byName;
    byName.addQueryItem(QStringLiteral("name"), QStringLiteral("сош № 17"));
    byName.addQueryItem(QStringLiteral("region"), QStringLiteral("Тверская область"));
    found = m_http->get(QStringLiteral("/api/v1/apply?") + byName.toString(QUrl::FullyEncoded));
    QCOMPARE(found.status, 200);
    QVERIFY(QString::fromUtf8(found.body).contains(link));
    byName.removeAllQueryItems(QStringLiteral("region"));
    byName.addQueryItem(QStringLiteral("region"), QStringLiteral("Нет такого региона"));
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/apply?") + byName.toString(QUrl::FullyEncoded)).status, 404);
    // A malformed INN, too short a name, nothing found: a page that says so.
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/apply?inn=12345")).status, 400);
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/apply?name=%D1%88")).status, 400);
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/apply?inn=7707083893")).status, 404);
}

void TestApplications::teacherAppliesConfirmsAndIsDecided()
{
    const QString email = QStringLiteral("elkina.d@test.example");
    const qint64 members = scalar(QStringLiteral("SELECT COUNT(*) FROM members"));
    const HttpAnswer page = m_http->get(applyPath());
    QCOMPARE(page.status, 200);
    const QString html = QString::fromUtf8(page.body);
    for (const char *id : {"surname", "name", "patronymic", "email", "class", "subject"})
        QVERIFY2(html.contains(QStringLiteral("<label for=\"%1\">").arg(QLatin1String(id))), id);
    QVERIFY(html.contains(QStringLiteral("<option value=\""))); // the school's classes
    QVERIFY(!html.contains(QStringLiteral("<script")));

    const HttpAnswer sent = postForm(applyPath(), teacherForm(email));
    QCOMPARE(sent.status, 200);
    QVERIFY(QString::fromUtf8(sent.body).contains(QStringLiteral("Письмо отправлено")));
    // Not in the school's lists until the e-mail is confirmed.
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM members")), members);
    const QStringList mails = mailsTo(email);
    QCOMPARE(mails.size(), 1);
    const QString token = tokenIn(mails.first());
    QVERIFY2(!token.isEmpty(), qPrintable(mails.first()));

    // Opening the link (as a mail scanner would) changes nothing; the button confirms.
    const QString statusPath = QStringLiteral("/api/v1/apply/status?token=") + token;
    HttpAnswer status = m_http->get(statusPath);
    QCOMPARE(status.status, 200);
    QVERIFY(QString::fromUtf8(status.body).contains(QStringLiteral("action=\"/api/v1/apply/confirm\"")));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM members")), members);
    HttpAnswer confirmed = postForm(QStringLiteral("/api/v1/apply/confirm"), {{QStringLiteral("token"), token}});
    QCOMPARE(confirmed.status, 200);
    QVERIFY(QString::fromUtf8(confirmed.body).contains(QStringLiteral("на рассмотрении")));
    const qint64 memberId = scalar(QStringLiteral("SELECT id FROM members WHERE email = ? AND role = 'teacher' AND "
                                                  "status = 'pending' AND school_id = ?"),
        {email, m_server->demo().schoolId});
    QVERIFY(memberId > 0);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM members")), members + 1);
    // Confirming again adds nobody.
    QCOMPARE(postForm(QStringLiteral("/api/v1/apply/confirm"), {{QStringLiteral("token"), token}}).status, 200);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM members")), members + 1);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'application.confirmed'")), 1);

    // The school sees the applicant among its pending teachers and approves; the status link says so, and the
    // teacher gets the link to set the password of the account.
    const QString school = signIn(QStringLiteral("demo-school"), test::TestServer::kPassword);
    const QString base = QStringLiteral("/api/v1/schools/%1").arg(m_server->demo().schoolId);
    bool listed = false;
    for (const QJsonValue &v : m_http->get(base + QStringLiteral("/members?role=teacher"), school)
                                   .json()
                                   .value(QStringLiteral("items"))
                                   .toArray())
        listed = listed || v.toObject().value(QStringLiteral("id")).toInteger() == memberId;
    QVERIFY(listed);
    const QJsonObject item{{QStringLiteral("key"), QStringLiteral("application-%1").arg(++m_key)},
        {QStringLiteral("memberId"), memberId}, {QStringLiteral("verdict"), QStringLiteral("approve")},
        {QStringLiteral("baseVersion"), 1}};
    const HttpAnswer decided =
        m_http->postJson(base + QStringLiteral("/decisions"), {{QStringLiteral("items"), QJsonArray{item}}}, school);
    QVERIFY2(decided.status == 200, decided.body.constData());
    QCOMPARE(decided.json()
                 .value(QStringLiteral("results"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("outcome"))
                 .toString(),
        QStringLiteral("applied"));
    status = m_http->get(statusPath);
    QVERIFY(QString::fromUtf8(status.body).contains(QStringLiteral("Школа подтвердила заявку")));
    QCOMPARE(mailsTo(email).size(), 2);
    QVERIFY(mailsTo(email).last().contains(QStringLiteral("/api/v1/account/password?token=")));
}

void TestApplications::studentPicksAClassOfTheSchool()
{
    Fields form{{QStringLiteral("role"), QStringLiteral("student")},
        {QStringLiteral("surname"), QStringLiteral("Мамедов")}, {QStringLiteral("name"), QStringLiteral("Эльчин")},
        {QStringLiteral("patronymic"), QStringLiteral("Рауф оглы")},
        {QStringLiteral("email"), QStringLiteral("mamedov@test.example")},
        {QStringLiteral("consent"), QStringLiteral("yes")}};
    // No class, or a class of another school: the form again, with the reason.
    HttpAnswer a = postForm(applyPath(), form);
    QCOMPARE(a.status, 400);
    QVERIFY(QString::fromUtf8(a.body).contains(QStringLiteral("выберите свой класс")));
    const qint64 foreignClass =
        scalar(QStringLiteral("SELECT id FROM classes WHERE school_id <> ? ORDER BY id"), {m_server->demo().schoolId});
    if (foreignClass > 0) {
        a = postForm(applyPath(), form + Fields{{QStringLiteral("class"), QString::number(foreignClass)}});
        QCOMPARE(a.status, 400);
    }
    const qint64 ownClass =
        scalar(QStringLiteral("SELECT id FROM classes WHERE school_id = ? ORDER BY id"), {m_server->demo().schoolId});
    QVERIFY(ownClass > 0);
    a = postForm(applyPath(), form + Fields{{QStringLiteral("class"), QString::number(ownClass)}});
    QCOMPARE(a.status, 200);
    const QString token = tokenIn(mailsTo(QStringLiteral("mamedov@test.example")).value(0));
    QCOMPARE(postForm(QStringLiteral("/api/v1/apply/confirm"), {{QStringLiteral("token"), token}}).status, 200);
    QCOMPARE(scalar(QStringLiteral("SELECT class_id FROM members WHERE email = 'mamedov@test.example' AND role = "
                                   "'student' AND patronymic = 'Рауф оглы'")),
        ownClass);
}

void TestApplications::sameEmailGetsTheExistingApplication()
{
    const QString email = QStringLiteral("twice@test.example");
    QCOMPARE(postForm(applyPath(), teacherForm(email)).status, 200);
    const QString first = tokenIn(mailsTo(email).value(0));
    QCOMPARE(postForm(applyPath(), teacherForm(QStringLiteral("Twice@Test.example"))).status, 200);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM applications WHERE email = ?"), {email}), 1);
    const QStringList mails = mailsTo(email) + mailsTo(QStringLiteral("Twice@Test.example"));
    QCOMPARE(mails.size(), 2);
    const QString second = tokenIn(mails.last());
    QVERIFY(!second.isEmpty() && second != first);
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/apply/status?token=") + first).status, 410);
    QCOMPARE(postForm(QStringLiteral("/api/v1/apply/confirm"), {{QStringLiteral("token"), second}}).status, 200);
    // A teacher already in the school's lists with this e-mail: confirming ties the application to that person.
    const qint64 members = scalar(QStringLiteral("SELECT COUNT(*) FROM members"));
    const QString known = QStringLiteral("known@test.example");
    QSqlQuery q(m_server->server().database().connection());
    q.prepare(QStringLiteral("UPDATE members SET email = ? WHERE id = (SELECT MIN(id) FROM members WHERE role = "
                             "'teacher' AND school_id = ?)"));
    q.addBindValue(known);
    q.addBindValue(m_server->demo().schoolId);
    QVERIFY(q.exec());
    QCOMPARE(postForm(applyPath(), teacherForm(known)).status, 200);
    QCOMPARE(
        postForm(QStringLiteral("/api/v1/apply/confirm"), {{QStringLiteral("token"), tokenIn(mailsTo(known).value(0))}})
            .status,
        200);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM members")), members);
}

void TestApplications::limitsPerAddressAndEmail()
{
    const QString email = QStringLiteral("limit@test.example");
    for (int i = 0; i < server::Applications::kMaxPerEmailPerDay; ++i)
        QCOMPARE(postForm(applyPath(), teacherForm(email)).status, 200);
    HttpAnswer refused = postForm(applyPath(), teacherForm(email));
    QCOMPARE(refused.status, 429);
    QVERIFY(!refused.header("retry-after").isEmpty());
    QCOMPARE(mailsTo(email).size(), server::Applications::kMaxPerEmailPerDay);
    // From one address: at most kMaxPerAddressPerHour applications an hour, whatever the e-mails.
    for (int i = 1; i < server::Applications::kMaxPerAddressPerHour; ++i)
        QCOMPARE(postForm(applyPath(), teacherForm(QStringLiteral("a%1@test.example").arg(i))).status, 200);
    refused = postForm(applyPath(), teacherForm(QStringLiteral("one-more@test.example")));
    QCOMPARE(refused.status, 429);
    QVERIFY(mailsTo(QStringLiteral("one-more@test.example")).isEmpty());
}

void TestApplications::operatorSeesApplications()
{
    server::NewAccount op;
    op.login = QStringLiteral("operator-applications");
    op.password = QStringLiteral("оператор смотрит заявки школ");
    op.role = Role::Operator;
    QVERIFY(m_server->server().accounts().createAccount(op).ok());
    const QString operatorToken = signIn(op.login, op.password);
    QVERIFY(!operatorToken.isEmpty());
    const QString email = QStringLiteral("seen@test.example");
    QCOMPARE(postForm(applyPath(), teacherForm(email)).status, 200);
    const auto statusOf = [&](const QString &query) {
        const HttpAnswer a = m_http->get(QStringLiteral("/api/v1/applications") + query, operatorToken);
        for (const QJsonValue &v : a.json().value(QStringLiteral("items")).toArray()) {
            if (v.toObject().value(QStringLiteral("email")).toString() == email)
                return v.toObject().value(QStringLiteral("status")).toString();
        }
        return QStringLiteral("absent (%1)").arg(a.status);
    };
    QCOMPARE(statusOf(QString()), QStringLiteral("unconfirmed"));
    QCOMPARE(
        postForm(QStringLiteral("/api/v1/apply/confirm"), {{QStringLiteral("token"), tokenIn(mailsTo(email).value(0))}})
            .status,
        200);
    QCOMPARE(statusOf(QStringLiteral("?schoolId=%1").arg(m_server->demo().schoolId)), QStringLiteral("pending"));
    QCOMPARE(statusOf(QStringLiteral("?schoolId=999999")), QStringLiteral("absent (200)"));
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/applications?schoolId=abc"), operatorToken).status, 400);
    // Schools and anonymous callers see no one's applications here.
    const QString school = signIn(QStringLiteral("demo-school"), test::TestServer::kPassword);
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/applications"), school).status, 403);
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/applications")).status, 401);
}

// Russian first, English second: lang= or the browser's Accept-Language; the choice goes through the form, the mail
// and the status link.
void TestApplications::englishSecond()
{
    // Qt's network access adds the test locale's "en-US,*" when no Accept-Language is given: "*" stands for a
    // browser that names no language.
    const auto get = [&](const QString &path, const QByteArray &acceptLanguage = "*") {
        return m_http->send("GET", path, {}, {{QByteArray("Accept-Language"), acceptLanguage}});
    };
    // Russian unless English is asked for, and preferred over Russian.
    HttpAnswer a = get(QStringLiteral("/api/v1/apply"));
    QVERIFY2(a.body.contains("<html lang=\"ru\">"), a.body.left(300).constData());
    QVERIFY(QString::fromUtf8(a.body).contains(QStringLiteral("Найти")));
    QVERIFY(a.body.contains("id=\"language\""));
    QCOMPARE(
        get(QStringLiteral("/api/v1/apply"), "ru-RU,ru;q=0.9,en;q=0.8").header("content-language"), QByteArray("ru"));
    QCOMPARE(get(QStringLiteral("/api/v1/apply"), "de-DE,de;q=0.9").header("content-language"), QByteArray("ru"));
    a = get(QStringLiteral("/api/v1/apply"), "en-GB,en;q=0.9,ru;q=0.5");
    QVERIFY(a.body.contains("<html lang=\"en\">"));
    QCOMPARE(a.header("content-language"), QByteArray("en"));
    QVERIFY(a.header("vary").contains("Accept-Language"));
    QVERIFY(a.body.contains("Applying to a school"));
    // lang= wins over the header, both ways.
    QVERIFY(get(QStringLiteral("/api/v1/apply?lang=ru"), "en").body.contains("<html lang=\"ru\">"));
    a = get(QStringLiteral("/api/v1/apply?lang=en&name=%D0%A1%D0%9E%D0%A8"));
    QVERIFY(a.body.contains("Found: "));
    QVERIFY2(
        a.body.contains(QStringLiteral("href=\"/api/v1/apply/%1?lang=en\"").arg(m_server->demo().schoolId).toUtf8()),
        a.body.constData());
    QVERIFY(a.body.contains("name=\"lang\" value=\"en\"")); // the search form keeps it

    // The form in English; an error keeps the language.
    a = get(applyPath() + QStringLiteral("?lang=en"));
    QVERIFY(a.body.contains("<label for=\"surname\">Surname</label>"));
    QVERIFY(a.body.contains("name=\"lang\" value=\"en\""));
    Fields form = teacherForm(QStringLiteral("english@test.example"));
    form.append({QStringLiteral("lang"), QStringLiteral("en")});
    Fields broken = form;
    broken[0].second = QStringLiteral("pilot");
    a = postForm(applyPath(), broken);
    QCOMPARE(a.status, 400);
    QVERIFY2(a.body.contains("Choose who is applying"), a.body.constData());

    // Sent: the answer, the mail and its link in English; the status and the confirmation too.
    a = postForm(applyPath(), form);
    QCOMPARE(a.status, 200);
    QVERIFY(a.body.contains("A letter was sent to english@test.example"));
    const QStringList mails = mailsTo(QStringLiteral("english@test.example"));
    QCOMPARE(mails.size(), 1);
    QVERIFY2(mails.first().contains(QStringLiteral("You are applying as a teacher")), qPrintable(mails.first()));
    QVERIFY(mails.first().contains(QStringLiteral("&lang=en")));
    const QString token = tokenIn(mails.first());
    a = get(QStringLiteral("/api/v1/apply/status?token=") + token + QStringLiteral("&lang=en"));
    QCOMPARE(a.status, 200);
    QVERIFY(a.body.contains("Confirm the address and send the application"));
    a = postForm(QStringLiteral("/api/v1/apply/confirm"),
        {{QStringLiteral("token"), token}, {QStringLiteral("lang"), QStringLiteral("en")}});
    QCOMPARE(a.status, 200);
    QVERIFY2(a.body.contains("The school is considering the application"), a.body.constData());
    // The same link in Russian.
    QVERIFY(QString::fromUtf8(get(QStringLiteral("/api/v1/apply/status?token=") + token).body)
                .contains(QStringLiteral("на рассмотрении")));
}

void TestApplications::badInput_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    const QByteArray good = "role=teacher&surname=%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2&name=%D0%98%D0%B2%D0%B0%D0%BD"
                            "&email=bad%40test.example&consent=yes";
    QTest::newRow("unknown school") << QByteArray("GET") << QStringLiteral("/api/v1/apply/999999") << QByteArray()
                                    << 404;
    QTest::newRow("school id with garbage")
        << QByteArray("GET") << QStringLiteral("/api/v1/apply/1%2500x") << QByteArray() << 404;
    QTest::newRow("no role") << QByteArray("POST") << QString() << QByteArray(good).replace("role=teacher&", "") << 400;
    QTest::newRow("role made up") << QByteArray("POST") << QString() << QByteArray(good).replace("teacher", "director")
                                  << 400;
    QTest::newRow("digits in the surname")
        << QByteArray("POST") << QString() << QByteArray(good).replace("surname=%D0%98", "surname=1%D0%98") << 400;
    QTest::newRow("not an e-mail") << QByteArray("POST") << QString()
                                   << QByteArray(good).replace("bad%40test.example", "bad.test.example") << 400;
    QTest::newRow("no consent") << QByteArray("POST") << QString() << QByteArray(good).replace("&consent=yes", "")
                                << 400;
    QTest::newRow("huge name") << QByteArray("POST") << QString()
                               << QByteArray(good).replace(
                                      "name=%D0%98%D0%B2%D0%B0%D0%BD&", "name=" + QByteArray(300, 'a') + "&")
                               << 400;
    QTest::newRow("a field twice") << QByteArray("POST") << QString() << good + "&role=student" << 400;
    QTest::newRow("binary") << QByteArray("POST") << QString() << QByteArray("\x00\xff\xfe=\x01", 5) << 400;
    QTest::newRow("confirm a made-up token")
        << QByteArray("POST") << QStringLiteral("/api/v1/apply/confirm") << QByteArray("token=abc") << 410;
    QTest::newRow("confirm without a token")
        << QByteArray("POST") << QStringLiteral("/api/v1/apply/confirm") << QByteArray("x=y") << 410;
    QTest::newRow("status of a made-up token")
        << QByteArray("GET") << QStringLiteral("/api/v1/apply/status?token=abc") << QByteArray() << 410;
    QTest::newRow("INN with letters") << QByteArray("GET") << QStringLiteral("/api/v1/apply?inn=69501234ab")
                                      << QByteArray() << 400;
}

void TestApplications::badInput()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    const QString target = path.isEmpty() ? applyPath() : path;
    const qint64 applications = scalar(QStringLiteral("SELECT COUNT(*) FROM applications"));
    const qint64 members = scalar(QStringLiteral("SELECT COUNT(*) FROM members"));
    const qint64 mails = scalar(QStringLiteral("SELECT COUNT(*) FROM mail_outbox"));
    const HttpAnswer a = method == "GET"
        ? m_http->get(target)
        : m_http->send(
            method, target, body, {{QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")}});
    QCOMPARE(a.status, status);
    QVERIFY(a.contentType.startsWith("text/html"));
    QVERIFY(QString::fromUtf8(a.body).contains(QStringLiteral("role=\"alert\"")));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM applications")), applications);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM members")), members);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM mail_outbox")), mails);
}

Result<QString> TestApplications::runBrowser(QJsonObject config)
{
    const QString e2e = QStringLiteral(SG_E2E_DIR);
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    static QTemporaryDir dir;
    config.insert(QStringLiteral("chromium"), qEnvironmentVariable("SG_CHROMIUM", QStringLiteral("/usr/bin/chromium")));
    const QString screenshots = qEnvironmentVariable("SG_E2E_SCREENSHOTS", dir.filePath(QStringLiteral("shots")));
    QDir().mkpath(screenshots);
    config.insert(QStringLiteral("screenshots"), screenshots);
    const QString path =
        dir.filePath(QStringLiteral("apply-%1.json").arg(config.value(QStringLiteral("tag")).toString()));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(config).toJson()) < 0)
        return Error{QString(), QStringLiteral("cannot write ") + path};
    file.close();
    QProcess browser;
    browser.setProcessChannelMode(QProcess::MergedChannels);
    browser.setWorkingDirectory(e2e);
    browser.start(node, {e2e + QStringLiteral("/apply.mjs"), path});
    if (!browser.waitForStarted(10000))
        return Error{QString(), QStringLiteral("node did not start")};
    // The server runs in this process: the event loop must turn while the browser talks to it.
    const bool finished = QTest::qWaitFor([&browser] { return browser.state() == QProcess::NotRunning; }, 120000);
    const QString log = QString::fromUtf8(browser.readAll());
    if (!finished) {
        browser.kill();
        browser.waitForFinished(5000);
        return Error{QString(), QStringLiteral("the browser did not finish: ") + log};
    }
    if (browser.exitStatus() != QProcess::NormalExit || browser.exitCode() != 0)
        return Error{QString(), log};
    return log;
}

// One teacher and one student apply in Debian's chromium (playwright-core, tests/e2e/apply.mjs) on a 320 px
// screen, finding every control by its label or role, and confirm their e-mail from the mailed link. Runs as the
// CTest entry e2e.apply_browser (SG_E2E_BROWSER=1); elsewhere it is skipped.
void TestApplications::teacherAndStudentInARealBrowser()
{
    if (!qEnvironmentVariableIsSet("SG_E2E_BROWSER"))
        QSKIP("the real-browser run is the CTest entry e2e.apply_browser (SG_E2E_BROWSER=1)");
    const QString e2e = QStringLiteral(SG_E2E_DIR);
    QVERIFY2(
        !QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty(), "Node.js is missing: run scripts/setup");
    QVERIFY2(QFileInfo::exists(e2e + QStringLiteral("/node_modules/playwright-core/package.json")),
        "playwright-core is missing: run scripts/setup (npm ci in tests/e2e)");
    const QString className = [this] {
        QSqlQuery q(m_server->server().database().connection());
        q.prepare(QStringLiteral("SELECT grade, letter FROM classes WHERE school_id = ? ORDER BY grade, letter"));
        q.addBindValue(m_server->demo().schoolId);
        return q.exec() && q.next() ? QString::number(q.value(0).toInt()) + q.value(1).toString() : QString();
    }();
    QVERIFY(!className.isEmpty());
    const QString start = m_server->url().toString() + QStringLiteral("/api/v1/apply");
    struct Person
    {
        const char *tag, *role, *surname, *name, *patronymic, *email;
    };
    for (const Person &p : {Person{"teacher", "teacher", "Д'Анжело", "Мария", "", "danzhelo@test.example"},
             Person{"student", "student", "Бонч-Бруевич", "Ян", "Алиевич", "yan.bb@test.example"}}) {
        const QString email = QString::fromUtf8(p.email);
        const auto applied = runBrowser(
            {{QStringLiteral("mode"), QStringLiteral("apply")}, {QStringLiteral("tag"), QString::fromUtf8(p.tag)},
                {QStringLiteral("url"), start}, {QStringLiteral("schoolQuery"), QStringLiteral("сош № 17")},
                {QStringLiteral("role"), QString::fromUtf8(p.role)},
                {QStringLiteral("surname"), QString::fromUtf8(p.surname)},
                {QStringLiteral("name"), QString::fromUtf8(p.name)},
                {QStringLiteral("patronymic"), QString::fromUtf8(p.patronymic)}, {QStringLiteral("email"), email},
                {QStringLiteral("className"), className}, {QStringLiteral("subject"), QStringLiteral("Информатика")}});
        QVERIFY2(applied.ok(), qPrintable(applied ? QString() : applied.error().message));
        const QString token = tokenIn(mailsTo(email).value(0));
        QVERIFY2(!token.isEmpty(), qPrintable(email));
        const auto confirmed = runBrowser(
            {{QStringLiteral("mode"), QStringLiteral("confirm")}, {QStringLiteral("tag"), QString::fromUtf8(p.tag)},
                {QStringLiteral("url"),
                    m_server->url().toString() + QStringLiteral("/api/v1/apply/status?token=") + token}});
        QVERIFY2(confirmed.ok(), qPrintable(confirmed ? QString() : confirmed.error().message));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM members WHERE email = ? AND role = ? AND surname = ? AND "
                                       "status = 'pending'"),
                     {email, QString::fromUtf8(p.role), QString::fromUtf8(p.surname)}),
            1);
    }
}

QTEST_GUILESS_MAIN(TestApplications)
#include "tst_applications.moc"
