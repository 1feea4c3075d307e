#include "parley/people/skill_level.h"

#include <algorithm>
#include <cmath>

namespace parley::people {

double evidence_level(double score) { return 1 + 4 * std::clamp(score, 0.0, 1.0); }

SkillEstimate estimate_level(std::optional<int> declared, const std::vector<double>& scores) {
  SkillEstimate e;
  e.prior = declared ? std::clamp<double>(*declared, 1, 5) : kNeutralLevel;
  e.n = static_cast<int>(scores.size());
  double sum = 0, sum_sq = 0;
  for (double s : scores) {
    double l = evidence_level(s);
    sum += l;
    sum_sq += l * l;
  }
  const double weight = kPriorWeight + e.n;
  e.level = (kPriorWeight * e.prior + sum) / weight;
  e.confidence = e.n / weight;
  e.enough = e.n >= kMinEvidence;
  // The spread of evidence levels, shrunk towards a prior spread of 1 level with the same weight k, so two
  // identical cases do not claim certainty; the interval narrows as 1 / sqrt(n + k).
  const double prior_var = 1.0;
  double var = prior_var;
  if (e.n > 1) {
    double mean = sum / e.n;
    double sample_var = std::max(0.0, sum_sq / e.n - mean * mean);
    var = (kPriorWeight * prior_var + e.n * sample_var) / weight;
  }
  const double half = 1.645 * std::sqrt(var / weight);
  e.low = std::max(1.0, e.level - half);
  e.high = std::min(5.0, e.level + half);
  return e;
}

std::string_view to_string(TrendDirection d) {
  switch (d) {
    case TrendDirection::up: return "up";
    case TrendDirection::down: return "down";
    case TrendDirection::flat: return "flat";
    case TrendDirection::unknown: break;
  }
  return "unknown";
}

Trend trend_of(const std::vector<std::pair<std::int64_t, double>>& dated_scores, std::int64_t now_ms) {
  Trend t;
  double recent = 0, previous = 0;
  for (const auto& [at, score] : dated_scores) {
    if (at >= now_ms) continue;
    if (at >= now_ms - kTrendWindowMs) {
      recent += evidence_level(score);
      ++t.recent_n;
    } else if (at >= now_ms - 2 * kTrendWindowMs) {
      previous += evidence_level(score);
      ++t.previous_n;
    }
  }
  if (t.recent_n > 0) t.recent = recent / t.recent_n;
  if (t.previous_n > 0) t.previous = previous / t.previous_n;
  if (t.recent_n < kMinTrendCases || t.previous_n < kMinTrendCases) return t;
  t.delta = *t.recent - *t.previous;
  t.direction = *t.delta >= kTrendStep    ? TrendDirection::up
                : *t.delta <= -kTrendStep ? TrendDirection::down
                                          : TrendDirection::flat;
  return t;
}

}  // namespace parley::people
