#include "parley/engage/metrics.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "parley/engage/case_row.h"
#include "parley/engage/case_types.h"
#include "parley/engage/sql_params.h"

namespace parley::engage {
namespace {

using nlohmann::json;

constexpr std::int64_t kHourMs = 3600 * 1000;

// What one case contributes, gathered once so totals and every group are computed the same way.
struct CaseFacts {
  Case c;
  std::string key;                           // its group
  std::vector<std::int64_t> next_gaps;       // calendar ms
  std::vector<std::int64_t> next_gaps_business;
  std::uint64_t staff_responses = 0, community_responses = 0, community_accepted = 0;
};

std::string group_key(const Case& c, MetricsGroupBy g) {
  switch (g) {
    case MetricsGroupBy::none: return "";
    case MetricsGroupBy::team: return c.team;
    case MetricsGroupBy::assignee: return c.assignee;
    case MetricsGroupBy::source: return c.source;
    case MetricsGroupBy::intent: return c.intent;
  }
  return "";
}

std::string group_column(MetricsGroupBy g) {
  switch (g) {
    case MetricsGroupBy::none: return "''";
    case MetricsGroupBy::team: return "c.team";
    case MetricsGroupBy::assignee: return "IFNULL(c.assignee, '')";
    case MetricsGroupBy::source: return "c.source";
    case MetricsGroupBy::intent: return "c.intent";
  }
  return "''";
}

// Median (mean of the two middle values for an even count), p90 by nearest rank (the smallest value with
// at least 90% of the values at or below it), arithmetic mean.
DurationStats stats(std::vector<std::int64_t> v) {
  DurationStats s;
  s.count = v.size();
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  s.median_ms = n % 2 ? static_cast<double>(v[n / 2]) : (static_cast<double>(v[n / 2 - 1]) + static_cast<double>(v[n / 2])) / 2;
  const auto rank = static_cast<std::size_t>(std::ceil(0.9 * static_cast<double>(n)));
  s.p90_ms = static_cast<double>(v[std::max<std::size_t>(rank, 1) - 1]);
  double sum = 0;
  for (auto x : v) sum += static_cast<double>(x);
  s.mean_ms = sum / static_cast<double>(n);
  return s;
}

std::optional<double> share(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

bool active(const Case& c) { return c.status == CaseStatus::open || c.status == CaseStatus::waiting; }

// Whether clock k of an active case has not finished yet (it may be paused while waiting on the customer).
bool unfinished(const Case& c, int k) {
  if (!active(c)) return false;
  switch (static_cast<SlaClock>(k)) {
    case SlaClock::first_response: return !c.first_response_at;
    case SlaClock::next_response:
      return c.first_response_at && c.last_inbound_at && (!c.last_response_at || *c.last_inbound_at > *c.last_response_at);
    case SlaClock::resolution: return true;
  }
  return false;
}

Metrics summarise(const std::vector<const CaseFacts*>& cases, const BusinessElapsed& business) {
  Metrics m;
  std::vector<std::int64_t> first, first_b, next, next_b, resolution, resolution_b;
  std::uint64_t lift_improved = 0;
  double lift_sum = 0, csat_sum = 0;
  std::uint64_t csat_satisfied = 0;
  for (const CaseFacts* f : cases) {
    const Case& c = f->c;
    ++m.opened;
    // A merged case's conversation and work continue in the case it joined; counting it again would
    // count one customer's problem twice.
    if (c.status == CaseStatus::merged) {
      ++m.merged;
      continue;
    }
    if (c.first_response_at) {
      const std::int64_t t = std::max<std::int64_t>(0, *c.first_response_at - c.opened_at);
      first.push_back(t);
      if (business) first_b.push_back(business(c.opened_at, std::max(c.opened_at, *c.first_response_at)));
      auto& b = m.first_response_buckets;
      if (t < kHourMs) ++b.under_1h;
      else if (t < 4 * kHourMs) ++b.h1_to_4;
      else if (t < 8 * kHourMs) ++b.h4_to_8;
      else if (t < 24 * kHourMs) ++b.h8_to_24;
      else ++b.over_24h;
    } else if (active(c)) {
      ++m.first_response_buckets.unanswered;
    }
    next.insert(next.end(), f->next_gaps.begin(), f->next_gaps.end());
    next_b.insert(next_b.end(), f->next_gaps_business.begin(), f->next_gaps_business.end());
    if (c.status == CaseStatus::resolved && c.resolved_at) {
      ++m.resolved;
      const std::int64_t end = std::max(c.opened_at, *c.resolved_at);
      resolution.push_back(end - c.opened_at);
      if (business) resolution_b.push_back(business(c.opened_at, end));
      if (c.reopens > 0) ++m.reopened;
      if (c.resolved_by == "community") ++m.answers.resolved_by_community;
      else ++m.answers.resolved_by_staff;
      if (c.first_sentiment && c.last_sentiment) {
        ++m.sentiment.cases;
        lift_sum += *c.last_sentiment - *c.first_sentiment;
        if (*c.last_sentiment > *c.first_sentiment) ++lift_improved;
      }
    }
    for (int k = 0; k < 3; ++k) {
      if (!c.due[k]) continue;
      auto& r = m.sla[static_cast<std::size_t>(k)];
      ++r.with_deadline;
      if (c.sla_breaches >> k & 1) ++r.breached;
      else if (unfinished(c, k)) ++r.pending;
      else ++r.met;
    }
    m.answers.staff_responses += f->staff_responses;
    m.answers.community_responses += f->community_responses;
    m.answers.community_accepted += f->community_accepted;
    if (c.csat) {
      ++m.csat.count;
      csat_sum += *c.csat;
      if (*c.csat >= 4) ++csat_satisfied;
    }
  }
  m.first_response.calendar = stats(first);
  m.next_response.calendar = stats(next);
  m.resolution.calendar = stats(resolution);
  if (business) {
    m.first_response.business = stats(first_b);
    m.next_response.business = stats(next_b);
    m.resolution.business = stats(resolution_b);
  }
  for (auto& r : m.sla) r.hit_rate = share(r.met, r.met + r.breached);
  m.reopen_rate = share(m.reopened, m.resolved);
  if (m.sentiment.cases) {
    m.sentiment.mean_lift = lift_sum / static_cast<double>(m.sentiment.cases);
    m.sentiment.improved_share = share(lift_improved, m.sentiment.cases);
  }
  if (m.csat.count) m.csat.mean = csat_sum / static_cast<double>(m.csat.count);
  m.csat.satisfied_share = share(csat_satisfied, m.csat.count);
  return m;
}

// Filters over cases c; the opened_at range only when `with_range` (the backlog is "now", whenever opened).
std::string where_clause(const MetricsQuery& q, bool with_range, SqlParams& params) {
  std::vector<std::string> terms;
  if (!q.functions.empty()) terms.push_back("c.function IN " + params.in_list(q.functions));
  if (!q.team.empty()) terms.push_back("c.team = " + params.add(q.team));
  if (!q.assignee.empty()) terms.push_back("c.assignee = " + params.add(q.assignee));
  if (!q.source.empty()) terms.push_back("c.source = " + params.add(q.source));
  if (!q.intent.empty()) terms.push_back("c.intent = " + params.add(q.intent));
  if (with_range && q.opened_since) terms.push_back("c.opened_at >= " + params.add(q.opened_since));
  if (with_range && q.opened_until) terms.push_back("c.opened_at < " + params.add(q.opened_until));
  std::string out;
  for (const auto& t : terms) out += (out.empty() ? " WHERE " : " AND ") + t;
  return out;
}

// Runs `sql` with `params` and hands every row to `on_row`.
template <typename F>
Status each_row(sqlite::Connection& db, const std::string& sql, const SqlParams& params, F&& on_row) {
  auto st = db.prepare(sql);
  if (!st) return st.status();
  params.bind(*st);
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) return Status::ok();
    on_row(*st);
  }
}

// Next-response gaps of one case from its events, in order. The wait starts at the first customer post
// that no staff answer has followed yet and ends at the next staff answer; customer posts before the first
// answer belong to the first-response wait instead. Times are the posts' own (the event's time when the
// post is gone), since events are stamped when the engine processed the post.
void next_response_gaps(const std::vector<std::pair<std::string, std::int64_t>>& events, CaseFacts& f,
                        const BusinessElapsed& business) {
  bool answered_once = false, waiting = false;
  std::int64_t waiting_since = 0;
  for (const auto& [type, at] : events) {
    if (type == "customer_post") {
      if (answered_once && !waiting) waiting = true, waiting_since = at;
    } else {  // first_response or response
      if (waiting) {
        const std::int64_t end = std::max(waiting_since, at);
        f.next_gaps.push_back(end - waiting_since);
        if (business) f.next_gaps_business.push_back(business(waiting_since, end));
      }
      waiting = false;
      answered_once = true;
    }
  }
}

}  // namespace

std::string_view to_string(MetricsGroupBy g) {
  switch (g) {
    case MetricsGroupBy::none: return "none";
    case MetricsGroupBy::team: return "team";
    case MetricsGroupBy::assignee: return "assignee";
    case MetricsGroupBy::source: return "source";
    case MetricsGroupBy::intent: return "intent";
  }
  return "none";
}

std::optional<MetricsGroupBy> parse_metrics_group_by(std::string_view s) {
  for (auto g : {MetricsGroupBy::none, MetricsGroupBy::team, MetricsGroupBy::assignee, MetricsGroupBy::source,
                 MetricsGroupBy::intent})
    if (to_string(g) == s) return g;
  return std::nullopt;
}

Result<Metrics> compute_metrics(sqlite::Connection& db, const MetricsQuery& q, const BusinessElapsed& business) {
  std::vector<CaseFacts> facts;
  std::unordered_map<std::int64_t, std::size_t> by_id;
  {
    SqlParams params;
    const std::string where = where_clause(q, true, params);
    if (auto s = each_row(db, "SELECT " + case_columns("c") + " FROM cases c" + where + " ORDER BY c.id", params,
                          [&](const sqlite::Statement& st) {
                            CaseFacts f;
                            f.c = read_case(st);
                            f.key = group_key(f.c, q.group_by);
                            by_id.emplace(f.c.id, facts.size());
                            facts.push_back(std::move(f));
                          });
        !s)
      return s;

    if (auto s = each_row(db,
                          "SELECT r.case_id, r.by_staff, r.accepted FROM case_responses r JOIN cases c ON c.id = r.case_id" + where,
                          params,
                          [&](const sqlite::Statement& st) {
                            auto it = by_id.find(st.int64(0));
                            if (it == by_id.end()) return;
                            CaseFacts& f = facts[it->second];
                            if (st.int64(1)) {
                              ++f.staff_responses;
                            } else {
                              ++f.community_responses;
                              if (st.int64(2)) ++f.community_accepted;
                            }
                          });
        !s)
      return s;

    // json_valid guards json_extract, which fails the whole statement on one malformed row.
    std::int64_t current = -1;
    std::vector<std::pair<std::string, std::int64_t>> events;
    auto flush = [&] {
      if (current >= 0) next_response_gaps(events, facts[by_id.at(current)], business);
      events.clear();
    };
    if (auto s = each_row(
            db,
            "SELECT e.case_id, e.type, IFNULL(p.created_at, e.at) FROM case_events e JOIN cases c ON c.id = e.case_id "
            "LEFT JOIN posts p ON p.id = CASE WHEN json_valid(e.data) THEN json_extract(e.data, '$.post_id') END" +
                where + (where.empty() ? " WHERE " : " AND ") +
                "e.type IN ('customer_post', 'first_response', 'response') ORDER BY e.case_id, e.id",
            params,
            [&](const sqlite::Statement& st) {
              const std::int64_t id = st.int64(0);
              if (!by_id.count(id)) return;
              if (id != current) flush(), current = id;
              events.emplace_back(std::string(st.text(1)), st.int64(2));
            });
        !s)
      return s;
    flush();
  }

  std::vector<const CaseFacts*> all;
  std::map<std::string, std::vector<const CaseFacts*>> groups;
  for (const auto& f : facts) {
    all.push_back(&f);
    if (q.group_by != MetricsGroupBy::none) groups[f.key].push_back(&f);
  }
  // The backlog is the state now, so it ignores the opened_at range; groups that only have backlog still
  // get a row.
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> backlog;  // key -> (backlog, queued)
  {
    SqlParams params;
    const std::string where = where_clause(q, false, params);
    if (auto s = each_row(db,
                          "SELECT " + group_column(q.group_by) + ", c.assignee IS NULL FROM cases c" + where +
                              (where.empty() ? " WHERE " : " AND ") + "c.status IN ('open', 'waiting')",
                          params,
                          [&](const sqlite::Statement& st) {
                            auto& b = backlog[std::string(st.text(0))];
                            ++b.first;
                            if (st.int64(1)) ++b.second;
                          });
        !s)
      return s;
  }

  Metrics total = summarise(all, business);
  for (const auto& [key, b] : backlog) {
    total.backlog += b.first;
    total.queued += b.second;
    if (q.group_by != MetricsGroupBy::none) groups[key];  // make sure the group has a row
  }
  for (const auto& [key, members] : groups) {
    Metrics g = summarise(members, business);
    g.group = key;
    if (auto it = backlog.find(key); it != backlog.end()) g.backlog = it->second.first, g.queued = it->second.second;
    total.groups.push_back(std::move(g));
  }
  return total;
}

namespace {

json opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json to_json(const DurationStats& s) {
  if (s.count == 0) return {{"count", 0}, {"median_ms", nullptr}, {"p90_ms", nullptr}, {"mean_ms", nullptr}};
  return {{"count", s.count}, {"median_ms", s.median_ms}, {"p90_ms", s.p90_ms}, {"mean_ms", s.mean_ms}};
}

json to_json(const TimeMetric& t) {
  return {{"calendar", to_json(t.calendar)}, {"business", t.business ? to_json(*t.business) : json(nullptr)}};
}

}  // namespace

json to_json(const Metrics& m) {
  const auto& b = m.first_response_buckets;
  json sla = json::object();
  for (int k = 0; k < 3; ++k) {
    const auto& r = m.sla[static_cast<std::size_t>(k)];
    sla[std::string(to_string(static_cast<SlaClock>(k)))] = {{"with_deadline", r.with_deadline},
                                                             {"met", r.met},
                                                             {"breached", r.breached},
                                                             {"pending", r.pending},
                                                             {"hit_rate", opt(r.hit_rate)}};
  }
  json out = {
      {"opened", m.opened},
      {"resolved", m.resolved},
      {"merged", m.merged},
      {"backlog", m.backlog},
      {"queued", m.queued},
      {"first_response", to_json(m.first_response)},
      {"next_response", to_json(m.next_response)},
      {"resolution", to_json(m.resolution)},
      {"first_response_buckets",
       {{"0-1h", b.under_1h}, {"1-4h", b.h1_to_4}, {"4-8h", b.h4_to_8}, {"8-24h", b.h8_to_24}, {"24h+", b.over_24h},
        {"unanswered", b.unanswered}}},
      {"sla", std::move(sla)},
      {"reopened", m.reopened},
      {"reopen_rate", opt(m.reopen_rate)},
      {"sentiment", {{"cases", m.sentiment.cases}, {"mean_lift", opt(m.sentiment.mean_lift)},
                     {"improved_share", opt(m.sentiment.improved_share)}}},
      {"answers", {{"staff_responses", m.answers.staff_responses},
                   {"community_responses", m.answers.community_responses},
                   {"community_accepted", m.answers.community_accepted},
                   {"resolved_by_staff", m.answers.resolved_by_staff},
                   {"resolved_by_community", m.answers.resolved_by_community}}},
      {"csat", {{"count", m.csat.count}, {"mean", opt(m.csat.mean)}, {"satisfied_share", opt(m.csat.satisfied_share)}}},
  };
  if (!m.groups.empty()) {
    json groups = json::array();
    for (const auto& g : m.groups) {
      json row = to_json(g);
      row["group"] = g.group;
      groups.push_back(std::move(row));
    }
    out["groups"] = std::move(groups);
  }
  return out;
}

}  // namespace parley::engage
