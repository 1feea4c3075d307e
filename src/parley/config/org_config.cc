#include "parley/config/org_config.h"

#include <fstream>
#include <sstream>

#include <toml++/toml.h>

namespace parley {
namespace {

std::string where(const std::string& file, const toml::source_region& r) {
  return file + ":" + std::to_string(r.begin.line) + ":" + std::to_string(r.begin.column);
}

// Reads one [[products]] / [[competitors]] / [[campaigns]] / [[keywords]] array of tables.
void read_entities(const toml::table& root, const char* key, text::EntityKind kind, const std::string& file,
                   OrgConfig& out, std::vector<std::string>& errors) {
  const toml::node* node = root.get(key);
  if (!node) return;
  const toml::array* arr = node->as_array();
  if (!arr) {
    errors.push_back(where(file, node->source()) + ": '" + key + "' must be an array of tables ([[" + key + "]])");
    return;
  }
  for (const toml::node& item : *arr) {
    const toml::table* t = item.as_table();
    if (!t) {
      errors.push_back(where(file, item.source()) + ": each entry of '" + key + "' must be a table");
      continue;
    }
    text::GazetteerEntry e;
    e.kind = kind;
    // Campaigns are named by their hashtag; the others by their name.
    const char* name_key = kind == text::EntityKind::campaign && !t->contains("name") ? "hashtag" : "name";
    auto name = (*t)[name_key].value<std::string>();
    if (!name || name->empty()) {
      errors.push_back(where(file, t->source()) + ": entry of '" + key + "' needs a non-empty string '" +
                       name_key + "'");
      continue;
    }
    e.name = *name;
    if (kind == text::EntityKind::campaign && name_key == std::string("hashtag") && e.name[0] != '#')
      e.name = "#" + e.name;
    if (const toml::node* aliases = t->get("aliases")) {
      const toml::array* a = aliases->as_array();
      if (!a) {
        errors.push_back(where(file, aliases->source()) + ": 'aliases' must be an array of strings");
      } else {
        for (const toml::node& alias : *a) {
          auto s = alias.value<std::string>();
          if (!s || s->empty())
            errors.push_back(where(file, alias.source()) + ": every alias must be a non-empty string");
          else
            e.aliases.push_back(*s);
        }
      }
    }
    for (const auto& [k, v] : *t) {
      const std::string_view kv = k.str();
      if (kv != "name" && kv != "hashtag" && kv != "aliases")
        errors.push_back(where(file, v.source()) + ": unknown key '" + std::string(kv) + "' in '" + key +
                         "' (expected name, aliases" + (kind == text::EntityKind::campaign ? ", hashtag" : "") + ")");
    }
    out.entities.push_back(std::move(e));
  }
}

}  // namespace

Result<OrgConfig> parse_org_config(const std::string& toml_text, const std::string& file_name) {
  toml::table root;
  try {
    // Debian builds toml++ with exceptions, so a syntax error arrives as toml::parse_error.
    root = toml::parse(toml_text, file_name);
  } catch (const toml::parse_error& err) {
    return Status::error(where(file_name, err.source()) + ": " + std::string(err.description()));
  }
  OrgConfig cfg;
  std::vector<std::string> errors;
  if (const toml::node* org = root.get("organisation")) {
    if (const toml::table* t = org->as_table()) {
      if (auto n = (*t)["name"].value<std::string>()) cfg.name = *n;
    } else {
      errors.push_back(where(file_name, org->source()) + ": 'organisation' must be a table ([organisation])");
    }
  }
  read_entities(root, "products", text::EntityKind::product, file_name, cfg, errors);
  read_entities(root, "competitors", text::EntityKind::competitor, file_name, cfg, errors);
  read_entities(root, "campaigns", text::EntityKind::campaign, file_name, cfg, errors);
  read_entities(root, "keywords", text::EntityKind::keyword, file_name, cfg, errors);
  if (!errors.empty()) {
    std::string all;
    for (const auto& e : errors) all += (all.empty() ? "" : "\n") + e;
    return Status::error(all);
  }
  return cfg;
}

Result<OrgConfig> load_org_config(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status::error("cannot read config '" + path + "'");
  std::stringstream ss;
  ss << f.rdbuf();
  return parse_org_config(ss.str(), path);
}

}  // namespace parley
