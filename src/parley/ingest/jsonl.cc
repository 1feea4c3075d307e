// parley's own JSONL schema (docs/formats.md). This is the bulk path, so each line's object is walked
// once, dispatching on the key, rather than looking every field up by name.
#include <string>

#include "parley/core/time.h"
#include "parley/ingest/json_util.h"
#include "parley/ingest/post_recycling.h"
#include "parley/ingest/readers.h"

namespace parley::ingest::detail {
namespace {

using simdjson::dom::object;

bool is_blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r') return false;
  return true;
}

std::string type_error(std::string_view field, std::string_view expected, const element& got) {
  return "field '" + std::string(field) + "' must be " + std::string(expected) + ", got " +
         std::string(json_type_name(got));
}

template <typename Enum, typename Parse>
std::string get_enum(const element& e, std::string_view field, std::string_view allowed, Parse parse, Enum& out) {
  std::string_view s;
  if (e.get_string().get(s)) return type_error(field, "a string", e);
  auto v = parse(s);
  if (!v) return "field '" + std::string(field) + "' must be one of " + std::string(allowed) + "; got '" + excerpt(s) + "'";
  out = *v;
  return {};
}

std::string map_author(const element& e, Author& a) {
  std::string err;
  std::string_view handle;
  if (!e.get_string().get(handle)) {
    a.handle.assign(handle);
  } else if (object o; !e.get_object().get(o)) {
    for (auto [key, v] : o) {
      if (v.is_null()) continue;
      if (key == "handle") {
        if (!get_string(v, "author.handle", a.handle, err)) return err;
      } else if (key == "name") {
        if (!get_string(v, "author.name", a.name, err)) return err;
      } else if (key == "kind") {
        if (auto m = get_enum(v, "author.kind", "customer, public, employee", parse_author_kind, a.kind); !m.empty())
          return m;
      } else if (key == "followers") {
        if (!get_int(v, "author.followers", a.followers, err)) return err;
      }
    }
    if (a.handle.empty()) return missing_field("author.handle");
  } else {
    return type_error("author", "an object or a string (the handle)", e);
  }
  // People paste handles with the '@' they see on screen; parley stores them without it.
  if (!a.handle.empty() && a.handle[0] == '@') a.handle.erase(0, 1);
  return {};
}

std::string map_post(const object& o, Post& p) {
  std::string err;
  bool has_source = false, has_id = false, has_text = false, has_created = false, has_author = false,
       has_kind = false;
  for (auto [key, v] : o) {
    if (key.empty()) continue;
    switch (key[0]) {
      case 's':
        if (key == "source") {
          if (!get_string(v, "source", p.source, err) && !err.empty()) return err;
          has_source = true;
        }
        break;
      case 'i':
        if (key == "id") {
          if (!get_id(v, "id", p.external_id, err) && !err.empty()) return err;
          has_id = true;
        }
        break;
      case 't':
        if (key == "text") {
          if (v.is_null()) return type_error("text", "a string", v);
          if (!get_string(v, "text", p.text, err)) return err;
          has_text = true;
        }
        break;
      case 'c':
        if (key == "created_at") {
          std::string_view s;
          if (!v.get_string().get(s)) {
            auto ms = parse_iso8601_ms(s);
            if (!ms) ms = parse_twitter_legacy_ms(s);
            if (!ms) return "field 'created_at' is not an ISO 8601 date-time: '" + excerpt(s) + "'";
            p.created_at_ms = *ms;
          } else if (!v.get_int64().get(p.created_at_ms)) {
            // Seconds pass as a date in January 1970, so catch them rather than store nonsense.
            if (p.created_at_ms > 0 && p.created_at_ms < 100'000'000'000)
              return "field 'created_at' looks like Unix seconds (" + std::to_string(p.created_at_ms) +
                     "); integers must be Unix milliseconds";
          } else {
            return type_error("created_at", "an ISO 8601 string or integer milliseconds", v);
          }
          has_created = true;
        } else if (key == "conversation") {
          if (!get_id(v, "conversation", p.conversation_hint, err) && !err.empty()) return err;
        }
        break;
      case 'a':
        if (key == "author") {
          if (v.is_null()) return type_error("author", "an object or a string (the handle)", v);
          if (auto m = map_author(v, p.author); !m.empty()) return m;
          has_author = true;
        } else if (key == "audience" && !v.is_null()) {
          if (auto m = get_enum(v, "audience", "public, internal", parse_audience, p.audience); !m.empty()) return m;
        }
        break;
      case 'k':
        if (key == "kind" && !v.is_null()) {
          if (auto m = get_enum(v, "kind", "post, reply, comment, dm, review", parse_post_kind, p.kind); !m.empty())
            return m;
          has_kind = true;
        }
        break;
      case 'r':
        if (key == "reply_to") {
          if (!get_id(v, "reply_to", p.reply_to, err) && !err.empty()) return err;
        }
        break;
      case 'u':
        if (key == "url") {
          if (!get_string(v, "url", p.url, err) && !err.empty()) return err;
        }
        break;
      case 'l':
        if (key == "lang") {
          if (!get_string(v, "lang", p.language, err) && !err.empty()) return err;
        }
        break;
      default:
        break;  // unknown fields are ignored: exporters may carry extra data
    }
  }
  if (!has_source || p.source.empty()) return missing_field("source");
  if (!has_id || p.external_id.empty()) return missing_field("id");
  if (!has_text) return missing_field("text");
  if (!has_created) return missing_field("created_at");
  if (!has_author) return missing_field("author");
  if (!has_kind && !p.reply_to.empty()) p.kind = PostKind::reply;
  return {};
}

}  // namespace

Status read_jsonl(Input& in, RecordSink& sink) {
  simdjson::dom::parser parser;
  LineReader lines(in, sink);
  Line line;
  Post p;  // one Post for all lines: its string buffers are reused (see post_recycling.h)
  while (lines.next(line)) {
    if (line.too_long_bytes) {
      sink.reject(line.number, "line is " + std::to_string(line.too_long_bytes) +
                                   " bytes, over the 1 MiB limit (kMaxLineBytes)");
      continue;
    }
    if (is_blank(line.text)) continue;
    element root;
    if (auto e = parser.parse(line.text.data(), line.text.size(), false).get(root)) {
      sink.reject(line.number, describe_parse_error(line.text, e));
      continue;
    }
    object o;
    if (root.get_object().get(o)) {
      sink.reject(line.number, "line must be a JSON object, got " + std::string(json_type_name(root)));
      continue;
    }
    recycle(p);
    std::string err = map_post(o, p);
    if (err.empty()) err = validate(p);
    if (!err.empty()) {
      sink.reject(line.number, std::move(err));
      continue;
    }
    sink.post(std::move(p), line.number);
  }
  return in.failed() ? in.error_status() : Status::ok();
}

}  // namespace parley::ingest::detail
