#include "client/membertablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <memory>

using sg::MemberStatus;
using sg::Role;
using sg::client::MemberTableModel;
using sg::proto::DecisionResult;
using sg::proto::Member;

// MemberTableModel under QAbstractItemModelTester: loading, Russian name ranking (ё with е, hyphenated
// surnames), ranged dataChanged signals for bulk updates, pending-sync marks and e-mail masking.
namespace {

Member person(
    qint64 id, const QString &surname, const QString &name, Role role = Role::Teacher, const QString &className = {})
{
    Member m;
    m.id = id;
    m.role = role;
    m.surname = surname;
    m.name = name;
    m.email = QStringLiteral("person%1@mail.example").arg(id);
    m.subject = role == Role::Teacher ? QStringLiteral("Math") : QString();
    m.className = className;
    m.status = MemberStatus::Pending;
    m.version = 1;
    m.registeredAt = QDateTime(QDate(2026, 8, 20), QTime(10, 0), QTimeZone::utc());
    m.esiaLevel = QStringLiteral("confirmed");
    return m;
}

// "Surname Name" -> a member.
QList<Member> people(const QStringList &fullNames)
{
    QList<Member> out;
    qint64 id = 1;
    for (const QString &full : fullNames) {
        const qsizetype space = full.indexOf(QLatin1Char(' '));
        out.append(person(id++, full.left(space), full.mid(space + 1)));
    }
    return out;
}

QStringList u(std::initializer_list<const char16_t *> texts)
{
    QStringList list;
    for (const char16_t *t : texts)
        list.append(QString::fromUtf16(t));
    return list;
}

DecisionResult approved(qint64 memberId, qint64 version)
{
    DecisionResult r;
    r.key = QStringLiteral("key-%1-abcdef").arg(memberId);
    r.memberId = memberId;
    r.outcome = sg::DecisionOutcome::Applied;
    r.status = MemberStatus::Approved;
    r.version = version;
    return r;
}

struct Range
{
    int top, left, bottom, right;
    QList<int> roles;
};

Range rangeOf(const QList<QVariant> &signalArgs)
{
    const auto tl = signalArgs.at(0).value<QModelIndex>();
    const auto br = signalArgs.at(1).value<QModelIndex>();
    return Range{tl.row(), tl.column(), br.row(), br.column(), signalArgs.at(2).value<QList<int>>()};
}

} // namespace

class TestMemberTableModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void setMembersResets();
    void displayData();
    void invalidIndexGivesNothing();
    void nameSortKeys_data();
    void nameSortKeys();
    void sortKeysArePermutation();
    void classSortKeys();
    void applyResultsEmitsOneSignalPerRun();
    void applyResultsWithoutStatus();
    void pendingSync();
    void updateMembersNeverResets();
    void syncMembersMovesOnlyDifferences();
    void maskEmail_data();
    void maskEmail();

private:
    std::unique_ptr<MemberTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestMemberTableModel::init()
{
    m_model = std::make_unique<MemberTableModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestMemberTableModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestMemberTableModel::updateMembersNeverResets()
{
    QList<Member> members;
    for (int i = 0; i < 10; ++i)
        members.append(person(101 + i, QStringLiteral("Surname%1").arg(i), QStringLiteral("Name")));
    m_model->setMembers(members);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(m_model.get());
    proxy.setSortRole(MemberTableModel::SortKeyRole);
    proxy.sort(MemberTableModel::FullNameColumn);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    // Rows 2, 3 and 7 go (two runs), one changes, two come (one named to sort first).
    Member approvedOne = members.at(5);
    approvedOne.status = MemberStatus::Approved;
    approvedOne.version = 2;
    m_model->updateMembers({approvedOne, person(201, QStringLiteral("Aaa"), QStringLiteral("First")),
                               person(202, QStringLiteral("Zzz"), QStringLiteral("Last"))},
        {202}, {}, {103, 104, 108, 999});
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(m_model->rowCount(), 9);
    for (qint64 gone : {103, 104, 108})
        QCOMPARE(m_model->rowOf(gone), -1);
    // Every id still maps to its own row.
    for (int row = 0; row < m_model->rowCount(); ++row)
        QCOMPARE(m_model->rowOf(m_model->members().at(row).id), row);
    QCOMPARE(int(m_model->memberById(106)->status), int(MemberStatus::Approved));
    QVERIFY(m_model->index(m_model->rowOf(202), 0).data(MemberTableModel::PendingSyncRole).toBool());
    QVERIFY(!m_model->index(m_model->rowOf(201), 0).data(MemberTableModel::PendingSyncRole).toBool());
    QVERIFY(changed.count() >= 1);
    // The sorting view puts the new rows in their places.
    QCOMPARE(proxy.index(0, 0).data(MemberTableModel::IdRole).toLongLong(), qint64(201));
    QCOMPARE(proxy.index(proxy.rowCount() - 1, 0).data(MemberTableModel::IdRole).toLongLong(), qint64(202));

    // Nothing new: no signal at all.
    changed.clear();
    m_model->updateMembers({approvedOne}, {}, {}, {});
    QCOMPARE(changed.count(), 0);
}

void TestMemberTableModel::syncMembersMovesOnlyDifferences()
{
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->syncMembers(people(u({u"Иванов Иван", u"Петрова Анна", u"Сидоров Пётр"})), {}, {});
    QCOMPARE(reset.count(), 1); // the first load fills the empty model
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QList<Member> next = people(u({u"Иванов Иван", u"Петрова Анна", u"Сидоров Пётр", u"Ёлкина Дарья"}));
    next.removeAt(1); // Петрова is gone, Ёлкина (id 4) is new
    m_model->syncMembers(next, {4}, {});
    QCOMPARE(reset.count(), 1);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->rowOf(2), -1);
    QVERIFY(m_model->index(m_model->rowOf(4), 0).data(MemberTableModel::PendingSyncRole).toBool());
}

void TestMemberTableModel::setMembersResets()
{
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->columnCount(), int(MemberTableModel::ColumnCount));

    m_model->setMembers(people(u({u"Иванов Иван", u"Петрова Анна", u"Сидоров Пётр"})));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->rowOf(2), 1);
    QCOMPARE(m_model->rowOf(99), -1);
    QVERIFY(m_model->memberById(3));
    QCOMPARE(m_model->memberById(3)->surname, QString::fromUtf16(u"Сидоров"));
    QVERIFY(!m_model->memberById(99));
    // A table has no children.
    QCOMPARE(m_model->rowCount(m_model->index(0, 0)), 0);
    QCOMPARE(m_model->columnCount(m_model->index(0, 0)), 0);

    m_model->setMembers({});
    QCOMPARE(reset.count(), 2);
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->rowOf(2), -1);
}

void TestMemberTableModel::displayData()
{
    Member teacher = person(10, QString::fromUtf16(u"Ёлкин"), QString::fromUtf16(u"Артём"));
    teacher.patronymic = QString::fromUtf16(u"Юрьевич");
    teacher.subject = QString::fromUtf16(u"Физика");
    teacher.status = MemberStatus::Rejected;
    teacher.reason = QString::fromUtf16(u"Не работает в школе");
    Member student = person(
        11, QString::fromUtf16(u"Жукова"), QString::fromUtf16(u"Вера"), Role::Student, QString::fromUtf16(u"5А"));
    student.esiaLevel = QStringLiteral("simplified");
    student.email = QStringLiteral("zhukova@mail.example");
    m_model->setMembers({teacher, student});

    const auto display = [this](int row, int column) { return m_model->index(row, column).data().toString(); };
    QCOMPARE(display(0, MemberTableModel::FullNameColumn), QString::fromUtf16(u"Ёлкин Артём Юрьевич"));
    QCOMPARE(display(0, MemberTableModel::DetailColumn), QString::fromUtf16(u"Физика"));
    QCOMPARE(display(1, MemberTableModel::DetailColumn), QString::fromUtf16(u"5А"));
    QCOMPARE(display(1, MemberTableModel::EmailColumn), QString::fromUtf16(u"zh•••••@mail.example"));
    QCOMPARE(display(0, MemberTableModel::StatusColumn), MemberTableModel::statusText(MemberStatus::Rejected));
    QCOMPARE(
        display(1, MemberTableModel::EsiaLevelColumn), MemberTableModel::esiaLevelText(QStringLiteral("simplified")));
    QVERIFY(!display(0, MemberTableModel::RegisteredColumn).isEmpty());
    QVERIFY(
        m_model->index(0, MemberTableModel::StatusColumn).data(Qt::ToolTipRole).toString().contains(teacher.reason));

    QCOMPARE(m_model->index(1, 0).data(MemberTableModel::IdRole).toLongLong(), 11);
    QCOMPARE(m_model->index(0, 0).data(MemberTableModel::StatusRole).toInt(), int(MemberStatus::Rejected));
    QCOMPARE(m_model->index(0, 0).data(MemberTableModel::VersionRole).toLongLong(), 1);
    QCOMPARE(m_model->index(1, 0).data(MemberTableModel::ClassRole).toString(), QString::fromUtf16(u"5А"));
    QCOMPARE(m_model->index(1, 0).data(MemberTableModel::PendingSyncRole).toBool(), false);

    for (int c = 0; c < MemberTableModel::ColumnCount; ++c)
        QVERIFY(!m_model->headerData(c, Qt::Horizontal).toString().isEmpty());
}

void TestMemberTableModel::invalidIndexGivesNothing()
{
    m_model->setMembers(people(u({u"Иванов Иван"})));
    QVERIFY(!m_model->data(QModelIndex()).isValid());
    QVERIFY(!m_model->data(QModelIndex(), MemberTableModel::IdRole).isValid());
}

void TestMemberTableModel::nameSortKeys_data()
{
    QTest::addColumn<QStringList>("input");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("Ё sorts among Е, not after Я")
        << u({u"Жуков Иван", u"Ёлкин Пётр", u"Егоров Олег", u"Яшин Лев", u"Абрамов Юрий"})
        << u({u"Абрамов Юрий", u"Егоров Олег", u"Ёлкин Пётр", u"Жуков Иван", u"Яшин Лев"});
    QTest::newRow("Ёлкин between Егоров and Еремеев")
        << u({u"Еремеев Борис", u"Жуков Иван", u"Ёлкин Пётр", u"Егоров Олег"})
        << u({u"Егоров Олег", u"Ёлкин Пётр", u"Еремеев Борис", u"Жуков Иван"});
    QTest::newRow("ё inside a word") << u({u"Федотов Иван", u"Фёдоров Иван", u"Фадеев Иван"})
                                     << u({u"Фадеев Иван", u"Фёдоров Иван", u"Федотов Иван"});
    QTest::newRow("ё is only a secondary difference")
        << u({u"Семенов Борис", u"Семёнов Артём"}) << u({u"Семёнов Артём", u"Семенов Борис"});
    QTest::newRow("hyphenated surname after its first part")
        << u({u"Петрова Анна", u"Петров-Водкин Кузьма", u"Петровский Олег", u"Петров Иван"})
        << u({u"Петров Иван", u"Петров-Водкин Кузьма", u"Петрова Анна", u"Петровский Олег"});
    QTest::newRow("hyphenated feminine and masculine forms")
        << u({u"Римский-Корсаков Пётр", u"Римская-Корсакова Вера", u"Римский Антон"})
        << u({u"Римская-Корсакова Вера", u"Римский Антон", u"Римский-Корсаков Пётр"});
    QTest::newRow("same surname, then the name") << u({u"Иванова Мария", u"Иванов Пётр", u"Иванов Алексей"})
                                                 << u({u"Иванов Алексей", u"Иванов Пётр", u"Иванова Мария"});
    QTest::newRow("case does not matter") << u({u"иванов Борис", u"Иванов Алексей", u"ИВАНОВ Вадим"})
                                          << u({u"Иванов Алексей", u"иванов Борис", u"ИВАНОВ Вадим"});
    QTest::newRow("Cyrillic before Latin in Russian")
        << u({u"Smith John", u"Яковлев Юрий", u"Андреев Иван"}) << u({u"Андреев Иван", u"Яковлев Юрий", u"Smith John"});
}

void TestMemberTableModel::nameSortKeys()
{
    QFETCH(QStringList, input);
    QFETCH(QStringList, expected);
    m_model->setMembers(people(input));

    QSortFilterProxyModel proxy;
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(m_model.get());
    proxy.setSortRole(MemberTableModel::SortKeyRole);
    proxy.sort(MemberTableModel::FullNameColumn, Qt::AscendingOrder);
    QStringList sorted;
    for (int row = 0; row < proxy.rowCount(); ++row)
        sorted.append(proxy.index(row, MemberTableModel::FullNameColumn).data().toString());
    QCOMPARE(sorted, expected);
}

void TestMemberTableModel::sortKeysArePermutation()
{
    // Ranks are 0..n-1, so a proxy compares integers.
    m_model->setMembers(people(u({u"Жуков Иван", u"Ёлкин Пётр", u"Ёлкин Пётр", u"Егоров Олег", u"Абрамов Юрий"})));
    QList<int> ranks;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QVariant key = m_model->index(row, MemberTableModel::FullNameColumn).data(MemberTableModel::SortKeyRole);
        QCOMPARE(key.typeId(), QMetaType::Int);
        ranks.append(key.toInt());
    }
    std::sort(ranks.begin(), ranks.end());
    QCOMPARE(ranks, QList<int>({0, 1, 2, 3, 4}));
}

void TestMemberTableModel::classSortKeys()
{
    const QStringList classes = u({u"10Б", u"5А", u"11А", u"1Б", u"10А", u"1А", u"5Б"});
    QList<Member> members;
    for (int i = 0; i < classes.size(); ++i)
        members.append(person(i + 1, QStringLiteral("S"), QStringLiteral("N"), Role::Student, classes.at(i)));
    m_model->setMembers(members);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(m_model.get());
    proxy.setSortRole(MemberTableModel::SortKeyRole);
    proxy.sort(MemberTableModel::DetailColumn);
    QStringList sorted;
    for (int row = 0; row < proxy.rowCount(); ++row)
        sorted.append(proxy.index(row, MemberTableModel::DetailColumn).data().toString());
    QCOMPARE(sorted, u({u"1А", u"1Б", u"5А", u"5Б", u"10А", u"10Б", u"11А"}));
}

void TestMemberTableModel::applyResultsEmitsOneSignalPerRun()
{
    QList<Member> members;
    for (int i = 0; i < 10; ++i)
        members.append(person(101 + i, QStringLiteral("Surname%1").arg(i), QStringLiteral("Name")));
    m_model->setMembers(members);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    // Rows 1, 2, 3, 7, 8 (ids 102, 103, 104, 108, 109), in no particular order; an unknown id is ignored.
    m_model->applyResults(
        {approved(108, 2), approved(102, 2), approved(999, 5), approved(109, 2), approved(104, 2), approved(103, 2)});

    QCOMPARE(changed.count(), 2);
    const Range first = rangeOf(changed.at(0));
    const Range second = rangeOf(changed.at(1));
    QCOMPARE(first.top, 1);
    QCOMPARE(first.bottom, 3);
    QCOMPARE(second.top, 7);
    QCOMPARE(second.bottom, 8);
    for (const Range &r : {first, second}) {
        QCOMPARE(r.left, 0);
        QCOMPARE(r.right, MemberTableModel::ColumnCount - 1);
        QVERIFY(r.roles.contains(MemberTableModel::StatusRole));
        QVERIFY(r.roles.contains(MemberTableModel::VersionRole));
        QVERIFY(r.roles.contains(Qt::DisplayRole));
    }
    for (int row = 0; row < 10; ++row) {
        const bool touched = QList<int>({1, 2, 3, 7, 8}).contains(row);
        const QModelIndex idx = m_model->index(row, MemberTableModel::StatusColumn);
        QCOMPARE(idx.data(MemberTableModel::StatusRole).toInt(),
            int(touched ? MemberStatus::Approved : MemberStatus::Pending));
        QCOMPARE(idx.data(MemberTableModel::VersionRole).toLongLong(), touched ? 2 : 1);
        QCOMPARE(idx.data().toString(),
            MemberTableModel::statusText(touched ? MemberStatus::Approved : MemberStatus::Pending));
    }

    // A single row gives one signal for that row; nothing known gives none.
    changed.clear();
    m_model->applyResults({approved(110, 2)});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(rangeOf(changed.at(0)).top, 9);
    QCOMPARE(rangeOf(changed.at(0)).bottom, 9);
    changed.clear();
    m_model->applyResults({approved(12345, 2)});
    QCOMPARE(changed.count(), 0);
}

void TestMemberTableModel::applyResultsWithoutStatus()
{
    // A refused item carries no status and version 0: the row keeps what it had.
    m_model->setMembers(people(u({u"Иванов Иван", u"Петров Пётр"})));
    DecisionResult forbidden;
    forbidden.key = QStringLiteral("0123456789");
    forbidden.memberId = 2;
    forbidden.outcome = sg::DecisionOutcome::Forbidden;
    forbidden.version = 0;
    m_model->applyResults({forbidden});
    QCOMPARE(m_model->index(1, 0).data(MemberTableModel::StatusRole).toInt(), int(MemberStatus::Pending));
    QCOMPARE(m_model->index(1, 0).data(MemberTableModel::VersionRole).toLongLong(), 1);
}

void TestMemberTableModel::pendingSync()
{
    QList<Member> members;
    for (int i = 0; i < 6; ++i)
        members.append(person(1 + i, QStringLiteral("Surname%1").arg(i), QStringLiteral("Name")));
    m_model->setMembers(members);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    m_model->setPendingSync({4, 3, 5}, true); // rows 2..4: one run
    QCOMPARE(changed.count(), 1);
    QCOMPARE(rangeOf(changed.at(0)).top, 2);
    QCOMPARE(rangeOf(changed.at(0)).bottom, 4);
    QVERIFY(rangeOf(changed.at(0)).roles.contains(MemberTableModel::PendingSyncRole));
    for (int row = 0; row < 6; ++row) {
        const bool pending = row >= 2 && row <= 4;
        QCOMPARE(m_model->index(row, 0).data(MemberTableModel::PendingSyncRole).toBool(), pending);
        const QString status = m_model->index(row, MemberTableModel::StatusColumn).data().toString();
        QCOMPARE(status != MemberTableModel::statusText(MemberStatus::Pending), pending);
        QVERIFY(status.contains(MemberTableModel::statusText(MemberStatus::Pending)));
    }

    // Setting the same mark again changes nothing and says nothing.
    changed.clear();
    m_model->setPendingSync({3, 4}, true);
    QCOMPARE(changed.count(), 0);

    // Rows 0 and 5 are not adjacent: two signals.
    m_model->setPendingSync({1, 6}, true);
    QCOMPARE(changed.count(), 2);

    // The server's answer clears the mark.
    changed.clear();
    m_model->applyResults({approved(3, 2)});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_model->index(2, 0).data(MemberTableModel::PendingSyncRole).toBool(), false);
    QCOMPARE(m_model->index(2, MemberTableModel::StatusColumn).data().toString(),
        MemberTableModel::statusText(MemberStatus::Approved));

    // Clearing the remaining marks; unknown ids are ignored.
    changed.clear();
    m_model->setPendingSync({1, 4, 5, 6, 777}, false);
    QCOMPARE(changed.count(), 2); // rows 0 and 3..5
    for (int row = 0; row < 6; ++row)
        QCOMPARE(m_model->index(row, 0).data(MemberTableModel::PendingSyncRole).toBool(), false);

    // A reload forgets all marks.
    m_model->setPendingSync({1}, true);
    m_model->setMembers(members);
    QCOMPARE(m_model->index(0, 0).data(MemberTableModel::PendingSyncRole).toBool(), false);
}

void TestMemberTableModel::maskEmail_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("masked");
    QTest::newRow("ordinary") << QStringLiteral("ivanov@mail.example") << QString::fromUtf16(u"iv••••@mail.example");
    QTest::newRow("long local part") << QStringLiteral("alexander.petrov@mail.example")
                                     << QString::fromUtf16(u"al••••••••••••••@mail.example");
    QTest::newRow("two-letter local part") << QStringLiteral("ab@x.ru") << QString::fromUtf16(u"ab•••@x.ru");
    QTest::newRow("one-letter local part") << QStringLiteral("a@x.ru") << QString::fromUtf16(u"a•••@x.ru");
    QTest::newRow("Cyrillic address") << QString::fromUtf16(u"иван@почта.рф") << QString::fromUtf16(u"ив•••@почта.рф");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("no @") << QStringLiteral("not-an-address") << QString::fromUtf16(u"•••");
    QTest::newRow("starts with @") << QStringLiteral("@mail.example") << QString::fromUtf16(u"•••");
}

void TestMemberTableModel::maskEmail()
{
    QFETCH(QString, email);
    QFETCH(QString, masked);
    QCOMPARE(MemberTableModel::maskEmail(email), masked);
    // The hidden part never leaks: only the first two characters of the local part are shown.
    const qsizetype at = email.indexOf(QLatin1Char('@'));
    if (at > 2)
        QVERIFY(!MemberTableModel::maskEmail(email).contains(email.mid(2, at - 2)));
}

QTEST_GUILESS_MAIN(TestMemberTableModel)

#include "tst_membertablemodel.moc"
