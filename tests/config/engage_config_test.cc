// The engage sections of the organisation config: functions, teams, employees, calendars, SLA policies,
// routing rules, outboxes, and every mistake a person can make in them (docs/config.md).
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "parley/config/org_config.h"

namespace parley {
namespace {

// The error text of a config that must not parse.
std::string errors_of(const std::string& toml) {
  auto cfg = parse_org_config(toml, "org.toml");
  EXPECT_FALSE(cfg) << "parsed, but should not have:\n" << toml;
  return cfg ? std::string() : cfg.message();
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t nl = s.find('\n', start);
    if (nl == std::string::npos) nl = s.size();
    out.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

// One error, exactly: "org.toml:LINE:COL: message".
void expect_single_error(const std::string& toml, const std::string& expected) {
  const std::string m = errors_of(toml);
  EXPECT_EQ(m, expected) << toml;
}

TEST(EngageConfig, DemoConfigHasTheWholeOrganisation) {
  auto cfg = load_org_config(std::string(PARLEY_DATA_DIR) + "/demo/org.toml");
  ASSERT_TRUE(cfg) << cfg.message();
  const EngageConfig& e = cfg->engage;
  EXPECT_EQ(e.functions.size(), 6u);
  EXPECT_EQ(e.teams.size(), 8u);
  EXPECT_EQ(e.employees.size(), 15u);
  EXPECT_EQ(e.calendars.size(), 4u);
  EXPECT_EQ(e.sla_policies.size(), 4u);
  EXPECT_EQ(e.rules.size(), 18u);
  EXPECT_EQ(e.outboxes.size(), 3u);
  EXPECT_EQ(e.default_sla, "standard");
  EXPECT_EQ(cfg->entities.size(), 8u);  // the analyser's products, competitors, campaigns, keywords stay

  for (const char* f : {"care", "product", "marketing", "hr", "csr", "knowledge"}) EXPECT_NE(e.function(f), nullptr) << f;
  ASSERT_NE(e.team("care-es"), nullptr);
  EXPECT_EQ(e.team("care-es")->calendar, "madrid-office");
  EXPECT_EQ(e.team("social")->function, "marketing");
  EXPECT_EQ(e.team("social")->strategy, AssignStrategy::round_robin);
  EXPECT_EQ(e.team("care-en")->strategy, AssignStrategy::skills);  // the default

  const EmployeeDef* julia = e.employee("j.ortega");
  ASSERT_NE(julia, nullptr);
  EXPECT_EQ(julia->role, Role::lead);
  EXPECT_EQ(julia->skills.at("spanish"), 5);
  EXPECT_EQ(julia->languages, (std::vector<std::string>{"en", "es"}));
  for (const auto& m : e.employees) {
    EXPECT_GE(m.capacity, 3) << m.handle;
    EXPECT_LE(m.capacity, 12) << m.handle;
  }

  const BusinessCalendar* madrid = e.calendar("madrid-office");
  ASSERT_NE(madrid, nullptr);
  EXPECT_EQ(madrid->time_zone, "Europe/Madrid");
  ASSERT_EQ(madrid->week[0].size(), 1u);
  EXPECT_EQ(madrid->week[0][0].begin_min, 8 * 60);
  EXPECT_EQ(madrid->week[4][0].end_min, 20 * 60);
  EXPECT_TRUE(madrid->week[5].empty());
  EXPECT_GE(madrid->holidays.size(), 3u);
  EXPECT_FALSE(e.calendar("us-care")->week[6].empty());  // weekend hours
  EXPECT_EQ(e.calendar("us-office")->week[4][0].end_min, 15 * 60);  // short Fridays beat "weekdays"
  EXPECT_EQ(e.calendar("us-office")->week[0].size(), 2u);            // lunch break
  EXPECT_EQ(e.calendar("always")->week[3][0].end_min, 24 * 60);

  EXPECT_EQ(e.sla("urgent")->first_response_s, 30 * 60);
  EXPECT_EQ(e.sla("standard")->resolution_s, 2 * 86400);
  EXPECT_EQ(e.sla("praise")->first_response_s, 86400);
  EXPECT_EQ(e.sla("internal")->calendar, "us-office");
  EXPECT_DOUBLE_EQ(e.sla("standard")->warn_fraction, 0.8);

  // Order matters: spam first, internal before the public care rules, tags before the deciding rules.
  EXPECT_EQ(e.rules.front().spam, std::optional<bool>(true));
  EXPECT_TRUE(e.rules.front().ignore);
  auto index_of = [&](const std::string& name) {
    for (std::size_t i = 0; i < e.rules.size(); ++i)
      if (e.rules[i].name == name) return static_cast<int>(i);
    ADD_FAILURE() << "no rule " << name;
    return -1;
  };
  const RoutingRule& urgent = e.rules[index_of("Very urgent posts")];
  EXPECT_EQ(urgent.min_urgency, std::optional<int>(70));
  EXPECT_EQ(urgent.priority, std::optional<Priority>(Priority::urgent));
  EXPECT_EQ(urgent.required_skills.at("crisis"), 3);
  EXPECT_TRUE(urgent.continue_);
  const RoutingRule& spanish = e.rules[index_of("Spanish complaints and questions go to the Spanish team")];
  EXPECT_EQ(spanish.team, "care-es");
  EXPECT_EQ(spanish.languages, std::vector<std::string>{"es"});
  EXPECT_LT(index_of("Competitor mentions are tagged for marketing"), index_of("Complaints and questions go to care"));
  EXPECT_LT(index_of("Spanish complaints and questions go to the Spanish team"),
            index_of("Complaints and questions go to care"));
  EXPECT_EQ(e.rules[index_of("Praise is acknowledged by the social team")].priority,
            std::optional<Priority>(Priority::low));
  for (std::size_t i = 1; i < e.rules.size(); ++i) EXPECT_GT(e.rules[i].line, e.rules[i - 1].line);
}

TEST(EngageConfig, ReadsEveryRuleField) {
  auto cfg = parse_org_config(R"([[competitors]]
name = "Contoso Telecom"
[[functions]]
id = "care"
[[teams]]
id = "care"
function = "care"
[[employees]]
handle = "ana"
teams = ["care"]
skills = { refunds = 4, crisis = 2 }
[[sla_policies]]
name = "fast"
first_response = "15m"

[[rules]]   # the line of this header is the rule's line
name = "everything"
when = { intent = ["complaint", "question"], sentiment = "negative", urgency_min = 20, urgency_max = 90, language = ["en", "es"], topic = ["contoso telecom", "product"], channel = "x", audience = "public", author_kind = ["customer", "public"], keywords = ["refund"], spam = false }
team = "care"
priority = "high"
tags = ["money", "money", "vip"]
skills = { refunds = 3 }
sla = "fast"
continue = true

[[rules]]
name = "drop"
ignore = true
)",
                              "org.toml");
  ASSERT_TRUE(cfg) << cfg.message();
  ASSERT_EQ(cfg->engage.rules.size(), 2u);
  const RoutingRule& r = cfg->engage.rules[0];
  EXPECT_EQ(r.name, "everything");
  EXPECT_EQ(r.line, 16);
  EXPECT_EQ(r.intents, (std::vector<text::Intent>{text::Intent::complaint, text::Intent::question}));
  EXPECT_EQ(r.sentiments, std::vector<text::SentimentClass>{text::SentimentClass::negative});
  EXPECT_EQ(r.min_urgency, std::optional<int>(20));
  EXPECT_EQ(r.max_urgency, std::optional<int>(90));
  EXPECT_EQ(r.languages, (std::vector<std::string>{"en", "es"}));
  EXPECT_EQ(r.topics, (std::vector<std::string>{"Contoso Telecom", "product"}));  // canonical spelling
  EXPECT_EQ(r.channels, std::vector<std::string>{"x"});
  EXPECT_EQ(r.audience, std::optional<Audience>(Audience::public_));
  EXPECT_EQ(r.author_kinds, (std::vector<AuthorKind>{AuthorKind::customer, AuthorKind::public_}));
  EXPECT_EQ(r.keywords, std::vector<std::string>{"refund"});
  EXPECT_EQ(r.spam, std::optional<bool>(false));
  EXPECT_EQ(r.team, "care");
  EXPECT_EQ(r.priority, std::optional<Priority>(Priority::high));
  EXPECT_EQ(r.tags, (std::vector<std::string>{"money", "vip"}));
  EXPECT_EQ(r.required_skills, (std::map<std::string, int>{{"refunds", 3}}));
  EXPECT_EQ(r.sla, "fast");
  EXPECT_FALSE(r.ignore);
  EXPECT_TRUE(r.continue_);
  const RoutingRule& d = cfg->engage.rules[1];
  EXPECT_EQ(d.line, 26);
  EXPECT_TRUE(d.ignore);
  EXPECT_TRUE(d.intents.empty());
  EXPECT_FALSE(d.spam.has_value());
  EXPECT_FALSE(d.priority.has_value());
}

TEST(EngageConfig, ConditionsAsASubTable) {
  auto cfg = parse_org_config(R"([[rules]]
name = "urgent"
priority = "urgent"
[rules.when]
urgency_min = 70
intent = "complaint"
)",
                              "org.toml");
  ASSERT_TRUE(cfg) << cfg.message();
  ASSERT_EQ(cfg->engage.rules.size(), 1u);
  EXPECT_EQ(cfg->engage.rules[0].min_urgency, std::optional<int>(70));
  EXPECT_EQ(cfg->engage.rules[0].intents, std::vector<text::Intent>{text::Intent::complaint});
  EXPECT_EQ(cfg->engage.rules[0].line, 1);
}

TEST(EngageConfig, DefaultsOfTeamsEmployeesAndSlas) {
  auto cfg = parse_org_config(R"([[functions]]
id = "care"
[[teams]]
id = "care"
function = "care"
[[employees]]
handle = "bo"
[[sla_policies]]
name = "s"
resolution = "3d"
)",
                              "org.toml");
  ASSERT_TRUE(cfg) << cfg.message();
  const EngageConfig& e = cfg->engage;
  EXPECT_EQ(e.functions[0].name, "care");  // the id when there is no name
  EXPECT_EQ(e.teams[0].strategy, AssignStrategy::skills);
  EXPECT_EQ(e.teams[0].calendar, "");
  EXPECT_EQ(e.employees[0].role, Role::agent);
  EXPECT_EQ(e.employees[0].capacity, 10);
  EXPECT_TRUE(e.employees[0].teams.empty());
  EXPECT_EQ(e.sla_policies[0].first_response_s, 0);
  EXPECT_EQ(e.sla_policies[0].resolution_s, 3 * 86400);
  EXPECT_DOUBLE_EQ(e.sla_policies[0].warn_fraction, 0.8);
  EXPECT_EQ(e.default_sla, "");
  EXPECT_EQ(e.team("nope"), nullptr);
  EXPECT_EQ(e.employee("bo")->handle, "bo");
}

TEST(EngageConfig, Durations) {
  EXPECT_EQ(parse_duration("45s"), 45);
  EXPECT_EQ(parse_duration("30m"), 1800);
  EXPECT_EQ(parse_duration("1h"), 3600);
  EXPECT_EQ(parse_duration("1h30m"), 5400);
  EXPECT_EQ(parse_duration("3d"), 3 * 86400);
  EXPECT_EQ(parse_duration("1d 12h"), 36 * 3600);
  EXPECT_EQ(parse_duration("2d3h4m5s"), 2 * 86400 + 3 * 3600 + 4 * 60 + 5);
  EXPECT_EQ(parse_duration("90m"), 5400);
  EXPECT_EQ(parse_duration("0s"), 0);
  for (const char* bad : {"", " ", "1", "h", "1x", "30m1h", "1h1h", "-1h", "1.5h", "1 h", "1H", "9999999999d", "4000d"})
    EXPECT_FALSE(parse_duration(bad).has_value()) << bad;
  EXPECT_EQ(format_duration(5400), "1h30m");
  EXPECT_EQ(format_duration(2 * 86400), "2d");
  EXPECT_EQ(format_duration(86400 + 1), "1d1s");
  EXPECT_EQ(format_duration(0), "0s");

  auto cfg = parse_org_config("[[sla_policies]]\nname = \"s\"\nfirst_response = \"1h30m\"\nnext_response = \"45m\"\n"
                              "resolution = \"2d 4h\"\nwarn_at = 0.75\n",
                              "org.toml");
  ASSERT_TRUE(cfg) << cfg.message();
  EXPECT_EQ(cfg->engage.sla_policies[0].first_response_s, 5400);
  EXPECT_EQ(cfg->engage.sla_policies[0].next_response_s, 2700);
  EXPECT_EQ(cfg->engage.sla_policies[0].resolution_s, 52 * 3600);
  EXPECT_DOUBLE_EQ(cfg->engage.sla_policies[0].warn_fraction, 0.75);
}

TEST(EngageConfig, DayIntervals) {
  auto iv = parse_day_interval("09:00-17:30");
  ASSERT_TRUE(iv);
  EXPECT_EQ(iv->begin_min, 540);
  EXPECT_EQ(iv->end_min, 1050);
  iv = parse_day_interval("00:00-24:00");
  ASSERT_TRUE(iv);
  EXPECT_EQ(iv->begin_min, 0);
  EXPECT_EQ(iv->end_min, 1440);
  EXPECT_TRUE(parse_day_interval("9:00 - 17:00"));
  for (const char* bad : {"", "9-17", "09:00", "09:00-", "17:00-09:00", "09:00-09:00", "24:00-24:00", "00:00-24:30",
                          "09:60-10:00", "25:00-26:00", "09:00-17:00x", "0900-1700"})
    EXPECT_FALSE(parse_day_interval(bad).has_value()) << bad;
  EXPECT_EQ(format_day_interval({0, 1440}), "00:00-24:00");
  EXPECT_EQ(format_day_interval({545, 1050}), "09:05-17:30");
  EXPECT_EQ(parse_local_date("2028-02-29"), (LocalDate{2028, 2, 29}));
  EXPECT_FALSE(parse_local_date("2026-02-29"));
  EXPECT_FALSE(parse_local_date("2026-2-28"));
  EXPECT_EQ(format_local_date({2026, 12, 5}), "2026-12-05");
}

TEST(EngageConfig, HoursWithShortcutsOverridesAndHolidays) {
  auto cfg = parse_org_config(R"([[calendars]]
name = "office"
time_zone = "Europe/Madrid"
weekdays = ["13:00-17:00", "08:00-12:00"]
fri = ["08:00-14:00"]
sat = "10:00-13:00"
holidays = ["2026-12-25", 2026-01-01, "2026-12-25"]

[[calendars]]
name = "nights"
hours = { daily = ["00:00-06:00", "22:00-24:00"], sun = [] }

[[calendars]]
name = "always"
)",
                              "org.toml");
  ASSERT_TRUE(cfg) << cfg.message();
  const BusinessCalendar& office = cfg->engage.calendars[0];
  ASSERT_EQ(office.week[0].size(), 2u);
  EXPECT_EQ(office.week[0][0].begin_min, 8 * 60);  // sorted
  EXPECT_EQ(office.week[0][1].end_min, 17 * 60);
  EXPECT_EQ(office.week[3].size(), 2u);
  ASSERT_EQ(office.week[4].size(), 1u);  // Friday's own hours replace the weekday ones
  EXPECT_EQ(office.week[4][0].end_min, 14 * 60);
  ASSERT_EQ(office.week[5].size(), 1u);  // a single string is a list of one
  EXPECT_TRUE(office.week[6].empty());
  EXPECT_EQ(office.holidays, (std::vector<LocalDate>{{2026, 1, 1}, {2026, 12, 25}}));  // sorted, once each
  EXPECT_FALSE(office.always_open());

  const BusinessCalendar& nights = cfg->engage.calendars[1];
  EXPECT_EQ(nights.time_zone, "UTC");
  EXPECT_EQ(nights.week[0].size(), 2u);
  EXPECT_EQ(nights.week[0][1].end_min, 1440);
  EXPECT_TRUE(nights.week[6].empty());
  EXPECT_TRUE(cfg->engage.calendars[2].always_open());
}

TEST(EngageConfig, UnknownKeysSuggestTheClosestKnownOne) {
  expect_single_error("[[employees]]\nhandle = \"ana\"\ncapcity = 5\n",
                      "org.toml:3:1: unknown key 'capcity' in [[employees]]; did you mean 'capacity'?");
  expect_single_error("[[teams]]\nid = \"t\"\nfunction = \"f\"\ncolour = \"red\"\n[[functions]]\nid = \"f\"\n",
                      "org.toml:4:1: unknown key 'colour' in [[teams]] (expected id, name, function, strategy, "
                      "calendar)");
  expect_single_error("[[employes]]\nhandle = \"ana\"\n",
                      "org.toml:1:3: unknown section 'employes'; did you mean 'employees'?");
  expect_single_error("[[rules]]\nname = \"r\"\nwhen = { intnet = \"praise\" }\n",
                      "org.toml:3:10: unknown condition 'intnet' in 'when' of [[rules]]; did you mean 'intent'?");
  expect_single_error("[[rules]]\nname = \"r\"\nintent = \"praise\"\n",
                      "org.toml:3:1: 'intent' is a condition: put it under 'when', e.g. when = { intent = ... }");
  expect_single_error("[[rules]]\nname = \"r\"\nwhen = { priority = \"low\" }\n",
                      "org.toml:3:10: 'priority' is an action: put it in the rule itself, not under 'when'");
  expect_single_error("[[rules]]\nname = \"r\"\nprority = \"low\"\n",
                      "org.toml:3:1: unknown key 'prority' in [[rules]]; did you mean 'priority'?");
  expect_single_error("[[calendars]]\nname = \"c\"\nhours = { monday = [] , tue = [\"09:00-10:00\"]}\n",
                      "org.toml:3:11: unknown key 'monday' in the hours of [[calendars]]; did you mean 'mon'?");
}

TEST(EngageConfig, CrossReferencesAreChecked) {
  const std::string m = errors_of(R"([[functions]]
id = "care"
[[teams]]
id = "care-en"
function = "cares"
calendar = "office"
[[employees]]
handle = "ana"
teams = ["care-en", "care-es"]
calendar = "us-care"
[[sla_policies]]
name = "standard"
first_response = "1h"
calendar = "office"
[[rules]]
name = "r"
team = "care-fr"
sla = "standrd"
skills = { refunds = 2 }
[routing]
default_sla = "urgent"
)");
  const std::vector<std::string> expected = {
      "org.toml:5:12: unknown function 'cares'; did you mean 'care'?",
      "org.toml:6:12: unknown calendar 'office': no [[calendars]] are defined",
      "org.toml:9:21: unknown team 'care-es'; did you mean 'care-en'?",
      "org.toml:10:12: unknown calendar 'us-care': no [[calendars]] are defined",
      "org.toml:14:12: unknown calendar 'office': no [[calendars]] are defined",
      "org.toml:17:8: unknown team 'care-fr'; did you mean 'care-en'?",
      "org.toml:18:7: unknown SLA policy 'standrd'; did you mean 'standard'?",
      "org.toml:19:12: no employee has skill 'refunds'",
      "org.toml:21:15: unknown SLA policy 'urgent' (defined: standard)",
  };
  EXPECT_EQ(lines_of(m), expected) << m;
}

TEST(EngageConfig, DuplicatesAreErrors) {
  const std::string m = errors_of(R"([[functions]]
id = "care"
[[functions]]
id = "care"
[[teams]]
id = "t"
function = "care"
[[teams]]
id = "t"
function = "care"
[[employees]]
handle = "ana"
[[employees]]
handle = "ana"
[[calendars]]
name = "c"
[[calendars]]
name = "c"
[[sla_policies]]
name = "s"
first_response = "1h"
[[sla_policies]]
name = "s"
first_response = "2h"
[[rules]]
name = "r"
[[rules]]
name = "r"
[[outbox]]
source = "x"
url = "https://a.example"
[[outbox]]
source = "x"
url = "https://b.example"
)");
  const std::vector<std::string> expected = {
      "org.toml:4:6: duplicate function id 'care' (first defined at line 2)",
      "org.toml:9:6: duplicate team id 't' (first defined at line 6)",
      "org.toml:14:10: duplicate employee handle 'ana' (first defined at line 12)",
      "org.toml:18:8: duplicate calendar 'c' (first defined at line 16)",
      "org.toml:23:8: duplicate SLA policy 's' (first defined at line 20)",
      "org.toml:28:8: duplicate rule name 'r' (first defined at line 26)",
      "org.toml:33:10: duplicate outbox for source 'x' (first defined at line 30)",
  };
  EXPECT_EQ(lines_of(m), expected) << m;
}

TEST(EngageConfig, ValuesOutOfRangeOrIllFormed) {
  struct Case {
    std::string toml, expected;
  };
  const std::vector<Case> cases = {
      {"[[employees]]\nhandle = \"ana\"\nskills = { refunds = 6 }\n",
       "org.toml:3:22: level of skill 'refunds' must be a whole number from 1 (basic) to 5 (expert)"},
      {"[[employees]]\nhandle = \"ana\"\nskills = { refunds = \"4\" }\n",
       "org.toml:3:22: level of skill 'refunds' must be a whole number from 1 (basic) to 5 (expert)"},
      {"[[employees]]\nhandle = \"ana\"\ncapacity = 0\n",
       "org.toml:3:12: 'capacity' in [[employees]] must be from 1 to 1000 (open cases at once)"},
      {"[[employees]]\nhandle = \"ana\"\ncapacity = \"5\"\n",
       "org.toml:3:12: 'capacity' in [[employees]] must be a whole number, not text"},
      {"[[employees]]\nhandle = \"ana b\"\n",
       "org.toml:2:10: handle 'ana b' may only use letters, digits, '.', '_' and '-' (no spaces)"},
      {"[[employees]]\nname = \"Ana\"\n", "org.toml:1:1: [[employees]] needs 'handle' (a non-empty text)"},
      {"[[employees]]\nhandle = \"ana\"\nrole = \"boss\"\n",
       "org.toml:3:8: unknown role 'boss' (expected admin, lead, agent, analyst)"},
      {"[[employees]]\nhandle = \"ana\"\nlanguages = [\"EN\"]\n",
       "org.toml:3:14: language 'EN' must be an ISO 639-1 code in lower case, like \"en\" or \"es\""},
      {"[[teams]]\nid = \"t\"\nfunction = \"f\"\nstrategy = \"round-robin\"\n[[functions]]\nid = \"f\"\n",
       "org.toml:4:12: unknown strategy 'round-robin'; did you mean 'round_robin'?"},
      {"[[calendars]]\nname = \"c\"\ntime_zone = \"Europe/Madird\"\n",
       "org.toml:3:13: unknown time zone 'Europe/Madird'; did you mean 'Europe/Madrid'?"},
      {"[[calendars]]\nname = \"c\"\ntime_zone = \"Mars/Olympus\"\n",
       "org.toml:3:13: unknown time zone 'Mars/Olympus' (use an IANA name like \"Europe/Madrid\" or "
       "\"America/New_York\")"},
      {"[[calendars]]\nname = \"c\"\nmon = [\"09:00-13:00\", \"12:00-17:00\"]\n",
       "org.toml:3:7: opening hours on 'mon' overlap: 09:00-13:00 and 12:00-17:00"},
      {"[[calendars]]\nname = \"c\"\nweekdays = [\"9-17\"]\n",
       "org.toml:3:13: opening hours must be written \"HH:MM-HH:MM\", like \"09:00-17:00\" or \"00:00-24:00\", "
       "not \"9-17\""},
      {"[[calendars]]\nname = \"c\"\nweekdays = [\"22:00-06:00\"]\n",
       "org.toml:3:13: opening hours \"22:00-06:00\" must end after they begin; split hours past midnight over two days, "
       "e.g. mon = [\"22:00-24:00\"] and tue = [\"00:00-06:00\"]"},
      {"[[calendars]]\nname = \"c\"\nweekdays = [\"08:00-24:30\"]\n",
       "org.toml:3:13: opening hours must be written \"HH:MM-HH:MM\", like \"09:00-17:00\" or \"00:00-24:00\", "
       "not \"08:00-24:30\""},
      {"[[calendars]]\nname = \"c\"\nhours = { mon = [] }\n",
       "org.toml:1:1: calendar 'c' is never open: give its opening hours, or leave them all out for 24x7"},
      {"[[calendars]]\nname = \"c\"\nmon = [\"09:00-10:00\"]\nhours = { mon = [\"10:00-11:00\"] }\n",
       "org.toml:3:7: 'mon' is given twice in this calendar: here and in its hours"},
      {"[[calendars]]\nname = \"c\"\nholidays = [\"2026-02-30\"]\n",
       "org.toml:3:13: holidays must be real dates written \"YYYY-MM-DD\", like \"2026-12-25\""},
      {"[[sla_policies]]\nname = \"s\"\nfirst_response = \"1x\"\n",
       "org.toml:3:18: 'first_response' must be a duration in quotes, like \"30m\", \"4h\", \"1h30m\" or \"2d\" "
       "(units d, h, m, s, largest first)"},
      {"[[sla_policies]]\nname = \"s\"\nresolution = 3600\n",
       "org.toml:3:14: 'resolution' must be a duration in quotes, like \"30m\", \"4h\", \"1h30m\" or \"2d\" "
       "(units d, h, m, s, largest first)"},
      {"[[sla_policies]]\nname = \"s\"\nfirst_response = \"0m\"\n",
       "org.toml:3:18: 'first_response' must be longer than 0; leave it out for no target"},
      {"[[sla_policies]]\nname = \"s\"\nfirst_response = \"1h\"\nwarn_at = 1.5\n",
       "org.toml:4:11: 'warn_at' must be a fraction between 0 and 1, like 0.8 (warn when 80% of the time has passed)"},
      {"[[sla_policies]]\nname = \"s\"\n",
       "org.toml:1:1: SLA policy 's' sets no target: give first_response, next_response or resolution"},
      {"[[rules]]\nname = \"r\"\nwhen = { intent = [\"complain\"] }\n",
       "org.toml:3:20: unknown intent 'complain'; did you mean 'complaint'?"},
      {"[[rules]]\nname = \"r\"\nwhen = { sentiment = \"angry\" }\n",
       "org.toml:3:22: unknown sentiment 'angry' (expected negative, neutral, positive)"},
      {"[[rules]]\nname = \"r\"\nwhen = { audience = \"private\" }\n",
       "org.toml:3:21: unknown audience 'private' (expected public, internal)"},
      {"[[rules]]\nname = \"r\"\nwhen = { urgency_min = 80, urgency_max = 20 }\n",
       "org.toml:3:42: 'urgency_max' is below 'urgency_min': no post can match"},
      {"[[rules]]\nname = \"r\"\nwhen = { urgency_min = 120 }\n",
       "org.toml:3:24: 'urgency_min' must be from 0 to 100"},
      {"[[rules]]\nname = \"r\"\nwhen = { spam = \"yes\" }\n",
       "org.toml:3:17: 'spam' in 'when' of [[rules]] must be true or false (without quotes), not text"},
      {"[[rules]]\nname = \"r\"\nwhen = { channel = \"X.com\" }\n",
       "org.toml:3:20: channel 'X.com' must be a source name like \"x\", \"mastodon\" or \"api\" (a-z, 0-9, '_', '-')"},
      {"[[rules]]\nname = \"r\"\npriority = \"critical\"\n",
       "org.toml:3:12: unknown priority 'critical' (expected low, normal, high, urgent)"},
      {"[[rules]]\nname = \"r\"\nignore = true\nteam = \"t\"\n[[teams]]\nid = \"t\"\nfunction = \"f\"\n[[functions]]\n"
       "id = \"f\"\n",
       "org.toml:3:10: rule 'r' ignores the post (ignore = true), so its team would never apply; remove one or the "
       "other"},
      {"[[rules]]\nwhen = { spam = true }\nignore = true\n", "org.toml:1:1: [[rules]] needs 'name' (a non-empty text)"},
      {"[[products]]\nname = \"N5 Phone\"\naliases = [\"N5\"]\n[[rules]]\nname = \"r\"\nwhen = { topic = \"N5\" }\n",
       "org.toml:6:18: topic 'N5' is an alias of 'N5 Phone'; topics use the canonical name"},
      {"[[rules]]\nname = \"r\"\nwhen = { topic = \"competitors\" }\n",
       "org.toml:3:18: unknown topic 'competitors'; did you mean 'competitor'?"},
      {"[[outbox]]\nsource = \"x\"\nurl = \"ftp://example.com\"\n",
       "org.toml:3:7: outbox url must start with https:// (or http://)"},
      {"[[outbox]]\nsource = \"X\"\nurl = \"https://example.com\"\n",
       "org.toml:2:10: outbox source 'X' must be a source name like \"x\" (a-z, 0-9, '_', '-'), or \"*\" for any other"},
      {"[routing]\ndefault_sla = \"s\"\n", "org.toml:2:15: unknown SLA policy 's': no [[sla_policies]] are defined"},
      {"teams = \"care\"\n", "org.toml:1:9: 'teams' must be written as [[teams]] tables"},
  };
  for (const Case& c : cases) expect_single_error(c.toml, c.expected);
}

TEST(EngageConfig, RequiredSkillsMustExistAmongEmployees) {
  expect_single_error(R"([[employees]]
handle = "ana"
skills = { crisis = 4 }
[[rules]]
name = "r"
skills = { crisiss = 3 }
)",
                      "org.toml:6:12: no employee has skill 'crisiss'; did you mean 'crisis'?");
}

TEST(EngageConfig, EveryErrorIsReportedInFileOrder) {
  const std::string m = errors_of(R"([[rules]]
name = "r"
team = "nobody"
[[employees]]
handle = "ana"
capcity = 3
skills = { refunds = 9 }
[[calendars]]
name = "c"
time_zone = "Nowhere/Town"
)");
  const auto lines = lines_of(m);
  ASSERT_EQ(lines.size(), 4u) << m;
  EXPECT_EQ(lines[0].rfind("org.toml:3:8: unknown team 'nobody'", 0), 0u) << m;
  EXPECT_EQ(lines[1].rfind("org.toml:6:1: unknown key 'capcity'", 0), 0u) << m;
  EXPECT_EQ(lines[2].rfind("org.toml:7:22: level of skill 'refunds'", 0), 0u) << m;
  EXPECT_EQ(lines[3].rfind("org.toml:10:13: unknown time zone 'Nowhere/Town'", 0), 0u) << m;
}

TEST(EngageConfig, NamesOfEnumsRoundTrip) {
  for (Role r : {Role::admin, Role::lead, Role::agent, Role::analyst}) EXPECT_EQ(parse_role(to_string(r)), r);
  for (Priority p : {Priority::low, Priority::normal, Priority::high, Priority::urgent})
    EXPECT_EQ(parse_priority(to_string(p)), p);
  for (AssignStrategy s : {AssignStrategy::skills, AssignStrategy::round_robin, AssignStrategy::least_loaded})
    EXPECT_EQ(parse_assign_strategy(to_string(s)), s);
  EXPECT_FALSE(parse_role("Admin"));
  EXPECT_FALSE(parse_priority(""));
  EXPECT_FALSE(parse_assign_strategy("random"));
  EXPECT_EQ(weekday_key(0), "mon");
  EXPECT_EQ(weekday_key(6), "sun");
}

TEST(EngageConfig, CutsAnywhereAreReportedNotCrashed) {
  // Every prefix of the demo file (every 23rd byte) parses or fails with a located message; no crash.
  std::ifstream f(std::string(PARLEY_DATA_DIR) + "/demo/org.toml", std::ios::binary);
  const std::string demo((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  ASSERT_GT(demo.size(), 1000u);
  for (std::size_t n = 0; n < demo.size(); n += 23) {
    auto cfg = parse_org_config(demo.substr(0, n), "org.toml");
    if (!cfg) {
      EXPECT_EQ(cfg.message().rfind("org.toml:", 0), 0u) << n << ": " << cfg.message();
    }
  }
}

}  // namespace
}  // namespace parley
