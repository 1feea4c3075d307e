// The front door's counting pass (language_evidence.h).
//
// Most of a post is ASCII words separated by a space or punctuation. The byte-at-a-time loop this replaces
// spent its time on a mispredicted branch per byte, on copying each word into a buffer, and on hashing it
// byte by byte. Here the text is read 64 bytes at a time (SSE2, the x86-64 baseline) into bit masks:
// ASCII letters and "special" bytes (>= 0x80, '@', '#', apostrophe). Between special bytes,
// the words are the runs of letter bits; each is counted and looked up where it lies, lower-cased in
// registers, and the loop over them carries nothing from one word to the next but the mask, so the
// processor works on several words at once. A handle is skipped to the next whitespace. Any other
// special byte, and a word that runs into one, go through `step`, the rules of the previous loop for one
// code point, unchanged, until no word is open; then the word loop goes on with the same masks.
#include "parley/text/language_evidence.h"

#include "parley/text/ascii_block.h"
#include "parley/text/load_bytes.h"
#include "parley/text/utf8_decode.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace parley::text::language_detail {

namespace {

// Whether a URL, @mention or #hashtag starts at text[i] (see handle_at).
bool handle_starts(std::string_view text, std::size_t i) {
  auto c = static_cast<unsigned char>(text[i]);
  if (c == '@' || c == '#') return i + 1 < text.size() && !is_space(static_cast<unsigned char>(text[i + 1]));
  if (c == 'h' || c == 'H') return text.substr(i, 7) == "http://" || text.substr(i, 8) == "https://";
  if (c == 'w' || c == 'W') return text.substr(i, 4) == "www." || text.substr(i, 4) == "WWW.";
  return false;
}

}  // namespace

std::size_t handle_at(std::string_view text, std::size_t i) {
  if (!handle_starts(text, i)) return 0;
  std::size_t j = i;
  while (j < text.size() && !is_space(static_cast<unsigned char>(text[j]))) ++j;
  return j - i;
}

// Runs for the fifth of the generated posts that go to CLD2. Only the bytes that may start a handle or URL
// ('@', '#', 'h', 'w', 'W') after a byte that is no ASCII letter or digit need a look; the others are copied
// 16 at a time.
void strip_handles(std::string_view text, std::string& out) {
  out.resize(text.size());  // never longer than the input: a skipped run of >= 2 bytes becomes one space
  char* o = out.data();
  const char* s = text.data();
  std::size_t i = 0, n = text.size();
  while (i < n) {
#if defined(__SSE2__)
    if (i > 0 && i + 16 <= n) {
      using namespace ascii_block;
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      const __m128i before = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i - 1));
      const std::uint32_t after_alnum =
          in_range(before, '0', '9') | in_range(_mm_or_si128(before, _mm_set1_epi8(0x20)), 'a', 'z');
      const std::uint32_t may = (equal_to(v, '@') | equal_to(v, '#') | equal_to(v, 'h') | equal_to(v, 'w') |
                                 equal_to(v, 'W')) & ~after_alnum;  // ('H' never starts one: see handle_at)
      // o <= i, so the 16 bytes stored at o stay inside `out`; only those before the first candidate count.
      _mm_storeu_si128(reinterpret_cast<__m128i*>(o), v);
      const unsigned plain = may ? static_cast<unsigned>(__builtin_ctz(may)) : 16;
      o += plain;
      i += plain;
      if (plain == 16) continue;
    }
#endif
    auto c = static_cast<unsigned char>(s[i]);
    if (may_start_handle(c) && (i == 0 || !is_alnum(static_cast<unsigned char>(s[i - 1])))) {
      if (std::size_t len = handle_at(text, i)) {
        i += len;
        *o++ = ' ';
        continue;
      }
    }
    *o++ = static_cast<char>(c);
    ++i;
  }
  out.resize(static_cast<std::size_t>(o - out.data()));
}

namespace {

Script script_of(std::int32_t cp) {
  if (cp < 0x250) return latin;  // caller passes letters only
  if (cp >= 0x1E00 && cp <= 0x1EFF) return latin;
  if (cp >= 0x0370 && cp <= 0x03FF) return greek;
  if (cp >= 0x0530 && cp <= 0x058F) return armenian;
  if (cp >= 0x0590 && cp <= 0x05FF) return hebrew;
  if (cp >= 0x0E00 && cp <= 0x0E7F) return thai;
  if (cp >= 0x10A0 && cp <= 0x10FF) return georgian;
  if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0xAC00 && cp <= 0xD7AF)) return hangul;
  if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0xFF66 && cp <= 0xFF9F)) return kana;
  if ((cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0x20000 && cp <= 0x2FFFF))
    return han;
  return other;
}

bool utf8proc_is_letter(std::int32_t cp) {
  auto cat = utf8proc_category(cp);
  return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

// The UTF-8 bytes of a code point (1-4) in the low bytes of an integer, and their count.
struct Utf8 {
  std::uint32_t bytes = 0, len = 0;
};
Utf8 encode(std::int32_t cp) {
  Utf8 u;
  unsigned char buf[4] = {};
  u.len = static_cast<std::uint32_t>(utf8proc_encode_char(cp, buf));
  std::memcpy(&u.bytes, buf, 4);
  return u;
}

// utf8proc's answers for the code points the loop meets, looked up once: a call into utf8proc per code
// point cost more than the rest of the loop. The lower-case forms of U+0080..U+024F (Latin-1, Latin
// Extended-A/B), encoded, which are most of the non-ASCII letters the vote sees (len 0 = not a letter), and
// "is a letter" for U+0000..U+1FFFF (16 KB of bits: Arabic, Cyrillic, kana, Han, and the emoji planes).
struct CodePointTable {
  static constexpr std::int32_t kBits = 0x20000;
  Utf8 lower[0x250];
  // For U+0250..U+07FF (two UTF-8 bytes: Greek, Cyrillic, Armenian, Hebrew, Arabic...): 1 + the script of a
  // letter (never Latin there), 0 for anything else.
  unsigned char two_byte_script[0x800] = {};
  std::uint64_t letter_bits[kBits / 64] = {};
  CodePointTable() {
    for (std::int32_t cp = 0x80; cp < 0x250; ++cp)
      if (utf8proc_is_letter(cp)) lower[cp] = encode(utf8proc_tolower(cp));
    for (std::int32_t cp = 0x250; cp < 0x800; ++cp)
      if (utf8proc_is_letter(cp)) two_byte_script[cp] = static_cast<unsigned char>(1 + script_of(cp));
    for (std::int32_t cp = 0; cp < kBits; ++cp)
      if (utf8proc_is_letter(cp)) letter_bits[static_cast<std::size_t>(cp) / 64] |= std::uint64_t{1} << (cp % 64);
  }
  bool is_letter(std::int32_t cp) const {
    if (cp < kBits) return (letter_bits[static_cast<std::size_t>(cp) / 64] >> (cp % 64)) & 1;
    return utf8proc_is_letter(cp);
  }
};
const CodePointTable& code_points() {
  static const CodePointTable t;
  return t;
}

// Bit masks of the 64 bytes at s + i, bit k for byte i + k: ASCII letters, and the bytes >= 0x80, '@', '#'
// and apostrophes, which the word loop leaves to `step`. Bytes past the end are 0 bits.
struct Masks {
  std::uint64_t letter = 0, special = 0;
};

#if defined(__SSE2__)
inline Masks masks_at(const unsigned char* s, std::size_t readable, std::size_t i) {
  Masks m;
  ascii_block::for_chunks(s, readable, i, [&](__m128i v, unsigned shift, unsigned k) __attribute__((always_inline)) {
    using namespace ascii_block;
    const auto letter = in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z');  // bytes >= 0x80 stay out
    const auto special = high_bits(v) | equal_to(v, '@') | equal_to(v, '#') | equal_to(v, '\'');
    m.letter |= static_cast<std::uint64_t>(letter >> shift) << (16 * k);
    m.special |= static_cast<std::uint64_t>(special >> shift) << (16 * k);
  });
  return m;
}
#else
inline Masks masks_at(const unsigned char* s, std::size_t readable, std::size_t i) {
  Masks m;
  for (unsigned k = 0; k < 64 && i + k < readable; ++k) {
    const unsigned char c = s[i + k];
    m.letter |= static_cast<std::uint64_t>((c | 0x20) >= 'a' && (c | 0x20) <= 'z') << k;
    m.special |= static_cast<std::uint64_t>(c >= 0x80 || c == '@' || c == '#' || c == '\'') << k;
  }
  return m;
}
#endif

inline unsigned ctz(std::uint64_t x) { return static_cast<unsigned>(__builtin_ctzll(x)); }
// Where the run of set bits at bit 0 ends: 64 when all are set.
inline unsigned ones_run(std::uint64_t x) { return ~x ? ctz(~x) : 64; }

// kKeep.first[len] keeps the first len bytes of 8: a table rather than a length-dependent shift and branch.
// Longer words (up to a block, 64) keep nothing: the empty key, which finds no language.
struct KeepMasks {
  std::uint64_t first[65];
  constexpr KeepMasks() : first() {
    for (std::size_t len = 0; len <= 64; ++len)
      first[len] = len > kMaxVoteWord ? 0 : len >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * len)) - 1;
  }
};
constexpr KeepMasks kKeep;
static_assert(kMaxVoteWord <= 8, "a key is one 8-byte load");

// Four bytes as the little-endian integer a load of them gives.
constexpr std::uint32_t prefix4(const char (&p)[5]) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(p[0])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(p[1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(p[2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(p[3])) << 24;
}

class Scanner {
 public:
  // `s` is the text or a zero-padded copy of a short one; either way 16-byte loads up to `readable` are safe
  // (the masks' tail handling needs readable >= 16).
  Scanner(std::string_view text, const unsigned char* s, std::size_t readable)
      : text_(text), s_(s), n_(text.size()), readable_(readable), cps_(code_points()), words_(FunctionWords::instance()) {
    // The last 8 bytes again, followed by zeros, so that a word near the end loads 8 bytes too.
    if (n_ >= 16) std::memcpy(tail_, s_ + n_ - 8, 8);
  }

  LanguageEvidence run() {
    std::size_t i = 0;
    while (i < n_) i = block(i);
    end_word();
    LanguageEvidence ev;
    ev.letters = letters_;
    for (std::size_t v = 0; v < kVotes; ++v) ev.hits[v] = votes_[v + 1];
    return ev;
  }

 private:
  // Counts from s[i] on, where no word is open, as far as the 64-byte masks at i reach; returns where to
  // go on (again with no word open).
  std::size_t block(std::size_t i) {
    const Masks m = masks_at(s_, readable_, i);
    const std::uint64_t letter = m.letter;
    const std::uint64_t word_starts = letter & ~(letter << 1);
    // Bit 63 is no end: the byte after it is in the next block.
    const std::uint64_t ends = letter & ~(letter >> 1) & ~(std::uint64_t{1} << 63);
    int latin_letters = 0;
    // The votes of the block's words, one byte per lookup answer (a block holds at most 32 words). Counting
    // in a register: an increment of votes_[answer] in memory made each word's load wait for the store of
    // the word before (nearly all answers are the same "none"), which chained the words one after another.
    std::uint64_t block_votes = 0;
    std::size_t next = 0;
    unsigned pos = 0;  // bits below are done
    for (;;) {
      const std::uint64_t special = m.special & (~std::uint64_t{0} << pos);
      const unsigned first_special = special ? ctz(special) : 64;
      // A letter at pos starts a word even after a letter: a stray lead byte before it (invalid UTF-8) was
      // decoded with the bytes after it, as the byte loop did, and may have ended inside a run of letters.
      std::uint64_t starts = (word_starts | (letter & (std::uint64_t{1} << pos))) & (~std::uint64_t{0} << pos);
      std::size_t p = 0;  // where a word that needed more than the loop below left off
      while (starts) {
        const unsigned b = ctz(starts);
        if (b >= first_special) break;
        const std::size_t j = i + b;
        const std::uint64_t later_ends = ends >> b;
        if (!later_ends) [[unlikely]] {  // the word reaches the block's end: start the next block with it
          if (b) next = j;
          else p = visit(j, letter, i);
          break;
        }
        const unsigned e = b + ctz(later_ends);
        if (e + 1 == first_special) [[unlikely]] {  // ended by an apostrophe, a non-ASCII byte, '@' or '#'
          p = visit(j, letter >> b, i);
          break;
        }
        std::uint64_t lo;
        std::memcpy(&lo, word_bytes(j), 8);
        if (may_be_url(lo) && url_starts(j)) [[unlikely]] {
          p = skip_handle(j);
          break;
        }
        const unsigned len = e - b + 1;
        latin_letters += static_cast<int>(len);
        // No branch on the length: a long word's key is empty and finds no language.
        block_votes += std::uint64_t{1} << (8 * lookup_ascii(lo, len));
        starts &= starts - 1;
      }
      if (next) break;
      if (!p) {
        // Every word before the first special byte is counted: that byte is next, or the next block.
        if (first_special == 64) {
          next = i + 64;
          break;
        }
        p = special_at(i + first_special);
      }
      if (p >= i + 64) {
        next = p;
        break;
      }
      pos = static_cast<unsigned>(p - i);
    }
    letters_[latin] += latin_letters;
    for (std::size_t v = 1; v <= kVotes; ++v) votes_[v] += static_cast<int>((block_votes >> (8 * v)) & 0xFF);
    return next;
  }

  // The 8 bytes from s[j] (zeros past the text's end).
  const char* word_bytes(std::size_t j) const {
    return reinterpret_cast<const char*>(j + 8 <= readable_ ? s_ + j : tail_ + (j - (n_ - 8)));
  }
  // The first four bytes of every URL handle_at() accepts: a word that starts otherwise needs no check.
  static bool may_be_url(std::uint64_t first8) {
    const auto first4 = static_cast<std::uint32_t>(first8);
    return first4 == prefix4("http") || first4 == prefix4("www.") || first4 == prefix4("WWW.");
  }
  // Whether a URL starts at the letter s[j], which starts a word.
  bool url_starts(std::size_t j) const { return (j == 0 || !is_alnum(s_[j - 1])) && handle_starts(text_, j); }
  // Where the handle starting at s[j] ends: the next whitespace, looked for 16 bytes at a time.
  std::size_t skip_handle(std::size_t j) const {
    for (std::size_t q = j; q < n_; q += 16)
      if (const std::uint32_t space = space_at(q)) return q + ctz(space);
    return n_;
  }
  // Bit k set when s[q + k] is whitespace (is_space), for the bytes before the text's end.
  std::uint32_t space_at(std::size_t q) const {
    const std::size_t at = q + 16 <= readable_ ? q : n_ - 16;  // the text's last 16 bytes, shifted
#if defined(__SSE2__)
    using namespace ascii_block;
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s_ + at));
    return (equal_to(v, ' ') | in_range(v, '\t', '\r')) >> (q - at);
#else
    std::uint32_t m = 0;
    for (unsigned k = 0; k < 16; ++k) m |= static_cast<std::uint32_t>(is_space(s_[at + k])) << k;
    return m >> (q - at);
#endif
  }
  // The vote of a word of len <= 64 ASCII letters, `first8` its first 8 bytes.
  unsigned lookup_ascii(std::uint64_t first8, unsigned len) const {
    constexpr std::uint64_t kCase = 0x2020202020202020ull;  // every byte is a letter: OR-ing lower-cases it
    return words_.lookup((first8 | kCase) & kKeep.first[len]);
  }

  // The special byte s[j] (no word is open): a handle is skipped, anything else goes to `step`.
  std::size_t special_at(std::size_t j) {
    const unsigned char c = s_[j];
    if ((c == '@' || c == '#') && (j == 0 || !is_alnum(s_[j - 1])) && handle_starts(text_, j))
      return skip_handle(j);
    return step_word(j);
  }

  // Handles the word of ASCII letters starting at s[j] (no word is open) and returns where scanning goes on;
  // the word is over there. `letters` are the letter bits from j on, in the block at i.
  std::size_t visit(std::size_t j, std::uint64_t letters, std::size_t i) {
    std::uint64_t lo;
    std::memcpy(&lo, word_bytes(j), 8);
    if (may_be_url(lo) && url_starts(j)) return skip_handle(j);
    std::size_t k = j + ones_run(letters);
    if (k == i + 64) k += letter_run(k);
    letters_[latin] += static_cast<int>(k - j);
    if (k < n_ && (s_[k] >= 0x80 || s_[k] == '\'')) {
      // The word goes on: collect it as the byte loop did and finish it there.
      push_letters(j, k);
      return step_word(k);
    }
    const std::size_t len = k - j;
    if (len <= kMaxVoteWord) ++votes_[lookup_ascii(lo, static_cast<unsigned>(len))];
    return k;
  }

  // Number of ASCII letters from s[i] on.
  std::size_t letter_run(std::size_t i) const {
    std::size_t k = i;
    while (k < n_) {
      const unsigned r = ones_run(masks_at(s_, readable_, k).letter);
      k += r;
      if (r < 64) break;
    }
    return k - i;
  }

  // The code point rules, from s[i] until no word is open (at least one step) and the next byte is ASCII
  // (runs of Arabic, Cyrillic or CJK letters and of emoji stay here); returns the position after.
  std::size_t step_word(std::size_t i) {
    do i = step(i);
    while (i < n_ && (wlen_ || s_[i] >= 0x80));
    return i;
  }

  // Appends the ASCII letters s[from, to), lower-cased. Only the first kMaxVoteWord bytes of a word can
  // matter (a longer one never votes), so one 8-byte load and store do, whatever the run's length; the bytes
  // stored past the run's end are overwritten by what follows or lie past the word's end, which the key
  // leaves out.
  void push_letters(std::size_t from, std::size_t to) {
    static_assert(kMaxVoteWord <= 8);
    if (wlen_ < 8) {
      std::uint64_t b;
      std::memcpy(&b, word_bytes(from), 8);
      b |= 0x2020202020202020ull;  // lower-cases letters
      std::memcpy(word_ + wlen_, &b, 8);
    }
    wlen_ = std::min(wlen_ + (to - from), kWordMax);
  }
  // Appends a lower-cased code point to the current word.
  void append(Utf8 u) {
    if (wlen_ + u.len <= kWordMax) {
      std::memcpy(word_ + wlen_, &u.bytes, 4);  // the buffer has room for the 4 bytes past kWordMax
      wlen_ += u.len;
    }
  }
  void end_word() {
    if (wlen_ && wlen_ <= kMaxVoteWord) {
      std::uint64_t first8;
      std::memcpy(&first8, word_, 8);
      ++votes_[words_.lookup(first8 & kKeep.first[wlen_])];
    }
    wlen_ = 0;
  }

  // One step of the previous byte loop at s[i], unchanged but for the tables and for taking a run of ASCII
  // letters at once; returns the position after.
  std::size_t step(std::size_t i) {
    auto c = s_[i];
    if (c < 0x80) {
      if (c >= 'a' && c <= 'z' && i > 0 && is_alnum(s_[i - 1])) {
        std::size_t j = i;
        while (j < n_ && s_[j] >= 'a' && s_[j] <= 'z') ++j;
        push_letters(i, j);
        letters_[latin] += static_cast<int>(j - i);
        return j;
      }
      if (may_start_handle(c) && (i == 0 || !is_alnum(s_[i - 1]))) {
        if (std::size_t len = handle_at(text_, i)) {  // as if replaced by a space
          end_word();
          return i + len;
        }
      }
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        // The letters after it have a letter before them, so the rules above would append each of them,
        // lower-cased, without a handle check: append the whole run here.
        std::size_t j = i + 1;
        while (j < n_ && (s_[j] | 0x20) >= 'a' && (s_[j] | 0x20) <= 'z') ++j;
        push_letters(i, j);
        letters_[latin] += static_cast<int>(j - i);
        return j;
      } else if (c == '\'' && wlen_) {
        if (wlen_ < kWordMax) word_[wlen_++] = '\'';
      } else {
        end_word();
      }
      return i + 1;
    }
    std::int32_t cp;
    const int len = decode_utf8(text_, i, cp);
    if (cp < 0x250) {  // Latin-1 and Latin Extended: table, same result as the general path below
      if (const Utf8 lower = cps_.lower[cp]; lower.len) {
        ++letters_[latin];
        append(lower);
      } else {
        end_word();
      }
    } else if (cp < 0x800) {  // a table for the rest of the two-byte code points, same result as below
      if (const unsigned script = cps_.two_byte_script[cp]) ++letters_[script - 1];
      end_word();
    } else if (cp == 0x2019 && wlen_) {  // typographic apostrophe: "don’t" is one word
      if (wlen_ < kWordMax) word_[wlen_++] = '\'';
    } else if (cps_.is_letter(cp)) {
      Script s = script_of(cp);
      letters_[s] += (s == kana || s == han || s == hangul) ? 3 : 1;
      if (s == latin) {
        append(encode(utf8proc_tolower(cp)));
      } else {
        end_word();
      }
    } else {
      end_word();
    }
    return i + static_cast<std::size_t>(len);
  }

  std::string_view text_;
  const unsigned char* s_;
  std::size_t n_, readable_;
  const CodePointTable& cps_;
  const FunctionWords& words_;
  std::array<int, kScripts> letters_{};
  int votes_[kVotes + 1] = {};  // by FunctionWords::lookup's answer; [0], "none", is not used
  unsigned char tail_[16] = {};
  // The word being collected by `step`, lower-cased, and its length in bytes. The byte loop kept 24 bytes
  // and made a longer word no vote; since no word longer than kMaxVoteWord votes anyway, only the first 8
  // bytes are kept exactly, and the length stops at kWordMax, as it did. Room for a code point's 4 bytes
  // past kWordMax and for 8-byte stores.
  static constexpr std::size_t kWordMax = 24;
  char word_[kWordMax + 8] = {};
  std::size_t wlen_ = 0;
};

}  // namespace

LanguageEvidence gather_evidence(std::string_view utf8_text) {
  if (utf8_text.size() >= 16) {
    const auto* s = reinterpret_cast<const unsigned char*>(utf8_text.data());
    return Scanner(utf8_text, s, utf8_text.size()).run();
  }
  // A short text is copied into zeroed bytes so that 16-byte loads anywhere in it stay in bounds.
  unsigned char pad[32] = {};
  if (!utf8_text.empty()) std::memcpy(pad, utf8_text.data(), utf8_text.size());
  return Scanner(std::string_view(reinterpret_cast<const char*>(pad), utf8_text.size()), pad, sizeof pad).run();
}

}  // namespace parley::text::language_detail
