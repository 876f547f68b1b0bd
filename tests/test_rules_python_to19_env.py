"""Tests of rules/python/to19/env.py (PY102, PY121)."""
from tests.helpers import rows
from tests.python_rules import fixed, run, run_19


def test_private_props(tmp_path):
    src = "def f(self):\n    self._cr.execute('x')  # run\n    return dict(self._context), self._uid\n"
    r = run(tmp_path, src, ["PY102"])
    assert rows(r, tmp_path) == [
        ("my_mod/models/m.py", "PY102", 2, 10, "`_cr` is deprecated since Odoo 19.0: use `.env.cr`"),
        ("my_mod/models/m.py", "PY102", 3, 22, "`_context` is deprecated since Odoo 19.0: use `.env.context`"),
        ("my_mod/models/m.py", "PY102", 3, 38, "`_uid` is deprecated since Odoo 19.0: use `.env.uid`")]
    assert r.diagnostics[0].severity.value == "warning"
    out, _ = fixed(tmp_path, src, ["PY102"])
    assert out == ("def f(self):\n    self.env.cr.execute('x')  # run\n"
                   "    return dict(self.env.context), self.env.uid\n")


def test_private_props_negative(tmp_path):
    src = "def f(self):\n    self._context = {}\n    return self.env.cr, self._crm\n"
    assert rows(run(tmp_path, src, ["PY102"]), tmp_path) == []
    assert rows(run(tmp_path, "x = self._cr\n", ["PY102"], version="18.0"), tmp_path) == []


def test_env_readonly(tmp_path):
    src = ("def f(self, env):\n    self.env.context = {}\n    env.uid = 1\n    x = self.env.context\n"
           "    self.context = {}\n")
    assert [x[1:4] for x in rows(run_19(tmp_path, src, ["PY121"]), tmp_path)] == [("PY121", 2, 5), ("PY121", 3, 5)]
    assert rows(run_19(tmp_path, src, ["PY121"], version="18.0"), tmp_path) == []
