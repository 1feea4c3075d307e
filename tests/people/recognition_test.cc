// Recognition: points only for outcomes, the caps that keep volume and kudos-trading from climbing the
// board, badges with their thresholds, and a ranked leaderboard.
#include <gtest/gtest.h>

#include "../engage/engage_test_util.h"
#include "parley/people/recognition.h"
#include "parley/people/social_goals.h"

namespace parley::people {
namespace {

using engage::testing::CaseRow;
using engage::testing::kHour;
using engage::testing::kMin;
using engage::testing::kT;

constexpr std::int64_t kDay = 24 * kHour;

EngageConfig org() {
  EngageConfig c;
  c.teams.push_back({"care", "Care", "care", AssignStrategy::skills, ""});
  for (const char* h : {"ana", "bo", "cy"}) {
    EmployeeDef e;
    e.handle = h;
    e.name = std::string(h) + " name";
    e.teams = {"care"};
    c.employees.push_back(e);
  }
  return c;
}

class Recognise : public engage::testing::EngageDb {
 protected:
  // A resolved case: a good one (SLA met, happier customer) unless `good` is false (breached, angrier).
  std::int64_t resolved(const std::string& who, std::int64_t at, bool good = true, std::optional<int> csat = {},
                        const std::string& intent = "question") {
    CaseRow r;
    r.status = "resolved";
    r.assignee = who;
    r.intent = intent;
    r.opened_at = at - kHour;
    r.first_response_at = at - 30 * kMin;
    r.first_response_due = at;
    r.resolved_at = at;
    r.resolved_by = "staff";
    r.first_sentiment = -0.4;
    r.last_sentiment = good ? 0.4 : -0.8;
    r.sla_breaches = good ? 0 : 1;
    r.csat = csat;
    return add_case(r);
  }
  Recognition of(const std::string& who, std::int64_t since = kT - kDay, std::int64_t until = kT + 40 * kDay) {
    auto r = recognise(db, config, {who}, since, until, until);
    EXPECT_TRUE(r) << r.message();
    return r ? r->front() : Recognition{};
  }
  static const PointLine& line(const Recognition& r, const std::string& reason) {
    for (const auto& l : r.lines)
      if (l.reason == reason) return l;
    static PointLine none;
    return none;
  }
  static const Badge& badge(const Recognition& r, const std::string& id) {
    for (const auto& b : r.badges)
      if (b.id == id) return b;
    static Badge none;
    return none;
  }
  void kudos(std::int64_t post, std::int64_t case_id, const std::string& to, const std::string& from, std::int64_t at) {
    exec("INSERT INTO peer_feedback(post_id, case_id, to_handle, from_user, kind, created_at) VALUES (" +
         std::to_string(post) + ", " + std::to_string(case_id) + ", '" + to + "', '" + from + "', 'kudos', " +
         std::to_string(at) + ")");
  }
  EngageConfig config = org();
};

TEST_F(Recognise, OnlyGoodOutcomesScoreAndADaysResolvedPointsAreCapped) {
  for (int i = 0; i < 3; ++i) resolved("ana", kT + i * kHour, false);  // bad outcomes: nothing
  EXPECT_EQ(of("ana").points, 0) << "volume alone earns nothing";
  for (int i = 0; i < 15; ++i) resolved("ana", kT + kDay + i * kMin);  // 15 good ones in one day
  Recognition r = of("ana");
  EXPECT_EQ(line(r, "resolved_well").count, kMaxResolvedPerDay);
  EXPECT_EQ(line(r, "resolved_well").not_scored, 15 - kMaxResolvedPerDay);
  EXPECT_EQ(r.points, kMaxResolvedPerDay * kPointsResolvedWell);
  resolved("ana", kT + 2 * kDay);  // the next day scores again
  EXPECT_EQ(of("ana").points, (kMaxResolvedPerDay + 1) * kPointsResolvedWell);
  std::int64_t reopened = resolved("bo", kT);
  exec("UPDATE cases SET reopens = 1 WHERE id = " + std::to_string(reopened));
  EXPECT_EQ(line(of("bo"), "resolved_well").count, 0) << "a reopened case did not stay solved";
}

TEST_F(Recognise, CustomersPraiseTurnaroundsAndAcceptedAnswersScore) {
  resolved("ana", kT, true, 5, "complaint");
  Recognition r = of("ana");
  EXPECT_EQ(line(r, "delighted").count, 1);
  EXPECT_EQ(line(r, "turnaround").count, 1) << "a complaint whose customer went from -0.4 to 0.4";
  EXPECT_EQ(r.points, kPointsResolvedWell + kPointsDelighted + kPointsTurnaround);
  std::int64_t c = resolved("ana", kT + kHour);
  exec("UPDATE cases SET resolved_by = 'community' WHERE id = " + std::to_string(c));
  response(700, c, kT, "bo", false, true);
  Recognition bo = of("bo");
  EXPECT_EQ(line(bo, "accepted_answer").count, 1);
  EXPECT_EQ(line(bo, "accepted_answer").case_ids, std::vector<std::int64_t>{c});
  EXPECT_EQ(bo.points, kPointsAccepted);
}

text::Analysis said(text::Intent intent) {
  text::Analysis a;
  a.language = "en";
  a.intent.label = intent;
  return a;
}

TEST_F(Recognise, PraiseFromTheCustomerAfterTheAnswerScoresOncePerCase) {
  using engage::testing::post_by;
  // A complaint answered at kT - 30 min; the customer thanks us twice afterwards.
  put({post_by("c1", "cust", "my bill is wrong", kT - kHour), post_by("c2", "cust", "thanks, sorted!", kT - 20 * kMin, "c1"),
       post_by("c3", "cust", "you are the best", kT - 10 * kMin, "c1")},
      {said(text::Intent::complaint), said(text::Intent::praise), said(text::Intent::praise)});
  std::int64_t answered = resolved("ana", kT, false);
  link(answered, post("c1").conversation_id);
  // Praise that came before any answer is not praise for the answer.
  put({post_by("d1", "cust2", "love the new app", kT - kHour)}, {said(text::Intent::praise)});
  std::int64_t early = resolved("bo", kT, false);
  exec("UPDATE cases SET first_response_at = " + std::to_string(kT) + " WHERE id = " + std::to_string(early));
  link(early, post("d1").conversation_id);
  Recognition ana = of("ana");
  EXPECT_EQ(line(ana, "praised").count, 1) << "once per case";
  EXPECT_EQ(line(ana, "praised").case_ids, std::vector<std::int64_t>{answered});
  EXPECT_EQ(ana.points, kPointsPraised) << "the outcome was bad otherwise: praise alone";
  EXPECT_EQ(line(of("bo"), "praised").count, 0);
}

TEST_F(Recognise, KudosAreCappedPerColleagueAndSelfUseOfKnowledgeIsNotReuse) {
  std::int64_t c = resolved("ana", kT, false);
  for (int i = 0; i < 5; ++i) kudos(800 + i, c, "ana", "bo", kT + i);  // bo keeps pressing
  kudos(810, c, "ana", "cy", kT + 10);
  Recognition r = of("ana");
  EXPECT_EQ(line(r, "kudos").count, kMaxKudosPerGiver + 1);
  EXPECT_EQ(line(r, "kudos").not_scored, 5 - kMaxKudosPerGiver);
  EXPECT_EQ(badge(r, "team-player").have, 2) << "two different colleagues";
  EXPECT_FALSE(badge(r, "team-player").earned);

  exec("INSERT INTO knowledge(id, title, body, author, created_at) VALUES (1, 't', 'b', 'ana', 0)");
  exec("INSERT INTO knowledge_uses(article_id, case_id, user_name, at) VALUES (1, 11, 'ana', " + std::to_string(kT) +
       "), (1, 12, 'bo', " + std::to_string(kT) + "), (1, 12, 'cy', " + std::to_string(kT) + "), (1, 13, 'cy', " +
       std::to_string(kT) + ")");
  EXPECT_EQ(line(of("ana"), "knowledge_reused").count, 2) << "cases 12 and 13; her own use on 11 does not count";
}

TEST_F(Recognise, GoalsMetScoreInThePeriodTheyEnd) {
  for (int i = 0; i < 5; ++i) resolved("ana", kT + i * kHour, true, 5);
  Goal g;
  g.handle = "ana";
  g.metric = GoalMetric::csat_average;
  g.target = 4.5;
  g.starts_at = kT - kDay;
  g.ends_at = kT + 7 * kDay;
  g.set_by = "lee";
  ASSERT_TRUE(add_goal(db, g, kT));
  EXPECT_EQ(line(of("ana", kT - kDay, kT + 5 * kDay), "goal_met").count, 0) << "not over yet";
  Recognition r = of("ana", kT, kT + 8 * kDay);
  EXPECT_EQ(line(r, "goal_met").count, 1);
  EXPECT_TRUE(badge(r, "goal-getter").earned);
  EXPECT_TRUE(badge(r, "customer-favourite").earned);
  EXPECT_EQ(line(of("ana", kT + 8 * kDay, kT + 20 * kDay), "goal_met").count, 0) << "counted once, when it ended";
}

TEST_F(Recognise, LeaderboardRanksTiesTogetherAndAggregatesNameNobody) {
  resolved("ana", kT, true, 5);
  resolved("bo", kT, true, 5);
  auto board = leaderboard(db, config, "care", kT - kDay, kT + kDay, kT + kDay);
  ASSERT_TRUE(board) << board.message();
  ASSERT_EQ(board->size(), 3u);
  EXPECT_EQ((*board)[0].handle, "ana");
  EXPECT_EQ((*board)[0].rank, 1);
  EXPECT_EQ((*board)[1].rank, 1) << "a tie shares the rank";
  EXPECT_EQ((*board)[2].handle, "cy");
  EXPECT_EQ((*board)[2].rank, 3);
  auto agg = aggregate_json(*board);
  EXPECT_EQ(agg["members"], 3);
  EXPECT_EQ(agg["points_total"], 2 * (kPointsResolvedWell + kPointsDelighted));
  EXPECT_EQ(agg.dump().find("ana"), std::string::npos);
  auto lone = aggregate_json({(*board)[0]});
  EXPECT_TRUE(lone["points_median"].is_null()) << "one person's median is that person's score";
}

}  // namespace
}  // namespace parley::people
