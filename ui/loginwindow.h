#pragma once

#include "client/apiclient.h"
#include "client/profilestore.h"
#include "core/clock.h"

#include <QUrl>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;
QT_END_NAMESPACE

namespace sg::ui {

// The sign-in window: the profile (several schools or servers), where the server is (the bundled one on this
// computer, or a URL), login and password with "remember me", the interface language, and the support desk
// with whether it is open now.
class LoginWindow : public QWidget
{
    Q_OBJECT

public:
    explicit LoginWindow(const Clock &clock, QWidget *parent = nullptr);

    bool useLocalServer() const;
    QUrl serverUrl() const;
    // The fingerprint typed under the server address: empty when none was typed; check certificatePinValid().
    QByteArray certificatePin() const;
    bool certificatePinValid() const;
    void setCertificatePin(const QByteArray &sha256);
    QString login() const;
    QString password() const;

    void setServer(bool local, const QUrl &url);
    void setCredentials(const QString &login, const QString &password);
    // Fills the password only if the user has not typed one meanwhile (a keychain answer arrives late).
    void offerRememberedPassword(const QString &password);
    // The saved profiles; currentId empty selects "New profile".
    void setProfiles(const QList<client::SignInProfile> &profiles, const QString &currentId);
    QString currentProfileId() const;
    bool rememberPassword() const;
    // «Чужой компьютер»: nothing of this sign-in is kept (no profile, password or offline copy).
    bool sharedComputer() const;
    void setRememberPassword(bool remember);
    // Without a usable keychain the password cannot be remembered: the box is off and the reason is shown.
    void setKeychainAvailable(bool available, const QString &reason = {});
    void setLanguage(const QString &code);
    // What the chosen server says about sign-in through Gosuslugi: «Войти через Госуслуги» and the registration link
    // when enabled; without the login and password fields (and with a line saying why) when it is the only way.
    void setEsiaOffer(const client::EsiaOffer &offer);
    const client::EsiaOffer &esiaOffer() const { return m_esiaOffer; }
    void setBusy(bool busy);
    void showError(const QString &message);
    QString errorText() const;
    // The server cannot be reached but this computer holds an offline copy of the account: «Открыть копию на этом
    // компьютере» with how old its data is (dataAge, e.g. "14:05, 5 December"); empty hides it.
    void setOfflineOffer(const QString &dataAge);
    bool offlineOffered() const;
    void clearPassword();
    void retranslate();

signals:
    void signInRequested();
    void languageChangeRequested(const QString &code);
    // The user picked a profile (empty id: a new one).
    void profileSelected(const QString &id);
    void profileForgetRequested(const QString &id);
    void cancelRequested();
    // «Войти через Госуслуги».
    void esiaSignInRequested();
    // The offline copy is to be opened with the password typed (the server cannot be reached).
    void offlineSignInRequested();
    // «Нет учётной записи на Госуслугах?».
    void esiaRegistrationRequested();
    // The server (built-in or an address) or its certificate fingerprint changed: ask it again what it offers.
    void serverChanged();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void submit();
    void updateServerFields();
    void updateSupportStatus();
    void updateEsiaFields();

    const Clock &m_clock;
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_profileLabel;
    QComboBox *m_profile;
    QToolButton *m_forgetProfile;
    QLabel *m_serverLabel;
    QComboBox *m_server;
    QLineEdit *m_serverUrl;
    QLabel *m_certificateLabel;
    QLineEdit *m_certificate;
    QLabel *m_loginLabel;
    QLineEdit *m_login;
    QLabel *m_passwordLabel;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QCheckBox *m_sharedComputer;
    QLabel *m_keychainNote;
    QPushButton *m_signIn;
    QPushButton *m_cancel;
    QPushButton *m_esiaSignIn;
    QPushButton *m_offline;
    QString m_offlineDataAge;
    QLabel *m_esiaOnlyNote;
    QLabel *m_esiaRegistration;
    client::EsiaOffer m_esiaOffer;
    QLabel *m_error;
    QLabel *m_languageLabel;
    QComboBox *m_language;
    QLabel *m_supportTitle;
    QLabel *m_supportContacts;
    QLabel *m_supportStatus;
    bool m_busy = false;
    bool m_keychainAvailable = true;
    QString m_keychainReason;
    QList<client::SignInProfile> m_profiles;
    void fillProfiles(const QString &currentId);
};

} // namespace sg::ui
