// Written by hand: no Debian package offers a maintained Aho-Corasick matcher for C++ (the C/C++ options
// are unpackaged single-author repositories), and the matcher has to fold case and collapse whitespace on
// the fly while it scans, which a generic byte matcher would not do for us anyway.
//
// Design: every surface form must start on a word boundary unless its first character is no word
// character ("@northwind") or belongs to a script written without spaces; so instead of feeding every
// byte of the text through an Aho-Corasick automaton (a chain of dependent table loads, ~4 ns a byte), the
// scan looks only at the code points where a match may begin and walks the trie of folded surface forms
// from there, folding the text as it goes (ASCII through a table, the rest through the shared folding
// routine of gazetteer_fold.h). Almost every walk stops after a byte or two, and the loop that picks the
// starting points has no dependent loads, so it runs several times faster than the automaton did, with
// the same matches: the candidates are exactly the (start, end) pairs the automaton reported, filtered by
// the same boundary and URL rules, then sorted and selected the same way. tests/text/
// gazetteer_equivalence_test.cc keeps the automaton as a reference and compares the two.
#include "parley/text/gazetteer.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

#include "parley/text/gazetteer_fold.h"

#include "parley/text/ascii_block.h"

namespace parley::text {

using namespace gazetteer_fold;

namespace {

// Longest folded pattern kept. Longer surface forms are not names of anything an organisation sells.
constexpr std::size_t kMaxPatternBytes = 255;
constexpr std::uint32_t kTerminal = 0x80000000u;  // trie word flag: a pattern ends at the child

// Per raw byte, what the start loop needs to know (bytes >= 0x80 are conservative: see scan()).
constexpr std::uint8_t kWordByte = 1;       // an ASCII word character: blocks a boundary after it
constexpr std::uint8_t kStartsAtBoundary = 2;  // its folding begins some pattern
constexpr std::uint8_t kStartsAnywhere = 4;    // ...some pattern that needs no boundary on its left

struct Pattern {
  std::uint32_t entry;
  std::uint16_t length;   // folded bytes
  bool need_left, need_right;  // the edge character is a word character (or the pattern is a hashtag)
  bool nospace_left, nospace_right;  // the edge character belongs to a script written without spaces
  // The same folded bytes in the other list of a two-list gazetteer, or -1. The flags above depend only on
  // the bytes, so both share them; only the entry differs.
  std::int32_t also = -1;
};

// Length of the code point (or stray byte) at s[i], exactly as decode() steps: the scan must visit the
// same starting points as the folding routine.
inline std::size_t unit_length(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  return len == 1 || i + len > s.size() ? 1 : len;
}

// Folds the non-ASCII code point at s[i] (what the folding routine feeds for it, via the fold cache when it
// can): writes its folded bytes to `out` (room for 32), sets `space`, returns the code point's length.
inline std::size_t fold_non_ascii(std::string_view s, std::size_t i, const FoldCache& fc, unsigned char* out,
                                  std::size_t& bytes, bool& space) {
  const std::size_t n = s.size();
  auto c = static_cast<unsigned char>(s[i]);
  if (c >= 0xC2 && c < 0xE0 && i + 1 < n && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {
    const auto cp2 = static_cast<std::size_t>(((c & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F));
    const FoldCache::Two& f = fc.two[cp2];
    if (f.kind == 1) {
      out[0] = ' ';
      bytes = 1;
      space = true;
      return 2;
    }
    if (f.kind == 2) {
      std::memcpy(out, f.bytes, f.len);
      bytes = f.len;
      space = false;
      return 2;
    }
  }
  std::int32_t cp;
  const int len = decode(s, i, cp);
  const bool well_formed =
      len == (cp < 0x10000 ? 3 : 4) && cp >= 0x800 &&
      (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80 && (static_cast<unsigned char>(s[i + 2]) & 0xC0) == 0x80 &&
      (len == 3 || (static_cast<unsigned char>(s[i + 3]) & 0xC0) == 0x80);
  if (well_formed && fc.folds_to_itself(cp)) {
    std::memcpy(out, s.data() + i, static_cast<std::size_t>(len));
    bytes = static_cast<std::size_t>(len);
    space = false;
    return static_cast<std::size_t>(len);
  }
  space = is_space_cp(cp);
  bytes = 0;
  fold(s.substr(i, static_cast<std::size_t>(len)), kLower,
       [&](unsigned char b, std::size_t, bool) { if (bytes < 32) out[bytes++] = b; }, [](std::size_t) {});
  return static_cast<std::size_t>(len);
}

}  // namespace

struct Gazetteer::Impl {
  std::vector<GazetteerEntry> entries;
  std::uint32_t split = 0;  // entries [0, split) are the first list, the rest the second
  std::vector<Pattern> patterns;
  std::array<std::uint8_t, 256> cls{};   // byte -> class; 0 for bytes no pattern uses
  std::uint32_t classes = 1;
  // The trie of folded surface forms: [state * classes + class] -> child * classes | kTerminal, or 0 when
  // there is no such child (the root, row 0, is nobody's child).
  std::vector<std::uint32_t> trie;
  std::vector<std::int32_t> term;        // state -> pattern ending exactly here, or -1
  std::array<std::uint8_t, 256> start{};  // raw byte -> kWordByte | kStartsAtBoundary | kStartsAnywhere
  std::size_t states = 0;
  bool any_free = false;  // some pattern needs no boundary on its left

  // The prefilter of the block scan: what the first three folded bytes of a match starting with an ASCII
  // character can be. `short2` holds the (first, second) pairs that complete a pattern of one or two bytes
  // (every second byte for a one-byte pattern); `tri` a hash of the first three bytes of longer patterns.
  std::array<unsigned char, 128> afold{};  // ASCII byte -> its folding (whitespace -> ' ')
  std::array<std::uint64_t, 128 * 128 / 64> short2{};
  static constexpr std::uint32_t kTriBits = 1u << 15;
  std::array<std::uint64_t, kTriBits / 64> tri{};
  // ASCII non-word characters that start patterns: with a boundary ('#') or anywhere ('@', '$'...).
  std::vector<char> boundary_chars, anywhere_chars;

  static std::uint32_t tri_hash(unsigned f0, unsigned f1, unsigned f2) {
    return ((f0 | (f1 << 7) | (f2 << 14)) * 0x9E3779B1u) >> (32 - 15);
  }
  static bool test(const std::uint64_t* bits, std::uint32_t k) { return (bits[k >> 6] >> (k & 63)) & 1; }
  static void set(std::uint64_t* bits, std::uint32_t k) { bits[k >> 6] |= 1ull << (k & 63); }
  // False only when no pattern can start at the ASCII character text[q]; true when unsure.
  bool may_start(std::string_view text, std::size_t q) const {
    const std::size_t n = text.size();
    const unsigned b1 = q + 1 < n ? static_cast<unsigned char>(text[q + 1]) : 0;
    const unsigned b2 = q + 2 < n ? static_cast<unsigned char>(text[q + 2]) : 0;
    if ((b1 | b2) & 0x80) return true;  // a non-ASCII code point may fold to anything
    const unsigned f0 = afold[static_cast<unsigned char>(text[q])], f1 = afold[b1], f2 = afold[b2];
    return test(short2.data(), (f0 << 7) | f1) || test(tri.data(), tri_hash(f0, f1, f2));
  }
  // False only when no pattern can start at the non-ASCII code point at text[q]: its folding (when the fold
  // cache knows it without utf8proc) begins with a byte no pattern begins with.
  bool may_start_non_ascii(std::string_view text, std::size_t q) const {
    const std::size_t n = text.size();
    const auto c = static_cast<unsigned char>(text[q]);
    const FoldCache& fc = fold_cache();
    if (c >= 0xC2 && c < 0xE0 && q + 1 < n && (static_cast<unsigned char>(text[q + 1]) & 0xC0) == 0x80) {
      const FoldCache::Two& f =
          fc.two[static_cast<std::size_t>(((c & 0x1F) << 6) | (static_cast<unsigned char>(text[q + 1]) & 0x3F))];
      if (f.kind == 1) return false;  // whitespace: no pattern starts with a space
      if (f.kind == 2) return trie[cls[f.bytes[0]]] != 0;
      return true;
    }
    if (c >= 0xE0 && trie[cls[c]] == 0) {
      // Folds to its own bytes (so starts with c) when well formed and in the cache's "same" set.
      std::int32_t cp;
      const int len = decode(text, q, cp);
      const bool well_formed =
          len == (cp < 0x10000 ? 3 : 4) && cp >= 0x800 &&
          (static_cast<unsigned char>(text[q + 1]) & 0xC0) == 0x80 && (static_cast<unsigned char>(text[q + 2]) & 0xC0) == 0x80 &&
          (len == 3 || (static_cast<unsigned char>(text[q + 3]) & 0xC0) == 0x80);
      if (well_formed && fc.folds_to_itself(cp)) return false;
    }
    return true;
  }
  void scan_blocks(std::string_view text, std::vector<GazetteerHit>& out) const;
  void scan_bytes(std::string_view text, std::vector<GazetteerHit>& out) const;

  void walk(std::string_view text, std::size_t p, std::vector<GazetteerHit>& out) const;
  void consider(std::string_view text, std::size_t b, std::size_t e, std::uint32_t row,
                std::vector<GazetteerHit>& out) const;
};

Gazetteer::Gazetteer(std::span<const GazetteerEntry> entries) : impl_(std::make_unique<Impl>()) {
  build(entries, {});
}

Gazetteer::Gazetteer(std::span<const GazetteerEntry> first, std::span<const GazetteerEntry> second)
    : impl_(std::make_unique<Impl>()) {
  build(first, second);
}

void Gazetteer::build(std::span<const GazetteerEntry> first, std::span<const GazetteerEntry> second) {
  Impl& m = *impl_;
  m.entries.assign(first.begin(), first.end());
  m.entries.insert(m.entries.end(), second.begin(), second.end());
  m.split = static_cast<std::uint32_t>(first.size());

  // 1. Fold every surface form; add the spaceless hashtag variant of multi-word forms. Duplicates are
  //    dropped within a list; across the lists they become one trie state with two patterns (`also`).
  std::vector<std::string> folded;
  std::unordered_map<std::string, std::size_t> seen[2];
  auto add = [&](std::uint32_t entry, std::string f) {
    auto& seen_here = seen[entry < m.split ? 0 : 1];
    if (f.empty() || f.size() > kMaxPatternBytes || seen_here.contains(f)) return;
    std::string_view v(f);
    std::int32_t first_cp, last_cp;
    decode(v, 0, first_cp);
    decode(v, prev_start(v, v.size()), last_cp);
    Pattern p{entry, static_cast<std::uint16_t>(f.size()), is_word_cp(first_cp) || first_cp == '#',
              is_word_cp(last_cp), is_nospace_cp(first_cp), is_nospace_cp(last_cp), -1};
    seen_here.emplace(f, m.patterns.size());
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

  // 3. The trie.
  std::vector<std::uint32_t> child(C, 0);  // state-numbered while building
  m.term.assign(1, -1);
  for (std::size_t p = 0; p < folded.size(); ++p) {
    std::size_t s = 0;
    for (unsigned char b : folded[p]) {
      if (child[s * C + m.cls[b]] == 0) {
        child[s * C + m.cls[b]] = static_cast<std::uint32_t>(m.term.size());
        m.term.push_back(-1);
        child.resize(child.size() + C, 0);
      }
      s = child[s * C + m.cls[b]];
    }
    if (m.term[s] >= 0) m.patterns[p].also = m.term[s];  // same bytes, other list
    m.term[s] = static_cast<std::int32_t>(p);
  }
  m.states = m.term.size();
  if (m.states * C >= kTerminal) throw std::length_error("gazetteer: too many patterns");
  m.trie.resize(m.states * C);
  for (std::size_t k = 0; k < m.trie.size(); ++k) {
    const std::uint32_t t = child[k];
    m.trie[k] = t == 0 ? 0 : (t * C) | (m.term[t] >= 0 ? kTerminal : 0);
  }

  // 4. Which raw bytes may start a match. ASCII bytes fold to one known byte; a non-ASCII code point is
  //    always tried where a boundary allows it, and anywhere when some pattern needs no boundary.
  bool any_free = false;
  std::array<bool, 256> free_first{};
  for (std::size_t p = 0; p < folded.size(); ++p) {
    const Pattern& pat = m.patterns[p];
    if (!pat.need_left || pat.nospace_left) {
      any_free = true;
      free_first[static_cast<unsigned char>(folded[p][0])] = true;
    }
  }
  for (int c = 0; c < 256; ++c) {
    std::uint8_t t = 0;
    if (c >= 0x80) {
      t = kStartsAtBoundary | (any_free ? kStartsAnywhere : 0);
    } else {
      if (is_word_cp(c)) t |= kWordByte;
      if (!is_ascii_space(static_cast<unsigned char>(c))) {
        const unsigned char f = kLower[static_cast<std::size_t>(c)];
        if (m.trie[m.cls[f]] != 0) t |= kStartsAtBoundary;
        if (free_first[f]) t |= kStartsAnywhere;
      }
    }
    m.start[static_cast<std::size_t>(c)] = t;
  }
  m.any_free = any_free;

  // 5. The block scan's prefilter and start characters.
  for (int c = 0; c < 128; ++c)
    m.afold[static_cast<std::size_t>(c)] = is_ascii_space(static_cast<unsigned char>(c)) ? ' ' : kLower[static_cast<std::size_t>(c)];
  for (std::size_t p = 0; p < folded.size(); ++p) {
    const auto* f = reinterpret_cast<const unsigned char*>(folded[p].data());
    const std::size_t len = folded[p].size();
    if (f[0] >= 0x80) continue;  // starts with a non-ASCII code point: tried one code point at a time
    if (!is_word_cp(f[0])) {
      const Pattern& pat = m.patterns[p];
      auto& chars = (!pat.need_left || pat.nospace_left) ? m.anywhere_chars : m.boundary_chars;
      if (std::find(chars.begin(), chars.end(), static_cast<char>(f[0])) == chars.end()) chars.push_back(static_cast<char>(f[0]));
    }
    if (len == 1) {
      for (unsigned x = 0; x < 128; ++x) Impl::set(m.short2.data(), (f[0] << 7) | x);
    } else if (len == 2) {
      if (f[1] < 0x80) Impl::set(m.short2.data(), (f[0] << 7) | f[1]);
    } else if (f[1] < 0x80 && f[2] < 0x80) {
      // Any non-ASCII byte here cannot be matched by ASCII text, and text with a non-ASCII code point
      // there is always walked. A whitespace run in the text is one ' ' of the pattern: its second raw
      // whitespace character shows up as the third byte.
      Impl::set(m.tri.data(), Impl::tri_hash(f[0], f[1], f[2]));
      if (f[1] == ' ') Impl::set(m.tri.data(), Impl::tri_hash(f[0], ' ', ' '));
    }
  }
}

Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;
Gazetteer::~Gazetteer() = default;

const GazetteerEntry& Gazetteer::entry(std::uint32_t index) const { return impl_->entries.at(index); }
std::size_t Gazetteer::entry_count() const { return impl_->entries.size(); }
std::size_t Gazetteer::pattern_count() const { return impl_->patterns.size(); }
std::size_t Gazetteer::state_count() const { return impl_->states; }

// The pattern ending at trie row `row` matched text[b, e): keep it if the boundary and URL rules allow.
void Gazetteer::Impl::consider(std::string_view text, std::size_t b, std::size_t e, std::uint32_t row,
                               std::vector<GazetteerHit>& out) const {
  const Pattern& p = patterns[static_cast<std::size_t>(term[row / classes])];
  if (p.need_left && b > 0) {
    std::int32_t cp;
    decode(text, prev_start(text, b), cp);
    if (is_word_cp(cp) && !p.nospace_left && !is_nospace_cp(cp)) return;
  }
  if (p.need_right && e < text.size()) {
    std::int32_t cp;
    decode(text, e, cp);
    if (is_word_cp(cp) && !p.nospace_right && !is_nospace_cp(cp)) return;
  }
  if (inside_url(text, b)) return;
  out.push_back({p.entry, static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)});
  if (p.also >= 0) out.push_back({patterns[static_cast<std::size_t>(p.also)].entry, static_cast<std::uint32_t>(b),
                                  static_cast<std::uint32_t>(e)});
}

// Follows the trie from the code point at `p` while the folded text continues some surface form, and
// considers every form that ends at the end of a code point on the way (forms ending inside the folding of
// a code point, like "s" in the "ss" of "ß", never count: the automaton only reported at code point ends).
void Gazetteer::Impl::walk(std::string_view text, std::size_t p, std::vector<GazetteerHit>& out) const {
  const std::uint32_t* t = trie.data();
  const std::uint8_t* cl = cls.data();
  const std::size_t n = text.size();
  std::uint32_t row = 0;
  bool last_space = false;  // `p` itself is never whitespace: no surface form starts with a space
  std::size_t i = p;
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      unsigned char f;
      if (is_ascii_space(c)) {
        if (last_space) { ++i; continue; }  // a whitespace run feeds one ' '
        last_space = true;
        f = ' ';
      } else {
        last_space = false;
        f = kLower[c];
      }
      const std::uint32_t next = t[row + cl[f]];
      if (next == 0) return;
      row = next & ~kTerminal;
      ++i;
      if (next & kTerminal) consider(text, p, i, row, out);
      continue;
    }
    unsigned char buf[32];
    std::size_t bytes;
    bool space;
    const std::size_t len = fold_non_ascii(text, i, fold_cache(), buf, bytes, space);
    if (space && last_space) { i += len; continue; }
    last_space = space;
    std::uint32_t next = 0;
    for (std::size_t k = 0; k < bytes; ++k) {
      next = t[row + cl[buf[k]]];
      if (next == 0) return;
      row = next & ~kTerminal;
    }
    i += len;
    if (next & kTerminal) consider(text, p, i, row, out);
  }
}

// Where a match may start: a code point whose folding begins some surface form, after a character that
// cannot block the form's left boundary (open), or anywhere for the forms that need no boundary. Only an
// ASCII word character is taken to block; the exact rule is applied to each match in consider(). This is
// the byte-at-a-time version, for targets without SSE2 and for pattern sets with many start characters.
void Gazetteer::Impl::scan_bytes(std::string_view text, std::vector<GazetteerHit>& out) const {
  bool open = true;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::uint8_t t = start[c];
    if (t & (open ? (kStartsAtBoundary | kStartsAnywhere) : kStartsAnywhere)) walk(text, i, out);
    if (c < 0x80) {
      open = !(t & kWordByte);
      ++i;
    } else {
      open = true;
      i += unit_length(text, i);
    }
  }
}

#if defined(__SSE2__)
// The same starting points as scan_bytes(), found 64 bytes at a time: SSE2 compares turn the window into
// bit masks (non-ASCII, word characters, start characters); candidates are the word starts and start
// characters of its ASCII stretches, each checked against the three-byte prefilter before the trie is
// walked. Non-ASCII code points between the stretches are stepped over one at a time, as in scan_bytes(),
// without recomputing the masks. Whether the character before a candidate blocks a left boundary is read
// from the byte before it: an ASCII word character there is exactly what consider() would reject.
void Gazetteer::Impl::scan_blocks(std::string_view text, std::vector<GazetteerHit>& out) const {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  std::uint64_t carry = 0;  // 1 when the byte before `i` is an ASCII word character
  while (i < n) {
    const std::size_t len = std::min<std::size_t>(64, n - i);
    std::uint64_t high = 0, word = 0, at_boundary = 0, anywhere = 0;
    ascii_block::for_chunks(bytes, n, i, [&](__m128i v, unsigned shift, unsigned k) __attribute__((always_inline)) {
      using namespace ascii_block;
      const unsigned at = 16 * k;
      high |= static_cast<std::uint64_t>(high_bits(v) >> shift) << at;
      const std::uint32_t w = in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z') | in_range(v, '0', '9') |
                              equal_to(v, '_');
      word |= static_cast<std::uint64_t>(w >> shift) << at;
      std::uint32_t b = 0, f = 0;
      for (char c : boundary_chars) b |= equal_to(v, c);
      for (char c : anywhere_chars) f |= equal_to(v, c);
      at_boundary |= static_cast<std::uint64_t>(b >> shift) << at;
      anywhere |= static_cast<std::uint64_t>(f >> shift) << at;
    });
    const std::uint64_t starts = (((word | at_boundary) & ~((word << 1) | carry)) | anywhere) & ~high;
    std::size_t cur = 0;  // offset of the next code point in the window
    while (cur < len) {
      const std::uint64_t from = ~0ull << cur;
      const std::uint64_t h = high & from;
      const std::size_t stop = h ? static_cast<std::size_t>(__builtin_ctzll(h)) : len;
      std::uint64_t cand = starts & from & (stop == 64 ? ~0ull : (1ull << stop) - 1);
      while (cand) {
        const std::size_t q = i + static_cast<std::size_t>(__builtin_ctzll(cand));
        cand &= cand - 1;
        if (may_start(text, q)) walk(text, q, out);
      }
      if (stop >= len) break;
      const bool after_word = stop ? (word >> (stop - 1)) & 1 : carry;
      if ((!after_word || any_free) && may_start_non_ascii(text, i + stop)) walk(text, i + stop, out);
      cur = stop + unit_length(text, i + stop);
    }
    i += std::max(cur, len);
    carry = start[static_cast<unsigned char>(text[i - 1])] & kWordByte;
  }
}
#endif

void Gazetteer::candidates(std::string_view text, std::vector<GazetteerHit>& out) const {
  const Impl& m = *impl_;
#if defined(__SSE2__)
  // Each extra start character costs a compare per 16 bytes; past a few, the byte loop is as good.
  if (m.boundary_chars.size() + m.anywhere_chars.size() <= 6) m.scan_blocks(text, out);
  else m.scan_bytes(text, out);
#else
  m.scan_bytes(text, out);
#endif
}

void Gazetteer::select(std::vector<GazetteerHit>& out, std::size_t first_out) {
  // Longest-leftmost, non-overlapping selection among the candidates (few per post). Candidates of one
  // list have distinct (begin, end) pairs, so the order is fully determined.
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

void Gazetteer::scan(std::string_view text, std::vector<GazetteerHit>& out) const {
  const std::size_t first_out = out.size();
  candidates(text, out);
  select(out, first_out);
}

namespace {
// The entries the hits name, as the matches callers get (kind, name, where).
std::vector<EntityMatch> matches_of(const std::vector<GazetteerEntry>& entries, const std::vector<GazetteerHit>& hits) {
  std::vector<EntityMatch> r;
  r.reserve(hits.size());
  for (const auto& h : hits) {
    const auto& e = entries[h.entry];
    r.push_back({e.kind, e.name, h.begin, h.end});
  }
  return r;
}
}  // namespace

std::vector<EntityMatch> Gazetteer::match_split(std::string_view nfc_text, std::vector<GazetteerHit>& second) const {
  thread_local std::vector<GazetteerHit> all, first;  // reused: no allocation per post after warm-up
  all.clear();
  first.clear();
  candidates(nfc_text, all);
  const std::uint32_t split = impl_->split;
  const std::size_t second_out = second.size();
  for (const auto& h : all) {
    if (h.entry < split) first.push_back(h);
    else second.push_back({h.entry - split, h.begin, h.end});
  }
  select(first, 0);
  select(second, second_out);
  return matches_of(impl_->entries, first);
}

std::vector<EntityMatch> Gazetteer::match(std::string_view nfc_text) const {
  thread_local std::vector<GazetteerHit> hits;  // reused: no allocation per post after warm-up
  hits.clear();
  scan(nfc_text, hits);
  return matches_of(impl_->entries, hits);
}

}  // namespace parley::text
