// A real `parley serve` inside the test process, for the HTTP tests: the organisation config written to a
// temporary folder, users with API tokens in a fresh database, the server on a free port, and JSON helpers
// that call it as a named user. Rows a test needs before the server starts go into db() first.
#pragma once

#include <httplib.h>

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "../test_util.h"
#include "parley/auth/user_store.h"
#include "parley/core/time.h"
#include "parley/server/http_server.h"

namespace parley::server::testing {

class LiveServer {
 public:
  ~LiveServer() { stop(); }

  std::string db() const { return dir.file("p.db"); }

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
