#pragma once

// For tests that link sg_client: whether the real OS keychain answers in this session, and the rule for tests
// that need it (skipped without one, failed when SG_REQUIRE_KEYCHAIN=1 says it must be there, as scripts/test
// does inside its private D-Bus session with an unlocked gnome-keyring).

#include "client/secretstore.h"

#include <QTest>

namespace sg::test {

inline bool keychainRequired()
{
    return qEnvironmentVariable("SG_REQUIRE_KEYCHAIN") == QLatin1String("1");
}

// Empty when a Secret Service keychain answers (reading a missing entry says "not found"); otherwise why not.
inline QString keychainProblem(const QString &service)
{
    client::KeychainSecretStore store(service);
    QString problem = QStringLiteral("no answer");
    bool done = false;
    store.read(QStringLiteral("probe"), [&](Result<QByteArray> r) {
        problem = r || r.error().code == QLatin1String("secret-not-found") ? QString() : r.error().message;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 15000))
        return QStringLiteral("the keychain did not answer in 15 s");
    return problem;
}

// The message for a test that needs the keychain when keychainProblem() said `problem`.
inline QString keychainMissing(const QString &problem)
{
    return QStringLiteral("no Secret Service keychain here (%1); scripts/test provides one").arg(problem);
}

} // namespace sg::test

// Skips the current test without a keychain, or fails it when SG_REQUIRE_KEYCHAIN=1.
#define SG_REQUIRE_KEYCHAIN(problem)                                                                                   \
    do {                                                                                                               \
        if (!(problem).isEmpty()) {                                                                                    \
            if (sg::test::keychainRequired())                                                                          \
                QFAIL(qPrintable(QStringLiteral("SG_REQUIRE_KEYCHAIN=1 but ") + sg::test::keychainMissing(problem)));  \
            QSKIP(qPrintable(sg::test::keychainMissing(problem)));                                                     \
        }                                                                                                              \
    } while (false)
