"""GitHub Actions: steps that can never fail (RULES.md Part B §5, §7.7)."""
from __future__ import annotations

import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Iterator, Optional

from odoolint.model import Applicability, Finding, Fix, OdooVersion, Severity
from odoolint.registry import rule
from odoolint.rules.do_app_spec.yamledit import edit_keeps, insert_key
from odoolint.sources import yamltree as yt

from .shell import is_check, is_odoo_test, parse_script

GHSH = ("github/docs content/actions/.../workflow-syntax-for-github-actions.md after PR #27583 (issue #23853): "
        "an unspecified shell runs `bash -e {0}`; `shell: bash` runs `bash --noprofile --norc -eo pipefail {0}`")


class Step:
    def __init__(self, job_id, job, index, node):
        self.job_id, self.job, self.index, self.node = job_id, job, index, node

    @property
    def path(self):
        return ["jobs", self.job_id, "steps", self.index]

    def get(self, key):
        return yt.get(self.node, key)


def jobs(ctx) -> Iterator[tuple[str, object]]:
    root = getattr(ctx.tree, "root", None)
    for job_id, _, job in yt.items(yt.get(root, "jobs")):
        if yt.is_map(job):
            yield job_id, job


def steps(ctx) -> Iterator[Step]:
    for job_id, job in jobs(ctx):
        for i, node in enumerate(yt.seq(yt.get(job, "steps"))):
            if yt.is_map(node):
                yield Step(job_id, job, i, node)


def script_of(step: Step):
    node = step.get("run")
    return node if yt.is_scalar(node) else None


def locate(ctx, node, script: str, offset: int, length: int):
    """Span in the file of `script[offset:offset+length]` (the run scalar's text), found in the node's source."""
    start, end = node.start_mark.index, node.end_mark.index
    region = ctx.source[start:end]
    snippet = script[offset:offset + length]
    line_no = script.count("\n", 0, offset)
    line_start = script.rfind("\n", 0, offset) + 1
    col_in_line = offset - line_start
    if node.style == "|":
        # literal block: line k of the script is the k-th line after the indicator line, indentation stripped
        first = ctx.index.position(start).line + 1
        text = ctx.index.line_text(first + line_no)
        indent = len(text) - len(text.lstrip(" "))
        if text[indent + col_in_line: indent + col_in_line + length] == snippet:
            s = ctx.index.line_start(first + line_no) + indent + col_in_line
            return ctx.span(s, s + length)
    if script.count(snippet) == 1 and region.count(snippet) == 1:
        s = start + region.index(snippet)
        return ctx.span(s, s + length)
    occurrence = script.count(snippet, 0, offset)
    pos = -1
    for _ in range(occurrence + 1):
        pos = region.find(snippet, pos + 1)
        if pos < 0:
            return yt.span(ctx.index, node)
    return ctx.span(start + pos, start + pos + length)


def effective_shell(ctx, step: Step) -> Optional[str]:
    for holder in (step.node, yt.get(step.job, "defaults"), yt.get(getattr(ctx.tree, "root", None), "defaults")):
        node = yt.get(holder, "shell") if holder is step.node else yt.get(yt.get(holder, "run"), "shell")
        if yt.is_scalar(node):
            return str(node.value)
    return None


def on_windows(step: Step) -> bool:
    runs_on = yt.get(step.job, "runs-on")
    labels = [runs_on] if yt.is_scalar(runs_on) else yt.seq(runs_on)     # a `{group: ...}` mapping names none
    text = " ".join(str(x.value) for x in labels if yt.is_scalar(x))
    return "windows" in text.lower()


_MASK = re.compile(r"^\s*(?:true|:|exit\s+0|echo\b[^;&|()]*|/bin/true)\s*$")
_EXIT_ZERO = re.compile(r"(?:^|\s)--exit-zero\b")
_SET_OFF = re.compile(r"(?:^|[\s;])set\s+\+e\b|(?:^|[\s;])set\s+\+o\s+errexit\b")
_SET_ON = re.compile(r"(?:^|[\s;])set\s+-[a-z]*e[a-z]*\b|(?:^|[\s;])set\s+-o\s+errexit\b|\bexit\s+\"?\$")


@rule("GHA101", "ci-or-true", summary="Test or lint command whose failure is swallowed (`|| true`, --exit-zero, set +e)",
      kinds=["gh-workflow"], severity="error", tags=["correctness"],
      what="In a `run:` script: a test or lint command (pytest, odoo --test-enable, pre-commit, ruff, flake8, "
           "pylint, make test, npm test, ...) followed by `|| true`, `|| :`, `|| exit 0` or `|| echo ...` (error); "
           "`--exit-zero` on ruff, flake8 or pylint (warning); `set +e` before a test or lint command with no later "
           "`set -e` or `exit $rc` (warning).",
      why="The step exits 0 whatever the command reports, so a red test suite or a lint failure shows as a green "
          "check and gets merged.",
      before="run: pytest tests || true", after="run: pytest tests",
      source=GHSH + "; actionlint, zizmor and checkov CKV_GHA do not report these (RULES.md §5)")
def or_true(ctx):
    for step in steps(ctx):
        node = script_of(step)
        if node is None:
            continue
        script = str(node.value)
        lists = parse_script(script)
        for andor in lists:
            for k, (op, at) in enumerate(andor.ops):
                if op != "||":
                    continue
                right = andor.pipelines[k + 1] if k + 1 < len(andor.pipelines) else None
                if right is None or len(right.stages) != 1 or not _MASK.match(right.stages[0].text):
                    continue
                if k + 1 < len(andor.ops) and andor.ops[k + 1][0] == "&&":
                    continue        # `cmd || echo msg && exit 1`: the chain goes on, not simply masked
                left = [s for p in andor.pipelines[:k + 1] for s in p.stages]
                checks = [s for s in left if is_check(s)]
                if not checks:
                    continue
                masked = " ".join(checks[-1].words[:3])
                rhs = right.stages[0].text.strip()
                end = right.stages[0].start + len(right.stages[0].text.rstrip())
                yield Finding(locate(ctx, node, script, at, end - at),
                              f"`{masked} ... || {rhs}` always exits 0: a failing run still shows a green check. "
                              f"Drop `|| {rhs.split()[0]}`.")
        for andor in lists:
            for p in andor.pipelines:
                for s in p.stages:
                    w = s.words
                    m = _EXIT_ZERO.search(s.text)
                    if m and any(x in ("ruff", "flake8", "pylint") or x.startswith(("flake8", "pylint"))
                                 for x in w[:4]):
                        at = s.start + m.start() + (1 if s.text[m.start()].isspace() else 0)
                        yield Finding(locate(ctx, node, script, at, len("--exit-zero")),
                                      "`--exit-zero` makes the linter exit 0 even when it reports problems, so the "
                                      "step can never fail; remove it.", severity=Severity.WARNING)
        m = _SET_OFF.search(script)
        if m:
            rest = script[m.end():]
            if not _SET_ON.search(rest) and any(is_check(s) for a in parse_script(rest) for p in a.pipelines
                                                for s in p.stages):
                at = m.start() + (len(m.group(0)) - len(m.group(0).lstrip(" \t;")))
                yield Finding(locate(ctx, node, script, at, len(m.group(0).strip(" \t;"))),
                              "`set +e` turns off exit-on-error and nothing restores it or exits with the "
                              "command's status: the step's result is the last command's only. Add `set -e` "
                              "after the allowed failure or end with `exit $rc`.", severity=Severity.WARNING)


_LINT_ACTION = re.compile(r"(?:pre-commit|ruff|black|flake8|pylint|lint|odoolint)", re.I)   # not "test": publishers


def _is_check_step(step: Step) -> bool:
    node = script_of(step)
    if node is not None:
        return any(is_check(s) for a in parse_script(str(node.value)) for p in a.pipelines for s in p.stages)
    uses = yt.scalar(step.get("uses"))
    return bool(uses and _LINT_ACTION.search(uses.split("@", 1)[0]))


@rule("GHA102", "ci-continue-on-error", summary="`continue-on-error: true` on a test or lint step or job",
      kinds=["gh-workflow"], severity="error", tags=["correctness"],
      what="A literal `continue-on-error: true` on a step that runs tests or linters (a `run:` with pytest, odoo "
           "--test-enable, pre-commit, ruff, ...; or a lint/test action), or on a job that has such steps. "
           "Expressions such as `${{ matrix.experimental }}` are left alone.",
      why="The failure is recorded but the step (or job) counts as successful: the workflow, and the required "
          "status check, stay green with failing tests.",
      before="- run: pytest\n  continue-on-error: true", after="- run: pytest",
      source="github/docs workflow-syntax-for-github-actions.md `jobs.<job_id>.continue-on-error`, "
             "`jobs.<job_id>.steps[*].continue-on-error` (\"Prevents a job from failing when a step fails\")")
def continue_on_error(ctx):
    for job_id, job in jobs(ctx):
        kn, vn = yt.get_pair(job, "continue-on-error")
        if yt.is_scalar(vn) and yt.to_python(vn) is True:
            job_steps = [Step(job_id, job, i, n) for i, n in enumerate(yt.seq(yt.get(job, "steps"))) if yt.is_map(n)]
            if any(_is_check_step(s) for s in job_steps):
                yield Finding(yt.span(ctx.index, kn),
                              f"Job '{job_id}' runs tests or linters with `continue-on-error: true`: it counts as "
                              f"passed when they fail. Remove it (or use an expression for experimental matrix "
                              f"legs).")
    for step in steps(ctx):
        kn, vn = yt.get_pair(step.node, "continue-on-error")
        if yt.is_scalar(vn) and yt.to_python(vn) is True and _is_check_step(step):
            label = yt.scalar(step.get("name")) or f"steps[{step.index}]"
            yield Finding(yt.span(ctx.index, kn),
                          f"Step '{label}' in job '{step.job_id}' runs tests or linters with `continue-on-error: "
                          f"true`: its failure never fails the job. Remove it.")


_PIPEFAIL = re.compile(r"\bset\s+(?:-[a-z]*o\s+pipefail|-o\s+pipefail|-[a-z]*\s+-o\s+pipefail)|"
                       r"\bset\s+-euo\s+pipefail|\bset\s+-eo\s+pipefail")


def _has_pipefail_shell(shell: Optional[str]) -> bool:
    return shell is not None and (shell.strip() == "bash" or "pipefail" in shell)


@rule("GHA103", "ci-pipe-without-pipefail", summary="Test output piped (`| tee`) under the default shell, no pipefail",
      kinds=["gh-workflow"], severity="error", fix="safe", tags=["correctness"],
      what="A `run:` step on a Linux/macOS runner that pipes a test or lint command into another command (`odoo "
           "... --test-enable | tee test.log`, `pytest | grep`, ...) with no explicit `shell: bash` (step, job or "
           "workflow `defaults.run.shell`) and no `set -o pipefail` before the pipe.",
      why="Without `shell:` GitHub runs `bash -e {0}`, without pipefail: the pipeline's status is the last command's "
          "(`tee` succeeds), so failing tests give a green step. `shell: bash` runs `bash --noprofile --norc -eo "
          "pipefail {0}`.",
      before="- name: Tests\n  run: odoo -d test -i my_mod --test-enable --stop-after-init | tee test.log",
      after="- name: Tests\n  shell: bash\n  run: odoo -d test -i my_mod --test-enable --stop-after-init | tee test.log",
      source=GHSH)
def pipe_without_pipefail(ctx):
    for step in steps(ctx):
        node = script_of(step)
        if node is None or on_windows(step):
            continue
        shell = effective_shell(ctx, step)
        if _has_pipefail_shell(shell):
            continue
        script = str(node.value)
        fix = None
        fix_checked = False
        for andor in parse_script(script):
            for p in andor.pipelines:
                if not p.pipes:
                    continue
                bad = [s for s in p.stages[:-1] if is_check(s)]
                if not bad:
                    continue
                if _PIPEFAIL.search(script[:p.pipes[0]]) or "PIPESTATUS" in script[p.pipes[0]:]:
                    continue
                if not fix_checked:
                    fix_checked = True
                    fix = _shell_fix(ctx, step) if shell is None else None
                last = p.stages[-1].text.split()
                sink = last[0] if last else "the last command"
                where = "the default shell (`bash -e`, no pipefail)" if shell is None else f"`shell: {shell}`"
                yield Finding(locate(ctx, node, script, p.pipes[0], 1),
                              f"`{' '.join(bad[0].words[:2])} ... | {sink}` runs under {where}: the step's status "
                              f"is `{sink}`'s, so failing tests or lint pass. Add `shell: bash` to the step.",
                              fix=fix)


def _shell_fix(ctx, step: Step) -> Optional[Fix]:
    if step.node.flow_style or yt.get(step.node, "shell") is not None:
        return None
    ins = insert_key(ctx.source, step.node, "shell: bash", ctx.newline)
    if ins is None:
        return None
    if not edit_keeps(ctx.source, ins[0], ins[0], ins[1], step.path + ["shell"], lambda n: yt.scalar(n) == "bash"):
        return None
    return Fix((ctx.edit(ins[0], ins[0], ins[1]),), Applicability.SAFE, "Add `shell: bash` (pipefail)")


_DB_FLAG = re.compile(r"(?:^|\s)(?:-d|--database|--db-filter|-c|--config)(?:=|\s|$)|(?:^|\s)-d\S")
_STOP = re.compile(r"(?:^|\s)--stop-after-init\b")
_TEST_FLAG = re.compile(r"(?:^|\s)(--test-enable|--test-tags)\b")
V19 = OdooVersion(19, 0)


@rule("GHA104", "ci-odoo-tests-never-run", summary="Odoo test run that never runs tests or never stops",
      kinds=["gh-workflow"], severity="error", fix="safe", tags=["correctness"],
      what="A `run:` command with `--test-enable`/`--test-tags` but no database (`-d`/`--database`, or a `-c` "
           "config that may set db_name), or, when the target is Odoo 16-18, without `--stop-after-init`.",
      why="Without a database Odoo loads no registry and runs no test while the step passes; before 19.0 "
          "`--test-enable` does not stop the server, so the job hangs until `timeout-minutes` (360 by default).",
      before="run: odoo -d test -i my_mod --test-enable", after="run: odoo -d test -i my_mod --stop-after-init --test-enable",
      source="odoo/tools/config.py: 16.0-18.0 `--test-enable` \"Enable unit tests.\" (no implication); 19.0 "
             "\"Enable unit tests. Implies --stop-after-init\" (C19); odoo/service/server.py runs tests on the "
             "databases named by -d/db_name")
def odoo_tests_never_run(ctx):
    target = ctx.target
    for step in steps(ctx):
        node = script_of(step)
        if node is None:
            continue
        script = str(node.value)
        for andor in parse_script(script):
            for p in andor.pipelines:
                for s in p.stages:
                    if not is_odoo_test(s.text):
                        continue
                    m = _TEST_FLAG.search(s.text)
                    at = s.start + m.start(1)
                    flag = m.group(1)
                    span = locate(ctx, node, script, at, len(flag))
                    if not _DB_FLAG.search(s.text):
                        yield Finding(span, f"`{flag}` without `-d`/`--database`: Odoo opens no database and runs "
                                            f"no test, yet the step passes. Add `-d <db>`.")
                    if target is not None and target < V19 and not _STOP.search(s.text):
                        timeout = yt.get(step.job, "timeout-minutes") is not None
                        fix = None
                        if span.end.offset - span.start.offset == len(flag) and \
                                ctx.source[span.start.offset:span.end.offset] == flag:
                            fix = Fix((ctx.edit(span.start.offset, span.start.offset, "--stop-after-init "),),
                                      Applicability.SAFE, "Add `--stop-after-init`")
                        yield Finding(span, f"Odoo {target} keeps serving after the tests (`{flag}` does not imply "
                                            f"`--stop-after-init` before 19.0): the job hangs until "
                                            f"{'its timeout' if timeout else 'the 360-minute default timeout'}. "
                                            f"Add `--stop-after-init`.", fix=fix)


@rule("GHA105", "ci-yaml-python-tag", summary="`!!python/...` tag in a GitHub Actions workflow",
      kinds=["gh-workflow"], severity="error", tags=["security", "correctness"],
      what="Every `!!python/...` tag in a workflow file. The file is composed with PyYAML's safe composer, so the "
           "tag is reported and never constructed.",
      why="GitHub rejects the workflow (\"Invalid workflow file\"), so none of its checks run; an unsafe Python "
          "YAML loader would execute the code it names.",
      before="run: !!python/object/apply:os.system ['id']", after="run: pytest",
      source="PyYAML documentation (python/* tags are only constructed by the unsafe loaders); github/docs "
             "workflow-syntax-for-github-actions.md (workflow files are plain YAML)")
def yaml_python_tag(ctx):
    from odoolint.sources.yamltree import PY_TAG, python_tags
    for node in python_tags(ctx.tree):
        yield Finding(ctx.span(node.start_mark.index, node.start_mark.index),
                      f"YAML tag `!!python/{node.tag[len(PY_TAG):]}` names Python code: GitHub rejects the workflow "
                      f"and an unsafe YAML loader would execute it; replace it with a plain value.")
