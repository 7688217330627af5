"""The Hotspots page in parts: choices, map, summary, places, cell detail, downloads.

Why a package: ``app_pages/hotspots.py`` only wires these together (issue 17 item 5);
the analysis and every array computation are in :mod:`est_geo` (``hotspot_layers``,
``hotspots``). ``meeting`` draws a saved Hotspots view in Möte with the same analysis.
"""
