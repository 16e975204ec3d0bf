#pragma once

#include "client/apiclient.h"
#include "client/localcache.h"
#include "core/result.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <optional>

namespace sg::client {

class ApiClient;

// What one sync round did.
struct SyncReport
{
    int applied = 0; // decisions the server applied in this round
    int duplicates = 0; // decisions the server had already applied (an earlier answer was lost): done too
    int conflicts = 0; // decisions on people changed meanwhile: waiting for the user
    int refused = 0; // forbidden or invalid: shown, never retried
    int reports = 0; // reports sent
    int reportsRefused = 0; // queued reports not sent: what they would hold is no longer what their preview showed
    int directorSubmissions = 0;
    int pulled = 0; // members received from the change feed
    bool complete = false; // the outbox was pushed and the changes pulled
    std::optional<Error> error; // why the round stopped early (a retry is scheduled when it is transient)
    int retryInMs = 0; // when the next attempt is due (0: none scheduled)
};

// Pushes a school's outbox to the server, then pulls what changed since the cursor; owns neither the cache nor
// the API client. Decisions go in batches, each item with its idempotency key and base version; the server's
// answer per item is written to the cache in one transaction (applied and duplicate are done; conflicts wait for
// the user; forbidden and invalid are never retried). Timeouts, network errors, 5xx and 429 stop the round and
// schedule the next with exponential backoff and jitter (capped at 5 minutes; Retry-After honoured). A lost
// answer is harmless: the same keys are sent again and come back as duplicates.
class SyncEngine : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        int batchSize = 500; // decisions per request (the server takes at most 1,000)
        int pullLimit = 1000; // members per change-feed page
        int intervalMs = 5 * 60 * 1000; // periodic sync while started (0: none)
        int backoffBaseMs = 2000;
        int backoffCapMs = 5 * 60 * 1000;
        // Answers and members written to the cache per turn of the event loop, so no turn keeps the window waiting.
        int writeSlice = 500;
    };

    SyncEngine(ApiClient *api, LocalCache *cache, qint64 schoolId, QObject *parent = nullptr);
    SyncEngine(ApiClient *api, LocalCache *cache, qint64 schoolId, Options options, QObject *parent = nullptr);

    // Starts a round now; during a round, asks for another one right after it.
    void syncNow();
    // Periodic sync on (every intervalMs) / off; off also cancels a scheduled retry.
    void start();
    void stop();
    bool isSyncing() const { return m_running; }
    // False after a round failed to reach the server, true after the server answered.
    bool isOnline() const { return m_online; }
    int consecutiveFailures() const { return m_failures; }

    // The wait before retry number `attempt` (0-based): min(cap, base·2^attempt), of which a random half is
    // dropped (jitter from `random`, 0 ≤ random < 2^32), and never less than Retry-After.
    static int backoffDelayMs(int attempt, int retryAfterSecs, int baseMs, int capMs, quint32 random);

signals:
    void syncStarted();
    // Outbox items sent so far in this round, of the pending ones at its start.
    void progress(int sent, int total);
    void syncFinished(const sg::client::SyncReport &report);
    void onlineChanged(bool online);
    // The outbox or the cached members changed: views reload from the cache.
    void cacheChanged();
    // The server's answers to a batch of decisions (already written to the cache).
    void decisionsAnswered(const QList<sg::proto::DecisionResult> &results);
    // Members received from the change feed (already written to the cache); fullSnapshot: all the account may see.
    void membersPulled(const QList<sg::proto::Member> &members, bool fullSnapshot);
    // The school record, when the change feed says it changed.
    void schoolPulled(const sg::proto::School &school);
    void reportSent(const sg::proto::Report &report);
    // A queued report was not sent (report-changed, from the server or found here first) and left the outbox;
    // snapshot is what its preview showed.
    void reportRefused(const sg::proto::ReportSnapshot &snapshot, const sg::Error &error);
    void unreportedChanged(int count);
    // The server no longer knows the session: sign in again (the outbox is kept).
    void sessionExpired();

private:
    void pushNext();
    void pushDecisions(const QList<OutboxItem> &items);
    void pushReport(const OutboxItem &item);
    void pushDirector(const OutboxItem &item);
    void refuseReport(const QString &key, const proto::ReportSnapshot &snapshot, const Error &error);
    // The decisions to send next in this round (those sent and not yet written back left out).
    QList<OutboxItem> nextDecisions(std::optional<Error> *error) const;
    // Writes answered decisions to the cache, oldest first, writeSlice at a time (at most `slices` of them; all
    // when < 0). False when the cache failed (the round is then finished).
    bool writeAnswered(int slices = -1);
    // Writes the next slice in a turn of the event loop of its own; then sends on when all is written.
    // Runs step in a later turn of the event loop, after the timers, input and painting that are due.
    void nextTurn(std::function<void()> step);
    void scheduleWrite();
    void pull(bool fullSnapshot);
    void pullPage(QString cursor, bool fullSnapshot);
    // Stores the next slice of the oldest page received (false when the round finished or failed); the end of
    // the last page finishes the round.
    bool storeSlice(bool fullSnapshot);
    void scheduleStore(bool fullSnapshot);
    void finish(std::optional<Error> error);
    void setOnline(bool online);
    static bool isTransient(const Error &error);
    // A failure of the whole request: transient ones end the round; anything else refuses the items.
    void failBatch(const QList<OutboxItem> &items, const Error &error);

    ApiClient *m_api;
    LocalCache *m_cache;
    qint64 m_schoolId;
    Options m_options;
    QTimer m_periodic;
    QTimer m_retry;
    bool m_running = false;
    bool m_again = false;
    bool m_online = true;
    int m_failures = 0;
    int m_total = 0;
    int m_sent = 0;
    SyncReport m_report;
    // Batches the server answered that are not written to the cache yet (the next one is already on its way).
    struct AnsweredBatch
    {
        QList<OutboxItem> items;
        QList<proto::DecisionResult> results;
        int unreported = 0;
        qsizetype written = 0; // results written so far
    };
    QList<AnsweredBatch> m_answered;
    QList<ChangeSet> m_pages; // change-feed pages received and not stored yet
    qsizetype m_pageStored = 0; // members of the oldest page stored so far
    bool m_inFlight = false; // a request of this round waits for its answer
    bool m_sendPending = false; // an answer came in and the next batch is about to be chosen
    bool m_writeScheduled = false;
    qint64 m_lastSentSeq = 0; // the queue position of the last decision sent in this round
    bool m_uploading = false; // a batch's request is still being handed to the network: nothing is written meanwhile
    bool m_storeScheduled = false;
    quint64 m_round = 0; // answers of an earlier round are ignored
    QList<proto::Member> m_snapshot; // pages of a full snapshot, stored together at the end
    QDateTime m_pullStarted; // the time every page of one pull is stored with
};

} // namespace sg::client
