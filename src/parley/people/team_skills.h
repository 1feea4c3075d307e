// A team's skills matrix: its members (anyone whose config lists the team) against every skill any of them
// declared or showed, each cell the declared and measured level with its confidence. Leads plan with the
// named matrix; analysts get the per-skill aggregate, which names nobody.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/config/engage_model.h"
#include "parley/people/skill_profile.h"

namespace parley::people {

struct TeamMatrix {
  std::string team;
  std::vector<std::string> skills;   // sorted
  std::vector<Profile> members;      // in config order
};

std::vector<const EmployeeDef*> team_members(const EngageConfig& config, const std::string& team);

TeamMatrix team_matrix(const EngageConfig& config, const std::string& team, const std::vector<CaseEvidence>& evidence,
                       std::int64_t now_ms);

// {"team", "skills", "members": [{"handle", "name", "cells": {skill: {"declared", "measured", "confidence",
// "n", "status"}}}]}
nlohmann::json to_json(const TeamMatrix& m);
// Per skill, no names: {"skill", "members_declared", "members_measured", "mean_declared", "mean_measured",
// "skilled" (effective level >= 3), "cases"}. Cells of a skill held by fewer than kMinAggregateMembers people
// would point at a person, so their levels are left out.
inline constexpr int kMinAggregateMembers = 2;
nlohmann::json aggregate_json(const TeamMatrix& m);

}  // namespace parley::people
