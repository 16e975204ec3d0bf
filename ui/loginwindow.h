#pragma once

#include "core/clock.h"

#include <QUrl>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
QT_END_NAMESPACE

namespace sg::ui {

// The sign-in window: where the server is (the bundled one on this computer, or a URL), login and password,
// the interface language, and the support desk with whether it is open now.
class LoginWindow : public QWidget
{
    Q_OBJECT

public:
    explicit LoginWindow(const Clock &clock, QWidget *parent = nullptr);

    bool useLocalServer() const;
    QUrl serverUrl() const;
    QString login() const;
    QString password() const;

    void setServer(bool local, const QUrl &url);
    void setCredentials(const QString &login, const QString &password);
    void setLanguage(const QString &code);
    void setBusy(bool busy);
    void showError(const QString &message);
    void clearPassword();
    void retranslate();

signals:
    void signInRequested();
    void languageChangeRequested(const QString &code);

protected:
    void changeEvent(QEvent *event) override;

private:
    void submit();
    void updateServerFields();
    void updateSupportStatus();

    const Clock &m_clock;
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_serverLabel;
    QComboBox *m_server;
    QLineEdit *m_serverUrl;
    QLabel *m_loginLabel;
    QLineEdit *m_login;
    QLabel *m_passwordLabel;
    QLineEdit *m_password;
    QPushButton *m_signIn;
    QLabel *m_error;
    QLabel *m_languageLabel;
    QComboBox *m_language;
    QLabel *m_supportTitle;
    QLabel *m_supportContacts;
    QLabel *m_supportStatus;
    bool m_busy = false;
};

} // namespace sg::ui
