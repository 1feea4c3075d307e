#include "parley/people/jd_analyzer.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>

namespace parley::people {

namespace {

PhraseMatcher title_matcher(const Taxonomy& t) {
  std::vector<PhraseForm> forms;
  for (std::uint32_t i = 0; i < t.occupations().size(); ++i) {
    const auto& o = t.occupations()[i];
    forms.push_back({i, o.label});
    for (const auto& title : o.titles) forms.push_back({i, title});
  }
  return PhraseMatcher(forms);
}

std::string percent(double x) {
  char b[16];
  std::snprintf(b, sizeof b, "%.0f%%", 100.0 * x);
  return b;
}

std::string quoted_list(const Taxonomy& t, const std::vector<std::size_t>& skills, std::size_t max) {
  std::string r;
  for (std::size_t i = 0; i < skills.size() && i < max; ++i) {
    if (i) r += ", ";
    r += "\"" + t.skills()[skills[i]].label + "\"";
  }
  return r;
}

bool contains_word_social(std::string_view title) {
  for (const auto& w : split_words(title))
    if (w.folded.starts_with("social")) return true;
  return false;
}

}  // namespace

double balance_score(const std::array<int, kSkillTypes>& by_type) {
  int total = 0;
  for (int n : by_type) total += n;
  if (total == 0) return 0;
  double h = 0;
  for (int n : by_type) {
    if (n == 0) continue;
    double p = static_cast<double>(n) / total;
    h -= p * std::log(p);
  }
  return h / std::log(static_cast<double>(kSkillTypes));
}

JdAnalyzer::JdAnalyzer(const Taxonomy& taxonomy, const GenderedStems& stems)
    : taxonomy_(taxonomy), stems_(stems), matcher_(taxonomy), titles_(title_matcher(taxonomy)) {}

JdReport JdAnalyzer::analyze(const Posting& p) const {
  JdReport r;
  const auto words = split_words(p.text);
  const auto& skills = taxonomy_.skills();

  // Skills asked for: distinct, in order of first mention.
  std::vector<std::size_t> position(skills.size(), std::string::npos);
  for (const auto& m : matcher_.find(p.text, words)) {
    if (position[m.skill] == std::string::npos) {
      position[m.skill] = r.skills.size();
      r.skills.push_back({m.skill, {}, std::string(p.text.substr(m.begin, m.end - m.begin))});
    }
    r.skills[position[m.skill]].spans.push_back({m.begin, m.end});
  }
  // Skills in words the taxonomy does not know: cue phrases clear of every taxonomy mention.
  std::set<std::string> other_seen;
  for (auto& c : cue_phrases(p.text)) {
    bool covered = false;
    for (const auto& a : r.skills)
      for (auto [b, e] : a.spans) covered = covered || (b < c.end && c.begin < e);
    std::string key = c.text;
    for (auto& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (!covered && other_seen.insert(key).second) r.other_skills.push_back(std::move(c));
  }
  std::set<std::size_t> asked;
  for (const auto& a : r.skills) {
    asked.insert(a.skill);
    ++r.by_type[static_cast<std::size_t>(skills[a.skill].type)];
    r.social_skills |= skills[a.skill].group == "social_media";
  }
  r.balance = balance_score(r.by_type);
  r.social_title = contains_word_social(p.title);

  // Nearest occupation. Skill score: overlap with the profile, essential skills counting 1 and optional 0.5,
  // divided by the square root of the profile's weight so big profiles do not win by size alone (a cosine
  // between the posting's skill set and the weighted profile, up to the posting's constant norm). A title
  // naming an occupation (its label, an ESCO alt label or an O*NET alternate title) restricts the choice to
  // the occupations named by the longest such title.
  const auto& occs = taxonomy_.occupations();
  std::vector<double> score(occs.size(), 0);
  for (std::size_t i = 0; i < occs.size(); ++i) {
    double hit = 0, weight = 0;
    for (const auto& id : occs[i].essential) {
      weight += 1;
      if (asked.contains(taxonomy_.index_of(id))) hit += 1;
    }
    for (const auto& id : occs[i].optional) {
      weight += 0.5;
      if (asked.contains(taxonomy_.index_of(id))) hit += 0.5;
    }
    score[i] = weight > 0 ? hit / std::sqrt(weight) : 0;
  }
  std::vector<bool> allowed(occs.size(), true);
  if (!p.title.empty()) {
    auto hits = titles_.find_all(p.title);
    std::uint32_t longest = 0;
    for (const auto& h : hits) longest = std::max(longest, h.end_word - h.first_word);
    if (longest > 0) {
      std::fill(allowed.begin(), allowed.end(), false);
      for (const auto& h : hits)
        if (h.end_word - h.first_word == longest) allowed[h.id] = true;
      r.nearest_by_title = true;
    }
  }
  // An occupation without essential skills (two O*NET occupations have no skill ratings in the extract)
  // cannot say what is missing: it is only chosen when nothing else is allowed.
  bool any_with_essentials = false;
  for (std::size_t i = 0; i < occs.size(); ++i) any_with_essentials |= allowed[i] && !occs[i].essential.empty();
  std::size_t best = std::string::npos;
  for (std::size_t i = 0; i < occs.size(); ++i) {
    if (!allowed[i] || (any_with_essentials && occs[i].essential.empty())) continue;
    // Ties go to ESCO profiles (ids sort "esco:" first): their essential skills are richer than O*NET's 35.
    if (best == std::string::npos || score[i] > score[best]) best = i;
  }
  if (best != std::string::npos && (r.nearest_by_title || score[best] > 0)) {
    r.nearest = &occs[best];
    r.nearest_score = score[best];
    for (const auto& id : r.nearest->essential) {
      auto s = taxonomy_.index_of(id);
      if (s != std::string::npos && !asked.contains(s)) r.missing.push_back(s);
    }
  }

  r.gender = gender_coding(stems_, words);
  r.exclusionary = find_exclusionary(p.text, words);

  // Suggestions, most useful first.
  int total = r.by_type[0] + r.by_type[1] + r.by_type[2];
  if (total == 0) {
    r.suggestions.push_back("Name the skills the job needs: none of the taxonomy's " + std::to_string(skills.size()) +
                            " skills was found.");
  } else if (total >= 3) {
    for (int t = 0; t < kSkillTypes; ++t) {
      const double share = static_cast<double>(r.by_type[static_cast<std::size_t>(t)]) / total;
      if (share >= 0.15) continue;
      std::vector<std::size_t> examples;
      for (auto s : r.missing)
        if (skills[s].type == static_cast<SkillType>(t)) examples.push_back(s);
      std::string what = t == 0 ? "tool and platform know-how"
                         : t == 1 ? "relationship and communication skills"
                                  : "strategic and analytical skills";
      std::string line = "Only " + percent(share) + " of the skills asked for are " + what + ".";
      if (!examples.empty() && r.nearest)
        line += " The " + r.nearest->label + " profile lists " + quoted_list(taxonomy_, examples, 3) + ".";
      r.suggestions.push_back(line);
    }
  }
  if (r.nearest && !r.missing.empty()) {
    r.suggestions.push_back("Essential for " + r.nearest->label + " (" + r.nearest->id + ") but not mentioned: " +
                            quoted_list(taxonomy_, r.missing, 5) +
                            (r.missing.size() > 5 ? " and " + std::to_string(r.missing.size() - 5) + " more" : "") +
                            ". Add the ones the job really needs.");
  }
  if (r.gender.masculine > r.gender.feminine) {
    std::vector<std::string> seen;
    for (const auto& w : r.gender.words)
      if (w.masculine && std::find(seen.begin(), seen.end(), w.word) == seen.end() && seen.size() < 5)
        seen.push_back(w.word);
    std::string list;
    for (std::size_t i = 0; i < seen.size(); ++i) list += (i ? ", " : "") + seen[i];
    r.suggestions.push_back("The wording is " + r.gender.verdict + " (" + list +
                            "); such ads draw fewer women (Gaucher et al. 2011). Rephrase some as what the person "
                            "will do, or balance them with collaborative wording.");
  }
  for (const auto& h : r.exclusionary) {
    const auto& e = exclusionary_phrases()[h.phrase];
    r.suggestions.push_back("\"" + std::string(p.text.substr(h.begin, h.end - h.begin)) + "\" (" + e.category +
                            "): " + e.why + ". Instead: " + e.instead + ".");
  }
  return r;
}

void JdAnalyzer::add_boilerplate(JdReport& r, DocBoilerplate b) const {
  r.boilerplate = std::move(b);
  if (r.boilerplate.shared_share >= 0.3)
    r.suggestions.push_back(percent(r.boilerplate.shared_share) +
                            " of the text is shared with other postings. Keep the standard blocks short and spend "
                            "the words on what is specific to this role.");
  if (!r.boilerplate.near_duplicates.empty())
    r.suggestions.push_back("The posting as a whole nearly duplicates " +
                            std::to_string(r.boilerplate.near_duplicates.size()) +
                            " other posting(s): say what makes this role different.");
}

}  // namespace parley::people
