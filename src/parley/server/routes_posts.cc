// POST /api/v1/posts: the webhook. One post, a batch, or a network's own payload (X, Mastodon, Reddit
// JSON; JSONL), read by the same readers as `parley ingest`, so a bad record is named by its line and the
// rest still go in. Idempotent by (source, external id): a retried delivery changes nothing.
#include <cstdio>

#include "parley/ingest/reader.h"
#include "parley/server/api_context.h"

namespace parley::server {
namespace {

struct CollectSink final : ingest::RecordSink {
  std::vector<Post> posts;
  nlohmann::json rejected = nlohmann::json::array();
  void post(Post&& p, std::uint64_t) override { posts.push_back(std::move(p)); }
  void reject(std::uint64_t line, std::string reason) override {
    rejected.push_back({{"line", line}, {"reason", std::move(reason)}});
  }
};

// A JSON array or {"posts": [...]} becomes JSONL (one post per line) so the JSONL reader reads it; anything
// else goes to the readers as it is (JSONL, or a network's response, detected from its content), and then
// `out` is left empty and false is returned: the caller reads the body itself, without a copy.
bool normalise_body(const std::string& body, std::string& out, bool& as_jsonl) {
  as_jsonl = false;
  std::size_t i = body.find_first_not_of(" \t\r\n");
  if (i == std::string::npos) return false;
  if (body[i] != '[' && body[i] != '{') return false;
  // An object can only hold a "posts" key if the key is spelt out or written with a \u escape: without
  // either, it goes to the readers as it is, and parsing it here (a single post, the common webhook
  // call) would be wasted.
  if (body[i] == '{' && body.find("\"posts\"") == std::string::npos && body.find("\\u") == std::string::npos)
    return false;
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded()) return false;
  const nlohmann::json* list = nullptr;
  if (j.is_array()) list = &j;
  else if (j.is_object() && j.contains("posts") && j["posts"].is_array()) list = &j["posts"];
  if (!list) return false;
  as_jsonl = true;  // whatever the items hold, they are meant as parley posts: report each by its line
  for (const auto& item : *list) {
    out += item.dump();
    out.push_back('\n');
  }
  return true;
}

}  // namespace

void register_post_routes(httplib::Server& http, ApiContext& ctx) {
  add_route(http, ctx, "POST", "/api/v1/posts", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto who = authenticate(ctx, req, res);
    if (!who) return;
    if (!require_role(*who, {Role::admin, Role::lead, Role::agent}, res)) return;
    bool as_jsonl = false;
    std::string converted;
    const std::string& body = normalise_body(req.body, converted, as_jsonl) ? converted : req.body;
    if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
      send_error(res, 400, "empty_body", "send one post as a JSON object, a batch as {\"posts\": [...]}, or JSONL");
      return;
    }
    CollectSink sink;
    // Read only ("r"): fmemopen does not write to the buffer.
    std::FILE* f = fmemopen(const_cast<char*>(body.data()), body.size(), "r");
    if (!f) {
      send_error(res, 500, "internal", "cannot read the request body");
      return;
    }
    ingest::ReaderOptions opts;
    opts.csv_source = "api";
    if (as_jsonl) opts.format = ingest::Format::jsonl;
    Status read = ingest::read_input(f, "request body", opts, sink);
    std::fclose(f);
    if (!read) {
      send_error(res, 400, "unreadable", read.message());
      return;
    }
    if (sink.posts.size() > ctx.max_batch_posts) {
      send_error(res, 413, "batch_too_large",
                 "at most " + std::to_string(ctx.max_batch_posts) + " posts per request; split the batch");
      return;
    }
    if (sink.posts.empty()) {
      send_json(res, {{"error", {{"code", "no_valid_posts"}, {"message", "no post in the body could be read"}}},
                      {"rejected", sink.rejected}},
                422);
      return;
    }
    auto reply = ctx.service->ingest(std::move(sink.posts));
    if (!reply) {
      send_error(res, 503, "store_failed", reply.message());
      return;
    }
    nlohmann::json posts = nlohmann::json::array();
    for (const auto& p : reply->posts)
      posts.push_back({{"source", p.source},
                       {"external_id", p.external_id},
                       {"id", p.id},
                       {"case_id", p.case_id ? nlohmann::json(p.case_id) : nlohmann::json(nullptr)}});
    // 200 even when some records were rejected: those are listed with their line, the rest are stored.
    send_json(res, {{"accepted", posts.size()}, {"posts", posts}, {"rejected", sink.rejected}});
  });
}

}  // namespace parley::server
