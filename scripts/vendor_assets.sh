#!/usr/bin/env bash
# Vendor the browser assets the maps need into static/vendor/ (build time only).
#
# Installs pinned npm packages into a temporary directory and copies only the dist files
# the maps load, plus each package's licence, into static/vendor/<package>/. At run time
# Streamlit serves them at /app/static/vendor/... (server.enableStaticServing), so no map
# ever loads a script, stylesheet or image from a third-party host.
#
# Usage: scripts/vendor_assets.sh            (from anywhere; needs npm and the project venv)
# Then review `git diff --stat static/vendor` and commit the result.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/static/vendor"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"

LEAFLET=1.9.4
MARKERCLUSTER=1.5.3
DRAW=1.0.4
HEAT=0.2.0
SYNC=0.2.4
PMTILES=4.5.0
PROTOMAPS_LEAFLET=5.1.0

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

cd "$TMP"
npm init -y >/dev/null 2>&1
npm install --no-audit --no-fund --ignore-scripts --save-exact \
  "leaflet@$LEAFLET" \
  "leaflet.markercluster@$MARKERCLUSTER" \
  "leaflet-draw@$DRAW" \
  "leaflet.heat@$HEAT" \
  "leaflet.sync@$SYNC" \
  "pmtiles@$PMTILES" \
  "protomaps-leaflet@$PROTOMAPS_LEAFLET" >/dev/null
NM="$TMP/node_modules"

copy() { # copy SRC DEST_DIR [NEW_NAME]
  mkdir -p "$2"
  cp "$1" "$2/${3:-$(basename "$1")}"
}

rm -rf "$DEST/leaflet" "$DEST/leaflet.markercluster" "$DEST/leaflet-draw" \
  "$DEST/leaflet.heat" "$DEST/leaflet.sync" "$DEST/pmtiles" "$DEST/protomaps-leaflet"

# Leaflet: js, css and the default marker/layer images the css refers to.
copy "$NM/leaflet/dist/leaflet.js" "$DEST/leaflet"
copy "$NM/leaflet/dist/leaflet.css" "$DEST/leaflet"
mkdir -p "$DEST/leaflet/images"
cp "$NM"/leaflet/dist/images/*.png "$DEST/leaflet/images/"
copy "$NM/leaflet/LICENSE" "$DEST/leaflet"

# Leaflet.markercluster (folium MarkerCluster, FastMarkerCluster).
copy "$NM/leaflet.markercluster/dist/leaflet.markercluster.js" "$DEST/leaflet.markercluster"
copy "$NM/leaflet.markercluster/dist/MarkerCluster.css" "$DEST/leaflet.markercluster"
copy "$NM/leaflet.markercluster/dist/MarkerCluster.Default.css" "$DEST/leaflet.markercluster"
copy "$NM/leaflet.markercluster/MIT-LICENCE.txt" "$DEST/leaflet.markercluster" LICENSE

# Leaflet.draw (folium Draw): js, css and the toolbar sprite the css refers to.
copy "$NM/leaflet-draw/dist/leaflet.draw.js" "$DEST/leaflet-draw"
copy "$NM/leaflet-draw/dist/leaflet.draw.css" "$DEST/leaflet-draw"
mkdir -p "$DEST/leaflet-draw/images"
cp "$NM"/leaflet-draw/dist/images/* "$DEST/leaflet-draw/images/"
# The npm tarball of leaflet-draw ships no licence file; package.json says MIT. Write the
# standard MIT text with the copyright line from the dist file's own header.
node -e "const p=require('$NM/leaflet-draw/package.json'); if (p.license!=='MIT') process.exit(1)"
{
  sed -n '3s/^ *(c)/Copyright (c)/p' "$NM/leaflet-draw/dist/leaflet.draw-src.js"
  cat <<'MIT'

Permission is hereby granted, free of charge, to any person obtaining a copy of this
software and associated documentation files (the "Software"), to deal in the Software
without restriction, including without limitation the rights to use, copy, modify, merge,
publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE
FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
DEALINGS IN THE SOFTWARE.
MIT
} >"$DEST/leaflet-draw/LICENSE"

# Leaflet.heat (folium HeatMap). Folium loads its own build with the weights fix from
# Leaflet.heat PR #78; we copy that exact file out of the installed folium package so
# HeatMap behaves as folium intends, and take the licence from the npm package.
FOLIUM_TEMPLATES="$("$PYTHON" -c 'import folium, os; print(os.path.join(os.path.dirname(folium.__file__), "templates"))')"
copy "$FOLIUM_TEMPLATES/leaflet_heat.min.js" "$DEST/leaflet.heat" leaflet-heat.js
copy "$NM/leaflet.heat/LICENSE" "$DEST/leaflet.heat"

# Leaflet.Sync (folium DualMap).
copy "$NM/leaflet.sync/L.Map.Sync.js" "$DEST/leaflet.sync"
copy "$NM/leaflet.sync/LICENSE" "$DEST/leaflet.sync"

# PMTiles (the self-hosted basemap, est_geo.maps.basemap): the IIFE build that defines the
# global `pmtiles` (PMTiles reader over HTTP range requests + leafletRasterLayer).
# The npm tarball ships no licence file; package.json says BSD-3-Clause. Write the
# standard BSD-3-Clause text (the same text protomaps-leaflet, from the same authors, ships).
copy "$NM/pmtiles/dist/pmtiles.js" "$DEST/pmtiles"
node -e "const p=require('$NM/pmtiles/package.json'); if (p.license!=='BSD-3-Clause') process.exit(1)"
{
  echo "Copyright 2021-2024 Protomaps LLC (pmtiles package.json: author Brandon Liu, license BSD-3-Clause)"
  tail -n +2 "$NM/protomaps-leaflet/LICENSE"
} >"$DEST/pmtiles/LICENSE"

# protomaps-leaflet (vector PMTiles in the Protomaps basemap schema, drawn on canvas):
# the IIFE build that defines the global `protomapsL`; it bundles its own PMTiles reader.
copy "$NM/protomaps-leaflet/dist/protomaps-leaflet.js" "$DEST/protomaps-leaflet"
copy "$NM/protomaps-leaflet/LICENSE" "$DEST/protomaps-leaflet"

# Record exactly what was installed.
{
  echo "# Generated by scripts/vendor_assets.sh — do not edit by hand."
  for pkg in leaflet leaflet.markercluster leaflet-draw leaflet.heat leaflet.sync pmtiles protomaps-leaflet; do
    node -e "const p=require('$NM/$pkg/package.json');console.log(p.name+'@'+p.version+'\t'+(p.license||'license field missing; see LICENSE'))"
  done
  echo "folium@$("$PYTHON" -c 'import folium; print(folium.__version__)')	MIT (source of leaflet.heat/leaflet-heat.js)"
} >"$DEST/VERSIONS.txt"

( cd "$DEST" && find . -type f ! -name SHA256SUMS ! -name README.md | LC_ALL=C sort | xargs sha256sum >SHA256SUMS )
echo "vendored into $DEST:"
du -sh "$DEST"
