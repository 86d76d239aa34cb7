// Readers and writers at once: every page a reader gets is a consistent
// snapshot, and nothing written is lost.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <set>

#include "server/server_harness.h"

namespace soundoff::test {
namespace {

using nlohmann::json;

const std::string kPath = "/api/threads/busy/comments";

// A page is consistent when its total matches what it shows and no comment
// appears twice or with a broken number sequence.
std::string inconsistency(const json& page) {
  const auto items = flatten_page(page);
  std::set<std::string> ids;
  std::uint64_t visible = 0;
  for (const auto& item : items) {
    if (!ids.insert(item["id"].get<std::string>()).second) return "duplicate id " + item["id"].get<std::string>();
    if (!item["tombstone"].get<bool>()) ++visible;
  }
  if (visible != page["total"].get<std::uint64_t>())
    return "total " + page["total"].dump() + " but " + std::to_string(visible) + " shown";
  std::uint64_t expected_number = 1;
  for (const auto& item : page["items"]) {
    if (item["number"].is_null()) continue;
    if (item["number"].get<std::uint64_t>() != expected_number) return "numbering skips at " + item["id"].dump();
    expected_number += 1 + item["replies"].get<std::uint64_t>();
  }
  return "";
}

TEST(Concurrency, ReadersSeeConsistentGrowingPagesWhileWritersPost) {
  TempDir dir;
  auto config = test_config(dir);
  config.rate_limits_enabled = false;
  // This test is about consistency, not spam: every comment must be published.
  config.spam_policy.weights.fill(0);  // weight 0 switches a check off
  InProcessServer server(config);
  constexpr int kWriters = 4;
  constexpr int kPerWriter = 40;
  std::atomic<bool> writing{true};
  std::mutex mutex;
  std::vector<std::string> written;
  std::vector<std::string> problems;

  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      auto client = server.client();
      std::mt19937 rng(static_cast<unsigned>(w));
      for (int i = 0; i < kPerWriter; ++i) {
        // Distinct words per comment: repeated "comment N" bodies would (rightly) be held as near-duplicates.
        static const char* kWords[] = {"russia", "talks",     "moscow",   "syria",   "peace",      "weapons",   "vote",
                                       "news",   "strike",    "reply",    "button",  "chemical",   "proposal",  "laugh",
                                       "plank",  "coalition", "argument", "monitor", "capability", "settlement"};
        std::string text = "comment " + std::to_string(i) + ":";
        for (int k = 0; k < 10; ++k) text += std::string(" ") + kWords[rng() % 20] + std::to_string(rng() % 1000);
        json body = {{"author", "w" + std::to_string(w)}, {"body", text}};
        {
          std::lock_guard lock(mutex);
          if (!written.empty() && rng() % 2 == 0) body["parent"] = written[rng() % written.size()];
        }
        auto res = post_json(*client, kPath, body.dump());
        std::lock_guard lock(mutex);
        if (!res || res->status != 201) {
          problems.push_back("POST failed: " + (res ? res->body : std::string("no response")));
          continue;
        }
        written.push_back(body_json(res)["id"]);
      }
    });
  }
  std::vector<std::thread> readers;
  std::map<std::string, std::string> body_of_etag;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&] {
      auto client = server.client();
      std::uint64_t last_total = 0;
      while (writing) {
        auto res = client->Get(kPath + "?per_page=1000&max_depth=0");
        std::lock_guard lock(mutex);
        if (!res || res->status != 200) {
          problems.push_back("GET failed");
          return;
        }
        const json page = body_json(res);
        if (auto why = inconsistency(page); !why.empty()) problems.push_back(why);
        if (page["total"].get<std::uint64_t>() < last_total) problems.push_back("total went backwards");
        last_total = page["total"].get<std::uint64_t>();
        auto [it, fresh] = body_of_etag.emplace(res->get_header_value("ETag"), res->body);
        if (!fresh && it->second != res->body) problems.push_back("one ETag, two bodies");
      }
    });
  }
  for (auto& t : writers) t.join();
  writing = false;
  for (auto& t : readers) t.join();
  for (const auto& p : problems) ADD_FAILURE() << p;
  const json final_page = body_json(server.client()->Get(kPath + "?per_page=1000&max_depth=0"));
  EXPECT_EQ(final_page["total"], kWriters * kPerWriter);
  EXPECT_EQ(inconsistency(final_page), "");
  std::set<std::string> shown;
  for (const auto& item : flatten_page(final_page)) shown.insert(item["id"]);
  for (const auto& id : written) EXPECT_TRUE(shown.count(id)) << id;
  EXPECT_GT(body_of_etag.size(), 1u) << "readers ran while the thread changed";
}

}  // namespace
}  // namespace soundoff::test
