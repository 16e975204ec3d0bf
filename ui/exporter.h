#pragma once

#include "core/protocol.h"
#include "core/result.h"

#include <QChar>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

QT_BEGIN_NAMESPACE
class QAbstractItemModel;
class QDateTime;
class QWidget;
QT_END_NAMESPACE

namespace sg::ui {

class Prompter;

// Writes reports and tables to PDF (A4, for printing and mailing) and to CSV (for spreadsheets).
//
// Every file goes through QSaveFile: when anything fails, nothing is left at the path and a file that was there
// before stays as it was. Failures come back as an Error with the code "file-error" and a message for the user.
//
// CSV is UTF-8 with a BOM (so that Excel detects the encoding), CRLF line ends, the chosen delimiter; numbers are
// written without grouping and dates as ISO 8601 in local time with the UTC offset ("2024-05-12T14:30:00+03:00"),
// never in the locale's format.
//
// Formula injection: a spreadsheet runs a cell that begins with = + - @, a tab or a carriage return as a formula,
// so a name or a rejection reason typed as "=HYPERLINK(...)" would act when the file is opened. The CSV files made
// here are meant for spreadsheets, so such a text cell gets a leading apostrophe ("'=HYPERLINK(...)"), which
// spreadsheets take as "this is text" and do not show. Every other cell is written exactly, numbers and dates
// (which we format ourselves) are never prefixed, and the PDF export never alters anything.
class Exporter
{
    Q_DECLARE_TR_FUNCTIONS(sg::ui::Exporter)

public:
    enum class Format { Pdf, Csv };

    // The school named at the top of PDF documents (empty: none).
    void setSchoolName(const QString &name) { m_schoolName = name; }
    QString schoolName() const { return m_schoolName; }
    // The delimiter for CSV files the user chose: ';' by default (what Excel expects in a Russian locale).
    void setCsvDelimiter(QChar delimiter) { m_delimiter = delimiter; }
    QChar csvDelimiter() const { return m_delimiter; }

    // A report (or a preview: number 0) as an A4 document: school, number, date, sender, counts and every line.
    Status exportReportPdf(const proto::Report &report, const QString &path) const;
    // A report's lines: header, then one row per line (report number, full name, role, decision, reason, date).
    Status exportReportCsv(const proto::Report &report, const QString &path, QChar delimiter) const;
    // Any table: the header from headerData(), then every row of `model` (pass a proxy to write what is shown).
    Status exportTableCsv(const QAbstractItemModel *model, const QString &path, QChar delimiter) const;
    Status exportTablePdf(const QAbstractItemModel *model, const QString &title, const QString &path) const;

    // The same, asking for the path first (Prompter::askSaveFile) and telling the user about a failure
    // (Prompter::inform). Returns the path written; nullopt when the user cancelled or writing failed.
    std::optional<QString> saveReport(
        QWidget *parent, Prompter *prompter, const proto::Report &report, Format format) const;
    std::optional<QString> saveTable(QWidget *parent, Prompter *prompter, const QAbstractItemModel *model,
        const QString &title, Format format) const;

    // The CSV building blocks, public for tests.
    static QString spreadsheetSafe(const QString &cell);
    static QString isoTimestamp(const QDateTime &dateTime);
    QStringList reportCsvHeader() const;
    QList<QStringList> reportCsvRows(const proto::Report &report) const;
    QString reportHtml(const proto::Report &report) const;
    QString tableHtml(const QAbstractItemModel *model, const QString &title) const;
    static QString suggestedReportName(const proto::Report &report, Format format);

private:
    QString m_schoolName;
    QChar m_delimiter = u';';
};

} // namespace sg::ui
