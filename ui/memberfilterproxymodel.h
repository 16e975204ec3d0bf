#pragma once

#include "core/domain.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace sg::ui {

// Filters members by free text (name, subject/class, e-mail) and status; sorts by the model's SortKeyRole,
// so Russian names compare as precomputed collation ranks.
class MemberFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit MemberFilterProxyModel(QObject *parent = nullptr);

    void setSearchText(const QString &text);
    void setStatusFilter(std::optional<MemberStatus> status);
    // Colours the status column and shows rows waiting for the server in italics.
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_search;
    std::optional<MemberStatus> m_status;
};

} // namespace sg::ui
