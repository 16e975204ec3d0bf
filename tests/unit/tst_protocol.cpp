#include "core/directorprotocol.h"
#include "core/errorcodes.h"
#include "core/jsonreader.h"
#include "core/jsonwriter.h"
#include "core/protocol.h"
#include "core/utc.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>
#include <QTimeZone>

#include <functional>

using namespace sg;

// JSON round trips of every DTO of the /api/v1 protocol, and the strict parser: wrong types, missing
// members, unknown members, out-of-range and non-integer numbers and unknown enum values each produce an
// Error whose message starts with the path of the member ("items[3].memberId: ...").
namespace {

QString s(const char16_t *text)
{
    return QString::fromUtf16(text);
}

QDateTime at(int h, int m, int sec, int ms)
{
    return utcDateTime(QDate(2026, 9, 1), QTime(h, m, sec, ms));
}

QJsonObject parseObject(const QByteArray &json)
{
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("test data is not a JSON object: %s", json.constData());
    return doc.object();
}

// Runs the fromJson() of the named DTO and returns its error, if any.
std::optional<Error> parseAs(const QString &dto, const QJsonObject &json)
{
    const auto errorOf = [](const auto &result) -> std::optional<Error> {
        if (result.ok())
            return std::nullopt;
        return result.error();
    };
    if (dto == QLatin1String("LoginRequest"))
        return errorOf(proto::LoginRequest::fromJson(json));
    if (dto == QLatin1String("UserInfo"))
        return errorOf(proto::UserInfo::fromJson(json));
    if (dto == QLatin1String("SessionInfo"))
        return errorOf(proto::SessionInfo::fromJson(json));
    if (dto == QLatin1String("Member"))
        return errorOf(proto::Member::fromJson(json));
    if (dto == QLatin1String("DecisionItem"))
        return errorOf(proto::DecisionItem::fromJson(json, QStringLiteral("items[3]")));
    if (dto == QLatin1String("DecisionResult"))
        return errorOf(proto::DecisionResult::fromJson(json));
    if (dto == QLatin1String("ReportLine"))
        return errorOf(proto::ReportLine::fromJson(json));
    if (dto == QLatin1String("Report"))
        return errorOf(proto::Report::fromJson(json));
    if (dto == QLatin1String("School"))
        return errorOf(proto::School::fromJson(json));
    qFatal("unknown DTO in test data");
    return std::nullopt;
}

// Valid documents, one per DTO; the bad rows of the table are derived from these by small edits.
QByteArray validJson(const QString &dto)
{
    if (dto == QLatin1String("LoginRequest"))
        return R"({"login":"demo-school","password":"a long enough password"})";
    if (dto == QLatin1String("UserInfo"))
        return R"({"id":7,"login":"demo-school","role":"school","schoolId":3,"displayName":"X","mustChangePassword":false})";
    if (dto == QLatin1String("SessionInfo"))
        return R"({"token":"abc","expiresAt":"2026-09-01T21:00:00.000Z",)"
               R"("user":{"id":7,"login":"demo-school","role":"school","schoolId":3}})";
    if (dto == QLatin1String("Member"))
        return R"({"id":5,"role":"student","surname":"A","name":"B","status":"pending","version":1})";
    if (dto == QLatin1String("DecisionItem"))
        return R"({"key":"0123456789","memberId":5,"verdict":"approve","baseVersion":1})";
    if (dto == QLatin1String("DecisionResult"))
        return R"({"key":"0123456789","memberId":5,"outcome":"applied","version":2,"status":"approved"})";
    if (dto == QLatin1String("ReportLine"))
        return R"({"memberId":5,"fullName":"A B","role":"student","verdict":"approve","decidedAt":"2026-09-01T09:00:00.000Z"})";
    if (dto == QLatin1String("Report"))
        return R"({"id":1,"schoolId":3,"number":1,"createdAt":"2026-09-01T09:00:00.000Z","teachersApproved":1,)"
               R"("teachersRejected":0,"studentsApproved":0,"studentsRejected":0,"lines":[]})";
    if (dto == QLatin1String("School"))
        return R"({"id":3,"inn":"7707083893","name":"School"})";
    qFatal("unknown DTO in test data");
    return {};
}

QJsonObject with(const QString &dto, const QString &key, const QJsonValue &value)
{
    QJsonObject o = parseObject(validJson(dto));
    o.insert(key, value);
    return o;
}

QJsonObject without(const QString &dto, const QString &key)
{
    QJsonObject o = parseObject(validJson(dto));
    o.remove(key);
    return o;
}

QJsonObject reportLine()
{
    return parseObject(validJson(QStringLiteral("ReportLine")));
}

// Enums are compared by their wire names (QTest cannot print them: sg::toString returns a QString).
template<typename E>
QString name(E value)
{
    return sg::toString(value);
}

template<typename E>
QString name(const std::optional<E> &value)
{
    return value ? sg::toString(*value) : QStringLiteral("(none)");
}

} // namespace

class TestProtocol : public QObject
{
    Q_OBJECT

private slots:
    void loginRequestRoundTrip();
    void userInfoRoundTrip_data();
    void userInfoRoundTrip();
    void sessionInfoRoundTrip();
    void memberRoundTrip();
    void decisionItemRoundTrip_data();
    void decisionItemRoundTrip();
    void decisionResultRoundTrip_data();
    void decisionResultRoundTrip();
    void reportLineRoundTrip();
    void reportRoundTrip();
    void reportWithoutLines();
    void schoolRoundTrip();

    void validDocumentsParse_data();
    void validDocumentsParse();
    void strictParsing_data();
    void strictParsing();
    void firstProblemWins();

    void timestamps_data();
    void timestamps();
    void timestampsMatchQt();
    void enumNames();

    void jsonWriterEscapesLikeJson();
    void duplicateKeysFound_data();
    void duplicateKeysFound();
    void orderTooLargeIsTold();
    void jsonWriterNumbersAndNesting();
    void writtenMemberEqualsQtJson();
    void writtenDecisionResultEqualsQtJson();
};

void TestProtocol::loginRequestRoundTrip()
{
    const proto::LoginRequest in{QStringLiteral("demo-school"), s(u"пароль с пробелами и ё")};
    const auto out = proto::LoginRequest::fromJson(in.toJson());
    QVERIFY2(out.ok(), qPrintable(out.ok() ? QString() : out.error().message));
    QCOMPARE(out->login, in.login);
    QCOMPARE(out->password, in.password);
}

void TestProtocol::userInfoRoundTrip_data()
{
    QTest::addColumn<bool>("hasSchool");
    QTest::addColumn<int>("role");
    QTest::addColumn<bool>("mustChange");
    QTest::newRow("school account") << true << int(Role::School) << false;
    QTest::newRow("teacher who must change password") << true << int(Role::Teacher) << true;
    QTest::newRow("operator without school (null schoolId)") << false << int(Role::Operator) << false;
}

void TestProtocol::userInfoRoundTrip()
{
    QFETCH(bool, hasSchool);
    QFETCH(int, role);
    QFETCH(bool, mustChange);
    proto::UserInfo in;
    in.id = 42;
    in.login = QStringLiteral("someone");
    in.role = Role(role);
    if (hasSchool)
        in.schoolId = 9007199254740991; // 2^53 - 1: the largest id a JSON number carries exactly
    in.displayName = s(u"Ёлкина Алёна Петровна");
    in.mustChangePassword = mustChange;

    const QJsonObject json = in.toJson();
    QVERIFY(json.contains(QStringLiteral("schoolId"))); // null, not absent, for accounts without a school
    QCOMPARE(json.value(QStringLiteral("schoolId")).isNull(), !hasSchool);
    const auto out = proto::UserInfo::fromJson(json);
    QVERIFY2(out.ok(), qPrintable(out.ok() ? QString() : out.error().message));
    QCOMPARE(out->id, in.id);
    QCOMPARE(out->login, in.login);
    QCOMPARE(name(out->role), name(in.role));
    QCOMPARE(out->schoolId, in.schoolId);
    QCOMPARE(out->displayName, in.displayName);
    QCOMPARE(out->mustChangePassword, in.mustChangePassword);
}

void TestProtocol::sessionInfoRoundTrip()
{
    proto::SessionInfo in;
    in.token = QStringLiteral("tOkEn_-0123456789");
    in.expiresAt = at(21, 0, 0, 5);
    in.user.id = 3;
    in.user.login = QStringLiteral("demo-teacher");
    in.user.role = Role::Teacher;
    in.user.schoolId = 1;
    const auto out = proto::SessionInfo::fromJson(in.toJson());
    QVERIFY2(out.ok(), qPrintable(out.ok() ? QString() : out.error().message));
    QCOMPARE(out->token, in.token);
    QCOMPARE(out->expiresAt, in.expiresAt);
    QCOMPARE(out->user.id, in.user.id);
    QCOMPARE(out->user.login, in.user.login);
    QCOMPARE(name(out->user.role), name(Role::Teacher));
    QCOMPARE(out->user.schoolId, std::optional<qint64>(1));
}

void TestProtocol::memberRoundTrip()
{
    proto::Member in;
    in.id = 77;
    in.role = Role::Student;
    in.surname = s(u"Петров-Водкин");
    in.name = s(u"Фёдор");
    in.patronymic = s(u"Семёнович");
    in.email = QStringLiteral("petrov@mail.example");
    in.subject = QString();
    in.className = s(u"11Б");
    in.status = MemberStatus::Rejected;
    in.reason = s(u"Не учится в школе");
    in.version = 4;
    in.registeredAt = at(8, 15, 30, 250);
    in.esiaLevel = QStringLiteral("confirmed");

    QCOMPARE(in.fullName(), s(u"Петров-Водкин Фёдор Семёнович"));
    const auto out = proto::Member::fromJson(in.toJson());
    QVERIFY2(out.ok(), qPrintable(out.ok() ? QString() : out.error().message));
    QCOMPARE(out->id, in.id);
    QCOMPARE(name(out->role), name(in.role));
    QCOMPARE(out->surname, in.surname);
    QCOMPARE(out->name, in.name);
    QCOMPARE(out->patronymic, in.patronymic);
    QCOMPARE(out->email, in.email);
    QCOMPARE(out->subject, in.subject);
    QCOMPARE(out->className, in.className);
    QCOMPARE(name(out->status), name(in.status));
    QCOMPARE(out->reason, in.reason);
    QCOMPARE(out->version, in.version);
    QCOMPARE(out->registeredAt, in.registeredAt);
    QCOMPARE(out->esiaLevel, in.esiaLevel);
    QCOMPARE(out->toJson(), in.toJson());

    // Without a patronymic the full name has no trailing space.
    in.patronymic.clear();
    QCOMPARE(in.fullName(), s(u"Петров-Водкин Фёдор"));
}

void TestProtocol::decisionItemRoundTrip_data()
{
    QTest::addColumn<int>("verdict");
    QTest::addColumn<QString>("reason");
    QTest::newRow("approve without reason") << int(Verdict::Approve) << QString();
    QTest::newRow("reject with reason") << int(Verdict::Reject) << s(u"Не работает в школе");
    QTest::newRow("reject with 500-character reason")
        << int(Verdict::Reject) << QString(proto::kMaxReasonLength, QChar(u'я'));
}

void TestProtocol::decisionItemRoundTrip()
{
    QFETCH(int, verdict);
    QFETCH(QString, reason);
    const proto::DecisionItem in{QString(proto::kMaxKeyLength, QLatin1Char('k')), 123, Verdict(verdict), reason, 7};
    const QJsonObject json = in.toJson();
    QCOMPARE(json.contains(QStringLiteral("reason")), !reason.isEmpty()); // an empty reason is not sent
    const auto out = proto::DecisionItem::fromJson(json, QStringLiteral("items[0]"));
    QVERIFY2(out.ok(), qPrintable(out.ok() ? QString() : out.error().message));
    QCOMPARE(out->key, in.key);
    QCOMPARE(out->memberId, in.memberId);
    QCOMPARE(name(out->verdict), name(in.verdict));
    QCOMPARE(out->reason, in.reason);
    QCOMPARE(out->baseVersion, in.baseVersion);
}

void TestProtocol::decisionResultRoundTrip_data()
{
    QTest::addColumn<int>("outcome");
    QTest::addColumn<bool>("hasStatus");
    QTest::addColumn<QString>("code");
    QTest::newRow("applied") << int(DecisionOutcome::Applied) << true << QString();
    QTest::newRow("duplicate") << int(DecisionOutcome::Duplicate) << true << QString();
    QTest::newRow("conflict") << int(DecisionOutcome::Conflict) << true << QStringLiteral("conflict");
    QTest::newRow("forbidden, no status") << int(DecisionOutcome::Forbidden) << false << QStringLiteral("forbidden");
    QTest::newRow("invalid") << int(DecisionOutcome::Invalid) << true << QStringLiteral("validation-failed");
}

void TestProtocol::decisionResultRoundTrip()
{
    QFETCH(int, outcome);
    QFETCH(bool, hasStatus);
    QFETCH(QString, code);
    proto::DecisionResult in;
    in.key = QStringLiteral("0123456789abcdef");
    in.memberId = 55;
    in.outcome = DecisionOutcome(outcome);
    if (hasStatus)
        in.status = MemberStatus::Approved;
    in.version = hasStatus ? 3 : 0;
    in.code = code;
    in.message = code.isEmpty() ? QString() : s(u"Сообщение");
    const auto out = proto::DecisionResult::fromJson(in.toJson());
    QVERIFY2(out.ok(), qPrintable(out.ok() ? QString() : out.error().message));
    QCOMPARE(out->key, in.key);
    QCOMPARE(out->memberId, in.memberId);
    QCOMPARE(name(out->outcome), name(in.outcome));
    QCOMPARE(name(out->status), name(in.status));
    QCOMPARE(out->version, in.version);
    QCOMPARE(out->code, in.code);
    QCOMPARE(out->message, in.message);
}

void TestProtocol::reportLineRoundTrip()
{
    proto::ReportLine in;
    in.memberId = 9;
    in.fullName = s(u"Ёлкин Артём Юрьевич");
    in.role = Role::Teacher;
    in.verdict = Verdict::Reject;
    in.reason = s(u"Уволился");
    in.decidedAt = at(10, 11, 12, 13);
    const auto out = proto::ReportLine::fromJson(in.toJson());
    QVERIFY2(out.ok(), qPrintable(out.ok() ? QString() : out.error().message));
    QCOMPARE(out->memberId, in.memberId);
    QCOMPARE(out->fullName, in.fullName);
    QCOMPARE(name(out->role), name(in.role));
    QCOMPARE(name(out->verdict), name(in.verdict));
    QCOMPARE(out->reason, in.reason);
    QCOMPARE(out->decidedAt, in.decidedAt);
}

void TestProtocol::reportRoundTrip()
{
    proto::Report in;
    in.id = 12;
    in.schoolId = 3;
    in.number = 2;
    in.createdAt = at(12, 0, 0, 999);
    in.createdBy = s(u"МБОУ СОШ № 17");
    in.teachersApproved = 2;
    in.teachersRejected = 1;
    in.studentsApproved = 0;
    in.studentsRejected = 0;
    for (int i = 0; i < 3; ++i) {
        proto::ReportLine l;
        l.memberId = 100 + i;
        l.fullName = QStringLiteral("Person %1").arg(i);
        l.role = Role::Teacher;
        l.verdict = i == 2 ? Verdict::Reject : Verdict::Approve;
        l.reason = i == 2 ? QStringLiteral("left") : QString();
        l.decidedAt = at(11, i, 0, 0);
        in.lines.append(l);
    }
    QCOMPARE(in.total(), 3);
    const auto out = proto::Report::fromJson(in.toJson());
    QVERIFY2(out.ok(), qPrintable(out.ok() ? QString() : out.error().message));
    QCOMPARE(out->id, in.id);
    QCOMPARE(out->schoolId, in.schoolId);
    QCOMPARE(out->number, in.number);
    QCOMPARE(out->createdAt, in.createdAt);
    QCOMPARE(out->createdBy, in.createdBy);
    QCOMPARE(out->teachersApproved, in.teachersApproved);
    QCOMPARE(out->teachersRejected, in.teachersRejected);
    QCOMPARE(out->studentsApproved, in.studentsApproved);
    QCOMPARE(out->studentsRejected, in.studentsRejected);
    QCOMPARE(out->lines.size(), in.lines.size());
    for (qsizetype i = 0; i < in.lines.size(); ++i) {
        QCOMPARE(out->lines.at(i).memberId, in.lines.at(i).memberId);
        QCOMPARE(name(out->lines.at(i).verdict), name(in.lines.at(i).verdict));
        QCOMPARE(out->lines.at(i).reason, in.lines.at(i).reason);
        QCOMPARE(out->lines.at(i).decidedAt, in.lines.at(i).decidedAt);
    }
}

void TestProtocol::reportWithoutLines()
{
    proto::Report in;
    in.id = 1;
    in.schoolId = 1;
    in.number = 1;
    in.createdAt = at(9, 0, 0, 0);
    in.studentsApproved = 5;
    proto::ReportLine l;
    l.memberId = 1;
    l.fullName = QStringLiteral("A B");
    l.decidedAt = at(9, 0, 0, 0);
    in.lines.append(l);
    const QJsonObject json = in.toJson(false);
    QVERIFY(!json.contains(QStringLiteral("lines")));
    const auto out = proto::Report::fromJson(json);
    QVERIFY2(out.ok(), qPrintable(out.ok() ? QString() : out.error().message));
    QVERIFY(out->lines.isEmpty());
    QCOMPARE(out->studentsApproved, 5);
    QCOMPARE(out->total(), 5);
}

void TestProtocol::schoolRoundTrip()
{
    proto::School in;
    in.id = 3;
    in.inn = QStringLiteral("7707083893");
    in.kpp = QStringLiteral("7707AB001");
    in.ogrn = QStringLiteral("1027700132195");
    in.name = s(u"Муниципальное бюджетное общеобразовательное учреждение «Школа № 1»");
    in.shortName = s(u"МБОУ Школа № 1");
    in.region = s(u"Тверская область");
    in.address = s(u"г. Тверь");
    in.email = QStringLiteral("school@example.org");
    in.directorStatus = QStringLiteral("confirmed");
    in.unreportedDecisions = 17;
    const auto out = proto::School::fromJson(in.toJson());
    QVERIFY2(out.ok(), qPrintable(out.ok() ? QString() : out.error().message));
    QCOMPARE(out->id, in.id);
    QCOMPARE(out->inn, in.inn);
    QCOMPARE(out->kpp, in.kpp);
    QCOMPARE(out->ogrn, in.ogrn);
    QCOMPARE(out->name, in.name);
    QCOMPARE(out->shortName, in.shortName);
    QCOMPARE(out->region, in.region);
    QCOMPARE(out->address, in.address);
    QCOMPARE(out->email, in.email);
    QCOMPARE(out->directorStatus, in.directorStatus);
    QCOMPARE(out->unreportedDecisions, in.unreportedDecisions);
}

void TestProtocol::validDocumentsParse_data()
{
    QTest::addColumn<QString>("dto");
    QTest::addColumn<QJsonObject>("json");
    for (const char *dto : {"LoginRequest", "UserInfo", "SessionInfo", "Member", "DecisionItem", "DecisionResult",
             "ReportLine", "Report", "School"}) {
        const QString name = QString::fromLatin1(dto);
        QTest::addRow("%s: base document", dto) << name << parseObject(validJson(name));
    }
    // Optional members may be null or absent.
    QTest::newRow("UserInfo: schoolId null")
        << QStringLiteral("UserInfo") << with(QStringLiteral("UserInfo"), QStringLiteral("schoolId"), QJsonValue());
    QTest::newRow("UserInfo: only required")
        << QStringLiteral("UserInfo") << parseObject(R"({"id":1,"login":"x","role":"operator"})");
    QTest::newRow("Member: patronymic null")
        << QStringLiteral("Member") << with(QStringLiteral("Member"), QStringLiteral("patronymic"), QJsonValue());
    QTest::newRow("Member: registeredAt with offset")
        << QStringLiteral("Member")
        << with(QStringLiteral("Member"), QStringLiteral("registeredAt"), QStringLiteral("2026-09-01T12:00:00+03:00"));
    QTest::newRow("DecisionItem: id 2^53-1") << QStringLiteral(
        "DecisionItem") << with(QStringLiteral("DecisionItem"), QStringLiteral("memberId"), 9007199254740991.0);
    QTest::newRow("DecisionItem: integral double 5.0")
        << QStringLiteral("DecisionItem") << with(QStringLiteral("DecisionItem"), QStringLiteral("memberId"), 5.0);
    QTest::newRow("Report: no lines member")
        << QStringLiteral("Report") << without(QStringLiteral("Report"), QStringLiteral("lines"));
}

void TestProtocol::validDocumentsParse()
{
    QFETCH(QString, dto);
    QFETCH(QJsonObject, json);
    const auto err = parseAs(dto, json);
    QVERIFY2(!err, qPrintable(err ? err->code + QStringLiteral(": ") + err->message : QString()));
}

void TestProtocol::strictParsing_data()
{
    QTest::addColumn<QString>("dto");
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("path"); // the message must start with "<path>: "

    const QString invalid = QString::fromLatin1(errc::ValidationFailed);
    const QString unknown = QString::fromLatin1(errc::UnknownField);
    const QString L = QStringLiteral("LoginRequest"), U = QStringLiteral("UserInfo"), S = QStringLiteral("SessionInfo"),
                  M = QStringLiteral("Member"), D = QStringLiteral("DecisionItem"),
                  R = QStringLiteral("DecisionResult"), RL = QStringLiteral("ReportLine"),
                  RP = QStringLiteral("Report"), SC = QStringLiteral("School");
    const auto row = [](const char *name, const QString &dto, const QJsonObject &json, const QString &code,
                         const char *path) { QTest::newRow(name) << dto << json << code << QString::fromLatin1(path); };

    // LoginRequest
    row("login: password is a number", L, with(L, QStringLiteral("password"), 123456789012.0), invalid, "password");
    row("login: password missing", L, without(L, QStringLiteral("password")), invalid, "password");
    row("login: password null", L, with(L, QStringLiteral("password"), QJsonValue()), invalid, "password");
    row("login: login is an array", L, with(L, QStringLiteral("login"), QJsonArray{1}), invalid, "login");
    row("login: login longer than 128", L, with(L, QStringLiteral("login"), QString(129, QLatin1Char('a'))), invalid,
        "login");
    row("login: unknown member", L, with(L, QStringLiteral("remember"), true), unknown, "remember");

    // UserInfo
    row("user: id as string", U, with(U, QStringLiteral("id"), QStringLiteral("7")), invalid, "id");
    row("user: id zero", U, with(U, QStringLiteral("id"), 0), invalid, "id");
    row("user: id negative", U, with(U, QStringLiteral("id"), -1), invalid, "id");
    row("user: id not an integer", U, with(U, QStringLiteral("id"), 1.5), invalid, "id");
    row("user: id 2^53 (not exact in JSON)", U, with(U, QStringLiteral("id"), 9007199254740992.0), invalid, "id");
    row("user: id 1e300", U, with(U, QStringLiteral("id"), 1e300), invalid, "id");
    row("user: id is a boolean", U, with(U, QStringLiteral("id"), true), invalid, "id");
    row("user: unknown role", U, with(U, QStringLiteral("role"), QStringLiteral("admin")), invalid, "role");
    row("user: role in upper case", U, with(U, QStringLiteral("role"), QStringLiteral("SCHOOL")), invalid, "role");
    row("user: schoolId as string", U, with(U, QStringLiteral("schoolId"), QStringLiteral("3")), invalid, "schoolId");
    row("user: mustChangePassword as string", U, with(U, QStringLiteral("mustChangePassword"), QStringLiteral("yes")),
        invalid, "mustChangePassword");
    row("user: unknown member", U, with(U, QStringLiteral("isAdmin"), true), unknown, "isAdmin");

    // SessionInfo (nested user object: the path names it)
    row("session: token missing", S, without(S, QStringLiteral("token")), invalid, "token");
    row("session: expiresAt not a date", S, with(S, QStringLiteral("expiresAt"), QStringLiteral("tomorrow")), invalid,
        "expiresAt");
    row("session: expiresAt missing", S, without(S, QStringLiteral("expiresAt")), invalid, "expiresAt");
    row("session: user is a string", S, with(S, QStringLiteral("user"), QStringLiteral("demo")), invalid, "user");
    {
        QJsonObject user = parseObject(validJson(S)).value(QStringLiteral("user")).toObject();
        user.insert(QStringLiteral("role"), QStringLiteral("root"));
        row("session: user.role unknown", S, with(S, QStringLiteral("user"), user), invalid, "user.role");
        user.insert(QStringLiteral("role"), QStringLiteral("school"));
        user.insert(QStringLiteral("extra"), 1);
        row("session: user.extra unknown", S, with(S, QStringLiteral("user"), user), unknown, "user.extra");
    }
    row("session: unknown member", S, with(S, QStringLiteral("refreshToken"), QStringLiteral("x")), unknown,
        "refreshToken");

    // Member
    row("member: surname missing", M, without(M, QStringLiteral("surname")), invalid, "surname");
    row("member: surname is a number", M, with(M, QStringLiteral("surname"), 5), invalid, "surname");
    row("member: surname longer than 100", M, with(M, QStringLiteral("surname"), QString(101, QChar(u'ж'))), invalid,
        "surname");
    row("member: unknown status", M, with(M, QStringLiteral("status"), QStringLiteral("approve")), invalid, "status");
    row("member: unknown role", M, with(M, QStringLiteral("role"), QStringLiteral("director")), invalid, "role");
    row("member: version zero", M, with(M, QStringLiteral("version"), 0), invalid, "version");
    row("member: version 2.5", M, with(M, QStringLiteral("version"), 2.5), invalid, "version");
    row("member: className longer than 10", M, with(M, QStringLiteral("className"), QStringLiteral("11Б-profile")),
        invalid, "className");
    row("member: registeredAt not a date", M, with(M, QStringLiteral("registeredAt"), QStringLiteral("01.09.2026")),
        invalid, "registeredAt");
    row("member: email is an object", M, with(M, QStringLiteral("email"), QJsonObject{}), invalid, "email");
    row("member: unknown member", M, with(M, QStringLiteral("phone"), QStringLiteral("+7")), unknown, "phone");

    // DecisionItem, parsed as items[3] of a batch
    row("item: memberId as string", D, with(D, QStringLiteral("memberId"), QStringLiteral("5")), invalid,
        "items[3].memberId");
    row("item: memberId missing", D, without(D, QStringLiteral("memberId")), invalid, "items[3].memberId");
    row("item: memberId zero", D, with(D, QStringLiteral("memberId"), 0), invalid, "items[3].memberId");
    row("item: memberId 2^53", D, with(D, QStringLiteral("memberId"), 9007199254740992.0), invalid,
        "items[3].memberId");
    row("item: memberId 5.5", D, with(D, QStringLiteral("memberId"), 5.5), invalid, "items[3].memberId");
    row("item: key too short", D, with(D, QStringLiteral("key"), QStringLiteral("abc")), invalid, "items[3].key");
    row("item: key of spaces", D, with(D, QStringLiteral("key"), QStringLiteral("          ")), invalid,
        "items[3].key");
    row("item: key longer than 64", D, with(D, QStringLiteral("key"), QString(65, QLatin1Char('k'))), invalid,
        "items[3].key");
    row("item: verdict maybe", D, with(D, QStringLiteral("verdict"), QStringLiteral("maybe")), invalid,
        "items[3].verdict");
    row("item: verdict as number", D, with(D, QStringLiteral("verdict"), 1), invalid, "items[3].verdict");
    row("item: reason longer than 500", D, with(D, QStringLiteral("reason"), QString(501, QLatin1Char('r'))), invalid,
        "items[3].reason");
    row("item: baseVersion zero", D, with(D, QStringLiteral("baseVersion"), 0), invalid, "items[3].baseVersion");
    row("item: baseVersion missing", D, without(D, QStringLiteral("baseVersion")), invalid, "items[3].baseVersion");
    row("item: unknown member", D, with(D, QStringLiteral("comment"), QStringLiteral("x")), unknown,
        "items[3].comment");

    // DecisionResult
    row("result: unknown outcome", R, with(R, QStringLiteral("outcome"), QStringLiteral("done")), invalid, "outcome");
    row("result: unknown status", R, with(R, QStringLiteral("status"), QStringLiteral("lost")), invalid, "status");
    row("result: version negative", R, with(R, QStringLiteral("version"), -1), invalid, "version");
    row("result: code longer than 64", R, with(R, QStringLiteral("code"), QString(65, QLatin1Char('c'))), invalid,
        "code");
    row("result: unknown member", R, with(R, QStringLiteral("retryAfter"), 5), unknown, "retryAfter");

    // ReportLine
    row("line: decidedAt missing", RL, without(RL, QStringLiteral("decidedAt")), invalid, "decidedAt");
    row("line: unknown verdict", RL, with(RL, QStringLiteral("verdict"), QStringLiteral("approved")), invalid,
        "verdict");
    row("line: unknown member", RL, with(RL, QStringLiteral("status"), QStringLiteral("approved")), unknown, "status");

    // Report (nested lines: the path names the line)
    // number 0 is a preview (not sent yet); below zero is never valid.
    row("report: number negative", RP, with(RP, QStringLiteral("number"), -1), invalid, "number");
    row("report: teachersApproved negative", RP, with(RP, QStringLiteral("teachersApproved"), -1), invalid,
        "teachersApproved");
    row("report: studentsRejected 1.25", RP, with(RP, QStringLiteral("studentsRejected"), 1.25), invalid,
        "studentsRejected");
    row("report: createdAt missing", RP, without(RP, QStringLiteral("createdAt")), invalid, "createdAt");
    row("report: lines is an object", RP, with(RP, QStringLiteral("lines"), QJsonObject{}), invalid, "lines");
    {
        QJsonObject badLine = reportLine();
        badLine.remove(QStringLiteral("memberId"));
        row("report: lines[1].memberId missing", RP,
            with(RP, QStringLiteral("lines"), QJsonArray{reportLine(), badLine}), invalid, "lines[1].memberId");
        row("report: lines[0] is a number", RP, with(RP, QStringLiteral("lines"), QJsonArray{5}), invalid, "lines[0]");
    }
    row("report: unknown member", RP, with(RP, QStringLiteral("pdf"), QStringLiteral("...")), unknown, "pdf");

    // School
    row("school: inn as number", SC, with(SC, QStringLiteral("inn"), 7707083893.0), invalid, "inn");
    row("school: name missing", SC, without(SC, QStringLiteral("name")), invalid, "name");
    row("school: kpp longer than 9", SC, with(SC, QStringLiteral("kpp"), QStringLiteral("7707010010")), invalid, "kpp");
    row("school: unreportedDecisions 1.5", SC, with(SC, QStringLiteral("unreportedDecisions"), 1.5), invalid,
        "unreportedDecisions");
    row("school: unknown member", SC, with(SC, QStringLiteral("director"), QStringLiteral("x")), unknown, "director");
}

void TestProtocol::strictParsing()
{
    QFETCH(QString, dto);
    QFETCH(QJsonObject, json);
    QFETCH(QString, code);
    QFETCH(QString, path);

    const auto err = parseAs(dto, json);
    QVERIFY2(err.has_value(), "the document was accepted");
    QCOMPARE(err->code, code);
    QCOMPARE(err->httpStatus, 422);
    QVERIFY2(err->message.startsWith(path + QStringLiteral(": ")),
        qPrintable(QStringLiteral("message \"%1\" does not start with \"%2: \"").arg(err->message, path)));
}

void TestProtocol::firstProblemWins()
{
    // Several problems: the first member read is the one reported, and unknown members come last.
    const QJsonObject json = parseObject(R"({"key":"k","memberId":"x","verdict":"maybe","baseVersion":0,"zzz":1})");
    const auto item = proto::DecisionItem::fromJson(json, QStringLiteral("items[0]"));
    QVERIFY(!item.ok());
    QCOMPARE(item.error().code, QString::fromLatin1(errc::ValidationFailed));
    QVERIFY2(item.error().message.startsWith(QStringLiteral("items[0].key: ")), qPrintable(item.error().message));

    const QJsonObject onlyUnknown =
        parseObject(R"({"key":"0123456789","memberId":1,"verdict":"reject","baseVersion":1,"zzz":1})");
    const auto item2 = proto::DecisionItem::fromJson(onlyUnknown, QStringLiteral("items[9]"));
    QVERIFY(!item2.ok());
    QCOMPARE(item2.error().code, QString::fromLatin1(errc::UnknownField));
    QVERIFY2(item2.error().message.startsWith(QStringLiteral("items[9].zzz: ")), qPrintable(item2.error().message));
}

void TestProtocol::timestamps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QDateTime>("utc");
    QTest::newRow("UTC with ms") << QStringLiteral("2026-09-01T09:00:00.123Z") << true << at(9, 0, 0, 123);
    QTest::newRow("UTC without ms") << QStringLiteral("2026-09-01T09:00:00Z") << true << at(9, 0, 0, 0);
    QTest::newRow("Moscow offset") << QStringLiteral("2026-09-01T12:00:00+03:00") << true << at(9, 0, 0, 0);
    QTest::newRow("Russian short date") << QStringLiteral("01.09.2026") << false << QDateTime();
    QTest::newRow("empty") << QString() << false << QDateTime();
    QTest::newRow("garbage") << QStringLiteral("yesterday") << false << QDateTime();
    QTest::newRow("month 13") << QStringLiteral("2026-13-01T09:00:00Z") << false << QDateTime();
}

void TestProtocol::timestamps()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QDateTime, utc);
    const auto parsed = proto::parseTimestamp(text);
    QCOMPARE(parsed.has_value(), ok);
    if (!ok)
        return;
    QCOMPARE(*parsed, utc);
    QCOMPARE(parsed->timeSpec(), Qt::UTC);
    // Formatting always gives UTC with milliseconds, and parses back to the same instant.
    const QString formatted = proto::formatTimestamp(*parsed);
    QVERIFY2(formatted.endsWith(QLatin1Char('Z')), qPrintable(formatted));
    QCOMPARE(formatted.size(), qsizetype(qstrlen("2026-09-01T09:00:00.000Z")));
    QCOMPARE(proto::parseTimestamp(formatted), parsed);
    QCOMPARE(proto::formatTimestamp(QDateTime()), QString());
}

void TestProtocol::enumNames()
{
    // The wire names are part of the protocol: each value has one, and it parses back.
    for (Role r : {Role::Operator, Role::School, Role::Teacher, Role::ClassTeacher, Role::Student, Role::Parent}) {
        QVERIFY(!toString(r).isEmpty());
        QCOMPARE(name(roleFromString(toString(r))), name(r));
    }
    for (MemberStatus st : {MemberStatus::Pending, MemberStatus::Approved, MemberStatus::Rejected,
             MemberStatus::Graduate, MemberStatus::NotCurrent}) {
        QVERIFY(!toString(st).isEmpty());
        QCOMPARE(name(memberStatusFromString(toString(st))), name(st));
    }
    for (DecisionOutcome o : {DecisionOutcome::Applied, DecisionOutcome::Duplicate, DecisionOutcome::Conflict,
             DecisionOutcome::Forbidden, DecisionOutcome::Invalid}) {
        QVERIFY(!toString(o).isEmpty());
        QCOMPARE(name(decisionOutcomeFromString(toString(o))), name(o));
    }
    QCOMPARE(toString(Verdict::Approve), QStringLiteral("approve"));
    QCOMPARE(toString(Verdict::Reject), QStringLiteral("reject"));
    QCOMPARE(toString(MemberStatus::NotCurrent), QStringLiteral("not-current"));
    QCOMPARE(toString(Role::ClassTeacher), QStringLiteral("class-teacher"));
    QVERIFY(!verdictFromString(QStringLiteral("Approve")).has_value());
    QVERIFY(!roleFromString(QString()).has_value());
}

// The hand-written timestamp form equals Qt's for every instant of years 1..9999, and reads back the same.
void TestProtocol::timestampsMatchQt()
{
    QRandomGenerator random(20261203);
    const qint64 first = utcDateTime(QDate(1, 1, 1), QTime(0, 0)).toMSecsSinceEpoch();
    const qint64 last = utcDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999)).toMSecsSinceEpoch();
    QList<qint64> instants{0, -1, 1, first, last, 951782400000 /* 2000-02-29 */, 4107542400000 /* 2100-03-01 */};
    for (int i = 0; i < 20000; ++i)
        instants.append(first + qint64(random.generateDouble() * double(last - first)));
    for (qint64 ms : std::as_const(instants)) {
        const QDateTime utc = utcFromMSecs(ms);
        const QString text = proto::formatTimestamp(utc);
        QCOMPARE(text, utc.toString(Qt::ISODateWithMs));
        const auto back = proto::parseTimestamp(text);
        QVERIFY(back.has_value());
        QCOMPARE(back->toMSecsSinceEpoch(), ms);
        QCOMPARE(back->timeSpec(), Qt::UTC);
    }
    // A local time is written as the same instant in UTC.
    const QDateTime moscow(QDate(2026, 9, 1), QTime(12, 0), QTimeZone(QByteArrayLiteral("Europe/Moscow")));
    QCOMPARE(proto::formatTimestamp(moscow), QStringLiteral("2026-09-01T09:00:00.000Z"));
    // Not dates, or forms the fast path leaves to Qt: the answer is Qt's.
    for (const QString &text : {QStringLiteral("2026-02-30T00:00:00.000Z"), QStringLiteral("2026-13-01T00:00:00.000Z"),
             QStringLiteral("2026-00-10T00:00:00.000Z"), QStringLiteral("2026-01-01T24:00:00.000Z"),
             QStringLiteral("2026-01-01T23:60:00.000Z"), QStringLiteral("2026-01-01T23:59:60.000Z"),
             QStringLiteral("0000-01-01T00:00:00.000Z"), QStringLiteral("2024-02-29T12:00:00.000Z"),
             QStringLiteral("2026-01-01 00:00:00.000Z"), QStringLiteral("2026-01-01T00:00:00.00+Z"),
             QStringLiteral("２026-01-01T00:00:00.000Z"), QStringLiteral("2026-09-01T12:00:00.000+03:00")}) {
        QDateTime qt = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!qt.isValid())
            qt = QDateTime::fromString(text, Qt::ISODate);
        const auto ours = proto::parseTimestamp(text);
        QCOMPARE(ours.has_value(), qt.isValid());
        if (ours)
            QCOMPARE(ours->toMSecsSinceEpoch(), qt.toMSecsSinceEpoch());
    }
}

void TestProtocol::duplicateKeysFound_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("duplicate"); // empty: none
    QTest::newRow("none") << QByteArray(R"({"login":"a","password":"b"})") << QString();
    QTest::newRow("twice at the top") << QByteArray(R"({"login":"nobody","password":"x","login":"demo-school"})")
                                      << QStringLiteral("login");
    QTest::newRow("escaped the second time")
        << QByteArray(R"({"login":"a","log\u0069n":"b"})") << QStringLiteral("login");
    QTest::newRow("escaped quote in a name") << QByteArray(R"({"a\"b":1,"a\"b":2})") << QStringLiteral("a\"b");
    QTest::newRow("Cyrillic, raw and escaped") << QByteArray("{\"\xD1\x91\":1,\"\\u0451\":2}") << QStringLiteral("ё");
    QTest::newRow("emoji as a surrogate pair")
        << QByteArray("{\"\xF0\x9F\x98\x80\":1,\"\\ud83d\\ude00\":2}") << QStringLiteral("😀");
    QTest::newRow("in a nested item") << QByteArray(R"({"items":[{"key":"k","memberId":1,"memberId":2}]})")
                                      << QStringLiteral("memberId");
    QTest::newRow("same name in sibling objects")
        << QByteArray(R"({"items":[{"key":"a"},{"key":"b"}],"key":"c"})") << QString();
    QTest::newRow("a value equal to a name") << QByteArray(R"({"a":"a","b":["a","a"],"c":{"a":"b"}})") << QString();
    QTest::newRow("a name after a nested object")
        << QByteArray(R"({"a":{"x":1},"b":[1,{"y":2}],"a":3})") << QStringLiteral("a");
    QByteArray many = "{";
    for (int i = 0; i < 100; ++i)
        many += "\"k" + QByteArray::number(i) + "\":" + QByteArray::number(i) + ",";
    QTest::newRow("100 names, none twice") << QByteArray(many + R"("z":0})") << QString();
    QTest::newRow("100 names, the last again") << QByteArray(many + R"("k99":0})") << QStringLiteral("k99");
}

void TestProtocol::duplicateKeysFound()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, duplicate);
    QJsonParseError error{};
    QJsonDocument::fromJson(json, &error);
    QCOMPARE(error.error, QJsonParseError::NoError); // the scanner is given only what Qt accepted
    const std::optional<QString> found = sg::duplicateJsonKey(json);
    QCOMPARE(found.value_or(QString()), duplicate);
}

void TestProtocol::orderTooLargeIsTold()
{
    // Over 5 MiB: 413 in file-size words, whatever the base64 holds (not 422 about its characters).
    const auto parse = [](qsizetype base64Length) {
        return proto::OrderFile::fromJson(QJsonObject{{QStringLiteral("fileName"), QStringLiteral("order.pdf")},
            {QStringLiteral("data"), QString(base64Length, u'A')}});
    };
    const qsizetype atLimit = (proto::kMaxOrderBytes + 2) / 3 * 4;
    for (const qsizetype length : {atLimit + 4, qsizetype(8) * 1024 * 1024}) {
        const auto r = parse(length);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().httpStatus, 413);
        QCOMPARE(r.error().code, QString::fromLatin1(sg::errc::PayloadTooLarge));
        QVERIFY2(r.error().message.contains(QStringLiteral("5 MiB")), qPrintable(r.error().message));
    }
    // Exactly 5 MiB of a PDF is accepted.
    QByteArray pdf = "%PDF-1.4\n";
    pdf.append(QByteArray(proto::kMaxOrderBytes - pdf.size(), ' '));
    const auto ok = proto::OrderFile::fromJson(QJsonObject{{QStringLiteral("fileName"), QStringLiteral("order.pdf")},
        {QStringLiteral("data"), QString::fromLatin1(pdf.toBase64())}});
    QVERIFY2(ok.ok(), qPrintable(ok.ok() ? QString() : ok.error().message));
    QCOMPARE(ok->data.size(), proto::kMaxOrderBytes);
}

void TestProtocol::jsonWriterEscapesLikeJson()
{
    QRandomGenerator random(7);
    const QList<char16_t> alphabet{u'a', u'Z', u'0', u' ', u'"', u'\\', u'/', u'\b', u'\f', u'\n', u'\r', u'\t', 0x00,
        0x01, 0x1f, 0x7f, 0x80, u'é', u'Ж', u'ё', 0x2028, 0xfeff, 0xfffd, 0xffff, 0xd83d, 0xde00, 0xdc00};
    for (int round = 0; round < 3000; ++round) {
        // Qt's reader drops a U+FEFF that opens a string value; a first letter keeps this test about the writer.
        QString text = QStringLiteral("x");
        const int length = int(random.bounded(12));
        for (int i = 0; i < length; ++i)
            text.append(QChar(alphabet.at(random.bounded(alphabet.size()))));
        JsonWriter w;
        w.beginObject();
        w.field("t", text);
        w.endObject();
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(w.data(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, w.data().constData());
        // What Qt reads back is the text, with each lone surrogate replaced by U+FFFD.
        QString expected;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text.at(i);
            if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
                expected.append(c);
                expected.append(text.at(++i));
            } else {
                expected.append(c.isSurrogate() ? QChar(0xfffd) : c);
            }
        }
        QCOMPARE(doc.object().value(QStringLiteral("t")).toString(), expected);
        QCOMPARE(JsonWriter::quoted(text), w.data().mid(5, w.data().size() - 6));
    }
    QCOMPARE(JsonWriter::quoted(QStringLiteral("a\"b\\c\nd\x01")), QByteArray(R"("a\"b\\c\nd\u0001")"));
}

void TestProtocol::jsonWriterNumbersAndNesting()
{
    JsonWriter w;
    w.beginObject();
    w.field("min", std::numeric_limits<qint64>::min());
    w.field("max", std::numeric_limits<qint64>::max());
    w.field("zero", 0);
    w.field("minusOne", -1);
    w.field("yes", true);
    w.field("no", false);
    w.key("none");
    w.null();
    w.key("list");
    w.beginArray();
    w.beginArray();
    w.endArray();
    w.beginObject();
    w.endObject();
    w.value(QStringLiteral("x"));
    w.rawValue("{\"raw\":1}");
    w.endArray();
    w.endObject();
    QCOMPARE(w.data(),
        QByteArray(R"({"min":-9223372036854775808,"max":9223372036854775807,"zero":0,"minusOne":-1,"yes":true,)"
                   R"("no":false,"none":null,"list":[[],{},"x",{"raw":1}]})"));
}

void TestProtocol::writtenMemberEqualsQtJson()
{
    proto::Member m;
    m.id = 42;
    m.role = Role::Student;
    m.surname = s(u"Щукина-О'Нил");
    m.name = s(u"Алёна");
    m.patronymic = s(u"Сергеевна \"младшая\"");
    m.email = QStringLiteral("a.b@school.example");
    m.className = s(u"5А");
    m.status = MemberStatus::Rejected;
    m.reason = s(u"Не учится\nс сентября\t\\ 😀");
    m.version = 9007199254740991; // the largest integer a JSON double carries exactly
    m.registeredAt = utcDateTime(QDate(2026, 9, 1), QTime(9, 0, 0, 5));
    m.esiaLevel = QStringLiteral("confirmed");
    QCOMPARE(QJsonDocument::fromJson(m.toJsonBytes()).object(), m.toJson());
    proto::Member empty;
    QCOMPARE(QJsonDocument::fromJson(empty.toJsonBytes()).object(), empty.toJson());
}

void TestProtocol::writtenDecisionResultEqualsQtJson()
{
    proto::DecisionResult r;
    r.key = QStringLiteral("k-1");
    r.memberId = 3;
    r.outcome = DecisionOutcome::Conflict;
    r.version = 4;
    for (int variant = 0; variant < 4; ++variant) {
        r.status = variant & 1 ? std::optional(MemberStatus::Approved) : std::nullopt;
        r.code = variant & 2 ? QStringLiteral("conflict") : QString();
        r.message = variant & 2 ? s(u"Изменено «другим»") : QString();
        JsonWriter w;
        r.writeJson(w);
        QCOMPARE(QJsonDocument::fromJson(w.data()).object(), r.toJson());
    }
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
