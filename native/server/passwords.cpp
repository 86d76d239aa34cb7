#include "server/passwords.h"

#include <sodium.h>

#include <mutex>
#include <semaphore>
#include <stdexcept>

namespace soundoff::server {

namespace {

// sodium_init picks implementations and seeds nothing we rely on; it is safe
// to call more than once, but once is enough.
void ensure_sodium() {
  static const int ready = sodium_init();
  if (ready < 0) throw std::runtime_error("libsodium failed to initialise");
}

// Each hash holds 64 MiB while it runs.
std::counting_semaphore<2>& hashing_slots() {
  static std::counting_semaphore<2> slots(2);
  return slots;
}

struct Slot {
  Slot() { hashing_slots().acquire(); }
  ~Slot() { hashing_slots().release(); }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;
};

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

}  // namespace

Result<std::string> hash_password(std::string_view password) {
  ensure_sodium();
  char hash[crypto_pwhash_STRBYTES];
  Slot slot;
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return Error{"internal_error", "argon2id could not get its memory"};
  return std::string(hash);
}

bool verify_password(const std::string& hash, std::string_view password) {
  ensure_sodium();
  Slot slot;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void verify_against_dummy(std::string_view password) {
  // Made once, from a random password nobody knows; same parameters as real hashes.
  static const std::string dummy = [] {
    auto h = hash_password(random_hex(16));
    return h ? *h : std::string();
  }();
  if (!dummy.empty()) static_cast<void>(verify_password(dummy, password));
}

std::string random_hex(std::size_t bytes) {
  ensure_sodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex = to_hex(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  sodium_memzero(raw.data(), raw.size());
  return hex;
}

std::string generate_password() {
  ensure_sodium();
  // 32 symbols without 0/O, 1/l/I: 5 bits each.
  static constexpr char kAlphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";
  std::string out;
  for (int i = 0; i < 20; ++i) out.push_back(kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)]);
  return out;
}

std::string session_id_hash(std::string_view session_id) {
  ensure_sodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(session_id.data()), session_id.size());
  return to_hex(digest, sizeof digest);
}

bool same_secret(std::string_view given, std::string_view expected) {
  if (expected.empty() || given.size() != expected.size()) return false;
  return sodium_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

}  // namespace soundoff::server
