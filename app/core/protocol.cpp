#include "core/protocol.h"

#include "core/errorcodes.h"
#include "core/jsonreader.h"
#include "core/jsonwriter.h"
#include "core/utc.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

#include <algorithm>

namespace sg::proto {

namespace {

constexpr qint64 kMaxId = (qint64(1) << 53) - 1; // exact in a JSON number

QString tr(const char *text)
{
    return QCoreApplication::translate("sg::proto", text);
}

template<typename E>
E readEnum(JsonReader &r, const QString &key, std::optional<E> (*parse)(const QString &), E fallback)
{
    const QString text = r.requireString(key, 32);
    if (r.failed())
        return fallback;
    if (auto v = parse(text))
        return *v;
    r.fail(key, tr("has an unknown value \"%1\"").arg(text));
    return fallback;
}

template<typename T>
Result<T> done(JsonReader &r, T value)
{
    if (auto err = r.finish())
        return *err;
    return value;
}

} // namespace

namespace {

constexpr qint64 kMsPerDay = 86400000;

// Days since 1970-01-01 of a date in the proleptic Gregorian calendar, and back (H. Hinnant's civil algorithms).
constexpr qint64 daysFromCivil(qint64 y, int m, int d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const qint64 yoe = y - era * 400;
    const qint64 doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const qint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

constexpr void civilFromDays(qint64 z, qint64 &y, int &m, int &d)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    d = int(doy - (153 * mp + 2) / 5 + 1);
    m = int(mp < 10 ? mp + 3 : mp - 9);
    y = yoe + era * 400 + (m <= 2);
}

static_assert(daysFromCivil(1970, 1, 1) == 0);
static_assert(daysFromCivil(2000, 3, 1) == 11017);

void putDigits(char *out, qint64 value, int width)
{
    for (int i = width - 1; i >= 0; --i, value /= 10)
        out[i] = char('0' + value % 10);
}

} // namespace

// The one form the protocol writes, "2026-09-01T09:00:00.000Z", composed by hand: QDateTime::toString is slow enough
// to matter when thousands of records are written. Years outside 1..9999 go through Qt.
QString formatTimestamp(const QDateTime &dt)
{
    if (!dt.isValid())
        return {};
    const qint64 ms = dt.toMSecsSinceEpoch();
    qint64 days = ms / kMsPerDay;
    qint64 msOfDay = ms % kMsPerDay;
    if (msOfDay < 0) {
        msOfDay += kMsPerDay;
        --days;
    }
    qint64 year = 0;
    int month = 0, day = 0;
    civilFromDays(days, year, month, day);
    if (year < 1 || year > 9999)
        return dt.toUTC().toString(Qt::ISODateWithMs);
    char text[24] = {0, 0, 0, 0, '-', 0, 0, '-', 0, 0, 'T', 0, 0, ':', 0, 0, ':', 0, 0, '.', 0, 0, 0, 'Z'};
    putDigits(text, year, 4);
    putDigits(text + 5, month, 2);
    putDigits(text + 8, day, 2);
    putDigits(text + 11, msOfDay / 3600000, 2);
    putDigits(text + 14, msOfDay / 60000 % 60, 2);
    putDigits(text + 17, msOfDay / 1000 % 60, 2);
    putDigits(text + 20, msOfDay % 1000, 3);
    return QString::fromLatin1(text, 24);
}

QDateTime readTimestamp(JsonReader &r, const QString &key, bool required)
{
    const auto text = r.optionalString(key, 40);
    if (!text || text->isEmpty()) {
        if (required && !r.failed())
            r.fail(key, tr("is required"));
        return {};
    }
    if (auto dt = parseTimestamp(*text))
        return *dt;
    r.fail(key, tr("is not an ISO 8601 date and time"));
    return {};
}

std::optional<QDateTime> parseTimestamp(const QString &text)
{
    // The form formatTimestamp() writes is read by hand; anything else (offsets, no milliseconds) goes through Qt.
    if (text.size() == 24 && text.at(23) == QLatin1Char('Z')) {
        static constexpr char kPattern[] = "dddd-dd-ddTdd:dd:dd.ddd";
        bool exact = true;
        qint64 n[7] = {};
        int field = 0;
        for (int i = 0; i < 23 && exact; ++i) {
            const char16_t c = text.at(i).unicode();
            if (kPattern[i] == 'd') {
                exact = c >= u'0' && c <= u'9';
                n[field] = n[field] * 10 + (c - u'0');
            } else {
                exact = c == char16_t(kPattern[i]);
                ++field;
            }
        }
        if (exact) {
            const qint64 days = daysFromCivil(n[0], int(n[1]), int(n[2]));
            qint64 y = 0;
            int m = 0, d = 0;
            civilFromDays(days, y, m, d);
            // A real date (no 31 April) and time of day; 24:00 and leap seconds are left to Qt.
            if (n[0] >= 1 && n[1] >= 1 && n[1] <= 12 && n[2] >= 1 && y == n[0] && m == n[1] && d == n[2] && n[3] < 24
                && n[4] < 60 && n[5] < 60) {
                const qint64 ms = days * kMsPerDay + ((n[3] * 60 + n[4]) * 60 + n[5]) * 1000 + n[6];
                return utcFromMSecs(ms);
            }
        }
    }
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(text, Qt::ISODate);
    if (!dt.isValid())
        return std::nullopt;
    return dt.toUTC();
}

QJsonObject LoginRequest::toJson() const
{
    return {{QStringLiteral("login"), login}, {QStringLiteral("password"), password}};
}

Result<LoginRequest> LoginRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    LoginRequest v;
    v.login = r.requireString(QStringLiteral("login"), 128);
    v.password = r.requireString(QStringLiteral("password"), 128);
    return done(r, v);
}

QJsonObject UserInfo::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), id}, {QStringLiteral("login"), login},
        {QStringLiteral("role"), toString(role)}, {QStringLiteral("displayName"), displayName},
        {QStringLiteral("mustChangePassword"), mustChangePassword}};
    o.insert(QStringLiteral("schoolId"), schoolId ? QJsonValue(*schoolId) : QJsonValue());
    if (offlineMaxDays > 0)
        o.insert(QStringLiteral("offlineMaxDays"), offlineMaxDays);
    return o;
}

Result<UserInfo> UserInfo::fromJson(const QJsonObject &json, const QString &path)
{
    JsonReader r(json, path);
    UserInfo v;
    v.id = r.requireInteger(QStringLiteral("id"), 1, kMaxId);
    v.login = r.requireString(QStringLiteral("login"), 128);
    v.role = readEnum(r, QStringLiteral("role"), &roleFromString, Role::School);
    v.schoolId = r.optionalInteger(QStringLiteral("schoolId"), 1, kMaxId);
    v.displayName = r.optionalString(QStringLiteral("displayName"), 300).value_or(QString());
    v.mustChangePassword = r.optionalBool(QStringLiteral("mustChangePassword"), false);
    v.offlineMaxDays = int(r.optionalInteger(QStringLiteral("offlineMaxDays"), 1, 3650).value_or(0));
    return done(r, v);
}

QJsonObject Membership::toJson() const
{
    return {{QStringLiteral("role"), toString(role)}, {QStringLiteral("status"), toString(status)},
        {QStringLiteral("className"), className}, {QStringLiteral("subject"), subject},
        {QStringLiteral("reason"), reason}};
}

Result<Membership> Membership::fromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("membership"));
    Membership v;
    v.role = readEnum(r, QStringLiteral("role"), &roleFromString, Role::Student);
    v.status = readEnum(r, QStringLiteral("status"), &memberStatusFromString, MemberStatus::Pending);
    v.className = r.optionalString(QStringLiteral("className"), 100).value_or(QString());
    v.subject = r.optionalString(QStringLiteral("subject"), 500).value_or(QString());
    v.reason = r.optionalString(QStringLiteral("reason"), 2000).value_or(QString());
    return done(r, v);
}

QString Application::fullName() const
{
    return QStringList{surname, name, patronymic}.join(QLatin1Char(' ')).simplified();
}

Result<Application> Application::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    Application v;
    v.id = r.requireInteger(QStringLiteral("id"), 1, kMaxId);
    v.schoolId = r.requireInteger(QStringLiteral("schoolId"), 1, kMaxId);
    v.schoolName = r.optionalString(QStringLiteral("schoolName"), 500).value_or(QString());
    v.role = readEnum(r, QStringLiteral("role"), &roleFromString, Role::Student);
    v.surname = r.optionalString(QStringLiteral("surname"), 200).value_or(QString());
    v.name = r.optionalString(QStringLiteral("name"), 200).value_or(QString());
    v.patronymic = r.optionalString(QStringLiteral("patronymic"), 200).value_or(QString());
    v.email = r.optionalString(QStringLiteral("email"), 320).value_or(QString());
    v.createdAt = readTimestamp(r, QStringLiteral("createdAt"), false);
    v.status = r.optionalString(QStringLiteral("status"), 40).value_or(QString());
    v.reason = r.optionalString(QStringLiteral("reason"), 2000).value_or(QString());
    v.memberId = r.optionalInteger(QStringLiteral("memberId"), 1, kMaxId);
    return done(r, v);
}

QJsonObject SessionInfo::toJson() const
{
    return {{QStringLiteral("token"), token}, {QStringLiteral("expiresAt"), formatTimestamp(expiresAt)},
        {QStringLiteral("user"), user.toJson()}};
}

Result<SessionInfo> SessionInfo::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    SessionInfo v;
    v.token = r.requireString(QStringLiteral("token"), 128);
    v.expiresAt = readTimestamp(r, QStringLiteral("expiresAt"), true);
    const QJsonObject user = r.requireObject(QStringLiteral("user"));
    if (auto err = r.finish())
        return *err;
    auto u = UserInfo::fromJson(user, QStringLiteral("user"));
    if (!u)
        return u.error();
    v.user = u.value();
    return v;
}

QString Member::fullName() const
{
    QString s = surname + QLatin1Char(' ') + name;
    if (!patronymic.isEmpty())
        s += QLatin1Char(' ') + patronymic;
    return s;
}

QJsonObject Member::toJson() const
{
    return {{QStringLiteral("id"), id}, {QStringLiteral("role"), toString(role)}, {QStringLiteral("surname"), surname},
        {QStringLiteral("name"), name}, {QStringLiteral("patronymic"), patronymic}, {QStringLiteral("email"), email},
        {QStringLiteral("subject"), subject}, {QStringLiteral("className"), className},
        {QStringLiteral("status"), toString(status)}, {QStringLiteral("reason"), reason},
        {QStringLiteral("version"), version}, {QStringLiteral("registeredAt"), formatTimestamp(registeredAt)},
        {QStringLiteral("esiaLevel"), esiaLevel}};
}

void Member::writeJson(JsonWriter &w) const
{
    w.beginObject();
    w.field("id", id);
    w.field("role", toString(role));
    w.field("surname", surname);
    w.field("name", name);
    w.field("patronymic", patronymic);
    w.field("email", email);
    w.field("subject", subject);
    w.field("className", className);
    w.field("status", toString(status));
    w.field("reason", reason);
    w.field("version", version);
    w.field("registeredAt", formatTimestamp(registeredAt));
    w.field("esiaLevel", esiaLevel);
    w.endObject();
}

QByteArray Member::toJsonBytes() const
{
    JsonWriter w(256);
    writeJson(w);
    return w.take();
}

Result<Member> Member::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    Member v;
    v.id = r.requireInteger(QStringLiteral("id"), 1, kMaxId);
    v.role = readEnum(r, QStringLiteral("role"), &roleFromString, Role::Teacher);
    v.surname = r.requireString(QStringLiteral("surname"), 100);
    v.name = r.requireString(QStringLiteral("name"), 100);
    v.patronymic = r.optionalString(QStringLiteral("patronymic"), 100).value_or(QString());
    v.email = r.optionalString(QStringLiteral("email"), 254).value_or(QString());
    v.subject = r.optionalString(QStringLiteral("subject"), 200).value_or(QString());
    v.className = r.optionalString(QStringLiteral("className"), 10).value_or(QString());
    v.status = readEnum(r, QStringLiteral("status"), &memberStatusFromString, MemberStatus::Pending);
    v.reason = r.optionalString(QStringLiteral("reason"), kMaxReasonLength).value_or(QString());
    v.version = r.requireInteger(QStringLiteral("version"), 1, kMaxId);
    v.registeredAt = readTimestamp(r, QStringLiteral("registeredAt"), false);
    v.esiaLevel = r.optionalString(QStringLiteral("esiaLevel"), 20).value_or(QString());
    return done(r, v);
}

QJsonObject DecisionItem::toJson() const
{
    QJsonObject o{{QStringLiteral("key"), key}, {QStringLiteral("memberId"), memberId},
        {QStringLiteral("verdict"), toString(verdict)}, {QStringLiteral("baseVersion"), baseVersion}};
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    return o;
}

Result<DecisionItem> DecisionItem::fromJson(const QJsonObject &json, const QString &path)
{
    JsonReader r(json, path);
    DecisionItem v;
    v.key = r.requireString(QStringLiteral("key"), kMaxKeyLength);
    if (!r.failed() && v.key.trimmed().size() < 8)
        r.fail(QStringLiteral("key"), QCoreApplication::translate("sg::proto", "must have at least 8 characters"));
    v.memberId = r.requireInteger(QStringLiteral("memberId"), 1, kMaxId);
    v.verdict = readEnum(r, QStringLiteral("verdict"), &verdictFromString, Verdict::Approve);
    v.reason = r.optionalString(QStringLiteral("reason"), kMaxReasonLength).value_or(QString()).trimmed();
    v.baseVersion = r.requireInteger(QStringLiteral("baseVersion"), 1, kMaxId);
    return done(r, v);
}

namespace {

// Reads the members of an OtherDecision from r, when the object has them (changedBy present: all but reason are
// required).
std::optional<OtherDecision> readOtherDecision(JsonReader &r, const QJsonObject &json)
{
    if (!json.contains(QStringLiteral("changedBy")))
        return std::nullopt;
    OtherDecision v;
    const QJsonObject by = r.requireObject(QStringLiteral("changedBy"));
    v.decidedAt = readTimestamp(r, QStringLiteral("changedAt"), true);
    v.previousStatus = readEnum(r, QStringLiteral("previousStatus"), &memberStatusFromString, MemberStatus::Pending);
    v.reason = r.optionalString(QStringLiteral("reason"), kMaxReasonLength).value_or(QString());
    if (r.failed())
        return std::nullopt;
    JsonReader inner(by);
    v.login = inner.requireString(QStringLiteral("login"), 254);
    v.role = readEnum(inner, QStringLiteral("role"), &roleFromString, Role::School);
    if (auto err = inner.finish()) {
        r.fail(QStringLiteral("changedBy"), err->message);
        return std::nullopt;
    }
    return v;
}

} // namespace

QJsonObject OtherDecision::toJson() const
{
    QJsonObject o{{QStringLiteral("changedBy"),
                      QJsonObject{{QStringLiteral("login"), login}, {QStringLiteral("role"), toString(role)}}},
        {QStringLiteral("changedAt"), formatTimestamp(decidedAt)},
        {QStringLiteral("previousStatus"), toString(previousStatus)}};
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    return o;
}

void OtherDecision::writeJson(JsonWriter &w) const
{
    w.key("changedBy");
    w.beginObject();
    w.field("login", login);
    w.field("role", toString(role));
    w.endObject();
    w.field("changedAt", formatTimestamp(decidedAt));
    w.field("previousStatus", toString(previousStatus));
    if (!reason.isEmpty())
        w.field("reason", reason);
}

Result<OtherDecision> OtherDecision::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    std::optional<OtherDecision> v = readOtherDecision(r, json);
    if (!v && !r.failed())
        r.fail(QStringLiteral("changedBy"), QCoreApplication::translate("sg::proto", "is required"));
    if (auto err = r.finish())
        return *err;
    return *v;
}

QJsonObject DecisionResult::toJson() const
{
    QJsonObject o{{QStringLiteral("key"), key}, {QStringLiteral("memberId"), memberId},
        {QStringLiteral("outcome"), toString(outcome)}, {QStringLiteral("version"), version}};
    if (status)
        o.insert(QStringLiteral("status"), toString(*status));
    if (!code.isEmpty())
        o.insert(QStringLiteral("code"), code);
    if (!message.isEmpty())
        o.insert(QStringLiteral("message"), message);
    if (other) {
        const QJsonObject details = other->toJson();
        for (auto it = details.begin(); it != details.end(); ++it)
            o.insert(it.key(), it.value());
    }
    return o;
}

void DecisionResult::writeJson(JsonWriter &w) const
{
    w.beginObject();
    w.field("key", key);
    w.field("memberId", memberId);
    w.field("outcome", toString(outcome));
    w.field("version", version);
    if (status)
        w.field("status", toString(*status));
    if (!code.isEmpty())
        w.field("code", code);
    if (!message.isEmpty())
        w.field("message", message);
    if (other)
        other->writeJson(w);
    w.endObject();
}

Result<DecisionResult> DecisionResult::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    DecisionResult v;
    v.key = r.requireString(QStringLiteral("key"), kMaxKeyLength);
    v.memberId = r.requireInteger(QStringLiteral("memberId"), 0, kMaxId);
    v.outcome = readEnum(r, QStringLiteral("outcome"), &decisionOutcomeFromString, DecisionOutcome::Invalid);
    v.version = r.requireInteger(QStringLiteral("version"), 0, kMaxId);
    if (auto s = r.optionalString(QStringLiteral("status"), 32)) {
        v.status = memberStatusFromString(*s);
        if (!v.status)
            r.fail(QStringLiteral("status"),
                QCoreApplication::translate("sg::proto", "has an unknown value \"%1\"").arg(*s));
    }
    v.code = r.optionalString(QStringLiteral("code"), 64).value_or(QString());
    v.message = r.optionalString(QStringLiteral("message"), 1000).value_or(QString());
    v.other = readOtherDecision(r, json);
    return done(r, v);
}

QJsonObject ReportLine::toJson() const
{
    QJsonObject o{{QStringLiteral("memberId"), memberId}, {QStringLiteral("fullName"), fullName},
        {QStringLiteral("role"), toString(role)}, {QStringLiteral("verdict"), toString(verdict)},
        {QStringLiteral("decidedAt"), formatTimestamp(decidedAt)}};
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    if (version > 0)
        o.insert(QStringLiteral("version"), version);
    return o;
}

Result<ReportLine> ReportLine::fromJson(const QJsonObject &json, const QString &path)
{
    JsonReader r(json, path);
    ReportLine v;
    v.memberId = r.requireInteger(QStringLiteral("memberId"), 1, kMaxId);
    v.fullName = r.requireString(QStringLiteral("fullName"), 400);
    v.role = readEnum(r, QStringLiteral("role"), &roleFromString, Role::Teacher);
    v.verdict = readEnum(r, QStringLiteral("verdict"), &verdictFromString, Verdict::Approve);
    v.reason = r.optionalString(QStringLiteral("reason"), kMaxReasonLength).value_or(QString());
    v.decidedAt = readTimestamp(r, QStringLiteral("decidedAt"), true);
    v.version = r.optionalInteger(QStringLiteral("version"), 1, kMaxId).value_or(0);
    return done(r, v);
}

QJsonObject Report::toJson(bool withLines) const
{
    QJsonObject o{{QStringLiteral("id"), id}, {QStringLiteral("schoolId"), schoolId},
        {QStringLiteral("number"), number}, {QStringLiteral("createdAt"), formatTimestamp(createdAt)},
        {QStringLiteral("createdBy"), createdBy}, {QStringLiteral("teachersApproved"), teachersApproved},
        {QStringLiteral("teachersRejected"), teachersRejected}, {QStringLiteral("studentsApproved"), studentsApproved},
        {QStringLiteral("studentsRejected"), studentsRejected}};
    if (withLines) {
        QJsonArray a;
        for (const auto &l : lines)
            a.append(l.toJson());
        o.insert(QStringLiteral("lines"), a);
    }
    return o;
}

Result<Report> Report::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    Report v;
    // id and number are 0 in a preview (a report not sent yet).
    v.id = r.requireInteger(QStringLiteral("id"), 0, kMaxId);
    v.schoolId = r.requireInteger(QStringLiteral("schoolId"), 1, kMaxId);
    v.number = int(r.requireInteger(QStringLiteral("number"), 0, 1'000'000'000));
    v.createdAt = readTimestamp(r, QStringLiteral("createdAt"), true);
    v.createdBy = r.optionalString(QStringLiteral("createdBy"), 300).value_or(QString());
    v.teachersApproved = int(r.requireInteger(QStringLiteral("teachersApproved"), 0, 100'000'000));
    v.teachersRejected = int(r.requireInteger(QStringLiteral("teachersRejected"), 0, 100'000'000));
    v.studentsApproved = int(r.requireInteger(QStringLiteral("studentsApproved"), 0, 100'000'000));
    v.studentsRejected = int(r.requireInteger(QStringLiteral("studentsRejected"), 0, 100'000'000));
    QJsonArray lines;
    if (json.contains(QStringLiteral("lines")))
        lines = r.requireArray(QStringLiteral("lines"));
    if (auto err = r.finish())
        return *err;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString path = QStringLiteral("lines[%1]").arg(i);
        if (!lines.at(i).isObject())
            return Error{QString::fromLatin1(errc::ValidationFailed),
                path + QStringLiteral(": ") + QCoreApplication::translate("sg::JsonReader", "must be an object"), 422};
        auto line = ReportLine::fromJson(lines.at(i).toObject(), path);
        if (!line)
            return line.error();
        v.lines.append(line.value());
    }
    return v;
}

QJsonObject ReportSnapshot::toJson() const
{
    QJsonArray approve;
    QJsonArray reject;
    for (const ReportSnapshotLine &l : lines)
        (l.verdict == Verdict::Reject ? reject : approve).append(QJsonArray{l.memberId, l.version});
    return {{QStringLiteral("approve"), approve}, {QStringLiteral("reject"), reject}};
}

Result<ReportSnapshot> ReportSnapshot::fromJson(const QJsonObject &json, const QString &path)
{
    JsonReader r(json, path);
    const QJsonArray approve = r.requireArray(QStringLiteral("approve"));
    const QJsonArray reject = r.requireArray(QStringLiteral("reject"));
    if (auto err = r.finish())
        return *err;
    if (approve.size() + reject.size() > kMaxReportLines)
        return Error{QString::fromLatin1(errc::ValidationFailed),
            r.pathOf(QStringLiteral("approve")) + QStringLiteral(": ")
                + QCoreApplication::translate("sg::proto", "a snapshot holds at most %1 decisions")
                      .arg(kMaxReportLines),
            422};
    ReportSnapshot v;
    QSet<qint64> seen;
    const auto read = [&](const QJsonArray &list, const QString &key, Verdict verdict) -> std::optional<Error> {
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString at = r.pathOf(key) + QStringLiteral("[%1]").arg(i);
            const QJsonArray pair = list.at(i).toArray();
            const auto whole = [](const QJsonValue &x) {
                return x.isDouble() && x.toDouble() >= 1 && x.toDouble() <= double(kMaxId)
                    && x.toDouble() == double(qint64(x.toDouble()));
            };
            if (!list.at(i).isArray() || pair.size() != 2 || !whole(pair.at(0)) || !whole(pair.at(1)))
                return Error{QString::fromLatin1(errc::ValidationFailed),
                    at + QStringLiteral(": ")
                        + QCoreApplication::translate("sg::proto", "must be [person id, version]"),
                    422};
            const qint64 memberId = qint64(pair.at(0).toDouble());
            if (seen.contains(memberId))
                return Error{QString::fromLatin1(errc::ValidationFailed),
                    at + QStringLiteral(": ")
                        + QCoreApplication::translate("sg::proto", "names a person already in the snapshot"),
                    422};
            seen.insert(memberId);
            v.lines.append({memberId, verdict, qint64(pair.at(1).toDouble())});
        }
        return std::nullopt;
    };
    if (auto err = read(approve, QStringLiteral("approve"), Verdict::Approve))
        return *err;
    if (auto err = read(reject, QStringLiteral("reject"), Verdict::Reject))
        return *err;
    return v;
}

ReportSnapshot ReportSnapshot::of(const Report &preview)
{
    ReportSnapshot out;
    out.lines.reserve(preview.lines.size());
    for (const ReportLine &line : preview.lines)
        out.lines.append({line.memberId, line.verdict, line.version});
    return out;
}

bool ReportSnapshot::sameAs(const ReportSnapshot &other) const
{
    if (lines.size() != other.lines.size())
        return false;
    const auto byMember = [](const ReportSnapshotLine &x, const ReportSnapshotLine &y) {
        return x.memberId < y.memberId;
    };
    QList<ReportSnapshotLine> a = lines;
    QList<ReportSnapshotLine> b = other.lines;
    std::sort(a.begin(), a.end(), byMember);
    std::sort(b.begin(), b.end(), byMember);
    return a == b;
}

QJsonObject ReportRequest::toJson() const
{
    QJsonObject o{{QStringLiteral("key"), key}};
    if (snapshot)
        o.insert(QStringLiteral("decisions"), snapshot->toJson());
    return o;
}

Result<ReportRequest> ReportRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    ReportRequest v;
    v.key = r.requireString(QStringLiteral("key"), kMaxKeyLength);
    if (!r.failed() && v.key.trimmed().size() < 8)
        r.fail(QStringLiteral("key"), QCoreApplication::translate("sg::proto", "must have at least 8 characters"));
    QJsonObject snapshot;
    const bool hasSnapshot = json.contains(QStringLiteral("decisions"));
    if (hasSnapshot)
        snapshot = r.requireObject(QStringLiteral("decisions"));
    if (auto err = r.finish())
        return *err;
    if (hasSnapshot) {
        auto parsed = ReportSnapshot::fromJson(snapshot, QStringLiteral("decisions"));
        if (!parsed)
            return parsed.error();
        v.snapshot = parsed.value();
    }
    return v;
}

QJsonObject School::toJson() const
{
    return {{QStringLiteral("id"), id}, {QStringLiteral("inn"), inn}, {QStringLiteral("kpp"), kpp},
        {QStringLiteral("ogrn"), ogrn}, {QStringLiteral("name"), name}, {QStringLiteral("shortName"), shortName},
        {QStringLiteral("region"), region}, {QStringLiteral("address"), address}, {QStringLiteral("email"), email},
        {QStringLiteral("directorStatus"), directorStatus},
        {QStringLiteral("unreportedDecisions"), unreportedDecisions}, {QStringLiteral("applyUrl"), applyUrl}};
}

Result<School> School::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    School v;
    v.id = r.requireInteger(QStringLiteral("id"), 1, kMaxId);
    v.inn = r.requireString(QStringLiteral("inn"), 12);
    v.kpp = r.optionalString(QStringLiteral("kpp"), 9).value_or(QString());
    v.ogrn = r.optionalString(QStringLiteral("ogrn"), 15).value_or(QString());
    v.name = r.requireString(QStringLiteral("name"), 500);
    v.shortName = r.optionalString(QStringLiteral("shortName"), 200).value_or(QString());
    v.region = r.optionalString(QStringLiteral("region"), 200).value_or(QString());
    v.address = r.optionalString(QStringLiteral("address"), 500).value_or(QString());
    v.email = r.optionalString(QStringLiteral("email"), 254).value_or(QString());
    v.directorStatus = r.optionalString(QStringLiteral("directorStatus"), 32).value_or(QString());
    v.unreportedDecisions = int(r.optionalInteger(QStringLiteral("unreportedDecisions"), 0, 100'000'000).value_or(0));
    v.applyUrl = r.optionalString(QStringLiteral("applyUrl"), 2000).value_or(QString());
    if (!v.applyUrl.isEmpty()) {
        const QUrl url(v.applyUrl, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
            v.applyUrl.clear(); // only a web address is ever shown as a link
    }
    return done(r, v);
}

} // namespace sg::proto
