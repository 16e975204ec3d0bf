#pragma once

#include "core/directorprotocol.h"
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
class QSslError;
QT_END_NAMESPACE

namespace sg::client {

struct MeInfo
{
    proto::UserInfo user;
    std::optional<proto::School> school;
    std::optional<proto::Membership> membership; // the person's own record (students, teachers)
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

// One answer of the change feed (GET /schools/{id}/changes).
struct ChangeSet
{
    QList<proto::Member> members; // changed after the cursor, oldest change first
    QString cursor; // opaque: pass it to the next changes() call once the members are stored
    bool more = false; // more changes follow: ask again at once with cursor
    int unreportedDecisions = 0;
    std::optional<proto::School> school; // present when the school itself changed within this answer
};

// GET /api/v1/esia: whether the server offers sign-in through Gosuslugi (ESIA).
struct EsiaOffer
{
    bool enabled = false;
    bool esiaOnly = false; // password sign-in is off on this server
    QUrl registrationUrl; // where people without a Gosuslugi account register (https or http only)
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
    // The manager every request goes through; requests made elsewhere on it (the ESIA token exchange) pass their
    // TLS failures to acceptPinnedCertificate().
    QNetworkAccessManager *network() const { return m_network; }
    // baseUrl() with `path` ("/api/v1/…", optionally with a query) appended to its path.
    QUrl urlFor(const QString &path) const;

    // A server certificate trusted by its SHA-256 fingerprint (of the DER form) even when the system does not trust
    // it: a school LAN's own, self-signed certificate, pinned by the administrator. Only that exact certificate is
    // accepted this way; every other one must pass the system's checks. Empty: system trust only.
    void setPinnedCertificate(const QByteArray &sha256) { m_pin = sha256; }
    QByteArray pinnedCertificate() const { return m_pin; }
    // "AB:CD:…" (32 bytes), and back: colons, spaces and case are ignored; anything else gives an empty array.
    static QString formatFingerprint(const QByteArray &sha256);
    static QByteArray parseFingerprint(const QString &text);
    // Decides the TLS errors of a reply on network(): ignores them when the peer is the pinned certificate, otherwise
    // notes on the reply why it was refused, for certificateError().
    void acceptPinnedCertificate(QNetworkReply *reply, const QList<QSslError> &errors) const;
    // The certificate-untrusted Error of a finished reply that acceptPinnedCertificate() refused, if it did.
    static std::optional<Error> certificateError(const QNetworkReply *reply);

    void health(Callback<QJsonObject> done);
    void login(const QString &login, const QString &password, Callback<proto::SessionInfo> done);
    void logout(Callback<Unit> done);
    void me(Callback<MeInfo> done);
    // Whether «Войти через Госуслуги» is offered. A server without the route (404) offers nothing.
    void esiaOffer(Callback<EsiaOffer> done);
    void changePassword(const QString &current, const QString &next, Callback<Unit> done);
    void school(qint64 schoolId, Callback<proto::School> done);
    void members(qint64 schoolId, std::optional<Role> role, Callback<QList<proto::Member>> done);
    // The people (and the school) that changed after `cursor` (empty: from the start), at most `limit` of them
    // (0 or less: the server's default). A cursor the server does not know fails with invalid-cursor: start over.
    void changes(qint64 schoolId, const QString &cursor, int limit, Callback<ChangeSet> done);
    // `uploaded`, when given, is called once the whole request has left this process (before the answer): the sync
    // keeps the window's thread free until then, because Qt hands a request's body to its network thread in turns of
    // this thread's event loop.
    void submitDecisions(qint64 schoolId, const QList<proto::DecisionItem> &items, Callback<DecisionBatchAnswer> done,
        std::function<void()> uploaded = {});
    // The report of the decisions in request.snapshot (what the preview showed): "report-changed" (409) when the
    // server would report anything else, and then nothing was sent.
    void sendReport(qint64 schoolId, const proto::ReportRequest &request, Callback<proto::Report> done);
    void reports(qint64 schoolId, Callback<ReportList> done);
    void report(qint64 schoolId, qint64 reportId, Callback<proto::Report> done);
    // What the next report would hold (id and number 0); nothing is stored.
    void reportPreview(qint64 schoolId, Callback<proto::Report> done);
    // Year-end: the students of these grades leave the school. Answers how many people changed.
    void graduate(qint64 schoolId, const QList<int> &grades, Callback<int> done);

    // Director confirmation.
    void consentText(Callback<proto::ConsentText> done);
    void directorCard(qint64 schoolId, Callback<proto::DirectorCard> done);
    void giveConsent(qint64 schoolId, const QString &version, Callback<proto::DirectorCard> done);
    void submitDirector(
        qint64 schoolId, const proto::DirectorSubmission &submission, Callback<proto::DirectorRequest> done);
    void notifications(qint64 schoolId, Callback<QList<proto::Notification>> done);

    // The support operator's queue of director submissions.
    // The support operator's list of applications «Заявка в школу», newest first; of one school when given.
    void applications(std::optional<qint64> schoolId, Callback<QList<proto::Application>> done);
    void directorRequests(const QString &status, Callback<QList<proto::DirectorRequest>> done);
    void directorRequest(qint64 requestId, Callback<proto::DirectorRequest> done);
    // The attached order itself (bytes and the content type the server detected).
    void orderFile(qint64 requestId, Callback<proto::OrderFile> done);
    void decideDirector(qint64 requestId, bool approve, const QString &reason, qint64 baseVersion,
        Callback<proto::DirectorRequest> done);

    // Turns a finished reply into a JSON object or an Error (public for the sync-answer fuzz harness).
    static Result<QJsonObject> parseReply(int httpStatus, const QByteArray &body, const QString &networkError);
    // Reads a change-feed answer strictly; anything unexpected is a bad-response Error.
    static Result<ChangeSet> parseChangeSet(const QJsonObject &json);

signals:
    // Any request that came back 401: the session is gone and the user must sign in again.
    void sessionExpired();

private:
    using RawCallback = std::function<void(Result<QJsonObject>)>;
    struct RawReply
    {
        int status = 0;
        QByteArray contentType;
        QByteArray body;
    };
    using BytesCallback = std::function<void(Result<RawReply>)>;
    QNetworkReply *start(const QByteArray &method, const QString &path, const std::optional<QJsonObject> &body);
    void send(const QByteArray &method, const QString &path, const std::optional<QJsonObject> &body, RawCallback done);
    // As send(); a 200 answer's body goes to parseElsewhere instead (which delivers it to the caller itself).
    void sendWith(const QByteArray &method, const QString &path, const std::optional<QJsonObject> &body,
        RawCallback done, std::function<void(QByteArray)> parseElsewhere, std::function<void()> uploaded = {});
    // Parses a 200 answer's body on a pool thread and delivers the result on this object's thread.
    template<typename T>
    void parseOnPool(QByteArray body, std::shared_ptr<Callback<T>> done, Result<T> (*parse)(const QJsonObject &));
    void sendForBytes(const QString &path, BytesCallback done);
    template<typename T>
    void getObject(const QString &path, Callback<T> done, Result<T> (*parse)(const QJsonObject &));
    template<typename T>
    void postObject(
        const QString &path, const QJsonObject &body, Callback<T> done, Result<T> (*parse)(const QJsonObject &));

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QString m_token;
    int m_timeoutMs = 30000;
    QByteArray m_pin;
};

} // namespace sg::client
