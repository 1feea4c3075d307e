// Wording a generated job description may use: no word from either gender-coded list (Gaucher et al. 2011)
// and no exclusionary phrase. Checked with the same word lists and matcher the JD analyser reports with, so
// a draft that passes here reads as neutral in its own analysis.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "parley/people/gendered_words.h"
#include "parley/people/skill_matcher.h"

namespace parley::people {

bool neutral_wording(std::string_view text, const GenderedStems& stems);

// How a draft names a taxonomy skill: its label, else the first synonym, that is neutral and that the
// matcher reads back as that skill and no other. nullopt when every form fails ("show empathy": "empath" is
// feminine-coded; "analyse data": "analy" is masculine-coded).
std::optional<std::string> neutral_form(std::size_t skill, const SkillMatcher& matcher, const GenderedStems& stems);

}  // namespace parley::people
