#include "memberpanel.h"

#include "client/membertablemodel.h"
#include "emptystate.h"
#include "memberfilterproxymodel.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace sg::ui {

using client::MemberTableModel;

namespace {
constexpr int kHeaderSaveDelayMs = 500; // a drag of a column border saves once, after it ends
}

MemberPanel::MemberPanel(MemberTableModel *model, Role role, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_role(role)
    , m_proxy(new MemberFilterProxyModel(this))
    , m_search(new QLineEdit(this))
    , m_statusFilter(new QComboBox(this))
    , m_classFilter(new QComboBox(this))
    , m_selectAll(new QPushButton(this))
    , m_undo(new QPushButton(this))
    , m_approve(new QPushButton(this))
    , m_reject(new QPushButton(this))
    , m_lockLabel(new QLabel(this))
    , m_countLabel(new QLabel(this))
    , m_view(new QTableView(this))
    , m_headerSaveTimer(new QTimer(this))
{
    m_search->setObjectName(QStringLiteral("searchLineEdit"));
    m_search->setClearButtonEnabled(true);
    m_statusFilter->setObjectName(QStringLiteral("statusFilterComboBox"));
    m_classFilter->setObjectName(QStringLiteral("classFilterComboBox"));
    m_selectAll->setObjectName(QStringLiteral("selectAllButton"));
    m_undo->setObjectName(QStringLiteral("undoButton"));
    m_approve->setObjectName(QStringLiteral("approveButton"));
    m_reject->setObjectName(QStringLiteral("rejectButton"));
    m_lockLabel->setObjectName(QStringLiteral("lockLabel"));
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    m_view->setObjectName(
        role == Role::Teacher ? QStringLiteral("teachersTableView") : QStringLiteral("studentsTableView"));

    m_approve->setProperty("role", QStringLiteral("approve"));
    m_reject->setProperty("role", QStringLiteral("reject"));
    m_approve->setIcon(style()->standardIcon(QStyle::SP_DialogApplyButton));
    m_reject->setIcon(style()->standardIcon(QStyle::SP_DialogCancelButton));
    m_undo->setIcon(QIcon::fromTheme(QStringLiteral("edit-undo"), style()->standardIcon(QStyle::SP_ArrowBack)));
    m_undo->setEnabled(false);
    m_classFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_classFilter->setVisible(role == Role::Student); // teachers are not in classes
    m_lockLabel->setWordWrap(true);
    m_lockLabel->setVisible(false);
    m_lockLabel->setProperty("banner", QStringLiteral("warning"));

    m_proxy->setSourceModel(model);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(MemberTableModel::FullNameColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTabKeyNavigation(false); // Tab leaves the table for the next control; the arrows move within it
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(MemberTableModel::FullNameColumn, QHeaderView::Stretch);
    setColumnTitles();
    // Default widths, never narrower than the column title (large fonts, long translations).
    const std::pair<int, int> widths[] = {{MemberTableModel::DetailColumn, role == Role::Student ? 80 : 220},
        {MemberTableModel::EmailColumn, 200}, {MemberTableModel::RegisteredColumn, 110},
        {MemberTableModel::StatusColumn, 130}, {MemberTableModel::EsiaLevelColumn, 150}};
    for (const auto &[column, width] : widths)
        m_view->setColumnWidth(column, std::max(width, header->sectionSizeHint(column)));
    restoreHeaderState();
    m_view->installEventFilter(this);
    m_emptyState = new EmptyState(m_view, [this] {
        if (m_model->rowCount() > 0)
            return tr("No one matches the search and the filters: change or clear them.");
        return m_role == Role::Teacher
            ? tr("No teachers yet: they appear here when they apply or the school's administrator adds them.")
            : tr("No students yet: they appear here when they apply or the school's administrator adds them.");
    });

    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 2);
    top->addWidget(m_statusFilter);
    top->addWidget(m_classFilter);
    top->addWidget(m_countLabel);
    top->addStretch(1);
    top->addWidget(m_selectAll);
    top->addWidget(m_undo);
    top->addSpacing(12);
    top->addWidget(m_approve);
    top->addWidget(m_reject);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_lockLabel);
    layout->addWidget(m_view, 1);

    m_headerSaveTimer->setSingleShot(true);
    m_headerSaveTimer->setInterval(kHeaderSaveDelayMs);
    connect(m_headerSaveTimer, &QTimer::timeout, this, &MemberPanel::saveHeaderState);
    connect(header, &QHeaderView::sectionResized, m_headerSaveTimer, qOverload<>(&QTimer::start));
    connect(header, &QHeaderView::sortIndicatorChanged, m_headerSaveTimer, qOverload<>(&QTimer::start));

    connect(m_search, &QLineEdit::textChanged, m_proxy, &MemberFilterProxyModel::setSearchText);
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QVariant v = m_statusFilter->itemData(index);
        m_proxy->setStatusFilter(v.isValid() ? std::optional<MemberStatus>(MemberStatus(v.toInt())) : std::nullopt);
    });
    connect(m_classFilter, &QComboBox::currentIndexChanged, this,
        [this](int index) { m_proxy->setClassFilter(m_classFilter->itemData(index).toString()); });
    connect(m_model, &QAbstractItemModel::modelReset, this, &MemberPanel::refreshClasses);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MemberPanel::updateButtons);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MemberPanel::updateButtons);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &MemberPanel::updateButtons);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &MemberPanel::updateButtons);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &MemberPanel::updateButtons);
    connect(m_selectAll, &QPushButton::clicked, this, &MemberPanel::selectAllShown);
    connect(m_undo, &QPushButton::clicked, this, &MemberPanel::undoRequested);
    connect(m_approve, &QPushButton::clicked, this, [this] { requestDecision(Verdict::Approve); });
    connect(m_reject, &QPushButton::clicked, this, [this] { requestDecision(Verdict::Reject); });

    retranslate();
    refreshClasses();
}

MemberPanel::~MemberPanel()
{
    saveHeaderState();
}

QString MemberPanel::headerSettingsKey(const QTableView *view)
{
    return QStringLiteral("tables/%1/header").arg(view->objectName());
}

void MemberPanel::restoreHeaderState()
{
    const QByteArray state = QSettings().value(headerSettingsKey(m_view)).toByteArray();
    if (!state.isEmpty())
        m_view->horizontalHeader()->restoreState(state); // a state of another column layout is refused, harmlessly
}

void MemberPanel::saveHeaderState()
{
    m_headerSaveTimer->stop();
    QSettings().setValue(headerSettingsKey(m_view), m_view->horizontalHeader()->saveState());
}

QList<qint64> MemberPanel::selectedIds() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<qint64> ids;
    ids.reserve(rows.size());
    for (const QModelIndex &proxyIndex : rows)
        ids.append(m_proxy->mapToSource(proxyIndex).data(MemberTableModel::IdRole).toLongLong());
    return ids;
}

int MemberPanel::selectedRowCount() const
{
    // Whole-row ranges do not overlap in a QItemSelectionModel: count them without listing every index.
    const QItemSelection selection = m_view->selectionModel()->selection();
    const int lastColumn = m_proxy->columnCount() - 1;
    int rows = 0;
    for (const QItemSelectionRange &range : selection) {
        if (range.left() != 0 || range.right() != lastColumn)
            return int(m_view->selectionModel()->selectedRows().size());
        rows += range.height();
    }
    return rows;
}

void MemberPanel::selectAllShown()
{
    QItemSelectionModel *selection = m_view->selectionModel();
    const int rows = m_proxy->rowCount();
    if (rows == 0) {
        selection->clearSelection();
        return;
    }
    const QItemSelection all(m_proxy->index(0, 0), m_proxy->index(rows - 1, m_proxy->columnCount() - 1));
    selection->select(all, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (!selection->currentIndex().isValid())
        selection->setCurrentIndex(m_proxy->index(0, 0), QItemSelectionModel::NoUpdate);
}

bool MemberPanel::setClassFilter(const QString &className)
{
    const int index = className.isEmpty() ? 0 : m_classFilter->findData(className);
    if (index < 0 || m_classFilter->count() == 0)
        return false;
    m_classFilter->setCurrentIndex(index);
    return true;
}

void MemberPanel::setLocked(const QString &reason)
{
    m_lockReason = reason;
    m_lockLabel->setText(reason);
    m_lockLabel->setVisible(!reason.isEmpty());
    updateToolTips();
    updateButtons();
}

void MemberPanel::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
}

void MemberPanel::setUndoAvailable(bool available, int count)
{
    m_undoAvailable = available && count > 0;
    m_undoCount = m_undoAvailable ? count : 0;
    updateButtons();
}

bool MemberPanel::canDecide() const
{
    return m_lockReason.isEmpty() && !m_busy;
}

void MemberPanel::updateButtons()
{
    const int n = selectedRowCount();
    const bool enabled = n > 0 && canDecide();
    m_approve->setText(n > 0 ? tr("Approve (%1)").arg(n) : tr("Approve"));
    m_reject->setText(n > 0 ? tr("Reject (%1)").arg(n) : tr("Reject"));
    m_approve->setEnabled(enabled);
    m_reject->setEnabled(enabled);
    m_undo->setText(m_undoAvailable ? tr("Undo (%1)").arg(m_undoCount) : tr("Undo"));
    m_undo->setEnabled(m_undoAvailable && !m_busy);
    const int shown = m_proxy->rowCount();
    m_selectAll->setEnabled(shown > 0);
    m_countLabel->setText(tr("%n shown", nullptr, shown));
}

void MemberPanel::updateToolTips()
{
    const QString lock = m_lockReason.isEmpty() ? QString() : QStringLiteral("\n\n") + m_lockReason;
    m_approve->setToolTip(tr("Approve the selected people.\nIn the table: Ctrl+Enter or +.") + lock);
    m_reject->setToolTip(tr("Reject the selected people; a reason is required.\nIn the table: Delete or -.") + lock);
    m_approve->setAccessibleDescription(m_approve->toolTip());
    m_reject->setAccessibleDescription(m_reject->toolTip());
}

void MemberPanel::refreshClasses()
{
    if (m_role != Role::Student)
        return;
    QSet<QString> seen;
    QStringList classes;
    for (const proto::Member &m : m_model->members()) {
        if (!m.className.isEmpty() && !seen.contains(m.className)) {
            seen.insert(m.className);
            classes.append(m.className);
        }
    }
    std::sort(classes.begin(), classes.end(), [](const QString &a, const QString &b) { return classNameLess(a, b); });

    const QString current = m_proxy->classFilter();
    const QSignalBlocker block(m_classFilter);
    m_classFilter->clear();
    m_classFilter->addItem(tr("All classes"), QString());
    for (const QString &name : std::as_const(classes))
        m_classFilter->addItem(name, name);
    const int index = current.isEmpty() ? 0 : std::max(0, m_classFilter->findData(current));
    m_classFilter->setCurrentIndex(index);
    m_proxy->setClassFilter(m_classFilter->itemData(index).toString()); // a class that is gone shows all again
}

bool MemberPanel::isUndecided(int proxyRow) const
{
    const QModelIndex index = m_proxy->index(proxyRow, 0);
    return MemberStatus(index.data(MemberTableModel::StatusRole).toInt()) == MemberStatus::Pending
        && !index.data(MemberTableModel::PendingSyncRole).toBool();
}

void MemberPanel::requestDecision(Verdict verdict)
{
    if (!canDecide())
        return;
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    int lastRow = -1;
    const QItemSelection selection = m_view->selectionModel()->selection();
    for (const QItemSelectionRange &range : selection)
        lastRow = std::max(lastRow, range.bottom());
    const QPersistentModelIndex anchor(m_proxy->index(lastRow, 0));
    const auto waitingRows = [this, &ids] {
        int n = 0;
        for (qint64 id : ids) {
            const int row = m_model->rowOf(id);
            n += row >= 0 && m_model->index(row, 0).data(MemberTableModel::PendingSyncRole).toBool() ? 1 : 0;
        }
        return n;
    };
    const int waitingBefore = waitingRows();

    const QPointer<MemberPanel> self(this);
    if (verdict == Verdict::Approve)
        emit approveRequested(ids);
    else
        emit rejectRequested(ids);
    // The request was taken up if the rows now wait for the server; a cancelled question leaves them as they were.
    if (!self || waitingRows() <= waitingBefore)
        return;
    selectNextUndecided(anchor.isValid() ? anchor.row() : lastRow);
}

void MemberPanel::selectNextUndecided(int afterRow)
{
    QItemSelectionModel *selection = m_view->selectionModel();
    const int rows = m_proxy->rowCount();
    for (int step = 1; step <= rows; ++step) {
        const int row = (std::max(afterRow, -1) + step) % rows; // down the list, then from the top
        if (isUndecided(row)) {
            const QModelIndex index = m_proxy->index(row, 0);
            selection->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            m_view->scrollTo(index);
            return;
        }
    }
    selection->clearSelection(); // nothing is left to decide
}

MemberPanel::KeyAction MemberPanel::keyAction(const QKeyEvent *event)
{
    const Qt::KeyboardModifiers modifiers = event->modifiers() & ~Qt::KeypadModifier;
    const bool plain = !(modifiers & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter: return modifiers == Qt::ControlModifier ? KeyAction::Approve : KeyAction::None;
    case Qt::Key_Plus: return plain ? KeyAction::Approve : KeyAction::None;
    case Qt::Key_Delete: return modifiers == Qt::NoModifier ? KeyAction::Reject : KeyAction::None;
    case Qt::Key_Minus: return plain ? KeyAction::Reject : KeyAction::None;
    default: break;
    }
    if (event->matches(QKeySequence::Undo))
        return KeyAction::Undo;
    if (event->matches(QKeySequence::SelectAll))
        return KeyAction::SelectAll;
    return KeyAction::None;
}

bool MemberPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_view || (event->type() != QEvent::KeyPress && event->type() != QEvent::ShortcutOverride))
        return QWidget::eventFilter(watched, event);
    const KeyAction action = keyAction(static_cast<QKeyEvent *>(event));
    if (action == KeyAction::None)
        return QWidget::eventFilter(watched, event);
    if (event->type() == QEvent::ShortcutOverride) {
        event->accept(); // these keys belong to the table while it has the focus
        return true;
    }
    switch (action) {
    case KeyAction::Approve: requestDecision(Verdict::Approve); break;
    case KeyAction::Reject: requestDecision(Verdict::Reject); break;
    case KeyAction::Undo:
        if (m_undo->isEnabled())
            emit undoRequested();
        break;
    case KeyAction::SelectAll: selectAllShown(); break;
    case KeyAction::None: break;
    }
    return true;
}

void MemberPanel::setColumnTitles()
{
    m_proxy->setColumnTitle(MemberTableModel::DetailColumn, m_role == Role::Student ? tr("Class") : tr("Subject"));
}

void MemberPanel::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void MemberPanel::retranslate()
{
    setColumnTitles();
    if (m_emptyState)
        m_emptyState->refresh();
    m_search->setPlaceholderText(
        m_role == Role::Teacher ? tr("Search by name or subject") : tr("Search by name or class"));
    m_search->setAccessibleName(tr("Search"));
    const int current = m_statusFilter->currentIndex();
    {
        const QSignalBlocker block(m_statusFilter);
        m_statusFilter->clear();
        m_statusFilter->addItem(tr("All statuses"));
        m_statusFilter->addItem(tr("Pending"), int(MemberStatus::Pending));
        m_statusFilter->addItem(tr("Approved"), int(MemberStatus::Approved));
        m_statusFilter->addItem(tr("Rejected"), int(MemberStatus::Rejected));
        m_statusFilter->setCurrentIndex(std::max(0, current));
    }
    m_statusFilter->setAccessibleName(tr("Status filter"));
    if (m_classFilter->count() > 0)
        m_classFilter->setItemText(0, tr("All classes"));
    m_classFilter->setAccessibleName(tr("Class filter"));
    m_classFilter->setToolTip(tr("Show the students of one class"));
    m_selectAll->setText(tr("Select all"));
    m_selectAll->setAccessibleName(tr("Select all"));
    m_selectAll->setToolTip(tr("Select everyone shown with the current search and filters (Ctrl+A in the table)."));
    m_undo->setAccessibleName(tr("Undo the last decisions"));
    m_undo->setToolTip(tr("Take back the last batch of decisions: the people return to their previous status.\n"
                          "Possible until the report is sent. In the table: Ctrl+Z."));
    m_approve->setAccessibleName(tr("Approve the selected people"));
    m_reject->setAccessibleName(tr("Reject the selected people"));
    m_lockLabel->setAccessibleName(tr("Why deciding is locked"));
    m_countLabel->setAccessibleName(tr("Number of people shown"));
    m_view->setAccessibleName(m_role == Role::Teacher ? tr("Teachers") : tr("Students"));
    m_view->setAccessibleDescription(
        tr("Ctrl+Enter or + approves the selected people, Delete or - rejects them, Ctrl+Z takes the last decisions "
           "back. After a decision the next pending person is selected."));
    updateToolTips();
    updateButtons();
}

void MemberPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace sg::ui
