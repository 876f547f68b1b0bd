"""Python breaks of the 18.0 -> 19.0 step, one module per topic."""
