#include "cli/input.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace soundoff::cli {

Result<std::string> read_input(const std::string& path, std::size_t max_bytes) {
  const bool from_stdin = path.empty() || path == "-";
  std::FILE* f = from_stdin ? stdin : std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Error{"io_error", "cannot open " + path + ": " + std::strerror(errno)};
  std::string data;
  char buffer[1 << 16];
  std::size_t n;
  bool too_large = false;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) {
    if (data.size() + n > max_bytes) {
      too_large = true;
      break;
    }
    data.append(buffer, n);
  }
  const bool failed = std::ferror(f) != 0;
  if (!from_stdin) std::fclose(f);
  const std::string name = from_stdin ? "standard input" : path;
  if (too_large)
    return Error{"too_large", name + " is larger than the limit of " + std::to_string(max_bytes) + " bytes"};
  if (failed) return Error{"io_error", "cannot read " + name};
  return data;
}

}  // namespace soundoff::cli
