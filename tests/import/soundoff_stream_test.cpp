// The streamed Soundoff export reader (issue 22, a 1M-comment import in
// bounded memory): it gives the same threads as the whole-file reader, one
// at a time and in order, and says where and why a file is wrong.
#include "import/soundoff_stream.h"

#include <gtest/gtest.h>

#include <sstream>

#include "import/importers.h"

namespace soundoff::test {
namespace {

using import::ImportResult;

// Streams `text`; every thread the sink got, flattened into one result.
struct Streamed {
  Result<std::size_t> read = std::size_t{0};
  ImportResult got;
  std::size_t calls = 0;
};

Streamed stream(const std::string& text) {
  std::istringstream in(text);
  Streamed s;
  s.read = import::stream_soundoff_export(in, {}, [&](ImportResult&& one) -> Result<void> {
    ++s.calls;
    for (auto& t : one.threads) s.got.threads.push_back(std::move(t));
    for (auto& i : one.issues) s.got.issues.push_back(std::move(i));
    return {};
  });
  return s;
}

const char* kExport = R"({"format":"soundoff-export","version":1,"threads":[
{"thread":"post-1","title":"Post \"one\"","url":"https://example.org/post-1","comments":[
  {"id":"d1","author":"Ann","created":"2013-09-09T20:55:00Z","body":"first","status":"published","up":2,"extra":{"a":[1,2,{"b":null}]}},
  {"id":"d2","parent":"d1","author":"Bob","created":"2013-09-09T21:00:00Z","body":"reply","status":"pending"}]},
{"thread":"/blog/hello/","comments":[
  {"id":"h1","author":"Cy","created":"2014-01-01T00:00:00Z","body":"hi \u00e9","status":"published"}]}],
"exported_by":{"tool":"soundoff","args":["export"]}})";

TEST(SoundoffStream, GivesTheWholeFileReadersThreadsOneAtATime) {
  const auto whole = import::import_soundoff(kExport);
  ASSERT_TRUE(whole.ok()) << whole.error().message;
  const auto s = stream(kExport);
  ASSERT_TRUE(s.read.ok()) << s.read.error().message;
  EXPECT_EQ(*s.read, 2u);
  EXPECT_EQ(s.calls, 2u);
  EXPECT_TRUE(s.got.issues.empty());
  // The same export written back: keys, titles, URLs, ids, parents, statuses and votes all agree.
  EXPECT_EQ(import::write_export(s.got.threads), import::write_export(whole->threads));
  ASSERT_EQ(s.got.threads.size(), 2u);
  EXPECT_EQ(s.got.threads[0].title, "Post \"one\"");
  EXPECT_EQ(s.got.threads[1].comments.at(0).body, "hi \xc3\xa9");
}

TEST(SoundoffStream, AnExportsOwnOutputStreamsBackByteForByte) {
  const auto whole = import::import_soundoff(kExport);
  ASSERT_TRUE(whole.ok());
  const std::string written = import::write_export(whole->threads);
  const auto s = stream(written);
  ASSERT_TRUE(s.read.ok()) << s.read.error().message;
  EXPECT_EQ(import::write_export(s.got.threads), written);
}

TEST(SoundoffStream, ABadThreadIsAnIssueAndTheRestIsRead) {
  const auto s = stream(R"({"threads":[7,
{"thread":"a","comments":[{"id":"1","author":"A","created":"yesterday","body":"x","status":"published"}]},
{"thread":"b","comments":[{"id":"1","author":"B","created":"2014-01-01T00:00:00Z","body":"ok","status":"published"}]}]})");
  ASSERT_TRUE(s.read.ok()) << s.read.error().message;
  EXPECT_EQ(*s.read, 3u);
  ASSERT_GE(s.got.issues.size(), 2u);
  EXPECT_NE(s.got.issues[0].message.find("thread #0"), std::string::npos) << s.got.issues[0].message;
  EXPECT_NE(s.got.issues[1].message.find("created"), std::string::npos) << s.got.issues[1].message;
  ASSERT_FALSE(s.got.threads.empty());
  EXPECT_EQ(s.got.threads.back().key, "b");
  EXPECT_EQ(s.got.threads.back().comments.size(), 1u);
}

TEST(SoundoffStream, ASyntaxErrorStopsAfterTheThreadsBeforeItWithItsOffset) {
  const std::string text = R"({"threads":[{"thread":"a","comments":[]},{"thread":"b","comments":[}]})";
  const auto s = stream(text);
  ASSERT_FALSE(s.read.ok());
  EXPECT_EQ(s.read.error().code, "invalid_json");
  EXPECT_NE(s.read.error().message.find("byte " + std::to_string(text.find("[}") + 2)), std::string::npos)
      << s.read.error().message;
  EXPECT_EQ(s.calls, 1u) << "the thread before the error was given";
  const auto truncated = stream(R"({"format":"soundoff-export","threads":[)");
  ASSERT_FALSE(truncated.read.ok());
  EXPECT_EQ(truncated.read.error().code, "invalid_json");
}

TEST(SoundoffStream, WrongFormatOrVersionIsRefusedWhereverItStands) {
  const auto before = stream(R"({"format":"disqus","threads":[{"thread":"a","comments":[]}]})");
  ASSERT_FALSE(before.read.ok());
  EXPECT_EQ(before.read.error().code, "invalid_document");
  EXPECT_NE(before.read.error().message.find("'format' is \"disqus\""), std::string::npos);
  EXPECT_EQ(before.calls, 0u);
  const auto after = stream(R"({"threads":[{"thread":"a","comments":[]}],"version":2})");
  ASSERT_FALSE(after.read.ok());
  EXPECT_NE(after.read.error().message.find("'version' is 2"), std::string::npos) << after.read.error().message;
  const auto not_array = stream(R"({"threads":{"thread":"a"}})");
  ASSERT_FALSE(not_array.read.ok());
  EXPECT_EQ(not_array.read.error().message, "'threads' must be an array, not object");
}

TEST(SoundoffStream, ACommentDocumentIsNotAnExportAndNothingIsGiven) {
  for (const std::string text : {R"([{"id":"1","author":"A","body":"x"}])", R"({"thread":"t","comments":[]})", "7"}) {
    const auto s = stream(text);
    ASSERT_FALSE(s.read.ok()) << text;
    EXPECT_EQ(s.read.error().code, "not_an_export") << text;
    EXPECT_EQ(s.calls, 0u) << text;
  }
}

TEST(SoundoffStream, TheSinksErrorStopsTheStream) {
  std::istringstream in(kExport);
  std::size_t calls = 0;
  const auto read = import::stream_soundoff_export(in, {}, [&](ImportResult&&) -> Result<void> {
    ++calls;
    return Error{"storage_error", "disk full"};
  });
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, "storage_error");
  EXPECT_EQ(calls, 1u);
}

}  // namespace
}  // namespace soundoff::test
