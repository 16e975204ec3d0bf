#pragma once

#include "core/clock.h"
#include "core/result.h"
#include "server/mailmessage.h"

#include <QString>
#include <QUrl>

#include <memory>

namespace sg::server {

// The Error code of a message that could not be handed over: relay unreachable, refused or too slow, TLS or
// authentication failure, mail-drop folder not writable, transport misconfigured.
inline constexpr char MailFailed[] = "mail-failed";

// Hands messages over for delivery. send() is synchronous: it returns once the relay has accepted the message
// (or the file is on disk) or has failed, within the transport's timeout, so call it from a background path
// such as the outbox dispatcher rather than while answering a request. Implementations may be called from any
// thread. Nothing here logs a subject, a body or an address: messages carry passwords and personal data.
class Mailer
{
public:
    virtual ~Mailer() = default;
    // A message that fails MailMessage::validate() is refused with that error ("validation-failed") and never
    // reaches the transport; transport problems give an Error with code MailFailed.
    virtual Status send(const MailMessage &message) = 0;
};

// Writes each message as "<UTC timestamp>-<random>.eml" (RFC 5322 bytes, CRLF lines) into a folder, which is
// created owner-only when missing. Each file appears complete or not at all (QSaveFile) and is readable by
// its owner only. The transport when no SMTP relay is configured: an administrator or a local MTA picks the
// files up.
class MailDropMailer final : public Mailer
{
public:
    explicit MailDropMailer(QString dir, const Clock *clock = nullptr);

    Status send(const MailMessage &message) override;
    const QString &dir() const { return m_dir; }

private:
    QString m_dir;
    SystemClock m_systemClock;
    const Clock &m_clock;
};

struct SmtpSettings
{
    QUrl url; // smtp://host[:port] (port 25 when none) or smtps://host[:port] (TLS from the start, port 465)
    QString username; // empty: no authentication
    QString password;
    bool startTls = true; // smtp:// only: upgrade with STARTTLS before anything else, or fail
    int timeoutMs = 30000; // the whole exchange, connecting included

    // From "smtp://user:password@relay.example:587" (user and password percent-encoded). An smtp:// relay must
    // offer STARTTLS unless it is on the loopback interface or the URL ends in "?starttls=no". Credentials are
    // never sent over an unencrypted connection to another host. Errors (code MailFailed) never quote the URL.
    static Result<SmtpSettings> fromUrl(const QString &url);
};

// Sends through an SMTP relay with libcurl: one connection per message, the envelope sender and recipients
// taken from From and To, the peer's TLS certificate verified.
class SmtpMailer final : public Mailer
{
public:
    explicit SmtpMailer(SmtpSettings settings, const Clock *clock = nullptr);

    Status send(const MailMessage &message) override;
    const SmtpSettings &settings() const { return m_settings; }

private:
    SmtpSettings m_settings;
    SystemClock m_systemClock;
    const Clock &m_clock;
};

// The configured transport: SMTP when smtpUrlOrEmpty is set (see SmtpSettings::fromUrl), the mail-drop folder
// otherwise. A malformed URL is logged once and gives a mailer whose every send() fails with the reason, so
// mail is never silently diverted to the folder.
std::unique_ptr<Mailer> makeMailer(const QString &smtpUrlOrEmpty, const QString &mailDropDir);

} // namespace sg::server
