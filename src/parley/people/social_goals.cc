#include "parley/people/social_goals.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace parley::people {
namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
constexpr std::int64_t kMaxWithinMin = 7 * 24 * 60;

// The sample and the value of one metric over [since, until) for one person. Each query binds ?1 handle,
// ?2 since, ?3 until (and the *_within metrics ?4, the limit in ms) and answers (value, sample).
const char* metric_sql(GoalMetric m) {
  switch (m) {
    case GoalMetric::first_response_within:
      // A case still unanswered once the limit has passed is a miss already; one still inside it is not
      // judged yet.
      return "SELECT CAST(SUM(first_response_at IS NOT NULL AND first_response_at < ?3 AND first_response_at - opened_at <= ?4) AS REAL) "
             "  / NULLIF(SUM(CASE WHEN first_response_at IS NOT NULL AND first_response_at < ?3 THEN 1 "
             "                    WHEN ?3 - opened_at > ?4 THEN 1 ELSE 0 END), 0), "
             "SUM(CASE WHEN first_response_at IS NOT NULL AND first_response_at < ?3 THEN 1 "
             "         WHEN ?3 - opened_at > ?4 THEN 1 ELSE 0 END) "
             "FROM cases WHERE assignee = ?1 AND opened_at >= ?2 AND opened_at < ?3 AND status <> 'merged'";
    case GoalMetric::resolution_within:
      return "SELECT CAST(SUM(resolved_at IS NOT NULL AND resolved_at < ?3 AND resolved_at - opened_at <= ?4) AS REAL) "
             "  / NULLIF(SUM(CASE WHEN resolved_at IS NOT NULL AND resolved_at < ?3 THEN 1 "
             "                    WHEN ?3 - opened_at > ?4 THEN 1 ELSE 0 END), 0), "
             "SUM(CASE WHEN resolved_at IS NOT NULL AND resolved_at < ?3 THEN 1 "
             "         WHEN ?3 - opened_at > ?4 THEN 1 ELSE 0 END) "
             "FROM cases WHERE assignee = ?1 AND opened_at >= ?2 AND opened_at < ?3 AND status <> 'merged'";
    case GoalMetric::sla_hit_rate:
      return "SELECT AVG(sla_breaches = 0), COUNT(*) FROM cases WHERE assignee = ?1 AND status = 'resolved' "
             "AND resolved_at >= ?2 AND resolved_at < ?3 AND COALESCE(resolved_by, 'staff') = 'staff'";
    case GoalMetric::csat_average:
      return "SELECT AVG(csat), COUNT(csat) FROM cases WHERE assignee = ?1 AND status = 'resolved' "
             "AND resolved_at >= ?2 AND resolved_at < ?3";
    case GoalMetric::reopen_rate:
      return "SELECT AVG(reopens > 0), COUNT(*) FROM cases WHERE assignee = ?1 AND status = 'resolved' "
             "AND resolved_at >= ?2 AND resolved_at < ?3";
    case GoalMetric::sentiment_lift:
      return "SELECT AVG(last_sentiment - first_sentiment), COUNT(*) FROM cases WHERE assignee = ?1 "
             "AND status = 'resolved' AND resolved_at >= ?2 AND resolved_at < ?3 "
             "AND first_sentiment IS NOT NULL AND last_sentiment IS NOT NULL";
    case GoalMetric::kudos_received:
      return "SELECT COUNT(*), COUNT(*) FROM peer_feedback WHERE to_handle = ?1 AND kind = 'kudos' "
             "AND created_at >= ?2 AND created_at < ?3";
    case GoalMetric::accepted_answers:
      return "SELECT COUNT(*), COUNT(*) FROM case_responses WHERE responder = ?1 AND accepted = 1 "
             "AND at >= ?2 AND at < ?3";
    case GoalMetric::knowledge_reuse:
      // Using one's own article is not reuse by others.
      return "SELECT COUNT(*), COUNT(*) FROM knowledge_uses u JOIN knowledge k ON k.id = u.article_id "
             "WHERE k.author = ?1 AND u.user_name <> ?1 AND u.at >= ?2 AND u.at < ?3";
  }
  return "";
}

std::string number(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string duration(std::int64_t minutes) {
  if (minutes % (24 * 60) == 0) return std::to_string(minutes / (24 * 60)) + (minutes == 24 * 60 ? " day" : " days");
  if (minutes % 60 == 0) return std::to_string(minutes / 60) + (minutes == 60 ? " hour" : " hours");
  return std::to_string(minutes) + " min";
}

Goal read_goal(const sqlite::Statement& st) {
  Goal g;
  g.id = st.int64(0);
  g.handle = std::string(st.text(1));
  const auto* info = goal_metric(st.text(2));
  g.metric = info ? info->metric : GoalMetric::first_response_within;
  g.target = st.real(3);
  if (!st.is_null(4)) g.within_min = st.int64(4);
  g.starts_at = st.int64(5);
  g.ends_at = st.int64(6);
  g.set_by = std::string(st.text(7));
  g.note = std::string(st.text(8));
  g.created_at = st.int64(9);
  return g;
}

constexpr const char* kGoalColumns =
    "id, handle, metric, target, within_min, starts_at, ends_at, set_by, note, created_at";

}  // namespace

const std::vector<GoalMetricInfo>& goal_metrics() {
  static const std::vector<GoalMetricInfo> m = {
      {GoalMetric::first_response_within, "first_response_within", "share", false, true, 0.01, 1},
      {GoalMetric::resolution_within, "resolution_within", "share", false, true, 0.01, 1},
      {GoalMetric::sla_hit_rate, "sla_hit_rate", "share", false, false, 0.01, 1},
      {GoalMetric::csat_average, "csat_average", "mean", false, false, 1, 5},
      {GoalMetric::reopen_rate, "reopen_rate", "share", true, false, 0, 1},
      {GoalMetric::sentiment_lift, "sentiment_lift", "mean", false, false, -2, 2},
      {GoalMetric::kudos_received, "kudos_received", "count", false, false, 1, 10000},
      {GoalMetric::accepted_answers, "accepted_answers", "count", false, false, 1, 10000},
      {GoalMetric::knowledge_reuse, "knowledge_reuse", "count", false, false, 1, 10000},
  };
  return m;
}

const GoalMetricInfo* goal_metric(std::string_view name) {
  for (const auto& i : goal_metrics())
    if (i.name == name) return &i;
  return nullptr;
}

static const GoalMetricInfo& info_of(GoalMetric m) {
  for (const auto& i : goal_metrics())
    if (i.metric == m) return i;
  return goal_metrics().front();
}

Status validate_goal(const Goal& g) {
  const auto& info = info_of(g.metric);
  if (g.handle.empty()) return Status::error("a goal needs the person's handle");
  if (!std::isfinite(g.target) || g.target < info.min_target || g.target > info.max_target) {
    std::string hint = info.kind == "share" ? " (a share: 0.9 for 90%)" : "";
    return Status::error("target for " + std::string(info.name) + " must be between " + number(info.min_target, 2) +
                         " and " + number(info.max_target, 2) + hint);
  }
  if (info.kind == "count" && g.target != std::floor(g.target))
    return Status::error("target for " + std::string(info.name) + " is a count: a whole number");
  if (info.needs_within && (!g.within_min || *g.within_min < 1 || *g.within_min > kMaxWithinMin))
    return Status::error(std::string(info.name) + " needs within_min, the time limit in minutes (1 to " +
                         std::to_string(kMaxWithinMin) + ")");
  if (!info.needs_within && g.within_min)
    return Status::error(std::string(info.name) + " takes no within_min");
  if (g.ends_at <= g.starts_at) return Status::error("the goal's period must end after it starts");
  if (g.ends_at - g.starts_at > kMaxGoalDays * kDayMs)
    return Status::error("a goal's period may be at most " + std::to_string(kMaxGoalDays) + " days");
  if (g.note.size() > 500) return Status::error("a goal's note may be at most 500 bytes");
  return Status::ok();
}

Result<Goal> add_goal(sqlite::Connection& db, Goal g, std::int64_t now_ms) {
  if (auto s = validate_goal(g); !s) return s;
  auto st = db.prepare(
      "INSERT INTO social_goals (handle, metric, target, within_min, starts_at, ends_at, set_by, note, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!st) return st.status();
  st->bind(1, std::string_view(g.handle)).bind(2, info_of(g.metric).name).bind(3, g.target);
  g.within_min ? st->bind(4, *g.within_min) : st->bind_null(4);
  st->bind(5, g.starts_at).bind(6, g.ends_at).bind(7, std::string_view(g.set_by)).bind(8, std::string_view(g.note));
  st->bind(9, now_ms);
  if (auto s = st->run(); !s) return s;
  g.id = db.last_insert_rowid();
  g.created_at = now_ms;
  return g;
}

Result<std::vector<Goal>> list_goals(sqlite::Connection& db, const std::string& handle, std::int64_t active_at) {
  auto st = db.prepare(std::string("SELECT ") + kGoalColumns +
                       " FROM social_goals WHERE handle = ?1 AND (?2 = 0 OR (starts_at <= ?2 AND ends_at > ?2)) "
                       "ORDER BY ends_at DESC, id DESC");
  if (!st) return st.status();
  st->bind(1, std::string_view(handle)).bind(2, active_at);
  std::vector<Goal> out;
  if (auto s = st->each_row([&](const sqlite::Statement& r) { out.push_back(read_goal(r)); }); !s) return s;
  return out;
}

Result<std::optional<Goal>> find_goal(sqlite::Connection& db, std::int64_t id) {
  auto st = db.prepare(std::string("SELECT ") + kGoalColumns + " FROM social_goals WHERE id = ?1");
  if (!st) return st.status();
  st->bind(1, id);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return std::optional<Goal>{};
  return std::optional<Goal>{read_goal(*st)};
}

Status delete_goal(sqlite::Connection& db, std::int64_t id) {
  auto st = db.prepare("DELETE FROM social_goals WHERE id = ?1");
  if (!st) return st.status();
  st->bind(1, id);
  return st->run();
}

Result<GoalProgress> goal_progress(sqlite::Connection& db, const Goal& g, std::int64_t now_ms) {
  const auto& info = info_of(g.metric);
  GoalProgress p;
  const std::int64_t until = std::min(now_ms, g.ends_at);
  p.elapsed = std::clamp(static_cast<double>(now_ms - g.starts_at) / static_cast<double>(g.ends_at - g.starts_at), 0.0, 1.0);
  if (now_ms <= g.starts_at) {
    p.status = "upcoming";
    return p;
  }
  auto st = db.prepare(metric_sql(g.metric));
  if (!st) return st.status();
  st->bind(1, std::string_view(g.handle)).bind(2, g.starts_at).bind(3, until);
  if (info.needs_within) st->bind(4, g.within_min.value_or(0) * 60 * 1000);
  auto row = st->step();
  if (!row) return row.status();
  if (*row) {
    if (!st->is_null(0)) p.value = st->real(0);
    p.cases = st->int64(1);
  }
  const bool ended = now_ms >= g.ends_at;
  if (info.kind == "count") {
    const double have = p.value.value_or(0);
    if (have >= g.target) p.status = "met";
    else if (ended) p.status = "missed";
    else p.status = have >= std::floor(g.target * p.elapsed) ? "on_track" : "behind";  // within one event of pace
    return p;
  }
  if (!p.value || p.cases < kMinGoalCases) {
    p.status = "not_enough_data";
    return p;
  }
  const bool good = info.at_most ? *p.value <= g.target : *p.value >= g.target;
  p.status = ended ? (good ? "met" : "missed") : (good ? "on_track" : "behind");
  return p;
}

std::string describe(const Goal& g) {
  const std::string pct = g.target <= 1 ? number(g.target * 100, 0) + "%" : number(g.target, 2);
  switch (g.metric) {
    case GoalMetric::first_response_within:
      return "First response within " + duration(g.within_min.value_or(0)) + " on " + pct + " of my cases";
    case GoalMetric::resolution_within:
      return "Resolve " + pct + " of my cases within " + duration(g.within_min.value_or(0));
    case GoalMetric::sla_hit_rate: return "Meet every SLA on " + pct + " of my resolved cases";
    case GoalMetric::csat_average: return "Average CSAT of " + number(g.target, 1) + " or better";
    case GoalMetric::reopen_rate: return "At most " + number(g.target * 100, 0) + "% of my resolved cases reopened";
    case GoalMetric::sentiment_lift:
      return "Customers' sentiment lifted by " + number(g.target, 2) + " or more on average";
    case GoalMetric::kudos_received: return number(g.target, 0) + " kudos from colleagues";
    case GoalMetric::accepted_answers: return number(g.target, 0) + " of my answers accepted";
    case GoalMetric::knowledge_reuse: return "My articles used " + number(g.target, 0) + " times by others";
  }
  return "";
}

nlohmann::json to_json(const Goal& g) {
  const auto& info = info_of(g.metric);
  return {{"id", g.id},
          {"handle", g.handle},
          {"metric", info.name},
          {"kind", info.kind},
          {"direction", info.at_most ? "at_most" : "at_least"},
          {"target", g.target},
          {"within_min", g.within_min ? nlohmann::json(*g.within_min) : nlohmann::json(nullptr)},
          {"starts_at", g.starts_at},
          {"ends_at", g.ends_at},
          {"set_by", g.set_by},
          {"note", g.note},
          {"created_at", g.created_at},
          {"description", describe(g)}};
}

nlohmann::json to_json(const GoalProgress& p) {
  return {{"value", p.value ? nlohmann::json(*p.value) : nlohmann::json(nullptr)},
          {"cases", p.cases},
          {"status", p.status},
          {"elapsed", p.elapsed},
          {"min_cases", kMinGoalCases}};
}

}  // namespace parley::people
