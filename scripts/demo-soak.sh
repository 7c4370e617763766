#!/usr/bin/env bash
# Runs the default demo as a new user would and watches it from outside, the way issue 7 measured it.
# Usage: scripts/demo-soak.sh [MINUTES (default 30)] [OUT_DIR (default target/demo-soak)]
# Starts `./klimaflow demo --fresh`, polls /api/counters every 10 s into OUT_DIR/counters.log, runs the independent producer
# src/test/js/live-probe.js (Confluent's JS client + kafkajs; needs `npm ci` in src/test/js, which `mvn verify` runs) one
# minute after start and at every 10th minute, then stops the demo with SIGTERM and times the stop. Ends with a summary:
# Ready time, the largest consumer lag after the first minute and after the backfill, each probe's p50/max, the stop time.
set -uo pipefail
minutes=${1:-30}
out=${2:-target/demo-soak}
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home" && mkdir -p "$out" && : > "$out/counters.log" && : > "$out/probe.log"
[[ -d src/test/js/node_modules ]] || (cd src/test/js && npm ci --silent)
start=$(date +%s)
./klimaflow demo --fresh > "$out/demo.log" 2>&1 &
demo=$!
trap 'kill -TERM $demo 2>/dev/null' INT
probes=(60)
for ((m = 10; m < minutes; m += 10)); do probes+=($((m * 60))); done
next=0
while (( $(date +%s) - start < minutes * 60 )); do
  kill -0 $demo 2>/dev/null || { echo "demo-soak: the demo exited early, see $out/demo.log" >&2; exit 1; }
  t=$(( $(date +%s) - start ))
  echo "$t $(curl -s -m 5 127.0.0.1:8080/api/counters)" >> "$out/counters.log"
  if (( next < ${#probes[@]} && t >= probes[next] )); then
    echo "probe at ${t} s" >> "$out/probe.log"
    timeout 150 node src/test/js/live-probe.js --readings 10 --garbage 20 --timeout-ms 60000 >> "$out/probe.log" 2>&1
    echo "rc=$?" >> "$out/probe.log"
    next=$((next + 1))
  fi
  sleep 10 # the poll interval of the measurement itself
done
t0=$(date +%s%N)
kill -TERM $demo
while kill -0 $demo 2>/dev/null; do sleep 0.1; done
stop_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
python3 - "$out" "$stop_ms" <<'PY'
import json, re, sys
out, stop_ms = sys.argv[1], int(sys.argv[2])
demo = open(f"{out}/demo.log").read()
ready = re.search(r"Ready in ([\d.]+) s", demo)
backfill = re.search(r"Backfill produced: .* in ([\d.]+) s", demo)
lags = []
for line in open(f"{out}/counters.log"):
    t, _, body = line.partition(" ")
    try:
        lags.append((int(t), json.loads(body)["consumerLag"]))
    except (ValueError, KeyError):
        pass
after = lambda s: max((lag for t, lag in lags if t >= s), default=None)
print(f"ready: {ready.group(1) if ready else '?'} s; backfill produced in {backfill.group(1) if backfill else '?'} s")
print(f"max consumer lag from 60 s on: {after(60)} records; from 300 s on: {after(300)} records")
for block in open(f"{out}/probe.log").read().split("probe at ")[1:]:
    when = block.split(" ", 1)[0]
    summary = re.search(r'\{"summary":(\{[^}]*\})', block)
    garbage = re.search(r'\{"garbage":(\{[^}]*\})', block)
    print(f"probe at {when} s: {summary.group(1) if summary else 'FAILED'} garbage {garbage.group(1) if garbage else 'FAILED'}")
print(f"stopped in {stop_ms / 1000:.1f} s after SIGTERM")
PY
