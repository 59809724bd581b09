#!/usr/bin/env bash
# Installs Debian's Chromium when it is absent: the evaluation report's browser test
# (apps/evaluation/src/reports/report-render.browser.spec.ts) screenshots a rendered report with it.
# `npm test` runs this first. Silent and instant when Chromium is there; installing needs root
# (CI runs as root on a fresh machine) and apt-get.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
[ -x "$CHROMIUM" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing and there is no apt-get to install it; install Chromium by hand." >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: $CHROMIUM is missing; installing it needs root: apt-get install chromium" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Wait for another apt/dpkg run (e.g. unattended upgrades) instead of failing on its lock.
APT=(apt-get -q -o DPkg::Lock::Timeout=600)
echo "ensure-chromium: installing chromium with apt-get..." >&2
# A fresh image often has no package lists (or stale ones): update only when the install fails.
if ! "${APT[@]}" install -y --no-install-recommends chromium; then
  "${APT[@]}" update
  "${APT[@]}" install -y --no-install-recommends chromium
fi
[ -x "$CHROMIUM" ] || { echo "ensure-chromium: apt-get finished but $CHROMIUM is still missing." >&2; exit 1; }
echo "ensure-chromium: installed $("$CHROMIUM" --version 2>/dev/null)" >&2
