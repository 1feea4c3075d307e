// The listening rollups stay equal to a GROUP BY over the raw rows whatever the ingest does: duplicates,
// the organisation's own and internal posts, spam, replies, edits and re-analysis; and a database left at
// schema 3 gets them on upgrade.
#include <gtest/gtest.h>

#include "../listen/listening_test_util.h"
#include "../test_util.h"
#include "parley/store/sqlite/schema.h"
#include "parley/store/store.h"

namespace parley {
namespace {

using testing::analysis_of;
using testing::make_post;
using testing::TempDir;
using text::EntityKind;
using text::Intent;

constexpr std::int64_t kDay = 86'400'000, kHour = 3'600'000;
constexpr std::int64_t kT0 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

class ListeningRollup : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = open_sqlite_store(dir.file("t.db"));
    ASSERT_TRUE(s) << s.message();
    store = std::move(*s);
    auto c = sqlite::Connection::open(dir.file("t.db"));
    ASSERT_TRUE(c) << c.message();
    db = std::move(*c);
  }
  void put(const std::vector<Post>& posts, const std::vector<text::Analysis>& analyses) {
    auto r = store->upsert_posts(posts, analyses);
    ASSERT_TRUE(r) << r.message();
  }
  std::int64_t scalar(const std::string& sql) {
    auto st = db.prepare(sql);
    EXPECT_TRUE(st) << st.message();
    if (!st) return -1;
    auto row = st->step();
    return row && *row ? st->int64(0) : -1;
  }
  static Post at(Post p, std::int64_t ms) {
    p.created_at_ms = ms;
    return p;
  }

  TempDir dir;
  std::unique_ptr<Store> store;
  sqlite::Connection db;
};

// Posts of every kind that must and must not count, spread over hours and days.
std::vector<Post> mixed_posts() {
  std::vector<Post> p;
  auto add = [&](std::string id, std::int64_t ms, std::string source = "x") {
    p.push_back(make_post(id, "text of " + id, "", source, ms));
  };
  add("a1", kT0 + 10 * 60'000);
  add("a2", kT0 + 50 * 60'000);
  add("a3", kT0 + kHour + 5);
  add("a4", kT0 + kDay + 3 * kHour, "mastodon");
  add("a5", kT0 + 2 * kDay - 1, "reddit");
  add("emp", kT0 + 20 * 60'000);  // the organisation's own post
  p.back().author = {"brand", "Brand", AuthorKind::employee, 10};
  add("int", kT0 + 30 * 60'000);  // internal
  p.back().audience = Audience::internal;
  add("spam", kT0 + 40 * 60'000);
  p.push_back(make_post("r1", "a reply", "a1", "x", kT0 + 70 * 60'000));  // a reply counts like any post
  p.push_back(make_post("old", "before 1970", "", "x", -kHour / 2));     // buckets floor, not truncate
  return p;
}

std::vector<text::Analysis> mixed_analyses() {
  return {
      analysis_of(Intent::complaint, -0.6, {{EntityKind::product, "Fiber"}, {EntityKind::product, "Phone"},
                                            {EntityKind::product, "Fiber"}}),
      analysis_of(Intent::praise, 0.7, {{EntityKind::competitor, "Rival"}}),
      analysis_of(Intent::question, 0.0, {{EntityKind::campaign, "#Summer"}, {EntityKind::keyword, "Brand"}}),
      analysis_of(Intent::complaint, -0.3),
      analysis_of(Intent::suggestion, 0.2, {{EntityKind::product, "Phone"}}),
      analysis_of(Intent::praise, 0.9, {{EntityKind::product, "Fiber"}}),
      analysis_of(Intent::question, 0.0),
      analysis_of(Intent::other, 0.1, {{EntityKind::product, "Fiber"}}, /*spam=*/true),
      analysis_of(Intent::complaint, -0.9, {{EntityKind::product, "Fiber"}}),
      analysis_of(Intent::other, 0.0),
  };
}

TEST_F(ListeningRollup, EqualsRawGroupByAfterMixedIngest) {
  put(mixed_posts(), mixed_analyses());
  EXPECT_GT(testing::expect_rollups_match_raw(db), 10u);
  // Counted: a1..a5, r1, old. Not: the employee's, the internal and the spam post.
  EXPECT_EQ(scalar("SELECT SUM(posts) FROM listen_volume_hour"), 7);
  EXPECT_EQ(scalar("SELECT SUM(posts) FROM listen_volume_day"), 7);
  // a1 names Fiber twice and Phone once: one post for each, and one for 'own'.
  EXPECT_EQ(scalar("SELECT SUM(posts) FROM listen_entity_day WHERE kind = 'own'"), 3);  // a1, a5, r1
  EXPECT_EQ(scalar("SELECT SUM(posts) FROM listen_entity_day WHERE kind = 'product' AND name = 'Fiber'"), 2);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM listen_volume_hour WHERE bucket = " + std::to_string(-kHour)), 1);
}

TEST_F(ListeningRollup, DuplicatesCountOnce) {
  put(mixed_posts(), mixed_analyses());
  put(mixed_posts(), mixed_analyses());  // re-delivered, same content
  // And the same again in one batch with itself.
  auto twice = mixed_posts();
  auto twice_a = mixed_analyses();
  for (std::size_t i = 0, n = twice.size(); i < n; ++i) twice.push_back(twice[i]), twice_a.push_back(twice_a[i]);
  put(twice, twice_a);
  testing::expect_rollups_match_raw(db);
  EXPECT_EQ(scalar("SELECT SUM(posts) FROM listen_volume_hour"), 7);
}

TEST_F(ListeningRollup, PostStoredWithoutAnalysisCountsWhenItGetsOne) {
  put(mixed_posts(), {});
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM listen_volume_hour"), 0);
  put(mixed_posts(), mixed_analyses());
  testing::expect_rollups_match_raw(db);
  EXPECT_EQ(scalar("SELECT SUM(posts) FROM listen_volume_hour"), 7);
}

TEST_F(ListeningRollup, ReAnalysisAndEditsMoveTheContribution) {
  put(mixed_posts(), mixed_analyses());
  // An edit of a1 with a new analysis: the old contribution goes, the new one comes (another class,
  // another entity, another day).
  Post a1 = at(make_post("a1", "edited text"), kT0 + 3 * kDay);
  put({a1}, {analysis_of(Intent::praise, 0.5, {{EntityKind::competitor, "Rival"}})});
  testing::expect_rollups_match_raw(db);
  EXPECT_EQ(scalar("SELECT SUM(posts) FROM listen_entity_day WHERE kind = 'own'"), 2);
  EXPECT_EQ(scalar("SELECT SUM(posts) FROM listen_volume_day WHERE bucket = " + std::to_string(kT0 + 3 * kDay)), 1);
  // Same class, another score: only the sum moves.
  put({at(make_post("a1", "edited again"), kT0 + 3 * kDay)}, {analysis_of(Intent::praise, 0.8)});
  testing::expect_rollups_match_raw(db);
  // An edit without analysis keeps the stored analysis under the post's new time.
  put({at(make_post("a2", "moved"), kT0 + 5 * kDay)}, {});
  testing::expect_rollups_match_raw(db);
  EXPECT_EQ(scalar("SELECT SUM(posts) FROM listen_entity_day WHERE name = 'Rival' AND bucket = " +
                   std::to_string(kT0 + 5 * kDay)), 1);
  // An edit that makes a post internal takes it out; the emptied rows go too.
  Post a4 = at(make_post("a4", "now internal", "", "mastodon"), kT0 + kDay + 3 * kHour);
  a4.audience = Audience::internal;
  put({a4}, {analysis_of(Intent::complaint, -0.3)});
  testing::expect_rollups_match_raw(db);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM listen_volume_hour WHERE source = 'mastodon'"), 0);
  // Inserted and edited within one batch.
  put({at(make_post("n1", "new"), kT0 + 7 * kDay), at(make_post("n1", "new, edited"), kT0 + 8 * kDay)},
      {analysis_of(Intent::complaint, -0.5), analysis_of(Intent::praise, 0.5)});
  testing::expect_rollups_match_raw(db);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM listen_volume_day WHERE bucket = " + std::to_string(kT0 + 7 * kDay)), 0);
}

TEST_F(ListeningRollup, AnAuthorLaterKnownAsEmployeeKeepsEarlierPostsCounted) {
  Post first = make_post("b1", "hello", "", "x", kT0);
  first.author.handle = "bob";
  put({first}, {analysis_of(Intent::question, 0.0)});
  Post second = make_post("b2", "as staff", "", "x", kT0 + kHour);
  second.author = {"bob", "", AuthorKind::employee, -1};
  put({second}, {analysis_of(Intent::other, 0.0)});
  testing::expect_rollups_match_raw(db);
  // The first was said as a member of the public; the second as staff.
  EXPECT_EQ(scalar("SELECT SUM(posts) FROM listen_volume_hour"), 1);
  EXPECT_EQ(scalar("SELECT author_kind = 'public' FROM posts WHERE external_id = 'b1'"), 1);
}

TEST_F(ListeningRollup, UpgradeFromSchema3BackfillsTheRollups) {
  put(mixed_posts(), mixed_analyses());
  // A copy of the same rows in a file as parley left it at schema 3 (no author_kind, no rollups).
  {
    auto c = sqlite::Connection::open(dir.file("old.db"));
    ASSERT_TRUE(c) << c.message();
    ASSERT_TRUE(sqlite::migrate(*c, 3));
    const std::string cols =
        "id, source, external_id, kind, audience, author_id, author_followers, text, created_at, url, lang, "
        "reply_to, conversation_hint, parent_id, conversation_id";
    ASSERT_TRUE(c->exec("ATTACH '" + dir.file("t.db") + "' AS src; "
                        "INSERT INTO authors SELECT * FROM src.authors; "
                        "INSERT INTO posts (" + cols + ") SELECT " + cols + " FROM src.posts; "
                        "INSERT INTO post_analysis SELECT post_id, language, sentiment, sentiment_label, intent, "
                        "intent_confidence, spam, urgency, simhash, dup_group, entities, key_phrases "
                        "FROM src.post_analysis; DETACH src;"));
    auto st = c->prepare("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'listen_%'");
    ASSERT_TRUE(st);
    ASSERT_TRUE(st->step());
    ASSERT_EQ(st->int64(0), 0);
  }
  auto upgraded = open_sqlite_store(dir.file("old.db"));
  ASSERT_TRUE(upgraded) << upgraded.message();
  auto c = sqlite::Connection::open(dir.file("old.db"));
  ASSERT_TRUE(c);
  EXPECT_GT(testing::expect_rollups_match_raw(*c), 10u);
  auto st = c->prepare("SELECT SUM(posts) FROM listen_volume_day");
  ASSERT_TRUE(st);
  ASSERT_TRUE(st->step());
  EXPECT_EQ(st->int64(0), 7);
  // The analysis rows got their post's time (the drill-down's index).
  auto times = c->prepare(
      "SELECT COUNT(*) FROM post_analysis pa JOIN posts p ON p.id = pa.post_id WHERE pa.created_at = p.created_at");
  ASSERT_TRUE(times);
  ASSERT_TRUE(times->step());
  auto all = c->prepare("SELECT COUNT(*) FROM post_analysis");
  ASSERT_TRUE(all);
  ASSERT_TRUE(all->step());
  EXPECT_GT(all->int64(0), 0);
  EXPECT_EQ(times->int64(0), all->int64(0));
  // And ingest goes on from there.
  ASSERT_TRUE((*upgraded)->upsert_posts(std::vector<Post>{make_post("z", "later", "", "x", kT0 + 9 * kDay)},
                                        std::vector<text::Analysis>{analysis_of(Intent::praise, 0.4)}));
  testing::expect_rollups_match_raw(*c);
}

}  // namespace
}  // namespace parley
