#!/usr/bin/env bash
# Runs every fuzz target for 1,000,000 executions or 10 minutes, whichever comes first,
# two at a time, from the checked-in seed corpora (copied, so the repo stays small). Inputs up
# to 256 KB (the seeds include deeply nested and oversized files), and any one input that takes
# more than 2 seconds counts as a failure: every parser of outside input answers at once.
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz --locked`).
# Usage: bash scripts/fuzz.sh [target ...]   Logs go to target/fuzz-logs/.
set -euo pipefail
cd "$(dirname "$0")/../fee-core/fuzz"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(scenario_json parameter_set proposals_csv proposals_xlsx web_store web_fragment weights_text refund_rule dossier_json)
mkdir -p ../../target/fuzz-logs
cargo +nightly fuzz build -O
run() {
  local t=$1 work="../../target/fuzz-corpus/$1"
  mkdir -p "$work"
  cp -n corpus/"$t"/* "$work"/ 2>/dev/null || true
  cargo +nightly fuzz run -O "$t" "$work" -- -runs=1000000 -max_total_time=600 -timeout=2 -max_len=262144 -print_final_stats=1 \
    > "../../target/fuzz-logs/$t.log" 2>&1 && echo "$t: ok" || echo "$t: FAILED (see target/fuzz-logs/$t.log)"
  grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "../../target/fuzz-logs/$t.log" | tail -2
}
i=0
for t in "${targets[@]}"; do
  run "$t" &
  i=$((i + 1))
  if [ $((i % 2)) -eq 0 ]; then wait; fi
done
wait
