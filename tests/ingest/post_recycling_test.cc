// The JSONL reader fills one Post for every line (post_recycling.h): nothing of one record may show up in
// the next, whichever fields each has, and whether or not the sink moved the strings out.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest_test_support.h"
#include "parley/ingest/post_recycling.h"

namespace parley::ingest {
namespace {

void expect_same(const Post& a, const Post& b, const std::string& what) {
  EXPECT_EQ(a.source, b.source) << what;
  EXPECT_EQ(a.external_id, b.external_id) << what;
  EXPECT_EQ(a.kind, b.kind) << what;
  EXPECT_EQ(a.audience, b.audience) << what;
  EXPECT_EQ(a.author.handle, b.author.handle) << what;
  EXPECT_EQ(a.author.name, b.author.name) << what;
  EXPECT_EQ(a.author.kind, b.author.kind) << what;
  EXPECT_EQ(a.author.followers, b.author.followers) << what;
  EXPECT_EQ(a.text, b.text) << what;
  EXPECT_EQ(a.created_at_ms, b.created_at_ms) << what;
  EXPECT_EQ(a.url, b.url) << what;
  EXPECT_EQ(a.language, b.language) << what;
  EXPECT_EQ(a.reply_to, b.reply_to) << what;
  EXPECT_EQ(a.conversation_hint, b.conversation_hint) << what;
}

// Like `parley analyze`'s sink: reads the post and leaves its strings where they are.
struct CopyingSink final : RecordSink {
  std::vector<Post> posts;
  std::vector<std::string> rejects;
  void post(Post&& p, std::uint64_t) override { posts.push_back(p); }
  void reject(std::uint64_t line, std::string reason) override {
    rejects.push_back(std::to_string(line) + ": " + reason);
  }
};

TEST(PostRecycling, RecycledPostEqualsAFreshOne) {
  Post p;
  p.source = "mastodon";
  p.external_id = std::string(40, '7');
  p.kind = PostKind::reply;
  p.audience = Audience::internal;
  p.author.handle = "someone@example.social";
  p.author.name = "A display name longer than sixteen bytes";
  p.author.kind = AuthorKind::employee;
  p.author.followers = 12345;
  p.text = std::string(500, 'x');
  p.created_at_ms = 1704067210290;
  p.url = "https://example.social/@someone/1234567890";
  p.language = "pt-BR";
  p.reply_to = "1234567890123456789";
  p.conversation_hint = "9876543210987654321";
  detail::recycle(p);
  expect_same(p, Post{}, "after recycle");
  EXPECT_GE(p.text.capacity(), 500u);  // the point of it: the buffer is kept

  Post moved_from = std::move(p);  // a sink may have moved everything out
  detail::recycle(p);
  expect_same(p, Post{}, "after recycle of a moved-from post");
}

TEST(PostRecycling, NoFieldLeaksIntoTheNextLine) {
  // Every optional field set on one line and absent (or null) on the next, in both orders, with long and
  // short values, integer and string ids, and a rejected line in between.
  const std::vector<std::string> lines = {
      R"({"source":"mastodon","id":"111677748536344576","kind":"comment","audience":"internal","author":{"handle":"@visser_21@chaos.social","name":"Clara Fischer 🚲 with a long name","kind":"employee","followers":3040},"text":"😂 schlechter meine 🧑‍🤝‍🧑 ein schlechter Minuten funktioniert Morgen Störung ein das","created_at":"2024-01-01T00:00:07.891Z","url":"https://chaos.social/@visser_21/111677748536344576","lang":"de","reply_to":"111677748536344000","conversation":"111677748536340000"})",
      R"({"source":"x","id":7,"author":"bo","text":"short","created_at":1704067210290})",
      R"({"source":"x","id":"8","author":{"handle":"carla"},"text":"","created_at":"2024-03-05T14:07:09Z","url":null,"lang":null,"reply_to":"12"})",
      R"({"source":"x","id":"9","author":"dan","text":"missing created_at","url":"https://x.com/dan/status/9"})",
      R"({"source":"api","id":18446744073709551615,"author":{"handle":"eve","name":"Eve"},"text":"max uint64 id and a much longer text than the small-string buffer holds","created_at":1704067210291})",
      R"({"source":"x","id":"10","author":"fay","text":"plain","created_at":"2024-03-05T14:07:09Z"})",
  };
  std::string all;
  for (const auto& l : lines) all += l + "\n";

  CopyingSink bulk;
  std::FILE* f = std::tmpfile();
  std::fwrite(all.data(), 1, all.size(), f);
  std::rewind(f);
  ASSERT_TRUE(read_input(f, "test-input", ReaderOptions{Format::jsonl}, bulk).is_ok());
  std::fclose(f);

  // Each line read on its own, into a Post of its own, is the reference.
  std::vector<Post> expected;
  std::vector<std::string> expected_rejects;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto one = testing::read_bytes(lines[i] + "\n", Format::jsonl);
    for (auto& [p, line] : one.posts) expected.push_back(std::move(p));
    for (auto& [line, reason] : one.rejects) expected_rejects.push_back(std::to_string(i + 1) + ": " + reason);
  }
  ASSERT_EQ(bulk.posts.size(), expected.size());
  ASSERT_EQ(expected.size(), 5u);
  for (std::size_t i = 0; i < expected.size(); ++i) expect_same(bulk.posts[i], expected[i], "post " + std::to_string(i));
  EXPECT_EQ(bulk.rejects, expected_rejects);
  EXPECT_EQ(bulk.posts[1].kind, PostKind::post);
  EXPECT_EQ(bulk.posts[1].author.name, "");
  EXPECT_EQ(bulk.posts[2].kind, PostKind::reply);  // reply_to without kind
  EXPECT_EQ(bulk.posts[3].external_id, "18446744073709551615");
}

}  // namespace
}  // namespace parley::ingest
