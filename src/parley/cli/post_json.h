// The JSON shape of a stored post in CLI output (`search --json`), the same field names as parley JSONL
// input (docs/formats.md) plus the store's ids, so output can be fed back to `parley ingest`.
#pragma once

#include <nlohmann/json.hpp>

#include "parley/store/store.h"

namespace parley::cli {

nlohmann::json to_json(const StoredPost& s);

}  // namespace parley::cli
