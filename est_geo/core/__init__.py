"""Core of EST Geo: errors, configuration, the data model, periods, CRS, validation,
markup and the view state."""
