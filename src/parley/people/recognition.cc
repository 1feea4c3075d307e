#include "parley/people/recognition.h"

#include <algorithm>
#include <map>
#include <set>

#include "parley/people/skill_evidence.h"
#include "parley/people/social_goals.h"

namespace parley::people {
namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
constexpr std::size_t kMaxCaseIds = 50;
constexpr double kTurnaroundLift = 0.75;  // the evidence part: (last - first + 1) / 2, so a rise of 0.5

// Reasons in the order they are reported.
const std::vector<std::string>& reasons() {
  static const std::vector<std::string> r = {"resolved_well",    "delighted", "praised", "turnaround", "accepted_answer",
                                             "knowledge_reused", "kudos",     "goal_met"};
  return r;
}

struct Tally {
  std::map<std::string, PointLine> lines;
  std::set<std::string> kudos_givers;
  std::int64_t first_response_met = 0, first_response_judged = 0;

  void add(const std::string& reason, std::int64_t points, std::int64_t case_id) {
    PointLine& l = lines[reason];
    l.reason = reason;
    ++l.count;
    l.points += points;
    if (case_id && l.case_ids.size() < kMaxCaseIds &&
        std::find(l.case_ids.begin(), l.case_ids.end(), case_id) == l.case_ids.end())
      l.case_ids.push_back(case_id);
  }
  void skip(const std::string& reason) {
    lines[reason].reason = reason;
    ++lines[reason].not_scored;
  }
  std::int64_t count(const std::string& reason) const {
    auto it = lines.find(reason);
    return it == lines.end() ? 0 : it->second.count;
  }
};

Badge badge(std::string id, std::string name, std::string description, std::int64_t have, std::int64_t need) {
  return {std::move(id), std::move(name), std::move(description), have, need, have >= need};
}

std::vector<Badge> badges_of(const Tally& t) {
  std::vector<Badge> b;
  b.push_back(badge("customer-favourite", "Customer favourite", "5 cases rated 5 by the customer", t.count("delighted"), 5));
  Badge quick = badge("quick-responder", "Quick responder",
                      "20 cases answered within the first-response SLA, and 90% of all judged on it",
                      t.first_response_met, 20);
  quick.earned = quick.earned && t.first_response_met >= 0.9 * static_cast<double>(t.first_response_judged);
  b.push_back(quick);
  b.push_back(badge("turnaround", "Turnaround", "3 complaints whose customer ended at least 0.5 happier",
                    t.count("turnaround"), 3));
  b.push_back(badge("community-helper", "Community helper", "3 answers accepted as the answer",
                    t.count("accepted_answer"), 3));
  b.push_back(badge("knowledge-sharer", "Knowledge sharer", "articles used on 5 cases by colleagues",
                    t.count("knowledge_reused"), 5));
  b.push_back(badge("team-player", "Team player", "kudos from 3 different colleagues",
                    static_cast<std::int64_t>(t.kudos_givers.size()), 3));
  b.push_back(badge("goal-getter", "Goal getter", "a social goal met", t.count("goal_met"), 1));
  return b;
}

}  // namespace

Result<std::vector<Recognition>> recognise(sqlite::Connection& db, const EngageConfig& config,
                                           const std::vector<std::string>& handles, std::int64_t since,
                                           std::int64_t until, std::int64_t now_ms) {
  std::map<std::string, Tally> tally;
  for (const auto& h : handles) tally[h];
  auto of = [&](const std::string& h) -> Tally* {
    auto it = tally.find(h);
    return it == tally.end() ? nullptr : &it->second;
  };

  // Cases whose customer posted praise ("thanks, sorted!") after the first answer: praise for the work, not
  // the praise that opened an acknowledge case. Community answers in the thread are not the customer's.
  std::set<std::int64_t> praised;
  {
    auto st = db.prepare(
        "SELECT DISTINCT c.id FROM cases c JOIN case_conversations cc ON cc.case_id = c.id "
        "JOIN posts p ON p.conversation_id = cc.conversation_id JOIN post_analysis pa ON pa.post_id = p.id "
        "WHERE c.status = 'resolved' AND c.resolved_at >= ?1 AND c.resolved_at < ?2 AND c.kind <> 'acknowledge' "
        "AND c.first_response_at IS NOT NULL AND p.created_at > c.first_response_at AND pa.intent = 'praise' "
        "AND p.author_kind <> 'employee' AND NOT EXISTS (SELECT 1 FROM case_responses r WHERE r.post_id = p.id)");
    if (!st) return st.status();
    st->bind(1, since).bind(2, until);
    if (auto s = st->each_row([&](const sqlite::Statement& r) { praised.insert(r.int64(0)); }); !s) return s;
  }

  // Resolved cases: only good outcomes score, at most kMaxResolvedPerDay a day (rows come in resolved order).
  auto rows = load_evidence(db, config, {since, until, ""});
  if (!rows) return rows.status();
  std::map<std::pair<std::string, std::int64_t>, std::int64_t> per_day;
  for (const auto& e : *rows) {
    Tally* t = of(e.employee);
    if (!t) continue;
    if (e.credit == "community") {
      t->add("accepted_answer", kPointsAccepted, e.case_id);
      continue;
    }
    if (e.parts.first_response_sla) {
      ++t->first_response_judged;
      if (*e.parts.first_response_sla >= 1) ++t->first_response_met;
    }
    const bool good = e.score >= kGoodScore && e.parts.not_reopened.value_or(1) >= 1;
    if (good) {
      auto& n = per_day[{e.employee, e.resolved_at / kDayMs}];
      if (n < kMaxResolvedPerDay) {
        ++n;
        t->add("resolved_well", kPointsResolvedWell, e.case_id);
      } else {
        t->skip("resolved_well");
      }
    }
    if (e.parts.csat && *e.parts.csat >= 1) t->add("delighted", kPointsDelighted, e.case_id);
    if (praised.count(e.case_id)) t->add("praised", kPointsPraised, e.case_id);
    if (e.intent == "complaint" && e.parts.sentiment_lift && *e.parts.sentiment_lift >= kTurnaroundLift)
      t->add("turnaround", kPointsTurnaround, e.case_id);
  }

  // Kudos: each colleague's first kMaxKudosPerGiver in the period score.
  {
    auto st = db.prepare(
        "SELECT to_handle, from_user, case_id FROM peer_feedback WHERE kind = 'kudos' AND created_at >= ?1 "
        "AND created_at < ?2 ORDER BY created_at, id");
    if (!st) return st.status();
    st->bind(1, since).bind(2, until);
    std::map<std::pair<std::string, std::string>, std::int64_t> from_giver;
    auto s = st->each_row([&](const sqlite::Statement& r) {
      const std::string to(r.text(0)), from(r.text(1));
      Tally* t = of(to);
      if (!t || to == from) return;
      t->kudos_givers.insert(from);
      if (from_giver[{to, from}]++ < kMaxKudosPerGiver) t->add("kudos", kPointsKudos, r.int64(2));
      else t->skip("kudos");
    });
    if (!s) return s;
  }

  // Knowledge used by someone else: once per (article, case), or per (article, user) for uses off a case.
  {
    auto st = db.prepare(
        "SELECT DISTINCT k.author, u.article_id, COALESCE(u.case_id, 0), CASE WHEN u.case_id IS NULL THEN u.user_name ELSE '' END "
        "FROM knowledge_uses u JOIN knowledge k ON k.id = u.article_id "
        "WHERE u.user_name <> k.author AND u.at >= ?1 AND u.at < ?2");
    if (!st) return st.status();
    st->bind(1, since).bind(2, until);
    auto s = st->each_row([&](const sqlite::Statement& r) {
      if (Tally* t = of(std::string(r.text(0)))) t->add("knowledge_reused", kPointsReused, r.int64(2));
    });
    if (!s) return s;
  }

  // Goals whose period ended in the range and were met.
  for (auto& [handle, t] : tally) {
    auto goals = list_goals(db, handle);
    if (!goals) return goals.status();
    for (const auto& g : *goals) {
      if (g.ends_at <= since || g.ends_at > until || now_ms < g.ends_at) continue;
      auto p = goal_progress(db, g, now_ms);
      if (!p) return p.status();
      if (p->status == "met") t.add("goal_met", kPointsGoalMet, 0);
    }
  }

  std::vector<Recognition> out;
  for (const auto& h : handles) {
    const Tally& t = tally[h];
    Recognition r;
    r.handle = h;
    if (const auto* e = config.employee(h)) r.name = e->name;
    for (const auto& reason : reasons()) {
      auto it = t.lines.find(reason);
      PointLine l = it == t.lines.end() ? PointLine{reason, 0, 0, 0, {}} : it->second;
      r.points += l.points;
      r.lines.push_back(std::move(l));
    }
    r.badges = badges_of(t);
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<Recognition>> leaderboard(sqlite::Connection& db, const EngageConfig& config,
                                             const std::string& team, std::int64_t since, std::int64_t until,
                                             std::int64_t now_ms) {
  std::vector<std::string> members;
  for (const auto& e : config.employees)
    if (std::find(e.teams.begin(), e.teams.end(), team) != e.teams.end()) members.push_back(e.handle);
  auto board = recognise(db, config, members, since, until, now_ms);
  if (!board) return board;
  std::stable_sort(board->begin(), board->end(), [](const Recognition& a, const Recognition& b) {
    return a.points != b.points ? a.points > b.points : a.handle < b.handle;
  });
  for (std::size_t i = 0; i < board->size(); ++i)
    (*board)[i].rank = i > 0 && (*board)[i].points == (*board)[i - 1].points ? (*board)[i - 1].rank
                                                                             : static_cast<int>(i + 1);
  return board;
}

nlohmann::json to_json(const Recognition& r, bool with_lines) {
  nlohmann::json badges = nlohmann::json::array();
  for (const auto& b : r.badges)
    if (with_lines || b.earned)
      badges.push_back({{"id", b.id}, {"name", b.name}, {"description", b.description}, {"have", b.have},
                        {"need", b.need}, {"earned", b.earned}});
  nlohmann::json j = {{"handle", r.handle}, {"name", r.name}, {"points", r.points}, {"badges", badges}};
  if (r.rank) j["rank"] = r.rank;
  if (with_lines) {
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& l : r.lines)
      lines.push_back({{"reason", l.reason}, {"count", l.count}, {"points", l.points}, {"not_scored", l.not_scored},
                       {"case_ids", l.case_ids}});
    j["lines"] = lines;
  }
  return j;
}

nlohmann::json aggregate_json(const std::vector<Recognition>& board) {
  std::vector<std::int64_t> points;
  std::map<std::string, std::int64_t> earned;
  for (const auto& r : board) {
    points.push_back(r.points);
    for (const auto& b : r.badges)
      if (b.earned) ++earned[b.id];
  }
  std::sort(points.begin(), points.end());
  auto at = [&](double q) -> nlohmann::json {
    if (points.empty()) return nullptr;
    return points[static_cast<std::size_t>(q * static_cast<double>(points.size() - 1) + 0.5)];
  };
  std::int64_t total = 0;
  for (auto p : points) total += p;
  // A median or maximum over one person is that person's score.
  const bool spread = points.size() >= 2;
  return {{"members", points.size()}, {"points_total", total}, {"points_median", spread ? at(0.5) : nullptr},
          {"points_max", spread ? nlohmann::json(points.back()) : nlohmann::json(nullptr)},
          {"badges_earned", earned}};
}

}  // namespace parley::people
