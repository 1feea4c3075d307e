// Recognition backed by data: points and badges for work that helped someone, and leaderboards per team
// and period. Volume alone earns nothing: a resolved case scores only when its outcome was good, a day's
// resolved-case points are capped, and kudos are capped per colleague, so splitting cases, cherry-picking
// easy ones or trading kudos with a friend does not climb the board (docs/growth.md, "Recognition").
// Computed on read from the evidence rows, peer feedback, knowledge uses and goals.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/config/engage_model.h"
#include "parley/core/status.h"
#include "parley/store/sqlite/connection.h"

namespace parley::people {

// Points per reason (docs/growth.md).
inline constexpr std::int64_t kPointsResolvedWell = 1;    // a credited resolved case scoring >= kGoodScore
inline constexpr double kGoodScore = 0.6;
inline constexpr std::int64_t kMaxResolvedPerDay = 10;    // resolved-well points a day, at most
inline constexpr std::int64_t kPointsDelighted = 3;       // CSAT 5
inline constexpr std::int64_t kPointsPraised = 2;         // the customer posted praise after the first answer
inline constexpr std::int64_t kPointsTurnaround = 2;      // a complaint whose customer's sentiment rose 0.5+
inline constexpr std::int64_t kPointsAccepted = 5;        // an answer accepted as the answer
inline constexpr std::int64_t kPointsReused = 2;          // an article used by someone else, per case
inline constexpr std::int64_t kPointsKudos = 2;           // kudos on a reply
inline constexpr std::int64_t kMaxKudosPerGiver = 3;      // kudos from one colleague that score, per period
inline constexpr std::int64_t kPointsGoalMet = 10;        // a goal met, in the period its end falls in

struct PointLine {
  std::string reason;      // resolved_well | delighted | praised | turnaround | accepted_answer | knowledge_reused | kudos | goal_met
  std::int64_t count = 0;  // events that scored
  std::int64_t points = 0;
  std::int64_t not_scored = 0;          // events over a cap (resolved_well, kudos): shown, worth nothing
  std::vector<std::int64_t> case_ids;   // the cases behind it (up to 50), for the drill-down
};

struct Badge {
  std::string id, name, description;
  std::int64_t have = 0, need = 0;
  bool earned = false;
};

struct Recognition {
  std::string handle, name;
  std::int64_t points = 0;
  int rank = 0;                  // in its leaderboard, ties share a rank; 0 outside one
  std::vector<PointLine> lines;  // every reason, in a fixed order
  std::vector<Badge> badges;     // every badge, earned or not
};

// Points and badges of each of `handles` for [since, until); goals count when their period ended in it and
// they were met as of `now_ms`.
Result<std::vector<Recognition>> recognise(sqlite::Connection& db, const EngageConfig& config,
                                           const std::vector<std::string>& handles, std::int64_t since,
                                           std::int64_t until, std::int64_t now_ms);

// The team's members, most points first (then by handle), ranked.
Result<std::vector<Recognition>> leaderboard(sqlite::Connection& db, const EngageConfig& config,
                                             const std::string& team, std::int64_t since, std::int64_t until,
                                             std::int64_t now_ms);

nlohmann::json to_json(const Recognition& r, bool with_lines);
// For analysts: the distribution of points and how many earned each badge, naming nobody.
nlohmann::json aggregate_json(const std::vector<Recognition>& board);

}  // namespace parley::people
