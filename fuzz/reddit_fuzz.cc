// libFuzzer target: arbitrary bytes through read_input() as Format::reddit. See docs/fuzzing.md.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "parley/ingest/reader.h"

namespace {

// Invariants every reader owes its callers, checked on every input.
class CheckingSink final : public parley::ingest::RecordSink {
 public:
  explicit CheckingSink(std::size_t size) : size_(size) {}
  void post(parley::Post&& p, std::uint64_t line) override {
    if (!parley::validate(p).empty() || line == 0 || line > size_ + 1) std::abort();
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // fmemopen rejects a zero-length buffer; /dev/null is the empty input.
  std::FILE* f = size ? fmemopen(const_cast<std::uint8_t*>(data), size, "r") : std::fopen("/dev/null", "r");
  if (!f) return 0;
  parley::ingest::ReaderOptions opts;
  opts.format = parley::ingest::Format::reddit;
  CheckingSink sink(size);
  parley::Status s = parley::ingest::read_input(f, "fuzz", opts, sink);
  if (!s.is_ok() && s.message().empty()) std::abort();
  std::fclose(f);
  return 0;
}
