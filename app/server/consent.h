#pragma once

#include "core/directorprotocol.h"

namespace sg::server {

// The consent to personal-data processing (152-FZ) that the school accepts before it may send the director's
// data. The text is versioned: a new text gets a new version, and a consent counts only for the version accepted.
proto::ConsentText currentConsent();

} // namespace sg::server
