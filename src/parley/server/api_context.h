// What every route of the HTTP API shares: the service, the users, the event hub, limits, and the small
// helpers that make each route read the same way (JSON in, JSON out, errors a user can act on).
#pragma once

#include <httplib.h>

#include <cstdint>
#include <functional>
#include <vector>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "parley/auth/user_store.h"
#include "parley/server/engage_service.h"
#include "parley/server/event_hub.h"
#include "parley/server/rate_limiter.h"
#include "parley/store/sqlite/connection.h"

namespace parley::server {

struct ApiContext {
  EngageService* service = nullptr;
  auth::UserStore* users = nullptr;
  EventHub* hub = nullptr;
  RateLimiter* limiter = nullptr;
  const Clock* clock = nullptr;
  std::string docs_dir;          // where openapi.json lives
  std::size_t max_body_bytes = 8u << 20;
  std::size_t max_batch_posts = 1000;
  // Every route as "METHOD /path/{param}", in the OpenAPI spelling: a test compares it with docs/openapi.json.
  std::vector<std::string> routes;
  std::function<void()> on_reply;  // a reply was written: wake the outbox sender
};

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
// Registers a route written as in OpenAPI ("/api/v1/cases/{id}"); `{name}` matches one path segment,
// available to the handler as req.matches[1], [2], ...
void add_route(httplib::Server& http, ApiContext& ctx, const std::string& method, const std::string& path,
               Handler handler);

// Writes {"error": {"code": ..., "message": ...}} with the HTTP status.
void send_error(httplib::Response& res, int status, std::string_view code, std::string_view message);
void send_json(httplib::Response& res, const nlohmann::json& body, int status = 200);

// Parses the request body as a JSON object; on failure answers 400 and returns nullopt.
std::optional<nlohmann::json> json_body(const httplib::Request& req, httplib::Response& res);

// The signed-in principal for this request (bearer token, or the session cookie / bearer session id), with
// its functions narrowed to the employee's teams for leads and agents. Answers 401 and returns nullopt when
// there is none.
std::optional<auth::Principal> authenticate(ApiContext& ctx, const httplib::Request& req, httplib::Response& res);

// Answers 403 unless the principal has one of the roles.
bool require_role(const auth::Principal& p, std::initializer_list<Role> roles, httplib::Response& res);

// A read-only connection to the database for the calling thread (the handler threads read in parallel;
// SQLite's WAL gives each a consistent snapshot while the writer writes).
sqlite::Connection& read_connection(const std::string& db_path);

std::optional<std::int64_t> int_param(const httplib::Request& req, const std::string& name);
// A time in a query parameter: ISO 8601 or Unix ms; 0 when absent. Answers 400 and returns nullopt if bad.
std::optional<std::int64_t> time_param(const httplib::Request& req, const std::string& name, httplib::Response& res);

void register_post_routes(httplib::Server& http, ApiContext& ctx);
void register_case_routes(httplib::Server& http, ApiContext& ctx);
void register_auth_routes(httplib::Server& http, ApiContext& ctx);
void register_event_routes(httplib::Server& http, ApiContext& ctx);
void register_insight_routes(httplib::Server& http, ApiContext& ctx);  // metrics, knowledge, search, queues
void register_listening_routes(httplib::Server& http, ApiContext& ctx);  // volume, top entities, share of voice
void register_people_routes(httplib::Server& http, ApiContext& ctx);  // skill profiles, team skills and gaps
void register_growth_routes(httplib::Server& http, ApiContext& ctx);  // social goals, peer feedback
void register_recognition_routes(httplib::Server& http, ApiContext& ctx);  // points, badges, leaderboards
void register_jd_routes(httplib::Server& http, ApiContext& ctx);  // JD analysis, drafts from team gaps

}  // namespace parley::server
