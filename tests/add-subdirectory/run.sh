#!/usr/bin/env bash
# Configures a project that embeds the source tree with add_subdirectory (CMakeLists.txt here fails the configure
# when Soundoff's tests, CLI or server come along). Configure only, so the check costs seconds, not a core build.
# `--build` also builds the embedder (main.cpp: the umbrella header and SOUNDOFF_VERSION) and runs it.
# Usage: run.sh SOURCE_DIR [--build]
set -euo pipefail
source_dir=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake -S "$here" -B "$work/build" -G Ninja -DSOUNDOFF_SOURCE_DIR="$source_dir" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
echo "embedding project configured with soundoff::core only"
if [ "${2:-}" = --build ]; then
  cmake --build "$work/build" --target embedder >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
  "$work/build/embedder"
fi
