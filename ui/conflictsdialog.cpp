#include "conflictsdialog.h"

#include "client/membertablemodel.h"
#include "core/errorcodes.h"

#include <QDate>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScreen>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace sg::ui {

namespace {

constexpr int KeyRole = Qt::UserRole;
constexpr int RefusedRole = Qt::UserRole + 1;
constexpr int kMaxColumnWidth = 200; // longer texts wrap; the details below show them whole

QString quoted(const QString &text)
{
    return ConflictsDialog::tr("«%1»").arg(text);
}

} // namespace

ConflictsDialog::ConflictsDialog(client::SchoolSession *session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_intro(new QLabel(this))
    , m_table(new QTableWidget(this))
    , m_details(new QLabel(this))
    , m_selection(new QLabel(this))
    , m_selectAll(new QPushButton(this))
    , m_keepServer(new QPushButton(this))
    , m_applyMine(new QPushButton(this))
{
    setObjectName(QStringLiteral("conflictsDialog"));
    m_intro->setObjectName(QStringLiteral("introLabel"));
    m_table->setObjectName(QStringLiteral("conflictsTableWidget"));
    m_details->setObjectName(QStringLiteral("detailsLabel"));
    m_selection->setObjectName(QStringLiteral("selectionLabel"));
    m_selectAll->setObjectName(QStringLiteral("selectAllButton"));
    m_keepServer->setObjectName(QStringLiteral("acceptServerButton"));
    m_applyMine->setObjectName(QStringLiteral("keepMineButton"));
    setWindowTitle(tr("Decisions that need your attention"));

    m_intro->setWordWrap(true);
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels({tr("Person"), tr("Your decision"), tr("Now on the server"),
        tr("Before the change"), tr("Changed by, when"), tr("Reason")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(true);
    m_table->setTabKeyNavigation(false); // Tab leaves the table for the buttons; arrows move within it
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    // Wrapped texts take the rows' height they need at the columns' final widths (the last one stretches).
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setAccessibleName(tr("Conflicting decisions"));
    m_table->setAccessibleDescription(
        tr("Select one or several rows (Shift or Ctrl with the arrows, Ctrl+A for all), then choose what to do."));

    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_details->setFocusPolicy(Qt::StrongFocus); // a screen reader user reaches the whole explanation with Tab
    m_details->setAccessibleName(tr("What happened"));
    m_details->setFrameShape(QFrame::StyledPanel);
    m_details->setMargin(6);
    m_selection->setAccessibleName(tr("Selected conflicts"));

    m_selectAll->setText(tr("Select &all"));
    m_keepServer->setText(tr("&Keep as it is"));
    m_keepServer->setToolTip(tr("Drop your decision for the selected people: what the server has stays."));
    m_keepServer->setAccessibleDescription(m_keepServer->toolTip());
    m_applyMine->setText(tr("A&pply my decision"));
    m_applyMine->setToolTip(tr("Send your decision again for the selected people, on their current state."));
    m_applyMine->setAccessibleDescription(m_applyMine->toolTip());
    for (QPushButton *b : {m_selectAll, m_keepServer, m_applyMine})
        b->setAutoDefault(false); // Enter in the table never resolves anything

    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    close->setObjectName(QStringLiteral("closeButtonBox"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_selectAll);
    buttons->addWidget(m_selection, 1);
    buttons->addWidget(m_keepServer);
    buttons->addWidget(m_applyMine);
    buttons->addSpacing(12);
    buttons->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_details);
    layout->addLayout(buttons);

    setTabOrder(m_table, m_details);
    setTabOrder(m_details, m_selectAll);
    setTabOrder(m_selectAll, m_keepServer);
    setTabOrder(m_keepServer, m_applyMine);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_selectAll, &QPushButton::clicked, this, [this] {
        m_table->selectAll();
        m_table->setFocus(Qt::OtherFocusReason);
    });
    connect(m_keepServer, &QPushButton::clicked, this, [this] { resolveSelected(false); });
    connect(m_applyMine, &QPushButton::clicked, this, [this] { resolveSelected(true); });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ConflictsDialog::selectionChanged);
    connect(m_table, &QTableWidget::currentCellChanged, this, &ConflictsDialog::selectionChanged);

    // Fits a 1024×600 screen (and whatever is smaller than what it would like).
    QSize size(980, 520);
    if (const QScreen *screen = parent ? parent->screen() : QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableSize() - QSize(24, 48));
    resize(size);
    reload();
    m_table->setFocus(Qt::OtherFocusReason);
}

QString ConflictsDialog::roleText(Role role)
{
    switch (role) {
    case Role::Operator: return tr("support operator");
    case Role::School: return tr("school");
    case Role::Teacher: return tr("teacher");
    case Role::ClassTeacher: return tr("class teacher");
    case Role::Student: return tr("student");
    case Role::Parent: return tr("parent");
    }
    return {};
}

QString ConflictsDialog::whenText(const QDateTime &utc)
{
    if (!utc.isValid())
        return {};
    const QDateTime local = utc.toLocalTime();
    const bool thisYear = local.date().year() == QDate::currentDate().year();
    return QLocale().toString(local, thisYear ? QStringLiteral("H:mm d MMMM") : QStringLiteral("H:mm d MMMM yyyy"));
}

QString ConflictsDialog::decisionText(const client::DecisionConflict &c)
{
    switch (c.verdict) {
    // Nouns: the cell and the sentence «Ваше решение: подтверждение.» name a decision, not an action to take.
    case Verdict::Approve: return tr("Approval");
    case Verdict::Reject: return c.reason.isEmpty() ? tr("Rejection") : tr("Rejection: %1").arg(c.reason);
    case Verdict::Revert: return tr("Taking back");
    }
    return {};
}

QString ConflictsDialog::changedByText(const client::DecisionConflict &c)
{
    if (!c.other)
        return c.refused ? QString() : tr("someone else (not known)");
    return tr("%1 (%2), %3").arg(c.other->login, roleText(c.other->role), whenText(c.other->decidedAt));
}

QString ConflictsDialog::reasonText(const client::DecisionConflict &c)
{
    if (c.refused) {
        if (c.code == QLatin1String(errc::Forbidden))
            return tr("You may not decide on this person.");
        if (c.code == QLatin1String(errc::ValidationFailed))
            return tr("A rejection needs a reason.");
        if (c.serverStatus == MemberStatus::Graduate || c.serverStatus == MemberStatus::NotCurrent)
            return tr("This person is no longer current in the school.");
        if (c.verdict == Verdict::Revert)
            return tr("There is nothing to take back: the decision is in a report already, or was taken back.");
        return tr("The server did not accept this decision.");
    }
    if (c.other && !c.other->reason.isEmpty())
        return c.other->reason;
    return QString();
}

QString ConflictsDialog::explanation(const client::DecisionConflict &c)
{
    const QString person = c.fullName.isEmpty() ? tr("This person") : c.fullName;
    QStringList parts;
    QString decision = decisionText(c);
    if (!decision.isEmpty())
        decision[0] = decision.at(0).toLower(); // inside a sentence
    parts.append(tr("%1. Your decision: %2.").arg(person, decision));
    const QString now = quoted(client::MemberTableModel::statusText(c.serverStatus));
    if (c.other) {
        parts.append(
            tr("While it waited on this computer, %1 changed this person: %2 → %3.")
                .arg(changedByText(c), quoted(client::MemberTableModel::statusText(c.other->previousStatus)), now));
        if (!c.other->reason.isEmpty())
            parts.append(tr("Their reason: %1.").arg(quoted(c.other->reason)));
    } else if (!c.refused) {
        parts.append(tr("While it waited on this computer, someone else changed this person; now: %1.").arg(now));
    }
    if (c.refused) {
        parts.append(tr("Not accepted: %1").arg(reasonText(c)));
        parts.append(tr("It cannot be sent again as it is; “Keep as it is” removes it from this computer."));
    } else {
        parts.append(tr("“Keep as it is” drops your decision; “Apply my decision” sends it again on the current "
                        "state."));
    }
    return parts.join(QLatin1Char(' '));
}

QList<int> ConflictsDialog::selectedRows() const
{
    QList<int> rows;
    const auto selected = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void ConflictsDialog::reload()
{
    const int current = m_table->currentRow();
    m_conflicts = m_session->conflicts();
    QSignalBlocker blocker(m_table);
    m_table->clearSelection(); // rows are rebuilt: an old selection would point at another person
    m_table->setRowCount(int(m_conflicts.size()));
    for (int row = 0; row < m_conflicts.size(); ++row) {
        const client::DecisionConflict &c = m_conflicts.at(row);
        const QString description = explanation(c);
        const QString texts[ColumnCount] = {
            c.fullName,
            decisionText(c),
            client::MemberTableModel::statusText(c.serverStatus),
            c.other ? client::MemberTableModel::statusText(c.other->previousStatus) : QString(),
            changedByText(c),
            reasonText(c),
        };
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(texts[column]);
            item->setToolTip(texts[column]);
            item->setData(Qt::AccessibleDescriptionRole, description);
            if (column == PersonColumn) {
                item->setData(KeyRole, c.key);
                item->setData(RefusedRole, c.refused);
            }
            m_table->setItem(row, column, item);
        }
    }
    m_table->resizeColumnsToContents();
    for (int column = 0; column + 1 < ColumnCount; ++column)
        m_table->setColumnWidth(column, std::min(m_table->columnWidth(column), kMaxColumnWidth));
    if (m_conflicts.isEmpty()) {
        m_intro->setText(tr("No conflicts are left."));
    } else {
        m_intro->setText(tr("While these decisions waited on this computer, someone else changed the same people. "
                            "Nothing was overwritten. Select one or several rows and choose: keep what the server "
                            "has, or apply your decision on the current state."));
        // The same place as before, for a keyboard user going down the list.
        const int row = std::clamp(current, 0, int(m_conflicts.size()) - 1);
        m_table->setCurrentCell(row, PersonColumn);
        m_table->selectRow(row);
    }
    blocker.unblock();
    selectionChanged();
}

void ConflictsDialog::selectionChanged()
{
    const QList<int> rows = selectedRows();
    // A refused decision cannot be sent again as it is: it can only be dropped.
    const bool anyRefused = std::any_of(rows.begin(), rows.end(),
        [this](int row) { return m_table->item(row, PersonColumn)->data(RefusedRole).toBool(); });
    m_applyMine->setEnabled(!rows.isEmpty() && !anyRefused);
    m_keepServer->setEnabled(!rows.isEmpty());
    m_selectAll->setEnabled(!m_conflicts.isEmpty());
    if (rows.size() > 1)
        m_selection->setText(tr("%n conflict(s) selected: the buttons act on all of them.", nullptr, int(rows.size())));
    else
        m_selection->clear();
    const int current = m_table->currentRow();
    const int shown = rows.contains(current) ? current : rows.isEmpty() ? -1 : rows.first();
    m_details->setText(shown >= 0 && shown < m_conflicts.size() ? explanation(m_conflicts.at(shown))
            : m_conflicts.isEmpty()                             ? QString()
                                                                : tr("Select a row to see what happened."));
    m_details->setAccessibleDescription(m_details->text());
}

void ConflictsDialog::resolveSelected(bool applyMine)
{
    QStringList keys;
    for (int row : selectedRows())
        keys.append(m_table->item(row, PersonColumn)->data(KeyRole).toString());
    if (keys.isEmpty())
        return;
    m_session->resolveConflict(keys, applyMine);
    reload();
    m_table->setFocus(Qt::OtherFocusReason);
}

} // namespace sg::ui
