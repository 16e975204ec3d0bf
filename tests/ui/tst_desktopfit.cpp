// Windows that fit the screen and dialogs that work from the keyboard alone: the screen-fit helpers against the
// real screen (xvfb), the reject dialog driven by keys only, Tab leaving a table, Ctrl+F and the report's shortcut
// in the main window.
#include "client/membertablemodel.h"
#include "client/schoolsession.h"
#include "core/errorcodes.h"
#include "fakeprompter.h"
#include "server/demoseeder.h"
#include "testserver.h"
#include "ui/appstyle.h"
#include "ui/dashboardpanel.h"
#include "ui/errortext.h"
#include "ui/mainwindow.h"
#include "ui/memberpanel.h"
#include "ui/prompter.h"
#include "ui/screenfit.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QFont>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

#include <functional>
#include <optional>

using namespace sg;

namespace {

// Runs `steps` once the next modal dialog is shown (the prompter's dialogs run their own event loop).
void whenModal(std::function<void(QWidget *)> steps)
{
    auto *timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, [timer, steps] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal || !modal->isVisible())
            return;
        timer->stop();
        timer->deleteLater();
        QPointer<QDialog> dialog = qobject_cast<QDialog *>(modal);
        steps(modal);
        // A step that failed returns early: the dialog must not keep the test waiting.
        QTimer::singleShot(5000, [dialog] {
            if (dialog && dialog->isVisible())
                dialog->reject();
        });
    });
    timer->start();
}

// The demo school's account signed in against a server of its own; with `load`, its lists fetched too.
struct SchoolSignedIn
{
    test::TestServer server;
    QNetworkAccessManager network;
    client::ApiClient api{&network};
    client::SchoolSession session{&api};

    void signIn(bool load)
    {
        QVERIFY2(server.isValid(), qPrintable(server.errorString()));
        api.setBaseUrl(server.url());
        QSignalSpy signedIn(&session, &client::SchoolSession::signedIn);
        session.signIn(QString::fromLatin1(server::DemoSeeder::kSchoolLogin), test::TestServer::kPassword);
        QVERIFY(signedIn.wait(15000));
        if (load)
            session.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!session.isBusy() && (!load || session.school().has_value()), 15000);
    }
};

} // namespace

class TestDesktopFit : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fittedSizeStaysInsideTheScreen();
    void savedGeometryLargerThanTheScreenIsRefitted();
    void rejectDialogByKeyboardOnly();
    void rejectDialogRefusesAnEmptyReasonAndOffersCommonOnes();
    void tabLeavesTheTable();
    void emptyTablesSayWhy();
    void aClassReadsInNameOrder();
    void buttonsEnabledLaterKeepTheirLabels();
    void serverErrorsInTheClientsWords();
    void overviewSaysLoadingNotAllDone();
    void findAndReportShortcutsInTheMainWindow();
    void signOutRemindsOfTheReport();
};

void TestDesktopFit::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestDesktopFit::fittedSizeStaysInsideTheScreen()
{
    QWidget window;
    const QRect area = window.screen()->availableGeometry();
    const QSize huge(area.width() + 500, area.height() + 500);
    const QSize fitted = ui::fittedSize(&window, huge);
    QVERIFY(fitted.width() < area.width());
    QVERIFY(fitted.height() < area.height()); // room left for the title bar
    QCOMPARE(ui::fittedSize(&window, QSize(300, 200)), QSize(300, 200)); // a small one as asked
    window.setMinimumSize(320, 240);
    QCOMPARE(ui::fittedSize(&window, QSize(100, 100)), QSize(320, 240));
}

void TestDesktopFit::savedGeometryLargerThanTheScreenIsRefitted()
{
    const QRect area = QGuiApplication::primaryScreen()->availableGeometry();
    QByteArray saved;
    {
        QWidget big;
        big.setGeometry(area.left() + 10, area.top() + 10, area.width() * 2, area.height() * 2);
        saved = big.saveGeometry();
    }
    QWidget window;
    ui::restoreOrFit(&window, saved, QSize(1180, 760));
    QVERIFY2(area.contains(window.geometry()),
        qPrintable(QStringLiteral("%1,%2 %3x%4 in %5x%6")
                       .arg(window.x())
                       .arg(window.y())
                       .arg(window.width())
                       .arg(window.height())
                       .arg(area.width())
                       .arg(area.height())));
    // A geometry that fits is kept as saved.
    QByteArray fits;
    {
        QWidget small;
        small.setGeometry(area.left() + 40, area.top() + 60, 400, 300);
        fits = small.saveGeometry();
    }
    QWidget again;
    ui::restoreOrFit(&again, fits, QSize(1180, 760));
    QCOMPARE(again.size(), QSize(400, 300));
    // Shown and then moved half off the screen: brought back inside.
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    again.move(area.right() - 100, area.bottom() - 50);
    ui::keepInsideScreen(&again);
    QTRY_VERIFY(area.contains(again.frameGeometry()));
}

void TestDesktopFit::rejectDialogByKeyboardOnly()
{
    ui::DialogPrompter prompter;
    QWidget parent;
    parent.show();
    QVERIFY(QTest::qWaitForWindowExposed(&parent));
    bool typedTab = false;
    whenModal([&typedTab](QWidget *dialog) {
        auto *text = dialog->findChild<QPlainTextEdit *>(QStringLiteral("reasonTextEdit"));
        QVERIFY(text);
        QTRY_COMPARE(QApplication::focusWidget(), text); // the cursor is in the reason at once
        QTest::keyClicks(text, QStringLiteral("Left the school"));
        QTest::keyClick(text, Qt::Key_Tab); // moves on; no tab character in the reason
        typedTab = !text->toPlainText().contains(QLatin1Char('\t')) && QApplication::focusWidget() != text;
        text->setFocus();
        QTest::keyClick(text, Qt::Key_Return, Qt::ControlModifier);
    });
    const std::optional<QString> reason = prompter.askRejectionReason(&parent, 2);
    QVERIFY(reason.has_value());
    QCOMPARE(*reason, QStringLiteral("Left the school"));
    QVERIFY(typedTab);

    whenModal([](QWidget *dialog) { QTest::keyClick(dialog, Qt::Key_Escape); });
    QVERIFY(!prompter.askRejectionReason(&parent, 1).has_value());
}

void TestDesktopFit::rejectDialogRefusesAnEmptyReasonAndOffersCommonOnes()
{
    ui::DialogPrompter prompter;
    QWidget parent;
    parent.show();
    QVERIFY(QTest::qWaitForWindowExposed(&parent));
    bool warned = false;
    whenModal([&warned](QWidget *dialog) {
        auto *text = dialog->findChild<QPlainTextEdit *>(QStringLiteral("reasonTextEdit"));
        auto *problem = dialog->findChild<QLabel *>(QStringLiteral("reasonProblemLabel"));
        auto *common = dialog->findChild<QComboBox *>(QStringLiteral("commonReasonsComboBox"));
        QVERIFY(text && problem && common);
        QVERIFY(!common->accessibleName().isEmpty() && !text->accessibleName().isEmpty());
        QTRY_VERIFY(dialog->isActiveWindow()); // shortcuts reach the active window only
        QTest::keyClick(text, Qt::Key_Return, Qt::ControlModifier); // nothing typed: refused, the dialog stays
        warned = problem->isVisible() && dialog->isVisible();
        QVERIFY(common->count() > 2);
        common->setCurrentIndex(2);
        emit common->activated(2);
        QCOMPARE(text->toPlainText(), common->itemText(2));
        auto *reject = dialog->findChild<QPushButton *>(QStringLiteral("rejectConfirmButton"));
        QVERIFY(reject && reject->isDefault());
        QTest::keyClick(text, Qt::Key_Enter, Qt::ControlModifier);
    });
    const std::optional<QString> reason = prompter.askRejectionReason(&parent, 1);
    QVERIFY(warned);
    QVERIFY(reason.has_value());
    QCOMPARE(*reason, QStringLiteral("Does not study at this school"));
}

void TestDesktopFit::tabLeavesTheTable()
{
    client::MemberTableModel model;
    proto::Member m;
    m.id = 1;
    m.role = Role::Student;
    m.surname = QStringLiteral("Ёлкин");
    m.name = QStringLiteral("Пётр");
    m.className = QStringLiteral("5А");
    model.setMembers({m});
    ui::MemberPanel panel(&model, Role::Student);
    panel.show();
    panel.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    auto *view = panel.findChild<QTableView *>(QStringLiteral("studentsTableView"));
    QVERIFY(view);
    QVERIFY(!view->tabKeyNavigation());
    view->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), view);
    QTest::keyClick(view, Qt::Key_Tab);
    QVERIFY(QApplication::focusWidget() != view);
    panel.focusSearch();
    QCOMPARE(QApplication::focusWidget(), panel.findChild<QLineEdit *>(QStringLiteral("searchLineEdit")));
}

void TestDesktopFit::emptyTablesSayWhy()
{
    client::MemberTableModel model;
    ui::MemberPanel panel(&model, Role::Teacher);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto *view = panel.findChild<QTableView *>(QStringLiteral("teachersTableView"));
    QVERIFY(view);
    auto *empty = view->findChild<QLabel *>(QStringLiteral("emptyStateLabel"));
    QVERIFY(empty);
    QTRY_VERIFY(empty->isVisible());
    QVERIFY2(empty->text().contains(QStringLiteral("No teachers yet")), qPrintable(empty->text()));
    QCOMPARE(empty->accessibleName(), empty->text());

    proto::Member m;
    m.id = 7;
    m.role = Role::Teacher;
    m.surname = QStringLiteral("Ершов");
    m.name = QStringLiteral("Фёдор");
    model.setMembers({m});
    QTRY_VERIFY(!empty->isVisible());

    // Rows there, none matching: the line says so, and goes once the search is cleared.
    auto *search = panel.findChild<QLineEdit *>(QStringLiteral("searchLineEdit"));
    QVERIFY(search);
    search->setText(QStringLiteral("nobody by this name"));
    QTRY_VERIFY(empty->isVisible());
    QVERIFY2(empty->text().contains(QStringLiteral("No one matches")), qPrintable(empty->text()));
    search->clear();
    QTRY_VERIFY(!empty->isVisible());
}

void TestDesktopFit::aClassReadsInNameOrder()
{
    client::MemberTableModel model;
    QList<proto::Member> members;
    const QStringList surnames{QStringLiteral("Яковлев"), QStringLiteral("Абрамов"), QStringLiteral("Ёлкин"),
        QStringLiteral("Иванов"), QStringLiteral("Борисов"), QStringLiteral("Егоров")};
    for (int i = 0; i < surnames.size(); ++i) {
        proto::Member m;
        m.id = i + 1;
        m.role = Role::Student;
        m.surname = surnames.at(i);
        m.name = QStringLiteral("Пётр");
        m.className = i % 2 ? QStringLiteral("5А") : QStringLiteral("10Б");
        members.append(m);
    }
    model.setMembers(members);
    ui::MemberPanel panel(&model, Role::Student);
    auto *view = panel.findChild<QTableView *>(QStringLiteral("studentsTableView"));
    QVERIFY(view);
    for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
        view->sortByColumn(client::MemberTableModel::DetailColumn, order);
        QStringList rows;
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            rows.append(view->model()->index(r, client::MemberTableModel::DetailColumn).data().toString() + u' '
                + view->model()->index(r, client::MemberTableModel::FullNameColumn).data().toString());
        }
        const QStringList fifth{
            QStringLiteral("5А Абрамов Пётр"), QStringLiteral("5А Егоров Пётр"), QStringLiteral("5А Иванов Пётр")};
        const QStringList tenth{
            QStringLiteral("10Б Борисов Пётр"), QStringLiteral("10Б Ёлкин Пётр"), QStringLiteral("10Б Яковлев Пётр")};
        // Classes in the chosen direction, names A to Я inside each (ё after е).
        QCOMPARE(rows, order == Qt::AscendingOrder ? fifth + tenth : tenth + fifth);
    }
}

void TestDesktopFit::buttonsEnabledLaterKeepTheirLabels()
{
    // The style sheet makes «Отправить отчёт» bold and wider only while it is enabled; enabled after the window was
    // laid out, the button must grow to its new text rather than cut it.
    ui::applyAppStyle(*qApp);
    QWidget window;
    auto *layout = new QHBoxLayout(&window);
    auto *text = new QLabel(QStringLiteral("A long explanation that wraps and gives way to the button beside it, "
                                           "as the report banner does at 1024×600."),
        &window);
    text->setWordWrap(true);
    auto *button = new QPushButton(QStringLiteral("Отправить отчёт"), &window);
    button->setObjectName(QStringLiteral("sendReportButton"));
    button->setEnabled(false);
    layout->addWidget(text, 1);
    layout->addWidget(button);
    window.resize(420, 80);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    button->setText(QStringLiteral("Отправить отчёт (3)"));
    // Laid out with the new text while still disabled (as when the count changes during a sync), enabled after.
    QTRY_VERIFY(button->width() >= button->sizeHint().width());
    QTest::qWait(50);
    button->setEnabled(true);
    QFont bold = button->font();
    bold.setBold(true);
    // The bold text and the style sheet's horizontal padding of the enabled state (14 px each side).
    const int needed = QFontMetrics(bold).horizontalAdvance(button->text()) + 2 * 14;
    QTRY_VERIFY2(button->width() > needed, qPrintable(QStringLiteral("%1 <= %2").arg(button->width()).arg(needed)));
    qApp->setStyleSheet(QString());
}

void TestDesktopFit::serverErrorsInTheClientsWords()
{
    QCOMPARE(ui::waitText(1), QStringLiteral("1 second(s)"));
    QCOMPARE(ui::waitText(45), QStringLiteral("45 second(s)"));
    QCOMPARE(ui::waitText(61), QStringLiteral("2 minute(s)"));
    Error locked{QString::fromLatin1(errc::AccountLocked), QStringLiteral("Too many ... 1 minute(s)"), 429, 4};
    QVERIFY2(ui::errorText(locked).contains(QStringLiteral("4 second(s)")), qPrintable(ui::errorText(locked)));
    // A 5xx never shows the server's internal sentence.
    const Error internal{QString::fromLatin1(errc::Internal), QStringLiteral("SQLITE_BUSY in members_change"), 500};
    QVERIFY(!ui::errorText(internal).contains(QStringLiteral("SQLITE")));
    // A refused field keeps the server's detail after the client's sentence.
    const Error refused{QString::fromLatin1(errc::ValidationFailed), QStringLiteral("phone: is not a telephone"), 422};
    QVERIFY(ui::errorText(refused).endsWith(QStringLiteral("phone: is not a telephone")));
}

void TestDesktopFit::overviewSaysLoadingNotAllDone()
{
    SchoolSignedIn s;
    s.signIn(false);
    if (QTest::currentTestFailed())
        return;
    client::SchoolSession &session = s.session;
    client::ApiClient &api = s.api;
    // Signed in, the lists not fetched yet, and the server slow to answer: the lists are loading.
    QTcpServer silent; // accepts and never answers
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())));
    api.setTimeout(60000);
    test::FakePrompter prompter;
    ui::MainWindow window(&session, &prompter);
    session.refresh();
    QTRY_VERIFY(session.isBusy());
    auto *dashboard = window.findChild<ui::DashboardPanel *>(QStringLiteral("dashboardPanel"));
    QVERIFY(dashboard);
    auto *attention = dashboard->findChild<QListWidget *>(QStringLiteral("attentionListWidget"));
    QVERIFY(attention);
    QTRY_VERIFY(attention->count() == 1 && attention->item(0)->text().startsWith(QStringLiteral("Loading")));
    auto *banner = window.findChild<QLabel *>(QStringLiteral("unreportedLabel"));
    QVERIFY(banner);
    QTRY_COMPARE(banner->text(), QStringLiteral("Loading…"));
    QVERIFY(!banner->text().contains(QStringLiteral("reported")));
}

void TestDesktopFit::findAndReportShortcutsInTheMainWindow()
{
    SchoolSignedIn s;
    s.signIn(true);
    if (QTest::currentTestFailed())
        return;
    client::SchoolSession &session = s.session;

    ui::DialogPrompter prompter;
    ui::MainWindow window(&session, &prompter);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    const QRect area = window.screen()->availableGeometry();
    QTRY_VERIFY(area.contains(window.frameGeometry()));

    auto *find = window.findChild<QAction *>(QStringLiteral("findAction"));
    QVERIFY(find);
    QCOMPARE(find->shortcut(), QKeySequence(QKeySequence::Find));
    find->trigger();
    auto *search = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(search);
    QCOMPARE(search->objectName(), QStringLiteral("searchLineEdit"));

    // F1: the support dialog, its phones on one line each and its e-mail a link.
    auto *support = window.findChild<QAction *>(QStringLiteral("supportAction"));
    QVERIFY(support);
    QCOMPARE(support->shortcut(), QKeySequence(QKeySequence::HelpContents));
    support->trigger();
    QDialog *supportDialog = nullptr;
    QTRY_VERIFY((supportDialog = window.findChild<QDialog *>(QStringLiteral("supportDialog"))) != nullptr
        && supportDialog->isVisible());
    auto *supportText = supportDialog->findChild<QLabel *>(QStringLiteral("supportTextLabel"));
    QVERIFY(supportText);
    QVERIFY(supportText->text().contains(QStringLiteral("8\u00A0800\u00A0550\u201163\u201173")));
    QVERIFY(supportText->text().contains(QStringLiteral("href=\"mailto:ccod@innopolis.ru\"")));
    QVERIFY(supportText->openExternalLinks());
    supportDialog->close();

    auto *report = window.findChild<QAction *>(QStringLiteral("sendReportAction"));
    QVERIFY(report);
    QCOMPARE(report->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
    QVERIFY(!report->text().isEmpty());
    QVERIFY(!report->isEnabled()); // nothing to report yet: disabled like the button
    QSignalSpy decided(&session, &client::SchoolSession::decisionsFinished);
    qint64 pendingTeacher = 0;
    for (const proto::Member &m : session.teachers()->members()) {
        if (m.status == MemberStatus::Pending) {
            pendingTeacher = m.id;
            break;
        }
    }
    QVERIFY(pendingTeacher > 0);
    session.decide({pendingTeacher}, Verdict::Approve);
    QVERIFY(decided.wait(15000));
    auto *button = window.findChild<QPushButton *>(QStringLiteral("sendReportButton"));
    QVERIFY(button);
    QTRY_COMPARE(report->isEnabled(), button->isEnabled());
}

void TestDesktopFit::signOutRemindsOfTheReport()
{
    SchoolSignedIn s;
    s.signIn(true);
    if (QTest::currentTestFailed())
        return;
    client::SchoolSession &session = s.session;
    test::FakePrompter prompter;
    ui::MainWindow window(&session, &prompter);
    QSignalSpy signOut(&window, &ui::MainWindow::signOutRequested);
    auto *button = window.findChild<QPushButton *>(QStringLiteral("signOutButton"));
    QVERIFY(button);

    button->click(); // nothing unreported: out at once, no question
    QCOMPARE(signOut.count(), 1);
    QVERIFY(prompter.confirmations.isEmpty());

    qint64 pending = 0;
    for (const proto::Member &m : session.teachers()->members()) {
        if (m.status == MemberStatus::Pending) {
            pending = m.id;
            break;
        }
    }
    QSignalSpy decided(&session, &client::SchoolSession::decisionsFinished);
    session.decide({pending}, Verdict::Approve);
    QVERIFY(decided.wait(15000));
    QTRY_COMPARE(session.unreportedDecisions(), 1);
    QTRY_COMPARE(session.queuedItems(), 0);
    prompter.confirmAnswer = false;
    button->click();
    QCOMPARE(prompter.confirmations.size(), 1);
    QVERIFY2(prompter.confirmations.first().contains(QStringLiteral("not in a report yet")),
        qPrintable(prompter.confirmations.first()));
    QCOMPARE(signOut.count(), 1); // the user stayed
    prompter.confirmAnswer = true;
    button->click();
    QCOMPARE(signOut.count(), 2);
}

QTEST_MAIN(TestDesktopFit)

#include "tst_desktopfit.moc"
