#!/usr/bin/env bash
# Makes sure a headless Chromium is available for the PDF reports; installs Debian's `chromium` when missing.
set -euo pipefail

found() {
  [ -n "${PARTNERSHIP_METRICS_CHROMIUM:-}" ] && [ -x "${PARTNERSHIP_METRICS_CHROMIUM}" ] && return 0
  for name in chromium chromium-browser google-chrome google-chrome-stable chrome; do
    command -v "$name" >/dev/null 2>&1 && return 0
  done
  return 1
}

if found; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "No Chromium found and no apt-get here: install Chromium or Chrome, or set PARTNERSHIP_METRICS_CHROMIUM to its path." >&2
  exit 0  # the HTML reports are still produced; PDF steps say how to install a browser
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "No Chromium found: run 'apt-get install chromium' as root for the PDF reports." >&2
    exit 0
  fi
fi
echo "Installing Chromium (for the PDF reports) with apt-get..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
echo "Chromium installed: $(command -v chromium)"
