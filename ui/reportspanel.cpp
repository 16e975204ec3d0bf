#include "reportspanel.h"

#include "client/membertablemodel.h"
#include "client/reportarchive.h"
#include "client/schoolsession.h"
#include "exporter.h"
#include "reportdialog.h"

#include <QComboBox>
#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace sg::ui {

using client::ReportHistoryModel;

ReportsPanel::ReportsPanel(client::SchoolSession *session, client::ReportArchive *archive, Exporter *exporter,
    Prompter *prompter, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_archive(archive)
    , m_exporter(exporter)
    , m_prompter(prompter)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_unreportedLabel(new QLabel(this))
    , m_preview(new QPushButton(this))
    , m_messageLabel(new QLabel(this))
    , m_queuedFrame(new QFrame(this))
    , m_queuedLabel(new QLabel(this))
    , m_cancelQueued(new QPushButton(this))
    , m_historyLabel(new QLabel(this))
    , m_view(new QTableView(this))
    , m_open(new QPushButton(this))
    , m_refresh(new QPushButton(this))
    , m_delimiterLabel(new QLabel(this))
    , m_delimiter(new QComboBox(this))
    , m_emptyHistoryLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("reportsPanel"));
    m_unreportedLabel->setObjectName(QStringLiteral("unreportedLabel"));
    m_preview->setObjectName(QStringLiteral("previewReportButton"));
    m_messageLabel->setObjectName(QStringLiteral("reportMessageLabel"));
    m_queuedFrame->setObjectName(QStringLiteral("queuedReportFrame"));
    m_queuedLabel->setObjectName(QStringLiteral("queuedReportLabel"));
    m_cancelQueued->setObjectName(QStringLiteral("cancelQueuedReportButton"));
    m_historyLabel->setObjectName(QStringLiteral("historyLabel"));
    m_view->setObjectName(QStringLiteral("reportHistoryTableView"));
    m_open->setObjectName(QStringLiteral("openReportButton"));
    m_refresh->setObjectName(QStringLiteral("refreshHistoryButton"));
    m_delimiterLabel->setObjectName(QStringLiteral("csvDelimiterLabel"));
    m_delimiter->setObjectName(QStringLiteral("csvDelimiterComboBox"));
    m_emptyHistoryLabel->setObjectName(QStringLiteral("emptyHistoryLabel"));

    // The banner: what is waiting to be reported, and the way to send it.
    auto *banner = new QFrame(this);
    banner->setObjectName(QStringLiteral("reportsBanner"));
    banner->setProperty("banner", QStringLiteral("info"));
    auto *bannerLayout = new QHBoxLayout(banner);
    bannerLayout->setContentsMargins(12, 8, 12, 8);
    m_unreportedLabel->setWordWrap(true);
    bannerLayout->addWidget(m_unreportedLabel, 1);
    bannerLayout->addWidget(m_preview);
    m_preview->setProperty("role", QStringLiteral("approve"));

    m_messageLabel->setWordWrap(true);
    m_messageLabel->setMargin(6);
    m_messageLabel->setVisible(false);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // The report waiting on this computer (offline copy), with the way to cancel it.
    m_queuedFrame->setProperty("banner", QStringLiteral("warning"));
    auto *queuedLayout = new QHBoxLayout(m_queuedFrame);
    queuedLayout->setContentsMargins(12, 6, 12, 6);
    m_queuedLabel->setWordWrap(true);
    queuedLayout->addWidget(m_queuedLabel, 1);
    queuedLayout->addWidget(m_cancelQueued);
    m_queuedFrame->setVisible(false);

    QFont bold = m_historyLabel->font();
    bold.setBold(true);
    m_historyLabel->setFont(bold);
    m_emptyHistoryLabel->setVisible(false);
    m_emptyHistoryLabel->setWordWrap(true);

    m_proxy->setSourceModel(m_archive->historyModel());
    m_proxy->setSortRole(ReportHistoryModel::SortKeyRole);
    m_view->setModel(m_proxy);
    // Newest first: by number, descending, as the header's indicator says. (An indicator on no column, meaning "as
    // loaded", is not honoured alike by every Qt version: with Qt 6.8 the oldest report came first.)
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ReportHistoryModel::NumberColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setTabKeyNavigation(false); // Tab leaves the table; the arrows move within it
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ReportHistoryModel::SentByColumn, QHeaderView::Stretch);

    m_delimiterLabel->setBuddy(m_delimiter);

    auto *historyBar = new QHBoxLayout;
    historyBar->addWidget(m_historyLabel);
    historyBar->addStretch(1);
    historyBar->addWidget(m_open);
    historyBar->addWidget(m_refresh);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_delimiterLabel);
    bottom->addWidget(m_delimiter);
    bottom->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->addWidget(banner);
    layout->addWidget(m_messageLabel);
    layout->addWidget(m_queuedFrame);
    layout->addSpacing(6);
    layout->addLayout(historyBar);
    layout->addWidget(m_emptyHistoryLabel);
    layout->addWidget(m_view, 1);
    layout->addLayout(bottom);

    connect(m_preview, &QPushButton::clicked, this, &ReportsPanel::showPreview);
    connect(m_view, &QAbstractItemView::activated, this, &ReportsPanel::openReportAt); // double-click and Enter
    connect(m_open, &QPushButton::clicked, this, [this] { openReportAt(m_view->currentIndex()); });
    connect(m_refresh, &QPushButton::clicked, m_archive, &client::ReportArchive::refresh);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ReportsPanel::updateButtons);
    connect(m_delimiter, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QString d = m_delimiter->itemData(index).toString();
        if (d.size() == 1)
            m_exporter->setCsvDelimiter(d.front());
    });

    connect(m_cancelQueued, &QPushButton::clicked, this, [this] {
        if (Status s = m_session->cancelQueuedReport(); !s) {
            m_errorText = s.error().message;
            updateMessage();
        }
        updateQueued();
    });
    connect(m_session, &client::SchoolSession::outboxChanged, this, &ReportsPanel::updateQueued);
    connect(m_session, &client::SchoolSession::reportQueued, this, [this] {
        updateQueued();
        if (!m_sending)
            return;
        // Sent from the preview, but the server could not be reached: it waits in the queue.
        m_sending = false;
        if (m_dialog && m_dialog->isPreview())
            m_dialog->accept();
        updateButtons();
    });
    connect(m_session, &client::SchoolSession::reportChanged, this, &ReportsPanel::onReportChanged);
    connect(m_session, &client::SchoolSession::unreportedChanged, this, &ReportsPanel::updateBanner);
    connect(m_session, &client::SchoolSession::busyChanged, this, &ReportsPanel::updateButtons);
    connect(m_session, &client::SchoolSession::reportSent, this, &ReportsPanel::onReportSent);
    connect(m_session, &client::SchoolSession::operationFailed, this, [this](const Error &error) {
        if (!m_sending)
            return; // not ours: the main window shows it
        m_sending = false;
        if (m_dialog) {
            m_dialog->setSending(false);
            m_dialog->showError(error.message);
        }
    });

    connect(m_archive, &client::ReportArchive::busyChanged, this, &ReportsPanel::updateButtons);
    connect(m_archive, &client::ReportArchive::failed, this, &ReportsPanel::onFailed);
    connect(m_archive, &client::ReportArchive::historyChanged, this, [this] {
        m_emptyHistoryLabel->setVisible(m_archive->history().isEmpty());
        updateButtons();
    });
    connect(m_archive, &client::ReportArchive::previewLoaded, this, [this](const proto::Report &preview) {
        if (!m_previewRequested)
            return;
        m_previewRequested = false;
        openDialog(preview, true);
    });
    connect(m_archive, &client::ReportArchive::reportLoaded, this, [this](const proto::Report &report) {
        if (m_requestedReportId == 0 || report.id != m_requestedReportId)
            return;
        m_requestedReportId = 0;
        openDialog(report, false);
    });

    retranslate();
    m_archive->refresh();
}

QChar ReportsPanel::csvDelimiter() const
{
    const QString d = m_delimiter->currentData().toString();
    return d.size() == 1 ? d.front() : QChar(u';');
}

void ReportsPanel::showPreview()
{
    m_errorText.clear();
    m_previewRequested = true;
    m_archive->loadPreview();
    updateButtons();
}

void ReportsPanel::openReportAt(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const qint64 id = index.siblingAtColumn(0).data(ReportHistoryModel::IdRole).toLongLong();
    if (id <= 0)
        return;
    m_errorText.clear();
    m_requestedReportId = id;
    m_archive->loadReport(id);
    updateButtons();
}

void ReportsPanel::openDialog(const proto::Report &report, bool preview)
{
    if (m_dialog)
        m_dialog->close();
    updateSchoolName();
    auto *dialog = new ReportDialog(report, preview, m_exporter, m_prompter, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (preview) {
        connect(dialog, &ReportDialog::sendRequested, this, [this, dialog] {
            m_sending = true;
            dialog->setSending(true);
            m_session->sendReport(dialog->report());
        });
    }
    m_dialog = dialog;
    dialog->open();
    updateMessage();
    updateButtons();
}

void ReportsPanel::onFailed(const Error &error)
{
    m_previewRequested = false;
    m_requestedReportId = 0;
    m_errorText = error.message;
    updateMessage();
    updateButtons();
}

void ReportsPanel::onReportSent(const proto::Report &report)
{
    m_sending = false;
    m_lastSent = report;
    m_errorText.clear();
    if (m_dialog && m_dialog->isPreview())
        m_dialog->accept(); // closes and deletes it
    m_archive->refresh();
    updateMessage();
    emit reportSent(report);
}

void ReportsPanel::onReportChanged(
    const proto::ReportSnapshot &shown, const proto::Report &preview, const QString &message)
{
    // Nothing was sent. The names of people no longer in the report: from the preview the user saw, else the tables.
    QHash<qint64, QString> names;
    if (m_dialog && m_dialog->isPreview()) {
        for (const proto::ReportLine &line : m_dialog->report().lines)
            names.insert(line.memberId, line.fullName);
    }
    for (const proto::ReportSnapshotLine &line : shown.lines) {
        if (names.contains(line.memberId))
            continue;
        for (client::MemberTableModel *model : {m_session->teachers(), m_session->students()}) {
            if (const proto::Member *m = model->memberById(line.memberId))
                names.insert(line.memberId, m->fullName());
        }
    }
    m_sending = false;
    m_previewRequested = false;
    m_errorText.clear();
    openDialog(preview, true);
    if (m_dialog)
        m_dialog->markChanges(shown, message, names);
    updateQueued();
    updateMessage();
}

void ReportsPanel::updateQueued()
{
    const auto queued = m_session->queuedReport();
    m_queuedFrame->setVisible(queued.has_value());
    if (!queued)
        return;
    const int n = int(queued->snapshot.lines.size());
    m_queuedLabel->setText(
        tr("Queued: a report of %n decision(s), saved on %1, is sent as soon as the server can be reached.", nullptr, n)
            .arg(QLocale().toString(queued->queuedAt.toLocalTime(), QLocale::ShortFormat)));
    m_cancelQueued->setEnabled(!queued->sent);
}

void ReportsPanel::updateSchoolName()
{
    if (m_session->school())
        m_exporter->setSchoolName(m_session->school()->name);
}

void ReportsPanel::updateMessage()
{
    QString text;
    QString kind;
    if (!m_errorText.isEmpty()) {
        text = m_errorText;
        kind = QStringLiteral("error");
    } else if (m_lastSent) {
        text = tr("Report No. %1 is sent: %n decision(s).", nullptr, m_lastSent->total()).arg(m_lastSent->number);
        kind = QStringLiteral("info");
    }
    m_messageLabel->setText(text);
    m_messageLabel->setProperty("banner", kind);
    m_messageLabel->style()->unpolish(m_messageLabel);
    m_messageLabel->style()->polish(m_messageLabel);
    m_messageLabel->setVisible(!text.isEmpty());
}

void ReportsPanel::updateBanner()
{
    const int n = m_session->unreportedDecisions();
    m_unreportedLabel->setText(n > 0 ? tr("%n decision(s) not reported yet. Send a report each time you have "
                                          "approved or rejected people.",
                                   nullptr, n)
                                     : tr("All decisions are reported."));
    updateButtons();
}

void ReportsPanel::updateButtons()
{
    const bool waiting = m_previewRequested || m_requestedReportId != 0 || m_sending;
    const bool mayReport = m_session->user() && m_session->user()->role == Role::School;
    m_preview->setEnabled(mayReport && m_session->unreportedDecisions() > 0 && !m_session->isBusy() && !waiting);
    m_open->setEnabled(m_view->selectionModel()->hasSelection() && !waiting);
    m_refresh->setEnabled(!m_archive->isBusy());
}

void ReportsPanel::retranslate()
{
    m_cancelQueued->setText(tr("Cancel"));
    m_cancelQueued->setToolTip(tr("Do not send the queued report; its decisions count as not reported again"));
    m_cancelQueued->setAccessibleName(tr("Cancel the queued report"));
    updateQueued();
    m_preview->setText(tr("Preview and send…"));
    m_preview->setToolTip(tr("See what the next report holds and send it"));
    m_preview->setAccessibleName(tr("Preview and send the report"));
    m_unreportedLabel->setAccessibleName(tr("Decisions not reported"));
    m_historyLabel->setText(tr("Sent reports"));
    m_view->setAccessibleName(tr("Sent reports"));
    m_view->setToolTip(tr("Double-click a report or press Enter to open it"));
    m_open->setText(tr("Open…"));
    m_open->setAccessibleName(tr("Open the selected report"));
    m_refresh->setText(tr("Refresh"));
    m_refresh->setAccessibleName(tr("Refresh the list of reports"));
    m_emptyHistoryLabel->setText(tr("No reports have been sent yet."));
    m_delimiterLabel->setText(tr("CSV &delimiter:"));
    m_delimiter->setAccessibleName(tr("Delimiter for CSV files"));
    m_delimiter->setToolTip(tr("Excel in Russian expects a semicolon; choose a comma or Tab for other programs"));
    {
        const QString current = m_delimiter->currentIndex() >= 0 ? m_delimiter->currentData().toString()
                                                                 : QString(m_exporter->csvDelimiter());
        const QSignalBlocker block(m_delimiter);
        m_delimiter->clear();
        m_delimiter->addItem(tr("; (semicolon, for Excel)"), QStringLiteral(";"));
        m_delimiter->addItem(tr(", (comma)"), QStringLiteral(","));
        m_delimiter->addItem(tr("Tab"), QStringLiteral("\t"));
        m_delimiter->setCurrentIndex(std::max(0, m_delimiter->findData(current)));
    }
    m_exporter->setCsvDelimiter(csvDelimiter());
    m_archive->historyModel()->retranslate();
    updateBanner();
    updateMessage();
}

void ReportsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace sg::ui
