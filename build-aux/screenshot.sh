#!/bin/sh
# Starts Clipper under Xvfb on a fixture page, with a library holding a few
# clippings, and writes a screenshot of the screen.
#
#   build-aux/screenshot.sh [BUILD_DIR] [OUTPUT.png] [PAGE]
#
# PAGE may be a file or clipper://clipping/N (N is a clipping of the demo
# library). Needs xvfb, dbus, x11-utils and imagemagick.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/_build}
output=${2:-$top/resources/screenshots/main-window.png}
page=${3:-$top/tests/fixtures/article.html}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export CLIPPER_LIBRARY="$work/library.db"
export GSETTINGS_SCHEMA_DIR="$build/resources"
export GSETTINGS_BACKEND=memory
export XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache"
export WEBKIT_DISABLE_COMPOSITING_MODE=1 NO_AT_BRIDGE=1

"$build/src/clipper" clip "$top/tests/fixtures/news-jsonld.html" >/dev/null
"$build/src/clipper" clip "$top/tests/fixtures/blogger-post.html" --tag nato >/dev/null

mkdir -p "$(dirname "$output")"
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- sh -c '
  "$1/src/clipper" "$2" &
  app=$!
  # Wait (bounded) for the page title to reach the window title.
  i=0
  until xwininfo -root -tree 2>/dev/null | grep -q "— Clipper"; do
    i=$((i + 1))
    [ $i -gt 300 ] && { echo "The window did not show the page" >&2; kill $app; exit 1; }
    sleep 0.1
  done
  sleep 1
  import -window root "$3"
  kill $app
' sh "$build" "$page" "$output"
echo "$output"
