#include "parley/core/post.h"

#include <gtest/gtest.h>

#include "parley/core/utf8.h"

namespace parley {
namespace {

Post valid() {
  Post p;
  p.source = "x";
  p.external_id = "1";
  p.author.handle = "ana";
  p.text = "hi";
  p.created_at_ms = 1;
  return p;
}

TEST(Post, ValidPostPasses) { EXPECT_EQ(validate(valid()), ""); }

TEST(Post, EachRequiredFieldIsNamedWhenMissing) {
  Post p = valid();
  p.source.clear();
  EXPECT_NE(validate(p).find("'source'"), std::string::npos);
  p = valid();
  p.external_id.clear();
  EXPECT_NE(validate(p).find("'id'"), std::string::npos);
  p = valid();
  p.author.handle.clear();
  EXPECT_NE(validate(p).find("'author.handle'"), std::string::npos);
  p = valid();
  p.created_at_ms = 0;
  EXPECT_NE(validate(p).find("'created_at'"), std::string::npos);
  p = valid();
  p.source = "X Twitter";
  EXPECT_NE(validate(p).find("[a-z0-9_-]+"), std::string::npos);
  p = valid();
  p.text = "bad \xC3\x28 bytes";
  EXPECT_NE(validate(p).find("UTF-8"), std::string::npos);
}

TEST(Post, EnumsRoundTripThroughText) {
  for (auto k : {PostKind::post, PostKind::reply, PostKind::comment, PostKind::dm, PostKind::review})
    EXPECT_EQ(parse_post_kind(to_string(k)), k);
  for (auto a : {Audience::public_, Audience::internal}) EXPECT_EQ(parse_audience(to_string(a)), a);
  for (auto k : {AuthorKind::public_, AuthorKind::customer, AuthorKind::employee})
    EXPECT_EQ(parse_author_kind(to_string(k)), k);
  EXPECT_EQ(parse_post_kind("tweet"), std::nullopt);
}

TEST(Utf8, FindsFirstInvalidByte) {
  EXPECT_TRUE(is_valid_utf8("plain ascii, émoji 🎉, 日本語"));
  EXPECT_EQ(first_invalid_utf8("ok"), std::string_view::npos);
  EXPECT_EQ(first_invalid_utf8("ab\xFFzz"), 2u);
  EXPECT_EQ(first_invalid_utf8("ab\xC0\xAF"), 2u);          // overlong '/'
  EXPECT_EQ(first_invalid_utf8("a\xED\xA0\x80"), 1u);       // UTF-16 surrogate
  EXPECT_EQ(first_invalid_utf8("abc\xE2\x82"), 3u);         // truncated sequence
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));          // past U+10FFFF
}

TEST(Utf8, SpotsBinary) {
  EXPECT_TRUE(looks_binary(std::string_view("PK\x03\x04\x00\x00", 6)));
  EXPECT_FALSE(looks_binary("{\"text\": \"hello\"}\n"));
  EXPECT_FALSE(looks_binary(""));
}

}  // namespace
}  // namespace parley
