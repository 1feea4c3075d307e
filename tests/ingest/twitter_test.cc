#include <gtest/gtest.h>

#include "ingest_test_support.h"
#include "parley/core/time.h"

namespace parley::ingest {
namespace {

using testing::fixture;
using testing::line_containing;
using testing::read_bytes;
using testing::read_fixture;

TEST(Twitter, SearchRecentDocument) {
  std::string doc = fixture("twitter/search_recent.json");
  auto c = read_bytes(doc, Format::twitter_v2);
  ASSERT_TRUE(c.status.is_ok()) << c.status.message();
  // 3 good data tweets + 1 include not already in data; the include duplicating data is dropped.
  ASSERT_EQ(c.posts.size(), 4u);

  const Post* reply = c.find("1765432100000000003");
  ASSERT_NE(reply, nullptr);
  EXPECT_EQ(reply->source, "x");
  EXPECT_EQ(reply->kind, PostKind::reply);
  EXPECT_EQ(reply->author.handle, "ana_costa");
  EXPECT_EQ(reply->author.name, "Ana Costa ✨");
  EXPECT_EQ(reply->author.followers, 120);
  EXPECT_EQ(reply->reply_to, "1765432100000000001");
  EXPECT_EQ(reply->conversation_hint, "1765432100000000001");
  EXPECT_EQ(reply->url, "https://x.com/ana_costa/status/1765432100000000003");
  EXPECT_EQ(reply->text, "@acmehelp still no refund after 3 weeks 😡 order #88412");
  EXPECT_EQ(format_iso8601_ms(reply->created_at_ms), "2024-03-05T14:07:09Z");
  EXPECT_EQ(reply->language, "en");
  // Reported at the line where the tweet object opens (the line before its "id").
  EXPECT_EQ(c.line_of("1765432100000000003"), line_containing(doc, "\"id\": \"1765432100000000003\"") - 1);

  const Post* root = c.find("1765432100000000004");
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root->kind, PostKind::post);
  EXPECT_EQ(root->conversation_hint, "");  // conversation_id == id: the tweet is the root
  EXPECT_EQ(root->language, "es");
  EXPECT_EQ(root->author.handle, "jmartinez");

  const Post* quote = c.find("1765432100000000005");  // author missing from includes.users
  ASSERT_NE(quote, nullptr);
  EXPECT_EQ(quote->kind, PostKind::post);  // a quote is not a reply
  EXPECT_EQ(quote->reply_to, "");
  EXPECT_EQ(quote->author.handle, "9999999999");
  EXPECT_EQ(quote->url, "https://x.com/i/web/status/1765432100000000005");

  const Post* parent = c.find("1765432100000000001");  // from includes.tweets
  ASSERT_NE(parent, nullptr);
  EXPECT_EQ(parent->author.handle, "acmehelp");
  EXPECT_EQ(parent->author.followers, 250000);

  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0].second, "missing required field 'created_at' (request tweet.fields=created_at)");
  EXPECT_EQ(c.rejects[0].first, line_containing(doc, "\"id\": \"1765432100000000006\"") - 1);
}

TEST(Twitter, SingleTweetLookup) {
  auto c = read_fixture("twitter/lookup.json", Format::twitter_v2);
  ASSERT_TRUE(c.status.is_ok()) << c.status.message();
  ASSERT_EQ(c.posts.size(), 1u);
  const Post& p = c.posts[0].first;
  EXPECT_EQ(p.external_id, "1765432100000000009");
  EXPECT_EQ(p.reply_to, "1765432100000000007");
  EXPECT_EQ(p.conversation_hint, "1765432100000000001");
  EXPECT_EQ(p.text, "Thanks @acmehelp, sorted! Obrigada 💚");
  EXPECT_EQ(p.language, "pt");
  EXPECT_EQ(c.posts[0].second, 2u);
}

TEST(Twitter, JsonlPagesWithABrokenLineBetween) {
  auto c = read_fixture("twitter/pages.jsonl", Format::automatic);
  ASSERT_TRUE(c.status.is_ok()) << c.status.message();
  ASSERT_EQ(c.posts.size(), 2u);
  EXPECT_EQ(c.posts[0].first.author.handle, "lost_parcel_guy");
  EXPECT_EQ(c.posts[0].second, 1u);
  EXPECT_EQ(c.posts[1].first.author.handle, "mia");
  EXPECT_EQ(c.posts[1].first.reply_to, "1800000000000000001");
  EXPECT_EQ(c.posts[1].second, 3u);
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0].first, 2u);
  EXPECT_EQ(c.rejects[0].second, "invalid JSON (truncated: unclosed string)");
}

TEST(Twitter, BadTweetsInsideAPageAreRejectedOneByOne) {
  std::string page = R"({"data":[{"id":"1","text":"ok","author_id":"9","created_at":"2024-01-01T00:00:00Z"},)"
                     R"({"id":"2","text":7,"author_id":"9","created_at":"2024-01-01T00:00:00Z"},)"
                     R"({"id":"3","text":"no author","created_at":"2024-01-01T00:00:00Z"},)"
                     R"("not a tweet",)"
                     R"({"id":"4","text":"bad date","author_id":"9","created_at":"01/02/2024"},)"
                     R"({"id":"5","text":"ok too","author_id":"9","created_at":"2024-01-01T00:00:01Z"}],)"
                     R"("includes":{"users":[{"id":"9","username":"nine","name":"Nine"}]}})";
  auto c = read_bytes(page + "\n" + page + "\n", Format::twitter_v2);
  ASSERT_TRUE(c.status.is_ok()) << c.status.message();
  ASSERT_EQ(c.posts.size(), 4u);
  EXPECT_EQ(c.posts[1].first.external_id, "5");
  EXPECT_EQ(c.posts[2].second, 2u);
  ASSERT_EQ(c.rejects.size(), 8u);
  EXPECT_EQ(c.rejects[0].second, "field 'text' must be a string, got integer");
  EXPECT_EQ(c.rejects[1].second, "missing required field 'author_id' (request expansions=author_id)");
  EXPECT_EQ(c.rejects[2].second, "tweet must be a JSON object, got string");
  EXPECT_EQ(c.rejects[3].second, "field 'created_at' is not an ISO 8601 date-time: '01/02/2024'");
  EXPECT_EQ(c.rejects[7].first, 2u);
}

TEST(Twitter, TruncatedDocumentIsAWholeInputError) {
  std::string doc = fixture("twitter/search_recent.json");
  auto c = read_bytes(doc.substr(0, doc.size() / 2), Format::twitter_v2);
  ASSERT_FALSE(c.status.is_ok());
  EXPECT_EQ(c.status.message().rfind("invalid JSON (truncated: unclosed ", 0), 0u) << c.status.message();
  EXPECT_TRUE(c.posts.empty());
}

TEST(Twitter, InvalidUtf8InAPageLine) {
  std::string good = R"({"data":[{"id":"1","text":"ok","author_id":"9","created_at":"2024-01-01T00:00:00Z"}]})";
  auto c = read_bytes(good + "\n{\"data\":[{\"id\":\"2\",\"text\":\"\xC3\x28\"}]}\n" + good + "\n", Format::twitter_v2);
  ASSERT_EQ(c.posts.size(), 2u);  // the same tweet on two pages: both delivered, dedup is the store's job
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0], (std::pair<std::uint64_t, std::string>{2, "invalid UTF-8 at byte 28"}));
}

TEST(Twitter, EmptyResultPage) {
  auto c = read_bytes(R"({"meta":{"result_count":0}})", Format::automatic);
  EXPECT_TRUE(c.status.is_ok()) << c.status.message();
  EXPECT_TRUE(c.posts.empty());
  EXPECT_TRUE(c.rejects.empty());
}

TEST(Twitter, OverlongPageLine) {
  std::string good = R"({"data":[{"id":"1","text":"ok","author_id":"9","created_at":"2024-01-01T00:00:00Z"}]})";
  std::string big = R"({"data":[{"id":"2","text":")" + std::string(kMaxLineBytes, 'x') + "\"}]}";
  auto c = read_bytes(good + "\n" + big + "\n" + good + "\n", Format::twitter_v2);
  ASSERT_EQ(c.posts.size(), 2u);
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0].first, 2u);
  EXPECT_NE(c.rejects[0].second.find("over the 1 MiB limit"), std::string::npos);
}

}  // namespace
}  // namespace parley::ingest
