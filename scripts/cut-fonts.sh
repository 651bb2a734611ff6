#!/bin/sh
# fonts/*-Charts.ttf: the two DejaVu Sans faces cut to Latin, Greek and the punctuation and signs charts
# use, for drawing PNGs (src/charts/png.ts; text outside them is drawn with the whole faces). resvg
# shapes every text element with its face's tables, which in the whole faces are seven times the size.
# A maintainer's step, run when the faces change (the cut files are committed); it needs Debian's
# python3-fonttools (apt-get install python3-fonttools). The glyphs, advances and kerning of the kept
# characters are the whole faces' (test/charts/fonts.test.ts checks the advances, render.test.ts the pixels).
set -eu
cd "$(dirname "$0")/../fonts"
# Debian's package installs for /usr/bin/python3, which another python3 first on the PATH may not see
PY=${PYTHON:-python3}
"$PY" -c 'import fontTools' 2>/dev/null || PY=/usr/bin/python3
"$PY" -c 'import fontTools' 2>/dev/null || {
  echo "cut-fonts: fontTools not found; install it with: sudo apt-get install python3-fonttools" >&2
  exit 1
}
CHARS="U+0020-007E,U+00A0-017F,U+0370-03FF,U+2010-2027,U+2030-203A,U+2190-2195,U+2212,U+2248,U+2260,U+2264,U+2265,U+FFFD"
for face in DejaVuSans DejaVuSans-Bold; do
  "$PY" -m fontTools.subset "$face.ttf" --unicodes="$CHARS" --output-file="$face-Charts.ttf" \
    --layout-features='*' --legacy-kern --glyph-names --notdef-outline --notdef-glyph \
    --name-IDs='*' --name-languages='*' --drop-tables+=FFTM
done
sha256sum DejaVuSans-Charts.ttf DejaVuSans-Bold-Charts.ttf
