"""Dockerfiles through dockerfile-parse (continuations, comments, parser directives),
with 1-based lines and the column where each instruction starts."""
from __future__ import annotations

import io
import json
from dataclasses import dataclass, field

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from .. import shellwords
from . import ParseFailure, Text, parser


@dataclass
class Instruction:
    instruction: str         # upper-case: FROM, RUN, COPY, ...
    value: str               # continuation lines joined
    line: int
    end_line: int
    start: int               # offset of the instruction keyword
    end: int                 # offset of the end of its last line
    stage: int               # index of the build stage it belongs to

    def exec_form(self) -> Optional[list[str]]:
        """The JSON array of an exec-form CMD/ENTRYPOINT/RUN, else None."""
        v = self.value.strip()
        if v.startswith("["):
            try:
                data = json.loads(v)
            except (ValueError, RecursionError):     # (arrays nested past the limit: no array of strings)
                return None
            if isinstance(data, list) and all(isinstance(x, str) for x in data):
                return data
        return None

    def words(self) -> list[str]:
        form = self.exec_form()
        if form is not None:
            return form
        try:
            return shellwords.split(self.value)
        except ValueError:
            return self.value.split()


@dataclass
class Stage:
    index: int
    base: str                # the image reference after FROM (flags stripped)
    name: Optional[str]
    line: int


@dataclass
class DockerTree:
    instructions: list[Instruction] = field(default_factory=list)
    stages: list[Stage] = field(default_factory=list)

    def of(self, *names: str) -> list[Instruction]:
        wanted = {n.upper() for n in names}
        return [i for i in self.instructions if i.instruction in wanted]


@parser("dockerfile")
def parse_dockerfile(text: Text, path: str) -> DockerTree:
    from dockerfile_parse import DockerfileParser

    try:
        dfp = DockerfileParser(fileobj=io.BytesIO(), env_replace=False)
        dfp.content = text.text
        structure = dfp.structure
    except Exception as exc:  # the library raises assorted errors on odd input
        raise ParseFailure(f"Dockerfile cannot be parsed: {exc}") from None
    tree = DockerTree()
    index = text.index
    stage = -1
    for item in structure:
        ins = item["instruction"].upper()
        if ins == "COMMENT":
            continue
        line = item["startline"] + 1
        end_line = item["endline"] + 1
        first = index.line_text(line)
        start = index.line_start(line) + (len(first) - len(first.lstrip()))
        if ins == "FROM":
            stage += 1
            parts = [p for p in item["value"].split() if not p.startswith("--")]
            name = parts[2] if len(parts) >= 3 and parts[1].lower() == "as" else None
            tree.stages.append(Stage(stage, parts[0] if parts else "", name, line))
        tree.instructions.append(Instruction(ins, item["value"], line, end_line, start,
                                             index.line_end(end_line), max(stage, 0)))
    if not tree.stages and tree.instructions:
        first = tree.instructions[0]
        if first.instruction not in ("ARG",):
            raise ParseFailure("Dockerfile has no FROM instruction", first.line, 1)
    return tree
