#include "promotion_patterns.h"

#include <algorithm>
#include <unordered_map>
#include <vector>

namespace soundoff::detail {

namespace {

enum class Kind { call_to_action, self_promotion, money_offer };

struct Phrase {
  Kind kind;
  std::string_view text;  // folded words separated by single spaces
  bool strong;
};

// Chosen for being promotional on any site, not for a dataset's topics.
// Single words only where they are rarely anything else in a comment.
// Chosen for being promotional on any site, not for a dataset's topics.
// Strong phrases point at the writer's own content or ask for engagement
// with the comment itself; weak ones are also said by helpful readers
// ("check out the docs"), so they count for less.
constexpr Phrase kPhrases[] = {
    {Kind::call_to_action, "check out my", true},
    {Kind::call_to_action, "check out our", true},
    {Kind::call_to_action, "check my", true},
    {Kind::call_to_action, "subscribe to my", true},
    {Kind::call_to_action, "subscribe to me", true},
    {Kind::call_to_action, "subscribe to our", true},
    {Kind::call_to_action, "please subscribe", true},
    {Kind::call_to_action, "subscribe please", true},
    {Kind::call_to_action, "subscribe back", true},
    {Kind::call_to_action, "sub to my", true},
    {Kind::call_to_action, "sub to me", true},
    {Kind::call_to_action, "sub me", true},
    {Kind::call_to_action, "sub4sub", true},
    {Kind::call_to_action, "sub 4 sub", true},
    {Kind::call_to_action, "follow me", true},
    {Kind::call_to_action, "add me", true},
    {Kind::call_to_action, "visit my", true},
    {Kind::call_to_action, "visit our", true},
    {Kind::call_to_action, "click here", true},
    {Kind::call_to_action, "click the link", true},
    {Kind::call_to_action, "click this link", true},
    {Kind::call_to_action, "click on the link", true},
    {Kind::call_to_action, "go to my", true},
    {Kind::call_to_action, "like this comment", true},
    {Kind::call_to_action, "like my comment", true},
    {Kind::call_to_action, "like and subscribe", true},
    {Kind::call_to_action, "watch my", true},
    {Kind::call_to_action, "listen to my", true},
    {Kind::call_to_action, "take a look at my", true},
    {Kind::call_to_action, "support me", true},
    {Kind::call_to_action, "help me reach", true},
    {Kind::call_to_action, "help me get", true},
    {Kind::call_to_action, "call now", true},
    {Kind::call_to_action, "order now", true},
    {Kind::call_to_action, "buy now", true},
    {Kind::call_to_action, "whatsapp", true},
    {Kind::call_to_action, "follow 4 follow", true},
    {Kind::call_to_action, "follow for follow", true},
    {Kind::call_to_action, "like 4 like", true},
    {Kind::call_to_action, "like for like", true},
    {Kind::call_to_action, "sub for sub", true},
    {Kind::call_to_action, "f4f", true},
    {Kind::call_to_action, "l4l", true},
    {Kind::call_to_action, "this video on youtube", true},
    {Kind::call_to_action, "this playlist on youtube", true},
    {Kind::call_to_action, "see my new", true},
    {Kind::call_to_action, "subscribe me", true},
    {Kind::call_to_action, "subscribe my", true},
    {Kind::call_to_action, "subscribe on me", true},
    {Kind::call_to_action, "subscribe for me", true},
    {Kind::call_to_action, "subs back", true},
    {Kind::call_to_action, "sub back", true},
    {Kind::call_to_action, "check me out", true},
    {Kind::call_to_action, "check us out", true},
    {Kind::call_to_action, "my first subscriber", true},
    {Kind::call_to_action, "subscribe and like", true},
    {Kind::call_to_action, "like share", true},
    {Kind::call_to_action, "like and share", true},
    {Kind::call_to_action, "share this page", true},
    {Kind::call_to_action, "come subscribe", true},
    {Kind::call_to_action, "check out", false},
    {Kind::call_to_action, "check it out", false},
    {Kind::call_to_action, "subscribe", false},
    {Kind::call_to_action, "please like", false},
    {Kind::call_to_action, "please share", false},
    {Kind::call_to_action, "please check", false},
    {Kind::call_to_action, "please visit", false},
    {Kind::call_to_action, "vote for", false},
    {Kind::call_to_action, "thumbs up if", false},
    {Kind::call_to_action, "give it a like", false},
    {Kind::call_to_action, "contact us", false},
    {Kind::call_to_action, "sign up", false},
    {Kind::call_to_action, "subscribers", false},
    {Kind::call_to_action, "check this out", false},
    {Kind::self_promotion, "my channel", true},
    {Kind::self_promotion, "my videos", true},
    {Kind::self_promotion, "my video", true},
    {Kind::self_promotion, "my music", true},
    {Kind::self_promotion, "my song", true},
    {Kind::self_promotion, "my songs", true},
    {Kind::self_promotion, "my new song", true},
    {Kind::self_promotion, "my new video", true},
    {Kind::self_promotion, "my page", true},
    {Kind::self_promotion, "my website", true},
    {Kind::self_promotion, "my site", true},
    {Kind::self_promotion, "my blog", true},
    {Kind::self_promotion, "my youtube", true},
    {Kind::self_promotion, "my profile", true},
    {Kind::self_promotion, "my instagram", true},
    {Kind::self_promotion, "my twitter", true},
    {Kind::self_promotion, "my facebook", true},
    {Kind::self_promotion, "my soundcloud", true},
    {Kind::self_promotion, "my cover", true},
    {Kind::self_promotion, "my covers", true},
    {Kind::self_promotion, "my playlist", true},
    {Kind::self_promotion, "our channel", true},
    {Kind::self_promotion, "our website", true},
    {Kind::self_promotion, "my shop", true},
    {Kind::self_promotion, "my store", true},
    {Kind::self_promotion, "my mixtape", true},
    {Kind::money_offer, "make money", true},
    {Kind::money_offer, "earn money", true},
    {Kind::money_offer, "free money", true},
    {Kind::money_offer, "work from home", true},
    {Kind::money_offer, "working from home", true},
    {Kind::money_offer, "extra income", true},
    {Kind::money_offer, "extra cash", true},
    {Kind::money_offer, "online income", true},
    {Kind::money_offer, "gift card", true},
    {Kind::money_offer, "gift cards", true},
    {Kind::money_offer, "free iphone", true},
    {Kind::money_offer, "giveaway", false},
    {Kind::money_offer, "promo code", true},
    {Kind::money_offer, "discount code", true},
    {Kind::money_offer, "coupon code", true},
    {Kind::money_offer, "bitcoin", false},
    {Kind::money_offer, "bitcoins", false},
    {Kind::money_offer, "forex", true},
    {Kind::money_offer, "payday loan", true},
    {Kind::money_offer, "payday loans", true},
    {Kind::money_offer, "casino", false},
    {Kind::money_offer, "buy followers", true},
    {Kind::money_offer, "free followers", true},
    {Kind::money_offer, "get paid", false},
    {Kind::money_offer, "paid surveys", true},
    {Kind::money_offer, "earn cash", true},
    {Kind::money_offer, "passive income", true},
    {Kind::money_offer, "donate", false},
    {Kind::money_offer, "cheap", false},
    {Kind::money_offer, "replica", false},
    {Kind::money_offer, "best prices", false},
    {Kind::money_offer, "best price", false},
    {Kind::money_offer, "wholesale", false},
    {Kind::money_offer, "free shipping", false},
    {Kind::money_offer, "discount", false},
    {Kind::money_offer, "essay writing", true},
    {Kind::money_offer, "seo services", true},
    {Kind::money_offer, "weight loss", true},
    {Kind::money_offer, "diet pills", true},
    {Kind::money_offer, "credit repair", true},
    {Kind::money_offer, "spell caster", true},
    {Kind::money_offer, "hot singles", true},
    {Kind::money_offer, "escort", true},
    {Kind::money_offer, "escorts", true},
};

struct Index {
  // first word -> phrases starting with it (split into words)
  std::unordered_map<std::string_view, std::vector<std::pair<const Phrase*, std::vector<std::string_view>>>> by_first;
};

const Index& index() {
  static const Index built = [] {
    Index idx;
    for (const auto& p : kPhrases) {
      std::vector<std::string_view> words;
      std::string_view rest = p.text;
      while (!rest.empty()) {
        const auto space = rest.find(' ');
        words.push_back(rest.substr(0, space));
        rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
      }
      idx.by_first[words[0]].emplace_back(&p, std::move(words));
    }
    return idx;
  }();
  return built;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "$500", "$5,000": a word starting with '$' and a digit.
bool is_dollar_amount(std::string_view word) { return word.size() >= 2 && word[0] == '$' && is_digit(word[1]); }

bool is_rate_word(std::string_view w) {
  return w == "hour" || w == "hr" || w == "day" || w == "daily" || w == "week" || w == "weekly" || w == "month" ||
         w == "monthly" || w == "online" || w == "home";
}

// 10 to 15 digits written as one number with phone-style separators
// ("+1 (800) 555-1234", "0800 123 4567"); not times, dates or IP addresses.
bool has_phone_number(std::string_view f) {
  std::size_t i = 0;
  while (i < f.size()) {
    const bool starts = is_digit(f[i]) || f[i] == '+' || f[i] == '(';
    if (!starts || (i > 0 && (is_digit(f[i - 1]) || (f[i - 1] >= 'a' && f[i - 1] <= 'z')))) {
      ++i;
      continue;
    }
    std::size_t digits = 0, dots = 0, groups = 0, separators_in_a_row = 0, end = i, group = 0, longest = 0;
    bool in_group = false;
    for (std::size_t k = i; k < f.size(); ++k) {
      const char c = f[k];
      if (is_digit(c)) {
        digits += 1;
        if (!in_group) {
          ++groups;
          group = 0;
        }
        longest = std::max(longest, ++group);
        in_group = true;
        separators_in_a_row = 0;
        end = k + 1;
      } else if ((c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || (c == '+' && k == i)) &&
                 separators_in_a_row < 2) {
        dots += c == '.';
        in_group = false;
        ++separators_in_a_row;
      } else {
        break;
      }
    }
    const char after = end < f.size() ? f[end] : ' ';
    const bool time_or_word = after == ':' || (after >= 'a' && after <= 'z');
    const bool ip_like = dots == 3 && groups == 4;
    // One run of digits, or groups as phones are written (no 14-digit decimals).
    const bool grouped_like_a_phone = groups == 1 || longest <= 5;
    if (digits >= 10 && digits <= 15 && groups <= 5 && grouped_like_a_phone && !time_or_word && !ip_like) return true;
    i = std::max(end, i + 1);
  }
  return false;
}

}  // namespace

void PhraseFinding::offer(std::string_view text, bool is_strong) {
  if (!found() || (is_strong && !strong)) {
    phrase = text;
    strong = is_strong;
  } else if (!is_strong && !strong && phrase.find(text) == std::string_view::npos &&
             text.find(phrase) == std::string_view::npos) {
    strong = true;  // a second, different weak phrase
  }
}

void find_promotion(const TextAnalysis& text, PromotionFindings& out) {
  out = PromotionFindings{};
  const auto& idx = index();
  const std::size_t n = text.words.size();
  for (std::size_t i = 0; i < n; ++i) {
    const auto w = text.word(i);
    if (is_dollar_amount(w)) {
      for (std::size_t k = i + 1; k < n && k <= i + 3; ++k)
        if (is_rate_word(text.word(k))) out.money_offer.offer("an amount of money per hour, day or week", true);
    }
    // "100 subscribers", "1k subscribers": chasing an audience.
    // (A small goal: "14,000,000 subscribers" is a fan counting, not asking.)
    if (w == "subscribers" && i > 0 && is_digit(text.word(i - 1)[0]) && text.word(i - 1).size() <= 4 &&
        !(i > 1 && text.words[i - 1].glued && is_digit(text.word(i - 2)[0])))
      out.call_to_action.offer("a number of subscribers", true);
    const auto it = idx.by_first.find(w);
    if (it == idx.by_first.end()) continue;
    for (const auto& [phrase, words] : it->second) {
      if (i + words.size() > n) continue;
      std::size_t k = 1;
      while (k < words.size() && text.word(i + k) == words[k]) ++k;
      if (k != words.size()) continue;
      auto& finding = phrase->kind == Kind::call_to_action   ? out.call_to_action
                      : phrase->kind == Kind::self_promotion ? out.self_promotion
                                                             : out.money_offer;
      finding.offer(phrase->text, phrase->strong);
    }
  }
  // A call to action that is (almost) the whole comment ("Subscribe!",
  // "check it out") asks for nothing but attention.
  constexpr std::size_t kBareCallWords = 4;
  if (out.call_to_action.found() && n <= kBareCallWords) out.call_to_action.strong = true;
  out.phone_number = has_phone_number(text.folded);
}

bool is_link_shortener(std::string_view host) {
  static constexpr std::string_view kShorteners[] = {
      "bit.ly", "goo.gl",    "tinyurl.com", "t.co",       "ow.ly",       "is.gd",     "buff.ly",
      "adf.ly", "bitly.com", "cutt.ly",     "rebrand.ly", "shorturl.at", "tiny.cc",   "rb.gy",
      "v.gd",   "lnkd.in",   "db.tt",       "qr.ae",      "clck.ru",     "shorte.st", "bc.vc",
      "ouo.io", "j.mp",      "su.pr",       "tr.im",      "x.co",        "po.st",     "mcaf.ee"};
  for (auto s : kShorteners)
    if (host == s) return true;
  return false;
}

std::string_view suspicious_host(std::string_view host) {
  bool numeric = !host.empty();
  for (const char c : host) numeric = numeric && (is_digit(c) || c == '.');
  if (numeric) return "a numeric IP address";
  if (host.substr(0, 4) == "xn--" || host.find(".xn--") != std::string_view::npos) return "punycode";
  const auto last_dot = host.rfind('.');
  const std::string_view tld = last_dot == std::string_view::npos ? std::string_view{} : host.substr(last_dot + 1);
  static constexpr std::string_view kThrowaway[] = {"tk", "ml", "ga", "cf", "gq"};
  for (auto t : kThrowaway)
    if (tld == t) return "a throwaway top-level domain";
  // Random-looking names: five consonants in a row outside the TLD.
  std::size_t run = 0;
  for (std::size_t i = 0; i < last_dot && i < host.size(); ++i) {
    const char c = host[i];
    const bool consonant = c >= 'a' && c <= 'z' && c != 'a' && c != 'e' && c != 'i' && c != 'o' && c != 'u' && c != 'y';
    run = consonant ? run + 1 : 0;
    if (run >= 5) return "a long run of consonants";
  }
  return {};
}

}  // namespace soundoff::detail
