// Spam heuristics: an explainable verdict for one new comment, from its text,
// the thread and author around it, and a site's policy (docs/spam-policy.md).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "soundoff/comment.h"
#include "soundoff/result.h"
#include "soundoff/site_model.h"
#include "soundoff/token_filter.h"

namespace soundoff {

enum class Verdict : std::uint8_t { accept, hold, reject };

// Stable lowercase name: "accept", "hold", "reject".
std::string_view verdict_name(Verdict verdict);

// Why a comment looks like spam. `code` is stable (every code is listed by
// spam_reason_codes() and documented); UIs translate by code and may show
// `message`, an English sentence for moderators, as a fallback.
struct SpamReason {
  std::string_view code;
  std::string message;
  double weight = 0;  // this reason's share of the score, in [0, 1]
};

struct SpamCheck {
  Verdict verdict = Verdict::accept;
  double score = 0;                 // in [0, 1]: 1 - Π(1 - weight) over the reasons
  std::vector<SpamReason> reasons;  // strongest first
};

// Every reason code check_spam() can return.
std::span<const std::string_view> spam_reason_codes();

// What duplicate checks need to remember of a body: compute it once when a
// comment is stored, so that checking a new comment against a thread's recent
// comments costs a few comparisons each, not a re-analysis.
struct SpamFingerprint {
  static constexpr std::size_t kSketchSize = 64;
  std::uint64_t exact = 0;                          // hash of the folded words (case, accents, markup and URLs ignored)
  std::uint32_t chars = 0;                          // length of the folded words joined by spaces
  std::array<std::uint32_t, kSketchSize> sketch{};  // one-permutation MinHash of 4-character shingles
};

SpamFingerprint spam_fingerprint(std::string_view body);

// Estimated Jaccard similarity of two bodies' shingle sets, in [0, 1].
double fingerprint_similarity(const SpamFingerprint& a, const SpamFingerprint& b);

// An earlier comment, as the checks see it. Views must outlive the check.
struct PriorComment {
  std::string_view author;   // author key (name or account); compared ignoring ASCII case
  std::string_view ip_hash;  // hashed IP prefix; empty when unknown
  std::int64_t created_ms = 0;
  SpamFingerprint fingerprint;
};

// Convenience for callers holding Comments (computes the fingerprint). The
// result views `comment.author`: the comment must outlive it.
PriorComment prior_comment(const Comment& comment, std::string_view ip_hash = {});
PriorComment prior_comment(Comment&& comment, std::string_view ip_hash = {}) = delete;  // would dangle

// Everything around the new comment. All of it is optional; checks whose
// facts are missing do not fire. Nothing is copied.
struct SpamContext {
  std::span<const PriorComment> thread;          // the thread's recent comments, any order
  std::span<const PriorComment> author_recent;   // the author's or IP's recent comments site-wide
  std::optional<std::uint32_t> author_approved;  // approved comments by this author; nullopt: unknown
  std::string_view ip_hash;                      // hashed IP prefix of this request
  std::string_view user_agent;
  bool has_request = false;               // ip_hash/user_agent come from a live request
  const TokenFilter* model = nullptr;     // nullptr: default_token_filter()
  const SiteModel* site_model = nullptr;  // the site's learnt model (site_model reason); nullptr: none
};

// A word list matched as whole words after normalisation (case, accents,
// invisible characters, homoglyphs, leetspeak, words split by punctuation or
// markup). Entries with spaces are phrases.
class WordList {
 public:
  WordList() = default;
  explicit WordList(std::vector<std::string> entries);
  const std::vector<std::string>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }
  // The entry found in `body`, or an empty view.
  std::string_view find(std::string_view body) const;

 private:
  friend struct detail::SpamInternals;  // check_spam's access to the overload below
  // The same for an already analysed body, which check_spam shares between its checks.
  std::string_view find(const detail::TextAnalysis& text) const;
  std::string_view lookup(const std::string& skeleton, bool long_run) const;

  std::vector<std::string> entries_;
  std::unordered_map<std::string, std::size_t> skeletons_;                 // leet skeleton of one-word entries -> entry
  std::unordered_map<std::string, std::size_t> collapsed_;                 // the same with repeated letters collapsed
  std::vector<std::pair<std::vector<std::string>, std::size_t>> phrases_;  // skeleton words -> entry
};

// Reason codes in spam_reason_codes() order; SpamPolicy::weights is indexed by it.
inline constexpr std::size_t kSpamReasonCount = 30;

// A site's rules. Defaults are the documented ones; parse_spam_policy fills
// in only what the JSON names.
struct SpamPolicy {
  double hold_score = 0.5;            // score at or above which a comment is held
  double reject_score = 0.99;         // ... and rejected
  std::uint32_t link_hold_at = 2;     // links that hold a comment (WordPress comment_max_links); 0: off
  bool first_time_link_hold = true;   // hold links from authors with no approved comment
  WordList moderation_words;          // hold
  WordList banned_words;              // reject
  double flood_interval_s = 15;       // one comment per interval per author/IP...
  std::uint32_t flood_burst = 5;      // ...after a burst of this many
  double duplicate_window_s = 86400;  // same author/IP repeating itself within this
  double near_duplicate_similarity = 0.3;
  std::uint32_t near_duplicate_min_chars = 20;  // shorter bodies are compared exactly only
  std::uint32_t thread_repeat_min_chars = 20;   // same text by others in the thread
  std::uint32_t max_chars = 5000;
  // Weight of each reason code (0 switches the check off); content_model's is
  // the most the token filter can add. Defaults in docs/spam-policy.md.
  std::array<double, kSpamReasonCount> weights = default_weights();

  static std::array<double, kSpamReasonCount> default_weights();
};

// Parses the policy JSON (docs/spam-policy.md). Never throws. Unknown
// fields and wrong types are errors (code invalid_policy) naming the field,
// so a typo cannot silently disable a rule.
Result<SpamPolicy> parse_spam_policy(std::string_view json_text);

// The policy as the JSON parse_spam_policy reads, every field written:
// parse_spam_policy(spam_policy_to_json(p)) gives p back. What a server
// publishes for clients' pre-checks (without its word lists).
std::string spam_policy_to_json(const SpamPolicy& policy);

// Checks one new comment (its author, body and created_ms are used) against
// its context under `policy`. Never fails: missing facts only switch checks off.
SpamCheck check_spam(const Comment& comment, const SpamContext& context, const SpamPolicy& policy);

// {"id": id, "verdict": "hold", "score": 0.64, "reasons": [{"code", "message", "weight"}]}
// ("id" only when `id` is not empty; numbers with at most four decimals).
std::string spam_check_to_json(const SpamCheck& check, std::string_view id = {});

}  // namespace soundoff
