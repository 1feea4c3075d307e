#include "parley/engage/tone_check.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "parley/text/simhash.h"
#include "parley/text/tokenizer.h"

namespace parley::engage {
namespace {

bool has(const ToneReport& r, const std::string& code) {
  return std::any_of(r.flags.begin(), r.flags.end(), [&](const ToneFlag& f) { return f.code == code; });
}

ToneInput draft(std::string_view text) {
  ToneInput in;
  in.text = text;
  in.customer_handle = "ana_r";
  in.customer_name = "Ana Ruiz";
  in.channel = "x";
  return in;
}

TEST(ToneCheck, APersonalSpecificReplyPasses) {
  auto r = check_tone(draft("@ana_r so sorry about the double charge, Ana. I've refunded the second October "
                            "payment; it shows on your card within 3 days. ^SW"));
  EXPECT_TRUE(r.ok) << (r.flags.empty() ? "" : r.flags[0].code + ": " + r.flags[0].message);
  EXPECT_EQ(r.near_copies, 0);
}

TEST(ToneCheck, AnApologyIsNotNegativeTone) {
  // These score -0.1 to -0.4 on the shipped model, as negative as some hostile replies.
  for (const char* t : {"@ana_r really sorry the outage hit you this morning, the crew has fixed the cable",
                        "@ana_r we are very sorry, this is unacceptable and terrible service from us, fixing it",
                        "@ana_r sorry to hear your phone died, that's frustrating. Let's get it fixed"})
    EXPECT_FALSE(has(check_tone(draft(t)), "negative_tone")) << t;
}

TEST(ToneCheck, FlagsBroadcastPhrases) {
  auto r = check_tone(draft("@ana_r We apologize for any inconvenience. Please DM us your account number."));
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(has(r, "broadcast_phrase"));
  // Whole words only: "valued customers" (another word) does not match "valued customer".
  EXPECT_FALSE(has(check_tone(draft("@ana_r our valued customers program gives you a free month")), "broadcast_phrase"));
}

TEST(ToneCheck, FlagsACannedReplySentManyTimes) {
  const std::string canned = "We are aware of an issue affecting some customers and our team is working on it";
  ToneInput in = draft(canned);
  in.customer_handle.clear();  // isolate the canned rule
  in.customer_name.clear();
  const std::uint64_t h = text::simhash(text::tokenize(canned));
  in.recent_staff_replies = {h, h ^ 1, h ^ 3, text::simhash(text::tokenize("totally different words about a refund"))};
  auto r = check_tone(in);
  EXPECT_EQ(r.near_copies, 3);
  EXPECT_TRUE(has(r, "canned"));
  // Two earlier copies are not yet a pattern.
  in.recent_staff_replies.resize(2);
  EXPECT_FALSE(has(check_tone(in), "canned"));
  // Nor is a short reply that happens to match ("Thanks a lot!"): too few words for SimHash to mean much.
  ToneInput shorty = draft("@ana_r thanks a lot Ana");
  const std::uint64_t hs = text::simhash(text::tokenize("@ana_r thanks a lot Ana"));
  shorty.recent_staff_replies = {hs, hs, hs, hs};
  EXPECT_FALSE(has(check_tone(shorty), "canned"));
}

TEST(ToneCheck, FlagsAReplyThatDoesNotAddressTheCustomer) {
  EXPECT_TRUE(has(check_tone(draft("The refund has been issued and shows within 3 days")), "not_addressed"));
  EXPECT_FALSE(has(check_tone(draft("Ana, the refund has been issued and shows within 3 days")), "not_addressed"));
  EXPECT_FALSE(has(check_tone(draft("@ANA_R the refund has been issued and shows within 3 days")), "not_addressed"));
  ToneInput unknown = draft("The refund has been issued");
  unknown.customer_handle.clear();
  unknown.customer_name.clear();
  EXPECT_FALSE(has(check_tone(unknown), "not_addressed"));  // nobody to address
}

TEST(ToneCheck, FlagsHostileTone) {
  auto r = check_tone(draft("@ana_r that is a stupid complaint, you are wrong and your attitude is terrible"));
  EXPECT_TRUE(has(r, "negative_tone")) << r.sentiment;
  EXPECT_LE(r.sentiment, kNegativeTone);
  EXPECT_TRUE(has(check_tone(draft("@ana_r your complaint is ridiculous and you are lying")), "negative_tone"));
  // Blaming is flagged whatever the score, apology or not.
  EXPECT_TRUE(has(check_tone(draft("@ana_r sorry but the outage was your own fault")), "negative_tone"));
  EXPECT_TRUE(has(check_tone(draft("@ana_r please calm down, the engineer is on the way")), "negative_tone"));
}

TEST(ToneCheck, FlagsShouting) {
  EXPECT_TRUE(has(check_tone(draft("@ana_r PLEASE READ OUR TERMS before you post")), "shouting"));
  EXPECT_TRUE(has(check_tone(draft("@ana_r it is fixed now!!")), "shouting"));
  // One acronym is not shouting.
  EXPECT_FALSE(has(check_tone(draft("@ana_r restart the phone and the APN settings come back")), "shouting"));
}

TEST(ToneCheck, FlagsTooLongForX) {
  std::string long_text = "@ana_r ";
  while (long_text.size() < 300) long_text += "the engineer will call you tomorrow ";
  EXPECT_TRUE(has(check_tone(draft(long_text)), "too_long"));
  ToneInput mastodon = draft(long_text);
  mastodon.channel = "mastodon";
  EXPECT_FALSE(has(check_tone(mastodon), "too_long"));
}

TEST(ToneCheck, EmptyDraft) {
  auto r = check_tone(draft("   🙂 "));
  EXPECT_FALSE(r.ok);
  ASSERT_EQ(r.flags.size(), 1u);
  EXPECT_EQ(r.flags[0].code, "empty");
}

}  // namespace
}  // namespace parley::engage
