#include "parley/ingest/input.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "ingest_test_support.h"

namespace parley::ingest::detail {
namespace {

struct Split {
  std::vector<std::pair<std::uint64_t, std::string>> lines;
  std::vector<std::pair<std::uint64_t, std::size_t>> too_long;
  std::vector<std::uint64_t> progress;
};

Split split(const std::string& bytes, std::size_t peek_first = 0) {
  Split out;
  std::FILE* f = std::tmpfile();
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::rewind(f);
  Input in(f, "t");
  if (peek_first) in.peek(peek_first);
  testing::Collected sink;
  LineReader reader(in, sink);
  Line line;
  while (reader.next(line)) {
    if (line.too_long_bytes) out.too_long.emplace_back(line.number, line.too_long_bytes);
    else out.lines.emplace_back(line.number, std::string(line.text));
  }
  out.progress = sink.progress_calls;
  std::fclose(f);
  return out;
}

TEST(LineReader, SplitsLfCrlfAndLastLineWithoutNewline) {
  Split s = split("a\r\nbb\n\nccc");
  ASSERT_EQ(s.lines.size(), 4u);
  EXPECT_EQ(s.lines[0], (std::pair<std::uint64_t, std::string>{1, "a"}));
  EXPECT_EQ(s.lines[1], (std::pair<std::uint64_t, std::string>{2, "bb"}));
  EXPECT_EQ(s.lines[2], (std::pair<std::uint64_t, std::string>{3, ""}));
  EXPECT_EQ(s.lines[3], (std::pair<std::uint64_t, std::string>{4, "ccc"}));
}

TEST(LineReader, StripsBomOnlyAtStart) {
  Split s = split("\xEF\xBB\xBFone\n\xEF\xBB\xBFtwo\n");
  ASSERT_EQ(s.lines.size(), 2u);
  EXPECT_EQ(s.lines[0].second, "one");
  EXPECT_EQ(s.lines[1].second, "\xEF\xBB\xBFtwo");
}

TEST(LineReader, PeekedBytesAreNotLost) {
  Split s = split("first\nsecond\nthird\n", 8);
  ASSERT_EQ(s.lines.size(), 3u);
  EXPECT_EQ(s.lines[0].second, "first");
  EXPECT_EQ(s.lines[2].second, "third");
}

TEST(LineReader, OverlongLineIsSkippedAndCounted) {
  std::string big(kMaxLineBytes + 5000, 'x');
  std::string huge(3 * kMaxLineBytes + 17, 'y');  // longer than one buffer fill
  Split s = split("ok1\n" + big + "\r\nok2\n" + huge + "\nok3\n" + big);
  ASSERT_EQ(s.lines.size(), 3u);
  EXPECT_EQ(s.lines[0], (std::pair<std::uint64_t, std::string>{1, "ok1"}));
  EXPECT_EQ(s.lines[1], (std::pair<std::uint64_t, std::string>{3, "ok2"}));
  EXPECT_EQ(s.lines[2], (std::pair<std::uint64_t, std::string>{5, "ok3"}));
  ASSERT_EQ(s.too_long.size(), 3u);
  EXPECT_EQ(s.too_long[0], (std::pair<std::uint64_t, std::size_t>{2, big.size()}));
  EXPECT_EQ(s.too_long[1], (std::pair<std::uint64_t, std::size_t>{4, huge.size()}));
  EXPECT_EQ(s.too_long[2], (std::pair<std::uint64_t, std::size_t>{6, big.size()}));
}

TEST(LineReader, LineExactlyAtLimitIsKept) {
  std::string max(kMaxLineBytes, 'z');
  Split s = split(max + "\nnext");
  ASSERT_EQ(s.lines.size(), 2u);
  EXPECT_EQ(s.lines[0].second.size(), kMaxLineBytes);
  EXPECT_TRUE(s.too_long.empty());
}

TEST(LineReader, ManyLinesAcrossBufferBoundariesAndProgress) {
  std::string data;
  for (int i = 0; i < 300000; ++i) data += "line number " + std::to_string(i) + "\n";
  Split s = split(data);
  ASSERT_EQ(s.lines.size(), 300000u);
  EXPECT_EQ(s.lines[123456].second, "line number 123456");
  EXPECT_EQ(s.lines[299999].first, 300000u);
  ASSERT_FALSE(s.progress.empty());
  EXPECT_EQ(s.progress.back(), data.size());
  EXPECT_GE(s.progress.size(), data.size() >> 20);
}

TEST(LineReader, LinesOfEverySizeWhileTheBufferGrows) {
  // The buffer grows from 4 KiB while reads fill it, stops at 256 KiB, and grows on past that only for a
  // line that does not fit. Lines of mixed lengths, long ones straddling each size step, one over the
  // 1 MiB limit, with and without a peeked head: every line must come out whole and numbered.
  std::string data;
  std::vector<std::string> expected;
  std::vector<std::size_t> lengths;
  for (std::size_t n : {0u, 1u, 63u, 4095u, 4096u, 4097u, 20000u, 70000u, 300000u, 1u << 20, (1u << 20) + 1, 5u})
    lengths.push_back(n);
  for (int i = 0; i < 3000; ++i) lengths.push_back(static_cast<std::size_t>((i * 7919) % 900));
  lengths.push_back(600000);
  for (int i = 0; i < 2000; ++i) lengths.push_back(static_cast<std::size_t>((i * 104729) % 5000));
  std::size_t too_long_at = 0;
  for (std::size_t k = 0; k < lengths.size(); ++k) {
    std::string line(lengths[k], static_cast<char>('a' + k % 26));
    data += line + (k % 3 ? "\n" : "\r\n");
    if (lengths[k] > kMaxLineBytes) too_long_at = k + 1;
    else expected.push_back(line);
  }
  for (std::size_t peek : {0u, 64u << 10}) {
    Split s = split(data, peek);
    ASSERT_EQ(s.lines.size(), expected.size()) << peek;
    for (std::size_t k = 0; k < expected.size(); ++k) {
      ASSERT_EQ(s.lines[k].second, expected[k]) << k;
      ASSERT_EQ(s.lines[k].first, k + 1 + (k + 1 >= too_long_at ? 1 : 0)) << k;
    }
    ASSERT_EQ(s.too_long.size(), 1u);
    EXPECT_EQ(s.too_long[0].first, too_long_at);
    EXPECT_EQ(s.too_long[0].second, (1u << 20) + 1);
    EXPECT_EQ(s.progress.back(), data.size());
  }
}

TEST(LineLocator, MapsOffsetsToLines) {
  std::string doc = "{\n  \"a\": [\n    {},\n    {}\n  ]\n}";
  LineLocator loc(doc);
  EXPECT_EQ(loc.line_of(doc.data()), 1u);
  EXPECT_EQ(loc.line_of(doc.data() + doc.find("{},")), 3u);
  EXPECT_EQ(loc.line_of(doc.data() + doc.rfind("{}")), 4u);
  EXPECT_EQ(loc.line_of(doc.data() + 2), 2u);  // going backwards still works
}

}  // namespace
}  // namespace parley::ingest::detail
