// Conflicts a person can resolve, in the real windows against a real server module on a free loopback port, in
// Russian: decisions made offline meet changes made meanwhile by other accounts (the school's account on another
// computer, the class's teacher); the dialog says who made each change (login and role), when, the status before
// and after and the reason, in the client's own words (never the server's sentence); «Оставить как есть» and
// «Применить моё решение» are chosen per conflict, for one row or for several selected at once, by mouse or by
// keyboard; the server ends with the states chosen.

#include "client/apiclient.h"
#include "client/membertablemodel.h"
#include "client/schoolsession.h"
#include "fakeprompter.h"
#include "keychainprobe.h"
#include "server/database.h"
#include "server/schoolstore.h"
#include "testserver.h"
#include "ui/clientapp.h"
#include "ui/conflictsdialog.h"
#include "ui/loginwindow.h"
#include "ui/mainwindow.h"

#include <QAccessible>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
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

// A loopback address where nothing listens: the server "cannot be reached".
QUrl deadUrl()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
}

} // namespace

class TestConflicts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void othersChangesAreExplainedAndResolved();

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
    std::unique_ptr<Running> startSignedIn();
    // Approves these people in the panel's table (selected together, «Подтвердить»).
    static void approveInPanel(Running &r, const QString &panel, const QString &view, const QList<qint64> &ids);
    // Another computer: signs in as login and sends these decisions; returns how many were applied.
    static int decideElsewhere(Running &r, const QString &login, const QList<proto::DecisionItem> &items);
    QString m_keychainProblem;
};

void TestConflicts::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_keychainProblem = test::keychainProblem(kKeychainService);
}

void TestConflicts::init()
{
    QSettings settings;
    settings.remove(QStringLiteral("profiles"));
    settings.remove(QStringLiteral("profilesLast"));
    QDir(QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
             .filePath(QStringLiteral("offline")))
        .removeRecursively();
}

std::unique_ptr<TestConflicts::Running> TestConflicts::startSignedIn()
{
    auto r = std::make_unique<Running>();
    r->server = std::make_unique<test::TestServer>();
    if (!r->server->isValid())
        qFatal("test server: %s", qPrintable(r->server->errorString()));
    ui::ClientOptions options;
    options.serverUrl = r->server->url();
    options.language = QStringLiteral("ru");
    options.keychainService = kKeychainService;
    r->app = std::make_unique<ui::ClientApp>(options, &r->prompter, r->clock);
    if (!r->app->start())
        qFatal("client did not start");
    ui::LoginWindow *w = r->app->loginWindow();
    if (!QTest::qWaitForWindowExposed(w))
        qFatal("sign-in window not shown");
    QTest::keyClicks(w->findChild<QLineEdit *>(QStringLiteral("loginLineEdit")), QStringLiteral("demo-school"));
    QTest::keyClicks(w->findChild<QLineEdit *>(QStringLiteral("passwordLineEdit")), test::TestServer::kPassword);
    QTest::mouseClick(w->findChild<QPushButton *>(QStringLiteral("signInButton")), Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return r->main() && r->main()->isVisible(); }, 15000))
        qFatal("main window not shown");
    if (!QTest::qWaitFor([&] { return r->session()->teachers()->rowCount() > 0 && !r->session()->isBusy(); }, 15000))
        qWarning("the tables did not load in 15 s");
    return r;
}

void TestConflicts::approveInPanel(
    Running &r, const QString &panelName, const QString &viewName, const QList<qint64> &ids)
{
    QWidget *panel = r.main()->findChild<QWidget *>(panelName);
    auto *view = r.main()->findChild<QTableView *>(viewName);
    auto *tabs = r.main()->findChild<QTabWidget *>(QStringLiteral("peopleTabWidget"));
    tabs->setCurrentWidget(panel);
    QItemSelection selection;
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        const QModelIndex index = view->model()->index(row, 0);
        if (ids.contains(index.data(client::MemberTableModel::IdRole).toLongLong()))
            selection.select(index, index);
    }
    view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    auto *approve = panel->findChild<QPushButton *>(QStringLiteral("approveButton"));
    if (!QTest::qWaitFor([&] { return approve->isEnabled(); }, 10000))
        qWarning("approve button stays disabled");
    QTest::mouseClick(approve, Qt::LeftButton);
}

int TestConflicts::decideElsewhere(Running &r, const QString &login, const QList<proto::DecisionItem> &items)
{
    QNetworkAccessManager network;
    client::ApiClient other(&network);
    other.setBaseUrl(r.server->url());
    bool signedIn = false;
    other.login(login, test::TestServer::kPassword, [&](auto s) { signedIn = s.ok(); });
    if (!QTest::qWaitFor([&] { return signedIn; }, 15000))
        return -1;
    int applied = -1;
    other.submitDecisions(r.server->demo().schoolId, items, [&](auto a) {
        applied = a ? int(std::count_if(a->results.begin(), a->results.end(),
                      [](const auto &x) { return x.outcome == DecisionOutcome::Applied; }))
                    : 0;
    });
    if (!QTest::qWaitFor([&] { return applied >= 0; }, 15000))
        qWarning("no answer to the decisions in 15 s");
    return applied;
}

void TestConflicts::othersChangesAreExplainedAndResolved()
{
    SG_REQUIRE_KEYCHAIN(m_keychainProblem);
    auto r = startSignedIn();
    QTRY_VERIFY(r->session()->cache());
    server::SchoolStore &store = r->server->server().schools();
    const qint64 schoolId = r->server->demo().schoolId;

    // Two pending teachers, and a pending student of the demo teacher's class (5А).
    QList<proto::Member> teachers, students;
    for (const proto::Member &m : store.members(schoolId, {Role::Teacher, std::nullopt})) {
        if (m.status == MemberStatus::Pending && teachers.size() < 3)
            teachers.append(m);
    }
    for (const proto::Member &m : store.members(schoolId, {Role::Student, std::nullopt})) {
        if (m.status == MemberStatus::Pending && m.className == QStringLiteral("5А") && students.isEmpty())
            students.append(m);
    }
    QCOMPARE(teachers.size(), 3);
    QCOMPARE(students.size(), 1);
    const proto::Member t1 = teachers.at(0), t2 = teachers.at(1), t3 = teachers.at(2), s = students.at(0);

    // Offline, the user approves all four.
    const QUrl real = r->session()->api()->baseUrl();
    r->session()->api()->setBaseUrl(deadUrl());
    QSignalSpy synced(r->session(), &client::SchoolSession::syncFinished);
    approveInPanel(*r, QStringLiteral("teachersPanel"), QStringLiteral("teachersTableView"), {t1.id, t2.id, t3.id});
    QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty(), 15000);
    approveInPanel(*r, QStringLiteral("studentsPanel"), QStringLiteral("studentsTableView"), {s.id});
    QTRY_COMPARE(r->session()->queuedItems(), 4);

    // Meanwhile: the school's account on another computer rejects both teachers; the class's teacher rejects the
    // student.
    const QString teacherReason = QStringLiteral("Уволен по собственному желанию");
    const QString studentReason = QStringLiteral("Переведён в другую школу");
    const auto reject = [](const proto::Member &m, const QString &reason) {
        return proto::DecisionItem{QUuid::createUuid().toString(), m.id, Verdict::Reject, reason, m.version};
    };
    QCOMPARE(
        decideElsewhere(*r, QStringLiteral("demo-school"), {reject(t1, teacherReason), reject(t2, teacherReason)}), 2);
    QCOMPARE(decideElsewhere(*r, QStringLiteral("demo-teacher"), {reject(s, studentReason)}), 1);
    // And the third teacher left the school (no decision says so): the user's approval will be refused.
    {
        QSqlQuery q(r->server->server().database().connection());
        QVERIFY(
            q.prepare(QStringLiteral("UPDATE members SET status = 'not-current', version = version + 1 WHERE id = ?")));
        q.addBindValue(t3.id);
        QVERIFY(q.exec());
    }

    // Back online: three conflicts and one refusal.
    r->session()->api()->setBaseUrl(real);
    QSignalSpy finished(r->session(), &client::SchoolSession::decisionsFinished);
    r->session()->syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 15000);
    QCOMPARE(finished.last().at(1).toInt(), 3);
    QCOMPARE(finished.last().at(2).toInt(), 1);
    auto *conflictsButton = r->main()->findChild<QPushButton *>(QStringLiteral("conflictsButton"));
    QTRY_VERIFY(conflictsButton->isVisible());

    // What the session keeps for the dialog (sealed in the outbox).
    const QList<client::DecisionConflict> kept = r->session()->conflicts();
    QCOMPARE(kept.size(), 4);
    for (const client::DecisionConflict &c : kept) {
        if (c.memberId == t3.id) {
            QVERIFY(c.refused);
            QVERIFY(!c.other);
            QCOMPARE(c.code, QStringLiteral("conflict"));
            continue;
        }
        QVERIFY2(c.other, qPrintable(c.fullName));
        QCOMPARE(int(c.other->previousStatus), int(MemberStatus::Pending));
        QCOMPARE(int(c.serverStatus), int(MemberStatus::Rejected));
        QCOMPARE(c.other->login, c.memberId == s.id ? QStringLiteral("demo-teacher") : QStringLiteral("demo-school"));
    }

    const QLocale russian(QLocale::Russian);
    bool handled = false;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        const auto closeOnReturn = qScopeGuard([dialog] { dialog->reject(); }); // a failed check ends the dialog too
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        // Fits a 1024×600 screen.
        QVERIFY2(dialog->frameGeometry().width() <= 1024 && dialog->frameGeometry().height() <= 600,
            qPrintable(
                QStringLiteral("%1×%2").arg(dialog->frameGeometry().width()).arg(dialog->frameGeometry().height())));
        QVERIFY(dialog->minimumSizeHint().width() <= 1024 && dialog->minimumSizeHint().height() <= 600);
        QCOMPARE(dialog->windowTitle(), QStringLiteral("Решения, требующие внимания"));

        auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("conflictsTableWidget"));
        auto *details = dialog->findChild<QLabel *>(QStringLiteral("detailsLabel"));
        auto *selection = dialog->findChild<QLabel *>(QStringLiteral("selectionLabel"));
        auto *keep = dialog->findChild<QPushButton *>(QStringLiteral("acceptServerButton"));
        auto *mine = dialog->findChild<QPushButton *>(QStringLiteral("keepMineButton"));
        QVERIFY(table && details && selection && keep && mine);
        QCOMPARE(keep->text().remove(QLatin1Char('&')), QStringLiteral("Оставить как есть"));
        QCOMPARE(mine->text().remove(QLatin1Char('&')), QStringLiteral("Применить моё решение"));
        QCOMPARE(table->rowCount(), 4);
        if (const QString dir = qEnvironmentVariable("SG_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(dialog->grab().save(QDir(dir).filePath(QStringLiteral("conflicts-ru.png"))));
        // Keyboard first: the table has the focus, a row is current and selected, the choices are reachable by Tab.
        QTRY_VERIFY(table->hasFocus());
        QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
        for (QWidget *w : {static_cast<QWidget *>(table), static_cast<QWidget *>(details), static_cast<QWidget *>(keep),
                 static_cast<QWidget *>(mine)})
            QVERIFY2(w->focusPolicy() & Qt::TabFocus, qPrintable(w->objectName()));
        // Named for screen readers.
        QCOMPARE(QAccessible::queryAccessibleInterface(table)->text(QAccessible::Name),
            QStringLiteral("Решения с конфликтом"));
        QCOMPARE(
            QAccessible::queryAccessibleInterface(details)->text(QAccessible::Name), QStringLiteral("Что произошло"));

        const auto rowOf = [&](qint64 id) {
            for (int row = 0; row < table->rowCount(); ++row) {
                if (table->item(row, ui::ConflictsDialog::PersonColumn)->text()
                    == r->session()->teachers()->memberById(id)->fullName())
                    return row;
            }
            return -1;
        };
        const auto studentRow = [&] {
            for (int row = 0; row < table->rowCount(); ++row) {
                if (table->item(row, ui::ConflictsDialog::PersonColumn)->text() == s.fullName())
                    return row;
            }
            return -1;
        };
        const auto cell = [&](int row, int column) { return table->item(row, column)->text(); };

        // The student's row: who (login and role), when (local time, Russian), before → after, the reason.
        const int sr = studentRow();
        QVERIFY(sr >= 0);
        QCOMPARE(cell(sr, ui::ConflictsDialog::DecisionColumn), QStringLiteral("Подтверждение"));
        QCOMPARE(cell(sr, ui::ConflictsDialog::NowColumn), QStringLiteral("Отклонено"));
        QCOMPARE(cell(sr, ui::ConflictsDialog::BeforeColumn), QStringLiteral("Ожидает"));
        const QString by = cell(sr, ui::ConflictsDialog::ChangedByColumn);
        static const QRegularExpression when(
            QStringLiteral("^demo-teacher \\(учитель\\), \\d{1,2}:\\d\\d \\d{1,2} \\S+$"));
        QVERIFY2(when.match(by).hasMatch(), qPrintable(by));
        QVERIFY2(by.contains(russian.toString(QDateTime::currentDateTime(), QStringLiteral("d MMMM"))), qPrintable(by));
        QCOMPARE(cell(sr, ui::ConflictsDialog::ReasonColumn), studentReason);
        // The whole story under the table, for the current row, in Russian and never the server's sentence.
        table->selectRow(sr);
        const QString story = details->text();
        QVERIFY2(story.contains(s.fullName()) && story.contains(by)
                && story.contains(QStringLiteral("«Ожидает» → «Отклонено»")) && story.contains(studentReason),
            qPrintable(story));
        QVERIFY2(!story.contains(QStringLiteral("someone else")) && !story.contains(QStringLiteral("Review")),
            qPrintable(story));
        QCOMPARE(
            table->item(sr, ui::ConflictsDialog::NowColumn)->data(Qt::AccessibleDescriptionRole).toString(), story);

        // A teacher's row: changed by the school's account.
        const int tr1 = rowOf(t1.id);
        QVERIFY(tr1 >= 0);
        QVERIFY2(cell(tr1, ui::ConflictsDialog::ChangedByColumn).startsWith(QStringLiteral("demo-school (школа), ")),
            qPrintable(cell(tr1, ui::ConflictsDialog::ChangedByColumn)));
        QCOMPARE(cell(tr1, ui::ConflictsDialog::ReasonColumn), teacherReason);

        // The refused one: explained from its code; it can only be dropped.
        const int tr3 = rowOf(t3.id);
        QVERIFY(tr3 >= 0);
        QCOMPARE(cell(tr3, ui::ConflictsDialog::NowColumn), QStringLiteral("Не актуально"));
        QCOMPARE(
            cell(tr3, ui::ConflictsDialog::ReasonColumn), QStringLiteral("Этот человек больше не числится в школе."));
        table->selectRow(tr3);
        QVERIFY(keep->isEnabled());
        QVERIFY(!mine->isEnabled());
        QVERIFY2(details->text().contains(QStringLiteral("Отправить его снова в таком виде нельзя")),
            qPrintable(details->text()));

        // «Применить моё решение» for the student, by keyboard: Tab from the table to the button, Space.
        table->setFocus();
        table->selectRow(sr);
        QTRY_VERIFY(table->hasFocus());
        int tabs = 0;
        while (!mine->hasFocus() && tabs++ < 8)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QVERIFY(mine->hasFocus());
        QTest::keyClick(mine, Qt::Key_Space);
        QTRY_COMPARE(table->rowCount(), 3);

        // «Оставить как есть» for the three teachers at once: selected together («Выбрать все»); mine cannot apply
        // to all of them, since one was refused.
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("selectAllButton")), Qt::LeftButton);
        QCOMPARE(table->selectionModel()->selectedRows().size(), 3);
        QCOMPARE(selection->text(), QStringLiteral("Выбрано 3 конфликта: кнопки действуют на все выбранные."));
        QVERIFY(!mine->isEnabled());
        QTest::mouseClick(keep, Qt::LeftButton);
        QCOMPARE(table->rowCount(), 0);
        QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("introLabel"))->text(),
            QStringLiteral("Конфликтов не осталось."));
        handled = true;
    });
    QTest::mouseClick(conflictsButton, Qt::LeftButton);
    QVERIFY(handled);

    // The server: the student approved (mine, on the current version), the teachers rejected (kept as they were).
    const auto statusOf = [&](Role role, qint64 id) {
        for (const proto::Member &m : store.members(schoolId, {role, std::nullopt}))
            if (m.id == id)
                return m.status;
        return MemberStatus::Pending;
    };
    QTRY_COMPARE_WITH_TIMEOUT(int(statusOf(Role::Student, s.id)), int(MemberStatus::Approved), 15000);
    QCOMPARE(int(statusOf(Role::Teacher, t1.id)), int(MemberStatus::Rejected));
    QCOMPARE(int(statusOf(Role::Teacher, t2.id)), int(MemberStatus::Rejected));
    QCOMPARE(int(statusOf(Role::Teacher, t3.id)), int(MemberStatus::NotCurrent));
    QTRY_COMPARE(r->session()->queuedItems(), 0);
    QTRY_VERIFY(!conflictsButton->isVisible());
    QCOMPARE(r->session()->attentionCount(), 0);
}

QTEST_MAIN(TestConflicts)
#include "tst_conflicts.moc"
