// libFuzzer target: arbitrary bytes through detect_format() and through read_input() with
// Format::automatic. See docs/fuzzing.md.
#include "read_input_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Detection alone must never crash, whatever the bytes.
  (void)parley::ingest::detect_format({reinterpret_cast<const char*>(data), size});
  return parley::fuzz::read_input_one(data, size, parley::ingest::Format::automatic);
}
