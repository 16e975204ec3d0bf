#pragma once

#include "core/domain.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace sg::server {

class Server;

struct SchoolDraft
{
    QString inn;
    QString kpp;
    QString ogrn;
    QString name;
    QString shortName;
    QString region;
    QString address;
    QString email;
    QString login; // empty = "school-<INN>"
};

struct CreatedAccount
{
    qint64 id = 0;
    qint64 schoolId = 0;
    QString login;
    QString mailedTo; // the one-time password went there (never printed)
};

// One line of an import: what happened to a CSV row.
struct ImportLine
{
    int line = 0; // physical line in the file
    bool ok = false;
    QString message;
    int record = 0; // the row's number as a spreadsheet shows it (the header is row 1)
};

struct ImportReport
{
    int imported = 0; // rows accepted: added + updated + unchanged (people); schools created
    int failed = 0;
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    bool dryRun = false;
    bool stored = true; // false: a dry run, or a file with a bad row (all or nothing)
    QList<ImportLine> lines;
    QString encoding;
};

// The operator's and administrator's commands (schoolgate-server subcommands), callable in process for tests.
class AdminCommands
{
    Q_DECLARE_TR_FUNCTIONS(sg::server::AdminCommands)

public:
    explicit AdminCommands(Server &server);

    // Creates a school and its account. A one-time password is mailed to the school's address; the first
    // sign-in must set a new one.
    Result<CreatedAccount> createSchool(const SchoolDraft &draft);
    Result<CreatedAccount> createOperator(const QString &login, const QString &email, const QString &displayName);
    // CSV with a header: inn;kpp;ogrn;name;short_name;region;address;email (UTF-8 or Windows-1251; ; , or tab).
    Result<ImportReport> importSchools(const QByteArray &csv);
    // CSV with a header: role;surname;name;patronymic;email;subject;class (role: teacher or student; class: 5А).
    // All or nothing: one bad row and nothing is stored. A row naming a person the school already has (same role
    // and e-mail, or same role and full name; docs/install.md) updates that person instead of adding another.
    // dryRun: everything is checked and reported, nothing is stored.
    Result<ImportReport> importPeople(const QString &schoolInn, const QByteArray &csv, bool dryRun = false);
    // A consistent copy of the live database (SQLite VACUUM INTO), safe while the server runs.
    Status backup(const QString &path);

private:
    Result<CreatedAccount> createAccountWithMailedPassword(const QString &login, const QString &email, Role role,
        std::optional<qint64> schoolId, const QString &displayName);

    Server &m_server;
};

} // namespace sg::server
