// The demo's growth history: the peer feedback and social goals a team would have after the demo month,
// so My growth, Recognition and the case view's kudos show something on a fresh `make demo`. Written
// through the same calls the API makes (give_feedback, add_goal) over the cases the history replay left,
// and decided by a seeded stream per reply and per person, so the same demo gives the same feedback.
// Everything here is synthetic, like the demo's posts (data/demo/README.md).
#pragma once

#include <cstdint>

#include "parley/config/org_config.h"
#include "parley/core/status.h"
#include "parley/store/sqlite/connection.h"

namespace parley::demo {

struct GrowthSeedSummary {
  std::uint64_t kudos = 0, comments = 0, goals = 0;
};

// Over the staff replies on cases resolved by `until_ms`: teammates give kudos to some replies on cases
// that went well (CSAT 4+ or the customer clearly happier), leads leave a few comments (praise or a
// concrete next step); each employee who works cases gets a goal for the month that ended at `until_ms`
// (set by their lead, else themselves) and one for the month after it.
Result<GrowthSeedSummary> seed_growth(sqlite::Connection& db, const OrgConfig& config, std::uint64_t seed,
                                      std::int64_t until_ms);

}  // namespace parley::demo
