// libFuzzer harness: the registration-number validators (INN, KPP, OGRN, OGRNIP, SNILS), the e-mail check and
// the password policy. The first byte picks the encoding of the rest (UTF-8, UTF-16, Latin-1); every validator
// sees the same text. Checks the documented contract: ok answers carry a normalised form and no message, refusals
// a message, and a position inside the input.

#include "core/passwordpolicy.h"
#include "core/validators.h"
#include "fuzz_common.h"

#include <algorithm>
#include <cstdlib>

using namespace sg;
namespace v = sg::validators;

namespace {

bool allAsciiDigits(const QString &s)
{
    return std::all_of(s.cbegin(), s.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

void check(const v::ValidationResult &r, const QString &input, int digits)
{
    if (r.ok) {
        if (!r.message.isEmpty() || r.normalized.isEmpty())
            std::abort();
        if (digits > 0 && (r.normalized.size() != digits || !allAsciiDigits(r.normalized)))
            std::abort();
    } else if (r.message.isEmpty()) {
        std::abort();
    }
    if (r.position < -1 || r.position >= input.size() + 1)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    fuzz::ensureApplication();
    const QByteArray raw = fuzz::bytes(data + 1, size - 1);
    QString text;
    switch (data[0] % 3) {
    case 0: text = QString::fromUtf8(raw); break;
    case 1:
        text = QString(
            reinterpret_cast<const QChar *>(raw.constData()), raw.size() / 2); // any UTF-16, lone surrogates too
        break;
    default: text = QString::fromLatin1(raw); break;
    }

    const auto digits = v::normalizeDigits(text);
    check(digits, text, 0);
    if (digits.ok && !allAsciiDigits(digits.normalized))
        std::abort();
    check(v::validateInn(text, v::InnKind::Organisation), text, 10);
    check(v::validateInn(text, v::InnKind::Person), text, 12);
    const auto inn = v::validateInn(text, v::InnKind::Any);
    check(inn, text, 0);
    if (inn.ok && inn.normalized.size() != 10 && inn.normalized.size() != 12)
        std::abort();
    const auto kpp = v::validateKpp(text);
    check(kpp, text, 0);
    if (kpp.ok && kpp.normalized.size() != 9)
        std::abort();
    check(v::validateOgrn(text), text, 13);
    check(v::validateOgrnip(text), text, 15);
    const auto snils = v::validateSnils(text);
    check(snils, text, 11);
    if (snils.ok && v::formatSnils(snils.normalized).size() != 14)
        std::abort();
    v::formatSnils(text);
    v::isEmailAddress(text);

    // The policy with the text as password and, split at the first newline, as login + password.
    PasswordPolicy::check(text);
    const qsizetype nl = text.indexOf(u'\n');
    if (nl >= 0)
        PasswordPolicy::check(text.mid(nl + 1), text.left(nl));
    return 0;
}
