#include "parley/server/api_context.h"

#include "parley/auth/secrets.h"

#include <algorithm>
#include <map>

namespace parley::server {

void send_json(httplib::Response& res, const nlohmann::json& body, int status) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void send_error(httplib::Response& res, int status, std::string_view code, std::string_view message) {
  send_json(res, {{"error", {{"code", code}, {"message", message}}}}, status);
}

std::optional<nlohmann::json> json_body(const httplib::Request& req, httplib::Response& res) {
  auto j = nlohmann::json::parse(req.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    send_error(res, 400, "bad_json", "the request body must be a JSON object");
    return std::nullopt;
  }
  return j;
}

namespace {

std::string cookie(const httplib::Request& req, std::string_view name) {
  std::string header = req.get_header_value("Cookie");
  std::string_view h = header;
  while (!h.empty()) {
    auto semi = h.find(';');
    std::string_view part = h.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=')
      return std::string(part.substr(name.size() + 1));
    if (semi == std::string_view::npos) break;
    h.remove_prefix(semi + 1);
  }
  return {};
}

}  // namespace

std::optional<auth::Principal> authenticate(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  std::optional<auth::Principal> who;
  std::string header = req.get_header_value("Authorization");
  std::string credential;
  if (header.rfind("Bearer ", 0) == 0) credential = header.substr(7);
  else credential = cookie(req, "parley_session");
  if (credential.empty() && req.has_param("access_token")) credential = req.get_param_value("access_token");  // SSE
  if (credential.empty()) {
    send_error(res, 401, "unauthenticated",
               "sign in (POST /api/v1/auth/login) or send 'Authorization: Bearer <token>' (parley token create)");
    return std::nullopt;
  }
  // Anything shaped like a token is checked as one, so a mistyped token gets "unknown API token", not
  // "session ended".
  if (credential.rfind(auth::kTokenPrefix, 0) == 0 || auth::looks_like_api_token(credential)) {
    auto p = ctx.users->authenticate_token(credential);
    if (!p) {
      send_error(res, 401, "bad_token", p.message());
      return std::nullopt;
    }
    who = std::move(*p);
  } else {
    who = ctx.users->session(credential);
    if (!who) {
      send_error(res, 401, "session_expired", "the session has ended: sign in again");
      return std::nullopt;
    }
  }
  // Leads and agents see the functions of the teams they belong to, unless their user record says more.
  if (who->functions.empty() && (who->role == Role::lead || who->role == Role::agent)) {
    auto config = ctx.service->config();
    if (const EmployeeDef* e = config->engage.employee(who->name)) {
      for (const auto& t : e->teams)
        if (const TeamDef* team = config->engage.team(t))
          if (std::find(who->functions.begin(), who->functions.end(), team->function) == who->functions.end())
            who->functions.push_back(team->function);
    }
    // Somebody with no team sees nothing rather than everything.
    if (who->functions.empty()) who->functions.push_back("(none)");
  }
  return who;
}

bool require_role(const auth::Principal& p, std::initializer_list<Role> roles, httplib::Response& res) {
  for (Role r : roles)
    if (p.role == r) return true;
  std::string allowed;
  for (Role r : roles) allowed += (allowed.empty() ? "" : ", ") + std::string(auth::role_name(r));
  send_error(res, 403, "forbidden",
             "your role (" + std::string(auth::role_name(p.role)) + ") cannot do this; it needs: " + allowed);
  return false;
}

sqlite::Connection& read_connection(const std::string& db_path) {
  thread_local std::map<std::string, sqlite::Connection> connections;
  auto it = connections.find(db_path);
  if (it == connections.end()) {
    auto c = sqlite::Connection::open(db_path);
    if (!c) throw std::runtime_error("cannot open " + db_path + ": " + c.message());
    (void)c->exec("PRAGMA busy_timeout = 5000; PRAGMA query_only = 1;");
    it = connections.emplace(db_path, std::move(*c)).first;
  }
  return it->second;
}

void add_route(httplib::Server& http, ApiContext& ctx, const std::string& method, const std::string& path,
               Handler handler) {
  std::string pattern;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '{') {
      i = path.find('}', i);
      pattern += "([^/]+)";
    } else {
      pattern.push_back(path[i]);
    }
  }
  ctx.routes.push_back(method + " " + path);
  if (method == "GET") http.Get(pattern, std::move(handler));
  else if (method == "POST") http.Post(pattern, std::move(handler));
  else if (method == "PUT") http.Put(pattern, std::move(handler));
  else if (method == "DELETE") http.Delete(pattern, std::move(handler));
  else if (method == "PATCH") http.Patch(pattern, std::move(handler));
}

std::optional<std::int64_t> int_param(const httplib::Request& req, const std::string& name) {
  if (!req.has_param(name)) return std::nullopt;
  const std::string v = req.get_param_value(name);
  try {
    std::size_t used = 0;
    long long x = std::stoll(v, &used);
    if (used != v.size()) return std::nullopt;
    return x;
  } catch (...) {
    return std::nullopt;
  }
}

std::optional<std::int64_t> time_param(const httplib::Request& req, const std::string& name, httplib::Response& res) {
  if (!req.has_param(name)) return 0;
  std::string v = req.get_param_value(name);
  if (auto ms = int_param(req, name)) return *ms;
  if (auto ms = parse_iso8601_ms(v)) return *ms;
  send_error(res, 400, "bad_time", "'" + name + "' must be ISO 8601 (2026-11-01T00:00:00Z) or Unix milliseconds");
  return std::nullopt;
}

}  // namespace parley::server
