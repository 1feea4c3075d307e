#include <gtest/gtest.h>

#include "ingest_test_support.h"
#include "parley/core/time.h"

namespace parley::ingest {
namespace {

using testing::fixture;
using testing::line_containing;
using testing::read_bytes;
using testing::read_fixture;

TEST(Reddit, SubredditNewListing) {
  std::string doc = fixture("reddit/new.json");
  auto c = read_bytes(doc, Format::automatic);
  ASSERT_TRUE(c.status.is_ok()) << c.status.message();
  ASSERT_EQ(c.posts.size(), 2u);
  const Post& p = c.posts[0].first;
  EXPECT_EQ(p.source, "reddit");
  EXPECT_EQ(p.external_id, "1b7xk2q");
  EXPECT_EQ(p.kind, PostKind::post);
  EXPECT_EQ(p.author.handle, "throwaway_ana");
  EXPECT_EQ(p.text, "App crashes on login\n\nSince the update the app crashes & I can't log in. Android 14.");
  EXPECT_EQ(p.created_at_ms, 1709647629000);
  EXPECT_EQ(p.url, "https://www.reddit.com/r/AcmeSupport/comments/1b7xk2q/app_crashes_on_login/");
  EXPECT_EQ(p.reply_to, "");

  const Post& deleted = c.posts[1].first;  // "[deleted]" is still a handle; no selftext -> title only
  EXPECT_EQ(deleted.author.handle, "[deleted]");
  EXPECT_EQ(deleted.text, "Ünïcödé title 🚀 no body");

  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0].second, "missing required field 'created_utc'");
  EXPECT_EQ(c.rejects[0].first, line_containing(doc, "\"id\": \"1b7xk4s\"") - 3);  // where its object opens
}

TEST(Reddit, CommentsPageWalksNestedReplies) {
  auto c = read_fixture("reddit/comments.json", Format::automatic);
  ASSERT_TRUE(c.status.is_ok()) << c.status.message();
  EXPECT_TRUE(c.rejects.empty());  // "more" stubs are skipped silently
  ASSERT_EQ(c.posts.size(), 5u);
  EXPECT_EQ(c.posts[0].first.external_id, "1b7xk2q");
  EXPECT_EQ(c.posts[0].first.kind, PostKind::post);

  const Post* top = c.find("kt1a001");
  ASSERT_NE(top, nullptr);
  EXPECT_EQ(top->kind, PostKind::comment);
  EXPECT_EQ(top->reply_to, "1b7xk2q");
  EXPECT_EQ(top->conversation_hint, "1b7xk2q");
  EXPECT_EQ(top->author.handle, "AcmeSupport_Official");
  EXPECT_EQ(top->created_at_ms, 1709648000500);
  EXPECT_EQ(top->url, "https://www.reddit.com/r/AcmeSupport/comments/1b7xk2q/app_crashes/kt1a001/");

  const Post* nested = c.find("kt1a002");
  ASSERT_NE(nested, nullptr);
  EXPECT_EQ(nested->reply_to, "kt1a001");
  EXPECT_EQ(nested->text, "Version 5.2.1 > still broken");
  // Nested comments are reported at the line of the top-level comment that contains them.
  EXPECT_EQ(c.line_of("kt1a002"), c.line_of("kt1a001"));

  const Post* deepest = c.find("kt1a003");
  ASSERT_NE(deepest, nullptr);
  EXPECT_EQ(deepest->author.handle, "[deleted]");
  EXPECT_EQ(deepest->text, "[removed]");
  EXPECT_EQ(deepest->reply_to, "kt1a002");

  EXPECT_EQ(c.find("kt1a004")->text, "Такая же проблема 😞");
  EXPECT_EQ(c.find("kt1a009"), nullptr);
}

TEST(Reddit, JsonlOfListings) {
  auto c = read_fixture("reddit/listings.jsonl", Format::reddit);
  ASSERT_TRUE(c.status.is_ok()) << c.status.message();
  ASSERT_EQ(c.posts.size(), 2u);
  EXPECT_EQ(c.posts[1].first.text, "Second page\n\nbody text");
  EXPECT_EQ(c.posts[1].first.created_at_ms, 1710000100250);
  EXPECT_EQ(c.posts[1].second, 2u);
}

TEST(Reddit, BadThingsAroundGoodOnes) {
  auto listing = [](const std::string& children) {
    return R"({"kind":"Listing","data":{"children":[)" + children + "]}}";
  };
  std::string good = R"({"kind":"t1","data":{"id":"c1","author":"a","body":"hi","parent_id":"t3_p","link_id":"t3_p","created_utc":1700000000}})";
  std::string input =
      listing(good) + "\n" +
      listing(R"({"kind":"t1","data":{"id":"c2","author":"a","body":"hi","created_utc":"yesterday"}})") + "\n" +
      listing(R"({"kind":"t1","data":{"id":"c3","body":"hi","created_utc":1700000000}})") + "\n" +
      listing(R"({"kind":"t5","data":{"id":"s"}})") + "\n" +
      R"({"kind":"Listing","data":{"children":[{"kind":"t1")" + "\n" +
      listing(R"({"kind":"t1","data":{"id":"c4","author":"a","body":7,"created_utc":1700000000}})") + "\n" +
      listing(good);
  auto c = read_bytes(input, Format::reddit);
  ASSERT_TRUE(c.status.is_ok()) << c.status.message();
  ASSERT_EQ(c.posts.size(), 2u);
  EXPECT_EQ(c.posts[1].second, 7u);
  ASSERT_EQ(c.rejects.size(), 5u);
  EXPECT_EQ(c.rejects[0], (std::pair<std::uint64_t, std::string>{2, "field 'created_utc' must be a number (Unix seconds), got string"}));
  EXPECT_EQ(c.rejects[1], (std::pair<std::uint64_t, std::string>{3, "missing required field 'author'"}));
  EXPECT_EQ(c.rejects[2], (std::pair<std::uint64_t, std::string>{4, "unsupported Reddit kind 't5' (only t1 comments and t3 submissions)"}));
  EXPECT_EQ(c.rejects[3], (std::pair<std::uint64_t, std::string>{5, "invalid JSON (truncated: unclosed object)"}));
  EXPECT_EQ(c.rejects[4], (std::pair<std::uint64_t, std::string>{6, "field 'body' must be a string, got integer"}));
}

TEST(Reddit, RejectedParentStillYieldsItsReplies) {
  std::string doc = R"({"kind":"Listing","data":{"children":[{"kind":"t1","data":{"id":"p","body":"no author","created_utc":1,)"
                    R"("replies":{"kind":"Listing","data":{"children":[{"kind":"t1","data":{"id":"r","author":"b","body":"child",)"
                    R"("parent_id":"t1_p","link_id":"t3_x","created_utc":1700000000,"replies":""}}]}}}}]}})";
  auto c = read_bytes(doc, Format::reddit);
  ASSERT_EQ(c.posts.size(), 1u);
  EXPECT_EQ(c.posts[0].first.reply_to, "p");
  ASSERT_EQ(c.rejects.size(), 1u);
}

TEST(Reddit, InvalidUtf8) {
  std::string bad = "{\"kind\":\"Listing\",\"data\":{\"children\":[]},\"x\":\"\xED\xA0\x80\"}";
  // Followed by a good line, the file is JSONL and only the bad line is lost.
  auto c = read_bytes(bad + "\n" + testing::fixture("reddit/listings.jsonl"), Format::reddit);
  ASSERT_EQ(c.posts.size(), 2u);
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0], (std::pair<std::uint64_t, std::string>{1, "invalid UTF-8 at byte 47"}));
  // Alone, it is a whole-file document, and a broken document is a whole-input error.
  auto d = read_bytes(bad, Format::reddit);
  EXPECT_EQ(d.status.message(), "invalid UTF-8 at byte 47 (the file is read as one JSON document)");
}

}  // namespace
}  // namespace parley::ingest
