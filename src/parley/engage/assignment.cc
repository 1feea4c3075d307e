#include "parley/engage/assignment.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string_view>

namespace parley::engage {
namespace {

// Primary language subtag, lower-cased: "es-MX" -> "es", "PT_br" -> "pt".
std::string primary_language(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == '_') break;
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  return out;
}

bool any_language(const std::string& lang) {
  const std::string p = primary_language(lang);
  return p.empty() || p == "und";
}

std::vector<std::string> languages_of(const EmployeeDef& e) {
  if (e.languages.empty()) return {"en"};  // nobody listed anything: assume the default working language
  return e.languages;
}

// Whether two codes share their primary subtag, case-insensitively, without allocating (this runs for
// every candidate of every case).
bool same_primary(std::string_view a, std::string_view b) {
  auto end = [](std::string_view s) {
    std::size_t n = 0;
    while (n < s.size() && s[n] != '-' && s[n] != '_') ++n;
    return n;
  };
  const std::size_t na = end(a), nb = end(b);
  if (na != nb) return false;
  for (std::size_t i = 0; i < na; ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool speaks(const EmployeeDef& e, const std::string& lang) {
  if (e.languages.empty()) return same_primary("en", lang);  // as languages_of()
  for (const std::string& l : e.languages)
    if (same_primary(l, lang)) return true;
  return false;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::string fixed2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

int effective_minimum(int min_level) { return std::max(min_level, 1); }

std::string label(const Candidate& c, std::size_t index) {
  return c.employee ? c.employee->handle : "(candidate " + std::to_string(index) + ")";
}

// Every reason this candidate cannot take the case; empty = eligible.
std::vector<std::string> why_not(const AssignRequest& req, const Candidate& c) {
  std::vector<std::string> reasons;
  if (!c.employee) return {"no employee record"};
  const EmployeeDef& e = *c.employee;
  if (!c.on_shift) reasons.push_back("off shift");
  if (c.open_cases >= e.capacity)
    reasons.push_back("no free capacity (" + std::to_string(c.open_cases) + "/" + std::to_string(e.capacity) +
                      " open)");
  for (const auto& [skill, min_level] : req.required_skills) {
    auto it = e.skills.find(skill);
    if (it == e.skills.end())
      reasons.push_back("lacks skill " + skill);
    else if (it->second < effective_minimum(min_level))
      reasons.push_back("skill " + skill + " " + std::to_string(it->second) + " < " +
                        std::to_string(effective_minimum(min_level)) + " required");
  }
  if (!any_language(req.language) && !speaks(e, req.language))
    reasons.push_back("does not speak " + req.language + " (speaks " + join(languages_of(e), ", ") + ")");
  return reasons;
}

// why_not(req, c).empty(), without building the reasons; any_lang = any_language(req.language).
bool can_take(const AssignRequest& req, const Candidate& c, bool any_lang) {
  if (!c.employee || !c.on_shift || c.open_cases >= c.employee->capacity) return false;
  for (const auto& [skill, min_level] : req.required_skills) {
    auto it = c.employee->skills.find(skill);
    if (it == c.employee->skills.end() || it->second < effective_minimum(min_level)) return false;
  }
  return any_lang || speaks(*c.employee, req.language);
}

double skill_fit(const AssignRequest& req, const EmployeeDef& e) {
  double fit = 0;
  for (const auto& [skill, min_level] : req.required_skills) {
    const int surplus = e.skills.at(skill) - effective_minimum(min_level);  // eligible: present and >= min
    fit += std::min(surplus, kFullCreditSurplus) + kExpertBonusPerLevel * std::max(surplus - kFullCreditSurplus, 0);
  }
  return fit;
}

double free_share(const Candidate& c) {
  const int cap = c.employee->capacity;
  if (cap <= 0) return 0;  // only reachable with a negative open count; no share of nothing
  return std::clamp(static_cast<double>(cap - c.open_cases) / cap, 0.0, 1.0);
}

std::int64_t since_last(const Candidate& c, std::int64_t now_ms) {
  if (c.last_assigned_ms == 0) return -1;  // never
  return std::max<std::int64_t>(now_ms - c.last_assigned_ms, 0);
}

double fairness(const Candidate& c, std::int64_t now_ms) {
  const std::int64_t since = since_last(c, now_ms);
  if (since < 0) return 1;
  return static_cast<double>(std::min(since, kFairnessCapMs)) / static_cast<double>(kFairnessCapMs);
}

std::string ago(std::int64_t since_ms) {
  if (since_ms < 0) return "never assigned before";
  const std::int64_t min = since_ms / 60000;
  if (min < 1) return "last assigned just now";
  if (min < 60) return "last assigned " + std::to_string(min) + "m ago";
  if (min < 48 * 60) return "last assigned " + std::to_string(min / 60) + "h ago";
  return "last assigned " + std::to_string(min / (24 * 60)) + "d ago";
}

// The facts behind a choice, in the order a lead reads them.
std::string facts(const AssignRequest& req, const Candidate& c, std::int64_t now_ms) {
  const EmployeeDef& e = *c.employee;
  std::vector<std::string> parts;
  if (req.required_skills.empty()) {
    parts.push_back("no skills required");
  } else {
    std::vector<std::string> skills;
    for (const auto& [skill, min_level] : req.required_skills)
      skills.push_back(skill + " " + std::to_string(e.skills.at(skill)) + "/" +
                       std::to_string(effective_minimum(min_level)));
    parts.push_back("skills " + join(skills, ", "));
  }
  if (!any_language(req.language)) parts.push_back("speaks " + req.language);
  parts.push_back(std::to_string(c.open_cases) + "/" + std::to_string(e.capacity) + " open");
  parts.push_back("on shift");
  parts.push_back(ago(since_last(c, now_ms)));
  return join(parts, "; ");
}

bool handle_before(const Candidate& a, std::size_t ia, const Candidate& b, std::size_t ib) {
  if (a.employee->handle != b.employee->handle) return a.employee->handle < b.employee->handle;
  return ia < ib;
}

}  // namespace

AssignDecision choose_assignee(const AssignRequest& req, std::span<const Candidate> candidates,
                               std::int64_t now_ms) {
  AssignDecision d;
  d.next_round_robin_cursor = req.round_robin_cursor;
  std::vector<bool> eligible(candidates.size(), false);
  std::size_t eligible_count = 0;
  const bool any_lang = any_language(req.language);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (can_take(req, candidates[i], any_lang)) {
      eligible[i] = true;
      ++eligible_count;
      continue;
    }
    ++d.excluded_total;
    if (d.excluded.size() < kMaxExplainedExclusions)
      d.excluded.push_back(label(candidates[i], i) + ": " + join(why_not(req, candidates[i]), "; "));
  }
  if (candidates.empty()) {
    d.reason = "nobody fits now: no candidates";
    return d;
  }
  if (eligible_count == 0) {
    d.reason = "nobody fits now: all " + std::to_string(candidates.size()) + " candidates excluded";
    return d;
  }

  std::size_t best = candidates.size();
  std::string why;
  switch (req.strategy) {
    case AssignStrategy::skills: {
      double best_score = 0, best_fit = 0, best_free = 0, best_fair = 0;
      for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (!eligible[i]) continue;
        const Candidate& c = candidates[i];
        const double fit = skill_fit(req, *c.employee), free = free_share(c), fair = fairness(c, now_ms);
        const double score = kFitWeight * fit + kFreeWeight * free + kFairnessWeight * fair;
        const bool better = best == candidates.size() || score > best_score + 1e-9 ||
                            (std::abs(score - best_score) <= 1e-9 && handle_before(c, i, candidates[best], best));
        if (better) {
          best = i;
          best_score = score;
          best_fit = fit;
          best_free = free;
          best_fair = fair;
        }
      }
      d.score = best_score;
      why = "best skills score " + fixed2(best_score) + " (fit " + fixed2(best_fit) + ", free " + fixed2(best_free) +
            ", fairness " + fixed2(best_fair) + ")";
      break;
    }
    case AssignStrategy::least_loaded: {
      for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (!eligible[i]) continue;
        if (best == candidates.size()) {
          best = i;
          continue;
        }
        const Candidate& a = candidates[i];
        const Candidate& b = candidates[best];
        // open/capacity compared by cross-multiplying: exact, no float ties to worry about. Capacities of
        // eligible candidates are >= 1.
        const std::int64_t lhs = std::int64_t{a.open_cases} * b.employee->capacity;
        const std::int64_t rhs = std::int64_t{b.open_cases} * a.employee->capacity;
        bool better = lhs < rhs;
        if (lhs == rhs) {
          // Longest since last assignment first; never assigned counts as longest of all.
          const std::int64_t sa = since_last(a, now_ms), sb = since_last(b, now_ms);
          const std::int64_t ka = sa < 0 ? std::numeric_limits<std::int64_t>::max() : sa;
          const std::int64_t kb = sb < 0 ? std::numeric_limits<std::int64_t>::max() : sb;
          better = ka != kb ? ka > kb : handle_before(a, i, b, best);
        }
        if (better) best = i;
      }
      d.score = free_share(candidates[best]);
      why = "least loaded";
      break;
    }
    case AssignStrategy::round_robin: {
      const std::size_t n = candidates.size();
      const std::size_t start = static_cast<std::size_t>(req.round_robin_cursor % n);
      for (std::size_t k = 0; k < n && best == n; ++k)
        if (eligible[(start + k) % n]) best = (start + k) % n;
      d.score = 0;
      why = "next in rotation (position " + std::to_string(best) + ", cursor at " + std::to_string(start) + ")";
      break;
    }
  }

  if (best == candidates.size()) {  // an AssignStrategy value outside the enum
    d.reason = "nobody chosen: unknown assignment strategy";
    return d;
  }
  d.chosen = static_cast<int>(best);
  d.next_round_robin_cursor = best + 1;
  d.reason = why + ": " + facts(req, candidates[best], now_ms);
  return d;
}

}  // namespace parley::engage
