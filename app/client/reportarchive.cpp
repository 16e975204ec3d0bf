#include "client/reportarchive.h"

#include "client/apiclient.h"
#include "client/localcache.h"
#include "core/errorcodes.h"

#include <QCollator>
#include <QHash>
#include <QJsonArray>
#include <QLocale>
#include <QLoggingCategory>
#include <QPointer>

#include <algorithm>
#include <numeric>

Q_LOGGING_CATEGORY(lcReports, "sg.client.reports")

namespace sg::client {

// --- ReportArchive ----------------------------------------------------------------------------------------------

ReportArchive::ReportArchive(ApiClient *api, qint64 schoolId, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_schoolId(schoolId)
    , m_model(new ReportHistoryModel(this))
{}

void ReportArchive::beginBusy()
{
    if (m_busy++ == 0)
        emit busyChanged(true);
}

void ReportArchive::endBusy()
{
    if (--m_busy == 0)
        emit busyChanged(false);
}

void ReportArchive::refresh()
{
    const quint64 generation = ++m_refreshGeneration;
    beginBusy();
    // ApiClient outlives a call only as long as it lives itself; the archive may go first (sign-out).
    m_api->reports(m_schoolId, [self = QPointer<ReportArchive>(this), generation](Result<ReportList> r) {
        if (!self)
            return;
        self->endBusy();
        if (generation != self->m_refreshGeneration)
            return; // a later refresh() is on its way; its answer is the newer one
        if (!r) {
            qCWarning(lcReports) << "history not loaded:" << r.error().code;
            const bool unreachable =
                r.error().code == QLatin1String(errc::NetworkError) || r.error().code == QLatin1String(errc::Timeout);
            if (unreachable && self->loadFromCache())
                return; // the history as last seen, from this computer's copy
            return emit self->failed(r.error());
        }
        QList<proto::Report> items = r->items;
        if (LocalCache *cache = self->m_cacheProvider ? self->m_cacheProvider() : nullptr) {
            QJsonArray list;
            for (const proto::Report &report : std::as_const(items))
                list.append(report.toJson(false));
            cache->putDocument(QStringLiteral("reports/%1").arg(self->m_schoolId),
                QJsonObject{
                    {QStringLiteral("items"), list}, {QStringLiteral("unreportedDecisions"), r->unreportedDecisions}});
        }
        std::stable_sort(items.begin(), items.end(),
            [](const proto::Report &a, const proto::Report &b) { return a.number > b.number; });
        self->m_history = items;
        self->m_unreported = r->unreportedDecisions;
        self->m_model->setReports(std::move(items));
        emit self->historyChanged();
    });
}

bool ReportArchive::loadFromCache()
{
    LocalCache *cache = m_cacheProvider ? m_cacheProvider() : nullptr;
    if (!cache)
        return false;
    auto doc = cache->document(QStringLiteral("reports/%1").arg(m_schoolId));
    if (!doc || !doc.value())
        return false;
    QList<proto::Report> items;
    const QJsonArray list = doc.value()->value(QStringLiteral("items")).toArray();
    for (const QJsonValue &v : list) {
        auto report = proto::Report::fromJson(v.toObject());
        if (!report)
            return false; // a damaged copy is not shown
        items.append(report.value());
    }
    std::stable_sort(
        items.begin(), items.end(), [](const proto::Report &a, const proto::Report &b) { return a.number > b.number; });
    m_history = items;
    m_unreported = doc.value()->value(QStringLiteral("unreportedDecisions")).toInt();
    m_model->setReports(std::move(items));
    emit historyChanged();
    return true;
}

void ReportArchive::loadReport(qint64 reportId)
{
    beginBusy();
    m_api->report(m_schoolId, reportId, [self = QPointer<ReportArchive>(this)](Result<proto::Report> r) {
        if (!self)
            return;
        self->endBusy();
        if (!r)
            return emit self->failed(r.error());
        emit self->reportLoaded(r.value());
    });
}

void ReportArchive::loadPreview()
{
    beginBusy();
    m_api->reportPreview(m_schoolId, [self = QPointer<ReportArchive>(this)](Result<proto::Report> r) {
        if (!self)
            return;
        self->endBusy();
        if (!r)
            return emit self->failed(r.error());
        emit self->previewLoaded(r.value());
    });
}

// --- ReportHistoryModel -----------------------------------------------------------------------------------------

ReportHistoryModel::ReportHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int ReportHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_reports.size());
}

int ReportHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReportHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const proto::Report &r = m_reports.at(index.row());
    const auto number = [&]() -> QVariant {
        switch (index.column()) {
        case NumberColumn: return r.number;
        case TeachersApprovedColumn: return r.teachersApproved;
        case TeachersRejectedColumn: return r.teachersRejected;
        case StudentsApprovedColumn: return r.studentsApproved;
        case StudentsRejectedColumn: return r.studentsRejected;
        case TotalColumn: return r.total();
        default: return {};
        }
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case DateColumn: return QLocale().toString(r.createdAt.toLocalTime(), QLocale::ShortFormat);
        case SentByColumn: return r.createdBy;
        default: return number();
        }
    case Qt::EditRole:
        switch (index.column()) {
        case DateColumn: return r.createdAt;
        case SentByColumn: return r.createdBy;
        default: return number();
        }
    case Qt::TextAlignmentRole:
        if (index.column() == DateColumn || index.column() == SentByColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ToolTipRole:
        if (index.column() == DateColumn)
            return QLocale().toString(r.createdAt.toLocalTime(), QLocale::LongFormat);
        break;
    case IdRole: return r.id;
    case SortKeyRole:
        switch (index.column()) {
        case DateColumn: return r.createdAt.toMSecsSinceEpoch();
        case SentByColumn: return r.createdBy;
        default: return number();
        }
    default: break;
    }
    return {};
}

QVariant ReportHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return QAbstractTableModel::headerData(section, orientation, role);
    const bool tip = role == Qt::ToolTipRole;
    switch (section) {
    case NumberColumn: return tip ? tr("Report number") : tr("No.");
    case DateColumn: return tip ? tr("When the report was sent") : tr("Sent");
    case SentByColumn: return tip ? tr("Who sent the report") : tr("Sent by");
    case TeachersApprovedColumn: return tip ? tr("Teachers approved in this report") : tr("Teachers approved");
    case TeachersRejectedColumn: return tip ? tr("Teachers rejected in this report") : tr("Teachers rejected");
    case StudentsApprovedColumn: return tip ? tr("Students approved in this report") : tr("Students approved");
    case StudentsRejectedColumn: return tip ? tr("Students rejected in this report") : tr("Students rejected");
    case TotalColumn: return tip ? tr("All decisions in the report") : tr("Total");
    default: break;
    }
    return {};
}

void ReportHistoryModel::setReports(QList<proto::Report> reports)
{
    beginResetModel();
    m_reports = std::move(reports);
    endResetModel();
}

void ReportHistoryModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

int ReportHistoryModel::rowOf(qint64 reportId) const
{
    for (int row = 0; row < int(m_reports.size()); ++row) {
        if (m_reports.at(row).id == reportId)
            return row;
    }
    return -1;
}

// --- ReportLinesModel -------------------------------------------------------------------------------------------

ReportLinesModel::ReportLinesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

QString ReportLinesModel::roleText(Role role)
{
    switch (role) {
    case Role::Teacher:
    case Role::ClassTeacher: return tr("Teacher");
    case Role::Student: return tr("Student");
    case Role::Parent: return tr("Parent");
    case Role::School: return tr("School");
    case Role::Operator: return tr("Operator");
    }
    return {};
}

QString ReportLinesModel::verdictText(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Approve: return tr("Approved");
    case Verdict::Reject: return tr("Rejected");
    case Verdict::Revert: return tr("Taken back");
    }
    return {};
}

int ReportLinesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int ReportLinesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReportLinesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const proto::ReportLine &l = m_lines.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case FullNameColumn: return l.fullName;
        case RoleColumn: return roleText(l.role);
        case VerdictColumn: return verdictText(l.verdict);
        case ReasonColumn: return l.reason;
        case DecidedAtColumn:
            if (role == Qt::EditRole)
                return l.decidedAt;
            return QLocale().toString(l.decidedAt.toLocalTime(), QLocale::ShortFormat);
        default: break;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == ReasonColumn && !l.reason.isEmpty())
            return l.reason;
        break;
    case ChangeRole: return int(changeAt(index.row()));
    case MemberIdRole: return l.memberId;
    case SortKeyRole:
        switch (index.column()) {
        case FullNameColumn: return m_nameRank.at(index.row());
        case RoleColumn: return roleText(l.role);
        case VerdictColumn: return int(l.verdict);
        case ReasonColumn: return l.reason;
        case DecidedAtColumn: return l.decidedAt.toMSecsSinceEpoch();
        default: break;
        }
        break;
    default: break;
    }
    return {};
}

QVariant ReportLinesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case FullNameColumn: return tr("Full name");
    case RoleColumn: return tr("Role");
    case VerdictColumn: return tr("Decision");
    case ReasonColumn: return tr("Reason");
    case DecidedAtColumn: return tr("Decided at");
    default: break;
    }
    return {};
}

void ReportLinesModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_lines.isEmpty())
        emit dataChanged(index(0, RoleColumn), index(rowCount() - 1, VerdictColumn), {Qt::DisplayRole, Qt::EditRole});
}

ReportLinesModel::Change ReportLinesModel::changeAt(int row) const
{
    return row >= 0 && row < m_changes.size() ? m_changes.at(row) : Change::None;
}

QList<proto::ReportSnapshotLine> ReportLinesModel::markChanges(const proto::ReportSnapshot &shown)
{
    QHash<qint64, proto::ReportSnapshotLine> before;
    for (const proto::ReportSnapshotLine &line : shown.lines)
        before.insert(line.memberId, line);
    m_changes = QList<Change>(m_lines.size(), Change::None);
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        const proto::ReportLine &l = m_lines.at(i);
        const auto it = before.constFind(l.memberId);
        if (it == before.constEnd())
            m_changes[i] = Change::Added;
        else if (it->verdict != l.verdict || it->version != l.version)
            m_changes[i] = Change::Changed;
        before.remove(l.memberId);
    }
    QList<proto::ReportSnapshotLine> removed;
    for (const proto::ReportSnapshotLine &line : shown.lines) {
        if (before.contains(line.memberId))
            removed.append(line);
    }
    if (!m_lines.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {ChangeRole});
    return removed;
}

void ReportLinesModel::setLines(QList<proto::ReportLine> lines)
{
    beginResetModel();
    m_lines = std::move(lines);
    m_changes.clear();
    // Collation ranks computed once: sorting by name then compares integers (ё sorts with е).
    QCollator collator{QLocale(QLocale::Russian, QLocale::Russia)};
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    QList<QCollatorSortKey> keys;
    keys.reserve(m_lines.size());
    for (const auto &l : std::as_const(m_lines))
        keys.append(collator.sortKey(l.fullName));
    QList<int> order(m_lines.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return keys.at(a).compare(keys.at(b)) < 0; });
    m_nameRank = QList<int>(m_lines.size(), 0);
    for (int rank = 0; rank < int(order.size()); ++rank)
        m_nameRank[order.at(rank)] = rank;
    endResetModel();
}

} // namespace sg::client
