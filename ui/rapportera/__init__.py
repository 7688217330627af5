"""The Rapportera page in parts: session keys, the map to click, the form, the confirmation.

Why a package: ``app_pages/rapportera.py`` only wires these together (issue 17 item 5);
reading a coordinate and validating and writing a report are in :mod:`est_geo.io.manual`.
"""
