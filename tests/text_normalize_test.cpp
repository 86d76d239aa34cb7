#include "text_normalize.h"

#include <gtest/gtest.h>

namespace soundoff::detail {
namespace {

std::vector<std::string> words_of(std::string_view raw) {
  TextAnalysis t;
  analyze_text(raw, t);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < t.words.size(); ++i) out.emplace_back(t.word(i));
  return out;
}

TEST(TextNormalize, FoldsCaseAccentsWidthAndHomoglyphs) {
  using V = std::vector<std::string>;
  EXPECT_EQ(words_of("Caf\xC3\xA9 NA\xC3\x8FVE Stra\xC3\x9F"
                     "e"),
            (V{"cafe", "naive", "strasse"}));
  EXPECT_EQ(words_of("\xEF\xBC\xA8\xEF\xBD\x89"), (V{"hi"}));                              // fullwidth
  EXPECT_EQ(words_of("\xD0\xA0\xD0\xB0y\xD1\x80\xD0\xB0l"), (V{"paypal"}));                // Cyrillic Р а р а
  EXPECT_EQ(words_of("\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0"), (V{"mockba"}));  // Москва
}

TEST(TextNormalize, DropsInvisibleCharactersAndMarkup) {
  using V = std::vector<std::string>;
  EXPECT_EQ(words_of("fr\xE2\x80\x8B"
                     "ee\xEF\xBB\xBF"),
            (V{"free"}));
  EXPECT_EQ(words_of("line<br />break and <b>bo</b>ld"), (V{"line", "break", "and", "bold"}));
  EXPECT_EQ(words_of("I&#39;m &amp; you&#x27;re"), (V{"im", "youre"}));
  EXPECT_EQ(words_of("a < b"), (V{"a", "b"}));
}

TEST(TextNormalize, ExtractsLinksAndBlanksThem) {
  TextAnalysis t;
  analyze_text(
      R"(Visit <a href="https://Www.Example.COM/x">here</a>, murdev.com or http://1.2.3.4:8080/p. Not war.The end)", t);
  ASSERT_EQ(t.links.size(), 3u);
  EXPECT_EQ(t.links[0].host, "example.com");
  EXPECT_EQ(t.links[1].host, "murdev.com");
  EXPECT_EQ(t.links[2].host, "1.2.3.4");
  EXPECT_EQ(t.folded.find("http"), std::string::npos);
}

TEST(TextNormalize, MarksWordsGluedByPunctuation) {
  TextAnalysis t;
  analyze_text("vi.agra via gra", t);
  ASSERT_EQ(t.words.size(), 4u);
  EXPECT_FALSE(t.words[0].glued);
  EXPECT_TRUE(t.words[1].glued);
  EXPECT_FALSE(t.words[2].glued);
}

TEST(TextNormalize, CountsShapeForCivilitySignals) {
  TextAnalysis t;
  analyze_text("STOP IT nowww!!!!!!", t);
  EXPECT_EQ(t.letters, 11u);
  EXPECT_EQ(t.upper_letters, 6u);
  EXPECT_EQ(t.longest_run, 6u);
}

TEST(TextNormalize, LeetSkeletonMapsDigitsAndSymbols) {
  std::string out;
  leet_skeleton("v1@gr4", out);
  EXPECT_EQ(out, "viagra");
  leet_skeleton("$3x", out);
  EXPECT_EQ(out, "sex");
}

}  // namespace
}  // namespace soundoff::detail

namespace soundoff::detail {
namespace {

TEST(TextNormalize, CommentsAndUnclosedMarkupAreHandled) {
  using V = std::vector<std::string>;
  EXPECT_EQ(words_of("a <!-- hidden --> b <!-- also --> c"), (V{"a", "b", "c"}));
  EXPECT_EQ(words_of("x <!-- never closed"), (V{"x", "never", "closed"}));
  EXPECT_EQ(words_of("1 < 2 and 3 > 2"), (V{"1", "2", "and", "3", "2"}));
  // Hostile repetitions (each '<' must not search the rest of the body again).
  std::string comments, tags;
  for (int i = 0; i < 16384; ++i) {
    comments += "<!--";
    tags += "<a ";
  }
  TextAnalysis t;
  analyze_text(comments, t);
  EXPECT_TRUE(t.words.empty());
  analyze_text(tags, t);
  EXPECT_EQ(t.words.size(), 16384u);
}

}  // namespace
}  // namespace soundoff::detail
