// shouting() against the straightforward code point loop it replaced (kept here as the reference): the
// same '!' count and bit-identical caps share on generated texts mixing ASCII words, apostrophes, capitals,
// accented and other-script letters, emoji, invalid UTF-8, and texts longer than one 64-byte block.
#include <gtest/gtest.h>
#include <utf8proc.h>

#include <array>
#include <bit>
#include <random>
#include <string>
#include <vector>

#include "parley/text/urgency.h"

namespace parley::text {
namespace {

Shouting reference_shouting(std::string_view s) {
  auto decode = [&](std::size_t i, std::int32_t& cp) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { cp = c; return 1; }
    int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (len == 1 || i + len > s.size()) { cp = 0xFFFD; return 1; }
    cp = c & (0x3F >> (len - 1));
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    return len;
  };
  Shouting r;
  int letters = 0, caps_letters = 0, word_letters = 0;
  bool word_all_upper = true;
  auto end_word = [&] {
    if (word_letters >= 2 && word_all_upper) caps_letters += word_letters;
    word_letters = 0;
    word_all_upper = true;
  };
  for (std::size_t i = 0; i < s.size();) {
    std::int32_t cp;
    i += static_cast<std::size_t>(decode(i, cp));
    bool upper = false, lower = false;
    if (cp < 0x80) {
      upper = cp >= 'A' && cp <= 'Z';
      lower = cp >= 'a' && cp <= 'z';
      if (cp == '!') ++r.exclamations;
    } else {
      auto cat = utf8proc_category(cp);
      upper = cat == UTF8PROC_CATEGORY_LU;
      lower = cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_LT;
      if (cp == 0xFF01) ++r.exclamations;
    }
    if (upper || lower) {
      ++letters;
      ++word_letters;
      if (lower) word_all_upper = false;
    } else if (cp != '\'') {
      end_word();
    }
  }
  end_word();
  r.caps_share = letters ? static_cast<double>(caps_letters) / letters : 0;
  return r;
}

void expect_same(const std::string& t) {
  const Shouting a = shouting(t), b = reference_shouting(t);
  ASSERT_EQ(a.exclamations, b.exclamations) << t;
  ASSERT_EQ(std::bit_cast<std::uint64_t>(a.caps_share), std::bit_cast<std::uint64_t>(b.caps_share)) << t;
}

TEST(ShoutingEquivalence, SameAsTheCodePointLoop) {
  const std::vector<std::string> pieces = {
      "THIS", "is", "the", "WORST", "I", "a", "OK", "ok", "Ok", "DON'T", "don't", "'", "''", "IT'S", "!", "!!!",
      "ÉCOUTEZ", "écoutez", "STÖRUNG", "Störung", "ПРИВЕТ", "привет", "ΩΜΕΓΑ", "ǅ", "Ǆ", "ß", "ẞ", "ＡＢＣ", "！",
      "光回線", "😂", "👍🏽", "123", "N5", "x1Y", "_", "\t", "\n", "\xFF", "\x80", "\xC3", "\xE0\x41\x42",
      "\xC1\xA1", "\xC0\xA1", "\xF0\x9F", "\xED\xA0\x80", std::string("\0", 1), "https://X.COM/ABC", "#WTF",
      "@NW", "A" , "BB"};
  const std::vector<std::string> seps = {" ", "", "", " ", "  ", ", ", ".", "-", "'", "!", "\xC2\xA0"};
  std::mt19937 rng(42);
  for (int k = 0; k < 30000; ++k) {
    std::string t;
    const std::size_t words = k < 25000 ? rng() % 30 : 200 + rng() % 400;
    for (std::size_t w = 0; w < words; ++w) {
      t += pieces[rng() % pieces.size()];
      t += seps[rng() % seps.size()];
    }
    expect_same(t);
  }
  expect_same("");
}

TEST(ShoutingEquivalence, EveryLengthAroundTheBlockSize) {
  for (std::size_t len = 0; len < 200; ++len)
    for (const char* fill : {"A", "a", "AB ", "Ab'", "É", "!x"}) {
      std::string t;
      while (t.size() < len) t += fill;
      t.resize(len);  // may cut a code point: invalid UTF-8 at the end is fine too
      expect_same(t);
      expect_same(t + "ÉÉ");
      expect_same("é" + t);
    }
}

TEST(ShoutingEquivalence, RandomBytes) {
  std::mt19937 rng(3);
  const std::string alphabet = "aAzZ' !\t\xC3\x89\xC3\xA9\x80\xFF\xE2\x80\x8B";
  for (int k = 0; k < 20000; ++k) {
    std::string t;
    const std::size_t len = rng() % 150;
    for (std::size_t i = 0; i < len; ++i) t.push_back(alphabet[rng() % alphabet.size()]);
    expect_same(t);
  }
}

}  // namespace
}  // namespace parley::text
