// Per-client request limits for the HTTP server: a token bucket per key (a client IP before sign-in, a
// principal after), so that one noisy script or a password guesser cannot starve everyone else. Memory
// stays bounded however many distinct keys arrive: idle keys are dropped, and past `max_keys` the least
// recently seen key goes first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "parley/core/time.h"

namespace parley::server {

struct RateDecision {
  bool allowed = true;
  std::int64_t retry_after_ms = 0;  // when refused: how long until one request would be allowed
  explicit operator bool() const { return allowed; }
};

class RateLimiter {
 public:
  // `rate_per_s` requests per second sustained (> 0), bursts of up to `burst` (>= 1; smaller is raised to 1).
  // `clock` is not owned and must outlive the limiter; nullptr = the system clock.
  RateLimiter(double rate_per_s, double burst, const Clock* clock = nullptr, std::size_t max_keys = 100'000);

  // Takes one token from `key`'s bucket if it has one. Thread-safe.
  RateDecision allow(std::string_view key);

  std::size_t key_count() const;

 private:
  struct Bucket {
    double tokens = 0;
    std::int64_t updated_ms = 0;
    std::list<std::string>::iterator lru;  // position in lru_
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  void evict_idle(std::int64_t now);

  const double rate_per_ms_;
  const double burst_;
  const std::int64_t full_after_ms_;  // an untouched bucket is full again after this long
  const Clock* clock_;
  const std::size_t max_keys_;

  mutable std::mutex mu_;
  std::unordered_map<std::string, Bucket, Hash, std::equal_to<>> buckets_;
  std::list<std::string> lru_;  // most recently used first
};

}  // namespace parley::server
