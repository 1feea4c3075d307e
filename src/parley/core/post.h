// The Post: one thing somebody said on some channel, normalised from whatever format it arrived in.
// Every stage after ingest sees only this shape, never a network's own JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace parley {

enum class PostKind { post, reply, comment, dm, review };
enum class Audience { public_, internal };
enum class AuthorKind { public_, customer, employee };

struct Author {
  std::string handle;               // required: the stable name on its network (without a leading '@')
  std::string name;                 // display name, may be empty
  AuthorKind kind = AuthorKind::public_;
  std::int64_t followers = -1;      // reach; -1 when the source does not say
};

struct Post {
  std::string source;               // channel: "x", "mastodon", "reddit", "csv", "api", or any [a-z0-9_-]+
  std::string external_id;          // the id the source gave it; unique per source
  PostKind kind = PostKind::post;
  Audience audience = Audience::public_;
  Author author;
  std::string text;                 // plain UTF-8 text (HTML already turned into text)
  std::int64_t created_at_ms = 0;   // Unix time in milliseconds, UTC
  std::string url;
  std::string language;             // BCP-47-ish tag as the source states it ("en", "pt-BR"); "" = unknown
  std::string reply_to;             // external id (same source) of the post this answers; "" for a root
  std::string conversation_hint;    // external id of the thread's root when the source states it (X's
                                    // conversation_id); lets a reply join a thread whose parent is missing
};

std::string_view to_string(PostKind k);
std::string_view to_string(Audience a);
std::string_view to_string(AuthorKind k);
std::optional<PostKind> parse_post_kind(std::string_view s);
std::optional<Audience> parse_audience(std::string_view s);
std::optional<AuthorKind> parse_author_kind(std::string_view s);

// Checks the invariants every reader must leave: required fields present, source well-formed, text valid
// UTF-8. Returns an empty string when the post is acceptable, or the reason it is not.
std::string validate(const Post& p);

}  // namespace parley
