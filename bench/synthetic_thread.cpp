#include "synthetic_thread.h"

#include <random>
#include <vector>

namespace soundoff::bench {

std::string synthetic_document(std::uint32_t n, std::uint32_t seed) {
  static const char* kWords[] = {"the",     "russian", "proposal", "war",      "syria",     "talks",
                                 "weapons", "moscow",  "agree",    "never",    "because",   "people",
                                 "think",   "really",  "news",     "vote",     "president", "chemical",
                                 "strike",  "peace",   "support",  "argument", "why",       "how"};
  std::mt19937 rng(seed);
  std::string out = "{\"thread\":\"synthetic\",\"comments\":[";
  out.reserve(static_cast<std::size_t>(n) * 330);
  std::vector<std::uint32_t> top_level;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (i) out += ',';
    out += "{\"id\":\"c" + std::to_string(i) + "\"";
    const auto kind = rng() % 100;
    if (i == 0 || kind < 35) {
      top_level.push_back(i);
    } else {
      std::uint32_t parent;
      if (kind < 75) {
        parent = i - 1 - rng() % std::min<std::uint32_t>(i, 20);  // a recent comment
      } else if (kind < 95) {
        parent = top_level[rng() % top_level.size()];  // a top-level comment
      } else {
        parent = rng() % i;  // anything earlier
      }
      out += ",\"parent\":\"c" + std::to_string(parent) + "\"";
    }
    out += ",\"author\":\"reader" + std::to_string(rng() % (n / 5 + 1)) + "\"";
    out += ",\"created\":" + std::to_string(1378700000 + i * 7 + rng() % 5);
    out += ",\"body\":\"";
    const auto words = 8 + rng() % 60;
    for (std::uint32_t w = 0; w < words; ++w) {
      if (w) out += ' ';
      out += kWords[rng() % (sizeof kWords / sizeof *kWords)];
    }
    out += '"';
    if (rng() % 4 == 0) out += ",\"up\":" + std::to_string(rng() % 50) + ",\"down\":" + std::to_string(rng() % 20);
    if (rng() % 50 == 0) out += ",\"status\":\"deleted\"";
    out += '}';
  }
  out += "]}";
  return out;
}

}  // namespace soundoff::bench
