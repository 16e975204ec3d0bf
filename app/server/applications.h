#pragma once

#include "core/clock.h"
#include "core/result.h"
#include "server/httpmessage.h"
#include "server/webpage.h"

#include <QString>
#include <QUrl>

namespace sg::server {

class AuditLog;
class Authorizer;
class Database;
class Notifier;
class Router;

// «Заявка в школу»: teachers and students ask to join a school by themselves, on pages of this server (Russian, no
// script, strict CSP, usable at 320 px and by keyboard):
//   GET  /api/v1/apply                  find the school by INN, or by name within a region
//   GET  /api/v1/apply/{school}         the form: teacher or student, a student's class from the school's classes,
//                                       a teacher's subjects, surname, name, patronymic, e-mail
//   POST /api/v1/apply/{school}         the application waits for its e-mail to be confirmed; a mail carries the link
//   GET  /api/v1/apply/confirm?token=   asks to confirm (a button: mail scanners that open links change nothing)
//   POST /api/v1/apply/confirm          the application becomes a pending person of the school
//   GET  /api/v1/apply/status?token=    the application's status (waiting, approved, rejected with the reason)
//   GET  /api/v1/applications           the support operator's view of the applications (JSON)
// The same e-mail applying again to the same school gets the existing application (its link is mailed again),
// never a copy. Limits: kMaxPerAddressPerHour applications per client address and kMaxPerEmailPerDay mails per
// e-mail address. The page answers the same whether or not the e-mail was known. Every step is audited.
class Applications
{
public:
    static constexpr int kMaxPerAddressPerHour = 10;
    static constexpr int kMaxPerEmailPerDay = 3;
    static constexpr int kLinkLifetimeDays = 30; // the confirmation and status link

    Applications(Database &db, AuditLog &audit, Notifier &notifier, const Clock &clock);

    void setPublicUrl(const QUrl &url) { m_publicUrl = url; }
    // The pages, and GET /api/v1/applications for the support operator (authorised through `auth`).
    void registerRoutes(Router &router, const Authorizer &auth);

    HttpResponse findSchool(const HttpRequest &request);
    HttpResponse form(const HttpRequest &request, const QString &schoolId);
    HttpResponse submit(const HttpRequest &request, const QString &schoolId);
    HttpResponse confirmPage(const HttpRequest &request);
    HttpResponse confirm(const HttpRequest &request);
    HttpResponse status(const HttpRequest &request);
    // The operator's view: applications of all schools or of one (?schoolId=), newest first, with where each stands.
    HttpResponse list(const HttpRequest &request);

private:
    struct School
    {
        qint64 id = 0;
        QString name;
        QString inn;
        QString region;
    };
    struct Draft
    {
        QString role, surname, name, patronymic, email, subject;
        qint64 classId = 0;
    };
    std::optional<School> school(const QString &id);
    HttpResponse formPage(
        int status, const School &school, const Draft &draft, const QStringList &errors, const Lang &l);
    // The status page of an application (the mailed link), in the language of the application.
    QString statusLink(const QString &token, const Lang &l) const;
    QString link(const QString &path, const QString &token) const;

    Database &m_db;
    AuditLog &m_audit;
    Notifier &m_notifier;
    const Clock &m_clock;
    QUrl m_publicUrl;
    const Authorizer *m_auth = nullptr;
};

} // namespace sg::server
