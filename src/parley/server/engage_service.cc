#include "parley/server/engage_service.h"

#include "parley/text/analyzer_from_config.h"

namespace parley::server {

Result<std::unique_ptr<EngageService>> EngageService::open(const std::string& db_path, const std::string& config_path,
                                                           const Clock& clock, EventSink sink) {
  std::unique_ptr<EngageService> s(new EngageService());
  s->db_path_ = db_path;
  s->config_path_ = config_path;
  s->clock_ = &clock;
  s->sink_ = std::move(sink);
  auto config = config_path.empty() ? Result<OrgConfig>(OrgConfig{}) : load_org_config(config_path);
  if (!config) return config.status();
  s->config_ = std::make_shared<const OrgConfig>(std::move(*config));
  auto store = sqlite::SqliteStore::open(db_path);
  if (!store) return store.status();
  s->store_ = std::move(*store);
  auto analyzer = text::analyzer_from_config(config_path);
  if (!analyzer) return analyzer.status();
  s->analyzer_ = std::move(*analyzer);
  s->engine_ = std::make_unique<engage::CaseEngine>(s->store_->connection(), *s->store_, clock, s->analyzer_.get());
  if (auto st = s->engine_->set_config(s->config_); !st) return st;
  if (auto st = s->engine_->load(); !st) return st;
  auto routed = s->engine_->route_pending();  // whatever was stored while parley was not running
  if (!routed) return routed.status();
  s->publish(*routed);
  EngageService* self = s.get();
  s->timer_thread_ = std::make_unique<engage::TimerThread>(
      s->engine_->timers(), clock, [self](std::vector<std::uint64_t> keys) {
        std::vector<engage::CaseEvent> events;
        {
          std::lock_guard lock(self->engine_mu_);
          auto fired = self->engine_->fire_due(keys);
          if (fired) events = std::move(*fired);
        }
        self->publish(events);
      });
  s->writer_ = std::thread([self] { self->writer_loop(); });
  return s;
}

EngageService::~EngageService() { stop(); }

void EngageService::stop() {
  {
    std::lock_guard lock(queue_mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  queue_cv_.notify_all();
  if (writer_.joinable()) writer_.join();
  if (timer_thread_) timer_thread_->stop();
}

void EngageService::publish(const std::vector<engage::CaseEvent>& events) {
  if (sink_ && !events.empty()) sink_(events);
}

std::shared_ptr<const OrgConfig> EngageService::config() const {
  std::shared_lock lock(config_mu_);
  return config_;
}

Result<IngestReply> EngageService::ingest(std::vector<Post> posts) {
  auto p = std::make_unique<Pending>();
  p->analyses.reserve(posts.size());
  {
    // Analysis runs here, on the request's thread, so requests analyse in parallel (a shared lock: only a
    // reload, which swaps the analyser, takes it exclusively); only the write is serial.
    std::shared_lock lock(config_mu_);
    for (const auto& post : posts) p->analyses.push_back(analyzer_->analyze(post));
  }
  p->posts = std::move(posts);
  std::shared_ptr<Batch> batch;
  std::size_t index = 0;
  {
    std::lock_guard lock(queue_mu_);
    if (stopping_) return Status::error("the server is shutting down");
    // Everything queued until the writer takes the queue is one batch, answered by one wake-up.
    if (!open_batch_) {
      open_batch_ = std::make_shared<Batch>();
      open_batch_->ready = open_batch_->done.get_future().share();
    }
    batch = open_batch_;
    index = queue_.size();
    queue_.push_back(std::move(p));
  }
  queue_cv_.notify_one();
  batch->ready.wait();
  // The writer filled the batch before set_value(); each request takes only its own slot.
  if (!batch->failure.is_ok()) return batch->failure;
  return std::move(batch->replies[index]);
}

void EngageService::writer_loop() {
  for (;;) {
    std::vector<std::unique_ptr<Pending>> group;
    std::shared_ptr<Batch> batch;
    {
      std::unique_lock lock(queue_mu_);
      queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) return;
      // The queue is exactly the open batch, in order (a request's index is its place in the queue).
      group = std::move(queue_);
      queue_.clear();
      batch = std::move(open_batch_);
      open_batch_.reset();
    }
    // The group's posts in queue order, moved (request i's are the next group[i]->size of them).
    std::vector<Post> posts;
    std::vector<text::Analysis> analyses;
    std::vector<std::size_t> request_posts(group.size());
    for (std::size_t i = 0; i < group.size(); ++i) {
      request_posts[i] = group[i]->posts.size();
      for (auto& x : group[i]->posts) posts.push_back(std::move(x));
      for (auto& a : group[i]->analyses) analyses.push_back(std::move(a));
    }
    std::vector<engage::CaseEvent> events;
    Status failure;
    std::vector<IngestReply> replies(group.size());
    {
      std::lock_guard lock(engine_mu_);
      // One transaction, one fsync: the posts and the cases they open or move.
      auto counts = store_->upsert_posts_and(posts, analyses, [&]() -> Status {
        auto routed = engine_->route_pending(true);
        if (!routed) return routed.status();
        events = std::move(*routed);
        return Status::ok();
      });
      if (!counts) {
        failure = counts.status();
        events.clear();
        (void)engine_->load();  // the rollback undid cases and the cursor: re-read them
      }
      if (failure.is_ok()) {
        // Each request learns where its posts went: their ids and the case each one joined or opened.
        Status prepared;
        if (!reply_rows_prepared_) {
          auto st = store_->connection().prepare(
              "SELECT p.id, (SELECT case_id FROM case_conversations WHERE conversation_id = p.conversation_id) "
              "FROM posts p WHERE p.source = ?1 AND p.external_id = ?2");
          if (st) reply_rows_ = std::move(*st), reply_rows_prepared_ = true;
          else prepared = st.status();
        }
        sqlite::Statement* st = &reply_rows_;
        if (!prepared.is_ok()) {
          failure = prepared;
        } else {
          std::size_t next = 0;
          for (std::size_t i = 0; i < group.size(); ++i) {
            for (std::size_t k = 0; k < request_posts[i]; ++k) {
              const Post& post = posts[next++];
              IngestedPost ip{post.source, post.external_id, 0, 0};
              st->reset();
              st->bind(1, std::string_view(post.source)).bind(2, std::string_view(post.external_id));
              auto row = st->step();
              if (row && *row) {
                ip.id = st->int64(0);
                ip.case_id = st->is_null(1) ? 0 : st->int64(1);
              }
              replies[i].posts.push_back(std::move(ip));
            }
            st->reset();
          }
          // Counts are per group; attribute them to requests by their own posts' outcome is not tracked
          // by the store, so each request gets the group's totals only when it is alone.
          for (std::size_t i = 0; i < group.size(); ++i)
            if (group.size() == 1) replies[i].counts = *counts;
        }
      }
    }
    if (timer_thread_) timer_thread_->poke_if_sooner();
    // Published before the requests are answered: a client that saw its answer finds the events out.
    publish(events);
    batch->failure = failure;
    if (failure.is_ok()) batch->replies = std::move(replies);
    batch->done.set_value();  // wakes every request of the batch at once
  }
}

Result<std::vector<engage::CaseEvent>> EngageService::act(std::int64_t case_id, const engage::Action& action) {
  Result<std::vector<engage::CaseEvent>> r = Status::error("not run");
  {
    std::lock_guard lock(engine_mu_);
    r = engine_->act(case_id, action);
  }
  if (timer_thread_) timer_thread_->poke();
  if (r) publish(*r);
  return r;
}

Status EngageService::reload_config() {
  auto config = load_org_config(config_path_);
  if (!config) return config.status();
  auto analyzer = text::analyzer_from_config(config_path_);
  if (!analyzer) return analyzer.status();
  auto shared = std::make_shared<const OrgConfig>(std::move(*config));
  std::lock_guard engine_lock(engine_mu_);
  if (auto s = engine_->set_config(shared); !s) return s;
  std::unique_lock lock(config_mu_);  // no request is analysing while the analyser is swapped
  config_ = shared;
  std::swap(analyzer_, *analyzer);
  engine_->set_analyzer(analyzer_.get());
  return engine_->load();  // recounts loads and reschedules the clocks under the new calendars
}

void EngageService::with_engine(const std::function<void(engage::CaseEngine&)>& f) {
  std::lock_guard lock(engine_mu_);
  f(*engine_);
}

void EngageService::with_connection(const std::function<void(sqlite::Connection&)>& f) {
  std::lock_guard lock(engine_mu_);
  f(store_->connection());
}

Status EngageService::fire_due_timers() {
  std::vector<engage::CaseEvent> events;
  {
    std::lock_guard lock(engine_mu_);
    auto keys = engine_->timers().pop_due(clock_->now_ms());
    auto fired = engine_->fire_due(keys);
    if (!fired) return fired.status();
    events = std::move(*fired);
  }
  publish(events);
  return Status::ok();
}

}  // namespace parley::server
