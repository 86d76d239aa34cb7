// check_spam: the rules of the policy plus the token filter, combined into
// one explainable verdict (docs/spam-policy.md).
#include "soundoff/spam.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "json_writer.h"
#include "promotion_patterns.h"
#include "spam_families.h"
#include "spam_internals.h"
#include "spam_reasons.h"
#include "text_normalize.h"

namespace soundoff {

namespace {

using detail::ReasonId;
using detail::ReasonKind;

constexpr std::uint32_t kEmptyBucket = std::numeric_limits<std::uint32_t>::max();
constexpr std::size_t kShingle = 4;
// Share of a phrase rule's weight for phrases helpful readers use too.
constexpr double kWeakPhrase = 0.6;

bool contains_ignoring_ascii_case(std::string_view haystack, std::string_view needle) {
  for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i)
    if (detail::equals_ignoring_ascii_case(haystack.substr(i, needle.size()), needle)) return true;
  return false;
}

// The folded words joined by single spaces: what fingerprints are made of.
void joined_words(const detail::TextAnalysis& text, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < text.words.size(); ++i) {
    if (i) out.push_back(' ');
    out += text.word(i);
  }
}

SpamFingerprint fingerprint_of(const detail::TextAnalysis& text) {
  thread_local std::string joined;
  joined_words(text, joined);
  SpamFingerprint fp;
  fp.sketch.fill(kEmptyBucket);
  fp.chars = static_cast<std::uint32_t>(std::min<std::size_t>(joined.size(), UINT32_MAX));
  if (joined.empty()) return fp;
  fp.exact = detail::hash64(joined);
  const std::string_view s = joined;
  const std::size_t shingles = s.size() < kShingle ? 1 : s.size() - kShingle + 1;
  for (std::size_t i = 0; i < shingles; ++i) {
    const std::uint64_t h = detail::hash64(s.substr(i, kShingle));
    auto& slot = fp.sketch[h % SpamFingerprint::kSketchSize];
    slot = std::min(slot, static_cast<std::uint32_t>(h >> 32));
  }
  return fp;
}

class Verdictor {
 public:
  Verdictor(const SpamPolicy& policy, SpamCheck& out) : policy_(policy), out_(out) {}

  void add(ReasonId id, std::string message, double scale = 1.0) {
    const double weight = policy_.weights[static_cast<std::size_t>(id)] * scale;
    if (weight <= 0) return;
    const auto& info = detail::reason_info(id);
    out_.reasons.push_back(SpamReason{info.code, std::move(message), weight});
    if (info.kind == ReasonKind::reject) reject_ = true;
    if (info.kind == ReasonKind::hold) hold_ = true;
  }

  // Weight of a reason already added, 0 when it did not fire.
  double weight_of(ReasonId id) const {
    const auto code = detail::reason_info(id).code;
    for (const auto& r : out_.reasons)
      if (r.code == code) return r.weight;
    return 0;
  }

  void finish() {
    double keep = 1.0;
    for (const auto& r : out_.reasons) keep *= 1.0 - std::min(1.0, r.weight);
    out_.score = std::clamp(1.0 - keep, 0.0, 1.0);
    std::stable_sort(out_.reasons.begin(), out_.reasons.end(),
                     [](const SpamReason& a, const SpamReason& b) { return a.weight > b.weight; });
    if (reject_ || out_.score >= policy_.reject_score)
      out_.verdict = Verdict::reject;
    else if (hold_ || out_.score >= policy_.hold_score)
      out_.verdict = Verdict::hold;
    else
      out_.verdict = Verdict::accept;
  }

 private:
  const SpamPolicy& policy_;
  SpamCheck& out_;
  bool reject_ = false;
  bool hold_ = false;
};

std::string percent(double x) { return std::to_string(static_cast<int>(std::lround(x * 100))) + "%"; }

std::string seconds(double s) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g s", s);
  return buffer;
}

bool same_source(const PriorComment& prior, const Comment& comment, const SpamContext& context) {
  if (!prior.author.empty() && !comment.author.empty() &&
      detail::equals_ignoring_ascii_case(prior.author, comment.author))
    return true;
  return !prior.ip_hash.empty() && !context.ip_hash.empty() && prior.ip_hash == context.ip_hash;
}

// The author's/IP's earlier comments from both spans, oldest first, each once
// (a server may pass a comment in both).
void earlier_by_source(const Comment& comment, const SpamContext& context, std::vector<const PriorComment*>& out) {
  out.clear();
  for (const auto span : {context.thread, context.author_recent})
    for (const auto& p : span)
      if (p.created_ms <= comment.created_ms && same_source(p, comment, context)) out.push_back(&p);
  std::sort(out.begin(), out.end(), [](const PriorComment* a, const PriorComment* b) {
    return a->created_ms != b->created_ms ? a->created_ms < b->created_ms : a->fingerprint.exact < b->fingerprint.exact;
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const PriorComment* a, const PriorComment* b) {
                          return a->created_ms == b->created_ms && a->fingerprint.exact == b->fingerprint.exact &&
                                 a->author == b->author;
                        }),
            out.end());
}

// A token bucket: `burst` comments at once, then one per interval.
bool is_flood(const std::vector<const PriorComment*>& earlier, std::int64_t now_ms, const SpamPolicy& policy) {
  if (policy.flood_interval_s <= 0 || earlier.empty()) return false;
  const double interval_ms = policy.flood_interval_s * 1000.0;
  double tokens = policy.flood_burst;
  std::int64_t last = earlier.front()->created_ms;
  auto spend = [&](std::int64_t t) {
    tokens = std::min<double>(policy.flood_burst, tokens + static_cast<double>(t - last) / interval_ms);
    last = t;
    const bool had = tokens >= 1.0;
    tokens -= 1.0;
    if (tokens < 0) tokens = 0;
    return had;
  };
  for (const auto* p : earlier) spend(p->created_ms);
  return !spend(now_ms);
}

void check_links(const detail::TextAnalysis& text, const SpamContext& context, const SpamPolicy& policy, Verdictor& v) {
  const std::size_t links = text.links.size();
  if (links == 0) return;
  const bool over_limit = policy.link_hold_at != 0 && links >= policy.link_hold_at;
  if (over_limit)
    v.add(ReasonId::link_limit, std::to_string(links) + " links; the policy holds comments with " +
                                    std::to_string(policy.link_hold_at) + " or more");
  const bool first_time = policy.first_time_link_hold && context.author_approved && *context.author_approved == 0;
  if (first_time) v.add(ReasonId::first_time_link, "a link from an author with no approved comment yet");
  if (!over_limit && !first_time) v.add(ReasonId::link, links == 1 ? "one link" : std::to_string(links) + " links");
  // A link with (next to) nothing said about it: readers who share links
  // explain them. Authors with approved comments are trusted to be brief.
  constexpr std::size_t kFewWords = 3;
  const bool trusted = context.author_approved && *context.author_approved > 0;
  if (text.words.size() <= kFewWords && !trusted) v.add(ReasonId::link_only, "a link with almost no text");
  bool shortener = false, suspicious = false, referral = false, disguised = false;
  for (const auto& link : text.links) {
    if (!disguised && !link.obfuscation.empty()) {
      disguised = true;
      v.add(ReasonId::obfuscated_link, "a disguised link to " + link.host + " (" + std::string(link.obfuscation) + ")");
    }
    if (!referral && link.referral) {
      referral = true;
      v.add(ReasonId::referral_link, "a referral or affiliate link to " + link.host);
    }
    if (!shortener && detail::is_link_shortener(link.host)) {
      shortener = true;
      v.add(ReasonId::link_shortener, "a link through the URL shortener " + link.host);
    }
    const auto why = detail::suspicious_host(link.host);
    if (!suspicious && !why.empty()) {
      suspicious = true;
      v.add(ReasonId::suspicious_host, "a link to " + link.host + ", " + std::string(why));
    }
  }
}

void check_history(const Comment& comment, const SpamFingerprint& mine, const SpamContext& context,
                   const SpamPolicy& policy, Verdictor& v) {
  thread_local std::vector<const PriorComment*> earlier;
  earlier_by_source(comment, context, earlier);
  if (is_flood(earlier, comment.created_ms, policy))
    v.add(ReasonId::flood, "posted faster than one comment per " + seconds(policy.flood_interval_s) + " after " +
                               std::to_string(policy.flood_burst) + " in a row");
  if (mine.exact != 0) {
    const double window_ms = policy.duplicate_window_s * 1000.0;
    bool exact = false;
    double best = 0;
    for (const auto* p : earlier) {
      if (static_cast<double>(comment.created_ms - p->created_ms) > window_ms) continue;
      if (p->fingerprint.exact == mine.exact)
        exact = true;
      else if (mine.chars >= policy.near_duplicate_min_chars && p->fingerprint.chars >= policy.near_duplicate_min_chars)
        best = std::max(best, fingerprint_similarity(mine, p->fingerprint));
    }
    if (exact)
      v.add(ReasonId::duplicate, "the same text as an earlier comment by the same author or address");
    else if (best >= policy.near_duplicate_similarity)
      v.add(ReasonId::near_duplicate,
            "nearly the same text (" + percent(best) + " similar) as an earlier comment by the same author or address");
  }
  if (mine.exact != 0 && mine.chars >= policy.thread_repeat_min_chars) {
    std::size_t repeats = 0;
    for (const auto& p : context.thread)
      if (p.created_ms <= comment.created_ms && p.fingerprint.exact == mine.exact && !same_source(p, comment, context))
        ++repeats;
    if (repeats)
      v.add(ReasonId::thread_repeat,
            "the same text was posted by " + std::to_string(repeats) + " other author(s) in this thread");
  }
}

void check_request(const SpamContext& context, Verdictor& v) {
  if (!context.has_request) return;
  if (context.user_agent.empty()) {
    v.add(ReasonId::missing_user_agent, "the request sent no User-Agent");
    return;
  }
  static constexpr std::string_view kAutomated[] = {"curl/",     "wget/",      "python", "java/",  "go-http-client",
                                                    "libwww",    "httpclient", "okhttp", "scrapy", "headless",
                                                    "phantomjs", "bot",        "spider", "crawler"};
  for (auto a : kAutomated)
    if (contains_ignoring_ascii_case(context.user_agent, a)) {
      v.add(ReasonId::automated_user_agent, "the User-Agent names an automated client (" + std::string(a) + ")");
      return;
    }
}

// The families article sites receive besides YouTube's (docs/spam-policy.md, "Families").
void check_families(const detail::TextAnalysis& text, const detail::PromotionFindings& promo, Verdictor& v) {
  // SEO backlinks: generic praise plus a link. Readers who praise a tutorial
  // and link its reference docs, or say something specific, are not it.
  if (promo.praise.found() && !text.links.empty()) {
    const auto promoted = std::find_if(text.links.begin(), text.links.end(),
                                       [](const detail::Link& l) { return !detail::is_reference_host(l.host); });
    constexpr std::size_t kFewSpecificWords = 4;
    if (promoted != text.links.end())
      v.add(ReasonId::seo_backlink,
            "generic praise (\"" + std::string(promo.praise.phrase) + "\") with a link to " + promoted->host,
            detail::specific_words(text) <= kFewSpecificWords ? 1.0 : kWeakPhrase);
  }
  if (const auto anchor = detail::keyword_anchor(text); !anchor.empty())
    v.add(ReasonId::keyword_anchor, "a link whose text is a keyword phrase (\"" + std::string(anchor) + "\")");
  // Tech-support scams: a support line and a number to call. Readers who
  // mention calling support ("I called their support at ...") tell a story;
  // scams say "call", "dial", "toll free", "helpline number".
  if (promo.support.found() && promo.phone_number) {
    bool asks_to_call = promo.support.strong;
    for (std::size_t i = 0; i < text.words.size() && !asks_to_call; ++i) {
      const auto w = text.word(i);
      asks_to_call = w == "call" || w == "dial" || w == "contact" || w == "reach" || w == "ring";
    }
    if (asks_to_call)
      v.add(ReasonId::support_scam,
            "a support line with a number to call (\"" + std::string(promo.support.phrase) + "\")");
  } else if (promo.support.strong) {
    v.add(ReasonId::support_scam, "a support line to call (\"" + std::string(promo.support.phrase) + "\")",
          kWeakPhrase);
  }
  if (promo.download_bait.strong)
    v.add(ReasonId::download_bait, "download or streaming bait (\"" + std::string(promo.download_bait.phrase) + "\")");
}

// The site model's log-odds, 0 when there is none or it has not seen
// min_examples of both classes yet.
double site_model_log_odds(const detail::TextAnalysis& text, const SpamContext& context) {
  if (context.site_model == nullptr || !context.site_model->active()) return 0;
  return detail::SpamInternals::log_odds(*context.site_model, text);
}

// What this site's moderators taught: weight × (2p − 1) for the site model's
// probability p > 0.5, so only a confident site model holds by itself.
void check_site_model(double site_log_odds, const SpamPolicy& policy, Verdictor& v) {
  if (policy.weights[static_cast<std::size_t>(ReasonId::site_model)] <= 0 || site_log_odds <= 0) return;
  const double p = 1.0 / (1.0 + std::exp(-site_log_odds));
  const double share = 2 * p - 1;
  constexpr double kNegligible = 0.02;
  if (share < kNegligible) return;
  v.add(ReasonId::site_model, "this site's moderators rejected comments like it (" + percent(p) + " likely spam)",
        share);
}

void check_model(const detail::TextAnalysis& text, const SpamContext& context, const SpamPolicy& policy,
                 double site_log_odds, Verdictor& v) {
  if (policy.weights[static_cast<std::size_t>(ReasonId::content_model)] <= 0) return;
  const TokenFilter& model = context.model ? *context.model : default_token_filter();
  thread_local std::vector<TokenEvidence> evidence;
  double p = detail::SpamInternals::spam_probability(model, text, &evidence);
  // A site model that has learnt this kind of comment is legitimate here
  // overrules the shipped filter: its (negative) log-odds are added to the
  // filter's. Its spam evidence is its own reason (check_site_model).
  if (site_log_odds < 0 && p > 0 && p < 1) p = 1.0 / (1.0 + std::exp(-(std::log(p / (1 - p)) + site_log_odds)));
  if (p <= 0.5) return;
  std::string words;
  std::size_t shown = 0;
  for (const auto& e : evidence) {
    if (e.probability <= 0.5 || shown == 3) continue;
    words += (shown++ ? ", \"" : " (\"") + e.token + "\"";
  }
  if (shown) words += ")";
  // The filter learns the same promotional words the call-to-action rule
  // matches ("check out", "subscribe", "please"); counting both would double
  // the evidence and hold helpful readers ("please check out the docs"). So
  // the filter only adds what it knows beyond a call to action that fired.
  const double full = policy.weights[static_cast<std::size_t>(ReasonId::content_model)];
  const double weight = full * (2 * p - 1) - v.weight_of(ReasonId::call_to_action);
  constexpr double kNegligible = 0.01;
  if (weight < kNegligible) return;
  v.add(ReasonId::content_model, "the token filter rates it " + percent(p) + " likely spam" + words, weight / full);
}

}  // namespace

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::accept:
      return "accept";
    case Verdict::hold:
      return "hold";
    case Verdict::reject:
      return "reject";
  }
  return "accept";
}

std::span<const std::string_view> spam_reason_codes() {
  static const auto codes = [] {
    std::array<std::string_view, kSpamReasonCount> c{};
    for (std::size_t i = 0; i < kSpamReasonCount; ++i) c[i] = detail::kReasons[i].code;
    return c;
  }();
  return codes;
}

SpamFingerprint spam_fingerprint(std::string_view body) {
  thread_local detail::TextAnalysis text;
  detail::analyze_text(body, text);
  return fingerprint_of(text);
}

double fingerprint_similarity(const SpamFingerprint& a, const SpamFingerprint& b) {
  if (a.exact != 0 && a.exact == b.exact) return 1.0;
  std::size_t same = 0, used = 0;
  for (std::size_t i = 0; i < SpamFingerprint::kSketchSize; ++i) {
    if (a.sketch[i] == kEmptyBucket && b.sketch[i] == kEmptyBucket) continue;
    ++used;
    same += a.sketch[i] == b.sketch[i];
  }
  return used ? static_cast<double>(same) / static_cast<double>(used) : 0.0;
}

PriorComment prior_comment(const Comment& comment, std::string_view ip_hash) {
  return PriorComment{comment.author, ip_hash, comment.created_ms, spam_fingerprint(comment.body)};
}

SpamCheck check_spam(const Comment& comment, const SpamContext& context, const SpamPolicy& policy) {
  thread_local detail::TextAnalysis text;
  detail::analyze_text(comment.body, text);
  SpamCheck out;
  Verdictor v(policy, out);

  // Emoji and emoticons alone (":)", "❤️") are a legitimate comment; nothing at all is not.
  if (text.visible_chars == 0) v.add(ReasonId::empty_body, "the comment is empty");
  if (text.visible_chars > policy.max_chars)
    v.add(ReasonId::too_long,
          std::to_string(text.visible_chars) + " characters; the limit is " + std::to_string(policy.max_chars));

  if (const auto hit = detail::SpamInternals::find(policy.banned_words, text); !hit.empty())
    v.add(ReasonId::banned_word, "contains the banned word \"" + std::string(hit) + "\"");
  if (const auto hit = detail::SpamInternals::find(policy.moderation_words, text); !hit.empty())
    v.add(ReasonId::moderation_word, "contains the moderated word \"" + std::string(hit) + "\"");

  check_links(text, context, policy, v);
  if (!context.thread.empty() || !context.author_recent.empty())
    check_history(comment, fingerprint_of(text), context, policy, v);

  detail::PromotionFindings promo;
  detail::find_promotion(text, promo);
  auto add_phrase = [&](ReasonId id, const detail::PhraseFinding& f, const char* what) {
    if (f.found()) v.add(id, std::string(what) + " (\"" + std::string(f.phrase) + "\")", f.strong ? 1.0 : kWeakPhrase);
  };
  add_phrase(ReasonId::call_to_action, promo.call_to_action, "a call to action");
  add_phrase(ReasonId::self_promotion, promo.self_promotion, "self-promotion");
  add_phrase(ReasonId::money_offer, promo.money_offer, "a money or sales offer");
  if (promo.phone_number)
    v.add(ReasonId::phone_number, promo.toll_free_number ? "a toll-free phone number" : "a phone number");
  check_families(text, promo, v);

  const double site_log_odds = site_model_log_odds(text, context);
  check_model(text, context, policy, site_log_odds, v);
  check_site_model(site_log_odds, policy, v);
  check_request(context, v);

  constexpr std::size_t kMinLettersToShout = 12;
  if (text.letters >= kMinLettersToShout && text.upper_letters * 10 >= text.letters * 7)
    v.add(ReasonId::shouting, "written mostly in capitals");
  constexpr std::size_t kFloodRun = 6;
  if (text.longest_run >= kFloodRun)
    v.add(ReasonId::character_flood, "one character repeated " + std::to_string(text.longest_run) + " times");

  v.finish();
  return out;
}

std::string spam_check_to_json(const SpamCheck& check, std::string_view id) {
  detail::JsonWriter w;
  // Four decimals: enough to rank, and stable across platforms.
  auto rounded = [](double x) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4f", x);
    std::string s = buffer;
    while (s.size() > 1 && s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
  };
  w.begin_object();
  if (!id.empty()) w.key("id").value(id);
  w.key("verdict").value(verdict_name(check.verdict)).key("score").raw(rounded(check.score));
  w.key("reasons").begin_array();
  for (const auto& r : check.reasons)
    w.begin_object()
        .key("code")
        .value(r.code)
        .key("message")
        .value(r.message)
        .key("weight")
        .raw(rounded(r.weight))
        .end_object();
  w.end_array().end_object();
  return w.take();
}

}  // namespace soundoff
