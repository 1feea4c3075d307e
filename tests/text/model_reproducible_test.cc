// The shipped intent model must be exactly what `make train` builds from the shipped code and data: a change
// to the tokenizer, the lexicons or the sentiment model that feeds intent features would otherwise leave a
// stale model behind, silently. (The sentiment model's trainer takes about a minute and is checked by hand:
// docs/sentiment.md.)
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "../process_util.h"

namespace parley {
namespace {

TEST(ShippedModels, IntentModelIsReproducedByTheTrainer) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "training under AddressSanitizer is too slow; the plain build checks this";
#endif
  const std::string shared = PARLEY_SHARED_DATA;
  if (!std::filesystem::exists(shared + "/vader/tweets_GroundTruth.txt")) GTEST_SKIP() << "no " << shared;
  const std::string trainer = std::filesystem::path(PARLEY_BINARY).parent_path() / "train_intent";
  if (!std::filesystem::exists(trainer)) GTEST_SKIP() << "train_intent not built";
  testing::TempDir dir;
  const std::string data = PARLEY_DATA_DIR;
  const std::string cmd = "'" + trainer + "' --shared '" + shared + "' --corpus '" + data +
                          "/intent/corpus.tsv' --brand '" + data + "/intent/brand_corpus.tsv' --out '" +
                          dir.file("intent.model") + "' > /dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  EXPECT_TRUE(testing::read_file(dir.file("intent.model")) == testing::read_file(data + "/intent/intent.model"))
      << "data/intent/intent.model is stale: run `make train` and commit the models";
}

}  // namespace
}  // namespace parley
