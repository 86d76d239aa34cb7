// fnv1a64 against the published FNV-1a 64 test vectors
// (http://www.isthe.com/chongo/tech/comp/fnv/, test_fnv.c).
#include "soundoff/hash.h"

#include <gtest/gtest.h>

#include <string>

namespace soundoff {
namespace {

TEST(Fnv1a64, MatchesThePublishedTestVectors) {
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ull);
  EXPECT_EQ(fnv1a64("chongo was here!\n"), 0x46810940eff5f915ull);
}

TEST(Fnv1a64, TheOffsetBasisIsTheFullTwentyDigitConstant) {
  EXPECT_EQ(kFnv1a64OffsetBasis, 14695981039346656037ull);
  EXPECT_EQ(kFnv1a64OffsetBasis, fnv1a64(""));
}

TEST(Fnv1a64, HashingInPartsEqualsHashingTheWhole) {
  EXPECT_EQ(fnv1a64("bar", fnv1a64("foo")), fnv1a64("foobar"));
  EXPECT_EQ(fnv1a64("", fnv1a64("foobar")), fnv1a64("foobar"));
}

TEST(Fnv1a64, BytesAboveAsciiHashAsUnsigned) {
  // A signed char would sign-extend 0xFF into the xor and change the hash.
  const std::string byte(1, '\xFF');
  EXPECT_EQ(fnv1a64(byte), (kFnv1a64OffsetBasis ^ 0xFFull) * kFnv1a64Prime);
}

static_assert(fnv1a64("a") == 0xaf63dc4c8601ec8cull, "usable in constant expressions");

}  // namespace
}  // namespace soundoff
