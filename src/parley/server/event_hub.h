// Live updates for the web app. Whatever changes (a case opened, assigned, answered) is published here
// once, and every open server-sent-events stream picks it up: each HTTP handler thread blocks in
// Subscription::next() until something arrives. Recent events are kept in a ring, so a browser that
// reconnects with Last-Event-ID gets what it missed instead of reloading, or learns that it cannot.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace parley::server {

struct Event {
  std::uint64_t id = 0;                 // increases by one per publish
  std::string type;                     // the SSE event name, e.g. "case.updated"
  std::string data;                     // JSON text
  std::vector<std::string> functions;   // the business functions that may see it; empty = everyone
};

// Decides per subscriber which events it receives (e.g. "does this user see one of the event's
// functions"). Runs on the subscriber's thread without the hub's lock held.
using EventFilter = std::function<bool(const Event&)>;

class Subscription;

class EventHub {
 public:
  // Keeps the last `capacity` events for replay (at least 1). `first_id` lets a server start its ids above
  // those of its previous run (e.g. from the clock), so that a browser's stale Last-Event-ID is recognised
  // as a gap rather than mistaken for an id still to come.
  explicit EventHub(std::size_t capacity = 10'000, std::uint64_t first_id = 1);
  ~EventHub();  // closes every subscription, so no handler thread stays blocked

  EventHub(const EventHub&) = delete;
  EventHub& operator=(const EventHub&) = delete;

  // Returns the new event's id, or 0 once closed (the event is dropped). Thread-safe.
  std::uint64_t publish(std::string type, std::string json_data, std::vector<std::string> functions_visible_to);

  // last_event_id = 0: only events published from now on. Otherwise every event after it still in the
  // ring, then live ones; if some of them have already left the ring (or the id is unknown to this hub),
  // the subscription reports gap() and starts at the oldest event kept.
  std::unique_ptr<Subscription> subscribe(std::uint64_t last_event_id, EventFilter filter = {});

  // Ends every subscription: blocked next() calls return nullopt at once, as do later ones. For shutdown.
  void close_all();

  std::uint64_t last_id() const;  // 0 before the first publish

  struct State;  // shared with subscriptions, so either may outlive the other

 private:
  std::shared_ptr<State> state_;
};

// One stream's view of the hub. Use it from one thread at a time; close() may be called from any thread.
class Subscription {
 public:
  ~Subscription();
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;

  // The next event this subscriber should see, waiting up to `timeout` for one. nullopt on timeout (send
  // a keep-alive comment and call again) or once closed (end the stream; closed() tells which).
  std::optional<Event> next(std::chrono::milliseconds timeout);

  // True once some events this subscriber asked for were lost: before it subscribed (older than the ring)
  // or while it lagged more than the ring's capacity behind. The client should reload its state.
  bool gap() const { return gap_; }
  bool closed() const;
  void close();  // ends this stream only, waking its next()

 private:
  friend class EventHub;
  Subscription(std::shared_ptr<EventHub::State> state, std::uint64_t cursor, bool gap, EventFilter filter);

  std::shared_ptr<EventHub::State> state_;
  std::uint64_t cursor_;  // id of the last event delivered or passed over
  bool gap_;
  EventFilter filter_;
  bool closed_ = false;  // guarded by the hub's mutex, since close() may come from another thread
};

// Formats an event for a text/event-stream response: "id: N\nevent: TYPE\ndata: ...\n\n", with one data:
// line per line of `data` (SSE cannot carry a newline inside a field). Line breaks in the type are removed.
std::string format_sse(const Event& e);

}  // namespace parley::server
