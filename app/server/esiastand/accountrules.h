#pragma once

#include "core/result.h"
#include "esiastand/standtypes.h"

#include <QString>

#include <optional>

// What the stand accepts as a person's data and as a login, in one place for the C++ API, the CLI and the pages.
namespace sg::esiastand::rules {

// "+7 (916) 123-45-67", "8 916 123 45 67", "9161234567" -> "+79161234567"; nullopt for anything else.
std::optional<QString> normalizePhone(const QString &text);

// The ways one typed login may name an account. Several may be set: eleven digits are both a phone number
// (when they start with 7 or 8) and a SNILS (when its check number fits).
struct LoginCandidates
{
    QString email; // lower case
    QString snils; // 11 digits
    QString phone; // +7XXXXXXXXXX
    bool isEmpty() const { return email.isEmpty() && snils.isEmpty() && phone.isEmpty(); }
};
// Reads what a person typed into «Телефон / Email / СНИЛС»: spaces, dashes, brackets, "+7" and "8" prefixes and
// non-breaking spaces are accepted.
LoginCandidates parseLogin(const QString &text);

// A Russian passport's series and number as people type them ("45 10 123456", "4510-123456", "4510 № 123456"):
// "4510 123456"; nullopt for anything that is not ten digits.
std::optional<QString> normalizePassport(const QString &text);

// The stand's password rule: 8 to 128 characters with at least one letter and one digit. Empty when acceptable,
// otherwise a Russian sentence for the page.
QString checkPassword(const QString &password);

// A person's name part: 1 to 100 characters, letters (any script), spaces, hyphens and apostrophes.
bool isName(const QString &text);

// Checks and normalises an AccountSpec into an Account without password hash and oid. child: a child's account
// (birth date and SNILS required, no level). Error code "validation-failed" with an English message naming the
// field (the CLI prints it).
Result<Account> accountFromSpec(const AccountSpec &spec, bool child);

} // namespace sg::esiastand::rules
