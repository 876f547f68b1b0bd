"""Tests of rules/python/to18/actions.py (PY212)."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '17.0.1.0.0', 'license': 'LGPL-3'}\n"
P = "my_mod/wizard/w.py"

SRC = '''def action_open(self):
    ctx = dict(self.env.context, tree_view_ref="my_mod.view_x")
    ctx["tree_view_ref"] = "my_mod.view_x_tree"
    action = {
        "type": "ir.actions.act_window",
        "name": "A tree of records",
        "view_mode": "kanban, tree,form",
        "views": [(False, "tree"), [False, "form"], (False, "treeish")],
        "context": {'tree_view_ref': "my_mod.view_x_tree"},
    }
    action["view_mode"] = "tree"
    action["view_type"] = "form"
    return action, {"mode": "tree"}
'''


def test_tree_view_type_in_python_actions(tmp_path):
    r = lint(tmp_path, {"my_mod/__manifest__.py": MAN, P: SRC}, odoo_version="18.0", select=["PY212"])
    assert [x[2:] for x in rows(r, tmp_path)] == [
        (2, 34, "`tree_view_ref` is ignored since Odoo 18.0: the key is `list_view_ref`"),
        (3, 10, "`tree_view_ref` is ignored since Odoo 18.0: the key is `list_view_ref`"),
        (7, 31, "`view_mode` names the `tree` view type: it is `list` since Odoo 18.0"),
        (8, 28, "`views` names the `tree` view type: it is `list` since Odoo 18.0"),
        (9, 22, "`tree_view_ref` is ignored since Odoo 18.0: the key is `list_view_ref`"),
        (11, 28, "`view_mode` names the `tree` view type: it is `list` since Odoo 18.0"),
    ]
    lint(tmp_path, None, odoo_version="18.0", select=["PY212"], fix=True)
    out = (tmp_path / P).read_text()
    assert out == SRC.replace(" tree_view_ref=", " list_view_ref=").replace('ctx["tree_view_ref"]', 'ctx["list_view_ref"]').replace(
        '"kanban, tree,form"', '"kanban, list,form"').replace('(False, "tree")', '(False, "list")').replace(
        "{'tree_view_ref'", "{'list_view_ref'").replace('action["view_mode"] = "tree"',
                                                       'action["view_mode"] = "list"')
    again = lint(tmp_path, None, odoo_version="18.0", select=["PY212"], fix=True)
    assert rows(again, tmp_path) == [] and (tmp_path / P).read_text() == out


def test_tree_view_type_not_before_18(tmp_path):
    assert rows(lint(tmp_path, {"my_mod/__manifest__.py": MAN, P: SRC}, odoo_version="17.0",
                     select=["PY212"]), tmp_path) == []
