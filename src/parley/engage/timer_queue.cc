#include "parley/engage/timer_queue.h"

#include <algorithm>
#include <chrono>
#include <limits>

namespace parley::engage {

bool TimerQueue::live(const Entry& e) const {
  auto it = due_by_key_.find(e.second);
  return it != due_by_key_.end() && it->second == e.first;
}

void TimerQueue::drop_stale_top() const {
  while (!heap_.empty() && !live(heap_.front())) {
    std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
    heap_.pop_back();
  }
}

void TimerQueue::compact_if_stale() {
  if (heap_.size() <= 2 * due_by_key_.size() + 1024) return;
  heap_.clear();
  heap_.reserve(due_by_key_.size());
  for (const auto& [key, due] : due_by_key_) heap_.emplace_back(due, key);
  std::make_heap(heap_.begin(), heap_.end(), std::greater<>());
}

void TimerQueue::schedule(std::uint64_t key, std::int64_t due_ms) {
  std::lock_guard lock(mu_);
  auto [it, inserted] = due_by_key_.try_emplace(key, due_ms);
  if (!inserted) {
    if (it->second == due_ms) return;  // already live in the heap
    it->second = due_ms;               // the old entry goes stale
  }
  heap_.emplace_back(due_ms, key);
  std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
  compact_if_stale();
}

void TimerQueue::cancel(std::uint64_t key) {
  std::lock_guard lock(mu_);
  if (due_by_key_.erase(key) == 0) return;
  compact_if_stale();
}

std::vector<std::uint64_t> TimerQueue::pop_due(std::int64_t now_ms) {
  std::lock_guard lock(mu_);
  std::vector<std::uint64_t> due;
  for (;;) {
    drop_stale_top();
    if (heap_.empty() || heap_.front().first > now_ms) break;
    // The heap pops in (due, key) order: earliest first, keys with the same due in key order. A key that
    // was scheduled twice for the same instant has two entries; the second is stale once the first went.
    const Entry top = heap_.front();
    std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
    heap_.pop_back();
    due.push_back(top.second);
    due_by_key_.erase(top.second);
  }
  return due;
}

std::optional<std::int64_t> TimerQueue::next_due() const {
  std::lock_guard lock(mu_);
  drop_stale_top();
  if (heap_.empty()) return std::nullopt;
  return heap_.front().first;
}

std::optional<std::int64_t> TimerQueue::due_of(std::uint64_t key) const {
  std::lock_guard lock(mu_);
  auto it = due_by_key_.find(key);
  if (it == due_by_key_.end()) return std::nullopt;
  return it->second;
}

std::size_t TimerQueue::size() const {
  std::lock_guard lock(mu_);
  return due_by_key_.size();
}

TimerThread::TimerThread(TimerQueue& q, const Clock& clock, std::function<void(std::vector<std::uint64_t>)> on_due)
    : queue_(q), clock_(clock), on_due_(std::move(on_due)), thread_([this] { run(); }) {}

TimerThread::~TimerThread() { stop(); }

void TimerThread::poke() {
  {
    std::lock_guard lock(mu_);
    poked_ = true;
  }
  cv_.notify_one();
}

void TimerThread::poke_if_sooner() {
  // Read before the lock (the queue has its own): a timer scheduled before this call is in `next`.
  const std::optional<std::int64_t> next = queue_.next_due();
  const std::int64_t now = clock_.now_ms();
  {
    std::lock_guard lock(mu_);
    // Not asleep: poke, so that it reads the queue again before it sleeps (it may have read it before our
    // timers went in). Asleep: only a deadline sooner than the one it sleeps towards, or one already due
    // (the clock moved), needs it now; the others it finds when it wakes.
    if (!busy_ && (!next || (*next >= wake_at_ && *next > now))) return;
    poked_ = true;
  }
  cv_.notify_one();
}

void TimerThread::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  // From inside on_due the flag is enough: run() sees it when on_due returns. Joining would deadlock.
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void TimerThread::run() {
  // Longest single sleep; after it the thread re-reads the clock and the queue. Keeps the system_clock
  // arithmetic far from overflow and bounds how long a clock that never reaches the deadline can stall us.
  constexpr std::int64_t kMaxWaitMs = 60'000;
  std::unique_lock lock(mu_);
  while (!stopping_) {
    poked_ = false;
    busy_ = true;
    lock.unlock();
    std::vector<std::uint64_t> due = queue_.pop_due(clock_.now_ms());
    if (!due.empty() && on_due_) on_due_(std::move(due));
    const std::optional<std::int64_t> next = queue_.next_due();
    const std::int64_t now = clock_.now_ms();
    lock.lock();
    if (stopping_ || poked_) continue;  // a poke while we were busy: the queue or the clock may have moved
    auto woken = [this] { return stopping_ || poked_; };
    if (!next) {
      busy_ = false;
      wake_at_ = std::numeric_limits<std::int64_t>::max();
      cv_.wait(lock, woken);
    } else if (*next > now) {
      const std::int64_t wait_ms = std::min(*next - now, kMaxWaitMs);
      busy_ = false;
      wake_at_ = *next;
      cv_.wait_until(lock, std::chrono::system_clock::now() + std::chrono::milliseconds(wait_ms), woken);
    }
    // else: already due (scheduled while on_due ran, or the clock moved): go round again at once.
  }
}

}  // namespace parley::engage
