#include "parley/ingest/ingest_job.h"

#include <sys/types.h>

namespace parley::ingest {

IngestJob::IngestJob(Store& store, IngestOptions opts, std::function<void(const Rejection&)> on_reject,
                     std::function<void(const IngestSummary&)> on_progress)
    : store_(store), opts_(std::move(opts)), on_reject_(std::move(on_reject)), on_progress_(std::move(on_progress)) {
  batch_.reserve(opts_.batch_size);
}

Status IngestJob::run(std::FILE* in, const std::string& name) {
  if (stopped_) return store_error_;
  current_file_ = name;
  bytes_before_file_ = summary_.bytes;
  Status s = read_input(in, name, opts_.reader, *this);
  if (off_t end = ftello(in); end > 0) summary_.bytes = bytes_before_file_ + static_cast<std::uint64_t>(end);
  if (!store_error_.is_ok()) return store_error_;
  if (!s) {
    // The input as a whole could not be read (empty, binary, unknown format): one rejection for the file;
    // the other inputs still go in.
    ++summary_.read;
    ++summary_.rejected;
    if (on_reject_) on_reject_(Rejection{name, 0, s.message()});
    if (opts_.strict) stopped_ = true;
  }
  return Status::ok();
}

Status IngestJob::finish() {
  if (!store_error_.is_ok()) return store_error_;
  return flush();
}

Status IngestJob::flush() {
  if (batch_.empty()) return Status::ok();
  auto r = store_.upsert_posts(batch_);
  batch_.clear();
  if (!r) {
    store_error_ = r.status();
    stopped_ = true;
    return store_error_;
  }
  summary_.inserted += r->inserted;
  summary_.updated += r->updated;
  summary_.duplicates += r->duplicates;
  if (on_progress_) on_progress_(summary_);
  return Status::ok();
}

void IngestJob::post(Post&& p, std::uint64_t /*line*/) {
  if (stopped_) return;
  ++summary_.read;
  batch_.push_back(std::move(p));
  if (batch_.size() >= opts_.batch_size) (void)flush();
}

void IngestJob::reject(std::uint64_t line, std::string reason) {
  if (stopped_) return;
  ++summary_.read;
  ++summary_.rejected;
  if (on_reject_) on_reject_(Rejection{current_file_, line, std::move(reason)});
  if (opts_.strict) {
    (void)flush();  // keep what came before the bad record, as documented
    stopped_ = true;
  }
}

void IngestJob::progress(std::uint64_t bytes) {
  summary_.bytes = bytes_before_file_ + bytes;
  if (on_progress_) on_progress_(summary_);
}

}  // namespace parley::ingest
