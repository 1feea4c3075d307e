// Peer feedback on individual staff replies: a colleague gives kudos (one per reply) or a comment on a reply
// someone else wrote. It is for the person who wrote the reply, so it is stored against the reply and its
// author, and read back per person (their own feedback) or per case (which replies were appreciated).
// Kudos also count as evidence for the case's skills and as points (docs/growth.md); comments are for
// learning and score nothing, so there is no reason to game them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/core/status.h"
#include "parley/store/sqlite/connection.h"

namespace parley::people {

inline constexpr std::size_t kMaxFeedbackBytes = 2000;

struct Feedback {
  std::int64_t id = 0, post_id = 0, case_id = 0;
  std::string to_handle, from_user, kind, text;  // kind: kudos | comment
  std::int64_t created_at = 0;
};

struct FeedbackInput {
  std::int64_t case_id = 0, post_id = 0;
  std::string from_user, kind, text;
};

// Why feedback was refused, so the API can answer with the right status.
enum class FeedbackRefusal { none, bad_input, no_reply, own_reply, already_given };

struct FeedbackOutcome {
  FeedbackRefusal refusal = FeedbackRefusal::none;
  std::string message;  // what to do about a refusal
  Feedback feedback;    // as stored, when accepted
};

// Stores one piece of feedback on the staff reply `post_id` of case `case_id`. Refuses: an unknown kind, a
// comment without text or over kMaxFeedbackBytes, a post that is not a staff reply on that case, feedback
// on one's own reply, and a second kudos from the same colleague on the same reply.
Result<FeedbackOutcome> give_feedback(sqlite::Connection& db, const FeedbackInput& in, std::int64_t now_ms);

// Feedback received by `handle` in [since, until) (0 = open), newest first.
Result<std::vector<Feedback>> feedback_received(sqlite::Connection& db, const std::string& handle,
                                                std::int64_t since = 0, std::int64_t until = 0);

// All feedback on a case's replies, oldest first.
Result<std::vector<Feedback>> feedback_on_case(sqlite::Connection& db, std::int64_t case_id);

nlohmann::json to_json(const Feedback& f);

}  // namespace parley::people
