// Password hashing, token format and digests: the properties the rest of auth relies on. Each password
// hash costs tens of milliseconds and 64 MiB by design, so only a handful are made here.
#include "parley/auth/secrets.h"

#include <gtest/gtest.h>

#include <set>

namespace parley::auth {
namespace {

TEST(PasswordHash, VerifiesTheRightPasswordOnly) {
  auto h = hash_password("correct horse battery staple");
  ASSERT_TRUE(h) << h.message();
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u) << *h;
  EXPECT_TRUE(verify_password("correct horse battery staple", *h));
  EXPECT_FALSE(verify_password("correct horse battery stapl", *h));
  EXPECT_FALSE(verify_password("", *h));
  // A fresh salt each time: the same password never hashes to the same string.
  auto again = hash_password("correct horse battery staple");
  ASSERT_TRUE(again);
  EXPECT_NE(*h, *again);
}

TEST(PasswordHash, RefusesEmptyAndOversizedPasswordsAndMalformedHashes) {
  EXPECT_FALSE(hash_password(""));
  auto big = hash_password(std::string(kMaxPasswordBytes + 1, 'x'));
  ASSERT_FALSE(big);
  EXPECT_NE(big.message().find("longer than"), std::string::npos);
  EXPECT_FALSE(verify_password("x", ""));
  EXPECT_FALSE(verify_password("x", "not a hash"));
  EXPECT_FALSE(verify_password("x", std::string(500, '$')));
}

TEST(TokenFormat, NewTokensArePrefixedBase64urlAndUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string t = new_api_token();
    ASSERT_EQ(t.size(), kTokenLength) << t;
    EXPECT_EQ(t.substr(0, 3), "pk_");
    EXPECT_TRUE(looks_like_api_token(t)) << t;
    EXPECT_EQ(t.find_first_of("+/="), std::string::npos) << t;
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 100u);
  EXPECT_FALSE(looks_like_api_token(""));
  EXPECT_FALSE(looks_like_api_token("pk_short"));
  EXPECT_FALSE(looks_like_api_token("xx_" + std::string(43, 'a')));
  EXPECT_FALSE(looks_like_api_token("pk_" + std::string(42, 'a') + "!"));
}

TEST(TokenFormat, HashIsDeterministicHexBlake2b256) {
  std::string t = new_api_token();
  std::string h = token_hash(t);
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos) << h;
  EXPECT_EQ(h, token_hash(t));
  EXPECT_NE(h, token_hash(new_api_token()));
  // BLAKE2b-256 of the empty string, as published.
  EXPECT_EQ(token_hash(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
}

TEST(AuthSecrets, RandomIdsAndConstantTimeCompare) {
  std::string a = random_id(), b = random_id();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, b);
  EXPECT_TRUE(secrets_equal(a, a));
  EXPECT_FALSE(secrets_equal(a, b));
  EXPECT_FALSE(secrets_equal(a, a.substr(1)));
  EXPECT_TRUE(secrets_equal("", ""));
  EXPECT_TRUE(init_sodium());
}

}  // namespace
}  // namespace parley::auth
