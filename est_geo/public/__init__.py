"""The public release: aggregates that may leave the municipality, and disclosure rules."""
