#pragma once

#include "core/protocol.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>

namespace sg::client {

// Teachers or students of a school, one row per person. Sorting keys are computed once per load: Russian
// names are ranked with QCollator (ё sorts with е), so a proxy sorts by comparing integers (SortKeyRole).
class MemberTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        FullNameColumn,
        DetailColumn, // subject of a teacher, class of a student
        EmailColumn, // masked
        RegisteredColumn,
        StatusColumn,
        EsiaLevelColumn,
        ColumnCount
    };

    enum Roles {
        IdRole = Qt::UserRole + 1,
        SortKeyRole,
        StatusRole, // sg::MemberStatus as int
        VersionRole,
        ClassRole, // class name, for filtering
        PendingSyncRole, // a decision on this row is not yet confirmed by the server
        ConflictRole, // the user's decision met a change by someone else: waiting for the user
    };

    explicit MemberTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setMembers(QList<proto::Member> members);
    const QList<proto::Member> &members() const { return m_members; }
    const proto::Member *memberById(qint64 id) const;
    // The collation rank of row `row`'s full name (what SortKeyRole gives for the name column), for sorting
    // without a QVariant per comparison.
    int nameRank(int row) const { return m_nameRank.at(row); }
    int rowOf(qint64 id) const { return m_rowById.value(id, -1); }

    // Marks rows as waiting for the server (shown in the status column).
    void setPendingSync(const QList<qint64> &ids, bool pending);
    // All the rows as the local cache has them: the first load fills the model; after that only what differs
    // changes (rows updated in place, people gone removed, new people inserted at the end), never a reset, so
    // selection and scroll position stay. pending / conflict: ids whose decision waits for the server / the user.
    void syncMembers(QList<proto::Member> members, const QSet<qint64> &pending, const QSet<qint64> &conflict);
    // Some rows only (what a sync or a decision changed): changed people are updated in place or inserted at the
    // end, removed ids are taken out; one signal per run of adjacent rows. pending / conflict as above, for the
    // changed people.
    void updateMembers(QList<proto::Member> changed, const QSet<qint64> &pending, const QSet<qint64> &conflict,
        const QList<qint64> &removed = {});
    // Applies per-item answers: new status and version. Emits one dataChanged per contiguous run of rows.
    void applyResults(const QList<proto::DecisionResult> &results);

    static QString statusText(MemberStatus status);
    static QString esiaLevelText(const QString &level);
    static QString maskEmail(const QString &email);

private:
    void computeSortKeys();
    void emitRowsChanged(QList<int> rows);

    QList<proto::Member> m_members;
    QList<int> m_nameRank; // collation rank of "surname name patronymic" per row
    QList<bool> m_pendingSync;
    QList<bool> m_conflict;
    QHash<qint64, int> m_rowById;
};

} // namespace sg::client
