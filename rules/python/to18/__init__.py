"""Python breaks of the 17.0 -> 18.0 step, one module per topic."""
