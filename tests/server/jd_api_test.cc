// GET /api/v1/teams/{team}/jd-draft through the real server: a lead gets a draft for their team that names
// the short skill and nobody, analysts the same draft, agents and other teams' leads 403, an unknown team
// 404; and the answer is what `parley jd generate --json` prints.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../process_util.h"
#include "live_server.h"
#include "parley/store/sqlite/connection.h"
#include "parley/store/store.h"

namespace parley::server {
namespace {

using nlohmann::json;

// A day-shift Spanish team: its only Spanish speaker works 08:00-20:00 UTC, the complaints come at 02:00.
constexpr const char* kConfig = R"toml(
[organisation]
name = "Test Org"

[[functions]]
id = "care"
name = "Customer care"
[[functions]]
id = "hr"

[[calendars]]
name = "day"
time_zone = "UTC"
daily = ["08:00-20:00"]

[[teams]]
id = "care"
name = "Care (Spanish)"
function = "care"
calendar = "day"
[[teams]]
id = "people"
function = "hr"

[[employees]]
handle = "ana"
role = "agent"
teams = ["care"]
skills = { billing = 4 }
capacity = 5

[[employees]]
handle = "lee"
role = "lead"
teams = ["care"]
skills = { billing = 5, spanish = 5 }
capacity = 5

[[employees]]
handle = "hana"
role = "lead"
teams = ["people"]
skills = { hr-policy = 5 }

[[employees]]
handle = "nia"
role = "analyst"
teams = ["people"]

[[rules]]
name = "care"
when = { intent = ["complaint", "question"] }
team = "care"
)toml";

constexpr std::int64_t kHour = 3600 * 1000;
constexpr std::int64_t kT = 1767225600000;  // 2026-01-01T00:00:00Z

class JdApi : public ::testing::Test {
 protected:
  void SetUp() override {
    sqlite::Connection db;
    ASSERT_NO_FATAL_FAILURE(live.open_db(db));
    // Ten Spanish complaints at 02:00 UTC on ten nights, resolved by lee.
    for (int i = 0; i < 10; ++i) {
      std::int64_t at = kT + i * 24 * kHour + 2 * kHour;
      testing::ResolvedCase c;
      c.assignee = "lee";
      c.opened_at = at;
      c.resolved_at = at + kHour;
      c.required_skills = R"({"spanish": 3})";
      testing::add_resolved_case(db, c);
    }
    ASSERT_NO_FATAL_FAILURE(live.start(kConfig, {{"admin", Role::admin},
                                                 {"ana", Role::agent},
                                                 {"lee", Role::lead},
                                                 {"hana", Role::lead},
                                                 {"nia", Role::analyst}}));
  }

  json get(const std::string& path, const std::string& user, int expect = 200) { return live.get(path, user, expect); }

  testing::LiveServer live;
};

TEST_F(JdApi, LeadGetsADraftNamingTheShortSkillAndNobody) {
  json d = get("/api/v1/teams/care/jd-draft", "lee");
  EXPECT_EQ(d["team"], "care");
  EXPECT_EQ(d["short_skills"], json::array({"spanish"})) << d.dump();
  EXPECT_EQ(d["short_parts"], json::array({"night"}));
  EXPECT_EQ(d["title"], "Customer care specialist (Spanish, nights)");
  const std::string text = d["text"];
  EXPECT_NE(text.find("Spanish"), std::string::npos) << text;
  EXPECT_NE(text.find("00:00-06:00"), std::string::npos) << text;
  bool language = false;
  for (const auto& s : d["analysis"]["skills"]) language |= s["id"] == "speak-different-languages";
  EXPECT_TRUE(language) << d["analysis"]["skills"].dump();
  EXPECT_TRUE(d["analysis"]["gender_coding"]["words"].empty()) << text;
  EXPECT_TRUE(d["analysis"]["exclusionary"].empty()) << text;
  for (const auto& l : d["lines"]) EXPECT_FALSE(l["why"].empty()) << l.dump();
  // Nobody is named, in the text or the reasons.
  const std::string all = d.dump();
  for (const char* handle : {"\"lee\"", "\"ana\"", " lee", " ana"}) EXPECT_EQ(all.find(handle), std::string::npos) << handle;
  // A title of one's own, and the range.
  json t = get("/api/v1/teams/care/jd-draft?title=Night%20care%20specialist&since=2026-01-01T00:00:00Z", "lee");
  EXPECT_EQ(t["title"], "Night care specialist");
  EXPECT_EQ(t["title_given"], true);
  EXPECT_EQ(t["since"], kT);
}

TEST_F(JdApi, WhoMaySeeIt) {
  get("/api/v1/teams/care/jd-draft", "admin");
  // Analysts see the team's gaps as aggregates; the draft names nobody, so they get the same draft.
  EXPECT_EQ(get("/api/v1/teams/care/jd-draft", "nia")["text"], get("/api/v1/teams/care/jd-draft", "lee")["text"]);
  EXPECT_EQ(get("/api/v1/teams/care/jd-draft", "ana", 403)["error"]["code"], "forbidden");
  get("/api/v1/teams/care/jd-draft", "hana", 403);  // a lead of another team
  get("/api/v1/teams/care/jd-draft", "", 401);
  EXPECT_EQ(get("/api/v1/teams/nowhere/jd-draft", "admin", 404)["error"]["code"], "no_team");
  get("/api/v1/teams/care/jd-draft?since=nonsense", "lee", 400);
  get("/api/v1/teams/care/jd-draft?since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z", "lee", 400);
  get("/api/v1/teams/care/jd-draft?title=" + std::string(300, 'a'), "lee", 400);
}

TEST_F(JdApi, SameAsTheCli) {
  const std::string range = "since=2026-01-01T00:00:00Z&until=2026-02-01T00:00:00Z";
  json api = get("/api/v1/teams/care/jd-draft?" + range, "lee");
  auto cli = parley::testing::run_parley("--db '" + live.db() + "' jd generate --config '" + live.dir.file("org.toml") +
                                         "' --team care --since 2026-01-01T00:00:00Z --until 2026-02-01T00:00:00Z --json");
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(api, json::parse(cli.out));
}

}  // namespace
}  // namespace parley::server
