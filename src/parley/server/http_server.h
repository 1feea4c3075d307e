// `parley serve`: the HTTP API (JSON under /api/v1, docs/openapi.yaml) and, when built, the web app's
// static files at /. cpp-httplib (Debian's libcpp-httplib) does the HTTP; a thread pool serves requests,
// reads run in parallel on per-thread SQLite connections, writes go through EngageService's one writer.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "parley/core/status.h"
#include "parley/core/time.h"

namespace parley::server {

struct ServeOptions {
  std::string db = "parley.db";
  std::string config;                       // organisation TOML; "" = none (no routing)
  std::string host = "127.0.0.1";
  int port = 8080;                          // 0 = any free port (tests)
  std::string web_root;                     // static files served at /; "" = none
  std::string docs_dir;                     // where openapi.yaml is; "" = <source>/docs
  std::size_t max_body_bytes = 8u << 20;    // 413 above this
  std::size_t max_batch_posts = 1000;       // per webhook request
  double rate_per_s = 500;                  // per client (token or address), sustained
  double burst = 1000;
  int threads = 32;                         // request threads (SSE streams hold one each)
};

class HttpServer {
 public:
  static Result<std::unique_ptr<HttpServer>> create(const ServeOptions& options, const Clock& clock);
  ~HttpServer();

  // Binds the listening socket; after this port() is the real port.
  Status bind();
  int port() const;
  // Every API route as "METHOD /path/{param}" (what docs/openapi.json must describe).
  const std::vector<std::string>& routes() const;
  // Serves until stop() (from another thread or a signal handler thread).
  void run();
  void stop();
  // Re-reads the config (SIGHUP).
  Status reload();

  struct Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace parley::server
