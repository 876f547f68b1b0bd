"""The in-memory project of the language server stays equal to a fresh whole-project run after every edit.

LiveProject re-runs only the cross-file rules whose reads changed; this checks that memo against the
runner on the same files on disk, edit after edit (facts that change, files that come and go).
"""
from __future__ import annotations

from pathlib import Path

from odoolint.config import Settings
from odoolint.live import LiveProject
from odoolint.runner import RunOptions, run
from tests.helpers import write_tree
from tests.test_partial_runs import PROJECT


def _key(d):
    return (d.path, d.code, d.span.start.line, d.span.start.column, d.message)


def _same_as_a_full_run(root: Path, live: LiveProject) -> None:
    full = run(RunOptions([root], Settings(select=["ALL"]), no_cache=True, jobs=1))
    assert not full.errors and not live.errors
    got = live.diagnostics(live.refs)
    assert sorted(_key(d) for ds in got.values() for d in ds) == sorted(_key(d) for d in full.diagnostics)


EDITS = [
    # (file, old, new): each changes facts some cross-file rule reads
    ("my_mod/models/thing.py", "    name = fields.Char()\n", "    name = fields.Char()\n    nme = fields.Char()\n"),
    ("my_mod/views/list.xml", '"nme"', '"qty"'),
    ("my_mod/views/views.xml", "my_dashbaord", "my_dashboard"),
    ("my_mod/__manifest__.py", "'depends': ['mail']", "'depends': ['mail', 'other_mod']"),
    ("config/odoo.conf", "db_host = postgres", "db_host = db"),
    ("docker-compose.yml", "    networks: [front, back]\n", "    networks: [front]\n"),
    ("my_mod/static/src/js/dash.js", 'actions.add("my_dashboard"', 'actions.add("other"'),
    ("other_mod/views/menu.xml", 'id="group_other"', 'id="group_renamed"'),
    ("my_mod/models/thing.py", "    def action_confirm(self):", "    def action_confrim(self):"),
]


def test_edits_keep_the_live_project_equal_to_a_full_run(tmp_path: Path):
    write_tree(tmp_path, PROJECT)
    live = LiveProject(tmp_path, Settings(select=["ALL"]), use_cache=False, jobs=1)
    _same_as_a_full_run(tmp_path, live)
    for rel, old, new in EDITS:
        path = tmp_path / rel
        text = path.read_text()
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new))
        live.update(str(path), path.read_bytes())
        _same_as_a_full_run(tmp_path, live)
    # a file that appears, one that goes away, a manifest (an addon) that appears
    extra = tmp_path / "other_mod/views/more.xml"
    extra.write_text('<odoo>\n  <menuitem id="menu_top" name="Again"/>\n</odoo>\n')
    live.update(str(extra), extra.read_bytes())
    _same_as_a_full_run(tmp_path, live)
    (tmp_path / "config/odoo.conf").unlink()
    live.update(str(tmp_path / "config/odoo.conf"), None)
    _same_as_a_full_run(tmp_path, live)
    (tmp_path / "third/views").mkdir(parents=True)
    (tmp_path / "third/views/v.xml").write_text('<odoo><record id="x" model="ir.ui.view"><field name="model">'
                                                'my.thing</field><field name="arch" type="xml"><form>'
                                                '<field name="nope"/></form></field></record></odoo>\n')
    live.update(str(tmp_path / "third/views/v.xml"), (tmp_path / "third/views/v.xml").read_bytes())
    manifest = tmp_path / "third/__manifest__.py"
    manifest.write_text("{'name': 'Third', 'version': '18.0.1.0.0', 'license': 'LGPL-3', 'depends': ['my_mod'],"
                        " 'data': ['views/v.xml']}\n")
    live.update(str(manifest), manifest.read_bytes())
    _same_as_a_full_run(tmp_path, live)


def test_a_new_target_version_relints_everything(tmp_path: Path):
    write_tree(tmp_path, PROJECT)
    live = LiveProject(tmp_path, Settings(select=["ALL"]), use_cache=False, jobs=1)
    assert str(live.target) == "18.0"
    for rel in ("my_mod/__manifest__.py", "other_mod/__manifest__.py"):
        path = tmp_path / rel
        path.write_text(path.read_text().replace("18.0.1.0.0", "17.0.1.0.0"))
        live.update(str(path), path.read_bytes())
    assert str(live.target) == "17.0"
    _same_as_a_full_run(tmp_path, live)


OPEN = ["my_mod/views/list.xml", "my_mod/views/views.xml", "config/odoo.conf", "my_mod/models/thing.py"]


def test_an_editors_open_files_stay_equal_to_a_full_run_edit_after_edit(tmp_path: Path):
    """What the server asks for: only the open files (cross-file rules then report on those alone, the
    project and the caches rules keep on it live on between edits); a wider request afterwards still sees
    everything."""
    write_tree(tmp_path, PROJECT)
    live = LiveProject(tmp_path, Settings(select=["ALL"]), use_cache=False, jobs=1)
    opened = [str(tmp_path / rel) for rel in OPEN]

    def same_for_open_files():
        full = run(RunOptions([tmp_path], Settings(select=["ALL"]), no_cache=True, jobs=1))
        got = live.diagnostics(opened)
        assert not live.errors
        assert sorted(_key(d) for ds in got.values() for d in ds) == \
            sorted(_key(d) for d in full.diagnostics if d.path in got)

    same_for_open_files()
    for rel, old, new in EDITS + [(r, n, o) for r, o, n in reversed(EDITS)]:   # and back again
        path = tmp_path / rel
        text = path.read_text()
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1))
        live.update(str(path), path.read_bytes())
        same_for_open_files()
    _same_as_a_full_run(tmp_path, live)


def _many_files() -> dict[str, str]:
    """PROJECT and enough files of its addon (above the runner's POOL_THRESHOLD) for a run to use the pool; each
    has findings of its own (a `name_get` override, a `<tree>` view) and facts the cross-file rules join."""
    files = dict(PROJECT)
    for i in range(40):
        files[f"my_mod/models/gen_{i}.py"] = (
            "from odoo import fields, models\n\n\n"
            f"class Gen{i}(models.Model):\n    _name = 'my.gen{i}'\n    _description = 'Gen {i}'\n\n"
            "    name = fields.Char()\n\n    def name_get(self):\n        return [(r.id, r.name) for r in self]\n")
        files[f"my_mod/views/gen_{i}.xml"] = (
            f'<odoo>\n  <record id="view_gen{i}_list" model="ir.ui.view">\n    <field name="model">my.gen{i}'
            '</field>\n    <field name="arch" type="xml">\n      <tree>\n        <field name="name"/>\n'
            '        <field name="nope"/>\n      </tree>\n    </field>\n  </record>\n</odoo>\n')
    return files


def test_a_pooled_live_project_in_a_thread_equals_a_full_run(tmp_path: Path, monkeypatch):
    """What the server does: the live project built (and re-targeted) from its worker thread with two jobs lints
    through the fork pool and gives the findings of a one-process full run."""
    import sys
    import threading

    import odoolint.runner as runner_mod

    write_tree(tmp_path, _many_files())
    started = []
    real = runner_mod.start_workers

    def recording(n, kinds):
        pool = real(n, kinds)
        started.append((n, type(pool).__name__))
        return pool

    monkeypatch.setattr(runner_mod, "start_workers", recording)
    outcome: dict = {}

    def serve():
        try:
            live = LiveProject(tmp_path, Settings(select=["ALL"]), use_cache=False, jobs=2)
            outcome["first"] = sorted(_key(d) for ds in live.diagnostics(live.refs).values() for d in ds)
            targets = []
            for rel in ("my_mod/__manifest__.py", "other_mod/__manifest__.py"):
                path = tmp_path / rel
                path.write_text(path.read_text().replace("18.0.1.0.0", "17.0.1.0.0"))
                live.update(str(path), path.read_bytes())     # a new target: every file linted again
                targets.append(str(live.target))
            outcome["targets"] = targets
            outcome["second"] = sorted(_key(d) for ds in live.diagnostics(live.refs).values() for d in ds)
            outcome["errors"] = live.errors
        except BaseException as exc:     # noqa: BLE001 - reported by the assertions below
            outcome["raised"] = exc

    def full_run():
        full = run(RunOptions([tmp_path], Settings(select=["ALL"]), no_cache=True, jobs=1))
        assert not full.errors
        return sorted(_key(d) for d in full.diagnostics)

    for rel in ("my_mod/__manifest__.py", "other_mod/__manifest__.py"):    # the first full run: on 18.0
        assert "18.0.1.0.0" in (tmp_path / rel).read_text()
    expected_first = full_run()
    thread = threading.Thread(target=serve)
    thread.start()
    thread.join(timeout=120)
    assert not thread.is_alive()
    assert "raised" not in outcome, outcome.get("raised")
    assert outcome["errors"] == []
    assert outcome["targets"] == ["None", "17.0"]      # two series in the project, then one
    assert outcome["first"] == expected_first
    assert outcome["second"] == full_run()
    assert outcome["first"] != outcome["second"]        # the re-target changed what is reported
    pool_kind = "ForkPool" if sys.platform.startswith("linux") else "ExecutorWorkers"    # pool.start_workers
    assert started == [(1, pool_kind)] * 3      # the first lint, then once per new target
    codes = {k[1] for k in outcome["first"]}
    assert {"XML101", "PY301"} <= codes, codes
