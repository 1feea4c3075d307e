#include "parley/engage/assignment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace parley::engage {
namespace {

constexpr std::int64_t kMin = 60 * 1000;
constexpr std::int64_t kHour = 60 * kMin;
constexpr std::int64_t kNow = 1'780'000'000'000;  // some day in 2026

EmployeeDef person(std::string handle, std::map<std::string, int> skills = {},
                   std::vector<std::string> languages = {"en"}, int capacity = 10) {
  EmployeeDef e;
  e.handle = std::move(handle);
  e.name = e.handle;
  e.skills = std::move(skills);
  e.languages = std::move(languages);
  e.capacity = capacity;
  return e;
}

Candidate cand(const EmployeeDef& e, int open = 0, std::int64_t last = 0, bool on_shift = true) {
  return Candidate{&e, open, last, on_shift};
}

bool mentions(const std::vector<std::string>& lines, const std::string& what) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& l) { return l.find(what) != std::string::npos; });
}

TEST(AssignChoose, EmptyCandidateListQueues) {
  AssignDecision d = choose_assignee({}, {}, kNow);
  EXPECT_EQ(d.chosen, -1);
  EXPECT_TRUE(d.excluded.empty());
  EXPECT_NE(d.reason.find("no candidates"), std::string::npos) << d.reason;
  for (AssignStrategy s : {AssignStrategy::round_robin, AssignStrategy::least_loaded}) {
    AssignRequest req;
    req.strategy = s;
    req.round_robin_cursor = 5;
    d = choose_assignee(req, {}, kNow);
    EXPECT_EQ(d.chosen, -1);
    EXPECT_EQ(d.next_round_robin_cursor, 5u);
  }
}

TEST(AssignChoose, EachHardConstraintExcludesWithItsReason) {
  const EmployeeDef off = person("off", {{"refunds", 5}}, {"es"});
  const EmployeeDef full = person("full", {{"refunds", 5}}, {"es"}, 4);
  const EmployeeDef zero = person("zero", {{"refunds", 5}}, {"es"}, 0);
  const EmployeeDef unskilled = person("unskilled", {{"billing", 5}}, {"es"});
  const EmployeeDef junior = person("junior", {{"refunds", 2}}, {"es"});
  const EmployeeDef anglo = person("anglo", {{"refunds", 5}}, {"en", "fr"});
  const EmployeeDef silent = person("silent", {{"refunds", 5}}, {});  // lists nothing: English only
  const EmployeeDef ok = person("ok", {{"refunds", 3}}, {"es-MX"});
  std::vector<Candidate> cs = {cand(off, 0, 0, false), cand(full, 4), cand(zero), cand(unskilled),
                               cand(junior),           cand(anglo),   cand(silent), cand(ok)};
  AssignRequest req;
  req.required_skills = {{"refunds", 3}};
  req.language = "ES";
  AssignDecision d = choose_assignee(req, cs, kNow);
  EXPECT_EQ(d.chosen, 7) << d.reason;
  ASSERT_EQ(d.excluded.size(), 7u);
  EXPECT_EQ(d.excluded_total, 7u);
  EXPECT_EQ(d.excluded[0], "off: off shift");
  EXPECT_EQ(d.excluded[1], "full: no free capacity (4/4 open)");
  EXPECT_EQ(d.excluded[2], "zero: no free capacity (0/0 open)");
  EXPECT_EQ(d.excluded[3], "unskilled: lacks skill refunds");
  EXPECT_EQ(d.excluded[4], "junior: skill refunds 2 < 3 required");
  EXPECT_EQ(d.excluded[5], "anglo: does not speak ES (speaks en, fr)");
  EXPECT_EQ(d.excluded[6], "silent: does not speak ES (speaks en)");
}

TEST(AssignChoose, ExplainsTheFirstExclusionsAndCountsTheRest) {
  // 50 people off shift and one who can take it: all 50 counted, the first kMaxExplainedExclusions spelled out.
  std::vector<EmployeeDef> people;
  for (int i = 0; i < 50; ++i) people.push_back(person("p" + std::to_string(100 + i), {{"refunds", 5}}, {"es"}));
  people.push_back(person("ok", {{"refunds", 5}}, {"es"}));
  std::vector<Candidate> cs;
  for (int i = 0; i < 50; ++i) cs.push_back(cand(people[static_cast<std::size_t>(i)], 0, 0, false));
  cs.push_back(cand(people.back()));
  AssignRequest req;
  req.required_skills = {{"refunds", 3}};
  req.language = "es";
  AssignDecision d = choose_assignee(req, cs, kNow);
  EXPECT_EQ(d.chosen, 50) << d.reason;
  EXPECT_EQ(d.excluded_total, 50u);
  ASSERT_EQ(d.excluded.size(), kMaxExplainedExclusions);
  EXPECT_EQ(d.excluded.front(), "p100: off shift");
  EXPECT_EQ(d.excluded.back(), "p" + std::to_string(100 + kMaxExplainedExclusions - 1) + ": off shift");
}

TEST(AssignChoose, AllReasonsOfOneCandidateAreListed) {
  const EmployeeDef e = person("ana", {{"billing", 1}}, {"de"}, 2);
  AssignRequest req;
  req.required_skills = {{"billing", 4}, {"refunds", 1}};
  req.language = "fr";
  const Candidate cs[] = {cand(e, 2, 0, false)};
  AssignDecision d = choose_assignee(req, cs, kNow);
  EXPECT_EQ(d.chosen, -1);
  ASSERT_EQ(d.excluded.size(), 1u);
  EXPECT_EQ(d.excluded[0],
            "ana: off shift; no free capacity (2/2 open); skill billing 1 < 4 required; lacks skill refunds; "
            "does not speak fr (speaks de)");
  EXPECT_NE(d.reason.find("all 1 candidates excluded"), std::string::npos) << d.reason;
}

TEST(AssignChoose, LanguageRules) {
  const EmployeeDef silent = person("silent", {}, {});
  const EmployeeDef pt = person("pt", {}, {"pt-BR"});
  const Candidate cs[] = {cand(silent), cand(pt)};
  auto pick = [&](std::string lang) {
    AssignRequest req;
    req.language = std::move(lang);
    req.strategy = AssignStrategy::round_robin;
    return choose_assignee(req, cs, kNow).chosen;
  };
  EXPECT_EQ(pick("en"), 0);     // no languages listed = English
  EXPECT_EQ(pick("en-GB"), 0);  // primary subtag
  EXPECT_EQ(pick("pt"), 1);
  EXPECT_EQ(pick("PT_pt"), 1);
  EXPECT_EQ(pick("es"), -1);
  EXPECT_EQ(pick(""), 0);     // any
  EXPECT_EQ(pick("und"), 0);  // any
}

TEST(AssignChoose, MinimumBelowOneStillRequiresTheSkill) {
  const EmployeeDef without = person("without");
  const EmployeeDef with = person("with", {{"legal", 1}});
  const Candidate cs[] = {cand(without), cand(with)};
  AssignRequest req;
  req.required_skills = {{"legal", 0}};
  AssignDecision d = choose_assignee(req, cs, kNow);
  EXPECT_EQ(d.chosen, 1);
  EXPECT_TRUE(mentions(d.excluded, "without: lacks skill legal"));
}

TEST(AssignChoose, SkillsScoreFollowsTheDocumentedFormula) {
  // refunds min 2: levels 5 (surplus 3 -> 2 + 0.25) and billing min 1: level 5 (surplus 4 -> 2 + 0.5).
  const EmployeeDef e = person("ana", {{"refunds", 5}, {"billing", 5}}, {"es"}, 8);
  const Candidate cs[] = {cand(e, 2, kNow - 30 * kMin)};
  AssignRequest req;
  req.required_skills = {{"refunds", 2}, {"billing", 1}};
  AssignDecision d = choose_assignee(req, cs, kNow);
  ASSERT_EQ(d.chosen, 0);
  const double fit = 2.25 + 2.5, free = 6.0 / 8.0, fairness = 0.5;
  EXPECT_DOUBLE_EQ(d.score, kFitWeight * fit + kFreeWeight * free + kFairnessWeight * fairness);
  EXPECT_DOUBLE_EQ(d.score, 6.75);
}

TEST(AssignChoose, ReasonSaysWhyThisPerson) {
  const EmployeeDef e = person("ana", {{"refunds", 4}, {"billing", 5}}, {"es", "en"}, 8);
  const Candidate cs[] = {cand(e, 2, kNow - 3 * kHour - 5 * kMin)};
  AssignRequest req;
  req.required_skills = {{"refunds", 3}, {"billing", 2}};
  req.language = "es";
  AssignDecision d = choose_assignee(req, cs, kNow);
  ASSERT_EQ(d.chosen, 0);
  // fit: refunds surplus 1 -> 1, billing surplus 3 -> 2 + 0.25; free 6/8; fairness capped at 1.
  // 3.25 + 2 * 0.75 + 1 = 5.75
  EXPECT_EQ(d.reason,
            "best skills score 5.75 (fit 3.25, free 0.75, fairness 1.00): skills billing 5/2, refunds 4/3; "
            "speaks es; 2/8 open; on shift; last assigned 3h ago");
  EXPECT_TRUE(d.excluded.empty());

  const Candidate fresh[] = {cand(e, 0, 0)};
  req = {};
  d = choose_assignee(req, fresh, kNow);
  EXPECT_NE(d.reason.find("no skills required; 0/8 open; on shift; never assigned before"), std::string::npos)
      << d.reason;
  const Candidate recent[] = {cand(e, 0, kNow - 20 * 1000)};
  EXPECT_NE(choose_assignee(req, recent, kNow).reason.find("last assigned just now"), std::string::npos);
  const Candidate days[] = {cand(e, 0, kNow - 72 * kHour)};
  EXPECT_NE(choose_assignee(req, days, kNow).reason.find("last assigned 3d ago"), std::string::npos);
}

TEST(AssignChoose, BigSkillGapBeatsLoadButASmallOneDoesNot) {
  const EmployeeDef expert = person("expert", {{"refunds", 5}});
  const EmployeeDef decent = person("decent", {{"refunds", 3}});
  const EmployeeDef minimal = person("minimal", {{"refunds", 2}});
  AssignRequest req;
  req.required_skills = {{"refunds", 2}};
  // Expert is busier (6/10 open) than the idle minimal agent: 2.25 + 0.8 + 1 = 4.05 against 0 + 2 + 1 = 3.
  const Candidate big_gap[] = {cand(minimal, 0), cand(expert, 6)};
  AssignDecision d = choose_assignee(req, big_gap, kNow);
  EXPECT_EQ(d.chosen, 1) << d.reason;
  // One level is not worth a much fuller queue: 1 + 0.8 + 1 = 2.8 against 3.
  const Candidate small_gap[] = {cand(minimal, 0), cand(decent, 6)};
  d = choose_assignee(req, small_gap, kNow);
  EXPECT_EQ(d.chosen, 0) << d.reason;
  // With equal load the better skill wins.
  const Candidate same_load[] = {cand(minimal, 3), cand(decent, 3)};
  EXPECT_EQ(choose_assignee(req, same_load, kNow).chosen, 1);
}

TEST(AssignChoose, FairnessPrefersWhoWaitedLongestUpToTheCap) {
  const EmployeeDef a = person("a"), b = person("b");
  AssignRequest req;
  const Candidate recent_a[] = {cand(a, 1, kNow - 5 * kMin), cand(b, 1, kNow - 50 * kMin)};
  EXPECT_EQ(choose_assignee(req, recent_a, kNow).chosen, 1);
  // Beyond an hour both count as fully due: a tie, and the handle decides.
  const Candidate both_long[] = {cand(a, 1, kNow - 2 * kHour), cand(b, 1, kNow - 5 * kHour)};
  EXPECT_EQ(choose_assignee(req, both_long, kNow).chosen, 0);
  // Never assigned is as due as can be.
  const Candidate never[] = {cand(a, 1, kNow - 59 * kMin), cand(b, 1, 0)};
  EXPECT_EQ(choose_assignee(req, never, kNow).chosen, 1);
  // A last assignment in the future (clock skew) counts as just now, not as negative time.
  const Candidate skew[] = {cand(a, 1, kNow + kHour), cand(b, 1, kNow - kMin)};
  EXPECT_EQ(choose_assignee(req, skew, kNow).chosen, 1);
}

TEST(AssignChoose, TiesAreBrokenByHandleWhateverTheOrder) {
  const EmployeeDef bob = person("bob"), alice = person("alice"), carol = person("carol");
  for (AssignStrategy s : {AssignStrategy::skills, AssignStrategy::least_loaded}) {
    AssignRequest req;
    req.strategy = s;
    const Candidate order1[] = {cand(bob, 2, kNow - kHour), cand(alice, 2, kNow - kHour), cand(carol, 2, kNow - kHour)};
    const Candidate order2[] = {cand(carol, 2, kNow - kHour), cand(bob, 2, kNow - kHour), cand(alice, 2, kNow - kHour)};
    AssignDecision d1 = choose_assignee(req, order1, kNow), d2 = choose_assignee(req, order2, kNow);
    ASSERT_GE(d1.chosen, 0);
    ASSERT_GE(d2.chosen, 0);
    EXPECT_EQ(order1[d1.chosen].employee->handle, "alice");
    EXPECT_EQ(order2[d2.chosen].employee->handle, "alice");
    // The same handle twice (a bad config): the earlier index, deterministically.
    const Candidate dup[] = {cand(bob), cand(bob)};
    EXPECT_EQ(choose_assignee(req, dup, kNow).chosen, 0);
  }
}

TEST(AssignChoose, LeastLoadedPicksTheLowestShare) {
  const EmployeeDef big = person("big", {}, {"en"}, 10), small = person("small", {}, {"en"}, 2),
                    mid = person("mid", {}, {"en"}, 5);
  AssignRequest req;
  req.strategy = AssignStrategy::least_loaded;
  // 3/10 = 0.3 beats 1/2 = 0.5 and 2/5 = 0.4, although 1 open case is the lowest count.
  const Candidate cs[] = {cand(small, 1), cand(big, 3), cand(mid, 2)};
  AssignDecision d = choose_assignee(req, cs, kNow);
  EXPECT_EQ(d.chosen, 1);
  EXPECT_DOUBLE_EQ(d.score, 0.7);
  EXPECT_EQ(d.reason.rfind("least loaded: ", 0), 0u) << d.reason;
  // Equal shares (2/10 and 1/5): the one who waited longest, never assigned first.
  const Candidate equal[] = {cand(big, 2, kNow - kHour), cand(mid, 1, kNow - 2 * kHour)};
  EXPECT_EQ(choose_assignee(req, equal, kNow).chosen, 1);
  const Candidate never[] = {cand(big, 2, kNow - 100 * kHour), cand(mid, 1, 0)};
  EXPECT_EQ(choose_assignee(req, never, kNow).chosen, 1);
  // It still respects hard constraints: the emptiest one is off shift.
  const Candidate off[] = {cand(big, 0, 0, false), cand(mid, 4)};
  d = choose_assignee(req, off, kNow);
  EXPECT_EQ(d.chosen, 1);
  EXPECT_EQ(d.excluded, std::vector<std::string>{"big: off shift"});
}

TEST(AssignChoose, RoundRobinCyclesAndSkipsTheIneligible) {
  const EmployeeDef a = person("a"), b = person("b"), c = person("c"), d = person("d");
  std::vector<Candidate> cs = {cand(a), cand(b), cand(c, 0, 0, false), cand(d)};
  AssignRequest req;
  req.strategy = AssignStrategy::round_robin;
  std::vector<int> picks;
  for (int i = 0; i < 7; ++i) {
    AssignDecision dec = choose_assignee(req, cs, kNow);
    picks.push_back(dec.chosen);
    EXPECT_EQ(dec.next_round_robin_cursor, static_cast<std::uint64_t>(dec.chosen) + 1);
    req.round_robin_cursor = dec.next_round_robin_cursor;
  }
  EXPECT_EQ(picks, (std::vector<int>{0, 1, 3, 0, 1, 3, 0}));
  // The cursor is taken modulo the list size, so a shrunk team or a huge cursor still works.
  req.round_robin_cursor = 4 * 1000 + 2;  // position 2 (off shift) -> 3
  EXPECT_EQ(choose_assignee(req, cs, kNow).chosen, 3);
  req.round_robin_cursor = std::numeric_limits<std::uint64_t>::max();  // % 4 == 3
  EXPECT_EQ(choose_assignee(req, cs, kNow).chosen, 3);
  // Load and skill scores play no part: a busier agent still gets their turn.
  cs[1].open_cases = 9;
  req.round_robin_cursor = 1;
  EXPECT_EQ(choose_assignee(req, cs, kNow).chosen, 1);
}

TEST(AssignChoose, FairnessSpreadsAHundredAssignmentsAmongEquals) {
  std::deque<EmployeeDef> staff;
  for (const char* h : {"dani", "eva", "lucas", "sofia"}) staff.push_back(person(h, {{"refunds", 3}}, {"es"}, 10));
  std::vector<Candidate> cs;
  for (const EmployeeDef& e : staff) cs.push_back(cand(e));
  std::vector<std::deque<int>> open_case_ids(cs.size());
  std::vector<int> assigned(cs.size(), 0);

  AssignRequest req;
  req.required_skills = {{"refunds", 2}};
  req.language = "es";
  std::int64_t now = kNow;
  for (int n = 0; n < 100; ++n) {
    now += 3 * kMin;
    AssignDecision d = choose_assignee(req, cs, now);
    ASSERT_GE(d.chosen, 0) << "case " << n << ": " << d.reason;
    Candidate& c = cs[d.chosen];
    ++c.open_cases;
    c.last_assigned_ms = now;
    ++assigned[d.chosen];
    open_case_ids[d.chosen].push_back(n);
    // Resolve some: each step the oldest open case of a rotating agent is closed, if they have one.
    const std::size_t who = static_cast<std::size_t>(n) % cs.size();
    if (n % 5 != 4 && !open_case_ids[who].empty()) {
      open_case_ids[who].pop_front();
      --cs[who].open_cases;
    }
    for (const Candidate& x : cs) ASSERT_LE(x.open_cases, x.employee->capacity);
  }
  for (std::size_t i = 0; i < cs.size(); ++i) {
    EXPECT_GE(assigned[i], 20) << staff[i].handle;
    EXPECT_LE(assigned[i], 30) << staff[i].handle;
  }
  EXPECT_EQ(assigned[0] + assigned[1] + assigned[2] + assigned[3], 100);
}

TEST(AssignChoose, QueuesWhenEveryoneIsFull) {
  const EmployeeDef a = person("a", {}, {"en"}, 1), b = person("b", {}, {"en"}, 1);
  const Candidate cs[] = {cand(a, 1), cand(b, 1)};
  for (AssignStrategy s : {AssignStrategy::skills, AssignStrategy::round_robin, AssignStrategy::least_loaded}) {
    AssignRequest req;
    req.strategy = s;
    AssignDecision d = choose_assignee(req, cs, kNow);
    EXPECT_EQ(d.chosen, -1);
    EXPECT_EQ(d.excluded.size(), 2u);
    EXPECT_EQ(d.next_round_robin_cursor, 0u);
  }
}

TEST(AssignChoose, MissingEmployeeRecordIsExcludedNotDereferenced) {
  const EmployeeDef a = person("a");
  const Candidate cs[] = {Candidate{}, cand(a)};
  AssignDecision d = choose_assignee({}, cs, kNow);
  EXPECT_EQ(d.chosen, 1);
  EXPECT_EQ(d.excluded, std::vector<std::string>{"(candidate 0): no employee record"});
}

}  // namespace
}  // namespace parley::engage
