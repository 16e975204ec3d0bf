#include "core/jsonreader.h"

#include "core/errorcodes.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <vector>

namespace sg {

namespace {

// Reads the string whose opening quote is at `pos`; returns the position after its closing quote and, when `out`
// is given, its value (UTF-8).
qsizetype readJsonString(QByteArrayView json, qsizetype pos, QByteArray *out)
{
    const qsizetype n = json.size();
    const auto u16At = [&](qsizetype at) -> int {
        if (at + 6 > n || json[at] != '\\' || json[at + 1] != 'u')
            return -1;
        bool ok = false;
        const int v = json.sliced(at + 2, 4).toByteArray().toInt(&ok, 16);
        return ok ? v : -1;
    };
    ++pos; // the opening quote
    while (pos < n) {
        const char c = json[pos];
        if (c == '"')
            return pos + 1;
        if (c != '\\') {
            if (out)
                out->append(c);
            ++pos;
            continue;
        }
        if (pos + 1 >= n)
            return n;
        const char e = json[pos + 1];
        if (e != 'u') {
            if (out) {
                switch (e) {
                case 'b': out->append('\b'); break;
                case 'f': out->append('\f'); break;
                case 'n': out->append('\n'); break;
                case 'r': out->append('\r'); break;
                case 't': out->append('\t'); break;
                default: out->append(e); break; // " \ /
                }
            }
            pos += 2;
            continue;
        }
        char32_t code = char32_t(std::max(u16At(pos), 0));
        pos += 6;
        if (QChar::isHighSurrogate(code)) {
            const int low = u16At(pos);
            if (low >= 0 && QChar::isLowSurrogate(char32_t(low))) {
                code = QChar::surrogateToUcs4(char16_t(code), char16_t(low));
                pos += 6;
            }
        }
        if (out) {
            if (QChar::isSurrogate(code)) // a lone half: kept distinct from any real character
                out->append("\\u").append(QByteArray::number(uint(code), 16));
            else
                out->append(QString::fromUcs4(&code, 1).toUtf8());
        }
    }
    return n;
}

} // namespace

std::optional<QString> duplicateJsonKey(QByteArrayView json)
{
    struct Frame
    {
        bool object = false;
        QVarLengthArray<QByteArray, 8> names; // the first names, searched in order
        QSet<QByteArray> more; // the others (an object with many members stays linear)
    };
    std::vector<Frame> stack;
    bool expectName = false;
    const qsizetype n = json.size();
    qsizetype pos = 0;
    while (pos < n) {
        switch (json[pos]) {
        case '{':
            stack.push_back(Frame{true, {}, {}});
            expectName = true;
            ++pos;
            break;
        case '[':
            stack.push_back(Frame{false, {}, {}});
            expectName = false;
            ++pos;
            break;
        case '}':
        case ']':
            if (!stack.empty())
                stack.pop_back();
            expectName = false;
            ++pos;
            break;
        case ',':
            expectName = !stack.empty() && stack.back().object;
            ++pos;
            break;
        case '"':
            if (expectName && !stack.empty()) {
                QByteArray name;
                pos = readJsonString(json, pos, &name);
                Frame &frame = stack.back();
                if (std::find(frame.names.cbegin(), frame.names.cend(), name) != frame.names.cend()
                    || frame.more.contains(name))
                    return QString::fromUtf8(name);
                if (frame.names.size() < 16)
                    frame.names.append(std::move(name));
                else
                    frame.more.insert(std::move(name));
                expectName = false;
            } else {
                pos = readJsonString(json, pos, nullptr);
            }
            break;
        default: ++pos;
        }
    }
    return std::nullopt;
}

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("sg::JsonReader", text);
}
} // namespace

JsonReader::JsonReader(const QJsonObject &object, QString path)
    : m_object(object)
    , m_path(std::move(path))
{}

QString JsonReader::pathOf(const QString &key) const
{
    return m_path.isEmpty() ? key : m_path + QLatin1Char('.') + key;
}

void JsonReader::fail(const QString &key, const QString &message)
{
    if (m_error)
        return;
    m_error = Error{QString::fromLatin1(errc::ValidationFailed), pathOf(key) + QStringLiteral(": ") + message, 422};
}

const QJsonValue *JsonReader::lookup(const QString &key)
{
    const bool firstAsk = std::find(m_seen.cbegin(), m_seen.cend(), key) == m_seen.cend();
    if (firstAsk)
        m_seen.append(key);
    if (m_error)
        return nullptr;
    auto it = m_object.constFind(key);
    if (it == m_object.constEnd())
        return nullptr;
    if (firstAsk)
        ++m_present;
    if (it->isNull())
        return nullptr;
    m_current = *it;
    return &m_current;
}

QString JsonReader::requireString(const QString &key, int maxLength)
{
    const bool hadError = failed();
    auto value = optionalString(key, maxLength);
    if (!value && !failed() && !hadError)
        fail(key, tr("is required"));
    return value.value_or(QString());
}

std::optional<QString> JsonReader::optionalString(const QString &key, int maxLength)
{
    const QJsonValue *v = lookup(key);
    if (!v)
        return std::nullopt;
    if (!v->isString()) {
        fail(key, tr("must be a string"));
        return std::nullopt;
    }
    QString s = v->toString();
    if (s.size() > maxLength) {
        fail(key, tr("is longer than %1 characters").arg(maxLength));
        return std::nullopt;
    }
    return s;
}

qint64 JsonReader::requireInteger(const QString &key, qint64 min, qint64 max)
{
    const bool hadError = failed();
    auto value = optionalInteger(key, min, max);
    if (!value && !failed() && !hadError)
        fail(key, tr("is required"));
    return value.value_or(0);
}

std::optional<qint64> JsonReader::optionalInteger(const QString &key, qint64 min, qint64 max)
{
    const QJsonValue *v = lookup(key);
    if (!v)
        return std::nullopt;
    if (!v->isDouble()) {
        fail(key, tr("must be a number"));
        return std::nullopt;
    }
    const double d = v->toDouble();
    if (!std::isfinite(d) || std::floor(d) != d || d < double(min) || d > double(max)) {
        fail(key, tr("must be a whole number from %1 to %2").arg(min).arg(max));
        return std::nullopt;
    }
    return static_cast<qint64>(d);
}

bool JsonReader::optionalBool(const QString &key, bool fallback)
{
    const QJsonValue *v = lookup(key);
    if (!v)
        return fallback;
    if (!v->isBool()) {
        fail(key, tr("must be true or false"));
        return fallback;
    }
    return v->toBool();
}

QJsonArray JsonReader::requireArray(const QString &key)
{
    const bool hadError = failed();
    const QJsonValue *v = lookup(key);
    if (!v) {
        if (!hadError)
            fail(key, tr("is required"));
        return {};
    }
    if (!v->isArray()) {
        fail(key, tr("must be an array"));
        return {};
    }
    return v->toArray();
}

QJsonObject JsonReader::requireObject(const QString &key)
{
    const bool hadError = failed();
    const QJsonValue *v = lookup(key);
    if (!v) {
        if (!hadError)
            fail(key, tr("is required"));
        return {};
    }
    if (!v->isObject()) {
        fail(key, tr("must be an object"));
        return {};
    }
    return v->toObject();
}

std::optional<Error> JsonReader::finish()
{
    if (m_error)
        return m_error;
    // Every member was asked for: nothing unknown (the usual case, without walking the object).
    if (m_present == m_object.size())
        return m_error;
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
        if (std::find(m_seen.cbegin(), m_seen.cend(), it.key()) == m_seen.cend()) {
            m_error = Error{QString::fromLatin1(errc::UnknownField),
                pathOf(it.key()) + QStringLiteral(": ") + tr("is not a known field"), 422};
            break;
        }
    }
    return m_error;
}

} // namespace sg
