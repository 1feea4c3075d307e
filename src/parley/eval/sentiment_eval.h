// Sentiment evaluation on public human-labelled sets in the shared data folder (../shared/data):
// VADER's four human-rated sets (Hutto & Gilbert 2014) and the TweetEval sentiment validation split.
// Each VADER set is split deterministically into a dev half (used to develop parley's rules) and a test
// half (reported only); TweetEval is never used for development. See docs/sentiment.md.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/text/sentiment.h"

namespace parley::eval {

enum class Half { all, dev, test };
std::string_view to_string(Half h);

// The VADER set names accepted below, with their file names under <shared>/vader/.
inline constexpr std::array<std::string_view, 4> kVaderSets = {"tweets", "movie", "amazon", "nyt"};
std::string vader_set_path(const std::string& shared_dir, std::string_view set);

// True when item `id` of `set` belongs to the dev half: the low bit of FNV-1a("set/id"). Stable across
// runs, machines and file order.
bool in_dev_half(std::string_view set, std::string_view id);

struct RatedText {
  std::string id;
  double rating = 0;  // mean human rating, -4..+4
  std::string text;
};
// Reads ID<TAB>rating<TAB>text lines; empty when the file cannot be read.
std::vector<RatedText> load_rated(const std::string& path);
std::vector<RatedText> select_half(const std::vector<RatedText>& all, std::string_view set, Half half);

double pearson(const std::vector<double>& x, const std::vector<double>& y);

struct RatingMetrics {
  std::string set;
  Half half = Half::all;
  std::size_t n = 0;
  double pearson = 0;    // compound vs mean human rating
  double accuracy3 = 0;  // 3 classes, both sides cut at +-0.05 (VADER's convention)
};
RatingMetrics evaluate_rated(const std::vector<RatedText>& items, std::string_view set, Half half,
                             const text::SentimentModel& model);
RatingMetrics evaluate_vader_set(const std::string& shared_dir, std::string_view set, Half half,
                                 const text::SentimentModel& model);

struct LabelMetrics {
  std::size_t n = 0;
  double macro_recall = 0;               // mean of the three per-class recalls (SemEval-2017 4A measure)
  std::array<double, 3> recall{};        // negative, neutral, positive
  double accuracy = 0;
};
// TweetEval sentiment validation (val_text.txt / val_labels.txt: 0 neg, 1 neu, 2 pos). Without `cuts` the
// model's own label is scored (for the rules that is compound at +-0.05 = broad_neutral_cuts(); for the
// learned model it is its classifier); with `cuts`, the compound is classified with them.
LabelMetrics evaluate_tweeteval(const std::string& shared_dir, const text::SentimentModel& model,
                                std::optional<text::ThreeClassCuts> cuts = std::nullopt);

// Macro recall of `cuts` on a rated set, with gold classes from the rounded human mean (|mean| < 0.5 is
// neutral: the raters' own "0 = neutral" point). Used to choose broad_neutral_cuts() on the tweets dev half.
double rated_macro_recall(const std::vector<RatedText>& items, const text::SentimentModel& model,
                          text::ThreeClassCuts cuts);
// Grid search of symmetric cuts (0.05..0.80 by 0.05) maximising rated_macro_recall.
text::ThreeClassCuts choose_cuts(const std::vector<RatedText>& items, const text::SentimentModel& model);

// One row per figure for a report table: the four VADER sets (test half and full set) and TweetEval.
struct EvalRow {
  std::string name;    // e.g. "vader-tweets/test"
  std::string metric;  // "pearson", "accuracy3", "macro_recall", ...
  double value = 0;
  std::size_t n = 0;
  double reference = -1;        // published figure when one exists, else -1
  std::string reference_note;   // where the reference comes from
};
// Empty when the shared data folder is missing.
std::vector<EvalRow> evaluate_sentiment(const std::string& shared_dir, const text::SentimentModel& model);

}  // namespace parley::eval
