// The ESIA test stand over real HTTP on loopback: registration by mail, sign-in by phone, e-mail and SNILS, codes,
// tokens and id_tokens checked with libsodium against the stand's JWKS, person data, password recovery, the sign-in
// limits, «Чужой компьютер», CSRF, hostile input, and the schoolgate-esia-stand program. Mail goes through a real
// SMTP sink; time through a fake clock.

#include "browser.h"
#include "esiastand/esiaprotocol.h"
#include "esiastand/esiastand.h"
#include "fakeclock.h"
#include "rawhttp.h"
#include "server/mailer.h"
#include "smtpsink.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>
#include <QUuid>

#include <memory>
#include <optional>
#include <sodium.h>

#ifndef SG_STAND_BIN
#error "SG_STAND_BIN must name the schoolgate-esia-stand executable"
#endif

using namespace sg;
using esiastand::AccountLevel;
using esiastand::AccountSpec;
using esiastand::EsiaStand;
using test::Browser;
using test::BrowserPage;
using test::HtmlForm;

namespace {

const QString kClient = QStringLiteral("SCHOOLGATE");
const QString kLoopbackRedirect = QStringLiteral("http://127.0.0.1/esia/callback"); // registered: any port
const QString kWebRedirect = QStringLiteral("https://school.example/esia/callback");
const QString kAllScopes = QStringLiteral("openid fullname birthdate gender snils email mobile usr_org");
const QString kPassword = QStringLiteral("Parol2026tree");

QString s(const char16_t *text)
{
    return QString::fromUtf16(text);
}

// A synthetic SNILS: nine digits and their check number.
QString snils(const QString &nine)
{
    int sum = 0;
    for (int i = 0; i < 9; ++i)
        sum += nine.at(i).digitValue() * (9 - i);
    int check = sum < 100 ? sum : (sum == 100 || sum == 101) ? 0 : sum % 101;
    if (check == 100)
        check = 0;
    return nine + QStringLiteral("%1").arg(check, 2, 10, QLatin1Char('0'));
}

// An Ed25519 key pair of a relying party (the development signer of client_secret).
struct ClientKeys
{
    QByteArray publicKey;
    QByteArray secretKey;

    static ClientKeys make()
    {
        ClientKeys k;
        k.publicKey.resize(crypto_sign_PUBLICKEYBYTES);
        k.secretKey.resize(crypto_sign_SECRETKEYBYTES);
        crypto_sign_keypair(reinterpret_cast<unsigned char *>(k.publicKey.data()),
            reinterpret_cast<unsigned char *>(k.secretKey.data()));
        return k;
    }
    QString sign(const QByteArray &message) const
    {
        QByteArray signature(crypto_sign_BYTES, Qt::Uninitialized);
        crypto_sign_detached(reinterpret_cast<unsigned char *>(signature.data()), nullptr,
            reinterpret_cast<const unsigned char *>(message.constData()), quint64(message.size()),
            reinterpret_cast<const unsigned char *>(secretKey.constData()));
        return QString::fromLatin1(esiastand::base64Url(signature));
    }
};

// One authorisation request as a relying party makes it.
struct AuthRequest
{
    QString clientId = kClient;
    QString redirectUri = QStringLiteral("http://127.0.0.1:45678/esia/callback");
    QString scope = kAllScopes;
    QString scopeOrg;
    QString state = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString nonce = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString timestamp; // empty: the stand's clock now, in Moscow time
    QString responseType = QStringLiteral("code");
    QString accessType = QStringLiteral("online");
    std::optional<QString> secret; // set: sent instead of the signature
    QString signedScope; // non-empty: the scope that is signed (a tampered request)
};

esiastand::StandOptions optionsFor(const QString &dataDir)
{
    esiastand::StandOptions options;
    options.dataDir = dataDir;
    return options;
}

// The claims of a JWT whose signature holds against the JWKS (found by kid); empty with *problem set otherwise.
QJsonObject verifiedClaims(const QString &jwt, const QJsonObject &jwks, QString *problem)
{
    const QStringList parts = jwt.split(QLatin1Char('.'));
    if (parts.size() != 3) {
        *problem = QStringLiteral("not three parts");
        return {};
    }
    const auto header = esiastand::fromBase64Url(parts.at(0).toLatin1());
    const auto payload = esiastand::fromBase64Url(parts.at(1).toLatin1());
    const auto signature = esiastand::fromBase64Url(parts.at(2).toLatin1());
    if (!header || !payload || !signature || signature->size() != crypto_sign_BYTES) {
        *problem = QStringLiteral("bad base64url");
        return {};
    }
    const QJsonObject h = QJsonDocument::fromJson(*header).object();
    if (h.value(QStringLiteral("alg")).toString() != QLatin1String("EdDSA")
        || h.value(QStringLiteral("typ")).toString() != QLatin1String("JWT")) {
        *problem = QStringLiteral("header: ") + QString::fromUtf8(*header);
        return {};
    }
    for (const QJsonValue &key : jwks.value(QStringLiteral("keys")).toArray()) {
        const QJsonObject k = key.toObject();
        if (k.value(QStringLiteral("kid")) != h.value(QStringLiteral("kid")))
            continue;
        const auto x = esiastand::fromBase64Url(k.value(QStringLiteral("x")).toString().toLatin1());
        if (!x || x->size() != crypto_sign_PUBLICKEYBYTES
            || k.value(QStringLiteral("kty")).toString() != QLatin1String("OKP")
            || k.value(QStringLiteral("crv")).toString() != QLatin1String("Ed25519")) {
            *problem = QStringLiteral("bad JWK");
            return {};
        }
        const QByteArray input = parts.at(0).toLatin1() + '.' + parts.at(1).toLatin1();
        if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char *>(signature->constData()),
                reinterpret_cast<const unsigned char *>(input.constData()), quint64(input.size()),
                reinterpret_cast<const unsigned char *>(x->constData()))
            != 0) {
            *problem = QStringLiteral("the signature does not hold");
            return {};
        }
        return QJsonDocument::fromJson(*payload).object();
    }
    *problem = QStringLiteral("no key with kid %1").arg(h.value(QStringLiteral("kid")).toString());
    return {};
}

QString codeOf(const BrowserPage &page)
{
    return QUrlQuery(page.location()).queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
}

// The link in a letter's text that starts with prefix.
QString linkIn(const test::ReceivedMail &mail, const QString &prefix)
{
    const QString body = mail.parsed.value(QStringLiteral("body")).toString();
    const QRegularExpression re(QRegularExpression::escape(prefix) + QStringLiteral("[A-Za-z0-9_=?&.-]+"));
    return re.match(body).captured(0);
}

} // namespace

// A stand on a fresh data folder with the SCHOOLGATE client registered, its mail going to the sink.
class Fixture
{
public:
    explicit Fixture(test::SmtpSink &sink, esiastand::LoginLimits limits = {})
    {
        keys = ClientKeys::make();
        auto settings = server::SmtpSettings::fromUrl(sink.url().toString());
        mailer = std::make_unique<server::SmtpMailer>(settings.value());
        esiastand::StandOptions options;
        options.dataDir = dir.path();
        options.limits = limits;
        stand = std::make_unique<EsiaStand>(options, clock, *mailer);
        started = stand->start();
        if (started)
            started = stand->registerClient(kClient, {kLoopbackRedirect, kWebRedirect}, keys.publicKey);
    }

    QUrl url(const QString &pathAndQuery) const { return QUrl(stand->baseUrl().toString() + pathAndQuery); }

    QString timestampNow() const { return esiastand::formatTimestamp(clock.now().toTimeZone(QTimeZone(3 * 3600))); }

    QUrl authorizeUrl(const AuthRequest &r, const ClientKeys *signer = nullptr) const
    {
        const QString timestamp = r.timestamp.isEmpty() ? timestampNow() : r.timestamp;
        const QString secret = r.secret
            ? *r.secret
            : (signer ? *signer : keys)
                  .sign(esiastand::secretMessage(r.clientId, r.signedScope.isEmpty() ? r.scope : r.signedScope,
                      r.scopeOrg, timestamp, r.state, r.redirectUri));
        QList<QPair<QString, QString>> query{{QStringLiteral("client_id"), r.clientId},
            {QStringLiteral("client_secret"), secret}, {QStringLiteral("redirect_uri"), r.redirectUri},
            {QStringLiteral("scope"), r.scope}, {QStringLiteral("response_type"), r.responseType},
            {QStringLiteral("state"), r.state}, {QStringLiteral("timestamp"), timestamp},
            {QStringLiteral("access_type"), r.accessType}, {QStringLiteral("nonce"), r.nonce}};
        if (!r.scopeOrg.isEmpty())
            query.append({QStringLiteral("scope_org"), r.scopeOrg});
        QUrl u = url(QString::fromLatin1(esiastand::path::Authorize));
        u.setQuery(QString::fromLatin1(esiastand::encodeForm(query)), QUrl::StrictMode);
        return u;
    }

    // POST /aas/oauth2/v3/te for a code (or a refresh token with grantType refresh_token).
    test::HttpAnswer exchange(const QString &secretValue, const AuthRequest &r, const ClientKeys *signer = nullptr,
        const QString &grantType = QStringLiteral("authorization_code"))
    {
        const bool byCode = grantType == QLatin1String("authorization_code");
        const QString timestamp = timestampNow();
        const QString state = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString secret = (signer ? *signer : keys)
                                   .sign(esiastand::secretMessage(r.clientId, r.scope, {}, timestamp, state,
                                       r.redirectUri, byCode ? secretValue : QString()));
        const QByteArray body = esiastand::encodeForm({{QStringLiteral("client_id"), r.clientId},
            {byCode ? QStringLiteral("code") : QStringLiteral("refresh_token"), secretValue},
            {QStringLiteral("grant_type"), grantType}, {QStringLiteral("client_secret"), secret},
            {QStringLiteral("state"), state}, {QStringLiteral("redirect_uri"), r.redirectUri},
            {QStringLiteral("scope"), r.scope}, {QStringLiteral("timestamp"), timestamp},
            {QStringLiteral("token_type"), QStringLiteral("Bearer")}});
        test::RawHttp http(stand->baseUrl());
        return http.send("POST", QString::fromLatin1(esiastand::path::Token), body,
            {{QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")}});
    }

    // From the authorisation request through the sign-in form; the page is the redirect to the client when it worked.
    BrowserPage signIn(
        Browser &browser, const AuthRequest &r, const QString &login, const QString &password, bool foreign = false)
    {
        browser.followOnlyWithin(stand->baseUrl());
        BrowserPage page = browser.get(authorizeUrl(r));
        auto form = page.form(QStringLiteral("login-form"));
        if (!form)
            return page; // already signed in (a redirect), or an error page
        form->set(QStringLiteral("login"), login).set(QStringLiteral("password"), password);
        form->check(QStringLiteral("foreign"), foreign);
        return browser.submit(*form);
    }

    // Sign-in, code and token; the token answer's JSON (empty on failure, with *problem set).
    QJsonObject tokensFor(const QString &login, const QString &password, QString *problem, AuthRequest r = {})
    {
        Browser browser;
        const BrowserPage page = signIn(browser, r, login, password);
        const QString code = codeOf(page);
        if (code.isEmpty()) {
            *problem = QStringLiteral("no code: %1 %2").arg(page.status).arg(page.text().left(300));
            return {};
        }
        if (QUrlQuery(page.location()).queryItemValue(QStringLiteral("state")) != r.state) {
            *problem = QStringLiteral("state differs");
            return {};
        }
        const test::HttpAnswer answer = exchange(code, r);
        if (answer.status != 200) {
            *problem = QStringLiteral("token: %1 %2").arg(answer.status).arg(QString::fromUtf8(answer.body));
            return {};
        }
        return answer.json();
    }

    QJsonObject jwks() const
    {
        test::RawHttp http(stand->baseUrl());
        return http.get(QString::fromLatin1(esiastand::path::Jwks)).json();
    }

    QTemporaryDir dir;
    test::FakeClock clock{QDateTime::currentDateTimeUtc()};
    ClientKeys keys;
    std::unique_ptr<server::Mailer> mailer;
    std::unique_ptr<EsiaStand> stand;
    Status started = Unit{};
};

class TestEsiaStand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void registrationByMailSignsInAndAuthorizes();
    void levelsInIdToken_data();
    void levelsInIdToken();
    void signInWithAnySpellingOfTheLogin_data();
    void signInWithAnySpellingOfTheLogin();
    void wrongPasswordAndTheLimits();
    void addressLimit();
    void foreignComputerKeepsNoSession();
    void passwordRecoveryByMailedLink();
    void cancelAndLogout();
    void authorizationRefusals_data();
    void authorizationRefusals();
    void loopbackRedirectOnAnyPort();
    void codeReplayExpiryAndOtherClient();
    void refreshTokenRotates();
    void personData();
    void csrfRequired();
    void hostileInput_data();
    void hostileInput();
    void damagedFilesGiveClearErrors();
    void keyIsKeptAcrossRestarts();
    void commandLine();
    void profileRaisesTheLevel();
    void profileRefusesBadInput_data();
    void profileRefusesBadInput();

private:
    std::unique_ptr<test::SmtpSink> m_sink;
    std::unique_ptr<Fixture> m_f;
};

void TestEsiaStand::initTestCase()
{
    QVERIFY(sodium_init() >= 0);
    m_sink = std::make_unique<test::SmtpSink>();
    QVERIFY2(m_sink->isValid(), qPrintable(m_sink->errorString()));
}

void TestEsiaStand::init()
{
    m_f = std::make_unique<Fixture>(*m_sink);
    QVERIFY2(m_f->started, qPrintable(m_f->started ? QString() : m_f->started.error().message));
}

void TestEsiaStand::cleanup()
{
    m_f.reset();
}

void TestEsiaStand::registrationByMailSignsInAndAuthorizes()
{
    Fixture &f = *m_f;
    Browser browser;
    browser.followOnlyWithin(f.stand->baseUrl());
    AuthRequest request;
    BrowserPage page = browser.get(f.authorizeUrl(request));
    QCOMPARE(page.status, 200);
    QVERIFY(page.form(QStringLiteral("login-form")));
    const auto registerLink = page.link(QStringLiteral("register-link"));
    QVERIFY(registerLink);
    QVERIFY2(registerLink->url.query().contains(QLatin1String("ticket=")), qPrintable(registerLink->href));

    page = browser.get(registerLink->url);
    auto form = page.form(QStringLiteral("register-form"));
    QVERIFY(form);
    form->set(QStringLiteral("lastName"), s(u"Соколова")).set(QStringLiteral("firstName"), s(u"Анна"));
    form->set(QStringLiteral("email"), QStringLiteral("Anna.Sokolova@Example.Test"));
    // Without consent: refused, the values kept.
    page = browser.submit(*form);
    QCOMPARE(page.status, 200);
    QVERIFY2(page.elementText(QStringLiteral("form-error")).contains(s(u"согласие")), qPrintable(page.text()));
    QCOMPARE(page.form(QStringLiteral("register-form"))->value(QStringLiteral("lastName")), s(u"Соколова"));

    const int before = int(m_sink->received().size());
    form->check(QStringLiteral("consent"));
    page = browser.submit(*form);
    QCOMPARE(page.status, 200);
    QVERIFY2(page.elementText(QStringLiteral("message")).contains(QLatin1String("anna.sokolova@example.test")),
        qPrintable(page.text()));
    QVERIFY(m_sink->waitForMessages(before + 1));
    const test::ReceivedMail mail = m_sink->received().at(before);
    QCOMPARE(mail.envelopeTo, QStringList{QStringLiteral("anna.sokolova@example.test")});
    QCOMPARE(mail.envelopeFrom, QStringLiteral("no-reply@esia-stand.localhost"));
    const QJsonArray from = mail.parsed.value(QStringLiteral("from")).toArray();
    // simplified(): Python's reading of the folded encoded-words may double a space.
    QCOMPARE(
        from.at(0).toObject().value(QStringLiteral("name")).toString().simplified(), s(u"Госуслуги — тестовый стенд"));
    const QString link = linkIn(mail, f.stand->baseUrl().toString() + QStringLiteral("/idp/register/confirm?token="));
    QVERIFY2(!link.isEmpty(), qPrintable(mail.parsed.value(QStringLiteral("body")).toString()));

    page = browser.get(QUrl(link));
    QCOMPARE(page.status, 200);
    form = page.form(QStringLiteral("password-form"));
    QVERIFY(form);
    // The rules: twice the same, 8 characters with letters and digits.
    form->set(QStringLiteral("password"), QStringLiteral("short1"))
        .set(QStringLiteral("password2"), QStringLiteral("short1"));
    page = browser.submit(*form);
    QVERIFY2(page.elementText(QStringLiteral("form-error")).contains(QLatin1String("8")), qPrintable(page.text()));
    form->set(QStringLiteral("password"), QStringLiteral("onlyletters"))
        .set(QStringLiteral("password2"), QStringLiteral("onlyletters"));
    page = browser.submit(*form);
    QVERIFY2(page.elementText(QStringLiteral("form-error")).contains(s(u"буквы и цифры")), qPrintable(page.text()));
    form->set(QStringLiteral("password"), kPassword).set(QStringLiteral("password2"), kPassword + QLatin1Char('x'));
    page = browser.submit(*form);
    QVERIFY2(page.elementText(QStringLiteral("form-error")).contains(s(u"не совпадают")), qPrintable(page.text()));
    QVERIFY(!f.stand->findAccount(QStringLiteral("anna.sokolova@example.test")));

    form->set(QStringLiteral("password2"), kPassword);
    page = browser.submit(*form);
    // The registration began at an authorisation request: it completes with a code for the client.
    QCOMPARE(page.status, 302);
    QCOMPARE(page.location().host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(page.location().path(), QStringLiteral("/esia/callback"));
    QCOMPARE(QUrlQuery(page.location()).queryItemValue(QStringLiteral("state")), request.state);
    const QString code = codeOf(page);
    QVERIFY(!code.isEmpty());

    const auto account = f.stand->findAccount(QStringLiteral("anna.sokolova@example.test"));
    QVERIFY(account);
    QCOMPARE(account->level, AccountLevel::Simplified);
    QVERIFY(account->emailVerified);
    QCOMPARE(account->lastName, s(u"Соколова"));

    const test::HttpAnswer answer = f.exchange(code, request);
    QCOMPARE(answer.status, 200);
    const QJsonObject tokens = answer.json();
    QCOMPARE(tokens.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
    QCOMPARE(tokens.value(QStringLiteral("expires_in")).toInt(), 3600);
    QVERIFY(!tokens.value(QStringLiteral("refresh_token")).toString().isEmpty());
    QVERIFY(!tokens.value(QStringLiteral("state")).toString().isEmpty());
    QString problem;
    const QJsonObject claims = verifiedClaims(tokens.value(QStringLiteral("id_token")).toString(), f.jwks(), &problem);
    QVERIFY2(!claims.isEmpty(), qPrintable(problem));
    QCOMPARE(claims.value(QStringLiteral("iss")).toString(), f.stand->issuer());
    QVERIFY(claims.value(QStringLiteral("iss")).toString().endsWith(QLatin1Char('/')));
    QCOMPARE(claims.value(QStringLiteral("aud")).toString(), kClient);
    QCOMPARE(claims.value(QStringLiteral("sub")).toString(), account->oid);
    QCOMPARE(claims.value(QStringLiteral("nonce")).toString(), request.nonce);
    QCOMPARE(claims.value(QStringLiteral("amr")).toString(), QStringLiteral("PWD"));
    const qint64 now = f.clock.now().toSecsSinceEpoch();
    QCOMPARE(claims.value(QStringLiteral("iat")).toInteger(), now);
    QCOMPARE(claims.value(QStringLiteral("nbf")).toInteger(), now);
    QCOMPARE(claims.value(QStringLiteral("exp")).toInteger(), now + 3600);
    QCOMPARE(claims.value(QStringLiteral("auth_time")).toInteger(), now);
    QVERIFY(!claims.value(QString::fromLatin1(esiastand::claim::SessionId)).toString().isEmpty());
    const QJsonObject subject = claims.value(QString::fromLatin1(esiastand::claim::Subject)).toObject();
    QCOMPARE(subject.value(QString::fromLatin1(esiastand::claim::SubjectLevel)).toString(), QStringLiteral("P"));
    QCOMPARE(subject.value(QString::fromLatin1(esiastand::claim::SubjectType)).toString(), QStringLiteral("P"));
    QCOMPARE(esiastand::oidFrom(subject.value(QString::fromLatin1(esiastand::claim::SubjectOid))), account->oid);
    QCOMPARE(subject.value(QString::fromLatin1(esiastand::claim::SubjectName)).toString(),
        QStringLiteral("OID.") + account->oid);
    QVERIFY(!subject.contains(QString::fromLatin1(esiastand::claim::SubjectTrusted)));

    // The person data of the new account.
    test::RawHttp http(f.stand->baseUrl());
    const QString access = tokens.value(QStringLiteral("access_token")).toString();
    const test::HttpAnswer person = http.get(QStringLiteral("/rs/prns/") + account->oid, access);
    QCOMPARE(person.status, 200);
    QCOMPARE(person.json().value(QStringLiteral("lastName")).toString(), s(u"Соколова"));
    QCOMPARE(person.json().value(QStringLiteral("trusted")).toBool(true), false);
    QCOMPARE(person.json().value(QStringLiteral("status")).toString(), QStringLiteral("REGISTERED"));
    const test::HttpAnswer contacts =
        http.get(QStringLiteral("/rs/prns/%1/ctts?embed=(elements)").arg(account->oid), access);
    QCOMPARE(contacts.status, 200);
    QCOMPARE(contacts.json().value(QStringLiteral("size")).toInt(), 1);
    const QJsonObject email = contacts.json().value(QStringLiteral("elements")).toArray().at(0).toObject();
    QCOMPARE(email.value(QStringLiteral("type")).toString(), QStringLiteral("EML"));
    QCOMPARE(email.value(QStringLiteral("value")).toString(), QStringLiteral("anna.sokolova@example.test"));
    QCOMPARE(email.value(QStringLiteral("vrfStu")).toString(), QStringLiteral("VERIFIED"));

    // The link is single use; a later sign-in with the new password works in another browser.
    page = browser.get(QUrl(link));
    QCOMPARE(page.status, 400);
    QCOMPARE(page.elementText(QStringLiteral("error-code")), QStringLiteral("link_invalid"));
    QString why;
    QVERIFY2(!f.tokensFor(QStringLiteral("ANNA.Sokolova@example.test "), kPassword, &why).isEmpty(), qPrintable(why));
    // A simplified account has no SNILS: it cannot be raised to confirmed.
    const Status raised = f.stand->setLevel(account->oid, AccountLevel::Confirmed);
    QVERIFY(!raised);
    QVERIFY2(raised.error().message.contains(QLatin1String("SNILS")), qPrintable(raised.error().message));
}

void TestEsiaStand::levelsInIdToken_data()
{
    QTest::addColumn<int>("kind"); // 0 simplified, 1 standard, 2 confirmed (raised later), 3 child
    QTest::addColumn<QString>("level");
    QTest::addColumn<bool>("trusted");
    QTest::newRow("simplified") << 0 << QStringLiteral("P") << false;
    QTest::newRow("standard") << 1 << QStringLiteral("P") << false;
    QTest::newRow("confirmed") << 2 << QStringLiteral("PR") << true;
    QTest::newRow("child") << 3 << QStringLiteral("KD") << false;
}

void TestEsiaStand::levelsInIdToken()
{
    QFETCH(int, kind);
    QFETCH(QString, level);
    QFETCH(bool, trusted);
    Fixture &f = *m_f;
    AccountSpec parent;
    parent.lastName = s(u"Петров");
    parent.firstName = s(u"Иван");
    parent.middleName = s(u"Сергеевич");
    parent.birthDate = QDate(1985, 4, 12);
    parent.snils = snils(QStringLiteral("123456789"));
    parent.email = QStringLiteral("petrov@example.test");
    parent.phone = QStringLiteral("+7 903 000-11-22");
    parent.password = kPassword;
    parent.level = kind == 1 ? AccountLevel::Standard : AccountLevel::Simplified;
    auto parentOid = f.stand->addAccount(parent);
    QVERIFY2(parentOid, qPrintable(parentOid ? QString() : parentOid.error().message));
    QString login = QStringLiteral("petrov@example.test");
    QString oid = parentOid.value();
    if (kind == 2) {
        const Status st = f.stand->setLevel(QStringLiteral("+79030001122"), AccountLevel::Confirmed);
        QVERIFY2(st, qPrintable(st ? QString() : st.error().message));
    }
    if (kind == 3) {
        AccountSpec child;
        child.lastName = s(u"Петрова");
        child.firstName = s(u"Ольга");
        child.birthDate = f.clock.now().date().addYears(-12);
        child.snils = snils(QStringLiteral("234567891"));
        child.password = kPassword;
        auto childOid = f.stand->addChild(QStringLiteral("petrov@example.test"), child);
        QVERIFY2(childOid, qPrintable(childOid ? QString() : childOid.error().message));
        login = child.snils;
        oid = childOid.value();
        QCOMPARE(f.stand->findAccount(oid)->parentOid, parentOid.value());
        QVERIFY(!f.stand->setLevel(oid, AccountLevel::Confirmed)); // a child's account has no level
    }
    QString problem;
    const QJsonObject tokens = f.tokensFor(login, kPassword, &problem);
    QVERIFY2(!tokens.isEmpty(), qPrintable(problem));
    const QJsonObject claims = verifiedClaims(tokens.value(QStringLiteral("id_token")).toString(), f.jwks(), &problem);
    QVERIFY2(!claims.isEmpty(), qPrintable(problem));
    QCOMPARE(claims.value(QStringLiteral("sub")).toString(), oid);
    const QJsonObject subject = claims.value(QString::fromLatin1(esiastand::claim::Subject)).toObject();
    QCOMPARE(subject.value(QString::fromLatin1(esiastand::claim::SubjectLevel)).toString(), level);
    QCOMPARE(subject.contains(QString::fromLatin1(esiastand::claim::SubjectTrusted)), trusted);
    if (trusted)
        QCOMPARE(subject.value(QString::fromLatin1(esiastand::claim::SubjectTrusted)).toBool(), true);
    test::RawHttp http(f.stand->baseUrl());
    const test::HttpAnswer person =
        http.get(QStringLiteral("/rs/prns/") + oid, tokens.value(QStringLiteral("access_token")).toString());
    QCOMPARE(person.status, 200);
    QCOMPARE(person.json().value(QStringLiteral("trusted")).toBool(), trusted);
    if (kind != 3) {
        QCOMPARE(person.json().value(QStringLiteral("birthDate")).toString(), QStringLiteral("12.04.1985"));
        QCOMPARE(person.json().value(QStringLiteral("middleName")).toString(), s(u"Сергеевич"));
    }
}

void TestEsiaStand::signInWithAnySpellingOfTheLogin_data()
{
    const QString number = snils(QStringLiteral("345678912"));
    const QString spaced = number.left(3) + QLatin1Char(' ') + number.mid(3, 3) + QLatin1Char(' ') + number.mid(6, 3)
        + QLatin1Char(' ') + number.mid(9);
    QTest::addColumn<QString>("login");
    QTest::newRow("phone +7 with brackets") << QStringLiteral("+7 (916) 555-01-23");
    QTest::newRow("phone 8 with spaces") << QStringLiteral("8 916 555 01 23");
    QTest::newRow("phone 8 digits") << QStringLiteral("89165550123");
    QTest::newRow("phone ten digits") << QStringLiteral("9165550123");
    QTest::newRow("e-mail upper case, spaces") << QStringLiteral("  Lena.Orlova@Example.TEST ");
    QTest::newRow("snils digits") << number;
    QTest::newRow("snils spaces") << spaced;
    QTest::newRow("snils dashes") << number.left(3) + QLatin1Char('-') + number.mid(3, 3) + QLatin1Char('-')
            + number.mid(6, 3) + QLatin1Char('-') + number.mid(9);
    QTest::newRow("snils printed") << number.left(3) + QLatin1Char('-') + number.mid(3, 3) + QLatin1Char('-')
            + number.mid(6, 3) + QLatin1Char(' ') + number.mid(9);
    QTest::newRow("snils no-break spaces") << QString(spaced).replace(QLatin1Char(' '), QChar(0x00A0));
}

void TestEsiaStand::signInWithAnySpellingOfTheLogin()
{
    QFETCH(QString, login);
    Fixture &f = *m_f;
    AccountSpec spec;
    spec.lastName = s(u"Орлова");
    spec.firstName = s(u"Елена");
    spec.email = QStringLiteral("lena.orlova@example.test");
    spec.phone = QStringLiteral("+79165550123");
    spec.snils = snils(QStringLiteral("345678912"));
    spec.birthDate = QDate(1990, 1, 2);
    spec.password = kPassword;
    auto oid = f.stand->addAccount(spec);
    QVERIFY(oid);
    QString problem;
    const QJsonObject tokens = f.tokensFor(login, kPassword, &problem);
    QVERIFY2(!tokens.isEmpty(), qPrintable(problem));
    const QJsonObject claims = verifiedClaims(tokens.value(QStringLiteral("id_token")).toString(), f.jwks(), &problem);
    QCOMPARE(claims.value(QStringLiteral("sub")).toString(), oid.value());
}

void TestEsiaStand::wrongPasswordAndTheLimits()
{
    Fixture &f = *m_f;
    AccountSpec spec;
    spec.lastName = s(u"Кузнецов");
    spec.firstName = s(u"Пётр");
    spec.phone = QStringLiteral("+79160000001");
    spec.password = kPassword;
    QVERIFY(f.stand->addAccount(spec));
    Browser browser;
    // A wrong password and an unknown login get the same answer.
    for (const QString &login : {QStringLiteral("+79160000001"), QStringLiteral("+79160000999")}) {
        const BrowserPage page = f.signIn(browser, {}, login, QStringLiteral("wrong-password-1"));
        QCOMPARE(page.status, 200);
        QCOMPARE(page.elementText(QStringLiteral("form-error")), s(u"Неверный логин или пароль"));
        QCOMPARE(page.form(QStringLiteral("login-form"))->value(QStringLiteral("login")), login);
        QVERIFY(page.form(QStringLiteral("login-form"))->value(QStringLiteral("password")).isEmpty());
    }
    // Four more failures of the account (five in all), then even the right password must wait.
    for (int i = 0; i < 4; ++i)
        QCOMPARE(
            f.signIn(browser, {}, QStringLiteral("8 916 000-00-01"), QStringLiteral("wrong-password-2")).status, 200);
    BrowserPage page = f.signIn(browser, {}, QStringLiteral("+79160000001"), kPassword);
    QCOMPARE(page.status, 429);
    QVERIFY2(
        page.elementText(QStringLiteral("form-error")).contains(s(u"Повторите через 1 с")), qPrintable(page.text()));
    QCOMPARE(page.header("Retry-After"), QByteArray("1"));
    // The wait grows with each failure: 1 s passes, one more failure, then 2 s.
    f.clock.advance(1);
    QCOMPARE(f.signIn(browser, {}, QStringLiteral("+79160000001"), QStringLiteral("wrong-password-3")).status, 200);
    page = f.signIn(browser, {}, QStringLiteral("+79160000001"), kPassword);
    QCOMPARE(page.status, 429);
    QVERIFY2(page.elementText(QStringLiteral("form-error")).contains(s(u"2 с")), qPrintable(page.text()));
    f.clock.advance(2);
    page = f.signIn(browser, {}, QStringLiteral("+79160000001"), kPassword);
    QCOMPARE(page.status, 302);
    QVERIFY(!codeOf(page).isEmpty());

    // An unknown login is limited exactly like an account (the lock tells nothing).
    Browser other;
    for (int i = 0; i < 5; ++i)
        QCOMPARE(f.signIn(other, {}, QStringLiteral("nobody@example.test"), QStringLiteral("guess-123")).status, 200);
    page = f.signIn(other, {}, QStringLiteral("nobody@example.test"), QStringLiteral("guess-123"));
    QCOMPARE(page.status, 429);

    // The waits double with each failure up to 15 minutes.
    AccountSpec second = spec;
    second.phone = QStringLiteral("+79160000002");
    QVERIFY(f.stand->addAccount(second));
    int waited = 0;
    for (int failures = 0; failures < 16;) {
        page = f.signIn(other, {}, QStringLiteral("+79160000002"), QStringLiteral("guess-456"));
        if (page.status == 429) {
            const int wait = page.header("Retry-After").toInt();
            QVERIFY(wait > waited || wait == 900);
            QVERIFY(wait <= 900);
            waited = wait;
            f.clock.advance(wait);
            continue;
        }
        QCOMPARE(page.status, 200);
        ++failures;
    }
    page = f.signIn(other, {}, QStringLiteral("+79160000002"), kPassword);
    QCOMPARE(page.status, 429);
    QCOMPARE(page.header("Retry-After"), QByteArray("900"));
    QVERIFY2(page.elementText(QStringLiteral("form-error")).contains(s(u"15 мин")), qPrintable(page.text()));
}

void TestEsiaStand::addressLimit()
{
    esiastand::LoginLimits limits;
    limits.maxAddressFailuresPerHour = 6;
    Fixture f(*m_sink, limits);
    QVERIFY(f.started);
    AccountSpec spec;
    spec.lastName = s(u"Кузнецов");
    spec.firstName = s(u"Пётр");
    spec.email = QStringLiteral("kuznetsov@example.test");
    spec.password = kPassword;
    QVERIFY(f.stand->addAccount(spec));
    Browser browser;
    for (int i = 0; i < 6; ++i) {
        const QString login = QStringLiteral("guess%1@example.test").arg(i);
        QCOMPARE(f.signIn(browser, {}, login, QStringLiteral("guess-123")).status, 200);
    }
    // Six failures from this address, each on another login: now every sign-in from it waits.
    BrowserPage page = f.signIn(browser, {}, QStringLiteral("kuznetsov@example.test"), kPassword);
    QCOMPARE(page.status, 429);
    f.clock.advance(3601);
    page = f.signIn(browser, {}, QStringLiteral("kuznetsov@example.test"), kPassword);
    QCOMPARE(page.status, 302);
}

void TestEsiaStand::foreignComputerKeepsNoSession()
{
    Fixture &f = *m_f;
    AccountSpec spec;
    spec.lastName = s(u"Смирнова");
    spec.firstName = s(u"Дарья");
    spec.email = QStringLiteral("smirnova@example.test");
    spec.password = kPassword;
    QVERIFY(f.stand->addAccount(spec));
    for (const bool foreign : {true, false}) {
        Browser browser;
        BrowserPage page = f.signIn(browser, {}, QStringLiteral("smirnova@example.test"), kPassword, foreign);
        QCOMPARE(page.status, 302);
        QByteArray sessionCookie;
        for (const QByteArray &c : page.setCookies()) {
            if (c.startsWith("esia_session="))
                sessionCookie = c;
        }
        QVERIFY2(!sessionCookie.isEmpty(), qPrintable(QString::fromLatin1(page.setCookies().join(" | "))));
        QVERIFY(sessionCookie.contains("; HttpOnly"));
        QVERIFY(sessionCookie.contains("; SameSite=Lax"));
        QVERIFY(sessionCookie.contains("; Path=/"));
        QCOMPARE(sessionCookie.contains("Expires="), !foreign);
        QCOMPARE(sessionCookie.contains("Max-Age="), !foreign);
        const auto cookie = browser.cookie(f.stand->baseUrl(), "esia_session");
        QVERIFY(cookie);
        QCOMPARE(cookie->isSessionCookie(), foreign);
        QVERIFY(cookie->isHttpOnly());

        // While the browser stays open, a new request of the client is answered without the form.
        page = browser.get(f.authorizeUrl({}));
        QCOMPARE(page.status, 302);
        QVERIFY(!codeOf(page).isEmpty());
        // Closing the browser ends the foreign sign-in; the kept one survives.
        browser.endSession();
        page = browser.get(f.authorizeUrl({}));
        if (foreign) {
            QCOMPARE(page.status, 200);
            QVERIFY(page.form(QStringLiteral("login-form")));
        } else {
            QCOMPARE(page.status, 302);
        }
    }
    // The foreign session also ends on the stand after its short life, cookie or not.
    Browser browser;
    QCOMPARE(f.signIn(browser, {}, QStringLiteral("smirnova@example.test"), kPassword, true).status, 302);
    f.clock.advance(31 * 60);
    browser.followOnlyWithin(f.stand->baseUrl());
    QCOMPARE(browser.get(f.authorizeUrl({})).status, 200);
}

void TestEsiaStand::passwordRecoveryByMailedLink()
{
    Fixture &f = *m_f;
    AccountSpec spec;
    spec.lastName = s(u"Волков");
    spec.firstName = s(u"Михаил");
    spec.email = QStringLiteral("volkov@example.test");
    spec.phone = QStringLiteral("+79161112233");
    spec.password = kPassword;
    QVERIFY(f.stand->addAccount(spec));

    // An unknown login gets the same page and no letter.
    Browser browser;
    browser.followOnlyWithin(f.stand->baseUrl());
    BrowserPage page = browser.get(f.url(QStringLiteral("/idp/recovery")));
    auto form = page.form(QStringLiteral("recovery-form"));
    QVERIFY(form);
    const int before = int(m_sink->received().size());
    form->set(QStringLiteral("login"), QStringLiteral("+79169999999"));
    page = browser.submit(*form);
    QCOMPARE(page.status, 200);
    const QString sent = page.elementText(QStringLiteral("message"));
    QVERIFY2(sent.startsWith(s(u"Если учётная запись найдена, мы отправили письмо")), qPrintable(sent));
    f.stand->waitForMail();
    QCOMPARE(int(m_sink->received().size()), before);

    // From an authorisation request: recovery by phone, the letter goes to the account's address.
    AuthRequest request;
    page = browser.get(f.authorizeUrl(request));
    const auto recoveryLink = page.link(QStringLiteral("recovery-link"));
    QVERIFY(recoveryLink);
    page = browser.get(recoveryLink->url);
    form = page.form(QStringLiteral("recovery-form"));
    QVERIFY(form);
    form->set(QStringLiteral("login"), QStringLiteral("8 (916) 111-22-33"));
    page = browser.submit(*form);
    QCOMPARE(page.elementText(QStringLiteral("message")), sent);
    QVERIFY(m_sink->waitForMessages(before + 1));
    const test::ReceivedMail mail = m_sink->received().at(before);
    QCOMPARE(mail.envelopeTo, QStringList{QStringLiteral("volkov@example.test")});
    QVERIFY(mail.parsed.value(QStringLiteral("subject")).toString().contains(s(u"Восстановление пароля")));
    const QString link = linkIn(mail, f.stand->baseUrl().toString() + QStringLiteral("/idp/recovery/confirm?token="));
    QVERIFY2(!link.isEmpty(), qPrintable(mail.parsed.value(QStringLiteral("body")).toString()));

    page = browser.get(QUrl(link));
    form = page.form(QStringLiteral("password-form"));
    QVERIFY(form);
    const QString fresh = QStringLiteral("NewParol2027");
    form->set(QStringLiteral("password"), fresh).set(QStringLiteral("password2"), fresh);
    page = browser.submit(*form);
    QCOMPARE(page.status, 200);
    QCOMPARE(page.elementText(QStringLiteral("message")), s(u"Теперь войдите с новым паролем."));
    // Back into the pending authorisation.
    const auto back = page.link(QStringLiteral("continue-link"));
    QVERIFY(back);
    QVERIFY2(back->href.startsWith(QLatin1String("/idp/login?ticket=")), qPrintable(back->href));
    page = browser.get(back->url);
    form = page.form(QStringLiteral("login-form"));
    QVERIFY(form);
    form->set(QStringLiteral("login"), QStringLiteral("volkov@example.test")).set(QStringLiteral("password"), fresh);
    page = browser.submit(*form);
    QCOMPARE(page.status, 302);
    QCOMPARE(QUrlQuery(page.location()).queryItemValue(QStringLiteral("state")), request.state);
    QVERIFY(!codeOf(page).isEmpty());

    // Single use; the old password is gone.
    page = browser.get(QUrl(link));
    QCOMPARE(page.status, 400);
    QCOMPARE(page.elementText(QStringLiteral("error-code")), QStringLiteral("link_invalid"));
    Browser other;
    QCOMPARE(
        f.signIn(other, {}, QStringLiteral("volkov@example.test"), kPassword).elementText(QStringLiteral("form-error")),
        s(u"Неверный логин или пароль"));
    // A link expires after an hour.
    form = browser.get(f.url(QStringLiteral("/idp/recovery"))).form(QStringLiteral("recovery-form"));
    form->set(QStringLiteral("login"), QStringLiteral("volkov@example.test"));
    browser.submit(*form);
    QVERIFY(m_sink->waitForMessages(before + 2));
    const QString second = linkIn(m_sink->received().at(before + 1),
        f.stand->baseUrl().toString() + QStringLiteral("/idp/recovery/confirm?token="));
    QCOMPARE(browser.get(QUrl(second)).status, 200);
    f.clock.advance(3601);
    QCOMPARE(browser.get(QUrl(second)).status, 400);
}

void TestEsiaStand::cancelAndLogout()
{
    Fixture &f = *m_f;
    AccountSpec spec;
    spec.lastName = s(u"Зайцев");
    spec.firstName = s(u"Олег");
    spec.email = QStringLiteral("zaitsev@example.test");
    spec.password = kPassword;
    QVERIFY(f.stand->addAccount(spec));
    Browser browser;
    browser.followOnlyWithin(f.stand->baseUrl());
    AuthRequest request;
    BrowserPage page = browser.get(f.authorizeUrl(request));
    const auto cancel = page.form(QStringLiteral("cancel-form"));
    QVERIFY(cancel);
    page = browser.submit(*cancel);
    QCOMPARE(page.status, 302);
    const QUrlQuery answer(page.location());
    QCOMPARE(answer.queryItemValue(QStringLiteral("error")), QStringLiteral("access_denied"));
    QCOMPARE(answer.queryItemValue(QStringLiteral("state")), request.state);
    QVERIFY(!answer.queryItemValue(QStringLiteral("error_description")).isEmpty());
    QVERIFY(!answer.hasQueryItem(QStringLiteral("code")));

    QCOMPARE(f.signIn(browser, {}, QStringLiteral("zaitsev@example.test"), kPassword).status, 302);
    // Logout to an unregistered address: signed out, but no redirect.
    page = browser.get(
        f.url(QStringLiteral("/idp/ext/Logout?client_id=SCHOOLGATE&redirect_url=https%3A%2F%2Fevil.example%2F")));
    QCOMPARE(page.status, 200);
    QVERIFY(page.header("Location").isEmpty());
    QCOMPARE(browser.get(f.authorizeUrl({})).status, 200);
    // To a registered one: redirected, the session gone.
    QCOMPARE(f.signIn(browser, {}, QStringLiteral("zaitsev@example.test"), kPassword).status, 302);
    QCOMPARE(browser.get(f.authorizeUrl({})).status, 302);
    page = browser.get(f.url(QStringLiteral("/idp/ext/Logout?client_id=SCHOOLGATE&redirect_url=")
        + QString::fromLatin1(QUrl::toPercentEncoding(kWebRedirect))));
    QCOMPARE(page.status, 302);
    QCOMPARE(page.location(), QUrl(kWebRedirect));
    QVERIFY(!browser.cookie(f.stand->baseUrl(), "esia_session"));
    QCOMPARE(browser.get(f.authorizeUrl({})).status, 200);
}

void TestEsiaStand::authorizationRefusals_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("code");
    QTest::newRow("signed by another key") << QStringLiteral("other-key") << QStringLiteral("invalid_signature");
    QTest::newRow("scope changed after signing") << QStringLiteral("tampered") << QStringLiteral("invalid_signature");
    QTest::newRow("secret not base64url") << QStringLiteral("garbage-secret") << QStringLiteral("invalid_signature");
    QTest::newRow("no secret") << QStringLiteral("empty-secret") << QStringLiteral("invalid_signature");
    QTest::newRow("timestamp 6 min old") << QStringLiteral("old") << QStringLiteral("invalid_timestamp");
    QTest::newRow("timestamp 6 min ahead") << QStringLiteral("ahead") << QStringLiteral("invalid_timestamp");
    QTest::newRow("timestamp ISO") << QStringLiteral("iso") << QStringLiteral("invalid_timestamp");
    QTest::newRow("unregistered redirect") << QStringLiteral("evil") << QStringLiteral("invalid_redirect_uri");
    QTest::newRow("loopback, other path") << QStringLiteral("loopback-path") << QStringLiteral("invalid_redirect_uri");
    QTest::newRow("registered host over http") << QStringLiteral("downgrade") << QStringLiteral("invalid_redirect_uri");
    QTest::newRow("unknown client") << QStringLiteral("client") << QStringLiteral("invalid_client");
    QTest::newRow("response_type token") << QStringLiteral("token") << QStringLiteral("unsupported_response_type");
    QTest::newRow("no openid") << QStringLiteral("no-openid") << QStringLiteral("invalid_scope");
    QTest::newRow("unknown scope") << QStringLiteral("unknown-scope") << QStringLiteral("invalid_scope");
    QTest::newRow("no state") << QStringLiteral("no-state") << QStringLiteral("invalid_request");
}

void TestEsiaStand::authorizationRefusals()
{
    QFETCH(QString, what);
    QFETCH(QString, code);
    Fixture &f = *m_f;
    AuthRequest r;
    const ClientKeys other = ClientKeys::make();
    const ClientKeys *signer = nullptr;
    const auto moscow = [&f](qint64 secs) {
        return esiastand::formatTimestamp(f.clock.now().addSecs(secs).toTimeZone(QTimeZone(3 * 3600)));
    };
    if (what == QLatin1String("other-key"))
        signer = &other;
    else if (what == QLatin1String("tampered"))
        r.signedScope = QStringLiteral("openid");
    else if (what == QLatin1String("garbage-secret"))
        r.secret = QStringLiteral("not+base64/url==");
    else if (what == QLatin1String("empty-secret"))
        r.secret = QString();
    else if (what == QLatin1String("old"))
        r.timestamp = moscow(-6 * 60);
    else if (what == QLatin1String("ahead"))
        r.timestamp = moscow(6 * 60);
    else if (what == QLatin1String("iso"))
        r.timestamp = f.clock.now().toString(Qt::ISODate);
    else if (what == QLatin1String("evil"))
        r.redirectUri = QStringLiteral("https://evil.example/esia/callback");
    else if (what == QLatin1String("loopback-path"))
        r.redirectUri = QStringLiteral("http://127.0.0.1:45678/other");
    else if (what == QLatin1String("downgrade"))
        r.redirectUri = QStringLiteral("http://school.example/esia/callback");
    else if (what == QLatin1String("client"))
        r.clientId = QStringLiteral("UNKNOWN");
    else if (what == QLatin1String("token"))
        r.responseType = QStringLiteral("token");
    else if (what == QLatin1String("no-openid"))
        r.scope = QStringLiteral("fullname");
    else if (what == QLatin1String("unknown-scope"))
        r.scope = QStringLiteral("openid passport_secrets");
    else if (what == QLatin1String("no-state"))
        r.state.clear();
    Browser browser;
    const BrowserPage page = browser.get(f.authorizeUrl(r, signer));
    QCOMPARE(page.status, 400);
    QVERIFY(page.contentType.startsWith("text/html"));
    QVERIFY(page.header("Location").isEmpty());
    QCOMPARE(page.elementText(QStringLiteral("error-code")), code);
    QVERIFY(!page.form(QStringLiteral("login-form")));
    QVERIFY2(page.text().contains(s(u"Ошибка авторизации")), qPrintable(page.text()));
}

void TestEsiaStand::loopbackRedirectOnAnyPort()
{
    Fixture &f = *m_f;
    AccountSpec spec;
    spec.lastName = s(u"Лебедев");
    spec.firstName = s(u"Артём");
    spec.email = QStringLiteral("lebedev@example.test");
    spec.password = kPassword;
    QVERIFY(f.stand->addAccount(spec));
    for (const QString &uri :
        {QStringLiteral("http://127.0.0.1:1024/esia/callback"), QStringLiteral("http://127.0.0.1:65000/esia/callback"),
            QStringLiteral("http://127.0.0.1/esia/callback"), kWebRedirect}) {
        AuthRequest r;
        r.redirectUri = uri;
        Browser browser;
        const BrowserPage page = f.signIn(browser, r, QStringLiteral("lebedev@example.test"), kPassword);
        QCOMPARE(page.status, 302);
        QCOMPARE(page.location().toString(QUrl::RemoveQuery), uri);
        // The code is bound to this exact URI.
        const QString code = codeOf(page);
        AuthRequest elsewhere = r;
        elsewhere.redirectUri = uri == kWebRedirect ? QStringLiteral("http://127.0.0.1:1/esia/callback") : kWebRedirect;
        QCOMPARE(f.exchange(code, elsewhere).json().value(QStringLiteral("error")).toString(),
            QStringLiteral("invalid_grant"));
        QCOMPARE(f.exchange(code, r).status, 200);
    }
}

void TestEsiaStand::codeReplayExpiryAndOtherClient()
{
    Fixture &f = *m_f;
    AccountSpec spec;
    spec.lastName = s(u"Морозова");
    spec.firstName = s(u"Вера");
    spec.email = QStringLiteral("morozova@example.test");
    spec.password = kPassword;
    const auto oid = f.stand->addAccount(spec);
    QVERIFY(oid);
    const ClientKeys otherKeys = ClientKeys::make();
    QVERIFY(f.stand->registerClient(QStringLiteral("OTHER"), {kLoopbackRedirect}, otherKeys.publicKey));
    test::RawHttp http(f.stand->baseUrl());
    const auto freshCode = [&f](const AuthRequest &r) {
        Browser browser;
        return codeOf(f.signIn(browser, r, QStringLiteral("morozova@example.test"), kPassword));
    };

    // Replay: the second exchange fails and revokes what the first one gave.
    AuthRequest r;
    QString code = freshCode(r);
    test::HttpAnswer first = f.exchange(code, r);
    QCOMPARE(first.status, 200);
    const QString access = first.json().value(QStringLiteral("access_token")).toString();
    QCOMPARE(http.get(QStringLiteral("/rs/prns/") + oid.value(), access).status, 200);
    test::HttpAnswer again = f.exchange(code, r);
    QCOMPARE(again.status, 400);
    QCOMPARE(again.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    QCOMPARE(http.get(QStringLiteral("/rs/prns/") + oid.value(), access).status, 401);
    QCOMPARE(f.exchange(first.json().value(QStringLiteral("refresh_token")).toString(), r, nullptr,
                  QStringLiteral("refresh_token"))
                 .status,
        400);

    // Expired: five minutes.
    code = freshCode(r);
    f.clock.advance(5 * 60 + 1);
    QCOMPARE(f.exchange(code, r).json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));

    // Another client, with its own valid signature, cannot use the code; the right client still can.
    code = freshCode(r);
    AuthRequest asOther = r;
    asOther.clientId = QStringLiteral("OTHER");
    QCOMPARE(f.exchange(code, asOther, &otherKeys).json().value(QStringLiteral("error")).toString(),
        QStringLiteral("invalid_grant"));
    // A wrong signature at the token step, and a scope wider than granted.
    QCOMPARE(f.exchange(code, r, &otherKeys).json().value(QStringLiteral("error")).toString(),
        QStringLiteral("invalid_client"));
    AuthRequest wider = r;
    wider.scope = kAllScopes + QStringLiteral(" contacts");
    QCOMPARE(f.exchange(code, wider).json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_scope"));
    QCOMPARE(f.exchange(code, r).status, 200);
    // An unknown code.
    QCOMPARE(f.exchange(QStringLiteral("A").repeated(43), r).json().value(QStringLiteral("error")).toString(),
        QStringLiteral("invalid_grant"));
    // The access token ends after an hour.
    code = freshCode(r);
    const QString later = f.exchange(code, r).json().value(QStringLiteral("access_token")).toString();
    QCOMPARE(http.get(QStringLiteral("/rs/prns/") + oid.value(), later).status, 200);
    f.clock.advance(3601);
    QCOMPARE(http.get(QStringLiteral("/rs/prns/") + oid.value(), later).status, 401);
}

void TestEsiaStand::refreshTokenRotates()
{
    Fixture &f = *m_f;
    AccountSpec spec;
    spec.lastName = s(u"Егоров");
    spec.firstName = s(u"Павел");
    spec.email = QStringLiteral("egorov@example.test");
    spec.password = kPassword;
    const auto oid = f.stand->addAccount(spec);
    QVERIFY(oid);
    AuthRequest r;
    r.accessType = QStringLiteral("offline");
    QString problem;
    const QJsonObject tokens = f.tokensFor(QStringLiteral("egorov@example.test"), kPassword, &problem, r);
    QVERIFY2(!tokens.isEmpty(), qPrintable(problem));
    const QString refresh = tokens.value(QStringLiteral("refresh_token")).toString();
    f.clock.advance(600);
    const test::HttpAnswer renewed = f.exchange(refresh, r, nullptr, QStringLiteral("refresh_token"));
    QCOMPARE(renewed.status, 200);
    const QJsonObject claims =
        verifiedClaims(renewed.json().value(QStringLiteral("id_token")).toString(), f.jwks(), &problem);
    QVERIFY2(!claims.isEmpty(), qPrintable(problem));
    QCOMPARE(claims.value(QStringLiteral("sub")).toString(), oid.value());
    QVERIFY(claims.value(QStringLiteral("auth_time")).toInteger() < claims.value(QStringLiteral("iat")).toInteger());
    test::RawHttp http(f.stand->baseUrl());
    QCOMPARE(http.get(QStringLiteral("/rs/prns/") + oid.value(),
                     renewed.json().value(QStringLiteral("access_token")).toString())
                 .status,
        200);
    // The old refresh token was spent.
    QCOMPARE(f.exchange(refresh, r, nullptr, QStringLiteral("refresh_token"))
                 .json()
                 .value(QStringLiteral("error"))
                 .toString(),
        QStringLiteral("invalid_grant"));
}

void TestEsiaStand::personData()
{
    Fixture &f = *m_f;
    AccountSpec a;
    a.lastName = s(u"Никитина");
    a.firstName = s(u"Ирина");
    a.middleName = s(u"Павловна");
    a.birthDate = QDate(1979, 11, 30);
    a.gender = QStringLiteral("F");
    a.snils = snils(QStringLiteral("456789123"));
    a.email = QStringLiteral("nikitina@example.test");
    a.phone = QStringLiteral("+79161230000");
    a.password = kPassword;
    a.level = AccountLevel::Standard;
    const auto oidA = f.stand->addAccount(a);
    QVERIFY(oidA);
    QVERIFY(f.stand->addOrganisation(QStringLiteral("nikitina@example.test"),
        {s(u"МБОУ СОШ № 17"), QStringLiteral("1027700132195"), QStringLiteral("7707083893"), true}));
    AccountSpec b = a;
    b.snils.clear();
    b.level = AccountLevel::Simplified;
    b.email = QStringLiteral("other@example.test");
    b.phone.clear();
    const auto oidB = f.stand->addAccount(b);
    QVERIFY(oidB);
    // Wrong organisation numbers are refused.
    QVERIFY(!f.stand->addOrganisation(QStringLiteral("nikitina@example.test"),
        {s(u"Школа"), QStringLiteral("1027700132196"), QStringLiteral("7707083893"), false}));

    QString problem;
    const QJsonObject tokens = f.tokensFor(QStringLiteral("nikitina@example.test"), kPassword, &problem);
    QVERIFY2(!tokens.isEmpty(), qPrintable(problem));
    const QString access = tokens.value(QStringLiteral("access_token")).toString();
    test::RawHttp http(f.stand->baseUrl());
    test::HttpAnswer answer = http.get(QStringLiteral("/rs/prns/") + oidA.value(), access);
    QCOMPARE(answer.status, 200);
    const QJsonObject person = answer.json();
    QCOMPARE(person.value(QStringLiteral("oid")).toString(), oidA.value());
    QCOMPARE(person.value(QStringLiteral("firstName")).toString(), s(u"Ирина"));
    QCOMPARE(person.value(QStringLiteral("middleName")).toString(), s(u"Павловна"));
    QCOMPARE(person.value(QStringLiteral("birthDate")).toString(), QStringLiteral("30.11.1979"));
    QCOMPARE(person.value(QStringLiteral("gender")).toString(), QStringLiteral("F"));
    QCOMPARE(
        person.value(QStringLiteral("snils")).toString().remove(QRegularExpression(QStringLiteral("[^0-9]"))), a.snils);
    QCOMPARE(person.value(QStringLiteral("trusted")).toBool(true), false);

    // Another person's data with this token: 403; no token or a made-up one: 401.
    QCOMPARE(http.get(QStringLiteral("/rs/prns/") + oidB.value(), access).status, 403);
    QCOMPARE(http.get(QStringLiteral("/rs/prns/%1/ctts").arg(oidB.value()), access).status, 403);
    QCOMPARE(http.get(QStringLiteral("/rs/prns/") + oidA.value()).status, 401);
    answer = http.get(QStringLiteral("/rs/prns/") + oidA.value(), QStringLiteral("B").repeated(43));
    QCOMPARE(answer.status, 401);
    QVERIFY(answer.header("WWW-Authenticate").startsWith("Bearer"));

    answer = http.get(QStringLiteral("/rs/prns/%1/ctts").arg(oidA.value()), access);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json().value(QStringLiteral("size")).toInt(), 2);
    const QString first = answer.json().value(QStringLiteral("elements")).toArray().at(0).toString();
    QVERIFY2(first.startsWith(f.stand->baseUrl().toString() + QStringLiteral("/rs/prns/")), qPrintable(first));
    QCOMPARE(
        http.get(QUrl(first).path(), access).json().value(QStringLiteral("type")).toString(), QStringLiteral("EML"));
    answer = http.get(QStringLiteral("/rs/prns/%1/ctts?embed=(elements)").arg(oidA.value()), access);
    const QJsonArray contacts = answer.json().value(QStringLiteral("elements")).toArray();
    QCOMPARE(contacts.size(), 2);
    QCOMPARE(contacts.at(1).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("MBT"));
    QCOMPARE(contacts.at(1).toObject().value(QStringLiteral("value")).toString(), QStringLiteral("+79161230000"));

    answer = http.get(QStringLiteral("/rs/prns/%1/roles").arg(oidA.value()), access);
    QCOMPARE(answer.status, 200);
    const QJsonObject role = answer.json().value(QStringLiteral("elements")).toArray().at(0).toObject();
    QCOMPARE(role.value(QStringLiteral("fullName")).toString(), s(u"МБОУ СОШ № 17"));
    QCOMPARE(role.value(QStringLiteral("ogrn")).toString(), QStringLiteral("1027700132195"));
    QCOMPARE(role.value(QStringLiteral("chief")).toBool(), true);

    // A token without snils, contacts or usr_org sees less.
    AuthRequest narrow;
    narrow.scope = QStringLiteral("openid fullname");
    const QJsonObject small = f.tokensFor(QStringLiteral("nikitina@example.test"), kPassword, &problem, narrow);
    QVERIFY2(!small.isEmpty(), qPrintable(problem));
    const QString narrowAccess = small.value(QStringLiteral("access_token")).toString();
    answer = http.get(QStringLiteral("/rs/prns/") + oidA.value(), narrowAccess);
    QCOMPARE(answer.status, 200);
    QVERIFY(!answer.json().contains(QStringLiteral("snils")));
    QVERIFY(!answer.json().contains(QStringLiteral("birthDate")));
    QCOMPARE(http.get(QStringLiteral("/rs/prns/%1/ctts").arg(oidA.value()), narrowAccess).status, 403);
    QCOMPARE(http.get(QStringLiteral("/rs/prns/%1/roles").arg(oidA.value()), narrowAccess).status, 403);
}

void TestEsiaStand::csrfRequired()
{
    Fixture &f = *m_f;
    AccountSpec spec;
    spec.lastName = s(u"Белова");
    spec.firstName = s(u"Нина");
    spec.email = QStringLiteral("belova@example.test");
    spec.password = kPassword;
    QVERIFY(f.stand->addAccount(spec));
    Browser browser;
    browser.followOnlyWithin(f.stand->baseUrl());
    const BrowserPage page = browser.get(f.authorizeUrl({}));
    auto form = page.form(QStringLiteral("login-form"));
    QVERIFY(form);
    QVERIFY(!form->value(QStringLiteral("csrf")).isEmpty());
    form->set(QStringLiteral("login"), QStringLiteral("belova@example.test"))
        .set(QStringLiteral("password"), kPassword);

    HtmlForm without = *form;
    without.remove(QStringLiteral("csrf"));
    BrowserPage refused = browser.submit(without);
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.elementText(QStringLiteral("error-code")), QStringLiteral("csrf"));
    HtmlForm tampered = *form;
    // One character changed (never to itself: a token that begins with 'x' would stay as it was).
    const QString csrf = form->value(QStringLiteral("csrf"));
    tampered.set(QStringLiteral("csrf"),
        (csrf.startsWith(QLatin1Char('x')) ? QStringLiteral("y") : QStringLiteral("x")) + csrf.mid(1));
    QCOMPARE(browser.submit(tampered).status, 403);
    // The right token from another browser (another cookie): refused too.
    Browser stranger;
    stranger.followOnlyWithin(f.stand->baseUrl());
    QCOMPARE(stranger.submit(*form).status, 403);
    // Every form is guarded the same way.
    for (const char *path :
        {"/idp/recovery", "/idp/register", "/idp/cancel", "/idp/recovery/confirm", "/idp/register/confirm"})
        QCOMPARE(
            stranger.post(f.url(QString::fromLatin1(path)), {{QStringLiteral("login"), QStringLiteral("x")}}).status,
            403);
    QCOMPARE(browser.submit(*form).status, 302);
}

void TestEsiaStand::hostileInput_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    const QByteArray form = "application/x-www-form-urlencoded";
    QTest::newRow("bad escape") << QByteArray("GET") << QStringLiteral("/aas/oauth2/v2/ac?client_id=%ZZ")
                                << QByteArray() << QByteArray() << 400;
    QTest::newRow("invalid UTF-8") << QByteArray("GET") << QStringLiteral("/aas/oauth2/v2/ac?client_id=%FF%FE")
                                   << QByteArray() << QByteArray() << 400;
    QTest::newRow("repeated parameter") << QByteArray("GET")
                                        << QStringLiteral("/aas/oauth2/v2/ac?client_id=A&client_id=B") << QByteArray()
                                        << QByteArray() << 400;
    QTest::newRow("huge parameter") << QByteArray("GET")
                                    << QStringLiteral("/aas/oauth2/v2/ac?state=") + QString(5000, QLatin1Char('a'))
                                    << QByteArray() << QByteArray() << 400;
    QTest::newRow("no parameters") << QByteArray("GET") << QStringLiteral("/aas/oauth2/v2/ac") << QByteArray()
                                   << QByteArray() << 400;
    QTest::newRow("authorize by POST") << QByteArray("POST") << QStringLiteral("/aas/oauth2/v2/ac") << QByteArray("a=b")
                                       << form << 405;
    QTest::newRow("token by GET") << QByteArray("GET") << QStringLiteral("/aas/oauth2/v3/te") << QByteArray()
                                  << QByteArray() << 405;
    QTest::newRow("token as JSON") << QByteArray("POST") << QStringLiteral("/aas/oauth2/v3/te")
                                   << QByteArray("{\"code\":1}") << QByteArray("application/json") << 415;
    QTest::newRow("token, empty form") << QByteArray("POST") << QStringLiteral("/aas/oauth2/v3/te") << QByteArray()
                                       << form << 400;
    QTest::newRow("token, garbage") << QByteArray("POST") << QStringLiteral("/aas/oauth2/v3/te")
                                    << QByteArray("\x01\x02%%%&&==") << form << 400;
    QTest::newRow("token, 100 fields") << QByteArray("POST") << QStringLiteral("/aas/oauth2/v3/te")
                                       << QByteArray("a=1&").repeated(100) << form << 400;
    QTest::newRow("token, over the body limit")
        << QByteArray("POST") << QStringLiteral("/aas/oauth2/v3/te") << QByteArray(300 * 1024, 'a') << form << 413;
    QTest::newRow("login by PUT") << QByteArray("PUT") << QStringLiteral("/idp/login") << QByteArray("a=b") << form
                                  << 405;
    QTest::newRow("login as multipart") << QByteArray("POST") << QStringLiteral("/idp/login") << QByteArray("--x--")
                                        << QByteArray("multipart/form-data; boundary=x") << 415;
    QTest::newRow("expired ticket") << QByteArray("GET")
                                    << QStringLiteral("/idp/login?ticket=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                                    << QByteArray() << QByteArray() << 400;
    QTest::newRow("garbage mailed token")
        << QByteArray("GET") << QStringLiteral("/idp/recovery/confirm?token=%3Cscript%3E") << QByteArray()
        << QByteArray() << 400;
    QTest::newRow("no mailed token") << QByteArray("GET") << QStringLiteral("/idp/register/confirm") << QByteArray()
                                     << QByteArray() << 400;
    QTest::newRow("person, bad path") << QByteArray("GET") << QStringLiteral("/rs/prns/1/ctts/2/3") << QByteArray()
                                      << QByteArray() << 404;
    QTest::newRow("person, no token") << QByteArray("GET") << QStringLiteral("/rs/prns/%27%20OR%201=1") << QByteArray()
                                      << QByteArray() << 401;
    QTest::newRow("person by DELETE") << QByteArray("DELETE") << QStringLiteral("/rs/prns/1000000001") << QByteArray()
                                      << QByteArray() << 405;
    QTest::newRow("unknown page") << QByteArray("GET") << QStringLiteral("/idp/../../etc/passwd") << QByteArray()
                                  << QByteArray() << 404;
    QTest::newRow("logout, unknown client")
        << QByteArray("GET") << QStringLiteral("/idp/ext/Logout?client_id=%00&redirect_url=javascript:alert(1)")
        << QByteArray() << QByteArray() << 200;
}

void TestEsiaStand::hostileInput()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, target);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    test::RawHttp http(m_f->stand->baseUrl());
    test::RawHttp::Headers headers;
    if (!contentType.isEmpty())
        headers.append({QByteArray("Content-Type"), contentType});
    const test::HttpAnswer answer = http.send(method, target, body, headers);
    QVERIFY2(answer.status == status,
        qPrintable(QStringLiteral("%1 %2 -> %3: %4")
                       .arg(QString::fromLatin1(method), target)
                       .arg(answer.status)
                       .arg(QString::fromUtf8(answer.body.left(300)))));
    QVERIFY(answer.header("Location").isEmpty());
    // The stand still answers.
    QCOMPARE(http.get(QString::fromLatin1(esiastand::path::Jwks)).status, 200);
}

void TestEsiaStand::damagedFilesGiveClearErrors()
{
    server::MailDropMailer mailer(m_f->dir.filePath(QStringLiteral("drop")));
    test::FakeClock clock;
    {
        // Not a database at all.
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("esia-stand.sqlite")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("this is not an SQLite file, only text that fills the header ").repeated(100));
        file.close();
        EsiaStand stand(optionsFor(dir.path()), clock, mailer);
        const Status st = stand.open();
        QVERIFY(!st);
        QVERIFY2(st.error().message.contains(QLatin1String("damaged")) && st.error().message.contains(file.fileName()),
            qPrintable(st.error().message));
        QVERIFY(!stand.start());
    }
    {
        // An SQLite file of another program.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("esia-stand.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE other (x INTEGER)")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
        EsiaStand stand(optionsFor(dir.path()), clock, mailer);
        const Status st = stand.open();
        QVERIFY(!st);
        QVERIFY2(
            st.error().message.contains(QLatin1String("not an ESIA stand database")), qPrintable(st.error().message));
    }
    {
        // A damaged signing key is never replaced silently.
        QTemporaryDir dir;
        QFile key(dir.filePath(QStringLiteral("esia-stand-signing-key.jwk")));
        QVERIFY(key.open(QIODevice::WriteOnly));
        key.write("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"short\"}");
        key.close();
        EsiaStand stand(optionsFor(dir.path()), clock, mailer);
        const Status st = stand.open();
        QVERIFY(!st);
        QVERIFY2(st.error().message.contains(QLatin1String("signing key")), qPrintable(st.error().message));
        QVERIFY(key.open(QIODevice::ReadOnly));
        QVERIFY(key.readAll().contains("short"));
    }
}

void TestEsiaStand::keyIsKeptAcrossRestarts()
{
    const QJsonObject before = m_f->stand->publicJwk();
    QCOMPARE(before.value(QStringLiteral("alg")).toString(), QStringLiteral("EdDSA"));
    QCOMPARE(before.value(QStringLiteral("use")).toString(), QStringLiteral("sig"));
    QCOMPARE(esiastand::fromBase64Url(before.value(QStringLiteral("x")).toString().toLatin1())->size(), 32);
    QCOMPARE(m_f->jwks().value(QStringLiteral("keys")).toArray().at(0).toObject(), before);
    AccountSpec spec;
    spec.lastName = s(u"Титов");
    spec.firstName = s(u"Глеб");
    spec.email = QStringLiteral("titov@example.test");
    spec.password = kPassword;
    QVERIFY(m_f->stand->addAccount(spec));
    const QString path = m_f->dir.path();
    m_f->stand.reset();
    server::MailDropMailer mailer(path + QStringLiteral("/drop"));
    test::FakeClock clock;
    EsiaStand again(optionsFor(path), clock, mailer);
    QVERIFY(again.start());
    QCOMPARE(again.publicJwk(), before);
    QVERIFY(again.findAccount(QStringLiteral("titov@example.test")));
    // Duplicates are refused.
    const auto twice = again.addAccount(spec);
    QVERIFY(!twice);
    QCOMPARE(twice.error().code, QStringLiteral("conflict"));

    // A file of schema 1 (before the profile page) is upgraded in place: the accounts stay, without a passport.
    again.stop();
    {
        const QString file = QDir(path).filePath(QString::fromLatin1(EsiaStand::kDatabaseFile));
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("stand-v1"));
        db.setDatabaseName(file);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE accounts DROP COLUMN passport")));
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE accounts DROP COLUMN confirmation_requested_at")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 1")));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("stand-v1"));
    EsiaStand upgraded(optionsFor(path), clock, mailer);
    QVERIFY(upgraded.open());
    const auto kept = upgraded.findAccount(QStringLiteral("titov@example.test"));
    QVERIFY(kept);
    QVERIFY(kept->passport.isEmpty());
    QVERIFY(!kept->confirmationRequestedAt.isValid());
}

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    QString describe() const { return QStringLiteral("exit %1\n%2\n%3").arg(exitCode).arg(out, err); }
};

Run runStand(const QStringList &arguments)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    p.setProcessEnvironment(env);
    p.start(QString::fromLocal8Bit(SG_STAND_BIN), arguments);
    Run r;
    if (!p.waitForStarted(30000) || !p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished(5000);
        r.err = QStringLiteral("did not finish");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace

void TestEsiaStand::commandLine()
{
    QTemporaryDir dir;
    const QStringList data{QStringLiteral("--data"), dir.path()};
    Run r = runStand({QStringLiteral("--help")});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("account child")), qPrintable(r.describe()));
    r = runStand({QStringLiteral("account"), QStringLiteral("list")});
    QVERIFY2(r.exitCode == 2 && r.err.contains(QLatin1String("--data")), qPrintable(r.describe()));
    r = runStand(data + QStringList{QStringLiteral("account"), QStringLiteral("frobnicate")});
    QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));

    const ClientKeys keys = ClientKeys::make();
    r = runStand(data
        + QStringList{QStringLiteral("client"), QStringLiteral("add"), kClient, QStringLiteral("--redirect"),
            kLoopbackRedirect, QStringLiteral("--redirect"), kWebRedirect, QStringLiteral("--public-key"),
            QString::fromLatin1(keys.publicKey.toBase64())});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    r = runStand(data
        + QStringList{QStringLiteral("client"), QStringLiteral("add"), QStringLiteral("BAD"),
            QStringLiteral("--redirect"), kWebRedirect, QStringLiteral("--public-key"), QStringLiteral("AAAA")});
    QVERIFY2(r.exitCode == 1 && r.err.contains(QLatin1String("32 bytes")), qPrintable(r.describe()));

    r = runStand(data
        + QStringList{QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--surname"), s(u"Иванова"),
            QStringLiteral("--name"), s(u"Мария"), QStringLiteral("--email"), QStringLiteral("ivanova@example.test"),
            QStringLiteral("--phone"), QStringLiteral("8 916 700-00-01"), QStringLiteral("--password"), kPassword});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QString oid = r.out.trimmed();
    QVERIFY2(QRegularExpression(QStringLiteral("^1[0-9]{9}$")).match(oid).hasMatch(), qPrintable(oid));
    // confirmed needs SNILS and birth date: refused with exit 1.
    r = runStand(data
        + QStringList{QStringLiteral("account"), QStringLiteral("level"), QStringLiteral("+79167000001"),
            QStringLiteral("confirmed")});
    QVERIFY2(r.exitCode == 1 && r.err.contains(QLatin1String("SNILS")), qPrintable(r.describe()));
    r = runStand(data
        + QStringList{QStringLiteral("account"), QStringLiteral("level"), QStringLiteral("+79167000001"),
            QStringLiteral("golden")});
    QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
    // account confirm: what a service centre does, for a person who entered the data on the profile page.
    r = runStand(
        data + QStringList{QStringLiteral("account"), QStringLiteral("confirm"), QStringLiteral("+79167000001")});
    QVERIFY2(r.exitCode == 1 && r.err.contains(QLatin1String("/profile")) && r.err.contains(QLatin1String("passport")),
        qPrintable(r.describe()));
    r = runStand(data + QStringList{QStringLiteral("account"), QStringLiteral("confirm")});
    QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
    const QString parentSnils = snils(QStringLiteral("567891234"));
    r = runStand(data
        + QStringList{QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--surname"), s(u"Фёдоров"),
            QStringLiteral("--name"), s(u"Илья"), QStringLiteral("--snils"), parentSnils,
            QStringLiteral("--birth-date"), QStringLiteral("15.03.1980"), QStringLiteral("--password"), kPassword,
            QStringLiteral("--level"), QStringLiteral("standard")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    r = runStand(data
        + QStringList{QStringLiteral("account"), QStringLiteral("level"), parentSnils, QStringLiteral("confirmed")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    r = runStand(data
        + QStringList{QStringLiteral("account"), QStringLiteral("child"), QStringLiteral("--parent"), parentSnils,
            QStringLiteral("--surname"), s(u"Фёдорова"), QStringLiteral("--name"), s(u"Алиса"),
            QStringLiteral("--birth-date"), QDate::currentDate().addYears(-10).toString(Qt::ISODate),
            QStringLiteral("--snils"), snils(QStringLiteral("678912345")), QStringLiteral("--password"), kPassword});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    r = runStand(data
        + QStringList{QStringLiteral("account"), QStringLiteral("child"), QStringLiteral("--parent"), parentSnils});
    QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
    r = runStand(data + QStringList{QStringLiteral("account"), QStringLiteral("list")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY(r.out.contains(oid + QStringLiteral("\tsimplified\t") + s(u"Иванова Мария")));
    QVERIFY(r.out.contains(QStringLiteral("\tconfirmed\t") + s(u"Фёдоров Илья")));
    QVERIFY(r.out.contains(QStringLiteral("\tchild\t") + s(u"Фёдорова Алиса")));
    r = runStand(data + QStringList{QStringLiteral("jwks")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QJsonObject jwks = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(jwks.value(QStringLiteral("keys")).toArray().size(), 1);

    // serve: the same key over HTTP, and the accounts made by the commands sign in.
    QProcess serve;
    serve.setProcessChannelMode(QProcess::SeparateChannels);
    serve.start(QString::fromLocal8Bit(SG_STAND_BIN),
        data + QStringList{QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    QVERIFY(serve.waitForStarted(30000));
    QString output;
    QRegularExpressionMatch listening;
    QVERIFY(QTest::qWaitFor(
        [&] {
            output += QString::fromUtf8(serve.readAllStandardOutput());
            listening = QRegularExpression(QStringLiteral("listening on (http://127\\.0\\.0\\.1:\\d+)")).match(output);
            return listening.hasMatch() || serve.state() == QProcess::NotRunning;
        },
        30000));
    QVERIFY2(listening.hasMatch(), qPrintable(output + QString::fromUtf8(serve.readAllStandardError())));
    const QUrl base(listening.captured(1));
    test::RawHttp http(base);
    QCOMPARE(http.get(QString::fromLatin1(esiastand::path::Jwks)).json(), jwks);
    Browser browser;
    browser.followOnlyWithin(base);
    AuthRequest request;
    const QString timestamp = esiastand::formatTimestamp(QDateTime::currentDateTime());
    const QByteArray query = esiastand::encodeForm({{QStringLiteral("client_id"), kClient},
        {QStringLiteral("client_secret"),
            keys.sign(
                esiastand::secretMessage(kClient, request.scope, {}, timestamp, request.state, request.redirectUri))},
        {QStringLiteral("redirect_uri"), request.redirectUri}, {QStringLiteral("scope"), request.scope},
        {QStringLiteral("response_type"), QStringLiteral("code")}, {QStringLiteral("state"), request.state},
        {QStringLiteral("timestamp"), timestamp}, {QStringLiteral("access_type"), QStringLiteral("online")}});
    QUrl authorize = base.resolved(QUrl(QString::fromLatin1(esiastand::path::Authorize)));
    authorize.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    BrowserPage page = browser.get(authorize);
    auto form = page.form(QStringLiteral("login-form"));
    QVERIFY2(form, qPrintable(page.text()));
    form->set(QStringLiteral("login"), QStringLiteral("+7 916 700 00 01")).set(QStringLiteral("password"), kPassword);
    page = browser.submit(*form);
    QCOMPARE(page.status, 302);
    QVERIFY(!codeOf(page).isEmpty());
    serve.terminate();
    QVERIFY(serve.waitForFinished(30000));
    QCOMPARE(serve.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestEsiaStand)
#include "tst_esiastand.moc"

// The profile: a simplified account enters the birth date, SNILS and passport (standard), asks for confirmation, and
// the command that stands for the service centre confirms it; the id_token then says so.
void TestEsiaStand::profileRaisesTheLevel()
{
    Fixture &f = *m_f;
    AccountSpec spec;
    spec.lastName = s(u"Гусева");
    spec.firstName = s(u"Олеся");
    spec.email = QStringLiteral("guseva@example.test");
    spec.password = kPassword;
    QVERIFY(f.stand->addAccount(spec));

    Browser browser;
    browser.followOnlyWithin(f.stand->baseUrl());
    // Not signed in: to the sign-in page.
    BrowserPage page = browser.get(f.url(QStringLiteral("/profile")));
    QVERIFY2(page.form(QStringLiteral("login-form")), qPrintable(page.text().left(300)));
    auto login = page.form(QStringLiteral("login-form"));
    login->set(QStringLiteral("login"), QStringLiteral("guseva@example.test"))
        .set(QStringLiteral("password"), kPassword);
    page = browser.submit(*login);
    const auto next = page.link(QStringLiteral("continue-link"));
    QVERIFY2(next && next->url.path() == QLatin1String("/profile"), qPrintable(page.text().left(300)));
    page = browser.get(next->url);
    QCOMPARE(page.status, 200);
    QVERIFY2(page.elementText(QStringLiteral("profile-level")).contains(s(u"упрощённая")), qPrintable(page.text()));
    QVERIFY(!page.form(QStringLiteral("confirm-form"))); // nothing to confirm yet

    // Without CSRF: refused, nothing stored.
    QCOMPARE(browser
                 .post(f.url(QStringLiteral("/profile")),
                     {{QStringLiteral("action"), QStringLiteral("save")},
                         {QStringLiteral("birthDate"), QStringLiteral("02.03.1985")}})
                 .status,
        403);
    QVERIFY(!f.stand->findAccount(QStringLiteral("guseva@example.test"))->birthDate.isValid());

    auto form = page.form(QStringLiteral("profile-form"));
    QVERIFY(form);
    const QString personSnils = snils(QStringLiteral("345678912"));
    form->set(QStringLiteral("birthDate"), QStringLiteral("02.03.1985"))
        .set(QStringLiteral("snils"), personSnils)
        .set(QStringLiteral("passport"), QStringLiteral("45 10 № 123456"));
    page = browser.submit(*form);
    QCOMPARE(page.status, 200);
    QVERIFY2(page.elementText(QStringLiteral("profile-level")).contains(s(u"стандартная")), qPrintable(page.text()));
    auto account = f.stand->findAccount(QStringLiteral("guseva@example.test"));
    QCOMPARE(account->level, esiastand::AccountLevel::Standard);
    QCOMPARE(account->birthDate, QDate(1985, 3, 2));
    QCOMPARE(account->snils, personSnils);
    QCOMPARE(account->passport, QStringLiteral("4510 123456"));
    QVERIFY(!account->confirmationRequestedAt.isValid());

    // The command refuses an account that lacks data, and names what.
    spec.lastName = s(u"Пустова");
    spec.email = QStringLiteral("pustova@example.test");
    QVERIFY(f.stand->addAccount(spec));
    const Status lacking = f.stand->confirm(QStringLiteral("pustova@example.test"));
    QVERIFY(!lacking);
    QVERIFY2(lacking.error().message.contains(QLatin1String("passport"))
            && lacking.error().message.contains(QLatin1String("/profile")),
        qPrintable(lacking.error().message));

    // «Подтвердить учётную запись»: the request is recorded; the command confirms.
    form = page.form(QStringLiteral("confirm-form"));
    QVERIFY2(form, qPrintable(page.text()));
    page = browser.submit(*form);
    QCOMPARE(page.status, 200);
    QVERIFY(!page.elementText(QStringLiteral("confirm-requested")).isEmpty());
    QVERIFY(f.stand->findAccount(QStringLiteral("guseva@example.test"))->confirmationRequestedAt.isValid());
    QVERIFY(f.stand->confirm(QStringLiteral("guseva@example.test")));
    account = f.stand->findAccount(QStringLiteral("guseva@example.test"));
    QCOMPARE(account->level, esiastand::AccountLevel::Confirmed);
    QVERIFY(!account->confirmationRequestedAt.isValid());

    // A confirmed account's data is shown, not edited; a forged save is refused and changes nothing.
    page = browser.get(f.url(QStringLiteral("/profile")));
    QVERIFY(!page.form(QStringLiteral("profile-form")));
    QCOMPARE(page.elementText(QStringLiteral("passport")), QStringLiteral("4510 123456"));
    const QString csrf = form->value(QStringLiteral("csrf"));
    page = browser.post(f.url(QStringLiteral("/profile")),
        {{QStringLiteral("csrf"), csrf}, {QStringLiteral("action"), QStringLiteral("save")},
            {QStringLiteral("birthDate"), QStringLiteral("01.01.1990")}});
    QCOMPARE(page.status, 409);
    QCOMPARE(f.stand->findAccount(QStringLiteral("guseva@example.test"))->birthDate, QDate(1985, 3, 2));

    // The relying party sees the confirmed level.
    QString problem;
    const QJsonObject tokens = f.tokensFor(QStringLiteral("guseva@example.test"), kPassword, &problem);
    QVERIFY2(!tokens.isEmpty(), qPrintable(problem));
    const QJsonObject claims = verifiedClaims(tokens.value(QStringLiteral("id_token")).toString(), f.jwks(), &problem);
    QVERIFY2(!claims.isEmpty(), qPrintable(problem));
    QCOMPARE(claims.value(QString::fromLatin1(esiastand::claim::Subject))
                 .toObject()
                 .value(QString::fromLatin1(esiastand::claim::SubjectTrusted))
                 .toBool(),
        true);
}

void TestEsiaStand::profileRefusesBadInput_data()
{
    QTest::addColumn<QString>("birthDate");
    QTest::addColumn<QString>("snilsText");
    QTest::addColumn<QString>("passport");
    QTest::addColumn<QString>("says");
    const QString good = snils(QStringLiteral("456789123"));
    QTest::newRow("date shape") << QStringLiteral("1985-13-40") << good << QStringLiteral("4510 123456")
                                << s(u"Дата рождения");
    QTest::newRow("date in the future") << QDate::currentDate().addDays(2).toString(QStringLiteral("dd.MM.yyyy"))
                                        << good << QStringLiteral("4510 123456") << s(u"в будущем");
    QTest::newRow("snils check number") << QStringLiteral("02.03.1985") << QStringLiteral("112-233-445 96")
                                        << QStringLiteral("4510 123456") << s(u"СНИЛС");
    QTest::newRow("passport digits") << QStringLiteral("02.03.1985") << good << QStringLiteral("4510 12345")
                                     << s(u"Паспорт");
    QTest::newRow("passport letters") << QStringLiteral("02.03.1985") << good << QStringLiteral("<script>")
                                      << s(u"Паспорт");
    QTest::newRow("missing passport") << QStringLiteral("02.03.1985") << good << QString() << s(u"паспорт");
    QTest::newRow("another's snils") << QStringLiteral("02.03.1985") << snils(QStringLiteral("111222333"))
                                     << QStringLiteral("4510 123456") << s(u"другой учётной записи");
}

void TestEsiaStand::profileRefusesBadInput()
{
    QFETCH(QString, birthDate);
    QFETCH(QString, snilsText);
    QFETCH(QString, passport);
    QFETCH(QString, says);
    Fixture &f = *m_f;
    AccountSpec other;
    other.lastName = s(u"Другая");
    other.firstName = s(u"Анна");
    other.snils = snils(QStringLiteral("111222333"));
    other.password = kPassword;
    QVERIFY(f.stand->addAccount(other));
    AccountSpec spec;
    spec.lastName = s(u"Гусева");
    spec.firstName = s(u"Олеся");
    spec.email = QStringLiteral("guseva@example.test");
    spec.password = kPassword;
    QVERIFY(f.stand->addAccount(spec));
    Browser browser;
    QCOMPARE(f.signIn(browser, {}, QStringLiteral("guseva@example.test"), kPassword).status, 302);
    browser.followOnlyWithin(f.stand->baseUrl());
    BrowserPage page = browser.get(f.url(QStringLiteral("/profile")));
    auto form = page.form(QStringLiteral("profile-form"));
    QVERIFY2(form, qPrintable(page.text().left(300)));
    form->set(QStringLiteral("birthDate"), birthDate)
        .set(QStringLiteral("snils"), snilsText)
        .set(QStringLiteral("passport"), passport);
    page = browser.submit(*form);
    QCOMPARE(page.status, 422);
    QVERIFY2(page.elementText(QStringLiteral("form-error")).contains(says), qPrintable(page.text()));
    // What was typed stays in the form; nothing is stored.
    QVERIFY(page.form(QStringLiteral("profile-form")));
    const auto account = f.stand->findAccount(QStringLiteral("guseva@example.test"));
    QCOMPARE(account->level, esiastand::AccountLevel::Simplified);
    QVERIFY(!account->birthDate.isValid());
    QVERIFY(account->snils.isEmpty());
    QVERIFY(account->passport.isEmpty());
}
