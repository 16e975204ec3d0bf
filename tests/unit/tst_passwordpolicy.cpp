#include "core/passwordpolicy.h"

#include <QTest>

using sg::PasswordPolicy;

// PasswordPolicy: 12 to 128 characters, not containing the login, at least 10^10 guesses by zxcvbn-c's estimate
// (common passwords, keyboard walks — Russian ones too —, repetitions, words with digits are refused); no
// composition rules.
namespace {

QString s(const char16_t *text)
{
    return QString::fromUtf16(text);
}

// A password of exactly n characters that is hard enough to guess from 12 characters on.
QString ofLength(int n)
{
    const QString phrase = QStringLiteral("tram lamp quiet river, ");
    QString out;
    while (out.size() < n)
        out += phrase;
    return out.left(n);
}

enum Verdict {
    Accepted,
    TooShort,
    TooLong,
    Weak,
    ContainsLogin,
};

} // namespace

class TestPasswordPolicy : public QObject
{
    Q_OBJECT

private slots:
    void check_data();
    void check();
    void limits();
};

void TestPasswordPolicy::check_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("login");
    QTest::addColumn<int>("verdict");

    // Length: measured in characters, both ends inclusive.
    QTest::newRow("empty") << QString() << QString() << int(TooShort);
    QTest::newRow("11 characters") << ofLength(11) << QString() << int(TooShort);
    QTest::newRow("12 characters") << ofLength(12) << QString() << int(Accepted);
    QTest::newRow("128 characters") << ofLength(128) << QString() << int(Accepted);
    QTest::newRow("129 characters") << ofLength(129) << QString() << int(TooLong);
    QTest::newRow("11 Cyrillic characters") << s(u"солнечныйдо") << QString() << int(TooShort);
    QTest::newRow("12 Cyrillic characters") << s(u"солнечныйдом") << QString() << int(Accepted);
    QTest::newRow("12 characters with spaces") << QStringLiteral("a b c d e f ") << QString() << int(Accepted);
    QTest::newRow("no composition rules: lower-case words")
        << QStringLiteral("tram lamp quiet river") << QString() << int(Accepted);
    // "Six characters" typed as emoji are 12 UTF-16 code units: still only six characters.
    QTest::newRow("6 emoji (12 UTF-16 units)") << s(u"🦊🐻🐼🐨🐯🦁") << QString() << int(TooShort);

    // Easy to guess: common passwords, keyboard walks (Russian ones as typed on the Latin keys), sequences, common
    // words with digits, whatever the case. The three at the end passed the old list of 24 exact strings.
    QTest::newRow("Cyrillic keyboard walk") << s(u"йцукенгшщзхъ") << QString() << int(Weak);
    QTest::newRow("Cyrillic keyboard walk, upper case") << s(u"ЙЦУКЕНГШЩЗХЪ") << QString() << int(Weak);
    QTest::newRow("Cyrillic home row") << s(u"фывапролджэ1") << QString() << int(Weak);
    QTest::newRow("пароль123456") << s(u"пароль123456") << QString() << int(Weak);
    QTest::newRow("Password1234, mixed case") << QStringLiteral("Password1234") << QString() << int(Weak);
    QTest::newRow("qwerty123456") << QStringLiteral("qwerty123456") << QString() << int(Weak);
    QTest::newRow("1q2w3e4r5t6y") << QStringLiteral("1q2w3e4r5t6y") << QString() << int(Weak);
    QTest::newRow("123456789012") << QStringLiteral("123456789012") << QString() << int(Weak);
    QTest::newRow("administrator (13 characters)") << QStringLiteral("administrator") << QString() << int(Weak);
    QTest::newRow("qwertyuiop12") << QStringLiteral("qwertyuiop12") << QString() << int(Weak);
    QTest::newRow("qwertyuiop123") << QStringLiteral("qwertyuiop123") << QString() << int(Weak);
    QTest::newRow("12345678901234") << QStringLiteral("12345678901234") << QString() << int(Weak);
    QTest::newRow("пароль typed on the Latin layout") << QStringLiteral("gfhjkm123456") << QString() << int(Weak);
    QTest::newRow("local words with digits") << QStringLiteral("school1234moscow") << QString() << int(Weak);
    QTest::newRow("transliterated local word") << QStringLiteral("Shkola2024!!") << QString() << int(Weak);
    QTest::newRow("Russian phrase") << s(u"липовая аллея у лицея") << QString() << int(Accepted);
    QTest::newRow("mixed-script phrase") << s(u"Орбита-чайник") << QString() << int(Accepted);
    // Repeated characters, whatever the length.
    QTest::newRow("12 times a") << QStringLiteral("aaaaaaaaaaaa") << QString() << int(Weak);
    QTest::newRow("40 times Я") << QString(40, QChar(u'Я')) << QString() << int(Weak);
    QTest::newRow("mixed-case repetition aAaA…") << QStringLiteral("aAaAaAaAaAaA") << QString() << int(Weak);
    QTest::newRow("12 spaces") << QString(12, QLatin1Char(' ')) << QString() << int(Weak);
    QTest::newRow("two characters alternating") << QStringLiteral("abababababab") << QString() << int(Weak);

    // The login, in any case.
    QTest::newRow("contains the login") << QStringLiteral("my demo-school secret") << QStringLiteral("demo-school")
                                        << int(ContainsLogin);
    QTest::newRow("contains the login, other case")
        << QStringLiteral("MY DEMO-SCHOOL SECRET") << QStringLiteral("Demo-School") << int(ContainsLogin);
    QTest::newRow("contains a Cyrillic login") << s(u"ИвановИван2026!") << s(u"иванов") << int(ContainsLogin);
    QTest::newRow("equals the login") << QStringLiteral("teacher.ivanova") << QStringLiteral("teacher.ivanova")
                                      << int(ContainsLogin);
    QTest::newRow("login not contained") << s(u"лампа и тихая река") << QStringLiteral("demo-school") << int(Accepted);
    QTest::newRow("no login given") << QStringLiteral("my demo-school secret") << QString() << int(Accepted);
}

void TestPasswordPolicy::check()
{
    QFETCH(QString, password);
    QFETCH(QString, login);
    QFETCH(int, verdict);

    const QString message = PasswordPolicy::check(password, login);
    switch (Verdict(verdict)) {
    case Accepted: QVERIFY2(message.isEmpty(), qPrintable(message)); return;
    case TooShort: QVERIFY2(message.contains(QStringLiteral("at least 12")), qPrintable(message)); return;
    case TooLong: QVERIFY2(message.contains(QStringLiteral("at most 128")), qPrintable(message)); return;
    case Weak: QVERIFY2(message.contains(QStringLiteral("easy to guess")), qPrintable(message)); return;
    case ContainsLogin: QVERIFY2(message.contains(QStringLiteral("login")), qPrintable(message)); return;
    }
    QFAIL("unknown verdict in the test table");
}

void TestPasswordPolicy::limits()
{
    QCOMPARE(PasswordPolicy::kMinLength, 12);
    QCOMPARE(PasswordPolicy::kMaxLength, 128);
    QCOMPARE(ofLength(PasswordPolicy::kMinLength).size(), qsizetype(12));
    QVERIFY(PasswordPolicy::check(ofLength(PasswordPolicy::kMinLength)).isEmpty());
    QVERIFY(!PasswordPolicy::check(ofLength(PasswordPolicy::kMinLength - 1)).isEmpty());
}

QTEST_GUILESS_MAIN(TestPasswordPolicy)

#include "tst_passwordpolicy.moc"
