// What the reader mail tests over HTTP share (reply_mail_test.cpp,
// erase_link_test.cpp): a server whose reader mail goes to the real SMTP sink
// and whose links point at https://news.example, a comment POST, and the
// links found in a received mail.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "server/server_harness.h"
#include "server/smtp_sink.h"

namespace soundoff::test {

inline const std::string kReaderMailToken = "correct-horse-battery-staple-0123456789";

inline server::ServerConfig reply_mail_config(const TempDir& dir, const SmtpSink& smtp) {
  auto c = test_config(dir);
  c.admin_token = kReaderMailToken;
  c.public_url = "https://news.example";
  c.notify.smtp =
      server::SmtpConfig{"smtp://127.0.0.1:" + std::to_string(smtp.port()), "soundoff@example.org", "", "", false};
  c.notify.reader_mail.enabled = true;
  c.notify.outbox.backoff_base_ms = 20;
  c.notify.outbox.backoff_cap_ms = 100;
  c.notify.outbox.poll_ms = 20;
  c.notify.outbox.lease_ms = 1000;
  return c;
}

// POSTs `comment` to `thread` and expects `expected`; the answer's JSON.
inline nlohmann::json post(httplib::Client& client, const std::string& thread, nlohmann::json comment,
                           int expected = 201) {
  auto res = post_json(client, "/api/threads/" + thread + "/comments", comment.dump());
  EXPECT_TRUE(res && res->status == expected) << (res ? res->body : "no response");
  return res ? body_json(res) : nlohmann::json();
}

// The path and query of the link in `text` that starts with https://news.example + `path`.
inline std::string link_in(const std::string& text, const std::string& path) {
  const std::string host = "https://news.example";
  const auto at = text.find(host + path);
  if (at == std::string::npos) return {};
  const auto from = at + host.size();
  const auto end = text.find_first_of(" \r\n\t<>\"", from);
  return text.substr(from, end == std::string::npos ? std::string::npos : end - from);
}

}  // namespace soundoff::test
