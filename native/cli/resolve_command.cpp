// `soundoff resolve`: infer who each flat comment answers (reply resolution),
// for comment documents (JSON out) or raw IRC logs (the corpus's link format).
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/input.h"
#include "soundoff/document.h"
#include "soundoff/irc_log.h"
#include "soundoff/reply_resolution.h"

namespace soundoff::cli {

namespace {

constexpr const char* kUsage = R"(usage: soundoff resolve [FILE|-] [options]

Infers, for every comment without a parent, which earlier comment it answers
(docs/reply-resolution.md).

  --format F   document (default): a comment document in, JSON out:
                 {"thread", "replies": [{"id", "parent", "inferred_parent",
                 "confidence", "evidence": [...]}], "errors"}
               irc: a raw IRC log ("[HH:MM] <nick> text" lines) in, one line
                 "P N -" per line N out, P the line N answers, or "N N -" when
                 N starts a conversation or is a system line (and a second
                 line "Q N -" when N also answers Q)
  --from N     irc: print lines N and later only (default 0)
  --explain    irc: append the rule that decided and its confidence to each
               line ("P N - address 0.650"; "new" when nothing linked)
  --rules      decide by the rules alone, without the learned ranker
  --dump-features
               irc: print the ranker's candidates and their features for
               lines >= from instead (scripts/train-reply-ranker reads it)
  --window N, --author-history N, --max-gap-minutes M
               tunables of the same names in ReplyOptions (reply_resolution.h)
  --bots LIST  comma-separated nicks of bots that answer "!commands"
               (irc default: ubottu,ubotu,ubot2,ubot3, the #ubuntu bots)

Unreadable IRC lines are reported on stderr ("line K: why") and count as
system lines. Exit status: 0 ok, 2 invalid input or arguments, 1 internal error.
)";

std::vector<std::string> split_list(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const auto comma = std::min(list.find(',', start), list.size());
    if (comma > start) out.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

int resolve_irc(const std::string& text, std::uint32_t from, const ReplyOptions& options, bool explain, bool dump) {
  const IrcLog log = parse_irc_log(text);
  for (const auto& e : log.errors) std::cerr << "soundoff resolve: " << e.message << "\n";
  if (dump) {
    std::cout << detail::reply_feature_dump(log.comments, options, from);
    return kExitOk;
  }
  const auto replies = resolve_replies(log.comments, options);
  std::string out;
  for (std::uint32_t i = from; i < replies.size(); ++i) {
    const auto p = replies[i].parent == InferredReply::kNone ? i : replies[i].parent;
    out += std::to_string(p);
    out += ' ';
    out += std::to_string(i);
    out += " -";
    if (explain) {
      const auto& r = replies[i];
      out += ' ';
      out += log.comments[i].author.empty() ? "system"
             : r.evidence.empty()           ? (r.parent == InferredReply::kNone ? "new" : "?")
                                            : std::string(evidence_kind_name(r.evidence.front().kind));
      char confidence[16];
      std::snprintf(confidence, sizeof confidence, " %.3f", static_cast<double>(r.confidence));
      out += confidence;
      for (const auto& f : r.features) {
        char weight[24];
        std::snprintf(weight, sizeof weight, "%+.2f", static_cast<double>(f.weight));
        out += ' ';
        out += f.name;
        out += weight;
      }
      if (!r.evidence.empty() && !r.evidence.front().text.empty()) {
        out += " \"";
        out += r.evidence.front().text;
        out += '"';
      }
    }
    out += '\n';
    if (replies[i].second_parent != InferredReply::kNone) {
      out += std::to_string(replies[i].second_parent);
      out += ' ';
      out += std::to_string(i);
      out += explain ? " - second\n" : " -\n";
    }
  }
  std::cout << out;
  return kExitOk;
}

}  // namespace

int run_resolve(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {"format", "from", "bots", "window", "author-history", "max-gap-minutes"},
                         {"help", "explain", "rules", "dump-features"});
  if (!args) {
    std::cerr << "soundoff resolve: " << args.error().message << "\n" << kUsage;
    return kExitInvalidInput;
  }
  if (args->has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (args->positionals.size() > 1) {
    std::cerr << "soundoff resolve: give one input file\n" << kUsage;
    return kExitInvalidInput;
  }
  const auto format = args->get("format", "document");
  if (format != "document" && format != "irc") {
    std::cerr << "soundoff resolve: unknown --format \"" << format << "\"; use document or irc\n";
    return kExitInvalidInput;
  }
  std::uint32_t from = 0;
  if (args->has("from")) {
    if (format != "irc") {
      std::cerr << "soundoff resolve: --from applies to --format irc only\n";
      return kExitInvalidInput;
    }
    auto v = parse_uint("from", args->get("from"));
    if (!v) {
      std::cerr << "soundoff resolve: " << v.error().message << "\n";
      return kExitInvalidInput;
    }
    from = *v;
  }
  const DocumentLimits limits;
  auto text = read_input(args->positionals.empty() ? "-" : args->positionals[0], limits.max_bytes);
  if (!text) {
    std::cerr << "soundoff resolve: " << text.error().message << "\n";
    return kExitInvalidInput;
  }
  ReplyOptions options;
  if (args->has("bots")) {
    options.bots = split_list(args->get("bots"));
  } else if (format == "irc") {
    options.bots = ubuntu_irc_bots();
  }
  for (const auto* name : {"window", "author-history", "max-gap-minutes"}) {
    if (!args->has(name)) continue;
    auto v = parse_uint(name, args->get(name));
    if (!v) {
      std::cerr << "soundoff resolve: " << v.error().message << "\n";
      return kExitInvalidInput;
    }
    const std::string_view option = name;
    if (option == "window") options.window = *v;
    if (option == "author-history") options.author_history = *v;
    if (option == "max-gap-minutes") options.max_gap_ms = static_cast<std::int64_t>(*v) * 60'000;
  }
  options.ranker = !args->has("rules");
  if (args->has("dump-features") && format != "irc") {
    std::cerr << "soundoff resolve: --dump-features applies to --format irc only\n";
    return kExitInvalidInput;
  }
  if (format == "irc") return resolve_irc(*text, from, options, args->has("explain"), args->has("dump-features"));

  auto document = parse_document(*text, limits);
  if (!document) {
    std::cerr << "soundoff resolve: " << document.error().message << "\n";
    return kExitInvalidInput;
  }
  const auto replies = resolve_replies(document->comments, options);
  std::cout << replies_to_json(document->thread, document->comments, replies, document->errors) << "\n";
  return kExitOk;
}

}  // namespace soundoff::cli
