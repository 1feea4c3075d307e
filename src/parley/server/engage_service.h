// What `parley serve` runs behind its HTTP routes: the store, the analyser and the case engine over one
// SQLite file, with one writer. Webhook posts are analysed on the request's own thread (in parallel), then
// written by a single writer thread that takes everything queued since its last commit as one batch (group
// commit): one fsync covers many requests, and each request is answered only once its posts and their
// routing are durable. SLA timers fire from a timer thread; every case event goes to the event sink (the
// SSE hub) after it is committed.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "parley/config/org_config.h"
#include "parley/core/status.h"
#include "parley/core/time.h"
#include "parley/engage/case_engine.h"
#include "parley/engage/timer_queue.h"
#include "parley/store/sqlite/sqlite_store.h"
#include "parley/text/analyzer.h"

namespace parley::server {

struct IngestedPost {
  std::string source, external_id;
  std::int64_t id = 0;        // posts.id
  std::int64_t case_id = 0;   // 0 = no case (ignored, not routed, or the organisation's own post)
};

struct IngestReply {
  UpsertCounts counts;
  std::vector<IngestedPost> posts;
};

using EventSink = std::function<void(const std::vector<engage::CaseEvent>&)>;

class EngageService {
 public:
  // Opens the database (creating it), loads the config, restores the engine's timers and routes whatever
  // was stored but not yet routed. `clock` must outlive the service.
  static Result<std::unique_ptr<EngageService>> open(const std::string& db_path, const std::string& config_path,
                                                     const Clock& clock, EventSink sink);
  ~EngageService();

  // Analyses, stores and routes posts; returns when they are durable (group commit).
  Result<IngestReply> ingest(std::vector<Post> posts);

  // A person's action on a case.
  Result<std::vector<engage::CaseEvent>> act(std::int64_t case_id, const engage::Action& action);

  // Re-reads the config file; the running config stays if the new one has errors (returned).
  Status reload_config();
  std::shared_ptr<const OrgConfig> config() const;
  const std::string& db_path() const { return db_path_; }

  // Runs `f` with the engine under the writer lock (reads that need the engine's own view, tests).
  void with_engine(const std::function<void(engage::CaseEngine&)>& f);
  // Runs `f` with the writer's connection under the writer lock (knowledge writes).
  void with_connection(const std::function<void(sqlite::Connection&)>& f);

  // Fires due SLA timers now (the timer thread does this by itself; tests with a fake clock call it).
  Status fire_due_timers();

  void stop();

 private:
  struct Pending {
    std::vector<Post> posts;
    std::vector<text::Analysis> analyses;
  };
  // The requests the writer takes in one go: one commit, one wake-up for all of them.
  struct Batch {
    std::promise<void> done;
    std::shared_future<void> ready;
    Status failure;                   // set before `done`: the batch failed as a whole
    std::vector<IngestReply> replies;  // set before `done`: one per request, in queue order
  };
  EngageService() = default;
  void writer_loop();
  void publish(const std::vector<engage::CaseEvent>& events);

  std::string db_path_, config_path_;
  const Clock* clock_ = nullptr;
  EventSink sink_;
  std::unique_ptr<sqlite::SqliteStore> store_;
  std::unique_ptr<text::Analyzer> analyzer_;
  std::unique_ptr<engage::CaseEngine> engine_;
  std::unique_ptr<engage::TimerThread> timer_thread_;
  mutable std::mutex engine_mu_;  // the one writer: engine, store
  std::shared_ptr<const OrgConfig> config_;
  mutable std::shared_mutex config_mu_;  // shared: analysing, reading the config; exclusive: reload

  // The writer's look-up of where each request's posts went, prepared once (used under engine_mu_).
  sqlite::Statement reply_rows_;
  bool reply_rows_prepared_ = false;

  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::vector<std::unique_ptr<Pending>> queue_;
  std::shared_ptr<Batch> open_batch_;  // the batch that queue_ belongs to; null while queue_ is empty
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace parley::server
