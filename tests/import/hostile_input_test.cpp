// Inputs an attacker or a broken exporter could produce: each must give a
// clear error (or a clean partial import), never a crash or a hang.
#include <string>

#include "import/importers.h"
#include "import_test_support.h"

namespace soundoff {
namespace {

using import::IssueKind;
using import::Source;

import::ImportOptions lenient(){import::ImportOptions options;
options.lenient = true;
return options;
}  // namespace

const std::string kPostHead = R"(<disqus xmlns:dsq="http://disqus.com/disqus-internals">
<thread dsq:id="1"><id>page</id></thread>
)";

TEST(HostileImport, TextThatIsNotXmlIsRefusedAsNotAnExport) {
  for (const Source source : {Source::disqus, Source::wxr}) {
    for (const std::string text : {"", "hello, world", "{\"threads\": []}", "\xEF\xBB\xBF"}) {
      auto result = import::import_from(source, text, lenient());
      ASSERT_FALSE(result.ok()) << text;
      EXPECT_EQ(result.error().code, "invalid_xml");
      EXPECT_NE(result.error().message.find("not an XML export"), std::string::npos) << result.error().message;
    }
  }
}

TEST(HostileImport, TextThatIsNotJsonIsRefusedWithItsBytePosition) {
  for (const Source source : {Source::isso, Source::remark42, Source::soundoff}) {
    auto result = import::import_from(source, "[{\"id\": 1,,}]", lenient());
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, "invalid_json");
    EXPECT_NE(result.error().message.find("byte"), std::string::npos) << result.error().message;
  }
}

TEST(HostileImport, WrongKindOfXmlIsNamed) {
  auto as_disqus = import::import_disqus("<rss><channel/></rss>");
  ASSERT_FALSE(as_disqus.ok());
  EXPECT_NE(as_disqus.error().message.find("not a Disqus export"), std::string::npos);
  auto as_wxr = import::import_wxr("<disqus/>");
  ASSERT_FALSE(as_wxr.ok());
  EXPECT_NE(as_wxr.error().message.find("not a WordPress (WXR) export"), std::string::npos);
}

TEST(HostileImport, TruncatedXmlIsRejectedStrictlyAndPartlyImportedLeniently) {
  SOUNDOFF_REQUIRE_FIXTURE(xml, "isso-wordpress-wxr.xml");
  const std::string truncated = xml->substr(0, xml->find("<wp:comment_id>7"));
  auto strict = import::import_wxr(truncated);
  ASSERT_FALSE(strict.ok());
  EXPECT_NE(strict.error().message.find("truncated?"), std::string::npos) << strict.error().message;
  auto partial = import::import_wxr(truncated, lenient());
  ASSERT_TRUE(partial.ok()) << partial.error().message;
  EXPECT_EQ(partial->comment_count(), 2u);             // comments 2 and 6 were complete
  EXPECT_GE(partial->count(IssueKind::rejected), 2u);  // the syntax error and the cut-off comment
}

TEST(HostileImport, XmlCutAtAnyByteNeverCrashes) {
  SOUNDOFF_REQUIRE_FIXTURE(xml, "isso-disqus.xml");
  for (std::size_t cut = 0; cut < xml->size(); cut += 7) {
    for (const bool is_lenient : {false, true}) {
      import::ImportOptions options;
      options.lenient = is_lenient;
      auto result = import::import_disqus(xml->substr(0, cut), options);
      if (!result.ok()) {
        EXPECT_FALSE(result.error().message.empty());
      } else if (!is_lenient) {
        EXPECT_EQ(result->count(IssueKind::rejected), 0u);  // strict never returns rejected records
      }
    }
  }
}

TEST(HostileImport, HugeAttributeIsRejectedAsTooLong) {
  const std::string id(8u << 20, '7');
  const std::string xml = kPostHead + "<post dsq:id=\"" + id +
                          "\"><createdAt>2020-01-01T00:00:00Z</createdAt><thread dsq:id=\"1\"/></post></disqus>";
  auto strict = import::import_disqus(xml);
  ASSERT_FALSE(strict.ok());
  EXPECT_NE(strict.error().message.find("field 'dsq:id' is 8388608 bytes; the limit is 1024"), std::string::npos)
      << strict.error().message.substr(0, 300);
  EXPECT_LT(strict.error().message.size(), 1000u);  // the message quotes a prefix, not the value
}

TEST(HostileImport, InvalidUtf8IsRejectedNamingTheField) {
  const std::string xml = kPostHead +
                          "<post dsq:id=\"9\"><message>ok \xC3\x28 bad</message>"
                          "<createdAt>2020-01-01T00:00:00Z</createdAt><thread dsq:id=\"1\"/></post></disqus>";
  auto result = import::import_disqus(xml, lenient());
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->comment_count(), 0u);
  ASSERT_EQ(result->issues.size(), 1u);
  EXPECT_EQ(result->issues[0].code, "invalid_utf8");
  EXPECT_EQ(result->issues[0].field, "message");
  // In JSON, invalid UTF-8 is a syntax error of the whole file.
  auto json = import::import_isso("[{\"id\": \"/a/\", \"comments\": [{\"id\": 1, \"text\": \"\xFF\"}]}]");
  ASSERT_FALSE(json.ok());
  EXPECT_EQ(json.error().code, "invalid_json");
  EXPECT_NE(json.error().message.find("not valid UTF-8 (byte 47)"), std::string::npos) << json.error().message;
}

TEST(HostileImport, DtdEntitiesAreNotExpanded) {
  const std::string xml = R"(<?xml version="1.0"?>
<!DOCTYPE disqus [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>
)" + kPostHead +
                          "<post dsq:id=\"9\"><message>&c;</message><createdAt>2020-01-01T00:00:00Z</createdAt>"
                          "<thread dsq:id=\"1\"/></post></disqus>";
  auto result = import::import_disqus(xml);
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->comment_count(), 1u);
  EXPECT_EQ(result->threads[0].comments[0].body, "&c;");
}

TEST(HostileImport, Latin1DeclaredXmlIsConvertedToUtf8) {
  const std::string xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + kPostHead +
                          "<post dsq:id=\"9\"><message>caf\xE9</message><createdAt>2020-01-01T00:00:00Z</createdAt>"
                          "<thread dsq:id=\"1\"/><parent dsq:id=\"404\"/></post></disqus>";
  auto result = import::import_disqus(xml);
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->comment_count(), 1u);
  EXPECT_EQ(result->threads[0].comments[0].body, "caf\u00E9");
  // Offsets of converted input do not match its lines, so records are named without one.
  ASSERT_EQ(result->issues.size(), 1u);
  EXPECT_EQ(result->issues[0].record, "post #1 (dsq:id \"9\")");
  EXPECT_EQ(result->issues[0].code, "orphan_reply");
}

TEST(HostileImport, DeeplyNestedMarkupDoesNotExhaustTheStack) {
  std::string xml = kPostHead + "<post dsq:id=\"9\"><message>";
  for (int i = 0; i < 200000; ++i) xml += "<b>";
  auto result = import::import_disqus(xml, lenient());
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->comment_count(), 0u);
  EXPECT_GE(result->count(IssueKind::rejected), 1u);
}

TEST(HostileImport, OversizedInputIsRefusedBeforeParsing) {
  import::ImportOptions small;
  small.max_bytes = 16;
  for (const Source source : {Source::disqus, Source::wxr, Source::isso, Source::remark42, Source::soundoff}) {
    auto result = import::import_from(source, std::string(17, ' '), small);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, "too_large");
  }
}

TEST(HostileImport, JsonOfTheWrongShapeIsNamed) {
  EXPECT_EQ(import::import_isso("{}").error().code, "invalid_document");
  EXPECT_EQ(import::import_soundoff("42").error().code, "invalid_document");
  auto remark = import::import_remark42("[1, \"two\"]", lenient());
  ASSERT_TRUE(remark.ok());
  EXPECT_EQ(remark->count(IssueKind::rejected), 2u);
  EXPECT_EQ(remark->issues[0].code, "not_an_object");
}

}  // namespace soundoff
}  // namespace soundoff
