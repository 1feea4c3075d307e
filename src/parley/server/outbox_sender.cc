#include "parley/server/outbox_sender.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "parley/store/sqlite/connection.h"

namespace parley::server {
namespace {

struct Item {
  std::int64_t id = 0;
  std::string url, payload;
  int attempts = 0;
};

// "http://host:port/path" -> client base and path. Only http and https are accepted.
bool split_url(const std::string& url, std::string& base, std::string& path) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return false;
  std::string s = url.substr(0, scheme);
  if (s != "http" && s != "https") return false;
  auto slash = url.find('/', scheme + 3);
  base = slash == std::string::npos ? url : url.substr(0, slash);
  path = slash == std::string::npos ? "/" : url.substr(slash);
  return true;
}

}  // namespace

OutboxSender::OutboxSender(std::string db_path, const Clock& clock) : db_path_(std::move(db_path)), clock_(clock) {}

OutboxSender::~OutboxSender() { stop(); }

void OutboxSender::start() { thread_ = std::thread([this] { loop(); }); }

void OutboxSender::poke() {
  {
    std::lock_guard lock(mu_);
    poked_ = true;
  }
  cv_.notify_one();
}

void OutboxSender::stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

int OutboxSender::deliver_due() {
  auto db = sqlite::Connection::open(db_path_);
  if (!db) return 0;
  (void)db->exec("PRAGMA busy_timeout = 5000");
  std::vector<Item> items;
  {
    auto st = db->prepare("SELECT id, url, payload, attempts FROM outbox WHERE status = 'pending' AND next_at <= ?1 ORDER BY id LIMIT 100");
    if (!st) return 0;
    st->bind(1, clock_.now_ms());
    for (;;) {
      auto row = st->step();
      if (!row || !*row) break;
      items.push_back({st->int64(0), std::string(st->text(1)), std::string(st->text(2)), static_cast<int>(st->int64(3))});
    }
  }
  int sent = 0;
  for (const auto& it : items) {
    std::string base, path, error;
    bool ok = false;
    if (!split_url(it.url, base, path)) {
      error = "not an http(s) URL: " + it.url;
    } else {
      httplib::Client client(base);
      client.set_connection_timeout(5);
      client.set_read_timeout(10);
      auto res = client.Post(path, it.payload, "application/json");
      if (!res) error = "cannot reach " + base + ": " + httplib::to_string(res.error());
      else if (res->status / 100 != 2) error = "HTTP " + std::to_string(res->status);
      else ok = true;
    }
    int attempts = it.attempts + 1;
    auto up = db->prepare(
        "UPDATE outbox SET status = ?2, attempts = ?3, next_at = ?4, last_error = ?5 WHERE id = ?1");
    if (!up) continue;
    std::int64_t backoff = std::min<std::int64_t>(600000, 1000ll << std::min(attempts - 1, 20));
    std::string status = ok ? "sent" : attempts >= kMaxAttempts ? "failed" : "pending";
    up->bind(1, it.id).bind(2, std::string_view(status)).bind(3, static_cast<std::int64_t>(attempts));
    up->bind(4, clock_.now_ms() + backoff).bind_opt(5, error);
    (void)up->run();
    if (ok) ++sent;
  }
  return sent;
}

void OutboxSender::loop() {
  for (;;) {
    {
      std::unique_lock lock(mu_);
      // Replies arrive with a poke; retries are picked up by the periodic wake-up (their backoff is seconds).
      cv_.wait_for(lock, std::chrono::seconds(1), [&] { return stop_ || poked_; });
      if (stop_) return;
      poked_ = false;
    }
    deliver_due();
  }
}

}  // namespace parley::server
