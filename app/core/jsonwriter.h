#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>
#include <QVarLengthArray>

#include <iterator>

namespace sg {

// Writes compact JSON (RFC 8259, UTF-8) straight into a byte array, for the large answers and batch parameters
// where building a QJsonObject per row costs more than the work itself. The caller keeps the nesting right;
// commas are placed automatically. Strings are escaped as JSON requires (quote, backslash, control characters);
// other characters are written as UTF-8. A lone UTF-16 surrogate, which has no UTF-8 form, becomes U+FFFD.
//
//     JsonWriter w;
//     w.beginObject();
//     w.field("id", 7);
//     w.field("name", QStringLiteral("Анна"));
//     w.endObject();
//     w.data(); // {"id":7,"name":"Анна"}
class JsonWriter
{
public:
    JsonWriter() = default;
    explicit JsonWriter(qsizetype reserve) { m_out.reserve(reserve); }

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }

    // An object member's name; the value follows with one of the value calls. Names are ASCII here.
    void key(const char *name);

    void value(QStringView text);
    void value(const QString &text) { value(QStringView(text)); }
    void value(const char *) = delete; // name the encoding: use QStringLiteral or key()
    void value(qint64 number);
    void value(int number) { value(qint64(number)); }
    void value(bool flag);
    void null();
    // Inserts text that already is one JSON value (not checked).
    void rawValue(const QByteArray &json);

    template<typename T>
    void field(const char *name, const T &v)
    {
        key(name);
        value(v);
    }

    const QByteArray &data() const { return m_out; }
    QByteArray take() { return std::move(m_out); }

    // The JSON string literal of text, quotes included.
    static QByteArray quoted(QStringView text);
    static void appendQuoted(QByteArray &out, QStringView text);

private:
    void open(char bracket);
    void close(char bracket);
    void separate();

    QByteArray m_out;
    QVarLengthArray<bool, 16> m_first; // per open container: no element written yet
    bool m_afterKey = false;
};

// A JSON array of get(element) for each element, as text: the one parameter of "… IN (SELECT value FROM
// json_each(?))" and of the other set-based statements, instead of one bound value per row.
template<typename Range, typename Get>
QString jsonArrayText(const Range &range, Get get)
{
    JsonWriter w(qsizetype(std::size(range)) * 24 + 2);
    w.beginArray();
    for (const auto &element : range)
        w.value(get(element));
    w.endArray();
    return QString::fromUtf8(w.data());
}

} // namespace sg
