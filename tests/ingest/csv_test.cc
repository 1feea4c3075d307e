#include <gtest/gtest.h>

#include "ingest_test_support.h"
#include "parley/core/time.h"

namespace parley::ingest {
namespace {

using testing::read_bytes;
using testing::read_fixture;

TEST(Csv, FixtureQuotingMultilineAndTimestamps) {
  auto c = read_fixture("csv/posts.csv", Format::csv);
  ASSERT_TRUE(c.status.is_ok()) << c.status.message();
  ASSERT_EQ(c.posts.size(), 4u);
  const Post& a = c.posts[0].first;
  EXPECT_EQ(a.source, "csv");
  EXPECT_EQ(a.external_id, "1");
  EXPECT_EQ(a.text, "Hello, world 👋");
  EXPECT_EQ(a.author.handle, "ana");
  EXPECT_EQ(a.author.name, "Ana \"the customer\" Costa");
  EXPECT_EQ(a.author.followers, 120);
  EXPECT_EQ(a.language, "en");
  EXPECT_EQ(format_iso8601_ms(a.created_at_ms), "2024-03-05T14:07:09Z");
  EXPECT_EQ(c.posts[0].second, 2u);

  const Post& b = c.posts[1].first;  // spans lines 3-4
  EXPECT_EQ(b.text, "multi\nline \"quoted\" text");
  EXPECT_EQ(b.author.handle, "bob");
  EXPECT_EQ(b.created_at_ms, 1709647629000);  // Unix seconds
  EXPECT_EQ(b.reply_to, "1");
  EXPECT_EQ(b.kind, PostKind::reply);
  EXPECT_EQ(c.posts[1].second, 3u);

  const Post& d = c.posts[2].first;
  EXPECT_EQ(format_iso8601_ms(d.created_at_ms), "2018-10-10T20:19:24Z");  // Twitter legacy form
  EXPECT_EQ(d.author.name, "陈");
  EXPECT_EQ(c.posts[2].second, 5u);

  EXPECT_EQ(c.posts[3].first.created_at_ms, 1709647629123);  // >= 1e11: milliseconds
  EXPECT_EQ(c.posts[3].second, 8u);

  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0], (std::pair<std::uint64_t, std::string>{7, "row has 9 fields, the header has 8"}));
}

TEST(Csv, ColumnMappingAndSourceDefault) {
  ReaderOptions opts;
  opts.csv_columns = {{"id", "tweet_id"}, {"text", "body"}, {"created_at", "posted"}, {"author", "user"}};
  opts.csv_delimiter = '\t';
  opts.csv_source = "zendesk";
  auto c = read_fixture("csv/mapped.tsv", Format::csv, opts);
  ASSERT_TRUE(c.status.is_ok()) << c.status.message();
  ASSERT_EQ(c.posts.size(), 2u);
  EXPECT_EQ(c.posts[0].first.source, "zendesk");
  EXPECT_EQ(c.posts[0].first.external_id, "10");
  EXPECT_EQ(c.posts[1].first.author.handle, "yan");
  EXPECT_EQ(format_iso8601_ms(c.posts[0].first.created_at_ms), "2024-01-02T03:04:05Z");
}

TEST(Csv, MissingColumnIsAWholeInputError) {
  auto c = read_bytes("id,body,created_at,author\n1,hi,2024-01-01,a\n", Format::csv);
  ASSERT_FALSE(c.status.is_ok());
  EXPECT_EQ(c.status.message(),
            "CSV header has no 'text' column (header: id, body, created_at, author); name the column that holds "
            "it with --map text=<column>");
  ReaderOptions opts;
  opts.csv_columns = {{"text", "message"}};
  auto m = read_bytes("id,body,created_at,author\n", Format::csv, opts);
  EXPECT_EQ(m.status.message(),
            "CSV header has no column 'message' (mapped to 'text' with --map); header: id, body, created_at, author");
  opts.csv_columns = {{"txt", "body"}};
  EXPECT_EQ(read_bytes("id,text\n", Format::csv, opts).status.message().rfind("unknown parley field 'txt' in --map", 0), 0u);
}

TEST(Csv, BadRowsAroundGoodOnes) {
  std::string data =
      "id,text,created_at,author,kind,followers,source\n"
      "1,ok,2024-01-01,a,,,\n"                         // 2
      "2,bad date,01/02/2024,a,,,\n"                  // 3
      "3,no author,2024-01-01,,,,\n"                  // 4
      "4,bad kind,2024-01-01,a,tweet,,\n"             // 5
      "5,bad followers,2024-01-01,a,,lots,\n"         // 6
      "6,caf\xE9,2024-01-01,a,,,\n"                   // 7
      "7,\"bad\"quote,2024-01-01,a,,,\n"              // 8
      "8,bad source,2024-01-01,a,,,Big Corp\n"        // 9
      ",no id,2024-01-01,a,,,\n"                      // 10
      "9,ok,1709647629,a,,,api\n"                     // 11
      "10,\"never closed,2024-01-01,a,,,\n";          // 12
  auto c = read_bytes(data, Format::csv);
  ASSERT_TRUE(c.status.is_ok()) << c.status.message();
  ASSERT_EQ(c.posts.size(), 2u);
  EXPECT_EQ(c.posts[1].first.source, "api");
  EXPECT_EQ(c.posts[1].second, 11u);
  ASSERT_EQ(c.rejects.size(), 9u);
  EXPECT_EQ(c.rejects[0].first, 3u);
  EXPECT_EQ(c.rejects[0].second.rfind("field 'created_at' is not a date-time", 0), 0u);
  EXPECT_EQ(c.rejects[1], (std::pair<std::uint64_t, std::string>{4, "missing required field 'author'"}));
  EXPECT_EQ(c.rejects[2], (std::pair<std::uint64_t, std::string>{5, "field 'kind' must be one of post, reply, comment, dm, review; got 'tweet'"}));
  EXPECT_EQ(c.rejects[3], (std::pair<std::uint64_t, std::string>{6, "field 'followers' must be a non-negative integer, got 'lots'"}));
  EXPECT_EQ(c.rejects[4], (std::pair<std::uint64_t, std::string>{7, "invalid UTF-8 at byte 6"}));
  EXPECT_EQ(c.rejects[5].first, 8u);
  EXPECT_EQ(c.rejects[5].second.rfind("unexpected character after the closing quote of field 2", 0), 0u);
  EXPECT_EQ(c.rejects[6], (std::pair<std::uint64_t, std::string>{9, "field 'source' must match [a-z0-9_-]+, got 'Big Corp'"}));
  EXPECT_EQ(c.rejects[7], (std::pair<std::uint64_t, std::string>{10, "missing required field 'id'"}));
  EXPECT_EQ(c.rejects[8], (std::pair<std::uint64_t, std::string>{12, "unterminated quoted field 2 (runs to the end of the input)"}));
}

TEST(Csv, OverlongLineAndCrlfAndNoFinalNewline) {
  std::string data = "id,text,created_at,author\r\n1,a,2024-01-01,x\r\n2," + std::string(kMaxLineBytes + 10, 'z') +
                     ",2024-01-01,x\r\n3,c,2024-01-01,x";
  auto c = read_bytes(data, Format::csv);
  ASSERT_EQ(c.posts.size(), 2u);
  EXPECT_EQ(c.posts[1].second, 4u);
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0].first, 3u);
  EXPECT_EQ(c.rejects[0].second, "line is " + std::to_string(2 + kMaxLineBytes + 10 + 13) +
                                     " bytes, over the 1 MiB limit (kMaxLineBytes)");
}

TEST(Csv, HeaderOnlyAndEmpty) {
  auto h = read_bytes("id,text,created_at,author\n", Format::csv);
  EXPECT_TRUE(h.status.is_ok());
  EXPECT_TRUE(h.posts.empty());
  EXPECT_EQ(read_bytes("", Format::csv).status.message(), "empty file: nothing to ingest");
}

}  // namespace
}  // namespace parley::ingest
