#include "parley/server/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace parley::server {
namespace {

const SystemClock& system_clock() {
  static const SystemClock c;
  return c;
}

// Rounds a wait up to whole milliseconds, ignoring the last bits of floating-point noise (so 500.0000001
// computed for "half a second" reads 500, not 501).
std::int64_t whole_ms(double ms) { return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(ms - 1e-6))); }

}  // namespace

RateLimiter::RateLimiter(double rate_per_s, double burst, const Clock* clock, std::size_t max_keys)
    : rate_per_ms_(std::max(rate_per_s, 1e-6) / 1000.0),
      burst_(std::max(burst, 1.0)),
      full_after_ms_(whole_ms(burst_ / rate_per_ms_)),
      clock_(clock ? clock : &system_clock()),
      max_keys_(std::max<std::size_t>(max_keys, 1)) {}

// A bucket that has been idle long enough to refill completely behaves exactly like a new one, so dropping
// it changes nothing. The LRU list is ordered by last use, so such buckets gather at its tail.
void RateLimiter::evict_idle(std::int64_t now) {
  while (!lru_.empty()) {
    auto it = buckets_.find(lru_.back());
    if (now - it->second.updated_ms < full_after_ms_) break;
    buckets_.erase(it);
    lru_.pop_back();
  }
}

RateDecision RateLimiter::allow(std::string_view key) {
  std::lock_guard lock(mu_);
  const std::int64_t now = clock_->now_ms();
  evict_idle(now);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    // Under a flood of distinct keys, forgetting the least recent one hands it a fresh burst later: a bounded
    // loss of accuracy, where the alternative is unbounded memory.
    if (buckets_.size() >= max_keys_) {
      buckets_.erase(buckets_.find(lru_.back()));
      lru_.pop_back();
    }
    lru_.emplace_front(key);
    it = buckets_.emplace(lru_.front(), Bucket{burst_, now, lru_.begin()}).first;
  } else {
    lru_.splice(lru_.begin(), lru_, it->second.lru);
  }
  Bucket& b = it->second;
  // A clock that steps backwards must not drain or overfill the bucket.
  const std::int64_t elapsed = std::max<std::int64_t>(0, now - b.updated_ms);
  b.tokens = std::min(burst_, b.tokens + static_cast<double>(elapsed) * rate_per_ms_);
  b.updated_ms = std::max(b.updated_ms, now);
  // The epsilon forgives rounding in the refill sum: a client exactly on schedule must not be refused.
  if (b.tokens >= 1.0 - 1e-9) {
    b.tokens = std::max(0.0, b.tokens - 1.0);
    return {true, 0};
  }
  return {false, whole_ms((1.0 - b.tokens) / rate_per_ms_)};
}

std::size_t RateLimiter::key_count() const {
  std::lock_guard lock(mu_);
  return buckets_.size();
}

}  // namespace parley::server
