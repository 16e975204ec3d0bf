// HTTPS: the server speaks TLS with a certificate and key from its configuration, the guard's limits hold over
// TLS, and the client trusts a self-signed certificate only when an administrator pinned its fingerprint.
// Certificates are made for each run with the openssl command.

#include "client/apiclient.h"
#include "core/errorcodes.h"
#include "server/demoseeder.h"
#include "server/server.h"
#include "testserver.h"

#include <QCryptographicHash>
#include <QFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace sg;

namespace {

template<typename T>
std::optional<Result<T>> wait(const std::function<void(std::function<void(Result<T>)>)> &call)
{
    std::optional<Result<T>> out;
    call([&](Result<T> r) { out = std::move(r); });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 20000))
        return std::nullopt;
    return out;
}

} // namespace

class TestTls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fingerprintText();
    void untrustedWithoutPin();
    void wrongPinIsRefused();
    void pinnedCertificateSignsIn_data();
    void pinnedCertificateSignsIn();
    void plainHttpOnTheTlsPortIsCut();
    void limitsHoldOverTls();
    void badFilesStopTheStart_data();
    void badFilesStopTheStart();

private:
    bool makeCertificate(const QString &name, const QStringList &keyArgs);
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QByteArray fingerprint(const QString &name) const;
    std::unique_ptr<test::TestServer> server(const QString &name);

    QTemporaryDir m_dir;
};

bool TestTls::makeCertificate(const QString &name, const QStringList &keyArgs)
{
    QProcess openssl;
    QStringList args{QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-nodes"), QStringLiteral("-days"),
        QStringLiteral("30"), QStringLiteral("-subj"), QStringLiteral("/CN=schoolgate.test"), QStringLiteral("-addext"),
        QStringLiteral("subjectAltName=IP:127.0.0.1"), QStringLiteral("-keyout"), path(name + QStringLiteral(".key")),
        QStringLiteral("-out"), path(name + QStringLiteral(".crt"))};
    args += keyArgs;
    openssl.start(QStringLiteral("openssl"), args);
    if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0) {
        qWarning() << "openssl:" << openssl.readAllStandardError();
        return false;
    }
    return true;
}

QByteArray TestTls::fingerprint(const QString &name) const
{
    QFile f(path(name + QStringLiteral(".crt")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QSslCertificate(f.readAll(), QSsl::Pem).digest(QCryptographicHash::Sha256);
}

std::unique_ptr<test::TestServer> TestTls::server(const QString &name)
{
    test::TestServer::Options o;
    o.tlsCertificateFile = path(name + QStringLiteral(".crt"));
    o.tlsKeyFile = path(name + QStringLiteral(".key"));
    return std::make_unique<test::TestServer>(o);
}

void TestTls::initTestCase()
{
    if (!QSslSocket::supportsSsl())
        QFAIL("this Qt has no TLS backend (Debian: the OpenSSL backend comes with libqt6network6)");
    QVERIFY(m_dir.isValid());
    QVERIFY(makeCertificate(QStringLiteral("rsa"), {QStringLiteral("-newkey"), QStringLiteral("rsa:2048")}));
    QVERIFY(makeCertificate(QStringLiteral("ec"),
        {QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
            QStringLiteral("ec_paramgen_curve:prime256v1")}));
    QVERIFY(makeCertificate(QStringLiteral("rsa2"), {QStringLiteral("-newkey"), QStringLiteral("rsa:2048")}));
    QCOMPARE(fingerprint(QStringLiteral("rsa")).size(), 32);
}

void TestTls::fingerprintText()
{
    const QByteArray digest = fingerprint(QStringLiteral("rsa"));
    const QString text = client::ApiClient::formatFingerprint(digest);
    QCOMPARE(text.size(), 32 * 3 - 1);
    QCOMPARE(client::ApiClient::parseFingerprint(text), digest);
    QCOMPARE(client::ApiClient::parseFingerprint(text.toLower().remove(QLatin1Char(':'))), digest);
    QCOMPARE(client::ApiClient::parseFingerprint(text.left(20)), QByteArray());
    QCOMPARE(client::ApiClient::parseFingerprint(QString(64, QLatin1Char('g'))), QByteArray());
}

void TestTls::untrustedWithoutPin()
{
    auto s = server(QStringLiteral("rsa"));
    QVERIFY2(s->isValid(), qPrintable(s->errorString()));
    QCOMPARE(s->url().scheme(), QStringLiteral("https"));
    QNetworkAccessManager network;
    client::ApiClient api(&network);
    api.setBaseUrl(s->url());
    const auto r = wait<QJsonObject>([&](auto done) { api.health(done); });
    QVERIFY(r);
    QVERIFY(!r->ok());
    QCOMPARE(r->error().code, QString::fromLatin1(errc::CertificateUntrusted));
    // The message names the fingerprint, so a person can compare it with the one the administrator gave.
    QVERIFY2(r->error().message.contains(client::ApiClient::formatFingerprint(fingerprint(QStringLiteral("rsa")))),
        qPrintable(r->error().message));
}

void TestTls::wrongPinIsRefused()
{
    auto s = server(QStringLiteral("rsa"));
    QVERIFY2(s->isValid(), qPrintable(s->errorString()));
    QNetworkAccessManager network;
    client::ApiClient api(&network);
    api.setBaseUrl(s->url());
    api.setPinnedCertificate(fingerprint(QStringLiteral("ec"))); // another server's certificate
    const auto r = wait<proto::SessionInfo>([&](auto done) {
        api.login(QString::fromLatin1(server::DemoSeeder::kSchoolLogin), test::TestServer::kPassword, done);
    });
    QVERIFY(r);
    QVERIFY(!r->ok());
    QCOMPARE(r->error().code, QString::fromLatin1(errc::CertificateUntrusted));
    QVERIFY(api.token().isEmpty());
}

void TestTls::pinnedCertificateSignsIn_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("RSA key") << QStringLiteral("rsa");
    QTest::newRow("EC key") << QStringLiteral("ec");
}

void TestTls::pinnedCertificateSignsIn()
{
    QFETCH(QString, name);
    auto s = server(name);
    QVERIFY2(s->isValid(), qPrintable(s->errorString()));
    QNetworkAccessManager network;
    client::ApiClient api(&network);
    api.setBaseUrl(s->url());
    api.setPinnedCertificate(fingerprint(name));
    const auto session = wait<proto::SessionInfo>([&](auto done) {
        api.login(QString::fromLatin1(server::DemoSeeder::kSchoolLogin), test::TestServer::kPassword, done);
    });
    QVERIFY(session);
    QVERIFY2(session->ok(), qPrintable(session->ok() ? QString() : session->error().message));
    const auto members =
        wait<QList<proto::Member>>([&](auto done) { api.members(s->demo().schoolId, std::nullopt, done); });
    QVERIFY(members);
    QVERIFY(members->ok());
    QVERIFY(members->value().size() > 100);
}

void TestTls::plainHttpOnTheTlsPortIsCut()
{
    auto s = server(QStringLiteral("rsa"));
    QVERIFY2(s->isValid(), qPrintable(s->errorString()));
    QTcpSocket plain;
    plain.connectToHost(QHostAddress::LocalHost, s->url().port());
    QVERIFY(QTest::qWaitFor([&] { return plain.state() == QAbstractSocket::ConnectedState; }, 5000));
    plain.write("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray got;
    QVERIFY(QTest::qWaitFor(
        [&] {
            got += plain.readAll();
            return plain.state() == QAbstractSocket::UnconnectedState;
        },
        15000));
    QVERIFY2(!got.contains("HTTP/1.1 200"), got.constData()); // never an answer in the clear
    // The server goes on serving TLS.
    QNetworkAccessManager network;
    client::ApiClient api(&network);
    api.setBaseUrl(s->url());
    api.setPinnedCertificate(fingerprint(QStringLiteral("rsa")));
    const auto r = wait<QJsonObject>([&](auto done) { api.health(done); });
    QVERIFY(r && r->ok());
}

void TestTls::limitsHoldOverTls()
{
    auto s = server(QStringLiteral("ec"));
    QVERIFY2(s->isValid(), qPrintable(s->errorString()));
    QSslSocket tls;
    connect(
        &tls, &QSslSocket::sslErrors, &tls, [&tls](const QList<QSslError> &errors) { tls.ignoreSslErrors(errors); });
    tls.connectToHostEncrypted(QStringLiteral("127.0.0.1"), s->url().port());
    // The server runs on this thread: wait with the event loop turning, never with waitForEncrypted().
    QVERIFY2(QTest::qWaitFor([&] { return tls.isEncrypted(); }, 10000), qPrintable(tls.errorString()));
    QByteArray request = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ";
    request += QByteArray(20 * 1024, 'a');
    request += "\r\n\r\n";
    tls.write(request);
    QByteArray got;
    QVERIFY(QTest::qWaitFor(
        [&] {
            got += tls.readAll();
            return got.contains("\r\n\r\n") || tls.state() == QAbstractSocket::UnconnectedState;
        },
        15000));
    QVERIFY2(got.startsWith("HTTP/1.1 431"), got.left(200).constData());
}

void TestTls::badFilesStopTheStart_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("says");
    const QString crt = path(QStringLiteral("rsa.crt"));
    const QString key = path(QStringLiteral("rsa.key"));
    QTest::newRow("no key") << crt << QString() << QStringLiteral("both");
    QTest::newRow("missing certificate") << path(QStringLiteral("none.crt")) << key
                                         << QStringLiteral("cannot read the certificate");
    QTest::newRow("key as certificate") << key << key << QStringLiteral("no PEM certificate");
    QTest::newRow("certificate as key") << crt << crt << QStringLiteral("no unencrypted RSA or EC private key");
    // A key of the right kind from another certificate, and a key of another kind: refused at the start, with the
    // files named, instead of a server whose every handshake fails.
    QTest::newRow("another certificate's RSA key")
        << crt << path(QStringLiteral("rsa2.key")) << QStringLiteral("does not belong to the certificate");
    QTest::newRow("an EC key for an RSA certificate")
        << crt << path(QStringLiteral("ec.key")) << QStringLiteral("does not belong to the certificate");
}

void TestTls::badFilesStopTheStart()
{
    QFETCH(QString, certificate);
    QFETCH(QString, key);
    QFETCH(QString, says);
    test::TestServer::Options o;
    o.seedDemo = false;
    o.tlsCertificateFile = certificate;
    o.tlsKeyFile = key;
    test::TestServer s(o);
    QVERIFY(!s.isValid());
    QVERIFY2(s.errorString().startsWith(QStringLiteral("TLS: ")) && s.errorString().contains(says),
        qPrintable(s.errorString()));
}

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
