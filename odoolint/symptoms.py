"""Symptoms: the runtime messages a rule's broken state makes Odoo, Postgres, compose, apt, ... print.

A symptom is data: a pattern (RE2 syntax, so matching untrusted logs is linear-time), who prints the message and
where (file and branch, or the tool's docs), the verbatim message as that source prints it, and a one-line why.
The tables live beside the rules, one module per rule family (`rules/<family>/symptoms.py` with a
``SYMPTOMS = {code: (Symptom(...), ...)}``), and are attached to a rule's metadata when the rule registers: the
decorators of the rules stay as they are, and a one-file run that imports a single rule module still gets the
symptoms of the rules it imports.
"""
from __future__ import annotations

import importlib

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from .model import FrozenRecord, _set


class Symptom(FrozenRecord):
    _fields = __slots__ = ("pattern", "emitter", "source", "message", "why", "specific")

    def __init__(self, pattern: str, emitter: str, source: str, message: str, why: str = "", specific: bool = True):
        # pattern: RE2 pattern searched in one error line; named groups name what it captured
        # emitter: who prints it: "Odoo", "PostgreSQL", "libpq", "apt", "docker compose", ...
        # source: where: "odoo/models.py `create` (16.0-18.0)", "PostgreSQL src/backend/...", docs
        # message: the message verbatim, as its source prints it (tests match the pattern against it)
        # why: one line: how the rule's broken state leads to this message
        # specific: False: the message has other common causes (ranked after specific matches)
        for f, v in zip(self._fields, (pattern, emitter, source, message, why, specific)):
            _set(self, f, v)

    def to_dict(self) -> dict:
        return {"pattern": self.pattern, "emitter": self.emitter, "source": self.source,
                "message": self.message, "why": self.why, "specific": self.specific}


_tables: dict[str, dict[str, tuple[Symptom, ...]]] = {}


def family_of(module: str) -> Optional[str]:
    """`odoolint.rules.xml.views` -> `odoolint.rules.xml` (sub-packages share their family's table)."""
    parts = module.split(".")
    if len(parts) < 4 or parts[:2] != ["odoolint", "rules"]:
        return None
    return ".".join(parts[:3])


def table(family: str) -> dict[str, tuple[Symptom, ...]]:
    """The symptom table of a rule family (empty when the family has none)."""
    if family not in _tables:
        name = family + ".symptoms"
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            _tables[family] = {}
        else:
            _tables[family] = {code: tuple(items) for code, items in getattr(mod, "SYMPTOMS", {}).items()}
    return _tables[family]


def symptoms_for(module: str, code: str) -> tuple[Symptom, ...]:
    """The symptoms declared for rule `code`, defined in `module`."""
    family = family_of(module)
    return table(family).get(code, ()) if family else ()
