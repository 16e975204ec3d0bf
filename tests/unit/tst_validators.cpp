#include "core/validators.h"

#include <QStringList>
#include <QTest>

using sg::validators::InnKind;
using sg::validators::ValidationResult;

Q_DECLARE_METATYPE(sg::validators::InnKind)

// All identification numbers below are either the well-known public examples quoted in the rules
// (INN 7707083893, 500100732259, OGRN 1027700132195) or synthetic numbers built to hit a rule.
// Every SNILS here is synthetic.
namespace {

void addResultColumns()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("normalized");
    QTest::addColumn<int>("position");
    QTest::addColumn<QStringList>("fragments"); // every fragment must occur in the message
}

// Checks a result against the current row of a table built with addResultColumns().
void verifyResult(const ValidationResult &result)
{
    QFETCH(bool, ok);
    QFETCH(QString, normalized);
    QFETCH(int, position);
    QFETCH(QStringList, fragments);

    QCOMPARE(result.ok, ok);
    QCOMPARE(result.position, position);
    if (ok) {
        QCOMPARE(result.normalized, normalized);
        QVERIFY2(result.message.isEmpty(), qPrintable(result.message));
    } else {
        QVERIFY(result.normalized.isEmpty());
        QVERIFY(!result.message.isEmpty());
    }
    for (const QString &fragment : fragments) {
        QVERIFY2(result.message.contains(fragment),
            qPrintable(QStringLiteral("message \"%1\" lacks \"%2\"").arg(result.message, fragment)));
    }
}

QString s(const char16_t *text)
{
    return QString::fromUtf16(text);
}

QStringList f(std::initializer_list<const char16_t *> texts)
{
    QStringList list;
    for (const char16_t *text : texts)
        list.append(QString::fromUtf16(text));
    return list;
}

void okRow(const char *name, const char16_t *input, const char16_t *normalized)
{
    QTest::newRow(name) << s(input) << true << s(normalized) << -1 << QStringList();
}

void failRow(const char *name, const char16_t *input, int position, std::initializer_list<const char16_t *> fragments)
{
    QTest::newRow(name) << s(input) << false << QString() << position << f(fragments);
}

} // namespace

class TestValidators : public QObject
{
    Q_OBJECT

private slots:
    void normalizeDigits_data();
    void normalizeDigits();
    void inn_data();
    void inn();
    void kpp_data();
    void kpp();
    void ogrn_data();
    void ogrn();
    void ogrnip_data();
    void ogrnip();
    void snils_data();
    void snils();
    void formatSnils_data();
    void formatSnils();
    void snilsRoundTrip();
    void personNames_data();
    void personNames();
    void phoneNumbers_data();
    void phoneNumbers();
};

void TestValidators::normalizeDigits_data()
{
    addResultColumns();
    okRow("plain", u"7707083893", u"7707083893");
    okRow("spaces and tab", u" 77 07\t083 893 ", u"7707083893");
    okRow("no-break spaces", u"7707\u00A0083\u202F893", u"7707083893");
    okRow("hyphens and dashes", u"1-2\u20103\u20114\u20125\u20136\u20147\u20158\u22129", u"123456789");
    okRow("full-width digits", u"\uFF11\uFF12\uFF13\uFF10", u"1230");
    okRow("arabic-indic digits", u"\u0661\u0662\u0663", u"123");
    okRow("devanagari digits", u"\u0967\u0968\u0966", u"120");
    okRow("digits outside the BMP", u"\U0001D7CF\U0001D7D0", u"12");
    okRow("long input is not truncated", u"123456789012345678901234567890", u"123456789012345678901234567890");
    failRow("latin letter O", u"77O7083893", 2, {u"\u201CO\u201D", u"position 3", u"not a digit"});
    failRow("cyrillic letter O", u"77\u041E7083893", 2, {u"\u201C\u041E\u201D", u"position 3"});
    failRow("letter after spaces", u"77 07 X", 6, {u"\u201CX\u201D", u"position 7"});
    failRow("letter after a surrogate pair", u"\U0001D7CFa", 2, {u"\u201Ca\u201D", u"position 2"});
    okRow("zero-width space", u"12\u200B3", u"123");
    okRow("cell pasted with a line break", u"123\r\n", u"123");
    okRow("thin space and soft hyphen", u"1\u20092\u00AD3", u"123");
    failRow("control character", u"12\u00073", 2, {u"U+0007", u"position 3"});
    failRow("superscript two", u"1\u00B2", 1, {u"\u201C\u00B2\u201D", u"position 2"});
    failRow("dot", u"12.3", 2, {u"\u201C.\u201D", u"position 3"});
    failRow("empty", u"", -1, {u"Enter"});
    failRow("separators only", u" -\u00A0\u2014 ", -1, {u"Enter"});
}

void TestValidators::normalizeDigits()
{
    QFETCH(QString, input);
    verifyResult(sg::validators::normalizeDigits(input));
}

void TestValidators::inn_data()
{
    QTest::addColumn<InnKind>("kind");
    addResultColumns();

    struct Row
    {
        const char *name;
        InnKind kind;
        const char16_t *input;
        bool ok;
        const char16_t *normalized;
        int position;
        std::initializer_list<const char16_t *> fragments;
    };
    const auto add = [](const Row &row) {
        QTest::newRow(row.name) << row.kind << s(row.input) << row.ok << s(row.normalized) << row.position
                                << f(row.fragments);
    };
    constexpr auto Any = InnKind::Any;
    constexpr auto Org = InnKind::Organisation;
    constexpr auto Person = InnKind::Person;

    // Valid vectors.
    add({"organisation, any kind", Any, u"7707083893", true, u"7707083893", -1, {}});
    add({"organisation, organisation kind", Org, u"7707083893", true, u"7707083893", -1, {}});
    add({"person, any kind", Any, u"500100732259", true, u"500100732259", -1, {}});
    add({"person, person kind", Person, u"500100732259", true, u"500100732259", -1, {}});
    add({"organisation with spaces", Any, u"7707 083 893", true, u"7707083893", -1, {}});
    add({"organisation with dashes", Any, u"77-07\u2014083893", true, u"7707083893", -1, {}});
    add({"organisation with no-break spaces", Org, u"7707\u00A0083\u00A0893", true, u"7707083893", -1, {}});
    add({"organisation in full-width digits", Any, u"\uFF17\uFF17\uFF10\uFF17\uFF10\uFF18\uFF13\uFF18\uFF19\uFF13",
        true, u"7707083893", -1, {}});
    // Remainder 10 must give check digit 0 (the "mod 10" step).
    add({"organisation, remainder 10", Any, u"7707083830", true, u"7707083830", -1, {}});
    add({"person, 11th digit from remainder 10", Person, u"500100732403", true, u"500100732403", -1, {}});
    add({"person, 12th digit from remainder 10", Any, u"500100732570", true, u"500100732570", -1, {}});
    add({"person with minus signs and tab", Person, u"5001\u221200732\t259", true, u"500100732259", -1, {}});

    // Wrong check digits: the position points at the check digit in the original input.
    add({"organisation, wrong check digit", Any, u"7707083894", false, u"", 9,
        {u"10th", u"does not match the other digits"}});
    add({"organisation, wrong check digit after spaces", Org, u"7707 083 894", false, u"", 11,
        {u"10th", u"does not match the other digits"}});
    add({"person, wrong 11th digit", Any, u"500100732269", false, u"", 10,
        {u"11th", u"does not match the other digits"}});
    add({"person, wrong 12th digit", Person, u"500100732258", false, u"", 11,
        {u"12th", u"does not match the other digits"}});
    add({"person, wrong 12th digit with dashes", Any, u"500-100-732-258", false, u"", 14,
        {u"12th", u"does not match the other digits"}});
    add({"person, wrong check digit in full-width", Any,
        u"\uFF15\uFF10\uFF10\uFF11\uFF10\uFF10\uFF17\uFF13\uFF12\uFF12\uFF15\uFF18", false, u"", 11,
        {u"12th", u"does not match the other digits"}});

    // Wrong length: the message says how many digits were found and how many are needed.
    add({"9 digits", Any, u"770708389", false, u"", -1, {u"has 9 digit", u"10 digits", u"12 digits"}});
    add({"11 digits", Any, u"77070838931", false, u"", -1, {u"has 11 digit", u"10 digits", u"12 digits"}});
    add({"13 digits", Any, u"5001007322591", false, u"", -1, {u"has 13 digit", u"10 digits", u"12 digits"}});
    add({"1 digit", Any, u"7", false, u"", -1, {u"has 1 digit", u"10 digits"}});
    add({"11 digits for an organisation", Org, u"77070838931", false, u"", -1, {u"has 11 digit", u"10 digits"}});
    add({"9 digits for a person", Person, u"770708389", false, u"", -1, {u"has 9 digit", u"12 digits"}});

    // Kind mismatch.
    add({"person's INN where an organisation's is needed", Org, u"500100732259", false, u"", -1,
        {u"10 digits", u"person"}});
    add({"organisation's INN where a person's is needed", Person, u"7707083893", false, u"", -1,
        {u"12 digits", u"organisation"}});

    // Characters that are not digits.
    add({"letter O instead of zero", Any, u"7707O83893", false, u"", 4, {u"\u201CO\u201D", u"position 5"}});
    add({"letter after no-break space", Org, u"7707\u00A0O83893", false, u"", 5, {u"\u201CO\u201D", u"position 6"}});
    add({"plus sign", Any, u"+7707083893", false, u"", 0, {u"\u201C+\u201D", u"position 1"}});

    // Empty.
    add({"empty", Any, u"", false, u"", -1, {u"Enter the INN"}});
    add({"empty, person kind", Person, u"", false, u"", -1, {u"Enter the INN"}});
    add({"only spaces and dashes", Org, u"  - \u00A0", false, u"", -1, {u"Enter the INN"}});

    // Region 00 (the numbers otherwise carry correct check digits).
    add({"all zeros", Any, u"0000000000", false, u"", 0, {u"00"}});
    add({"organisation, region 00, valid checksum", Org, u"0012345673", false, u"", 0, {u"00"}});
    add({"person, region 00, valid checksum", Person, u"001234567887", false, u"", 0, {u"00"}});
    add({"region 00 after a space", Any, u" 0012345673", false, u"", 1, {u"00"}});
}

void TestValidators::inn()
{
    QFETCH(InnKind, kind);
    QFETCH(QString, input);
    verifyResult(sg::validators::validateInn(input, kind));
}

void TestValidators::kpp_data()
{
    addResultColumns();
    okRow("digits only", u"773601001", u"773601001");
    okRow("latin letters in positions 5-6", u"7736AB001", u"7736AB001");
    okRow("lower-case letters are upper-cased", u"7736ab001", u"7736AB001");
    okRow("one letter", u"77360z001", u"77360Z001");
    okRow("spaces and dashes", u"7736-01 001", u"773601001");
    okRow("no-break spaces", u"7736\u00A0AB\u202F001", u"7736AB001");
    okRow("spaced-out letters", u"7736 A B 001", u"7736AB001");
    okRow("full-width digits and letters", u"\uFF17\uFF17\uFF13\uFF16\uFF41\uFF22\uFF10\uFF10\uFF11", u"7736AB001");
    failRow("letter in position 3", u"77A601001", 2, {u"\u201CA\u201D", u"position 3", u"not a digit"});
    failRow("letter in position 7", u"773601A01", 6, {u"\u201CA\u201D", u"position 7", u"not a digit"});
    failRow("letter in position 7 after spaces", u"7736 01 A01", 8, {u"\u201CA\u201D", u"position 9"});
    failRow("cyrillic letters in position 5", u"7736\u0410\u0412001", 4,
        {u"\u201C\u0410\u201D", u"position 5", u"Cyrillic"});
    failRow("greek letter in position 6", u"77360\u03B1001", 5, {u"\u201C\u03B1\u201D", u"position 6", u"Latin"});
    failRow("dot in position 5", u"7736.1001", 4, {u"\u201C.\u201D", u"position 5"});
    failRow("8 characters", u"77360100", -1, {u"8 character", u"9"});
    failRow("10 characters", u"7736010011", -1, {u"10 character", u"9"});
    failRow("empty", u"", -1, {u"Enter the KPP"});
}

void TestValidators::kpp()
{
    QFETCH(QString, input);
    verifyResult(sg::validators::validateKpp(input));
}

void TestValidators::ogrn_data()
{
    addResultColumns();
    okRow("valid", u"1027700132195", u"1027700132195");
    okRow("valid, remainder 10 gives check digit 0", u"1027700132240", u"1027700132240");
    okRow("valid, another", u"1037739010891", u"1037739010891");
    okRow("spaces and dashes", u"1 027700-132195", u"1027700132195");
    okRow("full-width digits", u"\uFF11\uFF10\uFF12\uFF17\uFF17\uFF10\uFF10\uFF11\uFF13\uFF12\uFF11\uFF19\uFF15",
        u"1027700132195");
    failRow("wrong check digit", u"1027700132196", 12, {u"13th", u"does not match the other digits"});
    failRow("wrong check digit, remainder 10", u"1027700132241", 12, {u"13th", u"does not match the other digits"});
    failRow("wrong check digit after separators", u"1-027700-132196", 14, {u"does not match the other digits"});
    failRow("wrong check digit outside the BMP",
        u"\U0001D7CF\U0001D7CE\U0001D7D0\U0001D7D5\U0001D7D5\U0001D7CE\U0001D7CE\U0001D7CF\U0001D7D1\U0001D7D0"
        u"\U0001D7CF\U0001D7D7\U0001D7D4",
        24, {u"does not match the other digits"});
    failRow("12 digits", u"102770013219", -1, {u"has 12 digit", u"13 digits"});
    failRow("15 digits", u"304500116000157", -1, {u"15 digits", u"13 digits", u"OGRNIP"});
    failRow("letter", u"10277OO132195", 5, {u"\u201CO\u201D", u"position 6"});
    failRow("empty", u"", -1, {u"Enter the OGRN"});
}

void TestValidators::ogrn()
{
    QFETCH(QString, input);
    verifyResult(sg::validators::validateOgrn(input));
}

void TestValidators::ogrnip_data()
{
    addResultColumns();
    okRow("valid", u"304500116000157", u"304500116000157");
    okRow("valid, remainder 10 gives check digit 0", u"304500116000180", u"304500116000180");
    okRow("spaces", u"304 500 116 000 157", u"304500116000157");
    okRow("full-width digits",
        u"\uFF13\uFF10\uFF14\uFF15\uFF10\uFF10\uFF11\uFF11\uFF16\uFF10\uFF10\uFF10\uFF11\uFF15\uFF17",
        u"304500116000157");
    failRow("wrong check digit", u"304500116000158", 14, {u"15th", u"does not match the other digits"});
    failRow("wrong check digit, remainder 10", u"304500116000181", 14, {u"15th", u"does not match the other digits"});
    failRow("wrong check digit after spaces", u"304 500 116 000 150", 18, {u"does not match the other digits"});
    failRow("13 digits", u"1027700132195", -1, {u"13 digits", u"15 digits", u"OGRN"});
    failRow("14 digits", u"30450011600015", -1, {u"has 14 digit", u"15 digits"});
    failRow("letter", u"3045OO116000157", 4, {u"\u201CO\u201D", u"position 5"});
    failRow("empty", u"", -1, {u"Enter the OGRNIP"});
}

void TestValidators::ogrnip()
{
    QFETCH(QString, input);
    verifyResult(sg::validators::validateOgrnip(input));
}

void TestValidators::snils_data()
{
    addResultColumns();
    okRow("valid, plain", u"11223344595", u"11223344595");
    okRow("valid, formatted", u"112-233-445 95", u"11223344595");
    okRow("no-break spaces", u"112\u00A0233\u00A0445\u00A095", u"11223344595");
    okRow("en dashes", u"112\u2013233\u2013445 95", u"11223344595");
    okRow("full-width digits", u"\uFF11\uFF11\uFF12\uFF12\uFF13\uFF13\uFF14\uFF14\uFF15\uFF19\uFF15", u"11223344595");

    // Numbers up to 001-001-998 are not checked.
    okRow("001-001-998 with check 00", u"001-001-998 00", u"00100199800");
    okRow("001-001-998 with check 99", u"001-001-998 99", u"00100199899");
    okRow("000-000-001 with check 23", u"000-000-001 23", u"00000000123");
    okRow("all zeros", u"00000000000", u"00000000000");
    // 001-001-999 is the first checked number: S = 65.
    okRow("001-001-999, correct check", u"001-001-999 65", u"00100199965");
    failRow("001-001-999, wrong check", u"001-001-999 00", 12, {u"does not match the other digits"});

    // Check number rules: S < 100 -> S; S = 100 or 101 -> 00; S > 101 -> S mod 101, 100 -> 00.
    okRow("S = 99", u"001-326-678 99", u"00132667899");
    okRow("S = 100 gives 00", u"001-508-815 00", u"00150881500");
    failRow("S = 100, 01 is wrong", u"001-508-815 01", 12, {u"does not match the other digits"});
    okRow("S = 101 gives 00", u"001-437-544 00", u"00143754400");
    failRow("S = 101, 01 is wrong", u"001-437-544 01", 12, {u"does not match the other digits"});
    okRow("S = 102 gives 01", u"001-318-759 01", u"00131875901");
    okRow("S = 150 gives 49", u"002-569-961 49", u"00256996149");
    okRow("S = 201 gives 00", u"006-996-682 00", u"00699668200");
    okRow("S = 302 gives 00", u"298-795-994 00", u"29879599400");
    failRow("S = 302, 99 is wrong", u"298-795-994 99", 12, {u"does not match the other digits"});

    failRow("wrong check, formatted", u"112-233-445 96", 12, {u"does not match the other digits"});
    failRow("wrong check, plain", u"11223344596", 9, {u"does not match the other digits"});
    failRow("wrong check, single digit expected", u"001-318-759 10", 12, {u"does not match the other digits"});
    failRow("10 digits", u"112-233-445 9", -1, {u"has 10 digit", u"11 digits"});
    failRow("12 digits", u"112-233-445 950", -1, {u"has 12 digit", u"11 digits"});
    failRow("letter", u"112-233-44S 95", 10, {u"\u201CS\u201D", u"position 11"});
    failRow("empty", u"", -1, {u"Enter the SNILS"});
}

void TestValidators::snils()
{
    QFETCH(QString, input);
    verifyResult(sg::validators::validateSnils(input));
}

void TestValidators::formatSnils_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("11 digits") << s(u"11223344595") << s(u"112-233-445 95");
    QTest::newRow("leading zeros") << s(u"00100199800") << s(u"001-001-998 00");
    QTest::newRow("10 digits unchanged") << s(u"1122334459") << s(u"1122334459");
    QTest::newRow("12 digits unchanged") << s(u"112233445951") << s(u"112233445951");
    QTest::newRow("already formatted unchanged") << s(u"112-233-445 95") << s(u"112-233-445 95");
    QTest::newRow("letter unchanged") << s(u"1122334459a") << s(u"1122334459a");
    QTest::newRow("full-width unchanged") << s(u"\uFF11\uFF11\uFF12\uFF12\uFF13\uFF13\uFF14\uFF14\uFF15\uFF19\uFF15")
                                          << s(u"\uFF11\uFF11\uFF12\uFF12\uFF13\uFF13\uFF14\uFF14\uFF15\uFF19\uFF15");
    QTest::newRow("empty unchanged") << QString() << QString();
}

void TestValidators::formatSnils()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(sg::validators::formatSnils(input), expected);
}

void TestValidators::snilsRoundTrip()
{
    const ValidationResult result = sg::validators::validateSnils(QStringLiteral("112\u00A0233\u2013445 95"));
    QVERIFY(result.ok);
    const QString formatted = sg::validators::formatSnils(result.normalized);
    QCOMPARE(formatted, QStringLiteral("112-233-445 95"));
    QCOMPARE(sg::validators::validateSnils(formatted).normalized, result.normalized);
}

void TestValidators::personNames_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::newRow("Cyrillic") << QString::fromUtf16(u"Соколова") << true;
    QTest::newRow("with ё") << QString::fromUtf16(u"Ёлкина") << true;
    QTest::newRow("double-barrelled") << QString::fromUtf16(u"Бонч-Бруевич") << true;
    QTest::newRow("two words") << QString::fromUtf16(u"Мария Луиза") << true;
    QTest::newRow("apostrophe") << QStringLiteral("D'Artagnan") << true;
    QTest::newRow("Latin") << QStringLiteral("Ivanov") << true;
    QTest::newRow("Tatar letters") << QString::fromUtf16(u"Гәрәева") << true;
    QTest::newRow("initial with a dot") << QStringLiteral("J. R.") << true;
    QTest::newRow("digits") << QStringLiteral("Ivanov123") << false;
    QTest::newRow("only a hyphen") << QStringLiteral("-") << false;
    QTest::newRow("leading hyphen") << QString::fromUtf16(u"-Иванов") << false;
    QTest::newRow("trailing hyphen") << QString::fromUtf16(u"Иванов-") << false;
    QTest::newRow("two hyphens") << QString::fromUtf16(u"Иванов--Петров") << false;
    QTest::newRow("punctuation") << QString::fromUtf16(u"Иванов!") << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("spaces only") << QStringLiteral("   ") << false;
    QTest::newRow("too long") << QString(101, QChar(u'а')) << false;
}

void TestValidators::personNames()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QCOMPARE(sg::validators::isPersonName(text), ok);
}

void TestValidators::phoneNumbers_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::newRow("Russian mobile") << QStringLiteral("+7 916 123-45-67") << true;
    QTest::newRow("city with code in brackets") << QStringLiteral("8 (4822) 55-00-11") << true;
    QTest::newRow("digits only") << QStringLiteral("89161234567") << true;
    QTest::newRow("dots") << QStringLiteral("8.800.550.63.73") << true;
    QTest::newRow("letters") << QStringLiteral("abc") << false;
    QTest::newRow("digits and letters") << QStringLiteral("8 916 ABC-45-67") << false;
    QTest::newRow("plus in the middle") << QStringLiteral("8 916+123-45-67") << false;
    QTest::newRow("too short") << QStringLiteral("55-00-11") << false;
    QTest::newRow("16 digits") << QStringLiteral("+7 916 123 45 67 89 012") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestValidators::phoneNumbers()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QCOMPARE(sg::validators::isPhoneNumber(text), ok);
}

QTEST_GUILESS_MAIN(TestValidators)

#include "tst_validators.moc"
