// What the moderator's desk tests share: a server with the admin token whose
// database can be seeded through storage first (insert_batch, so thousands
// of comments cost one transaction), and small request helpers.
#pragma once

#include <gtest/gtest.h>

#include <optional>

#include "server/server_harness.h"
#include "server/storage.h"

namespace soundoff::test {

inline const std::string kDeskToken = "correct-horse-battery-staple-0123456789";
inline const httplib::Headers kDeskAdmin = {{"Authorization", "Bearer " + kDeskToken}};

inline server::NewComment desk_comment(const std::string& thread, const std::string& body,
                                       Status status = Status::pending, std::vector<std::string> reasons = {},
                                       const std::string& author = "Mary", const std::string& email = "m@example.org",
                                       const std::string& ip = "203.0.113.7") {
  server::NewComment c;
  c.thread = thread;
  c.author = author;
  c.email = email;
  c.body = body;
  c.ip = ip;
  c.created_ms = 1764669600000;
  c.status = status;
  c.reasons = std::move(reasons);
  return c;
}

class DeskServer {
 public:
  explicit DeskServer(std::function<void(server::ServerConfig&)> adjust = nullptr) : config_(test_config(dir_)) {
    config_.admin_token = kDeskToken;
    if (adjust) adjust(config_);
  }
  // Inserts `comments` straight into the database (before start()).
  void seed(const std::vector<server::NewComment>& comments) {
    auto store = server::open_storage(config_.db_path, {"normal"});
    ASSERT_TRUE(store) << store.error().message;
    auto n = (*store)->insert_batch(comments);
    ASSERT_TRUE(n) << n.error().message;
  }
  // One comment through insert() (a reply naming a stored parent by id).
  void seed_one(const server::NewComment& comment) {
    auto store = server::open_storage(config_.db_path, {"normal"});
    ASSERT_TRUE(store) << store.error().message;
    auto c = (*store)->insert(comment);
    ASSERT_TRUE(c) << c.error().message;
  }
  void start() { server_.emplace(config_); }
  // The same database through a second connection, to look at rows the API does not show.
  std::unique_ptr<server::Storage> open_store() {
    auto store = server::open_storage(config_.db_path, {"normal"});
    EXPECT_TRUE(store) << store.error().message;
    return store ? std::move(*store) : nullptr;
  }

  httplib::Result get(const std::string& path, const httplib::Headers& h = kDeskAdmin) {
    return server_->client()->Get(path, h);
  }
  nlohmann::json get_json(const std::string& path) {
    auto r = get(path);
    EXPECT_TRUE(r);
    EXPECT_EQ(r ? r->status : 0, 200) << path << ": " << (r ? r->body : "");
    return body_json(r);
  }
  httplib::Result post(const std::string& path, const nlohmann::json& body, const httplib::Headers& h = kDeskAdmin) {
    return post_json(*server_->client(), path, body.dump(), h);
  }
  // The ids of a queue page.
  std::vector<std::string> ids(const std::string& path) {
    std::vector<std::string> out;
    const nlohmann::json page = get_json(path);  // a named value: the loop must not outlive it
    for (const auto& c : page["comments"]) out.push_back(c["id"]);
    return out;
  }
  nlohmann::json page(const std::string& thread, const std::string& query = "per_page=100") {
    return body_json(server_->client()->Get("/api/threads/" + thread + "/comments?" + query));
  }

  server::ServerConfig& config() { return config_; }

 private:
  TempDir dir_;
  server::ServerConfig config_;
  std::optional<InProcessServer> server_;
};

}  // namespace soundoff::test
