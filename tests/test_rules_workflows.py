"""GitHub Actions rules (GHA1xx): steps that can never fail."""
from __future__ import annotations

from odoolint.rules.workflows.shell import is_check, parse_script
from tests.helpers import lint, rows

WF = ".github/workflows/ci.yml"


def wf(steps: str, job_extra: str = "", top: str = "") -> str:
    return ("name: CI\non:\n  push:\n  pull_request:\n" + top + "jobs:\n  test:\n    runs-on: ubuntu-latest\n"
            + job_extra + "    steps:\n      - uses: actions/checkout@v4\n" + steps)


def run(tmp_path, text, select, **kw):
    result = lint(tmp_path, {WF: text}, select=select, **kw)
    assert result.errors == []
    return result, rows(result, tmp_path)


def refix(tmp_path, select, **kw):
    assert lint(tmp_path, None, select=select, fix=True, **kw).fixed_data == {}


# ---- the script reader ----------------------------------------------------------------------------------
def test_script_reader_splits_quotes_and_operators():
    lists = parse_script("echo 'a | b' && pytest -q | tee \"x|y\" || true  # c | d\nruff check .")
    first = lists[0]
    assert [op for op, _ in first.ops] == ["&&", "||"]
    assert [s.text.strip() for s in first.pipelines[1].stages] == ["pytest -q", "tee \"x|y\""]
    assert [s.text.strip() for s in first.pipelines[2].stages] == ["true"]
    assert lists[1].pipelines[0].stages[0].text == "ruff check ."


def test_check_commands():
    checks = ["pytest -q", "python -m pytest", "uv run ruff check .", "odoo -d t --test-enable", "make test",
              "npm run lint", "pre-commit run -a", "CI=1 coverage run -m pytest", "./odoo-bin --test-tags /x"]
    others = ["docker rm -f db", "pip install -r requirements.txt", "make build", "echo pytest", "tee log.txt"]
    from odoolint.rules.workflows.shell import Segment
    assert all(is_check(Segment(c, 0)) for c in checks)
    assert not any(is_check(Segment(c, 0)) for c in others)


# ---- GHA101 ci-or-true ----------------------------------------------------------------------------------
def test_or_true_variants(tmp_path):
    text = wf("      - name: Lint\n        run: pre-commit run --all-files || true\n"
              "      - name: Tests\n        run: |\n          pip install -r requirements.txt || true\n"
              "          pytest -q tests || echo \"tests failed\"\n          flake8 --exit-zero addons\n"
              "      - run: |\n          set +e\n          pytest\n          echo done\n")
    _, got = run(tmp_path, text, ["GHA101"])
    assert got == [
        (WF, "GHA101", 11, 41, "`pre-commit run --all-files ... || true` always exits 0: a failing run still shows a "
                               "green check. Drop `|| true`."),
        (WF, "GHA101", 15, 27, "`pytest -q tests ... || echo \"tests failed\"` always exits 0: a failing run still "
                               "shows a green check. Drop `|| echo`."),
        (WF, "GHA101", 16, 18, "`--exit-zero` makes the linter exit 0 even when it reports problems, so the step "
                               "can never fail; remove it."),
        (WF, "GHA101", 18, 11, "`set +e` turns off exit-on-error and nothing restores it or exits with the command's "
                               "status: the step's result is the last command's only. Add `set -e` after the allowed "
                               "failure or end with `exit $rc`."),
    ]
    sev = {d.span.start.line: d.severity.value for d in lint(tmp_path, None, select=["GHA101"]).diagnostics}
    assert sev == {11: "error", 15: "error", 16: "warning", 18: "warning"}


def test_or_true_negatives(tmp_path):
    text = wf("      - run: docker rm -f db || true\n"
              "      - run: pytest || (echo failed; exit 1)\n"
              "      - run: |\n          set +e\n          pytest\n          rc=$?\n          exit $rc\n"
              "      - run: echo 'pytest || true'\n"
              "      - run: pytest || echo \"tests failed\" && exit 1\n")
    _, got = run(tmp_path, text, ["GHA101"])
    assert got == []


# ---- GHA102 ci-continue-on-error ------------------------------------------------------------------------------
def test_continue_on_error(tmp_path):
    text = wf("      - name: Tests\n        run: pytest\n        continue-on-error: true\n"
              "      - name: Upload\n        run: ./upload.sh\n        continue-on-error: true\n"
              "      - name: Experimental\n        run: pytest\n        continue-on-error: ${{ matrix.experimental }}\n"
              "      - uses: pre-commit/action@v3.0.1\n        continue-on-error: true\n",
              job_extra="    continue-on-error: true\n")
    _, got = run(tmp_path, text, ["GHA102"])
    assert got == [
        (WF, "GHA102", 8, 5, "Job 'test' runs tests or linters with `continue-on-error: true`: it counts as passed "
                              "when they fail. Remove it (or use an expression for experimental matrix legs)."),
        (WF, "GHA102", 13, 9, "Step 'Tests' in job 'test' runs tests or linters with `continue-on-error: true`: its "
                              "failure never fails the job. Remove it."),
        (WF, "GHA102", 21, 9, "Step 'steps[4]' in job 'test' runs tests or linters with `continue-on-error: true`: "
                              "its failure never fails the job. Remove it."),
    ]


def test_continue_on_error_negative(tmp_path):
    text = wf("      - run: ./deploy-preview.sh\n        continue-on-error: true\n      - run: pytest\n"
              "        continue-on-error: false\n"
              "      - uses: EnricoMi/publish-unit-test-result-action@v2\n        continue-on-error: true\n")
    _, got = run(tmp_path, text, ["GHA102"])
    assert got == []


# ---- GHA103 ci-pipe-without-pipefail ---------------------------------------------------------------------------
def test_pipe_without_pipefail_block_step_fix(tmp_path):
    text = wf("      - name: Odoo tests  # keep this comment\n        run: |\n"
              "          odoo -d test -i my_mod --test-enable --stop-after-init 2>&1 | tee test.log\n"
              "      - run: pytest | tee out.txt\n      - name: next\n        run: echo ok\n")
    _, got = run(tmp_path, text, ["GHA103"])
    assert got == [
        (WF, "GHA103", 12, 71, "`odoo -d ... | tee` runs under the default shell (`bash -e`, no pipefail): the step's "
                               "status is `tee`'s, so failing tests or lint pass. Add `shell: bash` to the step."),
        (WF, "GHA103", 13, 21, "`pytest ... | tee` runs under the default shell (`bash -e`, no pipefail): the step's "
                               "status is `tee`'s, so failing tests or lint pass. Add `shell: bash` to the step."),
    ]
    lint(tmp_path, None, select=["GHA103"], fix=True)
    assert (tmp_path / WF).read_text() == wf(
        "      - name: Odoo tests  # keep this comment\n        shell: bash\n        run: |\n"
        "          odoo -d test -i my_mod --test-enable --stop-after-init 2>&1 | tee test.log\n"
        "      - run: pytest | tee out.txt\n        shell: bash\n      - name: next\n        run: echo ok\n")
    refix(tmp_path, ["GHA103"])


def test_pipe_fix_keeps_crlf(tmp_path):
    text = wf("      - name: t\n        run: pytest | tee x.log\n").replace("\n", "\r\n")
    lint(tmp_path, {WF: text.encode()}, select=["GHA103"], fix=True)
    assert (tmp_path / WF).read_bytes() == text.replace(
        "      - name: t\r\n", "      - name: t\r\n        shell: bash\r\n").encode()


def test_pipe_flow_step_has_no_fix(tmp_path):
    text = wf("      - {name: t, run: \"pytest | tee x.log\"}\n")
    result, got = run(tmp_path, text, ["GHA103"])
    assert [r[1:3] for r in got] == [("GHA103", 10)]
    assert result.diagnostics[0].fix is None


def test_pipe_negatives(tmp_path):
    text = wf("      - shell: bash\n        run: pytest | tee x\n"
              "      - run: |\n          set -euo pipefail\n          pytest | tee x\n"
              "      - run: echo hi | tee x\n      - run: pytest > x.log\n"
              "      - run: |\n          pytest | tee x\n          exit ${PIPESTATUS[0]}\n",
              top="defaults:\n  run:\n    shell: bash\n")
    _, got = run(tmp_path, text, ["GHA103"])
    assert got == []
    text = wf("      - run: |\n          set -euo pipefail\n          pytest | tee x\n      - run: echo hi | tee x\n"
              "      - run: |\n          pytest | tee x\n          exit ${PIPESTATUS[0]}\n")
    _, got = run(tmp_path, text, ["GHA103"])
    assert got == []
    windows = wf("      - run: pytest | tee x\n").replace("ubuntu-latest", "windows-latest")
    _, got = run(tmp_path, windows, ["GHA103"])
    assert got == []


def test_pipe_under_explicit_sh_is_reported_without_fix(tmp_path):
    text = wf("      - shell: sh\n        run: pytest | tee x\n")
    result, got = run(tmp_path, text, ["GHA103"])
    assert got == [(WF, "GHA103", 11, 21, "`pytest ... | tee` runs under `shell: sh`: the step's status is `tee`'s, "
                                          "so failing tests or lint pass. Add `shell: bash` to the step.")]
    assert result.diagnostics[0].fix is None


# ---- GHA104 ci-odoo-tests-never-run -----------------------------------------------------------------------------
def test_odoo_tests_never_run(tmp_path):
    text = wf("      - run: odoo -i my_mod --test-enable\n"
              "      - run: |\n          odoo -d test -u my_mod --test-tags /my_mod\n")
    _, got = run(tmp_path, text, ["GHA104"], odoo_version="17.0")
    assert got == [
        (WF, "GHA104", 10, 29, "Odoo 17.0 keeps serving after the tests (`--test-enable` does not imply "
                               "`--stop-after-init` before 19.0): the job hangs until the 360-minute default timeout. "
                               "Add `--stop-after-init`."),
        (WF, "GHA104", 10, 29, "`--test-enable` without `-d`/`--database`: Odoo opens no database and runs no test, "
                               "yet the step passes. Add `-d <db>`."),
        (WF, "GHA104", 12, 34, "Odoo 17.0 keeps serving after the tests (`--test-tags` does not imply "
                               "`--stop-after-init` before 19.0): the job hangs until the 360-minute default timeout. "
                               "Add `--stop-after-init`."),
    ]
    lint(tmp_path, None, select=["GHA104"], fix=True, odoo_version="17.0")
    assert (tmp_path / WF).read_text() == text.replace("--test-enable", "--stop-after-init --test-enable").replace(
        "--test-tags", "--stop-after-init --test-tags")
    refix(tmp_path, ["GHA104"], odoo_version="17.0")


def test_odoo_tests_on_19_and_complete_commands(tmp_path):
    text = wf("      - run: odoo -d test -i my_mod --test-enable\n"
              "      - run: odoo -c ci.conf -i my_mod --test-enable --stop-after-init\n")
    _, got = run(tmp_path, text, ["GHA104"], odoo_version="19.0")
    assert got == []
    _, got = run(tmp_path, text, ["GHA104"], odoo_version="18.0")
    assert [r[2] for r in got] == [10]


# ---- GHA105 ci-yaml-python-tag -----------------------------------------------------------------------------
def test_python_tag_in_workflow(tmp_path):
    _, got = run(tmp_path, wf("      - run: !!python/name:os.system\n"), ["GHA105"])
    assert got == [(WF, "GHA105", 10, 14, "YAML tag `!!python/name:os.system` names Python code: GitHub rejects the "
                                          "workflow and an unsafe YAML loader would execute it; replace it with a "
                                          "plain value.")]
    _, got = run(tmp_path, wf("      - run: pytest\n"), ["GHA105"])
    assert got == []


def test_stop_after_init_fix_in_folded_scalar(tmp_path):
    text = wf("      - name: tests\n        run: >-\n          odoo -d test -i my_mod\n          --test-enable\n")
    lint(tmp_path, {WF: text}, select=["GHA104"], fix=True, odoo_version="16.0")
    assert (tmp_path / WF).read_text() == text.replace("  --test-enable", "  --stop-after-init --test-enable")
    refix(tmp_path, ["GHA104"], odoo_version="16.0")
