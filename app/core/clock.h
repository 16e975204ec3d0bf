#pragma once

#include <QDateTime>

namespace sg {

// The time source. Production code uses SystemClock; tests pass a fake (tests/support/fakeclock.h).
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0; // UTC
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

} // namespace sg
