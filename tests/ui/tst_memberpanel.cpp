// The member panel (filters, select all, keyboard triage, undo, remembered column widths) and the dashboard,
// as real widgets on a session signed in to a real server module; the server is asked what happened.

#include "client/apiclient.h"
#include "client/membertablemodel.h"
#include "client/schoolsession.h"
#include "server/demoseeder.h"
#include "server/schoolstore.h"
#include "testserver.h"
#include "ui/dashboardpanel.h"
#include "ui/memberfilterproxymodel.h"
#include "ui/memberpanel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTableView>
#include <QTest>
#include <QTranslator>

#include <limits>
#include <memory>
#include <numeric>

using namespace sg;
using client::MemberTableModel;

namespace {

// A server with the demo school and a session signed in to it, both tables loaded.
struct Signed
{
    test::TestServer server;
    QNetworkAccessManager network;
    client::ApiClient api{&network};
    client::SchoolSession session{&api};

    qint64 schoolId() const { return server.demo().schoolId; }
    proto::Member onServer(qint64 id)
    {
        const auto all = server.server().schools().members(schoolId(), {Role::Student, std::nullopt});
        const auto it = std::find_if(all.begin(), all.end(), [id](const proto::Member &m) { return m.id == id; });
        return it == all.end() ? proto::Member{} : *it;
    }
};

proto::Member student(qint64 id, const QString &surname, const QString &name, const QString &patronymic,
    const QString &className, MemberStatus status = MemberStatus::Pending)
{
    proto::Member m;
    m.id = id;
    m.role = Role::Student;
    m.surname = surname;
    m.name = name;
    m.patronymic = patronymic;
    m.className = className;
    m.status = status;
    m.email = QStringLiteral("pupil%1@mail.example").arg(id);
    m.registeredAt = QDateTime::fromString(QStringLiteral("2025-09-01T09:00:00Z"), Qt::ISODate);
    m.esiaLevel = QStringLiteral("simplified");
    return m;
}

QList<proto::Member> sampleStudents()
{
    return {
        student(1, QStringLiteral("Елкин"), QStringLiteral("Иван"), QStringLiteral("Петрович"), QStringLiteral("5А")),
        student(2, QStringLiteral("Ёлкин"), QStringLiteral("Пётр"), QStringLiteral("Иванович"), QStringLiteral("5Б")),
        student(
            3, QStringLiteral("Ёлкина"), QStringLiteral("Алёна"), QStringLiteral("Сергеевна"), QStringLiteral("10А")),
        student(4, QStringLiteral("Иванов"), QStringLiteral("Семён"), QStringLiteral("Олегович"), QStringLiteral("7А")),
        student(5, QStringLiteral("Смирнова"), QStringLiteral("Мария"), QString(), QStringLiteral("2Б"),
            MemberStatus::Approved),
    };
}

QStringList demoClasses()
{
    QStringList classes;
    for (int grade = 1; grade <= 11; ++grade) {
        for (const QString &letter : {QStringLiteral("А"), QStringLiteral("Б")})
            classes.append(QString::number(grade) + letter);
    }
    return classes;
}

ui::StatusCounts countsOf(const QList<proto::Member> &members, const QString &className = {})
{
    ui::StatusCounts c;
    for (const proto::Member &m : members) {
        if (!className.isEmpty() && m.className != className)
            continue;
        switch (m.status) {
        case MemberStatus::Approved: ++c.approved; break;
        case MemberStatus::Rejected: ++c.rejected; break;
        case MemberStatus::Pending: ++c.pending; break;
        default: ++c.other; break;
        }
    }
    return c;
}

QList<qint64> idsOfRows(const QAbstractItemModel *model, const QList<int> &rows)
{
    QList<qint64> ids;
    for (int row : rows)
        ids.append(model->index(row, 0).data(MemberTableModel::IdRole).toLongLong());
    return ids;
}

MemberStatus statusOfRow(const QAbstractItemModel *model, int row)
{
    return MemberStatus(model->index(row, 0).data(MemberTableModel::StatusRole).toInt());
}

using Attention = ui::DashboardPanel::Attention;

// QTest::keyClicks() knows only Latin-1 keys: type Cyrillic as key events carrying the text.
void typeText(QWidget *widget, const QString &text)
{
    for (const QChar c : text)
        QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, QString(c), Qt::NoModifier);
}

int kindOf(const QListWidget *list, int row)
{
    const QListWidgetItem *item = list->item(row);
    return item ? item->data(ui::DashboardPanel::AttentionRole).toInt() : -1;
}

void selectRows(QTableView *view, int first, int last)
{
    QAbstractItemModel *model = view->model();
    view->selectionModel()->select(QItemSelection(model->index(first, 0), model->index(last, model->columnCount() - 1)),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view->selectionModel()->setCurrentIndex(model->index(last, 0), QItemSelectionModel::NoUpdate);
}

} // namespace

class TestMemberPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void classFilterShowsOnlyThatClass();
    void classListFollowsModelReset();
    void searchFoldsYo_data();
    void searchFoldsYo();
    void searchFieldFindsBothSpellings();
    void selectAllSelectsExactlyTheShownRows();
    void tableKeys_data();
    void tableKeys();
    void ctrlEnterApprovesAndMovesToNextPending();
    void undoRestoresPendingOnServer();
    void dashboardMatchesModel();
    void dashboardCoalescesBursts();
    void dashboardFlagsUnconfirmedDirector();
    void dashboardTellsTeacherTheSchoolReports();
    void dashboardGivesTheApplicationAddress();
    void proxyPassesModelTester();
    void columnWidthsSurviveRecreation();
    void screenshots();

private:
    static void start(std::unique_ptr<Signed> &out, const char *login = server::DemoSeeder::kSchoolLogin);
};

void TestMemberPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // settings go to a test location, never the user's
    QSettings().remove(QStringLiteral("tables"));
}

void TestMemberPanel::start(std::unique_ptr<Signed> &out, const char *login)
{
    out = std::make_unique<Signed>();
    QVERIFY2(out->server.isValid(), qPrintable(out->server.errorString()));
    out->api.setBaseUrl(out->server.url());
    QSignalSpy signedIn(&out->session, &client::SchoolSession::signedIn);
    out->session.signIn(QString::fromLatin1(login), test::TestServer::kPassword);
    QVERIFY(signedIn.wait(15000));
    out->session.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!out->session.isBusy() && out->session.school().has_value(), 15000);
}

void TestMemberPanel::classFilterShowsOnlyThatClass()
{
    std::unique_ptr<Signed> s;
    start(s);
    if (QTest::currentTestFailed())
        return;
    MemberTableModel *model = s->session.students();
    QCOMPARE(model->rowCount(), s->server.demo().students);

    ui::MemberPanel panel(model, Role::Student);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto *classes = panel.findChild<QComboBox *>(QStringLiteral("classFilterComboBox"));
    QVERIFY(classes);
    QVERIFY(classes->isVisible());
    QVERIFY(!classes->accessibleName().isEmpty());

    // "All" first, then the classes by grade and letter (not "10А" before "1Б").
    QStringList items;
    for (int i = 1; i < classes->count(); ++i)
        items.append(classes->itemText(i));
    QCOMPARE(items, demoClasses());
    QCOMPARE(classes->currentIndex(), 0);

    const int in5A = countsOf(model->members(), QStringLiteral("5А")).total();
    QVERIFY(in5A > 0 && in5A < model->rowCount());
    classes->setCurrentIndex(classes->findText(QStringLiteral("5А")));
    QCOMPARE(panel.proxy()->rowCount(), in5A);
    for (int row = 0; row < panel.proxy()->rowCount(); ++row)
        QCOMPARE(panel.proxy()->index(row, 0).data(MemberTableModel::ClassRole).toString(), QStringLiteral("5А"));
    QCOMPARE(panel.findChild<QLabel *>(QStringLiteral("countLabel"))->text(), QStringLiteral("%1 shown").arg(in5A));

    // The class filter combines with the status filter.
    auto *status = panel.findChild<QComboBox *>(QStringLiteral("statusFilterComboBox"));
    status->setCurrentIndex(status->findData(int(MemberStatus::Approved)));
    QCOMPARE(panel.proxy()->rowCount(), 0); // no demo student is approved yet
    status->setCurrentIndex(0);

    QVERIFY(panel.setClassFilter(QString()));
    QCOMPARE(panel.proxy()->rowCount(), model->rowCount());
    QVERIFY(!panel.setClassFilter(QStringLiteral("12В")));

    // Teachers are not in classes: no class filter for them.
    ui::MemberPanel teachers(s->session.teachers(), Role::Teacher);
    teachers.show();
    QVERIFY(teachers.findChild<QComboBox *>(QStringLiteral("classFilterComboBox"))->isHidden());
    // The detail column is named after what it holds.
    QCOMPARE(panel.view()->model()->headerData(MemberTableModel::DetailColumn, Qt::Horizontal).toString(),
        QStringLiteral("Class"));
    QCOMPARE(teachers.view()->model()->headerData(MemberTableModel::DetailColumn, Qt::Horizontal).toString(),
        QStringLiteral("Subject"));
}

void TestMemberPanel::classListFollowsModelReset()
{
    MemberTableModel model;
    model.setMembers(sampleStudents());
    ui::MemberPanel panel(&model, Role::Student);
    auto *classes = panel.findChild<QComboBox *>(QStringLiteral("classFilterComboBox"));
    QCOMPARE(classes->count(), 6);
    QCOMPARE(classes->itemText(1), QStringLiteral("2Б"));
    QCOMPARE(classes->itemText(5), QStringLiteral("10А"));
    QVERIFY(panel.setClassFilter(QStringLiteral("5А")));
    QCOMPARE(panel.proxy()->rowCount(), 1);

    // Reloaded with 5А still there: the choice stays.
    QList<proto::Member> fewer = sampleStudents();
    fewer.removeAt(1); // 5Б
    model.setMembers(fewer);
    QCOMPARE(classes->count(), 5);
    QCOMPARE(classes->currentText(), QStringLiteral("5А"));
    QCOMPARE(panel.proxy()->rowCount(), 1);

    // Reloaded without 5А: back to all classes rather than an empty table.
    fewer.removeAt(0);
    model.setMembers(fewer);
    QCOMPARE(classes->currentIndex(), 0);
    QCOMPARE(panel.proxy()->classFilter(), QString());
    QCOMPARE(panel.proxy()->rowCount(), 3);
}

void TestMemberPanel::searchFoldsYo_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<qint64>>("ids");
    const QList<qint64> elkins{1, 2, 3};
    QTest::newRow("ё finds е and ё") << QStringLiteral("ёлкин") << elkins;
    QTest::newRow("е finds е and ё") << QStringLiteral("елкин") << elkins;
    QTest::newRow("capital Ё") << QStringLiteral("ЁЛКИН") << elkins;
    QTest::newRow("capital Е") << QStringLiteral("Елкин") << elkins;
    QTest::newRow("ё in the name") << QStringLiteral("пётр") << QList<qint64>{1, 2}; // Пётр, Петрович
    QTest::newRow("е for ё in the name") << QStringLiteral("алена") << QList<qint64>{3};
    QTest::newRow("surname and class") << QStringLiteral("ёлкин 5б") << QList<qint64>{2};
    QTest::newRow("words in any order") << QStringLiteral("  семен   иванов ") << QList<qint64>{4};
    QTest::newRow("class alone") << QStringLiteral("10а") << QList<qint64>{3};
    QTest::newRow("nothing") << QStringLiteral("елкинд") << QList<qint64>{};
    QTest::newRow("empty shows all") << QString() << QList<qint64>{1, 2, 3, 4, 5};
}

void TestMemberPanel::searchFoldsYo()
{
    QFETCH(QString, text);
    QFETCH(QList<qint64>, ids);
    MemberTableModel model;
    ui::MemberFilterProxyModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    model.setMembers(sampleStudents());
    proxy.setSearchText(text);
    QList<qint64> found;
    for (int row = 0; row < proxy.rowCount(); ++row)
        found.append(proxy.index(row, 0).data(MemberTableModel::IdRole).toLongLong());
    std::sort(found.begin(), found.end());
    QCOMPARE(found, ids);
}

void TestMemberPanel::searchFieldFindsBothSpellings()
{
    std::unique_ptr<Signed> s;
    start(s);
    if (QTest::currentTestFailed())
        return;
    MemberTableModel *model = s->session.students();
    // The demo has Ёлкин/Ёлкина; count them the slow, obvious way.
    int expected = 0;
    for (const proto::Member &m : model->members()) {
        QString name = m.fullName().toLower();
        name.replace(QChar(0x0451), QChar(0x0435));
        expected += name.contains(QStringLiteral("елкин")) ? 1 : 0;
    }
    QVERIFY(expected > 0);

    ui::MemberPanel panel(model, Role::Student);
    auto *search = panel.findChild<QLineEdit *>(QStringLiteral("searchLineEdit"));
    QVERIFY(search);
    for (const QString &typed : {QStringLiteral("ёлкин"), QStringLiteral("елкин"), QStringLiteral("ЁЛКИН")}) {
        search->clear();
        typeText(search, typed);
        QCOMPARE(panel.proxy()->rowCount(), expected);
        for (int row = 0; row < panel.proxy()->rowCount(); ++row) {
            const QString name = panel.proxy()->index(row, MemberTableModel::FullNameColumn).data().toString();
            QVERIFY2(name.contains(QStringLiteral("лкин"), Qt::CaseInsensitive), qPrintable(name));
        }
    }
}

void TestMemberPanel::selectAllSelectsExactlyTheShownRows()
{
    std::unique_ptr<Signed> s;
    start(s);
    if (QTest::currentTestFailed())
        return;
    MemberTableModel *model = s->session.students();
    ui::MemberPanel panel(model, Role::Student);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(panel.setClassFilter(QStringLiteral("5А")));
    const int shown = panel.proxy()->rowCount();
    QVERIFY(shown > 1 && shown < model->rowCount());
    QList<int> allRows(shown);
    std::iota(allRows.begin(), allRows.end(), 0);
    const QList<qint64> shownIds = idsOfRows(panel.proxy(), allRows);

    auto *selectAll = panel.findChild<QPushButton *>(QStringLiteral("selectAllButton"));
    auto *approve = panel.findChild<QPushButton *>(QStringLiteral("approveButton"));
    QVERIFY(selectAll && approve);
    QVERIFY(selectAll->isEnabled());
    QVERIFY(!approve->isEnabled());
    QSignalSpy selectionChanges(panel.view()->selectionModel(), &QItemSelectionModel::selectionChanged);
    QTest::mouseClick(selectAll, Qt::LeftButton);
    QCOMPARE(selectionChanges.count(), 1); // one selection, not one per row
    QCOMPARE(panel.view()->selectionModel()->selection().size(), 1);
    QCOMPARE(panel.selectedIds(), shownIds);
    for (qint64 id : panel.selectedIds())
        QCOMPARE(model->memberById(id)->className, QStringLiteral("5А"));
    QCOMPARE(approve->text(), QStringLiteral("Approve (%1)").arg(shown));
    QVERIFY(approve->isEnabled());

    // Narrowed further by a search, Ctrl+A in the table selects only what is left.
    auto *search = panel.findChild<QLineEdit *>(QStringLiteral("searchLineEdit"));
    const QString firstSurname = model->memberById(shownIds.first())->surname;
    search->setText(firstSurname);
    const int narrowed = panel.proxy()->rowCount();
    QVERIFY(narrowed >= 1 && narrowed < shown);
    panel.view()->clearSelection();
    QTest::keyClick(panel.view(), Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(panel.selectedIds().size(), narrowed);
    QCOMPARE(approve->text(), QStringLiteral("Approve (%1)").arg(narrowed));
}

void TestMemberPanel::tableKeys_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("modifiers");
    QTest::addColumn<int>("approvals");
    QTest::addColumn<int>("rejections");
    QTest::addColumn<int>("undos");
    QTest::newRow("Ctrl+Return") << int(Qt::Key_Return) << int(Qt::ControlModifier) << 1 << 0 << 0;
    QTest::newRow("Ctrl+keypad Enter") << int(Qt::Key_Enter) << int(Qt::ControlModifier | Qt::KeypadModifier) << 1 << 0
                                       << 0;
    QTest::newRow("+") << int(Qt::Key_Plus) << int(Qt::ShiftModifier) << 1 << 0 << 0;
    QTest::newRow("keypad +") << int(Qt::Key_Plus) << int(Qt::KeypadModifier) << 1 << 0 << 0;
    QTest::newRow("Delete") << int(Qt::Key_Delete) << int(Qt::NoModifier) << 0 << 1 << 0;
    QTest::newRow("-") << int(Qt::Key_Minus) << int(Qt::NoModifier) << 0 << 1 << 0;
    QTest::newRow("Ctrl+Z") << int(Qt::Key_Z) << int(Qt::ControlModifier) << 0 << 0 << 1;
    QTest::newRow("Return alone") << int(Qt::Key_Return) << int(Qt::NoModifier) << 0 << 0 << 0;
    QTest::newRow("Ctrl+minus (zoom)") << int(Qt::Key_Minus) << int(Qt::ControlModifier) << 0 << 0 << 0;
    QTest::newRow("Shift+Delete") << int(Qt::Key_Delete) << int(Qt::ShiftModifier) << 0 << 0 << 0;
}

void TestMemberPanel::tableKeys()
{
    QFETCH(int, key);
    QFETCH(int, modifiers);
    QFETCH(int, approvals);
    QFETCH(int, rejections);
    QFETCH(int, undos);
    MemberTableModel model;
    model.setMembers(sampleStudents());
    ui::MemberPanel panel(&model, Role::Student);
    panel.setUndoAvailable(true, 3);
    selectRows(panel.view(), 0, 0);
    QSignalSpy approved(&panel, &ui::MemberPanel::approveRequested);
    QSignalSpy rejected(&panel, &ui::MemberPanel::rejectRequested);
    QSignalSpy undo(&panel, &ui::MemberPanel::undoRequested);
    QTest::keyClick(panel.view(), Qt::Key(key), Qt::KeyboardModifiers::fromInt(modifiers));
    QCOMPARE(approved.count(), approvals);
    QCOMPARE(rejected.count(), rejections);
    QCOMPARE(undo.count(), undos);
    if (approvals + rejections > 0) {
        const QList<qint64> ids = (approvals ? approved : rejected).first().at(0).value<QList<qint64>>();
        QCOMPARE(ids, idsOfRows(panel.proxy(), {0}));
    }

    // Locked (or busy): the keys do nothing.
    panel.setLocked(QStringLiteral("Director not confirmed"));
    panel.setUndoAvailable(false, 0);
    QTest::keyClick(panel.view(), Qt::Key(key), Qt::KeyboardModifiers::fromInt(modifiers));
    QCOMPARE(approved.count(), approvals);
    QCOMPARE(rejected.count(), rejections);
    QCOMPARE(undo.count(), undos);
}

void TestMemberPanel::ctrlEnterApprovesAndMovesToNextPending()
{
    std::unique_ptr<Signed> s;
    start(s);
    if (QTest::currentTestFailed())
        return;
    client::SchoolSession &session = s->session;
    ui::MemberPanel panel(session.students(), Role::Student);
    // As MainWindow does: the panel asks, the session decides.
    connect(&panel, &ui::MemberPanel::approveRequested, &session,
        [&session](const QList<qint64> &ids) { session.decide(ids, Verdict::Approve); });
    QString reason = QStringLiteral("Не учится в школе"); // empty: the user cancelled the reason question
    connect(&panel, &ui::MemberPanel::rejectRequested, &session, [&session, &reason](const QList<qint64> &ids) {
        if (!reason.isEmpty())
            session.decide(ids, Verdict::Reject, reason);
    });
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(panel.setClassFilter(QStringLiteral("5А")));
    QTableView *view = panel.view();
    const QAbstractItemModel *rows = panel.proxy();
    QVERIFY(rows->rowCount() >= 8);
    const QList<qint64> ids = idsOfRows(rows, {0, 1, 2, 3, 4, 5});

    // Row 2 is decided beforehand: going on from rows 0-1 must skip it.
    QSignalSpy decided(&session, &client::SchoolSession::decisionsFinished);
    session.decide({ids.at(2)}, Verdict::Approve);
    QVERIFY(decided.wait(15000));
    QCOMPARE(toString(statusOfRow(rows, 2)), toString(MemberStatus::Approved));
    decided.clear();

    selectRows(view, 0, 1);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(view->selectionModel()->currentIndex().row(), 3);
    QCOMPARE(panel.selectedIds(), QList<qint64>{ids.at(3)});
    QVERIFY(rows->index(0, 0).data(MemberTableModel::PendingSyncRole).toBool()); // sent, not answered yet
    QVERIFY(decided.wait(15000));
    QCOMPARE(decided.first().at(0).toInt(), 2);
    QCOMPARE(toString(s->onServer(ids.at(0)).status), toString(MemberStatus::Approved));
    QCOMPARE(toString(s->onServer(ids.at(1)).status), toString(MemberStatus::Approved));
    QCOMPARE(toString(s->onServer(ids.at(3)).status), toString(MemberStatus::Pending));
    decided.clear();

    // "+" approves the selected row and goes on.
    QTest::keyClick(view, Qt::Key_Plus);
    QCOMPARE(view->selectionModel()->currentIndex().row(), 4);
    QVERIFY(decided.wait(15000));
    QCOMPARE(toString(s->onServer(ids.at(3)).status), toString(MemberStatus::Approved));
    decided.clear();

    // Delete rejects (with the reason asked by the window) and goes on.
    QTest::keyClick(view, Qt::Key_Delete);
    QCOMPARE(view->selectionModel()->currentIndex().row(), 5);
    QVERIFY(decided.wait(15000));
    const proto::Member rejected = s->onServer(ids.at(4));
    QCOMPARE(toString(rejected.status), toString(MemberStatus::Rejected));
    QCOMPARE(rejected.reason, reason);

    // A cancelled question decides nothing and leaves the selection where it was.
    reason.clear();
    QSignalSpy asked(&panel, &ui::MemberPanel::rejectRequested);
    QTest::keyClick(view, Qt::Key_Minus);
    QCOMPARE(asked.count(), 1);
    QCOMPARE(view->selectionModel()->currentIndex().row(), 5);
    QCOMPARE(panel.selectedIds(), QList<qint64>{ids.at(5)});
    QCOMPARE(toString(s->onServer(ids.at(5)).status), toString(MemberStatus::Pending));

    // The buttons say which keys do this.
    QVERIFY(panel.findChild<QPushButton *>(QStringLiteral("approveButton"))
                ->toolTip()
                .contains(QStringLiteral("Ctrl+Enter")));
    QVERIFY(
        panel.findChild<QPushButton *>(QStringLiteral("rejectButton"))->toolTip().contains(QStringLiteral("Delete")));
}

void TestMemberPanel::undoRestoresPendingOnServer()
{
    std::unique_ptr<Signed> s;
    start(s);
    if (QTest::currentTestFailed())
        return;
    client::SchoolSession &session = s->session;
    ui::MemberPanel panel(session.students(), Role::Student);
    // The wiring MainWindow needs.
    connect(&panel, &ui::MemberPanel::approveRequested, &session,
        [&session](const QList<qint64> &ids) { session.decide(ids, Verdict::Approve); });
    const auto syncUndo = [&panel, &session] { panel.setUndoAvailable(session.canUndo(), session.undoSize()); };
    connect(&session, &client::SchoolSession::undoAvailableChanged, &panel, syncUndo);
    connect(&session, &client::SchoolSession::decisionsFinished, &panel, syncUndo); // a new batch replaces the last
    connect(&panel, &ui::MemberPanel::undoRequested, &session, &client::SchoolSession::undoLastBatch);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));

    auto *undo = panel.findChild<QPushButton *>(QStringLiteral("undoButton"));
    QVERIFY(undo);
    QVERIFY(!undo->isEnabled());
    QCOMPARE(undo->text(), QStringLiteral("Undo"));

    QVERIFY(panel.setClassFilter(QStringLiteral("5А")));
    const QList<qint64> ids = idsOfRows(panel.proxy(), {0, 1});
    selectRows(panel.view(), 0, 1);
    QSignalSpy decided(&session, &client::SchoolSession::decisionsFinished);
    QTest::keyClick(panel.view(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(decided.wait(15000));
    QCOMPARE(toString(s->onServer(ids.at(0)).status), toString(MemberStatus::Approved));
    QCOMPARE(toString(s->onServer(ids.at(1)).status), toString(MemberStatus::Approved));
    QVERIFY(undo->isEnabled());
    QCOMPARE(undo->text(), QStringLiteral("Undo (2)"));

    // Undo takes the same path as a decision: the reverts are queued (and shown) at once, then sent.
    QSignalSpy undone(&session, &client::SchoolSession::batchUndone);
    QTest::mouseClick(undo, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(undone.size(), 1, 15000);
    QCOMPARE(undone.first().at(0).toInt(), 2);
    QCOMPARE(undone.first().at(1).toInt(), 0);
    for (qint64 id : ids) {
        QCOMPARE(toString(session.students()->memberById(id)->status), toString(MemberStatus::Pending));
        QTRY_COMPARE_WITH_TIMEOUT(toString(s->onServer(id).status), toString(MemberStatus::Pending), 15000);
    }
    QTRY_VERIFY_WITH_TIMEOUT(session.queuedItems() == 0, 15000);
    QVERIFY(!undo->isEnabled());
    QCOMPARE(undo->text(), QStringLiteral("Undo"));

    // Ctrl+Z in the table does the same.
    selectRows(panel.view(), 0, 0);
    decided.clear();
    QTest::keyClick(panel.view(), Qt::Key_Plus);
    QVERIFY(decided.wait(15000));
    QCOMPARE(undo->text(), QStringLiteral("Undo (1)"));
    undone.clear();
    QTest::keyClick(panel.view(), Qt::Key_Z, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(undone.size(), 1, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(toString(s->onServer(ids.at(0)).status), toString(MemberStatus::Pending), 15000);
}

void TestMemberPanel::dashboardMatchesModel()
{
    std::unique_ptr<Signed> s;
    start(s);
    if (QTest::currentTestFailed())
        return;
    client::SchoolSession &session = s->session;
    ui::DashboardPanel dashboard(&session);
    QCOMPARE(dashboard.objectName(), QStringLiteral("dashboardPanel"));
    dashboard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dashboard));

    const ui::StatusCounts teachers = countsOf(session.teachers()->members());
    QVERIFY(teachers.approved > 0 && teachers.rejected > 0 && teachers.pending > 0); // the demo has all three
    QCOMPARE(dashboard.counts(Role::Teacher).approved, teachers.approved);
    QCOMPARE(dashboard.counts(Role::Teacher).rejected, teachers.rejected);
    QCOMPARE(dashboard.counts(Role::Teacher).pending, teachers.pending);
    QCOMPARE(dashboard.counts(Role::Teacher).total(), s->server.demo().teachers);
    QCOMPARE(dashboard.counts(Role::Student).pending, s->server.demo().students);

    QStringList classNames;
    for (const auto &c : dashboard.classCounts())
        classNames.append(c.className);
    QCOMPARE(classNames, demoClasses());

    // Decide in 5А: three approved, two rejected.
    MemberTableModel *students = session.students();
    QList<qint64> in5A;
    for (const proto::Member &m : students->members()) {
        if (m.className == QStringLiteral("5А"))
            in5A.append(m.id);
    }
    QVERIFY(in5A.size() > 5);
    QSignalSpy decided(&session, &client::SchoolSession::decisionsFinished);
    session.decide(in5A.mid(0, 3), Verdict::Approve);
    QVERIFY(decided.wait(15000));
    session.decide(in5A.mid(3, 2), Verdict::Reject, QStringLiteral("Не учится в школе"));
    QVERIFY(decided.wait(15000));

    // Recomputed on the next event loop turn after the last change.
    QTRY_COMPARE(dashboard.counts(Role::Student).rejected, 2);
    QCOMPARE(dashboard.counts(Role::Student).approved, 3);
    QCOMPARE(dashboard.counts(Role::Student).pending, s->server.demo().students - 5);
    for (const auto &c : dashboard.classCounts()) {
        const ui::StatusCounts expected = countsOf(students->members(), c.className);
        QVERIFY2(c.counts == expected, qPrintable(c.className));
    }
    const auto fifth = std::find_if(dashboard.classCounts().begin(), dashboard.classCounts().end(),
        [](const auto &c) { return c.className == QStringLiteral("5А"); });
    QCOMPARE(fifth->counts.approved, 3);
    QCOMPARE(fifth->counts.rejected, 2);
    QCOMPARE(fifth->counts.pending, int(in5A.size()) - 5);

    // Needs attention: unreported decisions first, then teachers, then classes with the most pending first.
    auto *attention = dashboard.findChild<QListWidget *>(QStringLiteral("attentionListWidget"));
    QVERIFY(attention);
    QTRY_COMPARE(kindOf(attention, 0), int(Attention::Unreported));
    QVERIFY2(attention->item(0)->text().contains(QStringLiteral("5 decision")), qPrintable(attention->item(0)->text()));
    QCOMPARE(kindOf(attention, 1), int(Attention::PendingTeachers));
    QVERIFY(attention->item(1)->text().contains(QString::number(teachers.pending)));
    int previous = std::numeric_limits<int>::max();
    int classItems = 0;
    for (int i = 2; i < attention->count(); ++i) {
        const QString className = attention->item(i)->data(ui::DashboardPanel::ClassNameRole).toString();
        const int pending = countsOf(students->members(), className).pending;
        QCOMPARE(kindOf(attention, i), int(Attention::PendingClass));
        QVERIFY2(pending <= previous, qPrintable(className));
        QVERIFY(attention->item(i)->text().startsWith(className + QLatin1Char(':')));
        previous = pending;
        ++classItems;
    }
    QCOMPARE(classItems, 22);
    for (int i = 0; i < attention->count(); ++i)
        QVERIFY(kindOf(attention, i) != int(Attention::DirectorNotConfirmed));

    // The chart says the numbers out loud too, and an attention item opens its class.
    QVERIFY(dashboard.chart()->accessibleDescription().contains(QStringLiteral("5А: 3 approved, 2 rejected")));
    QSignalSpy open(&dashboard, &ui::DashboardPanel::showMembersRequested);
    const QString topClass = attention->item(2)->data(ui::DashboardPanel::ClassNameRole).toString();
    emit attention->itemActivated(attention->item(2));
    QCOMPARE(open.count(), 1);
    QCOMPARE(toString(open.first().at(0).value<Role>()), toString(Role::Student));
    QCOMPARE(open.first().at(1).toString(), topClass);
}

void TestMemberPanel::dashboardCoalescesBursts()
{
    std::unique_ptr<Signed> s;
    start(s);
    if (QTest::currentTestFailed())
        return;
    ui::DashboardPanel dashboard(&s->session);
    QTRY_COMPARE(dashboard.counts(Role::Student).total(), s->server.demo().students);
    QCoreApplication::processEvents();
    const int before = dashboard.recomputeCount();

    // Every other student: hundreds of separate dataChanged signals in one go.
    MemberTableModel *students = s->session.students();
    QList<qint64> everyOther;
    for (int i = 0; i < students->rowCount(); i += 2)
        everyOther.append(students->members().at(i).id);
    QSignalSpy changes(students, &QAbstractItemModel::dataChanged);
    students->setPendingSync(everyOther, true);
    QVERIFY(changes.count() > 100);
    QCOMPARE(dashboard.recomputeCount(), before); // not while the burst is going on
    QTRY_COMPARE(dashboard.recomputeCount(), before + 1);
    QCoreApplication::processEvents();
    QCOMPARE(dashboard.recomputeCount(), before + 1);
}

// The school sends the reports: a teacher's overview says what happens to his decisions and never asks him to send
// a report, which he cannot.
// The school sees where its teachers and students apply, and copies the address; only when the server has an address
// others can reach (a loopback one would not work on anyone else's computer).
void TestMemberPanel::dashboardGivesTheApplicationAddress()
{
    {
        std::unique_ptr<Signed> s;
        start(s);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(s->session.school()->applyUrl.isEmpty());
        ui::DashboardPanel dashboard(&s->session);
        dashboard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
        auto *label = dashboard.findChild<QLabel *>(QStringLiteral("applyLinkLabel"));
        QVERIFY(label);
        QVERIFY(!label->isVisible());
    }
    test::TestServer::Options options;
    options.adjust = [](server::ServerOptions &o) { o.publicUrl = QUrl(QStringLiteral("https://school.example.ru/")); };
    test::TestServer server(options);
    QVERIFY2(server.isValid(), qPrintable(server.errorString()));
    QNetworkAccessManager network;
    client::ApiClient api(&network);
    api.setBaseUrl(server.url());
    client::SchoolSession session(&api);
    QSignalSpy signedIn(&session, &client::SchoolSession::signedIn);
    session.signIn(QString::fromLatin1(server::DemoSeeder::kSchoolLogin), test::TestServer::kPassword);
    QVERIFY(signedIn.wait(15000));
    session.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!session.isBusy() && session.school().has_value(), 15000);
    const QString expected = QStringLiteral("https://school.example.ru/api/v1/apply/%1").arg(server.demo().schoolId);
    QCOMPARE(session.school()->applyUrl, expected);
    ui::DashboardPanel dashboard(&session);
    dashboard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
    auto *label = dashboard.findChild<QLabel *>(QStringLiteral("applyLinkLabel"));
    auto *copy = dashboard.findChild<QPushButton *>(QStringLiteral("copyApplyLinkButton"));
    QVERIFY(label && copy);
    QTRY_VERIFY(label->isVisible());
    QVERIFY(label->text().contains(expected));
    QVERIFY(label->accessibleName().contains(expected));
    QGuiApplication::clipboard()->clear();
    QTest::mouseClick(copy, Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), expected);
}

void TestMemberPanel::dashboardTellsTeacherTheSchoolReports()
{
    std::unique_ptr<Signed> s;
    start(s, server::DemoSeeder::kTeacherLogin);
    if (QTest::currentTestFailed())
        return;
    client::SchoolSession &session = s->session;
    QVERIFY(session.user() && session.user()->role == Role::Teacher);
    ui::DashboardPanel dashboard(&session);
    dashboard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
    QList<qint64> pending;
    for (const proto::Member &m : session.students()->members()) {
        if (m.status == MemberStatus::Pending && pending.size() < 2)
            pending.append(m.id);
    }
    QCOMPARE(pending.size(), 2);
    QSignalSpy decided(&session, &client::SchoolSession::decisionsFinished);
    session.decide(pending, Verdict::Approve);
    QVERIFY(decided.wait(15000));
    QTRY_COMPARE(session.unreportedDecisions(), 2);

    auto *attention = dashboard.findChild<QListWidget *>(QStringLiteral("attentionListWidget"));
    QVERIFY(attention);
    QTRY_VERIFY(attention->count() > 0
        && attention->item(0)->text().contains(QStringLiteral("the school includes them in its next report")));
    QVERIFY2(
        attention->item(0)->text().startsWith(QStringLiteral("2 decision")), qPrintable(attention->item(0)->text()));
    for (int i = 0; i < attention->count(); ++i) {
        QVERIFY(kindOf(attention, i) != int(Attention::Unreported));
        QVERIFY2(!attention->item(i)->text().contains(QStringLiteral("Send a report")),
            qPrintable(attention->item(i)->text()));
    }
    QSignalSpy report(&dashboard, &ui::DashboardPanel::reportRequested);
    emit attention->itemActivated(attention->item(0));
    QCOMPARE(report.count(), 0);
}

void TestMemberPanel::dashboardFlagsUnconfirmedDirector()
{
    std::unique_ptr<Signed> s;
    start(s, server::DemoSeeder::kLyceumLogin);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(s->session.school()->directorStatus != QStringLiteral("confirmed"));
    ui::DashboardPanel dashboard(&s->session);
    auto *attention = dashboard.findChild<QListWidget *>(QStringLiteral("attentionListWidget"));
    QTRY_VERIFY(attention->count() > 0 && kindOf(attention, 0) == int(Attention::DirectorNotConfirmed));
    QCOMPARE(dashboard.counts(Role::Teacher).pending, s->session.teachers()->rowCount());
    QVERIFY(dashboard.counts(Role::Teacher).pending > 0);
    QCOMPARE(dashboard.counts(Role::Student).total(), 0);
    QSignalSpy director(&dashboard, &ui::DashboardPanel::directorRequested);
    emit attention->itemActivated(attention->item(0));
    QCOMPARE(director.count(), 1);
}

void TestMemberPanel::proxyPassesModelTester()
{
    std::unique_ptr<Signed> s;
    start(s);
    if (QTest::currentTestFailed())
        return;
    client::SchoolSession &session = s->session;
    ui::MemberPanel panel(session.students(), Role::Student);
    QAbstractItemModelTester tester(panel.proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    connect(&panel, &ui::MemberPanel::approveRequested, &session,
        [&session](const QList<qint64> &ids) { session.decide(ids, Verdict::Approve); });
    const int all = session.students()->rowCount();

    // Pending 5А only; approving rows makes them leave the proxy while the tester watches.
    auto *status = panel.findChild<QComboBox *>(QStringLiteral("statusFilterComboBox"));
    status->setCurrentIndex(status->findData(int(MemberStatus::Pending)));
    QVERIFY(panel.setClassFilter(QStringLiteral("5А")));
    const int pending5A = panel.proxy()->rowCount();
    QVERIFY(pending5A > 3);
    panel.selectAllShown();
    selectRows(panel.view(), 0, 2);
    QSignalSpy decided(&session, &client::SchoolSession::decisionsFinished);
    QTest::keyClick(panel.view(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(decided.wait(15000));
    QCOMPARE(panel.proxy()->rowCount(), pending5A - 3);

    const QString surname = panel.proxy()->index(0, 0).data().toString().section(QLatin1Char(' '), 0, 0);
    panel.findChild<QLineEdit *>(QStringLiteral("searchLineEdit"))->setText(surname);
    QVERIFY(panel.proxy()->rowCount() > 0);
    QVERIFY(panel.proxy()->rowCount() < pending5A - 3);
    panel.view()->sortByColumn(MemberTableModel::RegisteredColumn, Qt::DescendingOrder);
    panel.findChild<QLineEdit *>(QStringLiteral("searchLineEdit"))->clear();
    QVERIFY(panel.setClassFilter(QString()));
    status->setCurrentIndex(0);
    QCOMPARE(panel.proxy()->rowCount(), all);

    // A reload resets the source under the proxy.
    session.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!session.isBusy(), 15000);
    QCOMPARE(panel.proxy()->rowCount(), all);
}

void TestMemberPanel::columnWidthsSurviveRecreation()
{
    MemberTableModel model;
    model.setMembers(sampleStudents());
    QTableView probe; // reads a saved state back, as a new panel would
    probe.setModel(&model);
    const auto savedWidth = [&probe](const QString &key, int column) {
        const QByteArray state = QSettings().value(key).toByteArray();
        return !state.isEmpty() && probe.horizontalHeader()->restoreState(state)
            ? probe.horizontalHeader()->sectionSize(column)
            : -1;
    };
    QTableView named;
    named.setObjectName(QStringLiteral("studentsTableView"));
    const QString key = ui::MemberPanel::headerSettingsKey(&named);
    QCOMPARE(key, QStringLiteral("tables/studentsTableView/header"));
    QSettings().remove(key);

    {
        ui::MemberPanel panel(&model, Role::Student);
        panel.resize(1100, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QHeaderView *header = panel.view()->horizontalHeader();
        QVERIFY(header->sectionSize(MemberTableModel::EmailColumn) != 321);
        header->resizeSection(MemberTableModel::EmailColumn, 321);
        header->resizeSection(MemberTableModel::StatusColumn, 177);
        // Saved a moment after the drag, while the panel is still open.
        QTRY_COMPARE(savedWidth(key, MemberTableModel::EmailColumn), 321);
        header->resizeSection(MemberTableModel::EsiaLevelColumn, 99); // saved when the panel closes
    }
    {
        ui::MemberPanel panel(&model, Role::Student);
        QHeaderView *header = panel.view()->horizontalHeader();
        QCOMPARE(header->sectionSize(MemberTableModel::EmailColumn), 321);
        QCOMPARE(header->sectionSize(MemberTableModel::StatusColumn), 177);
        QCOMPARE(header->sectionSize(MemberTableModel::EsiaLevelColumn), 99);
    }
    // The teachers' table keeps its own widths.
    QSettings().remove(QStringLiteral("tables/teachersTableView/header"));
    ui::MemberPanel teachers(&model, Role::Teacher);
    QCOMPARE(teachers.view()->horizontalHeader()->sectionSize(MemberTableModel::EmailColumn), 200);
}

// With SG_SCREENSHOT_DIR set, saves the panel and the dashboard with the app's style sheet, in a light and a
// dark palette (QT_SCALE_FACTOR=2 for high DPI), to look at them.
void TestMemberPanel::screenshots()
{
    const QString dir = qEnvironmentVariable("SG_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set SG_SCREENSHOT_DIR to save screenshots");
    std::unique_ptr<Signed> s;
    start(s);
    if (QTest::currentTestFailed())
        return;
    QTranslator translator;
    if (qEnvironmentVariable("SG_SCREENSHOT_LANG") == QStringLiteral("ru")
        && translator.load(QStringLiteral(":/i18n/schoolgate_ru.qm"))) {
        QCoreApplication::installTranslator(&translator);
        QLocale::setDefault(QLocale(QLocale::Russian, QLocale::Russia));
    }
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QFile qss(QStringLiteral(":/style/schoolgate.qss"));
    QVERIFY(qss.open(QIODevice::ReadOnly));
    qApp->setStyleSheet(QString::fromUtf8(qss.readAll()));
    const QPalette light = QApplication::style()->standardPalette();

    client::SchoolSession &session = s->session;
    QList<qint64> in5A;
    for (const proto::Member &m : session.students()->members()) {
        if (m.className == QStringLiteral("5А") || m.className == QStringLiteral("1Б"))
            in5A.append(m.id);
    }
    QSignalSpy decided(&session, &client::SchoolSession::decisionsFinished);
    session.decide(in5A.mid(0, 20), Verdict::Approve);
    QVERIFY(decided.wait(15000));
    session.decide(in5A.mid(20, 4), Verdict::Reject, QStringLiteral("Не учится в школе"));
    QVERIFY(decided.wait(15000));

    QPalette dark = light;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Mid, QColor(0x55, 0x55, 0x55));
    dark.setColor(QPalette::Midlight, QColor(0x44, 0x44, 0x44));
    dark.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    dark.setColor(QPalette::PlaceholderText, QColor(0x99, 0x99, 0x99));

    for (const auto &[name, palette] :
        {std::pair{QStringLiteral("light"), light}, std::pair{QStringLiteral("dark"), dark}}) {
        QApplication::setPalette(palette);
        ui::MemberPanel panel(session.students(), Role::Student);
        panel.setUndoAvailable(true, 4);
        panel.resize(1180, 420);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(panel.setClassFilter(QStringLiteral("5А")));
        selectRows(panel.view(), 3, 5);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QVERIFY(panel.grab().save(dir + QStringLiteral("/panel-%1.png").arg(name)));

        ui::MemberPanel teachers(session.teachers(), Role::Teacher);
        teachers.setLocked(QStringLiteral("Confirming people is locked until the director is confirmed."));
        teachers.resize(1180, 300);
        teachers.show();
        QVERIFY(QTest::qWaitForWindowExposed(&teachers));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QVERIFY(teachers.grab().save(dir + QStringLiteral("/panel-locked-%1.png").arg(name)));

        ui::DashboardPanel dashboard(&session);
        dashboard.resize(1180, 760);
        dashboard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QVERIFY(dashboard.grab().save(dir + QStringLiteral("/dashboard-%1.png").arg(name)));
    }
    QApplication::setPalette(light);
    qApp->setStyleSheet(QString());
    QCoreApplication::removeTranslator(&translator);
}

QTEST_MAIN(TestMemberPanel)
#include "tst_memberpanel.moc"
