// WordPress eXtended RSS: <rss><channel><item> is a post or page, its
// <wp:comment> children are the comments, linked by wp:comment_parent.
#include <cstdio>
#include <map>
#include <unordered_map>

#include "import/html_text.h"
#include "import/importers.h"
#include "import/xml_source.h"
#include "soundoff/time.h"

namespace soundoff::import {

namespace {

using namespace detail;

// wp_comments.comment_approved as WordPress stores it ("approve"/"hold" are
// the names its API uses for 1/0 and appear in hand-made files).
std::optional<Status> wordpress_status(const std::string& approved) {
  if (approved == "1" || approved == "approve") return Status::published;
  if (approved == "0" || approved == "hold") return Status::pending;
  if (approved == "spam") return Status::spam;
  if (approved == "trash" || approved == "post-trashed") return Status::deleted;
  return std::nullopt;
}

// WordPress writes "0000-00-00 00:00:00" for dates it never set.
std::optional<std::int64_t> wordpress_time(const std::string& text) {
  if (text.empty() || text.rfind("0000-00-00", 0) == 0) return std::nullopt;
  return parse_iso8601_ms(text);
}

// Votes that `soundoff export --format wxr` keeps as the comment meta
// soundoff_votes ("UP DOWN"); WordPress itself has none. Anything else there is ignored.
void read_votes(pugi::xml_node comment, Comment& c) {
  for (auto meta = comment.first_child(); meta; meta = meta.next_sibling()) {
    if (meta.type() != pugi::node_element || local_name(meta.name()) != "commentmeta") continue;
    if (trimmed_text_of(child(meta, "meta_key")) != "soundoff_votes") continue;
    long long up = 0, down = 0;
    char extra = 0;
    if (std::sscanf(trimmed_text_of(child(meta, "meta_value")).c_str(), "%lld %lld %c", &up, &down, &extra) == 2 &&
        up >= 0 && down >= 0) {
      c.up = up;
      c.down = down;
      c.score = up - down;
    }
  }
}

struct OmittedPing {
  std::string parent;
  std::string type;
};

}  // namespace

Result<ImportResult> import_wxr(std::string_view xml, const ImportOptions& options) {
  ImportResult result;
  XmlSource source;
  if (auto loaded = XmlSource::load(source, xml, "rss", "a WordPress (WXR) export", options, result); !loaded)
    return loaded.error();
  const auto channel = child(source.root(), "channel");
  if (!channel) return Error{"invalid_document", "<rss> has no <channel>: not a WordPress (WXR) export"};

  ThreadCollector collector;
  // Per thread key: pingbacks/trackbacks left out, by comment id, so replies to them can be re-attached.
  // Ordered by key so the report comes out the same on every run.
  std::map<std::string, std::unordered_map<std::string, OmittedPing>> omitted;
  std::size_t item_number = 0;
  for (auto item = channel.first_child(); item; item = item.next_sibling()) {
    if (item.type() != pugi::node_element || local_name(item.name()) != "item") continue;
    ++item_number;
    if (!child(item, "comment")) continue;
    const std::string item_record = source.locate("item #" + std::to_string(item_number), item);
    // WordPress names a post by its id; files without one (hand-made, partial) by its permalink.
    const std::string post_id = trimmed_text_of(child(item, "post_id"));
    const std::string link = trimmed_text_of(child(item, "link"));
    const std::string key = post_id.empty() ? link : post_id;
    const std::string title = decode_entities(trimmed_text_of(child(item, "title")));
    if (key.empty()) {
      result.add(IssueKind::rejected, item_record, "wp:post_id", "missing_field",
                 "neither 'wp:post_id' nor 'link' is set, so its comments belong to no page; they were not read");
      continue;
    }
    if (!check_thread_fields({{"wp:post_id", &key}, {"title", &title}, {"link", &link}}, options.limits, item_record,
                             result))
      continue;

    std::size_t comment_number = 0;
    for (auto node = item.first_child(); node; node = node.next_sibling()) {
      if (node.type() != pugi::node_element || local_name(node.name()) != "comment") continue;
      ++comment_number;
      Comment c;
      c.id = trimmed_text_of(child(node, "comment_id"));
      std::string record =
          source.locate("comment #" + std::to_string(comment_number) + " of item \"" + key.substr(0, 64) + "\"", node);
      if (!c.id.empty()) record += " (wp:comment_id " + c.id.substr(0, 64) + ")";
      c.parent = trimmed_text_of(child(node, "comment_parent"));
      if (c.parent == "0") c.parent.clear();

      const std::string type = trimmed_text_of(child(node, "comment_type"));
      if (!type.empty() && type != "comment") {
        // Pingbacks, trackbacks and plugin types (order notes, ...) are not reader comments (docs/import-export.md).
        const bool ping = type == "pingback" || type == "trackback";
        result.add(IssueKind::omitted, record, "wp:comment_type", ping ? type + "_omitted" : "comment_type_omitted",
                   "is a " + type.substr(0, 32) + ", not a reader comment; left out");
        if (!c.id.empty()) omitted[key][c.id] = {c.parent, type};
        continue;
      }
      bool ok = true;
      const std::string approved = trimmed_text_of(child(node, "comment_approved"));
      if (const auto status = wordpress_status(approved)) {
        c.status = *status;
      } else {
        result.add(IssueKind::rejected, record, "wp:comment_approved",
                   approved.empty() ? "missing_field" : "unknown_status",
                   approved.empty() ? "field 'wp:comment_approved' is missing"
                                    : "field 'wp:comment_approved' is \"" + approved.substr(0, 32) +
                                          "\"; expected 1, 0, spam, trash or post-trashed");
        ok = false;
      }
      const std::string gmt = trimmed_text_of(child(node, "comment_date_gmt"));
      if (const auto ms = wordpress_time(gmt)) {
        c.created_ms = *ms;
      } else if (const auto local = wordpress_time(trimmed_text_of(child(node, "comment_date")))) {
        c.created_ms = *local;
        result.add(IssueKind::adjusted, record, "wp:comment_date_gmt", "local_time",
                   "field 'wp:comment_date_gmt' is missing or unset; the site-local 'wp:comment_date' was read as UTC");
      } else {
        result.add(IssueKind::rejected, record, "wp:comment_date_gmt", gmt.empty() ? "missing_field" : "invalid_time",
                   "neither 'wp:comment_date_gmt' nor 'wp:comment_date' holds a time such as 2014-01-14 17:32:12");
        ok = false;
      }
      if (!ok) continue;
      c.author = decode_entities(trimmed_text_of(child(node, "comment_author")));
      c.body = html_to_text(text_of(child(node, "comment_content")));
      c.external_id = c.id;
      read_votes(node, c);
      if (!check_comment(c, {"wp:comment_id", "wp:comment_parent", "wp:comment_author", "wp:comment_content"},
                         options.limits, record, result))
        continue;
      collector.thread(key, title, link);
      collector.add(key, std::move(c), record, result);
    }
  }

  // A reply to a left-out pingback moves up to the pingback's own parent, so it is not orphaned.
  for (auto& [key, pings] : omitted) {
    auto* thread = collector.find(key);
    if (thread == nullptr) continue;
    for (auto& c : thread->comments) {
      std::size_t hops = 0;
      const std::string original = c.parent;
      for (auto it = pings.find(c.parent); it != pings.end() && hops <= pings.size(); it = pings.find(c.parent), ++hops)
        c.parent = it->second.parent;
      if (c.parent != original)
        result.add(IssueKind::adjusted, "comment wp:comment_id " + c.id + " of item \"" + key + "\"",
                   "wp:comment_parent", "parent_omitted",
                   "replied to " + pings[original].type + " " + original + ", which is left out; it now " +
                       (c.parent.empty() ? std::string("stands at the top level") : "replies to " + c.parent));
    }
  }
  collector.finish(result);
  return finish_import(std::move(result), options);
}

}  // namespace soundoff::import
