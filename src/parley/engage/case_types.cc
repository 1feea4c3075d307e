#include "parley/engage/case_types.h"

namespace parley::engage {

std::string_view to_string(CaseKind k) {
  switch (k) {
    case CaseKind::case_: return "case";
    case CaseKind::acknowledge: return "acknowledge";
    case CaseKind::internal_question: return "internal_question";
  }
  return "case";
}

std::string_view to_string(CaseStatus s) {
  switch (s) {
    case CaseStatus::open: return "open";
    case CaseStatus::waiting: return "waiting";
    case CaseStatus::resolved: return "resolved";
    case CaseStatus::merged: return "merged";
  }
  return "open";
}

std::optional<CaseStatus> parse_case_status(std::string_view s) {
  for (auto v : {CaseStatus::open, CaseStatus::waiting, CaseStatus::resolved, CaseStatus::merged})
    if (to_string(v) == s) return v;
  return std::nullopt;
}

std::string_view to_string(SlaClock c) {
  switch (c) {
    case SlaClock::first_response: return "first_response";
    case SlaClock::next_response: return "next_response";
    case SlaClock::resolution: return "resolution";
  }
  return "first_response";
}

namespace {
template <typename T>
nlohmann::json opt(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
}  // namespace

nlohmann::json to_json(const Case& c) {
  nlohmann::json sla = nlohmann::json::object();
  for (int k = 0; k < 3; ++k) {
    auto name = std::string(to_string(static_cast<SlaClock>(k)));
    sla[name] = {{"due", opt(c.due[k])},
                 {"warn_at", opt(c.warn[k])},
                 {"warned", (c.sla_warnings >> k & 1) != 0},
                 {"breached", (c.sla_breaches >> k & 1) != 0}};
  }
  return {
      {"id", c.id},
      {"kind", to_string(c.kind)},
      {"status", to_string(c.status)},
      {"team", c.team},
      {"function", c.function},
      {"priority", to_string(c.priority)},
      {"assignee", c.assignee.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.assignee)},
      {"assign_reason", c.assign_reason},
      {"rule", c.rule},
      {"sla_policy", c.sla_policy},
      {"tags", c.tags},
      {"required_skills", c.required_skills},
      {"source", c.source},
      {"audience", c.audience},
      {"intent", c.intent},
      {"language", c.language},
      {"urgency", c.urgency},
      {"author_id", c.author_id},
      {"first_post_id", c.first_post_id},
      {"opened_at", c.opened_at},
      {"updated_at", c.updated_at},
      {"first_response_at", opt(c.first_response_at)},
      {"last_inbound_at", opt(c.last_inbound_at)},
      {"last_response_at", opt(c.last_response_at)},
      {"resolved_at", opt(c.resolved_at)},
      {"resolved_by", c.resolved_by.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.resolved_by)},
      {"first_sentiment", opt(c.first_sentiment)},
      {"last_sentiment", opt(c.last_sentiment)},
      {"reopens", c.reopens},
      {"csat", opt(c.csat)},
      {"merged_into", opt(c.merged_into)},
      {"waiting_since", opt(c.waiting_since)},
      {"sla", sla},
  };
}

nlohmann::json to_json(const CaseEvent& e) {
  return {{"id", e.id}, {"case_id", e.case_id}, {"at", e.at},   {"actor", e.actor},
          {"type", e.type}, {"data", e.data},   {"function", e.function}};
}

std::string event_json(const CaseEvent& e) {
  // nlohmann's objects keep their keys sorted, so this is the order to_json(e).dump() writes them in;
  // strings go through the same serializer (escapes, UTF-8 checks).
  auto str = [](const std::string& s) { return nlohmann::json(s).dump(); };
  std::string out = "{\"actor\":";
  out += str(e.actor);
  out += ",\"at\":";
  out += std::to_string(e.at);
  out += ",\"case_id\":";
  out += std::to_string(e.case_id);
  out += ",\"data\":";
  out += e.data_json.empty() ? e.data.dump() : e.data_json;
  out += ",\"function\":";
  out += str(e.function);
  out += ",\"id\":";
  out += std::to_string(e.id);
  out += ",\"type\":";
  out += str(e.type);
  out += '}';
  return out;
}

}  // namespace parley::engage
