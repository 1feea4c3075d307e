// Recognition: a person's points and badges with the reasons behind them, and a team's leaderboard
// (docs/growth.md, "Recognition"). The leaderboard is recognition, so the team's own members see it with
// names, as do its leads and admins; analysts see the distribution only. A person's breakdown (which cases
// earned what) follows the profile rule: themselves, their leads, admins.
#include <cstdlib>

#include "parley/people/recognition.h"
#include "parley/server/api_context.h"
#include "parley/server/people_access.h"

namespace parley::server {
namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
constexpr std::int64_t kDefaultPeriodDays = 30;

// `period=7d|30d|90d|365d` ending at `until` (default now), or explicit since/until. Answers 400 itself.
std::optional<TimeRange> period_param(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto r = range_param(req, res);
  if (!r) return std::nullopt;
  if (!r->until) r->until = ctx.clock->now_ms();
  std::int64_t days = kDefaultPeriodDays;
  if (req.has_param("period")) {
    const std::string p = req.get_param_value("period");
    char* end = nullptr;
    days = std::strtoll(p.c_str(), &end, 10);
    if (p.empty() || std::string(end) != "d" || days < 1 || days > 366) {
      send_error(res, 400, "bad_period", "period must be a number of days such as 7d, 30d, 90d or 365d");
      return std::nullopt;
    }
    if (r->since) {
      send_error(res, 400, "bad_period", "give either period or since, not both");
      return std::nullopt;
    }
  }
  if (!r->since) r->since = r->until - days * kDayMs;
  if (r->since >= r->until) {
    send_error(res, 400, "bad_period", "since must be before until");
    return std::nullopt;
  }
  return r;
}

nlohmann::json rules() {
  using namespace people;
  return {{"resolved_well", {{"points", kPointsResolvedWell}, {"min_score", kGoodScore}, {"max_per_day", kMaxResolvedPerDay}}},
          {"delighted", {{"points", kPointsDelighted}}},
          {"praised", {{"points", kPointsPraised}}},
          {"turnaround", {{"points", kPointsTurnaround}}},
          {"accepted_answer", {{"points", kPointsAccepted}}},
          {"knowledge_reused", {{"points", kPointsReused}}},
          {"kudos", {{"points", kPointsKudos}, {"max_per_colleague", kMaxKudosPerGiver}}},
          {"goal_met", {{"points", kPointsGoalMet}}}};
}

}  // namespace

void register_recognition_routes(httplib::Server& http, ApiContext& ctx) {
  add_route(http, ctx, "GET", "/api/v1/people/{handle}/recognition", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto request = person_request(ctx, req, res);
    if (!request) return;
    const auto& [who, config, person] = *request;
    auto range = period_param(ctx, req, res);
    if (!range) return;
    auto r = people::recognise(read_connection(ctx.service->db_path()), config->engage, {person->handle}, range->since,
                               range->until, ctx.clock->now_ms());
    if (!r) {
      send_error(res, 503, "store", r.message());
      return;
    }
    nlohmann::json j = people::to_json(r->front(), true);
    j["since"] = range->since;
    j["until"] = range->until;
    j["rules"] = rules();
    send_json(res, j);
  });

  add_route(http, ctx, "GET", "/api/v1/teams/{team}/leaderboard", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who) return;
    auto config = ctx.service->config();
    const std::string team = req.matches[1].str();
    // Members see their own team's board with names; otherwise the usual team rule.
    const bool member = in_team(config->engage.employee(who->name), team) && config->engage.team(team);
    bool named = member;
    if (!member) {
      auto view = team_view(*who, config->engage, team, "leaderboards", res);
      if (!view) return;
      named = *view;
    }
    auto range = period_param(ctx, req, res);
    if (!range) return;
    auto board = people::leaderboard(read_connection(ctx.service->db_path()), config->engage, team, range->since,
                                     range->until, ctx.clock->now_ms());
    if (!board) {
      send_error(res, 503, "store", board.message());
      return;
    }
    nlohmann::json j = {{"team", team}, {"since", range->since}, {"until", range->until}, {"rules", rules()},
                        {"view", named ? "members" : "aggregate"}};
    if (named) {
      nlohmann::json rows = nlohmann::json::array();
      // The breakdown of each row is for the person and their leads; teammates see points and badges.
      const bool lines = who->role == Role::admin || leads_team(*who, config->engage, team);
      for (const auto& r : *board) rows.push_back(people::to_json(r, lines || r.handle == who->name));
      j["leaderboard"] = rows;
    } else {
      j["aggregate"] = people::aggregate_json(*board);
    }
    send_json(res, j);
  });
}

}  // namespace parley::server
