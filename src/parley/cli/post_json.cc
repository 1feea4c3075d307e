#include "parley/cli/post_json.h"

#include "parley/core/time.h"

namespace parley::cli {

nlohmann::json to_json(const StoredPost& s) {
  const Post& p = s.post;
  nlohmann::json author = {{"handle", p.author.handle}, {"kind", std::string(to_string(p.author.kind))}};
  if (!p.author.name.empty()) author["name"] = p.author.name;
  if (p.author.followers >= 0) author["followers"] = p.author.followers;
  nlohmann::json j = {{"source", p.source},
                      {"id", p.external_id},
                      {"kind", std::string(to_string(p.kind))},
                      {"audience", std::string(to_string(p.audience))},
                      {"author", author},
                      {"text", p.text},
                      {"created_at", format_iso8601_ms(p.created_at_ms)},
                      {"post_id", s.id},
                      {"conversation_id", s.conversation_id}};
  if (!p.url.empty()) j["url"] = p.url;
  if (!p.language.empty()) j["lang"] = p.language;
  if (!p.reply_to.empty()) j["reply_to"] = p.reply_to;
  if (!p.conversation_hint.empty()) j["conversation"] = p.conversation_hint;
  return j;
}

}  // namespace parley::cli
