"""A small, quote-aware reader of `run:` scripts: logical lines, command lists, pipelines, check commands.

It is not a shell parser: it knows quotes, backslash continuations, comments and the operators
`|`, `||`, `&&`, `;`, `&`, which is enough to tell what a step's exit status depends on.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

_ASSIGN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=\S*$")
_WRAPPERS = {"sudo", "time", "exec", "command", "env", "xvfb-run", "npx", "bunx", "pipx"}
_RUNNERS = {("uv", "run"), ("poetry", "run"), ("pipenv", "run"), ("pdm", "run"), ("hatch", "run"),
            ("pixi", "run"), ("rye", "run")}
_TOOLS = {"pytest", "py.test", "tox", "nox", "ruff", "flake8", "pylint", "black", "isort", "mypy", "pyright",
          "bandit", "pre-commit", "prek", "eslint", "prettier", "stylelint", "jest", "mocha", "vitest", "odoolint",
          "yamllint", "shellcheck", "hadolint", "actionlint", "oca_run_tests", "run_tests", "pylint-odoo",
          "coverage", "unittest", "pydocstyle", "codespell", "djlint", "tsc"}
_TARGETS = {"test", "tests", "check", "lint", "unittest", "unit-test", "e2e"}


@dataclass
class Segment:
    """One simple command: its text and its offset in the script."""

    text: str
    start: int

    @property
    def words(self) -> list[str]:
        return self.text.split()


@dataclass
class Pipeline:
    stages: list[Segment]
    pipes: list[int]          # offsets of each `|` in the script


@dataclass
class AndOr:
    """A list joined by && / ||, followed by `ops` (the operator after each pipeline)."""

    pipelines: list[Pipeline]
    ops: list[tuple[str, int]]


def logical_lines(script: str) -> list[tuple[str, int]]:
    """(text, offset) of each line, with backslash-newline continuations kept in place (same offsets)."""
    out, start, i = [], 0, 0
    n = len(script)
    while i < n:
        if script[i] == "\\" and i + 1 < n and script[i + 1] == "\n":
            i += 2
            continue
        if script[i] == "\n":
            out.append((script[start:i], start))
            start = i + 1
        i += 1
    if start < n:
        out.append((script[start:], start))
    return out


def parse_line(line: str, base: int) -> list[AndOr]:
    """Split one logical line into and-or lists, pipelines and simple commands (quote-aware, comments cut)."""
    lists: list[AndOr] = []
    pipelines: list[Pipeline] = []
    ops: list[tuple[str, int]] = []
    stages: list[Segment] = []
    pipes: list[int] = []
    seg_start = 0
    quote = ""
    depth = 0
    i, n = 0, len(line)

    def cut(end):
        stages.append(Segment(line[seg_start:end], base + seg_start))

    while i < n:
        c = line[i]
        if quote:
            if c == "\\" and quote == '"':
                i += 2
                continue
            if c == quote:
                quote = ""
            i += 1
            continue
        if c in "'\"":
            quote = c
        elif c == "\\":
            i += 2
            continue
        elif c == "#" and (i == 0 or line[i - 1] in " \t;&|("):
            break
        elif c == "$" and line[i + 1:i + 2] == "(":
            depth += 1
            i += 2
            continue
        elif c == "(" and depth:
            depth += 1
        elif c == ")" and depth:
            depth -= 1
        elif depth == 0 and c in "|&;":
            two = line[i:i + 2]
            if two in ("||", "&&"):
                cut(i)
                pipelines.append(Pipeline(stages, pipes))
                ops.append((two, base + i))
                stages, pipes = [], []
                i += 2
                seg_start = i
                continue
            if c == "|":
                cut(i)
                pipes.append(base + i)
                i += 2 if two == "|&" else 1
                seg_start = i
                continue
            if c == "&" and (line[i - 1:i] == ">" or line[i + 1:i + 2] == ">" or line[i - 1:i] == "<"):
                i += 1          # a redirection (2>&1, &>file), not a background operator
                continue
            if c == ";" or c == "&":
                cut(i)
                pipelines.append(Pipeline(stages, pipes))
                lists.append(AndOr(pipelines, ops))
                pipelines, ops, stages, pipes = [], [], [], []
                i += 1
                seg_start = i
                continue
        i += 1
    cut(i if not quote else n)
    pipelines.append(Pipeline(stages, pipes))
    lists.append(AndOr(pipelines, ops))
    return lists


def parse_script(script: str) -> list[AndOr]:
    out: list[AndOr] = []
    for line, start in logical_lines(script):
        out.extend(parse_line(line, start))
    return out


def command_words(words: list[str]) -> list[str]:
    """The words after leading assignments and wrappers (sudo, env, uv run, python -m, ...)."""
    w = list(words)
    while w:
        if _ASSIGN.match(w[0]) or w[0] in _WRAPPERS:
            w = w[1:]
        elif len(w) >= 2 and (w[0], w[1]) in _RUNNERS:
            w = w[2:]
        elif len(w) >= 3 and re.match(r"^python(?:\d(?:\.\d+)?)?$", w[0]) and w[1] == "-m":
            w = w[2:]
        else:
            break
    return w


def is_odoo_test(text: str) -> bool:
    return bool(re.search(r"(?:^|\s)--test-(?:enable|tags)\b", text))


def is_check(seg: Segment) -> bool:
    """Does this simple command run tests or a linter (its failure should fail the step)?"""
    if is_odoo_test(seg.text):
        return True
    w = command_words(seg.words)
    if not w:
        return False
    head = os.path.basename(w[0].strip("'\""))
    if head in _TOOLS or head.startswith(("pytest", "flake8", "pylint")):
        return True
    if head.endswith("manage.py") and len(w) > 1 and w[1] == "test":
        return True
    if head in ("make", "just", "task") and len(w) > 1 and w[1] in _TARGETS:
        return True
    if head in ("npm", "yarn", "pnpm", "bun") and any(x in ("test", "lint") for x in w[1:3]):
        return True
    if head in ("go", "cargo") and len(w) > 1 and w[1] in ("test", "vet", "clippy"):
        return True
    if head in ("python", "python3") and len(w) > 1 and re.search(r"(?:^|/)(?:run_)?tests?(?:_\w+)?\.py$", w[1]):
        return True
    return False
