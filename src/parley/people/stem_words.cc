#include "parley/people/stem_words.h"

#include <utf8proc.h>

#include <cstdlib>

namespace parley::people {

namespace {

bool is_letter_or_digit(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
      return true;
    default:
      return false;
  }
}

// Decodes one code point; an invalid byte decodes as U+FFFD and advances one byte so bad input cannot stall.
utf8proc_int32_t next_cp(std::string_view s, std::size_t i, std::size_t& len) {
  utf8proc_int32_t cp = -1;
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                            static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
  if (n <= 0) { len = 1; return 0xFFFD; }
  len = static_cast<std::size_t>(n);
  return cp;
}

std::string casefold(std::string_view s) {
  utf8proc_uint8_t* out = nullptr;
  auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()),
                        &out, static_cast<utf8proc_option_t>(UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE));
  if (n < 0 || !out) return std::string(s);
  std::string r(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return r;
}

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

bool has_vowel(std::string_view s) {
  for (char c : s)
    if (is_vowel(c)) return true;
  return false;
}

bool ascii_word(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

}  // namespace

std::string light_stem(std::string_view folded_word) {
  std::string w(folded_word);
  // Possessives: "customer's" and "customers’" are the customer.
  if (ends_with(w, "'s")) w.erase(w.size() - 2);
  else if (ends_with(w, "\xE2\x80\x99s")) w.erase(w.size() - 4);
  // Only English morphology is known; other words keep their folded form, which still matches exactly.
  if (w.size() < 3 || !ascii_word(w)) return w;
  // British spellings onto one form (both sides go through here, so only the merging matters).
  for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"isation", "ization"},
                          {"isations", "izations"}, {"ising", "izing"}, {"ised", "ized"}, {"ises", "izes"},
                          {"yse", "yze"}, {"ysing", "yzing"}, {"ysed", "yzed"}, {"yses", "yzes"}, {"ise", "ize"}}) {
    if (w.size() > from.size() + 2 && ends_with(w, from)) {
      w.replace(w.size() - from.size(), from.size(), to);
      break;
    }
  }
  if (w.size() >= 6 && ends_with(w, "our") && !is_vowel(w[w.size() - 4])) w.erase(w.size() - 2, 1);  // colour
  if (w.size() >= 8 && ends_with(w, "iour")) w.erase(w.size() - 2, 1);                                // behaviour
  // Plurals and third person.
  if (ends_with(w, "ies") && w.size() > 4) w.replace(w.size() - 3, 3, "y");
  else if (ends_with(w, "sses")) w.erase(w.size() - 2);
  else if (ends_with(w, "s") && w.size() > 3 && !ends_with(w, "ss") && !ends_with(w, "us") && !ends_with(w, "is"))
    w.pop_back();
  // -ing and -ed, only when what is left still has a vowel ("sing", "red" stay).
  bool stripped = false;
  if (ends_with(w, "ing") && w.size() >= 5 && has_vowel(std::string_view(w).substr(0, w.size() - 3))) {
    w.erase(w.size() - 3);
    stripped = true;
  } else if (ends_with(w, "ied") && w.size() > 4) {
    w.replace(w.size() - 3, 3, "y");
  } else if (ends_with(w, "ed") && !ends_with(w, "eed") && w.size() >= 4 &&
             has_vowel(std::string_view(w).substr(0, w.size() - 2))) {
    w.erase(w.size() - 2);
    stripped = true;
  }
  // "using" -> "us": too short to be a stem of its own, the base form had a silent e ("use").
  if (stripped && w.size() == 2) w.push_back('e');
  // "planning" -> "plann" -> "plan"; but "installing" keeps "install" (l, s, z, f double in the base form).
  if (stripped && w.size() >= 4 && w.back() == w[w.size() - 2] && !is_vowel(w.back()) && w.back() != 'l' &&
      w.back() != 's' && w.back() != 'z' && w.back() != 'f')
    w.pop_back();
  // Silent final e, so "manage" and "manag(ing)" meet.
  if (w.size() > 3 && w.back() == 'e' && !is_vowel(w[w.size() - 2])) w.pop_back();
  return w;
}

std::vector<Word> split_words(std::string_view text) {
  std::vector<Word> out;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    std::size_t len;
    auto cp = next_cp(text, i, len);
    if (!is_letter_or_digit(cp)) { i += len; continue; }
    const std::size_t begin = i;
    i += len;
    bool last_letter = true;
    while (i < n) {
      std::size_t l2;
      auto c2 = next_cp(text, i, l2);
      if (is_letter_or_digit(c2)) { i += l2; last_letter = true; continue; }
      // Joiners inside a word: ' ’ - followed by a letter or digit.
      if ((c2 == '\'' || c2 == 0x2019 || c2 == '-') && last_letter && i + l2 < n) {
        std::size_t l3;
        auto c3 = next_cp(text, i + l2, l3);
        if (is_letter_or_digit(c3)) { i += l2 + l3; continue; }
      }
      break;
    }
    // "C++", "C#": the symbols belong to the word when nothing word-like follows them.
    std::size_t j = i;
    while (j < n && (text[j] == '+' || text[j] == '#') && j - i < 2) ++j;
    if (j > i) {
      bool word_after = false;
      if (j < n) {
        std::size_t l4;
        word_after = is_letter_or_digit(next_cp(text, j, l4));
      }
      if (!word_after) i = j;
    }
    Word w;
    w.folded = casefold(text.substr(begin, i - begin));
    w.stem = light_stem(w.folded);
    w.begin = static_cast<std::uint32_t>(begin);
    w.end = static_cast<std::uint32_t>(i);
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace parley::people
