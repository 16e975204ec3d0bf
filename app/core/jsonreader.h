#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QString>
#include <QVarLengthArray>

#include <optional>

namespace sg {

// The first name that occurs twice in one object of a JSON text, compared after unescaping ("log\u0069n" is
// "login"); nullopt when there is none. QJsonDocument keeps the last of two equal names, and a proxy or log reading
// the first would see another request than the server: bodies with such names are refused. Expects text that
// QJsonDocument has accepted; linear in its length.
std::optional<QString> duplicateJsonKey(QByteArrayView json);

// Reads the members of one JSON object strictly: wrong types, missing required members and members
// that are not known produce an Error whose message names the member ("items[3].memberId").
// The first problem wins; later reads are no-ops once an error is recorded.
class JsonReader
{
public:
    explicit JsonReader(const QJsonObject &object, QString path = {});

    QString requireString(const QString &key, int maxLength = 1024);
    std::optional<QString> optionalString(const QString &key, int maxLength = 1024);
    qint64 requireInteger(const QString &key, qint64 min, qint64 max);
    std::optional<qint64> optionalInteger(const QString &key, qint64 min, qint64 max);
    bool optionalBool(const QString &key, bool fallback);
    QJsonArray requireArray(const QString &key);
    QJsonObject requireObject(const QString &key);

    // Records an error found by the caller (for example an unknown enum value).
    void fail(const QString &key, const QString &message);

    // Fails on any member that was not read. Returns the first error, if any.
    std::optional<Error> finish();

    bool failed() const { return m_error.has_value(); }
    const std::optional<Error> &error() const { return m_error; }
    QString pathOf(const QString &key) const;

private:
    const QJsonValue *lookup(const QString &key);

    QJsonObject m_object;
    QString m_path;
    QVarLengthArray<QString, 16> m_seen; // the names asked for, each once
    qsizetype m_present = 0; // how many of them the object has
    std::optional<Error> m_error;
    QJsonValue m_current;
};

} // namespace sg
