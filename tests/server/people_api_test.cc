// The people routes through the real server: who may see whose skill profile, drill-down, team matrix and
// gaps. A profile is about a person, so the rules are the point: yourself; a lead their teams' members; an
// admin everyone; an analyst aggregates that name nobody.
#include <httplib.h>

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "../process_util.h"
#include "../test_util.h"
#include "live_server.h"
#include "parley/auth/user_store.h"
#include "parley/server/http_server.h"
#include "parley/store/sqlite/connection.h"
#include "parley/store/store.h"

namespace parley::server {
namespace {

using nlohmann::json;
using parley::testing::TempDir;

constexpr const char* kConfig = R"toml(
[organisation]
name = "Test Org"

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
role = "agent"
teams = ["care"]
skills = { billing = 4, spanish = 2 }
languages = ["en", "es"]
capacity = 5

[[employees]]
handle = "lee"
role = "lead"
teams = ["care"]
skills = { billing = 5, spanish = 5 }
languages = ["en"]
capacity = 5

[[employees]]
handle = "hana"
role = "lead"
teams = ["people"]
skills = { hr-policy = 5 }
languages = ["en"]

[[employees]]
handle = "nia"
role = "analyst"
teams = ["people"]
skills = { hr-policy = 3 }

[[rules]]
name = "care"
when = { intent = ["complaint", "question"] }
team = "care"
)toml";

constexpr std::int64_t kHour = 3600 * 1000;
constexpr std::int64_t kT = 1767225600000;  // 2026-01-01T00:00:00Z

class PeopleApi : public ::testing::Test {
 protected:
  void SetUp() override {
    sqlite::Connection db;
    ASSERT_NO_FATAL_FAILURE(live.open_db(db));
    // Six resolved Spanish billing complaints answered by ana, all well; one by lee.
    for (int i = 0; i < 7; ++i) {
      std::string who = i < 6 ? "ana" : "lee";
      std::int64_t at = kT + i * kHour;
      testing::ResolvedCase c;
      c.assignee = who;
      c.opened_at = at;
      c.first_response_at = at + kHour / 2;
      c.first_response_due = at + kHour;
      c.resolved_at = at + kHour;
      c.first_sentiment = -0.5;
      c.last_sentiment = 0.5;
      c.csat = 5;
      c.required_skills = R"({"billing": 3})";
      testing::add_resolved_case(db, c);
    }
    ASSERT_NO_FATAL_FAILURE(live.start(kConfig, {{"admin", Role::admin},
                                                 {"ana", Role::agent},
                                                 {"lee", Role::lead},
                                                 {"hana", Role::lead},
                                                 {"nia", Role::analyst}}));
  }

  json post(const std::string& path, const std::string& body, const std::string& user, int expect = 200) {
    return live.post(path, body, user, expect);
  }
  json get(const std::string& path, const std::string& user, int expect = 200) { return live.get(path, user, expect); }

  testing::LiveServer live;
  const TempDir& dir = live.dir;
};

json skill(const json& profile, const std::string& name) {
  for (const auto& s : profile["skills"])
    if (s["skill"] == name) return s;
  return {};
}

TEST_F(PeopleApi, EveryoneSeesTheirOwnProfileWithMeasuredAndDeclaredLevels) {
  json p = get("/api/v1/people/ana/profile", "ana");
  EXPECT_EQ(p["handle"], "ana");
  EXPECT_EQ(p["cases"], 6);
  json billing = skill(p, "billing");
  EXPECT_EQ(billing["declared"], 4);
  EXPECT_EQ(billing["status"], "measured");
  EXPECT_GT(billing["measured"].get<double>(), 4.0);
  EXPECT_EQ(billing["estimate"]["n"], 6);
  EXPECT_EQ(skill(p, "spanish")["declared"], 2);
  EXPECT_GT(skill(p, "spanish")["gap"].get<double>(), 1.0) << "measured well above the declared 2";
  // One case is not enough to say anything confident about lee.
  json lee = get("/api/v1/people/lee/profile", "lee");
  EXPECT_EQ(skill(lee, "billing")["status"], "not enough evidence");
  EXPECT_TRUE(skill(lee, "billing")["measured"].is_null());
  // An analyst's own profile is theirs to see too.
  get("/api/v1/people/nia/profile", "nia");
}

TEST_F(PeopleApi, LeadsSeeTheirTeamsMembersAndNobodyElse) {
  get("/api/v1/people/ana/profile", "lee");              // lead of care
  get("/api/v1/people/ana/profile", "hana", 403);        // lead of another team
  get("/api/v1/people/hana/profile", "lee", 403);
  get("/api/v1/people/lee/profile", "ana", 403);         // an agent sees only themselves
  get("/api/v1/people/ana/profile", "admin");
  get("/api/v1/people/ghost/profile", "admin", 404);
  // The same 403 for someone who does not exist, so the route does not list the staff.
  get("/api/v1/people/ghost/profile", "ana", 403);
}

TEST_F(PeopleApi, AnalystsGetNoPersonalProfileOrDrillDown) {
  json e = get("/api/v1/people/ana/profile", "nia", 403);
  EXPECT_EQ(e["error"]["code"], "forbidden");
  get("/api/v1/people/ana/profile/skills/billing/cases", "nia", 403);
}

TEST_F(PeopleApi, DrillDownListsTheCasesBehindAFigure) {
  json d = get("/api/v1/people/ana/profile/skills/billing/cases", "lee");
  EXPECT_EQ(d["skill"], "billing");
  ASSERT_EQ(d["cases"].size(), 6u);
  EXPECT_EQ(d["figure"]["estimate"]["n"], 6);
  EXPECT_GE(d["cases"][0]["resolved_at"].get<std::int64_t>(), d["cases"][5]["resolved_at"].get<std::int64_t>());
  EXPECT_DOUBLE_EQ(d["cases"][0]["parts"]["csat"].get<double>(), 1.0);
  EXPECT_EQ(get("/api/v1/people/ana/profile/skills/billing/cases", "ana")["cases"].size(), 6u);
  get("/api/v1/people/ana/profile/skills/billing/cases", "hana", 403);
  EXPECT_TRUE(get("/api/v1/people/ana/profile/skills/hr-policy/cases", "ana")["cases"].empty());
}

TEST_F(PeopleApi, TeamSkillsNamedForLeadAndAdminAggregateForAnalysts) {
  json m = get("/api/v1/teams/care/skills", "lee");
  EXPECT_EQ(m["view"], "members");
  ASSERT_EQ(m["members"].size(), 2u);
  EXPECT_EQ(m["members"][0]["handle"], "ana");
  EXPECT_EQ(m["members"][0]["cells"]["billing"]["declared"], 4);
  get("/api/v1/teams/care/skills", "admin");
  json a = get("/api/v1/teams/care/skills", "nia");
  EXPECT_EQ(a["view"], "aggregate");
  std::string text = a.dump();
  EXPECT_EQ(text.find("ana"), std::string::npos) << text;
  EXPECT_EQ(text.find("lee"), std::string::npos) << text;
  bool billing = false;
  for (const auto& row : a["skills"])
    if (row["skill"] == "billing") {
      billing = true;
      EXPECT_EQ(row["members_declared"], 2);
      EXPECT_DOUBLE_EQ(row["mean_declared"].get<double>(), 4.5);
    }
  EXPECT_TRUE(billing);
  get("/api/v1/teams/care/skills", "ana", 403);
  get("/api/v1/teams/care/skills", "hana", 403);
  get("/api/v1/teams/nowhere/skills", "admin", 404);
}

TEST_F(PeopleApi, TeamGapsNamedForLeadsAggregateForAnalysts) {
  json g = get("/api/v1/teams/care/gaps", "lee");
  EXPECT_EQ(g["view"], "members");
  EXPECT_EQ(g["cases"], 7) << "default range: the 30 days up to the team's latest case";
  bool spanish = false;
  for (const auto* list : {&g["shortages"], &g["cells"]})
    for (const auto& c : *list)
      if (c["skill"] == "spanish") {
        spanish = true;
        EXPECT_TRUE(c.contains("supply"));
      }
  EXPECT_TRUE(spanish);
  json a = get("/api/v1/teams/care/gaps", "nia");
  EXPECT_EQ(a["view"], "aggregate");
  std::string text = a.dump();
  EXPECT_EQ(text.find("\"ana\""), std::string::npos) << text;
  EXPECT_EQ(text.find("lee"), std::string::npos) << text;
  get("/api/v1/teams/care/gaps", "ana", 403);
  get("/api/v1/teams/care/gaps", "hana", 403);
  get("/api/v1/teams/care/gaps?since=nonsense", "lee", 400);
}

const char* kJd =
    "We are a young and dynamic team looking for a competitive, dominant self-starter.\n\n"
    "You will plan social media marketing campaigns, create content for Instagram, track key performance "
    "indicators and use Hootsuite every day. Native English speaker.\n";

TEST_F(PeopleApi, JdAnalyzeFlagsWordingAndListsSkillsForAnySignedInRole) {
  json r = post("/api/v1/jd/analyze", json({{"text", kJd}, {"title", "Social Media Manager"}}).dump(), "ana");
  EXPECT_EQ(r["title"], "Social Media Manager");
  std::set<std::string> ids;
  for (const auto& s : r["skills"]) ids.insert(s["id"].get<std::string>());
  EXPECT_TRUE(ids.count("hootsuite")) << r["skills"].dump();
  EXPECT_TRUE(ids.count("plan-social-media-marketing-campaigns")) << r["skills"].dump();
  EXPECT_GT(r["by_type"]["tool_knowledge"].get<int>(), 0);
  EXPECT_TRUE(r["balance"].is_number());
  ASSERT_TRUE(r["nearest_occupation"].is_object());
  EXPECT_TRUE(r["nearest_occupation"]["missing_essential"].is_array());
  EXPECT_EQ(r["gender_coding"]["verdict"], "masculine-coded");
  bool competitive = false;
  for (const auto& w : r["gender_coding"]["words"]) competitive |= w["word"] == "competitive";
  EXPECT_TRUE(competitive) << r["gender_coding"].dump();
  bool native = false;
  for (const auto& e : r["exclusionary"]) native |= e["text"] == "Native English speaker";
  EXPECT_TRUE(native) << r["exclusionary"].dump();
  EXPECT_FALSE(r["suggestions"].empty());
  EXPECT_TRUE(r["boilerplate"]["shared_paragraphs"].empty()) << "one posting on its own shares nothing";
  // Every role may ask: nothing is stored and nobody is named.
  for (const char* who : {"admin", "lee", "nia"})
    post("/api/v1/jd/analyze", json({{"text", kJd}}).dump(), who);
  post("/api/v1/jd/analyze", json({{"text", kJd}}).dump(), "", 401);  // not signed in
}

TEST_F(PeopleApi, JdAnalyzeAnswersWhatTheCliPrintsForOnePosting) {
  const std::string f = dir.file("jd.jsonl");
  parley::testing::write_file(f, json({{"id", "jd-1"}, {"title", "Community Manager"}, {"text", kJd}}).dump() + "\n");
  auto cli = parley::testing::run_parley("jd analyze --json '" + f + "'");
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  json expected = json::parse(cli.out)["postings"][0];
  json got = post("/api/v1/jd/analyze", json({{"id", "jd-1"}, {"title", "Community Manager"}, {"text", kJd}}).dump(), "ana");
  EXPECT_EQ(got, expected) << got.dump() << "\nvs\n" << expected.dump();
}

TEST_F(PeopleApi, JdAnalyzeWithoutTextIsA400) {
  EXPECT_EQ(post("/api/v1/jd/analyze", R"({"title": "Manager"})", "ana", 400)["error"]["code"], "missing_text");
  EXPECT_EQ(post("/api/v1/jd/analyze", R"({"text": "   "})", "ana", 400)["error"]["code"], "missing_text");
  EXPECT_EQ(post("/api/v1/jd/analyze", R"({"text": 12})", "ana", 400)["error"]["code"], "missing_text");
  EXPECT_EQ(post("/api/v1/jd/analyze", "{not json", "ana", 400)["error"]["code"], "bad_json");
  EXPECT_EQ(post("/api/v1/jd/analyze", R"({"text": "Answer calls.", "title": 3})", "ana", 400)["error"]["code"],
            "bad_field");
  EXPECT_EQ(post("/api/v1/jd/analyze", json({{"text", std::string(200001, 'a')}}).dump(), "ana", 400)["error"]["code"],
            "too_long");
}

}  // namespace
}  // namespace parley::server
