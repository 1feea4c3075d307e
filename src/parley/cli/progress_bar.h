// A one-line progress display for long work on a terminal: bar and percentage when the total is known,
// rate and ETA always. Silent when stderr is not a terminal, so logs and pipes get only the summary.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace parley::cli {

class ProgressBar {
 public:
  // `total_bytes` = 0 when unknown (stdin). `enabled` false makes every call a no-op.
  ProgressBar(std::uint64_t total_bytes, bool enabled);
  void update(std::uint64_t bytes, std::uint64_t items, bool force = false);
  void finish();  // clears the line

  static bool stderr_is_terminal();

 private:
  std::uint64_t total_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

// "1.2 MB", "340 kB", "12 B"
std::string human_bytes(std::uint64_t b);
// "1:02:03" or "2:03"
std::string human_duration(double seconds);

}  // namespace parley::cli
