#!/usr/bin/env bash
# CLI contract: exit codes and messages. Usage: cli_test.sh SOUNDOFF FIXTURES_DIR
set -u
bin=$1
fixtures=$2
failures=0
check() {  # check NAME EXPECTED_STATUS COMMAND...
  local name=$1 want=$2
  shift 2
  "$@" >/tmp/soundoff-cli-out.$$ 2>/tmp/soundoff-cli-err.$$
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL $name: exit $got, expected $want"; cat /tmp/soundoff-cli-err.$$; failures=$((failures + 1))
  else
    echo "ok   $name"
  fi
}
check "help exits 0" 0 "$bin" thread --help
check "seed thread prints a page" 0 "$bin" thread "$fixtures/seed-thread.json"
grep -q '"total":15' /tmp/soundoff-cli-out.$$ || { echo "FAIL seed total is not 15"; failures=$((failures + 1)); }
check "unknown option is a usage error" 2 "$bin" thread --bogus "$fixtures/seed-thread.json"
check "unknown sort is a usage error" 2 "$bin" thread --sort sideways "$fixtures/seed-thread.json"
check "missing file is invalid input" 2 "$bin" thread /nonexistent/file.json
check "non-JSON is invalid input" 2 sh -c "echo 'not json' | '$bin' thread -"
grep -q 'not valid JSON' /tmp/soundoff-cli-err.$$ || { echo "FAIL message does not say 'not valid JSON'"; failures=$((failures + 1)); }
check "page out of range is invalid input" 2 "$bin" thread --page 99 "$fixtures/seed-thread.json"
check "around an unknown id is invalid input" 2 "$bin" thread --around nope "$fixtures/seed-thread.json"
check "page and around together are invalid input" 2 "$bin" thread --page 1 --around 3 "$fixtures/seed-thread.json"
grep -q "at most one of the page options 'page', 'around' and 'after'" /tmp/soundoff-cli-err.$$ || { echo "FAIL exclusivity message"; failures=$((failures + 1)); }
check "per-page 0 is invalid input naming the option" 2 "$bin" thread --per-page 0 "$fixtures/seed-thread.json"
grep -q "'per_page' must be between 1 and 1000, not 0" /tmp/soundoff-cli-err.$$ || { echo "FAIL per_page message"; failures=$((failures + 1)); }
check "page flags shape the page" 0 "$bin" thread --sort newest --per-page 2 --page 2 --max-depth 0 "$fixtures/seed-thread.json"
grep -q '"sort":"newest"' /tmp/soundoff-cli-out.$$ && grep -q '"page":2' /tmp/soundoff-cli-out.$$ && grep -q '"per_page":2' /tmp/soundoff-cli-out.$$ || { echo "FAIL page flags not applied"; failures=$((failures + 1)); }
check "resolve help exits 0" 0 "$bin" resolve --help
check "resolve a document prints JSON" 0 "$bin" resolve "$fixtures/seed-thread.json"
grep -q '"id":"12","parent":null,"inferred_parent":"8"' /tmp/soundoff-cli-out.$$ || { echo "FAIL seed 12 does not answer 8"; failures=$((failures + 1)); }
check "resolve an IRC log" 0 sh -c "printf '[10:00] <ann> hi\n=== bob joined\n[10:01] <bob> ann: hello\n' | '$bin' resolve --format irc --from 1 -"
printf '1 1 -\n0 2 -\n' | cmp -s - /tmp/soundoff-cli-out.$$ || { echo "FAIL irc links differ"; cat /tmp/soundoff-cli-out.$$; failures=$((failures + 1)); }
check "resolve reports a malformed IRC line and goes on" 0 sh -c "printf 'garbage\n[10:01] <bob> hi\n' | '$bin' resolve --format irc -"
grep -q 'line 1: expected' /tmp/soundoff-cli-err.$$ || { echo "FAIL no per-line error"; failures=$((failures + 1)); }
check "resolve unknown format is a usage error" 2 "$bin" resolve --format xml "$fixtures/seed-thread.json"
check "resolve --from needs irc" 2 "$bin" resolve --from 3 "$fixtures/seed-thread.json"
check "thread with inferred nesting" 0 "$bin" thread --inferred nest:0.7 "$fixtures/seed-thread.json"
grep -q '"inferred_reply":{"id":"8","author":"Mary","confidence":0.750,"nested":true}' /tmp/soundoff-cli-out.$$ || { echo "FAIL 12 not nested under 8"; failures=$((failures + 1)); }
check "thread with a bad --inferred is a usage error" 2 "$bin" thread --inferred sideways "$fixtures/seed-thread.json"
check "unknown command" 2 "$bin" frobnicate
check "spam help exits 0" 0 "$bin" spam --help
check "spam checks the seed document" 0 "$bin" spam "$fixtures/seed-thread.json"
grep -q '"id":"11","verdict":"hold"' /tmp/soundoff-cli-out.$$ || { echo "FAIL seed comment 11 is not held"; failures=$((failures + 1)); }
check "spam reads a youtube csv" 0 "$bin" spam --format youtube-csv "$fixtures/spam-sample.csv"
[ "$(cut -d, -f1,2 /tmp/soundoff-cli-out.$$ | tr '\n' ' ')" = "COMMENT_ID,CLASS c1,0 c2,1 c3,0 " ] ||
  { echo "FAIL youtube csv output:"; cat /tmp/soundoff-cli-out.$$; failures=$((failures + 1)); }
check "spam names the broken csv row" 2 "$bin" spam --format youtube-csv "$fixtures/spam-broken.csv"
grep -q 'row 1 (line 2)' /tmp/soundoff-cli-err.$$ || { echo "FAIL csv error does not name the row"; failures=$((failures + 1)); }
check "spam rejects a bad policy naming the field" 2 sh -c "echo '{\"flood\":{\"burst\":0}}' > /tmp/soundoff-policy.$$ && '$bin' spam --policy /tmp/soundoff-policy.$$ '$fixtures/seed-thread.json'"
grep -q 'flood.burst' /tmp/soundoff-cli-err.$$ || { echo "FAIL policy error does not name flood.burst"; failures=$((failures + 1)); }
rm -f /tmp/soundoff-policy.$$
check "spam trains a model" 0 "$bin" spam --format youtube-csv --train /tmp/soundoff-model.$$ "$fixtures/spam-sample.csv"
grep -q '"spam_messages":1' /tmp/soundoff-model.$$ || { echo "FAIL trained model lacks counts"; failures=$((failures + 1)); }
check "spam uses a trained model" 0 "$bin" spam --format youtube-csv --model /tmp/soundoff-model.$$ "$fixtures/spam-sample.csv"
rm -f /tmp/soundoff-model.$$
check "spam refuses an unknown format" 2 "$bin" spam --format xml "$fixtures/seed-thread.json"
check "user help exits 0" 0 "$bin" user --help
check "user without a verb is a usage error" 2 "$bin" user
check "user add needs --db" 2 "$bin" user add ada --role admin
userdb=/tmp/soundoff-users.$$.db
check "user add refuses a short password" 2 sh -c "echo short | '$bin' user add ada --role admin --db '$userdb'"
grep -q 'at least 10 bytes' /tmp/soundoff-cli-err.$$ || { echo "FAIL short password message"; failures=$((failures + 1)); }
check "user add reads the password from stdin" 0 sh -c "echo 'long-enough-password' | '$bin' user add ada --role admin --db '$userdb'"
check "user add refuses a taken name in any case" 2 sh -c "echo 'long-enough-password' | '$bin' user add ADA --role moderator --db '$userdb'"
check "user list" 0 "$bin" user list --db "$userdb"
grep -q '^ada	admin	' /tmp/soundoff-cli-out.$$ || { echo "FAIL user list lacks ada"; failures=$((failures + 1)); }
check "export --audit writes JSON lines" 0 "$bin" export --audit --db "$userdb"
grep -q '"action":"user.add"' /tmp/soundoff-cli-out.$$ || { echo "FAIL audit export lacks user.add"; failures=$((failures + 1)); }
rm -f "$userdb" "$userdb-wal" "$userdb-shm"
rm -f /tmp/soundoff-cli-out.$$ /tmp/soundoff-cli-err.$$
echo "cli: $failures failed"
[ "$failures" = 0 ]
