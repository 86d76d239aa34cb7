#include <gtest/gtest.h>

#include "soundoff/time.h"

namespace soundoff {
namespace {

TEST(IsoTime, ParsesOffsetsToTheSameInstant) {
  EXPECT_EQ(parse_iso8601_ms("2013-09-09T16:55:00-04:00"), parse_iso8601_ms("2013-09-09T20:55:00Z"));
  EXPECT_EQ(parse_iso8601_ms("2013-09-09T22:55:00+0200"), parse_iso8601_ms("2013-09-09T20:55:00Z"));
  EXPECT_EQ(*parse_iso8601_ms("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(*parse_iso8601_ms("1970-01-01 00:00:01.5"), 1500);
}

TEST(IsoTime, RejectsImpossibleDatesAndJunk) {
  for (const char* bad : {"2013-13-01T00:00Z", "2013-02-29T00:00Z", "2013-09-09T24:00Z", "2013-09-09",
                          "2013-09-09T10:00+25:00", "yesterday", "2013-09-09T10:00:00Zjunk", ""}) {
    EXPECT_FALSE(parse_iso8601_ms(bad).has_value()) << bad;
  }
  EXPECT_TRUE(parse_iso8601_ms("2012-02-29T00:00Z").has_value());
}

TEST(IsoTime, FormatsUtcAndRoundTrips) {
  EXPECT_EQ(format_iso8601(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_iso8601(-1), "1969-12-31T23:59:59.999Z");
  const auto ms = *parse_iso8601_ms("2013-09-09T17:24:00-04:00");
  EXPECT_EQ(format_iso8601(ms), "2013-09-09T21:24:00Z");
  EXPECT_EQ(parse_iso8601_ms(format_iso8601(ms)), ms);
}

}  // namespace
}  // namespace soundoff
