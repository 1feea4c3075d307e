// Where a team is short: the cases it had to handle (demand) by skill and part of the day, against the
// capacity of its members who have that skill (supply) and are on shift then. Numbers first, so a lead can
// see why "Spanish at night" is flagged: 41 cases, 1.4 a day, 0.3 skilled capacity on shift, load 4.6.
// Definitions in docs/people.md ("Team gaps").
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/config/engage_model.h"
#include "parley/core/status.h"
#include "parley/people/shift_cover.h"
#include "parley/people/skill_evidence.h"
#include "parley/people/skill_profile.h"
#include "parley/store/sqlite/connection.h"

namespace parley::people {

inline constexpr double kSkilledLevel = 3;     // effective level that counts as supply
inline constexpr double kMaxLoad = 1.0;        // cases a day per unit of skilled capacity before "short"
inline constexpr std::int64_t kMinShortCases = 3;  // fewer cases in a cell are never a shortage

struct Supplier {
  std::string handle;
  double level = 0;       // effective level
  double capacity = 0;    // capacity x share of the day part on shift
};

struct GapCell {
  std::string skill;
  DayPart part = DayPart::night;
  std::int64_t cases = 0;
  double per_day = 0;
  double skilled_capacity = 0;
  std::optional<double> load;       // per_day / skilled_capacity; nullopt when there is no capacity
  bool shortage = false;
  std::map<std::string, std::int64_t> intents, languages, channels;
  std::vector<Supplier> supply;     // who makes up skilled_capacity, largest first
};

struct MemberPlan {                 // what the recommendations need to know of each member
  const EmployeeDef* employee = nullptr;
  Profile profile;
  std::array<double, kDayParts> on_shift{};
};

struct GapRecommendation {
  std::string kind;                 // learn | pair | hire
  std::string skill;
  std::string person, mentor;       // learn: person, optional mentor; pair: mentor and person (mentee)
  std::vector<DayPart> parts;       // the short day parts this answers
  double capacity_needed = 0;       // hire: skilled capacity missing in the worst part
  std::string reason;
};

struct TeamGaps {
  std::string team, time_zone;
  std::int64_t since = 0, until = 0;
  double days = 0;
  std::int64_t cases = 0;           // cases opened for the team in the range (merged ones left out)
  std::vector<GapCell> cells;       // every (skill, part) with demand, shortages first, then by load
  std::vector<GapRecommendation> recommendations;
};

// Demand over cases opened in [since, until) for the team; supply from the team's members with their
// levels from `evidence` (which may hold everybody's rows) and their calendars. Only skills of the
// organisation's vocabulary (skill_vocabulary) are compared: an implied skill nobody declares ("x-channel")
// cannot be staffed against.
Result<TeamGaps> team_gaps(sqlite::Connection& db, const EngageConfig& config, const std::string& team,
                           std::int64_t since, std::int64_t until, const std::vector<CaseEvidence>& evidence,
                           std::int64_t now_ms);

// with_names false: the aggregate for analysts (no supplier list, recommendations without people).
nlohmann::json to_json(const TeamGaps& g, bool with_names);

inline constexpr std::int64_t kDefaultGapRangeMs = 30LL * 24 * 3600 * 1000;

// The range gaps are measured over when none is given: the 30 days up to the team's latest opened case
// (just after it), so an imported or demo history is measured where it is rather than as an empty month
// before today; `now_ms` when the team has no case.
Result<std::pair<std::int64_t, std::int64_t>> default_gap_range(sqlite::Connection& db, const std::string& team,
                                                                 std::int64_t now_ms);

// team_gaps() with the defaults `parley people gaps` and the API use: `until` 0 = just after the team's
// latest case (default_gap_range), `since` 0 = kDefaultGapRangeMs before `until`; levels from all evidence
// up to `until`, not only the range's own cases.
Result<TeamGaps> measure_team_gaps(sqlite::Connection& db, const EngageConfig& config, const std::string& team,
                                   std::int64_t since, std::int64_t until, std::int64_t now_ms);

}  // namespace parley::people
