"""Every odoolint rule, one module per family, grouped by the kind of file it reads."""
