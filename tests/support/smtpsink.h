#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace sg::test {

// One message as the sink received it.
struct ReceivedMail
{
    QByteArray raw; // the DATA exactly as the client sent it (after SMTP dot-unstuffing)
    QString envelopeFrom; // MAIL FROM
    QStringList envelopeTo; // RCPT TO
    // How Python's email package (policy=default) reads the message, an oracle independent of our code:
    // "subject" (decoded), "from"/"to" (arrays of {name, address}), "body" (the decoded text/plain part),
    // "attachments" (array of {filename, content_type, size}), "defects" (parser complaints, ideally none).
    QJsonObject parsed;
};

// A real SMTP server for tests: Debian's python3-aiosmtpd on 127.0.0.1 at a free port, storing every message
// verbatim in a temporary folder. Started by the constructor (check isValid(); errorString() says what is
// missing, e.g. the python3-aiosmtpd package), stopped by the destructor.
class SmtpSink
{
public:
    SmtpSink();
    ~SmtpSink();
    SmtpSink(const SmtpSink &) = delete;
    SmtpSink &operator=(const SmtpSink &) = delete;

    bool isValid() const { return m_ok; }
    QString errorString() const { return m_error; }
    quint16 port() const { return m_port; }
    QUrl url() const; // smtp://127.0.0.1:<port>

    // Messages received so far, oldest first.
    QList<QByteArray> messages() const;
    QList<ReceivedMail> received() const;
    // Spins the event loop until at least count messages have arrived; false on timeout.
    bool waitForMessages(int count, int timeoutMs = 20000) const;

    // A loopback port that nothing listens on right now (bound, read and released).
    static quint16 freePort();

private:
    bool start();
    void stop();

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    bool m_ok = false;
    QString m_error;
};

// Reading raw RFC 5322 / MIME messages in tests, written independently of the production MIME writer.
namespace mime {

struct Entity
{
    QList<QPair<QByteArray, QByteArray>> headers; // name and unfolded value (line breaks removed, spaces kept)
    QByteArray body;

    // The first header of that name (case-insensitive), or a null array.
    QByteArray header(QByteArrayView name) const;
    // A parameter of a structured header ("boundary" of Content-Type), quotes removed.
    QByteArray parameter(QByteArrayView headerName, QByteArrayView parameterName) const;
};

// Splits a message or body part at its first empty line (CRLF or LF line ends).
Entity parse(const QByteArray &raw);
// The body parts of a multipart entity (empty when it is not multipart).
QList<Entity> parts(const Entity &multipart);
// The body with its Content-Transfer-Encoding (base64, quoted-printable, 7bit/8bit) undone.
QByteArray decodedBody(const Entity &entity);

} // namespace mime

} // namespace sg::test
