#include "memberpanel.h"

#include "client/membertablemodel.h"
#include "memberfilterproxymodel.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace sg::ui {

using client::MemberTableModel;

MemberPanel::MemberPanel(MemberTableModel *model, Role role, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_role(role)
    , m_proxy(new MemberFilterProxyModel(this))
    , m_search(new QLineEdit(this))
    , m_statusFilter(new QComboBox(this))
    , m_approve(new QPushButton(this))
    , m_reject(new QPushButton(this))
    , m_lockLabel(new QLabel(this))
    , m_countLabel(new QLabel(this))
    , m_view(new QTableView(this))
{
    m_search->setObjectName(QStringLiteral("searchLineEdit"));
    m_search->setClearButtonEnabled(true);
    m_statusFilter->setObjectName(QStringLiteral("statusFilterComboBox"));
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
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setSectionResizeMode(MemberTableModel::FullNameColumn, QHeaderView::Stretch);
    m_view->setColumnWidth(MemberTableModel::DetailColumn, role == Role::Student ? 80 : 220);
    m_view->setColumnWidth(MemberTableModel::EmailColumn, 200);
    m_view->setColumnWidth(MemberTableModel::RegisteredColumn, 110);
    m_view->setColumnWidth(MemberTableModel::StatusColumn, 130);
    m_view->setColumnWidth(MemberTableModel::EsiaLevelColumn, 150);

    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 2);
    top->addWidget(m_statusFilter);
    top->addWidget(m_countLabel);
    top->addStretch(1);
    top->addWidget(m_approve);
    top->addWidget(m_reject);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_lockLabel);
    layout->addWidget(m_view, 1);

    connect(m_search, &QLineEdit::textChanged, m_proxy, &MemberFilterProxyModel::setSearchText);
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QVariant v = m_statusFilter->itemData(index);
        m_proxy->setStatusFilter(v.isValid() ? std::optional<MemberStatus>(MemberStatus(v.toInt())) : std::nullopt);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MemberPanel::updateButtons);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MemberPanel::updateButtons);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &MemberPanel::updateButtons);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &MemberPanel::updateButtons);
    connect(m_approve, &QPushButton::clicked, this, [this] { emit approveRequested(selectedIds()); });
    connect(m_reject, &QPushButton::clicked, this, [this] { emit rejectRequested(selectedIds()); });

    retranslate();
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

void MemberPanel::setLocked(const QString &reason)
{
    m_lockReason = reason;
    m_lockLabel->setText(reason);
    m_lockLabel->setVisible(!reason.isEmpty());
    updateButtons();
}

void MemberPanel::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
}

void MemberPanel::updateButtons()
{
    const int n = int(m_view->selectionModel()->selectedRows().size());
    const bool enabled = n > 0 && m_lockReason.isEmpty() && !m_busy;
    m_approve->setText(n > 0 ? tr("Approve (%1)").arg(n) : tr("Approve"));
    m_reject->setText(n > 0 ? tr("Reject (%1)").arg(n) : tr("Reject"));
    m_approve->setEnabled(enabled);
    m_reject->setEnabled(enabled);
    m_countLabel->setText(tr("%n shown", nullptr, m_proxy->rowCount()));
}

void MemberPanel::retranslate()
{
    m_search->setPlaceholderText(
        m_role == Role::Teacher ? tr("Search by name or subject") : tr("Search by name or class"));
    m_search->setAccessibleName(tr("Search"));
    const int current = m_statusFilter->currentIndex();
    const QSignalBlocker block(m_statusFilter);
    m_statusFilter->clear();
    m_statusFilter->addItem(tr("All statuses"));
    m_statusFilter->addItem(tr("Pending"), int(MemberStatus::Pending));
    m_statusFilter->addItem(tr("Approved"), int(MemberStatus::Approved));
    m_statusFilter->addItem(tr("Rejected"), int(MemberStatus::Rejected));
    m_statusFilter->setCurrentIndex(std::max(0, current));
    m_statusFilter->setAccessibleName(tr("Status filter"));
    m_approve->setToolTip(tr("Approve the selected people"));
    m_reject->setToolTip(tr("Reject the selected people (a reason is required)"));
    m_view->setAccessibleName(m_role == Role::Teacher ? tr("Teachers") : tr("Students"));
    updateButtons();
}

void MemberPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace sg::ui
