#include "parley/text/analyzer_from_config.h"

#include "parley/config/org_config.h"

namespace parley::text {

Result<std::unique_ptr<Analyzer>> analyzer_from_config(const std::string& config_path) {
  std::vector<GazetteerEntry> entities;
  if (!config_path.empty()) {
    auto cfg = load_org_config(config_path);
    if (!cfg) return cfg.status();
    entities = std::move(cfg->entities);
  }
  return Analyzer::create(std::move(entities));
}

}  // namespace parley::text
