// `soundoff thread`: a comment document in, one page of the thread out.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/input.h"
#include "soundoff/document.h"
#include "soundoff/page_json.h"
#include "soundoff/page_query.h"
#include "soundoff/pagination.h"
#include "soundoff/reply_resolution.h"
#include "soundoff/thread_views.h"

namespace soundoff::cli {

namespace {

constexpr const char* kUsage = R"(usage: soundoff thread [FILE|-] [options]

Reads a comment document (docs/comment-document.md) and prints one page of
the assembled thread as JSON (docs/page-format.md).

  --sort S          oldest (default), newest, top, best, controversial, active
  --page N          1-based page of top-level threads (default 1)
  --around ID       the page holding comment ID (a permalink)
  --after CURSOR    continue from a next_cursor or replies_cursor
  --per-page K      top-level threads per page, 1..1000 (default 50)
  --max-depth D     deepest reply depth shown; deeper replies are flattened (default 5, 0 = unlimited)
  --max-replies R   replies shown per comment before a "more" cursor (default 0 = all)
  --replies ORDER   oldest (default) or newest first
                    (these page flags follow the rules of the server's query parameters, which
                    errors name in snake_case: per_page, max_depth, ...; docs/page-format.md)
  --thread KEY      assemble only comments of this thread (documents holding several)
  --inferred MODE   replies inferred from "@name" and the like (docs/reply-resolution.md):
                    off (default), display (stay flat; items carry "inferred_reply"),
                    nest[:T] (also nest those with confidence >= T, default 0.7)

Exit status: 0 ok, 2 invalid input or arguments (message on stderr), 1 internal error.
)";

// Flags that are page options, and the option each one is (snake_case in
// core, kebab-case on the command line).
constexpr std::pair<std::string_view, std::string_view> kPageFlags[] = {
    {"sort", "sort"},         {"page", "page"},           {"around", "around"},           {"after", "after"},
    {"per-page", "per_page"}, {"max-depth", "max_depth"}, {"max-replies", "max_replies"}, {"replies", "replies"},
};

// The page flags given, read by core's page-request rules (soundoff/page_query.h).
Result<PageQuery> query_from(const Args& args) {
  std::vector<PageOption> options;
  for (const auto& [flag, name] : kPageFlags) {
    const auto it = args.options.find(flag);
    if (it != args.options.end()) options.push_back({name, it->second});
  }
  return parse_page_query_options(options);
}

// "off", "display", "nest" or "nest:0.75".
Result<std::pair<InferredReplies, float>> parse_inferred(const std::string& text) {
  const float fallback = AssembleOptions{}.nest_threshold;
  if (text == "off") return std::pair{InferredReplies::off, fallback};
  if (text == "display") return std::pair{InferredReplies::display, fallback};
  if (text == "nest") return std::pair{InferredReplies::nest, fallback};
  if (text.rfind("nest:", 0) == 0) {
    char* end = nullptr;
    const float threshold = std::strtof(text.c_str() + 5, &end);
    if (end != text.c_str() + 5 && *end == '\0' && threshold >= 0.0f && threshold <= 1.0f)
      return std::pair{InferredReplies::nest, threshold};
  }
  return Error{"usage", "--inferred must be off, display, nest or nest:T with T in [0, 1], not \"" + text + "\""};
}

}  // namespace

int run_thread(int argc, char** argv) {
  auto args = parse_args(
      argc, argv, 2,
      {"sort", "page", "around", "after", "per-page", "max-depth", "max-replies", "replies", "thread", "inferred"},
      {"help"});
  if (!args) {
    std::cerr << "soundoff thread: " << args.error().message << "\n" << kUsage;
    return kExitInvalidInput;
  }
  if (args->has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (args->positionals.size() > 1) {
    std::cerr << "soundoff thread: give one input file\n" << kUsage;
    return kExitInvalidInput;
  }
  const auto query = query_from(*args);
  if (!query) {
    std::cerr << "soundoff thread: " << query.error().message << "\n";
    return kExitInvalidInput;
  }
  const DocumentLimits limits;
  auto text = read_input(args->positionals.empty() ? "-" : args->positionals[0], limits.max_bytes);
  if (!text) {
    std::cerr << "soundoff thread: " << text.error().message << "\n";
    return kExitInvalidInput;
  }
  auto document = parse_document(*text, limits);
  if (!document) {
    std::cerr << "soundoff thread: " << document.error().message << "\n";
    return kExitInvalidInput;
  }
  const auto inferred = parse_inferred(args->get("inferred", "off"));
  if (!inferred) {
    std::cerr << "soundoff thread: " << inferred.error().message << "\n";
    return kExitInvalidInput;
  }
  AssembleOptions options;
  options.inferred = inferred->first;
  options.nest_threshold = inferred->second;
  if (args->has("thread")) {
    options.filter_thread = true;
    options.thread = args->get("thread");
  }
  std::vector<InferredReply> replies;
  if (options.inferred != InferredReplies::off) {
    replies = resolve_document_replies(*document, options);
    options.replies = &replies;
  }
  const auto views = assemble_document(std::move(*document), options);
  const ThreadView& view = views->view(query->sort);
  const auto page = build_page(view, query->request);
  if (!page) {
    std::cerr << "soundoff thread: " << page.error().message << "\n";
    return kExitInvalidInput;
  }
  std::cout << page_to_json(view, *page, views->record_errors()) << "\n";
  return kExitOk;
}

}  // namespace soundoff::cli
