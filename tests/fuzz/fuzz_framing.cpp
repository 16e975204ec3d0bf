// libFuzzer harness: the transport guard's request framing (app/server/httpframing.h), the first thing that reads
// bytes from the network. The first byte picks how the rest is cut into pieces as a socket would deliver it; the
// rest is the byte stream. Properties: cutting never changes the outcome (the same header, refusal or wait as when
// the bytes arrive at once); a complete header ends with an empty line and accounts for every byte; a checked
// header is refused only with the transport's statuses and a message, or accepted with a body length within the
// route's limit.

#include "fuzz_common.h"
#include "server/httpframing.h"

#include <algorithm>
#include <variant>

using namespace sg;
using namespace sg::server;

namespace {

HeaderScanner scanInPieces(const QByteArray &stream, qsizetype piece)
{
    HeaderScanner s;
    for (qsizetype at = 0; at < stream.size() && s.state() == HeaderScanner::State::NeedMore; at += piece)
        s.append(stream.constData() + at, std::min(piece, stream.size() - at));
    return s;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    fuzz::ensureApplication();
    const qsizetype piece = data[0] % 17 + 1;
    const QByteArray stream = fuzz::bytes(data + 1, size - 1);

    const HeaderScanner whole = scanInPieces(stream, std::max<qsizetype>(stream.size(), 1));
    const HeaderScanner cut = scanInPieces(stream, piece);
    if (whole.state() != cut.state())
        fuzz::fail("cutting the stream changed the scanner's outcome");

    switch (whole.state()) {
    case HeaderScanner::State::NeedMore:
        if (stream.contains('\0'))
            fuzz::fail("a NUL byte was accepted");
        return 0;
    case HeaderScanner::State::Refused:
        if (whole.refusal().status != 400 || whole.refusal().detail.isEmpty()
            || whole.refusal().detail != cut.refusal().detail)
            fuzz::fail("a scanner refusal without its 400 and message, or a different one when cut");
        return 0;
    case HeaderScanner::State::Complete: break;
    }

    const QByteArray header = whole.header();
    if (header != cut.header())
        fuzz::fail("cutting the stream changed the header found");
    if (!header.endsWith("\r\n\r\n") || header.startsWith("\r\n") || header.contains('\0'))
        fuzz::fail("a complete header does not run from a request line to an empty line");
    if (whole.excess() < 0 || header.size() + whole.excess() > stream.size()
        || !stream.endsWith(stream.right(whole.excess())) || whole.headerBytes() != header.size())
        fuzz::fail("the header and the bytes beyond it do not account for the stream");
    if (!stream.left(stream.size() - whole.excess()).endsWith(header))
        fuzz::fail("the header is not the stream's bytes before the excess");

    TransportLimits limits;
    const auto checked = readRequestHeader(header, limits);
    if (const auto *refusal = std::get_if<Refusal>(&checked)) {
        static constexpr int statuses[] = {400, 411, 413, 417, 431};
        if (std::find(std::begin(statuses), std::end(statuses), refusal->status) == std::end(statuses))
            fuzz::fail("a header refused with a status the transport does not use");
        if (refusal->detail.isEmpty() || refusal->code == nullptr || *refusal->code == '\0')
            fuzz::fail("a header refused without a code and a message");
        return 0;
    }
    const RequestFrame frame = std::get<RequestFrame>(checked);
    qint64 largest = limits.maxBodyBytes;
    for (const BodyLimit &l : std::as_const(limits.bodyLimits))
        largest = std::max(largest, l.maxBytes);
    if (frame.bodyLength < 0 || frame.bodyLength > largest)
        fuzz::fail("an accepted body length outside 0 and the largest limit");
    if (frame.expectContinue && !header.toLower().contains("\r\nexpect:"))
        fuzz::fail("Expect: 100-continue seen in a header without Expect");
    return 0;
}
