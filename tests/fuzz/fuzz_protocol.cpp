// libFuzzer harness: the strict JSON parsers of the /api/v1 protocol (proto::*::fromJson) and JsonReader.
// The first byte picks the type; the rest is the JSON text. A parsed value is written back with toJson() and read
// again: that must succeed (what the parser accepts, the writer writes and the parser accepts again).

#include "core/directorprotocol.h"
#include "core/jsonreader.h"
#include "core/protocol.h"
#include "fuzz_common.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstdlib>
#include <limits>

using namespace sg;

namespace {

template<typename T, typename... Extra>
void roundTrip(const QJsonObject &object, Extra... extra)
{
    auto parsed = T::fromJson(object, extra...);
    if (!parsed) {
        if (parsed.error().code.isEmpty() || parsed.error().message.isEmpty())
            std::abort(); // an error must say what is wrong
        return;
    }
    const QJsonObject written = parsed.value().toJson();
    if (!T::fromJson(written, extra...))
        std::abort();
}

// Exercises JsonReader directly with keys taken from the object itself, bounds from the input.
void readAll(const QJsonObject &object, uint8_t selector)
{
    JsonReader r(object, QStringLiteral("fuzz"));
    const QStringList keys = object.keys();
    int i = 0;
    for (const QString &key : keys) {
        switch ((selector + i++) % 7) {
        case 0: r.requireString(key, 16); break;
        case 1: r.optionalString(key); break;
        case 2: r.requireInteger(key, -5, 1000); break;
        case 3: r.optionalInteger(key, 0, std::numeric_limits<qint64>::max()); break;
        case 4: r.optionalBool(key, false); break;
        case 5: r.requireArray(key); break;
        default: r.requireObject(key); break;
        }
    }
    r.requireString(QStringLiteral("absent"));
    const auto error = r.finish();
    if (error && error->message.isEmpty())
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    fuzz::ensureApplication();
    const QByteArray json = fuzz::bytes(data + 1, size - 1);
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return 0;
    const QJsonObject object = doc.object();
    switch (data[0] % 14) {
    case 0: roundTrip<proto::LoginRequest>(object); break;
    case 1: roundTrip<proto::UserInfo>(object, QString()); break;
    case 2: roundTrip<proto::SessionInfo>(object); break;
    case 3: roundTrip<proto::Member>(object); break;
    case 4: roundTrip<proto::DecisionItem>(object, QStringLiteral("items[0]")); break;
    case 5: roundTrip<proto::DecisionResult>(object); break;
    case 6: roundTrip<proto::ReportLine>(object, QString()); break;
    case 7: roundTrip<proto::Report>(object); break;
    case 8: roundTrip<proto::School>(object); break;
    case 9: roundTrip<proto::ConsentText>(object); break;
    case 10: roundTrip<proto::DirectorSubmission>(object); break;
    case 11: roundTrip<proto::DirectorRequest>(object); break;
    case 12: roundTrip<proto::DirectorCard>(object); break;
    default:
        roundTrip<proto::Notification>(object);
        roundTrip<proto::OrderFile>(object, QStringLiteral("order"));
        readAll(object, data[0]);
        break;
    }
    return 0;
}
