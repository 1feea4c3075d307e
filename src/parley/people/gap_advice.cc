#include "parley/people/gap_advice.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

namespace parley::people {
namespace {

std::optional<double> level_of(const MemberPlan& m, const std::string& skill) {
  for (const auto& f : m.profile.skills)
    if (f.skill == skill) return effective_level(f);
  return std::nullopt;
}

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// The strongest person at kMentorLevel or above, the team first (a mentor who shares the shifts and the
// cases), then anyone in the organisation; "" when there is none.
std::string find_mentor(const std::string& skill, const std::string& not_this, const std::vector<MemberPlan>& team,
                        const std::vector<MemberPlan>& org) {
  for (const auto* pool : {&team, &org}) {
    std::string best;
    double best_level = 0;
    for (const auto& m : *pool) {
      if (m.employee->handle == not_this) continue;
      auto l = level_of(m, skill);
      if (l && *l >= kMentorLevel && *l > best_level) {
        best = m.employee->handle;
        best_level = *l;
      }
    }
    if (!best.empty()) return best;
  }
  return "";
}

}  // namespace

std::vector<GapRecommendation> advise(const std::vector<GapCell>& cells, const std::vector<MemberPlan>& team,
                                      const std::vector<MemberPlan>& org) {
  std::vector<GapRecommendation> out;
  // Shortages by skill: which parts, and the worst missing capacity.
  std::map<std::string, std::pair<std::vector<DayPart>, double>> short_skills;
  for (const auto& c : cells) {
    if (!c.shortage) continue;
    auto& [parts, missing] = short_skills[c.skill];
    parts.push_back(c.part);
    missing = std::max(missing, c.per_day / kMaxLoad - c.skilled_capacity);
  }
  std::set<std::pair<std::string, std::string>> learning;  // (skill, person) already advised
  for (auto& [skill, what] : short_skills) {
    auto& [parts, missing] = what;
    std::sort(parts.begin(), parts.end());
    int holders = 0;
    struct Candidate {
      const MemberPlan* m;
      double level, cover;
    };
    std::vector<Candidate> learners;
    for (const auto& m : team) {
      auto l = level_of(m, skill);
      if (l && *l >= kSkilledLevel) ++holders;
      else if (l && *l >= kLearnerMinLevel && m.employee->capacity > 0) {
        double cover = 0;
        for (auto p : parts) cover += m.on_shift[static_cast<int>(p)];
        learners.push_back({&m, *l, cover});
      }
    }
    // Closest to the skill first; among equals, the one on shift when it is short.
    std::sort(learners.begin(), learners.end(), [](const Candidate& a, const Candidate& b) {
      if (a.level != b.level) return a.level > b.level;
      return a.cover > b.cover;
    });
    if (learners.size() > static_cast<std::size_t>(kLearnersPerSkill)) learners.resize(kLearnersPerSkill);
    for (const auto& c : learners) {
      GapRecommendation r;
      r.kind = "learn";
      r.skill = skill;
      r.person = c.m->employee->handle;
      r.mentor = find_mentor(skill, r.person, team, org);
      r.parts = parts;
      r.reason = "level " + fmt(c.level) + " in " + skill + ", the closest in the team to the " + fmt(kSkilledLevel) +
                 " that counts as cover" + (r.mentor.empty() ? "; nobody at " + fmt(kMentorLevel) + "+ to mentor" : "");
      learning.emplace(skill, r.person);
      out.push_back(std::move(r));
    }
    // Training takes months and stretches one person; a skill nobody has, or short in several parts of the
    // day, needs people.
    if (holders == 0 || learners.empty() || parts.size() >= 2) {
      GapRecommendation r;
      r.kind = "hire";
      r.skill = skill;
      r.parts = parts;
      r.capacity_needed = std::max(0.0, missing);
      r.reason = holders == 0        ? "nobody in the team has " + skill + " at level " + fmt(kSkilledLevel) + "+"
                 : learners.empty()  ? "nobody in the team is close enough to learn " + skill
                                     : "short in " + std::to_string(parts.size()) + " parts of the day";
      out.push_back(std::move(r));
    }
  }
  // Mentoring pairs within the team: on each skill, its strongest member with someone below cover.
  std::set<std::string> skills;
  for (const auto& m : team)
    for (const auto& f : m.profile.skills)
      if (effective_level(f)) skills.insert(f.skill);
  for (const auto& skill : skills) {
    std::string mentor;
    double best = 0;
    for (const auto& m : team)
      if (auto l = level_of(m, skill); l && *l >= kMentorLevel && *l > best) {
        best = *l;
        mentor = m.employee->handle;
      }
    if (mentor.empty()) continue;
    for (const auto& m : team) {
      auto l = level_of(m, skill);
      if (!l || *l >= kSkilledLevel || learning.count({skill, m.employee->handle})) continue;
      GapRecommendation r;
      r.kind = "pair";
      r.skill = skill;
      r.mentor = mentor;
      r.person = m.employee->handle;
      r.reason = mentor + " (" + fmt(best) + ") with " + r.person + " (" + fmt(*l) + ") on " + skill;
      out.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace parley::people
