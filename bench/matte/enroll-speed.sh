#!/usr/bin/env bash
# One-command enrollment speed measurement: `pixelholo enroll CLIP --json` (default picture mode "matte") in a fresh runtime
# folder under /usr/bin/time -v, then the figures docs/benchmarks.md asks for: pipeline seconds per video second, each stage,
# wall and CPU time (user + sys) of the whole process, its peak RSS, and the load average before and after.
# Then `bench matte-memory CLIP`: resident memory before, at the peak of and after a matte job in one long-lived process.
# Usage: bench/matte/enroll-speed.sh [CLIP] [OUT_FOLDER]   (default clip: ../shared/media/videos/grid_s1_concat.mp4)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
media=${PIXELHOLO_SHARED_DIR:-$here/../shared}/media/videos
clip=$(realpath "${1:-$media/grid_s1_concat.mp4}")
out=${2:-$(mktemp -d)}
cli=${PIXELHOLO_CLI:-$here/src/PixelHolo.Cli/bin/Release/net10.0/linux-x64/pixelholo.dll}
bench=${PIXELHOLO_BENCH:-$here/bench/PixelHolo.Bench/bin/Release/net10.0/linux-x64/PixelHolo.Bench.dll}
mkdir -p "$out"
runtime=$(mktemp -d)
trap 'rm -rf "$runtime"' EXIT
export PIXELHOLO_Runtime__ModelsDirectory=${PIXELHOLO_Runtime__ModelsDirectory:-$here/runtime/models}
export PIXELHOLO_Llm__AutoStart=false
# A loaded machine (other builds) slows pocketsphinx past its default 2 min limit; the figures, not the limit, are the point here.
export PIXELHOLO_SpeechToText__Timeout=${PIXELHOLO_SpeechToText__Timeout:-00:30:00}
name=$(basename "$clip" .mp4)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/$name.enroll.err"
PIXELHOLO_RUNTIME_DIR=$runtime /usr/bin/time -v dotnet "$cli" enroll "$clip" --json > "$out/$name.enroll.json" 2>> "$out/$name.enroll.err" &
timer=$!
# CPU time per stage: every 0.5 s the enroll process's own CPU (utime + stime) and its finished children's (cutime + cstime,
# e.g. ffmpeg and pocketsphinx) from /proc, charged to the stage its progress line names at that moment.
declare -A stage_cpu=()
ticks=$(getconf CLK_TCK)
last=0
while kill -0 "$timer" 2>/dev/null; do
  pid=$(pgrep -P "$timer" -x dotnet | head -1 || true)
  if [ -n "$pid" ] && [ -r "/proc/$pid/stat" ]; then
    read -r -a f < <(sed 's/^.*) //' "/proc/$pid/stat")
    now=$(( f[11] + f[12] + f[13] + f[14] ))
    stage=$(grep -o 'enroll: [a-z-]*' "$out/$name.enroll.err" | tail -1 | cut -d' ' -f2 || true)
    stage=${stage:-start}
    stage_cpu[$stage]=$(( ${stage_cpu[$stage]:-0} + now - last ))
    last=$now
  fi
  sleep 0.5
done
wait "$timer"
for k in "${!stage_cpu[@]}"; do printf '%s %.1f\n' "$k" "$(echo "${stage_cpu[$k]} / $ticks" | bc -l)"; done | sort > "$out/$name.stage-cpu.txt"
echo "CPU s per stage (sampled every 0.5 s): $(tr '\n' ' ' < "$out/$name.stage-cpu.txt")"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/$name.enroll.err"
user=$(grep 'User time' "$out/$name.enroll.err" | awk '{print $NF}')
sys=$(grep 'System time' "$out/$name.enroll.err" | awk '{print $NF}')
wall=$(grep 'Elapsed (wall' "$out/$name.enroll.err" | awk '{print $NF}')
rss=$(grep 'Maximum resident' "$out/$name.enroll.err" | awk '{print $NF}')
json=$(tail -n 1 "$out/$name.enroll.json")
video=$(grep -o '"videoSeconds":[0-9.]*' <<<"$json" | cut -d: -f2)
elapsed=$(grep -o '"elapsedSeconds":[0-9.]*' <<<"$json" | cut -d: -f2)
echo "stages: $(grep -o '"stages":{[^}]*}' <<<"$json")"
awk -v n="$name" -v v="$video" -v e="$elapsed" -v u="$user" -v s="$sys" -v w="$wall" -v r="$rss" 'BEGIN {
  printf "enroll %s: video %.1f s, pipeline %.1f s = %.2f s per video s; process wall %s, CPU %.1f s (user %.1f + sys %.1f) = %.2f CPU s per video s; peak RSS %.0f MB\n",
    n, v, e, e / v, w, u + s, u, s, (u + s) / v, r / 1024 }'
if [ -f "$bench" ]; then
  echo "matte-memory (load $(cut -d' ' -f1-3 /proc/loadavg)):"
  dotnet "$bench" matte-memory "$clip" | tee "$out/$name.memory.txt"
fi
