// Reading inputs for commands: a file path, or "-"/nothing for stdin.
#pragma once

#include <string>

#include "soundoff/result.h"

namespace soundoff::cli {

// Reads all of `path` ("-" or empty: standard input). Refuses inputs larger
// than `max_bytes` without reading them whole into memory.
Result<std::string> read_input(const std::string& path, std::size_t max_bytes);

// Exit codes shared by every command.
constexpr int kExitOk = 0;
constexpr int kExitInternal = 1;
constexpr int kExitInvalidInput = 2;

}  // namespace soundoff::cli
