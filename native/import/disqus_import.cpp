// Disqus XML exports: <thread dsq:id> elements name the pages, <post dsq:id>
// elements are the comments, pointing at their thread and parent by dsq:id.
#include <unordered_map>

#include "import/html_text.h"
#include "import/importers.h"
#include "import/xml_source.h"
#include "soundoff/time.h"

namespace soundoff::import {

namespace {

using namespace detail;

struct DisqusThread {
  std::string key, title, url;
};

// Disqus writes "true"/"false"; absent means false.
bool read_flag(pugi::xml_node post, const char* name, bool& value, const std::string& record, ImportResult& result) {
  const auto node = child(post, name);
  if (!node) return true;
  const auto text = trimmed_text_of(node);
  if (text == "true" || text == "false" || text.empty()) {
    value = text == "true";
    return true;
  }
  result.add(IssueKind::rejected, record, name, "invalid_flag",
             std::string("field '") + name + "' is \"" + text.substr(0, 32) + "\"; expected true or false");
  return false;
}

// The thread key: the page's disqus_identifier (<id>) when the site set one,
// else its URL (<link>), else a key made from the Disqus thread id.
std::string thread_key(pugi::xml_node thread, const std::string& dsq_id) {
  if (auto id = trimmed_text_of(child(thread, "id")); !id.empty()) return id;
  if (auto link = trimmed_text_of(child(thread, "link")); !link.empty()) return link;
  return "disqus-thread-" + dsq_id;
}

}  // namespace

Result<ImportResult> import_disqus(std::string_view xml, const ImportOptions& options) {
  ImportResult result;
  XmlSource source;
  if (auto loaded = XmlSource::load(source, xml, "disqus", "a Disqus export", options, result); !loaded)
    return loaded.error();
  const auto root = source.root();

  std::unordered_map<std::string, DisqusThread> threads;
  std::size_t thread_number = 0;
  for (auto node = root.first_child(); node; node = node.next_sibling()) {
    if (node.type() != pugi::node_element || local_name(node.name()) != "thread") continue;
    ++thread_number;
    const std::string record = source.locate("thread #" + std::to_string(thread_number), node);
    const std::string dsq_id = trim(attribute(node, "id").value());
    if (dsq_id.empty()) {
      result.add(IssueKind::rejected, record, "dsq:id", "missing_field",
                 "attribute 'dsq:id' is missing, so no post can refer to this thread");
      continue;
    }
    DisqusThread t{thread_key(node, dsq_id), decode_entities(trimmed_text_of(child(node, "title"))),
                   trimmed_text_of(child(node, "link"))};
    if (!check_thread_fields({{"id", &t.key}, {"title", &t.title}, {"link", &t.url}}, options.limits,
                             record + " (dsq:id \"" + dsq_id + "\")", result))
      continue;
    if (!threads.emplace(dsq_id, std::move(t)).second)
      result.add(IssueKind::rejected, record + " (dsq:id \"" + dsq_id + "\")", "dsq:id", "duplicate_id",
                 "thread dsq:id \"" + dsq_id + "\" is already defined; the first one is kept");
  }

  ThreadCollector collector;
  std::size_t post_number = 0;
  for (auto node = root.first_child(); node; node = node.next_sibling()) {
    if (node.type() != pugi::node_element || local_name(node.name()) != "post") continue;
    ++post_number;
    Comment c;
    c.id = trim(attribute(node, "id").value());
    std::string record = source.locate("post #" + std::to_string(post_number), node);
    if (!c.id.empty()) record += " (dsq:id \"" + c.id.substr(0, 64) + "\")";
    if (c.id.empty()) {
      result.add(IssueKind::rejected, record, "dsq:id", "missing_field",
                 "attribute 'dsq:id' is missing, so replies and permalinks cannot refer to this post");
      continue;
    }
    // Check every field before deciding, so one pass reports all of a post's problems.
    bool ok = true;
    const std::string thread_id = trim(attribute(child(node, "thread"), "id").value());
    if (thread_id.empty()) {
      result.add(IssueKind::rejected, record, "thread", "missing_field",
                 "element 'thread' with a dsq:id is missing, so the post belongs to no page");
      ok = false;
    }
    c.parent = trim(attribute(child(node, "parent"), "id").value());
    const auto created = trimmed_text_of(child(node, "createdAt"));
    if (const auto ms = parse_iso8601_ms(created)) {
      c.created_ms = *ms;
    } else {
      result.add(IssueKind::rejected, record, "createdAt", created.empty() ? "missing_field" : "invalid_time",
                 created.empty() ? "field 'createdAt' is missing"
                                 : "field 'createdAt' is not an ISO-8601 time: \"" + created.substr(0, 64) + "\"");
      ok = false;
    }
    bool spam = false, deleted = false;
    ok &= read_flag(node, "isSpam", spam, record, result);
    ok &= read_flag(node, "isDeleted", deleted, record, result);
    if (!ok) continue;
    // A deleted spam post is still spam: the verdict is the more useful fact.
    c.status = spam ? Status::spam : deleted ? Status::deleted : Status::published;
    const auto author = child(node, "author");
    c.author = trimmed_text_of(child(author, "name"));
    if (c.author.empty()) c.author = trimmed_text_of(child(author, "username"));
    c.body = html_to_text(text_of(child(node, "message")));
    c.external_id = c.id;
    if (!check_comment(c, {"dsq:id", "parent", "author", "message"}, options.limits, record, result)) continue;

    auto found = threads.find(thread_id);
    if (found == threads.end()) {
      // Disqus exports do contain posts of threads they no longer list; keep them apart rather than drop them.
      DisqusThread lost{"disqus-thread-" + thread_id, {}, {}};
      if (auto problem = text_problem(lost.key, options.limits.max_field_bytes)) {
        result.add(IssueKind::rejected, record, "thread", "invalid_field", "thread dsq:id " + *problem);
        continue;
      }
      result.add(IssueKind::adjusted, record, "thread", "unknown_thread",
                 "thread dsq:id \"" + thread_id + "\" is not in the export; kept in thread \"" + lost.key + "\"");
      found = threads.emplace(thread_id, std::move(lost)).first;
    }
    const auto& t = found->second;
    collector.thread(t.key, t.title, t.url);
    collector.add(t.key, std::move(c), record, result);
  }
  collector.finish(result);
  return finish_import(std::move(result), options);
}

}  // namespace soundoff::import
