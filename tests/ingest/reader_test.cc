// read_input() as a whole: format detection and whole-input failures.
#include "parley/ingest/reader.h"

#include <gtest/gtest.h>

#include "ingest_test_support.h"

namespace parley::ingest {
namespace {

using testing::fixture;
using testing::read_bytes;

TEST(Format, NamesRoundTrip) {
  for (Format f : {Format::automatic, Format::jsonl, Format::twitter_v2, Format::mastodon, Format::reddit, Format::csv})
    EXPECT_EQ(parse_format(to_string(f)), f);
  EXPECT_EQ(parse_format("twitter"), Format::twitter_v2);
  EXPECT_EQ(parse_format("x"), Format::twitter_v2);
  EXPECT_EQ(parse_format("xml"), std::nullopt);
}

TEST(Detect, Fixtures) {
  EXPECT_EQ(detect_format(fixture("jsonl/posts.jsonl")), Format::jsonl);
  EXPECT_EQ(detect_format(fixture("twitter/search_recent.json")), Format::twitter_v2);
  EXPECT_EQ(detect_format(fixture("twitter/lookup.json")), Format::twitter_v2);
  EXPECT_EQ(detect_format(fixture("twitter/pages.jsonl")), Format::twitter_v2);
  EXPECT_EQ(detect_format(fixture("mastodon/home_timeline.json")), Format::mastodon);
  EXPECT_EQ(detect_format(fixture("mastodon/context.json")), Format::mastodon);
  EXPECT_EQ(detect_format(fixture("mastodon/statuses.jsonl")), Format::mastodon);
  EXPECT_EQ(detect_format(fixture("reddit/new.json")), Format::reddit);
  EXPECT_EQ(detect_format(fixture("reddit/comments.json")), Format::reddit);
  EXPECT_EQ(detect_format(fixture("reddit/listings.jsonl")), Format::reddit);
  EXPECT_EQ(detect_format(fixture("csv/posts.csv")), Format::csv);
}

TEST(Detect, SmallCases) {
  EXPECT_EQ(detect_format(R"({"data":{"id":"1","text":"t","author_id":"2"}})"), Format::twitter_v2);
  EXPECT_EQ(detect_format(R"({"meta":{"result_count":0}})"), Format::twitter_v2);
  EXPECT_EQ(detect_format(R"({"kind":"t1","data":{"id":"a"}})"), Format::reddit);
  EXPECT_EQ(detect_format(R"({"id":"1","account":{"acct":"a"},"content":"<p>x</p>"})"), Format::mastodon);
  EXPECT_EQ(detect_format("  \n{\"source\":\"x\",\"text\":\"hi\"}\n"), Format::jsonl);
  EXPECT_EQ(detect_format("id\ttext\tauthor\n1\thi\tbob\n"), Format::csv);
  EXPECT_EQ(detect_format("ID;Text;Author\n"), Format::csv);
  EXPECT_EQ(detect_format(R"({"hello":"world"})"), std::nullopt);
  EXPECT_EQ(detect_format("[1,2,3]"), std::nullopt);
  EXPECT_EQ(detect_format("just some prose, with a comma\n"), std::nullopt);
  EXPECT_EQ(detect_format(""), std::nullopt);
}

TEST(Detect, PrettyPrintedDocumentLargerThanTheHead) {
  // Only the first 64 KiB reach detect_format; the document is cut off, so keys decide.
  std::string doc = fixture("reddit/comments.json");
  EXPECT_EQ(detect_format(doc.substr(0, doc.size() / 2)), Format::reddit);
  std::string tw = fixture("twitter/search_recent.json");
  EXPECT_EQ(detect_format(tw.substr(0, tw.size() / 2)), Format::twitter_v2);
}

TEST(ReadInput, AutomaticFormatKeepsTheHeadBytes) {
  auto c = read_bytes(fixture("jsonl/posts.jsonl"), Format::automatic);
  ASSERT_TRUE(c.status.is_ok()) << c.status.message();
  EXPECT_EQ(c.posts.size(), 4u);
  EXPECT_EQ(c.posts.front().first.external_id, "1790");
}

TEST(ReadInput, AutomaticUsesMappedTextColumnAndTabs) {
  ReaderOptions opts;
  opts.csv_columns = {{"id", "tweet_id"}, {"text", "body"}, {"created_at", "posted"}, {"author", "user"}};
  auto c = read_bytes(fixture("csv/mapped.tsv"), Format::automatic, opts);
  ASSERT_TRUE(c.status.is_ok()) << c.status.message();
  ASSERT_EQ(c.posts.size(), 2u);
  EXPECT_EQ(c.posts[0].first.text, "Tab separated ✓");
}

TEST(ReadInput, EmptyInput) {
  for (auto f : {Format::automatic, Format::jsonl, Format::csv, Format::reddit}) {
    auto c = read_bytes("", f);
    EXPECT_EQ(c.status.message(), "empty file: nothing to ingest");
  }
  EXPECT_EQ(read_bytes("\xEF\xBB\xBF \n\r\n", Format::automatic).status.message(), "empty file: nothing to ingest");
}

TEST(ReadInput, BinaryInput) {
  std::string bin = "PK\x03\x04";
  bin += std::string("\0\0\x14\0", 4);
  auto c = read_bytes(bin, Format::automatic);
  EXPECT_EQ(c.status.message(), "binary file (NUL bytes at offset 4), not a supported text format");
  EXPECT_TRUE(c.posts.empty());
  auto j = read_bytes(bin, Format::jsonl);
  EXPECT_FALSE(j.status.is_ok());
  std::string utf16("\xFF\xFE{\0\"\0", 6);
  EXPECT_NE(read_bytes(utf16, Format::automatic).status.message().find("UTF-16"), std::string::npos);
}

TEST(ReadInput, UndetectableFormatSuggestsFlag) {
  auto c = read_bytes("hello there\nthis is prose\n", Format::automatic);
  ASSERT_FALSE(c.status.is_ok());
  EXPECT_NE(c.status.message().find("--format"), std::string::npos);
  EXPECT_NE(c.status.message().find("mastodon"), std::string::npos);
}

}  // namespace
}  // namespace parley::ingest
