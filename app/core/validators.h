#pragma once

#include <QString>

// Validators for the Russian registration numbers a school enters: INN, KPP, OGRN, OGRNIP and SNILS.
// All of them accept what people typically paste (spaces, non-breaking spaces, dashes, full-width or
// other Unicode decimal digits) and answer with a normalised form or a sentence saying what is wrong.
namespace sg::validators {

enum class InnKind {
    Organisation, // 10 digits
    Person, // 12 digits (individuals, including individual entrepreneurs)
    Any, // either of the above
};

struct ValidationResult
{
    bool ok = false;
    QString normalized; // digits only (KPP: 9 upper-case chars), filled when ok
    QString message; // empty when ok; otherwise a human sentence saying WHAT is wrong
    int position = -1; // 0-based index in the ORIGINAL input (UTF-16 code units, as QString indexes it)
                       // of the offending character, or -1
};

// Normalises what people paste: strips ordinary spaces, tabs, non-breaking spaces (U+00A0, U+202F), hyphens
// and dashes (-, U+2010..U+2015, U+2212); converts full-width digits (U+FF10..U+FF19) and other Unicode decimal
// digits to ASCII. Any other character makes the result not ok; the message names the character and its
// 1-based position (counted in characters, as the user sees them), e.g. "Character “O” at position 3 is not
// a digit". Returns digits only. Never silently truncates. Input without any digit is "empty".
ValidationResult normalizeDigits(const QString &input);

// INN: 10 digits for an organisation, 12 for a person; region code 00 is rejected; check digits verified.
ValidationResult validateInn(const QString &input, InnKind kind = InnKind::Any);

// KPP: 9 characters, no check digit. Positions 1-4 and 7-9 are digits, 5-6 are digits or Latin A-Z
// (lower case is accepted and upper-cased).
ValidationResult validateKpp(const QString &input);

// OGRN: 13 digits; check digit = (first 12 digits as a number mod 11) mod 10.
ValidationResult validateOgrn(const QString &input);

// OGRNIP: 15 digits; check digit = (first 14 digits as a number mod 13) mod 10.
ValidationResult validateOgrnip(const QString &input);

// SNILS: 11 digits (shown as XXX-XXX-XXX YY); the last two digits are a check number. Numbers whose first
// nine digits are not greater than 001-001-998 carry no check number and are accepted as they are.
ValidationResult validateSnils(const QString &input);

// "11223344595" -> "112-233-445 95". Returns the input unchanged unless it is exactly 11 ASCII digits.
// The shape of an e-mail address as people type it: one @, a dot in the domain, no spaces, brackets, commas
// or quotes (not the whole of RFC 5322: what a school's address looks like).
bool isEmailAddress(const QString &text);
// A surname, first name or patronymic as documents write it: letters (Cyrillic, Latin or any other script), with
// single spaces, hyphens («Бонч-Бруевич»), apostrophes («Д'Артаньян») and dots of initials between them; no
// digits or other signs. Empty text is not a name.
bool isPersonName(const QString &text);
// A telephone number as people type it: digits with +, spaces, brackets, hyphens or dots between them, 10 to 15
// digits in all («8 (4822) 55-00-11», «+7 916 123-45-67»). Letters or other signs make it not a number.
bool isPhoneNumber(const QString &text);
QString formatSnils(const QString &elevenDigits);

} // namespace sg::validators
