#!/usr/bin/env bash
# Cut-heavy footage for the matte figures (docs/benchmarks.md, "Matting on cut-heavy footage"): 12 shots of 2 s, 480x480 at
# 25 fps, alternating takes of three shared clips, some with other light (eq) or another shirt colour (hue on the lower
# third) while the framing stays the same. 11 shot changes, at 2, 4, ... 22 s (frames 50, 100, ... 550).
# Usage: bench/matte/make-cut-footage.sh OUT.mp4   (reads ../shared/media, or PIXELHOLO_SHARED_DIR)
set -euo pipefail
out=${1:?usage: make-cut-footage.sh OUT.mp4}
here=$(cd "$(dirname "$0")/../.." && pwd)
media=${PIXELHOLO_SHARED_DIR:-$here/../shared}/media/videos
E=$media/talking_woman_expressive_34s.mp4
G=$media/greenscreen_man_3s.mp4
H=$media/talking_address_hdtf_8s.mp4
lower_hue() { echo "split[a$1][b$1];[b$1]crop=iw:ih/3:0:2*ih/3,hue=h=$2[l$1];[a$1][l$1]overlay=0:2*H/3"; }
# input index, start s, extra filter (or "null")
shots=(
  "0 0 null"
  "0 2 eq=brightness=0.08:contrast=1.15"
  "1 0 null"
  "0 4 $(lower_hue 4 120)"
  "2 0 null"
  "0 6 null"
  "2 2 eq=brightness=-0.08:saturation=1.4"
  "1 1 $(lower_hue 8 90)"
  "0 8 eq=gamma=1.3"
  "2 4 $(lower_hue 10 150)"
  "0 10 null"
  "1 0 eq=brightness=0.1"
)
graph=""
labels=""
k=0
for shot in "${shots[@]}"; do
  read -r input start extra <<<"$shot"
  k=$((k + 1))
  graph+="[$input:v]trim=start=$start:duration=2.2,setpts=PTS-STARTPTS,fps=25,trim=end_frame=50,setpts=PTS-STARTPTS,scale=480:480,format=yuv420p,$extra[s$k];"
  labels+="[s$k]"
done
graph+="${labels}concat=n=$k:v=1:a=0[v]"
ffmpeg -nostdin -hide_banner -loglevel error -y -i "$E" -i "$G" -i "$H" -filter_complex "$graph" -map "[v]" \
  -c:v libx264 -preset veryfast -crf 20 -pix_fmt yuv420p -movflags +faststart "$out"
