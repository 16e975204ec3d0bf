// The installed package, seen from a client: the client library (ApiClient) against a schoolgate-server that
// scripts/check-install started from the installed files, as the systemd unit would, with a school account
// made by the installed admin command. Skipped unless SG_INSTALLED_URL is set, so the normal ctest run skips it.
//
//   SG_INSTALLED_URL       the server's base URL, e.g. http://127.0.0.1:38413
//   SG_INSTALLED_LOGIN     the school account's login
//   SG_INSTALLED_PASSWORD  its password (the one-time password from the mail drop)
//   SG_INSTALLED_INN       optional: the INN the school was created with
//   SG_INSTALLED_VERSION   optional: the version the server must report

#include "client/apiclient.h"
#include "core/errorcodes.h"
#include "wait.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using sg::Error;
using sg::Result;
using sg::Role;
using sg::Unit;
using sg::client::ApiClient;
using sg::client::MeInfo;
using sg::test::await;

namespace {

QString describe(const Error &e)
{
    return QStringLiteral("%1 (HTTP %2): %3").arg(e.code).arg(e.httpStatus).arg(e.message);
}

template<typename T>
QString describe(const Result<T> &r)
{
    return r.ok() ? QStringLiteral("ok") : describe(r.error());
}

} // namespace

class TestInstalled : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void health();
    void wrongPasswordIsRefused();
    void signInReadAndSignOut();

private:
    ApiClient *newClient();

    QNetworkAccessManager m_network;
    QUrl m_url;
    QString m_login;
    QString m_password;
    QString m_inn;
    QString m_version;
};

void TestInstalled::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("SG_INSTALLED_URL"))
        QSKIP("SG_INSTALLED_URL is not set: this test runs from scripts/check-install against the installed package");
    m_url = QUrl(qEnvironmentVariable("SG_INSTALLED_URL"));
    QVERIFY2(m_url.isValid() && m_url.scheme() == QLatin1String("http") && m_url.port() > 0,
        qPrintable(QStringLiteral("SG_INSTALLED_URL is not an http URL with a port: ") + m_url.toString()));
    m_login = qEnvironmentVariable("SG_INSTALLED_LOGIN");
    m_password = qEnvironmentVariable("SG_INSTALLED_PASSWORD");
    QVERIFY2(!m_login.isEmpty(), "SG_INSTALLED_LOGIN is not set");
    QVERIFY2(!m_password.isEmpty(), "SG_INSTALLED_PASSWORD is not set");
    m_inn = qEnvironmentVariable("SG_INSTALLED_INN");
    m_version = qEnvironmentVariable("SG_INSTALLED_VERSION");
    // The server is on loopback: no system proxy in between.
    m_network.setProxy(QNetworkProxy::NoProxy);
}

ApiClient *TestInstalled::newClient()
{
    auto *client = new ApiClient(&m_network, this);
    client->setBaseUrl(m_url);
    client->setTimeout(15000);
    return client;
}

void TestInstalled::health()
{
    ApiClient *client = newClient();
    const auto h = await<QJsonObject>([&](auto cb) { client->health(cb); });
    QVERIFY2(h.ok(), qPrintable(describe(h)));
    QCOMPARE(h->value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QVERIFY2(h->value(QStringLiteral("schema")).toInt() > 0, "the database has no schema version");
    const QString version = h->value(QStringLiteral("version")).toString();
    QVERIFY(!version.isEmpty());
    if (!m_version.isEmpty())
        QCOMPARE(version, m_version);
}

void TestInstalled::wrongPasswordIsRefused()
{
    ApiClient *client = newClient();
    const auto s = await<sg::proto::SessionInfo>(
        [&](auto cb) { client->login(m_login, m_password + QStringLiteral("-wrong"), cb); });
    QVERIFY2(!s.ok(), "a wrong password signed in");
    QCOMPARE(s.error().httpStatus, 401);
    QCOMPARE(s.error().code, QString::fromLatin1(sg::errc::InvalidCredentials));
}

void TestInstalled::signInReadAndSignOut()
{
    ApiClient *client = newClient();
    QSignalSpy expired(client, &ApiClient::sessionExpired);

    // Sign in with the credentials the admin command produced.
    const auto session = await<sg::proto::SessionInfo>([&](auto cb) { client->login(m_login, m_password, cb); });
    QVERIFY2(session.ok(), qPrintable(describe(session)));
    QVERIFY(!session->token.isEmpty());
    QCOMPARE(session->user.login, m_login);
    QVERIFY2(session->user.role == Role::School, "the account is not a school account");
    QVERIFY2(session->user.schoolId.has_value(), "a school account without a school");
    const qint64 schoolId = *session->user.schoolId;
    QVERIFY(schoolId > 0);
    QCOMPARE(client->token(), session->token);

    QString password = m_password;
    if (session->user.mustChangePassword) {
        // Until the password is changed, only /me, the password change and sign-out are allowed.
        const auto blocked = await<sg::proto::School>([&](auto cb) { client->school(schoolId, cb); });
        QVERIFY2(!blocked.ok(), "the school was readable before the forced password change");
        QCOMPARE(blocked.error().code, QString::fromLatin1(sg::errc::PasswordChangeRequired));

        const QString next = QStringLiteral("installed-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        const auto changed = await<Unit>([&](auto cb) { client->changePassword(password, next, cb); });
        QVERIFY2(changed.ok(), qPrintable(describe(changed)));
        password = next;
    }

    // /me: the same account, no longer held by a forced change, with its school.
    const auto me = await<MeInfo>([&](auto cb) { client->me(cb); });
    QVERIFY2(me.ok(), qPrintable(describe(me)));
    QCOMPARE(me->user.login, m_login);
    QCOMPARE(me->user.mustChangePassword, false);
    QVERIFY2(me->school.has_value(), "/me has no school for a school account");
    QCOMPARE(me->school->id, schoolId);

    // The school itself.
    const auto school = await<sg::proto::School>([&](auto cb) { client->school(schoolId, cb); });
    QVERIFY2(school.ok(), qPrintable(describe(school)));
    QCOMPARE(school->id, schoolId);
    QVERIFY(!school->name.isEmpty());
    if (!m_inn.isEmpty())
        QCOMPARE(school->inn, m_inn);

    // Sign out: the token is forgotten by the client and refused by the server.
    const QString token = client->token();
    const auto out = await<Unit>([&](auto cb) { client->logout(cb); });
    QVERIFY2(out.ok(), qPrintable(describe(out)));
    QVERIFY(client->token().isEmpty());
    client->setToken(token);
    const auto after = await<MeInfo>([&](auto cb) { client->me(cb); });
    QVERIFY2(!after.ok(), "the session still works after sign-out");
    QCOMPARE(after.error().httpStatus, 401);
    QCOMPARE(expired.count(), 1);

    // The password that is now in force signs in (the change was stored); the one-time password no longer does.
    ApiClient *again = newClient();
    const auto second = await<sg::proto::SessionInfo>([&](auto cb) { again->login(m_login, password, cb); });
    QVERIFY2(second.ok(), qPrintable(describe(second)));
    QCOMPARE(second->user.mustChangePassword, false);
    if (password != m_password) {
        ApiClient *old = newClient();
        const auto stale = await<sg::proto::SessionInfo>([&](auto cb) { old->login(m_login, m_password, cb); });
        QVERIFY2(!stale.ok(), "the one-time password still signs in after the change");
        QCOMPARE(stale.error().code, QString::fromLatin1(sg::errc::InvalidCredentials));
    }
    const auto out2 = await<Unit>([&](auto cb) { again->logout(cb); });
    QVERIFY2(out2.ok(), qPrintable(describe(out2)));
}

QTEST_GUILESS_MAIN(TestInstalled)
#include "tst_installed.moc"
