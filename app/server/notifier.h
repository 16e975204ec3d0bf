#pragma once

#include "core/clock.h"
#include "core/directorprotocol.h"
#include "core/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace sg::server {

class Database;

using Notification = proto::Notification;

// Tells a school something: an in-app notification, and the same text by e-mail to the school's address through
// the mail outbox. Both rows are written in the caller's transaction, so a rolled-back change notifies nobody;
// the outbox is sent later by the MailDispatcher, so a mail relay that is down never fails the change itself.
class Notifier
{
public:
    Notifier(Database &db, const Clock &clock);

    Status notifySchool(qint64 schoolId, const QString &kind, const QString &title, const QString &body);
    // Queues one e-mail (no in-app notification), e.g. credentials to a new school's address.
    Status queueMail(const QString &recipient, const QString &subject, const QString &body);
    QList<Notification> notifications(qint64 schoolId, int limit = 100);

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace sg::server
