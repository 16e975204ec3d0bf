#include "conflictsdialog.h"

#include "client/membertablemodel.h"
#include "client/schoolsession.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace sg::ui {

ConflictsDialog::ConflictsDialog(client::SchoolSession *session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_intro(new QLabel(this))
    , m_table(new QTableWidget(this))
    , m_keepMine(new QPushButton(this))
    , m_acceptServer(new QPushButton(this))
{
    setObjectName(QStringLiteral("conflictsDialog"));
    m_table->setObjectName(QStringLiteral("conflictsTableWidget"));
    m_keepMine->setObjectName(QStringLiteral("keepMineButton"));
    m_acceptServer->setObjectName(QStringLiteral("acceptServerButton"));
    setWindowTitle(tr("Decisions that need your attention"));
    m_intro->setWordWrap(true);
    m_intro->setText(tr("While these decisions waited on this computer, someone else changed the same people. "
                        "Nothing was overwritten. For each one, send your decision again on the current state, "
                        "or accept what the server has."));
    m_table->setColumnCount(4);
    m_table->setHorizontalHeaderLabels(
        {tr("Person"), tr("Your decision"), tr("Now on the server"), tr("What the server said")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setAccessibleName(tr("Conflicting decisions"));
    m_keepMine->setText(tr("Send mine again"));
    m_acceptServer->setText(tr("Drop mine, keep the server's"));
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_keepMine);
    buttons->addWidget(m_acceptServer);
    buttons->addStretch(1);
    buttons->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    resize(820, 420);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_keepMine, &QPushButton::clicked, this, [this] { resolveSelected(true); });
    connect(m_acceptServer, &QPushButton::clicked, this, [this] { resolveSelected(false); });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        const auto rows = m_table->selectionModel()->selectedRows();
        // A refused decision cannot be sent again as it is: it can only be dropped.
        const bool anyRefused = std::any_of(rows.begin(), rows.end(),
            [this](const QModelIndex &i) { return m_table->item(i.row(), 0)->data(Qt::UserRole + 1).toBool(); });
        m_keepMine->setEnabled(!rows.isEmpty() && !anyRefused);
        m_acceptServer->setEnabled(!rows.isEmpty());
    });
    reload();
}

void ConflictsDialog::reload()
{
    const QList<client::DecisionConflict> conflicts = m_session->conflicts();
    m_table->clearSelection(); // rows are rebuilt: an old selection would point at another person
    m_table->setRowCount(int(conflicts.size()));
    for (int row = 0; row < conflicts.size(); ++row) {
        const client::DecisionConflict &c = conflicts.at(row);
        auto *name = new QTableWidgetItem(c.fullName);
        name->setData(Qt::UserRole, c.key);
        name->setData(Qt::UserRole + 1, c.refused);
        m_table->setItem(row, 0, name);
        m_table->setItem(row, 1,
            new QTableWidgetItem(c.verdict == Verdict::Approve ? tr("Approve")
                    : c.verdict == Verdict::Reject             ? tr("Reject")
                                                               : tr("Take back")));
        m_table->setItem(row, 2, new QTableWidgetItem(client::MemberTableModel::statusText(c.serverStatus)));
        m_table->setItem(row, 3, new QTableWidgetItem(c.refused ? tr("Not accepted: %1").arg(c.message) : c.message));
    }
    m_table->resizeColumnsToContents();
    m_keepMine->setEnabled(false);
    m_acceptServer->setEnabled(false);
    if (conflicts.isEmpty())
        m_intro->setText(tr("No conflicts are left."));
}

void ConflictsDialog::resolveSelected(bool keepMine)
{
    QStringList keys;
    const auto rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        keys.append(m_table->item(index.row(), 0)->data(Qt::UserRole).toString());
    for (const QString &key : std::as_const(keys))
        m_session->resolveConflict(key, keepMine);
    reload();
}

} // namespace sg::ui
