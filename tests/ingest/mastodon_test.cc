#include <gtest/gtest.h>

#include "ingest_test_support.h"
#include "parley/core/time.h"

namespace parley::ingest {
namespace {

using testing::fixture;
using testing::line_containing;
using testing::read_bytes;
using testing::read_fixture;

TEST(Mastodon, HomeTimelineArray) {
  std::string doc = fixture("mastodon/home_timeline.json");
  auto c = read_bytes(doc, Format::mastodon);
  ASSERT_TRUE(c.status.is_ok()) << c.status.message();
  EXPECT_TRUE(c.rejects.empty());
  ASSERT_EQ(c.posts.size(), 5u);

  const Post* p = c.find("112000000000000001");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->source, "mastodon");
  EXPECT_EQ(p->author.handle, "ana@mastodon.social");
  EXPECT_EQ(p->author.name, "Ana 🌻");
  EXPECT_EQ(p->author.followers, 310);
  EXPECT_EQ(p->text, "Hi @acme, my order & invoice don't match.\nCan you check?\n\nDanke schön 🙏 \"urgent\"\xC2\xA0please");
  EXPECT_EQ(format_iso8601_ms(p->created_at_ms), "2024-03-05T14:07:09.123Z");
  EXPECT_EQ(p->url, "https://social.acme.example/@ana/112000000000000001");
  EXPECT_EQ(p->kind, PostKind::post);
  EXPECT_EQ(c.line_of("112000000000000001"), 2u);

  const Post* reply = c.find("112000000000000002");
  ASSERT_NE(reply, nullptr);
  EXPECT_EQ(reply->kind, PostKind::reply);
  EXPECT_EQ(reply->reply_to, "112000000000000001");
  EXPECT_EQ(reply->author.handle, "acme");
  EXPECT_EQ(c.line_of("112000000000000002"), line_containing(doc, "\"id\": \"112000000000000002\"") - 1);

  EXPECT_EQ(c.find("112000000000000003")->kind, PostKind::dm);
  const Post* cw = c.find("112000000000000004");
  EXPECT_EQ(cw->text, "Rant about billing\n\nDetails inside");
  EXPECT_EQ(cw->language, "de");

  // The reblog wrapper 112000000000000011 becomes the boosted status.
  EXPECT_EQ(c.find("112000000000000011"), nullptr);
  const Post* boosted = c.find("112000000000000010");
  ASSERT_NE(boosted, nullptr);
  EXPECT_EQ(boosted->author.handle, "kai@fosstodon.org");
  EXPECT_EQ(boosted->text, "Acme's new pricing page is broken: <404>");
}

TEST(Mastodon, ContextWithReplyBeforeItsParent) {
  auto c = read_fixture("mastodon/context.json", Format::automatic);
  ASSERT_TRUE(c.status.is_ok()) << c.status.message();
  ASSERT_EQ(c.posts.size(), 3u);
  EXPECT_EQ(c.posts[0].first.external_id, "112000000000000001");
  EXPECT_EQ(c.posts[1].first.external_id, "112000000000000022");
  EXPECT_EQ(c.posts[1].first.reply_to, "112000000000000021");
  EXPECT_EQ(c.posts[1].first.text, "Thanks, it works now ❤️");
  EXPECT_EQ(c.posts[2].first.reply_to, "112000000000000001");
}

TEST(Mastodon, JsonlMixesSingleStatusesAndArrays) {
  auto c = read_fixture("mastodon/statuses.jsonl", Format::automatic);
  ASSERT_TRUE(c.status.is_ok()) << c.status.message();
  ASSERT_EQ(c.posts.size(), 2u);
  EXPECT_EQ(c.posts[0].first.text, "こんにちは、サポートに連絡しました");
  EXPECT_EQ(c.posts[0].first.language, "ja");
  EXPECT_EQ(c.posts[1].first.external_id, "112000000000000032");
  EXPECT_EQ(c.posts[1].second, 3u);
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0], (std::pair<std::uint64_t, std::string>{2, "missing required field 'account'"}));
}

TEST(Mastodon, BadStatusesBetweenGoodOnes) {
  std::string good = R"({"id":"1","created_at":"2024-01-01T00:00:00Z","content":"<p>ok</p>","account":{"acct":"a"}})";
  std::string lines = good + "\n" +
                      R"({"id":"2","created_at":"2024-01-01T00:00:00Z","content":"<p>x</p>","account":{"acct":"a")" + "\n" +
                      R"({"id":"3","created_at":"2024-01-01T00:00:00Z","content":7,"account":{"acct":"a"}})" + "\n" +
                      R"({"id":"4","created_at":"2024-01-01T00:00:00Z","content":"<p>x</p>","account":{"username":"a"}})" + "\n" +
                      R"({"id":"5","content":"<p>x</p>","account":{"acct":"a"}})" + "\n" +
                      "{\"id\":\"6\",\"created_at\":\"2024-01-01T00:00:00Z\",\"content\":\"\xFF\",\"account\":{\"acct\":\"a\"}}\n" +
                      good + "\n";
  auto c = read_bytes(lines, Format::mastodon);
  ASSERT_TRUE(c.status.is_ok()) << c.status.message();
  ASSERT_EQ(c.posts.size(), 2u);
  EXPECT_EQ(c.posts[1].second, 7u);
  ASSERT_EQ(c.rejects.size(), 5u);
  EXPECT_EQ(c.rejects[0], (std::pair<std::uint64_t, std::string>{2, "invalid JSON (truncated: unclosed object)"}));
  EXPECT_EQ(c.rejects[1], (std::pair<std::uint64_t, std::string>{3, "field 'content' must be a string, got integer"}));
  EXPECT_EQ(c.rejects[2], (std::pair<std::uint64_t, std::string>{4, "missing required field 'account.acct'"}));
  EXPECT_EQ(c.rejects[3], (std::pair<std::uint64_t, std::string>{5, "missing required field 'created_at'"}));
  EXPECT_EQ(c.rejects[4], (std::pair<std::uint64_t, std::string>{6, "invalid UTF-8 at byte 58"}));
}

TEST(Mastodon, NonObjectInArrayIsRejectedAtItsLine) {
  std::string doc = "[\n  {\"id\":\"1\",\"created_at\":\"2024-01-01T00:00:00Z\",\"content\":\"<p>a</p>\",\"account\":{\"acct\":\"a\"}},\n  42\n]\n";
  auto c = read_bytes(doc, Format::mastodon);
  ASSERT_EQ(c.posts.size(), 1u);
  EXPECT_EQ(c.posts[0].second, 2u);
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0], (std::pair<std::uint64_t, std::string>{3, "status must be a JSON object, got number"}));
}

}  // namespace
}  // namespace parley::ingest
