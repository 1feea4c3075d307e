// The listening queries over a store filled with hand-analysed posts, so every count is known: zero-filled
// buckets, series order, filters, entities, share of voice, drill-down with function scoping, and the raw
// recount agreeing with the rollups over ranges that do not fall on hour or day boundaries.
#include "parley/listen/listening.h"

#include <gtest/gtest.h>

#include "../test_util.h"
#include "listening_test_util.h"
#include "parley/store/store.h"

namespace parley::listen {
namespace {

using parley::testing::analysis_of;
using parley::testing::make_post;
using parley::testing::TempDir;
using text::EntityKind;
using text::Intent;

constexpr std::int64_t kDay = kDayMs, kHour = kHourMs;
constexpr std::int64_t kT0 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

class Listening : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = open_sqlite_store(dir.file("t.db"));
    ASSERT_TRUE(s) << s.message();
    store = std::move(*s);
    std::vector<Post> posts;
    std::vector<text::Analysis> analyses;
    auto add = [&](std::string id, std::int64_t ms, std::string source, text::Analysis a) {
      posts.push_back(make_post(id, "post " + id, "", source, ms));
      analyses.push_back(std::move(a));
    };
    // Day 0: three complaints about Fiber on x (one also names Phone), a praise of Rival on mastodon.
    add("c1", kT0 + 1 * kHour, "x", analysis_of(Intent::complaint, -0.5, {{EntityKind::product, "Fiber"}}));
    add("c2", kT0 + 1 * kHour + 5, "x",
        analysis_of(Intent::complaint, -0.7, {{EntityKind::product, "Fiber"}, {EntityKind::product, "Phone"}}));
    add("c3", kT0 + 9 * kHour, "x", analysis_of(Intent::complaint, 0.0, {{EntityKind::product, "Fiber"}}));
    add("p1", kT0 + 9 * kHour, "mastodon", analysis_of(Intent::praise, 0.8, {{EntityKind::competitor, "Rival"}}));
    // Day 1: nothing. Day 2: a question on x, praise of Phone, Other Rival twice.
    add("q1", kT0 + 2 * kDay + 3 * kHour, "x", analysis_of(Intent::question, 0.0, {{EntityKind::competitor, "Other"}}));
    add("p2", kT0 + 2 * kDay + 4 * kHour, "reddit",
        analysis_of(Intent::praise, 0.6, {{EntityKind::product, "Phone"}, {EntityKind::competitor, "Other"}}));
    // Not counted: spam, internal.
    add("s1", kT0 + 2 * kHour, "x", analysis_of(Intent::other, 0.0, {{EntityKind::product, "Fiber"}}, true));
    add("i1", kT0 + 2 * kHour, "x", analysis_of(Intent::question, 0.0));
    posts.back().audience = Audience::internal;
    auto r = store->upsert_posts(posts, analyses);
    ASSERT_TRUE(r) << r.message();
    auto c = sqlite::Connection::open(dir.file("t.db"));
    ASSERT_TRUE(c) << c.message();
    db = std::move(*c);
  }

  Filter range(std::int64_t since, std::int64_t until, bool raw = false) {
    Filter f;
    f.since = since;
    f.until = until;
    f.from_raw = raw;
    return f;
  }

  TempDir dir;
  std::unique_ptr<Store> store;
  sqlite::Connection db;
};

TEST_F(Listening, VolumeIsZeroFilledAndSeriesAreOrderedByTotal) {
  VolumeQuery q{range(kT0, kT0 + 3 * kDay), Grain::day, "intent"};
  auto v = volume(db, q);
  ASSERT_TRUE(v) << v.message();
  EXPECT_EQ(v->buckets, (std::vector<std::int64_t>{kT0, kT0 + kDay, kT0 + 2 * kDay}));
  EXPECT_EQ(v->total, (std::vector<std::int64_t>{4, 0, 2}));
  ASSERT_EQ(v->series.size(), 3u);
  EXPECT_EQ(v->series[0].key, "complaint");
  EXPECT_EQ(v->series[0].counts, (std::vector<std::int64_t>{3, 0, 0}));
  EXPECT_EQ(v->series[1].key, "praise");  // 2, before question's 1
  EXPECT_EQ(v->series[2].key, "question");

  q.grain = Grain::hour;
  q.filter = range(kT0 + 30 * 60'000, kT0 + 10 * kHour);  // 00:30 to 10:00: hours 0..9
  q.by = "";
  v = volume(db, q);
  ASSERT_TRUE(v) << v.message();
  ASSERT_EQ(v->buckets.size(), 10u);
  EXPECT_EQ(v->buckets.front(), kT0);
  EXPECT_EQ(v->total, (std::vector<std::int64_t>{0, 2, 0, 0, 0, 0, 0, 0, 0, 2}));
  EXPECT_TRUE(v->series.empty());
}

TEST_F(Listening, FiltersNarrowEveryQuery) {
  VolumeQuery q{range(kT0, kT0 + 3 * kDay), Grain::day, "source"};
  q.filter.source = "x";
  auto v = volume(db, q);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->total, (std::vector<std::int64_t>{3, 0, 1}));
  q.filter.source = "";
  q.filter.sentiment = "positive";
  v = volume(db, q);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->total, (std::vector<std::int64_t>{1, 0, 1}));
  ASSERT_EQ(v->series.size(), 2u);

  Filter f = range(kT0, kT0 + 3 * kDay);
  f.intent = "complaint";
  auto top = top_entities(db, f, "", 10);
  ASSERT_TRUE(top);
  ASSERT_EQ(top->size(), 2u);
  EXPECT_EQ((*top)[0].name, "Fiber");
  EXPECT_EQ((*top)[0].posts, 3);
  EXPECT_EQ((*top)[0].negative, 2);
  EXPECT_EQ((*top)[0].neutral, 1);
  EXPECT_EQ((*top)[1].name, "Phone");

  f.intent = "";
  f.sentiment = "negative";
  top = top_entities(db, f, "product", 10);
  ASSERT_TRUE(top);
  ASSERT_EQ(top->size(), 2u);
  EXPECT_EQ((*top)[0].posts, 2);
  EXPECT_EQ((*top)[0].neutral, 0);

  f.sentiment = "grumpy";
  EXPECT_FALSE(volume(db, {f, Grain::day, ""}));
  EXPECT_NE(check_filter(f).find("negative, neutral or positive"), std::string::npos);
}

TEST_F(Listening, TopEntitiesAndShareOfVoice) {
  auto top = top_entities(db, range(kT0, kT0 + 3 * kDay), "", 3);
  ASSERT_TRUE(top);
  ASSERT_EQ(top->size(), 3u);
  EXPECT_EQ((*top)[0].name, "Fiber");
  EXPECT_EQ((*top)[0].posts, 3);
  EXPECT_NEAR((*top)[0].net_sentiment(), -2.0 / 3.0, 1e-12);
  for (const auto& e : *top) EXPECT_NE(e.kind, "own");
  auto rivals = top_entities(db, range(kT0, kT0 + 3 * kDay), "competitor", 10);
  ASSERT_TRUE(rivals);
  ASSERT_EQ(rivals->size(), 2u);
  EXPECT_EQ((*rivals)[0].name, "Other");

  auto sov = share_of_voice(db, range(kT0, kT0 + 3 * kDay), "Us", {"Rival", "Silent"});
  ASSERT_TRUE(sov) << sov.message();
  // Ours: c1, c2 (Fiber and Phone: once), c3, p2 = 4. Other 2, Rival 1, Silent 0 (configured, unmentioned).
  ASSERT_EQ(sov->brands.size(), 4u);
  EXPECT_EQ(sov->total, 7);
  EXPECT_TRUE(sov->brands[0].own);
  EXPECT_EQ(sov->brands[0].name, "Us");
  EXPECT_EQ(sov->brands[0].posts, 4);
  EXPECT_NEAR(sov->brands[0].share, 4.0 / 7.0, 1e-12);
  EXPECT_EQ(sov->brands[1].name, "Other");
  EXPECT_EQ(sov->brands[3].name, "Silent");
  EXPECT_EQ(sov->brands[3].posts, 0);
}

TEST_F(Listening, RawRecountEqualsRollupsOverUnalignedRanges) {
  const std::vector<std::pair<std::int64_t, std::int64_t>> ranges = {
      {kT0, kT0 + 3 * kDay},
      {kT0 + 90 * 60'000, kT0 + 2 * kDay + 3 * kHour + 1},  // edges inside hours and days
      {kT0 - 5 * kDay, kT0 + 40 * kDay},
      {kT0 + 9 * kHour, kT0 + 9 * kHour + 1},
  };
  int non_empty = 0;
  for (auto [since, until] : ranges)
    for (const char* source : {"", "x"})
      for (const char* intent : {"", "praise"}) {
        Filter f = range(since, until);
        f.source = source;
        f.intent = intent;
        Filter raw = f;
        raw.from_raw = true;
        for (Grain g : {Grain::hour, Grain::day}) {
          if (bucket_count(since, until, g) > kMaxBuckets) continue;
          auto a = volume(db, {f, g, "sentiment"}), b = volume(db, {raw, g, "sentiment"});
          ASSERT_TRUE(a) << a.message();
          ASSERT_TRUE(b) << b.message();
          EXPECT_EQ(a->total, b->total);
          ASSERT_EQ(a->series.size(), b->series.size());
          for (std::size_t i = 0; i < a->series.size(); ++i) EXPECT_EQ(a->series[i].counts, b->series[i].counts);
          EXPECT_EQ(a->spikes.size(), b->spikes.size());
        }
        auto a = entity_counts(db, f), b = entity_counts(db, raw);
        ASSERT_TRUE(a) << a.message();
        ASSERT_TRUE(b) << b.message();
        ASSERT_EQ(a->size(), b->size());
        for (std::size_t i = 0; i < a->size(); ++i) {
          EXPECT_EQ((*a)[i].name, (*b)[i].name);
          EXPECT_EQ((*a)[i].posts, (*b)[i].posts);
          EXPECT_EQ((*a)[i].negative, (*b)[i].negative);
          EXPECT_EQ((*a)[i].positive, (*b)[i].positive);
        }
        non_empty += !a->empty();
      }
  EXPECT_GT(non_empty, 4);
}

TEST_F(Listening, RangesAreCheckedAndBucketsBounded) {
  EXPECT_FALSE(volume(db, {range(kT0, kT0), Grain::day, ""}));
  EXPECT_EQ(bucket_count(kT0, kT0 + kDay, Grain::hour), 24u);
  EXPECT_EQ(bucket_count(kT0, kT0 + kDay + 1, Grain::hour), 25u);
  EXPECT_EQ(bucket_count(kT0 - 1, kT0 + 1, Grain::day), 2u);
  auto v = volume(db, {range(kT0, kT0 + 5001 * kHour), Grain::hour, ""});
  ASSERT_FALSE(v);
  EXPECT_NE(v.message().find("5000"), std::string::npos);
  EXPECT_FALSE(volume(db, {range(kT0, kT0 + kDay), Grain::day, "colour"}));
}

TEST_F(Listening, DrillDownIsNewestFirstPagedAndScoped) {
  PostQuery q;
  q.filter = range(kT0, kT0 + 3 * kDay);
  q.limit = 4;
  auto page = listened_posts(db, q);
  ASSERT_TRUE(page) << page.message();
  ASSERT_EQ(page->posts.size(), 4u);
  EXPECT_TRUE(page->has_more);
  EXPECT_EQ(page->posts[0].author, "user_p2");
  EXPECT_EQ(page->posts[0].source, "reddit");
  EXPECT_EQ(page->posts[0].intent, "praise");
  EXPECT_FALSE(page->posts[0].case_id);
  ASSERT_EQ(page->posts[0].entities.size(), 2u);
  q.offset = 4;
  page = listened_posts(db, q);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->posts.size(), 2u);  // six count; spam and internal never show
  EXPECT_FALSE(page->has_more);

  q = {};
  q.filter = range(kT0, kT0 + kDay);
  q.entity_kind = "product";
  q.entity_name = "Fiber";
  page = listened_posts(db, q);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->posts.size(), 3u);
  q.entity_kind = "own";
  q.filter = range(kT0, kT0 + 3 * kDay);
  EXPECT_EQ(listened_posts(db, q)->posts.size(), 4u);

  // c1's conversation in an HR case: hidden from someone who sees only care, shown to HR and to everyone.
  ASSERT_TRUE(db.exec(
      "INSERT INTO cases (id, kind, status, team, function, priority, source, audience, intent, language, urgency, "
      "first_post_id, opened_at, updated_at) SELECT 7, 'case', 'open', 'people', 'hr', 'normal', 'x', 'public', "
      "'complaint', 'en', 50, id, created_at, created_at FROM posts WHERE external_id = 'c1'; "
      "INSERT INTO case_conversations (conversation_id, case_id) SELECT conversation_id, 7 FROM posts "
      "WHERE external_id = 'c1'"));
  q = {};
  q.filter = range(kT0, kT0 + kDay);
  q.functions = {"care"};
  page = listened_posts(db, q);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->posts.size(), 3u);
  for (const auto& p : page->posts) EXPECT_NE(p.author, "user_c1");
  q.functions = {"hr"};
  page = listened_posts(db, q);
  ASSERT_EQ(page->posts.size(), 4u);
  EXPECT_EQ(page->posts.back().case_id.value_or(0), 7);
  q.functions = {};
  EXPECT_EQ(listened_posts(db, q)->posts.size(), 4u);
}

}  // namespace
}  // namespace parley::listen
