"""Interventions: drawings, scope, zones, the evaluation statistics and their charts."""
