// An employee's skills as their work shows them: per skill the declared level (config), the measured level
// with its confidence and interval, the trend, and the cases behind it; their strongest and weakest
// measured skills. Built from load_evidence() rows; the drill-down is the same rows filtered by skill, so a
// figure and its cases can never disagree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/config/engage_model.h"
#include "parley/people/skill_evidence.h"
#include "parley/people/skill_level.h"

namespace parley::people {

inline constexpr int kStrongestCount = 3;

struct SkillFigure {
  std::string skill;
  std::optional<int> declared;   // from the config; nullopt when not declared
  SkillEstimate estimate;
  Trend trend;
  std::optional<double> gap;     // measured - declared, only with enough evidence and a declared level
};

struct Profile {
  std::string handle, name;
  std::vector<std::string> teams;
  std::int64_t cases = 0;        // distinct cases credited
  std::vector<SkillFigure> skills;       // declared and evidenced skills, by skill name
  std::vector<std::string> strongest, weakest;  // among skills with enough evidence, by level
};

// The level a person effectively has for planning: measured when there is enough evidence, else declared;
// nullopt when neither.
std::optional<double> effective_level(const SkillFigure& f);

// `evidence` may hold other people's rows; only the employee's are used.
Profile build_profile(const EmployeeDef& employee, const std::vector<CaseEvidence>& evidence, std::int64_t now_ms);

// The rows behind one figure, newest first.
std::vector<CaseEvidence> skill_cases(const std::vector<CaseEvidence>& evidence, const std::string& handle,
                                      const std::string& skill);

nlohmann::json to_json(const SkillEstimate& e);
nlohmann::json to_json(const Trend& t);
nlohmann::json to_json(const SkillFigure& f);
nlohmann::json to_json(const Profile& p);

}  // namespace parley::people
