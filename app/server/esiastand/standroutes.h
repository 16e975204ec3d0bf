#pragma once

#include "core/clock.h"
#include "esiastand/standpages.h"
#include "esiastand/standstore.h"
#include "esiastand/standtypes.h"
#include "server/httpmessage.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

namespace sg::server {
class MailMessage;
}

namespace sg::esiastand {

class StandKeys;

// What the routes work with; owned by EsiaStand.
struct StandContext
{
    StandStore &store;
    const StandKeys &keys;
    const Clock &clock;
    const StandOptions &options;
    std::function<QUrl()> baseUrl; // public, no trailing slash
    std::function<void(const server::MailMessage &)> sendMail; // hands a message to the mail thread
    QByteArray csrfKey;
};

// The stand's HTTP routes: the OAuth endpoints (authorisation, token, JWKS), the person data API, logout and the
// pages of sign-in, registration and password recovery. One request in, one answer out, on the caller's thread.
class StandRoutes
{
public:
    explicit StandRoutes(StandContext context);

    server::HttpResponse handle(const server::HttpRequest &request);

    // A request's parameters and cookies, read once.
    struct Call
    {
        const server::HttpRequest &request;
        QList<QPair<QString, QString>> fields; // the query (GET) or the form body (POST)
        QHash<QString, QString> cookies;
        QString field(const QString &name) const;
        bool has(const QString &name) const;
    };

private:
    server::HttpResponse dispatch(Call &call);

    // OAuth and person data.
    server::HttpResponse authorize(Call &call);
    server::HttpResponse token(Call &call);
    server::HttpResponse jwks() const;
    server::HttpResponse person(Call &call, const QString &oid, const QString &part, const QString &item);
    server::HttpResponse logout(Call &call);

    // Pages.
    server::HttpResponse signInPage(Call &call);
    server::HttpResponse signIn(Call &call);
    server::HttpResponse cancel(Call &call);
    server::HttpResponse recoveryPage(Call &call);
    server::HttpResponse recovery(Call &call);
    server::HttpResponse recoveryConfirmPage(Call &call);
    server::HttpResponse recoveryConfirm(Call &call);
    server::HttpResponse registerPage(Call &call);
    server::HttpResponse registration(Call &call);
    server::HttpResponse registerConfirmPage(Call &call);
    server::HttpResponse registerConfirm(Call &call);
    server::HttpResponse home(Call &call);
    server::HttpResponse profilePage(Call &call);
    server::HttpResponse profileSave(Call &call);

    // Pieces.
    struct BrowserId
    {
        QString id;
        bool fresh = false;
    };
    BrowserId browserOf(const Call &call) const;
    QString csrfFor(const BrowserId &browser) const;
    bool csrfOk(const Call &call) const;
    server::HttpResponse page(int status, const QByteArray &html, const BrowserId &browser) const;
    server::HttpResponse csrfRefused() const;
    server::HttpResponse errorPage(int status, const QString &code, const QString &title, const QString &text) const;
    server::HttpResponse profileView(const Account &account, const BrowserId &browser, int status, const QString &error,
        const QString &notice, const std::optional<pages::Profile> &typed = std::nullopt);
    // A mailed link's token ("recovery" or "register"): the stored record when it is ours, unused and fresh.
    std::optional<MailToken> mailedToken(const QString &token, const char *purpose);
    server::HttpResponse invalidLink(const char *purpose) const;
    // What is wrong with the new password of a form (password, password2); empty when nothing.
    static QString newPasswordProblem(const Call &call);
    std::optional<StandSession> sessionOf(const Call &call);
    QString newTicket(const QJsonObject &request);
    std::optional<QJsonObject> pendingOf(const QString &ticket);
    // Checks a client's signature and timestamp: empty when they hold, else the reason (an error code).
    QString checkSecret(const Client &client, const Call &call, const QString &code, QString *why) const;
    // Signs the person in: the session and its cookie.
    QByteArray startSession(const Account &account, bool foreign, StandSession *session);
    // 302 to the client's redirect URI with a fresh code (or an error page when the client went away).
    server::HttpResponse completeAuthorization(
        const QJsonObject &request, const StandSession &session, const QList<QByteArray> &cookies);
    // Seconds the subject must wait before the next sign-in attempt (0: none).
    int waitFor(const QString &subject, int freeFailures, int maxPerHour);
    QJsonObject idTokenClaims(const Account &account, const Grant &grant) const;
    server::HttpResponse issueTokens(const Account &account, const Grant &from, const QString &scope,
        const QByteArray &codeHash, const QString &state);
    QString link(const QString &pathAndQuery) const;
    void mailTo(const QString &address, const QString &name, const QString &subject, const QString &body);

    StandContext m_context;
};

} // namespace sg::esiastand
