#include "text_normalize.h"

#include <algorithm>

#include "soundoff/utf8.h"

namespace soundoff::detail {

namespace {

struct FoldEntry {
  std::uint32_t code_point;
  const char* ascii;
};

// Accents, compatibility forms (fullwidth, mathematical "fonts", circled
// letters) and homoglyphs, generated from Unicode data.
constexpr FoldEntry kFoldTable[] = {
#include "fold_table.inc"
};

bool is_ascii_alnum(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
// Non-ASCII bytes left in folded text belong to letters of other scripts:
// punctuation and symbols outside ASCII are folded to '.' first.
bool is_word_byte(unsigned char c) { return is_ascii_alnum(c) || c >= 0x80; }
bool is_leet_symbol(unsigned char c) { return c == '@' || c == '$' || c == '!' || c == '|'; }
bool is_space(unsigned char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// Characters that render as nothing: zero-width spaces and joiners, soft
// hyphen, direction marks, variation selectors, byte-order mark, combining
// accents (their base letter is kept).
bool is_invisible(char32_t cp) {
  return cp == 0x00AD || cp == 0x034F || cp == 0x061C || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0xE0000 && cp <= 0xE007F);
}

// Punctuation, symbols and emoji outside ASCII: they separate words like ASCII punctuation does.
bool is_symbol(char32_t cp) {
  return (cp >= 0x2010 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0x1F000 && cp <= 0x1FAFF) ||
         (cp >= 0x00A1 && cp <= 0x00BF) || cp == 0x00D7 || cp == 0x00F7 || (cp >= 0xFE10 && cp <= 0xFE6F);
}

// Case folding for the scripts spam uses besides Latin (Cyrillic, Greek).
char32_t lower_other_script(char32_t cp) {
  if (cp >= 0x0410 && cp <= 0x042F) return cp + 0x20;
  if (cp >= 0x0400 && cp <= 0x040F) return cp + 0x50;
  if (cp >= 0x0391 && cp <= 0x03A9 && cp != 0x03A2) return cp + 0x20;
  return cp;
}

const char* fold_lookup(char32_t cp) {
  const auto* end = std::end(kFoldTable);
  const auto* it = std::lower_bound(std::begin(kFoldTable), end, cp,
                                    [](const FoldEntry& e, char32_t v) { return e.code_point < v; });
  return it != end && it->code_point == cp ? it->ascii : nullptr;
}

// Tags that may sit inside a word without separating it ("vi<b>ag</b>ra").
bool is_inline_tag(std::string_view name) {
  static constexpr std::string_view kInline[] = {"a",    "b",     "i",      "u",   "s",   "em",   "strong", "span",
                                                 "font", "small", "big",    "sub", "sup", "mark", "abbr",   "code",
                                                 "del",  "ins",   "strike", "tt",  "wbr", "q",    "cite",   "kbd"};
  for (auto n : kInline)
    if (equals_ignoring_ascii_case(name, n)) return true;
  return false;
}

// Top-level domains that make "word.tld" a link without a scheme; ones that
// are also English words ("it", "me", "in", "us") are left out on purpose.
bool is_link_tld(std::string_view tld) {
  static constexpr std::string_view kTlds[] = {
      "com", "net", "org", "info", "biz", "io",   "ly",     "gl",   "gd",   "tk",    "ml",   "ga",  "cf", "gq",
      "xyz", "ru",  "de",  "uk",   "fr",  "nl",   "pl",     "cn",   "br",   "ca",    "au",   "eu",  "tv", "cc",
      "ws",  "su",  "jp",  "kr",   "top", "club", "online", "site", "shop", "store", "mobi", "edu", "gov"};
  for (auto t : kTlds)
    if (t == tld) return true;
  return false;
}

class Analyzer {
 public:
  explicit Analyzer(TextAnalysis& out) : out_(out) {}

  void run(std::string_view raw) {
    std::size_t i = 0;
    while (i < raw.size()) {
      const char c = raw[i];
      if (c == '<' && consume_tag(raw, i)) continue;
      char32_t cp = 0;
      if (c == '&') {
        const std::size_t len = decode_entity(raw.substr(i), cp);
        if (len) {
          emit(cp);
          i += len;
          continue;
        }
      }
      const std::size_t len = decode_utf8(raw, i, cp);
      if (len == 0) {
        ++i;  // an invalid byte: skipped, never guessed at
        continue;
      }
      emit(cp);
      i += len;
    }
    join_apostrophes();
    extract_links();
    split_words();
  }

 private:
  void emit(char32_t cp) {
    if (is_invisible(cp)) return;
    std::string& f = out_.folded;
    if (cp < 0x80 && is_space(static_cast<unsigned char>(cp))) {
      f.push_back(cp == '\n' ? '\n' : ' ');
      previous_ = 0;
      return;
    }
    ++out_.visible_chars;
    run_ = cp == previous_ ? run_ + 1 : 1;
    previous_ = cp;
    out_.longest_run = std::max(out_.longest_run, run_);
    if (cp < 0x80) {
      if (cp >= 'A' && cp <= 'Z') {
        ++out_.letters;
        ++out_.upper_letters;
        f.push_back(static_cast<char>(cp - 'A' + 'a'));
      } else {
        if (cp >= 'a' && cp <= 'z') ++out_.letters;
        f.push_back(cp < 0x20 || cp == 0x7F ? ' ' : static_cast<char>(cp));
      }
      return;
    }
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) {  // typographic apostrophes
      f.push_back('\'');
      return;
    }
    const char32_t lower = lower_other_script(cp);
    if (const char* ascii = fold_lookup(lower)) {
      f += ascii;
    } else if (is_symbol(cp)) {
      f.push_back('.');
    } else {
      append_utf8(f, lower);
    }
  }

  // A separator for tags that break words (<br>, <p>, ...).
  void emit_break() {
    if (!out_.folded.empty() && out_.folded.back() != ' ') out_.folded.push_back(' ');
    previous_ = 0;
  }

  // At raw[i] == '<'. Consumes a tag or HTML comment and returns true; false
  // when this '<' is plain text ("a < b").
  bool consume_tag(std::string_view raw, std::size_t& i) {
    if (i + 1 >= raw.size()) return false;
    const char next = raw[i + 1];
    const bool letter = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z');
    if (!letter && next != '/' && next != '!') return false;
    // The next "-->" and '>' are remembered: searching afresh from every '<'
    // would make hostile input ("<!--<!--<!--...") quadratic.
    if (raw.substr(i, 4) == "<!--") {
      if (comment_end_ != std::string_view::npos && comment_end_ < i + 4) comment_end_ = raw.find("-->", i + 4);
      if (comment_end_ == std::string_view::npos) return false;
      i = comment_end_ + 3;
      return true;
    }
    constexpr std::size_t kMaxTag = 2048;
    if (tag_end_ != std::string_view::npos && tag_end_ <= i) tag_end_ = raw.find('>', i + 1);
    const std::size_t end = tag_end_;
    if (end == std::string_view::npos || end - i > kMaxTag) return false;
    const std::string_view tag = raw.substr(i + 1, end - i - 1);
    std::size_t name_begin = tag.empty() || tag[0] != '/' ? 0 : 1;
    std::size_t name_end = name_begin;
    while (name_end < tag.size() &&
           ((tag[name_end] >= 'a' && tag[name_end] <= 'z') || (tag[name_end] >= 'A' && tag[name_end] <= 'Z') ||
            (tag[name_end] >= '0' && tag[name_end] <= '9')))
      ++name_end;
    const std::string_view name = tag.substr(name_begin, name_end - name_begin);
    if (equals_ignoring_ascii_case(name, "a")) add_href(tag.substr(name_end));
    if (!is_inline_tag(name)) emit_break();
    i = end + 1;
    return true;
  }

  void add_href(std::string_view attributes) {
    for (std::size_t k = 0; k + 4 < attributes.size(); ++k) {
      if (!equals_ignoring_ascii_case(attributes.substr(k, 4), "href")) continue;
      std::size_t v = k + 4;
      while (v < attributes.size() && is_space(static_cast<unsigned char>(attributes[v]))) ++v;
      if (v >= attributes.size() || attributes[v] != '=') continue;
      ++v;
      while (v < attributes.size() && is_space(static_cast<unsigned char>(attributes[v]))) ++v;
      char quote = 0;
      if (v < attributes.size() && (attributes[v] == '"' || attributes[v] == '\'')) quote = attributes[v++];
      std::size_t e = v;
      while (e < attributes.size() && attributes[e] != quote &&
             (quote || !is_space(static_cast<unsigned char>(attributes[e]))))
        ++e;
      std::string url(attributes.substr(v, e - v));
      for (auto& ch : url) ch = ascii_lower(ch);
      hrefs_.push_back(url);
      record_link(url);
      return;
    }
  }

  // `&amp;`, `&#39;`, `&#x27;` and friends; returns the length consumed, 0 if none.
  static std::size_t decode_entity(std::string_view s, char32_t& cp) {
    const auto semi = s.substr(0, 12).find(';');
    if (semi == std::string_view::npos || semi < 2) return 0;
    const std::string_view body = s.substr(1, semi - 1);
    if (body[0] == '#') {
      const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
      std::uint32_t value = 0;
      const std::size_t digits_begin = hex ? 2 : 1;
      if (body.size() <= digits_begin) return 0;
      for (std::size_t k = digits_begin; k < body.size(); ++k) {
        const char d = body[k];
        std::uint32_t digit;
        if (d >= '0' && d <= '9')
          digit = static_cast<std::uint32_t>(d - '0');
        else if (hex && d >= 'a' && d <= 'f')
          digit = static_cast<std::uint32_t>(d - 'a' + 10);
        else if (hex && d >= 'A' && d <= 'F')
          digit = static_cast<std::uint32_t>(d - 'A' + 10);
        else
          return 0;
        value = value * (hex ? 16u : 10u) + digit;
      }
      if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
      cp = value;
      return semi + 1;
    }
    static constexpr std::pair<std::string_view, char32_t> kNamed[] = {{"amp", '&'},  {"lt", '<'},    {"gt", '>'},
                                                                       {"quot", '"'}, {"apos", '\''}, {"nbsp", ' '}};
    for (const auto& [name, value] : kNamed)
      if (body == name) {
        cp = value;
        return semi + 1;
      }
    return 0;
  }

  // "don't" and "there's" stay one word.
  void join_apostrophes() {
    std::string& f = out_.folded;
    std::size_t w = 0;
    for (std::size_t r = 0; r < f.size(); ++r) {
      if (f[r] == '\'' && w > 0 && is_word_byte(static_cast<unsigned char>(f[w - 1])) && r + 1 < f.size() &&
          is_word_byte(static_cast<unsigned char>(f[r + 1])))
        continue;
      f[w++] = f[r];
    }
    f.resize(w);
  }

  static bool is_host_byte(unsigned char c) { return is_ascii_alnum(c) || c == '.' || c == '-' || c >= 0x80; }

  // Finds URLs and bare domains in the folded text, records them and blanks
  // them so their pieces ("http", "www", "com") are not read as words.
  void extract_links() {
    std::string& f = out_.folded;
    std::size_t p = 0;
    while (p < f.size()) {
      const auto c = static_cast<unsigned char>(f[p]);
      if (!is_ascii_alnum(c) || (p > 0 && is_host_byte(static_cast<unsigned char>(f[p - 1])))) {
        ++p;
        continue;
      }
      const std::string_view rest = std::string_view(f).substr(p);
      std::size_t host_begin = p;
      bool explicit_link = false;
      if (rest.substr(0, 7) == "http://") {
        host_begin = p + 7;
        explicit_link = true;
      } else if (rest.substr(0, 8) == "https://") {
        host_begin = p + 8;
        explicit_link = true;
      }
      std::size_t host_end = host_begin;
      while (host_end < f.size() && is_host_byte(static_cast<unsigned char>(f[host_end]))) ++host_end;
      while (host_end > host_begin && (f[host_end - 1] == '.' || f[host_end - 1] == '-')) --host_end;
      const std::string_view host = std::string_view(f).substr(host_begin, host_end - host_begin);
      const auto last_dot = host.rfind('.');
      const bool has_dot = last_dot != std::string_view::npos && last_dot > 0;
      const bool is_link =
          has_dot && (explicit_link || host.substr(0, 4) == "www." || is_link_tld(host.substr(last_dot + 1)));
      if (!is_link) {
        p = std::max(host_end, p + 1);
        continue;
      }
      std::size_t end = host_end;
      if (end < f.size() && (f[end] == '/' || f[end] == '?' || f[end] == '#' || f[end] == ':')) {
        while (end < f.size() && !is_space(static_cast<unsigned char>(f[end])) && f[end] != '"' && f[end] != '<' &&
               f[end] != '>')
          ++end;
        while (end > host_end && (f[end - 1] == '.' || f[end - 1] == ',' || f[end - 1] == ')' || f[end - 1] == '!' ||
                                  f[end - 1] == '?' || f[end - 1] == ';'))
          --end;
      }
      const std::string url = f.substr(p, end - p);
      // An anchor whose text repeats its href is one link, not two.
      const bool seen =
          std::any_of(hrefs_.begin(), hrefs_.end(), [&](const std::string& h) { return link_key(h) == link_key(url); });
      if (!seen) record_link(url);
      std::fill(f.begin() + static_cast<std::ptrdiff_t>(p), f.begin() + static_cast<std::ptrdiff_t>(end), ' ');
      p = end;
    }
  }

  // Paths and queries that pay the poster per click or sign-up.
  static bool is_referral(std::string_view rest) {
    static constexpr std::string_view kMarks[] = {"?ref=",   "&ref=",       "/ref/",  "refer", "affiliate",
                                                  "aff_id",  "affid",       "?r=",    "&r=",   "/invite/",
                                                  "?invite", "/share/url/", "partner"};
    std::string lower(rest);
    for (auto& ch : lower) ch = ascii_lower(ch);
    for (auto m : kMarks)
      if (lower.find(m) != std::string::npos) return true;
    return false;
  }

  // Host and path without scheme, "www." or query: what makes two URLs the same link.
  static std::string_view link_key(std::string_view url) {
    if (url.substr(0, 7) == "http://")
      url.remove_prefix(7);
    else if (url.substr(0, 8) == "https://")
      url.remove_prefix(8);
    if (url.substr(0, 4) == "www.") url.remove_prefix(4);
    url = url.substr(0, url.find_first_of("?&#"));
    while (!url.empty() && url.back() == '/') url.remove_suffix(1);
    return url;
  }

  void record_link(std::string_view url) {
    if (url.substr(0, 7) == "http://")
      url.remove_prefix(7);
    else if (url.substr(0, 8) == "https://")
      url.remove_prefix(8);
    else if (url.substr(0, 2) == "//")
      url.remove_prefix(2);
    else if (!url.empty() && (url[0] == '/' || url[0] == '#'))
      return;  // same-site link, not a promotion
    std::string_view host = url.substr(0, url.find_first_of("/?#:"));
    if (const auto at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
    if (host.substr(0, 4) == "www.") host.remove_prefix(4);
    if (host.empty()) return;
    out_.links.push_back(Link{std::string(host), is_referral(url.substr(std::min(url.size(), host.size())))});
  }

  // Leetspeak symbols belong to a word when they stand for letters: "v!@gr@",
  // "$ex", "@ss"; not as ordinary punctuation ("hello!", "5 @ 6").
  bool leet_at(std::size_t k, bool inside_word) const {
    const std::string& f = out_.folded;
    const auto c = static_cast<unsigned char>(f[k]);
    if (!is_leet_symbol(c)) return false;
    if (inside_word && (c == '@' || c == '$')) return true;
    std::size_t next = k + 1;
    while (next < f.size() && is_leet_symbol(static_cast<unsigned char>(f[next]))) ++next;
    return next < f.size() && next - k <= 3 && is_word_byte(static_cast<unsigned char>(f[next]));
  }

  void split_words() {
    const std::string& f = out_.folded;
    bool space_since_word = true;
    std::size_t p = 0;
    while (p < f.size()) {
      const auto c = static_cast<unsigned char>(f[p]);
      if (!is_word_byte(c) && !leet_at(p, false)) {
        if (is_space(c)) space_since_word = true;
        ++p;
        continue;
      }
      std::size_t e = p + 1;
      while (e < f.size() && (is_word_byte(static_cast<unsigned char>(f[e])) || leet_at(e, true))) ++e;
      out_.words.push_back(Word{static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(e - p),
                                !out_.words.empty() && !space_since_word});
      space_since_word = false;
      p = e;
    }
  }

  TextAnalysis& out_;
  std::vector<std::string> hrefs_;
  std::size_t comment_end_ = 0;  // next "-->" (npos: none left); 0: not searched yet
  std::size_t tag_end_ = 0;      // next '>' (npos: none left); 0: not searched yet
  char32_t previous_ = 0;
  std::size_t run_ = 0;
};

}  // namespace

void analyze_text(std::string_view raw, TextAnalysis& out) {
  out.folded.clear();
  out.words.clear();
  out.links.clear();
  out.visible_chars = out.letters = out.upper_letters = out.longest_run = 0;
  Analyzer(out).run(raw);
}

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

void leet_skeleton(std::string_view word, std::string& out) {
  out.clear();
  for (const char c : word) {
    switch (c) {
      case '0':
        out.push_back('o');
        break;
      case '1':
      case 'l':
      case '!':
      case '|':
        out.push_back('i');
        break;
      case '3':
        out.push_back('e');
        break;
      case '4':
      case '@':
        out.push_back('a');
        break;
      case '5':
      case '$':
        out.push_back('s');
        break;
      case '7':
        out.push_back('t');
        break;
      case '8':
        out.push_back('b');
        break;
      case '9':
        out.push_back('g');
        break;
      default:
        out.push_back(c);
    }
  }
}

void collapse_runs(std::string_view word, std::string& out) {
  out.clear();
  for (const char c : word)
    if (out.empty() || out.back() != c) out.push_back(c);
}

std::uint64_t hash64(std::string_view text, std::uint64_t seed) { return fnv1a64(text, seed); }

}  // namespace soundoff::detail
