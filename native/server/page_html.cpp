#include "server/page_html.h"

#include <vector>

#include "server/http_util.h"
#include "soundoff/comment.h"
#include "soundoff/text_segments.h"
#include "soundoff/time.h"

namespace soundoff::server {

namespace {

std::string esc(std::string_view text) { return html_escape(std::string(text)); }

// "2013-09-09 05:41 UTC": readable without a locale (the widget reformats in the reader's).
std::string display_time(std::int64_t ms) {
  std::string iso = format_iso8601(ms);  // 2013-09-09T05:41:00.000Z
  if (iso.size() < 16) return iso;
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

// The body as paragraphs, line breaks, quotes and links, as web/src/widget/body.js draws it.
void append_body(std::string& out, std::string_view body) {
  out += "<div class=\"so-body\">";
  const auto segments = segment_text(body);
  if (!segments) {  // stored bodies are valid UTF-8; say nothing rather than guess
    out += "</div>";
    return;
  }
  bool open = false;
  const auto paragraph = [&] {
    if (!open) out += "<p>";
    open = true;
  };
  const auto close = [&] {
    if (open) out += "</p>";
    open = false;
  };
  for (const auto& s : *segments) {
    switch (s.kind) {
      case SegmentKind::paragraph_break:
        close();
        break;
      case SegmentKind::line_break:
        if (open) out += "<br>";
        break;
      case SegmentKind::quote: {
        close();
        out += "<blockquote>";
        std::string_view rest = s.text;
        for (bool first = true;; first = false) {
          const auto nl = rest.find('\n');
          if (!first) out += "<br>";
          out += esc(rest.substr(0, nl));
          if (nl == std::string_view::npos) break;
          rest.remove_prefix(nl + 1);
        }
        out += "</blockquote>";
        break;
      }
      case SegmentKind::link:
        paragraph();
        out +=
            "<a href=\"" + esc(s.target) + "\" rel=\"nofollow ugc noopener\" target=\"_blank\">" + esc(s.text) + "</a>";
        break;
      default:  // text and mentions (a mention's target needs the widget's name resolution)
        paragraph();
        out += esc(s.text);
    }
  }
  close();
  out += "</div>";
}

void append_comment(std::string& out, const Thread& t, const PageEntry& e) {
  const Comment& c = t.comments[e.node];
  const Node& node = t.nodes[e.node];
  const std::string id = esc(c.id);
  if (node.tombstone) {
    out += "<article class=\"so-comment so-tombstone\" id=\"comment-" + id +
           "\" aria-label=\"Deleted comment\"><p class=\"so-deleted\">Comment deleted.</p></article>";
    return;
  }
  const bool pending = c.status == Status::pending;
  const std::string author = esc(c.author);
  out += "<article class=\"so-comment" + std::string(pending ? " so-pending" : "") + "\" id=\"comment-" + id +
         "\" aria-label=\"" +
         (e.number == 0 ? "Reply by " + author : "Comment " + std::to_string(e.number) + " by " + author) + "\">";
  out += "<header class=\"so-meta\">";
  if (e.number != 0) out += "<span class=\"so-number\">" + std::to_string(e.number) + ".</span>";
  out += "<h3 class=\"so-author\">" + author + "</h3>";
  if (!c.badge.empty()) {
    // Only the server's two badges get words; whatever else a row held shows nothing (never its raw text).
    const bool staff = c.badge == "staff";
    if (staff || c.badge == "verified")
      out += "<span class=\"so-badge so-account-badge\" title=\"" + esc(staff ? "Staff" : "Signed-in reader") + "\">" +
             esc(staff ? "Staff" : "Verified") + "</span>";
  }
  out += "<a class=\"so-permalink\" href=\"#comment-" + id + "\" title=\"Link to this comment\"><time datetime=\"" +
         format_iso8601(c.created_ms) + "\">" + display_time(c.created_ms) + "</time></a>";
  if (pending) out += "<span class=\"so-badge\">Awaiting moderation</span>";
  if (c.pinned != 0) out += "<span class=\"so-badge so-pinned-badge\">Pinned</span>";
  if (c.edited_ms != 0) out += "<span class=\"so-edited\">edited</span>";
  out += "</header>";
  if (e.capped) {
    const auto p = node.parent;
    const std::string name = t.nodes[p].tombstone ? "Deleted comment" : esc(t.comments[p].author);
    out +=
        "<p class=\"so-context\">in reply to <a href=\"#comment-" + esc(t.comments[p].id) + "\">" + name + "</a></p>";
  }
  append_body(out, c.body);
  if (!pending && (c.up != 0 || c.down != 0))
    out += "<footer class=\"so-actions\"><span class=\"so-votes\">▲ " + std::to_string(c.up) + " ▼ " +
           std::to_string(c.down) + "</span></footer>";
  out += "</article>";
}

// Nested lists in pre-order, as the page's entries come: an entry's replies
// follow it, each list closed when the next entry belongs to an outer one.
void append_items(std::string& out, const Thread& t, const Page& page, const PageHtmlOptions& o) {
  out += "<ol class=\"so-list\" aria-labelledby=\"so-ssr-heading\">";
  std::vector<std::uint32_t> open;  // entries whose <li> (and reply list, when started) is open
  std::vector<bool> has_list;
  const auto close_one = [&] {
    if (has_list.back()) out += "</ol>";
    const PageEntry& e = page.entries[open.back()];
    if (e.hidden_replies > 0 && !e.replies_cursor.empty() && !o.more_replies_base.empty())
      out += "<a class=\"so-more-replies\" href=\"" + esc(o.more_replies_base) + esc(e.replies_cursor) + "\">Show " +
             std::to_string(e.hidden_replies) + (e.hidden_replies == 1 ? " more reply" : " more replies") + "</a>";
    out += "</li>";
    open.pop_back();
    has_list.pop_back();
  };
  for (std::uint32_t i = 0; i < page.entries.size(); ++i) {
    const auto& e = page.entries[i];
    while (!open.empty() && open.back() != e.parent_entry) close_one();
    if (!open.empty() && !has_list.back()) {
      out += "<ol class=\"so-children\">";
      has_list.back() = true;
    }
    out += "<li class=\"so-item\" data-depth=\"" + std::to_string(e.depth) + "\">";
    append_comment(out, t, e);
    open.push_back(i);
    has_list.push_back(false);
  }
  while (!open.empty()) close_one();
  out += "</ol>";
}

std::string page_href(const PageHtmlOptions& o, const Page& page, std::uint32_t n) {
  std::string href = o.link_base + "page=" + std::to_string(n);
  if (page.sort != SortOrder::oldest) href += "&amp;sort=" + std::string(sort_name(page.sort));
  return href + esc(o.link_fragment);
}

void append_pager(std::string& out, const Page& page, const PageHtmlOptions& o) {
  if (page.page == 0 || page.pages <= 1) return;
  out += "<nav class=\"so-pager\" aria-label=\"Comment pages\"><ul>";
  const auto link = [&](std::uint32_t n, const std::string& text, const char* cls, const char* rel) {
    out += "<li><a class=\"so-page" + std::string(cls) + "\" href=\"" + page_href(o, page, n) + "\"" +
           (rel ? std::string(" rel=\"") + rel + "\"" : "") + ">" + text + "</a></li>";
  };
  if (page.page > 1) link(page.page - 1, "‹ Previous", " so-prev", "prev");
  for (const auto n : page.links) {
    if (n == 0)
      out += "<li><span class=\"so-gap\" aria-hidden=\"true\">…</span></li>";
    else if (n == page.page)
      out += "<li><span class=\"so-current\" aria-current=\"page\">" + std::to_string(n) + "</span></li>";
    else
      link(n, std::to_string(n), "", nullptr);
  }
  if (page.page < page.pages) link(page.page + 1, "Next ›", " so-next", "next");
  out += "</ul></nav>";
}

// Sorting without script: a GET form (the widget puts its own select in the same place).
void append_toolbar(std::string& out, const Page& page) {
  out +=
      "<form class=\"so-toolbar\" method=\"get\"><label for=\"so-ssr-sort\">Sort</label>"
      "<select id=\"so-ssr-sort\" name=\"sort\">";
  static constexpr std::pair<SortOrder, const char*> kSorts[] = {{SortOrder::oldest, "Oldest first"},
                                                                 {SortOrder::newest, "Newest first"},
                                                                 {SortOrder::top, "Top"},
                                                                 {SortOrder::best, "Best"},
                                                                 {SortOrder::controversial, "Controversial"},
                                                                 {SortOrder::active, "Recently active"}};
  for (const auto& [sort, label] : kSorts)
    out += "<option value=\"" + std::string(sort_name(sort)) + "\"" + (sort == page.sort ? " selected" : "") + ">" +
           label + "</option>";
  out += "</select><button type=\"submit\">Show</button></form>";
}

}  // namespace

std::string page_to_html(const ThreadView& view, const Page& page, const PageHtmlOptions& options) {
  const Thread& t = *view.thread;
  std::string out;
  out.reserve(256 + page.entries.size() * 600);
  out += "<div class=\"soundoff-ssr\" data-soundoff-ssr data-thread=\"" + esc(t.key) + "\" data-page=\"" +
         std::to_string(page.page) + "\" data-sort=\"" + std::string(sort_name(page.sort)) + "\">";
  out += "<section class=\"so\" aria-labelledby=\"so-ssr-heading\">";
  out += "<h2 id=\"so-ssr-heading\">" + esc(options.title) + " (" + std::to_string(page.total) +
         (page.total == 1 ? " Response" : " Responses") + ")</h2>";
  append_toolbar(out, page);
  append_items(out, t, page, options);
  append_pager(out, page, options);
  if (options.closed) out += "<p class=\"so-closed\">Comments are closed.</p>";
  out += "</section></div>";
  return out;
}

}  // namespace soundoff::server
