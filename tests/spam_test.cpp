#include "soundoff/spam.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "soundoff/document.h"
#include "support/fixtures.h"

namespace soundoff {
namespace {

constexpr std::int64_t kSecond = 1000;

Comment comment(std::string author, std::string body, std::int64_t created_ms = 0) {
  Comment c;
  c.author = std::move(author);
  c.body = std::move(body);
  c.created_ms = created_ms;
  return c;
}

bool has_reason(const SpamCheck& check, std::string_view code) {
  return std::any_of(check.reasons.begin(), check.reasons.end(), [&](const SpamReason& r) { return r.code == code; });
}

std::string describe(const SpamCheck& check) { return spam_check_to_json(check); }

// Checks each comment of a document against the ones before it, as a server
// checking every POST would.
std::vector<SpamCheck> check_document(const std::vector<Comment>& comments, const SpamPolicy& policy) {
  std::vector<PriorComment> earlier;
  std::vector<SpamCheck> checks;
  for (const auto& c : comments) {
    SpamContext context;
    context.thread = earlier;
    checks.push_back(check_spam(c, context, policy));
    earlier.push_back(prior_comment(c));
  }
  return checks;
}

SpamPolicy policy_from(const std::string& json) {
  auto p = parse_spam_policy(json);
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
  return p.ok() ? std::move(*p) : SpamPolicy{};
}

// --- The seed page's hard cases -------------------------------------------

TEST(SpamSeed, MarysFiveQuickLegitimateCommentsAreAllAccepted) {
  auto doc = parse_document(test::read_fixture("seed-thread.json"));
  ASSERT_TRUE(doc.ok());
  const auto checks = check_document(doc->comments, SpamPolicy{});
  std::size_t marys = 0;
  for (std::size_t i = 0; i < checks.size(); ++i) {
    if (doc->comments[i].author != "Mary") continue;
    ++marys;
    EXPECT_EQ(checks[i].verdict, Verdict::accept) << doc->comments[i].id << ": " << describe(checks[i]);
    EXPECT_FALSE(has_reason(checks[i], "flood")) << doc->comments[i].id;
  }
  EXPECT_GE(marys, 5u);
}

TEST(SpamSeed, RascalRabblesRespelledRepeatIsHeldAsANearDuplicate) {
  auto doc = parse_document(test::read_fixture("seed-thread.json"));
  ASSERT_TRUE(doc.ok());
  const auto checks = check_document(doc->comments, SpamPolicy{});
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const auto& id = doc->comments[i].id;
    if (id == "11") {
      EXPECT_EQ(checks[i].verdict, Verdict::hold) << describe(checks[i]);
      EXPECT_TRUE(has_reason(checks[i], "near_duplicate")) << describe(checks[i]);
    } else {
      EXPECT_EQ(checks[i].verdict, Verdict::accept) << id << ": " << describe(checks[i]);
    }
  }
}

TEST(SpamSeed, NearDuplicatesAreOnlyHeldForTheSameAuthor) {
  auto doc = parse_document(test::read_fixture("seed-thread.json"));
  ASSERT_TRUE(doc.ok());
  std::vector<Comment> comments = doc->comments;
  for (auto& c : comments)
    if (c.id == "11") c.author = "Someone Else";
  const auto checks = check_document(comments, SpamPolicy{});
  for (std::size_t i = 0; i < checks.size(); ++i)
    EXPECT_EQ(checks[i].verdict, Verdict::accept) << comments[i].id << ": " << describe(checks[i]);
}

// --- WordPress's defaults ---------------------------------------------------

TEST(SpamWordPressDefaults, TwoLinksAreHeldAndOneIsNot) {
  const auto two =
      check_spam(comment("ann", "See https://example.org/a and https://example.net/b for details."), {}, SpamPolicy{});
  EXPECT_EQ(two.verdict, Verdict::hold) << describe(two);
  EXPECT_TRUE(has_reason(two, "link_limit"));
  const auto one = check_spam(comment("ann", "See https://example.org/a for details."), {}, SpamPolicy{});
  EXPECT_FALSE(has_reason(one, "link_limit"));
}

TEST(SpamWordPressDefaults, LinksInAnchorTagsCountAndAnAnchorRepeatingItsHrefCountsOnce) {
  const auto anchors = check_spam(
      comment("ann", R"(<a href="http://a.example.com/x">one</a> and <a href='http://b.example.com'>two</a>)"), {},
      SpamPolicy{});
  EXPECT_TRUE(has_reason(anchors, "link_limit")) << describe(anchors);
  const auto same = check_spam(
      comment("ann", R"(<a href="https://www.bbc.co.uk/news/1">https://www.bbc.co.uk/news/1</a>)"), {}, SpamPolicy{});
  EXPECT_FALSE(has_reason(same, "link_limit")) << describe(same);
}

TEST(SpamWordPressDefaults, CommentsFasterThanTheFloodIntervalAreHeldOnceTheBurstIsSpent) {
  std::vector<PriorComment> earlier;
  std::vector<Comment> posts;
  for (int i = 0; i < 5; ++i)
    posts.push_back(
        comment("bot", "message number " + std::to_string(i) + " about something else entirely", i * 2 * kSecond));
  for (const auto& p : posts) earlier.push_back(prior_comment(p));
  SpamContext context;
  context.author_recent = earlier;
  const auto sixth = check_spam(comment("bot", "yet another different remark", 10 * kSecond), context, SpamPolicy{});
  EXPECT_EQ(sixth.verdict, Verdict::hold) << describe(sixth);
  EXPECT_TRUE(has_reason(sixth, "flood"));
  // After five intervals of 15 s the burst allowance is back.
  const auto later = check_spam(comment("bot", "yet another different remark", 90 * kSecond), context, SpamPolicy{});
  EXPECT_FALSE(has_reason(later, "flood")) << describe(later);
}

TEST(SpamWordPressDefaults, FloodCountsTheSameAddressUnderAnotherName) {
  std::vector<Comment> posts;
  for (int i = 0; i < 5; ++i) posts.push_back(comment("name" + std::to_string(i), "text " + std::to_string(i), i));
  std::vector<PriorComment> earlier;
  for (const auto& p : posts) earlier.push_back(prior_comment(p, "ip-hash-1"));
  SpamContext context;
  context.thread = earlier;
  context.ip_hash = "ip-hash-1";
  EXPECT_TRUE(has_reason(check_spam(comment("fresh name", "hello there", 6), context, SpamPolicy{}), "flood"));
  context.ip_hash = "ip-hash-2";
  EXPECT_FALSE(has_reason(check_spam(comment("fresh name", "hello there", 6), context, SpamPolicy{}), "flood"));
}

TEST(SpamWordPressDefaults, AnExactDuplicateBySameAuthorIsHeldButByAnotherOnlyCounts) {
  const std::string text = "I completely agree with the point about the treaty and its consequences.";
  const Comment first = comment("Ann", text, 0);
  const std::vector<PriorComment> earlier = {prior_comment(first)};
  SpamContext context;
  context.thread = earlier;
  const auto same = check_spam(comment("ann",
                                       "I  completely AGREE with the point about the treaty and its "
                                       "consequences!",
                                       600 * kSecond),
                               context, SpamPolicy{});
  EXPECT_EQ(same.verdict, Verdict::hold) << describe(same);
  EXPECT_TRUE(has_reason(same, "duplicate"));
  const auto other = check_spam(comment("Bob", text, 600 * kSecond), context, SpamPolicy{});
  EXPECT_EQ(other.verdict, Verdict::accept) << describe(other);
  EXPECT_TRUE(has_reason(other, "thread_repeat"));
}

TEST(SpamWordPressDefaults, ModerationWordsHoldAndBannedWordsReject) {
  const auto policy = policy_from(R"({"moderation_words": ["refinance"], "banned_words": ["viagra", "cheap pills"]})");
  EXPECT_EQ(check_spam(comment("a", "Time to refinance, folks."), {}, policy).verdict, Verdict::hold);
  const auto banned = check_spam(comment("a", "Buy viagra"), {}, policy);
  EXPECT_EQ(banned.verdict, Verdict::reject);
  ASSERT_FALSE(banned.reasons.empty());
  EXPECT_EQ(banned.reasons[0].code, "banned_word");
  EXPECT_EQ(check_spam(comment("a", "get CHEAP   pills here"), {}, policy).verdict, Verdict::reject);
  EXPECT_EQ(check_spam(comment("a", "the pills were not cheap"), {}, policy).verdict, Verdict::accept);
}

TEST(SpamWordPressDefaults, FirstTimeCommentersWithLinksAreHeld) {
  SpamContext first;
  first.author_approved = 0;
  const auto held = check_spam(comment("new", "Good read: https://www.reuters.com/world/x"), first, SpamPolicy{});
  EXPECT_EQ(held.verdict, Verdict::hold) << describe(held);
  EXPECT_TRUE(has_reason(held, "first_time_link"));
  SpamContext known;
  known.author_approved = 4;
  EXPECT_EQ(check_spam(comment("old", "Good read: https://www.reuters.com/world/x"), known, SpamPolicy{}).verdict,
            Verdict::accept);
  EXPECT_EQ(check_spam(comment("new", "No link here, just an opinion."), first, SpamPolicy{}).verdict, Verdict::accept);
}

TEST(SpamLinks, ALegitimateCommentWithOneNewsLinkIsAccepted) {
  const auto c = comment("reader",
                         "The treaty text is here: https://www.bbc.com/news/world-middle-east-24019111 - the key "
                         "part is the inspection timetable, which looks unrealistic to me.");
  const auto check = check_spam(c, {}, SpamPolicy{});
  EXPECT_EQ(check.verdict, Verdict::accept) << describe(check);
  SpamContext regular;
  regular.author_approved = 12;
  EXPECT_EQ(check_spam(c, regular, SpamPolicy{}).verdict, Verdict::accept);
}

TEST(SpamLinks, HelpfulReadersOfTutorialsAreAcceptedWithTheShippedModel) {
  // Readers of tutorials post links and say "check out" or "subscribe" too;
  // neither those words nor one link may hold them (written for this test).
  const char* readers[] = {
      "Thanks for the tutorial! For anyone on Windows, check out the docs at "
      "https://docs.python.org/3/library/venv.html - you need to activate the venv first.",
      "I got an error on step 3: ModuleNotFoundError: No module named flask. Any idea?",
      "Please update the post, the API changed in version 2.0. Check out the changelog.",
      "Free software FTW. Subscribe to the mailing list if you want release notes.",
      "This fixed it for me: https://stackoverflow.com/questions/12345/flask-import-error",
      "Here is my repo with the finished code if anyone needs it https://github.com/jdoe/flask-todo",
      "Awesome, thank you so much! This saved my day.",
  };
  for (const char* text : readers) {
    const auto check = check_spam(comment("reader", text), {}, SpamPolicy{});
    EXPECT_EQ(check.verdict, Verdict::accept) << text << ": " << describe(check);
  }
  const auto spam =
      check_spam(comment("x", "Great blog, very informative. Please visit my website http://cheap-essay-writers.xyz"),
                 {}, SpamPolicy{});
  EXPECT_EQ(spam.verdict, Verdict::hold) << describe(spam);
}

// --- Obfuscations ------------------------------------------------------------

TEST(SpamObfuscation, BannedWordsAreFoundThroughEveryDisguise) {
  const auto policy = policy_from(R"({"banned_words": ["viagra"]})");
  const char* disguises[] = {
      "VIAGRA here",                // case
      "V\xC3\xAD\xC3\xA1gra here",  // accents: Víágra
      "vi\xE2\x80\x8B"
      "agra here",  // zero-width space
      "vi\xC2\xAD"
      "agra",  // soft hyphen
      "v\xD1\x96"
      "agra",                                                                      // Cyrillic і homoglyph
      "vi\xD0\xB0gra",                                                             // Cyrillic а homoglyph
      "\xEF\xBD\x96\xEF\xBD\x89\xEF\xBD\x81\xEF\xBD\x87\xEF\xBD\x92\xEF\xBD\x81",  // fullwidth
      "\xF0\x9D\x90\xAF\xF0\x9D\x90\xA2\xF0\x9D\x90\x9A\xF0\x9D\x90\xA0\xF0\x9D\x90\xAB\xF0\x9D\x90\x9A",  // math bold
      "v1agra",               // leetspeak digit
      "v!@gr@",               // leetspeak symbols
      "vi<b>ag</b>ra",        // split by tags
      "vi.agra",              // split by punctuation
      "v-i-a-g-r-a",          // spelled out with punctuation
      "buy v i a g r a now",  // spelled out with spaces
      "viiiagraaa",           // stretched letters
      "vi&#97;gra",           // HTML entity
  };
  for (const char* text : disguises) {
    const auto check = check_spam(comment("x", text), {}, policy);
    EXPECT_EQ(check.verdict, Verdict::reject) << text << ": " << describe(check);
  }
}

TEST(SpamObfuscation, WordListsMatchWholeWordsOnly) {
  const auto policy = policy_from(R"({"banned_words": ["ass"], "moderation_words": ["hell"]})");
  for (const char* text : {"a classic assessment", "Hello, shell users", "the class was massive"}) {
    const auto check = check_spam(comment("x", text), {}, policy);
    EXPECT_EQ(check.verdict, Verdict::accept) << text << ": " << describe(check);
  }
  EXPECT_EQ(check_spam(comment("x", "what the hell"), {}, policy).verdict, Verdict::hold);
  EXPECT_EQ(check_spam(comment("x", "you @ss"), {}, policy).verdict, Verdict::reject);
  EXPECT_EQ(check_spam(comment("x", "as I said"), {}, policy).verdict, Verdict::accept);
}

// --- Promotional patterns ------------------------------------------------------

TEST(SpamPromotion, CallsToActionShortenersPhonesAndOddHostsAreReasons) {
  struct Case {
    const char* text;
    const char* code;
  } cases[] = {
      {"Please check out my channel and subscribe!", "call_to_action"},
      {"Please check out my channel and subscribe!", "self_promotion"},
      {"I make $85 per hour working from home", "money_offer"},
      {"Call +1 (800) 555-1234 today", "phone_number"},
      {"deal at bit.ly/3xYzAb", "link_shortener"},
      {"see http://185.23.10.4/promo", "suspicious_host"},
      {"see http://xn--80ak6aa92e.com/", "suspicious_host"},
      {"see http://qwrtzpkl.com/", "suspicious_host"},
      {"join now http://example.com/signup?ref=abc123 it is great", "referral_link"},
      {"http://example.com/x", "link_only"},
  };
  for (const auto& c : cases) {
    const auto check = check_spam(comment("x", c.text), {}, SpamPolicy{});
    EXPECT_TRUE(has_reason(check, c.code)) << c.text << " lacks " << c.code << ": " << describe(check);
  }
  for (const char* text : {"The vote was 2013-09-09 18:01 local time", "Pi is 3.14159265358979",
                           "Server 192.168.100.200 went down", "See www.bbc.com for more"}) {
    const auto check = check_spam(comment("x", text), {}, SpamPolicy{});
    EXPECT_FALSE(has_reason(check, "phone_number")) << text;
    EXPECT_FALSE(has_reason(check, "suspicious_host")) << text << ": " << describe(check);
  }
}

TEST(SpamPromotion, SelfDirectedOrBareCallsToActionHoldButPassingMentionsDoNot) {
  for (const char* text : {"Subscribe!", "Please subscribe to my channel", "Like this comment if you agree",
                           "If I reach 100 subscribers I will sing", "check me out"}) {
    const auto check = check_spam(comment("x", text), {}, SpamPolicy{});
    EXPECT_EQ(check.verdict, Verdict::hold) << text << ": " << describe(check);
  }
  for (const char* text : {"You can subscribe to the RSS feed from the sidebar, it works in Feedly too.",
                           "Katy is so close to 14,000,000 subscribers, amazing run"}) {
    const auto check = check_spam(comment("x", text), {}, SpamPolicy{});
    EXPECT_EQ(check.verdict, Verdict::accept) << text << ": " << describe(check);
  }
}

TEST(SpamCivility, ShoutingAndCharacterFloodsAloneAreNotSpam) {
  const auto check = check_spam(comment("x", "THIS IS THE WORST DECISION EVER MADE!!!!!!!!!!"), {}, SpamPolicy{});
  EXPECT_EQ(check.verdict, Verdict::accept) << describe(check);
  EXPECT_TRUE(has_reason(check, "shouting"));
  EXPECT_TRUE(has_reason(check, "character_flood"));
  for (const auto& r : check.reasons)
    if (r.code == "shouting" || r.code == "character_flood") EXPECT_LE(r.weight, 0.15);
}

TEST(SpamLength, EmptyBodiesAreRejectedAndOverlongOnesHeld) {
  EXPECT_EQ(check_spam(comment("x", " <br/> \xE2\x80\x8B "), {}, SpamPolicy{}).verdict, Verdict::reject);
  const auto policy = policy_from(R"({"max_chars": 50})");
  const auto long_one = check_spam(comment("x", std::string(60, 'a') + " b"), {}, policy);
  EXPECT_EQ(long_one.verdict, Verdict::hold);
  EXPECT_TRUE(has_reason(long_one, "too_long"));
}

TEST(SpamRequest, AutomatedOrMissingUserAgentsAreSignalsOnlyForLiveRequests) {
  SpamContext request;
  request.has_request = true;
  request.user_agent = "python-requests/2.31";
  EXPECT_TRUE(has_reason(check_spam(comment("x", "nice"), request, SpamPolicy{}), "automated_user_agent"));
  request.user_agent = "";
  EXPECT_TRUE(has_reason(check_spam(comment("x", "nice"), request, SpamPolicy{}), "missing_user_agent"));
  EXPECT_FALSE(has_reason(check_spam(comment("x", "nice"), SpamContext{}, SpamPolicy{}), "missing_user_agent"));
  request.user_agent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0";
  EXPECT_TRUE(check_spam(comment("x", "nice"), request, SpamPolicy{}).reasons.empty());
}

// --- Reasons and scores --------------------------------------------------------

TEST(SpamReasons, CodesAreStableAndDocumented) {
  const std::vector<std::string_view> expected = {"banned_word",
                                                  "empty_body",
                                                  "moderation_word",
                                                  "too_long",
                                                  "link_limit",
                                                  "first_time_link",
                                                  "flood",
                                                  "duplicate",
                                                  "near_duplicate",
                                                  "link",
                                                  "thread_repeat",
                                                  "call_to_action",
                                                  "self_promotion",
                                                  "money_offer",
                                                  "phone_number",
                                                  "link_shortener",
                                                  "suspicious_host",
                                                  "content_model",
                                                  "automated_user_agent",
                                                  "missing_user_agent",
                                                  "shouting",
                                                  "character_flood",
                                                  "link_only",
                                                  "referral_link",
                                                  "obfuscated_link",
                                                  "seo_backlink",
                                                  "keyword_anchor",
                                                  "support_scam",
                                                  "download_bait",
                                                  "site_model"};
  const auto codes = spam_reason_codes();
  EXPECT_EQ(std::vector<std::string_view>(codes.begin(), codes.end()), expected);
  const auto doc = test::read_file(test::fixtures_dir() + "/../../docs/spam-policy.md");
  ASSERT_TRUE(doc.has_value()) << "docs/spam-policy.md is missing";
  for (auto code : codes) EXPECT_NE(doc->find("`" + std::string(code) + "`"), std::string::npos) << code;
}

TEST(SpamReasons, EveryCheckReturnsKnownCodesWithMessagesAndAScoreInRange) {
  const auto policy = policy_from(R"({"banned_words": ["scam"], "moderation_words": ["refund"]})");
  const auto codes = spam_reason_codes();
  for (const char* text : {"CHECK OUT MY CHANNEL!!!!!!! http://bit.ly/x http://1.2.3.4/ scam refund call 0800 123 4567",
                           "A plain, thoughtful reply.", "Subscribe to my channel please"}) {
    const auto check = check_spam(comment("x", text), {}, policy);
    EXPECT_GE(check.score, 0.0);
    EXPECT_LE(check.score, 1.0);
    double previous = 2;
    for (const auto& r : check.reasons) {
      EXPECT_NE(std::find(codes.begin(), codes.end(), r.code), codes.end()) << r.code;
      EXPECT_FALSE(r.message.empty()) << r.code;
      EXPECT_GT(r.weight, 0.0);
      EXPECT_LE(r.weight, previous) << "reasons are sorted strongest first";
      previous = r.weight;
    }
  }
}

TEST(SpamReasons, VerdictJsonCarriesIdCodesAndRoundedNumbers) {
  const auto check = check_spam(comment("x", "see https://a.example.com and https://b.example.com"), {}, SpamPolicy{});
  const auto json = nlohmann::json::parse(spam_check_to_json(check, "c1"));
  EXPECT_EQ(json["id"], "c1");
  EXPECT_EQ(json["verdict"], "hold");
  EXPECT_EQ(json["reasons"][0]["code"], "link_limit");
  EXPECT_TRUE(json["score"].is_number());
}

// --- Policy -------------------------------------------------------------------

TEST(SpamPolicyJson, DefaultsMatchTheDocumentation) {
  const SpamPolicy p = policy_from("{}");
  EXPECT_EQ(p.link_hold_at, 2u);
  EXPECT_DOUBLE_EQ(p.flood_interval_s, 15);
  EXPECT_EQ(p.flood_burst, 5u);
  EXPECT_DOUBLE_EQ(p.hold_score, 0.5);
  EXPECT_TRUE(p.banned_words.empty());
}

TEST(SpamPolicyJson, BadPoliciesAreErrorsNamingTheField) {
  struct Case {
    const char* json;
    const char* names;
  } cases[] = {
      {"not json", "not valid JSON"},
      {"[]", "JSON object"},
      {R"({"links": {"hold_at": "two"}})", "links.hold_at"},
      {R"({"link": {}})", "\"link\""},
      {R"({"flood": {"burst": 0}})", "flood.burst"},
      {R"({"flood": {"interval": 5}})", "flood.interval"},
      {R"({"banned_words": ["ok", 3]})", "banned_words[1]"},
      {R"({"weights": {"no_such_code": 0.5}})", "weights.no_such_code"},
      {R"({"weights": {"link": 2}})", "weights.link"},
      {R"({"hold_score": 0.9, "reject_score": 0.5})", "reject_score"},
      {R"({"duplicates": {"near_similarity": 0}})", "duplicates.near_similarity"},
  };
  for (const auto& c : cases) {
    const auto p = parse_spam_policy(c.json);
    ASSERT_FALSE(p.ok()) << c.json;
    EXPECT_EQ(p.error().code, "invalid_policy");
    EXPECT_NE(p.error().message.find(c.names), std::string::npos) << c.json << " -> " << p.error().message;
  }
}

TEST(SpamPolicyJson, WeightsCanSwitchAReasonOff) {
  const auto policy = policy_from(R"({"weights": {"link_limit": 0}})");
  const auto check = check_spam(comment("x", "https://a.example.com https://b.example.com"), {}, policy);
  EXPECT_FALSE(has_reason(check, "link_limit"));
}

TEST(SpamPolicyJson, WritingAPolicyAndReadingItBackGivesTheSamePolicy) {
  for (const char* text :
       {"{}", R"({"hold_score": 0.3, "reject_score": 0.95, "links": {"hold_at": 1, "first_time_hold": false},
                                   "moderation_words": ["refinance", "cheap pills"], "banned_words": ["viagra"],
                                   "flood": {"interval_s": 2.5, "burst": 3}, "max_chars": 800,
                                   "duplicates": {"window_s": 3600, "near_similarity": 0.45, "near_min_chars": 10,
                                                  "thread_repeat_min_chars": 0},
                                   "weights": {"content_model": 0, "link": 0.15}})"}) {
    const SpamPolicy p = policy_from(text);
    const std::string written = spam_policy_to_json(p);
    const auto back = parse_spam_policy(written);
    ASSERT_TRUE(back.ok()) << written << ": " << back.error().message;
    EXPECT_EQ(back->hold_score, p.hold_score);
    EXPECT_EQ(back->reject_score, p.reject_score);
    EXPECT_EQ(back->link_hold_at, p.link_hold_at);
    EXPECT_EQ(back->first_time_link_hold, p.first_time_link_hold);
    EXPECT_EQ(back->moderation_words.entries(), p.moderation_words.entries());
    EXPECT_EQ(back->banned_words.entries(), p.banned_words.entries());
    EXPECT_EQ(back->flood_interval_s, p.flood_interval_s);
    EXPECT_EQ(back->flood_burst, p.flood_burst);
    EXPECT_EQ(back->duplicate_window_s, p.duplicate_window_s);
    EXPECT_EQ(back->near_duplicate_similarity, p.near_duplicate_similarity);
    EXPECT_EQ(back->near_duplicate_min_chars, p.near_duplicate_min_chars);
    EXPECT_EQ(back->thread_repeat_min_chars, p.thread_repeat_min_chars);
    EXPECT_EQ(back->max_chars, p.max_chars);
    EXPECT_EQ(back->weights, p.weights);
    EXPECT_EQ(spam_policy_to_json(*back), written) << "writing is deterministic";
  }
  EXPECT_NE(
      spam_policy_to_json(policy_from(R"({"duplicates": {"near_similarity": 0.3}})")).find("\"near_similarity\":0.3,"),
      std::string::npos)
      << "shortest decimals";
}

}  // namespace
}  // namespace soundoff
