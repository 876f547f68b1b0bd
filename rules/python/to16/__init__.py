"""Breaks already in place by 16.0 (legacy APIs)."""
