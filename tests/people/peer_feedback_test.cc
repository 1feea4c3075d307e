// Peer feedback on staff replies: who may give what, one kudos per colleague per reply, and kudos counted
// as evidence for the case's skills of the reply's author.
#include <gtest/gtest.h>

#include "../engage/engage_test_util.h"
#include "parley/people/peer_feedback.h"
#include "parley/people/skill_evidence.h"

namespace parley::people {
namespace {

using engage::testing::CaseRow;
using engage::testing::kHour;
using engage::testing::kT;

class PeerFeedback : public engage::testing::EngageDb {
 protected:
  void SetUp() override {
    EngageDb::SetUp();
    CaseRow r;
    r.status = "resolved";
    r.assignee = "ana";
    r.resolved_at = kT + 2 * kHour;
    r.resolved_by = "staff";
    r.first_response_at = kT + kHour;
    case_id = add_case(r);
    response(501, case_id, kT + kHour, "ana", true);           // ana's reply
    response(502, case_id, kT + kHour, "customer_1", false);   // the customer's own post
  }
  Result<FeedbackOutcome> give(const std::string& from, const std::string& kind, std::int64_t post = 501,
                               const std::string& text = "") {
    return give_feedback(db, {case_id, post, from, kind, text}, kT + 3 * kHour);
  }
  std::int64_t case_id = 0;
};

TEST_F(PeerFeedback, AColleagueGivesKudosOnceAndItIsStoredAgainstTheReplyAuthor) {
  auto k = give("bo", "kudos");
  ASSERT_TRUE(k) << k.message();
  EXPECT_EQ(k->refusal, FeedbackRefusal::none);
  EXPECT_EQ(k->feedback.to_handle, "ana");
  EXPECT_EQ(k->feedback.case_id, case_id);
  auto again = give("bo", "kudos");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->refusal, FeedbackRefusal::already_given);
  auto other = give("cy", "kudos");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->refusal, FeedbackRefusal::none);
  auto received = feedback_received(db, "ana");
  ASSERT_TRUE(received);
  ASSERT_EQ(received->size(), 2u);
  EXPECT_EQ((*received)[0].from_user, "cy") << "newest first";
}

TEST_F(PeerFeedback, RefusesOwnRepliesCustomerPostsEmptyCommentsAndUnknownKinds) {
  EXPECT_EQ(give("ana", "kudos")->refusal, FeedbackRefusal::own_reply);
  EXPECT_EQ(give("bo", "kudos", 502)->refusal, FeedbackRefusal::no_reply) << "a customer's post is not a staff reply";
  EXPECT_EQ(give("bo", "kudos", 999)->refusal, FeedbackRefusal::no_reply);
  EXPECT_EQ(give("bo", "comment", 501, "  \n")->refusal, FeedbackRefusal::bad_input);
  EXPECT_EQ(give("bo", "comment", 501, std::string(kMaxFeedbackBytes + 1, 'a'))->refusal, FeedbackRefusal::bad_input);
  EXPECT_EQ(give("bo", "like")->refusal, FeedbackRefusal::bad_input);
  // A different case id with the same post is not this reply either.
  auto wrong = give_feedback(db, {case_id + 1, 501, "bo", "kudos", ""}, kT);
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->refusal, FeedbackRefusal::no_reply);
  EXPECT_TRUE(feedback_on_case(db, case_id)->empty()) << "nothing refused was stored";
}

TEST_F(PeerFeedback, CommentsMayRepeatAndListPerCaseOldestFirst) {
  ASSERT_EQ(give("bo", "comment", 501, "Good de-escalation.")->refusal, FeedbackRefusal::none);
  ASSERT_EQ(give("bo", "comment", 501, "Next time link the refund form.")->refusal, FeedbackRefusal::none);
  auto on_case = feedback_on_case(db, case_id);
  ASSERT_TRUE(on_case);
  ASSERT_EQ(on_case->size(), 2u);
  EXPECT_EQ((*on_case)[0].text, "Good de-escalation.");
  auto later = feedback_received(db, "ana", kT + 4 * kHour);
  ASSERT_TRUE(later);
  EXPECT_TRUE(later->empty()) << "the range is honoured";
}

TEST_F(PeerFeedback, KudosBecomeAnEvidencePartOfTheAuthorOnly) {
  EngageConfig config;
  config.teams.push_back({"care", "Care", "care", AssignStrategy::skills, ""});
  for (const char* h : {"ana", "bo"}) {
    EmployeeDef e;
    e.handle = h;
    e.teams = {"care"};
    config.employees.push_back(e);
  }
  response(503, case_id, kT + kHour, "bo", true);  // bo answered too
  auto before = load_evidence(db, config, {0, 0, ""});
  ASSERT_TRUE(before);
  for (const auto& e : *before) EXPECT_FALSE(e.parts.peer_kudos);
  ASSERT_EQ(give("bo", "kudos")->refusal, FeedbackRefusal::none);
  ASSERT_EQ(give("bo", "comment", 501, "nice")->refusal, FeedbackRefusal::none);
  auto after = load_evidence(db, config, {0, 0, ""});
  ASSERT_TRUE(after);
  ASSERT_EQ(after->size(), 2u);
  for (const auto& e : *after) {
    if (e.employee == "ana") EXPECT_DOUBLE_EQ(e.parts.peer_kudos.value_or(-1), 1.0);
    else EXPECT_FALSE(e.parts.peer_kudos) << "bo's own reply got no kudos";
  }
}

}  // namespace
}  // namespace parley::people
