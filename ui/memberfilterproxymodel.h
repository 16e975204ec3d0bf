#pragma once

#include "core/domain.h"

#include <QHash>
#include <QSortFilterProxyModel>
#include <QStringList>

#include <optional>

namespace sg::client {
class MemberTableModel;
}

namespace sg::ui {

// Filters members by free text, status and class; sorts by the model's SortKeyRole, so Russian names compare as
// precomputed collation ranks.
//
// The search text is split into words; a row matches when every word occurs in the surname, the name, the
// patronymic or the subject/class (case-insensitive, ё = е). The words are folded once when the text is set;
// rows are compared character by character through string views, so filtering allocates nothing per row.
class MemberFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit MemberFilterProxyModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *sourceModel) override;

    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }
    void setStatusFilter(std::optional<MemberStatus> status);
    std::optional<MemberStatus> statusFilter() const { return m_status; }
    // Only the people of this class (ClassRole, e.g. "5А"); an empty name shows every class.
    void setClassFilter(const QString &className);
    QString classFilter() const { return m_class; }

    // Replaces the source's column title (the students' table calls the subject/class column "Class").
    void setColumnTitle(int column, const QString &title);

    // Colours the status column and shows rows waiting for the server in italics.
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    // By the column's sort key; people equal there (the same class, status, subject …) by name, so that a class
    // reads in alphabetical order whatever column it is sorted by.
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

public:
    // Lower case with ё folded to е, the form the search compares in.
    static QString foldForSearch(QStringView text);
    // True if `folded` (already folded) occurs in `text`, compared case-insensitively with ё = е. Allocates nothing.
    static bool containsFolded(QStringView text, QStringView folded);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool matchesWords(QStringView a, QStringView b, QStringView c, QStringView d) const;

    const client::MemberTableModel *m_members = nullptr; // the source, when it is a MemberTableModel (fast path)
    QString m_search; // folded and simplified
    QStringList m_words; // m_search split at spaces
    std::optional<MemberStatus> m_status;
    QString m_class;
    QHash<int, QString> m_titles;
};

// Orders class names the way a school counts them: by grade number, then letter ("2А" < "10А" < "10Б").
bool classNameLess(QStringView a, QStringView b);

} // namespace sg::ui
