#include "soundoff/site_model.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "filter_tokens.h"
#include "json_reader.h"
#include "text_normalize.h"

namespace soundoff {

namespace {

thread_local detail::TextAnalysis t_analysis;
thread_local std::vector<std::string> t_tokens;
thread_local std::vector<std::uint32_t> t_buckets;

// The distinct buckets of a body's tokens (two tokens may share a bucket:
// counted once, as a token is counted once per comment).
const std::vector<std::uint32_t>& buckets_of(const detail::TextAnalysis& text) {
  detail::filter_tokens(text, t_tokens);
  t_buckets.clear();
  for (const auto& token : t_tokens) t_buckets.push_back(SiteModel::bucket_of(token));
  std::sort(t_buckets.begin(), t_buckets.end());
  t_buckets.erase(std::unique(t_buckets.begin(), t_buckets.end()), t_buckets.end());
  return t_buckets;
}

// Robinson's prior strength: a bucket seen n times moves from 0.5 by n / (n + 3),
// so a handful of judgements cannot make a rare word decisive (ham FPR ≤ 2% on the
// learning curve at every N; 1 and 2 gave up to 6.6% and 2.3%).
constexpr double kPrior = 3.0;

// P(χ² ≥ x2) with an even number of degrees of freedom (closed form).
double chi2_q(double x2, double degrees) {
  const double m = x2 / 2.0;
  double term = std::exp(-m);
  double sum = term;
  for (int i = 1; i < static_cast<int>(degrees / 2); ++i) {
    term *= m / i;
    sum += term;
  }
  return std::min(sum, 1.0);
}

// Counts this small are rounding left by decay and un-learning.
constexpr double kEmpty = 1e-9;

}  // namespace

std::uint32_t SiteModel::bucket_of(std::string_view token) {
  return static_cast<std::uint32_t>(detail::hash64(token, 0x5173) % kBuckets);
}

namespace {
const std::vector<std::uint32_t>& buckets_of(std::string_view body) {
  detail::analyze_text(body, t_analysis);
  return buckets_of(t_analysis);
}
}  // namespace

std::vector<std::uint32_t> SiteModel::feature_buckets(std::string_view body) { return buckets_of(body); }

void SiteModel::add(std::string_view body, bool spam, double amount) {
  for (const auto b : buckets_of(body)) {
    auto& c = features_[b];
    double& v = spam ? c.spam : c.ham;
    v = std::max(0.0, v + amount);
    if (c.spam < kEmpty && c.ham < kEmpty) features_.erase(b);
  }
  double& total = spam ? spam_examples_ : ham_examples_;
  total = std::max(0.0, total + amount);
}

void SiteModel::learn(std::string_view body, bool spam) {
  add(body, spam, 1.0);
  if (++decisions_ % kDecayEvery == 0) decay();
}

void SiteModel::unlearn(std::string_view body, bool spam) { add(body, spam, -1.0); }

void SiteModel::decay() {
  spam_examples_ *= kDecayFactor;
  ham_examples_ *= kDecayFactor;
  for (auto it = features_.begin(); it != features_.end();) {
    it->second.spam *= kDecayFactor;
    it->second.ham *= kDecayFactor;
    it = (it->second.spam + it->second.ham < 0.01) ? features_.erase(it) : std::next(it);
  }
}

bool SiteModel::active() const {
  return spam_examples_ + kEmpty >= min_examples_ && ham_examples_ + kEmpty >= min_examples_ && spam_examples_ > 0 &&
         ham_examples_ > 0;
}

const SiteFeatureCounts* SiteModel::find_bucket(std::uint32_t bucket) const {
  const auto it = features_.find(bucket);
  return it == features_.end() ? nullptr : &it->second;
}

double SiteModel::log_odds(std::string_view body) const {
  detail::analyze_text(body, t_analysis);
  return log_odds(t_analysis);
}

double SiteModel::log_odds(const detail::TextAnalysis& text) const {
  if (!active()) return 0;
  thread_local std::vector<double> rated;
  rated.clear();
  for (const auto b : buckets_of(text)) {
    const SiteFeatureCounts* c = find_bucket(b);
    if (c == nullptr) continue;  // never seen on this site: says nothing
    // Per-class frequencies, so a site with 10 × more ham than spam is not
    // biased; Robinson's prior (strength kPrior) pulls rare features to 0.5.
    const double bad = std::min(1.0, c->spam / spam_examples_);
    const double good = std::min(1.0, c->ham / ham_examples_);
    if (bad + good <= 0) continue;
    const double n = c->spam + c->ham;
    const double p = std::clamp((kPrior * 0.5 + n * (bad / (bad + good))) / (kPrior + n), 0.01, 0.99);
    rated.push_back(std::log(p / (1.0 - p)));
  }
  const std::size_t keep = std::min(kInterestingFeatures, rated.size());
  std::partial_sort(rated.begin(), rated.begin() + static_cast<std::ptrdiff_t>(keep), rated.end(),
                    [](double a, double b) { return std::fabs(a) > std::fabs(b); });
  if (keep == 0) return 0;
  // Robinson's chi-square combination (as SpamBayes): unlike a plain sum of
  // log-odds it does not treat 15 weak, correlated features as 15 independent
  // proofs, so a model learnt from a few dozen comments stays near 0.5 on
  // comments it has little evidence about (docs/spam.md, learning curve).
  double log_spam = 0, log_ham = 0;  // ln Π (1 − p), ln Π p
  for (std::size_t i = 0; i < keep; ++i) {
    const double p = 1.0 / (1.0 + std::exp(-rated[i]));
    log_spam += std::log(1.0 - p);
    log_ham += std::log(p);
  }
  const double degrees = 2.0 * static_cast<double>(keep);
  const double spamminess = 1.0 - chi2_q(-2.0 * log_spam, degrees);
  const double hamminess = 1.0 - chi2_q(-2.0 * log_ham, degrees);
  const double prob = std::clamp((spamminess - hamminess + 1.0) / 2.0, 1e-4, 1.0 - 1e-4);
  return std::clamp(std::log(prob / (1.0 - prob)), -kMaxLogOdds, kMaxLogOdds);
}

void SiteModel::set_totals(std::uint64_t decisions, double spam_examples, double ham_examples) {
  decisions_ = decisions;
  spam_examples_ = spam_examples;
  ham_examples_ = ham_examples;
}

void SiteModel::set_bucket(std::uint32_t bucket, SiteFeatureCounts counts) {
  if (counts.spam < kEmpty && counts.ham < kEmpty)
    features_.erase(bucket);
  else
    features_[bucket] = counts;
}

namespace {
std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}
}  // namespace

std::string SiteModel::to_json() const {
  std::vector<std::uint32_t> sorted;
  sorted.reserve(features_.size());
  for (const auto& kv : features_) sorted.push_back(kv.first);
  std::sort(sorted.begin(), sorted.end());
  std::string out = "{\"format\":\"soundoff-site-model\",\"version\":1,\"decisions\":" + std::to_string(decisions_) +
                    ",\"spam_examples\":" + number(spam_examples_) + ",\"ham_examples\":" + number(ham_examples_) +
                    ",\"features\":{";
  bool first = true;
  for (const auto b : sorted) {
    const auto& c = features_.at(b);
    out += first ? "\n" : ",\n";
    first = false;
    out += "\"" + std::to_string(b) + "\":[" + number(c.spam) + "," + number(c.ham) + "]";
  }
  out += "\n}}\n";
  return out;
}

Result<SiteModel> SiteModel::from_json(std::string_view json_text) {
  auto fail = [](const std::string& what) { return Error{"invalid_model", "site model: " + what}; };
  detail::JsonDocument doc;
  if (const auto syntax = detail::parse_json(json_text, doc)) return fail(syntax->describe());
  if (!doc.IsObject()) return fail("the model must be a JSON object");
  const auto* format = detail::find_member(doc, "format");
  if (format == nullptr || detail::string_of(*format) != "soundoff-site-model")
    return fail("\"format\" must be \"soundoff-site-model\"");
  const auto* version = detail::find_member(doc, "version");
  if (version == nullptr || !detail::whole_number_in(*version, 1, 1)) return fail("\"version\" must be 1");
  SiteModel model;
  const auto* decisions = detail::find_member(doc, "decisions");
  const auto d = decisions ? detail::whole_number_in(*decisions, 0, INT64_MAX) : std::nullopt;
  if (!d) return fail("\"decisions\" must be a whole number of at least 0");
  model.decisions_ = static_cast<std::uint64_t>(*d);
  auto non_negative = [](const detail::JsonValue* v) -> std::optional<double> {
    if (v == nullptr || !v->IsNumber() || !(v->GetDouble() >= 0) || !std::isfinite(v->GetDouble())) return std::nullopt;
    return v->GetDouble();
  };
  for (const auto* name : {"spam_examples", "ham_examples"}) {
    const auto n = non_negative(detail::find_member(doc, name));
    if (!n) return fail(std::string("\"") + name + "\" must be a number of at least 0");
    (std::string_view(name) == "spam_examples" ? model.spam_examples_ : model.ham_examples_) = *n;
  }
  const auto* features = detail::find_member(doc, "features");
  if (features == nullptr || !features->IsObject()) return fail("\"features\" must be an object");
  for (auto it = features->MemberBegin(); it != features->MemberEnd(); ++it) {
    const std::string key(detail::string_of(it->name));
    char* end = nullptr;
    const unsigned long bucket = std::strtoul(key.c_str(), &end, 10);
    if (key.empty() || *end != '\0' || bucket >= kBuckets)
      return fail("features key \"" + key + "\" must be a bucket number below " + std::to_string(kBuckets));
    const auto& counts = it->value;
    const bool pair = counts.IsArray() && counts.Size() == 2;
    const auto spam = pair ? non_negative(&counts[0]) : std::nullopt;
    const auto ham = pair ? non_negative(&counts[1]) : std::nullopt;
    if (!spam || !ham) return fail("features[\"" + key + "\"] must be [spam count, ham count]");
    model.set_bucket(static_cast<std::uint32_t>(bucket), {*spam, *ham});
  }
  return model;
}

}  // namespace soundoff
