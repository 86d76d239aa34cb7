// Signed links in reader mail (docs/notifications.md, "Reader mail"): the
// confirmation link of the double opt-in, the one-click unsubscribe link and
// the link that erases all of the reader's comments (docs/privacy.md).
// A token names what it allows (purpose), for which address and thread, and
// until when; it is authenticated with libsodium's crypto_auth
// (HMAC-SHA-512-256) under a server key, so a link cannot be forged or
// altered, and an expired or re-purposed one is refused.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace soundoff::server {

// A token of one purpose is refused for every other: an unsubscribe link
// (which mail clients may POST by themselves, RFC 8058) never erases.
enum class ReaderTokenPurpose { confirm, unsubscribe, erase };

struct ReaderToken {
  ReaderTokenPurpose purpose = ReaderTokenPurpose::confirm;
  std::string address;  // the reader's mail address
  std::string thread;   // the subscribed thread ("" for erase: it covers the whole site)
  std::string comment;  // the comment whose replies are wanted ("" = the whole thread, and for erase)
  std::int64_t expires_ms = 0;
};

// A fresh random key for crypto_auth, hex (what the server keeps in its config or DB).
std::string new_reader_token_key();

// URL-safe text (base64url, no padding) of the token and its MAC. `key_hex`
// must be a key from new_reader_token_key (else std::invalid_argument).
std::string sign_reader_token(const ReaderToken& token, const std::string& key_hex);

// The token if `text` was signed with `key_hex`, is for `purpose` and has not
// expired at `now_ms`; nullopt for anything else (garbled, forged, expired).
std::optional<ReaderToken> verify_reader_token(const std::string& text, const std::string& key_hex,
                                               ReaderTokenPurpose purpose, std::int64_t now_ms);

}  // namespace soundoff::server
