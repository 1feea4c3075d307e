// Deadlines that must fire on time: SLA warnings and breaches are due at an exact instant (computed with a
// BusinessClock), and a periodic sweep would fire them late by up to its period and wake for nothing in
// between. TimerQueue holds one deadline per 64-bit key (a case id, an SLA timer id...); TimerThread sleeps
// until the earliest one and hands the due keys to a callback.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "parley/core/time.h"

namespace parley::engage {

// Thread-safe. A binary min-heap of (due, key) plus a key -> due map, so schedule and each pop are
// O(log n), cancel O(1), and a key never has two live deadlines. Keys with the same due time come out in
// key order. A cancelled or replaced deadline stays in the heap until it reaches the top (it is skipped
// there: only entries that match the map are live) or until stale entries outnumber live ones, when the
// heap is rebuilt from the map. A heap in one array suits the few hundred thousand deadlines of a busy
// organisation far better than a node-based ordered set (no allocation per deadline, few cache misses).
class TimerQueue {
 public:
  void schedule(std::uint64_t key, std::int64_t due_ms);  // replaces any earlier deadline for key
  void cancel(std::uint64_t key);                         // no-op for an unknown key
  // Removes and returns the keys with due <= now_ms, earliest first.
  std::vector<std::uint64_t> pop_due(std::int64_t now_ms);
  std::optional<std::int64_t> next_due() const;
  std::optional<std::int64_t> due_of(std::uint64_t key) const;
  std::size_t size() const;

 private:
  using Entry = std::pair<std::int64_t, std::uint64_t>;  // (due, key)
  bool live(const Entry& e) const;
  void drop_stale_top() const;
  void compact_if_stale();

  mutable std::mutex mu_;
  mutable std::vector<Entry> heap_;  // a min-heap (std::greater); may hold stale entries
  std::unordered_map<std::uint64_t, std::int64_t> due_by_key_;
};

// A thread that sleeps until the queue's earliest deadline (or until poke()), then calls on_due with the due
// keys, outside every lock, so on_due may schedule, cancel and poke. It waits with
// condition_variable::wait_until on the system clock for (due - clock.now_ms()) from now: with SystemClock
// that is the deadline itself; with a fake clock nothing fires until the test moves the clock and calls
// poke(). Waits are capped at one minute and then re-evaluated, so a far or odd deadline cannot overflow.
// The owner must call poke() after schedule() when the new deadline may be the earliest.
// on_due must not throw. stop() (or the destructor) wakes the thread and joins it; calls already in on_due
// finish first. on_due may call stop(): the thread then exits after it returns, without joining itself.
class TimerThread {
 public:
  TimerThread(TimerQueue& q, const Clock& clock, std::function<void(std::vector<std::uint64_t>)> on_due);
  TimerThread(const TimerThread&) = delete;
  TimerThread& operator=(const TimerThread&) = delete;
  ~TimerThread();

  void poke();  // re-evaluate now
  // Pokes only when the queue's earliest deadline is sooner than the one the thread sleeps towards, or
  // already due, or the thread is not asleep: after a write that scheduled timers, most of which lie
  // behind the earliest one, this spares a wake-up of the thread per write.
  void poke_if_sooner();
  void stop();

 private:
  void run();

  TimerQueue& queue_;
  const Clock& clock_;
  std::function<void(std::vector<std::uint64_t>)> on_due_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool poked_ = false;
  bool stopping_ = false;
  bool busy_ = true;  // not (yet) waiting: between wake-ups, it reads the queue again before it sleeps
  std::int64_t wake_at_ = 0;  // while asleep: the deadline it sleeps towards (max: none)
  std::thread thread_;  // last: started once everything above is ready
};

}  // namespace parley::engage
