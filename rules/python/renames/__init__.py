"""Rename and removal tables as data (renames/tables.py) and the table-driven rules that read them."""
