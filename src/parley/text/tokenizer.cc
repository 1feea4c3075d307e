// One left-to-right pass over the normalised text. ASCII bytes are classified through a table (most social
// text is mostly ASCII); other code points go through utf8proc's category and grapheme-break data, so emoji
// sequences, scripts and case follow the Unicode tables rather than hand-made ranges.
#include "parley/text/tokenizer.h"

#include <utf8proc.h>

#include <array>
#include <bit>
#include <cstdlib>
#include <cstring>

#include "parley/text/ascii_block.h"
#include "parley/text/codepoint_class.h"
#include "parley/text/tokenizer_emoticons.h"

namespace parley::text {

namespace {

enum : std::uint8_t { kSpace = 1, kLower = 2, kUpper = 4, kDigit = 8, kWordInner = 16 };

constexpr std::array<std::uint8_t, 128> make_ascii_table() {
  std::array<std::uint8_t, 128> t{};
  for (int c = 0; c < 32; ++c) t[c] = kSpace;  // control bytes separate tokens like whitespace
  t[' '] = kSpace;
  t[127] = kSpace;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kLower;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kUpper;
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigit;
  t['\''] = kWordInner;
  t['-'] = kWordInner;
  t['_'] = kWordInner;
  return t;
}
constexpr auto kAscii = make_ascii_table();

inline bool is_ascii_alnum(unsigned char c) { return c < 128 && (kAscii[c] & (kLower | kUpper | kDigit)); }

struct Cp {
  std::int32_t cp;
  std::uint32_t len;
};

// Decodes one code point. Input is valid UTF-8 by contract; a stray byte still advances by one so a bad
// input can never loop or read past the end.
inline Cp decode(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return {c, 1};
  std::size_t n = s.size();
  if ((c & 0xE0) == 0xC0 && i + 1 < n) return {((c & 0x1F) << 6) | (b(i + 1) & 0x3F), 2};
  if ((c & 0xF0) == 0xE0 && i + 2 < n) return {((c & 0x0F) << 12) | ((b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F), 3};
  if ((c & 0xF8) == 0xF0 && i + 3 < n)
    return {((c & 0x07) << 18) | ((b(i + 1) & 0x3F) << 12) | ((b(i + 2) & 0x3F) << 6) | (b(i + 3) & 0x3F), 4};
  return {0xFFFD, 1};
}

// Code points whose NFC quick-check value is Yes: text made only of these is already NFC, so the
// normalisation pass (an allocation and a full copy) can be skipped. The ranges are conservative: Latin-1
// and Latin Extended (below the combining diacritics at U+0300), general punctuation, symbols, kana, CJK
// ideographs, Hangul syllables and the emoji planes; U+2000/2001, U+2126, U+212A/B and U+2329/A are
// singleton decompositions and U+3099/A compose with kana, so they are left out.
inline bool nfc_stable(std::int32_t cp) {
  if (cp < 0x300) return true;
  if (cp >= 0x600 && cp <= 0x6FF) {
    // Arabic letters, digits and punctuation; the harakat and Quranic marks (U+0610..061A, U+064B..065F,
    // U+0670, U+06D6..06ED) reorder or compose (hamza above/below, madda), so they are left out.
    return cp <= 0x60F || (cp >= 0x61B && cp <= 0x64A) || (cp >= 0x660 && cp <= 0x66F) ||
           (cp >= 0x671 && cp <= 0x6D5) || cp >= 0x6EE;
  }
  if (cp >= 0x2002 && cp <= 0x20CF) return true;
  if (cp == 0x20E3) return true;                                    // keycap
  if (cp >= 0x2190 && cp <= 0x2328) return true;                   // arrows, math, technical
  if (cp >= 0x232B && cp <= 0x2ADB) return true;                   // dingbats, symbols
  if (cp >= 0x2B00 && cp <= 0x2BFF) return true;
  if (cp >= 0x3000 && cp <= 0x3098) return true;
  if (cp >= 0x309B && cp <= 0x9FFF) return true;
  if (cp >= 0xAC00 && cp <= 0xD7A3) return true;                   // precomposed Hangul
  if (cp >= 0xFE00 && cp <= 0xFE0F) return true;                   // variation selectors
  if (cp >= 0xFF01 && cp <= 0xFFEF) return true;                   // half/full-width forms (compat only)
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return true;                 // emoji
  if (cp >= 0xE0000 && cp <= 0xE007F) return true;                 // tag sequences (subdivision flags)
  return false;
}

// nfc_stable() for the BMP as a bitmap (8 KB), built from it once: needs_nfc() runs over every non-ASCII
// code point of every post, and the chain of range tests was a tenth of the tokenizer's time.
const std::uint64_t* nfc_stable_bmp() {
  static const std::array<std::uint64_t, 0x10000 / 64> bits = [] {
    std::array<std::uint64_t, 0x10000 / 64> b{};
    for (std::int32_t cp = 0; cp < 0x10000; ++cp)
      if (nfc_stable(cp)) b[static_cast<std::size_t>(cp) >> 6] |= std::uint64_t{1} << (cp & 63);
    return b;
  }();
  return bits.data();
}

bool needs_nfc(std::string_view s) {
  const std::uint64_t* stable = nfc_stable_bmp();
  std::size_t i = 0, n = s.size();
  while (i < n) {
    // 8 bytes at a time, jumping straight to the first non-ASCII byte: accented Latin has one every few
    // letters, and stepping a byte at a time up to it cost more than the check itself.
    if (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      const std::uint64_t high = w & 0x8080808080808080ULL;
      if (high == 0) {
        i += 8;
        continue;
      }
      // On little-endian hosts the lowest set bit marks the first such byte; elsewhere the code below
      // steps there one code point at a time (ASCII decodes as stable).
      if constexpr (std::endian::native == std::endian::little)
        i += static_cast<std::size_t>(std::countr_zero(high)) >> 3;
    } else if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    // Lead bytes C0..CB with a byte after them decode below U+0300: stable (Latin-1/Extended), as
    // decode() + the bitmap would say.
    const unsigned char lead = static_cast<unsigned char>(s[i]);
    if (lead >= 0xC0 && lead <= 0xCB && i + 1 < n) {
      i += 2;
      continue;
    }
    Cp c = decode(s, i);
    if (c.cp < 0x10000 ? !((stable[c.cp >> 6] >> (c.cp & 63)) & 1) : !nfc_stable(c.cp)) return true;
    i += c.len;
  }
  return false;
}

// Writes the NFC form of s to `out`, reusing its capacity when s is already NFC (nearly every post).
void normalize_nfc(std::string_view s, std::string& out) {
  if (!needs_nfc(s)) {
    out.assign(s);
    return;
  }
  utf8proc_uint8_t* mapped = nullptr;
  auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()),
                        &mapped, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0 || mapped == nullptr) {  // cannot happen on valid UTF-8; keep the text anyway
    out.assign(s);
    return;
  }
  out.assign(reinterpret_cast<char*>(mapped), static_cast<std::size_t>(n));
  std::free(mapped);
}

// Coarse script of a letter, used only to split runs of scripts written without spaces (Japanese mixes
// kanji, hiragana and katakana; a change of script is a cheap, decent word-boundary guess).
enum class Script : std::uint8_t { other, han, hiragana, katakana };
inline Script script_of(std::int32_t cp) {
  if (cp < 0x3040) return Script::other;
  if (cp <= 0x309F) return Script::hiragana;
  if (cp <= 0x30FF || (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0xFF66 && cp <= 0xFF9F)) return Script::katakana;
  if ((cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x20000 && cp <= 0x3FFFF))
    return Script::han;
  return Script::other;
}

// UTF-8 bytes of cp, as utf8proc_encode_char writes them (inline: it runs per non-ASCII letter).
inline std::size_t encode_utf8(std::int32_t cp, char* out) {
  if (cp < 0) return 0;
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  if (cp < 0x110000) {
    out[0] = static_cast<char>(0xF0 | (cp >> 18));
    out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[3] = static_cast<char>(0x80 | (cp & 0x3F));
    return 4;
  }
  return 0;
}

class Scanner {
 public:
  Scanner(Tokenized& out, std::string& buf)
      : out_(out), s_(out.text), em_(EmoticonSet::instance()), bmp_(bmp_class_table()), buf_(buf) {
    // norm is built in buf_ and copied once per token. A norm is never longer than twice its source bytes:
    // lower-casing at most doubles a code point's UTF-8 length (CodepointClass.LowerCaseAtMostDoublesBytes
    // checks every code point), and '’' and joiners are copied as they are.
    // The 16 bytes of slack let word() store eight bytes at a time and emit() read 15 at a time.
    if (buf_.size() < 2 * s_.size() + 16) buf_.resize(2 * s_.size() + 16);
    at_pos_ = s_.find('@');
    at_run_ = local_run_start(at_pos_);
  }

  void run() {
    const std::size_t n = s_.size();
    std::size_t i = 0;
    while (i < n) {
      unsigned char c = static_cast<unsigned char>(s_[i]);
      if (c < 0x80) {
        std::uint8_t cls = kAscii[c];
        if (cls & kSpace) {
          ++i;
          continue;
        }
        std::size_t e;
        if (cls & (kLower | kUpper | kDigit)) {
          if (special_may_start(i, c) || email_possible(i)) {
            if ((e = keycap(i))) {
              i = emit_simple(i, e, TokenKind::emoji);
              continue;
            }
            if ((c == 'h' || c == 'H' || c == 'w' || c == 'W') && (e = url(i))) {
              i = emit_simple(i, e, TokenKind::url);
              continue;
            }
            if (email_possible(i) && (e = email(i))) {
              i = emit_lower(i, e, TokenKind::email, 0);
              continue;
            }
            if (at_space_boundary(i) && (e = standalone_emoticon(i))) {
              i = emit_simple(i, e, TokenKind::emoticon);
              continue;
            }
          }
          i = (cls & kDigit) ? number_or_word(i) : word(i, TokenKind::word, 0);
          continue;
        }
        if (c == '#') {
          if ((e = keycap(i))) {
            i = emit_simple(i, e, TokenKind::emoji);
            continue;
          }
          if (!prev_is_alnum(i) && i + 1 < n && word_start_ok(i + 1)) {
            std::size_t end = word(i, TokenKind::hashtag, 1);
            if (end) {
              i = end;
              continue;
            }
          }
        } else if (c == '@') {
          if (!prev_is_alnum(i) && (e = mention(i))) {
            i = emit_lower(i, e, TokenKind::mention, 1);
            continue;
          }
        } else if (c == '*' && (e = keycap(i))) {
          i = emit_simple(i, e, TokenKind::emoji);
          continue;
        }
        if (em_.may_start(c) && (e = emoticon(i))) {
          i = emit_simple(i, e, TokenKind::emoticon);
          continue;
        }
        i = punct(i);
        continue;
      }
      Cp cp = decode(s_, i);
      const std::uint8_t cls = cp_class(bmp_, cp.cp);
      if (cls & kCpPictographic) {
        i = emit_simple(i, grapheme_end(i), TokenKind::emoji);
        continue;
      }
      switch (static_cast<utf8proc_category_t>(cls & kCpCategoryMask)) {
        case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
          i = word(i, TokenKind::word, 0);
          break;
        case UTF8PROC_CATEGORY_ND:
          i = number_or_word(i);
          break;
        case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
        case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF: case UTF8PROC_CATEGORY_CS:
        case UTF8PROC_CATEGORY_CO: case UTF8PROC_CATEGORY_CN:
        case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
          // Invisible or stray: separators, format characters, marks with nothing to attach to.
          i += cp.len;
          break;
        default:
          i = punct(i);
      }
    }
  }

 private:
  utf8proc_category_t category(std::int32_t cp) const {
    return static_cast<utf8proc_category_t>(cp_class(bmp_, cp) & kCpCategoryMask);
  }
  bool is_pictographic(std::int32_t cp) const { return cp_class(bmp_, cp) & kCpPictographic; }

  // Start of the run of e-mail local-part characters that ends at `at` (an '@'), or npos.
  std::size_t local_run_start(std::size_t at) const {
    if (at == std::string::npos) return std::string::npos;
    std::size_t k = at;
    while (k > 0 && is_local_char(static_cast<unsigned char>(s_[k - 1]))) --k;
    return k;
  }

  // email(i) scans the local part of every word for an '@' that is rarely there. It can only succeed when
  // the local-part run starting at i reaches the first '@' after i, i.e. when i lies in the run of local
  // characters just before that '@'; both are kept for the current '@' so most words are rejected in O(1).
  bool email_possible(std::size_t i) {
    if (at_pos_ == std::string::npos) return false;
    if (i > at_pos_) {
      at_pos_ = s_.find('@', i);
      at_run_ = local_run_start(at_pos_);
      if (at_pos_ == std::string::npos) return false;
    }
    return i >= at_run_ && i < at_pos_;
  }

  bool prev_is_alnum(std::size_t i) const {
    if (i == 0) return false;
    unsigned char p = static_cast<unsigned char>(s_[i - 1]);
    if (p < 0x80) return is_ascii_alnum(p) || p == '_';
    // Step back to the lead byte of the previous code point.
    std::size_t k = i - 1;
    while (k > 0 && (static_cast<unsigned char>(s_[k]) & 0xC0) == 0x80) --k;
    auto cat = category(decode(s_, k).cp);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ND;
  }

  // Whether a keycap, URL or letter-led emoticon may start at i (c = s_[i], a letter or digit): false
  // for nearly every word, from the two bytes at i, without the chain of branches that checks each form
  // in turn (on every word, and hard to predict). True whenever keycap(i), url(i) or the standalone
  // emoticon check could succeed: they need a second byte 0xEF or 0xE2, "ht"/"ww" (either case), or a
  // pair some emoticon starts with after a space or the start.
  bool special_may_start(std::size_t i, unsigned char c) const {
    const unsigned char next = i + 1 < s_.size() ? static_cast<unsigned char>(s_[i + 1]) : 0;
    const unsigned f = c | 0x20u, g = next | 0x20u;
    return (next == 0xEF) | (next == 0xE2) | ((f == 'h') & (g == 't')) | ((f == 'w') & (g == 'w')) |
           (em_.may_start2(c, next) & at_space_boundary(i));
  }

  bool at_space_boundary(std::size_t i) const {
    if (i == 0) return true;
    unsigned char p = static_cast<unsigned char>(s_[i - 1]);
    return p < 0x80 && (kAscii[p] & kSpace);
  }

  // A letter, digit or mark may follow '#'.
  bool word_start_ok(std::size_t i) const {
    unsigned char c = static_cast<unsigned char>(s_[i]);
    if (c < 0x80) return is_ascii_alnum(c) || c == '_';
    const std::uint8_t cls = cp_class(bmp_, decode(s_, i).cp);
    const auto cat = cls & kCpCategoryMask;
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ND && !(cls & kCpPictographic);
  }

  // A token's norm, turned into the std::string member by these conversions while the Token is built in
  // the vector (guaranteed elision). push_back(Token{...}) built a temporary Token and then moved it: a
  // second copy of the norm bytes, and for short (inline) strings a second call to memcpy, per token.
  struct NormBytes {
    const char* p;
    std::size_t n;
    operator std::string() const { return std::string(p, n); }
  };
  // A norm of at most 15 bytes (inline in the string) with 15 readable bytes at p: all 15 are copied, a
  // fixed-size copy done in registers, and the string is then cut to n. Copying exactly n bytes is a
  // call to memcpy, which cost more than the rest of building a word token.
  struct ShortNorm {
    const char* p;
    std::size_t n;
    operator std::string() const {
      std::string s(p, 15);
      s.erase(n);
      return s;
    }
  };
  // `readable`: how many bytes may be read from norm (at least n).
  void emit(std::size_t b, std::size_t e, TokenKind kind, bool all_caps, bool elongated, const char* norm,
            std::size_t n, std::size_t readable) {
    if (n <= 15 && readable >= 15)
      out_.tokens.emplace_back(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e), kind, all_caps,
                               elongated, ShortNorm{norm, n});
    else
      out_.tokens.emplace_back(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e), kind, all_caps,
                               elongated, NormBytes{norm, n});
  }

  std::size_t emit_simple(std::size_t b, std::size_t e, TokenKind kind) {
    emit(b, e, kind, false, false, s_.data() + b, e - b, s_.size() - b);
    return e;
  }

  // Mentions and emails: ASCII by construction, norm is the lower-cased text without `skip` leading bytes.
  std::size_t emit_lower(std::size_t b, std::size_t e, TokenKind kind, std::size_t skip) {
    char* const norm = buf_.data();
    for (std::size_t k = b + skip; k < e; ++k) {
      unsigned char c = static_cast<unsigned char>(s_[k]);
      norm[k - b - skip] = static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
    emit(b, e, kind, false, false, norm, e - b - skip, buf_.size());
    return e;
  }

  // End of the grapheme cluster starting at i (UAX #29 via utf8proc): keeps ZWJ sequences, skin tones,
  // flags (regional-indicator pairs), tag sequences and VS16 together.
  std::size_t grapheme_end(std::size_t i) const {
    Cp first = decode(s_, i);
    std::int32_t prev = first.cp, state = 0;
    std::size_t j = i + first.len;
    while (j < s_.size()) {
      Cp next = decode(s_, j);
      if (utf8proc_grapheme_break_stateful(prev, next.cp, &state)) break;
      prev = next.cp;
      j += next.len;
    }
    return j;
  }

  // "1️⃣" and "#⃣": a digit, '#' or '*', optional VS16, then U+20E3.
  std::size_t keycap(std::size_t i) const {
    // Both forms continue with 0xEF or 0xE2: one byte test turns away nearly every word.
    if (i + 1 >= s_.size() || (s_[i + 1] != '\xEF' && s_[i + 1] != '\xE2')) return 0;
    std::string_view rest = std::string_view(s_).substr(i + 1);
    if (rest.starts_with("\xEF\xB8\x8F\xE2\x83\xA3")) return i + 7;
    if (rest.starts_with("\xE2\x83\xA3")) return i + 4;
    return 0;
  }

  static bool iprefix(std::string_view s, std::string_view p) {
    if (s.size() < p.size()) return false;
    for (std::size_t k = 0; k < p.size(); ++k)
      if ((s[k] | 0x20) != p[k] && s[k] != p[k]) return false;
    return true;
  }

  std::size_t url(std::size_t i) const {
    // "http" and "www" both need a 't' or 'w' second (either case): rejects "have", "with", "we" at once.
    if (i + 1 >= s_.size() || ((s_[i + 1] | 0x20) != 't' && (s_[i + 1] | 0x20) != 'w')) return 0;
    std::string_view rest = std::string_view(s_).substr(i);
    std::size_t start;
    if (iprefix(rest, "https://")) start = 8;
    else if (iprefix(rest, "http://")) start = 7;
    else if (iprefix(rest, "www.") && !prev_is_alnum(i)) start = 4;
    else return 0;
    std::size_t j = i + start;
    int parens = 0;
    while (j < s_.size()) {
      unsigned char c = static_cast<unsigned char>(s_[j]);
      if (c < 0x80) {
        if ((kAscii[c] & kSpace) || c == '<' || c == '>' || c == '"') break;
        parens += (c == '(') - (c == ')');
        ++j;
        continue;
      }
      // Internationalised domains and paths may carry letters; anything else (an emoji, a quote mark)
      // ends the URL.
      Cp cp = decode(s_, j);
      const std::uint8_t cls = cp_class(bmp_, cp.cp);
      if ((cls & kCpCategoryMask) > UTF8PROC_CATEGORY_ND || (cls & kCpPictographic)) break;
      j += cp.len;
    }
    // Sentence punctuation after a URL is not part of it; a closing paren is only when it has no partner.
    while (j > i + start) {
      char c = s_[j - 1];
      if (c == ')' && parens >= 0) break;
      if (c == ')') ++parens;
      else if (!std::strchr(".,;:!?'*", c)) break;
      --j;
    }
    return j > i + start ? j : 0;
  }

  static bool is_local_char(unsigned char c) {
    return is_ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  // user@host.tld -> end of the domain, or 0. `dot_required` makes "@user@host" need a dotted host.
  std::size_t domain(std::size_t j) const {
    std::size_t labels = 0, last_label_start = j, k = j;
    bool last_alpha = true;
    while (true) {
      std::size_t ls = k;
      bool alpha = true;
      while (k < s_.size() && (is_ascii_alnum(static_cast<unsigned char>(s_[k])) || s_[k] == '-')) {
        alpha &= !(kAscii[static_cast<unsigned char>(s_[k])] & kDigit);
        ++k;
      }
      if (k == ls) {
        if (labels && k > j) --k;  // drop the trailing '.'
        break;
      }
      ++labels;
      last_label_start = ls;
      last_alpha = alpha;
      if (k + 1 < s_.size() && s_[k] == '.' && is_ascii_alnum(static_cast<unsigned char>(s_[k + 1]))) {
        ++k;
        continue;
      }
      break;
    }
    if (labels < 2 || !last_alpha || k - last_label_start < 2) return 0;
    return k;
  }

  std::size_t email(std::size_t i) const {
    std::size_t j = i;
    while (j < s_.size() && is_local_char(static_cast<unsigned char>(s_[j]))) ++j;
    if (j >= s_.size() || s_[j] != '@' || j == i || s_[j - 1] == '.') return 0;
    return domain(j + 1);
  }

  std::size_t mention(std::size_t i) const {
    std::size_t j = i + 1;
    while (j < s_.size() && (is_ascii_alnum(static_cast<unsigned char>(s_[j])) || s_[j] == '_')) ++j;
    if (j == i + 1) return 0;
    // Mastodon / fediverse handles: @user@instance.social
    if (j < s_.size() && s_[j] == '@') {
      if (std::size_t e = domain(j + 1)) return e;
    }
    return j;
  }

  // A punctuation-led emoticon, longest match first. Those starting with a closing bracket need a space
  // (or the start) before them, or "(see above):" would end in a sad face. One ending in a letter or digit
  // (":D", ":3") must not run into a word (":Data").
  std::size_t emoticon(std::size_t i) const {
    unsigned char c = static_cast<unsigned char>(s_[i]);
    if ((c == ')' || c == ']' || c == '}' || c == '>') && !at_space_boundary(i)) return 0;
    if (i + 1 >= s_.size() || !em_.may_start2(c, static_cast<unsigned char>(s_[i + 1]))) return 0;
    std::size_t maxl = std::min(em_.max_len(), s_.size() - i);
    for (std::size_t l = maxl; l >= 2; --l) {
      std::string_view cand = std::string_view(s_).substr(i, l);
      if (!em_.contains(cand)) continue;
      unsigned char last = static_cast<unsigned char>(cand.back());
      std::size_t e = i + l;
      if (is_ascii_alnum(last) && e < s_.size() && is_ascii_alnum(static_cast<unsigned char>(s_[e]))) continue;
      return e;
    }
    return 0;
  }

  // Emoticons that start with a letter or digit ("xD", "o.O", "8-)") only count when they stand alone
  // between spaces, else "do:" or "8)" inside a list would turn into faces.
  std::size_t standalone_emoticon(std::size_t i) const {
    if (i + 1 >= s_.size() ||
        !em_.may_start2(static_cast<unsigned char>(s_[i]), static_cast<unsigned char>(s_[i + 1])))
      return 0;
    std::size_t j = i;
    bool punct = false;
    while (j < s_.size() && j - i <= em_.max_len()) {
      unsigned char c = static_cast<unsigned char>(s_[j]);
      if (c >= 0x80 || (kAscii[c] & kSpace)) break;
      punct |= !is_ascii_alnum(c);
      ++j;
    }
    if (j - i < 2 || j - i > em_.max_len()) return 0;
    if (j < s_.size() && static_cast<unsigned char>(s_[j]) >= 0x80) return 0;
    // Alphanumeric-only candidates ("xD") must match exactly; the rest may be followed by sentence
    // punctuation, which is split off.
    std::string_view chunk = std::string_view(s_).substr(i, j - i);
    if (!punct && chunk.size() > 3) return 0;  // a plain word: skip the hash look-up
    if (em_.contains(chunk)) return j;
    if (!punct) return 0;
    while (!chunk.empty() && std::strchr(".,!?", chunk.back())) {
      chunk.remove_suffix(1);
      if (chunk.size() >= 2 && em_.contains(chunk)) return i + chunk.size();
    }
    return 0;
  }

  std::size_t number_or_word(std::size_t i) {
    std::size_t j = i;
    bool sep = false;
    while (j < s_.size()) {
      unsigned char c = static_cast<unsigned char>(s_[j]);
      if (c < 0x80) {
        if (kAscii[c] & kDigit) {
          ++j;
          continue;
        }
        if ((c == '.' || c == ',' || c == ':') && j + 1 < s_.size() && s_[j + 1] >= '0' && s_[j + 1] <= '9') {
          sep = true;
          j += 2;
          continue;
        }
        if (!sep && (kAscii[c] & (kLower | kUpper))) return word(i, TokenKind::word, 0);  // "2nd", "5pm"
        break;
      }
      Cp cp = decode(s_, j);
      auto cat = category(cp.cp);
      if (cat == UTF8PROC_CATEGORY_ND) {
        j += cp.len;
        continue;
      }
      if (!sep && cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) return word(i, TokenKind::word, 0);
      break;
    }
    return emit_simple(i, j, TokenKind::number);
  }

  // Words and hashtags. `skip` is 1 for hashtags (the '#'). Letters, marks and digits, with an apostrophe
  // or hyphen kept when it sits between letters ("don't", "y'all", "well-known"). Builds the norm on the
  // way: lower-case, letter runs longer than two cut to two. Returns 0 for a hashtag without letters.
  std::size_t word(std::size_t i, TokenKind kind, std::size_t skip) {
#if defined(__SSE2__)
    if (const AsciiWord w = ascii_word(i + skip); w.end) {
      emit(i, w.end, kind, w.all_caps, false, ascii_norm_ + w.off, w.end - i - skip, sizeof ascii_norm_ - w.off);
      return w.end;
    }
#endif
    // The norm goes to buf_ through a raw pointer and into the token once at the end: push_back per byte
    // (capacity check, terminator) was a good part of the tokenizer's time.
    char* const norm = buf_.data();
    std::size_t n = 0;
    const std::size_t size = s_.size();
    const char* const src = s_.data();  // a local: stores through `norm` would make s_.data() reload per byte
    std::size_t j = i + skip;
    int upper = 0, lower = 0, caseless = 0;
    std::int32_t last = -1;
    int run = 0;
    bool elongated = false;
    Script script = Script::other;
    bool first = true;
    while (j < size) {
      unsigned char c = static_cast<unsigned char>(src[j]);
      if (static_cast<unsigned char>(c - 'a') < 26 && j + 8 <= size) {
        // Eight bytes at once: most words are short runs of lower-case letters with no letter three times
        // in a row, which copy to the norm unchanged (see lower_run()).
        if (std::size_t r = lower_run(src + j, last)) {
          std::memcpy(norm + n, src + j, 8);  // the buffer has 8 bytes of slack; only r of them count
          n += r;
          j += r;
          lower += static_cast<int>(r);
          first = false;
          const unsigned char end = static_cast<unsigned char>(src[j - 1]);
          run = (r >= 2 && static_cast<unsigned char>(src[j - 2]) == end) ? 2 : 1;
          last = end;
          continue;
        }
      }
      if (static_cast<unsigned char>(c - 'a') < 26) {
        // ASCII lower-case letter, most of the bytes: the general path below, specialised.
        ++lower;
        ++j;
        first = false;
        if (c == last) {
          if (++run >= 3) {
            elongated = true;
            continue;  // cut the run at two
          }
        } else {
          last = c;
          run = 1;
        }
        norm[n++] = static_cast<char>(c);
        continue;
      }
      std::uint32_t len;
      bool letter = false;
      std::int32_t low;
      if (c < 0x80) {
        std::uint8_t cls = kAscii[c];
        if (cls & kWordInner) {
          // Joiners inside a word only: a letter or digit must follow (and '_' only in hashtags).
          bool ok = j + 1 < size && word_continues(j + 1) && (c == '_' ? kind == TokenKind::hashtag : !first);
          if (!ok) break;
          norm[n++] = static_cast<char>(c);
          last = -1;
          run = 0;
          ++j;
          continue;
        }
        if (!(cls & (kLower | kUpper | kDigit))) break;
        len = 1;
        letter = cls & (kLower | kUpper);
        if (cls & kUpper) {
          ++upper;
          low = c + 32;
        } else {
          lower += letter;
          low = c;
        }
      } else {
        Cp d = decode(s_, j);
        const std::int32_t cp = d.cp;
        len = d.len;
        if (cp == 0x2019) {  // typographic apostrophe, as in "don’t"
          if (first || j + len >= size || !word_continues(j + len)) break;
          std::memcpy(norm + n, "\xE2\x80\x99", 3);
          n += 3;
          last = -1;
          run = 0;
          j += len;
          continue;
        }
        const std::uint8_t cls = cp_class(bmp_, cp);
        if (cls & kCpPictographic) break;
        const auto cat = cls & kCpCategoryMask;
        if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) {
          Script sc = script_of(cp);
          if (!first && sc != script && (sc != Script::other || script != Script::other) && cp != 0x30FC) break;
          script = sc;
          letter = true;
          if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) ++upper;
          else if (cat == UTF8PROC_CATEGORY_LL) ++lower;
          else ++caseless;
          low = (cls & kCpHasLower) ? utf8proc_tolower(cp) : cp;
        } else if (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ND) {
          if (first && cat != UTF8PROC_CATEGORY_ND) break;
          low = cp;
        } else {
          break;
        }
      }
      if (letter) {
        if (low == last) {
          if (++run >= 3) {
            elongated = true;
            j += len;
            first = false;
            continue;  // cut the run at two
          }
        } else {
          last = low;
          run = 1;
        }
      } else {
        last = -1;
        run = 0;
      }
      if (low < 0x80) norm[n++] = static_cast<char>(low);
      else n += encode_utf8(low, norm + n);
      j += len;
      first = false;
    }
    int letters = upper + lower + caseless;
    if (j == i + skip || (kind == TokenKind::hashtag && letters == 0)) return 0;
    emit(i, j, kind, upper >= 2 && lower == 0 && caseless == 0, elongated, norm, n, buf_.size());
    return j;
  }

#if defined(__SSE2__)
  // Most words are a short run of ASCII letters ("Great", "the", "WORST") followed by a space or sentence
  // punctuation. Such a word is settled from one 16-byte load: its extent, its norm (the bytes with 0x20
  // set), ALL CAPS, and that no letter appears three times in a row. Anything else -- a run of 16 letters
  // or more, an elongation to cut, a digit, joiner ('-', '\'', '_') or non-ASCII byte after the run, or no
  // letter at j at all -- returns end 0 and the general loop below takes the word from its start, so
  // the tokens are exactly those of that loop. The norm is left in ascii_norm_ + off.
  struct AsciiWord {
    std::size_t end;
    unsigned off;
    bool all_caps;
  };
  AsciiWord ascii_word(std::size_t j) {
    const std::size_t size = s_.size();
    if (j >= size) return {0, 0, false};
    const auto* src = reinterpret_cast<const unsigned char*>(s_.data());
    __m128i v;
    unsigned off = 0;  // the word starts at byte `off` of v
    if (j + 16 <= size) {
      v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + j));
    } else if (size >= 16) {
      // The text's last 16 bytes, rather than a copy into a zeroed buffer (see ascii_block.h); the masks
      // are shifted so bit 0 is byte j, and the bits past the text's end come out zero.
      v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + size - 16));
      off = static_cast<unsigned>(j + 16 - size);
    } else {
      alignas(16) unsigned char tmp[16] = {};
      std::memcpy(tmp, src + j, size - j);
      v = _mm_load_si128(reinterpret_cast<const __m128i*>(tmp));
    }
    const std::uint32_t lower = ascii_block::in_range(v, 'a', 'z') >> off;
    const std::uint32_t upper = ascii_block::in_range(v, 'A', 'Z') >> off;
    const std::uint32_t r = static_cast<std::uint32_t>(std::countr_zero(~(lower | upper)));
    if (r == 0 || r >= 16) return {0, 0, false};
    const std::size_t end = j + r;
    if (end < size) {
      const unsigned char t = src[end];
      if (t >= 0x80 || (kAscii[t] & (kWordInner | kDigit))) return {0, 0, false};
    }
    const std::uint32_t in_run = (1u << r) - 1;
    // Byte k equal to byte k-1 after lower-casing; bit 0 (the byte before the word) does not count, as
    // the general loop starts each word with an empty run.
    const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
    const std::uint32_t same =
        (static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(folded, _mm_slli_si128(folded, 1)))) >> off) &
        ~1u;
    if (same & (same << 1) & in_run) return {0, 0, false};
    _mm_store_si128(reinterpret_cast<__m128i*>(ascii_norm_), folded);
    return {end, off, (lower & in_run) == 0 && std::popcount(upper & in_run) >= 2};
  }
#endif

  // The length r (1..8) of the run of ASCII lower-case letters starting at p[0] (a lower-case letter) when
  // copying all r bytes unchanged is exactly what the byte loop in word() would do: p[0] does not repeat
  // `last` (the previous letter) and no letter of the run equals the two before it (no elongation cut).
  // 0 otherwise, and always on big-endian hosts, where the byte loop takes over.
  static std::size_t lower_run(const char* p, std::int32_t last) {
    if constexpr (std::endian::native != std::endian::little) return 0;
    if (static_cast<unsigned char>(p[0]) == last) return 0;
    constexpr std::uint64_t k80 = 0x8080808080808080ULL, k7f = 0x7F7F7F7F7F7F7F7FULL;
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    // Per byte b: bit 7 set when 'a' <= b <= 'z'. (b | 0x80) - 0x61 has bit 7 set iff b >= 0x61, and no
    // byte borrows from the next since (b | 0x80) >= 0x80.
    const std::uint64_t ge_a = ((w | k80) - 0x6161616161616161ULL) & k80;
    const std::uint64_t gt_z = ((w | k80) - 0x7B7B7B7B7B7B7B7BULL) & k80;
    const std::uint64_t lower = ge_a & ~gt_z & ~w & k80;
    const std::size_t r = static_cast<std::size_t>(std::countr_zero(~lower & k80)) >> 3;  // 8 if all
    // Byte k equal to byte k-1: a zero byte of w ^ (w << 8), found exactly (no carries between bytes).
    const std::uint64_t x = w ^ (w << 8);
    const std::uint64_t eq_prev = ~(((x & k7f) + k7f) | x | k7f);
    const std::uint64_t triple = eq_prev & (eq_prev << 8);
    const std::uint64_t in_run = r == 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * r)) - 1;
    return (triple & in_run) ? 0 : r;
  }

  bool word_continues(std::size_t j) const {
    unsigned char c = static_cast<unsigned char>(s_[j]);
    if (c < 0x80) return is_ascii_alnum(c);
    Cp d = decode(s_, j);
    auto cat = category(d.cp);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
  }

  // Punctuation and symbols: runs of '!', '?' or '.' stay one token ("!!!", "...") so emphasis can be
  // counted; anything else is one grapheme per token.
  std::size_t punct(std::size_t i) {
    unsigned char c = static_cast<unsigned char>(s_[i]);
    std::size_t j;
    if (c == '!' || c == '?' || c == '.') {
      j = i + 1;
      while (j < s_.size() && static_cast<unsigned char>(s_[j]) == c) ++j;
    } else if (c < 0x80) {
      j = i + 1;
    } else {
      j = grapheme_end(i);
    }
    return emit_simple(i, j, TokenKind::punct);
  }

  Tokenized& out_;
  const std::string& s_;
  const EmoticonSet& em_;
  const std::uint8_t* bmp_;  // bmp_class_table()
  std::string& buf_;         // scratch for norm, 2 * text size + 16 bytes
#if defined(__SSE2__)
  // ascii_word()'s lower-cased bytes in the first 16; a norm starts at offset 0-15 and emit() reads
  // 15 bytes from there, so the rest is padding (zeroed, so every byte read is initialised).
  alignas(16) char ascii_norm_[32] = {};
#endif
  std::size_t at_pos_ = std::string::npos;  // first '@' at or after the last email_possible() position
  std::size_t at_run_ = std::string::npos;  // start of the local-part run ending at at_pos_
};

}  // namespace

void tokenize(std::string_view utf8, Tokenized& out) {
  normalize_nfc(utf8, out.text);
  out.tokens.clear();
  // About one token per five bytes of social text; reserving once avoids regrowth on most posts.
  out.tokens.reserve(out.text.size() / 5 + 4);
  // Per thread, so tokenize stays safe to call from many threads and allocates no scratch per post.
  thread_local std::string buf;
  Scanner(out, buf).run();
}

Tokenized tokenize(std::string_view utf8) {
  Tokenized out;
  tokenize(utf8, out);
  return out;
}

}  // namespace parley::text
