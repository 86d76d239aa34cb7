#include "import/export_writers.h"

#include <algorithm>
#include <charconv>
#include <pugixml.hpp>
#include <sstream>
#include <unordered_map>

#include "soundoff/html_escape.h"
#include "soundoff/time.h"

namespace soundoff::import {

namespace {

void text_child(pugi::xml_node parent, const char* name, const std::string& text) {
  parent.append_child(name).append_child(pugi::node_pcdata).set_value(text.c_str());
}

// The XML declaration and the root element.
pugi::xml_node start_document(pugi::xml_document& doc, const char* root) {
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  return doc.append_child(root);
}

std::string saved(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

std::optional<std::uint64_t> as_number(const std::string& id) {
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), n);
  if (ec != std::errc() || end != id.data() + id.size() || id.empty() || n == 0) return std::nullopt;
  return n;
}

// WordPress's ids are positive integers, unique in the site: numeric ids are
// kept when they are unique, every other comment gets the next free number.
std::vector<std::unordered_map<std::string, std::uint64_t>> wordpress_ids(const ImportResult& site) {
  std::uint64_t largest = 0;
  std::unordered_map<std::uint64_t, int> uses;
  for (const auto& t : site.threads)
    for (const auto& c : t.comments)
      if (const auto n = as_number(c.id)) {
        largest = std::max(largest, *n);
        ++uses[*n];
      }
  std::vector<std::unordered_map<std::string, std::uint64_t>> ids(site.threads.size());
  for (std::size_t i = 0; i < site.threads.size(); ++i)
    for (const auto& c : site.threads[i].comments) {
      const auto n = as_number(c.id);
      ids[i][c.id] = n && uses[*n] == 1 ? *n : ++largest;
    }
  return ids;
}

const char* wordpress_approved(Status s) {
  switch (s) {
    case Status::published:
      return "1";
    case Status::pending:
      return "0";
    case Status::spam:
      return "spam";
    case Status::deleted:
      return "trash";
  }
  return "0";
}

// "2013-09-09 09:41:00": WordPress's DATETIME, here in UTC (comment_date_gmt).
std::string wordpress_time(std::int64_t ms) {
  std::string iso = format_iso8601(ms);  // 2013-09-09T09:41:00Z (or with .mmm)
  iso = iso.substr(0, 19);
  iso[10] = ' ';
  return iso;
}

}  // namespace

std::string write_wxr(const ImportResult& site) {
  pugi::xml_document doc;
  auto rss = start_document(doc, "rss");
  rss.append_attribute("version") = "2.0";
  rss.append_attribute("xmlns:excerpt") = "http://wordpress.org/export/1.2/excerpt/";
  rss.append_attribute("xmlns:content") = "http://purl.org/rss/1.0/modules/content/";
  rss.append_attribute("xmlns:wfw") = "http://wellformedweb.org/CommentAPI/";
  rss.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
  rss.append_attribute("xmlns:wp") = "http://wordpress.org/export/1.2/";
  auto channel = rss.append_child("channel");
  text_child(channel, "title", "Soundoff export");
  text_child(channel, "wp:wxr_version", "1.2");
  const auto ids = wordpress_ids(site);
  for (std::size_t i = 0; i < site.threads.size(); ++i) {
    const auto& t = site.threads[i];
    auto item = channel.append_child("item");
    text_child(item, "title", html_escape(t.title.empty() ? t.key : t.title));
    if (!t.url.empty()) text_child(item, "link", t.url);
    // Posts are numbered in file order; the key is the post's slug.
    text_child(item, "wp:post_id", std::to_string(i + 1));
    text_child(item, "wp:post_name", t.key);
    text_child(item, "wp:post_type", "post");
    text_child(item, "wp:status", "publish");
    text_child(item, "wp:comment_status", "open");
    for (const auto& c : t.comments) {
      auto comment = item.append_child("wp:comment");
      text_child(comment, "wp:comment_id", std::to_string(ids[i].at(c.id)));
      text_child(comment, "wp:comment_author", html_escape(c.author));
      text_child(comment, "wp:comment_date", wordpress_time(c.created_ms));
      text_child(comment, "wp:comment_date_gmt", wordpress_time(c.created_ms));
      text_child(comment, "wp:comment_content", html_escape(c.body));
      text_child(comment, "wp:comment_approved", wordpress_approved(c.status));
      text_child(comment, "wp:comment_type", "comment");
      const auto parent = ids[i].find(c.parent);
      text_child(comment, "wp:comment_parent",
                 c.parent.empty() || parent == ids[i].end() ? "0" : std::to_string(parent->second));
      // Votes have no WordPress column: kept as comment meta, which the importer restores.
      if (c.up != 0 || c.down != 0) {
        auto meta = comment.append_child("wp:commentmeta");
        text_child(meta, "wp:meta_key", "soundoff_votes");
        text_child(meta, "wp:meta_value", std::to_string(c.up) + " " + std::to_string(c.down));
      }
    }
  }
  return saved(doc);
}

std::string write_disqus(const ImportResult& site) {
  pugi::xml_document doc;
  auto root = start_document(doc, "disqus");
  root.append_attribute("xmlns") = "http://disqus.com";
  root.append_attribute("xmlns:dsq") = "http://disqus.com/disqus-internals";
  root.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
  // Disqus ids are unique in the file: comment ids are kept when they are, else prefixed by their thread.
  std::unordered_map<std::string, int> uses;
  for (const auto& t : site.threads)
    for (const auto& c : t.comments) ++uses[c.id];
  const bool unique = std::all_of(uses.begin(), uses.end(), [](const auto& u) { return u.second == 1; });
  for (std::size_t i = 0; i < site.threads.size(); ++i) {
    const auto& t = site.threads[i];
    auto thread = root.append_child("thread");
    thread.append_attribute("dsq:id") = ("t" + std::to_string(i + 1)).c_str();
    text_child(thread, "id", t.key);
    text_child(thread, "link", t.url);
    text_child(thread, "title", html_escape(t.title));
    std::int64_t first = 0;
    for (const auto& c : t.comments) first = first == 0 ? c.created_ms : std::min(first, c.created_ms);
    text_child(thread, "createdAt", format_iso8601(first).substr(0, 19) + "Z");
    text_child(thread, "isClosed", "false");
    text_child(thread, "isDeleted", "false");
  }
  for (std::size_t i = 0; i < site.threads.size(); ++i) {
    const auto& t = site.threads[i];
    const std::string prefix = unique ? "" : "t" + std::to_string(i + 1) + "-";
    for (const auto& c : t.comments) {
      auto post = root.append_child("post");
      post.append_attribute("dsq:id") = (prefix + c.id).c_str();
      text_child(post, "id", c.id);
      text_child(post, "message", html_escape(c.body));
      text_child(post, "createdAt", format_iso8601(c.created_ms).substr(0, 19) + "Z");
      text_child(post, "isDeleted", c.status == Status::deleted ? "true" : "false");
      text_child(post, "isSpam", c.status == Status::spam ? "true" : "false");
      if (c.status == Status::pending) text_child(post, "isApproved", "false");
      auto author = post.append_child("author");
      text_child(author, "name", c.author);
      text_child(author, "isAnonymous", "true");
      post.append_child("thread").append_attribute("dsq:id") = ("t" + std::to_string(i + 1)).c_str();
      if (!c.parent.empty()) post.append_child("parent").append_attribute("dsq:id") = (prefix + c.parent).c_str();
    }
  }
  return saved(doc);
}

}  // namespace soundoff::import
