// Every resolved case is evidence about the people who worked it: was the customer answered and helped in
// time, did they leave happier, did the case stay solved, did they rate it, did the community accept the
// answer, was the knowledge written from it used again. This file turns one case into a score in [0, 1]
// from those parts, and reads the scored cases of a time range, each credited to the employees who
// resolved or answered it. Computed on read from the cases tables (docs/people.md, "Evidence").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/config/engage_model.h"
#include "parley/core/status.h"
#include "parley/store/sqlite/connection.h"

namespace parley::people {

// Each part is in [0, 1], or nullopt when the case says nothing about it (no deadline, no CSAT, ...).
struct EvidenceParts {
  std::optional<double> first_response_sla;  // 1 met, 0 breached
  std::optional<double> resolution_sla;      // 1 met, 0 breached
  std::optional<double> sentiment_lift;      // (last - first customer sentiment + 1) / 2, clamped
  std::optional<double> not_reopened;        // 1 never reopened, 0 reopened
  std::optional<double> csat;                // (score - 1) / 4
  std::optional<double> community_accepted;  // 1: the credited person's community answer was accepted
  std::optional<double> knowledge_reuse;     // 1: an article saved from this case by them was used again
  std::optional<double> peer_kudos;          // 1: a colleague gave kudos to their reply on this case
};

// Weights of the parts (docs/people.md): CSAT is the customer's own verdict and counts double.
inline constexpr double kCsatWeight = 2;

// The weighted mean of the parts present; nullopt when none is (the case is then no evidence).
std::optional<double> evidence_score(const EvidenceParts& p);

// One resolved case credited to one employee.
struct CaseEvidence {
  std::int64_t case_id = 0;
  std::string employee;
  std::string credit;        // assignee | responder | community (an accepted answer on someone else's case)
  std::string team, intent, language, source;
  std::int64_t opened_at = 0, resolved_at = 0;
  std::vector<std::string> skills;  // case_skills()
  EvidenceParts parts;
  double score = 0.5;
};

struct EvidenceQuery {
  std::int64_t resolved_since = 0, resolved_until = 0;  // Unix ms, [since, until); 0 = open
  std::string employee;                                 // "" = everybody
};

// Resolved cases in the range, one row per (case, credited employee), credited employees being those in
// the config: the assignee when staff resolved it, every staff responder, and the author of an accepted
// community answer. Cases with no evidence part are left out. Ordered by resolved_at, then case id.
Result<std::vector<CaseEvidence>> load_evidence(sqlite::Connection& db, const EngageConfig& config,
                                                const EvidenceQuery& q);

nlohmann::json to_json(const EvidenceParts& p);
nlohmann::json to_json(const CaseEvidence& e);

}  // namespace parley::people
