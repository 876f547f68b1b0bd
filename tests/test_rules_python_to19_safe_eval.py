"""Tests of rules/python/to19/safe_eval.py (PY124)."""
from tests.helpers import rows
from tests.python_rules import P, fixed, run

SRC = '''from odoo.tools.safe_eval import safe_eval


def evaluate(self, action, code, space, names):
    domain = safe_eval(action["domain"], locals_dict={"active_id": self.id})
    ctx = safe_eval(action["context"], globals_dict=names)
    safe_eval(code, space, mode="exec", nocopy=True)
    both = safe_eval(code, names, {"x": 1})
    also = safe_eval(code, None, {"x": 1})
    later = safe_eval(code, mode="eval", locals_dict=names, locals_builtins=True)
    return domain, ctx, both, also, later, safe_eval(code, space)
'''

MSG = ("`safe_eval()` no longer takes {} in Odoo 19.0 (TypeError): pass one `context` dict, `mode=` and "
       "`filename=` by keyword")


def test_safe_eval_signature(tmp_path):
    r = run(tmp_path, SRC, ["PY124"])
    assert rows(r, tmp_path) == [
        (P, "PY124", 5, 14, MSG.format("`locals_dict=`")),
        (P, "PY124", 6, 11, MSG.format("`globals_dict=`")),
        (P, "PY124", 7, 5, MSG.format("`nocopy=`")),
        (P, "PY124", 8, 12, MSG.format("a third positional argument")),
        (P, "PY124", 9, 12, MSG.format("a third positional argument")),
        (P, "PY124", 10, 13, MSG.format("`locals_dict=`, `locals_builtins=`"))]
    out, again = fixed(tmp_path, SRC, ["PY124"])
    assert out == SRC.replace(
        'locals_dict={"active_id": self.id}', '{"active_id": self.id}').replace(
        "globals_dict=names", "names").replace(
        'mode="exec", nocopy=True', 'mode="exec"').replace(
        'safe_eval(code, names, {"x": 1})', 'safe_eval(code, {**names, **{"x": 1}})').replace(
        'safe_eval(code, None, {"x": 1})', 'safe_eval(code, {"x": 1})').replace(
        'mode="eval", locals_dict=names, locals_builtins=True', 'mode="eval", context=names')
    assert rows(again, tmp_path) == []


EXEC = '''from odoo.tools import safe_eval


def run_code(self, code, space, names):
    safe_eval.safe_eval(code, space, mode="exec", nocopy=False)
    safe_eval.safe_eval(code, names, space, "exec")
'''


def test_safe_eval_exec_mode_needs_review_or_a_person(tmp_path):
    """19.0 writes the executed code's variables into the dict passed, which 18.0 copied unless nocopy=True: the
    fix is unsafe there; two namespaces in exec mode are reported without a fix."""
    r = run(tmp_path, EXEC, ["PY124"])
    assert [(x[2], x[3]) for x in rows(r, tmp_path)] == [(5, 5), (6, 5)]
    assert [d.fix.applicability.value if d.fix else None for d in r.diagnostics] == ["unsafe", None]
    out, _ = fixed(tmp_path, EXEC, ["PY124"], unsafe=True)
    assert out == EXEC.replace('mode="exec", nocopy=False', 'mode="exec"')


def test_safe_eval_negative(tmp_path):
    src = ("from odoo.tools.safe_eval import safe_eval\n\n\ndef my_safe_eval(expr, locals_dict=None):\n"
           "    return expr\n\n\ndef f(code, d):\n    safe_eval(code, d, mode='exec')\n"
           "    my_safe_eval(code, locals_dict=d)\n    safe_eval(code, context=d)\n")
    assert rows(run(tmp_path, src, ["PY124"]), tmp_path) == []
    other = "def safe_eval(a, b, c):\n    return a\n\n\nsafe_eval(1, 2, 3)\n"
    assert rows(run(tmp_path, other, ["PY124"]), tmp_path) == []
    assert rows(run(tmp_path, SRC, ["PY124"], version="18.0"), tmp_path) == []


HUGGED = '''from odoo.tools.safe_eval import safe_eval


def check(self, expression, namespace):
    try:
        safe_eval(
            expression, namespace, mode="exec", nocopy=True
        )  # nocopy: for rule result
    except ValueError:
        return False
'''


def test_safe_eval_fix_lets_black_join_the_call_keeping_its_comment(tmp_path):
    out, _ = fixed(tmp_path, HUGGED, ["PY124"])
    assert out == HUGGED.replace(
        '        safe_eval(\n            expression, namespace, mode="exec", nocopy=True\n'
        '        )  # nocopy: for rule result\n',
        '        safe_eval(expression, namespace, mode="exec")  # nocopy: for rule result\n')
