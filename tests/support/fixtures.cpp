#include "support/fixtures.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace soundoff::test {

std::string fixtures_dir() { return SOUNDOFF_FIXTURES_DIR; }

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string read_fixture(const std::string& name) {
  auto text = read_file(fixtures_dir() + "/" + name);
  EXPECT_TRUE(text.has_value()) << "missing fixture " << name;
  return text.value_or("");
}

std::optional<std::string> read_shared(const std::string& path) {
  return read_file(std::string(SOUNDOFF_SHARED_DIR) + "/" + path);
}

std::string json_subset_mismatch(const nlohmann::json& expected, const nlohmann::json& actual,
                                 const std::string& path) {
  if (expected.is_object()) {
    if (!actual.is_object()) return path + ": expected an object, got " + actual.dump();
    for (const auto& [key, value] : expected.items()) {
      if (!actual.contains(key)) return path + "." + key + ": missing";
      auto m = json_subset_mismatch(value, actual[key], path + "." + key);
      if (!m.empty()) return m;
    }
    return "";
  }
  if (expected.is_array()) {
    if (!actual.is_array()) return path + ": expected an array, got " + actual.dump();
    if (expected.size() != actual.size())
      return path + ": expected " + std::to_string(expected.size()) + " elements, got " + std::to_string(actual.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      auto m = json_subset_mismatch(expected[i], actual[i], path + "[" + std::to_string(i) + "]");
      if (!m.empty()) return m;
    }
    return "";
  }
  if (expected != actual) return path + ": expected " + expected.dump() + ", got " + actual.dump();
  return "";
}

}  // namespace soundoff::test
