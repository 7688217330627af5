"""The Karta page in parts: the area choice, the map with its legends, counts and table.

Why a package: ``app_pages/karta.py`` only wires these together (issue 17 item 5); the
map data (points or counts per cell, the per-category sums) is made in
:mod:`est_geo.maps.mapdata`.
"""
