#include "core/csvreader.h"

#include <QSet>
#include <QStringDecoder>
#include <QTest>

using sg::CsvReader;
using sg::CsvTable;

// All names below are invented.
namespace {

QString s(const char16_t *text)
{
    return QString::fromUtf16(text);
}

QStringList list(std::initializer_list<const char16_t *> texts)
{
    QStringList result;
    for (const char16_t *text : texts)
        result.append(QString::fromUtf16(text));
    return result;
}

QByteArray utf8(const char16_t *text)
{
    return QString::fromUtf16(text).toUtf8();
}

// Encodes text as Windows-1251 by inverting CsvReader's own table; an empty array if a character is missing.
QByteArray toWindows1251(const QString &text)
{
    QByteArray out;
    for (const QChar c : text) {
        int found = -1;
        for (int b = 0; b < 256 && found < 0; ++b) {
            if (CsvReader::windows1251ToUnicode(uchar(b)) == c.unicode())
                found = b;
        }
        if (found < 0)
            return {};
        out.append(char(found));
    }
    return out;
}

QByteArray toUtf16(const QString &text, bool littleEndian)
{
    QByteArray out = littleEndian ? QByteArray("\xFF\xFE", 2) : QByteArray("\xFE\xFF", 2);
    for (const QChar c : text) {
        const char lo = char(c.unicode() & 0xFF);
        const char hi = char(c.unicode() >> 8);
        out.append(littleEndian ? lo : hi).append(littleEndian ? hi : lo);
    }
    return out;
}

const QByteArray kBom("\xEF\xBB\xBF");

QChar w(int byte)
{
    return QChar(CsvReader::windows1251ToUnicode(uchar(byte)));
}

} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT

private slots:
    void brokenUtf16IsRefused_data();
    void brokenUtf16IsRefused();
    void byteOrderMarkInsideTheDataIsKept();
    void parse_data();
    void parse();
    void errors_data();
    void errors();
    void windows1251Table();
    void windows1251MatchesIcu();
    void utf8Validation_data();
    void utf8Validation();
    void tooLarge();
    void raggedRows();
    void writeExactBytes();
    void roundTrip_data();
    void roundTrip();
};

void TestCsvReader::parse_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QChar>("requested"); // null: auto-detect
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QChar>("delimiter");
    QTest::addColumn<QStringList>("header");
    QTest::addColumn<QList<QStringList>>("rows");
    QTest::addColumn<QList<int>>("rowLines");

    const QString people = s(u"Фамилия;Имя;Класс\r\nИванов;Пётр;5А\r\nЁлкина;Алёна;11Б\r\n");
    const QStringList peopleHeader = list({u"Фамилия", u"Имя", u"Класс"});
    const QList<QStringList> peopleRows = {list({u"Иванов", u"Пётр", u"5А"}), list({u"Ёлкина", u"Алёна", u"11Б"})};

    QTest::newRow("utf-8 without BOM") << people.toUtf8() << QChar() << s(u"UTF-8") << QChar(u';') << peopleHeader
                                       << peopleRows << QList<int>{2, 3};
    QTest::newRow("utf-8 with BOM") << kBom + people.toUtf8() << QChar() << s(u"UTF-8") << QChar(u';') << peopleHeader
                                    << peopleRows << QList<int>{2, 3};
    QTest::newRow("windows-1251 built from the table") << toWindows1251(people) << QChar() << s(u"Windows-1251")
                                                       << QChar(u';') << peopleHeader << peopleRows << QList<int>{2, 3};
    // Hard-coded bytes: Фамилия;Имя;Класс / Иванов;Пётр;5А / Ёлкина;ёж;1А
    QTest::newRow("windows-1251 hard-coded bytes")
        << QByteArray("\xD4\xE0\xEC\xE8\xEB\xE8\xFF;\xC8\xEC\xFF;\xCA\xEB\xE0\xF1\xF1\r\n"
                      "\xC8\xE2\xE0\xED\xEE\xE2;\xCF\xB8\xF2\xF0;5\xC0\r\n"
                      "\xA8\xEB\xEA\xE8\xED\xE0;\xB8\xE6;1\xC0\r\n")
        << QChar() << s(u"Windows-1251") << QChar(u';') << peopleHeader
        << QList<QStringList>{list({u"Иванов", u"Пётр", u"5А"}), list({u"Ёлкина", u"ёж", u"1А"})} << QList<int>{2, 3};
    QTest::newRow("utf-16le with BOM (Excel Unicode text), tab")
        << toUtf16(s(u"Фамилия\tИмя\r\nИванов\tПётр\r\n"), true) << QChar() << s(u"UTF-16LE") << QChar(u'\t')
        << list({u"Фамилия", u"Имя"}) << QList<QStringList>{list({u"Иванов", u"Пётр"})} << QList<int>{2};
    QTest::newRow("utf-16be with BOM") << toUtf16(s(u"a;b\n1;2\n"), false) << QChar() << s(u"UTF-16BE") << QChar(u';')
                                       << list({u"a", u"b"}) << QList<QStringList>{list({u"1", u"2"})} << QList<int>{2};

    // Delimiter detection.
    QTest::newRow("comma detected") << QByteArray("last,first,grade\nIvanov,Petr,5A\n") << QChar() << s(u"UTF-8")
                                    << QChar(u',') << list({u"last", u"first", u"grade"})
                                    << QList<QStringList>{list({u"Ivanov", u"Petr", u"5A"})} << QList<int>{2};
    QTest::newRow("tab detected") << QByteArray("last\tfirst\tgrade\nIvanov\tPetr\t5A\n") << QChar() << s(u"UTF-8")
                                  << QChar(u'\t') << list({u"last", u"first", u"grade"})
                                  << QList<QStringList>{list({u"Ivanov", u"Petr", u"5A"})} << QList<int>{2};
    QTest::newRow("semicolon wins a tie with comma")
        << utf8(u"Фамилия, имя;Класс\nИванов Пётр;5А\n") << QChar() << s(u"UTF-8") << QChar(u';')
        << list({u"Фамилия, имя", u"Класс"}) << QList<QStringList>{list({u"Иванов Пётр", u"5А"})} << QList<int>{2};
    QTest::newRow("semicolons inside quotes are not counted")
        << QByteArray("\"a;b;c\",d,e\n1,2,3\n") << QChar() << s(u"UTF-8") << QChar(u',') << list({u"a;b;c", u"d", u"e"})
        << QList<QStringList>{list({u"1", u"2", u"3"})} << QList<int>{2};
    QTest::newRow("single column defaults to semicolon")
        << QByteArray("name\nIvanov, Petr\n") << QChar() << s(u"UTF-8") << QChar(u';') << list({u"name"})
        << QList<QStringList>{list({u"Ivanov, Petr"})} << QList<int>{2};
    QTest::newRow("explicit delimiter overrides detection")
        << QByteArray("a;b,c\n1;2,3\n") << QChar(u',') << s(u"UTF-8") << QChar(u',') << list({u"a;b", u"c"})
        << QList<QStringList>{list({u"1;2", u"3"})} << QList<int>{2};

    // Quoting.
    QTest::newRow("quoted delimiter, doubled quotes, embedded CRLF")
        << utf8(u"ФИО;Примечание;Класс\r\n"
                u"\"Иванов; Пётр\";\"сказал \"\"да\"\"\";5А\r\n"
                u"\"две\r\nстроки\";x;y\r\n"
                u"Сидоров;\"\";7В\r\n")
        << QChar() << s(u"UTF-8") << QChar(u';') << list({u"ФИО", u"Примечание", u"Класс"})
        << QList<QStringList>{list({u"Иванов; Пётр", u"сказал \"да\"", u"5А"}), list({u"две\nстроки", u"x", u"y"}),
               list({u"Сидоров", u"", u"7В"})}
        << QList<int>{2, 3, 5};
    QTest::newRow("several line breaks inside one field")
        << QByteArray("a;b\n\"1\n2\n\n3\";x\nlast;y\n") << QChar() << s(u"UTF-8") << QChar(u';') << list({u"a", u"b"})
        << QList<QStringList>{list({u"1\n2\n\n3", u"x"}), list({u"last", u"y"})} << QList<int>{2, 6};
    QTest::newRow("quoted header") << QByteArray("\"a\";\"b\"\n1;2\n") << QChar() << s(u"UTF-8") << QChar(u';')
                                   << list({u"a", u"b"}) << QList<QStringList>{list({u"1", u"2"})} << QList<int>{2};
    QTest::newRow("quote inside an unquoted field is literal")
        << QByteArray("a;b\n12\" screen;x\n") << QChar() << s(u"UTF-8") << QChar(u';') << list({u"a", u"b"})
        << QList<QStringList>{list({u"12\" screen", u"x"})} << QList<int>{2};
    QTest::newRow("text after a closing quote is kept")
        << QByteArray("a;b\n\"ab\"c;x\n") << QChar() << s(u"UTF-8") << QChar(u';') << list({u"a", u"b"})
        << QList<QStringList>{list({u"abc", u"x"})} << QList<int>{2};
    QTest::newRow("empty and quoted empty fields")
        << QByteArray("a;b;c\n;\"\";\n") << QChar() << s(u"UTF-8") << QChar(u';') << list({u"a", u"b", u"c"})
        << QList<QStringList>{list({u"", u"", u""})} << QList<int>{2};
    QTest::newRow("spaces are kept") << QByteArray("a;b\n  x ; y\n") << QChar() << s(u"UTF-8") << QChar(u';')
                                     << list({u"a", u"b"}) << QList<QStringList>{list({u"  x ", u" y"})}
                                     << QList<int>{2};

    // Line ends and empty lines.
    QTest::newRow("CR-only line ends") << QByteArray("a;b\rc;d\r\"e\rf\";g\rh;i\r") << QChar() << s(u"UTF-8")
                                       << QChar(u';') << list({u"a", u"b"})
                                       << QList<QStringList>{list({u"c", u"d"}), list({u"e\nf", u"g"}),
                                              list({u"h", u"i"})}
                                       << QList<int>{2, 3, 5};
    QTest::newRow("LF, no final line break")
        << QByteArray("a;b\n1;2\n3;4") << QChar() << s(u"UTF-8") << QChar(u';') << list({u"a", u"b"})
        << QList<QStringList>{list({u"1", u"2"}), list({u"3", u"4"})} << QList<int>{2, 3};
    QTest::newRow("mixed line ends") << QByteArray("a;b\r\n1;2\n3;4\r5;6") << QChar() << s(u"UTF-8") << QChar(u';')
                                     << list({u"a", u"b"})
                                     << QList<QStringList>{list({u"1", u"2"}), list({u"3", u"4"}), list({u"5", u"6"})}
                                     << QList<int>{2, 3, 4};
    QTest::newRow("trailing empty lines ignored")
        << QByteArray("a;b\r\n1;2\r\n\r\n\r\n\n") << QChar() << s(u"UTF-8") << QChar(u';') << list({u"a", u"b"})
        << QList<QStringList>{list({u"1", u"2"})} << QList<int>{2};
    QTest::newRow("empty lines before the header and between rows skipped")
        << QByteArray("\r\n\r\na;b\r\n\r\n1;2\r\n") << QChar() << s(u"UTF-8") << QChar(u';') << list({u"a", u"b"})
        << QList<QStringList>{list({u"1", u"2"})} << QList<int>{5};
    QTest::newRow("a row of delimiters only is kept")
        << QByteArray("a;b\n;\n1;2\n") << QChar() << s(u"UTF-8") << QChar(u';') << list({u"a", u"b"})
        << QList<QStringList>{list({u"", u""}), list({u"1", u"2"})} << QList<int>{2, 3};
    QTest::newRow("header only") << QByteArray("a;b\r\n") << QChar() << s(u"UTF-8") << QChar(u';') << list({u"a", u"b"})
                                 << QList<QStringList>{} << QList<int>{};
}

void TestCsvReader::parse()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QChar, requested);
    QFETCH(QString, encoding);
    QFETCH(QChar, delimiter);
    QFETCH(QStringList, header);
    QFETCH(QList<QStringList>, rows);
    QFETCH(QList<int>, rowLines);

    QVERIFY(!bytes.isEmpty());
    const sg::Result<CsvTable> result = CsvReader::parse(bytes, requested);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const CsvTable &table = result.value();
    QCOMPARE(table.encoding, encoding);
    QCOMPARE(table.delimiter, delimiter);
    QCOMPARE(table.header, header);
    QCOMPARE(table.rows, rows);
    QCOMPARE(table.rowLines, rowLines);
    QCOMPARE(table.expectedColumns(), header.size());
}

void TestCsvReader::errors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QChar>("requested");
    QTest::addColumn<QStringList>("fragments"); // every fragment must occur in the message

    QTest::newRow("unterminated quote names its line")
        << QByteArray("a;b\n1;2\n3;\"open\n4;5\n") << QChar() << list({u"Line 3", u"quote"});
    QTest::newRow("unterminated quote after a multi-line field")
        << QByteArray("a;b\n\"x\ny\";1\n2;\"z\n") << QChar() << list({u"Line 4"});
    QTest::newRow("unterminated quote on the header") << QByteArray("\"a;b\n1;2\n") << QChar() << list({u"Line 1"});
    QTest::newRow("NUL byte names its line") << QByteArray("a;b\n1;2\n3\0;4\n", 13) << QChar() << list({u"Line 3"});
    QTest::newRow("NUL byte on the first line") << QByteArray("a\0b", 3) << QChar() << list({u"Line 1", u"NUL"});
    QTest::newRow("UTF-32 text is rejected as binary")
        << QByteArray("\xFF\xFE\x00\x00\x61\x00\x00\x00", 8) << QChar() << list({u"NUL"});
    QTest::newRow("xlsx workbook") << QByteArray("PK\x03\x04\x14\x00\x06\x00", 8) << QChar() << list({u"Excel"});
    QTest::newRow("xls workbook") << QByteArray("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", 10) << QChar()
                                  << list({u"Excel"});
    QTest::newRow("empty file") << QByteArray() << QChar() << list({u"empty"});
    QTest::newRow("BOM only") << kBom << QChar() << list({u"empty"});
    QTest::newRow("line breaks only") << QByteArray("\r\n\r\n\n\r") << QChar() << list({u"empty"});
    QTest::newRow("quote as delimiter") << QByteArray("a;b\n") << QChar(u'"') << list({u"quote"});
    QTest::newRow("line break as delimiter") << QByteArray("a;b\n") << QChar(u'\n') << list({u"line break"});
}

void TestCsvReader::errors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QChar, requested);
    QFETCH(QStringList, fragments);

    const sg::Result<CsvTable> result = CsvReader::parse(bytes, requested);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("validation-failed"));
    for (const QString &fragment : fragments) {
        QVERIFY2(result.error().message.contains(fragment),
            qPrintable(QStringLiteral("message \"%1\" lacks \"%2\"").arg(result.error().message, fragment)));
    }
}

void TestCsvReader::windows1251Table()
{
    // Hard-coded code points, independent of the table.
    QCOMPARE(w(0xC8), QChar(u'\u0418')); // И
    QCOMPARE(w(0xB8), QChar(u'\u0451')); // ё
    QCOMPARE(w(0xA8), QChar(u'\u0401')); // Ё
    QCOMPARE(w(0xC0), QChar(u'\u0410')); // А
    QCOMPARE(w(0xDF), QChar(u'\u042F')); // Я
    QCOMPARE(w(0xE0), QChar(u'\u0430')); // а
    QCOMPARE(w(0xFF), QChar(u'\u044F')); // я
    QCOMPARE(w(0xB9), QChar(u'\u2116')); // №
    QCOMPARE(w(0xAB), QChar(u'\u00AB')); // «
    QCOMPARE(w(0xBB), QChar(u'\u00BB')); // »
    QCOMPARE(w(0x96), QChar(u'\u2013')); // en dash
    QCOMPARE(w(0xA0), QChar(u'\u00A0')); // no-break space
    QCOMPARE(w(0x88), QChar(u'\u20AC')); // euro sign
    QCOMPARE(w(0x98), QChar(u'\u0098')); // unassigned
    QCOMPARE(w('A'), QChar(u'A'));

    // The whole string of the brief, byte by byte.
    const QByteArray bytes = toWindows1251(s(u"Иванов;Пётр;5А"));
    QCOMPARE(bytes, QByteArray("\xC8\xE2\xE0\xED\xEE\xE2;\xCF\xB8\xF2\xF0;5\xC0"));
    QCOMPARE(CsvReader::decodeWindows1251(bytes), s(u"Иванов;Пётр;5А"));
    QCOMPARE(CsvReader::decodeWindows1251(QByteArray("\xA8\xB8")), s(u"Ёё"));

    // 128 distinct characters above ASCII: the table is a bijection.
    QSet<char16_t> seen;
    for (int b = 0x80; b <= 0xFF; ++b) {
        const char16_t c = CsvReader::windows1251ToUnicode(uchar(b));
        QVERIFY2(c >= 0x80, qPrintable(QString::number(b, 16)));
        seen.insert(c);
    }
    QCOMPARE(seen.size(), 128);
}

void TestCsvReader::windows1251MatchesIcu()
{
    QStringDecoder icu("windows-1251");
    if (!icu.isValid())
        QSKIP("This Qt build has no ICU codec for windows-1251");
    for (int b = 0x80; b <= 0xFF; ++b) {
        if (b == 0x98)
            continue; // unassigned in Windows-1251
        const char byte = char(b);
        const QString viaIcu = icu.decode(QByteArrayView(&byte, 1));
        QCOMPARE(viaIcu.size(), 1);
        QVERIFY2(viaIcu.at(0).unicode() == CsvReader::windows1251ToUnicode(uchar(b)),
            qPrintable(QStringLiteral("byte 0x%1: ICU U+%2, table U+%3")
                           .arg(b, 2, 16)
                           .arg(viaIcu.at(0).unicode(), 4, 16, QChar(u'0'))
                           .arg(int(CsvReader::windows1251ToUnicode(uchar(b))), 4, 16, QChar(u'0'))));
    }
}

void TestCsvReader::utf8Validation_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");

    QTest::newRow("ascii") << QByteArray("abc;def") << true;
    QTest::newRow("cyrillic") << utf8(u"Иванов") << true;
    QTest::newRow("4-byte emoji") << QByteArray("\xF0\x9F\x98\x80") << true;
    QTest::newRow("windows-1251 cyrillic") << QByteArray("\xC8\xE2\xE0\xED\xEE\xE2") << false;
    QTest::newRow("lone continuation byte") << QByteArray("a\x80") << false;
    QTest::newRow("overlong slash") << QByteArray("\xC0\xAF") << false;
    QTest::newRow("overlong 3-byte") << QByteArray("\xE0\x80\xAF") << false;
    QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << false;
    QTest::newRow("above U+10FFFF") << QByteArray("\xF4\x90\x80\x80") << false;
    QTest::newRow("truncated sequence") << QByteArray("\xD0") << false;
    // "ИВ" in Windows-1251 is C8 C2: C8 is a UTF-8 lead byte but C2 is not a continuation byte.
    QTest::newRow("windows-1251 that starts like UTF-8") << QByteArray("\xC8\xC2") << false;
}

void TestCsvReader::utf8Validation()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);
    QCOMPARE(CsvReader::isValidUtf8(bytes), valid);
}

void TestCsvReader::tooLarge()
{
    QByteArray bytes(CsvReader::kMaxBytes + 1, 'a');
    const sg::Result<CsvTable> result = CsvReader::parse(bytes);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("validation-failed"));
    QVERIFY2(result.error().message.contains(u"50 MB"), qPrintable(result.error().message));

    // Exactly at the limit is accepted.
    bytes.chop(1);
    bytes[0] = 'h';
    bytes[1] = '\n';
    QVERIFY(CsvReader::parse(bytes).ok());
}

void TestCsvReader::raggedRows()
{
    const sg::Result<CsvTable> result = CsvReader::parse(QByteArray("a;b;c\n1;2\n1;2;3\n1;2;3;4\n"));
    QVERIFY(result.ok());
    const CsvTable &table = result.value();
    QCOMPARE(table.expectedColumns(), 3);
    QCOMPARE(table.rows.size(), 3);
    QCOMPARE(table.rows.at(0).size(), 2);
    QCOMPARE(table.rows.at(1).size(), 3);
    QCOMPARE(table.rows.at(2).size(), 4);
    QCOMPARE(table.rowLines, (QList<int>{2, 3, 4}));
    QCOMPARE(table.rowRecords, (QList<int>{2, 3, 4}));
    // An empty line is a row of the spreadsheet too.
    const sg::Result<CsvTable> gap = CsvReader::parse(QByteArray("a;b\n1;2\n\n3;4\n"));
    QVERIFY(gap.ok());
    QCOMPARE(gap->rowLines, (QList<int>{2, 4}));
    QCOMPARE(gap->rowRecords, (QList<int>{2, 4}));
}

void TestCsvReader::writeExactBytes()
{
    const QByteArray bytes = CsvReader::write(list({u"ФИО", u"Класс"}),
        {list({u"Иванов; Пётр", u"5\"А\""}), list({u"две\nстроки", u""}), list({u"1,5", u"007"})});
    QCOMPARE(bytes, kBom + utf8(u"ФИО;Класс\r\n\"Иванов; Пётр\";\"5\"\"А\"\"\"\r\n\"две\nстроки\";\r\n1,5;007\r\n"));

    QCOMPARE(
        CsvReader::write(list({u"a", u"b"}), {list({u"x,y", u"z"})}, u',', false), QByteArray("a,b\r\n\"x,y\",z\r\n"));
    QCOMPARE(
        CsvReader::write(list({u"a"}), {list({u""}), list({u"b"})}, u';', false), QByteArray("a\r\n\"\"\r\nb\r\n"));
    // A quote cannot be a delimiter: ';' is used instead.
    QCOMPARE(CsvReader::write(list({u"a", u"b"}), {}, u'"', false), QByteArray("a;b\r\n"));
}

void TestCsvReader::roundTrip_data()
{
    QTest::addColumn<QChar>("delimiter");
    QTest::addColumn<bool>("bom");

    QTest::newRow("semicolon, BOM") << QChar(u';') << true;
    QTest::newRow("comma, BOM") << QChar(u',') << true;
    QTest::newRow("tab, BOM") << QChar(u'\t') << true;
    QTest::newRow("semicolon, no BOM") << QChar(u';') << false;
}

void TestCsvReader::roundTrip()
{
    QFETCH(QChar, delimiter);
    QFETCH(bool, bom);

    const QStringList header = list({u"Фамилия", u"Имя; отчество", u"Примечание"});
    const QList<QStringList> rows = {
        list({u"Иванов", u"Пётр Ильич", u"5А"}),
        list({u"Ёлкина", u"Алёна, \"Лёля\"", u"строка 1\nстрока 2"}),
        list({u"", u"", u""}),
        list({u"  пробелы  ", u"\t", u"1\u00A0000,50"}),
        list({u"\"", u"\"\"", u";,\t"}),
        list({u"№ 12", u"=1+2", u"0012345673"}),
    };
    const QByteArray bytes = CsvReader::write(header, rows, delimiter, bom);
    QCOMPARE(bytes.startsWith(kBom), bom);
    QVERIFY(bytes.endsWith("\r\n"));
    QVERIFY(!bytes.contains("\n\n"));

    const sg::Result<CsvTable> result = CsvReader::parse(bytes); // delimiter detected
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result->encoding, QStringLiteral("UTF-8"));
    QCOMPARE(result->delimiter, delimiter);
    QCOMPARE(result->header, header);
    QCOMPARE(result->rows, rows);
    // The second row's note spans two physical lines.
    QCOMPARE(result->rowLines, (QList<int>{2, 3, 5, 6, 7, 8}));
    // As a spreadsheet numbers them: one row each, however many lines.
    QCOMPARE(result->rowRecords, (QList<int>{2, 3, 4, 5, 6, 7}));
}

void TestCsvReader::brokenUtf16IsRefused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    // "a;b\n" then a lone high surrogate D800 in the second line, as UTF-16LE and BE with their BOMs.
    QTest::newRow("LE") << QByteArray("\xFF\xFE"
                                      "a\0;\0b\0\n\0"
                                      "c\0;\0\x00\xD8\n\0",
        18);
    QTest::newRow("BE") << QByteArray("\xFE\xFF"
                                      "\0a\0;\0b\0\n"
                                      "\0c\0;\xD8\x00\0\n",
        18);
    QTest::newRow("LE lone low") << QByteArray("\xFF\xFE"
                                               "a\0;\0b\0\n\0"
                                               "c\0;\0\x00\xDC\n\0",
        18);
}

void TestCsvReader::brokenUtf16IsRefused()
{
    QFETCH(QByteArray, bytes);
    const auto table = CsvReader::parse(bytes);
    QVERIFY(!table);
    QVERIFY2(table.error().message.contains(QStringLiteral("Line 2")), qPrintable(table.error().message));
    QVERIFY(table.error().message.contains(QStringLiteral("UTF-16")));
    // A proper pair (U+1F600) in the same place is fine.
    QByteArray good = bytes;
    const bool le = bytes.startsWith("\xFF\xFE");
    good.insert(16, le ? QByteArray("\x00\xD8", 2) : QByteArray("\xD8\x00", 2));
    good.replace(14, 2, le ? QByteArray("\x3D\xD8", 2) : QByteArray("\xD8\x3D", 2));
    good.replace(16, 2, le ? QByteArray("\x00\xDE", 2) : QByteArray("\xDE\x00", 2));
    const auto ok = CsvReader::parse(good);
    QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().message));
    QCOMPARE(ok->rows.first().at(1), QString::fromUcs4(U"\U0001F600"));
}

void TestCsvReader::byteOrderMarkInsideTheDataIsKept()
{
    // The file's own BOM goes; a U+FEFF at the start of the first cell is data and comes back after a round trip.
    const QString cell = QStringLiteral("\uFEFFимя");
    const QByteArray written =
        CsvReader::write({cell, QStringLiteral("класс")}, {{QStringLiteral("Анна"), QStringLiteral("5А")}}, u';');
    const auto table = CsvReader::parse(written, u';');
    QVERIFY(table);
    QCOMPARE(table->header.first(), cell);
    QCOMPARE(table->rows.first().first(), QStringLiteral("Анна"));
}

QTEST_GUILESS_MAIN(TestCsvReader)

#include "tst_csvreader.moc"
