#include "parley/config/org_config.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "parley/config/config_reader.h"
#include "parley/config/engage_config_parse.h"

namespace parley {
namespace {

using config::ConfigErrors;

// Reads one [[products]] / [[competitors]] / [[campaigns]] / [[keywords]] array of tables.
void read_entities(const toml::table& root, const char* key, text::EntityKind kind, OrgConfig& out,
                   ConfigErrors& errors) {
  for (const toml::table* t : config::tables_of(root, key, errors)) {
    text::GazetteerEntry e;
    e.kind = kind;
    // Campaigns are named by their hashtag; the others by their name.
    const char* name_key = kind == text::EntityKind::campaign && !t->contains("name") ? "hashtag" : "name";
    auto name = (*t)[name_key].value<std::string>();
    if (!name || name->empty()) {
      errors.add(*t, std::string("entry of '") + key + "' needs a non-empty string '" + name_key + "'");
      continue;
    }
    e.name = *name;
    if (kind == text::EntityKind::campaign && name_key == std::string("hashtag") && e.name[0] != '#')
      e.name = "#" + e.name;
    if (const toml::node* aliases = t->get("aliases")) {
      const toml::array* a = aliases->as_array();
      if (!a) {
        errors.add(*aliases, "'aliases' must be an array of strings");
      } else {
        for (const toml::node& alias : *a) {
          auto s = alias.value<std::string>();
          if (!s || s->empty())
            errors.add(alias, "every alias must be a non-empty string");
          else
            e.aliases.push_back(*s);
        }
      }
    }
    std::vector<std::string> allowed = {"name", "aliases"};
    if (kind == text::EntityKind::campaign) allowed.push_back("hashtag");
    config::check_keys(*t, allowed, std::string("[[") + key + "]]", errors);
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
    ConfigErrors syntax(file_name);
    syntax.add(err.source(), std::string(err.description()));
    return Status::error(syntax.joined());
  }
  OrgConfig cfg;
  ConfigErrors errors(file_name);
  std::vector<std::string> sections = {"organisation", "products", "competitors", "campaigns", "keywords"};
  sections.insert(sections.end(), config::engage_sections().begin(), config::engage_sections().end());
  for (const auto& [k, v] : root) {
    const std::string key(k.str());
    if (std::find(sections.begin(), sections.end(), key) == sections.end())
      errors.add(k.source(), "unknown section '" + key + "'" + config::did_you_mean(key, sections) +
                                 (config::closest(key, sections).empty()
                                      ? " (expected " + config::name_list(sections, 40) + ")"
                                      : ""));
  }
  if (const toml::node* org = root.get("organisation")) {
    if (const toml::table* t = org->as_table()) {
      config::check_keys(*t, {"name"}, "[organisation]", errors);
      if (auto n = config::get_string(*t, "name", "[organisation]", errors)) cfg.name = n->value;
    } else {
      errors.add(*org, "'organisation' must be a table ([organisation])");
    }
  }
  read_entities(root, "products", text::EntityKind::product, cfg, errors);
  read_entities(root, "competitors", text::EntityKind::competitor, cfg, errors);
  read_entities(root, "campaigns", text::EntityKind::campaign, cfg, errors);
  read_entities(root, "keywords", text::EntityKind::keyword, cfg, errors);
  config::parse_engage(root, cfg.entities, cfg.engage, errors);
  if (!errors.empty()) return Status::error(errors.joined());
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
