// The gazetteer's case folding, shared by the matcher (gazetteer.cc) and its tests (which keep the
// previous Aho-Corasick scanner as a reference): one folding routine for patterns and text, so both sides
// agree byte for byte. Internal: not part of parley's interface.
#pragma once

#include <utf8proc.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace parley::text::gazetteer_fold {

// Decodes the code point at s[i] (the text is valid UTF-8 by contract; a stray byte decodes as itself so a
// bad input cannot read out of bounds) and returns its length.
inline int decode(std::string_view s, std::size_t i, std::int32_t& cp) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) { cp = c; return 1; }
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (len == 1 || i + len > s.size()) { cp = c; return 1; }
  cp = c & (0x3F >> (len - 1));
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return len;
}

// Start of the code point that ends just before byte `i`.
inline std::size_t prev_start(std::string_view s, std::size_t i) {
  std::size_t j = i - 1;
  while (j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80 && i - j < 4) --j;
  return j;
}

inline int encode(std::int32_t cp, unsigned char* out) {
  if (cp < 0x80) { out[0] = static_cast<unsigned char>(cp); return 1; }
  if (cp < 0x800) {
    out[0] = static_cast<unsigned char>(0xC0 | (cp >> 6));
    out[1] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<unsigned char>(0xE0 | (cp >> 12));
    out[1] = static_cast<unsigned char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<unsigned char>(0xF0 | (cp >> 18));
  out[1] = static_cast<unsigned char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<unsigned char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
  return 4;
}

inline bool is_word_cp(std::int32_t cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || cp == '_';
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

// Scripts written without spaces between words: a word boundary cannot be required next to them.
inline bool is_nospace_cp(std::int32_t cp) {
  return (cp >= 0x0E00 && cp <= 0x0EFF) ||   // Thai, Lao
         (cp >= 0x1000 && cp <= 0x109F) ||   // Myanmar
         (cp >= 0x1780 && cp <= 0x17FF) ||   // Khmer
         (cp >= 0x3040 && cp <= 0x30FF) ||   // Hiragana, Katakana
         (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFF66 && cp <= 0xFF9F) ||   // half-width Katakana
         (cp >= 0x20000 && cp <= 0x2FFFF);   // CJK extensions
}

inline bool is_ascii_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

inline bool is_space_cp(std::int32_t cp) {
  if (cp < 0x80) return is_ascii_space(static_cast<unsigned char>(cp));
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS || cp == 0x2028 || cp == 0x2029 || cp == 0x85;
}

// The one folding routine, used for patterns at build time and for text at scan time, so both sides agree
// byte for byte. Calls emit(byte, origin_of_code_point, first_byte_of_code_point) and, after the last byte
// of each code point's folding, done(end_of_code_point). Whitespace runs become one ' '.
template <class Emit, class Done>
inline void fold(std::string_view s, const std::array<unsigned char, 128>& lower, Emit&& emit, Done&& done) {
  bool last_space = false;
  std::size_t i = 0, n = s.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (is_ascii_space(c)) {
        if (!last_space) { emit(' ', i, true); last_space = true; done(i + 1); }
      } else {
        emit(lower[c], i, true);
        last_space = false;
        done(i + 1);
      }
      ++i;
      continue;
    }
    std::int32_t cp;
    int len = decode(s, i, cp);
    if (is_space_cp(cp)) {
      if (!last_space) { emit(' ', i, true); last_space = true; done(i + len); }
      i += len;
      continue;
    }
    std::int32_t folded[8];
    int last_bound = 0;
    auto m = utf8proc_decompose_char(cp, folded, 8, UTF8PROC_CASEFOLD, &last_bound);
    if (m <= 0 || m > 8) { folded[0] = cp; m = 1; }
    bool first = true;
    for (int k = 0; k < m; ++k) {
      unsigned char buf[4];
      int bl = encode(folded[k], buf);
      for (int b = 0; b < bl; ++b) { emit(buf[b], i, first); first = false; }
    }
    last_space = false;
    i += len;
    done(i);
  }
}

inline std::array<unsigned char, 128> make_lower() {
  std::array<unsigned char, 128> t{};
  for (int c = 0; c < 128; ++c) t[c] = static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return t;
}
inline const std::array<unsigned char, 128> kLower = make_lower();

inline std::string nfc(std::string_view s) {
  std::string in(s);
  auto* out = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(in.c_str()));
  if (!out) return in;  // invalid UTF-8: keep the bytes; they can only match themselves
  std::string r(reinterpret_cast<const char*>(out));
  std::free(out);
  return r;
}

inline std::string fold_pattern(std::string_view s) {
  std::string r;
  fold(s, kLower, [&](unsigned char b, std::size_t, bool) { r.push_back(static_cast<char>(b)); },
       [](std::size_t) {});
  while (!r.empty() && r.back() == ' ') r.pop_back();
  std::size_t lead = 0;
  while (lead < r.size() && r[lead] == ' ') ++lead;
  return r.substr(lead);
}

// What the folding routine makes of the code points that are most of non-English social text, computed
// once with fold() itself so the scan cannot disagree with it: two-byte code points (Latin-1, Latin
// Extended, Greek, Cyrillic...) map to their folded bytes; for the rest of the BMP and the emoji blocks, a
// bit says the code point folds to itself and is no space, so its bytes are fed as they are. Anything else
// (a space, a code point folding to something else) takes the generic path with utf8proc.
struct FoldCache {
  struct Two {
    std::uint8_t kind = 0;  // 0 generic, 1 whitespace, 2 fold to `bytes`
    std::uint8_t len = 0;
    unsigned char bytes[10];
  };
  static constexpr std::int32_t kEmojiFirst = 0x1F000, kEmojiEnd = 0x1FB00;
  std::array<Two, 0x800> two{};
  std::vector<std::uint64_t> same;  // bit per code point in [0, 0x10000) then [kEmojiFirst, kEmojiEnd)

  FoldCache() : same((0x10000 + (kEmojiEnd - kEmojiFirst)) / 64 + 1, 0) {
    auto folded = [](std::int32_t cp, std::string& out) {
      unsigned char buf[4];
      int n = encode(cp, buf);
      std::string_view one(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
      out.clear();
      fold(one, kLower, [&](unsigned char b, std::size_t, bool) { out.push_back(static_cast<char>(b)); },
           [](std::size_t) {});
      return std::string(one);
    };
    std::string out;
    for (std::int32_t cp = 0x80; cp < 0x10000; ++cp) {
      if (cp >= 0xD800 && cp <= 0xDFFF) continue;  // surrogates are not code points of valid UTF-8
      std::string orig = folded(cp, out);
      const bool space = is_space_cp(cp);
      if (cp < 0x800) {
        Two& t = two[static_cast<std::size_t>(cp)];
        if (space) t.kind = 1;
        else if (out.size() <= sizeof t.bytes) {
          t.kind = 2;
          t.len = static_cast<std::uint8_t>(out.size());
          std::memcpy(t.bytes, out.data(), out.size());
        }
      } else if (!space && out == orig) {
        set(static_cast<std::size_t>(cp));
      }
    }
    for (std::int32_t cp = kEmojiFirst; cp < kEmojiEnd; ++cp) {
      std::string orig = folded(cp, out);
      if (!is_space_cp(cp) && out == orig) set(static_cast<std::size_t>(0x10000 + cp - kEmojiFirst));
    }
  }
  // True when `cp` (>= 0x800) folds to its own bytes and is not whitespace.
  bool folds_to_itself(std::int32_t cp) const {
    std::size_t k;
    if (cp < 0x10000) k = static_cast<std::size_t>(cp);
    else if (cp >= kEmojiFirst && cp < kEmojiEnd) k = static_cast<std::size_t>(0x10000 + cp - kEmojiFirst);
    else return false;
    return (same[k / 64] >> (k % 64)) & 1;
  }

 private:
  void set(std::size_t k) { same[k / 64] |= 1ull << (k % 64); }
};

inline const FoldCache& fold_cache() {
  static const FoldCache c;
  return c;
}

// True when the bytes just before `b` are part of a URL token ("https://host/...n5" must not match "n5").
inline bool inside_url(std::string_view s, std::size_t b) {
  std::size_t start = b;
  while (start > 0 && !is_ascii_space(static_cast<unsigned char>(s[start - 1])) && b - start < 2048) --start;
  std::string_view head = s.substr(start, b - start);
  return head.find("://") != std::string_view::npos || head.starts_with("www.") || head.starts_with("WWW.");
}

}  // namespace parley::text::gazetteer_fold
