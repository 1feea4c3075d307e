// Shared helpers for the ingest tests: feed bytes to read_input() and collect what comes out.
#pragma once

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "parley/ingest/reader.h"

namespace parley::ingest::testing {

struct Collected final : RecordSink {
  std::vector<std::pair<Post, std::uint64_t>> posts;
  std::vector<std::pair<std::uint64_t, std::string>> rejects;
  std::vector<std::uint64_t> progress_calls;
  Status status;

  void post(Post&& p, std::uint64_t line) override { posts.emplace_back(std::move(p), line); }
  void reject(std::uint64_t line, std::string reason) override { rejects.emplace_back(line, std::move(reason)); }
  void progress(std::uint64_t bytes) override { progress_calls.push_back(bytes); }

  const Post* find(std::string_view id) const {
    for (const auto& [p, line] : posts)
      if (p.external_id == id) return &p;
    return nullptr;
  }
  std::uint64_t line_of(std::string_view id) const {
    for (const auto& [p, line] : posts)
      if (p.external_id == id) return line;
    return 0;
  }
};

inline Collected read_bytes(std::string_view bytes, Format format, ReaderOptions opts = {}) {
  opts.format = format;
  Collected c;
  std::FILE* f = std::tmpfile();
  if (!bytes.empty()) std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::rewind(f);
  c.status = read_input(f, "test-input", opts, c);
  std::fclose(f);
  return c;
}

inline std::string fixture(const std::string& rel) {
  std::ifstream in(std::string(PARLEY_FIXTURES_DIR) + "/ingest/" + rel, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture " << rel;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline Collected read_fixture(const std::string& rel, Format format, ReaderOptions opts = {}) {
  return read_bytes(fixture(rel), format, std::move(opts));
}

// 1-based line of the first occurrence of `needle` in `text`.
inline std::uint64_t line_containing(std::string_view text, std::string_view needle) {
  std::size_t at = text.find(needle);
  if (at == std::string_view::npos) return 0;
  std::uint64_t line = 1;
  for (std::size_t i = 0; i < at; ++i) line += text[i] == '\n';
  return line;
}

}  // namespace parley::ingest::testing
