// Metrics, knowledge, post search and the organisation's shape: the read side beyond single cases.
#include <algorithm>
#include <map>

#include "parley/engage/business_clock.h"
#include "parley/engage/knowledge.h"
#include "parley/engage/metrics.h"
#include "parley/server/api_context.h"
#include "parley/store/sqlite/sqlite_store.h"

namespace parley::server {
namespace {

nlohmann::json articles_json(const std::vector<engage::Article>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : list) out.push_back(engage::to_json(a));
  return out;
}

// The post store for this thread's reads (search), on its own connection.
Store& read_store(const std::string& path) {
  thread_local std::map<std::string, std::unique_ptr<Store>> stores;
  auto& s = stores[path];
  if (!s) {
    auto opened = open_sqlite_store(path);
    if (!opened) throw std::runtime_error("cannot open " + path + ": " + opened.message());
    s = std::move(*opened);
  }
  return *s;
}

}  // namespace

void register_insight_routes(httplib::Server& http, ApiContext& ctx) {
  add_route(http, ctx, "GET", "/api/v1/metrics", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who) return;
    engage::MetricsQuery q;
    q.team = req.get_param_value("team");
    q.assignee = req.get_param_value("employee");
    q.source = req.get_param_value("channel");
    q.intent = req.get_param_value("intent");
    q.functions = who->functions;
    auto since = time_param(req, "since", res);
    if (!since) return;
    auto until = time_param(req, "until", res);
    if (!until) return;
    q.opened_since = *since;
    q.opened_until = *until;
    if (req.has_param("group_by")) {
      auto g = engage::parse_metrics_group_by(req.get_param_value("group_by"));
      if (!g) {
        send_error(res, 400, "bad_group_by", "group_by must be team, assignee, source or intent");
        return;
      }
      q.group_by = *g;
    }
    // Business hours: the calendar of the team asked about, else the default SLA policy's calendar.
    auto config = ctx.service->config();
    std::string calendar;
    if (const TeamDef* t = config->engage.team(q.team)) calendar = t->calendar;
    else if (const SlaPolicy* p = config->engage.sla(config->engage.default_sla)) calendar = p->calendar;
    engage::BusinessElapsed business;
    if (const BusinessCalendar* cal = config->engage.calendar(calendar)) {
      auto bc = engage::BusinessClock::make(*cal);
      if (bc) {
        auto shared = std::make_shared<engage::BusinessClock>(std::move(*bc));
        business = [shared](std::int64_t a, std::int64_t b) { return shared->elapsed(a, b); };
      }
    }
    auto m = engage::compute_metrics(read_connection(ctx.service->db_path()), q, business);
    if (!m) {
      send_error(res, 400, "bad_query", m.message());
      return;
    }
    nlohmann::json j = engage::to_json(*m);
    j["business_calendar"] = calendar.empty() ? nlohmann::json(nullptr) : nlohmann::json(calendar);
    send_json(res, j);
  });

  add_route(http, ctx, "GET", "/api/v1/knowledge", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who) return;
    engage::KnowledgeBase kb(read_connection(ctx.service->db_path()));
    int limit = static_cast<int>(std::clamp<std::int64_t>(int_param(req, "limit").value_or(20), 1, 200));
    int offset = static_cast<int>(std::max<std::int64_t>(0, int_param(req, "offset").value_or(0)));
    auto list = req.has_param("q") ? kb.search(req.get_param_value("q"), who->functions, limit)
                                   : kb.list(who->functions, limit, offset);
    if (!list) {
      send_error(res, 400, "bad_query", list.message());
      return;
    }
    send_json(res, {{"articles", articles_json(*list)}});
  });

  add_route(http, ctx, "POST", "/api/v1/knowledge", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who || !require_role(*who, {Role::admin, Role::lead, Role::agent}, res)) return;
    auto body = json_body(req, res);
    if (!body) return;
    std::string title = body->value("title", "");
    if (title.empty()) {
      send_error(res, 400, "missing_title", "an article needs a \"title\"");
      return;
    }
    // Writes take the writer's lock like every other write, through the service.
    Result<engage::Article> saved = Status::error("not saved");
    std::int64_t now = ctx.clock->now_ms();
    ctx.service->with_connection([&](sqlite::Connection& db) {
      engage::KnowledgeBase kb(db);
      if (body->contains("post_id") && (*body)["post_id"].is_number_integer()) {
        saved = kb.save_from_reply((*body)["post_id"].get<std::int64_t>(), title, "", now);
      } else {
        std::string text = body->value("body", "");
        if (text.empty()) {
          saved = Status::error("an article needs a \"body\", or a \"post_id\" of a reply to save");
          return;
        }
        std::optional<std::int64_t> case_id;
        if (body->contains("case_id") && (*body)["case_id"].is_number_integer()) case_id = (*body)["case_id"].get<std::int64_t>();
        std::string function = body->value("function", "");
        saved = kb.save(title, text, who->name, function, case_id, std::nullopt, now);
      }
    });
    if (!saved) {
      send_error(res, 400, "not_saved", saved.message());
      return;
    }
    send_json(res, engage::to_json(*saved), 201);
  });

  add_route(http, ctx, "GET", "/api/v1/knowledge/credits", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who) return;
    auto credits = engage::KnowledgeBase(read_connection(ctx.service->db_path())).credits(who->functions);
    if (!credits) {
      send_error(res, 500, "internal", credits.message());
      return;
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : *credits) out.push_back(engage::to_json(c));
    send_json(res, {{"credits", out}});
  });

  add_route(http, ctx, "GET", "/api/v1/knowledge/{id}", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who) return;
    auto a = engage::KnowledgeBase(read_connection(ctx.service->db_path())).get(std::atoll(req.matches[1].str().c_str()));
    if (!a || !(a->function.empty() || who->sees_function(a->function))) {
      send_error(res, 404, "no_article", "no article " + req.matches[1].str() + " that you may see");
      return;
    }
    send_json(res, engage::to_json(*a));
  });

  add_route(http, ctx, "POST", "/api/v1/knowledge/{id}/uses", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who || !require_role(*who, {Role::admin, Role::lead, Role::agent}, res)) return;
    std::int64_t id = std::atoll(req.matches[1].str().c_str());
    std::optional<std::int64_t> case_id;
    if (!req.body.empty()) {
      auto body = json_body(req, res);
      if (!body) return;
      if (body->contains("case_id") && (*body)["case_id"].is_number_integer()) case_id = (*body)["case_id"].get<std::int64_t>();
    }
    Status st;
    Result<engage::Article> after = Status::error("not found");
    ctx.service->with_connection([&](sqlite::Connection& db) {
      engage::KnowledgeBase kb(db);
      st = kb.record_use(id, case_id, who->name, ctx.clock->now_ms());
      if (st) after = kb.get(id);
    });
    if (!st || !after) {
      send_error(res, 404, "no_article", st ? after.message() : st.message());
      return;
    }
    send_json(res, engage::to_json(*after));
  });

  add_route(http, ctx, "GET", "/api/v1/search", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who || !require_role(*who, {Role::admin, Role::lead, Role::agent}, res)) return;
    std::string words = req.get_param_value("q");
    if (words.empty()) {
      send_error(res, 400, "missing_q", "search needs q: words to find");
      return;
    }
    int limit = static_cast<int>(std::clamp<std::int64_t>(int_param(req, "limit").value_or(20), 1, 100));
    int offset = static_cast<int>(std::max<std::int64_t>(0, int_param(req, "offset").value_or(0)));
    const std::string& path = ctx.service->db_path();
    Store& store = read_store(path);
    auto& db = read_connection(path);
    auto function_of = db.prepare(
        "SELECT c.function FROM posts p JOIN case_conversations cc ON cc.conversation_id = p.conversation_id "
        "JOIN cases c ON c.id = cc.case_id WHERE p.id = ?1");
    if (!function_of) {
      send_error(res, 500, "internal", function_of.message());
      return;
    }
    const bool restricted = !who->functions.empty();
    nlohmann::json hits = nlohmann::json::array();
    std::uint64_t total = 0;
    // A restricted caller sees a post only when it belongs to a case of one of their functions, or is a
    // public post outside any case; pages are filled by reading further until `limit` visible hits.
    int skipped = 0, page_offset = restricted ? 0 : offset;
    for (int round = 0; round < 20 && static_cast<int>(hits.size()) < limit; ++round) {
      SearchQuery q;
      q.text = words;
      q.source = req.get_param_value("source");
      q.limit = restricted ? 100 : limit;
      q.offset = page_offset;
      auto r = store.search(q);
      if (!r) {
        send_error(res, 400, "bad_query", r.message());
        return;
      }
      total = r->total;
      for (const auto& h : r->hits) {
        if (restricted) {
          function_of->reset();
          function_of->bind(1, h.stored.id);
          auto row = function_of->step();
          bool in_case = row && *row;
          std::string function = in_case ? std::string(function_of->text(0)) : "";
          function_of->reset();
          bool ok = in_case ? who->sees_function(function) : h.stored.post.audience == Audience::public_;
          if (!ok) continue;
          if (skipped < offset) {
            ++skipped;
            continue;
          }
        }
        if (static_cast<int>(hits.size()) >= limit) break;
        hits.push_back({{"id", h.stored.id},
                        {"conversation_id", h.stored.conversation_id},
                        {"source", h.stored.post.source},
                        {"author", h.stored.post.author.handle},
                        {"created_at", h.stored.post.created_at_ms},
                        {"snippet", h.snippet},
                        {"text", h.stored.post.text}});
      }
      if (!restricted || r->hits.size() < 100) break;
      page_offset += 100;
    }
    nlohmann::json out = {{"hits", hits}};
    // The total of matches is only exact for callers who see everything; for others it would count posts
    // they may not see, so it is left out.
    out["total"] = restricted ? nlohmann::json(nullptr) : nlohmann::json(total);
    send_json(res, out);
  });

  add_route(http, ctx, "GET", "/api/v1/org", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who) return;
    auto config = ctx.service->config();
    const auto& e = config->engage;
    nlohmann::json functions = nlohmann::json::array(), teams = nlohmann::json::array(), people = nlohmann::json::array(),
                   slas = nlohmann::json::array();
    for (const auto& f : e.functions) functions.push_back({{"id", f.id}, {"name", f.name}});
    for (const auto& t : e.teams)
      teams.push_back({{"id", t.id}, {"name", t.name}, {"function", t.function}, {"strategy", to_string(t.strategy)},
                       {"calendar", t.calendar}});
    std::map<std::string, int> load;
    ctx.service->with_engine([&](engage::CaseEngine& engine) {
      for (const auto& p : e.employees) load[p.handle] = engine.open_cases(p.handle);
    });
    for (const auto& p : e.employees) {
      nlohmann::json j = {{"handle", p.handle}, {"name", p.name}, {"role", to_string(p.role)}, {"teams", p.teams},
                          {"languages", p.languages}, {"capacity", p.capacity}};
      if (who->role != Role::analyst) {  // aggregates only for analysts
        j["skills"] = p.skills;
        j["open_cases"] = load[p.handle];
      }
      people.push_back(j);
    }
    for (const auto& s : e.sla_policies)
      slas.push_back({{"name", s.name}, {"first_response_s", s.first_response_s}, {"next_response_s", s.next_response_s},
                      {"resolution_s", s.resolution_s}, {"calendar", s.calendar}, {"warn_at", s.warn_fraction}});
    send_json(res, {{"name", config->name}, {"functions", functions}, {"teams", teams}, {"employees", people},
                    {"sla_policies", slas}});
  });
}

}  // namespace parley::server
