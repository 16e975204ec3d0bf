#include "client/profilestore.h"

#include <QCoreApplication>
#include <QSettings>
#include <QUuid>

namespace sg::client {

namespace {

// The same server whatever the spelling: "https://Host/" and "https://host".
QString normalized(const QUrl &url)
{
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return QStringLiteral("%1://%2:%3%4").arg(url.scheme().toLower(), url.host().toLower()).arg(url.port()).arg(path);
}

const QString kArray = QStringLiteral("profiles");
const QString kLast = QStringLiteral("profilesLast/id");

} // namespace

QString SignInProfile::suggestedName() const
{
    const QString where =
        localServer ? QCoreApplication::translate("sg::client::SignInProfile", "this computer") : serverUrl.host();
    if (login.isEmpty())
        return where;
    return QStringLiteral("%1 — %2").arg(login, where);
}

bool SignInProfile::sameServer(const QUrl &a, const QUrl &b)
{
    return normalized(a) == normalized(b);
}

bool SignInProfile::sameTarget(const SignInProfile &other) const
{
    if (localServer != other.localServer || login.compare(other.login, Qt::CaseInsensitive) != 0)
        return false;
    return localServer || normalized(serverUrl) == normalized(other.serverUrl);
}

QList<SignInProfile> ProfileStore::profiles() const
{
    migrateLegacy();
    QSettings settings;
    QList<SignInProfile> list;
    const int n = std::min(settings.beginReadArray(kArray), kMaxProfiles);
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        SignInProfile p;
        p.id = settings.value(QStringLiteral("id")).toString();
        if (p.id.isEmpty())
            continue; // a damaged entry: skipped, never fatal
        p.name = settings.value(QStringLiteral("name")).toString();
        p.localServer = settings.value(QStringLiteral("localServer"), true).toBool();
        p.serverUrl = QUrl(settings.value(QStringLiteral("serverUrl")).toString());
        p.login = settings.value(QStringLiteral("login")).toString();
        p.rememberPassword = settings.value(QStringLiteral("rememberPassword"), false).toBool();
        // A damaged fingerprint pins nothing (the certificate then has to pass the system's checks).
        const QByteArray pin =
            QByteArray::fromHex(settings.value(QStringLiteral("certificateSha256")).toString().toLatin1());
        p.certificateSha256 = pin.size() == 32 ? pin : QByteArray();
        if (!p.localServer && !p.serverUrl.isValid())
            continue;
        if (p.name.isEmpty())
            p.name = p.suggestedName();
        list.append(p);
    }
    settings.endArray();
    return list;
}

std::optional<SignInProfile> ProfileStore::profile(const QString &id) const
{
    for (const SignInProfile &p : profiles()) {
        if (p.id == id)
            return p;
    }
    return std::nullopt;
}

SignInProfile ProfileStore::save(SignInProfile profile)
{
    QList<SignInProfile> list = profiles();
    if (profile.id.isEmpty()) {
        for (const SignInProfile &p : list) {
            if (p.sameTarget(profile)) {
                profile.id = p.id;
                if (profile.name.isEmpty() && p.name != p.suggestedName())
                    profile.name = p.name; // keep a name the user chose
                break;
            }
        }
    }
    if (profile.id.isEmpty())
        profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (profile.name.trimmed().isEmpty())
        profile.name = profile.suggestedName();
    auto it = std::find_if(list.begin(), list.end(), [&](const SignInProfile &p) { return p.id == profile.id; });
    if (it != list.end())
        *it = profile;
    else
        list.append(profile);
    while (list.size() > kMaxProfiles)
        list.removeFirst();
    write(list);
    return profile;
}

void ProfileStore::remove(const QString &id)
{
    QList<SignInProfile> list = profiles();
    list.removeIf([&](const SignInProfile &p) { return p.id == id; });
    write(list);
    if (lastProfileId() == id)
        QSettings().remove(kLast);
}

QString ProfileStore::lastProfileId() const
{
    return QSettings().value(kLast).toString();
}

void ProfileStore::setLastProfileId(const QString &id)
{
    QSettings().setValue(kLast, id);
}

void ProfileStore::write(const QList<SignInProfile> &profiles) const
{
    QSettings settings;
    settings.remove(kArray);
    settings.beginWriteArray(kArray, int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        const SignInProfile &p = profiles.at(i);
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("id"), p.id);
        settings.setValue(QStringLiteral("name"), p.name);
        settings.setValue(QStringLiteral("localServer"), p.localServer);
        settings.setValue(QStringLiteral("serverUrl"), p.localServer ? QString() : p.serverUrl.toString());
        settings.setValue(QStringLiteral("login"), p.login);
        settings.setValue(QStringLiteral("rememberPassword"), p.rememberPassword);
        settings.setValue(QStringLiteral("certificateSha256"),
            p.localServer ? QString() : QString::fromLatin1(p.certificateSha256.toHex()));
    }
    settings.endArray();
}

void ProfileStore::migrateLegacy() const
{
    QSettings settings;
    const QString legacyLogin = QStringLiteral("login/lastLogin");
    if (!settings.contains(legacyLogin))
        return;
    SignInProfile p;
    p.localServer = settings.value(QStringLiteral("login/localServer"), true).toBool();
    p.serverUrl = QUrl(settings.value(QStringLiteral("login/serverUrl")).toString());
    p.login = settings.value(legacyLogin).toString();
    settings.remove(QStringLiteral("login"));
    if (p.login.isEmpty() || (!p.localServer && !p.serverUrl.isValid()))
        return;
    if (settings.beginReadArray(kArray) > 0) {
        settings.endArray();
        return;
    }
    settings.endArray();
    p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    p.name = p.suggestedName();
    write({p});
    settings.setValue(kLast, p.id);
}

} // namespace sg::client
