// Mastodon Status entities: timelines (an array), one status, or a thread context {ancestors,descendants}.
// A reblog is ingested as the status it boosts: the boost itself says nothing, and the original is what
// somebody may need to answer.
#include <string>
#include <vector>

#include "parley/core/time.h"
#include "parley/ingest/html_text.h"
#include "parley/ingest/json_util.h"
#include "parley/ingest/readers.h"

namespace parley::ingest::detail {
namespace {

using simdjson::dom::object;

class MastodonHandler final : public ResponseHandler {
 public:
  void handle(std::string_view json, const ResponseLocation& where, RecordSink& sink) override {
    items_.clear();
    if (!collect(json, where, sink)) return;
    for (const RawItem& item : items_) {
      std::uint64_t line = where.line_of(item.at);
      if (item.raw.empty()) {
        sink.reject(line, "status must be a JSON object, got " + std::string(item.type));
        continue;
      }
      Post p;
      std::string err = map_item(item.raw, p);
      if (err.empty()) err = validate(p);
      if (!err.empty()) sink.reject(line, std::move(err));
      else sink.post(std::move(p), line);
    }
  }

 private:
  bool collect(std::string_view json, const ResponseLocation& where, RecordSink& sink) {
    auto fail = [&](simdjson::error_code e) {
      sink.reject(where.first_line, std::string("invalid Mastodon response: ") + simdjson::error_message(e));
      return false;
    };
    simdjson::ondemand::document doc;
    if (auto e = od_.iterate(json.data(), json.size(), json.size() + kJsonPadding).get(doc)) return fail(e);
    simdjson::ondemand::json_type t;
    if (auto e = doc.type().get(t)) return fail(e);
    if (t == simdjson::ondemand::json_type::array) {
      simdjson::ondemand::value v;
      if (auto e = doc.get_value().get(v)) return fail(e);
      if (auto e = collect_items(v, items_)) return fail(e);
      return true;
    }
    if (t != simdjson::ondemand::json_type::object) {
      sink.reject(where.first_line, "Mastodon response must be a status, an array of statuses or a context");
      return false;
    }
    simdjson::ondemand::object top;
    if (auto e = doc.get_object().get(top)) return fail(e);
    bool context = false;
    for (auto field : top) {
      std::string_view key;
      if (auto e = field.unescaped_key().get(key)) return fail(e);
      if (key != "ancestors" && key != "descendants") continue;
      context = true;
      simdjson::ondemand::value v;
      if (auto e = field.value().get(v)) return fail(e);
      if (auto e = collect_items(v, items_)) return fail(e);
    }
    if (!context) {
      std::string_view raw = json;
      while (!raw.empty() && raw.front() != '{') raw.remove_prefix(1);
      items_.push_back(RawItem{raw, raw.data(), {}});
    }
    return true;
  }

  std::string map_item(std::string_view raw, Post& p) {
    simdjson::dom::element root;
    if (auto e = item_parser_.parse(raw.data(), raw.size(), false).get(root)) return describe_parse_error(raw, e);
    object o;
    if (root.get_object().get(o)) return "status must be a JSON object, got " + std::string(json_type_name(root));
    element e;
    if (lookup(o, "reblog", e) && e.get_object().get(o))
      return "field 'reblog' must be a status object, got " + std::string(json_type_name(e));
    return map_status(o, p);
  }

  std::string map_status(const object& o, Post& p) {
    std::string err;
    element e;
    p.source = "mastodon";
    if (!lookup(o, "id", e) || !get_id(e, "id", p.external_id, err)) return err.empty() ? missing_field("id") : err;
    std::string created;
    if (!lookup(o, "created_at", e) || !get_string(e, "created_at", created, err))
      return err.empty() ? missing_field("created_at") : err;
    auto ms = parse_iso8601_ms(created);
    if (!ms) return "field 'created_at' is not an ISO 8601 date-time: '" + excerpt(created) + "'";
    p.created_at_ms = *ms;
    std::string content;
    if (!lookup(o, "content", e) || !get_string(e, "content", content, err))
      return err.empty() ? missing_field("content") : err;
    std::string spoiler;
    if (lookup(o, "spoiler_text", e) && !get_string(e, "spoiler_text", spoiler, err)) return err;
    p.text = html_to_text(content);
    if (!spoiler.empty()) {
      // The content warning is part of what the author said, and often the only summary of it.
      std::string cw = decode_entities(spoiler);
      p.text = p.text.empty() ? cw : cw + "\n\n" + p.text;
    }
    if (lookup(o, "in_reply_to_id", e) && !get_id(e, "in_reply_to_id", p.reply_to, err)) return err;
    std::string visibility;
    if (lookup(o, "visibility", e) && !get_string(e, "visibility", visibility, err)) return err;
    p.kind = visibility == "direct" ? PostKind::dm : p.reply_to.empty() ? PostKind::post : PostKind::reply;
    if (lookup(o, "language", e) && !get_string(e, "language", p.language, err)) return err;
    if (lookup(o, "url", e) && !get_string(e, "url", p.url, err)) return err;
    if (p.url.empty() && lookup(o, "uri", e)) get_string(e, "uri", p.url, err);
    err.clear();
    if (!lookup(o, "account", e)) return missing_field("account");
    object acc;
    if (e.get_object().get(acc)) return "field 'account' must be an object, got " + std::string(json_type_name(e));
    if (!lookup(acc, "acct", e) || !get_string(e, "account.acct", p.author.handle, err))
      return err.empty() ? missing_field("account.acct") : err;
    if (lookup(acc, "display_name", e) && !get_string(e, "account.display_name", p.author.name, err)) return err;
    if (lookup(acc, "followers_count", e) && !get_int(e, "account.followers_count", p.author.followers, err))
      return err;
    return {};
  }

  simdjson::ondemand::parser od_;
  simdjson::dom::parser item_parser_;
  std::vector<RawItem> items_;
};

}  // namespace

std::unique_ptr<ResponseHandler> make_mastodon_handler() { return std::make_unique<MastodonHandler>(); }

}  // namespace parley::ingest::detail
