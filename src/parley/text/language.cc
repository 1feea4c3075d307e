#include "parley/text/language.h"

#include "parley/text/language_evidence.h"

#include <cstdio>  // compact_lang_det.h uses FILE without including it
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <algorithm>
#include <string>

namespace parley::text {

using namespace language_detail;

namespace {

// The language tag's primary subtag ("pt" of "pt-BR"), lower-cased (ASCII).
std::string primary_subtag(std::string_view tag) {
  std::string r(tag.substr(0, tag.find_first_of("-_")));
  for (auto& c : r) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return r;
}

// primary_subtag(tag) == code, without building the string.
bool subtag_is(std::string_view tag, std::string_view code) {
  const std::size_t end = std::min(tag.find_first_of("-_"), tag.size());
  if (end != code.size()) return false;
  for (std::size_t k = 0; k < end; ++k) {
    auto c = static_cast<unsigned char>(tag[k]);
    if (static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c) != code[k]) return false;
  }
  return true;
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

// CLD2::GetLanguageFromName(subtag), remembered per thread: it binary-searches CLD2's name and code
// tables with strcmp (~40 calls) on every CLD2 call, and a source's hints are a handful of codes.
CLD2::Language language_from_name(const std::string& subtag) {
  struct Entry {
    std::string name;
    CLD2::Language lang;
  };
  thread_local Entry cache[8];
  thread_local unsigned filled = 0, next = 0;
  for (unsigned k = 0; k < filled; ++k)
    if (cache[k].name == subtag) return cache[k].lang;
  const CLD2::Language lang = CLD2::GetLanguageFromName(subtag.c_str());
  Entry& e = cache[next];
  next = (next + 1) % 8;
  if (filled < 8) ++filled;
  e.name = subtag;
  e.lang = lang;
  return lang;
}

std::string run_cld2(const std::string& cleaned, std::string_view hint) {
  std::string h = primary_subtag(hint);
  CLD2::CLDHints hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  if (!h.empty()) {
    hints.content_language_hint = h.c_str();
    hints.language_hint = language_from_name(h);
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

std::string run_cld2_on(std::string_view utf8_text, std::string_view hint) {
  thread_local std::string cleaned;
  strip_handles(utf8_text, cleaned);
  return run_cld2(cleaned, hint);
}

// Below this many letters (CJK characters count as three, as CLD2 counts bytes) nothing is reliable.
constexpr int kMinLetters = 8;

}  // namespace

std::string detect_language_cld2(std::string_view utf8_text, std::string_view hint) {
  return run_cld2_on(utf8_text, hint);
}

std::string detect_language(std::string_view utf8_text, std::string_view hint) {
  // One pass over the text itself, skipping handles and URLs in place: the cleaned copy is only made when
  // CLD2 has to look at it.
  const LanguageEvidence ev = gather_evidence(utf8_text);
  const auto& letters = ev.letters;
  const auto& hits = ev.hits;

  // The maxima below keep the leading count in a register: reading letters[top] back made each step wait
  // for the load the step before chose.
  int total = 0, top = latin, top_letters = letters[latin];
  for (int s = 0; s < kScripts; ++s) {
    total += letters[s];
    if (letters[s] > top_letters) {
      top = s;
      top_letters = letters[s];
    }
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
      int best = 0, second = -1, b = hits[0], s = 0;  // b = hits[best], s = hits[second]
      for (int v = 1; v < kVotes; ++v) {
        if (hits[v] > b) {
          second = best;
          s = b;
          best = v;
          b = hits[v];
        } else if (second < 0 || hits[v] > s) {
          second = v;
          s = hits[v];
        }
      }
      // A clear vote: at least two function words of one language and more than twice as many as any other.
      if (b >= 2 && b > 2 * s) return kVoteCode[best];
      // A single function word decides only when the source says the same language.
      if (b >= 1 && s == 0 && subtag_is(hint, kVoteCode[best])) return kVoteCode[best];
      break;
    }
    default: break;
  }
  return run_cld2_on(utf8_text, hint);
}

}  // namespace parley::text
