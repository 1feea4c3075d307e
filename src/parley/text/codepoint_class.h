// What the tokenizer asks utf8proc about a code point (general category, "is it an emoji", "does it
// change when lower-cased"), answered from a 64 KB table for the Basic Multilingual Plane. The tokenizer
// asked utf8proc two or three times per non-ASCII code point (category, grapheme class, lower case), each
// a call into the shared library and two dependent table loads; over half of the posts carry accented
// Latin, Arabic or kana. The table is built once from utf8proc itself, so it answers exactly as utf8proc
// does; code points above U+FFFF (emoji) still go to utf8proc.
#pragma once

#include <utf8proc.h>

#include <cstdint>

namespace parley::text {

// Bits 0-4: utf8proc_category_t (0..29); bit 5: pictographic (see is_pictographic_cp); bit 6:
// utf8proc_tolower(cp) != cp.
enum : std::uint8_t { kCpCategoryMask = 0x1F, kCpPictographic = 0x20, kCpHasLower = 0x40 };

// The table for U+0000..U+FFFF, built on first use (thread-safe static initialisation), read-only after.
const std::uint8_t* bmp_class_table();

// Computed from utf8proc directly: the reference the table is built from and the path for cp > U+FFFF.
std::uint8_t compute_cp_class(std::int32_t cp);

// Extended_Pictographic, emoji ZWJ-glue or regional-indicator grapheme class (an emoji starts here).
bool is_pictographic_cp(std::int32_t cp);

inline std::uint8_t cp_class(const std::uint8_t* bmp, std::int32_t cp) {
  return (cp >= 0 && cp < 0x10000) ? bmp[cp] : compute_cp_class(cp);
}

}  // namespace parley::text
