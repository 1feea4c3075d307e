// Growth: social goals and peer feedback on replies (docs/growth.md). A goal is set by the person, one of
// their leads or an admin, and seen by the same people; feedback is given by a colleague who can see the
// case, and read by its recipient, the giver, the recipient's leads and admins. Writes go through the
// service's writer connection, reads through the request thread's own.
#include <cstdlib>
#include <map>

#include "parley/core/time.h"

#include "parley/people/peer_feedback.h"
#include "parley/people/social_goals.h"
#include "parley/server/api_context.h"
#include "parley/server/case_access.h"
#include "parley/server/people_access.h"

namespace parley::server {
namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
constexpr std::int64_t kDefaultGoalDays = 30;

// May `who` read this comment? Kudos are visible to everyone who sees the case; comments are for the
// person they are about.
bool may_read_comment(const auth::Principal& who, const EngageConfig& config, const people::Feedback& f) {
  if (f.kind == "kudos" || who.role == Role::admin || who.name == f.to_handle || who.name == f.from_user) return true;
  if (const EmployeeDef* to = config.employee(f.to_handle))
    for (const auto& t : to->teams)
      if (leads_team(who, config, t)) return true;
  return false;
}

// A time from a JSON field: Unix ms or ISO 8601; `fallback` when absent.
std::optional<std::int64_t> json_time(const nlohmann::json& body, const char* key, std::int64_t fallback,
                                      httplib::Response& res) {
  auto v = body.find(key);
  if (v == body.end() || v->is_null()) return fallback;
  if (v->is_number_integer()) return v->get<std::int64_t>();
  if (v->is_string())
    if (auto t = parse_iso8601_ms(v->get<std::string>())) return *t;
  send_error(res, 400, "bad_time", std::string(key) + " must be Unix milliseconds or an ISO 8601 time");
  return std::nullopt;
}

nlohmann::json goal_with_progress(sqlite::Connection& db, const people::Goal& g, std::int64_t now,
                                  httplib::Response& res, bool& ok) {
  auto p = people::goal_progress(db, g, now);
  if (!p) {
    send_error(res, 503, "store", p.message());
    ok = false;
    return nullptr;
  }
  nlohmann::json j = people::to_json(g);
  j["progress"] = people::to_json(*p);
  return j;
}

}  // namespace

void register_growth_routes(httplib::Server& http, ApiContext& ctx) {
  add_route(http, ctx, "GET", "/api/v1/people/{handle}/goals", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto request = person_request(ctx, req, res);
    if (!request) return;
    const auto& [who, config, person] = *request;
    auto& db = read_connection(ctx.service->db_path());
    auto goals = people::list_goals(db, person->handle);
    if (!goals) {
      send_error(res, 503, "store", goals.message());
      return;
    }
    const std::int64_t now = ctx.clock->now_ms();
    nlohmann::json out = nlohmann::json::array();
    for (const auto& g : *goals) {
      bool ok = true;
      auto j = goal_with_progress(db, g, now, res, ok);
      if (!ok) return;
      out.push_back(std::move(j));
    }
    nlohmann::json metrics = nlohmann::json::array();
    for (const auto& m : people::goal_metrics())
      metrics.push_back({{"metric", m.name}, {"kind", m.kind}, {"direction", m.at_most ? "at_most" : "at_least"},
                         {"needs_within", m.needs_within}, {"min_target", m.min_target}, {"max_target", m.max_target}});
    send_json(res, {{"handle", person->handle}, {"goals", out}, {"metrics", metrics}, {"now", now}});
  });

  add_route(http, ctx, "POST", "/api/v1/people/{handle}/goals", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto request = person_request(ctx, req, res);
    if (!request) return;
    const auto& [who, config, person] = *request;
    auto body = json_body(req, res);
    if (!body) return;
    const auto* info = people::goal_metric(body->value("metric", ""));
    if (!info) {
      std::string names;
      for (const auto& m : people::goal_metrics()) names += (names.empty() ? "" : ", ") + std::string(m.name);
      send_error(res, 400, "bad_metric", "metric must be one of: " + names);
      return;
    }
    auto target = body->find("target");
    if (target == body->end() || !target->is_number()) {
      send_error(res, 400, "bad_target", "target must be a number (a share: 0.9 for 90%)");
      return;
    }
    const std::int64_t now = ctx.clock->now_ms();
    const std::int64_t today = now - now % kDayMs;
    auto starts = json_time(*body, "starts_at", today, res);
    if (!starts) return;
    auto ends = json_time(*body, "ends_at", *starts + kDefaultGoalDays * kDayMs, res);
    if (!ends) return;
    people::Goal g;
    g.handle = person->handle;
    g.metric = info->metric;
    g.target = target->get<double>();
    if (auto w = body->find("within_min"); w != body->end() && !w->is_null()) {
      if (!w->is_number_integer()) {
        send_error(res, 400, "bad_goal", "within_min must be a whole number of minutes");
        return;
      }
      g.within_min = w->get<std::int64_t>();
    }
    g.starts_at = *starts;
    g.ends_at = *ends;
    g.set_by = who.name;
    if (auto n = body->find("note"); n != body->end() && n->is_string()) g.note = n->get<std::string>();
    if (auto s = people::validate_goal(g); !s) {
      send_error(res, 400, "bad_goal", s.message());
      return;
    }
    Result<people::Goal> saved = Status::error("not saved");
    ctx.service->with_connection([&](sqlite::Connection& db) { saved = people::add_goal(db, g, now); });
    if (!saved) {
      send_error(res, 503, "store", saved.message());
      return;
    }
    bool ok = true;
    auto j = goal_with_progress(read_connection(ctx.service->db_path()), *saved, now, res, ok);
    if (ok) send_json(res, j, 201);
  });

  add_route(http, ctx, "DELETE", "/api/v1/people/{handle}/goals/{id}", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto request = person_request(ctx, req, res);
    if (!request) return;
    const auto& [who, config, person] = *request;
    const std::int64_t id = std::atoll(req.matches[2].str().c_str());
    auto g = people::find_goal(read_connection(ctx.service->db_path()), id);
    if (!g) {
      send_error(res, 503, "store", g.message());
      return;
    }
    if (!*g || (*g)->handle != person->handle) {
      send_error(res, 404, "no_goal", "no goal " + req.matches[2].str() + " of " + person->handle);
      return;
    }
    Status s;
    ctx.service->with_connection([&](sqlite::Connection& db) { s = people::delete_goal(db, id); });
    if (!s) {
      send_error(res, 503, "store", s.message());
      return;
    }
    send_json(res, {{"deleted", id}});
  });

  add_route(http, ctx, "GET", "/api/v1/people/{handle}/feedback", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto request = person_request(ctx, req, res);
    if (!request) return;
    const auto& [who, config, person] = *request;
    auto range = range_param(req, res);
    if (!range) return;
    auto rows = people::feedback_received(read_connection(ctx.service->db_path()), person->handle, range->since, range->until);
    if (!rows) {
      send_error(res, 503, "store", rows.message());
      return;
    }
    nlohmann::json out = nlohmann::json::array();
    std::int64_t kudos = 0, comments = 0;
    for (const auto& f : *rows) {
      (f.kind == "kudos" ? kudos : comments)++;
      out.push_back(people::to_json(f));
    }
    send_json(res, {{"handle", person->handle}, {"kudos", kudos}, {"comments", comments}, {"feedback", out}});
  });

  add_route(http, ctx, "GET", "/api/v1/cases/{id}/feedback", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who || !may_read_cases(*who, res)) return;
    auto& db = read_connection(ctx.service->db_path());
    auto d = visible_case(db, *who, req, res);
    if (!d) return;
    auto rows = people::feedback_on_case(db, d->c.id);
    if (!rows) {
      send_error(res, 503, "store", rows.message());
      return;
    }
    auto config = ctx.service->config();
    // Per reply: its kudos (count, from whom, whether the caller gave one) and the comments the caller may read.
    std::map<std::int64_t, nlohmann::json> replies;
    for (const auto& f : *rows) {
      auto& r = replies[f.post_id];
      if (r.is_null())
        r = {{"post_id", f.post_id}, {"to", f.to_handle}, {"kudos", 0}, {"kudos_from", nlohmann::json::array()},
             {"kudos_from_me", false}, {"comments", nlohmann::json::array()}};
      if (f.kind == "kudos") {
        r["kudos"] = r["kudos"].get<std::int64_t>() + 1;
        r["kudos_from"].push_back(f.from_user);
        if (f.from_user == who->name) r["kudos_from_me"] = true;
      } else if (may_read_comment(*who, config->engage, f)) {
        r["comments"].push_back(people::to_json(f));
      }
    }
    nlohmann::json out = nlohmann::json::array();
    for (auto& [id, r] : replies) out.push_back(std::move(r));
    send_json(res, {{"case_id", d->c.id}, {"replies", out}});
  });

  add_route(http, ctx, "POST", "/api/v1/cases/{id}/replies/{post_id}/feedback",
            [&ctx](const httplib::Request& req, httplib::Response& res) {
              auto who = authenticate(ctx, req, res);
              if (!who || !may_read_cases(*who, res)) return;
              auto body = json_body(req, res);
              if (!body) return;
              auto d = visible_case(read_connection(ctx.service->db_path()), *who, req, res);
              if (!d) return;
              people::FeedbackInput in;
              in.case_id = d->c.id;
              in.post_id = std::atoll(req.matches[2].str().c_str());
              in.from_user = who->name;
              in.kind = body->value("kind", "");
              if (auto t = body->find("text"); t != body->end() && t->is_string()) in.text = t->get<std::string>();
              Result<people::FeedbackOutcome> out = Status::error("not saved");
              ctx.service->with_connection(
                  [&](sqlite::Connection& db) { out = people::give_feedback(db, in, ctx.clock->now_ms()); });
              if (!out) {
                send_error(res, 503, "store", out.message());
                return;
              }
              switch (out->refusal) {
                case people::FeedbackRefusal::none: send_json(res, people::to_json(out->feedback), 201); return;
                case people::FeedbackRefusal::bad_input: send_error(res, 400, "bad_feedback", out->message); return;
                case people::FeedbackRefusal::no_reply: send_error(res, 404, "no_reply", out->message); return;
                case people::FeedbackRefusal::own_reply: send_error(res, 403, "own_reply", out->message); return;
                case people::FeedbackRefusal::already_given: send_error(res, 409, "conflict", out->message); return;
              }
            });
}

}  // namespace parley::server
