// Phrases in job descriptions that shut people out for reasons unrelated to the work: age, origin,
// disability, religion or appearance, gender, caring duties, and vague "fit". The list is parley's own
// (docs/skills.md, "Exclusionary phrases", explains each category); phrases are matched like skills (whole
// words, case-insensitive, light stemming), so "native English speakers" matches "native English speaker".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parley/people/stem_words.h"

namespace parley::people {

struct ExclusionaryPhrase {
  std::vector<std::string> forms;  // the ways it is written
  std::string category;            // age, origin, disability, appearance, gender, caring, affinity
  std::string why;                 // who it excludes
  std::string instead;             // what to write instead
};

const std::vector<ExclusionaryPhrase>& exclusionary_phrases();

struct ExclusionaryHit {
  std::size_t phrase = 0;  // index into exclusionary_phrases()
  std::uint32_t begin = 0, end = 0;
};

std::vector<ExclusionaryHit> find_exclusionary(std::string_view text, const std::vector<Word>& words);

}  // namespace parley::people
