#pragma once

#include "core/clock.h"
#include "core/result.h"
#include "esiastand/standtypes.h"
#include "server/httpmessage.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QUrl>

#include <memory>
#include <optional>

namespace sg::server {
class HttpServer;
class MailMessage;
class Mailer;
} // namespace sg::server

namespace sg::esiastand {

class StandKeys;
class StandRoutes;
class StandStore;

// The ESIA test stand: an emulator of the Gosuslugi login for development and tests, with no internet. It speaks the
// real ESIA's routes (authorisation, token, person data, logout; see esiaprotocol.h) over HTTP on its own port,
// shows Russian sign-in, registration and password-recovery pages, and mails links through the given Mailer. Data
// lives in <dataDir>/esia-stand.sqlite, the id_token key in <dataDir>/esia-stand-signing-key.jwk. Runs on the
// thread that creates it; time comes from the clock.
//
//     sg::esiastand::StandOptions options;
//     options.dataDir = dir;                           // port 0: a free port on 127.0.0.1
//     sg::esiastand::EsiaStand stand(options, clock, mailer);
//     stand.start();
//     stand.registerClient("SCHOOLGATE", {"http://127.0.0.1/callback"}, ed25519PublicKey);
//     sg::esiastand::AccountSpec person;               // surname, name, e-mail or phone or SNILS, password
//     auto oid = stand.addAccount(person);
class EsiaStand : public QObject
{
    Q_OBJECT

public:
    static constexpr char kDatabaseFile[] = "esia-stand.sqlite";
    static constexpr char kMailFromAddress[] = "no-reply@esia-stand.localhost";

    EsiaStand(StandOptions options, const Clock &clock, server::Mailer &mailer, QObject *parent = nullptr);
    ~EsiaStand() override;

    // Opens the database and the signing key (making them on first use). start() calls it; the CLI's commands
    // need only this.
    Status open();
    // open(), then listens on options.address:options.port.
    Status start();
    // Stops listening (open connections are closed).
    void stop();

    bool isListening() const;
    quint16 port() const;
    // The public base URL, without a trailing slash: options.publicUrl, or http://<listen address>:<port>.
    QUrl baseUrl() const;
    // The id_token's iss: baseUrl() with a trailing slash.
    QString issuer() const;
    const StandOptions &options() const { return m_options; }

    // Adds a relying party or replaces its redirect URIs and key. Each URI is an absolute http(s) URL without a
    // fragment (on 127.0.0.1 or [::1] any port is later accepted); publicKey is its Ed25519 public key, 32 bytes.
    Status registerClient(const QString &clientId, const QStringList &redirectUris, const QByteArray &publicKey);
    // Creates an account; gives its oid. Errors: "validation-failed" (what is wrong), "conflict" (the e-mail, phone
    // or SNILS belongs to another account).
    Result<QString> addAccount(const AccountSpec &spec);
    // login: a phone, an e-mail or a SNILS of the account, or its oid. Standard and confirmed need a SNILS and a
    // birth date; a child's account has no level.
    Status setLevel(const QString &login, AccountLevel level);
    // What a visit to a service centre does: confirms the account of a person who entered the birth date, SNILS and
    // passport on the profile page (the request for confirmation, if any, is settled). Errors name what is missing.
    Status confirm(const QString &login);
    // A child's account linked to the parent's (birth date, SNILS and a password required); gives its oid.
    Result<QString> addChild(const QString &parentLogin, const AccountSpec &spec);
    // An organisation of the person (GET /rs/prns/{oid}/roles); gives the organisation's id.
    Result<QString> addOrganisation(const QString &login, const OrganisationSpec &organisation);
    Result<Account> findAccount(const QString &login);
    Result<QList<Account>> accounts();
    QList<Organisation> organisations(const QString &oid);

    // The id_token key as a JWK, and the JWKS that GET /aas/oauth2/jwks serves. Empty before open().
    QJsonObject publicJwk() const;
    QJsonObject jwks() const;

    // Answers one HTTP request (the front end calls it; tests may call it directly). Never fails with 5xx on bad
    // input.
    server::HttpResponse handle(const server::HttpRequest &request);

    // Blocks until the mail handed over so far has been given to the Mailer.
    void waitForMail();

private:
    void sendMail(const server::MailMessage &message);

    StandOptions m_options;
    const Clock &m_clock;
    server::Mailer &m_mailer;
    std::unique_ptr<StandStore> m_store;
    std::unique_ptr<StandKeys> m_keys;
    std::unique_ptr<StandRoutes> m_routes;
    server::HttpServer *m_tcp = nullptr;
    QThreadPool m_mailPool;
};

} // namespace sg::esiastand
