#include "parley/people/team_skills.h"

#include <algorithm>
#include <set>

namespace parley::people {
namespace {

using nlohmann::json;

const SkillFigure* figure(const Profile& p, const std::string& skill) {
  for (const auto& f : p.skills)
    if (f.skill == skill) return &f;
  return nullptr;
}

}  // namespace

std::vector<const EmployeeDef*> team_members(const EngageConfig& config, const std::string& team) {
  std::vector<const EmployeeDef*> out;
  for (const auto& e : config.employees)
    if (std::find(e.teams.begin(), e.teams.end(), team) != e.teams.end()) out.push_back(&e);
  return out;
}

TeamMatrix team_matrix(const EngageConfig& config, const std::string& team, const std::vector<CaseEvidence>& evidence,
                       std::int64_t now_ms) {
  TeamMatrix m;
  m.team = team;
  std::set<std::string> skills;
  for (const EmployeeDef* e : team_members(config, team)) {
    m.members.push_back(build_profile(*e, evidence, now_ms));
    for (const auto& f : m.members.back().skills) skills.insert(f.skill);
  }
  m.skills.assign(skills.begin(), skills.end());
  return m;
}

json to_json(const TeamMatrix& m) {
  json members = json::array();
  for (const auto& p : m.members) {
    json cells = json::object();
    for (const auto& f : p.skills)
      cells[f.skill] = {{"declared", f.declared ? json(*f.declared) : json(nullptr)},
                        {"measured", f.estimate.enough ? json(f.estimate.level) : json(nullptr)},
                        {"level", f.estimate.level},
                        {"confidence", f.estimate.confidence},
                        {"n", f.estimate.n},
                        {"status", f.estimate.enough ? "measured" : "not enough evidence"}};
    members.push_back({{"handle", p.handle}, {"name", p.name}, {"cases", p.cases}, {"cells", cells}});
  }
  return {{"team", m.team}, {"skills", m.skills}, {"members", members}};
}

json aggregate_json(const TeamMatrix& m) {
  json rows = json::array();
  for (const auto& skill : m.skills) {
    int declared = 0, measured = 0, skilled = 0;
    double declared_sum = 0, measured_sum = 0;
    std::int64_t cases = 0;
    for (const auto& p : m.members) {
      const SkillFigure* f = figure(p, skill);
      if (!f) continue;
      if (f->declared) {
        ++declared;
        declared_sum += *f->declared;
      }
      if (f->estimate.enough) {
        ++measured;
        measured_sum += f->estimate.level;
      }
      if (auto l = effective_level(*f); l && *l >= 3) ++skilled;
      cases += f->estimate.n;
    }
    json row = {{"skill", skill},       {"members_declared", declared}, {"members_measured", measured},
                {"skilled", skilled},   {"cases", cases},               {"mean_declared", nullptr},
                {"mean_measured", nullptr}};
    if (declared >= kMinAggregateMembers) row["mean_declared"] = declared_sum / declared;
    if (measured >= kMinAggregateMembers) row["mean_measured"] = measured_sum / measured;
    rows.push_back(row);
  }
  return {{"team", m.team}, {"members", m.members.size()}, {"skills", rows}};
}

}  // namespace parley::people
