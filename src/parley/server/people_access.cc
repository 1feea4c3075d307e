#include "parley/server/people_access.h"

#include <algorithm>

namespace parley::server {

bool in_team(const EmployeeDef* e, const std::string& team) {
  return e && std::find(e->teams.begin(), e->teams.end(), team) != e->teams.end();
}

bool leads_team(const auth::Principal& who, const EngageConfig& config, const std::string& team) {
  return who.role == Role::lead && in_team(config.employee(who.name), team);
}

const EmployeeDef* visible_person(const auth::Principal& who, const EngageConfig& config, const std::string& handle,
                                  httplib::Response& res) {
  const EmployeeDef* person = config.employee(handle);
  bool allowed = who.role == Role::admin || who.name == handle;
  if (!allowed && who.role == Role::lead && person)
    for (const auto& t : person->teams) allowed = allowed || leads_team(who, config, t);
  if (!allowed) {
    send_error(res, 403, "forbidden",
               who.role == Role::analyst ? "analysts see aggregates only: GET /api/v1/teams/{team}/skills"
                                         : "you may see your own profile, and leads their teams' members");
    return nullptr;
  }
  if (!person) send_error(res, 404, "no_person", "no employee '" + handle + "' in the config");
  return person;
}

std::optional<PersonRequest> person_request(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto who = authenticate(ctx, req, res);
  if (!who) return std::nullopt;
  auto config = ctx.service->config();
  const EmployeeDef* person = visible_person(*who, config->engage, req.matches[1].str(), res);
  if (!person) return std::nullopt;
  return PersonRequest{std::move(*who), std::move(config), person};
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

std::optional<TimeRange> range_param(const httplib::Request& req, httplib::Response& res) {
  auto since = time_param(req, "since", res);
  if (!since) return std::nullopt;
  auto until = time_param(req, "until", res);
  if (!until) return std::nullopt;
  return TimeRange{*since, *until};
}

}  // namespace parley::server
