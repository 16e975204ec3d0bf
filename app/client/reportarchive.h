#pragma once

#include "core/domain.h"
#include "core/protocol.h"
#include "core/result.h"

#include <QAbstractTableModel>
#include <QList>
#include <QObject>

#include <functional>

namespace sg::client {

class ApiClient;
class LocalCache;
class ReportHistoryModel;

// The reports a school has sent, one report with its lines, and the preview of the next one. A thin layer over
// ApiClient that keeps the history and says what happened through signals; no widgets.
class ReportArchive : public QObject
{
    Q_OBJECT

public:
    ReportArchive(ApiClient *api, qint64 schoolId, QObject *parent = nullptr);

    qint64 schoolId() const { return m_schoolId; }
    // The sent reports as of the last refresh(), newest first (without their lines).
    const QList<proto::Report> &history() const { return m_history; }
    // The same history as a table (owned by the archive).
    ReportHistoryModel *historyModel() const { return m_model; }
    // Decisions not reported yet, as of the last refresh().
    int unreportedDecisions() const { return m_unreported; }
    bool isBusy() const { return m_busy > 0; }

    // Loads the history: historyChanged or failed. An answer that an earlier call overtook is dropped.
    void refresh();
    // Offline work: the history is kept in the account's offline copy and shown from it when the server cannot be
    // reached. The provider answers the copy in use now (nullptr: none).
    void setCacheProvider(std::function<LocalCache *()> provider) { m_cacheProvider = std::move(provider); }
    // Loads one report with its lines: reportLoaded or failed.
    void loadReport(qint64 reportId);
    // Loads what the next report would hold (id and number 0; nothing stored): previewLoaded or failed.
    void loadPreview();

signals:
    void historyChanged();
    void reportLoaded(const sg::proto::Report &report);
    void previewLoaded(const sg::proto::Report &preview);
    void failed(const sg::Error &error);
    void busyChanged(bool busy);

private:
    void beginBusy();
    void endBusy();

    ApiClient *m_api;
    qint64 m_schoolId;
    ReportHistoryModel *m_model;
    QList<proto::Report> m_history;
    int m_unreported = 0;
    int m_busy = 0;
    quint64 m_refreshGeneration = 0;
    std::function<LocalCache *()> m_cacheProvider;
    bool loadFromCache();
};

// The sent reports, one row each, newest first as given.
class ReportHistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NumberColumn,
        DateColumn, // local time, locale format (Qt::EditRole: the QDateTime)
        SentByColumn,
        TeachersApprovedColumn,
        TeachersRejectedColumn,
        StudentsApprovedColumn,
        StudentsRejectedColumn,
        TotalColumn,
        ColumnCount
    };

    enum Roles {
        IdRole = Qt::UserRole + 1, // the report id
        SortKeyRole, // numbers and dates as numbers, text as text
    };

    explicit ReportHistoryModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Replaces every row (one model reset).
    void setReports(QList<proto::Report> reports);
    const QList<proto::Report> &reports() const { return m_reports; }
    // The row of a report id, or -1.
    int rowOf(qint64 reportId) const;
    // After a language change: the headers are translated anew (views repaint them).
    void retranslate();

private:
    QList<proto::Report> m_reports;
};

// The lines of one report (or of a preview): who, role, verdict, reason, when.
class ReportLinesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        FullNameColumn,
        RoleColumn,
        VerdictColumn,
        ReasonColumn,
        DecidedAtColumn, // local time, locale format (Qt::EditRole: the QDateTime)
        ColumnCount
    };

    enum Roles {
        MemberIdRole = Qt::UserRole + 1,
        SortKeyRole, // names as collation ranks (Russian), dates as numbers
        ChangeRole, // a Change: how the line differs from the preview the user saw before (markChanges)
    };

    // How a line differs from an earlier snapshot of the same report.
    enum class Change { None, Added, Changed };

    explicit ReportLinesModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Replaces every row (one model reset).
    void setLines(QList<proto::ReportLine> lines);
    const QList<proto::ReportLine> &lines() const { return m_lines; }
    // After a language change: headers, roles and decisions are translated anew.
    void retranslate();
    // Marks the lines that are new or changed against the snapshot the user saw (ChangeRole; the view tints them);
    // returns the snapshot's lines that are no longer in the report.
    QList<proto::ReportSnapshotLine> markChanges(const proto::ReportSnapshot &shown);
    Change changeAt(int row) const;

    // "Teacher" / "Student" (translated), for the table, the PDF and the CSV alike.
    static QString roleText(Role role);
    // "Approved" / "Rejected" / "Taken back" (translated).
    static QString verdictText(Verdict verdict);

private:
    QList<proto::ReportLine> m_lines;
    QList<int> m_nameRank;
    QList<Change> m_changes; // per line; empty: nothing marked
};

} // namespace sg::client
