// Finding a thread by its page URL (GET /api/threads?url=...): the widget
// names its thread by URL when the page gives no key, and imported threads
// keyed by URL are reached that way (docs/server-api.md, "Threads by URL").
#pragma once

#include <optional>
#include <string>

#include "server/storage.h"
#include "server/thread_url_index.h"

namespace soundoff::server {

// The registered thread whose URL, normalised (soundoff::normalise_url), is
// `normalised_url`. Tries the key thread_key_for(normalised_url) first (how
// imports name URL-keyed threads, and the widget new pages' threads): its row
// is the page's when its URL is that URL or still empty. Then the threads
// registered with that URL under keys of their own, through `index` (no scan
// of the registry per lookup).
Result<std::optional<ThreadRecord>> find_thread_by_url(Storage& store, ThreadUrlIndex& index,
                                                       const std::string& normalised_url);

}  // namespace soundoff::server
