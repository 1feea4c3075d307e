#include "parley/server/http_server.h"

#include <httplib.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <thread>
#include <fstream>
#include <sstream>

#include "parley/auth/secrets.h"
#include "parley/server/api_context.h"
#include "parley/server/outbox_sender.h"

namespace parley::server {

struct HttpServer::Impl {
  ServeOptions options;
  const Clock* clock = nullptr;
  std::unique_ptr<auth::UserStore> users;
  std::unique_ptr<EventHub> hub;
  std::unique_ptr<RateLimiter> limiter;
  std::unique_ptr<EngageService> service;
  std::unique_ptr<OutboxSender> outbox;
  ApiContext ctx;
  httplib::Server http;
  int port = 0;
  // httplib's stop() does nothing before listen has started, so run() and stop() agree on a state here.
  std::mutex run_mu;
  bool stop_requested = false;
  std::atomic<int> run_state{0};  // 0 not started, 1 listening (or about to), 2 done
};

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The key a client is limited by: its credential when it sends one (so many users behind one address are
// not limited together), else its address.
std::string client_key(const httplib::Request& req) {
  std::string auth = req.get_header_value("Authorization");
  if (!auth.empty()) return "a:" + auth.substr(0, 96);
  return "ip:" + req.remote_addr;
}

// cpp-httplib as packaged (0.11) listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG, compiled into the
// library). A burst of new connections (a webhook sender opening a pool, wrk's 16-64 at once) overflows
// that accept queue; the kernel drops the overflow's handshake, and those connections' first requests
// wait for TCP retransmissions: 0.2 s, 0.6 s, 1.4 s... up to 7 s seen in bench/serve. Calling listen()
// again on a listening socket only changes its backlog, so find ours (the process's listening socket on
// this port) and widen it to the system's limit.
void widen_listen_backlog(int port) {
  DIR* dir = opendir("/proc/self/fd");
  if (!dir) return;
  while (dirent* e = readdir(dir)) {
    char* end = nullptr;
    const long fd = std::strtol(e->d_name, &end, 10);
    if (end == e->d_name || *end != '\0' || fd == dirfd(dir)) continue;
    int listening = 0;
    socklen_t len = sizeof listening;
    if (getsockopt(static_cast<int>(fd), SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) != 0 || !listening) continue;
    sockaddr_storage addr{};
    len = sizeof addr;
    if (getsockname(static_cast<int>(fd), reinterpret_cast<sockaddr*>(&addr), &len) != 0) continue;
    int bound = -1;
    if (addr.ss_family == AF_INET) bound = ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
    else if (addr.ss_family == AF_INET6) bound = ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port);
    if (bound == port) (void)::listen(static_cast<int>(fd), SOMAXCONN);
  }
  closedir(dir);
}

}  // namespace

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() {
  if (impl_) {
    if (impl_->hub) impl_->hub->close_all();
    impl_->http.stop();
    if (impl_->outbox) impl_->outbox->stop();
    if (impl_->service) impl_->service->stop();
  }
}

Result<std::unique_ptr<HttpServer>> HttpServer::create(const ServeOptions& options, const Clock& clock) {
  if (auto s = auth::init_sodium(); !s) return s;
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->clock = &clock;
  Impl* raw = impl.get();
  // Event ids start at the clock's milliseconds, so a browser's Last-Event-ID from before a restart reads
  // as a gap (reload) rather than as a position in the new stream.
  impl->hub = std::make_unique<EventHub>(10'000, static_cast<std::uint64_t>(std::max<std::int64_t>(1, clock.now_ms())));
  auto service = EngageService::open(options.db, options.config, clock, [raw](const std::vector<engage::CaseEvent>& events) {
    for (const auto& e : events) {
      std::vector<std::string> functions;
      if (!e.function.empty()) functions.push_back(e.function);
      raw->hub->publish("case." + e.type, engage::event_json(e), std::move(functions));
    }
  });
  if (!service) return service.status();
  impl->service = std::move(*service);
  auto users = auth::UserStore::open(options.db, &clock);
  if (!users) return users.status();
  impl->users = std::move(*users);
  impl->limiter = std::make_unique<RateLimiter>(options.rate_per_s, options.burst, &clock);
  impl->outbox = std::make_unique<OutboxSender>(options.db, clock);
  impl->outbox->start();

  auto& ctx = impl->ctx;
  ctx.service = impl->service.get();
  ctx.users = impl->users.get();
  ctx.hub = impl->hub.get();
  ctx.limiter = impl->limiter.get();
  ctx.clock = &clock;
  ctx.docs_dir = options.docs_dir.empty() ? std::string(PARLEY_SOURCE_DIR) + "/docs" : options.docs_dir;
  ctx.max_body_bytes = options.max_body_bytes;
  ctx.max_batch_posts = options.max_batch_posts;
  ctx.on_reply = [raw] { raw->outbox->poke(); };

  auto& http = impl->http;
  const int threads = std::max(4, options.threads);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  http.set_keep_alive_max_count(10000);
  // Without TCP_NODELAY a small JSON answer waits for the client's delayed ACK: ~40 ms per request.
  http.set_tcp_nodelay(true);
  http.set_payload_max_length(options.max_body_bytes);
  const bool limited = options.rate_per_s > 0;
  http.set_pre_routing_handler([raw, limited](const httplib::Request& req, httplib::Response& res) {
    if (req.path.rfind("/api/", 0) != 0) return httplib::Server::HandlerResponse::Unhandled;
    if (limited) {
      auto d = raw->limiter->allow(client_key(req));
      if (!d.allowed) {
        res.set_header("Retry-After", std::to_string((d.retry_after_ms + 999) / 1000));
        send_error(res, 429, "rate_limited",
                   "too many requests from this client; retry after " + std::to_string(d.retry_after_ms) + " ms");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unexpected error";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    send_error(res, 500, "internal", what);
  });
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 404 && req.path.rfind("/api/", 0) == 0)
      send_error(res, 404, "not_found", "no such endpoint: " + req.method + " " + req.path + " (see /api/v1/openapi.json)");
    else if (res.status == 413)
      send_error(res, 413, "too_large", "the request body is larger than the server's limit");
    else if (res.status == 404)
      res.set_content("not found\n", "text/plain");
  });

  add_route(http, ctx, "GET", "/api/v1/health", [raw](const httplib::Request&, httplib::Response& res) {
    send_json(res, {{"status", "ok"}, {"version", PARLEY_VERSION}, {"events", raw->hub->last_id()}});
  });
  add_route(http, ctx, "GET", "/api/v1/openapi.json", [raw](const httplib::Request&, httplib::Response& res) {
    std::string spec = read_file(raw->ctx.docs_dir + "/openapi.json");
    if (spec.empty()) {
      send_error(res, 404, "no_spec", "docs/openapi.json is not installed next to this server");
      return;
    }
    res.set_content(spec, "application/json");
  });
  register_auth_routes(http, ctx);
  register_post_routes(http, ctx);
  register_case_routes(http, ctx);
  register_event_routes(http, ctx);
  register_insight_routes(http, ctx);
  register_listening_routes(http, ctx);
  register_people_routes(http, ctx);
  register_growth_routes(http, ctx);
  register_recognition_routes(http, ctx);
  register_jd_routes(http, ctx);
  if (!options.web_root.empty() && std::filesystem::is_directory(options.web_root)) {
    http.set_mount_point("/", options.web_root);
    // A single-page app: unknown paths outside /api get index.html so deep links work.
    std::string index = options.web_root + "/index.html";
    http.Get(R"(^/(?!api/).*)", [index](const httplib::Request&, httplib::Response& res) {
      res.set_content(read_file(index), "text/html");
    });
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

Status HttpServer::bind() {
  auto& i = *impl_;
  if (i.options.port == 0) {
    i.port = i.http.bind_to_any_port(i.options.host);
    if (i.port <= 0) return Status::error("cannot listen on " + i.options.host + ": no free port");
  } else {
    if (!i.http.bind_to_port(i.options.host, i.options.port))
      return Status::error("cannot listen on " + i.options.host + ":" + std::to_string(i.options.port) +
                           " (in use? try --listen " + i.options.host + ":0 or another port)");
    i.port = i.options.port;
  }
  widen_listen_backlog(i.port);
  return Status::ok();
}

int HttpServer::port() const { return impl_->port; }

const std::vector<std::string>& HttpServer::routes() const { return impl_->ctx.routes; }

void HttpServer::run() {
  {
    std::lock_guard lock(impl_->run_mu);
    if (impl_->stop_requested) return;
    impl_->run_state = 1;
  }
  impl_->http.listen_after_bind();
  impl_->run_state = 2;
}

void HttpServer::stop() {
  impl_->hub->close_all();  // SSE streams end, so their threads are free when the pool joins
  {
    std::lock_guard lock(impl_->run_mu);
    impl_->stop_requested = true;
  }
  while (impl_->run_state == 1 && !impl_->http.is_running())
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  impl_->http.stop();
}

Status HttpServer::reload() { return impl_->service->reload_config(); }

}  // namespace parley::server
