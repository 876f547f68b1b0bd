"""Data tables (option lists, rename tables) shipped with odoolint."""
