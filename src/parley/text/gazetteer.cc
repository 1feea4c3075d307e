// Written by hand: no Debian package offers a maintained Aho-Corasick matcher for C++ (the C/C++ options
// are unpackaged single-author repositories), and the matcher has to fold case and collapse whitespace on
// the fly while it scans, which a generic byte matcher would not do for us anyway.
//
// Design: the text is case-folded code point by code point (ASCII through a table, the rest through
// utf8proc's full case folding) and the folded bytes are fed straight into a dense Aho-Corasick DFA, so
// there is no folded copy of the text and no allocation per post. Bytes are mapped to a few classes (only
// bytes that occur in some pattern get their own class), which keeps the table small enough for cache.
// Each transition word carries the target's row offset and, in its top bit, whether any pattern ends
// there, so the hot loop is one table load and one test per byte.
#include "parley/text/gazetteer.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <stdexcept>
#include <unordered_map>

namespace parley::text {

namespace {

constexpr std::uint32_t kHasOutput = 0x80000000u;
// Longest folded pattern kept. Longer surface forms are not names of anything an organisation sells.
constexpr std::size_t kMaxPatternBytes = 255;
constexpr std::size_t kRing = 256;  // power of two > kMaxPatternBytes: origins of the last fed bytes
constexpr std::uint32_t kFirstByte = 0x80000000u;  // ring flag: this fed byte starts a code point's folding

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

bool is_word_cp(std::int32_t cp) {
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
bool is_nospace_cp(std::int32_t cp) {
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

std::array<unsigned char, 128> make_lower() {
  std::array<unsigned char, 128> t{};
  for (int c = 0; c < 128; ++c) t[c] = static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return t;
}
const std::array<unsigned char, 128> kLower = make_lower();

std::string nfc(std::string_view s) {
  std::string in(s);
  auto* out = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(in.c_str()));
  if (!out) return in;  // invalid UTF-8: keep the bytes; they can only match themselves
  std::string r(reinterpret_cast<const char*>(out));
  std::free(out);
  return r;
}

std::string fold_pattern(std::string_view s) {
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

const FoldCache& fold_cache() {
  static const FoldCache c;
  return c;
}

// True when the bytes just before `b` are part of a URL token ("https://host/...n5" must not match "n5").
bool inside_url(std::string_view s, std::size_t b) {
  std::size_t start = b;
  while (start > 0 && !is_ascii_space(static_cast<unsigned char>(s[start - 1])) && b - start < 2048) --start;
  std::string_view head = s.substr(start, b - start);
  return head.find("://") != std::string_view::npos || head.starts_with("www.") || head.starts_with("WWW.");
}

struct Pattern {
  std::uint32_t entry;
  std::uint16_t length;   // folded bytes
  bool need_left, need_right;  // the edge character is a word character (or the pattern is a hashtag)
  bool nospace_left, nospace_right;  // the edge character belongs to a script written without spaces
};

}  // namespace

struct Gazetteer::Impl {
  std::vector<GazetteerEntry> entries;
  std::vector<Pattern> patterns;
  std::array<std::uint8_t, 256> cls{};   // byte -> class; 0 for bytes no pattern uses
  std::uint32_t classes = 1;
  std::vector<std::uint32_t> delta;      // [state * classes + class] -> target * classes | kHasOutput
  std::vector<std::int32_t> term;        // state -> pattern ending exactly here, or -1
  std::vector<std::int32_t> dict;        // state -> nearest proper suffix state with a pattern, or -1
  std::size_t states = 0;
};

Gazetteer::Gazetteer(std::span<const GazetteerEntry> entries) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.entries.assign(entries.begin(), entries.end());

  // 1. Fold every surface form; add the spaceless hashtag variant of multi-word forms.
  std::vector<std::string> folded;
  std::unordered_map<std::string, std::size_t> seen;
  auto add = [&](std::uint32_t entry, std::string f) {
    if (f.empty() || f.size() > kMaxPatternBytes || seen.contains(f)) return;
    std::string_view v(f);
    std::int32_t first_cp, last_cp;
    decode(v, 0, first_cp);
    decode(v, prev_start(v, v.size()), last_cp);
    Pattern p{entry, static_cast<std::uint16_t>(f.size()), is_word_cp(first_cp) || first_cp == '#',
              is_word_cp(last_cp), is_nospace_cp(first_cp), is_nospace_cp(last_cp)};
    seen.emplace(f, m.patterns.size());
    m.patterns.push_back(p);
    folded.push_back(std::move(f));
  };
  for (std::uint32_t e = 0; e < m.entries.size(); ++e) {
    std::vector<std::string_view> forms{m.entries[e].name};
    for (const auto& a : m.entries[e].aliases) forms.emplace_back(a);
    for (auto form : forms) {
      std::string f = fold_pattern(nfc(form));
      if (!f.empty() && f[0] != '#' && f.find(' ') != std::string::npos) {
        std::string tag = "#";
        for (char ch : f) if (ch != ' ') tag.push_back(ch);
        add(e, std::move(f));
        add(e, std::move(tag));
      } else {
        add(e, std::move(f));
      }
    }
  }

  // 2. Byte classes.
  for (const auto& f : folded)
    for (unsigned char b : f)
      if (m.cls[b] == 0) m.cls[b] = static_cast<std::uint8_t>(m.classes++);
  if (m.classes > 256) throw std::logic_error("gazetteer: byte classes overflow");  // cannot happen: 255 + 1
  const std::uint32_t C = m.classes;

  // 3. Trie (goto function) with -1 for missing edges, then failure links by BFS, which also completes the
  //    goto function into a DFA.
  std::vector<std::int32_t> go(C, -1);
  m.term.assign(1, -1);
  for (std::size_t p = 0; p < folded.size(); ++p) {
    std::size_t s = 0;
    for (unsigned char b : folded[p]) {
      std::int32_t& next = go[s * C + m.cls[b]];
      if (next < 0) {
        next = static_cast<std::int32_t>(m.term.size());
        m.term.push_back(-1);
        go.resize(go.size() + C, -1);
      }
      s = static_cast<std::size_t>(go[s * C + m.cls[b]]);
    }
    m.term[s] = static_cast<std::int32_t>(p);
  }
  m.states = m.term.size();
  std::vector<std::int32_t> fail(m.states, 0);
  m.dict.assign(m.states, -1);
  std::deque<std::size_t> queue;
  for (std::uint32_t c = 0; c < C; ++c) {
    std::int32_t& t = go[c];
    if (t < 0) t = 0;
    else if (t > 0) { fail[static_cast<std::size_t>(t)] = 0; queue.push_back(static_cast<std::size_t>(t)); }
  }
  while (!queue.empty()) {
    std::size_t s = queue.front();
    queue.pop_front();
    for (std::uint32_t c = 0; c < C; ++c) {
      std::int32_t t = go[s * C + c];
      std::int32_t via_fail = go[static_cast<std::size_t>(fail[s]) * C + c];
      if (t < 0) {
        go[s * C + c] = via_fail;
      } else {
        auto ts = static_cast<std::size_t>(t);
        fail[ts] = via_fail;
        auto f = static_cast<std::size_t>(via_fail);
        m.dict[ts] = m.term[f] >= 0 ? via_fail : m.dict[f];
        queue.push_back(ts);
      }
    }
  }
  m.delta.resize(m.states * C);
  for (std::size_t s = 0; s < m.states; ++s)
    for (std::uint32_t c = 0; c < C; ++c) {
      auto t = static_cast<std::size_t>(go[s * C + c]);
      bool out = m.term[t] >= 0 || m.dict[t] >= 0;
      m.delta[s * C + c] = static_cast<std::uint32_t>(t * C) | (out ? kHasOutput : 0);
    }
  if (m.states * C >= kHasOutput) throw std::length_error("gazetteer: too many patterns");
}

Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;
Gazetteer::~Gazetteer() = default;

const GazetteerEntry& Gazetteer::entry(std::uint32_t index) const { return impl_->entries.at(index); }
std::size_t Gazetteer::entry_count() const { return impl_->entries.size(); }
std::size_t Gazetteer::pattern_count() const { return impl_->patterns.size(); }
std::size_t Gazetteer::state_count() const { return impl_->states; }

void Gazetteer::scan(std::string_view text, std::vector<GazetteerHit>& out) const {
  const Impl& m = *impl_;
  const std::size_t first_out = out.size();
  const std::uint32_t C = m.classes;
  const std::uint32_t* delta = m.delta.data();
  std::uint32_t ring[kRing];
  std::size_t fed = 0;        // bytes fed so far
  std::uint32_t row = 0;      // current state * C, with kHasOutput possibly set
  const FoldCache& fc = fold_cache();

  auto report = [&](std::size_t cp_end) {
    // Walks every pattern ending at the last fed byte, from longest to shortest.
    std::size_t state = (row & ~kHasOutput) / C;
    std::int32_t s = m.term[state] >= 0 ? static_cast<std::int32_t>(state) : m.dict[state];
    for (; s >= 0; s = m.dict[static_cast<std::size_t>(s)]) {
      const Pattern& p = m.patterns[static_cast<std::size_t>(m.term[static_cast<std::size_t>(s)])];
      std::size_t first = fed - p.length;
      std::uint32_t origin = ring[first & (kRing - 1)];
      if (!(origin & kFirstByte)) continue;  // starts in the middle of a code point's folding
      std::size_t b = origin & ~kFirstByte, e = cp_end;
      if (p.need_left && b > 0) {
        std::int32_t cp;
        decode(text, prev_start(text, b), cp);
        if (is_word_cp(cp) && !p.nospace_left && !is_nospace_cp(cp)) continue;
      }
      if (p.need_right && e < text.size()) {
        std::int32_t cp;
        decode(text, e, cp);
        if (is_word_cp(cp) && !p.nospace_right && !is_nospace_cp(cp)) continue;
      }
      if (inside_url(text, b)) continue;
      out.push_back({p.entry, static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)});
    }
  };

  // ASCII runs are the bulk of real text; they go through this loop without the generic folding callbacks.
  std::size_t i = 0, n = text.size();
  bool last_space = false;
  while (i < n) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (is_ascii_space(c)) {
        if (last_space) { ++i; continue; }
        last_space = true;
        c = ' ';
      } else {
        last_space = false;
        c = kLower[c];
      }
      ring[fed & (kRing - 1)] = static_cast<std::uint32_t>(i) | kFirstByte;
      ++fed;
      row = delta[(row & ~kHasOutput) + m.cls[c]];
      ++i;
      if (row & kHasOutput) report(i);
      continue;
    }
    // Common non-ASCII code points through the fold cache (same bytes as fold() would feed).
    if (c >= 0xC2 && c < 0xE0 && i + 1 < n && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
      const auto cp2 = static_cast<std::size_t>(((c & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F));
      const FoldCache::Two& f = fc.two[cp2];
      if (f.kind == 1) {  // whitespace: one ' ' per run
        if (!last_space) {
          last_space = true;
          ring[fed & (kRing - 1)] = static_cast<std::uint32_t>(i) | kFirstByte;
          ++fed;
          row = delta[(row & ~kHasOutput) + m.cls[' ']];
          i += 2;
          if (row & kHasOutput) report(i);
        } else {
          i += 2;
        }
        continue;
      }
      if (f.kind == 2) {
        last_space = false;
        for (std::uint8_t k = 0; k < f.len; ++k) {
          ring[fed & (kRing - 1)] = static_cast<std::uint32_t>(i) | (k == 0 ? kFirstByte : 0);
          ++fed;
          row = delta[(row & ~kHasOutput) + m.cls[f.bytes[k]]];
        }
        i += 2;
        if (row & kHasOutput) report(i);
        continue;
      }
    }
    // One non-ASCII code point through the shared folding routine.
    std::int32_t cp;
    int len = decode(text, i, cp);
    // Emoji, CJK, punctuation: their own bytes. Only for well-formed sequences (shortest form, continuation
    // bytes), where the raw bytes are exactly what fold() would re-encode.
    const bool well_formed =
        len == (cp < 0x10000 ? 3 : 4) && cp >= 0x800 &&
        (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80 && (static_cast<unsigned char>(text[i + 2]) & 0xC0) == 0x80 &&
        (len == 3 || (static_cast<unsigned char>(text[i + 3]) & 0xC0) == 0x80);
    if (well_formed && fc.folds_to_itself(cp)) {
      last_space = false;
      for (int k = 0; k < len; ++k) {
        ring[fed & (kRing - 1)] = static_cast<std::uint32_t>(i) | (k == 0 ? kFirstByte : 0);
        ++fed;
        row = delta[(row & ~kHasOutput) + m.cls[static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)])]];
      }
      i += static_cast<std::size_t>(len);
      if (row & kHasOutput) report(i);
      continue;
    }
    std::string_view one = text.substr(i, static_cast<std::size_t>(len));
    bool space = is_space_cp(cp);
    if (space && last_space) { i += static_cast<std::size_t>(len); continue; }
    last_space = space;
    const std::size_t base = i;
    fold(one, kLower,
         [&](unsigned char b, std::size_t, bool first) {
           ring[fed & (kRing - 1)] = static_cast<std::uint32_t>(base) | (first ? kFirstByte : 0);
           ++fed;
           row = delta[(row & ~kHasOutput) + m.cls[b]];
         },
         [&](std::size_t) {});
    i += static_cast<std::size_t>(len);
    if (row & kHasOutput) report(i);
  }

  // Longest-leftmost, non-overlapping selection among the candidates (few per post: insertion sort).
  auto first = out.begin() + static_cast<std::ptrdiff_t>(first_out);
  std::sort(first, out.end(), [](const GazetteerHit& a, const GazetteerHit& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::size_t keep = first_out;
  std::uint32_t covered = 0;
  for (std::size_t k = first_out; k < out.size(); ++k) {
    if (keep > first_out && out[k].begin < covered) continue;
    covered = out[k].end;
    out[keep++] = out[k];
  }
  out.resize(keep);
}

std::vector<EntityMatch> Gazetteer::match(std::string_view nfc_text) const {
  std::vector<GazetteerHit> hits;
  scan(nfc_text, hits);
  std::vector<EntityMatch> r;
  r.reserve(hits.size());
  for (const auto& h : hits) {
    const auto& e = impl_->entries[h.entry];
    r.push_back({e.kind, e.name, h.begin, h.end});
  }
  return r;
}

}  // namespace parley::text
