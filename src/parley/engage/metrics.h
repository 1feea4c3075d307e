// Service metrics over cases: how many, how fast the first and later answers came, how long resolution
// took, how often SLAs held, who answers, and whether customers left happier. Computed on demand from the
// cases tables (no separate rollups to drift out of step); docs/engage-metrics.md defines every figure.
//
// Business-hours durations need a calendar, which lives with the SLA engine: the caller passes the elapsed
// function of the calendar to measure in (for example BusinessClock::elapsed), so this file does not
// depend on it. Without one only calendar time is reported.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/core/status.h"
#include "parley/store/sqlite/connection.h"

namespace parley::engage {

// Open business time between two instants (Unix ms), a <= b. Empty = report calendar time only.
using BusinessElapsed = std::function<std::int64_t(std::int64_t, std::int64_t)>;

enum class MetricsGroupBy : std::uint8_t { none, team, assignee, source, intent };
std::string_view to_string(MetricsGroupBy g);
std::optional<MetricsGroupBy> parse_metrics_group_by(std::string_view s);

struct MetricsQuery {
  std::string team, assignee, source, intent;  // "" = any; source is the channel
  std::vector<std::string> functions;          // scoping: the functions the user may see; empty = all
  std::int64_t opened_since = 0, opened_until = 0;  // Unix ms, [since, until) on opened_at; 0 = unbounded
  MetricsGroupBy group_by = MetricsGroupBy::none;
};

struct DurationStats {
  std::uint64_t count = 0;
  double median_ms = 0, p90_ms = 0, mean_ms = 0;  // 0 when count is 0
};

struct TimeMetric {
  DurationStats calendar;
  std::optional<DurationStats> business;  // only when a BusinessElapsed was given
};

struct FirstResponseBuckets {  // calendar time to the first staff answer
  std::uint64_t under_1h = 0, h1_to_4 = 0, h4_to_8 = 0, h8_to_24 = 0, over_24h = 0;
  std::uint64_t unanswered = 0;  // open or waiting cases with no staff answer yet
};

struct SlaClockRate {
  std::uint64_t with_deadline = 0;  // cases that had a deadline on this clock
  std::uint64_t met = 0, breached = 0, pending = 0;  // pending: still running or paused, not breached
  std::optional<double> hit_rate;   // met / (met + breached); nullopt when nothing is decided yet
};

struct SentimentLift {
  std::uint64_t cases = 0;          // resolved cases with a first and a last customer sentiment
  std::optional<double> mean_lift;  // mean of last - first
  std::optional<double> improved_share;  // share with last > first
};

struct Answers {
  std::uint64_t staff_responses = 0, community_responses = 0, community_accepted = 0;
  std::uint64_t resolved_by_staff = 0, resolved_by_community = 0;
};

struct Csat {
  std::uint64_t count = 0;
  std::optional<double> mean, satisfied_share;  // satisfied: a score of 4 or 5
};

struct Metrics {
  std::string group;                 // the group's key ("" for totals; "" is also the unassigned group)
  std::uint64_t opened = 0, resolved = 0, merged = 0;  // cases opened in the range, and of those now...
  std::uint64_t backlog = 0, queued = 0;  // now: open or waiting, and of those unassigned (any opened_at)
  TimeMetric first_response, next_response, resolution;
  FirstResponseBuckets first_response_buckets;
  std::array<SlaClockRate, 3> sla;   // by SlaClock: first response, next response, resolution
  std::uint64_t reopened = 0;        // resolved cases that had been reopened
  std::optional<double> reopen_rate; // reopened / resolved
  SentimentLift sentiment;
  Answers answers;
  Csat csat;
  std::vector<Metrics> groups;       // with a group_by: one row per key, ordered by key
};

Result<Metrics> compute_metrics(sqlite::Connection& db, const MetricsQuery& q,
                                const BusinessElapsed& business_elapsed = nullptr);

nlohmann::json to_json(const Metrics& m);

}  // namespace parley::engage
