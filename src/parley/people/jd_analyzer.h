// Analysis of one job description: the skills it asks for (taxonomy matches) split by type, a balance
// score, the nearest ESCO/O*NET occupation and its essential skills the posting does not mention,
// gender-coded wording, exclusionary phrases and concrete suggestions. Boilerplate needs the other postings
// and is added by the caller (boilerplate.h); suggestions about it come from add_boilerplate().
// docs/skills.md defines every figure.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "parley/people/boilerplate.h"
#include "parley/people/exclusionary_phrases.h"
#include "parley/people/gendered_words.h"
#include "parley/people/skill_cues.h"
#include "parley/people/skill_matcher.h"
#include "parley/people/taxonomy.h"

namespace parley::people {

struct Posting {
  std::string id;     // from the input, or FILE / FILE:LINE
  std::string title;  // may be empty
  std::string text;
};

struct AskedSkill {
  std::size_t skill = 0;  // Taxonomy::skills() index
  std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;  // where the posting says it
  std::string said;  // the first mention, as written
};

struct JdReport {
  std::vector<AskedSkill> skills;  // distinct, in order of first mention
  // Also asked for, in words the taxonomy has no skill for (skill_cues.h): cue phrases that overlap no
  // taxonomy mention, distinct (case-insensitive), in text order. Not counted in by_type or the balance.
  std::vector<CuePhrase> other_skills;
  std::array<int, kSkillTypes> by_type{};
  // Normalised entropy of the three type counts: 1 = evenly split, 0 = a single type (or no skills).
  double balance = 0;
  const Occupation* nearest = nullptr;
  bool nearest_by_title = false;
  double nearest_score = 0;
  std::vector<std::size_t> missing;  // essential skills of `nearest` not asked for (skill indices)
  GenderCoding gender;
  std::vector<ExclusionaryHit> exclusionary;
  bool social_skills = false;   // asks for at least one skill of the social_media group
  bool social_title = false;    // "social" in the title
  DocBoilerplate boilerplate;   // filled by add_boilerplate()
  std::vector<std::string> suggestions;
};

class JdAnalyzer {
 public:
  JdAnalyzer(const Taxonomy& taxonomy, const GenderedStems& stems);
  JdReport analyze(const Posting& p) const;
  // Adds the boilerplate findings to a report and the suggestion about them.
  void add_boilerplate(JdReport& r, DocBoilerplate b) const;
  const Taxonomy& taxonomy() const { return taxonomy_; }
  // The generator of job descriptions (jd_generator.h) words its text with the same matcher and word lists.
  const SkillMatcher& matcher() const { return matcher_; }
  const GenderedStems& stems() const { return stems_; }

 private:
  const Taxonomy& taxonomy_;
  const GenderedStems& stems_;
  SkillMatcher matcher_;
  PhraseMatcher titles_;  // occupation labels and titles, id = occupation index
};

double balance_score(const std::array<int, kSkillTypes>& by_type);

}  // namespace parley::people
