// Helpers shared by tests: temporary directories that clean up after themselves and quick Post builders.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "parley/core/post.h"

namespace parley::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "parley-test-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return (std::filesystem::path(path_) / name).string(); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline Post make_post(std::string id, std::string text, std::string reply_to = "", std::string source = "x",
                      std::int64_t created_ms = 1700000000000) {
  Post p;
  p.source = std::move(source);
  p.external_id = std::move(id);
  p.kind = reply_to.empty() ? PostKind::post : PostKind::reply;
  p.author.handle = "user_" + p.external_id;
  p.text = std::move(text);
  p.created_at_ms = created_ms;
  p.reply_to = std::move(reply_to);
  return p;
}

}  // namespace parley::testing
