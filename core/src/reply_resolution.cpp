// Reply resolution. One pass in time order keeps, per author, their latest
// comments and who addressed them last; each comment is decided from that
// state and its own text in O(length of the body), so a thread costs O(n).
// The rules and their order are explained (with measured precision) in
// docs/reply-resolution.md.
#include "soundoff/reply_resolution.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <string>
#include <unordered_map>

namespace soundoff {

namespace {

constexpr std::uint32_t kNone = InferredReply::kNone;

// ---------------------------------------------------------------- names

// Decodes one UTF-8 code point at s[i]; returns its length (1 for an invalid
// byte, which is then treated as a symbol and dropped).
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    cp = 0xFFFD;
    return 1;
  }
  cp = len == 1 ? b : len == 2 ? (b & 0x1Fu) : len == 3 ? (b & 0x0Fu) : (b & 0x07u);
  for (std::size_t k = 1; k < len; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c >> 6) != 0x2) {
      cp = 0xFFFD;
      return 1;
    }
    cp = (cp << 6) | (c & 0x3Fu);
  }
  return len;
}

// Symbols people decorate names with (©, ®, ™, stars, emoji, zero-width
// joiners, variation selectors) and non-ASCII punctuation.
bool is_decoration(char32_t cp) {
  return cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF || (cp >= 0xFF00 && cp <= 0xFF0F) || cp >= 0x1F000 ||
         cp == 0xFFFD;
}

bool is_ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void append_key(std::string& key, std::string_view name) {
  for (std::size_t i = 0; i < name.size();) {
    const char c = name[i];
    if (static_cast<unsigned char>(c) < 0x80) {
      if (is_ascii_alnum(c)) key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t len = decode(name, i, cp);
    if (!is_decoration(cp)) key.append(name.substr(i, len));
    i += len;
  }
}

// Words that are also somebody's nick on IRC ("ok", "the", "help") must not
// turn every sentence into an address. Such names only link with `@` or as
// `name:` at the very start.
bool is_common_word(std::string_view key) {
  static constexpr std::array<std::string_view, 118> kWords = {
      "a",     "about", "after", "again", "all",    "also",  "am",     "an",    "and",   "any",   "anyone", "are",
      "as",    "at",    "be",    "because", "been", "but",  "by",     "can",   "could", "did",   "do",     "does",
      "done",  "for",   "from",  "get",   "go",     "good",  "got",    "had",   "has",   "have",  "he",     "hello",
      "help",  "her",   "here",  "hey",   "hi",     "him",   "his",    "how",   "i",     "if",    "in",     "is",
      "it",    "its",   "just",  "know",  "like",   "linux", "lol",    "man",   "me",    "mine",  "more",   "my",
      "no",    "nope",  "not",   "now",   "of",     "ok",    "okay",   "on",    "one",   "or",    "our",    "out",
      "please", "right", "see",  "she",   "so",     "some",  "sorry",  "sure",  "than",  "thank", "thanks", "that",
      "the",   "their", "them",  "then",  "there",  "these", "they",   "this",  "thx",   "to",    "too",    "try",
      "ubuntu", "up",   "us",    "use",   "was",    "we",    "well",   "what",  "when",  "where", "which",  "who",
      "why",   "will",  "with",  "would", "yeah",   "yes",   "yet",    "you",   "your",  "root",
  };
  return std::find(kWords.begin(), kWords.end(), key) != kWords.end();
}

// --------------------------------------------------------- the body scan

// Where and how a name was found in a body. Strength orders candidates.
struct Candidate {
  std::uint32_t author = kNone;
  EvidenceKind kind = EvidenceKind::mention;
  std::uint32_t begin = 0, end = 0;
  int strength = 0;
};

constexpr int kStrongStart = 5;   // `name:`, `name,`, `@name` at the start
constexpr int kAtMention = 4;     // `@name` anywhere
constexpr int kPunctuated = 3;    // `name:` / `name,` later in the body
constexpr int kBareStart = 2;     // a known name as the first word
constexpr int kBareMention = 1;   // a known name anywhere

struct Word {
  std::uint32_t begin, end;  // trimmed of surrounding punctuation
  char after;                // the character right after the trimmed word ('\0' at the end)
};

bool is_trim(char c) {
  return c == '(' || c == ')' || c == '[' || c == ']' || c == '"' || c == '\'' || c == '.' || c == '!' ||
         c == '?' || c == ';' || c == ':' || c == ',' || c == '<' || c == '>' || c == '*' || c == '~';
}

}  // namespace

namespace detail {
std::string name_key(std::string_view name) {
  std::string key;
  append_key(key, name);
  return key;
}
}  // namespace detail

std::string_view evidence_kind_name(EvidenceKind kind) {
  switch (kind) {
    case EvidenceKind::mention: return "mention";
    case EvidenceKind::address: return "address";
    case EvidenceKind::quote: return "quote";
    case EvidenceKind::turn_taking: return "turn_taking";
    case EvidenceKind::continuation: return "continuation";
  }
  return "mention";
}

namespace {

// Everything known about one author so far.
struct Author {
  std::string key;
  bool common_word = false;
  std::vector<std::uint32_t> recent;  // ring of their latest comment positions
  std::uint32_t recent_next = 0;
  std::uint32_t last = kNone;          // their latest comment position
  std::uint32_t addressed_last = kNone;  // latest comment (by someone else) addressed to them
};

class Resolver {
 public:
  Resolver(const std::vector<Comment>& comments, const ReplyOptions& options)
      : comments_(comments), options_(options) {}

  std::vector<InferredReply> run();

 private:
  std::uint32_t author_of(std::string_view name);
  std::uint32_t find_name(std::string_view key, bool fuzzy) const;
  void scan(const Comment& c, std::uint32_t me, std::vector<Candidate>& out, bool& unknown_at,
            ReplyEvidence& unknown_span) const;
  bool find_quote(std::uint32_t pos, ReplyEvidence& evidence, std::uint32_t& target) const;
  std::uint32_t answer_from(std::uint32_t target_author, std::uint32_t me) const;
  void note(std::uint32_t pos, std::uint32_t me, std::uint32_t addressee);

  const std::vector<Comment>& comments_;
  const ReplyOptions& options_;
  std::vector<std::uint32_t> order_;       // position -> input index
  std::vector<std::uint32_t> author_at_;   // position -> author id (kNone: system)
  std::vector<std::uint32_t> addressee_at_;  // position -> author addressed (kNone)
  std::vector<std::uint32_t> parent_at_;   // position -> position answered (kNone)
  std::vector<Author> authors_;
  std::unordered_map<std::string, std::uint32_t> by_key_;
  std::unordered_map<std::string, std::uint32_t> by_prefix_;    // prefixes of keys (>= 3 bytes)
  std::unordered_map<std::string, std::uint32_t> by_deletion_;  // keys with one byte deleted (>= 5 bytes)
  mutable std::string scratch_;
};

std::uint32_t Resolver::author_of(std::string_view name) {
  std::string key = detail::name_key(name);
  if (key.empty()) key = std::string(name);  // a name made only of symbols is still a name
  const auto it = by_key_.find(key);
  if (it != by_key_.end()) return it->second;
  const auto id = static_cast<std::uint32_t>(authors_.size());
  Author a;
  a.key = key;
  a.common_word = is_common_word(key);
  a.recent.assign(std::max<std::uint32_t>(options_.author_history, 1), kNone);
  authors_.push_back(std::move(a));
  by_key_.emplace(key, id);
  // Later authors win a shared prefix: they are the ones still talking.
  for (std::size_t n = 3; n < key.size(); ++n) by_prefix_[key.substr(0, n)] = id;
  if (key.size() >= 5) {
    for (std::size_t k = 0; k < key.size(); ++k) by_deletion_[key.substr(0, k) + key.substr(k + 1)] = id;
  }
  return id;
}

// The author whose name has `key`: exact, else (fuzzy) a nick prefix or one
// typo away (a byte missing, extra or changed). kNone when nobody matches.
std::uint32_t Resolver::find_name(std::string_view key, bool fuzzy) const {
  if (key.empty()) return kNone;
  scratch_.assign(key);
  if (const auto it = by_key_.find(scratch_); it != by_key_.end()) return it->second;
  if (!fuzzy || key.size() < 3) return kNone;
  if (const auto it = by_prefix_.find(scratch_); it != by_prefix_.end()) return it->second;
  if (key.size() < 5) return kNone;
  if (const auto it = by_deletion_.find(scratch_); it != by_deletion_.end()) return it->second;  // one missing
  for (std::size_t k = 0; k < key.size(); ++k) {
    scratch_.assign(key.substr(0, k));
    scratch_.append(key.substr(k + 1));
    if (const auto it = by_key_.find(scratch_); it != by_key_.end()) return it->second;  // one extra
    if (const auto it = by_deletion_.find(scratch_); it != by_deletion_.end()) return it->second;  // one changed
  }
  return kNone;
}

// Finds every name the body addresses or mentions. `unknown_at` is set when
// an `@name` names nobody who has written yet.
void Resolver::scan(const Comment& c, std::uint32_t me, std::vector<Candidate>& out, bool& unknown_at,
                    ReplyEvidence& unknown_span) const {
  const std::string_view body = c.body;
  const auto n = static_cast<std::uint32_t>(body.size());

  // Words, outside `code` spans, trimmed of punctuation.
  std::array<Word, 64> words{};
  std::uint32_t count = 0;
  std::array<std::uint32_t, 64> at_sign{};  // position of a leading '@' per word, or n
  bool in_code = false;
  for (std::uint32_t i = 0; i < n && count < words.size();) {
    while (i < n && is_space(body[i])) ++i;
    if (i >= n) break;
    std::uint32_t j = i;
    while (j < n && !is_space(body[j])) ++j;
    const bool starts_code = body[i] == '`';
    const bool ticks = std::count(body.begin() + i, body.begin() + j, '`') % 2 == 1;
    if (in_code || starts_code) {
      if (ticks) in_code = !in_code;
      i = j;
      continue;
    }
    if (ticks) in_code = true;
    std::uint32_t b = i, e = j;
    std::uint32_t at = n;
    while (b < e && (is_trim(body[b]) || body[b] == '@')) {
      if (body[b] == '@') at = b;
      ++b;
    }
    while (e > b && is_trim(body[e - 1])) --e;
    words[count] = Word{b, e, e < n ? body[e] : '\0'};
    at_sign[count] = at;
    ++count;
    i = j;
  }

  auto add = [&](std::uint32_t author, EvidenceKind kind, std::uint32_t b, std::uint32_t e, int strength) {
    if (author == kNone || author == me || authors_[author].last == kNone) return;
    out.push_back(Candidate{author, kind, b, e, strength});
  };
  // The longest run of 1..3 words starting at word w that names an author.
  // `common` allows names that are ordinary words (only after `@` or as
  // `name:` at the start).
  auto match_run = [&](std::uint32_t w, bool fuzzy, bool common, std::uint32_t& last_word) -> std::uint32_t {
    std::string key;
    std::uint32_t found = kNone;
    for (std::uint32_t k = w; k < count && k < w + 3; ++k) {
      if (k > w && words[k].begin > words[k - 1].end + 1) break;  // names hold single spaces only
      append_key(key, body.substr(words[k].begin, words[k].end - words[k].begin));
      const auto a = find_name(key, fuzzy && k == w);
      if (a != kNone && (k > w || common || !authors_[a].common_word)) {
        found = a;
        last_word = k;
      }
      if (words[k].after == ':' || words[k].after == ',') break;
    }
    return found;
  };

  for (std::uint32_t w = 0; w < count; ++w) {
    const Word& word = words[w];
    if (word.end <= word.begin) {
      // A lone "@" followed by a name: "@ saywhat".
      if (at_sign[w] != n && w + 1 < count && at_sign[w + 1] == n) {
        std::uint32_t last = w + 1;
        const auto a = match_run(w + 1, true, true, last);
        if (a != kNone && authors_[a].last != kNone) {
          add(a, w == 0 ? EvidenceKind::address : EvidenceKind::mention, at_sign[w], words[last].end,
              w == 0 ? kStrongStart : kAtMention);
        } else if (!unknown_at) {
          unknown_at = true;
          unknown_span = {EvidenceKind::mention, at_sign[w], words[w + 1].end,
                          std::string(body.substr(at_sign[w], words[w + 1].end - at_sign[w]))};
        }
        ++w;
      }
      continue;
    }
    // `blockage@Mary` but not `joe@example.com`: an '@' inside a word whose
    // right side has no dot is a mention.
    std::uint32_t at = at_sign[w];
    std::uint32_t name_begin = word.begin;
    if (at == n) {
      const auto inner = body.substr(word.begin, word.end - word.begin).find('@');
      if (inner != std::string_view::npos) {
        const auto rest = body.substr(word.begin + inner + 1, word.end - word.begin - inner - 1);
        if (rest.empty() || rest.find('.') != std::string_view::npos || rest.find('@') != std::string_view::npos ||
            !is_ascii_alnum(rest[0]))
          continue;  // an email address or code
        at = word.begin + static_cast<std::uint32_t>(inner);
        name_begin = at + 1;
      }
    }
    if (at != n) {
      if (name_begin < word.end && body[name_begin] >= '0' && body[name_begin] <= '9') continue;  // `@2x`
      Word saved = words[w];
      words[w].begin = name_begin;
      std::uint32_t last = w;
      const auto a = match_run(w, true, true, last);
      words[w] = saved;
      if (a != kNone && authors_[a].last != kNone) {
        const bool leading = w == 0 && at == at_sign[0];  // `@name ...`, not `blockage@name`
        add(a, leading ? EvidenceKind::address : EvidenceKind::mention, at, words[last].end,
            leading ? kStrongStart : kAtMention);
        w = last;
      } else if (!unknown_at && name_begin < word.end) {
        unknown_at = true;
        unknown_span = {EvidenceKind::mention, at, word.end, std::string(body.substr(at, word.end - at))};
      }
      continue;
    }
    const bool punctuated = word.after == ':' || word.after == ',';
    std::uint32_t last = w;
    if (w == 0) {
      const auto a = match_run(0, punctuated, word.after == ':', last);
      if (a != kNone) {
        const bool strong = words[last].after == ':' || words[last].after == ',';
        add(a, EvidenceKind::address, word.begin, words[last].end, strong ? kStrongStart : kBareStart);
        w = last;
      }
      continue;
    }
    const auto a = match_run(w, false, false, last);
    if (a == kNone) continue;
    if (punctuated) {
      add(a, EvidenceKind::address, word.begin, words[last].end, kPunctuated);
    } else if (authors_[a].key.size() >= 3 && !authors_[a].common_word) {
      add(a, EvidenceKind::mention, word.begin, words[last].end, kBareMention);
    }
    w = last;
  }
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
std::uint32_t Resolver::answer_from(std::uint32_t target_author, std::uint32_t me) const {
  const Author& t = authors_[target_author];
  const auto size = static_cast<std::uint32_t>(t.recent.size());
  for (std::uint32_t k = 1; k <= size; ++k) {
    const auto p = t.recent[(t.recent_next + size - k) % size];
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
  if (addressee != kNone && addressee != me) authors_[addressee].addressed_last = pos;
}

std::vector<InferredReply> Resolver::run() {
  const auto n = static_cast<std::uint32_t>(comments_.size());
  std::vector<InferredReply> out(n);
  order_.resize(n);
  std::iota(order_.begin(), order_.end(), 0u);
  const bool in_time_order = std::is_sorted(comments_.begin(), comments_.end(), [](const Comment& a, const Comment& b) {
    return a.created_ms < b.created_ms;
  });
  if (!in_time_order) {
    std::stable_sort(order_.begin(), order_.end(), [&](std::uint32_t a, std::uint32_t b) {
      return comments_[a].created_ms < comments_[b].created_ms;
    });
  }
  author_at_.assign(n, kNone);
  addressee_at_.assign(n, kNone);
  parent_at_.assign(n, kNone);
  std::unordered_map<std::string_view, std::uint32_t> position_of_id;
  position_of_id.reserve(n);

  std::vector<Candidate> candidates;
  for (std::uint32_t pos = 0; pos < n; ++pos) {
    const Comment& c = comments_[order_[pos]];
    InferredReply& r = out[order_[pos]];
    if (c.author.empty()) continue;  // a system message
    const std::uint32_t me = author_of(c.author);
    author_at_[pos] = me;
    position_of_id.emplace(c.id, pos);

    if (c.has_parent()) {
      r.explicit_parent = true;
      const auto it = position_of_id.find(c.parent);
      std::uint32_t addressee = kNone;
      if (it != position_of_id.end()) {
        parent_at_[pos] = it->second;
        addressee = author_at_[it->second];
      }
      note(pos, me, addressee);
      continue;
    }

    candidates.clear();
    bool unknown_at = false;
    ReplyEvidence unknown_span;
    scan(c, me, candidates, unknown_at, unknown_span);
    const Candidate* best = nullptr;
    for (const auto& cand : candidates)
      if (best == nullptr || cand.strength > best->strength) best = &cand;

    const Author& self = authors_[me];
    const std::uint32_t own = self.last;
    const bool own_recent = own != kNone && pos - own <= options_.window &&
                            (options_.max_gap_ms == 0 ||
                             c.created_ms - comments_[order_[own]].created_ms <= options_.max_gap_ms);
    std::uint32_t parent = kNone;
    std::uint32_t addressee = best != nullptr ? best->author : kNone;
    std::uint32_t quote_target = kNone;
    ReplyEvidence quote_evidence;
    auto evidence_of = [&](const Candidate& cand) {
      return ReplyEvidence{cand.kind, cand.begin, cand.end, std::string(std::string_view(c.body).substr(cand.begin, cand.end - cand.begin))};
    };

    if (find_quote(pos, quote_evidence, quote_target)) {
      parent = quote_target;
      r.confidence = 0.9f;
      r.evidence.push_back(std::move(quote_evidence));
    } else if (best != nullptr) {
      parent = answer_from(best->author, me);
      const bool to_me = addressee_at_[parent] == me;
      r.confidence = best->strength >= kAtMention ? (to_me ? 0.8f : 0.7f) : best->strength == kBareMention ? 0.45f : 0.6f;
      r.evidence.push_back(evidence_of(*best));
      if (to_me) r.evidence.push_back(ReplyEvidence{EvidenceKind::turn_taking, 0, 0, {}});
    } else if (unknown_at) {
      // Addressed to someone who has not written here: not an answer to
      // whoever happens to be nearby. Remember the name, so that when they
      // do write, answers to them can find this comment.
      std::string_view name = unknown_span.text;
      while (!name.empty() && (name.front() == '@' || is_space(name.front()))) name.remove_prefix(1);
      addressee = author_of(name);
      r.confidence = 0.6f;
      r.evidence.push_back(std::move(unknown_span));
    } else {
      const std::uint32_t asked = self.addressed_last;
      if (asked != kNone && (own == kNone || asked > own) && pos - asked <= options_.window + 10) {
        parent = asked;
        r.confidence = 0.65f;
        r.evidence.push_back(ReplyEvidence{EvidenceKind::turn_taking, 0, 0, {}});
      } else if (own_recent) {
        parent = own;
        r.confidence = 0.5f;
        r.evidence.push_back(ReplyEvidence{EvidenceKind::continuation, 0, 0, {}});
      } else {
        r.confidence = 0.7f;  // nobody in sight: a new conversation
      }
    }
    r.parent = parent == kNone ? kNone : order_[parent];
    parent_at_[pos] = parent;
    note(pos, me, addressee);
  }
  return out;
}

}  // namespace

std::vector<InferredReply> resolve_replies(const std::vector<Comment>& comments, const ReplyOptions& options) {
  return Resolver(comments, options).run();
}

}  // namespace soundoff
