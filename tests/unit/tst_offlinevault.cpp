// The offline copy's vault (client/offlinevault.h): the password is checked against an Argon2id verifier, the copy's
// key opens only with the right password, a damaged or truncated file is an error and never a crash, wrong
// passwords are limited across reopening, and the copy's age is measured against the server's limit.

#include "client/cachecrypto.h"
#include "client/offlinevault.h"
#include "fakeclock.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace sg;
using client::OfflineVault;

namespace {

const QString kPassword = QStringLiteral("верный пароль 17");
const QUrl kServer(QStringLiteral("https://school.example.ru"));

proto::UserInfo someUser()
{
    proto::UserInfo u;
    u.id = 7;
    u.login = QStringLiteral("school-17");
    u.role = Role::School;
    u.schoolId = 3;
    u.displayName = QStringLiteral("МБОУ СОШ № 17");
    u.offlineMaxDays = 14;
    return u;
}

} // namespace

class TestOfflineVault : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void copyIdHidesServerAndLogin();
    void verifierAcceptsOnlyTheRightPassword();
    void wrappedKeyOpensOnlyWithTheRightPassword();
    void fileHoldsNeitherPasswordNorKey();
    void damagedFileIsAnError_data();
    void damagedFileIsAnError();
    void missingFile();
    void attemptLimitSurvivesReopening();
    void ageLimit();
    void removeDeletesTheFile();
    void passwordMadeOnACopyIsAdopted();
    void moderateLimitsByDefault();

private:
    QString vaultPath() const { return m_dir->filePath(QStringLiteral("offline/abc.vault")); }
    // A vault with the password set, saved.
    OfflineVault makeVault(const QByteArray &key);
    std::unique_ptr<QTemporaryDir> m_dir;
    test::FakeClock m_clock;
};

void TestOfflineVault::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("offline")));
    m_clock = test::FakeClock();
}

OfflineVault TestOfflineVault::makeVault(const QByteArray &key)
{
    OfflineVault v(QStringLiteral("school-17"), kServer, m_clock.now());
    const Status s = v.setPassword(kPassword, key, client::PasswordHashLimits::interactive());
    if (!s)
        qFatal("setPassword: %s", qPrintable(s.error().message));
    v.setUser(someUser(), key);
    v.setMaxDays(someUser().offlineMaxDays);
    if (!v.save(vaultPath()))
        qFatal("save failed");
    return v;
}

void TestOfflineVault::copyIdHidesServerAndLogin()
{
    const QString id = OfflineVault::copyId(kServer, QStringLiteral("school-17"));
    QCOMPARE(id.size(), 32);
    QVERIFY(!id.contains(QStringLiteral("school")));
    QCOMPARE(OfflineVault::copyId(QUrl(QStringLiteral("https://school.example.ru")), QStringLiteral("school-17")), id);
    QCOMPARE(OfflineVault::copyId(QUrl(QStringLiteral("https://school.example.ru/api/")), QStringLiteral("school-17")),
        OfflineVault::copyId(QUrl(QStringLiteral("https://school.example.ru/api")), QStringLiteral("school-17")));
    QVERIFY(OfflineVault::copyId(kServer, QStringLiteral("school-18")) != id);
}

void TestOfflineVault::verifierAcceptsOnlyTheRightPassword()
{
    const QByteArray key = client::CacheCrypto::generateKey();
    makeVault(key);
    auto loaded = OfflineVault::load(vaultPath());
    QVERIFY(loaded);
    OfflineVault v = std::move(loaded).value();
    QVERIFY(v.hasPassword());
    QCOMPARE(v.login(), QStringLiteral("school-17"));
    QCOMPARE(v.server(), kServer);
    QCOMPARE(v.maxDays(), 14);

    auto wrong = v.unlock(QStringLiteral("неверный пароль"), m_clock.now());
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().code, QString::fromLatin1(client::vaulterr::WrongPassword));
    QCOMPARE(v.failedAttempts(), 1);
    QVERIFY(!v.unlock(kPassword.left(kPassword.size() - 1), m_clock.now()));
    QVERIFY(!v.unlock(kPassword + QLatin1Char(' '), m_clock.now()));
    QCOMPARE(v.failedAttempts(), 3);

    auto right = v.unlock(kPassword, m_clock.now());
    QVERIFY2(right, qPrintable(right ? QString() : right.error().message));
    QCOMPARE(right.value(), key);
    QCOMPARE(v.failedAttempts(), 0); // a right password resets the counter
    auto user = v.user(right.value());
    QVERIFY(user);
    QCOMPARE(user->login, QStringLiteral("school-17"));
    QCOMPARE(user->schoolId, std::optional<qint64>(3));
    QCOMPARE(user->displayName, QStringLiteral("МБОУ СОШ № 17"));
    QVERIFY(!v.user(client::CacheCrypto::generateKey())); // the user opens only with the copy's key
}

void TestOfflineVault::wrappedKeyOpensOnlyWithTheRightPassword()
{
    const QByteArray key = client::CacheCrypto::generateKey();
    makeVault(key);
    // The verifier is replaced by the one of another password: the wrapped key must still refuse that password.
    OfflineVault other(QStringLiteral("x"), kServer, m_clock.now());
    QVERIFY(other.setPassword(
        QStringLiteral("другой"), client::CacheCrypto::generateKey(), client::PasswordHashLimits::interactive()));
    QVERIFY(other.save(m_dir->filePath(QStringLiteral("other.vault"))));
    QFile a(vaultPath()), b(m_dir->filePath(QStringLiteral("other.vault")));
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QJsonObject mine = QJsonDocument::fromJson(a.readAll()).object();
    const QJsonObject theirs = QJsonDocument::fromJson(b.readAll()).object();
    a.close();
    mine.insert(QStringLiteral("verifier"), theirs.value(QStringLiteral("verifier")));
    QVERIFY(a.open(QIODevice::WriteOnly | QIODevice::Truncate));
    a.write(QJsonDocument(mine).toJson());
    a.close();
    auto v = OfflineVault::load(vaultPath());
    QVERIFY(v);
    auto opened = v.value().unlock(QStringLiteral("другой"), m_clock.now());
    QVERIFY(!opened); // the verifier said yes, the wrapped key did not open
    QCOMPARE(opened.error().code, QString::fromLatin1(client::vaulterr::Corrupt));
    QVERIFY(!v.value().unlock(kPassword, m_clock.now()));

    // A fresh vault with the right password: the key comes back exactly; after a new password the old one fails.
    OfflineVault fresh = makeVault(key);
    QVERIFY(fresh.setPassword(QStringLiteral("новый пароль"), key, client::PasswordHashLimits::interactive()));
    QVERIFY(!fresh.unlock(kPassword, m_clock.now()));
    auto k = fresh.unlock(QStringLiteral("новый пароль"), m_clock.now());
    QVERIFY(k);
    QCOMPARE(k.value(), key);
}

void TestOfflineVault::fileHoldsNeitherPasswordNorKey()
{
    const QByteArray key = client::CacheCrypto::generateKey();
    makeVault(key);
    QFile f(vaultPath());
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    QVERIFY(bytes.contains("$argon2id$"));
    QVERIFY(!bytes.contains(kPassword.toUtf8()));
    QVERIFY(!bytes.contains(key));
    QVERIFY(!bytes.contains(key.toBase64()));
    QVERIFY(!bytes.contains(QStringLiteral("МБОУ").toUtf8())); // the user is sealed
}

void TestOfflineVault::damagedFileIsAnError_data()
{
    QTest::addColumn<int>("cut"); // keep this many bytes (-1: all)
    QTest::addColumn<QString>("field"); // or change this field
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("empty") << 0 << QString() << QJsonValue();
    QTest::newRow("truncated 10") << 10 << QString() << QJsonValue();
    QTest::newRow("truncated half") << -2 << QString() << QJsonValue();
    QTest::newRow("not a vault") << -1 << QStringLiteral("format") << QJsonValue(QStringLiteral("x"));
    QTest::newRow("verifier not argon2id")
        << -1 << QStringLiteral("verifier") << QJsonValue(QStringLiteral("$2y$10$x"));
    QTest::newRow("verifier a number") << -1 << QStringLiteral("verifier") << QJsonValue(5);
    QTest::newRow("wrapped key short") << -1 << QStringLiteral("wrappedKey") << QJsonValue(QStringLiteral("AAAA"));
    QTest::newRow("wrapped key not base64") << -1 << QStringLiteral("wrappedKey") << QJsonValue(QStringLiteral("!!"));
    QTest::newRow("huge memory") << -1 << QStringLiteral("kdf")
                                 << QJsonValue(QJsonObject{
                                        {QStringLiteral("salt"), QStringLiteral("AAAAAAAAAAAAAAAAAAAAAA==")},
                                        {QStringLiteral("ops"), 3}, {QStringLiteral("mem"), 1e15}});
    QTest::newRow("max days 0") << -1 << QStringLiteral("maxDays") << QJsonValue(0);
    QTest::newRow("max days text") << -1 << QStringLiteral("maxDays") << QJsonValue(QStringLiteral("30"));
    QTest::newRow("attempts negative") << -1 << QStringLiteral("failedAttempts") << QJsonValue(-1);
    QTest::newRow("retry at garbage") << -1 << QStringLiteral("retryAt") << QJsonValue(QStringLiteral("soon"));
    QTest::newRow("no login") << -1 << QStringLiteral("login") << QJsonValue();
    QTest::newRow("user short") << -1 << QStringLiteral("user") << QJsonValue(QStringLiteral("AAAA"));
}

void TestOfflineVault::damagedFileIsAnError()
{
    QFETCH(int, cut);
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    makeVault(client::CacheCrypto::generateKey());
    QFile f(vaultPath());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray bytes = f.readAll();
    f.close();
    if (cut >= 0)
        bytes.truncate(cut);
    else if (cut == -2)
        bytes.truncate(bytes.size() / 2);
    if (!field.isEmpty()) {
        QJsonObject o = QJsonDocument::fromJson(bytes).object();
        if (value.isNull())
            o.remove(field);
        else
            o.insert(field, value);
        bytes = QJsonDocument(o).toJson();
    }
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
    f.close();
    auto v = OfflineVault::load(vaultPath());
    QVERIFY(!v);
    QCOMPARE(v.error().code, QString::fromLatin1(client::vaulterr::Corrupt));
    QVERIFY(!v.error().message.isEmpty());
}

void TestOfflineVault::missingFile()
{
    auto v = OfflineVault::load(vaultPath());
    QVERIFY(!v);
    QCOMPARE(v.error().code, QString::fromLatin1(client::vaulterr::Missing));
}

void TestOfflineVault::attemptLimitSurvivesReopening()
{
    const QByteArray key = client::CacheCrypto::generateKey();
    makeVault(key);
    // Each wrong attempt is saved and the vault read again, as a restarted client would.
    for (int i = 1; i < OfflineVault::kFreeAttempts; ++i) {
        auto v = OfflineVault::load(vaultPath());
        QVERIFY(v);
        QVERIFY(!v.value().unlock(QStringLiteral("нет"), m_clock.now()));
        QVERIFY(!v.value().retryAt().isValid());
        QVERIFY(v.value().save(vaultPath()));
    }
    auto v = OfflineVault::load(vaultPath());
    QVERIFY(v);
    QCOMPARE(v.value().failedAttempts(), OfflineVault::kFreeAttempts - 1);
    QVERIFY(!v.value().unlock(QStringLiteral("нет"), m_clock.now())); // the fifth
    QCOMPARE(v.value().retryAt(), m_clock.now().addSecs(OfflineVault::kFirstWaitSecs));
    QVERIFY(v.value().save(vaultPath()));

    // Reopened: even the right password waits.
    v = OfflineVault::load(vaultPath());
    QVERIFY(v);
    auto locked = v.value().unlock(kPassword, m_clock.now());
    QVERIFY(!locked);
    QCOMPARE(locked.error().code, QString::fromLatin1(client::vaulterr::Locked));
    m_clock.advance(OfflineVault::kFirstWaitSecs - 1);
    QCOMPARE(v.value().unlock(kPassword, m_clock.now()).error().code, QString::fromLatin1(client::vaulterr::Locked));

    // After the wait one more wrong password doubles it.
    m_clock.advance(1);
    QVERIFY(!v.value().unlock(QStringLiteral("нет"), m_clock.now()));
    QCOMPARE(v.value().retryAt(), m_clock.now().addSecs(2 * OfflineVault::kFirstWaitSecs));
    QVERIFY(v.value().save(vaultPath()));
    v = OfflineVault::load(vaultPath());
    QVERIFY(v);
    QCOMPARE(v.value().failedAttempts(), OfflineVault::kFreeAttempts + 1);
    m_clock.advance(2 * OfflineVault::kFirstWaitSecs);
    auto key2 = v.value().unlock(kPassword, m_clock.now());
    QVERIFY(key2);
    QCOMPARE(key2.value(), key);
    QCOMPARE(v.value().failedAttempts(), 0);
    QVERIFY(!v.value().retryAt().isValid());

    // The wait never grows past an hour.
    for (int i = 0; i < 40; ++i) {
        (void)v.value().unlock(QStringLiteral("нет"), m_clock.now());
        m_clock.advance(OfflineVault::kLongestWaitSecs);
    }
    QVERIFY(v.value().retryAt() <= m_clock.now());
}

void TestOfflineVault::ageLimit()
{
    OfflineVault v(QStringLiteral("school-17"), kServer, m_clock.now());
    QCOMPARE(v.maxDays(), OfflineVault::kDefaultMaxDays);
    v.setMaxDays(0); // the server did not say
    QCOMPARE(v.maxDays(), OfflineVault::kDefaultMaxDays);
    v.setMaxDays(2);
    // Before the first sync the vault's creation counts.
    QVERIFY(!v.isExpired(m_clock.now().addDays(2)));
    QVERIFY(v.isExpired(m_clock.now().addDays(2).addSecs(1)));
    const QDateTime synced = m_clock.now().addDays(5);
    v.setLastSync(synced);
    QVERIFY(!v.isExpired(synced.addDays(2)));
    QVERIFY(v.isExpired(synced.addDays(2).addSecs(1)));
    // Kept through a save.
    QVERIFY(v.save(vaultPath()));
    auto loaded = OfflineVault::load(vaultPath());
    QVERIFY(loaded);
    QCOMPARE(loaded->lastSync(), synced);
    QCOMPARE(loaded->maxDays(), 2);
    QVERIFY(!loaded->hasPassword());
    QVERIFY(loaded->isExpired(synced.addDays(3)));
    QCOMPARE(OfflineVault(loaded.value()).unlock(kPassword, m_clock.now()).error().code,
        QString::fromLatin1(client::vaulterr::NoPassword));
}

void TestOfflineVault::removeDeletesTheFile()
{
    makeVault(client::CacheCrypto::generateKey());
    QVERIFY(QFile::exists(vaultPath()));
    QVERIFY(OfflineVault::remove(vaultPath()));
    QVERIFY(!QFile::exists(vaultPath()));
    QVERIFY(OfflineVault::remove(vaultPath())); // nothing there: fine
}

void TestOfflineVault::passwordMadeOnACopyIsAdopted()
{
    // The client makes the verifier on a copy off the GUI thread while the vault goes on (a sync's time, a count).
    const QByteArray key = client::CacheCrypto::generateKey();
    OfflineVault vault(QStringLiteral("school-17"), kServer, m_clock.now());
    vault.setUser(someUser(), key);
    OfflineVault copy = vault;
    QVERIFY(copy.setPassword(kPassword, key, client::PasswordHashLimits::interactive()));
    const QDateTime synced = m_clock.now().addSecs(60);
    vault.setLastSync(synced);
    QVERIFY(!vault.hasPassword());
    vault.adoptPassword(copy);
    QVERIFY(vault.hasPassword());
    QCOMPARE(vault.lastSync(), synced);
    QVERIFY(vault.save(vaultPath()));
    auto loaded = OfflineVault::load(vaultPath());
    QVERIFY(loaded);
    auto opened = loaded.value().unlock(kPassword, m_clock.now());
    QVERIFY(opened);
    QCOMPARE(opened.value(), key);
    QCOMPARE(loaded->user(key)->login, QStringLiteral("school-17"));
}

void TestOfflineVault::moderateLimitsByDefault()
{
    const QByteArray key = client::CacheCrypto::generateKey();
    OfflineVault vault(QStringLiteral("school-17"), kServer, m_clock.now());
    QVERIFY(vault.setPassword(kPassword, key)); // what the client uses: 256 MiB, 3 passes
    QVERIFY(vault.save(vaultPath()));
    QFile f(vaultPath());
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    QVERIFY2(o.value(QStringLiteral("verifier")).toString().startsWith(QStringLiteral("$argon2id$v=19$m=262144,t=3,")),
        qPrintable(o.value(QStringLiteral("verifier")).toString()));
    QCOMPARE(o.value(QStringLiteral("kdf")).toObject().value(QStringLiteral("mem")).toInteger(), 256 * 1024 * 1024);
    QCOMPARE(o.value(QStringLiteral("kdf")).toObject().value(QStringLiteral("ops")).toInteger(), 3);
    auto opened = vault.unlock(kPassword, m_clock.now());
    QVERIFY(opened);
    QCOMPARE(opened.value(), key);
}

QTEST_GUILESS_MAIN(TestOfflineVault)
#include "tst_offlinevault.moc"
