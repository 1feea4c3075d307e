// Signing in and out, who am I, and the live stream of case events (server-sent events).
#include <chrono>

#include "parley/server/api_context.h"

namespace parley::server {

void register_auth_routes(httplib::Server& http, ApiContext& ctx) {
  add_route(http, ctx, "POST", "/api/v1/auth/login", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto body = json_body(req, res);
    if (!body) return;
    std::string user = body->value("user", ""), password = body->value("password", "");
    if (user.empty() || password.empty()) {
      send_error(res, 400, "missing_credentials", "send {\"user\": ..., \"password\": ...}");
      return;
    }
    auto p = ctx.users->authenticate_password(user, password);
    if (!p) {
      send_error(res, 401, "sign_in_failed", p.message());
      return;
    }
    std::string session = ctx.users->create_session(*p);
    res.set_header("Set-Cookie", "parley_session=" + session + "; Path=/; HttpOnly; SameSite=Strict");
    send_json(res, {{"session", session}, {"user", p->name}, {"role", auth::role_name(p->role)}});
  });
  add_route(http, ctx, "POST", "/api/v1/auth/logout", [&ctx](const httplib::Request& req, httplib::Response& res) {
    std::string header = req.get_header_value("Authorization");
    if (header.rfind("Bearer ", 0) == 0) ctx.users->end_session(header.substr(7));
    std::string c = req.get_header_value("Cookie");
    auto at = c.find("parley_session=");
    if (at != std::string::npos) {
      auto end = c.find(';', at);
      ctx.users->end_session(c.substr(at + 15, end == std::string::npos ? std::string::npos : end - at - 15));
    }
    res.set_header("Set-Cookie", "parley_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    send_json(res, {{"signed_out", true}});
  });
  add_route(http, ctx, "GET", "/api/v1/me", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who) return;
    nlohmann::json j = {{"user", who->name}, {"role", auth::role_name(who->role)}, {"functions", who->functions}};
    auto config = ctx.service->config();
    if (const EmployeeDef* e = config->engage.employee(who->name))
      j["employee"] = {{"name", e->name}, {"teams", e->teams}, {"skills", e->skills}, {"capacity", e->capacity}};
    send_json(res, j);
  });
}

void register_event_routes(httplib::Server& http, ApiContext& ctx) {
  // GET /api/v1/events: text/event-stream of case events the caller may see. Last-Event-ID (header or
  // ?last_event_id=) replays what a reconnecting client missed, while the hub still holds it.
  add_route(http, ctx, "GET", "/api/v1/events", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who) return;
    std::uint64_t last = ctx.hub->last_id();
    std::string from = req.get_header_value("Last-Event-ID");
    if (from.empty() && req.has_param("last_event_id")) from = req.get_param_value("last_event_id");
    if (!from.empty()) {
      try {
        last = std::stoull(from);
      } catch (...) {
        send_error(res, 400, "bad_last_event_id", "Last-Event-ID must be the number of an event");
        return;
      }
    }
    auth::Principal principal = *who;
    auto sub = std::shared_ptr<Subscription>(ctx.hub->subscribe(last, [principal](const Event& e) {
      if (e.functions.empty()) return true;
      for (const auto& f : e.functions)
        if (principal.sees_function(f)) return true;
      return false;
    }));
    res.set_header("Cache-Control", "no-cache");
    res.set_header("X-Accel-Buffering", "no");
    auto gap_sent = std::make_shared<bool>(false);
    res.set_chunked_content_provider("text/event-stream", [sub, gap_sent](std::size_t, httplib::DataSink& sink) {
      if (sub->gap() && !*gap_sent) {
        *gap_sent = true;  // once: the client reloads its lists, then follows the stream
        static const std::string gap = "event: gap\ndata: {}\n\n";
        if (!sink.write(gap.data(), gap.size())) return false;
      }
      auto e = sub->next(std::chrono::milliseconds(15000));
      std::string chunk;
      if (e) chunk = format_sse(*e);
      else if (sub->closed()) return false;
      else chunk = ": keep-alive\n\n";  // lets proxies and the client see the stream is alive
      return sink.write(chunk.data(), chunk.size());
    });
  });
}

}  // namespace parley::server
