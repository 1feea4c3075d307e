// `make demo` runs scripts/demo.sh: every demo file must go in without a rejection, threads must close,
// the analysis must be stored, the month's history is replayed, sign-ins are made for the demo's people, and the server starts and answers
// (--check starts it on a free port, signs in and stops it). Runs the real script against the real binary.
#include <gtest/gtest.h>

#include <cstdlib>

#include "../process_util.h"

namespace parley {
namespace {

TEST(Demo, ScriptLoadsTheDemoAndServesIt) {
  testing::TempDir dir;
  const std::string out = dir.file("demo.out");
  const std::string cmd = std::string("bash '") + PARLEY_SOURCE_DIR + "/scripts/demo.sh' '" + PARLEY_BINARY +
                          "' '" + dir.file("demo.db") + "' --check > '" + out + "' 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << testing::read_file(out);
  const std::string text = testing::read_file(out);
  EXPECT_NE(text.find("read 1380  new 1380  updated 0  duplicate 0  rejected 0"), std::string::npos) << text;
  EXPECT_NE(text.find("read 160  new 160  updated 0  duplicate 0  rejected 0"), std::string::npos) << text;
  EXPECT_NE(text.find("0 waiting for their parent"), std::string::npos) << text;
  EXPECT_NE(text.find("analysed      1540 posts"), std::string::npos) << text;
  // The month is worked through the case engine (parley demo-history): every post replayed, cases resolved.
  EXPECT_NE(text.find("history: 1540 posts replayed into "), std::string::npos) << text;
  EXPECT_NE(text.find("added 15 users"), std::string::npos) << text;
  EXPECT_NE(text.find("\"status\":\"ok\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"queues\""), std::string::npos) << text;
  EXPECT_NE(text.find("demo check: ok"), std::string::npos) << text;
}

}  // namespace
}  // namespace parley
