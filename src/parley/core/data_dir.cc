#include "parley/core/data_dir.h"

#include <cstdlib>

namespace parley {

std::string data_dir() {
  const char* env = std::getenv("PARLEY_DATA");
  if (env && *env) return env;
  return std::string(PARLEY_SOURCE_DIR) + "/data";
}

std::string data_path(const std::string& relative) { return data_dir() + "/" + relative; }

}  // namespace parley
