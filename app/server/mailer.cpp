#include "server/mailer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QUrlQuery>

#include <algorithm>
#include <cstring>
#include <curl/curl.h>

Q_LOGGING_CATEGORY(lcMail, "sg.server.mail")

namespace sg::server {

namespace {

Error mailFailed(const QString &message)
{
    return Error{QLatin1String(MailFailed), message};
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

// "smtp://relay.example:587": where mail goes, without credentials, for messages and logs.
QString describe(const QUrl &url)
{
    const int port = url.port(url.scheme().compare(QLatin1String("smtps"), Qt::CaseInsensitive) == 0 ? 465 : 25);
    return QStringLiteral("%1://%2:%3").arg(url.scheme().toLower(), url.host(), QString::number(port));
}

Status checkSettings(const SmtpSettings &settings)
{
    const QString scheme = settings.url.scheme().toLower();
    if (!settings.url.isValid() || (scheme != QLatin1String("smtp") && scheme != QLatin1String("smtps")))
        return mailFailed(QStringLiteral("The SMTP relay must be given as smtp://host:port or smtps://host:port"));
    if (settings.url.host().isEmpty())
        return mailFailed(QStringLiteral("The SMTP relay URL has no host"));
    const bool encrypted = scheme == QLatin1String("smtps") || settings.startTls;
    if (!settings.username.isEmpty() && !encrypted && !isLoopbackHost(settings.url.host())) {
        return mailFailed(QStringLiteral("Refusing to send the SMTP password to %1 unencrypted: use smtps:// or "
                                         "STARTTLS")
                              .arg(describe(settings.url)));
    }
    return Unit{};
}

bool initializeCurl()
{
    // Thread-safe once-only initialisation; libcurl is never cleaned up (it lives as long as the process).
    static const bool ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    return ok;
}

struct Upload
{
    const QByteArray *data = nullptr;
    qsizetype position = 0;
};

size_t readUpload(char *buffer, size_t size, size_t count, void *userData)
{
    auto *upload = static_cast<Upload *>(userData);
    const size_t left = size_t(upload->data->size() - upload->position);
    const size_t n = std::min(size * count, left);
    std::memcpy(buffer, upload->data->constData() + upload->position, n);
    upload->position += qsizetype(n);
    return n;
}

QString domainOf(const QString &address)
{
    return address.section(u'@', 1);
}

// The message with a Message-ID fixed up front, so that the log can name what was sent.
MailMessage withMessageId(const MailMessage &message)
{
    MailMessage copy = message;
    if (copy.messageId().isEmpty())
        copy.setMessageId(MailMessage::newMessageId(domainOf(message.from().address)));
    return copy;
}

// What makeMailer() returns for a transport that cannot work: every send() fails with the reason.
class MisconfiguredMailer final : public Mailer
{
public:
    explicit MisconfiguredMailer(Error error)
        : m_error(std::move(error))
    {}
    Status send(const MailMessage &) override { return m_error; }

private:
    Error m_error;
};

} // namespace

// ---- MailDropMailer ----

MailDropMailer::MailDropMailer(QString dir, const Clock *clock)
    : m_dir(std::move(dir))
    , m_clock(clock ? *clock : m_systemClock)
{}

Status MailDropMailer::send(const MailMessage &original)
{
    if (auto st = original.validate(); !st)
        return st;
    const MailMessage message = withMessageId(original);

    if (m_dir.isEmpty())
        return mailFailed(QStringLiteral("No mail-drop folder is configured"));
    if (!QFileInfo::exists(m_dir)) {
        if (!QDir().mkpath(m_dir))
            return mailFailed(QStringLiteral("Cannot create the mail-drop folder %1").arg(m_dir));
        QFile::setPermissions(m_dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }

    const QDateTime now = m_clock.now();
    const QByteArray mime = message.toMime(now, domainOf(message.from().address));
    const QString fileName = now.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz'Z'")) + u'-'
        + QString::number(QRandomGenerator::system()->generate64(), 16).rightJustified(16, u'0')
        + QStringLiteral(".eml");
    const QString path = QDir(m_dir).filePath(fileName);

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return mailFailed(QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    file.write(mime);
    if (!file.commit())
        return mailFailed(QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);

    qCInfo(lcMail) << "message" << message.messageId() << "written to the mail-drop folder as" << fileName;
    return Unit{};
}

// ---- SmtpSettings ----

Result<SmtpSettings> SmtpSettings::fromUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return mailFailed(QStringLiteral("The SMTP relay URL is malformed (expected smtp://host:port)"));
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("smtp") && scheme != QLatin1String("smtps")) {
        return mailFailed(
            QStringLiteral("The SMTP relay URL must start with smtp:// or smtps://, not %1://").arg(scheme));
    }

    SmtpSettings settings;
    settings.username = url.userName(QUrl::FullyDecoded);
    settings.password = url.password(QUrl::FullyDecoded);
    QUrl clean = url;
    clean.setUserInfo(QString());
    clean.setQuery(QString());
    clean.setFragment(QString());
    settings.url = clean;

    const QString startTls = QUrlQuery(url).queryItemValue(QStringLiteral("starttls")).toLower();
    if (scheme == QLatin1String("smtps")) {
        settings.startTls = false; // TLS from the first byte
    } else if (startTls == QLatin1String("no") || startTls == QLatin1String("0")
        || startTls == QLatin1String("false")) {
        settings.startTls = false;
    } else if (startTls.isEmpty()) {
        settings.startTls = !isLoopbackHost(url.host());
    } else if (startTls == QLatin1String("yes") || startTls == QLatin1String("1")
        || startTls == QLatin1String("true")) {
        settings.startTls = true;
    } else {
        return mailFailed(QStringLiteral("The SMTP relay URL's starttls must be yes or no"));
    }

    if (auto st = checkSettings(settings); !st)
        return st.error();
    return settings;
}

// ---- SmtpMailer ----

SmtpMailer::SmtpMailer(SmtpSettings settings, const Clock *clock)
    : m_settings(std::move(settings))
    , m_clock(clock ? *clock : m_systemClock)
{}

Status SmtpMailer::send(const MailMessage &original)
{
    if (auto st = original.validate(); !st)
        return st;
    if (auto st = checkSettings(m_settings); !st)
        return st;
    if (!initializeCurl())
        return mailFailed(QStringLiteral("libcurl could not be initialised"));

    const MailMessage message = withMessageId(original);
    const QByteArray mime = message.toMime(m_clock.now(), domainOf(message.from().address));
    const QString where = describe(m_settings.url);
    const bool implicitTls = m_settings.url.scheme().compare(QLatin1String("smtps"), Qt::CaseInsensitive) == 0;
    const long timeoutMs = std::max(1, m_settings.timeoutMs);

    const std::unique_ptr<CURL, void (*)(CURL *)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl)
        return mailFailed(QStringLiteral("libcurl could not start a transfer"));

    std::unique_ptr<curl_slist, void (*)(curl_slist *)> recipients(nullptr, curl_slist_free_all);
    for (const MailAddress &to : message.to()) {
        const QByteArray rcpt = '<' + to.address.toLatin1() + '>';
        curl_slist *appended = curl_slist_append(recipients.get(), rcpt.constData());
        if (!appended)
            return mailFailed(QStringLiteral("Out of memory while preparing the recipients"));
        recipients.release();
        recipients.reset(appended);
    }

    QUrl url = m_settings.url;
    url.setUserInfo(QString());
    const QByteArray urlBytes = url.toEncoded();
    const QByteArray mailFrom = '<' + message.from().address.toLatin1() + '>';
    const QByteArray username = m_settings.username.toUtf8();
    const QByteArray password = m_settings.password.toUtf8();
    Upload upload{&mime, 0};
    char errorBuffer[CURL_ERROR_SIZE] = {};

    CURL *h = curl.get();
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(h, CURLOPT_URL, urlBytes.constData());
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#else
    curl_easy_setopt(h, CURLOPT_PROTOCOLS, long(CURLPROTO_SMTP | CURLPROTO_SMTPS));
#endif
    curl_easy_setopt(h, CURLOPT_PROXY, ""); // the relay is reached directly, whatever *_proxy says
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeoutMs);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeoutMs);
    if (m_settings.startTls && !implicitTls)
        curl_easy_setopt(h, CURLOPT_USE_SSL, long(CURLUSESSL_ALL));
    if (!username.isEmpty()) {
        curl_easy_setopt(h, CURLOPT_USERNAME, username.constData());
        curl_easy_setopt(h, CURLOPT_PASSWORD, password.constData());
    }
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, mailFrom.constData());
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(h, CURLOPT_READFUNCTION, readUpload);
    curl_easy_setopt(h, CURLOPT_READDATA, &upload);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, curl_off_t(mime.size()));

    const CURLcode rc = curl_easy_perform(h);
    if (rc != CURLE_OK) {
        long reply = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
        const QString detail = QString::fromUtf8(errorBuffer[0] ? errorBuffer : curl_easy_strerror(rc)).trimmed();
        qCWarning(lcMail).nospace() << "message " << message.messageId() << " not accepted by " << where << ": "
                                    << curl_easy_strerror(rc) << " (curl " << int(rc) << ", last SMTP reply " << reply
                                    << ")";
        QString text = QStringLiteral("Sending mail through %1 failed: %2").arg(where, detail);
        if (reply > 0)
            text += QStringLiteral(" (SMTP reply %1)").arg(reply);
        return mailFailed(text);
    }
    qCInfo(lcMail) << "message" << message.messageId() << "accepted by" << where << "for" << message.to().size()
                   << "recipient(s)";
    return Unit{};
}

// ---- factory ----

std::unique_ptr<Mailer> makeMailer(const QString &smtpUrlOrEmpty, const QString &mailDropDir)
{
    if (smtpUrlOrEmpty.trimmed().isEmpty()) {
        qCInfo(lcMail) << "no SMTP relay configured: mail goes to the folder" << mailDropDir;
        return std::make_unique<MailDropMailer>(mailDropDir);
    }
    auto settings = SmtpSettings::fromUrl(smtpUrlOrEmpty);
    if (!settings) {
        qCWarning(lcMail) << "mail cannot be sent:" << settings.error().message;
        return std::make_unique<MisconfiguredMailer>(settings.error());
    }
    qCInfo(lcMail).noquote() << "mail goes through" << describe(settings->url)
                             << (settings->startTls ? "(STARTTLS required)" : "(no STARTTLS)");
    return std::make_unique<SmtpMailer>(std::move(settings).value());
}

} // namespace sg::server
