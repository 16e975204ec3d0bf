#include "core/passwordpolicy.h"

#include <QCoreApplication>
#include <QSet>
#include <QStringList>

namespace sg {

namespace {

const QSet<QString> &commonPasswords()
{
    // Lower-cased. Well-known passwords and keyboard walks, Latin and Cyrillic layouts.
    static const QSet<QString> set{
        QStringLiteral("123456789012"),
        QStringLiteral("1234567890123"),
        QStringLiteral("qwertyuiop12"),
        QStringLiteral("qwerty123456"),
        QStringLiteral("password1234"),
        QStringLiteral("passwordpassword"),
        QStringLiteral("111111111111"),
        QStringLiteral("000000000000"),
        QStringLiteral("123123123123"),
        QStringLiteral("qwertyuiopasdf"),
        QStringLiteral("1q2w3e4r5t6y"),
        QStringLiteral("zaq12wsxcde3"),
        QStringLiteral("йцукенгшщзхъ"),
        QStringLiteral("йцукен123456"),
        QStringLiteral("фывапролджэ1"),
        QStringLiteral("пароль123456"),
        QStringLiteral("парольпароль"),
        QStringLiteral("qwerty12345678"),
        QStringLiteral("administrator"),
        QStringLiteral("schoolgate123"),
        QStringLiteral("школа1234567"),
        QStringLiteral("1qaz2wsx3edc"),
        QStringLiteral("abcdefghijkl"),
        QStringLiteral("iloveyou1234"),
    };
    return set;
}

bool isSingleRepeatedCharacter(const QString &s)
{
    for (const QChar c : s) {
        if (c != s.front())
            return false;
    }
    return true;
}

} // namespace

QString PasswordPolicy::check(const QString &password, const QString &login)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("sg::PasswordPolicy", text); };
    // Length in characters as people count them (code points), not UTF-16 units: an emoji is one character.
    const qsizetype length = password.toUcs4().size();
    if (length < kMinLength)
        return tr("The password must have at least %1 characters.").arg(kMinLength);
    if (length > kMaxLength)
        return tr("The password must have at most %1 characters.").arg(kMaxLength);
    const QString lower = password.toLower();
    if (commonPasswords().contains(lower) || isSingleRepeatedCharacter(lower))
        return tr("This password is too well known. Choose another one.");
    if (!login.isEmpty() && lower.contains(login.toLower()))
        return tr("The password must not contain the login.");
    return {};
}

} // namespace sg
