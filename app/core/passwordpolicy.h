#pragma once

#include <QString>

namespace sg {

// Password rules: 12 to 128 characters, not a well-known password (Russian keyboard patterns included),
// no composition rules. Returns an empty string when acceptable, otherwise a message for the user.
class PasswordPolicy
{
public:
    static constexpr int kMinLength = 12;
    static constexpr int kMaxLength = 128;

    static QString check(const QString &password, const QString &login = {});
};

} // namespace sg
