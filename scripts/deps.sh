#!/usr/bin/env bash
# Installs what building and testing Soundoff needs, from Debian's packages.
# Safe to run repeatedly: apt-get runs only when something is missing.
set -euo pipefail
packages=(cmake ninja-build g++ clang-14 libclang-rt-14-dev nlohmann-json3-dev rapidjson-dev libgtest-dev googletest libbenchmark-dev
  libsqlite3-dev libpugixml-dev python3 python3-numpy
  libcpp-httplib-dev pkg-config wrk curl)
# The server's HTTP layer (Boost.Beast/Asio, header-only) and the static files' gzip/brotli (docs/deployment.md);
# cpp-httplib stays for the tests' HTTP client.
packages+=(libboost-dev zlib1g-dev libbrotli-dev)
# scripts/check-style: the formatter and linter the tree is checked with (Debian's are version 14).
packages+=(clang-format clang-tidy)
# The Atom feeds' tests read them back with a real feed parser and xmllint.
packages+=(python3-feedparser libxml2-utils)
# PostgreSQL storage (docs/storage.md): libpq to build, the server for scripts/with-postgres' throwaway clusters.
packages+=(libpq-dev postgresql)
# The moderator's desk (docs/moderation-api.md): argon2id password hashes, session ids, CSRF tokens, and
# libsodium's HMAC-SHA256 that signs thread keys.
packages+=(libsodium-dev)
# Notifications (docs/notifications.md): webhooks and mail through libcurl, HMAC signatures through OpenSSL;
# the tests' SMTP server.
packages+=(libcurl4-openssl-dev libssl-dev python3-aiosmtpd)
# The WebAssembly engine and its JavaScript tests (docs/wasm.md): emscripten pulls clang/lld/binaryen and
# node-acorn; nodejs runs the facade tests; chromium is for browser tests.
packages+=(emscripten nodejs chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# NodeSource's nodejs bundles npm (and conflicts with Debian's npm): ask apt only when npm is absent.
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
