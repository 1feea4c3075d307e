// People: skill profiles built from resolved cases, a team's skills matrix, and its gaps with what to do
// about them (docs/people.md). Who sees what is the point of this file: a profile is about a person, so
// they see their own, a lead sees the members of the teams they lead, an admin everyone; an analyst sees
// aggregates that name nobody.
#include "parley/people/skill_evidence.h"
#include "parley/people/skill_profile.h"
#include "parley/people/team_gaps.h"
#include "parley/people/team_skills.h"
#include "parley/server/api_context.h"
#include "parley/server/people_access.h"

namespace parley::server {
namespace {


std::optional<std::vector<people::CaseEvidence>> evidence(ApiContext& ctx, const EngageConfig& config,
                                                         const people::EvidenceQuery& q, httplib::Response& res) {
  auto rows = people::load_evidence(read_connection(ctx.service->db_path()), config, q);
  if (!rows) {
    send_error(res, 503, "store", rows.message());
    return std::nullopt;
  }
  return std::move(*rows);
}

nlohmann::json thresholds() {
  return {{"prior_weight", people::kPriorWeight},
          {"min_evidence", people::kMinEvidence},
          {"trend_window_days", people::kTrendWindowMs / (24 * 3600 * 1000)},
          {"min_trend_cases", people::kMinTrendCases}};
}

}  // namespace


void register_people_routes(httplib::Server& http, ApiContext& ctx) {
  add_route(http, ctx, "GET", "/api/v1/people/{handle}/profile", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto request = person_request(ctx, req, res);
    if (!request) return;
    const auto& [who, config, person] = *request;
    auto range = range_param(req, res);
    if (!range) return;
    auto rows = evidence(ctx, config->engage, {range->since, range->until, person->handle}, res);
    if (!rows) return;
    std::int64_t now = range->until ? range->until : ctx.clock->now_ms();
    nlohmann::json j = people::to_json(people::build_profile(*person, *rows, now));
    j["thresholds"] = thresholds();
    send_json(res, j);
  });

  add_route(http, ctx, "GET", "/api/v1/people/{handle}/profile/skills/{skill}/cases",
            [&ctx](const httplib::Request& req, httplib::Response& res) {
              auto request = person_request(ctx, req, res);
              if (!request) return;
              const auto& [who, config, person] = *request;
              auto range = range_param(req, res);
              if (!range) return;
              auto rows = evidence(ctx, config->engage, {range->since, range->until, person->handle}, res);
              if (!rows) return;
              const std::string skill = req.matches[2].str();
              std::int64_t now = range->until ? range->until : ctx.clock->now_ms();
              people::Profile p = people::build_profile(*person, *rows, now);
              nlohmann::json figure = nullptr;
              for (const auto& f : p.skills)
                if (f.skill == skill) figure = people::to_json(f);
              nlohmann::json cases = nlohmann::json::array();
              for (const auto& e : people::skill_cases(*rows, person->handle, skill)) cases.push_back(people::to_json(e));
              send_json(res, {{"handle", person->handle}, {"skill", skill}, {"figure", figure}, {"cases", cases}});
            });

  add_route(http, ctx, "GET", "/api/v1/teams/{team}/skills", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who) return;
    auto config = ctx.service->config();
    const std::string team = req.matches[1].str();
    auto view = team_view(*who, config->engage, team, "skills", res);
    if (!view) return;
    const bool named = *view;
    auto range = range_param(req, res);
    if (!range) return;
    auto rows = evidence(ctx, config->engage, {range->since, range->until, ""}, res);
    if (!rows) return;
    std::int64_t now = range->until ? range->until : ctx.clock->now_ms();
    auto m = people::team_matrix(config->engage, team, *rows, now);
    nlohmann::json j = named ? people::to_json(m) : people::aggregate_json(m);
    j["view"] = named ? "members" : "aggregate";
    j["thresholds"] = thresholds();
    send_json(res, j);
  });

  add_route(http, ctx, "GET", "/api/v1/teams/{team}/gaps", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who) return;
    auto config = ctx.service->config();
    const std::string team = req.matches[1].str();
    auto view = team_view(*who, config->engage, team, "gaps", res);
    if (!view) return;
    const bool named = *view;
    auto range = range_param(req, res);
    if (!range) return;
    auto& db = read_connection(ctx.service->db_path());
    std::int64_t since = range->since, until = range->until;
    if (!until) {
      auto d = people::default_gap_range(db, team, ctx.clock->now_ms());
      if (!d) {
        send_error(res, 503, "store", d.message());
        return;
      }
      until = d->second;
    }
    if (!since) since = until - people::kDefaultGapRangeMs;
    // Levels come from all evidence up to the end of the range, not only the range's own cases.
    auto rows = evidence(ctx, config->engage, {0, until, ""}, res);
    if (!rows) return;
    auto g = people::team_gaps(db, config->engage, team, since, until, *rows, until);
    if (!g) {
      send_error(res, 400, "bad_range", g.message());
      return;
    }
    nlohmann::json j = people::to_json(*g, named);
    j["view"] = named ? "members" : "aggregate";
    send_json(res, j);
  });
}

}  // namespace parley::server
