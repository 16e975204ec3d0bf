#include "client/schoolsession.h"

#include "client/localcache.h"
#include "client/membertablemodel.h"
#include "client/syncengine.h"
#include "core/errorcodes.h"

#include <QHash>
#include <QLoggingCategory>
#include <QSet>
#include <QUuid>

#include <algorithm>

Q_LOGGING_CATEGORY(lcSession, "sg.client.session")

namespace sg::client {

namespace {
QString newKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}
} // namespace

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
    m_pendingReportKey.clear();
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
    if (m_cache) {
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
                if (r.error().code == QLatin1String(errc::NetworkError)
                    || r.error().code == QLatin1String(errc::Timeout)) {
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
        return;
    }
    beginBusy();
    m_api->school(schoolId, [this](Result<proto::School> r) {
        endBusy();
        if (!r)
            return emit operationFailed(r.error());
        m_school = r.value();
        setUnreported(m_school->unreportedDecisions);
    });
    const bool isSchool = m_user->role == Role::School;
    if (!isSchool)
        m_teachers->setMembers({}); // only the school sees teachers; never keep another account's rows
    if (isSchool) {
        beginBusy();
        m_api->members(schoolId, Role::Teacher, [this](Result<QList<proto::Member>> r) {
            endBusy();
            if (!r)
                return emit operationFailed(r.error());
            m_teachers->setMembers(std::move(r).value());
            emit membersLoaded();
        });
    }
    beginBusy();
    m_api->members(schoolId, Role::Student, [this](Result<QList<proto::Member>> r) {
        endBusy();
        if (!r)
            return emit operationFailed(r.error());
        m_students->setMembers(std::move(r).value());
        emit membersLoaded();
    });
}

MemberTableModel *SchoolSession::modelOf(qint64 memberId) const
{
    return m_teachers->rowOf(memberId) >= 0 ? m_teachers : m_students;
}

void SchoolSession::decide(const QList<qint64> &memberIds, Verdict verdict, const QString &reason)
{
    if (m_cache && m_user && m_user->schoolId) {
        QList<proto::DecisionItem> items;
        for (qint64 id : memberIds) {
            if (const proto::Member *m = modelOf(id)->memberById(id))
                items.append(proto::DecisionItem{QString(), id, verdict, reason, m->version});
        }
        if (!items.isEmpty())
            decideOffline(items);
        return;
    }
    if (!m_user || !m_user->schoolId || memberIds.isEmpty())
        return;
    QList<proto::DecisionItem> items;
    items.reserve(memberIds.size());
    QList<qint64> teacherIds;
    QList<qint64> studentIds;
    for (qint64 id : memberIds) {
        MemberTableModel *model = modelOf(id);
        const proto::Member *m = model->memberById(id);
        if (!m)
            continue;
        items.append(proto::DecisionItem{newKey(), id, verdict, reason, m->version});
        (model == m_teachers ? teacherIds : studentIds).append(id);
    }
    if (items.isEmpty())
        return; // none of these rows is shown (any more): there is nothing to send
    m_teachers->setPendingSync(teacherIds, true);
    m_students->setPendingSync(studentIds, true);
    beginBusy();
    m_api->submitDecisions(*m_user->schoolId, items, [this, teacherIds, studentIds](Result<DecisionBatchAnswer> r) {
        endBusy();
        if (!r) {
            m_teachers->setPendingSync(teacherIds, false);
            m_students->setPendingSync(studentIds, false);
            return emit operationFailed(r.error());
        }
        int applied = 0, conflicts = 0, refused = 0;
        for (const auto &res : r->results) {
            switch (res.outcome) {
            case DecisionOutcome::Applied:
            case DecisionOutcome::Duplicate: ++applied; break;
            case DecisionOutcome::Conflict: ++conflicts; break;
            case DecisionOutcome::Forbidden:
            case DecisionOutcome::Invalid: ++refused; break;
            }
        }
        m_teachers->applyResults(r->results);
        m_students->applyResults(r->results);
        setUnreported(r->unreportedDecisions);
        QList<QPair<qint64, qint64>> batch;
        for (const auto &res : r->results) {
            if (res.outcome == DecisionOutcome::Applied || res.outcome == DecisionOutcome::Duplicate)
                batch.append({res.memberId, res.version});
        }
        setLastBatch(std::move(batch));
        emit decisionsFinished(applied, conflicts, refused);
    });
}

void SchoolSession::sendReport(const proto::Report &preview)
{
    if (!m_user || !m_user->schoolId)
        return;
    const proto::ReportSnapshot snapshot = proto::ReportSnapshot::of(preview);
    if (m_cache) {
        // Into the outbox with its key (one key until the server confirms it), after the decisions it covers.
        if (auto item = m_cache->queueReport(*m_user->schoolId, snapshot); !item)
            return emit operationFailed(item.error());
        setUnreported(localUnreported());
        emit outboxChanged();
        m_sync->syncNow();
        return;
    }
    if (m_pendingReportKey.isEmpty())
        m_pendingReportKey = newKey();
    beginBusy();
    m_api->sendReport(*m_user->schoolId, proto::ReportRequest{m_pendingReportKey, snapshot},
        [this, snapshot](Result<proto::Report> r) {
            endBusy();
            if (!r) {
                // A definite refusal ends this attempt; a lost answer keeps the key so a retry cannot double it.
                if (r.error().httpStatus >= 400 && r.error().httpStatus < 500)
                    m_pendingReportKey.clear();
                if (r.error().code == QLatin1String(errc::ReportChanged))
                    return showChangedReport(snapshot, r.error().message);
                return emit operationFailed(r.error());
            }
            m_pendingReportKey.clear();
            setLastBatch({}); // reported decisions stay
            setUnreported(0);
            emit reportSent(r.value());
        });
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
    const auto pending = m_cache->outbox(*m_user->schoolId, OutboxItem::State::Pending);
    if (!pending)
        return std::nullopt;
    for (const OutboxItem &item : pending.value()) {
        if (item.kind != OutboxItem::Kind::Report)
            continue;
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
    const auto pending = m_cache->outbox(*m_user->schoolId, OutboxItem::State::Pending);
    if (!pending)
        return m_serverUnreported;
    QSet<qint64> waiting; // people with a decision waiting here
    QSet<qint64> inReport; // people in the queued report
    for (const OutboxItem &item : pending.value()) {
        if (item.kind == OutboxItem::Kind::Decision) {
            waiting.insert(item.memberId);
        } else if (item.kind == OutboxItem::Kind::Report) {
            if (const auto snapshot = item.reportSnapshot()) {
                for (const proto::ReportSnapshotLine &line : snapshot->lines)
                    inReport.insert(line.memberId);
            }
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
    if (!m_user || !m_user->schoolId || m_lastBatch.isEmpty())
        return;
    if (m_cache) {
        // Decisions still waiting on this computer are dropped; those the server has are taken back by a revert.
        int undone = 0, notUndone = 0;
        for (const QString &key : std::as_const(m_lastQueuedKeys)) {
            auto item = m_cache->item(key);
            if (item && item.value() && item.value()->state == OutboxItem::State::Pending && m_cache->discardItem(key))
                ++undone;
        }
        m_lastQueuedKeys.clear();
        QList<proto::DecisionItem> reverts;
        for (const auto &[memberId, version] : std::as_const(m_lastBatch)) {
            if (version > 0)
                reverts.append(proto::DecisionItem{QString(), memberId, Verdict::Revert, QString(), version});
        }
        if (!reverts.isEmpty()) {
            if (auto queued = m_cache->queueDecisions(*m_user->schoolId, reverts); queued)
                undone += int(reverts.size());
            else
                notUndone += int(reverts.size());
        }
        setLastBatch({});
        loadFromCache();
        emit outboxChanged();
        emit batchUndone(undone, notUndone);
        if (!reverts.isEmpty())
            m_sync->syncNow();
        return;
    }
    QList<proto::DecisionItem> items;
    items.reserve(m_lastBatch.size());
    for (const auto &[memberId, version] : std::as_const(m_lastBatch))
        items.append(proto::DecisionItem{newKey(), memberId, Verdict::Revert, QString(), version});
    beginBusy();
    m_api->submitDecisions(*m_user->schoolId, items, [this](Result<DecisionBatchAnswer> r) {
        endBusy();
        if (!r)
            return emit operationFailed(r.error());
        int reverted = 0;
        for (const auto &res : r->results)
            reverted += (res.outcome == DecisionOutcome::Applied || res.outcome == DecisionOutcome::Duplicate) ? 1 : 0;
        m_teachers->applyResults(r->results);
        m_students->applyResults(r->results);
        setUnreported(r->unreportedDecisions);
        setLastBatch({});
        emit batchUndone(reverted, int(r->results.size()) - reverted);
    });
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
    delete m_sync;
    m_sync = nullptr;
    m_cache = cache;
    m_lastQueuedKeys.clear();
    if (!cache || !m_user || !m_user->schoolId)
        return;
    m_sync = new SyncEngine(m_api, cache, *m_user->schoolId, this);
    connect(m_sync, &SyncEngine::syncStarted, this, &SchoolSession::beginBusy);
    connect(m_sync, &SyncEngine::onlineChanged, this, &SchoolSession::setOnline);
    connect(m_sync, &SyncEngine::schoolPulled, this, [this](const proto::School &school) { m_school = school; });
    connect(m_sync, &SyncEngine::unreportedChanged, this, [this](int count) {
        if (m_cache && m_user && m_user->schoolId)
            m_serverUnreported = std::max(0, count - m_cache->pendingCount(*m_user->schoolId));
        setUnreported(localUnreported());
    });
    connect(m_sync, &SyncEngine::decisionsAnswered, this, [this](const QList<proto::DecisionResult> &results) {
        // The last batch becomes undoable on the server's versions as its answers come in.
        QList<QPair<qint64, qint64>> batch = m_lastBatch;
        for (const proto::DecisionResult &r : results) {
            if (!m_lastQueuedKeys.removeOne(r.key))
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
        endBusy();
        if (!m_cache)
            return;
        loadFromCache();
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
            const auto reports = m_cache->outbox(*m_user->schoolId, OutboxItem::State::Pending);
            if (reports && std::any_of(reports->begin(), reports->end(), [](const OutboxItem &i) {
                    return i.kind == OutboxItem::Kind::Report;
                }))
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
    const auto pending = m_cache->outbox(*m_user->schoolId, OutboxItem::State::Pending);
    return pending ? int(pending->size()) : 0;
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

void SchoolSession::decideOffline(const QList<proto::DecisionItem> &items)
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
        m_lastQueuedKeys.append(o.key);
        batch.append(qMakePair(o.memberId, qint64(0))); // the version comes with the server's answer
    }
    setLastBatch(std::move(batch));
    loadFromCache();
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
    int n = 0;
    for (const auto state : {OutboxItem::State::Conflict, OutboxItem::State::Refused}) {
        if (const auto items = m_cache->outbox(*m_user->schoolId, state))
            n += int(items->size());
    }
    return n;
}

QList<DecisionConflict> SchoolSession::conflicts() const
{
    QList<DecisionConflict> out;
    if (!m_cache || !m_user || !m_user->schoolId)
        return out;
    const auto all = m_cache->outbox(*m_user->schoolId, std::nullopt);
    const auto members = m_cache->members(*m_user->schoolId);
    if (!all || !members)
        return out;
    QList<OutboxItem> items;
    for (const OutboxItem &item : std::as_const(all.value())) {
        if (item.kind == OutboxItem::Kind::Decision && item.state != OutboxItem::State::Pending)
            items.append(item);
    }
    QHash<qint64, const CachedMember *> byId;
    for (const CachedMember &c : std::as_const(members.value()))
        byId.insert(c.member.id, &c);
    for (const OutboxItem &item : std::as_const(items)) {
        DecisionConflict c;
        c.refused = item.state == OutboxItem::State::Refused;
        c.key = item.key;
        c.memberId = item.memberId;
        c.verdict = item.verdict;
        c.message = item.problemMessage;
        if (const CachedMember *m = byId.value(item.memberId)) {
            c.fullName = m->member.fullName();
            c.serverStatus = m->serverStatus.value_or(m->member.status);
            c.serverVersion = m->member.version;
        }
        out.append(c);
    }
    return out;
}

void SchoolSession::resolveConflict(const QString &key, bool keepMine)
{
    if (!m_cache)
        return;
    qint64 version = 0;
    for (const DecisionConflict &c : conflicts()) {
        if (c.key == key) {
            version = c.serverVersion;
            keepMine = keepMine && !c.refused; // a refused decision can only be dropped
        }
    }
    const Status s = keepMine ? m_cache->requeueItem(key, version) : m_cache->discardItem(key);
    if (!s)
        return emit operationFailed(s.error());
    loadFromCache();
    emit outboxChanged();
    if (keepMine) {
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
