// The intent model shipped in data/intent/, loaded once per test binary for the tests that check its
// features and its compact weight table against fixed references.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "parley/text/intent.h"

namespace parley::text::test_models {

// A failed load is reported as a test failure; the empty model returned then makes the caller's checks fail.
inline const IntentModel& shipped_intent_model() {
  static const IntentModel m = [] {
    auto r = IntentModel::load(std::string(PARLEY_DATA_DIR) + "/intent/intent.model");
    EXPECT_TRUE(r.is_ok()) << r.message();
    return r.is_ok() ? std::move(*r) : IntentModel({}, IntentValence());
  }();
  return m;
}

}  // namespace parley::text::test_models
