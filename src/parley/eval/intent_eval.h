// Held-out evaluation of the intent model: the corpus test split (per-class P/R/F1, macro-F1), SemEval-2019
// Task 9A suggestion F1, and complaint recall on the Twitter US Airline Sentiment set. The two public sets
// are EVAL ONLY (licence): they are read from ../shared/data at evaluation time, never copied or trained on.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "parley/core/status.h"
#include "parley/text/analysis.h"
#include "parley/text/intent.h"

namespace parley::eval {

struct ClassScore {
  double precision = 0, recall = 0, f1 = 0;
  int support = 0;    // gold items of the class
  int predicted = 0;  // items predicted as the class
};

struct IntentScores {
  std::array<ClassScore, text::kIntentClasses> per_class;  // Intent order
  double macro_f1 = 0;  // unweighted mean of the five F1s
  double accuracy = 0;
  int n = 0;
};

IntentScores score_intents(const std::vector<text::Intent>& gold, const std::vector<text::Intent>& predicted);

// (a) data/intent/corpus.tsv, rows of the test split.
Result<IntentScores> eval_intent_corpus_test(const text::IntentModel& model, const std::string& corpus_path);

// (b) SubtaskA_Trial_Test_Labeled.csv (id,sentence,label; cp1252): a sentence is predicted a suggestion when
// the model labels it `suggestion`. Scores are for the positive class, as the task reports them.
struct SuggestionScores {
  double precision = 0, recall = 0, f1 = 0;
  int n = 0, positives = 0;
};
Result<SuggestionScores> eval_suggestion_mining(const text::IntentModel& model, const std::string& csv_path);

// (c) Tweets.csv: complaint recall among negative tweets with a negativereason, and the share of positive
// (and neutral) tweets predicted complaint - a precision proxy, as the set has no complaint label.
struct AirlineScores {
  double complaint_recall_negative = 0;
  int negatives = 0;
  double complaint_share_positive = 0;
  int positives = 0;
  double complaint_share_neutral = 0;
  int neutrals = 0;
};
Result<AirlineScores> eval_airline_complaints(const text::IntentModel& model, const std::string& csv_path);

// Windows-1252 to UTF-8. The five bytes cp1252 leaves undefined become U+FFFD.
std::string cp1252_to_utf8(std::string_view s);

}  // namespace parley::eval
