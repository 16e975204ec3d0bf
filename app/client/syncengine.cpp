#include "client/syncengine.h"

#include "client/apiclient.h"
#include "core/directorprotocol.h"
#include "core/errorcodes.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QPointer>
#include <QRandomGenerator>
#include <QSet>
#include <QTimer>

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
    ++m_round;
    m_inFlight = m_sendPending = m_writeScheduled = m_storeScheduled = m_uploading = false;
    m_answered.clear();
    m_lastSentSeq = 0;
    m_pages.clear();
    m_pageStored = 0;
    m_report = SyncReport{};
    m_sent = 0;
    m_total = m_cache->itemCount(m_schoolId, OutboxItem::State::Pending); // counted, not read
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

QList<OutboxItem> SyncEngine::nextDecisions(std::optional<Error> *error) const
{
    // The decisions queued after the last one sent in this round (those sent and not yet written back are still
    // Pending in the cache, but all come before it), up to the next report or director submission, which must
    // wait until every decision before it is settled.
    auto items = m_cache->outbox(m_schoolId, OutboxItem::State::Pending, m_options.batchSize, m_lastSentSeq);
    if (!items) {
        *error = items.error();
        return {};
    }
    QList<OutboxItem> batch;
    for (const OutboxItem &item : std::as_const(items.value())) {
        if (item.kind != OutboxItem::Kind::Decision)
            break;
        batch.append(item);
    }
    return batch;
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
    m_lastSentSeq = items.isEmpty() ? m_lastSentSeq : items.last().seq;
    QPointer<SyncEngine> self(this);
    const quint64 round = m_round;
    m_inFlight = true;
    m_uploading = true;
    // Qt hands the request's body to its network thread in turns of this thread's event loop: the answers of the
    // batch before are written once the request has left, so the server is not kept waiting for it.
    auto uploaded = [self, round] {
        if (!self || self->m_round != round || !self->m_running || !self->m_uploading)
            return;
        self->m_uploading = false;
        if (!self->m_answered.isEmpty())
            self->scheduleWrite();
    };
    m_api->submitDecisions(
        m_schoolId, decisions,
        [self, items, round](Result<DecisionBatchAnswer> r) {
            if (!self || self->m_round != round || !self->m_running)
                return; // a round that ended early: the server's answer is asked for again (a duplicate) next time
            self->m_inFlight = false;
            self->m_uploading = false;
            if (!r) {
                // What was answered before this failure is written first: it is the server's word.
                if (!self->writeAnswered())
                    return;
                return self->failBatch(items, r.error());
            }
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
            self->m_answered.append(AnsweredBatch{items, r->results, r->unreportedDecisions});
            // The next batch goes out before this answer is written, so the server works on it meanwhile; sending it
            // and writing each slice of this answer take turns of the event loop of their own, so the window never
            // waits for more than one of them.
            self->m_sendPending = true;
            self->nextTurn([self, round] {
                if (!self || self->m_round != round || !self->m_running)
                    return;
                self->m_sendPending = false;
                std::optional<Error> error;
                const QList<OutboxItem> next = self->nextDecisions(&error);
                if (error)
                    return self->finish(*error);
                if (!next.isEmpty())
                    self->pushDecisions(next);
                self->scheduleWrite();
            });
        },
        uploaded);
}

void SyncEngine::nextTurn(std::function<void()> step)
{
    // A timer, not a posted call: Qt delivers the calls posted while it delivers posted calls in the same go, so a
    // chain of them would keep the window's timers, input and painting waiting until the whole chain is done.
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [timer, step = std::move(step)] {
        timer->deleteLater();
        step();
    });
    timer->start(0);
}

void SyncEngine::scheduleWrite()
{
    if (m_writeScheduled || m_uploading)
        return;
    m_writeScheduled = true;
    QPointer<SyncEngine> self(this);
    const quint64 round = m_round;
    nextTurn([self, round] {
        if (!self || self->m_round != round || !self->m_running)
            return;
        self->m_writeScheduled = false;
        if (!self->writeAnswered(1))
            return;
        if (!self->m_answered.isEmpty())
            return self->scheduleWrite();
        if (!self->m_inFlight && !self->m_sendPending)
            self->pushNext(); // everything sent is written: reports, director data, then the pull
    });
}

bool SyncEngine::writeAnswered(int slices)
{
    while (!m_answered.isEmpty() && slices-- != 0) {
        AnsweredBatch &batch = m_answered.first();
        const qsizetype n =
            std::min<qsizetype>(std::max(m_options.writeSlice, 1), batch.results.size() - batch.written);
        const QList<proto::DecisionResult> part = batch.results.mid(batch.written, n);
        if (Status s = m_cache->applyDecisionResults(m_schoolId, part); !s) {
            finish(s.error()); // the server kept them: the next round gets duplicates
            return false;
        }
        batch.written += n;
        if (!part.isEmpty())
            emit decisionsAnswered(part);
        if (batch.written < batch.results.size())
            continue;
        m_sent += int(batch.items.size());
        const int unreported = batch.unreported;
        m_answered.removeFirst();
        emit unreportedChanged(unreported + m_cache->pendingCount(m_schoolId));
        emit cacheChanged();
        emit progress(m_sent, m_total);
    }
    return true;
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
    m_pages.clear();
    m_pageStored = 0;
    m_pullStarted = QDateTime::currentDateTimeUtc();
    pullPage(fullSnapshot ? QString() : m_cache->cursor(m_schoolId), fullSnapshot);
}

void SyncEngine::pullPage(QString cursor, bool fullSnapshot)
{
    QPointer<SyncEngine> self(this);
    const quint64 round = m_round;
    m_inFlight = true;
    m_api->changes(m_schoolId, cursor, m_options.pullLimit, [self, fullSnapshot, round](Result<ChangeSet> r) {
        if (!self || self->m_round != round || !self->m_running)
            return;
        self->m_inFlight = false;
        if (!r) {
            if (r.error().code == QLatin1String(errc::InvalidCursor)) {
                // The server does not know our position (restored from a backup, say): start again from a full
                // snapshot, which is always correct.
                if (Status s = self->m_cache->setCursor(self->m_schoolId, QString()); !s)
                    return self->finish(s.error());
                return self->pull(true);
            }
            // Pages already received are not stored: the cursor did not move, the next round asks again.
            self->m_pages.clear();
            self->m_pageStored = 0;
            return self->failBatch({}, r.error());
        }
        self->setOnline(true);
        self->m_report.pulled += int(r->members.size());
        const bool more = r->more;
        const QString next = r->cursor;
        self->m_pages.append(std::move(r).value());
        // The next page is asked for before this one is stored, and storing goes in slices, a turn each.
        if (more)
            self->pullPage(next, fullSnapshot);
        self->scheduleStore(fullSnapshot);
    });
}

void SyncEngine::scheduleStore(bool fullSnapshot)
{
    if (m_storeScheduled)
        return;
    m_storeScheduled = true;
    QPointer<SyncEngine> self(this);
    const quint64 round = m_round;
    nextTurn([self, round, fullSnapshot] {
        if (!self || self->m_round != round || !self->m_running)
            return;
        self->m_storeScheduled = false;
        if (self->storeSlice(fullSnapshot) && !self->m_pages.isEmpty())
            self->scheduleStore(fullSnapshot);
    });
}

bool SyncEngine::storeSlice(bool fullSnapshot)
{
    if (m_pages.isEmpty())
        return false;
    ChangeSet &page = m_pages.first();
    const QDateTime now = m_pullStarted;
    const qsizetype n = std::min<qsizetype>(std::max(m_options.writeSlice, 1), page.members.size() - m_pageStored);
    const QList<proto::Member> part = page.members.mid(m_pageStored, n);
    m_pageStored += n;
    if (fullSnapshot) {
        m_snapshot.append(part);
    } else if (!part.isEmpty()) {
        if (Status s = m_cache->mergeMembers(m_schoolId, part, now); !s) {
            finish(s.error());
            return false;
        }
        emit membersPulled(part, false);
    }
    if (m_pageStored < page.members.size())
        return true;
    const ChangeSet done = m_pages.takeFirst();
    m_pageStored = 0;
    if (done.more)
        return true; // its successor is on its way (or stored next)
    if (fullSnapshot) {
        if (Status s = m_cache->replaceMembers(m_schoolId, m_snapshot, now); !s) {
            finish(s.error());
            return false;
        }
        emit membersPulled(m_snapshot, true);
        m_snapshot.clear();
    }
    // The cursor is stored only once the members it covers are: a crash in between fetches them again.
    if (Status s = m_cache->setCursor(m_schoolId, done.cursor); !s) {
        finish(s.error());
        return false;
    }
    if (done.school) {
        m_cache->putDocument(QStringLiteral("school"), done.school->toJson());
        emit schoolPulled(*done.school);
    }
    emit unreportedChanged(done.unreportedDecisions + m_cache->pendingCount(m_schoolId));
    emit cacheChanged();
    m_report.complete = true;
    finish(std::nullopt);
    return false;
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
