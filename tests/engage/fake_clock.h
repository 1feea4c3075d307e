// A Clock the test moves by hand, so anything time-driven (SLA timers, business hours) runs on demand instead
// of waiting for real time. Atomic because the code under test may read it from its own thread.
#pragma once

#include <atomic>
#include <cstdint>

#include "parley/core/time.h"

namespace parley::testing {

class FakeClock final : public Clock {
 public:
  explicit FakeClock(std::int64_t start_ms = 0) : now_(start_ms) {}
  std::int64_t now_ms() const override { return now_.load(std::memory_order_acquire); }
  void set(std::int64_t ms) { now_.store(ms, std::memory_order_release); }
  void advance(std::int64_t ms) { now_.fetch_add(ms, std::memory_order_acq_rel); }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace parley::testing
