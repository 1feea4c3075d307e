// `parley config check` and `parley config show`: validate the organisation config and show what parley
// understood of it.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "parley/cli/commands.h"
#include "parley/config/org_config.h"

namespace parley::cli {
namespace {

struct ConfigFlags {
  std::string config;
  bool json = false;
};

std::string default_config_path() {
  const char* env = std::getenv("PARLEY_CONFIG");
  return env && *env ? env : "parley.toml";
}

std::size_t count_kind(const OrgConfig& c, text::EntityKind k) {
  std::size_t n = 0;
  for (const auto& e : c.entities) n += e.kind == k;
  return n;
}

std::string counted(std::size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

template <typename T>
nlohmann::json strings(const std::vector<T>& v) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& x : v) j.push_back(std::string(to_string(x)));
  return j;
}

nlohmann::json rule_json(const RoutingRule& r) {
  nlohmann::json when = nlohmann::json::object();
  if (!r.intents.empty()) when["intent"] = strings(r.intents);
  if (!r.sentiments.empty()) when["sentiment"] = strings(r.sentiments);
  if (r.min_urgency) when["urgency_min"] = *r.min_urgency;
  if (r.max_urgency) when["urgency_max"] = *r.max_urgency;
  if (!r.languages.empty()) when["language"] = r.languages;
  if (!r.topics.empty()) when["topic"] = r.topics;
  if (!r.channels.empty()) when["channel"] = r.channels;
  if (r.audience) when["audience"] = std::string(to_string(*r.audience));
  if (!r.author_kinds.empty()) when["author_kind"] = strings(r.author_kinds);
  if (!r.keywords.empty()) when["keywords"] = r.keywords;
  if (r.spam) when["spam"] = *r.spam;
  nlohmann::json j = {{"name", r.name},           {"line", r.line},          {"when", when},
                      {"team", r.team},           {"tags", r.tags},          {"skills", r.required_skills},
                      {"sla", r.sla},             {"ignore", r.ignore},      {"continue", r.continue_}};
  j["priority"] = r.priority ? nlohmann::json(std::string(to_string(*r.priority))) : nlohmann::json(nullptr);
  return j;
}

nlohmann::json config_json(const OrgConfig& c) {
  const EngageConfig& e = c.engage;
  nlohmann::json j;
  j["organisation"] = c.name;
  j["entities"] = nlohmann::json::array();
  for (const auto& x : c.entities)
    j["entities"].push_back({{"kind", std::string(text::to_string(x.kind))}, {"name", x.name}, {"aliases", x.aliases}});
  j["functions"] = nlohmann::json::array();
  for (const auto& f : e.functions) j["functions"].push_back({{"id", f.id}, {"name", f.name}});
  j["teams"] = nlohmann::json::array();
  for (const auto& t : e.teams)
    j["teams"].push_back({{"id", t.id},
                          {"name", t.name},
                          {"function", t.function},
                          {"strategy", std::string(to_string(t.strategy))},
                          {"calendar", t.calendar}});
  j["employees"] = nlohmann::json::array();
  for (const auto& m : e.employees)
    j["employees"].push_back({{"handle", m.handle},
                              {"name", m.name},
                              {"role", std::string(to_string(m.role))},
                              {"teams", m.teams},
                              {"skills", m.skills},
                              {"languages", m.languages},
                              {"capacity", m.capacity},
                              {"calendar", m.calendar}});
  j["calendars"] = nlohmann::json::array();
  for (const auto& cal : e.calendars) {
    nlohmann::json hours = nlohmann::json::object();
    for (int d = 0; d < 7; ++d) {
      nlohmann::json day = nlohmann::json::array();
      for (const auto& iv : cal.week[d]) day.push_back(format_day_interval(iv));
      hours[std::string(weekday_key(d))] = day;
    }
    nlohmann::json holidays = nlohmann::json::array();
    for (const auto& h : cal.holidays) holidays.push_back(format_local_date(h));
    j["calendars"].push_back({{"name", cal.name},
                              {"time_zone", cal.time_zone},
                              {"always_open", cal.always_open()},
                              {"hours", hours},
                              {"holidays", holidays}});
  }
  j["sla_policies"] = nlohmann::json::array();
  for (const auto& p : e.sla_policies)
    j["sla_policies"].push_back({{"name", p.name},
                                 {"first_response_s", p.first_response_s},
                                 {"next_response_s", p.next_response_s},
                                 {"resolution_s", p.resolution_s},
                                 {"calendar", p.calendar},
                                 {"warn_at", p.warn_fraction}});
  j["rules"] = nlohmann::json::array();
  for (const auto& r : e.rules) j["rules"].push_back(rule_json(r));
  j["outbox"] = nlohmann::json::array();
  for (const auto& o : e.outboxes) j["outbox"].push_back({{"source", o.source}, {"url", o.url}});
  j["default_sla"] = e.default_sla;
  return j;
}

std::string join(const std::vector<std::string>& v, const char* sep = ", ") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// One line per rule, in the order they are tried: what it looks at and what it does.
std::string rule_summary(const RoutingRule& r) {
  std::vector<std::string> when, then;
  auto list = [](const auto& v) {
    std::vector<std::string> s;
    for (const auto& x : v) {
      if constexpr (std::is_same_v<std::decay_t<decltype(x)>, std::string>)
        s.push_back(x);
      else
        s.emplace_back(to_string(x));
    }
    return join(s, "|");
  };
  if (r.spam) when.push_back(std::string("spam=") + (*r.spam ? "yes" : "no"));
  if (r.audience) when.push_back("audience=" + std::string(to_string(*r.audience)));
  if (!r.intents.empty()) when.push_back("intent=" + list(r.intents));
  if (!r.sentiments.empty()) when.push_back("sentiment=" + list(r.sentiments));
  if (r.min_urgency) when.push_back("urgency>=" + std::to_string(*r.min_urgency));
  if (r.max_urgency) when.push_back("urgency<=" + std::to_string(*r.max_urgency));
  if (!r.languages.empty()) when.push_back("language=" + list(r.languages));
  if (!r.topics.empty()) when.push_back("topic=" + list(r.topics));
  if (!r.channels.empty()) when.push_back("channel=" + list(r.channels));
  if (!r.author_kinds.empty()) when.push_back("author=" + list(r.author_kinds));
  if (!r.keywords.empty()) when.push_back("keywords=" + list(r.keywords));
  if (r.ignore) then.push_back("ignore");
  if (!r.team.empty()) then.push_back("team " + r.team);
  if (r.priority) then.push_back("priority " + std::string(to_string(*r.priority)));
  for (const auto& [skill, level] : r.required_skills) then.push_back("skill " + skill + ">=" + std::to_string(level));
  if (!r.sla.empty()) then.push_back("sla " + r.sla);
  if (!r.tags.empty()) then.push_back("tags " + list(r.tags));
  if (r.continue_) then.push_back("continue");
  return (when.empty() ? std::string("every post") : join(when, ", ")) + " -> " +
         (then.empty() ? std::string("nothing") : join(then, ", "));
}

void print_text(const OrgConfig& c, const std::string& path) {
  const EngageConfig& e = c.engage;
  std::printf("%s (%s)\n", c.name.empty() ? "(no name)" : c.name.c_str(), path.c_str());
  std::printf("\nteams\n");
  for (const auto& t : e.teams) {
    std::vector<std::string> members;
    for (const auto& m : e.employees)
      if (std::find(m.teams.begin(), m.teams.end(), t.id) != m.teams.end()) members.push_back(m.handle);
    std::printf("  %-18s function %s, %s, calendar %s: %s\n", t.id.c_str(), t.function.c_str(),
                std::string(to_string(t.strategy)).c_str(), t.calendar.empty() ? "24x7" : t.calendar.c_str(),
                members.empty() ? "(nobody)" : join(members).c_str());
  }
  std::printf("\nemployees\n");
  for (const auto& m : e.employees) {
    std::vector<std::string> skills;
    for (const auto& [s, level] : m.skills) skills.push_back(s + " " + std::to_string(level));
    std::printf("  %-14s %-8s capacity %-3d languages %-10s skills %s\n", m.handle.c_str(),
                std::string(to_string(m.role)).c_str(), m.capacity, join(m.languages, ",").c_str(),
                skills.empty() ? "-" : join(skills).c_str());
  }
  std::printf("\ncalendars\n");
  for (const auto& cal : e.calendars) {
    // Runs of days with the same hours: "mon-fri 08:00-20:00, sat-sun closed".
    std::vector<std::string> days;
    for (int d = 0; d < 7;) {
      int last = d;
      auto same = [](const std::vector<DayInterval>& a, const std::vector<DayInterval>& b) {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const auto& x, const auto& y) {
                 return x.begin_min == y.begin_min && x.end_min == y.end_min;
               });
      };
      while (last + 1 < 7 && same(cal.week[last + 1], cal.week[d])) ++last;
      std::vector<std::string> iv;
      for (const auto& i : cal.week[d]) iv.push_back(format_day_interval(i));
      std::string span(weekday_key(d));
      if (last > d) span += "-" + std::string(weekday_key(last));
      days.push_back(span + " " + (iv.empty() ? "closed" : join(iv, ",")));
      d = last + 1;
    }
    std::printf("  %-16s %-18s %s; %zu holidays\n", cal.name.c_str(), cal.time_zone.c_str(),
                cal.always_open() ? "24x7" : join(days, ", ").c_str(), cal.holidays.size());
  }
  std::printf("\nSLA policies%s\n", e.default_sla.empty() ? "" : (" (default " + e.default_sla + ")").c_str());
  for (const auto& p : e.sla_policies) {
    auto d = [](std::int64_t s) { return s ? format_duration(s) : std::string("-"); };
    std::printf("  %-16s first response %s, next response %s, resolution %s; calendar %s; warn at %.0f%%\n",
                p.name.c_str(), d(p.first_response_s).c_str(), d(p.next_response_s).c_str(),
                d(p.resolution_s).c_str(), p.calendar.empty() ? "24x7" : p.calendar.c_str(), p.warn_fraction * 100);
  }
  std::printf("\nrules, in the order they are tried\n");
  for (std::size_t i = 0; i < e.rules.size(); ++i)
    std::printf("  %2zu. %s (line %d): %s\n", i + 1, e.rules[i].name.c_str(), e.rules[i].line,
                rule_summary(e.rules[i]).c_str());
  if (!e.outboxes.empty()) {
    std::printf("\noutbox\n");
    for (const auto& o : e.outboxes) std::printf("  %-10s %s\n", o.source.c_str(), o.url.c_str());
  }
}

Result<OrgConfig> load(const ConfigFlags& f, const char* command) {
  auto cfg = load_org_config(f.config);
  if (!cfg) {
    const std::string& m = cfg.message();
    if (m.rfind(f.config + ":", 0) == 0) {  // FILE:LINE:COLUMN: message, one per line
      const auto n = 1 + std::count(m.begin(), m.end(), '\n');
      std::cerr << m << "\n" << f.config << ": " << n << (n == 1 ? " problem" : " problems") << "\n";
    } else {
      std::cerr << "parley config " << command << ": " << m << "\n";
    }
  }
  return cfg;
}

int run_check(const ConfigFlags& f) {
  auto cfg = load(f, "check");
  if (!cfg) return kUsageOrIo;
  const OrgConfig& c = *cfg;
  const EngageConfig& e = c.engage;
  std::printf("%s: ok — %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s\n", f.config.c_str(),
              counted(e.functions.size(), "function", "functions").c_str(),
              counted(e.teams.size(), "team", "teams").c_str(),
              counted(e.employees.size(), "employee", "employees").c_str(),
              counted(e.rules.size(), "rule", "rules").c_str(),
              counted(e.sla_policies.size(), "SLA policy", "SLA policies").c_str(),
              counted(e.calendars.size(), "calendar", "calendars").c_str(),
              counted(count_kind(c, text::EntityKind::product), "product", "products").c_str(),
              counted(count_kind(c, text::EntityKind::competitor), "competitor", "competitors").c_str(),
              counted(count_kind(c, text::EntityKind::campaign), "campaign", "campaigns").c_str(),
              counted(count_kind(c, text::EntityKind::keyword), "keyword", "keywords").c_str(),
              counted(e.outboxes.size(), "outbox", "outboxes").c_str());
  return kOk;
}

int run_show(const ConfigFlags& f) {
  auto cfg = load(f, "show");
  if (!cfg) return kUsageOrIo;
  if (f.json) {
    nlohmann::json j = config_json(*cfg);
    j["file"] = f.config;
    std::cout << j.dump(2) << "\n";
  } else {
    print_text(*cfg, f.config);
  }
  return kOk;
}

}  // namespace

void add_config_command(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("config", "Check or show the organisation config (docs/config.md)");
  cmd->require_subcommand(1);
  auto check = std::make_shared<ConfigFlags>(ConfigFlags{default_config_path(), false});
  auto* c = cmd->add_subcommand("check", "Validate the config; every problem is reported as FILE:LINE:COLUMN");
  c->add_option("--config", check->config, "The organisation config (env PARLEY_CONFIG)")->capture_default_str();
  c->callback([&g, check] { g.exit_code = run_check(*check); });
  auto show = std::make_shared<ConfigFlags>(ConfigFlags{default_config_path(), false});
  auto* s = cmd->add_subcommand("show", "Show what parley understood: teams, people, calendars, SLAs, rules in order");
  s->add_option("--config", show->config, "The organisation config (env PARLEY_CONFIG)")->capture_default_str();
  s->add_flag("--json", show->json, "Print the whole parsed config as JSON");
  s->callback([&g, show] { g.exit_code = run_show(*show); });
}

}  // namespace parley::cli
