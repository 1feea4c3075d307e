// Team gaps: demand by skill and part of the day against the skilled capacity on shift, the shortage rule,
// and the recommendations (learn with a mentor, mentoring pairs, hire). Every calendar is in UTC so parts
// of the day are plain hours.
#include <gtest/gtest.h>

#include <algorithm>

#include "../engage/engage_test_util.h"
#include "parley/people/gap_advice.h"
#include "parley/people/shift_cover.h"
#include "parley/people/team_gaps.h"
#include "parley/people/team_skills.h"

namespace parley::people {
namespace {

using engage::testing::CaseRow;
using engage::testing::kHour;

constexpr std::int64_t kDay = 24 * kHour;
constexpr std::int64_t kMidnight = 1767225600000;  // 2026-01-01T00:00:00Z

BusinessCalendar day_shift() {
  BusinessCalendar c;
  c.name = "day";
  for (auto& d : c.week) d = {{8 * 60, 20 * 60}};
  return c;
}

EmployeeDef person(const std::string& handle, std::map<std::string, int> skills, int capacity = 4) {
  EmployeeDef e;
  e.handle = handle;
  e.name = handle;
  e.teams = {"es"};
  e.skills = std::move(skills);
  e.capacity = capacity;
  return e;
}

EngageConfig org() {
  EngageConfig c;
  c.calendars = {day_shift()};
  c.teams.push_back({"es", "Spanish", "care", AssignStrategy::skills, "day"});
  c.teams.push_back({"en", "English", "care", AssignStrategy::skills, ""});
  c.employees = {person("strong", {{"spanish", 5}}), person("close", {{"spanish", 2}, {"billing", 3}}),
                 person("far", {{"billing", 1}})};
  EmployeeDef outsider = person("expert", {{"crisis", 5}});
  outsider.teams = {"en"};
  c.employees.push_back(outsider);
  RoutingRule r;
  r.required_skills = {{"crisis", 3}};
  c.rules.push_back(r);
  return c;
}

TEST(ShiftCover, ShareOfEachPartOfTheDayOnShift) {
  auto always = shift_cover(nullptr, "UTC", kMidnight);
  ASSERT_TRUE(always);
  for (double s : *always) EXPECT_DOUBLE_EQ(s, 1);
  BusinessCalendar cal = day_shift();
  auto day = shift_cover(&cal, "UTC", kMidnight);
  ASSERT_TRUE(day) << day.message();
  EXPECT_DOUBLE_EQ((*day)[static_cast<int>(DayPart::night)], 0);
  EXPECT_NEAR((*day)[static_cast<int>(DayPart::morning)], 4.0 / 6, 1e-9);
  EXPECT_DOUBLE_EQ((*day)[static_cast<int>(DayPart::afternoon)], 1);
  EXPECT_NEAR((*day)[static_cast<int>(DayPart::evening)], 2.0 / 6, 1e-9);
  // Seen from a team six hours ahead, the same shift covers other parts of its day.
  auto shifted = shift_cover(&cal, "Asia/Dhaka", kMidnight);
  ASSERT_TRUE(shifted);
  EXPECT_DOUBLE_EQ((*shifted)[static_cast<int>(DayPart::evening)], 1) << "18:00-24:00 local is 12:00-18:00 UTC";
  EXPECT_DOUBLE_EQ((*shifted)[static_cast<int>(DayPart::morning)], 0) << "06:00-12:00 local is 00:00-06:00 UTC";
  EXPECT_NEAR((*shifted)[static_cast<int>(DayPart::afternoon)], 4.0 / 6, 1e-9);
  EXPECT_NEAR((*shifted)[static_cast<int>(DayPart::night)], 2.0 / 6, 1e-9);
  EXPECT_EQ(day_part_at("UTC", kMidnight + 3 * kHour), DayPart::night);
  EXPECT_EQ(day_part_at("Asia/Dhaka", kMidnight + 3 * kHour), DayPart::morning);
  EXPECT_EQ(day_part_at("Not/AZone", kMidnight + 13 * kHour), DayPart::afternoon) << "unknown zone: UTC";
}

class Gaps : public engage::testing::EngageDb {
 protected:
  void spanish_case(std::int64_t at, const std::string& skills = R"({"spanish": 3})",
                    const std::string& intent = "complaint") {
    CaseRow r;
    r.team = "es";
    r.language = "es";
    r.intent = intent;
    r.opened_at = at;
    std::int64_t id = add_case(r);
    exec("UPDATE cases SET required_skills = '" + skills + "' WHERE id = " + std::to_string(id));
  }
  TeamGaps gaps() {
    auto g = team_gaps(db, config, "es", kMidnight, kMidnight + 10 * kDay, {}, kMidnight + 10 * kDay);
    EXPECT_TRUE(g) << g.message();
    return g ? *g : TeamGaps{};
  }
  const GapCell* cell(const TeamGaps& g, const std::string& skill, DayPart part) {
    for (const auto& c : g.cells)
      if (c.skill == skill && c.part == part) return &c;
    return nullptr;
  }
  EngageConfig config = org();
};

TEST_F(Gaps, SpanishComplaintsAtNightAreShortWithNumbers) {
  for (int d = 0; d < 10; ++d) spanish_case(kMidnight + d * kDay + 2 * kHour);       // 02:00: nobody on shift
  for (int d = 0; d < 4; ++d) spanish_case(kMidnight + d * kDay + 14 * kHour);       // 14:00: covered
  spanish_case(kMidnight + 3 * kHour, R"({"spanish": 3})", "question");
  TeamGaps g = gaps();
  EXPECT_EQ(g.cases, 15);
  EXPECT_DOUBLE_EQ(g.days, 10);
  const GapCell* night = cell(g, "spanish", DayPart::night);
  ASSERT_NE(night, nullptr);
  EXPECT_EQ(night->cases, 11);
  EXPECT_DOUBLE_EQ(night->per_day, 1.1);
  EXPECT_DOUBLE_EQ(night->skilled_capacity, 0);
  EXPECT_FALSE(night->load);
  EXPECT_TRUE(night->shortage);
  EXPECT_EQ(night->intents.at("complaint"), 10);
  EXPECT_EQ(night->intents.at("question"), 1);
  EXPECT_EQ(&g.cells.front(), night) << "shortages first";
  const GapCell* afternoon = cell(g, "spanish", DayPart::afternoon);
  ASSERT_NE(afternoon, nullptr);
  EXPECT_DOUBLE_EQ(afternoon->skilled_capacity, 4) << "only 'strong' is at level 3+, capacity 4, all afternoon";
  EXPECT_NEAR(*afternoon->load, 0.4 / 4, 1e-12);
  EXPECT_FALSE(afternoon->shortage);
  ASSERT_EQ(afternoon->supply.size(), 1u);
  EXPECT_EQ(afternoon->supply[0].handle, "strong");
  // Implied skills nobody can be staffed for are not compared.
  EXPECT_EQ(cell(g, "x-channel", DayPart::night), nullptr);
  EXPECT_EQ(cell(g, "complaint-handling", DayPart::night), nullptr);

  // The closest member learns, mentored by the strong one; one part short and a holder: no hire.
  auto learn = std::find_if(g.recommendations.begin(), g.recommendations.end(),
                            [](const GapRecommendation& r) { return r.kind == "learn"; });
  ASSERT_NE(learn, g.recommendations.end());
  EXPECT_EQ(learn->skill, "spanish");
  EXPECT_EQ(learn->person, "close");
  EXPECT_EQ(learn->mentor, "strong");
  EXPECT_EQ(learn->parts, std::vector<DayPart>{DayPart::night});
  EXPECT_TRUE(std::none_of(g.recommendations.begin(), g.recommendations.end(),
                           [](const GapRecommendation& r) { return r.kind == "hire" && r.skill == "spanish"; }));
}

TEST_F(Gaps, FewCasesAreNeverAShortageAndBusyCoveredCellsAre) {
  spanish_case(kMidnight + 2 * kHour);
  spanish_case(kMidnight + kDay + 2 * kHour);
  TeamGaps few = gaps();
  EXPECT_FALSE(cell(few, "spanish", DayPart::night)->shortage) << "2 cases < kMinShortCases";
  // 50 afternoon cases in 10 days: 5 a day against capacity 4 is a load of 1.25.
  for (int i = 0; i < 50; ++i) spanish_case(kMidnight + (i % 10) * kDay + 13 * kHour);
  TeamGaps busy = gaps();
  const GapCell* afternoon = cell(busy, "spanish", DayPart::afternoon);
  EXPECT_NEAR(*afternoon->load, 1.25, 1e-12);
  EXPECT_TRUE(afternoon->shortage);
}

TEST_F(Gaps, ASkillNobodyInTheTeamHasMeansHireWithAMentorFromElsewhereForLearners) {
  for (int d = 0; d < 5; ++d) {
    spanish_case(kMidnight + d * kDay + 10 * kHour, R"({"crisis": 3})");
    spanish_case(kMidnight + d * kDay + 22 * kHour, R"({"crisis": 3})");
  }
  TeamGaps g = gaps();
  auto hire = std::find_if(g.recommendations.begin(), g.recommendations.end(),
                           [](const GapRecommendation& r) { return r.kind == "hire" && r.skill == "crisis"; });
  ASSERT_NE(hire, g.recommendations.end());
  EXPECT_EQ(hire->parts, (std::vector<DayPart>{DayPart::morning, DayPart::evening}));
  EXPECT_NEAR(hire->capacity_needed, 0.5, 1e-12) << "0.5 cases a day per part, no capacity at all";
  // Analysts see the hire but no names.
  auto j = to_json(g, false);
  std::string text = j.dump();
  for (const char* name : {"strong", "close", "far", "expert"}) EXPECT_EQ(text.find(name), std::string::npos) << name;
  EXPECT_EQ(j["recommendations"].size(), 1u);
  EXPECT_TRUE(j["shortages"][0].contains("skilled_people"));
  EXPECT_FALSE(j["shortages"][0].contains("supply"));
}

TEST(GapAdvice, MentoringPairsAStrongAndAWeakMemberOnTheSameSkill) {
  EngageConfig c = org();
  std::vector<MemberPlan> team;
  for (const auto& e : c.employees)
    if (e.teams[0] == "es") team.push_back({&e, build_profile(e, {}, 0), {1, 1, 1, 1}});
  auto recs = advise({}, team, team);
  // Spanish: strong (5) with close (2). Billing has nobody at 4+, so no pair.
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].kind, "pair");
  EXPECT_EQ(recs[0].skill, "spanish");
  EXPECT_EQ(recs[0].mentor, "strong");
  EXPECT_EQ(recs[0].person, "close");
}

TEST_F(Gaps, TeamMatrixNamesMembersAndTheAggregateDoesNot) {
  config.employees[2].skills["german"] = 4;  // held by one person: a mean would be that person's level
  auto m = team_matrix(config, "es", {}, kMidnight);
  ASSERT_EQ(m.members.size(), 3u);
  EXPECT_EQ(m.skills, (std::vector<std::string>{"billing", "german", "spanish"}));
  auto named = to_json(m);
  EXPECT_EQ(named["members"][1]["cells"]["spanish"]["declared"], 2);
  EXPECT_EQ(named["members"][1]["cells"]["spanish"]["status"], "not enough evidence");
  auto agg = aggregate_json(m);
  EXPECT_EQ(agg.dump().find("close"), std::string::npos);
  EXPECT_EQ(agg["skills"][0]["skill"], "billing");
  EXPECT_EQ(agg["skills"][0]["members_declared"], 2);
  EXPECT_EQ(agg["skills"][0]["skilled"], 1);
  EXPECT_DOUBLE_EQ(agg["skills"][0]["mean_declared"].get<double>(), 2.0);
  EXPECT_TRUE(agg["skills"][1]["mean_declared"].is_null()) << "german: one person";
  EXPECT_EQ(agg["skills"][1]["members_declared"], 1);
  EXPECT_DOUBLE_EQ(agg["skills"][2]["mean_declared"].get<double>(), 3.5);
}

}  // namespace
}  // namespace parley::people
