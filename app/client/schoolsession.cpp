#include "client/schoolsession.h"

#include "client/localcache.h"
#include "client/membertablemodel.h"
#include "client/syncengine.h"
#include "core/errorcodes.h"

#include <QHash>
#include <QLoggingCategory>
#include <QSet>
#include <QTimer>

#include <algorithm>
#include <utility>

Q_LOGGING_CATEGORY(lcSession, "sg.client.session")

namespace sg::client {

SchoolSession::SchoolSession(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_teachers(new MemberTableModel(this))
    , m_students(new MemberTableModel(this))
{
    connect(m_api, &ApiClient::sessionExpired, this, [this] {
        if (!m_user)
            return;
        // The server ended the session: forget everything this account could see, as on sign-out.
        forgetAccount();
        emit signedOut();
    });
}

SchoolSession::~SchoolSession()
{
    delete m_sync; // it uses the cache, which may be the in-memory one this object owns
    m_sync = nullptr;
}

bool SchoolSession::canDecideTeachers() const
{
    return m_user && m_user->role == Role::School && m_school && m_school->directorStatus == QLatin1String("confirmed");
}

bool SchoolSession::canDecideStudents() const
{
    if (!m_user)
        return false;
    if (m_user->role == Role::School)
        return canDecideTeachers();
    return m_user->role == Role::Teacher || m_user->role == Role::ClassTeacher;
}

void SchoolSession::beginBusy()
{
    if (m_busy++ == 0)
        emit busyChanged(true);
}

void SchoolSession::endBusy()
{
    if (--m_busy == 0)
        emit busyChanged(false);
}

void SchoolSession::setUnreported(int count)
{
    if (m_unreported == count)
        return;
    m_unreported = count;
    emit unreportedChanged(count);
}

void SchoolSession::signIn(const QString &login, const QString &password)
{
    beginBusy();
    m_api->login(login, password, [this](Result<proto::SessionInfo> r) {
        endBusy();
        if (!r)
            return emit signInFailed(r.error());
        m_user = r->user;
        qCInfo(lcSession) << "signed in as account" << m_user->id;
        emit signedIn();
    });
}

void SchoolSession::adoptSession(const proto::SessionInfo &session)
{
    m_api->setToken(session.token);
    m_user = session.user;
    qCInfo(lcSession) << "signed in as account" << m_user->id;
    emit signedIn();
}

void SchoolSession::forgetAccount()
{
    setLastBatch({});
    m_user.reset();
    m_school.reset();
    m_lastQueuedKeys.clear();
    m_serverUnreported = 0;
    m_syncForDecisions = false;
    m_teachers->setMembers({});
    m_students->setMembers({});
    setUnreported(0);
}

void SchoolSession::signOut()
{
    m_api->logout([](Result<Unit>) {});
    forgetAccount();
    emit signedOut();
}

void SchoolSession::refresh()
{
    if (!m_user || !m_user->schoolId)
        return;
    const qint64 schoolId = *m_user->schoolId;
    if (!m_cache && !useMemoryOutbox())
        return;
    // What this computer has, at once (it is all there is offline); then the school and a sync.
    if (!m_school) {
        if (auto doc = m_cache->document(QStringLiteral("school")); doc && doc.value()) {
            if (auto cached = proto::School::fromJson(*doc.value()))
                m_school = cached.value();
        }
    }
    loadFromCache();
    beginBusy();
    m_api->school(schoolId, [this](Result<proto::School> r) {
        endBusy();
        if (!r) {
            if (r.error().code == QLatin1String(errc::NetworkError) || r.error().code == QLatin1String(errc::Timeout)) {
                setOnline(false);
                return;
            }
            return emit operationFailed(r.error());
        }
        setOnline(true);
        m_school = r.value();
        if (m_cache)
            m_cache->putDocument(QStringLiteral("school"), m_school->toJson());
        m_serverUnreported = m_school->unreportedDecisions;
        setUnreported(localUnreported());
        emit membersLoaded(); // the header and the locks follow the school
    });
    m_sync->syncNow();
}

bool SchoolSession::useMemoryOutbox()
{
    if (m_cache)
        return true;
    if (!m_user || !m_user->schoolId)
        return false;
    auto opened = LocalCache::openInMemory();
    if (!opened) {
        qCWarning(lcSession) << "no in-memory outbox:" << opened.error().message;
        emit operationFailed(opened.error());
        return false;
    }
    m_memoryCache = std::move(opened).value();
    setCache(m_memoryCache.get());
    return true;
}

MemberTableModel *SchoolSession::modelOf(qint64 memberId) const
{
    return m_teachers->rowOf(memberId) >= 0 ? m_teachers : m_students;
}

void SchoolSession::decide(const QList<qint64> &memberIds, Verdict verdict, const QString &reason)
{
    if (!m_user || !m_user->schoolId || memberIds.isEmpty())
        return;
    if (!m_cache && !useMemoryOutbox())
        return;
    // Every decision takes one path: into the outbox (on disk with an offline copy, in memory without one), shown at
    // once as waiting, sent by the sync engine, answered per item; the outcomes are counted in its report.
    QList<proto::DecisionItem> items;
    items.reserve(memberIds.size());
    for (qint64 id : memberIds) {
        if (const proto::Member *m = modelOf(id)->memberById(id))
            items.append(proto::DecisionItem{QString(), id, verdict, reason, m->version});
    }
    if (!items.isEmpty())
        queueDecisions(items);
}

void SchoolSession::sendReport(const proto::Report &preview)
{
    if (!m_user || !m_user->schoolId)
        return;
    if (!m_cache && !useMemoryOutbox())
        return;
    // Into the outbox with its snapshot and one key until the server confirms it, after the decisions it covers.
    const proto::ReportSnapshot snapshot = proto::ReportSnapshot::of(preview);
    if (auto item = m_cache->queueReport(*m_user->schoolId, snapshot); !item)
        return emit operationFailed(item.error());
    setUnreported(localUnreported());
    emit outboxChanged();
    m_sync->syncNow();
}

void SchoolSession::showChangedReport(const proto::ReportSnapshot &shown, const QString &message)
{
    if (!m_user || !m_user->schoolId)
        return;
    beginBusy();
    m_api->reportPreview(*m_user->schoolId, [this, shown, message](Result<proto::Report> r) {
        endBusy();
        if (!r)
            return emit operationFailed(Error{QString::fromLatin1(errc::ReportChanged), message, 409});
        emit reportChanged(shown, r.value(), message);
    });
}

proto::ReportSnapshot SchoolSession::offlineSnapshot() const
{
    if (!m_cache || !m_user || !m_user->schoolId)
        return {};
    auto snapshot = m_cache->pendingSnapshot(*m_user->schoolId);
    return snapshot ? snapshot.value() : proto::ReportSnapshot{};
}

void SchoolSession::queueReportOffline()
{
    if (!m_cache || !m_user || !m_user->schoolId)
        return;
    QStringList covers;
    auto snapshot = m_cache->pendingSnapshot(*m_user->schoolId, &covers);
    if (!snapshot)
        return emit operationFailed(snapshot.error());
    if (auto item = m_cache->queueReport(*m_user->schoolId, snapshot.value(), covers); !item)
        return emit operationFailed(item.error());
    setUnreported(localUnreported());
    emit outboxChanged();
    emit reportQueued();
    m_sync->syncNow();
}

std::optional<QueuedReport> SchoolSession::queuedReport() const
{
    if (!m_cache || !m_user || !m_user->schoolId)
        return std::nullopt;
    const auto pending = m_cache->outboxOfKind(*m_user->schoolId, OutboxItem::Kind::Report, OutboxItem::State::Pending);
    if (!pending)
        return std::nullopt;
    for (const OutboxItem &item : pending.value()) {
        QueuedReport q;
        q.key = item.key;
        q.snapshot = item.reportSnapshot().value_or(proto::ReportSnapshot{});
        q.queuedAt = item.createdAt;
        q.sent = item.attempts > 0;
        return q;
    }
    return std::nullopt;
}

Status SchoolSession::cancelQueuedReport()
{
    const auto queued = queuedReport();
    if (!queued)
        return Unit{};
    if (queued->sent)
        return Error{QString::fromLatin1(errc::Conflict),
            tr("The report is already on its way to the server and can no longer be cancelled."), 0};
    if (Status s = m_cache->discardItem(queued->key); !s)
        return s;
    setUnreported(localUnreported());
    emit outboxChanged();
    return Unit{};
}

int SchoolSession::localUnreported() const
{
    if (!m_cache || !m_user || !m_user->schoolId)
        return m_unreported;
    // Counted without opening a single decision (this runs after every answered batch).
    const auto waitingIds = m_cache->waitingMembers(*m_user->schoolId);
    const auto reports = m_cache->outboxOfKind(*m_user->schoolId, OutboxItem::Kind::Report, OutboxItem::State::Pending);
    if (!waitingIds || !reports)
        return m_serverUnreported;
    const QSet<qint64> &waiting = waitingIds.value(); // people with a decision waiting here
    QSet<qint64> inReport; // people in the queued report
    for (const OutboxItem &item : reports.value()) {
        if (const auto snapshot = item.reportSnapshot()) {
            for (const proto::ReportSnapshotLine &line : snapshot->lines)
                inReport.insert(line.memberId);
        }
    }
    // The report's people not waiting here are among those the server knows as unreported.
    const qsizetype serverInReport = (inReport - waiting).size();
    return int((waiting - inReport).size() + std::max<qsizetype>(0, m_serverUnreported - serverInReport));
}

void SchoolSession::changePassword(const QString &current, const QString &next)
{
    beginBusy();
    m_api->changePassword(current, next, [this](Result<Unit> r) {
        endBusy();
        if (!r)
            return emit operationFailed(r.error());
        if (m_user)
            m_user->mustChangePassword = false;
        emit passwordChanged();
    });
}

void SchoolSession::setLastBatch(QList<QPair<qint64, qint64>> batch)
{
    const bool before = canUndo();
    m_lastBatch = std::move(batch);
    if (before != canUndo())
        emit undoAvailableChanged(canUndo());
}

void SchoolSession::undoLastBatch()
{
    if (!m_user || !m_user->schoolId || m_lastBatch.isEmpty() || !m_cache)
        return;
    // Decisions still waiting here are dropped; those the server has are taken back by a revert.
    int undone = 0, notUndone = 0;
    QList<qint64> touched;
    for (const QString &key : std::as_const(m_lastQueuedKeys)) {
        auto item = m_cache->item(key);
        if (item && item.value() && item.value()->state == OutboxItem::State::Pending) {
            const qint64 memberId = item.value()->memberId;
            if (m_cache->discardItem(key)) {
                ++undone;
                touched.append(memberId);
            }
        }
    }
    m_lastQueuedKeys.clear();
    QList<proto::DecisionItem> reverts;
    for (const auto &[memberId, version] : std::as_const(m_lastBatch)) {
        if (version > 0)
            reverts.append(proto::DecisionItem{QString(), memberId, Verdict::Revert, QString(), version});
    }
    if (!reverts.isEmpty()) {
        if (auto queued = m_cache->queueDecisions(*m_user->schoolId, reverts); queued) {
            undone += int(reverts.size());
            for (const OutboxItem &o : std::as_const(queued.value()))
                touched.append(o.memberId);
        } else {
            notUndone += int(reverts.size());
        }
    }
    setLastBatch({});
    reloadRows(touched);
    emit outboxChanged();
    emit batchUndone(undone, notUndone);
    if (!reverts.isEmpty())
        m_sync->syncNow();
}

void SchoolSession::setOnline(bool online)
{
    if (m_online == online)
        return;
    m_online = online;
    emit onlineChanged(online);
}

void SchoolSession::setCache(LocalCache *cache)
{
    delete m_sync; // a round in flight ends here: its callbacks never come
    m_sync = nullptr;
    if (std::exchange(m_syncBusy, false))
        endBusy();
    m_cache = cache;
    m_lastQueuedKeys.clear();
    if (cache != m_memoryCache.get())
        m_memoryCache.reset(); // an offline copy takes over from the in-memory outbox (or the session ends)
    if (!cache || !m_user || !m_user->schoolId)
        return;
    // Batches and change-feed pages as large as the server allows (fewer requests); the engine writes their
    // answers in slices, a turn of the event loop each, so the window stays responsive.
    SyncEngine::Options options;
    options.batchSize = 1000;
    options.pullLimit = 5000;
    options.writeSlice = 500;
    m_sync = new SyncEngine(m_api, cache, *m_user->schoolId, options, this);
    connect(m_sync, &SyncEngine::syncStarted, this, [this] {
        if (!std::exchange(m_syncBusy, true))
            beginBusy();
    });
    connect(m_sync, &SyncEngine::onlineChanged, this, &SchoolSession::setOnline);
    connect(m_sync, &SyncEngine::schoolPulled, this, [this](const proto::School &school) { m_school = school; });
    connect(m_sync, &SyncEngine::unreportedChanged, this, [this](int count) {
        if (m_cache && m_user && m_user->schoolId)
            m_serverUnreported = std::max(0, count - m_cache->pendingCount(*m_user->schoolId));
        scheduleUnreported();
    });
    connect(m_sync, &SyncEngine::decisionsAnswered, this, [this](const QList<proto::DecisionResult> &results) {
        // The rows these answers concern change now, batch by batch: nothing else is read or redrawn.
        QList<qint64> ids;
        ids.reserve(results.size());
        for (const proto::DecisionResult &r : results)
            ids.append(r.memberId);
        reloadRows(ids);
        // The last batch becomes undoable on the server's versions as its answers come in.
        QList<QPair<qint64, qint64>> batch = m_lastBatch;
        for (const proto::DecisionResult &r : results) {
            if (!m_lastQueuedKeys.remove(r.key))
                continue;
            const bool done = r.outcome == DecisionOutcome::Applied || r.outcome == DecisionOutcome::Duplicate;
            for (qsizetype i = 0; i < batch.size(); ++i) {
                if (batch.at(i).first == r.memberId) {
                    if (done)
                        batch[i].second = r.version;
                    else
                        batch.removeAt(i);
                    break;
                }
            }
        }
        setLastBatch(std::move(batch));
    });
    connect(m_sync, &SyncEngine::membersPulled, this, [this](const QList<proto::Member> &members, bool full) {
        if (full)
            return loadFromCache(); // all the account may see: compared with the rows shown, only differences move
        // Most of a page after a push is the user's own decisions coming back: rows that already show that
        // version are left alone (nothing to read, nothing to redraw).
        QList<qint64> ids;
        for (const proto::Member &m : members) {
            const proto::Member *shown = m_students->memberById(m.id);
            if (!shown)
                shown = m_teachers->memberById(m.id);
            if (!shown || shown->version != m.version || shown->status != m.status)
                ids.append(m.id);
        }
        reloadRows(ids);
    });
    connect(m_sync, &SyncEngine::reportSent, this, [this](const proto::Report &report) {
        m_serverUnreported = 0;
        setLastBatch({}); // reported decisions stay
        emit reportSent(report);
    });
    connect(
        m_sync, &SyncEngine::reportRefused, this, [this](const proto::ReportSnapshot &snapshot, const Error &error) {
            showChangedReport(snapshot, error.message);
        });
    connect(m_sync, &SyncEngine::syncFinished, this, [this](const SyncReport &report) {
        if (std::exchange(m_syncBusy, false))
            endBusy();
        if (!m_cache)
            return;
        setUnreported(localUnreported());
        if (m_syncForDecisions && report.complete) {
            m_syncForDecisions = false;
            emit decisionsFinished(report.applied + report.duplicates, report.conflicts, report.refused);
        } else if (report.conflicts > 0 || report.refused > 0) {
            emit decisionsFinished(report.applied + report.duplicates, report.conflicts, report.refused);
        }
        if (report.error && report.error->httpStatus >= 400 && report.error->httpStatus < 500
            && report.error->httpStatus != 401 && report.error->httpStatus != 429)
            emit operationFailed(*report.error);
        if (m_user && m_user->schoolId) {
            const auto reports =
                m_cache->outboxOfKind(*m_user->schoolId, OutboxItem::Kind::Report, OutboxItem::State::Pending);
            if (reports && !reports->isEmpty())
                emit reportQueued();
        }
        emit outboxChanged();
        emit syncFinished(report.complete, report.error ? report.error->message : QString());
    });
    m_sync->start();
}

int SchoolSession::queuedItems() const
{
    if (!m_cache || !m_user || !m_user->schoolId)
        return 0;
    return m_cache->itemCount(*m_user->schoolId, OutboxItem::State::Pending);
}

void SchoolSession::syncNow()
{
    if (m_sync)
        m_sync->syncNow();
}

void SchoolSession::loadFromCache()
{
    if (!m_cache || !m_user || !m_user->schoolId)
        return;
    const qint64 schoolId = *m_user->schoolId;
    auto cached = m_cache->members(schoolId);
    if (!cached)
        return emit operationFailed(cached.error());
    QList<proto::Member> teachers, students;
    QSet<qint64> pending, conflict;
    const bool isSchool = m_user->role == Role::School;
    for (const CachedMember &c : std::as_const(cached.value())) {
        if (c.pending)
            pending.insert(c.member.id);
        if (c.conflict)
            conflict.insert(c.member.id);
        if (c.member.role == Role::Teacher) {
            if (isSchool)
                teachers.append(c.member);
        } else {
            students.append(c.member);
        }
    }
    m_teachers->syncMembers(std::move(teachers), pending, conflict);
    m_students->syncMembers(std::move(students), pending, conflict);
    setUnreported(localUnreported());
    emit membersLoaded();
}

void SchoolSession::scheduleUnreported()
{
    // While batches are answered the count would be worked out again for every batch: once after they settle.
    if (!m_syncBusy)
        return setUnreported(localUnreported());
    if (!m_unreportedTimer) {
        m_unreportedTimer = new QTimer(this);
        m_unreportedTimer->setSingleShot(true);
        m_unreportedTimer->setInterval(150);
        connect(m_unreportedTimer, &QTimer::timeout, this, [this] { setUnreported(localUnreported()); });
    }
    if (!m_unreportedTimer->isActive())
        m_unreportedTimer->start();
}

void SchoolSession::reloadRows(const QList<qint64> &ids)
{
    if (!m_cache || !m_user || !m_user->schoolId || ids.isEmpty())
        return;
    auto cached = m_cache->members(*m_user->schoolId, ids);
    if (!cached)
        return emit operationFailed(cached.error());
    QList<proto::Member> teachers, students;
    QSet<qint64> pending, conflict, found;
    const bool isSchool = m_user->role == Role::School;
    for (CachedMember &c : cached.value()) {
        found.insert(c.member.id);
        if (c.pending)
            pending.insert(c.member.id);
        if (c.conflict)
            conflict.insert(c.member.id);
        if (c.member.role == Role::Teacher) {
            if (isSchool)
                teachers.append(std::move(c.member));
        } else {
            students.append(std::move(c.member));
        }
    }
    QList<qint64> gone; // no longer in the cache (the server no longer shows them to this account)
    for (qint64 id : ids) {
        if (!found.contains(id))
            gone.append(id);
    }
    m_teachers->updateMembers(std::move(teachers), pending, conflict, gone);
    m_students->updateMembers(std::move(students), pending, conflict, gone);
    scheduleUnreported();
    emit membersLoaded();
}

void SchoolSession::queueDecisions(const QList<proto::DecisionItem> &items)
{
    const qint64 schoolId = *m_user->schoolId;
    // A person's earlier decision that has not left this computer yet is replaced by the new one (the user's
    // latest word), so the two cannot collide on the server.
    QSet<qint64> ids;
    for (const auto &item : items)
        ids.insert(item.memberId);
    QStringList superseded;
    if (auto pending = m_cache->outbox(schoolId, OutboxItem::State::Pending)) {
        for (const OutboxItem &o : std::as_const(pending.value())) {
            if (o.kind == OutboxItem::Kind::Decision && ids.contains(o.memberId) && o.attempts == 0)
                superseded.append(o.key);
        }
    }
    auto queued = m_cache->queueDecisions(schoolId, items);
    if (!queued)
        return emit operationFailed(queued.error());
    for (const QString &key : std::as_const(superseded))
        m_cache->discardItem(key);
    m_lastQueuedKeys.clear();
    QList<QPair<qint64, qint64>> batch;
    for (const OutboxItem &o : std::as_const(queued.value())) {
        m_lastQueuedKeys.insert(o.key);
        batch.append(qMakePair(o.memberId, qint64(0))); // the version comes with the server's answer
    }
    setLastBatch(std::move(batch));
    QList<qint64> touched(ids.cbegin(), ids.cend());
    reloadRows(touched);
    emit outboxChanged();
    emit decisionsQueued(int(queued->size()));
    m_syncForDecisions = true;
    m_sync->syncNow();
}

Status SchoolSession::queueDirectorSubmission(const proto::DirectorSubmission &submission)
{
    if (!m_cache || !m_user || !m_user->schoolId)
        return Error{QStringLiteral("offline-unavailable"), tr("This computer keeps no offline copy."), 0};
    auto item = m_cache->queueDirector(*m_user->schoolId, submission.toJson(), {});
    if (!item)
        return item.error();
    emit outboxChanged();
    return Unit{};
}

int SchoolSession::attentionCount() const
{
    if (!m_cache || !m_user || !m_user->schoolId)
        return 0;
    return m_cache->itemCount(*m_user->schoolId, OutboxItem::State::Conflict)
        + m_cache->itemCount(*m_user->schoolId, OutboxItem::State::Refused);
}

QList<DecisionConflict> SchoolSession::conflicts() const
{
    QList<DecisionConflict> out;
    if (!m_cache || !m_user || !m_user->schoolId)
        return out;
    // Only the items that wait for the user, and only their people (not the whole queue or school).
    QList<OutboxItem> items;
    QList<qint64> ids;
    for (const auto state : {OutboxItem::State::Conflict, OutboxItem::State::Refused}) {
        const auto some = m_cache->outboxOfKind(*m_user->schoolId, OutboxItem::Kind::Decision, state);
        if (!some)
            return out;
        for (const OutboxItem &item : some.value()) {
            items.append(item);
            ids.append(item.memberId);
        }
    }
    std::sort(items.begin(), items.end(), [](const OutboxItem &a, const OutboxItem &b) { return a.seq < b.seq; });
    const auto members = m_cache->members(*m_user->schoolId, ids);
    if (!members)
        return out;
    QHash<qint64, const CachedMember *> byId;
    for (const CachedMember &c : std::as_const(members.value()))
        byId.insert(c.member.id, &c);
    for (const OutboxItem &item : std::as_const(items)) {
        DecisionConflict c;
        c.refused = item.state == OutboxItem::State::Refused;
        c.key = item.key;
        c.memberId = item.memberId;
        c.verdict = item.verdict;
        c.reason = item.reason;
        c.decidedAt = item.createdAt;
        c.code = item.problemCode;
        c.outcome = !c.refused                         ? DecisionOutcome::Conflict
            : c.code == QLatin1String(errc::Forbidden) ? DecisionOutcome::Forbidden
                                                       : DecisionOutcome::Invalid;
        c.other = item.problemOther;
        if (const CachedMember *m = byId.value(item.memberId)) {
            c.fullName = m->member.fullName();
            c.role = m->member.role;
            c.serverStatus = m->serverStatus.value_or(m->member.status);
            c.serverVersion = m->member.version;
        }
        out.append(c);
    }
    return out;
}

void SchoolSession::resolveConflict(const QString &key, bool keepMine)
{
    resolveConflict(QStringList{key}, keepMine);
}

void SchoolSession::resolveConflict(const QStringList &keys, bool keepMine)
{
    if (!m_cache || keys.isEmpty())
        return;
    QHash<QString, DecisionConflict> byKey;
    for (const DecisionConflict &c : conflicts())
        byKey.insert(c.key, c);
    bool requeued = false;
    std::optional<Error> failed;
    for (const QString &key : keys) {
        const auto c = byKey.constFind(key);
        if (c == byKey.cend())
            continue; // resolved meanwhile
        const bool mine = keepMine && !c->refused; // a refused decision can only be dropped
        const Status s = mine ? m_cache->requeueItem(key, c->serverVersion) : m_cache->discardItem(key);
        if (!s) {
            failed = s.error();
            break;
        }
        requeued = requeued || mine;
    }
    loadFromCache();
    emit outboxChanged();
    if (failed)
        emit operationFailed(*failed);
    if (requeued) {
        m_syncForDecisions = true;
        m_sync->syncNow();
    }
}

// ---- Offline sign-in ------------------------------------------------------------------------------------------

void SchoolSession::startOffline(const proto::UserInfo &user)
{
    forgetAccount();
    m_api->setToken(QString());
    m_user = user;
    setOnline(false);
    qCInfo(lcSession) << "working offline as account" << m_user->id;
}

void SchoolSession::takeOnline(const proto::UserInfo &user)
{
    if (!m_user || m_user->id != user.id)
        return;
    m_user = user;
    qCInfo(lcSession) << "back online as account" << m_user->id;
}

} // namespace sg::client
