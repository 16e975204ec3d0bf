#include "server/applications.h"

#include "core/errorcodes.h"
#include "core/protocol.h"
#include "core/validators.h"
#include "server/auditlog.h"
#include "server/authorizer.h"
#include "server/crypto.h"
#include "server/database.h"
#include "server/notifier.h"
#include "server/router.h"
#include "server/webpage.h"

#include <QCollator>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QUrlQuery>

Q_LOGGING_CATEGORY(lcApply, "sg.server.apply")

namespace sg::server {

namespace {

QString title(const Lang &l)
{
    return l.t(QStringLiteral("Заявка в школу"), QStringLiteral("Applying to a school"));
}

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

// «English» / «Русский»: the same page in the other language (pathAndQuery: this page without lang).
QString languageSwitch(const Lang &l, const QString &pathAndQuery)
{
    const QString target = pathAndQuery
        + (pathAndQuery.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) + QStringLiteral("lang=")
        + (l.en ? QStringLiteral("ru") : QStringLiteral("en"));
    return QStringLiteral("<p class=\"hint\"><a href=\"%1\" hreflang=\"%2\" lang=\"%2\" id=\"language\">%3</a></p>")
        .arg(esc(target), l.en ? QStringLiteral("ru") : QStringLiteral("en"),
            l.en ? QStringLiteral("Русский") : QStringLiteral("English"));
}

HttpResponse page(const Lang &l, int status, const QString &body)
{
    return htmlPage(status, title(l), body, {}, l.page());
}

HttpResponse messagePage(
    const Lang &l, int status, const QString &cls, const QString &message, const QString &more = {})
{
    return htmlPage(status, title(l),
        QStringLiteral("<p class=\"%1\" role=\"%2\" id=\"message\">%3</p>%4")
            .arg(cls, cls == QLatin1String("error") ? QStringLiteral("alert") : QStringLiteral("status"), esc(message),
                more),
        {}, l.page());
}

HttpResponse storagePage(const Lang &l)
{
    return messagePage(l, 503, QStringLiteral("error"),
        l.t(QStringLiteral("Сервер сейчас не смог сохранить заявку. Попробуйте ещё раз через минуту."),
            QStringLiteral("The server could not save the application just now. Please try again in a minute.")));
}

QString fullName(const QString &surname, const QString &name, const QString &patronymic)
{
    return QStringList{surname, name, patronymic}.join(QLatin1Char(' ')).simplified();
}

QString className(int grade, const QString &letter)
{
    return QString::number(grade) + letter;
}

// A query parameter as an HTML form sends it with GET: '+' stands for a space (QUrlQuery leaves it as '+').
QString formQueryValue(const HttpRequest &request, const QString &key)
{
    QByteArray encoded = request.query.queryItemValue(key, QUrl::FullyEncoded).toLatin1();
    encoded.replace('+', "%20");
    return QUrl::fromPercentEncoding(encoded);
}

} // namespace

Applications::Applications(Database &db, AuditLog &audit, Notifier &notifier, const Clock &clock)
    : m_db(db)
    , m_audit(audit)
    , m_notifier(notifier)
    , m_clock(clock)
{}

void Applications::registerRoutes(Router &router, const Authorizer &auth)
{
    m_auth = &auth;
    using P = const QStringList &;
    router.add("GET", QStringLiteral("/api/v1/applications"), [this](const HttpRequest &r, P) { return list(r); });
    router.add("GET", QStringLiteral("/api/v1/apply"), [this](const HttpRequest &r, P) { return findSchool(r); });
    // Before /apply/{school}: the router takes the first pattern that matches.
    router.add("GET", QStringLiteral("/api/v1/apply/status"), [this](const HttpRequest &r, P) { return status(r); });
    router.add("POST", QStringLiteral("/api/v1/apply/confirm"), [this](const HttpRequest &r, P) { return confirm(r); });
    router.add(
        "GET", QStringLiteral("/api/v1/apply/{school}"), [this](const HttpRequest &r, P p) { return form(r, p[0]); });
    router.add("POST", QStringLiteral("/api/v1/apply/{school}"),
        [this](const HttpRequest &r, P p) { return submit(r, p[0]); });
}

QString Applications::link(const QString &path, const QString &token) const
{
    return publicLink(m_publicUrl, path, token).toString(QUrl::FullyEncoded);
}

QString Applications::statusLink(const QString &token, const Lang &l) const
{
    QUrl url = publicLink(m_publicUrl, QStringLiteral("/api/v1/apply/status"), token);
    if (l.en) {
        QUrlQuery query(url);
        query.addQueryItem(QStringLiteral("lang"), QStringLiteral("en"));
        url.setQuery(query);
    }
    return url.toString(QUrl::FullyEncoded);
}

HttpResponse Applications::findSchool(const HttpRequest &request)
{
    const Lang l = langOf(request);
    QString inn = formQueryValue(request, QStringLiteral("inn")).simplified();
    inn.remove(QLatin1Char(' '));
    const QString name = formQueryValue(request, QStringLiteral("name")).simplified();
    const QString region = formQueryValue(request, QStringLiteral("region")).simplified();

    struct Row
    {
        qint64 id;
        QString name, shortName, region, inn;
    };
    QList<Row> schools;
    QStringList regions;
    {
        QSqlQuery q = m_db.prepare(QStringLiteral("SELECT id, name, short_name, region, inn FROM schools ORDER BY id"));
        q.setForwardOnly(true);
        if (!q.exec())
            return storagePage(l);
        QSet<QString> seen;
        while (q.next()) {
            Row r{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                q.value(4).toString()};
            if (!r.region.isEmpty() && !seen.contains(r.region)) {
                seen.insert(r.region);
                regions.append(r.region);
            }
            schools.append(std::move(r));
        }
    }
    QCollator collator(QLocale(QLocale::Russian, QLocale::Russia));
    std::sort(regions.begin(), regions.end(), [&](const QString &a, const QString &b) { return collator(a, b); });

    QUrlQuery kept;
    for (const char *key : {"inn", "name", "region"}) {
        const QString value = formQueryValue(request, QString::fromLatin1(key));
        if (!value.isEmpty())
            kept.addQueryItem(QString::fromLatin1(key), value);
    }
    QString body = languageSwitch(l,
                       QStringLiteral("/api/v1/apply")
                           + (kept.isEmpty() ? QString() : QLatin1Char('?') + kept.toString(QUrl::FullyEncoded)))
        + QStringLiteral("<p>%1</p>")
              .arg(esc(
                  QStringLiteral("Педагоги и обучающиеся подают заявку сами; школа рассматривает её и подтверждает или "
                                 "отклоняет. Найдите свою школу по ИНН или по названию.")));
    QString regionOptions = QStringLiteral("<option value=\"\">%1</option>")
                                .arg(esc(l.t(QStringLiteral("Все регионы"), QStringLiteral("All regions"))));
    for (const QString &r : std::as_const(regions))
        regionOptions +=
            QStringLiteral("<option%1>%2</option>").arg(r == region ? QStringLiteral(" selected") : QString(), esc(r));
    body += QStringLiteral(
        "<form method=\"get\" action=\"/api/v1/apply\" role=\"search\">%8"
        "<label for=\"inn\">%1</label><input type=\"text\" id=\"inn\" name=\"inn\" inputmode=\"numeric\" "
        "maxlength=\"14\" value=\"%2\" autocomplete=\"off\">"
        "<label for=\"name\">%3</label><input type=\"text\" id=\"name\" name=\"name\" maxlength=\"200\" value=\"%4\">"
        "<label for=\"region\">%5</label><select id=\"region\" name=\"region\">%6</select>"
        "<button type=\"submit\">%7</button></form>")
                .arg(esc(l.t(QStringLiteral("ИНН школы (10 цифр)"), QStringLiteral("The school's INN (10 digits)"))),
                    esc(inn), esc(l.t(QStringLiteral("или часть названия"), QStringLiteral("or part of its name"))),
                    esc(name), esc(l.t(QStringLiteral("Регион"), QStringLiteral("Region"))), regionOptions,
                    esc(l.t(QStringLiteral("Найти"), QStringLiteral("Find"))), l.field());

    if (inn.isEmpty() && name.isEmpty())
        return page(l, 200, body);
    if (!inn.isEmpty() && !QRegularExpression(QStringLiteral("^\\d{10}$")).match(inn).hasMatch())
        return page(l, 400,
            body
                + QStringLiteral("<p class=\"error\" role=\"alert\" id=\"message\">%1</p>")
                      .arg(esc(l.t(QStringLiteral("ИНН школы — 10 цифр. Проверьте номер или ищите по названию."),
                          QStringLiteral("A school's INN has 10 digits. Check the number or search by name.")))));
    if (inn.isEmpty() && name.size() < 3)
        return page(l, 400,
            body
                + QStringLiteral("<p class=\"error\" role=\"alert\" id=\"message\">%1</p>")
                      .arg(esc(l.t(QStringLiteral("Введите не меньше трёх букв названия."),
                          QStringLiteral("Enter at least three letters of the name.")))));
    const auto folded = [](QString text) { return text.toCaseFolded().replace(QChar(0x0451), QChar(0x0435)); };
    const QString wanted = folded(name);
    QList<const Row *> found;
    for (const Row &r : std::as_const(schools)) {
        if (!inn.isEmpty() ? r.inn == inn
                           : (folded(r.name).contains(wanted) || folded(r.shortName).contains(wanted))
                    && (region.isEmpty() || r.region == region))
            found.append(&r);
    }
    constexpr int kShown = 20;
    if (found.isEmpty()) {
        body += QStringLiteral("<p class=\"notice\" role=\"status\" id=\"message\">%1</p>")
                    .arg(esc(l.t(QStringLiteral("Школа не найдена. Проверьте ИНН или название; если школа ещё не "
                                                "подключена к SchoolGate, обратитесь в школу."),
                        QStringLiteral("No school found. Check the INN or the name; if the school is not on SchoolGate "
                                       "yet, ask the school."))));
        return page(l, 404, body);
    }
    body += QStringLiteral("<h2 id=\"results\">%1</h2><ul aria-labelledby=\"results\">")
                .arg(esc(found.size() > kShown
                        ? l.t(QStringLiteral("Найдено %1, показаны первые %2: уточните запрос"),
                               QStringLiteral("%1 found, the first %2 shown: narrow the search"))
                              .arg(found.size())
                              .arg(kShown)
                        : l.t(QStringLiteral("Найдено: %1"), QStringLiteral("Found: %1")).arg(found.size())));
    for (qsizetype i = 0; i < found.size() && i < kShown; ++i) {
        const Row &r = *found.at(i);
        body += QStringLiteral("<li><a href=\"/api/v1/apply/%1%4\">%2</a><br><span class=\"hint\">%3</span></li>")
                    .arg(r.id)
                    .arg(esc(r.shortName.isEmpty() ? r.name : r.shortName),
                        esc(l.t(QStringLiteral("ИНН %1%2"), QStringLiteral("INN %1%2"))
                                .arg(r.inn, r.region.isEmpty() ? QString() : QStringLiteral(", ") + r.region)))
                    .arg(l.en ? QStringLiteral("?lang=en") : QString());
    }
    body += QStringLiteral("</ul>");
    return page(l, 200, body);
}

std::optional<Applications::School> Applications::school(const QString &id)
{
    static const QRegularExpression digits(QStringLiteral("^[1-9][0-9]{0,17}$"));
    if (!digits.match(id).hasMatch())
        return std::nullopt;
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT id, name, short_name, inn, region FROM schools WHERE id = ?"));
    q.addBindValue(id.toLongLong());
    if (!q.exec() || !q.next())
        return std::nullopt;
    School s;
    s.id = q.value(0).toLongLong();
    s.name = q.value(2).toString().isEmpty() ? q.value(1).toString() : q.value(2).toString();
    s.inn = q.value(3).toString();
    s.region = q.value(4).toString();
    return s;
}

HttpResponse Applications::formPage(
    int status, const School &school, const Draft &d, const QStringList &errors, const Lang &l)
{
    QString body = languageSwitch(l, QStringLiteral("/api/v1/apply/%1").arg(school.id));
    if (!errors.isEmpty()) {
        body += QStringLiteral("<div class=\"error\" role=\"alert\" id=\"message\"><p>%1</p><ul>")
                    .arg(esc(
                        l.t(QStringLiteral("Заявка не отправлена:"), QStringLiteral("The application was not sent:"))));
        for (const QString &e : errors)
            body += QStringLiteral("<li>%1</li>").arg(esc(e));
        body += QStringLiteral("</ul></div>");
    }
    QString classOptions = QStringLiteral("<option value=\"\">%1</option>")
                               .arg(esc(l.t(QStringLiteral("— выберите —"), QStringLiteral("— choose —"))));
    QSqlQuery q = m_db.prepare(
        QStringLiteral("SELECT id, grade, letter FROM classes WHERE school_id = ? ORDER BY grade, letter"));
    q.addBindValue(school.id);
    if (q.exec()) {
        while (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            classOptions += QStringLiteral("<option value=\"%1\"%2>%3</option>")
                                .arg(id)
                                .arg(id == d.classId ? QStringLiteral(" selected") : QString(),
                                    esc(className(q.value(1).toInt(), q.value(2).toString())));
        }
    }
    const auto checked = [&](const char *role) {
        return d.role == QLatin1String(role) ? QStringLiteral(" checked") : QString();
    };
    const auto field = [](const QString &id, const QString &label, const QString &value, const QString &attributes) {
        return QStringLiteral("<label for=\"%1\">%2</label><input type=\"text\" id=\"%1\" name=\"%1\" value=\"%3\"%4>")
            .arg(id, esc(label), esc(value), attributes);
    };
    body += QStringLiteral("<p><strong>%1</strong><br><span class=\"hint\">%2</span></p>")
                .arg(esc(school.name), esc(l.t(QStringLiteral("ИНН %1"), QStringLiteral("INN %1")).arg(school.inn)));
    body += QStringLiteral("<form method=\"post\" action=\"/api/v1/apply/%1\">%2").arg(school.id).arg(l.field());
    body += QStringLiteral("<fieldset><legend>%1</legend>"
                           "<label><input type=\"radio\" name=\"role\" value=\"teacher\"%2> %3</label>"
                           "<label><input type=\"radio\" name=\"role\" value=\"student\"%4> %5</label></fieldset>")
                .arg(esc(l.t(QStringLiteral("Кто подаёт заявку"), QStringLiteral("Who is applying"))),
                    checked("teacher"), esc(l.t(QStringLiteral("Педагог"), QStringLiteral("A teacher"))),
                    checked("student"), esc(l.t(QStringLiteral("Обучающийся"), QStringLiteral("A student"))));
    body += field(QStringLiteral("surname"), l.t(QStringLiteral("Фамилия"), QStringLiteral("Surname")), d.surname,
        QStringLiteral(" maxlength=\"100\" required autocomplete=\"family-name\""));
    body += field(QStringLiteral("name"), l.t(QStringLiteral("Имя"), QStringLiteral("Name")), d.name,
        QStringLiteral(" maxlength=\"100\" required autocomplete=\"given-name\""));
    body += field(QStringLiteral("patronymic"),
        l.t(QStringLiteral("Отчество (если есть)"), QStringLiteral("Patronymic (if any)")), d.patronymic,
        QStringLiteral(" maxlength=\"100\" autocomplete=\"additional-name\""));
    body +=
        QStringLiteral("<label for=\"email\">%1</label><input type=\"email\" id=\"email\" name=\"email\" "
                       "value=\"%2\" maxlength=\"254\" required autocomplete=\"email\" aria-describedby=\"email-hint\">"
                       "<p class=\"hint\" id=\"email-hint\">%3</p>")
            .arg(esc(l.t(QStringLiteral("Электронная почта"), QStringLiteral("E-mail"))), esc(d.email),
                esc(l.t(QStringLiteral("На неё придёт письмо со ссылкой: заявка уходит в школу, когда вы откроете "
                                       "ссылку и подтвердите адрес."),
                    QStringLiteral("A letter with a link comes to it: the application goes to the school once you open "
                                   "the link and confirm the address."))));
    body += QStringLiteral("<label for=\"class\">%1</label><select id=\"class\" name=\"class\">%2</select>")
                .arg(esc(l.t(QStringLiteral("Класс (для обучающегося)"), QStringLiteral("Class (for a student)"))),
                    classOptions);
    body += field(QStringLiteral("subject"),
        l.t(QStringLiteral("Предметы (для педагога)"), QStringLiteral("Subjects (for a teacher)")), d.subject,
        QStringLiteral(" maxlength=\"200\""));
    body += QStringLiteral("<p><label><input type=\"checkbox\" name=\"consent\" value=\"yes\" required> %1</label></p>")
                .arg(esc(l.t(QStringLiteral("Согласен(на) на обработку моих персональных данных школой и оператором "
                                            "SchoolGate для рассмотрения заявки"),
                    QStringLiteral("I agree that the school and the operator of SchoolGate process my personal data to "
                                   "consider the application"))));
    body += QStringLiteral("<button type=\"submit\">%1</button></form>")
                .arg(esc(l.t(QStringLiteral("Отправить заявку"), QStringLiteral("Send the application"))));
    return page(l, status, body);
}

HttpResponse Applications::form(const HttpRequest &request, const QString &schoolId)
{
    const Lang l = langOf(request);
    const auto s = school(schoolId);
    if (!s)
        return messagePage(l, 404, QStringLiteral("error"),
            l.t(QStringLiteral("Такой школы нет. Найдите школу заново на странице «Заявка в школу»."),
                QStringLiteral("There is no such school. Find the school again on the page “Applying to a school”.")),
            QStringLiteral("<p><a href=\"/api/v1/apply\">%1</a></p>")
                .arg(esc(l.t(QStringLiteral("Найти школу"), QStringLiteral("Find the school")))));
    return formPage(200, *s, {}, {}, l);
}

HttpResponse Applications::submit(const HttpRequest &request, const QString &schoolId)
{
    const auto fields = formFields(request);
    const Lang l = langOf(request, fields ? &*fields : nullptr);
    const auto s = school(schoolId);
    if (!s)
        return messagePage(l, 404, QStringLiteral("error"),
            l.t(QStringLiteral("Такой школы нет. Найдите школу заново на странице «Заявка в школу»."),
                QStringLiteral("There is no such school. Find the school again on the page “Applying to a school”.")));
    if (!fields)
        return messagePage(l, 400, QStringLiteral("error"),
            l.t(QStringLiteral("Форма пришла неполной. Откройте страницу заявки ещё раз."),
                QStringLiteral("The form arrived incomplete. Open the application page again.")));
    Draft d;
    d.role = fields->value(QStringLiteral("role"));
    d.surname = fields->value(QStringLiteral("surname")).simplified();
    d.name = fields->value(QStringLiteral("name")).simplified();
    d.patronymic = fields->value(QStringLiteral("patronymic")).simplified();
    d.email = fields->value(QStringLiteral("email")).trimmed();
    d.subject = fields->value(QStringLiteral("subject")).simplified();
    const QString classText = fields->value(QStringLiteral("class"));
    d.classId = classText.toLongLong();

    QStringList errors;
    const bool teacher = d.role == QLatin1String("teacher");
    const bool student = d.role == QLatin1String("student");
    if (!teacher && !student)
        errors.append(l.t(QStringLiteral("Выберите, кто подаёт заявку: педагог или обучающийся."),
            QStringLiteral("Choose who is applying: a teacher or a student.")));
    if (d.surname.isEmpty() || d.surname.size() > 100 || !validators::isPersonName(d.surname))
        errors.append(l.t(QStringLiteral("Фамилия: буквы, дефис, апостроф или пробел, до 100 знаков."),
            QStringLiteral("Surname: letters, hyphens, apostrophes or spaces, up to 100 characters.")));
    if (d.name.isEmpty() || d.name.size() > 100 || !validators::isPersonName(d.name))
        errors.append(l.t(QStringLiteral("Имя: буквы, дефис, апостроф или пробел, до 100 знаков."),
            QStringLiteral("Name: letters, hyphens, apostrophes or spaces, up to 100 characters.")));
    if (!d.patronymic.isEmpty() && (d.patronymic.size() > 100 || !validators::isPersonName(d.patronymic)))
        errors.append(
            l.t(QStringLiteral("Отчество: буквы, дефис, апостроф или пробел, до 100 знаков (или оставьте пустым)."),
                QStringLiteral(
                    "Patronymic: letters, hyphens, apostrophes or spaces, up to 100 characters (or leave it empty).")));
    if (d.email.size() > 254 || !validators::isEmailAddress(d.email))
        errors.append(l.t(QStringLiteral("Электронная почта: адрес вида name@example.ru."),
            QStringLiteral("E-mail: an address such as name@example.ru.")));
    if (d.subject.size() > 200)
        errors.append(l.t(
            QStringLiteral("Предметы: не длиннее 200 знаков."), QStringLiteral("Subjects: at most 200 characters.")));
    QVariant classId(QMetaType::fromType<qint64>());
    if (student) {
        QSqlQuery c = m_db.prepare(QStringLiteral("SELECT id FROM classes WHERE id = ? AND school_id = ?"));
        c.addBindValue(d.classId);
        c.addBindValue(s->id);
        if (d.classId > 0 && c.exec() && c.next())
            classId = c.value(0);
        else
            errors.append(l.t(QStringLiteral("Класс: выберите свой класс из списка."),
                QStringLiteral("Class: choose your class from the list.")));
    }
    if (fields->value(QStringLiteral("consent")) != QLatin1String("yes"))
        errors.append(l.t(QStringLiteral("Без согласия на обработку персональных данных школа не сможет рассмотреть "
                                         "заявку."),
            QStringLiteral(
                "Without consent to the processing of personal data the school cannot consider the application.")));
    if (!errors.isEmpty())
        return formPage(400, *s, d, errors, l);

    const QString email = d.email.toLower();
    const QString address = request.remoteAddress.toString();
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    Transaction tx(m_db);
    if (!tx.isActive())
        return storagePage(l);
    {
        QSqlQuery q =
            m_db.prepare(QStringLiteral("SELECT COUNT(*) FROM applications WHERE address = ? AND created_at > ?"));
        q.addBindValue(address);
        q.addBindValue(now - 3600);
        if (!q.exec() || !q.next())
            return storagePage(l);
        if (q.value(0).toInt() >= kMaxPerAddressPerHour) {
            HttpResponse r = messagePage(l, 429, QStringLiteral("error"),
                l.t(QStringLiteral("С этого адреса подано слишком много заявок. Попробуйте через час."),
                    QStringLiteral("Too many applications came from this address. Try again in an hour.")));
            r.headers.append({QByteArray("Retry-After"), QByteArray("3600")});
            return r;
        }
        QSqlQuery m = m_db.prepare(QStringLiteral("SELECT COUNT(*) FROM application_mails WHERE email = ? AND at > ?"));
        m.addBindValue(email);
        m.addBindValue(now - 24 * 3600);
        if (!m.exec() || !m.next())
            return storagePage(l);
        if (m.value(0).toInt() >= kMaxPerEmailPerDay) {
            HttpResponse r = messagePage(l, 429, QStringLiteral("error"),
                l.t(QStringLiteral("На этот адрес уже отправлено несколько писем за сутки. Найдите их (проверьте и "
                                   "папку «Спам») или попробуйте завтра."),
                    QStringLiteral("Several letters went to this address today already. Find them (look in the spam "
                                   "folder too) or try again tomorrow.")));
            r.headers.append({QByteArray("Retry-After"), QByteArray("86400")});
            return r;
        }
    }

    const QString token = crypto::randomToken();
    const qint64 expires = now + qint64(kLinkLifetimeDays) * 24 * 3600;
    QString mailBody;
    qint64 applicationId = 0;
    QString auditAction;
    // The same e-mail applying again to this school: the existing application, never a copy.
    QSqlQuery existing = m_db.prepare(
        QStringLiteral("SELECT id, confirmed_at FROM applications WHERE school_id = ? AND email = ? ORDER BY id DESC"));
    existing.addBindValue(s->id);
    existing.addBindValue(email);
    if (!existing.exec())
        return storagePage(l);
    if (existing.next()) {
        applicationId = existing.value(0).toLongLong();
        const bool confirmed = existing.value(1).toLongLong() != 0;
        existing.finish();
        QSqlQuery renew =
            m_db.prepare(QStringLiteral("UPDATE applications SET token_hash = ?, expires_at = ? WHERE id = ?"));
        renew.addBindValue(crypto::tokenHash(token));
        renew.addBindValue(expires);
        renew.addBindValue(applicationId);
        if (!m_db.exec(renew))
            return storagePage(l);
        auditAction = QStringLiteral("application.repeated");
        mailBody =
            l.t(QStringLiteral(
                    "Здравствуйте!\n\nС этого адреса уже подана заявка в SchoolGate.\nШкола: %1\n\n%2\n%3\n\n"
                    "Если вы не подавали заявку, ничего не делайте.\n"),
                 QStringLiteral("Hello,\n\nAn application to SchoolGate was made from this address already.\nSchool: "
                                "%1\n\n%2\n%3\n\nIf you did not apply, do nothing.\n"))
                .arg(s->name,
                    confirmed ? l.t(
                        QStringLiteral("Её состояние — по ссылке:"), QStringLiteral("Where it stands is at this link:"))
                              : l.t(QStringLiteral("Чтобы подтвердить адрес и отправить заявку в школу, откройте "
                                                   "ссылку:"),
                                  QStringLiteral(
                                      "To confirm the address and send the application to the school, open the link:")),
                    statusLink(token, l));
    } else {
        existing.finish();
        QSqlQuery ins = m_db.prepare(QStringLiteral(
            "INSERT INTO applications (school_id, role, surname, name, patronymic, email, subject, class_id, "
            "token_hash, "
            "address, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
        ins.addBindValue(s->id);
        ins.addBindValue(d.role);
        ins.addBindValue(d.surname);
        ins.addBindValue(d.name);
        ins.addBindValue(text(d.patronymic));
        ins.addBindValue(email);
        ins.addBindValue(text(teacher ? d.subject : QString()));
        ins.addBindValue(classId);
        ins.addBindValue(crypto::tokenHash(token));
        ins.addBindValue(text(address));
        ins.addBindValue(now);
        ins.addBindValue(expires);
        if (!ins.exec())
            return storagePage(l);
        applicationId = Database::returnedId(ins);
        ins.finish();
        auditAction = QStringLiteral("application.submitted");
        mailBody =
            l.t(QStringLiteral("Здравствуйте, %1!\n\nВы подаёте заявку %2 в SchoolGate.\nШкола: %3\n\n"
                               "Чтобы подтвердить адрес почты и отправить заявку в школу, откройте ссылку (она "
                               "действует %4 дней; по ней же потом видно, что решила школа):\n%5\n\n"
                               "Если вы не подавали заявку, ничего не делайте: без подтверждения она не уйдёт.\n"),
                 QStringLiteral("Hello, %1,\n\nYou are applying %2 on SchoolGate.\nSchool: %3\n\nTo confirm your "
                                "e-mail address and send the application to the school, open the link (it works for %4 "
                                "days; it also shows what the school decided):\n%5\n\nIf you did not apply, do "
                                "nothing: without the confirmation nothing is sent.\n"))
                .arg(fullName(d.surname, d.name, d.patronymic),
                    teacher ? l.t(QStringLiteral("педагога"), QStringLiteral("as a teacher"))
                            : l.t(QStringLiteral("обучающегося"), QStringLiteral("as a student")),
                    s->name)
                .arg(kLinkLifetimeDays)
                .arg(statusLink(token, l));
    }
    QSqlQuery counted = m_db.prepare(QStringLiteral("INSERT INTO application_mails (email, at) VALUES (?, ?)"));
    counted.addBindValue(email);
    counted.addBindValue(now);
    if (!m_db.exec(counted))
        return storagePage(l);
    if (!m_notifier.queueMail(d.email,
            l.t(QStringLiteral("SchoolGate: подтвердите заявку в школу"),
                QStringLiteral("SchoolGate: confirm your application to a school")),
            mailBody))
        return storagePage(l);
    AuditEntry e;
    e.actor = QStringLiteral("applicant");
    e.action = auditAction;
    e.entity = QStringLiteral("application");
    e.entityId = QString::number(applicationId);
    e.schoolId = s->id;
    e.after = QJsonObject{{QStringLiteral("role"), d.role}, {QStringLiteral("address"), address}};
    if (!m_audit.append(e) || !tx.commit())
        return storagePage(l);
    qCInfo(lcApply) << "application" << applicationId << "to school" << s->id << auditAction;
    // The same answer whether the e-mail was new or known: the page tells nobody who applied.
    return messagePage(l, 200, QStringLiteral("notice"),
        l.t(QStringLiteral("Письмо отправлено на %1. Откройте ссылку в письме, чтобы подтвердить адрес: после этого "
                           "заявка уйдёт в школу. Письма нет — проверьте папку «Спам»."),
             QStringLiteral("A letter was sent to %1. Open the link in it to confirm the address: then the application "
                            "goes to the school. No letter? Look in the spam folder."))
            .arg(d.email));
}

HttpResponse Applications::status(const HttpRequest &request)
{
    const Lang l = langOf(request);
    const QString token = request.query.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded);
    if (token.isEmpty() || token.size() > 128)
        return messagePage(l, 410, QStringLiteral("error"),
            l.t(QStringLiteral("Ссылка неполная или устарела. Подайте заявку ещё раз: письмо придёт с новой ссылкой."),
                QStringLiteral(
                    "The link is incomplete or has expired. Apply again: a letter with a new link will come.")));
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "SELECT a.id, a.confirmed_at, a.role, a.surname, a.name, a.patronymic, COALESCE(NULLIF(s.short_name, ''), "
        "s.name), m.status, m.reason FROM applications a JOIN schools s ON s.id = a.school_id LEFT JOIN members m "
        "ON m.id = a.member_id WHERE a.token_hash = ? AND a.expires_at > ?"));
    q.addBindValue(crypto::tokenHash(token));
    q.addBindValue(m_clock.now().toSecsSinceEpoch());
    if (!q.exec())
        return storagePage(l);
    if (!q.next())
        return messagePage(l, 410, QStringLiteral("error"),
            l.t(QStringLiteral("Ссылка неполная или устарела. Подайте заявку ещё раз: письмо придёт с новой ссылкой."),
                QStringLiteral(
                    "The link is incomplete or has expired. Apply again: a letter with a new link will come.")));
    const bool confirmed = q.value(1).toLongLong() != 0;
    const bool teacher = q.value(2).toString() == QLatin1String("teacher");
    const QString who = fullName(q.value(3).toString(), q.value(4).toString(), q.value(5).toString());
    const QString schoolName = q.value(6).toString();
    const QString memberStatus = q.value(7).toString();
    const QString reason = q.value(8).toString();
    QUrlQuery self{{QStringLiteral("token"), token}};
    QString body = languageSwitch(l, QStringLiteral("/api/v1/apply/status?") + self.toString(QUrl::FullyEncoded))
        + QStringLiteral("<p><strong>%1</strong><br>%2<br><span class=\"hint\">%3</span></p>")
              .arg(esc(who),
                  esc(teacher ? l.t(QStringLiteral("Заявка педагога"), QStringLiteral("A teacher's application"))
                              : l.t(QStringLiteral("Заявка обучающегося"), QStringLiteral("A student's application"))),
                  esc(schoolName));
    if (!confirmed) {
        body +=
            QStringLiteral("<p class=\"notice\" role=\"status\" id=\"message\">%1</p>"
                           "<form method=\"post\" action=\"/api/v1/apply/confirm\">%4"
                           "<input type=\"hidden\" name=\"token\" value=\"%2\">"
                           "<button type=\"submit\">%3</button></form>")
                .arg(esc(l.t(QStringLiteral("Адрес почты ещё не подтверждён: заявка пока не отправлена в школу."),
                         QStringLiteral(
                             "The e-mail address is not confirmed yet: the application has not gone to the school."))),
                    esc(token),
                    esc(l.t(QStringLiteral("Подтвердить адрес и отправить заявку"),
                        QStringLiteral("Confirm the address and send the application"))),
                    l.field());
        return page(l, 200, body);
    }
    QString text;
    if (memberStatus == QLatin1String("approved"))
        // Approved people get an account and its link by mail (teachers and students alike).
        text = l.t(QStringLiteral("Школа подтвердила заявку. На почту пришло письмо со ссылкой, чтобы задать "
                                  "пароль и войти в SchoolGate."),
            QStringLiteral("The school has approved the application. A letter with a link to set your password and "
                           "sign in to SchoolGate has come to your e-mail."));
    else if (memberStatus == QLatin1String("rejected"))
        text = l.t(QStringLiteral("Школа отклонила заявку. Причина: %1"),
                    QStringLiteral("The school has rejected the application. Reason: %1"))
                   .arg(reason);
    else if (memberStatus == QLatin1String("pending"))
        text = l.t(QStringLiteral("Заявка на рассмотрении в школе. Когда школа решит, это будет видно здесь."),
            QStringLiteral("The school is considering the application. When it decides, you will see it here."));
    else
        text = l.t(QStringLiteral("Вы больше не числитесь в школе."),
            QStringLiteral("You are no longer on the school's list."));
    body += QStringLiteral("<p class=\"notice\" role=\"status\" id=\"message\">%1</p>").arg(esc(text));
    return page(l, 200, body);
}

HttpResponse Applications::confirm(const HttpRequest &request)
{
    const auto fields = formFields(request);
    const Lang l = langOf(request, fields ? &*fields : nullptr);
    if (!fields)
        return messagePage(l, 400, QStringLiteral("error"),
            l.t(QStringLiteral("Форма пришла неполной. Откройте ссылку из письма ещё раз."),
                QStringLiteral("The form arrived incomplete. Open the link from the letter again.")));
    const QString token = fields->value(QStringLiteral("token"));
    const auto dead = [&l] {
        return messagePage(l, 410, QStringLiteral("error"),
            l.t(QStringLiteral("Ссылка неполная или устарела. Подайте заявку ещё раз: письмо придёт с новой ссылкой."),
                QStringLiteral(
                    "The link is incomplete or has expired. Apply again: a letter with a new link will come.")));
    };
    if (token.isEmpty() || token.size() > 128)
        return dead();
    Transaction tx(m_db);
    if (!tx.isActive())
        return storagePage(l);
    QSqlQuery q = m_db.prepare(
        QStringLiteral("SELECT id, school_id, role, surname, name, patronymic, email, subject, class_id, confirmed_at "
                       "FROM applications WHERE token_hash = ? AND expires_at > ?"));
    q.addBindValue(crypto::tokenHash(token));
    q.addBindValue(m_clock.now().toSecsSinceEpoch());
    if (!q.exec())
        return storagePage(l);
    if (!q.next())
        return dead();
    const qint64 id = q.value(0).toLongLong();
    const qint64 schoolId = q.value(1).toLongLong();
    const QString role = q.value(2).toString();
    const QString surname = q.value(3).toString(), name = q.value(4).toString(), patronymic = q.value(5).toString();
    const QString email = q.value(6).toString(), subject = q.value(7).toString();
    const QVariant classId = q.value(8);
    const bool confirmed = q.value(9).toLongLong() != 0;
    q.finish();
    HttpRequest asStatus;
    asStatus.query.addQueryItem(QStringLiteral("token"), token);
    asStatus.query.addQueryItem(QStringLiteral("lang"), l.code());
    if (confirmed)
        return status(asStatus);

    // A person of the school with this e-mail and role already: the application is theirs, never a copy.
    qint64 memberId = 0;
    QSqlQuery same = m_db.prepare(
        QStringLiteral("SELECT id FROM members WHERE school_id = ? AND role = ? AND lower(email) = ? ORDER BY id"));
    same.addBindValue(schoolId);
    same.addBindValue(role);
    same.addBindValue(email);
    if (!same.exec())
        return storagePage(l);
    if (same.next())
        memberId = same.value(0).toLongLong();
    same.finish();
    if (!memberId) {
        QSqlQuery ins = m_db.prepare(
            QStringLiteral("INSERT INTO members (school_id, role, surname, name, patronymic, email, subject, class_id, "
                           "registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
        ins.addBindValue(schoolId);
        ins.addBindValue(role);
        ins.addBindValue(surname);
        ins.addBindValue(name);
        ins.addBindValue(text(patronymic));
        ins.addBindValue(email);
        ins.addBindValue(text(subject));
        ins.addBindValue(classId.isNull() ? QVariant(QMetaType::fromType<qint64>()) : classId);
        ins.addBindValue(proto::formatTimestamp(m_clock.now()));
        if (!ins.exec())
            return storagePage(l);
        memberId = Database::returnedId(ins);
    }
    QSqlQuery done =
        m_db.prepare(QStringLiteral("UPDATE applications SET confirmed_at = ?, member_id = ? WHERE id = ? AND "
                                    "confirmed_at = 0"));
    done.addBindValue(m_clock.now().toSecsSinceEpoch());
    done.addBindValue(memberId);
    done.addBindValue(id);
    if (!m_db.exec(done) || done.numRowsAffected() != 1)
        return storagePage(l);
    AuditEntry e;
    e.actor = QStringLiteral("applicant");
    e.action = QStringLiteral("application.confirmed");
    e.entity = QStringLiteral("member");
    e.entityId = QString::number(memberId);
    e.schoolId = schoolId;
    e.after = QJsonObject{{QStringLiteral("application"), id}, {QStringLiteral("role"), role},
        {QStringLiteral("status"), QStringLiteral("pending")}};
    if (!m_audit.append(e) || !tx.commit())
        return storagePage(l);
    qCInfo(lcApply) << "application" << id << "confirmed: member" << memberId << "of school" << schoolId;
    return status(asStatus);
}

HttpResponse Applications::list(const HttpRequest &request)
{
    HttpResponse failure;
    if (!m_auth || !m_auth->operatorRequest(request, &failure))
        return failure;
    const QString schoolText = request.query.queryItemValue(QStringLiteral("schoolId"));
    qint64 wanted = 0; // 0: every school
    if (!schoolText.isEmpty()) {
        const auto parsed = Authorizer::parseId(schoolText);
        if (parsed)
            wanted = *parsed;
    }
    if (!schoolText.isEmpty() && wanted == 0)
        return HttpResponse::problem(
            400, QString::fromLatin1(errc::ValidationFailed), QStringLiteral("schoolId: must be a school's id."));
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "SELECT a.id, a.school_id, COALESCE(NULLIF(s.short_name, ''), s.name), a.role, a.surname, a.name, "
        "a.patronymic, a.email, a.created_at, a.confirmed_at, a.member_id, m.status, m.reason FROM applications a "
        "JOIN schools s ON s.id = a.school_id LEFT JOIN members m ON m.id = a.member_id "
        "WHERE (? = 0 OR a.school_id = ?) ORDER BY a.id DESC LIMIT 1000"));
    q.setForwardOnly(true);
    q.addBindValue(wanted);
    q.addBindValue(wanted);
    if (!q.exec())
        return HttpResponse::problem(
            Error{QString::fromLatin1(errc::Internal), QStringLiteral("storage failure"), 500});
    QJsonArray items;
    while (q.next()) {
        const bool confirmed = q.value(9).toLongLong() != 0;
        QJsonObject o{{QStringLiteral("id"), q.value(0).toLongLong()},
            {QStringLiteral("schoolId"), q.value(1).toLongLong()},
            {QStringLiteral("schoolName"), q.value(2).toString()}, {QStringLiteral("role"), q.value(3).toString()},
            {QStringLiteral("surname"), q.value(4).toString()}, {QStringLiteral("name"), q.value(5).toString()},
            {QStringLiteral("patronymic"), q.value(6).toString()}, {QStringLiteral("email"), q.value(7).toString()},
            {QStringLiteral("createdAt"),
                proto::formatTimestamp(QDateTime::fromSecsSinceEpoch(q.value(8).toLongLong()).toUTC())},
            {QStringLiteral("status"), confirmed ? q.value(11).toString() : QStringLiteral("unconfirmed")},
            {QStringLiteral("reason"), confirmed ? q.value(12).toString() : QString()}};
        if (!q.value(10).isNull())
            o.insert(QStringLiteral("memberId"), q.value(10).toLongLong());
        items.append(o);
    }
    return HttpResponse::json(200, {{QStringLiteral("items"), items}});
}

} // namespace sg::server
