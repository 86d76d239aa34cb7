#include "soundoff/csv.h"

#include <gtest/gtest.h>

namespace soundoff {
namespace {

TEST(Csv, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  const auto t = parse_csv("A,B,C\r\n1,\"x, \"\"y\"\"\nz\",3\r\n2,,\"\"\n");
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0][1], "x, \"y\"\nz");
  EXPECT_EQ(t->rows[1][1], "");
  EXPECT_EQ(t->rows[1][2], "");
  EXPECT_EQ(t->row_lines[1], 4u);
  EXPECT_EQ(t->column("C"), 2u);
  EXPECT_EQ(t->column("D"), 3u);
}

TEST(Csv, AByteOrderMarkAndAMissingFinalLineBreakAreFine) {
  const auto t = parse_csv("\xEF\xBB\xBFID,TEXT\na,b");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->header[0], "ID");
  EXPECT_EQ(t->rows.at(0)[1], "b");
}

TEST(Csv, MalformedRowsAreErrorsNamingRowAndLine) {
  struct Case {
    const char* text;
    const char* says;
  } cases[] = {
      {"A,B\n1,\"open\n", "row 1 (line 2): a quoted field is not closed"},
      {"A,B\n1,2\n3,x\"y\n", "row 2 (line 3), field 2: a quote inside an unquoted field"},
      {"A,B\n1,\"q\"x\n", "row 1 (line 2), field 2: text after the closing quote"},
      {"A,B\n1,2,3\n", "row 1 (line 2) has 3 fields; the header has 2"},
      {"", "empty"},
  };
  for (const auto& c : cases) {
    const auto t = parse_csv(c.text);
    ASSERT_FALSE(t.ok()) << c.text;
    EXPECT_EQ(t.error().code, "invalid_csv");
    EXPECT_NE(t.error().message.find(c.says), std::string::npos) << t.error().message;
  }
}

TEST(Csv, FieldsAreQuotedOnlyWhenNeeded) {
  std::string out;
  append_csv_field(out, "plain");
  out += ",";
  append_csv_field(out, "a,\"b\"");
  EXPECT_EQ(out, "plain,\"a,\"\"b\"\"\"");
}

}  // namespace
}  // namespace soundoff
