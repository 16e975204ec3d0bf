#include "server/backend.h"

#include "server/accountstore.h"
#include "server/apiservice.h"
#include "server/applications.h"
#include "server/auditlog.h"
#include "server/database.h"
#include "server/directorapi.h"
#include "server/directorstore.h"
#include "server/esiabroker.h"
#include "server/memberaccounts.h"
#include "server/notifier.h"
#include "server/schoolstore.h"

namespace sg::server {

Backend::Backend() = default;

// Members go in the reverse order of their dependencies: the routes first, the connection last.
Backend::~Backend()
{
    esia.reset();
    directorApi.reset();
    api.reset();
    directors.reset();
    applications.reset();
    if (schools)
        schools->setMemberAccounts(nullptr);
    memberAccounts.reset();
    notifier.reset();
    schools.reset();
    accounts.reset();
    audit.reset();
    db.reset();
}

Result<std::unique_ptr<Backend>> Backend::open(const QString &databaseUrl, const QString &sqlitePath,
    const Clock &clock, const QString &supportEmail, const EsiaSettings &esia, int offlineMaxDays,
    const QUrl &publicUrl)
{
    auto db = Database::open(databaseUrl, sqlitePath);
    if (!db)
        return db.error();
    auto b = std::make_unique<Backend>();
    b->db = std::move(db).value();
    b->audit = std::make_unique<AuditLog>(*b->db, clock);
    b->accounts = std::make_unique<AccountStore>(*b->db, *b->audit, clock);
    b->schools = std::make_unique<SchoolStore>(*b->db, *b->audit, clock);
    b->notifier = std::make_unique<Notifier>(*b->db, clock);
    b->memberAccounts = std::make_unique<MemberAccounts>(*b->db, *b->audit, *b->notifier, clock);
    b->memberAccounts->setPublicUrl(publicUrl);
    b->schools->setMemberAccounts(b->memberAccounts.get());
    b->directors = std::make_unique<DirectorStore>(*b->db, *b->notifier, *b->audit, clock, supportEmail);
    b->api = std::make_unique<ApiService>(*b->db, *b->accounts, *b->schools, clock);
    b->directorApi = std::make_unique<DirectorApi>(b->api->router(), b->api->authorizer(), *b->directors, *b->notifier);
    b->memberAccounts->registerRoutes(b->api->router());
    b->applications = std::make_unique<Applications>(*b->db, *b->audit, *b->notifier, clock);
    b->applications->setPublicUrl(publicUrl);
    b->api->setPublicUrl(publicUrl);
    b->applications->registerRoutes(b->api->router(), b->api->authorizer());
    b->esia = std::make_unique<EsiaBroker>(b->api->router(), *b->db, *b->accounts, *b->audit, clock, esia);
    b->api->setPasswordSignInDisabled(esia.esiaOnly);
    b->api->setOfflineMaxDays(offlineMaxDays);
    b->esia->setOfflineMaxDays(offlineMaxDays);
    return b;
}

} // namespace sg::server
