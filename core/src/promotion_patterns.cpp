#include "promotion_patterns.h"

#include <algorithm>
#include <unordered_map>
#include <vector>

namespace soundoff::detail {

namespace {

enum class Kind { call_to_action, self_promotion, money_offer, praise, support, download_bait };

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
    // Generic praise of an article, the opening of SEO backlink spam (it only counts with a link).
    {Kind::praise, "very informative", true},
    {Kind::praise, "informative post", true},
    {Kind::praise, "informative article", true},
    {Kind::praise, "informative blog", true},
    {Kind::praise, "so informative", true},
    {Kind::praise, "highly informative", true},
    {Kind::praise, "great post", true},
    {Kind::praise, "nice post", true},
    {Kind::praise, "good post", true},
    {Kind::praise, "awesome post", true},
    {Kind::praise, "excellent post", true},
    {Kind::praise, "wonderful post", true},
    {Kind::praise, "amazing post", true},
    {Kind::praise, "fantastic post", true},
    {Kind::praise, "useful post", true},
    {Kind::praise, "great article", true},
    {Kind::praise, "nice article", true},
    {Kind::praise, "good article", true},
    {Kind::praise, "excellent article", true},
    {Kind::praise, "wonderful article", true},
    {Kind::praise, "amazing article", true},
    {Kind::praise, "useful article", true},
    {Kind::praise, "great blog", true},
    {Kind::praise, "nice blog", true},
    {Kind::praise, "good blog", true},
    {Kind::praise, "amazing blog", true},
    {Kind::praise, "wonderful blog", true},
    {Kind::praise, "great blog post", true},
    {Kind::praise, "nice blog post", true},
    {Kind::praise, "useful information", true},
    {Kind::praise, "helpful information", true},
    {Kind::praise, "valuable information", true},
    {Kind::praise, "great information", true},
    {Kind::praise, "nice information", true},
    {Kind::praise, "good information", true},
    {Kind::praise, "great info", true},
    {Kind::praise, "useful info", true},
    {Kind::praise, "keep posting", true},
    {Kind::praise, "keep sharing", true},
    {Kind::praise, "keep it up", true},
    {Kind::praise, "keep up the good work", true},
    {Kind::praise, "keep up the great work", true},
    {Kind::praise, "keep writing", true},
    {Kind::praise, "keep blogging", true},
    {Kind::praise, "thanks for sharing", true},
    {Kind::praise, "thank you for sharing", true},
    {Kind::praise, "thanks for this post", true},
    {Kind::praise, "thanks for the post", true},
    {Kind::praise, "thanks for posting", true},
    {Kind::praise, "thanks for the information", true},
    {Kind::praise, "thanks for the info", true},
    {Kind::praise, "thank you for the information", true},
    {Kind::praise, "enjoyed reading", true},
    {Kind::praise, "really enjoyed", true},
    {Kind::praise, "well written", true},
    {Kind::praise, "nicely written", true},
    {Kind::praise, "well explained", true},
    {Kind::praise, "great content", true},
    {Kind::praise, "good content", true},
    {Kind::praise, "quality content", true},
    {Kind::praise, "i like your blog", true},
    {Kind::praise, "love your blog", true},
    {Kind::praise, "your blog", true},
    {Kind::praise, "your article", true},
    {Kind::praise, "your post", true},
    {Kind::praise, "your website", true},
    {Kind::praise, "bookmarked", true},
    {Kind::praise, "bookmark your", true},
    {Kind::praise, "looking forward to more", true},
    {Kind::praise, "looking forward to your next", true},
    {Kind::praise, "great share", true},
    {Kind::praise, "nice share", true},
    {Kind::praise, "very helpful", true},
    {Kind::praise, "very useful", true},
    {Kind::praise, "really helpful", true},
    {Kind::praise, "great read", true},
    {Kind::praise, "nice read", true},
    {Kind::praise, "great write up", true},
    {Kind::praise, "great writeup", true},
    {Kind::praise, "superb post", true},
    // Tech-support scams: a brand's "support" or "helpline" with a number to call.
    {Kind::support, "tech support number", true},
    {Kind::support, "technical support number", true},
    {Kind::support, "customer support number", true},
    {Kind::support, "customer service number", true},
    {Kind::support, "customer care number", true},
    {Kind::support, "helpline number", true},
    {Kind::support, "help line number", true},
    {Kind::support, "toll free number", true},
    {Kind::support, "toll free", true},
    {Kind::support, "tollfree", true},
    {Kind::support, "support phone number", true},
    {Kind::support, "support number", true},
    {Kind::support, "support helpline", true},
    {Kind::support, "help desk number", true},
    {Kind::support, "helpdesk number", true},
    {Kind::support, "customer care", true},
    {Kind::support, "contact number", true},
    {Kind::support, "phone number for", true},
    {Kind::support, "24 7 support", true},
    {Kind::support, "24x7 support", true},
    {Kind::support, "24x7", true},
    {Kind::support, "call support", true},
    {Kind::support, "support team number", true},
    {Kind::support, "support", false},
    {Kind::support, "customer service", false},
    {Kind::support, "helpline", false},
    {Kind::support, "help line", false},
    {Kind::support, "tech support", false},
    {Kind::support, "technical support", false},
    {Kind::support, "customer support", false},
    {Kind::support, "help desk", false},
    {Kind::support, "helpdesk", false},
    {Kind::support, "call us", false},
    {Kind::support, "dial", false},
    {Kind::support, "contact us", false},
    // Download and streaming bait.
    {Kind::download_bait, "watch full movie", true},
    {Kind::download_bait, "full movie online", true},
    {Kind::download_bait, "full movie free", true},
    {Kind::download_bait, "full movie hd", true},
    {Kind::download_bait, "full movie download", true},
    {Kind::download_bait, "watch online free", true},
    {Kind::download_bait, "watch free online", true},
    {Kind::download_bait, "free movie download", true},
    {Kind::download_bait, "movies online free", true},
    {Kind::download_bait, "movie online free", true},
    {Kind::download_bait, "download here", true},
    {Kind::download_bait, "download link", true},
    {Kind::download_bait, "download full", true},
    {Kind::download_bait, "direct download", true},
    {Kind::download_bait, "free download here", true},
    {Kind::download_bait, "hd download", true},
    {Kind::download_bait, "download hd", true},
    {Kind::download_bait, "stream free", true},
    {Kind::download_bait, "free streaming", true},
    {Kind::download_bait, "live stream free", true},
    {Kind::download_bait, "watch live free", true},
    {Kind::download_bait, "full episode online", true},
    {Kind::download_bait, "full episodes online", true},
    {Kind::download_bait, "full episodes free", true},
    {Kind::download_bait, "putlocker", true},
    {Kind::download_bait, "123movies", true},
    {Kind::download_bait, "fmovies", true},
    {Kind::download_bait, "gomovies", true},
    {Kind::download_bait, "torrent download", true},
    {Kind::download_bait, "mp3 download", true},
    {Kind::download_bait, "download mp3", true},
    {Kind::download_bait, "crack download", true},
    {Kind::download_bait, "keygen", true},
    {Kind::download_bait, "serial key", true},
    {Kind::download_bait, "full version free", true},
    {Kind::download_bait, "free full version", true},
    {Kind::download_bait, "apk download", true},
    {Kind::download_bait, "mod apk", true},
    {Kind::download_bait, "free apk", true},
    {Kind::download_bait, "watch here free", true},
    {Kind::download_bait, "click to watch", true},
    {Kind::download_bait, "watch it here", true},
    {Kind::download_bait, "download it here", true},
    {Kind::download_bait, "free mp3", true},
    {Kind::download_bait, "full movie", false},
    {Kind::download_bait, "1080p", false},
    {Kind::download_bait, "720p", false},
    {Kind::download_bait, "480p", false},
    {Kind::download_bait, "hd", false},
    {Kind::download_bait, "download", false},
    {Kind::download_bait, "free download", false},
    {Kind::download_bait, "streaming", false},
    {Kind::download_bait, "watch online", false},
    {Kind::download_bait, "online free", false},
    {Kind::download_bait, "torrent", false},
    {Kind::download_bait, "crack", false},
    {Kind::download_bait, "apk", false},
    {Kind::download_bait, "mp3", false},
    {Kind::download_bait, "full hd", false},
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

// A letter 'o' standing for a zero inside a number ("1-8OO-555-0199").
bool is_digit_or_o(std::string_view f, std::size_t k) {
  if (is_digit(f[k])) return true;
  if (f[k] != 'o' || k == 0) return false;
  const bool after_digit = is_digit(f[k - 1]) || f[k - 1] == 'o';
  const char next = k + 1 < f.size() ? f[k + 1] : ' ';
  return after_digit && (is_digit(next) || next == 'o' || next == '-' || next == '.' || next == ' ' || next == ')');
}

struct PhoneScan {
  bool phone = false;
  bool toll_free = false;
};

// 10 to 15 digits written as one number with phone-style separators
// ("+1 (800) 555-1234", "0800 123 4567", "800.555.0199"), also spelled digit
// by digit ("1 8 0 0 5 5 5 0 1 9 9") or with O for 0; not times, dates or IP
// addresses. Toll-free: 1-800 and its siblings (888, 877, 866, 855, 844, 833).
PhoneScan scan_phone_numbers(std::string_view f) {
  PhoneScan out;
  // One candidate number: its digits and how they are grouped.
  struct Run {
    std::string digits;
    std::size_t dots = 0, groups = 0, longest = 0, end = 0;
    std::size_t shortest_later = 99;  // the shortest group after the first
  };
  auto judge = [&out](const Run& r, char after) {
    const std::size_t digits = r.digits.size();
    const bool time_or_word = after == ':' || (after >= 'a' && after <= 'z');
    const bool ip_like = r.dots == 3 && r.groups == 4 && r.longest <= 3;
    // "10.0.19045.3803": a version number, dotted with a one-digit part.
    const bool version_like = r.dots >= 2 && r.dots + 1 == r.groups && r.shortest_later == 1 && r.groups != digits;
    // One run of digits, groups as phones are written (no 14-digit
    // decimals), or one digit at a time.
    const bool spelled_out = r.groups == digits;
    const bool grouped_like_a_phone = r.groups == 1 || r.longest <= 5;
    if (digits < 10 || digits > 15 || (r.groups > 5 && !spelled_out) || !grouped_like_a_phone || time_or_word ||
        ip_like || version_like)
      return false;
    out.phone = true;
    const std::string_view d = r.digits;
    const std::string_view national = d.size() == 11 && d[0] == '1' ? d.substr(1) : d;
    static constexpr std::string_view kTollFree[] = {"800", "888", "877", "866", "855", "844", "833"};
    if (national.size() == 10)
      for (auto prefix : kTollFree)
        if (national.substr(0, 3) == prefix) out.toll_free = true;
    return true;
  };
  Run run, before_last_group;
  std::size_t i = 0;
  while (i < f.size()) {
    const bool starts = is_digit(f[i]) || f[i] == '+' || f[i] == '(';
    if (!starts || (i > 0 && (is_digit(f[i - 1]) || (f[i - 1] >= 'a' && f[i - 1] <= 'z')))) {
      ++i;
      continue;
    }
    run = Run{};
    run.end = i;
    before_last_group = run;
    std::size_t separators_in_a_row = 0, group = 0;
    bool in_group = false;
    auto close_group = [&] {
      if (in_group && run.groups > 1) run.shortest_later = std::min(run.shortest_later, group);
    };
    for (std::size_t k = i; k < f.size(); ++k) {
      const char c = f[k];
      if (is_digit_or_o(f, k)) {
        if (!in_group) {
          before_last_group = run;
          ++run.groups;
          group = 0;
        }
        run.digits.push_back(c == 'o' ? '0' : c);
        run.longest = std::max(run.longest, ++group);
        in_group = true;
        separators_in_a_row = 0;
        run.end = k + 1;
      } else if ((c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || (c == '+' && k == i)) &&
                 separators_in_a_row < 2) {
        run.dots += c == '.';
        close_group();
        in_group = false;
        ++separators_in_a_row;
      } else {
        break;
      }
    }
    close_group();
    const char after = run.end < f.size() ? f[run.end] : ' ';
    // "555 0142 24x7": the number ends before the group a word is glued to.
    if (!judge(run, after) && after >= 'a' && after <= 'z' && before_last_group.groups > 0 &&
        f[before_last_group.end] == ' ')
      judge(before_last_group, ' ');
    i = std::max(run.end, i + 1);
  }
  return out;
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
                      : phrase->kind == Kind::money_offer    ? out.money_offer
                      : phrase->kind == Kind::praise         ? out.praise
                      : phrase->kind == Kind::support        ? out.support
                                                             : out.download_bait;
      finding.offer(phrase->text, phrase->strong);
    }
  }
  // A call to action that is (almost) the whole comment ("Subscribe!",
  // "check it out") asks for nothing but attention.
  constexpr std::size_t kBareCallWords = 4;
  if (out.call_to_action.found() && n <= kBareCallWords) out.call_to_action.strong = true;
  const PhoneScan phones = scan_phone_numbers(text.folded);
  out.phone_number = phones.phone;
  out.toll_free_number = phones.toll_free;
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
