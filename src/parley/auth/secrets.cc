#include "parley/auth/secrets.h"

#include <sodium.h>

#include <array>
#include <cstdio>
#include <cstdlib>

namespace parley::auth {
namespace {

std::string to_base64url(const unsigned char* bytes, std::size_t n) {
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the encoded length counts the terminating NUL
  return out;
}

// The failure is unrecoverable (no entropy source), and the functions below cannot produce a usable value
// without it, so they stop the process rather than hand out a predictable secret.
void require_sodium() {
  if (!init_sodium()) {
    std::fputs("parley: libsodium cannot be initialised (no entropy source?)\n", stderr);
    std::abort();
  }
}

}  // namespace

Status init_sodium() {
  // A function-local static is initialised exactly once even when threads race here. sodium_init()
  // returns 0 the first time, 1 if already done, -1 on failure.
  static const int rc = sodium_init();
  if (rc < 0) return Status::error("libsodium cannot be initialised");
  return Status::ok();
}

Result<std::string> hash_password(std::string_view password) {
  if (auto s = init_sodium(); !s) return s;
  if (password.empty()) return Status::error("the password is empty");
  if (password.size() > kMaxPasswordBytes)
    return Status::error("the password is longer than " + std::to_string(kMaxPasswordBytes) + " bytes");
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str(out.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return Status::error("out of memory while hashing the password");
  return std::string(out.data());
}

bool verify_password(std::string_view password, const std::string& hash) {
  if (!init_sodium() || password.empty() || password.size() > kMaxPasswordBytes) return false;
  // The verifier reads up to crypto_pwhash_STRBYTES; a longer string is not one of ours.
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string new_api_token() {
  require_sodium();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::string token = std::string(kTokenPrefix) + to_base64url(bytes.data(), bytes.size());
  sodium_memzero(bytes.data(), bytes.size());
  return token;
}

bool looks_like_api_token(std::string_view s) {
  if (s.size() != kTokenLength || s.substr(0, kTokenPrefix.size()) != kTokenPrefix) return false;
  for (char c : s.substr(kTokenPrefix.size())) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string token_hash(std::string_view token) {
  require_sodium();
  std::array<unsigned char, crypto_generichash_BYTES> digest{};  // 32 bytes: BLAKE2b-256
  crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

std::string random_id() {
  require_sodium();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return to_base64url(bytes.data(), bytes.size());
}

bool secrets_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  require_sodium();
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace parley::auth
