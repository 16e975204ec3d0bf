#pragma once

#include "client/apiclient.h"
#include "core/directorprotocol.h"
#include "core/result.h"

#include <QList>
#include <QObject>

#include <functional>
#include <optional>

namespace sg::client {

// Director confirmation for one school (seed 000, step 2): the status card, the consent to personal-data
// processing, the director's data (first confirmation or a change with the order «Приказ») and the school's
// notifications. The UI drives this; it never talks HTTP itself. Every answer arrives as a signal; errors as
// failed(). Answers that arrive after a newer one for the same thing are dropped.
class DirectorSession : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)

public:
    DirectorSession(ApiClient *api, qint64 schoolId, QObject *parent = nullptr);

    ApiClient *api() const { return m_api; }
    qint64 schoolId() const { return m_schoolId; }
    // The card as last loaded; hasCard() is false until the first answer.
    bool hasCard() const { return m_hasCard; }
    const proto::DirectorCard &card() const { return m_card; }
    // The consent text, once loadConsentText() has answered.
    const std::optional<proto::ConsentText> &consent() const { return m_consent; }
    // Latest first.
    const QList<proto::Notification> &notifications() const { return m_notifications; }
    // The organisation's INN (prefills the director form); empty until refresh() has loaded the school.
    QString schoolInn() const { return m_schoolInn; }
    bool isBusy() const { return m_busy > 0; }

    // Loads the card, the notifications and (once) the school's INN.
    void refresh();
    void loadConsentText();
    // Consent to the text of this version; the answer is the new card (cardChanged).
    void giveConsent(const QString &version);
    // Sends the director's data; on success emits submitted() and reloads the card and the notifications.
    void submit(const proto::DirectorSubmission &submission);
    // Offline work: when the server cannot be reached, submit() hands the submission to this function (which keeps
    // it, order file included, in the encrypted outbox) and emits submissionQueued() instead of failing.
    void setOfflineQueue(std::function<Status(const proto::DirectorSubmission &)> queue)
    {
        m_offlineQueue = std::move(queue);
    }

signals:
    void cardChanged();
    void consentTextLoaded(const sg::proto::ConsentText &text);
    void submitted(const sg::proto::DirectorRequest &request);
    void notificationsChanged();
    // A submission the server refused (wrong INN, already under review, ...); failed() follows with the same error.
    void submitFailed(const sg::Error &error);
    // The server could not be reached; the submission waits on this computer and is sent with the next sync.
    void submissionQueued();
    // Any operation failed.
    void failed(const sg::Error &error);
    void busyChanged(bool busy);

private:
    std::function<Status(const proto::DirectorSubmission &)> m_offlineQueue;
    void beginBusy();
    void endBusy();
    void loadCard();
    void loadNotifications();
    void applyCard(quint64 ticket, const proto::DirectorCard &card);

    ApiClient *m_api;
    qint64 m_schoolId;
    proto::DirectorCard m_card;
    bool m_hasCard = false;
    std::optional<proto::ConsentText> m_consent;
    QList<proto::Notification> m_notifications;
    QString m_schoolInn;
    int m_busy = 0;
    quint64 m_cardTickets = 0; // handed out per card request, in order
    quint64 m_cardApplied = 0; // the ticket of the card shown
    quint64 m_notificationTickets = 0;
    quint64 m_notificationsApplied = 0;
};

} // namespace sg::client
