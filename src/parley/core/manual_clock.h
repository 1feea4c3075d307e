// A Clock that only moves when told to. Production code uses it where time must be replayed rather than
// lived: `parley demo-history` walks the demo month through the real case engine, setting the clock to each
// post's time and to each simulated action's time, so every event is stamped when it would have happened.
// Atomic because a reader on another thread (a timer thread) may look at it while the owner moves it.
#pragma once

#include <atomic>
#include <cstdint>

#include "parley/core/time.h"

namespace parley {

class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t start_ms = 0) : now_(start_ms) {}
  std::int64_t now_ms() const override { return now_.load(std::memory_order_acquire); }
  void set(std::int64_t ms) { now_.store(ms, std::memory_order_release); }
  void advance(std::int64_t ms) { now_.fetch_add(ms, std::memory_order_acq_rel); }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace parley
