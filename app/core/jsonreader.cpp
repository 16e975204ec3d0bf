#include "core/jsonreader.h"

#include "core/errorcodes.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace sg {

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
