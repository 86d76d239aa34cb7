// Signed thread keys for `thread_creation: known` (docs/moderation-api.md):
// a CMS embeds data-soundoff-thread-sig = hex HMAC-SHA256 of the thread key
// with the site's `thread_secret`, so a page can open a new thread without
// registering it first. libsodium computes and compares (in constant time).
#pragma once

#include <string>

namespace soundoff::server {

// Lower-case hex HMAC-SHA256(message = key, key = secret).
std::string thread_signature(const std::string& key, const std::string& secret);

// True when `given` (hex, either case) is the signature of `key`; false for
// an empty secret (signatures are off) or anything malformed.
bool valid_thread_signature(const std::string& key, const std::string& secret, const std::string& given);

}  // namespace soundoff::server
