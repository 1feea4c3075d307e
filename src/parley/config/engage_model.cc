#include "parley/config/engage_model.h"

#include <cstdio>
#include <utility>

#include <date/date.h>

namespace parley {
namespace {

template <typename T, typename Key>
const T* find_by(const std::vector<T>& v, const std::string& key, Key T::*field) {
  for (const T& x : v)
    if (x.*field == key) return &x;
  return nullptr;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads "H:MM" or "HH:MM" at `s`, advancing it; hours 0..24, minutes 0..59, 24 only as 24:00.
std::optional<int> read_clock(std::string_view& s) {
  int h = 0;
  std::size_t i = 0;
  while (i < s.size() && i < 2 && is_digit(s[i])) h = h * 10 + (s[i++] - '0');
  if (i == 0 || i >= s.size() || s[i] != ':') return std::nullopt;
  ++i;
  if (i + 2 > s.size() || !is_digit(s[i]) || !is_digit(s[i + 1])) return std::nullopt;
  int m = (s[i] - '0') * 10 + (s[i + 1] - '0');
  i += 2;
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
  s.remove_prefix(i);
  return h * 60 + m;
}

void skip_spaces(std::string_view& s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
}

}  // namespace

const TeamDef* EngageConfig::team(const std::string& id) const { return find_by(teams, id, &TeamDef::id); }
const EmployeeDef* EngageConfig::employee(const std::string& handle) const {
  return find_by(employees, handle, &EmployeeDef::handle);
}
const BusinessCalendar* EngageConfig::calendar(const std::string& name) const {
  return find_by(calendars, name, &BusinessCalendar::name);
}
const SlaPolicy* EngageConfig::sla(const std::string& name) const {
  return find_by(sla_policies, name, &SlaPolicy::name);
}
const FunctionDef* EngageConfig::function(const std::string& id) const {
  return find_by(functions, id, &FunctionDef::id);
}

std::string_view to_string(Role r) {
  switch (r) {
    case Role::admin: return "admin";
    case Role::lead: return "lead";
    case Role::agent: return "agent";
    case Role::analyst: return "analyst";
  }
  return "agent";
}

std::string_view to_string(Priority p) {
  switch (p) {
    case Priority::low: return "low";
    case Priority::normal: return "normal";
    case Priority::high: return "high";
    case Priority::urgent: return "urgent";
  }
  return "normal";
}

std::string_view to_string(AssignStrategy s) {
  switch (s) {
    case AssignStrategy::skills: return "skills";
    case AssignStrategy::round_robin: return "round_robin";
    case AssignStrategy::least_loaded: return "least_loaded";
  }
  return "skills";
}

std::optional<Role> parse_role(std::string_view s) {
  for (Role r : {Role::admin, Role::lead, Role::agent, Role::analyst})
    if (to_string(r) == s) return r;
  return std::nullopt;
}

std::optional<Priority> parse_priority(std::string_view s) {
  for (Priority p : {Priority::low, Priority::normal, Priority::high, Priority::urgent})
    if (to_string(p) == s) return p;
  return std::nullopt;
}

std::optional<AssignStrategy> parse_assign_strategy(std::string_view s) {
  for (AssignStrategy a : {AssignStrategy::skills, AssignStrategy::round_robin, AssignStrategy::least_loaded})
    if (to_string(a) == s) return a;
  return std::nullopt;
}

std::optional<std::int64_t> parse_duration(std::string_view s) {
  static constexpr std::int64_t kMax = 10LL * 366 * 86400;
  static constexpr struct {
    char unit;
    std::int64_t seconds;
  } kUnits[] = {{'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}};
  std::int64_t total = 0;
  std::size_t next_unit = 0;  // units must come largest first, each once
  bool any = false;
  skip_spaces(s);
  while (!s.empty()) {
    std::int64_t n = 0;
    std::size_t digits = 0;
    while (!s.empty() && is_digit(s.front())) {
      if (++digits > 9) return std::nullopt;
      n = n * 10 + (s.front() - '0');
      s.remove_prefix(1);
    }
    if (digits == 0 || s.empty()) return std::nullopt;
    const char u = s.front();
    s.remove_prefix(1);
    std::size_t k = next_unit;
    while (k < std::size(kUnits) && kUnits[k].unit != u) ++k;
    if (k == std::size(kUnits)) return std::nullopt;
    next_unit = k + 1;
    total += n * kUnits[k].seconds;
    if (total > kMax) return std::nullopt;
    any = true;
    skip_spaces(s);
  }
  if (!any) return std::nullopt;
  return total;
}

std::string format_duration(std::int64_t seconds) {
  if (seconds <= 0) return "0s";
  std::string out;
  static constexpr std::pair<char, std::int64_t> kUnits[] = {{'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}};
  for (auto [unit, size] : kUnits) {
    if (seconds >= size) {
      out += std::to_string(seconds / size);
      out += unit;
      seconds %= size;
    }
  }
  return out;
}

std::optional<DayInterval> parse_day_interval(std::string_view s) {
  skip_spaces(s);
  auto begin = read_clock(s);
  if (!begin) return std::nullopt;
  skip_spaces(s);
  if (s.empty() || s.front() != '-') return std::nullopt;
  s.remove_prefix(1);
  skip_spaces(s);
  auto end = read_clock(s);
  skip_spaces(s);
  if (!end || !s.empty() || *begin >= *end) return std::nullopt;
  return DayInterval{*begin, *end};
}

std::string format_day_interval(const DayInterval& i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d-%02d:%02d", i.begin_min / 60 % 100, i.begin_min % 60,
                i.end_min / 60 % 100, i.end_min % 60);
  return buf;
}

std::optional<LocalDate> parse_local_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!is_digit(s[i])) return std::nullopt;
  auto num = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  LocalDate d{num(0, 4), num(5, 2), num(8, 2)};
  const date::year_month_day ymd{date::year{d.year}, date::month{static_cast<unsigned>(d.month)},
                                 date::day{static_cast<unsigned>(d.day)}};
  if (!ymd.ok()) return std::nullopt;
  return d;
}

std::string format_local_date(const LocalDate& d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year % 10000, d.month % 100, d.day % 100);
  return buf;
}

std::string_view weekday_key(int iso_index) {
  static constexpr std::string_view kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  return iso_index >= 0 && iso_index < 7 ? kDays[iso_index] : std::string_view("?");
}

}  // namespace parley
