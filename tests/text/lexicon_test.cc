// Lexicon look-ups (the hash table with its L1 pre-filter), EmojiLexicon::find (variant keys built
// without allocation) and the hand-set emoji valences (binary search by code point), each against a
// straightforward reference.
#include "parley/text/lexicon.h"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "parley/text/sentiment_emoji_valence.h"
#include "corpus_texts.h"

namespace parley::text {
namespace {

using test_texts::next;

std::string random_key(std::uint64_t& seed) {
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz' -:)(";
  std::size_t len = next(seed) % 40;  // beyond the 16-byte inline keys too
  std::string k;
  for (std::size_t i = 0; i < len; ++i) k += alphabet[next(seed) % (sizeof alphabet - 1)];
  return k;
}

TEST(Lexicon, FindMatchesAMap) {
  Lexicon lex;
  std::unordered_map<std::string, float> ref;
  std::uint64_t seed = 12345;
  for (int i = 0; i < 20000; ++i) {
    std::string k = random_key(seed);
    float v = static_cast<float>(i);
    lex.upsert(k).valence = v;
    ref[k] = v;
  }
  EXPECT_EQ(lex.size(), ref.size());
  for (const auto& [k, v] : ref) {
    const LexEntry* e = lex.find(k);
    ASSERT_NE(e, nullptr) << k;
    EXPECT_EQ(e->valence, v);
  }
  int present = 0;
  for (int i = 0; i < 200000; ++i) {
    std::string k = random_key(seed);
    const LexEntry* e = lex.find(k);
    auto it = ref.find(k);
    ASSERT_EQ(e != nullptr, it != ref.end()) << k;
    if (e) {
      EXPECT_EQ(e->valence, it->second);
      ++present;
    }
  }
  EXPECT_GT(present, 0);
}

TEST(Lexicon, LoadedWordsAndMisses) {
  Lexicon lex;
  lex.load_vader("good\t1.9\t0.9\t[]\ngrrrr\t-0.4\t0.5\t[]\nfed up\t-1.8\t0.6\t[]\n");
  lex.add_rule_words();
  ASSERT_NE(lex.find("good"), nullptr);
  EXPECT_FLOAT_EQ(lex.find("good")->valence, 1.9f);
  ASSERT_NE(lex.find("grr"), nullptr);  // cut to two
  ASSERT_NE(lex.find("fed up"), nullptr);
  EXPECT_TRUE(lex.find("fed")->flags & kLexMweStart);
  EXPECT_TRUE(lex.find("not")->flags & kLexNegator);
  for (std::string_view miss : {"goo", "goodd", "Good", "", "fed  up", "thisisaverylongwordthatisnotthere"})
    EXPECT_EQ(lex.find(miss), nullptr) << miss;
}

// EmojiLexicon::find before the change: std::string keys.
std::vector<std::string_view> reference_find(const std::unordered_map<std::string, std::string>& m,
                                             const std::string& key) {
  auto hit = [&](const std::string& k) -> std::string { auto it = m.find(k); return it == m.end() ? "" : it->second; };
  if (auto s = hit(key); !s.empty()) return {m.find(key)->first};
  std::string base;
  for (std::size_t i = 0; i < key.size();) {
    if (key.compare(i, 3, "\xEF\xB8\x8F") == 0) {
      i += 3;
      continue;
    }
    if (key.compare(i, 3, "\xF0\x9F\x8F") == 0 && i + 3 < key.size() &&
        static_cast<unsigned char>(key[i + 3]) >= 0xBB && static_cast<unsigned char>(key[i + 3]) <= 0xBF) {
      i += 4;
      continue;
    }
    base.push_back(key[i++]);
  }
  if (base != key && !hit(base).empty()) return {m.find(base)->first};
  if (!hit(base + "\xEF\xB8\x8F").empty()) return {m.find(base + "\xEF\xB8\x8F")->first};
  return {};
}

TEST(EmojiLexicon, FindMatchesReference) {
  const std::vector<std::pair<std::string, std::string>> entries = {
      {"😀", "grinning face"}, {"❤️", "red heart"}, {"👍", "thumbs up"}, {"👩‍💻", "woman technologist"},
      {"☹", "frowning face"}, {"🏳️‍🌈", "rainbow flag"}};
  std::string text;
  std::unordered_map<std::string, std::string> ref;
  for (const auto& [e, d] : entries) {
    text += e + "\t" + d + "\n";
    ref[e] = d;
  }
  Lexicon lex;
  lex.load_vader("happy\t2.7\t0.8\t[]\n");
  EmojiLexicon emo;
  emo.load(text, lex);
  const std::string vs16 = "\xEF\xB8\x8F", tone = "\xF0\x9F\x8F\xBD", zwj = "\xE2\x80\x8D";
  std::vector<std::string> probes = {"", "x", "😀", "😀" + vs16, "😀" + tone, "❤", "❤" + vs16, "❤" + tone + vs16,
                                     "👍" + tone, "👍" + vs16 + tone, "👩" + tone + zwj + "💻", "👩‍💻", "☹" + vs16,
                                     "🏳" + zwj + "🌈", "🏳️‍🌈", "🙂", "\xF0\x9F\x8F", "\xF0\x9F\x8F\xBB",
                                     std::string(200, 'a') + vs16};
  for (const auto& p : probes) {
    auto got = emo.find(p);
    auto want = reference_find(ref, p);
    ASSERT_EQ(got.empty(), want.empty()) << p;
    if (!got.empty()) {
      std::string words;
      for (const auto& w : got) words += std::string(w.text) + " ";
      EXPECT_EQ(words, ref.at(std::string(want[0])) + " ") << p;
    }
  }
}

// The hand-set valences before the change: the first entry that is a prefix decides.
const float* reference_hand(std::string_view raw) {
  for (const auto& ev : hand_emoji_valences())
    if (raw.starts_with(ev.emoji)) {
      std::string_view rest = raw.substr(ev.emoji.size());
      if (rest.empty() || rest.starts_with("\xEF\xB8\x8F") || rest.starts_with("\xF0\x9F\x8F")) return &ev.valence;
      return nullptr;
    }
  return nullptr;
}

TEST(HandEmojiValence, MatchesPrefixScan) {
  std::vector<std::string> probes = {"", "a", "\xF0", "🙂🙂", "🧑‍🤝‍🧑", "👍🏿", "❤️‍🔥", "🇪🇸", "😐", "😶"};
  const std::string suffixes[] = {"", "\xEF\xB8\x8F", "\xF0\x9F\x8F\xBB", "\xE2\x80\x8D\xF0\x9F\x94\xA5", "x"};
  for (const auto& ev : hand_emoji_valences())
    for (const auto& s : suffixes) probes.push_back(std::string(ev.emoji) + s);
  for (const auto& p : probes) {
    const float* a = hand_emoji_valence(p);
    const float* b = reference_hand(p);
    ASSERT_EQ(a != nullptr, b != nullptr) << p;
    if (a) {
      EXPECT_EQ(*a, *b) << p;
    }
  }
}

}  // namespace
}  // namespace parley::text
