#pragma once

#include <QDate>
#include <QDateTime>
#include <QTime>
#include <QTimeZone>

namespace sg {

// Times in UTC, made the way each Qt version wants. Qt 6.5 added the lightweight QTimeZone::UTC (a QDateTime made
// with it reports Qt::UTC and writes "Z" in ISO text) and Qt 6.9 deprecates the Qt::TimeSpec arguments; on Qt 6.4
// QTimeZone::utc() is a full time zone (Qt::TimeZone, "+00:00"), so Qt::UTC is the right form there.
inline QDateTime utcFromMSecs(qint64 msSinceEpoch)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, QTimeZone::UTC);
#else
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC);
#endif
}

inline QDateTime utcDateTime(QDate date, QTime time)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime(date, time, QTimeZone::UTC);
#else
    return QDateTime(date, time, Qt::UTC);
#endif
}

} // namespace sg
