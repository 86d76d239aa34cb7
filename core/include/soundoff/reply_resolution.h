// Reply resolution: in a flat list of comments, infer which earlier comment
// each one answers, from how people write when nobody uses the reply button
// (`@Mary`, `saywhat: ...`, quoting, taking turns). docs/reply-resolution.md
// describes every signal, its weight and how it is measured.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "soundoff/comment.h"
#include "soundoff/document.h"
#include "soundoff/inferred_reply.h"
#include "soundoff/thread.h"

namespace soundoff {

// Tunables. The defaults were chosen on the Ubuntu IRC train/dev splits
// (docs/reply-resolution.md); a comment section uses the same ones.
struct ReplyOptions {
  // How far back (in comments) turn-taking and continuation may reach.
  std::uint32_t window = 20;
  // Turn-taking and continuation also need the earlier comment to be at most
  // this old (milliseconds); 0 disables the time limit.
  std::int64_t max_gap_ms = 0;
  // How many of an addressed author's latest comments are searched for the
  // one they said to the replier.
  std::uint32_t author_history = 3;
  // Quoted text is looked for in this many preceding comments.
  std::uint32_t quote_window = 64;
  // Authors that are bots answering `!commands` (an IRC channel's factoid
  // bot): their comments answer the latest comment holding a command.
  std::vector<std::string> bots;
  // How far back (in comments) a bot's command may be.
  std::uint32_t bot_window = 10;
  // Decide with the learned ranker (reply_model.inc), which weighs every
  // comment of the last 50 and the rules' own verdict as one of its
  // features; false: the rules alone, as documented.
  bool ranker = true;
  // With the ranker: also link the runner-up when its share of the softmax is
  // at least this (0 never). Tuned on IRC dev (docs/reply-resolution.md).
  float second_parent_share = 0.35f;
};

// Resolves every comment. Comments are read in (created, input position)
// order, so an answer is always an earlier comment. Comments with a parent
// keep it (explicit_parent) but still count as conversation for the others.
// Comments with an empty author are treated as system messages: never linked,
// never a target. O(n) for input already in time order (O(n log n) sort
// otherwise); never fails.
std::vector<InferredReply> resolve_replies(const std::vector<Comment>& comments, const ReplyOptions& options = {});

// resolve_replies, with `reply_options`, over the comments assembly can link
// (the same selection assemble_thread makes: published, in the thread
// `options` selects, the first of duplicate ids), aligned with `comments`;
// the others get an empty verdict. What AssembleOptions::replies expects.
std::vector<InferredReply> resolve_thread_replies(const std::vector<Comment>& comments, const AssembleOptions& options,
                                                  const ReplyOptions& reply_options = {});

// resolve_thread_replies over a parsed document, with the document's thread
// key as the thread of comments that name none (as assemble_document does).
std::vector<InferredReply> resolve_document_replies(const Document& document, AssembleOptions options,
                                                    const ReplyOptions& reply_options = {});

// The verdicts as JSON, for the CLI, the server and the widget:
// `{"thread", "replies": [{"id", "parent", "inferred_parent", "confidence",
// "evidence": [{"kind", "begin", "end", "text"}], "features": [{"name",
// "weight"}]}]}` in input order (plus "also_inferred_parent" when a second
// answer was inferred), where
// `parent` is the explicit parent (or null) and `inferred_parent` the id of
// the comment answered (or null). Confidence has three decimals. `errors`
// (the document's skipped records) are listed under "errors" as in page JSON.
std::string replies_to_json(std::string_view thread, const std::vector<Comment>& comments,
                            const std::vector<InferredReply>& replies, const std::vector<RecordError>& errors = {});

namespace detail {
// Training support for scripts/train-reply-ranker: a header line naming the
// features, then for every comment at position >= from that would be ranked
// one line "pos rule_parent|candidate f,f,...|..." (positions in time order,
// which is input order for IRC logs; the candidate equal to pos is "a new
// conversation"). The features are those the ranker scores.
std::string reply_feature_dump(const std::vector<Comment>& comments, const ReplyOptions& options, std::uint32_t from);

}  // namespace detail

}  // namespace soundoff
