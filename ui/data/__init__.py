"""The Data page in tabs: incidents (columns, CRS, categories), Polisen, SCB, areas and
indicators, export; ``state`` holds the session keys and the problem report they share.

Why a package: ``app_pages/data.py`` only wires these together; reading, validating and
importing are in :mod:`est_geo.io`, :mod:`est_geo.indicators` and the store.
"""
