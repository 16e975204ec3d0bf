#include "core/businesscalendar.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <cstdlib>

namespace sg {

namespace {

struct MonthDay
{
    int month;
    int day;
};

// One transfer of a day off, written as in the decree: "с <from> на <to>". The `to` day becomes a day off.
// The `from` day is a weekend day: if it is not a public holiday it becomes a working day (a working
// Saturday); if it is a holiday falling on a weekend, it stays a day off and the decree replaces the
// statutory transfer of that holiday to the next working day.
struct Transfer
{
    int year;
    MonthDay from;
    MonthDay to;
};

// The Government's decrees "О переносе выходных дней в <year> году". UPDATE THIS TABLE EVERY YEAR when the
// decree for the next year is published, and add the year to kDecreeYears.
constexpr Transfer kTransfers[] = {
    // 2025: Decree of the Government of the Russian Federation No. 1335 of 04.10.2024.
    {2025, {1, 4}, {5, 2}}, // Sat 4 Jan (New Year holiday) -> Fri 2 May
    {2025, {1, 5}, {12, 31}}, // Sun 5 Jan (New Year holiday) -> Wed 31 Dec
    {2025, {2, 23}, {5, 8}}, // Sun 23 Feb -> Thu 8 May, so Mon 24 Feb is a working day
    {2025, {3, 8}, {6, 13}}, // Sat 8 Mar -> Fri 13 Jun, so Mon 10 Mar is a working day
    {2025, {11, 1}, {11, 3}}, // Sat 1 Nov becomes a working day -> Mon 3 Nov
    // 2026: Decree of the Government of the Russian Federation No. 1466 of 24.09.2025.
    {2026, {1, 3}, {1, 9}}, // Sat 3 Jan (New Year holiday) -> Fri 9 Jan
    {2026, {1, 4}, {12, 31}}, // Sun 4 Jan (New Year holiday) -> Thu 31 Dec
    // 2027: Decree of the Government of the Russian Federation No. 1187 of 17.09.2026.
    {2027, {1, 2}, {11, 5}}, // Sat 2 Jan (New Year holiday) -> Fri 5 Nov
    {2027, {1, 3}, {12, 31}}, // Sun 3 Jan (New Year holiday) -> Fri 31 Dec
    {2027, {2, 20}, {2, 22}}, // Sat 20 Feb becomes a working day -> Mon 22 Feb
};

constexpr int kDecreeYears[] = {2025, 2026, 2027};

enum class Holiday { None, NewYear, Christmas, DefenderDay, WomensDay, LabourDay, VictoryDay, RussiaDay, UnityDay };

// Labour Code, art. 112, part 1.
Holiday holidayOf(QDate date)
{
    const int day = date.day();
    switch (date.month()) {
    case 1:
        if (day == 7)
            return Holiday::Christmas;
        return day <= 8 ? Holiday::NewYear : Holiday::None;
    case 2: return day == 23 ? Holiday::DefenderDay : Holiday::None;
    case 3: return day == 8 ? Holiday::WomensDay : Holiday::None;
    case 5: return day == 1 ? Holiday::LabourDay : day == 9 ? Holiday::VictoryDay : Holiday::None;
    case 6: return day == 12 ? Holiday::RussiaDay : Holiday::None;
    case 11: return day == 4 ? Holiday::UnityDay : Holiday::None;
    default: return Holiday::None;
    }
}

bool isHoliday(QDate date)
{
    return holidayOf(date) != Holiday::None;
}

bool isWeekend(QDate date)
{
    return date.dayOfWeek() >= 6;
}

bool sameDay(QDate date, int year, MonthDay md)
{
    return date.year() == year && date.month() == md.month && date.day() == md.day;
}

bool isDecreeSource(QDate date)
{
    return std::any_of(
        std::begin(kTransfers), std::end(kTransfers), [&](const Transfer &t) { return sameDay(date, t.year, t.from); });
}

bool isDecreeTarget(QDate date)
{
    return std::any_of(
        std::begin(kTransfers), std::end(kTransfers), [&](const Transfer &t) { return sameDay(date, t.year, t.to); });
}

// Art. 112, part 2: a holiday (other than a January one) on a Saturday or Sunday moves the day off to the next
// working day, unless the decree moved it elsewhere. Returns whether `date` is such a moved day off.
bool isStatutoryTransferDay(QDate date)
{
    static constexpr MonthDay kMovable[] = {{2, 23}, {3, 8}, {5, 1}, {5, 9}, {6, 12}, {11, 4}};
    const int year = date.year();
    std::array<QDate, std::size(kMovable)> taken;
    std::size_t takenCount = 0;
    for (const MonthDay &md : kMovable) {
        const QDate holiday(year, md.month, md.day);
        if (!isWeekend(holiday) || isDecreeSource(holiday))
            continue;
        QDate moved = holiday.addDays(1);
        while (isWeekend(moved) || isHoliday(moved) || isDecreeTarget(moved)
            || std::find(taken.begin(), taken.begin() + takenCount, moved) != taken.begin() + takenCount) {
            moved = moved.addDays(1);
        }
        if (moved == date)
            return true;
        taken[takenCount++] = moved;
    }
    return false;
}

bool isDayOff(QDate date)
{
    if (isDecreeTarget(date))
        return true;
    if (isWeekend(date))
        return !isDecreeSource(date) || isHoliday(date); // a non-holiday decree source is a working Saturday
    if (isHoliday(date))
        return true;
    return isStatutoryTransferDay(date);
}

} // namespace

bool BusinessCalendar::isBusinessDay(QDate date)
{
    return date.isValid() && !isDayOff(date);
}

QDate BusinessCalendar::addBusinessDays(QDate from, int n)
{
    if (!from.isValid())
        return {};
    const int step = n < 0 ? -1 : 1;
    qint64 remaining = std::llabs(static_cast<long long>(n));
    QDate date = from;
    while (remaining > 0) {
        date = date.addDays(step);
        if (!date.isValid())
            return {};
        if (isBusinessDay(date))
            --remaining;
    }
    return date;
}

QString BusinessCalendar::holidayName(QDate date)
{
    if (!date.isValid())
        return {};
    switch (holidayOf(date)) {
    case Holiday::NewYear: return QCoreApplication::translate("sg::BusinessCalendar", "New Year holidays");
    case Holiday::Christmas: return QCoreApplication::translate("sg::BusinessCalendar", "Christmas");
    case Holiday::DefenderDay:
        return QCoreApplication::translate("sg::BusinessCalendar", "Defender of the Fatherland Day");
    case Holiday::WomensDay: return QCoreApplication::translate("sg::BusinessCalendar", "International Women's Day");
    case Holiday::LabourDay: return QCoreApplication::translate("sg::BusinessCalendar", "Spring and Labour Day");
    case Holiday::VictoryDay: return QCoreApplication::translate("sg::BusinessCalendar", "Victory Day");
    case Holiday::RussiaDay: return QCoreApplication::translate("sg::BusinessCalendar", "Russia Day");
    case Holiday::UnityDay: return QCoreApplication::translate("sg::BusinessCalendar", "National Unity Day");
    case Holiday::None: break;
    }
    return {};
}

bool BusinessCalendar::hasDecreeFor(int year)
{
    return std::find(std::begin(kDecreeYears), std::end(kDecreeYears), year) != std::end(kDecreeYears);
}

} // namespace sg
