#include "soundoff/token_filter.h"

#include <algorithm>
#include <cmath>

#include "filter_tokens.h"
#include "json_reader.h"
#include "json_writer.h"
#include "text_normalize.h"

namespace soundoff {

namespace {

constexpr std::size_t kMinTokenBytes = 2;
constexpr std::size_t kMaxTokenBytes = 24;

// A word pair's token: '~' and 5 hex digits of its hash. Hashing keeps the
// model's size bounded (2^20 buckets at most, only pairs seen kept) and the
// JSON format unchanged; pairs carry the phrases that single words miss
// ("keep posting", "toll free", "full movie").
void append_pair_token(std::string_view a, std::string_view b, std::vector<std::string>& out) {
  constexpr std::uint64_t kBuckets = 1u << 20;
  std::uint64_t h = detail::hash64(a);
  h = detail::hash64(b, h ^ 0x20) % kBuckets;  // the seed separates "ab c" from "a bc"
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token(6, '~');
  for (int k = 5; k >= 1; --k, h >>= 4) token[static_cast<std::size_t>(k)] = kHex[h & 0xF];
  out.push_back(std::move(token));
}

// The tokens of one comment, each once: folded words, hashed pairs of
// adjacent words, and "host:" plus the last two labels of each linked host.
// URLs are not split into words, so the filter cannot learn "has a link"
// (readers of articles post links too).
void collect_tokens(const detail::TextAnalysis& text, std::vector<std::string>& out) {
  out.clear();
  for (std::size_t i = 0; i < text.words.size(); ++i) {
    const auto w = text.word(i);
    if (w.size() <= kMaxTokenBytes) {
      if (w.size() >= kMinTokenBytes) out.emplace_back(w);
      if (i + 1 < text.words.size() && text.word(i + 1).size() <= kMaxTokenBytes)
        append_pair_token(w, text.word(i + 1), out);
    }
  }
  for (const auto& link : text.links) {
    std::string_view host = link.host;
    const auto last = host.rfind('.');
    if (last != std::string_view::npos && last > 0) {
      const auto second = host.rfind('.', last - 1);
      if (second != std::string_view::npos) host.remove_prefix(second + 1);
    }
    out.push_back("host:" + std::string(host));
  }
  // Each token once. Sorted by hash, then text: integer comparisons instead
  // of string ones for the ~2 tokens per word, and still one order on every platform.
  thread_local std::vector<std::pair<std::uint64_t, std::size_t>> keyed;
  keyed.clear();
  for (std::size_t i = 0; i < out.size(); ++i) keyed.emplace_back(detail::hash64(out[i]), i);
  std::sort(keyed.begin(), keyed.end(), [&out](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : out[a.second] < out[b.second];
  });
  thread_local std::vector<std::string> unique;
  unique.clear();
  for (std::size_t k = 0; k < keyed.size(); ++k)
    if (k == 0 || keyed[k].first != keyed[k - 1].first || out[keyed[k].second] != unique.back())
      unique.push_back(std::move(out[keyed[k].second]));
  out.swap(unique);
}

bool is_pair_token(std::string_view token) { return !token.empty() && token[0] == '~'; }

thread_local detail::TextAnalysis t_analysis;
thread_local std::vector<std::string> t_tokens;

}  // namespace

void detail::filter_tokens(const detail::TextAnalysis& text, std::vector<std::string>& out) {
  collect_tokens(text, out);
}

void TokenFilter::add(std::string_view body, bool spam, int direction) {
  detail::analyze_text(body, t_analysis);
  collect_tokens(t_analysis, t_tokens);
  auto step = [direction](std::uint32_t& v) {
    if (direction > 0)
      ++v;
    else if (v > 0)
      --v;
  };
  step(spam ? spam_messages_ : ham_messages_);
  for (const auto& token : t_tokens) {
    auto it = tokens_.find(token);
    if (it == tokens_.end()) {
      if (direction < 0) continue;
      it = tokens_.emplace(token, TokenCounts{}).first;
    }
    step(spam ? it->second.spam : it->second.ham);
    if (it->second.spam == 0 && it->second.ham == 0) tokens_.erase(it);
  }
}

void TokenFilter::train(std::string_view body, bool spam) { add(body, spam, +1); }
void TokenFilter::untrain(std::string_view body, bool spam) { add(body, spam, -1); }

const TokenCounts* TokenFilter::find(std::string_view token) const {
  const auto it = tokens_.find(token);
  return it == tokens_.end() ? nullptr : &it->second;
}

double TokenFilter::spam_probability(std::string_view body, std::vector<TokenEvidence>* evidence) const {
  detail::analyze_text(body, t_analysis);
  return spam_probability(t_analysis, evidence);
}

double TokenFilter::spam_probability(const detail::TextAnalysis& text, std::vector<TokenEvidence>* evidence) const {
  if (evidence) evidence->clear();
  if (spam_messages_ == 0 || ham_messages_ == 0) return 0.5;
  collect_tokens(text, t_tokens);
  struct Rated {
    const std::string* token;
    double p;
  };
  thread_local std::vector<Rated> rated;
  rated.clear();
  const double nbad = spam_messages_;
  const double ngood = ham_messages_;
  for (const auto& token : t_tokens) {
    double p = kUnknownProbability;
    const TokenCounts* c = find(token);
    // An unseen word pair says nothing: most pairs of a new comment are unseen.
    if (c == nullptr && is_pair_token(token)) continue;
    if (c != nullptr) {
      // Graham: ham counts double, to lean away from false positives.
      const double g = 2.0 * c->ham;
      const double b = c->spam;
      if (g + b >= kMinOccurrences) {
        const double bad = std::min(1.0, b / nbad);
        const double good = std::min(1.0, g / ngood);
        // Robinson's correction pulls rarely seen tokens towards 0.5: with a
        // few hundred comments to learn from, one sighting is weak evidence.
        const double n = c->ham + b;
        p = (kPriorStrength * 0.5 + n * (bad / (good + bad))) / (kPriorStrength + n);
        p = std::clamp(p, 0.01, 0.99);
      }
    }
    rated.push_back({&token, p});
  }
  const std::size_t keep = std::min(kInterestingTokens, rated.size());
  std::partial_sort(rated.begin(), rated.begin() + static_cast<std::ptrdiff_t>(keep), rated.end(),
                    [](const Rated& a, const Rated& b) {
                      const double ia = std::fabs(a.p - 0.5), ib = std::fabs(b.p - 0.5);
                      return ia != ib ? ia > ib : *a.token < *b.token;
                    });
  if (keep == 0) return 0.5;
  // In log space so that fifteen 0.01s cannot underflow.
  double log_spam = 0, log_ham = 0;
  for (std::size_t i = 0; i < keep; ++i) {
    log_spam += std::log(rated[i].p);
    log_ham += std::log(1.0 - rated[i].p);
    if (evidence && rated[i].p != kUnknownProbability) evidence->push_back({*rated[i].token, rated[i].p});
  }
  return 1.0 / (1.0 + std::exp(log_ham - log_spam));
}

void TokenFilter::prune(std::uint32_t min_total, std::uint32_t min_pair_total) {
  if (min_pair_total == 0) min_pair_total = min_total;
  std::erase_if(tokens_, [&](const auto& kv) {
    return kv.second.spam + kv.second.ham < (is_pair_token(kv.first) ? min_pair_total : min_total);
  });
}

std::string TokenFilter::to_json() const {
  std::vector<const decltype(tokens_)::value_type*> sorted;
  sorted.reserve(tokens_.size());
  for (const auto& kv : tokens_) sorted.push_back(&kv);
  std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
  std::string out =
      "{\"format\":\"soundoff-token-filter\",\"version\":1,\"spam_messages\":" + std::to_string(spam_messages_) +
      ",\"ham_messages\":" + std::to_string(ham_messages_) + ",\"tokens\":{";
  bool first = true;
  for (const auto* kv : sorted) {
    out += first ? "\n" : ",\n";
    first = false;
    detail::append_json_string(out, kv->first);
    out += ":[" + std::to_string(kv->second.spam) + "," + std::to_string(kv->second.ham) + "]";
  }
  out += "\n}}\n";
  return out;
}

Result<TokenFilter> TokenFilter::from_json(std::string_view json_text) {
  using detail::JsonValue;
  auto fail = [](const std::string& what) { return Error{"invalid_model", "token filter model: " + what}; };
  detail::JsonDocument doc;
  if (const auto syntax = detail::parse_json(json_text, doc)) return fail(syntax->describe());
  if (!doc.IsObject()) return fail("the model must be a JSON object");
  const auto* format = detail::find_member(doc, "format");
  if (format == nullptr || detail::string_of(*format) != "soundoff-token-filter")
    return fail("\"format\" must be \"soundoff-token-filter\"");
  const auto* version = detail::find_member(doc, "version");
  if (version == nullptr || !detail::whole_number_in(*version, 1, 1)) return fail("\"version\" must be 1");
  TokenFilter filter;
  for (const auto* name : {"spam_messages", "ham_messages"}) {
    const auto* count = detail::find_member(doc, name);
    const auto n = count ? detail::whole_number_in(*count, 0, UINT32_MAX) : std::nullopt;
    if (!n) return fail(std::string("\"") + name + "\" must be a whole number below 2^32");
    (std::string_view(name) == "spam_messages" ? filter.spam_messages_ : filter.ham_messages_) =
        static_cast<std::uint32_t>(*n);
  }
  const auto* tokens = detail::find_member(doc, "tokens");
  if (tokens == nullptr || !tokens->IsObject()) return fail("\"tokens\" must be an object");
  filter.tokens_.reserve(tokens->MemberCount());
  for (auto it = tokens->MemberBegin(); it != tokens->MemberEnd(); ++it) {
    const std::string token(detail::string_of(it->name));
    const JsonValue& counts = it->value;
    const auto spam =
        counts.IsArray() && counts.Size() == 2 ? detail::whole_number_in(counts[0], 0, UINT32_MAX) : std::nullopt;
    const auto ham =
        counts.IsArray() && counts.Size() == 2 ? detail::whole_number_in(counts[1], 0, UINT32_MAX) : std::nullopt;
    if (!spam || !ham) return fail("tokens[\"" + token + "\"] must be [spam count, ham count]");
    // A token given twice: the last counts win, as with every repeated key.
    filter.tokens_.insert_or_assign(token,
                                    TokenCounts{static_cast<std::uint32_t>(*spam), static_cast<std::uint32_t>(*ham)});
  }
  return filter;
}

namespace {
constexpr std::string_view kDefaultModel =
#include "default_spam_model.inc"
    ;
}  // namespace

const TokenFilter& default_token_filter() {
  static const TokenFilter model = [] {
    auto parsed = TokenFilter::from_json(kDefaultModel);
    // The shipped model is generated and tested; an empty filter (p = 0.5,
    // no effect) is the safe fallback should it ever fail to parse.
    return parsed ? std::move(*parsed) : TokenFilter{};
  }();
  return model;
}

}  // namespace soundoff
