#pragma once

// Helpers shared by the harnesses of tests/fuzz (header only; no state between inputs).

#include <QByteArray>
#include <QCoreApplication>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace sg::fuzz {

// Qt wants an application object for translations, SQL drivers and logging. Created once, never destroyed.
inline void ensureApplication()
{
    if (QCoreApplication::instance())
        return;
    static int argc = 1;
    static char name[] = "sg-fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication *app = new QCoreApplication(argc, argv);
    Q_UNUSED(app);
}

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

// A finding: says which property broke, then aborts so that the fuzzer (or the replay driver) reports it.
[[noreturn]] inline void fail(const char *property)
{
    std::fprintf(stderr, "fuzz: property broken: %s\n", property);
    std::abort();
}

} // namespace sg::fuzz
