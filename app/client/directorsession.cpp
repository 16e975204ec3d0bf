#include "client/directorsession.h"

#include "core/errorcodes.h"

#include <QLoggingCategory>
#include <QPointer>

#include <algorithm>

Q_LOGGING_CATEGORY(lcDirectorSession, "sg.client.director")

namespace sg::client {

DirectorSession::DirectorSession(ApiClient *api, qint64 schoolId, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_schoolId(schoolId)
{}

void DirectorSession::beginBusy()
{
    if (m_busy++ == 0)
        emit busyChanged(true);
}

void DirectorSession::endBusy()
{
    if (--m_busy == 0)
        emit busyChanged(false);
}

void DirectorSession::applyCard(quint64 ticket, const proto::DirectorCard &card)
{
    if (ticket < m_cardApplied)
        return; // an older answer overtaken by a newer one
    m_cardApplied = ticket;
    m_card = card;
    m_hasCard = true;
    emit cardChanged();
}

void DirectorSession::refresh()
{
    loadCard();
    loadNotifications();
    if (m_schoolInn.isEmpty()) {
        beginBusy();
        m_api->school(m_schoolId, [self = QPointer(this)](Result<proto::School> r) {
            if (!self)
                return;
            self->endBusy();
            if (!r)
                return emit self->failed(r.error());
            self->m_schoolInn = r->inn;
            emit self->cardChanged(); // the INN is part of what the card view offers
        });
    }
}

void DirectorSession::loadCard()
{
    const quint64 ticket = ++m_cardTickets;
    beginBusy();
    m_api->directorCard(m_schoolId, [self = QPointer(this), ticket](Result<proto::DirectorCard> r) {
        if (!self)
            return;
        self->endBusy();
        if (!r)
            return emit self->failed(r.error());
        self->applyCard(ticket, r.value());
    });
}

void DirectorSession::loadNotifications()
{
    const quint64 ticket = ++m_notificationTickets;
    beginBusy();
    m_api->notifications(m_schoolId, [self = QPointer(this), ticket](Result<QList<proto::Notification>> r) {
        if (!self)
            return;
        self->endBusy();
        if (!r)
            return emit self->failed(r.error());
        if (ticket < self->m_notificationsApplied)
            return;
        self->m_notificationsApplied = ticket;
        QList<proto::Notification> list = std::move(r).value();
        std::stable_sort(list.begin(), list.end(), [](const proto::Notification &a, const proto::Notification &b) {
            if (a.createdAt != b.createdAt)
                return a.createdAt > b.createdAt;
            return a.id > b.id;
        });
        self->m_notifications = std::move(list);
        emit self->notificationsChanged();
    });
}

void DirectorSession::loadConsentText()
{
    beginBusy();
    m_api->consentText([self = QPointer(this)](Result<proto::ConsentText> r) {
        if (!self)
            return;
        self->endBusy();
        if (!r)
            return emit self->failed(r.error());
        self->m_consent = r.value();
        emit self->consentTextLoaded(*self->m_consent);
    });
}

void DirectorSession::giveConsent(const QString &version)
{
    const quint64 ticket = ++m_cardTickets;
    beginBusy();
    m_api->giveConsent(m_schoolId, version, [self = QPointer(this), ticket](Result<proto::DirectorCard> r) {
        if (!self)
            return;
        self->endBusy();
        if (!r)
            return emit self->failed(r.error());
        qCInfo(lcDirectorSession) << "consent recorded for school" << self->m_schoolId;
        self->applyCard(ticket, r.value());
    });
}

void DirectorSession::submit(const proto::DirectorSubmission &submission)
{
    beginBusy();
    m_api->submitDirector(
        m_schoolId, submission, [self = QPointer(this), submission](Result<proto::DirectorRequest> r) {
            if (!self)
                return;
            self->endBusy();
            const bool unreachable = !r
                && (r.error().code == QLatin1String(errc::NetworkError)
                    || r.error().code == QLatin1String(errc::Timeout));
            if (unreachable && self->m_offlineQueue) {
                if (Status queued = self->m_offlineQueue(submission); queued) {
                    qCInfo(lcDirectorSession) << "director data kept for sending later, school" << self->m_schoolId;
                    emit self->submissionQueued();
                    return;
                }
            }
            if (!r) {
                emit self->submitFailed(r.error());
                if (self)
                    emit self->failed(r.error());
                return;
            }
            qCInfo(lcDirectorSession) << "director request" << r->id << "sent for school" << self->m_schoolId;
            emit self->submitted(r.value());
            self->loadCard();
            self->loadNotifications();
        });
}

} // namespace sg::client
