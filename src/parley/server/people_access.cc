#include "parley/server/people_access.h"

#include <algorithm>

#include "parley/server/api_context.h"

namespace parley::server {

bool in_team(const EmployeeDef* e, const std::string& team) {
  return e && std::find(e->teams.begin(), e->teams.end(), team) != e->teams.end();
}

bool leads_team(const auth::Principal& who, const EngageConfig& config, const std::string& team) {
  return who.role == Role::lead && in_team(config.employee(who.name), team);
}

std::optional<bool> team_view(const auth::Principal& who, const EngageConfig& engage, const std::string& team,
                              const char* what, httplib::Response& res) {
  const bool named = who.role == Role::admin || leads_team(who, engage, team);
  if (!named && who.role != Role::analyst) {
    send_error(res, 403, "forbidden",
               std::string("a team's ") + what + " are for its leads, admins and (as aggregates) analysts");
    return std::nullopt;
  }
  if (!engage.team(team)) {
    send_error(res, 404, "no_team", "no team '" + team + "' in the config");
    return std::nullopt;
  }
  return named;
}

}  // namespace parley::server
