// Emoji whose valence rule-based sentiment sets by hand instead of summing their description words.
#pragma once

#include <span>
#include <string_view>

namespace parley::text {

struct EmojiValence {
  std::string_view emoji;  // one code point
  float valence;           // VADER's -4..+4 scale
};

// The hand-set list, in its original order.
std::span<const EmojiValence> hand_emoji_valences();

// The valence of `raw` (an emoji grapheme) when it is a listed emoji alone or followed by VS16 or a skin
// tone (not a longer ZWJ sequence that starts with one); null otherwise. A binary search on the first
// code point: it runs for every emoji token, and testing each of the 72 entries as a prefix showed up in
// profiles.
const float* hand_emoji_valence(std::string_view raw);

}  // namespace parley::text
