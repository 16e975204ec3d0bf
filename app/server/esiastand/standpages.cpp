#include "esiastand/standpages.h"

#include <QUrl>

namespace sg::esiastand::pages {

namespace {

constexpr char16_t kStyle[] = uR"(
*{box-sizing:border-box}
body{margin:0;background:#f1f4f9;color:#0b1f33;font:16px/1.5 -apple-system,"Segoe UI",Roboto,Arial,sans-serif}
.stand{background:#fff4d6;color:#5c4400;text-align:center;font-size:13px;padding:6px 12px}
.card{max-width:420px;margin:40px auto;background:#fff;border-radius:16px;padding:32px 36px;
box-shadow:0 4px 24px rgba(11,31,51,.08)}
.logo{font-size:26px;font-weight:700;letter-spacing:-.5px;text-align:center;margin-bottom:8px}
.logo .g{color:#0d4cd3}.logo .u{color:#ee3f58}
h1{font-size:22px;font-weight:600;text-align:center;margin:8px 0 20px}
label{display:block;font-size:14px;color:#66727f;margin:14px 0 4px}
input[type=text],input[type=email],input[type=password]{width:100%;padding:10px 12px;font-size:16px;
border:1px solid #b9c4cf;border-radius:8px;background:#fff;color:#0b1f33}
input:focus{outline:none;border-color:#0d4cd3;box-shadow:0 0 0 2px rgba(13,76,211,.2)}
.check{display:flex;gap:8px;align-items:flex-start;margin:14px 0;font-size:14px}
.check input{margin-top:4px}
.hint{display:block;color:#66727f;font-size:13px}
button{display:block;width:100%;padding:12px;margin-top:18px;font-size:16px;font-weight:500;border-radius:8px;
border:1px solid #0d4cd3;cursor:pointer}
button.primary{background:#0d4cd3;color:#fff}
button.primary:hover{background:#0b3fb0}
button.secondary{background:#fff;color:#0d4cd3;margin-top:10px}
.links{display:flex;justify-content:space-between;margin-top:18px;font-size:14px}
a{color:#0d4cd3;text-decoration:none}a:hover{text-decoration:underline}
.error{background:#fdecee;color:#b3132b;border-radius:8px;padding:10px 12px;font-size:14px}
.notice{background:#e8f0fe;color:#0b3fb0;border-radius:8px;padding:10px 12px;font-size:14px}
.client{color:#66727f;font-size:14px;text-align:center;margin-top:-12px}
.code{color:#66727f;font-size:12px;margin-top:20px}
)";

QString attr(const QString &text)
{
    return escape(text);
}

QByteArray layout(const QString &title, const QString &body)
{
    const QString html = QStringLiteral("<!DOCTYPE html>\n<html lang=\"ru\"><head><meta charset=\"utf-8\">"
                                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                                        "<meta name=\"referrer\" content=\"no-referrer\">"
                                        "<title>%1 — Госуслуги (тестовый стенд)</title><style>%2</style></head>"
                                        "<body><div class=\"stand\">Тестовый стенд ЕСИА: учебные данные, "
                                        "не настоящий портал Госуслуг</div><main class=\"card\">"
                                        "<div class=\"logo\"><span class=\"g\">гос</span><span class=\"u\">услуги"
                                        "</span></div>%3</main></body></html>\n")
                             .arg(escape(title), QString::fromUtf16(kStyle), body);
    return html.toUtf8();
}

QString hidden(const QString &name, const QString &value)
{
    return QStringLiteral("<input type=\"hidden\" name=\"%1\" value=\"%2\">").arg(name, attr(value));
}

QString errorBlock(const QString &error)
{
    return error.isEmpty()
        ? QString()
        : QStringLiteral("<p class=\"error\" id=\"form-error\" role=\"alert\">%1</p>").arg(escape(error));
}

QString withTicket(const QString &path, const QString &ticket)
{
    return ticket.isEmpty() ? path
                            : path + QStringLiteral("?ticket=") + QString::fromLatin1(QUrl::toPercentEncoding(ticket));
}

} // namespace

QString escape(const QString &text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'&': out += QLatin1String("&amp;"); break;
        case u'<': out += QLatin1String("&lt;"); break;
        case u'>': out += QLatin1String("&gt;"); break;
        case u'"': out += QLatin1String("&quot;"); break;
        case u'\'': out += QLatin1String("&#39;"); break;
        default: out += c;
        }
    }
    return out;
}

QByteArray signIn(const SignIn &page)
{
    QString body = QStringLiteral("<h1>Вход</h1>");
    if (!page.clientId.isEmpty())
        body += QStringLiteral("<p class=\"client\" id=\"client-name\">для входа в %1</p>").arg(escape(page.clientId));
    body += errorBlock(page.error);
    if (!page.notice.isEmpty())
        body += QStringLiteral("<p class=\"notice\" id=\"form-notice\">%1</p>").arg(escape(page.notice));
    body += QStringLiteral("<form id=\"login-form\" method=\"post\" action=\"/idp/login\" autocomplete=\"on\">")
        + hidden(QStringLiteral("csrf"), page.csrf) + hidden(QStringLiteral("ticket"), page.ticket)
        + QStringLiteral("<label for=\"login\">Телефон / Email / СНИЛС</label>"
                         "<input type=\"text\" id=\"login\" name=\"login\" value=\"%1\" autocomplete=\"username\" "
                         "maxlength=\"254\" autofocus>"
                         "<label for=\"password\">Пароль</label>"
                         "<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" "
                         "maxlength=\"256\">"
                         "<div class=\"check\"><input type=\"checkbox\" id=\"foreign\" name=\"foreign\" value=\"1\"%2>"
                         "<label for=\"foreign\" style=\"margin:0;color:#0b1f33\">Чужой компьютер"
                         "<span class=\"hint\">Не сохранять вход на этом компьютере: вход закончится, когда вы "
                         "закроете браузер</span></label></div>"
                         "<button type=\"submit\" class=\"primary\" id=\"login-submit\">Войти</button></form>")
              .arg(attr(page.login), page.foreign ? QStringLiteral(" checked") : QString());
    if (!page.ticket.isEmpty()) {
        body += QStringLiteral("<form id=\"cancel-form\" method=\"post\" action=\"/idp/cancel\">")
            + hidden(QStringLiteral("csrf"), page.csrf) + hidden(QStringLiteral("ticket"), page.ticket)
            + QStringLiteral("<button type=\"submit\" class=\"secondary\" id=\"cancel-submit\">Отмена</button></form>");
    }
    body += QStringLiteral("<div class=\"links\"><a id=\"recovery-link\" href=\"%1\">Восстановить</a>"
                           "<a id=\"register-link\" href=\"%2\">Зарегистрироваться</a></div>")
                .arg(attr(withTicket(QStringLiteral("/idp/recovery"), page.ticket)),
                    attr(withTicket(QStringLiteral("/idp/register"), page.ticket)));
    return layout(QStringLiteral("Вход"), body);
}

QByteArray registerForm(const Register &page)
{
    QString body = QStringLiteral("<h1>Регистрация</h1>") + errorBlock(page.error)
        + QStringLiteral("<form id=\"register-form\" method=\"post\" action=\"/idp/register\">")
        + hidden(QStringLiteral("csrf"), page.csrf) + hidden(QStringLiteral("ticket"), page.ticket)
        + QStringLiteral("<label for=\"lastName\">Фамилия</label>"
                         "<input type=\"text\" id=\"lastName\" name=\"lastName\" value=\"%1\" maxlength=\"100\">"
                         "<label for=\"firstName\">Имя</label>"
                         "<input type=\"text\" id=\"firstName\" name=\"firstName\" value=\"%2\" maxlength=\"100\">"
                         "<label for=\"email\">Электронная почта</label>"
                         "<input type=\"email\" id=\"email\" name=\"email\" value=\"%3\" maxlength=\"254\">"
                         "<div class=\"check\"><input type=\"checkbox\" id=\"consent\" name=\"consent\" value=\"1\">"
                         "<label for=\"consent\" style=\"margin:0;color:#0b1f33\">Я согласен на обработку "
                         "персональных данных и с условиями использования</label></div>"
                         "<button type=\"submit\" class=\"primary\" id=\"register-submit\">Зарегистрироваться</button>"
                         "</form>")
              .arg(attr(page.lastName), attr(page.firstName), attr(page.email))
        + QStringLiteral(
            "<div class=\"links\"><a id=\"login-link\" href=\"%1\">У меня уже есть учётная запись</a></div>")
              .arg(attr(withTicket(QStringLiteral("/idp/login"), page.ticket)));
    return layout(QStringLiteral("Регистрация"), body);
}

QByteArray recoveryForm(const QString &ticket, const QString &csrf, const QString &login, const QString &error)
{
    QString body = QStringLiteral("<h1>Восстановление пароля</h1>") + errorBlock(error)
        + QStringLiteral("<form id=\"recovery-form\" method=\"post\" action=\"/idp/recovery\">")
        + hidden(QStringLiteral("csrf"), csrf) + hidden(QStringLiteral("ticket"), ticket)
        + QStringLiteral("<label for=\"login\">Телефон / Email / СНИЛС</label>"
                         "<input type=\"text\" id=\"login\" name=\"login\" value=\"%1\" maxlength=\"254\">"
                         "<button type=\"submit\" class=\"primary\" id=\"recovery-submit\">Продолжить</button></form>")
              .arg(attr(login))
        + QStringLiteral("<div class=\"links\"><a id=\"login-link\" href=\"%1\">Вернуться ко входу</a></div>")
              .arg(attr(withTicket(QStringLiteral("/idp/login"), ticket)));
    return layout(QStringLiteral("Восстановление пароля"), body);
}

QByteArray passwordForm(
    const QString &title, const QString &action, const QString &token, const QString &csrf, const QString &error)
{
    QString body = QStringLiteral("<h1>%1</h1>").arg(escape(title)) + errorBlock(error)
        + QStringLiteral("<form id=\"password-form\" method=\"post\" action=\"%1\">").arg(attr(action))
        + hidden(QStringLiteral("csrf"), csrf) + hidden(QStringLiteral("token"), token)
        + QStringLiteral("<label for=\"password\">Новый пароль</label>"
                         "<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"new-password\" "
                         "maxlength=\"256\">"
                         "<span class=\"hint\">Не короче 8 символов, буквы и цифры</span>"
                         "<label for=\"password2\">Пароль ещё раз</label>"
                         "<input type=\"password\" id=\"password2\" name=\"password2\" autocomplete=\"new-password\" "
                         "maxlength=\"256\">"
                         "<button type=\"submit\" class=\"primary\" id=\"password-submit\">Сохранить</button></form>");
    return layout(title, body);
}

QByteArray profile(const Profile &page)
{
    const bool confirmed = page.level == QLatin1String("confirmed");
    const bool child = page.level == QLatin1String("child");
    const QString levelText = confirmed           ? QStringLiteral("подтверждённая")
        : page.level == QLatin1String("standard") ? QStringLiteral("стандартная (данные проверены)")
        : child                                   ? QStringLiteral("детская")
                                                  : QStringLiteral("упрощённая");
    QString body = QStringLiteral("<h1>Профиль</h1><p id=\"profile-name\">%1</p>"
                                  "<p class=\"notice\" id=\"profile-level\">Учётная запись: %2</p>")
                       .arg(escape(page.fullName), escape(levelText))
        + errorBlock(page.error);
    if (!page.notice.isEmpty())
        body +=
            QStringLiteral("<p class=\"notice\" id=\"form-notice\" role=\"status\">%1</p>").arg(escape(page.notice));
    if (confirmed) {
        body += QStringLiteral("<dl><dt>Дата рождения</dt><dd id=\"birthDate\">%1</dd><dt>СНИЛС</dt>"
                               "<dd id=\"snils\">%2</dd><dt>Паспорт</dt><dd id=\"passport\">%3</dd></dl>"
                               "<p class=\"hint\">Данные подтверждённой учётной записи меняют в центре "
                               "обслуживания.</p>")
                    .arg(escape(page.birthDate), escape(page.snils), escape(page.passport));
    } else {
        body += QStringLiteral("<form id=\"profile-form\" method=\"post\" action=\"/profile\">")
            + hidden(QStringLiteral("csrf"), page.csrf) + hidden(QStringLiteral("action"), QStringLiteral("save"))
            + QStringLiteral("<label for=\"birthDate\">Дата рождения <span class=\"hint\">ДД.ММ.ГГГГ</span></label>"
                             "<input type=\"text\" id=\"birthDate\" name=\"birthDate\" value=\"%1\" maxlength=\"10\" "
                             "inputmode=\"numeric\" autocomplete=\"bday\">"
                             "<label for=\"snils\">СНИЛС</label>"
                             "<input type=\"text\" id=\"snils\" name=\"snils\" value=\"%2\" maxlength=\"20\" "
                             "inputmode=\"numeric\">"
                             "<label for=\"passport\">Паспорт РФ: серия и номер</label>"
                             "<input type=\"text\" id=\"passport\" name=\"passport\" value=\"%3\" maxlength=\"20\">"
                             "<button type=\"submit\" class=\"primary\" id=\"profile-submit\">Сохранить и отправить "
                             "на проверку</button></form>")
                  .arg(attr(page.birthDate), attr(page.snils), attr(page.passport));
        if (page.level == QLatin1String("standard")) {
            if (page.requestedAt.isEmpty())
                body += QStringLiteral("<form id=\"confirm-form\" method=\"post\" action=\"/profile\">")
                    + hidden(QStringLiteral("csrf"), page.csrf)
                    + hidden(QStringLiteral("action"), QStringLiteral("confirm"))
                    + QStringLiteral("<p class=\"hint\">Подтвердить личность можно в центре обслуживания (МФЦ), "
                                     "через онлайн-банк или электронной подписью. На стенде это делает команда "
                                     "<code>schoolgate-esia-stand account confirm</code>.</p>"
                                     "<button type=\"submit\" class=\"secondary\" id=\"confirm-submit\">Подтвердить "
                                     "учётную запись</button></form>");
            else
                body += QStringLiteral("<p class=\"hint\" id=\"confirm-requested\">Запрос на подтверждение отправлен "
                                       "%1. Учётная запись станет подтверждённой после визита в центр обслуживания "
                                       "(на стенде: команда <code>schoolgate-esia-stand account confirm</code>).</p>")
                            .arg(escape(page.requestedAt));
        }
    }
    body += QStringLiteral("<div class=\"links\"><a id=\"home-link\" href=\"/\">На главную</a>"
                           "<a id=\"logout-link\" href=\"/idp/ext/Logout\">Выйти</a></div>");
    return layout(QStringLiteral("Профиль"), body);
}

QByteArray message(const QString &title, const QString &text, const QString &linkHref, const QString &linkText)
{
    QString body = QStringLiteral("<h1>%1</h1><p id=\"message\">%2</p>").arg(escape(title), escape(text));
    if (!linkHref.isEmpty())
        body += QStringLiteral("<div class=\"links\"><a id=\"continue-link\" href=\"%1\">%2</a></div>")
                    .arg(attr(linkHref), escape(linkText));
    return layout(title, body);
}

QByteArray error(const QString &code, const QString &title, const QString &text)
{
    const QString body = QStringLiteral("<h1>%1</h1><p class=\"error\" id=\"error-message\">%2</p>"
                                        "<p class=\"code\">Код ошибки: <span id=\"error-code\">%3</span></p>")
                             .arg(escape(title), escape(text), escape(code));
    return layout(title, body);
}

} // namespace sg::esiastand::pages
