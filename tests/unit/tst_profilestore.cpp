// Sign-in profiles in QSettings (test-mode location): adding, matching, forgetting, the last profile, settings
// of older versions, and damaged entries.

#include "client/profilestore.h"

#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace sg::client;

class TestProfileStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void saveAssignsIdAndName();
    void sameServerAndLoginIsOneProfile();
    void anotherLoginIsAnotherProfile();
    void userChosenNameIsKept();
    void removeForgetsProfileAndLast();
    void legacySettingsBecomeAProfile();
    void damagedEntriesAreSkipped();
    void listIsCapped();
    void neverStoresAPassword();

private:
    static SignInProfile remote(const QString &url, const QString &login)
    {
        SignInProfile p;
        p.localServer = false;
        p.serverUrl = QUrl(url);
        p.login = login;
        return p;
    }
};

void TestProfileStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SchoolGateTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_profilestore"));
}

void TestProfileStore::init()
{
    QSettings().clear();
}

void TestProfileStore::saveAssignsIdAndName()
{
    ProfileStore store;
    QVERIFY(store.profiles().isEmpty());
    const SignInProfile saved = store.save(remote(QStringLiteral("https://sg.edu.tver.ru"), QStringLiteral("ivanova")));
    QVERIFY(!saved.id.isEmpty());
    QCOMPARE(saved.name, QStringLiteral("ivanova — sg.edu.tver.ru"));
    const QList<SignInProfile> all = store.profiles();
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.first().id, saved.id);
    QCOMPARE(all.first().serverUrl, QUrl(QStringLiteral("https://sg.edu.tver.ru")));
    QCOMPARE(all.first().localServer, false);
    QVERIFY(store.profile(saved.id).has_value());
    QVERIFY(!store.profile(QStringLiteral("nope")).has_value());
    QVERIFY(saved.secretKey().contains(saved.id));
}

void TestProfileStore::sameServerAndLoginIsOneProfile()
{
    ProfileStore store;
    const SignInProfile a = store.save(remote(QStringLiteral("https://sg.edu.tver.ru"), QStringLiteral("ivanova")));
    SignInProfile again = remote(QStringLiteral("https://sg.edu.tver.ru/"), QStringLiteral("Ivanova"));
    again.rememberPassword = true;
    const SignInProfile b = store.save(again);
    QCOMPARE(b.id, a.id);
    QCOMPARE(store.profiles().size(), 1);
    QVERIFY(store.profiles().first().rememberPassword);
}

void TestProfileStore::anotherLoginIsAnotherProfile()
{
    ProfileStore store;
    store.save(remote(QStringLiteral("https://sg.edu.tver.ru"), QStringLiteral("ivanova")));
    store.save(remote(QStringLiteral("https://sg.edu.tver.ru"), QStringLiteral("petrov")));
    SignInProfile local;
    local.login = QStringLiteral("ivanova");
    store.save(local);
    const QList<SignInProfile> all = store.profiles();
    QCOMPARE(all.size(), 3);
    QVERIFY(all.at(2).localServer);
    QVERIFY(all.at(2).name.startsWith(QStringLiteral("ivanova — ")));
}

void TestProfileStore::userChosenNameIsKept()
{
    ProfileStore store;
    SignInProfile p = remote(QStringLiteral("https://sg.edu.tver.ru"), QStringLiteral("ivanova"));
    p.name = QStringLiteral("Школа № 17");
    const SignInProfile saved = store.save(p);
    // The same target signed in again without a name (as the sign-in window does): the chosen name stays.
    const SignInProfile again = store.save(remote(QStringLiteral("https://sg.edu.tver.ru"), QStringLiteral("ivanova")));
    QCOMPARE(again.id, saved.id);
    QCOMPARE(store.profiles().first().name, QStringLiteral("Школа № 17"));
}

void TestProfileStore::removeForgetsProfileAndLast()
{
    ProfileStore store;
    const SignInProfile a = store.save(remote(QStringLiteral("https://a.example.ru"), QStringLiteral("a")));
    const SignInProfile b = store.save(remote(QStringLiteral("https://b.example.ru"), QStringLiteral("b")));
    store.setLastProfileId(b.id);
    QCOMPARE(store.lastProfileId(), b.id);
    store.remove(b.id);
    QCOMPARE(store.profiles().size(), 1);
    QCOMPARE(store.profiles().first().id, a.id);
    QVERIFY(store.lastProfileId().isEmpty());
    store.remove(QStringLiteral("unknown")); // nothing happens
    QCOMPARE(store.profiles().size(), 1);
}

void TestProfileStore::legacySettingsBecomeAProfile()
{
    {
        QSettings s;
        s.setValue(QStringLiteral("login/lastLogin"), QStringLiteral("demo-school"));
        s.setValue(QStringLiteral("login/localServer"), false);
        s.setValue(QStringLiteral("login/serverUrl"), QStringLiteral("https://sg.example.ru"));
    }
    ProfileStore store;
    const QList<SignInProfile> all = store.profiles();
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.first().login, QStringLiteral("demo-school"));
    QCOMPARE(all.first().serverUrl, QUrl(QStringLiteral("https://sg.example.ru")));
    QCOMPARE(store.lastProfileId(), all.first().id);
    QVERIFY(!QSettings().contains(QStringLiteral("login/lastLogin")));
    QCOMPARE(store.profiles().size(), 1); // migrated once
}

void TestProfileStore::damagedEntriesAreSkipped()
{
    {
        QSettings s;
        s.beginWriteArray(QStringLiteral("profiles"), 3);
        s.setArrayIndex(0); // no id
        s.setValue(QStringLiteral("login"), QStringLiteral("x"));
        s.setArrayIndex(1); // remote without a usable address
        s.setValue(QStringLiteral("id"), QStringLiteral("p1"));
        s.setValue(QStringLiteral("localServer"), false);
        s.setValue(QStringLiteral("serverUrl"), QString());
        s.setArrayIndex(2);
        s.setValue(QStringLiteral("id"), QStringLiteral("p2"));
        s.setValue(QStringLiteral("login"), QStringLiteral("ok"));
        s.endArray();
    }
    ProfileStore store;
    const QList<SignInProfile> all = store.profiles();
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.first().id, QStringLiteral("p2"));
    QVERIFY(all.first().localServer);
    QVERIFY(!all.first().name.isEmpty());
}

void TestProfileStore::listIsCapped()
{
    ProfileStore store;
    for (int i = 0; i < ProfileStore::kMaxProfiles + 5; ++i)
        store.save(remote(QStringLiteral("https://s%1.example.ru").arg(i), QStringLiteral("u")));
    const QList<SignInProfile> all = store.profiles();
    QCOMPARE(all.size(), ProfileStore::kMaxProfiles);
    QCOMPARE(all.last().serverUrl.host(), QStringLiteral("s%1.example.ru").arg(ProfileStore::kMaxProfiles + 4));
}

void TestProfileStore::neverStoresAPassword()
{
    ProfileStore store;
    SignInProfile p = remote(QStringLiteral("https://sg.example.ru"), QStringLiteral("ivanova"));
    p.rememberPassword = true;
    store.save(p);
    QSettings s;
    s.sync();
    QFile file(s.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY(text.contains(QStringLiteral("ivanova")));
    QVERIFY(text.contains(QStringLiteral("rememberPassword=true")));
    // No key named "password" at any level: the password itself only ever goes to the keychain.
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        const QString key = line.section(QLatin1Char('='), 0, 0).section(QLatin1Char('\\'), -1);
        QVERIFY2(key.compare(QStringLiteral("password"), Qt::CaseInsensitive) != 0, qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
