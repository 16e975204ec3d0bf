#pragma once

#include <QString>

namespace sg {

// Password rules: 12 to 128 characters, not containing the login, and hard enough to guess by the estimate of
// zxcvbn-c (the estimator KeePassXC uses): at least 10^10 guesses for an attacker who tries common passwords,
// dictionary words and names, keyboard patterns (Russian ones as typed on the Latin keys), dates, sequences and
// repetitions first. No composition rules. Returns an empty string when acceptable, otherwise a message for the
// user.
class PasswordPolicy
{
public:
    static constexpr int kMinLength = 12;
    static constexpr int kMaxLength = 128;
    static constexpr double kMinGuessesLog10 = 10.0;

    static QString check(const QString &password, const QString &login = {});
    // The estimate alone: log10 of the guesses needed (the login and the product's own words count as known).
    static double guessesLog10(const QString &password, const QString &login = {});
};

} // namespace sg
