// Atom feeds of published comments (atom_feed.h): per thread at
// /feed/threads/{thread}.atom and for the whole site at /feed/recent.atom,
// with ETag and 304 so polling feed readers cost little.
#include "server/atom_feed.h"
#include "server/http_util.h"
#include "server/server_state.h"
#include "soundoff/hash.h"

namespace soundoff::server {

namespace {

constexpr std::size_t kFeedEntries = 50;

// Where a comment is read: the demo page of its thread, scrolled to it.
std::string comment_permalink(const std::string& base, const Comment& c) {
  return base + "/demo/" + c.thread + "#comment-" + c.id;
}

// The host of public_url (for tag: ids), or a name that is never anyone's.
std::string tag_authority(const std::string& public_url) {
  std::string host = public_url;
  if (const auto scheme = host.find("://"); scheme != std::string::npos) host = host.substr(scheme + 3);
  host = host.substr(0, host.find_first_of("/:"));
  return (host.empty() ? std::string("soundoff.invalid") : host) + ",2026";
}

void send_feed(ServerState& state, const HttpRequest& req, HttpResponse& res, const FeedInfo& info,
               const std::string& thread) {
  const auto comments = state.store->recent_published(thread, kFeedEntries);
  if (!comments) {
    send_internal_error(res, comments.error());
    return;
  }
  std::string body = atom_feed(info, *comments);
  const std::string etag = "\"" + std::to_string(fnv1a64(body)) + "\"";
  res.set_header("ETag", etag);
  res.set_header("Cache-Control", "no-cache");
  if (req.get_header_value("If-None-Match") == etag) {
    res.status = 304;
    return;
  }
  res.status = 200;
  res.set_content(std::move(body), "application/atom+xml; charset=utf-8");
}

FeedInfo feed_info(const ServerState& state) {
  FeedInfo info;
  info.base = state.config.public_url;
  info.tag_authority = tag_authority(state.config.public_url);
  info.comment_href = comment_permalink;
  return info;
}

}  // namespace

void add_feed_routes(Router& http, ServerState& state) {
  http.get(R"(/feed/threads/([^/]+)\.atom)", [&state](const HttpRequest& req, HttpResponse& res) {
    const std::string thread = req.matches[1];
    if (refuse_bad_thread(thread, res)) return;
    FeedInfo info = feed_info(state);
    info.id = "tag:" + info.tag_authority + ":" + thread;
    info.title = "Comments on " + thread;
    info.self_href = info.base + "/feed/threads/" + thread + ".atom";
    info.page_href = info.base + "/demo/" + thread;
    send_feed(state, req, res, info, thread);
  });
  http.get("/feed/recent.atom", [&state](const HttpRequest& req, HttpResponse& res) {
    FeedInfo info = feed_info(state);
    info.id = "tag:" + info.tag_authority + ":recent";
    info.title = "Recent comments";
    info.self_href = info.base + "/feed/recent.atom";
    send_feed(state, req, res, info, "");
  });
}

}  // namespace soundoff::server
