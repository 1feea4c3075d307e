// X API v2 responses (search/recent, timelines, tweet lookup) with the author_id and referenced_tweets.id
// expansions. Tweets in includes.tweets are ingested too: they are the parents and quoted tweets the page
// refers to, real posts a thread needs; duplicates within one response are dropped.
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "parley/core/time.h"
#include "parley/ingest/json_util.h"
#include "parley/ingest/readers.h"

namespace parley::ingest::detail {
namespace {

using simdjson::dom::object;

struct User {
  std::string username, name;
  std::int64_t followers = -1;
};

class TwitterHandler final : public ResponseHandler {
 public:
  void handle(std::string_view json, const ResponseLocation& where, RecordSink& sink) override {
    users_.clear();
    seen_.clear();
    tweets_.clear();
    user_items_.clear();
    if (!collect(json, where, sink)) return;
    for (const RawItem& u : user_items_) add_user(u);
    for (const RawItem& t : tweets_) {
      std::uint64_t line = where.line_of(t.at);
      if (t.raw.empty()) {
        sink.reject(line, "tweet must be a JSON object, got " + std::string(t.type));
        continue;
      }
      Post p;
      std::string err = map_tweet(t.raw, p);
      if (err.empty()) err = validate(p);
      if (!err.empty()) {
        sink.reject(line, std::move(err));
        continue;
      }
      if (!seen_.insert(p.external_id).second) continue;
      sink.post(std::move(p), line);
    }
  }

 private:
  bool collect(std::string_view json, const ResponseLocation& where, RecordSink& sink) {
    auto fail = [&](simdjson::error_code e) {
      sink.reject(where.first_line, std::string("invalid X API response: ") + simdjson::error_message(e));
      return false;
    };
    simdjson::ondemand::document doc;
    if (auto e = od_.iterate(json.data(), json.size(), json.size() + kJsonPadding).get(doc)) return fail(e);
    simdjson::ondemand::object top;
    if (doc.get_object().get(top)) {
      sink.reject(where.first_line, "X API response must be a JSON object with a 'data' field");
      return false;
    }
    for (auto field : top) {
      std::string_view key;
      if (auto e = field.unescaped_key().get(key)) return fail(e);
      simdjson::ondemand::value v;
      if (auto e = field.value().get(v)) return fail(e);
      if (key == "data") {
        if (auto e = collect_items(v, tweets_)) return fail(e);
      } else if (key == "includes") {
        simdjson::ondemand::object inc;
        if (v.get_object().get(inc)) continue;
        for (auto f : inc) {
          std::string_view k;
          if (auto e = f.unescaped_key().get(k)) return fail(e);
          simdjson::ondemand::value iv;
          if (auto e = f.value().get(iv)) return fail(e);
          if (k == "users") {
            if (auto e = collect_items(iv, user_items_)) return fail(e);
          } else if (k == "tweets") {
            if (auto e = collect_items(iv, tweets_)) return fail(e);
          }
        }
      }
    }
    return true;
  }

  void add_user(const RawItem& item) {
    if (item.raw.empty()) return;
    simdjson::dom::element root;
    if (item_parser_.parse(item.raw.data(), item.raw.size(), false).get(root)) return;
    object o;
    if (root.get_object().get(o)) return;
    std::string id, err;
    element e;
    if (!lookup(o, "id", e) || !get_id(e, "id", id, err)) return;
    User u;
    if (lookup(o, "username", e)) get_string(e, "username", u.username, err);
    if (lookup(o, "name", e)) get_string(e, "name", u.name, err);
    object metrics;
    element f;
    if (lookup(o, "public_metrics", e) && !e.get_object().get(metrics) && lookup(metrics, "followers_count", f))
      get_int(f, "followers_count", u.followers, err);
    users_.emplace(std::move(id), std::move(u));
  }

  std::string map_tweet(std::string_view raw, Post& p) {
    simdjson::dom::element root;
    if (auto e = item_parser_.parse(raw.data(), raw.size(), false).get(root)) return describe_parse_error(raw, e);
    object o;
    if (root.get_object().get(o)) return "tweet must be a JSON object, got " + std::string(json_type_name(root));
    std::string err;
    element e;
    p.source = "x";
    if (!lookup(o, "id", e) || !get_id(e, "id", p.external_id, err)) return err.empty() ? missing_field("id") : err;
    if (!lookup(o, "text", e) || !get_string(e, "text", p.text, err))
      return err.empty() ? missing_field("text") : err;
    std::string author_id;
    if (!lookup(o, "author_id", e) || !get_id(e, "author_id", author_id, err))
      return err.empty() ? missing_field("author_id") + " (request expansions=author_id)" : err;
    std::string created;
    if (!lookup(o, "created_at", e) || !get_string(e, "created_at", created, err))
      return err.empty() ? missing_field("created_at") + " (request tweet.fields=created_at)" : err;
    auto ms = parse_iso8601_ms(created);
    if (!ms) return "field 'created_at' is not an ISO 8601 date-time: '" + excerpt(created) + "'";
    p.created_at_ms = *ms;
    if (lookup(o, "lang", e) && !get_string(e, "lang", p.language, err)) return err;
    if (p.language == "und") p.language.clear();  // X's "undetermined"
    std::string conversation;
    if (lookup(o, "conversation_id", e) && !get_id(e, "conversation_id", conversation, err)) return err;
    if (conversation != p.external_id) p.conversation_hint = std::move(conversation);
    if (lookup(o, "referenced_tweets", e)) {
      simdjson::dom::array refs;
      if (e.get_array().get(refs)) return "field 'referenced_tweets' must be an array, got " + std::string(json_type_name(e));
      for (element ref : refs) {
        simdjson::dom::object r;
        if (ref.get_object().get(r)) continue;
        element t, id;
        std::string_view type;
        if (!lookup(r, "type", t) || t.get_string().get(type) || type != "replied_to") continue;
        if (!lookup(r, "id", id) || !get_id(id, "referenced_tweets.id", p.reply_to, err)) return err;
      }
    }
    p.kind = p.reply_to.empty() ? PostKind::post : PostKind::reply;
    auto it = users_.find(author_id);
    if (it != users_.end() && !it->second.username.empty()) {
      p.author.handle = it->second.username;
      p.author.name = it->second.name;
      p.author.followers = it->second.followers;
      p.url = "https://x.com/" + p.author.handle + "/status/" + p.external_id;
    } else {
      // The user expansion can miss (suspended account, referenced tweets' authors); the numeric id is
      // still a stable handle, and X resolves this URL form without a username.
      p.author.handle = author_id;
      p.url = "https://x.com/i/web/status/" + p.external_id;
    }
    return {};
  }

  simdjson::ondemand::parser od_;
  simdjson::dom::parser item_parser_;
  std::unordered_map<std::string, User> users_;
  std::unordered_set<std::string> seen_;
  std::vector<RawItem> tweets_, user_items_;
};

}  // namespace

std::unique_ptr<ResponseHandler> make_twitter_handler() { return std::make_unique<TwitterHandler>(); }

}  // namespace parley::ingest::detail
