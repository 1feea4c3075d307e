#include "parley/config/engage_config_parse.h"

#include <algorithm>
#include <map>
#include <set>

#include <date/tz.h>

namespace parley::config {
namespace {

using Keys = std::vector<std::string>;

const Keys kWeekKeys = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
const Keys kDayKeys = {"daily", "weekdays", "weekend", "mon", "tue", "wed", "thu", "fri", "sat", "sun"};
const Keys kWhenKeys = {"intent",   "sentiment", "urgency_min", "urgency_max", "language", "topic",
                        "channel",  "audience",  "author_kind", "keywords",    "spam"};
const Keys kActionKeys = {"team", "priority", "tags", "skills", "sla", "ignore", "continue"};
const Keys kEntityKinds = {"product", "competitor", "campaign", "keyword"};

// Days each hours key stands for, in ISO order (0 = Monday).
std::vector<int> days_of(const std::string& key) {
  if (key == "daily") return {0, 1, 2, 3, 4, 5, 6};
  if (key == "weekdays") return {0, 1, 2, 3, 4};
  if (key == "weekend") return {5, 6};
  for (int d = 0; d < 7; ++d)
    if (kWeekKeys[d] == key) return {d};
  return {};
}

bool id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-';
}
bool valid_id(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), id_char); }
bool valid_language(std::string_view s) {
  return (s.size() == 2 || s.size() == 3) &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}
bool valid_channel(std::string_view s) {  // Post::source: [a-z0-9_-]+
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// "HH:MM" from 00:00 to 24:00.
bool clock_ok(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s == "24:00" || parse_day_interval(std::string(s) + "-24:00").has_value();
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }

enum class RefKind { function, team, calendar, sla, skill };

struct Ref {
  RefKind kind;
  std::string name;
  toml::source_region at;
};

class EngageParser {
 public:
  EngageParser(const toml::table& root, const std::vector<text::GazetteerEntry>& entities, EngageConfig& out,
               ConfigErrors& errors)
      : root_(root), entities_(entities), out_(out), errors_(errors) {}

  void run() {
    for (const toml::table* t : tables_of(root_, "functions", errors_)) function(*t);
    for (const toml::table* t : tables_of(root_, "teams", errors_)) team(*t);
    for (const toml::table* t : tables_of(root_, "employees", errors_)) employee(*t);
    for (const toml::table* t : tables_of(root_, "calendars", errors_)) calendar(*t);
    for (const toml::table* t : tables_of(root_, "sla_policies", errors_)) sla(*t);
    for (const toml::table* t : tables_of(root_, "rules", errors_)) rule(*t);
    for (const toml::table* t : tables_of(root_, "outbox", errors_)) outbox(*t);
    routing();
    check_refs();
  }

 private:
  // An identifier: required, letters, digits, '.', '_' and '-'.
  std::optional<Located> id(const toml::table& t, std::string_view key, std::string_view section,
                            std::string_view what) {
    auto v = get_string(t, key, section, errors_, /*required=*/true);
    if (!v) return std::nullopt;
    if (!valid_id(v->value)) {
      errors_.add(v->at, std::string(what) + " " + quoted(v->value) +
                             " may only use letters, digits, '.', '_' and '-' (no spaces)");
      return std::nullopt;
    }
    return v;
  }

  // Records a definition; false (and reported) when the name is taken already.
  bool define(std::map<std::string, std::uint32_t>& seen, std::string_view what, const Located& name) {
    auto [it, fresh] = seen.emplace(name.value, name.at.begin.line);
    if (!fresh)
      errors_.add(name.at, "duplicate " + std::string(what) + " " + quoted(name.value) + " (first defined at line " +
                               std::to_string(it->second) + ")");
    return fresh;
  }

  void ref(RefKind kind, const Located& v) { refs_.push_back({kind, v.value, v.at}); }

  // One of a fixed set of words, e.g. an intent; reported with a suggestion when it is not.
  template <typename E, std::size_t N>
  std::optional<E> pick(const Located& v, std::string_view what, const E (&all)[N]) {
    Keys names;
    for (E e : all) names.emplace_back(to_string(e));
    for (std::size_t i = 0; i < N; ++i)
      if (names[i] == v.value) return all[i];
    std::string hint = did_you_mean(v.value, names);
    if (hint.empty()) hint = " (expected " + name_list(names) + ")";
    errors_.add(v.at, "unknown " + std::string(what) + " " + quoted(v.value) + hint);
    return std::nullopt;
  }

  template <typename E, std::size_t N>
  std::vector<E> pick_all(const toml::table& t, std::string_view key, std::string_view section,
                          std::string_view what, const E (&all)[N]) {
    std::vector<E> out;
    for (const Located& v : get_strings(t, key, section, errors_))
      if (auto e = pick(v, what, all); e && std::find(out.begin(), out.end(), *e) == out.end()) out.push_back(*e);
    return out;
  }

  // skills = { refunds = 4, spanish = 3 }: skill id -> level 1..5.
  std::map<std::string, int> skills(const toml::table& t, std::string_view section, bool is_requirement) {
    std::map<std::string, int> out;
    const toml::table* s = get_table(t, "skills", section, errors_);
    if (!s) return out;
    for (const auto& [k, v] : *s) {
      const std::string skill(k.str());
      if (!valid_id(skill)) {
        errors_.add(k.source(), "skill " + quoted(skill) + " may only use letters, digits, '.', '_' and '-'");
        continue;
      }
      const auto* level = v.as_integer();
      if (!level || level->get() < 1 || level->get() > 5) {
        errors_.add(v, std::string(is_requirement ? "required level" : "level") + " of skill " + quoted(skill) +
                           " must be a whole number from 1 (basic) to 5 (expert)");
        continue;
      }
      out[skill] = static_cast<int>(level->get());
      if (is_requirement) refs_.push_back({RefKind::skill, skill, k.source()});
    }
    return out;
  }

  void function(const toml::table& t) {
    static const std::string kSection = "[[functions]]";
    check_keys(t, {"id", "name"}, kSection, errors_);
    auto fid = id(t, "id", kSection, "function id");
    auto name = get_string(t, "name", kSection, errors_);
    if (!fid || !define(functions_, "function id", *fid)) return;
    out_.functions.push_back({fid->value, name ? name->value : fid->value});
  }

  void team(const toml::table& t) {
    static const std::string kSection = "[[teams]]";
    check_keys(t, {"id", "name", "function", "strategy", "calendar"}, kSection, errors_);
    TeamDef team;
    auto tid = id(t, "id", kSection, "team id");
    if (auto name = get_string(t, "name", kSection, errors_)) team.name = name->value;
    if (auto f = get_string(t, "function", kSection, errors_, /*required=*/true)) {
      team.function = f->value;
      ref(RefKind::function, *f);
    }
    if (auto s = get_string(t, "strategy", kSection, errors_)) {
      static constexpr AssignStrategy kAll[] = {AssignStrategy::skills, AssignStrategy::round_robin,
                                                AssignStrategy::least_loaded};
      if (auto v = pick(*s, "strategy", kAll)) team.strategy = *v;
    }
    if (auto c = get_string(t, "calendar", kSection, errors_)) {
      team.calendar = c->value;
      ref(RefKind::calendar, *c);
    }
    if (!tid || !define(teams_, "team id", *tid)) return;
    team.id = tid->value;
    if (team.name.empty()) team.name = team.id;
    out_.teams.push_back(std::move(team));
  }

  void employee(const toml::table& t) {
    static const std::string kSection = "[[employees]]";
    check_keys(t, {"handle", "name", "role", "teams", "skills", "languages", "capacity", "calendar"}, kSection,
               errors_);
    EmployeeDef e;
    auto handle = id(t, "handle", kSection, "handle");
    if (auto name = get_string(t, "name", kSection, errors_)) e.name = name->value;
    if (auto r = get_string(t, "role", kSection, errors_)) {
      static constexpr Role kAll[] = {Role::admin, Role::lead, Role::agent, Role::analyst};
      if (auto v = pick(*r, "role", kAll)) e.role = *v;
    }
    for (const Located& team : get_strings(t, "teams", kSection, errors_)) {
      ref(RefKind::team, team);
      if (std::find(e.teams.begin(), e.teams.end(), team.value) == e.teams.end()) e.teams.push_back(team.value);
    }
    e.skills = skills(t, kSection, /*is_requirement=*/false);
    for (const auto& [skill, level] : e.skills) known_skills_.insert(skill);
    for (const Located& lang : get_strings(t, "languages", kSection, errors_)) {
      if (!valid_language(lang.value))
        errors_.add(lang.at, "language " + quoted(lang.value) +
                                 " must be an ISO 639-1 code in lower case, like \"en\" or \"es\"");
      else if (std::find(e.languages.begin(), e.languages.end(), lang.value) == e.languages.end())
        e.languages.push_back(lang.value);
    }
    if (auto cap = get_int(t, "capacity", kSection, errors_)) {
      if (*cap < 1 || *cap > 1000)
        errors_.add(*t.get("capacity"), "'capacity' in [[employees]] must be from 1 to 1000 (open cases at once)");
      else
        e.capacity = static_cast<int>(*cap);
    }
    if (auto c = get_string(t, "calendar", kSection, errors_)) {
      e.calendar = c->value;
      ref(RefKind::calendar, *c);
    }
    if (!handle || !define(employees_, "employee handle", *handle)) return;
    e.handle = handle->value;
    out_.employees.push_back(std::move(e));
  }

  // One hours value: "09:00-17:00" or a list of them ([] = closed). nullopt when something was reported.
  std::optional<std::vector<DayInterval>> intervals(const toml::node& n, const std::string& key) {
    std::vector<const toml::node*> items;
    if (n.is_string()) {
      items.push_back(&n);
    } else if (const toml::array* a = n.as_array()) {
      for (const toml::node& item : *a) items.push_back(&item);
    } else {
      errors_.add(n, "opening hours '" + key + "' must be a list like [\"09:00-17:00\"] ([] when closed)");
      return std::nullopt;
    }
    std::vector<DayInterval> out;
    bool ok = true;
    for (const toml::node* item : items) {
      const auto* s = item->as_string();
      std::optional<DayInterval> iv = s ? parse_day_interval(s->get()) : std::nullopt;
      if (iv) {
        out.push_back(*iv);
        continue;
      }
      ok = false;
      std::string text = s ? s->get() : "";
      const auto dash = text.find('-');
      // Both ends readable as times of day: the interval is backwards (or empty), not ill-formed.
      const bool times_ok =
          dash != std::string::npos && clock_ok(text.substr(0, dash)) && clock_ok(text.substr(dash + 1));
      if (s && times_ok)
        errors_.add(*item, "opening hours \"" + text + "\" must end after they begin; split hours past midnight over " +
                               "two days, e.g. mon = [\"22:00-24:00\"] and tue = [\"00:00-06:00\"]");
      else
        errors_.add(*item, "opening hours must be written \"HH:MM-HH:MM\", like \"09:00-17:00\" or \"00:00-24:00\"" +
                               std::string(s ? ", not \"" + text + "\"" : ""));
    }
    if (!ok) return std::nullopt;
    std::sort(out.begin(), out.end(),
              [](const DayInterval& a, const DayInterval& b) { return a.begin_min < b.begin_min; });
    for (std::size_t i = 1; i < out.size(); ++i) {
      if (out[i].begin_min < out[i - 1].end_min) {
        errors_.add(n, "opening hours on '" + key + "' overlap: " + format_day_interval(out[i - 1]) + " and " +
                           format_day_interval(out[i]));
        return std::nullopt;
      }
    }
    return out;
  }

  void check_time_zone(const Located& tz) {
    try {
      (void)date::locate_zone(tz.value);
      return;
    } catch (const std::exception&) {
    }
    std::string hint;
    try {
      Keys names;
      for (const auto& z : date::get_tzdb().zones) names.emplace_back(z.name());
      hint = did_you_mean(tz.value, names);
    } catch (const std::exception&) {
    }
    errors_.add(tz.at, "unknown time zone " + quoted(tz.value) + hint +
                           (hint.empty() ? " (use an IANA name like \"Europe/Madrid\" or \"America/New_York\")" : ""));
  }

  void calendar(const toml::table& t) {
    static const std::string kSection = "[[calendars]]";
    Keys allowed = {"name", "time_zone", "hours", "holidays"};
    allowed.insert(allowed.end(), kDayKeys.begin(), kDayKeys.end());
    check_keys(t, allowed, kSection, errors_);
    BusinessCalendar c;
    auto name = id(t, "name", kSection, "calendar name");
    if (auto tz = get_string(t, "time_zone", kSection, errors_)) {
      check_time_zone(*tz);
      c.time_zone = tz->value;
    }
    // Opening hours: day keys directly in the entry or grouped under `hours`; a named day beats weekdays /
    // weekend, which beat daily.
    const toml::table* hours = get_table(t, "hours", kSection, errors_);
    if (hours) check_keys(*hours, kDayKeys, "the hours of [[calendars]]", errors_);
    bool any = hours != nullptr, hours_ok = true;
    for (const std::string& key : kDayKeys) {
      const toml::node* direct = t.get(key);
      const toml::node* grouped = hours ? hours->get(key) : nullptr;
      if (direct && grouped) {
        errors_.add(*direct, "'" + key + "' is given twice in this calendar: here and in its hours");
        hours_ok = false;
        continue;
      }
      const toml::node* n = direct ? direct : grouped;
      if (!n) continue;
      any = true;
      auto iv = intervals(*n, key);
      if (!iv) {
        hours_ok = false;
        continue;
      }
      for (int d : days_of(key)) c.week[d] = *iv;
    }
    if (any && hours_ok && c.always_open())
      errors_.add(t, "calendar " + quoted(name ? name->value : "?") +
                         " is never open: give its opening hours, or leave them all out for 24x7");
    if (const toml::node* hol = t.get("holidays")) {
      const toml::array* a = hol->as_array();
      if (!a) errors_.add(*hol, "'holidays' in [[calendars]] must be a list of dates like [\"2026-12-25\"]");
      for (std::size_t i = 0; a && i < a->size(); ++i) {
        const toml::node& item = *a->get(i);
        std::optional<LocalDate> d;
        if (const auto* s = item.as_string())
          d = parse_local_date(s->get());
        else if (const auto* td = item.as_date())  // an unquoted TOML date: 2026-12-25
          d = parse_local_date(format_local_date({td->get().year, td->get().month, td->get().day}));
        if (!d)
          errors_.add(item, "holidays must be real dates written \"YYYY-MM-DD\", like \"2026-12-25\"");
        else if (std::find(c.holidays.begin(), c.holidays.end(), *d) == c.holidays.end())
          c.holidays.push_back(*d);
      }
      std::sort(c.holidays.begin(), c.holidays.end());
    }
    if (!name || !define(calendars_, "calendar", *name)) return;
    c.name = name->value;
    out_.calendars.push_back(std::move(c));
  }

  // A duration target of an SLA policy: "30m", "4h", "1h30m", "2d". 0 when absent or wrong (reported).
  std::int64_t duration(const toml::table& t, std::string_view key) {
    const toml::node* n = t.get(key);
    if (!n) return 0;
    const auto* s = n->as_string();
    std::optional<std::int64_t> d = s ? parse_duration(s->get()) : std::nullopt;
    if (!d) {
      errors_.add(*n, "'" + std::string(key) + "' must be a duration in quotes, like \"30m\", \"4h\", \"1h30m\" or " +
                          "\"2d\" (units d, h, m, s, largest first)");
      return 0;
    }
    if (*d == 0) errors_.add(*n, "'" + std::string(key) + "' must be longer than 0; leave it out for no target");
    return *d;
  }

  void sla(const toml::table& t) {
    static const std::string kSection = "[[sla_policies]]";
    check_keys(t, {"name", "first_response", "next_response", "resolution", "calendar", "warn_at"}, kSection, errors_);
    SlaPolicy p;
    auto name = id(t, "name", kSection, "SLA policy name");
    p.first_response_s = duration(t, "first_response");
    p.next_response_s = duration(t, "next_response");
    p.resolution_s = duration(t, "resolution");
    if (!t.get("first_response") && !t.get("next_response") && !t.get("resolution"))
      errors_.add(t, "SLA policy " + quoted(name ? name->value : "?") +
                         " sets no target: give first_response, next_response or resolution");
    if (auto c = get_string(t, "calendar", kSection, errors_)) {
      p.calendar = c->value;
      ref(RefKind::calendar, *c);
    }
    if (auto w = get_number(t, "warn_at", kSection, errors_)) {
      if (!(*w > 0 && *w < 1))
        errors_.add(*t.get("warn_at"), "'warn_at' must be a fraction between 0 and 1, like 0.8 (warn when 80% of "
                                       "the time has passed)");
      else
        p.warn_fraction = *w;
    }
    if (!name || !define(slas_, "SLA policy", *name)) return;
    p.name = name->value;
    out_.sla_policies.push_back(std::move(p));
  }

  // A topic names an entity of this file (canonical name) or a kind of entity.
  std::optional<std::string> topic(const Located& v) {
    const std::string want = lower_ascii(v.value);
    auto bare = [](std::string s) { return !s.empty() && s[0] == '#' ? s.substr(1) : s; };
    for (const std::string& kind : kEntityKinds)
      if (want == kind) return kind;
    for (const auto& e : entities_)
      if (bare(lower_ascii(e.name)) == bare(want)) return e.name;
    for (const auto& e : entities_)
      for (const auto& a : e.aliases)
        if (bare(lower_ascii(a)) == bare(want)) {
          errors_.add(v.at, "topic " + quoted(v.value) + " is an alias of " + quoted(e.name) +
                                "; topics use the canonical name");
          return std::nullopt;
        }
    Keys names = kEntityKinds;
    for (const auto& e : entities_) names.push_back(e.name);
    std::string hint = did_you_mean(v.value, names);
    errors_.add(v.at, "unknown topic " + quoted(v.value) + hint +
                          (hint.empty() ? " (a topic is the name of a product, competitor, campaign or keyword of "
                                          "this file, or one of the kinds product, competitor, campaign, keyword)"
                                        : ""));
    return std::nullopt;
  }

  void rule_keys(const toml::table& t) {
    Keys allowed = {"name", "when"};
    allowed.insert(allowed.end(), kActionKeys.begin(), kActionKeys.end());
    for (const auto& [k, v] : t) {
      const std::string key(k.str());
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      if (std::find(kWhenKeys.begin(), kWhenKeys.end(), key) != kWhenKeys.end())
        errors_.add(k.source(), "'" + key + "' is a condition: put it under 'when', e.g. when = { " + key + " = ... }");
      else
        errors_.add(k.source(), "unknown key " + quoted(key) + " in [[rules]]" +
                                    [&] {
                                      std::string h = did_you_mean(key, allowed);
                                      if (h.empty()) h = did_you_mean(key, kWhenKeys);
                                      return h.empty() ? " (expected " + name_list(allowed, 40) + ")" : h;
                                    }());
    }
  }

  void when_keys(const toml::table& w) {
    for (const auto& [k, v] : w) {
      const std::string key(k.str());
      if (std::find(kWhenKeys.begin(), kWhenKeys.end(), key) != kWhenKeys.end()) continue;
      if (std::find(kActionKeys.begin(), kActionKeys.end(), key) != kActionKeys.end()) {
        errors_.add(k.source(), "'" + key + "' is an action: put it in the rule itself, not under 'when'");
      } else {
        std::string h = did_you_mean(key, kWhenKeys);
        errors_.add(k.source(), "unknown condition " + quoted(key) + " in 'when' of [[rules]]" +
                                    (h.empty() ? " (expected " + name_list(kWhenKeys, 40) + ")" : h));
      }
    }
  }

  std::optional<int> urgency(const toml::table& w, std::string_view key) {
    auto u = get_int(w, key, "'when' of [[rules]]", errors_);
    if (u && (*u < 0 || *u > 100)) {
      errors_.add(*w.get(key), "'" + std::string(key) + "' must be from 0 to 100");
      return std::nullopt;
    }
    if (u) return static_cast<int>(*u);
    return std::nullopt;
  }

  void conditions(const toml::table& w, RoutingRule& r) {
    static const std::string kSection = "'when' of [[rules]]";
    when_keys(w);
    static constexpr text::Intent kIntents[] = {text::Intent::complaint, text::Intent::praise, text::Intent::question,
                                                text::Intent::suggestion, text::Intent::other};
    static constexpr text::SentimentClass kSentiments[] = {text::SentimentClass::negative, text::SentimentClass::neutral,
                                                           text::SentimentClass::positive};
    static constexpr AuthorKind kAuthorKinds[] = {AuthorKind::public_, AuthorKind::customer, AuthorKind::employee};
    static constexpr Audience kAudiences[] = {Audience::public_, Audience::internal};
    r.intents = pick_all(w, "intent", kSection, "intent", kIntents);
    r.sentiments = pick_all(w, "sentiment", kSection, "sentiment", kSentiments);
    r.min_urgency = urgency(w, "urgency_min");
    r.max_urgency = urgency(w, "urgency_max");
    if (r.min_urgency && r.max_urgency && *r.min_urgency > *r.max_urgency)
      errors_.add(*w.get("urgency_max"), "'urgency_max' is below 'urgency_min': no post can match");
    for (const Located& lang : get_strings(w, "language", kSection, errors_)) {
      if (!valid_language(lang.value))
        errors_.add(lang.at, "language " + quoted(lang.value) +
                                 " must be an ISO 639-1 code in lower case, like \"en\" or \"es\"");
      else
        r.languages.push_back(lang.value);
    }
    for (const Located& v : get_strings(w, "topic", kSection, errors_))
      if (auto name = topic(v)) r.topics.push_back(*name);
    for (const Located& ch : get_strings(w, "channel", kSection, errors_)) {
      if (!valid_channel(ch.value))
        errors_.add(ch.at, "channel " + quoted(ch.value) +
                               " must be a source name like \"x\", \"mastodon\" or \"api\" (a-z, 0-9, '_', '-')");
      else
        r.channels.push_back(ch.value);
    }
    if (auto a = get_string(w, "audience", kSection, errors_)) r.audience = pick(*a, "audience", kAudiences);
    r.author_kinds = pick_all(w, "author_kind", kSection, "author kind", kAuthorKinds);
    for (const Located& k : get_strings(w, "keywords", kSection, errors_)) r.keywords.push_back(k.value);
    r.spam = get_bool(w, "spam", kSection, errors_);
  }

  void rule(const toml::table& t) {
    static const std::string kSection = "[[rules]]";
    rule_keys(t);
    RoutingRule r;
    r.line = static_cast<int>(t.source().begin.line);
    auto name = get_string(t, "name", kSection, errors_, /*required=*/true);
    if (const toml::table* w = get_table(t, "when", kSection, errors_)) conditions(*w, r);
    if (auto team = get_string(t, "team", kSection, errors_)) {
      r.team = team->value;
      ref(RefKind::team, *team);
    }
    if (auto p = get_string(t, "priority", kSection, errors_)) {
      static constexpr Priority kAll[] = {Priority::low, Priority::normal, Priority::high, Priority::urgent};
      r.priority = pick(*p, "priority", kAll);
    }
    for (const Located& tag : get_strings(t, "tags", kSection, errors_))
      if (std::find(r.tags.begin(), r.tags.end(), tag.value) == r.tags.end()) r.tags.push_back(tag.value);
    r.required_skills = skills(t, kSection, /*is_requirement=*/true);
    if (auto s = get_string(t, "sla", kSection, errors_)) {
      r.sla = s->value;
      ref(RefKind::sla, *s);
    }
    r.ignore = get_bool(t, "ignore", kSection, errors_).value_or(false);
    r.continue_ = get_bool(t, "continue", kSection, errors_).value_or(false);
    if (r.ignore) {
      Keys useless;
      for (const char* k : {"team", "priority", "tags", "skills", "sla", "continue"})
        if (t.contains(k)) useless.emplace_back(k);
      if (!useless.empty())
        errors_.add(*t.get("ignore"), "rule " + quoted(name ? name->value : "?") +
                                          " ignores the post (ignore = true), so its " + name_list(useless) +
                                          " would never apply; remove one or the other");
    }
    if (!name || !define(rules_, "rule name", *name)) return;
    r.name = name->value;
    out_.rules.push_back(std::move(r));
  }

  void outbox(const toml::table& t) {
    static const std::string kSection = "[[outbox]]";
    check_keys(t, {"source", "url"}, kSection, errors_);
    auto source = get_string(t, "source", kSection, errors_, /*required=*/true);
    auto url = get_string(t, "url", kSection, errors_, /*required=*/true);
    if (source && source->value != "*" && !valid_channel(source->value)) {
      errors_.add(source->at, "outbox source " + quoted(source->value) +
                                  " must be a source name like \"x\" (a-z, 0-9, '_', '-'), or \"*\" for any other");
      source.reset();
    }
    if (url && url->value.rfind("https://", 0) != 0 && url->value.rfind("http://", 0) != 0) {
      errors_.add(url->at, "outbox url must start with https:// (or http://)");
      url.reset();
    }
    if (!source || !url || !define(outboxes_, "outbox for source", *source)) return;
    out_.outboxes.push_back({source->value, url->value});
  }

  void routing() {
    const toml::node* n = root_.get("routing");
    if (!n) return;
    const toml::table* t = n->as_table();
    if (!t) {
      errors_.add(*n, "'routing' must be a table ([routing])");
      return;
    }
    check_keys(*t, {"default_sla"}, "[routing]", errors_);
    if (auto s = get_string(*t, "default_sla", "[routing]", errors_)) {
      out_.default_sla = s->value;
      ref(RefKind::sla, *s);
    }
  }

  void check_refs() {
    auto keys_of = [](const std::map<std::string, std::uint32_t>& m) {
      Keys k;
      for (const auto& [name, line] : m) k.push_back(name);
      return k;
    };
    const Keys skills(known_skills_.begin(), known_skills_.end());
    for (const Ref& r : refs_) {
      const std::map<std::string, std::uint32_t>* defs = nullptr;
      const char* what = "";
      const char* section = "";
      switch (r.kind) {
        case RefKind::function: defs = &functions_, what = "function", section = "[[functions]]"; break;
        case RefKind::team: defs = &teams_, what = "team", section = "[[teams]]"; break;
        case RefKind::calendar: defs = &calendars_, what = "calendar", section = "[[calendars]]"; break;
        case RefKind::sla: defs = &slas_, what = "SLA policy", section = "[[sla_policies]]"; break;
        case RefKind::skill:
          // A required skill nobody has can never be met; only checkable once there are employees.
          if (!out_.employees.empty() && !known_skills_.count(r.name))
            errors_.add(r.at, "no employee has skill " + quoted(r.name) + did_you_mean(r.name, skills));
          continue;
      }
      if (defs->count(r.name)) continue;
      const Keys known = keys_of(*defs);
      std::string hint = did_you_mean(r.name, known);
      if (hint.empty())
        hint = known.empty() ? std::string(": no ") + section + " are defined"
                             : std::string(" (defined: ") + name_list(known) + ")";
      errors_.add(r.at, std::string("unknown ") + what + " " + quoted(r.name) + hint);
    }
  }

  const toml::table& root_;
  const std::vector<text::GazetteerEntry>& entities_;
  EngageConfig& out_;
  ConfigErrors& errors_;
  std::map<std::string, std::uint32_t> functions_, teams_, employees_, calendars_, slas_, rules_, outboxes_;
  std::set<std::string> known_skills_;
  std::vector<Ref> refs_;
};

}  // namespace

const std::vector<std::string>& engage_sections() {
  static const Keys kSections = {"functions", "teams", "employees", "calendars", "sla_policies",
                                 "rules",     "outbox", "routing"};
  return kSections;
}

void parse_engage(const toml::table& root, const std::vector<text::GazetteerEntry>& entities, EngageConfig& out,
                  ConfigErrors& errors) {
  EngageParser(root, entities, out, errors).run();
}

}  // namespace parley::config
