// Synthetic comment documents with a realistic reply shape, for benchmarks.
#pragma once

#include <cstdint>
#include <string>

namespace soundoff::bench {

// A comment document (JSON) of `n` comments: about a third top level, the
// rest replying mostly to recent comments, some to a top-level comment, a few
// to any earlier one; bodies of 40-400 bytes; votes on some. Deterministic
// for a given seed.
std::string synthetic_document(std::uint32_t n, std::uint32_t seed = 42);

}  // namespace soundoff::bench
