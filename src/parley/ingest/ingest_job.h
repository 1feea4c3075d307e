// One `parley ingest` run: pulls records from the format readers, writes them to the Store in batches of
// one transaction each, and keeps the counts and rejections that the summary reports. Parsing (the
// caller's thread) and writing (a writer thread that alone uses the Store during the run) overlap, so a
// run costs about the larger of the two rather than their sum; at most two batches wait between them. Acknowledged means
// committed: the summary counts only what a committed batch holds, so a killed run loses nothing it
// reported, and running it again adds exactly what is missing (upserts are idempotent by source id).
#pragma once

#include <cstdint>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "parley/ingest/reader.h"
#include "parley/store/store.h"
#include "parley/text/analyzer.h"

namespace parley::ingest {

struct Rejection {
  std::string file;
  std::uint64_t line = 0;  // 0 = the input as a whole
  std::string reason;
};

struct IngestSummary {
  std::uint64_t read = 0;        // records seen: posts + rejected
  std::uint64_t inserted = 0;    // new posts stored
  std::uint64_t updated = 0;     // known posts whose content changed
  std::uint64_t duplicates = 0;  // known posts, unchanged
  std::uint64_t rejected = 0;    // records not stored, each reported with file and line
  std::uint64_t bytes = 0;       // input bytes consumed
};

struct IngestOptions {
  ReaderOptions reader;
  bool strict = false;              // stop at the first rejected record (what came before it is kept)
  std::size_t batch_size = 5000;    // posts per transaction
  // Analyses each post on the reading thread and stores the analysis with it; nullptr stores posts only.
  const text::Analyzer* analyzer = nullptr;
  // Added to every post's time: replays a recorded dataset as if it were recent (demos, load tests).
  std::int64_t shift_ms = 0;
};

class IngestJob final : private RecordSink {
 public:
  // `on_reject` sees every rejection as it happens (the CLI prints the first 20 and may log all).
  // `on_progress` is called after each committed batch and on reader progress, with the running summary.
  IngestJob(Store& store, IngestOptions opts, std::function<void(const Rejection&)> on_reject,
            std::function<void(const IngestSummary&)> on_progress = {});
  ~IngestJob();
  IngestJob(const IngestJob&) = delete;
  IngestJob& operator=(const IngestJob&) = delete;

  // Reads one input to its end (or to the first rejection under --strict). A non-ok Status means the
  // database failed (nothing more can be written); a bad input file is a Rejection with line 0.
  Status run(std::FILE* in, const std::string& name);
  // Writes the last partial batch and waits for the writer. Call once after the last input.
  Status finish();

  IngestSummary summary() const;
  bool stopped() const;  // --strict hit a rejection, or the store failed

 private:
  void post(Post&& p, std::uint64_t line) override;
  void reject(std::uint64_t line, std::string reason) override;
  void progress(std::uint64_t bytes) override;
  void flush();        // hands the current batch to the writer (waits if two are already queued)
  void drain();        // waits until the writer has committed everything queued
  void writer_loop();
  void report_progress();

  Store& store_;
  IngestOptions opts_;
  std::function<void(const Rejection&)> on_reject_;
  std::function<void(const IngestSummary&)> on_progress_;
  struct Batch {
    std::vector<Post> posts;
    std::vector<text::Analysis> analyses;  // empty, or one per post
  };
  Batch batch_;  // reader side only
  std::string current_file_;
  std::uint64_t bytes_before_file_ = 0;
  bool strict_stop_ = false;  // reader side only

  mutable std::mutex m_;  // guards everything below
  std::condition_variable cv_;
  std::deque<Batch> queue_;
  bool writing_ = false, closing_ = false;
  IngestSummary summary_;
  Status store_error_;
  std::uint64_t batches_written_ = 0;  // writer thread only
  std::thread writer_;  // last: starts after the members it uses exist
};

}  // namespace parley::ingest
