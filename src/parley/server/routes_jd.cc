// Job descriptions: one posting analysed against the skills taxonomy (docs/skills.md), and a draft written
// from a team's gaps (docs/skills.md, "Job description drafts").
//
// Who may see a draft: the team's leads, admins and analysts, the same people who see the team's gaps. The
// draft names nobody: its lines and reasons cite gap cells (skill, part of the day, counts), hire
// recommendations (whose reasons name skills, not people), taxonomy links and occupation profiles; who is
// advised to learn a skill is left out. So analysts, who see the gaps as aggregates, get the same draft as a
// lead. Agents do not see team gaps, so they get 403 here too.
#include "parley/people/jd_draft_json.h"
#include "parley/people/jd_generator.h"
#include "parley/people/jd_json.h"
#include "parley/people/team_gaps.h"
#include "parley/server/api_context.h"
#include "parley/server/people_access.h"

namespace parley::server {
namespace {

// Longer than any real job advertisement; keeps one request from tying up a worker.
constexpr std::size_t kMaxPostingBytes = 200000;
// A title is a line, not a posting.
constexpr std::size_t kMaxTitleBytes = 200;

// Spans are cut at word boundaries, but a malformed byte (in a title or posting a user sent) must not turn
// the answer into a 500.
void send_lenient_json(httplib::Response& res, const nlohmann::json& j) {
  res.status = 200;
  res.set_content(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

}  // namespace

void register_jd_routes(httplib::Server& http, ApiContext& ctx) {
  // One job description against the skills taxonomy, as `parley jd analyze --json` reports a single posting
  // (docs/skills.md). Nothing is stored and nobody is named, so any signed-in role may ask.
  add_route(http, ctx, "POST", "/api/v1/jd/analyze", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who) return;
    auto body = json_body(req, res);
    if (!body) return;
    const auto text = body->find("text");
    if (text == body->end() || !text->is_string() || text->get_ref<const std::string&>().find_first_not_of(" \t\r\n") == std::string::npos) {
      send_error(res, 400, "missing_text", "send {\"text\": \"the job description\", \"title\": \"optional\"}");
      return;
    }
    if (text->get_ref<const std::string&>().size() > kMaxPostingBytes) {
      send_error(res, 400, "too_long", "a posting may be at most " + std::to_string(kMaxPostingBytes / 1000) + " kB");
      return;
    }
    people::Posting p;
    p.text = text->get<std::string>();
    for (auto [key, out] : {std::pair{"title", &p.title}, std::pair{"id", &p.id}}) {
      auto v = body->find(key);
      if (v == body->end() || v->is_null()) continue;
      if (!v->is_string()) {
        send_error(res, 400, "bad_field", std::string(key) + " must be a string");
        return;
      }
      *out = v->get<std::string>();
    }
    if (p.id.empty()) p.id = "posting";
    auto j = people::analyze_posting_json(p);
    if (!j) {
      send_error(res, 503, "taxonomy", j.message());
      return;
    }
    send_lenient_json(res, *j);
  });

  // A draft job description from the team's gaps over [since, until) (the gaps' default range when absent),
  // with the reason for every line and the analysis of the draft, as `parley jd generate --json` prints it.
  add_route(http, ctx, "GET", "/api/v1/teams/{team}/jd-draft", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who) return;
    auto config = ctx.service->config();
    const std::string team = req.matches[1].str();
    if (!team_view(*who, config->engage, team, "job description drafts", res)) return;
    auto since = time_param(req, "since", res);
    if (!since) return;
    auto until = time_param(req, "until", res);
    if (!until) return;
    const std::string title = req.get_param_value("title");
    if (title.size() > kMaxTitleBytes) {
      send_error(res, 400, "too_long", "a title may be at most " + std::to_string(kMaxTitleBytes) + " bytes");
      return;
    }
    auto analyzer = people::shipped_jd_analyzer();
    if (!analyzer) {
      send_error(res, 503, "taxonomy", analyzer.message());
      return;
    }
    auto& db = read_connection(ctx.service->db_path());
    if (!*until) {
      auto d = people::default_gap_range(db, team, ctx.clock->now_ms());
      if (!d) {
        send_error(res, 503, "store", d.message());
        return;
      }
      *until = d->second;
    }
    if (!*since) *since = *until - people::kDefaultGapRangeMs;
    if (*until <= *since) {
      send_error(res, 400, "bad_range", "the range is empty: until must be after since");
      return;
    }
    auto gaps = people::measure_team_gaps(db, config->engage, team, *since, *until, ctx.clock->now_ms());
    if (!gaps) {
      send_error(res, 503, "store", gaps.message());
      return;
    }
    const people::JdDraft d = people::draft_job_description(*gaps, config->engage, **analyzer, title);
    send_lenient_json(res, people::to_json(d, (*analyzer)->taxonomy()));
  });
}

}  // namespace parley::server
