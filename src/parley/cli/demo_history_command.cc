// `parley demo-history`: builds the demo database's month of worked cases by replaying the ingested demo
// posts in time order through the real case engine (src/parley/demo/history_replay.h), so a new user opens a
// demo with answered, resolved, rated and reopened cases and an inbox of the last day or two still open.
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "parley/cli/commands.h"
#include "parley/config/org_config.h"
#include "parley/core/time.h"
#include "parley/demo/growth_seed.h"
#include "parley/demo/history_replay.h"
#include "parley/store/sqlite/sqlite_store.h"
#include "parley/text/analyzer_from_config.h"

namespace parley::cli {
namespace {

struct DemoHistoryFlags {
  std::string from, config, until;
  std::uint64_t seed = 1;
  double open_hours = 36;
  bool json = false;
};

int run_demo_history(const Globals& g, const DemoHistoryFlags& f) {
  demo::HistoryOptions opts;
  opts.seed = f.seed;
  opts.open_window_ms = static_cast<std::int64_t>(f.open_hours * 3600 * 1000);
  if (!f.until.empty()) {
    auto ms = parse_iso8601_ms(f.until);
    if (!ms) {
      std::cerr << "parley demo-history: --until '" << f.until << "' is not an ISO 8601 time (e.g. 2026-11-20T12:00:00Z)\n";
      return kUsageOrIo;
    }
    opts.until_ms = *ms;
  }
  struct stat st {};
  if (::stat(f.from.c_str(), &st) != 0) {
    // Opening would create an empty database and then report "no posts", which hides the typo.
    std::cerr << "parley demo-history: --from '" << f.from << "' does not exist\n";
    return kUsageOrIo;
  }
  auto config = load_org_config(f.config);
  if (!config) {
    std::cerr << "parley demo-history: " << config.message() << "\n";
    return kUsageOrIo;
  }
  auto analyzer = text::analyzer_from_config(f.config);
  if (!analyzer) {
    std::cerr << "parley demo-history: " << analyzer.message() << "\n";
    return kUsageOrIo;
  }
  auto staging = sqlite::SqliteStore::open(f.from);
  if (!staging) {
    std::cerr << "parley demo-history: " << f.from << ": " << staging.message() << "\n";
    return kUsageOrIo;
  }
  auto target = sqlite::SqliteStore::open(g.db);
  if (!target) {
    std::cerr << "parley demo-history: " << g.db << ": " << target.message() << "\n";
    return kUsageOrIo;
  }
  const auto start = std::chrono::steady_clock::now();
  auto s = demo::replay_history(**staging, **target, *config, **analyzer, opts);
  if (!s) {
    std::cerr << "parley demo-history: " << s.message() << "\n";
    return kUsageOrIo;
  }
  auto growth = demo::seed_growth((*target)->connection(), *config, f.seed, s->until_ms);
  if (!growth) {
    std::cerr << "parley demo-history: peer feedback and goals: " << growth.message() << "\n";
    return kUsageOrIo;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (f.json) {
    nlohmann::json j = {{"posts", s->posts},       {"cases", s->cases},       {"open", s->open},
                        {"resolved", s->resolved}, {"breached", s->breached}, {"replies", s->replies},
                        {"notes", s->notes},       {"csat", s->csat},         {"reopened", s->reopened},
                        {"accepted", s->accepted}, {"articles", s->articles}, {"article_uses", s->article_uses},
                        {"kudos", growth->kudos}, {"feedback_comments", growth->comments}, {"goals", growth->goals},
                        {"from", format_iso8601_ms(s->first_ms)}, {"until", format_iso8601_ms(s->until_ms)},
                        {"seconds", secs}};
    std::cout << j.dump() << "\n";
  } else {
    std::printf("history: %llu posts replayed into %llu cases: %llu resolved, %llu open; %llu replies, %llu notes, "
                "%llu CSAT, %llu reopened, %llu community answers accepted, %llu articles used %llu times, "
                "%llu with an SLA breach; %llu kudos, %llu feedback comments, %llu goals; worked until %s (%.1f s)\n",
                static_cast<unsigned long long>(s->posts), static_cast<unsigned long long>(s->cases),
                static_cast<unsigned long long>(s->resolved), static_cast<unsigned long long>(s->open),
                static_cast<unsigned long long>(s->replies), static_cast<unsigned long long>(s->notes),
                static_cast<unsigned long long>(s->csat), static_cast<unsigned long long>(s->reopened),
                static_cast<unsigned long long>(s->accepted), static_cast<unsigned long long>(s->articles),
                static_cast<unsigned long long>(s->article_uses), static_cast<unsigned long long>(s->breached),
                static_cast<unsigned long long>(growth->kudos), static_cast<unsigned long long>(growth->comments),
                static_cast<unsigned long long>(growth->goals), format_iso8601_ms(s->until_ms).c_str(), secs);
  }
  return kOk;
}

}  // namespace

void add_demo_history_command(CLI::App& app, Globals& g) {
  auto f = std::make_shared<DemoHistoryFlags>();
  auto* cmd = app.add_subcommand(
      "demo-history", "Replay ingested demo posts in time order into --db (empty) and work the cases as a team would");
  cmd->footer(
      "Routes every post of --from at its own time through the case engine, with a clock moved through the\n"
      "month, and has the assigned employees reply, note, resolve, reopen, accept community answers and save\n"
      "and reuse knowledge; customers rate some cases. Teammates then give kudos, leads comment, and each person\n"
      "gets social goals for the month that ended and the month ahead. Cases younger than --open-hours at --until stay open.\n"
      "Deterministic: the same posts, config, seed and --until give the same history. scripts/demo.sh runs it.\n"
      "Exit codes: 0 done, 2 usage or I/O error (also when --db already holds posts). See docs/cli.md.");
  cmd->add_option("--from", f->from, "Database the demo posts were ingested into (its posts are only read)")->required();
  cmd->add_option("--config", f->config, "Organisation config (TOML): teams, people, SLAs, rules")->required();
  cmd->add_option("--seed", f->seed, "Seed of the history's choices")->capture_default_str();
  cmd->add_option("--until", f->until, "Nobody works a case after this ISO 8601 time (default: the newest post)");
  cmd->add_option("--open-hours", f->open_hours, "Cases younger than this at --until are left open")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 24.0 * 365));
  cmd->add_flag("--json", f->json, "Print the summary as one JSON object");
  cmd->callback([&g, f] { g.exit_code = run_demo_history(g, *f); });
}

}  // namespace parley::cli
