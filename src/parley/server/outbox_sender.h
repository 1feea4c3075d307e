// Delivers replies written in parley to each source's webhook (the outbox table): POSTs the JSON payload,
// marks it sent on a 2xx, and otherwise retries with exponential backoff (1 s, 2 s, 4 s ... capped at
// 10 min) up to kMaxAttempts, then marks it failed with the last error. Rows are written in the same
// transaction as the reply, so a crash loses no reply; delivery is at least once (a receiver should
// de-duplicate by the payload's external_id).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "parley/core/time.h"

namespace parley::server {

class OutboxSender {
 public:
  static constexpr int kMaxAttempts = 8;
  OutboxSender(std::string db_path, const Clock& clock);
  ~OutboxSender();
  void start();
  void poke();  // something new is in the outbox
  void stop();
  // Sends what is due now, once, on the calling thread; returns how many were delivered (tests).
  int deliver_due();

 private:
  void loop();
  std::string db_path_;
  const Clock& clock_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false, poked_ = false;
  std::thread thread_;
};

}  // namespace parley::server
