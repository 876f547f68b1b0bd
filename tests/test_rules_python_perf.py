"""libcst is imported only for files whose findings need an import rewrite that is not on one plain line."""
import subprocess
import sys
import textwrap


def _libcst_loaded(tmp_path, source: str) -> bool:
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "__manifest__.py").write_text("{'name': 'm', 'license': 'LGPL-3', 'version': '18.0.1.0.0'}\n")
    (tmp_path / "m" / "a.py").write_text(source)
    (tmp_path / ".git").mkdir()
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from odoolint.config import Settings
        from odoolint.runner import RunOptions, run
        run(RunOptions([Path({str(tmp_path)!r})], Settings(select=["PY", "MF"], odoo_version="19.0"),
                       no_cache=True, jobs=1))
        print("libcst" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return out.strip().endswith("True")


def test_no_libcst_without_import_fixes(tmp_path):
    assert not _libcst_loaded(tmp_path, "def f(self):\n    return self._cr, self.user_has_groups('x')\n")


def test_no_libcst_for_one_line_import_fixes(tmp_path):
    assert not _libcst_loaded(tmp_path, "from odoo.tools.misc import xlsxwriter\n")


def test_libcst_for_parenthesised_import_fixes(tmp_path):
    assert _libcst_loaded(tmp_path, "from odoo.tools.misc import (\n    xlsxwriter,  # the writer\n)\n")
