#include "server/maildispatcher.h"

#include "core/protocol.h"
#include "server/database.h"
#include "server/mailer.h"

#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QtConcurrent>

#include <algorithm>

Q_LOGGING_CATEGORY(lcDispatch, "sg.server.mail.outbox")

namespace sg::server {

MailDispatcher::MailDispatcher(Database &db, Mailer &mailer, const Clock &clock, MailAddress from, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_mailer(mailer)
    , m_clock(clock)
    , m_from(std::move(from))
{}

void MailDispatcher::start(int intervalMs)
{
    auto *timer = new QTimer(this);
    timer->setInterval(intervalMs);
    connect(timer, &QTimer::timeout, this, &MailDispatcher::dispatchAsync);
    timer->start();
    sendSoon();
}

void MailDispatcher::sendSoon()
{
    if (m_scheduled)
        return;
    m_scheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_scheduled = false;
        dispatchAsync();
    });
}

QList<MailDispatcher::Due> MailDispatcher::dueMessages(int limit)
{
    QSqlQuery q =
        m_db.prepare(QStringLiteral("SELECT id, recipient, subject, body, attempts, created_at FROM mail_outbox "
                                    "WHERE sent_at = '' AND attempts < ? ORDER BY id LIMIT ?"));
    q.addBindValue(kMaxAttempts);
    q.addBindValue(limit);
    QList<Due> out;
    if (!q.exec())
        return out;
    const QDateTime now = m_clock.now();
    while (q.next()) {
        const int attempts = q.value(4).toInt();
        const QDateTime created = proto::parseTimestamp(q.value(5).toString()).value_or(QDateTime());
        // Growing pause between attempts: 1, 2, 4 … minutes, at most an hour each (counted from queueing).
        qint64 wait = 0;
        for (int i = 0; i < attempts; ++i)
            wait += std::min<qint64>(60LL << std::min(i, 6), 3600);
        if (attempts > 0 && created.isValid() && created.secsTo(now) < wait)
            continue;
        out.append({q.value(0).toLongLong(),
            MailMessage(m_from, {MailAddress(q.value(1).toString())}, q.value(2).toString(), q.value(3).toString())});
    }
    return out;
}

void MailDispatcher::record(const QList<Outcome> &outcomes)
{
    const QString now = proto::formatTimestamp(m_clock.now());
    QSqlQuery sent =
        m_db.prepare(QStringLiteral("UPDATE mail_outbox SET sent_at = ?, attempts = attempts + 1 WHERE id = ?"));
    QSqlQuery failed =
        m_db.prepare(QStringLiteral("UPDATE mail_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?"));
    int ok = 0;
    for (const Outcome &o : outcomes) {
        if (o.ok) {
            sent.addBindValue(now);
            sent.addBindValue(o.id);
            sent.exec();
            ++ok;
            emit messageSent(o.id);
        } else {
            failed.addBindValue(text(o.error.left(500)));
            failed.addBindValue(o.id);
            failed.exec();
            qCWarning(lcDispatch) << "message" << o.id << "not sent:" << o.error;
            emit messageFailed(o.id, o.error);
        }
    }
    emit batchFinished(ok, int(outcomes.size()) - ok);
}

int MailDispatcher::sendPending(int limit)
{
    QList<Outcome> outcomes;
    for (const Due &d : dueMessages(limit)) {
        const Status st = m_mailer.send(d.message);
        outcomes.append({d.id, st.ok(), st ? QString() : st.error().message});
    }
    record(outcomes);
    int sent = 0;
    for (const auto &o : outcomes)
        sent += o.ok ? 1 : 0;
    return sent;
}

void MailDispatcher::dispatchAsync()
{
    if (m_inFlight)
        return;
    QList<Due> due = dueMessages(50);
    if (due.isEmpty())
        return;
    m_inFlight = true;
    Mailer *mailer = &m_mailer;
    auto *watcher = new QFutureWatcher<QList<Outcome>>(this);
    connect(watcher, &QFutureWatcher<QList<Outcome>>::finished, this, [this, watcher] {
        record(watcher->result());
        watcher->deleteLater();
        m_inFlight = false;
    });
    m_sending = QtConcurrent::run([mailer, due = std::move(due)] {
        QList<Outcome> outcomes;
        for (const Due &d : due) {
            const Status st = mailer->send(d.message);
            outcomes.append({d.id, st.ok(), st ? QString() : st.error().message});
        }
        return outcomes;
    });
    watcher->setFuture(m_sending);
}

MailDispatcher::~MailDispatcher()
{
    m_sending.waitForFinished();
}

} // namespace sg::server
