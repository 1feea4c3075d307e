// Social goals: validation that says what to change, and progress computed from the cases: a share with a
// minimum sample, misses counted once a limit has passed, counts, an "at most" metric, and the period.
#include <gtest/gtest.h>

#include "../engage/engage_test_util.h"
#include "parley/people/social_goals.h"

namespace parley::people {
namespace {

using engage::testing::CaseRow;
using engage::testing::kHour;
using engage::testing::kMin;
using engage::testing::kT;

constexpr std::int64_t kDay = 24 * kHour;

class Goals : public engage::testing::EngageDb {
 protected:
  // A case of ana's opened at `at`, first answered after `minutes` (none: unanswered).
  std::int64_t answered(std::int64_t at, std::optional<int> minutes, bool resolved = true) {
    CaseRow r;
    r.assignee = "ana";
    r.opened_at = at;
    if (minutes) r.first_response_at = at + *minutes * kMin;
    if (resolved && minutes) {
      r.status = "resolved";
      r.resolved_at = at + (*minutes + 60) * kMin;
      r.resolved_by = "staff";
      r.csat = 4;
      r.first_sentiment = -0.5;
      r.last_sentiment = 0.3;
    }
    return add_case(r);
  }
  Goal goal(GoalMetric m, double target, std::optional<std::int64_t> within = std::nullopt) {
    Goal g;
    g.handle = "ana";
    g.metric = m;
    g.target = target;
    g.within_min = within;
    g.starts_at = kT;
    g.ends_at = kT + 30 * kDay;
    g.set_by = "ana";
    return g;
  }
  GoalProgress progress(const Goal& g, std::int64_t now) {
    auto p = goal_progress(db, g, now);
    EXPECT_TRUE(p) << p.message();
    return p ? *p : GoalProgress{};
  }
};

TEST_F(Goals, ValidationSaysWhatToChange) {
  EXPECT_TRUE(validate_goal(goal(GoalMetric::first_response_within, 0.9, 30)));
  auto pct = validate_goal(goal(GoalMetric::first_response_within, 90, 30));
  ASSERT_FALSE(pct);
  EXPECT_NE(pct.message().find("0.9 for 90%"), std::string::npos) << pct.message();
  EXPECT_FALSE(validate_goal(goal(GoalMetric::first_response_within, 0.9)));  // no limit
  EXPECT_FALSE(validate_goal(goal(GoalMetric::csat_average, 4.5, 30)));       // a limit it does not take
  EXPECT_FALSE(validate_goal(goal(GoalMetric::csat_average, 6)));
  EXPECT_FALSE(validate_goal(goal(GoalMetric::kudos_received, 2.5)));
  Goal backwards = goal(GoalMetric::kudos_received, 3);
  backwards.ends_at = backwards.starts_at;
  EXPECT_FALSE(validate_goal(backwards));
  Goal long_one = goal(GoalMetric::kudos_received, 3);
  long_one.ends_at = long_one.starts_at + 400 * kDay;
  EXPECT_FALSE(validate_goal(long_one));
  EXPECT_FALSE(goal_metric("tweets_sent")) << "volume is not a goal";
}

TEST_F(Goals, FirstResponseShareNeedsFiveCasesAndCountsOverdueUnansweredCasesAsMisses) {
  Goal g = goal(GoalMetric::first_response_within, 0.8, 30);
  for (int i = 0; i < 4; ++i) answered(kT + i * kHour, 10);
  EXPECT_EQ(progress(g, kT + kDay).status, "not_enough_data") << "4 cases say nothing yet";
  answered(kT + 5 * kHour, 45);  // too slow
  GoalProgress p = progress(g, kT + kDay);
  EXPECT_EQ(p.cases, 5);
  EXPECT_DOUBLE_EQ(*p.value, 0.8);
  EXPECT_EQ(p.status, "on_track");
  // Unanswered for longer than the limit: a miss already. Unanswered but still inside it: not judged.
  answered(kT + 6 * kHour, std::nullopt);
  answered(kT + kDay - 10 * kMin, std::nullopt);
  p = progress(g, kT + kDay);
  EXPECT_EQ(p.cases, 6);
  EXPECT_NEAR(*p.value, 4.0 / 6, 1e-12);
  EXPECT_EQ(p.status, "behind");
  EXPECT_EQ(progress(g, kT + 31 * kDay).status, "missed") << "the period is over";
  // Cases outside the period do not count.
  for (int i = 0; i < 10; ++i) answered(kT + 40 * kDay + i, 5);
  EXPECT_EQ(progress(g, kT + 31 * kDay).cases, 7) << "the second unanswered case is overdue by the end";
}

TEST_F(Goals, MeansCountsAndAtMostMetrics) {
  for (int i = 0; i < 5; ++i) answered(kT + i * kHour, 10);
  EXPECT_EQ(progress(goal(GoalMetric::csat_average, 4.0), kT + 31 * kDay).status, "met");
  EXPECT_EQ(progress(goal(GoalMetric::csat_average, 4.5), kT + 31 * kDay).status, "missed");
  EXPECT_NEAR(*progress(goal(GoalMetric::sentiment_lift, 0.5), kT + kDay).value, 0.8, 1e-12);
  EXPECT_EQ(progress(goal(GoalMetric::reopen_rate, 0.1), kT + 31 * kDay).status, "met");
  exec("UPDATE cases SET reopens = 1 WHERE id IN (SELECT id FROM cases LIMIT 2)");
  EXPECT_EQ(progress(goal(GoalMetric::reopen_rate, 0.1), kT + 31 * kDay).status, "missed");
  EXPECT_EQ(progress(goal(GoalMetric::sla_hit_rate, 0.9), kT + 31 * kDay).status, "met");

  Goal kudos = goal(GoalMetric::kudos_received, 2);
  EXPECT_EQ(progress(kudos, kT + 20 * kDay).status, "behind") << "two thirds of the period gone, none yet";
  exec("INSERT INTO peer_feedback(post_id, case_id, to_handle, from_user, kind, created_at) VALUES (1, 1, 'ana', 'bo', 'kudos', " +
       std::to_string(kT + kDay) + "), (2, 1, 'ana', 'cy', 'kudos', " + std::to_string(kT + 2 * kDay) + ")");
  GoalProgress k = progress(kudos, kT + 3 * kDay);
  EXPECT_EQ(k.status, "met") << "a count reached is met before the period ends";
  EXPECT_DOUBLE_EQ(*k.value, 2);
  EXPECT_EQ(progress(kudos, kT - kDay).status, "upcoming");
}

TEST_F(Goals, StoredListedAndDescribed) {
  auto saved = add_goal(db, goal(GoalMetric::first_response_within, 0.9, 30), kT);
  ASSERT_TRUE(saved) << saved.message();
  EXPECT_GT(saved->id, 0);
  EXPECT_EQ(describe(*saved), "First response within 30 min on 90% of my cases");
  EXPECT_EQ(describe(goal(GoalMetric::resolution_within, 0.75, 24 * 60)), "Resolve 75% of my cases within 1 day");
  auto bad = add_goal(db, goal(GoalMetric::csat_average, 9), kT);
  EXPECT_FALSE(bad) << "add_goal validates too";
  auto list = list_goals(db, "ana");
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(*(*list)[0].within_min, 30);
  EXPECT_TRUE(list_goals(db, "ana", kT + 40 * kDay)->empty()) << "not active then";
  EXPECT_EQ(list_goals(db, "ana", kT + kDay)->size(), 1u);
  ASSERT_TRUE(delete_goal(db, saved->id));
  EXPECT_FALSE(*find_goal(db, saved->id));
}

}  // namespace
}  // namespace parley::people
