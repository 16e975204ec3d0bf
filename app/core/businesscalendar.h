#pragma once

#include <QDate>
#include <QString>

namespace sg {

// The Russian production calendar (five-day week): which days are business days.
//
// Statutory rules (Labour Code, art. 111 and 112): Saturday and Sunday are days off; the public holidays are
// 1-6 and 8 January (New Year holidays), 7 January (Christmas), 23 February, 8 March, 1 May, 9 May, 12 June and
// 4 November. A holiday that falls on a Saturday or Sunday moves the day off to the next working day, except the
// January holidays: their weekend days off are moved by the Government's yearly decree. On top of that the decree
// transfers further days off and makes some Saturdays working days. The decrees for 2025, 2026 and 2027 are
// encoded (see businesscalendar.cpp); for any other year only the statutory rules apply, so the table must be
// extended every year when the new decree is published (usually in September or October of the year before).
class BusinessCalendar
{
public:
    // True on a working day; false on weekends, holidays and transferred days off, and for an invalid date.
    static bool isBusinessDay(QDate date);

    // The date n business days after `from` (`from` itself does not count, whatever it is); n < 0 counts
    // backwards; n == 0 returns `from` unchanged. An invalid `from` gives an invalid date.
    static QDate addBusinessDays(QDate from, int n);

    // The name of the public holiday on that date ("Christmas", "Russia Day", ...), translated; empty when the
    // date is not a public holiday (also for transferred days off, which are days off but not holidays).
    static QString holidayName(QDate date);

    // Whether the Government's decree on transferred days off is encoded for that year. For other years the
    // answers follow the statutory rules only and may be wrong around holidays.
    static bool hasDecreeFor(int year);
};

} // namespace sg
