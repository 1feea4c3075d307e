// Evidence read from the cases tables: who is credited for a resolved case, which parts each case scores,
// and the profile and drill-down built from them. Case rows are written with plain SQL, as the engine
// leaves them.
#include <gtest/gtest.h>

#include <algorithm>

#include "../engage/engage_test_util.h"
#include "parley/people/skill_evidence.h"
#include "parley/people/skill_profile.h"

namespace parley::people {
namespace {

using engage::testing::CaseRow;
using engage::testing::kHour;
using engage::testing::kT;

EngageConfig org() {
  EngageConfig c;
  c.teams.push_back({"care", "Care", "care", AssignStrategy::skills, ""});
  EmployeeDef ana;
  ana.handle = "ana";
  ana.name = "Ana";
  ana.teams = {"care"};
  ana.skills = {{"billing", 4}, {"spanish", 2}};
  EmployeeDef bo = ana;
  bo.handle = "bo";
  bo.name = "Bo";
  bo.skills = {{"billing", 2}};
  c.employees = {ana, bo};
  return c;
}

class Evidence : public engage::testing::EngageDb {
 protected:
  // A resolved case, SLA met on both clocks, customer happier, rated 5.
  std::int64_t good_case(const std::string& assignee, std::int64_t resolved_at, const std::string& skills = "{}") {
    CaseRow r;
    r.status = "resolved";
    r.assignee = assignee;
    r.intent = "complaint";
    r.language = "es";
    r.opened_at = resolved_at - 2 * kHour;
    r.first_response_at = resolved_at - kHour;
    r.first_response_due = resolved_at;
    r.resolution_due = resolved_at + kHour;
    r.resolved_at = resolved_at;
    r.resolved_by = "staff";
    r.first_sentiment = -0.6;
    r.last_sentiment = 0.4;
    r.csat = 5;
    std::int64_t id = add_case(r);
    exec("UPDATE cases SET required_skills = '" + skills + "' WHERE id = " + std::to_string(id));
    return id;
  }
  std::vector<CaseEvidence> load(const std::string& employee = "") {
    auto rows = load_evidence(db, config, {0, 0, employee});
    EXPECT_TRUE(rows) << rows.message();
    return rows ? *rows : std::vector<CaseEvidence>{};
  }
  EngageConfig config = org();
};

TEST_F(Evidence, AGoodCaseScoresOneAndItsPartsAreReported) {
  std::int64_t id = good_case("ana", kT, R"({"billing": 3})");
  auto rows = load();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].case_id, id);
  EXPECT_EQ(rows[0].employee, "ana");
  EXPECT_EQ(rows[0].credit, "assignee");
  EXPECT_DOUBLE_EQ(*rows[0].parts.first_response_sla, 1);
  EXPECT_DOUBLE_EQ(*rows[0].parts.resolution_sla, 1);
  EXPECT_DOUBLE_EQ(*rows[0].parts.sentiment_lift, 1);  // lift +1.0
  EXPECT_DOUBLE_EQ(*rows[0].parts.not_reopened, 1);
  EXPECT_DOUBLE_EQ(*rows[0].parts.csat, 1);
  EXPECT_FALSE(rows[0].parts.community_accepted);
  EXPECT_DOUBLE_EQ(rows[0].score, 1);
  EXPECT_EQ(rows[0].skills, (std::vector<std::string>{"billing", "complaint-handling", "spanish", "x-channel"}));
}

TEST_F(Evidence, BreachesReopensAndUnhappyCustomersLowerTheScore) {
  good_case("ana", kT);
  std::int64_t bad = good_case("ana", kT + kHour);
  exec("UPDATE cases SET sla_breaches = 5, reopens = 1, csat = 1, last_sentiment = -0.9 WHERE id = " +
       std::to_string(bad));
  auto rows = load();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_DOUBLE_EQ(*rows[1].parts.first_response_sla, 0);
  EXPECT_DOUBLE_EQ(*rows[1].parts.resolution_sla, 0);
  EXPECT_DOUBLE_EQ(*rows[1].parts.not_reopened, 0);
  EXPECT_DOUBLE_EQ(*rows[1].parts.csat, 0);
  EXPECT_NEAR(*rows[1].parts.sentiment_lift, (-0.3 + 1) / 2, 1e-12);
  EXPECT_LT(rows[1].score, 0.2);
  EXPECT_GT(rows[0].score, rows[1].score);
}

TEST_F(Evidence, CreditGoesToAssigneeStaffRespondersAndAcceptedColleaguesOnly) {
  std::int64_t a = good_case("ana", kT);
  response(101, a, kT - kHour, "bo", true);           // bo answered too: credited
  response(102, a, kT - kHour, "cust_friend", false);  // a customer's reply: not an employee
  std::int64_t c = good_case("ana", kT + kHour);
  exec("UPDATE cases SET resolved_by = 'community' WHERE id = " + std::to_string(c));
  response(103, c, kT, "bo", false, true);  // bo's answer, accepted as a community answer
  CaseRow open;
  open.assignee = "ana";  // still open: no evidence yet
  add_case(open);
  auto rows = load();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].employee, "ana");
  EXPECT_EQ(rows[1].employee, "bo");
  EXPECT_EQ(rows[1].credit, "responder");
  EXPECT_EQ(rows[2].case_id, c);
  EXPECT_EQ(rows[2].employee, "bo") << "the assignee did not resolve a community-resolved case";
  EXPECT_EQ(rows[2].credit, "community");
  EXPECT_DOUBLE_EQ(*rows[2].parts.community_accepted, 1);
  EXPECT_FALSE(rows[2].parts.first_response_sla) << "SLA clocks are staff's to keep";
  EXPECT_EQ(load("bo").size(), 2u);
}

TEST_F(Evidence, ReusedKnowledgeIsCreditedToItsAuthor) {
  std::int64_t id = good_case("ana", kT);
  exec("UPDATE cases SET csat = 1 WHERE id = " + std::to_string(id));
  double before = load()[0].score;
  exec("INSERT INTO knowledge(title, body, author, case_id, created_at, uses) VALUES('t', 'b', 'ana', " +
       std::to_string(id) + ", 0, 2)");
  auto rows = load();
  ASSERT_TRUE(rows[0].parts.knowledge_reuse);
  EXPECT_GT(rows[0].score, before);
}

TEST_F(Evidence, ProfileSaysNotEnoughEvidenceUntilFiveCasesAndComparesDeclaredWithMeasured) {
  for (int i = 0; i < 2; ++i) good_case("ana", kT + i * kHour, R"({"billing": 3})");
  auto p = build_profile(config.employees[0], load(), kT + 10 * kHour);
  auto fig = [&](const std::string& s) {
    auto it = std::find_if(p.skills.begin(), p.skills.end(), [&](const SkillFigure& f) { return f.skill == s; });
    EXPECT_NE(it, p.skills.end()) << s;
    return it == p.skills.end() ? SkillFigure{} : *it;
  };
  EXPECT_EQ(p.cases, 2);
  EXPECT_FALSE(fig("billing").estimate.enough);
  EXPECT_EQ(to_json(fig("billing"))["status"], "not enough evidence");
  EXPECT_TRUE(to_json(fig("billing"))["measured"].is_null());
  EXPECT_TRUE(p.strongest.empty());
  for (int i = 2; i < 8; ++i) good_case("ana", kT + i * kHour, R"({"billing": 3})");
  p = build_profile(config.employees[0], load(), kT + 10 * kHour);
  const SkillFigure billing = fig("billing");
  EXPECT_TRUE(billing.estimate.enough);
  EXPECT_EQ(*billing.declared, 4);
  EXPECT_GT(billing.estimate.level, 4);
  EXPECT_NEAR(*billing.gap, billing.estimate.level - 4, 1e-12);
  EXPECT_FALSE(fig("complaint-handling").declared) << "measured without being declared";
  EXPECT_EQ(fig("spanish").estimate.n, 8);
  EXPECT_FALSE(p.strongest.empty());
  // Drill-down: the same cases, newest first.
  auto cases = skill_cases(load(), "ana", "billing");
  ASSERT_EQ(cases.size(), 8u);
  EXPECT_GT(cases.front().resolved_at, cases.back().resolved_at);
  EXPECT_TRUE(skill_cases(load(), "bo", "billing").empty());
}

TEST_F(Evidence, StrongestAndWeakestAreMeasuredSkillsOnly) {
  // Spanish cases go badly, billing-only cases go well.
  for (int i = 0; i < 6; ++i) good_case("ana", kT + i * kHour, R"({"billing": 3})");
  for (int i = 0; i < 6; ++i) {
    std::int64_t id = good_case("ana", kT + (10 + i) * kHour);
    exec("UPDATE cases SET language = 'fr', csat = 5 WHERE id = " + std::to_string(id));
  }
  for (int i = 0; i < 6; ++i) {
    std::int64_t id = good_case("ana", kT + (20 + i) * kHour);
    exec("UPDATE cases SET intent = 'question', source = 'reddit', sla_breaches = 5, csat = 1, reopens = 1, "
         "last_sentiment = -0.9 WHERE id = " + std::to_string(id));
  }
  auto p = build_profile(config.employees[0], load(), kT + 30 * kHour);
  ASSERT_FALSE(p.strongest.empty());
  ASSERT_FALSE(p.weakest.empty());
  EXPECT_NE(std::find(p.weakest.begin(), p.weakest.end(), "reddit-channel"), p.weakest.end());
  EXPECT_EQ(std::find(p.strongest.begin(), p.strongest.end(), "reddit-channel"), p.strongest.end());
}

}  // namespace
}  // namespace parley::people
