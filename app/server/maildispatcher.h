#pragma once

#include "core/clock.h"
#include "server/mailmessage.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QString>

namespace sg::server {

class Database;
class Mailer;

// Sends the mail outbox (rows queued by Notifier in the same transaction as the change they report) through
// a Mailer: SMTP to a relay, or .eml files in the mail-drop folder. A failed message stays queued and is tried
// again later with a growing pause; nothing is lost when the relay is down.
class MailDispatcher : public QObject
{
    Q_OBJECT

public:
    static constexpr int kMaxAttempts = 20;

    MailDispatcher(Database &db, Mailer &mailer, const Clock &clock, MailAddress from, QObject *parent = nullptr);
    // Waits for a batch still being sent: it uses the mailer, which its owner destroys next.
    ~MailDispatcher() override;

    // Sends what is due now, blocking (command line, tests); returns the number of messages sent.
    int sendPending(int limit = 50);
    // Checks the outbox every `intervalMs` milliseconds; sending runs on a worker thread so a slow relay never
    // blocks the server's answers.
    void start(int intervalMs = 30000);
    // Sends soon (on the next event-loop turn), e.g. right after a change was committed.
    void sendSoon();
    bool isBusy() const { return m_inFlight; }

signals:
    void batchFinished(int sent, int failed);
    void messageSent(qint64 id);
    void messageFailed(qint64 id, const QString &error);

private:
    struct Due
    {
        qint64 id = 0;
        MailMessage message;
    };
    struct Outcome
    {
        qint64 id = 0;
        bool ok = false;
        QString error;
    };
    QList<Due> dueMessages(int limit);
    void record(const QList<Outcome> &outcomes);
    void dispatchAsync();

    Database &m_db;
    Mailer &m_mailer;
    const Clock &m_clock;
    MailAddress m_from;
    bool m_scheduled = false;
    bool m_inFlight = false;
    QFuture<QList<Outcome>> m_sending;
};

} // namespace sg::server
