// What happens to one case in the demo history, decided once when the case opens from a seeded stream and the
// case's own facts: how soon its assignee answers (by priority and load, ~7% late on purpose; shifts and
// queues make more of them late on their own), how long it takes to resolve (praise at once, complaints in
// hours to a day or two), and whether it is reopened, rated, answered by the community or kept as knowledge.
// Cases from the last hours before the history's end stay open.
#pragma once

#include <cstdint>
#include <string>

#include "parley/demo/seeded_rng.h"

namespace parley::demo {

struct CaseFacts {
  std::string kind;          // case, acknowledge, internal_question
  std::string intent;        // complaint, praise, question, suggestion, other
  std::string priority;      // low, normal, high, urgent
  std::int64_t first_response_target_ms = 0;  // the SLA's first-response target (0: none)
  std::int64_t resolution_target_ms = 0;      // the SLA's resolution target (0: none)
  std::int64_t age_at_end_ms = 0;             // from opening to the end of the history
  std::int64_t open_window_ms = 0;            // younger than this at the end: left open
};

struct CasePlan {
  bool answer = true;          // somebody answers at all
  bool resolve = true;         // and resolves it within the history
  double answer_after_min = 0;  // minutes of the assignee's working time after the case reaches them
  double resolve_after_min = 0; // minutes after the first answer
  bool accept_community = false;  // resolve by accepting a community answer when one exists
  bool note = false;           // an internal note before resolving
  bool csat = false;
  double csat_after_min = 0;
  bool reopen = false;
  double reopen_after_min = 0;
  bool save_knowledge = false; // keep the first answer as a knowledge article
  bool use_knowledge = false;  // look for an article before answering and credit it when one fits
};

CasePlan plan_case(const CaseFacts& f, SeededRng& rng);

struct CsatFacts {
  std::string intent;
  double first_sentiment = 0;      // the opening post's compound, -1..1
  double first_response_min = 0;   // calendar minutes to the first staff answer
  bool breached = false;           // any SLA clock breached
  int reopens = 0;
};

// 1-5: most customers who answer a survey are content; slow or breached answers, angry openings and
// reopens pull the score down, praise pushes it up.
int csat_score(const CsatFacts& f, SeededRng& rng);

}  // namespace parley::demo
