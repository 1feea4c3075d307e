// Skills a job description asks for in words the taxonomy does not know ("experience with Salesforce",
// "ability to work under pressure", "strong Excel skills"): phrases introduced by the cue words postings use
// to ask for a skill. The taxonomy matcher only finds the 791 skills it has names for; these cues find the
// rest, so the analyser can list them as "also asked for" and the skill-span evaluation can count them.
// The cue list is general job-advertisement English written for parley, not learned from any data set.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace parley::people {

struct CuePhrase {
  std::uint32_t begin = 0, end = 0;  // byte span of the skill phrase (the cue itself left out)
  std::string text;                  // as written
  std::string cue;                   // "experience with", "ability to", "... skills", ...
};

inline constexpr int kMaxCuePhraseWords = 6;

// Phrases after "experience with/in", "knowledge of", "familiarity with", "proficient in", "ability to",
// "responsible for", "degree in" and the like, and before "skills" ("strong written communication skills");
// a list after a cue ("experience with Python, SQL and Tableau") gives one phrase per item. A phrase stops
// at sentence punctuation, a comma, "and"/"or", a line end or kMaxCuePhraseWords words.
std::vector<CuePhrase> cue_phrases(std::string_view text);

}  // namespace parley::people
