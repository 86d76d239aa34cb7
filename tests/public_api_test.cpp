// The public API as an embedder sees it: the umbrella header compiles on its own
// and the version macros match the project version CMake configured them from.
#include <gtest/gtest.h>

#include <string>

#include "soundoff/soundoff.h"

namespace soundoff {
namespace {

TEST(PublicApi, VersionMacrosAgreeWithEachOtherAndWithCMake) {
  EXPECT_EQ(SOUNDOFF_VERSION, SOUNDOFF_VERSION_MAJOR * 10000 + SOUNDOFF_VERSION_MINOR * 100 + SOUNDOFF_VERSION_PATCH);
  EXPECT_EQ(std::string(SOUNDOFF_VERSION_STRING), std::to_string(SOUNDOFF_VERSION_MAJOR) + "." +
                                                      std::to_string(SOUNDOFF_VERSION_MINOR) + "." +
                                                      std::to_string(SOUNDOFF_VERSION_PATCH));
  EXPECT_EQ(std::string(SOUNDOFF_VERSION_STRING), SOUNDOFF_TEST_PROJECT_VERSION);
}

TEST(PublicApi, TheUmbrellaHeaderIsEnoughToBuildAPage) {
  auto document = parse_document(R"([{"id": 1, "created": 0}, {"id": 2, "parent": 1, "created": 1}])");
  ASSERT_TRUE(document.ok());
  const auto thread = assemble_thread(std::move(document->comments));
  const auto view = make_view(thread, SortOrder::oldest);
  const auto page = build_page(view, {});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 2u);
}

Result<void> check_positive(int n) {
  if (n <= 0) return Error{"invalid_argument", "n must be positive"};
  return {};
}

TEST(PublicApi, ResultOfVoidIsOkOrCarriesTheError) {
  const auto fine = check_positive(1);
  EXPECT_TRUE(fine.ok());
  EXPECT_TRUE(static_cast<bool>(fine));
  const auto failed = check_positive(0);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, "invalid_argument");
  EXPECT_EQ(failed.error().message, "n must be positive");
}

}  // namespace
}  // namespace soundoff
