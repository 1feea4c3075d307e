#include "parley/engage/metrics.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "engage_test_util.h"

namespace parley::engage {
namespace {

using testing::kHour;
using testing::kMin;
using testing::kT;

// Seven cases, every figure below worked out by hand from them:
//   A care/ann/x/question     opened T     answered +30min  resolved +5h (staff)     csat 5  sentiment -0.5 -> 0.3
//   B care/bob/x/complaint    opened T+1h  answered +2h     resolved +30h (community) csat 2 -0.2 -> -0.4, reopened
//   C billing/-/reddit/compl. opened T+2h  unanswered, open
//   D billing/cid/reddit/q.   opened T+3h  answered +6h     waiting          (function finance)
//   E care/ann/x/question     opened T+4h  answered +10h    resolved +12h (staff)    csat 4  sentiment 0.1 -> 0.1
//   F care/-/x/question       opened T+5h  merged into A
//   G care/-/x/question       opened T-48h open, queued (outside the range the tests use)
class MetricsTest : public testing::EngageDb {
 protected:
  void SetUp() override {
    EngageDb::SetUp();
    put({testing::post_by("m1", "alice", "Any news?", kT + kHour)});
    a = add_case({.status = "resolved", .assignee = "ann", .opened_at = kT, .first_response_at = kT + 30 * kMin,
                  .resolved_at = kT + 5 * kHour, .resolved_by = "staff", .first_sentiment = -0.5,
                  .last_sentiment = 0.3, .csat = 5, .first_response_due = kT + kHour,
                  .next_response_due = kT + 3 * kHour, .resolution_due = kT + 8 * kHour});
    b = add_case({.status = "resolved", .assignee = "bob", .intent = "complaint", .opened_at = kT + kHour,
                  .first_response_at = kT + 3 * kHour, .resolved_at = kT + 31 * kHour, .resolved_by = "community",
                  .first_sentiment = -0.2, .last_sentiment = -0.4, .reopens = 1, .csat = 2,
                  .first_response_due = kT + 2 * kHour, .resolution_due = kT + 25 * kHour, .sla_breaches = 5});
    c = add_case({.team = "billing", .source = "reddit", .intent = "complaint", .opened_at = kT + 2 * kHour,
                  .first_response_due = kT + 3 * kHour, .resolution_due = kT + 26 * kHour});
    d = add_case({.status = "waiting", .team = "billing", .function = "finance", .assignee = "cid",
                  .source = "reddit", .opened_at = kT + 3 * kHour, .first_response_at = kT + 9 * kHour,
                  .waiting_since = kT + 10 * kHour, .first_response_due = kT + 4 * kHour,
                  .resolution_due = kT + 27 * kHour, .sla_breaches = 1});
    e = add_case({.status = "resolved", .assignee = "ann", .opened_at = kT + 4 * kHour,
                  .first_response_at = kT + 14 * kHour, .resolved_at = kT + 16 * kHour, .resolved_by = "staff",
                  .first_sentiment = 0.1, .last_sentiment = 0.1, .csat = 4, .first_response_due = kT + 16 * kHour,
                  .next_response_due = kT + 16 * kHour, .resolution_due = kT + 28 * kHour});
    f = add_case({.status = "merged", .opened_at = kT + 5 * kHour, .first_response_at = kT + 6 * kHour,
                  .merged_into = a});
    g = add_case({.opened_at = kT - 48 * kHour});

    // Next responses. A: a customer post (stamped 5 minutes after the post was written) answered 10 minutes
    // after it was written, then one answered after 2h.
    event(a, kT + 30 * kMin, "ann", "first_response");
    event(a, kT + kHour + 5 * kMin, "customer", "customer_post",
          R"({"post_id": )" + std::to_string(post("m1").id) + "}");
    event(a, kT + kHour + 10 * kMin, "ann", "response");
    event(a, kT + 2 * kHour, "customer", "customer_post");
    event(a, kT + 4 * kHour, "ann", "response");
    event(b, kT + 3 * kHour, "bob", "first_response");
    event(b, kT + 4 * kHour, "community", "community_reply");
    // E: a post before the first answer (part of the first-response wait), then two posts answered once:
    // the wait runs from the first of them, 45 minutes.
    event(e, kT + 5 * kHour, "customer", "customer_post");
    event(e, kT + 14 * kHour, "ann", "first_response");
    event(e, kT + 15 * kHour, "customer", "customer_post");
    event(e, kT + 15 * kHour + 30 * kMin, "customer", "customer_post");
    event(e, kT + 15 * kHour + 45 * kMin, "ann", "response");
    // F is merged: its history is not counted again.
    event(f, kT + 6 * kHour, "ann", "first_response");
    event(f, kT + 7 * kHour, "customer", "customer_post");
    event(f, kT + 9 * kHour, "ann", "response");

    for (int i = 1001; i <= 1003; ++i) response(i, a, kT, "ann", true);
    response(1004, b, kT, "bob", true);
    response(1005, b, kT, "frank", false, true);
    response(1006, b, kT, "gina", false);
    response(1007, d, kT, "cid", true);
    response(1008, e, kT, "ann", true);
    response(1009, e, kT, "ann", true);
    response(1010, f, kT, "ann", true);
  }

  Metrics run(MetricsQuery q, const BusinessElapsed& business = nullptr) {
    auto m = compute_metrics(db, q, business);
    EXPECT_TRUE(m) << m.message();
    return m ? *m : Metrics{};
  }
  static MetricsQuery in_range() { return {.opened_since = kT, .opened_until = kT + 100 * kHour}; }

  std::int64_t a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0;
};

TEST_F(MetricsTest, CountsAndTimes) {
  Metrics m = run(in_range());
  EXPECT_EQ(m.opened, 6u);
  EXPECT_EQ(m.merged, 1u);
  EXPECT_EQ(m.resolved, 3u);
  EXPECT_EQ(m.backlog, 3u);  // C, D and G: the backlog is now, whenever opened
  EXPECT_EQ(m.queued, 2u);   // C and G

  // First response: 30min, 2h, 6h, 10h.
  EXPECT_EQ(m.first_response.calendar.count, 4u);
  EXPECT_DOUBLE_EQ(m.first_response.calendar.median_ms, 4 * kHour);  // (2h + 6h) / 2
  EXPECT_DOUBLE_EQ(m.first_response.calendar.p90_ms, 10 * kHour);
  EXPECT_DOUBLE_EQ(m.first_response.calendar.mean_ms, 16650000);      // 18.5h / 4
  EXPECT_FALSE(m.first_response.business);

  // Next response: 10min, 2h, 45min.
  EXPECT_EQ(m.next_response.calendar.count, 3u);
  EXPECT_DOUBLE_EQ(m.next_response.calendar.median_ms, 45 * kMin);
  EXPECT_DOUBLE_EQ(m.next_response.calendar.p90_ms, 2 * kHour);
  EXPECT_DOUBLE_EQ(m.next_response.calendar.mean_ms, 3500000);

  // Resolution: 5h, 30h, 12h.
  EXPECT_EQ(m.resolution.calendar.count, 3u);
  EXPECT_DOUBLE_EQ(m.resolution.calendar.median_ms, 12 * kHour);
  EXPECT_DOUBLE_EQ(m.resolution.calendar.p90_ms, 30 * kHour);
  EXPECT_DOUBLE_EQ(m.resolution.calendar.mean_ms, 56400000);

  const auto& bk = m.first_response_buckets;
  EXPECT_EQ(bk.under_1h, 1u);
  EXPECT_EQ(bk.h1_to_4, 1u);
  EXPECT_EQ(bk.h4_to_8, 1u);
  EXPECT_EQ(bk.h8_to_24, 1u);
  EXPECT_EQ(bk.over_24h, 0u);
  EXPECT_EQ(bk.unanswered, 1u);  // C; F is merged
}

TEST_F(MetricsTest, SlaReopensSentimentAnswersCsat) {
  Metrics m = run(in_range());
  const auto& fr = m.sla[0];
  EXPECT_EQ(fr.with_deadline, 5u);
  EXPECT_EQ(fr.met, 2u);       // A, E
  EXPECT_EQ(fr.breached, 2u);  // B, D
  EXPECT_EQ(fr.pending, 1u);   // C, still unanswered
  EXPECT_DOUBLE_EQ(*fr.hit_rate, 0.5);
  const auto& nr = m.sla[1];
  EXPECT_EQ(nr.with_deadline, 2u);
  EXPECT_EQ(nr.met, 2u);
  EXPECT_DOUBLE_EQ(*nr.hit_rate, 1.0);
  const auto& res = m.sla[2];
  EXPECT_EQ(res.with_deadline, 5u);
  EXPECT_EQ(res.met, 2u);      // A, E
  EXPECT_EQ(res.breached, 1u); // B
  EXPECT_EQ(res.pending, 2u);  // C open, D waiting
  EXPECT_DOUBLE_EQ(*res.hit_rate, 2.0 / 3);

  EXPECT_EQ(m.reopened, 1u);
  EXPECT_DOUBLE_EQ(*m.reopen_rate, 1.0 / 3);
  EXPECT_EQ(m.sentiment.cases, 3u);
  EXPECT_NEAR(*m.sentiment.mean_lift, 0.2, 1e-12);  // (0.8 - 0.2 + 0) / 3
  EXPECT_DOUBLE_EQ(*m.sentiment.improved_share, 1.0 / 3);

  EXPECT_EQ(m.answers.staff_responses, 7u);  // not F's: merged
  EXPECT_EQ(m.answers.community_responses, 2u);
  EXPECT_EQ(m.answers.community_accepted, 1u);
  EXPECT_EQ(m.answers.resolved_by_staff, 2u);
  EXPECT_EQ(m.answers.resolved_by_community, 1u);

  EXPECT_EQ(m.csat.count, 3u);
  EXPECT_DOUBLE_EQ(*m.csat.mean, 11.0 / 3);
  EXPECT_DOUBLE_EQ(*m.csat.satisfied_share, 2.0 / 3);
}

TEST_F(MetricsTest, BusinessTimeComesFromTheGivenClock) {
  std::vector<std::pair<std::int64_t, std::int64_t>> calls;
  // A calendar open half of the time.
  Metrics m = run(in_range(), [&](std::int64_t from, std::int64_t to) {
    calls.emplace_back(from, to);
    return (to - from) / 2;
  });
  ASSERT_TRUE(m.first_response.business);
  EXPECT_EQ(m.first_response.business->count, 4u);
  EXPECT_DOUBLE_EQ(m.first_response.business->median_ms, 2 * kHour);
  EXPECT_DOUBLE_EQ(m.first_response.business->p90_ms, 5 * kHour);
  ASSERT_TRUE(m.resolution.business);
  EXPECT_DOUBLE_EQ(m.resolution.business->median_ms, 6 * kHour);
  ASSERT_TRUE(m.next_response.business);
  EXPECT_DOUBLE_EQ(m.next_response.business->median_ms, 45 * kMin / 2);
  // Calendar figures do not change.
  EXPECT_DOUBLE_EQ(m.first_response.calendar.median_ms, 4 * kHour);
  EXPECT_NE(std::find(calls.begin(), calls.end(), std::pair<std::int64_t, std::int64_t>(kT, kT + 30 * kMin)),
            calls.end());
}

TEST_F(MetricsTest, Filters) {
  EXPECT_EQ(run({.team = "billing"}).opened, 2u);
  Metrics ann = run({.assignee = "ann"});
  EXPECT_EQ(ann.opened, 2u);
  EXPECT_EQ(ann.backlog, 0u);
  EXPECT_EQ(ann.next_response.calendar.count, 3u);
  EXPECT_EQ(run({.source = "reddit"}).opened, 2u);
  EXPECT_EQ(run({.intent = "complaint"}).opened, 2u);
  Metrics scoped = run({.functions = {"care"}});
  EXPECT_EQ(scoped.opened, 6u);  // all but D (finance), G included: no range
  EXPECT_EQ(scoped.backlog, 2u);  // C, G
  EXPECT_EQ(scoped.first_response.calendar.count, 3u);
  EXPECT_EQ(run({.functions = {"hr"}}).opened, 0u);
  EXPECT_EQ(run({.opened_since = kT + 3 * kHour}).opened, 3u);  // D, E, F
  EXPECT_EQ(run({.opened_since = kT, .opened_until = kT + kHour}).opened, 1u);  // A
  Metrics everything = run({});
  EXPECT_EQ(everything.opened, 7u);
  EXPECT_EQ(everything.first_response_buckets.unanswered, 2u);  // C, G
}

TEST_F(MetricsTest, EmptyDatabaseGivesZerosNotErrors) {
  Metrics m = run({.team = "nobody"});
  EXPECT_EQ(m.opened, 0u);
  EXPECT_EQ(m.first_response.calendar.count, 0u);
  EXPECT_FALSE(m.sla[0].hit_rate);
  EXPECT_FALSE(m.reopen_rate);
  EXPECT_FALSE(m.csat.mean);
  auto j = to_json(m);
  EXPECT_TRUE(j["first_response"]["calendar"]["median_ms"].is_null());
  EXPECT_TRUE(j["csat"]["mean"].is_null());
}

TEST_F(MetricsTest, GroupByTeamAndAssignee) {
  MetricsQuery q = in_range();
  q.group_by = MetricsGroupBy::team;
  Metrics m = run(q);
  EXPECT_EQ(m.opened, 6u);
  ASSERT_EQ(m.groups.size(), 2u);
  const Metrics& billing = m.groups[0];
  EXPECT_EQ(billing.group, "billing");
  EXPECT_EQ(billing.opened, 2u);
  EXPECT_EQ(billing.first_response.calendar.count, 1u);
  EXPECT_DOUBLE_EQ(billing.first_response.calendar.median_ms, 6 * kHour);
  EXPECT_EQ(billing.first_response_buckets.unanswered, 1u);
  EXPECT_EQ(billing.backlog, 2u);
  EXPECT_EQ(billing.queued, 1u);
  const Metrics& care = m.groups[1];
  EXPECT_EQ(care.group, "care");
  EXPECT_EQ(care.opened, 4u);
  EXPECT_EQ(care.merged, 1u);
  EXPECT_EQ(care.resolved, 3u);
  EXPECT_EQ(care.backlog, 1u);  // G
  EXPECT_EQ(care.queued, 1u);

  q.group_by = MetricsGroupBy::assignee;
  m = run(q);
  ASSERT_EQ(m.groups.size(), 4u);
  EXPECT_EQ(m.groups[0].group, "");  // queued: C and F, with G in the backlog
  EXPECT_EQ(m.groups[0].opened, 2u);
  EXPECT_EQ(m.groups[0].backlog, 2u);
  EXPECT_EQ(m.groups[0].queued, 2u);
  EXPECT_EQ(m.groups[1].group, "ann");
  EXPECT_EQ(m.groups[1].resolved, 2u);
  EXPECT_EQ(m.groups[1].next_response.calendar.count, 3u);
  EXPECT_EQ(m.groups[2].group, "bob");
  EXPECT_EQ(m.groups[2].answers.community_accepted, 1u);
  EXPECT_EQ(m.groups[3].group, "cid");
  EXPECT_EQ(m.groups[3].backlog, 1u);
  EXPECT_EQ(m.groups[3].queued, 0u);

  auto j = to_json(m);
  ASSERT_EQ(j["groups"].size(), 4u);
  EXPECT_EQ(j["groups"][0]["group"], "");
  EXPECT_EQ(j["groups"][1]["group"], "ann");
  EXPECT_EQ(parse_metrics_group_by("intent"), MetricsGroupBy::intent);
  EXPECT_FALSE(parse_metrics_group_by("weekday"));
}

TEST_F(MetricsTest, Json) {
  auto j = to_json(run(in_range()));
  EXPECT_EQ(j["opened"], 6);
  EXPECT_EQ(j["first_response_buckets"]["0-1h"], 1);
  EXPECT_EQ(j["first_response_buckets"]["unanswered"], 1);
  EXPECT_EQ(j["sla"]["first_response"]["hit_rate"], 0.5);
  EXPECT_EQ(j["sla"]["next_response"]["met"], 2);
  EXPECT_EQ(j["first_response"]["calendar"]["median_ms"], 4.0 * kHour);
  EXPECT_TRUE(j["first_response"]["business"].is_null());
  EXPECT_EQ(j["answers"]["resolved_by_community"], 1);
  EXPECT_FALSE(j.contains("groups"));
}

}  // namespace
}  // namespace parley::engage
