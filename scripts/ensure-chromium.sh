#!/bin/sh
# Installs Debian's headless-capable chromium for the HTML report test when it is absent (idempotent; CI runs it as root).
set -eu

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: apt-get not found; install chromium yourself (the HTML test will skip without it)" >&2
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "ensure-chromium: not root and no password-less sudo; the HTML test will skip" >&2
    exit 0
  fi
fi

export DEBIAN_FRONTEND=noninteractive
echo "ensure-chromium: installing chromium (this takes a few minutes)…" >&2
if $SUDO apt-get update && $SUDO apt-get install -y --no-install-recommends chromium; then
  exit 0
fi
echo "ensure-chromium: installing chromium failed; the HTML test will skip" >&2
exit 0
