// Who should take a case: a pure function from the case's needs and the team's current state to one person
// and a sentence saying why. Pure so it can be tested exhaustively and replayed from the case log, and so the
// caller owns all state (open counts, the round-robin cursor, shift status from each person's BusinessClock).
//
// Hard constraints (a candidate failing any is listed in `excluded` with every reason, never chosen):
//   - off shift;
//   - no free capacity: open_cases >= capacity;
//   - lacks a required skill, or has it below the minimum level (a minimum below 1 counts as 1: listing a
//     skill means the person must have it);
//   - does not speak the request's language, when one is given ("" and "und" mean any). An employee with no
//     languages listed speaks only "en". Codes compare case-insensitively on the primary subtag, so "es-MX"
//     matches "es".
//
// Strategies among the eligible:
//   skills (the default): highest
//       score = 1.0 * fit + 2.0 * free + 1.0 * fairness, where
//       fit      = sum over required skills of min(surplus, 2) + 0.25 * max(surplus - 2, 0),
//                  surplus = level - minimum. The first two levels above the minimum mean a clearly better
//                  answer; beyond that returns diminish and we would rather not pile routine cases on the one
//                  expert, hence the small 0.25 bonus per further level.
//       free     = (capacity - open_cases) / capacity, in (0, 1]. Weighted 2 so that an idle person beats a
//                  nearly full one by about two skill levels: load decides between similar skills, while a
//                  big skill gap (3 levels and more) wins even against the emptiest queue.
//       fairness = min(minutes since last assignment, 60) / 60, 1 if never assigned. Spreads new cases among
//                  otherwise equal people; after an hour everyone counts as equally due, so the term cannot
//                  outweigh skills on a quiet day.
//     score is that sum. Scores within 1e-9 tie and the lower handle (byte order) wins, then the lower index.
//   least_loaded: lowest open_cases / capacity (compared exactly), then the longest since last assignment
//     (never assigned first), then the lower handle. score = free share.
//   round_robin: the first eligible candidate at or after round_robin_cursor % size, in candidate order,
//     wrapping around. score = 0. The caller stores next_round_robin_cursor for the next case of the team.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "parley/config/engage_model.h"

namespace parley::engage {

struct Candidate {
  const EmployeeDef* employee = nullptr;
  int open_cases = 0;                 // currently assigned, not resolved
  std::int64_t last_assigned_ms = 0;  // 0 = never
  bool on_shift = true;               // working now (from their BusinessClock)
};

struct AssignRequest {
  std::map<std::string, int> required_skills;  // skill -> minimum level
  std::string language;                        // "" or "und" = any
  AssignStrategy strategy = AssignStrategy::skills;
  std::uint64_t round_robin_cursor = 0;        // caller keeps it per team; chosen index advances it
};

struct AssignDecision {
  int chosen = -1;  // index into candidates, -1 = nobody fits now (queue)
  double score = 0;
  // Why this person, e.g. "best skills score 4.05 (fit 2.25, free 0.40, fairness 1.00): skills refunds 5/2;
  // speaks es; 6/10 open; on shift; never assigned before". Why nobody, when chosen is -1.
  std::string reason;
  // "handle: why not" for the first kMaxExplainedExclusions candidates that could not take it (in candidate
  // order), and how many could not in all. Capped because the reasons are stored with every assignment
  // event: for a team of 1,000, spelling out 1,000 reasons cost ~0.4 ms and tens of KB per case.
  std::vector<std::string> excluded;
  std::size_t excluded_total = 0;
  std::uint64_t next_round_robin_cursor = 0;    // chosen + 1, or the request's cursor when nobody is chosen
};

AssignDecision choose_assignee(const AssignRequest& req, std::span<const Candidate> candidates, std::int64_t now_ms);

// The weights of the skills score, named so tests and docs can refer to them.
inline constexpr double kFitWeight = 1.0;
inline constexpr double kFreeWeight = 2.0;
inline constexpr double kFairnessWeight = 1.0;
inline constexpr double kExpertBonusPerLevel = 0.25;
inline constexpr int kFullCreditSurplus = 2;
inline constexpr std::int64_t kFairnessCapMs = 60 * 60 * 1000;
inline constexpr std::size_t kMaxExplainedExclusions = 20;

}  // namespace parley::engage
