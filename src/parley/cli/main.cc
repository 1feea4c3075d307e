// parley: the command-line front end. Thin: flags and output here, all logic in libparley.
#include <cstdlib>
#include <iostream>

#include "parley/cli/commands.h"

int main(int argc, char** argv) {
  using namespace parley::cli;
  CLI::App app{"parley: listen, understand, route and answer social conversations.\n"
               "Docs: docs/cli.md. Exit codes: 0 ok, 2 usage or I/O error, 3 some records rejected."};
  app.set_version_flag("--version", std::string("parley ") + PARLEY_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  Globals g;
  const char* env_db = std::getenv("PARLEY_DB");
  g.db = env_db && *env_db ? env_db : "parley.db";
  app.add_option("--db", g.db, "SQLite database file (env PARLEY_DB)")->capture_default_str();

  add_ingest_command(app, g);
  add_search_command(app, g);
  add_stats_command(app, g);
  add_analyze_command(app, g);
  add_eval_command(app, g);
  add_serve_command(app, g);
  add_user_command(app, g);
  add_config_command(app, g);
  add_jd_command(app, g);
  add_demo_history_command(app, g);
  add_people_command(app, g);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kOk : kUsageOrIo;
  }
  return g.exit_code;
}
