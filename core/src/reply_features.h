// The features the reply ranker scores a (comment, candidate) pair by: the
// families of Kummerfeld et al. (ACL 2019) — position and time distance,
// names in either direction, who addressed whom, same author, lengths,
// questions, URLs, greetings — plus the verdict of the rules
// (docs/reply-resolution.md). Every feature is binary, so a pair is a short
// list of active feature ids and a score is a sum of weights (or of first
// layer columns): no allocation, O(active features) per candidate.
// Internal to core (reply_resolution.cpp, reply_ranker.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace soundoff::detail {

// X-macro: id, stable name (printed by --explain and the feature dump, read
// by scripts/train-reply-ranker). Adding or reordering features needs a
// retrained model (the generated model checks the count and the names' hash).
#define SOUNDOFF_REPLY_FEATURES(X)                                        \
  /* "starts a new conversation" (the candidate is the comment itself) */ \
  X(self, "self")                                                         \
  X(self_rule_new, "self.rule_new")                                       \
  X(self_rule_greeting, "self.rule_after_greeting")                       \
  X(self_rule_unknown_at, "self.rule_unknown_at")                         \
  X(self_rule_linked, "self.rule_linked")                                 \
  X(self_rule_name, "self.rule_name")                                     \
  X(self_rule_turn, "self.rule_turn_taking")                              \
  X(self_rule_continuation, "self.rule_continuation")                     \
  X(self_question, "self.question")                                       \
  X(self_url, "self.url")                                                 \
  X(self_greeting, "self.greeting")                                       \
  X(self_thanks, "self.thanks")                                           \
  X(self_names_someone, "self.names_someone")                             \
  X(self_first_by_author, "self.first_by_author")                         \
  X(self_words_1_2, "self.words_1_2")                                     \
  X(self_words_3_5, "self.words_3_5")                                     \
  X(self_words_6_10, "self.words_6_10")                                   \
  X(self_words_11_20, "self.words_11_20")                                 \
  X(self_words_21, "self.words_21+")                                      \
  X(self_own_1_2, "self.own_last_1_2_back")                               \
  X(self_own_3_5, "self.own_last_3_5_back")                               \
  X(self_own_6_20, "self.own_last_6_20_back")                             \
  X(self_own_21_50, "self.own_last_21_50_back")                           \
  X(self_own_far, "self.own_last_51+_back")                               \
  X(self_own_gap_0_1, "self.own_last_0_1_min")                            \
  X(self_own_gap_2_5, "self.own_last_2_5_min")                            \
  X(self_own_gap_6_30, "self.own_last_6_30_min")                          \
  X(self_own_gap_31, "self.own_last_31+_min")                             \
  X(self_addressed_pending, "self.was_addressed_since_own_last")          \
  X(self_bot, "self.bot")                                                 \
  /* an earlier comment as the answer */                                  \
  X(dist_1, "dist_1")                                                     \
  X(dist_2, "dist_2")                                                     \
  X(dist_3, "dist_3")                                                     \
  X(dist_4, "dist_4")                                                     \
  X(dist_5_6, "dist_5_6")                                                 \
  X(dist_7_9, "dist_7_9")                                                 \
  X(dist_10_14, "dist_10_14")                                             \
  X(dist_15_20, "dist_15_20")                                             \
  X(dist_21_30, "dist_21_30")                                             \
  X(dist_31_50, "dist_31_50")                                             \
  X(dist_51, "dist_51+")                                                  \
  X(gap_0, "gap_0_min")                                                   \
  X(gap_1, "gap_1_min")                                                   \
  X(gap_2_3, "gap_2_3_min")                                               \
  X(gap_4_7, "gap_4_7_min")                                               \
  X(gap_8_15, "gap_8_15_min")                                             \
  X(gap_16, "gap_16+_min")                                                \
  X(same_author, "same_author")                                           \
  X(same_author_latest, "same_author_latest")                             \
  X(names_target_start, "names_target_at_start")                          \
  X(names_target_at, "names_target_with_at")                              \
  X(names_target_punct, "names_target_punctuated")                        \
  X(names_target_first, "names_target_first_word")                        \
  X(names_target_bare, "names_target_bare")                               \
  X(names_other, "names_someone_else")                                    \
  X(names_nobody, "names_nobody")                                         \
  X(target_named_me, "target_addressed_replier")                          \
  X(target_named_other, "target_addressed_someone_else")                  \
  X(target_named_my_addressee, "target_addressed_same_person")            \
  X(target_answered_me, "target_answered_replier")                        \
  X(target_latest_to_me, "target_latest_addressed_to_replier")            \
  X(target_unanswered, "target_unanswered")                               \
  X(target_answered_twice, "target_answered_2+")                          \
  X(target_rank_1, "target_authors_latest")                               \
  X(target_rank_2, "target_authors_2nd_latest")                           \
  X(target_rank_3, "target_authors_3rd_latest")                           \
  X(target_rank_4, "target_authors_4th+_latest")                          \
  X(target_first_by_author, "target_authors_first")                       \
  X(after_own_last, "after_replier_own_last")                             \
  X(i_addressed_them_before, "replier_addressed_target_author_before")    \
  X(they_addressed_me_before, "target_author_addressed_replier_before")   \
  X(target_question, "target_question")                                   \
  X(target_url, "target_url")                                             \
  X(target_greeting, "target_greeting")                                   \
  X(target_thanks, "target_thanks")                                       \
  X(target_bot, "target_bot")                                             \
  X(target_command, "target_command")                                     \
  X(target_words_1_2, "target_words_1_2")                                 \
  X(target_words_3_5, "target_words_3_5")                                 \
  X(target_words_6_10, "target_words_6_10")                               \
  X(target_words_11_20, "target_words_11_20")                             \
  X(target_words_21, "target_words_21+")                                  \
  X(reply_question, "reply_question")                                     \
  X(reply_thanks, "reply_thanks")                                         \
  X(reply_greeting, "reply_greeting")                                     \
  X(reply_short, "reply_words_1_3")                                       \
  X(reply_bot_command, "reply_bot_target_command")                        \
  X(rule_quote, "rule_quote")                                             \
  X(rule_command, "rule_command")                                         \
  X(rule_address_to_me, "rule_address_to_replier")                        \
  X(rule_address, "rule_address")                                         \
  X(rule_mention, "rule_mention")                                         \
  X(rule_still_waiting, "rule_still_waiting")                             \
  X(rule_turn, "rule_turn_taking")                                        \
  X(rule_continuation, "rule_continuation")

enum class Feature : std::uint16_t {
#define SOUNDOFF_FEATURE_ID(id, name) id,
  SOUNDOFF_REPLY_FEATURES(SOUNDOFF_FEATURE_ID)
#undef SOUNDOFF_FEATURE_ID
};

inline constexpr std::uint16_t kFeatureCount = 0
#define SOUNDOFF_FEATURE_COUNT(id, name) +1
    SOUNDOFF_REPLY_FEATURES(SOUNDOFF_FEATURE_COUNT)
#undef SOUNDOFF_FEATURE_COUNT
    ;

// The stable name of a feature ("names_target_at_start").
std::string_view feature_name(Feature f);

// FNV-1a over all names joined by '\n': the generated model records it, so a
// model trained on another feature list fails to compile.
std::uint64_t feature_list_hash();

// The active features of one pair, fixed capacity (a pair sets at most one of
// each one-hot group, far fewer than kMaxActive).
struct FeatureSet {
  static constexpr std::size_t kMaxActive = 48;
  std::array<std::uint16_t, kMaxActive> ids{};
  std::uint8_t size = 0;
  void add(Feature f) {
    if (size < kMaxActive) ids[size++] = static_cast<std::uint16_t>(f);
  }
};

// What the rules decided for a comment (reply_resolution.cpp), as the ranker
// sees it.
enum class RuleKind : std::uint8_t {
  new_conversation,
  after_greeting,
  unknown_at,
  quote,
  command,
  address_to_me,
  address,
  mention,
  still_waiting,
  turn,
  continuation,
};

// Facts about an earlier comment, recorded when it was read.
struct PositionFacts {
  std::int64_t minute = 0;             // created, in minutes
  std::uint32_t author = 0xFFFFFFFFu;  // kNone: a system message (never a candidate)
  std::uint32_t addressee = 0xFFFFFFFFu;
  std::uint32_t answered = 0xFFFFFFFFu;  // author of the comment the rules linked it to
  std::uint32_t author_seq = 0;          // how many comments its author wrote before it
  std::uint16_t words = 0;
  std::uint16_t answers = 0;  // later comments the rules linked to it (so far)
  bool question = false, url = false, greeting = false, thanks = false, command = false, bot = false;
};

// Facts about the comment being decided.
struct MessageFacts {
  std::uint32_t pos = 0;
  std::uint32_t me = 0xFFFFFFFFu;
  std::uint32_t own = 0xFFFFFFFFu;             // the replier's latest earlier comment
  std::uint32_t addressed_last = 0xFFFFFFFFu;  // the latest comment addressed to the replier
  std::int64_t own_minute = 0;                 // ... and its time
  std::uint32_t addressee = 0xFFFFFFFFu;       // the strongest name the body uses
  std::uint32_t rule_parent = 0xFFFFFFFFu;     // the rules' answer (position)
  RuleKind rule = RuleKind::new_conversation;
  bool names_someone = false;
  bool addressed_pending = false;  // someone addressed or answered the replier since their own latest
  bool first_by_author = false;
  PositionFacts self;  // the comment's own facts (minute, words, flags)
};

// What the resolver knows about the candidate's author, relative to the replier.
struct TargetAuthorFacts {
  int named_strength = 0;               // how the body names them: 0 not at all, 5 at the start ... 1 bare
  std::uint32_t rank = 0;               // 1: the candidate is their latest comment, 2: the one before, ...
  bool replier_addressed_them = false;  // the replier addressed them in an earlier comment
  bool they_addressed_replier = false;
};

// The features of "the comment starts a new conversation".
void self_features(const MessageFacts& m, FeatureSet& out);
// The features of "the comment answers the earlier comment at `target`":
// link_features (about the pair) + target_features (about the target alone,
// cacheable) + reply_features (about the replying comment alone).
void link_features(const MessageFacts& m, std::uint32_t target, const PositionFacts& t, const TargetAuthorFacts& a,
                   FeatureSet& out);
void target_features(const PositionFacts& t, FeatureSet& out);
void reply_features(const MessageFacts& m, FeatureSet& out);
void pair_features(const MessageFacts& m, std::uint32_t target, const PositionFacts& t, const TargetAuthorFacts& a,
                   FeatureSet& out);

}  // namespace soundoff::detail
