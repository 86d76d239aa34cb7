#include "soundoff/reply_resolution.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "name_matching.h"
#include "reply_features.h"
#include "reply_ranker.h"
#include "soundoff/document.h"
#include "soundoff/irc_log.h"
#include "soundoff/page_json.h"
#include "soundoff/pagination.h"
#include "soundoff/thread.h"
#include "support/fixtures.h"

namespace soundoff {
namespace {

constexpr std::uint32_t kNone = InferredReply::kNone;

// A thread from (author, body) pairs, one minute apart, ids "0", "1", ...
std::vector<Comment> chat(const std::vector<std::pair<std::string, std::string>>& lines) {
  std::vector<Comment> out;
  for (const auto& [author, body] : lines) {
    Comment c;
    c.id = std::to_string(out.size());
    c.author = author;
    c.body = body;
    c.created_ms = static_cast<std::int64_t>(out.size()) * 60'000;
    out.push_back(std::move(c));
  }
  return out;
}

bool has_evidence(const InferredReply& r, EvidenceKind kind) {
  for (const auto& e : r.evidence)
    if (e.kind == kind) return true;
  return false;
}

std::vector<Comment> seed() {
  auto doc = parse_document(test::read_fixture("seed-thread.json"));
  EXPECT_TRUE(doc.ok());
  return doc.ok() ? std::move(doc->comments) : std::vector<Comment>{};
}

std::size_t index_of(const std::vector<Comment>& comments, const std::string& id) {
  for (std::size_t i = 0; i < comments.size(); ++i)
    if (comments[i].id == id) return i;
  ADD_FAILURE() << "no comment " << id;
  return 0;
}

TEST(ReplyResolution, SeedBlockageAtMaryAnswersWhatMarySaidToSaywhat) {
  const auto comments = seed();
  ASSERT_EQ(comments.size(), 15u);
  const auto replies = resolve_replies(comments);
  const auto& r = replies[index_of(comments, "12")];
  ASSERT_NE(r.parent, kNone);
  EXPECT_EQ(comments[r.parent].id, "8");  // "Being blocked @ saywhat", not Mary's latest ("10")
  ASSERT_FALSE(r.evidence.empty());
  EXPECT_EQ(r.evidence[0].kind, EvidenceKind::mention);
  EXPECT_EQ(r.evidence[0].text, "@Mary");
  EXPECT_EQ(
      comments[index_of(comments, "12")].body.substr(r.evidence[0].begin, r.evidence[0].end - r.evidence[0].begin),
      "@Mary");
  EXPECT_GT(r.confidence, 0.5f);
}

TEST(ReplyResolution, SeedAtSaywhatBeforeSaywhatWroteStaysUnresolved) {
  const auto comments = seed();
  const auto replies = resolve_replies(comments);
  const auto& r = replies[index_of(comments, "7")];
  EXPECT_EQ(r.parent, kNone);
  ASSERT_FALSE(r.evidence.empty());
  EXPECT_EQ(r.evidence[0].text, "@ saywhat");
}

TEST(ReplyResolution, NamesWithSymbolsAndSpacesResolve) {
  auto comments = seed();
  Comment a;
  a.id = "16";
  a.author = "reader";
  a.body = "Banasy, the reply button works fine for me";
  a.created_ms = comments.back().created_ms + 60'000;
  Comment b = a;
  b.id = "17";
  b.body = "@Rascal Rabble where did you read that?";
  b.created_ms += 60'000;
  comments.push_back(a);
  comments.push_back(b);
  const auto replies = resolve_replies(comments);
  ASSERT_NE(replies[15].parent, kNone);
  EXPECT_EQ(comments[replies[15].parent].author, "banasy\xC2\xA9");
  EXPECT_EQ(replies[15].evidence[0].kind, EvidenceKind::address);
  EXPECT_EQ(replies[15].evidence[0].text, "Banasy");
  ASSERT_NE(replies[16].parent, kNone);
  EXPECT_EQ(comments[replies[16].parent].id, "11");
  EXPECT_EQ(replies[16].evidence[0].text, "@Rascal Rabble");
}

TEST(ReplyResolution, NameKeysIgnoreCaseDecorationsAndSpaces) {
  EXPECT_EQ(detail::name_key("banasy\xC2\xA9"), "banasy");
  EXPECT_EQ(detail::name_key("Banasy"), "banasy");
  EXPECT_EQ(detail::name_key("bohemian_"), "bohemian");
  EXPECT_EQ(detail::name_key("Rascal Rabble"), "rascalrabble");
  EXPECT_EQ(detail::name_key("\xF0\x9F\x98\x89 Zo\xC3\xAB"), "zo\xC3\xAB");  // emoji dropped, letters kept
}

TEST(ReplyResolution, ExplicitParentsAreNeverChanged) {
  auto comments = chat({{"ann", "question"}, {"bob", "other"}, {"carl", "bob: hi"}});
  comments[2].parent = "0";
  const auto replies = resolve_replies(comments);
  EXPECT_TRUE(replies[2].explicit_parent);
  EXPECT_EQ(replies[2].parent, kNone);
  EXPECT_TRUE(replies[2].evidence.empty());
}

TEST(ReplyResolution, AddressAtTheStartLinksToTheAddressedAuthorsLatestComment) {
  const auto comments =
      chat({{"quibbler", "first"}, {"quibbler", "second"}, {"zed", "noise"}, {"Futurama140", "QUIBBLER: thanks"}});
  const auto r = resolve_replies(comments)[3];
  EXPECT_EQ(r.parent, 1u);
  EXPECT_EQ(r.evidence[0].kind, EvidenceKind::address);
  EXPECT_EQ(r.evidence[0].text, "QUIBBLER");
}

TEST(ReplyResolution, CommaAddressAndAtWithASpaceWork) {
  const auto comments =
      chat({{"eepberries", "use wine"}, {"subodh", "eepberries, which command?"}, {"zed", "@ subodh try the wiki"}});
  const auto replies = resolve_replies(comments);
  EXPECT_EQ(replies[1].parent, 0u);
  EXPECT_EQ(replies[2].parent, 1u);
  EXPECT_EQ(replies[2].evidence[0].text, "@ subodh");
}

TEST(ReplyResolution, MentionLaterInTheBodyLinks) {
  const auto comments =
      chat({{"ActionParsnip", "edit xorg.conf"}, {"zed", "noise"}, {"quibbler", "I agree with actionparsnip here"}});
  const auto r = resolve_replies(comments)[2];
  EXPECT_EQ(r.parent, 0u);
  EXPECT_EQ(r.evidence[0].kind, EvidenceKind::mention);
  EXPECT_EQ(r.evidence[0].text, "actionparsnip");
}

TEST(ReplyResolution, NickPrefixesTyposAndTrailingUnderscoresMatch) {
  const auto comments = chat({{"ActionParsnip", "a"},
                              {"quibbler", "b"},
                              {"bohemian_", "c"},
                              {"x1", "action: hi"},
                              {"x2", "quiblber: hi"},
                              {"x3", "bohemian: hi"}});
  const auto replies = resolve_replies(comments);
  EXPECT_EQ(replies[3].parent, 0u);
  EXPECT_EQ(replies[4].parent, 1u);
  EXPECT_EQ(replies[5].parent, 2u);
}

TEST(ReplyResolution, TheAddressedAuthorsCommentToTheReplierWinsOverTheirLatest) {
  const auto comments = chat({{"ann", "q"},
                              {"carl", "q2"},
                              {"bob", "ann: try this"},
                              {"bob", "carl: and you that"},
                              {"ann", "bob: did not work"}});
  EXPECT_EQ(resolve_replies(comments)[4].parent, 2u);
}

TEST(ReplyResolution, QuotedTextLinksToTheCommentItCameFrom) {
  const auto comments = chat({{"ann", "the sky is green on tuesdays, always"},
                              {"bob", "hello"},
                              {"carl", "hi"},
                              {"dave", "> the sky is green on tuesdays\nno it is not"}});
  const auto r = resolve_replies(comments)[3];
  EXPECT_EQ(r.parent, 0u);
  EXPECT_EQ(r.evidence[0].kind, EvidenceKind::quote);
  EXPECT_EQ(r.evidence[0].text, "the sky is green on tuesdays");
}

TEST(ReplyResolution, TurnTakingAnswersWhoeverAddressedTheAuthor) {
  const auto comments = chat(
      {{"ann", "my sound is broken"}, {"bob", "ann: which card?"}, {"carl", "unrelated"}, {"ann", "an intel one"}});
  const auto r = resolve_replies(comments)[3];
  EXPECT_EQ(r.parent, 1u);
  EXPECT_TRUE(has_evidence(r, EvidenceKind::turn_taking));
}

TEST(ReplyResolution, AnAuthorContinuingTheirPointLinksToTheirOwnComment) {
  const auto comments = chat({{"ann", "my sound is broken"}, {"bob", "something else"}, {"ann", "since the upgrade"}});
  const auto r = resolve_replies(comments)[2];
  EXPECT_EQ(r.parent, 0u);
  EXPECT_TRUE(has_evidence(r, EvidenceKind::continuation));
}

TEST(ReplyResolution, TheFirstLineAfterAGreetingOpensTheConversation) {
  const auto comments = chat({{"ann", "hi all"}, {"bob", "something else"}, {"ann", "my sound is broken"}});
  const auto r = resolve_replies(comments)[2];
  EXPECT_EQ(r.parent, kNone);
  EXPECT_GT(r.confidence, 0.5f);
}

TEST(ReplyResolution, ABotAnswersTheLatestCommand) {
  const auto comments = chat({{"ann", "my sound is broken"},
                              {"bob", "!sound > ann"},
                              {"carl", "hmm"},
                              {"ubottu", "ann, please see my private message"}});
  ReplyOptions options;
  options.bots = {"ubottu"};
  const auto r = resolve_replies(comments, options)[3];
  EXPECT_EQ(r.parent, 1u);
  EXPECT_EQ(r.evidence[0].kind, EvidenceKind::command);
  EXPECT_EQ(resolve_replies(comments)[3].parent, 0u);  // not a bot: an address to ann
}

TEST(ReplyResolution, ReplyingToAnAnswerIsTurnTakingToo) {
  // carl answers ann by quoting her, without her name; ann then answers carl.
  const auto comments = chat({{"ann", "my sound card is broken since the upgrade"},
                              {"bob", "anyone used wine?"},
                              {"carl", "> my sound card is broken\nwhich card?"},
                              {"ann", "an intel one"}});
  const auto replies = resolve_replies(comments);
  EXPECT_EQ(replies[2].parent, 0u);
  EXPECT_EQ(replies[3].parent, 2u);
  EXPECT_TRUE(has_evidence(replies[3], EvidenceKind::turn_taking));
}

TEST(ReplyResolution, AddressingSomeoneWhoHasNotAnsweredYetContinuesTheOwnPoint) {
  const auto comments = chat({{"bob", "hello there friends"},
                              {"ann", "bob: try the nvidia driver"},
                              {"carl", "other things"},
                              {"ann", "bob: and reboot after"}});
  EXPECT_EQ(resolve_replies(comments)[3].parent, 1u);
}

TEST(ReplyResolution, ALongTimeGapStartsANewConversation) {
  auto comments = chat({{"ann", "my sound is broken"}, {"ann", "anyone?"}});
  comments[1].created_ms = comments[0].created_ms + 3 * 3'600'000;
  ReplyOptions options;
  options.max_gap_ms = 30 * 60'000;
  EXPECT_EQ(resolve_replies(comments, options)[1].parent, kNone);
  EXPECT_EQ(resolve_replies(comments)[1].parent, 0u);  // no time limit by default
}

TEST(ReplyResolution, TheFirstCommentStartsAConversation) {
  const auto r = resolve_replies(chat({{"ann", "hello all"}}))[0];
  EXPECT_EQ(r.parent, kNone);
  EXPECT_GT(r.confidence, 0.0f);
}

TEST(ReplyResolution, ANickThatIsACommonWordDoesNotCaptureSentences) {
  const auto comments = chat({{"the", "hi"},
                              {"ok", "hello"},
                              {"ann", "the printer is broken"},
                              {"bob", "ok, thanks anyway"},
                              {"carl", "is it ok now?"}});
  const auto replies = resolve_replies(comments);
  EXPECT_EQ(replies[2].parent, kNone);
  EXPECT_EQ(replies[3].parent, kNone);
  EXPECT_EQ(replies[4].parent, kNone);
  // With an explicit `@` or `name:` such a nick is still reachable.
  const auto direct = resolve_replies(chat({{"the", "hi"}, {"ann", "@the what?"}, {"bob", "the: why?"}}));
  EXPECT_EQ(direct[1].parent, 0u);
  EXPECT_EQ(direct[2].parent, 0u);
}

TEST(ReplyResolution, AnEmailAddressIsNotAMention) {
  const auto comments = chat({{"mary", "hi"}, {"ann", "write to support@mary.org about it"}, {"bob", "or john@mary"}});
  const auto replies = resolve_replies(comments);
  EXPECT_EQ(replies[1].parent, kNone);
  EXPECT_EQ(replies[2].parent, 0u);  // no dot on the right: that is `blockage@Mary`
}

TEST(ReplyResolution, AnAtSignInCodeIsNotAMention) {
  const auto comments = chat({{"property", "hi"},
                              {"ann", "put `@property` above the method"},
                              {"bob", "run `git log @{u}` then"},
                              {"carl", "echo $@ works in every shell"},
                              {"carl", "and x = a @ b is a matrix product"}});
  const auto replies = resolve_replies(comments);
  EXPECT_EQ(replies[1].parent, kNone);
  EXPECT_EQ(replies[2].parent, kNone);
  EXPECT_EQ(replies[3].parent, kNone);
  EXPECT_EQ(replies[4].parent, 3u);  // a continuation: `@ b` is no unknown addressee
  EXPECT_TRUE(has_evidence(replies[4], EvidenceKind::continuation));
}

TEST(ReplyResolution, SystemMessagesAreNeverLinkedNorTargets) {
  auto comments = chat({{"ann", "my sound is broken"}, {"", "=== bob has joined"}, {"ann", "still here"}});
  const auto replies = resolve_replies(comments);
  EXPECT_EQ(replies[1].parent, kNone);
  EXPECT_EQ(replies[2].parent, 0u);
}

TEST(ReplyResolution, OutOfOrderInputIsReadInTimeOrder) {
  auto comments = chat({{"ann", "question"}, {"bob", "ann: answer"}});
  std::swap(comments[0], comments[1]);
  const auto replies = resolve_replies(comments);
  EXPECT_EQ(replies[0].parent, 1u);
  EXPECT_EQ(replies[1].parent, kNone);
}

TEST(ReplyResolution, RepliesSerialiseAsJson) {
  const auto comments = chat({{"ann", "q"}, {"bob", "@ann a"}});
  const auto json = nlohmann::json::parse(replies_to_json("t", comments, resolve_replies(comments)));
  const auto expected = nlohmann::json::parse(R"({"thread":"t","replies":[
      {"id":"0","parent":null,"inferred_parent":null,"evidence":[]},
      {"id":"1","parent":null,"inferred_parent":"0",
       "evidence":[{"kind":"address","begin":0,"end":4,"text":"@ann"}]}],"errors":[]})");
  EXPECT_EQ(test::json_subset_mismatch(expected, json), "");
}

TEST(ReplyResolution, ArbitraryTextNamesAndParentsNeverBreakIt) {
  std::mt19937 rng(11);
  const std::string alphabet = "@ab: ,`\"\n>!.\xC2\xA9\xFF\xF0\x9F\x98\x89_";
  std::vector<Comment> comments;
  for (int i = 0; i < 400; ++i) {
    Comment c;
    c.id = std::to_string(i);
    for (int k = static_cast<int>(rng() % 6); k > 0; --k) c.author.push_back(alphabet[rng() % alphabet.size()]);
    for (int k = static_cast<int>(rng() % 80); k > 0; --k) c.body.push_back(alphabet[rng() % alphabet.size()]);
    if (rng() % 10 == 0) c.parent = std::to_string(rng() % 500);  // earlier, later, itself or missing
    c.created_ms = static_cast<std::int64_t>(rng() % 1000);       // out of order
    comments.push_back(std::move(c));
  }
  comments.back().author = std::string(1024, 'x');
  comments.back().body = "@" + std::string(1024, 'x') + ": " + std::string(60000, 'a');
  const auto replies = resolve_replies(comments);
  ASSERT_EQ(replies.size(), comments.size());
  for (std::size_t i = 0; i < replies.size(); ++i) {
    const auto& r = replies[i];
    EXPECT_GE(r.confidence, 0.0f);
    EXPECT_LE(r.confidence, 1.0f);
    if (r.parent != kNone) {
      ASSERT_LT(r.parent, comments.size());
      EXPECT_NE(r.parent, i);
      EXPECT_LE(comments[r.parent].created_ms, comments[i].created_ms);  // always an earlier comment
    }
    for (const auto& e : r.evidence) {
      ASSERT_LE(e.end, comments[i].body.size());
      EXPECT_EQ(comments[i].body.substr(e.begin, e.end - e.begin), e.text);
    }
  }
}

// ------------------------------------------------------------ the ranker

TEST(ReplyRanker, TheGeneratedModelWasTrainedOnThisFeatureList) {
  // reply_model.inc records the hash of the feature names it was trained on:
  // a renamed or reordered feature needs scripts/train-reply-ranker --write.
  EXPECT_EQ(detail::kRankerFeatureHash, detail::feature_list_hash());
}

TEST(ReplyRanker, RankedRepliesNameTheirTopFeaturesAndKeepTheirSpans) {
  const auto comments = chat({{"ann", "my sound is broken"},
                              {"bob", "ann: which card?"},
                              {"carl", "unrelated"},
                              {"ann", "bob: an intel one"}});
  const auto r = resolve_replies(comments)[3];
  EXPECT_EQ(r.parent, 1u);
  ASSERT_FALSE(r.features.empty());
  EXPECT_LE(r.features.size(), 3u);
  for (std::size_t k = 1; k < r.features.size(); ++k) EXPECT_GE(r.features[k - 1].weight, r.features[k].weight);
  EXPECT_GT(r.features[0].weight, 0.0f);
  ASSERT_FALSE(r.evidence.empty());
  EXPECT_EQ(r.evidence[0].text, "bob");
}

TEST(ReplyRanker, ConfidenceIsTheShareOfTheChosenAnswer) {
  // An unambiguous address beats a bare continuation in confidence.
  const auto comments = chat({{"ann", "my sound is broken"},
                              {"bob", "ann: which card?"},
                              {"ann", "bob: intel"},
                              {"bob", "and another thing"}});
  const auto replies = resolve_replies(comments);
  EXPECT_GT(replies[2].confidence, 0.5f);
  for (const auto& r : replies) {
    EXPECT_GT(r.confidence, 0.0f);
    EXPECT_LE(r.confidence, 1.0f);
  }
}

TEST(ReplyRanker, ASecondParentIsTheRunnerUpAndOnlyWhenAskedFor) {
  const auto comments = chat({{"ann", "my sound is broken"}, {"bob", "mine too"}, {"carl", "ann, bob: which cards?"}});
  ReplyOptions options;
  options.second_parent_share = 0.0f;
  for (const auto& r : resolve_replies(comments, options)) EXPECT_EQ(r.second_parent, kNone);
  options.second_parent_share = 1e-9f;  // any runner-up
  const auto r = resolve_replies(comments, options)[2];
  ASSERT_NE(r.parent, kNone);
  ASSERT_NE(r.second_parent, kNone);
  EXPECT_NE(r.second_parent, r.parent);
  EXPECT_LT(r.second_parent, 2u);
  const auto json = nlohmann::json::parse(replies_to_json("t", comments, resolve_replies(comments, options)));
  EXPECT_TRUE(json["replies"][2].contains("also_inferred_parent"));
  EXPECT_FALSE(json["replies"][0].contains("also_inferred_parent"));
  ASSERT_TRUE(json["replies"][2]["features"].is_array());
  ASSERT_FALSE(json["replies"][2]["features"].empty());
  EXPECT_TRUE(json["replies"][2]["features"][0]["name"].is_string());
  EXPECT_GT(json["replies"][2]["features"][0]["weight"].get<double>(), 0.0);
}

TEST(ReplyRanker, TheRulesAloneAreStillAvailable) {
  const auto comments = chat({{"ann", "my sound is broken"}, {"bob", "something else"}, {"ann", "since the upgrade"}});
  ReplyOptions options;
  options.ranker = false;
  const auto r = resolve_replies(comments, options)[2];
  EXPECT_EQ(r.parent, 0u);
  EXPECT_TRUE(r.features.empty());
  EXPECT_TRUE(has_evidence(r, EvidenceKind::continuation));
}

TEST(ReplyRanker, TheFeatureDumpListsEveryCandidateOfEveryRankedComment) {
  auto comments =
      chat({{"ann", "my sound is broken"}, {"", "=== bob joined"}, {"bob", "ann: which card?"}, {"ann", "intel"}});
  const std::string dump = detail::reply_feature_dump(comments, ReplyOptions{}, 2);
  std::istringstream in(dump);
  std::string header, first, second, extra;
  ASSERT_TRUE(std::getline(in, header));
  EXPECT_EQ(header.rfind("# features self ", 0), 0u);
  ASSERT_TRUE(std::getline(in, first));
  ASSERT_TRUE(std::getline(in, second));
  EXPECT_FALSE(std::getline(in, extra));
  // Comment 2 was linked to 0 by the rules; its candidates are itself and 0 (1 is a system line).
  EXPECT_EQ(first.rfind("2 0|2 ", 0), 0u) << first;
  EXPECT_NE(first.find("|0 "), std::string::npos);
  EXPECT_EQ(first.find("|1 "), std::string::npos);
  EXPECT_EQ(second.rfind("3 2|3 ", 0), 0u) << second;
}

// ------------------------------------------------------ the annotated corpus

struct Score {
  std::size_t predicted = 0, gold = 0, matched = 0;
  double f() const {
    const double p = predicted ? double(matched) / predicted : 0, r = gold ? double(matched) / gold : 0;
    return p + r > 0 ? 200 * p * r / (p + r) : 0;
  }
};

// Link F over lines >= 1000, as scripts/eval-replies computes it.
Score score_split(const std::string& split) {
  Score s;
  const std::filesystem::path dir = std::filesystem::path(SOUNDOFF_SHARED_DIR) / "datasets/ubuntu-irc" / split;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    const std::string suffix = ".annotation.txt";
    if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
    const auto stem = entry.path().string().substr(0, entry.path().string().size() - suffix.size());
    const auto raw = test::read_file(stem + ".raw.txt");
    const auto annotation = test::read_file(entry.path().string());
    if (!raw || !annotation) continue;
    std::set<std::pair<unsigned long, unsigned long>> gold, predicted;
    std::istringstream in(*annotation);
    unsigned long a = 0, b = 0;
    std::string dash;
    while (in >> a >> b >> dash) gold.emplace(std::max(a, b), std::min(a, b));
    const auto log = parse_irc_log(*raw);
    ReplyOptions options;
    options.bots = ubuntu_irc_bots();
    const auto replies = resolve_replies(log.comments, options);
    for (std::size_t i = 1000; i < replies.size(); ++i) {
      predicted.emplace(i, replies[i].parent == kNone ? i : replies[i].parent);
      if (replies[i].second_parent != kNone) predicted.emplace(i, replies[i].second_parent);
    }
    s.gold += gold.size();
    s.predicted += predicted.size();
    for (const auto& link : predicted) s.matched += gold.count(link);
  }
  return s;
}

TEST(ReplyResolutionCorpus, DevLinkFStaysAboveTheMeasuredFloor) {
  if (!std::filesystem::is_directory(std::string(SOUNDOFF_SHARED_DIR) + "/datasets/ubuntu-irc/dev"))
    GTEST_SKIP() << "../shared/datasets/ubuntu-irc/dev is absent";
  const Score s = score_split("dev");
  ASSERT_GT(s.gold, 2000u) << "the dev split looks incomplete";
  // Measured 72.1 with scripts/eval-replies (the rules alone: 67.9); docs/reply-resolution.md.
  EXPECT_GE(s.f(), 71.7) << s.matched << " of " << s.predicted << " predicted, " << s.gold << " gold";
}

}  // namespace
}  // namespace soundoff

namespace soundoff {
namespace {

std::uint32_t node_of(const Thread& t, const std::string& id) { return t.find(id); }

// The seed thread assembled with reply resolution's verdicts, as the CLI does.
Thread assemble_seed(AssembleOptions options) {
  auto comments = seed();
  const auto replies = resolve_thread_replies(comments, options);
  options.replies = &replies;
  return assemble_thread(std::move(comments), options);
}

TEST(InferredReplies, DisplayModeRecordsTheInferredParentButKeepsTheThreadFlat) {
  AssembleOptions options;
  options.inferred = InferredReplies::display;
  const Thread t = assemble_seed(options);
  const auto& node = t.nodes[node_of(t, "12")];
  EXPECT_EQ(node.parent, Node::kNone);
  ASSERT_NE(node.inferred_parent, Node::kNone);
  EXPECT_EQ(t.comments[node.inferred_parent].id, "8");
  EXPECT_FALSE(node.inferred_nested);
  EXPECT_EQ(t.roots.size(), 15u);
}

TEST(InferredReplies, NestModeNestsOnlyAboveTheThreshold) {
  AssembleOptions options;
  options.inferred = InferredReplies::nest;
  options.nest_threshold = 0.7f;
  const Thread t = assemble_seed(options);
  const auto& node = t.nodes[node_of(t, "12")];
  EXPECT_EQ(node.parent, node_of(t, "8"));
  EXPECT_TRUE(node.inferred_nested);
  EXPECT_EQ(node.depth, 1u);
  // Continuations (confidence 0.55) stay at the top level.
  EXPECT_EQ(t.nodes[node_of(t, "13")].parent, Node::kNone);

  options.nest_threshold = 0.95f;
  const Thread strict = assemble_seed(options);
  EXPECT_EQ(strict.nodes[node_of(strict, "12")].parent, Node::kNone);
}

TEST(InferredReplies, ThreadVerdictsSkipHiddenCommentsAndOtherThreads) {
  auto comments = chat({{"ann", "my sound is broken"},
                        {"bob", "ann: spam link"},
                        {"carl", "ann: which card?"},
                        {"dave", "ann: elsewhere"}});
  comments[1].status = Status::spam;
  comments[3].thread = "other";
  AssembleOptions options;
  options.inferred = InferredReplies::nest;
  const auto replies = resolve_thread_replies(comments, options);
  ASSERT_EQ(replies.size(), 4u);
  EXPECT_EQ(replies[1].parent, kNone);
  EXPECT_EQ(replies[2].parent, 0u);
  options.filter_thread = true;
  options.thread = "";
  EXPECT_EQ(resolve_thread_replies(comments, options)[3].parent, kNone);
  std::vector<InferredReply> wrong_size(2);
  wrong_size[1].parent = 0;
  wrong_size[1].confidence = 1.0f;
  options.replies = &wrong_size;
  const Thread t = assemble_thread(comments, options);
  for (const auto& node : t.nodes) EXPECT_EQ(node.inferred_parent, Node::kNone);
}

TEST(InferredReplies, ThreadVerdictsHonourTheReplyOptions) {
  // Before, resolve_thread_replies always used the default ReplyOptions: the bot was just another author.
  const auto comments = chat({{"ann", "my sound is broken"},
                              {"bob", "!sound > ann"},
                              {"carl", "hmm"},
                              {"ubottu", "ann, please see my private message"}});
  ReplyOptions reply_options;
  reply_options.bots = {"ubottu"};
  EXPECT_EQ(resolve_thread_replies(comments, AssembleOptions{})[3].parent, 0u);
  const auto replies = resolve_thread_replies(comments, AssembleOptions{}, reply_options);
  EXPECT_EQ(replies[3].parent, 1u);
  ASSERT_FALSE(replies[3].evidence.empty());
  EXPECT_EQ(replies[3].evidence[0].kind, EvidenceKind::command);
}

TEST(InferredReplies, ThreadVerdictsSkipLaterDuplicatesAsAssemblyDoes) {
  auto comments = chat({{"ann", "my sound is broken"}, {"bob", "which card?"}, {"ann", "bob: an intel one"}});
  comments[1].id = "0";  // a second "0": assembly keeps the first and leaves this one out
  const auto replies = resolve_thread_replies(comments, AssembleOptions{});
  EXPECT_EQ(replies[1].parent, kNone);
  EXPECT_TRUE(replies[1].evidence.empty());
  EXPECT_NE(replies[2].parent, 1u);  // nobody answers a comment the thread does not show
  EXPECT_EQ(replies[2].parent, 0u);
}

TEST(InferredReplies, DocumentVerdictsUseTheDocumentsThreadForCommentsNamingNone) {
  auto document = parse_document(R"({"thread": "post", "comments": [
      {"id": "1", "created": 0, "author": "ann", "body": "my sound is broken"},
      {"id": "2", "created": 60, "author": "bob", "body": "ann: which card?"}]})");
  ASSERT_TRUE(document.ok());
  AssembleOptions options;
  options.filter_thread = true;
  options.thread = "post";
  EXPECT_EQ(resolve_document_replies(*document, options)[1].parent, 0u);
  options.thread = "elsewhere";
  EXPECT_EQ(resolve_document_replies(*document, options)[1].parent, kNone);
}

TEST(InferredReplies, OffModeInfersNothing) {
  const Thread t = assemble_seed(AssembleOptions{});
  for (const auto& node : t.nodes) EXPECT_EQ(node.inferred_parent, Node::kNone);
}

TEST(InferredReplies, PageJsonCarriesTheInferredLinkOnlyWhenAsked) {
  AssembleOptions options;
  options.inferred = InferredReplies::display;
  const Thread t = assemble_seed(options);
  const ThreadView view = make_view(t, SortOrder::oldest);
  PageRequest request;
  const auto page = build_page(view, request);
  ASSERT_TRUE(page.ok());
  const auto json = nlohmann::json::parse(page_to_json(view, *page));
  const auto& items = json["items"];
  ASSERT_EQ(items.size(), 15u);
  EXPECT_EQ(items[11]["id"], "12");
  EXPECT_EQ(items[11]["inferred_reply"]["id"], "8");
  EXPECT_EQ(items[11]["inferred_reply"]["author"], "Mary");
  EXPECT_EQ(items[11]["inferred_reply"]["nested"], false);
  EXPECT_GT(items[11]["inferred_reply"]["confidence"].get<double>(), 0.5);
  EXPECT_TRUE(items[0]["inferred_reply"].is_null());

  const Thread plain = assemble_thread(seed());
  const ThreadView plain_view = make_view(plain, SortOrder::oldest);
  const auto plain_page = build_page(plain_view, request);
  ASSERT_TRUE(plain_page.ok());
  EXPECT_FALSE(nlohmann::json::parse(page_to_json(plain_view, *plain_page))["items"][11].contains("inferred_reply"));
}

}  // namespace
}  // namespace soundoff
