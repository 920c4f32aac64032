#!/usr/bin/env bash
# Installs the Debian bookworm packages specdither builds and tests with. Idempotent: when everything is
# present it only checks (well under a second). Run as root or with sudo available.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config
  libvulkan-dev mesa-vulkan-drivers vulkan-tools vulkan-validationlayers
  libvkfft-dev glslang-dev glslang-tools glslc spirv-tools
  libimgui-dev libglfw3-dev libglm-dev libvulkan-volk-dev libstb-dev libpng-dev
  libcli11-dev nlohmann-json3-dev libgtest-dev libfftw3-dev libeigen3-dev
  xvfb xauth
)
# Node (for the independent KTX2 reader in the tests): the machine's own when it has one; Debian's otherwise.
if ! command -v npm >/dev/null 2>&1; then
  PACKAGES+=(nodejs npm)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
