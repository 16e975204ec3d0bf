#include "client/syncengine.h"

#include "client/apiclient.h"
#include "core/directorprotocol.h"
#include "core/errorcodes.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QPointer>
#include <QRandomGenerator>
#include <QSet>

Q_LOGGING_CATEGORY(lcSync, "sg.sync")

namespace sg::client {

SyncEngine::SyncEngine(ApiClient *api, LocalCache *cache, qint64 schoolId, QObject *parent)
    : SyncEngine(api, cache, schoolId, Options{}, parent)
{}

SyncEngine::SyncEngine(ApiClient *api, LocalCache *cache, qint64 schoolId, Options options, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_cache(cache)
    , m_schoolId(schoolId)
    , m_options(options)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &SyncEngine::syncNow);
    connect(&m_periodic, &QTimer::timeout, this, &SyncEngine::syncNow);
}

void SyncEngine::start()
{
    if (m_options.intervalMs > 0)
        m_periodic.start(m_options.intervalMs);
}

void SyncEngine::stop()
{
    m_periodic.stop();
    m_retry.stop();
}

int SyncEngine::backoffDelayMs(int attempt, int retryAfterSecs, int baseMs, int capMs, quint32 random)
{
    const int shift = std::clamp(attempt, 0, 30);
    const qint64 exponential = std::min<qint64>(capMs, qint64(baseMs) << std::min(shift, 20));
    // "Equal jitter": half is kept, the other half is random, so clients that failed together spread out.
    const qint64 half = exponential / 2;
    const qint64 jittered = half + qint64((double(random) / 4294967296.0) * double(exponential - half));
    return int(std::max<qint64>(jittered, qint64(std::max(retryAfterSecs, 0)) * 1000));
}

bool SyncEngine::isTransient(const Error &error)
{
    return error.code == QLatin1String(errc::NetworkError) || error.code == QLatin1String(errc::Timeout)
        || error.code == QLatin1String(errc::Unavailable) || error.httpStatus == 429 || error.httpStatus >= 500
        || error.code == QLatin1String(errc::BadResponse);
}

void SyncEngine::setOnline(bool online)
{
    if (m_online == online)
        return;
    m_online = online;
    emit onlineChanged(online);
}

void SyncEngine::syncNow()
{
    if (m_running) {
        m_again = true;
        return;
    }
    m_retry.stop();
    m_running = true;
    m_again = false;
    m_report = SyncReport{};
    m_sent = 0;
    const auto pending = m_cache->outbox(m_schoolId, OutboxItem::State::Pending);
    m_total = pending ? int(pending->size()) : 0;
    emit syncStarted();
    emit progress(0, m_total);
    pushNext();
}

void SyncEngine::pushNext()
{
    auto items = m_cache->outbox(m_schoolId, OutboxItem::State::Pending, m_options.batchSize);
    if (!items)
        return finish(items.error());
    if (items->isEmpty())
        return pull(m_cache->cursor(m_schoolId).isEmpty());
    const OutboxItem &head = items->first();
    switch (head.kind) {
    case OutboxItem::Kind::Decision: {
        // The decisions queued before the next report or director submission: a report must cover them.
        QList<OutboxItem> batch;
        for (const OutboxItem &item : std::as_const(items.value())) {
            if (item.kind != OutboxItem::Kind::Decision)
                break;
            batch.append(item);
        }
        return pushDecisions(batch);
    }
    case OutboxItem::Kind::Report: return pushReport(head);
    case OutboxItem::Kind::Director: return pushDirector(head);
    }
}

void SyncEngine::pushDecisions(const QList<OutboxItem> &items)
{
    QList<proto::DecisionItem> decisions;
    QStringList keys;
    decisions.reserve(items.size());
    for (const OutboxItem &item : items) {
        decisions.append(item.decisionItem());
        keys.append(item.key);
    }
    if (Status s = m_cache->recordAttempt(keys); !s)
        return finish(s.error());
    QPointer<SyncEngine> self(this);
    m_api->submitDecisions(m_schoolId, decisions, [self, items](Result<DecisionBatchAnswer> r) {
        if (!self)
            return;
        if (!r)
            return self->failBatch(items, r.error());
        self->setOnline(true);
        for (const proto::DecisionResult &result : std::as_const(r->results)) {
            switch (result.outcome) {
            case DecisionOutcome::Applied: ++self->m_report.applied; break;
            case DecisionOutcome::Duplicate: ++self->m_report.duplicates; break;
            case DecisionOutcome::Conflict: ++self->m_report.conflicts; break;
            case DecisionOutcome::Forbidden:
            case DecisionOutcome::Invalid: ++self->m_report.refused; break;
            }
        }
        if (Status s = self->m_cache->applyDecisionResults(self->m_schoolId, r->results); !s)
            return self->finish(s.error()); // the server kept them: the next round gets duplicates
        self->m_sent += int(items.size());
        emit self->decisionsAnswered(r->results);
        emit self->unreportedChanged(r->unreportedDecisions + self->m_cache->pendingCount(self->m_schoolId));
        emit self->cacheChanged();
        emit self->progress(self->m_sent, self->m_total);
        self->pushNext();
    });
}

void SyncEngine::failBatch(const QList<OutboxItem> &items, const Error &error)
{
    if (error.httpStatus == 401) {
        emit sessionExpired();
        return finish(error);
    }
    if (isTransient(error)) {
        if (error.code == QLatin1String(errc::NetworkError) || error.code == QLatin1String(errc::Timeout))
            setOnline(false);
        return finish(error);
    }
    setOnline(true);
    // The server refused the request as a whole (the director is not confirmed, the account may not decide…):
    // each item gets that answer, so the user sees why and nothing is retried in a loop.
    const bool forbidden = error.httpStatus == 403 || error.code == QLatin1String(errc::Forbidden);
    QList<proto::DecisionResult> results;
    for (const OutboxItem &item : items) {
        if (item.kind != OutboxItem::Kind::Decision)
            continue;
        proto::DecisionResult result;
        result.key = item.key;
        result.memberId = item.memberId;
        result.outcome = forbidden ? DecisionOutcome::Forbidden : DecisionOutcome::Invalid;
        result.code = error.code;
        result.message = error.message;
        results.append(result);
    }
    m_report.refused += int(results.size());
    if (Status s = m_cache->applyDecisionResults(m_schoolId, results); !s)
        return finish(s.error());
    if (!results.isEmpty())
        emit decisionsAnswered(results);
    m_sent += int(items.size());
    emit cacheChanged();
    emit progress(m_sent, m_total);
    pushNext();
}

void SyncEngine::pushReport(const OutboxItem &item)
{
    const QString key = item.key;
    // A report is what its preview showed. It is refused here, before the server sees it, when its snapshot
    // cannot be read (queued by an older version) or when one of the user's own decisions it covers came back as a
    // conflict or was refused: the server may even hold the same verdict on that person, but not the user's.
    const std::optional<proto::ReportSnapshot> snapshot = item.reportSnapshot();
    std::optional<Error> refusal;
    if (!snapshot) {
        refusal = Error{QString::fromLatin1(errc::ReportChanged),
            tr("The queued report was made without a preview. Check the preview and send it again."), 0};
    } else if (const QStringList covers = item.reportCovers(); !covers.isEmpty()) {
        for (const auto state : {OutboxItem::State::Conflict, OutboxItem::State::Refused}) {
            const auto stuck = m_cache->outbox(m_schoolId, state);
            if (!stuck)
                return finish(stuck.error());
            for (const OutboxItem &other : stuck.value()) {
                if (other.kind == OutboxItem::Kind::Decision && covers.contains(other.key) && !refusal)
                    refusal = Error{QString::fromLatin1(errc::ReportChanged),
                        tr("A decision in the queued report met a change by someone else, so the report was not "
                           "sent. Check the new preview and send it again."),
                        0};
            }
        }
    }
    if (refusal)
        return refuseReport(key, snapshot.value_or(proto::ReportSnapshot{}), *refusal);

    if (Status s = m_cache->recordAttempt({key}); !s)
        return finish(s.error());
    QPointer<SyncEngine> self(this);
    const proto::ReportSnapshot sent = *snapshot;
    m_api->sendReport(m_schoolId, proto::ReportRequest{key, sent}, [self, key, sent](Result<proto::Report> r) {
        if (!self)
            return;
        if (!r) {
            const Error &e = r.error();
            if (e.httpStatus == 401 || isTransient(e))
                return self->failBatch({}, e);
            self->setOnline(true);
            if (e.code == QLatin1String(errc::ReportChanged))
                return self->refuseReport(key, sent, e);
            // Nothing left to report (all of it was in an earlier report) is as good as sent; anything else
            // permanent is dropped so it cannot block the queue, and the round says why.
            qCWarning(lcSync) << "report refused:" << e.code;
            if (e.code != QLatin1String(errc::NothingToReport))
                self->m_report.error = e;
        } else {
            ++self->m_report.reports;
            emit self->reportSent(r.value());
            emit self->unreportedChanged(self->m_cache->pendingCount(self->m_schoolId));
        }
        self->setOnline(true);
        if (Status s = self->m_cache->removeItem(key); !s)
            return self->finish(s.error());
        ++self->m_sent;
        emit self->cacheChanged();
        emit self->progress(self->m_sent, self->m_total);
        self->pushNext();
    });
}

void SyncEngine::refuseReport(const QString &key, const proto::ReportSnapshot &snapshot, const Error &error)
{
    // Nothing was sent: the report leaves the outbox, and the user is shown what a report would hold now.
    qCInfo(lcSync) << "queued report not sent:" << error.code;
    if (Status s = m_cache->removeItem(key); !s)
        return finish(s.error());
    ++m_report.reportsRefused;
    ++m_sent;
    emit reportRefused(snapshot, error);
    emit cacheChanged();
    emit progress(m_sent, m_total);
    pushNext();
}

void SyncEngine::pushDirector(const OutboxItem &item)
{
    const QString key = item.key;
    auto submission = proto::DirectorSubmission::fromJson(item.payload);
    if (!submission) {
        m_report.error = submission.error();
        if (Status s = m_cache->removeItem(key); !s)
            return finish(s.error());
        return pushNext();
    }
    if (Status s = m_cache->recordAttempt({key}); !s)
        return finish(s.error());
    QPointer<SyncEngine> self(this);
    m_api->submitDirector(m_schoolId, submission.value(), [self, key](Result<proto::DirectorRequest> r) {
        if (!self)
            return;
        if (!r) {
            const Error &e = r.error();
            if (e.httpStatus == 401 || isTransient(e))
                return self->failBatch({}, e);
            // "Already submitted" after a lost answer means the first attempt arrived.
            if (e.code != QLatin1String(errc::AlreadySubmitted))
                self->m_report.error = e;
        } else {
            ++self->m_report.directorSubmissions;
        }
        self->setOnline(true);
        if (Status s = self->m_cache->removeItem(key); !s)
            return self->finish(s.error());
        ++self->m_sent;
        emit self->cacheChanged();
        self->pushNext();
    });
}

void SyncEngine::pull(bool fullSnapshot)
{
    m_snapshot.clear();
    m_pullStarted = QDateTime::currentDateTimeUtc();
    pullPage(fullSnapshot ? QString() : m_cache->cursor(m_schoolId), fullSnapshot);
}

void SyncEngine::pullPage(QString cursor, bool fullSnapshot)
{
    QPointer<SyncEngine> self(this);
    m_api->changes(m_schoolId, cursor, m_options.pullLimit, [self, fullSnapshot](Result<ChangeSet> r) {
        if (!self)
            return;
        if (!r) {
            if (r.error().code == QLatin1String(errc::InvalidCursor)) {
                // The server does not know our position (restored from a backup, say): start again from a full
                // snapshot, which is always correct.
                if (Status s = self->m_cache->setCursor(self->m_schoolId, QString()); !s)
                    return self->finish(s.error());
                return self->pull(true);
            }
            return self->failBatch({}, r.error());
        }
        self->setOnline(true);
        const QDateTime now = self->m_pullStarted;
        self->m_report.pulled += int(r->members.size());
        if (fullSnapshot) {
            self->m_snapshot.append(r->members);
        } else if (Status s = self->m_cache->mergeMembers(self->m_schoolId, r->members, now); !s) {
            return self->finish(s.error());
        } else if (!r->members.isEmpty()) {
            emit self->membersPulled(r->members, false);
        }
        if (r->more)
            return self->pullPage(r->cursor, fullSnapshot);
        if (fullSnapshot) {
            if (Status s = self->m_cache->replaceMembers(self->m_schoolId, self->m_snapshot, now); !s)
                return self->finish(s.error());
            emit self->membersPulled(self->m_snapshot, true);
            self->m_snapshot.clear();
        }
        // The cursor is stored only once the members it covers are: a crash in between fetches them again.
        if (Status s = self->m_cache->setCursor(self->m_schoolId, r->cursor); !s)
            return self->finish(s.error());
        if (r->school) {
            self->m_cache->putDocument(QStringLiteral("school"), r->school->toJson());
            emit self->schoolPulled(*r->school);
        }
        emit self->unreportedChanged(r->unreportedDecisions + self->m_cache->pendingCount(self->m_schoolId));
        emit self->cacheChanged();
        self->m_report.complete = true;
        self->finish(std::nullopt);
    });
}

void SyncEngine::finish(std::optional<Error> error)
{
    if (error && !m_report.error)
        m_report.error = error;
    if (error) {
        const int delay = backoffDelayMs(m_failures, error->retryAfterSecs, m_options.backoffBaseMs,
            m_options.backoffCapMs, QRandomGenerator::global()->generate());
        ++m_failures;
        m_report.retryInMs = delay;
        m_report.complete = false;
        if (error->httpStatus != 401) // a retry cannot help until the user signs in again
            m_retry.start(delay);
        qCInfo(lcSync) << "sync stopped:" << error->code << "- retry in" << delay << "ms";
    } else {
        m_failures = 0;
    }
    m_running = false;
    const SyncReport report = m_report;
    emit syncFinished(report);
    if (m_again && !error)
        syncNow();
}

} // namespace sg::client
