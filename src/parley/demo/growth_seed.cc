#include "parley/demo/growth_seed.h"

#include <algorithm>
#include <string>
#include <vector>

#include "parley/demo/seeded_rng.h"
#include "parley/people/peer_feedback.h"
#include "parley/people/social_goals.h"

namespace parley::demo {
namespace {

constexpr std::int64_t kHour = 3600 * 1000;
constexpr std::int64_t kDay = 24 * kHour;
constexpr double kKudosChance = 0.35;     // of replies on a case that went well
constexpr double kPraiseChance = 0.06;    // a lead's comment on a reply that went well
constexpr double kCoachChance = 0.5;      // a lead's comment on a reply whose customer stayed unhappy

struct Reply {
  std::int64_t post_id, case_id, at;
  std::string responder, team, intent;
  bool went_well, went_badly;
};

// Coaching a lead would write, by what the case was.
const char* coaching(const std::string& intent, SeededRng& rng) {
  static const char* complaint[] = {
      "The customer was still unhappy at the end. Say sorry once, then give one clear next step and a time.",
      "Good facts, but it reads defensive. Start with what we will do, not with what the policy says.",
      "Ask for the order number in the first reply so the customer does not have to wait for a second one."};
  static const char* other[] = {
      "The answer was right but long. Lead with the answer, then the detail.",
      "Link the knowledge article next time, so the customer can find it again.",
      "Check the thread before replying: the customer had already tried the first fix."};
  return intent == "complaint" ? complaint[rng.pick(3)] : other[rng.pick(3)];
}

const char* praise(SeededRng& rng) {
  static const char* p[] = {"Calm and clear under pressure, exactly the tone we want.",
                            "Great use of the knowledge base: fast and complete.",
                            "Thanks for owning this one end to end."};
  return p[rng.pick(3)];
}

// The lead of a team other than the responder, if the team has one.
std::string lead_of(const EngageConfig& c, const std::string& team, const std::string& not_this) {
  for (const auto& e : c.employees)
    if (e.role == Role::lead && e.handle != not_this && std::count(e.teams.begin(), e.teams.end(), team)) return e.handle;
  return "";
}

std::vector<std::string> teammates(const EngageConfig& c, const std::string& team, const std::string& not_this) {
  std::vector<std::string> out;
  for (const auto& e : c.employees)
    if (e.handle != not_this && e.role != Role::analyst && std::count(e.teams.begin(), e.teams.end(), team))
      out.push_back(e.handle);
  return out;
}

Result<std::vector<Reply>> staff_replies(sqlite::Connection& db, std::int64_t until_ms) {
  auto st = db.prepare(
      "SELECT r.post_id, r.case_id, r.at, r.responder, c.team, c.intent, "
      "COALESCE(c.csat >= 4, 0) OR COALESCE(c.last_sentiment - c.first_sentiment >= 0.5, 0), "
      "COALESCE(c.csat <= 2, 0) OR COALESCE(c.last_sentiment - c.first_sentiment <= -0.3, 0) "
      "FROM case_responses r JOIN cases c ON c.id = r.case_id "
      "WHERE r.by_staff = 1 AND c.status = 'resolved' AND c.resolved_at < ?1 ORDER BY r.at, r.post_id");
  if (!st) return st.status();
  st->bind(1, until_ms);
  std::vector<Reply> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    out.push_back({st->int64(0), st->int64(1), st->int64(2), std::string(st->text(3)), std::string(st->text(4)),
                   std::string(st->text(5)), st->int64(6) != 0, st->int64(7) != 0});
  }
  return out;
}

Status give(sqlite::Connection& db, const Reply& r, const std::string& from, const std::string& kind,
            const std::string& text, std::int64_t at, GrowthSeedSummary& sum) {
  auto out = people::give_feedback(db, {r.case_id, r.post_id, from, kind, text}, at);
  if (!out) return out.status();
  if (out->refusal == people::FeedbackRefusal::none) ++(kind == "kudos" ? sum.kudos : sum.comments);
  return Status::ok();
}

}  // namespace

Result<GrowthSeedSummary> seed_growth(sqlite::Connection& db, const OrgConfig& config, std::uint64_t seed,
                                      std::int64_t until_ms) {
  const EngageConfig& org = config.engage;
  GrowthSeedSummary sum;
  auto tx = sqlite::Transaction::begin_immediate(db);
  if (!tx) return tx.status();

  auto replies = staff_replies(db, until_ms);
  if (!replies) return replies.status();
  for (const auto& r : *replies) {
    SeededRng rng(stable_hash("feedback:" + std::to_string(r.post_id), seed));
    const std::int64_t at = std::min(until_ms - 1, r.at + static_cast<std::int64_t>(rng.between(0.5, 30) * kHour));
    if (r.went_well && rng.chance(kKudosChance)) {
      auto mates = teammates(org, r.team, r.responder);
      if (!mates.empty())
        if (auto s = give(db, r, mates[rng.pick(mates.size())], "kudos", "", at, sum); !s) return s;
    }
    const std::string lead = lead_of(org, r.team, r.responder);
    if (lead.empty()) continue;
    if (r.went_well && rng.chance(kPraiseChance)) {
      if (auto s = give(db, r, lead, "comment", praise(rng), at, sum); !s) return s;
    } else if (r.went_badly && rng.chance(kCoachChance)) {
      if (auto s = give(db, r, lead, "comment", coaching(r.intent, rng), at, sum); !s) return s;
    }
  }

  // Goals: the month that just ended (met or missed by now) and the month ahead.
  for (const auto& e : org.employees) {
    if (e.role == Role::analyst || e.role == Role::admin) continue;
    SeededRng rng(stable_hash("goals:" + e.handle, seed));
    std::string setter = e.handle;
    for (const auto& t : e.teams)
      if (auto l = lead_of(org, t, e.handle); !l.empty()) {
        setter = l;
        break;
      }
    std::vector<people::Goal> goals(2);
    goals[0].metric = people::GoalMetric::first_response_within;
    goals[0].within_min = rng.chance(0.5) ? 60 : 120;
    goals[0].target = rng.chance(0.5) ? 0.8 : 0.7;
    goals[0].starts_at = until_ms - 30 * kDay;
    goals[0].ends_at = until_ms;
    goals[1].metric = rng.chance(0.5) ? people::GoalMetric::csat_average : people::GoalMetric::kudos_received;
    goals[1].target = goals[1].metric == people::GoalMetric::csat_average ? 4.0 : 3;
    goals[1].starts_at = until_ms;
    goals[1].ends_at = until_ms + 30 * kDay;
    for (auto& g : goals) {
      g.handle = e.handle;
      g.set_by = setter;
      g.note = setter == e.handle ? "" : "agreed in our 1:1";
      auto saved = people::add_goal(db, g, g.starts_at);
      if (!saved) return saved.status();
      ++sum.goals;
    }
  }
  if (auto s = tx->commit(); !s) return s;
  return sum;
}

}  // namespace parley::demo
