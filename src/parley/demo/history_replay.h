// The demo history: a month of the demo organisation's posts replayed in time order through the real case
// engine, with a clock that is moved to each post's time (so routing and assignment see the capacity and
// shifts of that moment, and SLA timers fire at their real deadlines), and with the work people would have
// done in between: replies, notes, resolutions, reopenings, CSAT scores, accepted community answers and
// knowledge saved and reused, each through the same calls the HTTP API makes (CaseEngine::act,
// KnowledgeBase). Nothing writes a case row directly. What happens to each case comes from plan_case
// (case_plan.h) with a stream seeded by the run's seed and the case's opening post, so the same seed and the
// same posts give the same history.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "parley/config/org_config.h"
#include "parley/core/status.h"
#include "parley/store/sqlite/sqlite_store.h"
#include "parley/text/analyzer.h"

namespace parley::demo {

struct HistoryOptions {
  std::uint64_t seed = 1;
  // Nobody works a case after this instant; posts after it are still routed at their own time. Default:
  // the newest post's time.
  std::optional<std::int64_t> until_ms;
  // Cases younger than this at `until` are left open (the live inbox).
  std::int64_t open_window_ms = 36LL * 3600 * 1000;
};

struct HistorySummary {
  std::uint64_t posts = 0, cases = 0, open = 0, resolved = 0, breached = 0;
  std::uint64_t replies = 0, notes = 0, csat = 0, reopened = 0, accepted = 0, articles = 0, article_uses = 0;
  std::int64_t first_ms = 0, until_ms = 0;
};

// Replays every post of `staging` (a store the demo was ingested into) into `target`, which must hold no
// posts yet, with `config`'s engine (its outboxes are ignored: history replies were delivered long ago).
// `analyzer` analyses each post as ingest would.
Result<HistorySummary> replay_history(sqlite::SqliteStore& staging, sqlite::SqliteStore& target,
                                      const OrgConfig& config, const text::Analyzer& analyzer,
                                      const HistoryOptions& options);

}  // namespace parley::demo
