#include "server/directorstore.h"

#include "core/businesscalendar.h"
#include "core/errorcodes.h"
#include "core/protocol.h"
#include "core/supporthours.h"
#include "server/auditlog.h"
#include "server/consent.h"
#include "server/database.h"
#include "server/notifier.h"

#include <QLocale>
#include <QLoggingCategory>
#include <QSqlError>

Q_LOGGING_CATEGORY(lcDirector, "sg.server.director")

namespace sg::server {

namespace {

Error storageError()
{
    return Error{QString::fromLatin1(errc::Internal), QStringLiteral("storage failure"), 500};
}

const QString kRequestColumns = QStringLiteral(
    "r.id, r.school_id, s.name, s.inn, r.kind, r.surname, r.name, r.patronymic, r.position, r.email, r.phone, r.inn, "
    "r.status, r.reason, r.submitted_at, r.expected_by, r.decided_at, r.order_name, r.order_type, "
    "COALESCE(LENGTH(r.order_data), 0), r.version");

proto::DirectorRequest readRequest(const QSqlQuery &q)
{
    proto::DirectorRequest d;
    d.id = q.value(0).toLongLong();
    d.schoolId = q.value(1).toLongLong();
    d.schoolName = q.value(2).toString();
    d.schoolInn = q.value(3).toString();
    d.submission.kind = q.value(4).toString() == QLatin1String("change") ? proto::DirectorSubmission::Kind::Change
                                                                         : proto::DirectorSubmission::Kind::Initial;
    d.submission.surname = q.value(5).toString();
    d.submission.name = q.value(6).toString();
    d.submission.patronymic = q.value(7).toString();
    d.submission.position = q.value(8).toString();
    d.submission.email = q.value(9).toString();
    d.submission.phone = q.value(10).toString();
    d.submission.inn = q.value(11).toString();
    d.status = q.value(12).toString();
    d.reason = q.value(13).toString();
    d.submittedAt = proto::parseTimestamp(q.value(14).toString()).value_or(QDateTime());
    d.expectedBy = QDate::fromString(q.value(15).toString(), Qt::ISODate);
    d.decidedAt = proto::parseTimestamp(q.value(16).toString()).value_or(QDateTime());
    d.orderFileName = q.value(17).toString();
    d.orderContentType = q.value(18).toString();
    d.orderSize = q.value(19).toLongLong();
    d.version = q.value(20).toLongLong();
    return d;
}

QString fullName(const proto::DirectorSubmission &s)
{
    return s.patronymic.isEmpty() ? s.surname + QLatin1Char(' ') + s.name
                                  : s.surname + QLatin1Char(' ') + s.name + QLatin1Char(' ') + s.patronymic;
}

bool audit(AuditLog &log, qint64 actorId, const QString &actor, const QString &action, const QString &entity,
    qint64 entityId, qint64 schoolId, const QJsonObject &after)
{
    AuditEntry e;
    e.actorId = actorId;
    e.actor = actor;
    e.action = action;
    e.entity = entity;
    e.entityId = QString::number(entityId);
    e.schoolId = schoolId;
    e.after = after;
    const auto appended = log.append(e);
    if (!appended)
        qCWarning(lcDirector) << "audit entry not written:" << appended.error().message;
    return appended.ok();
}

} // namespace

DirectorStore::DirectorStore(
    Database &db, Notifier &notifier, AuditLog &audit, const Clock &clock, QString supportEmail)
    : m_db(db)
    , m_notifier(notifier)
    , m_audit(audit)
    , m_clock(clock)
    , m_supportEmail(std::move(supportEmail))
{}

QDate DirectorStore::expectedDate(const QDateTime &submittedAt) const
{
    return BusinessCalendar::addBusinessDays(SupportHours::toMoscow(submittedAt).date(), kBusinessDaysToDecide);
}

proto::DirectorCard DirectorStore::card(qint64 schoolId)
{
    proto::DirectorCard c;
    QSqlQuery s = m_db.prepare(QStringLiteral("SELECT director_status, director_name FROM schools WHERE id = ?"));
    s.addBindValue(schoolId);
    if (s.exec() && s.next()) {
        c.status = s.value(0).toString();
        c.directorName = s.value(1).toString();
    }
    s.finish();
    QSqlQuery consent = m_db.prepare(
        QStringLiteral("SELECT text_version, accepted_at FROM consents WHERE school_id = ? ORDER BY id DESC LIMIT 1"));
    consent.addBindValue(schoolId);
    if (consent.exec() && consent.next()) {
        c.consentVersion = consent.value(0).toString();
        c.consentedAt = proto::parseTimestamp(consent.value(1).toString()).value_or(QDateTime());
        // The ways to send the director's data are revealed only after consent to the current text.
        if (c.consentVersion == currentConsent().version)
            c.supportEmail = m_supportEmail;
    }
    consent.finish();
    const auto list = requests(QString(), schoolId);
    if (!list.isEmpty())
        c.lastRequest = list.first();
    for (const auto &r : list) {
        if (r.status == QLatin1String("submitted") && r.submission.kind == proto::DirectorSubmission::Kind::Change)
            c.changePending = true;
    }
    return c;
}

Status DirectorStore::recordConsent(qint64 schoolId, qint64 userId, const QString &login, const QString &version)
{
    if (version != currentConsent().version)
        return Error{QString::fromLatin1(errc::ConsentOutdated),
            tr("The consent text has changed (current version %1). Read it again.").arg(currentConsent().version), 409};
    Transaction tx(m_db);
    QSqlQuery q = m_db.prepare(
        QStringLiteral("INSERT INTO consents (school_id, user_id, text_version, accepted_at) VALUES (?, ?, ?, ?)"));
    q.addBindValue(schoolId);
    q.addBindValue(userId);
    q.addBindValue(version);
    q.addBindValue(proto::formatTimestamp(m_clock.now()));
    if (!q.exec())
        return storageError();
    QSqlQuery s = m_db.prepare(QStringLiteral("UPDATE schools SET director_status = 'consented', version = version + 1 "
                                              "WHERE id = ? AND director_status = 'none'"));
    s.addBindValue(schoolId);
    if (!s.exec()
        || !audit(m_audit, userId, login, QStringLiteral("consent.recorded"), QStringLiteral("school"), schoolId,
            schoolId, {{QStringLiteral("version"), version}})
        || !tx.commit())
        return storageError();
    qCInfo(lcDirector) << "school" << schoolId << "consented to version" << version;
    return Unit{};
}

Result<proto::DirectorRequest> DirectorStore::submit(
    qint64 schoolId, qint64 userId, const QString &login, const proto::DirectorSubmission &submission)
{
    const proto::DirectorCard current = card(schoolId);
    if (current.supportEmail.isEmpty()) // no consent to the current text
        return Error{
            QString::fromLatin1(errc::ConsentRequired), tr("Give consent to personal-data processing first."), 409};
    QSqlQuery school = m_db.prepare(QStringLiteral("SELECT inn FROM schools WHERE id = ?"));
    school.addBindValue(schoolId);
    if (!school.exec() || !school.next())
        return storageError();
    const QString schoolInn = school.value(0).toString();
    school.finish();
    if (submission.inn != schoolInn)
        return Error{QString::fromLatin1(errc::InnMismatch),
            tr("inn: the INN %1 is not the INN of your organisation.").arg(submission.inn), 422};

    const bool change = submission.kind == proto::DirectorSubmission::Kind::Change;
    if (change) {
        if (current.status != QLatin1String("confirmed"))
            return Error{QString::fromLatin1(errc::Conflict),
                tr("A change of director is possible once a director is confirmed."), 409};
        if (current.changePending)
            return Error{QString::fromLatin1(errc::AlreadySubmitted),
                tr("A change of director is already being reviewed."), 409};
    } else {
        if (current.status == QLatin1String("submitted"))
            return Error{
                QString::fromLatin1(errc::AlreadySubmitted), tr("The director's data is already being reviewed."), 409};
        if (current.status == QLatin1String("confirmed"))
            return Error{QString::fromLatin1(errc::Conflict),
                tr("The director is already confirmed. To replace the director, send a change with the order."), 409};
    }

    const QDateTime now = m_clock.now();
    const QDate expected = expectedDate(now);
    Transaction tx(m_db);
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "INSERT INTO director_requests (school_id, kind, surname, name, patronymic, position, email, phone, inn, "
        "submitted_by, submitted_at, expected_by, order_name, order_type, order_data) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    q.addBindValue(schoolId);
    q.addBindValue(change ? QStringLiteral("change") : QStringLiteral("initial"));
    q.addBindValue(text(submission.surname));
    q.addBindValue(text(submission.name));
    q.addBindValue(text(submission.patronymic));
    q.addBindValue(text(submission.position));
    q.addBindValue(text(submission.email));
    q.addBindValue(text(submission.phone));
    q.addBindValue(submission.inn);
    q.addBindValue(userId);
    q.addBindValue(proto::formatTimestamp(now));
    q.addBindValue(expected.toString(Qt::ISODate));
    q.addBindValue(text(submission.order ? submission.order->fileName : QString()));
    q.addBindValue(text(submission.order ? submission.order->contentType : QString()));
    q.addBindValue(submission.order ? QVariant(submission.order->data) : QVariant(QMetaType::fromType<QByteArray>()));
    if (!q.exec()) {
        qCWarning(lcDirector) << "submit failed:" << q.lastError().text();
        return storageError();
    }
    const qint64 id = Database::returnedId(q);
    if (!change) {
        QSqlQuery s = m_db.prepare(
            QStringLiteral("UPDATE schools SET director_status = 'submitted', version = version + 1 WHERE id = ?"));
        s.addBindValue(schoolId);
        if (!s.exec())
            return storageError();
    }
    const QString when = QLocale(QLocale::Russian).toString(expected, QStringLiteral("d MMMM yyyy"));
    if (auto st = m_notifier.notifySchool(schoolId, QStringLiteral("director.submitted"),
            change ? QStringLiteral("Заявка на смену директора принята") : QStringLiteral("Данные директора приняты"),
            QStringLiteral("Данные директора (%1) приняты на проверку. Ожидаемый срок — до %2 (1–2 рабочих дня). "
                           "О результате придёт уведомление.")
                .arg(fullName(submission), when));
        !st)
        return st.error();
    if (!audit(m_audit, userId, login, QStringLiteral("director.submitted"), QStringLiteral("director-request"), id,
            schoolId,
            {{QStringLiteral("kind"), change ? QStringLiteral("change") : QStringLiteral("initial")},
                {QStringLiteral("expectedBy"), expected.toString(Qt::ISODate)}})
        || !tx.commit())
        return storageError();
    qCInfo(lcDirector) << "school" << schoolId << "submitted director request" << id;
    return *request(id);
}

QList<proto::DirectorRequest> DirectorStore::requests(const QString &status, std::optional<qint64> schoolId)
{
    QString sql = QStringLiteral("SELECT %1 FROM director_requests r JOIN schools s ON s.id = r.school_id WHERE 1 = 1")
                      .arg(kRequestColumns);
    if (!status.isEmpty())
        sql += QStringLiteral(" AND r.status = ?");
    if (schoolId)
        sql += QStringLiteral(" AND r.school_id = ?");
    sql += schoolId ? QStringLiteral(" ORDER BY r.id DESC") : QStringLiteral(" ORDER BY r.id");
    QSqlQuery q = m_db.prepare(sql);
    if (!status.isEmpty())
        q.addBindValue(status);
    if (schoolId)
        q.addBindValue(*schoolId);
    QList<proto::DirectorRequest> out;
    if (!q.exec())
        return out;
    while (q.next())
        out.append(readRequest(q));
    return out;
}

std::optional<proto::DirectorRequest> DirectorStore::request(qint64 id)
{
    QSqlQuery q = m_db.prepare(
        QStringLiteral("SELECT %1 FROM director_requests r JOIN schools s ON s.id = r.school_id WHERE r.id = ?")
            .arg(kRequestColumns));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return readRequest(q);
}

std::optional<proto::OrderFile> DirectorStore::orderFile(qint64 requestId)
{
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "SELECT order_name, order_type, order_data FROM director_requests WHERE id = ? AND order_data IS NOT NULL"));
    q.addBindValue(requestId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return proto::OrderFile{q.value(0).toString(), q.value(1).toString(), q.value(2).toByteArray()};
}

Result<proto::DirectorRequest> DirectorStore::decide(qint64 requestId, qint64 operatorId, const QString &operatorLogin,
    bool approve, const QString &reason, qint64 baseVersion)
{
    auto current = request(requestId);
    if (!current)
        return Error{QString::fromLatin1(errc::NotFound), tr("There is no such request."), 404};
    if (current->status != QLatin1String("submitted") || current->version != baseVersion)
        return Error{QString::fromLatin1(errc::Conflict),
            tr("The request was changed meanwhile (now: %1). Reload it.").arg(current->status), 409};
    if (!approve && reason.trimmed().isEmpty())
        return Error{QString::fromLatin1(errc::ValidationFailed), tr("reason: a rejection needs a reason."), 422};

    const bool change = current->submission.kind == proto::DirectorSubmission::Kind::Change;
    Transaction tx(m_db);
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "UPDATE director_requests SET status = ?, reason = ?, decided_by = ?, decided_at = ?, version = version + 1 "
        "WHERE id = ? AND version = ?"));
    q.addBindValue(approve ? QStringLiteral("confirmed") : QStringLiteral("rejected"));
    q.addBindValue(text(approve ? QString() : reason.trimmed()));
    q.addBindValue(operatorId);
    q.addBindValue(proto::formatTimestamp(m_clock.now()));
    q.addBindValue(requestId);
    q.addBindValue(baseVersion);
    if (!q.exec() || q.numRowsAffected() != 1)
        return storageError();
    if (approve || !change) {
        QSqlQuery s = m_db.prepare(QStringLiteral(
            "UPDATE schools SET director_status = ?, director_name = CASE WHEN ? = 1 THEN ? ELSE director_name END, "
            "version = version + 1 WHERE id = ?"));
        s.addBindValue(approve ? QStringLiteral("confirmed") : QStringLiteral("rejected"));
        s.addBindValue(approve ? 1 : 0);
        s.addBindValue(fullName(current->submission));
        s.addBindValue(current->schoolId);
        if (!s.exec())
            return storageError();
    }
    const QString who = fullName(current->submission);
    const Status notified = approve
        ? m_notifier.notifySchool(current->schoolId, QStringLiteral("director.confirmed"),
            change ? QStringLiteral("Смена директора подтверждена") : QStringLiteral("Директор подтверждён"),
            QStringLiteral("Директор %1 подтверждён. Теперь можно подтверждать педагогов и обучающихся.").arg(who))
        : m_notifier.notifySchool(current->schoolId, QStringLiteral("director.rejected"),
            change ? QStringLiteral("Смена директора отклонена") : QStringLiteral("Данные директора отклонены"),
            QStringLiteral("Данные директора (%1) отклонены. Причина: %2. Исправьте данные и отправьте снова.")
                .arg(who, reason.trimmed()));
    if (!notified)
        return notified.error();
    if (!audit(m_audit, operatorId, operatorLogin,
            approve ? QStringLiteral("director.confirmed") : QStringLiteral("director.rejected"),
            QStringLiteral("director-request"), requestId, current->schoolId,
            {{QStringLiteral("reason"), approve ? QString() : reason.trimmed()}})
        || !tx.commit())
        return storageError();
    qCInfo(lcDirector) << "request" << requestId << (approve ? "confirmed" : "rejected") << "by account" << operatorId;
    return *request(requestId);
}

} // namespace sg::server
