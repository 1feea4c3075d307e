// Runs the real `parley` binary from tests, as a user would: through a shell, with its stdout, stderr and
// exit code captured.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "test_util.h"

namespace parley::testing {

struct RunResult {
  int exit_code = -1;
  std::string out, err;
};

inline std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

inline void write_file(const std::string& path, const std::string& content) {
  std::ofstream f(path, std::ios::binary);
  f << content;
}

// `args` is appended to the parley binary's path as shell words; quote them yourself when needed.
inline RunResult run_parley(const std::string& args, const std::string& stdin_file = "") {
  TempDir io;
  std::string cmd = std::string("'") + PARLEY_BINARY + "' " + args + " >'" + io.file("out") + "' 2>'" +
                    io.file("err") + "'" + (stdin_file.empty() ? " </dev/null" : " <'" + stdin_file + "'");
  int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(io.file("out"));
  r.err = read_file(io.file("err"));
  return r;
}

}  // namespace parley::testing
