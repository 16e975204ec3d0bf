#include "applicationsdialog.h"

#include "client/apiclient.h"
#include "emptystate.h"
#include "errortext.h"
#include "screenfit.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace sg::ui {

namespace {
constexpr int kSortRole = Qt::UserRole + 1;
}

ApplicationsDialog::ApplicationsDialog(client::ApiClient *api, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_filterLabel(new QLabel(this))
    , m_filter(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_error(new QLabel(this))
    , m_view(new QTableView(this))
    , m_model(new QStandardItemModel(0, ColumnCount, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_refresh(new QPushButton(this))
    , m_close(new QPushButton(this))
{
    setObjectName(QStringLiteral("applicationsDialog"));
    m_filter->setObjectName(QStringLiteral("applicationsFilterLineEdit"));
    m_count->setObjectName(QStringLiteral("applicationsCountLabel"));
    m_error->setObjectName(QStringLiteral("applicationsErrorLabel"));
    m_view->setObjectName(QStringLiteral("applicationsTableView"));
    m_refresh->setObjectName(QStringLiteral("applicationsRefreshButton"));
    m_close->setObjectName(QStringLiteral("applicationsCloseButton"));

    m_filterLabel->setBuddy(m_filter);
    m_filter->setClearButtonEnabled(true);
    m_error->setWordWrap(true);
    m_error->setProperty("role", QStringLiteral("error"));
    m_error->hide();
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(kSortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setTabKeyNavigation(false); // Tab leaves the table
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_empty = new EmptyState(m_view, [this] {
        if (!m_loaded)
            return tr("Loading…");
        return m_applications.isEmpty() ? tr("Nobody has applied yet.") : tr("No application matches the filter.");
    });

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text.trimmed());
        updateCount();
    });
    connect(m_refresh, &QPushButton::clicked, this, &ApplicationsDialog::refresh);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
    auto *find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    addAction(find);
    m_refresh->setShortcut(QKeySequence::Refresh);

    auto *top = new QHBoxLayout;
    top->addWidget(m_filterLabel);
    top->addWidget(m_filter, 1);
    top->addWidget(m_refresh);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_count, 1);
    bottom->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_error);
    layout->addWidget(m_view, 1);
    layout->addLayout(bottom);
    retranslate();
    restoreOrFit(this, {}, QSize(1000, 560));
    m_view->sortByColumn(CreatedColumn, Qt::DescendingOrder);
}

void ApplicationsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        setApplications(m_applications);
    }
    QDialog::changeEvent(event);
}

void ApplicationsDialog::retranslate()
{
    setWindowTitle(tr("Applications to schools"));
    m_filterLabel->setText(tr("&Find:"));
    m_filter->setPlaceholderText(tr("school, name or e-mail"));
    m_filter->setAccessibleName(tr("Find applications"));
    m_refresh->setText(tr("&Refresh"));
    m_close->setText(tr("Close"));
    m_model->setHorizontalHeaderLabels(
        {tr("School"), tr("Applies as"), tr("Name"), tr("E-mail"), tr("Applied"), tr("Status")});
    m_view->setAccessibleName(tr("Applications to schools"));
    updateCount();
}

QString ApplicationsDialog::statusText(const QString &status, const QString &reason)
{
    if (status.isEmpty())
        return QStringLiteral("—");
    if (status == QLatin1String("unconfirmed"))
        return tr("E-mail not confirmed yet");
    if (status == QLatin1String("pending"))
        return tr("Waiting for the school");
    if (status == QLatin1String("approved"))
        return tr("Confirmed by the school");
    if (status == QLatin1String("rejected"))
        return reason.trimmed().isEmpty() ? tr("Rejected") : tr("Rejected: %1").arg(reason.trimmed());
    if (status == QLatin1String("graduate"))
        return tr("Graduated");
    if (status == QLatin1String("not-current"))
        return tr("No longer at the school");
    return status;
}

void ApplicationsDialog::setApplications(const QList<proto::Application> &applications)
{
    m_applications = applications;
    m_loaded = true;
    m_model->removeRows(0, m_model->rowCount());
    const QLocale locale;
    for (const proto::Application &a : applications) {
        const auto cell = [](const QString &text, const QVariant &sortKey = {}) {
            auto *item = new QStandardItem(text);
            item->setData(sortKey.isValid() ? sortKey : QVariant(text.toCaseFolded()), kSortRole);
            item->setToolTip(text);
            return item;
        };
        const QString status = statusText(a.status, a.reason);
        const QDateTime local = a.createdAt.toLocalTime();
        m_model->appendRow({cell(a.schoolName), cell(a.role == Role::Teacher ? tr("teacher") : tr("student")),
            cell(a.fullName()), cell(a.email),
            cell(locale.toString(local, QLocale::ShortFormat), a.createdAt.toMSecsSinceEpoch()), cell(status)});
    }
    m_view->resizeColumnsToContents();
    for (int c = 0; c < ColumnCount - 1; ++c)
        m_view->setColumnWidth(c, std::min(m_view->columnWidth(c), 280));
    updateCount();
}

int ApplicationsDialog::shownCount() const
{
    return m_proxy->rowCount();
}

void ApplicationsDialog::updateCount()
{
    if (m_empty)
        m_empty->refresh();
    if (!m_loaded) {
        m_count->clear();
        return;
    }
    m_count->setText(m_proxy->rowCount() == m_model->rowCount()
            ? tr("%n application(s)", nullptr, m_model->rowCount())
            : tr("%1 of %2 shown").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

void ApplicationsDialog::refresh()
{
    m_refresh->setEnabled(false);
    m_api->applications(std::nullopt, [self = QPointer<ApplicationsDialog>(this)](Result<QList<proto::Application>> r) {
        if (!self)
            return;
        self->m_refresh->setEnabled(true);
        if (!r) {
            self->m_error->setText(tr("The applications could not be loaded: %1").arg(errorText(r.error())));
            self->m_error->show();
            return;
        }
        self->m_error->hide();
        self->setApplications(r.value());
    });
}

} // namespace sg::ui
