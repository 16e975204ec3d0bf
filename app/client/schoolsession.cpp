#include "client/schoolsession.h"

#include "client/membertablemodel.h"
#include "core/errorcodes.h"

#include <QLoggingCategory>
#include <QUuid>

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

void SchoolSession::forgetAccount()
{
    setLastBatch({});
    m_user.reset();
    m_school.reset();
    m_pendingReportKey.clear();
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

void SchoolSession::sendReport()
{
    if (!m_user || !m_user->schoolId)
        return;
    if (m_pendingReportKey.isEmpty())
        m_pendingReportKey = newKey();
    beginBusy();
    m_api->sendReport(*m_user->schoolId, m_pendingReportKey, [this](Result<proto::Report> r) {
        endBusy();
        if (!r) {
            // A definite refusal ends this attempt; a lost answer keeps the key so a retry cannot double the report.
            if (r.error().httpStatus >= 400 && r.error().httpStatus < 500)
                m_pendingReportKey.clear();
            return emit operationFailed(r.error());
        }
        m_pendingReportKey.clear();
        setLastBatch({}); // reported decisions stay
        setUnreported(0);
        emit reportSent(r.value());
    });
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

} // namespace sg::client
