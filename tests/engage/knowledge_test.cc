#include "parley/engage/knowledge.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "engage_test_util.h"

namespace parley::engage {
namespace {

using testing::kHour;
using testing::kMin;
using testing::kT;
using testing::post_by;

std::vector<std::int64_t> ids(const std::vector<Article>& articles) {
  std::vector<std::int64_t> out;
  for (const auto& a : articles) out.push_back(a.id);
  return out;
}

// Three articles: the router one (care), a billing one (finance) and a password one for everyone.
class KnowledgeTest : public testing::EngageDb {
 protected:
  void SetUp() override {
    EngageDb::SetUp();
    router = save("Router keeps dropping wifi",
                  "Restart the router, then update its firmware. If the wifi still drops, change the channel.",
                  "bob", "care", kT);
    billing = save("Refund for double billing", "Charged twice? Open the invoice and ask for a refund.", "ann",
                   "finance", kT + kMin);
    password = save("Reset your password", "Use the forgot password link on the sign-in page.", "bob", "",
                    kT + 2 * kMin);
  }

  std::int64_t save(const std::string& title, const std::string& body, const std::string& author,
                    const std::string& function, std::int64_t at) {
    auto a = kb.save(title, body, author, function, std::nullopt, std::nullopt, at);
    EXPECT_TRUE(a) << a.message();
    return a ? a->id : 0;
  }
  std::vector<std::int64_t> search(const std::string& words, const std::vector<std::string>& functions = {}) {
    auto r = kb.search(words, functions);
    EXPECT_TRUE(r) << r.message();
    return r ? ids(*r) : std::vector<std::int64_t>{};
  }

  KnowledgeBase kb{db};
  std::int64_t router = 0, billing = 0, password = 0;
};

TEST_F(KnowledgeTest, SavesAndReadsBack) {
  auto a = kb.get(router);
  ASSERT_TRUE(a) << a.message();
  EXPECT_EQ(a->title, "Router keeps dropping wifi");
  EXPECT_EQ(a->author, "bob");
  EXPECT_EQ(a->function, "care");
  EXPECT_EQ(a->created_at, kT);
  EXPECT_EQ(a->uses, 0);
  EXPECT_FALSE(a->case_id);
  EXPECT_FALSE(kb.get(9999));
  EXPECT_FALSE(kb.save("", "body", "bob", "", std::nullopt, std::nullopt, kT));
  EXPECT_FALSE(kb.save("title", "", "bob", "", std::nullopt, std::nullopt, kT));
  EXPECT_FALSE(kb.save("title", "body", "", "", std::nullopt, std::nullopt, kT));
  auto j = to_json(*a);
  EXPECT_EQ(j["title"], "Router keeps dropping wifi");
  EXPECT_TRUE(j["case_id"].is_null());
}

TEST_F(KnowledgeTest, SearchFindsTitleAndBodyWords) {
  EXPECT_EQ(search("router"), (std::vector<std::int64_t>{router}));
  EXPECT_EQ(search("firmware"), (std::vector<std::int64_t>{router}));  // the body is indexed too
  EXPECT_EQ(search("refund invoice"), (std::vector<std::int64_t>{billing}));
  auto either = search("refund OR password");
  std::sort(either.begin(), either.end());
  EXPECT_EQ(either, (std::vector<std::int64_t>{billing, password}));
  EXPECT_TRUE(search("nothing-like-this").empty());
  EXPECT_FALSE(kb.search("  ", {}));
}

TEST_F(KnowledgeTest, TitleWordsRankFirst) {
  // "password" is in the title of one article and only in the body of the other.
  const std::int64_t mention = save("Sign-in page", "The page asks for your password once a day.", "cid", "", kT);
  EXPECT_EQ(search("password"), (std::vector<std::int64_t>{password, mention}));
}

TEST_F(KnowledgeTest, ScopingHidesOtherFunctions) {
  EXPECT_TRUE(search("refund", {"care"}).empty());
  EXPECT_EQ(search("refund", {"finance"}), (std::vector<std::int64_t>{billing}));
  EXPECT_EQ(search("password", {"care"}), (std::vector<std::int64_t>{password}));  // everyone's
  auto listed = kb.list({"care"});
  ASSERT_TRUE(listed);
  EXPECT_EQ(ids(*listed), (std::vector<std::int64_t>{password, router}));  // newest first
  auto all = kb.list({}, 2, 1);
  ASSERT_TRUE(all);
  EXPECT_EQ(ids(*all), (std::vector<std::int64_t>{billing, router}));
}

TEST_F(KnowledgeTest, SuggestsFromTheCustomersWords) {
  put({post_by("q1", "alice", "My wifi keeps dropping and the router light blinks. Should I restart it?", kT),
       post_by("q2", "bob", "Have you tried to reset your password?", kT + kMin, "q1", AuthorKind::employee),
       post_by("q3", "alice", "Dropping again, the router is new", kT + 2 * kMin, "q2")});
  const std::int64_t id = add_case({.author_id = author_id("alice"), .first_post_id = post("q1").id});
  link(id, post("q1").conversation_id);

  auto s = kb.suggest_for_case(id, {});
  ASSERT_TRUE(s) << s.message();
  ASSERT_FALSE(s->empty());
  EXPECT_EQ((*s)[0].article.id, router);
  // The staff reply's words (password) are not the customer's: the password article is not suggested.
  for (const auto& sug : *s) EXPECT_NE(sug.article.id, password);
  const auto& terms = (*s)[0].terms;
  EXPECT_NE(std::find(terms.begin(), terms.end(), "router"), terms.end());
  EXPECT_NE(std::find(terms.begin(), terms.end(), "dropping"), terms.end());
  // Stopwords, short words and words no article has are left out.
  for (const char* w : {"the", "and", "my", "it", "blinks", "light"})
    EXPECT_EQ(std::find(terms.begin(), terms.end(), w), terms.end()) << w;
  EXPECT_LE(terms.size(), kMaxSuggestTerms);

  auto hidden = kb.suggest_for_case(id, {"finance"});
  ASSERT_TRUE(hidden);
  EXPECT_TRUE(hidden->empty());
  EXPECT_FALSE(kb.suggest_for_case(9999, {}));
  auto j = to_json((*s)[0]);
  EXPECT_EQ(j["article"]["id"], router);
}

TEST_F(KnowledgeTest, RanksTheRelevantArticleFirstAmongSeveral) {
  save("Wifi channel guide", "Pick a wifi channel with little interference.", "cid", "care", kT);
  save("Firmware updates", "How to update router firmware safely.", "cid", "care", kT);
  put({post_by("r1", "dave", "The firmware update failed and now the firmware is stuck on an old version", kT)});
  const std::int64_t id = add_case({.author_id = author_id("dave"), .first_post_id = post("r1").id});
  link(id, post("r1").conversation_id);
  auto s = kb.suggest_for_case(id, {}, 2);
  ASSERT_TRUE(s) << s.message();
  ASSERT_EQ(s->size(), 2u);
  EXPECT_EQ((*s)[0].article.title, "Firmware updates");
  EXPECT_LE((*s)[0].rank, (*s)[1].rank);
}

TEST_F(KnowledgeTest, CountsUsesAndCreditsAuthors) {
  ASSERT_TRUE(kb.record_use(router, 7, "ann", kT + kHour));
  ASSERT_TRUE(kb.record_use(router, std::nullopt, "cid", kT + 2 * kHour));
  ASSERT_TRUE(kb.record_use(billing, 8, "bob", kT + 3 * kHour));
  EXPECT_FALSE(kb.record_use(9999, 7, "ann", kT));
  EXPECT_FALSE(kb.record_use(router, 7, "", kT));
  EXPECT_EQ(kb.get(router)->uses, 2);
  EXPECT_EQ(kb.get(billing)->uses, 1);

  auto st = db.prepare("SELECT COUNT(*), SUM(case_id IS NULL), MAX(at) FROM knowledge_uses WHERE article_id = ?1");
  ASSERT_TRUE(st);
  st->bind(1, router);
  ASSERT_TRUE(*st->step());
  EXPECT_EQ(st->int64(0), 2);
  EXPECT_EQ(st->int64(1), 1);
  EXPECT_EQ(st->int64(2), kT + 2 * kHour);

  auto credits = kb.credits();
  ASSERT_TRUE(credits) << credits.message();
  ASSERT_EQ(credits->size(), 2u);
  EXPECT_EQ((*credits)[0].author, "bob");
  EXPECT_EQ((*credits)[0].articles, 2);
  EXPECT_EQ((*credits)[0].uses, 2);
  EXPECT_EQ((*credits)[1].author, "ann");
  EXPECT_EQ((*credits)[1].articles, 1);
  EXPECT_EQ((*credits)[1].uses, 1);
  auto care = kb.credits({"care"});
  ASSERT_TRUE(care);
  ASSERT_EQ(care->size(), 1u);  // the finance article (ann's) is out of scope
  EXPECT_EQ((*care)[0].author, "bob");
  EXPECT_EQ(to_json((*credits)[1])["uses"], 1);
}

TEST_F(KnowledgeTest, SavesAReplyWithItsAuthorsCredit) {
  put({post_by("s1", "alice", "How do I change the wifi channel?", kT),
       post_by("s2", "frank", "Open the admin page, Wireless, then Channel.\nPick 1, 6 or 11.", kT + kMin, "s1",
               AuthorKind::public_)});
  const std::int64_t id = add_case({.function = "care", .author_id = author_id("alice"), .first_post_id = post("s1").id});
  link(id, post("s1").conversation_id);
  response(post("s2").id, id, kT + kMin, "frank", false, true);

  auto a = kb.save_from_reply(post("s2").id, "", "", kT + kHour);
  ASSERT_TRUE(a) << a.message();
  EXPECT_EQ(a->author, "frank");
  EXPECT_EQ(a->body, "Open the admin page, Wireless, then Channel.\nPick 1, 6 or 11.");
  EXPECT_EQ(a->title, "Open the admin page, Wireless, then Channel.");  // the first line
  EXPECT_EQ(a->case_id, id);
  EXPECT_EQ(a->post_id, post("s2").id);
  EXPECT_EQ(a->function, "care");
  EXPECT_EQ(search("wireless"), (std::vector<std::int64_t>{a->id}));

  auto titled = kb.save_from_reply(post("s2").id, "Changing the wifi channel", "ann", kT + kHour);
  ASSERT_TRUE(titled);
  EXPECT_EQ(titled->author, "ann");
  EXPECT_EQ(titled->title, "Changing the wifi channel");
  EXPECT_FALSE(kb.save_from_reply(9999, "", "", kT));

  // A post outside any case still saves, for everyone.
  put({post_by("s3", "gina", "Tip: a wired connection avoids wifi drops.", kT)});
  auto loose = kb.save_from_reply(post("s3").id, "", "", kT);
  ASSERT_TRUE(loose);
  EXPECT_FALSE(loose->case_id);
  EXPECT_EQ(loose->function, "");
}

}  // namespace
}  // namespace parley::engage
