"""Tests of rules/python/to19/http.py (PY103, PY114)."""
from tests.helpers import rows
from tests.python_rules import P, fixed, run, run_19


def test_route_type_json(tmp_path):
    src = "from odoo import http\n\n\nclass C(http.Controller):\n    @http.route(\"/x\", type=\"json\", auth='user')\n    def x(self):\n        return 1\n"
    r = run(tmp_path, src, ["PY103"], path="my_mod/controllers/main.py")
    assert rows(r, tmp_path) == [("my_mod/controllers/main.py", "PY103", 5, 28,
                                  "`type='json'` is deprecated since Odoo 19.0: use `type='jsonrpc'`")]
    out, _ = fixed(tmp_path, src, ["PY103"], path="my_mod/controllers/main.py")
    assert out == src.replace('type="json"', 'type="jsonrpc"')


def test_route_type_http_untouched(tmp_path):
    src = "from odoo import http\n@http.route('/x', type='http')\ndef x(): pass\nroute = dict(type='json')\n"
    assert rows(run(tmp_path, src, ["PY103"]), tmp_path) == []


def test_request_props(tmp_path):
    src = "from odoo.http import request\nlang = request.context.get('lang')\nrequest.uid = 1\nother.cr\n"
    r = run_19(tmp_path, src, ["PY114"])
    assert rows(r, tmp_path) == [
        (P, "PY114", 2, 16, "`request.context` is deprecated since Odoo 19.0: use `request.env.context`"),
        (P, "PY114", 3, 9, "assigning `request.uid` raises NotImplementedError in Odoo 19.0: use "
         "`request.update_env(...)` / `request.update_context(...)`")]
    run_19(tmp_path, None, ["PY114"], fix=True)
    assert (tmp_path / P).read_text() == src.replace("request.context", "request.env.context")
