#include "client/membertablemodel.h"

#include <QCollator>
#include <QLocale>

#include <algorithm>
#include <functional>
#include <numeric>

namespace sg::client {

MemberTableModel::MemberTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int MemberTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_members.size());
}

int MemberTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString MemberTableModel::statusText(MemberStatus status)
{
    switch (status) {
    case MemberStatus::Pending: return tr("Pending");
    case MemberStatus::Approved: return tr("Approved");
    case MemberStatus::Rejected: return tr("Rejected");
    case MemberStatus::Graduate: return tr("Graduate");
    case MemberStatus::NotCurrent: return tr("No longer current");
    }
    return {};
}

QString MemberTableModel::esiaLevelText(const QString &level)
{
    if (level == QLatin1String("simplified"))
        return tr("Simplified");
    if (level == QLatin1String("standard"))
        return tr("Standard");
    if (level == QLatin1String("confirmed"))
        return tr("Confirmed");
    return QStringLiteral("—");
}

QString MemberTableModel::maskEmail(const QString &email)
{
    const qsizetype at = email.indexOf(QLatin1Char('@'));
    if (at <= 0)
        return email.isEmpty() ? QString() : QStringLiteral("•••");
    const qsizetype keep = std::min<qsizetype>(2, at);
    return email.left(keep) + QString(int(std::max<qsizetype>(3, at - keep)), QChar(0x2022)) + email.mid(at);
}

QVariant MemberTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const proto::Member &m = m_members.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case FullNameColumn: return m.fullName();
        case DetailColumn: return m.role == Role::Student ? m.className : m.subject;
        case EmailColumn: return maskEmail(m.email);
        case RegisteredColumn: return QLocale().toString(m.registeredAt.toLocalTime().date(), QLocale::ShortFormat);
        case StatusColumn:
            if (m_conflict.at(index.row()))
                return tr("%1 — changed by someone else").arg(statusText(m.status));
            return m_pendingSync.at(index.row()) ? tr("%1 (not synced)").arg(statusText(m.status))
                                                 : statusText(m.status);
        case EsiaLevelColumn: return esiaLevelText(m.esiaLevel);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == StatusColumn && !m.reason.isEmpty())
            return tr("Reason: %1").arg(m.reason);
        if (index.column() == EmailColumn)
            return tr("The address is partly hidden to protect personal data.");
        break;
    case IdRole: return m.id;
    case StatusRole: return int(m.status);
    case VersionRole: return m.version;
    case ClassRole: return m.className;
    case PendingSyncRole: return m_pendingSync.at(index.row());
    case ConflictRole: return m_conflict.at(index.row());
    case SortKeyRole:
        switch (index.column()) {
        case FullNameColumn: return m_nameRank.at(index.row());
        case DetailColumn: {
            if (m.role == Role::Student) {
                // "5А" < "10Б": by grade number, then letter.
                const int grade = m.className.left(m.className.size() - 1).toInt();
                return grade * 100 + (m.className.isEmpty() ? 0 : m.className.back().unicode() % 100);
            }
            return m.subject;
        }
        case EmailColumn: return m.email;
        case RegisteredColumn: return m.registeredAt.toMSecsSinceEpoch();
        case StatusColumn: return int(m.status);
        case EsiaLevelColumn: return m.esiaLevel;
        }
        break;
    default: break;
    }
    return {};
}

QVariant MemberTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == EsiaLevelColumn)
        return tr("Level of the person's account on Gosuslugi (ESIA): simplified, standard or confirmed");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case FullNameColumn: return tr("Full name");
    case DetailColumn: return tr("Subject / class");
    case EmailColumn: return tr("E-mail");
    case RegisteredColumn: return tr("Registered");
    case StatusColumn: return tr("Status");
    case EsiaLevelColumn: return tr("Gosuslugi account");
    }
    return {};
}

void MemberTableModel::setMembers(QList<proto::Member> members)
{
    beginResetModel();
    m_members = std::move(members);
    m_pendingSync = QList<bool>(m_members.size(), false);
    m_conflict = QList<bool>(m_members.size(), false);
    m_rowById.clear();
    m_rowById.reserve(m_members.size());
    for (int i = 0; i < int(m_members.size()); ++i)
        m_rowById.insert(m_members.at(i).id, i);
    computeSortKeys();
    endResetModel();
}

void MemberTableModel::computeSortKeys()
{
    QCollator collator{QLocale(QLocale::Russian, QLocale::Russia)};
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    QList<QCollatorSortKey> keys;
    keys.reserve(m_members.size());
    for (const auto &m : m_members)
        keys.append(collator.sortKey(m.fullName()));
    QList<int> order(m_members.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return keys.at(a).compare(keys.at(b)) < 0; });
    m_nameRank = QList<int>(m_members.size(), 0);
    for (int rank = 0; rank < int(order.size()); ++rank)
        m_nameRank[order.at(rank)] = rank;
}

const proto::Member *MemberTableModel::memberById(qint64 id) const
{
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_members.at(row);
}

void MemberTableModel::emitRowsChanged(QList<int> rows)
{
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    const QList<int> roles{
        Qt::DisplayRole, Qt::ToolTipRole, StatusRole, VersionRole, SortKeyRole, PendingSyncRole, ConflictRole};
    int start = rows.front();
    int prev = start;
    for (qsizetype i = 1; i <= rows.size(); ++i) {
        if (i < rows.size() && rows.at(i) == prev + 1) {
            prev = rows.at(i);
            continue;
        }
        emit dataChanged(index(start, 0), index(prev, ColumnCount - 1), roles);
        if (i < rows.size())
            start = prev = rows.at(i);
    }
}

void MemberTableModel::setPendingSync(const QList<qint64> &ids, bool pending)
{
    QList<int> rows;
    rows.reserve(ids.size());
    for (qint64 id : ids) {
        const int row = rowOf(id);
        if (row >= 0 && m_pendingSync.at(row) != pending) {
            m_pendingSync[row] = pending;
            rows.append(row);
        }
    }
    emitRowsChanged(std::move(rows));
}

void MemberTableModel::syncMembers(
    QList<proto::Member> members, const QSet<qint64> &pending, const QSet<qint64> &conflict)
{
    if (m_members.isEmpty()) {
        // The first load: nothing is shown yet, so nothing can lose its selection or scroll position.
        setMembers(std::move(members));
        for (int row = 0; row < m_members.size(); ++row) {
            m_pendingSync[row] = pending.contains(m_members.at(row).id);
            m_conflict[row] = conflict.contains(m_members.at(row).id);
        }
        if (!m_members.isEmpty() && (!pending.isEmpty() || !conflict.isEmpty()))
            emit dataChanged(index(0, 0), index(int(m_members.size()) - 1, ColumnCount - 1),
                {Qt::DisplayRole, PendingSyncRole, ConflictRole});
        return;
    }
    QSet<qint64> incoming;
    incoming.reserve(members.size());
    for (const proto::Member &m : std::as_const(members))
        incoming.insert(m.id);
    QList<qint64> gone;
    for (const proto::Member &m : std::as_const(m_members)) {
        if (!incoming.contains(m.id))
            gone.append(m.id);
    }
    updateMembers(std::move(members), pending, conflict, gone);
}

void MemberTableModel::updateMembers(QList<proto::Member> changed, const QSet<qint64> &pending,
    const QSet<qint64> &conflict, const QList<qint64> &removed)
{
    // Removed rows go first, one signal per run of adjacent rows, from the bottom up so the rows above keep
    // their numbers while the runs are taken out.
    QList<int> gone;
    for (qint64 id : removed) {
        if (const int row = rowOf(id); row >= 0)
            gone.append(row);
    }
    if (!gone.isEmpty()) {
        std::sort(gone.begin(), gone.end(), std::greater<int>());
        gone.erase(std::unique(gone.begin(), gone.end()), gone.end());
        qsizetype i = 0;
        while (i < gone.size()) {
            const int last = gone.at(i);
            int first = last;
            while (i + 1 < gone.size() && gone.at(i + 1) == first - 1)
                first = gone.at(++i);
            ++i;
            beginRemoveRows(QModelIndex(), first, last);
            for (int row = first; row <= last; ++row)
                m_rowById.remove(m_members.at(row).id);
            const qsizetype n = last - first + 1;
            m_members.remove(first, n);
            m_nameRank.remove(first, n);
            m_pendingSync.remove(first, n);
            m_conflict.remove(first, n);
            for (qsizetype row = first; row < m_members.size(); ++row)
                m_rowById[m_members.at(row).id] = int(row);
            endRemoveRows();
        }
    }

    // Rows shown already change in place; new people are added at the end.
    QList<int> rows;
    QList<proto::Member> added;
    bool renamed = false;
    for (proto::Member &in : changed) {
        const int row = rowOf(in.id);
        if (row < 0) {
            added.append(std::move(in));
            continue;
        }
        proto::Member &m = m_members[row];
        const bool isPending = pending.contains(in.id);
        const bool isConflict = conflict.contains(in.id);
        const bool nameChanged = m.surname != in.surname || m.name != in.name || m.patronymic != in.patronymic;
        if (nameChanged || m.status != in.status || m.version != in.version || m.reason != in.reason
            || m.className != in.className || m.subject != in.subject || m.email != in.email
            || m.esiaLevel != in.esiaLevel || m.registeredAt != in.registeredAt || m_pendingSync.at(row) != isPending
            || m_conflict.at(row) != isConflict) {
            renamed = renamed || nameChanged;
            m = std::move(in);
            m_pendingSync[row] = isPending;
            m_conflict[row] = isConflict;
            rows.append(row);
        }
    }
    const int before = int(m_members.size());
    if (!added.isEmpty()) {
        beginInsertRows(QModelIndex(), before, before + int(added.size()) - 1);
        for (proto::Member &m : added) {
            m_rowById.insert(m.id, int(m_members.size()));
            m_pendingSync.append(pending.contains(m.id));
            m_conflict.append(conflict.contains(m.id));
            m_members.append(std::move(m));
        }
        computeSortKeys(); // the new rows need their ranks before a view asks for them
        endInsertRows();
    } else if (renamed) {
        computeSortKeys();
    }
    if ((renamed || !added.isEmpty()) && before > 0) {
        // Names came or changed: the ranks of the rows before may have moved (a sorting view re-sorts).
        emit dataChanged(index(0, FullNameColumn), index(before - 1, FullNameColumn), {SortKeyRole});
    }
    emitRowsChanged(std::move(rows));
}

void MemberTableModel::applyResults(const QList<proto::DecisionResult> &results)
{
    QList<int> rows;
    rows.reserve(results.size());
    for (const auto &r : results) {
        const int row = rowOf(r.memberId);
        if (row < 0)
            continue;
        proto::Member &m = m_members[row];
        if (r.status)
            m.status = *r.status;
        if (r.version > 0)
            m.version = r.version;
        m_pendingSync[row] = false;
        rows.append(row);
    }
    emitRowsChanged(std::move(rows));
}

} // namespace sg::client
