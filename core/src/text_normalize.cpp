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
  // "cc" is left out too: "main.cc" is a C++ file far more often than a site.
  static constexpr std::string_view kTlds[] = {
      "com", "net", "org",  "info", "biz",  "io",     "ly",     "gl",       "gd",    "tk",   "ml",  "ga",  "cf", "gq",
      "xyz", "ru",  "de",   "uk",   "fr",   "nl",     "pl",     "cn",       "br",    "ca",   "au",  "eu",  "tv", "ws",
      "su",  "jp",  "kr",   "top",  "club", "online", "site",   "shop",     "store", "mobi", "edu", "gov", "vn", "pk",
      "ng",  "ph",  "bd",   "ir",   "tw",   "hk",     "sg",     "za",       "mx",    "ro",   "ua",  "kz",  "cz", "gr",
      "vip", "icu", "buzz", "cyou", "loan", "bid",    "stream", "download", "click", "pw",   "co"};
  for (auto t : kTlds)
    if (t == tld) return true;
  return false;
}

// Top-level domains a disguised link ("site,com", "site . com", "site★com")
// is read with: few enough that ordinary punctuation never makes one.
bool is_disguise_tld(std::string_view tld) {
  static constexpr std::string_view kTlds[] = {"com", "net", "org", "info", "biz", "xyz", "ru",
                                               "tk",  "ml",  "ga",  "cf",   "gq",  "vn",  "top"};
  for (auto t : kTlds)
    if (t == tld) return true;
  return false;
}

// Names that look like domains but are software readers talk about.
bool is_software_name(std::string_view host) {
  static constexpr std::string_view kNames[] = {"asp.net", "vb.net", "ado.net", "socket.io", "dot.net"};
  for (auto n : kNames)
    if (n == host) return true;
  return false;
}

// Decorative symbols (arrows, shapes, stars, hearts, dingbats, emoji): a
// domain glued to them is dressed up to slip past link detection. Quotes,
// dashes and ellipses are ordinary punctuation and are not among them.
bool is_decorative(char32_t cp) {
  return (cp >= 0x2190 && cp <= 0x21FF) || (cp >= 0x2500 && cp <= 0x2BFF) || (cp >= 0x1F000 && cp <= 0x1FAFF);
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
  // Appends to the folded text and its mark (what the byte was before folding).
  void put(char c, char mark = 0) {
    out_.folded.push_back(c);
    marks_.push_back(mark);
  }

  void emit(char32_t cp) {
    if (is_invisible(cp)) return;
    std::string& f = out_.folded;
    if (cp < 0x80 && is_space(static_cast<unsigned char>(cp))) {
      put(cp == '\n' ? '\n' : ' ');
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
        put(static_cast<char>(cp - 'A' + 'a'), kUpper);
      } else {
        if (cp >= 'a' && cp <= 'z') ++out_.letters;
        put(cp < 0x20 || cp == 0x7F ? ' ' : static_cast<char>(cp));
      }
      return;
    }
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) {  // typographic apostrophes
      put('\'');
      return;
    }
    const char32_t lower = lower_other_script(cp);
    if (const char* ascii = fold_lookup(lower)) {
      for (const char* a = ascii; *a; ++a) put(*a);
    } else if (is_symbol(cp)) {
      put('.', is_decorative(cp) ? kDecorative : 0);
    } else {
      append_utf8(f, lower);
      marks_.resize(f.size(), 0);
    }
  }

  // A separator for tags that break words (<br>, <p>, ...).
  void emit_break() {
    if (!out_.folded.empty() && out_.folded.back() != ' ') put(' ');
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
    if (equals_ignoring_ascii_case(name, "a")) {
      if (name_begin == 0 && add_href(tag.substr(name_end))) {
        anchor_begin_ = out_.folded.size();
      } else if (name_begin == 1 && anchor_begin_ != std::string::npos) {
        out_.anchors.push_back(Anchor{out_.folded.substr(anchor_begin_)});
        anchor_begin_ = std::string::npos;
      }
    }
    if (!is_inline_tag(name)) emit_break();
    i = end + 1;
    return true;
  }

  // Records the href of an <a> tag; false when it has none.
  bool add_href(std::string_view attributes) {
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
      return true;
    }
    return false;
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
      marks_[w] = marks_[r];
      f[w++] = f[r];
    }
    f.resize(w);
    marks_.resize(w);
  }

  static bool is_host_byte(unsigned char c) { return is_ascii_alnum(c) || c == '.' || c == '-' || c >= 0x80; }

  bool is_upper(std::size_t k) const { return (marks_[k] & kUpper) != 0; }
  bool is_decorative_at(std::size_t k) const { return k < marks_.size() && (marks_[k] & kDecorative) != 0; }

  // The scheme at the start of `rest`, its length (0: none) and, when it is
  // spelled to dodge link detection ("hxxp://", "h**p://", "ttp://"), how.
  static std::size_t scheme_length(std::string_view rest, std::string_view& how) {
    static constexpr std::pair<std::string_view, bool> kSchemes[] = {
        {"http://", false}, {"https://", false}, {"hxxp://", true}, {"hxxps://", true}, {"h**p://", true},
        {"h**ps://", true}, {"ttp://", true},    {"ttps://", true}, {"hxxp:", true},    {"hxxps:", true}};
    if (rest.size() < 5 || (rest[0] != 'h' && rest[0] != 't')) return 0;  // most words: no scheme to compare
    for (const auto& [scheme, disguised] : kSchemes)
      if (rest.substr(0, scheme.size()) == scheme) {
        how = disguised ? std::string_view("a disguised scheme (hxxp://)") : std::string_view{};
        return scheme.size();
      }
    return 0;
  }

  // After a label ending at `k`: a disguised dot and a top-level domain
  // ("site,com", "site . com", "site dot com", "site[.]com", "site (dot) com").
  // Returns the end of the top-level domain (0: none); `tld` receives it.
  std::size_t disguised_dot(std::size_t k, std::string_view label, std::string_view& tld, std::string_view& how) const {
    const std::string& f = out_.folded;
    std::size_t q = k;
    while (q < f.size() && f[q] == ' ') ++q;
    const bool spaced = q > k;
    if (q >= f.size() || (f[q] != '(' && f[q] != '[' && f[q] != '{' && f[q] != 'd' && f[q] != ',' && f[q] != '.'))
      return 0;  // most words are followed by a space and a word: nothing to compare
    static constexpr std::string_view kDots[] = {"(dot)", "[dot]", "{dot}", "[.]", "(.)", "dot", ",", "."};
    std::string_view dot;
    for (auto d : kDots)
      if (std::string_view(f).substr(q, d.size()) == d) {
        dot = d;
        break;
      }
    if (dot.empty()) return 0;
    const bool bracketed = dot.front() == '(' || dot.front() == '[' || dot.front() == '{';
    q += dot.size();
    const std::size_t before_tld = q;
    while (q < f.size() && f[q] == ' ') ++q;
    const bool spaced_after = q > before_tld;
    // A plain '.' is disguised by a space before it ("site . com", "site .com": "wait. com" is prose), a comma
    // by none at all ("site,com": "Thanks, Com."), and "dot" needs spaces on both sides.
    if ((dot == "." && !spaced) || (dot == "," && (spaced || spaced_after)) ||
        (dot == "dot" && (!spaced || !spaced_after)))
      return 0;
    std::size_t e = q;
    while (e < f.size() && is_ascii_alnum(static_cast<unsigned char>(f[e]))) ++e;
    if (e == q || (e < f.size() && (static_cast<unsigned char>(f[e]) >= 0x80 || f[e] == '-'))) return 0;
    tld = std::string_view(f).substr(q, e - q);
    if (!is_disguise_tld(tld)) return 0;
    // Spaced or comma dots meet ordinary prose ("gross, net"; "the top . top"): only unmistakable domains.
    if ((dot == "." || dot == ",") && (tld == "net" || tld == "info" || tld == "top")) return 0;
    // "the dot com bubble": the phrase, not a site.
    static constexpr std::string_view kPhraseWords[] = {"the", "a", "an", "first", "old", "early", "big", "this"};
    if (dot == "dot")
      for (auto w : kPhraseWords)
        if (label == w) return 0;
    how = dot == ","                  ? std::string_view("a comma for the dot")
          : dot == "dot" || bracketed ? std::string_view("the dot spelled out or bracketed")
                                      : std::string_view("spaces around the dot");
    return e;
  }

  // Finds URLs and bare domains in the folded text, also disguised ones,
  // records them and blanks them so their pieces ("http", "www", "com") are
  // not read as words.
  void extract_links() {
    std::string& f = out_.folded;
    std::size_t p = 0;
    while (p < f.size()) {
      const auto c = static_cast<unsigned char>(f[p]);
      const bool inside_label =
          p > 0 &&
          (is_ascii_alnum(static_cast<unsigned char>(f[p - 1])) || f[p - 1] == '-' ||
           static_cast<unsigned char>(f[p - 1]) >= 0x80 ||
           (f[p - 1] == '.' && p > 1 && is_host_byte(static_cast<unsigned char>(f[p - 2])) && f[p - 2] != '.'));
      if (!is_ascii_alnum(c) || inside_label) {
        ++p;
        continue;
      }
      std::string_view how;
      const std::size_t scheme = scheme_length(std::string_view(f).substr(p), how);
      const bool explicit_link = scheme != 0;
      const std::size_t host_begin = p + scheme;
      std::size_t host_end = host_begin;
      while (host_end < f.size() && is_host_byte(static_cast<unsigned char>(f[host_end]))) ++host_end;
      while (host_end > host_begin && (f[host_end - 1] == '.' || f[host_end - 1] == '-')) --host_end;
      std::string_view host = std::string_view(f).substr(host_begin, host_end - host_begin);
      std::size_t end = host_end;
      const auto last_dot = host.rfind('.');
      const bool has_dot = last_dot != std::string_view::npos && last_dot > 0;
      const std::string_view tld = has_dot ? std::string_view(host).substr(last_dot + 1) : std::string_view{};
      bool symbol_dot = false;
      for (std::size_t k = host_begin; k < host_end; ++k)
        symbol_dot = symbol_dot || (f[k] == '.' && is_decorative_at(k));
      const bool www = has_dot && host.substr(0, 4) == "www.";
      bool is_link = has_dot && (explicit_link || www || (symbol_dot ? is_disguise_tld(tld) : is_link_tld(tld)));
      // "df.info()", "ASP.NET": code and software names, not sites.
      const bool bare = !explicit_link && !www;
      if (is_link && bare && (is_software_name(host) || (host_end < f.size() && f[host_end] == '('))) is_link = false;
      if (is_link && symbol_dot) how = "symbols in place of the dot";
      // "SITE.COMl": a letter glued after a capitalised top-level domain.
      if (!is_link && has_dot && tld.size() >= 4 && tld.size() <= 5 && is_disguise_tld(tld.substr(0, 3)) &&
          is_upper(host_begin + last_dot + 1) && is_upper(host_begin + last_dot + 3) &&
          !is_upper(host_begin + last_dot + 4)) {
        is_link = true;
        host = host.substr(0, last_dot + 4);
        how = "letters glued after the top-level domain";
      }
      std::string url;
      if (!is_link && !has_dot && host_end - host_begin >= 2) {
        std::string_view disguised_tld;
        if (const std::size_t e = disguised_dot(host_end, host, disguised_tld, how)) {
          is_link = true;
          url = std::string(host) + "." + std::string(disguised_tld);
          end = host_end = e;
        }
      }
      if (!is_link) {
        p = std::max(host_end, p + 1);
        continue;
      }
      if (how.empty() && ((p > 0 && is_decorative_at(p - 1)) || is_decorative_at(host_end)))
        how = "wrapped in symbols or emoji";
      if (end < f.size() && f[end] == '\\') how = "a backslash for the slash";
      if (end < f.size() && (f[end] == '/' || f[end] == '?' || f[end] == '#' || f[end] == ':' || f[end] == '\\')) {
        while (end < f.size() && !is_space(static_cast<unsigned char>(f[end])) && f[end] != '"' && f[end] != '<' &&
               f[end] != '>')
          ++end;
        while (end > host_end && (f[end - 1] == '.' || f[end - 1] == ',' || f[end - 1] == ')' || f[end - 1] == '!' ||
                                  f[end - 1] == '?' || f[end - 1] == ';'))
          --end;
      }
      if (url.empty()) url = host;
      url.append(f, host_end, end - host_end);
      // An anchor whose text repeats its href is one link, not two.
      const bool seen =
          std::any_of(hrefs_.begin(), hrefs_.end(), [&](const std::string& h) { return link_key(h) == link_key(url); });
      if (!seen) record_link(url, how);
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

  void record_link(std::string_view url, std::string_view how = {}) {
    if (url.substr(0, 7) == "http://")
      url.remove_prefix(7);
    else if (url.substr(0, 8) == "https://")
      url.remove_prefix(8);
    else if (url.substr(0, 2) == "//")
      url.remove_prefix(2);
    else if (!url.empty() && (url[0] == '/' || url[0] == '#'))
      return;  // same-site link, not a promotion
    std::string_view host = url.substr(0, url.find_first_of("/?#:\\"));
    if (const auto at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
    if (host.substr(0, 4) == "www.") host.remove_prefix(4);
    if (host.empty()) return;
    out_.links.push_back(Link{std::string(host), is_referral(url.substr(std::min(url.size(), host.size()))), how});
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

  static constexpr char kUpper = 1;       // an ASCII capital before folding
  static constexpr char kDecorative = 2;  // a decorative symbol or emoji folded to '.'

  TextAnalysis& out_;
  std::string marks_;  // one mark per byte of out_.folded
  std::vector<std::string> hrefs_;
  std::size_t anchor_begin_ = std::string::npos;  // where the open <a href>'s text starts in folded
  std::size_t comment_end_ = 0;                   // next "-->" (npos: none left); 0: not searched yet
  std::size_t tag_end_ = 0;                       // next '>' (npos: none left); 0: not searched yet
  char32_t previous_ = 0;
  std::size_t run_ = 0;
};

}  // namespace

void analyze_text(std::string_view raw, TextAnalysis& out) {
  out.folded.clear();
  out.words.clear();
  out.links.clear();
  out.anchors.clear();
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
