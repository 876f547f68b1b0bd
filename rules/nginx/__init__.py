"""nginx site configurations: where the reverse proxy in front of Odoo sends each location."""
