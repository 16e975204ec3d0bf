#pragma once

#include "core/clock.h"
#include "core/result.h"

#include <QString>
#include <QUrl>

#include <memory>

namespace sg::server {

class AccountStore;
class ApiService;
class AuditLog;
class Database;
class DirectorApi;
class DirectorStore;
class Applications;
class EsiaBroker;
class MemberAccounts;
struct EsiaSettings;
class Notifier;
class SchoolStore;

// Everything that answers API requests, over one database connection: the stores and the routes. A Database
// connection belongs to the thread that opened it, so the server keeps one Backend on its own thread (start-up,
// housekeeping, /health, the admin commands) and one on each worker thread (WorkerPool).
struct Backend
{
    Backend();
    ~Backend();
    Backend(const Backend &) = delete;
    Backend &operator=(const Backend &) = delete;

    // Opens the database (PostgreSQL when databaseUrl is given, else the SQLite file) on the calling thread.
    // publicUrl: where people's browsers reach the server (links in mails); may be set later on memberAccounts.
    static Result<std::unique_ptr<Backend>> open(const QString &databaseUrl, const QString &sqlitePath,
        const Clock &clock, const QString &supportEmail, const EsiaSettings &esia, int offlineMaxDays,
        const QUrl &publicUrl = {});

    std::unique_ptr<Database> db;
    std::unique_ptr<AuditLog> audit;
    std::unique_ptr<AccountStore> accounts;
    std::unique_ptr<SchoolStore> schools;
    std::unique_ptr<Notifier> notifier;
    std::unique_ptr<MemberAccounts> memberAccounts;
    std::unique_ptr<Applications> applications;
    std::unique_ptr<DirectorStore> directors;
    std::unique_ptr<ApiService> api;
    std::unique_ptr<DirectorApi> directorApi;
    std::unique_ptr<EsiaBroker> esia;
};

} // namespace sg::server
