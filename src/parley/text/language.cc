#include "parley/text/language.h"

#include "parley/text/utf8_decode.h"

#include <cstdio>  // compact_lang_det.h uses FILE without including it
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <utf8proc.h>

#include <array>
#include <cstdint>
#include <cstring>

namespace parley::text {

namespace {

inline bool is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
inline bool is_alnum(unsigned char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

// Length of the URL, @mention or #hashtag starting at text[i] (up to the next whitespace), or 0 when none
// starts there. Handles and tags are names, not words of any language, and URLs are mostly English-looking
// path fragments, so the detector skips them.
inline std::size_t handle_at(std::string_view text, std::size_t i) {
  auto c = static_cast<unsigned char>(text[i]);
  const std::size_t n = text.size();
  bool skip = false;
  if (c == '@' || c == '#') skip = i + 1 < n && !is_space(static_cast<unsigned char>(text[i + 1]));
  else if (c == 'h' || c == 'H') skip = text.substr(i, 7) == "http://" || text.substr(i, 8) == "https://";
  else if (c == 'w' || c == 'W') skip = text.substr(i, 4) == "www." || text.substr(i, 4) == "WWW.";
  if (!skip) return 0;
  std::size_t j = i;
  while (j < n && !is_space(static_cast<unsigned char>(text[j]))) ++j;
  return j - i;
}

inline bool may_start_handle(unsigned char c) {
  return c == '@' || c == '#' || c == 'h' || c == 'H' || c == 'w' || c == 'W';
}

// Copies `text` with URLs, @mentions and #hashtags replaced by one space each (what CLD2 is given).
std::string strip_handles(std::string_view text) {
  std::string out;
  out.resize(text.size());  // never longer than the input: a skipped run of >= 2 bytes becomes one space
  char* o = out.data();
  std::size_t i = 0, n = text.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(text[i]);
    if (may_start_handle(c) && (i == 0 || !is_alnum(static_cast<unsigned char>(text[i - 1])))) {
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
  return out;
}

enum Script : int { latin, kana, han, hangul, thai, greek, hebrew, georgian, armenian, other, kScripts };

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

bool is_letter(std::int32_t cp) {
  auto cat = utf8proc_category(cp);
  return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

// Letters and lower-case forms of U+0080..U+024F (Latin-1, Latin Extended-A/B), looked up once: accented
// Latin letters are most of the non-ASCII code points in the posts the vote sees, and two utf8proc calls
// per letter cost more than the rest of the loop. 0 = not a letter.
struct LatinTable {
  std::array<std::int32_t, 0x250> lower{};
  LatinTable() {
    for (std::int32_t cp = 0x80; cp < 0x250; ++cp) lower[static_cast<std::size_t>(cp)] = is_letter(cp) ? utf8proc_tolower(cp) : 0;
  }
};
const LatinTable& latin_table() {
  static const LatinTable t;
  return t;
}

// Function words for the Latin-script vote. Only words that belong to one of the seven languages count
// (shared ones like "de", "a", "no", "que" are dropped when the table is built), so a hit is evidence.
enum Vote : int { v_en, v_es, v_pt, v_de, v_fr, v_it, v_nl, kVotes };
constexpr const char* kVoteCode[kVotes] = {"en", "es", "pt", "de", "fr", "it", "nl"};
constexpr const char* kVoteWords[kVotes] = {
    "the and is are was were to of in for you my i it this that with have has had not on be your we they "
    "at but just why what how can will from been get got so do don't it's i'm i've can't won't our their "
    "there would should an or if all thank thanks please been when still now never any one again about "
    "after hours flight service customer help",
    "el los las y es por con para una muy pero mi se lo su esta está como más hoy ya sin porque también nada "
    "nunca gracias hola qué cuando desde hay tengo del al le otra vez ahora servicio ayuda él yo tu sus",
    "os não em é um uma com para meu minha mas está isso isto você muito já sem porque também nada nunca "
    "obrigado obrigada olá quando desde tem tenho ao pelo pela dos das eu ele ela hoje ainda agora serviço",
    "der die das und ist nicht ich ein eine mit für auf den dem sich es zu von mein meine aber auch noch "
    "schon seit immer wieder kein keine danke bitte warum wie was heute ihr wir sie sind hat habe",
    "le les et est des une du pour avec dans pas ne je il elle nous vous mon ma mes mais très aussi encore "
    "depuis toujours merci bonjour pourquoi comment quand ça c'est au aux sur qui j'ai",
    "il gli è che di per non del della mio mia ma anche sono questo questa perché grazie ciao sempre "
    "ancora oggi molto ho hai nel alla",
    "het een en is niet ik van met voor op dat die mijn maar ook nog geen waarom hoe dank bedankt vandaag "
    "altijd wij jullie zijn heb"};

// A small open-addressing table keyed by the word's bytes: the vote runs on every Latin post, so a
// std::unordered_map's hashing and pointer chasing would cost more than the rest of the front door.
class VoteTable {
 public:
  VoteTable() {
    std::array<std::int8_t, kSlots> owner{};
    owner.fill(-1);
    for (int lang = 0; lang < kVotes; ++lang) {
      std::string_view all(kVoteWords[lang]);
      while (!all.empty()) {
        auto sp = all.find(' ');
        std::string_view w = all.substr(0, sp);
        all = sp == std::string_view::npos ? std::string_view() : all.substr(sp + 1);
        if (w.empty() || w.size() > kMaxWord) continue;
        std::size_t s = find(w);
        if (slots_[s].len == 0) {
          std::memcpy(slots_[s].bytes, w.data(), w.size());
          slots_[s].len = static_cast<std::uint8_t>(w.size());
          slots_[s].lang = static_cast<std::int8_t>(lang);
        } else if (slots_[s].lang != lang) {
          slots_[s].lang = -1;  // shared by two languages: no evidence either way
        }
      }
    }
  }
  // Language of a lower-case word, or -1.
  int lookup(std::string_view w) const {
    if (w.empty() || w.size() > kMaxWord) return -1;
    const Slot& s = slots_[find(w)];
    return s.len ? s.lang : -1;
  }

 private:
  static constexpr std::size_t kSlots = 2048, kMaxWord = 14;
  struct Slot { char bytes[kMaxWord]; std::uint8_t len = 0; std::int8_t lang = -1; };
  std::size_t find(std::string_view w) const {
    std::uint32_t h = 2166136261u;
    for (char c : w) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    std::size_t s = h & (kSlots - 1);
    while (slots_[s].len && !(slots_[s].len == w.size() && std::memcmp(slots_[s].bytes, w.data(), w.size()) == 0))
      s = (s + 1) & (kSlots - 1);
    return s;
  }
  Slot slots_[kSlots];
};

const VoteTable& votes() {
  static const VoteTable t;
  return t;
}

std::string primary_subtag(std::string_view tag) {
  std::string r(tag.substr(0, tag.find_first_of("-_")));
  for (auto& c : r) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return r;
}

// CLD2 codes -> ISO 639-1 where CLD2 keeps an old or Google-specific code.
std::string normalise_code(const char* code) {
  std::string c = primary_subtag(code);
  if (c == "iw") return "he";
  if (c == "jw") return "jv";
  if (c == "in") return "id";
  if (c.empty() || c == "un" || c.starts_with("xx")) return "und";
  return c;
}

std::string run_cld2(const std::string& cleaned, std::string_view hint) {
  std::string h = primary_subtag(hint);
  CLD2::CLDHints hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  if (!h.empty()) {
    hints.content_language_hint = h.c_str();
    hints.language_hint = CLD2::GetLanguageFromName(h.c_str());
  }
  CLD2::Language lang3[3];
  int percent3[3], text_bytes = 0, valid_prefix = 0;
  double score3[3];
  bool reliable = false;
  CLD2::Language lang = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      cleaned.data(), static_cast<int>(cleaned.size()), true, &hints, 0, lang3, percent3, score3, nullptr,
      &text_bytes, &reliable, &valid_prefix);
  if (!reliable || lang == CLD2::UNKNOWN_LANGUAGE) return "und";
  return normalise_code(CLD2::LanguageCode(lang));
}

// Below this many letters (CJK characters count as three, as CLD2 counts bytes) nothing is reliable.
constexpr int kMinLetters = 8;

}  // namespace

std::string detect_language_cld2(std::string_view utf8_text, std::string_view hint) {
  return run_cld2(strip_handles(utf8_text), hint);
}

std::string detect_language(std::string_view utf8_text, std::string_view hint) {
  // One pass over the text itself, skipping handles and URLs in place: the cleaned copy is only made when
  // CLD2 has to look at it.
  const std::string_view cleaned = utf8_text;
  const LatinTable& latin_lower = latin_table();
  std::array<int, kScripts> letters{};
  std::array<int, kVotes> hits{};
  const VoteTable& table = votes();
  char word[24];
  std::size_t wlen = 0;
  bool word_too_long = false;
  // Appends a lower-cased code point to the current word (a word too long for the buffer is no vote).
  auto append_lower = [&](std::int32_t lower) {
    char buf[4];
    const auto bl = static_cast<std::size_t>(utf8proc_encode_char(lower, reinterpret_cast<utf8proc_uint8_t*>(buf)));
    if (wlen + bl <= sizeof word) {
      std::memcpy(word + wlen, buf, bl);
      wlen += bl;
    } else {
      word_too_long = true;
    }
  };
  auto end_word = [&] {
    if (wlen && !word_too_long) {
      int v = table.lookup(std::string_view(word, wlen));
      if (v >= 0) ++hits[v];
    }
    wlen = 0;
    word_too_long = false;
  };
  for (std::size_t i = 0; i < cleaned.size();) {
    auto c = static_cast<unsigned char>(cleaned[i]);
    if (c < 0x80) {
      // Runs of lower-case ASCII letters after a letter or digit are the bulk of Latin text: copy them in
      // one loop. Nothing can start a handle or URL right after an ASCII letter or digit, so the check
      // below is not needed for them.
      if (c >= 'a' && c <= 'z' && i > 0 && is_alnum(static_cast<unsigned char>(cleaned[i - 1]))) {
        std::size_t j = i;
        while (j < cleaned.size() && cleaned[j] >= 'a' && cleaned[j] <= 'z') {
          if (wlen < sizeof word) word[wlen++] = cleaned[j];
          else word_too_long = true;
          ++j;
        }
        letters[latin] += static_cast<int>(j - i);
        i = j;
        continue;
      }
      if (may_start_handle(c) && (i == 0 || !is_alnum(static_cast<unsigned char>(cleaned[i - 1])))) {
        if (std::size_t len = handle_at(cleaned, i)) {  // as if replaced by a space
          end_word();
          i += len;
          continue;
        }
      }
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        ++letters[latin];
        if (wlen < sizeof word) word[wlen++] = static_cast<char>(c | 0x20);
        else word_too_long = true;
      } else if (c == '\'' && wlen) {
        if (wlen < sizeof word) word[wlen++] = '\'';
      } else {
        end_word();
      }
      ++i;
      continue;
    }
    std::int32_t cp;
    int len = decode_utf8(cleaned, i, cp);
    if (cp < 0x250) {  // Latin-1 and Latin Extended: table, same result as the general path below
      if (std::int32_t lower = latin_lower.lower[static_cast<std::size_t>(cp)]) {
        ++letters[latin];
        append_lower(lower);
      } else {
        end_word();
      }
    } else if (cp == 0x2019 && wlen) {  // typographic apostrophe: "don’t" is one word
      if (wlen < sizeof word) word[wlen++] = '\'';
    } else if (is_letter(cp)) {
      Script s = script_of(cp);
      letters[s] += (s == kana || s == han || s == hangul) ? 3 : 1;
      if (s == latin) {
        append_lower(utf8proc_tolower(cp));
      } else {
        end_word();
      }
    } else {
      end_word();
    }
    i += static_cast<std::size_t>(len);
  }
  end_word();

  int total = 0, top = latin;
  for (int s = 0; s < kScripts; ++s) {
    total += letters[s];
    if (letters[s] > letters[top]) top = s;
  }
  if (total < kMinLetters) return "und";
  if (letters[kana] > 0 && (letters[kana] + letters[han]) * 2 >= total) return "ja";
  switch (top) {
    case han: return "zh";
    case hangul: return "ko";
    case thai: return "th";
    case greek: return "el";
    case hebrew: return "he";
    case georgian: return "ka";
    case armenian: return "hy";
    case latin: {
      int best = 0, second = -1;
      for (int v = 1; v < kVotes; ++v) {
        if (hits[v] > hits[best]) { second = best; best = v; }
        else if (second < 0 || hits[v] > hits[second]) second = v;
      }
      int b = hits[best], s = hits[second];
      // A clear vote: at least two function words of one language and more than twice as many as any other.
      if (b >= 2 && b > 2 * s) return kVoteCode[best];
      // A single function word decides only when the source says the same language.
      if (b >= 1 && s == 0 && primary_subtag(hint) == kVoteCode[best]) return kVoteCode[best];
      break;
    }
    default: break;
  }
  return run_cld2(strip_handles(utf8_text), hint);
}

}  // namespace parley::text
