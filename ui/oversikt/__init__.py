"""Läget i området, the public start page, in parts: choices, map, tables and notes.

Why a package: ``app_pages/oversikt.py`` only wires these together (issue 17 item 5).
Every part receives published tables (:mod:`est_geo.public.release`), never an incident.
"""
