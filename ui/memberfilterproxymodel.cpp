#include "memberfilterproxymodel.h"

#include "client/membertablemodel.h"

#include <QApplication>
#include <QFont>
#include <QPalette>

namespace sg::ui {

using client::MemberTableModel;

MemberFilterProxyModel::MemberFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(MemberTableModel::SortKeyRole);
    setDynamicSortFilter(true);
}

void MemberFilterProxyModel::setSearchText(const QString &text)
{
    // ё and е are the same letter for searching.
    QString normalized = text.simplified().toLower();
    normalized.replace(QChar(0x0451), QChar(0x0435));
    if (normalized == m_search)
        return;
    m_search = normalized;
    invalidateFilter();
}

void MemberFilterProxyModel::setStatusFilter(std::optional<MemberStatus> status)
{
    if (status == m_status)
        return;
    m_status = status;
    invalidateFilter();
}

QVariant MemberFilterProxyModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::ForegroundRole && index.column() == MemberTableModel::StatusColumn) {
        const bool dark = QApplication::palette().color(QPalette::Base).lightness() < 128;
        switch (MemberStatus(QSortFilterProxyModel::data(index, MemberTableModel::StatusRole).toInt())) {
        case MemberStatus::Approved: return QColor(dark ? 0x7bd88f : 0x1b7a35);
        case MemberStatus::Rejected: return QColor(dark ? 0xff8a80 : 0xb3261e);
        case MemberStatus::Pending: return QColor(dark ? 0xffcc66 : 0x8a5a00);
        default: break;
        }
    }
    if (role == Qt::FontRole && QSortFilterProxyModel::data(index, MemberTableModel::PendingSyncRole).toBool()) {
        QFont f;
        f.setItalic(true);
        return f;
    }
    return QSortFilterProxyModel::data(index, role);
}

bool MemberFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *src = sourceModel();
    if (m_status) {
        const QModelIndex idx = src->index(sourceRow, 0, sourceParent);
        if (src->data(idx, MemberTableModel::StatusRole).toInt() != int(*m_status))
            return false;
    }
    if (m_search.isEmpty())
        return true;
    for (int column : {int(MemberTableModel::FullNameColumn), int(MemberTableModel::DetailColumn)}) {
        QString text = src->data(src->index(sourceRow, column, sourceParent), Qt::DisplayRole).toString().toLower();
        text.replace(QChar(0x0451), QChar(0x0435));
        if (text.contains(m_search))
            return true;
    }
    return false;
}

} // namespace sg::ui
