// The shipped skills taxonomy and gender-coded word stems, loaded once for the job-description tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "parley/people/gendered_words.h"
#include "parley/people/taxonomy.h"

namespace parley::people::testing {

struct SkillsEnv {
  Taxonomy taxonomy;
  GenderedStems stems;
};

inline const SkillsEnv& skills_env() {
  static const SkillsEnv e = [] {
    SkillsEnv x;
    auto t = Taxonomy::load(std::string(PARLEY_DATA_DIR) + "/skills");
    EXPECT_TRUE(t.is_ok()) << t.message();
    if (t) x.taxonomy = std::move(*t);
    auto g = GenderedStems::load(std::string(PARLEY_DATA_DIR) + "/skills/gender-coded-word-stems.tsv");
    EXPECT_TRUE(g.is_ok()) << g.message();
    if (g) x.stems = std::move(*g);
    return x;
  }();
  return e;
}

}  // namespace parley::people::testing
