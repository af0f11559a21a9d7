#!/bin/sh
# Every translation compiles cleanly and covers every string in POTFILES.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
top=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$top"
grep -v '^#' po/POTFILES | grep -v '^$' > "$work/files"
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --add-comments=Translators \
  --files-from="$work/files" --output="$work/clipper.pot" 2>"$work/xgettext.log" || {
  cat "$work/xgettext.log" >&2
  exit 1
}

status=0
for lang in $(grep -v '^#' po/LINGUAS); do
  if ! msgfmt --check --check-format --output-file=/dev/null "po/$lang.po"; then
    echo "po/$lang.po does not compile cleanly" >&2
    status=1
  fi
  # Every msgid of the template must be translated, none fuzzy.
  if ! msgcmp "po/$lang.po" "$work/clipper.pot" 2>"$work/msgcmp.log"; then
    echo "po/$lang.po is missing strings:" >&2
    head -40 "$work/msgcmp.log" >&2
    status=1
  fi
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "po/$lang.po" | grep -c '^msgid' || true)
  if [ "$fuzzy" -gt 0 ]; then
    echo "po/$lang.po has $fuzzy fuzzy strings" >&2
    status=1
  fi
done
exit $status
