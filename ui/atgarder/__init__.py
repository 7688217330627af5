"""The Åtgärder page in sections: state and session keys, table, map, map edits, form, analysis.

Why a package: ``app_pages/atgarder.py`` only wires these together; every section reads
the same :class:`~ui.atgarder.state.AtgarderContext`.
"""
