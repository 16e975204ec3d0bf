#pragma once

#include "client/apiclient.h"
#include "core/directorprotocol.h"
#include "core/result.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

namespace sg::client {

// The support operator's queue of director submissions, one row per request. Sort keys are computed once per
// load (school and person names ranked with a Russian QCollator), so a proxy sorts by comparing SortKeyRole.
// Lives here with its session because the client library's file list is fixed; it is used only by OperatorSession.
class DirectorRequestModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        SchoolColumn,
        InnColumn,
        KindColumn, // initial confirmation / change of director
        DirectorColumn, // the person's full name
        PositionColumn,
        SubmittedColumn,
        ExpectedColumn, // the date the answer is promised by (2 business days)
        StatusColumn,
        ColumnCount
    };

    enum Roles {
        IdRole = Qt::UserRole + 1,
        VersionRole,
        SortKeyRole,
        StatusRole, // "submitted", "confirmed", "rejected"
        KindRole, // proto::DirectorSubmission::Kind as int
        OverdueRole, // still submitted after the expected date (views may highlight it)
    };

    explicit DirectorRequestModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setRequests(QList<proto::DirectorRequest> requests);
    const QList<proto::DirectorRequest> &requests() const { return m_requests; }
    const proto::DirectorRequest *requestById(qint64 id) const;
    int rowOf(qint64 id) const { return m_rowById.value(id, -1); }
    // Replaces one request in place (one dataChanged for its row).
    void updateRequest(const proto::DirectorRequest &request);
    void removeRequest(qint64 id);
    // The texts depend on the language: headers and cells are asked again.
    void retranslate();
    // "Today" for the overdue mark; the real date unless a test sets it.
    void setToday(const QDate &today);
    // Still awaiting a decision after the date the school was promised an answer by.
    bool isOverdue(const proto::DirectorRequest &request) const;

    static QString kindText(proto::DirectorSubmission::Kind kind);
    static QString statusText(const QString &status);
    static QString fullName(const proto::DirectorSubmission &submission);

private:
    void rebuildIndex();
    void computeSortKeys();

    QList<proto::DirectorRequest> m_requests;
    QHash<qint64, int> m_rowById;
    QList<int> m_schoolRank;
    QList<int> m_personRank;
    QDate m_today;
};

// The operator's work: the queue of director submissions (filtered by status), the attached orders and the
// decisions. A decision is based on the version of the request the operator saw; if it changed meanwhile the
// server answers with a "conflict" error, reported through failed(), and the queue is reloaded.
class OperatorSession : public QObject
{
    Q_OBJECT

public:
    explicit OperatorSession(ApiClient *api, QObject *parent = nullptr);

    ApiClient *api() const { return m_api; }
    DirectorRequestModel *model() const { return m_model; }
    // The status the queue shows: "submitted", "confirmed", "rejected" or empty for all.
    QString status() const { return m_status; }
    bool isBusy() const { return m_busy > 0; }
    bool isDeciding(qint64 requestId) const { return m_deciding.contains(requestId); }

    // Loads the queue of this status (empty = all). An answer to an older refresh is dropped.
    void refresh(const QString &status);
    // Loads the queue again with the current status.
    void reload() { refresh(m_status); }
    // Downloads the order attached to this request; ends in orderLoaded or orderFailed.
    void loadOrder(qint64 requestId);
    // Confirms or rejects (reason required) the request in the version shown in the model.
    void decide(qint64 requestId, bool approve, const QString &reason = {});
    // Forgets the queue (personal data of directors) and drops answers still on their way: on sign-out.
    // Also done when the server ends the session (ApiClient::sessionExpired).
    void clear();

signals:
    void queueChanged();
    void orderLoaded(qint64 requestId, const sg::proto::OrderFile &file);
    void orderFailed(qint64 requestId, const sg::Error &error);
    void decided(const sg::proto::DirectorRequest &request);
    // The queue could not be loaded or a decision was not taken (code "conflict": someone decided first).
    void failed(const sg::Error &error);
    void busyChanged(bool busy);

private:
    void beginBusy();
    void endBusy();

    ApiClient *m_api;
    DirectorRequestModel *m_model;
    QString m_status = QStringLiteral("submitted");
    quint64 m_generation = 0; // of the latest refresh
    int m_busy = 0;
    QSet<qint64> m_deciding; // requests whose decision is on its way
};

} // namespace sg::client
