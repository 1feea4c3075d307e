// Skill mentions in free text: every label and synonym of the taxonomy through the phrase matcher
// (case-insensitive, whole words, Unicode case folding, light stemming on both sides; phrase_matcher.h).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "parley/people/phrase_matcher.h"
#include "parley/people/taxonomy.h"

namespace parley::people {

struct SkillMention {
  std::size_t skill = 0;  // index into Taxonomy::skills()
  std::uint32_t begin = 0, end = 0;  // byte span in the text
};

class SkillMatcher {
 public:
  // Keeps a reference: the taxonomy must outlive the matcher.
  explicit SkillMatcher(const Taxonomy& taxonomy);

  // Longest-leftmost, non-overlapping mentions in text order: "social media marketing" is one mention, not
  // also "social media" and "marketing". Two skills sharing a surface form would both be reported for the
  // span; the builder keeps every form with one skill, so in the shipped taxonomy that does not happen.
  std::vector<SkillMention> find(std::string_view text) const;
  std::vector<SkillMention> find(std::string_view text, const std::vector<Word>& words) const;
  // Every mention, overlapping ones included ("social media marketing", "social media", "marketing").
  std::vector<SkillMention> find_all(std::string_view text) const;

  const Taxonomy& taxonomy() const { return taxonomy_; }

 private:
  const Taxonomy& taxonomy_;
  PhraseMatcher matcher_;
};

}  // namespace parley::people
