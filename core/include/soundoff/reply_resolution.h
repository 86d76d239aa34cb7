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

namespace soundoff {

// Why a link was inferred.
enum class EvidenceKind : std::uint8_t {
  mention,       // the name appears in the body (`@Mary`, `blockage@Mary`, a bare name)
  address,       // the body is addressed to the name (`Mary: ...`, `Mary, ...` at the start)
  quote,         // the body quotes text of the earlier comment
  turn_taking,   // the earlier comment addressed or answered this author, who now answers
  continuation,  // the author continues their own earlier point
  command,       // a bot (ReplyOptions::bots) answers the `!command` of the earlier comment
};

// Stable lowercase name ("mention", "turn_taking", ...).
std::string_view evidence_kind_name(EvidenceKind kind);

// One piece of evidence. `begin`/`end` are byte offsets into the replying
// comment's body and `text` is that span (the name, the quoted text); both are
// empty for turn_taking, continuation and command, which are about order.
struct ReplyEvidence {
  EvidenceKind kind = EvidenceKind::mention;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::string text;
};

// A feature of the learned ranker that spoke for the chosen answer, and how
// much it added to the answer's score (docs/reply-resolution.md lists them).
struct RankedFeature {
  std::string_view name;  // static storage ("names_target_at_start")
  float weight = 0.0f;
};

// The verdict for one comment, aligned with the input (reply i is comment i).
struct InferredReply {
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  // Index (into the input) of the comment this one answers; kNone when it
  // starts a new conversation, has an explicit parent, has no author (a
  // system message) or addresses someone who has not written yet.
  std::uint32_t parent = kNone;
  // A second comment this one also answers (the ranker's close runner-up,
  // ReplyOptions::second_parent_share), or kNone.
  std::uint32_t second_parent = kNone;
  bool explicit_parent = false;  // the comment already had a parent: left alone
  // How sure the resolver is of `parent`; with kNone, of "answers nobody
  // here". In [0, 1]; 0 for explicit parents and system messages.
  float confidence = 0.0f;
  std::vector<ReplyEvidence> evidence;  // strongest first
  // The ranker's top contributing features (at most 3, largest first); empty
  // when ReplyOptions::ranker is off, for explicit parents and system messages.
  std::vector<RankedFeature> features;
};

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

// resolve_replies over the comments a thread shows (published, in the thread
// AssembleOptions selects, the first of duplicate ids), aligned with
// `comments`; the others get an empty verdict. What AssembleOptions::replies
// expects.
struct AssembleOptions;  // thread.h
std::vector<InferredReply> resolve_thread_replies(const std::vector<Comment>& comments,
                                                  const AssembleOptions& options);

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

// The key names are compared by: lowercase ASCII letters and digits and
// non-ASCII letters, without spaces, punctuation or symbols (so `banasy©`,
// `Banasy` and `banasy_` share the key "banasy", `Rascal Rabble` is
// "rascalrabble"). Exposed for tests.
std::string name_key(std::string_view name);
}  // namespace detail

}  // namespace soundoff
