#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>

#include <utility>

namespace sg::server {

// One mailbox: an ASCII addr-spec ("director@school.example") and an optional display name in any script.
struct MailAddress
{
    MailAddress() = default;
    // Implicit on purpose: MailMessage::setTo({QStringLiteral("a@school.example")}) reads well.
    MailAddress(QString address_, QString name_ = {})
        : address(std::move(address_))
        , name(std::move(name_))
    {}

    QString address;
    QString name;
};

// A file sent along with the text, e.g. a PDF order.
struct MailAttachment
{
    QString fileName; // shown to the recipient; no path separators, no control characters
    QString contentType; // "application/pdf"; empty means application/octet-stream
    QByteArray data;
};

// A plain-text e-mail and its RFC 5322 / MIME form. The text is UTF-8 and travels base64-encoded, so any script
// and any line length survive every relay; headers are folded at 78 characters and non-ASCII header text is sent
// as RFC 2047 encoded-words. Nothing a caller puts into a field can add a header line: validate() rejects line
// breaks and control characters in the subject, the names and the attachments, and malformed addresses.
class MailMessage
{
public:
    MailMessage() = default;
    MailMessage(MailAddress from, QList<MailAddress> to, QString subject, QString body);

    const MailAddress &from() const { return m_from; }
    void setFrom(MailAddress from) { m_from = std::move(from); }
    const QList<MailAddress> &to() const { return m_to; }
    void setTo(QList<MailAddress> to) { m_to = std::move(to); }
    void addTo(MailAddress to) { m_to.append(std::move(to)); }
    const QString &subject() const { return m_subject; }
    void setSubject(QString subject) { m_subject = std::move(subject); }
    // Line breaks may be \n, \r\n or \r: the message carries them as CRLF (the canonical form of text/plain).
    const QString &body() const { return m_body; }
    void setBody(QString body) { m_body = std::move(body); }
    const QList<MailAttachment> &attachments() const { return m_attachments; }
    void addAttachment(MailAttachment attachment) { m_attachments.append(std::move(attachment)); }
    // "unique-part@domain" without angle brackets. Empty (the default): toMime() makes a random one.
    const QString &messageId() const { return m_messageId; }
    void setMessageId(QString id) { m_messageId = std::move(id); }

    // Everything toMime() needs: a valid sender, at least one valid recipient, no line breaks or control
    // characters in the subject or the display names, well-formed attachments. The Error (code
    // "validation-failed") names the field and says what is wrong with it.
    Status validate() const;

    // The message as it goes on the wire: CRLF lines, headers folded at 78 characters, the text base64-encoded,
    // multipart/mixed when there are attachments. date is written in RFC 5322 form with its own UTC offset; a
    // generated Message-ID ends in messageIdDomain (or "schoolgate.invalid" when that is not a host name).
    // Returns an empty array when validate() fails: nothing unchecked ever reaches a header.
    QByteArray toMime(const QDateTime &date, const QString &messageIdDomain) const;

    // The strict address check used for every mailbox: exactly one @, ASCII only, no spaces, control
    // characters, quotes, <>, commas or other specials, no empty or dotted-out parts, 254 characters at most.
    static Status validateAddress(const QString &address);
    // A header value as a person reads it: unfolds, then decodes RFC 2047 encoded-words (B and Q; UTF-8,
    // US-ASCII and ISO-8859-1). Adjacent encoded-words are joined before the charset is decoded.
    static QString decodeHeader(QByteArrayView value);
    // "Tue, 01 Sep 2026 09:00:00 +0000": English names whatever the locale, the date's own offset.
    static QByteArray formatDate(const QDateTime &date);
    // A fresh random Message-ID ("<32 hex digits>@domain") without angle brackets.
    static QString newMessageId(const QString &domain);

private:
    MailAddress m_from;
    QList<MailAddress> m_to;
    QString m_subject;
    QString m_body;
    QList<MailAttachment> m_attachments;
    QString m_messageId;
};

} // namespace sg::server
