// A real `parley serve` inside the test process, for the HTTP tests: the organisation config written to a
// temporary folder, users with API tokens in a fresh database, the server on a free port, and JSON helpers
// that call it as a named user. Rows a test needs before the server starts go into db() first.
#pragma once

#include <httplib.h>

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "../test_util.h"
#include "parley/auth/user_store.h"
#include "parley/core/time.h"
#include "parley/server/http_server.h"
#include "parley/store/sqlite/connection.h"
#include "parley/store/store.h"

namespace parley::server::testing {

// A resolved case as the engine leaves it, for tests of the routes that read cases (people, growth, job
// descriptions); written into db() before the server starts. Times are Unix ms; unset columns stay NULL.
struct ResolvedCase {
  std::string assignee, intent = "complaint", language = "es", required_skills = "{}";
  std::int64_t opened_at = 0, resolved_at = 0;
  std::optional<std::int64_t> first_response_at, first_response_due;
  std::optional<double> first_sentiment, last_sentiment;
  std::optional<int> csat;
};

// Returns the new case's id (0 after a failed assertion).
inline std::int64_t add_resolved_case(sqlite::Connection& db, const ResolvedCase& c) {
  auto st = db.prepare(
      "INSERT INTO cases(kind, status, team, function, priority, assignee, source, audience, intent, language, "
      "urgency, first_post_id, opened_at, updated_at, first_response_at, first_response_due, resolved_at, "
      "resolved_by, first_sentiment, last_sentiment, csat, required_skills) VALUES('case', 'resolved', 'care', "
      "'care', 'normal', ?1, 'x', 'public', ?2, ?3, 10, 0, ?4, ?4, ?5, ?6, ?7, 'staff', ?8, ?9, ?10, ?11)");
  EXPECT_TRUE(st) << st.message();
  if (!st) return 0;
  auto opt_i = [&](int i, const std::optional<std::int64_t>& v) { v ? st->bind(i, *v) : st->bind_null(i); };
  auto opt_r = [&](int i, const std::optional<double>& v) { v ? st->bind(i, *v) : st->bind_null(i); };
  st->bind(1, std::string_view(c.assignee)).bind(2, std::string_view(c.intent)).bind(3, std::string_view(c.language));
  st->bind(4, c.opened_at);
  opt_i(5, c.first_response_at);
  opt_i(6, c.first_response_due);
  st->bind(7, c.resolved_at);
  opt_r(8, c.first_sentiment);
  opt_r(9, c.last_sentiment);
  opt_i(10, c.csat ? std::optional<std::int64_t>(*c.csat) : std::nullopt);
  st->bind(11, std::string_view(c.required_skills));
  auto r = st->run();
  EXPECT_TRUE(r) << r.message();
  return db.last_insert_rowid();
}

class LiveServer {
 public:
  ~LiveServer() { stop(); }

  std::string db() const { return dir.file("p.db"); }

  // The database with its schema, for rows a test writes before start(). Call through ASSERT_NO_FATAL_FAILURE.
  void open_db(sqlite::Connection& out) {
    {
      auto store = open_sqlite_store(db());
      ASSERT_TRUE(store) << store.message();
    }
    auto c = sqlite::Connection::open(db());
    ASSERT_TRUE(c) << c.message();
    out = std::move(*c);
  }

  // Call through ASSERT_NO_FATAL_FAILURE: a failure here stops the test.
  void start(const std::string& config_toml, const std::vector<std::pair<std::string, Role>>& users) {
    { std::ofstream(dir.file("org.toml")) << config_toml; }
    {
      auto store = auth::UserStore::open(db());
      ASSERT_TRUE(store) << store.message();
      for (const auto& [name, role] : users) {
        ASSERT_TRUE((*store)->add_user(name, role, "", {}));
        auto token = (*store)->create_token(name, "test");
        ASSERT_TRUE(token) << token.message();
        tokens_[name] = *token;
      }
    }
    ServeOptions o;
    o.db = db();
    o.config = dir.file("org.toml");
    o.port = 0;
    o.rate_per_s = 0;
    auto s = HttpServer::create(o, clock);
    ASSERT_TRUE(s) << s.message();
    server_ = std::move(*s);
    ASSERT_TRUE(server_->bind());
    thread_ = std::thread([this] { server_->run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_read_timeout(20);
  }

  void stop() {
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
  }

  const std::string& token(const std::string& user) { return tokens_[user]; }

  // The parsed answer; a status other than `expect` fails the test (and says which call). User "" sends
  // no credential at all.
  nlohmann::json get(const std::string& path, const std::string& user, int expect = 200) {
    auto r = client_->Get(path, headers(user));
    return answer(r, "GET " + path, user, expect);
  }
  nlohmann::json post(const std::string& path, const std::string& body, const std::string& user, int expect = 200) {
    auto r = client_->Post(path, headers(user), body, "application/json");
    return answer(r, "POST " + path, user, expect);
  }
  nlohmann::json del(const std::string& path, const std::string& user, int expect = 200) {
    auto r = client_->Delete(path, headers(user));
    return answer(r, "DELETE " + path, user, expect);
  }

  parley::testing::TempDir dir;
  SystemClock clock;

 private:
  httplib::Headers headers(const std::string& user) {
    if (user.empty()) return {};
    return {{"Authorization", "Bearer " + tokens_[user]}};
  }
  nlohmann::json answer(const httplib::Result& r, const std::string& what, const std::string& user, int expect) {
    EXPECT_TRUE(r) << what;
    if (!r) return {};
    EXPECT_EQ(r->status, expect) << user << " " << what << " -> " << r->body;
    return nlohmann::json::parse(r->body, nullptr, false);
  }

  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
  std::map<std::string, std::string> tokens_;
};

}  // namespace parley::server::testing
