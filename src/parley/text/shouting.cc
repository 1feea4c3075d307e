// shouting() (declared in urgency.h): share of letters in ALL-CAPS words of 2+ letters, and '!' count.
//
// A word is a run of letters and apostrophes; anything else ends it. Most of the text is ASCII, where the
// byte-by-byte loop spent its time on mispredicted letter/space branches (~3.8 ns a byte). ASCII stretches
// are instead classified 64 bytes at a time with SSE2 into bit masks (upper, lower, apostrophe, '!'), and
// only the word ends are visited, by bit scanning; non-ASCII code points still go one at a time through the
// exact code point rules. Both paths update the same running word state, so a word may span them.
#include <utf8proc.h>

#include <array>
#include <cstdint>
#include <cstring>

#include "parley/text/urgency.h"

#include "parley/text/ascii_block.h"
#include "parley/text/utf8_decode.h"

namespace parley::text {

namespace {

// Case class of the code points below U+0800 (Latin, Greek, Cyrillic...), looked up once: utf8proc's
// category call per letter was most of shouting()'s time on accented text. 1 upper, 2 lower/title, 0 other.
struct CaseTable {
  std::array<std::uint8_t, 0x800> cls{};
  CaseTable() {
    for (std::int32_t cp = 0; cp < 0x800; ++cp) {
      auto cat = utf8proc_category(cp);
      cls[static_cast<std::size_t>(cp)] =
          cat == UTF8PROC_CATEGORY_LU ? 1 : (cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_LT) ? 2 : 0;
    }
    // ASCII by the rule shouting() has always used (A-Z, a-z), whatever the category table says.
    for (int c = 0; c < 0x80; ++c) cls[static_cast<std::size_t>(c)] = c >= 'A' && c <= 'Z' ? 1 : c >= 'a' && c <= 'z' ? 2 : 0;
  }
};
const CaseTable& case_table() {
  static const CaseTable t;
  return t;
}

// Inline bit count: without -mpopcnt __builtin_popcountll is a libgcc call.
inline int popcount(std::uint64_t x) {
  x = x - ((x >> 1) & 0x5555555555555555ull);
  x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
  x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
  return static_cast<int>((x * 0x0101010101010101ull) >> 56);
}

// The running count, shared by the per-code-point and the 64-byte paths.
struct Counter {
  int letters = 0, caps_letters = 0, exclamations = 0;
  int word_letters = 0;     // letters of the word being read
  bool word_lower = false;  // it has a lower-case letter
  void end_word() {
    if (word_letters >= 2 && !word_lower) caps_letters += word_letters;
    word_letters = 0;
    word_lower = false;
  }
  // One code point (or stray byte) at s[i]; returns its length.
  std::size_t unit(std::string_view s, std::size_t i, const CaseTable& cases) {
    std::int32_t cp;
    const int len = decode_utf8(s, i, cp);
    bool upper, lower;
    if (cp < 0x800) {
      const std::uint8_t k = cases.cls[static_cast<std::size_t>(cp)];
      upper = k == 1;
      lower = k == 2;
      if (cp == '!') ++exclamations;
    } else {
      auto cat = utf8proc_category(cp);
      upper = cat == UTF8PROC_CATEGORY_LU;
      lower = cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_LT;
      if (cp == 0xFF01) ++exclamations;  // full-width '!'
    }
    if (upper || lower) {
      ++letters;
      ++word_letters;
      if (lower) word_lower = true;
    } else if (cp != '\'') {
      end_word();
    }
    return static_cast<std::size_t>(len);
  }
};

#if defined(__SSE2__)
// Counts the 64-byte window at s + i (or what is left of the text): its ASCII stretches from the masks, the
// non-ASCII code points between them one at a time. Returns where the next window starts (a code point may
// run past the window's end).
inline std::size_t count_window(std::string_view text, std::size_t i, Counter& c, const CaseTable& cases) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const std::size_t len = std::min<std::size_t>(64, n - i);
  std::uint64_t high = 0, upper = 0, lower = 0, apos = 0, bang = 0;
  ascii_block::for_chunks(s, n, i, [&](__m128i v, unsigned shift, unsigned k) __attribute__((always_inline)) {
    using namespace ascii_block;
    const unsigned at = 16 * k;
    high |= static_cast<std::uint64_t>(high_bits(v) >> shift) << at;
    upper |= static_cast<std::uint64_t>(in_range(v, 'A', 'Z') >> shift) << at;
    lower |= static_cast<std::uint64_t>(in_range(v, 'a', 'z') >> shift) << at;
    apos |= static_cast<std::uint64_t>(equal_to(v, '\'') >> shift) << at;
    bang |= static_cast<std::uint64_t>(equal_to(v, '!') >> shift) << at;
  });
  const std::uint64_t letter = upper | lower;
  const std::uint64_t sep_all = ~(letter | apos);
  // The letters of a stretch [from, to) without separators are its length minus its apostrophes.
  auto add = [&](unsigned from, unsigned to) {
    const std::uint64_t seg = (to == 64 ? ~0ull : (1ull << to) - 1) & ~((1ull << from) - 1);
    int k = static_cast<int>(to - from);
    if (apos & seg) k -= popcount(apos & seg);
    c.word_letters += k;
    if (lower & seg) c.word_lower = true;
  };
  std::size_t cur = 0;
  while (cur < len) {
    const std::uint64_t h = high & (~0ull << cur);
    const std::size_t stop = h ? static_cast<std::size_t>(__builtin_ctzll(h)) : len;
    const std::uint64_t live = (stop == 64 ? ~0ull : (1ull << stop) - 1) & (~0ull << cur);
    c.letters += popcount(letter & live);
    if (bang & live) c.exclamations += popcount(bang & live);
    // Each separator ends the word before it.
    std::uint64_t sep = sep_all & live;
    auto from = static_cast<unsigned>(cur);
    while (sep) {
      const auto at = static_cast<unsigned>(__builtin_ctzll(sep));
      if (at > from) add(from, at);
      c.end_word();
      from = at + 1;
      sep &= sep - 1;
    }
    if (from < stop) add(from, static_cast<unsigned>(stop));
    if (stop >= len) return i + len;
    cur = stop + c.unit(text, i + stop, cases);  // the non-ASCII code point that ended the stretch
  }
  return i + cur;
}
#endif

}  // namespace

Shouting shouting(std::string_view s) {
  const CaseTable& cases = case_table();
  Counter c;
  std::size_t i = 0;
  const std::size_t n = s.size();
#if defined(__SSE2__)
  while (i < n) i = count_window(s, i, c, cases);
#else
  while (i < n) i += c.unit(s, i, cases);
#endif
  c.end_word();
  Shouting r;
  r.exclamations = c.exclamations;
  r.caps_share = c.letters ? static_cast<double>(c.caps_letters) / c.letters : 0;
  return r;
}

}  // namespace parley::text
