#include "errortext.h"

#include "core/errorcodes.h"

#include <QCoreApplication>

#include <algorithm>

namespace sg::ui {

// The translation context of these texts.
class ErrorText
{
    Q_DECLARE_TR_FUNCTIONS(sg::ui::ErrorText)
};

QString waitText(int seconds)
{
    if (seconds < 60)
        return ErrorText::tr("%n second(s)", nullptr, std::max(seconds, 1));
    return ErrorText::tr("%n minute(s)", nullptr, (seconds + 59) / 60);
}

QString errorText(const Error &error)
{
    const QString &code = error.code;
    const auto is = [&code](const char *name) { return code == QLatin1String(name); };
    // Written by this client (ApiClient), in its own language: the network, the certificate, an unreadable answer.
    if (error.isNetwork() || is(errc::NetworkError) || is(errc::Timeout) || is(errc::CertificateUntrusted)
        || is(errc::BadResponse))
        return error.message;
    if (is(errc::AccountLocked)) {
        if (error.retryAfterSecs > 0)
            return ErrorText::tr("Too many failed sign-ins. Try again in %1, or restore the password through support.")
                .arg(waitText(error.retryAfterSecs));
        return ErrorText::tr("Too many failed sign-ins. Try again later, or restore the password through support.");
    }
    if (is(errc::InvalidCredentials))
        return ErrorText::tr("Wrong login or password.");
    if (is(errc::Unauthenticated))
        return ErrorText::tr("The session has ended: sign in again.");
    if (is(errc::Forbidden))
        return ErrorText::tr("This account may not do that.");
    if (is(errc::NotFound))
        return ErrorText::tr("The server no longer has this record: refresh the lists.");
    if (is(errc::DirectorNotConfirmed))
        return ErrorText::tr("The director must be confirmed first: teachers and students are confirmed after that.");
    if (is(errc::TeacherNotApproved))
        return ErrorText::tr("Your teacher's account is not confirmed by the school yet.");
    if (is(errc::PasswordChangeRequired))
        return ErrorText::tr("Set your own password first: sign in again and choose one.");
    if (is(errc::NothingToReport))
        return ErrorText::tr("There is nothing to report: every decision is already in a report.");
    if (is(errc::PasswordSignInDisabled))
        return ErrorText::tr("This server accepts sign-in only through Gosuslugi.");
    if (is(errc::Unavailable) || is(errc::RequestTimeout)) {
        if (error.retryAfterSecs > 0)
            return ErrorText::tr("The server is busy. Try again in %1.").arg(waitText(error.retryAfterSecs));
        return ErrorText::tr("The server is busy. Try again in a minute.");
    }
    if (is(errc::Internal) || error.httpStatus >= 500)
        return ErrorText::tr("The server could not do this. Try again later; if it happens again, tell support.");
    if (is(errc::PayloadTooLarge) || is(errc::BatchTooLarge) || is(errc::UnsupportedFileType)
        || is(errc::ValidationFailed) || is(errc::UnknownField) || is(errc::InnMismatch) || is(errc::WeakPassword)
        || is(errc::Conflict) || is(errc::AlreadySubmitted) || is(errc::ConsentRequired) || is(errc::ConsentOutdated)
        || is(errc::ReportChanged)) {
        // The detail says which field or file: kept after the client's own sentence.
        return error.message.isEmpty() ? ErrorText::tr("The server refused the data.")
                                       : ErrorText::tr("The server refused the data: %1").arg(error.message);
    }
    return error.message.isEmpty() ? ErrorText::tr("Something went wrong (%1).").arg(code) : error.message;
}

} // namespace sg::ui
