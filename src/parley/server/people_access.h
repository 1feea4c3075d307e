// Who may see what about people (docs/people.md, "Privacy"): a person sees their own profile, goals and
// feedback; a lead sees the members of the teams their own employee record lists; an admin everyone; an
// analyst aggregates that name nobody. Shared by the people, growth and recognition routes so the rule is
// written once.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "parley/config/engage_model.h"
#include "parley/server/api_context.h"

namespace parley::server {

bool in_team(const EmployeeDef* e, const std::string& team);

// A lead leads the teams their own employee record lists.
bool leads_team(const auth::Principal& who, const EngageConfig& config, const std::string& team);

// May `who` see the named person's own things (profile, goals, feedback, points breakdown)? Answers 403 or
// 404 itself when not, and 403 whether or not the person exists so the route does not list the staff.
const EmployeeDef* visible_person(const auth::Principal& who, const EngageConfig& config, const std::string& handle,
                                  httplib::Response& res);

// Who may see a team's figures, and how: true = with names (admins, the team's leads), false = aggregates
// (analysts); nullopt = refused or no such team (the error is sent). `what` names the figures in the error.
std::optional<bool> team_view(const auth::Principal& who, const EngageConfig& engage, const std::string& team,
                              const char* what, httplib::Response& res);

// A route about one person ({handle}, req.matches[1]): the caller, the config in force, and the person.
struct PersonRequest {
  auth::Principal who;
  std::shared_ptr<const OrgConfig> config;
  const EmployeeDef* person = nullptr;
};

// Signs the caller in and checks they may see the path's person (visible_person); nullopt when an error
// (401, 403, 404) was sent.
std::optional<PersonRequest> person_request(ApiContext& ctx, const httplib::Request& req, httplib::Response& res);

struct TimeRange {
  std::int64_t since = 0, until = 0;
};

// `since` and `until` query parameters (ISO 8601 or Unix ms; 0 when absent); answers 400 when malformed.
std::optional<TimeRange> range_param(const httplib::Request& req, httplib::Response& res);

}  // namespace parley::server
