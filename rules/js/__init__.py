"""Rules over addon JavaScript (static/src/**/*.js), read through tree-sitter (odoolint/sources/js.py)."""
