// libFuzzer target: arbitrary bytes through read_input() as Format::twitter_v2. See docs/fuzzing.md.
#include "read_input_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return parley::fuzz::read_input_one(data, size, parley::ingest::Format::twitter_v2);
}
