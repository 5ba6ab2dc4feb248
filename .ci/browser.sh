#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed and prints its path, for the browser tests
# (src/test/java/io/oversight/browser). .ci/run uses it as
#   OVERSIGHT_TEST_CHROMIUM="$(bash .ci/browser.sh)"; export OVERSIGHT_TEST_CHROMIUM
# Only the path goes to stdout, everything else to stderr. The tests never download a browser.
set -euo pipefail

CHROMIUM=${OVERSIGHT_TEST_CHROMIUM:-/usr/bin/chromium}

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "chromium is missing and this is neither root nor can it sudo: apt-get install chromium" >&2
    exit 1
  fi
}

if [ ! -x "$CHROMIUM" ]; then
  echo "==> installing chromium (Debian package)" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >&2
fi

if [ ! -x "$CHROMIUM" ]; then
  echo "chromium is not at $CHROMIUM after installing it" >&2
  exit 1
fi
echo "$CHROMIUM"
