// UserStore as the server and the CLI use it: users, password and token sign-in with the messages a user
// acts on, revocation reaching the token cache, throttling and sessions on a fake clock. Password hashing
// is deliberately slow (about 64 MiB and tens of ms each), so tests make as few hashes as they can.
#include "parley/auth/user_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "../test_util.h"

namespace parley::auth {
namespace {

using parley::testing::TempDir;

class FakeClock final : public Clock {
 public:
  std::int64_t now_ms() const override { return t_.load(); }
  void advance(std::int64_t ms) { t_ += ms; }

 private:
  std::atomic<std::int64_t> t_{1'700'000'000'000};
};

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

class UserStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = UserStore::open(dir.file("p.db"), &clock, opts);
    ASSERT_TRUE(s) << s.message();
    store = std::move(*s);
  }
  std::unique_ptr<UserStore> open_second() {
    auto s = UserStore::open(dir.file("p.db"), &clock, opts);
    EXPECT_TRUE(s) << s.message();
    return s ? std::move(*s) : nullptr;
  }
  std::string token_for(const std::string& user) {
    auto t = store->create_token(user, "test");
    EXPECT_TRUE(t) << t.message();
    return t ? *t : "";
  }

  TempDir dir;
  FakeClock clock;
  UserStoreOptions opts;
  std::unique_ptr<UserStore> store;
};

// Most tests only need token users: no password hash to pay for.
TEST_F(UserStoreTest, AddsListsAndRefusesDuplicatesAndBadNames) {
  ASSERT_TRUE(store->add_user("ana", Role::agent, "", {"care", "care", "product"}));
  ASSERT_TRUE(store->add_user("boss", Role::admin, "", {}));
  auto dup = store->add_user("ana", Role::lead, "", {});
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.message(), "user 'ana' already exists");
  EXPECT_TRUE(contains(store->add_user("Ana", Role::agent, "", {}).message(), "invalid user name 'Ana'"));
  EXPECT_FALSE(store->add_user("", Role::agent, "", {}));
  EXPECT_FALSE(store->add_user(std::string(65, 'a'), Role::agent, "", {}));
  EXPECT_FALSE(store->add_user("eve", Role::agent, "", {""}));

  auto users = store->list_users();
  ASSERT_TRUE(users) << users.message();
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].name, "ana");
  EXPECT_EQ((*users)[0].role, Role::agent);
  EXPECT_EQ((*users)[0].functions, (std::vector<std::string>{"care", "product"}));
  EXPECT_FALSE((*users)[0].has_password);
  EXPECT_EQ((*users)[0].created_at_ms, clock.now_ms());
  EXPECT_EQ((*users)[1].name, "boss");
  EXPECT_EQ((*users)[1].role, Role::admin);
  EXPECT_TRUE((*users)[1].functions.empty());
}

TEST_F(UserStoreTest, RoleNamesRoundTrip) {
  for (Role r : {Role::admin, Role::lead, Role::agent, Role::analyst}) EXPECT_EQ(role_from_name(role_name(r)), r);
  EXPECT_FALSE(role_from_name("root"));
  EXPECT_FALSE(role_from_name("Admin"));
}

TEST_F(UserStoreTest, PasswordSignInSaysWhatWentWrong) {
  ASSERT_TRUE(store->add_user("ana", Role::lead, "s3cret pass", {"care"}));
  auto ok = store->authenticate_password("ana", "s3cret pass");
  ASSERT_TRUE(ok) << ok.message();
  EXPECT_EQ(ok->name, "ana");
  EXPECT_EQ(ok->role, Role::lead);
  EXPECT_EQ(ok->functions, std::vector<std::string>{"care"});
  EXPECT_TRUE(ok->sees_function("care"));
  EXPECT_FALSE(ok->sees_function("hr"));

  EXPECT_EQ(store->authenticate_password("ana", "wrong").message(), "wrong password");
  EXPECT_EQ(store->authenticate_password("zed", "whatever").message(), "unknown user 'zed'");
  ASSERT_TRUE(store->add_user("bot", Role::agent, "", {}));
  EXPECT_TRUE(contains(store->authenticate_password("bot", "x").message(), "has no password"));
}

TEST_F(UserStoreTest, ThrottlesPasswordGuessingPerUserOnTheClock) {
  opts.max_failures = 3;
  store = open_second();
  ASSERT_TRUE(store->add_user("ana", Role::agent, "right", {}));
  ASSERT_TRUE(store->add_user("bob", Role::agent, "", {}));
  for (int i = 0; i < 3; ++i) EXPECT_EQ(store->authenticate_password("ana", "guess").message(), "wrong password");
  // Locked: even the right password is refused, without being checked.
  auto locked = store->authenticate_password("ana", "right");
  ASSERT_FALSE(locked);
  EXPECT_TRUE(contains(locked.message(), "too many failed sign-ins for 'ana': try again in 60 s")) << locked.message();
  // Other users are not affected, and tokens still work for the locked one.
  EXPECT_TRUE(contains(store->authenticate_password("bob", "x").message(), "has no password"));
  EXPECT_TRUE(store->authenticate_token(token_for("ana")));

  clock.advance(59'000);
  EXPECT_TRUE(contains(store->authenticate_password("ana", "right").message(), "try again in 1 s"));
  clock.advance(1'000);
  EXPECT_TRUE(store->authenticate_password("ana", "right"));
}

TEST_F(UserStoreTest, FailuresOutsideTheWindowDoNotCount) {
  opts.max_failures = 2;
  store = open_second();
  ASSERT_TRUE(store->add_user("ana", Role::agent, "right", {}));
  EXPECT_EQ(store->authenticate_password("ana", "guess").message(), "wrong password");
  clock.advance(opts.failure_window_ms);
  EXPECT_EQ(store->authenticate_password("ana", "guess").message(), "wrong password");
  EXPECT_TRUE(store->authenticate_password("ana", "right"));  // one failure in the window: not locked
}

TEST_F(UserStoreTest, SetPasswordChangesItAndSignsTheUserOut) {
  ASSERT_TRUE(store->add_user("ana", Role::agent, "", {}));
  std::string sid = store->create_session(Principal{"ana", Role::agent, {}});
  ASSERT_TRUE(store->set_password("ana", "new one"));
  EXPECT_FALSE(store->session(sid));
  EXPECT_TRUE(store->authenticate_password("ana", "new one"));
  EXPECT_EQ(store->set_password("zed", "x").message(), "unknown user 'zed'");
  EXPECT_FALSE(store->set_password("ana", ""));
}

TEST_F(UserStoreTest, TokenSignInAndImmediateRevocation) {
  ASSERT_TRUE(store->add_user("ana", Role::agent, "", {"care"}));
  std::string t = token_for("ana");
  auto p = store->authenticate_token(t);
  ASSERT_TRUE(p) << p.message();
  EXPECT_EQ(p->name, "ana");
  EXPECT_EQ(p->functions, std::vector<std::string>{"care"});

  auto tokens = store->list_tokens("ana");
  ASSERT_TRUE(tokens);
  ASSERT_EQ(tokens->size(), 1u);
  EXPECT_EQ((*tokens)[0].label, "test");
  EXPECT_EQ((*tokens)[0].last_used_at_ms, clock.now_ms());
  EXPECT_FALSE((*tokens)[0].revoked);

  // The token is cached now; revoking in this process must still take effect at once.
  ASSERT_TRUE(store->revoke_token((*tokens)[0].id));
  EXPECT_EQ(store->authenticate_token(t).message(), "token revoked");
  EXPECT_TRUE(store->revoke_token((*tokens)[0].id)) << "revoking twice is not an error";
  EXPECT_EQ(store->revoke_token(999).message(), "no API token with id 999");

  EXPECT_EQ(store->authenticate_token("pk_" + std::string(43, 'A')).message(), "unknown API token");
  EXPECT_TRUE(contains(store->authenticate_token("Bearer nonsense").message(), "not a parley API token"));
  EXPECT_EQ(store->create_token("zed", "").message(), "unknown user 'zed'");
  EXPECT_EQ(store->list_tokens("zed").message(), "unknown user 'zed'");
}

TEST_F(UserStoreTest, RevocationByAnotherProcessReachesTheCacheWithinItsTtl) {
  ASSERT_TRUE(store->add_user("ana", Role::agent, "", {}));
  std::string t = token_for("ana");
  ASSERT_TRUE(store->authenticate_token(t));
  auto cli = open_second();  // stands for `parley token revoke` while the server runs
  auto tokens = cli->list_tokens("ana");
  ASSERT_TRUE(tokens);
  ASSERT_TRUE(cli->revoke_token((*tokens)[0].id));
  EXPECT_TRUE(cli->authenticate_token(t).message() == "token revoked");
  EXPECT_TRUE(store->authenticate_token(t)) << "still trusted from the cache";
  clock.advance(opts.token_cache_ttl_ms);
  EXPECT_EQ(store->authenticate_token(t).message(), "token revoked");
}

TEST_F(UserStoreTest, LastUsedIsWrittenAtMostOncePerInterval) {
  ASSERT_TRUE(store->add_user("ana", Role::agent, "", {}));
  std::string t = token_for("ana");
  const std::int64_t t0 = clock.now_ms();
  auto last_used = [&] { return (*store->list_tokens("ana"))[0].last_used_at_ms; };
  ASSERT_TRUE(store->authenticate_token(t));
  EXPECT_EQ(last_used(), t0);
  clock.advance(opts.token_cache_ttl_ms + 1);  // cache expired: read again, but too soon to write
  ASSERT_TRUE(store->authenticate_token(t));
  EXPECT_EQ(last_used(), t0);
  clock.advance(opts.last_used_interval_ms);
  ASSERT_TRUE(store->authenticate_token(t));
  EXPECT_EQ(last_used(), clock.now_ms());
}

TEST_F(UserStoreTest, RemoveUserRevokesTokensAndEndsSessions) {
  ASSERT_TRUE(store->add_user("ana", Role::agent, "", {}));
  std::string t = token_for("ana");
  ASSERT_TRUE(store->authenticate_token(t));
  std::string sid = store->create_session(Principal{"ana", Role::agent, {}});
  ASSERT_TRUE(store->remove_user("ana"));
  EXPECT_EQ(store->authenticate_token(t).message(), "token revoked");
  EXPECT_FALSE(store->session(sid));
  EXPECT_EQ(store->remove_user("ana").message(), "unknown user 'ana'");
  // A new user of the same name does not inherit the old tokens.
  ASSERT_TRUE(store->add_user("ana", Role::agent, "", {}));
  EXPECT_EQ(store->authenticate_token(t).message(), "token revoked");
  auto tokens = store->list_tokens("ana");
  ASSERT_TRUE(tokens);
  ASSERT_EQ(tokens->size(), 1u);
  EXPECT_TRUE((*tokens)[0].revoked);
}

TEST_F(UserStoreTest, SetRoleReachesCachedTokensAndSessions) {
  ASSERT_TRUE(store->add_user("ana", Role::agent, "", {}));
  std::string t = token_for("ana");
  ASSERT_EQ(store->authenticate_token(t)->role, Role::agent);
  std::string sid = store->create_session(*store->authenticate_token(t));
  ASSERT_TRUE(store->set_role("ana", Role::lead));
  EXPECT_EQ(store->authenticate_token(t)->role, Role::lead);
  ASSERT_TRUE(store->session(sid));
  EXPECT_EQ(store->session(sid)->role, Role::lead);
  EXPECT_EQ(store->set_role("zed", Role::admin).message(), "unknown user 'zed'");
}

TEST_F(UserStoreTest, SessionsExpireWhenIdleAndCanBeEnded) {
  Principal ana{"ana", Role::analyst, {}};
  std::string a = store->create_session(ana);
  std::string b = store->create_session(ana);
  EXPECT_NE(a, b);
  EXPECT_EQ(store->session(a)->name, "ana");
  EXPECT_FALSE(store->session("made-up"));
  EXPECT_FALSE(store->session(""));

  clock.advance(opts.session_idle_ms - 1);
  EXPECT_TRUE(store->session(a)) << "use refreshes the idle timer";
  clock.advance(opts.session_idle_ms - 1);
  EXPECT_TRUE(store->session(a));
  EXPECT_FALSE(store->session(b)) << "b was idle for almost two periods";

  store->end_session(a);
  EXPECT_FALSE(store->session(a));
  store->create_session(ana);  // sweeps the expired ones
  EXPECT_EQ(store->session_count(), 1u);
}

TEST_F(UserStoreTest, ConcurrentTokenChecksWhileRevoking) {
  ASSERT_TRUE(store->add_user("ana", Role::agent, "", {}));
  std::vector<std::string> tokens;
  for (int i = 0; i < 4; ++i) tokens.push_back(token_for("ana"));
  std::atomic<bool> stop{false};
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      while (!stop) {
        if (store->authenticate_token(tokens[static_cast<std::size_t>(i)])) ++ok;
        clock.advance(1'000);  // keeps the cache expiring, so the database is read too
      }
    });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  auto list = store->list_tokens("ana");
  ASSERT_TRUE(list);
  for (const auto& t : *list) ASSERT_TRUE(store->revoke_token(t.id));
  stop = true;
  for (auto& th : threads) th.join();
  EXPECT_GT(ok.load(), 0);
  for (const auto& t : tokens) EXPECT_EQ(store->authenticate_token(t).message(), "token revoked");
}

}  // namespace
}  // namespace parley::auth
