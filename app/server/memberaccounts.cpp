#include "server/memberaccounts.h"

#include "core/errorcodes.h"
#include "core/passwordpolicy.h"
#include "core/validators.h"
#include "server/auditlog.h"
#include "server/crypto.h"
#include "server/database.h"
#include "server/notifier.h"
#include "server/router.h"
#include "server/webpage.h"

#include <QHash>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QUrlQuery>

Q_LOGGING_CATEGORY(lcAccounts, "sg.server.accounts")

namespace sg::server {

namespace {

const QString kPurposePassword = QStringLiteral("set-password");

Error storageError()
{
    return Error{QString::fromLatin1(errc::Internal), QStringLiteral("storage failure"), 500};
}

QString fullName(const QString &surname, const QString &name, const QString &patronymic)
{
    return QStringList{surname, name, patronymic}.join(QLatin1Char(' ')).simplified();
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

MemberAccounts::MemberAccounts(Database &db, AuditLog &audit, Notifier &notifier, const Clock &clock)
    : m_db(db)
    , m_audit(audit)
    , m_notifier(notifier)
    , m_clock(clock)
{}

void MemberAccounts::registerRoutes(Router &router)
{
    router.add("GET", QStringLiteral("/api/v1/account/password"),
        [this](const HttpRequest &r, const QStringList &) { return passwordForm(r); });
    router.add("POST", QStringLiteral("/api/v1/account/password"),
        [this](const HttpRequest &r, const QStringList &) { return setPassword(r); });
}

Status MemberAccounts::follow(qint64 schoolId, const QList<Change> &changes, const Actor &actor)
{
    if (changes.isEmpty())
        return Unit{};
    QHash<qint64, MemberStatus> wanted;
    for (const Change &c : changes)
        wanted.insert(c.memberId, c.status);

    struct Person
    {
        qint64 memberId = 0;
        bool student = false;
        std::optional<qint64> userId;
        QString email, surname, name, patronymic;
        bool disabled = false;
        bool hasPassword = false;
        QString login;
    };
    QList<Person> people;
    QString schoolName;
    {
        QSqlQuery q = m_db.prepare(
            QStringLiteral("SELECT m.id, m.user_id, m.email, m.surname, m.name, m.patronymic, u.disabled, "
                           "u.password_hash, u.login, COALESCE(NULLIF(s.short_name, ''), s.name), m.role FROM "
                           "members m JOIN schools s ON s.id = m.school_id "
                           "LEFT JOIN users u ON u.id = m.user_id "
                           "WHERE m.school_id = ? AND m.id %1")
                .arg(m_db.inList("bigint")));
        q.setForwardOnly(true);
        q.addBindValue(schoolId);
        q.addBindValue(m_db.listParam(changes, [](const Change &c) { return c.memberId; }));
        if (!q.exec())
            return storageError();
        while (q.next()) {
            Person t;
            t.memberId = q.value(0).toLongLong();
            t.student = q.value(10).toString() == QLatin1String("student");
            if (!q.value(1).isNull())
                t.userId = q.value(1).toLongLong();
            t.email = q.value(2).toString().trimmed();
            t.surname = q.value(3).toString();
            t.name = q.value(4).toString();
            t.patronymic = q.value(5).toString();
            t.disabled = q.value(6).toInt() != 0;
            t.hasPassword = !q.value(7).toString().isEmpty();
            t.login = q.value(8).toString();
            schoolName = q.value(9).toString();
            people.append(std::move(t));
        }
    }

    const auto auditAccount = [&](const QString &action, qint64 userId, qint64 memberId, const QJsonObject &before,
                                  const QJsonObject &after) {
        AuditEntry e;
        e.actorId = actor.userId;
        e.actor = actor.login;
        e.action = action;
        e.entity = QStringLiteral("user");
        e.entityId = QString::number(userId);
        e.schoolId = schoolId;
        e.before = before;
        e.after = after;
        e.after.insert(QStringLiteral("member"), memberId);
        return m_audit.append(e);
    };
    const auto dropLinks = [&](qint64 userId) {
        QSqlQuery q = m_db.prepare(QStringLiteral("DELETE FROM account_tokens WHERE user_id = ?"));
        q.addBindValue(userId);
        return m_db.exec(q);
    };

    for (const Person &t : std::as_const(people)) {
        const Role role = t.student ? Role::Student : Role::Teacher;
        const bool approved = wanted.value(t.memberId) == MemberStatus::Approved;
        if (approved && !t.userId) {
            // No account yet: one is made from the application, if it gave an e-mail to send the link to.
            if (!validators::isEmailAddress(t.email)) {
                qCInfo(lcAccounts) << "approved member" << t.memberId << "has no e-mail: no account made";
                continue;
            }
            QString login = t.email.toLower();
            QSqlQuery taken = m_db.prepare(QStringLiteral("SELECT 1 FROM users WHERE lower(login) = ?"));
            taken.addBindValue(login);
            if (!taken.exec())
                return storageError();
            if (taken.next() || login.size() > 64) // logins have at most 64 characters
                login = (t.student ? QStringLiteral("student%1") : QStringLiteral("teacher%1")).arg(t.memberId);
            taken.finish();
            QSqlQuery ins =
                m_db.prepare(QStringLiteral("INSERT INTO users (login, password_hash, role, school_id, display_name, "
                                            "must_change_password, created_at, surname, given_name, patronymic) "
                                            "VALUES (?, '', ?, ?, ?, 0, ?, ?, ?, ?) RETURNING id"));
            ins.addBindValue(login);
            ins.addBindValue(toString(role));
            ins.addBindValue(schoolId);
            ins.addBindValue(fullName(t.surname, t.name, t.patronymic));
            ins.addBindValue(proto::formatTimestamp(m_clock.now()));
            ins.addBindValue(t.surname);
            ins.addBindValue(t.name);
            ins.addBindValue(t.patronymic);
            if (!ins.exec())
                return storageError();
            const qint64 userId = Database::returnedId(ins);
            ins.finish();
            QSqlQuery link = m_db.prepare(QStringLiteral("UPDATE members SET user_id = ? WHERE id = ?"));
            link.addBindValue(userId);
            link.addBindValue(t.memberId);
            if (!m_db.exec(link))
                return storageError();
            if (!auditAccount(QStringLiteral("account.created"), userId, t.memberId, {},
                    QJsonObject{{QStringLiteral("login"), login}, {QStringLiteral("role"), toString(role)}}))
                return storageError();
            if (auto st = invite(userId, login, t.email, fullName(t.surname, t.name, t.patronymic), schoolName, role);
                !st)
                return st;
        } else if (approved && t.disabled) {
            QSqlQuery q = m_db.prepare(QStringLiteral("UPDATE users SET disabled = 0 WHERE id = ?"));
            q.addBindValue(*t.userId);
            if (!m_db.exec(q))
                return storageError();
            if (!auditAccount(QStringLiteral("account.enabled"), *t.userId, t.memberId,
                    QJsonObject{{QStringLiteral("disabled"), true}}, QJsonObject{{QStringLiteral("disabled"), false}}))
                return storageError();
            // Still without a password (the first link was dropped with the account): a new link.
            if (!t.hasPassword && validators::isEmailAddress(t.email)) {
                if (auto st = invite(
                        *t.userId, t.login, t.email, fullName(t.surname, t.name, t.patronymic), schoolName, role);
                    !st)
                    return st;
            }
        } else if (!approved && t.userId && !t.disabled) {
            QSqlQuery q = m_db.prepare(QStringLiteral("UPDATE users SET disabled = 1 WHERE id = ?"));
            q.addBindValue(*t.userId);
            if (!m_db.exec(q))
                return storageError();
            QSqlQuery end = m_db.prepare(QStringLiteral("DELETE FROM sessions WHERE user_id = ?"));
            end.addBindValue(*t.userId);
            if (!m_db.exec(end) || !dropLinks(*t.userId))
                return storageError();
            if (!auditAccount(QStringLiteral("account.disabled"), *t.userId, t.memberId,
                    QJsonObject{{QStringLiteral("disabled"), false}},
                    QJsonObject{{QStringLiteral("disabled"), true},
                        {QStringLiteral("status"), toString(wanted.value(t.memberId))}}))
                return storageError();
        }
    }
    return Unit{};
}

Status MemberAccounts::invite(qint64 userId, const QString &login, const QString &email, const QString &fullName,
    const QString &schoolName, Role role)
{
    const QString token = crypto::randomToken();
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    QSqlQuery drop = m_db.prepare(QStringLiteral("DELETE FROM account_tokens WHERE user_id = ? AND purpose = ?"));
    drop.addBindValue(userId);
    drop.addBindValue(kPurposePassword);
    if (!m_db.exec(drop))
        return storageError();
    QSqlQuery ins = m_db.prepare(QStringLiteral("INSERT INTO account_tokens (token_hash, user_id, purpose, created_at, "
                                                "expires_at) VALUES (?, ?, ?, ?, ?)"));
    ins.addBindValue(crypto::tokenHash(token));
    ins.addBindValue(userId);
    ins.addBindValue(kPurposePassword);
    ins.addBindValue(now);
    ins.addBindValue(now + qint64(kLinkLifetimeDays) * 24 * 3600);
    if (!m_db.exec(ins))
        return storageError();

    const QUrl link = publicLink(m_publicUrl, QStringLiteral("/api/v1/account/password"), token);
    const bool student = role == Role::Student;
    const QString body =
        QStringLiteral("Здравствуйте, %1!\n\n"
                       "Школа подтвердила вас как %6 в SchoolGate, и для вас создана учётная запись.\n"
                       "Школа: %2\n\n"
                       "Логин: %3\n\n"
                       "Чтобы задать пароль, откройте ссылку (она действует %4 дней и только один раз):\n%5\n\n"
                       "%7\n\n"
                       "Если вы не подавали заявку, ничего не делайте: без пароля войти нельзя.\n")
            .arg(fullName, schoolName, login)
            .arg(kLinkLifetimeDays)
            .arg(link.toString(QUrl::FullyEncoded),
                student ? QStringLiteral("обучающегося") : QStringLiteral("педагога"),
                student ? QStringLiteral("С этим логином и паролем можно войти в SchoolGate и увидеть свой статус в "
                                         "школе, а также привязать учётную запись Госуслуг («Войти через Госуслуги» → "
                                         "«Найти существующего пользователя» → «Прикрепить»); ученику достаточно "
                                         "упрощённой учётной записи Госуслуг.")
                        : QStringLiteral("Затем войдите в программу SchoolGate с этим логином и паролем и "
                                         "подтвердите обучающихся своих классов."));
    if (auto st = m_notifier.queueMail(email, QStringLiteral("SchoolGate: задайте пароль учётной записи"), body); !st)
        return st;
    AuditEntry e;
    e.actor = QStringLiteral("system");
    e.action = QStringLiteral("account.invited");
    e.entity = QStringLiteral("user");
    e.entityId = QString::number(userId);
    QSqlQuery school = m_db.prepare(QStringLiteral("SELECT school_id FROM users WHERE id = ?"));
    school.addBindValue(userId);
    if (school.exec() && school.next() && !school.value(0).isNull())
        e.schoolId = school.value(0).toLongLong();
    school.finish();
    e.after = QJsonObject{{QStringLiteral("expiresInDays"), kLinkLifetimeDays}};
    if (!m_audit.append(e))
        return storageError();
    return Unit{};
}

Result<QString> MemberAccounts::sendPasswordLink(const QString &login, const QString &actor)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return storageError();
    QSqlQuery q =
        m_db.prepare(QStringLiteral("SELECT u.id, u.login, u.disabled, m.email, m.surname, m.name, m.patronymic, "
                                    "COALESCE(NULLIF(s.short_name, ''), s.name), m.role "
                                    "FROM users u JOIN members m ON m.user_id = u.id "
                                    "JOIN schools s ON s.id = m.school_id WHERE u.login = ?"));
    q.addBindValue(login.trimmed());
    if (!q.exec())
        return storageError();
    if (!q.next())
        return Error{QString::fromLatin1(errc::NotFound),
            tr("There is no account %1 of an approved teacher or student (links are sent to the accounts that an "
               "approval made).")
                .arg(login.trimmed()),
            404};
    const qint64 userId = q.value(0).toLongLong();
    const QString storedLogin = q.value(1).toString();
    const bool disabled = q.value(2).toInt() != 0;
    const QString email = q.value(3).toString().trimmed();
    const QString name = fullName(q.value(4).toString(), q.value(5).toString(), q.value(6).toString());
    const QString schoolName = q.value(7).toString();
    const Role role = q.value(8).toString() == QLatin1String("student") ? Role::Student : Role::Teacher;
    q.finish();
    if (disabled)
        return Error{QString::fromLatin1(errc::Conflict),
            tr("The account %1 is disabled: its person is not approved now.").arg(storedLogin), 409};
    if (!validators::isEmailAddress(email))
        return Error{QString::fromLatin1(errc::ValidationFailed),
            tr("The person behind %1 has no e-mail address to send the link to.").arg(storedLogin), 422};
    if (auto st = invite(userId, storedLogin, email, name, schoolName, role); !st)
        return st.error();
    AuditEntry e;
    e.actor = actor;
    e.action = QStringLiteral("account.link-resent");
    e.entity = QStringLiteral("user");
    e.entityId = QString::number(userId);
    if (!m_audit.append(e) || !tx.commit())
        return storageError();
    return email;
}

Status MemberAccounts::mailRejections(qint64 schoolId, qint64 reportId)
{
    QSqlQuery q = m_db.prepare(
        QStringLiteral("SELECT m.email, m.surname, m.name, m.patronymic, m.role, m.reason, "
                       "COALESCE(NULLIF(s.short_name, ''), s.name) "
                       "FROM decisions d JOIN members m ON m.id = d.member_id JOIN schools s ON s.id = d.school_id "
                       "WHERE d.school_id = ? AND d.report_id = ? AND d.verdict = 'reject' AND m.status = 'rejected' "
                       "AND m.email <> '' ORDER BY d.id"));
    q.setForwardOnly(true);
    q.addBindValue(schoolId);
    q.addBindValue(reportId);
    if (!q.exec())
        return storageError();
    struct Mail
    {
        QString to, body;
    };
    QList<Mail> mails;
    QSet<QString> told;
    while (q.next()) {
        const QString email = q.value(0).toString().trimmed();
        if (!validators::isEmailAddress(email) || told.contains(email.toLower()))
            continue;
        told.insert(email.toLower());
        const bool teacher = q.value(4).toString() == QLatin1String("teacher");
        mails.append({email,
            QStringLiteral("Здравствуйте, %1!\n\n"
                           "Школа не подтвердила вашу заявку %3 в SchoolGate.\n"
                           "Школа: %2\n"
                           "Причина: %4\n\n"
                           "Если это ошибка, обратитесь в школу: заявку можно рассмотреть снова.\n")
                .arg(fullName(q.value(1).toString(), q.value(2).toString(), q.value(3).toString()),
                    q.value(6).toString(), teacher ? QStringLiteral("педагога") : QStringLiteral("обучающегося"),
                    q.value(5).toString())});
    }
    q.finish();
    for (const Mail &m : std::as_const(mails)) {
        if (auto st = m_notifier.queueMail(m.to, QStringLiteral("SchoolGate: заявка не подтверждена"), m.body); !st)
            return st;
    }
    return Unit{};
}

std::optional<MemberAccounts::LinkTarget> MemberAccounts::linkTarget(const QString &token)
{
    if (token.isEmpty() || token.size() > 128)
        return std::nullopt;
    QSqlQuery q = m_db.prepare(
        QStringLiteral("SELECT u.id, u.login, u.display_name, u.school_id FROM account_tokens t JOIN users u ON "
                       "u.id = t.user_id WHERE t.token_hash = ? AND t.purpose = ? AND t.used_at = 0 "
                       "AND t.expires_at > ? AND u.disabled = 0"));
    q.addBindValue(crypto::tokenHash(token));
    q.addBindValue(kPurposePassword);
    q.addBindValue(m_clock.now().toSecsSinceEpoch());
    if (!q.exec() || !q.next())
        return std::nullopt;
    LinkTarget t;
    t.userId = q.value(0).toLongLong();
    t.login = q.value(1).toString();
    t.displayName = q.value(2).toString();
    if (!q.value(3).isNull())
        t.schoolId = q.value(3).toLongLong();
    return t;
}

namespace {
QString pageTitle(const Lang &l)
{
    return l.t(QStringLiteral("Пароль SchoolGate"), QStringLiteral("SchoolGate password"));
}

HttpResponse page(const Lang &l, int status, const QString &body)
{
    return htmlPage(status, pageTitle(l), body, {}, l.page());
}

HttpResponse deadLinkPage(const Lang &l)
{
    return page(l, 410,
        QStringLiteral("<p class=\"error\" id=\"error\" role=\"alert\">%1</p><p>%2</p>")
            .arg(escaped(l.t(QStringLiteral("Ссылка недействительна: она уже использована, её срок истёк или учётная "
                                            "запись отключена."),
                     QStringLiteral(
                         "The link does not work: it was used already, it has expired, or the account is disabled."))),
                escaped(l.t(QStringLiteral("Если пароль ещё не задан, попросите школу прислать новую ссылку. Если "
                                           "пароль уже задан, войдите в программу SchoolGate."),
                    QStringLiteral("If the password is not set yet, ask the school for a new link. If it is set, sign "
                                   "in to the SchoolGate program.")))));
}
} // namespace

HttpResponse MemberAccounts::formPage(
    int status, const QString &token, const LinkTarget &target, const QString &error, const Lang &l)
{
    QString body;
    if (!error.isEmpty())
        body += QStringLiteral("<p class=\"error\" id=\"error\" role=\"alert\">%1</p>").arg(escaped(error));
    body += QStringLiteral(
        "<p>%1</p><p>%2 <strong id=\"login\">%3</strong></p>"
        "<form method=\"post\" action=\"/api/v1/account/password\">%12"
        "<input type=\"hidden\" name=\"token\" value=\"%4\">"
        "<input type=\"hidden\" name=\"username\" value=\"%3\" autocomplete=\"username\">"
        "<label for=\"password\">%5</label>"
        "<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"new-password\" required "
        "minlength=\"%6\" maxlength=\"%7\" aria-describedby=\"rules\"%8>"
        "<p class=\"hint\" id=\"rules\">%9</p>"
        "<label for=\"repeat\">%10</label>"
        "<input type=\"password\" id=\"repeat\" name=\"repeat\" autocomplete=\"new-password\" required "
        "maxlength=\"%7\">"
        "<button type=\"submit\">%11</button></form>")
                .arg(escaped(target.displayName.isEmpty() ? target.login : target.displayName),
                    escaped(l.t(QStringLiteral("Логин:"), QStringLiteral("Login:"))), escaped(target.login),
                    escaped(token), escaped(l.t(QStringLiteral("Новый пароль"), QStringLiteral("New password"))))
                .arg(PasswordPolicy::kMinLength)
                .arg(PasswordPolicy::kMaxLength)
                .arg(error.isEmpty() ? QString() : QStringLiteral(" aria-invalid=\"true\""),
                    escaped(l.t(QStringLiteral("Не короче %1 символов. Удобно взять несколько не связанных слов; "
                                               "распространённые пароли, даты и ряды клавиш не подойдут."),
                                 QStringLiteral("At least %1 characters. A few unrelated words work well; common "
                                                "passwords, dates and rows of keys will not do."))
                                .arg(PasswordPolicy::kMinLength)),
                    escaped(l.t(QStringLiteral("Повторите пароль"), QStringLiteral("Repeat the password"))),
                    escaped(l.t(QStringLiteral("Задать пароль"), QStringLiteral("Set the password"))))
                .arg(l.field());
    return page(l, status, body);
}

HttpResponse MemberAccounts::passwordForm(const HttpRequest &request)
{
    const Lang l = langOf(request);
    const QString token = request.query.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded);
    const auto target = linkTarget(token);
    if (!target)
        return deadLinkPage(l);
    return formPage(200, token, *target, {}, l);
}

HttpResponse MemberAccounts::setPassword(const HttpRequest &request)
{
    const auto fields = formFields(request);
    const Lang l = langOf(request, fields ? &*fields : nullptr);
    if (!fields)
        return page(l, 400,
            QStringLiteral("<p class=\"error\" id=\"error\" role=\"alert\">%1</p>")
                .arg(escaped(l.t(QStringLiteral("Форма пришла неполной. Откройте ссылку из письма ещё раз."),
                    QStringLiteral("The form arrived incomplete. Open the link from the letter again.")))));
    const QString token = fields->value(QStringLiteral("token"));
    const QString password = fields->value(QStringLiteral("password"));
    const QString repeat = fields->value(QStringLiteral("repeat"));

    Transaction tx(m_db);
    if (!tx.isActive())
        return page(l, 503,
            QStringLiteral("<p class=\"error\" role=\"alert\">%1</p>")
                .arg(escaped(l.t(QStringLiteral("Сервер занят. Обновите страницу через минуту."),
                    QStringLiteral("The server is busy. Reload the page in a minute.")))));
    const auto target = linkTarget(token);
    if (!target)
        return deadLinkPage(l);
    if (password != repeat)
        return formPage(400, token, *target,
            l.t(QStringLiteral("Пароли не совпадают. Введите один и тот же пароль дважды."),
                QStringLiteral("The passwords differ. Enter the same password twice.")),
            l);
    if (password.size() < PasswordPolicy::kMinLength)
        return formPage(400, token, *target,
            l.t(QStringLiteral("Пароль короче %1 символов. Возьмите несколько не связанных слов."),
                 QStringLiteral("The password is shorter than %1 characters. Take a few unrelated words."))
                .arg(PasswordPolicy::kMinLength),
            l);
    if (password.size() > PasswordPolicy::kMaxLength)
        return formPage(400, token, *target,
            l.t(QStringLiteral("Пароль длиннее %1 символов."),
                 QStringLiteral("The password is longer than %1 characters."))
                .arg(PasswordPolicy::kMaxLength),
            l);
    if (!PasswordPolicy::check(password, target->login).isEmpty())
        return formPage(400, token, *target,
            l.t(QStringLiteral(
                    "Такой пароль легко подобрать: он похож на распространённые пароли, слова, даты или ряды "
                    "клавиш, или содержит логин. Добавьте ещё одно-два не связанных слова."),
                QStringLiteral("Such a password is easy to guess: it looks like common passwords, words, dates or rows "
                               "of keys, or contains the login. Add one or two more unrelated words.")),
            l);
    const QByteArray hash = crypto::hashPassword(password);
    if (hash.isEmpty())
        return page(l, 500,
            l.t(QStringLiteral("<p class=\"error\" role=\"alert\">Ошибка сервера.</p>"),
                QStringLiteral("<p class=\"error\" role=\"alert\">Server error.</p>")));
    const auto fail = [&l] {
        return page(l, 503,
            QStringLiteral("<p class=\"error\" role=\"alert\">%1</p>")
                .arg(escaped(l.t(QStringLiteral("Пароль не сохранён: сервер не смог записать его. Попробуйте через "
                                                "минуту по той же ссылке."),
                    QStringLiteral("The password was not saved: the server could not write it. Try again in a minute "
                                   "with the same link.")))));
    };
    QSqlQuery set =
        m_db.prepare(QStringLiteral("UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?"));
    set.addBindValue(QString::fromLatin1(hash));
    set.addBindValue(target->userId);
    // Used once: of two forms sent with the same link, the second finds it used.
    QSqlQuery used =
        m_db.prepare(QStringLiteral("UPDATE account_tokens SET used_at = ? WHERE token_hash = ? AND used_at = 0"));
    used.addBindValue(m_clock.now().toSecsSinceEpoch());
    used.addBindValue(crypto::tokenHash(token));
    if (!m_db.exec(used))
        return fail();
    if (used.numRowsAffected() != 1)
        return deadLinkPage(l);
    QSqlQuery end = m_db.prepare(QStringLiteral("DELETE FROM sessions WHERE user_id = ?"));
    end.addBindValue(target->userId);
    if (!m_db.exec(set) || !m_db.exec(end))
        return fail();
    AuditEntry e;
    e.actorId = target->userId;
    e.actor = target->login;
    e.action = QStringLiteral("password.set");
    e.entity = QStringLiteral("user");
    e.entityId = QString::number(target->userId);
    e.schoolId = target->schoolId;
    e.after = QJsonObject{{QStringLiteral("through"), QStringLiteral("mailed link")}};
    if (!m_audit.append(e) || !tx.commit())
        return fail();
    qCInfo(lcAccounts) << "password set through a mailed link for account" << target->userId;
    return page(l, 200,
        QStringLiteral("<p class=\"notice\" role=\"status\" id=\"done\">%1</p><p>%2 <strong>%3</strong></p>")
            .arg(escaped(l.t(QStringLiteral("Пароль задан. Войдите в программу SchoolGate с логином и этим паролем."),
                     QStringLiteral(
                         "The password is set. Sign in to the SchoolGate program with the login and this password."))),
                escaped(l.t(QStringLiteral("Логин:"), QStringLiteral("Login:"))), escaped(target->login)));
}

} // namespace sg::server
