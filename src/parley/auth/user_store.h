// Who may use parley and how they prove it: users with a role and the business functions they may see,
// passwords (for the web app), API tokens (for scripts and integrations) and in-memory web sessions.
// Users and tokens live in the `users` and `api_tokens` tables of the main database (schema v3) so that
// the CLI can manage them while the server runs; sessions deliberately live only in the server's memory.
// docs/auth.md describes the model as users meet it.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parley/config/engage_model.h"
#include "parley/core/status.h"
#include "parley/core/time.h"
#include "parley/store/sqlite/connection.h"

namespace parley::auth {

// Role <-> name as stored in users.role and typed on the command line ("admin", "lead", "agent",
// "analyst"). Kept here rather than in the config layer so that auth does not depend on its parser.
std::string_view role_name(Role r);
std::optional<Role> role_from_name(std::string_view s);

// Whom a request acts for, once authenticated.
struct Principal {
  std::string name;
  Role role = Role::agent;
  // The business functions this user may see. Empty means no restriction by the user record: all functions
  // for admins and analysts; for leads and agents the server narrows it from their teams in the config.
  std::vector<std::string> functions;

  bool sees_function(std::string_view f) const {
    if (functions.empty()) return true;
    for (const auto& x : functions)
      if (x == f) return true;
    return false;
  }
};

struct UserInfo {
  std::string name;
  Role role = Role::agent;
  std::vector<std::string> functions;
  bool has_password = false;
  std::int64_t created_at_ms = 0;
};

struct TokenInfo {
  std::int64_t id = 0;
  std::string user;
  std::string label;
  std::int64_t created_at_ms = 0;
  std::int64_t last_used_at_ms = 0;  // 0 = never used
  bool revoked = false;
};

struct UserStoreOptions {
  // How long a verified token is trusted from memory. Bounds how late a revocation made by another process
  // (the CLI while the server runs) takes effect; revocations in this process take effect at once.
  std::int64_t token_cache_ttl_ms = 30'000;
  // api_tokens.last_used_at is written at most this often per token, so a busy script does not cost a
  // database write per request.
  std::int64_t last_used_interval_ms = 60'000;
  // A web session ends after this long without a request.
  std::int64_t session_idle_ms = 12 * 3600 * 1000;
  // Password guessing: after max_failures wrong passwords for one user within failure_window_ms, that
  // user's password sign-in is refused for lockout_ms (tokens keep working).
  int max_failures = 5;
  std::int64_t failure_window_ms = 5 * 60'000;
  std::int64_t lockout_ms = 60'000;
};

// Valid user names: 1 to 64 of [a-z0-9._-]. Lower case only, so that "Ana" and "ana" cannot be two people.
bool valid_user_name(std::string_view name);

// Thread-safe: the server calls authenticate_token() from every request thread. Database access is
// serialised on one connection; password hashing and verification run outside that lock because each
// takes tens of milliseconds.
class UserStore {
 public:
  // Opens (creating and migrating if needed) the database at `path` with a connection of its own.
  // `clock` (not owned; must outlive the store) drives expiry and throttling; nullptr = the system clock.
  static Result<std::unique_ptr<UserStore>> open(const std::string& path, const Clock* clock = nullptr,
                                                 UserStoreOptions options = {});

  // Users. An empty password makes a token-only user. Functions must be non-empty names.
  Status add_user(const std::string& name, Role role, std::string_view password,
                  const std::vector<std::string>& functions);
  Status set_password(const std::string& name, std::string_view password);  // ends the user's sessions
  Status set_role(const std::string& name, Role role);
  Result<std::vector<UserInfo>> list_users();
  Status remove_user(const std::string& name);  // revokes the user's tokens and ends their sessions

  // API tokens. create_token returns the plaintext token: the only time it exists; only its hash is kept.
  Result<std::string> create_token(const std::string& user, std::string_view label);
  Status revoke_token(std::int64_t id);  // revoking an already revoked token is not an error
  Result<std::vector<TokenInfo>> list_tokens(const std::string& user);

  // Sign-in. Errors say what the user can do about them ("unknown user 'x'", "wrong password",
  // "token revoked", "too many failed sign-ins ..."); the HTTP layer decides how much to show.
  Result<Principal> authenticate_password(const std::string& name, std::string_view password);
  Result<Principal> authenticate_token(std::string_view token);

  // Web sessions: in memory only, so restarting the server signs everyone out. The id is a bearer
  // secret for a cookie; it is kept only as a digest.
  std::string create_session(const Principal& p);
  std::optional<Principal> session(std::string_view id);  // refreshes the idle timer
  void end_session(std::string_view id);
  std::size_t session_count();

  UserStore(const UserStore&) = delete;
  UserStore& operator=(const UserStore&) = delete;
  ~UserStore();

 private:
  struct CachedToken {
    Principal principal;
    std::int64_t token_id = 0;
    std::int64_t cached_at_ms = 0;
  };
  struct Session {
    Principal principal;
    std::int64_t last_seen_ms = 0;
  };
  struct Failures {
    std::vector<std::int64_t> at_ms;  // within the window, oldest first
    std::int64_t locked_until_ms = 0;
  };

  UserStore(sqlite::Connection db, const Clock* clock, UserStoreOptions options);
  std::int64_t now() const { return clock_->now_ms(); }
  Result<bool> user_exists(const std::string& name);
  // Drops cached tokens of `user` ("" = none) and of token `token_id` (0 = none).
  void forget_tokens(const std::string& user, std::int64_t token_id);
  std::optional<std::string> locked_out(const std::string& name);
  void record_failure(const std::string& name);

  const Clock* clock_;
  UserStoreOptions opt_;

  std::mutex db_mu_;  // guards db_ and its statements
  sqlite::Connection db_;
  sqlite::Statement find_token_, touch_token_;

  std::mutex mem_mu_;  // guards everything below
  std::uint64_t generation_ = 0;       // bumped by every forget_tokens(), so a racing lookup does not re-cache
  std::size_t cache_sweep_at_ = 1024;  // token cache size at which expired entries are swept
  std::unordered_map<std::string, CachedToken> token_cache_;  // token_hash -> verified principal
  std::unordered_map<std::string, Session> sessions_;         // token_hash(session id) -> session
  std::unordered_map<std::string, Failures> failures_;        // user name -> recent wrong passwords
};

}  // namespace parley::auth
