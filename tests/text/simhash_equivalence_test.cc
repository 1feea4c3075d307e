// hash64() and simhash() against straightforward reference versions (memcpy for a word's last bytes, one
// counter per bit): stored hashes must not change. Covers every tail length, posts of 0 to 600 counted
// words (the vote counts change representation at 255), and the tokens simhash() skips.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "parley/text/simhash.h"

namespace parley::text {
namespace {

std::uint64_t reference_hash64(std::string_view s, std::uint64_t seed = 0) {
  std::uint64_t h = mix64(seed ^ (s.size() * 0x9e3779b97f4a7c15ull));
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = mix64(h ^ w);
  }
  if (i < s.size()) {
    std::uint64_t w = 0;
    std::memcpy(&w, s.data() + i, s.size() - i);
    h = mix64(h ^ w ^ 0xff51afd7ed558ccdull);
  }
  return h;
}

std::uint64_t reference_simhash(const Tokenized& t) {
  static_assert(kShingle == 1, "the reference votes one word per shingle");
  int counts[64] = {};
  std::uint64_t n = 0;
  for (const auto& tok : t.tokens) {
    if (tok.kind != TokenKind::word && tok.kind != TokenKind::number && tok.kind != TokenKind::hashtag) continue;
    if (tok.kind == TokenKind::word && tok.norm == "rt") continue;
    const std::uint64_t f = mix64(reference_hash64(tok.norm));
    for (int b = 0; b < 64; ++b) counts[b] += static_cast<int>((f >> b) & 1);
    ++n;
  }
  std::uint64_t r = 0;
  for (int b = 0; b < 64; ++b)
    if (2 * static_cast<std::uint64_t>(counts[b]) > n) r |= 1ull << b;
  return r;
}

TEST(SimHashEquivalence, Hash64OfEveryLength) {
  std::mt19937_64 rng(5);
  for (std::size_t len = 0; len <= 48; ++len)
    for (int k = 0; k < 200; ++k) {
      std::string s(len, '\0');
      for (auto& c : s) c = static_cast<char>(rng());
      const std::uint64_t seed = k % 3 ? 0 : rng();
      ASSERT_EQ(hash64(s, seed), reference_hash64(s, seed)) << len;
      // A view into the middle of a longer buffer: the tail loads must not depend on what lies around it.
      std::string padded = "xyz" + s + "abcdefgh";
      ASSERT_EQ(hash64(std::string_view(padded).substr(3, len), seed), reference_hash64(s, seed));
    }
}

TEST(SimHashEquivalence, SimHashOfGeneratedPosts) {
  const std::vector<std::string> words = {"rt", "RT", "northwind", "fiber", "down", "a", "I", "störung", "光回線",
                                          "x", "supercalifragilistic", "12345678", "", "😂", "the", "app"};
  const TokenKind kinds[] = {TokenKind::word, TokenKind::word, TokenKind::word, TokenKind::number,
                             TokenKind::hashtag, TokenKind::mention, TokenKind::url, TokenKind::emoji,
                             TokenKind::punct, TokenKind::email, TokenKind::emoticon};
  std::mt19937 rng(17);
  for (int k = 0; k < 20000; ++k) {
    Tokenized t;
    const std::size_t n = k < 18000 ? rng() % 40 : rng() % 600;
    for (std::size_t i = 0; i < n; ++i) {
      Token tok;
      tok.kind = kinds[rng() % std::size(kinds)];
      tok.norm = words[rng() % words.size()];
      if (rng() % 4 == 0) tok.norm += std::to_string(rng() % 1000);
      t.tokens.push_back(tok);
    }
    ASSERT_EQ(simhash(t), reference_simhash(t)) << n;
  }
  // All 64 votes tied or just over, at the representation change.
  for (std::size_t n : {253u, 254u, 255u, 256u, 257u, 509u, 510u, 511u}) {
    Tokenized t;
    for (std::size_t i = 0; i < n; ++i) {
      Token tok;
      tok.norm = i % 2 ? "a" : "b";
      t.tokens.push_back(tok);
    }
    ASSERT_EQ(simhash(t), reference_simhash(t)) << n;
  }
}

// simhash() reads a norm of up to 16 bytes as two fixed 8-byte loads from the string's own buffer and masks
// off what lies past its end: every length 0 to 24, in heap buffers with leftover bytes after the norm (a
// long string cut short) and in the in-object buffer after a longer short string, one word per post so
// the simhash is the word's feature hash itself.
TEST(SimHashEquivalence, NormBuffersWithLeftoverBytes) {
  std::mt19937_64 rng(11);
  for (std::size_t len = 0; len <= 24; ++len)
    for (int k = 0; k < 300; ++k) {
      std::string word(len, '\0');
      for (auto& c : word) c = static_cast<char>(rng());
      Tokenized t;
      Token tok;
      tok.norm.assign(k % 2 ? 40 : 15, static_cast<char>(rng() | 1));
      tok.norm.assign(word);
      t.tokens.push_back(tok);
      t.tokens.back().norm.assign(k % 2 ? 40 : 15, static_cast<char>(rng() | 1));  // the copy's own buffer
      t.tokens.back().norm.assign(word);
      ASSERT_EQ(simhash(t), reference_simhash(t)) << len;
      if (!word.empty() && word != "rt") {
        ASSERT_EQ(simhash(t), mix64(reference_hash64(word))) << len;
      }
    }
}

}  // namespace
}  // namespace parley::text
