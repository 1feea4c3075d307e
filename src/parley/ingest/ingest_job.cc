#include "parley/ingest/ingest_job.h"

#include <malloc.h>
#include <sys/types.h>

namespace parley::ingest {

namespace {
constexpr std::size_t kMaxQueuedBatches = 2;
constexpr std::uint64_t kTrimEveryBatches = 8;
}

IngestJob::IngestJob(Store& store, IngestOptions opts, std::function<void(const Rejection&)> on_reject,
                     std::function<void(const IngestSummary&)> on_progress)
    : store_(store), opts_(std::move(opts)), on_reject_(std::move(on_reject)), on_progress_(std::move(on_progress)) {
  batch_.posts.reserve(opts_.batch_size);
  writer_ = std::thread([this] { writer_loop(); });
}

IngestJob::~IngestJob() {
  {
    std::lock_guard lock(m_);
    closing_ = true;
  }
  cv_.notify_all();
  if (writer_.joinable()) writer_.join();
}

void IngestJob::writer_loop() {
  std::unique_lock lock(m_);
  for (;;) {
    cv_.wait(lock, [&] { return closing_ || !queue_.empty(); });
    if (queue_.empty()) return;  // closing, and nothing left to write
    Batch batch = std::move(queue_.front());
    queue_.pop_front();
    writing_ = true;
    cv_.notify_all();  // a slot is free for the reader
    lock.unlock();
    auto r = store_.upsert_posts(batch.posts, batch.analyses);
    batch = {};
    // The reading thread allocates each batch and this thread frees it; glibc keeps such cross-thread frees
    // in the reader's arena without handing them back, and resident memory crept up with the input size
    // (1M analysed posts: 234 MB). Trimming now and then keeps it flat; trimming is not free (it walks the
    // heap), so not after every batch.
    if (++batches_written_ % kTrimEveryBatches == 0) malloc_trim(0);
    lock.lock();
    writing_ = false;
    if (r) {
      summary_.inserted += r->inserted;
      summary_.updated += r->updated;
      summary_.duplicates += r->duplicates;
    } else if (store_error_.is_ok()) {
      store_error_ = r.status();
      queue_.clear();  // nothing after a failed batch may be written, or the counts would lie
    }
    cv_.notify_all();
  }
}

void IngestJob::flush() {
  if (batch_.posts.empty()) return;
  std::unique_lock lock(m_);
  cv_.wait(lock, [&] { return queue_.size() < kMaxQueuedBatches || !store_error_.is_ok(); });
  if (store_error_.is_ok()) queue_.push_back(std::move(batch_));
  batch_ = {};
  batch_.posts.reserve(opts_.batch_size);
  lock.unlock();
  cv_.notify_all();
}

void IngestJob::drain() {
  flush();
  std::unique_lock lock(m_);
  cv_.wait(lock, [&] { return (queue_.empty() && !writing_) || !store_error_.is_ok(); });
}

bool IngestJob::stopped() const {
  std::lock_guard lock(m_);
  return strict_stop_ || !store_error_.is_ok();
}

IngestSummary IngestJob::summary() const {
  std::lock_guard lock(m_);
  return summary_;
}

void IngestJob::report_progress() {
  if (on_progress_) on_progress_(summary());
}

Status IngestJob::run(std::FILE* in, const std::string& name) {
  if (stopped()) {
    std::lock_guard lock(m_);
    return store_error_;
  }
  current_file_ = name;
  bytes_before_file_ = summary().bytes;
  Status s = read_input(in, name, opts_.reader, *this);
  if (off_t end = ftello(in); end > 0) {
    std::lock_guard lock(m_);
    summary_.bytes = bytes_before_file_ + static_cast<std::uint64_t>(end);
  }
  {
    std::lock_guard lock(m_);
    if (!store_error_.is_ok()) return store_error_;
  }
  if (!s) {
    // The input as a whole could not be read (empty, binary, unknown format): one rejection for the file;
    // the other inputs still go in.
    {
      std::lock_guard lock(m_);
      ++summary_.read;
      ++summary_.rejected;
    }
    if (on_reject_) on_reject_(Rejection{name, 0, s.message()});
    if (opts_.strict) strict_stop_ = true;
  }
  return Status::ok();
}

Status IngestJob::finish() {
  drain();
  report_progress();
  std::lock_guard lock(m_);
  return store_error_;
}

void IngestJob::post(Post&& p, std::uint64_t /*line*/) {
  if (strict_stop_) return;
  {
    std::lock_guard lock(m_);
    if (!store_error_.is_ok()) return;
    ++summary_.read;
  }
  p.created_at_ms += opts_.shift_ms;
  if (opts_.analyzer) batch_.analyses.push_back(opts_.analyzer->analyze(p));
  batch_.posts.push_back(std::move(p));
  if (batch_.posts.size() >= opts_.batch_size) flush();
}

void IngestJob::reject(std::uint64_t line, std::string reason) {
  if (strict_stop_) return;
  {
    std::lock_guard lock(m_);
    if (!store_error_.is_ok()) return;
    ++summary_.read;
    ++summary_.rejected;
  }
  if (on_reject_) on_reject_(Rejection{current_file_, line, std::move(reason)});
  if (opts_.strict) {
    drain();  // keep what came before the bad record, as documented
    strict_stop_ = true;
  }
}

void IngestJob::progress(std::uint64_t bytes) {
  {
    std::lock_guard lock(m_);
    summary_.bytes = bytes_before_file_ + bytes;
  }
  report_progress();
}

}  // namespace parley::ingest
