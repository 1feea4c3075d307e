// Builds the analyser for an organisation: its config (products, competitors, campaigns) plus the shipped
// models. One place for what `parley ingest`, `parley analyze` and (later) the server all need.
#pragma once

#include <memory>
#include <string>

#include "parley/core/status.h"
#include "parley/text/analyzer.h"

namespace parley::text {

// `config_path` may be empty (no organisation entities). Errors name the file and line.
Result<std::unique_ptr<Analyzer>> analyzer_from_config(const std::string& config_path);

}  // namespace parley::text
