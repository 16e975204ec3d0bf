#include "core/jsonwriter.h"

namespace sg {

namespace {

void appendUtf8(QByteArray &out, char32_t c)
{
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}

} // namespace

void JsonWriter::appendQuoted(QByteArray &out, QStringView text)
{
    static constexpr char kHex[] = "0123456789abcdef";
    out.reserve(out.size() + text.size() + 2);
    out += '"';
    const char16_t *p = text.utf16();
    const char16_t *const end = p + text.size();
    while (p < end) {
        // The common case first: a run of printable ASCII that needs no escape.
        const char16_t *run = p;
        while (run < end && *run >= 0x20 && *run < 0x80 && *run != u'"' && *run != u'\\')
            ++run;
        if (run != p) {
            const qsizetype n = run - p;
            const qsizetype at = out.size();
            out.resize(at + n);
            char *dst = out.data() + at;
            for (qsizetype i = 0; i < n; ++i)
                dst[i] = char(p[i]);
            p = run;
            continue;
        }
        const char16_t c = *p++;
        switch (c) {
        case u'"': out += "\\\""; break;
        case u'\\': out += "\\\\"; break;
        case u'\b': out += "\\b"; break;
        case u'\f': out += "\\f"; break;
        case u'\n': out += "\\n"; break;
        case u'\r': out += "\\r"; break;
        case u'\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 0xF];
            } else if (QChar::isHighSurrogate(c) && p < end && QChar::isLowSurrogate(*p)) {
                appendUtf8(out, QChar::surrogateToUcs4(c, *p));
                ++p;
            } else if (QChar::isSurrogate(c)) {
                appendUtf8(out, 0xFFFD);
            } else {
                appendUtf8(out, c);
            }
        }
    }
    out += '"';
}

QByteArray JsonWriter::quoted(QStringView text)
{
    QByteArray out;
    appendQuoted(out, text);
    return out;
}

void JsonWriter::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first.isEmpty()) {
        if (m_first.last())
            m_first.last() = false;
        else
            m_out += ',';
    }
}

void JsonWriter::open(char bracket)
{
    separate();
    m_out += bracket;
    m_first.append(true);
}

void JsonWriter::close(char bracket)
{
    m_out += bracket;
    if (!m_first.isEmpty())
        m_first.removeLast();
}

void JsonWriter::key(const char *name)
{
    separate();
    m_out += '"';
    m_out += name;
    m_out += "\":";
    m_afterKey = true;
}

void JsonWriter::value(QStringView text)
{
    separate();
    appendQuoted(m_out, text);
}

void JsonWriter::value(qint64 number)
{
    separate();
    char buffer[24];
    char *end = buffer + sizeof buffer;
    char *p = end;
    // Work on the magnitude as unsigned: -INT64_MIN does not fit in qint64.
    quint64 magnitude = number < 0 ? quint64(0) - quint64(number) : quint64(number);
    do {
        *--p = char('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (number < 0)
        *--p = '-';
    m_out.append(p, end - p);
}

void JsonWriter::value(bool flag)
{
    separate();
    m_out += flag ? "true" : "false";
}

void JsonWriter::null()
{
    separate();
    m_out += "null";
}

void JsonWriter::rawValue(const QByteArray &json)
{
    separate();
    m_out += json;
}

} // namespace sg
