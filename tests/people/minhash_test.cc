// MinHash signatures, LSH candidates and the boilerplate shares built on them.
#include "parley/people/minhash.h"

#include <gtest/gtest.h>

#include "parley/people/boilerplate.h"
#include "parley/people/stem_words.h"

namespace parley::people {
namespace {

std::vector<std::string> words_of(std::string_view s) {
  std::vector<std::string> out;
  for (auto& w : split_words(s)) out.push_back(w.folded);
  return out;
}

const std::string kHiring =
    "Candidates for this position can expect the hiring process to follow the order below. Please keep in mind "
    "that candidates can be declined from the position at any stage of the process. Qualified candidates will be "
    "invited to schedule a screening call with one of our global recruiters.";
const std::string kRole =
    "As our social media manager you will run our channels, answer our community every day, plan campaigns with "
    "the content team and report on what works each month to the head of marketing.";
const std::string kOther =
    "The warehouse operative loads pallets onto trucks, checks delivery notes against the stock system and keeps "
    "the loading bay clean and safe during every night shift of the week.";

TEST(MinHash, IdenticalNearAndUnrelated) {
  const MinHash a = minhash_text(kHiring);
  EXPECT_DOUBLE_EQ(estimated_jaccard(a, minhash_text(kHiring)), 1.0);
  std::string near = kHiring;
  near.replace(near.find("global"), 6, "friendly");
  const double jn = estimated_jaccard(a, minhash_text(near));
  const double exact = exact_jaccard(words_of(kHiring), words_of(near));
  EXPECT_GT(jn, 0.6);
  EXPECT_LT(jn, 1.0);
  EXPECT_NEAR(jn, exact, 0.15) << "the estimate tracks the exact Jaccard";
  EXPECT_LT(estimated_jaccard(a, minhash_text(kOther)), 0.1);
}

TEST(MinHash, LshFindsNearCopiesAndNotUnrelatedText) {
  LshIndex index;
  index.add(minhash_text(kHiring));
  index.add(minhash_text(kOther));
  std::string near = kHiring;
  near.replace(near.find("screening"), 9, "first");
  auto c = index.similar(minhash_text(near), kSameText);
  EXPECT_EQ(c, std::vector<std::uint32_t>{0});
  EXPECT_TRUE(index.candidates(minhash_text(kRole)).empty());
}

TEST(Boilerplate, SharedParagraphsAndCopiedShare) {
  BoilerplateIndex index;
  const std::string a = kRole + "\n\n" + kHiring + "\n";
  const std::string b = kOther + "\n\n" + kHiring + "\n\nShort sign-off line.\n";
  const std::string c = kOther;
  index.add(a);
  index.add(b);
  index.add(c);
  auto ra = index.report(0);
  ASSERT_EQ(ra.shared.size(), 1u);
  EXPECT_EQ(ra.shared[0].docs, std::vector<std::size_t>{1});
  EXPECT_EQ(a.substr(ra.shared[0].begin, ra.shared[0].end - ra.shared[0].begin), kHiring);
  const double hiring_words = static_cast<double>(split_words(kHiring).size());
  EXPECT_DOUBLE_EQ(ra.shared_share, hiring_words / static_cast<double>(split_words(a).size()));
  auto rb = index.report(1);
  EXPECT_EQ(rb.shared.size(), 2u) << "the hiring block with a, the warehouse paragraph with c";
  EXPECT_DOUBLE_EQ(rb.shared_share, (hiring_words + static_cast<double>(split_words(kOther).size())) /
                                        static_cast<double>(split_words(b).size()));
  auto rc = index.report(2);
  EXPECT_DOUBLE_EQ(rc.shared_share, 1.0);
  EXPECT_TRUE(ra.near_duplicates.empty());
}

TEST(Boilerplate, RepeatedShareCountsParagraphsInFiveOrMorePostings) {
  BoilerplateIndex index;
  std::vector<std::size_t> docs;
  for (int i = 0; i < 5; ++i)
    docs.push_back(index.add("Posting number " + std::to_string(i) + " is about role " + std::to_string(i) +
                             " and nothing else at all here.\n\n" + kHiring));
  auto s = index.summary(docs);
  const double hiring = static_cast<double>(split_words(kHiring).size());
  EXPECT_NEAR(s.repeated_share, hiring / (hiring + 13.0), 1e-9);
  EXPECT_EQ(s.docs_with_shared, 5u);
  BoilerplateIndex four;
  std::vector<std::size_t> d4;
  for (int i = 0; i < 4; ++i) d4.push_back(four.add(kHiring + "\n\nRole " + std::to_string(i)));
  EXPECT_DOUBLE_EQ(four.summary(d4).repeated_share, 0.0) << "4 postings are below the cut";
}

TEST(Boilerplate, ParagraphsSplitOnBlankLinesElseOnLines) {
  auto p = split_paragraphs("one two\nthree\n\nfour\n");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].words, 3u);
  auto q = split_paragraphs("one two\nthree\n");
  EXPECT_EQ(q.size(), 2u);
}

}  // namespace
}  // namespace parley::people
