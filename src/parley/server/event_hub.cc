#include "parley/server/event_hub.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>

namespace parley::server {

// Events are shared, immutable, between the ring and the subscribers that are handing them out, so a
// publish that pushes one out of the ring never invalidates an event being read.
struct EventHub::State {
  std::mutex mu;
  std::condition_variable cv;  // publish, close_all and Subscription::close wake every waiter
  std::deque<std::shared_ptr<const Event>> ring;  // ids contiguous: front()->id .. next_id - 1
  std::size_t capacity = 0;
  std::uint64_t next_id = 1;
  bool closed = false;

  std::uint64_t oldest_id() const { return ring.empty() ? next_id : ring.front()->id; }
};

EventHub::EventHub(std::size_t capacity, std::uint64_t first_id) : state_(std::make_shared<State>()) {
  state_->capacity = std::max<std::size_t>(capacity, 1);
  state_->next_id = std::max<std::uint64_t>(first_id, 1);
}

EventHub::~EventHub() { close_all(); }

std::uint64_t EventHub::publish(std::string type, std::string json_data, std::vector<std::string> functions) {
  auto ev = std::make_shared<Event>();
  ev->type = std::move(type);
  ev->data = std::move(json_data);
  ev->functions = std::move(functions);
  std::uint64_t id = 0;
  {
    std::lock_guard lock(state_->mu);
    if (state_->closed) return 0;
    id = ev->id = state_->next_id++;
    state_->ring.push_back(std::move(ev));
    if (state_->ring.size() > state_->capacity) state_->ring.pop_front();
  }
  state_->cv.notify_all();
  return id;
}

std::unique_ptr<Subscription> EventHub::subscribe(std::uint64_t last_event_id, EventFilter filter) {
  std::lock_guard lock(state_->mu);
  const std::uint64_t last = state_->next_id - 1;
  std::uint64_t cursor = last;
  bool gap = false;
  if (last_event_id != 0) {
    if (last_event_id > last) {
      gap = true;  // an id this hub never issued: a previous run's, so what followed it is unknown
    } else if (last_event_id + 1 < state_->oldest_id()) {
      gap = true;
      cursor = state_->oldest_id() - 1;
    } else {
      cursor = last_event_id;
    }
  }
  return std::unique_ptr<Subscription>(new Subscription(state_, cursor, gap, std::move(filter)));
}

void EventHub::close_all() {
  {
    std::lock_guard lock(state_->mu);
    state_->closed = true;
  }
  state_->cv.notify_all();
}

std::uint64_t EventHub::last_id() const {
  std::lock_guard lock(state_->mu);
  return state_->next_id - 1;
}

Subscription::Subscription(std::shared_ptr<EventHub::State> state, std::uint64_t cursor, bool gap,
                           EventFilter filter)
    : state_(std::move(state)), cursor_(cursor), gap_(gap), filter_(std::move(filter)) {}

Subscription::~Subscription() = default;

std::optional<Event> Subscription::next(std::chrono::milliseconds timeout) {
  // Capped so that adding it to now() cannot overflow; a caller wanting "forever" loops anyway.
  const auto deadline = std::chrono::steady_clock::now() + std::min(timeout, std::chrono::milliseconds(86'400'000));
  for (;;) {
    std::shared_ptr<const Event> ev;
    {
      std::unique_lock lock(state_->mu);
      EventHub::State& s = *state_;
      auto ready = [&] { return s.closed || closed_ || cursor_ + 1 < s.next_id; };
      if (!s.cv.wait_until(lock, deadline, ready)) return std::nullopt;  // timed out
      if (s.closed || closed_) return std::nullopt;
      if (cursor_ + 1 < s.oldest_id()) {  // lagged behind the ring: what was in between is gone
        gap_ = true;
        cursor_ = s.oldest_id() - 1;
      }
      ev = s.ring[cursor_ + 1 - s.oldest_id()];
      cursor_ = ev->id;
    }
    // Filtering outside the lock keeps a slow predicate from holding up publishers and other streams.
    if (!filter_ || filter_(*ev)) return *ev;
  }
}

bool Subscription::closed() const {
  std::lock_guard lock(state_->mu);
  return state_->closed || closed_;
}

void Subscription::close() {
  {
    std::lock_guard lock(state_->mu);
    closed_ = true;
  }
  state_->cv.notify_all();
}

std::string format_sse(const Event& e) {
  std::string out = "id: " + std::to_string(e.id) + "\n";
  std::string type;
  for (char c : e.type)
    if (c != '\n' && c != '\r') type += c;  // a line break would start a field of the client's choosing
  out += "event: " + (type.empty() ? std::string("message") : type) + "\n";
  // SSE ends a line at CRLF, LF or CR; each piece becomes its own data: line, which the client joins with LF.
  std::size_t start = 0;
  const std::string& d = e.data;
  for (std::size_t i = 0; i <= d.size(); ++i) {
    if (i == d.size() || d[i] == '\n' || d[i] == '\r') {
      out += "data: ";
      out.append(d, start, i - start);
      out += "\n";
      if (i < d.size() && d[i] == '\r' && i + 1 < d.size() && d[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  out += "\n";
  return out;
}

}  // namespace parley::server
