#include "client/operatorsession.h"

#include "core/errorcodes.h"

#include <QCollator>
#include <QLocale>
#include <QLoggingCategory>

#include <algorithm>
#include <numeric>

Q_LOGGING_CATEGORY(lcOperator, "sg.client.operator")

namespace sg::client {

namespace {

QList<int> ranks(const QList<QCollatorSortKey> &keys)
{
    QList<int> order(keys.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return keys.at(a).compare(keys.at(b)) < 0; });
    QList<int> rank(keys.size(), 0);
    for (int r = 0; r < int(order.size()); ++r)
        rank[order.at(r)] = r;
    return rank;
}

} // namespace

// ---- DirectorRequestModel ----

DirectorRequestModel::DirectorRequestModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_today(QDate::currentDate())
{}

int DirectorRequestModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_requests.size());
}

int DirectorRequestModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DirectorRequestModel::kindText(proto::DirectorSubmission::Kind kind)
{
    return kind == proto::DirectorSubmission::Kind::Change ? tr("Change of director") : tr("Initial confirmation");
}

QString DirectorRequestModel::statusText(const QString &status)
{
    if (status == QLatin1String("submitted"))
        return tr("Awaiting decision");
    if (status == QLatin1String("confirmed"))
        return tr("Confirmed");
    if (status == QLatin1String("rejected"))
        return tr("Rejected");
    return status;
}

QString DirectorRequestModel::fullName(const proto::DirectorSubmission &s)
{
    QStringList parts{s.surname, s.name, s.patronymic};
    parts.removeAll(QString());
    return parts.join(QLatin1Char(' '));
}

bool DirectorRequestModel::isOverdue(const proto::DirectorRequest &r) const
{
    return r.status == QLatin1String("submitted") && r.expectedBy.isValid() && r.expectedBy < m_today;
}

QVariant DirectorRequestModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const proto::DirectorRequest &r = m_requests.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SchoolColumn: return r.schoolName;
        case InnColumn: return r.schoolInn;
        case KindColumn: return kindText(r.submission.kind);
        case DirectorColumn: return fullName(r.submission);
        case PositionColumn: return r.submission.position;
        case SubmittedColumn: return QLocale().toString(r.submittedAt.toLocalTime().date(), QLocale::ShortFormat);
        case ExpectedColumn: return QLocale().toString(r.expectedBy, QLocale::ShortFormat);
        case StatusColumn: return statusText(r.status);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == SchoolColumn)
            return r.schoolName;
        if (index.column() == SubmittedColumn)
            return QLocale().toString(r.submittedAt.toLocalTime(), QLocale::LongFormat);
        if (index.column() == ExpectedColumn && isOverdue(r))
            return tr("Overdue: the school was promised an answer by this date.");
        if (index.column() == StatusColumn && !r.reason.isEmpty())
            return tr("Reason: %1").arg(r.reason);
        break;
    case IdRole: return r.id;
    case VersionRole: return r.version;
    case StatusRole: return r.status;
    case KindRole: return int(r.submission.kind);
    case OverdueRole: return isOverdue(r);
    case SortKeyRole:
        switch (index.column()) {
        case SchoolColumn: return m_schoolRank.at(index.row());
        case InnColumn: return r.schoolInn;
        case KindColumn: return int(r.submission.kind);
        case DirectorColumn: return m_personRank.at(index.row());
        case PositionColumn: return r.submission.position;
        case SubmittedColumn: return r.submittedAt.toMSecsSinceEpoch();
        case ExpectedColumn: return r.expectedBy.toJulianDay();
        case StatusColumn: return r.status;
        }
        break;
    default: break;
    }
    return {};
}

QVariant DirectorRequestModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == ExpectedColumn)
        return tr("The school is promised an answer within 2 business days");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SchoolColumn: return tr("Organisation");
    case InnColumn: return tr("INN");
    case KindColumn: return tr("Request");
    case DirectorColumn: return tr("Director");
    case PositionColumn: return tr("Position");
    case SubmittedColumn: return tr("Submitted");
    case ExpectedColumn: return tr("Answer by");
    case StatusColumn: return tr("Status");
    }
    return {};
}

void DirectorRequestModel::setRequests(QList<proto::DirectorRequest> requests)
{
    beginResetModel();
    m_requests = std::move(requests);
    rebuildIndex();
    computeSortKeys();
    endResetModel();
}

void DirectorRequestModel::rebuildIndex()
{
    m_rowById.clear();
    m_rowById.reserve(m_requests.size());
    for (int i = 0; i < int(m_requests.size()); ++i)
        m_rowById.insert(m_requests.at(i).id, i);
}

void DirectorRequestModel::computeSortKeys()
{
    QCollator collator{QLocale(QLocale::Russian, QLocale::Russia)};
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    QList<QCollatorSortKey> schools;
    QList<QCollatorSortKey> people;
    schools.reserve(m_requests.size());
    people.reserve(m_requests.size());
    for (const auto &r : std::as_const(m_requests)) {
        schools.append(collator.sortKey(r.schoolName));
        people.append(collator.sortKey(fullName(r.submission)));
    }
    m_schoolRank = ranks(schools);
    m_personRank = ranks(people);
}

const proto::DirectorRequest *DirectorRequestModel::requestById(qint64 id) const
{
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_requests.at(row);
}

void DirectorRequestModel::updateRequest(const proto::DirectorRequest &request)
{
    const int row = rowOf(request.id);
    if (row < 0)
        return;
    m_requests[row] = request;
    // Names do not change with a decision, so the ranks stay valid.
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1),
        {Qt::DisplayRole, Qt::ToolTipRole, VersionRole, StatusRole, OverdueRole, SortKeyRole});
}

void DirectorRequestModel::removeRequest(qint64 id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_requests.removeAt(row);
    m_schoolRank.removeAt(row);
    m_personRank.removeAt(row);
    rebuildIndex();
    endRemoveRows();
}

void DirectorRequestModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_requests.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole, Qt::ToolTipRole});
}

void DirectorRequestModel::setToday(const QDate &today)
{
    m_today = today;
    if (!m_requests.isEmpty())
        emit dataChanged(
            index(0, ExpectedColumn), index(rowCount() - 1, ExpectedColumn), {Qt::ToolTipRole, OverdueRole});
}

// ---- OperatorSession ----

OperatorSession::OperatorSession(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_model(new DirectorRequestModel(this))
{
    connect(m_api, &ApiClient::sessionExpired, this, &OperatorSession::clear);
}

void OperatorSession::clear()
{
    ++m_generation; // a queue still on its way is not shown any more
    m_model->setRequests({});
    emit queueChanged();
}

void OperatorSession::beginBusy()
{
    if (m_busy++ == 0)
        emit busyChanged(true);
}

void OperatorSession::endBusy()
{
    if (--m_busy == 0)
        emit busyChanged(false);
}

void OperatorSession::refresh(const QString &status)
{
    m_status = status;
    const quint64 generation = ++m_generation;
    beginBusy();
    m_api->directorRequests(status, [this, generation](Result<QList<proto::DirectorRequest>> r) {
        endBusy();
        if (generation != m_generation)
            return; // a newer refresh (another filter) is under way; its answer wins
        if (!r)
            return emit failed(r.error());
        m_model->setRequests(std::move(r).value());
        qCDebug(lcOperator) << "queue" << m_status << "has" << m_model->rowCount() << "requests";
        emit queueChanged();
    });
}

void OperatorSession::loadOrder(qint64 requestId)
{
    beginBusy();
    m_api->orderFile(requestId, [this, requestId](Result<proto::OrderFile> r) {
        endBusy();
        if (!r)
            return emit orderFailed(requestId, r.error());
        proto::OrderFile file = std::move(r).value();
        if (file.fileName.isEmpty()) {
            if (const auto *request = m_model->requestById(requestId))
                file.fileName = request->orderFileName;
        }
        emit orderLoaded(requestId, file);
    });
}

void OperatorSession::decide(qint64 requestId, bool approve, const QString &reason)
{
    const proto::DirectorRequest *request = m_model->requestById(requestId);
    if (!request || m_deciding.contains(requestId))
        return; // gone, or already on its way (a double click must not decide twice)
    if (!approve && reason.trimmed().isEmpty())
        return emit failed(Error{QString::fromLatin1(errc::ValidationFailed), tr("A rejection needs a reason.")});
    m_deciding.insert(requestId);
    beginBusy();
    m_api->decideDirector(requestId, approve, approve ? QString() : reason.trimmed(), request->version,
        [this, requestId](Result<proto::DirectorRequest> r) {
            m_deciding.remove(requestId);
            endBusy();
            if (!r) {
                // Someone decided first (or the request is gone): load what is true now. The reload starts before
                // failed() is emitted, so the list is current by the time the user has read a message about it.
                if (r.error().code == QLatin1String(errc::Conflict) || r.error().code == QLatin1String(errc::NotFound))
                    reload();
                return emit failed(r.error());
            }
            const proto::DirectorRequest &now = r.value();
            qCInfo(lcOperator) << "director request" << now.id << "is now" << now.status;
            if (m_status.isEmpty() || now.status == m_status)
                m_model->updateRequest(now);
            else
                m_model->removeRequest(now.id); // it left the queue of this status
            emit decided(now);
            emit queueChanged();
        });
}

} // namespace sg::client
