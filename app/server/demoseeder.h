#pragma once

#include "core/clock.h"
#include "core/result.h"

#include <QString>

namespace sg::server {

class AccountStore;
class Database;

struct DemoSchool
{
    qint64 schoolId = 0;
    qint64 lyceumId = 0;
    QString password; // of the accounts demo-school, demo-teacher and demo-operator
    int teachers = 0;
    int students = 0;
};

// Seeds a realistic demo school (valid INN, ~40 teachers, ~800 students in classes 1А–11Б, Russian names with
// е/ё, hyphenated surnames and patronymics) and the demo accounts. Deterministic apart from the dates, which
// follow the clock. Running it again keeps the data and resets the demo accounts' password.
class DemoSeeder
{
public:
    static constexpr char kSchoolLogin[] = "demo-school";
    static constexpr char kTeacherLogin[] = "demo-teacher";
    static constexpr char kOperatorLogin[] = "demo-operator";
    // A second school whose director is not confirmed yet: shows the consent and submission flow.
    static constexpr char kLyceumLogin[] = "demo-lyceum";

    DemoSeeder(Database &db, AccountStore &accounts, const Clock &clock);

    // An empty password picks a random one, returned in the result.
    Result<DemoSchool> seed(const QString &password = {});

private:
    Result<qint64> seedLyceum(const QString &password, const QDateTime &now);

    Database &m_db;
    AccountStore &m_accounts;
    const Clock &m_clock;
};

} // namespace sg::server
