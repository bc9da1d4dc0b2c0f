#!/usr/bin/env bash
# Exports every example and tests/data/all-kinds.ew.yaml in one format and checks each export
# with the external validators of tests/external (SAM schema + AWS's cfn-lint, Terraform HCL +
# AWS provider schema, Mermaid's own parser). Usage: check-external.sh EVENTWRIGHT FORMAT
set -uo pipefail
exe=${1:?usage: check-external.sh EVENTWRIGHT FORMAT}
format=${2:?usage: check-external.sh EVENTWRIGHT FORMAT}
here=$(cd "$(dirname "$0")" && pwd)
root="$here/../.."
bin="$root/tests/external/bin"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

projects=("$root"/examples/*.ew.yaml "$root/tests/data/all-kinds.ew.yaml")
passed=0
failed=0
for project in "${projects[@]}"; do
  name=$(basename "$project" .ew.yaml)
  for alarms in "" "--alarms"; do
    label="$name${alarms:+ (alarms)}"
    case "$format" in
      sam) out="$tmp/$name$alarms.yaml" ;;
      terraform) out="$tmp/$name$alarms" ;;
      mermaid) out="$tmp/$name$alarms.mmd" ;;
      mermaid-sequence) out="$tmp/$name$alarms.md" ;;
      *) echo "unknown format $format"; exit 2 ;;
    esac
    # Alarms only exist in SAM and Terraform.
    if [ -n "$alarms" ] && { [ "$format" = mermaid ] || [ "$format" = mermaid-sequence ]; }; then continue; fi
    if ! "$exe" export "$project" --to "$format" --out "$out" $alarms 2> "$tmp/err"; then
      echo "FAIL $label: export failed: $(cat "$tmp/err")"; failed=$((failed + 1)); continue
    fi
    case "$format" in
      sam)
        if [ "${EW_ALLOW_NO_CFN_LINT:-0}" = 1 ]; then lint=""; else lint="--require-cfn-lint"; fi
        "$bin/validate-sam" $lint "$out" > "$tmp/val" 2>&1 ;;
      terraform) "$bin/validate-tf" "$out" > "$tmp/val" 2>&1 ;;
      mermaid|mermaid-sequence) "$bin/validate-mermaid" "$out" > "$tmp/val" 2>&1 ;;
    esac
    code=$?
    if [ $code = 0 ]; then
      echo "ok   $label"; passed=$((passed + 1))
    else
      echo "FAIL $label (validator exit $code):"; sed 's/^/     /' "$tmp/val" | head -40; failed=$((failed + 1))
    fi
  done
done
echo "$passed passed, $failed failed"
[ $failed = 0 ]
