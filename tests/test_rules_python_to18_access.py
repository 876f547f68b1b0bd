"""Tests of rules/python/to18/access.py (PY209)."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '17.0.1.0.0', 'license': 'LGPL-3'}\n"


P = "my_mod/models/m.py"


def run(tmp_path, src, select, version="18.0", fix=False):
    files = {"my_mod/__manifest__.py": MAN, P: src} if src is not None else None
    return lint(tmp_path, files, odoo_version=version, select=select, fix=fix)


SRC = '''def f(self, flag):
    self.env["x"].check_access_rights("write")
    ok = self.check_access_rights("read", raise_exception=False)
    self.check_access_rights("read", flag)
    self.check_access_rule("read")
    return self._filter_access_rules("read"), super().check_access_rule("read")
'''


def test_check_access(tmp_path):
    r = run(tmp_path, SRC, ["PY209"])
    assert [x[1:5] for x in rows(r, tmp_path)] == [
        ("PY209", 2, 19, "`check_access_rights()` is deprecated since Odoo 18.0: use `check_access()`"),
        ("PY209", 3, 15, "`check_access_rights()` is deprecated since Odoo 18.0: use `browse().has_access()`"),
        ("PY209", 4, 10, "`check_access_rights()` is deprecated since Odoo 18.0: use `browse().check_access()`"),
        ("PY209", 5, 10, "`check_access_rule()` is deprecated since Odoo 18.0: use `check_access()`"),
        ("PY209", 6, 17, "`_filter_access_rules()` is deprecated since Odoo 18.0: use `_filtered_access()`")]
    run(tmp_path, None, ["PY209"], fix=True)
    assert (tmp_path / P).read_text() == '''def f(self, flag):
    self.env["x"].check_access("write")
    ok = self.browse().has_access("read")
    self.check_access_rights("read", flag)
    self.check_access("read")
    return self._filtered_access("read"), super().check_access_rule("read")
'''
    assert rows(run(tmp_path, SRC, ["PY209"], version="17.0"), tmp_path) == []


MODELS = '''def page(self, model_name):
    orders = request.env["sale.order"].sudo()
    if not orders.check_access_rights("read", raise_exception=False):
        return
    lines = request.env["sale.order.line"]
    lines = lines.search([])
    lines.check_access_rights("read")
    model_name.check_access_rights("read")
'''


def test_check_access_on_an_empty_recordset_needs_no_browse(tmp_path):
    """A local name only ever assigned `env[...]` is an empty recordset: `has_access` on it is what the
    wrapper calls; a name reassigned to a search result, or a parameter, keeps `browse()`."""
    run(tmp_path, MODELS, ["PY209"], fix=True)
    assert (tmp_path / P).read_text() == MODELS.replace(
        'orders.check_access_rights("read", raise_exception=False)', 'orders.has_access("read")').replace(
        'lines.check_access_rights("read")', 'lines.browse().check_access("read")').replace(
        'model_name.check_access_rights("read")', 'model_name.browse().check_access("read")')


PAIRS = '''def portal_page(self, picking, attachment):
    picking.check_access_rights("read")
    picking.check_access_rule("read")
    attachment.check_access_rights("write")
    picking.check_access_rule("write")
    attachment.check_access_rights("unlink")  # model level only
    attachment.check_access_rule("unlink")
    return picking
'''


def test_check_access_rights_then_rule_on_the_same_records_is_one_check_access(tmp_path):
    """18.0's check_access(op) tests the model access before the rules: the pair collapses into one call; a pair
    on different records, or one whose first line carries a comment, is rewritten call by call."""
    r = run(tmp_path, PAIRS, ["PY209"])
    assert [x[2:4] for x in rows(r, tmp_path)] == [(2, 13), (3, 13), (4, 16), (5, 13), (6, 16), (7, 16)]
    run(tmp_path, None, ["PY209"], fix=True)
    out = (tmp_path / P).read_text()
    assert out == '''def portal_page(self, picking, attachment):
    picking.check_access("read")
    attachment.browse().check_access("write")
    picking.check_access("write")
    attachment.browse().check_access("unlink")  # model level only
    attachment.check_access("unlink")
    return picking
'''
    again = run(tmp_path, None, ["PY209"], fix=True)
    assert rows(again, tmp_path) == [] and (tmp_path / P).read_text() == out


SPLIT = '''def portal_values(self, counters):
    values = {}
    if "order_count" in counters:
        orders = request.env["sale.order"]
        values["order_count"] = (
            orders.search_count([])
            if orders.check_access_rights("read", raise_exception=False)
            else 0
        )
    return values


def can_read_orders(self):
    orders = self.env["sale.order"]
    return (
        orders.check_access_rights("read", raise_exception=False)
        and not self.env.user.share
    )


def may_read_orders(self):
    orders = self.env["sale.order"]
    allowed = (
        orders.check_access_rights("read", raise_exception=False)  # portal users
        or self.env.is_superuser()
    )
    invoices = self.env["account.move"]
    visible = (
        invoices.check_access_rights("read", raise_exception=False)
        and invoices.search_count([("move_type", "=", "out_invoice")])
    )
    return allowed, visible
'''


def test_a_shorter_call_lets_black_join_the_expression_split_in_parentheses(tmp_path):
    """An expression black split at its operators inside `x = (` / `return (` because it did not fit is
    written as black writes it once `has_access` makes it fit: the whole statement on one line (black drops
    those parentheses), else the expression on one line between them; a comment keeps the split, and so does
    a single operator before a call, where black would split at the call's bracket instead."""
    run(tmp_path, SPLIT, ["PY209"], fix=True)
    out = (tmp_path / P).read_text()
    assert out == SPLIT.replace(
        '''            orders.search_count([])
            if orders.check_access_rights("read", raise_exception=False)
            else 0
''', '''            orders.search_count([]) if orders.has_access("read") else 0
''').replace('''    return (
        orders.check_access_rights("read", raise_exception=False)
        and not self.env.user.share
    )
''', '''    return orders.has_access("read") and not self.env.user.share
''').replace('orders.check_access_rights("read", raise_exception=False)  # portal users',
             'orders.has_access("read")  # portal users').replace(
        'invoices.check_access_rights("read", raise_exception=False)', 'invoices.has_access("read")')
    again = run(tmp_path, None, ["PY209"], fix=True)
    assert rows(again, tmp_path) == [] and (tmp_path / P).read_text() == out


HAND_SPLIT = '''def can_read_orders(self):
    orders = self.env["sale.order"]
    return (
        orders.check_access_rights("read", raise_exception=False)
        and not self.env.su
    )
'''


def test_an_expression_split_by_hand_where_black_would_have_joined_it_keeps_its_lines(tmp_path):
    """The expression fitted between the parentheses before the rewrite: black did not write this split, so
    the file does not follow black here and only the call is rewritten."""
    run(tmp_path, HAND_SPLIT, ["PY209"], fix=True)
    assert (tmp_path / P).read_text() == HAND_SPLIT.replace(
        'orders.check_access_rights("read", raise_exception=False)', 'orders.has_access("read")')
