// The thread registry and the settings in `soundoff migrate` (storage_copy.h):
// after the comments are copied (their insert triggers made plain registry
// rows), every row is written again as the source has it — titles, URLs,
// closed states, registrations — and every setting (the live spam policy).
#pragma once

#include "server/storage.h"

namespace soundoff::server {

// Returns how many threads and settings were copied.
Result<std::size_t> copy_registry(Storage& from, Storage& to);

}  // namespace soundoff::server
