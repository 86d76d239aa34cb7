#!/usr/bin/env bash
# `soundoff import` contract: exit codes, stderr reports, round trip through the CLI.
# Usage: import_cli_test.sh SOUNDOFF SHARED_DIR. Exits 77 (skipped) when SHARED_DIR is absent.
set -u
bin=$1
threads=$2/datasets/threads
if [ ! -d "$threads" ]; then
  echo "skipped: $threads is absent (the import CLI tests read the shared fixtures)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
check() {  # check NAME EXPECTED_STATUS COMMAND...
  local name=$1 want=$2
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" != "$want" ]; then
    fail "$name: exit $got, expected $want"; cat "$tmp/err"
  else
    echo "ok   $name"
  fi
}
check "import help exits 0" 0 "$bin" import --help
check "missing --from is a usage error" 2 "$bin" import "$threads/isso-disqus.xml"
check "unknown --from is a usage error" 2 "$bin" import --from myspace "$threads/isso-disqus.xml"
check "disqus fixture imports" 0 "$bin" import --from disqus "$threads/isso-disqus.xml"
grep -q '"format":"soundoff-export"' "$tmp/out" || fail "export header missing"
grep -q 'adjusted post #3 at line 66 (dsq:id "6")' "$tmp/err" || fail "orphan thread not reported"
check "malformed disqus export is rejected" 2 "$bin" import --from disqus "$threads/remark42-disqus.xml"
[ -s "$tmp/out" ] && fail "a rejected import printed output"
grep -q 'XML syntax error at line 147, column 24' "$tmp/err" || fail "syntax error not located"
grep -q "skipped post #4 at line 102: attribute 'dsq:id' is missing" "$tmp/err" || fail "post #4 not reported"
check "malformed disqus export imports leniently" 0 "$bin" import --from disqus --lenient "$threads/remark42-disqus.xml"
grep -q '2 threads, 4 comments; 5 problems skipped' "$tmp/err" || fail "lenient summary wrong: $(tail -1 "$tmp/err")"
check "theme unit test imports" 0 "$bin" import --from wxr "$threads/wp-theme-unit-test-data.xml"
[ "$(grep -c 'omitted comment' "$tmp/err")" = 4 ] || fail "pingbacks/trackbacks not reported as omitted"
for spec in "disqus isso-disqus.xml" "wxr isso-wordpress-wxr.xml" "isso isso-generic.json" \
  "remark42 remark42-radiot-tree_bench.json" "wxr wp-theme-unit-test-data.xml"; do
  set -- $spec
  "$bin" import --from "$1" "$threads/$2" >"$tmp/first.json" 2>/dev/null
  "$bin" import --from soundoff - <"$tmp/first.json" >"$tmp/second.json" 2>/dev/null
  if cmp -s "$tmp/first.json" "$tmp/second.json"; then echo "ok   round trip $2"; else fail "round trip $2 differs"; fi
done
check "non-XML is invalid input" 2 sh -c "echo 'not xml' | '$bin' import --from wxr -"
grep -q 'not an XML export' "$tmp/err" || fail "non-XML message"
echo "import cli: $failures failed"
[ "$failures" = 0 ]
