#include "core/csvreader.h"

#include "core/errorcodes.h"

#include <QCoreApplication>
#include <QStringDecoder>

#include <array>

namespace sg {

namespace {

// Windows-1251 bytes 0x80..0xFF (the same table as Python's cp1251 codec; 0x98 is unassigned there and maps to
// U+0098 in the WHATWG Encoding Standard and in Windows itself).
constexpr std::array<char16_t, 128> kWindows1251 = {
    // 0x80
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, //
    0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F, //
    // 0x90
    0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, //
    0x0098, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F, //
    // 0xA0
    0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, //
    0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407, //
    // 0xB0
    0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, //
    0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457, //
    // 0xC0: А..Я
    0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417, //
    0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F, //
    0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427, //
    0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F, //
    // 0xE0: а..я
    0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437, //
    0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F, //
    0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447, //
    0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F, //
};

Error validationError(const QString &message)
{
    return Error{QString::fromLatin1(errc::ValidationFailed), message, 0};
}

bool startsWith(const QByteArray &bytes, QByteArrayView prefix)
{
    return QByteArrayView(bytes).startsWith(prefix);
}

// The 1-based physical line of the character at `index` (CRLF, LF and CR each end one line).
int lineAt(const QString &text, qsizetype index)
{
    int line = 1;
    for (qsizetype i = 0; i < index && i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'\n')
            ++line;
        else if (c == u'\r' && (i + 1 >= text.size() || text.at(i + 1) != u'\n'))
            ++line;
    }
    return line;
}

bool isUsableDelimiter(QChar c)
{
    return !c.isNull() && c != u'"' && c != u'\r' && c != u'\n';
}

// Counts the candidate delimiters outside quotes on the first non-empty line (the header).
QChar detectDelimiter(const QString &text)
{
    qsizetype i = 0;
    while (i < text.size() && (text.at(i) == u'\r' || text.at(i) == u'\n'))
        ++i;
    int semicolons = 0;
    int tabs = 0;
    int commas = 0;
    bool inQuotes = false;
    for (; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'"') {
            inQuotes = !inQuotes; // a doubled quote toggles twice
        } else if (inQuotes) {
            continue;
        } else if (c == u'\r' || c == u'\n') {
            break;
        } else if (c == u';') {
            ++semicolons;
        } else if (c == u'\t') {
            ++tabs;
        } else if (c == u',') {
            ++commas;
        }
    }
    if (commas > semicolons && commas > tabs)
        return u',';
    if (tabs > semicolons)
        return u'\t';
    return u';';
}

struct Decoded
{
    QString text;
    QString encoding;
};

Decoded decode(const QByteArray &bytes)
{
    // Only the file's own byte-order mark is dropped: a U+FEFF that follows it is data (ConvertInitialBom).
    const auto decodeAs = [](QStringDecoder::Encoding encoding, QByteArrayView data) {
        QStringDecoder decoder(encoding, QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
        return QString(decoder.decode(data));
    };
    if (startsWith(bytes, "\xEF\xBB\xBF"))
        return {decodeAs(QStringDecoder::Utf8, QByteArrayView(bytes).sliced(3)), QStringLiteral("UTF-8")};
    if (startsWith(bytes, "\xFF\xFE"))
        return {decodeAs(QStringDecoder::Utf16LE, QByteArrayView(bytes).sliced(2)), QStringLiteral("UTF-16LE")};
    if (startsWith(bytes, "\xFE\xFF"))
        return {decodeAs(QStringDecoder::Utf16BE, QByteArrayView(bytes).sliced(2)), QStringLiteral("UTF-16BE")};
    if (CsvReader::isValidUtf8(bytes))
        return {QString::fromUtf8(bytes), QStringLiteral("UTF-8")};
    return {CsvReader::decodeWindows1251(bytes), QStringLiteral("Windows-1251")};
}

// The position of the first half of a UTF-16 pair that has no other half, or -1.
qsizetype firstUnpairedSurrogate(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        else if (c.isSurrogate())
            return i;
    }
    return -1;
}

} // namespace

char16_t CsvReader::windows1251ToUnicode(uchar byte)
{
    return byte < 0x80 ? char16_t(byte) : kWindows1251[byte - 0x80];
}

QString CsvReader::decodeWindows1251(QByteArrayView bytes)
{
    QString text(bytes.size(), Qt::Uninitialized);
    QChar *out = text.data();
    for (qsizetype i = 0; i < bytes.size(); ++i)
        out[i] = QChar(windows1251ToUnicode(uchar(bytes[i])));
    return text;
}

bool CsvReader::isValidUtf8(QByteArrayView bytes)
{
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    const auto continuation = [&](qsizetype at, uchar low = 0x80, uchar high = 0xBF) {
        if (at >= n)
            return false;
        const uchar b = uchar(bytes[at]);
        return b >= low && b <= high;
    };
    while (i < n) {
        const uchar b = uchar(bytes[i]);
        if (b < 0x80) {
            ++i;
        } else if (b >= 0xC2 && b <= 0xDF) {
            if (!continuation(i + 1))
                return false;
            i += 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            const uchar low = b == 0xE0 ? 0xA0 : 0x80; // no overlong forms
            const uchar high = b == 0xED ? 0x9F : 0xBF; // no surrogates
            if (!continuation(i + 1, low, high) || !continuation(i + 2))
                return false;
            i += 3;
        } else if (b >= 0xF0 && b <= 0xF4) {
            const uchar low = b == 0xF0 ? 0x90 : 0x80; // no overlong forms
            const uchar high = b == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
            if (!continuation(i + 1, low, high) || !continuation(i + 2) || !continuation(i + 3))
                return false;
            i += 4;
        } else {
            return false;
        }
    }
    return true;
}

Result<CsvTable> CsvReader::parse(const QByteArray &bytes, QChar delimiter)
{
    if (bytes.size() > kMaxBytes) {
        return validationError(QCoreApplication::translate("sg::CsvReader",
            "The file is larger than %1 MB and cannot be imported. Split it into several smaller files.")
                                   .arg(kMaxBytes / (1024 * 1024)));
    }
    if (startsWith(bytes, "PK\x03\x04") || startsWith(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
        return validationError(QCoreApplication::translate("sg::CsvReader",
            "This is an Excel workbook, not a CSV file. In the spreadsheet choose “Save As”, the type "
            "“CSV”, and import that file."));
    }
    if (!delimiter.isNull() && !isUsableDelimiter(delimiter)) {
        return validationError(
            QCoreApplication::translate("sg::CsvReader", "A quote or a line break cannot separate the fields."));
    }

    const Decoded decoded = decode(bytes);
    const QString &text = decoded.text;

    if (const qsizetype broken = firstUnpairedSurrogate(text); broken >= 0) {
        return validationError(QCoreApplication::translate("sg::CsvReader",
            "Line %1 holds a broken character (half of a UTF-16 pair): the file is damaged. Save the table as CSV "
            "UTF-8 and try again.")
                                   .arg(lineAt(text, broken)));
    }
    const qsizetype nul = text.indexOf(QChar(u'\0'));
    if (nul >= 0) {
        return validationError(QCoreApplication::translate("sg::CsvReader",
            "Line %1 contains a NUL character: this is not a text file. Save the table as CSV and try again.")
                                   .arg(lineAt(text, nul)));
    }

    CsvTable table;
    table.encoding = decoded.encoding;
    table.delimiter = delimiter.isNull() ? detectDelimiter(text) : delimiter;
    const QChar delim = table.delimiter;

    const qsizetype n = text.size();
    qsizetype pos = 0;
    int line = 1;
    int record = 0; // as a spreadsheet numbers its rows: every record counts, empty ones too
    bool haveHeader = false;

    // Consumes one line break at `pos` (CRLF, LF or CR).
    const auto consumeLineBreak = [&] {
        if (text.at(pos) == u'\r' && pos + 1 < n && text.at(pos + 1) == u'\n')
            ++pos;
        ++pos;
        ++line;
    };

    while (pos < n) {
        const int recordLine = line;
        ++record;
        QStringList fields;
        bool anyQuoted = false;
        for (;;) {
            QString field;
            if (pos < n && text.at(pos) == u'"') {
                anyQuoted = true;
                const int quoteLine = line;
                ++pos;
                for (;;) {
                    if (pos >= n) {
                        return validationError(QCoreApplication::translate(
                            "sg::CsvReader", "Line %1: a quoted field is not closed (the closing quote \" is missing).")
                                                   .arg(quoteLine));
                    }
                    const QChar c = text.at(pos);
                    if (c == u'"') {
                        if (pos + 1 < n && text.at(pos + 1) == u'"') {
                            field.append(u'"');
                            pos += 2;
                            continue;
                        }
                        ++pos;
                        break;
                    }
                    if (c == u'\r' || c == u'\n') {
                        field.append(u'\n');
                        consumeLineBreak();
                        continue;
                    }
                    field.append(c);
                    ++pos;
                }
            }
            // The unquoted part (or text after a closing quote, kept as spreadsheets do: "ab"c -> abc).
            const qsizetype start = pos;
            while (pos < n) {
                const QChar c = text.at(pos);
                if (c == delim || c == u'\r' || c == u'\n')
                    break;
                ++pos;
            }
            field.append(QStringView(text).sliced(start, pos - start));
            fields.append(field);
            if (pos < n && text.at(pos) == delim) {
                ++pos;
                continue;
            }
            if (pos < n)
                consumeLineBreak();
            break;
        }

        const bool emptyLine = !anyQuoted && fields.size() == 1 && fields.constFirst().isEmpty();
        if (emptyLine)
            continue;
        if (!haveHeader) {
            table.header = fields;
            haveHeader = true;
        } else {
            table.rows.append(fields);
            table.rowLines.append(recordLine);
            table.rowRecords.append(record);
        }
    }

    if (!haveHeader)
        return validationError(QCoreApplication::translate("sg::CsvReader", "The file is empty."));
    return table;
}

QByteArray CsvReader::write(const QStringList &header, const QList<QStringList> &rows, QChar delimiter, bool bom)
{
    const QChar delim = isUsableDelimiter(delimiter) ? delimiter : QChar(u';');
    QString text;
    const auto appendRecord = [&](const QStringList &fields) {
        if (fields.size() == 1 && fields.constFirst().isEmpty()) {
            text.append(u"\"\"\r\n");
            return;
        }
        for (qsizetype i = 0; i < fields.size(); ++i) {
            if (i > 0)
                text.append(delim);
            const QString &field = fields.at(i);
            const bool quote =
                field.contains(delim) || field.contains(u'"') || field.contains(u'\r') || field.contains(u'\n');
            if (quote) {
                QString escaped = field;
                escaped.replace(QStringLiteral("\""), QStringLiteral("\"\""));
                text.append(u'"').append(escaped).append(u'"');
            } else {
                text.append(field);
            }
        }
        text.append(u"\r\n");
    };
    appendRecord(header);
    for (const QStringList &row : rows)
        appendRecord(row);

    QByteArray out;
    if (bom)
        out.append("\xEF\xBB\xBF");
    out.append(text.toUtf8());
    return out;
}

} // namespace sg
