// libFuzzer harness: the client's answer parsers, as the sync engine meets them: ApiClient::parseReply (the HTTP
// status from the first two bytes), then ApiClient::parseChangeSet on the object, and proto::DecisionResult::fromJson
// on every element of its "results" array (the decision-batch answer).

#include "client/apiclient.h"
#include "fuzz_common.h"

#include <QJsonArray>

#include <cstdlib>

using namespace sg;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    fuzz::ensureApplication();
    const int status = (data[0] << 8 | data[1]) % 600; // 0 is "no answer"
    const QByteArray body = fuzz::bytes(data + 2, size - 2);
    const auto reply = client::ApiClient::parseReply(status, body, QStringLiteral("fuzz"));
    if (!reply) {
        const Error &e = reply.error();
        if (e.code.isEmpty() || e.message.isEmpty() || e.code.size() > 64 || e.message.size() > 1000 + 64)
            std::abort();
        if (status >= 400 && e.httpStatus != status)
            std::abort();
        return 0;
    }
    if (status >= 400 || status == 0)
        std::abort(); // an error status must never become a value
    const QJsonObject object = reply.value();
    const auto changes = client::ApiClient::parseChangeSet(object);
    if (changes) {
        if (changes->unreportedDecisions < 0)
            std::abort();
    } else if (changes.error().code.isEmpty()) {
        std::abort();
    }
    const QJsonArray results = object.value(QStringLiteral("results")).toArray();
    for (const auto &item : results) {
        const auto r = proto::DecisionResult::fromJson(item.toObject());
        if (r && !proto::DecisionResult::fromJson(r->toJson()))
            std::abort();
    }
    return 0;
}
