"""Dockerfile: the "dockerfile" facts (FACTS.md) and the small helpers every Dockerfile rule uses.

Schema: {"dir", "stages": [{"base", "name", "line"}], "expose": [int], "copies": [{"src", "dest", "line",
"stage"}], "env": {k: v}, "cmd", "entrypoint", "healthcheck", "user", "has_dockerignore"}.
`env`, `cmd`, `entrypoint`, `healthcheck`, `user` and `expose` describe the final stage (the image that runs);
`copies` lists every stage's COPY/ADD with its stage index. A per-file extractor cannot look at the disk, so
`has_dockerignore` is always null here; the deployment model fills it from the project's files.
Private: "_runs" (the RUN commands of every stage), "_any_entrypoint" (an ENTRYPOINT in any stage), "_spans" {"from": span of the first FROM, "copies": [span per entry of "copies"], "cmd": span,
"env": {KEY: span of the final stage's ENV line}, "healthcheck": span, "healthcheck_text": its source text}.
"""
from __future__ import annotations

import os
import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from odoolint import shellwords
from odoolint.registry import facts

# (?<!...): a key starts where no key character precedes it, so a long run of letters is scanned once, not once
# per position (linear)
_ENV_PAIR = re.compile(r"""(?<![A-Za-z0-9_.-])([A-Za-z_][A-Za-z0-9_.-]*)=("(?:[^"\\]|\\.)*"|'[^']*'|(?:[^\s\\]|\\.)*)""")


def split_words(value: str) -> list[str]:
    try:
        return shellwords.split(value)
    except ValueError:
        return value.split()


def parse_env(value: str) -> dict[str, str]:
    """`ENV A=1 B="two words"` and the legacy `ENV A one value` form."""
    v = value.strip()
    first = v.split(None, 1)[0] if v else ""
    if "=" not in first:
        key, _, rest = v.partition(" ")
        return {key: rest.strip()} if key else {}
    out = {}
    for m in _ENV_PAIR.finditer(v):
        words = split_words(m.group(2)) if m.group(2) else [""]
        out[m.group(1)] = words[0] if words else ""
    return out


def copy_args(ins) -> tuple[list[str], Optional[str], dict[str, str]]:
    """(sources, destination, flags) of a COPY/ADD instruction (exec or shell form)."""
    words = ins.exec_form()
    if words is None:
        words = split_words(ins.value)
    flags = {}
    rest = []
    for w in words:
        if w.startswith("--") and not rest:
            k, _, val = w[2:].partition("=")
            flags[k] = val
        else:
            rest.append(w)
    if len(rest) < 2:
        return [], None, flags
    return rest[:-1], rest[-1], flags


def final_stage(tree) -> int:
    return tree.stages[-1].index if tree.stages else 0


def stage_of(tree, index: int):
    return [i for i in tree.instructions if i.stage == index]


def stage_env(tree, index: int) -> dict[str, str]:
    """ENV of a stage, including what it inherits from an earlier stage it is built FROM."""
    env: dict[str, str] = {}
    if 0 <= index < len(tree.stages):
        base = tree.stages[index].base
        for s in tree.stages[:index]:
            if s.name and s.name == base:
                env.update(stage_env(tree, s.index))
    for ins in stage_of(tree, index):
        if ins.instruction == "ENV":
            env.update(parse_env(ins.value))
    return env


def run_words(ins) -> list[str]:
    form = ins.exec_form()
    return form if form is not None else ["/bin/sh", "-c", ins.value]


def _base_span(ctx, stage):
    """Span of the image reference on the stage's FROM line, or None when it is not written there verbatim."""
    line = ctx.index.line_text(stage.line)
    at = line.upper().find("FROM")
    pos = line.find(stage.base, at + 4) if at >= 0 and stage.base else -1
    if pos < 0:
        return None
    start = ctx.index.line_start(stage.line) + pos
    return ctx.span(start, start + len(stage.base)).to_dict()


@facts("dockerfile", "dockerfile")
def extract(ctx) -> dict:
    tree = ctx.tree
    out: dict = {"dir": os.path.dirname(os.path.abspath(ctx.path)), "stages": [], "expose": [], "copies": [],
                 "env": {}, "cmd": None, "entrypoint": None, "healthcheck": None, "user": None,
                 "has_dockerignore": None, "_runs": [], "_any_entrypoint": False, "_spans": {"from": None, "copies": [], "cmd": None, "env": {}}}
    if tree is None:
        return out
    out["stages"] = [{"base": s.base, "name": s.name, "line": s.line, "_base_span": _base_span(ctx, s)}
                     for s in tree.stages]
    spans = out["_spans"]
    froms = tree.of("FROM")
    if froms:
        spans["from"] = ctx.span(froms[0].start, froms[0].end).to_dict()
    last = final_stage(tree)
    for ins in tree.instructions:
        if ins.instruction == "RUN":
            out["_runs"].append(ins.value)
        elif ins.instruction == "ENTRYPOINT":
            out["_any_entrypoint"] = True
        if ins.instruction in ("COPY", "ADD"):
            src, dest, flags = copy_args(ins)
            if dest is not None:
                entry = {"src": src, "dest": dest, "line": ins.line, "stage": ins.stage}
                if flags.get("from"):
                    entry["from"] = flags["from"]
                out["copies"].append(entry)
                spans["copies"].append(ctx.span(ins.start, ins.end).to_dict())
    out["env"] = stage_env(tree, last)
    for ins in stage_of(tree, last):
        name = ins.instruction
        if name == "EXPOSE":
            for w in split_words(ins.value):
                port = w.split("/", 1)[0]
                if port.isdigit():
                    out["expose"].append(int(port))
        elif name == "ENV":
            for key in parse_env(ins.value):
                spans["env"][key] = ctx.span(ins.start, ins.end).to_dict()
        elif name == "CMD":
            spans["cmd"] = ctx.span(ins.start, ins.end).to_dict()
            out["cmd"] = ins.exec_form() if ins.exec_form() is not None else split_words(ins.value)
        elif name == "ENTRYPOINT":
            out["entrypoint"] = ins.exec_form() if ins.exec_form() is not None else split_words(ins.value)
        elif name == "HEALTHCHECK":
            out["healthcheck"] = ins.value.strip()
            spans["healthcheck"] = ctx.span(ins.start, ins.end).to_dict()
            spans["healthcheck_text"] = ctx.source[ins.start:ins.end]
        elif name == "USER":
            out["user"] = ins.value.strip() or None
    return out
