#include "parley/core/post.h"

#include "parley/core/utf8.h"

namespace parley {

std::string_view to_string(PostKind k) {
  switch (k) {
    case PostKind::post: return "post";
    case PostKind::reply: return "reply";
    case PostKind::comment: return "comment";
    case PostKind::dm: return "dm";
    case PostKind::review: return "review";
  }
  return "post";
}

std::string_view to_string(Audience a) { return a == Audience::internal ? "internal" : "public"; }

std::string_view to_string(AuthorKind k) {
  switch (k) {
    case AuthorKind::public_: return "public";
    case AuthorKind::customer: return "customer";
    case AuthorKind::employee: return "employee";
  }
  return "public";
}

std::optional<PostKind> parse_post_kind(std::string_view s) {
  if (s == "post") return PostKind::post;
  if (s == "reply") return PostKind::reply;
  if (s == "comment") return PostKind::comment;
  if (s == "dm") return PostKind::dm;
  if (s == "review") return PostKind::review;
  return std::nullopt;
}

std::optional<Audience> parse_audience(std::string_view s) {
  if (s == "public") return Audience::public_;
  if (s == "internal") return Audience::internal;
  return std::nullopt;
}

std::optional<AuthorKind> parse_author_kind(std::string_view s) {
  if (s == "public") return AuthorKind::public_;
  if (s == "customer") return AuthorKind::customer;
  if (s == "employee") return AuthorKind::employee;
  return std::nullopt;
}

std::string validate(const Post& p) {
  if (p.source.empty()) return "missing required field 'source'";
  for (char c : p.source) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return "field 'source' must match [a-z0-9_-]+, got '" + p.source + "'";
  }
  if (p.source.size() > 32) return "field 'source' is longer than 32 characters";
  if (p.external_id.empty()) return "missing required field 'id'";
  if (p.author.handle.empty()) return "missing required field 'author.handle'";
  if (!is_valid_utf8(p.text)) return "field 'text' is not valid UTF-8";
  if (!is_valid_utf8(p.author.name)) return "field 'author.name' is not valid UTF-8";
  if (!is_valid_utf8(p.author.handle)) return "field 'author.handle' is not valid UTF-8";
  if (p.created_at_ms <= 0) return "missing or invalid required field 'created_at'";
  return {};
}

}  // namespace parley
