#pragma once

#include "core/result.h"

#include <QTest>

#include <functional>
#include <optional>

namespace sg::test {

// Calls an asynchronous API (whose last argument is a Result callback) and waits for the callback,
// spinning the event loop; fails the test if it takes longer than timeoutMs.
template<typename T, typename Call>
Result<T> await(Call &&call, int timeoutMs = 20000)
{
    std::optional<Result<T>> out;
    call([&out](Result<T> r) { out.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, timeoutMs))
        return Error{QStringLiteral("test-timeout"), QStringLiteral("no callback within %1 ms").arg(timeoutMs)};
    return std::move(*out);
}

} // namespace sg::test
