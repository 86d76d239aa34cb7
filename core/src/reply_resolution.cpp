// Reply resolution. One pass in time order keeps, per author, their latest
// comments and who addressed them last; each comment is decided from that
// state and its own words in O(length of the body), so a thread costs O(n).
// The rules, their order and their measured precision are in
// docs/reply-resolution.md.
#include "soundoff/reply_resolution.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>
#include <unordered_map>

#include "comment_selection.h"
#include "name_matching.h"
#include "reply_features.h"
#include "reply_ranker.h"
#include "soundoff/thread.h"

namespace soundoff {

namespace {

using detail::kNoName;
constexpr std::uint32_t kNone = InferredReply::kNone;
static_assert(kNone == kNoName);

// The later of two positions, either of which may be kNone.
std::uint32_t latest(std::uint32_t a, std::uint32_t b) { return a == kNone ? b : b == kNone ? a : std::max(a, b); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// Punctuation around a word that is not part of a name.
bool is_trim(char c) {
  return c == '(' || c == ')' || c == '[' || c == ']' || c == '"' || c == '\'' || c == '.' || c == '!' || c == '?' ||
         c == ';' || c == ':' || c == ',' || c == '<' || c == '>' || c == '*' || c == '~';
}

// Candidate strengths, strongest first. A name written as an address beats a
// name merely mentioned; the earliest of equals wins.
constexpr int kStrongStart = 5;  // `name:`, `name,`, `@name` at the start
constexpr int kAtMention = 4;    // `@name` anywhere, `blockage@name`
constexpr int kPunctuated = 3;   // `name:` / `name,` later in the body
constexpr int kBareStart = 2;    // a known name as the first word
constexpr int kBareMention = 1;  // a known name anywhere

// Confidence of each rule: its link precision on the Ubuntu IRC train split
// (`soundoff resolve --format irc --explain`, docs/reply-resolution.md),
// rounded. Line quotes ('>') never occur there; their value is a judgement.
constexpr float kConfidenceLineQuote = 0.85f;
constexpr float kConfidenceInlineQuote = 0.47f;
constexpr float kConfidenceCommand = 0.93f;
constexpr float kConfidenceAddressToMe = 0.75f;  // they had said something to the replier
constexpr float kConfidenceAddress = 0.64f;
constexpr float kConfidenceMention = 0.56f;
constexpr float kConfidenceUnknownName = 0.31f;
constexpr float kConfidenceTurn = 0.63f;
constexpr float kConfidenceContinuation = 0.66f;
constexpr float kConfidenceNew = 0.8f;
constexpr float kConfidenceAfterGreeting = 0.57f;

struct Candidate {
  std::uint32_t author = kNone;
  EvidenceKind kind = EvidenceKind::mention;
  std::uint32_t begin = 0, end = 0;
  int strength = 0;
};

// One word of a body, trimmed of surrounding punctuation, with its name key
// stored in Resolver::keys_ (words' keys are adjacent, so a run of words has
// a contiguous key).
struct Word {
  std::uint32_t begin = 0, end = 0;  // byte span in the body
  std::uint32_t at = 0;              // position of a leading '@', or the body size
  std::uint32_t key_begin = 0, key_end = 0;
  char after = '\0';    // the byte right after the trimmed word
  bool has_at = false;  // an '@' somewhere in the word
};

struct Author {
  // What the ranker reads for every candidate first, in one cache line.
  std::uint32_t count = 0;  // comments so far
  // How the comment being decided names them (valid when named_stamp is its position + 1).
  std::uint32_t named_stamp = 0;
  int named_strength = 0;
  // Whom they addressed in their latest addressing comments (a ring), for
  // "who addressed whom before".
  std::array<std::uint32_t, 4> addressed{kNone, kNone, kNone, kNone};
  std::uint32_t addressed_next = 0;
  const Candidate* named = nullptr;
  std::string key;
  bool common_word = false;
  bool bot = false;
  std::vector<std::uint32_t> recent;  // ring of their latest comment positions
  std::uint32_t recent_next = 0;
  std::uint32_t last = kNone;            // their latest comment position
  std::uint32_t addressed_last = kNone;  // latest comment by someone else addressed to them
  std::uint32_t answered_last = kNone;   // latest comment by someone else linked to one of theirs
  bool has_addressed(std::uint32_t who) const {
    return std::find(addressed.begin(), addressed.end(), who) != addressed.end();
  }
};

// What one body says about names.
struct Scan {
  const Candidate* best = nullptr;
  bool unknown_at = false;  // an `@name` naming nobody who has written yet
  ReplyEvidence unknown;
  bool command = false;  // holds a `!command`
};

class Resolver {
 public:
  Resolver(const std::vector<Comment>& comments, const ReplyOptions& options)
      : comments_(comments), options_(options) {}

  std::vector<InferredReply> run();

 private:
  std::uint32_t author_of(std::string_view name);
  Scan scan(std::string_view body, std::uint32_t me);
  std::uint32_t scan_lone_at(std::string_view body, std::uint32_t w, std::uint32_t me, Scan& result);
  bool rekey_inner_at(std::string_view body, std::uint32_t w);
  std::uint32_t scan_at_word(std::string_view body, std::uint32_t w, std::uint32_t me, Scan& result);
  std::uint32_t scan_plain_word(std::uint32_t w, std::uint32_t me);
  void add_candidate(std::uint32_t author, std::uint32_t me, EvidenceKind kind, std::uint32_t b, std::uint32_t e,
                     int strength);
  void note_unknown_at(std::string_view body, std::uint32_t b, std::uint32_t e, const Word& name, Scan& result) const;
  void split_words(std::string_view body, Scan& result);
  std::uint32_t match_run(std::uint32_t w, bool fuzzy, bool common, std::uint32_t& last_word) const;
  bool find_quote(std::uint32_t pos, ReplyEvidence& evidence, std::uint32_t& target) const;
  std::uint32_t answer_from(std::uint32_t author, std::uint32_t me) const;
  void note(std::uint32_t pos, std::uint32_t me, std::uint32_t addressee);
  void decide(std::uint32_t pos, const Comment& c, std::uint32_t me, InferredReply& r);
  detail::RuleKind apply_rules(std::uint32_t pos, const Comment& c, std::uint32_t me, Scan& s, InferredReply& r,
                               std::uint32_t& parent, std::uint32_t& addressee);
  void record_facts(std::uint32_t pos, const Comment& c, std::uint32_t me, const Scan& s);
  detail::MessageFacts message_facts(std::uint32_t pos, std::uint32_t me, const Scan& s, detail::RuleKind rule,
                                     std::uint32_t rule_parent) const;
  void candidate_features(const detail::MessageFacts& m, std::uint32_t target, detail::FeatureSet& out) const;
  detail::TargetAuthorFacts target_author_facts(const detail::MessageFacts& m, const detail::PositionFacts& t) const;
  void cache_target(std::uint32_t pos);
  void rank(const detail::MessageFacts& m, const Comment& c, const Scan& s, InferredReply& r);
  void explain(const detail::MessageFacts& m, std::uint32_t chosen, const Comment& c, InferredReply& r);
  void dump_features(const detail::MessageFacts& m);

  const std::vector<Comment>& comments_;
  const ReplyOptions& options_;
  std::vector<std::uint32_t> order_;         // position -> input index
  std::vector<std::uint32_t> author_at_;     // position -> author (kNone: system message)
  std::vector<std::uint32_t> addressee_at_;  // position -> author addressed (kNone)
  std::vector<std::uint32_t> parent_at_;     // position -> position answered (kNone)
  std::vector<std::uint32_t> words_at_;      // position -> words in the body (0 when not scanned)
  std::vector<bool> question_at_;            // position -> the body has a '?'
  std::vector<Author> authors_;
  detail::NameIndex names_;
  bool spaced_names_ = false;  // some name has a space: try multi-word runs
  std::uint32_t last_command_ = kNone;

  // Per-comment scratch, reused so that the scan allocates nothing.
  std::vector<Word> words_;
  std::string keys_;  // words' keys, adjacent; the first keys_size_ bytes are used
  std::uint32_t keys_size_ = 0;
  std::string scratch_;
  std::vector<Candidate> candidates_;
  std::vector<detail::PositionFacts> facts_;  // position -> what the ranker knows of it
  std::vector<float> scores_;                 // per candidate of the comment being ranked (reused)
  // Target-only partial scores of the latest comments (a ring: the window is shorter).
  static constexpr std::uint32_t kTargetCache = 64;
  static_assert(kTargetCache > detail::kRankerWindow);
  std::array<detail::PartialScore, kTargetCache> target_cache_{};

 public:
  // When set, run() writes every ranked comment's candidates and their
  // features here instead of deciding by the model (training, reply_features.h).
  std::string* feature_dump = nullptr;
  std::uint32_t dump_from = 0;
};

std::uint32_t Resolver::author_of(std::string_view name) {
  std::string key = detail::name_key(name);
  if (key.empty()) key = std::string(name);  // a name made only of symbols is still a name
  const auto found = names_.exact(key, detail::hash_bytes(key));
  if (found != kNoName) return found;
  const auto id = static_cast<std::uint32_t>(authors_.size());
  Author a;
  a.key = key;
  a.common_word = detail::is_common_word(key);
  for (const auto& bot : options_.bots)
    if (detail::name_key(bot) == key) a.bot = true;
  a.recent.assign(std::max<std::uint32_t>(options_.author_history, 1), kNone);
  names_.add(key, id);
  authors_.push_back(std::move(a));
  if (name.find(' ') != std::string_view::npos) spaced_names_ = true;
  return id;
}

// Splits the body into words outside `code` spans, with their keys.
void Resolver::split_words(std::string_view body, Scan& result) {
  const auto n = static_cast<std::uint32_t>(body.size());
  words_.clear();
  // A key is never longer than its word, so keys fit in the body's size; the
  // ASCII key is written while the word is scanned (punctuation, '@' and
  // backticks are not part of keys, so trimming does not change the key).
  keys_.resize(std::max<std::size_t>(keys_.size(), n));
  char* const keys = keys_.data();
  std::uint32_t key_size = 0;
  bool in_code = false;
  for (std::uint32_t i = 0; i < n;) {
    while (i < n && is_space(body[i])) ++i;
    if (i >= n) break;
    const std::uint32_t key_begin = key_size;
    std::uint32_t j = i;
    bool ticks = false, has_at = false, ascii = true;
    for (; j < n && !is_space(body[j]); ++j) {
      const char c = body[j];
      if (c >= 'a' && c <= 'z') {
        keys[key_size++] = c;
      } else if (c >= 'A' && c <= 'Z') {
        keys[key_size++] = static_cast<char>(c - 'A' + 'a');
      } else if (c >= '0' && c <= '9') {
        keys[key_size++] = c;
      } else if (c == '`') {
        ticks = !ticks;
      } else if (c == '@') {
        has_at = true;
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        ascii = false;
      }
    }
    if (in_code || body[i] == '`') {
      if (ticks) in_code = !in_code;
      key_size = key_begin;
      i = j;
      continue;
    }
    if (ticks) in_code = true;
    if (body[i] == '!' && i + 1 < j && is_letter(body[i + 1])) result.command = true;
    Word w;
    w.begin = i;
    w.end = j;
    w.at = n;
    while (w.begin < w.end && (is_trim(body[w.begin]) || body[w.begin] == '@')) {
      if (body[w.begin] == '@') w.at = w.begin;
      ++w.begin;
    }
    while (w.end > w.begin && is_trim(body[w.end - 1])) --w.end;
    w.after = w.end < n ? body[w.end] : '\0';
    w.has_at = has_at;
    if (!ascii) {
      // Letters beyond ASCII (and decorations to drop): the full rules.
      scratch_.clear();
      detail::append_name_key(scratch_, body.substr(w.begin, w.end - w.begin));
      key_size = key_begin + static_cast<std::uint32_t>(scratch_.size());
      std::copy(scratch_.begin(), scratch_.end(), keys + key_begin);
    }
    w.key_begin = key_begin;
    w.key_end = key_size;
    words_.push_back(w);
    i = j;
  }
  keys_size_ = key_size;
}

// The longest run of 1..3 words starting at word w that names an author
// (runs only when some name has a space). `fuzzy` allows a nick prefix or a
// typo for the first word; `common` allows names that are ordinary words.
std::uint32_t Resolver::match_run(std::uint32_t w, bool fuzzy, bool common, std::uint32_t& last_word) const {
  const auto count = static_cast<std::uint32_t>(words_.size());
  const std::uint32_t longest = spaced_names_ ? 3 : 1;
  std::uint32_t found = kNone;
  std::uint64_t h = detail::kHashSeed;
  for (std::uint32_t k = w; k < count && k < w + longest; ++k) {
    if (k > w && words_[k].begin > words_[k - 1].end + 1) break;  // names hold single spaces only
    const std::string_view key =
        std::string_view(keys_).substr(words_[w].key_begin, words_[k].key_end - words_[w].key_begin);
    h = detail::hash_bytes(std::string_view(keys_).substr(words_[k].key_begin, words_[k].key_end - words_[k].key_begin),
                           h);
    if (!key.empty()) {
      const auto a = fuzzy && k == w ? names_.fuzzy(key) : names_.exact(key, h);
      if (a != kNone && (k > w || common || !authors_[a].common_word)) {
        found = a;
        last_word = k;
      }
    }
    if (words_[k].after == ':' || words_[k].after == ',') break;
  }
  return found;
}

void Resolver::add_candidate(std::uint32_t author, std::uint32_t me, EvidenceKind kind, std::uint32_t b,
                             std::uint32_t e, int strength) {
  if (author == kNone || author == me || authors_[author].last == kNone) return;
  candidates_.push_back(Candidate{author, kind, b, e, strength});
}

// An `@` before something that is not name-like (`a @ b`, `@ 5pm`) names nobody.
void Resolver::note_unknown_at(std::string_view body, std::uint32_t b, std::uint32_t e, const Word& name,
                               Scan& result) const {
  if (result.unknown_at || name.key_end - name.key_begin < 2 || !is_letter(body[name.begin])) return;
  result.unknown_at = true;
  result.unknown = ReplyEvidence{EvidenceKind::mention, b, e, std::string(body.substr(b, e - b))};
}

// A lone "@" before a name: "@ saywhat". Returns the last word used.
std::uint32_t Resolver::scan_lone_at(std::string_view body, std::uint32_t w, std::uint32_t me, Scan& result) {
  const auto n = static_cast<std::uint32_t>(body.size());
  const auto count = static_cast<std::uint32_t>(words_.size());
  const Word& word = words_[w];
  if (word.at == n || w + 1 >= count || words_[w + 1].at != n || words_[w + 1].end <= words_[w + 1].begin) return w;
  std::uint32_t last = w + 1;
  const auto a = match_run(w + 1, true, true, last);
  if (a != kNone && authors_[a].last != kNone) {
    add_candidate(a, me, w == 0 ? EvidenceKind::address : EvidenceKind::mention, word.at, words_[last].end,
                  w == 0 ? kStrongStart : kAtMention);
  } else {
    note_unknown_at(body, word.at, words_[w + 1].end, words_[w + 1], result);
  }
  return last;
}

// `blockage@Mary` is a mention: re-keys the word as the part after '@'.
// False for `joe@example.com` (a dot on the right), `a@b@c` and `x@2`.
bool Resolver::rekey_inner_at(std::string_view body, std::uint32_t w) {
  Word& word = words_[w];
  const std::string_view text = body.substr(word.begin, word.end - word.begin);
  const auto inner = text.find('@');
  if (inner == std::string_view::npos) return true;
  const auto rest = text.substr(inner + 1);
  if (rest.empty() || rest.find('.') != std::string_view::npos || rest.find('@') != std::string_view::npos ||
      !is_letter(rest[0]))
    return false;
  word.at = word.begin + static_cast<std::uint32_t>(inner);
  word.begin = word.at + 1;
  scratch_.clear();
  detail::append_name_key(scratch_, rest);
  if (keys_.size() < keys_size_ + scratch_.size()) keys_.resize(keys_size_ + scratch_.size());
  std::copy(scratch_.begin(), scratch_.end(), keys_.begin() + keys_size_);
  word.key_begin = keys_size_;
  keys_size_ += static_cast<std::uint32_t>(scratch_.size());
  word.key_end = keys_size_;
  // Keys of a run must be adjacent: give this word's run up.
  if (w + 1 < words_.size()) word.after = ':';
  return true;
}

// `@name` (at the start an address, elsewhere a mention). Returns the last word used.
std::uint32_t Resolver::scan_at_word(std::string_view body, std::uint32_t w, std::uint32_t me, Scan& result) {
  const Word& word = words_[w];
  if (!is_letter(body[word.begin]) && static_cast<unsigned char>(body[word.begin]) < 0x80) return w;  // `@2x`
  const bool leading =
      w == 0 && word.at < word.begin && body.substr(0, word.at).find_first_not_of(" \t") == std::string_view::npos;
  std::uint32_t last = w;
  const auto a = match_run(w, true, true, last);
  if (a != kNone && authors_[a].last != kNone) {
    add_candidate(a, me, leading ? EvidenceKind::address : EvidenceKind::mention, word.at, words_[last].end,
                  leading ? kStrongStart : kAtMention);
    return last;
  }
  note_unknown_at(body, word.at, word.end, word, result);
  return w;
}

// A plain word: a name as the first word (`name:` strong, bare weak), a
// punctuated or bare known name later. Returns the last word used.
std::uint32_t Resolver::scan_plain_word(std::uint32_t w, std::uint32_t me) {
  const Word& word = words_[w];
  const bool punctuated = word.after == ':' || word.after == ',';
  std::uint32_t last = w;
  if (w == 0) {
    const auto a = match_run(0, punctuated, word.after == ':', last);
    if (a == kNone) return w;
    const bool strong = words_[last].after == ':' || words_[last].after == ',';
    add_candidate(a, me, EvidenceKind::address, word.begin, words_[last].end, strong ? kStrongStart : kBareStart);
    return last;
  }
  if (word.key_end - word.key_begin < 3) return w;
  const auto a = match_run(w, false, false, last);
  if (a == kNone) return w;
  add_candidate(a, me, punctuated ? EvidenceKind::address : EvidenceKind::mention, word.begin, words_[last].end,
                punctuated ? kPunctuated : kBareMention);
  return last;
}

// Finds the names a body addresses or mentions and keeps the strongest.
Scan Resolver::scan(std::string_view body, std::uint32_t me) {
  Scan result;
  split_words(body, result);
  candidates_.clear();
  const auto n = static_cast<std::uint32_t>(body.size());
  const auto count = static_cast<std::uint32_t>(words_.size());
  for (std::uint32_t w = 0; w < count; ++w) {
    if (words_[w].end <= words_[w].begin) {
      w = scan_lone_at(body, w, me, result);
      continue;
    }
    if (words_[w].at == n && words_[w].has_at && !rekey_inner_at(body, w)) continue;
    w = words_[w].at != n ? scan_at_word(body, w, me, result) : scan_plain_word(w, me);
  }
  for (const auto& c : candidates_)
    if (result.best == nullptr || c.strength > result.best->strength) result.best = &c;
  return result;
}

// Quoted text (a line starting with '>' or a passage in double quotes of at
// least 12 bytes) found verbatim in one of the preceding comments.
bool Resolver::find_quote(std::uint32_t pos, ReplyEvidence& evidence, std::uint32_t& target) const {
  const std::string_view body = comments_[order_[pos]].body;
  constexpr std::size_t kMinQuote = 12;
  std::string_view quote;
  std::size_t begin = 0;
  for (std::size_t line = 0; line < body.size() && quote.empty();) {
    auto end = body.find('\n', line);
    if (end == std::string_view::npos) end = body.size();
    if (body[line] == '>') {
      std::size_t b = line + 1;
      while (b < end && is_space(body[b])) ++b;
      if (end - b >= kMinQuote) {
        quote = body.substr(b, end - b);
        begin = b;
      }
    }
    line = end + 1;
  }
  for (std::size_t open = body.find('"'); quote.empty() && open != std::string_view::npos;) {
    const auto close = body.find('"', open + 1);
    if (close == std::string_view::npos) break;
    if (close - open - 1 >= kMinQuote) {
      quote = body.substr(open + 1, close - open - 1);
      begin = open + 1;
    }
    open = body.find('"', close + 1);
  }
  if (quote.empty()) return false;
  const std::uint32_t stop = pos > options_.quote_window ? pos - options_.quote_window : 0;
  for (std::uint32_t p = pos; p-- > stop;) {
    if (author_at_[p] == kNone || author_at_[p] == author_at_[pos]) continue;
    if (comments_[order_[p]].body.find(quote) == std::string::npos) continue;
    target = p;
    evidence = {EvidenceKind::quote, static_cast<std::uint32_t>(begin),
                static_cast<std::uint32_t>(begin + quote.size()), std::string(quote)};
    return true;
  }
  return false;
}

// Of the addressed author's latest comments, the one they said to `me`;
// else their latest comment.
std::uint32_t Resolver::answer_from(std::uint32_t author, std::uint32_t me) const {
  const Author& t = authors_[author];
  const auto size = static_cast<std::uint32_t>(t.recent.size());
  auto nth = [&](std::uint32_t k) { return k <= size ? t.recent[(t.recent_next + size - k) % size] : kNone; };
  for (std::uint32_t k = 1; k <= options_.author_history; ++k) {
    const auto p = nth(k);
    if (p == kNone) break;
    if (addressee_at_[p] == me) return p;
  }
  return t.last;
}

void Resolver::note(std::uint32_t pos, std::uint32_t me, std::uint32_t addressee) {
  addressee_at_[pos] = addressee;
  Author& a = authors_[me];
  a.last = pos;
  a.recent[a.recent_next] = pos;
  a.recent_next = (a.recent_next + 1) % static_cast<std::uint32_t>(a.recent.size());
  ++a.count;
  if (addressee != kNone && addressee != me) {
    authors_[addressee].addressed_last = pos;
    a.addressed[a.addressed_next] = addressee;
    a.addressed_next = (a.addressed_next + 1) % static_cast<std::uint32_t>(a.addressed.size());
  }
  if (parent_at_[pos] != kNone && author_at_[parent_at_[pos]] != me)
    authors_[author_at_[parent_at_[pos]]].answered_last = pos;
}

// The rules, in order: quote, bot command, a name (addressed or mentioned),
// an `@name` nobody here has, turn-taking (addressed or answered), the
// opening after a greeting, continuation, else a new conversation. Fills the
// confidence and evidence of `r`; `parent` (a position) and `addressee` are
// the rules' answer.
detail::RuleKind Resolver::apply_rules(std::uint32_t pos, const Comment& c, std::uint32_t me, Scan& s, InferredReply& r,
                                       std::uint32_t& parent, std::uint32_t& addressee) {
  using detail::RuleKind;
  const Author& self = authors_[me];
  const std::uint32_t own = self.last;
  auto recent = [&](std::uint32_t p, std::uint32_t window) {
    return p != kNone && pos - p <= window &&
           (options_.max_gap_ms == 0 || c.created_ms - comments_[order_[p]].created_ms <= options_.max_gap_ms);
  };
  parent = kNone;
  addressee = s.best != nullptr ? s.best->author : kNone;
  std::uint32_t quote_target = kNone;
  ReplyEvidence quote_evidence;

  if (find_quote(pos, quote_evidence, quote_target)) {
    parent = quote_target;
    r.confidence = quote_evidence.begin > 0 && c.body[quote_evidence.begin - 1] == '"' ? kConfidenceInlineQuote
                                                                                       : kConfidenceLineQuote;
    r.evidence.push_back(std::move(quote_evidence));
    return RuleKind::quote;
  }
  if (self.bot && recent(last_command_, options_.bot_window)) {
    parent = last_command_;
    r.confidence = kConfidenceCommand;
    r.evidence.push_back(ReplyEvidence{EvidenceKind::command, 0, 0, {}});
    return RuleKind::command;
  }
  if (s.best != nullptr) {
    const Candidate& best = *s.best;
    parent = answer_from(best.author, me);
    // Still talking to them and they have not answered yet: a continuation
    // of the replier's own point to them.
    const bool still_waiting = addressee_at_[parent] != me && own != kNone && addressee_at_[own] == best.author &&
                               authors_[best.author].last < own && recent(own, options_.window);
    if (still_waiting) parent = own;
    const bool to_me = addressee_at_[parent] == me;
    r.confidence = to_me                           ? kConfidenceAddressToMe
                   : best.strength == kBareMention ? kConfidenceMention
                                                   : kConfidenceAddress;
    r.evidence.push_back(
        ReplyEvidence{best.kind, best.begin, best.end,
                      std::string(std::string_view(c.body).substr(best.begin, best.end - best.begin))});
    if (to_me) r.evidence.push_back(ReplyEvidence{EvidenceKind::turn_taking, 0, 0, {}});
    return still_waiting                   ? RuleKind::still_waiting
           : to_me                         ? RuleKind::address_to_me
           : best.strength == kBareMention ? RuleKind::mention
                                           : RuleKind::address;
  }
  if (s.unknown_at) {
    // Addressed to someone who has not written here: not an answer to
    // whoever happens to be nearby. The name is remembered, so that when
    // they do write, answers to them can find this comment.
    std::string_view name = s.unknown.text;
    while (!name.empty() && (name.front() == '@' || is_space(name.front()))) name.remove_prefix(1);
    addressee = author_of(name);
    r.confidence = kConfidenceUnknownName;
    r.evidence.push_back(std::move(s.unknown));
    return RuleKind::unknown_at;
  }
  if (const auto asked = latest(self.addressed_last, self.answered_last);
      asked != kNone && (own == kNone || asked > own) && recent(asked, options_.window + 10)) {
    parent = asked;
    r.confidence = kConfidenceTurn;
    r.evidence.push_back(ReplyEvidence{EvidenceKind::turn_taking, 0, 0, {}});
    return RuleKind::turn;
  }
  if (own != kNone && parent_at_[own] == kNone && words_at_[own] > 0 && words_at_[own] <= 3 && !question_at_[own]) {
    // The author opened with a greeting ("hi all"); this is the real opening.
    r.confidence = kConfidenceAfterGreeting;
    return RuleKind::after_greeting;
  }
  if (recent(own, options_.window)) {
    parent = own;
    r.confidence = kConfidenceContinuation;
    r.evidence.push_back(ReplyEvidence{EvidenceKind::continuation, 0, 0, {}});
    return RuleKind::continuation;
  }
  r.confidence = kConfidenceNew;
  return RuleKind::new_conversation;
}

namespace {

// Words that open a conversation or close one; compared by name key.
bool is_greeting(std::string_view key) {
  return key == "hi" || key == "hello" || key == "hey" || key == "hiya" || key == "heya" || key == "howdy" ||
         key == "morning" || key == "yo" || key == "greetings" || key == "evening" || key == "hola" || key == "hallo";
}
bool is_thanks(std::string_view key) {
  return key == "thanks" || key == "thank" || key == "thx" || key == "ty" || key == "thankyou" || key == "cheers" ||
         key == "thanx" || key == "tnx" || key == "tks";
}
bool has_url(std::string_view body) {
  return body.find("://") != std::string_view::npos || body.find("www.") != std::string_view::npos;
}

}  // namespace

// What the ranker will need to know of this comment when a later one looks
// back at it; and how this body names each author (Author::named_*).
void Resolver::record_facts(std::uint32_t pos, const Comment& c, std::uint32_t me, const Scan& s) {
  detail::PositionFacts& f = facts_[pos];
  f.minute = c.created_ms / 60'000;
  f.author = me;
  f.author_seq = authors_[me].count;
  f.words = static_cast<std::uint16_t>(std::min<std::size_t>(words_.size(), 0xFFFF));
  f.question = c.body.find('?') != std::string::npos;
  f.url = has_url(c.body);
  f.command = s.command;
  f.bot = authors_[me].bot;
  const std::string_view keys = keys_;
  auto key = [&](const Word& w) { return keys.substr(w.key_begin, w.key_end - w.key_begin); };
  f.greeting = !words_.empty() && is_greeting(key(words_[0]));
  for (const auto& w : words_) {
    if (w.key_end - w.key_begin > 8) continue;
    if (is_thanks(key(w))) {
      f.thanks = true;
      break;
    }
  }
  for (const auto& cand : candidates_) {
    Author& a = authors_[cand.author];
    if (a.named_stamp != pos + 1) {
      a.named_stamp = pos + 1;
      a.named_strength = 0;
    }
    if (cand.strength > a.named_strength) {
      a.named_strength = cand.strength;
      a.named = &cand;
    }
  }
}

detail::MessageFacts Resolver::message_facts(std::uint32_t pos, std::uint32_t me, const Scan& s, detail::RuleKind rule,
                                             std::uint32_t rule_parent) const {
  const Author& self = authors_[me];
  detail::MessageFacts m;
  m.pos = pos;
  m.me = me;
  m.own = self.last;
  m.addressed_last = self.addressed_last;
  if (m.own != kNone) m.own_minute = facts_[m.own].minute;
  m.addressee = s.best != nullptr ? s.best->author : kNone;
  m.rule_parent = rule_parent;
  m.rule = rule;
  m.names_someone = s.best != nullptr;
  const auto asked = latest(self.addressed_last, self.answered_last);
  m.addressed_pending = asked != kNone && (m.own == kNone || asked > m.own);
  m.first_by_author = self.count == 0;
  m.self = facts_[pos];
  return m;
}

void Resolver::candidate_features(const detail::MessageFacts& m, std::uint32_t target, detail::FeatureSet& out) const {
  out.size = 0;
  if (target == m.pos) {
    detail::self_features(m, out);
    return;
  }
  const detail::PositionFacts& t = facts_[target];
  detail::pair_features(m, target, t, target_author_facts(m, t), out);
}

detail::TargetAuthorFacts Resolver::target_author_facts(const detail::MessageFacts& m,
                                                        const detail::PositionFacts& t) const {
  const Author& a = authors_[t.author];
  detail::TargetAuthorFacts af;
  af.named_strength = a.named_stamp == m.pos + 1 ? a.named_strength : 0;
  af.rank = a.count - t.author_seq;
  af.replier_addressed_them = authors_[m.me].has_addressed(t.author);
  af.they_addressed_replier = a.has_addressed(m.me);
  return af;
}

// Sums the target-only features of the comment at pos, for later candidates.
void Resolver::cache_target(std::uint32_t pos) {
  detail::FeatureSet features;
  detail::target_features(facts_[pos], features);
  detail::PartialScore& p = target_cache_[pos % kTargetCache];
  p = detail::PartialScore{};
  detail::ranker_add(features, p);
}

// Scores "a new conversation" and every earlier comment in the window, and
// keeps the best (the nearest of equals); the confidence is its share of the
// softmax over them. Per candidate only the pair's own features are added:
// the replying comment's are summed once, each target's once when it was read.
void Resolver::rank(const detail::MessageFacts& m, const Comment& c, const Scan& s, InferredReply& r) {
  (void)s;
  const std::uint32_t window = detail::kRankerWindow;
  const std::uint32_t stop = m.pos > window ? m.pos - window : 0;
  detail::FeatureSet features;
  detail::self_features(m, features);
  detail::PartialScore self = detail::ranker_start();
  detail::ranker_add(features, self);
  float best_score = detail::ranker_finish(self);
  std::uint32_t chosen = m.pos;
  float second_score = -1e30f;
  std::uint32_t second = kNone;
  float rule_score = m.rule_parent == kNone ? best_score : -1e30f;  // the rules' answer is in the window
  features.size = 0;
  detail::reply_features(m, features);
  detail::PartialScore reply = detail::ranker_start();
  detail::ranker_add(features, reply);
  scores_.clear();
  scores_.push_back(best_score);
  for (std::uint32_t p = m.pos; p-- > stop;) {
    const detail::PositionFacts& t = facts_[p];
    if (t.author == kNone) continue;  // system messages are never an answer
    // Positions are in time order: everything further back is older still.
    if (options_.max_gap_ms != 0 && c.created_ms - comments_[order_[p]].created_ms > options_.max_gap_ms) break;
    features.size = 0;
    detail::link_features(m, p, t, target_author_facts(m, t), features);
    const float score = detail::ranker_score_of(reply, target_cache_[p % kTargetCache], features);
    scores_.push_back(score);
    if (p == m.rule_parent) rule_score = score;
    if (score > best_score) {
      second_score = best_score;
      second = chosen;
      best_score = score;
      chosen = p;
    } else if (score > second_score) {
      second_score = score;
      second = p;
    }
  }
  float total = 0;
  for (const float v : scores_) {
    const float d = v - best_score;
    if (d > -30.0f) total += std::exp(d);
  }
  const float rules_confidence = r.confidence;  // set by apply_rules
  r.confidence = 1.0f / total;
  // Two deliberate calls of the rules — the real opening after a greeting,
  // and going on with one's point to someone who has not answered yet — are
  // overruled only when the ranker is at least this sure. On IRC dev that
  // cost 0.2 of F (train 0.16, 16-unit model); comment sections rely on them
  // (tests/reply_resolution_test.cpp), and the ranker never saw one.
  constexpr float kOverruleConfidence = 0.7f;
  const std::uint32_t rule_choice = m.rule_parent == kNone ? m.pos : m.rule_parent;
  if ((m.rule == detail::RuleKind::after_greeting || m.rule == detail::RuleKind::still_waiting) &&
      chosen != rule_choice && r.confidence < kOverruleConfidence && rule_score > -1e29f) {
    r.confidence = rules_confidence;  // as where the rules stand: their train precision
    chosen = rule_choice;
    second = kNone;
  }
  explain(m, chosen, c, r);
  r.parent = chosen == m.pos ? kNone : order_[chosen];
  // A close runner-up is a second answer (a comment may answer two); never
  // "a new conversation" beside an answer.
  if (options_.second_parent_share > 0 && chosen != m.pos && second != m.pos && second != kNone &&
      std::exp(second_score - best_score) / total >= options_.second_parent_share)
    r.second_parent = order_[second];
}

// Evidence for the ranker's choice: the rules' own when it agrees with them
// (their spans), else what its strongest features point at; and the top
// contributing features by name.
void Resolver::explain(const detail::MessageFacts& m, std::uint32_t chosen, const Comment& c, InferredReply& r) {
  using detail::Feature;
  detail::FeatureSet features;
  candidate_features(m, chosen, features);
  std::array<float, detail::FeatureSet::kMaxActive> weight{};
  detail::ranker_contributions(features, weight);
  std::array<std::uint8_t, detail::FeatureSet::kMaxActive> by_weight{};
  for (std::uint8_t i = 0; i < features.size; ++i) by_weight[i] = i;
  std::sort(by_weight.begin(), by_weight.begin() + features.size,
            [&](std::uint8_t a, std::uint8_t b) { return weight[a] > weight[b]; });
  r.features.clear();
  for (std::uint8_t k = 0; k < features.size && r.features.size() < 3; ++k) {
    const auto i = by_weight[k];
    if (weight[i] <= 0) break;
    r.features.push_back(RankedFeature{detail::feature_name(static_cast<Feature>(features.ids[i])), weight[i]});
  }
  if (chosen == m.rule_parent || (chosen == m.pos && m.rule_parent == kNone)) return;  // the rules' evidence stands
  r.evidence.clear();
  if (chosen == m.pos) return;
  const detail::PositionFacts& t = facts_[chosen];
  const Author& a = authors_[t.author];
  if (a.named_stamp == m.pos + 1 && a.named != nullptr) {
    const Candidate& named = *a.named;
    r.evidence.push_back(
        ReplyEvidence{named.kind, named.begin, named.end,
                      std::string(std::string_view(c.body).substr(named.begin, named.end - named.begin))});
  }
  if (t.addressee == m.me || t.answered == m.me)
    r.evidence.push_back(ReplyEvidence{EvidenceKind::turn_taking, 0, 0, {}});
  if (t.author == m.me) r.evidence.push_back(ReplyEvidence{EvidenceKind::continuation, 0, 0, {}});
  if (t.command && m.self.bot) r.evidence.push_back(ReplyEvidence{EvidenceKind::command, 0, 0, {}});
}

// One line per comment: "pos rule_parent|cand f,f,f|cand f,f|..." (rule_parent
// -1 for none; the candidate equal to pos is "a new conversation").
void Resolver::dump_features(const detail::MessageFacts& m) {
  const std::uint32_t window = detail::kRankerWindow;
  const std::uint32_t stop = m.pos > window ? m.pos - window : 0;
  std::string& out = *feature_dump;
  char number[16];
  std::snprintf(number, sizeof number, "%u ", m.pos);
  out += number;
  out += m.rule_parent == kNone ? std::string("-1") : std::to_string(m.rule_parent);
  detail::FeatureSet features;
  for (std::uint32_t p = m.pos + 1; p-- > stop;) {
    if (p != m.pos && facts_[p].author == kNone) continue;
    candidate_features(m, p, features);
    std::snprintf(number, sizeof number, "|%u ", p);
    out += number;
    for (std::size_t i = 0; i < features.size; ++i) {
      if (i > 0) out += ',';
      out += std::to_string(features.ids[i]);
    }
  }
  out += '\n';
}

void Resolver::decide(std::uint32_t pos, const Comment& c, std::uint32_t me, InferredReply& r) {
  Scan s = scan(c.body, me);
  words_at_[pos] = static_cast<std::uint32_t>(words_.size());
  question_at_[pos] = c.body.find('?') != std::string::npos;
  record_facts(pos, c, me, s);
  std::uint32_t parent = kNone, addressee = kNone;
  const detail::RuleKind rule = apply_rules(pos, c, me, s, r, parent, addressee);
  // The rules' links (not the ranker's) feed the rules' state and the
  // features, so a feature never depends on the model that consumes it.
  parent_at_[pos] = parent;
  if (parent != kNone) {
    facts_[pos].answered = author_at_[parent];
    // A later comment's target features are cached when it is read: count
    // the answer there too, so the cache and the facts agree.
    if (facts_[parent].answers < 0xFFFF && ++facts_[parent].answers <= 2 && options_.ranker &&
        pos - parent < kTargetCache)
      cache_target(parent);
  }
  facts_[pos].addressee = addressee;
  if (options_.ranker) cache_target(pos);
  // What the ranker may not overrule, the explicit reply forms of comment
  // sections, which the IRC train split barely has: a `> quoted` line (never
  // on IRC) answers the quoted comment; an `@name` is taken at its word: to
  // someone who has not written here, it answers nobody here, to someone who
  // had addressed the replier, what they said to the replier (the seed
  // page's `@ saywhat` and `blockage@Mary`; IRC minutes, the model's time
  // gaps, say little about a comment section). On IRC they cost 0.1 of dev F.
  const bool at_word = s.best != nullptr && c.body[s.best->begin] == '@';
  const bool line_quote = rule == detail::RuleKind::quote && !r.evidence.empty() && r.evidence[0].begin > 0 &&
                          c.body[r.evidence[0].begin - 1] != '"';
  const bool rules_stand =
      line_quote || rule == detail::RuleKind::unknown_at || (rule == detail::RuleKind::address_to_me && at_word);
  if (feature_dump != nullptr) {
    if (pos >= dump_from) dump_features(message_facts(pos, me, s, rule, parent));
  } else if (options_.ranker && !rules_stand) {
    rank(message_facts(pos, me, s, rule, parent), c, s, r);
  } else {
    r.parent = parent == kNone ? kNone : order_[parent];
  }
  if (s.command) last_command_ = pos;
  note(pos, me, addressee);
}

std::vector<InferredReply> Resolver::run() {
  const auto n = static_cast<std::uint32_t>(comments_.size());
  std::vector<InferredReply> out(n);
  order_.resize(n);
  std::iota(order_.begin(), order_.end(), 0u);
  const auto earlier = [](const Comment& a, const Comment& b) { return a.created_ms < b.created_ms; };
  if (!std::is_sorted(comments_.begin(), comments_.end(), earlier)) {
    std::stable_sort(order_.begin(), order_.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return earlier(comments_[a], comments_[b]); });
  }
  author_at_.assign(n, kNone);
  addressee_at_.assign(n, kNone);
  parent_at_.assign(n, kNone);
  words_at_.assign(n, 0);
  question_at_.assign(n, false);
  facts_.assign(n, detail::PositionFacts{});
  // Explicit parents are looked up by id; most flat threads have none.
  const bool any_parent =
      std::any_of(comments_.begin(), comments_.end(), [](const Comment& c) { return c.has_parent(); });
  std::unordered_map<std::string_view, std::uint32_t> position_of_id;

  for (std::uint32_t pos = 0; pos < n; ++pos) {
    const Comment& c = comments_[order_[pos]];
    InferredReply& r = out[order_[pos]];
    if (c.author.empty()) continue;  // a system message
    const std::uint32_t me = author_of(c.author);
    author_at_[pos] = me;
    if (any_parent) position_of_id.emplace(c.id, pos);
    if (!c.has_parent()) {
      decide(pos, c, me, r);
      continue;
    }
    r.explicit_parent = true;
    std::uint32_t addressee = kNone;
    if (const auto it = position_of_id.find(c.parent); it != position_of_id.end()) {
      parent_at_[pos] = it->second;
      addressee = author_at_[it->second];
    }
    // Still a candidate for later comments, with what is known without a scan.
    detail::PositionFacts& f = facts_[pos];
    f.minute = c.created_ms / 60'000;
    f.author = me;
    f.author_seq = authors_[me].count;
    f.addressee = addressee;
    f.answered = addressee;
    f.bot = authors_[me].bot;
    if (options_.ranker) cache_target(pos);
    note(pos, me, addressee);
  }
  return out;
}

}  // namespace

std::string detail::reply_feature_dump(const std::vector<Comment>& comments, const ReplyOptions& options,
                                       std::uint32_t from) {
  std::string out = "# features";
  for (std::uint16_t f = 0; f < detail::kFeatureCount; ++f) {
    out += ' ';
    out += detail::feature_name(static_cast<detail::Feature>(f));
  }
  out += '\n';
  Resolver resolver(comments, options);
  resolver.feature_dump = &out;
  resolver.dump_from = from;
  resolver.run();
  return out;
}

std::string_view evidence_kind_name(EvidenceKind kind) {
  switch (kind) {
    case EvidenceKind::mention:
      return "mention";
    case EvidenceKind::address:
      return "address";
    case EvidenceKind::quote:
      return "quote";
    case EvidenceKind::turn_taking:
      return "turn_taking";
    case EvidenceKind::continuation:
      return "continuation";
    case EvidenceKind::command:
      return "command";
  }
  return "mention";
}

std::vector<InferredReply> resolve_replies(const std::vector<Comment>& comments, const ReplyOptions& options) {
  return Resolver(comments, options).run();
}

std::vector<InferredReply> resolve_thread_replies(const std::vector<Comment>& comments, const AssembleOptions& options,
                                                  const ReplyOptions& reply_options) {
  std::unordered_map<std::string_view, std::uint32_t> by_id;
  const detail::CommentSelection selection = detail::select_comments(comments, options, by_id);
  std::vector<Comment> linkable;
  std::vector<std::uint32_t> index_of;
  for (std::uint32_t i = 0; i < comments.size(); ++i) {
    if (!selection.linkable(comments, i)) continue;
    linkable.push_back(comments[i]);
    index_of.push_back(i);
  }
  auto verdicts = resolve_replies(linkable, reply_options);
  std::vector<InferredReply> out(comments.size());
  for (std::size_t k = 0; k < verdicts.size(); ++k) {
    auto& r = verdicts[k];
    if (r.parent != kNone) r.parent = index_of[r.parent];
    out[index_of[k]] = std::move(r);
  }
  return out;
}

std::vector<InferredReply> resolve_document_replies(const Document& document, AssembleOptions options,
                                                    const ReplyOptions& reply_options) {
  options.document_thread = document.thread;
  return resolve_thread_replies(document.comments, options, reply_options);
}

}  // namespace soundoff
