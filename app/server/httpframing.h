#pragma once

#include "server/httpmessage.h"

#include <QByteArray>
#include <QString>

#include <variant>

namespace sg::server {

// The framing of HTTP/1.1 requests as the server's connections read them (HttpConnection). Pure functions of the bytes,
// no sockets, so that they are fuzzed directly (tests/fuzz/fuzz_framing.cpp).

// A refusal found while reading a request header.
struct Refusal
{
    int status = 400;
    const char *code = "bad-request";
    QString detail;
};

// A request header that was accepted.
struct RequestFrame
{
    QByteArray method;
    QByteArray target; // path and query, as sent
    qint64 bodyLength = 0;
    bool expectContinue = false;
    bool close = false;
    QList<QPair<QByteArray, QByteArray>> headers; // the header fields in order, names as sent, values trimmed
};

// Finds the end of one request header in bytes that arrive in pieces: every line ends with CRLF, no NUL, at most
// 8 bytes of empty lines before the request line (they are skipped).
class HeaderScanner
{
public:
    enum class State { NeedMore, Complete, Refused };

    // Starts over for the next request.
    void reset() { *this = HeaderScanner(); }
    // Appends bytes and scans them; once Complete or Refused, further bytes are ignored.
    State append(const char *data, qsizetype size);
    State state() const { return m_state; }
    // Complete: the header block, from the request line to the empty line that ends it (included).
    QByteArray header() const { return m_head.mid(m_requestStart, m_end - m_requestStart); }
    // Complete: how many of the appended bytes lie beyond the header (the start of the body, or more).
    qsizetype excess() const { return m_head.size() - m_end; }
    // Bytes counted against the header size limit (empty lines before the request line are not).
    qsizetype headerBytes() const { return (m_state == State::Complete ? m_end : m_head.size()) - m_requestStart; }
    const Refusal &refusal() const { return m_refusal; }

private:
    State refuse(const char *text);

    QByteArray m_head;
    qsizetype m_scanned = 0;
    qsizetype m_lineStart = 0;
    qsizetype m_requestStart = 0;
    qsizetype m_end = 0;
    State m_state = State::NeedMore;
    Refusal m_refusal;
};

// Checks one complete header block (HeaderScanner::header()): the request line (method, target characters,
// version), the header fields (no folding, no control characters; Host, Content-Type and Authorization once),
// the body's framing (Content-Length only, never chunked) and its size limit per route, Expect, Upgrade and
// Connection.
std::variant<RequestFrame, Refusal> readRequestHeader(const QByteArray &block, const TransportLimits &limits);

// Whether a comma-separated header value (Connection: keep-alive, Close) holds token, in any case.
bool hasToken(const QByteArray &list, const QByteArray &token);
// "Bad Request" for 400 and the other statuses the transport answers itself.
QByteArray reasonPhrase(int status);
// A complete HTTP/1.1 answer as bytes: status line, Content-Type, r's headers, Connection: close when close,
// Content-Length and the body.
QByteArray answerBytes(const HttpResponse &r, bool close);
// A problem answered by the transport itself (with Cache-Control: no-store and nosniff), closing the connection.
QByteArray closingAnswer(const HttpResponse &r);
// A message of the transport, translated (context "sg::server").
QString trServer(const char *text);

} // namespace sg::server
