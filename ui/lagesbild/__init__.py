"""The Lägesbild page in parts: choices, the picture's sections, the agenda form.

Why a package: ``app_pages/lagesbild.py`` only wires these together (issue 17 item 5).
``view`` draws the picture's shared pieces (figures, map, priorities, charts, PDF),
which Möte draws too.
"""
