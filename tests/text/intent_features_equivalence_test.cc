// The intent feature extractor (intent_features.cc) against the version it replaced, kept verbatim in
// intent_features_reference.inc: the same buckets in the same order and the same spam flag, with and without
// the valence lexicon and a known compound, on the training corpora, edge cases (empty, non-ASCII, past the
// 256-token and 1,024-feature limits) and seeded random posts over every cue word and token kind. The
// shipped model's probabilities are then equal bit for bit, since they sum the same rows in the same order.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "parley/text/intent.h"
#include "parley/text/intent_features.h"
#include "parley/text/tokenizer.h"
#include "corpus_texts.h"
#include "shipped_intent_model.h"

#include "intent_features_reference.inc"

namespace parley::text {
namespace {


// Every word of the cue lists, and tokens of every kind and shape the extractor treats specially.
const char* const kVocab[] = {
      "should", "shoulda", "ought", "would", "could", "'d", "nice", "great", "good", "better", "cool", "awesome",
      "helpful", "useful", "nicer", "amazing", "handy", "lovely", "brilliant", "ideal", "perfect", "easier", "fab",
      "please", "pls", "plz", "add", "make", "bring", "consider", "include", "allow", "let", "give", "put",
      "change", "offer", "stock", "support", "show", "introduce", "open", "do", "wish", "wished", "wishing",
      "hope", "you", "they", "suggest", "suggestion", "recommend", "recommendation", "advice", "tip", "why",
      "don't", "dont", "not", "doesn't", "can't", "cant", "won't", "isn't", "thank", "thanks", "thx", "ty",
      "thanx", "tnx", "cheers", "kudos", "congrats", "anyone", "anybody", "someone", "somebody", "no", "never",
      "cannot", "nothing", "none", "nobody", "nor", "without", "neither", "wont", "didnt", "doesnt", "isnt",
      "wasnt", "arent", "couldnt", "shouldnt", "wouldnt", "aint", "what", "how", "when", "where", "who", "which",
      "whats", "what's", "how's", "where's", "can", "does", "did", "is", "are", "will", "has", "have", "any",
      "was", "were", "am", "be", "still", "again", "worst", "waiting", "waited", "refund", "refunded", "cancel",
      "cancelled", "canceled", "broken", "broke", "charged", "overcharged", "ridiculous", "unacceptable",
      "useless", "terrible", "awful", "disgraceful", "shocking", "joke", "scam", "fuming", "rubbish", "hold",
      "late", "delayed", "delay", "missing", "lost", "crashes", "crashing", "crashed", "outage", "faulty", "fault",
      "disappointed", "disappointing", "declined", "wrong", "appalling", "pathetic", "horrible", "compensation",
      "complaint", "ignored", "twice", "fix", "fixed", "stuck", "fail", "failed", "fails", "minutes", "mins",
      "min", "hours", "hrs", "hour", "days", "day", "weeks", "week", "months", "month", "working", "work", "works",
      "worked", "arrived", "turned", "showed", "received", "i", "we", "u", "there", "it", "this", "my", "your",
      "help", "feature", "request", "requests", "option", "options", "button", "way", "setting", "settings",
      "mode", "toggle", "filter", "idea", "suggestions", "proposal", "psa", "stop", "sort", "send", "check", "try",
      "get", "answer", "explain", "turn", "avoid", "measure", "tell", "keep", "use", "remove", "ya", "y'all",
      "about", "a", "an", "the", "some", "more", "hi", "hey", "hello", "hiya", "dear", "yo", "ok", "so", "ugh",
      "honestly", "lol", "wow", "giveaway", "giveaways", "sweepstakes", "followback", "f4f", "promo", "coupon",
      "coupons", "discount", "prizes", "prize", "prizey", "free", "win", "contest", "deal", "deals", "sale",
      "subscribe", "tips", "rt", "vote", "limited", "exclusive", "new", "ends", "enter", "now", "to", "sign", "up",
      "shop", "click", "here", "link", "follow", "me", "us", "back", "earn", "earning", "money", "cash", "$",
      "off", "freebie", "ad", "sponsored", "teamfollowback", "follow4follow", "hi", "@acme", "@bob", "RT", "rt",
      "#fail", "#giveaway", "#WIN", "#deal", "#x", "#Sale", "http://t.co/a", "https://x.io/p?q=1", "a@b.com", "3",
      "50", "2.5", "%", "$", "days", "hours", "!", "?", "?!", "!!!", "???", "...", ".", ",", ":(", ":)", ":-?",
      "😍", "😡", "👍🏽", "LOVE", "WORST", "sooo", "goooood", "café", "naïve", "Straße", "日本", "données", "DON'T",
      "Doesn't", "isn't", "shouldn't", "love", "hate", "bad", "service", "app", "order", "the", "it", "to", "and",
      "of", "unbelievable", "supercalifragilistic", "antidisestablishmentarianism", "n't", "'t", "xn't"};

std::vector<std::string> texts() {
  std::vector<std::string> out = {"", " ", "?", "!!!", ".", "rt", "RT", "RT @a: win", "hi", "hey!", "@a",
                                  "3 days", "why not", "would be nice", "50% off", "not working",
                                  std::string(5000, '?'), std::string(3000, 'a'), std::string(300, '!'),
                                  "¿Dónde está mi pedido? Llevo 3 días esperando 😤",
                                  "Заказ не пришёл, верните деньги!!!", "注文した商品がまだ届きません"};
  // Past the feature limit: every token a cue (two each), or a sentence start.
  std::string many_cues, many_starts;
  for (int i = 0; i < 300; ++i) many_cues += i % 3 ? "suggestion " : "tip ";
  for (int i = 0; i < 150; ++i) many_starts += "Why not? Should you! Thanks. Please add an option. ";
  out.push_back(many_cues);
  out.push_back(many_starts);
  test_texts::read_corpus_texts(std::string(PARLEY_DATA_DIR) + "/intent/corpus.tsv", out);
  test_texts::read_corpus_texts(std::string(PARLEY_DATA_DIR) + "/intent/brand_corpus.tsv", out);
  const std::size_t nv = sizeof kVocab / sizeof kVocab[0];
  std::mt19937 rng(4242);
  for (int i = 0; i < 20000; ++i) {
    // Mostly post-sized; some past 256 tokens, and some made of cue words only, which emit the most features.
    const std::size_t len = rng() % (i % 40 == 0 ? 700 : 45);
    const bool cues_only = i % 97 == 0;
    std::string s;
    for (std::size_t w = 0; w < len; ++w) {
      if (w) s += rng() % 9 ? " " : "";
      s += kVocab[rng() % (cues_only ? 303 : nv)];
    }
    out.push_back(std::move(s));
  }
  return out;
}

bool same(const IntentFeatures& a, const IntentFeatures& b) {
  return a.n == b.n && std::memcmp(a.index.data(), b.index.data(), a.n * sizeof a.index[0]) == 0;
}

TEST(IntentFeaturesEquivalence, SameFeaturesAndSpamFlagAsTheReference) {
  const IntentValence& valence = test_models::shipped_intent_model().valence();
  ASSERT_GT(valence.size(), 1000u);
  const double compounds[] = {-0.9, -0.5, -0.3, -0.05, 0.0, 0.04, 0.2, 0.5, 0.7};
  IntentFeatures got, want;
  std::size_t i = 0, bad = 0, max_features = 0;
  for (const auto& text : texts()) {
    const Tokenized t = tokenize(text);
    const double c = compounds[i++ % 9];
    bool spam_got = false, spam_want = true;
    extract_intent_features(t, &valence, got, &spam_got, &c);
    reference::reference_extract_intent_features(t, &valence, want, &spam_want, &c);
    max_features = std::max(max_features, want.n);
    if ((!same(got, want) || spam_got != spam_want) && ++bad <= 5) ADD_FAILURE() << "valence: " << text;
    extract_intent_features(t, nullptr, got, nullptr, &c);  // the trainer's path
    reference::reference_extract_intent_features(t, nullptr, want, nullptr, &c);
    if (!same(got, want) && ++bad <= 5) ADD_FAILURE() << "no valence: " << text;
    if (i % 50 == 0) {  // the compound computed inside, as classify(tokens) does
      extract_intent_features(t, &valence, got, &spam_got);
      reference::reference_extract_intent_features(t, &valence, want, &spam_want, nullptr);
      if ((!same(got, want) || spam_got != spam_want) && ++bad <= 5) ADD_FAILURE() << "own compound: " << text;
    }
  }
  EXPECT_EQ(bad, 0u);
  EXPECT_EQ(max_features, IntentFeatures::kMax);  // the texts reach the feature limit
}

}  // namespace
}  // namespace parley::text
