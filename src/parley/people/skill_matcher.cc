#include "parley/people/skill_matcher.h"

namespace parley::people {

namespace {

PhraseMatcher build(const Taxonomy& t) {
  std::vector<PhraseForm> forms;
  for (std::uint32_t i = 0; i < t.skills().size(); ++i) {
    const Skill& s = t.skills()[i];
    // An all-capitals short label is only meant in its exact case; its '=' synonym carries it.
    bool label_exact = false;
    for (const auto& syn : s.synonyms) label_exact |= syn.size() == s.label.size() + 1 && syn[0] == '=' &&
                                                      std::string_view(syn).substr(1) == s.label;
    if (!label_exact) forms.push_back({i, s.label});
    for (const auto& syn : s.synonyms) forms.push_back({i, syn});
  }
  return PhraseMatcher(forms);
}

std::vector<SkillMention> to_mentions(const std::vector<PhraseHit>& hits) {
  std::vector<SkillMention> out;
  out.reserve(hits.size());
  for (const auto& h : hits) out.push_back({h.id, h.begin, h.end});
  return out;
}

}  // namespace

SkillMatcher::SkillMatcher(const Taxonomy& taxonomy) : taxonomy_(taxonomy), matcher_(build(taxonomy)) {}

std::vector<SkillMention> SkillMatcher::find(std::string_view text, const std::vector<Word>& words) const {
  return to_mentions(matcher_.find(text, words));
}

std::vector<SkillMention> SkillMatcher::find(std::string_view text) const { return find(text, split_words(text)); }

std::vector<SkillMention> SkillMatcher::find_all(std::string_view text) const {
  return to_mentions(matcher_.find_all(text));
}

}  // namespace parley::people
