// Words of free text, case-folded and lightly stemmed, with their byte spans: the common ground on which
// skill labels, exclusionary phrases and job postings are compared. Both sides go through the same routine,
// so "Managing online communities" and "manage online community" become the same stems.
//
// The stemmer is deliberately light (docs/skills.md, "Matching"): plural and -ing/-ed endings, a final
// silent -e, doubled consonants and British -ise/-our spellings. A full Porter stemmer conflates too much
// for short labels ("communication" and "community" both become "commun").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace parley::people {

struct Word {
  std::string folded;  // full Unicode case folding (utf8proc), NFC input assumed
  std::string stem;    // light_stem(folded)
  std::uint32_t begin = 0, end = 0;  // byte span in the source text
};

// Words are runs of letters, marks and digits; an apostrophe or a hyphen between two letters stays inside
// the word ("customer's", "e-mail"); a trailing '+' or '#' after a letter belongs to it ("C++", "C#").
std::vector<Word> split_words(std::string_view text);

// The light stemmer on one case-folded word. Idempotent on its own output for the endings it handles.
std::string light_stem(std::string_view folded_word);

}  // namespace parley::people
