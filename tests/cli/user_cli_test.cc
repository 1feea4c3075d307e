// `parley user` and `parley token` as an administrator uses them: the real binary on a temporary database.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../process_util.h"
#include "parley/auth/secrets.h"
#include "parley/auth/user_store.h"

namespace parley {
namespace {

using testing::run_parley;
using testing::TempDir;
using testing::write_file;

class UserCli : public ::testing::Test {
 protected:
  std::string db() const { return "--db '" + dir.file("p.db") + "' "; }
  TempDir dir;
};

TEST_F(UserCli, AddListCreateTokenListRevoke) {
  write_file(dir.file("pw"), "hunter2 but longer\n");
  auto add = run_parley(db() + "user add ana --role agent --function care --function product --password-stdin",
                        dir.file("pw"));
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_NE(add.out.find("added agent 'ana'"), std::string::npos) << add.out;
  auto bot = run_parley(db() + "user add sync-bot --role analyst");
  ASSERT_EQ(bot.exit_code, 0) << bot.err;
  EXPECT_NE(bot.out.find("no password"), std::string::npos) << bot.out;

  auto dup = run_parley(db() + "user add ana --role lead");
  EXPECT_EQ(dup.exit_code, 2);
  EXPECT_NE(dup.err.find("user 'ana' already exists"), std::string::npos) << dup.err;

  auto list = run_parley(db() + "user list --json");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  auto users = nlohmann::json::parse(list.out);
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0]["name"], "ana");
  EXPECT_EQ(users[0]["role"], "agent");
  EXPECT_EQ(users[0]["functions"], nlohmann::json({"care", "product"}));
  EXPECT_EQ(users[0]["password"], true);
  EXPECT_EQ(users[1]["name"], "sync-bot");
  EXPECT_EQ(users[1]["password"], false);
  auto text = run_parley(db() + "user list");
  EXPECT_NE(text.out.find("care,product"), std::string::npos) << text.out;

  auto created = run_parley(db() + "token create sync-bot --label 'nightly export'");
  ASSERT_EQ(created.exit_code, 0) << created.err;
  std::string token = created.out.substr(0, created.out.find('\n'));
  EXPECT_TRUE(auth::looks_like_api_token(token)) << created.out;
  EXPECT_EQ(created.out, token + "\n") << "only the token on stdout";
  EXPECT_NE(created.err.find("cannot be shown again"), std::string::npos) << created.err;

  // The token the CLI printed signs in; the password the CLI stored verifies.
  {
    auto store = auth::UserStore::open(dir.file("p.db"));
    ASSERT_TRUE(store) << store.message();
    auto p = (*store)->authenticate_token(token);
    ASSERT_TRUE(p) << p.message();
    EXPECT_EQ(p->name, "sync-bot");
    EXPECT_EQ(p->role, Role::analyst);
    EXPECT_TRUE((*store)->authenticate_password("ana", "hunter2 but longer"));
  }

  auto tokens = run_parley(db() + "token list sync-bot --json");
  ASSERT_EQ(tokens.exit_code, 0) << tokens.err;
  auto tj = nlohmann::json::parse(tokens.out);
  ASSERT_EQ(tj.size(), 1u);
  EXPECT_EQ(tj[0]["label"], "nightly export");
  EXPECT_EQ(tj[0]["revoked"], false);
  EXPECT_FALSE(tj[0]["last_used_at"].is_null());
  EXPECT_EQ(tokens.out.find(token), std::string::npos) << "the token itself is never listed";
  const std::string id = std::to_string(tj[0]["id"].get<long long>());

  auto revoke = run_parley(db() + "token revoke " + id);
  ASSERT_EQ(revoke.exit_code, 0) << revoke.err;
  EXPECT_NE(revoke.out.find("revoked token " + id), std::string::npos);
  auto listed = run_parley(db() + "token list sync-bot");
  EXPECT_NE(listed.out.find("revoked"), std::string::npos) << listed.out;
  {
    auto store = auth::UserStore::open(dir.file("p.db"));
    ASSERT_TRUE(store);
    EXPECT_EQ((*store)->authenticate_token(token).message(), "token revoked");
  }
}

TEST_F(UserCli, PasswdRemoveAndErrors) {
  ASSERT_EQ(run_parley(db() + "user add lea --role lead --password first-one").exit_code, 0);
  write_file(dir.file("pw"), "second-one\r\n");
  auto passwd = run_parley(db() + "user passwd lea --password-stdin", dir.file("pw"));
  ASSERT_EQ(passwd.exit_code, 0) << passwd.err;
  {
    auto store = auth::UserStore::open(dir.file("p.db"));
    ASSERT_TRUE(store);
    EXPECT_TRUE((*store)->authenticate_password("lea", "second-one"));
  }
  EXPECT_EQ(run_parley(db() + "user passwd lea").exit_code, 2);
  EXPECT_EQ(run_parley(db() + "user passwd lea --password-stdin").exit_code, 2) << "empty stdin";

  auto t = run_parley(db() + "token create lea");
  ASSERT_EQ(t.exit_code, 0);
  auto removed = run_parley(db() + "user remove lea");
  ASSERT_EQ(removed.exit_code, 0) << removed.err;
  auto again = run_parley(db() + "user remove lea");
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("unknown user 'lea'"), std::string::npos) << again.err;

  EXPECT_EQ(run_parley(db() + "user add x --role root").exit_code, 2);
  EXPECT_EQ(run_parley(db() + "user add Bad --role agent").exit_code, 2);
  EXPECT_EQ(run_parley(db() + "user add y").exit_code, 2) << "--role is required";
  EXPECT_EQ(run_parley(db() + "token create nobody").exit_code, 2);
  auto bad_id = run_parley(db() + "token revoke 12345");
  EXPECT_EQ(bad_id.exit_code, 2);
  EXPECT_NE(bad_id.err.find("no API token with id 12345"), std::string::npos) << bad_id.err;
  EXPECT_EQ(run_parley(db() + "user").exit_code, 2);
  EXPECT_EQ(run_parley(db() + "user list --json").out, "[]\n");
}

}  // namespace
}  // namespace parley
