// Cases: the inbox list, one case with its thread and history, actions, knowledge suggestions, queues.
// Function scoping is applied here and in every query: a case of a function the caller may not see is
// "not found", exactly as if it did not exist.
#include <algorithm>
#include <optional>
#include <sstream>

#include "parley/engage/case_queries.h"
#include "parley/engage/knowledge.h"
#include "parley/engage/tone_check.h"
#include "parley/server/api_context.h"
#include "parley/server/case_access.h"

namespace parley::server {
namespace {

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

}  // namespace

void register_case_routes(httplib::Server& http, ApiContext& ctx) {
  add_route(http, ctx, "GET", "/api/v1/cases", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who || !may_read_cases(*who, res)) return;
    engage::CaseFilter f;
    f.statuses = split_list(req.get_param_value("status"));
    for (const auto& s : f.statuses)
      if (!engage::parse_case_status(s)) {
        send_error(res, 400, "bad_status", "status '" + s + "': use open, waiting, resolved or merged");
        return;
      }
    f.teams = split_list(req.get_param_value("team"));
    f.functions = who->functions;
    f.assignee = req.get_param_value("assignee");
    if (f.assignee == "me") f.assignee = who->name;
    f.intent = req.get_param_value("intent");
    f.priority = req.get_param_value("priority");
    f.source = req.get_param_value("channel");
    f.language = req.get_param_value("language");
    f.sentiment = req.get_param_value("sentiment");
    f.sla = req.get_param_value("sla");
    f.text = req.get_param_value("q");
    auto since = time_param(req, "since", res);
    if (!since) return;
    auto until = time_param(req, "until", res);
    if (!until) return;
    f.opened_since = *since;
    f.opened_until = *until;
    if (req.has_param("sort")) {
      auto s = engage::parse_case_sort(req.get_param_value("sort"));
      if (!s) {
        send_error(res, 400, "bad_sort", "sort must be opened, priority, updated or sla_due");
        return;
      }
      f.sort = *s;
    }
    if (req.has_param("limit")) {
      auto l = int_param(req, "limit");
      if (!l || *l < 1) {
        send_error(res, 400, "bad_limit", "limit must be a number from 1 to 200");
        return;
      }
      f.limit = static_cast<int>(std::min<std::int64_t>(*l, engage::kMaxCasePage));
    }
    if (req.has_param("offset")) {
      auto o = int_param(req, "offset");
      if (!o || *o < 0) {
        send_error(res, 400, "bad_offset", "offset must be a number >= 0");
        return;
      }
      f.offset = static_cast<int>(*o);
    }
    f.cursor = req.get_param_value("cursor");
    engage::CaseQueries q(read_connection(ctx.service->db_path()));
    auto page = q.list(f);
    if (!page) {
      send_error(res, 400, "bad_filter", page.message());
      return;
    }
    send_json(res, engage::to_json(*page));
  });

  add_route(http, ctx, "GET", "/api/v1/cases/{id}", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who || !may_read_cases(*who, res)) return;
    auto d = visible_case(read_connection(ctx.service->db_path()), *who, req, res);
    if (d) send_json(res, engage::to_json(*d));
  });

  add_route(http, ctx, "POST", "/api/v1/cases/{id}/actions", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who || !may_read_cases(*who, res)) return;
    auto body = json_body(req, res);
    if (!body) return;
    if (!visible_case(read_connection(ctx.service->db_path()), *who, req, res)) return;
    std::int64_t id = std::atoll(req.matches[1].str().c_str());
    engage::Action a;
    a.type = body->value("type", "");
    a.actor = who->name;
    a.args = *body;
    if (a.type.empty()) {
      send_error(res, 400, "missing_type", "send {\"type\": \"reply\" | \"note\" | \"resolve\" | ...} (docs/api.md)");
      return;
    }
    // Assigning or handing off someone else's work is for leads and admins; agents may pick a case up.
    if ((a.type == "assign" && body->value("to", "") != who->name) || a.type == "merge")
      if (!require_role(*who, {Role::admin, Role::lead}, res)) return;
    auto events = ctx.service->act(id, a);
    if (!events) {
      const std::string& m = events.message();
      bool state = m.find("already") != std::string::npos || m.find("only ") == 0 || m.find("reopen it") != std::string::npos ||
                   m.find("is not open") != std::string::npos;
      send_error(res, state ? 409 : 400, state ? "conflict" : "bad_action", m);
      return;
    }
    if (a.type == "reply" && ctx.on_reply) ctx.on_reply();
    nlohmann::json ev = nlohmann::json::array();
    for (const auto& e : *events) ev.push_back(engage::to_json(e));
    auto after = engage::CaseQueries(read_connection(ctx.service->db_path())).detail(id);
    send_json(res, {{"events", ev}, {"case", after ? engage::to_json(after->c) : nlohmann::json(nullptr)}});
  });

  add_route(http, ctx, "GET", "/api/v1/cases/{id}/suggestions", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who || !may_read_cases(*who, res)) return;
    auto& db = read_connection(ctx.service->db_path());
    auto d = visible_case(db, *who, req, res);
    if (!d) return;
    std::int64_t id = d->c.id;
    int limit = static_cast<int>(std::clamp<std::int64_t>(int_param(req, "limit").value_or(5), 1, 50));
    auto s = engage::KnowledgeBase(db).suggest_for_case(id, who->functions, limit);
    if (!s) {
      send_error(res, 500, "internal", s.message());
      return;
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& x : *s) out.push_back(engage::to_json(x));
    send_json(res, {{"suggestions", out}});
  });

  add_route(http, ctx, "POST", "/api/v1/cases/{id}/tone", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who || !may_read_cases(*who, res)) return;
    auto body = json_body(req, res);
    if (!body) return;
    if (!body->contains("text") || !(*body)["text"].is_string()) {
      send_error(res, 400, "missing_text", "send {\"text\": \"the draft reply\"}");
      return;
    }
    auto& db = read_connection(ctx.service->db_path());
    auto d = visible_case(db, *who, req, res);
    if (!d) return;
    const std::string text = (*body)["text"].get<std::string>();
    engage::ToneInput in;
    in.text = text;
    in.channel = d->c.source;
    for (const auto& p : d->posts)
      if (p.from_customer) {
        in.customer_handle = p.author.handle;
        in.customer_name = p.author.name;
        break;
      }
    // The organisation's latest public replies: what "canned" is measured against.
    auto recent = db.prepare(
        "SELECT pa.simhash FROM posts p JOIN authors a ON a.id = p.author_id JOIN post_analysis pa ON pa.post_id = p.id "
        "WHERE a.kind = 'employee' AND p.audience = 'public' ORDER BY p.id DESC LIMIT 500");
    if (!recent) {
      send_error(res, 500, "internal", recent.message());
      return;
    }
    while (true) {
      auto row = recent->step();
      if (!row || !*row) break;
      in.recent_staff_replies.push_back(static_cast<std::uint64_t>(recent->int64(0)));
    }
    auto report = engage::check_tone(in);
    nlohmann::json flags = nlohmann::json::array();
    for (const auto& f : report.flags) flags.push_back({{"code", f.code}, {"message", f.message}});
    send_json(res, {{"ok", report.ok}, {"flags", flags}, {"sentiment", report.sentiment}, {"near_copies", report.near_copies}});
  });

  add_route(http, ctx, "GET", "/api/v1/queues", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who) return;
    auto counts = engage::CaseQueries(read_connection(ctx.service->db_path())).queue_counts(who->functions);
    if (!counts) {
      send_error(res, 500, "internal", counts.message());
      return;
    }
    nlohmann::json j = engage::to_json(*counts);
    if (who->role == Role::analyst)  // aggregates only: no per-person load
      for (auto& team : j)
        if (team.is_object()) team.erase("assignees");
    send_json(res, {{"queues", j}});
  });
}

}  // namespace parley::server
