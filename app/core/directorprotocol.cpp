#include "core/directorprotocol.h"

#include "core/errorcodes.h"
#include "core/jsonreader.h"
#include "core/protocol.h"
#include "core/validators.h"

#include <QRegularExpression>

#include <limits>

namespace sg::proto {

namespace {

constexpr qint64 kMaxId = (qint64(1) << 53) - 1;

QString kindName(DirectorSubmission::Kind kind)
{
    return kind == DirectorSubmission::Kind::Change ? QStringLiteral("change") : QStringLiteral("initial");
}

} // namespace

QJsonObject ConsentText::toJson() const
{
    return {{QStringLiteral("version"), version}, {QStringLiteral("text"), text}};
}

Result<ConsentText> ConsentText::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    ConsentText c;
    c.version = r.requireString(QStringLiteral("version"), 40);
    c.text = r.requireString(QStringLiteral("text"), 20000);
    if (auto err = r.finish())
        return *err;
    return c;
}

QString OrderFile::detectType(const QByteArray &data)
{
    if (data.startsWith("%PDF-"))
        return QStringLiteral("application/pdf");
    if (data.size() >= 3 && uchar(data[0]) == 0xFF && uchar(data[1]) == 0xD8 && uchar(data[2]) == 0xFF)
        return QStringLiteral("image/jpeg");
    if (data.startsWith(QByteArray::fromHex("89504e470d0a1a0a")))
        return QStringLiteral("image/png");
    return {};
}

QJsonObject OrderFile::toJson() const
{
    return {{QStringLiteral("fileName"), fileName}, {QStringLiteral("contentType"), contentType},
        {QStringLiteral("data"), QString::fromLatin1(data.toBase64())}};
}

Result<OrderFile> OrderFile::fromJson(const QJsonObject &json, const QString &path)
{
    JsonReader r(json, path);
    OrderFile f;
    f.fileName = r.requireString(QStringLiteral("fileName"), 255).trimmed();
    const QString declared = r.optionalString(QStringLiteral("contentType"), 100).value_or(QString());
    // Any length here (the request's body limit bounds it): a file too large is told so in file-size words below.
    const QString base64 = r.requireString(QStringLiteral("data"), std::numeric_limits<int>::max());
    if (auto err = r.finish())
        return *err;
    const auto fail = [&](const QString &code, const QString &message, int status = 422) {
        return Error{code, r.pathOf(QStringLiteral("data")) + QStringLiteral(": ") + message, status};
    };
    const auto tooLarge = [&] {
        return fail(QString::fromLatin1(errc::PayloadTooLarge),
            QCoreApplication::translate("sg::proto", "the file is larger than %1 MiB")
                .arg(kMaxOrderBytes / (1024 * 1024)),
            413);
    };
    // Base64 takes 4 characters for every 3 bytes: longer than that, the file is too large whatever it holds.
    if (base64.size() > (kMaxOrderBytes + 2) / 3 * 4)
        return tooLarge();
    const auto decoded = QByteArray::fromBase64Encoding(base64.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return fail(QString::fromLatin1(errc::ValidationFailed),
            QCoreApplication::translate("sg::proto", "is not valid base64"));
    f.data = *decoded;
    if (f.data.isEmpty())
        return fail(
            QString::fromLatin1(errc::ValidationFailed), QCoreApplication::translate("sg::proto", "the file is empty"));
    if (f.data.size() > kMaxOrderBytes)
        return tooLarge();
    f.contentType = detectType(f.data);
    if (f.contentType.isEmpty())
        return fail(QString::fromLatin1(errc::UnsupportedFileType),
            QCoreApplication::translate("sg::proto", "the order must be a PDF, JPEG or PNG file"), 415);
    Q_UNUSED(declared) // the declared type is never trusted
    if (f.fileName.isEmpty() || f.fileName.contains(QLatin1Char('/')) || f.fileName.contains(QLatin1Char('\\')))
        f.fileName = QStringLiteral("order");
    return f;
}

QJsonObject DirectorSubmission::toJson() const
{
    QJsonObject o{{QStringLiteral("kind"), kindName(kind)}, {QStringLiteral("surname"), surname},
        {QStringLiteral("name"), name}, {QStringLiteral("patronymic"), patronymic},
        {QStringLiteral("position"), position}, {QStringLiteral("email"), email}, {QStringLiteral("phone"), phone},
        {QStringLiteral("inn"), inn}};
    if (order)
        o.insert(QStringLiteral("order"), order->toJson());
    return o;
}

Result<DirectorSubmission> DirectorSubmission::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    DirectorSubmission s;
    const QString kind = r.requireString(QStringLiteral("kind"), 16);
    if (!r.failed()) {
        if (kind == QLatin1String("initial"))
            s.kind = Kind::Initial;
        else if (kind == QLatin1String("change"))
            s.kind = Kind::Change;
        else
            r.fail(QStringLiteral("kind"), tr("must be \"initial\" or \"change\""));
    }
    s.surname = r.requireString(QStringLiteral("surname"), 100).simplified();
    s.name = r.requireString(QStringLiteral("name"), 100).simplified();
    s.patronymic = r.optionalString(QStringLiteral("patronymic"), 100).value_or(QString()).simplified();
    s.position = r.requireString(QStringLiteral("position"), 200).simplified();
    s.email = r.requireString(QStringLiteral("email"), 254).trimmed();
    s.phone = r.optionalString(QStringLiteral("phone"), 40).value_or(QString()).trimmed();
    const QString inn = r.requireString(QStringLiteral("inn"), 40);
    QJsonObject order;
    const bool hasOrder = json.contains(QStringLiteral("order")) && !json.value(QStringLiteral("order")).isNull();
    if (hasOrder)
        order = r.requireObject(QStringLiteral("order"));
    if (!r.failed()) {
        if (s.surname.isEmpty())
            r.fail(QStringLiteral("surname"), tr("is empty"));
        else if (s.name.isEmpty())
            r.fail(QStringLiteral("name"), tr("is empty"));
        else if (s.position.isEmpty())
            r.fail(QStringLiteral("position"), tr("is empty"));
        else if (!validators::isEmailAddress(s.email))
            r.fail(QStringLiteral("email"), tr("is not an e-mail address"));
        else if (!validators::isPersonName(s.surname))
            r.fail(QStringLiteral("surname"), tr("is not a surname: letters, spaces and hyphens only"));
        else if (!validators::isPersonName(s.name))
            r.fail(QStringLiteral("name"), tr("is not a first name: letters, spaces and hyphens only"));
        else if (!s.patronymic.isEmpty() && !validators::isPersonName(s.patronymic))
            r.fail(QStringLiteral("patronymic"), tr("is not a patronymic: letters, spaces and hyphens only"));
        else if (!s.phone.isEmpty() && !validators::isPhoneNumber(s.phone))
            r.fail(QStringLiteral("phone"), tr("is not a telephone number: 10 to 15 digits, with + ( ) - and spaces"));
    }
    if (!r.failed()) {
        const auto v = validators::validateInn(inn, validators::InnKind::Organisation);
        if (!v.ok)
            r.fail(QStringLiteral("inn"), v.message);
        else
            s.inn = v.normalized;
    }
    if (auto err = r.finish())
        return *err;
    if (hasOrder) {
        auto file = OrderFile::fromJson(order, QStringLiteral("order"));
        if (!file)
            return file.error();
        s.order = file.value();
    }
    if (s.kind == Kind::Change && !s.order)
        return Error{QString::fromLatin1(errc::ValidationFailed),
            QStringLiteral("order: ") + tr("a change of director needs the order («Приказ») attached"), 422};
    return s;
}

QJsonObject DirectorRequest::toJson() const
{
    QJsonObject person = submission.toJson();
    person.remove(QStringLiteral("order"));
    return {{QStringLiteral("id"), id}, {QStringLiteral("schoolId"), schoolId},
        {QStringLiteral("schoolName"), schoolName}, {QStringLiteral("schoolInn"), schoolInn},
        {QStringLiteral("submission"), person}, {QStringLiteral("status"), status}, {QStringLiteral("reason"), reason},
        {QStringLiteral("submittedAt"), formatTimestamp(submittedAt)},
        {QStringLiteral("expectedBy"), expectedBy.toString(Qt::ISODate)},
        {QStringLiteral("decidedAt"), formatTimestamp(decidedAt)}, {QStringLiteral("orderFileName"), orderFileName},
        {QStringLiteral("orderContentType"), orderContentType}, {QStringLiteral("orderSize"), orderSize},
        {QStringLiteral("version"), version}};
}

Result<DirectorRequest> DirectorRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    DirectorRequest d;
    d.id = r.requireInteger(QStringLiteral("id"), 1, kMaxId);
    d.schoolId = r.requireInteger(QStringLiteral("schoolId"), 1, kMaxId);
    d.schoolName = r.optionalString(QStringLiteral("schoolName"), 500).value_or(QString());
    d.schoolInn = r.optionalString(QStringLiteral("schoolInn"), 12).value_or(QString());
    const QJsonObject person = r.requireObject(QStringLiteral("submission"));
    d.status = r.requireString(QStringLiteral("status"), 20);
    d.reason = r.optionalString(QStringLiteral("reason"), 1000).value_or(QString());
    d.submittedAt = readTimestamp(r, QStringLiteral("submittedAt"), false);
    d.expectedBy =
        QDate::fromString(r.optionalString(QStringLiteral("expectedBy"), 10).value_or(QString()), Qt::ISODate);
    d.decidedAt = readTimestamp(r, QStringLiteral("decidedAt"), false);
    d.orderFileName = r.optionalString(QStringLiteral("orderFileName"), 255).value_or(QString());
    d.orderContentType = r.optionalString(QStringLiteral("orderContentType"), 100).value_or(QString());
    d.orderSize = r.optionalInteger(QStringLiteral("orderSize"), 0, kMaxOrderBytes).value_or(0);
    d.version = r.requireInteger(QStringLiteral("version"), 1, kMaxId);
    if (auto err = r.finish())
        return *err;
    // Stored submissions were validated on the way in; read them back leniently (no order bytes here).
    JsonReader p(person, QStringLiteral("submission"));
    d.submission.kind = p.requireString(QStringLiteral("kind"), 16) == QLatin1String("change")
        ? DirectorSubmission::Kind::Change
        : DirectorSubmission::Kind::Initial;
    d.submission.surname = p.requireString(QStringLiteral("surname"), 100);
    d.submission.name = p.requireString(QStringLiteral("name"), 100);
    d.submission.patronymic = p.optionalString(QStringLiteral("patronymic"), 100).value_or(QString());
    d.submission.position = p.requireString(QStringLiteral("position"), 200);
    d.submission.email = p.requireString(QStringLiteral("email"), 254);
    d.submission.phone = p.optionalString(QStringLiteral("phone"), 40).value_or(QString());
    d.submission.inn = p.requireString(QStringLiteral("inn"), 12);
    if (auto err = p.finish())
        return *err;
    return d;
}

QJsonObject Notification::toJson() const
{
    return {{QStringLiteral("id"), id}, {QStringLiteral("kind"), kind}, {QStringLiteral("title"), title},
        {QStringLiteral("body"), body}, {QStringLiteral("createdAt"), formatTimestamp(createdAt)},
        {QStringLiteral("read"), read}};
}

Result<Notification> Notification::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    Notification n;
    n.id = r.requireInteger(QStringLiteral("id"), 1, kMaxId);
    n.kind = r.requireString(QStringLiteral("kind"), 64);
    n.title = r.requireString(QStringLiteral("title"), 500);
    n.body = r.optionalString(QStringLiteral("body"), 5000).value_or(QString());
    n.createdAt = readTimestamp(r, QStringLiteral("createdAt"), false);
    n.read = r.optionalBool(QStringLiteral("read"), false);
    if (auto err = r.finish())
        return *err;
    return n;
}

QJsonObject DirectorCard::toJson() const
{
    QJsonObject o{{QStringLiteral("status"), status}, {QStringLiteral("directorName"), directorName},
        {QStringLiteral("consentVersion"), consentVersion},
        {QStringLiteral("consentedAt"), formatTimestamp(consentedAt)}, {QStringLiteral("supportEmail"), supportEmail},
        {QStringLiteral("changePending"), changePending}};
    o.insert(QStringLiteral("lastRequest"), lastRequest ? QJsonValue(lastRequest->toJson()) : QJsonValue());
    return o;
}

Result<DirectorCard> DirectorCard::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    DirectorCard c;
    c.status = r.requireString(QStringLiteral("status"), 20);
    c.directorName = r.optionalString(QStringLiteral("directorName"), 400).value_or(QString());
    c.consentVersion = r.optionalString(QStringLiteral("consentVersion"), 40).value_or(QString());
    c.consentedAt = readTimestamp(r, QStringLiteral("consentedAt"), false);
    c.supportEmail = r.optionalString(QStringLiteral("supportEmail"), 254).value_or(QString());
    c.changePending = r.optionalBool(QStringLiteral("changePending"), false);
    QJsonObject last;
    const bool hasLast = json.value(QStringLiteral("lastRequest")).isObject();
    if (hasLast)
        last = r.requireObject(QStringLiteral("lastRequest"));
    else
        r.optionalString(QStringLiteral("lastRequest"), 0); // null: mark as read
    if (auto err = r.finish())
        return *err;
    if (hasLast) {
        auto req = DirectorRequest::fromJson(last);
        if (!req)
            return req.error();
        c.lastRequest = req.value();
    }
    return c;
}

} // namespace sg::proto
