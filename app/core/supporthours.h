#pragma once

#include <QDateTime>
#include <QString>

namespace sg {

// The support desk of the programme: phone, e-mail and hours (weekdays 08:00–18:00 Moscow time).
// Computes "open now" and the next opening from any UTC instant, whatever the computer's time zone.
class SupportHours
{
public:
    static constexpr int kOpenHour = 8;
    static constexpr int kCloseHour = 18;

    // For heads of organisations, on confirming teachers and students (weekdays 8–18 Moscow time).
    static QString phone() { return QStringLiteral("8 800 550-63-73"); }
    // When the login and password did not arrive at the organisation's e-mail.
    static QString loginHelpPhone() { return QStringLiteral("8 800 550-29-89"); }
    static QString email() { return QStringLiteral("ccod@innopolis.ru"); }

    // Moscow time for a UTC instant (UTC+3 all year since 2014; the zone database is used when present).
    static QDateTime toMoscow(const QDateTime &utc);
    static bool isOpen(const QDateTime &utc);
    // The next opening as Moscow local time (if open now: the current instant).
    static QDateTime nextOpening(const QDateTime &utc);
    // "Open now, until 18:00 Moscow time" / "Closed. Opens on Monday at 08:00 Moscow time".
    static QString statusText(const QDateTime &utc);
};

} // namespace sg
