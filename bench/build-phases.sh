#!/usr/bin/env bash
# npm run bench:build: the CPU time of each phase of `npm run build` (scripts/build.ts), each run alone, and of
# the whole build, with the load average before each (the machine is shared: CPU time is the figure to compare,
# wall time follows the load). Run it after one `npm run build`, which fills the two staging folders it packs.
# Figures: BENCHMARKS.md, "npm run build".
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d .zeus-stage ] && [ -d .zeus-stage-band ] || { echo "run npm run build first" >&2; exit 1; }
# The build's zeus environment (scripts/build.ts): the offline catalog's HOME, analytics sent to a closed port.
closed=http://127.0.0.1:9
zeus_env=(HOME="$PWD/.zeus-home" HTTPS_PROXY=$closed HTTP_PROXY=$closed https_proxy=$closed http_proxy=$closed NO_PROXY= no_proxy=)
zeus="$PWD/node_modules/@zeppos/zeus-cli/bin/main.js"
tsc="$PWD/node_modules/typescript/bin/tsc"
band_targets=$(node -p "Object.keys(require('./band/app.json').targets).join(',')")
log=$(mktemp)
trap 'rm -f "$log"' EXIT
phase() { # label, command...
  local label=$1
  shift
  local load
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -o "$log" -f '%U %S %e' "$@" >/dev/null 2>&1 || { echo "$label failed" >&2; exit 1; }
  read -r user sys wall <"$log"
  printf '%-34s %7.1f s CPU (%5.1f user + %4.1f sys) %7.1f s wall   load before %s\n' "$label" \
    "$(echo "$user + $sys" | bc)" "$user" "$sys" "$wall" "$load"
}
phase 'tsc --noEmit (root project)' node "$tsc" --noEmit -p .
phase 'tsc --noEmit -p band' node "$tsc" --noEmit -p band
phase 'zeus build, watches (11 packages)' bash -c 'cd .zeus-stage && env "$@" node "'"$zeus"'" build' _ "${zeus_env[@]}"
phase 'zeus build, bands (2 packages)' bash -c 'cd .zeus-stage-band && env "$@" node "'"$zeus"'" build --target '"$band_targets" _ "${zeus_env[@]}"
phase 'npm run check-zab' npx tsx scripts/check-zab.ts
phase 'npm run build (all of it)' npx tsx scripts/build.ts
