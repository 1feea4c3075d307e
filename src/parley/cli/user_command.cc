// `parley user ...` and `parley token ...`: managing who may sign in, from the shell of the machine that
// holds the database. This is how the first admin is made, and it works while the server runs (the server
// sees a revocation within its token cache TTL; docs/auth.md).
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/auth/user_store.h"
#include "parley/cli/commands.h"
#include "parley/config/org_config.h"
#include "parley/core/time.h"

namespace parley::cli {
namespace {

using auth::UserStore;

struct UserFlags {
  std::string name;
  std::string role;
  std::string password;
  bool password_stdin = false;
  std::vector<std::string> functions;
  bool json = false;
  std::string label;
  std::int64_t token_id = 0;
  std::string config;
};

std::unique_ptr<UserStore> open_users(const Globals& g, const char* cmd) {
  auto s = UserStore::open(g.db);
  if (!s) {
    std::cerr << "parley " << cmd << ": " << s.message() << "\n";
    return nullptr;
  }
  return std::move(*s);
}

int fail(const char* cmd, const Status& s) {
  std::cerr << "parley " << cmd << ": " << s.message() << "\n";
  return kUsageOrIo;
}

// One line from stdin, so that a password never appears in the process list or the shell history.
bool read_password(std::string& out) {
  if (!std::getline(std::cin, out)) return false;
  if (!out.empty() && out.back() == '\r') out.pop_back();
  return !out.empty();
}

std::string functions_text(const std::vector<std::string>& f) {
  if (f.empty()) return "-";
  std::string s;
  for (const auto& x : f) s += (s.empty() ? "" : ",") + x;
  return s;
}

// Creates a sign-in for every employee of the config who has none yet (role from the config, functions
// from their teams at request time), all with the same initial password: how a demo or a pilot starts.
int run_user_add_employees(const Globals& g, UserFlags& f) {
  auto config = load_org_config(f.config);
  if (!config) return fail("user add-employees", config.status());
  if (f.password_stdin && !read_password(f.password))
    return fail("user add-employees", Status::error("no password on stdin"));
  if (f.password.empty())
    return fail("user add-employees", Status::error("give an initial password: --password P or --password-stdin"));
  auto users = open_users(g, "user add-employees");
  if (!users) return kUsageOrIo;
  auto existing = users->list_users();
  if (!existing) return fail("user add-employees", existing.status());
  int added = 0;
  for (const auto& e : config->engage.employees) {
    bool have = false;
    for (const auto& u : *existing) have = have || u.name == e.handle;
    if (have) continue;
    if (auto st = users->add_user(e.handle, e.role, f.password, {}); !st) return fail("user add-employees", st);
    std::cout << "   " << e.handle << " (" << auth::role_name(e.role) << ")\n";
    ++added;
  }
  std::cout << "added " << added << " user" << (added == 1 ? "" : "s") << " from " << f.config << "\n";
  return kOk;
}

int run_user_add(const Globals& g, UserFlags& f) {
  if (f.password_stdin && !read_password(f.password)) return fail("user add", Status::error("no password on stdin"));
  auto role = auth::role_from_name(f.role);
  if (!role) return fail("user add", Status::error("unknown role '" + f.role + "'"));
  auto users = open_users(g, "user add");
  if (!users) return kUsageOrIo;
  if (auto s = users->add_user(f.name, *role, f.password, f.functions); !s) return fail("user add", s);
  std::cout << "added " << auth::role_name(*role) << " '" << f.name << "'";
  if (!f.functions.empty()) std::cout << " (functions: " << functions_text(f.functions) << ")";
  if (f.password.empty()) std::cout << "; no password: sign in with `parley token create " << f.name << "`";
  std::cout << "\n";
  return kOk;
}

int run_user_list(const Globals& g, const UserFlags& f) {
  auto users = open_users(g, "user list");
  if (!users) return kUsageOrIo;
  auto list = users->list_users();
  if (!list) return fail("user list", list.status());
  if (f.json) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& u : *list)
      j.push_back({{"name", u.name},
                   {"role", auth::role_name(u.role)},
                   {"functions", u.functions},
                   {"password", u.has_password},
                   {"created_at", format_iso8601_ms(u.created_at_ms)}});
    std::cout << j.dump() << "\n";
    return kOk;
  }
  std::printf("%-24s %-8s %-9s %-24s %s\n", "NAME", "ROLE", "PASSWORD", "CREATED", "FUNCTIONS");
  for (const auto& u : *list)
    std::printf("%-24s %-8s %-9s %-24s %s\n", u.name.c_str(), std::string(auth::role_name(u.role)).c_str(),
                u.has_password ? "yes" : "no", format_iso8601_ms(u.created_at_ms).c_str(),
                functions_text(u.functions).c_str());
  return kOk;
}

int run_user_passwd(const Globals& g, UserFlags& f) {
  if (f.password_stdin && !read_password(f.password))
    return fail("user passwd", Status::error("no password on stdin"));
  auto users = open_users(g, "user passwd");
  if (!users) return kUsageOrIo;
  if (auto s = users->set_password(f.name, f.password); !s) return fail("user passwd", s);
  std::cout << "password of '" << f.name << "' changed\n";
  return kOk;
}

int run_user_remove(const Globals& g, const UserFlags& f) {
  auto users = open_users(g, "user remove");
  if (!users) return kUsageOrIo;
  if (auto s = users->remove_user(f.name); !s) return fail("user remove", s);
  std::cout << "removed user '" << f.name << "' and revoked their tokens\n";
  return kOk;
}

int run_token_create(const Globals& g, const UserFlags& f) {
  auto users = open_users(g, "token create");
  if (!users) return kUsageOrIo;
  auto token = users->create_token(f.name, f.label);
  if (!token) return fail("token create", token.status());
  // The token alone on stdout, so that `TOKEN=$(parley token create ana)` works; the advice on stderr.
  std::cout << *token << "\n";
  std::cerr << "API token for '" << f.name << "' created. Store it now: it is not kept and cannot be shown "
            << "again. Send it as `Authorization: Bearer <token>`.\n";
  return kOk;
}

int run_token_list(const Globals& g, const UserFlags& f) {
  auto users = open_users(g, "token list");
  if (!users) return kUsageOrIo;
  auto list = users->list_tokens(f.name);
  if (!list) return fail("token list", list.status());
  if (f.json) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& t : *list)
      j.push_back({{"id", t.id},
                   {"user", t.user},
                   {"label", t.label},
                   {"created_at", format_iso8601_ms(t.created_at_ms)},
                   {"last_used_at", t.last_used_at_ms ? nlohmann::json(format_iso8601_ms(t.last_used_at_ms))
                                                      : nlohmann::json(nullptr)},
                   {"revoked", t.revoked}});
    std::cout << j.dump() << "\n";
    return kOk;
  }
  std::printf("%-6s %-8s %-24s %-24s %s\n", "ID", "STATUS", "CREATED", "LAST USED", "LABEL");
  for (const auto& t : *list)
    std::printf("%-6lld %-8s %-24s %-24s %s\n", static_cast<long long>(t.id), t.revoked ? "revoked" : "active",
                format_iso8601_ms(t.created_at_ms).c_str(),
                t.last_used_at_ms ? format_iso8601_ms(t.last_used_at_ms).c_str() : "never", t.label.c_str());
  return kOk;
}

int run_token_revoke(const Globals& g, const UserFlags& f) {
  auto users = open_users(g, "token revoke");
  if (!users) return kUsageOrIo;
  if (auto s = users->revoke_token(f.token_id); !s) return fail("token revoke", s);
  std::cout << "revoked token " << f.token_id << "\n";
  return kOk;
}

// --function care --function product, or --function care,product.
void add_function_option(CLI::App* cmd, UserFlags& f) {
  cmd->add_option("--function", f.functions,
                  "A business function this user may see (repeatable, or comma-separated); none = all for "
                  "admins and analysts, their teams' functions from the config for leads and agents")
      ->delimiter(',')
      ->allow_extra_args(false);
}

}  // namespace

void add_user_command(CLI::App& app, Globals& g) {
  auto f = std::make_shared<UserFlags>();

  auto* user = app.add_subcommand("user", "Manage the people who may sign in (docs/auth.md)");
  user->require_subcommand(1);

  auto* add = user->add_subcommand("add", "Add a user");
  add->add_option("name", f->name, "User name: 1 to 64 of a-z, 0-9, '.', '_', '-'")->required();
  add->add_option("--role", f->role, "admin, lead, agent or analyst")
      ->required()
      ->check(CLI::IsMember({"admin", "lead", "agent", "analyst"}));
  auto* pw_stdin = add->add_flag("--password-stdin", f->password_stdin, "Read the password from the first line of stdin");
  add->add_option("--password", f->password, "The password (visible to other local users; prefer --password-stdin)")
      ->excludes(pw_stdin);
  add_function_option(add, *f);
  add->callback([&g, f] { g.exit_code = run_user_add(g, *f); });

  {
    auto f = std::make_shared<UserFlags>();
    auto* many = user->add_subcommand("add-employees", "Add a sign-in for every employee in the config who has none");
    many->add_option("--config", f->config, "organisation config (TOML)")->required()->check(CLI::ExistingFile);
    many->add_option("--password", f->password, "initial password for all of them (visible in the process list)");
    many->add_flag("--password-stdin", f->password_stdin, "read the initial password from stdin");
    many->callback([&g, f] { g.exit_code = run_user_add_employees(g, *f); });
  }
  auto* list = user->add_subcommand("list", "List users");
  list->add_flag("--json", f->json, "Print as JSON");
  list->callback([&g, f] { g.exit_code = run_user_list(g, *f); });

  auto* passwd = user->add_subcommand("passwd", "Set a user's password (signs them out of the web app)");
  passwd->add_option("name", f->name, "User name")->required();
  auto* pw_stdin2 = passwd->add_flag("--password-stdin", f->password_stdin, "Read the password from stdin");
  auto* pw2 = passwd->add_option("--password", f->password, "The password (prefer --password-stdin)");
  pw2->excludes(pw_stdin2);
  passwd->callback([&g, f] {
    if (!f->password_stdin && f->password.empty()) {
      std::cerr << "parley user passwd: give --password-stdin or --password\n";
      g.exit_code = kUsageOrIo;
      return;
    }
    g.exit_code = run_user_passwd(g, *f);
  });

  auto* remove = user->add_subcommand("remove", "Remove a user and revoke their API tokens");
  remove->add_option("name", f->name, "User name")->required();
  remove->callback([&g, f] { g.exit_code = run_user_remove(g, *f); });

  auto* token = app.add_subcommand("token", "Manage API tokens (docs/auth.md)");
  token->require_subcommand(1);

  auto* create = token->add_subcommand("create", "Create an API token for a user and print it, once");
  create->add_option("user", f->name, "User name")->required();
  create->add_option("--label", f->label, "What the token is for, e.g. 'zendesk sync'");
  create->callback([&g, f] { g.exit_code = run_token_create(g, *f); });

  auto* tlist = token->add_subcommand("list", "List a user's API tokens (never the tokens themselves)");
  tlist->add_option("user", f->name, "User name")->required();
  tlist->add_flag("--json", f->json, "Print as JSON");
  tlist->callback([&g, f] { g.exit_code = run_token_list(g, *f); });

  auto* revoke = token->add_subcommand("revoke", "Revoke an API token by id (see `parley token list`)");
  revoke->add_option("id", f->token_id, "Token id")->required()->check(CLI::PositiveNumber);
  revoke->callback([&g, f] { g.exit_code = run_token_revoke(g, *f); });
}

}  // namespace parley::cli
