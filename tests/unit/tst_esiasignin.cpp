// Sign-in through Gosuslugi in the client (EsiaSignIn) against a small authorization server in this test that
// speaks the broker's two endpoints, with a real S256 check of the verifier. The opener plays the browser: it
// follows the server's redirects to the loopback listener.

#include "client/apiclient.h"
#include "client/esiasignin.h"
#include "core/errorcodes.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

using namespace sg;
using namespace sg::client;

namespace {

using SignInResult = Result<proto::SessionInfo>;

QByteArray s256(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// The broker's GET /api/v1/esia/authorize and POST /api/v1/esia/token, one request per connection.
class FakeAuthorizationServer : public QObject
{
public:
    enum class Answer {
        Code, // back to the client with a code and its state
        WrongState, // with a code and another state
        Error, // with error=errorName, error_description=errorDescription
        Stay, // a page that never comes back (the person has not finished)
    };

    Answer answer = Answer::Code;
    QString errorName;
    QString errorDescription;
    bool holdToken = false; // never answer the token request
    QString token = QStringLiteral("session-token-0123456789");

    // What the client sent.
    QUrlQuery authorizeQuery;
    QUrl redirectUri;
    QHash<QString, QString> tokenForm;
    int tokenRequests = 0;
    bool verifierMatched = false;

    FakeAuthorizationServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
    }

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        qsizetype length = 0;
        for (const QByteArray &line : lines) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (buffer.size() < end + 4 + length)
            return;
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        const QByteArray body = buffer.mid(end + 4, length);
        m_buffers.remove(socket);
        if (requestLine.size() < 2)
            return reply(socket, 400, "text/plain", {}, "bad request");
        const QUrl target = QUrl::fromEncoded(requestLine.at(1));
        if (requestLine.at(0) == "GET" && target.path() == QLatin1String("/api/v1/esia/authorize"))
            return authorize(socket, QUrlQuery(target));
        if (requestLine.at(0) == "POST" && target.path() == QLatin1String("/api/v1/esia/token"))
            return exchange(socket, body);
        reply(socket, 404, "text/plain", {}, "not found");
    }

    void authorize(QTcpSocket *socket, const QUrlQuery &query)
    {
        authorizeQuery = query;
        redirectUri = QUrl(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded), QUrl::StrictMode);
        const QString state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
        QUrlQuery back;
        auto add = [&back](const QString &name, const QString &value) {
            back.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
        };
        switch (answer) {
        case Answer::Stay: return reply(socket, 200, "text/html", {}, "<html><body>Госуслуги</body></html>");
        case Answer::Code:
            add(QStringLiteral("code"), m_code);
            add(QStringLiteral("state"), state);
            break;
        case Answer::WrongState:
            add(QStringLiteral("code"), m_code);
            add(QStringLiteral("state"), state + QStringLiteral("x"));
            break;
        case Answer::Error:
            add(QStringLiteral("error"), errorName);
            add(QStringLiteral("error_description"), errorDescription);
            add(QStringLiteral("state"), state);
            break;
        }
        QUrl location = redirectUri;
        location.setQuery(back);
        reply(socket, 302, "text/html", {{"Location", location.toEncoded()}}, {});
    }

    void exchange(QTcpSocket *socket, const QByteArray &body)
    {
        ++tokenRequests;
        tokenForm.clear();
        for (const QByteArray &pair : body.split('&')) {
            const qsizetype eq = pair.indexOf('=');
            QByteArray name = pair.left(eq), value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
            name.replace('+', ' ');
            value.replace('+', ' ');
            tokenForm.insert(QUrl::fromPercentEncoding(name), QUrl::fromPercentEncoding(value));
        }
        if (holdToken)
            return; // the answer never comes
        const QByteArray verifier = tokenForm.value(QStringLiteral("code_verifier")).toLatin1();
        static const QRegularExpression shape(QStringLiteral("^[A-Za-z0-9._~-]{43,128}$"));
        verifierMatched = shape.match(QString::fromLatin1(verifier)).hasMatch()
            && QString::fromLatin1(s256(verifier))
                == authorizeQuery.queryItemValue(QStringLiteral("code_challenge"), QUrl::FullyDecoded);
        const QUrl redirect(tokenForm.value(QStringLiteral("redirect_uri")), QUrl::StrictMode);
        const bool ok = tokenForm.value(QStringLiteral("grant_type")) == QLatin1String("authorization_code")
            && tokenForm.value(QStringLiteral("code")) == m_code && !m_codeUsed && redirect == redirectUri
            && verifierMatched;
        m_codeUsed = true;
        if (!ok) {
            const QJsonObject error{{QStringLiteral("error"), QStringLiteral("invalid_grant")},
                {QStringLiteral("error_description"), QStringLiteral("Проверочный код PKCE не подходит.")}};
            return reply(socket, 400, "application/json", {}, QJsonDocument(error).toJson(QJsonDocument::Compact));
        }
        proto::SessionInfo session;
        session.token = token;
        session.expiresAt = QDateTime::currentDateTimeUtc().addSecs(1800);
        session.user.id = 42;
        session.user.login = QStringLiteral("ivanova");
        session.user.role = Role::Teacher;
        session.user.schoolId = 7;
        session.user.displayName = QStringLiteral("Иванова Мария Петровна");
        QJsonObject o = session.toJson();
        o.insert(QStringLiteral("access_token"), token);
        o.insert(QStringLiteral("token_type"), QStringLiteral("Bearer"));
        o.insert(QStringLiteral("expires_in"), 1800);
        reply(socket, 200, "application/json", {}, QJsonDocument(o).toJson(QJsonDocument::Compact));
    }

    static void reply(QTcpSocket *socket, int status, const QByteArray &type,
        const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body)
    {
        QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + type
            + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n";
        for (const auto &[name, value] : headers)
            out += name + ": " + value + "\r\n";
        socket->write(out + "\r\n" + body);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QString m_code = QStringLiteral("one-time-code-abc");
    bool m_codeUsed = false;
};

// The result of the first finished() a spy saw (Result has no default constructor, so no QVariant::value()).
SignInResult resultOf(const QSignalSpy &spy)
{
    const QVariant &v = spy.at(0).at(0);
    if (v.metaType() != QMetaType::fromType<SignInResult>())
        return Error{QStringLiteral("test-type"), QStringLiteral("not a sign-in result")};
    return *static_cast<const SignInResult *>(v.constData());
}

QString describe(const SignInResult &r)
{
    return r ? QStringLiteral("signed in") : r.error().code + QStringLiteral(": ") + r.error().message;
}

// Whether something listens on 127.0.0.1:port.
bool portOpen(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    const bool connected = socket.waitForConnected(3000);
    socket.abort();
    return connected;
}

} // namespace

class TestEsiaSignIn : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void challengeIsS256OfTheVerifier();
    void successGivesTheSession();
    void redirectIsLoopbackLiteralWithPort();
    void refusedExchangeShowsTheServersReason();
    void wrongStateIsRefused();
    void missingStateIsRefused();
    void levelInsufficientGivesItsDescription();
    void accessDeniedIsCancelledOnGosuslugi();
    void cancelClosesTheListener();
    void cancelDuringTheExchange();
    void timeoutClosesTheListener();
    void openerFailureEndsWithAMessage();

private:
    // Starts a sign-in whose browser follows the redirects (or, with `direct`, calls the given URL instead of the
    // authorize URL); waits for finished().
    SignInResult run(EsiaSignIn &signIn, int waitMs = 20000);
    EsiaSignIn::Opener browser();

    std::unique_ptr<FakeAuthorizationServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<QNetworkAccessManager> m_browserNetwork;
    std::unique_ptr<ApiClient> m_api;
    QUrl m_opened;
    quint16 m_port = 0;
};

void TestEsiaSignIn::init()
{
    m_server = std::make_unique<FakeAuthorizationServer>();
    m_network = std::make_unique<QNetworkAccessManager>();
    m_browserNetwork = std::make_unique<QNetworkAccessManager>();
    m_api = std::make_unique<ApiClient>(m_network.get());
    m_api->setBaseUrl(m_server->url());
    m_opened.clear();
    m_port = 0;
}

void TestEsiaSignIn::cleanup()
{
    m_api.reset();
    m_browserNetwork.reset();
    m_network.reset();
    m_server.reset();
}

EsiaSignIn::Opener TestEsiaSignIn::browser()
{
    return [this](const QUrl &url) {
        m_opened = url;
        QNetworkReply *reply = m_browserNetwork->get(QNetworkRequest(url)); // redirects are followed
        connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
        return true;
    };
}

SignInResult TestEsiaSignIn::run(EsiaSignIn &signIn, int waitMs)
{
    std::optional<SignInResult> out;
    int count = 0;
    connect(&signIn, &EsiaSignIn::finished, this, [&out, &count](const SignInResult &r) {
        out.emplace(r);
        ++count;
    });
    signIn.start();
    if (signIn.isRunning()) {
        m_port = quint16(signIn.redirectUri().port());
        if (!QTest::qWaitFor([&out] { return out.has_value(); }, waitMs))
            return Error{QStringLiteral("test-timeout"), QStringLiteral("no result")};
    }
    QTest::qWait(50); // a second finished() would come now
    if (count != 1)
        return Error{QStringLiteral("test-count"), QStringLiteral("finished() %1 times").arg(count)};
    return std::move(*out);
}

void TestEsiaSignIn::challengeIsS256OfTheVerifier()
{
    // RFC 7636, appendix B.
    QCOMPARE(EsiaSignIn::challengeFor("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
        QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
}

void TestEsiaSignIn::successGivesTheSession()
{
    EsiaSignIn signIn(m_api.get(), browser());
    const SignInResult r = run(signIn);
    QVERIFY2(r.ok(), qPrintable(describe(r)));
    QCOMPARE(r->token, m_server->token);
    QCOMPARE(r->user.login, QStringLiteral("ivanova"));
    QVERIFY(r->user.role == Role::Teacher);
    QCOMPARE(m_server->tokenRequests, 1);
    // The challenge went with the authorization, the verifier with the exchange, and they match (S256).
    QCOMPARE(m_server->authorizeQuery.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    const QString challenge = m_server->authorizeQuery.queryItemValue(QStringLiteral("code_challenge"));
    QCOMPARE(challenge.size(), 43);
    QCOMPARE(m_server->authorizeQuery.allQueryItemValues(QStringLiteral("code_challenge")).size(), 1);
    const QString verifier = m_server->tokenForm.value(QStringLiteral("code_verifier"));
    QVERIFY(verifier.size() >= 43 && verifier.size() <= 128);
    QCOMPARE(QString::fromLatin1(s256(verifier.toLatin1())), challenge);
    QVERIFY(m_server->verifierMatched);
    QCOMPARE(m_server->tokenForm.value(QStringLiteral("grant_type")), QStringLiteral("authorization_code"));
    QCOMPARE(m_server->tokenForm.value(QStringLiteral("redirect_uri")), m_server->redirectUri.toString());
    QVERIFY(!signIn.isRunning());
    QVERIFY(!portOpen(m_port));
}

void TestEsiaSignIn::redirectIsLoopbackLiteralWithPort()
{
    EsiaSignIn signIn(m_api.get(), browser());
    const SignInResult r = run(signIn);
    QVERIFY2(r.ok(), qPrintable(describe(r)));
    QVERIFY(m_opened.toString().startsWith(m_server->url().toString() + QStringLiteral("/api/v1/esia/authorize?")));
    const QUrl redirect = m_server->redirectUri;
    QCOMPARE(redirect.scheme(), QStringLiteral("http"));
    QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(redirect.port() > 0);
    QCOMPARE(redirect.port(), int(m_port));
    QCOMPARE(m_server->authorizeQuery.allQueryItemValues(QStringLiteral("redirect_uri")).size(), 1);
    QVERIFY(!m_server->authorizeQuery.queryItemValue(QStringLiteral("state")).isEmpty());
}

void TestEsiaSignIn::refusedExchangeShowsTheServersReason()
{
    // The browser brings a code, but the exchange is refused (here: a code the server has already taken).
    EsiaSignIn first(m_api.get(), browser());
    QVERIFY(run(first).ok());
    EsiaSignIn second(m_api.get(), browser());
    const SignInResult r = run(second);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QString::fromLatin1(esiaerr::Refused));
    QVERIFY2(
        r.error().message.contains(QStringLiteral("Проверочный код PKCE не подходит.")), qPrintable(r.error().message));
    QVERIFY(!portOpen(m_port));
}

void TestEsiaSignIn::wrongStateIsRefused()
{
    m_server->answer = FakeAuthorizationServer::Answer::WrongState;
    EsiaSignIn signIn(m_api.get(), browser());
    const SignInResult r = run(signIn);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QString::fromLatin1(esiaerr::StateMismatch));
    QVERIFY(!r.error().message.isEmpty());
    QCOMPARE(m_server->tokenRequests, 0); // the code was never exchanged
    QVERIFY(!portOpen(m_port));
}

void TestEsiaSignIn::missingStateIsRefused()
{
    // Another program calls the loopback port with a code and no state.
    EsiaSignIn signIn(m_api.get(), [this](const QUrl &url) {
        m_opened = url;
        const QUrlQuery query(url);
        QUrl callback(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
        callback.setQuery(QStringLiteral("code=stolen"));
        QNetworkReply *reply = m_browserNetwork->get(QNetworkRequest(callback));
        connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
        return true;
    });
    const SignInResult r = run(signIn);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QString::fromLatin1(esiaerr::StateMismatch));
    QCOMPARE(m_server->tokenRequests, 0);
    QVERIFY(!portOpen(m_port));
}

void TestEsiaSignIn::levelInsufficientGivesItsDescription()
{
    m_server->answer = FakeAuthorizationServer::Answer::Error;
    m_server->errorName = QStringLiteral("esia_level_insufficient");
    m_server->errorDescription = QStringLiteral("Для этой роли нужна подтверждённая учётная запись Госуслуг: "
                                                "подтвердите её в МФЦ & войдите снова (100%).");
    EsiaSignIn signIn(m_api.get(), browser());
    const SignInResult r = run(signIn);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QString::fromLatin1(esiaerr::LevelInsufficient));
    QCOMPARE(r.error().message, m_server->errorDescription);
    QCOMPARE(m_server->tokenRequests, 0);
    QVERIFY(!portOpen(m_port));
}

void TestEsiaSignIn::accessDeniedIsCancelledOnGosuslugi()
{
    m_server->answer = FakeAuthorizationServer::Answer::Error;
    m_server->errorName = QStringLiteral("access_denied");
    EsiaSignIn signIn(m_api.get(), browser());
    const SignInResult r = run(signIn);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QString::fromLatin1(esiaerr::Cancelled));
    QVERIFY(r.error().message.contains(QStringLiteral("Gosuslugi")));
    QCOMPARE(m_server->tokenRequests, 0);
}

void TestEsiaSignIn::cancelClosesTheListener()
{
    m_server->answer = FakeAuthorizationServer::Answer::Stay;
    EsiaSignIn signIn(m_api.get(), browser());
    QSignalSpy finished(&signIn, &EsiaSignIn::finished);
    signIn.start();
    QVERIFY(signIn.isRunning());
    m_port = quint16(signIn.redirectUri().port());
    QVERIFY(portOpen(m_port));
    QTRY_VERIFY(!m_server->redirectUri.isEmpty()); // the browser reached the server and stays there
    QVERIFY(signIn.remainingTime() > 0);
    signIn.cancel();
    QCOMPARE(finished.size(), 1);
    const SignInResult r = resultOf(finished);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QString::fromLatin1(esiaerr::Cancelled));
    QVERIFY(!signIn.isRunning());
    QCOMPARE(signIn.remainingTime(), 0);
    QVERIFY(!portOpen(m_port));
    signIn.cancel(); // nothing more
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);
}

void TestEsiaSignIn::cancelDuringTheExchange()
{
    m_server->holdToken = true;
    EsiaSignIn signIn(m_api.get(), browser());
    QSignalSpy finished(&signIn, &EsiaSignIn::finished);
    signIn.start();
    m_port = quint16(signIn.redirectUri().port());
    QTRY_COMPARE(m_server->tokenRequests, 1);
    QVERIFY(signIn.isRunning());
    signIn.cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(resultOf(finished).error().code, QString::fromLatin1(esiaerr::Cancelled));
    QVERIFY(!portOpen(m_port));
    QTest::qWait(100);
    QCOMPARE(finished.size(), 1);
}

void TestEsiaSignIn::timeoutClosesTheListener()
{
    m_server->answer = FakeAuthorizationServer::Answer::Stay;
    EsiaSignIn signIn(m_api.get(), browser());
    QCOMPARE(signIn.timeout(), 5 * 60 * 1000);
    signIn.setTimeout(400);
    const SignInResult r = run(signIn, 10000);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QString::fromLatin1(errc::Timeout));
    QVERIFY(!r.error().message.isEmpty());
    QVERIFY(m_port > 0);
    QVERIFY(!portOpen(m_port));
}

void TestEsiaSignIn::openerFailureEndsWithAMessage()
{
    EsiaSignIn signIn(m_api.get(), [this](const QUrl &url) {
        m_opened = url;
        m_port =
            quint16(QUrl(QUrlQuery(url).queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded)).port());
        return false;
    });
    const SignInResult r = run(signIn);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QString::fromLatin1(esiaerr::BrowserNotOpened));
    QVERIFY(r.error().message.contains(QStringLiteral("browser")));
    QVERIFY(m_port > 0);
    QVERIFY(!portOpen(m_port));
}

QTEST_GUILESS_MAIN(TestEsiaSignIn)
#include "tst_esiasignin.moc"
