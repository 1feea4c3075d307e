// Rule-based sentiment: the VADER method (Hutto & Gilbert, ICWSM 2014) over parley's tokens, with a few
// changes that measured better on held-apart development data (docs/sentiment.md lists each one and the
// figure that justified it). The lexicons ship in data/lexicons/ and are loaded once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "parley/text/analysis.h"
#include "parley/text/lexicon.h"
#include "parley/text/tokenizer.h"

namespace parley::text {

// Switches for parley's departures from VADER. The defaults are parley's method; `vader()` turns every one
// off and gives VADER's published behaviour, kept for comparison and for the evaluation table.
struct SentimentOptions {
  bool multiword = true;          // match multi-word lexicon entries and idioms as n-grams ("fed up")
  bool kind_of = true;            // "kind of" / "sort of" dampen the next sentiment word
  bool skip_mentions = true;      // @names and URLs carry no sentiment ("@happyhour")
  bool negation_to_clause = false; // negation reaches to the end of the clause, not only 3 tokens
  bool elongation = true;         // "goooood" scores as emphasis, like ALL CAPS
  bool hashtag_split = false;      // "#EpicFail" scores as "epic fail"
  bool emoji_direct = true;       // emoji valence is the compound of its description, not word by word
  bool negation_blocked = true;   // a sentiment word between a negator and the target ends its reach
  bool window_in_sentence = false; // the 3-word window of negators and boosters stops at . ! ?
  double question_damp = 0.7;     // multiplier for sentiment words in a sentence ending with '?'
  double count_power = 0.4;       // sum is divided by (#sentiment words)^count_power before normalising
  bool single_letters = false;    // VADER drops one-letter tokens; keep off
  double neg_scalar = -0.6;       // negation multiplier (paper: -0.74)
  double alpha = 15;              // compound = sum / sqrt(sum^2 + alpha) (paper: 15)
  double exclaim = 0.292;         // per '!' (paper)
  // Put the learned model (sentiment_model_learned.h, data/models/sentiment.model) on top of the rules when
  // one is attached; otherwise analyze() is the rules. On by default: it beat the rules on every held-out
  // figure (docs/sentiment.md). Set false for the rule-based scores alone.
  bool learned = true;

  static SentimentOptions vader() {
    SentimentOptions o;
    o.multiword = o.kind_of = o.skip_mentions = o.negation_to_clause = o.elongation = o.hashtag_split =
        o.emoji_direct = o.negation_blocked = o.window_in_sentence = false;
    o.question_damp = 1.0;
    o.count_power = 0;
    o.neg_scalar = -0.74;
    o.alpha = 15;
    o.exclaim = 0.292;
    o.learned = false;
    return o;
  }
};

// Cut points to map compound onto a 3-class scheme with a broad neutral class (like TweetEval /
// SemEval's), chosen on the VADER tweets dev half; see docs/sentiment.md. analyze() keeps VADER's ±0.05.
struct ThreeClassCuts {
  double negative = -0.05;  // compound <= negative -> negative
  double positive = 0.05;   // compound >= positive -> positive
};
ThreeClassCuts broad_neutral_cuts();
SentimentClass classify(double compound, ThreeClassCuts cuts);

// What the rules saw on the way to their score, kept for the learned model's features. Filled only when
// asked for (analyze_rules with a non-null pointer), so the plain rule path pays nothing for it.
struct SentimentRuleStats {
  int pos_items = 0, neg_items = 0;  // scored items ending with positive / negative valence
  int negated = 0;                   // sentiment items whose sign a negator flipped
  int negators = 0;                  // negator words seen
  int exclaims = 0, questions = 0;   // '!' and '?' characters
  int words = 0, caps_words = 0;     // word items, and those in ALL CAPS
  double emoji_valence = 0;          // sum of emoji and emoticon valences (lexicon scale)
};

class LearnedSentiment;

class SentimentModel {
 public:
  // The shared model built from parley::data_path("lexicons/...") on first use, with the learned model
  // parley::data_path("models/sentiment.model") attached when that file exists. Never null; if the lexicon
  // files are missing the model is empty and every text scores neutral.
  static const SentimentModel& instance();

  // Builds from the texts of vader_lexicon.txt and emoji_utf8_lexicon.txt.
  SentimentModel(std::string_view vader_lexicon, std::string_view emoji_lexicon, SentimentOptions opts = {});
  // Loads both files from a directory holding them; nullptr when vader_lexicon.txt cannot be read.
  // `learned_model`, when not empty, is a model file to attach (see attach_learned); a missing file leaves
  // the rules alone.
  static std::unique_ptr<SentimentModel> from_dir(const std::string& dir, SentimentOptions opts = {},
                                                  const std::string& learned_model = {});
  ~SentimentModel();
  SentimentModel(SentimentModel&&) noexcept;
  SentimentModel& operator=(SentimentModel&&) noexcept;

  // Loads a learned model file and uses it when options().learned is set. False (and nothing attached)
  // when the file is missing or malformed. Not thread-safe: call before sharing the model.
  bool attach_learned(const std::string& path);
  const LearnedSentiment* learned() const { return learned_.get(); }

  // Thread-safe: reads only.
  Sentiment analyze(const Tokenized& tokens) const;
  Sentiment analyze(std::string_view utf8) const { return analyze(tokenize(utf8)); }
  // The rule-based score alone, whatever the options say about the learned model; `stats` (optional)
  // receives the counts the learned model uses as features.
  Sentiment analyze_rules(const Tokenized& tokens, SentimentRuleStats* stats = nullptr) const;

  const SentimentOptions& options() const { return opts_; }
  const Lexicon& lexicon() const { return lex_; }
  bool empty() const { return lex_.size() == 0; }

 private:
  // (#sentiment items)^count_power, which divides the sum (SentimentOptions::count_power).
  double count_damp(int k) const;
  // The valence of an emoji item (SentimentOptions::emoji_direct): its hand-set valence, else the sum of
  // its description words' valences, clamped. Answered from a per-thread cache keyed by id_ and the bytes.
  float emoji_valence(std::string_view raw) const;
  float emoji_valence_uncached(std::string_view raw) const;
  // analyze_rules(); when `learned` is not null, it also calls learned->prepare() as soon as the words are
  // hashed, so that the learned layer's weight rows load while the rules run (analyze() then calls
  // learned->finish()).
  Sentiment rules(const Tokenized& tokens, SentimentRuleStats* stats, const LearnedSentiment* learned) const;

  Lexicon lex_;
  EmojiLexicon emoji_;
  SentimentOptions opts_;
  static constexpr std::size_t kCountDampTable = 64;
  double count_damp_[kCountDampTable] = {};
  std::unique_ptr<const LearnedSentiment> learned_;
  // Unique per model object, never reused (a moved-from model takes a new one too): tags this model's
  // entries in the per-thread emoji cache, which an address could not do once a model is destroyed and
  // another built in its place.
  std::uint64_t id_;
};

// SentimentModel::instance().analyze(tokens)
Sentiment analyze_sentiment(const Tokenized& tokens);

}  // namespace parley::text
