// The case: one customer's (or colleague's) conversation that somebody in the organisation owes an answer,
// tracked from the first post to resolution. Plain data shared by the engine (writes), the queries
// (reads) and the HTTP API (JSON).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/config/engage_model.h"

namespace parley::engage {

enum class CaseKind : std::uint8_t { case_, acknowledge, internal_question };
enum class CaseStatus : std::uint8_t { open, waiting, resolved, merged };

std::string_view to_string(CaseKind k);
std::string_view to_string(CaseStatus s);
std::optional<CaseStatus> parse_case_status(std::string_view s);

// SLA clocks, also the low bits of a timer key (case id * 8 + clock * 2 + is_breach).
enum class SlaClock : std::uint8_t { first_response = 0, next_response = 1, resolution = 2 };
std::string_view to_string(SlaClock c);

struct Case {
  std::int64_t id = 0;
  CaseKind kind = CaseKind::case_;
  CaseStatus status = CaseStatus::open;
  std::string team, function;
  Priority priority = Priority::normal;
  std::string assignee;                 // "" = waiting in the team's queue
  std::string assign_reason;
  std::string rule, sla_policy;
  std::vector<std::string> tags;
  std::map<std::string, int> required_skills;
  std::string source, audience, intent, language;
  int urgency = 0;
  std::int64_t author_id = 0, first_post_id = 0;
  std::int64_t opened_at = 0, updated_at = 0;
  std::optional<std::int64_t> first_response_at, last_inbound_at, last_response_at, resolved_at;
  std::string resolved_by;              // "", "staff", "community"
  std::optional<double> first_sentiment, last_sentiment;
  int reopens = 0;
  std::optional<int> csat;
  std::optional<std::int64_t> merged_into, waiting_since;
  // SLA deadlines (Unix ms), nullopt when that clock is not running; warn instants, nullopt once warned.
  std::optional<std::int64_t> due[3], warn[3];
  int sla_breaches = 0, sla_warnings = 0;  // bit (1 << SlaClock)
  std::optional<std::int64_t> last_inbound_post;
};

// One entry of a case's history; also what the event stream publishes.
struct CaseEvent {
  std::int64_t id = 0;        // case_events.id
  std::int64_t case_id = 0;
  std::int64_t at = 0;
  std::string actor;          // user name, "router", "sla", "customer", "community", "assigner"
  std::string type;           // opened, assigned, queued, customer_post, response, community_reply, note, ...
  nlohmann::json data = nlohmann::json::object();
  std::string function;       // the case's function, for scoping who may see the event
  // `data` as stored in case_events (set by the engine, which writes it): lets event_json skip dumping it
  // again. Empty when not known; then `data` is dumped.
  std::string data_json;
};

nlohmann::json to_json(const Case& c);
nlohmann::json to_json(const CaseEvent& e);
// Exactly to_json(e).dump(), without building the object (the live event stream publishes every event).
std::string event_json(const CaseEvent& e);

}  // namespace parley::engage
