#pragma once

#include "core/protocol.h"
#include "core/result.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <functional>
#include <optional>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
class QNetworkReply;
QT_END_NAMESPACE

namespace sg::client {

struct MeInfo
{
    proto::UserInfo user;
    std::optional<proto::School> school;
};

struct DecisionBatchAnswer
{
    QList<proto::DecisionResult> results;
    int unreportedDecisions = 0;
};

struct ReportList
{
    QList<proto::Report> items;
    int unreportedDecisions = 0;
};

// The HTTP client of /api/v1. Every call is asynchronous and ends in exactly one callback with a Result;
// problem documents become Errors with the server's stable code. Callbacks are dropped if the client is destroyed.
class ApiClient : public QObject
{
    Q_OBJECT

public:
    template<typename T>
    using Callback = std::function<void(Result<T>)>;

    explicit ApiClient(QNetworkAccessManager *network, QObject *parent = nullptr);

    void setBaseUrl(const QUrl &url);
    QUrl baseUrl() const { return m_baseUrl; }
    void setToken(const QString &token) { m_token = token; }
    QString token() const { return m_token; }
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

    void health(Callback<QJsonObject> done);
    void login(const QString &login, const QString &password, Callback<proto::SessionInfo> done);
    void logout(Callback<Unit> done);
    void me(Callback<MeInfo> done);
    void changePassword(const QString &current, const QString &next, Callback<Unit> done);
    void school(qint64 schoolId, Callback<proto::School> done);
    void members(qint64 schoolId, std::optional<Role> role, Callback<QList<proto::Member>> done);
    void submitDecisions(qint64 schoolId, const QList<proto::DecisionItem> &items, Callback<DecisionBatchAnswer> done);
    void sendReport(qint64 schoolId, const QString &key, Callback<proto::Report> done);
    void reports(qint64 schoolId, Callback<ReportList> done);
    void report(qint64 schoolId, qint64 reportId, Callback<proto::Report> done);

    // Turns a finished reply into a JSON object or an Error (public for the sync-answer fuzz harness).
    static Result<QJsonObject> parseReply(int httpStatus, const QByteArray &body, const QString &networkError);

signals:
    // Any request that came back 401: the session is gone and the user must sign in again.
    void sessionExpired();

private:
    using RawCallback = std::function<void(Result<QJsonObject>)>;
    void send(const QByteArray &method, const QString &path, const std::optional<QJsonObject> &body, RawCallback done);

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QString m_token;
    int m_timeoutMs = 30000;
};

} // namespace sg::client
