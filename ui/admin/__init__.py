"""The Admin page in parts: accounts (table, add, edit) and the audit trail with filters.

Why a package: ``app_pages/admin.py`` only wires these together (issue 17 item 5); every
change goes through :mod:`est_geo.access.accounts`, which checks the role once more.
"""
