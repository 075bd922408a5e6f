#!/usr/bin/env bash
# Runs `pixelholo matte eval --json` on every shared talking-head clip and on the cut-heavy footage, one after the other, with
# /usr/bin/time -v (CPU and wall time, peak memory) and the load average before and after each run.
# Usage: bench/matte/eval-all.sh OUT_FOLDER [CLI_DLL] [FRAMES]
# CLIPS="grid_s1_concat greenscreen_man_3s" limits the run to those clips (names without .mp4; cut_heavy_24s is the made footage).
set -euo pipefail
out=${1:?usage: eval-all.sh OUT_FOLDER [CLI_DLL] [FRAMES]}
here=$(cd "$(dirname "$0")/../.." && pwd)
cli=${2:-$here/src/PixelHolo.Cli/bin/Release/net10.0/linux-x64/pixelholo.dll}
frames=${3:-24}
media=${PIXELHOLO_SHARED_DIR:-$here/../shared}/media/videos
export PIXELHOLO_Runtime__ModelsDirectory=${PIXELHOLO_Runtime__ModelsDirectory:-$here/runtime/models}
mkdir -p "$out"
if [ -z "${CLIPS:-}" ] || [[ " $CLIPS " == *" cut_heavy_24s "* ]]; then
  [ -f "$out/cut_heavy_24s.mp4" ] || "$here/bench/matte/make-cut-footage.sh" "$out/cut_heavy_24s.mp4"
fi
for clip in "$out/cut_heavy_24s.mp4" "$media/grid_s1_concat.mp4" "$media/talking_woman_expressive_34s.mp4" \
    "$media/talking_address_hdtf_8s.mp4" "$media/talking_woman_room_720p_9s.mp4" "$media/greenscreen_man_3s.mp4" \
    "$media/face_sideways_720p_6s.mp4" "$media/long_talking_loop_101s.mp4"; do
  name=$(basename "$clip" .mp4)
  if [ -n "${CLIPS:-}" ] && [[ " $CLIPS " != *" $name "* ]]; then continue; fi
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" > "$out/$name.err"
  /usr/bin/time -v dotnet "$cli" matte eval --video "$clip" --frames "$frames" > "$out/$name.txt" 2>> "$out/$name.err" || echo "failed: $?" >> "$out/$name.err"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/$name.err"
  tail -n 1 "$out/$name.txt"
done
