#include "core/validators.h"

#include <QCoreApplication>
#include <QList>
#include <QRegularExpression>

#include <array>
#include <cstddef>

namespace sg::validators {

// Every user-visible string below is passed literally to QCoreApplication::translate("sg::validators", ...)
// so that lupdate extracts it. Strings with "%n" are plural forms (Qt replaces %n with the count).
namespace {

// What survived cleaning: the kept characters (ASCII digits and, for the KPP, upper-case Latin letters)
// and, for each of them, its UTF-16 index in the original input.
struct Cleaned
{
    QString chars;
    QList<int> origins;
    ValidationResult error; // message non-empty when cleaning failed

    bool failed() const { return !error.message.isEmpty(); }
};

// Says whether a letter may stand at the given 0-based index of the cleaned text.
using LetterSlots = bool (*)(qsizetype index);

ValidationResult failure(const QString &message, int position = -1)
{
    ValidationResult result;
    result.message = message;
    result.position = position;
    return result;
}

ValidationResult success(const QString &normalized)
{
    ValidationResult result;
    result.ok = true;
    result.normalized = normalized;
    return result;
}

bool isSeparator(char32_t c)
{
    switch (c) {
    case U' ':
    case U'\t':
    case U'\r': // a cell pasted from a spreadsheet ends with a line break
    case U'\n':
    case U'-':
    case 0x00AD: // soft hyphen
    case 0x2009: // thin space
    case 0x200B: // zero-width space
    case 0x00A0: // no-break space
    case 0x202F: // narrow no-break space
    case 0x2212: // minus sign
        return true;
    default: return c >= 0x2010 && c <= 0x2015; // hyphen .. horizontal bar
    }
}

// 'a'..'z', 'A'..'Z' and their full-width forms -> upper-case ASCII; anything else -> 0.
char16_t latinUpper(char32_t c)
{
    if (c >= U'A' && c <= U'Z')
        return char16_t(c);
    if (c >= U'a' && c <= U'z')
        return char16_t(c - U'a' + u'A');
    if (c >= 0xFF21 && c <= 0xFF3A)
        return char16_t(c - 0xFF21 + u'A');
    if (c >= 0xFF41 && c <= 0xFF5A)
        return char16_t(c - 0xFF41 + u'A');
    return 0;
}

// Characters that cannot be shown between quotes in a message (spaces, controls, format and combining
// characters, unassigned code points) are named by their code point instead.
bool isVisible(char32_t c)
{
    if (QChar::isSpace(c))
        return false;
    switch (QChar::category(c)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
    case QChar::Separator_Space:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned: return false;
    default: return true;
    }
}

QString codePointName(char32_t c)
{
    return QStringLiteral("U+") + QString::number(uint(c), 16).toUpper().rightJustified(4, u'0');
}

QString characterText(char32_t c)
{
    return QString::fromUcs4(&c, 1);
}

// Strips separators, converts Unicode decimal digits to ASCII and (where letterAllowedAt allows) Latin
// letters to upper-case ASCII. Stops at the first character that is not acceptable.
Cleaned clean(const QString &input, LetterSlots letterAllowedAt = nullptr)
{
    Cleaned out;
    out.chars.reserve(input.size());
    int charNumber = 0; // 1-based position of the current character as the user sees it (code points)
    for (qsizetype i = 0; i < input.size();) {
        const qsizetype start = i;
        char32_t c = input.at(i).unicode();
        ++i;
        if (QChar::isHighSurrogate(c) && i < input.size() && input.at(i).isLowSurrogate()) {
            c = QChar::surrogateToUcs4(input.at(start), input.at(i));
            ++i;
        }
        ++charNumber;

        if (isSeparator(c))
            continue;

        if (QChar::category(c) == QChar::Number_DecimalDigit) {
            const int digit = QChar::digitValue(c);
            if (digit >= 0 && digit <= 9) {
                out.chars.append(QChar(u'0' + digit));
                out.origins.append(int(start));
                continue;
            }
        }

        const bool letterSlot = letterAllowedAt && letterAllowedAt(out.chars.size());
        if (letterSlot) {
            if (const char16_t latin = latinUpper(c)) {
                out.chars.append(QChar(latin));
                out.origins.append(int(start));
                continue;
            }
        }

        const QString number = QString::number(charNumber);
        QString message;
        if (!isVisible(c)) {
            if (letterSlot)
                message = QCoreApplication::translate(
                    "sg::validators", "Invisible character %1 at position %2 is not a digit or a Latin letter");
            else
                message = QCoreApplication::translate(
                    "sg::validators", "Invisible character %1 at position %2 is not a digit");
            message = message.arg(codePointName(c), number);
        } else {
            if (letterSlot && QChar::isLetter(c) && QChar::script(c) == QChar::Script_Cyrillic)
                message = QCoreApplication::translate("sg::validators",
                    "Character “%1” at position %2 is a Cyrillic letter; use a Latin letter or a digit");
            else if (letterSlot)
                message = QCoreApplication::translate(
                    "sg::validators", "Character “%1” at position %2 is not a digit or a Latin letter");
            else
                message = QCoreApplication::translate("sg::validators", "Character “%1” at position %2 is not a digit");
            message = message.arg(characterText(c), number);
        }
        out.error = failure(message, int(start));
        return out;
    }
    return out;
}

int digitAt(const QString &digits, qsizetype index)
{
    return digits.at(index).unicode() - u'0';
}

template<std::size_t N>
int weightedCheck(const QString &digits, const std::array<int, N> &weights)
{
    int sum = 0;
    for (std::size_t i = 0; i < N; ++i)
        sum += digitAt(digits, qsizetype(i)) * weights[i];
    return sum % 11 % 10;
}

// Returns a failure at the check digit at 0-based index `index` of the digits. The message never says which digit
// would make the number valid: a mistyped digit anywhere breaks the check, and "correcting" the check digit would
// turn a typo into a valid number of someone else. All check digits live at positions 10..15, so the English
// ordinal suffix is always "th".
ValidationResult innCheckDigitFailure(const Cleaned &cleaned, qsizetype index)
{
    return failure(
        QCoreApplication::translate("sg::validators",
            "The INN is invalid: its %1th digit (the check digit) does not match the other digits. Check the "
            "whole number against the documents: one mistyped digit anywhere makes it invalid.")
            .arg(QString::number(index + 1)),
        cleaned.origins.at(index));
}

bool kppLetterSlot(qsizetype index)
{
    return index == 4 || index == 5;
}

// The shared part of OGRN and OGRNIP: the check digit is (number formed by the other digits mod m) mod 10. The
// message does not name the digit that would fit (see innCheckDigitFailure()).
ValidationResult modulusCheck(const Cleaned &cleaned, int modulus, const QString &wrongCheckMessage)
{
    const qsizetype last = cleaned.chars.size() - 1;
    const qint64 body = cleaned.chars.left(last).toLongLong();
    const int expected = int(body % modulus % 10);
    const int actual = digitAt(cleaned.chars, last);
    if (expected != actual)
        return failure(wrongCheckMessage, cleaned.origins.at(last));
    return success(cleaned.chars);
}

} // namespace

ValidationResult normalizeDigits(const QString &input)
{
    const Cleaned cleaned = clean(input);
    if (cleaned.failed())
        return cleaned.error;
    if (cleaned.chars.isEmpty())
        return failure(QCoreApplication::translate("sg::validators", "Enter the number"));
    return success(cleaned.chars);
}

ValidationResult validateInn(const QString &input, InnKind kind)
{
    const Cleaned cleaned = clean(input);
    if (cleaned.failed())
        return cleaned.error;
    const QString &digits = cleaned.chars;
    const int count = int(digits.size());
    if (count == 0)
        return failure(QCoreApplication::translate("sg::validators", "Enter the INN"));

    switch (kind) {
    case InnKind::Organisation:
        if (count == 12)
            return failure(QCoreApplication::translate("sg::validators",
                "An organisation’s INN has 10 digits; this one has 12 digits and looks like a person’s INN"));
        if (count != 10)
            return failure(QCoreApplication::translate("sg::validators",
                "The INN has %n digit(s), but an organisation’s INN must have 10 digits", nullptr, count));
        break;
    case InnKind::Person:
        if (count == 10)
            return failure(QCoreApplication::translate("sg::validators",
                "A person’s INN has 12 digits; this one has 10 digits and looks like an organisation’s INN"));
        if (count != 12)
            return failure(QCoreApplication::translate(
                "sg::validators", "The INN has %n digit(s), but a person’s INN must have 12 digits", nullptr, count));
        break;
    case InnKind::Any:
        if (count != 10 && count != 12)
            return failure(QCoreApplication::translate("sg::validators",
                "The INN has %n digit(s), but it must have 10 digits (organisation) or 12 digits (person)", nullptr,
                count));
        break;
    }

    if (digits.startsWith(QLatin1String("00")))
        return failure(QCoreApplication::translate(
                           "sg::validators", "The INN cannot start with 00: there is no region with code 00"),
            cleaned.origins.at(0));

    if (count == 10) {
        const int check = weightedCheck(digits, std::array{2, 4, 10, 3, 5, 9, 4, 6, 8});
        if (check != digitAt(digits, 9))
            return innCheckDigitFailure(cleaned, 9);
    } else {
        const int check11 = weightedCheck(digits, std::array{7, 2, 4, 10, 3, 5, 9, 4, 6, 8});
        if (check11 != digitAt(digits, 10))
            return innCheckDigitFailure(cleaned, 10);
        const int check12 = weightedCheck(digits, std::array{3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8});
        if (check12 != digitAt(digits, 11))
            return innCheckDigitFailure(cleaned, 11);
    }
    return success(digits);
}

ValidationResult validateKpp(const QString &input)
{
    const Cleaned cleaned = clean(input, &kppLetterSlot);
    if (cleaned.failed())
        return cleaned.error;
    const int count = int(cleaned.chars.size());
    if (count == 0)
        return failure(QCoreApplication::translate("sg::validators", "Enter the KPP"));
    if (count != 9)
        return failure(QCoreApplication::translate(
            "sg::validators", "The KPP has %n character(s), but it must have 9", nullptr, count));
    return success(cleaned.chars);
}

ValidationResult validateOgrn(const QString &input)
{
    const Cleaned cleaned = clean(input);
    if (cleaned.failed())
        return cleaned.error;
    const int count = int(cleaned.chars.size());
    if (count == 0)
        return failure(QCoreApplication::translate("sg::validators", "Enter the OGRN"));
    if (count == 15)
        return failure(QCoreApplication::translate("sg::validators",
            "The OGRN has 15 digits, but it must have 13 digits; 15 digits is the length of an OGRNIP"));
    if (count != 13)
        return failure(QCoreApplication::translate(
            "sg::validators", "The OGRN has %n digit(s), but it must have 13 digits", nullptr, count));
    return modulusCheck(cleaned, 11,
        QCoreApplication::translate("sg::validators",
            "The OGRN is invalid: its 13th digit (the check digit) does not match the other digits. Check the whole "
            "number against the documents: one mistyped digit anywhere makes it invalid."));
}

ValidationResult validateOgrnip(const QString &input)
{
    const Cleaned cleaned = clean(input);
    if (cleaned.failed())
        return cleaned.error;
    const int count = int(cleaned.chars.size());
    if (count == 0)
        return failure(QCoreApplication::translate("sg::validators", "Enter the OGRNIP"));
    if (count == 13)
        return failure(QCoreApplication::translate("sg::validators",
            "The OGRNIP has 13 digits, but it must have 15 digits; 13 digits is the length of an OGRN"));
    if (count != 15)
        return failure(QCoreApplication::translate(
            "sg::validators", "The OGRNIP has %n digit(s), but it must have 15 digits", nullptr, count));
    return modulusCheck(cleaned, 13,
        QCoreApplication::translate("sg::validators",
            "The OGRNIP is invalid: its 15th digit (the check digit) does not match the other digits. Check the whole "
            "number against the documents: one mistyped digit anywhere makes it invalid."));
}

ValidationResult validateSnils(const QString &input)
{
    const Cleaned cleaned = clean(input);
    if (cleaned.failed())
        return cleaned.error;
    const QString &digits = cleaned.chars;
    const int count = int(digits.size());
    if (count == 0)
        return failure(QCoreApplication::translate("sg::validators", "Enter the SNILS"));
    if (count != 11)
        return failure(QCoreApplication::translate(
            "sg::validators", "The SNILS has %n digit(s), but it must have 11 digits", nullptr, count));

    // Numbers up to 001-001-998 were issued before check numbers existed.
    if (digits.left(9).toLongLong() <= 1001998)
        return success(digits);

    int sum = 0;
    for (qsizetype i = 0; i < 9; ++i)
        sum += digitAt(digits, i) * int(9 - i);
    int expected = 0;
    if (sum < 100)
        expected = sum;
    else if (sum > 101)
        expected = sum % 101 == 100 ? 0 : sum % 101;

    const int actual = digitAt(digits, 9) * 10 + digitAt(digits, 10);
    if (expected != actual)
        return failure(QCoreApplication::translate("sg::validators",
                           "The SNILS is invalid: its check number (the last two digits) does not match the other "
                           "digits. Check the whole number against the insurance certificate: one mistyped digit "
                           "anywhere makes it invalid."),
            cleaned.origins.at(9));
    return success(digits);
}

QString formatSnils(const QString &elevenDigits)
{
    if (elevenDigits.size() != 11)
        return elevenDigits;
    for (const QChar c : elevenDigits) {
        if (c < u'0' || c > u'9')
            return elevenDigits;
    }
    return elevenDigits.left(3) + u'-' + elevenDigits.mid(3, 3) + u'-' + elevenDigits.mid(6, 3) + u' '
        + elevenDigits.right(2);
}

bool isEmailAddress(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(R"(^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$)"));
    return text.size() <= 254 && re.match(text).hasMatch();
}

bool isPersonName(const QString &text)
{
    const QString name = text.simplified();
    if (name.isEmpty() || name.size() > 100)
        return false;
    bool letter = false;
    QChar previous;
    for (const QChar c : name) {
        if (c.isLetter() || c.isMark()) {
            letter = true;
        } else if (c == u' ' || c == u'-' || c == u'\'' || c == u'’' || c == u'.') {
            // Between letters only (a dot may close an initial), never two in a row.
            if (previous.isNull() || !(previous.isLetter() || previous.isMark() || (previous == u'.' && c == u' ')))
                return false;
        } else {
            return false;
        }
        previous = c;
    }
    return letter && (previous.isLetter() || previous.isMark() || previous == u'.');
}

bool isPhoneNumber(const QString &text)
{
    const QString phone = text.trimmed();
    int digits = 0;
    for (qsizetype i = 0; i < phone.size(); ++i) {
        const QChar c = phone.at(i);
        if (c >= u'0' && c <= u'9')
            ++digits;
        else if (c == u'+' ? i != 0 : !(c == u' ' || c == u'(' || c == u')' || c == u'-' || c == u'.'))
            return false; // a plus only in front; letters and other signs never
    }
    return digits >= 10 && digits <= 15;
}

} // namespace sg::validators
