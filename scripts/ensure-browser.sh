#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a downloaded browser) and need a CJK font.
# Installs both when missing and we may (root with apt-get); otherwise says how.
set -euo pipefail
have_font() { fc-list 2>/dev/null | grep -qi -e 'wenquanyi' -e 'noto sans cjk'; }
if [ -x /usr/bin/chromium ] && have_font; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium and a CJK font for the browser tests (apt-get)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
  exit 0
fi
echo "The browser tests need Debian's chromium and fonts-wqy-microhei:" >&2
echo "  sudo apt-get install -y chromium fonts-wqy-microhei" >&2
exit 1
