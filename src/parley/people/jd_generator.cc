#include "parley/people/jd_generator.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "parley/core/time.h"
#include "parley/people/case_skills.h"
#include "parley/people/jd_json.h"
#include "parley/people/neutral_wording.h"
#include "parley/people/phrase_matcher.h"
#include "parley/people/skill_link.h"

namespace parley::people {
namespace {

constexpr std::size_t kNone = std::string::npos;
constexpr std::size_t kMaxCellsInSummary = 6;

std::string num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, v >= 10 ? "%.0f" : v >= 1 ? "%.1f" : "%.2f", v);
  return b;
}

std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string join_comma(const std::vector<std::string>& v) {
  std::string r;
  for (const auto& x : v) r += (r.empty() ? "" : ", ") + x;
  return r;
}

// "a", "a and b", "a, b and c" (or "or").
std::string join_list(const std::vector<std::string>& v, const char* last = "and") {
  std::string r;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) r += i + 1 == v.size() ? std::string(" ") + last + " " : ", ";
    r += v[i];
  }
  return r;
}

const char* part_hours(DayPart p) {
  switch (p) {
    case DayPart::night: return "00:00-06:00";
    case DayPart::morning: return "06:00-12:00";
    case DayPart::afternoon: return "12:00-18:00";
    case DayPart::evening: return "18:00-24:00";
  }
  return "";
}

std::string at_part(DayPart p) {
  return p == DayPart::night ? "at night" : "in the " + std::string(to_string(p));
}

std::string parts_text(const std::vector<DayPart>& parts) {
  std::vector<std::string> v;
  for (auto p : parts) v.push_back(at_part(p));
  return join_list(v);
}

std::string plural(std::int64_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string intent_count(const std::string& intent, std::int64_t n) {
  if (intent == "complaint" || intent == "question" || intent == "suggestion")
    return plural(n, intent, intent + "s");
  if (intent == "praise") return plural(n, "praise post", "praise posts");
  return plural(n, intent + " post", intent + " posts");
}

// "x" -> "X", "api" -> "API" (short source ids are abbreviations), "reddit" -> "Reddit".
std::string channel_name(const std::string& source) {
  if (source.size() > 3) return capitalised(source);
  std::string r = source;
  for (char& c : r)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return r;
}

std::vector<std::pair<std::string, std::int64_t>> by_count(const std::map<std::string, std::int64_t>& m) {
  std::vector<std::pair<std::string, std::int64_t>> v(m.begin(), m.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return v;
}

std::string cell_why(const GapCell& c) {
  return "gap cell " + c.skill + ", " + std::string(to_string(c.part)) + ": " + std::to_string(c.cases) +
         " cases, " + num(c.per_day) + " a day, skilled capacity " + num(c.skilled_capacity) + ", load " +
         (c.load ? num(*c.load) : std::string("none")) + (c.shortage ? " (short)" : "");
}

// What a case's intent asks the person to do, in words that name the taxonomy skill for that work.
struct Duty {
  const char* intent;
  const char* skill;     // taxonomy id; the sentence starts with its neutral form
  const char* fallback;  // the start when the taxonomy has no neutral form of it
  const char* rest;
};
constexpr std::array<Duty, 5> kDuties = {{
    {"complaint", "handle-customer-complaints", "Handle complaints",
     " in public threads: de-escalate tense conversations and move them to private messages when account details "
     "are needed."},
    {"question", "respond-to-enquiries", "Answer questions",
     " about the products and services, with links to the help articles that already cover them."},
    {"praise", "build-community-relations", "Thank customers",
     ": thank customers who praise the products, in public."},
    {"suggestion", "measure-customer-feedback", "Collect suggestions",
     ": log product suggestions and pass them on to the product team."},
    {"other", "", "Sort the remaining posts", ": route each to the right team, or close it."},
}};

// A team or function name without its brackets or a trailing "team": "Care (Spanish)" -> "Care".
std::string plain_name(std::string s) {
  if (auto b = s.find('('); b != std::string::npos) s.erase(b);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  if (s.size() > 5 && s.ends_with(" team")) s.erase(s.size() - 5);
  return s;
}

class Builder {
 public:
  Builder(const TeamGaps& g, const EngageConfig& config, const JdAnalyzer& a)
      : g_(g), config_(config), a_(a), t_(a.taxonomy()) {}

  JdDraft run(std::string_view title);

 private:
  DraftLine& add(DraftSection s, std::string text, std::string origin, std::vector<std::string> why,
                 std::size_t skill = kNone, std::vector<std::string> org_skills = {}) {
    DraftLine l;
    l.section = s;
    l.text = std::move(text);
    l.origin = std::move(origin);
    l.why = std::move(why);
    l.skill = skill;
    l.org_skills = std::move(org_skills);
    d_.lines.push_back(std::move(l));
    return d_.lines.back();
  }
  std::optional<std::string> form(std::size_t skill) const {
    if (skill == kNone) return std::nullopt;
    return neutral_form(skill, a_.matcher(), a_.stems());
  }
  std::string default_title() const;
  std::string text() const;
  void summary();
  void duties();
  void required();
  void nice_to_have();
  void balance();
  int shared_by(const std::string& id);
  void hours();
  // A line asking for one organisation skill, in the taxonomy's words when there is a sure link.
  void ask_for(DraftSection s, const std::string& org_skill, std::string suffix, std::string origin,
               std::vector<std::string> why);

  const TeamGaps& g_;
  const EngageConfig& config_;
  const JdAnalyzer& a_;
  const Taxonomy& t_;
  JdDraft d_;
  std::vector<const GapCell*> short_cells_;
  std::vector<std::string> core_;               // the skills the role is for: short ones, else most demanded
  std::map<std::string, std::string> rec_why_;  // skill -> what the recommendations say
  std::map<std::string, int> shared_;           // skill id -> occupations listing it (shared_by)
};

std::string Builder::default_title() const {
  const TeamDef* team = config_.team(g_.team);
  const FunctionDef* fn = team ? config_.function(team->function) : nullptr;
  std::string a = fn ? plain_name(fn->name) : "", b = team ? plain_name(team->name) : g_.team;
  // The longer name says more ("Customer care" over "Care", "Product feedback" over "Product").
  if (b.size() > a.size()) std::swap(a, b);
  if (a.empty() || (!neutral_wording(a, a_.stems()) && !b.empty() && neutral_wording(b, a_.stems()))) a = b;
  std::vector<std::string> extra;
  for (const auto& s : d_.short_skills)
    if (is_language_skill(s)) extra.push_back(skill_words(s));
  std::vector<std::string> parts;
  for (auto p : d_.short_parts) parts.push_back(std::string(to_string(p)) + "s");
  if (!parts.empty()) extra.push_back(join_list(parts));
  std::string title = capitalised(a.empty() ? g_.team : a) + " specialist";
  for (std::size_t i = 0; i < extra.size(); ++i) title += (i ? ", " : " (") + extra[i] + (i + 1 == extra.size() ? ")" : "");
  return title;
}

void Builder::summary() {
  const TeamDef* team = config_.team(g_.team);
  const std::string name = team && neutral_wording(team->name, a_.stems()) ? "The " + team->name + " team" : "The team";
  const std::string date = format_iso8601_ms(g_.until).substr(0, 10);
  std::vector<std::string> why = {"team " + g_.team + ": " + std::to_string(g_.cases) + " cases opened from " +
                                  format_iso8601_ms(g_.since) + " to " + format_iso8601_ms(g_.until) +
                                  " (merged cases left out)"};
  if (g_.cases == 0) {
    add(DraftSection::summary, name + " had no cases in the " + num(g_.days) + " days to " + date + ".", "team", why);
    return;
  }
  add(DraftSection::summary,
      name + " handled " + std::to_string(g_.cases) + " cases in the " + num(g_.days) + " days to " + date +
          ", about " + num(g_.days > 0 ? g_.cases / g_.days : 0) + " a day.",
      "team", why);
  for (std::size_t i = 0; i < short_cells_.size() && i < kMaxCellsInSummary; ++i) {
    const GapCell& c = *short_cells_[i];
    std::vector<std::string> intents;
    for (const auto& [intent, n] : by_count(c.intents)) intents.push_back(intent_count(intent, n));
    std::string cover = c.skilled_capacity <= 0
                            ? "no one with the skill is on shift then"
                            : num(c.skilled_capacity) + " skilled capacity is on shift then, a load of " + num(*c.load);
    std::vector<std::string> why_cell = {cell_why(c)};
    if (auto r = rec_why_.find(c.skill); r != rec_why_.end()) why_cell.push_back(r->second);
    add(DraftSection::summary,
        "Cases that need " + skill_words(c.skill) + " " + at_part(c.part) + " (" + part_hours(c.part) + ", " +
            g_.time_zone + " time): " + std::to_string(c.cases) + " in " + num(g_.days) + " days, " +
            num(c.per_day) + " a day" + (intents.empty() ? "" : ", " + join_list(intents)) + "; " + cover + ".",
        "shortage", why_cell, kNone, {c.skill});
  }
  if (short_cells_.size() > kMaxCellsInSummary)
    add(DraftSection::summary,
        std::to_string(short_cells_.size() - kMaxCellsInSummary) + " more skill and time combinations are short too.",
        "shortage", {"gap cells marked short beyond the first " + std::to_string(kMaxCellsInSummary)});
  if (g_.cells.empty())
    add(DraftSection::summary,
        "Its cases needed no skill the organisation names, so the gaps say nothing yet about the skills this role "
        "needs.",
        "team", {"no gap cell: no case of the range needed a skill of the organisation's vocabulary"});
  else if (short_cells_.empty())
    add(DraftSection::summary,
        "No skill was short in any part of the day, so this draft describes the team's most common work.", "team",
        {"no gap cell met the shortage rule (" + std::to_string(kMinShortCases) +
         "+ cases and no skilled cover or a load over " + num(kMaxLoad) + ")"});
}

void Builder::duties() {
  // The work the role covers: what the short cells' cases asked for (all cells when nothing is short).
  std::vector<const GapCell*> source = short_cells_;
  if (source.empty())
    for (const auto& c : g_.cells) source.push_back(&c);
  const char* where = short_cells_.empty() ? "the team's cells" : "the short cells";
  std::map<std::string, std::int64_t> intents, channels;
  std::map<std::string, std::vector<std::string>> intent_cells;
  for (const auto* c : source) {
    for (const auto& [i, n] : c->intents) {
      intents[i] += n;
      intent_cells[i].push_back(c->skill + "/" + std::string(to_string(c->part)) + " " + std::to_string(n));
    }
    for (const auto& [ch, n] : c->channels) channels[ch] += n;
  }
  auto ranked = by_count(intents);
  // "Other" is what is left once the named kinds of work are done: it goes last whatever its count.
  std::stable_partition(ranked.begin(), ranked.end(), [](const auto& x) { return x.first != "other"; });
  for (const auto& [intent, n] : ranked) {
    const Duty* duty = nullptr;
    for (const auto& d : kDuties)
      if (intent == d.intent) duty = &d;
    if (!duty) continue;
    const std::size_t skill = *duty->skill ? t_.index_of(duty->skill) : kNone;
    auto f = form(skill);
    std::vector<std::string> why = {"intent " + intent + ": " + std::to_string(n) + " in " + where + " (" +
                                    join_comma(intent_cells[intent]) + ")"};
    if (f) why.push_back("taxonomy: " + t_.skills()[skill].id);
    add(DraftSection::duties, (f ? capitalised(*f) : std::string(duty->fallback)) + duty->rest, "intent", why,
        f ? skill : kNone);
  }
  if (!channels.empty()) {
    std::vector<std::string> names, counts;
    for (const auto& [ch, n] : by_count(channels)) {
      names.push_back(channel_name(ch));
      counts.push_back(ch + " " + std::to_string(n));
    }
    add(DraftSection::duties, "Reply in public and in private messages on these channels: " + join_list(names) + ".", "channel",
        {"channels in " + std::string(where) + ": " + join_comma(counts)});
  }
}

void Builder::ask_for(DraftSection s, const std::string& org_skill, std::string suffix, std::string origin,
                      std::vector<std::string> why) {
  const SkillLink link = link_org_skill(org_skill, t_);
  const std::string words = skill_words(org_skill);
  auto f = form(link.skill);
  if (f) {
    // Name the organisation's word too when the taxonomy's does not contain it ("Build community relations
    // (community management)"), so the team recognises its own gap.
    const bool contains = phrase_key(*f).find(phrase_key(words)) != std::string::npos;
    why.push_back("taxonomy: " + t_.skills()[link.skill].id + " (" + link.how + ")");
    add(s, capitalised(*f) + (contains ? "" : " (" + words + ")") + suffix + ".", std::move(origin), std::move(why),
        link.skill, {org_skill});
  } else {
    why.push_back(link.skill == kNone ? "taxonomy: no sure match for '" + org_skill + "', named as the team names it"
                                      : "taxonomy: " + t_.skills()[link.skill].id + " has no neutral wording");
    add(s, "Experience with " + words + " cases" + suffix + ".", std::move(origin), std::move(why), kNone, {org_skill});
  }
}

void Builder::required() {
  // Languages share one line: "Speak different languages: written Spanish and German".
  std::vector<std::string> languages, language_why;
  for (const auto& s : core_) {
    if (!is_language_skill(s)) continue;
    languages.push_back(s);
    for (const auto& c : g_.cells)
      if (c.skill == s && (c.shortage || short_cells_.empty())) language_why.push_back(cell_why(c));
    if (auto r = rec_why_.find(s); r != rec_why_.end()) language_why.push_back(r->second);
  }
  if (!languages.empty()) {
    const SkillLink link = link_org_skill(languages.front(), t_);
    std::vector<std::string> names;
    for (const auto& l : languages) names.push_back(skill_words(l));
    auto f = form(link.skill);
    if (f) language_why.push_back("taxonomy: " + t_.skills()[link.skill].id + " (" + link.how + ")");
    add(DraftSection::required,
        (f ? capitalised(*f) + ": written " : std::string("Written ")) + join_list(names) +
            ", for public replies and private messages.",
        short_cells_.empty() ? "demand" : "shortage", language_why, f ? link.skill : kNone, languages);
  }
  for (const auto& s : core_) {
    if (is_language_skill(s)) continue;
    std::vector<std::string> why;
    std::vector<DayPart> parts;
    for (const auto& c : g_.cells)
      if (c.skill == s && (c.shortage || short_cells_.empty())) {
        why.push_back(cell_why(c));
        if (c.shortage) parts.push_back(c.part);
      }
    if (auto r = rec_why_.find(s); r != rec_why_.end()) why.push_back(r->second);
    std::sort(parts.begin(), parts.end());
    ask_for(DraftSection::required, s, parts.empty() ? "" : ": the team is short of it " + parts_text(parts),
            short_cells_.empty() ? "demand" : "shortage", why);
  }
}

void Builder::nice_to_have() {
  // Skills the team's cases need that are covered today: useful, not the reason for the role.
  struct Demand {
    std::int64_t cases = 0;
    double max_load = 0;
    int parts = 0;
  };
  std::map<std::string, Demand> demand;
  for (const auto& c : g_.cells) {
    if (std::find(core_.begin(), core_.end(), c.skill) != core_.end()) continue;
    auto& d = demand[c.skill];
    d.cases += c.cases;
    d.max_load = std::max(d.max_load, c.load.value_or(0));
    ++d.parts;
  }
  std::vector<std::pair<std::string, Demand>> v(demand.begin(), demand.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& x, const auto& y) { return x.second.cases > y.second.cases; });
  if (v.size() > kMaxNiceToHave) v.resize(kMaxNiceToHave);
  auto why_of = [](const std::string& s, const Demand& d) {
    return "demand, not short: " + s + ": " + std::to_string(d.cases) + " cases in " + std::to_string(d.parts) +
           " part(s) of the day, highest load " + num(d.max_load);
  };
  std::vector<std::string> languages, language_why;
  for (const auto& [s, d] : v) {
    if (is_language_skill(s)) {
      languages.push_back(skill_words(s));
      language_why.push_back(why_of(s, d));
      continue;
    }
    ask_for(DraftSection::nice, s, "", "demand", {why_of(s, d)});
  }
  if (!languages.empty()) {
    // One language line: the languages already asked for above need not be named again.
    const std::size_t skill = t_.index_of("speak-different-languages");
    bool asked = false;
    for (const auto& l : d_.lines) asked |= l.section == DraftSection::required && l.skill == skill && skill != kNone;
    auto f = asked ? std::nullopt : form(skill);
    std::vector<std::string> org;
    for (const auto& [s, d] : v)
      if (is_language_skill(s)) org.push_back(s);
    add(DraftSection::nice, (f ? capitalised(*f) + ": " : std::string("Also ")) + join_list(languages, "or") + ".",
        "demand", language_why, f ? skill : kNone, org);
  }
}

// How many occupations of the taxonomy list the skill (essential or optional).
int Builder::shared_by(const std::string& id) {
  if (shared_.empty())
    for (const auto& o : t_.occupations()) {
      std::set<std::string> once(o.essential.begin(), o.essential.end());
      once.insert(o.optional.begin(), o.optional.end());
      for (const auto& s : once) ++shared_[s];
    }
  auto it = shared_.find(id);
  return it == shared_.end() ? 0 : it->second;
}

void Builder::balance() {
  // What the draft names so far, as the analyser reads it (the title and the duties count too).
  Posting so_far{"draft", d_.title, text()};
  JdReport r = a_.analyze(so_far);
  std::set<std::size_t> named;
  for (const auto& s : r.skills) named.insert(s.skill);
  int most = *std::max_element(r.by_type.begin(), r.by_type.end());
  const int target = std::clamp(most, kMinPerType, kMaxPerType);
  // The profile to fill from: the occupation the title names, then the one nearest by skills alone.
  std::vector<const Occupation*> sources;
  if (r.nearest) sources.push_back(r.nearest);
  Posting untitled = so_far;
  untitled.title.clear();
  const Occupation* by_skills = a_.analyze(untitled).nearest;
  if (by_skills && by_skills != r.nearest) sources.push_back(by_skills);
  for (int type = 0; type < kSkillTypes; ++type) {
    int have = r.by_type[static_cast<std::size_t>(type)];
    // Essential skills of every source before optional ones: what the occupation cannot do without first.
    for (int essential = 1; essential >= 0 && have < target; --essential) {
      for (const Occupation* o : sources) {
        // The occupation's most widely shared skills first: those that many of the social, communication and
        // customer-service occupations list are the core of the work; one listed by this occupation alone
        // (an ESCO list is alphabetical) is more likely a side task ("control of expenses").
        std::vector<std::string> ids = essential ? o->essential : o->optional;
        std::stable_sort(ids.begin(), ids.end(),
                         [&](const std::string& a, const std::string& b) { return shared_by(a) > shared_by(b); });
        for (const auto& id : ids) {
          if (have >= target) break;
          const std::size_t s = t_.index_of(id);
          if (s == kNone || named.count(s) || static_cast<int>(t_.skills()[s].type) != type) continue;
          auto f = form(s);
          if (!f) continue;
          named.insert(s);
          if (!d_.occupation) d_.occupation = o;
          add(DraftSection::required, capitalised(*f) + ".", "occupation",
              {"occupation " + o->id + " (" + o->label + "): " + (essential ? "essential" : "optional") + " skill, listed by " +
                   std::to_string(shared_by(id)) + " of the taxonomy's " + std::to_string(t_.occupations().size()) +
                   " occupations",
               "for balance: " + std::string(to_string(static_cast<SkillType>(type))) + " had " +
                   std::to_string(r.by_type[static_cast<std::size_t>(type)]) + " skill(s), the draft aims for " +
                   std::to_string(target) + " of each kind"},
              s);
          ++have;
        }
      }
    }
  }
}

void Builder::hours() {
  if (d_.short_parts.empty()) return;
  std::vector<std::string> parts, why;
  for (auto p : d_.short_parts) {
    parts.push_back(std::string(to_string(p)) + "s (" + part_hours(p) + ")");
    std::vector<std::string> skills;
    for (const auto* c : short_cells_)
      if (c->part == p) skills.push_back(c->skill);
    why.push_back("short " + std::string(to_string(p)) + ": " + join_comma(skills));
  }
  add(DraftSection::hours, capitalised(join_list(parts)) + ", " + g_.time_zone + " time.", "hours", why);
}

std::string Builder::text() const {
  std::string out = d_.title + "\n";
  for (auto s : {DraftSection::summary, DraftSection::duties, DraftSection::required, DraftSection::nice,
                 DraftSection::hours}) {
    bool first = true;
    for (const auto& l : d_.lines) {
      if (l.section != s) continue;
      if (first) out += "\n" + std::string(heading(s)) + "\n";
      first = false;
      out += (s == DraftSection::summary || s == DraftSection::hours ? "" : "- ") + l.text + "\n";
    }
  }
  return out;
}

JdDraft Builder::run(std::string_view title) {
  d_.team = g_.team;
  if (const TeamDef* t = config_.team(g_.team)) d_.team_name = t->name;
  d_.time_zone = g_.time_zone;
  d_.since = g_.since;
  d_.until = g_.until;
  std::set<DayPart> parts;
  for (const auto& c : g_.cells) {
    if (!c.shortage) continue;
    short_cells_.push_back(&c);
    parts.insert(c.part);
    if (std::find(d_.short_skills.begin(), d_.short_skills.end(), c.skill) == d_.short_skills.end())
      d_.short_skills.push_back(c.skill);
  }
  d_.short_parts.assign(parts.begin(), parts.end());
  core_ = d_.short_skills;
  if (core_.empty()) {
    std::map<std::string, std::int64_t> cases;
    for (const auto& c : g_.cells) cases[c.skill] += c.cases;
    for (const auto& [s, n] : by_count(cases))
      if (core_.size() < kMaxCoreWithoutShortage) core_.push_back(s);
  }
  // The recommendations' say, without naming anyone: who should learn is for the team's leads.
  std::map<std::string, int> learners;
  for (const auto& r : g_.recommendations) {
    if (r.kind == "hire")
      rec_why_[r.skill] = "recommendation: hire, " + r.reason + " (" + num(r.capacity_needed) + " capacity short)";
    else if (r.kind == "learn")
      ++learners[r.skill];
  }
  for (const auto& [s, n] : learners)
    if (!rec_why_.count(s))
      rec_why_[s] = "recommendation: " + std::to_string(n) + " member(s) to learn it; nobody to hire yet";

  d_.title_given = !title.empty();
  d_.title = d_.title_given ? std::string(title) : default_title();
  summary();
  duties();
  required();
  nice_to_have();
  balance();
  hours();
  // text() prints the lines section by section: keep them in that order too, for the JSON and the CLI.
  std::stable_sort(d_.lines.begin(), d_.lines.end(),
                   [](const DraftLine& x, const DraftLine& y) { return x.section < y.section; });
  d_.posting = {"draft:" + g_.team, d_.title, text()};
  d_.report = analyze_alone(a_, d_.posting);
  return std::move(d_);
}

}  // namespace

std::string_view to_string(DraftSection s) {
  switch (s) {
    case DraftSection::summary: return "summary";
    case DraftSection::duties: return "duties";
    case DraftSection::required: return "required";
    case DraftSection::nice: return "nice_to_have";
    case DraftSection::hours: return "hours";
  }
  return "summary";
}

std::string_view heading(DraftSection s) {
  switch (s) {
    case DraftSection::summary: return "About the role";
    case DraftSection::duties: return "What you will do";
    case DraftSection::required: return "What you need";
    case DraftSection::nice: return "Nice to have";
    case DraftSection::hours: return "Working hours";
  }
  return "";
}

JdDraft draft_job_description(const TeamGaps& gaps, const EngageConfig& config, const JdAnalyzer& analyzer,
                              std::string_view title) {
  return Builder(gaps, config, analyzer).run(title);
}

}  // namespace parley::people
