#include "reportdialog.h"

#include "client/reportarchive.h"
#include "exporter.h"
#include "prompter.h"

#include <QBrush>
#include <QColor>
#include <QDir>
#include <QEvent>
#include <QFont>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace sg::ui {

using client::ReportLinesModel;

namespace {

// Sorts and filters like its base, and tints the lines ReportLinesModel marks as new or changed.
class ChangeTintProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::BackgroundRole || role == Qt::ToolTipRole || role == Qt::FontRole) {
            const auto change = ReportLinesModel::Change(index.data(ReportLinesModel::ChangeRole).toInt());
            if (change != ReportLinesModel::Change::None) {
                const bool added = change == ReportLinesModel::Change::Added;
                switch (role) {
                case Qt::BackgroundRole:
                    // Translucent over the row's own colour: readable in light and dark palettes.
                    return QBrush(added ? QColor(46, 160, 67, 80) : QColor(219, 150, 0, 90));
                case Qt::ToolTipRole:
                    return added ? ReportDialog::tr("New: not in the preview you saw before")
                                 : ReportDialog::tr("Changed since the preview you saw before");
                default: {
                    QFont bold;
                    bold.setBold(true);
                    return bold;
                }
                }
            }
        }
        return QSortFilterProxyModel::data(index, role);
    }
};

} // namespace

ReportDialog::ReportDialog(
    const proto::Report &report, bool preview, Exporter *exporter, Prompter *prompter, QWidget *parent)
    : QDialog(parent)
    , m_report(report)
    , m_preview(preview)
    , m_exporter(exporter)
    , m_prompter(prompter)
    , m_model(new ReportLinesModel(this))
    , m_proxy(new ChangeTintProxy(this))
    , m_title(new QLabel(this))
    , m_details(new QLabel(this))
    , m_emptyLabel(new QLabel(this))
    , m_errorLabel(new QLabel(this))
    , m_changesLabel(new QLabel(this))
    , m_savedLabel(new QLabel(this))
    , m_view(new QTableView(this))
    , m_exportPdf(new QPushButton(this))
    , m_exportCsv(new QPushButton(this))
    , m_close(new QPushButton(this))
{
    setObjectName(preview ? QStringLiteral("reportPreviewDialog") : QStringLiteral("reportDialog"));
    m_title->setObjectName(QStringLiteral("reportTitleLabel"));
    m_details->setObjectName(QStringLiteral("reportDetailsLabel"));
    m_emptyLabel->setObjectName(QStringLiteral("emptyReportLabel"));
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_changesLabel->setObjectName(QStringLiteral("reportChangesLabel"));
    m_savedLabel->setObjectName(QStringLiteral("savedLabel"));
    m_view->setObjectName(QStringLiteral("reportLinesTableView"));
    m_exportPdf->setObjectName(QStringLiteral("exportPdfButton"));
    m_exportCsv->setObjectName(QStringLiteral("exportCsvButton"));
    m_close->setObjectName(QStringLiteral("closeButton"));

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setProperty("banner", QStringLiteral("info"));
    m_emptyLabel->setMargin(6);
    m_emptyLabel->setVisible(preview && report.lines.isEmpty());
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setProperty("banner", QStringLiteral("error"));
    m_errorLabel->setVisible(false);
    m_changesLabel->setWordWrap(true);
    m_changesLabel->setProperty("banner", QStringLiteral("warning"));
    m_changesLabel->setMargin(6);
    m_changesLabel->setVisible(false);
    m_savedLabel->setWordWrap(true);
    m_savedLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_savedLabel->setVisible(false);

    // Counts: a small grid, role by decision.
    auto *counts = new QFrame(this);
    counts->setObjectName(QStringLiteral("countsFrame"));
    counts->setFrameShape(QFrame::StyledPanel);
    auto *grid = new QGridLayout(counts);
    grid->setHorizontalSpacing(24);
    grid->setVerticalSpacing(4);
    const int values[3][3] = {
        {report.teachersApproved, report.teachersRejected, report.teachersApproved + report.teachersRejected},
        {report.studentsApproved, report.studentsRejected, report.studentsApproved + report.studentsRejected},
        {report.teachersApproved + report.studentsApproved, report.teachersRejected + report.studentsRejected,
            report.total()},
    };
    static const char *const rowNames[3] = {"teachers", "students", "all"};
    static const char *const columnNames[3] = {"Approved", "Rejected", "Total"};
    for (int c = 0; c < 3; ++c) {
        m_countsCaption[c] = new QLabel(counts);
        m_countsCaption[c]->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        grid->addWidget(m_countsCaption[c], 0, c + 1);
    }
    for (int r = 0; r < 3; ++r) {
        m_rowCaption[r] = new QLabel(counts);
        grid->addWidget(m_rowCaption[r], r + 1, 0);
        for (int c = 0; c < 3; ++c) {
            auto *value = new QLabel(QLocale().toString(values[r][c]), counts);
            // teachersApprovedLabel, studentsRejectedLabel, allTotalLabel, ...
            value->setObjectName(QLatin1String(rowNames[r]) + QLatin1String(columnNames[c]) + QLatin1String("Label"));
            value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (r == 2 || c == 2) {
                QFont bold = value->font();
                bold.setBold(true);
                value->setFont(bold);
            }
            grid->addWidget(value, r + 1, c + 1);
        }
    }
    counts->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    auto *countsRow = new QHBoxLayout;
    countsRow->addWidget(counts);
    countsRow->addStretch(1);

    m_model->setLines(report.lines);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ReportLinesModel::SortKeyRole);
    m_view->setModel(m_proxy);
    m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // the server's order until clicked
    m_view->setSortingEnabled(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setTabKeyNavigation(false); // Tab leaves the table; the arrows move within it
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setSectionResizeMode(ReportLinesModel::ReasonColumn, QHeaderView::Stretch);
    m_view->setColumnWidth(ReportLinesModel::FullNameColumn, 280);
    m_view->setColumnWidth(ReportLinesModel::RoleColumn, 100);
    m_view->setColumnWidth(ReportLinesModel::VerdictColumn, 130);
    m_view->horizontalHeader()->setSectionResizeMode(ReportLinesModel::DecidedAtColumn, QHeaderView::ResizeToContents);

    m_exportPdf->setIcon(style()->standardIcon(QStyle::SP_FileIcon));
    m_exportCsv->setIcon(style()->standardIcon(QStyle::SP_FileDialogDetailedView));
    for (QPushButton *b : {m_exportPdf, m_exportCsv})
        b->setAutoDefault(false);
    m_close->setDefault(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_exportPdf);
    buttons->addWidget(m_exportCsv);
    buttons->addStretch(1);
    if (preview) {
        m_send = new QPushButton(this);
        m_send->setObjectName(QStringLiteral("confirmSendReportButton"));
        m_send->setProperty("role", QStringLiteral("approve"));
        // Enter must never send a report by accident: only a click or Space on the focused button does.
        m_send->setAutoDefault(false);
        buttons->addWidget(m_send);
        connect(m_send, &QPushButton::clicked, this, [this] {
            if (!m_sending && !m_report.lines.isEmpty())
                emit sendRequested();
        });
    }
    buttons->addWidget(m_close);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_details);
    layout->addLayout(countsRow);
    layout->addWidget(m_emptyLabel);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_changesLabel);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_savedLabel);
    layout->addLayout(buttons);

    connect(m_exportPdf, &QPushButton::clicked, this, [this] { exportAs(true); });
    connect(m_exportCsv, &QPushButton::clicked, this, [this] { exportAs(false); });
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);

    resize(960, 620);
    retranslate();
}

void ReportDialog::setSending(bool sending)
{
    m_sending = sending;
    if (sending)
        showError(QString());
    updateSendButton();
}

void ReportDialog::showError(const QString &text)
{
    m_errorLabel->setText(text);
    m_errorLabel->setVisible(!text.isEmpty());
}

void ReportDialog::markChanges(
    const proto::ReportSnapshot &shown, const QString &reason, const QHash<qint64, QString> &names)
{
    const QList<proto::ReportSnapshotLine> removed = m_model->markChanges(shown);
    m_added = 0;
    m_modified = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const auto change = m_model->changeAt(row);
        m_added += change == ReportLinesModel::Change::Added ? 1 : 0;
        m_modified += change == ReportLinesModel::Change::Changed ? 1 : 0;
    }
    m_removedNames.clear();
    for (const proto::ReportSnapshotLine &line : removed)
        m_removedNames.append(names.value(line.memberId, tr("person No. %1").arg(line.memberId)));
    m_changesReason = reason;
    m_changed = true;
    updateChangesText();
    m_changesLabel->setVisible(true);
}

void ReportDialog::updateChangesText()
{
    if (!m_changed)
        return;
    QStringList parts;
    parts.append(m_changesReason.isEmpty() ? tr("The report was not sent: the decisions changed after the preview.")
                                           : m_changesReason);
    parts.append(tr("Nothing was sent. This is what the report would hold now:"));
    QStringList what;
    if (m_added > 0)
        what.append(tr("%n new line(s)", nullptr, m_added));
    if (m_modified > 0)
        what.append(tr("%n changed line(s)", nullptr, m_modified));
    if (!m_removedNames.isEmpty())
        what.append(tr("no longer in it: %1").arg(m_removedNames.join(QStringLiteral(", "))));
    if (what.isEmpty())
        what.append(tr("the same people, decided again"));
    parts.append(what.join(QStringLiteral("; ")) + QLatin1Char('.'));
    parts.append(tr("Check it and press «Send report» again."));
    m_changesLabel->setText(parts.join(QLatin1Char(' ')));
}

void ReportDialog::updateSendButton()
{
    if (!m_send)
        return;
    m_send->setText(m_sending ? tr("Sending…") : tr("Send report"));
    m_send->setEnabled(!m_sending && !m_report.lines.isEmpty());
}

void ReportDialog::exportAs(bool pdf)
{
    const auto path =
        m_exporter->saveReport(this, m_prompter, m_report, pdf ? Exporter::Format::Pdf : Exporter::Format::Csv);
    if (!path)
        return;
    m_savedPath = *path;
    m_savedLabel->setText(tr("Saved: %1").arg(QDir::toNativeSeparators(m_savedPath)));
    m_savedLabel->setVisible(true);
    emit exported(*path);
}

void ReportDialog::retranslate()
{
    const QString when = QLocale().toString(m_report.createdAt.toLocalTime(), QLocale::ShortFormat);
    if (m_preview) {
        setWindowTitle(tr("Report preview"));
        m_title->setText(tr("Report preview"));
        m_details->setText(m_report.lines.isEmpty()
                ? tr("There is nothing to send: every decision is already reported.")
                : tr("These %n decision(s) will go into the next report. Check them and press «Send report». "
                     "Once sent, they can no longer be taken back.",
                    nullptr, int(m_report.lines.size())));
    } else {
        setWindowTitle(tr("Report No. %1").arg(m_report.number));
        m_title->setText(tr("Report No. %1").arg(m_report.number));
        m_details->setText(
            tr("Sent on %1 by %2.").arg(when, m_report.createdBy.isEmpty() ? tr("(unknown)") : m_report.createdBy));
    }
    m_emptyLabel->setText(tr("There are no new decisions to report."));
    m_countsCaption[0]->setText(tr("Approved"));
    m_countsCaption[1]->setText(tr("Rejected"));
    m_countsCaption[2]->setText(tr("Total"));
    m_rowCaption[0]->setText(tr("Teachers"));
    m_rowCaption[1]->setText(tr("Students"));
    m_rowCaption[2]->setText(tr("All"));
    m_view->setAccessibleName(tr("Decisions in the report"));
    m_model->retranslate();
    m_exportPdf->setText(tr("PDF…"));
    m_exportPdf->setToolTip(tr("Save the report as a PDF document to print or send by e-mail"));
    m_exportPdf->setAccessibleName(tr("Save as PDF"));
    m_exportCsv->setText(tr("CSV…"));
    m_exportCsv->setToolTip(tr("Save the decisions as a table for Excel or LibreOffice"));
    m_exportCsv->setAccessibleName(tr("Save as CSV"));
    m_close->setText(tr("Close"));
    m_close->setAccessibleName(tr("Close"));
    if (m_send) {
        m_send->setToolTip(tr("Send these decisions to the programme as the next report"));
        m_send->setAccessibleName(tr("Send report"));
    }
    updateChangesText();
    if (!m_savedPath.isEmpty())
        m_savedLabel->setText(tr("Saved: %1").arg(QDir::toNativeSeparators(m_savedPath)));
    updateSendButton();
}

void ReportDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

} // namespace sg::ui
