// From evidence to a level: how a handful of scored cases becomes a skill level from 1 to 5 with a
// confidence, and how the level moves over time. Pure arithmetic, no database, so the rules that decide
// what a person is told about themselves can be tested on their own (docs/people.md, "From evidence to a
// level").
//
// The level is a Bayesian average: the prior (the declared level, or 3 when none is declared) counts as
// kPriorWeight pseudo-cases, and each case adds its evidence level (1 + 4 * score). One or two cases
// therefore barely move a declared level, and twenty cases mostly speak for themselves. Confidence is the
// share of the weight that is real evidence, n / (n + k).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace parley::people {

inline constexpr double kPriorWeight = 5;        // k: pseudo-cases the prior is worth
inline constexpr double kNeutralLevel = 3;       // the prior when nothing is declared
inline constexpr int kMinEvidence = 5;           // fewer cases: "not enough evidence" (confidence < 0.5)
inline constexpr int kMinTrendCases = 3;         // per window, for a trend
inline constexpr double kTrendStep = 0.25;       // a change of at least this many levels is "up" or "down"
// Two weeks: an agent resolves dozens of cases in that time, so a change in how they go shows within a
// month instead of after two.
inline constexpr std::int64_t kTrendWindowMs = 14LL * 24 * 3600 * 1000;

// A case's evidence score in [0, 1] as a level in [1, 5]: 0.5, the neutral case, is level 3.
double evidence_level(double score);

struct SkillEstimate {
  int n = 0;                  // cases of evidence
  double prior = kNeutralLevel;
  double level = kNeutralLevel;   // posterior mean, 1..5
  double confidence = 0;      // n / (n + k), 0..1
  double low = 1, high = 5;   // a rough 90% interval around level (see interval below)
  bool enough = false;        // n >= kMinEvidence
};

// Prior: the declared level (1..5), or nullopt for kNeutralLevel. Scores are evidence scores in [0, 1].
SkillEstimate estimate_level(std::optional<int> declared, const std::vector<double>& scores);

enum class TrendDirection { unknown, up, down, flat };
std::string_view to_string(TrendDirection d);

struct Trend {
  TrendDirection direction = TrendDirection::unknown;
  int recent_n = 0, previous_n = 0;
  std::optional<double> recent, previous, delta;  // mean evidence levels of the two windows
};

// Scores dated by when the case was resolved (Unix ms). The last 14 days up to `now` against the 14 before;
// unknown unless both windows hold kMinTrendCases cases.
Trend trend_of(const std::vector<std::pair<std::int64_t, double>>& dated_scores, std::int64_t now_ms);

}  // namespace parley::people
