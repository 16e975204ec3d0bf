#include "exporter.h"

#include "client/reportarchive.h"
#include "core/csvreader.h"
#include "prompter.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLocale>
#include <QLoggingCategory>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

Q_LOGGING_CATEGORY(lcExport, "sg.ui.export")

namespace sg::ui {

namespace {

// Client-side only, like errc::NetworkError: a file could not be written.
constexpr char kFileError[] = "file-error";

QString html(const QString &text)
{
    QString escaped = text.toHtmlEscaped();
    escaped.replace(QLatin1Char('\n'), QStringLiteral("<br/>"));
    return escaped;
}

QString localDateTime(const QDateTime &dt)
{
    return dt.isValid() ? QLocale().toString(dt.toLocalTime(), QLocale::ShortFormat) : QString();
}

// What a table shows in a cell, for the PDF.
QString displayText(const QModelIndex &index)
{
    const QVariant v = index.data(Qt::DisplayRole);
    switch (v.metaType().id()) {
    case QMetaType::QDateTime: return localDateTime(v.toDateTime());
    case QMetaType::QDate: return QLocale().toString(v.toDate(), QLocale::ShortFormat);
    default: return v.toString();
    }
}

// What goes into a CSV cell: a date or number the model gives as such in Qt::EditRole is written in an
// exchange format (ISO 8601, no digit grouping); anything else is the shown text, guarded against formulas.
QString csvText(const QModelIndex &index)
{
    const QVariant edit = index.data(Qt::EditRole);
    switch (edit.metaType().id()) {
    case QMetaType::QDateTime: return Exporter::isoTimestamp(edit.toDateTime());
    case QMetaType::QDate: return edit.toDate().toString(Qt::ISODate);
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Long:
    case QMetaType::ULong: return edit.toString();
    case QMetaType::Double: return QString::number(edit.toDouble(), 'g', 15);
    default: break;
    }
    return Exporter::spreadsheetSafe(index.data(Qt::DisplayRole).toString());
}

Error fileError(const QString &path, const QString &reason)
{
    return Error{QString::fromLatin1(kFileError),
        Exporter::tr("The file “%1” could not be saved: %2.\n\nChoose another folder, for example Documents, "
                     "and try again.")
            .arg(QDir::toNativeSeparators(path), reason)};
}

Status writeBytes(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fileError(path, file.errorString());
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return fileError(path, reason);
    }
    if (!file.commit())
        return fileError(path, file.errorString());
    return Unit{};
}

// Lays `body` out on A4 pages (2 cm margins, the page number at the bottom right: QTextDocument::print does both
// for a document without a page size of its own) and writes it as PDF.
Status writePdf(const QString &path, const QString &title, const QString &body, QPageLayout::Orientation orientation)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fileError(path, file.errorString());
    {
        QPdfWriter writer(&file);
        writer.setPageLayout(
            QPageLayout(QPageSize(QPageSize::A4), orientation, QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter));
        writer.setResolution(300);
        writer.setTitle(title);
        writer.setCreator(QStringLiteral("SchoolGate"));

        QTextDocument document;
        QFont font = QGuiApplication::font();
        font.setPointSizeF(9.5);
        document.setDefaultFont(font);
        document.setDefaultStyleSheet(
            QStringLiteral("h1 { font-size: 15pt; margin-bottom: 4px; }"
                           "h2 { font-size: 11pt; font-weight: normal; color: #444444; margin-bottom: 2px; }"
                           "h3 { font-size: 11pt; margin-top: 14px; margin-bottom: 6px; }"
                           "th { background-color: #e6ecf5; text-align: left; font-weight: bold; }"
                           "td.number { text-align: right; }"
                           "p.meta { color: #333333; }"
                           "p.footer { color: #666666; font-size: 8pt; margin-top: 12px; }"));
        document.setHtml(body);
        document.print(&writer);
    }
    // QPdfWriter reports no errors: a failed write shows in the file's state.
    if (file.error() != QFileDevice::NoError) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return fileError(path, reason);
    }
    if (!file.commit())
        return fileError(path, file.errorString());
    return Unit{};
}

QString tableStart()
{
    return QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" width=\"100%\" "
                          "style=\"border-collapse: collapse; border-color: #9aa5b1;\">");
}

QString fileNamePart(QString text)
{
    static const QString forbidden = QStringLiteral("\\/:*?\"<>|");
    for (QChar &c : text) {
        if (forbidden.contains(c) || c.unicode() < 0x20)
            c = u'_';
    }
    return text.simplified();
}

QString today()
{
    return QDate::currentDate().toString(Qt::ISODate);
}

QString pdfFilter()
{
    return Exporter::tr("PDF document (*.pdf)");
}

QString csvFilter()
{
    return Exporter::tr("CSV table for Excel or LibreOffice (*.csv)");
}

} // namespace

QString Exporter::spreadsheetSafe(const QString &cell)
{
    if (cell.isEmpty())
        return cell;
    switch (cell.front().unicode()) {
    case u'=':
    case u'+':
    case u'-':
    case u'@':
    case u'\t':
    case u'\r': return QLatin1Char('\'') + cell;
    default: return cell;
    }
}

QString Exporter::isoTimestamp(const QDateTime &dateTime)
{
    if (!dateTime.isValid())
        return {};
    const QDateTime local = dateTime.toLocalTime();
    const int offset = local.offsetFromUtc();
    const int minutes = std::abs(offset) / 60;
    return local.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss")) + (offset < 0 ? u'-' : u'+')
        + QStringLiteral("%1:%2").arg(minutes / 60, 2, 10, QLatin1Char('0')).arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QStringList Exporter::reportCsvHeader() const
{
    return {tr("Report No."), tr("Full name"), tr("Role"), tr("Decision"), tr("Reason"), tr("Decided at")};
}

QList<QStringList> Exporter::reportCsvRows(const proto::Report &report) const
{
    // A preview has no number yet: its column stays empty.
    const QString number = report.number > 0 ? QString::number(report.number) : QString();
    QList<QStringList> rows;
    rows.reserve(report.lines.size());
    for (const proto::ReportLine &l : report.lines) {
        rows.append({number, spreadsheetSafe(l.fullName), spreadsheetSafe(client::ReportLinesModel::roleText(l.role)),
            spreadsheetSafe(client::ReportLinesModel::verdictText(l.verdict)), spreadsheetSafe(l.reason),
            isoTimestamp(l.decidedAt)});
    }
    return rows;
}

QString Exporter::reportHtml(const proto::Report &report) const
{
    const bool preview = report.number <= 0;
    QString out;
    out += QStringLiteral("<html><body>");
    if (!m_schoolName.isEmpty())
        out += QStringLiteral("<h2>%1</h2>").arg(html(m_schoolName));
    out += QStringLiteral("<h1>%1</h1>")
               .arg(html(preview ? tr("Report preview: decisions not sent yet")
                                 : tr("Report No. %1 on confirming teachers and students").arg(report.number)));
    if (preview) {
        out += QStringLiteral("<p class=\"meta\">%1</p>")
                   .arg(html(tr("Prepared on %1. This is not a sent report: it shows what the next report will hold.")
                                 .arg(localDateTime(report.createdAt))));
    } else {
        out += QStringLiteral("<p class=\"meta\">%1</p>")
                   .arg(html(tr("Sent on %1 by %2.")
                                 .arg(localDateTime(report.createdAt),
                                     report.createdBy.isEmpty() ? tr("(unknown)") : report.createdBy)));
    }

    // Counts: role by verdict.
    const auto countRow = [](const QString &what, int approved, int rejected, bool bold) {
        const QString cell = bold ? QStringLiteral("<td class=\"number\"><b>%1</b></td>")
                                  : QStringLiteral("<td class=\"number\">%1</td>");
        return QStringLiteral("<tr><td>%1</td>").arg(bold ? QStringLiteral("<b>%1</b>").arg(html(what)) : html(what))
            + cell.arg(approved) + cell.arg(rejected) + cell.arg(approved + rejected) + QStringLiteral("</tr>");
    };
    out += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" width=\"60%\" "
                          "style=\"border-collapse: collapse; border-color: #9aa5b1;\">");
    out += QStringLiteral("<thead><tr><th></th><th>%1</th><th>%2</th><th>%3</th></tr></thead>")
               .arg(html(tr("Approved")), html(tr("Rejected")), html(tr("Total")));
    out += countRow(tr("Teachers"), report.teachersApproved, report.teachersRejected, false);
    out += countRow(tr("Students"), report.studentsApproved, report.studentsRejected, false);
    out += countRow(tr("All"), report.teachersApproved + report.studentsApproved,
        report.teachersRejected + report.studentsRejected, true);
    out += QStringLiteral("</table>");

    out += QStringLiteral("<h3>%1</h3>").arg(html(tr("Decisions (%1)").arg(report.lines.size())));
    if (report.lines.isEmpty()) {
        out += QStringLiteral("<p>%1</p>").arg(html(tr("There are no decisions in this report.")));
    } else {
        out += tableStart();
        out +=
            QStringLiteral("<thead><tr><th>№</th><th>%1</th><th>%2</th><th>%3</th><th>%4</th><th>%5</th></tr></thead>")
                .arg(html(tr("Full name")), html(tr("Role")), html(tr("Decision")), html(tr("Reason")),
                    html(tr("Decided at")));
        int n = 0;
        for (const proto::ReportLine &l : report.lines) {
            out += QStringLiteral("<tr><td class=\"number\">%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td>"
                                  "<td>%6</td></tr>")
                       .arg(QString::number(++n), html(l.fullName), html(client::ReportLinesModel::roleText(l.role)),
                           html(client::ReportLinesModel::verdictText(l.verdict)), html(l.reason),
                           html(localDateTime(l.decidedAt)));
        }
        out += QStringLiteral("</table>");
    }
    out += QStringLiteral("<p class=\"footer\">%1</p>")
               .arg(html(tr("Made with SchoolGate on %1.").arg(localDateTime(QDateTime::currentDateTime()))));
    out += QStringLiteral("</body></html>");
    return out;
}

QString Exporter::tableHtml(const QAbstractItemModel *model, const QString &title) const
{
    const int rows = model->rowCount();
    const int columns = model->columnCount();
    QString out;
    out.reserve(64 * (rows + 1) * std::max(1, columns));
    out += QStringLiteral("<html><body>");
    if (!m_schoolName.isEmpty())
        out += QStringLiteral("<h2>%1</h2>").arg(html(m_schoolName));
    out += QStringLiteral("<h1>%1</h1>").arg(html(title));
    out += QStringLiteral("<p class=\"meta\">%1</p>")
               .arg(html(tr("%n row(s) as of %1.", nullptr, rows).arg(localDateTime(QDateTime::currentDateTime()))));
    out += tableStart();
    out += QStringLiteral("<thead><tr>");
    for (int c = 0; c < columns; ++c)
        out +=
            QStringLiteral("<th>%1</th>").arg(html(model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString()));
    out += QStringLiteral("</tr></thead>");
    for (int r = 0; r < rows; ++r) {
        out += QStringLiteral("<tr>");
        for (int c = 0; c < columns; ++c)
            out += QStringLiteral("<td>%1</td>").arg(html(displayText(model->index(r, c))));
        out += QStringLiteral("</tr>");
    }
    out += QStringLiteral("</table>");
    out += QStringLiteral("<p class=\"footer\">%1</p>")
               .arg(html(tr("Made with SchoolGate on %1.").arg(localDateTime(QDateTime::currentDateTime()))));
    out += QStringLiteral("</body></html>");
    return out;
}

Status Exporter::exportReportPdf(const proto::Report &report, const QString &path) const
{
    const QString title = report.number > 0 ? tr("Report No. %1").arg(report.number) : tr("Report preview");
    const Status s = writePdf(path, title, reportHtml(report), QPageLayout::Portrait);
    if (!s)
        qCWarning(lcExport) << "report PDF not written:" << s.error().code; // the path may name the user
    return s;
}

Status Exporter::exportReportCsv(const proto::Report &report, const QString &path, QChar delimiter) const
{
    return writeBytes(path, CsvReader::write(reportCsvHeader(), reportCsvRows(report), delimiter, true));
}

Status Exporter::exportTableCsv(const QAbstractItemModel *model, const QString &path, QChar delimiter) const
{
    const int rows = model->rowCount();
    const int columns = model->columnCount();
    QStringList header;
    header.reserve(columns);
    for (int c = 0; c < columns; ++c)
        header.append(spreadsheetSafe(model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString()));
    QList<QStringList> table;
    table.reserve(rows);
    for (int r = 0; r < rows; ++r) {
        QStringList row;
        row.reserve(columns);
        for (int c = 0; c < columns; ++c)
            row.append(csvText(model->index(r, c)));
        table.append(std::move(row));
    }
    return writeBytes(path, CsvReader::write(header, table, delimiter, true));
}

Status Exporter::exportTablePdf(const QAbstractItemModel *model, const QString &title, const QString &path) const
{
    // Wide tables (the members tables have six columns) read better across the page.
    const auto orientation = model->columnCount() > 5 ? QPageLayout::Landscape : QPageLayout::Portrait;
    return writePdf(path, title, tableHtml(model, title), orientation);
}

QString Exporter::suggestedReportName(const proto::Report &report, Format format)
{
    const QString date = (report.createdAt.isValid() ? report.createdAt.toLocalTime().date() : QDate::currentDate())
                             .toString(Qt::ISODate);
    const QString base =
        report.number > 0 ? tr("Report %1 of %2").arg(report.number).arg(date) : tr("Report preview %1").arg(date);
    return fileNamePart(base) + (format == Format::Pdf ? QStringLiteral(".pdf") : QStringLiteral(".csv"));
}

std::optional<QString> Exporter::saveReport(
    QWidget *parent, Prompter *prompter, const proto::Report &report, Format format) const
{
    const bool pdf = format == Format::Pdf;
    const std::optional<QString> path =
        prompter->askSaveFile(parent, pdf ? tr("Save the report as PDF") : tr("Save the report as CSV"),
            suggestedReportName(report, format), pdf ? pdfFilter() : csvFilter());
    if (!path || path->isEmpty())
        return std::nullopt;
    const Status s = pdf ? exportReportPdf(report, *path) : exportReportCsv(report, *path, m_delimiter);
    if (!s) {
        prompter->inform(parent, tr("The file is not saved"), s.error().message);
        return std::nullopt;
    }
    return path;
}

std::optional<QString> Exporter::saveTable(
    QWidget *parent, Prompter *prompter, const QAbstractItemModel *model, const QString &title, Format format) const
{
    const bool pdf = format == Format::Pdf;
    const QString name =
        fileNamePart(title + QLatin1Char(' ') + today()) + (pdf ? QStringLiteral(".pdf") : QStringLiteral(".csv"));
    const std::optional<QString> path = prompter->askSaveFile(
        parent, pdf ? tr("Save the table as PDF") : tr("Save the table as CSV"), name, pdf ? pdfFilter() : csvFilter());
    if (!path || path->isEmpty())
        return std::nullopt;
    const Status s = pdf ? exportTablePdf(model, title, *path) : exportTableCsv(model, *path, m_delimiter);
    if (!s) {
        prompter->inform(parent, tr("The file is not saved"), s.error().message);
        return std::nullopt;
    }
    return path;
}

} // namespace sg::ui
