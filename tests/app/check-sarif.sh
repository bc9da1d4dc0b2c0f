#!/usr/bin/env bash
# `eventwright validate --format sarif` must produce logs that the official SARIF 2.1.0 schema
# accepts; and the schema check must reject a broken log. Usage: check-sarif.sh EVENTWRIGHT
set -euo pipefail
exe=${1:?usage: check-sarif.sh EVENTWRIGHT}
here=$(cd "$(dirname "$0")" && pwd)
validator="$here/../external/bin/validate-sarif"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat > "$tmp/problems.ew.yaml" <<'YAML'
eventwright: 1
components:
  - id: orders
    kind: sqs-queue
    properties:
      Colour: blue
  - id: worker
    kind: lambda-function
    properties:
      Timeout: 1000
connections:
  - from: orders
    to: worker
    role: trigger
    properties:
      BatchSize: 20000
YAML
fail=0
set +e
"$exe" validate "$here/../../examples/sns-fanout.ew.yaml" --format sarif > "$tmp/clean.sarif"
"$exe" validate "$tmp/problems.ew.yaml" --format sarif > "$tmp/problems.sarif"
code=$?
set -e
[ "$code" = 1 ] || { echo "FAIL: validate exit $code, expected 1"; fail=1; }
grep -q '"ruleId"' "$tmp/problems.sarif" || { echo "FAIL: no results in the SARIF log"; fail=1; }
for f in clean problems; do
  if "$validator" "$tmp/$f.sarif"; then echo "ok: $f.sarif follows SARIF 2.1.0"; else echo "FAIL: $f.sarif"; fail=1; fi
done
# The check itself must be able to fail: an unknown level is not SARIF.
sed 's/"level": "error"/"level": "fatal"/' "$tmp/problems.sarif" > "$tmp/broken.sarif"
set +e
"$validator" "$tmp/broken.sarif" > "$tmp/broken.out" 2>&1
code=$?
set -e
if [ "$code" = 1 ] && grep -q "level" "$tmp/broken.out"; then
  echo "ok: a broken log is rejected ($(grep -c error: "$tmp/broken.out") errors)"
else
  echo "FAIL: a broken log was not rejected by the schema (exit $code)"; cat "$tmp/broken.out"; fail=1
fi
exit $fail
