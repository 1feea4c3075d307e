// Listening (docs/listening.md): volume over time, top entities, share of voice, and the posts behind them.
// The queries live in src/parley/listen/; this file reads parameters and writes JSON.
#include <algorithm>

#include "parley/listen/listening.h"
#include "parley/server/api_context.h"

namespace parley::server {
namespace {

constexpr std::int64_t kDefaultRangeMs = 30 * listen::kDayMs;

// since/until (default: the 30 days up to now), source, intent, sentiment, from. Answers 400 and returns
// nullopt when one is bad.
std::optional<listen::Filter> read_filter(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  listen::Filter f;
  auto since = time_param(req, "since", res);
  if (!since) return std::nullopt;
  auto until = time_param(req, "until", res);
  if (!until) return std::nullopt;
  f.until = req.has_param("until") ? *until : ctx.clock->now_ms();
  f.since = req.has_param("since") ? *since : f.until - kDefaultRangeMs;
  f.source = req.get_param_value("source");
  f.intent = req.get_param_value("intent");
  f.sentiment = req.get_param_value("sentiment");
  if (req.has_param("from")) {
    const std::string from = req.get_param_value("from");
    if (from != "raw" && from != "rollup") {
      send_error(res, 400, "bad_from", "from '" + from + "': use rollup (default) or raw (recount from the posts)");
      return std::nullopt;
    }
    f.from_raw = from == "raw";
  }
  if (auto bad = listen::check_filter(f); !bad.empty()) {
    send_error(res, 400, "bad_filter", bad);
    return std::nullopt;
  }
  return f;
}

// An integer parameter within [lo, hi], or `fallback` when absent; 400 and nullopt when not.
std::optional<std::int64_t> bounded_int(const httplib::Request& req, httplib::Response& res, const std::string& name,
                                        std::int64_t fallback, std::int64_t lo, std::int64_t hi) {
  if (!req.has_param(name)) return fallback;
  auto v = int_param(req, name);
  if (!v || *v < lo || *v > hi) {
    send_error(res, 400, "bad_" + name,
               "'" + name + "' must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
    return std::nullopt;
  }
  return v;
}

nlohmann::json entity_json(const listen::EntityCount& e) {
  return {{"kind", e.kind},         {"name", e.name},         {"posts", e.posts},
          {"negative", e.negative}, {"neutral", e.neutral},   {"positive", e.positive},
          {"net_sentiment", e.net_sentiment()}};
}

}  // namespace

void register_listening_routes(httplib::Server& http, ApiContext& ctx) {
  add_route(http, ctx, "GET", "/api/v1/listening/volume", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who) return;
    auto f = read_filter(ctx, req, res);
    if (!f) return;
    listen::VolumeQuery q;
    q.filter = *f;
    const std::string bucket = req.has_param("bucket") ? req.get_param_value("bucket") : "auto";
    if (bucket == "hour") q.grain = listen::Grain::hour;
    else if (bucket == "day") q.grain = listen::Grain::day;
    else if (bucket == "auto") q.grain = f->until - f->since <= 7 * listen::kDayMs ? listen::Grain::hour : listen::Grain::day;
    else return send_error(res, 400, "bad_bucket", "bucket '" + bucket + "': use hour, day or auto");
    q.by = req.has_param("by") ? req.get_param_value("by") : "none";
    if (q.by != "intent" && q.by != "sentiment" && q.by != "source" && q.by != "none")
      return send_error(res, 400, "bad_by", "by '" + q.by + "': use intent, sentiment, source or none");
    const std::size_t n = listen::bucket_count(f->since, f->until, q.grain);
    if (n > listen::kMaxBuckets)
      return send_error(res, 400, "too_many_buckets",
                        "the range holds " + std::to_string(n) + " " + bucket + " buckets; at most " +
                            std::to_string(listen::kMaxBuckets) + ": shorten it or use bucket=day");
    auto v = listen::volume(read_connection(ctx.service->db_path()), q);
    if (!v) return send_error(res, 500, "internal", v.message());
    nlohmann::json series = nlohmann::json::array(), spikes = nlohmann::json::array();
    for (const auto& s : v->series) series.push_back({{"key", s.key}, {"counts", s.counts}});
    for (const auto& s : v->spikes)
      spikes.push_back({{"at", v->buckets[s.index]}, {"count", s.count}, {"expected", s.expected}, {"z", s.z}});
    send_json(res, {{"since", v->since},
                    {"until", v->until},
                    {"bucket", v->grain == listen::Grain::hour ? "hour" : "day"},
                    {"bucket_ms", listen::grain_ms(v->grain)},
                    {"buckets", v->buckets},
                    {"total", v->total},
                    {"series", series},
                    {"spikes", spikes},
                    {"from", v->from_raw ? "raw" : "rollup"}});
  });

  add_route(http, ctx, "GET", "/api/v1/listening/top", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who) return;
    auto f = read_filter(ctx, req, res);
    if (!f) return;
    std::string kind = req.has_param("kind") ? req.get_param_value("kind") : "all";
    if (kind != "product" && kind != "competitor" && kind != "campaign" && kind != "keyword" && kind != "all")
      return send_error(res, 400, "bad_kind", "kind '" + kind + "': use product, competitor, campaign, keyword or all");
    auto limit = bounded_int(req, res, "limit", 10, 1, 100);
    if (!limit) return;
    auto top = listen::top_entities(read_connection(ctx.service->db_path()), *f, kind == "all" ? "" : kind,
                                    static_cast<std::size_t>(*limit));
    if (!top) return send_error(res, 500, "internal", top.message());
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : *top) out.push_back(entity_json(e));
    send_json(res, {{"entities", out}});
  });

  add_route(http, ctx, "GET", "/api/v1/listening/share-of-voice", [&ctx](const httplib::Request& req,
                                                                         httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who) return;
    auto f = read_filter(ctx, req, res);
    if (!f) return;
    auto config = ctx.service->config();
    std::vector<std::string> competitors;
    for (const auto& e : config->entities)
      if (e.kind == text::EntityKind::competitor) competitors.push_back(e.name);
    auto sov = listen::share_of_voice(read_connection(ctx.service->db_path()), *f,
                                      config->name.empty() ? "us" : config->name, competitors);
    if (!sov) return send_error(res, 500, "internal", sov.message());
    nlohmann::json brands = nlohmann::json::array();
    for (const auto& b : sov->brands)
      brands.push_back({{"name", b.name},
                        {"kind", b.own ? "own" : "competitor"},
                        {"posts", b.posts},
                        {"share", b.share},
                        {"net_sentiment", b.net_sentiment()}});
    send_json(res, {{"total", sov->total}, {"brands", brands}});
  });

  add_route(http, ctx, "GET", "/api/v1/listening/posts", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who) return;
    if (who->role == Role::analyst)
      return send_error(res, 403, "forbidden",
                        "analysts see aggregates only (listening volume, top, share-of-voice), not posts");
    if (!require_role(*who, {Role::admin, Role::lead, Role::agent}, res)) return;
    auto f = read_filter(ctx, req, res);
    if (!f) return;
    listen::PostQuery q;
    q.filter = *f;
    q.functions = who->functions;
    if (req.has_param("entity")) {
      const std::string entity = req.get_param_value("entity");
      const auto colon = entity.find(':');
      q.entity_kind = entity.substr(0, colon);
      q.entity_name = colon == std::string::npos ? "" : entity.substr(colon + 1);
      const bool known = q.entity_kind == "product" || q.entity_kind == "competitor" || q.entity_kind == "campaign" ||
                         q.entity_kind == "keyword" || q.entity_kind == "own";
      if (!known || (q.entity_kind != "own" && q.entity_name.empty()))
        return send_error(res, 400, "bad_entity",
                          "entity '" + entity + "': write KIND:NAME with kind product, competitor, campaign or "
                          "keyword (e.g. product:Northwind Fiber), or own for any of our products");
    }
    auto limit = bounded_int(req, res, "limit", 50, 1, 200);
    if (!limit) return;
    auto offset = bounded_int(req, res, "offset", 0, 0, 1'000'000);
    if (!offset) return;
    q.limit = static_cast<std::size_t>(*limit);
    q.offset = static_cast<std::size_t>(*offset);
    auto page = listen::listened_posts(read_connection(ctx.service->db_path()), q);
    if (!page) return send_error(res, 500, "internal", page.message());
    nlohmann::json posts = nlohmann::json::array();
    for (const auto& p : page->posts) {
      nlohmann::json entities = nlohmann::json::array();
      for (const auto& [kind, name] : p.entities) entities.push_back({{"kind", kind}, {"name", name}});
      posts.push_back({{"id", p.id},
                       {"conversation_id", p.conversation_id},
                       {"case_id", p.case_id ? nlohmann::json(*p.case_id) : nlohmann::json(nullptr)},
                       {"source", p.source},
                       {"author", p.author},
                       {"created_at", p.created_at},
                       {"text", p.text},
                       {"sentiment", p.sentiment},
                       {"sentiment_label", p.sentiment_label},
                       {"intent", p.intent},
                       {"urgency", p.urgency},
                       {"language", p.language},
                       {"entities", entities}});
    }
    send_json(res, {{"posts", posts}, {"has_more", page->has_more}});
  });
}

}  // namespace parley::server
