// Social goals: measurable targets a person (or their lead) sets for a period, drawn from the same case
// metrics the product reports, e.g. "first response within 30 min on 90% of my cases this month". Goals are
// stored; their progress is computed on read from the cases tables, so it cannot disagree with the metrics.
// Metrics, directions and the minimum sample are in docs/growth.md ("Goals").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/core/status.h"
#include "parley/store/sqlite/connection.h"

namespace parley::people {

enum class GoalMetric {
  first_response_within,  // share of my cases first answered within `within_min`
  resolution_within,      // share of my cases resolved within `within_min` of opening
  sla_hit_rate,           // share of my resolved cases with no SLA breach
  csat_average,           // mean CSAT (1-5) of my rated cases
  reopen_rate,            // share of my resolved cases reopened: at most the target
  sentiment_lift,         // mean (last - first) customer sentiment of my resolved cases
  kudos_received,         // kudos from colleagues
  accepted_answers,       // my answers accepted as the answer on a case
  knowledge_reuse,        // uses of my articles by others
};

struct GoalMetricInfo {
  GoalMetric metric;
  std::string_view name;
  std::string_view kind;   // share | mean | count
  bool at_most;            // true: the value must stay at or below the target
  bool needs_within;       // needs within_min
  double min_target, max_target;
};

const std::vector<GoalMetricInfo>& goal_metrics();
const GoalMetricInfo* goal_metric(std::string_view name);

// Shares and means over fewer cases say nothing yet: such a goal is "not_enough_data", never "met".
inline constexpr std::int64_t kMinGoalCases = 5;
inline constexpr std::int64_t kMaxGoalDays = 366;

struct Goal {
  std::int64_t id = 0;
  std::string handle;
  GoalMetric metric = GoalMetric::first_response_within;
  double target = 0;
  std::optional<std::int64_t> within_min;
  std::int64_t starts_at = 0, ends_at = 0;
  std::string set_by, note;
  std::int64_t created_at = 0;
};

struct GoalProgress {
  std::optional<double> value;  // nullopt: no case yet
  std::int64_t cases = 0;       // the sample behind a share or mean; the count itself for counts
  std::string status;           // met | missed | on_track | behind | not_enough_data
  double elapsed = 0;           // share of the period gone, [0, 1]
};

// Checks a goal a user asks for (metric known, target in range, within_min where needed, a sane period);
// the message says what to change.
Status validate_goal(const Goal& g);

Result<Goal> add_goal(sqlite::Connection& db, Goal g, std::int64_t now_ms);
// The person's goals, the latest period first; `active_at` (0 = all) keeps those whose period holds it.
Result<std::vector<Goal>> list_goals(sqlite::Connection& db, const std::string& handle, std::int64_t active_at = 0);
Result<std::optional<Goal>> find_goal(sqlite::Connection& db, std::int64_t id);
Status delete_goal(sqlite::Connection& db, std::int64_t id);

// Progress as of `now_ms` (only what happened in [starts_at, min(now, ends_at)) counts).
Result<GoalProgress> goal_progress(sqlite::Connection& db, const Goal& g, std::int64_t now_ms);

// "First response within 30 min on 90% of my cases"
std::string describe(const Goal& g);

nlohmann::json to_json(const Goal& g);
nlohmann::json to_json(const GoalProgress& p);

}  // namespace parley::people
