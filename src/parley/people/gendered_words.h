// Gender-coded wording in job advertisements: the feminine- and masculine-coded word stems of Gaucher,
// Friesen & Kay (2011), shipped in data/skills/gender-coded-word-stems.tsv. A word counts when it starts
// with a stem ("compet" -> "competitive", "competent"), unless it is a listed exception ("sharepoint").
// The overall coding follows the method the stems were published with: feminine minus masculine
// occurrences; 0 neutral, 1-3 (either way) coded, more than 3 strongly coded (docs/skills.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parley/core/status.h"
#include "parley/people/stem_words.h"

namespace parley::people {

struct GenderedStems {
  std::vector<std::string> feminine, masculine, exceptions;

  // The TSV: "stem<TAB>feminine|masculine" lines; a "# exception words never count: a, b" comment line.
  static Result<GenderedStems> parse(std::string_view tsv);
  static Result<GenderedStems> load(const std::string& path);
  static const Result<GenderedStems>& shipped();  // data/skills/gender-coded-word-stems.tsv
};

struct GenderedWord {
  std::string word;  // as folded
  std::string stem;
  bool masculine = false;
  std::uint32_t begin = 0, end = 0;
};

struct GenderCoding {
  std::vector<GenderedWord> words;  // in text order
  int feminine = 0, masculine = 0;  // occurrences
  // "neutral", "feminine-coded", "strongly feminine-coded", "masculine-coded", "strongly masculine-coded"
  std::string verdict;
};

GenderCoding gender_coding(const GenderedStems& stems, const std::vector<Word>& words);

}  // namespace parley::people
