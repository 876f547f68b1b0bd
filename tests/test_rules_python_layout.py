"""Tests of rules/python/layout.py: black's right-hand split of a one-line statement a fix made too long."""
from odoolint.rules.python.layout import split_long_line


def test_a_call_gets_its_arguments_on_one_indented_line_when_they_fit():
    assert split_long_line('    total = self.env["sale.order"].search_count([("state", "=", "sale")])', 60) == (
        '    total = self.env["sale.order"].search_count(\n'
        '        [("state", "=", "sale")]\n'
        '    )')


def test_a_call_whose_arguments_do_not_fit_together_gets_one_per_line_with_a_trailing_comma():
    assert split_long_line("    return compute_price(product_template_id, partner_pricelist_id, qty)", 40) == (
        "    return compute_price(\n"
        "        product_template_id,\n"
        "        partner_pricelist_id,\n"
        "        qty,\n"
        "    )")


def test_a_collection_literal_with_several_items_is_exploded_even_when_they_would_fit():
    assert split_long_line('    ctx = ["one", "two", "three"]', 30) == (
        '    ctx = [\n        "one",\n        "two",\n        "three",\n    ]')
    assert split_long_line('    ctx = ["one-two-three-four"]', 30) == '    ctx = [\n        "one-two-three-four"\n    ]'


def test_what_black_splits_otherwise_is_left_alone():
    assert split_long_line('    x = a.get("k") or b.get("k") or c.get("k")', 30) is None           # operators
    assert split_long_line('    x = mapping[some_very_long_key_name_here]', 30) is None            # subscript
    assert split_long_line('    x = f(a_long_argument_name)  # keep me', 30) is None               # comment
    assert split_long_line('    x = f(*positional_arguments, **keyword_arguments)', 30) is None    # *args
    assert split_long_line('    x = f(a_very_long_argument_name_that_never_fits_anywhere)', 30) is None
    assert split_long_line('    if f(a_long_argument_name):', 20) is None                          # no closing bracket last
    assert split_long_line('    x = f()', 5) is None                                               # nothing inside
