// `parley people profile HANDLE` and `parley people gaps TEAM`: the skill profile of one employee and the
// gaps of one team, as readable tables (or --json, the API's shape). Reads the cases in --db with the
// organisation of --config; writes nothing.
#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "parley/cli/commands.h"
#include "parley/cli/read_db.h"
#include "parley/config/org_config.h"
#include "parley/core/time.h"
#include "parley/people/skill_evidence.h"
#include "parley/people/skill_profile.h"
#include "parley/people/team_gaps.h"
#include "parley/store/sqlite/connection.h"

namespace parley::cli {
namespace {

struct PeopleFlags {
  std::string config, subject, since, until;
  bool json = false;
};

int fail(const char* cmd, const std::string& message) {
  std::cerr << "parley people " << cmd << ": " << message << "\n";
  return kUsageOrIo;
}

std::optional<std::int64_t> time_flag(const std::string& v) {
  if (v.empty()) return 0;
  return parse_iso8601_ms(v);
}

std::string level_text(const std::optional<double>& v) {
  if (!v) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f", *v);
  return buf;
}

std::string two_decimals(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::optional<sqlite::Connection> open_db(const Globals& g, const char* cmd) {
  auto c = open_read_db(g.db);
  if (!c) {
    fail(cmd, c.message());
    return std::nullopt;
  }
  return std::move(*c);
}

std::int64_t now_ms() { return static_cast<std::int64_t>(std::time(nullptr)) * 1000; }

int run_profile(const Globals& g, const PeopleFlags& f) {
  auto config = load_org_config(f.config);
  if (!config) return fail("profile", config.message());
  const EmployeeDef* person = config->engage.employee(f.subject);
  if (!person) return fail("profile", "no employee '" + f.subject + "' in " + f.config);
  auto since = time_flag(f.since), until = time_flag(f.until);
  if (!since || !until) return fail("profile", "--since and --until take ISO 8601 times (2026-11-01T00:00:00Z)");
  auto db = open_db(g, "profile");
  if (!db) return kUsageOrIo;
  auto rows = people::load_evidence(*db, config->engage, {*since, *until, person->handle});
  if (!rows) return fail("profile", rows.message());
  people::Profile p = people::build_profile(*person, *rows, *until ? *until : now_ms());
  if (f.json) {
    std::cout << people::to_json(p).dump() << "\n";
    return kOk;
  }
  std::printf("%s (%s), teams:", p.name.c_str(), p.handle.c_str());
  for (const auto& t : p.teams) std::printf(" %s", t.c_str());
  std::printf("\n%lld resolved cases of evidence\n\n", static_cast<long long>(p.cases));
  std::printf("  %-22s %8s %8s %10s %6s %-9s %s\n", "skill", "declared", "measured", "confidence", "cases", "trend",
              "");
  for (const auto& s : p.skills) {
    std::printf("  %-22s %8s %8s %10.2f %6d %-9s %s\n", s.skill.c_str(),
                s.declared ? std::to_string(*s.declared).c_str() : "-",
                s.estimate.enough ? level_text(s.estimate.level).c_str() : "-", s.estimate.confidence, s.estimate.n,
                std::string(people::to_string(s.trend.direction)).c_str(),
                s.estimate.enough ? "" : "not enough evidence");
  }
  auto list = [](const char* label, const std::vector<std::string>& v) {
    std::printf("\n%s:", label);
    if (v.empty()) std::printf(" (none with enough evidence)");
    for (const auto& s : v) std::printf(" %s", s.c_str());
  };
  list("strongest", p.strongest);
  list("weakest", p.weakest);
  std::printf("\n");
  return kOk;
}

int run_gaps(const Globals& g, const PeopleFlags& f) {
  auto config = load_org_config(f.config);
  if (!config) return fail("gaps", config.message());
  if (!config->engage.team(f.subject)) return fail("gaps", "no team '" + f.subject + "' in " + f.config);
  auto since = time_flag(f.since), until = time_flag(f.until);
  if (!since || !until) return fail("gaps", "--since and --until take ISO 8601 times (2026-11-01T00:00:00Z)");
  auto db = open_db(g, "gaps");
  if (!db) return kUsageOrIo;
  if (!*until) {
    auto d = people::default_gap_range(*db, f.subject, now_ms());
    if (!d) return fail("gaps", d.message());
    *until = d->second;
  }
  if (!*since) *since = *until - people::kDefaultGapRangeMs;
  auto rows = people::load_evidence(*db, config->engage, {0, *until, ""});
  if (!rows) return fail("gaps", rows.message());
  auto gaps = people::team_gaps(*db, config->engage, f.subject, *since, *until, *rows, *until);
  if (!gaps) return fail("gaps", gaps.message());
  if (f.json) {
    std::cout << people::to_json(*gaps, true).dump() << "\n";
    return kOk;
  }
  std::printf("%s: %lld cases from %s to %s (%.1f days), parts of the day in %s\n\n", gaps->team.c_str(),
              static_cast<long long>(gaps->cases), format_iso8601_ms(gaps->since).c_str(),
              format_iso8601_ms(gaps->until).c_str(), gaps->days, gaps->time_zone.c_str());
  std::printf("  %-20s %-10s %6s %8s %9s %6s  %s\n", "skill", "part", "cases", "per day", "capacity", "load", "");
  for (const auto& c : gaps->cells)
    std::printf("  %-20s %-10s %6lld %8.2f %9.2f %6s  %s\n", c.skill.c_str(),
                std::string(people::to_string(c.part)).c_str(), static_cast<long long>(c.cases), c.per_day,
                c.skilled_capacity, c.load ? two_decimals(*c.load).c_str() : "none", c.shortage ? "SHORT" : "");
  std::printf("\nRecommendations:\n");
  if (gaps->recommendations.empty()) std::printf("  none\n");
  for (const auto& r : gaps->recommendations) {
    std::string parts;
    for (auto p : r.parts) parts += (parts.empty() ? "" : ",") + std::string(people::to_string(p));
    if (r.kind == "learn")
      std::printf("  learn  %-20s %s%s%s  (%s)\n", r.skill.c_str(), r.person.c_str(),
                  r.mentor.empty() ? "" : ", mentored by ", r.mentor.c_str(), r.reason.c_str());
    else if (r.kind == "pair")
      std::printf("  pair   %-20s %s mentors %s\n", r.skill.c_str(), r.mentor.c_str(), r.person.c_str());
    else
      std::printf("  hire   %-20s %.1f capacity short (%s): %s\n", r.skill.c_str(), r.capacity_needed,
                  parts.c_str(), r.reason.c_str());
  }
  return kOk;
}

}  // namespace

void add_people_command(CLI::App& app, Globals& g) {
  auto* people = app.add_subcommand("people", "Skill profiles from resolved cases, and team gaps");
  people->require_subcommand(1);
  {
    auto f = std::make_shared<PeopleFlags>();
    auto* c = people->add_subcommand("profile", "One employee's skills: declared, measured, confidence, trend");
    c->add_option("handle", f->subject, "employee handle")->required();
    c->add_option("--config", f->config, "organisation config (TOML)")->required()->check(CLI::ExistingFile);
    c->add_option("--since", f->since, "only cases resolved at or after (ISO 8601)");
    c->add_option("--until", f->until, "only cases resolved before (ISO 8601); also the trend's 'now'");
    c->add_flag("--json", f->json, "print JSON (the API's shape)");
    c->callback([&g, f] { g.exit_code = run_profile(g, *f); });
  }
  {
    auto f = std::make_shared<PeopleFlags>();
    auto* c = people->add_subcommand("gaps", "Where a team is short, by skill and part of the day, and what to do");
    c->add_option("team", f->subject, "team id")->required();
    c->add_option("--config", f->config, "organisation config (TOML)")->required()->check(CLI::ExistingFile);
    c->add_option("--since", f->since, "cases opened at or after (ISO 8601); default 30 days before --until");
    c->add_option("--until", f->until, "cases opened before (ISO 8601); default just after the team's latest case");
    c->add_flag("--json", f->json, "print JSON");
    c->callback([&g, f] { g.exit_code = run_gaps(g, *f); });
  }
}

}  // namespace parley::cli
