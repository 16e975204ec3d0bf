#include "server/notifier.h"

#include "core/errorcodes.h"
#include "core/protocol.h"
#include "server/database.h"

#include <QLoggingCategory>
#include <QSqlError>

Q_LOGGING_CATEGORY(lcNotify, "sg.server.notify")

namespace sg::server {

Notifier::Notifier(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

Status Notifier::queueMail(const QString &recipient, const QString &subject, const QString &body)
{
    if (recipient.trimmed().isEmpty())
        return Unit{};
    QSqlQuery q = m_db.prepare(
        QStringLiteral("INSERT INTO mail_outbox (recipient, subject, body, created_at) VALUES (?, ?, ?, ?)"));
    q.addBindValue(recipient.trimmed());
    q.addBindValue(text(subject));
    q.addBindValue(text(body));
    q.addBindValue(proto::formatTimestamp(m_clock.now()));
    if (!q.exec()) {
        qCWarning(lcNotify) << "cannot queue mail:" << q.lastError().text();
        return Error{QString::fromLatin1(errc::Internal), QStringLiteral("storage failure"), 500};
    }
    return Unit{};
}

Status Notifier::notifySchool(qint64 schoolId, const QString &kind, const QString &title, const QString &body)
{
    QSqlQuery q = m_db.prepare(
        QStringLiteral("INSERT INTO notifications (school_id, kind, title, body, created_at) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(schoolId);
    q.addBindValue(kind);
    q.addBindValue(text(title));
    q.addBindValue(text(body));
    q.addBindValue(proto::formatTimestamp(m_clock.now()));
    if (!q.exec()) {
        qCWarning(lcNotify) << "cannot store notification:" << q.lastError().text();
        return Error{QString::fromLatin1(errc::Internal), QStringLiteral("storage failure"), 500};
    }
    QSqlQuery email = m_db.prepare(QStringLiteral("SELECT email FROM schools WHERE id = ?"));
    email.addBindValue(schoolId);
    if (!email.exec() || !email.next())
        return Unit{};
    const QString address = email.value(0).toString();
    email.finish();
    return queueMail(address, title, body);
}

QList<Notification> Notifier::notifications(qint64 schoolId, int limit)
{
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT id, kind, title, body, created_at, read_at FROM notifications "
                                              "WHERE school_id = ? ORDER BY id DESC LIMIT ?"));
    q.addBindValue(schoolId);
    q.addBindValue(limit);
    QList<Notification> out;
    if (!q.exec())
        return out;
    while (q.next()) {
        Notification n;
        n.id = q.value(0).toLongLong();
        n.kind = q.value(1).toString();
        n.title = q.value(2).toString();
        n.body = q.value(3).toString();
        n.createdAt = proto::parseTimestamp(q.value(4).toString()).value_or(QDateTime());
        n.read = !q.value(5).toString().isEmpty();
        out.append(n);
    }
    return out;
}

} // namespace sg::server
