#include "server/reader_mail_token.h"

#include <sodium.h>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

namespace soundoff::server {

namespace {

using nlohmann::json;

void ensure_sodium_ready() {
  static const int ready = sodium_init();
  if (ready < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::vector<unsigned char> key_bytes(const std::string& key_hex) {
  std::vector<unsigned char> key(crypto_auth_KEYBYTES);
  std::size_t len = 0;
  if (key_hex.size() != 2 * crypto_auth_KEYBYTES ||
      sodium_hex2bin(key.data(), key.size(), key_hex.data(), key_hex.size(), nullptr, &len, nullptr) != 0 ||
      len != crypto_auth_KEYBYTES)
    throw std::invalid_argument("reader token key must be " + std::to_string(2 * crypto_auth_KEYBYTES) + " hex digits");
  return key;
}

std::string to_base64url(const unsigned char* data, std::size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::optional<std::string> from_base64url(const std::string& text) {
  std::string out(text.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &len, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    return std::nullopt;
  out.resize(len);
  return out;
}

const char* purpose_name(ReaderTokenPurpose purpose) {
  switch (purpose) {
    case ReaderTokenPurpose::confirm:
      return "confirm";
    case ReaderTokenPurpose::unsubscribe:
      return "unsubscribe";
    case ReaderTokenPurpose::erase:
      return "erase";
  }
  return "";
}

}  // namespace

std::string new_reader_token_key() {
  ensure_sodium_ready();
  unsigned char key[crypto_auth_KEYBYTES];
  crypto_auth_keygen(key);
  char hex[2 * crypto_auth_KEYBYTES + 1];
  sodium_bin2hex(hex, sizeof hex, key, sizeof key);
  sodium_memzero(key, sizeof key);
  return hex;
}

// The signed text is "<payload>.<mac>", both base64url; the payload is a
// small JSON object, so no field can be confused with another.
std::string sign_reader_token(const ReaderToken& token, const std::string& key_hex) {
  ensure_sodium_ready();
  const auto key = key_bytes(key_hex);
  const std::string payload = json{
      {"p", purpose_name(token.purpose)},
      {"a", token.address},
      {"t", token.thread},
      {"c", token.comment},
      {"e", token.expires_ms}}.dump();
  const std::string encoded = to_base64url(reinterpret_cast<const unsigned char*>(payload.data()), payload.size());
  unsigned char mac[crypto_auth_BYTES];
  crypto_auth(mac, reinterpret_cast<const unsigned char*>(encoded.data()), encoded.size(), key.data());
  return encoded + "." + to_base64url(mac, sizeof mac);
}

std::optional<ReaderToken> verify_reader_token(const std::string& text, const std::string& key_hex,
                                               ReaderTokenPurpose purpose, std::int64_t now_ms) {
  ensure_sodium_ready();
  const auto key = key_bytes(key_hex);
  const auto dot = text.find('.');
  if (dot == std::string::npos) return std::nullopt;
  const std::string encoded = text.substr(0, dot);
  const auto mac = from_base64url(text.substr(dot + 1));
  if (!mac || mac->size() != crypto_auth_BYTES) return std::nullopt;
  // crypto_auth_verify compares in constant time.
  if (crypto_auth_verify(reinterpret_cast<const unsigned char*>(mac->data()),
                         reinterpret_cast<const unsigned char*>(encoded.data()), encoded.size(), key.data()) != 0)
    return std::nullopt;
  const auto payload = from_base64url(encoded);
  if (!payload) return std::nullopt;
  const json j = json::parse(*payload, nullptr, false);
  if (!j.is_object() || j.value("p", "") != purpose_name(purpose)) return std::nullopt;
  ReaderToken token;
  token.purpose = purpose;
  token.address = j.value("a", "");
  token.thread = j.value("t", "");
  token.comment = j.value("c", "");
  token.expires_ms = j.value("e", std::int64_t{0});
  if (token.expires_ms <= now_ms) return std::nullopt;
  return token;
}

}  // namespace soundoff::server
