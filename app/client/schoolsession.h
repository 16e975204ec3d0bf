#pragma once

#include "client/apiclient.h"
#include "core/protocol.h"

#include <QObject>

#include <optional>

namespace sg::client {

class MemberTableModel;

// The signed-in work in one school: who is signed in, the teachers and students tables, decisions and reports.
// The UI drives this; it never talks HTTP itself.
class SchoolSession : public QObject
{
    Q_OBJECT

public:
    explicit SchoolSession(ApiClient *api, QObject *parent = nullptr);

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

    void signIn(const QString &login, const QString &password);
    void signOut();
    // Reloads the school, the members this account may see and the report counter.
    void refresh();
    // One batch for the given people, each item with its own idempotency key and the version it was based on.
    void decide(const QList<qint64> &memberIds, Verdict verdict, const QString &reason = {});
    void sendReport();
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
    void batchUndone(int reverted, int notReverted);
    void undoAvailableChanged(bool available);
    void unreportedChanged(int count);
    void reportSent(const sg::proto::Report &report);
    void operationFailed(const sg::Error &error);
    void busyChanged(bool busy);

private:
    void setUnreported(int count);
    void forgetAccount();
    void beginBusy();
    void endBusy();
    MemberTableModel *modelOf(qint64 memberId) const;

    ApiClient *m_api;
    MemberTableModel *m_teachers;
    MemberTableModel *m_students;
    std::optional<proto::UserInfo> m_user;
    std::optional<proto::School> m_school;
    int m_unreported = 0;
    int m_busy = 0;
    QString m_pendingReportKey; // reused until the report is confirmed, so a retry never doubles it
    QList<QPair<qint64, qint64>> m_lastBatch; // member id and version after the decision, of the last batch
    void setLastBatch(QList<QPair<qint64, qint64>> batch);
};

} // namespace sg::client
