"""The Möte page in parts: the agenda and its step, and drawing one saved view big.

Why a package: ``app_pages/mote.py`` only wires these together (issue 17 item 5).
"""
