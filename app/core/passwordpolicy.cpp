#include "core/passwordpolicy.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include <cmath>
#include <vector>
#include <zxcvbn.h>

namespace sg {

namespace {

// The key a Russian letter shares on a ЙЦУКЕН keyboard with the Latin layout: "йцукен" is typed on the keys of
// "qwerty", "пароль" on those of "gfhjkm". Keyboard walks and words typed in the wrong layout are as easy to
// guess as their Latin twins, and the estimator knows the Latin ones.
QString onLatinKeys(const QString &lower)
{
    static const QString russian = QStringLiteral("йцукенгшщзхъфывапролджэячсмитьбюё");
    static const QString latin = QStringLiteral("qwertyuiop[]asdfghjkl;'zxcvbnm,.`");
    QString out = lower;
    for (QChar &c : out) {
        if (const qsizetype at = russian.indexOf(c); at >= 0)
            c = latin.at(at);
    }
    return out;
}

// Words of this product and of Russian schools that make a password easier to guess here than elsewhere, in
// both scripts and as typed on the wrong layout; the estimator scores them as the first words of its dictionary.
const QStringList &localWords()
{
    static const QStringList words{QStringLiteral("schoolgate"), QStringLiteral("пароль"), QStringLiteral("parol"),
        QStringLiteral("школа"), QStringLiteral("shkola"), QStringLiteral("school"), QStringLiteral("учитель"),
        QStringLiteral("uchitel"), QStringLiteral("директор"), QStringLiteral("direktor"), QStringLiteral("ученик"),
        QStringLiteral("uchenik"), QStringLiteral("класс"), QStringLiteral("klass"), QStringLiteral("москва"),
        QStringLiteral("moskva"), QStringLiteral("россия"), QStringLiteral("rossiya"), QStringLiteral("госуслуги"),
        QStringLiteral("gosuslugi"), QStringLiteral("админ"), QStringLiteral("admin"), QStringLiteral("секретарь"),
        QStringLiteral("sekretar"), QStringLiteral("гимназия"), QStringLiteral("gimnaziya"), QStringLiteral("лицей"),
        QStringLiteral("licey"), QStringLiteral("educont"), QStringLiteral("цок")};
    return words;
}

// zxcvbn-c's estimate, in bits (log2 of the guesses an attacker who knows the common passwords, words, names,
// keyboard patterns, dates and repetitions would need), with the login and the local words as its own dictionary.
double estimatedBits(const QString &password, const QString &login)
{
    QList<QByteArray> words;
    const auto addWord = [&words](const QString &word) {
        if (word.size() >= 3) {
            words.append(word.toUtf8());
            words.append(onLatinKeys(word).toUtf8());
        }
    };
    for (const QString &word : localWords())
        addWord(word);
    if (!login.isEmpty()) {
        const QString lower = login.toLower();
        addWord(lower);
        static const QRegularExpression separators(QStringLiteral(R"([^\p{L}\p{N}]+)"));
        for (const QString &part : lower.split(separators, Qt::SkipEmptyParts))
            addWord(part);
    }
    std::vector<const char *> dictionary;
    dictionary.reserve(size_t(words.size()) + 1);
    for (const QByteArray &word : std::as_const(words))
        dictionary.push_back(word.constData());
    dictionary.push_back(nullptr);

    const QByteArray asTyped = password.toUtf8();
    const QByteArray onLatin = onLatinKeys(password.toLower()).toUtf8();
    double bits = ZxcvbnMatch(asTyped.constData(), dictionary.data(), nullptr);
    if (onLatin != asTyped.toLower())
        bits = std::min(bits, ZxcvbnMatch(onLatin.constData(), dictionary.data(), nullptr));
    return bits;
}

} // namespace

double PasswordPolicy::guessesLog10(const QString &password, const QString &login)
{
    return estimatedBits(password, login) * std::log10(2.0);
}

QString PasswordPolicy::check(const QString &password, const QString &login)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("sg::PasswordPolicy", text); };
    // Length in characters as people count them (code points), not UTF-16 units: an emoji is one character.
    const qsizetype length = password.toUcs4().size();
    if (length < kMinLength)
        return tr("The password must have at least %1 characters.").arg(kMinLength);
    if (length > kMaxLength)
        return tr("The password must have at most %1 characters.").arg(kMaxLength);
    if (!login.isEmpty() && password.toLower().contains(login.toLower()))
        return tr("The password must not contain the login.");
    if (guessesLog10(password, login) < kMinGuessesLog10) {
        return tr("This password is easy to guess: it is a common password, a keyboard pattern, a repetition or "
                  "common words with digits. Add a word or two that do not usually go together; a phrase of "
                  "several words is easy to remember and hard to guess.");
    }
    return {};
}

} // namespace sg
