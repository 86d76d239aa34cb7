// Helpers shared by the importer tests: reading ../shared fixtures through an
// importer and looking threads and comments up by key and id.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "import/importers.h"
#include "support/fixtures.h"

namespace soundoff::test {

// The fixture ../shared/datasets/threads/<name>, or nullopt (then skip).
inline std::optional<std::string> thread_fixture(const std::string& name) {
  return read_shared("datasets/threads/" + name);
}

#define SOUNDOFF_REQUIRE_FIXTURE(var, name)                                 \
  const auto var = ::soundoff::test::thread_fixture(name);                  \
  if (!var)                                                                 \
  GTEST_SKIP() << "../shared/datasets/threads/" << (name) << " is absent; " \
               << "this test needs the shared fixtures"

inline const import::ImportedThread* find_thread(const import::ImportResult& result, const std::string& key) {
  for (const auto& t : result.threads)
    if (t.key == key) return &t;
  return nullptr;
}

inline const Comment* find_comment(const import::ImportedThread& thread, const std::string& id) {
  for (const auto& c : thread.comments)
    if (c.id == id) return &c;
  return nullptr;
}

inline std::size_t count_replies(const import::ImportedThread& thread) {
  std::size_t n = 0;
  for (const auto& c : thread.comments) n += c.has_parent() ? 1 : 0;
  return n;
}

inline std::size_t count_status(const import::ImportResult& result, Status status) {
  std::size_t n = 0;
  for (const auto& t : result.threads)
    for (const auto& c : t.comments) n += c.status == status ? 1 : 0;
  return n;
}

inline std::size_t count_issues(const import::ImportResult& result, import::IssueKind kind, const std::string& code) {
  std::size_t n = 0;
  for (const auto& issue : result.issues) n += issue.kind == kind && issue.code == code ? 1 : 0;
  return n;
}

// Every reply's parent is a comment of the same thread.
inline bool parents_resolve(const import::ImportedThread& thread) {
  for (const auto& c : thread.comments)
    if (c.has_parent() && find_comment(thread, c.parent) == nullptr) return false;
  return true;
}

}  // namespace soundoff::test
