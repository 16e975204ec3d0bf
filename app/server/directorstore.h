#pragma once

#include "core/clock.h"
#include "core/directorprotocol.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QList>

#include <optional>

namespace sg::server {

class AuditLog;
class Database;
class Notifier;

// Director confirmation (seed 000, step 2): consent first, then the director's data (in the app, or by e-mail to
// support), the operator's decision, and a change of director with the order «Приказ». Until a director is
// confirmed the school cannot confirm anyone.
class DirectorStore
{
    Q_DECLARE_TR_FUNCTIONS(sg::server::DirectorStore)

public:
    static constexpr int kBusinessDaysToDecide = 2;

    DirectorStore(Database &db, Notifier &notifier, AuditLog &audit, const Clock &clock, QString supportEmail);

    proto::DirectorCard card(qint64 schoolId);
    Status recordConsent(qint64 schoolId, qint64 userId, const QString &login, const QString &version);
    Result<proto::DirectorRequest> submit(
        qint64 schoolId, qint64 userId, const QString &login, const proto::DirectorSubmission &submission);
    // The operator's queue; status empty = all.
    QList<proto::DirectorRequest> requests(const QString &status, std::optional<qint64> schoolId = std::nullopt);
    std::optional<proto::DirectorRequest> request(qint64 id);
    std::optional<proto::OrderFile> orderFile(qint64 requestId);
    Result<proto::DirectorRequest> decide(qint64 requestId, qint64 operatorId, const QString &operatorLogin,
        bool approve, const QString &reason, qint64 baseVersion);
    QDate expectedDate(const QDateTime &submittedAt) const;

private:
    Database &m_db;
    Notifier &m_notifier;
    AuditLog &m_audit;
    const Clock &m_clock;
    QString m_supportEmail;
};

} // namespace sg::server
