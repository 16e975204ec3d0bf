#pragma once

#include <QByteArray>
#include <QString>

// The stand's HTML pages: Russian, self-contained (inline CSS, no scripts, no external resources), in a
// Gosuslugi-like look. Every text that came from a request or an account is HTML-escaped here. Forms, fields,
// buttons and links carry ids so that tests and browser automation find them.
namespace sg::esiastand::pages {

// &, <, >, " and ' as character references.
QString escape(const QString &text);

// The sign-in form (id="login-form", POST /idp/login): login, password, foreign («Чужой компьютер»), the hidden
// ticket of the pending authorisation and the CSRF token; button id="login-submit". With a ticket also the cancel
// form (id="cancel-form", button id="cancel-submit") and the links id="recovery-link", id="register-link".
struct SignIn
{
    QString ticket; // empty: sign-in to the stand only
    QString csrf;
    QString clientId; // who asks, shown to the person
    QString login; // typed before (kept after an error)
    bool foreign = false;
    QString error; // id="form-error"
    QString notice; // id="form-notice"
};
QByteArray signIn(const SignIn &page);

// Registration (id="register-form", POST /idp/register): lastName, firstName, email, consent; id="register-submit".
struct Register
{
    QString ticket;
    QString csrf;
    QString lastName;
    QString firstName;
    QString email;
    QString error;
};
QByteArray registerForm(const Register &page);

// Recovery (id="recovery-form", POST /idp/recovery): login; id="recovery-submit".
QByteArray recoveryForm(const QString &ticket, const QString &csrf, const QString &login, const QString &error);

// A new password, twice (id="password-form", POST to action): password, password2, the mailed token;
// id="password-submit".
QByteArray passwordForm(
    const QString &title, const QString &action, const QString &token, const QString &csrf, const QString &error);

// The signed-in person's profile (GET /profile): the name and the level (id="profile-level"); the data form
// (id="profile-form", POST /profile, action=save): birthDate, snils, passport, button id="profile-submit"; when
// the data is complete and the account is not confirmed, the request for confirmation (id="confirm-form",
// action=confirm, button id="confirm-submit"); a confirmed account's data is shown without a form.
struct Profile
{
    QString csrf;
    QString fullName;
    QString level; // "simplified", "standard", "confirmed" or "child"
    QString birthDate; // as typed or as stored (ДД.ММ.ГГГГ)
    QString snils;
    QString passport;
    QString requestedAt; // when confirmation was asked for, as people read it; empty when not
    QString error;
    QString notice;
};
QByteArray profile(const Profile &page);

// A page with a title, a paragraph (id="message") and an optional link (id="continue-link").
QByteArray message(
    const QString &title, const QString &text, const QString &linkHref = {}, const QString &linkText = {});

// An error page: title, explanation and the machine code in id="error-code".
QByteArray error(const QString &code, const QString &title, const QString &text);

} // namespace sg::esiastand::pages
