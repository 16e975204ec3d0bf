#include "client/apiclient.h"

#include "core/errorcodes.h"
#include "core/jsonreader.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QThreadPool>
#include <QUrlQuery>

#include <algorithm>

Q_LOGGING_CATEGORY(lcApiClient, "sg.client.api")

namespace sg::client {

namespace {

// Retry-After in seconds (the server sends it with 429 and 503), 0 when absent; never more than a day.
int retryAfterSecs(const QNetworkReply *reply)
{
    bool ok = false;
    const int seconds = reply->rawHeader("Retry-After").trimmed().toInt(&ok);
    return ok && seconds > 0 ? std::min(seconds, 24 * 3600) : 0;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("sg::client", text);
}

template<typename T>
using Parser = std::function<Result<T>(const QJsonObject &)>;

template<typename T>
Result<QList<T>> parseArray(const QJsonObject &o, const QString &key, const Parser<T> &parse)
{
    const QJsonValue v = o.value(key);
    if (!v.isArray())
        return Error{QString::fromLatin1(errc::BadResponse), tr("The server's answer has no \"%1\" list.").arg(key)};
    QList<T> out;
    const QJsonArray a = v.toArray();
    out.reserve(a.size());
    for (const QJsonValue &item : a) {
        auto parsed = parse(item.toObject());
        if (!parsed)
            return Error{QString::fromLatin1(errc::BadResponse), parsed.error().message};
        out.append(std::move(parsed).value());
    }
    return out;
}

template<typename T>
Result<T> badResponse(const Error &e)
{
    return Error{QString::fromLatin1(errc::BadResponse), e.message, e.httpStatus};
}

} // namespace

ApiClient::ApiClient(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{}

void ApiClient::setBaseUrl(const QUrl &url)
{
    m_baseUrl = url;
}

Result<QJsonObject> ApiClient::parseReply(int httpStatus, const QByteArray &body, const QString &networkError)
{
    if (httpStatus == 0)
        return Error{QString::fromLatin1(errc::NetworkError),
            tr("The server cannot be reached: %1").arg(networkError.isEmpty() ? tr("no answer") : networkError), 0};
    QJsonObject object;
    if (!body.isEmpty()) {
        QJsonParseError pe{};
        const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
        if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
            if (httpStatus >= 400)
                return Error{QString::fromLatin1(httpStatus >= 500 ? errc::Unavailable : errc::BadRequest),
                    tr("The server answered with an error (HTTP %1).").arg(httpStatus), httpStatus};
            return Error{
                QString::fromLatin1(errc::BadResponse), tr("The server's answer is not valid JSON."), httpStatus};
        }
        object = doc.object();
    }
    if (httpStatus >= 400) {
        const QString code = object.value(QStringLiteral("code")).toString();
        const QString detail = object.value(QStringLiteral("detail")).toString();
        return Error{code.isEmpty() ? QString::fromLatin1(httpStatus >= 500 ? errc::Unavailable : errc::BadRequest)
                                    : code.left(64),
            detail.isEmpty() ? tr("The server answered with an error (HTTP %1).").arg(httpStatus) : detail.left(1000),
            httpStatus};
    }
    return object;
}

QUrl ApiClient::urlFor(const QString &path) const
{
    QUrl url = m_baseUrl;
    const qsizetype q = path.indexOf(QLatin1Char('?'));
    url.setPath(m_baseUrl.path() + (q < 0 ? path : path.left(q)));
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    return url;
}

QNetworkReply *ApiClient::start(const QByteArray &method, const QString &path, const std::optional<QJsonObject> &body)
{
    QNetworkRequest request(urlFor(path));
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/json, application/problem+json");
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toLatin1());
    QByteArray payload;
    if (body) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        payload = QJsonDocument(*body).toJson(QJsonDocument::Compact);
    }
    QNetworkReply *reply = m_network->sendCustomRequest(request, method, payload);
    connect(reply, &QNetworkReply::sslErrors, this,
        [this, reply](const QList<QSslError> &errors) { acceptPinnedCertificate(reply, errors); });
    return reply;
}

void ApiClient::acceptPinnedCertificate(QNetworkReply *reply, const QList<QSslError> &errors) const
{
    QSslCertificate peer = reply->sslConfiguration().peerCertificate();
    if (peer.isNull() && !errors.isEmpty())
        peer = errors.first().certificate();
    const QByteArray digest = peer.isNull() ? QByteArray() : peer.digest(QCryptographicHash::Sha256);
    if (!m_pin.isEmpty() && digest == m_pin) {
        reply->ignoreSslErrors(errors);
        return;
    }
    QStringList reasons;
    for (const QSslError &e : errors)
        reasons.append(e.errorString());
    reply->setProperty("sg.certificate", formatFingerprint(digest));
    reply->setProperty("sg.certificateProblem", reasons.join(QStringLiteral("; ")));
}

std::optional<Error> ApiClient::certificateError(const QNetworkReply *reply)
{
    if (!reply->property("sg.certificate").isValid())
        return std::nullopt;
    return Error{QString::fromLatin1(errc::CertificateUntrusted),
        tr("The server's certificate is not trusted (%1). Its SHA-256 fingerprint is %2. If your "
           "administrator gave you this fingerprint, enter it under the server address in the sign-in "
           "window; otherwise do not sign in.")
            .arg(reply->property("sg.certificateProblem").toString(), reply->property("sg.certificate").toString()),
        0};
}

QString ApiClient::formatFingerprint(const QByteArray &sha256)
{
    return QString::fromLatin1(sha256.toHex(':').toUpper());
}

QByteArray ApiClient::parseFingerprint(const QString &text)
{
    QString hex = text;
    hex.remove(QLatin1Char(':')).remove(QLatin1Char(' '));
    if (hex.size() != 64)
        return {};
    for (const QChar c : std::as_const(hex)) {
        if (!(c.isDigit() || (c.toLower() >= QLatin1Char('a') && c.toLower() <= QLatin1Char('f'))))
            return {};
    }
    return QByteArray::fromHex(hex.toLatin1());
}

void ApiClient::send(
    const QByteArray &method, const QString &path, const std::optional<QJsonObject> &body, RawCallback done)
{
    sendWith(method, path, body, std::move(done), {});
}

void ApiClient::sendWith(const QByteArray &method, const QString &path, const std::optional<QJsonObject> &body,
    RawCallback done, std::function<void(QByteArray)> parseElsewhere, std::function<void()> uploaded)
{
    QNetworkReply *reply = start(method, path, body);
    if (uploaded) {
        auto pending = std::make_shared<std::function<void()>>(std::move(uploaded));
        auto fire = [pending] {
            if (*pending)
                std::exchange(*pending, {})();
        };
        connect(reply, &QNetworkReply::uploadProgress, this, [fire](qint64 sent, qint64 total) {
            if (total > 0 && sent >= total)
                fire();
        });
        // An answer (or a failure) before the last progress report: the request is no longer on its way either.
        connect(reply, &QNetworkReply::finished, this, fire);
    }
    connect(reply, &QNetworkReply::finished, this,
        [this, reply, done = std::move(done), parseElsewhere = std::move(parseElsewhere)] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status == 200 && parseElsewhere) {
                parseElsewhere(reply->readAll());
                return;
            }
            // A transfer timeout aborts the reply (OperationCanceledError); it gets its own code so the caller
            // can retry it like any transient failure and say what happened.
            const bool timedOut = status == 0
                && (reply->error() == QNetworkReply::OperationCanceledError
                    || reply->error() == QNetworkReply::TimeoutError);
            if (timedOut) {
                done(Error{QString::fromLatin1(errc::Timeout),
                    tr("The server did not answer within %1 seconds.").arg(m_timeoutMs / 1000.0, 0, 'g', 3), 0});
                return;
            }
            if (status == 0) {
                if (auto refused = certificateError(reply)) {
                    done(std::move(*refused));
                    return;
                }
            }
            auto result = parseReply(status, reply->readAll(), status == 0 ? reply->errorString() : QString());
            if (!result && result.error().httpStatus == 401 && !m_token.isEmpty())
                emit sessionExpired();
            if (!result && retryAfterSecs(reply) > 0) {
                Error error = result.error();
                error.retryAfterSecs = retryAfterSecs(reply);
                result = std::move(error);
            }
            done(std::move(result));
        });
}

void ApiClient::health(Callback<QJsonObject> done)
{
    send("GET", QStringLiteral("/api/v1/health"), std::nullopt, std::move(done));
}

void ApiClient::login(const QString &login, const QString &password, Callback<proto::SessionInfo> done)
{
    send("POST", QStringLiteral("/api/v1/session"), proto::LoginRequest{login, password}.toJson(),
        [this, done = std::move(done)](Result<QJsonObject> r) {
            if (!r)
                return done(r.error());
            auto s = proto::SessionInfo::fromJson(r.value());
            if (!s)
                return done(badResponse<proto::SessionInfo>(s.error()));
            m_token = s->token;
            done(std::move(s));
        });
}

void ApiClient::logout(Callback<Unit> done)
{
    send("DELETE", QStringLiteral("/api/v1/session"), std::nullopt,
        [this, done = std::move(done)](Result<QJsonObject> r) {
            m_token.clear();
            if (!r)
                return done(r.error());
            done(Unit{});
        });
}

void ApiClient::me(Callback<MeInfo> done)
{
    send("GET", QStringLiteral("/api/v1/me"), std::nullopt, [done = std::move(done)](Result<QJsonObject> r) {
        if (!r)
            return done(r.error());
        auto user = proto::UserInfo::fromJson(r->value(QStringLiteral("user")).toObject());
        if (!user)
            return done(badResponse<MeInfo>(user.error()));
        MeInfo info{user.value(), std::nullopt, std::nullopt};
        if (r->value(QStringLiteral("school")).isObject()) {
            auto school = proto::School::fromJson(r->value(QStringLiteral("school")).toObject());
            if (!school)
                return done(badResponse<MeInfo>(school.error()));
            info.school = school.value();
        }
        if (r->value(QStringLiteral("membership")).isObject()) {
            auto membership = proto::Membership::fromJson(r->value(QStringLiteral("membership")).toObject());
            if (!membership)
                return done(badResponse<MeInfo>(membership.error()));
            info.membership = membership.value();
        }
        done(info);
    });
}

void ApiClient::esiaOffer(Callback<EsiaOffer> done)
{
    send("GET", QStringLiteral("/api/v1/esia"), std::nullopt, [done = std::move(done)](Result<QJsonObject> r) {
        if (!r) {
            if (r.error().httpStatus == 404 || r.error().httpStatus == 405)
                return done(EsiaOffer{}); // a server from before sign-in through Gosuslugi
            return done(r.error());
        }
        const QJsonValue enabled = r->value(QStringLiteral("enabled"));
        const QJsonValue esiaOnly = r->value(QStringLiteral("esiaOnly"));
        if (!enabled.isBool() || !(esiaOnly.isBool() || esiaOnly.isUndefined()))
            return done(Error{QString::fromLatin1(errc::BadResponse), tr("enabled: must be true or false")});
        EsiaOffer offer;
        offer.enabled = enabled.toBool();
        offer.esiaOnly = esiaOnly.toBool(false);
        const QUrl registration(r->value(QStringLiteral("registrationUrl")).toString(), QUrl::StrictMode);
        // Opened in the system browser: only a web address, never a file or a program's scheme.
        if (registration.isValid()
            && (registration.scheme() == QLatin1String("https") || registration.scheme() == QLatin1String("http"))
            && !registration.host().isEmpty())
            offer.registrationUrl = registration;
        done(offer);
    });
}

void ApiClient::changePassword(const QString &current, const QString &next, Callback<Unit> done)
{
    send("PUT", QStringLiteral("/api/v1/me/password"),
        QJsonObject{{QStringLiteral("currentPassword"), current}, {QStringLiteral("newPassword"), next}},
        [done = std::move(done)](Result<QJsonObject> r) {
            if (!r)
                return done(r.error());
            done(Unit{});
        });
}

void ApiClient::school(qint64 schoolId, Callback<proto::School> done)
{
    send("GET", QStringLiteral("/api/v1/schools/%1").arg(schoolId), std::nullopt,
        [done = std::move(done)](Result<QJsonObject> r) {
            if (!r)
                return done(r.error());
            auto s = proto::School::fromJson(r.value());
            done(s ? std::move(s) : badResponse<proto::School>(s.error()));
        });
}

void ApiClient::members(qint64 schoolId, std::optional<Role> role, Callback<QList<proto::Member>> done)
{
    QString path = QStringLiteral("/api/v1/schools/%1/members").arg(schoolId);
    if (role)
        path += QStringLiteral("?role=") + toString(*role);
    send("GET", path, std::nullopt, [done = std::move(done)](Result<QJsonObject> r) {
        if (!r)
            return done(r.error());
        done(parseArray<proto::Member>(r.value(), QStringLiteral("items"), &proto::Member::fromJson));
    });
}

Result<ChangeSet> ApiClient::parseChangeSet(const QJsonObject &json)
{
    QJsonObject rest = json;
    const QJsonValue school = rest.take(QStringLiteral("school"));
    JsonReader r(rest);
    ChangeSet set;
    const QJsonArray members = r.requireArray(QStringLiteral("members"));
    set.cursor = r.requireString(QStringLiteral("cursor"), 64);
    if (!r.failed() && set.cursor.isEmpty())
        r.fail(QStringLiteral("cursor"), tr("must not be empty"));
    if (!r.failed() && !rest.value(QStringLiteral("more")).isBool())
        r.fail(QStringLiteral("more"), tr("must be true or false"));
    set.more = r.optionalBool(QStringLiteral("more"), false);
    set.unreportedDecisions = int(r.requireInteger(QStringLiteral("unreportedDecisions"), 0, 100'000'000));
    if (auto err = r.finish())
        return badResponse<ChangeSet>(*err);
    if (!school.isUndefined() && !school.isNull()) {
        if (!school.isObject())
            return Error{QString::fromLatin1(errc::BadResponse), tr("school: must be an object")};
        auto parsed = proto::School::fromJson(school.toObject());
        if (!parsed)
            return badResponse<ChangeSet>(parsed.error());
        set.school = parsed.value();
    }
    set.members.reserve(members.size());
    for (qsizetype i = 0; i < members.size(); ++i) {
        if (!members.at(i).isObject())
            return Error{QString::fromLatin1(errc::BadResponse), tr("members[%1]: must be an object").arg(i)};
        auto m = proto::Member::fromJson(members.at(i).toObject());
        if (!m)
            return badResponse<ChangeSet>(m.error());
        set.members.append(std::move(m).value());
    }
    return set;
}

void ApiClient::changes(qint64 schoolId, const QString &cursor, int limit, Callback<ChangeSet> done)
{
    QStringList query;
    if (!cursor.isEmpty()) // opaque: sent exactly as received, whatever it holds
        query.append(QStringLiteral("since=") + QString::fromLatin1(QUrl::toPercentEncoding(cursor)));
    if (limit > 0)
        query.append(QStringLiteral("limit=%1").arg(limit));
    QString path = QStringLiteral("/api/v1/schools/%1/changes").arg(schoolId);
    if (!query.isEmpty())
        path += QLatin1Char('?') + query.join(QLatin1Char('&'));
    // A page can hold thousands of people (megabytes of JSON): it is parsed on a pool thread, so the window does not
    // wait for it; the answer is delivered on this object's thread, as every other one. Errors take the usual path.
    auto shared = std::make_shared<Callback<ChangeSet>>(std::move(done));
    QPointer<ApiClient> self(this);
    sendWith(
        "GET", path, std::nullopt,
        [shared](Result<QJsonObject> r) { (*shared)(r ? parseChangeSet(r.value()) : r.error()); },
        [self, shared](QByteArray body) {
            if (self)
                self->parseOnPool<ChangeSet>(std::move(body), shared, &parseChangeSet);
        });
}

template<typename T>
void ApiClient::parseOnPool(QByteArray body, std::shared_ptr<Callback<T>> done, Result<T> (*parse)(const QJsonObject &))
{
    QPointer<ApiClient> self(this);
    QThreadPool::globalInstance()->start([self, done, parse, body = std::move(body)] {
        auto json = parseReply(200, body, QString());
        auto parsed = std::make_shared<Result<T>>(json ? parse(json.value()) : Result<T>(json.error()));
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, done, parsed] {
                if (self) // the client went away meanwhile: nobody waits for this answer
                    (*done)(std::move(*parsed));
            },
            Qt::QueuedConnection);
    });
}

namespace {

Result<DecisionBatchAnswer> parseDecisionAnswer(const QJsonObject &json)
{
    auto results = parseArray<proto::DecisionResult>(json, QStringLiteral("results"), &proto::DecisionResult::fromJson);
    if (!results)
        return results.error();
    return DecisionBatchAnswer{results.value(), json.value(QStringLiteral("unreportedDecisions")).toInt()};
}

} // namespace

void ApiClient::submitDecisions(qint64 schoolId, const QList<proto::DecisionItem> &items,
    Callback<DecisionBatchAnswer> done, std::function<void()> uploaded)
{
    QJsonArray array;
    for (const auto &item : items)
        array.append(item.toJson());
    // The answer to a batch of a thousand is parsed on a pool thread, as a change-feed page is.
    auto shared = std::make_shared<Callback<DecisionBatchAnswer>>(std::move(done));
    QPointer<ApiClient> self(this);
    sendWith(
        "POST", QStringLiteral("/api/v1/schools/%1/decisions").arg(schoolId),
        QJsonObject{{QStringLiteral("items"), array}},
        [shared](Result<QJsonObject> r) { (*shared)(r ? parseDecisionAnswer(r.value()) : r.error()); },
        [self, shared](QByteArray body) {
            if (self)
                self->parseOnPool<DecisionBatchAnswer>(std::move(body), shared, &parseDecisionAnswer);
        },
        std::move(uploaded));
}

void ApiClient::sendReport(qint64 schoolId, const proto::ReportRequest &request, Callback<proto::Report> done)
{
    send("POST", QStringLiteral("/api/v1/schools/%1/reports").arg(schoolId), request.toJson(),
        [done = std::move(done)](Result<QJsonObject> r) {
            if (!r)
                return done(r.error());
            auto rep = proto::Report::fromJson(r.value());
            done(rep ? std::move(rep) : badResponse<proto::Report>(rep.error()));
        });
}

void ApiClient::reports(qint64 schoolId, Callback<ReportList> done)
{
    send("GET", QStringLiteral("/api/v1/schools/%1/reports").arg(schoolId), std::nullopt,
        [done = std::move(done)](Result<QJsonObject> r) {
            if (!r)
                return done(r.error());
            auto items = parseArray<proto::Report>(r.value(), QStringLiteral("items"), &proto::Report::fromJson);
            if (!items)
                return done(items.error());
            done(ReportList{items.value(), r->value(QStringLiteral("unreportedDecisions")).toInt()});
        });
}

void ApiClient::report(qint64 schoolId, qint64 reportId, Callback<proto::Report> done)
{
    send("GET", QStringLiteral("/api/v1/schools/%1/reports/%2").arg(schoolId).arg(reportId), std::nullopt,
        [done = std::move(done)](Result<QJsonObject> r) {
            if (!r)
                return done(r.error());
            auto rep = proto::Report::fromJson(r.value());
            done(rep ? std::move(rep) : badResponse<proto::Report>(rep.error()));
        });
}

void ApiClient::reportPreview(qint64 schoolId, Callback<proto::Report> done)
{
    send("GET", QStringLiteral("/api/v1/schools/%1/reports/preview").arg(schoolId), std::nullopt,
        [done = std::move(done)](Result<QJsonObject> r) {
            if (!r)
                return done(r.error());
            auto rep = proto::Report::fromJson(r.value());
            done(rep ? std::move(rep) : badResponse<proto::Report>(rep.error()));
        });
}

void ApiClient::sendForBytes(const QString &path, BytesCallback done)
{
    QNetworkReply *reply = start("GET", path, std::nullopt);
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        if (status >= 200 && status < 300) {
            done(RawReply{status, reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(), body});
            return;
        }
        auto parsed = parseReply(status, body, status == 0 ? reply->errorString() : QString());
        if (!parsed && parsed.error().httpStatus == 401 && !m_token.isEmpty())
            emit sessionExpired();
        Error error = parsed
            ? Error{QString::fromLatin1(errc::BadResponse), tr("The server's answer is not valid JSON."), status}
            : parsed.error();
        error.retryAfterSecs = retryAfterSecs(reply);
        done(std::move(error));
    });
}

template<typename T>
void ApiClient::getObject(const QString &path, Callback<T> done, Result<T> (*parse)(const QJsonObject &))
{
    send("GET", path, std::nullopt, [done = std::move(done), parse](Result<QJsonObject> r) {
        if (!r)
            return done(r.error());
        auto v = parse(r.value());
        done(v ? std::move(v) : badResponse<T>(v.error()));
    });
}

template<typename T>
void ApiClient::postObject(
    const QString &path, const QJsonObject &body, Callback<T> done, Result<T> (*parse)(const QJsonObject &))
{
    send("POST", path, body, [done = std::move(done), parse](Result<QJsonObject> r) {
        if (!r)
            return done(r.error());
        auto v = parse(r.value());
        done(v ? std::move(v) : badResponse<T>(v.error()));
    });
}

void ApiClient::graduate(qint64 schoolId, const QList<int> &grades, Callback<int> done)
{
    QJsonArray list;
    for (int g : grades)
        list.append(g);
    send("POST", QStringLiteral("/api/v1/schools/%1/graduations").arg(schoolId),
        QJsonObject{{QStringLiteral("grades"), list}}, [done = std::move(done)](Result<QJsonObject> r) {
            if (!r)
                return done(r.error());
            done(r->value(QStringLiteral("changed")).toInt());
        });
}

void ApiClient::consentText(Callback<proto::ConsentText> done)
{
    getObject<proto::ConsentText>(QStringLiteral("/api/v1/consent"), std::move(done), &proto::ConsentText::fromJson);
}

void ApiClient::directorCard(qint64 schoolId, Callback<proto::DirectorCard> done)
{
    getObject<proto::DirectorCard>(
        QStringLiteral("/api/v1/schools/%1/director").arg(schoolId), std::move(done), &proto::DirectorCard::fromJson);
}

void ApiClient::giveConsent(qint64 schoolId, const QString &version, Callback<proto::DirectorCard> done)
{
    postObject<proto::DirectorCard>(QStringLiteral("/api/v1/schools/%1/director/consent").arg(schoolId),
        QJsonObject{{QStringLiteral("version"), version}}, std::move(done), &proto::DirectorCard::fromJson);
}

void ApiClient::submitDirector(
    qint64 schoolId, const proto::DirectorSubmission &submission, Callback<proto::DirectorRequest> done)
{
    postObject<proto::DirectorRequest>(QStringLiteral("/api/v1/schools/%1/director/submissions").arg(schoolId),
        submission.toJson(), std::move(done), &proto::DirectorRequest::fromJson);
}

void ApiClient::notifications(qint64 schoolId, Callback<QList<proto::Notification>> done)
{
    send("GET", QStringLiteral("/api/v1/schools/%1/notifications").arg(schoolId), std::nullopt,
        [done = std::move(done)](Result<QJsonObject> r) {
            if (!r)
                return done(r.error());
            done(parseArray<proto::Notification>(r.value(), QStringLiteral("items"), &proto::Notification::fromJson));
        });
}

void ApiClient::applications(std::optional<qint64> schoolId, Callback<QList<proto::Application>> done)
{
    QString path = QStringLiteral("/api/v1/applications");
    if (schoolId)
        path += QStringLiteral("?schoolId=%1").arg(*schoolId);
    send("GET", path, std::nullopt, [done = std::move(done)](Result<QJsonObject> r) {
        if (!r)
            return done(r.error());
        done(parseArray<proto::Application>(r.value(), QStringLiteral("items"), &proto::Application::fromJson));
    });
}

void ApiClient::directorRequests(const QString &status, Callback<QList<proto::DirectorRequest>> done)
{
    QString path = QStringLiteral("/api/v1/director-requests");
    if (!status.isEmpty())
        path += QStringLiteral("?status=") + status;
    send("GET", path, std::nullopt, [done = std::move(done)](Result<QJsonObject> r) {
        if (!r)
            return done(r.error());
        done(parseArray<proto::DirectorRequest>(r.value(), QStringLiteral("items"), &proto::DirectorRequest::fromJson));
    });
}

void ApiClient::directorRequest(qint64 requestId, Callback<proto::DirectorRequest> done)
{
    getObject<proto::DirectorRequest>(QStringLiteral("/api/v1/director-requests/%1").arg(requestId), std::move(done),
        &proto::DirectorRequest::fromJson);
}

void ApiClient::orderFile(qint64 requestId, Callback<proto::OrderFile> done)
{
    sendForBytes(QStringLiteral("/api/v1/director-requests/%1/order").arg(requestId),
        [done = std::move(done)](Result<RawReply> r) {
            if (!r)
                return done(r.error());
            proto::OrderFile f;
            f.data = r->body;
            f.contentType = proto::OrderFile::detectType(f.data); // trust the bytes, not the header
            if (f.contentType.isEmpty())
                return done(Error{QString::fromLatin1(errc::BadResponse),
                    tr("The attached file is not a PDF, JPEG or PNG file."), r->status});
            done(f);
        });
}

void ApiClient::decideDirector(
    qint64 requestId, bool approve, const QString &reason, qint64 baseVersion, Callback<proto::DirectorRequest> done)
{
    QJsonObject body{{QStringLiteral("verdict"), approve ? QStringLiteral("approve") : QStringLiteral("reject")},
        {QStringLiteral("baseVersion"), baseVersion}};
    if (!reason.isEmpty())
        body.insert(QStringLiteral("reason"), reason);
    postObject<proto::DirectorRequest>(QStringLiteral("/api/v1/director-requests/%1/decision").arg(requestId), body,
        std::move(done), &proto::DirectorRequest::fromJson);
}

} // namespace sg::client
