// `parley serve`: runs the HTTP API (and the web app when built) until SIGINT/SIGTERM; SIGHUP re-reads
// the config file and keeps the old one if the new one has errors.
#include <pthread.h>
#include <signal.h>

#include <iostream>
#include <thread>

#include "parley/cli/commands.h"
#include "parley/server/http_server.h"

namespace parley::cli {
namespace {

bool split_listen(const std::string& listen, std::string& host, int& port) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  host = listen.substr(0, colon);
  try {
    std::size_t used = 0;
    port = std::stoi(listen.substr(colon + 1), &used);
    if (used != listen.size() - colon - 1) return false;
  } catch (...) {
    return false;
  }
  return port >= 0 && port <= 65535 && !host.empty();
}

}  // namespace

void add_serve_command(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("serve", "Serve the HTTP API (docs/api.md) and the web app");
  struct Opts {
    std::string config, listen = "127.0.0.1:8080", web_root, port_file;
    double rate = 2000;
    std::size_t max_body_mb = 8;
    int threads = 32;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--config", o->config, "organisation config (TOML): teams, people, rules, SLAs")->check(CLI::ExistingFile);
  cmd->add_option("--listen", o->listen, "address:port to listen on (port 0 = any free port)")->capture_default_str();
  cmd->add_option("--web-root", o->web_root, "folder of the built web app to serve at /");
  cmd->add_option("--rate-limit", o->rate, "requests per second per client (0 = no limit)")->capture_default_str();
  cmd->add_option("--max-body-mb", o->max_body_mb, "largest request body, in MiB")->capture_default_str();
  cmd->add_option("--threads", o->threads, "request threads")->capture_default_str();
  cmd->add_option("--port-file", o->port_file, "write the port listened on to this file once ready");
  cmd->callback([&g, o] {
    server::ServeOptions opts;
    opts.db = g.db;
    opts.config = o->config;
    if (!split_listen(o->listen, opts.host, opts.port)) {
      std::cerr << "parley serve: --listen must be HOST:PORT, e.g. 127.0.0.1:8080\n";
      g.exit_code = kUsageOrIo;
      return;
    }
    opts.web_root = o->web_root;
    opts.rate_per_s = o->rate;
    opts.burst = o->rate * 2;
    opts.max_body_bytes = o->max_body_mb << 20;
    opts.threads = o->threads;

    // Signals go to one thread that waits for them, so handlers never run inside the server's locks.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);

    SystemClock clock;
    auto srv = server::HttpServer::create(opts, clock);
    if (!srv) {
      std::cerr << "parley serve: " << srv.message() << "\n";
      g.exit_code = kUsageOrIo;
      return;
    }
    if (auto s = (*srv)->bind(); !s) {
      std::cerr << "parley serve: " << s.message() << "\n";
      g.exit_code = kUsageOrIo;
      return;
    }
    std::cout << "parley serving http://" << opts.host << ":" << (*srv)->port() << "/ (database " << g.db
              << (o->config.empty() ? "" : ", config " + o->config) << "); Ctrl-C stops" << std::endl;
    if (!o->port_file.empty()) {
      std::FILE* f = std::fopen(o->port_file.c_str(), "w");
      if (f) {
        std::fprintf(f, "%d\n", (*srv)->port());
        std::fclose(f);
      }
    }
    server::HttpServer* s = srv->get();
    std::thread signals([s, set]() mutable {
      for (;;) {
        int sig = 0;
        if (sigwait(&set, &sig) != 0) continue;
        if (sig == SIGHUP) {
          auto st = s->reload();
          std::cerr << "parley serve: config " << (st ? "reloaded" : "NOT reloaded, keeping the old one: " + st.message())
                    << std::endl;
          continue;
        }
        std::cerr << "parley serve: stopping" << std::endl;
        s->stop();
        return;
      }
    });
    s->run();
    // run() also returns if the listener failed: make sure the signal thread ends either way.
    pthread_kill(signals.native_handle(), SIGTERM);
    signals.join();
  });
}

}  // namespace parley::cli
