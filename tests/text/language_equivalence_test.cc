// The word-at-a-time language front door against the byte loop it replaced (kept verbatim in
// language_reference.inc): the counts it decides from (letters per script, function-word hits per
// language) must be the same on every input, and so must detect_language's answer, with and without a
// source hint. Inputs: the real airline tweets, generated mixes of every path the scanner has (ASCII words
// and function words of the seven languages in any case, accented Latin, Cyrillic, Arabic, Greek, Hebrew,
// Thai, Hangul, kana, Han, emoji sequences, @mentions, #hashtags and URLs, both apostrophes, words longer
// than the word buffer and than a 64-byte block, digits, whitespace of every kind, invalid UTF-8), every
// position of a special byte around the block boundaries, and every code point in a few contexts.
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "language_reference.inc"
#include "parley/text/language.h"
#include "parley/text/language_evidence.h"
#include "parley/text/language_votes.h"
#include "corpus_texts.h"

namespace parley::text {
namespace {

using language_detail::gather_evidence;
using language_detail::LanguageEvidence;

std::string utf8(std::int32_t cp) {
  char buf[4];
  auto n = utf8proc_encode_char(cp, reinterpret_cast<utf8proc_uint8_t*>(buf));
  return std::string(buf, static_cast<std::size_t>(n));
}

std::string show(const LanguageEvidence& e) {
  std::string s = "letters";
  for (int x : e.letters) s += " " + std::to_string(x);
  s += " hits";
  for (int x : e.hits) s += " " + std::to_string(x);
  return s;
}

// Empty when the new front door counts what the reference counts, else both counts.
std::string evidence_diff(std::string_view in) {
  const LanguageEvidence a = gather_evidence(in), b = reference::gather_evidence_reference(in);
  if (a == b) return {};
  return "new " + show(a) + " | reference " + show(b);
}

const char* const kHints[] = {"", "en", "pt-BR", "ES", "de_DE", "fr", "it-IT", "nl", "ru", "xx", "zh-Hant", "-"};

// The real customer tweets (eval-only data, read in place), text column; quoted fields may span lines.
std::vector<std::string> airline_tweets() {
  std::ifstream in(std::string(PARLEY_SHARED_DATA) + "/airline-tweets/Tweets.csv", std::ios::binary);
  std::vector<std::string> texts;
  if (!in) return texts;
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> row;
  std::string cur;
  bool quoted = false, header = true;
  for (std::size_t pos = 0; pos < all.size(); ++pos) {
    char ch = all[pos];
    if (quoted) {
      if (ch == '"' && pos + 1 < all.size() && all[pos + 1] == '"') { cur += '"'; ++pos; }
      else if (ch == '"') quoted = false;
      else cur += ch;
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      row.push_back(cur);
      cur.clear();
    } else if (ch == '\n') {
      row.push_back(cur);
      cur.clear();
      if (!header && row.size() > 10) texts.push_back(row[10]);
      header = false;
      row.clear();
    } else if (ch != '\r') {
      cur += ch;
    }
  }
  return texts;
}

TEST(LanguageEquivalence, AirlineTweets) {
  const auto texts = airline_tweets();
  if (texts.empty()) GTEST_SKIP() << "shared data not available";
  ASSERT_GT(texts.size(), 14000u);
  std::size_t k = 0;
  for (const auto& t : texts) {
    ASSERT_EQ(evidence_diff(t), "") << t;
    const char* hint = kHints[k++ % std::size(kHints)];
    ASSERT_EQ(detect_language(t, hint), reference::detect_language_reference(t, hint)) << t << " hint " << hint;
  }
}

const std::vector<std::string>& fragments() {
  static const std::vector<std::string> f = {
      // function words of every list, in several cases, and near misses
      "the", "The", "THE", "and", "is", "you", "don't", "DON'T", "it's", "i'm", "i've", "can't", "won't", "don’t",
      "it’s", "customer", "Customer", "customers", "flight", "service", "please", "thanks", "hours", "help",
      "el", "los", "las", "y", "está", "ESTÁ", "más", "qué", "también", "él", "servicio", "gracias", "porque",
      "não", "NÃO", "é", "É", "você", "já", "olá", "serviço", "SERVIÇO", "obrigado", "obrigada", "minha",
      "der", "die", "das", "für", "FÜR", "nicht", "danke", "warum", "schon", "sie",
      "le", "les", "très", "ça", "ÇA", "c'est", "c’est", "j'ai", "J’AI", "pourquoi", "toujours", "merci",
      "il", "gli", "è", "È", "perché", "grazie", "ciao", "della",
      "het", "een", "niet", "bedankt", "vandaag", "jullie", "zijn",
      "de", "a", "no", "que", "en", "es", "is", "un", "os", "o", "se",
      "x", "Z", "ab", "hello", "World", "Internet", "klantenservice", "Störung", "Fußball", "Verspätung",
      "Straße", "İstanbul", "ıi", "ǅemal", "Ǆ", "ẞ", "Ẽxtra", "ỹ", "ĳ", "œuvre", "Œ", "ÆØÅ", "ſ",
      // other scripts
      "привет", "ПРИВЕТ", "Москва", "مرحبا", "الإنترنت", "مَرْحَبًا", "Αθήνα", "ΑΘΗΝΑ", "שלום", "สวัสดี",
      "გამარჯობა", "Բարեւ", "안녕하세요", "한국어", "ひらがな", "カタカナ", "ｶﾀｶﾅ", "東京", "中文", "漢字",
      "\xF0\xA0\x80\x80", "ℌ", "ǂ", "ʃ", "ɐ", "ᵃ", "ﬁ",
      // emoji and symbols
      "😂", "😂😂", "👍🏽", "🧑‍🤝‍🧑", "🤷‍♀️", "🇯🇵", "❤️", "✨", "™", "©", "…", "“", "”", "’", "‘", "«", "»", "¿", "¡",
      "\xE2\x80\x8D", "\xEF\xB8\x8F", "\xC2\xA0", "\xE3\x80\x80", "\xE2\x80\x8B",
      // handles, tags, URLs and things that are not quite
      "@NorthwindHelp", "@bob", "@", "@@", "@ ", "#fail", "#", "##tag", "#straße", "mail@host", "C#", "a#b",
      "http://t.co/abc", "https://example.com/some/path?q=the+and", "Http://x.y", "HTTP://X.Y", "http:/x",
      "https:", "http", "https//x", "www.example.com", "WWW.EXAMPLE.COM", "Www.x.org", "www", "wwwx", "www.",
      "xhttp://y", "5http://y", "@http://x", "#www.x",
      // apostrophes, digits, punctuation, whitespace
      "'", "''", "'the", "the'", "o'clock", "rock'n'roll", "’", "’the", "the’", "2nd", "5pm", "3.14", "42",
      "1,000", "12:30", "a1b", "1a", ".", ",", "!", "?", "...", "-", "_", "(", ")", "\"", "&", ";", ":",
      " ", "  ", "\t", "\n", "\r\n", "\v", "\f", "\x01", "\x7F", std::string(1, '\0'),
      // long words: past the 24-byte buffer, and past a 64-byte block
      std::string(23, 'a'), std::string(24, 'a'), std::string(25, 'b'), std::string(63, 'c'), std::string(64, 'd'),
      std::string(65, 'E'), std::string(130, 'f'), "ééééééééééééé", "aaaaaaaaaaaaaaaaaaaaaaé", "aaaaaaaaaaaaaaaaaaaaaaaa’",
      "aaaaaaaaaaaaaaaaaaaaaaaa'b", "aaaaaaaaaaaaaaaaaaaaaaaæ",
      // invalid UTF-8: stray and truncated bytes, overlong forms, surrogates, out of range
      "\xFF", "\x80", "\xBF", "\xC3", "\xC3(", "\xE2\x82", "\xF0\x9F\x98", "\xC0\x80", "\xC1\x81", "\xC1\xA1",
      "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF8\x88\x80\x80\x80", "\xC3\x41", "\xE2\x80", "\xE2\x80\x99\x80"};
  return f;
}

using test_texts::next;

const std::vector<std::string>& separators() {
  static const std::vector<std::string> sep = {" ", " ", " ", "", ", ", ". ", "\n", "\t", "  ", "!", "?", "'",
                                               "’", "-", "/", ":", "\"", "(", "😂", "@", "#", "1"};
  return sep;
}

std::string random_text(std::uint64_t& seed, std::size_t max_parts) {
  const auto& f = fragments();
  const auto& sep = separators();
  std::string t;
  const std::size_t parts = next(seed) % (max_parts + 1);
  for (std::size_t k = 0; k < parts; ++k) {
    if (k) t += sep[next(seed) % sep.size()];
    t += f[next(seed) % f.size()];
  }
  return t;
}

TEST(LanguageEquivalence, EdgeInputs) {
  for (const char* t : {"", " ", "  ", "\t\n", "\n", "            ", "                                        "}) {
    EXPECT_EQ(evidence_diff(t), "") << t;
    EXPECT_EQ(detect_language(t), reference::detect_language_reference(t, "")) << t;
  }
  EXPECT_EQ(evidence_diff(std::string(200, ' ')), "");
  EXPECT_EQ(evidence_diff(std::string(1000, '\0')), "");
  for (const auto& f : fragments()) {
    for (const std::string& t : {f, " " + f + " ", "x" + f + "y", f + f, f + " the " + f, "the " + f + " and",
                                 "é" + f + "é", "@" + f, f + "@x", "'" + f + "'", "’" + f + "’", "1" + f + "1"}) {
      EXPECT_EQ(evidence_diff(t), "") << t;
    }
  }
}

TEST(LanguageEquivalence, RandomMixes) {
  std::uint64_t seed = 0x9E3779B97F4A7C15ull;
  for (int k = 0; k < 200000; ++k) {
    const std::string t = random_text(seed, k % 3 == 0 ? 6 : 40);
    ASSERT_EQ(evidence_diff(t), "") << t;
  }
}

// Random bytes over a small alphabet of what matters (letters, handle and URL starts, apostrophes, spaces,
// digits, lead and continuation bytes), so that the odd combinations of invalid UTF-8 come up too.
TEST(LanguageEquivalence, RandomBytes) {
  const std::string alphabet = "abeThtpsw:/.WHw @#'1 \t\n";
  std::uint64_t seed = 0xA0761D6478BD642Full;
  for (int k = 0; k < 100000; ++k) {
    std::string t;
    const std::size_t len = next(seed) % 150;
    for (std::size_t c = 0; c < len; ++c) {
      const std::uint64_t r = next(seed);
      t += (r & 7) == 0 ? static_cast<char>(0x80 + (r >> 8) % 0x80) : alphabet[(r >> 8) % alphabet.size()];
    }
    ASSERT_EQ(evidence_diff(t), "") << t;
  }
}

TEST(LanguageEquivalence, RandomMixesWholeAnswer) {
  std::uint64_t seed = 0xD1B54A32D192ED03ull;
  for (int k = 0; k < 20000; ++k) {
    const std::string t = random_text(seed, k % 3 == 0 ? 6 : 40);
    const char* hint = kHints[next(seed) % std::size(kHints)];
    ASSERT_EQ(detect_language(t, hint), reference::detect_language_reference(t, hint)) << t << " hint " << hint;
    if (k % 10 == 0) {
      ASSERT_EQ(detect_language_cld2(t, hint), reference::detect_language_cld2_reference(t, hint)) << t;
    }
  }
}

// A special byte, a handle, a long word or a function word at every offset across the first block
// boundaries, in texts of every length around them.
TEST(LanguageEquivalence, EveryOffsetAroundTheBlocks) {
  const std::string filler = "the quick brown fox jumps over the lazy dog and then ";
  std::string base;
  while (base.size() < 200) base += filler;
  const char* const inserts[] = {"é", "’s", "'s", "@bob", "#tag", "http://t.co/x", "www.x.y", "😂", "für",
                                 "ok", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                                 "\xC3", "\xF0\x9F", "привет", " ", "don't"};
  for (std::size_t len = 0; len <= 160; ++len) {
    const std::string prefix = base.substr(0, len);
    ASSERT_EQ(evidence_diff(prefix), "") << len;
    for (const char* ins : inserts) {
      ASSERT_EQ(evidence_diff(prefix + ins), "") << len << " " << ins;
      ASSERT_EQ(evidence_diff(prefix + ins + " the and"), "") << len << " " << ins;
      ASSERT_EQ(evidence_diff(prefix + ins + base.substr(len, 40)), "") << len << " " << ins;
      ASSERT_EQ(evidence_diff(std::string(len, 'a') + ins + " is"), "") << len << " " << ins;
      ASSERT_EQ(evidence_diff(std::string(len, ' ') + ins + "the"), "") << len << " " << ins;
    }
  }
}

TEST(LanguageEquivalence, EveryCodePoint) {
  for (std::int32_t cp = 1; cp < 0x110000; ++cp) {
    if (cp >= 0xD800 && cp < 0xE000) continue;  // utf8proc does not encode surrogates; the invalid bytes are above
    const std::string c = utf8(cp);
    ASSERT_EQ(evidence_diff(c), "") << cp;
    ASSERT_EQ(evidence_diff("de" + c + "r " + c + "the" + c), "") << cp;
    if (cp < 0x3000) {
      ASSERT_EQ(evidence_diff("this" + c + " " + c + "ist" + c + " and " + c + c), "") << cp;
    }
  }
}

TEST(LanguageEquivalence, HandleStartsAsBefore) {
  std::uint64_t seed = 12345;
  for (int k = 0; k < 5000; ++k) {
    const std::string t = random_text(seed, 12);
    for (std::size_t i = 0; i < t.size(); ++i)
      ASSERT_EQ(language_detail::handle_at(t, i), reference::handle_at(t, i)) << t << " at " << i;
  }
}

TEST(LanguageEquivalence, StripHandlesAsBefore) {
  std::string out;
  auto check = [&](const std::string& t) {
    language_detail::strip_handles(t, out);
    ASSERT_EQ(out, reference::strip_handles(t)) << t;
  };
  std::uint64_t seed = 4242;
  for (int k = 0; k < 50000; ++k) check(random_text(seed, k % 2 ? 8 : 40));
  const std::string alphabet = "hwHW@#tp:/. x1\n";
  for (int k = 0; k < 50000; ++k) {
    std::string t;
    const std::size_t len = next(seed) % 80;
    for (std::size_t c = 0; c < len; ++c) {
      const std::uint64_t r = next(seed);
      t += (r & 15) == 0 ? static_cast<char>(0x80 + (r >> 8) % 0x80) : alphabet[(r >> 8) % alphabet.size()];
    }
    check(t);
  }
  check("");
  check("http://x");
  check(std::string(40, 'a') + " @b " + std::string(40, 'c') + " https://d.e/f " + std::string(17, 'g'));
}

TEST(LanguageVotes, EveryListedWordFitsAKey) {
  for (const auto& [w, lang] : language_detail::FunctionWords::listed_words())
    EXPECT_LE(w.size(), language_detail::kMaxVoteWord) << w;
}

TEST(LanguageVotes, LookupAnswersAsTheReferenceTable) {
  const auto& table = language_detail::FunctionWords::instance();
  auto check = [&](const std::string& w) {
    const int ref = reference::votes().lookup(w);
    ASSERT_EQ(table.lookup(w), static_cast<unsigned>(ref + 1)) << w;
    if (!w.empty() && w.size() <= language_detail::kMaxVoteWord) {
      ASSERT_EQ(table.lookup(language_detail::word_key(w)), static_cast<unsigned>(ref + 1)) << w;
    }
  };
  int hits = 0;
  for (const auto& [w, lang] : language_detail::FunctionWords::listed_words()) {
    check(w);
    hits += lang >= 0;
    for (std::size_t cut = 0; cut < w.size(); ++cut) check(w.substr(0, cut));
    check(w + "s");
    check(w + w);
    check("x" + w);
  }
  EXPECT_GT(hits, 250);
  check("");
  std::uint64_t seed = 777;
  for (int k = 0; k < 200000; ++k) {
    std::string w;
    const std::size_t len = next(seed) % 10;
    for (std::size_t c = 0; c < len; ++c) w += static_cast<char>('a' + next(seed) % 26);
    check(w);
  }
}

}  // namespace
}  // namespace parley::text
