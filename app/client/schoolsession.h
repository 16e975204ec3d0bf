#pragma once

#include "client/apiclient.h"
#include "core/directorprotocol.h"
#include "core/protocol.h"

#include <QObject>
#include <QSet>

#include <memory>
#include <optional>

QT_FORWARD_DECLARE_CLASS(QTimer)

namespace sg::client {

class LocalCache;
class MemberTableModel;
class SyncEngine;

// A decision of the user that met a change by someone else, for the user to resolve.
struct DecisionConflict
{
    QString key; // of the outbox item
    qint64 memberId = 0;
    QString fullName;
    Role role = Role::Teacher; // of the person
    Verdict verdict = Verdict::Approve; // the user's decision
    QString reason; // the user's reason (a rejection)
    QDateTime decidedAt; // when the user decided (UTC)
    MemberStatus serverStatus = MemberStatus::Pending; // what the person is on the server now
    qint64 serverVersion = 0;
    QString code; // the server's problem code (errc): the UI explains the item from it, never from a server sentence
    DecisionOutcome outcome = DecisionOutcome::Conflict; // Conflict, Forbidden or Invalid
    std::optional<proto::OtherDecision> other; // who changed the person, when, from what and why, when told
    bool refused = false; // forbidden or invalid: it can only be dropped (never sent again as it is)
};

// A report waiting in the outbox: the decisions its preview showed, sent with the next sync.
struct QueuedReport
{
    QString key; // of the outbox item
    proto::ReportSnapshot snapshot;
    QDateTime queuedAt; // UTC
    bool sent = false; // sent at least once without an answer: the server may hold it already
};

// The signed-in work in one school: who is signed in, the teachers and students tables, decisions and reports.
// The UI drives this; it never talks HTTP itself.
class SchoolSession : public QObject
{
    Q_OBJECT

public:
    explicit SchoolSession(ApiClient *api, QObject *parent = nullptr);
    ~SchoolSession() override;

    ApiClient *api() const { return m_api; }
    bool isSignedIn() const { return m_user.has_value(); }
    const std::optional<proto::UserInfo> &user() const { return m_user; }
    const std::optional<proto::School> &school() const { return m_school; }
    MemberTableModel *teachers() const { return m_teachers; }
    MemberTableModel *students() const { return m_students; }
    int unreportedDecisions() const { return m_unreported; }
    bool isBusy() const { return m_busy > 0; }
    // True when the signed-in account may decide on teachers (the school) / students (school or teacher).
    bool canDecideTeachers() const;
    bool canDecideStudents() const;

    // Every decision and report goes to an outbox first (shown at once, as not synced) and a SyncEngine sends
    // it; the tables show the outbox's members. With an offline copy (set after sign-in, not owned, cleared with
    // nullptr before it is closed) the outbox is on disk and the tables load from it when the server cannot be
    // reached. Without one (no keychain, "someone else's computer") the session keeps an in-memory outbox of its
    // own: the same path, nothing on disk.
    void setCache(LocalCache *cache);
    // The offline copy on disk, or nullptr (the session then works with its in-memory outbox).
    LocalCache *cache() const { return m_memoryCache ? nullptr : m_cache; }
    // The outbox in use: the offline copy or the in-memory one (nullptr before the first refresh()).
    LocalCache *outbox() const { return m_cache; }
    SyncEngine *syncEngine() const { return m_sync; }
    // Decisions and reports in the outbox not yet accepted by the server.
    int queuedItems() const;
    bool isOnline() const { return m_online; }
    // Push the outbox and pull what changed.
    void syncNow();
    // Decisions waiting for the user: conflicts, and those the server refused (forbidden or invalid).
    QList<DecisionConflict> conflicts() const;
    // How many decisions wait for the user (conflicts and refusals), without reading the people they concern.
    int attentionCount() const;
    // Keeps the director's data (order file included) in the outbox; the next sync sends it.
    Status queueDirectorSubmission(const proto::DirectorSubmission &submission);
    // Resolves a conflict: keepMine sends the decision again on the server's current state; otherwise it is dropped.
    void resolveConflict(const QString &key, bool keepMine);
    // The same for several at once: one reload of the tables, one sync.
    void resolveConflict(const QStringList &keys, bool keepMine);

    void signIn(const QString &login, const QString &password);
    // A session made elsewhere (the sign-in through Gosuslugi): taken on exactly like a password sign-in's.
    void adoptSession(const proto::SessionInfo &session);
    void signOut();
    // Reloads the school, the members this account may see and the report counter.
    void refresh();
    // One batch for the given people, each item with its own idempotency key and the version it was based on.
    void decide(const QList<qint64> &memberIds, Verdict verdict, const QString &reason = {});
    // Sends the report of exactly the decisions this preview showed (its snapshot); with a cache, it is queued and
    // sent with the next sync. If the server would report anything else, nothing is sent and reportChanged follows.
    void sendReport(const proto::Report &preview);
    // Offline, without a preview: queues the report of the decisions waiting on this computer (the snapshot is
    // what this computer knows; the server refuses it, and the user sees the preview, if it holds more).
    void queueReportOffline();
    // The snapshot queueReportOffline() would queue.
    proto::ReportSnapshot offlineSnapshot() const;
    // The report waiting in the outbox, if any.
    std::optional<QueuedReport> queuedReport() const;
    // Drops the queued report (not if it was already sent once: its answer is awaited).
    Status cancelQueuedReport();
    // Takes back the last batch of decisions while it is not reported (each person returns to the status before).
    bool canUndo() const { return !m_lastBatch.isEmpty(); }
    int undoSize() const { return int(m_lastBatch.size()); }
    void undoLastBatch();
    // Replaces the password (first sign-in with a one-time password). Emits passwordChanged or operationFailed.
    void changePassword(const QString &current, const QString &next);

signals:
    void signedIn();
    void passwordChanged();
    void signInFailed(const sg::Error &error);
    void signedOut();
    void membersLoaded();
    void decisionsFinished(int applied, int conflicts, int refused);
    // The decisions are in the outbox and shown; sending follows (decisionsFinished).
    void decisionsQueued(int count);
    void batchUndone(int reverted, int notReverted);
    void undoAvailableChanged(bool available);
    void unreportedChanged(int count);
    void reportSent(const sg::proto::Report &report);
    void operationFailed(const sg::Error &error);
    void busyChanged(bool busy);
    // The outbox changed (queued, sent, conflicts): counts and banners update.
    void outboxChanged();
    void onlineChanged(bool online);
    // A report waits in the outbox (the server could not be reached); it is sent with the next sync.
    void reportQueued();
    // A report was not sent because the decisions to report are no longer those its preview showed (shown): preview
    // is what a report would hold now, message the reason.
    void reportChanged(
        const sg::proto::ReportSnapshot &shown, const sg::proto::Report &preview, const QString &message);
    void syncFinished(bool complete, const QString &problem);

private:
    void setUnreported(int count);
    // Cache mode: the unreported decisions the server knows and those waiting here, less those in a queued report.
    int localUnreported() const;
    // Loads the preview and emits reportChanged (or operationFailed when it cannot be loaded).
    void showChangedReport(const proto::ReportSnapshot &shown, const QString &message);
    void forgetAccount();
    void beginBusy();
    void endBusy();
    MemberTableModel *modelOf(qint64 memberId) const;
    // All the rows from the outbox's members (the rows shown change only where they differ).
    void loadFromCache();
    // These people's rows only, from the outbox's members (removed when no longer there).
    void reloadRows(const QList<qint64> &ids);
    void queueDecisions(const QList<proto::DecisionItem> &items);
    // Opens the in-memory outbox when no offline copy was set; false (and operationFailed) if it cannot open.
    bool useMemoryOutbox();
    std::unique_ptr<LocalCache> m_memoryCache;
    // Works the unreported count out again shortly (coalescing bursts of answered batches).
    void scheduleUnreported();
    QTimer *m_unreportedTimer = nullptr;
    bool m_syncBusy = false; // a sync round counts as one busy operation from its start to its end
    void setOnline(bool online);
    QSet<QString> m_lastQueuedKeys; // the last batch while it waits in the outbox (undo drops these)
    int m_serverUnreported = 0;
    bool m_online = true;
    bool m_syncForDecisions = false;
    LocalCache *m_cache = nullptr;
    SyncEngine *m_sync = nullptr;

    ApiClient *m_api;
    MemberTableModel *m_teachers;
    MemberTableModel *m_students;
    std::optional<proto::UserInfo> m_user;
    std::optional<proto::School> m_school;
    int m_unreported = 0;
    int m_busy = 0;
    QList<QPair<qint64, qint64>> m_lastBatch; // member id and version after the decision, of the last batch
    void setLastBatch(QList<QPair<qint64, qint64>> batch);

    // ---- Offline sign-in ----------------------------------------------------------------------------------------
public:
    // Starts the session of an account this computer's offline copy knows, without the server (no token): offline
    // until takeOnline(). Emits no signedIn; the caller sets the copy (setCache) and shows the windows.
    void startOffline(const proto::UserInfo &user);
    // The server is back and signed the same account in again (the token is in the API client): work goes on
    // online, with the user as the server describes it now.
    void takeOnline(const proto::UserInfo &user);
};

} // namespace sg::client
