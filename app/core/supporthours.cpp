#include "core/supporthours.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTimeZone>

namespace sg {

namespace {

bool isWorkday(const QDate &d)
{
    return d.dayOfWeek() <= 5;
}

} // namespace

QDateTime SupportHours::toMoscow(const QDateTime &utc)
{
    static const QTimeZone zone = [] {
        QTimeZone z(QByteArrayLiteral("Europe/Moscow"));
        return z.isValid() ? z : QTimeZone(3 * 3600);
    }();
    return utc.toTimeZone(zone);
}

bool SupportHours::isOpen(const QDateTime &utc)
{
    const QDateTime msk = toMoscow(utc);
    const int hour = msk.time().hour();
    return isWorkday(msk.date()) && hour >= kOpenHour && hour < kCloseHour;
}

QDateTime SupportHours::nextOpening(const QDateTime &utc)
{
    const QDateTime msk = toMoscow(utc);
    if (isOpen(utc))
        return msk;
    QDate day = msk.date();
    if (msk.time().hour() >= kOpenHour)
        day = day.addDays(1);
    while (!isWorkday(day))
        day = day.addDays(1);
    return QDateTime(day, QTime(kOpenHour, 0), msk.timeZone());
}

QString SupportHours::statusText(const QDateTime &utc)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("sg::SupportHours", text); };
    if (isOpen(utc))
        return tr("Open now, until %1:00 Moscow time").arg(kCloseHour);
    const QDateTime next = nextOpening(utc);
    const QDate today = toMoscow(utc).date();
    const QString time = next.time().toString(QStringLiteral("HH:mm"));
    if (next.date() == today)
        return tr("Closed. Opens today at %1 Moscow time").arg(time);
    if (next.date() == today.addDays(1))
        return tr("Closed. Opens tomorrow at %1 Moscow time").arg(time);
    return tr("Closed. Opens on %1 at %2 Moscow time").arg(QLocale().dayName(next.date().dayOfWeek()), time);
}

} // namespace sg
