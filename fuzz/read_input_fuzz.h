// Shared body of the reader fuzz targets: arbitrary bytes through read_input() in one format, with a sink
// that checks the invariants every reader owes its callers and aborts (a libFuzzer "crash") when one breaks.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "parley/ingest/reader.h"

namespace parley::fuzz {

class CheckingSink final : public ingest::RecordSink {
 public:
  explicit CheckingSink(std::size_t size) : size_(size) {}
  void post(Post&& p, std::uint64_t line) override {
    if (!validate(p).empty() || line == 0 || line > size_ + 1) std::abort();
  }
  void reject(std::uint64_t line, std::string reason) override {
    if (reason.empty() || line == 0 || line > size_ + 1) std::abort();
  }
  void progress(std::uint64_t bytes) override {
    if (bytes > size_) std::abort();
  }

 private:
  std::size_t size_;
};

inline int read_input_one(const std::uint8_t* data, std::size_t size, ingest::Format format) {
  // fmemopen rejects a zero-length buffer; /dev/null is the empty input.
  std::FILE* f = size ? fmemopen(const_cast<std::uint8_t*>(data), size, "r") : std::fopen("/dev/null", "r");
  if (!f) return 0;
  ingest::ReaderOptions opts;
  opts.format = format;
  CheckingSink sink(size);
  Status s = ingest::read_input(f, "fuzz", opts, sink);
  if (!s.is_ok() && s.message().empty()) std::abort();
  std::fclose(f);
  return 0;
}

}  // namespace parley::fuzz
