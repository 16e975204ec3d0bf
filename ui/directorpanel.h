#pragma once

#include "core/directorprotocol.h"
#include "core/result.h"

#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QListWidget;
class QPushButton;
QT_END_NAMESPACE

namespace sg::client {
class DirectorSession;
}

namespace sg::ui {

class ConsentDialog;
class DirectorFormDialog;
class Prompter;

// The director status card (seed 000, step 2): where confirmation of the director stands — not submitted,
// consent given, under review with the expected date, confirmed (name), rejected (reason), a change of director
// under review — and the next step as a button: «Дать согласие…», «Отправить данные директора…» (after consent),
// «Сменить директора…» (when confirmed). After consent it also shows the other way: the support e-mail. Below,
// the school's notifications, latest first.
//
// The dialogs are opened with open() (window-modal, non-blocking) as children of the panel and delete themselves
// when closed. The panel does not load anything by itself: call the session's refresh().
class DirectorPanel : public QWidget
{
    Q_OBJECT

public:
    DirectorPanel(client::DirectorSession *session, Prompter *prompter, QWidget *parent = nullptr);

    client::DirectorSession *session() const { return m_session; }
    // The card's status code ("none", "consented", "submitted", "confirmed", "rejected"); empty before loading.
    QString status() const { return m_statusCode; }
    // The dialog open now, if any (tests and the main window may look at it).
    ConsentDialog *consentDialog() const { return m_consentDialog; }
    DirectorFormDialog *formDialog() const { return m_formDialog; }
    void retranslate();

public slots:
    void requestConsent();
    void openDirectorForm();
    void openChangeForm();

signals:
    // The card's status code changed (also on the first load).
    void directorStatusChanged(const QString &status);

protected:
    void changeEvent(QEvent *event) override;

private:
    void showCard();
    void showNotifications();
    void showConsentDialog(const proto::ConsentText &text);
    void openForm(bool change);
    void showError(const sg::Error &error);
    void updateButtons();
    QString expectedText(const proto::DirectorRequest &request) const;
    QString supportText() const;

    client::DirectorSession *m_session;
    Prompter *m_prompter;
    QLabel *m_title;
    QLabel *m_statusLabel;
    QLabel *m_error;
    QPushButton *m_consent;
    QPushButton *m_submit;
    QPushButton *m_change;
    QLabel *m_support;
    QLabel *m_notificationsTitle;
    QListWidget *m_notifications;
    QPointer<ConsentDialog> m_consentDialog;
    QPointer<DirectorFormDialog> m_formDialog;
    QString m_statusCode;
    bool m_consentWanted = false; // the consent text is being loaded to be shown
    bool m_busy = false;
};

} // namespace sg::ui
