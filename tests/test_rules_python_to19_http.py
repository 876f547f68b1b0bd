"""Tests of rules/python/to19/http.py (PY103, PY114)."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '18.0.1.0.0', 'license': 'LGPL-3'}\n"


def run(tmp_path, src, select, version="19.0", fix=False, unsafe=False, path="my_mod/models/m.py"):
    files = {"my_mod/__manifest__.py": MAN, path: src} if src is not None else None
    return lint(tmp_path, files, odoo_version=version, select=select, fix=fix, unsafe=unsafe)


def fixed(tmp_path, src, select, version="19.0", unsafe=False, path="my_mod/models/m.py"):
    run(tmp_path, src, select, version, fix=True, unsafe=unsafe, path=path)
    out = (tmp_path / path).read_text()
    again = run(tmp_path, None, select, version, fix=True, unsafe=unsafe)
    assert (tmp_path / path).read_text() == out          # a second run changes nothing
    compile(out, path, "exec")                             # still parses
    return out, again


P = "my_mod/models/m.py"


def run_19(tmp_path, src, select, version="19.0", fix=False):
    files = {"my_mod/__manifest__.py": MAN, P: src} if src is not None else None
    return lint(tmp_path, files, odoo_version=version, select=select, fix=fix)


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
