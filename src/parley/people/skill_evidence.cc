#include "parley/people/skill_evidence.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "parley/people/case_skills.h"

namespace parley::people {
namespace {

using nlohmann::json;

constexpr int kFirstResponseBit = 1 << 0;  // cases.sla_breaches, by SlaClock
constexpr int kResolutionBit = 1 << 2;

json opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

std::optional<double> evidence_score(const EvidenceParts& p) {
  double sum = 0, weight = 0;
  auto add = [&](const std::optional<double>& v, double w) {
    if (!v) return;
    sum += w * std::clamp(*v, 0.0, 1.0);
    weight += w;
  };
  add(p.first_response_sla, 1);
  add(p.resolution_sla, 1);
  add(p.sentiment_lift, 1);
  add(p.not_reopened, 1);
  add(p.csat, kCsatWeight);
  add(p.community_accepted, 1);
  add(p.knowledge_reuse, 1);
  add(p.peer_kudos, 1);
  if (weight == 0) return std::nullopt;
  return sum / weight;
}

Result<std::vector<CaseEvidence>> load_evidence(sqlite::Connection& db, const EngageConfig& config,
                                                const EvidenceQuery& q) {
  const std::int64_t since = q.resolved_since;
  const std::int64_t until = q.resolved_until ? q.resolved_until : std::numeric_limits<std::int64_t>::max();
  const std::set<std::string> vocabulary = skill_vocabulary(config);

  // Who else is credited on each case: staff answers and accepted community answers.
  std::map<std::int64_t, std::vector<std::pair<std::string, bool>>> answers;  // case -> (responder, by_staff)
  {
    auto st = db.prepare(
        "SELECT r.case_id, r.responder, r.by_staff FROM case_responses r JOIN cases c ON c.id = r.case_id "
        "WHERE c.status = 'resolved' AND c.resolved_at >= ?1 AND c.resolved_at < ?2 "
        "AND (r.by_staff = 1 OR r.accepted = 1)");
    if (!st) return st.status();
    st->bind(1, since).bind(2, until);
    auto s = st->each_row([&](const sqlite::Statement& r) {
      answers[r.int64(0)].emplace_back(std::string(r.text(1)), r.int64(2) != 0);
    });
    if (!s) return s;
  }
  // Articles saved from a case and used again since, by author.
  std::set<std::pair<std::int64_t, std::string>> reused;
  {
    auto st = db.prepare("SELECT case_id, author FROM knowledge WHERE case_id IS NOT NULL AND uses > 0");
    if (!st) return st.status();
    auto s = st->each_row([&](const sqlite::Statement& r) { reused.emplace(r.int64(0), std::string(r.text(1))); });
    if (!s) return s;
  }

  // Replies a colleague gave kudos to, by case and the reply's author (peer_feedback.h).
  std::set<std::pair<std::int64_t, std::string>> kudos;
  {
    auto st = db.prepare(
        "SELECT DISTINCT f.case_id, f.to_handle FROM peer_feedback f JOIN cases c ON c.id = f.case_id "
        "WHERE f.kind = 'kudos' AND c.status = 'resolved' AND c.resolved_at >= ?1 AND c.resolved_at < ?2");
    if (!st) return st.status();
    st->bind(1, since).bind(2, until);
    auto s = st->each_row([&](const sqlite::Statement& r) { kudos.emplace(r.int64(0), std::string(r.text(1))); });
    if (!s) return s;
  }

  auto st = db.prepare(
      "SELECT c.id, c.team, c.intent, c.language, c.source, c.opened_at, c.resolved_at, c.resolved_by, c.assignee, "
      "c.required_skills, c.first_response_at, c.first_response_due, c.resolution_due, c.sla_breaches, "
      "c.first_sentiment, c.last_sentiment, c.reopens, c.csat, pa.entities "
      "FROM cases c LEFT JOIN post_analysis pa ON pa.post_id = c.first_post_id "
      "WHERE c.status = 'resolved' AND c.resolved_at >= ?1 AND c.resolved_at < ?2 ORDER BY c.resolved_at, c.id");
  if (!st) return st.status();
  st->bind(1, since).bind(2, until);
  std::vector<CaseEvidence> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    CaseEvidence base;
    base.case_id = st->int64(0);
    base.team = std::string(st->text(1));
    base.intent = std::string(st->text(2));
    base.language = std::string(st->text(3));
    base.source = std::string(st->text(4));
    base.opened_at = st->int64(5);
    base.resolved_at = st->int64(6);
    const std::string resolved_by = st->is_null(7) ? "staff" : std::string(st->text(7));
    const std::string assignee = st->is_null(8) ? "" : std::string(st->text(8));

    CaseFacts facts{base.intent, base.language, base.source, {}, {}};
    std::string_view req = st->text(9);
    json rs = json::parse(req.begin(), req.end(), nullptr, false);
    if (rs.is_object())
      for (auto& [skill, level] : rs.items())
        if (level.is_number_integer()) facts.required_skills[skill] = level.get<int>();
    if (!st->is_null(18)) {
      std::string_view ent = st->text(18);
      json es = json::parse(ent.begin(), ent.end(), nullptr, false);
      if (es.is_array())
        for (const auto& e : es)
          if (e.is_object() && e.value("kind", "") == "product") facts.products.push_back(e.value("name", ""));
    }
    base.skills = case_skills(facts, vocabulary);

    // The parts every credited person shares: what happened to the customer.
    const int breaches = static_cast<int>(st->int64(13));
    if (!st->is_null(11) && !st->is_null(10)) base.parts.first_response_sla = (breaches & kFirstResponseBit) ? 0.0 : 1.0;
    else if (!st->is_null(11) && (breaches & kFirstResponseBit)) base.parts.first_response_sla = 0.0;
    if (!st->is_null(12)) base.parts.resolution_sla = (breaches & kResolutionBit) ? 0.0 : 1.0;
    if (!st->is_null(14) && !st->is_null(15))
      base.parts.sentiment_lift = std::clamp((st->real(15) - st->real(14) + 1) / 2, 0.0, 1.0);
    base.parts.not_reopened = st->int64(16) > 0 ? 0.0 : 1.0;
    if (!st->is_null(17)) base.parts.csat = std::clamp((st->int64(17) - 1) / 4.0, 0.0, 1.0);

    // Who is credited, once each: the assignee (when staff resolved it), staff responders, and accepted
    // community answerers who are employees (a colleague answering an internal question).
    std::map<std::string, std::string> credited;  // employee -> credit
    if (!assignee.empty() && resolved_by != "community") credited[assignee] = "assignee";
    for (const auto& [who, by_staff] : answers[base.case_id]) {
      if (by_staff) credited.emplace(who, "responder");
      else credited.emplace(who, "community");
    }
    for (const auto& [who, credit] : credited) {
      if (!config.employee(who)) continue;
      if (!q.employee.empty() && who != q.employee) continue;
      CaseEvidence e = base;
      e.employee = who;
      e.credit = credit;
      if (credit == "community") {
        // The SLA clocks were staff's to keep; the community answerer is judged by what the answer did.
        e.parts.first_response_sla.reset();
        e.parts.resolution_sla.reset();
        e.parts.community_accepted = 1.0;
      }
      if (reused.count({base.case_id, who})) e.parts.knowledge_reuse = 1.0;
      if (kudos.count({base.case_id, who})) e.parts.peer_kudos = 1.0;
      auto score = evidence_score(e.parts);
      if (!score) continue;
      e.score = *score;
      out.push_back(std::move(e));
    }
  }
  return out;
}

json to_json(const EvidenceParts& p) {
  return {{"first_response_sla", opt(p.first_response_sla)}, {"resolution_sla", opt(p.resolution_sla)},
          {"sentiment_lift", opt(p.sentiment_lift)},         {"not_reopened", opt(p.not_reopened)},
          {"csat", opt(p.csat)},                             {"community_accepted", opt(p.community_accepted)},
          {"knowledge_reuse", opt(p.knowledge_reuse)},       {"peer_kudos", opt(p.peer_kudos)}};
}

json to_json(const CaseEvidence& e) {
  return {{"case_id", e.case_id},   {"credit", e.credit},         {"team", e.team},
          {"intent", e.intent},     {"language", e.language},     {"channel", e.source},
          {"opened_at", e.opened_at}, {"resolved_at", e.resolved_at}, {"skills", e.skills},
          {"score", e.score},       {"parts", to_json(e.parts)}};
}

}  // namespace parley::people
