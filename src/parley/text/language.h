// Language identification for one post: CLD2 behind a cheap front door.
//
// CLD2 (Debian's libcld2) costs 2.5-5 µs per ~100-byte post (measured; docs/analysis.md), several times the
// whole per-post budget of ~1 µs. So most posts never reach it: URLs, @mentions and
// #hashtags are removed first (they are not language), then
//   * text with too few letters to judge ("ok", "lol", emoji only, a bare link) is "und" at once — CLD2
//     calls such text unreliable anyway;
//   * scripts used by one language decide by themselves (kana -> ja, Hangul -> ko, Han -> zh, Thai, Greek,
//     Hebrew, Georgian, Armenian);
//   * Latin text with a clear majority of function words of one of en/es/pt/de/fr/it/nl is decided by that
//     vote (docs/analysis.md has its agreement with CLD2 on real tweets);
//   * everything else (Cyrillic, Arabic, Devanagari, Latin text without a clear vote) goes to CLD2.
#pragma once

#include <string>
#include <string_view>

namespace parley::text {

// ISO 639-1 code ("en", "es", "pt", "de", "ja", "zh"...; a 639-2/3 code for languages without one), or
// "und" when the text is too short, has no letters, or CLD2 is not reliable. `hint` is the source's
// language tag ("pt-BR", "es"), may be empty; it breaks close calls but does not override clear evidence.
std::string detect_language(std::string_view utf8_text, std::string_view hint = "");

// The same without the front door: CLD2 on the cleaned text. For tests and for measuring the front door.
std::string detect_language_cld2(std::string_view utf8_text, std::string_view hint = "");

}  // namespace parley::text
