#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QChar>
#include <QList>
#include <QString>
#include <QStringList>

namespace sg {

// A parsed CSV file: the first record is the header, the others are rows.
struct CsvTable
{
    QStringList header;
    QList<QStringList> rows;
    QList<int> rowLines; // 1-based physical line on which each row starts (a quoted field may span lines)
    // The row's number as a spreadsheet shows it: records counted from 1 (the header's), empty ones included, a
    // record spanning several lines counted once.
    QList<int> rowRecords;
    QString encoding; // "UTF-8", "UTF-16LE", "UTF-16BE" or "Windows-1251"
    QChar delimiter;

    // The number of fields every row should have: the header's. Rows of another length are kept as they are;
    // the importer reports them, naming rowLines[i].
    int expectedColumns() const { return int(header.size()); }
};

// Reads and writes the CSV files people export from spreadsheets (Excel, LibreOffice, 1C), RFC 4180 style.
class CsvReader
{
public:
    static constexpr qsizetype kMaxBytes = 50 * 1024 * 1024;

    // Parses a whole file. Encoding: a UTF-8 BOM or valid UTF-8 -> UTF-8; a UTF-16 BOM (Excel's "Unicode
    // text") -> UTF-16; anything else -> Windows-1251 (decoded by a built-in table, no ICU needed).
    // Delimiter: a null QChar detects it from the header line (';', tab or ',', whichever occurs most
    // outside quotes; ';' wins ties and is used when there is none). Quoted fields may contain delimiters,
    // doubled quotes and line breaks (normalised to "\n"); CRLF, LF and CR line ends are accepted. Empty
    // lines are skipped wherever they are. Ragged rows are kept (see CsvTable::expectedColumns()).
    // Errors have the code "validation-failed" and a translated message naming the line where it applies:
    // an empty file, a file over kMaxBytes, a binary file (NUL characters, an Excel workbook), an unclosed
    // quote, or an unusable delimiter.
    static Result<CsvTable> parse(const QByteArray &bytes, QChar delimiter = QChar());

    // Writes UTF-8 (with a BOM by default, so that Excel detects the encoding), CRLF line ends, every line
    // including the last one terminated. A field is quoted when it contains the delimiter, a quote, CR or LF,
    // and a row made of one empty field is written as "" so that it is not read back as an empty line.
    // Values are written exactly as given: no locale formatting. An unusable delimiter ('"', CR, LF, null)
    // is replaced by ';'.
    static QByteArray write(
        const QStringList &header, const QList<QStringList> &rows, QChar delimiter = u';', bool bom = true);

    // Windows-1251: the Unicode character for one byte (bytes below 0x80 are ASCII; 0x98, unassigned, maps to
    // U+0098 as in the WHATWG Encoding Standard and Windows).
    static char16_t windows1251ToUnicode(uchar byte);
    static QString decodeWindows1251(QByteArrayView bytes);

    // Strict UTF-8 validation: no overlong forms, no surrogates, nothing above U+10FFFF.
    static bool isValidUtf8(QByteArrayView bytes);
};

} // namespace sg
