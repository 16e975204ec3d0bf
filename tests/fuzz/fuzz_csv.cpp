// libFuzzer harness: CsvReader::parse (encoding detection: UTF-8, UTF-16 with a BOM, Windows-1251; delimiter
// detection; quoted fields). The first byte picks the delimiter (detected, ';', ',', tab or an odd one); the rest
// is the file. A parsed table is written back with CsvReader::write and parsed again: the same cells must come
// back.

#include "core/csvreader.h"
#include "fuzz_common.h"

#include <cstdlib>
#include <iterator>

using namespace sg;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    fuzz::ensureApplication();
    static const QChar delimiters[] = {QChar(), QChar(u';'), QChar(u','), QChar(u'\t'), QChar(u'"'), QChar(u'\n')};
    const QChar delimiter = delimiters[data[0] % std::size(delimiters)];
    const QByteArray file = fuzz::bytes(data + 1, size - 1);
    CsvReader::isValidUtf8(file);
    CsvReader::decodeWindows1251(file);
    const auto table = CsvReader::parse(file, delimiter);
    if (!table) {
        if (table.error().message.isEmpty())
            fuzz::fail("a refusal has a message");
        return 0;
    }
    const CsvTable &t = table.value();
    if (t.rows.size() != t.rowLines.size() || t.encoding.isEmpty() || t.delimiter.isNull())
        fuzz::fail("rows, line numbers, encoding and delimiter are filled");
    for (qsizetype i = 1; i < t.rowLines.size(); ++i) {
        if (t.rowLines.at(i) <= t.rowLines.at(i - 1))
            fuzz::fail("rows start on increasing lines");
    }
    const QByteArray written = CsvReader::write(t.header, t.rows, t.delimiter);
    const auto again = CsvReader::parse(written, t.delimiter);
    // parse() refuses broken UTF-16 and keeps a U+FEFF that is data, so the cells survive exactly.
    if (!again || again->header != t.header || again->rows != t.rows)
        fuzz::fail("write() then parse() gives the same cells");
    return 0;
}
