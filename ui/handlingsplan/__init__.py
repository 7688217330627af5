"""The Handlingsplan page in parts: what the plan refers to, filters, table, history, forms.

Why a package: ``app_pages/handlingsplan.py`` only wires these together (issue 17 item
5); adding and editing an item, with the role checked again, are in
:mod:`est_geo.meeting.handlingsplan`.
"""
