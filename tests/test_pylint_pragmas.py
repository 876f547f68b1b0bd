"""pylint's own suppression comments, with pylint's scopes, on the rules that carry pylint-odoo's names."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '17.0.1.0.0', 'license': 'LGPL-3'}\n"
P = "my_mod/models/m.py"
MSG = "Print used. Use `logger` instead."

SRC = '''def f():
    print(1)  # pylint: disable=print-used
    print(2)


def g():
    # pylint: disable=W8116
    print(3)
    if True:
        print(4)
    # pylint: enable=print-used
    print(5)


def h():  # pylint: disable=print-used
    print(6)


# pylint: disable-next=print-used
print(7)
print(8)


class K:
    def m(self):
        if True:
            # pylint: disable=print-used
            print(9)
        print(10)
'''


def run(tmp_path, src):
    return lint(tmp_path, {"my_mod/__manifest__.py": MAN, P: src}, select=["PY540"])


def test_line_block_next_and_enable_scopes(tmp_path):
    assert rows(run(tmp_path, SRC), tmp_path) == [
        (P, "PY540", 3, 5, MSG), (P, "PY540", 12, 5, MSG), (P, "PY540", 21, 1, MSG), (P, "PY540", 29, 9, MSG)]


def test_module_top_disable_covers_the_file_and_all_covers_every_check(tmp_path):
    assert rows(run(tmp_path, "# pylint: disable=print-used\nprint(1)\n\n\ndef f():\n    print(2)\n"),
                tmp_path) == []
    assert rows(run(tmp_path / "b", "print(0)\n# pylint: disable=all\nprint(1)\n"), tmp_path / "b") == [
        (P, "PY540", 1, 1, MSG)]


def test_a_pragma_for_another_check_suppresses_nothing(tmp_path):
    assert rows(run(tmp_path, "print(1)  # pylint: disable=sql-injection,E8103\n"), tmp_path) == [
        (P, "PY540", 1, 1, MSG)]
