#!/usr/bin/env bash
# Debian's Chromium (driven by Playwright through executable_path; no browser download) and a CJK font.
set -u
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing ${need[*]} (Debian packages)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "warning: ${need[*]} missing and cannot be installed here (need root + apt-get); browser tests will be skipped" >&2
fi
exit 0
