// The organisation as the engage layer sees it: functions, teams, employees and their skills, business-hours
// calendars, SLA policies and routing rules. Plain data, filled from the TOML config (org_config.h,
// docs/config.md) and read by routing, assignment and the SLA timers. Names are the keys everything else
// refers to, so a rule says `team = "care"` rather than an index.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/core/post.h"
#include "parley/text/analysis.h"

namespace parley {

enum class Role : std::uint8_t { admin, lead, agent, analyst };
enum class Priority : std::uint8_t { low, normal, high, urgent };
enum class AssignStrategy : std::uint8_t { skills, round_robin, least_loaded };

// A local time interval within one day, in minutes since local midnight: [begin, end), 0 <= begin < end <= 1440.
struct DayInterval {
  int begin_min = 0, end_min = 0;
};

struct LocalDate {
  int year = 0, month = 0, day = 0;
  auto operator<=>(const LocalDate&) const = default;
};

// Business hours: when the clock of an SLA runs. An empty week means "always open" (24x7).
struct BusinessCalendar {
  std::string name;
  std::string time_zone = "UTC";                      // IANA name, e.g. "Europe/Madrid"
  std::array<std::vector<DayInterval>, 7> week;        // index 0 = Monday ... 6 = Sunday (ISO order)
  std::vector<LocalDate> holidays;                     // closed all day, in the calendar's time zone
  bool always_open() const {
    for (const auto& d : week)
      if (!d.empty()) return false;
    return true;
  }
};

struct FunctionDef {  // a business function: care, product, marketing, hr, csr, knowledge, ...
  std::string id;
  std::string name;
};

struct TeamDef {
  std::string id;
  std::string name;
  std::string function;                                // FunctionDef::id
  AssignStrategy strategy = AssignStrategy::skills;
  std::string calendar;                                // BusinessCalendar::name; "" = the default (24x7)
};

struct EmployeeDef {
  std::string handle;                                  // also the user name to sign in with
  std::string name;
  Role role = Role::agent;
  std::vector<std::string> teams;                      // TeamDef::id
  std::map<std::string, int> skills;                   // skill id -> level 1..5
  std::vector<std::string> languages;                  // ISO 639-1 codes the person answers in
  int capacity = 10;                                   // open cases at once
  std::string calendar;                                // working hours; "" = the first team's calendar
};

struct SlaPolicy {
  std::string name;
  std::int64_t first_response_s = 0;                   // 0 = no target
  std::int64_t next_response_s = 0;
  std::int64_t resolution_s = 0;
  std::string calendar;                                // "" = 24x7
  double warn_fraction = 0.8;                          // warn when this share of the time has passed
};

// One routing rule. Every condition that is set must hold (empty list / nullopt = don't care); within a
// list any value matches. The first matching rule decides unless it says `continue`, in which case its
// tags and skills are kept and later rules may still add to them or set the team.
struct RoutingRule {
  std::string name;
  // conditions
  std::vector<text::Intent> intents;
  std::vector<text::SentimentClass> sentiments;
  std::optional<int> min_urgency, max_urgency;
  std::vector<std::string> languages;
  std::vector<std::string> topics;                     // entity names or kinds ("product", "competitor", ...)
  std::vector<std::string> channels;                   // Post::source
  std::optional<Audience> audience;
  std::vector<AuthorKind> author_kinds;
  std::vector<std::string> keywords;                   // case-insensitive substring of the text
  std::optional<bool> spam;
  // actions
  std::string team;
  std::optional<Priority> priority;
  std::vector<std::string> tags;
  std::map<std::string, int> required_skills;          // skill id -> minimum level
  std::string sla;                                     // SlaPolicy::name
  bool ignore = false;                                 // drop: no case (spam, noise)
  bool continue_ = false;
  int line = 0;                                        // where it is in the config, for explanations
};

// Where outbound replies go: a webhook per source ("*" = any source without its own).
struct OutboxDef {
  std::string source;
  std::string url;
};

struct EngageConfig {
  std::vector<FunctionDef> functions;
  std::vector<TeamDef> teams;
  std::vector<EmployeeDef> employees;
  std::vector<BusinessCalendar> calendars;
  std::vector<SlaPolicy> sla_policies;
  std::vector<RoutingRule> rules;
  std::vector<OutboxDef> outboxes;
  std::string default_sla;                             // used when a rule names none; "" = none

  const TeamDef* team(const std::string& id) const;
  const EmployeeDef* employee(const std::string& handle) const;
  const BusinessCalendar* calendar(const std::string& name) const;
  const SlaPolicy* sla(const std::string& name) const;
  const FunctionDef* function(const std::string& id) const;
};

std::string_view to_string(Role r);
std::string_view to_string(Priority p);
std::string_view to_string(AssignStrategy s);
std::optional<Role> parse_role(std::string_view s);
std::optional<Priority> parse_priority(std::string_view s);
std::optional<AssignStrategy> parse_assign_strategy(std::string_view s);

// The small text formats of the config file, shared by its parser, `parley config show` and the SLA code.
// Durations: whole numbers with units d, h, m, s, largest first, each at most once: "30m", "1h30m", "2d",
// "1d 12h". A day is 24 hours. nullopt when ill-formed or beyond ten years.
std::optional<std::int64_t> parse_duration(std::string_view s);
std::string format_duration(std::int64_t seconds);           // 5400 -> "1h30m", 0 -> "0s"
// "09:00-17:00"; "00:00-24:00" is the whole day. nullopt when ill-formed or when it does not end after it
// begins (overnight hours are two intervals on two days).
std::optional<DayInterval> parse_day_interval(std::string_view s);
std::string format_day_interval(const DayInterval& i);       // "09:00-17:00"
std::optional<LocalDate> parse_local_date(std::string_view s);  // "2026-12-25", a date that exists
std::string format_local_date(const LocalDate& d);
std::string_view weekday_key(int iso_index);                  // 0 -> "mon" ... 6 -> "sun"

}  // namespace parley
