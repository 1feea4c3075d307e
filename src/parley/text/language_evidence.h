// What the language front door (language.h) counts in one pass over a post: letters per script and
// function-word hits per Latin language, with URLs, @mentions and #hashtags skipped as if they were a
// space. language.cc decides from these counts. Internal to src/parley/text; separate so that the tests
// can compare the counts themselves with the previous implementation's.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "parley/text/language_votes.h"

namespace parley::text::language_detail {

enum Script : int { latin, kana, han, hangul, thai, greek, hebrew, georgian, armenian, other, kScripts };

struct LanguageEvidence {
  std::array<int, kScripts> letters{};  // kana, Han and Hangul count 3 each (CLD2 counts bytes)
  std::array<int, kVotes> hits{};
  bool operator==(const LanguageEvidence&) const = default;
};

LanguageEvidence gather_evidence(std::string_view utf8_text);

inline bool is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
inline bool is_alnum(unsigned char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }
inline bool may_start_handle(unsigned char c) {
  return c == '@' || c == '#' || c == 'h' || c == 'H' || c == 'w' || c == 'W';
}

// Length of the URL, @mention or #hashtag starting at text[i] (up to the next whitespace), or 0 when none
// starts there. Handles and tags are names, not words of any language, and URLs are mostly English-looking
// path fragments, so the detector skips them. Only called where the byte before is no ASCII letter or digit.
std::size_t handle_at(std::string_view text, std::size_t i);

// Copies `text` with URLs, @mentions and #hashtags replaced by one space each (what CLD2 is given) into `out`.
void strip_handles(std::string_view text, std::string& out);

}  // namespace parley::text::language_detail
