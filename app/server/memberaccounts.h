#pragma once

#include "core/clock.h"
#include "core/protocol.h"
#include "core/result.h"
#include "server/httpmessage.h"
#include "server/webpage.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace sg::server {

class AuditLog;
class Database;
class Notifier;
class Router;

// Teachers' and students' accounts follow the decisions on them. Approving a person gives them an account of the
// school (role teacher or student; login: the e-mail from the application) that is active exactly while they are
// approved, and mails a one-time link to set its password (never a password in a mail). A student's account shows
// the student's own status and is what a simplified Gosuslugi account links to. Any other status (rejected, taken
// back to pending, graduated, no longer current) disables the account and ends its sessions. The rejection itself is
// mailed with the report that holds it, when it can no longer be taken back. Everything runs in the caller's
// transaction and is audited: a rolled-back decision creates, changes and mails nothing.
//
// The link opens /api/v1/account/password, a page of this server (no script, strict CSP) where the person chooses a
// password under the password policy; the link works once and for kLinkLifetimeDays.
class MemberAccounts
{
    Q_DECLARE_TR_FUNCTIONS(sg::server::MemberAccounts)

public:
    static constexpr int kLinkLifetimeDays = 7;

    MemberAccounts(Database &db, AuditLog &audit, Notifier &notifier, const Clock &clock);

    // Where people's browsers reach this server (the links in mails); empty until the server listens.
    void setPublicUrl(const QUrl &url) { m_publicUrl = url; }
    QUrl publicUrl() const { return m_publicUrl; }
    // GET and POST /api/v1/account/password.
    void registerRoutes(Router &router);

    struct Change
    {
        qint64 memberId = 0;
        MemberStatus status = MemberStatus::Pending; // the status after the change
    };
    struct Actor
    {
        std::optional<qint64> userId;
        QString login;
    };
    // Inside the caller's transaction: the accounts of the teachers among `changes` follow their new status.
    Status follow(qint64 schoolId, const QList<Change> &changes, const Actor &actor);
    // Inside the caller's transaction: mails each rejected person of the report who gave an e-mail the reason.
    Status mailRejections(qint64 schoolId, qint64 reportId);

    // A new set-password link to the e-mail of the teacher behind an active account (the first one expired or was
    // lost); earlier links stop working. Its own transaction. The address it went to, or why not.
    Result<QString> sendPasswordLink(const QString &login, const QString &actor);

    HttpResponse passwordForm(const HttpRequest &request);
    HttpResponse setPassword(const HttpRequest &request);

private:
    struct LinkTarget
    {
        qint64 userId = 0;
        QString login;
        QString displayName;
        std::optional<qint64> schoolId;
    };
    // The account behind a set-password link that is unused, in time and whose account is active.
    std::optional<LinkTarget> linkTarget(const QString &token);
    Status invite(qint64 userId, const QString &login, const QString &email, const QString &fullName,
        const QString &schoolName, Role role);
    HttpResponse formPage(
        int status, const QString &token, const LinkTarget &target, const QString &error, const Lang &l);

    Database &m_db;
    AuditLog &m_audit;
    Notifier &m_notifier;
    const Clock &m_clock;
    QUrl m_publicUrl;
};

} // namespace sg::server
