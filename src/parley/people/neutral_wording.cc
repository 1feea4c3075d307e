#include "parley/people/neutral_wording.h"

#include <vector>

#include "parley/people/exclusionary_phrases.h"

namespace parley::people {

bool neutral_wording(std::string_view text, const GenderedStems& stems) {
  const auto words = split_words(text);
  return gender_coding(stems, words).words.empty() && find_exclusionary(text, words).empty();
}

std::optional<std::string> neutral_form(std::size_t skill, const SkillMatcher& matcher, const GenderedStems& stems) {
  const Skill& s = matcher.taxonomy().skills().at(skill);
  std::vector<std::string> forms{s.label};
  for (const auto& f : s.synonyms) forms.push_back(f.starts_with('=') ? f.substr(1) : f);
  for (const auto& f : forms) {
    if (!neutral_wording(f, stems)) continue;
    auto found = matcher.find(f);
    if (found.size() == 1 && found[0].skill == skill) return f;
  }
  return std::nullopt;
}

}  // namespace parley::people
