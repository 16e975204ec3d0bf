#pragma once

#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace sg::client {

// One place to sign in to: the bundled server on this computer or a server at an address, with the login.
// Never the password: a remembered password lives in the OS keychain under secretKey().
struct SignInProfile
{
    QString id; // stable, random; empty until saved
    QString name; // what the user sees in the list
    bool localServer = true;
    QUrl serverUrl; // when !localServer
    QByteArray certificateSha256; // a pinned server certificate (ApiClient::setPinnedCertificate); empty: none
    QString login;
    bool rememberPassword = false;

    QString secretKey() const { return QStringLiteral("profile/%1/password").arg(id); }
    // "demo-school — this computer", "ivanova — sg.edu.tver.ru"
    QString suggestedName() const;
    bool sameTarget(const SignInProfile &other) const;
    static bool sameServer(const QUrl &a, const QUrl &b);
};

// The sign-in profiles of this computer's user, kept in QSettings ("profiles" array and "profiles/last").
// Settings written by older versions (login/localServer, login/serverUrl, login/lastLogin) become the first
// profile the first time the list is read.
class ProfileStore
{
public:
    static constexpr int kMaxProfiles = 50;

    QList<SignInProfile> profiles() const;
    std::optional<SignInProfile> profile(const QString &id) const;
    // Adds (empty id: a new id is made) or replaces a profile; an empty name gets suggestedName().
    // A new profile for the same server and login as an existing one replaces that one. Returns what was stored.
    SignInProfile save(SignInProfile profile);
    void remove(const QString &id);
    QString lastProfileId() const;
    void setLastProfileId(const QString &id);

private:
    void write(const QList<SignInProfile> &profiles) const;
    void migrateLegacy() const;
};

} // namespace sg::client
