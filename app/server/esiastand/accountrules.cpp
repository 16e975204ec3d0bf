#include "esiastand/accountrules.h"

#include "core/errorcodes.h"
#include "core/validators.h"
#include "server/mailmessage.h"

#include <QRegularExpression>

namespace sg::esiastand::rules {

namespace {

Error invalid(const QString &message)
{
    return Error{QString::fromLatin1(errc::ValidationFailed), message, 400};
}

// Digits of a phone or SNILS as typed: separators dropped, Unicode digits made ASCII. Empty when anything else
// is in it.
QString digitsOf(const QString &text, bool *plus)
{
    QString out;
    *plus = false;
    const QString trimmed = text.trimmed();
    for (qsizetype i = 0; i < trimmed.size(); ++i) {
        const QChar c = trimmed.at(i);
        if (c.isDigit()) {
            out.append(QChar(u'0' + c.digitValue()));
        } else if (c == u'+' && out.isEmpty() && !*plus) {
            *plus = true;
        } else if (!(c.isSpace() || c == u'-' || c == u'(' || c == u')' || c == u'.' || c == QChar(0x2212)
                       || (c.unicode() >= 0x2010 && c.unicode() <= 0x2015))) {
            return {};
        }
    }
    return out;
}

} // namespace

std::optional<QString> normalizePhone(const QString &text)
{
    bool plus = false;
    const QString digits = digitsOf(text, &plus);
    if (plus && digits.size() == 11 && digits.startsWith(u'7'))
        return QStringLiteral("+") + digits;
    if (!plus && digits.size() == 11 && (digits.startsWith(u'7') || digits.startsWith(u'8')))
        return QStringLiteral("+7") + digits.mid(1);
    if (!plus && digits.size() == 10)
        return QStringLiteral("+7") + digits;
    return std::nullopt;
}

LoginCandidates parseLogin(const QString &text)
{
    LoginCandidates out;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > 254)
        return out;
    if (trimmed.contains(u'@')) {
        if (validators::isEmailAddress(trimmed))
            out.email = trimmed.toLower();
        return out;
    }
    if (const auto phone = normalizePhone(trimmed))
        out.phone = *phone;
    bool plus = false;
    const QString digits = digitsOf(trimmed, &plus);
    if (!plus && digits.size() == 11) {
        const auto snils = validators::validateSnils(digits);
        if (snils.ok)
            out.snils = snils.normalized;
    }
    return out;
}

QString checkPassword(const QString &password)
{
    const auto length = password.toUcs4().size();
    if (length < 8)
        return QStringLiteral("Пароль должен быть не короче 8 символов.");
    if (length > 128)
        return QStringLiteral("Пароль должен быть не длиннее 128 символов.");
    bool letter = false;
    bool digit = false;
    for (const char32_t c : password.toUcs4()) {
        letter = letter || QChar::isLetter(c);
        digit = digit || QChar::isDigit(c);
        if (QChar::category(c) == QChar::Other_Control)
            return QStringLiteral("Пароль не может содержать управляющие символы.");
    }
    if (!letter || !digit)
        return QStringLiteral("Пароль должен содержать буквы и цифры.");
    return {};
}

bool isName(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^[\\p{L}][\\p{L}\\p{M} '’\\-]{0,99}$"));
    return re.match(text).hasMatch();
}

std::optional<QString> normalizePassport(const QString &text)
{
    QString digits;
    for (const QChar c : text) {
        if (c.isDigit() && c.unicode() < 128)
            digits.append(c);
        else if (!c.isSpace() && c != QLatin1Char('-') && c != QChar(0x2116)) // №
            return std::nullopt;
    }
    if (digits.size() != 10)
        return std::nullopt;
    return digits.left(4) + QLatin1Char(' ') + digits.mid(4);
}

Result<Account> accountFromSpec(const AccountSpec &spec, bool child)
{
    Account a;
    a.lastName = spec.lastName.trimmed();
    a.firstName = spec.firstName.trimmed();
    a.middleName = spec.middleName.trimmed();
    if (!isName(a.lastName))
        return invalid(
            QStringLiteral("the surname must be 1 to 100 letters (spaces, hyphens and apostrophes allowed)"));
    if (!isName(a.firstName))
        return invalid(QStringLiteral("the name must be 1 to 100 letters (spaces, hyphens and apostrophes allowed)"));
    if (!a.middleName.isEmpty() && !isName(a.middleName))
        return invalid(
            QStringLiteral("the patronymic must be 1 to 100 letters (spaces, hyphens and apostrophes allowed)"));
    if (spec.birthDate.isValid() && (spec.birthDate.year() < 1900 || spec.birthDate.year() > 2100))
        return invalid(QStringLiteral("the birth date must be between 1900 and 2100"));
    a.birthDate = spec.birthDate;
    const QString gender = spec.gender.trimmed().toUpper();
    if (!gender.isEmpty() && gender != QLatin1String("M") && gender != QLatin1String("F"))
        return invalid(QStringLiteral("the gender must be M or F"));
    a.gender = gender;
    if (!spec.snils.trimmed().isEmpty()) {
        const auto snils = validators::validateSnils(spec.snils);
        if (!snils.ok)
            return invalid(QStringLiteral("SNILS: ") + snils.message);
        a.snils = snils.normalized;
    }
    if (!spec.email.trimmed().isEmpty()) {
        const QString email = spec.email.trimmed().toLower();
        if (!validators::isEmailAddress(email) || !server::MailMessage::validateAddress(email))
            return invalid(QStringLiteral("the e-mail address %1 is not valid").arg(email));
        a.email = email;
    }
    if (!spec.phone.trimmed().isEmpty()) {
        const auto phone = normalizePhone(spec.phone);
        if (!phone)
            return invalid(QStringLiteral("the phone number must be a Russian one: +7 and 10 digits"));
        a.phone = *phone;
    }
    if (a.email.isEmpty() && a.phone.isEmpty() && a.snils.isEmpty())
        return invalid(QStringLiteral("give an e-mail address, a phone number or a SNILS to sign in with"));
    if (const QString problem = checkPassword(spec.password); !problem.isEmpty())
        return invalid(QStringLiteral("the password must be 8 to 128 characters with letters and digits"));
    a.child = child;
    a.level = child ? AccountLevel::Simplified : spec.level;
    if (child || spec.level != AccountLevel::Simplified) {
        if (a.snils.isEmpty() || !a.birthDate.isValid())
            return invalid(child
                    ? QStringLiteral("a child's account needs a SNILS and a birth date")
                    : QStringLiteral("the %1 level needs a SNILS and a birth date").arg(levelName(spec.level)));
    }
    a.emailVerified = !a.email.isEmpty() && spec.emailVerified;
    return a;
}

} // namespace sg::esiastand::rules
