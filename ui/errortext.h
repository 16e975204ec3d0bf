#pragma once

#include "core/result.h"

#include <QString>

namespace sg::ui {

// What the user reads about a failure: the client's own text (Russian or English, with plural forms) for every
// error code whose meaning does not depend on the request, so that a server answering in English, or naming its
// internal fields, never reaches the user as such. For codes whose detail is the point (a field that was refused,
// a file that is too large) the server's own sentence is kept, after a sentence of the client's.
QString errorText(const Error &error);

// The wait of a lockout or a rate limit in words: «45 секунд», «2 минуты» (rounded up to whole minutes from one
// minute on).
QString waitText(int seconds);

} // namespace sg::ui
