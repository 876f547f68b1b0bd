"""odoolint: a static-analysis linter for Odoo addons and the configs that deploy them."""

__version__ = "0.1.0"
