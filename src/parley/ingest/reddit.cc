// Reddit listings: /r/<sub>/new.json (one Listing of t3 submissions) and /comments/<id>.json (an array of
// two Listings: the submission, then the comment tree, nested through each comment's `replies`).
// Each top-level child is located by the on-demand pass; comments nested inside it are reported at the
// line where that top-level child starts.
#include <cmath>
#include <string>
#include <vector>

#include "parley/ingest/html_text.h"
#include "parley/ingest/json_util.h"
#include "parley/ingest/readers.h"

namespace parley::ingest::detail {
namespace {

using simdjson::dom::object;

std::string_view after_underscore(std::string_view fullname) {
  std::size_t u = fullname.find('_');
  return u == std::string_view::npos ? fullname : fullname.substr(u + 1);
}

class RedditHandler final : public ResponseHandler {
 public:
  void handle(std::string_view json, const ResponseLocation& where, RecordSink& sink) override {
    items_.clear();
    if (!collect(json, where, sink)) return;
    for (const RawItem& item : items_) {
      std::uint64_t line = where.line_of(item.at);
      if (item.raw.empty()) {
        sink.reject(line, "listing child must be a JSON object, got " + std::string(item.type));
        continue;
      }
      simdjson::dom::element root;
      if (auto e = item_parser_.parse(item.raw.data(), item.raw.size(), false).get(root)) {
        sink.reject(line, describe_parse_error(item.raw, e));
        continue;
      }
      thing(root, line, sink);
    }
  }

 private:
  bool collect(std::string_view json, const ResponseLocation& where, RecordSink& sink) {
    auto fail = [&](simdjson::error_code e) {
      sink.reject(where.first_line, std::string("invalid Reddit response: ") + simdjson::error_message(e));
      return false;
    };
    simdjson::ondemand::document doc;
    if (auto e = od_.iterate(json.data(), json.size(), json.size() + kJsonPadding).get(doc)) return fail(e);
    simdjson::ondemand::json_type t;
    if (auto e = doc.type().get(t)) return fail(e);
    if (t == simdjson::ondemand::json_type::array) {
      simdjson::ondemand::array arr;
      if (auto e = doc.get_array().get(arr)) return fail(e);
      for (auto el : arr) {
        simdjson::ondemand::value v;
        if (auto e = el.get(v)) return fail(e);
        simdjson::ondemand::object listing;
        if (v.get_object().get(listing)) continue;
        if (auto e = collect_listing(listing)) return fail(e);
      }
      return true;
    }
    simdjson::ondemand::object top;
    if (doc.get_object().get(top)) {
      sink.reject(where.first_line, "Reddit response must be a Listing object or an array of Listings");
      return false;
    }
    if (auto e = collect_listing(top)) return fail(e);
    if (!saw_listing_) {
      // Not a Listing: a single thing ({"kind":"t1","data":{...}}), as some harvesters store them.
      std::string_view raw = json;
      while (!raw.empty() && raw.front() != '{') raw.remove_prefix(1);
      items_.push_back(RawItem{raw, raw.data(), {}});
    }
    return true;
  }

  simdjson::error_code collect_listing(simdjson::ondemand::object& listing) {
    saw_listing_ = false;
    for (auto field : listing) {
      std::string_view key;
      if (auto e = field.unescaped_key().get(key)) return e;
      if (key != "data") continue;
      simdjson::ondemand::object data;
      if (field.value().get_object().get(data)) continue;
      for (auto f : data) {
        std::string_view k;
        if (auto e = f.unescaped_key().get(k)) return e;
        if (k != "children") continue;
        saw_listing_ = true;
        simdjson::ondemand::value v;
        if (auto e = f.value().get(v)) return e;
        if (auto e = collect_items(v, items_)) return e;
      }
    }
    return simdjson::SUCCESS;
  }

  void thing(const element& root, std::uint64_t line, RecordSink& sink) {
    object o;
    if (root.get_object().get(o)) {
      sink.reject(line, "listing child must be a JSON object, got " + std::string(json_type_name(root)));
      return;
    }
    element e;
    std::string_view kind;
    if (!lookup(o, "kind", e) || e.get_string().get(kind)) {
      sink.reject(line, missing_field("kind") + " (a Reddit thing is {\"kind\":\"t1\"|\"t3\",\"data\":{...}})");
      return;
    }
    if (kind == "more") return;  // "load more comments" stubs carry ids only, no content
    if (kind == "Listing") {
      listing_children(o, line, sink);
      return;
    }
    if (kind != "t1" && kind != "t3") {
      sink.reject(line, "unsupported Reddit kind '" + excerpt(kind) + "' (only t1 comments and t3 submissions)");
      return;
    }
    object data;
    if (!lookup(o, "data", e) || e.get_object().get(data)) {
      sink.reject(line, missing_field("data") + " (object)");
      return;
    }
    Post p;
    std::string err = map(kind == "t3", data, p);
    if (err.empty()) err = validate(p);
    if (!err.empty()) sink.reject(line, std::move(err));
    else sink.post(std::move(p), line);
    // Replies are posts of their own: walk them even when their parent was rejected.
    object replies;
    if (lookup(data, "replies", e) && !e.get_object().get(replies)) listing_children(replies, line, sink);
  }

  void listing_children(const object& listing, std::uint64_t line, RecordSink& sink) {
    element data, children;
    if (!lookup(listing, "data", data) || !data.is_object()) return;
    object d;
    simdjson::dom::array list;
    if (data.get_object().get(d) || !lookup(d, "children", children) || children.get_array().get(list)) return;
    for (element child : list) thing(child, line, sink);
  }

  std::string map(bool submission, const object& d, Post& p) {
    std::string err;
    element e;
    p.source = "reddit";
    if (!lookup(d, "id", e) || !get_id(e, "id", p.external_id, err)) return err.empty() ? missing_field("id") : err;
    if (!lookup(d, "author", e) || !get_string(e, "author", p.author.handle, err))
      return err.empty() ? missing_field("author") : err;
    if (!lookup(d, "created_utc", e)) return missing_field("created_utc");
    double secs;
    if (e.get_double().get(secs))
      return "field 'created_utc' must be a number (Unix seconds), got " + std::string(json_type_name(e));
    if (!(secs > 0 && secs < 1e13)) return "field 'created_utc' is out of range";
    p.created_at_ms = std::llround(secs * 1000.0);
    // Reddit escapes &, < and > in text fields unless the request had raw_json=1.
    std::string raw;
    if (submission) {
      if (!lookup(d, "title", e) || !get_string(e, "title", raw, err)) return err.empty() ? missing_field("title") : err;
      p.text = decode_entities(raw);
      raw.clear();
      if (lookup(d, "selftext", e) && !get_string(e, "selftext", raw, err)) return err;
      if (!raw.empty()) {
        p.text += "\n\n";
        append_decoded_entities(raw, p.text);
      }
      p.kind = PostKind::post;
    } else {
      if (!lookup(d, "body", e) || !get_string(e, "body", raw, err)) return err.empty() ? missing_field("body") : err;
      p.text = decode_entities(raw);
      p.kind = PostKind::comment;
      std::string parent, link;
      if (lookup(d, "parent_id", e) && !get_string(e, "parent_id", parent, err)) return err;
      if (lookup(d, "link_id", e) && !get_string(e, "link_id", link, err)) return err;
      p.reply_to = after_underscore(parent);
      p.conversation_hint = after_underscore(link);
    }
    std::string permalink;
    if (lookup(d, "permalink", e) && !get_string(e, "permalink", permalink, err)) return err;
    if (!permalink.empty()) p.url = "https://www.reddit.com" + permalink;
    return {};
  }

  simdjson::ondemand::parser od_;
  simdjson::dom::parser item_parser_;
  std::vector<RawItem> items_;
  bool saw_listing_ = false;
};

}  // namespace

std::unique_ptr<ResponseHandler> make_reddit_handler() { return std::make_unique<RedditHandler>(); }

}  // namespace parley::ingest::detail
