// The case engine: turns stored posts into cases and keeps them moving. It tails the posts table (every
// post with an id above its durable cursor), so posts from the webhook, from `parley ingest` and from
// replies sent through parley are all handled the same way, and a crash between storing a post and routing
// it only delays the routing to the next start. It opens cases through the routing rules, assigns them by
// skill, runs the SLA clocks on a timer queue, and applies the actions people take. Every change is a row
// in case_events, written in the same transaction as the change itself.
//
// Not thread-safe: the server serialises calls (one writer), as SQLite would anyway.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/config/org_config.h"
#include "parley/core/status.h"
#include "parley/core/time.h"
#include "parley/engage/business_clock.h"
#include "parley/engage/case_types.h"
#include "parley/engage/timer_queue.h"
#include "parley/store/sqlite/connection.h"
#include "parley/store/store.h"
#include "parley/text/analyzer.h"

namespace parley::engage {

// What a person asks the engine to do to a case. `args` by type (docs/engage.md):
//   reply {text}                     note {text}
//   assign {to}                      handoff {team, reason, to?}
//   tag {add: [...], remove: [...]}  priority {value}
//   wait {}  resolve {}  reopen {}   merge {into}
//   csat {score 1-5}                 accept {post_id}
struct Action {
  std::string type;
  std::string actor;  // the signed-in user's name
  nlohmann::json args = nlohmann::json::object();
};

class CaseEngine {
 public:
  // `db` is the store's own connection (same file, same thread), so the engine's writes do not look like
  // another writer to the store's caches. `analyzer` analyses posts stored without an analysis.
  CaseEngine(sqlite::Connection& db, Store& store, const Clock& clock, const text::Analyzer* analyzer);

  // Installs a (new) configuration: builds the business clocks. The old one stays if this fails.
  Status set_config(std::shared_ptr<const OrgConfig> config);
  const OrgConfig& config() const { return *config_; }
  void set_analyzer(const text::Analyzer* analyzer) { analyzer_ = analyzer; }

  // Reads the engine's state from the database and schedules every running SLA clock: call once after
  // set_config, before anything else.
  Status load();

  // Routes every post stored since the last call, oldest first, in batches of one transaction each.
  // With `in_open_transaction`, the caller holds a write transaction on the same connection and commits
  // it (the server's ingest: posts and their cases in one commit); the engine then opens none.
  Result<std::vector<CaseEvent>> route_pending(bool in_open_transaction = false);

  // Applies one action; the events it caused come back (already committed).
  Result<std::vector<CaseEvent>> act(std::int64_t case_id, const Action& action);

  // Fires the SLA warnings and breaches and shift starts that are due now (keys from the timer queue).
  Result<std::vector<CaseEvent>> fire_due(const std::vector<std::uint64_t>& keys);

  Result<Case> get(std::int64_t case_id);
  TimerQueue& timers() { return timers_; }

  // For the API and tests: open cases per employee as the engine counts them.
  int open_cases(const std::string& handle) const;

  // The cursor: the last posts.id routed.
  std::int64_t routed_through() const { return routed_through_; }

 private:
  struct PostRow;
  struct EmployeeState {
    int open = 0;
    std::int64_t last_assigned = 0;
  };
  using Events = std::vector<CaseEvent>;

  Status prepare();
  Status route_post(const PostRow& p, Events& out);
  Status open_case(const PostRow& p, Events& out);
  Status on_existing(Case& c, const PostRow& p, Events& out);
  Status assign(Case& c, const std::string& actor, const std::string& forced, Events& out);
  Status drain_queue(const std::string& team, Events& out);
  Status start_clock(Case& c, SlaClock clock, std::int64_t from);
  void stop_clock(Case& c, SlaClock clock);
  void schedule(const Case& c);
  Status save(const Case& c);
  Status write_case(sqlite::Statement& st, const Case& c);
  Status event(const Case& c, const std::string& actor, const std::string& type, nlohmann::json data,
               Events& out);
  Result<Case> load_case(std::int64_t id);
  Result<std::int64_t> case_for_conversation(std::int64_t conversation_id);
  bool is_staff(const std::string& handle, AuthorKind kind) const;
  const BusinessClock& clock_for(const std::string& calendar) const;
  const SlaPolicy* policy(const Case& c) const;
  void schedule_shift_check(const std::string& team);
  Status apply(Case& c, const Action& a, Events& out);
  Status release(Case& c, Events& out);  // the case no longer holds its assignee's capacity

  sqlite::Connection& db_;
  Store& store_;
  const Clock& clock_;
  const text::Analyzer* analyzer_;
  std::shared_ptr<const OrgConfig> config_;
  std::map<std::string, BusinessClock> clocks_;  // by calendar name; "" = always open
  std::unordered_map<std::string, EmployeeState> employees_;
  std::map<std::string, std::uint64_t> round_robin_;  // per team
  TimerQueue timers_;
  std::int64_t routed_through_ = 0;
  bool prepared_ = false;

  sqlite::Statement pending_posts_, find_case_conv_, find_case_moved_, insert_case_, insert_case_conv_, insert_event_,
      set_cursor_, select_case_, update_case_, insert_response_, queued_cases_, set_assignee_;
};

// Timer keys: case id * 8 + SlaClock * 2 + (1 = breach, 0 = warning); shift checks use key
// (team index << 3) | 7 with the top bit set, so they never collide with a case.
std::uint64_t sla_timer_key(std::int64_t case_id, SlaClock clock, bool breach);

}  // namespace parley::engage
