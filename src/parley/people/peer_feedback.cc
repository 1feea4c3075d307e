#include "parley/people/peer_feedback.h"

#include <limits>

namespace parley::people {
namespace {

constexpr const char* kColumns = "id, post_id, case_id, to_handle, from_user, kind, text, created_at";

Feedback read_row(const sqlite::Statement& st) {
  return {st.int64(0),
          st.int64(1),
          st.int64(2),
          std::string(st.text(3)),
          std::string(st.text(4)),
          std::string(st.text(5)),
          std::string(st.text(6)),
          st.int64(7)};
}

Result<std::vector<Feedback>> read_all(sqlite::Statement& st) {
  std::vector<Feedback> out;
  if (auto s = st.each_row([&](const sqlite::Statement& r) { out.push_back(read_row(r)); }); !s) return s;
  return out;
}

FeedbackOutcome refuse(FeedbackRefusal why, std::string message) { return {why, std::move(message), {}}; }

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

Result<FeedbackOutcome> give_feedback(sqlite::Connection& db, const FeedbackInput& in, std::int64_t now_ms) {
  if (in.kind != "kudos" && in.kind != "comment")
    return refuse(FeedbackRefusal::bad_input, "kind must be \"kudos\" or \"comment\"");
  if (in.kind == "comment" && blank(in.text))
    return refuse(FeedbackRefusal::bad_input, "a comment needs text: what worked, or what to try next time");
  if (in.text.size() > kMaxFeedbackBytes)
    return refuse(FeedbackRefusal::bad_input,
                  "feedback may be at most " + std::to_string(kMaxFeedbackBytes) + " bytes; keep it to the point");

  auto reply = db.prepare("SELECT responder FROM case_responses WHERE post_id = ?1 AND case_id = ?2 AND by_staff = 1");
  if (!reply) return reply.status();
  reply->bind(1, in.post_id).bind(2, in.case_id);
  auto found = reply->step();
  if (!found) return found.status();
  if (!*found)
    return refuse(FeedbackRefusal::no_reply, "post " + std::to_string(in.post_id) + " is not a staff reply on case " +
                                                 std::to_string(in.case_id));
  const std::string author(reply->text(0));
  if (author == in.from_user)
    return refuse(FeedbackRefusal::own_reply, "feedback is for colleagues' replies, not your own");

  if (in.kind == "kudos") {
    auto dup = db.prepare("SELECT 1 FROM peer_feedback WHERE post_id = ?1 AND from_user = ?2 AND kind = 'kudos'");
    if (!dup) return dup.status();
    dup->bind(1, in.post_id).bind(2, std::string_view(in.from_user));
    auto again = dup->step();
    if (!again) return again.status();
    if (*again) return refuse(FeedbackRefusal::already_given, "you already gave this reply kudos");
  }

  auto ins = db.prepare(
      "INSERT INTO peer_feedback (post_id, case_id, to_handle, from_user, kind, text, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!ins) return ins.status();
  ins->bind(1, in.post_id).bind(2, in.case_id).bind(3, std::string_view(author));
  ins->bind(4, std::string_view(in.from_user)).bind(5, std::string_view(in.kind)).bind(6, std::string_view(in.text));
  ins->bind(7, now_ms);
  if (auto s = ins->run(); !s) return s;
  FeedbackOutcome ok;
  ok.feedback = {db.last_insert_rowid(), in.post_id, in.case_id, author, in.from_user, in.kind, in.text, now_ms};
  return ok;
}

Result<std::vector<Feedback>> feedback_received(sqlite::Connection& db, const std::string& handle, std::int64_t since,
                                                std::int64_t until) {
  auto st = db.prepare(std::string("SELECT ") + kColumns +
                       " FROM peer_feedback WHERE to_handle = ?1 AND created_at >= ?2 AND created_at < ?3 "
                       "ORDER BY created_at DESC, id DESC");
  if (!st) return st.status();
  st->bind(1, std::string_view(handle)).bind(2, since);
  st->bind(3, until ? until : std::numeric_limits<std::int64_t>::max());
  return read_all(*st);
}

Result<std::vector<Feedback>> feedback_on_case(sqlite::Connection& db, std::int64_t case_id) {
  auto st = db.prepare(std::string("SELECT ") + kColumns + " FROM peer_feedback WHERE case_id = ?1 ORDER BY id");
  if (!st) return st.status();
  st->bind(1, case_id);
  return read_all(*st);
}

nlohmann::json to_json(const Feedback& f) {
  return {{"id", f.id},           {"case_id", f.case_id}, {"post_id", f.post_id},
          {"to", f.to_handle},    {"from", f.from_user},  {"kind", f.kind},
          {"text", f.text},       {"created_at", f.created_at}};
}

}  // namespace parley::people
