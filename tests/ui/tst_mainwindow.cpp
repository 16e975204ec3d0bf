// Drives the real sign-in and main windows (found by object name) against a real server module on a free
// loopback port, then asks the server what happened.

#include "client/membertablemodel.h"
#include "client/schoolsession.h"
#include "fakeprompter.h"
#include "server/accountstore.h"
#include "server/database.h"
#include "server/schoolstore.h"
#include "testserver.h"
#include "ui/applicationsdialog.h"
#include "ui/clientapp.h"
#include "ui/loginwindow.h"
#include "ui/mainwindow.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace sg;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void signInApproveThreeAndReport();
    void rejectNeedsReasonAndReachesServer();
    void wrongPasswordShowsMessage();
    void firstSignInForcesNewPassword();
    void operatorGetsTheQueue();
    void operatorSeesTheApplications();
    void studentSeesOwnRecordOnly();
    void schoolWithoutDirectorIsLocked();

private:
    struct Running
    {
        std::unique_ptr<test::TestServer> server;
        test::FakePrompter prompter;
        SystemClock clock;
        std::unique_ptr<ui::ClientApp> app;
    };
    static std::unique_ptr<Running> startClient();
    static void signIn(ui::ClientApp &app, const QString &login, const QString &password);
    static QList<qint64> selectRows(QTableView *view, const QList<int> &rows);
    // Clicks the tab that holds `page`, as a user would.
    static void openTab(QWidget *window, QWidget *page);
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // settings go to a test location, never the user's
}

void TestMainWindow::init()
{
    // Each test starts with no sign-in profiles (a port of an earlier test's server may come back).
    QSettings settings;
    settings.remove(QStringLiteral("profiles"));
    settings.remove(QStringLiteral("profilesLast"));
    // Offline copies of earlier tests' servers (a port may come back).
    QDir(QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
             .filePath(QStringLiteral("offline")))
        .removeRecursively();
}

std::unique_ptr<TestMainWindow::Running> TestMainWindow::startClient()
{
    auto r = std::make_unique<Running>();
    r->server = std::make_unique<test::TestServer>();
    if (!r->server->isValid())
        qFatal("test server: %s", qPrintable(r->server->errorString()));
    ui::ClientOptions options;
    options.serverUrl = r->server->url();
    options.language = QStringLiteral("en");
    r->app = std::make_unique<ui::ClientApp>(options, &r->prompter, r->clock);
    if (!r->app->start())
        qFatal("client did not start");
    return r;
}

void TestMainWindow::signIn(ui::ClientApp &app, const QString &login, const QString &password)
{
    ui::LoginWindow *w = app.loginWindow();
    QVERIFY(QTest::qWaitForWindowExposed(w));
    auto *server = w->findChild<QComboBox *>(QStringLiteral("serverComboBox"));
    auto *url = w->findChild<QLineEdit *>(QStringLiteral("serverUrlLineEdit"));
    auto *loginEdit = w->findChild<QLineEdit *>(QStringLiteral("loginLineEdit"));
    auto *passwordEdit = w->findChild<QLineEdit *>(QStringLiteral("passwordLineEdit"));
    auto *button = w->findChild<QPushButton *>(QStringLiteral("signInButton"));
    QVERIFY(server && url && loginEdit && passwordEdit && button);
    QCOMPARE(server->currentIndex(), 1); // the server URL given on the command line
    QVERIFY(url->isVisible());
    QTest::keyClicks(loginEdit, login);
    QTest::keyClicks(passwordEdit, password);
    QTest::mouseClick(button, Qt::LeftButton);
}

void TestMainWindow::openTab(QWidget *window, QWidget *page)
{
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("peopleTabWidget"));
    QVERIFY(tabs);
    const int index = tabs->indexOf(page);
    QVERIFY(index >= 0);
    QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(index).center());
    QTRY_COMPARE(tabs->currentIndex(), index);
}

QList<qint64> TestMainWindow::selectRows(QTableView *view, const QList<int> &rows)
{
    QList<qint64> ids;
    bool first = true;
    for (int row : rows) {
        const QModelIndex index = view->model()->index(row, 0);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, first ? Qt::KeyboardModifiers() : Qt::ControlModifier,
            view->visualRect(index).center());
        ids.append(index.data(client::MemberTableModel::IdRole).toLongLong());
        first = false;
    }
    return ids;
}

void TestMainWindow::signInApproveThreeAndReport()
{
    auto run = startClient();
    signIn(*run->app, QStringLiteral("demo-school"), test::TestServer::kPassword);
    QTRY_VERIFY_WITH_TIMEOUT(run->app->mainWindow() && run->app->mainWindow()->isVisible(), 15000);
    ui::MainWindow *main = run->app->mainWindow();
    QVERIFY(!run->app->loginWindow()->isVisible());

    auto *view = main->findChild<QTableView *>(QStringLiteral("teachersTableView"));
    QVERIFY(view);
    QTRY_COMPARE(view->model()->rowCount(), run->server->demo().teachers);

    // Show only pending teachers, then pick three with Ctrl+click.
    QWidget *panel = main->findChild<QWidget *>(QStringLiteral("teachersPanel"));
    auto *filter = panel->findChild<QComboBox *>(QStringLiteral("statusFilterComboBox"));
    filter->setCurrentIndex(filter->findData(int(MemberStatus::Pending)));
    const int pending = view->model()->rowCount();
    QVERIFY(pending >= 5 && pending < run->server->demo().teachers);
    QVERIFY(QTest::qWaitForWindowExposed(main));
    openTab(main, panel);
    const QList<qint64> ids = selectRows(view, {0, 2, 4});
    QCOMPARE(QSet<qint64>(ids.begin(), ids.end()).size(), 3);

    auto *approve = panel->findChild<QPushButton *>(QStringLiteral("approveButton"));
    auto *reject = panel->findChild<QPushButton *>(QStringLiteral("rejectButton"));
    QTRY_VERIFY(approve->isEnabled()); // after every table has loaded
    QCOMPARE(approve->text(), QStringLiteral("Approve (3)"));
    QCOMPARE(reject->text(), QStringLiteral("Reject (3)"));

    auto *sendReport = main->findChild<QPushButton *>(QStringLiteral("sendReportButton"));
    QVERIFY(!sendReport->isEnabled()); // nothing to report yet
    QSignalSpy decided(run->app->session(), &client::SchoolSession::decisionsFinished);
    QTest::mouseClick(approve, Qt::LeftButton);
    QVERIFY(decided.wait(15000));
    QCOMPARE(decided.first().at(0).toInt(), 3); // applied
    QCOMPARE(decided.first().at(1).toInt(), 0); // conflicts

    // The approved three left the "pending" filter; the banner counts them.
    QTRY_COMPARE(view->model()->rowCount(), pending - 3);
    QTRY_VERIFY(sendReport->isEnabled());
    QCOMPARE(sendReport->text(), QStringLiteral("Send report (3)"));

    // «Отправить отчёт» opens the preview; the report goes out from there.
    QSignalSpy reported(run->app->session(), &client::SchoolSession::reportSent);
    QTest::mouseClick(sendReport, Qt::LeftButton);
    QPushButton *confirm = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (confirm = main->findChild<QPushButton *>(QStringLiteral("confirmSendReportButton"))) != nullptr
            && confirm->isVisible() && confirm->isEnabled(),
        15000);
    auto *lines = main->findChild<QTableView *>(QStringLiteral("reportLinesTableView"));
    QVERIFY(lines);
    QCOMPARE(lines->model()->rowCount(), 3);
    QCOMPARE(reported.count(), 0); // nothing sent before the confirmation
    QTest::mouseClick(confirm, Qt::LeftButton);
    QVERIFY(reported.size() > 0 || reported.wait(15000));
    QTRY_VERIFY(!sendReport->isEnabled());

    // Ask the server: exactly those three are approved, and exactly they are in report No. 1.
    server::SchoolStore &store = run->server->server().schools();
    const qint64 schoolId = run->server->demo().schoolId;
    const auto teachers = store.members(schoolId, {Role::Teacher, std::nullopt});
    for (qint64 id : ids) {
        const auto it =
            std::find_if(teachers.begin(), teachers.end(), [id](const proto::Member &m) { return m.id == id; });
        QVERIFY(it != teachers.end());
        QCOMPARE(toString(it->status), toString(MemberStatus::Approved));
    }
    const auto reports = store.reports(schoolId);
    QCOMPARE(reports.size(), 1);
    QCOMPARE(reports.first().number, 1);
    QCOMPARE(reports.first().teachersApproved, 3);
    QCOMPARE(reports.first().total(), 3);
    QSet<qint64> reportedIds;
    for (const auto &line : reports.first().lines)
        reportedIds.insert(line.memberId);
    QCOMPARE(reportedIds, QSet<qint64>(ids.begin(), ids.end()));
    QCOMPARE(store.unreportedCount(schoolId), 0);
}

void TestMainWindow::rejectNeedsReasonAndReachesServer()
{
    auto run = startClient();
    signIn(*run->app, QStringLiteral("demo-school"), test::TestServer::kPassword);
    QTRY_VERIFY_WITH_TIMEOUT(run->app->mainWindow() && run->app->mainWindow()->isVisible(), 15000);
    ui::MainWindow *main = run->app->mainWindow();
    auto *view = main->findChild<QTableView *>(QStringLiteral("teachersTableView"));
    QTRY_COMPARE(view->model()->rowCount(), run->server->demo().teachers);
    QVERIFY(QTest::qWaitForWindowExposed(main));
    QWidget *panel = main->findChild<QWidget *>(QStringLiteral("teachersPanel"));
    openTab(main, panel);
    auto *filter = panel->findChild<QComboBox *>(QStringLiteral("statusFilterComboBox"));
    filter->setCurrentIndex(filter->findData(int(MemberStatus::Pending)));
    const QList<qint64> ids = selectRows(view, {1});
    auto *reject = panel->findChild<QPushButton *>(QStringLiteral("rejectButton"));
    QTRY_VERIFY(reject->isEnabled());

    // Cancelling the reason dialog sends nothing.
    run->prompter.reason.reset();
    QTest::mouseClick(reject, Qt::LeftButton);
    QCOMPARE(run->prompter.reasonQuestions, 1);
    QCOMPARE(run->app->session()->unreportedDecisions(), 0);

    run->prompter.reason = QStringLiteral("Не работает в нашей школе");
    QSignalSpy decided(run->app->session(), &client::SchoolSession::decisionsFinished);
    QTest::mouseClick(reject, Qt::LeftButton);
    QVERIFY(decided.wait(15000));
    QCOMPARE(decided.first().at(0).toInt(), 1);

    const auto teachers =
        run->server->server().schools().members(run->server->demo().schoolId, {Role::Teacher, std::nullopt});
    const auto it =
        std::find_if(teachers.begin(), teachers.end(), [&](const proto::Member &m) { return m.id == ids.first(); });
    QVERIFY(it != teachers.end());
    QCOMPARE(toString(it->status), toString(MemberStatus::Rejected));
    QCOMPARE(it->reason, QStringLiteral("Не работает в нашей школе"));
}

void TestMainWindow::wrongPasswordShowsMessage()
{
    auto run = startClient();
    signIn(*run->app, QStringLiteral("demo-school"), QStringLiteral("not the password at all"));
    auto *error = run->app->loginWindow()->findChild<QWidget *>(QStringLiteral("errorLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 15000);
    QVERIFY(!run->app->mainWindow());
    auto *password = run->app->loginWindow()->findChild<QLineEdit *>(QStringLiteral("passwordLineEdit"));
    QVERIFY(password->text().isEmpty()); // cleared for the next try
}

void TestMainWindow::firstSignInForcesNewPassword()
{
    auto run = startClient();
    // An account as the admin command creates it: a one-time password that must be replaced.
    server::NewAccount account{QStringLiteral("new-school"), QStringLiteral("one-time password 1"), Role::School,
        run->server->demo().lyceumId, QStringLiteral("МОУ Лицей № 5"), true};
    QVERIFY(run->server->server().accounts().createAccount(account).ok());
    // First a password the server refuses (too short), then a good one.
    run->prompter.newPasswords = {QStringLiteral("short"), QStringLiteral("липовая аллея у лицея")};
    signIn(*run->app, account.login, account.password);
    QTRY_VERIFY_WITH_TIMEOUT(run->app->mainWindow() && run->app->mainWindow()->isVisible(), 15000);
    QCOMPARE(run->prompter.passwordProblems.size(), 2);
    QVERIFY(run->prompter.passwordProblems.at(0).isEmpty());
    QVERIFY2(run->prompter.passwordProblems.at(1).contains(QStringLiteral("12")),
        qPrintable(run->prompter.passwordProblems.at(1)));
    // The server has the new password; the one-time password no longer works.
    QVERIFY(run->server->server().accounts().authenticate(account.login, QStringLiteral("липовая аллея у лицея")).ok());
    QVERIFY(!run->server->server().accounts().authenticate(account.login, account.password).ok());
    QVERIFY(!run->app->session()->user()->mustChangePassword);
}

void TestMainWindow::operatorGetsTheQueue()
{
    auto run = startClient();
    signIn(*run->app, QStringLiteral("demo-operator"), test::TestServer::kPassword);
    QTRY_VERIFY_WITH_TIMEOUT(run->app->operatorWindow() && run->app->operatorWindow()->isVisible(), 15000);
    QVERIFY(!run->app->mainWindow());
    QVERIFY(run->app->operatorWindow()->findChild<QTableView *>(QStringLiteral("directorRequestsTableView")));
    // Signing out returns to the sign-in window.
    auto *signOut = run->app->operatorWindow()->findChild<QPushButton *>(QStringLiteral("operatorSignOutButton"));
    QVERIFY(signOut);
    QTest::mouseClick(signOut, Qt::LeftButton);
    QTRY_VERIFY(run->app->loginWindow()->isVisible());
}

// The support operator's list of applications: every school's, where each stands, filtered and sorted.
void TestMainWindow::operatorSeesTheApplications()
{
    auto run = startClient();
    QSqlQuery q(run->server->server().database().connection());
    QVERIFY(
        q.exec(QStringLiteral("SELECT id FROM members WHERE school_id = %1 AND role = 'teacher' ORDER BY id LIMIT 1")
                   .arg(run->server->demo().schoolId)));
    QVERIFY(q.next());
    const qint64 member = q.value(0).toLongLong();
    q.finish();
    QVERIFY(
        q.exec(QStringLiteral("UPDATE members SET status = 'rejected', reason = 'Не работает в школе' WHERE id = %1")
                   .arg(member)));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO applications (school_id, role, surname, name, patronymic, email, "
                                     "token_hash, created_at, expires_at, confirmed_at, member_id) "
                                     "VALUES (?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?)")));
    const auto add = [&](qint64 school, const QString &role, const QString &surname, const QString &email, qint64 at,
                         qint64 confirmedAt, const QVariant &memberId) {
        for (const QVariant &v : {QVariant(school), QVariant(role), QVariant(surname), QVariant(QStringLiteral("Иван")),
                 QVariant(email), QVariant(QByteArray::number(at) + email.toLatin1()), QVariant(at),
                 QVariant(at + 86400), QVariant(confirmedAt), memberId})
            q.addBindValue(v);
        return q.exec();
    };
    QVERIFY(add(run->server->demo().schoolId, QStringLiteral("student"), QStringLiteral("Жуков"),
        QStringLiteral("zhukov@example.test"), now - 7200, 0, QVariant(QMetaType::fromType<qint64>())));
    QVERIFY(add(run->server->demo().lyceumId, QStringLiteral("teacher"), QStringLiteral("Быков"),
        QStringLiteral("bykov@example.test"), now - 3600, now - 3000, member));

    signIn(*run->app, QStringLiteral("demo-operator"), test::TestServer::kPassword);
    QTRY_VERIFY_WITH_TIMEOUT(run->app->operatorWindow() && run->app->operatorWindow()->isVisible(), 15000);
    auto *open = run->app->operatorWindow()->findChild<QPushButton *>(QStringLiteral("operatorApplicationsButton"));
    QVERIFY(open);
    QTest::mouseClick(open, Qt::LeftButton);
    ui::ApplicationsDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (dialog = run->app->operatorWindow()->findChild<ui::ApplicationsDialog *>()) && dialog->shownCount() == 2,
        15000);
    QVERIFY(dialog->isVisible());
    QAbstractItemModel *model = dialog->view()->model();
    // Newest first: the teacher's application, tied to a person the school rejected.
    QCOMPARE(model->index(0, ui::ApplicationsDialog::NameColumn).data().toString(), QStringLiteral("Быков Иван"));
    QVERIFY2(model->index(0, ui::ApplicationsDialog::StatusColumn)
                 .data()
                 .toString()
                 .contains(QStringLiteral("Не работает в школе")),
        qPrintable(model->index(0, ui::ApplicationsDialog::StatusColumn).data().toString()));
    QCOMPARE(model->index(1, ui::ApplicationsDialog::StatusColumn).data().toString(),
        ui::ApplicationsDialog::statusText(QStringLiteral("unconfirmed"), {}));
    // Sorting by name puts Быков before Жуков either way round; the filter finds by e-mail.
    dialog->view()->sortByColumn(ui::ApplicationsDialog::NameColumn, Qt::DescendingOrder);
    QCOMPARE(model->index(0, ui::ApplicationsDialog::NameColumn).data().toString(), QStringLiteral("Жуков Иван"));
    auto *filter = dialog->findChild<QLineEdit *>(QStringLiteral("applicationsFilterLineEdit"));
    QTest::keyClicks(filter, QStringLiteral("bykov@"));
    QCOMPARE(dialog->shownCount(), 1);
    QCOMPARE(
        model->index(0, ui::ApplicationsDialog::EmailColumn).data().toString(), QStringLiteral("bykov@example.test"));
    // Opening it again shows the same window, not a second one.
    QTest::mouseClick(open, Qt::LeftButton);
    QCOMPARE(run->app->operatorWindow()->findChildren<ui::ApplicationsDialog *>().size(), 1);
}

// A student (an account an approval made, or one linked through Gosuslugi) has nothing to decide: the window says
// where the student's own record stands, and nothing of the school's lists is opened.
void TestMainWindow::studentSeesOwnRecordOnly()
{
    auto run = startClient();
    server::NewAccount account{QStringLiteral("pupil-window"), QStringLiteral("pupil window password 2026"),
        Role::Student, run->server->demo().schoolId, QStringLiteral("Ершова Ксения"), false};
    const auto userId = run->server->server().accounts().createAccount(account);
    QVERIFY(userId.ok());
    QSqlQuery q(run->server->server().database().connection());
    QVERIFY(q.exec(
        QStringLiteral("SELECT m.id, c.grade || c.letter FROM members m JOIN classes c ON c.id = m.class_id WHERE "
                       "m.role = 'student' AND m.status = 'pending' AND m.user_id IS NULL ORDER BY m.id")));
    QVERIFY(q.next());
    const qint64 memberId = q.value(0).toLongLong();
    const QString className = q.value(1).toString();
    q.finish();
    QVERIFY(q.prepare(QStringLiteral("UPDATE members SET user_id = ?, status = 'approved' WHERE id = ?")));
    q.addBindValue(userId.value());
    q.addBindValue(memberId);
    QVERIFY(q.exec());

    signIn(*run->app, account.login, account.password);
    QTRY_VERIFY_WITH_TIMEOUT(run->app->personWindow() && run->app->personWindow()->isVisible(), 15000);
    QVERIFY(!run->app->mainWindow());
    QVERIFY(!run->app->operatorWindow());
    QTRY_VERIFY2_WITH_TIMEOUT(run->app->personWindow()->statusText().contains(className),
        qPrintable(run->app->personWindow()->statusText()), 15000);
    QVERIFY(!run->app->loginWindow()->isVisible());

    // What the window says in the other cases.
    proto::UserInfo student;
    student.role = Role::Student;
    proto::Membership m;
    m.status = MemberStatus::Rejected;
    m.reason = QStringLiteral("Нет в списках");
    QVERIFY(
        ui::PersonWindow::describe(student, QStringLiteral("Школа № 1"), m).contains(QStringLiteral("Нет в списках")));
    m.status = MemberStatus::Pending;
    QVERIFY(ui::PersonWindow::describe(student, QStringLiteral("Школа № 1"), m).contains(QStringLiteral("Школа № 1")));
    QVERIFY(!ui::PersonWindow::describe(student, {}, std::nullopt).isEmpty());

    auto *signOut = run->app->personWindow()->findChild<QPushButton *>(QStringLiteral("personSignOut"));
    QVERIFY(signOut);
    QTest::mouseClick(signOut, Qt::LeftButton);
    QTRY_VERIFY(run->app->loginWindow()->isVisible());
}

void TestMainWindow::schoolWithoutDirectorIsLocked()
{
    auto run = startClient();
    signIn(*run->app, QStringLiteral("demo-lyceum"), test::TestServer::kPassword);
    QTRY_VERIFY_WITH_TIMEOUT(run->app->mainWindow() && run->app->mainWindow()->isVisible(), 15000);
    ui::MainWindow *main = run->app->mainWindow();
    QWidget *panel = main->findChild<QWidget *>(QStringLiteral("teachersPanel"));
    openTab(main, panel);
    auto *lock = panel->findChild<QLabel *>(QStringLiteral("lockLabel"));
    QTRY_VERIFY(lock->isVisible());
    QVERIFY2(lock->text().contains(QStringLiteral("director")), qPrintable(lock->text()));
    auto *view = main->findChild<QTableView *>(QStringLiteral("teachersTableView"));
    QTRY_VERIFY(view->model()->rowCount() > 0);
    selectRows(view, {0});
    QVERIFY(!panel->findChild<QPushButton *>(QStringLiteral("approveButton"))->isEnabled());
    // The Director tab says what to do first.
    QWidget *director = main->findChild<QWidget *>(QStringLiteral("directorPanel"));
    QVERIFY(director);
    openTab(main, director);
    QTRY_VERIFY(director->findChild<QPushButton *>(QStringLiteral("consentButton"))->isVisible());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
