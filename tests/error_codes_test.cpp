// The error-code table (core/src/error_codes.def) against the code: every code
// core or the wasm bindings return is in it, with the right kind, and every code
// in it is documented in docs/errors.md (which scripts/gen-errors-doc writes).
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "support/fixtures.h"

namespace soundoff {
namespace {

struct CodeEntry {
  std::string code;
  std::string kind;  // "call" or "record"
};

const std::vector<CodeEntry>& table() {
  static const std::vector<CodeEntry> entries = {
#define SOUNDOFF_ERROR_CODE(code, kind, where, meaning) {#code, kind},
#include "error_codes.def"
#undef SOUNDOFF_ERROR_CODE
  };
  return entries;
}

bool in_table(const std::string& code, const std::string& kind) {
  for (const auto& e : table())
    if (e.code == code && e.kind == kind) return true;
  return false;
}

std::string source_root() { return test::fixtures_dir() + "/../.."; }

// (file, code, kind) for every code literal in core/src and wasm/: Error{"code", ...} (and `Error name{"code"`,
// `error_envelope({"code"`) for calls; fail(field, "code", ...), fail_named(field, "code", ...) and
// RecordError initialisers for records.
std::vector<std::pair<std::string, CodeEntry>> scan_sources() {
  static const std::regex call(R"re((?:Error\s*\w*\s*\{\s*|error_envelope\(\{\s*)"([a-z0-9_]+)")re");
  static const std::regex record(
      R"re((?:\bfail\(\s*\w+,\s*|\bfail_named\([^,]*,\s*|\{\s*index,\s*[\w.]+,\s*"\w*",\s*)"([a-z0-9_]+)")re");
  std::vector<std::pair<std::string, CodeEntry>> found;
  for (const char* dir : {"core/src", "wasm"}) {
    for (const auto& file : std::filesystem::directory_iterator(source_root() + "/" + dir)) {
      const auto ext = file.path().extension();
      if (ext != ".cpp" && ext != ".h") continue;
      const auto text = test::read_file(file.path().string());
      if (!text) continue;
      const std::string name = std::string(dir) + "/" + file.path().filename().string();
      for (const auto& [pattern, kind] : {std::pair{&call, "call"}, std::pair{&record, "record"}})
        for (std::sregex_iterator m(text->begin(), text->end(), *pattern), end; m != end; ++m)
          found.push_back({name, {(*m)[1].str(), kind}});
    }
  }
  return found;
}

// Scanned once for all the tests below (std::regex over every source is slow in a debug build).
const std::vector<std::pair<std::string, CodeEntry>>& codes_in_sources() {
  static const auto found = scan_sources();
  return found;
}

TEST(ErrorCodes, EveryCodeCoreReturnsIsInTheTable) {
  const auto& found = codes_in_sources();
  ASSERT_GT(found.size(), 20u) << "the scan found too few codes: are the sources at " << source_root() << "?";
  for (const auto& [file, entry] : found)
    EXPECT_TRUE(in_table(entry.code, entry.kind))
        << file << " returns " << entry.kind << " code '" << entry.code << "', which core/src/error_codes.def lacks";
}

TEST(ErrorCodes, EveryCodeInTheTableIsUsed) {
  std::set<std::pair<std::string, std::string>> used;
  for (const auto& [file, entry] : codes_in_sources()) used.insert({entry.code, entry.kind});
  for (const auto& e : table())
    EXPECT_TRUE(used.count({e.code, e.kind})) << e.kind << " code '" << e.code << "' is in the table but not used";
}

TEST(ErrorCodes, TheScanSeesCallAndRecordCodes) {
  // Guards the patterns above: a scan that silently matched nothing would pass the tests above vacuously.
  std::set<std::string> kinds;
  for (const auto& [file, entry] : codes_in_sources()) kinds.insert(entry.kind + ":" + entry.code);
  EXPECT_TRUE(kinds.count("call:invalid_json"));
  EXPECT_TRUE(kinds.count("call:invalid_cursor"));
  EXPECT_TRUE(kinds.count("call:internal"));
  EXPECT_TRUE(kinds.count("record:duplicate_id"));
  EXPECT_TRUE(kinds.count("record:not_an_object"));
  EXPECT_TRUE(kinds.count("record:too_long"));
}

TEST(ErrorCodes, EveryCodeIsDocumented) {
  const auto doc = test::read_file(source_root() + "/docs/errors.md");
  ASSERT_TRUE(doc.has_value()) << "docs/errors.md is missing: run scripts/gen-errors-doc";
  for (const auto& e : table()) EXPECT_NE(doc->find("| `" + e.code + "` |"), std::string::npos) << e.code;
}

}  // namespace
}  // namespace soundoff
