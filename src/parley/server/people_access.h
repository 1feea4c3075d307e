// Who may see a team's people figures (skills matrix, gaps, job description drafts): shared by the people
// and job-description routes so the rule is written once. docs/people.md ("Privacy") has the table.
#pragma once

#include <httplib.h>

#include <optional>
#include <string>

#include "parley/auth/user_store.h"
#include "parley/config/engage_model.h"

namespace parley::server {

// Is the employee a member of the team?
bool in_team(const EmployeeDef* e, const std::string& team);

// A lead leads the teams their own employee record lists.
bool leads_team(const auth::Principal& who, const EngageConfig& config, const std::string& team);

// Who may see a team's figures, and how: true = with names (admins, the team's leads), false = aggregates
// (analysts); nullopt = refused (403) or no such team (404), the error already sent. `what` names the
// figures in the 403 message ("gaps").
std::optional<bool> team_view(const auth::Principal& who, const EngageConfig& engage, const std::string& team,
                              const char* what, httplib::Response& res);

}  // namespace parley::server
