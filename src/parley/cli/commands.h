// The `parley` subcommands. Each registers its flags on the CLI11 app and returns the callback's exit code
// through `exit_code`. Exit codes mean the same everywhere (docs/cli.md).
#pragma once

#include <CLI/CLI.hpp>

namespace parley::cli {

enum ExitCode : int {
  kOk = 0,
  kInternal = 1,       // a bug: something that should not happen
  kUsageOrIo = 2,      // bad flags, unreadable file, database cannot be opened or written
  kSomeRejected = 3,   // ingest: some records were rejected (reported); the rest went in
};

struct Globals {
  std::string db;
  int exit_code = kOk;
};

void add_ingest_command(CLI::App& app, Globals& g);
void add_search_command(CLI::App& app, Globals& g);
void add_stats_command(CLI::App& app, Globals& g);
void add_analyze_command(CLI::App& app, Globals& g);
void add_eval_command(CLI::App& app, Globals& g);
void add_serve_command(CLI::App& app, Globals& g);
// Registers both `user` and `token`: one store, one set of flags.
void add_user_command(CLI::App& app, Globals& g);
void add_config_command(CLI::App& app, Globals& g);
void add_jd_command(CLI::App& app, Globals& g);
void add_demo_history_command(CLI::App& app, Globals& g);
void add_people_command(CLI::App& app, Globals& g);

}  // namespace parley::cli
