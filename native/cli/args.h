// Command-line arguments: `--name value`, `--name=value`, flags and positionals.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "soundoff/result.h"

namespace soundoff::cli {

struct Args {
  std::map<std::string, std::string, std::less<>> options;
  std::set<std::string, std::less<>> flags;
  std::vector<std::string> positionals;

  bool has(std::string_view name) const { return options.count(name) != 0 || flags.count(name) != 0; }
  std::string get(std::string_view name, std::string fallback = "") const {
    const auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
  }
};

// Parses argv[first..]. `valued` names the options that take a value and
// `switches` the ones that don't; anything else starting with "--" is an
// error naming the option.
Result<Args> parse_args(int argc, char** argv, int first, const std::set<std::string_view>& valued,
                        const std::set<std::string_view>& switches);

// Parses a whole non-negative number, else an Error naming `option`.
Result<std::uint32_t> parse_uint(std::string_view option, const std::string& text);

}  // namespace soundoff::cli
