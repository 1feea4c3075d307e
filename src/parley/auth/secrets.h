// The secrets parley keeps: password hashes, API tokens and session ids. All randomness and hashing go
// through libsodium so that there is one audited implementation, and nothing here stores a secret in a
// form that could be replayed if the database leaked: passwords are kept as Argon2id strings, tokens as
// BLAKE2b digests.
#pragma once

#include <string>
#include <string_view>

#include "parley/core/status.h"

namespace parley::auth {

// Initialises libsodium once per process; safe to call from any thread, any number of times. Every other
// function here calls it, so callers only need it to learn early that the library is unusable.
Status init_sodium();

// Argon2id (crypto_pwhash_str) at libsodium's INTERACTIVE limits: about 64 MiB and a few tens of
// milliseconds per call on purpose, so that a leaked users table is slow to attack. Refuses an empty
// password and one longer than kMaxPasswordBytes (hashing megabytes per sign-in would be a cheap DoS).
inline constexpr std::size_t kMaxPasswordBytes = 1024;
Result<std::string> hash_password(std::string_view password);

// True when `password` matches a string made by hash_password. libsodium compares in constant time; a
// malformed hash is simply a mismatch.
bool verify_password(std::string_view password, const std::string& hash);

// A new API token: "pk_" followed by 43 base64url characters encoding 32 random bytes (256 bits). The
// prefix lets people (and secret scanners) recognise a parley token; it carries no secret.
inline constexpr std::string_view kTokenPrefix = "pk_";
inline constexpr std::size_t kTokenLength = 3 + 43;
std::string new_api_token();

// True when `s` has the shape new_api_token() produces, so garbage can be refused without a lookup.
bool looks_like_api_token(std::string_view s);

// 64 hex characters of BLAKE2b-256 over `token`. A fast hash is enough here, unlike for passwords: a token
// has 256 bits of entropy, so a leaked digest cannot be reversed by guessing.
std::string token_hash(std::string_view token);

// 43 base64url characters of 32 random bytes: an opaque, unguessable id (web sessions).
std::string random_id();

// Compares two secrets in time that depends only on their lengths, so a mismatch position cannot be
// learned by timing. For anything that compares a presented secret with a stored one directly (CSRF
// tokens, for instance); lookups elsewhere go through token_hash() digests instead.
bool secrets_equal(std::string_view a, std::string_view b);

}  // namespace parley::auth
