#include <gtest/gtest.h>

#include "ingest_test_support.h"
#include "parley/core/time.h"

namespace parley::ingest {
namespace {

using testing::read_bytes;
using testing::read_fixture;

const char* kGood1 = R"({"source":"x","id":"a1","author":"ana","text":"first","created_at":"2024-03-05T14:07:09Z"})";
const char* kGood2 = R"({"source":"x","id":"a2","author":"bob","text":"last","created_at":"2024-03-05T14:07:10Z"})";

// A bad line sandwiched between two good ones: the good ones must survive it.
testing::Collected sandwich(const std::string& bad) {
  return read_bytes(std::string(kGood1) + "\n" + bad + "\n" + kGood2 + "\n", Format::jsonl);
}

void expect_rejected(const testing::Collected& c, const std::string& reason) {
  ASSERT_TRUE(c.status.is_ok()) << c.status.message();
  ASSERT_EQ(c.posts.size(), 2u);
  EXPECT_EQ(c.posts[0].first.external_id, "a1");
  EXPECT_EQ(c.posts[1].first.external_id, "a2");
  EXPECT_EQ(c.posts[1].second, 3u);
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0].first, 2u);
  EXPECT_EQ(c.rejects[0].second, reason);
}

TEST(Jsonl, FixtureMapsAllFields) {
  auto c = read_fixture("jsonl/posts.jsonl", Format::jsonl);
  ASSERT_TRUE(c.status.is_ok()) << c.status.message();
  ASSERT_EQ(c.posts.size(), 4u);
  EXPECT_TRUE(c.rejects.empty());

  const Post& p = c.posts[0].first;  // after the BOM
  EXPECT_EQ(c.posts[0].second, 1u);
  EXPECT_EQ(p.source, "x");
  EXPECT_EQ(p.external_id, "1790");
  EXPECT_EQ(p.kind, PostKind::reply);
  EXPECT_EQ(p.author.handle, "ana");
  EXPECT_EQ(p.author.name, "Ana");
  EXPECT_EQ(p.author.kind, AuthorKind::customer);
  EXPECT_EQ(p.author.followers, 120);
  EXPECT_EQ(p.reply_to, "1788");
  EXPECT_EQ(p.language, "en");
  EXPECT_EQ(format_iso8601_ms(p.created_at_ms), "2024-03-05T14:07:09Z");

  const Post& q = c.posts[1].first;  // integer id, string author with '@', ms timestamp
  EXPECT_EQ(q.external_id, "1788");
  EXPECT_EQ(q.author.handle, "acme_support");
  EXPECT_EQ(q.author.followers, -1);
  EXPECT_EQ(q.text, "We're on it 👍");
  EXPECT_EQ(q.created_at_ms, 1709647000000);
  EXPECT_EQ(q.kind, PostKind::post);

  const Post& r = c.posts[2].first;  // after a blank line: line numbers keep counting
  EXPECT_EQ(c.posts[2].second, 4u);
  EXPECT_EQ(r.audience, Audience::internal);
  EXPECT_EQ(r.author.kind, AuthorKind::employee);
  EXPECT_EQ(r.author.handle, "müller");
  EXPECT_EQ(r.conversation_hint, "r-70");
  EXPECT_EQ(r.url, "https://intranet.example/r-77");
  EXPECT_EQ(format_iso8601_ms(r.created_at_ms), "2024-03-05T13:07:09.500Z");

  const Post& s = c.posts[3].first;  // integer reply_to implies kind reply
  EXPECT_EQ(s.reply_to, "1788");
  EXPECT_EQ(s.kind, PostKind::reply);
  EXPECT_EQ(s.text, "退款还没到账 😢");
}

TEST(Jsonl, TruncatedObject) {
  expect_rejected(sandwich(R"({"source":"x","id":"t","author":"a","text":"cut)"),
                  "invalid JSON (truncated: unclosed string)");
  expect_rejected(sandwich(R"({"source":"x","id":"t","author":{"handle":"a")"),
                  "invalid JSON (truncated: unclosed object)");
  expect_rejected(sandwich(R"({"source":"x","tags":["a","b")"), "invalid JSON (truncated: unclosed array)");
}

TEST(Jsonl, OtherSyntaxErrorsCarrySimdjsonText) {
  auto c = sandwich(R"({"source":"x",,"id":"1"})");
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0].second.rfind("invalid JSON: ", 0), 0u) << c.rejects[0].second;
  EXPECT_EQ(c.posts.size(), 2u);
}

TEST(Jsonl, InvalidUtf8) {
  expect_rejected(sandwich("{\"source\":\"x\",\"id\":\"1\",\"text\":\"caf\xE9\"}"), "invalid UTF-8 at byte 35");
}

TEST(Jsonl, MissingRequiredFields) {
  expect_rejected(sandwich(R"({"id":"1","author":"a","text":"t","created_at":"2024-03-05"})"),
                  "missing required field 'source'");
  expect_rejected(sandwich(R"({"source":"x","author":"a","text":"t","created_at":"2024-03-05"})"),
                  "missing required field 'id'");
  expect_rejected(sandwich(R"({"source":"x","id":"1","author":"a","created_at":"2024-03-05"})"),
                  "missing required field 'text'");
  expect_rejected(sandwich(R"({"source":"x","id":"1","author":"a","text":"t"})"),
                  "missing required field 'created_at'");
  expect_rejected(sandwich(R"({"source":"x","id":"1","text":"t","created_at":"2024-03-05"})"),
                  "missing required field 'author'");
  expect_rejected(sandwich(R"({"source":"x","id":"1","author":{"name":"A"},"text":"t","created_at":"2024-03-05"})"),
                  "missing required field 'author.handle'");
}

TEST(Jsonl, WrongTypes) {
  expect_rejected(sandwich(R"({"source":"x","id":"1","author":"a","text":"t","created_at":true})"),
                  "field 'created_at' must be an ISO 8601 string or integer milliseconds, got boolean");
  expect_rejected(sandwich(R"({"source":"x","id":1.5,"author":"a","text":"t","created_at":"2024-03-05"})"),
                  "field 'id' must be a string or integer, got number");
  expect_rejected(sandwich(R"({"source":"x","id":"1","author":["a"],"text":"t","created_at":"2024-03-05"})"),
                  "field 'author' must be an object or a string (the handle), got array");
  expect_rejected(sandwich(R"({"source":"x","id":"1","author":"a","text":42,"created_at":"2024-03-05"})"),
                  "field 'text' must be a string, got integer");
  expect_rejected(sandwich(R"({"source":"x","id":"1","author":{"handle":"a","followers":"many"},"text":"t","created_at":"2024-03-05"})"),
                  "field 'author.followers' must be an integer, got string");
  expect_rejected(sandwich(R"({"source":"x","id":"1","author":"a","text":"t","created_at":"yesterday"})"),
                  "field 'created_at' is not an ISO 8601 date-time: 'yesterday'");
  expect_rejected(sandwich(R"({"source":"x","id":"1","author":"a","text":"t","created_at":1709647629})"),
                  "field 'created_at' looks like Unix seconds (1709647629); integers must be Unix milliseconds");
  expect_rejected(sandwich(R"({"source":"x","id":"1","author":"a","text":"t","created_at":"2024-03-05","kind":"tweet"})"),
                  "field 'kind' must be one of post, reply, comment, dm, review; got 'tweet'");
  expect_rejected(sandwich(R"([1,2])"), "line must be a JSON object, got array");
}

TEST(Jsonl, ValidateRunsOnTheBuiltPost) {
  expect_rejected(sandwich(R"({"source":"X Corp","id":"1","author":"a","text":"t","created_at":"2024-03-05"})"),
                  "field 'source' must match [a-z0-9_-]+, got 'X Corp'");
}

TEST(Jsonl, LineOverTheLimitIsSkipped) {
  std::string big = R"({"source":"x","id":"big","author":"a","created_at":"2024-03-05","text":")" +
                    std::string(1300000, 'a') + "\"}";
  auto c = sandwich(big);
  expect_rejected(c, "line is " + std::to_string(big.size()) + " bytes, over the 1 MiB limit (kMaxLineBytes)");
}

TEST(Jsonl, CrlfAndNoFinalNewline) {
  auto c = read_bytes(std::string(kGood1) + "\r\n\r\n" + kGood2, Format::jsonl);
  ASSERT_EQ(c.posts.size(), 2u);
  EXPECT_EQ(c.posts[1].second, 3u);
  EXPECT_TRUE(c.rejects.empty());
}

TEST(Jsonl, UnknownFieldsAndNullOptionalsAreIgnored) {
  auto c = read_bytes(R"({"source":"x","id":"1","author":{"handle":"a","name":null},"text":"t","created_at":"2024-03-05","url":null,"reply_to":null,"meta":{"deep":[1,2,{"x":null}]}})",
                      Format::jsonl);
  ASSERT_EQ(c.posts.size(), 1u);
  EXPECT_EQ(c.posts[0].first.kind, PostKind::post);
}

}  // namespace
}  // namespace parley::ingest
