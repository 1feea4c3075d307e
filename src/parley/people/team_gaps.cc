#include "parley/people/team_gaps.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "parley/people/case_skills.h"
#include "parley/people/gap_advice.h"
#include "parley/people/team_skills.h"

namespace parley::people {
namespace {

using nlohmann::json;

constexpr double kDayMs = 24.0 * 3600 * 1000;

const BusinessCalendar* calendar_of(const EngageConfig& config, const EmployeeDef& e) {
  std::string name = e.calendar;
  if (name.empty() && !e.teams.empty())
    if (const TeamDef* t = config.team(e.teams.front())) name = t->calendar;
  return name.empty() ? nullptr : config.calendar(name);
}

const SkillFigure* figure(const Profile& p, const std::string& skill) {
  for (const auto& f : p.skills)
    if (f.skill == skill) return &f;
  return nullptr;
}

json counts(const std::map<std::string, std::int64_t>& m) {
  json j = json::object();
  for (const auto& [k, v] : m) j[k] = v;
  return j;
}

}  // namespace

Result<TeamGaps> team_gaps(sqlite::Connection& db, const EngageConfig& config, const std::string& team,
                           std::int64_t since, std::int64_t until, const std::vector<CaseEvidence>& evidence,
                           std::int64_t now_ms) {
  const TeamDef* t = config.team(team);
  if (!t) return Status::error("no team '" + team + "' in the config");
  if (until <= since) return Status::error("the range is empty: until must be after since");
  TeamGaps g;
  g.team = team;
  g.since = since;
  g.until = until;
  g.days = (until - since) / kDayMs;
  const BusinessCalendar* team_cal = config.calendar(t->calendar);
  g.time_zone = team_cal ? team_cal->time_zone : "UTC";
  const std::set<std::string> vocabulary = skill_vocabulary(config);

  // Demand: each case of the team, once per vocabulary skill it needs, in the part of the day it opened.
  std::map<std::pair<std::string, int>, GapCell> cells;
  auto st = db.prepare(
      "SELECT c.intent, c.language, c.source, c.opened_at, c.required_skills, pa.entities "
      "FROM cases c LEFT JOIN post_analysis pa ON pa.post_id = c.first_post_id "
      "WHERE c.team = ?1 AND c.status <> 'merged' AND c.opened_at >= ?2 AND c.opened_at < ?3");
  if (!st) return st.status();
  st->bind(1, std::string_view(team)).bind(2, since).bind(3, until);
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    ++g.cases;
    CaseFacts facts{std::string(st->text(0)), std::string(st->text(1)), std::string(st->text(2)), {}, {}};
    std::string_view req = st->text(4);
    json rs = json::parse(req.begin(), req.end(), nullptr, false);
    if (rs.is_object())
      for (auto& [skill, level] : rs.items())
        if (level.is_number_integer()) facts.required_skills[skill] = level.get<int>();
    if (!st->is_null(5)) {
      std::string_view ent = st->text(5);
      json es = json::parse(ent.begin(), ent.end(), nullptr, false);
      if (es.is_array())
        for (const auto& e : es)
          if (e.is_object() && e.value("kind", "") == "product") facts.products.push_back(e.value("name", ""));
    }
    const DayPart part = day_part_at(g.time_zone, st->int64(3));
    for (const auto& skill : case_skills(facts, vocabulary)) {
      if (!vocabulary.count(skill)) continue;
      GapCell& c = cells[{skill, static_cast<int>(part)}];
      c.skill = skill;
      c.part = part;
      ++c.cases;
      ++c.intents[facts.intent];
      ++c.languages[facts.language];
      ++c.channels[facts.source];
    }
  }

  // Everyone's plan (levels and shifts): mentors may come from other teams.
  std::vector<MemberPlan> org, members;
  for (const auto& e : config.employees) {
    MemberPlan plan;
    plan.employee = &e;
    plan.profile = build_profile(e, evidence, now_ms);
    auto cover = shift_cover(calendar_of(config, e), g.time_zone, until);
    if (!cover) return cover.status();
    plan.on_shift = *cover;
    org.push_back(std::move(plan));
  }
  for (const auto& plan : org)
    if (std::find(plan.employee->teams.begin(), plan.employee->teams.end(), team) != plan.employee->teams.end())
      members.push_back(plan);

  // Supply per cell, and the verdict.
  for (auto& [key, c] : cells) {
    c.per_day = g.days > 0 ? c.cases / g.days : 0;
    for (const auto& m : members) {
      const SkillFigure* f = figure(m.profile, c.skill);
      if (!f) continue;
      auto level = effective_level(*f);
      if (!level || *level < kSkilledLevel) continue;
      double cap = m.employee->capacity * m.on_shift[static_cast<int>(c.part)];
      if (cap <= 0) continue;
      c.skilled_capacity += cap;
      c.supply.push_back({m.employee->handle, *level, cap});
    }
    std::sort(c.supply.begin(), c.supply.end(),
              [](const Supplier& a, const Supplier& b) { return a.capacity > b.capacity; });
    if (c.skilled_capacity > 0) c.load = c.per_day / c.skilled_capacity;
    c.shortage = c.cases >= kMinShortCases && (!c.load || *c.load > kMaxLoad);
    g.cells.push_back(std::move(c));
  }
  std::stable_sort(g.cells.begin(), g.cells.end(), [](const GapCell& a, const GapCell& b) {
    if (a.shortage != b.shortage) return a.shortage;
    double la = a.load.value_or(INFINITY), lb = b.load.value_or(INFINITY);
    if (la != lb) return la > lb;
    return a.cases > b.cases;
  });
  g.recommendations = advise(g.cells, members, org);
  return g;
}

json to_json(const TeamGaps& g, bool with_names) {
  json cells = json::array(), shortages = json::array(), recs = json::array();
  for (const auto& c : g.cells) {
    json j = {{"skill", c.skill},
              {"part", to_string(c.part)},
              {"cases", c.cases},
              {"per_day", c.per_day},
              {"skilled_capacity", c.skilled_capacity},
              {"load", c.load ? json(*c.load) : json(nullptr)},
              {"shortage", c.shortage},
              {"intents", counts(c.intents)},
              {"languages", counts(c.languages)},
              {"channels", counts(c.channels)}};
    if (with_names) {
      json supply = json::array();
      for (const auto& s : c.supply) supply.push_back({{"handle", s.handle}, {"level", s.level}, {"capacity", s.capacity}});
      j["supply"] = supply;
    } else {
      j["skilled_people"] = c.supply.size();
    }
    (c.shortage ? shortages : cells).push_back(j);
  }
  for (const auto& r : g.recommendations) {
    if (!with_names && r.kind != "hire") continue;  // the rest is about named people
    json parts = json::array();
    for (auto p : r.parts) parts.push_back(to_string(p));
    json j = {{"kind", r.kind}, {"skill", r.skill}, {"parts", parts}, {"reason", r.reason}};
    if (r.kind == "hire") j["capacity_needed"] = r.capacity_needed;
    if (with_names) {
      j["person"] = r.person.empty() ? json(nullptr) : json(r.person);
      j["mentor"] = r.mentor.empty() ? json(nullptr) : json(r.mentor);
    }
    recs.push_back(j);
  }
  json out = {{"team", g.team},   {"time_zone", g.time_zone}, {"since", g.since},       {"until", g.until},
              {"days", g.days},   {"cases", g.cases},         {"shortages", shortages}, {"cells", cells},
              {"recommendations", recs},
              {"thresholds", {{"skilled_level", kSkilledLevel}, {"max_load", kMaxLoad}, {"min_cases", kMinShortCases}}}};
  if (!with_names) {
    std::int64_t learn = 0, pair = 0;
    for (const auto& r : g.recommendations) {
      learn += r.kind == "learn";
      pair += r.kind == "pair";
    }
    out["learning_recommendations"] = learn;
    out["mentoring_pairs"] = pair;
  }
  return out;
}

Result<std::pair<std::int64_t, std::int64_t>> default_gap_range(sqlite::Connection& db, const std::string& team,
                                                                 std::int64_t now_ms) {
  auto st = db.prepare("SELECT MAX(opened_at) FROM cases WHERE team = ?1 AND status <> 'merged'");
  if (!st) return st.status();
  st->bind(1, std::string_view(team));
  auto row = st->step();
  if (!row) return row.status();
  std::int64_t until = (*row && !st->is_null(0)) ? st->int64(0) + 1 : now_ms;
  return std::make_pair(until - kDefaultGapRangeMs, until);
}

Result<TeamGaps> measure_team_gaps(sqlite::Connection& db, const EngageConfig& config, const std::string& team,
                                   std::int64_t since, std::int64_t until, std::int64_t now_ms) {
  if (!until) {
    auto d = default_gap_range(db, team, now_ms);
    if (!d) return d.status();
    until = d->second;
  }
  if (!since) since = until - kDefaultGapRangeMs;
  auto rows = load_evidence(db, config, {0, until, ""});
  if (!rows) return rows.status();
  return team_gaps(db, config, team, since, until, *rows, until);
}

}  // namespace parley::people
