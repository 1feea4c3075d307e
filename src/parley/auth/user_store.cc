#include "parley/auth/user_store.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "parley/auth/secrets.h"
#include "parley/store/sqlite/schema.h"

namespace parley::auth {
namespace {

constexpr std::size_t kMaxLabelBytes = 200;
constexpr std::size_t kMaxFunctionBytes = 64;

const SystemClock& system_clock() {
  static const SystemClock c;
  return c;
}

std::string functions_json(const std::vector<std::string>& functions) {
  return nlohmann::json(functions).dump();
}

// A malformed column is read as "no functions" rather than failing sign-in; only parley writes it.
std::vector<std::string> parse_functions(std::string_view json) {
  auto j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& f : j)
    if (f.is_string()) out.push_back(f.get<std::string>());
  return out;
}

Result<std::vector<std::string>> checked_functions(const std::vector<std::string>& in) {
  std::vector<std::string> out;
  for (const auto& f : in) {
    if (f.empty() || f.size() > kMaxFunctionBytes)
      return Status::error("invalid function name '" + f + "': use 1 to 64 characters");
    if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
  }
  return out;
}

Status unknown_user(const std::string& name) { return Status::error("unknown user '" + name + "'"); }

Status invalid_name(const std::string& name) {
  // Echoed back, but cut short: the name may be whatever a client sent.
  std::string shown = name.size() > 80 ? name.substr(0, 80) + "..." : name;
  return Status::error("invalid user name '" + shown + "': use 1 to 64 characters of a-z, 0-9, '.', '_', '-'");
}

}  // namespace

// One spelling of the roles everywhere: the config's (engage_model.h).
std::string_view role_name(Role r) { return to_string(r); }

std::optional<Role> role_from_name(std::string_view s) { return parse_role(s); }

bool valid_user_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

Result<std::unique_ptr<UserStore>> UserStore::open(const std::string& path, const Clock* clock,
                                                   UserStoreOptions options) {
  if (auto s = init_sodium(); !s) return s;
  auto c = sqlite::Connection::open(path);
  if (!c) return c.status();
  // The same file as the post store, which may be mid-ingest: WAL lets sign-ins read meanwhile, and a
  // shorter busy timeout than the ingest's own makes a request fail within 5 s rather than hang.
  // synchronous=FULL because a revocation must survive a crash.
  if (auto s = c->exec("PRAGMA busy_timeout=5000; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"); !s)
    return Status::error("cannot open database '" + path + "': " + s.message());
  if (auto m = sqlite::migrate(*c); !m) return Status::error("cannot open database '" + path + "': " + m.message());
  std::unique_ptr<UserStore> store(new UserStore(std::move(*c), clock ? clock : &system_clock(), options));
  auto find = store->db_.prepare(
      "SELECT t.id, t.revoked, t.last_used_at, u.name, u.role, u.functions FROM api_tokens t "
      "LEFT JOIN users u ON u.name = t.user_name WHERE t.token_hash = ?1");
  if (!find) return find.status();
  store->find_token_ = std::move(*find);
  auto touch = store->db_.prepare("UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1");
  if (!touch) return touch.status();
  store->touch_token_ = std::move(*touch);
  return store;
}

UserStore::UserStore(sqlite::Connection db, const Clock* clock, UserStoreOptions options)
    : clock_(clock), opt_(options), db_(std::move(db)) {}

UserStore::~UserStore() = default;

Result<bool> UserStore::user_exists(const std::string& name) {
  auto st = db_.prepare("SELECT 1 FROM users WHERE name = ?1");
  if (!st) return st.status();
  st->bind(1, name);
  return st->step();
}

Status UserStore::add_user(const std::string& name, Role role, std::string_view password,
                           const std::vector<std::string>& functions) {
  if (!valid_user_name(name)) return invalid_name(name);
  auto fns = checked_functions(functions);
  if (!fns) return fns.status();
  {
    std::lock_guard lock(db_mu_);  // fail fast, before spending a password hash on a name that is taken
    auto exists = user_exists(name);
    if (!exists) return exists.status();
    if (*exists) return Status::error("user '" + name + "' already exists");
  }
  std::string hash;
  if (!password.empty()) {
    auto h = hash_password(password);
    if (!h) return h.status();
    hash = std::move(*h);
  }
  const std::string fjson = functions_json(*fns);
  const std::string rname(role_name(role));
  std::lock_guard lock(db_mu_);
  auto st = db_.prepare(
      "INSERT INTO users(name, role, functions, password_hash, created_at) VALUES(?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT(name) DO NOTHING");
  if (!st) return st.status();
  st->bind(1, name).bind(2, rname).bind(3, fjson).bind_opt(4, hash).bind(5, now());
  if (auto s = st->run(); !s) return s;
  if (db_.changes() == 0) return Status::error("user '" + name + "' already exists");  // lost a race
  return Status::ok();
}

Status UserStore::set_password(const std::string& name, std::string_view password) {
  if (!valid_user_name(name)) return invalid_name(name);
  auto h = hash_password(password);
  if (!h) return h.status();
  {
    std::lock_guard lock(db_mu_);
    auto st = db_.prepare("UPDATE users SET password_hash = ?2 WHERE name = ?1");
    if (!st) return st.status();
    st->bind(1, name).bind(2, *h);
    if (auto s = st->run(); !s) return s;
    if (db_.changes() == 0) return unknown_user(name);
  }
  // A new password is often a reaction to a leaked one: sign the user out everywhere (tokens are separate
  // credentials and stay), and give them a clean slate of attempts.
  std::lock_guard lock(mem_mu_);
  std::erase_if(sessions_, [&](const auto& kv) { return kv.second.principal.name == name; });
  failures_.erase(name);
  return Status::ok();
}

Status UserStore::set_role(const std::string& name, Role role) {
  if (!valid_user_name(name)) return invalid_name(name);
  const std::string rname(role_name(role));
  {
    std::lock_guard lock(db_mu_);
    auto st = db_.prepare("UPDATE users SET role = ?2 WHERE name = ?1");
    if (!st) return st.status();
    st->bind(1, name).bind(2, rname);
    if (auto s = st->run(); !s) return s;
    if (db_.changes() == 0) return unknown_user(name);
  }
  forget_tokens(name, 0);  // cached tokens carry the old role; sessions are updated in place instead
  std::lock_guard lock(mem_mu_);
  for (auto& [key, s] : sessions_)
    if (s.principal.name == name) s.principal.role = role;
  return Status::ok();
}

Result<std::vector<UserInfo>> UserStore::list_users() {
  std::lock_guard lock(db_mu_);
  auto st = db_.prepare(
      "SELECT name, role, functions, password_hash IS NOT NULL, created_at FROM users ORDER BY name");
  if (!st) return st.status();
  std::vector<UserInfo> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    UserInfo u;
    u.name = st->text(0);
    u.role = role_from_name(st->text(1)).value_or(Role::agent);
    u.functions = parse_functions(st->text(2));
    u.has_password = st->int64(3) != 0;
    u.created_at_ms = st->int64(4);
    out.push_back(std::move(u));
  }
  return out;
}

Status UserStore::remove_user(const std::string& name) {
  if (!valid_user_name(name)) return invalid_name(name);
  {
    std::lock_guard lock(db_mu_);
    auto tx = sqlite::Transaction::begin_immediate(db_);
    if (!tx) return tx.status();
    auto del = db_.prepare("DELETE FROM users WHERE name = ?1");
    if (!del) return del.status();
    del->bind(1, name);
    if (auto s = del->run(); !s) return s;
    if (db_.changes() == 0) return unknown_user(name);
    // Revoked rather than deleted: the rows stay as a record, and a later user of the same name does not
    // inherit working tokens.
    auto rev = db_.prepare("UPDATE api_tokens SET revoked = 1 WHERE user_name = ?1");
    if (!rev) return rev.status();
    rev->bind(1, name);
    if (auto s = rev->run(); !s) return s;
    if (auto s = tx->commit(); !s) return s;
  }
  forget_tokens(name, 0);
  std::lock_guard lock(mem_mu_);
  std::erase_if(sessions_, [&](const auto& kv) { return kv.second.principal.name == name; });
  failures_.erase(name);
  return Status::ok();
}

Result<std::string> UserStore::create_token(const std::string& user, std::string_view label) {
  if (!valid_user_name(user)) return invalid_name(user);
  if (label.size() > kMaxLabelBytes)
    return Status::error("the label is longer than " + std::to_string(kMaxLabelBytes) + " bytes");
  std::string token = new_api_token();
  const std::string hash = token_hash(token);
  std::lock_guard lock(db_mu_);
  auto exists = user_exists(user);
  if (!exists) return exists.status();
  if (!*exists) return unknown_user(user);
  auto st = db_.prepare("INSERT INTO api_tokens(user_name, token_hash, label, created_at) VALUES(?1, ?2, ?3, ?4)");
  if (!st) return st.status();
  st->bind(1, user).bind(2, hash).bind(3, label).bind(4, now());
  if (auto s = st->run(); !s) return s;
  return token;
}

Status UserStore::revoke_token(std::int64_t id) {
  {
    std::lock_guard lock(db_mu_);
    auto st = db_.prepare("UPDATE api_tokens SET revoked = 1 WHERE id = ?1");
    if (!st) return st.status();
    st->bind(1, id);
    if (auto s = st->run(); !s) return s;
    if (db_.changes() == 0) return Status::error("no API token with id " + std::to_string(id));
  }
  forget_tokens("", id);
  return Status::ok();
}

Result<std::vector<TokenInfo>> UserStore::list_tokens(const std::string& user) {
  if (!valid_user_name(user)) return invalid_name(user);
  std::lock_guard lock(db_mu_);
  auto exists = user_exists(user);
  if (!exists) return exists.status();
  if (!*exists) return unknown_user(user);
  auto st = db_.prepare(
      "SELECT id, user_name, label, created_at, last_used_at, revoked FROM api_tokens WHERE user_name = ?1 "
      "ORDER BY id");
  if (!st) return st.status();
  st->bind(1, user);
  std::vector<TokenInfo> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    TokenInfo t;
    t.id = st->int64(0);
    t.user = st->text(1);
    t.label = st->text(2);
    t.created_at_ms = st->int64(3);
    t.last_used_at_ms = st->is_null(4) ? 0 : st->int64(4);
    t.revoked = st->int64(5) != 0;
    out.push_back(std::move(t));
  }
  return out;
}

std::optional<std::string> UserStore::locked_out(const std::string& name) {
  std::lock_guard lock(mem_mu_);
  auto it = failures_.find(name);
  if (it == failures_.end() || it->second.locked_until_ms <= now()) return std::nullopt;
  std::int64_t wait_s = (it->second.locked_until_ms - now() + 999) / 1000;
  return "too many failed sign-ins for '" + name + "': try again in " + std::to_string(wait_s) + " s";
}

void UserStore::record_failure(const std::string& name) {
  std::lock_guard lock(mem_mu_);
  const std::int64_t t = now();
  Failures& f = failures_[name];
  std::erase_if(f.at_ms, [&](std::int64_t at) { return at <= t - opt_.failure_window_ms; });
  f.at_ms.push_back(t);
  if (static_cast<int>(f.at_ms.size()) >= opt_.max_failures) {
    f.locked_until_ms = t + opt_.lockout_ms;
    f.at_ms.clear();  // the lockout is the penalty; afterwards the count starts again
  }
}

Result<Principal> UserStore::authenticate_password(const std::string& name, std::string_view password) {
  if (!valid_user_name(name)) return invalid_name(name);
  // Checked before the password, so that a guesser learns nothing while the lockout lasts.
  if (auto msg = locked_out(name)) return Status::error(*msg);
  Principal p;
  std::string hash;
  {
    std::lock_guard lock(db_mu_);
    auto st = db_.prepare("SELECT role, functions, password_hash FROM users WHERE name = ?1");
    if (!st) return st.status();
    st->bind(1, name);
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) return unknown_user(name);
    auto role = role_from_name(st->text(0));
    if (!role) return Status::error("user '" + name + "' has an unknown role '" + std::string(st->text(0)) + "'");
    if (st->is_null(2))
      return Status::error("user '" + name + "' has no password: sign in with an API token, or set one with "
                           "`parley user passwd " + name + " --password-stdin`");
    p.name = name;
    p.role = *role;
    p.functions = parse_functions(st->text(1));
    hash = st->text(2);
  }
  // Verification takes tens of milliseconds by design; it runs without holding any lock.
  if (!verify_password(password, hash)) {
    record_failure(name);
    return Status::error("wrong password");
  }
  std::lock_guard lock(mem_mu_);
  failures_.erase(name);
  return p;
}

Result<Principal> UserStore::authenticate_token(std::string_view token) {
  if (!looks_like_api_token(token))
    return Status::error("not a parley API token (they start with 'pk_'; create one with `parley token create`)");
  const std::string hash = token_hash(token);
  const std::int64_t t = now();
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(mem_mu_);
    auto it = token_cache_.find(hash);
    if (it != token_cache_.end()) {
      if (t - it->second.cached_at_ms < opt_.token_cache_ttl_ms) return it->second.principal;
      token_cache_.erase(it);
    }
    generation = generation_;
  }
  CachedToken entry;
  {
    std::lock_guard lock(db_mu_);
    find_token_.bind(1, hash);
    auto row = find_token_.step();
    if (!row) {
      find_token_.reset();
      return row.status();
    }
    if (!*row) {
      find_token_.reset();
      return Status::error("unknown API token");
    }
    entry.token_id = find_token_.int64(0);
    const bool revoked = find_token_.int64(1) != 0;
    const std::int64_t last_used = find_token_.is_null(2) ? 0 : find_token_.int64(2);
    const bool has_user = !find_token_.is_null(3);
    std::optional<Role> role;
    if (has_user) {
      entry.principal.name = find_token_.text(3);
      role = role_from_name(find_token_.text(4));
      entry.principal.functions = parse_functions(find_token_.text(5));
    }
    find_token_.reset();
    if (revoked) return Status::error("token revoked");
    if (!has_user) return Status::error("the user of this token no longer exists");
    if (!role) return Status::error("user '" + entry.principal.name + "' has an unknown role in the database");
    entry.principal.role = *role;
    if (t - last_used >= opt_.last_used_interval_ms) {
      touch_token_.bind(1, entry.token_id).bind(2, t);
      // Bookkeeping only: if the database is busy the request should still go through.
      (void)touch_token_.run();
    }
  }
  entry.cached_at_ms = t;
  std::lock_guard lock(mem_mu_);
  // A revocation that ran while we read the row bumped the generation; caching now could resurrect it.
  if (generation == generation_) {
    if (token_cache_.size() >= cache_sweep_at_) {
      std::erase_if(token_cache_, [&](const auto& kv) { return t - kv.second.cached_at_ms >= opt_.token_cache_ttl_ms; });
      cache_sweep_at_ = std::max<std::size_t>(1024, token_cache_.size() * 2);
    }
    token_cache_[hash] = entry;
  }
  return std::move(entry.principal);
}

void UserStore::forget_tokens(const std::string& user, std::int64_t token_id) {
  std::lock_guard lock(mem_mu_);
  ++generation_;
  std::erase_if(token_cache_, [&](const auto& kv) {
    return (!user.empty() && kv.second.principal.name == user) || (token_id != 0 && kv.second.token_id == token_id);
  });
}

std::string UserStore::create_session(const Principal& p) {
  std::string id = random_id();
  std::string key = token_hash(id);
  std::lock_guard lock(mem_mu_);
  const std::int64_t t = now();
  // Sign-ins are rare next to requests, so sweeping every expired session here keeps memory bounded cheaply.
  std::erase_if(sessions_, [&](const auto& kv) { return t - kv.second.last_seen_ms >= opt_.session_idle_ms; });
  sessions_[std::move(key)] = Session{p, t};
  return id;
}

std::optional<Principal> UserStore::session(std::string_view id) {
  if (id.empty() || id.size() > 64) return std::nullopt;
  // Looked up by digest, so the map's comparisons never run over the secret itself.
  const std::string key = token_hash(id);
  std::lock_guard lock(mem_mu_);
  auto it = sessions_.find(key);
  if (it == sessions_.end()) return std::nullopt;
  const std::int64_t t = now();
  if (t - it->second.last_seen_ms >= opt_.session_idle_ms) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_seen_ms = t;
  return it->second.principal;
}

void UserStore::end_session(std::string_view id) {
  if (id.empty() || id.size() > 64) return;
  const std::string key = token_hash(id);
  std::lock_guard lock(mem_mu_);
  sessions_.erase(key);
}

std::size_t UserStore::session_count() {
  std::lock_guard lock(mem_mu_);
  return sessions_.size();
}

}  // namespace parley::auth
