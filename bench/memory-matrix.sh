#!/usr/bin/env bash
# bench/memory-matrix.sh [REPS] [RUNS]: with bench/memory-candidates.patch applied, a default certify
# of the bundled reference under each candidate alone and all together, the configurations
# interleaved (so a change in the machine's load falls on all of them alike). One line a run:
# wall, case phase, the tree's peak (RSS and PSS) and each process's share of it.
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${1:-3}
RUNS=${2:-300}
declare -A CONFIG=(
  [base]=""
  [gc]="--env CANDIDATE_GC=1"
  [semi4]="--env CANDIDATE_PLAYWRIGHT_FLAGS=--max-semi-space-size=4"
  [arena2]="--env CANDIDATE_MALLOC_ARENA_MAX=2"
  [worker-ofs]="--env CANDIDATE_WORKER_FLAGS=--optimize-for-size"
  [lazy]="--env CANDIDATE_LAZY=1"
  [all]="--env CANDIDATE_GC=1 --env CANDIDATE_PLAYWRIGHT_FLAGS=--max-semi-space-size=4 --env CANDIDATE_MALLOC_ARENA_MAX=2 --env CANDIDATE_WORKER_FLAGS=--optimize-for-size --env CANDIDATE_LAZY=1"
)
ORDER=${ORDER:-"base gc semi4 arena2 worker-ofs lazy all"}
for rep in $(seq "$REPS"); do
  for name in $ORDER; do
    # shellcheck disable=SC2086
    line=$(npx tsx bench/memory.ts --reps 1 --runs "$RUNS" ${CONFIG[$name]} 2>&1 | grep '^run 1' || echo "run 1: failed")
    printf '%-10s | load %s | %s\n' "$name" "$(cut -d' ' -f1 /proc/loadavg)" "${line#run 1: }"
  done
done
