#!/usr/bin/env bash
# Suite speed, old tree vs new tree, same tests: the 28 test files of commit 6503714 (the baseline
# of issue 15), run with `npx vitest run <files>` in a worktree of that commit and in a worktree of
# NEW_REF (default HEAD; files split out of those 28 since then are added to its list). Runs are
# interleaved (old, new, new, old, …) so a change of load hits both; the load average is printed
# beside each run. Wall time of the whole vitest process, build and global setup included.
#
#   bash bench/suite-speed.sh            # 3 rounds
#   ROUNDS=5 NEW_REF=main bash bench/suite-speed.sh
#
# Needs PostgreSQL at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
# The worktrees (/tmp/sqlsure-speed-old, /tmp/sqlsure-speed-new) are made once and kept; remove
# them with `git worktree remove --force <dir>`.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OLD_REF=${OLD_REF:-6503714}
NEW_REF=${NEW_REF:-HEAD}
ROUNDS=${ROUNDS:-3}
OLD_DIR=${OLD_DIR:-/tmp/sqlsure-speed-old}
NEW_DIR=${NEW_DIR:-/tmp/sqlsure-speed-new}
LOG_DIR=${LOG_DIR:-/tmp/sqlsure-speed-logs}
# Split out of test/database/embedded-prepare.test.ts (one of the 28) so vitest's workers run it in parallel.
SPLIT_FROM_THE_28=(test/database/embedded-snapshots-grow.test.ts test/database/embedded-prepare-failures.test.ts)

mkdir -p "$LOG_DIR"
mapfile -t FILES < <(git -C "$ROOT" ls-tree -r --name-only "$OLD_REF" test | grep '\.test\.ts$')
echo "baseline: ${#FILES[@]} test files of $OLD_REF"

worktree() { # dir ref
  local dir=$1 ref=$2 want
  want=$(git -C "$ROOT" rev-parse "$ref^{commit}")
  if [ ! -d "$dir" ]; then
    git -C "$ROOT" worktree add --quiet --detach "$dir" "$want"
  elif [ "$(git -C "$dir" rev-parse HEAD)" != "$want" ]; then
    git -C "$dir" checkout --quiet --detach "$want"
    rm -f "$dir/.deps-installed"
  fi
  if [ ! -f "$dir/.deps-installed" ]; then
    echo "installing $ref in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund >/dev/null && npm run build >/dev/null) && touch "$dir/.deps-installed"
  fi
}
worktree "$OLD_DIR" "$OLD_REF"
worktree "$NEW_DIR" "$NEW_REF"

NEW_FILES=("${FILES[@]}")
for f in "${SPLIT_FROM_THE_28[@]}"; do [ -f "$NEW_DIR/$f" ] && NEW_FILES+=("$f"); done
echo "new tree ($(git -C "$NEW_DIR" rev-parse --short HEAD)): ${#NEW_FILES[@]} files (the ${#FILES[@]} plus what was split out of them)"

run() { # label dir files...
  local label=$1 dir=$2; shift 2
  local load_before start end status log
  log="$LOG_DIR/$label-$(date +%H%M%S).log"
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  start=$(date +%s.%N)
  if (cd "$dir" && npx vitest run "$@" >"$log" 2>&1); then status=pass; else status=FAIL; fi
  end=$(date +%s.%N)
  printf '%-4s %7.1f s  %-4s  load before %s, after %s  %s\n' "$label" "$(echo "$end - $start" | bc)" "$status" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" \
    "$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^ +Tests ' | tr -s ' ')"
}

for i in $(seq 1 "$ROUNDS"); do
  if [ $((i % 2)) -eq 1 ]; then
    run old "$OLD_DIR" "${FILES[@]}"
    run new "$NEW_DIR" "${NEW_FILES[@]}"
  else
    run new "$NEW_DIR" "${NEW_FILES[@]}"
    run old "$OLD_DIR" "${FILES[@]}"
  fi
done
echo "logs: $LOG_DIR"
