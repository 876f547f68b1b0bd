"""Python breaks of the 16.0 -> 17.0 step, one module per topic."""
