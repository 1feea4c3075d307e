#include "parley/demo/case_plan.h"

#include <algorithm>
#include <cmath>

namespace parley::demo {
namespace {

constexpr double kMinute = 60000.0;
constexpr double kLateShare = 0.04;        // answered past the target on purpose (shifts add more)
constexpr double kLateResolveShare = 0.04; // resolved past the resolution target
constexpr double kReopenShare = 0.045;     // customer posts in the data reopen a few more by themselves
constexpr double kAnswerRecentShare = 0.6; // cases in the open window that already got a first answer

}  // namespace

CasePlan plan_case(const CaseFacts& f, SeededRng& rng) {
  CasePlan p;
  const bool internal = f.kind == "internal_question";
  const bool praise = f.kind == "acknowledge" || f.intent == "praise";
  const double fr_target = f.first_response_target_ms > 0 ? f.first_response_target_ms / kMinute : 60;
  const double res_target = f.resolution_target_ms > 0 ? f.resolution_target_ms / kMinute : 0;

  // First answer: a share of the target, so most land inside it; praise within hours although its
  // target is a day, because nobody waits a day to say thanks.
  if (praise) p.answer_after_min = rng.between(8, 300);
  else if (internal) p.answer_after_min = rng.between(15, 0.7 * fr_target);
  else p.answer_after_min = fr_target * rng.between(0.1, 0.75);
  if (!praise && rng.chance(kLateShare)) p.answer_after_min = fr_target * rng.between(1.2, 4.0);

  // Resolution after the first answer, by what was asked.
  if (praise) p.resolve_after_min = rng.between(1, 25);
  else if (internal) p.resolve_after_min = rng.between(10, 240);
  else if (f.intent == "question") p.resolve_after_min = rng.between(10, 360);
  else if (f.intent == "suggestion") p.resolve_after_min = rng.between(120, 2880);
  else if (f.priority == "urgent") p.resolve_after_min = rng.between(45, 900);
  else p.resolve_after_min = rng.between(60, 1800);
  if (res_target > 0 && !praise && rng.chance(kLateResolveShare)) p.resolve_after_min = res_target * rng.between(1.1, 1.8);

  p.accept_community = rng.chance(internal ? 0.6 : 0.25);
  p.note = rng.chance(f.intent == "complaint" ? 0.3 : internal ? 0.2 : 0.05);
  p.csat = !internal && rng.chance(praise ? 0.15 : 0.3);
  p.csat_after_min = rng.between(30, 1200);
  p.reopen = f.kind == "case" && rng.chance(kReopenShare);
  p.reopen_after_min = rng.between(120, 2000);
  p.save_knowledge = !praise && !internal && (f.intent == "question" || f.intent == "complaint") && rng.chance(0.07);
  p.use_knowledge = rng.chance(0.35);

  // The last hours before the end: still open, some with a first answer (their resolution clock runs).
  if (f.age_at_end_ms < f.open_window_ms) {
    p.resolve = false;
    p.csat = p.reopen = p.save_knowledge = false;
    p.answer = f.age_at_end_ms > f.open_window_ms / 3 && rng.chance(kAnswerRecentShare);
  }
  return p;
}

int csat_score(const CsatFacts& f, SeededRng& rng) {
  double s = 4.3;
  if (f.intent == "praise") s += 0.5;
  if (f.first_response_min > 240) s -= 0.6;
  else if (f.first_response_min > 60) s -= 0.3;
  if (f.breached) s -= 0.9;
  if (f.first_sentiment < -0.5) s -= 0.5;
  s -= 0.8 * f.reopens;
  s += rng.between(-1.2, 1.0);
  return static_cast<int>(std::clamp(std::lround(s), 1L, 5L));
}

}  // namespace parley::demo
