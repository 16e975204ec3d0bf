#pragma once

#include "core/clock.h"

#include <QTimeZone>

namespace sg::test {

// A clock the test moves by hand.
class FakeClock final : public Clock
{
public:
    explicit FakeClock(QDateTime start = QDateTime(QDate(2026, 9, 1), QTime(9, 0), QTimeZone::utc()))
        : m_now(start)
    {}
    QDateTime now() const override { return m_now; }
    void set(const QDateTime &t) { m_now = t.toUTC(); }
    void advance(qint64 seconds) { m_now = m_now.addSecs(seconds); }

private:
    QDateTime m_now;
};

} // namespace sg::test
