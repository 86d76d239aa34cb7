#include "cli/args.h"

#include <charconv>

namespace soundoff::cli {

Result<Args> parse_args(int argc, char** argv, int first, const std::set<std::string_view>& valued,
                        const std::set<std::string_view>& switches) {
  Args args;
  for (int i = first; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a.size() > 2 && a.substr(0, 2) == "--") {
      std::string_view name = a.substr(2), value;
      bool inline_value = false;
      if (const auto eq = name.find('='); eq != std::string_view::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
        inline_value = true;
      }
      if (switches.count(name) != 0 && !inline_value) {
        args.flags.emplace(name);
      } else if (valued.count(name) != 0) {
        if (!inline_value) {
          if (i + 1 >= argc) return Error{"usage", "option --" + std::string(name) + " needs a value"};
          value = argv[++i];
        }
        args.options[std::string(name)] = std::string(value);
      } else {
        return Error{"usage", "unknown option --" + std::string(name)};
      }
    } else {
      args.positionals.emplace_back(a);
    }
  }
  return args;
}

Result<std::uint32_t> parse_uint(std::string_view option, const std::string& text) {
  std::uint32_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end)
    return Error{"usage", "--" + std::string(option) + " must be a whole number, not \"" + text + "\""};
  return value;
}

}  // namespace soundoff::cli
