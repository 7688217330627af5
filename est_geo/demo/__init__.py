"""The demo: synthetic data for Norrköping, the demo meeting and the first-start bootstrap."""
