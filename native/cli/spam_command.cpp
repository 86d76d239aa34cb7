// `soundoff spam`: spam verdicts for a comment document or a labelled CSV,
// and training the token filter (docs/spam-policy.md).
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <unordered_map>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/input.h"
#include "soundoff/csv.h"
#include "soundoff/document.h"
#include "soundoff/site_model.h"
#include "soundoff/spam.h"
#include "soundoff/time.h"
#include "soundoff/token_filter.h"

namespace soundoff::cli {

namespace {

constexpr const char* kUsage = R"(usage: soundoff spam [FILE|-] [options]
       soundoff spam --format youtube-csv FILE.csv... [options]
       soundoff spam --format youtube-csv --train MODEL.json FILE.csv...
       soundoff spam --format youtube-csv --learn-site SITE.json FILE.csv...
       soundoff spam train|export-model|import-model --db DB   (soundoff spam train --help)
       soundoff spam check ...   (the same as soundoff spam ...)

Checks every comment of a comment document (docs/comment-document.md) in the
context of the ones posted before it and prints the verdicts as JSON; or
checks a YouTube Spam Collection CSV (COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS)
and prints CSV COMMENT_ID,CLASS,SCORE in input order (CLASS 1 = hold or
reject); or trains a token filter model from such files' CLASS column.

  --format F      document (default) or youtube-csv
  --policy FILE   policy JSON (docs/spam-policy.md); the defaults otherwise
  --model M       token filter: a model JSON file, "default" (shipped) or "none"
  --train OUT     learn a model from the files and write it to OUT
  --prune N       with --train: forget tokens seen fewer than N times (default 1)
  --prune-pairs N with --train: the same for word pairs (default: as --prune)
  --site-model F  check with this site model too (`soundoff spam export-model`; docs/spam.md)
  --min-examples N with --site-model: the examples of each class it needs to count (default 20)
  --learn-site OUT learn a site model from the files' CLASS column, in file order, and write it to OUT

Exit status: 0 ok, 2 invalid input or arguments (message on stderr), 1 internal error.
)";

constexpr std::size_t kMaxInputBytes = 256u << 20;
// How many earlier comments of a thread each check sees (a server would pass
// its recent window; this keeps the CLI linear on big files).
constexpr std::size_t kThreadWindow = 500;

int fail(const std::string& message) {
  std::cerr << "soundoff spam: " << message << "\n";
  return kExitInvalidInput;
}

struct Setup {
  SpamPolicy policy;
  std::optional<TokenFilter> model;  // empty: the shipped one
  std::optional<SiteModel> site_model;
};

std::optional<std::string> load_setup(const Args& args, Setup& setup) {
  if (args.has("policy")) {
    auto text = read_input(args.get("policy"), 1u << 20);
    if (!text) return text.error().message;
    auto policy = parse_spam_policy(*text);
    if (!policy) return args.get("policy") + ": " + policy.error().message;
    setup.policy = std::move(*policy);
  }
  const std::string model = args.get("model", "default");
  if (model == "none") {
    setup.policy.weights[static_cast<std::size_t>(
        std::find(spam_reason_codes().begin(), spam_reason_codes().end(), "content_model") -
        spam_reason_codes().begin())] = 0;
  } else if (model != "default") {
    auto text = read_input(model, kMaxInputBytes);
    if (!text) return text.error().message;
    auto parsed = TokenFilter::from_json(*text);
    if (!parsed) return model + ": " + parsed.error().message;
    setup.model = std::move(*parsed);
  }
  if (args.has("site-model")) {
    auto text = read_input(args.get("site-model"), kMaxInputBytes);
    if (!text) return text.error().message;
    auto parsed = SiteModel::from_json(*text);
    if (!parsed) return args.get("site-model") + ": " + parsed.error().message;
    setup.site_model = std::move(*parsed);
    if (args.has("min-examples")) {
      auto n = parse_uint("min-examples", args.get("min-examples"));
      if (!n) return n.error().message;
      setup.site_model->set_min_examples(*n);
    }
  }
  return std::nullopt;
}

struct LabelledComment {
  Comment comment;
  int label = -1;  // CLASS column: 1 spam, 0 ham, -1 absent
};

Result<std::vector<LabelledComment>> read_youtube_csv(const std::string& path, bool need_label) {
  auto text = read_input(path, kMaxInputBytes);
  if (!text) return text.error();
  auto table = parse_csv(*text);
  if (!table) return Error{table.error().code, path + ": " + table.error().message};
  const std::size_t id = table->column("COMMENT_ID"), author = table->column("AUTHOR"), date = table->column("DATE"),
                    content = table->column("CONTENT"), label = table->column("CLASS");
  const std::size_t width = table->header.size();
  if (id == width || content == width)
    return Error{"invalid_csv", path + ": the header needs COMMENT_ID and CONTENT columns"};
  if (need_label && label == width) return Error{"invalid_csv", path + ": training needs a CLASS column"};
  std::vector<LabelledComment> out;
  out.reserve(table->rows.size());
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    const auto& row = table->rows[r];
    const std::string where =
        path + ": row " + std::to_string(r + 1) + " (line " + std::to_string(table->row_lines[r]) + ")";
    LabelledComment c;
    c.comment.id = row[id];
    if (c.comment.id.empty()) return Error{"invalid_csv", where + ": COMMENT_ID is empty"};
    c.comment.body = row[content];
    if (author != width) c.comment.author = row[author];
    if (date != width && !row[date].empty()) {
      // A date is context, not the comment: without one the comment is still
      // checked, only time-based checks (flood, duplicate window) lose it.
      if (const auto ms = parse_iso8601_ms(row[date]))
        c.comment.created_ms = *ms;
      else
        std::cerr << "soundoff spam: " << where << ": DATE \"" << row[date] << "\" is not an ISO-8601 time; ignored\n";
    }
    if (label != width) {
      if (row[label] != "0" && row[label] != "1") {
        if (need_label) return Error{"invalid_csv", where + ": CLASS must be 0 or 1, not \"" + row[label] + "\""};
      } else {
        c.label = row[label] == "1" ? 1 : 0;
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

// Checks each comment against the thread's earlier ones (by time, then input
// order); returns the checks in input order. With `history_from_thread`, an
// author's approved count is their published comments checked before.
std::vector<SpamCheck> check_in_order(const std::vector<const Comment*>& comments, const Setup& setup,
                                      bool history_from_thread) {
  std::vector<std::size_t> order(comments.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return comments[a]->created_ms < comments[b]->created_ms; });
  std::vector<PriorComment> earlier;
  earlier.reserve(comments.size());
  std::vector<SpamCheck> checks(comments.size());
  std::unordered_map<std::string_view, std::uint32_t> approved;  // published comments so far, per author
  for (const std::size_t i : order) {
    const Comment& c = *comments[i];
    SpamContext context;
    const std::size_t from = earlier.size() > kThreadWindow ? earlier.size() - kThreadWindow : 0;
    context.thread = std::span<const PriorComment>(earlier).subspan(from);
    if (setup.model) context.model = &*setup.model;
    if (setup.site_model) context.site_model = &*setup.site_model;
    if (history_from_thread) {
      const auto it = approved.find(c.author);
      context.author_approved = it == approved.end() ? 0u : it->second;
    }
    checks[i] = check_spam(c, context, setup.policy);
    earlier.push_back(prior_comment(c));
    if (history_from_thread && c.visible() && !c.author.empty()) ++approved[c.author];
  }
  return checks;
}

int run_youtube(const Args& args, const Setup& setup) {
  const bool learning_site = args.has("learn-site");
  const bool training = args.has("train") || learning_site;
  std::uint32_t prune = 1;
  if (args.has("prune")) {
    auto v = parse_uint("prune", args.get("prune"));
    if (!v) return fail(v.error().message);
    prune = *v;
  }
  std::uint32_t prune_pairs = prune;
  if (args.has("prune-pairs")) {
    auto v = parse_uint("prune-pairs", args.get("prune-pairs"));
    if (!v) return fail(v.error().message);
    prune_pairs = *v;
  }
  if (args.positionals.empty()) return fail("give at least one CSV file");
  TokenFilter trained;
  SiteModel site;
  std::string out = training ? "" : "COMMENT_ID,CLASS,SCORE\n";
  for (const auto& path : args.positionals) {
    auto rows = read_youtube_csv(path, training);
    if (!rows) return fail(rows.error().message);
    if (training) {
      for (const auto& r : *rows)
        learning_site ? site.learn(r.comment.body, r.label == 1) : trained.train(r.comment.body, r.label == 1);
      continue;
    }
    std::vector<const Comment*> comments;
    for (const auto& r : *rows) comments.push_back(&r.comment);
    const auto checks = check_in_order(comments, setup, false);
    for (std::size_t i = 0; i < comments.size(); ++i) {
      append_csv_field(out, comments[i]->id);
      char buffer[48];
      std::snprintf(buffer, sizeof buffer, ",%d,%.4f\n", checks[i].verdict == Verdict::accept ? 0 : 1, checks[i].score);
      out += buffer;
    }
  }
  if (learning_site) {
    std::ofstream file(args.get("learn-site"), std::ios::binary);
    file << site.to_json();
    if (!file) return fail("cannot write " + args.get("learn-site"));
    std::cerr << "soundoff spam: the site model learnt " << site.spam_examples() << " spam and " << site.ham_examples()
              << " legitimate comments; " << site.feature_count() << " buckets\n";
    return kExitOk;
  }
  if (training) {
    trained.prune(prune, prune_pairs);
    std::ofstream file(args.get("train"), std::ios::binary);
    file << trained.to_json();
    if (!file) return fail("cannot write " + args.get("train"));
    std::cerr << "soundoff spam: trained on " << trained.spam_messages() << " spam and " << trained.ham_messages()
              << " legitimate comments; " << trained.token_count() << " tokens\n";
    return kExitOk;
  }
  std::cout << out;
  return kExitOk;
}

int run_document(const Args& args, const Setup& setup) {
  if (args.positionals.size() > 1) return fail("give one input file");
  const DocumentLimits limits;
  auto text = read_input(args.positionals.empty() ? "-" : args.positionals[0], limits.max_bytes);
  if (!text) return fail(text.error().message);
  auto document = parse_document(*text, limits);
  if (!document) return fail(document.error().message);
  std::vector<const Comment*> comments;
  for (const auto& c : document->comments) comments.push_back(&c);
  const auto checks = check_in_order(comments, setup, true);
  std::string out = "{\"verdicts\":[";
  for (std::size_t i = 0; i < comments.size(); ++i) {
    if (i) out += ",";
    out += spam_check_to_json(checks[i], comments[i]->id);
  }
  out += "]}";
  // Records the document parser left out are not checked; say so.
  for (const auto& e : document->errors) std::cerr << "soundoff spam: skipped: " << e.message << "\n";
  std::cout << out << "\n";
  return kExitOk;
}

}  // namespace

int run_spam(int argc, char** argv) {
  auto args = parse_args(
      argc, argv, 2,
      {"format", "policy", "model", "train", "prune", "prune-pairs", "site-model", "min-examples", "learn-site"},
      {"help"});
  if (!args) {
    std::cerr << "soundoff spam: " << args.error().message << "\n" << kUsage;
    return kExitInvalidInput;
  }
  if (args->has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  const std::string format = args->get("format", "document");
  if (format != "document" && format != "youtube-csv")
    return fail("unknown --format \"" + format + "\"; use document or youtube-csv");
  if ((args->has("train") || args->has("prune") || args->has("prune-pairs")) && format != "youtube-csv")
    return fail("--train needs --format youtube-csv");
  if (args->has("learn-site") && (format != "youtube-csv" || args->has("train")))
    return fail("--learn-site needs --format youtube-csv (and no --train)");
  if (args->has("min-examples") && !args->has("site-model")) return fail("--min-examples needs --site-model");
  Setup setup;
  if (auto error = load_setup(*args, setup)) return fail(*error);
  return format == "youtube-csv" ? run_youtube(*args, setup) : run_document(*args, setup);
}

}  // namespace soundoff::cli
