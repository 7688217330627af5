"""The Indikatorer page in sections: state and joins, choices, maps, notes, tabs, catalogue.

Why a package: ``app_pages/indikatorer.py`` only wires these together; the logic is in
:mod:`est_geo.indicators`.
"""
