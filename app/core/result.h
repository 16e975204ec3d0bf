#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace sg {

// A typed error that travels by value: a stable machine code (see errorcodes.h), a human message,
// and the HTTP status it came with (0 when it did not come from HTTP).
struct Error
{
    QString code;
    QString message;
    int httpStatus = 0;
    int retryAfterSecs = 0; // when > 0: try again after this many seconds (HTTP Retry-After)

    bool isNetwork() const { return httpStatus == 0; }
};

// Either a value or an Error. Errors never travel as exceptions through the event loop.
template<typename T>
class Result
{
public:
    Result(T value)
        : m_data(std::move(value))
    {}
    Result(Error error)
        : m_data(std::move(error))
    {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_data); }
    T &value() & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    const T *operator->() const { return &std::get<T>(m_data); }
    const Error &error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

// For operations that return nothing but may fail.
struct Unit
{
};
using Status = Result<Unit>;

} // namespace sg
