// soundoff export --format wxr / disqus (import/export_writers.h): every
// fixture, and a hand-made site with hostile text, written as WXR and Disqus
// XML and read back by the WordPress and Disqus importers: same threads,
// comments, parent links, authors, bodies, times and statuses (and votes
// through WXR), and well-formed files in the shape those systems import.
#include <map>
#include <pugixml.hpp>
#include <set>

#include "import/export_writers.h"
#include "import/importers.h"
#include "import_test_support.h"

namespace soundoff {
namespace {

using import::ImportResult;

Comment comment(std::string id, std::string parent, std::string author, std::string body, Status status,
                std::int64_t up = 0, std::int64_t down = 0) {
  Comment c;
  c.id = std::move(id);
  c.parent = std::move(parent);
  c.author = std::move(author);
  c.body = std::move(body);
  c.status = status;
  c.created_ms = 1378719660000 + static_cast<std::int64_t>(c.id.size()) * 60000;
  c.up = up;
  c.down = down;
  c.score = up - down;
  return c;
}

ImportResult hostile_site() {
  ImportResult site;
  site.threads.push_back({"russia-talks", "Russia & Syria <talks>", "https://news.example/a?x=1&y=2", {}});
  auto& a = site.threads.back().comments;
  a.push_back(comment("1", "", "banasy©", "<script>alert(1)</script> & \"quotes\" ]]> done", Status::published, 3, 1));
  a.push_back(comment("2", "1", "Mary &amp; Co", "blockage@Mary\nsecond line", Status::published));
  a.push_back(comment("x-3", "2", "saywhat", "held for review", Status::pending));
  a.push_back(comment("4", "", "spammer", "buy now", Status::spam));
  site.threads.push_back({"second", "", "", {}});
  site.threads.back().comments.push_back(comment("1", "", "Eve", "same id as in the first thread", Status::published));
  return site;
}

// What must survive a round trip, per thread in order: author, body, time,
// status and the parent's position (ids may be renumbered by the target).
struct Shape {
  std::string author, body;
  std::int64_t created_ms;
  Status status;
  int parent_index;
  std::int64_t up, down;
  bool operator==(const Shape&) const = default;
};

void PrintTo(const Shape& s, std::ostream* os) {
  *os << "{" << s.author << " | " << testing::PrintToString(s.body) << " | " << s.created_ms << " | "
      << static_cast<int>(s.status) << " | parent " << s.parent_index << " | " << s.up << "/" << s.down << "}";
}

// Bodies go out as HTML and come back through html_to_text, which trims them
// (an Isso body's trailing newline) and collapses blank-line runs: compare so.
std::string as_html_reads_it(const std::string& body) {
  const auto first = body.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  std::string out = body.substr(first, body.find_last_not_of(" \t\r\n") - first + 1);
  for (auto at = out.find("\n\n\n"); at != std::string::npos; at = out.find("\n\n\n")) out.erase(at, 1);
  return out;
}

std::vector<std::vector<Shape>> shapes(const ImportResult& site, bool with_votes) {
  std::vector<std::vector<Shape>> out;
  for (const auto& t : site.threads) {
    std::map<std::string, int> index;
    for (const auto& c : t.comments) index.emplace(c.id, static_cast<int>(index.size()));
    auto& rows = out.emplace_back();
    for (const auto& c : t.comments) {
      const auto p = index.find(c.parent);
      rows.push_back({c.author, as_html_reads_it(c.body), c.created_ms / 1000 * 1000, c.status,
                      p == index.end() ? -1 : p->second, with_votes ? c.up : 0, with_votes ? c.down : 0});
    }
  }
  return out;
}

TEST(XmlExport, WxrReadsBackAsTheSameThreadsWithVotes) {
  const auto site = hostile_site();
  const std::string xml = import::write_wxr(site);
  auto back = import::import_wxr(xml);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->issues.size(), 0u) << back->issues.front().message;
  ASSERT_EQ(back->threads.size(), 2u);
  EXPECT_EQ(back->threads[0].title, "Russia & Syria <talks>");
  EXPECT_EQ(back->threads[0].url, "https://news.example/a?x=1&y=2");
  EXPECT_EQ(shapes(*back, true), shapes(site, true));
  // The hostile body is text in the file: no <script> element anywhere.
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  EXPECT_FALSE(doc.select_node("//script"));
  // WordPress's shape: numeric, site-unique comment ids; the key as the post's slug; GMT dates.
  std::set<std::string> ids;
  for (const auto& node : doc.select_nodes("//wp:comment/wp:comment_id")) {
    const std::string id = node.node().text().get();
    EXPECT_EQ(id.find_first_not_of("0123456789"), std::string::npos) << id;
    EXPECT_TRUE(ids.insert(id).second) << "duplicate comment id " << id;
  }
  EXPECT_EQ(ids.size(), 5u);
  EXPECT_STREQ(doc.select_node("//item/wp:post_name").node().text().get(), "russia-talks");
  EXPECT_STREQ(doc.select_node("//wp:comment/wp:comment_date_gmt").node().text().get(), "2013-09-09 09:42:00");
}

TEST(XmlExport, DisqusReadsBackAsTheSameThreads) {
  const auto site = hostile_site();
  const std::string xml = import::write_disqus(site);
  auto back = import::import_disqus(xml);
  ASSERT_TRUE(back.ok()) << back.error().message;
  ASSERT_EQ(back->threads.size(), 2u);
  EXPECT_EQ(back->threads[0].key, "russia-talks");
  EXPECT_EQ(back->threads[0].title, "Russia & Syria <talks>");
  // Disqus has no held state: a held comment comes back published (isApproved=false is in the file).
  auto expected = shapes(site, false);
  expected[0][2].status = Status::published;
  EXPECT_EQ(shapes(*back, false), expected);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  EXPECT_STREQ(doc.document_element().attribute("xmlns").value(), "http://disqus.com");
  EXPECT_EQ(doc.select_nodes("/disqus/thread").size(), 2u);
  EXPECT_EQ(doc.select_nodes("/disqus/post").size(), 5u);
  EXPECT_STREQ(doc.select_node("/disqus/post[isApproved='false']/id").node().text().get(), "x-3");
}

TEST(XmlExport, EveryFixtureSurvivesWxrAndDisqus) {
  const std::pair<import::Source, const char*> cases[] = {
      {import::Source::disqus, "isso-disqus.xml"},
      {import::Source::wxr, "isso-wordpress-wxr.xml"},
      {import::Source::isso, "isso-generic.json"},
      {import::Source::remark42, "remark42-radiot-tree_bench.json"},
      {import::Source::wxr, "wp-theme-unit-test-data.xml"},
  };
  std::size_t ran = 0;
  for (const auto& [source, name] : cases) {
    const auto text = test::thread_fixture(name);
    if (!text) continue;
    ++ran;
    auto site = import::import_from(source, *text);
    ASSERT_TRUE(site.ok()) << name << ": " << site.error().message;
    auto wxr = import::import_wxr(import::write_wxr(*site));
    ASSERT_TRUE(wxr.ok()) << name << ": " << wxr.error().message;
    EXPECT_EQ(shapes(*wxr, true), shapes(*site, true)) << name;
    auto disqus = import::import_disqus(import::write_disqus(*site));
    ASSERT_TRUE(disqus.ok()) << name << ": " << disqus.error().message;
    auto expected = shapes(*site, false);
    for (auto& rows : expected)
      for (auto& r : rows)
        if (r.status == Status::pending) r.status = Status::published;
    EXPECT_EQ(shapes(*disqus, false), expected) << name;
  }
  if (ran == 0) GTEST_SKIP() << "../shared/datasets/threads is absent";
}

}  // namespace
}  // namespace soundoff
