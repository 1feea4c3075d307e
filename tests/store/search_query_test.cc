#include "parley/store/search_query.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(SearchQuery, QuotesEveryWordSoPunctuationIsNotSyntax) {
  EXPECT_EQ(to_fts5_query("refund now"), "\"refund\" \"now\"");
  EXPECT_EQ(to_fts5_query("can't #outage"), "\"can't\" \"#outage\"");
  EXPECT_EQ(to_fts5_query("say \"hi\"x"), "\"say\" \"hi\" \"x\"");
}

TEST(SearchQuery, PhrasesPrefixesOrAndNot) {
  EXPECT_EQ(to_fts5_query("\"no signal\" today"), "\"no signal\" \"today\"");
  EXPECT_EQ(to_fts5_query("refu*"), "\"refu\"*");
  EXPECT_EQ(to_fts5_query("refund OR return"), "\"refund\" OR \"return\"");
  EXPECT_EQ(to_fts5_query("fiber -install"), "(\"fiber\") NOT \"install\"");
}

TEST(SearchQuery, NothingSearchableGivesEmpty) {
  EXPECT_EQ(to_fts5_query(""), "");
  EXPECT_EQ(to_fts5_query("  !!! ?? "), "");
  EXPECT_EQ(to_fts5_query("-spam"), "");  // NOT needs something to subtract from
  EXPECT_EQ(to_fts5_query("OR"), "");
}

TEST(SearchQuery, EmbeddedQuotesAreEscaped) {
  EXPECT_EQ(to_fts5_query("a\"b"), "\"a\"\"b\"");
}

}  // namespace
}  // namespace parley
