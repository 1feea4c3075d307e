// The sentiment model against the code it had before the 2026-11-30 speed work (batched lexicon look-ups,
// the apostrophe pre-check, branch-free FNV-1a, the learned layer's hashed features extracted before the
// rules and its outputs summed four at a time): every double of the rules' result, every rule statistic,
// every hashed feature, every output float and the final label must be bit-identical, for parley's options
// and VADER's, on the intent corpora, on generated posts full of the rules' special words (boosters,
// negators, "but", "kind of", idioms, contractions with ' and ’, caps, elongations, emoji, emoticons,
// hashtags, mentions), and on empty, one-character and very long texts.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "parley/text/fnv1a.h"
#include "parley/text/lexicon.h"
#include "parley/text/sentiment.h"
#include "parley/text/sentiment_emoji_valence.h"
#include "parley/text/sentiment_model_learned.h"
#include "parley/text/tokenizer.h"
#include "corpus_texts.h"

namespace parley::text {
namespace {

#include "sentiment_reference.inc"

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The learned layer's hashed features as extract_sentiment_features computed them before: one loop, byte
// loop FNV-1a, mixing as it goes.
std::uint64_t ref_fnv64(std::string_view s, std::uint64_t h = 1469598103934665603ULL) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}
std::uint32_t ref_to32(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return static_cast<std::uint32_t>(x >> 32);
}
std::vector<std::uint32_t> ref_hashes(const Tokenized& tk) {
  std::vector<std::uint32_t> hs;
  std::uint64_t prev = 0;
  bool have_prev = false;
  for (const Token& t : tk.tokens) {
    std::uint64_t h;
    switch (t.kind) {
      case TokenKind::word: h = ref_fnv64(t.norm, ref_fnv64("w")); break;
      case TokenKind::number: h = ref_fnv64("n"); break;
      case TokenKind::hashtag: h = ref_fnv64(t.norm, ref_fnv64("#")); break;
      case TokenKind::mention: h = ref_fnv64("@"); break;
      case TokenKind::url:
      case TokenKind::email: h = ref_fnv64("u"); break;
      case TokenKind::emoji:
      case TokenKind::emoticon: h = ref_fnv64(t.norm, ref_fnv64("e")); break;
      case TokenKind::punct:
        if (!t.norm.empty() && (t.norm[0] == '!' || t.norm[0] == '?')) {
          h = ref_fnv64(t.norm.substr(0, 1), ref_fnv64("p"));
          break;
        }
        have_prev = false;
        continue;
      default: continue;
    }
    hs.push_back(ref_to32(h));
    if (have_prev) hs.push_back(ref_to32(prev * 0x9E3779B97F4A7C15ULL + h + 0x62));
    prev = h;
    have_prev = true;
  }
  return hs;
}

// LearnedSentiment::outputs before: scalar loops over the dense table (hashed_w), output by output.
std::array<float, kSentimentOutputs> ref_outputs(const LearnedSentiment& m, const SentimentFeatures& f) {
  std::array<float, kSentimentOutputs> z{};
  for (int j = 0; j < kSentimentDense; ++j)
    for (int k = 0; k < kSentimentOutputs; ++k) z[k] += f.dense[j] * m.dense_w[j * kSentimentOutputs + k];
  for (std::uint32_t h : f.hashes) {
    const float* w = &m.hashed_w[static_cast<std::size_t>(m.bucket(h)) * kSentimentOutputs];
    for (int k = 0; k < kSentimentOutputs; ++k) z[k] += f.hashed_value * w[k];
  }
  return z;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }
bool same_bits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

const std::vector<std::string>& texts() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> out = {"", " ", "a", "I", "2", "!", "?", "!!!", "??", "?!?!", "😡", "😡😡😡", ":)", ":D",
                                    ":d", "XD", "<3", std::string(5000, '!'), std::string(3000, 'a'),
                                    "I don't like it", "I don’t like it", "isn't good", "isn’t good", "n't",
                                    "don'", "’t", "dont like", "not bad at all", "no good", "no problem",
                                    "at least good", "least good", "very least", "never so good",
                                    "without doubt the best", "kind of good", "sort of bad", "fed up",
                                    "the shit", "yeah right", "good, but bad", "GOOD but BAD!!!", "sooo goood",
                                    "@happyhour great", "#EpicFail", "#love", "http://t.co/good good",
                                    "¿Dónde está mi pedido? Llevo 3 días esperando 😤",
                                    "Заказ не пришёл, верните деньги!!!", "注文した商品がまだ届きません"};
    test_texts::read_corpus_texts(std::string(PARLEY_DATA_DIR) + "/intent/corpus.tsv", out);
    test_texts::read_corpus_texts(std::string(PARLEY_DATA_DIR) + "/intent/brand_corpus.tsv", out);
    const char* vocab[] = {
        "good", "GOOD", "bad", "BAD", "great", "awful", "love", "hate", "not", "never", "no", "nor", "or",
        "don't", "don’t", "can't", "won’t", "isnt", "aint", "without", "doubt", "least", "at", "very", "so",
        "this", "but", "BUT", "kind", "of", "sort", "fed", "up", "the", "shit", "bomb", "yeah", "right",
        "a", "bit", "little", "just", "enough", "extremely", "EXTREMELY", "really", "barely", "slightly",
        "sooo", "goooood", "baaad", "sucks", "lol", "wow", "ok", "meh", "!", "!!", "?", "??", "?!", ".", ",",
        "...", ":(", ":)", ":D", ":P", "<3", "😍", "😡", "😂", "👍", "🔥", "🙄", "🤷‍♀️", "👋🏿", "❤️", "🎉",
        "@acme", "#fail", "#EpicFail", "#love", "http://t.co/x", "a@b.com", "3", "50", "café", "naïve",
        "Straße", "日本", "données", "hond", "Störung", "schlechter", "furchtbar", "aanrader", "wieder",
        "kiss", "death", "to", "die", "for", "broken", "heart", "in", "red", "black", "upper", "hand",
        "supercalifragilisticexpialidocious", "unbelievably", "n't", "’", "'", "x", "I", "2"};
    test_texts::stitch_posts(vocab, 20000, 100, 300, 30, out);
    return out;
  }();
  return all;
}

void expect_same_rules(const SentimentModel& model, const EmojiLexicon& emoji) {
  std::size_t i = 0;
  for (const auto& text : texts()) {
    const Tokenized tk = tokenize(text);
    SentimentRuleStats want_st, got_st;
    const Sentiment want = reference::rules(model.lexicon(), emoji, model.options(), tk, &want_st);
    const Sentiment got = model.analyze_rules(tk, &got_st);
    ASSERT_TRUE(same_bits(want.compound, got.compound) && same_bits(want.pos, got.pos) &&
                same_bits(want.neu, got.neu) && same_bits(want.neg, got.neg) && want.label == got.label)
        << i << ": " << text << " " << want.compound << " vs " << got.compound;
    ASSERT_EQ(want_st.pos_items, got_st.pos_items) << text;
    ASSERT_EQ(want_st.neg_items, got_st.neg_items) << text;
    ASSERT_EQ(want_st.negated, got_st.negated) << text;
    ASSERT_EQ(want_st.negators, got_st.negators) << text;
    ASSERT_EQ(want_st.exclaims, got_st.exclaims) << text;
    ASSERT_EQ(want_st.questions, got_st.questions) << text;
    ASSERT_EQ(want_st.words, got_st.words) << text;
    ASSERT_EQ(want_st.caps_words, got_st.caps_words) << text;
    ASSERT_TRUE(same_bits(want_st.emoji_valence, got_st.emoji_valence)) << text;
    // Without the statistics too (the plain rule path).
    const Sentiment plain = model.analyze_rules(tk);
    ASSERT_TRUE(same_bits(want.compound, plain.compound) && want.label == plain.label) << text;
    ++i;
  }
  EXPECT_GT(i, 20000u);
}

EmojiLexicon emoji_for(const SentimentModel& model) {
  EmojiLexicon e;
  e.load(slurp(std::string(PARLEY_DATA_DIR) + "/lexicons/emoji_utf8_lexicon.txt"), model.lexicon());
  return e;
}

TEST(SentimentEquivalence, RulesWithParleysOptions) {
  SentimentOptions o;
  o.learned = false;
  auto m = SentimentModel::from_dir(std::string(PARLEY_DATA_DIR) + "/lexicons", o);
  ASSERT_TRUE(m);
  expect_same_rules(*m, emoji_for(*m));
}

TEST(SentimentEquivalence, RulesWithVadersOptions) {
  auto m = SentimentModel::from_dir(std::string(PARLEY_DATA_DIR) + "/lexicons", SentimentOptions::vader());
  ASSERT_TRUE(m);
  expect_same_rules(*m, emoji_for(*m));
}

TEST(SentimentEquivalence, RulesWithEveryOtherSwitchFlipped) {
  // The paths the defaults leave off: hashtag splitting, negation to the clause end, windows within a
  // sentence, mentions scored as words, emoji as description words, one-letter tokens.
  SentimentOptions o;
  o.learned = false;
  o.hashtag_split = true;
  o.negation_to_clause = true;
  o.window_in_sentence = true;
  o.skip_mentions = false;
  o.emoji_direct = false;
  o.single_letters = true;
  o.multiword = false;
  auto m = SentimentModel::from_dir(std::string(PARLEY_DATA_DIR) + "/lexicons", o);
  ASSERT_TRUE(m);
  expect_same_rules(*m, emoji_for(*m));
}

TEST(SentimentEquivalence, LearnedLayerIsBitIdentical) {
  const SentimentModel& model = SentimentModel::instance();
  const LearnedSentiment* learned = model.learned();
  ASSERT_NE(learned, nullptr);
  const EmojiLexicon emoji = emoji_for(model);
  SentimentFeatures f;
  for (const auto& text : texts()) {
    const Tokenized tk = tokenize(text);
    SentimentRuleStats st;
    const Sentiment rules = reference::rules(model.lexicon(), emoji, model.options(), tk, &st);
    extract_sentiment_features(tk, rules, st, &f);
    ASSERT_EQ(f.hashes, ref_hashes(tk)) << text;
    // With the words' hashes given, as SentimentModel::analyze gives them (only the words' entries count).
    std::vector<std::uint64_t> word_fnv(tk.tokens.size(), 12345);
    for (std::size_t i = 0; i < tk.tokens.size(); ++i)
      if (tk.tokens[i].kind == TokenKind::word) word_fnv[i] = ref_fnv64(tk.tokens[i].norm, ref_fnv64("w"));
    SentimentFeatures g;
    extract_sentiment_hashes(tk, &g, word_fnv.data());
    ASSERT_EQ(g.hashes, f.hashes) << text;
    const float hv = f.hashes.empty() ? 0.f : 1.f / std::sqrt(static_cast<float>(f.hashes.size()));
    ASSERT_TRUE(same_bits(f.hashed_value, hv)) << text;
    const auto want = ref_outputs(*learned, f);
    const auto got = learned->outputs(f);
    for (int k = 0; k < kSentimentOutputs; ++k) ASSERT_TRUE(same_bits(want[k], got[k])) << text << " " << k;
    // The whole model: what analyze() returns, from the reference rules and outputs.
    Sentiment expect = rules;
    expect.compound = std::clamp(static_cast<double>(want[3]), -1.0, 1.0);
    int best = 0;
    for (int k = 1; k < 3; ++k)
      if (want[k] > want[best]) best = k;
    expect.label = static_cast<SentimentClass>(best);
    const Sentiment a = model.analyze(tk);
    ASSERT_TRUE(same_bits(a.compound, expect.compound) && same_bits(a.pos, expect.pos) &&
                same_bits(a.neu, expect.neu) && same_bits(a.neg, expect.neg) && a.label == expect.label)
        << text;
    const Sentiment p = learned->predict(tk, rules, st);
    ASSERT_TRUE(same_bits(p.compound, expect.compound) && p.label == expect.label) << text;
  }
}

// The learned layer in two halves around the rules (prepare(), load_rows(), finish(), as analyze() calls
// them) against predict(), for the shipped model (rows from its compact table) and for a model being
// trained (rows from hashed_w, no compact table).
TEST(SentimentEquivalence, PreparedLearnedLayerEqualsPredict) {
  const SentimentModel& model = SentimentModel::instance();
  const LearnedSentiment* shipped = model.learned();
  ASSERT_NE(shipped, nullptr);
  LearnedSentiment training(18);
  training.dense_w = shipped->dense_w;
  for (std::size_t i = 0; i < training.hashed_w.size(); ++i) training.hashed_w[i] = static_cast<float>(i % 7) * 0.25f - 0.5f;
  std::size_t n = 0;
  for (const auto& text : texts()) {
    const Tokenized tk = tokenize(text);
    SentimentRuleStats st;
    const Sentiment rules = model.analyze_rules(tk, &st);
    std::vector<std::uint64_t> word_fnv(tk.tokens.size(), 12345);
    for (std::size_t i = 0; i < tk.tokens.size(); ++i)
      if (tk.tokens[i].kind == TokenKind::word) word_fnv[i] = Lexicon::key_fnv(tk.tokens[i].norm);
    for (const LearnedSentiment* l : {shipped, static_cast<const LearnedSentiment*>(&training)}) {
      const Sentiment want = l->predict(tk, rules, st, word_fnv.data());
      l->prepare(tk, word_fnv.data());
      l->load_rows();
      const Sentiment got = l->finish(rules, st);
      ASSERT_TRUE(same_bits(want.compound, got.compound) && same_bits(want.pos, got.pos) &&
                  same_bits(want.neu, got.neu) && same_bits(want.neg, got.neg) && want.label == got.label)
          << text;
    }
    ++n;
  }
  EXPECT_GT(n, 20000u);
}

// The per-thread emoji valence cache is keyed by model: two models whose emoji descriptions differ, used in
// turn on the same emoji (one by hand table, others by description, with VS16 and skin tones, and a ZWJ
// sequence longer than the cache keys), each get their own answers, also after a move and after one model
// is destroyed and another built (possibly at the same address).
TEST(SentimentEquivalence, EmojiCacheKeepsModelsApart) {
  const std::string dir = std::string(PARLEY_DATA_DIR) + "/lexicons";
  const std::string vader = slurp(dir + "/vader_lexicon.txt");
  const std::string emoji = slurp(dir + "/emoji_utf8_lexicon.txt");
  const std::vector<std::string> posts = {
      "so \xF0\x9F\x98\xBA today", "\xF0\x9F\x98\xBA\xEF\xB8\x8F ok", "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD great",
      "\xF0\x9F\x98\xA1", "\xF0\x9F\x92\x80 lol \xF0\x9F\x8C\x88",
      "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7\xE2\x80\x8D\xF0\x9F\x91\xA6 family \xF0\x9F\x98\xBA",
      "\xE2\x9D\xA4 \xF0\x9F\x8E\x89 \xF0\x9F\x98\xBA"};
  SentimentOptions o;
  o.learned = false;
  auto check = [&](const SentimentModel& m, const std::string& emoji_text) {
    EmojiLexicon e;
    e.load(emoji_text, m.lexicon());
    for (const auto& text : posts) {
      const Tokenized tk = tokenize(text);
      SentimentRuleStats want_st, got_st;
      const Sentiment want = reference::rules(m.lexicon(), e, m.options(), tk, &want_st);
      const Sentiment got = m.analyze_rules(tk, &got_st);
      ASSERT_TRUE(same_bits(want.compound, got.compound) && same_bits(want_st.emoji_valence, got_st.emoji_valence))
          << text;
    }
  };
  std::string swapped;  // each emoji with the description of another, seven lines on
  {
    std::istringstream in(emoji);
    std::vector<std::pair<std::string, std::string>> lines;
    std::string line;
    while (std::getline(in, line)) {
      const auto tab = line.find('\t');
      if (tab != std::string::npos) lines.emplace_back(line.substr(0, tab), line.substr(tab + 1));
    }
    for (std::size_t i = 0; i < lines.size(); ++i)
      swapped += lines[i].first + "\t" + lines[(i + 7) % lines.size()].second + "\n";
  }
  SentimentModel a(vader, emoji, o), b(vader, swapped, o);
  for (int round = 0; round < 3; ++round) {
    check(a, emoji);
    check(b, swapped);
  }
  SentimentModel c(std::move(b));
  check(c, swapped);
  for (int round = 0; round < 3; ++round) {
    auto d = std::make_unique<SentimentModel>(vader, round % 2 ? swapped : emoji, o);
    check(*d, round % 2 ? swapped : emoji);
    check(a, emoji);
  }
}

TEST(Fnv1a, MatchesTheByteLoopForEveryPrefix) {
  std::mt19937_64 rng(7);
  for (std::size_t len = 0; len <= 40; ++len)
    for (int k = 0; k < 300; ++k) {
      std::string s(len, '\0');
      for (auto& c : s) c = static_cast<char>(rng());
      const std::uint64_t seed = k % 2 ? kFnv1aBasis : rng();
      for (std::size_t n = 0; n <= len; ++n)
        ASSERT_EQ(fnv1a_prefix(s, n, seed), ref_fnv64(std::string_view(s).substr(0, n), seed)) << len << " " << n;
    }
  EXPECT_EQ(fnv1a_prefix(std::string(), 0), kFnv1aBasis);
  static_assert(fnv1a_bytes("w") == (kFnv1aBasis ^ 'w') * kFnv1aPrime);
}

TEST(Lexicon, FindAllMatchesFind) {
  const Lexicon& lex = SentimentModel::instance().lexicon();
  std::vector<std::string> words;
  for (const auto& text : texts())
    for (const Token& t : tokenize(text).tokens) words.push_back(t.norm);
  words.push_back("");
  words.push_back("kind of");
  words.push_back(std::string(100, 'x'));
  for (std::size_t start = 0; start < words.size(); start += 97) {
    const std::size_t n = std::min<std::size_t>(words.size() - start, 1 + start % 300);
    std::vector<std::string_view> keys(words.begin() + start, words.begin() + start + n);
    std::vector<std::uint64_t> fnv;
    for (auto k : keys) fnv.push_back(Lexicon::key_fnv(k));
    std::vector<const LexEntry*> out(n, reinterpret_cast<const LexEntry*>(&lex));  // junk: must be overwritten
    lex.find_all(keys.data(), fnv.data(), n, out.data());
    for (std::size_t i = 0; i < n; ++i) {
      ASSERT_EQ(out[i], lex.find(keys[i])) << keys[i];
      ASSERT_EQ(lex.find_hashed(keys[i], fnv[i]), out[i]) << keys[i];
    }
  }
  lex.find_all(nullptr, nullptr, 0, nullptr);
  // The hash is FNV-1a from the learned layer's word seed (SentimentModel::analyze shares it).
  EXPECT_EQ(Lexicon::key_fnv("good"), ref_fnv64("good", ref_fnv64("w")));
}

}  // namespace
}  // namespace parley::text
