#include "parley/people/skill_profile.h"

#include <algorithm>
#include <map>
#include <set>

namespace parley::people {
namespace {

using nlohmann::json;

json opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

std::optional<double> effective_level(const SkillFigure& f) {
  if (f.estimate.enough) return f.estimate.level;
  if (f.declared) return *f.declared;
  return std::nullopt;
}

Profile build_profile(const EmployeeDef& employee, const std::vector<CaseEvidence>& evidence, std::int64_t now_ms) {
  Profile p;
  p.handle = employee.handle;
  p.name = employee.name;
  p.teams = employee.teams;
  std::map<std::string, std::vector<std::pair<std::int64_t, double>>> by_skill;
  std::set<std::int64_t> cases;
  for (const auto& e : evidence) {
    if (e.employee != employee.handle) continue;
    cases.insert(e.case_id);
    for (const auto& s : e.skills) by_skill[s].emplace_back(e.resolved_at, e.score);
  }
  p.cases = static_cast<std::int64_t>(cases.size());
  for (const auto& [skill, level] : employee.skills) by_skill[skill];  // declared, maybe without evidence
  for (const auto& [skill, dated] : by_skill) {
    SkillFigure f;
    f.skill = skill;
    if (auto it = employee.skills.find(skill); it != employee.skills.end()) f.declared = it->second;
    std::vector<double> scores;
    for (const auto& [at, s] : dated) scores.push_back(s);
    f.estimate = estimate_level(f.declared, scores);
    f.trend = trend_of(dated, now_ms);
    if (f.estimate.enough && f.declared) f.gap = f.estimate.level - *f.declared;
    p.skills.push_back(std::move(f));
  }
  std::vector<const SkillFigure*> measured;
  for (const auto& f : p.skills)
    if (f.estimate.enough) measured.push_back(&f);
  std::stable_sort(measured.begin(), measured.end(),
                   [](const SkillFigure* a, const SkillFigure* b) { return a->estimate.level > b->estimate.level; });
  for (std::size_t i = 0; i < measured.size() && i < static_cast<std::size_t>(kStrongestCount); ++i)
    p.strongest.push_back(measured[i]->skill);
  // The weakest are the bottom ones that are not already named as strongest (few measured skills).
  for (std::size_t i = 0; i < measured.size() && p.weakest.size() < static_cast<std::size_t>(kStrongestCount); ++i) {
    const auto& s = measured[measured.size() - 1 - i]->skill;
    if (std::find(p.strongest.begin(), p.strongest.end(), s) != p.strongest.end()) break;
    p.weakest.push_back(s);
  }
  return p;
}

std::vector<CaseEvidence> skill_cases(const std::vector<CaseEvidence>& evidence, const std::string& handle,
                                      const std::string& skill) {
  std::vector<CaseEvidence> out;
  for (const auto& e : evidence)
    if (e.employee == handle && std::find(e.skills.begin(), e.skills.end(), skill) != e.skills.end()) out.push_back(e);
  std::reverse(out.begin(), out.end());
  return out;
}

json to_json(const SkillEstimate& e) {
  return {{"n", e.n},   {"prior", e.prior}, {"level", e.level}, {"confidence", e.confidence},
          {"low", e.low}, {"high", e.high}, {"enough_evidence", e.enough}};
}

json to_json(const Trend& t) {
  return {{"direction", to_string(t.direction)}, {"recent_cases", t.recent_n}, {"previous_cases", t.previous_n},
          {"recent", opt(t.recent)}, {"previous", opt(t.previous)}, {"delta", opt(t.delta)}};
}

json to_json(const SkillFigure& f) {
  json j = {{"skill", f.skill},
            {"declared", f.declared ? json(*f.declared) : json(nullptr)},
            {"measured", f.estimate.enough ? json(f.estimate.level) : json(nullptr)},
            {"estimate", to_json(f.estimate)},
            {"trend", to_json(f.trend)},
            {"gap", opt(f.gap)}};
  // Said in words, so no screen shows a confident-looking number built on two cases.
  j["status"] = f.estimate.enough ? "measured" : "not enough evidence";
  return j;
}

json to_json(const Profile& p) {
  json skills = json::array();
  for (const auto& f : p.skills) skills.push_back(to_json(f));
  return {{"handle", p.handle}, {"name", p.name},         {"teams", p.teams},    {"cases", p.cases},
          {"skills", skills},   {"strongest", p.strongest}, {"weakest", p.weakest}};
}

}  // namespace parley::people
