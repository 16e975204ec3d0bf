#include "esiastand/standtypes.h"

namespace sg::esiastand {

QString levelName(AccountLevel level)
{
    switch (level) {
    case AccountLevel::Simplified: return QStringLiteral("simplified");
    case AccountLevel::Standard: return QStringLiteral("standard");
    case AccountLevel::Confirmed: return QStringLiteral("confirmed");
    }
    return QStringLiteral("simplified");
}

std::optional<AccountLevel> levelFromName(const QString &name)
{
    for (const AccountLevel level : {AccountLevel::Simplified, AccountLevel::Standard, AccountLevel::Confirmed}) {
        if (name == levelName(level))
            return level;
    }
    return std::nullopt;
}

} // namespace sg::esiastand
