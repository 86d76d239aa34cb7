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
};

// Chosen for being promotional on any site, not for a dataset's topics.
// Single words only where they are rarely anything else in a comment.
constexpr Phrase kPhrases[] = {
    {Kind::call_to_action, "check out"},       {Kind::call_to_action, "check my"},
    {Kind::call_to_action, "check it out"},    {Kind::call_to_action, "subscribe"},
    {Kind::call_to_action, "sub to"},          {Kind::call_to_action, "sub4sub"},
    {Kind::call_to_action, "sub 4 sub"},       {Kind::call_to_action, "follow me"},
    {Kind::call_to_action, "add me"},          {Kind::call_to_action, "visit my"},
    {Kind::call_to_action, "visit our"},       {Kind::call_to_action, "click here"},
    {Kind::call_to_action, "click the link"},  {Kind::call_to_action, "click this link"},
    {Kind::call_to_action, "click on the link"}, {Kind::call_to_action, "go to my"},
    {Kind::call_to_action, "like this comment"}, {Kind::call_to_action, "please like"},
    {Kind::call_to_action, "please share"},    {Kind::call_to_action, "like and subscribe"},
    {Kind::call_to_action, "support me"},      {Kind::call_to_action, "vote for"},
    {Kind::call_to_action, "please check"},    {Kind::call_to_action, "watch my"},
    {Kind::call_to_action, "listen to my"},    {Kind::call_to_action, "take a look at my"},
    {Kind::call_to_action, "thumbs up so"},    {Kind::call_to_action, "call now"},
    {Kind::call_to_action, "order now"},       {Kind::call_to_action, "buy now"},
    {Kind::call_to_action, "contact us"},      {Kind::call_to_action, "whatsapp"},
    {Kind::self_promotion, "my channel"},      {Kind::self_promotion, "my videos"},
    {Kind::self_promotion, "my video"},        {Kind::self_promotion, "my music"},
    {Kind::self_promotion, "my song"},         {Kind::self_promotion, "my songs"},
    {Kind::self_promotion, "my new song"},     {Kind::self_promotion, "my new video"},
    {Kind::self_promotion, "my page"},         {Kind::self_promotion, "my website"},
    {Kind::self_promotion, "my site"},         {Kind::self_promotion, "my blog"},
    {Kind::self_promotion, "my youtube"},      {Kind::self_promotion, "my profile"},
    {Kind::self_promotion, "my instagram"},    {Kind::self_promotion, "my twitter"},
    {Kind::self_promotion, "my facebook"},     {Kind::self_promotion, "my soundcloud"},
    {Kind::self_promotion, "my cover"},        {Kind::self_promotion, "my covers"},
    {Kind::self_promotion, "my playlist"},     {Kind::self_promotion, "our channel"},
    {Kind::self_promotion, "our website"},     {Kind::self_promotion, "my shop"},
    {Kind::self_promotion, "my store"},        {Kind::self_promotion, "my mixtape"},
    {Kind::money_offer, "make money"},         {Kind::money_offer, "earn money"},
    {Kind::money_offer, "free money"},         {Kind::money_offer, "work from home"},
    {Kind::money_offer, "working from home"},  {Kind::money_offer, "extra income"},
    {Kind::money_offer, "extra cash"},         {Kind::money_offer, "online income"},
    {Kind::money_offer, "gift card"},          {Kind::money_offer, "gift cards"},
    {Kind::money_offer, "free iphone"},        {Kind::money_offer, "giveaway"},
    {Kind::money_offer, "promo code"},         {Kind::money_offer, "discount code"},
    {Kind::money_offer, "coupon code"},        {Kind::money_offer, "bitcoin"},
    {Kind::money_offer, "forex"},              {Kind::money_offer, "payday loan"},
    {Kind::money_offer, "payday loans"},       {Kind::money_offer, "casino"},
    {Kind::money_offer, "buy followers"},      {Kind::money_offer, "free followers"},
    {Kind::money_offer, "get paid"},           {Kind::money_offer, "paid surveys"},
    {Kind::money_offer, "earn cash"},          {Kind::money_offer, "passive income"},
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

void find_promotion(const TextAnalysis& text, PromotionFindings& out) {
  out = PromotionFindings{};
  const auto& idx = index();
  const std::size_t n = text.words.size();
  for (std::size_t i = 0; i < n; ++i) {
    const auto w = text.word(i);
    if (is_dollar_amount(w) && out.money_offer.empty()) {
      for (std::size_t k = i + 1; k < n && k <= i + 3; ++k)
        if (is_rate_word(text.word(k))) out.money_offer = "an amount of money per hour, day or week";
    }
    const auto it = idx.by_first.find(w);
    if (it == idx.by_first.end()) continue;
    for (const auto& [phrase, words] : it->second) {
      if (i + words.size() > n) continue;
      std::size_t k = 1;
      while (k < words.size() && text.word(i + k) == words[k]) ++k;
      if (k != words.size()) continue;
      auto& slot = phrase->kind == Kind::call_to_action   ? out.call_to_action
                   : phrase->kind == Kind::self_promotion ? out.self_promotion
                                                          : out.money_offer;
      if (slot.empty()) slot = phrase->text;
    }
  }
  out.phone_number = has_phone_number(text.folded);
}

bool is_link_shortener(std::string_view host) {
  static constexpr std::string_view kShorteners[] = {
      "bit.ly", "goo.gl", "tinyurl.com", "t.co",  "ow.ly",   "is.gd",    "buff.ly",  "adf.ly",  "bitly.com",
      "cutt.ly", "rebrand.ly", "shorturl.at", "tiny.cc", "rb.gy", "v.gd", "lnkd.in", "db.tt", "qr.ae",
      "clck.ru", "shorte.st", "bc.vc", "ouo.io", "j.mp", "su.pr", "tr.im", "x.co", "po.st", "mcaf.ee"};
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
    const bool consonant = c >= 'a' && c <= 'z' && c != 'a' && c != 'e' && c != 'i' && c != 'o' && c != 'u' &&
                           c != 'y';
    run = consonant ? run + 1 : 0;
    if (run >= 5) return "a long run of consonants";
  }
  return {};
}

}  // namespace soundoff::detail
