#include "soundoff/page_json.h"

#include "json_writer.h"
#include "record_error_json.h"
#include "shown_comment.h"
#include "soundoff/time.h"

namespace soundoff {

namespace {

using detail::JsonWriter;
using detail::shown_comment;
using detail::ShownComment;

// `inferred_reply`: whom reply resolution thinks the comment answers, for
// "in reply to X" (display) or as the reason it is nested (nest).
void write_inferred_reply(JsonWriter& w, const Thread& t, const Node& node) {
  w.key("inferred_reply");
  if (node.inferred_parent == Node::kNone) {
    w.null();
    return;
  }
  const Comment& p = t.comments[node.inferred_parent];
  w.begin_object();
  w.key("id").value(p.id);
  w.key("author").value(p.author);
  w.key("confidence").fixed3(node.inferred_confidence);
  w.key("nested").value(node.inferred_nested);
  w.end_object();
}

void write_comment_fields(JsonWriter& w, const Thread& t, const PageEntry& e) {
  const Comment& c = t.comments[e.node];
  const Node& node = t.nodes[e.node];
  w.key("id").value(c.id);
  w.key("parent").string_or_null(detail::parent_id(t, node));
  const ShownComment shown = shown_comment(c, node);
  if (shown.has_content) {
    w.key("author").value(c.author);
    w.key("body").value(c.body);
  } else {
    w.key("author").null();
    w.key("body").null();
  }
  w.key("created").value(format_iso8601(c.created_ms));
  w.key("status").value(shown.status);
  w.key("score").value(shown.score);
  w.key("up").value(shown.up);
  w.key("down").value(shown.down);
  if (shown.pinned) w.key("pinned").value(true);
  if (shown.edited_ms != 0) w.key("edited").value(format_iso8601(shown.edited_ms));
  if (!shown.badge.empty()) w.key("badge").value(shown.badge);
  w.key("depth").value(e.depth);
  w.key("number");
  if (e.number == 0) {
    w.null();
  } else {
    w.value(e.number);
  }
  w.key("replies").value(node.visible_descendants);
  w.key("latest_activity").value(format_iso8601(node.latest_activity_ms));
  w.key("tombstone").value(node.tombstone);
  w.key("orphan").value(node.orphan);
  if (node.cycle_broken) w.key("cycle_broken").value(true);
  w.key("reply_to");
  if (e.capped) {
    w.begin_object();
    w.key("id").value(t.comments[node.parent].id);
    w.key("author");
    if (detail::shows_parent_author(t, node)) {
      w.value(t.comments[node.parent].author);
    } else {
      w.null();
    }
    w.end_object();
  } else {
    w.null();
  }
  w.key("hidden_replies").value(e.hidden_replies);
  w.key("replies_cursor").string_or_null(e.replies_cursor);
  if (t.inferred != InferredReplies::off) write_inferred_reply(w, t, node);
}

void write_items(JsonWriter& w, const Thread& t, const Page& page) {
  std::vector<std::uint32_t> open;  // entries whose children array is still open
  auto close_one = [&] {
    w.end_array().end_object();
    open.pop_back();
  };
  w.begin_array();
  for (std::uint32_t i = 0; i < page.entries.size(); ++i) {
    const auto& e = page.entries[i];
    while (!open.empty() && open.back() != e.parent_entry) close_one();
    w.begin_object();
    write_comment_fields(w, t, e);
    w.key("children").begin_array();
    open.push_back(i);
  }
  while (!open.empty()) close_one();
  w.end_array();
}

void write_links(JsonWriter& w, const Page& page) {
  w.begin_object();
  w.key("prev");
  if (page.page > 1) {
    w.value(page.page - 1);
  } else {
    w.null();
  }
  w.key("next");
  if (page.page != 0 && page.page < page.pages) {
    w.value(page.page + 1);
  } else {
    w.null();
  }
  w.key("pages").begin_array();
  for (const auto p : page.links) {
    if (p == 0) {
      w.null();
    } else {
      w.value(p);
    }
  }
  w.end_array().end_object();
}

// The page object, with `write_items_value` writing the value of "items".
template <typename WriteItems>
std::string page_json(const ThreadView& view, const Page& page, const std::vector<RecordError>& errors,
                      WriteItems&& write_items_value) {
  const Thread& t = *view.thread;
  JsonWriter w;
  w.begin_object();
  w.key("thread").value(t.key);
  w.key("sort").value(sort_name(page.sort));
  w.key("total").value(page.total);
  w.key("threads").value(page.threads);
  w.key("page");
  if (page.page == 0) {
    w.null();
  } else {
    w.value(page.page);
  }
  w.key("pages").value(page.pages);
  w.key("per_page").value(page.per_page);
  w.key("links");
  write_links(w, page);
  w.key("next_cursor").string_or_null(page.next_cursor);
  w.key("highlight").string_or_null(page.highlight);
  w.key("replies_of").string_or_null(page.replies_of);
  if (!page.replies_of.empty()) w.key("hidden_replies").value(page.hidden_replies);
  w.key("items");
  write_items_value(w);
  w.key("errors");
  detail::write_record_errors(w, errors);
  w.key("issues").begin_array();
  for (const auto& issue : t.issues) {
    w.begin_object();
    w.key("code").value(issue.code);
    w.key("id").value(issue.comment_id);
    w.key("message").value(issue.message);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

}  // namespace

std::string page_to_json(const ThreadView& view, const Page& page, const std::vector<RecordError>& errors) {
  return page_json(view, page, errors, [&](JsonWriter& w) { write_items(w, *view.thread, page); });
}

// A function of its own, so a program that only calls this one (the wasm
// engine) links no comment writer.
std::string page_header_json(const ThreadView& view, const Page& page, const std::vector<RecordError>& errors) {
  return page_json(view, page, errors, [](JsonWriter& w) { w.null(); });
}

std::string error_to_json(const Error& error) {
  JsonWriter w;
  w.begin_object();
  w.key("code").value(error.code);
  w.key("message").value(error.message);
  w.end_object();
  return w.take();
}

}  // namespace soundoff
