// The binary page (page_binary.h) carries exactly the page JSON's comments:
// a decoder written from the header's layout rebuilds the items, and they must
// equal page_to_json's, key order included, for every kind of comment a page
// holds (tombstones, capped replies, pinned, edited, badges, inferred replies,
// cycles, orphans, non-ASCII and invalid text). web/src/binary-page.js is the
// facade's decoder; web/test/binary-page.test.mjs compares it with the CLI.
#include "soundoff/page_binary.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "soundoff/page_json.h"
#include "soundoff/reply_resolution.h"
#include "support/builders.h"

namespace soundoff {
namespace {

using nlohmann::ordered_json;
using test::make_comment;
namespace bp = binary_page;

// Byte length of the first `units` UTF-16 code units of UTF-8 `text` from `at`.
std::size_t bytes_of_units(const std::string& text, std::size_t at, std::uint32_t units) {
  std::size_t i = at;
  while (units > 0) {
    const auto lead = static_cast<unsigned char>(text.at(i));
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    units -= length == 4 ? 2 : 1;
    i += length;
  }
  return i - at;
}

// The items of `page`, read back from its arrays as the facade reads them.
ordered_json decode_items(const BinaryPage& page) {
  const std::size_t count = page.fields.size() / bp::kFields;
  EXPECT_EQ(page.fields.size(), count * bp::kFields);
  EXPECT_EQ(page.numbers.size(), count * bp::kNumbers);
  std::vector<ordered_json> entries(count);
  std::vector<std::uint32_t> parents(count);
  std::size_t at = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint32_t* f = page.fields.data() + i * bp::kFields;
    const double* n = page.numbers.data() + i * bp::kNumbers;
    std::vector<ordered_json> s;
    for (std::uint32_t k = bp::id_length; k <= bp::inferred_author_length; ++k) {
      if (f[k] == bp::kAbsent) {
        s.emplace_back(nullptr);
        continue;
      }
      const std::size_t bytes = bytes_of_units(page.strings, at, f[k]);
      s.emplace_back(page.strings.substr(at, bytes));
      at += bytes;
    }
    const auto str = [&](bp::Field field) { return s[field - bp::id_length]; };
    const std::uint32_t flags = f[bp::flags];
    ordered_json item;
    item["id"] = str(bp::id_length);
    item["parent"] = str(bp::parent_length);
    item["author"] = str(bp::author_length);
    item["body"] = str(bp::body_length);
    item["created"] = str(bp::created_length);
    item["status"] = str(bp::status_length);
    item["score"] = static_cast<std::int64_t>(n[bp::score]);
    item["up"] = static_cast<std::int64_t>(n[bp::up]);
    item["down"] = static_cast<std::int64_t>(n[bp::down]);
    if ((flags & bp::pinned) != 0) item["pinned"] = true;
    if (!str(bp::edited_length).is_null()) item["edited"] = str(bp::edited_length);
    if (!str(bp::badge_length).is_null()) item["badge"] = str(bp::badge_length);
    item["depth"] = f[bp::depth];
    item["number"] =
        n[bp::number] == 0 ? ordered_json(nullptr) : ordered_json(static_cast<std::uint64_t>(n[bp::number]));
    item["replies"] = f[bp::replies];
    item["latest_activity"] = str(bp::latest_activity_length);
    item["tombstone"] = (flags & bp::tombstone) != 0;
    item["orphan"] = (flags & bp::orphan) != 0;
    if ((flags & bp::cycle_broken) != 0) item["cycle_broken"] = true;
    item["reply_to"] =
        str(bp::reply_to_id_length).is_null()
            ? ordered_json(nullptr)
            : ordered_json{{"id", str(bp::reply_to_id_length)}, {"author", str(bp::reply_to_author_length)}};
    item["hidden_replies"] = f[bp::hidden_replies];
    item["replies_cursor"] = str(bp::replies_cursor_length);
    if ((flags & bp::has_inferred_reply) != 0) {
      item["inferred_reply"] = nullptr;
      if (!str(bp::inferred_id_length).is_null()) {
        item["inferred_reply"] = {{"id", str(bp::inferred_id_length)},
                                  {"author", str(bp::inferred_author_length)},
                                  {"confidence", n[bp::confidence]},
                                  {"nested", (flags & bp::inferred_nested) != 0}};
      }
    }
    item["children"] = ordered_json::array();
    entries[i] = std::move(item);
    parents[i] = f[bp::parent_entry];
  }
  EXPECT_EQ(at, page.strings.size()) << "every byte of the string table belongs to a field";
  // Children follow their parents (pre-order): attach from the last entry back.
  ordered_json items = ordered_json::array();
  for (std::size_t i = count; i-- > 0;) {
    if (parents[i] == bp::kNoEntry) continue;
    auto& siblings = entries[parents[i]]["children"];
    siblings.insert(siblings.begin(), std::move(entries[i]));
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (parents[i] == bp::kNoEntry) items.push_back(std::move(entries[i]));
  }
  return items;
}

// The page's JSON, and the same page through the binary writer and decoder.
void expect_same_page(const Thread& thread, SortOrder sort, const PageRequest& request) {
  const ThreadView view = make_view(thread, sort);
  const auto page = build_page(view, request);
  ASSERT_TRUE(page) << page.error().message;
  const std::vector<RecordError> errors = {
      {3, "c9", "body", "wrong_type", "record 3 (id c9): field body must be a string"}};
  const auto expected = ordered_json::parse(page_to_json(view, *page, errors));

  BinaryPage binary;
  write_binary_page(view, *page, errors, binary);
  auto rebuilt = ordered_json::parse(binary.header_json);
  ASSERT_TRUE(rebuilt["items"].is_null());
  rebuilt["items"] = decode_items(binary);
  EXPECT_EQ(rebuilt.dump(), expected.dump());
  EXPECT_FALSE(expected["items"].empty()) << "a page with comments, or the comparison shows little";
}

// Every field a page can carry: a tombstone with a reply, a thread deeper than
// the depth cap, pinned, edited, badged, a cycle, an orphan, astral and
// combining characters, a BOM at the start of the first id, bytes not UTF-8.
std::vector<Comment> varied_thread() {
  std::vector<Comment> c;
  c.push_back(
      make_comment("\xEF\xBB\xBF"
                   "first",
                   "", 1));
  c.back().body = "caf\xC3\xA9 \xF0\x9F\x98\x80 \xE2\x80\xA8 <b>&</b> e\xCC\x81";
  c.back().author = "Mary \xF0\x9F\x8C\xB9";
  c.back().pinned = 1;
  c.back().score = -3;
  c.back().up = 4;
  c.back().down = 7;
  c.push_back(make_comment("2",
                           "\xEF\xBB\xBF"
                           "first",
                           2));
  c.back().edited_ms = 5000;
  c.back().badge = "verified";
  c.push_back(make_comment("3", "2", 3));
  c.push_back(make_comment("4", "3", 4));
  c.push_back(make_comment("5", "4", 5));  // below the depth cap of 3: "in reply to 4"
  c.push_back(make_comment("6", "", 6, Status::deleted));
  c.push_back(make_comment("7", "6", 7));  // keeps 6 as a tombstone
  c.push_back(make_comment("8", "9", 8));  // 8 and 9 form a cycle
  c.push_back(make_comment("9", "8", 9));
  c.push_back(make_comment("10", "missing", 10));  // an orphan
  c.push_back(make_comment("11", "", 11));
  c.back().body = std::string("not \xFF utf-8 \xC3", 13);
  c.back().badge = "staff";
  for (int i = 12; i < 20; ++i) c.push_back(make_comment(std::to_string(i), "11", i));  // more than max_replies
  return c;
}

TEST(BinaryPage, CarriesEveryFieldOfThePageJson) {
  const Thread thread = assemble_thread(varied_thread());
  PageRequest request;
  request.max_depth = 3;
  request.max_replies = 3;
  for (const SortOrder sort : {SortOrder::oldest, SortOrder::newest, SortOrder::top}) {
    expect_same_page(thread, sort, request);
  }
  request.per_page = 2;
  request.page = 2;
  expect_same_page(thread, SortOrder::oldest, request);
}

TEST(BinaryPage, CarriesARepliesCursorPage) {
  const Thread thread = assemble_thread(varied_thread());
  const ThreadView view = make_view(thread, SortOrder::oldest);
  PageRequest first;
  first.max_replies = 3;
  const auto page = build_page(view, first);
  ASSERT_TRUE(page);
  std::string cursor;
  for (const auto& e : page->entries) {
    if (!e.replies_cursor.empty()) cursor = e.replies_cursor;
  }
  ASSERT_FALSE(cursor.empty());
  PageRequest more;
  more.after = cursor;
  expect_same_page(thread, SortOrder::oldest, more);
}

// Reply inference on: every comment carries inferred_reply (null or an object
// with a confidence that must read back as the JSON's three decimals).
TEST(BinaryPage, CarriesInferredReplies) {
  std::vector<Comment> c;
  c.push_back(make_comment("1", "", 1));
  c.back().author = "saywhat";
  c.back().body = "Moscow will never agree to this.";
  c.push_back(make_comment("2", "", 60));
  c.back().author = "Mary";
  c.back().body = "@ saywhat they already did, read the article";
  c.push_back(make_comment("3", "", 120));
  c.back().author = "blockage";
  c.back().body = "blockage@Mary no they did not";
  c.push_back(make_comment("4", "", 180));
  for (const InferredReplies mode : {InferredReplies::display, InferredReplies::nest}) {
    AssembleOptions options;
    options.inferred = mode;
    const auto replies = resolve_thread_replies(c, options);
    options.replies = &replies;
    const Thread thread = assemble_thread(c, options);
    int inferred = 0;
    for (const auto& node : thread.nodes) inferred += node.inferred_parent != Node::kNone ? 1 : 0;
    EXPECT_GE(inferred, 2) << "the @ replies are inferred, or the test shows nothing";
    expect_same_page(thread, SortOrder::oldest, PageRequest{});
  }
}

TEST(BinaryPage, AnEmptyPageHasNoEntries) {
  const Thread thread = assemble_thread({});
  const ThreadView view = make_view(thread, SortOrder::oldest);
  const auto page = build_page(view, PageRequest{});
  ASSERT_TRUE(page);
  BinaryPage binary;
  binary.strings = "left from an earlier page";
  write_binary_page(view, *page, {}, binary);
  EXPECT_TRUE(binary.fields.empty());
  EXPECT_TRUE(binary.numbers.empty());
  EXPECT_TRUE(binary.strings.empty());
  EXPECT_EQ(ordered_json::parse(binary.header_json)["items"], nullptr);
}

TEST(BinaryPage, LengthsCountUtf16Units) {
  std::vector<Comment> c = {make_comment("a", "", 1)};
  c[0].body =
      "\xF0\x9F\x98\x80"
      "\xC3\xA9"
      "x";  // an emoji (a surrogate pair), é, x
  const Thread thread = assemble_thread(std::move(c));
  const ThreadView view = make_view(thread, SortOrder::oldest);
  const auto page = build_page(view, PageRequest{});
  ASSERT_TRUE(page);
  BinaryPage binary;
  write_binary_page(view, *page, {}, binary);
  ASSERT_EQ(binary.fields.size(), bp::kFields);
  EXPECT_EQ(binary.fields[bp::body_length], 4u);
  EXPECT_EQ(binary.fields[bp::parent_length], bp::kAbsent);
  EXPECT_EQ(binary.fields[bp::parent_entry], bp::kNoEntry);
}

}  // namespace
}  // namespace soundoff
