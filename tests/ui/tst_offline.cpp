// Offline work in the real windows against a real server module on a free loopback port: decisions made with
// the server unreachable are kept on this computer, shown as not synced, and sent by «Синхронизировать»; a
// change by someone else meanwhile comes back as a conflict the user resolves; signing out wipes the offline
// copy and its key even with no network (scanning the data, settings and temporary folders for the personal data
// afterwards); "someone else's computer" keeps nothing; with no keychain, no secret reaches the disk.

#include "client/apiclient.h"
#include "client/directorsession.h"
#include "client/membertablemodel.h"
#include "client/profilestore.h"
#include "client/reportarchive.h"
#include "client/schoolsession.h"
#include "client/secretstore.h"
#include "fakeprompter.h"
#include "keychainprobe.h"
#include "server/database.h"
#include "server/directorstore.h"
#include "server/schoolstore.h"
#include "testserver.h"
#include "ui/clientapp.h"
#include "ui/loginwindow.h"
#include "ui/mainwindow.h"
#include "ui/reportdialog.h"
#include "ui/reportspanel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTcpServer>
#include <QTest>
#include <QTimer>
#include <QUuid>

using namespace sg;

namespace {

const QString kKeychainService = QStringLiteral("SchoolGate-tests");
const QString kSyntheticSurname = QStringLiteral("Синтетикова");
const QString kSyntheticName = QStringLiteral("Зоя Тестовна");
const QString kSyntheticSnils = QStringLiteral("148-652-331 81"); // valid check digits, used nowhere else

QString offlineDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(QStringLiteral("offline"));
}

// A loopback address where nothing listens: the server "cannot be reached".
QUrl deadUrl()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
}

// Files under dir (recursively) whose bytes contain any needle, in UTF-8 or UTF-16; only files changed since
// `since` when it is valid (the temporary folder holds everything else on the machine too).
QStringList filesContaining(
    const QString &dir, const QStringList &needles, const QString &skip = {}, const QDateTime &since = {})
{
    QStringList hits;
    QList<QByteArray> patterns;
    for (const QString &n : needles) {
        patterns.append(n.toUtf8());
        patterns.append(QByteArray(reinterpret_cast<const char *>(n.utf16()), n.size() * 2));
    }
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!skip.isEmpty() && path.startsWith(skip))
            continue;
        if (since.isValid() && it.fileInfo().lastModified() < since)
            continue;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = f.read(64 * 1024 * 1024);
        for (const QByteArray &p : std::as_const(patterns)) {
            if (bytes.contains(p)) {
                hits.append(path);
                break;
            }
        }
    }
    return hits;
}

} // namespace

class TestOffline : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void decisionsWaitOfflineAndSync();
    void conflictIsShownAndResolved();
    void signOutOfflineWipesEverything();
    void someoneElsesComputerKeepsNothing();
    void directorDataWaitsOffline();
    void reportHistoryShownOffline();
    void queuedReportRefusedWhenDecisionsChanged_data();
    void queuedReportRefusedWhenDecisionsChanged();
    void queuedReportCanBeCancelled();
    void withoutKeychainNoSecretOnDisk();

private:
    struct Running
    {
        std::unique_ptr<test::TestServer> server;
        test::FakePrompter prompter;
        SystemClock clock;
        std::unique_ptr<ui::ClientApp> app;
        ui::MainWindow *main() const { return app->mainWindow(); }
        client::SchoolSession *session() const { return app->session(); }
    };
    std::unique_ptr<Running> startSignedIn(
        bool sharedComputer = false, const QString &login = QStringLiteral("demo-school"));
    static QList<qint64> approvePendingTeachers(Running &r, int count);
    // What a report would hold now, as the server's preview says.
    static std::optional<proto::Report> serverPreview(Running &r);
    // Offline: three teachers approved and the report queued from the main window («Send report», confirmed).
    static QList<qint64> queueReportOffline(Running &r, const QUrl &dead);
    QString m_keychainProblem;
};

void TestOffline::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_keychainProblem = test::keychainProblem(kKeychainService);
}

void TestOffline::init()
{
    QSettings settings;
    settings.remove(QStringLiteral("profiles"));
    settings.remove(QStringLiteral("profilesLast"));
    QDir(offlineDir()).removeRecursively(); // a port of an earlier test's server may come back
}

std::unique_ptr<TestOffline::Running> TestOffline::startSignedIn(bool sharedComputer, const QString &login)
{
    auto r = std::make_unique<Running>();
    r->server = std::make_unique<test::TestServer>();
    if (!r->server->isValid())
        qFatal("test server: %s", qPrintable(r->server->errorString()));
    ui::ClientOptions options;
    options.serverUrl = r->server->url();
    options.language = QStringLiteral("en");
    options.keychainService = kKeychainService;
    r->app = std::make_unique<ui::ClientApp>(options, &r->prompter, r->clock);
    if (!r->app->start())
        qFatal("client did not start");
    ui::LoginWindow *w = r->app->loginWindow();
    if (!QTest::qWaitForWindowExposed(w))
        qFatal("sign-in window not shown");
    if (sharedComputer)
        w->findChild<QCheckBox *>(QStringLiteral("sharedComputerCheckBox"))->setChecked(true);
    QTest::keyClicks(w->findChild<QLineEdit *>(QStringLiteral("loginLineEdit")), login);
    QTest::keyClicks(w->findChild<QLineEdit *>(QStringLiteral("passwordLineEdit")), test::TestServer::kPassword);
    QTest::mouseClick(w->findChild<QPushButton *>(QStringLiteral("signInButton")), Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return r->main() && r->main()->isVisible(); }, 15000))
        qFatal("main window not shown");
    // Loaded: the tables are filled and nothing is in flight.
    if (!QTest::qWaitFor([&] { return r->session()->teachers()->rowCount() > 0 && !r->session()->isBusy(); }, 15000))
        qWarning("the tables did not load in 15 s");
    return r;
}

QList<qint64> TestOffline::approvePendingTeachers(Running &r, int count)
{
    QWidget *panel = r.main()->findChild<QWidget *>(QStringLiteral("teachersPanel"));
    auto *view = r.main()->findChild<QTableView *>(QStringLiteral("teachersTableView"));
    auto *filter = panel->findChild<QComboBox *>(QStringLiteral("statusFilterComboBox"));
    filter->setCurrentIndex(filter->findData(int(MemberStatus::Pending)));
    auto *tabs = r.main()->findChild<QTabWidget *>(QStringLiteral("peopleTabWidget"));
    tabs->setCurrentWidget(panel);
    QList<qint64> ids;
    QItemSelection selection;
    for (int row = 0; row < count; ++row) {
        const QModelIndex index = view->model()->index(row, 0);
        ids.append(index.data(client::MemberTableModel::IdRole).toLongLong());
        selection.select(index, index);
    }
    view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    auto *approve = panel->findChild<QPushButton *>(QStringLiteral("approveButton"));
    if (!QTest::qWaitFor([&] { return approve->isEnabled(); }, 10000))
        qWarning("approve button stays disabled");
    QTest::mouseClick(approve, Qt::LeftButton);
    return ids;
}

std::optional<proto::Report> TestOffline::serverPreview(Running &r)
{
    std::optional<proto::Report> out;
    bool answered = false;
    r.session()->api()->reportPreview(r.server->demo().schoolId, [&](Result<proto::Report> p) {
        answered = true;
        if (p)
            out = p.value();
    });
    if (!QTest::qWaitFor([&] { return answered; }, 15000))
        qWarning("no preview in 15 s");
    return out;
}

QList<qint64> TestOffline::queueReportOffline(Running &r, const QUrl &dead)
{
    r.session()->api()->setBaseUrl(dead);
    QSignalSpy synced(r.session(), &client::SchoolSession::syncFinished);
    const QList<qint64> ids = approvePendingTeachers(r, 3);
    if (!QTest::qWaitFor([&] { return !synced.isEmpty() && !r.session()->isOnline(); }, 15000))
        qWarning("the client did not notice it is offline");
    r.prompter.confirmAnswer = true;
    auto *send = r.main()->findChild<QPushButton *>(QStringLiteral("sendReportButton"));
    if (!QTest::qWaitFor([&] { return send->isEnabled(); }, 10000))
        qWarning("«Send report» stays disabled");
    QTest::mouseClick(send, Qt::LeftButton);
    return ids;
}

void TestOffline::decisionsWaitOfflineAndSync()
{
    SG_REQUIRE_KEYCHAIN(m_keychainProblem);
    auto r = startSignedIn();
    auto *syncButton = r->main()->findChild<QPushButton *>(QStringLiteral("syncNowButton"));
    QTRY_VERIFY(syncButton->isVisible()); // this session keeps an offline copy
    QVERIFY(r->session()->cache());
    QVERIFY(!QDir(offlineDir()).entryList({QStringLiteral("*.db")}, QDir::Files).isEmpty());

    // The network goes away.
    const QUrl real = r->session()->api()->baseUrl();
    r->session()->api()->setBaseUrl(deadUrl());
    QSignalSpy queued(r->session(), &client::SchoolSession::decisionsQueued);
    QSignalSpy synced(r->session(), &client::SchoolSession::syncFinished);
    const QList<qint64> ids = approvePendingTeachers(*r, 3);
    QTRY_COMPARE(queued.size(), 1);
    QCOMPARE(queued.first().first().toInt(), 3);
    QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty(), 15000);
    QCOMPARE(synced.last().first().toBool(), false); // not complete: no server
    // Kept and shown, as not synced; the server has nothing yet.
    client::MemberTableModel *model = r->session()->teachers();
    for (qint64 id : ids) {
        const QModelIndex index = model->index(model->rowOf(id), client::MemberTableModel::StatusColumn);
        QVERIFY(index.data(client::MemberTableModel::PendingSyncRole).toBool());
        QCOMPARE(index.data(client::MemberTableModel::StatusRole).toInt(), int(MemberStatus::Approved));
        QVERIFY(index.data().toString().contains(QStringLiteral("not synced")));
    }
    QCOMPARE(r->session()->queuedItems(), 3);
    QCOMPARE(r->session()->unreportedDecisions(), 3); // the report reminder counts queued decisions
    auto *connection = r->main()->findChild<QLabel *>(QStringLiteral("connectionLabel"));
    QTRY_VERIFY(connection->text().contains(QStringLiteral("3 waiting")));
    QCOMPARE(syncButton->text(), QStringLiteral("Sync now (3)"));
    if (const QString dir = qEnvironmentVariable("SG_SCREENSHOT_DIR"); !dir.isEmpty()) {
        r->main()->resize(1280, 800);
        QTest::qWait(200);
        QVERIFY(r->main()->grab().save(QDir(dir).filePath(QStringLiteral("school-offline-en.png"))));
    }
    server::SchoolStore &store = r->server->server().schools();
    const auto before = store.members(r->server->demo().schoolId, {Role::Teacher, std::nullopt});
    for (const auto &m : before) {
        if (ids.contains(m.id))
            QCOMPARE(toString(m.status), toString(MemberStatus::Pending));
    }

    // The network is back: «Синхронизировать».
    r->session()->api()->setBaseUrl(real);
    synced.clear();
    QSignalSpy finished(r->session(), &client::SchoolSession::decisionsFinished);
    QTest::mouseClick(syncButton, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty() && synced.last().first().toBool(), 15000);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.first().at(0).toInt(), 3);
    QCOMPARE(r->session()->queuedItems(), 0);
    const auto after = store.members(r->server->demo().schoolId, {Role::Teacher, std::nullopt});
    for (const auto &m : after) {
        if (ids.contains(m.id))
            QCOMPARE(toString(m.status), toString(MemberStatus::Approved));
    }
    for (qint64 id : ids)
        QVERIFY(!model->index(model->rowOf(id), 0).data(client::MemberTableModel::PendingSyncRole).toBool());
    QTRY_VERIFY(!connection->text().contains(QStringLiteral("waiting")));
}

void TestOffline::conflictIsShownAndResolved()
{
    SG_REQUIRE_KEYCHAIN(m_keychainProblem);
    auto r = startSignedIn();
    QTRY_VERIFY(r->session()->cache());
    const QUrl real = r->session()->api()->baseUrl();
    r->session()->api()->setBaseUrl(deadUrl());
    QSignalSpy synced(r->session(), &client::SchoolSession::syncFinished);
    const QList<qint64> ids = approvePendingTeachers(*r, 2);
    QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty(), 15000);

    // Meanwhile someone else rejects the same two people on the server.
    QNetworkAccessManager network;
    client::ApiClient other(&network);
    other.setBaseUrl(real);
    bool signedIn = false;
    other.login(QStringLiteral("demo-school"), test::TestServer::kPassword, [&](auto s) { signedIn = s.ok(); });
    QTRY_VERIFY(signedIn);
    QList<proto::DecisionItem> items;
    for (qint64 id : ids) {
        const proto::Member *m = r->session()->teachers()->memberById(id);
        items.append(proto::DecisionItem{
            QUuid::createUuid().toString(), id, Verdict::Reject, QStringLiteral("Уволен"), m->version});
    }
    int applied = -1;
    other.submitDecisions(r->server->demo().schoolId, items, [&](auto a) {
        applied = a ? int(std::count_if(a->results.begin(), a->results.end(),
                      [](const auto &x) { return x.outcome == DecisionOutcome::Applied; }))
                    : 0;
    });
    QTRY_COMPARE(applied, 2);

    // Back online: the sync brings two conflicts, shown, never overwritten.
    r->session()->api()->setBaseUrl(real);
    QSignalSpy finished(r->session(), &client::SchoolSession::decisionsFinished);
    r->session()->syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 15000);
    QCOMPARE(finished.last().at(1).toInt(), 2); // conflicts
    auto *conflictsButton = r->main()->findChild<QPushButton *>(QStringLiteral("conflictsButton"));
    QTRY_VERIFY(conflictsButton->isVisible());
    QCOMPARE(conflictsButton->text(), QStringLiteral("Needs attention (2)"));
    client::MemberTableModel *model = r->session()->teachers();
    for (qint64 id : ids) {
        const QModelIndex index = model->index(model->rowOf(id), client::MemberTableModel::StatusColumn);
        QVERIFY(index.data(client::MemberTableModel::ConflictRole).toBool());
    }
    const auto statusOf = [&](qint64 id) {
        for (const auto &m : r->server->server().schools().members(r->server->demo().schoolId, {Role::Teacher, {}}))
            if (m.id == id)
                return toString(m.status);
        return QString();
    };
    QCOMPARE(statusOf(ids.at(0)), toString(MemberStatus::Rejected));

    // The dialog: the first one — send mine again; the second — accept the server's.
    bool handled = false;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("conflictsTableWidget"));
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("Rejected")); // what the server has now
        const auto rowOf = [&](qint64 id) {
            const QString name = r->session()->teachers()->memberById(id)->fullName();
            for (int row = 0; row < table->rowCount(); ++row)
                if (table->item(row, 0)->text() == name)
                    return row;
            return -1;
        };
        table->selectRow(rowOf(ids.at(0)));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("keepMineButton")), Qt::LeftButton);
        QCOMPARE(table->rowCount(), 1);
        table->selectRow(0);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("acceptServerButton")), Qt::LeftButton);
        QCOMPARE(table->rowCount(), 0);
        handled = true;
        dialog->reject();
    });
    QTest::mouseClick(conflictsButton, Qt::LeftButton);
    QVERIFY(handled);
    QTRY_VERIFY_WITH_TIMEOUT(statusOf(ids.at(0)) == toString(MemberStatus::Approved), 15000); // mine, sent again
    QCOMPARE(statusOf(ids.at(1)), toString(MemberStatus::Rejected)); // the server's, kept
    QTRY_VERIFY(!conflictsButton->isVisible());
    QTRY_COMPARE(r->session()->queuedItems(), 0);
}

void TestOffline::signOutOfflineWipesEverything()
{
    SG_REQUIRE_KEYCHAIN(m_keychainProblem);
    const QDateTime started = QDateTime::currentDateTime().addSecs(-2);
    auto r = startSignedIn();
    QTRY_VERIFY(r->session()->cache());
    // A synthetic student with a name that appears nowhere else; a rejection reason with a SNILS.
    {
        QSqlQuery q(r->server->server().database().connection());
        QVERIFY(q.prepare(QStringLiteral("INSERT INTO members (school_id, role, surname, name, patronymic, email, "
                                         "subject, registered_at) VALUES (?, 'student', ?, 'Зоя', 'Тестовна', "
                                         "'zoya.synthetic@mail.example', '', '2026-11-30T08:00:00.000Z')")));
        q.addBindValue(r->server->demo().schoolId);
        q.addBindValue(kSyntheticSurname);
        QVERIFY(q.exec());
    }
    QSignalSpy synced(r->session(), &client::SchoolSession::syncFinished);
    r->session()->syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty() && synced.last().first().toBool(), 15000);
    qint64 zoya = 0;
    for (const auto &m : r->session()->students()->members())
        if (m.surname == kSyntheticSurname)
            zoya = m.id;
    QVERIFY(zoya > 0);
    r->session()->api()->setBaseUrl(deadUrl());
    synced.clear();
    r->session()->decide({zoya}, Verdict::Reject, QStringLiteral("СНИЛС %1 не совпадает").arg(kSyntheticSnils));
    QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty(), 15000);
    QCOMPARE(r->session()->queuedItems(), 1);
    const QStringList dbFiles = QDir(offlineDir()).entryList(QDir::Files);
    QVERIFY(!dbFiles.isEmpty());

    // Sign out with no network: warned about the decision that has not left this computer, then wiped.
    r->prompter.confirmAnswer = false;
    QTest::mouseClick(r->main()->findChild<QPushButton *>(QStringLiteral("signOutButton")), Qt::LeftButton);
    QCOMPARE(r->prompter.confirmations.size(), 1);
    QVERIFY(r->prompter.confirmations.first().contains(QStringLiteral("1 decision")));
    QVERIFY(r->main()->isVisible()); // the user said no: nothing happened
    QVERIFY(r->session()->cache());
    r->prompter.confirmAnswer = true;
    QTest::mouseClick(r->main()->findChild<QPushButton *>(QStringLiteral("signOutButton")), Qt::LeftButton);
    QTRY_VERIFY(r->app->loginWindow()->isVisible());
    QVERIFY(!r->session()->cache());
    QVERIFY2(QDir(offlineDir()).entryList(QDir::Files).isEmpty(),
        qPrintable(QDir(offlineDir()).entryList(QDir::Files).join(QLatin1Char(' '))));

    // The key is gone from the keychain.
    client::KeychainSecretStore store(kKeychainService);
    QString code;
    const QString keyName = QStringLiteral("offline/%1/key").arg(dbFiles.first().section(QLatin1Char('.'), 0, 0));
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            bool done = false;
            store.read(keyName, [&](Result<QByteArray> res) {
                code = res ? QStringLiteral("found") : res.error().code;
                done = true;
            });
            return QTest::qWaitFor([&] { return done; }, 5000) && code == QLatin1String("secret-not-found");
        }(),
        15000);

    // No trace of the person in the data, settings, cache or temporary folders (the server's own folder aside).
    const QStringList needles{kSyntheticSurname, kSyntheticSnils, QStringLiteral("zoya.synthetic")};
    QStringList hits;
    for (auto location : {QStandardPaths::AppLocalDataLocation, QStandardPaths::AppDataLocation,
             QStandardPaths::AppConfigLocation, QStandardPaths::CacheLocation, QStandardPaths::GenericConfigLocation}) {
        hits += filesContaining(QStandardPaths::writableLocation(location), needles);
    }
    hits += filesContaining(QDir::tempPath(), needles, r->server->dataDir(), started);
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QLatin1Char(' '))));
}

void TestOffline::someoneElsesComputerKeepsNothing()
{
    SG_REQUIRE_KEYCHAIN(m_keychainProblem);
    auto r = startSignedIn(true);
    QTRY_VERIFY(!r->session()->isBusy());
    QVERIFY(!r->session()->cache());
    QVERIFY(!r->main()->findChild<QPushButton *>(QStringLiteral("syncNowButton"))->isVisible());
    QVERIFY(r->main()->notice().contains(QStringLiteral("Someone else's computer")));
    QVERIFY(QDir(offlineDir()).entryList(QDir::Files).isEmpty());
    QVERIFY(client::ProfileStore().profiles().isEmpty()); // not even the login is remembered
    // Work goes straight to the server.
    QSignalSpy finished(r->session(), &client::SchoolSession::decisionsFinished);
    approvePendingTeachers(*r, 1);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.first().at(0).toInt(), 1);
}

void TestOffline::directorDataWaitsOffline()
{
    SG_REQUIRE_KEYCHAIN(m_keychainProblem);
    // The lyceum has no confirmed director: consent online, then the data is sent while the server is away.
    auto r = startSignedIn(false, QStringLiteral("demo-lyceum"));
    QTRY_VERIFY(r->session()->cache());
    auto *director = r->main()->findChild<client::DirectorSession *>();
    QVERIFY(director);
    QSignalSpy text(director, &client::DirectorSession::consentTextLoaded);
    director->loadConsentText();
    QVERIFY(text.wait(15000));
    QSignalSpy card(director, &client::DirectorSession::cardChanged);
    director->giveConsent(text.first().first().value<proto::ConsentText>().version);
    QVERIFY(card.wait(15000));

    const QUrl real = r->session()->api()->baseUrl();
    r->session()->api()->setBaseUrl(deadUrl());
    proto::DirectorSubmission submission;
    submission.surname = QStringLiteral("Петрова");
    submission.name = QStringLiteral("Анна");
    submission.patronymic = QStringLiteral("Сергеевна");
    submission.position = QStringLiteral("Директор");
    submission.email = QStringLiteral("petrova@lyceum5.example");
    submission.phone = QStringLiteral("+7 4822 55-00-11");
    submission.inn = QStringLiteral("6950123474");
    QSignalSpy queued(director, &client::DirectorSession::submissionQueued);
    QSignalSpy failed(director, &client::DirectorSession::submitFailed);
    director->submit(submission);
    QTRY_COMPARE_WITH_TIMEOUT(queued.size(), 1, 15000);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(r->session()->queuedItems(), 1);
    const qint64 lyceum = r->server->demo().lyceumId;
    QCOMPARE(r->server->server().directors().requests(QStringLiteral("submitted"), lyceum).size(), 0);

    r->session()->api()->setBaseUrl(real);
    QSignalSpy synced(r->session(), &client::SchoolSession::syncFinished);
    r->session()->syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty() && synced.last().first().toBool(), 15000);
    QCOMPARE(r->session()->queuedItems(), 0);
    const auto requests = r->server->server().directors().requests(QStringLiteral("submitted"), lyceum);
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().submission.surname, QStringLiteral("Петрова"));
    QCOMPARE(requests.first().submission.inn, QStringLiteral("6950123474"));
}

void TestOffline::reportHistoryShownOffline()
{
    SG_REQUIRE_KEYCHAIN(m_keychainProblem);
    auto r = startSignedIn();
    QTRY_VERIFY(r->session()->cache());
    // One round online: two decisions and their report.
    QSignalSpy finished(r->session(), &client::SchoolSession::decisionsFinished);
    approvePendingTeachers(*r, 2);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
    QSignalSpy sent(r->session(), &client::SchoolSession::reportSent);
    const auto preview = serverPreview(*r);
    QVERIFY(preview && preview->lines.size() == 2);
    r->session()->sendReport(preview.value());
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 1, 15000);
    auto *archive = r->main()->findChild<client::ReportArchive *>();
    QVERIFY(archive);
    QSignalSpy history(archive, &client::ReportArchive::historyChanged);
    archive->refresh();
    QVERIFY(history.wait(15000));
    QCOMPARE(archive->history().size(), 1);

    // Offline, the history comes from this computer's copy instead of an error.
    r->session()->api()->setBaseUrl(deadUrl());
    QSignalSpy failed(archive, &client::ReportArchive::failed);
    history.clear();
    archive->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(history.size(), 1, 15000);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(archive->history().size(), 1);
    QCOMPARE(archive->history().first().number, 1);
    QCOMPARE(archive->history().first().teachersApproved, 2);
}

void TestOffline::queuedReportRefusedWhenDecisionsChanged_data()
{
    QTest::addColumn<bool>("rejectListed");
    // The case: a colleague rejects one of the three people the user approved offline. The user's own
    // decision on that person comes back as a conflict, so the report is refused before it reaches the server.
    QTest::newRow("a colleague rejects a listed person") << true;
    // A colleague decides on someone else: the user's decisions apply, and the server refuses the report because it
    // would hold a fourth person.
    QTest::newRow("a colleague decides on another person") << false;
}

void TestOffline::queuedReportRefusedWhenDecisionsChanged()
{
    SG_REQUIRE_KEYCHAIN(m_keychainProblem);
    QFETCH(bool, rejectListed);
    auto r = startSignedIn();
    QTRY_VERIFY(r->session()->cache());
    const QUrl real = r->session()->api()->baseUrl();
    QSignalSpy queuedSignal(r->session(), &client::SchoolSession::reportQueued);
    const QList<qint64> ids = queueReportOffline(*r, deadUrl());
    QCOMPARE(ids.size(), 3);
    QTRY_VERIFY(!queuedSignal.isEmpty());
    QVERIFY(!r->prompter.confirmations.isEmpty());
    QVERIFY2(r->prompter.confirmations.last().contains(QStringLiteral("3 decisions")),
        qPrintable(r->prompter.confirmations.last()));

    // Queued: «Reports» shows it as queued, and the banners no longer count its decisions.
    const auto queued = r->session()->queuedReport();
    QVERIFY(queued);
    QCOMPARE(queued->snapshot.lines.size(), qsizetype(3));
    auto *panel = r->main()->findChild<QWidget *>(QStringLiteral("reportsPanel"));
    QVERIFY(panel);
    auto *queuedFrame = panel->findChild<QWidget *>(QStringLiteral("queuedReportFrame"));
    QTRY_VERIFY(queuedFrame->isVisibleTo(panel));
    QVERIFY2(panel->findChild<QLabel *>(QStringLiteral("queuedReportLabel"))->text().contains(QStringLiteral("Queued")),
        qPrintable(panel->findChild<QLabel *>(QStringLiteral("queuedReportLabel"))->text()));
    QCOMPARE(r->session()->unreportedDecisions(), 0);
    QTRY_COMPARE(r->main()->findChild<QLabel *>(QStringLiteral("unreportedLabel"))->text(),
        QStringLiteral("All decisions are reported."));
    QCOMPARE(panel->findChild<QLabel *>(QStringLiteral("unreportedLabel"))->text(),
        QStringLiteral("All decisions are reported."));

    // Meanwhile a colleague (another account of the school) decides on the server.
    QNetworkAccessManager network;
    client::ApiClient other(&network);
    other.setBaseUrl(real);
    bool signedIn = false;
    other.login(QStringLiteral("demo-school"), test::TestServer::kPassword, [&](auto s) { signedIn = s.ok(); });
    QTRY_VERIFY(signedIn);
    qint64 changed = 0;
    if (rejectListed) {
        changed = ids.at(1);
    } else {
        for (const auto &m :
            r->server->server().schools().members(r->server->demo().schoolId, {Role::Teacher, std::nullopt})) {
            if (m.status == MemberStatus::Pending && !ids.contains(m.id) && changed == 0)
                changed = m.id;
        }
    }
    QVERIFY(changed > 0);
    qint64 version = 0;
    for (const auto &m : r->server->server().schools().members(r->server->demo().schoolId, {Role::Teacher, {}}))
        version = m.id == changed ? m.version : version;
    int applied = -1;
    other.submitDecisions(r->server->demo().schoolId,
        {proto::DecisionItem{
            QUuid::createUuid().toString(), changed, Verdict::Reject, QStringLiteral("Не работает в школе"), version}},
        [&](auto a) { applied = a && a->results.first().outcome == DecisionOutcome::Applied ? 1 : 0; });
    QTRY_COMPARE(applied, 1);

    // Back online: the sync sends the decisions, refuses the report and shows the preview as it is now.
    QSignalSpy changedSignal(r->session(), &client::SchoolSession::reportChanged);
    QSignalSpy sent(r->session(), &client::SchoolSession::reportSent);
    r->session()->api()->setBaseUrl(real);
    r->session()->syncNow();
    QTRY_COMPARE_WITH_TIMEOUT(changedSignal.size(), 1, 20000);
    QCOMPARE(sent.size(), 0);
    QCOMPARE(r->server->server().schools().reports(r->server->demo().schoolId).size(), 0); // nothing sent
    QVERIFY(!r->session()->queuedReport());
    QTRY_VERIFY(!queuedFrame->isVisibleTo(panel));

    auto *reports = qobject_cast<ui::ReportsPanel *>(panel);
    QVERIFY(reports);
    QTRY_VERIFY(reports->currentDialog() && reports->currentDialog()->isPreview());
    ui::ReportDialog *dialog = reports->currentDialog();
    QVERIFY(dialog->hasChanges());
    auto *changes = dialog->findChild<QLabel *>(QStringLiteral("reportChangesLabel"));
    QTRY_VERIFY(changes->isVisible());
    QVERIFY2(changes->text().contains(QStringLiteral("Nothing was sent")), qPrintable(changes->text()));
    QCOMPARE(dialog->report().total(), rejectListed ? 3 : 4);
    QCOMPARE(dialog->report().teachersRejected, 1);
    const QAbstractItemModel *lines = dialog->linesView()->model();
    int marked = 0;
    for (int row = 0; row < lines->rowCount(); ++row) {
        const QModelIndex index = lines->index(row, 0);
        const auto change = client::ReportLinesModel::Change(index.data(client::ReportLinesModel::ChangeRole).toInt());
        const qint64 id = index.data(client::ReportLinesModel::MemberIdRole).toLongLong();
        if (id == changed) {
            QCOMPARE(int(change),
                int(rejectListed ? client::ReportLinesModel::Change::Changed
                                 : client::ReportLinesModel::Change::Added));
            QVERIFY(index.data(Qt::BackgroundRole).isValid()); // tinted
            ++marked;
        } else {
            QCOMPARE(int(change), int(client::ReportLinesModel::Change::None));
        }
    }
    QCOMPARE(marked, 1);
    if (rejectListed)
        QCOMPARE(r->session()->attentionCount(), 1); // the user's own decision waits as a conflict

    // Sent again from the changed preview: accepted, with what it showed.
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("confirmSendReportButton")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 1, 20000);
    const auto report = sent.first().first().value<proto::Report>();
    QCOMPARE(report.number, 1);
    QCOMPARE(report.total(), rejectListed ? 3 : 4);
    QCOMPARE(report.teachersRejected, 1);
    QCOMPARE(r->server->server().schools().reports(r->server->demo().schoolId).size(), 1);
}

void TestOffline::queuedReportCanBeCancelled()
{
    SG_REQUIRE_KEYCHAIN(m_keychainProblem);
    auto r = startSignedIn();
    QTRY_VERIFY(r->session()->cache());
    const QUrl real = r->session()->api()->baseUrl();
    QSignalSpy queuedSignal(r->session(), &client::SchoolSession::reportQueued);
    queueReportOffline(*r, deadUrl());
    QTRY_VERIFY(!queuedSignal.isEmpty());
    auto *panel = r->main()->findChild<QWidget *>(QStringLiteral("reportsPanel"));
    auto *queuedFrame = panel->findChild<QWidget *>(QStringLiteral("queuedReportFrame"));
    QTRY_VERIFY(queuedFrame->isVisibleTo(panel));
    QCOMPARE(r->session()->unreportedDecisions(), 0);

    // «Cancel»: the report leaves the queue and its decisions count as not reported again.
    auto *cancel = panel->findChild<QPushButton *>(QStringLiteral("cancelQueuedReportButton"));
    QVERIFY(cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY(!queuedFrame->isVisibleTo(panel));
    QVERIFY(!r->session()->queuedReport());
    QCOMPARE(r->session()->unreportedDecisions(), 3);
    QTRY_VERIFY(r->main()->findChild<QLabel *>(QStringLiteral("unreportedLabel"))->text().contains(QLatin1Char('3')));

    // Back online: the decisions go, no report does.
    QSignalSpy synced(r->session(), &client::SchoolSession::syncFinished);
    r->session()->api()->setBaseUrl(real);
    r->session()->syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty() && synced.last().first().toBool(), 20000);
    QCOMPARE(r->server->server().schools().reports(r->server->demo().schoolId).size(), 0);
    QCOMPARE(r->server->server().schools().unreportedCount(r->server->demo().schoolId), 3);
    QCOMPARE(r->session()->unreportedDecisions(), 3);
}

void TestOffline::withoutKeychainNoSecretOnDisk()
{
    // Registered a second time with the D-Bus session pointed at nothing (SG_EXPECT_NO_KEYCHAIN=1).
    if (qEnvironmentVariable("SG_EXPECT_NO_KEYCHAIN") != QLatin1String("1"))
        QSKIP("runs in the ui.offline_nokeychain registration, where no keychain is reachable");
    QVERIFY2(!m_keychainProblem.isEmpty(), "a keychain answered although none should be reachable");
    const QDateTime started = QDateTime::currentDateTime().addSecs(-2);
    auto r = startSignedIn();
    QTRY_VERIFY(!r->session()->isBusy());
    QVERIFY(!r->session()->cache());
    QVERIFY2(
        r->main()->notice().contains(QStringLiteral("keychain is not available")), qPrintable(r->main()->notice()));
    QSignalSpy finished(r->session(), &client::SchoolSession::decisionsFinished);
    approvePendingTeachers(*r, 1);
    QTRY_COMPARE(finished.size(), 1);
    const QString token = r->session()->api()->token();
    QVERIFY(token.size() >= 16);
    QStringList hits;
    const QStringList secrets{test::TestServer::kPassword, token};
    for (auto location : {QStandardPaths::AppLocalDataLocation, QStandardPaths::AppDataLocation,
             QStandardPaths::AppConfigLocation, QStandardPaths::CacheLocation, QStandardPaths::GenericConfigLocation}) {
        hits += filesContaining(QStandardPaths::writableLocation(location), secrets);
    }
    hits += filesContaining(QDir::tempPath(), secrets, r->server->dataDir(), started);
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QLatin1Char(' '))));
    QVERIFY(QDir(offlineDir()).entryList(QDir::Files).isEmpty());
}

QTEST_MAIN(TestOffline)
#include "tst_offline.moc"
