// Pair features of the reply ranker (reply_features.h). Buckets are coarse on
// purpose: the model is small, and IRC minutes and comment-section hours both
// fall into them sensibly.
#include "reply_features.h"

#include <array>

namespace soundoff::detail {

namespace {

constexpr std::uint32_t kNone = 0xFFFFFFFFu;

constexpr std::array<std::string_view, kFeatureCount> kNames = {
#define SOUNDOFF_FEATURE_NAME(id, name) name,
    SOUNDOFF_REPLY_FEATURES(SOUNDOFF_FEATURE_NAME)
#undef SOUNDOFF_FEATURE_NAME
};

Feature offset(Feature base, int k) { return static_cast<Feature>(static_cast<int>(base) + k); }

// One-hot word-count bucket: 1-2, 3-5, 6-10, 11-20, 21+ (0 words: none).
void words_bucket(std::uint32_t words, Feature first, FeatureSet& out) {
  if (words == 0) return;
  out.add(offset(first, words <= 2 ? 0 : words <= 5 ? 1 : words <= 10 ? 2 : words <= 20 ? 3 : 4));
}

}  // namespace

std::string_view feature_name(Feature f) { return kNames[static_cast<std::size_t>(f)]; }

std::uint64_t feature_list_hash() {
  std::uint64_t h = 14695981039346656037ull;
  for (const auto name : kNames) {
    for (const char c : name) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    h = (h ^ static_cast<unsigned char>('\n')) * 1099511628211ull;
  }
  return h;
}

void self_features(const MessageFacts& m, FeatureSet& out) {
  out.add(Feature::self);
  switch (m.rule) {
    case RuleKind::new_conversation:
      out.add(Feature::self_rule_new);
      break;
    case RuleKind::after_greeting:
      out.add(Feature::self_rule_greeting);
      break;
    case RuleKind::unknown_at:
      out.add(Feature::self_rule_unknown_at);
      break;
    case RuleKind::address_to_me:
    case RuleKind::address:
    case RuleKind::mention:
    case RuleKind::still_waiting:
      out.add(Feature::self_rule_name);
      break;
    case RuleKind::turn:
      out.add(Feature::self_rule_turn);
      break;
    case RuleKind::continuation:
      out.add(Feature::self_rule_continuation);
      break;
    default:
      out.add(Feature::self_rule_linked);
      break;
  }
  const PositionFacts& s = m.self;
  if (s.question) out.add(Feature::self_question);
  if (s.url) out.add(Feature::self_url);
  if (s.greeting) out.add(Feature::self_greeting);
  if (s.thanks) out.add(Feature::self_thanks);
  if (s.bot) out.add(Feature::self_bot);
  if (m.names_someone) out.add(Feature::self_names_someone);
  if (m.first_by_author) out.add(Feature::self_first_by_author);
  if (m.addressed_pending) out.add(Feature::self_addressed_pending);
  words_bucket(s.words, Feature::self_words_1_2, out);
  if (m.own != kNone) {
    const std::uint32_t back = m.pos - m.own;
    out.add(back <= 2    ? Feature::self_own_1_2
            : back <= 5  ? Feature::self_own_3_5
            : back <= 20 ? Feature::self_own_6_20
            : back <= 50 ? Feature::self_own_21_50
                         : Feature::self_own_far);
    const std::int64_t gap = s.minute - m.own_minute;
    out.add(gap <= 1    ? Feature::self_own_gap_0_1
            : gap <= 5  ? Feature::self_own_gap_2_5
            : gap <= 30 ? Feature::self_own_gap_6_30
                        : Feature::self_own_gap_31);
  }
}

void target_features(const PositionFacts& t, FeatureSet& out) {
  if (t.author_seq == 0) out.add(Feature::target_first_by_author);
  if (t.question) out.add(Feature::target_question);
  if (t.url) out.add(Feature::target_url);
  if (t.greeting) out.add(Feature::target_greeting);
  if (t.thanks) out.add(Feature::target_thanks);
  if (t.bot) out.add(Feature::target_bot);
  if (t.command) out.add(Feature::target_command);
  if (t.answers == 0) out.add(Feature::target_unanswered);
  if (t.answers >= 2) out.add(Feature::target_answered_twice);
  words_bucket(t.words, Feature::target_words_1_2, out);
}

void reply_features(const MessageFacts& m, FeatureSet& out) {
  if (m.self.question) out.add(Feature::reply_question);
  if (m.self.thanks) out.add(Feature::reply_thanks);
  if (m.self.greeting) out.add(Feature::reply_greeting);
  if (m.self.words <= 3) out.add(Feature::reply_short);
}

void link_features(const MessageFacts& m, std::uint32_t target, const PositionFacts& t, const TargetAuthorFacts& a,
                   FeatureSet& out) {
  const std::uint32_t d = m.pos - target;
  out.add(d <= 4    ? offset(Feature::dist_1, static_cast<int>(d) - 1)
          : d <= 6  ? Feature::dist_5_6
          : d <= 9  ? Feature::dist_7_9
          : d <= 14 ? Feature::dist_10_14
          : d <= 20 ? Feature::dist_15_20
          : d <= 30 ? Feature::dist_21_30
          : d <= 50 ? Feature::dist_31_50
                    : Feature::dist_51);
  const std::int64_t gap = m.self.minute - t.minute;
  out.add(gap <= 0    ? Feature::gap_0
          : gap <= 1  ? Feature::gap_1
          : gap <= 3  ? Feature::gap_2_3
          : gap <= 7  ? Feature::gap_4_7
          : gap <= 15 ? Feature::gap_8_15
                      : Feature::gap_16);
  const bool same = t.author == m.me;
  if (same) {
    out.add(Feature::same_author);
    if (target == m.own) out.add(Feature::same_author_latest);
  }
  switch (a.named_strength) {
    case 5:
      out.add(Feature::names_target_start);
      break;
    case 4:
      out.add(Feature::names_target_at);
      break;
    case 3:
      out.add(Feature::names_target_punct);
      break;
    case 2:
      out.add(Feature::names_target_first);
      break;
    case 1:
      out.add(Feature::names_target_bare);
      break;
    default:
      out.add(m.names_someone ? Feature::names_other : Feature::names_nobody);
      break;
  }
  if (t.addressee != kNone) {
    if (t.addressee == m.me) {
      out.add(Feature::target_named_me);
    } else {
      out.add(Feature::target_named_other);
      if (t.addressee == m.addressee) out.add(Feature::target_named_my_addressee);
    }
  }
  if (!same) {
    out.add(a.rank <= 1   ? Feature::target_rank_1
            : a.rank == 2 ? Feature::target_rank_2
            : a.rank == 3 ? Feature::target_rank_3
                          : Feature::target_rank_4);
    if (a.replier_addressed_them) out.add(Feature::i_addressed_them_before);
    if (a.they_addressed_replier) out.add(Feature::they_addressed_me_before);
    if (t.answered == m.me) out.add(Feature::target_answered_me);
    if (target == m.addressed_last) out.add(Feature::target_latest_to_me);
  }
  if (m.own == kNone || target > m.own) out.add(Feature::after_own_last);
  if (t.command && m.self.bot) out.add(Feature::reply_bot_command);
  if (target == m.rule_parent) {
    switch (m.rule) {
      case RuleKind::quote:
        out.add(Feature::rule_quote);
        break;
      case RuleKind::command:
        out.add(Feature::rule_command);
        break;
      case RuleKind::address_to_me:
        out.add(Feature::rule_address_to_me);
        break;
      case RuleKind::address:
        out.add(Feature::rule_address);
        break;
      case RuleKind::mention:
        out.add(Feature::rule_mention);
        break;
      case RuleKind::still_waiting:
        out.add(Feature::rule_still_waiting);
        break;
      case RuleKind::turn:
        out.add(Feature::rule_turn);
        break;
      case RuleKind::continuation:
        out.add(Feature::rule_continuation);
        break;
      default:
        break;
    }
  }
}

void pair_features(const MessageFacts& m, std::uint32_t target, const PositionFacts& t, const TargetAuthorFacts& a,
                   FeatureSet& out) {
  link_features(m, target, t, a, out);
  target_features(t, out);
  reply_features(m, out);
}

}  // namespace soundoff::detail
