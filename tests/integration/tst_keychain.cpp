#include "client/secretstore.h"
#include "wait.h"

#include <QTest>
#include <QUuid>

#include <memory>

using sg::Result;
using sg::Status;
using sg::Unit;
using sg::client::KeychainSecretStore;
using sg::client::SecretStore;
using sg::test::await;

// KeychainSecretStore against the real OS keychain (QtKeychain -> Secret Service). On Linux it needs a D-Bus
// session with an unlocked gnome-keyring; scripts/test provides one. Without it the keychain tests are
// skipped, unless SG_REQUIRE_KEYCHAIN=1 says the backend must be there, in which case they fail.
namespace {

constexpr int kProbeTimeoutMs = 15000;

const char kHowToRun[] =
    "no usable Secret Service keychain in this session. Run: dbus-run-session -- bash -c 'echo -n pw | "
    "gnome-keyring-daemon --unlock --components=secrets >/dev/null; SG_REQUIRE_KEYCHAIN=1 ./tst_keychain' "
    "(packages gnome-keyring dbus dbus-x11)";

bool keychainRequired()
{
    return qEnvironmentVariable("SG_REQUIRE_KEYCHAIN") == QLatin1String("1");
}

QByteArray allByteValues()
{
    QByteArray b;
    for (int i = 0; i < 256; ++i)
        b.append(char(i));
    return b;
}

QString describe(const sg::Error &e)
{
    return QStringLiteral("%1: %2").arg(e.code, e.message);
}

} // namespace

// Skips (or, with SG_REQUIRE_KEYCHAIN=1, fails) a test that needs the real keychain when it is not there.
#define REQUIRE_KEYCHAIN()                                                                                             \
    do {                                                                                                               \
        if (!m_available) {                                                                                            \
            const QString why_ = QStringLiteral("%1 (probe: %2)").arg(QString::fromLatin1(kHowToRun), m_probeError);   \
            if (keychainRequired())                                                                                    \
                QFAIL(qPrintable(QStringLiteral("SG_REQUIRE_KEYCHAIN=1 but ") + why_));                                \
            QSKIP(qPrintable(why_));                                                                                   \
        }                                                                                                              \
    } while (false)

class TestKeychain : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void tooLargeIsRefusedWithoutKeychain_data();
    void tooLargeIsRefusedWithoutKeychain();
    void writeReadDelete_data();
    void writeReadDelete();
    void overwrite();
    void readMissing();
    void removeMissing();
    void servicesAreSeparate();

private:
    Status write(SecretStore &store, const QString &key, const QByteArray &secret);
    Result<QByteArray> read(SecretStore &store, const QString &key);
    Status remove(SecretStore &store, const QString &key);

    QString m_service;
    std::unique_ptr<KeychainSecretStore> m_store;
    bool m_available = false;
    QString m_probeError;
    QStringList m_written;
};

Status TestKeychain::write(SecretStore &store, const QString &key, const QByteArray &secret)
{
    m_written.append(key);
    return await<Unit>([&](auto done) { store.write(key, secret, std::move(done)); });
}

Result<QByteArray> TestKeychain::read(SecretStore &store, const QString &key)
{
    return await<QByteArray>([&](auto done) { store.read(key, std::move(done)); });
}

Status TestKeychain::remove(SecretStore &store, const QString &key)
{
    return await<Unit>([&](auto done) { store.remove(key, std::move(done)); });
}

void TestKeychain::initTestCase()
{
    // A service name of our own, so that a run never touches real entries or another run's.
    m_service = QStringLiteral("SchoolGate-test-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    m_store = std::make_unique<KeychainSecretStore>(m_service);

    // QtKeychain has no isAvailable(): probe with a write and a delete. A probe that never answers (for example a
    // locked keyring waiting for a prompt) counts as unavailable; the store is then dropped with its job.
    auto probe = std::make_unique<KeychainSecretStore>(m_service);
    const QString probeKey = QStringLiteral("probe");
    const Status written = await<Unit>(
        [&](auto done) { probe->write(probeKey, QByteArrayLiteral("probe"), std::move(done)); }, kProbeTimeoutMs);
    if (written.ok()) {
        const Status removed =
            await<Unit>([&](auto done) { probe->remove(probeKey, std::move(done)); }, kProbeTimeoutMs);
        m_available = removed.ok();
        if (!removed.ok())
            m_probeError = describe(removed.error());
    } else {
        m_probeError = describe(written.error());
    }
    probe.reset();
    if (!m_available)
        qInfo("keychain unavailable: %s", qPrintable(m_probeError));
}

void TestKeychain::cleanupTestCase()
{
    if (!m_available || !m_store)
        return;
    for (const QString &key : std::as_const(m_written))
        remove(*m_store, key);
}

void TestKeychain::tooLargeIsRefusedWithoutKeychain_data()
{
    QTest::addColumn<int>("size");
    QTest::newRow("2001 bytes") << SecretStore::kMaxSecretBytes + 1;
    QTest::newRow("2560 bytes (the Windows limit)") << 2560;
    QTest::newRow("1 MiB") << 1024 * 1024;
}

void TestKeychain::tooLargeIsRefusedWithoutKeychain()
{
    QFETCH(int, size);
    QCOMPARE(SecretStore::kMaxSecretBytes, 2000);
    const QString key = QStringLiteral("too-large-%1").arg(size);
    std::optional<Status> result;
    m_store->write(key, QByteArray(size, 'x'), [&result](Status st) { result = std::move(st); });
    // Answered at once, before any keychain job could run: the keychain is not touched (and this works
    // even where no keychain exists).
    QVERIFY(result.has_value());
    QVERIFY(!result->ok());
    QCOMPARE(result->error().code, QStringLiteral("secret-too-large"));
    QCOMPARE(result->error().httpStatus, 0);

    if (m_available) {
        const Result<QByteArray> back = read(*m_store, key);
        QVERIFY(!back.ok());
        QCOMPARE(back.error().code, QStringLiteral("secret-not-found"));
    }
}

void TestKeychain::writeReadDelete_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("secret");
    QTest::newRow("ASCII key, text secret") << QStringLiteral("session-token") << QByteArray("0123456789abcdef-token");
    QTest::newRow("every byte value") << QStringLiteral("cache-key") << allByteValues();
    QTest::newRow("Cyrillic key, UTF-8 secret")
        << QString::fromUtf16(u"пароль/demo-school") << QString::fromUtf16(u"секрет с пробелами и ё").toUtf8();
    QTest::newRow("exactly 2000 bytes") << QStringLiteral("largest")
                                        << QByteArray(SecretStore::kMaxSecretBytes, '\xA5');
}

void TestKeychain::writeReadDelete()
{
    REQUIRE_KEYCHAIN();
    QFETCH(QString, key);
    QFETCH(QByteArray, secret);

    const Status written = write(*m_store, key, secret);
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : describe(written.error())));

    const Result<QByteArray> back = read(*m_store, key);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : describe(back.error())));
    QCOMPARE(back.value(), secret);

    // A new store object (as after a restart of the app) reads the same secret.
    KeychainSecretStore again(m_service);
    const Result<QByteArray> fresh = read(again, key);
    QVERIFY(fresh.ok());
    QCOMPARE(fresh.value(), secret);

    const Status removed = remove(*m_store, key);
    QVERIFY2(removed.ok(), qPrintable(removed.ok() ? QString() : describe(removed.error())));
    const Result<QByteArray> gone = read(*m_store, key);
    QVERIFY(!gone.ok());
    QCOMPARE(gone.error().code, QStringLiteral("secret-not-found"));
}

void TestKeychain::overwrite()
{
    REQUIRE_KEYCHAIN();
    const QString key = QStringLiteral("overwritten");
    QVERIFY(write(*m_store, key, QByteArrayLiteral("first value")).ok());
    QVERIFY(write(*m_store, key, QByteArrayLiteral("second")).ok());
    const Result<QByteArray> back = read(*m_store, key);
    QVERIFY(back.ok());
    QCOMPARE(back.value(), QByteArrayLiteral("second"));
    QVERIFY(remove(*m_store, key).ok());
}

void TestKeychain::readMissing()
{
    REQUIRE_KEYCHAIN();
    const Result<QByteArray> back = read(*m_store, QStringLiteral("never-written"));
    QVERIFY(!back.ok());
    QCOMPARE(back.error().code, QStringLiteral("secret-not-found"));
    QCOMPARE(back.error().httpStatus, 0);
    QVERIFY(!back.error().message.isEmpty());
}

void TestKeychain::removeMissing()
{
    REQUIRE_KEYCHAIN();
    // Removing what is not there is not an error (sign-out wipes whatever exists).
    const Status removed = remove(*m_store, QStringLiteral("never-written-either"));
    QVERIFY2(removed.ok(), qPrintable(removed.ok() ? QString() : describe(removed.error())));
}

void TestKeychain::servicesAreSeparate()
{
    REQUIRE_KEYCHAIN();
    const QString key = QStringLiteral("shared-name");
    QVERIFY(write(*m_store, key, QByteArrayLiteral("ours")).ok());
    KeychainSecretStore other(m_service + QStringLiteral("-other"));
    const Result<QByteArray> theirs = read(other, key);
    QVERIFY(!theirs.ok());
    QCOMPARE(theirs.error().code, QStringLiteral("secret-not-found"));
    QVERIFY(remove(*m_store, key).ok());
}

QTEST_GUILESS_MAIN(TestKeychain)

#include "tst_keychain.moc"
