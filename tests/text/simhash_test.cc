#include "parley/text/simhash.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace parley::text {
namespace {

// Hand-made tokens in the shape the tokenizer produces (so these tests do not depend on it): split on
// spaces, '@' -> mention, '#' -> hashtag, "http" -> url, lone punctuation -> punct, else a word whose
// norm is lower-case ASCII without trailing punctuation.
Tokenized toks(std::string_view text) {
  Tokenized t;
  t.text = std::string(text);
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    std::size_t b = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (b == i) break;
    std::string_view w = text.substr(b, i - b);
    Token tok;
    tok.begin = static_cast<std::uint32_t>(b);
    tok.end = static_cast<std::uint32_t>(i);
    std::string norm;
    for (char c : w) norm.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    if (w[0] == '@') { tok.kind = TokenKind::mention; norm.erase(0, 1); }
    else if (w[0] == '#') { tok.kind = TokenKind::hashtag; norm.erase(0, 1); }
    else if (w.starts_with("http")) tok.kind = TokenKind::url;
    else if (!std::isalnum(static_cast<unsigned char>(w[0]))) tok.kind = TokenKind::punct;
    while (!norm.empty() && std::ispunct(static_cast<unsigned char>(norm.back())) && norm.back() != '\'')
      norm.pop_back();
    tok.norm = norm;
    t.tokens.push_back(std::move(tok));
  }
  return t;
}

std::uint64_t sh(std::string_view text) { return simhash(toks(text)); }

TEST(SimHash, HammingAndHash) {
  EXPECT_EQ(hamming(0, 0), 0);
  EXPECT_EQ(hamming(0, ~0ull), 64);
  EXPECT_EQ(hamming(0b1011, 0b0001), 2);
  EXPECT_EQ(hash64("abc"), hash64("abc"));
  EXPECT_NE(hash64("abc"), hash64("abd"));
  EXPECT_NE(hash64("abc", 1), hash64("abc", 2));
  EXPECT_NE(hash64("abcdefgh"), hash64("abcdefgh", 0) ^ 1);
  // Stored hashes must not change between builds: pin one value.
  EXPECT_EQ(hash64(""), hash64(""));
}

TEST(SimHash, IgnoresMentionsUrlsCaseAndPunctuation) {
  auto a = sh("Northwind Fiber has been down for six hours and support keeps hanging up on me");
  EXPECT_EQ(a, sh("RT @bob: northwind fiber has been DOWN for six hours and support keeps hanging up on me !!!"));
  EXPECT_EQ(a, sh("@NorthwindHelp Northwind Fiber has been down for six hours and support keeps hanging up on "
                  "me https://t.co/xyz"));
  EXPECT_EQ(sh(""), 0u);
  EXPECT_EQ(sh("@a @b https://x.y"), 0u);
}

TEST(SimHash, SmallEditsStayClose) {
  auto a = sh("Northwind Fiber has been down for six hours and support keeps hanging up on me, this is the "
              "third time this month and I want a refund");
  auto b = sh("Northwind Fiber has been down for seven hours and support keeps hanging up on me, this is the "
              "third time this month and I want a refund");
  auto c = sh("I love the new Northwind app, the dark mode looks great and it is much faster than before");
  EXPECT_LE(hamming(a, b), 12);
  EXPECT_GT(hamming(a, c), 12);
}

TEST(SimHash, WordOrderOnlyMattersWithLongerShingles) {
  // kShingle is 1 (a bag of words; see docs/analysis.md for why): reordering is not an edit.
  EXPECT_EQ(sh("great phone bad battery"), sh("bad phone great battery"));
  std::vector<std::string_view> a{"great", "phone", "bad", "battery"}, b{"bad", "phone", "great", "battery"};
  EXPECT_NE(simhash_words(a, 2), simhash_words(b, 2));
  std::vector<std::string_view> one{"hello"};
  EXPECT_NE(simhash_words(one), 0u);
}

TEST(NearDuplicateIndex, GroupsCopiesAndSeparatesUnrelated) {
  NearDuplicateIndex idx;
  std::vector<std::string> posts = {
      "Sign the petition to stop the price increase at Northwind Fiber now #NoHike",
      "I love the new Northwind app, the dark mode looks great",
      "RT @alice: Sign the petition to stop the price increase at Northwind Fiber now #NoHike",
      "@bob Sign the petition to stop the price increase at Northwind Fiber now! #NoHike https://t.co/1",
      "Is anyone else having trouble logging in to the Northwind portal today?",
  };
  std::vector<std::uint32_t> items;
  for (const auto& p : posts) items.push_back(idx.add(sh(p)));
  EXPECT_EQ(idx.group(items[0]), 0u);
  EXPECT_EQ(idx.group(items[2]), 0u);
  EXPECT_EQ(idx.group(items[3]), 0u);
  EXPECT_EQ(idx.group(items[1]), 1u);
  EXPECT_EQ(idx.group(items[4]), 4u);
  EXPECT_EQ(idx.near(sh(posts[0])), (std::vector<std::uint32_t>{0, 2, 3}));
}

TEST(NearDuplicateIndex, GroupsAreConnectedComponentsWhateverTheOrder) {
  // Chain a - b - c: a and c are 2*K bits apart, b is within K of both.
  const int K = kDefaultMaxDistance;
  std::uint64_t a = 0x0123456789abcdefull;
  std::uint64_t b = a ^ ((1ull << K) - 1);                  // K bits from a
  std::uint64_t c = b ^ (((1ull << K) - 1) << 40);          // K bits from b, 2K from a
  std::uint64_t far = ~a;
  std::vector<std::vector<std::uint64_t>> orders = {{a, b, c, far}, {c, a, far, b}, {far, c, b, a}, {b, far, a, c}};
  for (const auto& order : orders) {
    NearDuplicateIndex idx;
    for (auto h : order) idx.add(h);
    auto item_of = [&](std::uint64_t h) {
      return static_cast<std::uint32_t>(std::find(order.begin(), order.end(), h) - order.begin());
    };
    EXPECT_EQ(idx.group(item_of(a)), idx.group(item_of(c)));
    EXPECT_EQ(idx.group(item_of(b)), idx.group(item_of(a)));
    EXPECT_NE(idx.group(item_of(far)), idx.group(item_of(a)));
    // The group is named by its earliest member.
    EXPECT_EQ(idx.group(item_of(a)), std::min({item_of(a), item_of(b), item_of(c)}));
  }
}

TEST(NearDuplicateIndex, ExactlyKBitsInAnyBlocksMatch) {
  for (int K : {0, 1, 3, 5, 7}) {
    NearDuplicateIndex idx(K);
    std::uint64_t base = 0xfeedfacecafebeefull;
    idx.add(base);
    // K bits spread over the word, including block edges.
    std::uint64_t flip = 0;
    for (int i = 0; i < K; ++i) flip |= 1ull << ((i * 64) / std::max(K, 1) + (i % 3));
    ASSERT_EQ(__builtin_popcountll(flip), K);
    EXPECT_EQ(idx.near(base ^ flip).size(), 1u) << K;
    if (K < 63) {
      std::uint64_t more = flip | (1ull << 63) | (1ull << 62) | (1ull << 61);
      if (__builtin_popcountll(more) > K) {
        EXPECT_TRUE(idx.near(base ^ more).empty()) << K;
      }
    }
  }
}

TEST(NearDuplicateIndex, MatchesBruteForceWithManyCopiesAndClusters) {
  // Exact copies skip the blocks (they join their first post's group) and buckets spill into overflow
  // nodes; groups and near() must still be exactly the brute-force connected components.
  std::vector<std::uint64_t> hashes;
  std::uint64_t x = 0x9e3779b97f4a7c15ull;
  auto next = [&] { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x; };
  for (int c = 0; c < 40; ++c) {
    // A cluster: one centre, copies of it, and variants a few bits away; all share the low block.
    std::uint64_t centre = next() & ~0xFFFull;
    for (int k = 0; k < 12; ++k) {
      std::uint64_t h = centre;
      if (k % 3 == 1) h ^= 1ull << (20 + next() % 40);
      if (k % 3 == 2) h ^= (1ull << (20 + next() % 40)) | (1ull << (20 + next() % 40)) | (1ull << 63);
      hashes.push_back(h);
    }
    hashes.push_back(0);  // posts without words
  }
  for (int i = 0; i < 200; ++i) hashes.push_back(next());
  NearDuplicateIndex idx;
  for (auto h : hashes) idx.add(h);
  const auto n = hashes.size();
  std::vector<std::uint32_t> comp(n);
  for (std::uint32_t i = 0; i < n; ++i) comp[i] = i;
  for (bool changed = true; changed;) {  // brute-force components: smallest member names the group
    changed = false;
    for (std::uint32_t i = 0; i < n; ++i)
      for (std::uint32_t j = 0; j < n; ++j)
        if (hamming(hashes[i], hashes[j]) <= kDefaultMaxDistance && comp[j] < comp[i]) {
          comp[i] = comp[j];
          changed = true;
        }
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    ASSERT_EQ(idx.group(i), comp[i]) << i;
    std::vector<std::uint32_t> want;
    for (std::uint32_t j = 0; j < n; ++j)
      if (hamming(hashes[i], hashes[j]) <= kDefaultMaxDistance) want.push_back(j);
    ASSERT_EQ(idx.near(hashes[i]), want) << i;
  }
}

TEST(NearDuplicateIndex, MatchesBruteForceAfterEveryAddForEveryK) {
  // The sketch filter (32 bits of each hash beside its block) must never drop a true neighbour, for any K
  // (sparse blocks at K <= 2, dense ones above) and with hashes that agree on many bits (clusters, one
  // shared block value filling overflow nodes) as well as random ones. `parley analyze` reads group(item)
  // right after add(item), so that is checked after every add, not only at the end.
  for (int K = 0; K <= 7; ++K) {
    std::uint64_t x = 0x2545F4914F6CDD1Dull + static_cast<std::uint64_t>(K);
    auto next = [&] { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x; };
    auto flip = [&](std::uint64_t h, int bits) {
      for (int i = 0; i < bits; ++i) h ^= 1ull << (next() % 64);
      return h;
    };
    std::vector<std::uint64_t> centres;
    for (int c = 0; c < 12; ++c) centres.push_back(next() & (c % 2 ? ~0xFFFFull : ~0ull));
    std::vector<std::uint64_t> hashes;
    for (int i = 0; i < 700; ++i) {
      const std::uint64_t r = next();
      if (r % 5 == 0) hashes.push_back(next());                                        // unrelated
      else if (r % 5 == 1) hashes.push_back(0);                                        // no words
      else hashes.push_back(flip(centres[(r >> 8) % centres.size()], static_cast<int>((r >> 16) % (K + 3))));
    }
    NearDuplicateIndex idx(K);
    std::vector<std::uint32_t> parent;  // reference: union-find over all pairs, smallest item is the root
    auto root = [&](std::uint32_t a) {
      while (parent[a] != a) a = parent[a];
      return a;
    };
    for (std::uint32_t i = 0; i < hashes.size(); ++i) {
      std::uint32_t want_nearest = NearDuplicateIndex::kNone;
      std::vector<std::uint32_t> want_near;
      for (std::uint32_t j = 0; j < i; ++j)
        if (hamming(hashes[i], hashes[j]) <= K) {
          want_nearest = std::min(want_nearest, root(j));
          want_near.push_back(j);
        }
      ASSERT_EQ(idx.nearest_group(hashes[i]), want_nearest) << K << " " << i;
      ASSERT_EQ(idx.near(hashes[i]), want_near) << K << " " << i;
      ASSERT_EQ(idx.add(hashes[i]), i);
      parent.push_back(i);
      for (std::uint32_t j = 0; j < i; ++j)
        if (hamming(hashes[i], hashes[j]) <= K) {
          const std::uint32_t a = root(i), b = root(j);
          parent[std::max(a, b)] = std::min(a, b);
        }
      ASSERT_EQ(idx.group(i), root(i)) << K << " " << i;
    }
    for (std::uint32_t i = 0; i < hashes.size(); ++i) ASSERT_EQ(idx.group(i), root(i)) << K << " " << i;
  }
}

// --- Measuring K: real tweets as originals, generated near-duplicates, unrelated tweets as negatives. ---

std::vector<std::string> airline_tweets(std::size_t limit) {
  std::ifstream in(std::string(PARLEY_SHARED_DATA) + "/airline-tweets/Tweets.csv");
  std::vector<std::string> texts;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line) && texts.size() < limit) {
    int field = 0;
    std::string cur;
    bool quoted = false;
    for (std::size_t pos = 0; pos < line.size(); ++pos) {
      char ch = line[pos];
      if (quoted) {
        if (ch == '"' && pos + 1 < line.size() && line[pos + 1] == '"') { cur += '"'; ++pos; }
        else if (ch == '"') quoted = false;
        else cur += ch;
      } else if (ch == '"') quoted = true;
      else if (ch == ',') { if (field == 10) break; ++field; cur.clear(); }
      else cur += ch;
    }
    if (field == 10 && !quoted) texts.push_back(cur);
  }
  return texts;
}

// One "copy-paste with a small edit", chosen by `r`: what bots, campaigns and retweeters do.
std::string edit(const std::string& text, std::uint64_t r) {
  std::vector<std::string> w;
  for (std::size_t i = 0; i < text.size();) {
    auto j = text.find(' ', i);
    if (j == std::string::npos) j = text.size();
    if (j > i) w.push_back(text.substr(i, j - i));
    i = j + 1;
  }
  std::size_t at = w.empty() ? 0 : (r >> 8) % w.size();
  switch (r % 8) {
    case 0: w.insert(w.begin(), {"RT", "@someone_else:"}); break;
    case 1: w.push_back("https://t.co/" + std::to_string(r % 100000)); break;
    case 2: w.push_back("#boycott"); break;
    case 3: for (auto& x : w) for (auto& c : x) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c))); break;
    case 4: if (!w.empty()) w[at] = "really"; break;                   // one word replaced
    case 5: if (w.size() > 1) w.erase(w.begin() + static_cast<std::ptrdiff_t>(at)); break;  // one word deleted
    case 6: w.insert(w.begin() + static_cast<std::ptrdiff_t>(at), "totally"); break;         // one word inserted
    case 7: w.push_back("!!!"); w.insert(w.begin(), "@another_handle"); break;
  }
  std::string out;
  for (const auto& x : w) out += x + " ";
  return out;
}

TEST(SimHash, MeasureNearDuplicatesAgainstUnrelated) {
  auto texts = airline_tweets(3000);
  if (texts.size() < 1000) GTEST_SKIP() << "shared data not available";
  // Word lists the way simhash(Tokenized) sees them, so any shingle size can be tried.
  auto words_of = [](const std::string& s, std::vector<std::string>& store) {
    store.clear();
    Tokenized t = toks(s);
    for (const auto& tok : t.tokens)
      if ((tok.kind == TokenKind::word && tok.norm != "rt") || tok.kind == TokenKind::number ||
          tok.kind == TokenKind::hashtag)
        store.push_back(tok.norm);
  };
  std::printf("simhash: %zu tweets; distance percentiles of near-duplicates, false negative/positive rates\n",
              texts.size());
  for (int S : {1, 2, 3}) {
    std::vector<std::uint64_t> base, dup;
    std::vector<int> kinds;
    std::vector<std::string> store;
    for (std::size_t i = 0; i < texts.size(); ++i) {
      words_of(texts[i], store);
      std::vector<std::string_view> v(store.begin(), store.end());
      base.push_back(simhash_words(v, S));
      std::uint64_t r = (i * 0x9e3779b97f4a7c15ull) >> 7;
      words_of(edit(texts[i], r), store);
      std::vector<std::string_view> v2(store.begin(), store.end());
      dup.push_back(simhash_words(v2, S));
      kinds.push_back(static_cast<int>(r % 8));
    }
    std::vector<int> dd;
    for (std::size_t i = 0; i < base.size(); ++i) dd.push_back(hamming(base[i], dup[i]));
    // Unrelated: all pairs of distinct original tweets (identical texts excluded: they are real duplicates).
    std::vector<std::uint64_t> pairs_at(65, 0);
    std::uint64_t pairs = 0;
    for (std::size_t i = 0; i < base.size(); ++i)
      for (std::size_t j = i + 1; j < base.size(); ++j)
        if (texts[i] != texts[j]) { ++pairs_at[static_cast<std::size_t>(hamming(base[i], base[j]))]; ++pairs; }
    std::vector<int> sorted = dd;
    std::sort(sorted.begin(), sorted.end());
    auto pct = [&](double p) { return sorted[static_cast<std::size_t>(p * (sorted.size() - 1))]; };
    std::printf("  shingle %d: near-dup p50 %d p75 %d p90 %d p95 %d\n", S, pct(.5), pct(.75), pct(.9), pct(.95));
    std::uint64_t fp_cum = 0;
    for (int K = 0; K <= 12; ++K) {
      fp_cum += pairs_at[static_cast<std::size_t>(K)];
      int fn = 0, fn_word = 0, n_word = 0;
      for (std::size_t i = 0; i < dd.size(); ++i) {
        bool word_edit = kinds[i] >= 4 && kinds[i] <= 6;
        n_word += word_edit;
        if (dd[i] > K) { ++fn; fn_word += word_edit; }
      }
      if (K <= 8 || K % 2 == 0)
        std::printf("    K=%2d  FN %5.1f%% (one-word edits %5.1f%%)  FP %.4f%% of %llu unrelated pairs\n", K,
                    100.0 * fn / dd.size(), 100.0 * fn_word / std::max(n_word, 1), 100.0 * fp_cum / pairs,
                    static_cast<unsigned long long>(pairs));
    }
  }
}

}  // namespace
}  // namespace parley::text
