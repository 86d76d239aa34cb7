// Page URLs as thread names: one canonical spelling per page, so the widget
// (which sees location.href or <link rel=canonical>) and an import (which
// sees whatever the old system stored) name the same thread. And the
// deterministic mapping from an imported thread name that the API would
// refuse as a key (a URL, a path) to one it accepts.
#pragma once

#include <string>
#include <string_view>

#include "soundoff/result.h"

namespace soundoff {

// The canonical form of an http(s) URL, or Error{invalid_url} naming what is
// wrong. Rules (docs/import-export.md, "Thread URLs"):
//  - scheme and host lower-cased (ASCII only: an IDN host is left as given,
//    Unicode or punycode, never converted); default ports (:80 for http,
//    :443 for https) dropped; user info (user:pass@) refused;
//  - the fragment dropped; an empty path becomes "/"; a trailing "/" on any
//    other path is removed ("/p/576/" and "/p/576" are one page);
//  - tracking parameters dropped (utm_*, fbclid, gclid, mc_cid, mc_eid, ref),
//    empty parameters dropped, the rest sorted (byte order, key then value),
//    a query left empty removed with its "?";
//  - no percent-decoding or re-encoding: bytes other than these stay as given;
//  - refused: empty text, whitespace or control characters, a scheme other
//    than http/https, no host, a port that is not 1..65535.
Result<std::string> normalise_url(std::string_view url);

// True when `key` is a thread key the HTTP API accepts: 1 to 200 of
// A-Z a-z 0-9 . _ ~ : -  (the same rule as the server's valid_thread_key).
bool is_valid_thread_key(std::string_view key);

// A valid thread key for an imported thread name. A name that already is a
// valid key is returned unchanged. Any other name maps, the same way on every
// run and machine, to "<slug>-<hash>": slug is the lower-cased letters and
// digits of host+path of the normalised URL (of the name itself when it is not
// an http(s) URL), other runs of bytes as one "-", at most 48 characters;
// hash is 10 hex digits of FNV-1a 64 of the normalised URL (or the name), so
// two names with the same slug still get different keys.
std::string thread_key_for(std::string_view name);

}  // namespace soundoff
