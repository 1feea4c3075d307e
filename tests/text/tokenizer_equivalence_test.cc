// The fast tokenizer against the reference (the implementation before the speed work, kept verbatim in
// tokenizer_reference.inc): every field of every token must match, on generated social text mixing every
// path the tokenizer has (ASCII, accented Latin, Arabic with and without marks, kana and kanji, emoji
// sequences, emoticons, e-mails, mentions, URLs, elongations, ALL CAPS, invalid bytes), and on every BMP
// code point in a few contexts.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "parley/text/codepoint_class.h"
#include "parley/text/tokenizer.h"
#include "corpus_texts.h"
#include "tokenizer_reference.inc"

namespace parley::text {
namespace {

std::string utf8(std::int32_t cp) {
  char buf[4];
  auto n = utf8proc_encode_char(cp, reinterpret_cast<utf8proc_uint8_t*>(buf));
  return std::string(buf, static_cast<std::size_t>(n));
}

// Empty when equal, else what differs first.
std::string diff(std::string_view in) {
  Tokenized a = tokenize(in);
  Tokenized b = reference::tokenize_reference(in);
  if (a.text != b.text) return "text differs";
  if (a.tokens.size() != b.tokens.size())
    return "token count " + std::to_string(a.tokens.size()) + " vs " + std::to_string(b.tokens.size());
  for (std::size_t k = 0; k < a.tokens.size(); ++k) {
    const Token& x = a.tokens[k];
    const Token& y = b.tokens[k];
    if (x.begin != y.begin || x.end != y.end || x.kind != y.kind || x.all_caps != y.all_caps ||
        x.elongated != y.elongated || x.norm != y.norm)
      return "token " + std::to_string(k) + " '" + std::string(b.raw(y)) + "': norm '" + x.norm + "' vs '" + y.norm +
             "'";
  }
  return {};
}

const std::vector<std::string>& fragments() {
  static const std::vector<std::string> f = {
      "hello", "World", "WORST", "sooooo", "NOOOOO", "gooood", "aaa", "Aaaa", "don't", "isn’t", "y'all", "n't",
      "well-known", "-dash", "trailing-", "snake_case", "_x", "2nd", "5pm", "3.14", "1,000", "12:30", "42",
      "a.b@example.com", "A.B@Example.co.uk", "x@y", "user@host", "@bob", "@Alice_1", "@alice@mastodon.social",
      "@", "@@", "mail@", "#Fail", "#EpicFail", "#straße", "#1", "#_", "C#", "#", "##tag",
      "https://ex.com/a_(b)?q=1.", "http://x.org/path)", "www.foo.org,", "WWW.BAR.COM", "hTTps://x.y/é",
      ":)", ":-D", ";)", ":'(", "xD", "XDD", "<3", "</3", "8-)", "o.O", ":D", ":Data", "(see above):", ")",
      "^_^", "-_-", ":((", "=)", ":P", ":p", ":/", "do:", "8)",
      "1\xEF\xB8\x8F\xE2\x83\xA3", "#\xE2\x83\xA3", "*\xEF\xB8\x8F\xE2\x83\xA3",  // keycaps
      "Straße", "ÉCOLE", "École", "İstanbul", "ǅemal", "Ⱥb", "ẞ", "ΑΘΗΝΑ", "Αθήνα", "ПРИВЕТ", "привет",
      "ß", "ñandú", "coração", "Ölçüm", "ıi", "Ǆ",
      "مرحبا", "أهلا", "إلى", "آمن", "مَرْحَبًا", "ا\xD9\x93", "و\xD9\x94", "؟", "١٢٣", "٪", "ۀ", "ے",
      "東京タワーへ行った", "ｶﾀｶﾅ", "ひらがなカタカナ漢字", "ラーメン", "、", "。", "한국어", "中文",
      "e\xCC\x81", "A\xCC\x8A", "\xCC\x81", "Å",  // combining sequences, angstrom sign
      "👍", "👍🏽", "❤️", "❤", "👩🏽‍💻", "🧑‍🤝‍🧑", "🇪🇸", "🇪", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "😂😂", "☹️", "✨", "™", "©",
      "\xE2\x80\x8D", "\xEF\xB8\x8F", "\xE2\x80\x99", "\xC2\xA0", "\xE3\x80\x80", "\xE2\x80\x8B",
      "\xFF", "\xC3", "\xE2\x82", "\xF0\x9F\x98", "\xC0\x80", "\xED\xA0\x80",  // invalid UTF-8
      "!!!", "?!", "...", "..", "?", "!", ",", ";", "'", "\"", "(", ")", "[", "]", "&", "*", "%", "$", "<", ">",
      "_", "-", "’", "\t", "\n", "\x01", "\x7F"};
  return f;
}

using test_texts::next;

TEST(TokenizerEquivalence, EdgeInputs) {
  EXPECT_EQ(diff(""), "");
  EXPECT_EQ(diff(" "), "");
  for (const auto& f : fragments()) {
    EXPECT_EQ(diff(f), "") << f;
    EXPECT_EQ(diff(" " + f + " "), "") << f;
    EXPECT_EQ(diff("x" + f + "y"), "") << f;
    EXPECT_EQ(diff(f + f), "") << f;
  }
}

TEST(TokenizerEquivalence, GeneratedPosts) {
  const auto& f = fragments();
  const std::string seps[] = {" ", " ", " ", "", ", ", ". ", "! ", "\n", "'", "-", "@", "#", "."};
  std::uint64_t seed = 0x9E3779B97F4A7C15ULL;
  for (int n = 0; n < 30000; ++n) {
    std::string s;
    int parts = static_cast<int>(next(seed) % 40);
    for (int k = 0; k < parts; ++k) {
      s += f[next(seed) % f.size()];
      s += seps[next(seed) % std::size(seps)];
    }
    ASSERT_EQ(diff(s), "") << s;
  }
}

// Lower-case runs are copied eight bytes at a time unless a letter repeats across the boundary or three
// times in a row: words over a two-letter alphabet hit every such case at every offset.
TEST(TokenizerEquivalence, LowerCaseRunsAndElongations) {
  std::uint64_t seed = 42;
  const char alphabet[] = "aabbaAB1'-";
  for (int n = 0; n < 40000; ++n) {
    std::string s(next(seed) % 4, ' ');
    const int words = 1 + static_cast<int>(next(seed) % 3);
    for (int w = 0; w < words; ++w) {
      const std::size_t len = 1 + next(seed) % 24;
      const std::size_t letters = next(seed) % 2 ? 4 : std::size(alphabet) - 1;
      for (std::size_t k = 0; k < len; ++k) s += alphabet[next(seed) % letters];
      s += next(seed) % 2 ? " " : "";
    }
    ASSERT_EQ(diff(s), "") << s;
  }
}

// ASCII words are settled from one 16-byte load when a plain terminator follows them: words of 1-20 letters
// (mixed case, repeats) followed by every ASCII byte and a few non-ASCII ones, at every distance from the
// end of texts shorter and longer than 16 bytes, and as hashtags.
TEST(TokenizerEquivalence, AsciiWordsAtEveryOffset) {
  std::uint64_t seed = 7;
  const char letters[] = "aAbBzZmM";
  std::vector<std::string> after;
  for (int c = 0; c < 128; ++c) after.push_back(std::string(1, static_cast<char>(c)));
  for (const char* t : {"\xC3\xA9", "\xE2\x80\x99", "\xF0\x9F\x91\x8D", "\xCC\x81", "\xD8\xA7", "\xE3\x81\x82", ""})
    after.push_back(t);
  for (int n = 0; n < 20000; ++n) {
    std::string w;
    const std::size_t len = 1 + next(seed) % 20;
    const std::size_t alphabet = next(seed) % 2 ? 2 : std::size(letters) - 1;
    for (std::size_t k = 0; k < len; ++k) w += letters[next(seed) % alphabet];
    const std::string& a = after[next(seed) % after.size()];
    const std::string lead(next(seed) % 20, ' ');
    const std::string tail(next(seed) % 2 ? next(seed) % 20 : 0, 'q');
    const std::string hash = next(seed) % 4 ? "" : "#";
    const std::string s = lead + hash + w + a + (tail.empty() ? "" : " " + tail);
    ASSERT_EQ(diff(s), "") << s;
  }
}

// tokenize(text, out) over one reused Tokenized, long and short posts and NFC-normalised ones in turn,
// gives what tokenize(text) gives.
TEST(TokenizerEquivalence, ReusedOutput) {
  const auto& f = fragments();
  std::uint64_t seed = 11;
  Tokenized reused;
  for (int n = 0; n < 5000; ++n) {
    std::string s;
    const int parts = static_cast<int>(next(seed) % (n % 7 == 0 ? 200 : 20));
    for (int k = 0; k < parts; ++k) s += f[next(seed) % f.size()] + " ";
    tokenize(s, reused);
    const Tokenized fresh = tokenize(s);
    ASSERT_EQ(reused.text, fresh.text) << s;
    ASSERT_EQ(reused.tokens.size(), fresh.tokens.size()) << s;
    for (std::size_t k = 0; k < fresh.tokens.size(); ++k) {
      const Token& x = reused.tokens[k];
      const Token& y = fresh.tokens[k];
      ASSERT_TRUE(x.begin == y.begin && x.end == y.end && x.kind == y.kind && x.all_caps == y.all_caps &&
                  x.elongated == y.elongated && x.norm == y.norm)
          << s << " token " << k;
    }
  }
}

TEST(TokenizerEquivalence, LongText) {
  std::string s;
  for (int k = 0; k < 50; ++k)
    for (const auto& f : fragments()) s += f + (k % 2 ? " " : "");
  EXPECT_EQ(diff(s), "");
}

TEST(TokenizerEquivalence, EveryBmpCodePoint) {
  for (std::int32_t cp = 0x80; cp < 0x10000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const std::string c = utf8(cp);
    for (const std::string& s : {c, "x" + c + "y", c + c + c + c, "#" + c + "a", "Ab" + c, "@" + c, "a@b" + c + ".com"})
      ASSERT_EQ(diff(s), "") << "U+" << std::hex << cp;
  }
}

// The Arabic block is skipped by the NFC pre-check except its marks; every pair within it (where hamza and
// madda compose with alef, waw and yeh) must still normalise exactly as utf8proc does.
TEST(TokenizerEquivalence, ArabicPairsNormalise) {
  for (std::int32_t a = 0x600; a <= 0x6FF; ++a)
    for (std::int32_t b = 0x600; b <= 0x6FF; ++b) {
      const std::string s = utf8(a) + utf8(b);
      ASSERT_EQ(tokenize(s).text, reference::tokenize_reference(s).text) << std::hex << a << " " << b;
    }
}

TEST(CodepointClass, TableMatchesUtf8proc) {
  const std::uint8_t* t = bmp_class_table();
  for (std::int32_t cp = 0; cp < 0x10000; ++cp) {
    ASSERT_EQ(t[cp], compute_cp_class(cp)) << cp;
    ASSERT_EQ(t[cp] & kCpCategoryMask, utf8proc_category(cp));
    ASSERT_EQ((t[cp] & kCpHasLower) != 0, utf8proc_tolower(cp) != cp);
  }
  EXPECT_TRUE(cp_class(t, 0x1F600) & kCpPictographic);  // beyond the table: computed
  EXPECT_FALSE(cp_class(t, 'a') & kCpPictographic);
}

// The tokenizer's norm buffer is twice the text: no code point may grow more than that when lower-cased.
TEST(CodepointClass, LowerCaseAtMostDoublesBytes) {
  for (std::int32_t cp = 0; cp < 0x110000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    ASSERT_LE(utf8(utf8proc_tolower(cp)).size(), 2 * utf8(cp).size()) << cp;
  }
}

}  // namespace
}  // namespace parley::text
