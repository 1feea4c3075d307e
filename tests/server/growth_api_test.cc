// Goals, peer feedback and recognition through the real server: who may set and see a goal, who may give
// and read feedback on a reply, and who sees a leaderboard with names. Cases and replies are seeded as the
// engine leaves them; goals and feedback go in through the API.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "live_server.h"
#include "parley/store/sqlite/connection.h"
#include "parley/store/store.h"

namespace parley::server {
namespace {

using nlohmann::json;

constexpr const char* kConfig = R"toml(
[organisation]
name = "Growth Org"

[[functions]]
id = "care"
[[functions]]
id = "hr"

[[teams]]
id = "care"
function = "care"
[[teams]]
id = "people"
function = "hr"

[[employees]]
handle = "ana"
teams = ["care"]
skills = { billing = 3 }

[[employees]]
handle = "bo"
teams = ["care"]

[[employees]]
handle = "lee"
role = "lead"
teams = ["care"]

[[employees]]
handle = "hana"
role = "lead"
teams = ["people"]

[[rules]]
name = "care"
when = { intent = ["complaint", "question"] }
team = "care"
)toml";

constexpr std::int64_t kHour = 3600 * 1000;
constexpr std::int64_t kDay = 24 * kHour;
constexpr std::int64_t kT = 1767225600000;  // 2026-01-01T00:00:00Z

class GrowthApi : public ::testing::Test {
 protected:
  void SetUp() override {
    sqlite::Connection db;
    ASSERT_NO_FATAL_FAILURE(live.open_db(db));
    // Six resolved care cases of ana's, each answered by her reply (post 100 + i), rated 5.
    for (int i = 0; i < 6; ++i) {
      std::int64_t at = kT + i * kHour;
      testing::ResolvedCase c;
      c.assignee = "ana";
      c.intent = "question";
      c.language = "en";
      c.opened_at = at;
      c.first_response_at = at + kHour / 2;
      c.first_response_due = at + kHour;
      c.resolved_at = at + kHour;
      c.first_sentiment = -0.2;
      c.last_sentiment = 0.4;
      c.csat = 5;
      ASSERT_EQ(testing::add_resolved_case(db, c), i + 1);
      ASSERT_TRUE(db.exec("INSERT INTO case_responses(post_id, case_id, at, responder, by_staff) VALUES(" +
                           std::to_string(100 + i) + ", " + std::to_string(i + 1) + ", " + std::to_string(at + kHour / 2) +
                           ", 'ana', 1)"));
    }
    ASSERT_NO_FATAL_FAILURE(live.start(kConfig, {{"admin", Role::admin},
                                                 {"ana", Role::agent},
                                                 {"bo", Role::agent},
                                                 {"lee", Role::lead},
                                                 {"hana", Role::lead},
                                                 {"nia", Role::analyst}}));
  }

  json csat_goal() {
    return {{"metric", "csat_average"}, {"target", 4.5}, {"starts_at", kT}, {"ends_at", kT + 30 * kDay}};
  }

  testing::LiveServer live;
};

TEST_F(GrowthApi, APersonAndTheirLeadSetGoalsOthersMayNot) {
  json g = live.post("/api/v1/people/ana/goals", csat_goal().dump(), "ana", 201);
  EXPECT_EQ(g["set_by"], "ana");
  EXPECT_EQ(g["description"], "Average CSAT of 4.5 or better");
  EXPECT_EQ(g["progress"]["status"], "met") << g.dump();
  EXPECT_EQ(g["progress"]["cases"], 6);
  json by_lead = live.post("/api/v1/people/ana/goals",
                           json({{"metric", "first_response_within"}, {"target", 0.9}, {"within_min", 30}}).dump(), "lee", 201);
  EXPECT_EQ(by_lead["set_by"], "lee");
  EXPECT_EQ(by_lead["ends_at"].get<std::int64_t>() - by_lead["starts_at"].get<std::int64_t>(), 30 * kDay)
      << "default period: 30 days from today";
  live.post("/api/v1/people/ana/goals", csat_goal().dump(), "bo", 403);    // a teammate
  live.post("/api/v1/people/ana/goals", csat_goal().dump(), "hana", 403);  // another team's lead
  live.get("/api/v1/people/ana/goals", "nia", 403);                        // analysts: aggregates only
  json list = live.get("/api/v1/people/ana/goals", "lee");
  ASSERT_EQ(list["goals"].size(), 2u);
  EXPECT_FALSE(list["metrics"].empty());
  live.del("/api/v1/people/ana/goals/" + std::to_string(by_lead["id"].get<int>()), "ana");
  EXPECT_EQ(live.get("/api/v1/people/ana/goals", "ana")["goals"].size(), 1u);
  live.del("/api/v1/people/bo/goals/" + std::to_string(g["id"].get<int>()), "admin", 404);  // not bo's
}

TEST_F(GrowthApi, BadGoalsAreRefusedWithWhatToChange) {
  json e = live.post("/api/v1/people/ana/goals", json({{"metric", "tweets"}, {"target", 5}}).dump(), "ana", 400);
  EXPECT_NE(e["error"]["message"].get<std::string>().find("first_response_within"), std::string::npos);
  e = live.post("/api/v1/people/ana/goals",
                json({{"metric", "first_response_within"}, {"target", 90}, {"within_min", 30}}).dump(), "ana", 400);
  EXPECT_NE(e["error"]["message"].get<std::string>().find("0.9 for 90%"), std::string::npos);
  live.post("/api/v1/people/ana/goals", json({{"metric", "first_response_within"}, {"target", 0.9}}).dump(), "ana", 400);
  live.post("/api/v1/people/ana/goals", json({{"metric", "kudos_received"}, {"target", 3}, {"starts_at", "yesterday"}}).dump(),
            "ana", 400);
}

TEST_F(GrowthApi, KudosOncePerColleagueCommentsOnlyForTheRecipientAndTheirLead) {
  json k = live.post("/api/v1/cases/1/replies/100/feedback", R"({"kind": "kudos"})", "bo", 201);
  EXPECT_EQ(k["to"], "ana");
  live.post("/api/v1/cases/1/replies/100/feedback", R"({"kind": "kudos"})", "bo", 409);
  live.post("/api/v1/cases/1/replies/100/feedback", R"({"kind": "kudos"})", "ana", 403);  // her own reply
  live.post("/api/v1/cases/1/replies/999/feedback", R"({"kind": "kudos"})", "bo", 404);
  live.post("/api/v1/cases/1/replies/100/feedback", R"({"kind": "kudos"})", "hana", 404);  // an HR lead: case unseen
  live.post("/api/v1/cases/1/replies/100/feedback", R"({"kind": "kudos"})", "nia", 403);   // analysts do not work cases
  live.post("/api/v1/cases/1/replies/100/feedback", R"({"kind": "comment", "text": ""})", "lee", 400);
  live.post("/api/v1/cases/1/replies/100/feedback",
            R"({"kind": "comment", "text": "Link the billing FAQ next time."})", "lee", 201);

  json seen_by_bo = live.get("/api/v1/cases/1/feedback", "bo");
  ASSERT_EQ(seen_by_bo["replies"].size(), 1u);
  EXPECT_EQ(seen_by_bo["replies"][0]["kudos"], 1);
  EXPECT_EQ(seen_by_bo["replies"][0]["kudos_from_me"], true);
  EXPECT_TRUE(seen_by_bo["replies"][0]["comments"].empty()) << "lee's comment is for ana";
  json seen_by_ana = live.get("/api/v1/cases/1/feedback", "ana");
  ASSERT_EQ(seen_by_ana["replies"][0]["comments"].size(), 1u);
  EXPECT_EQ(seen_by_ana["replies"][0]["kudos_from_me"], false);

  json mine = live.get("/api/v1/people/ana/feedback", "ana");
  EXPECT_EQ(mine["kudos"], 1);
  EXPECT_EQ(mine["comments"], 1);
  live.get("/api/v1/people/ana/feedback", "lee");
  live.get("/api/v1/people/ana/feedback", "bo", 403);
  live.get("/api/v1/people/ana/feedback", "nia", 403);

  // Kudos are evidence on the case they were given on.
  json cases = live.get("/api/v1/people/ana/profile/skills/question-answering/cases", "ana");
  bool kudos_part = false;
  for (const auto& c : cases["cases"])
    if (c["case_id"] == 1) kudos_part = c["parts"]["peer_kudos"] == 1.0;
  EXPECT_TRUE(kudos_part) << cases.dump();
}

TEST_F(GrowthApi, LeaderboardNamedForTheTeamAggregateForAnalystsBreakdownForSelfAndLeads) {
  live.post("/api/v1/cases/1/replies/100/feedback", R"({"kind": "kudos"})", "bo", 201);
  const std::string range = "?since=" + std::to_string(kT - kDay) + "&until=" + std::to_string(kT + 30 * kDay);
  json mine = live.get("/api/v1/people/ana/recognition" + range, "ana");
  EXPECT_GT(mine["points"].get<int>(), 0);
  bool customer_favourite = false;
  for (const auto& b : mine["badges"]) customer_favourite |= b["id"] == "customer-favourite" && b["earned"] == true;
  EXPECT_TRUE(customer_favourite) << mine.dump();
  EXPECT_TRUE(mine.contains("rules"));
  live.get("/api/v1/people/ana/recognition", "bo", 403);

  json board = live.get("/api/v1/teams/care/leaderboard" + range, "bo");
  EXPECT_EQ(board["view"], "members");
  ASSERT_EQ(board["leaderboard"].size(), 3u);
  EXPECT_EQ(board["leaderboard"][0]["handle"], "ana");
  EXPECT_FALSE(board["leaderboard"][0].contains("lines")) << "teammates see points and badges, not the breakdown";
  json by_lead = live.get("/api/v1/teams/care/leaderboard" + range, "lee");
  EXPECT_TRUE(by_lead["leaderboard"][0].contains("lines"));
  json agg = live.get("/api/v1/teams/care/leaderboard" + range, "nia");
  EXPECT_EQ(agg["view"], "aggregate");
  EXPECT_EQ(agg.dump().find("ana"), std::string::npos);
  live.get("/api/v1/teams/care/leaderboard", "hana", 403);
  live.get("/api/v1/teams/care/leaderboard?period=week", "lee", 400);
  EXPECT_EQ(live.get("/api/v1/teams/care/leaderboard?period=7d", "lee")["leaderboard"].size(), 3u);
  live.get("/api/v1/teams/nowhere/leaderboard", "admin", 404);
}

}  // namespace
}  // namespace parley::server
